package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bridge's flow_mods (ofproto/ofproto.c): handle_flow_mod__()'s ofproto_flow_mod_init() (the vl_mff_map's
 * tun_metadata fields, add_flow_init()'s hidden table) and ofproto_check_ofpacts(), before the tables apply it.
 */
final class OfprotoFlowMod {
    private OfprotoFlowMod() {}

    /**
     * A flow_mod decoded as {@code version}: its actions may name only existing groups (ofproto_check_ofpacts(),
     * OFPBAC_BAD_OUT_GROUP). Returns null or the OpenFlow error's name.
     */
    static String flowMod(Ofproto br, FlowMod sent, OfVersion version, long now) {
        FlowMod fm = received(br, sent);
        String init = initReceived(br, fm, version);
        if (init != null) {
            return init;
        }
        if (checksOfpacts(br, fm, version)) {
            String missing = checkOfpacts(br, ActionFormat.roundTrip(fm.actions(), version), br.groups); // the wire's
            if (missing != null) {
                return missing;
            }
        }
        return br.tables.apply(fm, version, now);
    }

    /**
     * Whether the flow_mod's start checks its actions (ofproto_check_ofpacts()): add_flow_start() always,
     * modify_flows_start__() when a rule is replaced.
     */
    static boolean checksOfpacts(Ofproto br, FlowMod fm, OfVersion version) {
        boolean modify = fm.command() == FlowMod.Command.MODIFY || fm.command() == FlowMod.Command.MODIFY_STRICT;
        return fm.command() == FlowMod.Command.ADD || modify && br.tables.modifyTakesEffect(fm, version);
    }

    /**
     * What ofputil_decode_flow_mod() and ofproto_flow_mod_init() refuse (the tun_metadata mappings, the match, the
     * actions, goto_table, their consistency, the hidden table and fields): a bundle's add fails on these.
     */
    static String init(Ofproto br, FlowMod sent, OfVersion version) {
        return initReceived(br, received(br, sent), version);
    }

    /**
     * The switch's own decoding of the flow_mod (ofputil_decode_flow_mod() into its struct ofputil_flow_mod): the TLV
     * map's normalisation below changes it, never the flow_mod as ovs-ofctl sent it, which a refusal prints.
     */
    private static FlowMod received(Ofproto br, FlowMod sent) {
        if (!br.tlv.mapsAny()) {
            return sent;
        }
        Match match = sent.match().copy();
        return new FlowMod(sent.command(), sent.table(), sent.priority(), sent.cookie(), sent.cookieMask(),
                sent.setCookie(), sent.newCookie(), sent.idleTimeout(), sent.hardTimeout(), sent.importance(),
                sent.flags(), sent.outPort(), sent.outGroup(), match, copied(sent.actions()), sent.log(), sent.usable(),
                sent.parsed() == sent.match() ? match : sent.parsed());
    }

    // the action lists the TLV map's normalisation rewrites (ct()'s exec, write_actions, clone), copied
    private static List<Action> copied(List<Action> actions) {
        List<Action> out = new ArrayList<>(actions.size());
        for (Action a : actions) {
            if (a instanceof Action.Ct ct && ct.exec() != null) {
                a = new Action.Ct(ct.commit(), ct.force(), ct.table(), ct.zoneImm(), ct.zoneSrc(), ct.nat(),
                        copied(ct.exec()), ct.alg(), ct.natAt());
            } else if (a instanceof Action.WriteActions w) {
                a = new Action.WriteActions(copied(w.actions()));
            } else if (a instanceof Action.Clone c) {
                a = new Action.Clone(copied(c.actions()));
            }
            out.add(a);
        }
        return out;
    }

    // init() of the switch's copy, which it normalises in place
    private static String initReceived(Ofproto br, FlowMod fm, OfVersion version) {
        String tunMetadata = tunMetadataError(br, fm);
        if (tunMetadata != null) {
            return tunMetadata;
        }
        br.tlv.normalise(fm.match());
        String match = FlowModDecode.matchError(fm, version);
        if (match != null) {
            return match;
        }
        // nx_pull_entry__(): an entry's is_mask_consistent() on the wire (the refusal's hex shows the flow_mod as
        // sent), then copy_entry_value() through the TLV map
        String decode = FlowModDecode.decodeError(ActionFormat.roundTrip(fm.actions(), version));
        if (decode != null) {
            return FlowModDecode.errorOnWire(decode, version);
        }
        br.tlv.normalise(fm.actions());
        String gotoError = FlowModDecode.gotoTableError(fm, version);
        if (gotoError != null) {
            return gotoError;
        }
        String[] consistency = FlowModDecode.consistencyError(fm, version);
        if (consistency != null) {
            return consistency[0];
        }
        String hidden = hiddenError(fm);
        if (hidden != null || fm.command() != FlowMod.Command.ADD && fm.command() != FlowMod.Command.MODIFY
                && fm.command() != FlowMod.Command.MODIFY_STRICT) {
            return hidden;
        }
        return OfprotoRuleCheck.ruleCheck(br.datapath, fm); // add_flow_init()'s rule_construct(), a modify's too
    }

    // ofproto_check_ofpacts(): the groups (of {@code known}) and meters the actions name exist; null or the error
    static String checkOfpacts(Ofproto br, List<Action> wire, Map<Long, Group> known) {
        for (Action a : Ofproto.flattened(wire)) {
            if (a instanceof Action.Group g && !known.containsKey(g.groupId())) {
                return "OFPBAC_BAD_OUT_GROUP";
            }
            if (a instanceof Action.Meter m && !br.meters.containsKey(m.meterId())) {
                return "OFPMMFC_INVALID_METER";
            }
        }
        return null;
    }

    /**
     * nx_pull_match() and the actions' decoding through the bridge's vl_mff_map: a tun_metadata field the TLV map
     * does not map (mf_vl_mff_invalid()) refuses the flow_mod (NXFMFC_INVALID_TLV_FIELD); a mapped one is as wide as
     * its option, so bits beyond them refuse it too (OFPBAC_BAD_SET_LEN). Returns the error, or null.
     */
    private static String tunMetadataError(Ofproto br, FlowMod fm) {
        for (int i = 0; i < TunMetadata.FIELDS; i++) {
            if (br.tlv.entry(i) == null && (fm.match().mask(Slot.TUN_METADATA_PRESENT) >>> i & 1) != 0) {
                return "NXFMFC_INVALID_TLV_FIELD";
            }
        }
        for (Action a : Ofproto.flattened(fm.actions())) {
            for (Subfield sf : subfields(a)) {
                int i = sf == null ? -1 : sf.field().tunMetadata();
                if (i >= 0 && br.tlv.entry(i) == null) {
                    return "NXFMFC_INVALID_TLV_FIELD";
                } else if (i >= 0 && sf.ofs() + sf.nBits() > 8 * br.tlv.entry(i).len()) {
                    return "OFPBAC_BAD_SET_LEN";
                }
            }
        }
        return null;
    }

    // the fields an action reads or writes (the NXM headers its encoding names)
    private static List<Subfield> subfields(Action a) {
        List<Subfield> out = new ArrayList<>(2);
        if (a instanceof Action.SetField sf) { // the whole field, as long as its mapping makes it: no bits beyond
            out.add(new Subfield(sf.field(), 0, 0));
        } else if (a instanceof Action.Move mv) {
            out.add(mv.src());
            out.add(mv.dst());
        } else if (a instanceof Action.Stack st) {
            out.add(st.subfield());
        } else if (a instanceof Action.OutputReg o) {
            out.add(o.src());
        } else if (a instanceof Action.Multipath m) {
            out.add(m.dst());
        } else if (a instanceof Action.Bundle b) {
            out.add(b.dst());
        } else if (a instanceof Action.Ct ct) {
            out.add(ct.zoneSrc());
        } else if (a instanceof Action.Learn l) {
            for (Action.LearnSpec spec : l.specs()) {
                out.add(spec.src());
                out.add(spec.dst());
            }
        }
        return out;
    }

    private static boolean refers(List<Action> actions, Field f) {
        for (Action a : Ofproto.flattened(actions)) {
            for (Subfield sf : subfields(a)) {
                if (sf != null && sf.field() == f) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a flow matches tun_metadata{@code i} or its actions name it (the vl_mff_map field's references). */
    static boolean usesTunMetadata(Ofproto br, int i) {
        Field f = Field.values()[Field.TUN_METADATA0.ordinal() + i];
        for (Rule r : br.tables.all()) {
            if ((r.match.mask(Slot.TUN_METADATA_PRESENT) >>> i & 1) != 0 || refers(r.actions(), f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * add_internal_flows()' rules in TBL_INTERNAL, as (field, value, priority): recirc_id=0 drops runaway lookups
     * (priority 2), reg0=1/2/3 are the miss, no-packet-in and drop-frags rules (0).
     */
    private static final long[][] INTERNAL_RULES = {{Slot.RECIRC_ID.ordinal(), 0, 2},
        {Slot.REG0.ordinal(), 1, 0}, {Slot.REG0.ordinal(), 2, 0}, {Slot.REG0.ordinal(), 3, 0}};

    /**
     * ofproto.c add_flow_init(): an add to the read-only table 254, or one whose match sets a hidden field (a
     * recirc_id other than 0, any dp_hash: minimatch_has_default_hidden_fields()), is OFPBRC_EPERM; so is a modify
     * or delete of table 254 that collect_rules_loose()/_strict() find only internal rules for.
     */
    private static String hiddenError(FlowMod fm) {
        Match m = fm.match();
        if (fm.command() == FlowMod.Command.ADD) {
            long recirc = m.value(Slot.RECIRC_ID), recircMask = m.mask(Slot.RECIRC_ID) & 0xffffffffL;
            boolean hidden = recirc != 0 || recircMask != 0 && recircMask != 0xffffffffL
                    || m.value(Slot.DP_HASH) != 0 || m.mask(Slot.DP_HASH) != 0;
            return fm.table() == Ofproto.TABLE_INTERNAL || hidden ? "OFPBRC_EPERM" : null;
        }
        if (fm.table() != Ofproto.TABLE_INTERNAL || fm.command() == FlowMod.Command.QUERY) {
            return null; // a flow_mod for all tables skips the hidden one
        }
        boolean strict = fm.command() == FlowMod.Command.MODIFY_STRICT
                || fm.command() == FlowMod.Command.DELETE_STRICT;
        for (long[] r : INTERNAL_RULES) {
            Match rule = new Match();
            if (r[0] >= 0) {
                Slot f = Slot.ALL[(int) r[0]];
                rule.putSlot(f, r[1], f.max);
            }
            boolean hit = strict ? rule.equals(m) && fm.priority() == r[2] : FlowTables.looseMatch(rule, m)
                    && (fm.cookieMask() == 0 || (fm.cookie() & fm.cookieMask()) == 0);
            if (hit) {
                return "OFPBRC_EPERM";
            }
        }
        return null;
    }
}
