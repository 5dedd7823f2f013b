package io.arplab.wire;

/** Zero-allocation writers for IPv4 headers without options. */
public final class Ipv4Frames {
    private Ipv4Frames() {}

    /**
     * Writes a 20-byte header at {@code out[off]} (RFC 791 §3.1: IHL 5, not fragmented, checksum computed);
     * returns 20. Addresses are ints, the identification is the caller's (Linux picks it per destination).
     */
    public static int writeHeader(byte[] out, int off, int tos, int totalLength, int identification,
                                  boolean dontFragment, int ttl, int protocol, int source, int destination) {
        BigEndian.put16(out, off, 0x4500 | (tos & 0xff));
        BigEndian.put16(out, off + 2, totalLength);
        BigEndian.put16(out, off + 4, identification);
        BigEndian.put16(out, off + 6, dontFragment ? 0x4000 : 0);
        BigEndian.put16(out, off + 8, (ttl & 0xff) << 8 | (protocol & 0xff));
        BigEndian.put16(out, off + 10, 0);
        BigEndian.put32(out, off + 12, source);
        BigEndian.put32(out, off + 16, destination);
        BigEndian.put16(out, off + 10, InternetChecksum.compute(out, off, Ipv4View.MIN_HEADER_LENGTH));
        return Ipv4View.MIN_HEADER_LENGTH;
    }
}
