package io.arplab.stack;

import io.arplab.stack.HostStack.Outbox;
import io.arplab.wire.Bytes;
import io.arplab.wire.TcpView;
import java.util.Arrays;

/**
 * net/ipv4/tcp_input.c (with tcp_minisocks.c's tcp_check_req()): a listener's SYN (tcp_conn_request()), the
 * SYN-ACK of a connect (tcp_rcv_synsent_state_process()), and tcp_rcv_state_process() for the synchronized states:
 * RST, ACK, in-order data, FIN (tcp_fin()), with the ACK sent at once or delayed as __tcp_ack_snd_check() decides.
 */
final class TcpInput {
    /** TCP_ATO_MIN / TCP_DELACK_MIN: 40 ms (HZ/25). */
    static final long ATO_MIN = 40_000_000L;

    private final Tcp tcp;

    TcpInput(Tcp tcp) {
        this.tcp = tcp;
    }

    /** tcp_conn_request(): a SYN to a listener becomes a connection in SYN_RECV, answered by a SYN-ACK. */
    void connRequest(long now, TcpSocket l, int laddr, int raddr, int ipEcn, TcpView t, Outbox out) {
        TcpSocket s = new TcpSocket(TcpSocket.NO_READER);
        s.parent = l;
        s.laddr = laddr;
        s.raddr = raddr;
        s.lport = t.destinationPort();
        s.rport = t.sourcePort();
        s.irs = t.sequence();
        s.rcvNxt = (s.irs + 1) & 0xffffffffL;
        parseSynOptions(s, t);
        // tcp_ecn_create_request(): ECE|CWR asked on a not-ECT SYN, and tcp_ecn not 0
        s.ecnOk = (t.flags() & (TcpView.ECE | TcpView.CWR)) == (TcpView.ECE | TcpView.CWR) && tcp.sysctl("tcp_ecn") != 0
                && ipEcn == 0;
        s.sndWnd = t.window(); // a SYN's window is never scaled (RFC 7323 2.2)
        s.iss = tcp.secureSeq(now, laddr, raddr, s.lport, s.rport);
        s.sndUna = s.iss;
        s.tsOffset = tcp.tsOffset(laddr, raddr);
        s.advmss = tcp.advmss(raddr, null);
        Tcp.initialWindow(s, s.advmss - (s.tsOk ? TcpOutput.TS_ALIGNED : 0));
        if (!s.wscaleOk) {
            s.rcvWscale = 0;
        }
        s.state = TcpSocket.State.SYN_RECV;
        s.rto = Tcp.TIMEOUT_INIT;
        tcp.add(s);
        tcp.output.sendSynAck(now, s, out);
    }

    /**
     * tcp_parse_options() on a SYN or SYN-ACK: MSS (tcp_sync_mss's clamp), and window scale, SACK permitted and
     * timestamps only while our tcp_window_scaling, tcp_sack and tcp_timestamps are on.
     */
    private void parseSynOptions(TcpSocket s, TcpView t) {
        byte[] b = t.buffer();
        int p = t.option(TcpView.OPT_MSS);
        if (p >= 0) {
            s.mssClamp = Bytes.u16(b, p);
        }
        p = tcp.sysctlOn("tcp_window_scaling") ? t.option(TcpView.OPT_WSCALE) : -1;
        s.wscaleOk = p >= 0;
        s.sndWscale = p >= 0 ? Math.min(b[p] & 0xff, 14) : 0;
        s.sackOk = tcp.sysctlOn("tcp_sack") && t.option(TcpView.OPT_SACK_PERM) >= 0;
        p = tcp.sysctlOn("tcp_timestamps") ? t.option(TcpView.OPT_TS) : -1;
        s.tsOk = p >= 0;
        if (p >= 0) {
            s.tsRecent = Bytes.u32(b, p) & 0xffffffffL;
        }
    }

