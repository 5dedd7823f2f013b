package io.arplab.flow;

import java.util.List;

/**
 * ofpacts_check() and its check_*() functions (lib/ofp-actions.c): what actions need of the match they run on, and
 * which OpenFlow versions can carry them with it (usable_protocols).
 */
final class ActionCheck {
    private ActionCheck() {}

    /**
     * ofpacts_check(): each field an action writes or reads must have its prerequisites in the match. Returns the
     * log line OVS writes, as the exception's text; the caller prints "actions are invalid ..." after it.
     */
    static void check(List<Action> actions, Match match, int table) {
        Match tagged = match.copy(), untagged = match.copy(); // check_PUSH_VLAN() marks the flow tagged,
        tagged.putSlot(Slot.VLAN_TCI, Match.VLAN_CFI, Match.VLAN_CFI); // check_STRIP_VLAN() pops a tag
        untagged.putSlot(Slot.VLAN_TCI, 0, Match.VLAN_CFI);
        // the CFI bits of the flow's FLOW_MAX_VLAN_HEADERS (2) tags, as the checks mark them
        boolean[] cfi = {(match.value(Slot.VLAN_TCI) & match.mask(Slot.VLAN_TCI) & Match.VLAN_CFI) != 0,
            (match.value(Slot.VLAN_TCI1) & match.mask(Slot.VLAN_TCI1) & Match.VLAN_CFI) != 0};
        for (Action a : actions) {
            Field bad = null;
            if (a instanceof Action.PushVlan p && !p.implicit()) {
                if (cfi[1]) { // check_PUSH_VLAN(): no third tag
                    throw new ActionCheckException((String) null, "OFPBAC_BAD_TAG");
                }
                cfi[1] = cfi[0]; // flow_push_vlan_uninit()
                cfi[0] = true;
            } else if (a instanceof Action.PopVlan) { // check_STRIP_VLAN(): flow_pop_vlan()
                cfi[0] = cfi[1];
                cfi[1] = false;
            } else if (a instanceof Action.SetField f && f.legacy() && (f.field() == Field.VLAN_VID
                    || f.field() == Field.VLAN_PCP)) {
                cfi[0] = true; // check_SET_VLAN_VID(), check_SET_VLAN_PCP(): marked tagged
            } else if (a instanceof Action.SetField f && !f.legacy() && f.field() == Field.VLAN_TCI) {
                cfi[0] = (f.value() & Match.VLAN_CFI) != 0; // check_SET_FIELD(): the tci written
            }
            if (a instanceof Action.Output o && (o.port() == Ports.NONE || o.port() >= 0xff00 && o.port() < 0xfff8)) {
                throw new ActionCheckException((String) null, "OFPBAC_BAD_OUT_PORT"); // check_OUTPUT(): past OFPP_MAX
            }
            if (a instanceof Action.Meter m && (m.meterId() == 0 || m.meterId() > 0xffff0000L)) { // check_METER()
                throw new ActionCheckException((String) null, "OFPMMFC_INVALID_METER"); // 0 or past OFPM13_MAX
            }
            if (a instanceof Action.Enqueue e && e.port() >= Ports.MAX && e.port() != Ports.IN_PORT
                    && e.port() != Ports.LOCAL) { // check_ENQUEUE(): a real port, IN_PORT or LOCAL
                throw new ActionCheckException((String) null, "OFPBAC_BAD_OUT_PORT");
            }
            if (a instanceof Action.GotoTable g && table != 255 && g.table() <= table) { // check_GOTO_TABLE()
                throw new ActionCheckException((String) null, "OFPBIC_BAD_TABLE_ID");
            } else if (a instanceof Action.WriteActions w) { // check_WRITE_ACTIONS(): errors, not protocols
                check(w.actions(), match, table);
            } else if (a instanceof Action.Clone c) { // check_CLONE(): on the flow as the actions before left it,
                Match now = (cfi[0] ? tagged : untagged).copy(); // which ofpacts_check() restores after, its
                now.putSlot(Slot.VLAN_TCI1, cfi[1] ? Match.VLAN_CFI : 0, Match.VLAN_CFI); // second tag included
                check(c.actions(), now, table);
            }
            if (a instanceof Action.PushMpls || a instanceof Action.PopMpls) {
                tagged = mplsMoved(tagged, a);
                untagged = mplsMoved(untagged, a);
            }
            if (a instanceof Action.SetField sf && !sf.legacy()
                    && (!(cfi[0] ? tagged : untagged).prereqsOk(sf.field())
                        || sf.field() == Field.VLAN_VID && !cfi[0])) { // OXM_OF_VLAN_VID needs a VLAN header
                bad = sf.field();
            } else if (a instanceof Action.Stack st) { // check_STACK_PUSH(): mf_check_src(); check_STACK_POP(): _dst()
                Match flow = cfi[0] ? tagged : untagged;
                if (!flow.prereqsOk(st.subfield().field())) {
                    throw new ActionCheckException("meta_flow|WARN|" + (st.push() ? "source" : "destination")
                            + " field " + st.subfield().field().name + " lacks correct prerequisites",
                            "OFPBAC_MATCH_INCONSISTENT");
                }
                if (!st.push() && !ActionParserFields.writable(st.subfield().field())) {
                    throw new ActionCheckException("meta_flow|WARN|destination field " + st.subfield().field().name
                            + " is not writable", "OFPBAC_BAD_SET_ARGUMENT");
                }
            } else if (a instanceof Action.Move mv) { // check_REG_MOVE() on the flow as the actions before left it
                Match flow = cfi[0] ? tagged : untagged;
                if (!flow.prereqsOk(mv.src().field())) {
                    throw new ActionCheckException("meta_flow|WARN|source field " + mv.src().field().name
                            + " lacks correct prerequisites", "OFPBAC_MATCH_INCONSISTENT");
                }
                if (!flow.prereqsOk(mv.dst().field())) {
                    throw new ActionCheckException("meta_flow|WARN|destination field " + mv.dst().field().name
                            + " lacks correct prerequisites", "OFPBAC_MATCH_INCONSISTENT");
                }
                if (!ActionParserFields.writable(mv.dst().field())) { // mf_check_dst(), after the prerequisites
                    throw new ActionCheckException("meta_flow|WARN|destination field " + mv.dst().field().name
                            + " is not writable", "OFPBAC_BAD_SET_ARGUMENT");
                }
            } else if (a instanceof Action.Learn l) { // learn_check(): a spec's source in the flow as the actions
                Match learned = new Match(); // before left it (a pop_mpls's ethertype), its destination in the
                Match flow = cfi[0] ? tagged : untagged; // learned flow's match so far
                for (Action.LearnSpec sp : l.specs()) {
                    Field unmet = sp.src() != null && !flow.prereqsOk(sp.src().field()) ? sp.src().field()
                            : sp.kind() == Action.LearnSpec.MATCH && !learned.prereqsOk(sp.dst().field())
                            ? sp.dst().field() : null;
                    if (unmet != null) {
                        throw new ActionCheckException("meta_flow|WARN|source field " + unmet.name
                                + " lacks correct prerequisites", "OFPBAC_MATCH_INCONSISTENT");
                    }
                    Subfield d = sp.dst();
                    if (d != null && sp.kind() != Action.LearnSpec.OUTPUT && !learned.prereqsOk(d.field())) {
                        throw new ActionCheckException("meta_flow|WARN|" + (sp.kind() == Action.LearnSpec.MATCH
                                ? "source" : "destination") + " field " + d.field().name
                                + " lacks correct prerequisites", "OFPBAC_MATCH_INCONSISTENT");
                    }
                    if (sp.kind() == Action.LearnSpec.MATCH && sp.src() == null) {
                        Field f = d.field();
                        learned.set(f, learned.value(f.slot) >>> f.shift | sp.imm().lo() << d.ofs(),
                                learned.mask(f.slot) >>> f.shift | d.mask());
                    }
                }
            } else if (a instanceof Action.Resubmit r && r.ct() && !ctValid(match)) { // check_RESUBMIT()
                throw new ActionCheckException((String) null, "OFPBAC_MATCH_INCONSISTENT");
            } else if (a instanceof Action.Ct ct) { // check_CT(): on the flow as the actions before left it
                Match flow = cfi[0] ? tagged : untagged; // (a pop_mpls's ethertype, check_POP_MPLS())
                long proto = flow.mask(Slot.NW_PROTO) != 0 ? flow.value(Slot.NW_PROTO) : 0;
                if (!flow.isIp() && flow.dlType() != Match.ETH_IPV6
                        || (flow.value(Slot.CT_STATE) & flow.mask(Slot.CT_STATE) & Conntrack.INV) != 0 && ct.commit()
                        || ct.alg() == Action.CT_FTP && proto != Match.PROTO_TCP
                        || ct.alg() == Action.CT_TFTP && proto != Match.PROTO_UDP) {
                    throw new ActionCheckException((String) null, "OFPBAC_MATCH_INCONSISTENT");
                }
                if (ct.zoneSrc() != null) { // check_CT() returns mf_check_src() of a zone field: no nat, exec() checked
                    if (!flow.prereqsOk(ct.zoneSrc().field())) {
                        throw new ActionCheckException("meta_flow|WARN|source field " + ct.zoneSrc().field().name
                                + " lacks correct prerequisites", "OFPBAC_MATCH_INCONSISTENT");
                    }
                } else if (natMismatch(ct, flow)) {
                    throw new ActionCheckException((String) null, "OFPBAC_MATCH_INCONSISTENT");
                } else {
                    check(ct.exec(), flow, table);
                }
            } else if (a instanceof Action.Nat n && natMismatch(n.text(), match)) { // check_NAT()
                throw new ActionCheckException((String) null, "OFPBAC_MATCH_INCONSISTENT");
            }
            if (bad != null) {
                throw new ActionCheckException("ofp_actions|WARN|set_field " + bad.name
                        + " lacks correct prerequisites", "OFPBAC_MATCH_INCONSISTENT");
            }
        }
    }

