package io.arplab.flow;

import java.util.HashMap;
import java.util.Map;

/**
 * A match field of ovs-fields(7) (OVS's {@code struct mf_field}, lib/meta-flow.xml): its names, where it lives in
 * the flow ({@link Slot}, bit offset and width), how ovs-ofctl parses and prints its values, its prerequisite, and
 * the OpenFlow 1.0 action that sets it, if any.
 */
public enum Field {
    TUN_ID("tun_id", "tunnel_id", "NXM_NX_TUN_ID", Slot.TUN_ID, 0, 64, 8, Kind.HEX, Prereq.NONE, true, null),
    TUN_SRC("tun_src", null, "NXM_NX_TUN_IPV4_SRC", Slot.TUN_SRC, 0, 32, 4, Kind.IPV4, Prereq.NONE, true, null),
    TUN_DST("tun_dst", null, "NXM_NX_TUN_IPV4_DST", Slot.TUN_DST, 0, 32, 4, Kind.IPV4, Prereq.NONE, true, null),
    TUN_IPV6_SRC("tun_ipv6_src", null, "NXM_NX_TUN_IPV6_SRC", Slot.TUN_IPV6_SRC_HI, 0, 128, 16, Kind.IPV6,
            Prereq.NONE, true, null),
    TUN_IPV6_DST("tun_ipv6_dst", null, "NXM_NX_TUN_IPV6_DST", Slot.TUN_IPV6_DST_HI, 0, 128, 16, Kind.IPV6,
            Prereq.NONE, true, null),
    TUN_FLAGS("tun_flags", null, "NXM_NX_TUN_FLAGS", Slot.TUN_FLAGS, 0, 1, 2, Kind.TUN_FLAGS, Prereq.NONE, true, null),
    TUN_TOS("tun_tos", null, null, Slot.TUN_TOS, 0, 8, 1, Kind.DEC, Prereq.NONE, false, null),
    TUN_TTL("tun_ttl", null, null, Slot.TUN_TTL, 0, 8, 1, Kind.DEC, Prereq.NONE, false, null),
    TUN_METADATA0(Slot.TUN_METADATA0), TUN_METADATA1(Slot.TUN_METADATA1), TUN_METADATA2(Slot.TUN_METADATA2),
    TUN_METADATA3(Slot.TUN_METADATA3), TUN_METADATA4(Slot.TUN_METADATA4), TUN_METADATA5(Slot.TUN_METADATA5),
    TUN_METADATA6(Slot.TUN_METADATA6), TUN_METADATA7(Slot.TUN_METADATA7),
    METADATA("metadata", null, "OXM_OF_METADATA", Slot.METADATA, 0, 64, 8, Kind.HEX, Prereq.NONE, true, null),
    IN_PORT("in_port", null, "NXM_OF_IN_PORT", Slot.IN_PORT, 0, 16, 2, Kind.PORT, Prereq.NONE, false, null),
    REG0(0), REG1(1), REG2(2), REG3(3), REG4(4), REG5(5), REG6(6), REG7(7),
    REG8(8), REG9(9), REG10(10), REG11(11), REG12(12), REG13(13), REG14(14), REG15(15),
    XREG0(0, 2), XREG1(1, 2), XREG2(2, 2), XREG3(3, 2), XREG4(4, 2), XREG5(5, 2), XREG6(6, 2), XREG7(7, 2),
    XXREG0(0, 4), XXREG1(1, 4), XXREG2(2, 4), XXREG3(3, 4),
    PKT_MARK("pkt_mark", null, "NXM_NX_PKT_MARK", Slot.PKT_MARK, 0, 32, 4, Kind.HEX, Prereq.NONE, true, null),
    CONJ_ID("conj_id", null, "NXM_NX_CONJ_ID", Slot.CONJ_ID, 0, 32, 4, Kind.DEC, Prereq.NONE, false, null),
    ACTSET_OUTPUT("actset_output", null, "ONFOXM_ET_ACTSET_OUTPUT", Slot.ACTSET_OUTPUT, 0, 16, 4, Kind.PORT, Prereq.NONE, false, null),
    RECIRC_ID("recirc_id", null, "NXM_NX_RECIRC_ID", Slot.RECIRC_ID, 0, 32, 4, Kind.DEC, Prereq.NONE, false, null),
    DP_HASH("dp_hash", null, "NXM_NX_DP_HASH", Slot.DP_HASH, 0, 32, 4, Kind.HEX, Prereq.NONE, true, null),
    CT_STATE("ct_state", null, "NXM_NX_CT_STATE", Slot.CT_STATE, 0, 32, 4, Kind.CT_STATE, Prereq.NONE, true, null),
    CT_ZONE("ct_zone", null, "NXM_NX_CT_ZONE", Slot.CT_ZONE, 0, 16, 2, Kind.HEX, Prereq.NONE, false, null),
    CT_MARK("ct_mark", null, "NXM_NX_CT_MARK", Slot.CT_MARK, 0, 32, 4, Kind.HEX, Prereq.NONE, true, null),
    CT_LABEL("ct_label", null, "NXM_NX_CT_LABEL", Slot.CT_LABEL_HI, 0, 128, 16, Kind.HEX, Prereq.NONE, true, null),
    CT_NW_PROTO("ct_nw_proto", null, "NXM_NX_CT_NW_PROTO", Slot.CT_NW_PROTO, 0, 8, 1, Kind.DEC, Prereq.CT, false, null),
    CT_NW_SRC("ct_nw_src", null, "NXM_NX_CT_NW_SRC", Slot.CT_NW_SRC, 0, 32, 4, Kind.IPV4, Prereq.CT, true, null),
    CT_NW_DST("ct_nw_dst", null, "NXM_NX_CT_NW_DST", Slot.CT_NW_DST, 0, 32, 4, Kind.IPV4, Prereq.CT, true, null),
    CT_IPV6_SRC("ct_ipv6_src", null, "NXM_NX_CT_IPV6_SRC", Slot.CT_IPV6_SRC_HI, 0, 128, 16, Kind.IPV6, Prereq.CT, true,
            null),
    CT_IPV6_DST("ct_ipv6_dst", null, "NXM_NX_CT_IPV6_DST", Slot.CT_IPV6_DST_HI, 0, 128, 16, Kind.IPV6, Prereq.CT, true,
            null),
    CT_TP_SRC("ct_tp_src", null, "NXM_NX_CT_TP_SRC", Slot.CT_TP_SRC, 0, 16, 2, Kind.DEC, Prereq.CT, true, null),
    CT_TP_DST("ct_tp_dst", null, "NXM_NX_CT_TP_DST", Slot.CT_TP_DST, 0, 16, 2, Kind.DEC, Prereq.CT, true, null),
    ETH_SRC("eth_src", "dl_src", "NXM_OF_ETH_SRC", Slot.DL_SRC, 0, 48, 6, Kind.ETH, Prereq.NONE, true, "mod_dl_src"),
    ETH_DST("eth_dst", "dl_dst", "NXM_OF_ETH_DST", Slot.DL_DST, 0, 48, 6, Kind.ETH, Prereq.NONE, true, "mod_dl_dst"),
    ETH_TYPE("eth_type", "dl_type", "NXM_OF_ETH_TYPE", Slot.DL_TYPE, 0, 16, 2, Kind.HEX, Prereq.NONE, false, null),
    VLAN_TCI("vlan_tci", null, "NXM_OF_VLAN_TCI", Slot.VLAN_TCI, 0, 16, 2, Kind.HEX, Prereq.NONE, true, null),
    DL_VLAN("dl_vlan", null, null, Slot.VLAN_TCI, 0, 12, 2, Kind.DEC, Prereq.NONE, false, null),
    VLAN_VID("vlan_vid", null, "OXM_OF_VLAN_VID", Slot.VLAN_TCI, 0, 13, 2, Kind.DEC, Prereq.NONE, true, "mod_vlan_vid"),
    DL_VLAN_PCP("dl_vlan_pcp", null, null, Slot.VLAN_TCI, 13, 3, 1, Kind.DEC, Prereq.NONE, false, null),
    VLAN_PCP("vlan_pcp", null, "OXM_OF_VLAN_PCP", Slot.VLAN_TCI, 13, 3, 1, Kind.DEC, Prereq.VLAN, false, "mod_vlan_pcp"),
    IPV4_SRC("ip_src", "nw_src", "NXM_OF_IP_SRC", Slot.NW_SRC, 0, 32, 4, Kind.IPV4, Prereq.IPV4, true, "mod_nw_src"),
    IPV4_DST("ip_dst", "nw_dst", "NXM_OF_IP_DST", Slot.NW_DST, 0, 32, 4, Kind.IPV4, Prereq.IPV4, true, "mod_nw_dst"),
    IP_PROTO("nw_proto", "ip_proto", "NXM_OF_IP_PROTO", Slot.NW_PROTO, 0, 8, 1, Kind.DEC, Prereq.IP_ANY, false, null),
    IP_DSCP("nw_tos", null, "NXM_OF_IP_TOS", Slot.NW_TOS, 0, 8, 1, Kind.DEC, Prereq.IP_ANY, false, "mod_nw_tos"),
    IP_DSCP_SHIFTED("ip_dscp", null, "OXM_OF_IP_DSCP", Slot.NW_TOS, 2, 6, 1, Kind.DEC, Prereq.IP_ANY, false, "mod_nw_tos"),
    IP_ECN("nw_ecn", "ip_ecn", "NXM_NX_IP_ECN", Slot.NW_TOS, 0, 2, 1, Kind.DEC, Prereq.IP_ANY, false, null),
    IP_TTL("nw_ttl", null, "NXM_NX_IP_TTL", Slot.NW_TTL, 0, 8, 1, Kind.DEC, Prereq.IP_ANY, false, null),
    IP_FRAG("ip_frag", "nw_frag", "NXM_NX_IP_FRAG", Slot.NW_FRAG, 0, 2, 1, Kind.FRAG, Prereq.IP_ANY, true, null),
    ARP_OP("arp_op", null, "NXM_OF_ARP_OP", Slot.NW_PROTO, 0, 16, 2, Kind.DEC, Prereq.ARP, false, null),
    ARP_SPA("arp_spa", null, "NXM_OF_ARP_SPA", Slot.NW_SRC, 0, 32, 4, Kind.IPV4, Prereq.ARP, true, null),
    ARP_TPA("arp_tpa", null, "NXM_OF_ARP_TPA", Slot.NW_DST, 0, 32, 4, Kind.IPV4, Prereq.ARP, true, null),
    ARP_SHA("arp_sha", null, "NXM_NX_ARP_SHA", Slot.ARP_SHA, 0, 48, 6, Kind.ETH, Prereq.ARP, true, null),
    ARP_THA("arp_tha", null, "NXM_NX_ARP_THA", Slot.ARP_THA, 0, 48, 6, Kind.ETH, Prereq.ARP, true, null),
    TCP_SRC("tcp_src", "tp_src", "NXM_OF_TCP_SRC", Slot.TP_SRC, 0, 16, 2, Kind.DEC, Prereq.TCP, true, "mod_tp_src"),
    TCP_DST("tcp_dst", "tp_dst", "NXM_OF_TCP_DST", Slot.TP_DST, 0, 16, 2, Kind.DEC, Prereq.TCP, true, "mod_tp_dst"),
    TCP_FLAGS("tcp_flags", null, "NXM_NX_TCP_FLAGS", Slot.TCP_FLAGS, 0, 12, 2, Kind.TCP_FLAGS, Prereq.TCP, true, null),
    UDP_SRC("udp_src", null, "NXM_OF_UDP_SRC", Slot.TP_SRC, 0, 16, 2, Kind.DEC, Prereq.UDP, true, "mod_tp_src"),
    UDP_DST("udp_dst", null, "NXM_OF_UDP_DST", Slot.TP_DST, 0, 16, 2, Kind.DEC, Prereq.UDP, true, "mod_tp_dst"),
    ICMPV4_TYPE("icmp_type", null, "NXM_OF_ICMP_TYPE", Slot.TP_SRC, 0, 8, 1, Kind.DEC, Prereq.ICMPV4, false, null),
    ICMPV4_CODE("icmp_code", null, "NXM_OF_ICMP_CODE", Slot.TP_DST, 0, 8, 1, Kind.DEC, Prereq.ICMPV4, false, null),
    MPLS_LABEL("mpls_label", null, "OXM_OF_MPLS_LABEL", Slot.MPLS_LSE, 12, 20, 4, Kind.DEC, Prereq.MPLS, false, null),
    MPLS_TC("mpls_tc", null, "OXM_OF_MPLS_TC", Slot.MPLS_LSE, 9, 3, 1, Kind.DEC, Prereq.MPLS, false, null),
    MPLS_BOS("mpls_bos", null, "OXM_OF_MPLS_BOS", Slot.MPLS_LSE, 8, 1, 1, Kind.DEC, Prereq.MPLS, false, null),
    MPLS_TTL("mpls_ttl", null, "NXM_NX_MPLS_TTL", Slot.MPLS_LSE, 0, 8, 1, Kind.DEC, Prereq.MPLS, false, null),
    IPV6_SRC("ipv6_src", null, "NXM_NX_IPV6_SRC", Slot.IPV6_SRC_HI, 0, 128, 16, Kind.IPV6, Prereq.IPV6, true, null),
    IPV6_DST("ipv6_dst", null, "NXM_NX_IPV6_DST", Slot.IPV6_DST_HI, 0, 128, 16, Kind.IPV6, Prereq.IPV6, true, null),
    IPV6_LABEL("ipv6_label", null, "NXM_NX_IPV6_LABEL", Slot.IPV6_LABEL, 0, 20, 4, Kind.HEX, Prereq.IPV6, true, null),
    SCTP_SRC("sctp_src", null, "OXM_OF_SCTP_SRC", Slot.TP_SRC, 0, 16, 2, Kind.DEC, Prereq.SCTP, true, null),
    SCTP_DST("sctp_dst", null, "OXM_OF_SCTP_DST", Slot.TP_DST, 0, 16, 2, Kind.DEC, Prereq.SCTP, true, null),
    ICMPV6_TYPE("icmpv6_type", null, "NXM_NX_ICMPV6_TYPE", Slot.TP_SRC, 0, 8, 1, Kind.DEC, Prereq.ICMPV6, false, null),
    ICMPV6_CODE("icmpv6_code", null, "NXM_NX_ICMPV6_CODE", Slot.TP_DST, 0, 8, 1, Kind.DEC, Prereq.ICMPV6, false, null),
    ND_TARGET("nd_target", null, "NXM_NX_ND_TARGET", Slot.ND_TARGET_HI, 0, 128, 16, Kind.IPV6, Prereq.ND, true, null),
    ND_SLL("nd_sll", null, "NXM_NX_ND_SLL", Slot.ARP_SHA, 0, 48, 6, Kind.ETH, Prereq.ND_SOLICIT, true, null),
    ND_TLL("nd_tll", null, "NXM_NX_ND_TLL", Slot.ARP_THA, 0, 48, 6, Kind.ETH, Prereq.ND_ADVERT, true, null),
    // OVS keeps them in struct flow's igmp_group_ip4 and tcp_flags (meta-flow.h MFF_ND_RESERVED, MFF_ND_OPTIONS_TYPE)
    ND_RESERVED("nd_reserved", null, "ERICOXM_OF_ICMPV6_ND_RESERVED", Slot.ND_RESERVED, 0, 32, 4, Kind.DEC, Prereq.ND,
            false, null),
    ND_OPTIONS_TYPE("nd_options_type", null, "ERICOXM_OF_ICMPV6_ND_OPTIONS_TYPE", Slot.TCP_FLAGS, 0, 8, 1, Kind.DEC,
            Prereq.ND, false, null),
    // in_port as OpenFlow 1.1+ numbers it (MFF_IN_PORT_OXM, MFS_OFP_PORT_OXM): a match is in_port's, a subfield the
    // 32-bit ofputil_port_to_ofp11() value
    IN_PORT_OXM("in_port_oxm", null, "OXM_OF_IN_PORT", Slot.IN_PORT, 0, 16, 4, Kind.PORT, Prereq.NONE, false, null),
    // the packet's queue priority (MFF_SKB_PRIORITY): no NXM or OXM, so no flow matches it, read-only; traces take it
    SKB_PRIORITY("skb_priority", null, null, Slot.SKB_PRIORITY, 0, 32, 4, Kind.HEX, Prereq.NONE, false, null);

