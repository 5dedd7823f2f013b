package io.arplab.stack;

import io.arplab.stack.HostStack.Outbox;
import io.arplab.wire.Bytes;
import io.arplab.wire.EthernetView;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.IpProtocol;
import io.arplab.wire.Ipv4Frames;
import io.arplab.wire.Ipv4View;
import io.arplab.wire.TcpView;

/**
 * net/ipv4/tcp_output.c: segments as tcp_transmit_skb() builds them — the options of tcp_syn_options(),
 * tcp_synack_options() and tcp_established_options() written as tcp_options_write() lays them out, the window of
 * tcp_select_window() — and the reset of tcp_v4_send_reset() (tcp_ipv4.c).
 */
final class TcpOutput {
    private static final int ETH = EthernetView.HEADER_LENGTH;
    private static final int IP = Ipv4View.MIN_HEADER_LENGTH;
    private static final int PROTO = IpProtocol.TCP.number();
    /** TCPOLEN_TSTAMP_ALIGNED: what timestamps take from every segment's MSS. */
    static final int TS_ALIGNED = 12;

    private final Netns ns;

    TcpOutput(Netns ns) {
        this.ns = ns;
    }

    /**
     * tcp_connect() → tcp_transmit_skb() of the SYN: mss, and sackOK, TS, nop + wscale as the sysctls allow
     * (tcp_syn_options()); ECE|CWR when it asks for ECN (tcp_ecn_send_syn()), on the first only (a retransmission's
     * tcp_ecn_clear_syn(), tcp_ecn_fallback 1).
     */
    void sendSyn(long now, TcpSocket s, Outbox out) {
        s.sndNxt = (s.iss + 1) & 0xffffffffL;
        s.retransmitAt = ns.wheel().expiry(now, now + s.rto); // inet_csk_reset_xmit_timer(): a wheel timer
        int flags = TcpView.SYN | (s.ecnOk && s.retransmits == 0 ? TcpView.ECE | TcpView.CWR : 0);
        transmit(now, s, s.iss, 0, flags, s.rcvWnd, true, s.tsOk, s.sackOk, s.wscaleOk, true, null, s.inetId++, out);
        s.armed = ns.timerArmed(); // tcp_connect(), tcp_retransmit_timer(): the timer is reset after the send
    }

    /** tcp_make_synack(): what the peer offered, answered (tcp_synack_options()); IP id 0 (no full socket yet). */
    void sendSynAck(long now, TcpSocket s, Outbox out) {
        s.sndNxt = (s.iss + 1) & 0xffffffffL;
        s.retransmitAt = ns.wheel().expiry(now, now + s.rto); // the request's rsk_timer: a wheel timer
        int flags = TcpView.SYN | TcpView.ACK | (s.ecnOk ? TcpView.ECE : 0); // tcp_ecn_make_synack()
        transmit(now, s, s.iss, s.rcvNxt, flags, Math.min(s.rcvWnd, 65535), true, s.tsOk,
                s.sackOk, s.wscaleOk, true, null, 0, out);
        s.armed = ns.timerArmed();
    }

    /** tcp_send_ack(): a bare ACK of everything received. */
    void sendAck(long now, TcpSocket s, Outbox out) {
        segment(now, s, s.sndNxt, TcpView.ACK, null, out);
    }

    /** tcp_sendmsg() → tcp_push(): data in segments of at most the MSS in use, PSH on the last. */
    void sendData(long now, TcpSocket s, byte[] data, Outbox out) {
        int mss = Math.min(s.mssClamp, s.advmss) - (s.tsOk ? TS_ALIGNED : 0);
        for (int o = 0; o < data.length; o += mss) {
            int n = Math.min(mss, data.length - o);
            byte[] chunk = java.util.Arrays.copyOfRange(data, o, o + n);
            int flags = TcpView.ACK | (o + n == data.length ? TcpView.PSH : 0);
            long seq = s.sndNxt;
            s.sndNxt = (s.sndNxt + n) & 0xffffffffL;
            segment(now, s, seq, flags, chunk, out);
        }
    }

