package io.arplab.flow;

/**
 * lib/meta-flow.c's prerequisites of a field for a packet being translated: mf_are_prereqs_ok(mf, flow, wc), each
 * field it reads unwildcarded in {@code wc} as it is read, and mf_set_mask_l3_prereqs() for a set_field.
 */
final class FlowPrereqs {
    private FlowPrereqs() {}

    /** A move's source and destination fields are the packet's (the CT ones as is_ct_valid() says). */
    static boolean moveHasFields(Action.Move m, long[] flow, long[] wc) {
        return nd(m.dst().field(), flow, wc) && l4(m.dst().field(), flow, wc) && nd(m.src().field(), flow, wc)
                && l4(m.src().field(), flow, wc)
                && (m.src().field().prereq != Field.Prereq.CT || ok(m.src().field(), flow, wc));
    }

    /**
     * get_dl_type(): an Ethernet packet's dl_type, an L3 packet type's (1, ethertype) Ethertype (a trace's flow
     * given with packet_type= leaves dl_type 0), none (0) for any other.
     */
    static long dlType(long[] flow) {
        long pt = flow[Slot.PACKET_TYPE.ordinal()];
        return pt == 0 ? flow[Slot.DL_TYPE.ordinal()] : pt >>> 16 == 1 ? pt & 0xffff : 0;
    }

    // MFP_ETHERNET and MFP_VLAN_VID's is_ethernet(): the L2 fields and the VLAN of an Ethernet packet alone (the
    // packet type is always exact in a megaflow)
    private static boolean ethernet(Field f, long[] flow) {
        return flow[Slot.PACKET_TYPE.ordinal()] == 0
                || !(f.prereq == Field.Prereq.VLAN || f.prereq == Field.Prereq.NONE && f.hasPrereqs());
    }

    // mf_are_prereqs_ok(mf, flow, wc): the packet has the field, what was read for that unwildcarded
    static boolean ok(Field f, long[] flow, long[] wc) {
        long dl = dlType(flow);
        if (!ethernet(f, flow)) {
            return false;
        }
        return switch (f.prereq) {
            case NONE -> true;
            case CT -> { // is_ct_valid() of a packet: new, est or rpl, all three read
                wc[Slot.CT_STATE.ordinal()] |= Conntrack.VALID_PACKET;
                yield (flow[Slot.CT_STATE.ordinal()] & Conntrack.VALID_PACKET) != 0;
            }
            case VLAN -> {
                wc[Slot.VLAN_TCI.ordinal()] |= Match.VLAN_CFI;
                yield (flow[Slot.VLAN_TCI.ordinal()] & Match.VLAN_CFI) != 0;
            }
            case ARP -> dl == Match.ETH_ARP || dl == Match.ETH_RARP;
            case IPV4 -> dl == Match.ETH_IP;
            case IPV6 -> dl == Match.ETH_IPV6;
            case IP_ANY -> Packet.isIpAny(dl);
            case MPLS -> Packet.isMpls(dl);
            case TCP, UDP, SCTP -> l4(f, flow, wc);
            case ICMPV4 -> {
                if (dl != Match.ETH_IP) {
                    yield false;
                }
                wc[Slot.NW_PROTO.ordinal()] = 0xff;
                yield flow[Slot.NW_PROTO.ordinal()] == Match.PROTO_ICMP;
            }
            default -> nd(f, flow, wc);
        };
    }

    // mf_are_prereqs_ok()'s MFP_TCP, MFP_UDP and MFP_SCTP: is_tcp() and friends (reading nw_proto), and no later
    // fragment (its nw_frag not matched for that)
    // mf_are_prereqs_ok(mf, flow, wc) for the L2 and L3 prerequisites, which a rule's match vouches for until an
    // earlier action or a group's bucket decides what the packet is: the Ethertype alone (always exact in a
    // megaflow), is_vlan() the CFI bit and is_icmpv4() the IPv4 protocol too, unwildcarded
    static boolean l3(Field f, long[] flow, long[] wc) {
        long dl = dlType(flow);
        if (!ethernet(f, flow)) {
            return false;
        }
        return switch (f.prereq) {
            case ARP -> dl == Match.ETH_ARP || dl == Match.ETH_RARP;
            case IPV4 -> dl == Match.ETH_IP;
            case IPV6 -> dl == Match.ETH_IPV6;
            case IP_ANY -> Packet.isIpAny(dl);
            case VLAN -> { // is_vlan(): the CFI bit, unwildcarded
                wc[Slot.VLAN_TCI.ordinal()] |= Match.VLAN_CFI;
                yield (flow[Slot.VLAN_TCI.ordinal()] & Match.VLAN_CFI) != 0;
            }
            case ICMPV4 -> {
                if (dl != Match.ETH_IP) {
                    yield false;
                }
                wc[Slot.NW_PROTO.ordinal()] = 0xff;
                yield flow[Slot.NW_PROTO.ordinal()] == Match.PROTO_ICMP;
            }
            default -> true;
        };
    }

