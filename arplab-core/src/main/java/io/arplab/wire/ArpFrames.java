package io.arplab.wire;

/**
 * Zero-allocation writers of the 42-byte Ethernet/IPv4 ARP frames Linux sends (14-byte header + 28-byte ARP,
 * no padding). MAC addresses are longs, IPv4 addresses ints, as in {@link MacAddress#bits()} and
 * {@link Ipv4Address#bits()}. Frames are untagged.
 */
public final class ArpFrames {
    public static final int FRAME_LENGTH = EthernetView.HEADER_LENGTH + ArpView.ETHERNET_IPV4_LENGTH;
    private static final long BROADCAST = 0xffff_ffff_ffffL;
    private static final int ARP = EthernetView.HEADER_LENGTH;

    private ArpFrames() {}

    /** Writes the 28-byte Ethernet/IPv4 ARP packet (RFC 826 "Packet format") at {@code out[off]}. */
    static void writeArp(byte[] out, int off, int op, long sha, int spa, long tha, int tpa) {
        BigEndian.put32(out, off, 0x0001_0800);
        BigEndian.put16(out, off + 4, 0x0604);
        BigEndian.put16(out, off + 6, op);
        BigEndian.put48(out, off + 8, sha);
        BigEndian.put32(out, off + 14, spa);
        BigEndian.put48(out, off + 18, tha);
        BigEndian.put32(out, off + 24, tpa);
    }

    /** Writes any Ethernet/IPv4 ARP frame; returns 42. */
    public static int write(byte[] out, int off, long ethDestination, long ethSource, int op, long sha, int spa,
                            long tha, int tpa) {
        // Five 64-bit stores and one 16-bit: destination | source | 0806 | hrd 0001 | pro 0800 | hln 06 pln 04 |
        // op | sha | spa | tha | tpa (RFC 826 "Packet format" behind the Ethernet header).
        BigEndian.put64(out, off, ethDestination << 16 | ethSource >>> 32);
        BigEndian.put64(out, off + 8, (ethSource & 0xffff_ffffL) << 32 | 0x0806_0001L);
        BigEndian.put64(out, off + 16, 0x0800_0604L << 32 | (op & 0xffffL) << 16 | sha >>> 32);
        BigEndian.put64(out, off + 24, (sha & 0xffff_ffffL) << 32 | (spa & 0xffff_ffffL));
        BigEndian.put64(out, off + 32, tha << 16 | (tpa >>> 16));
        BigEndian.put16(out, off + 40, tpa);
        return FRAME_LENGTH;
    }

    /**
     * A request "who-has targetIp tell srcIp" as net/ipv4/arp.c arp_solicit() sends it: ar$tha is always zero; the
     * Ethernet destination is {@code dstMac}: broadcast for a new entry, the cached MAC for a unicast probe
     * (NUD_PROBE). Returns 42.
     */
    public static int writeRequest(byte[] out, int off, long srcMac, int srcIp, long dstMac, int targetIp) {
        return write(out, off, dstMac, srcMac, 1, srcMac, srcIp, 0L, targetIp);
    }

    /** A broadcast RFC 5227 §2.1.1 probe: sender protocol address 0, ar$tha zero. Returns 42. */
    public static int writeProbe(byte[] out, int off, long srcMac, int targetIp) {
        return write(out, off, BROADCAST, srcMac, 1, srcMac, 0, 0L, targetIp);
    }

    /** A broadcast gratuitous request / RFC 5227 §2.3 announcement: spa = tpa = ip, ar$tha zero. Returns 42. */
    public static int writeAnnouncement(byte[] out, int off, long srcMac, int ip) {
        return write(out, off, BROADCAST, srcMac, 1, srcMac, ip, 0L, ip);
    }

    /**
     * True when {@code frame[off, off+len)} is an untagged Ethernet frame carrying an Ethernet/IPv4 ARP request
     * (padding allowed).
     */
    public static boolean isEthernetIpv4Request(byte[] frame, int off, int len) {
        return off >= 0 && len >= FRAME_LENGTH && off <= frame.length - len
                && BigEndian.i64(frame, off + 12) == 0x0806_0001_0800_0604L
                && BigEndian.u16(frame, off + ARP + 6) == 1;
    }

    /**
     * Checks that {@code req[off, off+len)} is an untagged Ethernet/IPv4 ARP request and writes the reply frame at
     * {@code out[outOff]}, per RFC 826 "swap and fill" as Linux's arp_process() sends it: Ethernet destination and
     * ar$tha the requester's ar$sha, sender {@code myMac} with the requested address. Whether the target is ours
     * is the caller's decision. Returns 42, or -1 (nothing written) when the input is not such a request.
     * {@code out} may be {@code req} itself.
     */
    public static int writeReply(byte[] req, int off, int len, long myMac, byte[] out, int outOff) {
        if (!isEthernetIpv4Request(req, off, len)) {
            return -1;
        }
        long sha = BigEndian.u48(req, off + ARP + 8);
        int spa = BigEndian.i32(req, off + ARP + 14);
        int tpa = BigEndian.i32(req, off + ARP + 24);
        return write(out, outOff, sha, myMac, 2, myMac, tpa, sha, spa);
    }
}
