package io.arplab.flow;

/**
 * OpenFlow 1.1's own match, struct ofp11_match (lib/ofp-match.c's ofputil_match_to_ofp11_match() and
 * ofputil_match_from_ofp11_match()), which an OpenFlow 1.1 flow_mod carries: masked Ethernet and IPv4 addresses,
 * dl_vlan and dl_vlan_pcp, the DSCP bits of nw_tos (nw_ecn goes nowhere), exact L4 ports read only under IPv4 with
 * TCP, UDP, SCTP or ICMP, the MPLS label and TC, metadata. A flow stats reply of 1.1 carries OXM instead.
 */
final class Ofp11Match {
    private Ofp11Match() {}

    // OFPFW11_*: the wildcard bits of the fields without a mask of their own
    private static final int IN_PORT = 1, DL_VLAN = 1 << 1, DL_VLAN_PCP = 1 << 2, DL_TYPE = 1 << 3, NW_TOS = 1 << 4,
            NW_PROTO = 1 << 5, TP_SRC = 1 << 6, TP_DST = 1 << 7, MPLS_LABEL = 1 << 8, MPLS_TC = 1 << 9;
    /** OFPVID11_ANY (a tag, any VID) and OFPVID11_NONE (no tag). */
    private static final int VID_ANY = 0xfffe, VID_NONE = 0xffff;
    private static final long LABEL = 0xfffff000L, TC = 0xe00;

    /** The 88 bytes of ofputil_match_to_ofp11_match(): OFPMT_STANDARD's header, then the fields. */
    static byte[] encode(Match m) {
        int wc = 0;
        OfpEncode.Buf b = new OfpEncode.Buf().put(0, 2).put(88, 2);
        if (m.mask(Slot.IN_PORT) == 0) {
            wc |= IN_PORT;
        }
        long inPort = m.mask(Slot.IN_PORT) == 0 ? 0 : Ports.toOfp11(m.value(Slot.IN_PORT));
        long tci = m.value(Slot.VLAN_TCI), tciMask = m.mask(Slot.VLAN_TCI);
        int vlan = 0, pcp = 0;
        if (tciMask == 0) {
            wc |= DL_VLAN | DL_VLAN_PCP;
        } else if ((tciMask & Match.VLAN_CFI) != 0 && (tci & Match.VLAN_CFI) == 0) {
            vlan = VID_NONE;
            wc |= DL_VLAN_PCP;
        } else {
            vlan = (tciMask & Match.VLAN_VID) == 0 ? VID_ANY : (int) (tci & Match.VLAN_VID);
            if ((tciMask & Match.VLAN_PCP) == 0) {
                wc |= DL_VLAN_PCP;
            } else {
                pcp = (int) (tci >>> 13 & 7);
            }
        }
        wc |= m.mask(Slot.DL_TYPE) == 0 ? DL_TYPE : 0;
        wc |= (m.mask(Slot.NW_TOS) & 0xfc) == 0 ? NW_TOS : 0;
        wc |= m.mask(Slot.NW_PROTO) == 0 ? NW_PROTO : 0;
        wc |= m.mask(Slot.TP_SRC) == 0 ? TP_SRC : 0;
        wc |= m.mask(Slot.TP_DST) == 0 ? TP_DST : 0;
        long lse = m.value(Slot.MPLS_LSE), lseMask = m.mask(Slot.MPLS_LSE);
        wc |= (lseMask & LABEL) == 0 ? MPLS_LABEL : 0;
        wc |= (lseMask & TC) == 0 ? MPLS_TC : 0;
        b.put(inPort, 4).put(wc, 4);
        b.put(m.value(Slot.DL_SRC), 6).put(~m.mask(Slot.DL_SRC), 6);
        b.put(m.value(Slot.DL_DST), 6).put(~m.mask(Slot.DL_DST), 6);
        b.put(vlan, 2).put(pcp, 1).put(0, 1).put(m.value(Slot.DL_TYPE), 2);
        b.put(m.value(Slot.NW_TOS) & 0xfc, 1).put(m.value(Slot.NW_PROTO), 1);
        b.put(m.value(Slot.NW_SRC), 4).put(~m.mask(Slot.NW_SRC), 4);
        b.put(m.value(Slot.NW_DST), 4).put(~m.mask(Slot.NW_DST), 4);
        b.put(m.value(Slot.TP_SRC), 2).put(m.value(Slot.TP_DST), 2);
        b.put((lseMask & LABEL) == 0 ? 0 : lse >>> 12, 4).put((lseMask & TC) == 0 ? 0 : lse >>> 9 & 7, 1).put(0, 3);
        b.put(m.value(Slot.METADATA), 8).put(~m.mask(Slot.METADATA), 8);
        return b.bytes();
    }

