package io.arplab.flow;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * netdev-dummy/receive with a datapath flow instead of hex: the flow in odp syntax
 * ({@code eth(src=..,dst=..),eth_type(0x0800),ipv4(...),tcp(...)}, or ipv6(...) with icmpv6(...) and nd(...))
 * composed into a frame as OVS's eth_from_flow_str() does: odp_flow_from_string() ({@link OdpKeyParse}), then
 * odp_flow_key_to_flow() (its refusals print the key as odp_flow_key_format() does), then flow_compose() with 64
 * bytes of 0,1,2.. payload, or zero-padded to {@code --len} by packet_expand().
 */
public final class FlowCompose {
    static final int DL_TYPE_NONE = 0x5ff;

    private long dlSrc, dlDst;
    private int dlType = DL_TYPE_NONE;
    /** The tags with the CFI bit (flow_compose() pushes no other), the outer first: TPID << 16 | TCI. */
    private final java.util.List<Integer> vlans = new java.util.ArrayList<>();
    private long nwSrc, nwDst;
    private int nwProto, nwTos, nwTtl, nwFrag;
    private int tpSrc, tpDst, tcpFlags;
    private long arpSha, arpTha, ndReserved;
    private io.arplab.wire.Ipv6Address ipv6Src = io.arplab.wire.Ipv6Address.ANY,
            ipv6Dst = io.arplab.wire.Ipv6Address.ANY, ndTarget = io.arplab.wire.Ipv6Address.ANY;
    private long ipv6Label;
    private final java.util.List<Long> mpls = new java.util.ArrayList<>();

    private int vlanLimit = 2;
    /** The key as given, for odp_flow_key_to_flow()'s errors. */
    private java.util.List<OdpKeyParse.Attr> key;

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
     * The same; with {@code masks}, fields may carry a mask ({@code src=10.0.0.0/255.255.255.0}), as
     * odp_flow_from_string() takes them when it is given a mask buffer (ofproto/trace, dpctl), and the value is used.
         */
    public static byte[] compose(String odp, int len, int vlanLimit, boolean masks) throws FlowParseException {
        return compose(OdpKeyParse.fromString(odp, masks, null), len, vlanLimit);
    }

    /** The frame for a parsed key; a FlowParseException is odp_flow_key_to_flow()'s refusal of it. */
    static byte[] compose(java.util.List<OdpKeyParse.Attr> key, int len, int vlanLimit) {
        FlowCompose f = new FlowCompose();
        f.vlanLimit = vlanLimit;
        f.key = key;
        f.toFlow();
        if (len == 0) {
            return f.build(64);
        }
        byte[] p = f.build(0);
        if (p.length > len) {
            return null;
        }
        return p.length < len ? f.expand(p, len) : p;
    }

    /** flow_compose() of a flow with no L7 data: the packet ofproto/trace -generate makes of the flow it traces. */
    static byte[] fromFlow(long[] flow) {
        FlowCompose f = new FlowCompose();
        f.dlSrc = flow[Slot.DL_SRC.ordinal()];
        f.dlDst = flow[Slot.DL_DST.ordinal()];
        f.dlType = (int) flow[Slot.DL_TYPE.ordinal()];
        for (Slot[] tag : new Slot[][] {{Slot.VLAN_TPID, Slot.VLAN_TCI}, {Slot.VLAN_TPID1, Slot.VLAN_TCI1}}) {
            long tci = flow[tag[1].ordinal()];
            if ((tci & 0x1000) == 0) {
                break;
            }
            long tpid = flow[tag[0].ordinal()];
            f.vlans.add((int) ((tpid == 0 ? 0x8100 : tpid) << 16 | tci));
        }
        for (Slot lse : new Slot[] {Slot.MPLS_LSE, Slot.MPLS_LSE1, Slot.MPLS_LSE2}) {
            f.mpls.add(flow[lse.ordinal()]);
        }
        f.nwSrc = flow[Slot.NW_SRC.ordinal()];
        f.nwDst = flow[Slot.NW_DST.ordinal()];
        f.nwProto = (int) flow[Slot.NW_PROTO.ordinal()];
        f.nwTos = (int) flow[Slot.NW_TOS.ordinal()];
        f.nwTtl = (int) flow[Slot.NW_TTL.ordinal()];
        f.nwFrag = (int) flow[Slot.NW_FRAG.ordinal()];
        f.tpSrc = (int) flow[Slot.TP_SRC.ordinal()];
        f.tpDst = (int) flow[Slot.TP_DST.ordinal()];
        f.tcpFlags = (int) flow[Slot.TCP_FLAGS.ordinal()];
        f.arpSha = flow[Slot.ARP_SHA.ordinal()];
        f.arpTha = flow[Slot.ARP_THA.ordinal()];
        f.ndReserved = flow[Slot.ND_RESERVED.ordinal()];
        f.ipv6Src = ipv6(flow, Slot.IPV6_SRC_HI, Slot.IPV6_SRC_LO);
        f.ipv6Dst = ipv6(flow, Slot.IPV6_DST_HI, Slot.IPV6_DST_LO);
        f.ndTarget = ipv6(flow, Slot.ND_TARGET_HI, Slot.ND_TARGET_LO);
        f.ipv6Label = flow[Slot.IPV6_LABEL.ordinal()];
        return f.build(0);
    }

