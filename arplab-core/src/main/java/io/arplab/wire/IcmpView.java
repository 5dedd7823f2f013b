package io.arplab.wire;

/**
 * An ICMP message (RFC 792) over bytes {@code [off, off+len)} of {@code buf} (the IPv4 payload). Bytes 4..7 mean
 * different things per type; each accessor names the type it serves. {@link #check()} requires the 8-byte header,
 * and 20 bytes for timestamp messages so their accessors are safe.
 */
public final class IcmpView extends ByteView {
    public static final int HEADER_LENGTH = 8;
    public static final int TIMESTAMP_LENGTH = 20;
    private static final int TYPE = 0;
    private static final int CODE = 1;
    private static final int CHECKSUM = 2;
    private static final int REST = 4;

    public IcmpView(byte[] buf, int off, int len) {
        wrap(buf, off, len);
    }

    public IcmpView(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public IcmpView wrap(byte[] buf, int off, int len) {
        set(buf, off, len);
        return this;
    }

    public String check() {
        String b = bounds();
        if (b != null) {
            return b;
        }
        if (len < HEADER_LENGTH) {
            return Checks.truncated(len, HEADER_LENGTH);
        }
        int t = type();
        if ((t == IcmpType.TIMESTAMP || t == IcmpType.TIMESTAMP_REPLY) && len < TIMESTAMP_LENGTH) {
            return Checks.truncated(len, TIMESTAMP_LENGTH);
        }
        return null;
    }

    public int type() {
        return BigEndian.u8(buf, off + TYPE);
    }

    public int code() {
        return BigEndian.u8(buf, off + CODE);
    }

    public int checksum() {
        return BigEndian.u16(buf, off + CHECKSUM);
    }

    /** True when the whole message, checksum included, sums to 0xffff (RFC 792 "Checksum"). */
    public boolean checksumValid() {
        return InternetChecksum.verify(buf, off, len);
    }

    /** Bytes 4..7 as one word, whatever the type. */
    public int restOfHeader() {
        return BigEndian.i32(buf, off + REST);
    }

    /** Echo, timestamp, information and address mask messages: identifier. */
    public int identifier() {
        return BigEndian.u16(buf, off + REST);
    }

    /** Echo, timestamp, information and address mask messages: sequence number. */
    public int sequenceNumber() {
        return BigEndian.u16(buf, off + REST + 2);
    }

    /** Destination unreachable, code 4: next-hop MTU (RFC 1191 §4); 0 from routers older than RFC 1191. */
    public int nextHopMtu() {
        return BigEndian.u16(buf, off + REST + 2);
    }

    /** Redirect: the gateway internet address. */
    public int gatewayBits() {
        return BigEndian.i32(buf, off + REST);
    }

    public Ipv4Address gateway() {
        return new Ipv4Address(gatewayBits());
    }

    /** Parameter problem: the octet of the original header where the error was found. */
    public int pointer() {
        return BigEndian.u8(buf, off + REST);
    }

    /** Timestamp messages: originate timestamp, milliseconds since midnight UT (unsigned 32 bits). */
    public long originateTimestamp() {
        return BigEndian.u32(buf, off + 8);
    }

    public long receiveTimestamp() {
        return BigEndian.u32(buf, off + 12);
    }

    public long transmitTimestamp() {
        return BigEndian.u32(buf, off + 16);
    }

    /** True for error messages (3, 4, 5, 11, 12), whose data quotes the offending datagram. */
    public boolean isError() {
        return IcmpType.isError(type());
    }

    /** Index in {@link #buffer()} of the data after the 8-byte header: echo data, or the quoted datagram of errors. */
    public int dataOffset() {
        return off + HEADER_LENGTH;
    }

    public int dataLength() {
        return len - HEADER_LENGTH;
    }
}
