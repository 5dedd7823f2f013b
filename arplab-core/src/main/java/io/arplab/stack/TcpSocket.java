package io.arplab.stack;

/**
 * A TCP socket (include/linux/tcp.h struct tcp_sock, reduced): a listening socket, or one end of a connection with
 * the sequence space of RFC 9293 section 3.3.1 and the options Linux negotiates (MSS, window scale, timestamps,
 * SACK permitted). Only the stack changes it; tools read it and get its events through the {@link Listener}.
 */
public final class TcpSocket {
    /** What the socket's reader gets, once the stack call in which it happened has finished. */
    public interface Listener {
        /** connect() completed: the socket is ESTABLISHED. */
        default void connected(long now) {}

        /** connect() failed (ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH ...): the socket is closed. */
        default void failed(long now, Errno errno) {}

        /** A listening socket has a new connection to accept (accept() returns {@code child}). */
        default void accepted(long now, TcpSocket child) {}

        default void data(long now, byte[] data) {}

        /** The peer's FIN: read() returns 0 from now on. */
        default void eof(long now) {}

        /** The connection was reset (ECONNRESET). */
        default void reset(long now) {}
    }

    /** A connection nobody has accepted yet: what arrives waits for nobody. */
    static final Listener NO_READER = new Listener() {};

    /** The kernel's TCP states (include/net/tcp_states.h), named as ss prints them. */
    public enum State { ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, LISTEN, CLOSING }

    Listener listener;
    final SocketQueue queue = new SocketQueue();
    State state = State.CLOSE;
    int laddr, raddr, lport, rport;
    /** For a connection accepted from a listener: the listener (until it is accepted). */
    TcpSocket parent;
    boolean acceptOne;

    // RFC 9293 3.3.1: send and receive sequence variables (32-bit, kept in longs)
    long iss, sndUna, sndNxt, irs, rcvNxt;
    int sndWnd;
    /** rx_opt: what our SYN offers (tcp_syn_options()), then what both sides agreed. */
    boolean tsOk, sackOk, wscaleOk;
    /** tp->ecn_flags' TCP_ECN_OK: ECN agreed in the handshake, data leaves ECT(0) (tcp_ecn_send()). */
    boolean ecnOk;
    int sndWscale, rcvWscale;
    int mssClamp = 536;
    int advmss;
    long tsOffset;
    long tsRecent;
    /** tp->rcv_ssthresh: the window advertised (tcp_select_window()) grows no further. */
    int rcvSsthresh;
    /** tp->rcv_wnd and tp->rcv_wup: the window last offered and rcv_nxt then (its right edge: their sum). */
    int rcvWnd;
    long rcvWup;
    /** icsk_ack.rcv_mss: the peer's segment size as estimated (tcp_initialize_rcv_mss(), tcp_measure_rcv_mss()). */
    int rcvMss;
    /** inet->inet_id: IP ids of this connection's packets (ip_select_ident_segs()). */
    int inetId;
    boolean finSent, finReceived, shutdownWrite;
    /** icsk_ack: an ACK is owed; pingpong (interactive) mode delays it. */
    boolean ackPending, pingpong;
    long lastReceived;
    // timers (Long.MAX_VALUE: not armed)
    long retransmitAt = Long.MAX_VALUE, delackAt = Long.MAX_VALUE, timewaitAt = Long.MAX_VALUE;
    /** When retransmitAt was armed, in the namespace's count of wheel timers (Netns.timerArmed()). */
    long armed;
    /** icsk_rto and the retransmissions so far (tcp_syn_retries bounds a SYN's). */
    long rto;
    int retransmits;
    Errno error;

    TcpSocket(Listener listener) {
        this.listener = listener;
    }

    /** Who reads this socket (an accepted connection gets its reader when accepted). */
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    public State state() {
        return state;
    }

    public int localPort() {
        return lport;
    }

    public int remotePort() {
        return rport;
    }

    public int localAddress() {
        return laddr;
    }

    public int remoteAddress() {
        return raddr;
    }

    long deadline() {
        return Math.min(retransmitAt, Math.min(delackAt, timewaitAt));
    }
}