    /** The switch's refusal of the match as it decodes it: an ICMP type or code past 8 bits; null if none. */
    static String error(Match m) {
        boolean icmp = m.mask(Slot.DL_TYPE) != 0 && m.value(Slot.DL_TYPE) == Match.ETH_IP
                && m.mask(Slot.NW_PROTO) != 0 && m.value(Slot.NW_PROTO) == Match.PROTO_ICMP;
        return icmp && (m.mask(Slot.TP_SRC) != 0 && m.value(Slot.TP_SRC) >= 0x100
                || m.mask(Slot.TP_DST) != 0 && m.value(Slot.TP_DST) >= 0x100) ? "OFPBMC_BAD_FIELD" : null;
    }

    /** The match as the switch decodes it from what encode() sent (no error: see {@link #error}). */
    static Match onWire(Match m) {
        Match n = new Match();
        copy(m, n, Slot.IN_PORT);
        copy(m, n, Slot.DL_SRC);
        copy(m, n, Slot.DL_DST);
        long tci = m.value(Slot.VLAN_TCI), tciMask = m.mask(Slot.VLAN_TCI);
        if (tciMask != 0) {
            if ((tciMask & Match.VLAN_CFI) != 0 && (tci & Match.VLAN_CFI) == 0) {
                n.putSlot(Slot.VLAN_TCI, 0, 0xffff); // OFPVID11_NONE: only packets without a tag
            } else {
                boolean anyVid = (tciMask & Match.VLAN_VID) == 0; // OFPVID11_ANY: a tag, any VID
                long v = Match.VLAN_CFI | (anyVid ? 0 : tci & Match.VLAN_VID);
                long mask = Match.VLAN_CFI | (anyVid ? 0 : Match.VLAN_VID);
                if ((tciMask & Match.VLAN_PCP) != 0) {
                    v |= tci & Match.VLAN_PCP;
                    mask |= Match.VLAN_PCP;
                }
                n.putSlot(Slot.VLAN_TCI, v, mask);
            }
        }
        copy(m, n, Slot.DL_TYPE);
        int dlType = m.mask(Slot.DL_TYPE) != 0 ? (int) m.value(Slot.DL_TYPE) : 0;
        boolean ipv4 = dlType == Match.ETH_IP;
        if (ipv4 && (m.mask(Slot.NW_TOS) & 0xfc) != 0) {
            n.putSlot(Slot.NW_TOS, m.value(Slot.NW_TOS) & 0xfc, 0xfc); // match_set_nw_dscp()
        }
        if (ipv4 || dlType == Match.ETH_ARP || dlType == Match.ETH_RARP) {
            copy(m, n, Slot.NW_PROTO);
            copy(m, n, Slot.NW_SRC);
            copy(m, n, Slot.NW_DST);
        }
        long proto = m.mask(Slot.NW_PROTO) != 0 ? m.value(Slot.NW_PROTO) : 0;
        if (ipv4 && (proto == Match.PROTO_ICMP || proto == Match.PROTO_TCP || proto == Match.PROTO_UDP
                || proto == Match.PROTO_SCTP)) { // "OF1.1 says explicitly to ignore" the ports of other protocols
            for (Slot s : new Slot[] {Slot.TP_SRC, Slot.TP_DST}) {
                if (m.mask(s) != 0) {
                    n.putSlot(s, m.value(s), s.max);
                }
            }
        }
        if (dlType == Match.ETH_MPLS || dlType == Match.ETH_MPLS_MCAST) {
            long lseMask = m.mask(Slot.MPLS_LSE);
            n.putSlot(Slot.MPLS_LSE, m.value(Slot.MPLS_LSE), (lseMask & LABEL) != 0 ? LABEL : 0);
            if ((lseMask & TC) != 0) {
                n.putSlot(Slot.MPLS_LSE, n.value(Slot.MPLS_LSE) | m.value(Slot.MPLS_LSE) & TC,
                        n.mask(Slot.MPLS_LSE) | TC);
            }
        }
        copy(m, n, Slot.METADATA);
        return n;
    }

    /** match_set_default_packet_type() as the decode calls it: for an Ethernet address, a VLAN or a dl_type. */
    static boolean ethernet(Match m) {
        return (m.mask(Slot.DL_SRC) | m.mask(Slot.DL_DST) | m.mask(Slot.VLAN_TCI) | m.mask(Slot.DL_TYPE)) != 0;
    }

    private static void copy(Match from, Match to, Slot s) {
        to.putSlot(s, from.value(s), from.mask(s));
    }
}
