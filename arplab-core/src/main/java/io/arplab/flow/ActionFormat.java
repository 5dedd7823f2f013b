package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * Actions as ovs-ofctl prints them (lib/ofp-actions.c format_*), and the round trip through the wire of a given
 * OpenFlow version (encode_* then decode), which decides how an action comes back: OVS stores what the switch
 * decoded from the flow_mod, and dump-flows shows what it encodes for the dump's protocol.
 */
public final class ActionFormat {
    private ActionFormat() {}

    /** ofpacts_format(): "drop" for none. */
    public static String format(List<Action> actions, OfVersion v, PortMap names) {
        if (actions.isEmpty()) {
            return "drop";
        }
        StringBuilder s = new StringBuilder();
        for (Action a : actions) {
            if (a instanceof Action.PushVlan p && p.implicit()) {
                // format_SET_VLAN_VID()/_PCP(): push_vlan_if_needed is part of mod_vlan_vid/mod_vlan_pcp, at any
                // depth (a clone's, an action set's); only encode_SET_VLAN_VID() makes it a push_vlan of its own
                continue;
            }
            if (s.length() > 0) {
                s.append(',');
            }
            format(a, v, names, s);
        }
        return s.length() == 0 ? "drop" : s.toString();
    }

    static void format(Action a, OfVersion v, PortMap names, StringBuilder s) {
        if (a instanceof Action.Output o) {
            if (o.port() < Ports.MAX) {
                s.append("output:");
            }
            s.append(Ports.format(o.port(), names));
            if (o.port() == Ports.CONTROLLER) {
                s.append(':').append(o.maxLen());
            }
        } else if (a instanceof Action.OutputReg o) {
            s.append("output:").append(o.src());
        } else if (a instanceof Action.OutputTrunc o) { // format_OUTPUT_TRUNC()
            s.append("output(port=").append(Ports.format(o.port(), names)).append(",max_len=").append(o.maxLen())
                    .append(')');
        } else if (a instanceof Action.Debug d) {
            s.append(d.slow() ? "debug_slow" : "debug_recirc");
        } else if (a instanceof Action.UnrollXlate u) { // format_UNROLL_XLATE(): the cookie in decimal
            s.append("unroll_xlate(table=").append(u.table()).append(", cookie=")
                    .append(Long.toUnsignedString(u.cookie())).append(')');
        } else if (a instanceof Action.Resubmit r) {
            if (r.inPort() != Ports.IN_PORT && r.table() == 255) {
                s.append("resubmit:").append(Ports.format(r.inPort(), names));
            } else {
                s.append("resubmit(");
                if (r.inPort() != Ports.IN_PORT) {
                    s.append(Ports.format(r.inPort(), names));
                }
                s.append(',');
                if (r.table() != 255) {
                    s.append(Ports.formatTable(r.table(), names));
                }
                s.append(r.ct() ? ",ct)" : ")");
            }
        } else if (a instanceof Action.GotoTable g) {
            s.append("goto_table:").append(Ports.formatTable(g.table(), names));
        } else if (a instanceof Action.Move m) {
            s.append("move:").append(m.src()).append("->").append(m.dst());
        } else if (a instanceof Action.Stack st) { // nxm_format_stack_push(), nxm_format_stack_pop()
            s.append(st.push() ? "push:" : "pop:").append(st.subfield());
        } else if (a instanceof Action.SetField f) {
            formatSetField(f, names, s);
        } else if (a instanceof Action.PushMpls p) { // format_PUSH_MPLS(), format_POP_MPLS()
            s.append(String.format("push_mpls:0x%04x", p.ethertype()));
        } else if (a instanceof Action.PopMpls p) {
            s.append(String.format("pop_mpls:0x%04x", p.ethertype()));
        } else if (a instanceof Action.SetMplsTtl t) {
            s.append("set_mpls_ttl(").append(t.ttl()).append(')');
        } else if (a instanceof Action.DecMplsTtl) {
            s.append("dec_mpls_ttl");
        } else if (a instanceof Action.DecTtl d) {
            s.append("dec_ttl");
            if (d.ids() != null) {
                s.append('(').append(String.join(",", d.ids().stream().map(String::valueOf).toList())).append(')');
            }
        } else if (a instanceof Action.Controller c) {
            controller(c, s);
        } else if (a instanceof Action.SetTunnel t) {
            s.append(t.wide() || t.tunId() >>> 32 != 0 ? "set_tunnel64:" : "set_tunnel:")
                    .append(t.tunId() == 0 ? "0" : "0x" + Long.toHexString(t.tunId()));
        } else if (a instanceof Action.Enqueue e) {
            s.append("enqueue:").append(Ports.format(e.port(), names)).append(':').append(e.queue());
        } else if (a instanceof Action.Queue q) {
            s.append(q.queue() < 0 ? "pop_queue" : "set_queue:" + q.queue());
        } else if (a instanceof Action.Sample p) {
            s.append("sample(probability=").append(p.probability()).append(",collector_set_id=")
                    .append(p.collectorSetId()).append(",obs_domain_id=").append(p.obsDomainId())
                    .append(",obs_point_id=").append(p.obsPointId());
            if (p.samplingPort() != Ports.NONE) {
                s.append(",sampling_port=").append(Ports.format(p.samplingPort(), names));
            }
            s.append(p.direction() == 1 ? ",ingress)" : p.direction() == 2 ? ",egress)" : ")");
        } else if (a instanceof Action.CtClear) {
            s.append("ct_clear");
        } else if (a instanceof Action.Nat n) { // format_NAT()
            s.append(n.text());
        } else if (a instanceof Action.Exit) {
            s.append("exit");
        } else if (a instanceof Action.SetNwTtl t) {
            s.append("mod_nw_ttl:").append(t.ttl());
        } else if (a instanceof Action.Multipath m) {
            Bundles.formatMultipath(m, s);
        } else if (a instanceof Action.Bundle b) {
            Bundles.format(b, names, s);
        } else if (a instanceof Action.FinTimeout t) { // format_FIN_TIMEOUT()
            List<String> p = new ArrayList<>();
            if (t.idleTimeout() != 0) {
                p.add("idle_timeout=" + t.idleTimeout());
            }
            if (t.hardTimeout() != 0) {
                p.add("hard_timeout=" + t.hardTimeout());
            }
            s.append("fin_timeout(").append(String.join(",", p)).append(')');
        } else if (a instanceof Action.CheckPktLarger c) {
            s.append("check_pkt_larger(").append(c.pktLen()).append(")->").append(c.dst());
        } else if (a instanceof Action.PopVlan p) {
            s.append(p.strip() ? "strip_vlan" : "pop_vlan");
        } else if (a instanceof Action.PushVlan p) {
            s.append(String.format("push_vlan:0x%x", p.ethertype()));
        } else if (a instanceof Action.Ct c) {
            s.append("ct(");
            if (c.commit()) {
                s.append("commit,");
            }
            if (c.force()) {
                s.append("force,");
            }
            if (c.table() >= 0) {
                s.append("table=").append(Ports.formatTable(c.table(), names)).append(',');
            }
            if (c.zoneSrc() != null) {
                s.append("zone=").append(c.zoneSrc()).append(',');
            } else if (c.zoneImm() != 0) {
                s.append("zone=").append(c.zoneImm()).append(',');
            }
            if (c.nat() != null && c.natAt() == 0) { // a nat first is printed outside exec(...)
                s.append(c.nat()).append(',');
            }
            if (!c.exec().isEmpty()) {
                String exec = format(c.exec(), v, names);
                if (c.nat() != null && c.natAt() > 0) { // a later nat is one of exec's actions
                    List<Action> after = c.exec().subList(c.natAt(), c.exec().size());
                    exec = format(c.exec().subList(0, c.natAt()), v, names) + "," + c.nat()
                            + (after.isEmpty() ? "" : "," + format(after, v, names));
                }
                s.append("exec(").append(exec).append("),");
            }
            if (c.alg() != 0) { // format_alg()
                s.append("alg=").append(c.alg() == Action.CT_FTP ? "ftp" : c.alg() == Action.CT_TFTP ? "tftp"
                        : Integer.toString(c.alg())).append(',');
            }
            if (s.charAt(s.length() - 1) == ',') {
                s.setLength(s.length() - 1);
            }
            s.append(')');
        } else if (a instanceof Action.Note n) {
            s.append("note:");
            for (int i = 0; i < n.data().length; i++) {
                s.append(i == 0 ? "" : ".").append(String.format("%02x", n.data()[i] & 0xff));
            }
        } else if (a instanceof Action.Group g) {
            s.append("group:").append(g.groupId());
        } else if (a instanceof Action.Meter m) {
            s.append("meter:").append(m.meterId());
        } else if (a instanceof Action.Learn l) {
            learn(l, names, s);
        } else if (a instanceof Action.ClearActions c) {
            s.append("clear_actions");
        } else if (a instanceof Action.Clone c) { // format_CLONE(): ofpacts_format() prints no actions as drop
            s.append("clone(").append(format(c.actions(), v, names)).append(')');
        } else if (a instanceof Action.WriteActions w) {
            s.append("write_actions(").append(w.actions().isEmpty() ? "" : format(w.actions(), v, names)).append(')');
        } else if (a instanceof Action.Conjunction c) {
            s.append("conjunction(").append(c.id()).append(',').append(c.clause() + 1).append('/')
                    .append(c.nClauses()).append(')');
        } else if (a instanceof Action.WriteMetadata w) {
            s.append("write_metadata:").append(MatchFormat.hex(w.value()));
            if (w.mask() != -1L) {
                s.append('/').append(MatchFormat.hex(w.mask()));
            }
        }
    }

