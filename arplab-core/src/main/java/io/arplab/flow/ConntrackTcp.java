package io.arplab.flow;

import io.arplab.wire.TcpView;

/**
 * lib/conntrack-tcp.c (OVS 3.1's userspace connection tracker, after pf's TCP window tracking): per direction the
 * highest sequence sent, the highest the peer may send, the largest window and the window scale, and a state
 * that moves with SYN, FIN, ACK and RST. {@link #update} says whether a segment fits the connection.
 */
final class ConntrackTcp {
    /** enum ct_dpif_tcp_state (lib/ct-dpif.h), in its order: states compare by it. */
    enum State { CLOSED, LISTEN, SYN_SENT, SYN_RECV, ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, CLOSING, LAST_ACK, FIN_WAIT_2, TIME_WAIT }

    /** enum ct_update_res. */
    enum Update { VALID, INVALID, NEW, VALID_NEW }

    private static final int TCP_MAX_WSCALE = 14;
    private static final int WSCALE_FLAG = 0x80, WSCALE_UNKNOWN = 0x40, WSCALE_MASK = 0xf;
    /** MAXACKWINDOW: 0xffff + 1500 ("1500 is an arbitrary fudge factor"). */
    private static final int MAXACKWINDOW = 0xffff + 1500;

    /** struct tcp_peer. */
    private static final class Peer {
        int seqlo, seqhi, maxWin, wscale;
        State state = State.CLOSED;
    }

    private final Peer[] peer = {new Peer(), new Peer()};

    /** The TCP header of an Ethernet/IPv4 or IPv6 frame, and its payload length (tcp_payload_length()). */
    record Segment(TcpView tcp, int payload) {
        static Segment of(byte[] f) {
            if (f == null || f.length < 14) {
                return null;
            }
            int off = 12;
            int type = (f[off] & 0xff) << 8 | f[off + 1] & 0xff;
            if (type == 0x8100 || type == 0x88a8) {
                off += 4;
                type = f.length >= off + 2 ? (f[off] & 0xff) << 8 | f[off + 1] & 0xff : 0;
            }
            off += 2;
            int ihl, total;
            if (type == Match.ETH_IPV6) { // the fixed header and its payload length (no extension headers)
                if (f.length < off + 40 || (f[off + 6] & 0xff) != Match.PROTO_TCP) {
                    return null;
                }
                ihl = 40;
                total = 40 + ((f[off + 4] & 0xff) << 8 | f[off + 5] & 0xff);
            } else if (type != Match.ETH_IP || f.length < off + 20 || (f[off + 9] & 0xff) != Match.PROTO_TCP) {
                return null;
            } else {
                ihl = (f[off] & 0xf) * 4;
                total = (f[off + 2] & 0xff) << 8 | f[off + 3] & 0xff;
            }
            int l4 = off + ihl;
            int len = Math.min(total - ihl, f.length - l4);
            if (len < TcpView.HEADER_LENGTH) {
                return null;
            }
            TcpView t = new TcpView(f, l4, len);
            return t.check() != null ? null : new Segment(t, len - t.headerLength());
        }
    }

    /** tcp_invalid_flags(): flag combinations pf's normaliser refuses. */
    private static boolean invalidFlags(int flags) {
        if ((flags & TcpView.SYN) != 0) {
            if ((flags & (TcpView.RST | TcpView.FIN)) != 0) {
                return true;
            }
        } else if ((flags & (TcpView.ACK | TcpView.RST)) == 0) {
            return true;
        }
        return (flags & TcpView.ACK) == 0 && (flags & (TcpView.FIN | TcpView.PSH | TcpView.URG)) != 0;
    }

    /** tcp_valid_new(): no invalid flags, and not a SYN-ACK (a half-open connection cannot start one). */
    static boolean validNew(Segment s) {
        int flags = s.tcp().flags();
        return !invalidFlags(flags) && (flags & (TcpView.SYN | TcpView.ACK)) != (TcpView.SYN | TcpView.ACK);
    }

