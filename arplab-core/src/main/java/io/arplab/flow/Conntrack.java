package io.arplab.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The userspace connection tracker (lib/conntrack.c), reduced to what the pipeline needs: connections by zone and
 * 5-tuple, committed by ct(commit), giving new, est and rpl states, keeping the mark, and NAT: a connection
 * committed with nat(src|dst=...) expects its reply from the translated address, and ct(nat) translates packets of
 * the connection both ways; TCP tracked as lib/conntrack-tcp.c does ({@link ConntrackTcp}: inv for segments outside
 * the windows).
 */
public final class Conntrack {
    public static final int NEW = 0x01, EST = 0x02, REL = 0x04, RPL = 0x08, INV = 0x10, TRK = 0x20, SNAT = 0x40,
            DNAT = 0x80;

    /** A conn_key; for ICMP {@code sport} is the type, {@code dport} the code and {@code icmpId} the echo's id. */
    record Key(int zone, int proto, long src, long dst, long sport, long dport, int icmpId) {
        Key(int zone, int proto, long src, long dst, long sport, long dport) {
            this(zone, proto, src, dst, sport, dport, 0);
        }

        Key reverse() {
            if (proto == Match.PROTO_ICMP) {
                // conn_key_reverse() → reverse_icmp_type(): an echo request's reply is an echo reply
                return new Key(zone, proto, dst, src, reverseIcmpType(sport), dport, icmpId);
            }
            return new Key(zone, proto, dst, src, dport, sport, icmpId);
        }