    /** How values are written (OVS's enum mf_string). */
    public enum Kind { DEC, HEX, ETH, IPV4, IPV6, PORT, CT_STATE, FRAG, TCP_FLAGS, TUN_FLAGS }

    /** Fields no OpenFlow protocol carries (mf usable_protocols OFPUTIL_P_NONE), so no flow can match them. */
    static final java.util.Set<Field> NO_PROTOCOL = java.util.EnumSet.of(Field.TUN_TOS, Field.TUN_TTL,
            Field.SKB_PRIORITY);

    /** Fields meta-flow.h marks "Access: read-only" (no set_field to them). */
    static final java.util.Set<Field> READ_ONLY = java.util.EnumSet.of(Field.DP_HASH, Field.RECIRC_ID, Field.CONJ_ID,
            Field.ACTSET_OUTPUT, Field.SKB_PRIORITY,
            Field.TUN_TTL, Field.TUN_TOS, Field.CT_STATE, Field.CT_ZONE, Field.ETH_TYPE, Field.MPLS_BOS, Field.IP_PROTO,
            Field.IP_FRAG, Field.TCP_FLAGS, Field.CT_NW_PROTO, Field.CT_NW_SRC, Field.CT_NW_DST, Field.CT_IPV6_SRC,
            Field.CT_IPV6_DST, Field.CT_TP_SRC, Field.CT_TP_DST);

