package io.arplab.wire.tcpdump;

/** print-mpls.c: the MPLS label stack (RFC 3032) and the payload it guesses, over Ethernet, GRE and PPP. */
final class MplsPrinter {
    private static final String[] LABEL_NAMES = {"IPv4 explicit NULL", "router alert", "IPv6 explicit NULL",
        "implicit NULL", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd",
        "rsvd"};

    private MplsPrinter() {}

    /** mpls_print(). */
    static void mplsPrint(Dissector nd, int bp, int length) {
        nd.protocol = "mpls";
        StringBuilder out = nd.out;
        out.append("MPLS");
        int p = bp;
        int depth = 0;
        long entry;
        do {
            if (length < 4) {
                nd.invalid();
                nd.check(p, length);
                return;
            }
            entry = nd.u32(p);
            int label = (int) (entry >> 12);
            out.append(depth != 0 && nd.vflag > 0 ? "\n\t" : " ").append("(label ").append(label);
            depth++;
            if (nd.vflag > 0 && label < LABEL_NAMES.length) {
                out.append(" (").append(LABEL_NAMES[label]).append(')');
            }
            out.append(", tc ").append((entry >> 9) & 7);
            if ((entry & 0x100) != 0) {
                out.append(", [S]");
            }
            out.append(", ttl ").append(entry & 0xff).append(')');
            p += 4;
            length -= 4;
        } while ((entry & 0x100) == 0);
        int label = (int) (entry >> 12);
        int pt;
        if (label == 0 || label == 3) {
            pt = 4;
        } else if (label == 2) {
            pt = 6;
        } else {
            if (length < 1) {
                return;
            }
            int first = nd.u8(p);
            pt = first >= 0x45 && first <= 0x4f ? 4 : first >= 0x60 && first <= 0x6f ? 6
                    : first >= 0x81 && first <= 0x83 ? 1 : 0;
        }
        switch (pt) {
            case 0 -> {
                if (!nd.suppressDefaultPrint) {
                    HexDump.hexAndAscii(nd, "\n\t", p, length);
                }
            }
            case 4 -> {
                out.append(nd.vflag > 0 ? "\n\t" : " ");
                IpPrinter.ipPrint(nd, p, length);
            }
            case 6 -> {
                out.append(nd.vflag > 0 ? "\n\t" : " ");
                Ip6Printer.ip6Print(nd, p, length);
            }
            default -> {
                out.append(nd.vflag > 0 ? "\n\t" : " ");
                // CLNP, ES-IS and IS-IS print nothing here: isoclns_print()'s printers this package does not carry
                LlcPrinter.isoclnsPrint(nd, p, length);
            }
        }
    }
}