        // ct_dpif_format_tuple(): ICMP's id, type and code, or the ports
        void formatL4(StringBuilder s) {
            if (proto == Match.PROTO_ICMP) {
                s.append(",id=").append(icmpId).append(",type=").append(sport).append(",code=").append(dport);
            } else {
                s.append(",sport=").append(sport).append(",dport=").append(dport);
            }
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

    /**
     * nat(src|dst=IP[-IP][:PORT[-PORT]]) as ofpact_nat holds it (lib/ofp-actions.c parse_NAT); {@code src} and
     * {@code dst} both false for a bare "nat" (translate as the connection was).
     */
    public record Nat(boolean src, boolean dst, boolean range, long ipMin, long ipMax, int portMin, int portMax,
            boolean persistent, boolean hash, boolean random) {
        static final Nat REVERSE = new Nat(false, false, false, 0, 0, 0, 0, false, false, false);

        /** format_NAT(): flags only with a range. */
        String format() {
            if (!src && !dst) {
                return "nat";
            }
            StringBuilder s = new StringBuilder("nat(").append(src ? "src" : "dst");
            if (range) {
                s.append('=').append(MatchFormat.ip(ipMin));
                if (ipMax != 0 && ipMax != ipMin) {
                    s.append('-').append(MatchFormat.ip(ipMax));
                }
                if (portMin != 0) {
                    s.append(':').append(portMin);
                    if (portMax != 0 && portMax != portMin) {
                        s.append('-').append(portMax);
                    }
                }
                s.append(persistent ? ",persistent" : "").append(hash ? ",hash" : "").append(random ? ",random" : "");
            }
            return s.append(')').toString();
        }

        /** The text inside ct(...): "nat" or "nat(dst=10.0.0.2:80)"; null when there is none. */
        static Nat parse(String text) {
            if (text == null) {
                return null;
            }
            return text.startsWith("nat(") ? parseArgs(text.substring(4, text.length() - 1)) : REVERSE;
        }

        /** parse_NAT(): OVS's error text in the exception. */
        static Nat parseArgs(String arg) {
            boolean src = false, dst = false, persistent = false, hash = false, random = false;
            long[] range = null;
            KeyValue kv = new KeyValue(arg);
            while (kv.next()) {
                switch (kv.key) {
                    case "src", "dst" -> {
                        src |= kv.key.equals("src");
                        dst |= kv.key.equals("dst");
                        range = range(kv.value);
                    }
                    case "persistent" -> persistent = true;
                    case "hash" -> hash = true;
                    case "random" -> random = true;
                    default -> throw new FlowParseException("invalid key \"" + kv.key + "\" in \"nat\" argument");
                }
            }
            if (src && dst) {
                throw new FlowParseException("May only specify one of \"src\" or \"dst\".");
            }
            if (!src && !dst && (persistent || hash || random)) {
                throw new FlowParseException("Flags allowed only with \"src\" or \"dst\".");
            }
            if (hash && random) {
                throw new FlowParseException("Both \"hash\" and \"random\" are not allowed.");
            }
            if (range == null) {
                return new Nat(src, dst, false, 0, 0, 0, 0, persistent, hash, random);
            }
            return new Nat(src, dst, true, range[0], range[1], (int) range[2], (int) range[3], persistent, hash,
                    random);
        }

        // str_to_nat_range(): IP[-IP][:PORT[-PORT]] (IPv4; an empty range is none)
        private static long[] range(String s) {
            int[] n = {0};
            long[] r = new long[4];
            long min = ip(s, n);
            if (min < 0) {
                // the IPv6 scan (IPV6_SCAN_FMT) consumed its characters before inet_pton() refused them
                int at = 0;
                while (at < s.length() && at < 46 && "0123456789abcdefABCDEF:.".indexOf(s.charAt(at)) >= 0) {
                    at++;
                }
                if (at != s.length()) {
                    throw new FlowParseException("garbage (" + s.substring(at) + ") after nat range \"" + s
                            + "\" (pos: " + at + ")");
                }
                if (!s.isEmpty()) {
                    throw new FlowParseException("invalid nat range \"" + s + "\"");
                }
                return null;
            }
            r[0] = min;
            r[1] = min;
            if (n[0] < s.length() && s.charAt(n[0]) == '-') {
                n[0]++;
                r[1] = ip(s, n);
                if (r[1] < min) {
                    throw new FlowParseException("invalid nat range \"" + s + "\"");
                }
            }
            if (n[0] < s.length() && s.charAt(n[0]) == ':') {
                n[0]++;
                r[2] = u16(s, n);
                r[3] = r[2];
                if (r[2] < 0) {
                    throw new FlowParseException("invalid nat range \"" + s + "\"");
                }
                if (n[0] < s.length() && s.charAt(n[0]) == '-') {
                    n[0]++;
                    r[3] = u16(s, n);
                    if (r[3] < r[2]) {
                        throw new FlowParseException("invalid nat range \"" + s + "\"");
                    }
                }
            }
            if (n[0] != s.length()) {
                throw new FlowParseException("garbage (" + s.substring(n[0]) + ") after nat range \"" + s
                        + "\" (pos: " + n[0] + ")");
            }
            return r;
        }

        private static long ip(String s, int[] n) {
            long v = 0;
            int at = n[0];
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    if (at >= s.length() || s.charAt(at) != '.') {
                        return -1;
                    }
                    at++;
                }
                int start = at;
                long octet = 0;
                while (at < s.length() && Character.isDigit(s.charAt(at)) && at - start < 3) {
                    octet = octet * 10 + (s.charAt(at++) - '0');
                }
                if (at == start || octet > 255) {
                    return -1;
                }
                v = v << 8 | octet;
            }
            n[0] = at;
            return v;
        }

        // scanf("%hu"): digits, kept to 16 bits as glibc does
        private static long u16(String s, int[] n) {
            int at = n[0];
            long v = 0;
            while (at < s.length() && Character.isDigit(s.charAt(at))) {
                v = (v * 10 + (s.charAt(at++) - '0')) & 0xffffffffL;
            }
            if (at == n[0]) {
                return -1;
            }
            n[0] = at;
            return v & 0xffff;
        }
    }

    /** A committed connection: {@code reply} the tuple its replies carry (the original reversed, NAT applied). */
    public static final class Conn {
        final Key orig;
        final Key reply;
        long mark;
        U128 label = U128.ZERO;
        /** The connection helper it was committed with (conn->alg), or null. */
        String helper;
        boolean replySeen;
        long tcpFlagsSeen;
        /** TCP's window tracking (conn_tcp), or null. */
        ConntrackTcp tcp;
        boolean nat;
        /** Committed with nat(src=...) rather than nat(dst=...). */
        boolean natSrc;

