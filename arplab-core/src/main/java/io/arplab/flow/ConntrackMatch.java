package io.arplab.flow;

import io.arplab.wire.Ipv6Address;

/**
 * struct ofp_ct_match (lib/ofp-ct.c): the connections a tuple flush names, parsed from dpctl/flush-conntrack's
 * {@code ct_nw_src=..,ct_nw_dst=..,ct_nw_proto=..,ct_tp_src=..,ct_tp_dst=..} (or {@code ct_ipv6_src}/{@code _dst},
 * {@code icmp_id}/{@code _type}/{@code _code}) in the original and the reply direction, and compared with a
 * connection as ct_dpif_entry_cmp() does (lib/ct-dpif.c).
 */
public final class ConntrackMatch {
    /**
     * struct ofp_ct_tuple: the addresses as in6_addr (an IPv4 one mapped, ::ffff:a.b.c.d, so never zero once set),
     * {@code srcPort} the source port or ICMP id, {@code dstPort} the destination port or the ICMP code (high byte)
     * and type (low byte), as the unions lay them out.
     */
    static final class Tuple {
        long srcHi, srcLo, dstHi, dstLo;
        int srcPort, dstPort;

        int icmpType() {
            return dstPort & 0xff;
        }

        int icmpCode() {
            return dstPort >> 8;
        }

        // ofp_ct_tuple_is_zero()
        boolean isZero(int proto) {
            return (srcHi | srcLo | dstHi | dstLo) == 0 && (icmp(proto) || srcPort == 0 && dstPort == 0);
        }

        // ofp_ct_tuple_is_five_tuple()
        boolean isFiveTuple(int proto) {
            return (srcHi | srcLo) != 0 && (dstHi | dstLo) != 0 && (icmp(proto) || srcPort != 0 && dstPort != 0);
        }
    }

    /** ct_nw_proto (0: any). */
    int ipProto;
    /** The address family the addresses gave: 0, 4 or 6. */
    int l3;
    final Tuple orig = new Tuple();
    final Tuple reply = new Tuple();

    static boolean icmp(int proto) {
        return proto == Match.PROTO_ICMP || proto == Match.PROTO_ICMPV6;
    }

    /** ofp_ct_match_is_zero(): a flush naming no tuple (all the zone's connections). */
    public boolean isZero() {
        return ipProto == 0 && l3 == 0 && orig.isZero(ipProto) && reply.isZero(ipProto);
    }

    /**
     * ofp_ct_tuple_parse(): {@code s} into the original ({@code replyDir} false) or reply tuple; false when it fails,
     * with OVS's message appended to {@code err} (which a repeated ct_nw_proto appends to without failing).
     */
    public boolean parseTuple(String s, boolean replyDir, StringBuilder err) {
        Tuple t = replyDir ? reply : orig;
        KeyValue kv = new KeyValue(s);
        while (kv.next()) {
            String key = kv.key, value = kv.value;
            if (value.isEmpty()) {
                err.append("field ").append(key).append(" missing value");
                return false;
            }
            switch (key) {
                case "ct_nw_src", "ct_nw_dst", "ct_ipv6_src", "ct_ipv6_dst" -> {
                    boolean v6 = key.startsWith("ct_ipv6"), src = key.endsWith("src");
                    if (l3 != 0 && l3 != (v6 ? 6 : 4)) {
                        err.append("the L3 protocol does not match ").append(value);
                        return false;
                    }
                    if (src ? (t.srcHi | t.srcLo) != 0 : (t.dstHi | t.dstLo) != 0) {
                        err.append(key).append(" is set multiple times");
                        return false;
                    }
                    long hi, lo;
                    if (v6) { // ipv6_parse()
                        Ipv6Address a = Ipv6Address.parse(value);
                        if (a == null) {
                            return failed(err, key);
                        }
                        hi = a.hi();
                        lo = a.lo();
                    } else { // ip_parse(), in6_addr_mapped_ipv4()
                        Long ip = OvsRouter.inetPton(value);
                        if (ip == null) {
                            return failed(err, key);
                        }
                        hi = 0;
                        lo = 0xffff00000000L | ip;
                    }
                    l3 = v6 ? 6 : 4;
                    if (src) {
                        t.srcHi = hi;
                        t.srcLo = lo;
                    } else {
                        t.dstHi = hi;
                        t.dstLo = lo;
                    }
                }
                case "ct_nw_proto" -> {
                    if (ipProto != 0) {
                        err.append(key).append(" is set multiple times"); // and parsed on
                    }
                    Integer v = u8(value);
                    if (v == null) {
                        return failed(err, key);
                    }
                    ipProto = v;
                }
                case "ct_tp_src", "ct_tp_dst" -> {
                    Integer v = u16(value);
                    if (v == null) {
                        return failed(err, key);
                    }
                    if (key.endsWith("src")) {
                        t.srcPort = v;
                    } else {
                        t.dstPort = v;
                    }
                }
                case "icmp_type", "icmp_code", "icmp_id" -> {
                    if (!icmp(ipProto)) {
                        err.append("invalid L4 fields");
                        return false;
                    }
                    Integer v = key.equals("icmp_id") ? u16(value) : u8(value);
                    if (v == null) {
                        return failed(err, key);
                    }
                    switch (key) {
                        case "icmp_type" -> t.dstPort = t.dstPort & 0xff00 | v;
                        case "icmp_code" -> t.dstPort = t.dstPort & 0xff | v << 8;
                        default -> t.srcPort = v;
                    }
                }
                default -> {
                    err.append("invalid conntrack tuple field: ").append(key);
                    return false;
                }
            }
        }
        if (ipProto == 0 && (t.srcPort != 0 || t.dstPort != 0)) {
            err.append("port is set without protocol");
            return false;
        }
        return true;
    }

