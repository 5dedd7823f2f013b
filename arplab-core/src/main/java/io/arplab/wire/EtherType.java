package io.arplab.wire;

/**
 * The Ethernet type/length field (IEEE 802.3 clause 3.2.6). Values up to 1500 are an 802.3 length, values from
 * 0x0600 on are an EtherType; unknown codes are kept as numbers so they survive a round trip.
 */
public record EtherType(int value) {
    public static final EtherType IPV4 = new EtherType(0x0800);
    public static final EtherType ARP = new EtherType(0x0806);
    public static final EtherType WAKE_ON_LAN = new EtherType(0x0842);
    public static final EtherType RARP = new EtherType(0x8035);
    /** IEEE 802.1Q customer VLAN tag. */
    public static final EtherType VLAN = new EtherType(0x8100);
    public static final EtherType IPV6 = new EtherType(0x86dd);
    public static final EtherType SLOW_PROTOCOLS = new EtherType(0x8809);
    public static final EtherType MPLS_UNICAST = new EtherType(0x8847);
    public static final EtherType MPLS_MULTICAST = new EtherType(0x8848);
    public static final EtherType PPPOE_DISCOVERY = new EtherType(0x8863);
    public static final EtherType PPPOE_SESSION = new EtherType(0x8864);
    public static final EtherType EAPOL = new EtherType(0x888e);
    /** IEEE 802.1ad service VLAN tag (QinQ outer tag). */
    public static final EtherType QINQ = new EtherType(0x88a8);
    public static final EtherType LLDP = new EtherType(0x88cc);
    public static final EtherType MACSEC = new EtherType(0x88e5);
    public static final EtherType PTP = new EtherType(0x88f7);
    public static final EtherType CFM = new EtherType(0x8902);
    /** Pre-802.1ad vendor QinQ outer tag. */
    public static final EtherType VLAN_9100 = new EtherType(0x9100);
    public static final EtherType LOOPBACK = new EtherType(0x9000);

    /** Largest value that is an 802.3 length rather than an EtherType. */
    public static final int MAX_LENGTH = 1500;

    public EtherType {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("EtherType outside 0..0xffff: " + value);
        }
    }

    /** The shared constant for known values (no allocation), a new instance for others. */
    public static EtherType of(int value) {
        EtherType known = known(value);
        return known != null ? known : new EtherType(value);
    }

    private static EtherType known(int value) {
        return switch (value) {
            case 0x0800 -> IPV4;
            case 0x0806 -> ARP;
            case 0x0842 -> WAKE_ON_LAN;
            case 0x8035 -> RARP;
            case 0x8100 -> VLAN;
            case 0x86dd -> IPV6;
            case 0x8809 -> SLOW_PROTOCOLS;
            case 0x8847 -> MPLS_UNICAST;
            case 0x8848 -> MPLS_MULTICAST;
            case 0x8863 -> PPPOE_DISCOVERY;
            case 0x8864 -> PPPOE_SESSION;
            case 0x888e -> EAPOL;
            case 0x88a8 -> QINQ;
            case 0x88cc -> LLDP;
            case 0x88e5 -> MACSEC;
            case 0x88f7 -> PTP;
            case 0x8902 -> CFM;
            case 0x9000 -> LOOPBACK;
            case 0x9100 -> VLAN_9100;
            default -> null;
        };
    }

    /** True for 802.3 frames, whose field holds the payload length (an LLC header follows). */
    public boolean isLength() {
        return value <= MAX_LENGTH;
    }

    public static boolean isLength(int value) {
        return value <= MAX_LENGTH;
    }

    /** TPIDs that announce an 802.1Q / 802.1ad tag: 0x8100, 0x88a8 and the older 0x9100. */
    public static boolean isVlanTpid(int value) {
        return value == 0x8100 || value == 0x88a8 || value == 0x9100;
    }

    public boolean isKnown() {
        return known(value) != null;
    }

    /** A short name (tcpdump's spelling where it has one), "Unknown" for others, "Length" for 802.3 lengths. */
    public String name() {
        if (isLength()) {
            return "Length";
        }
        return switch (value) {
            case 0x0800 -> "IPv4";
            case 0x0806 -> "ARP";
            case 0x0842 -> "Wake-on-LAN";
            case 0x8035 -> "Reverse ARP";
            case 0x8100 -> "802.1Q";
            case 0x86dd -> "IPv6";
            case 0x8809 -> "Slow Protocols";
            case 0x8847 -> "MPLS unicast";
            case 0x8848 -> "MPLS multicast";
            case 0x8863 -> "PPPoE D";
            case 0x8864 -> "PPPoE S";
            case 0x888e -> "EAPOL";
            case 0x88a8 -> "802.1Q-QinQ";
            case 0x88cc -> "LLDP";
            case 0x88e5 -> "802.1AE";
            case 0x88f7 -> "PTP";
            case 0x8902 -> "CFM";
            case 0x9000 -> "Loopback";
            case 0x9100 -> "802.1Q-9100";
            default -> "Unknown";
        };
    }

    /** {@code IPv4 (0x0800)}. */
    @Override
    public String toString() {
        return String.format("%s (0x%04x)", name(), value);
    }
}
