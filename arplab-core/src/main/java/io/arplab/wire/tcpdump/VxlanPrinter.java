package io.arplab.wire.tcpdump;

/** print-vxlan.c: the VXLAN header (RFC 7348) on UDP port 4789, then the inner Ethernet frame. */
final class VxlanPrinter {
    static final int VXLAN_PORT = 4789;
    private static final int HDR_LEN = 8;

    private VxlanPrinter() {}

    /** vxlan_print(). */
    static void vxlanPrint(Dissector nd, int bp, int len) {
        nd.protocol = "vxlan";
        StringBuilder out = nd.out;
        out.append("VXLAN");
        if (len < HDR_LEN) {
            nd.invalid();
            return;
        }
        int flags = nd.u8(bp);
        out.append(", flags [").append((flags & 0x08) != 0 ? "I" : "invalid").append("] (0x");
        nd.hex2(flags);
        out.append("), ");
        int vni = nd.u24(bp + 4);
        out.append("vni ").append(vni).append('\n');
        nd.check(bp + 7, 1);
        bp += HDR_LEN;
        EtherPrinter.etherPrint(nd, bp, len - HDR_LEN, nd.available(bp));
    }
}
