package io.arplab.flow;

import io.arplab.wire.Ipv6Address;

/** How OVS prints a match (lib/match.c match_format) and field values (lib/meta-flow.c mf_format). */
public final class MatchFormat {
    public static final int DEFAULT_PRIORITY = 32768;
    static final String[] CT_STATE_NAMES = {"new", "est", "rel", "rpl", "inv", "trk", "snat", "dnat"};
    // packet_tcp_flag_to_string(): the three reserved bits too
    static final String[] TCP_FLAG_NAMES = {"fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns", "[200]",
        "[400]", "[800]"};

    private MatchFormat() {}

    /**
     * The match as a flow_mod or flow stats reply of version {@code v} carries it: OXM (OpenFlow 1.2+) says
     * vlan_vid and vlan_pcp, so a VLAN TCI match without the CFI bit loses its PCP bits.
     */
    public static Match onWire(Match m, OfVersion v) {
        return vlanOnWire(fragOnWire(l4OnWire(icmpOnWire(m))), v);
    }

    // nx_put_match(): nw_frag goes out only with an IPv4 or IPv6 match
    private static Match fragOnWire(Match m) {
        if (m.mask(Slot.NW_FRAG) == 0 || m.isIp() || m.dlType() == Match.ETH_IPV6) {
            return m;
        }
        Match n = m.copy();
        n.putSlot(Slot.NW_FRAG, 0, 0);
        return n;
    }

    /**
     * The match as OpenFlow 1.0's own ofp10_match carries it (ofputil_match_to_ofp10_match()), for a flow_mod sent
     * in that format: a VLAN match with the CFI bit clear is "no VLAN" (OFP10_VLAN_NONE), an exact vlan_tci of 0,
     * whatever VID and PCP bits an exact vlan_tci had (ofputil_match_from_ofp10_match()). Its tp_src and tp_dst are
     * 16 bits whatever the protocol: an ICMP type or code above 255 stays as written, where nx_put_raw() sends the
     * low byte (icmpOnWire()).
     */
    /** ofputil_match_to_ofp10_match() and back: OpenFlow 1.0's own fields alone (onOf10Wire()'s VLAN too). */
    public static Match ofp10Match(Match m) {
        Match n = new Match();
        for (Slot s : new Slot[] {Slot.IN_PORT, Slot.VLAN_TCI, Slot.DL_TYPE, Slot.NW_PROTO}) {
            n.putSlot(s, m.value(s), m.mask(s));
        }
        // Ethernet addresses and L4 ports are matched whole or not at all (OFPFW10_DL_*, OFPFW10_TP_*), IPv4
        // addresses down to their mask's lowest bit (ofputil_netmask_to_wcbits())
        for (Slot s : new Slot[] {Slot.DL_SRC, Slot.DL_DST, Slot.TP_SRC, Slot.TP_DST, Slot.NW_SRC, Slot.NW_DST}) {
            long mask = m.mask(s);
            long whole = s == Slot.NW_SRC || s == Slot.NW_DST ? -Long.lowestOneBit(mask) & s.max : mask == 0 ? 0 : s.max;
            n.putSlot(s, m.value(s) & whole, whole);
        }
        n.putSlot(Slot.NW_TOS, m.value(Slot.NW_TOS) & 0xfc, m.mask(Slot.NW_TOS) & 0xfc); // nw_tos: the DSCP bits
        return onOf10Wire(n);
    }

    public static Match onOf10Wire(Match m) {
        long mask = m.mask(Slot.VLAN_TCI);
        if ((mask & Match.VLAN_CFI) == 0 || (m.value(Slot.VLAN_TCI) & Match.VLAN_CFI) != 0
                || mask == 0xffff && m.value(Slot.VLAN_TCI) == 0) {
            return m;
        }
        Match n = m.copy();
        n.putSlot(Slot.VLAN_TCI, 0, 0xffff);
        return n;
    }

