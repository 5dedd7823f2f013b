package io.arplab.wire.tcpdump;

/**
 * print-rx.c's rx_print() for UDP 7000-7009: the Rx header (its type, with -v the sequence and serial, with -vv the
 * connection, call and flags, with -vvv the security index and service), rx_ack_print() for acknowledgements, and
 * the length. The AFS services' request and reply bodies (fs_print() ... bos_reply_print(), reached by a first
 * client-initiated data packet to a service port and by the replies rx_cache_find() matches) are not carried.
 */
final class RxPrinter {
    static final int RX_PORT_LOW = 7000;
    static final int RX_PORT_HIGH = 7009;
    private static final int HEADER = 28;
    private static final int TYPE_DATA = 1; // a jumbogram flag's type
    private static final int TYPE_ACK = 2;
    private static final String[] TYPES = {null, "data", "ack", "busy", "abort", "ackall", "challenge", "response",
        "debug", "params", null, null, null, "version"};
    /** rx_flags[]: flag, the packet type it belongs to (0 any), name. */
    private static final Object[][] FLAGS = {{1, 0, "client-init"}, {2, 0, "req-ack"}, {4, 0, "last-pckt"},
        {8, 0, "more-pckts"}, {16, 0, "free-pckt"}, {32, TYPE_ACK, "slow-start"}, {32, TYPE_DATA, "jumbogram"}};
    private static final String[] ACK_REASONS = {null, "ack requested", "duplicate packet", "out of sequence",
        "exceeds window", "no buffer space", "ping", "ping response", "delay", "idle"};

    private RxPrinter() {}

    static boolean isPort(int sport, int dport) {
        return sport >= RX_PORT_LOW && sport <= RX_PORT_HIGH || dport >= RX_PORT_LOW && dport <= RX_PORT_HIGH;
    }

    static void rxPrint(Dissector nd, int bp, int length) {
        StringBuilder out = nd.out;
        nd.protocol = "rx";
        if (!nd.ttest(bp, HEADER)) {
            out.append(" [|rx] (").append(length).append(')');
            return;
        }
        int type = nd.u8(bp + 20);
        out.append(" rx ").append(type < TYPES.length && TYPES[type] != null ? TYPES[type] : "type " + type);
        int flags = nd.u8(bp + 21);
        if (nd.vflag > 0) {
            if (nd.vflag > 1) {
                long cid = nd.u32(bp + 4);
                long call = nd.u32(bp + 8);
                out.append(" cid ").append(String.format("%08x", cid)).append(" call# ").append(call);
            }
            long seq = nd.u32(bp + 12);
            long serial = nd.u32(bp + 16);
            out.append(" seq ").append(seq).append(" ser ").append(serial);
            if (nd.vflag > 2) {
                int sec = nd.u8(bp + 23);
                int service = nd.u16(bp + 26);
                out.append(" secindex ").append(sec).append(" serviceid ").append(service);
            }
            if (nd.vflag > 1) {
                boolean first = true;
                for (Object[] f : FLAGS) {
                    int flag = (Integer) f[0];
                    int ptype = (Integer) f[1];
                    if ((flags & flag) != 0 && (ptype == 0 || type == ptype)) {
                        out.append(first ? " " : ",").append('<').append(f[2]).append('>');
                        first = false;
                    }
                }
            }
        }
        if (type == TYPE_ACK) {
            ackPrint(nd, bp, length);
        }
        out.append(" (").append(length).append(')');
    }

    /** rx_ack_print(): first, serial and reason, the acked and nacked ranges, with -vv the MTUs and window. */
    private static void ackPrint(Dissector nd, int bp, int length) {
        StringBuilder out = nd.out;
        if (length < HEADER) {
            return;
        }
        bp += HEADER;
        if (!nd.ttest(bp, 18)) {
            out.append(" [|ack]");
            return;
        }
        if (nd.vflag > 2) {
            int buf = nd.u16(bp);
            int skew = nd.u16(bp + 2);
            out.append(" bufspace ").append(buf).append(" maxskew ").append(skew);
        }
        long first = nd.u32(bp + 4);
        long serial = nd.u32(bp + 12);
        int reason = nd.u8(bp + 16);
        String why = reason < ACK_REASONS.length && ACK_REASONS[reason] != null ? ACK_REASONS[reason] : "#" + reason;
        out.append(" first ").append(first).append(" serial ").append(serial).append(" reason ").append(why);
        int nAcks = nd.u8(bp + 17);
        bp += 18;
        if (nAcks != 0) {
            if (!nd.ttest(bp, nAcks)) {
                out.append(" [|ack]");
                return;
            }
            ranges(nd, bp, nAcks, first, 1, " acked ");
            ranges(nd, bp, nAcks, first, 0, " nacked ");
            bp += nAcks;
        }
        bp += 3;
        if (nd.vflag > 1) {
            for (String name : new String[] {" ifmtu", " maxmtu", " rwind", " maxpackets"}) {
                if (nd.available(bp) < 4) {
                    return;
                }
                out.append(name);
                out.append(' ').append(nd.u32(bp));
                bp += 4;
            }
        }
    }

    /** The runs of acknowledgements of one kind: "first", ",n" after a gap, "-n" ending a run. */
    private static void ranges(Dissector nd, int bp, int n, long first, int kind, String label) {
        StringBuilder out = nd.out;
        int start = -2;
        int last = -2;
        int i;
        for (i = 0; i < n; i++) {
            if (nd.u8(bp + i) == kind) {
                if (last == -2) {
                    out.append(label).append(first + i);
                    start = i;
                } else if (last != i - 1) {
                    out.append(',').append(first + i);
                    start = i;
                }
                last = i;
            } else if (last == i - 1 && start != last) {
                out.append('-').append(first + i - 1);
            }
        }
        if (last == i - 1 && start != last) {
            out.append('-').append(first + i - 1);
        }
    }
}
