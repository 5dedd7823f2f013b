package io.arplab.flow;

import java.util.List;

/**
 * What the switch refuses while decoding a flow_mod from the wire (lib/ofp-flow.c ofputil_decode_flow_mod(), the
 * nx_pull_raw() of its match and the decode_*() of lib/ofp-actions.c), before ofproto.c sees it; ovs-ofctl's own
 * decode of a flow stats reply refuses the same.
 */
final class FlowModDecode {
    private FlowModDecode() {}

    /**
     * nx_pull_raw(), strict as for a flow_mod: the switch pulls the NXM/OXM match entry by entry in the order
     * nx_put_raw() put them; a value must be valid (mf_is_value_valid(): the IPv6 flow label's 20 bits,
     * OFPBMC_BAD_VALUE) and the field's prerequisites hold in the match pulled so far (mf_are_match_prereqs_ok(),
     * OFPBMC_BAD_PREREQ). OpenFlow 1.0's ofp10_match carries no such field. Returns null or the error.
     */
    static String matchError(FlowMod fm, OfVersion version) {
        if (FlowTables.ofp10(fm, version)) {
            return null;
        } else if (version == OfVersion.OF11) {
            return Ofp11Match.error(fm.match()); // ofputil_match_from_ofp11_match()
        }
        String error = matchError(fm.match(), version);
        if (error != null) {
            return error;
        }
        // ofputil_decode_flow_mod(): the original tuple's addresses of the IP version the match's dl_type names
        Match m = fm.match();
        boolean v4 = (m.mask(Slot.CT_NW_SRC) | m.mask(Slot.CT_NW_DST)) != 0;
        boolean v6 = !m.mask(Field.CT_IPV6_SRC).isZero() || !m.mask(Field.CT_IPV6_DST).isZero();
        return v4 && m.value(Slot.DL_TYPE) != Match.ETH_IP || v6 && m.value(Slot.DL_TYPE) != Match.ETH_IPV6
                ? "OFPBAC_MATCH_INCONSISTENT" : null;
    }

    /** The same for a match sent as NXM or OXM (nx_pull_raw()), as a flow stats reply carries a rule's too. */
    static String matchError(Match match, OfVersion version) {
        Match pulled = new Match();
        pulled.putSlot(Slot.PACKET_TYPE, match.value(Slot.PACKET_TYPE), match.mask(Slot.PACKET_TYPE));
        for (OfpEncode.Entry e : OfpEncode.matchEntries(match,
                version.atLeast(OfVersion.OF11) ? version : null)) {
            if (e.field() == Field.IPV6_LABEL && (e.value().lo() & ~0xfffffL) != 0) {
                return "OFPBMC_BAD_VALUE";
            }
            if (!pulled.prereqsOk(e.field())) {
                return "OFPBMC_BAD_PREREQ";
            }
            pulled.set(e.field(), e.value(), e.mask());
        }
        return null;
    }

    /**
     * ofpacts_check_consistency() as ofputil_decode_flow_mod() runs it on the actions decoded from the wire, against
     * the match decoded: an OpenFlow 1.0 mod_nw_ttl or mod_nw_ecn travels as a load (NXAST_REG_LOAD) decoded as a
     * set_field, whose prerequisites check_SET_FIELD() wants in the match. Returns null, or the error and the line
     * it logs (null if none).
     */
    static String[] consistencyError(FlowMod fm, OfVersion version) {
        boolean of10 = FlowTables.ofp10(fm, version);
        Match m = of10 ? MatchFormat.onOf10Wire(fm.match()) : fm.match();
        return consistencyError(ActionFormat.roundTrip(fm.actions(), version), m, fm.table(),
                protocol(version, of10));
    }

    /** The same for actions as the wire carried them, against {@code m}, sent with protocol {@code needed}. */
    static String[] consistencyError(List<Action> wire, Match m, int table, int needed) {
        try {
            ActionCheck.check(wire, m, table);
        } catch (ActionCheckException e) {
            String text = e.getMessage();
            return new String[] {text.substring(text.lastIndexOf('(') + 1, text.length() - 1),
                e.log.isEmpty() ? null : e.log.get(e.log.size() - 1)};
        }
        // ofpacts_check_consistency(): the connection's protocol must outlive the check against the match as the
        // wire carried it (fin_timeout on a match whose nw_proto went without its dl_type)
        if ((ActionCheck.checkedProtocols(wire, m) & needed) == 0) {
            return new String[] {"OFPBAC_MATCH_INCONSISTENT", null};
        }
        return null;
    }