    private static io.arplab.wire.Ipv6Address ipv6(long[] flow, Slot hi, Slot lo) {
        byte[] b = new byte[16];
        set(b, 0, flow[hi.ordinal()], 8);
        set(b, 8, flow[lo.ordinal()], 8);
        return io.arplab.wire.Ipv6Address.read(b, 0);
    }

    /**
     * parse_ethertype() of a key without eth_type(): the well-known L3 type its ipv4(), ipv6() or mpls() says
     * (odp_flow_key_to_flow() keeps it an Ethernet packet), else FLOW_DL_TYPE_NONE.
     */
    static int defaultType(java.util.Collection<String> names) {
        return names.contains("ipv4") ? Match.ETH_IP : names.contains("ipv6") ? Match.ETH_IPV6
                : names.contains("mpls") ? 0x8847 : DL_TYPE_NONE;
    }

    // ------------------------------------------------------------------ odp_flow_key_to_flow()

    private FlowParseException error(String message) {
        return new FlowParseException(message + "; the flow key in error is: " + OdpKeyParse.format(key));
    }

    // parse_flow_nlattrs(): each attribute once
    private java.util.Map<String, OdpKeyParse.Attr> nlattrs(java.util.List<OdpKeyParse.Attr> attrs) {
        java.util.Map<String, OdpKeyParse.Attr> present = new java.util.HashMap<>();
        for (OdpKeyParse.Attr a : attrs) {
            if (present.put(a.name, a) != null) {
                throw error("duplicate " + a.name + " attribute in flow key");
            }
        }
        return present;
    }

    // odp_flow_key_to_flow__() of a key: the metadata's checks, Ethernet, then the Ethertype and what it implies
    private void toFlow() {
        java.util.Map<String, OdpKeyParse.Attr> attrs = nlattrs(key);
        OdpKeyParse.Attr tunnel = attrs.get("tunnel");
        if (tunnel != null && tunnel.nested.stream().noneMatch(t -> t.name.equals("ttl"))) {
            throw error("tunnel options missing TTL"); // odp_tun_key_from_attr__()
        }
        OdpKeyParse.Attr eth = attrs.get("eth");
        if (eth != null) { // put_ethernet_key()
            dlSrc = eth.get(0, 6);
            dlDst = eth.get(6, 6);
        }
        parseEthertype(attrs);
        if (dlType == 0x8100 || dlType == 0x88a8) {
            parse8021qOnward(attrs);
        } else {
            parseL25Onward(attrs);
        }
    }

    // parse_ethertype(): eth_type()'s, refused below ETH_TYPE_MIN, else the one the L3 key implies
    private void parseEthertype(java.util.Map<String, OdpKeyParse.Attr> attrs) {
        OdpKeyParse.Attr t = attrs.get("eth_type");
        if (t != null) {
            dlType = (int) t.get(0, 2);
            if (dlType < 0x600) {
                throw error("invalid Ethertype " + dlType + " in flow key");
            }
        } else {
            dlType = defaultType(attrs.keySet());
        }
    }

