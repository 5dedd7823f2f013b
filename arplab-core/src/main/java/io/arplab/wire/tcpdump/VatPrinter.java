package io.arplab.wire.tcpdump;

/** print-udp.c's vat_print(): LBL's vat/vt audio on UDP destination port 3456. */
final class VatPrinter {
    static final int VAT_PORT = 3456;

    private VatPrinter() {}

    /** vat_print(). */
    static void vatPrint(Dissector nd, int hdr, int length) {
        nd.protocol = "vat";
        StringBuilder out = nd.out;
        if (length < 2) {
            out.append("udp/va/vat, length ").append(length).append(" < 2");
            return;
        }
        int ts = nd.u16(hdr);
        if ((ts & 0xf060) != 0) {
            out.append("udp/vt ").append(length).append(' ').append(ts & 0x3ff).append(" / ").append(ts >> 10);
            return;
        }
        if (length < 8) {
            out.append("udp/vat, length ").append(length).append(" < 8");
            return;
        }
        long i0 = nd.u32(hdr);
        long i1 = nd.u32(hdr + 4);
        out.append("udp/vat ").append(length - 8).append(" c").append(i0 & 0xffff).append(' ').append(i1)
                .append((i0 & 0x800000) != 0 ? "*" : "");
        if ((i0 & 0x1f0000) != 0) {
            out.append(" f").append((i0 >> 16) & 0x1f);
        }
        if ((i0 & 0x3f000000) != 0) {
            out.append(" s").append((i0 >> 24) & 0x3f);
        }
    }
}
