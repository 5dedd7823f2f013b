package io.arplab.wire.tshark;

import static io.arplab.wire.tshark.TcpConversation.*;

import io.arplab.wire.tshark.TcpConversation.Flow;

/**
 * packet-tcp.c's dissect_tcp() as TShark 4.0 runs it with its default preferences (relative sequence numbers,
 * sequence analysis, no checksum check, no port names): "sport → dport [flags] Seq= Ack= Win= Urg= Len=", the
 * options' texts, and the analysis flags tcp_print_sequence_number_analysis() puts in front. A payload a port's or a
 * heuristic dissector may take is not decoded here.
 */
final class TcpDissector {
    private TcpDissector() {}

    private static final int TH_MASK = 0x0fff;
    private static final int TH_RES = 0x0e00;

    static void dissect(Tvb tvb, Packet p) {
        int sport = tvb.u16(0);
        int dport = tvb.u16(2);
        p.protocol("TCP");
        p.clearInfo();
        p.append(sport + " \u2192 " + dport);
        long seq = tvb.u32(4);
        long ack = tvb.u32(8);
        int offX2 = tvb.u8(12);
        int flags = tvb.u16(12) & TH_MASK;
        long win = tvb.u16(14);
        int hlen = (offX2 >> 4) * 4;
        int[] ta = {0, 0, 0}; // tcp_acked: its flags, dupack_num, dupack_frame
        boolean fwdIs1 = direction(p, sport, dport) >= 0;
        TcpConversation tcpd = conversation(p, sport, dport, fwdIs1, seq, flags, ta);
        Flow fwd = fwdIs1 ? tcpd.flow1 : tcpd.flow2;
        Flow rev = fwdIs1 ? tcpd.flow2 : tcpd.flow1;
        int reported = tvb.reported;
        boolean haveSeglen = false;
        long seglen = 0;
        // a fragment's or an ICMP error's segment has no length to go by: no analysis, no relative numbers (its
        // options still set the conversation's window scale)
        if (!p.fragmented && !p.inErrorPkt && reported >= hlen) {
            seglen = reported - hlen;
            haveSeglen = true;
            if (!fwd.baseSeqSet) {
                fwd.baseSeq = (flags & TH_SYN) != 0 ? seq : u32(seq - 1);
                fwd.baseSeqSet = true;
            }
            if (!rev.baseSeqSet && (flags & TH_ACK) != 0) {
                rev.baseSeq = u32(ack - 1);
                rev.baseSeqSet = true;
            }
            analyze(p, tcpd, fwd, rev, seq, ack, seglen, flags, win, ta);
            seq = u32(seq - fwd.baseSeq);
            if ((flags & TH_ACK) != 0) {
                ack = u32(ack - rev.baseSeq);
            }
            if ((flags & TH_SYN) == 0 && fwd.winScale >= 0) {
                win = u32(win << fwd.winScale);
            }
        }
        // an AccECN connection's segments after the handshake carry the ACE counter in AE, CWR and ECE
        boolean ace = (flags & TH_SYN) == 0 && tcpd.accEcnSetupSyn && tcpd.accEcnSetupSynAck;
        p.append(" [" + flagsString(flags, ace) + "]");
        p.append(" Seq=" + seq);
        if ((flags & TH_ACK) != 0) {
            p.append(" Ack=" + ack);
        }
        p.append(" Win=" + win);
        if (hlen < 20) {
            p.append(", bogus TCP header length (" + hlen + ", must be at least 20)");
            return;
        }
        if ((flags & TH_SYN) != 0) {
            if ((flags & TH_ACK) == 0) {
                tcpd.tsMruSyn = p.absNanos;
            }
            fwd.isFirstAck = true;
        }
        if ((flags & (TH_SYN | TH_ACK)) == TH_ACK && tcpd.tsMruSyn != 0 && tcpd.tsFirstRtt == 0) {
            tcpd.tsFirstRtt = p.absNanos - tcpd.tsMruSyn;
        }
        if ((flags & (TH_SYN | TH_ACK)) == TH_ACK) {
            fwd.isFirstAck = false;
        }
        int urp = tvb.u16(18);
        if ((flags & TH_URG) != 0) {
            p.append(" Urg=" + urp);
        }
        if (haveSeglen) {
            p.append(" Len=" + seglen);
        }
        int optlen = hlen - 20;
        if (optlen > 0) {
            options(tvb, optlen, p, flags, fwd, rev);
        }
        printAnalysis(p, ta);
        if ((flags & TH_SYN) != 0) {
            verifyWindowScaling((flags & TH_ACK) != 0, fwd, rev);
        }
        int payload = tvb.capturedRemaining(hlen);
        if (payload != 0 && (flags & TH_RST) == 0) {
            // decode_tcp_ports(): the ports' dissectors, then the heuristics, then data (which adds nothing)
            Values.unsupported("tcp.port", Math.min(sport, dport));
            Values.unsupported("tcp.port", Math.max(sport, dport));
            if (payload < tvb.reportedRemaining(hlen)) {
                throw new Unsupported("TCP payload cut by the capture, which the heuristics read");
            }
        }
    }