    /** The protocol a message goes out with in {@code version}: OpenFlow 1.0's own match ({@code of10}) or NXM. */
    static int protocol(OfVersion version, boolean of10) {
        return of10 ? FlowMod.P_OF10 : !version.atLeast(OfVersion.OF11) ? FlowMod.P_NXM : FlowMod.protocols(version);
    }

    /**
     * check_GOTO_TABLE() as ofputil_decode_flow_mod() checks the instructions against the table the flow_mod carries
     * (OpenFlow 1.1+; a 1.0 goto_table travels as a resubmit): a goto_table must go to a later table.
     */
    static String gotoTableError(FlowMod fm, OfVersion version) {
        if (!version.atLeast(OfVersion.OF11)) {
            return null;
        }
        int table = OfpEncode.wireTable(fm, version, true);
        for (Action a : fm.actions()) {
            if (a instanceof Action.GotoTable g && table != 255 && g.table() <= table) {
                return "OFPBIC_BAD_TABLE_ID";
            }
        }
        return null;
    }

    /**
     * decode_NXAST_RAW_CT(): a ct() without commit may nest only a nat without arguments, else the switch refuses
     * the flow_mod while decoding it (OFPBAC_BAD_ARGUMENT). Returns null or the error.
     */
    static String decodeError(List<Action> wire) {
        for (Action a : wire) {
            String[] e = decodeError(a);
            if (e != null) {
                return e[0];
            }
        }
        return ActionParser.orderError(wire) != null ? "OFPBAC_UNSUPPORTED_ORDER" : null; // ofpacts_verify(), after
    }

    /**
     * ofperr_encode_msg(): an error OpenFlow 1.0 has no code for goes out as NXBRC_UNENCODABLE_ERROR (the OpenFlow
     * 1.1+ action order, tag and instruction errors).
     */
    static String errorOnWire(String error, OfVersion version) {
        boolean of11 = error != null && (error.equals("OFPBAC_UNSUPPORTED_ORDER") || error.equals("OFPBAC_BAD_TAG")
                || error.startsWith("OFPBIC_"));
        return of11 && !version.atLeast(OfVersion.OF11) ? "NXBRC_UNENCODABLE_ERROR" : error;
    }