    // parse_8021q_onward(): per tag up to flow_vlan_limit, vlan() and encap() with the next Ethertype and its keys
    private void parse8021qOnward(java.util.Map<String, OdpKeyParse.Attr> attrs) {
        for (int encaps = 0; encaps < vlanLimit && (dlType == 0x8100 || dlType == 0x88a8); encaps++) {
            OdpKeyParse.Attr vlan = attrs.get("vlan"), encap = attrs.get("encap");
            int tpid = dlType;
            dlType = 0; // the TPID is no Ethertype
            int tci = vlan == null ? 0 : (int) vlan.get(0, 2);
            if (vlan == null || encap == null || tci == 0) {
                return; // too little (or a truncated header): the flow so far
            } else if ((tci & 0x1000) == 0) {
                throw error(String.format("OVS_KEY_ATTR_VLAN 0x%04x is nonzero but CFI bit is not set", tci));
            }
            vlans.add(tpid << 16 | tci);
            attrs = nlattrs(encap.nested);
            parseEthertype(attrs);
            parseL25Onward(attrs);
        }
    }

    // parse_l2_5_onward(): MPLS, IPv4, IPv6 or ARP by the Ethertype, then the L4 key its protocol implies
    private void parseL25Onward(java.util.Map<String, OdpKeyParse.Attr> attrs) {
        if (Packet.isMpls(dlType)) {
            OdpKeyParse.Attr m = attrs.get("mpls");
            if (m != null) {
                int n = m.key.length / 4;
                for (int i = 0; i < n - 1; i++) {
                    if ((m.get(4 * i, 4) & 0x100) != 0) {
                        throw error("MPLS BOS set in non-innermost label");
                    }
                }
                for (int i = 0; i < n && i < 3; i++) {
                    mpls.add(m.get(4 * i, 4));
                }
            }
            return;
        } else if (dlType == Match.ETH_IP) {
            OdpKeyParse.Attr a = attrs.get("ipv4");
            if (a != null) { // put_ipv4_key()
                nwSrc = a.get(0, 4);
                nwDst = a.get(4, 4);
                nwProto = (int) a.get(8, 1);
                nwTos = (int) a.get(9, 1);
                nwTtl = (int) a.get(10, 1);
                nwFrag = frag((int) a.get(11, 1));
            }
        } else if (dlType == Match.ETH_IPV6) {
            OdpKeyParse.Attr a = attrs.get("ipv6");
            if (a != null) { // put_ipv6_key()
                ipv6Src = io.arplab.wire.Ipv6Address.read(a.key, 0);
                ipv6Dst = io.arplab.wire.Ipv6Address.read(a.key, 16);
                ipv6Label = a.get(32, 4);
                nwProto = (int) a.get(36, 1);
                nwTos = (int) a.get(37, 1);
                nwTtl = (int) a.get(38, 1);
                nwFrag = frag((int) a.get(39, 1));
            }
        } else if (dlType == Match.ETH_ARP || dlType == Match.ETH_RARP) {
            OdpKeyParse.Attr a = attrs.get("arp");
            if (a != null) {
                int op = (int) a.get(8, 2);
                if ((op & 0xff00) != 0) {
                    throw error("unsupported ARP opcode " + op + " in flow key");
                }
                nwSrc = a.get(0, 4); // put_arp_key()
                nwDst = a.get(4, 4);
                nwProto = op;
                arpSha = a.get(10, 6);
                arpTha = a.get(16, 6);
            }
        } else {
            return;
        }
        boolean ip = Packet.isIpAny(dlType);
        if (!ip || (nwFrag & 2) != 0) {
            return;
        }
        OdpKeyParse.Attr l4 = switch (nwProto) {
            case Match.PROTO_TCP -> attrs.get("tcp");
            case Match.PROTO_UDP -> attrs.get("udp");
            case Match.PROTO_SCTP -> attrs.get("sctp");
            case Match.PROTO_ICMP -> dlType == Match.ETH_IP ? attrs.get("icmp") : null;
            case Match.PROTO_ICMPV6 -> dlType == Match.ETH_IPV6 ? attrs.get("icmpv6") : null;
            default -> null;
        };
        if (nwProto == Match.PROTO_TCP && attrs.containsKey("tcp_flags")) {
            tcpFlags = (int) attrs.get("tcp_flags").get(0, 2);
        }
        if (l4 == null) {
            return;
        }
        boolean icmp = nwProto == Match.PROTO_ICMP || nwProto == Match.PROTO_ICMPV6;
        tpSrc = (int) (icmp ? l4.get(0, 1) : l4.get(0, 2));
        tpDst = (int) (icmp ? l4.get(1, 1) : l4.get(2, 2));
        if (nwProto == Match.PROTO_ICMPV6 && tpDst == 0 && (tpSrc == Match.ND_NEIGHBOR_SOLICIT
                || tpSrc == Match.ND_NEIGHBOR_ADVERT)) { // is_nd()
            OdpKeyParse.Attr nd = attrs.get("nd");
            if (nd != null) {
                ndTarget = io.arplab.wire.Ipv6Address.read(nd.key, 0);
                arpSha = nd.get(16, 6);
                arpTha = nd.get(22, 6);
            }
            OdpKeyParse.Attr ext = attrs.get("nd_ext");
            if (ext != null) {
                ndReserved = ext.get(0, 4);
                tcpFlags = (int) ext.get(4, 1);
            }
        }
    }