    // is_ct_valid() on a match: a ct_state bit that implies a connection, or +trk with an explicit -inv
    private static boolean ctValid(Match match) {
        return Conntrack.validMatch(match.value(Slot.CT_STATE), match.mask(Slot.CT_STATE));
    }

    // check_NAT(): an IPv4 range needs an IPv4 flow, an IPv6 range an IPv6 one
    private static boolean natMismatch(Action.Ct ct, Match match) {
        return natMismatch(ct.nat(), match);
    }

    private static boolean natMismatch(String text, Match match) {
        ConntrackNat nat = ConntrackNat.parse(text);
        return nat != null && nat.range() && (nat.ip6Min() != null ? match.dlType() != Match.ETH_IPV6 : !match.isIp());
    }

    /** The protocols that can carry these actions with this match (ofpacts_check's usable_protocols). */
    static int usable(List<Action> actions, Match match) {
        int[] pc = usableParsedChecked(actions, match);
        return pc[0] & pc[1];
    }

    /**
     * What parsing the actions allows of the protocols, with no ofpacts_check() after (a group bucket's, a
     * packet-out's): ofpacts_parse_actions() allows no instructions, so a meter there is OpenFlow 1.5's action
     * (ofpacts_parse__(): OFPUTIL_P_OF15_UP).
     */
    static int parsedUsable(List<Action> actions) {
        int usable = usableParsedChecked(actions, new Match())[0];
        return actions.stream().anyMatch(a -> a instanceof Action.Meter) ? usable & FlowMod.P_OXM15 : usable;
    }