    /** What the flow must be for the field to have a meaning (OVS's enum mf_prereqs). */
    public enum Prereq { NONE, CT, VLAN, ARP, IPV4, IPV6, IP_ANY, MPLS, TCP, UDP, SCTP, ICMPV4, ICMPV6, ND, ND_SOLICIT, ND_ADVERT }

    public final String name;
    public final String extraName;
    public final String nxmName;
    public final Slot slot;
    public final int shift;
    public final int nBits;
    public final int nBytes;
    public final Kind kind;
    public final Prereq prereq;
    public final boolean maskable;
    /** The OpenFlow 1.0 action that sets this field (mod_dl_src ...), or null: such a set_field goes out as load. */
    public final String legacyAction;
    private final int slots;

    Field(String name, String extraName, String nxmName, Slot slot, int shift, int nBits, int nBytes, Kind kind,
            Prereq prereq, boolean maskable, String legacyAction) {
        this.name = name;
        this.extraName = extraName;
        this.nxmName = nxmName;
        this.slot = slot;
        this.shift = shift;
        this.nBits = nBits;
        this.nBytes = nBytes;
        this.kind = kind;
        this.prereq = prereq;
        this.maskable = maskable;
        this.legacyAction = legacyAction;
        this.slots = slot.bits == 32 && nBits > 32 ? nBits / 32 : nBits > 64 ? nBits / 64 : 1; // xreg, xxreg, ct_label
    }