    static boolean l4(Field f, long[] flow, long[] wc) {
        int proto = switch (f.prereq) {
            case TCP -> Match.PROTO_TCP;
            case UDP -> Match.PROTO_UDP;
            case SCTP -> Match.PROTO_SCTP;
            default -> -1;
        };
        if (proto < 0) {
            return true;
        }
        long dl = dlType(flow);
        if (dl != Match.ETH_IP && dl != Match.ETH_IPV6) {
            return false;
        }
        wc[Slot.NW_PROTO.ordinal()] = 0xff;
        return flow[Slot.NW_PROTO.ordinal()] == proto && (flow[Slot.NW_FRAG.ordinal()] & 2) == 0;
    }

    // mf_are_prereqs_ok(mf, flow, wc) for ICMPv6 and ND fields: is_icmpv6() reads nw_proto, is_nd() the ICMP code and
    // then the type, each unwildcarded as it is read
    static boolean nd(Field f, long[] flow, long[] wc) {
        Field.Prereq p = f.prereq;
        if (p != Field.Prereq.ICMPV6 && p != Field.Prereq.ND && p != Field.Prereq.ND_SOLICIT
                && p != Field.Prereq.ND_ADVERT) {
            return true;
        }
        if (dlType(flow) != Match.ETH_IPV6) {
            return false; // is_icmpv6(): nw_proto unwildcarded on IPv6 alone
        }
        wc[Slot.NW_PROTO.ordinal()] = 0xff;
        if (flow[Slot.NW_PROTO.ordinal()] != Match.PROTO_ICMPV6) {
            return false;
        }
        if (p == Field.Prereq.ICMPV6) {
            return true;
        }
        wc[Slot.TP_DST.ordinal()] = 0xffff;
        if (flow[Slot.TP_DST.ordinal()] != 0) {
            return false;
        }
        wc[Slot.TP_SRC.ordinal()] = 0xffff;
        long type = flow[Slot.TP_SRC.ordinal()];
        return p != Field.Prereq.ND_ADVERT && type == Match.ND_NEIGHBOR_SOLICIT
                || p != Field.Prereq.ND_SOLICIT && type == Match.ND_NEIGHBOR_ADVERT;
    }

    /**
     * "Always mask ip proto field" (in Debian's 3.1.0-2): OFPACT_SET_IPV4_SRC/DST, SET_IP_DSCP, SET_IP_ECN and
     * SET_IP_TTL (the legacy actions) match the IP protocol, and so does an OFPACT_SET_FIELD as
     * mf_set_mask_l3_prereqs() says: the IPv4 and IPv6 addresses, the flow label, nw_tos (not the shifted ip_dscp
     * an OpenFlow 1.2+ mod_nw_tos becomes), nw_ecn and nw_ttl of an IP flow, the ARP fields of an ARP flow.
     */
    static void maskL3(Action.SetField f, long[] flow, long[] wc) {
        long type = dlType(flow); // is_ip_any(), get_dl_type()'s
        boolean ip = Packet.isIpAny(type);
        Field m = f.field();
        boolean pin;
        if (f.raw() == Action.Raw.LEGACY) {
            pin = ip && (m == Field.IPV4_SRC || m == Field.IPV4_DST || m == Field.IP_DSCP
                    || m == Field.IP_DSCP_SHIFTED || m == Field.IP_ECN || m == Field.IP_TTL);
        } else {
            pin = ip && (m == Field.IPV4_SRC || m == Field.IPV4_DST || m == Field.IPV6_SRC || m == Field.IPV6_DST
                    || m == Field.IPV6_LABEL || m == Field.IP_DSCP || m == Field.IP_ECN || m == Field.IP_TTL)
                    || type == Match.ETH_ARP && (m == Field.ARP_OP || m == Field.ARP_SHA || m == Field.ARP_THA
                            || m == Field.ARP_SPA || m == Field.ARP_TPA);
        }
        if (pin) {
            wc[Slot.NW_PROTO.ordinal()] = 0xff;
        }
    }
}
