package io.arplab.wire.tcpdump;

/** print-esp.c: the ESP header (RFC 4303), IP protocol 50 and UDP-encapsulated; no -E secrets, so no decryption. */
final class EspPrinter {
    static final int IPPROTO_ESP = 50;

    private EspPrinter() {}

    /** esp_print(): spi and sequence number; "[|esp]" unless more than the 8-byte header was captured. */
    static void espPrint(Dissector nd, int bp, int length) {
        nd.protocol = "esp";
        if (bp + 8 >= nd.snapend) {
            nd.trunc();
            return;
        }
        StringBuilder out = nd.out;
        out.append("ESP(spi=0x");
        Names.appendHex(out, nd.u32(bp), 8);
        out.append(",seq=0x");
        Names.appendHex(out, nd.u32(bp + 4));
        out.append("), length ").append(length);
    }
}
