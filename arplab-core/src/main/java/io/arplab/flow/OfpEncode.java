package io.arplab.flow;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A flow_mod's OpenFlow wire encoding, as ovs-ofctl sends it (ofp-flow.c ofputil_encode_flow_mod(), nx-match.c
 * nx_put_match()/oxm_put_match(), ofp-actions.c ofpacts_put_openflow_actions()/_instructions()), for the fields and
 * actions a refused flow_mod can carry; anything else is {@link Unencodable}. Printed by {@link #hexDump}.
 */
final class OfpEncode {
    private OfpEncode() {}

    /** A field or action this encoder does not cover. */
    static final class Unencodable extends RuntimeException {
        Unencodable(String what) {
            super(what, null, false, false);
        }
    }

    private static final int NX_VENDOR = 0x2320, OXM_BASIC = 0x8000, PKT_REGS = 0x8001,
            ERICOXM = 0x1000, // Ericsson's class of the ND fields, in NXM and OXM alike (meta-flow.h)
            ONF_EXP = 0xffff; // an experimenter OXM of the ONF's (ONFOXM_ET_*): the class, then the ONF's id

    /**
     * nx_put_raw()'s order: (field, NXM class, NXM field, OXM basic field or -1 for the NXM header in OXM too); the
     * TCI goes out as NXM_OF_VLAN_TCI in NXM, as OXM's vlan_vid and vlan_pcp in OXM.
     */
    private static final Object[][] MATCH = {
        {Field.DP_HASH, 1, 35, -1}, {Field.RECIRC_ID, 1, 36, -1}, {Field.CONJ_ID, 1, 37, -1},
        {Field.IN_PORT, 0, 0, 0}, {Field.IN_PORT_OXM, OXM_BASIC, 0, 0}, {Field.ACTSET_OUTPUT, ONF_EXP, 43, 43}, {Field.ETH_SRC, 0, 2, 4}, {Field.ETH_DST, 0, 1, 3}, {Field.ETH_TYPE, 0, 3, 5},
        {Field.VLAN_TCI, 0, 4, -1}, {Field.VLAN_VID, OXM_BASIC, 6, 6}, {Field.VLAN_PCP, OXM_BASIC, 7, 7},
        {Field.MPLS_TC, OXM_BASIC, 35, 35}, {Field.MPLS_BOS, OXM_BASIC, 36, 36},
        {Field.MPLS_TTL, 1, 30, -1}, {Field.MPLS_LABEL, OXM_BASIC, 34, 34},
        {Field.IPV4_SRC, 0, 7, 11}, {Field.IPV4_DST, 0, 8, 12}, {Field.IPV6_SRC, 1, 19, 26},
        {Field.IPV6_DST, 1, 20, 27}, {Field.IP_FRAG, 1, 26, -1}, {Field.IP_DSCP, 0, 5, -1},
        {Field.IP_DSCP_SHIFTED, OXM_BASIC, 8, 8}, {Field.IP_ECN, 1, 28, 9}, {Field.IP_TTL, 1, 29, -1},
        {Field.IPV6_LABEL, 1, 27, 28}, {Field.IP_PROTO, 0, 6, 10}, {Field.TCP_SRC, 0, 9, 13},
        {Field.TCP_DST, 0, 10, 14}, {Field.TCP_FLAGS, 1, 34, 42}, {Field.UDP_SRC, 0, 11, 15}, {Field.UDP_DST, 0, 12, 16},
        {Field.SCTP_SRC, OXM_BASIC, 17, 17}, {Field.SCTP_DST, OXM_BASIC, 18, 18},
        {Field.ICMPV4_TYPE, 0, 13, 19}, {Field.ICMPV4_CODE, 0, 14, 20}, {Field.ICMPV6_TYPE, 1, 21, 29},
        {Field.ICMPV6_CODE, 1, 22, 30}, {Field.ND_RESERVED, ERICOXM, 1, -1}, {Field.ND_TARGET, 1, 23, 31},
        {Field.ND_OPTIONS_TYPE, ERICOXM, 2, -1}, {Field.ND_SLL, 1, 24, 32}, {Field.ND_TLL, 1, 25, 33},
        {Field.ARP_OP, 0, 15, 21}, {Field.ARP_SPA, 0, 16, 22}, {Field.ARP_TPA, 0, 17, 23}, {Field.ARP_SHA, 1, 17, 24}, {Field.ARP_THA, 1, 18, 25},
        {Field.TUN_ID, 1, 16, 38}, {Field.TUN_FLAGS, 1, 104, -1}, {Field.TUN_SRC, 1, 31, -1},
        {Field.TUN_DST, 1, 32, -1}, {Field.TUN_IPV6_SRC, 1, 109, -1}, {Field.TUN_IPV6_DST, 1, 110, -1},
        {Field.REG0, 1, 0, -1}, {Field.REG1, 1, 1, -1}, {Field.REG2, 1, 2, -1}, {Field.REG3, 1, 3, -1},
        {Field.REG4, 1, 4, -1}, {Field.REG5, 1, 5, -1}, {Field.REG6, 1, 6, -1}, {Field.REG7, 1, 7, -1},
        {Field.REG8, 1, 8, -1}, {Field.REG9, 1, 9, -1}, {Field.REG10, 1, 10, -1}, {Field.REG11, 1, 11, -1},
        {Field.REG12, 1, 12, -1}, {Field.REG13, 1, 13, -1}, {Field.REG14, 1, 14, -1}, {Field.REG15, 1, 15, -1},
        {Field.XREG0, PKT_REGS, 0, -1}, {Field.XREG1, PKT_REGS, 1, -1}, {Field.XREG2, PKT_REGS, 2, -1},
        {Field.XREG3, PKT_REGS, 3, -1}, {Field.XREG4, PKT_REGS, 4, -1}, {Field.XREG5, PKT_REGS, 5, -1},
        {Field.XREG6, PKT_REGS, 6, -1}, {Field.XREG7, PKT_REGS, 7, -1},
        {Field.PKT_MARK, 1, 33, -1}, {Field.CT_STATE, 1, 105, -1}, {Field.CT_ZONE, 1, 106, -1},
        {Field.CT_MARK, 1, 107, -1}, {Field.CT_LABEL, 1, 108, -1},
        {Field.CT_NW_SRC, 1, 120, -1}, {Field.CT_IPV6_SRC, 1, 122, -1}, {Field.CT_NW_DST, 1, 121, -1},
        {Field.CT_IPV6_DST, 1, 123, -1}, {Field.CT_NW_PROTO, 1, 119, -1}, {Field.CT_TP_SRC, 1, 124, -1},
        {Field.CT_TP_DST, 1, 125, -1}, {Field.METADATA, OXM_BASIC, 2, 2}};

    /** A little big-endian buffer (struct ofpbuf). */
    static final class Buf {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Buf put(long v, int bytes) {
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((int) (v >>> (8 * i)));
            }
            return this;
        }

        Buf put(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        int size() {
            return out.size();
        }

        Buf pad8() {
            while (out.size() % 8 != 0) {
                out.write(0);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /**
     * The table a flow_mod carries (ofputil_encode_flow_mod()): OpenFlow 1.0 only with the table-id extension
     * ({@code tid}, else 0); 1.1+ carries "all tables" (255) only for a delete, and 1.1 never, else table 0.
     */
    public static int wireTable(FlowMod fm, OfVersion v, boolean tid) {
        if (!v.atLeast(OfVersion.OF11)) {
            return tid ? fm.table() : 0;
        }
        boolean delete = fm.command() == FlowMod.Command.DELETE || fm.command() == FlowMod.Command.DELETE_STRICT;
        return fm.table() != 255 || delete && v != OfVersion.OF11 ? fm.table() : 0;
    }

    /**
     * ofputil_encode_flow_stats_request() in OpenFlow 1.1 (OFPUTIL_P_OF11_STD): OFPST_FLOW or OFPST_AGGREGATE with
     * ofp11_flow_stats_request and the ofp11_match of the request as parsed (parse_ofp_flow_stats_request_str()
     * normalizes nothing).
     */
    static byte[] flowStatsRequest11(FlowMod q, boolean aggregate, int xid) {
        Buf b = new Buf().put(aggregate ? 2 : 1, 2).put(0, 2).put(0, 4); // ofp11_stats_msg: type, flags, pad
        b.put(q.table(), 1).put(0, 3).put(Ports.toOfp11(q.outPort()), 4).put(q.outGroup(), 4).put(0, 4);
        b.put(q.cookie(), 8).put(q.cookieMask(), 8);
        b.put(Ofp11Match.encode(q.parsed() != null ? q.parsed() : q.match()));
        return header(OfVersion.OF11, 18, xid, b); // OFPT11_STATS_REQUEST
    }

    /** ofputil_encode_flow_mod(): OFPT_FLOW_MOD of OpenFlow 1.1+ (OXM), NXT_FLOW_MOD, or OpenFlow 1.0's own. */
    static byte[] flowMod(FlowMod fm, OfVersion v, int xid, boolean nxm) {
        return flowMod(fm, v, xid, nxm, fm.table() != 255);
    }

    static byte[] flowMod(FlowMod fm, OfVersion v, int xid, boolean nxm, boolean tid) {
        int command = fm.command().ordinal(); // OFPFC_ADD, MODIFY, MODIFY_STRICT, DELETE, DELETE_STRICT
        int table = wireTable(fm, v, tid);
        Buf b = new Buf();
        // ofputil_encode_flow_mod(): the new cookie in an add (and an OpenFlow 1.1 modify matching no cookie), else
        // the masked cookie to match; OpenFlow 1.0 and NXM carry the new cookie (NXM its match in the nx_match)
        long newCookie = FlowTables.newCookie(fm);
        if (v.atLeast(OfVersion.OF11)) {
            boolean set = fm.command() == FlowMod.Command.ADD || v == OfVersion.OF11 && fm.cookieMask() == 0
                    && (fm.command() == FlowMod.Command.MODIFY || fm.command() == FlowMod.Command.MODIFY_STRICT);
            b.put(set ? newCookie : fm.cookie() & fm.cookieMask(), 8).put(fm.cookieMask(), 8).put(table, 1)
                    .put(command, 1);
            b.put(fm.idleTimeout(), 2).put(fm.hardTimeout(), 2).put(fm.priority(), 2).put(0xffffffffL, 4);
            b.put(0xffffffffL, 4).put(0xffffffffL, 4).put(fm.flags() & 0x1f, 2);
            b.put(v.atLeast(OfVersion.OF14) ? fm.importance() : 0, 2);
            if (v == OfVersion.OF11) { // ofputil_put_ofp11_match(): OFPUTIL_P_OF11_STD's ofp11_match
                // of the match as parsed: parse_ofp_flow_mod_str() normalizes only a copy, to log it, and
                // ofputil_match_to_ofp11_match() puts the MPLS label and TC whatever the dl_type
                b.put(Ofp11Match.encode(fm.parsed() != null ? fm.parsed() : fm.match()));
            } else {
                byte[] oxm = match(fm.match(), v);
                b.put(1, 2).put(4 + oxm.length, 2).put(oxm).pad8();
            }
            b.put(instructions(fm.actions(), v));
            return header(v, 14, xid, b);
        }
        int cmd = table << 8 | command; // the table-id extension
        if (nxm) {
            byte[] nx = match(fm.match(), null);
            b.put(NX_VENDOR, 4).put(13, 4).put(newCookie, 8).put(cmd, 2).put(fm.idleTimeout(), 2);
            b.put(fm.hardTimeout(), 2).put(fm.priority(), 2).put(0xffffffffL, 4).put(0xffff, 2);
            b.put(fm.flags() & 3, 2).put(nx.length, 2).put(0, 6).put(nx).pad8();
            b.put(actions(fm.actions(), v));
            return header(v, 4, xid, b);
        }
        b.put(ofp10Match(MatchFormat.onOf10Wire(fm.parsed()))).put(newCookie, 8).put(cmd, 2);
        b.put(fm.idleTimeout(), 2).put(fm.hardTimeout(), 2).put(fm.priority(), 2).put(0xffffffffL, 4);
        b.put(0xffff, 2).put(fm.flags() & 3, 2).put(actions(fm.actions(), v));
        return header(v, 14, xid, b);
    }

    /**
     * A flow stats reply carrying {@code rules} in one message (ofputil_append_flow_stats_reply()): OpenFlow 1.0's
     * NXST_FLOW with NXM matches (the flow format ovs-ofctl asks for), 1.1-1.4's OFPST_FLOW with OXM and instructions,
     * 1.5's with the statistics as OXS; durations and ages at {@code now}.
     */
    static byte[] flowStatsReply(List<Rule> rules, OfVersion v, int xid, long now) {
        Buf b = new Buf();
        if (v.atLeast(OfVersion.OF11)) {
            b.put(1, 2).put(0, 2).put(0, 4); // OFPMP_FLOW, flags, pad
        } else {
            b.put(0xffff, 2).put(0, 2).put(NX_VENDOR, 4).put(0, 4).put(0, 4); // OFPST_VENDOR, NXST_FLOW
        }
        for (Rule r : rules) {
            b.put(flowStats(r, v, now));
        }
        return header(v, v.atLeast(OfVersion.OF11) ? 19 : 17, xid, b);
    }

    // one entry: struct nx_flow_stats, ofp11_flow_stats or ofp15_flow_desc, then the match, stats and actions
    private static byte[] flowStats(Rule r, OfVersion v, long now) {
        long ms = Math.max(0, (now - r.created) / 1_000_000); // calc_duration()
        long sec = ms / 1000, nsec = ms % 1000 * 1_000_000;
        long idle = (now - r.used) / 1_000_000_000L, hard = (now - r.modified) / 1_000_000_000L;
        Buf e = new Buf();
        if (v == OfVersion.OF15) {
            byte[] oxm = match(r.match, v);
            e.put(0, 2).put(0, 2).put(r.table, 1).put(0, 1).put(r.priority, 2).put(r.idleTimeout, 2)
                    .put(r.hardTimeout, 2).put(r.flags & 0x1f, 2).put(r.importance, 2).put(r.cookie, 8);
            e.put(1, 2).put(4 + oxm.length, 2).put(oxm).pad8();
            // oxs_put_stats(): duration, idle time, packet and byte counts
            e.put(0, 2).put(4 + 4 * 12, 2).put(0x80020008L, 4).put(sec << 32 | nsec, 8).put(0x80020208L, 4)
                    .put(idle << 32, 8).put(0x80020808L, 4).put(r.packets, 8).put(0x80020a08L, 4).put(r.bytes, 8).pad8();
            e.put(instructions(r.actions, v));
        } else if (v.atLeast(OfVersion.OF11)) {
            byte[] oxm = match(r.match, v);
            e.put(0, 2).put(r.table, 1).put(0, 1).put(sec, 4).put(nsec, 4).put(r.priority, 2).put(r.idleTimeout, 2)
                    .put(r.hardTimeout, 2).put(v.atLeast(OfVersion.OF13) ? r.flags & 0x1f : 0, 2)
                    .put(v.atLeast(OfVersion.OF14) ? r.importance : 0, 2).put(0, 2).put(r.cookie, 8)
                    .put(r.packets, 8).put(r.bytes, 8);
            e.put(1, 2).put(4 + oxm.length, 2).put(oxm).pad8();
            e.put(instructions(r.actions, v));
        } else {
            byte[] nx = match(r.match, null);
            e.put(0, 2).put(r.table, 1).put(0, 1).put(sec, 4).put(nsec, 4).put(r.priority, 2).put(r.idleTimeout, 2)
                    .put(r.hardTimeout, 2).put(nx.length, 2).put(age(idle), 2).put(age(hard), 2).put(r.cookie, 8)
                    .put(r.packets, 8).put(r.bytes, 8);
            e.put(nx).pad8();
            e.put(actions(r.actions, v));
        }
        byte[] out = e.bytes();
        out[0] = (byte) (out.length >> 8);
        out[1] = (byte) out.length;
        return out;
    }

    // nx_flow_stats' idle_age and hard_age: the age plus one, 0 for none
    private static long age(long seconds) {
        return seconds < 0 ? 0 : Math.min(seconds + 1, 0xffff);
    }

    private static byte[] header(OfVersion v, int type, int xid, Buf body) {
        Buf h = new Buf().put(v.wire, 1).put(type, 1).put(8 + body.size(), 2).put(xid, 4);
        return h.put(body.bytes()).bytes();
    }

    /** One NXM/OXM match entry: the field, its value and mask as the entry carries them. */
    record Entry(Field field, U128 value, U128 mask) {}

    /**
     * nx_put_raw()'s entries for {@code m} in NXM ({@code oxm} false) or OXM, in its order, for the fields of
     * {@link #MATCH}: each where the flow's dl_type and nw_proto place it, whatever the field's own prerequisites
     * (nxm_put_ip() puts the IPv6 flow label with any IP, transport ports in a later fragment too); ip_dscp is
     * NXM_OF_IP_TOS's 6 high bits in NXM, OXM's shifted down; OpenFlow 1.5 carries the registers in pairs
     * (OXM_OF_PKT_REG<N>), the earlier versions one by one. {@code oxm}: the OpenFlow version, null for NXM.
     */
    static List<Entry> matchEntries(Match m, OfVersion oxm) {
        List<Entry> out = new java.util.ArrayList<>();
        boolean xregs = oxm != null && oxm.atLeast(OfVersion.OF15);
        for (Object[] e : MATCH) {
            Field f = (Field) e[0];
            boolean xreg = (int) e[1] == PKT_REGS, reg = f.name.startsWith("reg");
            if (f == (oxm != null ? Field.IP_DSCP : Field.IP_DSCP_SHIFTED) || xreg != xregs && (xreg || reg)
                    || f == Field.VLAN_VID || f == Field.VLAN_PCP || f == Field.IN_PORT_OXM || !placed(m, f)) {
                continue;
            }
            if (f == Field.VLAN_TCI && oxm != null) { // OXM: the VID with its present bit, the PCP with a VID
                long tci = m.value(Slot.VLAN_TCI), tciMask = m.mask(Slot.VLAN_TCI);
                long vid = tci & 0x1fff, vidMask = tciMask & 0x1fff;
                if (vidMask != 0) {
                    out.add(new Entry(Field.VLAN_VID, U128.of(vid & vidMask), U128.of(vidMask)));
                }
                if (vid != 0 && (tciMask & 0xe000) != 0) { // nxm_put_8(): exact
                    out.add(new Entry(Field.VLAN_PCP, U128.of(tci >>> 13), U128.of(7)));
                }
                continue;
            }
            U128 value = m.value(f), mask = m.mask(f);
            if (f == Field.IPV6_LABEL) { // the 32 bits the flow keeps, an out-of-range label too
                value = U128.of(m.value(Slot.IPV6_LABEL));
                mask = U128.of(m.mask(Slot.IPV6_LABEL));
            }
            if (f == Field.IP_DSCP || f == Field.IP_DSCP_SHIFTED || f == Field.IP_ECN) { // nxm_put_8(): exact
                long bits = f == Field.IP_ECN ? 3 : 0xfc;
                if ((m.mask(Slot.NW_TOS) & bits) == 0) {
                    continue;
                }
                value = U128.of((m.value(Slot.NW_TOS) & bits) >>> (f == Field.IP_DSCP_SHIFTED ? 2 : 0));
                mask = f.ones();
            }
            if ((f == Field.ICMPV4_TYPE || f == Field.ICMPV4_CODE || f == Field.ICMPV6_TYPE || f == Field.ICMPV6_CODE)
                    && m.mask(f.slot) != 0) { // nxm_put_8() of any tp_src/tp_dst mask: exact, the port's low 8 bits
                value = U128.of(m.value(f.slot) & 0xff);
                mask = f.ones();
            }
            if ((f == Field.ARP_OP || f == Field.ND_RESERVED || f == Field.ND_OPTIONS_TYPE) && !mask.isZero()) {
                value = value.and(mask); // nxm_put_16/32/8(): exact (arp_op: the 8 bits of nw_proto it lives in)
                mask = f.ones();
            }
            if (!mask.isZero()) {
                out.add(new Entry(f, value.and(mask), mask));
            }
        }
        return out;
    }

    // where nx_put_raw() puts a field: under the dl_type (any IP for nxm_put_ip()'s) and nw_proto the flow carries
    private static boolean placed(Match m, Field f) {
        boolean ipAny = m.prereqsOk(Field.IP_PROTO);
        int proto = m.mask(Slot.NW_PROTO) == 0xff ? (int) m.value(Slot.NW_PROTO) : -1;
        return switch (f.prereq) {
            case NONE -> true; // the Ethernet fields too, whatever the packet type
            // the original tuple whatever the ct_state (the switch checks it), its protocol and ports with a protocol
            case CT -> f.slot.ordinal() >= Slot.CT_NW_SRC.ordinal() && f.slot.ordinal() <= Slot.CT_IPV6_DST_LO.ordinal()
                    || m.value(Slot.CT_NW_PROTO) != 0;
            case IPV6 -> f == Field.IPV6_LABEL ? ipAny : m.prereqsOk(f);
            case TCP -> ipAny && proto == Match.PROTO_TCP;
            case UDP -> ipAny && proto == Match.PROTO_UDP;
            case SCTP -> ipAny && proto == Match.PROTO_SCTP;
            default -> m.prereqsOk(f);
        };
    }

    // nx_put_raw(): NXM (OpenFlow 1.0) or OXM (1.2+) entries, masked where the mask is not all ones
    private static byte[] match(Match m, OfVersion version) {
        boolean oxm = version != null;
        for (Slot s : Slot.ALL) {
            // nd_reserved (igmp_group_ip4) goes out for ND alone: dropped elsewhere, as nx_put_raw() does
            if (m.mask(s) != 0 && !covered(s) && (s != Slot.ND_RESERVED || m.prereqsOk(Field.ND_RESERVED))
                    && s != Slot.PACKET_TYPE) { // put first, below
                throw new Unencodable("match field " + s);
            }
        }
        Buf b = new Buf();
        for (Entry en : matchEntries(m, version)) {
            Field f = en.field();
            U128 value = en.value(), mask = en.mask();
            int bytes = f.nBytes;
            Object[] e = row(f);
            // OXM_OF_TCP_FLAGS is OpenFlow 1.5's (1.3 and 1.4: the ONF's experimenter OXM), NXM_NX_TCP_FLAGS before
            // OXM_OF_ACTSET_OUTPUT likewise, ONFOXM_ET_ACTSET_OUTPUT before and in NXM, which has no header of its
            // own (nxm_field_by_mf_id(): the first header below the version)
            boolean basic = oxm && (int) e[3] >= 0 && (f != Field.TCP_FLAGS && f != Field.ACTSET_OUTPUT
                    || version.atLeast(OfVersion.OF15)) && oxmIn(f, version);
            int cls = basic ? OXM_BASIC : (int) e[1], field = basic ? (int) e[3] : (int) e[2];
            if (f == Field.IN_PORT && oxm || f == Field.ACTSET_OUTPUT) { // ofputil_port_to_ofp11()
                bytes = 4;
                long p = value.lo();
                value = new U128(0, p >= Ports.MAX ? p + 0xffff0000L : p);
                mask = new U128(0, 0xffffffffL);
            }
            // exact: all the field's bits; tun_flags' mask is FLOW_TNL_PUB_F_MASK's one bit at most
            // (match_set_tun_flags_masked()), which nxm_put_16m() sends masked
            boolean masked = !mask.equals(U128.ones(8 * bytes)) && (f == Field.TUN_FLAGS || !mask.equals(f.ones()));
            // OpenFlow 1.3 and 1.4 carry tcp_flags as ONFOXM_ET_TCP_FLAGS, an experimenter OXM (the ONF's id first)
            boolean onf = f == Field.TCP_FLAGS && oxm && version.atLeast(OfVersion.OF13) && !basic
                    || f == Field.ACTSET_OUTPUT && !basic;
            if (onf) {
                b.put(0xffff, 2).put((f == Field.TCP_FLAGS ? 42 : 43) << 1 | (masked ? 1 : 0), 1).put(4 + (masked ? 2 * bytes : bytes), 1)
                        .put(0x4f4e4600L, 4);
            } else {
                b.put(cls, 2).put(field << 1 | (masked ? 1 : 0), 1).put(masked ? 2 * bytes : bytes, 1);
            }
            putWide(b, value.and(mask), bytes);
            if (masked) {
                putWide(b, mask, bytes);
            }
        }
        if (m.nonEthernet()) { // nx_put_raw(): a packet type other than Ethernet goes first
            return new Buf().put(OXM_BASIC, 2).put(44 << 1, 1).put(4, 1).put(m.value(Slot.PACKET_TYPE), 4)
                    .put(b.bytes()).bytes();
        }
        if (m.ethernetType && matchEntries(m, version).stream().noneMatch(e -> e.field().hasPrereqs())) {
            // the default packet_type no entry with prerequisites implies goes first: OXM_OF_PACKET_TYPE (0, 0)
            return new Buf().put(OXM_BASIC, 2).put(44 << 1, 1).put(4, 1).put(0, 4).put(b.bytes()).bytes();
        }
        return b.bytes();
    }

    private static Object[] row(Field f) {
        for (Object[] e : MATCH) {
            if (e[0] == f) {
                return e;
            }
        }
        throw new Unencodable("field " + f.name);
    }

    private static boolean covered(Slot s) {
        for (Object[] e : MATCH) {
            Field f = (Field) e[0];
            for (int i = 0; i < f.slots(); i++) {
                if (Slot.ALL[f.slot.ordinal() + i] == s) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void putWide(Buf b, U128 v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            b.out.write((int) (i >= 8 ? v.hi() >>> (8 * (i - 8)) : v.lo() >>> (8 * i)));
        }
    }

    // ofputil_match_to_ofp10_match(): the fixed ofp10_match with its wildcard bits, the VLAN as dl_vlan (OFP10_VLAN_NONE
    // for no tag) and dl_vlan_pcp, nw_tos its DSCP bits
    private static byte[] ofp10Match(Match m) {
        long wc = 0;
        int[][] bits = {{Slot.IN_PORT.ordinal(), 1}, {Slot.DL_SRC.ordinal(), 4}, {Slot.DL_DST.ordinal(), 8},
            {Slot.DL_TYPE.ordinal(), 16}, {Slot.NW_PROTO.ordinal(), 32}, {Slot.TP_SRC.ordinal(), 64},
            {Slot.TP_DST.ordinal(), 128}};
        for (int[] x : bits) {
            if (m.mask(Slot.ALL[x[0]]) == 0) {
                wc |= x[1];
            }
        }
        if ((m.mask(Slot.NW_TOS) & 0xfc) == 0) {
            wc |= 1 << 21;
        }
        long tci = m.value(Slot.VLAN_TCI), tciMask = m.mask(Slot.VLAN_TCI), vlan = 0, pcp = 0;
        if (tciMask == 0) {
            wc |= 2 | 1 << 20; // dl_vlan, dl_vlan_pcp
        } else if ((tciMask & Match.VLAN_CFI) != 0 && (tci & Match.VLAN_CFI) == 0) {
            vlan = 0xffff; // OFP10_VLAN_NONE
        } else {
            if ((tciMask & 0xfff) == 0) {
                wc |= 2;
            } else {
                vlan = tci & 0xfff;
            }
            if ((tciMask & 0xe000) == 0) {
                wc |= 1 << 20;
            } else {
                pcp = tci >>> 13;
            }
        }
        wc |= (long) (32 - Long.bitCount(m.mask(Slot.NW_SRC))) << 8;
        wc |= (long) (32 - Long.bitCount(m.mask(Slot.NW_DST))) << 14;
        Buf b = new Buf().put(wc, 4).put(m.value(Slot.IN_PORT), 2).put(m.value(Slot.DL_SRC), 6);
        b.put(m.value(Slot.DL_DST), 6).put(vlan, 2).put(pcp, 1).put(0, 1).put(m.value(Slot.DL_TYPE), 2);
        b.put(m.value(Slot.NW_TOS) & 0xfc, 1).put(m.value(Slot.NW_PROTO), 1).put(0, 2).put(m.value(Slot.NW_SRC), 4);
        b.put(m.value(Slot.NW_DST), 4).put(m.value(Slot.TP_SRC), 2).put(m.value(Slot.TP_DST), 2);
        return b.bytes();
    }

    /** ofpacts_put_openflow_instructions(): meter (1.3/1.4), apply_actions, clear, write_actions, metadata, goto. */
    static byte[] instructions(List<Action> actions, OfVersion v) {
        Buf b = new Buf();
        List<Action> apply = applyActions(actions, v);
        for (Action a : actions) {
            if (a instanceof Action.Meter m && !v.atLeast(OfVersion.OF15)) {
                b.put(6, 2).put(8, 2).put(m.meterId(), 4);
            }
        }
        if (!apply.isEmpty()) {
            byte[] acts = actions(apply, v);
            b.put(4, 2).put(8 + acts.length, 2).put(0, 4).put(acts);
        }
        for (Action a : actions) {
            if (a instanceof Action.ClearActions) {
                b.put(5, 2).put(8, 2).put(0, 4);
            }
        }
        for (Action a : actions) {
            if (a instanceof Action.WriteActions w) {
                byte[] acts = actions(w.actions(), v);
                b.put(3, 2).put(8 + acts.length, 2).put(0, 4).put(acts);
            }
        }
        for (Action a : actions) {
            if (a instanceof Action.WriteMetadata w) {
                b.put(2, 2).put(24, 2).put(0, 4).put(w.value(), 8).put(w.mask(), 8);
            }
        }
        for (Action a : actions) {
            if (a instanceof Action.GotoTable g) {
                b.put(1, 2).put(8, 2).put(g.table(), 1).put(0, 3);
            }
        }
        return b.bytes();
    }

    /** The actions of the Apply-Actions instruction (all of them in OpenFlow 1.0, which has no instructions). */
    static List<Action> applyActions(List<Action> actions, OfVersion v) {
        if (!v.atLeast(OfVersion.OF11)) {
            return actions;
        }
        return actions.stream().filter(a -> !(a instanceof Action.GotoTable || a instanceof Action.WriteMetadata
                || a instanceof Action.WriteActions || a instanceof Action.ClearActions
                || a instanceof Action.Meter && !v.atLeast(OfVersion.OF15))).toList();
    }

    /** ofpacts_put_openflow_actions(): each action as version {@code v} carries it. */
    static byte[] actions(List<Action> actions, OfVersion v) {
        Buf b = new Buf();
        for (Action a : actions) {
            b.put(action(a, v));
        }
        return b.bytes();
    }

    /** The byte offset of {@code actions.get(index)} on the wire (ofpacts_pull's "bad action at offset"). */
    static int offset(List<Action> actions, int index, OfVersion v) {
        return actions(actions.subList(0, index), v).length;
    }

    // OFPAT10_SET_VLAN_VID (1) .. OFPAT10_SET_TP_DST (10) for a legacy set of this field, or 0
    private static int legacy10(Action.SetField f) {
        return switch (f.field()) {
            case VLAN_VID -> 1;
            case VLAN_PCP -> 2;
            case ETH_SRC -> 4;
            case ETH_DST -> 5;
            case IPV4_SRC -> 6;
            case IPV4_DST -> 7;
            case TCP_SRC, UDP_SRC, SCTP_SRC -> 9;
            case TCP_DST, UDP_DST, SCTP_DST -> 10;
            default -> 0;
        };
    }

    // OpenFlow 1.0's and 1.1's set actions of type {@code type} (ofp_action_vlan_vid, _vlan_pcp, _dl_addr, _nw_addr,
    // _nw_tos, ofp11_action_nw_ecn, _tp_port): the field's value padded to 8 bytes (16 for an Ethernet address), the
    // TOS byte's DSCP bits for mod_nw_tos
    private static byte[] legacySet(int type, Action.SetField f) {
        Buf b = new Buf().put(type, 2);
        return (switch (f.field()) {
            case VLAN_VID -> b.put(8, 2).put(f.value() & 0xfff, 2).put(0, 2);
            case VLAN_PCP, IP_ECN -> b.put(8, 2).put(f.value(), 1).put(0, 3);
            case IP_DSCP_SHIFTED -> b.put(8, 2).put(f.value() << 2, 1).put(0, 3);
            case ETH_SRC, ETH_DST -> b.put(16, 2).put(f.value(), 6).put(0, 6);
            case IPV4_SRC, IPV4_DST -> b.put(8, 2).put(f.value(), 4);
            default -> b.put(8, 2).put(f.value(), 2).put(0, 2); // the L4 ports
        }).bytes();
    }

    // OFPAT11_SET_*'s type for an OpenFlow 1.1 set action of f's field, 0 if none
    private static int legacy11(Action.SetField f) {
        return switch (f.field()) {
            case VLAN_VID -> 1;
            case VLAN_PCP -> 2;
            case ETH_SRC -> 3;
            case ETH_DST -> 4;
            case IPV4_SRC -> 5;
            case IPV4_DST -> 6;
            case IP_DSCP_SHIFTED -> 7;
            case IP_ECN -> 8;
            case TCP_SRC, UDP_SRC, SCTP_SRC -> 9;
            case TCP_DST, UDP_DST, SCTP_DST -> 10;
            default -> 0;
        };
    }

    // an OpenFlow action padded to 8 bytes, its length filled in (pad_ofpat())
    private static byte[] padded(Buf body) {
        Buf b = new Buf().put(body.bytes());
        while (b.size() % 8 != 0) {
            b.out.write(0);
        }
        byte[] all = b.bytes();
        all[2] = (byte) (all.length >> 8);
        all[3] = (byte) all.length;
        return all;
    }

    private static Buf nx(int subtype) {
        return new Buf().put(NX_VENDOR, 4).put(subtype, 2);
    }

    // an NXAST action: OFPAT_VENDOR, its length padded to 8 (ofpact_put_raw() of an NX action)
    private static byte[] vendor(Buf body) {
        int len = (4 + body.size() + 7) / 8 * 8;
        Buf b = new Buf().put(0xffff, 2).put(len, 2).put(body.bytes());
        while (b.size() < len) {
            b.out.write(0);
        }
        return b.bytes();
    }

    private static byte[] action(Action a, OfVersion v) {
        if (a instanceof Action.SetField f && f.raw() == Action.Raw.LEGACY_NO_PUSH) { // encode_SET_VLAN_VID(): the same
            a = new Action.SetField(f.field(), f.value(), f.mask(), Action.Raw.LEGACY);
        }
        boolean of11 = v.atLeast(OfVersion.OF11);
        if (a instanceof Action.Output o) {
            long port = of11 && o.port() >= Ports.MAX ? o.port() + 0xffff0000L : o.port();
            return of11 ? new Buf().put(0, 2).put(16, 2).put(port, 4).put(o.maxLen(), 2).put(0, 6).bytes()
                    : new Buf().put(0, 2).put(8, 2).put(port, 2).put(o.maxLen(), 2).bytes();
        } else if (a instanceof Action.Clone c) { // encode_CLONE(): ext_action_header (NXAST_CLONE), then its actions
            byte[] all = new Buf().put(vendor(nx(42).put(0, 6))).put(actions(c.actions(), v)).bytes();
            all[2] = (byte) (all.length >> 8);
            all[3] = (byte) all.length;
            return all;
        } else if (a instanceof Action.Ct c) { // encode_CT(): struct nx_action_conntrack, then its actions
            Buf body = nx(35).put((c.commit() ? 1 : 0) | (c.force() ? 2 : 0), 2);
            if (c.zoneSrc() != null) {
                body.put(header(c.zoneSrc().field(), false), 4)
                        .put(c.zoneSrc().ofs() << 6 | (c.zoneSrc().nBits() - 1), 2);
            } else {
                body.put(0, 4).put(c.zoneImm(), 2);
            }
            body.put(c.table(), 1).put(0, 3).put(c.alg(), 2);
            byte[] head = vendor(body);
            Buf b = new Buf().put(head).put(actions(c.exec().subList(0, c.natAt()), v));
            if (c.nat() != null) {
                b.put(nat(ConntrackNat.parse(c.nat())));
            }
            b.put(actions(c.exec().subList(c.natAt(), c.exec().size()), v));
            byte[] all = b.bytes();
            all[2] = (byte) (all.length >> 8);
            all[3] = (byte) all.length;
            return all;
        } else if (a instanceof Action.SetField f && f.field().tunMetadata() >= 0) {
            // encode_SET_FIELD() of a variable-length field: OFPAT_SET_FIELD from OpenFlow 1.5 (and 1.2 to 1.4 for a
            // whole field), else set_field_to_nxast()'s NXAST_REG_LOAD2; either one nx_put_entry()
            boolean whole = f.wideMask().equals(f.field().ones()) && f.raw() == Action.Raw.SET_FIELD;
            if (v.atLeast(OfVersion.OF15) || v.atLeast(OfVersion.OF12) && whole) {
                return padded(new Buf().put(25, 2).put(0, 2).put(tunMetadataEntry(f)));
            }
            return vendor(nx(33).put(tunMetadataEntry(f)));
        } else if (a instanceof Action.SetField f && v.atLeast(OfVersion.OF12) && !v.atLeast(OfVersion.OF15)
                && f.raw() == Action.Raw.SET_FIELD && f.field().tunMetadata() < 0
                && !f.wideMask().and(f.field().ones()).equals(f.field().ones())) {
            // encode_SET_FIELD(): OpenFlow 1.2 to 1.4 set a part of a field with set_field_to_nxast()'s reg_loads,
            // one a segment (next_load_segment())
            Buf b = new Buf();
            for (Action seg : ActionFormat.roundTrip(List.of(f), v)) {
                b.put(action(seg, v));
            }
            return b.bytes();
        } else if (a instanceof Action.SetField f && v.atLeast(OfVersion.OF12) && (f.raw() == Action.Raw.SET_FIELD
                || f.raw() == Action.Raw.SET_FIELD_BITS || f.raw() == Action.Raw.LEGACY && legacy10(f) > 0)) {
            // encode_SET_FIELD(): OFPAT_SET_FIELD with the field's OXM (or NXM) header, masked if not all ones (a
            // reg_load's whole field: its bits, not its bytes); the address and port sets of OpenFlow 1.0/1.1
            // become one from 1.2 (encode_SET_L4_SRC_PORT() and friends)
            boolean masked = f.raw() == Action.Raw.SET_FIELD_BITS
                    || !f.wideMask().and(f.field().ones()).equals(f.field().ones());
            int bytes = f.field().nBytes;
            Buf b = new Buf().put(header(f.field(), masked, v), 4);
            putWide(b, f.wideValue(), bytes);
            if (masked) {
                putWide(b, f.wideMask(), bytes);
            }
            int len = (4 + b.size() + 7) / 8 * 8;
            Buf out = new Buf().put(25, 2).put(len, 2).put(b.bytes());
            while (out.size() < len) {
                out.out.write(0);
            }
            return out.bytes();
        } else if (a instanceof Action.SetField f && f.raw() == Action.Raw.REG_LOAD && !v.atLeast(OfVersion.OF15)
                && Long.bitCount(f.mask()) + Long.bitCount(f.maskHi()) <= 64) {
            // put_reg_load(): ofs_nbits, the destination's NXM header, the value (one segment of at most 64 bits)
            int ofs = f.mask() != 0 ? Long.numberOfTrailingZeros(f.mask()) : 64 + Long.numberOfTrailingZeros(f.maskHi());
            int nBits = Long.bitCount(f.mask()) + Long.bitCount(f.maskHi());
            return vendor(nx(7).put(ofs << 6 | (nBits - 1), 2).put(nxmHeader(f.field()), 4)
                    .put(f.wideValue().shr(ofs).and(U128.ones(nBits)).lo(), 8));
        } else if (a instanceof Action.Enqueue e) { // encode_ENQUEUE(): 1.1+ sets the queue, outputs, pops it
            return of11 ? new Buf().put(action(new Action.Queue(e.queue()), v))
                    .put(action(new Action.Output(e.port(), 0xffff), v)).put(action(new Action.Queue(-1), v)).bytes()
                    : new Buf().put(11, 2).put(16, 2).put(e.port(), 2).put(0, 6).put(e.queue(), 4).bytes();
        } else if (a instanceof Action.SetTunnel t) { // encode_SET_TUNNEL(): set_field to tun_id from 1.2
            if (v.atLeast(OfVersion.OF12)) {
                return action(new Action.SetField(Field.TUN_ID, t.tunId(), -1L, Action.Raw.SET_FIELD), v);
            }
            boolean wide = t.wide() || t.tunId() >>> 32 != 0; // NXAST_SET_TUNNEL64, else NXAST_SET_TUNNEL
            return wide ? vendor(nx(9).put(0, 6).put(t.tunId(), 8)) : vendor(nx(2).put(0, 2).put(t.tunId(), 4));
        } else if (a instanceof Action.Learn l) { // encode_LEARN(): NXAST_LEARN2 with a limit or a result
            boolean learn2 = l.limit() != 0 || l.resultDst() != null;
            Buf b = nx(learn2 ? 45 : 16).put(l.idleTimeout(), 2).put(l.hardTimeout(), 2).put(l.priority(), 2)
                    .put(l.cookie(), 8).put(l.flags(), 2).put(l.table(), 1).put(0, 1).put(l.finIdleTimeout(), 2)
                    .put(l.finHardTimeout(), 2);
            if (learn2) {
                b.put(l.limit(), 4).put(l.resultDst() == null ? 0 : l.resultDst().ofs(), 2).put(0, 2);
            }
            if (l.resultDst() != null) { // NX_LEARN_F_WRITE_RESULT: the destination's header
                b.put(nxmHeader(l.resultDst().field()), 4);
            }
            for (Action.LearnSpec sp : l.specs()) {
                learnSpec(b, sp);
            }
            return vendor(b);
        } else if (a instanceof Action.Controller c) { // encode_CONTROLLER()
            if (c.userdata() == null && !c.pause() && c.meterId() == -1) { // NXAST_CONTROLLER
                return vendor(nx(20).put(c.maxLen(), 2).put(c.id(), 2).put(c.reason(), 1).put(0, 1));
            }
            // NXAST_CONTROLLER2, then its properties (ofpprop_put_*(), each padded to 8; a 16-bit value is
            // ofpprop_put_be16()'s, 4 bytes long with its padding, as the OpenFlow specs give it)
            Buf b = nx(37).put(0, 6);
            if (c.maxLen() != 0xffff) {
                b.put(prop(0, new Buf().put(c.maxLen(), 2).put(0, 2)));
            }
            if (c.id() != 0) {
                b.put(prop(1, new Buf().put(c.id(), 2).put(0, 2)));
            }
            if (c.reason() != 1) { // OFPR_ACTION
                b.put(prop(2, new Buf().put(c.reason(), 1)));
            }
            if (c.userdata() != null) {
                b.put(prop(3, new Buf().put(c.userdata())));
            }
            if (c.pause()) {
                b.put(prop(4, new Buf()));
            }
            if (c.meterId() != -1) {
                b.put(prop(5, new Buf().put(c.meterId(), 4)));
            }
            return vendor(b);
        } else if (a instanceof Action.CtClear) {
            return vendor(nx(43).put(0, 6));
        } else if (a instanceof Action.Nat n) { // encode_NAT()
            return nat(ConntrackNat.parse(n.text()));
        } else if (a instanceof Action.Exit) {
            return vendor(nx(17).put(0, 6));
        } else if (a instanceof Action.Resubmit r) {
            // encode_RESUBMIT(): NXAST_RESUBMIT_TABLE, NXAST_RESUBMIT_TABLE_CT with the original tuple
            return vendor(nx(r.ct() ? 44 : 14).put(r.inPort(), 2).put(r.table(), 1).put(0, 3));
        } else if (a instanceof Action.Queue q && q.queue() >= 0) {
            return of11 ? new Buf().put(21, 2).put(8, 2).put(q.queue(), 4).bytes()
                    : vendor(nx(4).put(0, 2).put(q.queue(), 4));
        } else if (a instanceof Action.Queue) {
            return vendor(nx(5).put(0, 6));
        } else if (a instanceof Action.FinTimeout t) {
            return vendor(nx(19).put(t.idleTimeout(), 2).put(t.hardTimeout(), 2).put(0, 2));
        } else if (a instanceof Action.PushMpls p) {
            return of11 ? new Buf().put(19, 2).put(8, 2).put(p.ethertype(), 2).put(0, 2).bytes()
                    : vendor(nx(23).put(p.ethertype(), 2).put(0, 4));
        } else if (a instanceof Action.Note n) {
            return vendor(nx(8).put(n.data()));
        } else if (a instanceof Action.Sample s) { // encode_SAMPLE(): NXAST_SAMPLE, SAMPLE2 with a port, SAMPLE3
            Buf b = nx(s.direction() != 0 ? 41 : s.samplingPort() != Ports.NONE ? 38 : 29).put(s.probability(), 2)
                    .put(s.collectorSetId(), 4).put(s.obsDomainId(), 4).put(s.obsPointId(), 4);
            return vendor(s.direction() != 0 || s.samplingPort() != Ports.NONE
                    ? b.put(s.samplingPort(), 2).put(s.direction(), 1).put(0, 5) : b);
        } else if (a instanceof Action.Meter m && v.atLeast(OfVersion.OF15)) {
            return new Buf().put(29, 2).put(8, 2).put(m.meterId(), 4).bytes();
        } else if (a instanceof Action.Group g) { // encode_GROUP(): OpenFlow 1.0's NXAST_GROUP
            return of11 ? new Buf().put(22, 2).put(8, 2).put(g.groupId(), 4).bytes()
                    : vendor(nx(40).put(0, 2).put(g.groupId(), 4));
        } else if (a instanceof Action.OutputReg o) { // encode_OUTPUT_REG(): NXAST_OUTPUT_REG, max_len 65535
            return vendor(nx(15).put(o.src().ofs() << 6 | (o.src().nBits() - 1), 2)
                    .put(nxmHeader(o.src().field()), 4).put(0xffff, 2).put(0, 6));
        } else if (a instanceof Action.PopMpls p) { // encode_POP_MPLS(): OFPAT11_POP_MPLS, NXAST_POP_MPLS
            return of11 ? new Buf().put(20, 2).put(8, 2).put(p.ethertype(), 2).put(0, 2).bytes()
                    : vendor(nx(24).put(p.ethertype(), 2).put(0, 4));
        } else if (a instanceof Action.DecTtl d && d.ids() != null) { // encode_DEC_TTL(): NXAST_DEC_TTL_CNT_IDS
            Buf b = nx(21).put(d.ids().size(), 2).put(0, 4);
            d.ids().forEach(id -> b.put(id, 2));
            return vendor(b);
        } else if (a instanceof Action.Debug d) { // NXAST_RAW_DEBUG_SLOW, NXAST_RAW_DEBUG_RECIRC
            return vendor(nx(d.slow() ? 0xfe : 0xff));
        } else if (a instanceof Action.SetField f && (f.raw() == Action.Raw.LEGACY && !of11
                || f.raw() == Action.Raw.LEGACY_L4) && legacy10(f) > 0) {
            // OpenFlow 1.0's own set actions: mod_vlan_vid/pcp, mod_dl_src/dst, mod_nw_src/dst, mod_tp_src/dst; a
            // mod_tp_src/dst without an L4 protocol is OFPAT_SET_TP_SRC/DST (9, 10 in 1.1 too) in every version
            // (encode_SET_L4_port())
            return legacySet(legacy10(f), f);
        } else if (a instanceof Action.SetField f && f.raw() == Action.Raw.LEGACY && !of11
                && f.field() == Field.IP_DSCP_SHIFTED) { // mod_nw_tos: OFPAT10_SET_NW_TOS, the TOS byte's DSCP bits
            return legacySet(8, f);
        } else if (a instanceof Action.SetField f && f.raw() == Action.Raw.LEGACY && v == OfVersion.OF11
                && legacy11(f) > 0) {
            // OpenFlow 1.1's own set actions (OFPAT11_SET_VLAN_VID to OFPAT11_SET_TP_DST): mod_nw_tos the TOS
            // byte's DSCP bits, mod_nw_ecn its own
            return legacySet(legacy11(f), f);
        } else if (a instanceof Action.PushVlan p) { // OFPAT11_PUSH_VLAN; OpenFlow 1.0's mod_vlan_vid pushes itself
            return of11 ? new Buf().put(17, 2).put(8, 2).put(p.ethertype(), 2).put(0, 2).bytes() : new byte[0];
        } else if (a instanceof Action.DecTtl d && d.ids() == null) { // OFPAT11_DEC_NW_TTL, NXAST_DEC_TTL
            return of11 ? new Buf().put(24, 2).put(8, 2).put(0, 4).bytes() : vendor(nx(18).put(0, 6));
        } else if (a instanceof Action.PopVlan) { // encode_STRIP_VLAN(): OFPAT10_STRIP_VLAN, OFPAT11_POP_VLAN
            return new Buf().put(of11 ? 18 : 3, 2).put(8, 2).put(0, 4).bytes();
        } else if (!of11 && (a instanceof Action.WriteActions || a instanceof Action.ClearActions)) {
            return new byte[0]; // instructions OpenFlow 1.0 has no room for
        } else if (!of11 && a instanceof Action.GotoTable g) { // NXAST_RESUBMIT_TABLE from IN_PORT
            return vendor(nx(14).put(0xfff8, 2).put(g.table(), 1).put(0, 3));
        } else if (a instanceof Action.OutputTrunc t) { // NXAST_OUTPUT_TRUNC
            return vendor(nx(39).put(t.port(), 2).put(t.maxLen(), 4));
        } else if (a instanceof Action.Move m && v.atLeast(OfVersion.OF15)) { // encode_REG_MOVE(): OFPAT15_COPY_FIELD
            return padded(new Buf().put(28, 2).put(0, 2).put(m.dst().nBits(), 2).put(m.src().ofs(), 2)
                    .put(m.dst().ofs(), 2).put(0, 2).put(header(m.src().field(), false), 4)
                    .put(header(m.dst().field(), false), 4));
        } else if (a instanceof Action.Move m && m.copyField() && v == OfVersion.OF13) { // ONFACT13_COPY_FIELD
            return padded(new Buf().put(0xffff, 2).put(0, 2).put(0x4f4e4600L, 4).put(3200, 2).put(0, 2)
                    .put(m.dst().nBits(), 2).put(m.src().ofs(), 2).put(m.dst().ofs(), 2).put(0, 2)
                    .put(header(m.src().field(), false), 4).put(header(m.dst().field(), false), 4));
        } else if (a instanceof Action.Stack st) { // NXAST_STACK_PUSH, NXAST_STACK_POP: offset, field, n_bits
            return vendor(nx(st.push() ? 27 : 28).put(st.subfield().ofs(), 2)
                    .put(nxmHeader(st.subfield().field()), 4).put(st.subfield().nBits(), 2));
        } else if (a instanceof Action.Move m) { // NXAST_REG_MOVE
            return vendor(nx(6).put(m.dst().nBits(), 2).put(m.src().ofs(), 2).put(m.dst().ofs(), 2)
                    .put(nxmHeader(m.src().field()), 4).put(nxmHeader(m.dst().field()), 4));
        } else if (a instanceof Action.Multipath m) { // encode_MULTIPATH()
            int alg = List.of("modulo_n", "hash_threshold", "hrw", "iter_hash").indexOf(m.algorithm());
            if (alg < 0) {
                throw new Unencodable("multipath algorithm " + m.algorithm());
            }
            return vendor(nx(10).put(hashFields(m.fields()), 2).put(m.basis(), 2).put(0, 2).put(alg, 2)
                    .put(m.nLinks() - 1, 2).put(m.arg(), 4).put(0, 2)
                    .put(m.dst().ofs() << 6 | (m.dst().nBits() - 1), 2).put(nxmHeader(m.dst().field()), 4));
        } else if (a instanceof Action.Bundle bd) { // encode_BUNDLE(): NXAST_BUNDLE or NXAST_BUNDLE_LOAD, members
            Buf b = nx(bd.dst() == null ? 12 : 13).put(bd.hrw() ? 1 : 0, 2).put(hashFields(bd.fields()), 2)
                    .put(bd.basis(), 2).put(0x00000002L, 4).put(bd.members().size(), 2);
            b.put(bd.dst() == null ? 0 : bd.dst().ofs() << 6 | (bd.dst().nBits() - 1), 2)
                    .put(bd.dst() == null ? 0 : nxmHeader(bd.dst().field()), 4).put(0, 4);
            for (long p : bd.members()) {
                b.put(p, 2);
            }
            return vendor(b);
        } else if (a instanceof Action.WriteMetadata w && !of11) {
            return vendor(nx(22).put(0, 6).put(w.value(), 8).put(w.mask(), 8));
        } else if (a instanceof Action.SetField f && f.raw() == Action.Raw.LEGACY
                && (f.field() == Field.MPLS_LABEL || f.field() == Field.MPLS_TC)) {
            // encode_SET_MPLS_LABEL(), encode_SET_MPLS_TC(): NX1.0(30, 31), OF1.1(13, 14), set_field from 1.2
            boolean label = f.field() == Field.MPLS_LABEL;
            if (v.atLeast(OfVersion.OF12)) {
                return action(new Action.SetField(f.field(), f.value(), -1L, Action.Raw.SET_FIELD), v);
            }
            return of11 ? (label ? new Buf().put(13, 2).put(8, 2).put(f.value(), 4)
                    : new Buf().put(14, 2).put(8, 2).put(f.value(), 1).put(0, 3)).bytes()
                    : vendor(label ? nx(30).put(0, 2).put(f.value(), 4) : nx(31).put(f.value(), 1).put(0, 5));
        } else if (a instanceof Action.SetMplsTtl t) { // encode_SET_MPLS_TTL(): NX1.0(25), OF1.1+(15)
            return of11 ? new Buf().put(15, 2).put(8, 2).put(t.ttl(), 1).put(0, 3).bytes()
                    : vendor(nx(25).put(t.ttl(), 1).put(0, 5));
        } else if (a instanceof Action.SetNwTtl t && of11) { // encode_SET_IP_TTL(): OFPAT11_SET_NW_TTL from 1.1
            return new Buf().put(23, 2).put(8, 2).put(t.ttl(), 1).put(0, 3).bytes();
        } else if (a instanceof Action.DecMplsTtl) { // encode_DEC_MPLS_TTL(): NX1.0(26), OF1.1+(16)
            return of11 ? new Buf().put(16, 2).put(8, 2).put(0, 4).bytes() : vendor(nx(26).put(0, 6));
        } else if (a instanceof Action.Conjunction c) { // encode_CONJUNCTION(): NXAST_CONJUNCTION, clause 0-based
            return vendor(nx(34).put(c.clause(), 1).put(c.nClauses(), 1).put(c.id(), 4));
        } else if (a instanceof Action.CheckPktLarger c) { // encode_CHECK_PKT_LARGER(): its dst's NXM header
            return vendor(nx(49).put(c.pktLen(), 2).put(c.dst().ofs(), 2).put(nxmHeader(c.dst().field()), 4)
                    .put(0, 6));
        }
        List<Action> wire = ActionFormat.roundTrip(List.of(a), v); // the raw action version v carries it as
        if (!wire.contains(a)) { // (an OpenFlow 1.0 mod_nw_ttl or mod_nw_ecn is a load)
            return actions(wire, v);
        }
        throw new Unencodable(a.getClass().getSimpleName());
    }

    // encode_NAT(): flags (NX_NAT_F_*), then the range's parts that are set, flagged in range_present
    private static byte[] nat(ConntrackNat n) {
        int flags = (n.src() ? 1 : 0) | (n.dst() ? 2 : 0) | (n.persistent() ? 4 : 0) | (n.hash() ? 8 : 0)
                | (n.random() ? 16 : 0);
        Buf range = new Buf();
        int present = 0;
        if (n.range() && n.ip6Min() != null) { // AF_INET6: NX_NAT_RANGE_IPV6_MIN, _MAX
            for (U128 a : new U128[] {n.ip6Min(), n.ip6Max()}) {
                if (!a.isZero()) {
                    range.put(a.hi(), 8).put(a.lo(), 8);
                    present |= a == n.ip6Min() ? 4 : 8;
                }
            }
        }
        if (n.range()) { // AF_INET (0 for IPv6) and the ports
            long[][] parts = {{n.ipMin(), 4, 1}, {n.ipMax(), 4, 2}, {n.portMin(), 2, 16}, {n.portMax(), 2, 32}};
            for (long[] p : parts) {
                if (p[0] != 0) {
                    range.put(p[0], (int) p[1]);
                    present |= (int) p[2];
                }
            }
        }
        return vendor(nx(36).put(0, 2).put(flags, 2).put(present, 2).put(range.bytes()));
    }

    // an OpenFlow property: type, length (before padding), value, padded to 8 (ofpprop_put())
    private static byte[] prop(int type, Buf value) {
        return new Buf().put(type, 2).put(4 + value.size(), 2).put(value.bytes()).pad8().bytes();
    }

    // one learn spec: n_bits | dst_type | src_type, the source (a field's NXM header and offset, or the immediate
    // right-aligned in 16-bit units), the destination field of a match or load
    private static void learnSpec(Buf b, Action.LearnSpec sp) {
        int nBits = sp.dst() != null ? sp.dst().nBits() : sp.src().nBits();
        b.put(nBits | sp.kind() << 11 | (sp.src() == null ? 1 << 13 : 0), 2);
        if (sp.src() != null) {
            b.put(nxmHeader(sp.src().field()), 4).put(sp.src().ofs(), 2);
        } else {
            int bytes = 2 * ((nBits + 15) / 16);
            if (bytes > 8) {
                b.put(sp.imm().hi(), bytes - 8);
            }
            b.put(sp.imm().lo(), Math.min(bytes, 8));
        }
        if (sp.kind() != Action.LearnSpec.OUTPUT) {
            b.put(nxmHeader(sp.dst().field()), 4).put(sp.dst().ofs(), 2);
        }
    }

    /**
     * nx_put_entry() of a tun_metadata value and mask (NXM_NX_TUN_METADATA0 + N, class 1, field 40 + N): mf_field_len()
     * of the 124-byte field, as short as the value's leading zero bytes allow (field_len(): none for 0), the mask's
     * too where there is one (any mask but the field's all ones, which arplab's 64-bit slot holds as no mask).
     */
    private static byte[] tunMetadataEntry(Action.SetField f) {
        U128 value = f.wideValue(), mask = f.wideMask();
        boolean masked = !mask.equals(f.field().ones());
        int len = Math.max(significantBytes(value), masked ? significantBytes(mask) : 0);
        Buf b = new Buf().put(1, 2).put((40 + f.field().tunMetadata()) << 1 | (masked ? 1 : 0), 1)
                .put(masked ? 2 * len : len, 1);
        putWide(b, value, len);
        if (masked) {
            putWide(b, mask, len);
        }
        return b.bytes();
    }

    /** The NXM/OXM header a masked set_field's entry goes out with (a tun_metadata one as long as its value). */
    static long setFieldHeader(Action.SetField f) {
        if (f.field().tunMetadata() < 0) {
            return header(f.field(), true);
        }
        byte[] e = tunMetadataEntry(f);
        return (e[0] & 0xffL) << 24 | (e[1] & 0xffL) << 16 | (e[2] & 0xffL) << 8 | e[3] & 0xffL;
    }

    private static int significantBytes(U128 v) {
        int bits = v.hi() != 0 ? 128 - Long.numberOfLeadingZeros(v.hi()) : 64 - Long.numberOfLeadingZeros(v.lo());
        return (bits + 7) / 8;
    }

    // mf_nxm_header(): the field's NXM header where it has one (OpenFlow 1.0's, in NX actions), else its OXM one
    private static long nxmHeader(Field f) {
        if (f == Field.ACTSET_OUTPUT) { // an experimenter's 64-bit header in actions: not covered
            throw new Unencodable("field " + f.name);
        }
        for (Object[] e : MATCH) {
            if (e[0] == f && (int) e[1] != OXM_BASIC) {
                return (long) (int) e[1] << 16 | (int) e[2] << 9 | f.nBytes;
            }
        }
        return header(f, false);
    }

    // nx_hash_fields, as bundle() and multipath() name them (NX_HASH_FIELDS_*)
    private static final List<String> HASH_FIELDS = List.of("eth_src", "symmetric_l4", "symmetric_l3l4",
            "symmetric_l3l4+udp", "nw_src", "nw_dst", "symmetric_l3");

    private static int hashFields(String name) {
        int i = HASH_FIELDS.indexOf(name);
        if (i < 0) {
            throw new Unencodable("hash fields " + name);
        }
        return i;
    }

    // mf_oxm_header(): the field's OXM header in OpenFlow 1.2+ actions (NXM's where OXM has none): class,
    // field << 1 | hasmask, length; in_port's is NXM_OF_IN_PORT (OXM_OF_IN_PORT is MFF_IN_PORT_OXM's, matches only)
    static long header(Field f, boolean masked) {
        return header(f, masked, OfVersion.OF15);
    }

    /**
     * nxm_field_by_mf_id(): whether version {@code v}'s messages give {@code f} its OXM header rather than its NXM one
     * (the last header of the field's list whose version is at most v): tun_id's OXM_OF_TUNNEL_ID is OpenFlow 1.3's.
     */
    private static boolean oxmIn(Field f, OfVersion v) {
        return f != Field.TUN_ID || v.atLeast(OfVersion.OF13);
    }

    /** The same in version {@code v}'s messages. */
    static long header(Field f, boolean masked, OfVersion v) {
        if (f == Field.ACTSET_OUTPUT) { // an experimenter's 64-bit header in actions: not covered
            throw new Unencodable("field " + f.name);
        }
        for (Object[] e : MATCH) {
            if (e[0] == f) {
                boolean basic = (int) e[3] >= 0 && f != Field.IN_PORT && oxmIn(f, v);
                long cls = basic ? OXM_BASIC : (int) e[1], field = basic ? (int) e[3] : (int) e[2];
                int len = f.nBytes;
                return cls << 16 | (field << 1 | (masked ? 1 : 0)) << 8 | (masked ? 2 * len : len);
            }
        }
        if (f.name.startsWith("xxreg")) { // NXM_NX_XXREG0..3 (NXM_NX 111..114), never a match entry of their own
            long field = 111 + (f.name.charAt(5) - '0');
            return 1L << 16 | (field << 1 | (masked ? 1 : 0)) << 8 | (masked ? 32 : 16);
        }
        throw new Unencodable("field " + f.name);
    }

    /**
     * ovs_hex_dump(): 16 bytes a line after the offset, a '-' after the eighth; with {@code ascii} the printable
     * characters between bars, without it the line's trailing blank dropped (as the log prints it).
     */
    static String hexDump(byte[] b, boolean ascii) {
        StringBuilder s = new StringBuilder();
        for (int ofs = 0; ofs < b.length; ofs += 16) {
            StringBuilder line = new StringBuilder(String.format("%08x  ", ofs));
            int end = Math.min(b.length, ofs + 16);
            for (int i = ofs; i < end; i++) {
                line.append(String.format("%02x", b[i] & 0xff)).append(i - ofs == 7 ? '-' : ' ');
            }
            if (ascii) {
                line.append("   ".repeat(16 - (end - ofs))).append('|');
                for (int i = ofs; i < end; i++) {
                    int c = b[i] & 0xff;
                    line.append(c >= 32 && c < 127 ? (char) c : '.');
                }
                line.append(" ".repeat(16 - (end - ofs))).append('|');
            } else if (line.charAt(line.length() - 1) == ' ') {
                line.setLength(line.length() - 1);
            }
            s.append(line).append('\n');
        }
        return s.toString();
    }
}
