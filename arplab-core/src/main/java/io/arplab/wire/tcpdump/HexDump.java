package io.arplab.wire.tcpdump;

/** print-ascii.c: the hex (-x) and hex-and-ASCII (-X, default_print) dumps. */
final class HexDump {
    private static final int SHORTS_PER_LINE = 8;
    private static final int HEXSTUFF_PER_LINE = 5 * SHORTS_PER_LINE;

    private HexDump() {}

    /**
     * hex_and_ascii_print(): lines of {@code ident 0xOFFS: } then eight 16-bit groups padded to 40
     * columns, two spaces and the printable characters. Dumps only what was captured; a short capture
     * truncates the frame like a failed GET_ read.
     */
    static void hexAndAscii(Dissector nd, String ident, int off, int length) {
        int caplength = nd.available(off);
        boolean truncated = false;
        if (length > caplength) {
            length = caplength;
            truncated = true;
        }
        StringBuilder out = nd.out;
        byte[] p = nd.p;
        int oset = 0;
        int i = 0;
        int lineStart = off;
        int nshorts = length / 2;
        int hexCols = 0;
        int lineHexStart = -1;
        while (nshorts-- > 0) {
            if (i == 0) {
                out.append(ident).append("0x");
                Names.appendHex(out, oset, 4);
                out.append(": ");
                lineHexStart = out.length();
                lineStart = off;
            }
            int s1 = p[off++] & 0xff;
            int s2 = p[off++] & 0xff;
            out.append(' ').append(Names.HEX[s1 >> 4]).append(Names.HEX[s1 & 0xf])
                    .append(Names.HEX[s2 >> 4]).append(Names.HEX[s2 & 0xf]);
            i++;
            if (i >= SHORTS_PER_LINE) {
                endLine(out, p, lineStart, off, lineHexStart);
                i = 0;
                oset += 16;
            }
        }
        if ((length & 1) != 0) {
            if (i == 0) {
                out.append(ident).append("0x");
                Names.appendHex(out, oset, 4);
                out.append(": ");
                lineHexStart = out.length();
                lineStart = off;
            }
            int s1 = p[off++] & 0xff;
            out.append(' ').append(Names.HEX[s1 >> 4]).append(Names.HEX[s1 & 0xf]);
            i++;
        }
        if (i > 0) {
            endLine(out, p, lineStart, off, lineHexStart);
        }
        if (truncated) {
            throw Truncated.INSTANCE;
        }
    }

    /**
     * ascii_print() (-A): a newline, then the bytes as characters, non-printing ones as '.', a CR dropped where a LF
     * follows it or where it is one of the last two bytes.
     */
    static void ascii(Dissector nd, int off, int length) {
        int caplength = nd.available(off);
        boolean truncated = false;
        if (length > caplength) {
            length = caplength;
            truncated = true;
        }
        StringBuilder out = nd.out;
        byte[] p = nd.p;
        out.append('\n');
        while (length > 0) {
            int s = p[off++] & 0xff;
            length--;
            if (s == '\r') {
                if (length > 1 && p[off] != '\n') {
                    out.append('.');
                }
            } else if (s > 0x20 && s < 0x7f || s == '\t' || s == ' ' || s == '\n') {
                out.append((char) s);
            } else {
                out.append('.');
            }
        }
        if (truncated) {
            throw Truncated.INSTANCE;
        }
    }

    private static void endLine(StringBuilder out, byte[] p, int from, int to, int hexStart) {
        int pad = HEXSTUFF_PER_LINE - (out.length() - hexStart);
        for (int k = 0; k < pad; k++) {
            out.append(' ');
        }
        out.append("  ");
        for (int k = from; k < to; k++) {
            int c = p[k] & 0xff;
            out.append(c > 0x20 && c < 0x7f ? (char) c : '.');
        }
    }

    /** hex_print(): lines of {@code ident 0xOFFS: } and 16-bit groups, no ASCII column. */
    static void hex(Dissector nd, String ident, int off, int length) {
        int caplength = nd.available(off);
        boolean truncated = false;
        if (length > caplength) {
            length = caplength;
            truncated = true;
        }
        StringBuilder out = nd.out;
        byte[] p = nd.p;
        int oset = 0;
        int nshorts = length / 2;
        int i = 0;
        while (nshorts-- > 0) {
            if ((i++ % 8) == 0) {
                out.append(ident).append("0x");
                Names.appendHex(out, oset, 4);
                out.append(": ");
                oset += 16;
            }
            int s1 = p[off++] & 0xff;
            int s2 = p[off++] & 0xff;
            out.append(' ').append(Names.HEX[s1 >> 4]).append(Names.HEX[s1 & 0xf])
                    .append(Names.HEX[s2 >> 4]).append(Names.HEX[s2 & 0xf]);
        }
        if ((length & 1) != 0) {
            if ((i % 8) == 0) {
                out.append(ident).append("0x");
                Names.appendHex(out, oset, 4);
                out.append(": ");
            }
            int s1 = p[off] & 0xff;
            out.append(' ').append(Names.HEX[s1 >> 4]).append(Names.HEX[s1 & 0xf]);
        }
        if (truncated) {
            throw Truncated.INSTANCE;
        }
    }

    /** print_unknown_data(): hex_print() of what is captured of {@code len} bytes. */
    static void unknownData(Dissector nd, int off, String ident, int len) {
        if (!nd.ttest(off, 0)) {
            nd.out.append(ident).append("Dissector error: print_unknown_data() called with pointer past end of packet");
            return;
        }
        hex(nd, ident, off, Math.min(len, nd.available(off)));
    }
}
