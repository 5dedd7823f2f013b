package io.arplab.wire.tshark;

/** get_dns_name() of packet-dns.c: a name, following compression pointers, as Info shows it. */
final class DnsName {
    /** Bytes the name takes at its own place (up to and including the first pointer). */
    final int length;
    final String text;

    private DnsName(int length, String text) {
        this.length = length;
        this.text = text;
    }

    static DnsName read(Tvb tvb, int off) {
        StringBuilder sb = new StringBuilder();
        int cur = off;
        int length = -1;
        int chars = 0;
        int pointers = 0;
        while (true) {
            int c = tvb.u8(cur++);
            int type = c & 0xc0;
            if (c == 0) {
                break;
            }
            if (type == 0x00) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                for (int i = 0; i < c; i++) {
                    int ch = tvb.u8(cur++);
                    label(sb, ch);
                }
                chars += c;
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
                // the name's length is lost: what was read is its length, too little is a malformed message
                int len = length < 0 ? cur - off : length;
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
        return new DnsName(length, sb.length() == 0 ? "<Root>" : sb.toString());
    }

    private static void label(StringBuilder sb, int ch) {
        if (ch == '.' || ch == '\\' || ch < 0x20 || ch >= 0x7f) {
            throw new Unsupported("DNS name with escaped characters");
        }
        sb.append((char) ch);
    }
}
