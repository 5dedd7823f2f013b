package io.arplab.wire.pcap;

/**
 * One captured frame: its time stamp, the bytes captured ({@code data.length} is the capture length)
 * and the original length of the frame on the wire.
 */
public record PcapRecord(long seconds, int nanos, int originalLength, byte[] data) {
    public PcapRecord {
        if (nanos < 0 || nanos >= 1_000_000_000) {
            throw new IllegalArgumentException("nanoseconds out of range: " + nanos);
        }
        if (originalLength < data.length) {
            throw new IllegalArgumentException("original length " + originalLength + " < captured " + data.length);
        }
    }

    /** A record of a whole frame captured at {@code epochNanos}. */
    public static PcapRecord of(long epochNanos, byte[] frame) {
        return new PcapRecord(Math.floorDiv(epochNanos, 1_000_000_000L), (int) Math.floorMod(epochNanos, 1_000_000_000L),
                frame.length, frame);
    }

    public int capturedLength() {
        return data.length;
    }

    public long epochNanos() {
        return seconds * 1_000_000_000L + nanos;
    }
}
