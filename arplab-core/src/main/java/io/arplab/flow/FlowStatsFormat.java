package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/** A dump-flows line (lib/ofp-flow.c ofputil_flow_stats_format) as the dump's OpenFlow version carries it. */
public final class FlowStatsFormat {
    private FlowStatsFormat() {}

    public static String format(Rule r, OfVersion v, boolean stats, PortMap names, long now) {
        return format(r, v, stats, names, now, true);
    }

    /**
     * {@code flowAgeExtension}: whether the reply was decoded as ofp_print() does, taking OpenFlow 1.0's (Nicira)
     * idle_age and hard_age; ovs-ofctl's sorted or named dump (vconn_dump_flows()) does not, OpenFlow 1.5's OXS
     * idle_age comes either way (ofputil_decode_flow_stats_reply()).
     */
    public static String format(Rule r, OfVersion v, boolean stats, PortMap names, long now,
            boolean flowAgeExtension) {
        return format(r, v, stats, names, now, flowAgeExtension, true);
    }

    /**
     * {@code nxm} false: an OpenFlow 1.0 reply in the standard format ovs-ofctl -F openflow10 asks for (OFPST_FLOW),
     * whose ofp10_flow_stats carry no ages and whose ofp10_match only OpenFlow 1.0's fields
     * (ofputil_match_to_ofp10_match()).
     */
    public static String format(Rule r, OfVersion v, boolean stats, PortMap names, long now,
            boolean flowAgeExtension, boolean nxm) {
        StringBuilder s = new StringBuilder();
        if (stats || r.cookie != 0) {
            s.append("cookie=0x").append(Long.toHexString(r.cookie)).append(", ");
        }
        if (stats) {
            s.append("duration=").append(duration(now - r.created)).append(", ");
        }
        if (stats || r.table != 0 || names.tableName(r.table) != null) { // ofputil_flow_stats_format()
            s.append("table=").append(Ports.formatTable(r.table, names)).append(", ");
        }
        if (stats) {
            s.append("n_packets=").append(Long.toUnsignedString(r.packets)).append(", ");
            s.append("n_bytes=").append(Long.toUnsignedString(r.bytes)).append(", ");
        }
        if (r.idleTimeout != 0) {
            s.append("idle_timeout=").append(r.idleTimeout).append(", ");
        }
        if (r.hardTimeout != 0) {
            s.append("hard_timeout=").append(r.hardTimeout).append(", ");
        }
        int flags = visibleFlags(r.flags, v);
        if ((flags & FlowMod.SEND_FLOW_REM) != 0) {
            s.append("send_flow_rem ");
        }
        if ((flags & FlowMod.CHECK_OVERLAP) != 0) {
            s.append("check_overlap ");
        }
        if ((flags & FlowMod.RESET_COUNTS) != 0) {
            s.append("reset_counts ");
        }
        if ((flags & FlowMod.NO_PKT_COUNTS) != 0) {
            s.append("no_packet_counts ");
        }
        if ((flags & FlowMod.NO_BYT_COUNTS) != 0) {
            s.append("no_byte_counts ");
        }
        if (r.importance != 0 && v.atLeast(OfVersion.OF14)) {
            s.append("importance=").append(r.importance).append(", ");
        }
        if (stats && (v == OfVersion.OF15 || v == OfVersion.OF10 && flowAgeExtension && nxm)) {
            s.append("idle_age=").append((now - r.used) / 1_000_000_000L).append(", ");
            long hardAge = (now - r.modified) / 1_000_000_000L;
            if (v == OfVersion.OF10 && hardAge != (now - r.created) / 1_000_000_000L) {
                s.append("hard_age=").append(hardAge).append(", ");
            }
        }
        String match = MatchFormat.format(nxm ? TunMetadata.pulledWithoutMap(MatchFormat.onWire(r.match, v))
                : MatchFormat.ofp10Match(r.match),
                r.priority, names);
        s.append(match);
        if (!match.isEmpty()) {
            s.append(' ');
        }
        s.append("actions=").append(ActionFormat.format(ActionFormat.roundTrip(r.actions, v), v, names));
        return s.toString();
    }