        Conn(Key orig, Key reply) {
            this.orig = orig;
            this.reply = reply;
        }

        /** Whether ct(nat) rewrites its packets: committed with nat(src|dst) (conn->nat_action). */
        boolean natted() {
            return nat && !reply.equals(orig.reverse());
        }
    }

    private final Map<Key, Conn> conns = new LinkedHashMap<>();
    private final Map<Key, Conn> replies = new LinkedHashMap<>();

    // nat_get_unique_tuple(), for the first address and port of the range: the reply comes from the translation. A
    // bare "nat" (no src or dst, nat_action 0) takes find_addr()'s zero address as the reply's source and
    // set_sport_range()'s empty range's 0 as its destination port (TCP, UDP), so that no reply ever matches it
    private static Key natReply(Key orig, Nat nat) {
        Key r = orig.reverse();
        if (!nat.src() && !nat.dst()) {
            boolean pat = r.proto() == Match.PROTO_TCP || r.proto() == Match.PROTO_UDP;
            return new Key(r.zone(), r.proto(), 0, r.dst(), r.sport(), pat ? 0 : r.dport(), r.icmpId());
        } else if (!nat.range()) {
            return r;
        } else if (nat.dst()) {
            return new Key(r.zone(), r.proto(), nat.ipMin(), r.dst(), nat.portMin() != 0 ? nat.portMin() : r.sport(),
                    r.dport());
        } else if (nat.src()) {
            return new Key(r.zone(), r.proto(), r.src(), nat.ipMin(), r.sport(),
                    nat.portMin() != 0 ? nat.portMin() : r.dport());
        }
        return r;
    }

    // the packet's addresses and ports as the connection translates them (orig: to the reply's view, reply: back)
    private static void translate(long[] flow, Conn c, boolean reply) {
        Key to = reply ? c.orig.reverse() : c.reply.reverse();
        if (to.proto() == Match.PROTO_ICMP) {
            flow[Slot.NW_SRC.ordinal()] = to.src();
            flow[Slot.NW_DST.ordinal()] = to.dst();
            return;
        }
        flow[Slot.NW_SRC.ordinal()] = to.src();
        flow[Slot.NW_DST.ordinal()] = to.dst();
        flow[Slot.TP_SRC.ordinal()] = to.sport();
        flow[Slot.TP_DST.ordinal()] = to.dport();
    }

    /** ct_clear: the packet untracked, every conntrack field of {@code flow} zeroed. */
    static void clear(long[] flow) {
        flow[Slot.CT_STATE.ordinal()] = 0;
        flow[Slot.CT_ZONE.ordinal()] = 0;
        flow[Slot.CT_MARK.ordinal()] = 0;
        flow[Slot.CT_LABEL_HI.ordinal()] = 0;
        flow[Slot.CT_LABEL_LO.ordinal()] = 0;
    }

    static Key key(long[] flow, int zone) {
        return key(flow, zone, null);
    }

    // conn_key_extract(): the 5-tuple; extract_l4_icmp() takes an echo's id from the frame's ICMP header
    static Key key(long[] flow, int zone, byte[] packet) {
        int proto = (int) flow[Slot.NW_PROTO.ordinal()];
        return new Key(zone, proto, flow[Slot.NW_SRC.ordinal()], flow[Slot.NW_DST.ordinal()],
                flow[Slot.TP_SRC.ordinal()], flow[Slot.TP_DST.ordinal()],
                proto == Match.PROTO_ICMP ? icmpId(packet) : 0);
    }

