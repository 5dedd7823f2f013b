package io.arplab.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The userspace connection tracker (lib/conntrack.c), reduced to what the pipeline needs: connections by zone and
 * 5-tuple, committed by ct(commit), giving new, est and rpl states and keeping the mark.
 */
public final class Conntrack {
    public static final int NEW = 0x01, EST = 0x02, REL = 0x04, RPL = 0x08, INV = 0x10, TRK = 0x20;

    record Key(int zone, int proto, long src, long dst, long sport, long dport) {
        Key reverse() {
            if (proto == Match.PROTO_ICMP) {
                // conn_key_reverse() → reverse_icmp_type(): an echo request's reply is an echo reply
                return new Key(zone, proto, dst, src, reverseIcmpType(sport), dport);
            }
            return new Key(zone, proto, dst, src, dport, sport);
        }

        private static long reverseIcmpType(long type) {
            return switch ((int) type) {
                case 8 -> 0;
                case 0 -> 8;
                case 13 -> 14;
                case 14 -> 13;
                case 15 -> 16;
                case 16 -> 15;
                case 17 -> 18;
                case 18 -> 17;
                default -> type;
            };
        }
    }

    /** A committed connection. */
    public static final class Conn {
        final Key orig;
        long mark;
        boolean replySeen;
        long tcpFlagsSeen;

        Conn(Key orig) {
            this.orig = orig;
        }
    }

    private final Map<Key, Conn> conns = new LinkedHashMap<>();

    static Key key(long[] flow, int zone) {
        int proto = (int) flow[Slot.NW_PROTO.ordinal()];
        return new Key(zone, proto, flow[Slot.NW_SRC.ordinal()], flow[Slot.NW_DST.ordinal()],
                flow[Slot.TP_SRC.ordinal()], flow[Slot.TP_DST.ordinal()]);
    }

    /** conntrack_execute(): sets ct_state, ct_zone and ct_mark in {@code flow}; commits when asked. */
    public void execute(long[] flow, int zone, boolean commit, Long setMark) {
        Key k = key(flow, zone);
        Conn c = conns.get(k);
        boolean reply = false;
        if (c == null) {
            c = conns.get(k.reverse());
            reply = c != null;
        }
        int state;
        if (c == null) {
            state = NEW | TRK;
            if (commit) {
                c = new Conn(k);
                conns.put(k, c);
            }
        } else if (reply) {
            c.replySeen = true;
            state = EST | RPL | TRK;
        } else {
            state = (c.replySeen ? EST : NEW) | TRK;
        }
        if (c != null && commit && setMark != null) {
            c.mark = setMark;
        }
        flow[Slot.CT_STATE.ordinal()] = state;
        flow[Slot.CT_ZONE.ordinal()] = zone;
        flow[Slot.CT_MARK.ordinal()] = c != null ? c.mark : 0;
    }

    /** dpctl/dump-conntrack lines. */
    public List<String> dump() {
        List<String> out = new ArrayList<>();
        for (Conn c : conns.values()) {
            Key o = c.orig;
            String proto = o.proto() == Match.PROTO_TCP ? "tcp" : o.proto() == Match.PROTO_UDP ? "udp"
                    : o.proto() == Match.PROTO_ICMP ? "icmp" : Integer.toString(o.proto());
            StringBuilder s = new StringBuilder(proto).append(",orig=(src=").append(MatchFormat.ip(o.src()))
                    .append(",dst=").append(MatchFormat.ip(o.dst())).append(",sport=").append(o.sport())
                    .append(",dport=").append(o.dport()).append("),reply=(src=").append(MatchFormat.ip(o.dst()))
                    .append(",dst=").append(MatchFormat.ip(o.src())).append(",sport=").append(o.dport())
                    .append(",dport=").append(o.sport()).append(")");
            if (o.zone() != 0) {
                s.append(",zone=").append(o.zone());
            }
            if (c.mark != 0) {
                s.append(",mark=").append(c.mark);
            }
            if (o.proto() == Match.PROTO_TCP) {
                s.append(",protoinfo=(state=").append(c.replySeen ? "ESTABLISHED" : "SYN_SENT").append(")");
            }
            out.add(s.toString());
        }
        return out;
    }

    public void flush() {
        conns.clear();
    }
}