    /**
     * ofproto_get_all_flows(): every table's rules in the classifier's order, the hidden TBL_INTERNAL's too, each as
     * flow_stats_ds() prints it (cls_rule_format() of the rule as the switch keeps it, ofpacts_format()).
     */
    public static String allFlows(Ofproto br, long now, boolean offloadStats) {
        StringBuilder s = new StringBuilder();
        List<Rule> rules = new ArrayList<>(br.tables.all());
        rules.addAll(br.internalRules());
        for (Rule r : rules) {
            if (r.table != 0) {
                s.append("table_id=").append(r.table).append(", ");
            }
            s.append("duration=").append((now - r.created) / 1_000_000_000L).append("s, ");
            s.append("n_packets=").append(Long.toUnsignedString(r.packets)).append(", ");
            s.append("n_bytes=").append(Long.toUnsignedString(r.bytes)).append(", ");
            if (offloadStats) {
                s.append("n_offload_packets=0, n_offload_bytes=0, ");
            }
            s.append(MatchFormat.format(r.match, r.priority, PortMap.NONE)).append(",actions=")
                    .append(ActionFormat.format(r.actions, OfVersion.OF15, PortMap.NONE)).append('\n');
        }
        return s.toString();
    }

    /**
     * The xid ovs-ofctl gives the {@code index}-th flow_mod of one run (ofctl_flow_mod__(): each goes with a barrier,
     * so two xids apiece, after hello and features at 0x2..0x5); OpenFlow 1.0's open_vconn_for_flow_mod() first
     * switches to NXM (NXT_SET_FLOW_FORMAT) and to the table-id extension (NXT_FLOW_MOD_TABLE_ID), two more each.
     */
    public static int flowModXid(OfVersion v, boolean nxm, boolean tableId, int index) {
        int xid = 6 + 2 * index;
        return v.atLeast(OfVersion.OF11) ? xid : xid + (nxm ? 2 : 0) + (tableId ? 2 : 0);
    }

