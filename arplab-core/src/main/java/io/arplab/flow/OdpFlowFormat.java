package io.arplab.flow;

import java.util.Map;

/**
 * dpctl/dump-flows -m as the userspace datapath prints a megaflow (lib/dpctl.c format_dpif_flow() over
 * odp_flow_format() with verbose set): its ufid, every key attribute with its mask, "dp:ovs", and the
 * dp-extra-info dp_netdev_flow_add() records, the 1-bits of each half of the mask's miniflow map.
 */
final class OdpFlowFormat {
    private OdpFlowFormat() {}

    /** The 64-bit words of struct flow (OVS 3.1, lib/flow.h) a slot's bits lie in: {first word, low bits' word}. */
    private static int[] words(Slot s) {
        return switch (s) {
            case TUN_DST -> new int[] {0, 0};
            case TUN_SRC -> new int[] {2, 2};
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
    static String miniflowBits(long[] mask) {
        java.util.BitSet w = new java.util.BitSet(128);
        w.set(55);
        if (mask[Slot.DL_TYPE.ordinal()] != 0) {
            w.set(61);
        }
        for (Slot s : Slot.ALL) {
            long m = mask[s.ordinal()];
            int[] ws = words(s);
            if (m == 0 || ws == null) {
                continue;
            }
            int lowBits = s == Slot.DL_SRC || s == Slot.ARP_THA ? 32 : 64;
            if (lowBits == 64 || (m >>> lowBits) != 0) {
                w.set(ws[0]);
            }
            if (lowBits < 64 && (m & 0xffffffffL) != 0) {
                w.set(ws[1]);
            }
        }
        return "miniflow_bits(" + w.get(0, 64).cardinality() + "," + w.get(64, 128).cardinality() + ")";
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
        long ct = v[Slot.CT_STATE.ordinal()];
        if (v[Slot.DL_TYPE.ordinal()] == Match.ETH_IP && (ct & Conntrack.TRK) != 0 && ((ct & Conntrack.INV) == 0
                || v[Slot.NW_PROTO.ordinal()] != Match.PROTO_ICMP || Conntrack.icmpKeyed(v[Slot.TP_SRC.ordinal()]))) {
            Conntrack.Key t = br.ct.mdTuple();
            return t != null ? t : br.ct.origTuple(v, (int) v[Slot.CT_ZONE.ordinal()]);
        }
        return null;
    }

    /** odp_flow_format(verbose): every attribute the userspace datapath's key has, each with its mask. */
    static String key(Ofproto br, long[] v, long[] k, Conntrack.Key t, Map<Integer, String> names) {
        StringBuilder s = new StringBuilder("skb_priority(0/0),");
        String tunnel = Tunnel.key(v, k);
        s.append(tunnel);
        s.append("skb_mark(0/0),");
        s.append("ct_state(").append(hexMasked(v, k, Slot.CT_STATE)).append("),");
        s.append("ct_zone(").append(hexMasked(v, k, Slot.CT_ZONE)).append("),");
        s.append("ct_mark(").append(hexMasked(v, k, Slot.CT_MARK)).append("),");
        s.append("ct_label(").append(label(v, k)).append("),");
        int type = (int) v[Slot.DL_TYPE.ordinal()];
        if (t != null) { // megaflows never match it
            s.append("ct_tuple4(src=").append(MatchFormat.ip(t.src())).append("/0.0.0.0,dst=")
                    .append(MatchFormat.ip(t.dst())).append("/0.0.0.0,proto=").append(t.proto())
                    .append("/0,tp_src=").append(t.sport()).append("/0,tp_dst=").append(t.dport()).append("/0),");
        }
        s.append("recirc_id(").append(MatchFormat.hex(v[Slot.RECIRC_ID.ordinal()])).append("),");
        s.append("dp_hash(").append(hexMasked(v, k, Slot.DP_HASH)).append("),"); // the datapath's hash, kept
        Ofproto.Port in = br.port(v[Slot.IN_PORT.ordinal()]);
        int dp = in == null ? (int) v[Slot.IN_PORT.ordinal()] : in.dpPort;
        s.append("in_port(").append(names.getOrDefault(dp, Integer.toString(dp))).append("),");
        s.append("packet_type(ns=0,id=0),");
        s.append("eth(").append(eth("src", v, k, Slot.DL_SRC)).append(',').append(eth("dst", v, k, Slot.DL_DST))
                .append("),");
        s.append(String.format("eth_type(0x%04x)", type));
        if (type == Match.ETH_IP) {
            s.append(",ipv4(").append(ip("src", v, k, Slot.NW_SRC)).append(',').append(ip("dst", v, k, Slot.NW_DST))
                    .append(",proto=").append(decMasked(v, k, Slot.NW_PROTO, 0xff))
                    .append(",tos=").append(hexMasked(v, k, Slot.NW_TOS))
                    .append(",ttl=").append(decMasked(v, k, Slot.NW_TTL, 0xff));
            long frag = v[Slot.NW_FRAG.ordinal()];
            if (k[Slot.NW_FRAG.ordinal()] != 0) {
                s.append(",frag=").append(frag == 0 ? "no" : frag == 1 ? "first" : "later");
            }
            s.append(')');
            int proto = (int) v[Slot.NW_PROTO.ordinal()];
            if (frag != 3 && (proto == Match.PROTO_TCP || proto == Match.PROTO_UDP || proto == Match.PROTO_SCTP)) {
                s.append(proto == Match.PROTO_TCP ? ",tcp(" : proto == Match.PROTO_UDP ? ",udp(" : ",sctp(")
                        .append("src=").append(decMasked(v, k, Slot.TP_SRC, 0xffff))
                        .append(",dst=").append(decMasked(v, k, Slot.TP_DST, 0xffff)).append(')');
            } else if (frag != 3 && proto == Match.PROTO_ICMP) {
                s.append(",icmp(type=").append(decMasked(v, k, Slot.TP_SRC, 0xff))
                        .append(",code=").append(decMasked(v, k, Slot.TP_DST, 0xff)).append(')');
            }
            long f = v[Slot.TCP_FLAGS.ordinal()], m = k[Slot.TCP_FLAGS.ordinal()];
            if (frag != 3 && proto == Match.PROTO_TCP && (f != 0 || m != 0)) { // the key has them when either is set
                s.append(",tcp_flags(").append(m == 0xfff ? MatchFormat.flags(f, MatchFormat.TCP_FLAG_NAMES, '|')
                        : m == 0 ? "0/0" : MatchFormat.flagsMasked(f, m, MatchFormat.TCP_FLAG_NAMES)).append(')');
            }
        } else if (type == Match.ETH_ARP || type == Match.ETH_RARP) {
            s.append(",arp(").append(ip("sip", v, k, Slot.NW_SRC)).append(',').append(ip("tip", v, k, Slot.NW_DST))
                    .append(",op=").append(decMasked(v, k, Slot.NW_PROTO, 0xff)).append(',')
                    .append(eth("sha", v, k, Slot.ARP_SHA)).append(',').append(eth("tha", v, k, Slot.ARP_THA))
                    .append(')');
        } else if (Packet.isMpls(type)) {
            s.append(",mpls(").append(Mpls.key(v, k, Mpls.count(v, null))).append(')');
        }
        return s.toString();
    }

    // format_eth(), format_ipv4(): the value, and the mask unless it is exact
    private static String eth(String name, long[] v, long[] k, Slot s) {
        long m = k[s.ordinal()];
        return name + "=" + MatchFormat.mac(v[s.ordinal()]) + (m == s.max ? "" : "/" + MatchFormat.mac(m));
    }

    private static String ip(String name, long[] v, long[] k, Slot s) {
        long m = k[s.ordinal()];
        return name + "=" + MatchFormat.ip(v[s.ordinal()]) + (m == s.max ? "" : "/" + MatchFormat.ip(m));
    }

    // "%#x" values and masks, the mask left out when exact
    private static String hexMasked(long[] v, long[] k, Slot s) {
        long m = k[s.ordinal()];
        return MatchFormat.hex(v[s.ordinal()]) + (m == s.max ? "" : "/" + MatchFormat.hex(m));
    }

    // format_u8u(), format_be16(): a decimal value, a "%#x" mask
    private static String decMasked(long[] v, long[] k, Slot s, long full) {
        long m = k[s.ordinal()];
        return v[s.ordinal()] + (m == full ? "" : "/" + MatchFormat.hex(m));
    }

    // format_u128(): ct_label as one 128-bit hex number, the mask after it unless all ones
    static String label(long[] v, long[] k) {
        return label(Field.CT_LABEL.value(v), Field.CT_LABEL.value(k));
    }

    static String label(U128 value, U128 mask) {
        return value.hex() + (mask.equals(Field.CT_LABEL.ones()) ? "" : "/" + mask.hex());
    }

    /** format_odp_actions() with port names: each output action (a bare port number) by its port's name. */
    static String actions(String actions, Map<Integer, String> names) {
        StringBuilder s = new StringBuilder();
        int depth = 0, start = 0;
        for (int i = 0; i <= actions.length(); i++) {
            char c = i < actions.length() ? actions.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String a = actions.substring(start, i);
                s.append(start == 0 ? "" : ",");
                s.append(!a.isEmpty() && a.chars().allMatch(Character::isDigit)
                        ? names.getOrDefault(Integer.parseInt(a), a) : a);
                start = i + 1;
            }
        }
        return s.toString();
    }
}