    // tun_metadata<N> (MFF_TUN_METADATA0 + N): a Geneve option's value, as long as the TLV map makes it
    Field(Slot md) {
        this("tun_metadata" + (md.ordinal() - Slot.TUN_METADATA0.ordinal()), null,
                "NXM_NX_TUN_METADATA" + (md.ordinal() - Slot.TUN_METADATA0.ordinal()), md, 0, 64, 8, Kind.HEX,
                Prereq.NONE, true, null);
    }

    /** The tun_metadata index of this field, or -1. */
    public int tunMetadata() {
        int i = slot.ordinal() - Slot.TUN_METADATA0.ordinal();
        return i >= 0 && i < TunMetadata.FIELDS && nBits == 64 ? i : -1;
    }

    Field(int reg) {
        this("reg" + reg, null, "NXM_NX_REG" + reg, Slot.reg(reg), 0, 32, 4, Kind.HEX, Prereq.NONE, true, null);
    }

    // xreg<N> (OXM_OF_PKT_REG<N>) is reg<2N> and reg<2N+1>, xxreg<N> reg<4N> to reg<4N+3>, the first the most
    // significant (lib/flow.h flow_get_xreg(), flow_get_xxreg())
    Field(int n, int regs) {
        this((regs == 2 ? "xreg" : "xxreg") + n, null, (regs == 2 ? "OXM_OF_PKT_REG" : "NXM_NX_XXREG") + n,
                Slot.reg(n * regs), 0, 32 * regs, 4 * regs, Kind.HEX, Prereq.NONE, true, null);
    }

