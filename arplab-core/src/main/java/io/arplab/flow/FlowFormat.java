package io.arplab.flow;

/** lib/flow.c flow_format(): a flow as ofproto/trace prints it ("Flow:", "Final flow:"). */
final class FlowFormat {
    private FlowFormat() {
    }

    // flow_format(): every field the packet has, metadata only when set
    static String format(long[] f) {
        return format(f, PortMap.NONE);
    }

    // the same with ports by name (ofproto/trace --names)
    static String format(long[] f, PortMap names) {
        Match m = new Match();
        for (Slot s : new Slot[] {Slot.RECIRC_ID, Slot.DP_HASH, Slot.CT_STATE, Slot.CT_ZONE, Slot.CT_MARK, Slot.METADATA,
            Slot.PKT_MARK, Slot.SKB_PRIORITY}) {
            if (f[s.ordinal()] != 0) {
                m.putSlot(s, f[s.ordinal()], s.max);
            }
        }
        if ((f[Slot.CT_LABEL_HI.ordinal()] | f[Slot.CT_LABEL_LO.ordinal()]) != 0) { // ct_label: one 128-bit field
            m.putSlot(Slot.CT_LABEL_HI, f[Slot.CT_LABEL_HI.ordinal()], -1L);
            m.putSlot(Slot.CT_LABEL_LO, f[Slot.CT_LABEL_LO.ordinal()], -1L);
        }
        for (int i = 0; i < 16; i++) {
            Slot s = Slot.reg(i);
            if (f[s.ordinal()] != 0) {
                m.putSlot(s, f[s.ordinal()], s.max);
            }
        }
        if (f[Slot.IN_PORT.ordinal()] != 0) { // a zero in_port left out, like the other context fields
            m.putSlot(Slot.IN_PORT, f[Slot.IN_PORT.ordinal()], Slot.IN_PORT.max);
        }
        if (f[Slot.PACKET_TYPE.ordinal()] != 0) { // flow_wildcards_init_for_packet(): no L2 fields, no dl_type
            m.putSlot(Slot.PACKET_TYPE, f[Slot.PACKET_TYPE.ordinal()], Slot.PACKET_TYPE.max);
        } else {
            for (Slot s : new Slot[] {Slot.DL_SRC, Slot.DL_DST, Slot.DL_TYPE}) {
                m.putSlot(s, f[s.ordinal()], s.max);
            }
            m.putSlot(Slot.VLAN_TCI, f[Slot.VLAN_TCI.ordinal()], 0xffff);
            if (f[Slot.VLAN_TCI.ordinal()] != 0) { // the VLAN headers up to the first zero one ("always show" it)
                m.putSlot(Slot.VLAN_TCI1, f[Slot.VLAN_TCI1.ordinal()], 0xffff);
            }
        }
        // flow_wildcards_init_for_packet(): a packet type other than Ethernet's fields by its type, pt_ns_type_be(),
        // whatever its namespace
        long pt = f[Slot.PACKET_TYPE.ordinal()];
        int type = (int) (pt != 0 ? pt & 0xffff : f[Slot.DL_TYPE.ordinal()]);
        ctOrig(f, m, type);
        if (type == Match.ETH_IPV6) { // flow_wildcards_init_for_packet(): ND's fields only for ND
            for (Slot s : new Slot[] {Slot.IPV6_SRC_HI, Slot.IPV6_SRC_LO, Slot.IPV6_DST_HI, Slot.IPV6_DST_LO,
                Slot.IPV6_LABEL}) {
                m.putSlot(s, f[s.ordinal()], s.max);
            }
            if (f[Slot.NW_PROTO.ordinal()] == Match.PROTO_ICMPV6 && f[Slot.TP_DST.ordinal()] == 0
                    && (f[Slot.TP_SRC.ordinal()] == Match.ND_NEIGHBOR_SOLICIT
                        || f[Slot.TP_SRC.ordinal()] == Match.ND_NEIGHBOR_ADVERT)) {
                for (Slot s : new Slot[] {Slot.ND_TARGET_HI, Slot.ND_TARGET_LO, Slot.ARP_SHA, Slot.ARP_THA}) {
                    m.putSlot(s, f[s.ordinal()], s.max);
                }
            }
        } else if (type == Match.ETH_MPLS || type == Match.ETH_MPLS_MCAST) {
            for (Slot s : Packet.MPLS_LSES) { // down to the entry with BOS
                m.putSlot(s, f[s.ordinal()], s.max);
                if ((f[s.ordinal()] & Mpls.BOS) != 0) {
                    break;
                }
            }
        }
        if (Packet.isIpAny(type)) {
            for (Slot s : new Slot[] {Slot.NW_SRC, Slot.NW_DST, Slot.NW_PROTO, Slot.NW_TOS, Slot.NW_TTL,
                Slot.NW_FRAG}) {
                m.putSlot(s, type == Match.ETH_IP || s.bits <= 8 ? f[s.ordinal()] : 0,
                        type == Match.ETH_IP || s.bits <= 8 ? s.max : 0);
            }
            int proto = (int) f[Slot.NW_PROTO.ordinal()];
            if (type == Match.ETH_IPV6 && proto == Match.PROTO_ICMPV6) {
                // is_nd(flow, wc), even for a later fragment: the ICMPv6 code, and the type when the code is 0
                m.putSlot(Slot.TP_DST, f[Slot.TP_DST.ordinal()], 0xffff);
                if (f[Slot.TP_DST.ordinal()] == 0) {
                    m.putSlot(Slot.TP_SRC, f[Slot.TP_SRC.ordinal()], 0xffff);
                }
            }
            // no transport header in later fragments
            if ((f[Slot.NW_FRAG.ordinal()] & 2) == 0 && (proto == Match.PROTO_TCP || proto == Match.PROTO_UDP
                    || proto == Match.PROTO_SCTP || proto == Match.PROTO_ICMP || proto == Match.PROTO_ICMPV6
                    || proto == Match.PROTO_IGMP)) {
                m.putSlot(Slot.TP_SRC, f[Slot.TP_SRC.ordinal()], 0xffff);
                m.putSlot(Slot.TP_DST, f[Slot.TP_DST.ordinal()], 0xffff);
                if (proto == Match.PROTO_TCP) {
                    m.putSlot(Slot.TCP_FLAGS, f[Slot.TCP_FLAGS.ordinal()], 0xfff);
                }
            }
        } else if (type == Match.ETH_ARP || type == Match.ETH_RARP) {
            for (Slot s : new Slot[] {Slot.NW_SRC, Slot.NW_DST, Slot.NW_PROTO, Slot.ARP_SHA, Slot.ARP_THA}) {
                m.putSlot(s, f[s.ordinal()], s.max);
            }
        }
        String text = MatchFormat.format(m, MatchFormat.DEFAULT_PRIORITY, names, f[Slot.RECIRC_ID.ordinal()] != 0);
        // match_format(): format_flow_tunnel() after the registers, before metadata and in_port
        String tunnel = Tunnel.flowFormat(f);
        int at = -1;
        for (String next : new String[] {"in_port=", "metadata="}) {
            int i = text.startsWith(next) ? 0 : text.indexOf("," + next) + 1;
            at = i > 0 || text.startsWith(next) ? i : at;
        }
        return tunnel.isEmpty() || at < 0 ? text : text.substring(0, at) + tunnel + text.substring(at);
    }

