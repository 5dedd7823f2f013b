package io.arplab.flow;

import io.arplab.wire.Ipv6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A megaflow as dpctl/dump-flows prints it for the userspace datapath (lib/dpctl.c format_dpif_flow()): its key and
 * mask through odp_flow_format() ({@link #format}, terse, or verbose with -m), with -m its ufid before, "dp:ovs" and
 * the dp-extra-info dp_netdev_flow_add() records (the 1-bits of each half of the mask's miniflow map) after.
 */
final class OdpFlowFormat {
    private OdpFlowFormat() {}

    /** The 64-bit words of struct flow (OVS 3.1, lib/flow.h) a slot's bits lie in: {first word, low bits' word}. */
    private static int[] words(Slot s) {
        return switch (s) {
            case TUN_DST -> new int[] {0, 0};
            case TUN_SRC -> new int[] {2, 2};
            case TUN_IPV6_DST_HI -> new int[] {0, 1}; // ipv6_dst lies in bytes 4-19, after ip_dst
            case TUN_IPV6_DST_LO -> new int[] {1, 2};
            case TUN_IPV6_SRC_HI -> new int[] {3, 3}; // ipv6_src in bytes 24-39, after ip_src
            case TUN_IPV6_SRC_LO -> new int[] {4, 4};
            case TUN_ID -> new int[] {5, 5};
            case TUN_FLAGS, TUN_TOS -> new int[] {6, 6};
            case METADATA -> new int[] {43, 43};
            case PKT_MARK -> new int[] {52, 52};
            case DP_HASH -> new int[] {53, 53}; // with in_port, which the mask leaves out
            case IN_PORT -> null; // dpcls leaves in_port out of the mask: it picks the classifier by port
            case RECIRC_ID, CT_STATE, CT_ZONE -> new int[] {54, 54};
            case CT_MARK -> new int[] {55, 55};
            case CT_LABEL_HI -> new int[] {56, 56};
            case CT_LABEL_LO -> new int[] {57, 57};
            case DL_DST -> new int[] {59, 59};
            case DL_SRC -> new int[] {59, 60}; // its first two bytes share dl_dst's word
            case DL_TYPE -> new int[] {60, 60};
            case VLAN_TCI, VLAN_TPID, VLAN_TCI1, VLAN_TPID1 -> new int[] {61, 61};
            case MPLS_LSE, MPLS_LSE1 -> new int[] {62, 62};
            case MPLS_LSE2 -> new int[] {63, 63};
            case NW_SRC, NW_DST -> new int[] {64, 64};
            case IPV6_SRC_HI -> new int[] {66, 66};
            case IPV6_SRC_LO -> new int[] {67, 67};
            case IPV6_DST_HI -> new int[] {68, 68};
            case IPV6_DST_LO -> new int[] {69, 69};
            case IPV6_LABEL -> new int[] {74, 74};
            case ND_TARGET_HI -> new int[] {75, 75};
            case ND_TARGET_LO -> new int[] {76, 76};
            case NW_FRAG, NW_TOS, NW_TTL, NW_PROTO -> new int[] {74, 74};
            case ARP_SHA -> new int[] {77, 77};
            case ARP_THA -> new int[] {77, 78};
            case TCP_FLAGS -> new int[] {78, 78};
            case TP_SRC, TP_DST -> new int[] {82, 82};
            case ND_RESERVED -> new int[] {83, 83}; // igmp_group_ip4
            default -> s.name().startsWith("REG") ? new int[] {44 + (s.ordinal() - Slot.REG0.ordinal()) / 2,
                44 + (s.ordinal() - Slot.REG0.ordinal()) / 2} : null;
        };
    }

    // the miniflow map of the megaflow's mask: packet_type always, and the VLAN word whenever the Ethertype is
    // matched (the datapath key says "no VLAN" by its absence), as odp_flow_key_to_mask() gives dpif-netdev
    static String miniflowBits(long[] value, long[] mask) {
        return miniflowBits(value, mask, null);
    }

    /** The same with {@code ct}, a megaflow's ct_tuple4 mask (or null): ct_nw_src/dst's word, ct_tp_src/dst's. */
    static String miniflowBits(long[] value, long[] mask, Conntrack.Key ct) {
        return miniflowBits(value, mask, ct, true);
    }

    /** The same, with packet_type's word only when it is matched (a megaflow's always is; a dpctl put's may not be). */
    static String miniflowBits(long[] value, long[] mask, Conntrack.Key ct, boolean packetType) {
        java.util.BitSet w = new java.util.BitSet(128);
        if (ct != null) {
            w.set(54, ct.proto() != 0); // ct_nw_proto shares recirc_id's word
            if (ct.v6()) { // ct_ipv6_src, ct_ipv6_dst: two words each
                w.set(70, ct.srcHi() != 0);
                w.set(71, ct.src() != 0);
                w.set(72, ct.dstHi() != 0);
                w.set(73, ct.dst() != 0);
            } else {
                w.set(65, (ct.src() | ct.dst()) != 0);
            }
            w.set(82, (ct.sport() | ct.dport()) != 0); // with tp_src and tp_dst
        }
        w.set(55, packetType);
        if ((value[Slot.TUN_FLAGS.ordinal()] & Tunnel.UDPIF) != 0 && Tunnel.dstIsSet(mask)) {
            // tun_metadata_from_geneve_nlattr(): a Geneve key's mask matches the options' length exactly
            w.set(9, mask[Slot.TUN_METADATA_PRESENT.ordinal()] != 0); // tunnel.metadata.present
            for (int i = 0; i < TunMetadata.FIELDS; i++) { // tunnel.metadata.opts.gnv, after the table pointer
                w.set(11 + i, mask[Slot.TUN_METADATA0.ordinal() + i] != 0);
            }
        }
        if (mask[Slot.DL_TYPE.ordinal()] != 0) {
            w.set(61);
        }
        int type = (int) value[Slot.DL_TYPE.ordinal()];
        long icmp = value[Slot.TP_SRC.ordinal()];
        boolean nd = type == Match.ETH_IPV6 && value[Slot.NW_PROTO.ordinal()] == Match.PROTO_ICMPV6
                && value[Slot.TP_DST.ordinal()] == 0 && (icmp == 135 || icmp == 136);
        boolean arp = type == Match.ETH_ARP || type == Match.ETH_RARP;
        // xlate_wc_finish(): no tp_src/tp_dst bits for a later fragment
        boolean later = Packet.isIpAny(type) && (value[Slot.NW_FRAG.ordinal()] & 2) != 0;
        // netdev_flow_mask_init(): the words flow_wc_map() selects for the flow (whole u64 words) whose mask is not
        // zero: nd_target's with ND, arp_sha's with ND or ARP, tcp_flags' (arp_tha's last four bytes with it) also
        // with IPv4 but IGMP and any IPv6, so the nd_tll bits a classifier stage unwildcarded on an echo count
        boolean tcpFlags = nd || arp || type == Match.ETH_IPV6
                || (type == Match.ETH_IP && value[Slot.NW_PROTO.ordinal()] != Match.PROTO_IGMP);
        java.util.function.IntPredicate inMap = word -> switch (word) {
            case 75, 76 -> nd;
            case 77 -> nd || arp;
            case 78 -> tcpFlags;
            case 82 -> !later;
            default -> true;
        };
        for (Slot s : Slot.ALL) {
            long m = mask[s.ordinal()];
            int[] ws = words(s);
            if (m == 0 || ws == null) {
                continue;
            }
            int lowBits = s == Slot.DL_SRC || s == Slot.ARP_THA || s == Slot.TUN_IPV6_DST_HI
                    || s == Slot.TUN_IPV6_DST_LO ? 32 : 64;
            if ((lowBits == 64 || (m >>> lowBits) != 0) && inMap.test(ws[0])) {
                w.set(ws[0]);
            }
            if (lowBits < 64 && (m & 0xffffffffL) != 0 && inMap.test(ws[1])) {
                w.set(ws[1]);
            }
        }
        return "miniflow_bits(" + w.get(0, 64).cardinality() + "," + w.get(64, 128).cardinality() + ")";
    }

    /**
     * odp_flow_key_from_mask()'s nd(): the mask has one only when the key has one (is_nd(): ICMPv6 type 135 or 136,
     * code 0) and the mask's tp_src and tp_dst are htons(0xff) exactly: xlate_wc_finish() keeps no more, a failed
     * translation, which skips it, keeps is_nd()'s 16 bits and exports no nd().
     */
    static boolean ndExported(long[] flow, long[] mask) {
        int t = Slot.TP_SRC.ordinal(), c = Slot.TP_DST.ordinal();
        return flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IPV6 && flow[Slot.NW_PROTO.ordinal()] == Match.PROTO_ICMPV6
                && (flow[Slot.NW_FRAG.ordinal()] & 2) == 0 && flow[c] == 0 && (flow[t] == 135 || flow[t] == 136)
                && mask[t] == 0xff && mask[c] == 0xff;
    }

    /**
     * A megaflow's mask as a dump exports it (dp_netdev_flow_to_dpif_flow(): odp_flow_key_from_mask()) and as the
     * revalidator's odp_flow_key_to_mask() gives the ukey's back: an ICMPv6 key's ND fields show as wildcarded without
     * the mask's nd() (the datapath still matches them, its dpcls mask being the translation's wildcards), an ARP
     * key's arp() holds its addresses and opcode alone (a dec_ttl's nw_ttl bits are lost), and an IP key without an
     * L4 attribute loses the ports' bits; ICMP's type and code are u8s (a failed translation's 16 bits cut).
     * {@code mask} itself when nothing is dropped.
     */
    static long[] exportMask(long[] flow, long[] mask) {
        long type = flow[Slot.DL_TYPE.ordinal()];
        if (type == Match.ETH_ARP || type == Match.ETH_RARP) {
            return clear(mask, NOT_IN_ARP_KEY);
        }
        if ((type == Match.ETH_IP || type == Match.ETH_IPV6) && !hasL4(flow)) {
            return clear(mask, TP_PORTS); // a symmetric_l4 hash's ports of IPv6's ICMP, of IGMP, GRE...
        }
        long proto = flow[Slot.NW_PROTO.ordinal()];
        boolean icmp6 = type == Match.ETH_IPV6 && proto == Match.PROTO_ICMPV6;
        long[] m = icmp6 && !ndExported(flow, mask) ? clear(mask, ND_FIELDS) : mask;
        int t = Slot.TP_SRC.ordinal(), c = Slot.TP_DST.ordinal();
        if ((icmp6 || type == Match.ETH_IP && proto == Match.PROTO_ICMP) && ((m[t] | m[c]) & ~0xffL) != 0) {
            m = m == mask ? mask.clone() : m; // icmp()/icmpv6(): the type and code are u8s
            m[t] &= 0xff;
            m[c] &= 0xff;
        }
        return m;
    }

    /**
     * The ukey's mask as revalidate_ukey__()'s odp_flow_key_to_mask() reads it back: {@link #exportMask}'s, with the
     * TPID of each tag the key has exact (odp_flow_key_from_mask() exports each tag's OVS_KEY_ATTR_ETHERTYPE as
     * OVS_BE16_MAX, parse_8021q_onward() takes it as the mask's TPID), whatever the translation read of it, and
     * without the first TCI where handle_packet_upcall() alone matched it ({@link Megaflow#ukeyTciWild}); the
     * datapath's own flow keeps the translation's wildcards (handle_packet_upcall()'s dp_netdev_flow_add()).
     */
    static long[] ukeyMask(long[] flow, Megaflow f) {
        long[] m = exportMask(flow, f.mask);
        if (f.ukeyTciWild) {
            m = m == f.mask ? m.clone() : m;
            m[Slot.VLAN_TCI.ordinal()] = 0;
        }
        Slot[][] tags = {{Slot.VLAN_TCI, Slot.VLAN_TPID}, {Slot.VLAN_TCI1, Slot.VLAN_TPID1}};
        for (Slot[] t : tags) {
            if (flow[t[0].ordinal()] == 0 && flow[t[1].ordinal()] == 0) {
                break; // no tag (nor a truncated one): the key's tags end
            }
            if (m[t[1].ordinal()] != 0xffff) {
                m = m == f.mask ? m.clone() : m;
                m[t[1].ordinal()] = 0xffff;
            }
        }
        return m;
    }

    /**
     * odp_flow_key_from_flow__(): an IP key has an L4 attribute (its ports, or ICMP's type and code) for TCP, UDP,
     * SCTP, IPv4's ICMP and IPv6's ICMPv6 alone, and none for a later fragment.
     */
    static boolean hasL4(long[] flow) {
        long proto = flow[Slot.NW_PROTO.ordinal()];
        return (flow[Slot.NW_FRAG.ordinal()] & 2) == 0 && (proto == Match.PROTO_TCP || proto == Match.PROTO_UDP
                || proto == Match.PROTO_SCTP || proto == (flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IP
                ? Match.PROTO_ICMP : Match.PROTO_ICMPV6));
    }

    private static final Slot[] TP_PORTS = {Slot.TP_SRC, Slot.TP_DST};
    private static final Slot[] ND_FIELDS = {Slot.ND_TARGET_HI, Slot.ND_TARGET_LO, Slot.ARP_SHA, Slot.ARP_THA,
        Slot.ND_RESERVED};
    // odp_flow_key_from_flow__(): an ARP or RARP key's L3 is ovs_key_arp (sip, tip, op, sha, tha) and no L4
    private static final Slot[] NOT_IN_ARP_KEY = {Slot.IPV6_SRC_HI, Slot.IPV6_SRC_LO, Slot.IPV6_DST_HI,
        Slot.IPV6_DST_LO, Slot.IPV6_LABEL, Slot.NW_TOS, Slot.NW_TTL, Slot.NW_FRAG, Slot.ND_TARGET_HI, Slot.ND_TARGET_LO,
        Slot.TP_SRC, Slot.TP_DST, Slot.TCP_FLAGS, Slot.ND_RESERVED};

    // the mask without these slots' bits, or the mask itself when it has none
    private static long[] clear(long[] mask, Slot[] slots) {
        long[] m = mask;
        for (Slot s : slots) {
            if (m[s.ordinal()] != 0) {
                m = m == mask ? mask.clone() : m;
                m[s.ordinal()] = 0;
            }
        }
        return m;
    }

    /** odp_format_ufid(): the flow's id (OVS hashes the key with a per-process secret; here the key alone). */
    static String ufid(long[] value, long[] mask) {
        long a = MaskedFields.SEED, b = ~MaskedFields.SEED;
        for (int i = 0; i < value.length; i++) {
            a = MaskedFields.mix(a, value[i] & mask[i]);
            b = MaskedFields.mix(b, mask[i] ^ a);
        }
        return String.format("ufid:%08x-%04x-%04x-%04x-%04x%08x", a >>> 32, (a >>> 16) & 0xffff, a & 0xffff,
                b >>> 48, (b >>> 32) & 0xffff, b & 0xffffffffL);
    }

    /**
     * write_ct_md(): the original tuple of the connection a tracked IPv4 packet belongs to (ct_nw_src ...), or an
     * invalid packet's own when its key could be extracted; null when the key has no ct_tuple4. The datapath keeps
     * it in the megaflow's key as the upcall had it, whatever conntrack forgets later.
     */
    static Conntrack.Key ctTuple(Ofproto br, long[] v) {
        long ct = v[Slot.CT_STATE.ordinal()], type = v[Slot.DL_TYPE.ordinal()], proto = v[Slot.NW_PROTO.ordinal()];
        if ((type != Match.ETH_IP && type != Match.ETH_IPV6) || ct == 0) {
            return null;
        }
        Conntrack.Key t;
        if ((ct & Conntrack.TRK) == 0) {
            // an expired fragment (ipf_send_frags_in_list(): CS_INVALID alone): the tuple its buffer's md held,
            // which Ipf put in its key's ct_nw_* slots
            t = XlateCt.origOf(v);
        } else if (br.ct.mdKeyless()) {
            return null; // conntrack_execute(): a packet conn_key_extract() failed on has its tuple zeroed
        } else if ((t = br.ct.mdTuple()) == null) { // write_ct_md(): the connection's, else the packet's own key;
            // no ct() ran for this packet here: its connection's, or its own key when it keys
            boolean keyed = (ct & Conntrack.INV) == 0
                    || type == Match.ETH_IP && (proto != Match.PROTO_ICMP || Conntrack.icmpKeyed(v[Slot.TP_SRC.ordinal()]))
                    || type == Match.ETH_IPV6 && (proto != Match.PROTO_ICMPV6
                            || Conntrack.icmp6Keyed(v[Slot.TP_SRC.ordinal()], v[Slot.TP_DST.ordinal()]));
            t = keyed ? br.ct.origTuple(v, (int) v[Slot.CT_ZONE.ordinal()]) : null;
        }
        // miniflow_extract(): a later fragment's key has no L4, nor the ct_tp_src/ct_tp_dst that go with it
        return t == null || (v[Slot.NW_FRAG.ordinal()] & 2) == 0 ? t
                : new Conntrack.Key(t.zone(), t.proto(), t.src(), t.dst(), 0, 0, 0, t.srcHi(), t.dstHi(), t.v6());
    }

    /**
     * odp_flow_format() of a megaflow: the attributes odp_flow_key_from_flow() puts in the userspace datapath's key,
     * in its order, with the mask as the dump exports it ({@link #exportMask}); without {@code verbose} (dpctl
     * without -m) an attribute whose mask is all wildcards is left out (odp_mask_attr_is_wildcard()), and so is each
     * field of one whose mask is zero (format_eth(), format_ipv4(), format_u8u() ...). {@code t} is the key's
     * ct_tuple4 or ct_tuple6 (null: none), {@code tm} its mask (null: all wildcards).
     */
    static String format(Ofproto br, long[] v, long[] mask, Conntrack.Key t, Conntrack.Key tm,
            Map<Integer, String> names, boolean verbose) {
        return format(br, v, mask, t, tm, names, verbose, br.datapath.vlanLimit(), false);
    }

    /**
     * The same of a flow no bridge translated ({@code br} null: in_port is the datapath's port), with the datapath's
     * VLAN limit and whether its packet_type is wildcarded (a flow dpctl put without one: "packet_type(ns=0/0,id=0/0)"
     * with -m, none without; a megaflow's is exact).
     */
    static String format(Ofproto br, long[] v, long[] mask, Conntrack.Key t, Conntrack.Key tm,
            Map<Integer, String> names, boolean verbose, int vlanLimit, boolean packetTypeWild) {
        long[] k = exportMask(v, mask);
        StringBuilder s = new StringBuilder();
        hexAttr(s, "skb_priority", v, k, Slot.SKB_PRIORITY, verbose);
        s.append(Tunnel.key(v, k, verbose));
        hexAttr(s, "skb_mark", v, k, Slot.PKT_MARK, verbose);
        int st = Slot.CT_STATE.ordinal();
        if (verbose) { // format_odp_key_attr__(): verbose as a number, else as flags; the u32 attribute's mask of
            // 8 bits is never all-ones (odp_mask_attr_is_exact()), so it is printed
            s.append("ct_state(").append(MatchFormat.hex(v[st])).append('/').append(MatchFormat.hex(k[st]))
                    .append("),");
        } else if (k[st] != 0) {
            s.append("ct_state(").append(MatchFormat.flagsMasked(v[st], k[st], MatchFormat.CT_STATE_NAMES))
                    .append("),");
        }
        hexAttr(s, "ct_zone", v, k, Slot.CT_ZONE, verbose);
        hexAttr(s, "ct_mark", v, k, Slot.CT_MARK, verbose);
        if (verbose || !Field.CT_LABEL.value(k).isZero()) {
            s.append("ct_label(").append(label(v, k)).append("),");
        }
        if (t != null && (verbose || tm != null)) { // only a resubmit(ct)'s lookup matches it
            ctTuple(s, t, tm == null ? new Conntrack.Key(0, 0, 0, 0, 0, 0) : tm, verbose);
        }
        // masked like the others: a datapath without recirculation leaves it wildcarded (xlate_wc_init())
        hexAttr(s, "recirc_id", v, k, Slot.RECIRC_ID, verbose);
        hexAttr(s, "dp_hash", v, k, Slot.DP_HASH, verbose); // the datapath's hash, kept
        Ofproto.Port in = br == null ? null : br.port(v[Slot.IN_PORT.ordinal()]);
        int dp = in == null ? (int) v[Slot.IN_PORT.ordinal()] : in.dpPort;
        s.append("in_port(").append(names.getOrDefault(dp, Integer.toString(dp))).append("),");
        s.append(!packetTypeWild ? "packet_type(ns=0,id=0)," : verbose ? "packet_type(ns=0/0,id=0/0)," : "");
        StringBuilder f = new StringBuilder();
        eth(f, "src", v, k, Slot.DL_SRC, verbose);
        eth(f, "dst", v, k, Slot.DL_DST, verbose);
        attr(s, "eth", f);
        // odp_flow_key_from_flow(): each tag (up to the datapath's vlan limit) as its TPID, its TCI, then encap()
        // around the rest; a tag the key stopped at (its TPID the Ethernet type) opens an empty encap()
        int type = (int) v[Slot.DL_TYPE.ordinal()];
        Slot[][] tags = {{Slot.VLAN_TCI, Slot.VLAN_TPID}, {Slot.VLAN_TCI1, Slot.VLAN_TPID1}};
        int encaps = 0;
        boolean cut = false;
        for (; encaps < vlanLimit && !cut; encaps++) {
            long tpid = v[tags[encaps][1].ordinal()];
            if (tpid == 0 && type != 0x8100 && type != 0x88a8) {
                break;
            }
            cut = tpid == 0;
            s.append(String.format("eth_type(0x%04x),", cut ? type : tpid));
            long tci = v[tags[encaps][0].ordinal()], tciMask = k[tags[encaps][0].ordinal()];
            if (verbose || tciMask != 0) {
                s.append("vlan(").append(vlanTci(tci, tciMask, verbose)).append("),");
            }
            s.append("encap(");
        }
        if (!cut) {
            s.append(ethType(type)).append(',');
            l3(s, v, k, type, verbose);
        }
        chomp(s);
        return s.append(")".repeat(encaps)).toString();
    }

    // an attribute of these fields ("NAME(fields),"), left out when they are none (all wildcards, without verbose);
    // the fields are taken, for the next attribute's
    private static void attr(StringBuilder s, String name, StringBuilder fields) {
        if (!fields.isEmpty()) {
            chomp(fields);
            s.append(name).append('(').append(fields).append("),");
            fields.setLength(0);
        }
    }

    // ds_chomp(ds, ','): the last comma dropped
    private static void chomp(StringBuilder s) {
        if (!s.isEmpty() && s.charAt(s.length() - 1) == ',') {
            s.setLength(s.length() - 1);
        }
    }

    // format_odp_key_attr__() of a u32 or u16 attribute: "%#x", the mask after it unless exact
    private static void hexAttr(StringBuilder s, String name, long[] v, long[] k, Slot f, boolean verbose) {
        long m = k[f.ordinal()];
        if (verbose || m != 0) {
            s.append(name).append('(').append(MatchFormat.hex(v[f.ordinal()]))
                    .append(m == f.max ? "" : "/" + MatchFormat.hex(m)).append("),");
        }
    }

    // format_vlan_tci(): vid and pcp with verbose or when the value or the mask has bits, each mask unless exact;
    // cfi=0 for a tag without CFI
    private static String vlanTci(long tci, long mask, boolean verbose) {
        StringBuilder s = new StringBuilder();
        long vid = tci & Match.VLAN_VID, vidMask = mask & Match.VLAN_VID;
        if (verbose || vid != 0 || vidMask != 0) {
            s.append("vid=").append(vid).append(vidMask == Match.VLAN_VID ? "" : "/0x" + Long.toHexString(vidMask))
                    .append(',');
        }
        long pcp = tci >>> 13 & 7, pcpMask = (mask & Match.VLAN_PCP) >>> 13;
        if (verbose || pcp != 0 || pcpMask != 0) {
            s.append("pcp=").append(pcp).append(pcpMask == 7 ? "" : "/0x" + Long.toHexString(pcpMask)).append(',');
        }
        if ((tci & Match.VLAN_CFI) == 0) {
            s.append("cfi=0");
        }
        chomp(s);
        return s.toString();
    }

    // format_odp_key_attr__() of the attributes after the Ethernet type
    private static void l3(StringBuilder s, long[] v, long[] k, int type, boolean verbose) {
        boolean v6 = type == Match.ETH_IPV6;
        StringBuilder f = new StringBuilder();
        if (type == Match.ETH_IP || v6) {
            if (v6) {
                in6(f, "src", v, k, Field.IPV6_SRC, verbose);
                in6(f, "dst", v, k, Field.IPV6_DST, verbose);
                long lm = k[Slot.IPV6_LABEL.ordinal()] & 0xfffff;
                if (verbose || lm != 0) { // format_ipv6_label()
                    f.append("label=").append(MatchFormat.hex(v[Slot.IPV6_LABEL.ordinal()] & 0xfffff))
                            .append(lm == 0xfffff ? "" : "/" + MatchFormat.hex(lm)).append(',');
                }
            } else {
                ipv4(f, "src", v, k, Slot.NW_SRC, verbose);
                ipv4(f, "dst", v, k, Slot.NW_DST, verbose);
            }
            dec(f, "proto", v, k, Slot.NW_PROTO, 0xff, verbose);
            hex(f, v6 ? "tclass" : "tos", v, k, Slot.NW_TOS, verbose);
            dec(f, v6 ? "hlimit" : "ttl", v, k, Slot.NW_TTL, 0xff, verbose);
            long frag = v[Slot.NW_FRAG.ordinal()];
            if (k[Slot.NW_FRAG.ordinal()] != 0) { // format_frag(): with its mask alone
                f.append("frag=").append(frag == 0 ? "no" : frag == 1 ? "first" : "later").append(',');
            }
            attr(s, v6 ? "ipv6" : "ipv4", f);
            int proto = (int) v[Slot.NW_PROTO.ordinal()];
            boolean icmp = proto == (v6 ? Match.PROTO_ICMPV6 : Match.PROTO_ICMP);
            if (frag == 3) {
                return; // odp_flow_key_from_flow(): a later fragment's key has no L4
            }
            if (proto == Match.PROTO_TCP || proto == Match.PROTO_UDP || proto == Match.PROTO_SCTP) {
                dec(f, "src", v, k, Slot.TP_SRC, 0xffff, verbose);
                dec(f, "dst", v, k, Slot.TP_DST, 0xffff, verbose);
                attr(s, proto == Match.PROTO_TCP ? "tcp" : proto == Match.PROTO_UDP ? "udp" : "sctp", f);
            } else if (icmp) {
                dec(f, "type", v, k, Slot.TP_SRC, 0xff, verbose);
                dec(f, "code", v, k, Slot.TP_DST, 0xff, verbose);
                attr(s, v6 ? "icmpv6" : "icmp", f);
                long t = v[Slot.TP_SRC.ordinal()];
                if (v6 && v[Slot.TP_DST.ordinal()] == 0 && (t == 135 || t == 136)) { // the key's nd(), by value
                    in6(f, "target", v, k, Field.ND_TARGET, verbose);
                    eth(f, "sll", v, k, Slot.ARP_SHA, verbose);
                    eth(f, "tll", v, k, Slot.ARP_THA, verbose);
                    attr(s, "nd", f);
                }
            }
            long tf = v[Slot.TCP_FLAGS.ordinal()], tm = k[Slot.TCP_FLAGS.ordinal()];
            if (proto == Match.PROTO_TCP && (tf != 0 || tm != 0) && (verbose || tm != 0)) { // the key has them when
                s.append("tcp_flags(").append(tm == 0 ? "0/0" : tcpFlags(tf, tm)).append("),"); // either is set
            }
        } else if (type == Match.ETH_ARP || type == Match.ETH_RARP) { // odp_flow_key_from_flow(): arp() for both
            ipv4(f, "sip", v, k, Slot.NW_SRC, verbose);
            ipv4(f, "tip", v, k, Slot.NW_DST, verbose);
            dec(f, "op", v, k, Slot.NW_PROTO, 0xff, verbose);
            eth(f, "sha", v, k, Slot.ARP_SHA, verbose);
            eth(f, "tha", v, k, Slot.ARP_THA, verbose);
            attr(s, "arp", f);
        } else if (Packet.isMpls(type)) { // odp_flow_key_from_flow(): the key's entries down to BOS
            int n = Mpls.count(v, null);
            boolean matched = false;
            for (int i = 0; i < n; i++) {
                matched |= k[Packet.MPLS_LSES[i].ordinal()] != 0;
            }
            if (verbose || matched) {
                s.append("mpls(").append(Mpls.key(v, k, n)).append("),");
            }
        }
    }

    // format_in6_addr(): with verbose or a mask, the address and its mask as an address unless exact
    private static void in6(StringBuilder s, String name, long[] v, long[] k, Field f, boolean verbose) {
        U128 a = f.value(v), m = f.value(k);
        if (verbose || !m.isZero()) {
            s.append(name).append('=').append(new Ipv6Address(a.hi(), a.lo()))
                    .append(m.equals(f.ones()) ? "" : "/" + new Ipv6Address(m.hi(), m.lo())).append(',');
        }
    }

    // format_eth(): with verbose or a mask, the address and its mask unless exact
    private static void eth(StringBuilder s, String name, long[] v, long[] k, Slot f, boolean verbose) {
        long m = k[f.ordinal()];
        if (verbose || m != 0) {
            s.append(name).append('=').append(MatchFormat.mac(v[f.ordinal()]))
                    .append(m == f.max ? "" : "/" + MatchFormat.mac(m)).append(',');
        }
    }

    // format_ipv4()
    private static void ipv4(StringBuilder s, String name, long[] v, long[] k, Slot f, boolean verbose) {
        long m = k[f.ordinal()];
        if (verbose || m != 0) {
            s.append(name).append('=').append(MatchFormat.ip(v[f.ordinal()]))
                    .append(m == f.max ? "" : "/" + MatchFormat.ip(m)).append(',');
        }
    }

    // format_u8x(): a "%#x" value and mask, the mask left out when exact
    private static void hex(StringBuilder s, String name, long[] v, long[] k, Slot f, boolean verbose) {
        long m = k[f.ordinal()];
        if (verbose || m != 0) {
            s.append(name).append('=').append(MatchFormat.hex(v[f.ordinal()]))
                    .append(m == f.max ? "" : "/" + MatchFormat.hex(m)).append(',');
        }
    }

    // format_u8u(), format_be16(): a decimal value, a "%#x" mask unless it is {@code full}
    private static void dec(StringBuilder s, String name, long[] v, long[] k, Slot f, long full, boolean verbose) {
        long m = k[f.ordinal()] & full; // odp_flow_key_from_mask(): the attribute's width (ICMP's u8 of tp_src)
        if (verbose || m != 0) {
            s.append(name).append('=').append(v[f.ordinal()]).append(m == full ? "" : "/" + MatchFormat.hex(m))
                    .append(',');
        }
    }

    /**
     * A megaflow key's Ethernet type: odp_flow_key_from_flow() puts no OVS_KEY_ATTR_ETHERTYPE in the key of a frame
     * without one (FLOW_DL_TYPE_NONE, an 802.3 length) but exports its mask exact, "eth_type(0/0xffff)".
     */
    static String ethType(long type) {
        return type < 0x600 ? "eth_type(0/0xffff)" : String.format("eth_type(0x%04x)", type);
    }

    /**
     * format_odp_key_attr() of OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4: each member as format_ipv4(), format_u8u() and
     * format_be16() print it (an exact one without its mask; without {@code verbose}, a wildcarded one left out).
     */
    static void ctTuple(StringBuilder s, Conntrack.Key t, Conntrack.Key m, boolean verbose) {
        List<String> parts = new ArrayList<>(5);
        if (t.v6()) { // OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6: format_in6_addr() of each address, the mask an address too
            if (verbose || (m.srcHi() | m.src()) != 0) {
                parts.add("src=" + new Ipv6Address(t.srcHi(), t.src()) + (m.srcHi() == -1L && m.src() == -1L ? ""
                        : "/" + new Ipv6Address(m.srcHi(), m.src())));
            }
            if (verbose || (m.dstHi() | m.dst()) != 0) {
                parts.add("dst=" + new Ipv6Address(t.dstHi(), t.dst()) + (m.dstHi() == -1L && m.dst() == -1L ? ""
                        : "/" + new Ipv6Address(m.dstHi(), m.dst())));
            }
        } else {
            if (verbose || m.src() != 0) {
                parts.add("src=" + MatchFormat.ip(t.src()) + (m.src() == 0xffffffffL ? ""
                        : "/" + MatchFormat.ip(m.src())));
            }
            if (verbose || m.dst() != 0) {
                parts.add("dst=" + MatchFormat.ip(t.dst()) + (m.dst() == 0xffffffffL ? ""
                        : "/" + MatchFormat.ip(m.dst())));
            }
        }
        if (verbose || m.proto() != 0) {
            parts.add("proto=" + t.proto() + (m.proto() == 0xff ? "" : "/" + hexC(m.proto())));
        }
        String src = t.v6() ? "src_port=" : "tp_src=", dst = t.v6() ? "dst_port=" : "tp_dst=";
        if (verbose || m.sport() != 0) {
            parts.add(src + t.sport() + (m.sport() == 0xffff ? "" : "/" + hexC(m.sport())));
        }
        if (verbose || m.dport() != 0) {
            parts.add(dst + t.dport() + (m.dport() == 0xffff ? "" : "/" + hexC(m.dport())));
        }
        s.append(t.v6() ? "ct_tuple6(" : "ct_tuple4(").append(String.join(",", parts)).append("),");
    }

    // printf's %#x: 0 without the prefix
    private static String hexC(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    // format_odp_key_attr()'s tcp_flags: the flags when the mask has all 12 bits (odp_mask_is_exact()), else +flag
    // and -flag for the masked ones
    static String tcpFlags(long f, long m) {
        return m == 0xfff ? MatchFormat.flags(f, MatchFormat.TCP_FLAG_NAMES, '|')
                : MatchFormat.flagsMasked(f, m, MatchFormat.TCP_FLAG_NAMES);
    }

    // format_u128(): ct_label as one 128-bit hex number, the mask after it unless all ones
    static String label(long[] v, long[] k) {
        return label(Field.CT_LABEL.value(v), Field.CT_LABEL.value(k));
    }

    static String label(U128 value, U128 mask) {
        return value.hex() + (mask.equals(Field.CT_LABEL.ones()) ? "" : "/" + mask.hex());
    }

    /** format_odp_actions() with port names: each output action (a bare port number) by its port's name. */
    private static final java.util.regex.Pattern OUTPUT_PORT = java.util.regex.Pattern.compile("output_port=(\\d+)");

    private static final java.util.regex.Pattern TNL_PORT =
            java.util.regex.Pattern.compile("(tnl_port\\(|out_port\\(|^tnl_pop\\()(\\d+)\\)");

    static String actions(String actions, Map<Integer, String> names) {
        java.util.List<String> parts = OdpKey.splitActions(actions);
        if (parts == null) {
            return actions;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            String a = parts.get(i);
            s.append(i == 0 ? "" : ",");
            if (a.startsWith("clone(") && a.endsWith(")")) { // format_odp_clone_action(): its actions named too
                s.append("clone(").append(actions(a.substring(6, a.length() - 1), names)).append(')');
                continue;
            }
            int inner = a.indexOf(",actions(");
            if (a.startsWith("sample(") && inner > 0 && a.endsWith("))")) { // format_odp_sample_action()
                s.append(a, 0, inner + 9).append(actions(a.substring(inner + 9, a.length() - 2), names)).append("))");
                continue;
            }
            if (a.startsWith("userspace(") && a.contains("flow_sample(")) { // odp_portno_name_format() of its port
                java.util.regex.Matcher m = OUTPUT_PORT.matcher(a);
                s.append(m.find() ? a.substring(0, m.start(1))
                        + names.getOrDefault((int) Long.parseLong(m.group(1)), m.group(1)) + a.substring(m.end(1)) : a);
                continue;
            }
            if (a.startsWith("tnl_push(") || a.startsWith("tnl_pop(")) { // odp_portno_name_format() of its ports
                java.util.regex.Matcher m = TNL_PORT.matcher(a);
                StringBuilder t = new StringBuilder();
                while (m.find()) {
                    m.appendReplacement(t, m.group(1) + names.getOrDefault(Integer.parseInt(m.group(2)), m.group(2))
                            + ")");
                }
                s.append(m.appendTail(t));
                continue;
            }
            s.append(!a.isEmpty() && a.chars().allMatch(Character::isDigit)
                    ? names.getOrDefault(Integer.parseInt(a), a) : a);
        }
        return s.toString();
    }

    // packet_format_tcp_flags(): tcpdump's letters, then the three reserved bits of the 12-bit field in hex
    static String tcpFlags(long f) {
        StringBuilder s = new StringBuilder();
        String[] c = {"S", "F", "P", "R", "U", ".", "E", "C", "N", "[200]", "[400]", "[800]"};
        int[] bit = {0x002, 0x001, 0x008, 0x004, 0x020, 0x010, 0x040, 0x080, 0x100, 0x200, 0x400, 0x800};
        for (int i = 0; i < c.length; i++) {
            if ((f & bit[i]) != 0) {
                s.append(c[i]);
            }
        }
        return s.toString();
    }
}