    // format_CONTROLLER(): the parameters that differ from their defaults
    private static void controller(Action.Controller c, StringBuilder s) {
        int start = s.length();
        s.append("controller(");
        if (c.reason() != 1) {
            s.append("reason=").append(ActionParser.PACKET_IN_REASONS.get(c.reason())).append(',');
        }
        if (c.maxLen() != 0xffff) {
            s.append("max_len=").append(c.maxLen()).append(',');
        }
        if (c.id() != 0) {
            s.append("id=").append(c.id()).append(',');
        }
        if (c.userdata() != null && c.userdata().length > 0) {
            s.append("userdata=");
            for (int i = 0; i < c.userdata().length; i++) {
                s.append(i == 0 ? "" : ".").append(String.format("%02x", c.userdata()[i] & 0xff));
            }
            s.append(',');
        }
        if (c.pause()) {
            s.append("pause,");
        }
        if (c.meterId() >= 0) {
            s.append("meter_id=").append(c.meterId()).append(',');
        }
        if (s.charAt(s.length() - 1) == ',' && s.length() > start + 11) {
            s.setLength(s.length() - 1);
        }
        s.append(')');
    }

    private static void formatSetField(Action.SetField f, PortMap names, StringBuilder s) {
        switch (f.raw()) {
            case REG_LOAD -> {
                boolean first = true;
                for (Subfield sf : loadSegments(f)) {
                    s.append(first ? "" : ",").append("load:")
                            .append(f.wideValue().shr(sf.ofs()).and(U128.ones(sf.nBits())).hex()).append("->").append(sf);
                    first = false;
                }
            }
            case SET_FIELD -> s.append("set_field:")
                    .append(MatchFormat.formatValue(f.field(), f.wideValue(), f.wideMask(), names))
                    .append("->").append(f.field().name);
            case SET_FIELD_BITS -> s.append("set_field:") // format_SET_FIELD(): the mask is not all ones
                    .append(MatchFormat.formatValue(f.field(), f.value(), f.field().fullMask(), names)).append('/')
                    .append(MatchFormat.hex(f.mask())).append("->").append(f.field().name);
            case LEGACY, LEGACY_L4, LEGACY_NO_PUSH -> {
                if (f.field().slot == Slot.MPLS_LSE) { // format_SET_MPLS_LABEL(), format_SET_MPLS_TC()
                    s.append(f.field().legacyName()).append('(').append(f.value()).append(')');
                    return;
                }
                // format_SET_VLAN_VID(), format_SET_VLAN_PCP(): "set_" without push_vlan_if_needed
                String name = f.field().legacyName();
                s.append(f.raw() == Action.Raw.LEGACY_NO_PUSH ? name.replace("mod_", "set_") : name).append(':');
                if (f.field() == Field.IP_DSCP_SHIFTED) {
                    s.append(f.value() << 2);
                } else if (f.field() == Field.VLAN_VID) {
                    s.append(f.value() & 0xfff);
                } else {
                    s.append(MatchFormat.formatValue(f.field(), f.value(), f.field().fullMask(), names));
                }
            }
        }
    }