    /**
     * One action as the switch (and ovs-ofctl, printing the refusal) decodes it: null, or the error and the line it
     * logs (decode_NXAST_RAW_CT(), its decode_ct_zone() first; nx_pull_entry__() of a masked set_field's OXM entry;
     * mf_check_dst() of a load or set_field into a read-only field).
     */
    static String[] decodeError(Action a) {
        if (a instanceof Action.Clone c) { // decode_NXAST_RAW_CLONE(): its actions decoded as apply_actions'
            for (Action n : c.actions()) {
                String[] e = decodeError(n);
                if (e != null) {
                    return e;
                }
            }
        }
        if (a instanceof Action.WriteActions w) { // ofpacts_decode_for_action_set(): the actions decoded first
            for (Action n : w.actions()) {
                String[] e = decodeError(n);
                if (e != null) {
                    return e;
                }
            }
        }
        if (a instanceof Action.WriteActions w && !w.actions().stream().allMatch(FlowModDecode::allowedInActionSet)) {
            // ofpacts_decode_for_action_set()
            return new String[] {"OFPBAC_BAD_TYPE", "ofp_actions|WARN|disallowed action in action set"};
        }
        if (a instanceof Action.SetField f && f.raw() == Action.Raw.SET_FIELD
                && !f.wideMask().and(f.field().ones()).equals(f.field().ones()) // OfpEncode: masked on the wire
                && !f.wideValue().and(f.wideMask().not()).and(U128.ones(8 * f.field().nBytes)).isZero()) {
            // is_mask_consistent(): only OpenFlow 1.5's Set-Field carries a mask (the earlier a reg_load)
            long h = OfpEncode.setFieldHeader(f);
            return new String[] {"OFPBMC_BAD_WILDCARDS", "nx_match|WARN|Rejecting NXM/OXM entry 0:" + (h >>> 16) + ":"
                    + (h >>> 9 & 0x7f) + ":1:" + (h & 0xff) + " with 1-bits in value for bits wildcarded by the mask."};
        }
        if (a instanceof Action.Ct c && c.zoneSrc() != null && c.zoneSrc().nBits() != 16) { // decode_ct_zone()
            return new String[] {"OFPBAC_BAD_SET_LEN", "ofp_actions|WARN|zone n_bits " + c.zoneSrc().nBits()
                    + " not within valid range [16..16]"};
        }
        if (a instanceof Action.Ct c && !c.commit() && (c.nat() != null && !c.nat().equals("nat")
                || c.exec().stream().anyMatch(e -> !(e instanceof Action.Nat n && n.text().equals("nat"))))) {
            return new String[] {"OFPBAC_BAD_ARGUMENT", "ofp_actions|WARN|CT action requires commit flag if actions"
                    + " other than NAT without arguments are specified."};
        }
        if (a instanceof Action.Bundle b && b.dst() != null && b.dst().nBits() < 16) { // decode_bundle()
            return new String[] {"OFPBAC_BAD_ARGUMENT",
                "ofp_actions|WARN|bundle_load action requires at least 16 bit destination."};
        }
        if (a instanceof Action.PushMpls p && p.ethertype() != Match.ETH_MPLS && p.ethertype() != Match.ETH_MPLS_MCAST) {
            return new String[] {"OFPBAC_BAD_ARGUMENT", null}; // decode_OFPAT_RAW11_PUSH_MPLS(): eth_type_mpls()
        }
        if (a instanceof Action.SetField f && f.field() == Field.IN_PORT_OXM
                && (f.raw() == Action.Raw.SET_FIELD || f.raw() == Action.Raw.SET_FIELD_BITS)) {
            return new String[] {"OFPBAC_BAD_SET_ARGUMENT", null}; // decode_ofpat_set_field(): OpenFlow forbids it
        }
        if (a instanceof Action.SetField f && !f.legacy() && !ActionParserFields.writable(f.field())) {
            return new String[] {"OFPBAC_BAD_SET_ARGUMENT", (f.raw() == Action.Raw.REG_LOAD ? "meta_flow"
                    : "ofp_actions") + "|WARN|destination field " + f.field().name + " is not writable"};
        }
        if (a instanceof Action.SetField f && (f.raw() == Action.Raw.SET_FIELD || f.raw() == Action.Raw.SET_FIELD_BITS)
                && f.field().nBits <= 64 && (!ActionParserFields.valueValid(f.field(), f.value())
                        || f.field() == Field.VLAN_VID && !vlanVidPresent(f))) {
            // decode_ofpat_set_field(): mf_is_value_valid() (a reg_load's value is not checked)
            return new String[] {"OFPBAC_BAD_SET_ARGUMENT", "ofp_actions|WARN|Invalid value for set field "
                    + f.field().name + ": " + MatchFormat.formatValue(f.field(), f.value(), -1L, PortMap.NONE)};
        }
        return null;
    }

    /**
     * decode_ofpat_set_field(): an OXM_OF_VLAN_VID Set-Field has OFPVID12_PRESENT in its value and, masked on the
     * wire, in its mask (else OFPBAC_BAD_SET_ARGUMENT); ovs-ofctl sends the value as written (`1->vlan_vid`: 0x0001).
     */
    private static boolean vlanVidPresent(Action.SetField f) {
        boolean masked = !f.wideMask().and(f.field().ones()).equals(f.field().ones());
        return (f.value() & Match.VLAN_CFI) != 0 && (!masked || (f.mask() & Match.VLAN_CFI) != 0);
    }

    /** ofpact_is_allowed_in_actions_set(): action_set_classify() gives the action a slot, a final place or set/move. */
    static boolean allowedInActionSet(Action a) {
        return a instanceof Action.SetField || a instanceof Action.Move || a instanceof Action.SetNwTtl
                || a instanceof Action.SetMplsTtl || a instanceof Action.Queue q && q.queue() >= 0
                || a instanceof Action.SetTunnel || a instanceof Action.PopVlan || a instanceof Action.PushVlan
                || a instanceof Action.PopMpls || a instanceof Action.PushMpls || a instanceof Action.DecTtl
                || a instanceof Action.DecMplsTtl || a instanceof Action.Ct || a instanceof Action.CtClear
                || a instanceof Action.Resubmit || a instanceof Action.Output || a instanceof Action.Group;
    }
}
