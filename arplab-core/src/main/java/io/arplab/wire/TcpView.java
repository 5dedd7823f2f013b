package io.arplab.wire;

/**
 * A TCP segment (RFC 9293 section 3.1) over bytes {@code [off, off+len)} of {@code buf} (the IPv4 payload).
 * {@link #check()} requires the fixed header and the options its data offset claims.
 */
public final class TcpView extends ByteView {
    public static final int HEADER_LENGTH = 20;
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20, ECE = 0x40, CWR = 0x80;
    // option kinds (RFC 9293 3.2, RFC 7323, RFC 2018)
    public static final int OPT_EOL = 0, OPT_NOP = 1, OPT_MSS = 2, OPT_WSCALE = 3, OPT_SACK_PERM = 4, OPT_TS = 8;

    public TcpView(byte[] buf, int off, int len) {
        wrap(buf, off, len);
    }

    public TcpView wrap(byte[] buf, int off, int len) {
        set(buf, off, len);
        return this;
    }

    /** Null when every accessor is safe, else why not. */
    public String check() {
        String b = bounds();
        if (b != null) {
            return b;
        }
        if (len < HEADER_LENGTH) {
            return Checks.truncated(len, HEADER_LENGTH);
        }
        int h = headerLength();
        if (h < HEADER_LENGTH) {
            return "data offset " + h + " < 20";
        }
        if (h > len) {
            return Checks.truncated(len, h);
        }
        return null;
    }

    public int sourcePort() {
        return BigEndian.u16(buf, off);
    }

    public int destinationPort() {
        return BigEndian.u16(buf, off + 2);
    }

    public long sequence() {
        return BigEndian.u32(buf, off + 4) & 0xffffffffL;
    }

    public long acknowledgment() {
        return BigEndian.u32(buf, off + 8) & 0xffffffffL;
    }

    /** The data offset in bytes. */
    public int headerLength() {
        return ((buf[off + 12] & 0xff) >> 4) * 4;
    }

    /** The control bits (low 8; NS in bit 8). */
    public int flags() {
        return BigEndian.u16(buf, off + 12) & 0x1ff;
    }

    public int window() {
        return BigEndian.u16(buf, off + 14);
    }

    public int checksum() {
        return BigEndian.u16(buf, off + 16);
    }

    public int payloadOffset() {
        return off + headerLength();
    }

    public int payloadLength() {
        return len - headerLength();
    }

    /** The segment's checksum over the pseudo-header (RFC 9293 3.1) is right. */
    public boolean checksumValid(int saddr, int daddr) {
        long sum = InternetChecksum.pseudoHeader(saddr, daddr, IpProtocol.TCP.number(), len);
        return InternetChecksum.finish(InternetChecksum.add(sum, buf, off, len)) == 0;
    }

    /**
     * The offset in {@code buf} of option {@code kind}'s value, or -1 (tcp_parse_options(): NOP and EOL, lengths
     * below 2 or beyond the header end the walk).
     */
    public int option(int kind) {
        int p = off + HEADER_LENGTH;
        int end = off + headerLength();
        while (p < end) {
            int k = buf[p] & 0xff;
            if (k == OPT_EOL) {
                return -1;
            }
            if (k == OPT_NOP) {
                p++;
                continue;
            }
            if (p + 1 >= end) {
                return -1;
            }
            int l = buf[p + 1] & 0xff;
            if (l < 2 || p + l > end) {
                return -1;
            }
            if (k == kind) {
                return p + 2;
            }
            p += l;
        }
        return -1;
    }
}
