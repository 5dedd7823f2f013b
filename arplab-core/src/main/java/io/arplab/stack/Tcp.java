package io.arplab.stack;

import io.arplab.stack.HostStack.Outbox;
import io.arplab.wire.Bytes;
import io.arplab.wire.Ipv4View;
import io.arplab.wire.TcpView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * net/ipv4/tcp_ipv4.c and tcp_timer.c: the socket tables (established connections by 4-tuple, listeners by port),
 * tcp_v4_connect(), tcp_v4_rcv()'s demultiplexing, tcp_v4_send_reset() for segments no socket takes, and the
 * retransmission, delayed-ACK and TIME_WAIT timers. What a segment does to its socket is {@link TcpInput}; what
 * leaves is built by {@link TcpOutput}.
 */
final class Tcp {
    /** TCP_TIMEWAIT_LEN: 60 s. */
    static final long TIMEWAIT_LEN = 60_000_000_000L;
    /** TCP_TIMEOUT_INIT: 1 s, the first RTO of a SYN or SYN-ACK. */
    static final long TIMEOUT_INIT = 1_000_000_000L;

    record Key(int laddr, int lport, int raddr, int rport) {}

    /** A tcp sysctl of net.ipv4 as the namespace holds it, else its default (tcp_sk_init()'s, SysctlRegistry.NET). */
    int sysctl(String name) {
        Integer v = ns.storedSysctlOrNull("net/ipv4/" + name);
        return v != null ? v : SysctlRegistry.netDefault(name);
    }

    /** net.ipv4.tcp_sack, tcp_timestamps and tcp_window_scaling: any non-zero value is on. */
    boolean sysctlOn(String name) {
        return sysctl(name) != 0;
    }

    final Netns ns;
    final TcpOutput output;
    final TcpInput input;
    // created on first use: a lab may hold thousands of hosts that never open a TCP socket
    private Map<Key, TcpSocket> connections = Map.of();
    private Map<Integer, TcpSocket> listeners = Map.of();
    /** Ports held by bound sockets that neither listen nor connect (in bhash only: no segment finds them). */
    private java.util.Set<Integer> bound = java.util.Set.of();
    private TcpView tcp;
    /** net_secret / ts_secret: the keys of secure_tcp_seq() and secure_tcp_ts_off(), drawn on first use. */
    private long secret;
    private boolean secretDrawn;
    private int connectCount;

    Tcp(Netns ns) {
        this.ns = ns;
        this.output = new TcpOutput(ns);
        this.input = new TcpInput(this);
    }

    // ------------------------------------------------------------------------------------------- sockets

    /** bind() + listen() on {@code port} of every address (inet_csk_get_port()): null when the port is taken. */
    TcpSocket listen(int port, boolean acceptOne, TcpSocket.Listener listener) {
        if (listeners.containsKey(port)) {
            return null;
        }
        TcpSocket s = new TcpSocket(listener);
        s.state = TcpSocket.State.LISTEN;
        s.lport = port;
        s.acceptOne = acceptOne;
        if (listeners.isEmpty()) {
            listeners = new HashMap<>(2);
        }
        listeners.put(port, s);
        return s;
    }

