package io.arplab.wire.tshark;

import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * packet-tcp.c's struct tcp_analysis: one conversation's two flows and what tcp_analyze_sequence_number() keeps of
 * them (its tcp_analyze_seq_info). Sequence numbers are 32-bit values in longs; 0 stands for "not seen yet", as in C.
 */
final class TcpConversation {
    static final int TH_FIN = 0x01, TH_SYN = 0x02, TH_RST = 0x04, TH_PUSH = 0x08, TH_ACK = 0x10, TH_URG = 0x20,
            TH_ECE = 0x40, TH_CWR = 0x80, TH_AE = 0x100;

    // tcp_acked's flags (TCP_A_*)
    static final int RETRANSMISSION = 0x0001, LOST_PACKET = 0x0002, ACK_LOST_PACKET = 0x0004, KEEP_ALIVE = 0x0008,
            DUPLICATE_ACK = 0x0010, ZERO_WINDOW = 0x0020, ZERO_WINDOW_PROBE = 0x0040, ZERO_WINDOW_PROBE_ACK = 0x0080,
            KEEP_ALIVE_ACK = 0x0100, OUT_OF_ORDER = 0x0200, FAST_RETRANSMISSION = 0x0400, WINDOW_UPDATE = 0x0800,
            WINDOW_FULL = 0x1000, REUSED_PORTS = 0x2000, SPURIOUS_RETRANSMISSION = 0x4000;

    /** TCP_MAX_UNACKED_SEGMENTS. */
    static final int MAX_UNACKED_SEGMENTS = 10000;

    /** One direction (struct tcp_flow with its tcp_analyze_seq_info). */
    static final class Flow {
        boolean baseSeqSet;
        long baseSeq;
        /** -1 unknown, -2 no window scaling, else the shift. */
        int winScale = -1;
        /** The last window seen, unscaled (G_MAXUINT32 before any). */
        long window = 0xffffffffL;
        boolean isFirstAck;
        int lastSegmentFlags;
        long nextseq;
        long nextseqTime;
        long lastack;
        long lastackTime;
        int lastNonDupAck;
        int dupAckNum;
        long maxSeqToBeAcked;
        /**
         * Where each segment not yet acknowledged ends (its tcp_unacked_t's nextseq; the rest of it feeds only the
         * tree): their count, capped, decides whether a SYN or FIN adds its one to nextseq.
         */
        final LongArrayList unacked = new LongArrayList();
    }

    final Flow flow1 = new Flow(), flow2 = new Flow();
    /** had_acc_ecn_setup_syn, had_acc_ecn_setup_syn_ack: the handshake negotiated AccECN. */
    boolean accEcnSetupSyn, accEcnSetupSynAck;
    /** ts_mru_syn and ts_first_rtt in nanoseconds (0: none). */
    long tsMruSyn, tsFirstRtt;

    /** Seq-number comparisons of packet-tcp.h (GT_SEQ() and the rest): 32-bit serial arithmetic. */
    static boolean gt(long a, long b) {
        return (int) (a - b) > 0;
    }

    static boolean lt(long a, long b) {
        return (int) (a - b) < 0;
    }

    static boolean le(long a, long b) {
        return (int) (a - b) <= 0;
    }

    static long u32(long v) {
        return v & 0xffffffffL;
    }
}
