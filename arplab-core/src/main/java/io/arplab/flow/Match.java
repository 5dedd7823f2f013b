package io.arplab.flow;

import java.util.Arrays;

/** A flow match: values and masks over the {@link Slot}s (OVS's struct match: flow + flow_wildcards). */
public final class Match {
    public static final int ETH_IP = 0x0800, ETH_ARP = 0x0806, ETH_RARP = 0x8035, ETH_IPV6 = 0x86dd;
    public static final int ETH_MPLS = 0x8847, ETH_MPLS_MCAST = 0x8848;
    public static final int PROTO_ICMP = 1, PROTO_TCP = 6, PROTO_UDP = 17, PROTO_SCTP = 132, PROTO_IGMP = 2,
            PROTO_ICMPV6 = 58;
    public static final int ND_NEIGHBOR_SOLICIT = 135, ND_NEIGHBOR_ADVERT = 136;
    public static final int VLAN_CFI = 0x1000, VLAN_VID = 0x0fff, VLAN_PCP = 0xe000;

    final long[] value = new long[Slot.ALL.length];
    final long[] mask = new long[Slot.ALL.length];

    /**
     * packet_type=(0,0) matched exactly, as a parsed protocol, "eth" or field with prerequisites sets it
     * (match_set_default_packet_type(), match_add_ethernet_prereq()); arplab's matches hold Ethernet packets
     * anyway, so only nx_put_raw() reads it, and equals() does not.
     */
    boolean ethernetType;

    public Match copy() {
        Match m = new Match();
        m.ethernetType = ethernetType;
        System.arraycopy(value, 0, m.value, 0, value.length);
        System.arraycopy(mask, 0, m.mask, 0, mask.length);
        return m;
    }

    public long value(Slot s) {
        return value[s.ordinal()];
    }

    public long mask(Slot s) {
        return mask[s.ordinal()];
    }

    /** Sets a slot's bits under {@code m} (others keep their value and mask). */
    public void setSlot(Slot s, long v, long m) {
        int i = s.ordinal();
        m &= s.max;
        mask[i] |= m;
        value[i] = (value[i] & ~m) | (v & m);
    }

    /** Replaces a slot's value and mask entirely. */
    public void putSlot(Slot s, long v, long m) {
        int i = s.ordinal();
        mask[i] = m & s.max;
        value[i] = v & mask[i];
    }

    /** mf_set() of a field of any width (xxreg, ct_label), replacing the field's earlier value. */
    public void set(Field f, U128 v, U128 m) {
        if (f.slots() == 1) {
            set(f, v.lo(), m.lo());
            return;
        }
        U128 all = f.ones();
        f.put(mask, m, all);
        f.put(value, v.and(m), all);
    }

    /** The field's value (as {@link Field#value}) in this match. */
    public U128 value(Field f) {
        return f.value(value);
    }

    /** The field's mask in this match. */
    public U128 mask(Field f) {
        return f.value(mask);
    }

    /** mf_set(): {@code v}/{@code m} in the field's own units, replacing the field's earlier value. */
    public void set(Field f, long v, long m) {
        if (f.slots() > 1) {
            set(f, U128.of(v), U128.of(m));
            return;
        }
        if (f.tunMetadata() >= 0) { // tun_metadata_set_match(): the option present, and its value
            setSlot(Slot.TUN_METADATA_PRESENT, 1L << f.tunMetadata(), 1L << f.tunMetadata());
        }
        switch (f) {
            case DL_VLAN -> { // match_set_dl_vlan(): OFP10_VLAN_NONE (0xffff) is "no VLAN header"
                if (v == 0xffff) {
                    setVlanBits(0xffff, 0, 0xffff);
                } else {
                    setVlanBits(VLAN_VID | VLAN_CFI, (v & VLAN_VID) | VLAN_CFI, VLAN_VID | VLAN_CFI);
                }
            }
            case DL_VLAN_PCP -> setVlanBits(VLAN_PCP | VLAN_CFI, ((v & 7) << 13) | VLAN_CFI, VLAN_PCP | VLAN_CFI);
            case VLAN_VID -> setVlanBits(VLAN_VID | VLAN_CFI, v & 0x1fff, m & 0x1fff);
            case VLAN_PCP -> // match_set_vlan_pcp(): flow_set_vlan_pcp() sets the CFI bit too
                    setVlanBits(VLAN_PCP | VLAN_CFI, ((v & 7) << 13) | VLAN_CFI, VLAN_PCP | VLAN_CFI);
            case IP_DSCP -> replaceBits(Slot.NW_TOS, 0xfc, v & 0xfc, m & 0xfc);
            case IP_DSCP_SHIFTED -> replaceBits(Slot.NW_TOS, 0xfc, (v << 2) & 0xfc, (m << 2) & 0xfc);
            case IP_ECN -> replaceBits(Slot.NW_TOS, 0x3, v & 3, m & 3);
            case ICMPV4_TYPE, ICMPV4_CODE, ICMPV6_TYPE, ICMPV6_CODE -> putSlot(f.slot, v & 0xff, 0xffff); // match_set_icmp_type()
            // match_set_nd_options_type(): match_set_tcp_flags(), the whole of tcp_flags
            case ND_OPTIONS_TYPE -> putSlot(Slot.TCP_FLAGS, v & 0xff, Slot.TCP_FLAGS.max);
            case IPV6_LABEL -> { // mf_set(): a mask covering the 20 label bits is an exact match of the whole 32
                boolean exact = (m & 0xfffff) == 0xfffff;
                putSlot(f.slot, exact ? v : v & m, exact ? 0xffffffffL : m);
            }
            default -> {
                long full = f.fullMask() & f.slot.max;
                replaceBits(f.slot, full << f.shift, (v & full) << f.shift, (m & full) << f.shift);
            }
        }
    }