    /** get_tcp_conversation_data()'s direction: the flow of the greater address (then port) is flow1. */
    private static int direction(Packet p, int sport, int dport) {
        int c = p.netSrc.length != p.netDst.length ? Integer.compare(p.netSrc.length, p.netDst.length)
                : java.util.Arrays.compareUnsigned(p.netSrc, p.netDst); // cmp_address()
        return c != 0 ? c : sport > dport ? 1 : -1;
    }

    // find_conversation_pinfo() or conversation_new(), then the port-reuse checks of a SYN and a SYN/ACK
    private static TcpConversation conversation(Packet p, int sport, int dport, boolean fwdIs1, long seq, int flags,
            int[] ta) {
        String key = key(p.netSrc, sport, p.netDst, dport);
        TcpConversation tcpd = p.capture.tcpConversations.get(key);
        if (tcpd == null) {
            tcpd = new TcpConversation();
            p.capture.tcpConversations.put(key, tcpd);
        }
        Flow fwd = fwdIs1 ? tcpd.flow1 : tcpd.flow2;
        if ((flags & (TH_SYN | TH_ACK)) == TH_SYN && fwd.baseSeqSet) {
            if (seq != fwd.baseSeq) {
                tcpd = new TcpConversation();
                p.capture.tcpConversations.put(key, tcpd);
                ta[0] |= REUSED_PORTS;
            }
        }
        if ((flags & (TH_SYN | TH_ACK)) == TH_SYN) {
            tcpd.accEcnSetupSyn = (flags & (TH_AE | TH_CWR | TH_ECE)) == (TH_AE | TH_CWR | TH_ECE);
        }
        if ((flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK)) {
            if (fwd.baseSeqSet && seq != fwd.baseSeq) {
                fwd.baseSeq = seq;
                ta[0] |= REUSED_PORTS;
            }
            tcpd.accEcnSetupSynAck = (flags & (TH_AE | TH_CWR)) == TH_CWR || (flags & (TH_AE | TH_ECE)) == TH_AE;
        }
        return tcpd;
    }

    private static String key(byte[] a, int pa, byte[] b, int pb) {
        String x = java.util.Arrays.toString(a) + ":" + pa;
        String y = java.util.Arrays.toString(b) + ":" + pb;
        return x.compareTo(y) < 0 ? x + "|" + y : y + "|" + x;
    }