    /** tcp_rcv_state_process(): what a segment does to the connection it belongs to. */
    void rcvStateProcess(long now, TcpSocket s, TcpView t, Outbox out) {
        int flags = t.flags();
        switch (s.state) {
            case SYN_SENT -> {
                synSent(now, s, t, out);
                return;
            }
            case TIME_WAIT -> {
                // tcp_timewait_state_process(): a retransmitted FIN is acknowledged again
                if ((flags & TcpView.FIN) != 0 && (flags & TcpView.RST) == 0) {
                    tcp.output.sendAck(now, s, out);
                }
                return;
            }
            default -> { }
        }
        long seq = t.sequence();
        if ((flags & TcpView.RST) != 0) {
            // tcp_validate_incoming(): a reset counts when its sequence is the next expected (RFC 5961 3.2)
            if (seq == s.rcvNxt) {
                reset(now, s);
            }
            return;
        }
        if ((flags & TcpView.SYN) != 0) {
            return; // a SYN in a synchronized state: the kernel's challenge ACK is not modelled
        }
        if ((flags & TcpView.ACK) == 0) {
            return;
        }
        updateTsRecent(s, t, seq);
        long ack = t.acknowledgment();
        if (s.state == TcpSocket.State.SYN_RECV) {
            // tcp_check_req(): the ACK of our SYN-ACK makes the connection
            if (ack != s.sndNxt) {
                tcp.output.sendReset(now, s.laddr, s.raddr, t, out);
                return;
            }
            established(s);
            s.inetId = tcp.ns.random().nextInt(0x10000); // tcp_v4_syn_recv_sock(): newinet->inet_id
            TcpSocket l = s.parent;
            if (l != null && l.state == TcpSocket.State.LISTEN) {
                l.queue.add(0, () -> l.listener.accepted(now, s), tcp.ns.readySockets());
            }
        }
        // tcp_ack(): what it acknowledges, and the peer's window
        if (after(ack, s.sndUna) && !after(ack, s.sndNxt)) {
            s.sndUna = ack;
        }
        s.sndWnd = t.window() << s.sndWscale;
        boolean finAcked = s.finSent && s.sndUna == s.sndNxt;
        switch (s.state) {
            case FIN_WAIT1 -> {
                if (finAcked) {
                    s.state = TcpSocket.State.FIN_WAIT2;
                }
            }
            case CLOSING -> {
                if (finAcked) {
                    timeWait(now, s);
                    return;
                }
            }
            case LAST_ACK -> {
                if (finAcked) {
                    tcp.close(s);
                    return;
                }
            }
            default -> { }
        }
        // tcp_data_queue(): in-order data and FIN; anything else is answered with an immediate (duplicate) ACK
        int len = t.payloadLength();
        boolean fin = (flags & TcpView.FIN) != 0;
        if (len == 0 && !fin) {
            return;
        }
        if (seq != s.rcvNxt || s.finReceived) {
            tcp.output.sendAck(now, s, out);
            return;
        }
        s.lastReceived = now;
        if (len > 0) {
            if (len >= s.rcvMss) { // tcp_measure_rcv_mss()
                s.rcvMss = Math.min(len, s.advmss);
            }
            s.rcvNxt = (s.rcvNxt + len) & 0xffffffffL;
            byte[] data = Arrays.copyOfRange(t.buffer(), t.payloadOffset(), t.payloadOffset() + len);
            s.queue.add(len, () -> s.listener.data(now, data), tcp.ns.readySockets());
            s.ackPending = true;
        }
        if (fin) {
            fin(now, s, out);
        }
        if (s.ackPending) {
            ackSndCheck(now, s, out);
        }
    }

    /** tcp_fin(): the peer is done sending; what we are in decides between CLOSE_WAIT and TIME_WAIT. */
    private void fin(long now, TcpSocket s, Outbox out) {
        s.rcvNxt = (s.rcvNxt + 1) & 0xffffffffL;
        s.finReceived = true;
        s.queue.add(0, () -> s.listener.eof(now), tcp.ns.readySockets());
        switch (s.state) {
            case SYN_RECV, ESTABLISHED -> {
                s.state = TcpSocket.State.CLOSE_WAIT;
                s.pingpong = true; // inet_csk_enter_pingpong_mode(): the ACK waits for the application's answer
                s.ackPending = true;
            }
            case FIN_WAIT1 -> {
                s.ackPending = false;
                tcp.output.sendAck(now, s, out);
                s.state = TcpSocket.State.CLOSING;
            }
            case FIN_WAIT2 -> {
                s.ackPending = false;
                tcp.output.sendAck(now, s, out);
                timeWait(now, s);
            }
            default -> { }
        }
    }

