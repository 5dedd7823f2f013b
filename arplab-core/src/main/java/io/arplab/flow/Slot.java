package io.arplab.flow;

/**
 * The members of OVS's {@code struct flow} (lib/flow.h) that arplab models, each a number of bits held in a long.
 * Several match fields share a slot, as in OVS: arp_op is nw_proto, icmp_type is tp_src, dl_vlan is part of vlan_tci.
 * struct flow's vlans[2]: VLAN_TCI and VLAN_TPID the outer tag (the one OpenFlow matches), VLAN_TCI1 and VLAN_TPID1
 * the one a push_vlan moved in (the datapath parses other_config:vlan-limit tags, 1 by default). MPLS_LSE is the
 * outer label stack entry (mpls_lse[0]), MPLS_LSE1 and MPLS_LSE2 the two below it (FLOW_MAX_MPLS_LABELS); IPv6 addresses take two slots each, the first the high 64 bits; ND's
 * source and target link-layer addresses are ARP_SHA and ARP_THA, as in OVS. SKB_PRIORITY is the queue's priority
 * set_queue and enqueue give the packet (dpif_netdev_queue_to_priority(): the queue's number).
 */
public enum Slot {
    // first, the metadata a lookup rarely reads (all before DL_DST, as metadata): the words a megaflow usually
    // matches (recirc_id, in_port, ct_state .. nw_frag, ports) stay close together, in fewer cache lines; the flow_tnl
    // slots (TUN_*) one run, and METADATA .. CONJ_ID another, so that a megaflow's mask clears each with one fill
    // the conntrack original tuple (ct_nw_proto .. ct_tp_dst), a pass's from md.ct_orig_tuple (XlateCt.putOrig());
    // the datapath key carries it as ct_tuple4/ct_tuple6 (a megaflow's ctTuple and ctMask), never in these slots
    CT_NW_PROTO(8), CT_NW_SRC(32), CT_NW_DST(32), CT_IPV6_SRC_HI(64), CT_IPV6_SRC_LO(64), CT_IPV6_DST_HI(64),
    CT_IPV6_DST_LO(64), CT_TP_SRC(16), CT_TP_DST(16),
    // flow_tnl's ipv6_src and ipv6_dst (an IPv6 underlay's outer addresses), high 64 bits first
    TUN_IPV6_SRC_HI(64), TUN_IPV6_SRC_LO(64), TUN_IPV6_DST_HI(64), TUN_IPV6_DST_LO(64),
    // flow_tnl's metadata (lib/tun-metadata.h), a union as in OVS: with FLOW_TNL_F_UDPIF the Geneve options as
    // received (present.len, then the option bytes, big-endian, 8 to a slot); without it present.map and
    // tun_metadata0..7, each mapped option's value in its own slot (arplab maps options of at most 8 bytes)
    TUN_METADATA_PRESENT(64), TUN_METADATA0(64), TUN_METADATA1(64), TUN_METADATA2(64), TUN_METADATA3(64),
    TUN_METADATA4(64), TUN_METADATA5(64), TUN_METADATA6(64), TUN_METADATA7(64),
    TUN_ID(64), TUN_SRC(32), TUN_DST(32), TUN_FLAGS(16), TUN_TOS(8), TUN_TTL(8),
    TUN_TP_SRC(16), TUN_TP_DST(16), // a popped packet's outer UDP ports (flow_tnl's tp_src, tp_dst)
    METADATA(64),
    REG0(32), REG1(32), REG2(32), REG3(32), REG4(32), REG5(32), REG6(32), REG7(32),
    REG8(32), REG9(32), REG10(32), REG11(32), REG12(32), REG13(32), REG14(32), REG15(32),
    CONJ_ID(32), // set only while the classifier looks a conjunctive match's id up
    PKT_MARK(32), SKB_PRIORITY(32), RECIRC_ID(32), DP_HASH(32), IN_PORT(32), CT_STATE(8), CT_ZONE(16), CT_MARK(32), CT_LABEL_HI(64), CT_LABEL_LO(64),
    PACKET_TYPE(32), // (namespace << 16) | type, 0 for Ethernet (PT_ETH); an L3 packet's (1, ethertype)
    DL_DST(48), DL_SRC(48), DL_TYPE(16), VLAN_TCI(16), VLAN_TPID(16), VLAN_TCI1(16), VLAN_TPID1(16),
    MPLS_LSE(32), MPLS_LSE1(32), MPLS_LSE2(32), NW_SRC(32), NW_DST(32), IPV6_SRC_HI(64), IPV6_SRC_LO(64), IPV6_DST_HI(64), IPV6_DST_LO(64),
    IPV6_LABEL(32), NW_PROTO(8), NW_TOS(8), NW_TTL(8), NW_FRAG(2), ND_TARGET_HI(64), ND_TARGET_LO(64), ARP_SHA(48), ARP_THA(48), TP_SRC(16), TP_DST(16), TCP_FLAGS(12),
    ND_RESERVED(32), // igmp_group_ip4: ND's reserved word (the R/S/O flags of an advertisement)
    ACTSET_OUTPUT(16); // the action set's output port while a table is looked up (never in a megaflow)

    public static final Slot[] ALL = values();
    public final int bits;
    public final long max;

    Slot(int bits) {
        this.bits = bits;
        this.max = bits == 64 ? -1L : (1L << bits) - 1;
    }

    public static Slot reg(int i) {
        return ALL[REG0.ordinal() + i];
    }
}