    /** tcp_get_wscale(): the window scale option, flagged, or 0. */
    private static int wscale(TcpView t) {
        int p = t.option(TcpView.OPT_WSCALE);
        return p < 0 ? 0 : Math.min(t.buffer()[p] & 0xff, TCP_MAX_WSCALE) | WSCALE_FLAG;
    }

    /** tcp_new_conn(): the originator's side from its first segment; the other side is CLOSED. */
    static ConntrackTcp newConn(Segment s) {
        ConntrackTcp c = new ConntrackTcp();
        Peer src = c.peer[0];
        Peer dst = c.peer[1];
        TcpView t = s.tcp();
        int flags = t.flags();
        src.seqlo = (int) t.sequence();
        src.seqhi = src.seqlo + s.payload() + 1;
        if ((flags & TcpView.SYN) != 0) {
            src.seqhi++;
            src.wscale = wscale(t);
        } else {
            src.wscale = WSCALE_UNKNOWN;
            dst.wscale = WSCALE_UNKNOWN;
        }
        src.maxWin = Math.max(t.window(), 1);
        if ((src.wscale & WSCALE_MASK) != 0) {
            int sws = src.wscale & WSCALE_MASK;
            src.maxWin = (src.maxWin + (1 << sws) - 1) >>> sws; // remove the scale from the initial window
        }
        if ((flags & TcpView.FIN) != 0) {
            src.seqhi++;
        }
        dst.seqhi = 1;
        dst.maxWin = 1;
        src.state = State.SYN_SENT;
        dst.state = State.CLOSED;
        return c;
    }

    /**
     * The timeout (s) the last update set the connection's expiration to (conn_update_expiration()), 0 when it left
     * it alone (an invalid segment, the loose acceptance branch).
     */
    int refresh;

