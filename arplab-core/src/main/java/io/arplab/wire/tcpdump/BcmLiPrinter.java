package io.arplab.wire.tcpdump;

/** print-bcm-li.c: Broadcom's lawful-intercept shim, UDP source port 49152 (the first ephemeral port). */
final class BcmLiPrinter {
    static final int BCM_LI_PORT = 49152;
    private static final int SHIM_LEN = 4;

    private BcmLiPrinter() {}

    /** bcm_li_print(). */
    static void bcmLiPrint(Dissector nd, int bp, int length) {
        nd.protocol = "bcm_li";
        StringBuilder out = nd.out;
        if (length < SHIM_LEN) {
            out.append(" (length ").append(length).append(" < ").append(SHIM_LEN).append(')');
            nd.invalid();
            return;
        }
        long shim = nd.u32(bp);
        int direction = (int) (shim >> 29) & 0x7;
        int pktType = (int) (shim >> 25) & 0xf;
        int subtype = (int) (shim >> 22) & 0x7;
        long liId = shim & 0x3fffff;
        length -= SHIM_LEN;
        bp += SHIM_LEN;
        out.append(nd.vflag > 0 ? "\n    " : "").append("BCM-LI-SHIM: direction ")
                .append(switch (direction) {
                    case 1 -> "unused";
                    case 2 -> "egress";
                    case 3 -> "ingress";
                    default -> "unknown";
                }).append(", pkt-type ").append(switch (pktType) {
                    case 4 -> "undecided";
                    case 5 -> "ipv4";
                    case 6 -> "ipv6";
                    case 7 -> "ethernet";
                    default -> "unknown";
                }).append(", pkt-subtype ").append(switch (subtype) {
                    case 1 -> "single VLAN tag";
                    case 2 -> "double VLAN tag";
                    case 3 -> "untagged";
                    default -> "unknown";
                }).append(", li-id ").append(liId).append(nd.vflag > 0 ? "\n    " : "");
        if (nd.vflag == 0) {
            nd.check(bp, length);
            return;
        }
        switch (pktType) {
            case 7 -> EtherPrinter.etherPrint(nd, bp, length, nd.available(bp));
            case 5 -> IpPrinter.ipPrint(nd, bp, length);
            case 6 -> Ip6Printer.ip6Print(nd, bp, length);
            case 4 -> {
                int v = nd.u8(bp) >> 4;
                if (v == 4) {
                    IpPrinter.ipPrint(nd, bp, length);
                } else if (v == 6) {
                    Ip6Printer.ip6Print(nd, bp, length);
                } else {
                    out.append("unknown payload");
                }
            }
            default -> nd.invalid();
        }
    }
}