    /**
     * ofpacts_check_consistency() with the protocols parsing allowed as needed ones (ofproto/trace-packet-out
     * -consistent): false when checking against the match rules out one of them.
     */
    static boolean consistent(List<Action> actions, Match match) {
        int[] pc = usableParsedChecked(actions, match);
        return (pc[0] & ~pc[1]) == 0;
    }

    /** What checking the actions against the match leaves of the protocols (ofpacts_check()'s inconsistent_match()). */
    static int checkedProtocols(List<Action> actions, Match match) {
        return usableParsedChecked(actions, match)[1];
    }

    // {what parsing the actions allows, what checking them against the match allows}
    private static int[] usableParsedChecked(List<Action> actions, Match match) {
        boolean vlan = (match.mask(Slot.VLAN_TCI) & Match.VLAN_CFI) != 0
                && (match.value(Slot.VLAN_TCI) & Match.VLAN_CFI) != 0;
        return usableParsedChecked(actions, match, vlan ? 1 : 0);
    }

    // the same, the flow carrying `tags` VLAN headers as the actions before left it (ofpacts_check()'s flow->vlans)
    private static int[] usableParsedChecked(List<Action> actions, Match match, int tags) {
        int usable = FlowMod.P_ANY;
        int checked = FlowMod.P_ANY;
        Match cur = match;
        for (Action a : actions) {
            boolean vlan = tags > 0;
            if (a instanceof Action.PopVlan) {
                tags = Math.max(0, tags - 1);
            }
            boolean mplsBad = false;
            if (a instanceof Action.PushMpls || a instanceof Action.PopMpls) { // check_PUSH_MPLS(), check_POP_MPLS()
                // check_POP_MPLS(): an MPLS packet of an Ethernet packet_type alone
                mplsBad = a instanceof Action.PopMpls && (cur.nonEthernet() || !cur.prereqsOk(Field.MPLS_LABEL));
                cur = mplsMoved(cur, a);
            } else if (a instanceof Action.SetMplsTtl || a instanceof Action.DecMplsTtl
                    || a instanceof Action.SetField f && f.legacy() && f.field().slot == Slot.MPLS_LSE) {
                mplsBad = !cur.prereqsOk(Field.MPLS_LABEL); // check_set_mpls()
            }
            // check_SET_VLAN_VID(), check_SET_VLAN_PCP(): a set_vlan_vid/pcp (no push_vlan_if_needed) of an
            // untagged flow is inconsistent; either marks the flow tagged
            boolean vlanSet = a instanceof Action.SetField f && f.legacy()
                    && (f.field() == Field.VLAN_VID || f.field() == Field.VLAN_PCP);
            boolean untaggedSet = vlanSet && !vlan && ((Action.SetField) a).raw() == Action.Raw.LEGACY_NO_PUSH;
            if (vlanSet) {
                tags = Math.max(tags, 1);
            }
            if (a instanceof Action.PopVlan && !vlan || mplsBad || untaggedSet || inconsistent(a, cur)) {
                checked &= FlowMod.P_OF10 | FlowMod.P_NXM; // inconsistent_match(): only OpenFlow 1.0 allows it
            } else if (a instanceof Action.SetField f && f.raw() == Action.Raw.SET_FIELD) {
                Match exact = new Match(); // parse_SET_FIELD(): the field's usable_protocols_exact
                exact.set(f.field(), 0, f.field().fullMask());
                usable &= FlowParser.usable(exact);
            } else if (a instanceof Action.Meter) {
                usable &= FlowMod.P_OF13_UP; // parse_METER(): an OpenFlow 1.3+ instruction
            } else if (a instanceof Action.WriteMetadata) {
                usable &= FlowMod.P_NXM | FlowMod.P_OF11 | FlowMod.P_OXM; // parse_WRITE_METADATA(): NXM_OF11_UP
            } else if (a instanceof Action.WriteActions || a instanceof Action.Ct) {
                // what parsing the nested actions restricts, not checking (parse_CT() folds exec's back too)
                for (Action n : a instanceof Action.Ct c ? c.exec() : ((Action.WriteActions) a).actions()) {
                    if (n instanceof Action.SetField f && f.raw() == Action.Raw.SET_FIELD) {
                        usable &= usable(List.of(n), match);
                    }
                }
            } else if (a instanceof Action.Clone c) {
                // parse_CLONE()'s ofpacts_parse_copy() starts *usable_protocols afresh: what the actions before it
                // allowed is lost; check_subactions() folds the nested checks in, on the flow as the actions before
                // left its VLAN headers (a pop_vlan before: none)
                int[] nested = usableParsedChecked(c.actions(), cur, tags);
                usable = nested[0];
                checked &= nested[1];
            } else if (a instanceof Action.PushVlan p) {
                if (!p.implicit()) {
                    usable &= FlowMod.P_OF11 | FlowMod.P_OXM;
                }
                tags++;
            }
            if (a instanceof Action.SetField f && !f.legacy() && f.field() == Field.VLAN_TCI) {
                // check_SET_FIELD(): a whole vlan_tci written marks the flow tagged or not by its CFI bit
                tags = (f.value() & Match.VLAN_CFI) != 0 ? Math.max(tags, 1) : 0;
            }
        }
        return new int[] {usable, checked};
    }