    /**
     * tcp_conn_update(): whether the segment from the originator ({@code reply} false) or the reply side fits;
     * without {@code seqChk} every segment passes the window checks (tcp_bypass_seq_chk()).
     */
    Update update(Segment s, boolean reply, boolean seqChk) {
        refresh = 0;
        TcpView t = s.tcp();
        Peer src = peer[reply ? 1 : 0];
        Peer dst = peer[reply ? 0 : 1];
        int flags = t.flags();
        int win = t.window();
        int sws = 0, dws = 0;
        if (invalidFlags(flags)) {
            return Update.INVALID;
        }
        if ((flags & (TcpView.SYN | TcpView.ACK)) == TcpView.SYN) {
            if (dst.state.compareTo(State.FIN_WAIT_2) >= 0 && src.state.compareTo(State.FIN_WAIT_2) >= 0) {
                src.state = dst.state = State.CLOSED;
                return Update.NEW;
            } else if (src.state.compareTo(State.SYN_SENT) <= 0) {
                src.state = State.SYN_SENT; // a retransmitted SYN is still new
                refresh = TIMEOUT_SYN_SENT; // CT_TM_TCP_FIRST_PACKET
                return Update.VALID_NEW;
            }
        }
        if ((src.wscale & WSCALE_FLAG) != 0 && (dst.wscale & WSCALE_FLAG) != 0 && (flags & TcpView.SYN) == 0) {
            sws = src.wscale & WSCALE_MASK;
            dws = dst.wscale & WSCALE_MASK;
        } else if ((src.wscale & WSCALE_UNKNOWN) != 0 && (dst.wscale & WSCALE_UNKNOWN) != 0
                && (flags & TcpView.SYN) == 0) {
            sws = TCP_MAX_WSCALE;
            dws = TCP_MAX_WSCALE;
        }
        int seq = (int) t.sequence();
        int origSeq = seq;
        int ack = (int) t.acknowledgment();
        int end = seq + s.payload();
        boolean checkAckskew = true;
        if (src.state.compareTo(State.SYN_SENT) < 0) {
            // the first segment from this end
            if ((flags & TcpView.SYN) != 0) {
                end++;
                if ((dst.wscale & WSCALE_FLAG) != 0) {
                    src.wscale = wscale(t);
                    if ((src.wscale & WSCALE_FLAG) != 0) {
                        sws = src.wscale & WSCALE_MASK;
                        win = (int) ((win + (1L << sws) - 1) >>> sws);
                        dws = dst.wscale & WSCALE_MASK;
                    } else {
                        dst.maxWin <<= dst.wscale & WSCALE_MASK; // fix up the other window
                        dst.wscale = 0; // in case of a retransmitted SYN|ACK
                    }
                }
            }
            if ((flags & TcpView.FIN) != 0) {
                end++;
            }
            src.seqlo = seq;
            src.state = State.SYN_SENT;
            int w = end + Math.max(1, dst.maxWin << dws);
            if (src.seqhi == 1 || seqGeq(w, src.seqhi)) {
                src.seqhi = w;
                checkAckskew = false; // picking up a new or established connection: lenient on ack skew
            }
            if (win > src.maxWin) {
                src.maxWin = win;
            }
        } else {
            if ((flags & TcpView.SYN) != 0) {
                end++;
            }
            if ((flags & TcpView.FIN) != 0) {
                end++;
            }
        }
        if ((flags & TcpView.ACK) == 0) {
            ack = dst.seqlo; // let it pass the ack skew check
        } else if (ack == 0 && (flags & (TcpView.ACK | TcpView.RST)) == (TcpView.ACK | TcpView.RST)) {
            ack = dst.seqlo; // broken stacks do not set ack
        }
        if (seq == end) {
            seq = src.seqlo; // ease sequencing restrictions on no-data segments
            end = seq;
        }
        int ackskew = checkAckskew ? dst.seqlo - ack : 0;
        if (seqGeq(src.seqhi, end)
                && seqGeq(seq, src.seqlo - (dst.maxWin << dws))
                && ackskew >= -MAXACKWINDOW
                && ackskew <= (MAXACKWINDOW << sws)
                && ((flags & TcpView.RST) == 0 || origSeq == src.seqlo || origSeq == src.seqlo + 1
                        || origSeq + 1 == src.seqlo) || !seqChk) {
            track(src, dst, flags, win, sws, ack, end);
            if ((flags & TcpView.SYN) != 0 && src.state.compareTo(State.SYN_SENT) < 0) {
                src.state = State.SYN_SENT;
            }
            if ((flags & TcpView.FIN) != 0 && src.state.compareTo(State.CLOSING) < 0) {
                src.state = State.CLOSING;
            }
            if ((flags & TcpView.ACK) != 0) {
                if (dst.state == State.SYN_SENT) {
                    dst.state = State.ESTABLISHED;
                } else if (dst.state == State.CLOSING) {
                    dst.state = State.FIN_WAIT_2;
                }
            }
            if ((flags & TcpView.RST) != 0) {
                src.state = dst.state = State.TIME_WAIT;
            }
            refresh = timeout(src.state, dst.state);
        } else if ((dst.state.compareTo(State.SYN_SENT) < 0 || dst.state.compareTo(State.FIN_WAIT_2) >= 0
                || src.state.compareTo(State.FIN_WAIT_2) >= 0)
                && seqGeq(src.seqhi + MAXACKWINDOW, end)
                && seqGeq(seq, src.seqlo - MAXACKWINDOW)) {
            // shotgunned SYNs, a connection picked up after establishment, segments just after the close
            track(src, dst, flags, win, sws, ack, end);
            if ((flags & TcpView.FIN) != 0 && src.state.compareTo(State.CLOSING) < 0) {
                src.state = State.CLOSING;
            }
            if ((flags & TcpView.RST) != 0) {
                src.state = dst.state = State.TIME_WAIT;
            }
        } else {
            return Update.INVALID;
        }
        return Update.VALID;
    }