    /**
     * tcp_v4_connect(): the route's source (or {@code src}), an ephemeral port (or {@code sport}), the ISN and
     * timestamp offset, then the SYN. Returns the socket, or -errno as {@link Errno} through {@code error}.
     */
    TcpSocket connect(long now, int src, int sport, int dst, int dport, NetDevice bind, TcpSocket.Listener listener,
                      Outbox out) {
        TcpSocket s = new TcpSocket(listener);
        Route r = ns.route(dst, bind);
        // no route, or tcp_v4_connect()'s refusal of an RTCF_BROADCAST or RTCF_MULTICAST one (the output route of a
        // local or limited broadcast, or a group, is flagged as the input route is)
        if (r == null && !ns.isLocalAddress(dst) || ns.broadcastInput(dst)) {
            s.error = Errno.ENETUNREACH;
            return s;
        }
        if (src == 0) {
            io.arplab.wire.Ipv4Address a = ns.sourceAddress(io.arplab.wire.Ipv4Address.of(dst), bind);
            if (a == null) {
                s.error = Errno.ENETUNREACH;
                return s;
            }
            src = a.bits();
        }
        s.laddr = src;
        s.raddr = dst;
        s.rport = dport;
        if (sport == 0) {
            sport = ephemeralPort(src, dst, dport);
            if (sport < 0) {
                s.error = Errno.EADDRNOTAVAIL;
                return s;
            }
        } else if (connections.containsKey(new Key(src, sport, dst, dport))) {
            s.error = Errno.EADDRINUSE;
            return s;
        }
        s.lport = sport;
        s.iss = secureSeq(now, src, dst, sport, dport);
        s.tsOffset = tsOffset(src, dst);
        s.inetId = ns.random().nextInt(0x10000); // inet->inet_id = get_random_u16()
        s.advmss = advmss(dst, bind);
        s.sndUna = s.iss;
        s.sndNxt = s.iss;
        initialWindow(s, s.advmss);
        // tcp_syn_options() offers what the sysctls allow; tcp_ecn_send_syn() asks for ECN at tcp_ecn 1
        s.tsOk = sysctlOn("tcp_timestamps");
        s.sackOk = sysctlOn("tcp_sack");
        s.wscaleOk = sysctlOn("tcp_window_scaling");
        if (!s.wscaleOk) {
            s.rcvWscale = 0; // tcp_select_initial_window() without wscale_ok
        }
        s.ecnOk = sysctl("tcp_ecn") == 1;
        s.state = TcpSocket.State.SYN_SENT;
        add(s);
        s.rto = TIMEOUT_INIT;
        output.sendSyn(now, s, out);
        return s;
    }

    /**
     * bind() to port 0 (inet_csk_find_open_port()): a random odd offset into the range (the other parity is left to
     * connect()), then every second port, skipping those in use; the port stays held until {@link #unbind}. -1 when
     * none is free (EADDRINUSE).
     */
    int bindEphemeral() {
        int ports = NamespaceSysctls.localPortRange(ns);
        int low = SysctlRegistry.portLow(ports);
        int range = remaining(ports);
        int offset = ns.random().nextInt(range) | 1;
        for (int i = 0; i < range; i += 2) {
            int port = low + (offset + i) % range;
            if (!listeners.containsKey(port) && !bound.contains(port) && !usedByConnection(port)) {
                if (bound.isEmpty()) {
                    bound = new java.util.HashSet<>(4);
                }
                bound.add(port);
                return port;
            }
        }
        return -1;
    }

    /** The ports of the range, made even when more than one ("remaining" of inet_csk_find_open_port()). */
    private static int remaining(int ports) {
        int n = SysctlRegistry.portHigh(ports) + 1 - SysctlRegistry.portLow(ports);
        return n > 1 ? n & ~1 : n;
    }

    /** close() of a socket that only held its bound port. */
    void unbind(int port) {
        bound.remove(port);
    }

    private boolean usedByConnection(int port) {
        for (Key k : connections.keySet()) {
            if (k.lport() == port) {
                return true;
            }
        }
        return false;
    }

    /** __inet_hash_connect(): from a hashed offset, even ports first (odd ones are left to bind()), then odd. */
    private int ephemeralPort(int src, int dst, int dport) {
        int ports = NamespaceSysctls.localPortRange(ns);
        int low = SysctlRegistry.portLow(ports);
        int range = remaining(ports);
        long h = mix(secret() ^ ((long) dst << 32 | (dport & 0xffffL) << 16) ^ src ^ (long) connectCount++ << 48);
        int offset = (int) Long.remainderUnsigned(h, range) & ~1;
        for (int parity = 0; parity < 2; parity++) {
            for (int i = 0; i < range; i += 2) {
                int port = low + (offset + i + parity) % range;
                if (!listeners.containsKey(port) && !bound.contains(port)
                        && !connections.containsKey(new Key(src, port, dst, dport))) {
                    return port;
                }
            }
        }
        return -1;
    }

