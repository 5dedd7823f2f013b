package io.arplab.wire;

/**
 * A UDP datagram (RFC 768) over bytes {@code [off, off+len)} of {@code buf} (the IPv4 payload). {@link #check()}
 * requires the header and the whole datagram per its length field; {@link #checkHeader()} only the header.
 */
public final class UdpView extends ByteView {
    public static final int HEADER_LENGTH = 8;
    private static final int SOURCE_PORT = 0;
    private static final int DESTINATION_PORT = 2;
    private static final int LENGTH = 4;
    private static final int CHECKSUM = 6;

    public UdpView(byte[] buf, int off, int len) {
        wrap(buf, off, len);
    }

    public UdpView(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public UdpView wrap(byte[] buf, int off, int len) {
        set(buf, off, len);
        return this;
    }

    public String check() {
        String h = checkHeader();
        if (h != null) {
            return h;
        }
        int l = udpLength();
        if (l < HEADER_LENGTH) {
            return "length " + l + " < 8";
        }
        if (l > len) {
            return Checks.truncated(len, l);
        }
        return null;
    }

    /** Null when the 8-byte header is present: the header accessors are safe. */
    public String checkHeader() {
        String b = bounds();
        if (b != null) {
            return b;
        }
        if (len < HEADER_LENGTH) {
            return Checks.truncated(len, HEADER_LENGTH);
        }
        return null;
    }

    public int sourcePort() {
        return BigEndian.u16(buf, off + SOURCE_PORT);
    }

    public int destinationPort() {
        return BigEndian.u16(buf, off + DESTINATION_PORT);
    }

    /** The length field (RFC 768 "Length"): header plus data. */
    public int udpLength() {
        return BigEndian.u16(buf, off + LENGTH);
    }

    /** The checksum field; 0 means the sender computed none. */
    public int checksum() {
        return BigEndian.u16(buf, off + CHECKSUM);
    }

    /**
     * True when the checksum is absent (0) or the pseudo-header, header and data sum to 0xffff (RFC 768).
     * Addresses are the IPv4 source and destination as ints.
     */
    public boolean checksumValid(int sourceIp, int destinationIp) {
        if (checksum() == 0) {
            return true;
        }
        int l = udpLength();
        long sum = InternetChecksum.pseudoHeader(sourceIp, destinationIp, IpProtocol.UDP.number(), l);
        return InternetChecksum.fold(InternetChecksum.add(sum, buf, off, l)) == 0xffff;
    }

    public boolean checksumValid(Ipv4Address source, Ipv4Address destination) {
        return checksumValid(source.bits(), destination.bits());
    }

    public int payloadOffset() {
        return off + HEADER_LENGTH;
    }

    /** Data length per the length field. */
    public int payloadLength() {
        return udpLength() - HEADER_LENGTH;
    }
}