    private static boolean failed(StringBuilder err, String key) {
        err.append("failed to parse field ").append(key);
        return false;
    }

    // str_to_u8(), str_to_u16(): str_to_int() with base 0, then the range
    private static Integer u8(String s) {
        Integer v = u16(s);
        return v != null && v <= 0xff ? v : null;
    }

    /** str_to_u16(s, name) (ct-flush-zone's zone): the value, or OVS's message in the exception. */
    public static int u16(String s, String name) {
        return FlowParser.u16(s, name);
    }

    private static Integer u16(String s) {
        try {
            return FlowParser.u16(s, "");
        } catch (FlowParseException e) {
            return null;
        }
    }

    /**
     * ct_dpif_flush_tuple()'s shortcut: a whole original 5-tuple and no reply tuple flush that one connection by
     * lookup (conntrack_flush_tuple()) instead of comparing every connection.
     */
    boolean fiveTuple() {
        return orig.isFiveTuple(ipProto) && reply.isZero(ipProto);
    }

    /**
     * ct_dpif_tuple_from_ofp_ct_tuple(), then tuple_to_conn_key(): the original tuple as a key in {@code zone}
     * (ICMP's type and code from their own fields, whatever ct_tp_dst wrote).
     */
    Conntrack.Key key(int zone) {
        boolean v6 = l3 == 6;
        long src = v6 ? orig.srcLo : orig.srcLo & 0xffffffffL, dst = v6 ? orig.dstLo : orig.dstLo & 0xffffffffL;
        if (icmp(ipProto)) {
            return new Conntrack.Key(zone, ipProto, src, dst, orig.icmpType(), orig.icmpCode(), orig.srcPort,
                    orig.srcHi, orig.dstHi, v6);
        }
        return new Conntrack.Key(zone, ipProto, src, dst, orig.srcPort, orig.dstPort, 0, orig.srcHi, orig.dstHi, v6);
    }

    /** ct_dpif_entry_cmp(): whether every field the match sets equals the connection's. */
    boolean matches(Conntrack.Key origKey, Conntrack.Key replyKey) {
        if (l3 != 0 && l3 != (origKey.v6() ? 6 : 4) || ipProto != 0 && ipProto != origKey.proto()) {
            return false;
        }
        return matches(orig, origKey) && matches(reply, replyKey);
    }

    // ct_dpif_tuple_ip_cmp_partial(): the addresses set, then ICMP's id, type and code always (the match's protocol
    // being ICMP), or the ports set
    private boolean matches(Tuple p, Conntrack.Key k) {
        if (!addr(p.srcHi, p.srcLo, k.srcHi(), k.src()) || !addr(p.dstHi, p.dstLo, k.dstHi(), k.dst())) {
            return false;
        }
        if (icmp(ipProto)) {
            return p.srcPort == k.icmpId() && p.icmpType() == k.sport() && p.icmpCode() == k.dport();
        }
        return (p.srcPort == 0 || p.srcPort == k.sport()) && (p.dstPort == 0 || p.dstPort == k.dport());
    }

    // ct_dpif_inet_addr_cmp_partial()
    private boolean addr(long pHi, long pLo, long hi, long lo) {
        if ((pHi | pLo) == 0) {
            return true;
        }
        return l3 == 4 ? (pLo & 0xffffffffL) == lo : pHi == hi && pLo == lo;
    }
}