    // odp_to_ovs_frag(): none, first (FLOW_NW_FRAG_ANY), later (ANY | LATER)
    private static int frag(int odp) {
        return odp == 0 ? 0 : odp == 1 ? 1 : 3;
    }

    private int l3; // offset of the IP header
    private int l4;

    // flow_compose(): Ethernet (no more without an Ethertype), the tags, then IPv4 or IPv6 with flow_compose_l4()
    // and an l7Len-byte 0,1,2.. payload, or ARP; MPLS label stack entries pushed down to the first with BOS
    private byte[] build(int l7Len) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        put(b, dlDst, 6);
        put(b, dlSrc, 6);
        if (dlType == DL_TYPE_NONE) {
            put(b, 14, 2); // the frame's length
            return b.toByteArray();
        }
        for (int tag : vlans) { // the outer tag first
            put(b, tag >>> 16, 2);
            put(b, tag & 0xffff & ~0x1000, 2); // eth_push_vlan() sends the TCI without its CFI
        }
        put(b, dlType, 2);
        l3 = b.size();
        if (Packet.isMpls(dlType)) { // push_mpls() of the entries down to the first with BOS
            for (int i = 0; i < 3; i++) {
                long lse = i < mpls.size() ? mpls.get(i) : 0;
                put(b, lse, 4);
                if ((lse & 0x100) != 0) {
                    break;
                }
            }
            return b.toByteArray();
        } else if (dlType == Match.ETH_IP) {
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
            l4(b, l7Len);
            byte[] p = b.toByteArray();
            ipFinish(p);
            return p;
        } else if (dlType == Match.ETH_IPV6) { // version, tclass, label, then flow_compose_l4()
            byte[] ip = new byte[40];
            set(ip, 0, 6L << 28 | (nwTos & 0xffL) << 20 | ipv6Label, 4);
            ip[6] = (byte) nwProto;
            ip[7] = (byte) nwTtl;
            ipv6Src.write(ip, 8);
            ipv6Dst.write(ip, 24);
            b.writeBytes(ip);
            l4 = b.size();
            l4(b, l7Len);
            byte[] p = b.toByteArray();
            ipv6Finish(p);
            return p;
        } else if (dlType == Match.ETH_ARP || dlType == Match.ETH_RARP) {
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

    // flow_compose_l4() (IPv4 and IPv6 alike, unless a later fragment): TCP, UDP, SCTP (no L7 data), ICMP, IGMP,
    // ICMPv6 with ND's target and link-layer options, or an echo's payload
    private void l4(ByteArrayOutputStream b, int l7Len) {
        if ((nwFrag & 2) != 0) {
            return;
        }
        if (nwProto == Match.PROTO_TCP || nwProto == Match.PROTO_UDP || nwProto == Match.PROTO_SCTP) {
            byte[] h = new byte[nwProto == Match.PROTO_TCP ? 20 : nwProto == Match.PROTO_UDP ? 8 : 12];
            set(h, 0, tpSrc, 2);
            set(h, 2, tpDst, 2);
            if (nwProto == Match.PROTO_TCP) {
                set(h, 12, (5 << 12) | (tcpFlags & 0xfff), 2);
            } else if (nwProto == Match.PROTO_UDP) {
                set(h, 4, 8 + l7Len, 2);
            }
            b.writeBytes(h);
            if (nwProto == Match.PROTO_UDP || nwProto == Match.PROTO_TCP && (tcpFlags & 0x7) == 0) {
                l7(b, l7Len);
            }
        } else if (nwProto == Match.PROTO_ICMP || nwProto == Match.PROTO_IGMP) {
            byte[] h = new byte[8];
            h[0] = (byte) tpSrc;
            h[1] = (byte) tpDst;
            b.writeBytes(h);
            if (nwProto == Match.PROTO_ICMP && (tpSrc == 8 || tpSrc == 0) && tpDst == 0) {
                l7(b, l7Len);
            }
        } else if (nwProto == Match.PROTO_ICMPV6) {
            byte[] icmp = new byte[8];
            icmp[0] = (byte) tpSrc;
            icmp[1] = (byte) tpDst;
            set(icmp, 4, ndReserved, 4);
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

    // flow_compose_l4_csum(): TCP, UDP (0 sent as 0xffff) and ICMPv6 over the pseudo-header's sum, ICMP and IGMP
    // over their own bytes
    private void l4Csum(byte[] p, long pseudo) {
        if ((nwFrag & 2) != 0) {
            return;
        }
        int l4Len = p.length - l4;
        int ck = switch (nwProto) {
            case Match.PROTO_TCP -> 16;
            case Match.PROTO_UDP -> 6;
            case Match.PROTO_ICMP, Match.PROTO_IGMP, Match.PROTO_ICMPV6 -> 2;
            default -> -1;
        };
        if (ck < 0 || l4Len < ck + 2) {
            return;
        }
        set(p, l4 + ck, 0, 2);
        boolean own = nwProto == Match.PROTO_ICMP || nwProto == Match.PROTO_IGMP;
        int c = csum(p, l4, l4Len, own ? 0 : pseudo);
        set(p, l4 + ck, c == 0 && nwProto == Match.PROTO_UDP ? 0xffff : c, 2);
    }

    // the payload length, then the checksums over packet_csum_pseudoheader6()
    private void ipv6Finish(byte[] p) {
        int l4Len = p.length - l4;
        set(p, l3 + 4, l4Len, 2);
        long pseudo = l4Len + nwProto;
        for (int i = l3 + 8; i < l3 + 40; i += 2) {
            pseudo += ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
        }
        l4Csum(p, pseudo);
    }

    // packet_expand(): zeros up to len, then the lengths and checksums again
    private byte[] expand(byte[] p, int len) {
        byte[] q = java.util.Arrays.copyOf(p, len);
        if (dlType == DL_TYPE_NONE) {
            set(q, 12, len, 2);
        } else if (Packet.isIpAny(dlType)) {
            if (nwProto == Match.PROTO_UDP && (nwFrag & 2) == 0) {
                // as packet_expand() does: the padding counted twice
                set(q, l4 + 4, (len - l4) + (len - p.length), 2);
            }
            if (dlType == Match.ETH_IP) {
                ipFinish(q);
            } else {
                ipv6Finish(q);
            }
        }
        return q;
    }

    // the IP total length and checksum, then flow_compose_l4_csum() over packet_csum_pseudoheader()
    private void ipFinish(byte[] p) {
        set(p, l3 + 2, p.length - l3, 2);
        set(p, l3 + 10, 0, 2);
        set(p, l3 + 10, csum(p, l3, 20, 0), 2);
        int l4Len = p.length - l4;
        l4Csum(p, ((nwSrc >> 16) & 0xffff) + (nwSrc & 0xffff) + ((nwDst >> 16) & 0xffff) + (nwDst & 0xffff)
                + nwProto + l4Len);
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
