package io.arplab.wire.pcap;

/** LINKTYPE_ values (tcpdump.org/linktypes.html) with the names tcpdump prints. */
public final class LinkType {
    private LinkType() {}

    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int RAW = 101;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    /** Whether arplab's tcpdump prints captures of this type (print.c's if_printers it mirrors). */
    public static boolean printable(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, 12, RAW, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }

    /** tcpdump's "link-type" words, e.g. {@code EN10MB (Ethernet)}. */
    public static String describe(int linkType) {
        return switch (linkType) {
            case 0 -> "NULL (BSD loopback)";
            case ETHERNET -> "EN10MB (Ethernet)";
            case 12, RAW -> "RAW (Raw IP)";
            case LINUX_SLL -> "LINUX_SLL (Linux cooked v1)";
            case IPV4 -> "IPV4 (Raw IPv4)";
            case IPV6 -> "IPV6 (Raw IPv6)";
            case LINUX_SLL2 -> "LINUX_SLL2 (Linux cooked v2)";
            default -> "LINKTYPE_" + linkType;
        };
    }
}
