package io.arplab.wire.tcpdump;

/** print-vxlan-gpe.c: the VXLAN-GPE header (draft-ietf-nvo3-vxlan-gpe) on UDP port 4790, then its next protocol. */
final class VxlanGpePrinter {
    static final int VXLAN_GPE_PORT = 4790;
    private static final int HDR_LEN = 8;

    private VxlanGpePrinter() {}

    /** vxlan_gpe_print(). */
    static void vxlanGpePrint(Dissector nd, int bp, int len) {
        nd.protocol = "vxlan_gpe";
        StringBuilder out = nd.out;
        out.append("VXLAN-GPE, ");
        if (len < HDR_LEN) {
            out.append(" (len ").append(len).append(" < ").append(HDR_LEN).append(')');
            nd.invalid();
            return;
        }
        int flags = nd.u8(bp);
        out.append("flags [").append(bittok2strNosep(flags, new int[] {0x08, 0x04, 0x02, 0x01}, "IPBO"))
                .append("], ");
        int nextProtocol = nd.u8(bp + 3);
        int vni = nd.u24(bp + 4);
        nd.check(bp + 7, 1);
        bp += HDR_LEN;
        len -= HDR_LEN;
        out.append("vni ").append(vni).append(nd.vflag > 0 ? "\n    " : ": ");
        switch (nextProtocol) {
            case 1 -> IpPrinter.ipPrint(nd, bp, len);
            case 2 -> Ip6Printer.ip6Print(nd, bp, len);
            case 3 -> EtherPrinter.etherPrint(nd, bp, len, nd.available(bp));
            case 4 -> NshPrinter.nshPrint(nd, bp, len);
            default -> {
                out.append("ERROR: unknown-next-protocol");
                nd.invalid();
            }
        }
    }

    /** bittok2str_nosep() of one-letter tokens: the set bits' letters, "none" for none. */
    static String bittok2strNosep(int v, int[] bits, String letters) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bits.length; i++) {
            if ((v & bits[i]) == bits[i]) {
                sb.append(letters.charAt(i));
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
