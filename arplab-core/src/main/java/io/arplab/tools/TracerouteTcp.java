package io.arplab.tools;

import io.arplab.stack.Errno;
import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.stack.RawSocket;
import io.arplab.wire.Bytes;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.IpProtocol;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.TcpView;

/**
 * traceroute 2.1.2's tcp module (mod-tcp.c) as Debian 12 runs it. tcp_init(): a raw IPPROTO_TCP socket connected to
 * the destination, and the probe it sends, built once: the flags -O gave, else SYN (and ECE|CWR under ecn); the
 * options -O gave, or with none (or "sysctl") those the sysctls say: sackOK, timestamps and nop + wscale 2 when
 * tcp_sack, tcp_timestamps and tcp_window_scaling read '1' (ECN when tcp_ecn does), laid out as the kernel's
 * tcp_options_write() does, with an MSS option on a SYN; a window of four MSS from the socket's IP_MTU.
 * tcp_send_probe() and tcp_check_reply() below.
 */
final class TracerouteTcp {
    private static final int PROTOCOL = IpProtocol.TCP.number();

    /** What the module hands back to traceroute.c's loop. */
    interface Replies {
        /** probe_by_seq(): the index of the unanswered probe sent from {@code port}, or -1. */
        int bySeq(int port);

        /** recv_reply() for probe {@code idx}: {@code err}, an ICMP error from its hop; else the final answer. */
        void reply(long now, int idx, int from, boolean err, int type, int code, int info);
    }

    private final HostStack stack;
    private final RawSocket socket;
    private final int src;
    private final int dst;
    private final int dstPort;
    private final int mss, mssOption;
    private final int flags;
    private final boolean sack, timestamps, wscale;
    /** -O info: the final replies' flags are printed */
    final boolean info;
    /** The header with its options: the probe's "data" length (*packet_len_p). */
    final int length;

    TracerouteTcp(HostStack stack, Ipv4Address src, Ipv4Address dst, int dstPort, int mtu, TracerouteModOpts o,
                  Replies replies) {
        this.stack = stack;
        this.socket = stack.openRaw(PROTOCOL, src, dst, new Listener(replies));
        Ipv4Address from = src != null ? src : stack.sourceAddress(dst, null); // getsockname() after connect()
        this.src = from == null ? 0 : from.bits();
        this.dst = dst.bits();
        this.dstPort = dstPort & 0xffff;
        this.mss = Math.max(mtu, 576) - 20 - TcpView.HEADER_LENGTH; // "mss = mtu - headers", an IP_MTU of 576 at least
        this.mssOption = o.mss != 0 ? (int) o.mss & 0xffff : mss; // htons(mss ? mss : mtu)
        this.info = o.info;
        int f = o.flags;
        if (f == 0 || o.sysctl) {
            f |= checkSysctl(stack, "tcp_ecn") ? TracerouteModOpts.FL_ECN : 0;
            f |= checkSysctl(stack, "tcp_sack") ? TracerouteModOpts.FL_SACK : 0;
            f |= checkSysctl(stack, "tcp_timestamps") ? TracerouteModOpts.FL_TSTAMP : 0;
            f |= checkSysctl(stack, "tcp_window_scaling") ? TracerouteModOpts.FL_WSCALE : 0;
        }
        if ((f & (TracerouteModOpts.FL_FLAGS | 0xff)) == 0) { // no tcp flag set
            f |= TcpView.SYN | ((f & TracerouteModOpts.FL_ECN) != 0 ? TcpView.ECE | TcpView.CWR : 0);
        }
        flags = f;
        sack = (f & TracerouteModOpts.FL_SACK) != 0;
        timestamps = (f & TracerouteModOpts.FL_TSTAMP) != 0;
        wscale = (f & TracerouteModOpts.FL_WSCALE) != 0;
        length = TcpView.HEADER_LENGTH + ((f & TcpView.SYN) != 0 ? 4 : 0) + (timestamps ? 12 : sack ? 4 : 0)
                + (wscale ? 4 : 0);
    }

    /** check_sysctl(): the first byte of /proc/sys/net/ipv4/NAME is '1' (so tcp_ecn's default 2 is not). */
    private static boolean checkSysctl(HostStack stack, String name) {
        return stack.sysctl(name).startsWith("1");
    }

