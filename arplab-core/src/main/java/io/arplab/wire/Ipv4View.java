package io.arplab.wire;

/**
 * An IPv4 datagram (RFC 791 §3.1) over bytes {@code [off, off+len)} of {@code buf}; the view may extend past the
 * datagram (Ethernet padding): the payload ends at the total length. {@link #check()} makes every accessor safe
 * and the whole datagram present; {@link #checkHeader()} only the header (for printing truncated captures).
 */
public final class Ipv4View extends ByteView {
    public static final int MIN_HEADER_LENGTH = 20;
    public static final int MAX_HEADER_LENGTH = 60;
    private static final int VERSION_IHL = 0;
    private static final int TOS = 1;
    private static final int TOTAL_LENGTH = 2;
    private static final int IDENTIFICATION = 4;
    private static final int FLAGS_FRAGMENT = 6;
    private static final int TTL = 8;
    private static final int PROTOCOL = 9;
    private static final int CHECKSUM = 10;
    private static final int SOURCE = 12;
    private static final int DESTINATION = 16;

    /** The empty buffer a scratch view starts on: one for all of them, a host keeps seven views. */
    public static final byte[] NO_BYTES = new byte[0];

    public Ipv4View(byte[] buf, int off, int len) {
        wrap(buf, off, len);
    }

    public Ipv4View(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public Ipv4View wrap(byte[] buf, int off, int len) {
        set(buf, off, len);
        return this;
    }

    /** Null when the header and the whole datagram (total length) are present and consistent, else why not. */
    public String check() {
        String h = checkHeader();
        if (h != null) {
            return h;
        }
        int total = totalLength();
        if (len < total) {
            return Checks.truncated(len, total);
        }
        return null;
    }

    /**
     * Null when the header is present and consistent (version 4, IHL &gt;= 5, total length &gt;= header length):
     * the header accessors are safe, the payload may be cut short ({@link #availablePayloadLength()}).
     */
    public String checkHeader() {
        String b = bounds();
        if (b != null) {
            return b;
        }
        if (len < 1) {
            return Checks.truncated(len, MIN_HEADER_LENGTH);
        }
        if (version() != 4) {
            return "version " + version() + ", not 4";
        }
        if (len < MIN_HEADER_LENGTH) {
            return Checks.truncated(len, MIN_HEADER_LENGTH);
        }
        int hl = headerLength();
        if (hl < MIN_HEADER_LENGTH) {
            return "header length " + hl + " < 20 (IHL " + ihl() + ")";
        }
        if (len < hl) {
            return Checks.truncated(len, hl);
        }
        if (totalLength() < hl) {
            return "total length " + totalLength() + " < header length " + hl;
        }
        return null;
    }

    public int version() {
        return BigEndian.u8(buf, off + VERSION_IHL) >>> 4;
    }

    /** Internet header length in 32-bit words. */
    public int ihl() {
        return BigEndian.u8(buf, off + VERSION_IHL) & 0x0f;
    }

    /** Header length in bytes (IHL * 4). */
    public int headerLength() {
        return ihl() * 4;
    }

    /** The type-of-service byte (DSCP and ECN, RFC 2474 §3 / RFC 3168 §5). */
    public int tos() {
        return BigEndian.u8(buf, off + TOS);
    }

    public int dscp() {
        return tos() >>> 2;
    }

    public int ecn() {
        return tos() & 0x03;
    }

    public int totalLength() {
        return BigEndian.u16(buf, off + TOTAL_LENGTH);
    }

    public int identification() {
        return BigEndian.u16(buf, off + IDENTIFICATION);
    }

    /** The three flag bits: reserved (0b100), DF (0b010), MF (0b001). */
    public int flags() {
        return BigEndian.u8(buf, off + FLAGS_FRAGMENT) >>> 5;
    }

    /** Bit 0, "reserved, must be zero". */
    public boolean reservedFlag() {
        return (flags() & 0b100) != 0;
    }

    public boolean dontFragment() {
        return (flags() & 0b010) != 0;
    }

    public boolean moreFragments() {
        return (flags() & 0b001) != 0;
    }

    /** Fragment offset in 8-byte units. */
    public int fragmentOffset() {
        return BigEndian.u16(buf, off + FLAGS_FRAGMENT) & 0x1fff;
    }

    /** True when this datagram is one fragment of a larger one (MF set or offset non-zero). */
    public boolean isFragment() {
        return (BigEndian.u16(buf, off + FLAGS_FRAGMENT) & 0x3fff) != 0;
    }

    public int ttl() {
        return BigEndian.u8(buf, off + TTL);
    }

    public int protocolNumber() {
        return BigEndian.u8(buf, off + PROTOCOL);
    }

    public IpProtocol protocol() {
        return IpProtocol.of(protocolNumber());
    }

    public int headerChecksum() {
        return BigEndian.u16(buf, off + CHECKSUM);
    }

    /** True when the header, checksum included, sums to 0xffff (RFC 791 "Header Checksum"). */
    public boolean headerChecksumValid() {
        return InternetChecksum.verify(buf, off, headerLength());
    }

    public int sourceBits() {
        return BigEndian.i32(buf, off + SOURCE);
    }

    public Ipv4Address source() {
        return new Ipv4Address(sourceBits());
    }

    public int destinationBits() {
        return BigEndian.i32(buf, off + DESTINATION);
    }

    public Ipv4Address destination() {
        return new Ipv4Address(destinationBits());
    }

    /** Index in {@link #buffer()} of the options (RFC 791 §3.1 "Options"). */
    public int optionsOffset() {
        return off + MIN_HEADER_LENGTH;
    }

    public int optionsLength() {
        return headerLength() - MIN_HEADER_LENGTH;
    }

    /** Index in {@link #buffer()} where the payload starts. */
    public int payloadOffset() {
        return off + headerLength();
    }

    /** Payload length per the total length field. */
    public int payloadLength() {
        return totalLength() - headerLength();
    }

    /** Payload bytes present in the view: {@link #payloadLength()} unless the capture is cut short. */
    public int availablePayloadLength() {
        return Math.min(totalLength(), len) - headerLength();
    }

    /**
     * Writes TTL - 1 into the buffer and patches the header checksum incrementally (RFC 1624 §3; RFC 1812 §5.3.1).
     * Returns the new TTL. The caller drops datagrams whose TTL is already 0 or 1 before forwarding.
     */
    public int decrementTtl() {
        int oldWord = BigEndian.u16(buf, off + TTL);
        int newWord = (oldWord - 0x0100) & 0xffff;
        BigEndian.put16(buf, off + TTL, newWord);
        BigEndian.put16(buf, off + CHECKSUM, InternetChecksum.update(headerChecksum(), oldWord, newWord));
        return newWord >>> 8;
    }
}