    /** __tcp_ack_snd_check(): at once outside pingpong mode (quick ACKs), else the delayed-ACK timer. */
    private void ackSndCheck(long now, TcpSocket s, Outbox out) {
        if (!s.pingpong) {
            tcp.output.sendAck(now, s, out);
        } else if (s.delackAt == Long.MAX_VALUE) {
            s.delackAt = now + ATO_MIN; // tcp_send_delayed_ack() with ato = TCP_ATO_MIN
        }
    }

    /** tcp_rcv_synsent_state_process(): the SYN-ACK completes the connect; a RST refuses it. */
    private void synSent(long now, TcpSocket s, TcpView t, Outbox out) {
        int flags = t.flags();
        long ack = t.acknowledgment();
        if ((flags & TcpView.ACK) != 0 && ack != s.sndNxt) {
            if ((flags & TcpView.RST) == 0) {
                tcp.output.sendReset(now, s.laddr, s.raddr, t, out);
            }
            return;
        }
        if ((flags & TcpView.RST) != 0) {
            if ((flags & TcpView.ACK) != 0) {
                // tcp_reset(): ECONNREFUSED in SYN_SENT
                tcp.close(s);
                s.queue.add(0, () -> s.listener.failed(now, Errno.ECONNREFUSED), tcp.ns.readySockets());
            }
            return;
        }
        if ((flags & (TcpView.SYN | TcpView.ACK)) != (TcpView.SYN | TcpView.ACK)) {
            return; // a simultaneous open is not modelled
        }
        parseSynOptions(s, t);
        if (!s.wscaleOk) {
            s.rcvWscale = 0;
            s.sndWscale = 0;
        }
        // tcp_ecn_rcv_synack(): ECN stays agreed on ECE without CWR
        s.ecnOk &= (flags & (TcpView.ECE | TcpView.CWR)) == TcpView.ECE;
        s.irs = t.sequence();
        s.rcvNxt = (s.irs + 1) & 0xffffffffL;
        s.sndUna = ack;
        s.sndWnd = t.window(); // the window of a SYN-ACK is not scaled
        established(s);
        s.queue.add(0, () -> s.listener.connected(now), tcp.ns.readySockets());
        tcp.output.sendAck(now, s, out);
    }

    private static void established(TcpSocket s) {
        Tcp.initTransfer(s);
        s.state = TcpSocket.State.ESTABLISHED;
        s.retransmitAt = Long.MAX_VALUE;
        s.retransmits = 0;
    }

    /** tcp_reset(): ECONNRESET, the socket closed. */
    private void reset(long now, TcpSocket s) {
        boolean wasSynRecv = s.state == TcpSocket.State.SYN_RECV;
        tcp.close(s);
        if (!wasSynRecv) {
            s.queue.add(0, () -> s.listener.reset(now), tcp.ns.readySockets());
        }
    }

    /** tcp_time_wait(): the connection lingers TCP_TIMEWAIT_LEN, answering retransmitted FINs. */
    private static void timeWait(long now, TcpSocket s) {
        s.state = TcpSocket.State.TIME_WAIT;
        s.retransmitAt = Long.MAX_VALUE;
        s.delackAt = Long.MAX_VALUE;
        s.timewaitAt = now + Tcp.TIMEWAIT_LEN;
    }

    /** tcp_replace_ts_recent(): the peer's TS val, from segments at the left edge of the window. */
    private static void updateTsRecent(TcpSocket s, TcpView t, long seq) {
        if (!s.tsOk || after(seq, s.rcvNxt)) {
            return;
        }
        int p = t.option(TcpView.OPT_TS);
        if (p >= 0) {
            s.tsRecent = Bytes.u32(t.buffer(), p) & 0xffffffffL;
        }
    }

    /** after(a, b) of include/net/tcp.h: a is later than b in sequence space. */
    static boolean after(long a, long b) {
        return (int) (a - b) > 0;
    }
}