    // nx_put_match(): ICMP type and code go out as 8-bit exact fields, the low byte of tp_src/tp_dst
    private static Match icmpOnWire(Match m) {
        boolean icmp = m.mask(Slot.NW_PROTO) != 0 && (m.isIp() && m.value(Slot.NW_PROTO) == Match.PROTO_ICMP
                || m.dlType() == Match.ETH_IPV6 && m.value(Slot.NW_PROTO) == 58);
        if (!icmp || (m.mask(Slot.TP_SRC) == 0 || m.mask(Slot.TP_SRC) == 0xffff && m.value(Slot.TP_SRC) <= 0xff)
                && (m.mask(Slot.TP_DST) == 0 || m.mask(Slot.TP_DST) == 0xffff && m.value(Slot.TP_DST) <= 0xff)) {
            return m;
        }
        Match n = m.copy();
        for (Slot slot : new Slot[] {Slot.TP_SRC, Slot.TP_DST}) {
            if (m.mask(slot) != 0) {
                n.putSlot(slot, m.value(slot) & 0xff, 0xffff);
            }
        }
        return n;
    }

    /**
     * nx_put_raw(): tcp_flags goes out only with TCP; on ICMPv6 whose values make it ND (is_nd(flow, NULL): type 135
     * or 136, code 0) the same bits go out as nd_options_type, the exact low byte, with nd_reserved beside them;
     * otherwise both are left out silently.
     */
    private static Match l4OnWire(Match m) {
        if (m.mask(Slot.TCP_FLAGS) == 0 && m.mask(Slot.ND_RESERVED) == 0) {
            return m;
        }
        int dlType = m.dlType();
        long proto = m.mask(Slot.NW_PROTO) != 0 ? m.value(Slot.NW_PROTO) : 0;
        boolean ipAny = Packet.isIpAny(dlType);
        boolean nd = dlType == Match.ETH_IPV6 && proto == Match.PROTO_ICMPV6 && m.value(Slot.TP_DST) == 0
                && (m.value(Slot.TP_SRC) == 135 || m.value(Slot.TP_SRC) == 136);
        if (ipAny && proto == Match.PROTO_TCP && m.mask(Slot.ND_RESERVED) == 0) {
            return m;
        }
        Match n = m.copy();
        if (!nd) {
            n.putSlot(Slot.ND_RESERVED, 0, 0);
        }
        if (nd && m.mask(Slot.TCP_FLAGS) != 0) {
            n.putSlot(Slot.TCP_FLAGS, m.value(Slot.TCP_FLAGS) & 0xff, Slot.TCP_FLAGS.max);
        } else if (!(ipAny && proto == Match.PROTO_TCP)) {
            n.putSlot(Slot.TCP_FLAGS, 0, 0);
        }
        return n;
    }

    // OXM's vlan_vid and vlan_pcp, which OpenFlow 1.1's flow stats reply carries too (oxm_put_match())
    private static Match vlanOnWire(Match m, OfVersion v) {
        long tciMask = m.mask(Slot.VLAN_TCI);
        if (!v.atLeast(OfVersion.OF11) || tciMask == 0) {
            return m;
        }
        Match n = m.copy();
        long vidMask = tciMask & (Match.VLAN_VID | Match.VLAN_CFI);
        long pcpMask = (tciMask & Match.VLAN_CFI) != 0 && (m.value(Slot.VLAN_TCI) & Match.VLAN_CFI) != 0
                ? tciMask & Match.VLAN_PCP : 0;
        n.putSlot(Slot.VLAN_TCI, m.value(Slot.VLAN_TCI), vidMask | pcpMask);
        return n;
    }

    // match_add_ethernet_prereq(): a field with prerequisites (Ethernet and up) brings packet_type=(0,0) along
    // put_u16_masked() of an exact value: above 9 in hex
    private static String u16Masked(long v) {
        return v > 9 ? "0x" + Long.toHexString(v) : Long.toString(v);
    }

