package io.arplab.wire.pcap;

/** LINKTYPE_ values (tcpdump.org/linktypes.html) with the names tcpdump prints. */
public final class LinkType {
    private LinkType() {}

    public static final int ETHERNET = 1;

    /** tcpdump's "link-type" words, e.g. {@code EN10MB (Ethernet)}. */
    public static String describe(int linkType) {
        return switch (linkType) {
            case 0 -> "NULL (BSD loopback)";
            case ETHERNET -> "EN10MB (Ethernet)";
            case 101 -> "RAW (Raw IP)";
            case 113 -> "LINUX_SLL (Linux cooked v1)";
            case 276 -> "LINUX_SLL2 (Linux cooked v2)";
            default -> "LINKTYPE_" + linkType;
        };
    }
}