    /** The MSS we announce (tcp_advertise_mss()): the route's device MTU less 40 bytes of headers. */
    int advmss(int dst, NetDevice bind) {
        Route r = ns.route(dst, bind);
        int mtu = r != null ? r.device().mtu() : 65536;
        return Math.max(mtu - 40, 88);
    }

    /**
     * tcp_select_initial_window() with Debian 12's net.ipv4.tcp_rmem (4096 131072 6291456): 64 KiB of a 128 KiB
     * buffer rounded down to the MSS, and the scale that fits 6 MiB in 16 bits (7).
     */
    static void initialWindow(TcpSocket s, int mss) {
        int space = 65536; // tcp_full_space(): tcp_win_from_space(tcp_rmem[1]) with tcp_adv_win_scale 1
        if (space > mss) {
            space = space / mss * mss;
        }
        s.rcvWnd = Math.min(space, 65535);
        s.rcvSsthresh = s.rcvWnd;
        s.rcvWscale = 31 - Integer.numberOfLeadingZeros(6_291_456) - 15; // ilog2(max(tcp_rmem[2], rmem_max)) - 15
    }

    /**
     * tcp_init_transfer(): tcp_init_buffer_space() holds window_clamp to the full space less one advmss (tcp_app_win
     * 31) and rcv_ssthresh to that; tcp_initialize_rcv_mss() guesses the peer's segments at most TCP_MSS_DEFAULT.
     */
    static void initTransfer(TcpSocket s) {
        int maxwin = 65536; // tcp_full_space(), as initialWindow()
        long clamp = Math.min(65535L << s.rcvWscale, maxwin); // tcp_select_initial_window()'s clamp, then maxwin
        if (clamp > 2L * s.advmss && clamp + s.advmss > maxwin) {
            clamp = Math.max(2 * s.advmss, maxwin - s.advmss);
        }
        s.rcvSsthresh = (int) Math.min(s.rcvSsthresh, clamp);
        int mssCache = s.advmss - (s.tsOk ? TcpOutput.TS_ALIGNED : 0);
        s.rcvMss = Math.max(Math.min(Math.min(s.advmss, mssCache), Math.min(s.rcvWnd / 2, 536)), 88);
        s.rcvWup = s.rcvNxt;
    }

    /** tcp_sendmsg(): data on an established connection (or one the peer has half-closed); false otherwise (EPIPE). */
    boolean send(long now, TcpSocket s, byte[] data, Outbox out) {
        if (s.finSent || s.state != TcpSocket.State.ESTABLISHED && s.state != TcpSocket.State.CLOSE_WAIT) {
            return false;
        }
        output.sendData(now, s, data, out);
        return true;
    }

    /** tcp_shutdown(SHUT_WR) → tcp_close_state(): the FIN, and FIN_WAIT1 or LAST_ACK. */
    void shutdown(long now, TcpSocket s, Outbox out) {
        if (s.finSent) {
            return;
        }
        switch (s.state) {
            case ESTABLISHED, SYN_RECV -> s.state = TcpSocket.State.FIN_WAIT1;
            case CLOSE_WAIT -> s.state = TcpSocket.State.LAST_ACK;
            default -> {
                return;
            }
        }
        output.sendFin(now, s, out);
    }

    /** tcp_close(): a listener or a connect in progress goes at once; a connection sends its FIN. */
    void close(long now, TcpSocket s, Outbox out) {
        s.queue.close();
        switch (s.state) {
            case LISTEN, SYN_SENT, CLOSE -> close(s);
            default -> shutdown(now, s, out);
        }
    }