    static boolean ethernet(Match m) {
        for (int i = Slot.DL_DST.ordinal(); i < Slot.ALL.length; i++) {
            if (m.mask(Slot.ALL[i]) != 0 && Slot.ALL[i] != Slot.ACTSET_OUTPUT) {
                return true;
            }
        }
        return false;
    }

    public static String format(Match m, int priority, PortMap names) {
        return format(m, priority, names, false);
    }

    /** With {@code eth}, "eth," (packet_type) follows the metadata, as datapath flows and recirculations show it. */
    public static String format(Match m, int priority, PortMap names, boolean eth) {
        // match_format(): a recirc_id makes it a megaflow, whose default packet_type shows, kept or implied
        eth |= m.mask(Slot.RECIRC_ID) != 0 && (m.ethernetType || ethernet(m));
        StringBuilder s = new StringBuilder();
        if (priority != DEFAULT_PRIORITY) {
            s.append("priority=").append(priority).append(',');
        }
        u32(s, "pkt_mark", m, Slot.PKT_MARK);
        u32(s, "recirc_id", m, Slot.RECIRC_ID);
        u32(s, "dp_hash", m, Slot.DP_HASH);
        if (m.mask(Slot.CONJ_ID) != 0) { // match_format(): always decimal
            s.append("conj_id=").append(m.value(Slot.CONJ_ID)).append(',');
        }
        if (m.mask(Slot.SKB_PRIORITY) != 0) { // match_format(): "%#x"
            s.append("skb_priority=").append(MatchFormat.hex(m.value(Slot.SKB_PRIORITY))).append(',');
        }
        if (m.mask(Slot.ACTSET_OUTPUT) != 0) {
            s.append("actset_output=").append(Ports.format(m.value(Slot.ACTSET_OUTPUT), names)).append(',');
        }
        if (m.mask(Slot.CT_STATE) != 0) {
            s.append("ct_state=");
            if (m.mask(Slot.CT_STATE) == Slot.CT_STATE.max) {
                s.append(flags(m.value(Slot.CT_STATE), CT_STATE_NAMES, '|'));
            } else {
                s.append(flagsMasked(m.value(Slot.CT_STATE), m.mask(Slot.CT_STATE), CT_STATE_NAMES));
            }
            s.append(',');
        }
        u16(s, "ct_zone", m, Slot.CT_ZONE);
        u32(s, "ct_mark", m, Slot.CT_MARK);
        if (m.mask(Slot.CT_LABEL_HI) != 0 || m.mask(Slot.CT_LABEL_LO) != 0) {
            s.append("ct_label=").append(formatValue(Field.CT_LABEL, m.value(Field.CT_LABEL),
                    m.mask(Field.CT_LABEL), PortMap.NONE)).append(',');
        }
        ip(s, "ct_nw_src", m, Slot.CT_NW_SRC);
        ipv6(s, "ct_ipv6_src", m, Field.CT_IPV6_SRC);
        ip(s, "ct_nw_dst", m, Slot.CT_NW_DST);
        ipv6(s, "ct_ipv6_dst", m, Field.CT_IPV6_DST);
        if (m.mask(Slot.CT_NW_PROTO) != 0) { // match_format(): the ports only with the protocol
            s.append("ct_nw_proto=").append(m.value(Slot.CT_NW_PROTO)).append(',');
            be16(s, "ct_tp_src", m, Slot.CT_TP_SRC);
            be16(s, "ct_tp_dst", m, Slot.CT_TP_DST);
        }
        long packetType = m.value(Slot.PACKET_TYPE) & m.mask(Slot.PACKET_TYPE);
        if (packetType != 0) { // format_packet_type_masked(): an L3 packet's type in place of "eth"
            s.append("packet_type=(").append(u16Masked(packetType >>> 16)).append(',')
                    .append(u16Masked(packetType & 0xffff)).append("),");
        } else if (eth) {
            s.append("eth,");
        }
        boolean typeKnown = m.mask(Slot.DL_TYPE) != 0;
        // an L3 packet's fields are named after its type (match_format() reads f->dl_type, masked or not)
        int dlType = (int) (packetType >>> 16 == 1 ? packetType & 0xffff : m.value(Slot.DL_TYPE));
        boolean typeNamed = typeKnown || packetType >>> 16 == 1;
        boolean skipType = false, skipProto = false;
        long proto = m.value(Slot.NW_PROTO);
        boolean protoExact = m.mask(Slot.NW_PROTO) != 0;
        if (typeKnown && dlType == Match.ETH_IP) {
            skipType = true;
            String p = "ip";
            if (protoExact) {
                skipProto = true;
                p = switch ((int) proto) {
                    case Match.PROTO_ICMP -> "icmp"; // match_format() has no igmp: ip,nw_proto=2
                    case Match.PROTO_TCP -> "tcp";
                    case Match.PROTO_UDP -> "udp";
                    case Match.PROTO_SCTP -> "sctp";
                    default -> {
                        skipProto = false;
                        yield "ip";
                    }
                };
            }
            s.append(p).append(',');
        } else if (typeKnown && dlType == Match.ETH_IPV6) {
            skipType = true;
            String p = "ipv6";
            if (protoExact) {
                skipProto = true;
                p = switch ((int) proto) {
                    case 58 -> "icmp6";
                    case Match.PROTO_TCP -> "tcp6";
                    case Match.PROTO_UDP -> "udp6";
                    case Match.PROTO_SCTP -> "sctp6";
                    default -> {
                        skipProto = false;
                        yield "ipv6";
                    }
                };
            }
            s.append(p).append(',');
        } else if (typeKnown && dlType == Match.ETH_RARP) {
            skipType = true;
            s.append("rarp,");
        } else if (typeKnown && dlType == Match.ETH_ARP) {
            skipType = true;
            s.append("arp,");
        } else if (typeKnown && dlType == 0x8847) {
            skipType = true;
            s.append("mpls,");
        } else if (typeKnown && dlType == 0x8848) {
            skipType = true;
            s.append("mplsm,");
        }
        for (int i = 0; i < 16; i++) {
            u32(s, "reg" + i, m, Slot.reg(i));
        }
        if (m.mask(Slot.TUN_ID) != 0) {
            s.append("tun_id=").append(hex64(m.value(Slot.TUN_ID)));
            if (m.mask(Slot.TUN_ID) != -1L) {
                s.append('/').append(hex64(m.mask(Slot.TUN_ID)));
            }
            s.append(',');
        }
        ip(s, "tun_src", m, Slot.TUN_SRC);
        ip(s, "tun_dst", m, Slot.TUN_DST);
        ipv6(s, "tun_ipv6_src", m, Field.TUN_IPV6_SRC);
        ipv6(s, "tun_ipv6_dst", m, Field.TUN_IPV6_DST);
        if (m.mask(Slot.TUN_TOS) != 0) { // format_flow_tunnel(): tun_tos in hex without 0x
            s.append("tun_tos=").append(Long.toHexString(m.value(Slot.TUN_TOS))).append(',');
        }
        if (m.mask(Slot.TUN_TTL) != 0) {
            s.append("tun_ttl=").append(m.value(Slot.TUN_TTL)).append(',');
        }
        long tunFlags = m.mask(Slot.TUN_FLAGS) & Tunnel.FLAGS_MASK;
        if (tunFlags != 0) { // format_flags_masked(): all flags masked print as flags, else +/- each
            s.append("tun_flags=").append(tunFlags == Tunnel.FLAGS_MASK
                    ? flags(m.value(Slot.TUN_FLAGS) & tunFlags, Tunnel.FLAG_NAMES, '|')
                    : flagsMasked(m.value(Slot.TUN_FLAGS), tunFlags, Tunnel.FLAG_NAMES)).append(',');
        }
        // tun_metadata_match_format(): each option matched, NP when it must be absent
        boolean udpif = (m.value(Slot.TUN_FLAGS) & Tunnel.UDPIF) != 0;
        for (int i = 0; i < TunMetadata.FIELDS && !udpif; i++) {
            if ((m.mask(Slot.TUN_METADATA_PRESENT) >>> i & 1) == 0) {
                continue;
            }
            long v = m.value(Slot.ALL[Slot.TUN_METADATA0.ordinal() + i]);
            long mask = m.mask(Slot.ALL[Slot.TUN_METADATA0.ordinal() + i]);
            s.append("tun_metadata").append(i);
            if ((m.value(Slot.TUN_METADATA_PRESENT) >>> i & 1) == 0) {
                s.append("=NP");
            } else if (mask != 0) {
                s.append('=').append(TunMetadata.putHex(v));
                if (mask != -1L) {
                    s.append('/').append(TunMetadata.putHex(mask));
                }
            }
            s.append(',');
        }
        if (m.mask(Slot.METADATA) != 0) {
            s.append("metadata=").append(hex64(m.value(Slot.METADATA)));
            if (m.mask(Slot.METADATA) != -1L) {
                s.append('/').append(hex64(m.mask(Slot.METADATA)));
            }
            s.append(',');
        }
        if (m.mask(Slot.IN_PORT) != 0) {
            s.append("in_port=").append(Ports.format(m.value(Slot.IN_PORT), names)).append(',');
        }
        Slot[] tags = {Slot.VLAN_TCI, Slot.VLAN_TCI1};
        for (int i = 0; i < tags.length && m.mask(tags[i]) != 0; i++) { // dl_vlan, dl_vlan1 ...
            long tci = m.value(tags[i]), tciMask = m.mask(tags[i]);
            String n = i == 0 ? "" : Integer.toString(i);
            long vidMask = tciMask & Match.VLAN_VID, pcpMask = tciMask & Match.VLAN_PCP;
            boolean cfi = (tciMask & Match.VLAN_CFI) != 0;
            if (cfi && (tci & Match.VLAN_CFI) != 0 && (vidMask == 0 || vidMask == Match.VLAN_VID)
                    && (pcpMask == 0 || pcpMask == Match.VLAN_PCP) && (vidMask != 0 || pcpMask != 0)) {
                if (vidMask != 0) {
                    s.append("dl_vlan").append(n).append('=').append(tci & Match.VLAN_VID).append(',');
                }
                if (pcpMask != 0) {
                    s.append("dl_vlan_pcp").append(n).append('=').append(tci >> 13).append(',');
                }
            } else if (tciMask == 0xffff) {
                s.append(String.format("vlan_tci%s=0x%04x,", n, tci));
            } else {
                s.append(String.format("vlan_tci%s=0x%04x/0x%04x,", n, tci, tciMask));
            }
        }
        eth(s, "dl_src", m, Slot.DL_SRC);
        eth(s, "dl_dst", m, Slot.DL_DST);
        if (!skipType && typeKnown) {
            s.append(String.format("dl_type=0x%04x,", dlType));
        }
        boolean arp = typeNamed && (dlType == Match.ETH_ARP || dlType == Match.ETH_RARP);
        if (arp) {
            ip(s, "arp_spa", m, Slot.NW_SRC);
            ip(s, "arp_tpa", m, Slot.NW_DST);
        } else if (typeNamed && dlType == Match.ETH_IPV6) {
            ipv6(s, "ipv6_src", m, Field.IPV6_SRC);
            ipv6(s, "ipv6_dst", m, Field.IPV6_DST);
            long label = m.value(Slot.IPV6_LABEL), labelMask = m.mask(Slot.IPV6_LABEL);
            if (labelMask == 0xffffffffL) {
                s.append(String.format("ipv6_label=0x%05x,", label));
            } else if (labelMask != 0) {
                s.append(String.format("ipv6_label=0x%05x/0x%05x,", label, labelMask));
            }
        } else {
            ip(s, "nw_src", m, Slot.NW_SRC);
            ip(s, "nw_dst", m, Slot.NW_DST);
        }
        if (!skipProto && protoExact) {
            s.append(arp ? "arp_op=" : "nw_proto=").append(proto).append(',');
        }
        if (arp) {
            eth(s, "arp_sha", m, Slot.ARP_SHA);
            eth(s, "arp_tha", m, Slot.ARP_THA);
        }
        long tosMask = m.mask(Slot.NW_TOS), tos = m.value(Slot.NW_TOS);
        if ((tosMask & 0xfc) != 0) {
            s.append("nw_tos=").append(tos & 0xfc).append(',');
        }
        if ((tosMask & 0x03) != 0) {
            s.append("nw_ecn=").append(tos & 0x03).append(',');
        }
        if (m.mask(Slot.NW_TTL) != 0) {
            s.append("nw_ttl=").append(m.value(Slot.NW_TTL)).append(',');
        }
        long lse = m.value(Slot.MPLS_LSE), lseMask = m.mask(Slot.MPLS_LSE);
        if ((lseMask & 0xfffff000L) != 0) {
            s.append("mpls_label=").append(lse >>> 12).append(',');
        }
        if ((lseMask & 0xe00) != 0) {
            s.append("mpls_tc=").append((lse >> 9) & 7).append(',');
        }
        if ((lseMask & 0xff) != 0) {
            s.append("mpls_ttl=").append(lse & 0xff).append(',');
        }
        if ((lseMask & 0x100) != 0) {
            s.append("mpls_bos=").append((lse >> 8) & 1).append(',');
        }
        for (Slot x : new Slot[] {Slot.MPLS_LSE1, Slot.MPLS_LSE2}) { // format_be32_masked()
            long v = m.value(x), k = m.mask(x);
            if (k != 0) {
                s.append(x == Slot.MPLS_LSE1 ? "mpls_lse1=" : "mpls_lse2=").append(k == x.max ? Long.toString(v)
                        : String.format("0x%08x/0x%08x", v, k)).append(',');
            }
        }
        long frag = m.value(Slot.NW_FRAG), fragMask = m.mask(Slot.NW_FRAG);
        if (fragMask == 3) {
            s.append("nw_frag=").append((frag & 1) != 0 ? ((frag & 2) != 0 ? "later" : "first")
                    : ((frag & 2) != 0 ? "<error>" : "no")).append(',');
        } else if (fragMask == 1) {
            s.append("nw_frag=").append((frag & 1) != 0 ? "yes" : "no").append(',');
        } else if (fragMask == 2) {
            s.append("nw_frag=").append((frag & 2) != 0 ? "later" : "not_later").append(',');
        }
        // is_ip_any(): get_dl_type(), an Ethernet packet's dl_type or an L3 one's type, none in another namespace
        long ptType = packetType == 0 ? m.value(Slot.DL_TYPE) & m.mask(Slot.DL_TYPE)
                : packetType >>> 16 == 1 ? packetType & 0xffff : -1;
        boolean ipAny = Packet.isIpAny(ptType);
        if (typeNamed && dlType == Match.ETH_IP && proto == Match.PROTO_ICMP) {
            be16(s, "icmp_type", m, Slot.TP_SRC);
            be16(s, "icmp_code", m, Slot.TP_DST);
        } else if (typeNamed && dlType == Match.ETH_IPV6 && proto == Match.PROTO_ICMPV6) {
            be16(s, "icmp_type", m, Slot.TP_SRC);
            be16(s, "icmp_code", m, Slot.TP_DST);
            ipv6(s, "nd_target", m, Field.ND_TARGET);
            eth(s, "nd_sll", m, Slot.ARP_SHA);
            eth(s, "nd_tll", m, Slot.ARP_THA);
            // igmp_group_ip4 and tcp_flags hold them, exact (neither is maskable)
            if (m.mask(Slot.ND_RESERVED) != 0) {
                s.append("nd_reserved=").append(m.value(Slot.ND_RESERVED)).append(',');
            }
            long optMask = m.mask(Slot.TCP_FLAGS); // format_be16_masked(): a set_field's mask is the u8's 0xff
            if (optMask != 0) {
                s.append("nd_options_type=").append(optMask == Slot.TCP_FLAGS.max ? Long.toString(m.value(
                        Slot.TCP_FLAGS)) : "0x" + Long.toHexString(m.value(Slot.TCP_FLAGS)) + "/0x"
                        + Long.toHexString(optMask)).append(',');
            }
        } else {
            be16(s, "tp_src", m, Slot.TP_SRC);
            be16(s, "tp_dst", m, Slot.TP_DST);
        }
        if (ipAny && proto == Match.PROTO_TCP && m.mask(Slot.TCP_FLAGS) != 0) {
            s.append("tcp_flags=");
            if (m.mask(Slot.TCP_FLAGS) == 0xfff) {
                s.append(flags(m.value(Slot.TCP_FLAGS), TCP_FLAG_NAMES, '|'));
            } else {
                s.append(flagsMasked(m.value(Slot.TCP_FLAGS), m.mask(Slot.TCP_FLAGS), TCP_FLAG_NAMES));
            }
            s.append(',');
        }
        if (s.length() > 0 && s.charAt(s.length() - 1) == ',') {
            s.setLength(s.length() - 1);
        }
        return s.toString();
    }