    /** encode_*() for version {@code v}, then decode: how the switch holds (or a dump shows) these actions. */
    // learn_format(): the parameters that differ from their defaults, then the specs
    private static void learn(Action.Learn l, PortMap names, StringBuilder s) {
        s.append("learn(table=").append(Ports.formatTable(l.table(), names));
        if (l.idleTimeout() != 0) {
            s.append(",idle_timeout=").append(l.idleTimeout());
        }
        if (l.hardTimeout() != 0) {
            s.append(",hard_timeout=").append(l.hardTimeout());
        }
        if (l.finIdleTimeout() != 0) {
            s.append(",fin_idle_timeout=").append(l.finIdleTimeout());
        }
        if (l.finHardTimeout() != 0) {
            s.append(",fin_hard_timeout=").append(l.finHardTimeout());
        }
        if (l.priority() != 0x8000) {
            s.append(",priority=").append(l.priority());
        }
        if ((l.flags() & 1) != 0) {
            s.append(",send_flow_rem");
        }
        if ((l.flags() & 2) != 0) {
            s.append(",delete_learned");
        }
        if (l.cookie() != 0) {
            s.append(",cookie=").append(MatchFormat.hex(l.cookie()));
        }
        if (l.limit() != 0) {
            s.append(",limit=").append(l.limit());
        }
        if (l.resultDst() != null) {
            s.append(",result_dst=").append(l.resultDst());
        }
        for (Action.LearnSpec sp : l.specs()) {
            s.append(',');
            Subfield d = sp.dst();
            if (sp.kind() == Action.LearnSpec.OUTPUT) {
                s.append("output:").append(sp.src());
            } else if (sp.kind() == Action.LearnSpec.LOAD) {
                s.append("load:").append(sp.src() != null ? sp.src().toString() : sp.imm().hex())
                        .append("->").append(d);
            } else if (sp.src() == null) {
                boolean whole = d.ofs() == 0 && d.nBits() == d.field().subfieldBits();
                s.append(whole ? d.field().name : d.toString()).append('=').append(whole
                        && d.field().kind != Field.Kind.HEX ? MatchFormat.formatValue(d.field(), sp.imm(),
                        d.field().ones(), names) : sp.imm().hex());
            } else if (sp.src().equals(d)) {
                s.append(d);
            } else {
                s.append(d).append('=').append(sp.src());
            }
        }
        s.append(')');
    }

