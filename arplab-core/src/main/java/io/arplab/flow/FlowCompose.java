package io.arplab.flow;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * netdev-dummy/receive with a datapath flow instead of hex: the flow in odp syntax
 * ({@code eth(src=..,dst=..),eth_type(0x0800),ipv4(...),tcp(...)}, or ipv6(...) with icmpv6(...) and nd(...))
 * composed into a frame as OVS's
 * eth_from_flow_str() does (odp_flow_from_string(), then flow_compose() with 64 bytes of 0,1,2.. payload, or
 * zero-padded to {@code --len} by packet_expand()).
 */
public final class FlowCompose {
    private static final int DL_TYPE_NONE = 0x5ff;

    private long dlSrc, dlDst;
    private int dlType = DL_TYPE_NONE;
    private final java.util.List<Integer> vlans = new java.util.ArrayList<>();
    private long nwSrc, nwDst;
    private int nwProto, nwTos, nwTtl, nwFrag;
    private int tpSrc, tpDst, tcpFlags;
    private long arpSha, arpTha;
    private io.arplab.wire.Ipv6Address ipv6Src = io.arplab.wire.Ipv6Address.ANY,
            ipv6Dst = io.arplab.wire.Ipv6Address.ANY, ndTarget = io.arplab.wire.Ipv6Address.ANY;
    private long ipv6Label;
    private final java.util.List<Long> mpls = new java.util.ArrayList<>();

    private int vlanLimit = 2;
    private boolean masks;
    /** The TPID of the first tag past {@link #vlanLimit}, or -1. */
    private int cutType = -1;
    /** A vlan() without an eth_type() before it: odp_flow_key_to_flow() reads neither it nor its encap(). */
    private boolean untagged;

    private FlowCompose() {}

    /** The frame for {@code odp}; {@code len} 0: flow_compose()'s own size with a 64-byte payload. */
    public static byte[] compose(String odp, int len) throws FlowParseException {
        return compose(odp, len, 2);
    }

    /**
     * {@link #compose(String, int)} with odp_flow_key_to_flow()'s {@code vlanLimit} (flow_vlan_limit): a tag past it
     * ends the flow, whose Ethernet type is then that tag's TPID.
     */
    public static byte[] compose(String odp, int len, int vlanLimit) throws FlowParseException {
        return compose(odp, len, vlanLimit, false);
    }

    /**
     * The same; with {@code masks}, addresses may carry a mask ({@code src=10.0.0.0/255.255.255.0}), as
     * odp_flow_from_string() takes them when it is given a mask buffer (ofproto/trace, dpctl), and the value is used.
     */
    public static byte[] compose(String odp, int len, int vlanLimit, boolean masks) throws FlowParseException {
        FlowCompose f = new FlowCompose();
        f.vlanLimit = vlanLimit;
        f.masks = masks;
        f.parse(odp);
        if (f.cutType >= 0) {
            FlowCompose cut = new FlowCompose();
            cut.dlSrc = f.dlSrc;
            cut.dlDst = f.dlDst;
            cut.vlans.addAll(f.vlans.subList(0, vlanLimit));
            cut.dlType = f.cutType;
            f = cut;
        }
        if (len == 0) {
            return f.build(64);
        }
        byte[] p = f.build(0);
        if (p.length > len) {
            return null;
        }
        return p.length < len ? f.expand(p, len) : p;
    }

    private void parse(String s) throws FlowParseException {
        keys(s, this::key);
        dlType = defaultType(s, dlType);
    }

    /**
     * parse_ethertype(): a key without eth_type() is of the well-known L3 type its ipv4(), ipv6() or mpls() says
     * (odp_flow_key_to_flow() keeps it an Ethernet packet), else FLOW_DL_TYPE_NONE; {@code given} when it has one.
     */
    static int defaultType(String odp, int given) {
        java.util.Set<String> names = new java.util.HashSet<>();
        keys(odp, (name, args) -> {
            names.add(name);
            return true;
        });
        return names.contains("eth_type") ? given : names.contains("ipv4") ? Match.ETH_IP
                : names.contains("ipv6") ? Match.ETH_IPV6 : names.contains("mpls") ? 0x8847 : DL_TYPE_NONE;
    }