    private static void u32(StringBuilder s, String name, Match m, Slot slot) {
        long mask = m.mask(slot);
        if (mask != 0) {
            s.append(name).append('=').append(hex(m.value(slot)));
            if (mask != 0xffffffffL) {
                s.append('/').append(hex(mask));
            }
            s.append(',');
        }
    }

    private static void u16(StringBuilder s, String name, Match m, Slot slot) {
        long mask = m.mask(slot);
        if (mask != 0) {
            s.append(name).append('=');
            if (mask == 0xffff) {
                s.append(m.value(slot));
            } else {
                s.append(String.format("0x%x/0x%x", m.value(slot), mask));
            }
            s.append(',');
        }
    }

    private static void be16(StringBuilder s, String name, Match m, Slot slot) {
        u16(s, name, m, slot);
    }

    private static void eth(StringBuilder s, String name, Match m, Slot slot) {
        long mask = m.mask(slot);
        if (mask != 0) {
            s.append(name).append('=').append(mac(m.value(slot)));
            if (mask != 0xffff_ffff_ffffL) {
                s.append('/').append(mac(mask));
            }
            s.append(',');
        }
    }

    private static void ip(StringBuilder s, String name, Match m, Slot slot) {
        long mask = m.mask(slot);
        if (mask != 0) {
            s.append(name).append('=').append(ipMasked(m.value(slot), mask)).append(',');
        }
    }

