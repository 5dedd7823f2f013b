package io.arplab.flow;

/**
 * The end of a translation's wildcards (ofproto-dpif-xlate.c xlate_wc_finish(), skipped by a failed translation's
 * "goto exit"), and what the datapath's key cannot hold: the megaflow's mask, or the trace's.
 */
final class XlateWc {
    private XlateWc() {
    }

    /** The wildcards as the datapath sees them (registers and metadata are not part of its key), in place. */
    static long[] megaflowMask(Xlate x, boolean datapath) {
        long[] mask = x.wc, initial = x.initial;
        if (x.error != null && !datapath) {
            return mask; // xlate_actions()' "goto exit": a failed translation's trace shows its wildcards unfinished
        }
        boolean tunnel = Tunnel.dstIsSet(initial);
        x.unfinishedWc = x.error != null && (pastTunTab(x) || finishClears(initial, mask, tunnel));
        if (datapath) {
            XlateCt.takeOrigMask(x); // the datapath key's ct_tuple4/ct_tuple6 mask, not its slots
        }
        for (int i = NOT_IN_DATAPATH[0], end = NOT_IN_DATAPATH[NOT_IN_DATAPATH.length - 2]; i <= end; i++) {
            mask[i] = 0; // one run of slots, and the action set's output
        }
        mask[Slot.ACTSET_OUTPUT.ordinal()] = 0;
        if (initial[Slot.PACKET_TYPE.ordinal()] != 0) { // xlate_wc_finish(): no Ethernet addresses for an L3 packet
            mask[Slot.DL_SRC.ordinal()] = 0;
            mask[Slot.DL_DST.ordinal()] = 0;
        }
        if (!tunnel) { // a packet without a tunnel has no tunnel key to match
            for (int i = TUNNEL_KEY[0], end = TUNNEL_KEY[TUNNEL_KEY.length - 1]; i <= end; i++) {
                mask[i] = 0;
            }
        }
        // xlate_wc_finish(): the CFI bit with any of a tag's bits, no bits of a tag the packet does not have (a
        // TPID only where the translation read it); ICMP type and code are 8 bits in the datapath
        for (Slot[] t : TAGS) {
            long tpid = initial[t[1].ordinal()];
            if (tpid != 0x8100 && tpid != 0x88a8) {
                mask[t[0].ordinal()] = 0;
                mask[t[1].ordinal()] = 0;
            } else {
                mask[t[0].ordinal()] |= mask[t[0].ordinal()] != 0 ? Match.VLAN_CFI : 0;
            }
        }
        // xlate_wc_finish(): no label bits for a packet
        // without labels; the datapath's netdev_flow_mask_init() keeps none either (flow_wc_map())
        if (!Packet.isMpls(initial[Slot.DL_TYPE.ordinal()])) {
            for (Slot s : Packet.MPLS_LSES) {
                mask[s.ordinal()] = 0;
            }
        }
        if (isIcmp(initial) && x.error == null) { // xlate_wc_finish(): a failed one keeps 16 bits in the dpcls mask
            mask[Slot.TP_SRC.ordinal()] &= 0xff;
            mask[Slot.TP_DST.ordinal()] &= 0xff;
        }
        if (isLaterFragment(initial)) { // xlate_wc_finish(): a later fragment's ports are 0, not in the key
            mask[Slot.TP_SRC.ordinal()] = 0;
            mask[Slot.TP_DST.ordinal()] = 0;
        }
        return mask;
    }

    // xlate_actions() sets ctx.wc->masks.tunnel.metadata.tab (the bridge's tun_table pointer, whose bits no
    // datapath mask holds) once the recirculation context and the tunnel metadata are taken, and only
    // xlate_wc_finish() clears it: every later failure leaves the pointer for flow_wildcards_has_extra() to find
    private static boolean pastTunTab(Xlate x) {
        return !BEFORE_TUN_TAB.contains(x.error);
    }

    private static final java.util.Set<String> BEFORE_TUN_TAB = java.util.Set.of("No recirculation context",
            "Recirculation conflict", "Invalid tunnel metadata");