    /** tcp_send_fin(): FIN|ACK after the data sent so far. */
    void sendFin(long now, TcpSocket s, Outbox out) {
        long seq = s.sndNxt;
        s.sndNxt = (s.sndNxt + 1) & 0xffffffffL;
        s.finSent = true;
        segment(now, s, seq, TcpView.FIN | TcpView.ACK, null, out);
    }

    /** An established connection's segment: the ACK owed goes with it (tcp_event_ack_sent()). */
    private void segment(long now, TcpSocket s, long seq, int flags, byte[] data, Outbox out) {
        s.ackPending = false;
        s.delackAt = Long.MAX_VALUE;
        transmit(now, s, seq, s.rcvNxt, flags, selectWindow(s), false, s.tsOk, false, false, false, data,
                s.inetId++, out);
    }

    /**
     * tcp_select_window(): __tcp_select_window()'s offer, but never less than what is left of the window offered last
     * (its right edge stays: ALIGN(cur_win) to the scale's unit), then scaled.
     */
    static int selectWindow(TcpSocket s) {
        int unit = 1 << s.rcvWscale;
        long curWin = Math.max(0, (s.rcvWup + s.rcvWnd - s.rcvNxt) << 32 >> 32); // tcp_receive_window()
        long window = tcpSelectWindow(s);
        if (window < curWin) {
            window = (curWin + unit - 1) & -unit;
        }
        s.rcvWnd = (int) window;
        s.rcvWup = s.rcvNxt;
        return (int) (Math.min(window, 65535L << s.rcvWscale) >> s.rcvWscale);
    }

    /**
     * __tcp_select_window(): the free space (all of it: data is read as it arrives) held to rcv_ssthresh; with a
     * scale, rounded up to its unit; without, the last offer while it is within one rcv_mss below the free space,
     * else the free space rounded down to rcv_mss.
     */
    private static int tcpSelectWindow(TcpSocket s) {
        int free = s.rcvSsthresh;
        if (s.rcvWscale != 0) {
            int unit = 1 << s.rcvWscale;
            return (free + unit - 1) & -unit;
        }
        int mss = Math.max(s.rcvMss, 1);
        int window = s.rcvWnd;
        if (window <= free - mss || window > free) {
            window = free / mss * mss;
        }
        return window;
    }