    /**
     * tcp_send_probe(): a SOCK_STREAM socket bound to port 0 holds the source port (it neither connects nor listens,
     * so the kernel answers a SYN-ACK to it with its own RST), then the SYN with a random sequence leaves the raw
     * socket at {@code ttl}. Returns the port (the probe's seq, held until {@link #release}), 0 to try again later
     * (do_send(): ENOBUFS, EAGAIN), or an errno's negative: EADDRINUSE from bind(), else send()'s.
     */
    int send(ToolContext ctx, long now, int ttl, boolean dontFragment, NetDevice bind) {
        int port = stack.bindTcpPort();
        if (port < 0) {
            return Errno.EADDRINUSE.negative();
        }
        int seq = stack.randomU32();
        int tsVal = stack.randomU32();
        byte[] syn = syn(port, seq, tsVal, timestamps && (flags & TcpView.ACK) != 0 ? stack.randomU32() : 0);
        socket.setTtl(ttl);
        int[] rc = new int[1];
        ctx.act(out -> rc[0] = stack.sendRaw(now, socket, syn, dontFragment, bind, out));
        Errno e = rc[0] < 0 ? Errno.of(rc[0]) : null;
        if (e == null || e == Errno.EMSGSIZE) { // "recverr will say more"
            return port;
        }
        stack.unbindTcpPort(port);
        return e == Errno.ENOBUFS || e == Errno.EAGAIN ? 0 : rc[0];
    }

    /** probe_done(): close() of the probe's port-holding socket. */
    void release(int port) {
        stack.unbindTcpPort(port);
    }

    void close() {
        stack.close(socket);
    }

    /** The template with our port, the sequence, TS val and (with ACK) TS ecr (random_seq()), and the checksum. */
    private byte[] syn(int sport, int seq, int tsVal, int tsEcr) {
        byte[] t = new byte[length];
        Bytes.put16(t, 0, sport);
        Bytes.put16(t, 2, dstPort);
        Bytes.put32(t, 4, seq);
        Bytes.put16(t, 12, (length / 4) << 12 | flags & 0xff);
        Bytes.put16(t, 14, 4 * mss); // htons(4 * mtu): its low 16 bits
        int p = TcpView.HEADER_LENGTH;
        if ((flags & TcpView.SYN) != 0) {
            t[p++] = TcpView.OPT_MSS;
            t[p++] = 4;
            Bytes.put16(t, p, mssOption);
            p += 2;
        }
        if (timestamps) {
            t[p++] = (byte) (sack ? TcpView.OPT_SACK_PERM : TcpView.OPT_NOP);
            t[p++] = (byte) (sack ? 2 : TcpView.OPT_NOP);
            t[p++] = TcpView.OPT_TS;
            t[p++] = 10;
            Bytes.put32(t, p, tsVal);
            Bytes.put32(t, p + 4, tsEcr);
            p += 8;
        } else if (sack) {
            t[p++] = TcpView.OPT_NOP;
            t[p++] = TcpView.OPT_NOP;
            t[p++] = TcpView.OPT_SACK_PERM;
            t[p++] = 2;
        }
        if (wscale) {
            t[p++] = TcpView.OPT_NOP;
            t[p++] = TcpView.OPT_WSCALE;
            t[p++] = 3;
            t[p] = 2; // "assume some correct value"
        }
        long sum = InternetChecksum.pseudoHeader(src, dst, PROTOCOL, length);
        Bytes.put16(t, 16, InternetChecksum.finish(InternetChecksum.add(sum, t, 0, length)));
        return t;
    }

    /**
     * tcp_check_reply(): a segment from the destination port to a probe's port, or an error whose quoted SYN came
     * from it (the connected raw socket has matched the address already).
     */
    private final class Listener implements RawSocket.Listener {
        private final Replies replies;

        Listener(Replies replies) {
            this.replies = replies;
        }

        @Override
        public void packet(long now, int from, int ttl, byte[] l4) {
            int idx = l4.length < 8 || Bytes.u16(l4, 0) != dstPort ? -1 : replies.bySeq(Bytes.u16(l4, 2));
            replies.reply(now, idx, from, false, -1, -1, l4.length > 13 ? l4[13] & 0xff : 0); // info: its flags
        }

        @Override
        public void error(long now, int from, int type, int code, int info, byte[] quoted) {
            int idx = quoted.length < 8 || Bytes.u16(quoted, 2) != dstPort ? -1 : replies.bySeq(Bytes.u16(quoted, 0));
            replies.reply(now, idx, from, true, type, code, info);
        }
    }
}