    // whether xlate_wc_finish() would clear bits of these wildcards (the datapath's mask cannot hold them)
    private static boolean finishClears(long[] initial, long[] mask, boolean tunnel) {
        for (int i : NOT_IN_DATAPATH) {
            if (mask[i] != 0) {
                return true;
            }
        }
        if (!tunnel) {
            for (int i : TUNNEL_KEY) {
                if (mask[i] != 0) {
                    return true;
                }
            }
        }
        if (!Packet.isMpls(initial[Slot.DL_TYPE.ordinal()])) {
            for (Slot s : Packet.MPLS_LSES) {
                if (mask[s.ordinal()] != 0) {
                    return true;
                }
            }
        }
        long ports = mask[Slot.TP_SRC.ordinal()] | mask[Slot.TP_DST.ordinal()];
        return isLaterFragment(initial) ? ports != 0 : isIcmp(initial) && (ports & ~0xffL) != 0;
    }

    private static boolean isLaterFragment(long[] initial) {
        return (initial[Slot.NW_FRAG.ordinal()] & 2) != 0; // FLOW_NW_FRAG_LATER
    }

    private static boolean isIcmp(long[] initial) {
        return initial[Slot.DL_TYPE.ordinal()] == Match.ETH_IP && initial[Slot.NW_PROTO.ordinal()] == Match.PROTO_ICMP
                || initial[Slot.DL_TYPE.ordinal()] == Match.ETH_IPV6
                && initial[Slot.NW_PROTO.ordinal()] == Match.PROTO_ICMPV6;
    }

    private static final Slot[][] TAGS = {{Slot.VLAN_TCI, Slot.VLAN_TPID}, {Slot.VLAN_TCI1, Slot.VLAN_TPID1}};
    /** The fields the datapath key does not have (registers, metadata), and the tunnel key's. */
    private static final int[] NOT_IN_DATAPATH = java.util.Arrays.stream(Slot.ALL)
            .filter(s -> s.name().startsWith("REG") || s == Slot.METADATA || s == Slot.CONJ_ID
                    || s == Slot.ACTSET_OUTPUT).mapToInt(Slot::ordinal).toArray();
    private static final int[] TUNNEL_KEY = java.util.Arrays.stream(Slot.ALL)
            .filter(s -> s.name().startsWith("TUN_")).mapToInt(Slot::ordinal).toArray();

    static { // Slot's order: the tunnel key one run, the fields before ACTSET_OUTPUT another (filled as runs above)
        if (TUNNEL_KEY[TUNNEL_KEY.length - 1] - TUNNEL_KEY[0] != TUNNEL_KEY.length - 1
                || NOT_IN_DATAPATH[NOT_IN_DATAPATH.length - 1] != Slot.ACTSET_OUTPUT.ordinal()
                || NOT_IN_DATAPATH[NOT_IN_DATAPATH.length - 2] - NOT_IN_DATAPATH[0] != NOT_IN_DATAPATH.length - 2) {
            throw new AssertionError("Slot's tunnel or non-datapath fields are not one run");
        }
    }

