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
    /** CS_VALID_MASK: a tracked packet with a connection has one of these (is_ct_valid() of a packet). */
    static final int VALID_PACKET = NEW | EST | RPL;

    /**
     * is_ct_valid() of a match ({@code state} under {@code mask}): a state bit that implies a connection, or +trk
     * with an explicit -inv. flow_format() asks it of a flow with the state's mask whole.
     */
    static boolean validMatch(long state, long mask) {
        long st = state & mask;
        return (st & (NEW | EST | REL | RPL | SNAT | DNAT)) != 0 || (st & TRK) != 0 && (mask & INV) != 0
                && (st & INV) == 0;
    }

    /**
     * A conn_key; for ICMP {@code sport} is the type, {@code dport} the code and {@code icmpId} the echo's id. An
     * IPv6 key ({@code v6}) has its addresses' high halves in {@code srcHi} and {@code dstHi}, the low in src, dst.
     */
    record Key(int zone, int proto, long src, long dst, long sport, long dport, int icmpId, long srcHi, long dstHi,
            boolean v6) {
        Key(int zone, int proto, long src, long dst, long sport, long dport, int icmpId) {
            this(zone, proto, src, dst, sport, dport, icmpId, 0, 0, false);
        }

        Key(int zone, int proto, long src, long dst, long sport, long dport) {
            this(zone, proto, src, dst, sport, dport, 0);
        }

        /**
         * Whether two keys make the same ct_tuple4 (write_ct_md(): addresses, ports or an ICMP's type and code, the
         * protocol; not an echo's id).
         */
        static boolean sameTuple(Key a, Key b) {
            return a == null || b == null ? a == b : a.src == b.src && a.dst == b.dst && a.sport == b.sport
                    && a.dport == b.dport && a.proto == b.proto && a.srcHi == b.srcHi && a.dstHi == b.dstHi;
        }

        /** Whether two ct_tuple4 keys agree under {@code m}, a key of masks (a megaflow's ct_tuple4 match). */
        static boolean sameMasked(Key a, Key b, Key m) {
            if (a == null || b == null) { // a key without a tuple has its fields zero (struct flow's ct_nw_*)
                Key k = a == null ? b : a;
                return k == null || (k.src & m.src) == 0 && (k.dst & m.dst) == 0 && (k.proto & m.proto) == 0
                        && (k.sport & m.sport) == 0 && (k.dport & m.dport) == 0 && (k.srcHi & m.srcHi) == 0
                        && (k.dstHi & m.dstHi) == 0;
            }
            return ((a.src ^ b.src) & m.src) == 0 && ((a.dst ^ b.dst) & m.dst) == 0 && ((a.proto ^ b.proto) & m.proto) == 0
                    && ((a.sport ^ b.sport) & m.sport) == 0 && ((a.dport ^ b.dport) & m.dport) == 0
                    && ((a.srcHi ^ b.srcHi) & m.srcHi) == 0 && ((a.dstHi ^ b.dstHi) & m.dstHi) == 0 && a.v6 == b.v6;
        }

        /** ICMP or ICMPv6 (conntrack-icmp.c's two protocols). */
        boolean icmp() {
            return proto == (v6 ? Match.PROTO_ICMPV6 : Match.PROTO_ICMP);
        }

        Key reverse() {
            if (icmp()) {
                // conn_key_reverse() → reverse_icmp_type() / reverse_icmp6_type(): a request's reply
                return new Key(zone, proto, dst, src, v6 ? reverseIcmp6Type(sport) : reverseIcmpType(sport), dport,
                        icmpId, dstHi, srcHi, v6);
            }
            return new Key(zone, proto, dst, src, dport, sport, icmpId, dstHi, srcHi, v6);
        }

        /** The key with these addresses (store_addr_to_key()). */
        Key withAddresses(long srcHi, long src, long dstHi, long dst) {
            return new Key(zone, proto, src, dst, sport, dport, icmpId, srcHi, dstHi, v6);
        }

        /** The key with these ports (nat_get_unique_l4()). */
        Key withPorts(long sport, long dport) {
            return new Key(zone, proto, src, dst, sport, dport, icmpId, srcHi, dstHi, v6);
        }

        String srcText() {
            return v6 ? MatchFormat.ipv6Masked(new U128(srcHi, src), new U128(-1L, -1L)) : MatchFormat.ip(src);
        }

        String dstText() {
            return v6 ? MatchFormat.ipv6Masked(new U128(dstHi, dst), new U128(-1L, -1L)) : MatchFormat.ip(dst);
        }

        // ct_dpif_format_tuple(): ICMP's id, type and code, or the ports
        void formatL4(StringBuilder s) {
            if (icmp()) {
                s.append(",id=").append(icmpId).append(",type=").append(sport).append(",code=").append(dport);
            } else {
                s.append(",sport=").append(sport).append(",dport=").append(dport);
            }
        }

        private static long reverseIcmp6Type(long type) {
            return type == 128 ? 129 : type == 129 ? 128 : type;
        }

        static long reverseIcmpType(long type) {
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
        /** When it expires (conn->expiration, ns): each valid packet sets it from the timeout policy. */
        long expiration = Long.MAX_VALUE;
        /** Committed with nat(src=...) rather than nat(dst=...). */
        boolean natSrc;
        /** The zone limit it was admitted under (conn->admit_zone, zone_limit_seq), or null. */
        ZoneLimit admitted;
        /** An ALG's related connection's parent (conn->alg_related, parent_key): its original tuple, or null. */
        Key parent;

        Conn(Key orig, Key reply) {
            this.orig = orig;
            this.reply = reply;
        }

        /** ct_dpif_format_protoinfo_tcp(): the greater of the two directions' states, coalesced. */
        String tcpState() {
            return tcp != null ? tcp.protoinfoState() : replySeen ? "ESTABLISHED" : "SYN_SENT";
        }

        /** Whether ct(nat) rewrites its packets: committed with nat(src|dst) (conn->nat_action). */
        boolean natted() {
            return nat;
        }
    }

    /** n_conn_limit (DEFAULT_N_CONN_LIMIT, dpctl/ct-set-maxconns): conn_not_found() commits no connection past it. */
    public long maxConns = 3_000_000;
    /** ct->ipf: the fragments held for reassembly (dpctl/ipf-get-status). */
    public final Ipf ipf = new Ipf();
    /** ct->tcp_seq_chk (dpctl/ct-enable-tcp-seq-chk, ct-disable-tcp-seq-chk): off, any segment fits the windows. */
    public boolean tcpSeqChk = true;
    /** DEFAULT_ZONE: the default limit's entry in {@link #zoneLimits}. */
    public static final int DEFAULT_ZONE = -1;

    /** A zone limit (struct zone_limit): a connection admitted under it counts until it goes, or the limit does. */
    public static final class ZoneLimit {
        public final int zone;
        public long limit;

        ZoneLimit(int zone, long limit) {
            this.zone = zone;
            this.limit = limit;
        }
    }

    /** The limits (dpctl/ct-set-limits default=L zone=N,limit=L) by zone, the default's at DEFAULT_ZONE. */
    private final java.util.TreeMap<Integer, ZoneLimit> zoneLimits = new java.util.TreeMap<>();
    private final Map<Key, Conn> conns = new LinkedHashMap<>();
    private final Map<Key, Conn> replies = new LinkedHashMap<>();

    /**
     * nat_get_unique_tuple(): the reply tuple of a connection committed with {@code nat}, or null when every port
     * tried collides with a connection's tuple (nat_res_exhaustion). The address is the range's first (OVS hashes
     * the connection with a per-process random basis to pick one of several, and the first port of a port range:
     * only a single address and port are reproducible); SNAT without ports (and DNAT) keeps the source port when free
     * and tries the next ones of its range (1-511, 600-1023 or 1024-65535), DNAT with ports tries its range first;
     * a bare "nat" (nat_action 0) makes the reply's source 0.0.0.0 and its destination port 0, its range.
     */
    private Key uniqueTuple(Key orig, ConntrackNat nat) {
        Key r = orig.reverse();
        boolean srcPort = nat.src() && nat.portMin() != 0, dstPort = nat.dst() && nat.portMin() != 0;
        // the range's first address (IPv4 or IPv6), else the packet's own
        boolean range = nat.v6() ? !nat.ip6Min().isZero() : nat.ipMin() != 0;
        long addrHi = range ? (nat.v6() ? nat.ip6Min().hi() : 0)
                : nat.src() ? orig.srcHi() : nat.dst() ? orig.dstHi() : 0;
        long addr = range ? (nat.v6() ? nat.ip6Min().lo() : nat.ipMin())
                : nat.src() ? orig.src() : nat.dst() ? orig.dst() : 0;
        int sport, smin, smax; // set_sport_range()
        if (nat.src() && !srcPort || nat.dst()) {
            sport = (int) orig.sport();
            smin = sport < 512 ? 1 : sport < 1024 ? 600 : 1024;
            smax = sport < 512 ? 511 : sport < 1024 ? 1023 : 65535;
        } else {
            smin = nat.portMin();
            smax = Math.max(nat.portMax(), nat.portMin());
            sport = smin;
        }
        int dmin = dstPort ? nat.portMin() : (int) orig.dport(); // set_dport_range()
        int dmax = dstPort ? Math.max(nat.portMax(), nat.portMin()) : dmin;
        boolean pat = r.proto() == Match.PROTO_TCP || r.proto() == Match.PROTO_UDP;
        // store_addr_to_key()
        Key a = nat.src() ? r.withAddresses(r.srcHi(), r.src(), addrHi, addr)
                : r.withAddresses(addrHi, addr, r.dstHi(), r.dst());
        if (!pat) {
            return taken(a) ? null : a;
        }
        if (dstPort) {
            for (int p : ports(dmin, dmin, dmax)) {
                Key k = a.withPorts(p, sport);
                if (!taken(k)) {
                    return k;
                }
            }
        }
        for (int p : ports(sport, smin, smax)) {
            Key k = a.withPorts(dmin, p);
            if (!taken(k)) {
                return k;
            }
        }
        return null;
    }

    // nat_get_unique_l4()'s first round: from curr (which may lie outside the range) on, wrapping, at most 128
    // (the later rounds start at random ports)
    private static int[] ports(int curr, int min, int max) {
        int range = max - min + 1;
        int n = Math.min(Math.min(range, 128), curr < min || curr > max ? range + 1 : range);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = curr;
            curr = curr < min || curr > max || curr == max ? min : curr + 1;
        }
        return out;
    }

    // conn_lookup(): a connection has this tuple in either direction
    private boolean taken(Key k) {
        return live(conns.get(k)) != null || live(replies.get(k)) != null;
    }

    // the packet's addresses and ports as the connection translates them (orig: to the reply's view, reply: back)
    private static void translate(long[] flow, Conn c, boolean reply) {
        Key to = reply ? c.orig.reverse() : c.reply.reverse();
        if (to.v6()) { // nat_packet_ipv6()
            flow[Slot.IPV6_SRC_HI.ordinal()] = to.srcHi();
            flow[Slot.IPV6_SRC_LO.ordinal()] = to.src();
            flow[Slot.IPV6_DST_HI.ordinal()] = to.dstHi();
            flow[Slot.IPV6_DST_LO.ordinal()] = to.dst();
        } else {
            flow[Slot.NW_SRC.ordinal()] = to.src();
            flow[Slot.NW_DST.ordinal()] = to.dst();
        }
        if (to.proto() != Match.PROTO_TCP && to.proto() != Match.PROTO_UDP) {
            return; // pat_packet(): ports of TCP and UDP only
        }
        flow[Slot.TP_SRC.ordinal()] = to.sport();
        flow[Slot.TP_DST.ordinal()] = to.dport();
    }

    /** ct_clear: the packet untracked, every conntrack field of {@code flow} zeroed. */
    static void clear(long[] flow) {
        for (Slot s : MD) {
            flow[s.ordinal()] = 0;
        }
        XlateCt.clearOrig(flow); // flow_clear_conntrack(): the original tuple too
    }

    /** The packet's conntrack metadata (struct pkt_metadata's ct_state, ct_zone, ct_mark, ct_label). */
    static final Slot[] MD = {Slot.CT_STATE, Slot.CT_ZONE, Slot.CT_MARK, Slot.CT_LABEL_HI, Slot.CT_LABEL_LO};

    /** The conntrack metadata of {@code flow} into {@code md} (its {@link #MD} values, in that order). */
    static void loadMd(long[] flow, long[] md) {
        for (int i = 0; i < MD.length; i++) {
            md[i] = flow[MD[i].ordinal()];
        }
    }

    /** The conntrack metadata {@code md} ({@link #loadMd}'s) into {@code flow}. */
    static void storeMd(long[] md, long[] flow) {
        for (int i = 0; i < MD.length; i++) {
            flow[MD[i].ordinal()] = md[i];
        }
    }

    static Key key(long[] flow, int zone) {
        return key(flow, zone, null);
    }

    // conn_key_extract(): the 5-tuple; extract_l4_icmp() takes an echo's id from the frame's ICMP header;
    // extract_l4() keys no ports for other protocols (SCTP's among them)
    static Key key(long[] flow, int zone, byte[] packet) {
        int proto = (int) flow[Slot.NW_PROTO.ordinal()];
        boolean v6 = flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IPV6;
        boolean l4 = proto == Match.PROTO_TCP || proto == Match.PROTO_UDP
                || proto == (v6 ? Match.PROTO_ICMPV6 : Match.PROTO_ICMP);
        long sport = l4 ? flow[Slot.TP_SRC.ordinal()] : 0, dport = l4 ? flow[Slot.TP_DST.ordinal()] : 0;
        if (v6) { // extract_l3_ipv6()
            return new Key(zone, proto, flow[Slot.IPV6_SRC_LO.ordinal()], flow[Slot.IPV6_DST_LO.ordinal()],
                    sport, dport, proto == Match.PROTO_ICMPV6 ? icmpId(packet) : 0, flow[Slot.IPV6_SRC_HI.ordinal()],
                    flow[Slot.IPV6_DST_HI.ordinal()], true);
        }
        return new Key(zone, proto, flow[Slot.NW_SRC.ordinal()], flow[Slot.NW_DST.ordinal()], sport, dport,
                proto == Match.PROTO_ICMP ? icmpId(packet) : 0);
    }

    // extract_l4_icmp() / extract_l4_icmp6(): the error types that carry a packet
    private static boolean icmpError(Key k) {
        long type = k.sport();
        return k.v6() ? type >= 1 && type <= 4 : type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    // extract_l4_icmp() for an error: the key is the embedded packet's (sent to the error's destination), reversed;
    // null when there is no embedded packet to key (conn_key_extract() fails)
    private static Key relatedKey(byte[] f, Key outer) {
        int l3 = 14 + ((f[12] & 0xff) == 0x81 && f[13] == 0 ? 4 : 0);
        if (outer.v6()) { // extract_l4_icmp6(): the embedded IPv6 header (no extension headers), then its L4 key
            int in = l3 + 40 + 8, l4 = in + 40;
            if (f.length < l4) { // extract_l3_ipv6() reads no version
                return null;
            }
            long srcHi = u64(f, in + 8), src = u64(f, in + 16), dstHi = u64(f, in + 24), dst = u64(f, in + 32);
            int proto = f[in + 6] & 0xff;
            boolean icmp = proto == Match.PROTO_ICMPV6, ports = proto == Match.PROTO_TCP || proto == Match.PROTO_UDP;
            // extract_l4() without chk_len: a whole TCP header (20 bytes), UDP's and ICMPv6's 8, nothing for others
            int need = proto == Match.PROTO_TCP ? 20 : ports || icmp ? 8 : 0;
            if (srcHi != outer.dstHi() || src != outer.dst() || f.length < l4 + need) {
                return null;
            }
            int sport = icmp ? f[l4] & 0xff : ports ? (f[l4] & 0xff) << 8 | f[l4 + 1] & 0xff : 0;
            int dport = icmp ? f[l4 + 1] & 0xff : ports ? (f[l4 + 2] & 0xff) << 8 | f[l4 + 3] & 0xff : 0;
            if (ports && (sport == 0 || dport == 0)) {
                return null; // extract_l4_tcp(), extract_l4_udp(): "Port 0 is invalid"
            }
            return new Key(outer.zone(), proto, src, dst, sport, dport,
                    icmp ? (f[l4 + 4] & 0xff) << 8 | f[l4 + 5] & 0xff : 0, srcHi, dstHi, true).reverse();
        }
        int in = l3 + (f[l3] & 0xf) * 4 + 8;
        if (f.length < in + 20 || (f[in] & 0xf) < 5) { // extract_l3_ipv4(): a header of 20 bytes or more, no version
            return null;
        }
        int l4 = in + (f[in] & 0xf) * 4;
        long src = u32(f, in + 12), dst = u32(f, in + 16);
        int proto = f[in + 9] & 0xff;
        if (src != outer.dst() || f.length < l4 + 8) {
            return null;
        }
        if ((proto == Match.PROTO_TCP || proto == Match.PROTO_UDP)
                && ((f[l4] & 0xff) << 8 | f[l4 + 1] & 0xff) * ((f[l4 + 2] & 0xff) << 8 | f[l4 + 3] & 0xff) == 0) {
            return null; // extract_l4_tcp(), extract_l4_udp(): "Port 0 is invalid"
        }
        Key inner = proto == Match.PROTO_ICMP
                ? new Key(outer.zone(), proto, src, dst, f[l4] & 0xff, f[l4 + 1] & 0xff,
                        (f[l4 + 4] & 0xff) << 8 | f[l4 + 5] & 0xff)
                : new Key(outer.zone(), proto, src, dst, (f[l4] & 0xff) << 8 | f[l4 + 1] & 0xff,
                        (f[l4 + 2] & 0xff) << 8 | f[l4 + 3] & 0xff);
        return inner.reverse();
    }

    private static long u64(byte[] f, int at) {
        return u32(f, at) << 32 | u32(f, at + 4);
    }

    private static long u32(byte[] f, int at) {
        return (f[at] & 0xffL) << 24 | (f[at + 1] & 0xff) << 16 | (f[at + 2] & 0xff) << 8 | f[at + 3] & 0xff;
    }

    // valid_new(): l4_protos[] by the protocol number alone, whatever the family; icmp4_valid_new() and
    // icmp6_valid_new() read the type at the packet's L4 (an IPv4 packet of protocol 58 too): only a request starts
    // a connection
    private static boolean icmpValidNew(Key k, byte[] packet) {
        int proto = k.proto();
        if (proto != Match.PROTO_ICMP && proto != Match.PROTO_ICMPV6) {
            return true;
        }
        long type = k.icmp() ? k.sport() : l4Byte(packet);
        return proto == Match.PROTO_ICMPV6 ? type == 128 : type == 8 || type == 13 || type == 15;
    }

    // the first byte of the packet's L4 (after IPv6's extension headers), or -1
    private static int l4Byte(byte[] f) {
        if (f == null) {
            return -1;
        }
        int l3 = ConntrackKeyCheck.typeOffset(f);
        if (l3 + 2 > f.length) {
            return -1;
        }
        int type = Packet.u16(f, l3), l4 = -1;
        l3 += 2;
        if (type == Match.ETH_IP && l3 + 20 <= f.length) {
            l4 = l3 + (f[l3] & 0xf) * 4;
        } else if (type == Match.ETH_IPV6 && l3 + 40 <= f.length) {
            l4 = Ipv6Packet.l4(f, l3);
        }
        return l4 >= 0 && l4 < f.length ? f[l4] & 0xff : -1;
    }

    /** Whether extract_l4_icmp() makes a key of this ICMP type (a query or its reply, or an error). */
    /**
     * extract_l4_icmp6(): an invalid ICMPv6 message conn_key_extract() keyed, so write_ct_md() gives it its own tuple:
     * an echo of code 0 (an error keys only with a whole inner header, which arplab's invalid path does not parse).
     */
    static boolean icmp6Keyed(long type, long code) {
        return (type == 128 || type == 129) && code == 0;
    }

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
        int l4 = type == Match.ETH_IPV6 ? off + 40 : off + (f[off] & 0xf) * 4;
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

    /**
     * What a ct(commit) sets in its connection: ct_mark and ct_label under their masks (OVS_CT_ATTR_MARK, _LABELS), the
     * helper, and whether the commit is forced (OVS_CT_ATTR_FORCE_COMMIT).
     */
    public record Set(long mark, long markMask, U128 label, U128 labelMask, String helper, boolean force) {
        public static final Set NONE = new Set(0, 0, U128.ZERO, U128.ZERO, null, false);

        public static Set mark(Long mark) {
            return mark == null ? NONE : new Set(mark, 0xffffffffL, U128.ZERO, U128.ZERO, null, false);
        }
    }

    /** ct->alg_expectations. */
    private final ConntrackAlg alg = new ConntrackAlg();

    /** conntrack_execute() without NAT and without the frame. */
    public void execute(long[] flow, int zone, boolean commit, Long setMark) {
        execute(flow, null, zone, commit, Set.mark(setMark), null);
    }

    /** conntrack_execute() without NAT, with the frame whose TCP header the window tracking reads. */
    public void execute(long[] flow, byte[] packet, int zone, boolean commit, Long setMark) {
        execute(flow, packet, zone, commit, Set.mark(setMark), null);
    }

    /**
     * The packet in the datapath's metadata (pkt->md.conn, md.reply, md.icmp_related): the connection its last ct()
     * without nat found or committed, which a later ct() in the same zone takes as it is (process_one_fast()).
     */
    private Conn cached;
    private boolean cachedReply;
    private boolean cachedRelated;
    /** md.ct_orig_tuple: what write_ct_md() wrote last, the connection's original tuple or the packet's key. */
    private Key mdTuple;
    /** Whether write_ct_md() last wrote no tuple at all: a packet conntrack could not key (zeroed, not unknown). */
    private boolean mdKeyless;
    /** The md.ct_orig_tuple write_ct_md() wrote last, whatever packet: what a new buffer's md still holds (null: zeroed). */
    private Key lastMdTuple;

    /** pkt_metadata_init(): a packet received on a port carries no connection yet. */
    public void packetIn(long now) {
        this.now = now;
        cached = null;
        mdTuple = null;
        mdKeyless = false;
    }

    /** The clock of the packet in flight, for the connections' expirations. */
    private long now;
    private static final long SECOND = 1_000_000_000L;
    /** conntrack-tp.c's default policy for UDP, ICMP and other protocols: first (one way) and both ways (s). */
    static final int TIMEOUT_FIRST = 60, TIMEOUT_BIDIR = 30;

    /** conntrack_clean(): the connections expired at {@code now} forgotten (before a dump, a count, a flush). */
    public void sweep(long now) {
        for (Conn c : new ArrayList<>(conns.values())) {
            if (now >= c.expiration) {
                remove(c);
            }
        }
    }

    // conn_clean(): the connection forgotten both ways, a helper's expectations with it (conn_clean__())
    private void remove(Conn c) {
        conns.remove(c.orig);
        replies.remove(c.reply);
        if (c.helper != null) {
            alg.clean(c.orig);
        }
    }

    // conn_expired(): an expired connection is as good as gone for lookups (conn_key_lookup() skips it)
    private Conn live(Conn c) {
        if (c != null && now >= c.expiration) {
            remove(c);
            return null;
        }
        return c;
    }

    /** The packet in flight's md.ct_orig_tuple (the upcall puts it in the datapath key), or null. */
    Key mdTuple() {
        return mdTuple;
    }

    /** Whether the packet in flight's last ct() could not key it: write_ct_md() zeroed its ct_orig_tuple. */
    boolean mdKeyless() {
        return mdKeyless;
    }

    /**
     * conntrack_execute(): sets ct_state, ct_zone, ct_mark and ct_label in {@code flow}; commits when asked, with
     * {@code set}'s mark and label (set_mark(), set_label(): the masked bits replaced); {@code packet} is the frame
     * whose TCP header the window tracking reads; with {@code nat} (the ct action's nat), rewrites the flow's
     * addresses and ports as the connection translates them. The flow's conntrack fields are the packet's metadata
     * from its previous ct(): in the same zone its state is kept and added to, another zone's is reset. Returns the
     * frame as conntrack leaves it: {@code packet}, or a translated copy of a related ICMP error; null when ipf
     * holds the fragment (the packet goes no further).
     */
    public byte[] execute(long[] flow, byte[] packet, int zone, boolean commit, Set set, ConntrackNat nat) {
        byte[] out = (flow[Slot.NW_FRAG.ordinal()] & 1) != 0 ? fragment(flow, packet, zone, commit, set, nat)
                : track(flow, packet, zone, commit, set, nat);
        if (ipf.nfrag > 0) { // ipf_postprocess_conntrack(): lists made whole or expired join any batch
            ipf.postprocess(now, flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IPV6, sent, out != null ? 1 : 0);
        }
        return out;
    }

    /**
     * The packets ipf added to the batch of the last {@link #execute} after its own (ipf_send_completed_frags(),
     * ipf_send_expired_frags()), which go on through the actions after the ct(); taken once.
     */
    public List<Ipf.Sent> takeSent() {
        if (sent.isEmpty()) {
            return List.of();
        }
        List<Ipf.Sent> s = List.copyOf(sent);
        sent.clear();
        return s;
    }

    private final List<Ipf.Sent> sent = new ArrayList<>(0);
    /** The conntrack metadata write_ct_md() wrote last: what an untracked packet's md still holds. */
    private final long[] lastMd = new long[MD.length];

    // ipf_preprocess_conntrack(): a fragment held goes no further; one ipf refused or left is invalid
    // (conn_key_extract() keys no fragment), untouched by conntrack (write_ct_md() without a connection). The one that
    // makes its list whole puts the datagram in its place (ipf_execute_reass_pkts()): tracked as it comes (its md
    // the first fragment's, no connection cached), its fragments then sent on with its state (ipf_post_execute_...)
    private byte[] fragment(long[] flow, byte[] packet, int zone, boolean commit, Set set, ConntrackNat nat) {
        Key md = mdTuple;
        if (flow[Slot.CT_STATE.ordinal()] == 0) {
            // pkt_metadata_init() leaves ct_zone, ct_mark, ct_label and ct_orig_tuple as the packet buffer last had
            // them: untracked
            storeMd(lastMd, flow);
            flow[Slot.CT_STATE.ordinal()] = 0;
            md = lastMdTuple;
        }
        Ipf.Verdict v = ipf.preprocess(flow, packet, zone, md, now);
        if (v == Ipf.Verdict.HELD) {
            Ipf.FragList l = ipf.completed;
            if (l != null) {
                ipf.completed = null;
                byte[] datagram = Ipf.reassemble(l);
                long[] d = l.frags.get(0).key().clone();
                d[Slot.NW_FRAG.ordinal()] = 0;
                if (d[Slot.DL_TYPE.ordinal()] == Match.ETH_IPV6) {
                    d[Slot.NW_PROTO.ordinal()] = datagram[Ipf.l3(datagram) + 6] & 0xff;
                }
                cached = null;
                track(d, datagram, zone, commit, set, nat);
                ipf.postExecute(l, d, Packet.rewrite(datagram, d));
            }
            return null;
        }
        return invalid(flow, packet, zone, commit, set);
    }

    // a packet conntrack cannot key: invalid, its md written without a connection (write_ct_md())
    private byte[] invalid(long[] flow, byte[] packet, int zone, boolean commit, Set set) {
        flow[Slot.CT_STATE.ordinal()] = INV;
        finish(flow, zone, null, null, commit, set);
        mdTuple = lastMdTuple = null;
        mdKeyless = true;
        cached = null;
        return packet;
    }

    // conntrack_execute() of a packet conntrack keys
    private byte[] track(long[] flow, byte[] packet, int zone, boolean commit, Set set, ConntrackNat nat) {
        byte[][] frame = {packet};
        Key k = key(flow, zone, packet);
        int st = (int) flow[Slot.CT_STATE.ordinal()];
        boolean sameZone = flow[Slot.CT_ZONE.ordinal()] == zone;
        // the packet's md.conn is that of its last ct(), which left it tracked in that zone (a fresh flow has none)
        String ctl = ConntrackAlg.ctlType(k, set.helper());
        if (cached != null && (st & TRK) != 0 && sameZone && cached.orig.zone() == zone && ctl == null
                && !set.force() && conns.get(cached.orig) == cached) {
            // process_one_fast(): the connection of the packet's previous ct() in this zone, its ct_state kept
            Conn c = cached;
            if (nat != null) {
                flow[Slot.CT_STATE.ordinal()] = handleNat(flow, frame, c, cachedReply, cachedRelated, st, sameZone);
                cached = null;
            }
            finish(flow, zone, c, null, commit, set);
            mdTuple = lastMdTuple = c.parent != null ? c.parent : c.orig; // process_one_fast(): write_ct_md()
            mdKeyless = false;
            return frame[0];
        }
        if (packet != null && !ConntrackKeyCheck.valid(packet)) {
            return invalid(flow, packet, zone, commit, set); // conn_key_extract() fails
        }
        if (st != 0 && !sameZone) {
            st = 0; // process_one(): reset whenever entering a new zone
        }
        boolean natted = (st & (SNAT | DNAT)) != 0;
        boolean[] reply = {false};
        boolean icmpRelated = k.icmp() && packet != null && icmpError(k);
        Key ctxKey = icmpRelated ? relatedKey(packet, k) : k;
        if (ctxKey == null) {
            return invalid(flow, packet, zone, commit, set); // extract_l4_icmp() fails, so conn_key_extract() does
        }
        Conn c = lookup(natted && !icmpRelated ? k.reverse() : ctxKey, reply);
        if (natted && c != null) {
            reply[0] = !reply[0]; // initial_conn_lookup(): found by the reverse key
        }
        if (set.force() && reply[0] && c != null) {
            // process_one(): a forced commit deletes the connection found in the reply direction
            // (conn_force_expire()) and goes on as for a packet without one
            remove(c);
            c = null;
        }
        boolean create = false;
        if (c != null) {
            // conn_update_state(): the update's bits added to the packet's state
            if (icmpRelated) {
                st |= REL | (reply[0] ? RPL : 0);
            } else {
                st |= c.parent != null ? REL : 0; // an ALG's related connection's packets are related
                switch (update(c, packet, reply[0])) {
                    case VALID -> st = st & ~NEW | EST | (reply[0] ? RPL : 0);
                    case VALID_NEW -> st |= NEW;
                    case NEW -> {
                        remove(c); // conn_force_expire()
                        create = true;
                    }
                    default -> st = INV;
                }
            }
            if (nat != null && !create) {
                st = handleNat(flow, frame, c, reply[0], icmpRelated, st, true);
            }
        } else if (icmpRelated) {
            st = INV; // no new connection from a related packet
        } else {
            create = true;
        }
        ConntrackAlg.Expectation exp = create ? alg.lookup(k) : null; // expectation_lookup()
        if (create && taken(k)) {
            c = null; // process_one(): a connection with the key exists (a NAT'ed packet's lookup missed it)
        } else if (create) {
            c = null;
            reply[0] = false;
            ConntrackTcp.Segment seg = k.proto() == Match.PROTO_TCP ? ConntrackTcp.Segment.of(packet) : null;
            if (seg != null && !ConntrackTcp.validNew(seg) || !icmpValidNew(k, packet)) {
                st = INV; // conn_not_found(): valid_new() refuses to start a connection
            } else {
                st = NEW | (exp != null ? REL : 0);
                c = commit ? commit(k, nat, exp) : null;
                if (c != null) {
                    c.tcp = seg != null ? ConntrackTcp.newConn(seg) : null;
                    // conn_init_expiration(): CT_TM_TCP_FIRST_PACKET, CT_TM_OTHER_FIRST, CT_TM_ICMP_FIRST
                    c.expiration = now + (seg != null ? ConntrackTcp.TIMEOUT_SYN_SENT : TIMEOUT_FIRST) * SECOND;
                    c.helper = ConntrackAlg.verifiedHelper(set.helper(), ctl);
                    if (c.natted()) {
                        translate(flow, c, false);
                        st |= c.natSrc ? SNAT : DNAT; // nat_packet()
                    }
                }
            }
        }
        flow[Slot.CT_STATE.ordinal()] = st;
        finish(flow, zone, c, exp, commit, set);
        // write_ct_md(): the original tuple of the connection, of an ALG's related one its parent's
        mdTuple = lastMdTuple = c != null ? (c.parent != null ? c.parent : c.orig) : exp != null ? exp.parent() : ctxKey;
        if (ConntrackAlg.TFTP.equals(ctl) && c != null && c.helper != null) {
            alg.tftpCtl(c, (st & RPL) != 0); // handle_alg_ctl()
        } else if (ConntrackAlg.FTP.equals(ctl) && c != null && c.helper != null
                && alg.ftpCtl(c, packet, (st & RPL) != 0) == ConntrackAlg.FtpCtl.INVALID) {
            flow[Slot.CT_STATE.ordinal()] |= TRK | INV; // handle_ftp_ctl(): "Invalid FTP control packet format"
        }
        mdKeyless = false;
        cached = nat != null ? null : c; // set_cached_conn()
        cachedReply = reply[0];
        cachedRelated = icmpRelated;
        return frame[0];
    }

    // conn_key_lookup(): the connection with this tuple in either direction
    private Conn lookup(Key k, boolean[] reply) {
        Conn c = live(conns.get(k));
        reply[0] = false;
        if (c == null) {
            c = live(replies.get(k));
            reply[0] = c != null;
        }
        return c;
    }

    // conn_update(): conntrack-tcp.c's window tracking, or conntrack-other.c and conntrack-icmp.c's (new until a
    // reply is seen), each setting the connection's expiration (conn_update_expiration())
    private ConntrackTcp.Update update(Conn c, byte[] packet, boolean reply) {
        ConntrackTcp.Segment seg = c.tcp != null ? ConntrackTcp.Segment.of(packet) : null;
        if (seg != null) {
            ConntrackTcp.Update u = c.tcp.update(seg, reply, tcpSeqChk);
            if (c.tcp.refresh > 0) {
                c.expiration = now + c.tcp.refresh * SECOND;
            }
            return u;
        }
        if (reply) {
            c.replySeen = true;
        }
        c.expiration = now + (c.replySeen ? TIMEOUT_BIDIR : TIMEOUT_FIRST) * SECOND;
        return c.replySeen ? ConntrackTcp.Update.VALID : ConntrackTcp.Update.VALID_NEW;
    }

    // handle_nat(): a connection with a nat_action translates the packet unless this zone's ct() did already; the
    // packet's new state
    private static int handleNat(long[] flow, byte[][] frame, Conn c, boolean reply, boolean related, int st,
            boolean sameZone) {
        if (c.natted() && ((st & (SNAT | DNAT)) == 0 || !sameZone)) {
            if (related) {
                frame[0] = ConntrackNatPacket.natRelated(flow, frame[0], reply ? c.orig : c.reply, c.natSrc != reply);
            } else {
                translate(flow, c, reply);
            }
            // nat_packet(), un_nat_packet(): the rewritten side's bit
            return st & ~(SNAT | DNAT) | (c.natSrc != reply ? SNAT : DNAT);
        }
        return st;
    }

    // write_ct_md(), set_mark(), set_label(): tracked, the zone, the connection's mark and label after the commit's
    // (an ALG's related connection keeps its parent's), without one an expectation's parent's
    private void finish(long[] flow, int zone, Conn c, ConntrackAlg.Expectation exp, boolean commit, Set set) {
        if (c != null && commit && c.parent == null) {
            c.mark = set.mark() | c.mark & ~set.markMask();
            c.label = set.label().or(c.label.and(set.labelMask().not()));
        }
        flow[Slot.CT_STATE.ordinal()] |= TRK;
        flow[Slot.CT_ZONE.ordinal()] = zone;
        flow[Slot.CT_MARK.ordinal()] = c != null ? c.mark : exp != null ? exp.mark() : 0;
        Field.CT_LABEL.put(flow, c != null ? c.label : exp != null ? exp.label() : U128.ZERO, Field.CT_LABEL.ones());
        loadMd(flow, lastMd);
    }

    // conn_not_found(): null when nat_get_unique_tuple() finds no free reply tuple (nat_res_exhaustion), the packet
    // then stays new and uncommitted
    private Conn commit(Key k, ConntrackNat nat, ConntrackAlg.Expectation exp) {
        if (conns.size() >= maxConns) {
            return null; // COVERAGE_INC(conntrack_full)
        }
        ZoneLimit zl = zoneLimit(k.zone());
        if (zl != null && zoneCount(zl) >= zl.limit) {
            return null; // zone_limit_lookup_or_default(): the zone's limit reached
        }
        Key reply = nat == null ? k.reverse() : exp != null ? expectedReply(k.reverse(), exp) : uniqueTuple(k, nat);
        if (reply == null) {
            return null;
        }
        Conn c = new Conn(k, reply);
        c.nat = nat != null && (nat.src() || nat.dst() || exp != null);
        c.natSrc = nat != null && (exp != null ? exp.natReplyDst() : nat.src());
        c.admitted = zl;
        if (exp != null) { // an ALG's related connection: its parent's mark, label and tuple
            c.parent = exp.parent();
            c.mark = exp.mark();
            c.label = exp.label();
        }
        conns.put(k, c);
        replies.put(c.reply, c);
        return c;
    }

    // conn_not_found() of a NAT'ed connection an expectation relates: its reply goes to the expectation's address
    // (rev_key's destination, then an SNAT, else its source, a DNAT), no nat_get_unique_tuple()
    private static Key expectedReply(Key rev, ConntrackAlg.Expectation exp) {
        return exp.natReplyDst() ? rev.withAddresses(rev.srcHi(), rev.src(), exp.replAddrHi(), exp.replAddr())
                : rev.withAddresses(exp.replAddrHi(), exp.replAddr(), rev.dstHi(), rev.dst());
    }

    /** zone_limit_lookup_or_default(): the zone's own limit, else the default one, else null. */
    public ZoneLimit zoneLimit(int zone) {
        ZoneLimit zl = zoneLimits.get(zone);
        return zl != null ? zl : zoneLimits.get(DEFAULT_ZONE);
    }

    /** The zones with a limit of their own, ascending. */
    public java.util.Set<Integer> limitedZones() {
        return zoneLimits.tailMap(0).keySet();
    }

    /** zone_limit_update(): a zone's limit changed, or created (counting none of the connections already there). */
    public void setZoneLimit(int zone, long limit) {
        zoneLimits.computeIfAbsent(zone, z -> new ZoneLimit(z, limit)).limit = limit;
    }

    /** zone_limit_delete(): the connections admitted under it no longer count anywhere. */
    public void deleteZoneLimit(int zone) {
        zoneLimits.remove(zone);
    }

    /**
     * czl.count: the connections admitted under this limit (conn_not_found() counts one in, conn_clean() out); a
     * limit deleted and set again starts from none (its new zone_limit_seq).
     */
    public int zoneCount(ZoneLimit zl) {
        int n = 0;
        for (Conn c : conns.values()) {
            n += c.admitted == zl ? 1 : 0;
        }
        return n;
    }

    /** The connections held (n_conn, dpctl/ct-get-nconns). */
    public int count() {
        return conns.size();
    }

    /** dpctl/dump-conntrack lines. */
    public List<String> dump() {
        return dump(-1);
    }

    /** dpctl/dump-conntrack [zone=N] lines: every connection's, or those of {@code zone} (-1: all). */
    public List<String> dump(int zone) {
        return dump(zone, false);
    }

    /** With {@code verbose} (-m): ct_dpif_format_entry()'s id and status (the userspace conntrack sets neither). */
    public List<String> dump(int zone, boolean verbose) {
        return dump(zone, verbose, -1);
    }

    /**
     * With {@code now} (ns, 0 or more: -s, print_stats) each connection's timeout, the seconds to its expiration
     * (conn_to_ct_dpif_entry(); the userspace conntrack keeps no counters or timestamps to print).
     */
    public List<String> dump(int zone, boolean verbose, long now) {
        return CtDpif.dump(conns.values(), zone, verbose, now);
    }

    public void flush() {
        flush(-1);
    }

    /**
     * ct_dpif_flush() with a tuple: a whole original 5-tuple and no reply tuple flush the connection
     * conntrack_flush_tuple() looks it up as, in {@code zone} (-1: zone 0); otherwise every connection of
     * {@code zone} (-1: of every zone) the match names (ct_dpif_flush_tuple()). False (ENOENT) when the 5-tuple names
     * none, or names a NAT'ed connection by its reply ("Must flush tuple using the original pre-NATed tuple").
     */
    public boolean flush(int zone, ConntrackMatch m) {
        if (m.isZero()) {
            flush(zone);
            return true;
        }
        if (m.fiveTuple()) {
            Key k = m.key(Math.max(zone, 0));
            // tuple_to_conn_key(): reverse_icmp_type() gives the key's other type, whatever the address family
            // (OVS 3.1 aborts on a type it has no reverse for: ICMPv6's, an ICMP error's)
            if (k.icmp() && (k.v6() || Key.reverseIcmpType(k.sport()) == k.sport())) {
                return false;
            }
            boolean[] reply = {false};
            Conn c = lookup(k, reply);
            if (c == null || reply[0] && c.natted()) { // the NAT'ed direction's own entry (CT_CONN_TYPE_UN_NAT)
                return false;
            }
            remove(c); // conn_clean()
            return true;
        }
        for (Conn c : new ArrayList<>(conns.values())) {
            if ((zone < 0 || c.orig.zone() == zone) && m.matches(c.orig, c.reply)) {
                remove(c); // conntrack_flush_tuple() on the entry's original tuple
            }
        }
        return true;
    }

    /**
     * dpctl_ct_stats_show(): the connections of {@code zone} (-1: all) by protocol (ICMPv6 counted in the total
     * only), with {@code verbose} TCP's by coalesced state.
     */
    public List<String> stats(int zone, boolean verbose) {
        return CtDpif.stats(conns.values(), zone, verbose);
    }

    /** conntrack_flush(): the connections of {@code zone} (-1: all) forgotten. */
    public void flush(int zone) {
        for (Conn c : new ArrayList<>(conns.values())) {
            if (zone < 0 || c.orig.zone() == zone) {
                remove(c);
            }
        }
    }
}