    /** conntrack-tp.c's default timeout policy (ct_dpif_netdev_tp_def[]), in seconds. */
    static final int TIMEOUT_SYN_SENT = 30, TIMEOUT_SYN_RECV = 30, TIMEOUT_ESTABLISHED = 24 * 60 * 60,
            TIMEOUT_FIN_WAIT = 15 * 60, TIMEOUT_TIME_WAIT = 45, TIMEOUT_CLOSE = 30;

    // tcp_conn_update()'s choice of timeout after a valid segment (CT_TM_TCP_* as tm_to_ct_dpif_tp() maps them)
    private static int timeout(State src, State dst) {
        if (src.compareTo(State.FIN_WAIT_2) >= 0 && dst.compareTo(State.FIN_WAIT_2) >= 0) {
            return TIMEOUT_CLOSE; // CT_TM_TCP_CLOSED
        } else if (src.compareTo(State.CLOSING) >= 0 && dst.compareTo(State.CLOSING) >= 0) {
            return TIMEOUT_TIME_WAIT; // CT_TM_TCP_FIN_WAIT
        } else if (src.compareTo(State.ESTABLISHED) < 0 || dst.compareTo(State.ESTABLISHED) < 0) {
            return TIMEOUT_SYN_RECV; // CT_TM_TCP_OPENING
        } else if (src.compareTo(State.CLOSING) >= 0 || dst.compareTo(State.CLOSING) >= 0) {
            return TIMEOUT_FIN_WAIT; // CT_TM_TCP_CLOSING
        }
        return TIMEOUT_ESTABLISHED;
    }

    /** The window bookkeeping both acceptance branches share. */
    private static void track(Peer src, Peer dst, int flags, int win, int sws, int ack, int end) {
        if (src.maxWin < win) {
            src.maxWin = win;
        }
        if (seqGt(end, src.seqlo)) {
            src.seqlo = end;
        }
        if (seqGeq(ack + (win << sws), dst.seqhi)) {
            dst.seqhi = ack + Math.max(win << sws, 1);
        }
    }

    /** ct_dpif_format_protoinfo_tcp(): the greater of the two states, coalesced as the non-verbose dump prints it. */
    String protoinfoState() {
        State s = peer[0].state.compareTo(peer[1].state) >= 0 ? peer[0].state : peer[1].state;
        return switch (s) {
            case FIN_WAIT_2 -> "TIME_WAIT";
            case SYN_RECV -> "ESTABLISHED";
            default -> s.name();
        };
    }

    /**
     * ct_dpif_format_protoinfo_tcp_verbose() of tcp_conn_get_protoinfo(): each direction's state, the window scales
     * when either is set, and tcp_peer_to_protoinfo_flags() (WINDOW_SCALE, BE_LIBERAL) as format_flags() prints them.
     */
    String protoinfoVerbose() {
        StringBuilder s = new StringBuilder("state_orig=").append(peer[0].state).append(",state_reply=")
                .append(peer[1].state);
        int wo = peer[0].wscale & WSCALE_MASK, wr = peer[1].wscale & WSCALE_MASK;
        if (wo != 0 || wr != 0) {
            s.append(",wscale_orig=").append(wo).append(",wscale_reply=").append(wr);
        }
        return s.append(",flags_orig=").append(protoinfoFlags(peer[0])).append(",flags_reply=")
                .append(protoinfoFlags(peer[1])).toString();
    }

    private static String protoinfoFlags(Peer p) {
        String f = ((p.wscale & WSCALE_FLAG) != 0 ? "|WINDOW_SCALE" : "")
                + ((p.wscale & WSCALE_UNKNOWN) != 0 ? "|BE_LIBERAL" : "");
        return f.isEmpty() ? "0" : f.substring(1);
    }

    private static boolean seqGeq(int a, int b) {
        return a - b >= 0;
    }

    private static boolean seqGt(int a, int b) {
        return a - b > 0;
    }
}
