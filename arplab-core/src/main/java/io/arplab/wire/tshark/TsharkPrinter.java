package io.arplab.wire.tshark;

import io.arplab.wire.pcap.PcapRecord;

/**
 * Prints frames as {@code tshark -r FILE} does with its default columns (No., Time, Source, Destination, Protocol,
 * Length, Info): the Info and Protocol texts the Wireshark 4.0 dissectors of this package set, laid out by
 * print_columns() of tshark.c. One printer per capture file: times are relative to its first frame, and ARP,
 * ICMP and IP reassembly remember earlier frames.
 */
public final class TsharkPrinter {
    private final Capture capture = new Capture();
    private final int timePrecision;
    private int number;
    private long firstNanos;
    private String lastUndecoded;
    private boolean resolveMacs = true;

    /** @param nanosecond the file's time stamps are nanoseconds (the Time column then has 9 decimals, else 6) */
    public TsharkPrinter(boolean nanosecond) {
        this.timePrecision = nanosecond ? 9 : 6;
    }

    public TsharkPrinter() {
        this(false);
    }

    /** -n turns MAC name resolution off: the columns then show every address in hex. */
    public void resolveMacs(boolean on) {
        resolveMacs = on;
    }

    /** Appends the frame's line, ending in '\n'. */
    public void print(PcapRecord record, StringBuilder out) {
        number++;
        long ts = record.epochNanos();
        if (number == 1) {
            firstNanos = ts;
        }
        Packet p = new Packet(number, capture);
        p.absSecs = Math.floorDiv(ts, 1_000_000_000L);
        p.absNanos = ts;
        p.frameLength = record.originalLength();
        p.resolveMacs = resolveMacs;
        lastUndecoded = null;
        try {
            dissectFrame(record, p);
            lastUndecoded = p.undecoded;
        } catch (Unsupported e) {
            lastUndecoded = e.getMessage();
        }
        printColumns(out, Integer.toString(number), relativeTime(ts - firstNanos), p.src, p.dst, p.protocol,
                Integer.toString(record.originalLength()), p.info.toString());
    }

    /** What the last frame needed that this package does not decode (its line is then not TShark's), or null. */
    public String lastUndecoded() {
        return lastUndecoded;
    }

    /** dissect_frame() of packet-frame.c: the link layer, and show_exception() for what it throws. */
    private static void dissectFrame(PcapRecord record, Packet p) {
        Tvb tvb = Tvb.frame(record.data(), record.originalLength());
        try {
            EthDissector.dissect(tvb, p, EthDissector.FCS_MAYBE);
        } catch (Thrown.DissectorError e) {
            p.append(e.kind.info);
        }
    }

    /** set_time_seconds() with the file's precision; a negative delta keeps its sign. */
    private String relativeTime(long delta) {
        StringBuilder sb = new StringBuilder();
        if (delta < 0) {
            sb.append('-');
            delta = -delta;
        }
        long secs = delta / 1_000_000_000L;
        long frac = delta % 1_000_000_000L;
        sb.append(secs).append('.');
        String f = timePrecision == 9 ? String.format("%09d", frac) : String.format("%06d", frac / 1000);
        return sb.append(f).toString();
    }

    /**
     * print_columns() of tshark.c: No. right-aligned to 5, Time to 10, Source right-aligned and Destination
     * left-aligned to 12, an arrow (U+2192) between them, single spaces elsewhere, widths counted in bytes.
     */
    static void printColumns(StringBuilder out, String no, String time, String src, String dst, String proto,
                             String length, String info) {
        padLeft(out, no, 5);
        out.append(' ');
        padLeft(out, time, 10);
        out.append(' ');
        padLeft(out, src, 12);
        out.append(" \u2192 ");
        out.append(dst);
        out.append(" ".repeat(Math.max(0, 12 - utf8Length(dst))));
        out.append(' ').append(proto).append(' ').append(length).append(' ').append(info).append('\n');
    }

    private static void padLeft(StringBuilder out, String s, int width) {
        out.append(" ".repeat(Math.max(0, width - utf8Length(s)))).append(s);
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