    private static boolean icmpError(long type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    // extract_l4_icmp() for an error: the key is the embedded packet's (sent to the error's destination), reversed;
    // conn_update_state() marks it related to that connection (rpl in its reply direction), no connection found or
    // no embedded packet: invalid (process_one())
    private void related(long[] flow, byte[] f, Key outer) {
        int l3 = 14 + ((f[12] & 0xff) == 0x81 && f[13] == 0 ? 4 : 0);
        int in = l3 + (f[l3] & 0xf) * 4 + 8;
        Conn c = null;
        boolean reply = false;
        if (f.length >= in + 20 && (f[in] & 0xf0) == 0x40) {
            int l4 = in + (f[in] & 0xf) * 4;
            long src = u32(f, in + 12), dst = u32(f, in + 16);
            int proto = f[in + 9] & 0xff;
            if (src == outer.dst() && f.length >= l4 + 8) {
                Key inner = proto == Match.PROTO_ICMP
                        ? new Key(outer.zone(), proto, src, dst, f[l4] & 0xff, f[l4 + 1] & 0xff,
                                (f[l4 + 4] & 0xff) << 8 | f[l4 + 5] & 0xff)
                        : new Key(outer.zone(), proto, src, dst, (f[l4] & 0xff) << 8 | f[l4 + 1] & 0xff,
                                (f[l4 + 2] & 0xff) << 8 | f[l4 + 3] & 0xff);
                Key k = inner.reverse();
                c = conns.get(k);
                if (c == null) {
                    c = replies.get(k);
                    reply = c != null;
                }
            }
        }
        flow[Slot.CT_STATE.ordinal()] = c == null ? INV | TRK : REL | TRK | (reply ? RPL : 0);
        flow[Slot.CT_ZONE.ordinal()] = outer.zone();
        flow[Slot.CT_MARK.ordinal()] = c != null ? c.mark : 0;
        Field.CT_LABEL.put(flow, c != null ? c.label : U128.ZERO, Field.CT_LABEL.ones());
    }

    private static long u32(byte[] f, int at) {
        return (f[at] & 0xffL) << 24 | (f[at + 1] & 0xff) << 16 | (f[at + 2] & 0xff) << 8 | f[at + 3] & 0xff;
    }

    // icmp_valid_new(): only a request starts a connection
    private static boolean icmpValidNew(long type) {
        return type == 8 || type == 13 || type == 15;
    }

    /** Whether extract_l4_icmp() makes a key of this ICMP type (a query or its reply, or an error). */
    static boolean icmpKeyed(long type) {
        return type == 0 || type == 8 || type == 13 || type == 14 || type == 15 || type == 16 || type == 3
                || type == 4 || type == 5 || type == 11 || type == 12;
    }

    private static int icmpId(byte[] f) {
        if (f == null || f.length < 14) {
            return 0;
        }
        int off = 12;
        int type = (f[off] & 0xff) << 8 | f[off + 1] & 0xff;
        if (type == 0x8100 || type == 0x88a8) {
            off += 4;
        }
        off += 2;
        if (f.length < off + 20) {
            return 0;
        }
        int l4 = off + (f[off] & 0xf) * 4;
        return f.length < l4 + 6 ? 0 : (f[l4 + 4] & 0xff) << 8 | f[l4 + 5] & 0xff;
    }

    /** The original direction's tuple of the connection {@code flow} belongs to in {@code zone} (ct_nw_src ...). */
    Key origTuple(long[] flow, int zone) {
        Key k = key(flow, zone);
        if ((flow[Slot.CT_STATE.ordinal()] & (SNAT | DNAT)) != 0) { // a NAT'ed packet's connection (write_ct_md())
            Key r = k.reverse();
            Conn c = conns.containsKey(r) ? conns.get(r) : replies.get(r);
            if (c != null) {
                return c.orig;
            }
        }
        Conn c = replies.get(k);
        return conns.containsKey(k) || c == null ? k : c.orig;
    }

    /** What a ct(commit) sets in its connection: ct_mark and ct_label under their masks (OVS_CT_ATTR_MARK, _LABELS). */
    public record Set(long mark, long markMask, U128 label, U128 labelMask, String helper) {
        public static final Set NONE = new Set(0, 0, U128.ZERO, U128.ZERO, null);

        public static Set mark(Long mark) {
            return mark == null ? NONE : new Set(mark, 0xffffffffL, U128.ZERO, U128.ZERO, null);
        }
    }

    // get_alg_ctl_type() on the ALGs' default ports, then ct_verify_helper(): the helper a new connection keeps
    private static String helper(Key k, String helper) {
        String ctl = k.proto() == Match.PROTO_TCP && (k.sport() == 21 || k.dport() == 21) ? "ftp"
                : k.proto() == Match.PROTO_UDP && k.dport() == 69 ? "tftp" : null;
        return ctl == null || ctl.equals(helper) ? helper : null;
    }

    /** conntrack_execute() without NAT and without the frame. */
    public void execute(long[] flow, int zone, boolean commit, Long setMark) {
        execute(flow, null, zone, commit, Set.mark(setMark), null);
    }

    /** conntrack_execute() without NAT, with the frame whose TCP header the window tracking reads. */
    public void execute(long[] flow, byte[] packet, int zone, boolean commit, Long setMark) {
        execute(flow, packet, zone, commit, Set.mark(setMark), null);
    }

    /**
     * conntrack_execute(): sets ct_state, ct_zone, ct_mark and ct_label in {@code flow}; commits when asked, with
     * {@code set}'s mark and label (set_mark(), set_label(): the masked bits replaced); {@code packet} is the frame
     * whose TCP header the window tracking reads; with {@code nat} (the ct action's nat), rewrites the flow's
     * addresses and ports as the connection translates them.
     */
    public void execute(long[] flow, byte[] packet, int zone, boolean commit, Set set, Nat nat) {
        Key k = key(flow, zone, packet);
        if (k.proto() == Match.PROTO_ICMP && packet != null && icmpError(k.sport())) {
            related(flow, packet, k);
            return;
        }
        // process_one(): the NAT bits of the packet's last ct() in this zone (the datapath's ct_state) mean it was
        // translated already; initial_conn_lookup() then finds its connection by the reverse key
        int natted = flow[Slot.CT_ZONE.ordinal()] == zone ? (int) flow[Slot.CT_STATE.ordinal()] & (SNAT | DNAT) : 0;
        Conn c = null;
        boolean reply = false;
        if (natted != 0) {
            Key r = k.reverse();
            c = conns.get(r);
            reply = c != null;
            if (c == null) {
                c = replies.get(r);
            }
        }
        if (c == null) {
            c = conns.get(k);
            reply = false;
            if (c == null) {
                c = replies.get(k);
                reply = c != null;
            }
        }
        ConntrackTcp.Segment seg = k.proto() == Match.PROTO_TCP && (c == null || c.tcp != null)
                ? ConntrackTcp.Segment.of(packet) : null;
        int state;
        if (seg != null) {
            // conn_update_state() / conn_not_found() with conntrack-tcp.c's rules
            ConntrackTcp.Update u = c == null ? ConntrackTcp.Update.NEW : c.tcp.update(seg, reply);
            if (u == ConntrackTcp.Update.NEW && c != null) {
                conns.remove(c.orig); // a SYN after both sides closed: the old connection ends, a new one may start
                replies.remove(c.reply);
                c = null;
                reply = false;
            }
            if (c != null) {
                state = switch (u) {
                    case VALID -> EST | TRK | (reply ? RPL : 0);
                    case VALID_NEW -> NEW | TRK;
                    default -> INV | TRK;
                };
            } else if (!ConntrackTcp.validNew(seg)) {
                state = INV | TRK;
            } else {
                state = NEW | TRK;
                c = commit ? commit(k, nat) : null;
                if (c != null) {
                    c.tcp = ConntrackTcp.newConn(seg);
                    c.helper = helper(k, set.helper());
                }
            }
        } else if (c == null && k.proto() == Match.PROTO_ICMP && !icmpValidNew(k.sport())) {
            state = INV | TRK; // conn_not_found(): valid_new() refuses to start a connection with this type
        } else if (c == null) {
            state = NEW | TRK;
            c = commit ? commit(k, nat) : null;
            if (c != null) {
                c.helper = helper(k, set.helper());
            }
        } else if (reply) {
            c.replySeen = true;
            state = EST | RPL | TRK;
        } else {
            state = (c.replySeen ? EST : NEW) | TRK;
        }
        if (c != null && commit) {
            c.mark = set.mark() | c.mark & ~set.markMask();
            c.label = set.label().or(c.label.and(set.labelMask().not()));
        }
        flow[Slot.CT_STATE.ordinal()] = state;
        flow[Slot.CT_ZONE.ordinal()] = zone;
        flow[Slot.CT_MARK.ordinal()] = c != null ? c.mark : 0;
        Field.CT_LABEL.put(flow, c != null ? c.label : U128.ZERO, Field.CT_LABEL.ones());
        if (c != null && natted != 0) {
            flow[Slot.CT_STATE.ordinal()] |= natted; // handle_nat(): not translated twice, the bits kept
        } else if (nat != null && c != null && c.natted()) {
            translate(flow, c, reply);
            // nat_packet(), un_nat_packet(): the rewritten side's bit
            flow[Slot.CT_STATE.ordinal()] |= c.natSrc != reply ? SNAT : DNAT;
        }
    }

    // conn_not_found(): null when nat_get_unique_tuple() finds the bare nat's one reply tuple taken (its range is
    // the single port 0), the packet then stays new and uncommitted (nat_res_exhaustion)
    private Conn commit(Key k, Nat nat) {
        Conn c = new Conn(k, nat != null ? natReply(k, nat) : k.reverse());
        c.nat = nat != null && (nat.src() || nat.dst());
        c.natSrc = nat != null && nat.src();
        if (nat != null && !c.nat && (conns.containsKey(c.reply) || replies.containsKey(c.reply))) {
            return null;
        }
        conns.put(k, c);
        replies.put(c.reply, c);
        return c;
    }

    /** dpctl/dump-conntrack lines. */
    public List<String> dump() {
        return dump(-1);
    }

    /** dpctl/dump-conntrack [zone=N] lines: every connection's, or those of {@code zone} (-1: all). */
    public List<String> dump(int zone) {
        List<String> out = new ArrayList<>();
        for (Conn c : conns.values()) {
            Key o = c.orig;
            if (zone >= 0 && o.zone() != zone) {
                continue;
            }
            String proto = o.proto() == Match.PROTO_TCP ? "tcp" : o.proto() == Match.PROTO_UDP ? "udp"
                    : o.proto() == Match.PROTO_ICMP ? "icmp" : Integer.toString(o.proto());
            StringBuilder s = new StringBuilder(proto).append(",orig=(src=").append(MatchFormat.ip(o.src()))
                    .append(",dst=").append(MatchFormat.ip(o.dst()));
            o.formatL4(s);
            s.append("),reply=(src=").append(MatchFormat.ip(c.reply.src())).append(",dst=")
                    .append(MatchFormat.ip(c.reply.dst()));
            c.reply.formatL4(s);
            s.append(")");
            if (o.zone() != 0) {
                s.append(",zone=").append(o.zone());
            }
            if (c.mark != 0) {
                s.append(",mark=").append(c.mark);
            }
            if (!c.label.isZero()) { // ct_dpif_format_entry()
                s.append(",labels=").append(c.label.hex());
            }
            if (o.proto() == Match.PROTO_TCP) {
                s.append(",protoinfo=(state=").append(c.tcp != null ? c.tcp.protoinfoState()
                        : c.replySeen ? "ESTABLISHED" : "SYN_SENT").append(")");
            }
            if (c.helper != null) { // ct_dpif_format_helper()
                s.append(",helper=").append(c.helper);
            }
            out.add(s.toString());
        }
        return out;
    }

    public void flush() {
        conns.clear();
        replies.clear();
    }

    /** conntrack_flush(): the connections of {@code zone} (-1: all) forgotten. */
    public void flush(int zone) {
        conns.values().removeIf(c -> zone < 0 || c.orig.zone() == zone);
        replies.values().removeIf(c -> zone < 0 || c.orig.zone() == zone);
    }
}