    // flow_format(): the conntrack original tuple of an IP packet when is_ct_valid() and ct_nw_proto is set
    private static void ctOrig(long[] f, Match m, int type) {
        long state = f[Slot.CT_STATE.ordinal()], dl = f[Slot.DL_TYPE.ordinal()];
        boolean valid = Conntrack.validMatch(state, Slot.CT_STATE.max); // flow_format(): the whole state masked
        boolean kept = valid && f[Slot.CT_NW_PROTO.ordinal()] != 0;
        // the addresses stay when the flow's own dl_type is not the packet type's (an L3 packet's FLOW_DL_TYPE_NONE)
        if (type == Match.ETH_IP && (kept || dl != Match.ETH_IP)) {
            for (Slot s : new Slot[] {Slot.CT_NW_SRC, Slot.CT_NW_DST}) {
                m.putSlot(s, f[s.ordinal()], s.max);
            }
        } else if (type == Match.ETH_IPV6 && (kept || dl != Match.ETH_IPV6)) {
            for (Slot s : new Slot[] {Slot.CT_IPV6_SRC_HI, Slot.CT_IPV6_SRC_LO, Slot.CT_IPV6_DST_HI,
                Slot.CT_IPV6_DST_LO}) {
                m.putSlot(s, f[s.ordinal()], s.max);
            }
        }
        if (kept && Packet.isIpAny(type)) {
            for (Slot s : new Slot[] {Slot.CT_NW_PROTO, Slot.CT_TP_SRC, Slot.CT_TP_DST}) {
                m.putSlot(s, f[s.ordinal()], s.max);
            }
        }
    }
}