    /**
     * The name of the OpenFlow 1.0 action a legacy set of this field prints as: SCTP ports have none of their own
     * (a set_field goes out as load), but mod_tp_src/dst on an SCTP match set them; set_mpls_label/tc likewise, and
     * OpenFlow 1.1's mod_nw_ecn.
     */
    public String legacyName() {
        return this == IP_ECN ? "mod_nw_ecn" : this == SCTP_SRC ? "mod_tp_src" : this == SCTP_DST ? "mod_tp_dst" : this == MPLS_LABEL ? "set_mpls_label"
                : this == MPLS_TC ? "set_mpls_tc" : legacyAction;
    }

    /**
     * mf->n_bits, the width move, load and the other subfield users see: vlan_vid's is 12 (meta-flow.h's "be16 (low
     * 12 bits)") though its value, 0x1000|VID with OFPVID_PRESENT, has 13.
     */
    public int subfieldBits() {
        return this == VLAN_VID ? 12 : oxmPort() ? 32 : nBits;
    }

    /**
     * mf_nxm_header() is 0: the field has no NXM or OXM header at all (dl_vlan, dl_vlan_pcp, skb_priority, tun_tos,
     * tun_ttl: nxm_field_by_mf_id() finds none) or only a 64-bit experimenter one, which the NXM-encoded learn,
     * bundle_load and multipath destinations cannot name.
     */
    public boolean experimenterOxm() {
        return nxmName == null || nxmName.startsWith("ONFOXM_ET_");
    }