    /**
     * The lines decoding {@code wire} (actions as version {@code v} carried them) logs: ofpact_pull_raw()'s "is
     * deprecated" for the OpenFlow 1.1 set actions that OpenFlow 1.2+ carry only as themselves (no Set-Field fits).
     */
    public static List<String> deprecations(List<Action> wire, OfVersion v) {
        List<String> out = new ArrayList<>();
        if (!v.atLeast(OfVersion.OF12)) {
            return out;
        }
        for (Action a : wire) {
            String name = a instanceof Action.SetMplsTtl ? "OFPAT_SET_MPLS_TTL"
                    : a instanceof Action.SetField f && f.raw() == Action.Raw.LEGACY_L4
                    ? f.field().legacyName().equals("mod_tp_src") ? "OFPAT_SET_TP_SRC" : "OFPAT_SET_TP_DST" : null;
            if (name != null) {
                out.add("ofp_actions|INFO|" + name + " is deprecated in " + v.protocolName + " (use Set-Field)");
            } else if (a instanceof Action.WriteActions w) {
                out.addAll(deprecations(w.actions(), v));
            } else if (a instanceof Action.Clone c) {
                out.addAll(deprecations(c.actions(), v));
            }
        }
        return out;
    }

    public static List<Action> roundTrip(List<Action> actions, OfVersion v) {
        List<Action> out = new ArrayList<>();
        for (Action a : actions) {
            if ((a instanceof Action.ClearActions || a instanceof Action.WriteActions) && !v.atLeast(OfVersion.OF11)) {
                continue; // OpenFlow 1.0 has no instructions: ovs-ofctl leaves it out
            } else if (a instanceof Action.WriteActions w) { // an empty Write-Actions decodes to nothing
                List<Action> set = roundTrip(w.actions(), v);
                if (!set.isEmpty()) {
                    out.add(new Action.WriteActions(set));
                }
            } else if (a instanceof Action.PushVlan p && !p.implicit() && !v.atLeast(OfVersion.OF11)) {
                continue; // not encodable in OpenFlow 1.0
            } else if (a instanceof Action.PopVlan) {
                out.add(new Action.PopVlan(!v.atLeast(OfVersion.OF11))); // OFPAT10_STRIP_VLAN or OFPAT11_POP_VLAN
            } else if (a instanceof Action.PushVlan p && p.implicit() && v.atLeast(OfVersion.OF11)) {
                out.add(new Action.PushVlan(p.ethertype(), false)); // encode_SET_VLAN_VID(): a push_vlan of its own
            } else if (a instanceof Action.SetTunnel t && v.atLeast(OfVersion.OF12)) {
                out.addAll(setField(new Action.SetField(Field.TUN_ID, t.tunId(), -1L, Action.Raw.SET_FIELD), v));
            } else if (a instanceof Action.Enqueue e && v.atLeast(OfVersion.OF11)) { // encode_ENQUEUE()
                out.add(new Action.Queue(e.queue()));
                out.add(new Action.Output(e.port(), 0xffff)); // its output's max_len is OVS_BE16_MAX
                out.add(new Action.Queue(-1));
            } else if (a instanceof Action.Meter && !v.atLeast(OfVersion.OF13)) {
                continue; // an OpenFlow 1.3+ instruction
            } else if (a instanceof Action.SetNwTtl t && !v.atLeast(OfVersion.OF11)) {
                out.add(new Action.SetField(Field.IP_TTL, t.ttl(), 0xff, Action.Raw.REG_LOAD));
            } else if (a instanceof Action.GotoTable g && !v.atLeast(OfVersion.OF11)) {
                out.add(new Action.Resubmit(Ports.IN_PORT, g.table()));
            } else if (a instanceof Action.SetField f) {
                out.addAll(setField(f, v));
            } else if (a instanceof Action.Move m) { // encode_REG_MOVE(), then its decode: a Copy-Field or not
                out.add(new Action.Move(m.src(), m.dst(), v.atLeast(OfVersion.OF15) || v == OfVersion.OF13
                        && m.copyField()));
            } else if (a instanceof Action.Clone c) { // encode_CLONE(): its actions in the same version
                out.add(new Action.Clone(roundTrip(c.actions(), v)));
            } else if (a instanceof Action.Ct c) {
                List<Action> before = roundTrip(c.exec().subList(0, c.natAt()), v); // a set_field may become more
                out.add(new Action.Ct(c.commit(), c.force(), c.table(), c.zoneImm(), c.zoneSrc(), c.nat(),
                        roundTrip(c.exec(), v), c.alg(), before.size()));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    // encode_SET_FIELD(): OF1.5 has only Set-Field; a reg_load goes back as reg_load; OF1.0/1.1 use their own
    // set-field actions where one exists, else reg_load; OF1.2-1.4 use Set-Field for whole fields only.
    private static List<Action> setField(Action.SetField f, OfVersion v) {
        if (f.raw() == Action.Raw.LEGACY_L4) {
            return List.of(f);
        }
        boolean whole = f.wideMask().and(f.field().ones()).equals(f.field().ones());
        Action.Raw raw;
        if (f.legacy() && f.field() == Field.IP_DSCP) { // decode_OFPAT_RAW10_SET_NW_TOS(): ip_dscp
            f = new Action.SetField(Field.IP_DSCP_SHIFTED, f.value() >> 2, 0x3f, Action.Raw.LEGACY);
        }
        if (f.field().tunMetadata() >= 0 && !f.legacy()) {
            raw = Action.Raw.SET_FIELD; // set_field_to_nxast(): a variable-length field goes as NXAST_REG_LOAD2
        } else if (v.atLeast(OfVersion.OF15)) {
            // set_field_to_set_field(): a reg_load's mask spans only the field's bits within its bytes
            raw = (f.raw() == Action.Raw.REG_LOAD || f.raw() == Action.Raw.SET_FIELD_BITS) && whole
                    && f.field().nBits < 8 * f.field().nBytes && (f.field().shift == 0
                    || f.field().slot == Slot.MPLS_LSE) ? Action.Raw.SET_FIELD_BITS : Action.Raw.SET_FIELD;
        } else if (f.raw() == Action.Raw.REG_LOAD || f.raw() == Action.Raw.SET_FIELD_BITS) {
            raw = Action.Raw.REG_LOAD;
        } else if (!v.atLeast(OfVersion.OF11) && f.field() == Field.VLAN_TCI) {
            // set_field_to_legacy_openflow(): with CFI, OFPAT10_SET_VLAN_VID and _PCP, else OFPAT10_STRIP_VLAN
            long tci = f.value();
            return (tci & Match.VLAN_CFI) == 0 ? List.of(new Action.PopVlan(true))
                    : List.of(new Action.SetField(Field.VLAN_VID, tci & 0x1fff, 0x1fff, Action.Raw.LEGACY),
                            new Action.SetField(Field.VLAN_PCP, tci >>> 13, 7, Action.Raw.LEGACY));
        } else if (!v.atLeast(OfVersion.OF12) && f.field() == Field.IP_ECN) {
            // encode_SET_IP_ECN(): OpenFlow 1.0 has no ECN action (reg_load), OpenFlow 1.1 its OFPAT11_SET_NW_ECN
            raw = v.atLeast(OfVersion.OF11) ? Action.Raw.LEGACY : Action.Raw.REG_LOAD;
        } else if (!v.atLeast(OfVersion.OF12)) {
            raw = f.field().legacyAction != null || f.legacy() && f.field().legacyName() != null
                    ? Action.Raw.LEGACY : Action.Raw.REG_LOAD;
        } else {
            raw = whole ? Action.Raw.SET_FIELD : Action.Raw.REG_LOAD;
        }
        if (raw == Action.Raw.LEGACY && (f.field() == Field.VLAN_VID || f.field() == Field.VLAN_PCP)
                && v == OfVersion.OF11) {
            raw = Action.Raw.LEGACY_NO_PUSH; // decode_OFPAT_RAW11_SET_VLAN_VID/PCP(): push_vlan_if_needed false
        }
        if ((raw == Action.Raw.LEGACY || raw == Action.Raw.LEGACY_NO_PUSH) && f.field() == Field.VLAN_VID) {
            // set_field_to_legacy_openflow(): OFPAT_SET_VLAN_VID carries the 12-bit VID alone, decoded as present
            return List.of(new Action.SetField(Field.VLAN_VID, f.value() & 0xfff | Match.VLAN_CFI, 0x1fff, raw));
        }
        if ((raw == Action.Raw.LEGACY || raw == Action.Raw.LEGACY_NO_PUSH) && !whole) {
            // set_field_to_legacy_openflow(): an OpenFlow 1.0/1.1 set action carries the value only, so a masked
            // set_field sets the whole field
            return List.of(new Action.SetField(f.field(), f.wideValue(), f.field().ones(), raw));
        }
        if (raw != Action.Raw.REG_LOAD) {
            return List.of(new Action.SetField(f.field(), f.wideValue(), f.wideMask(), raw));
        }
        List<Action> out = new ArrayList<>(); // each reg_load decoded as its own action
        for (Subfield sf : loadSegments(f)) {
            out.add(new Action.SetField(f.field(), f.wideValue().and(sf.bits()), sf.bits(), Action.Raw.REG_LOAD));
        }
        return out;
    }

    // next_load_segment(): a reg_load per run of ones in the mask within the field's n_bits, of at most 64 bits
    private static List<Subfield> loadSegments(Action.SetField f) {
        List<Subfield> out = new ArrayList<>();
        U128 mask = f.wideMask().and(f.field().ones());
        int bit = 0, nBits = f.field().subfieldBits();
        while (bit < nBits) {
            if ((mask.shr(bit).lo() & 1) == 0) {
                bit++;
                continue;
            }
            int start = bit;
            while (bit < nBits && bit - start < 64 && (mask.shr(bit).lo() & 1) != 0) {
                bit++;
            }
            out.add(new Subfield(f.field(), start, bit - start));
        }
        return out;
    }
}