    private void setVlanBits(long field, long v, long m) {
        replaceBits(Slot.VLAN_TCI, field, v, m);
    }

    private void replaceBits(Slot s, long field, long v, long m) {
        int i = s.ordinal();
        mask[i] = (mask[i] & ~field) | (m & field);
        value[i] = ((value[i] & ~field) | (v & field)) & mask[i];
    }

    /**
     * get_dl_type(): an L3 packet type's (1, ethertype) is its Ethernet type, any other packet type but Ethernet has
     * none (FLOW_DL_TYPE_NONE, here 0).
     */
    public int dlType() {
        long pt = value(Slot.PACKET_TYPE) & mask(Slot.PACKET_TYPE);
        if (pt >>> 16 == 1) {
            return (int) (pt & 0xffff);
        } else if (pt != 0) {
            return 0;
        }
        return mask(Slot.DL_TYPE) != 0 ? (int) value(Slot.DL_TYPE) : 0;
    }

    /** A packet type other than Ethernet (packet_type=(0,0)) matched. */
    public boolean nonEthernet() {
        return (value(Slot.PACKET_TYPE) & mask(Slot.PACKET_TYPE)) != 0;
    }

    public boolean isIp() {
        return dlType() == ETH_IP;
    }

    public boolean isArp() {
        int t = dlType();
        return t == ETH_ARP || t == ETH_RARP;
    }

    /** mf_are_prereqs_ok() for a match: does the match pin down what {@code f} needs? */
    public boolean prereqsOk(Field f) {
        if (f.prereq == Field.Prereq.NONE && f.hasPrereqs() && nonEthernet()) {
            return false; // MFP_ETHERNET: is_ethernet(), the L2 header fields of an Ethernet packet_type alone
        }
        int proto = mask(Slot.NW_PROTO) == 0xff ? (int) value(Slot.NW_PROTO) : -1;
        return switch (f.prereq) {
            case NONE -> true;
            // MFP_CT_VALID: is_ct_valid() of a match: a state bit that implies a connection, or +trk with -inv
            case CT -> Conntrack.validMatch(value(Slot.CT_STATE), mask(Slot.CT_STATE));
            // MFP_VLAN_VID: is_vlan(), an Ethernet packet_type's tag
            case VLAN -> !nonEthernet() && (mask(Slot.VLAN_TCI) & VLAN_CFI) != 0
                    && (value(Slot.VLAN_TCI) & VLAN_CFI) != 0;
            case ARP -> isArp();
            case IPV4 -> isIp();
            case IPV6 -> dlType() == ETH_IPV6;
            case IP_ANY -> isIp() || dlType() == ETH_IPV6;
            case MPLS -> dlType() == ETH_MPLS || dlType() == ETH_MPLS_MCAST;
            // MFP_TCP and friends: no transport header in a later fragment (the flow's value, not its mask)
            case TCP -> (isIp() || dlType() == ETH_IPV6) && proto == PROTO_TCP && (value(Slot.NW_FRAG) & 2) == 0;
            case UDP -> (isIp() || dlType() == ETH_IPV6) && proto == PROTO_UDP && (value(Slot.NW_FRAG) & 2) == 0;
            case SCTP -> (isIp() || dlType() == ETH_IPV6) && proto == PROTO_SCTP && (value(Slot.NW_FRAG) & 2) == 0;
            case ICMPV4 -> isIp() && proto == PROTO_ICMP;
            case ICMPV6 -> dlType() == ETH_IPV6 && proto == PROTO_ICMPV6;
            // flow.h is_nd(): ICMPv6 code 0 and type neighbour solicitation or advertisement (the flow's values)
            case ND, ND_SOLICIT, ND_ADVERT -> dlType() == ETH_IPV6 && proto == PROTO_ICMPV6 && value(Slot.TP_DST) == 0
                    && (f.prereq != Field.Prereq.ND_ADVERT && value(Slot.TP_SRC) == ND_NEIGHBOR_SOLICIT
                        || f.prereq != Field.Prereq.ND_SOLICIT && value(Slot.TP_SRC) == ND_NEIGHBOR_ADVERT);
        };
    }