    /**
     * The log lines printing the refused flow_mod logs as ovs-ofctl decodes the request the error quotes: an
     * OpenFlow 1.0 ofp10_match normalized once more (ofputil_normalize_match()), then, when the request does not
     * decode (the switch refused it for that), decode_NXAST_RAW_CT()'s warning and the actions hex-dumped; when
     * its actions decode, the deprecated set actions' lines (ofpact_pull_raw()).
     */
    public static java.util.List<String> flowModErrorLog(FlowMod fm, OfVersion v, String error) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (FlowTables.ofp10(fm, v)) {
            // ofputil_decode_flow_mod() normalizes the ofp10_match as decoded, a VLAN match without CFI its VLAN_NONE
            Match wire = fm.parsed() == null ? null : MatchFormat.onOf10Wire(fm.parsed());
            String[] change = wire == null || wire == fm.parsed() ? null : wire.copy().normalize();
            if (wire == null || wire == fm.parsed()) {
                fm.log().stream().filter(l -> l.startsWith("ofp_match|")).forEach(out::add);
            } else if (change != null) {
                out.add("ofp_match|INFO|normalization changed ofp_match, details:");
                out.add("ofp_match|INFO| pre: " + change[0]);
                out.add("ofp_match|INFO|post: " + change[1]);
            }
        }
        java.util.List<String> bad = FlowModDecode.matchError(fm, v) != null ? null // the match is pulled first
                : firstBadAction(ActionFormat.roundTrip(fm.actions(), v), v);
        if (bad != null) {
            out.addAll(bad.subList(0, bad.size() - 1));
        } else if (FlowModDecode.matchError(fm, v) == null) {
            out.addAll(instructionDeprecations(ActionFormat.roundTrip(fm.actions(), v), v));
        }
        if (bad == null && FlowModDecode.matchError(fm, v) == null && FlowModDecode.gotoTableError(fm, v) == null) {
            String[] inconsistent = FlowModDecode.consistencyError(fm, v);
            if (inconsistent != null && inconsistent[1] != null) {
                out.add(inconsistent[1]);
            }
        }
        return out;
    }

    /**
     * One action as ovs-ofctl decodes it: the switch's refusals (FlowModDecode.decodeError()), and debug_slow and
     * debug_recirc, which only a switch run with --enable-dummy knows (OFPBAC_BAD_VENDOR_TYPE); null if fine.
     */
    static String[] decodeError(Action a) {
        if (a instanceof Action.Debug) {
            return new String[] {"OFPBAC_BAD_VENDOR_TYPE", null};
        }
        if (a instanceof Action.Clone c) { // decode_NXAST_RAW_CLONE(): its actions decoded as ovs-ofctl decodes them
            for (Action n : c.actions()) {
                String[] e = decodeError(n);
                if (e != null) {
                    return e;
                }
            }
        }
        return FlowModDecode.decodeError(a);
    }

    // the action's own warning, then log_bad_action(): its offset and the whole action list hex-dumped; a clone's
    // actions are a list of their own (decode_NXAST_RAW_CLONE()), which logs its bad action before the clone's
    private static java.util.List<String> badAction(java.util.List<Action> list, int i, OfVersion v, String[] bad) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int inner = -1;
        if (list.get(i) instanceof Action.Clone c) {
            for (int j = 0; j < c.actions().size() && inner < 0; j++) {
                String[] e = decodeError(c.actions().get(j));
                if (e != null) {
                    inner = j;
                    out.addAll(ActionFormat.deprecations(c.actions().subList(0, j), v));
                    out.addAll(badAction(c.actions(), j, v, e));
                }
            }
        }
        if (inner < 0 && bad[1] != null) {
            out.add(bad[1]);
        }
        try {
            String hex = OfpEncode.hexDump(OfpEncode.actions(list, v), false);
            out.add("ofp_actions|WARN|bad action at offset " + OfpEncode.offset(list, i, v) + " (" + bad[0]
                    + "):\n" + hex.substring(0, hex.length() - 1));
        } catch (OfpEncode.Unencodable e) {
            // actions OfpEncode does not cover: their offset and hex dump are left out
        }
        return out;
    }

    // ofpacts_pull_openflow_instructions(): the "is deprecated" lines of decoding apply_actions, then write_actions
    private static java.util.List<String> instructionDeprecations(java.util.List<Action> wire, OfVersion v) {
        java.util.List<String> out = new java.util.ArrayList<>(
                ActionFormat.deprecations(OfpEncode.applyActions(wire, v), v));
        for (Action a : wire) {
            if (a instanceof Action.WriteActions w && v.atLeast(OfVersion.OF11)) {
                out.addAll(ActionFormat.deprecations(w.actions(), v));
            }
        }
        return out;
    }

    /**
     * ofpacts_pull_openflow_actions() of one action list (a group bucket's, ofputil_pull_ofp11_buckets()): what
     * decoding it logs up to the first action it cannot decode, then that error's name; null when it decodes. The
     * switch ({@code ofctl} false) decodes debug_slow and debug_recirc, which ovs-ofctl does not.
     */
    static java.util.List<String> badActions(java.util.List<Action> wire, OfVersion v, boolean ofctl) {
        for (int i = 0; i < wire.size(); i++) {
            String[] bad = ofctl ? decodeError(wire.get(i)) : FlowModDecode.decodeError(wire.get(i));
            if (bad != null) {
                java.util.List<String> out = new java.util.ArrayList<>(
                        ActionFormat.deprecations(wire.subList(0, i), v));
                out.addAll(badAction(wire, i, v, bad));
                out.add(bad[0]);
                return out;
            }
        }
        return null;
    }

    /** {@link #badActions} of a packet-out's actions as sent in {@code v}, as ovs-ofctl decodes them. */
    public static java.util.List<String> packetOutBadActions(PacketOut po, OfVersion v) {
        return badActions(ActionFormat.roundTrip(po.actions(), v), v, true);
    }

    /** The first action ovs-ofctl cannot decode: apply_actions' list first, then write_actions' (instruction order). */
    private static java.util.List<String> firstBadAction(java.util.List<Action> wire, OfVersion v) {
        java.util.List<Action> apply = OfpEncode.applyActions(wire, v);
        java.util.List<java.util.List<Action>> lists = new java.util.ArrayList<>(java.util.List.of(apply));
        for (Action a : wire) {
            if (a instanceof Action.WriteActions w && v.atLeast(OfVersion.OF11)) {
                lists.add(w.actions());
            }
        }
        java.util.List<String> decoded = new java.util.ArrayList<>(); // what decoding the actions before logs
        for (java.util.List<Action> list : lists) {
            for (int i = 0; i < list.size(); i++) {
                String[] bad = decodeError(list.get(i));
                if (bad != null) {
                    java.util.List<String> out = new java.util.ArrayList<>(decoded);
                    out.addAll(ActionFormat.deprecations(list.subList(0, i), v));
                    out.addAll(badAction(list, i, v, bad));
                    out.add(bad[0]);
                    return out;
                }
            }
            decoded.addAll(ActionFormat.deprecations(list, v));
            if (list != apply && !list.stream().allMatch(FlowModDecode::allowedInActionSet)) {
                // ofpacts_decode_for_action_set(), once the write_actions list decoded
                return new java.util.ArrayList<>(java.util.List.of("ofp_actions|WARN|disallowed action in action set",
                        "OFPBAC_BAD_TYPE"));
            }
        }
        String order = ActionParser.orderError(wire); // ofpacts_verify(), once the actions decoded
        return order == null ? null : new java.util.ArrayList<>(java.util.List.of("ofp_actions|WARN|" + order,
                "OFPBAC_UNSUPPORTED_ORDER"));
    }

    /**
     * What ovs-ofctl makes of a flow stats reply it decodes whole before printing (vconn_dump_flows(), for a sorted,
     * named or --no-stats dump): each entry's log lines, and at the first entry it cannot decode, why, after which
     * it gives up ({@code error}: "dump flows (Protocol error)").
     */
    public record ReplyDecode(java.util.List<String> log, String error) {}

    /**
     * ofp_print() of a flow stats reply (dump_transaction(), a plain dump): the entries decoded in turn with their
     * log lines; at the first it cannot decode ({@code printed} entries before it), why, and the reply hex-dumped
     * (ofp_to_string(); null when OfpEncode cannot put it).
     */
    public record PlainReply(java.util.List<String> log, int printed, String error, String hexDump) {}

    public static PlainReply plainReply(java.util.List<Rule> rules, OfVersion v, int xid, long now) {
        java.util.List<String> log = new java.util.ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            java.util.List<String> bad = firstBadAction(ActionFormat.roundTrip(rules.get(i).actions, v), v);
            if (bad != null) {
                String error = bad.remove(bad.size() - 1);
                log.addAll(bad);
                log.add("ofp_flow|WARN|OFPST_FLOW reply bad instructions");
                String hex;
                try {
                    hex = OfpEncode.hexDump(OfpEncode.flowStatsReply(rules, v, xid, now), true);
                } catch (OfpEncode.Unencodable e) {
                    hex = null;
                }
                return new PlainReply(log, i, error, hex);
            }
            log.addAll(decodeLog(rules.get(i), v));
        }
        return new PlainReply(log, rules.size(), null, null);
    }

    public static ReplyDecode decodeReply(java.util.List<Rule> rules, OfVersion v) {
        java.util.List<String> log = new java.util.ArrayList<>();
        for (Rule r : rules) {
            // ofputil_decode_flow_stats_reply(): the match first; OpenFlow 1.5's reply turns its error into EINVAL
            String matchError = v.atLeast(OfVersion.OF12) ? FlowModDecode.matchError(r.match, v) : null;
            if (matchError != null) {
                log.add("ofp_flow|WARN|OFPST_FLOW reply bad match");
                log.add("vconn|WARN|parse error in reply ("
                        + (v.atLeast(OfVersion.OF15) ? "Invalid argument" : matchError) + ")");
                return new ReplyDecode(log, "dump flows (Protocol error)");
            }
            java.util.List<Action> wire = ActionFormat.roundTrip(r.actions, v);
            java.util.List<String> bad = firstBadAction(wire, v);
            if (bad != null) {
                String error = bad.remove(bad.size() - 1);
                log.addAll(bad);
                log.add("ofp_flow|WARN|OFPST_FLOW reply bad instructions");
                log.add("vconn|WARN|parse error in reply (" + error + ")");
                return new ReplyDecode(log, "dump flows (Protocol error)");
            }
            log.addAll(decodeLog(r, v));
        }
        return new ReplyDecode(log, null);
    }

    /**
     * What ovs-ofctl prints when the switch refuses a flow_mod (ofp_print() of the OFPT_ERROR and of the request it
     * quotes): "OFPT_ERROR (OF1.3) (xid=0x6): CODE" then the flow_mod decoded back, or, when it does not decode,
     * "***decode error: CODE***" and the request hex-dumped (ofp_to_string__(), ovs_hex_dump()).
     */
    public static java.util.List<String> flowModError(FlowMod fm, OfVersion v, String error, int xid) {
        return flowModError(fm, v, error, xid, fm.table() != 255);
    }

    /** The same for a flow_mod sent with the table-id extension ({@code tid}) or not, as its run needed. */
    public static java.util.List<String> flowModError(FlowMod fm, OfVersion v, String error, int xid,
            boolean tid) {
        String ver = v == OfVersion.OF10 ? "" : " (" + v.shortName + ")";
        String x = " (xid=0x" + Integer.toHexString(xid) + "): ";
        boolean nxm = !FlowTables.ofp10(fm, v) && !v.atLeast(OfVersion.OF11);
        String type = nxm ? "NXT_FLOW_MOD" : "OFPT_FLOW_MOD";
        java.util.List<String> out = new java.util.ArrayList<>(java.util.List.of("OFPT_ERROR" + ver + x + error));
        String matchError = FlowModDecode.matchError(fm, v); // ofputil_decode_flow_mod() pulls the match first
        java.util.List<String> bad = matchError != null ? java.util.List.of(matchError)
                : firstBadAction(ActionFormat.roundTrip(fm.actions(), v), v);
        if (bad == null && FlowModDecode.gotoTableError(fm, v) != null) { // checked after the actions decoded
            bad = java.util.List.of(FlowModDecode.gotoTableError(fm, v));
        }
        if (bad == null && FlowModDecode.consistencyError(fm, v) != null) { // ofpacts_check_consistency(), last
            bad = java.util.List.of(FlowModDecode.consistencyError(fm, v)[0]);
        }
        if (bad == null) {
            out.add(type + ver + x + flowMod(fm, v, tid));
            return out;
        }
        out.add(type + ver + x + "***decode error: " + bad.get(bad.size() - 1) + "***");
        try {
            String hex = OfpEncode.hexDump(OfpEncode.flowMod(fm, v, xid, nxm, tid), true);
            out.addAll(java.util.List.of(hex.split("\n")));
        } catch (OfpEncode.Unencodable e) {
            // arplab cannot encode this flow_mod: the dump is left out
        }
        return out;
    }

    /**
     * The switch's refusal of a flow or aggregate stats request (ofputil_decode_flow_stats_request()), null if none:
     * in OpenFlow 1.1, an ofp11_match ofputil_match_from_ofp11_match() refuses. What ofp_print() shows of the
     * OFPT_ERROR: the error, then the request it quotes, which does not decode, hex-dumped.
     */
    public static java.util.List<String> statsRequestError(FlowMod q, OfVersion v, boolean aggregate, int xid) {
        String error = v == OfVersion.OF11 ? Ofp11Match.error(q.match()) : null;
        if (error == null) {
            return null;
        }
        String x = " (" + v.shortName + ") (xid=0x" + Integer.toHexString(xid) + "): ";
        java.util.List<String> out = new java.util.ArrayList<>(java.util.List.of("OFPT_ERROR" + x + error,
                "OFPST_" + (aggregate ? "AGGREGATE" : "FLOW") + " request" + x + "***decode error: " + error + "***"));
        out.addAll(java.util.List.of(OfpEncode.hexDump(OfpEncode.flowStatsRequest11(q, aggregate, xid), true)
                .split("\n")));
        return out;
    }

    /** What decoding the rule's flow stats entry in version {@code v} logs (ofpacts_pull_openflow_instructions()). */
    public static java.util.List<String> decodeLog(Rule r, OfVersion v) {
        return ActionFormat.deprecations(ActionFormat.roundTrip(r.actions, v), v);
    }

    /** ofputil_flow_mod_format(): a flow_mod as an error reply quotes it ("ADD in_port=1 actions=group:5"). */
    public static String flowMod(FlowMod fm, OfVersion v) {
        return flowMod(fm, v, fm.table() != 255);
    }

    public static String flowMod(FlowMod fm, OfVersion v, boolean tid) {
        StringBuilder s = new StringBuilder(switch (fm.command()) {
            case ADD -> "ADD";
            case MODIFY -> "MOD";
            case MODIFY_STRICT -> "MOD_STRICT";
            case DELETE -> "DEL";
            case DELETE_STRICT -> "DEL_STRICT";
            case QUERY -> "";
        });
        int table = OfpEncode.wireTable(fm, v, tid); // decoded back with the table-id extension on
        if (table != 0) {
            s.append(" table:").append(table);
        }
        Match m = FlowTables.ofp10(fm, v) ? MatchFormat.onOf10Wire(fm.match())
                : v == OfVersion.OF11 ? Ofp11Match.onWire(fm.match())
                : TunMetadata.pulledWithoutMap(MatchFormat.onWire(fm.match(), v));
        // the packet_type a field dropped by normalization brought stays (match_set_default_packet_type()): the
        // normalized match as the parse logged it shows it
        boolean eth = fm.log().stream().anyMatch(l -> l.startsWith("ofp_match|INFO|post: ")
                && java.util.List.of(l.substring(21).split(",")).contains("eth"));
        s.append(' ').append(MatchFormat.format(m, fm.priority(), PortMap.NONE, eth));
        if (s.charAt(s.length() - 1) != ' ') {
            s.append(' ');
        }
        if (fm.setCookie() && fm.newCookie() != 0 && fm.newCookie() != -1L) {
            s.append("cookie:0x").append(Long.toHexString(fm.newCookie())).append(' ');
        }
        if (fm.cookieMask() != 0) {
            s.append("cookie:0x").append(Long.toHexString(fm.cookie())).append("/0x")
                    .append(Long.toHexString(fm.cookieMask())).append(' ');
        }
        if (fm.idleTimeout() != 0) {
            s.append("idle:").append(fm.idleTimeout()).append(' ');
        }
        if (fm.hardTimeout() != 0) {
            s.append("hard:").append(fm.hardTimeout()).append(' ');
        }
        if (fm.importance() != 0 && v.atLeast(OfVersion.OF14)) {
            s.append("importance:").append(fm.importance()).append(' ');
        }
        if (fm.outPort() != Ports.NONE) { // OFPP_ANY: no out_port criterion
            s.append("out_port:").append(Ports.format(fm.outPort(), PortMap.NONE)).append(' ');
        }
        int flags = fm.flags() & wireFlags(v);
        if (!v.atLeast(OfVersion.OF12)) {
            flags &= ~FlowMod.RESET_COUNTS; // not printed for OpenFlow 1.0 and 1.1
        }
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & FLAG_BITS[i]) != 0) {
                s.append(FLAG_NAMES[i]).append(' ');
            }
        }
        return s.append("actions=").append(ActionFormat.format(ActionFormat.roundTrip(fm.actions(), v), v,
                PortMap.NONE)).toString();
    }

    // ofputil_flow_mod_flags_format()'s order
    private static final int[] FLAG_BITS = {FlowMod.SEND_FLOW_REM, FlowMod.CHECK_OVERLAP, FlowMod.RESET_COUNTS,
        FlowMod.NO_PKT_COUNTS, FlowMod.NO_BYT_COUNTS};
    private static final String[] FLAG_NAMES = {"send_flow_rem", "check_overlap", "reset_counts",
        "no_packet_counts", "no_byte_counts"};

    // ofputil_encode_flow_mod_flags(): the flags a flow_mod of each version carries (OFPFF_*, OFPFF12_*, OFPFF13_*)
    private static int wireFlags(OfVersion v) {
        int f = FlowMod.SEND_FLOW_REM | FlowMod.CHECK_OVERLAP;
        if (v.atLeast(OfVersion.OF12)) {
            f |= FlowMod.RESET_COUNTS;
        }
        if (v.atLeast(OfVersion.OF13)) {
            f |= FlowMod.NO_PKT_COUNTS | FlowMod.NO_BYT_COUNTS;
        }
        return f;
    }

    // which flow_mod flags a flow stats reply of each version carries back
    private static int visibleFlags(int flags, OfVersion v) {
        if (!v.atLeast(OfVersion.OF13)) {
            return 0;
        }
        return flags;
    }

    /** ofp_print_duration(): seconds, with 3 decimals when there are milliseconds. */
    public static String duration(long nanos) {
        long ms = nanos / 1_000_000;
        long sec = ms / 1000, frac = ms % 1000;
        return frac == 0 ? sec + "s" : String.format("%d.%03ds", sec, frac);
    }
}