    private static final String[] FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};

    /** tcp_flags_to_str(): the flags set, or with {@code ace} the six below ECE and "ACE=n" (tcp_get_ace()). */
    static String flagsString(int flags, boolean ace) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < (ace ? 6 : 9); i++) {
            if ((flags & 1 << i) != 0) {
                b.append(b.length() > 0 ? ", " : "").append(FLAG_NAMES[i]);
            }
        }
        if (ace) {
            b.append(", ACE=").append(((flags & TH_AE) != 0 ? 4 : 0) + ((flags & TH_CWR) != 0 ? 2 : 0)
                    + ((flags & TH_ECE) != 0 ? 1 : 0));
        }
        if ((flags & TH_RES) != 0) {
            b.append(b.length() > 0 ? ", " : "").append("Reserved");
        }
        return b.length() == 0 ? "<None>" : b.toString();
    }

    // verify_tcp_window_scaling(): a SYN or SYN/ACK without the option turns scaling off for both flows
    private static void verifyWindowScaling(boolean synack, Flow fwd, Flow rev) {
        if (fwd.winScale == -1) {
            fwd.winScale = -2;
            rev.winScale = -2;
        } else if (synack && rev.winScale == -2) {
            fwd.winScale = -2;
        }
    }

    /**
     * tcp_dissect_options() for the options this package decodes: MSS, WS, SACK_PERM, SACK, timestamps, TFO. Kind and
     * length bytes are read from the segment (a header longer than the segment throws there), an option's body from
     * its own tvbuff; an option whose length its kind does not allow adds nothing (tcp_option_len_check()); a length
     * below 2 or past the options ends them, and so does an EOL, after which the rest must be there as padding.
     */
    private static void options(Tvb tcp, int optlen, Packet p, int flags, Flow fwd, Flow rev) {
        int off = 20;
        int length = optlen;
        while (length > 0) {
            int opt = tcp.u8(off);
            length--;
            if (opt == 0) { // EOL: the rest of the options is padding, which must be there
                tcp.check(off + 1, length);
                return;
            }
            if (opt == 1) { // NOP
                off++;
                continue;
            }
            if (length == 0) {
                return; // its length byte past the end of the options
            }
            int len = tcp.u8(off + 1);
            length--;
            if (len < 2) {
                return; // too short to hold its kind and length
            }
            if (len - 2 > length) {
                tcp.check(off, length); // past the options: the expert item covers what is left of them
                return;
            }
            Tvb t = tcp.subset(off, -1, len); // the option's own tvbuff, which its dissector reads
            switch (opt) {
                case 2 -> {
                    if (len == 4) {
                        p.append(" MSS=" + t.u16(2));
                    }
                }
                case 3 -> {
                    if (len == 3) {
                        int shift = Math.min(t.u8(2), 14); // RFC 7323 2.3: 14 at most
                        p.append(" WS=" + (1 << shift));
                        fwd.winScale = shift; // pdu_store_window_scale_option(), whatever the segment
                    }
                }
                case 4 -> {
                    if (len == 2) {
                        p.append(" SACK_PERM");
                    }
                }
                case 5 -> {
                    if (len == 2) {
                        p.undecoded = "TCP SACK option without edges"; // malformed or not, by state
                        break;
                    }
                    // dissect_tcpopt_sack(): edge pairs while the option has them
                    int o = 2;
                    for (; o + 8 <= len; o += 8) {
                        p.append(" SLE=" + u32(t.u32(o) - rev.baseSeq) + " SRE=" + u32(t.u32(o + 4) - rev.baseSeq));
                    }
                    if (o < len) {
                        throw Thrown.REPORTED_BOUNDS.error();
                    }
                }
                case 8 -> {
                    if (len == 10) {
                        p.append(" TSval=" + t.u32(2) + " TSecr=" + t.u32(6));
                    }
                }
                case 34 -> { // RFC 7413: a cookie request, or a cookie (its item first)
                    if (len > 2) {
                        t.check(2, len - 2);
                    }
                    p.append(len == 2 ? " TFO=R" : " TFO=C");
                }
                default -> p.undecoded = "TCP option " + opt; // its text is not TShark's; the options go on
            }
            off += len;
            length -= len - 2;
        }
    }

    /** tcp_print_sequence_number_analysis(): each flag's text put in front of Info, the later ones first. */
    private static void printAnalysis(Packet p, int[] ta) {
        int f = ta[0];
        if (f == 0) {
            return;
        }
        prepend(p, f, REUSED_PORTS, "[TCP Port numbers reused] ");
        prepend(p, f, RETRANSMISSION, "[TCP Retransmission] ");
        prepend(p, f, FAST_RETRANSMISSION, "[TCP Fast Retransmission] ");
        prepend(p, f, SPURIOUS_RETRANSMISSION, "[TCP Spurious Retransmission] ");
        prepend(p, f, OUT_OF_ORDER, "[TCP Out-Of-Order] ");
        prepend(p, f, LOST_PACKET, "[TCP Previous segment not captured] ");
        prepend(p, f, ACK_LOST_PACKET, "[TCP ACKed unseen segment] ");
        prepend(p, f, WINDOW_UPDATE, "[TCP Window Update] ");
        prepend(p, f, WINDOW_FULL, "[TCP Window Full] ");
        prepend(p, f, KEEP_ALIVE, "[TCP Keep-Alive] ");
        prepend(p, f, KEEP_ALIVE_ACK, "[TCP Keep-Alive ACK] ");
        if (ta[1] != 0 && (f & DUPLICATE_ACK) != 0) {
            p.prepend("[TCP Dup ACK " + ta[2] + "#" + ta[1] + "] ");
        }
        prepend(p, f, ZERO_WINDOW_PROBE, "[TCP ZeroWindowProbe] ");
        prepend(p, f, ZERO_WINDOW, "[TCP ZeroWindow] ");
        prepend(p, f, ZERO_WINDOW_PROBE_ACK, "[TCP ZeroWindowProbeAck] ");
    }

    private static void prepend(Packet p, int flags, int flag, String text) {
        if ((flags & flag) != 0) {
            p.prepend(text);
        }
    }

    /**
     * tcp_analyze_sequence_number(): the segment's flags from what the flows saw before; {@code ta} receives the
     * flags, the duplicate-ACK number and the frame of the last ACK that was not a duplicate.
     */
    private static void analyze(Packet p, TcpConversation tcpd, Flow fwd, Flow rev, long seq, long ack, long seglen,
            int flags, long window, int[] ta) {
        long now = p.absNanos;
        int frame = p.number;
        int f = ta[0];
        boolean finished = false;
        // ZERO WINDOW PROBE
        if (seglen == 1 && seq == fwd.nextseq && rev.window == 0) {
            f |= ZERO_WINDOW_PROBE;
            finished = true;
        }
        if (!finished) {
            if (window == 0 && (flags & (TH_RST | TH_FIN | TH_SYN)) == 0) {
                f |= ZERO_WINDOW;
            }
            if (fwd.nextseq != 0 && gt(seq, fwd.nextseq) && (flags & TH_RST) == 0) {
                f |= LOST_PACKET;
            }
            if ((seglen == 0 || seglen == 1) && seq == u32(fwd.nextseq - 1) && (flags & (TH_SYN | TH_FIN | TH_RST)) == 0) {
                f |= KEEP_ALIVE;
            }
            if (seglen == 0 && window != 0 && window != fwd.window && seq == fwd.nextseq && ack == fwd.lastack
                    && (flags & (TH_SYN | TH_FIN | TH_RST)) == 0) {
                f |= WINDOW_UPDATE;
            }
            if (seglen > 0 && rev.winScale != -1
                    && u32(seq + seglen) == u32(rev.lastack + (rev.window << (rev.isFirstAck ? 0
                            : rev.winScale == -2 ? 0 : rev.winScale)))
                    && (flags & (TH_SYN | TH_FIN | TH_RST)) == 0) {
                f |= WINDOW_FULL;
            }
            boolean pureRepeat = seglen == 0 && window == fwd.window && seq == fwd.nextseq && ack == fwd.lastack
                    && (flags & (TH_SYN | TH_FIN | TH_RST)) == 0;
            if (pureRepeat && window != 0 && (rev.lastSegmentFlags & KEEP_ALIVE) != 0) {
                f |= KEEP_ALIVE_ACK;
                finished = true;
            } else if (pureRepeat && window == 0 && (rev.lastSegmentFlags & ZERO_WINDOW_PROBE) != 0) {
                f |= ZERO_WINDOW_PROBE_ACK;
                finished = true;
            } else if (pureRepeat && window != 0) {
                fwd.dupAckNum = fwd.dupAckNum == -1 ? 1 : fwd.dupAckNum + 1;
                f |= DUPLICATE_ACK;
                ta[1] = fwd.dupAckNum;
                ta[2] = fwd.lastNonDupAck;
            }
        }
        // finished_fwd:
        if (ack != fwd.lastack) {
            fwd.lastNonDupAck = frame;
            fwd.dupAckNum = 0;
        }
        if (rev.maxSeqToBeAcked != 0 && gt(ack, rev.maxSeqToBeAcked) && (flags & TH_ACK) != 0) {
            if (lt(rev.maxSeqToBeAcked, rev.nextseq)) {
                rev.maxSeqToBeAcked = rev.nextseq;
                f |= ACK_LOST_PACKET;
            } else {
                // the other direction stalled with pure ACKs: said once, until it sends a duplicate ACK
                if (rev.dupAckNum == 0) {
                    f |= ACK_LOST_PACKET;
                }
                rev.dupAckNum = -1;
            }
        }
        if (seglen > 0 || (flags & (TH_SYN | TH_FIN)) != 0) {
            f = retransmission(tcpd, fwd, rev, seq, seglen, flags, now, f);
        }
        long nextseq = u32(seq + seglen);
        if ((seglen > 0 || (flags & (TH_SYN | TH_FIN)) != 0) && fwd.unacked.size() < MAX_UNACKED_SEGMENTS) {
            if ((flags & (TH_SYN | TH_FIN)) != 0) {
                nextseq = u32(nextseq + 1); // only with the segment listed, as in C
            }
            fwd.unacked.add(nextseq);
        }
        if (gt(nextseq, fwd.nextseq) || fwd.nextseq == 0) {
            if ((f & ZERO_WINDOW_PROBE) == 0) {
                fwd.nextseq = nextseq;
                fwd.nextseqTime = now;
            }
        }
        if (seq == fwd.maxSeqToBeAcked || fwd.maxSeqToBeAcked == 0) {
            if ((f & ZERO_WINDOW_PROBE) == 0) {
                fwd.maxSeqToBeAcked = fwd.nextseq;
            }
        }
        fwd.window = window;
        fwd.lastack = ack;
        fwd.lastackTime = now;
        fwd.lastSegmentFlags = f;
        // the segments this acknowledges, those ending at or before it, leave the other flow's list
        rev.unacked.removeIf(end -> !gt(end, ack));
        ta[0] = f;
    }

    // RETRANSMISSION / FAST RETRANSMISSION / OUT-OF-ORDER / SPURIOUS RETRANSMISSION
    private static int retransmission(TcpConversation tcpd, Flow fwd, Flow rev, long seq, long seglen, int flags,
            long now, int f) {
        boolean notAdvanced = fwd.nextseq != 0 && lt(seq, fwd.nextseq);
        if ((f & KEEP_ALIVE) != 0) {
            return f;
        }
        if (seglen > 1 && u32(fwd.nextseq - 1) == seq) {
            notAdvanced = false;
        }
        if (seglen > 0 && rev.lastack != 0 && le(u32(seq + seglen), rev.lastack)) {
            return f | SPURIOUS_RETRANSMISSION;
        }
        // tcp_fastrt_precedence (on by default): fast retransmission first, then out-of-order
        long t = now - rev.lastackTime;
        // dupacknum is a guint32: the -1 of an ACKed unseen segment counts as many duplicate ACKs
        if (notAdvanced && Integer.compareUnsigned(rev.dupAckNum, 2) >= 0 && rev.lastack == seq
                && Long.compareUnsigned(t, 20_000_000) < 0) {
            return f | FAST_RETRANSMISSION;
        }
        t = now - fwd.nextseqTime;
        long threshold = tcpd.tsFirstRtt == 0 ? 3_000_000 : tcpd.tsFirstRtt;
        if (notAdvanced && Long.compareUnsigned(t, threshold) < 0
                && fwd.nextseq != u32(seq + seglen + ((flags & (TH_SYN | TH_FIN)) != 0 ? 1 : 0))) {
            return f | OUT_OF_ORDER;
        }
        if (notAdvanced) {
            f |= RETRANSMISSION;
        }
        return f;
    }
}