    /** tcp_transmit_skb() + ip_queue_xmit(): the header, its options, the checksum, then IPv4 with DF. */
    private void transmit(long now, TcpSocket s, long seq, long ack, int flags, int window, boolean syn, boolean ts,
                          boolean sack, boolean wscale, boolean mssOpt, byte[] data, int ipId, Outbox out) {
        int optLen = (mssOpt ? 4 : 0) + (ts ? 12 : sack ? 4 : 0) + (wscale ? 4 : 0);
        int dataLen = data == null ? 0 : data.length;
        int tcpLen = TcpView.HEADER_LENGTH + optLen + dataLen;
        byte[] f = new byte[ETH + IP + tcpLen];
        int o = ETH + IP;
        Bytes.put16(f, o, s.lport);
        Bytes.put16(f, o + 2, s.rport);
        Bytes.put32(f, o + 4, (int) seq);
        Bytes.put32(f, o + 8, (flags & TcpView.ACK) != 0 ? (int) ack : 0);
        Bytes.put16(f, o + 12, ((TcpView.HEADER_LENGTH + optLen) / 4) << 12 | flags);
        Bytes.put16(f, o + 14, window);
        int p = o + TcpView.HEADER_LENGTH;
        // tcp_options_write()
        if (mssOpt) {
            f[p] = TcpView.OPT_MSS;
            f[p + 1] = 4;
            Bytes.put16(f, p + 2, s.advmss);
            p += 4;
        }
        if (ts) {
            if (sack) {
                f[p] = TcpView.OPT_SACK_PERM;
                f[p + 1] = 2;
            } else {
                f[p] = TcpView.OPT_NOP;
                f[p + 1] = TcpView.OPT_NOP;
            }
            f[p + 2] = TcpView.OPT_TS;
            f[p + 3] = 10;
            Bytes.put32(f, p + 4, (int) tsVal(now, s));
            Bytes.put32(f, p + 8, (int) ((flags & TcpView.SYN) != 0 && (flags & TcpView.ACK) == 0 ? 0 : s.tsRecent));
            p += 12;
        } else if (sack) {
            f[p] = TcpView.OPT_NOP;
            f[p + 1] = TcpView.OPT_NOP;
            f[p + 2] = TcpView.OPT_SACK_PERM;
            f[p + 3] = 2;
            p += 4;
        }
        if (wscale) {
            f[p] = TcpView.OPT_NOP;
            f[p + 1] = TcpView.OPT_WSCALE;
            f[p + 2] = 3;
            f[p + 3] = (byte) s.rcvWscale;
            p += 4;
        }
        if (dataLen > 0) {
            System.arraycopy(data, 0, f, p, dataLen);
        }
        checksum(f, o, tcpLen, s.laddr, s.raddr);
        int tos = s.ecnOk && dataLen > 0 ? 2 : 0; // tcp_ecn_send(): INET_ECN_xmit()'s ECT(0) on data only
        Ipv4Frames.writeHeader(f, ETH, tos, IP + tcpLen, ipId & 0xffff, true, ns.parts.defaultTtl, PROTO, s.laddr, s.raddr);
        ns.ipOutput().output(now, f, null, s, out); // skb->sk: charged to the socket while it waits
    }

    /** tcp_time_stamp_ts(): the clock in milliseconds plus the connection's offset. */
    static long tsVal(long now, TcpSocket s) {
        return (now / 1_000_000 + s.tsOffset) & 0xffffffffL;
    }

    /**
     * tcp_v4_send_reset(): no socket took the segment. If it acknowledged something, RST with that sequence;
     * else RST|ACK of all it occupied (SYN and FIN count). Window 0, no options, IP id 0 with DF.
     */
    void sendReset(long now, int saddr, int daddr, TcpView in, Outbox out) {
        byte[] f = new byte[ETH + IP + TcpView.HEADER_LENGTH];
        int o = ETH + IP;
        Bytes.put16(f, o, in.destinationPort());
        Bytes.put16(f, o + 2, in.sourcePort());
        int flags;
        if ((in.flags() & TcpView.ACK) != 0) {
            Bytes.put32(f, o + 4, (int) in.acknowledgment());
            flags = TcpView.RST;
        } else {
            int occupied = in.payloadLength() + ((in.flags() & TcpView.SYN) != 0 ? 1 : 0)
                    + ((in.flags() & TcpView.FIN) != 0 ? 1 : 0);
            Bytes.put32(f, o + 8, (int) (in.sequence() + occupied));
            flags = TcpView.RST | TcpView.ACK;
        }
        Bytes.put16(f, o + 12, (TcpView.HEADER_LENGTH / 4) << 12 | flags);
        checksum(f, o, TcpView.HEADER_LENGTH, saddr, daddr);
        Ipv4Frames.writeHeader(f, ETH, 0, IP + TcpView.HEADER_LENGTH, 0, true, ns.parts.defaultTtl, PROTO, saddr, daddr);
        ns.ipOutput().output(now, f, null, out);
    }

    private static void checksum(byte[] f, int o, int len, int saddr, int daddr) {
        long sum = InternetChecksum.pseudoHeader(saddr, daddr, PROTO, len);
        Bytes.put16(f, o + 16, InternetChecksum.finish(InternetChecksum.add(sum, f, o, len)));
    }
}
