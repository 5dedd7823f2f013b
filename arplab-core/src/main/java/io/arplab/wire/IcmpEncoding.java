package io.arplab.wire;

/** ICMP header writing and field validation, shared by IcmpFrames and the parse/emit records of the tests. */
final class IcmpEncoding {
    static final byte[] EMPTY = new byte[0];

    private IcmpEncoding() {}

    static int emit(byte[] out, int off, int type, int code, int rest, byte[] data) {
        System.arraycopy(data, 0, out, off + IcmpView.HEADER_LENGTH, data.length);
        return emitInPlace(out, off, type, code, rest, IcmpView.HEADER_LENGTH + data.length);
    }

    /** Writes the header in front of data already at {@code out[off + 8]} and the checksum over {@code length} bytes. */
    static int emitInPlace(byte[] out, int off, int type, int code, int rest, int length) {
        BigEndian.put8(out, off, type);
        BigEndian.put8(out, off + 1, code);
        BigEndian.put16(out, off + 2, 0);
        BigEndian.put32(out, off + 4, rest);
        BigEndian.put16(out, off + 2, InternetChecksum.compute(out, off, length));
        return length;
    }

    static byte[] nonNull(byte[] b) {
        return b == null || b.length == 0 ? EMPTY : b.clone();
    }

    static void range(String what, int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " outside 0.." + max + ": " + v);
        }
    }

    static void range32(String what, long v) {
        if (v < 0 || v > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " outside 0..2^32-1: " + v);
        }
    }
}
