package io.arplab.wire;

import java.util.Arrays;

/**
 * An IPv4 header (RFC 791 §3.1), options included. {@code headerChecksum} is the wire value to keep, or
 * {@link #COMPUTE_CHECKSUM} to have {@link #emit} compute it; {@link #parse} keeps what it read, so
 * parse then emit gives back the same bytes even for a wrong checksum.
 */
public record Ipv4Header(int dscp, int ecn, int totalLength, int identification, boolean reservedFlag,
                         boolean dontFragment, boolean moreFragments, int fragmentOffset, int ttl, IpProtocol protocol,
                         int headerChecksum, Ipv4Address source, Ipv4Address destination, byte[] options) {
    public static final int COMPUTE_CHECKSUM = -1;
    public static final int MAX_OPTIONS_LENGTH = 40;
    private static final byte[] NO_OPTIONS = new byte[0];

    public Ipv4Header {
        if (protocol == null || source == null || destination == null) {
            throw new IllegalArgumentException("null field");
        }
        options = options == null || options.length == 0 ? NO_OPTIONS : options.clone();
        if (options.length % 4 != 0 || options.length > MAX_OPTIONS_LENGTH) {
            throw new IllegalArgumentException("options must be 0..40 bytes in 32-bit words: " + options.length);
        }
        range("DSCP", dscp, 63);
        range("ECN", ecn, 3);
        range("identification", identification, 0xffff);
        range("fragment offset", fragmentOffset, 0x1fff);
        range("TTL", ttl, 255);
        range("total length", totalLength, 0xffff);
        if (headerChecksum != COMPUTE_CHECKSUM) {
            range("header checksum", headerChecksum, 0xffff);
        }
        if (totalLength < Ipv4View.MIN_HEADER_LENGTH + options.length) {
            throw new IllegalArgumentException("total length " + totalLength + " < header length "
                    + (Ipv4View.MIN_HEADER_LENGTH + options.length));
        }
    }

    private static void range(String what, int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " outside 0.." + max + ": " + v);
        }
    }

    /** A header without options, TOS 0, not fragmented, checksum computed at emit. */
    public static Ipv4Header of(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, int payloadLength,
                                int ttl, int identification, boolean dontFragment) {
        return new Ipv4Header(0, 0, Ipv4View.MIN_HEADER_LENGTH + payloadLength, identification, false, dontFragment,
                false, 0, ttl, protocol, COMPUTE_CHECKSUM, source, destination, NO_OPTIONS);
    }

    /** Reads a view whose {@link Ipv4View#checkHeader()} is null. */
    public static Ipv4Header parse(Ipv4View v) {
        byte[] opts = v.optionsLength() == 0 ? NO_OPTIONS
                : Arrays.copyOfRange(v.buffer(), v.optionsOffset(), v.optionsOffset() + v.optionsLength());
        return new Ipv4Header(v.dscp(), v.ecn(), v.totalLength(), v.identification(), v.reservedFlag(),
                v.dontFragment(), v.moreFragments(), v.fragmentOffset(), v.ttl(), v.protocol(), v.headerChecksum(),
                v.source(), v.destination(), opts);
    }

    public int headerLength() {
        return Ipv4View.MIN_HEADER_LENGTH + options.length;
    }

    public int payloadLength() {
        return totalLength - headerLength();
    }

    /** A copy of the option bytes. */
    @Override
    public byte[] options() {
        return options.clone();
    }

    public int tos() {
        return dscp << 2 | ecn;
    }

    public boolean isFragment() {
        return moreFragments || fragmentOffset != 0;
    }

    /**
     * Writes the header at {@code out[off]}; returns the header length. The checksum is computed
     * (RFC 791 "Header Checksum") unless this header carries one to keep.
     */
    public int emit(byte[] out, int off) {
        int hl = headerLength();
        BigEndian.put8(out, off, 0x40 | hl / 4);
        BigEndian.put8(out, off + 1, tos());
        BigEndian.put16(out, off + 2, totalLength);
        BigEndian.put16(out, off + 4, identification);
        int flags = (reservedFlag ? 0x8000 : 0) | (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0);
        BigEndian.put16(out, off + 6, flags | fragmentOffset);
        BigEndian.put8(out, off + 8, ttl);
        BigEndian.put8(out, off + 9, protocol.number());
        BigEndian.put16(out, off + 10, 0);
        BigEndian.put32(out, off + 12, source.bits());
        BigEndian.put32(out, off + 16, destination.bits());
        System.arraycopy(options, 0, out, off + Ipv4View.MIN_HEADER_LENGTH, options.length);
        int sum = headerChecksum == COMPUTE_CHECKSUM ? InternetChecksum.compute(out, off, hl) : headerChecksum;
        BigEndian.put16(out, off + 10, sum);
        return hl;
    }

    public Ipv4Header withHeaderChecksum(int checksum) {
        return new Ipv4Header(dscp, ecn, totalLength, identification, reservedFlag, dontFragment, moreFragments,
                fragmentOffset, ttl, protocol, checksum, source, destination, options);
    }

    /** The same header with the checksum left to {@link #emit} (after changing fields of a parsed header). */
    public Ipv4Header withComputedChecksum() {
        return withHeaderChecksum(COMPUTE_CHECKSUM);
    }

    public Ipv4Header withTtl(int newTtl) {
        return new Ipv4Header(dscp, ecn, totalLength, identification, reservedFlag, dontFragment, moreFragments,
                fragmentOffset, newTtl, protocol, headerChecksum, source, destination, options);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Header h && dscp == h.dscp && ecn == h.ecn && totalLength == h.totalLength
                && identification == h.identification && reservedFlag == h.reservedFlag
                && dontFragment == h.dontFragment && moreFragments == h.moreFragments
                && fragmentOffset == h.fragmentOffset && ttl == h.ttl && protocol.equals(h.protocol)
                && headerChecksum == h.headerChecksum && source.equals(h.source) && destination.equals(h.destination)
                && Arrays.equals(options, h.options);
    }

    @Override
    public int hashCode() {
        int h = java.util.Objects.hash(dscp, ecn, totalLength, identification, reservedFlag, dontFragment,
                moreFragments, fragmentOffset, ttl, protocol, headerChecksum, source, destination);
        return 31 * h + Arrays.hashCode(options);
    }

    @Override
    public String toString() {
        return "Ipv4Header[" + source + " > " + destination + ", " + protocol + ", tos 0x" + Integer.toHexString(tos())
                + ", ttl " + ttl + ", id " + identification + ", offset " + fragmentOffset
                + (reservedFlag ? ", RF" : "") + (dontFragment ? ", DF" : "") + (moreFragments ? ", MF" : "")
                + ", length " + totalLength
                + (headerChecksum == COMPUTE_CHECKSUM ? "" : String.format(", cksum 0x%04x", headerChecksum))
                + (options.length == 0 ? "" : ", options " + Bytes.hex(options, 0, options.length)) + "]";
    }
}
