package io.arplab.wire.tcpdump;

/** print-otv.c: Overlay Transport Virtualization (draft-hasmit-otv-04) on UDP port 8472, Linux VXLAN's default. */
final class OtvPrinter {
    static final int OTV_PORT = 8472;
    private static final int OTV_HDR_LEN = 8;

    private OtvPrinter() {}

    /** otv_print(). */
    static void otvPrint(Dissector nd, int bp, int len) {
        nd.protocol = "otv";
        StringBuilder out = nd.out;
        out.append("OTV, ");
        if (len < OTV_HDR_LEN) {
            out.append("[length ").append(len).append(" < ").append(OTV_HDR_LEN).append(']');
            nd.invalid();
            nd.check(bp, len);
            return;
        }
        int flags = nd.u8(bp);
        out.append("flags [").append((flags & 0x08) != 0 ? "I" : ".").append("] (0x");
        nd.hex2(flags);
        out.append("), ");
        int overlay = nd.u24(bp + 1);
        out.append("overlay ").append(overlay).append(", ");
        int instance = nd.u24(bp + 4);
        out.append("instance ").append(instance).append('\n');
        nd.check(bp + 7, 1);
        bp += OTV_HDR_LEN;
        EtherPrinter.etherPrint(nd, bp, len - OTV_HDR_LEN, nd.available(bp));
    }
}
