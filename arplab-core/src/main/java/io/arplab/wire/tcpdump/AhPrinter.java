package io.arplab.wire.tcpdump;

/** print-ah.c: the Authentication Header (RFC 4302), IP protocol 51. */
final class AhPrinter {
    static final int IPPROTO_AH = 51;

    private AhPrinter() {}

    /** ah_print(): returns the header's length, (payload length + 2) * 4, that the demultiplexer skips. */
    static int ahPrint(Dissector nd, int bp) {
        nd.protocol = "ah";
        StringBuilder out = nd.out;
        out.append("AH");
        int ahLen = nd.u8(bp + 1);
        int hdrLen = (ahLen + 2) * 4;
        out.append('(');
        if (nd.vflag > 0) {
            out.append("length=").append(ahLen).append('(').append(hdrLen).append("-bytes),");
        }
        int reserved = nd.u16(bp + 2);
        if (reserved != 0) {
            out.append("reserved=0x");
            Names.appendHex(out, reserved);
            out.append("[MustBeZero],");
        }
        long spi = nd.u32(bp + 4);
        out.append("spi=0x");
        Names.appendHex(out, spi, 8);
        out.append(',');
        long seq = nd.u32(bp + 8);
        out.append("seq=0x");
        Names.appendHex(out, seq);
        out.append(",icv=0x");
        for (int p = bp + 12; p < bp + hdrLen; p++) {
            nd.hex2(nd.u8(p));
        }
        out.append("): ");
        return hdrLen;
    }
}
