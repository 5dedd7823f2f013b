package io.arplab.wire;

/**
 * Zero-allocation writers of untagged Ethernet/IPv4/ICMP echo frames, shaped like Linux's: the request as ping
 * sends it, the reply as net/ipv4/icmp.c icmp_echo()/icmp_reply() builds it.
 */
public final class IcmpFrames {
    private static final int IP = EthernetView.HEADER_LENGTH;
    private static final int ICMP = IP + Ipv4View.MIN_HEADER_LENGTH;
    /** Ethernet + IPv4 + ICMP headers: the frame length of an echo with no data. */
    public static final int ECHO_HEADERS_LENGTH = ICMP + IcmpView.HEADER_LENGTH;

    private IcmpFrames() {}

    /**
     * An echo request: TOS 0, not fragmented, {@code dataLength} bytes of data copied from {@code data}.
     * iputils ping sends TTL 64 with DF set (path MTU discovery "want" on its socket). Returns the frame length.
     */
    public static int writeEchoRequest(byte[] out, int off, long srcMac, long dstMac, int srcIp, int dstIp,
                                       int identification, int ttl, boolean dontFragment, int identifier,
                                       int sequenceNumber, byte[] data, int dataOffset, int dataLength) {
        int icmpLength = IcmpView.HEADER_LENGTH + dataLength;
        System.arraycopy(data, dataOffset, out, off + ECHO_HEADERS_LENGTH, dataLength);
        IcmpEncoding.emitInPlace(out, off + ICMP, IcmpType.ECHO_REQUEST, 0,
                (identifier & 0xffff) << 16 | (sequenceNumber & 0xffff),
                icmpLength);
        EthernetFrames.writeHeader(out, off, dstMac, srcMac, 0x0800);
        Ipv4Frames.writeHeader(out, off + IP, 0, Ipv4View.MIN_HEADER_LENGTH + icmpLength, identification,
                dontFragment, ttl, 1, srcIp, dstIp);
        return ICMP + icmpLength;
    }

    /**
     * Checks that {@code req[off, off+len)} is an untagged Ethernet/IPv4 ICMP echo request a Linux host would
     * answer (IPv4 header valid with a correct checksum, whole datagram present, not a fragment, ICMP checksum
     * correct) and writes the reply frame at {@code out[outOff]}; returns its length, or -1 (nothing written).
     * <p>
     * The reply, as icmp_echo()/icmp_reply() make it: Ethernet destination the request's source, source
     * {@code myMac}; IPv4 source {@code myIp} (fib_compute_spec_dst(): the request's destination when unicast),
     * destination the request's source, TOS copied, {@code identification} and {@code ttl} from the caller (Linux:
     * ip_select_ident() and the route's hop limit, default 64), DF clear (the kernel ICMP socket uses
     * IP_PMTUDISC_DONT); ICMP type 0 with the request's code, identifier, sequence number and data, checksum
     * recomputed. Options are not echoed (Linux echoes them with ip_options_echo(); a request with options gets
     * an option-less reply here). Ethernet padding after the datagram is dropped. {@code out} may be {@code req}.
     */
    public static int writeEchoReply(byte[] req, int off, int len, long myMac, int myIp, int identification, int ttl,
                                     byte[] out, int outOff) {
        if (off < 0 || len < ECHO_HEADERS_LENGTH || off > req.length - len || BigEndian.u16(req, off + 12) != 0x0800) {
            return -1;
        }
        int ip = off + IP;
        int versionIhl = BigEndian.u8(req, ip);
        int hl = (versionIhl & 0x0f) * 4;
        if ((versionIhl >>> 4) != 4 || hl < Ipv4View.MIN_HEADER_LENGTH) {
            return -1;
        }
        int total = BigEndian.u16(req, ip + 2);
        int icmpLength = total - hl;
        if (icmpLength < IcmpView.HEADER_LENGTH || total > len - IP) {
            return -1;
        }
        if ((BigEndian.u16(req, ip + 6) & 0x3fff) != 0 || BigEndian.u8(req, ip + 9) != 1) {
            return -1;
        }
        int icmp = ip + hl;
        if (BigEndian.u8(req, icmp) != IcmpType.ECHO_REQUEST) {
            return -1;
        }
        if (!InternetChecksum.verify(req, ip, hl) || !InternetChecksum.verify(req, icmp, icmpLength)) {
            return -1;
        }
        long ethSource = BigEndian.u48(req, off + 6);
        int tos = BigEndian.u8(req, ip + 1);
        int ipSource = BigEndian.i32(req, ip + 12);
        int code = BigEndian.u8(req, icmp + 1);
        int requestChecksum = BigEndian.u16(req, icmp + 2);
        int rest = BigEndian.i32(req, icmp + 4);
        // Data first: with out == req and options in the request, it moves towards the front.
        System.arraycopy(req, icmp + IcmpView.HEADER_LENGTH, out, outOff + ECHO_HEADERS_LENGTH,
                icmpLength - IcmpView.HEADER_LENGTH);
        int o = outOff + ICMP;
        BigEndian.put16(out, o, IcmpType.ECHO_REPLY << 8 | code);
        BigEndian.put32(out, o + 4, rest);
        // Only the type changed: patch the checksum (RFC 1624 §3). It differs from a full sum only as +0 for -0,
        // when the whole message sums to zero; then sum it as the kernel does.
        int checksum = InternetChecksum.update(requestChecksum, IcmpType.ECHO_REQUEST << 8 | code, code);
        if (checksum == 0) {
            BigEndian.put16(out, o + 2, 0);
            checksum = InternetChecksum.compute(out, o, icmpLength);
        }
        BigEndian.put16(out, o + 2, checksum);
        EthernetFrames.writeHeader(out, outOff, ethSource, myMac, 0x0800);
        Ipv4Frames.writeHeader(out, outOff + IP, tos, Ipv4View.MIN_HEADER_LENGTH + icmpLength, identification, false,
                ttl, 1, myIp, ipSource);
        return ICMP + icmpLength;
    }
}