    /**
     * tcp_v4_err(): an ICMP error quoting a segment of ours ({@code l4} its TCP header in {@code frame}) whose sequence
     * is in the window (snd_una .. snd_nxt). A connect in SYN_SENT fails with the error (icmp_err_convert[] for a
     * destination unreachable, EHOSTUNREACH for a time exceeded, EPROTO for a parameter problem); a fragmentation
     * needed, a source quench and a redirect do not; an established connection keeps only a soft error (not kept).
     */
    void err(long now, int type, int code, int saddr, int daddr, byte[] frame, int l4) {
        TcpSocket s = connections.get(new Key(saddr, Bytes.u16(frame, l4), daddr, Bytes.u16(frame, l4 + 2)));
        long seq = Bytes.u32(frame, l4 + 4) & 0xffffffffL;
        if (s == null || s.state != TcpSocket.State.SYN_SENT || ((seq - s.sndUna) & 0xffffffffL)
                > ((s.sndNxt - s.sndUna) & 0xffffffffL)) {
            return;
        }
        Errno err = switch (type) {
            case 3 -> code > 15 || code == 4 ? null : ICMP_ERR_CONVERT[code];
            case 11 -> Errno.EHOSTUNREACH;
            case 12 -> Errno.EPROTO;
            default -> null;
        };
        if (err != null) {
            close(s); // tcp_done()
            s.queue.add(0, () -> s.listener.failed(now, err), ns.readySockets());
        }
    }

    /** icmp_err_convert[]: a destination unreachable's errno by code. */
    private static final Errno[] ICMP_ERR_CONVERT = {Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.ENOPROTOOPT,
        Errno.ECONNREFUSED, Errno.EMSGSIZE, Errno.EOPNOTSUPP, Errno.ENETUNREACH, Errno.EHOSTDOWN, Errno.ENONET,
        Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH,
        Errno.EHOSTUNREACH, Errno.EHOSTUNREACH};

    void close(TcpSocket s) {
        if (s.state == TcpSocket.State.LISTEN) {
            if (listeners.get(s.lport) == s) {
                listeners.remove(s.lport);
            }
        } else if (connections.get(key(s)) == s) {
            connections.remove(key(s));
        }
        s.state = TcpSocket.State.CLOSE;
        s.retransmitAt = s.delackAt = s.timewaitAt = Long.MAX_VALUE;
    }

    void add(TcpSocket s) {
        if (connections.isEmpty()) {
            connections = new HashMap<>(4);
        }
        connections.put(key(s), s);
    }

    private static Key key(TcpSocket s) {
        return new Key(s.laddr, s.lport, s.raddr, s.rport);
    }

    // ------------------------------------------------------------------------------------------- receive

    /** tcp_v4_rcv(): checksum, then the connection's socket, else the listener, else a reset. */
    void rcv(long now, byte[] frame, int off, int len, Ipv4View ip, Outbox out) {
        TcpView t = view().wrap(frame, off, len);
        if (t.check() != null || !t.checksumValid(ip.sourceBits(), ip.destinationBits())) {
            ns.droppedFrames++; // TCP_MIB_CSUMERRORS / INERRS
            return;
        }
        int saddr = ip.sourceBits();
        int daddr = ip.destinationBits();
        TcpSocket s = connections.get(new Key(daddr, t.destinationPort(), saddr, t.sourcePort()));
        if (s != null) {
            input.rcvStateProcess(now, s, t, out);
            return;
        }
        TcpSocket l = listeners.get(t.destinationPort());
        if (l != null && (t.flags() & (TcpView.SYN | TcpView.ACK | TcpView.RST)) == TcpView.SYN) {
            input.connRequest(now, l, daddr, saddr, ip.ecn(), t, out);
            return;
        }
        if ((t.flags() & TcpView.RST) == 0) {
            output.sendReset(now, daddr, saddr, t, out);
        }
    }

    // ------------------------------------------------------------------------------------------- timers

    long nextDeadline() {
        long d = Long.MAX_VALUE;
        for (TcpSocket s : connections.values()) {
            d = Math.min(d, s.deadline());
        }
        return d;
    }