    /**
     * flow_wildcards_init_for_packet(), which upcall_cb() takes for the megaflow's mask with megaflows disabled
     * (upcall/disable-megaflows): every field the packet has, exact; metadata, registers and the action set's output
     * wildcarded. The conntrack original tuple goes to the translation's {@code ctOrigMask}, as the key carries it.
     */
    static void forPacket(Xlate x, long[] mask) {
        long[] f = x.initial;
        java.util.Arrays.fill(mask, 0);
        if (Tunnel.dstIsSet(f)) {
            if ((f[Slot.TUN_FLAGS.ordinal()] & io.arplab.wire.Geneve.TNL_KEY) != 0) {
                exact(mask, Slot.TUN_ID);
            }
            exact(mask, Slot.TUN_SRC, Slot.TUN_DST, Slot.TUN_IPV6_SRC_HI, Slot.TUN_IPV6_SRC_LO, Slot.TUN_IPV6_DST_HI,
                    Slot.TUN_IPV6_DST_LO, Slot.TUN_FLAGS, Slot.TUN_TOS, Slot.TUN_TTL, Slot.TUN_TP_SRC, Slot.TUN_TP_DST);
            if ((f[Slot.TUN_FLAGS.ordinal()] & Tunnel.UDPIF) != 0 || f[Slot.TUN_METADATA_PRESENT.ordinal()] != 0) {
                boolean udpif = (f[Slot.TUN_FLAGS.ordinal()] & Tunnel.UDPIF) != 0;
                mask[Slot.TUN_METADATA_PRESENT.ordinal()] = udpif ? -1L : f[Slot.TUN_METADATA_PRESENT.ordinal()];
                for (int i = Slot.TUN_METADATA0.ordinal(); i <= Slot.TUN_METADATA7.ordinal(); i++) {
                    mask[i] = -1L;
                }
            }
        } else if (f[Slot.TUN_ID.ordinal()] != 0) {
            exact(mask, Slot.TUN_ID);
        }
        exact(mask, Slot.SKB_PRIORITY, Slot.PKT_MARK, Slot.CT_STATE, Slot.CT_ZONE, Slot.CT_MARK, Slot.CT_LABEL_HI,
                Slot.CT_LABEL_LO, Slot.RECIRC_ID, Slot.DP_HASH, Slot.IN_PORT, Slot.PACKET_TYPE);
        long pt = f[Slot.PACKET_TYPE.ordinal()], dlType;
        if (pt == 0) {
            exact(mask, Slot.DL_DST, Slot.DL_SRC, Slot.DL_TYPE);
            for (Slot[] t : TAGS) { // the first tag always, each further one while the one before it has a TCI
                exact(mask, t[0], t[1]);
                if (f[t[0].ordinal()] == 0) {
                    break;
                }
            }
            dlType = f[Slot.DL_TYPE.ordinal()];
        } else {
            dlType = pt & 0xffff;
        }
        boolean orig = false;
        if (dlType == Match.ETH_IP) {
            exact(mask, Slot.NW_SRC, Slot.NW_DST);
            orig = true;
        } else if (dlType == Match.ETH_IPV6) {
            exact(mask, Slot.IPV6_SRC_HI, Slot.IPV6_SRC_LO, Slot.IPV6_DST_HI, Slot.IPV6_DST_LO, Slot.IPV6_LABEL);
            long type = f[Slot.TP_SRC.ordinal()];
            if (f[Slot.NW_PROTO.ordinal()] == Match.PROTO_ICMPV6 && f[Slot.TP_DST.ordinal()] == 0
                    && (type == Match.ND_NEIGHBOR_SOLICIT || type == Match.ND_NEIGHBOR_ADVERT)) { // is_nd()
                exact(mask, Slot.ARP_SHA, Slot.ARP_THA, Slot.ND_TARGET_HI, Slot.ND_TARGET_LO);
            } else {
                orig = true;
            }
        } else if (dlType == Match.ETH_ARP || dlType == Match.ETH_RARP) {
            exact(mask, Slot.NW_SRC, Slot.NW_DST, Slot.NW_PROTO, Slot.ARP_SHA, Slot.ARP_THA);
            return;
        } else if (Packet.isMpls(dlType)) {
            for (Slot s : Packet.MPLS_LSES) { // up to the bottom of the stack
                exact(mask, s);
                if ((f[s.ordinal()] & 0x100) != 0) {
                    break;
                }
            }
            return;
        } else {
            return; // an unknown Ethertype
        }
        mask[Slot.NW_FRAG.ordinal()] = 3;
        exact(mask, Slot.NW_TOS, Slot.NW_TTL, Slot.NW_PROTO);
        // ct_nw_proto and the ports for IPv4 and IPv6, the addresses unless the packet is ND: the key's ct_tuple
        int[] slots = XlateCt.origSlots(dlType == Match.ETH_IPV6);
        for (int i = 0; i < slots.length; i++) {
            boolean address = i == 1 || i == 2 || i >= 5;
            x.ctOrigMask[i] = slots[i] < 0 || address && !orig ? 0 : Slot.ALL[slots[i]].max;
        }
        long proto = f[Slot.NW_PROTO.ordinal()];
        if ((f[Slot.NW_FRAG.ordinal()] & 2) == 0 && (proto == Match.PROTO_ICMP || proto == Match.PROTO_ICMPV6
                || proto == Match.PROTO_TCP || proto == Match.PROTO_UDP || proto == Match.PROTO_SCTP
                || proto == Match.PROTO_IGMP)) {
            exact(mask, Slot.TP_SRC, Slot.TP_DST);
            if (proto == Match.PROTO_TCP) {
                exact(mask, Slot.TCP_FLAGS);
            } else if (proto == Match.PROTO_IGMP) {
                exact(mask, Slot.ND_RESERVED); // igmp_group_ip4
            }
        }
    }

    private static void exact(long[] mask, Slot... slots) {
        for (Slot s : slots) {
            mask[s.ordinal()] = s.max;
        }
    }

}
