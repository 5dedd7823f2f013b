package io.arplab.wire.tshark;

/**
 * get_dns_name() of packet-dns.c: a name, following compression pointers, as Info shows it: the labels' bytes as
 * they are, '.' between them, through format_text() (probed: a byte 0 is {@code \000}, 7 {@code \a}, bad UTF-8
 * U+FFFD, a '.' or '\' inside a label unescaped).
 */
final class DnsName {
    /** Bytes the name takes at its own place (up to and including the first pointer). */
    final int length;
    final String text;

    private DnsName(int length, String text) {
        this.length = length;
        this.text = text;
    }

    static DnsName read(Tvb tvb, int off) {
        java.io.ByteArrayOutputStream sb = new java.io.ByteArrayOutputStream();
        int cur = off;
        int length = -1;
        int pointers = 0;
        while (true) {
            int c = tvb.u8(cur++);
            int type = c & 0xc0;
            if (c == 0) {
                break;
            }
            if (type == 0x00) {
                if (sb.size() > 0) {
                    sb.write('.');
                }
                for (int i = 0; i < c; i++) {
                    sb.write(tvb.u8(cur++));
                }
            } else if (type == 0xc0) {
                int ptr = ((c & 0x3f) << 8) | tvb.u8(cur++);
                if (length < 0) {
                    length = cur - off;
                }
                if (++pointers > 256 || ptr >= tvb.reported) {
                    throw new Unsupported("DNS name loop or bad pointer");
                }
                cur = ptr;
            } else if (type == 0x40 && (c & 0x3f) != 0x01) {
                // the name's length is lost: where the reading stopped, past any pointer followed, less where it
                // began is its length (seed 35054); too little is a malformed message
                int len = cur - off;
                if (len < 2) {
                    throw Thrown.REPORTED_BOUNDS.error();
                }
                return new DnsName(len, "<Unknown extended label>");
            } else {
                throw new Unsupported("DNS bitstring or reserved label type");
            }
        }
        if (length < 0) {
            length = cur - off;
        }
        byte[] name = sb.toByteArray();
        return new DnsName(length, name.length == 0 ? "<Root>" : FormatText.of(name, 0, name.length));
    }
}