    /** match_add_ethernet_prereq() and friends are implicit here; this is ofputil_normalize_match__(). */
    public String[] normalize() {
        // the packet type first: an L3 one's dl_type is its own, no Ethernet addresses; another's none at all
        long pt = value(Slot.PACKET_TYPE) & mask(Slot.PACKET_TYPE);
        int dl = pt == 0 || pt >>> 16 == 1 ? dlType() : 0;
        boolean ether = pt == 0, nwAddr = false, tpAddr = false, nwProto = false, ipvx = false, arpSha = false,
                arpTha = false, ipv6 = false, ndTarget = false, mpls = false;
        long proto = value(Slot.NW_PROTO), tpSrc = value(Slot.TP_SRC);
        if (dl == ETH_IP) {
            nwProto = ipvx = nwAddr = true;
            tpAddr = proto == PROTO_TCP || proto == PROTO_UDP || proto == PROTO_SCTP || proto == PROTO_ICMP;
        } else if (dl == ETH_IPV6) {
            nwProto = ipvx = ipv6 = true;
            tpAddr = proto == PROTO_TCP || proto == PROTO_UDP || proto == PROTO_SCTP || proto == PROTO_ICMPV6;
            ndTarget = proto == PROTO_ICMPV6 && (tpSrc == ND_NEIGHBOR_SOLICIT || tpSrc == ND_NEIGHBOR_ADVERT);
            arpSha = ndTarget && tpSrc == ND_NEIGHBOR_SOLICIT;
            arpTha = ndTarget && tpSrc == ND_NEIGHBOR_ADVERT;
        } else if (dl == ETH_ARP || dl == ETH_RARP) {
            nwProto = nwAddr = arpSha = arpTha = true;
        } else if (dl == ETH_MPLS || dl == ETH_MPLS_MCAST) {
            mpls = true;
        }
        Match n = copy();
        if (!ether) {
            n.putSlot(Slot.DL_SRC, 0, 0);
            n.putSlot(Slot.DL_DST, 0, 0);
        }
        if (!nwAddr) {
            n.putSlot(Slot.NW_SRC, 0, 0);
            n.putSlot(Slot.NW_DST, 0, 0);
        }
        if (!tpAddr) {
            n.putSlot(Slot.TP_SRC, 0, 0);
            n.putSlot(Slot.TP_DST, 0, 0);
        }
        if (!nwProto) {
            n.putSlot(Slot.NW_PROTO, 0, 0);
        }
        if (!ipvx) {
            n.putSlot(Slot.NW_TOS, 0, 0);
            n.putSlot(Slot.NW_TTL, 0, 0);
        }
        if (!arpSha) {
            n.putSlot(Slot.ARP_SHA, 0, 0);
        }
        if (!arpTha) {
            n.putSlot(Slot.ARP_THA, 0, 0);
        }
        if (!ipv6) {
            for (Slot x : new Slot[] {Slot.IPV6_SRC_HI, Slot.IPV6_SRC_LO, Slot.IPV6_DST_HI, Slot.IPV6_DST_LO,
                    Slot.IPV6_LABEL}) {
                n.putSlot(x, 0, 0);
            }
        }
        if (!ndTarget) {
            n.putSlot(Slot.ND_TARGET_HI, 0, 0);
            n.putSlot(Slot.ND_TARGET_LO, 0, 0);
        }
        if (!mpls) {
            n.putSlot(Slot.MPLS_LSE, 0, 0);
            n.putSlot(Slot.MPLS_LSE1, 0, 0);
            n.putSlot(Slot.MPLS_LSE2, 0, 0);
        }
        if (Arrays.equals(n.mask, mask)) {
            return null;
        }
        String pre = MatchFormat.format(this, MatchFormat.DEFAULT_PRIORITY, PortMap.NONE);
        // the packet_type=(0,0) a dropped field brought along stays (match_format() shows it after a recirc_id)
        boolean eth = mask(Slot.RECIRC_ID) != 0 && MatchFormat.ethernet(this);
        System.arraycopy(n.value, 0, value, 0, value.length);
        System.arraycopy(n.mask, 0, mask, 0, mask.length);
        return new String[] {pre, MatchFormat.format(this, MatchFormat.DEFAULT_PRIORITY, PortMap.NONE, eth)};
    }

    /** match_wc_init() with every slot exact: the match of one packet's flow. */
    static Match exact(long[] flow) {
        Match m = new Match();
        for (Slot s : Slot.ALL) {
            m.setSlot(s, flow[s.ordinal()], s.max);
        }
        return m;
    }

    /** Does a packet's flow (all slots exact) match? */
    public boolean matches(long[] flow) {
        for (int i = 0; i < mask.length; i++) {
            if (((flow[i] ^ value[i]) & mask[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Match m && Arrays.equals(value, m.value) && Arrays.equals(mask, m.mask);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value) * 31 + Arrays.hashCode(mask);
    }

    @Override
    public String toString() {
        return MatchFormat.format(this, MatchFormat.DEFAULT_PRIORITY, PortMap.NONE);
    }
}