    /** The match as check_PUSH_MPLS()/check_POP_MPLS() leave the flow: the new Ethertype, no nw_proto after a push. */
    static Match mplsMoved(Match m, Action a) {
        Match n = m.copy();
        if (a instanceof Action.PushMpls p) {
            n.putSlot(Slot.DL_TYPE, p.ethertype(), 0xffff);
            n.putSlot(Slot.NW_PROTO, 0, 0);
        } else if (a instanceof Action.PopMpls p) {
            n.putSlot(Slot.DL_TYPE, p.ethertype(), 0xffff);
        }
        return n;
    }

    // check_set_ipv4(), check_set_ip(), check_set_l4_port(), check_DEC_TTL(): OpenFlow 1.0's own set actions on a
    // match that lacks their protocol are no error, only not expressible in later versions
    private static boolean inconsistent(Action a, Match m) {
        boolean ipAny = m.isIp() || m.dlType() == Match.ETH_IPV6;
        if (a instanceof Action.FinTimeout) { // check_FIN_TIMEOUT()
            return !(m.mask(Slot.NW_PROTO) != 0 && m.value(Slot.NW_PROTO) == Match.PROTO_TCP);
        }
        if (a instanceof Action.DecTtl || a instanceof Action.SetNwTtl) {
            return !ipAny;
        }
        if (a instanceof Action.PushMpls) { // check_PUSH_MPLS(): an Ethernet packet's alone
            return m.nonEthernet();
        }
        if (!(a instanceof Action.SetField f) || !f.legacy()) {
            return false;
        }
        return switch (f.field()) {
            case IPV4_SRC, IPV4_DST -> !m.isIp();
            case IP_DSCP_SHIFTED, IP_ECN -> !ipAny;
            case TCP_SRC, TCP_DST, UDP_SRC, UDP_DST, SCTP_SRC, SCTP_DST -> {
                long proto = m.mask(Slot.NW_PROTO) != 0 ? m.value(Slot.NW_PROTO) : -1;
                yield !ipAny || (m.value(Slot.NW_FRAG) & m.mask(Slot.NW_FRAG) & 2) != 0
                        || proto != Match.PROTO_TCP && proto != Match.PROTO_UDP && proto != 132;
            }
            default -> false;
        };
    }
}