    private static void ipv6(StringBuilder s, String name, Match m, Field f) {
        U128 mask = m.mask(f);
        if (!mask.isZero()) {
            s.append(name).append('=').append(ipv6Masked(m.value(f), mask)).append(',');
        }
    }

    /** lib/packets.c ipv6_format_masked(): inet_ntop(), then "/N" for a CIDR mask, else "/MASK". */
    public static String ipv6Masked(U128 v, U128 mask) {
        String a = new Ipv6Address(v.hi(), v.lo()).toString();
        if (mask.hi() == -1L && mask.lo() == -1L) {
            return a;
        }
        long h = mask.hi(), l = mask.lo();
        int prefix = h != -1L ? Long.numberOfLeadingZeros(~h) : 64 + Long.numberOfLeadingZeros(~l);
        boolean cidr = prefix < 64 ? h == (prefix == 0 ? 0 : -1L << (64 - prefix)) && l == 0
                : l == (prefix == 64 ? 0 : -1L << (128 - prefix));
        return a + "/" + (cidr ? Integer.toString(prefix) : new Ipv6Address(h, l).toString());
    }

    /** C's {@code %#x}: "0" for zero, else "0x..." */
    public static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    static String hex64(long v) {
        return hex(v);
    }

    public static String mac(long v) {
        return String.format("%02x:%02x:%02x:%02x:%02x:%02x", (v >> 40) & 0xff, (v >> 32) & 0xff, (v >> 24) & 0xff,
                (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
    }

    public static String ip(long v) {
        return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
    }

    /** ip_format_masked(): CIDR when the mask is a prefix. */
    public static String ipMasked(long v, long mask) {
        if (mask == 0xffffffffL) {
            return ip(v);
        }
        int prefix = Long.numberOfLeadingZeros(~mask & 0xffffffffL) - 32;
        long asPrefix = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        if (asPrefix == mask) {
            return ip(v) + "/" + prefix;
        }
        return ip(v) + "/" + ip(mask);
    }

    /** format_flags(): names joined by {@code del}, "0" when none. */
    static String flags(long v, String[] names, char del) {
        if (v == 0) {
            return "0";
        }
        StringBuilder s = new StringBuilder();
        long bad = 0; // format_flags(): the bits without a name together, last
        for (int b = 0; b < 32 && v != 0; b++) {
            long bit = 1L << b;
            if ((v & bit) != 0) {
                if (b < names.length) {
                    s.append(s.length() > 0 ? String.valueOf(del) : "").append(names[b]);
                } else {
                    bad |= bit;
                }
                v &= ~bit;
            }
        }
        if (bad != 0) {
            s.append(s.length() > 0 ? String.valueOf(del) : "").append("0x").append(Long.toHexString(bad));
        }
        return s.toString();
    }

    /** format_flags_masked(): +name/-name for each bit of the mask, lowest first. */
    static String flagsMasked(long v, long mask, String[] names) {
        StringBuilder s = new StringBuilder();
        for (int b = 0; b < 32; b++) {
            long bit = 1L << b;
            if ((mask & bit) != 0) {
                s.append((v & bit) != 0 ? '+' : '-').append(b < names.length ? names[b] : "[Unknown]");
            }
        }
        return s.toString();
    }

    /** mf_format() of a value of any width (xxreg, ct_label: hexadecimal). */
    public static String formatValue(Field f, U128 v, U128 mask, PortMap names) {
        if (mask.isZero()) {
            return "ANY";
        } else if (f.kind == Field.Kind.IPV6) {
            return ipv6Masked(v, mask);
        } else if (f.nBits <= 64) {
            return formatValue(f, v.lo(), mask.lo(), names);
        }
        return v.hex() + (mask.and(f.ones()).equals(f.ones()) ? "" : "/" + mask.hex());
    }

    /** mf_format(): a field's value (and mask, when not all ones), as set_field prints it. */
    public static String formatValue(Field f, long v, long mask, PortMap names) {
        if ((mask & f.fullMask()) == 0) {
            return "ANY";
        }
        boolean exact = (mask & f.fullMask()) == f.fullMask();
        return switch (f.kind) {
            case PORT -> Ports.format(v, names);
            case ETH -> mac(v) + (exact ? "" : "/" + mac(mask));
            case IPV4 -> exact ? ip(v) : ipMasked(v, mask);
            case IPV6 -> ipv6Masked(U128.of(v), U128.of(mask));
            case DEC -> v + (exact ? "" : "/" + hex(mask));
            case HEX -> hex(v) + (exact ? "" : "/" + hex(mask));
            case CT_STATE -> exact ? flags(v, CT_STATE_NAMES, '|') : flagsMasked(v, mask, CT_STATE_NAMES);
            case TCP_FLAGS -> exact ? flags(v, TCP_FLAG_NAMES, '|') : flagsMasked(v, mask, TCP_FLAG_NAMES);
            case TUN_FLAGS -> exact ? flags(v, Tunnel.FLAG_NAMES, '|') : flagsMasked(v, mask, Tunnel.FLAG_NAMES);
            case FRAG -> Long.toString(v);
        };
    }
}