    /**
     * tcp_retransmit_timer(), tcp_delack_timer(), tcp_time_wait's inet_twsk_kill(): whatever is due by now; with
     * {@code newestFirst}, only the retransmission timers armed after every neighbour timer of their bucket, which
     * expire_timers() runs first (a bucket newest first): a SYN's third retransmission, due with the failure of the
     * entry its first SYN made, is queued on the INCOMPLETE entry and reported with it, not sent after the failure.
     */
    boolean advance(long now, Outbox out, boolean newestFirst) {
        if (connections.isEmpty()) {
            return false;
        }
        List<TcpSocket> due = new ArrayList<>();
        for (TcpSocket s : connections.values()) {
            if (s.deadline() <= now && (!newestFirst || s.deadline() == s.retransmitAt
                    && (ns.neighbours == null || s.armed > ns.neighbours.newestTimerAt(s.retransmitAt)))) {
                due.add(s);
            }
        }
        due.sort((a, b) -> Long.compare(a.deadline(), b.deadline()));
        for (TcpSocket s : due) {
            if (s.timewaitAt <= now) {
                close(s);
                continue;
            }
            if (s.retransmitAt <= now) {
                retransmit(now, s, out);
            }
            if (s.delackAt <= now && s.state != TcpSocket.State.CLOSE) {
                s.delackAt = Long.MAX_VALUE;
                output.sendAck(now, s, out);
            }
        }
        return !due.isEmpty();
    }

    /**
     * tcp_retransmit_timer() for a SYN or a SYN-ACK. tcp_write_timeout() gives up after tcp_synack_retries, or for a
     * SYN after tcp_syn_retries plus tcp_syn_linear_timeouts; a SYN's RTO stays TCP_TIMEOUT_INIT for its first
     * tcp_syn_linear_timeouts retransmissions (total_rto), then doubles.
     */
    private void retransmit(long now, TcpSocket s, Outbox out) {
        boolean syn = s.state == TcpSocket.State.SYN_SENT;
        int linear = syn ? sysctl("tcp_syn_linear_timeouts") : 0;
        if (s.retransmits >= (syn ? sysctl("tcp_syn_retries") + linear : sysctl("tcp_synack_retries"))) {
            close(s);
            if (syn) {
                Errno e = Errno.ETIMEDOUT;
                s.queue.add(0, () -> s.listener.failed(now, e), ns.readySockets());
            }
            return;
        }
        s.retransmits++;
        if (s.retransmits > linear) {
            s.rto *= 2; // inet_csk_reset_xmit_timer(..., icsk_rto << 1): exponential backoff
        }
        if (syn && ns.neighbours != null && ns.neighbours.queuedTruesize(s) > 0) {
            // __tcp_retransmit_skb()'s skb_still_in_host_queue(): the SYN's clone still waits on the INCOMPLETE
            // entry (-EBUSY, not sent, "used" untouched); the timer is reset as after a send
            s.retransmitAt = ns.wheel().expiry(now, now + s.rto);
            s.armed = ns.timerArmed();
            return;
        }
        if (syn) {
            output.sendSyn(now, s, out);
        } else {
            output.sendSynAck(now, s, out);
        }
    }

    // ------------------------------------------------------------------------------------------- secrets

    /** secure_tcp_seq(): a keyed hash of the 4-tuple plus the clock in 64 ns units (RFC 6528). */
    long secureSeq(long now, int saddr, int daddr, int sport, int dport) {
        long h = mix(secret() ^ ((long) saddr << 32 | daddr & 0xffffffffL)) ^ ((long) sport << 16 | dport);
        return (mix(h) + (now >>> 6)) & 0xffffffffL;
    }

    /** secure_tcp_ts_off(): a keyed hash of the address pair, added to every TS val of the pair's connections. */
    long tsOffset(int saddr, int daddr) {
        return mix(~secret() ^ ((long) saddr << 32 | daddr & 0xffffffffL)) & 0xffffffffL;
    }

    private long secret() {
        if (!secretDrawn) {
            secret = ns.random().nextLong(); // net_get_random_once(): the seeded per-host draw
            secretDrawn = true;
        }
        return secret;
    }

    /** A 64-bit finaliser (SplitMix64's) standing in for the kernel's siphash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private TcpView view() {
        if (tcp == null) {
            tcp = new TcpView(Ipv4View.NO_BYTES, 0, 0);
        }
        return tcp;
    }
}