    /**
     * A port field OpenFlow 1.1+ numbers in 32 bits (MFS_OFP_PORT_OXM: in_port_oxm, actset_output): held as the
     * 16-bit port, seen by subfields as ofputil_port_to_ofp11()'s value.
     */
    public boolean oxmPort() {
        return this == IN_PORT_OXM || this == ACTSET_OUTPUT;
    }

    /** All ones over the field's width (its low 64 bits, for a wider field). */
    public long fullMask() {
        return nBits >= 64 ? -1L : (1L << nBits) - 1;
    }

    /** mf_field.prereqs != MFP_NONE: its own prerequisites, or Ethernet's (MFP_ETHERNET, the L2 header fields). */
    public boolean hasPrereqs() {
        return prereq != Prereq.NONE || this == ETH_SRC || this == ETH_DST || this == ETH_TYPE || this == VLAN_TCI
                || this == DL_VLAN || this == VLAN_VID || this == DL_VLAN_PCP;
    }

    /** How many consecutive slots, from {@link #slot} (the most significant), hold the field. */
    public int slots() {
        return slots;
    }

    /** Bits 64k..64k+63 of the field's value in a struct-flow array {@code a} (values or masks). */
    public long word(long[] a, int k) {
        int n = slots();
        if (n == 1) {
            return k == 0 ? (a[slot.ordinal()] >>> shift) & fullMask() : 0;
        } else if (slot.bits == 64) {
            return k < n ? a[slot.ordinal() + n - 1 - k] : 0;
        }
        int low = slot.ordinal() + n - 1 - 2 * k; // 32-bit registers, two to a word
        return low < slot.ordinal() ? 0 : (low > slot.ordinal() ? a[low - 1] << 32 : 0) | (a[low] & 0xffffffffL);
    }

    /** Replaces the bits {@code m} of word {@code k} (as {@link #word}) of the field in {@code a} with {@code v}'s. */
    public void putWord(long[] a, int k, long v, long m) {
        int n = slots();
        if (n == 1) {
            if (k == 0) {
                int i = slot.ordinal();
                long mm = ((m & fullMask()) << shift) & slot.max;
                a[i] = (a[i] & ~mm) | ((v << shift) & mm);
            }
        } else if (slot.bits == 64) {
            if (k < n) {
                int i = slot.ordinal() + n - 1 - k;
                a[i] = (a[i] & ~m) | (v & m);
            }
        } else {
            int low = slot.ordinal() + n - 1 - 2 * k;
            if (low >= slot.ordinal()) {
                a[low] = (a[low] & ~m | v & m) & 0xffffffffL;
                if (low > slot.ordinal()) {
                    a[low - 1] = (a[low - 1] & ~(m >>> 32) | (v >>> 32) & (m >>> 32)) & 0xffffffffL;
                }
            }
        }
    }

    /** The field's value in {@code a}. */
    public U128 value(long[] a) {
        return new U128(word(a, 1), word(a, 0));
    }

    /** Replaces the bits {@code m} of the field in {@code a} with {@code v}'s. */
    public void put(long[] a, U128 v, U128 m) {
        putWord(a, 0, v.lo(), m.lo());
        putWord(a, 1, v.hi(), m.hi());
    }

