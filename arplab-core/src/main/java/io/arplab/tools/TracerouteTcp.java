package io.arplab.tools;

import io.arplab.wire.Bytes;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.IpProtocol;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.TcpView;
import java.util.function.IntUnaryOperator;

/**
 * traceroute 2.1.2's tcp module (mod-tcp.c) as Debian 12 runs it: the SYN tcp_init() builds once — the default
 * flags (SYN, with the sysctls' options: tcp_sack, tcp_timestamps and tcp_window_scaling at 1, tcp_ecn at 2, which
 * check_sysctl() does not take for '1'), MSS and a window of four MSS from the connected socket's IP_MTU — and
 * tcp_check_reply(), which matches an answer to its probe by our port.
 */
final class TracerouteTcp {
    static final int PROTOCOL = IpProtocol.TCP.number();
    /** The header with mss (4), sackOK + timestamps (12) and nop + wscale (4): the probe's "data" length. */
    static final int LENGTH = TcpView.HEADER_LENGTH + 20;

    private final int src;
    private final int dst;
    private final int dstPort;
    private final int mss;

    TracerouteTcp(Ipv4Address src, Ipv4Address dst, int dstPort, int mtu) {
        this.src = src == null ? 0 : src.bits();
        this.dst = dst.bits();
        this.dstPort = dstPort & 0xffff;
        // "mss = mtu - headers", from an IP_MTU of at least 576
        this.mss = Math.max(mtu, 576) - 20 - TcpView.HEADER_LENGTH;
    }

    /** tcp_send_probe(): the template with our port, a random sequence and TS val, and the checksum. */
    byte[] syn(int sport, int seq, int tsVal) {
        byte[] t = new byte[LENGTH];
        Bytes.put16(t, 0, sport);
        Bytes.put16(t, 2, dstPort);
        Bytes.put32(t, 4, seq);
        Bytes.put16(t, 12, (LENGTH / 4) << 12 | TcpView.SYN);
        Bytes.put16(t, 14, 4 * mss); // htons(4 * mtu): the low 16 bits
        int p = TcpView.HEADER_LENGTH;
        t[p++] = TcpView.OPT_MSS;
        t[p++] = 4;
        Bytes.put16(t, p, mss);
        p += 2;
        t[p++] = TcpView.OPT_SACK_PERM;
        t[p++] = 2;
        t[p++] = TcpView.OPT_TS;
        t[p++] = 10;
        Bytes.put32(t, p, tsVal);
        p += 8; // TS ecr 0: no ACK flag
        t[p++] = TcpView.OPT_NOP;
        t[p++] = TcpView.OPT_WSCALE;
        t[p++] = 3;
        t[p] = 2; // "assume some correct value"
        long sum = InternetChecksum.pseudoHeader(src, dst, PROTOCOL, LENGTH);
        Bytes.put16(t, 16, InternetChecksum.finish(InternetChecksum.add(sum, t, 0, LENGTH)));
        return t;
    }

    /**
     * tcp_check_reply(): the probe whose port ({@code bySeq}: probe_by_seq()) a segment from the destination port is
     * addressed to, or an error's quoted SYN came from; -1 when none. The connected raw socket already checked the
     * address.
     */
    int answeredProbe(byte[] tcp, boolean err, IntUnaryOperator bySeq) {
        int sport = Bytes.u16(tcp, err ? 0 : 2);
        int dport = Bytes.u16(tcp, err ? 2 : 0);
        return dport != dstPort ? -1 : bySeq.applyAsInt(sport);
    }
}