    /**
     * odp_flow_from_string(): KEY(ARGS) separated by commas, each given to {@code key}; an unknown key or a bad
     * argument (false) is "syntax error at" the rest.
     */
    static void keys(String s, java.util.function.BiPredicate<String, String> key) throws FlowParseException {
        int i = 0;
        while (true) {
            while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ',')) {
                i++;
            }
            if (i >= s.length()) {
                return;
            }
            int open = s.indexOf('(', i);
            int close = open < 0 ? -1 : matching(s, open);
            if (open < 0 || close < 0 || !key.test(s.substring(i, open).trim(), s.substring(open + 1, close))) {
                throw new FlowParseException("syntax error at " + s.substring(i));
            }
            i = close + 1;
        }
    }

    /** A key's frag= word (no, first, later) as the flow's nw_frag bits. */
    private static int frag(String v) {
        return switch (v) {
            case "no" -> 0;
            case "first" -> 1;
            case "later" -> 3;
            default -> throw new IllegalArgumentException();
        };
    }

    private static int matching(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '(') {
                depth++;
            } else if (s.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private boolean key(String name, String args) {
        if (name.equals("encap")) { // parse_odp_key_mask_attr(): an error inside encap() is the encap()'s
            try {
                (untagged ? new FlowCompose() : this).parse(args);
            } catch (FlowParseException e) {
                return false;
            }
            return true;
        }
        try {
            Map<String, String> a = args(args);
            switch (name) {
                case "tunnel" -> { // metadata, not in the frame; a datapath flow given to ofproto/trace or dpctl
                    return masks;
                }
                case "in_port", "skb_priority", "skb_mark", "recirc_id", "dp_hash", "ct_state", "ct_zone", "ct_mark",
                     "ct_label" -> {
                    return true;
                }
                case "eth" -> {
                    for (var e : a.entrySet()) {
                        switch (e.getKey()) {
                            case "src" -> dlSrc = mac(unmask(e.getValue(), x -> mac(x)));
                            case "dst" -> dlDst = mac(unmask(e.getValue(), x -> mac(x)));
                            default -> {
                                return false;
                            }
                        }
                    }
                    return true;
                }
                case "eth_type" -> {
                    if (!masks && args.indexOf('/') >= 0) { // scan_be16() takes a mask only where masks are parsed
                        return false;
                    }
                    dlType = (int) num(args.trim());
                    return true;
                }
                case "vlan" -> {
                    int vid = 0, pcp = 0, cfi = 1;
                    for (var e : a.entrySet()) {
                        switch (e.getKey()) {
                            case "vid" -> vid = (int) num(e.getValue());
                            case "pcp" -> pcp = (int) num(e.getValue());
                            case "cfi" -> cfi = (int) num(e.getValue());
                            default -> {
                                return false;
                            }
                        }
                    }
                    if (dlType == DL_TYPE_NONE) {
                        untagged = true; // parse_l2_5_onward(): no VLAN Ethertype, the tag and its encap() unread
                        return true;
                    }
                    int tpid = dlType == 0x88a8 ? 0x88a8 : 0x8100; // the eth_type before it
                    if (vlans.size() == vlanLimit && cutType < 0) {
                        cutType = dlType; // parse_8021q_onward(): the tags past flow_vlan_limit stay unparsed
                    }
                    vlans.add(tpid << 16 | (pcp << 13) | (cfi << 12) | vid);
                    return true;
                }
                case "mpls" -> { // mpls(label=,tc=,ttl=,bos=), one group per label stack entry
                    long lse = 0;
                    int seen = 0;
                    for (String kv : args.split(",")) {
                        String[] p = kv.trim().split("=", 2);
                        int i = java.util.List.of("label", "tc", "ttl", "bos").indexOf(p[0]);
                        if (p.length < 2 || i < 0) {
                            return false;
                        }
                        long v = num(p[1]);
                        lse |= i == 0 ? (v & 0xfffff) << 12 : i == 1 ? (v & 7) << 9 : i == 2 ? v & 0xff : (v & 1) << 8;
                        if (++seen == 4) {
                            mpls.add(lse);
                            lse = 0;
                            seen = 0;
                        }
                    }
                    return seen == 0;
                }
                case "ipv4" -> {
                    for (var e : a.entrySet()) {
                        String v = e.getValue();
                        switch (e.getKey()) {
                            case "src" -> nwSrc = ip(unmask(v, x -> ip(x)));
                            case "dst" -> nwDst = ip(unmask(v, x -> ip(x)));
                            case "proto" -> nwProto = (int) num(v);
                            case "tos" -> nwTos = (int) num(v);
                            case "ttl" -> nwTtl = (int) num(v);
                            case "frag" -> nwFrag = frag(v);
                            default -> {
                                return false;
                            }
                        }
                    }
                    return true;
                }
                case "ipv6" -> { // ipv6(src=,dst=,label=,proto=,tclass=,hlimit=,frag=)
                    for (var e : a.entrySet()) {
                        String v = e.getValue();
                        switch (e.getKey()) {
                            case "src" -> ipv6Src = ipv6(unmask(v, x -> ipv6(x)));
                            case "dst" -> ipv6Dst = ipv6(unmask(v, x -> ipv6(x)));
                            case "label" -> ipv6Label = num(v) & 0xfffff;
                            case "proto" -> nwProto = (int) num(v);
                            case "tclass" -> nwTos = (int) num(v);
                            case "hlimit" -> nwTtl = (int) num(v);
                            case "frag" -> nwFrag = frag(v);
                            default -> {
                                return false;
                            }
                        }
                    }
                    return true;
                }
                case "nd" -> {
                    for (var e : a.entrySet()) {
                        switch (e.getKey()) {
                            case "target" -> ndTarget = ipv6(unmask(e.getValue(), x -> ipv6(x)));
                            case "sll" -> arpSha = mac(unmask(e.getValue(), x -> mac(x)));
                            case "tll" -> arpTha = mac(unmask(e.getValue(), x -> mac(x)));
                            default -> {
                                return false;
                            }
                        }
                    }
                    return true;
                }
                case "tcp", "udp", "sctp" -> {
                    for (var e : a.entrySet()) {
                        switch (e.getKey()) {
                            case "src" -> tpSrc = (int) num(e.getValue());
                            case "dst" -> tpDst = (int) num(e.getValue());
                            default -> {
                                return false;
                            }
                        }
                    }
                    return true;
                }
                case "tcp_flags" -> {
                    tcpFlags = tcpFlags(args.trim());
                    return true;
                }
                case "icmp", "icmpv6" -> {
                    for (var e : a.entrySet()) {
                        switch (e.getKey()) {
                            case "type" -> tpSrc = (int) num(e.getValue());
                            case "code" -> tpDst = (int) num(e.getValue());
                            default -> {
                                return false;
                            }
                        }
                    }
                    return true;
                }
                case "arp" -> {
                    for (var e : a.entrySet()) {
                        String v = e.getValue();
                        switch (e.getKey()) {
                            case "sip" -> nwSrc = ip(unmask(v, x -> ip(x)));
                            case "tip" -> nwDst = ip(unmask(v, x -> ip(x)));
                            case "op" -> nwProto = (int) num(v);
                            case "sha" -> arpSha = mac(unmask(v, x -> mac(x)));
                            case "tha" -> arpTha = mac(unmask(v, x -> mac(x)));
                            default -> {
                                return false;
                            }
                        }
                    }
                    return true;
                }
                default -> {
                    return false;
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Map<String, String> args(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        if (s.contains("=")) {
            for (String kv : s.split(",")) {
                int eq = kv.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException();
                }
                String v = kv.substring(eq + 1).trim();
                int slash = v.indexOf('/');
                m.put(kv.substring(0, eq), slash >= 0 ? v.substring(0, slash) : v); // a field's name exactly (SCAN_FIELD())
            }
        }
        return m;
    }

    private static long num(String v) {
        v = v.trim();
        int slash = v.indexOf('/');
        if (slash >= 0) {
            v = v.substring(0, slash);
        }
        // the SCNi formats: scan_int() with base 0, to the end
        int[] at = {0};
        long n = FieldParser.scanInt(v, at, 0);
        if (n == Long.MIN_VALUE || at[0] != v.length()) {
            throw new IllegalArgumentException(v);
        }
        return n;
    }

    // an address "VALUE/MASK" when masks are taken: the mask parsed the same way, the value returned
    private String unmask(String v, java.util.function.Consumer<String> parser) {
        int slash = v.indexOf('/');
        if (slash < 0 || !masks) {
            return v;
        }
        parser.accept(v.substring(slash + 1));
        return v.substring(0, slash);
    }

    // scan_eth(): ETH_ADDR_SCAN_FMT, each octet ovs_scan()'s "%hhx"
    private static long mac(String v) {
        Long m = FieldParser.mac(v);
        if (m == null) {
            throw new IllegalArgumentException();
        }
        return m;
    }

    private static io.arplab.wire.Ipv6Address ipv6(String v) {
        io.arplab.wire.Ipv6Address a = io.arplab.wire.Ipv6Address.parse(v);
        if (a == null) {
            throw new IllegalArgumentException();
        }
        return a;
    }

    // scan_ipv4(): IP_SCAN_FMT, each octet ovs_scan()'s "%hhu"
    private static long ip(String v) {
        int[] at = {0};
        long a = FieldParser.scanIp(v, at);
        if (a < 0 || at[0] != v.length()) {
            throw new IllegalArgumentException();
        }
        return a;
    }

    private static int tcpFlags(String v) {
        if (Character.isDigit(v.charAt(0))) {
            return (int) num(v);
        }
        int f = 0;
        for (String n : v.split("\\|")) {
            f |= switch (n) {
                case "fin" -> 0x1;
                case "syn" -> 0x2;
                case "rst" -> 0x4;
                case "psh" -> 0x8;
                case "ack" -> 0x10;
                case "urg" -> 0x20;
                case "ece" -> 0x40;
                case "cwr" -> 0x80;
                case "ns" -> 0x100;
                default -> throw new IllegalArgumentException();
            };
        }
        return f;
    }

    private int l3; // offset of the IP header
    private int l4;

    // flow_compose(): Ethernet (VLANs), then IPv4 with its L4 header and an l7Len-byte 0,1,2.. payload, or ARP
    private byte[] build(int l7Len) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        put(b, dlDst, 6);
        put(b, dlSrc, 6);
        for (int i = 0; i < vlans.size(); i++) { // the outer tag first
            put(b, vlans.get(i) >>> 16, 2);
            put(b, vlans.get(i) & 0xffff & ~0x1000, 2); // eth_push_vlan() sends the TCI without its CFI
        }
        if (dlType == DL_TYPE_NONE) {
            put(b, 14 + 4 * vlans.size(), 2);
            return b.toByteArray();
        }
        put(b, dlType, 2);
        l3 = b.size();
        if (Packet.isMpls(dlType)) { // push_mpls() of the entries down to the first with BOS, nothing below them
            for (int i = 0; i < 3; i++) {
                long lse = i < mpls.size() ? mpls.get(i) : 0;
                put(b, lse, 4);
                if ((lse & 0x100) != 0) {
                    break;
                }
            }
            return b.toByteArray();
        } else if (dlType == 0x0800) {
            byte[] ip = new byte[20];
            ip[0] = 0x45;
            ip[1] = (byte) nwTos;
            if ((nwFrag & 1) != 0) {
                int off = 0x2000 | ((nwFrag & 2) != 0 ? 100 : 0);
                ip[6] = (byte) (off >> 8);
                ip[7] = (byte) off;
            }
            ip[8] = (byte) nwTtl;
            ip[9] = (byte) nwProto;
            set(ip, 12, nwSrc, 4);
            set(ip, 16, nwDst, 4);
            b.writeBytes(ip);
            l4 = b.size();
            if ((nwFrag & 2) == 0) {
                if (nwProto == 6) {
                    byte[] tcp = new byte[20];
                    set(tcp, 0, tpSrc, 2);
                    set(tcp, 2, tpDst, 2);
                    set(tcp, 12, (5 << 12) | (tcpFlags & 0xfff), 2);
                    b.writeBytes(tcp);
                    if ((tcpFlags & 0x7) == 0) {
                        l7(b, l7Len);
                    }
                } else if (nwProto == 17 || nwProto == 132) {
                    byte[] udp = new byte[nwProto == 17 ? 8 : 12];
                    set(udp, 0, tpSrc, 2);
                    set(udp, 2, tpDst, 2);
                    if (nwProto == 17) {
                        set(udp, 4, 8 + l7Len, 2);
                    }
                    b.writeBytes(udp);
                    if (nwProto == 17) { // flow_compose_l4(): no L7 data after an SCTP header
                        l7(b, l7Len);
                    }
                } else if (nwProto == 1) {
                    byte[] icmp = new byte[8];
                    icmp[0] = (byte) tpSrc;
                    icmp[1] = (byte) tpDst;
                    b.writeBytes(icmp);
                    if ((tpSrc == 8 || tpSrc == 0) && tpDst == 0) {
                        l7(b, l7Len);
                    }
                }
            }
            byte[] p = b.toByteArray();
            ipFinish(p);
            return p;
        } else if (dlType == Match.ETH_IPV6) { // flow_compose(): version, tclass, label, then flow_compose_l4()
            byte[] ip = new byte[40];
            set(ip, 0, 6L << 28 | (nwTos & 0xffL) << 20 | ipv6Label, 4);
            ip[6] = (byte) nwProto;
            ip[7] = (byte) nwTtl;
            ipv6Src.write(ip, 8);
            ipv6Dst.write(ip, 24);
            b.writeBytes(ip);
            l4 = b.size();
            if ((nwFrag & 2) == 0) {
                l4v6(b, l7Len);
            }
            byte[] p = b.toByteArray();
            ipv6Finish(p);
            return p;
        } else if (dlType == 0x0806 || dlType == 0x8035) {
            byte[] arp = new byte[28];
            set(arp, 0, 1, 2);
            set(arp, 2, 0x0800, 2);
            arp[4] = 6;
            arp[5] = 4;
            set(arp, 6, nwProto, 2);
            if (nwProto == 1 || nwProto == 2) {
                set(arp, 8, arpSha, 6);
                set(arp, 14, nwSrc, 4);
                set(arp, 18, arpTha, 6);
                set(arp, 24, nwDst, 4);
            }
            b.writeBytes(arp);
        }
        return b.toByteArray();
    }

    // flow_compose_l4() for IPv6: TCP, UDP and SCTP as for IPv4; ICMPv6 with ND's target and link-layer options,
    // or an echo's payload
    private void l4v6(ByteArrayOutputStream b, int l7Len) {
        if (nwProto == 6 || nwProto == 17 || nwProto == 132) {
            byte[] h = new byte[nwProto == 6 ? 20 : nwProto == 17 ? 8 : 12];
            set(h, 0, tpSrc, 2);
            set(h, 2, tpDst, 2);
            if (nwProto == 6) {
                set(h, 12, (5 << 12) | (tcpFlags & 0xfff), 2);
            } else if (nwProto == 17) {
                set(h, 4, 8 + l7Len, 2);
            }
            b.writeBytes(h);
            if (nwProto == 17 || nwProto == 6 && (tcpFlags & 0x7) == 0) {
                l7(b, l7Len);
            }
        } else if (nwProto == Match.PROTO_ICMPV6) {
            byte[] icmp = new byte[8];
            icmp[0] = (byte) tpSrc;
            icmp[1] = (byte) tpDst;
            b.writeBytes(icmp);
            if (tpDst == 0 && (tpSrc == Match.ND_NEIGHBOR_SOLICIT || tpSrc == Match.ND_NEIGHBOR_ADVERT)) {
                byte[] t = new byte[16];
                ndTarget.write(t, 0);
                b.writeBytes(t);
                for (int type = 1; type <= 2; type++) {
                    long lla = type == 1 ? arpSha : arpTha;
                    if (lla != 0) {
                        b.write(type);
                        b.write(1);
                        put(b, lla, 6);
                    }
                }
            } else if (tpDst == 0 && (tpSrc == 128 || tpSrc == 129)) {
                l7(b, l7Len);
            }
        }
    }

    // the payload length, then flow_compose_l4_csum() over packet_csum_pseudoheader6()
    private void ipv6Finish(byte[] p) {
        int l4Len = p.length - l4;
        set(p, l3 + 4, l4Len, 2);
        if ((nwFrag & 2) != 0) {
            return;
        }
        long pseudo = l4Len + nwProto;
        for (int i = l3 + 8; i < l3 + 40; i += 2) {
            pseudo += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
        }
        int ck = nwProto == 6 ? 16 : nwProto == 17 ? 6 : nwProto == Match.PROTO_ICMPV6 ? 2 : -1;
        if (ck >= 0 && l4Len >= ck + 2) {
            set(p, l4 + ck, 0, 2);
            int c = csum(p, l4, l4Len, pseudo);
            set(p, l4 + ck, c == 0 && nwProto == 17 ? 0xffff : c, 2);
        }
    }

    // packet_expand(): zeros up to len, then the lengths and checksums again
    private byte[] expand(byte[] p, int len) {
        byte[] q = java.util.Arrays.copyOf(p, len);
        if (dlType == DL_TYPE_NONE) {
            set(q, 12 + 4 * vlans.size(), len, 2);
        } else if (dlType == 0x0800) {
            if (nwProto == 17 && (nwFrag & 2) == 0) {
                // as packet_expand() does: the padding counted twice
                set(q, l4 + 4, (len - l4) + (len - p.length), 2);
            }
            ipFinish(q);
        } else if (dlType == Match.ETH_IPV6) {
            if (nwProto == 17 && (nwFrag & 2) == 0) {
                set(q, l4 + 4, (len - l4) + (len - p.length), 2);
            }
            ipv6Finish(q);
        }
        return q;
    }

    // the IP total length and checksum, then flow_compose_l4_csum()
    private void ipFinish(byte[] p) {
        set(p, l3 + 2, p.length - l3, 2);
        set(p, l3 + 10, 0, 2);
        set(p, l3 + 10, csum(p, l3, 20, 0), 2);
        if ((nwFrag & 2) != 0) {
            return;
        }
        int l4Len = p.length - l4;
        long pseudo = ((nwSrc >> 16) & 0xffff) + (nwSrc & 0xffff) + ((nwDst >> 16) & 0xffff) + (nwDst & 0xffff)
                + nwProto + l4Len;
        if (nwProto == 6) {
            set(p, l4 + 16, 0, 2);
            set(p, l4 + 16, csum(p, l4, l4Len, pseudo), 2);
        } else if (nwProto == 17) {
            set(p, l4 + 6, 0, 2);
            int c = csum(p, l4, l4Len, pseudo);
            set(p, l4 + 6, c == 0 ? 0xffff : c, 2);
        } else if (nwProto == 1) {
            set(p, l4 + 2, 0, 2);
            set(p, l4 + 2, csum(p, l4, l4Len, 0), 2);
        }
    }

    private static int csum(byte[] p, int off, int len, long sum) {
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((p[off + i] & 0xff) << 8) | (p[off + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (p[off + len - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static void l7(ByteArrayOutputStream b, int len) {
        for (int i = 0; i < len; i++) {
            b.write(i);
        }
    }

    private static void put(ByteArrayOutputStream b, long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            b.write((int) (v >> (8 * i)));
        }
    }

    private static void set(byte[] p, int off, long v, int n) {
        for (int i = 0; i < n; i++) {
            p[off + i] = (byte) (v >> (8 * (n - 1 - i)));
        }
    }
}