    /** All ones over the field's width. */
    public U128 ones() {
        return U128.ones(nBits);
    }

    /** The name used in move/load subfields (the NXM or OXM name OpenFlow 1.0 knows, else the field's name). */
    public String subfieldName() {
        return nxmName != null ? nxmName : name;
    }

    /** mf_by_name: each field's name and extra name (nxm_do_init()). */
    private static final Map<String, Field> BY_NAME = new HashMap<>();
    /** The same with the NXM and OXM names (nxm_field_by_name()), which only a subfield may give. */
    private static final Map<String, Field> BY_SUBFIELD_NAME = new HashMap<>();

    static {
        for (Field f : values()) {
            BY_NAME.put(f.name, f);
            if (f.extraName != null) {
                BY_NAME.put(f.extraName, f);
            }
        }
        BY_SUBFIELD_NAME.putAll(BY_NAME);
        for (Field f : values()) {
            if (f.nxmName != null) {
                BY_SUBFIELD_NAME.put(f.nxmName, f);
            }
        }
        BY_SUBFIELD_NAME.put("OXM_OF_ETH_SRC", ETH_SRC);
        BY_SUBFIELD_NAME.put("OXM_OF_ETH_DST", ETH_DST);
        BY_SUBFIELD_NAME.put("OXM_OF_ETH_TYPE", ETH_TYPE);
        BY_SUBFIELD_NAME.put("OXM_OF_IPV4_SRC", IPV4_SRC);
        BY_SUBFIELD_NAME.put("OXM_OF_IPV4_DST", IPV4_DST);
        BY_SUBFIELD_NAME.put("OXM_OF_IP_PROTO", IP_PROTO);
        BY_SUBFIELD_NAME.put("OXM_OF_ARP_OP", ARP_OP);
        BY_SUBFIELD_NAME.put("OXM_OF_ARP_SPA", ARP_SPA);
        BY_SUBFIELD_NAME.put("OXM_OF_ARP_TPA", ARP_TPA);
        BY_SUBFIELD_NAME.put("OXM_OF_ARP_SHA", ARP_SHA);
        BY_SUBFIELD_NAME.put("OXM_OF_ARP_THA", ARP_THA);
        BY_SUBFIELD_NAME.put("OXM_OF_TCP_SRC", TCP_SRC);
        BY_SUBFIELD_NAME.put("OXM_OF_TCP_DST", TCP_DST);
        BY_SUBFIELD_NAME.put("OXM_OF_UDP_SRC", UDP_SRC);
        BY_SUBFIELD_NAME.put("OXM_OF_UDP_DST", UDP_DST);
        BY_SUBFIELD_NAME.put("OXM_OF_TUNNEL_ID", TUN_ID);
        BY_SUBFIELD_NAME.put("OXM_OF_ACTSET_OUTPUT", ACTSET_OUTPUT);
        BY_SUBFIELD_NAME.put("OXM_OF_IPV6_SRC", IPV6_SRC);
        BY_SUBFIELD_NAME.put("OXM_OF_IPV6_DST", IPV6_DST);
        BY_SUBFIELD_NAME.put("OXM_OF_IPV6_FLABEL", IPV6_LABEL);
        BY_SUBFIELD_NAME.put("OXM_OF_ICMPV6_TYPE", ICMPV6_TYPE);
        BY_SUBFIELD_NAME.put("OXM_OF_ICMPV6_CODE", ICMPV6_CODE);
        BY_SUBFIELD_NAME.put("OXM_OF_IPV6_ND_TARGET", ND_TARGET);
        BY_SUBFIELD_NAME.put("OXM_OF_IPV6_ND_SLL", ND_SLL);
        BY_SUBFIELD_NAME.put("OXM_OF_IPV6_ND_TLL", ND_TLL);
    }

    /**
     * mf_from_name(): by name or alternative name, null when unknown. A match, set_field and a trace's flow take no
     * NXM or OXM name ("unknown keyword NXM_OF_IN_PORT", "OXM_OF_IPV4_DST is not a valid OXM field name").
     */
    public static Field byName(String name) {
        return BY_NAME.get(name);
    }

    /** mf_parse_subfield__()'s field: by NXM or OXM name (mf_parse_subfield_name()), else mf_from_name_len(). */
    public static Field bySubfieldName(String name) {
        return BY_SUBFIELD_NAME.get(name);
    }
}
