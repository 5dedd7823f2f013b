package io.arplab.wire;

/** ARP hardware type (IANA "Hardware Types" registry, RFC 826 ar$hrd). Unknown codes are kept as numbers. */
public record ArpHardwareType(int code) {
    public static final ArpHardwareType ETHERNET = new ArpHardwareType(1);
    public static final ArpHardwareType EXPERIMENTAL_ETHERNET = new ArpHardwareType(2);
    public static final ArpHardwareType AX25 = new ArpHardwareType(3);
    public static final ArpHardwareType CHAOS = new ArpHardwareType(5);
    /** IEEE 802 networks (token ring); Linux ARPHRD_IEEE802. */
    public static final ArpHardwareType IEEE802 = new ArpHardwareType(6);
    public static final ArpHardwareType ARCNET = new ArpHardwareType(7);
    public static final ArpHardwareType FRAME_RELAY = new ArpHardwareType(15);
    public static final ArpHardwareType ATM = new ArpHardwareType(19);
    public static final ArpHardwareType IEEE1394 = new ArpHardwareType(24);
    public static final ArpHardwareType INFINIBAND = new ArpHardwareType(32);

    public ArpHardwareType {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("ARP hardware type outside 0..0xffff: " + code);
        }
    }

    public static ArpHardwareType of(int code) {
        return switch (code) {
            case 1 -> ETHERNET;
            case 2 -> EXPERIMENTAL_ETHERNET;
            case 3 -> AX25;
            case 5 -> CHAOS;
            case 6 -> IEEE802;
            case 7 -> ARCNET;
            case 15 -> FRAME_RELAY;
            case 19 -> ATM;
            case 24 -> IEEE1394;
            case 32 -> INFINIBAND;
            default -> new ArpHardwareType(code);
        };
    }

    /** A short name, null when unknown. */
    public String name() {
        return switch (code) {
            case 1 -> "Ethernet";
            case 2 -> "Experimental Ethernet";
            case 3 -> "AX.25";
            case 5 -> "Chaos";
            case 6 -> "IEEE 802";
            case 7 -> "ARCNET";
            case 15 -> "Frame Relay";
            case 19 -> "ATM";
            case 24 -> "IEEE 1394";
            case 32 -> "InfiniBand";
            default -> null;
        };
    }

    @Override
    public String toString() {
        String n = name();
        return n != null ? n : "Unknown (" + code + ")";
    }
}
