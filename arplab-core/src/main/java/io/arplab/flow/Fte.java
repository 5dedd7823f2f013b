package io.arplab.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ovs-ofctl's flow table entries (struct fte): the flows of two sources side by side, a file's as parse_ofp_str()
 * reads them (read_flows_from_file()) and a switch's as its flow dump decodes them (read_flows_from_switch()), one
 * entry per table, match and priority (fte_insert(): a classifier per table, the match compared as printed), for
 * diff-flows and replace-flows.
 */
public final class Fte {
    /** struct fte_version: a flow's side, as fte_version_equals() compares it and fte_version_format() prints it. */
    private record Version(int table, int priority, Match match, long cookie, int idleTimeout, int hardTimeout,
            int importance, int flags, List<Action> actions, Match parsed) {}

    private final Map<String, Version[]> entries = new LinkedHashMap<>();

    /** read_flows_from_file(): each flow_mod's new cookie, timeouts, importance, send_flow_rem flag and actions. */
    public void addFile(List<FlowMod> mods, int index) {
        for (FlowMod fm : mods) {
            insert(new Version(fm.table() != 255 ? fm.table() : 0, fm.priority(), fm.match(), fm.newCookie(),
                    fm.idleTimeout(), fm.hardTimeout(), fm.importance(), fm.flags() & FlowMod.SEND_FLOW_REM,
                    fm.actions(), fm.parsed()), index);
        }
    }

    /**
     * read_flows_from_switch(): every flow of {@code br} as a dump in {@code dump} carries it (the actions encoded and
     * decoded; no importance before OpenFlow 1.4's flow stats).
     */
    public void addSwitch(Ofproto br, OfVersion dump, int index) {
        for (Rule r : br.tables.all()) {
            insert(new Version(r.table, r.priority, r.match, r.cookie, r.idleTimeout, r.hardTimeout,
                    dump.atLeast(OfVersion.OF14) ? r.importance : 0, 0, ActionFormat.roundTrip(r.actions, dump),
                    r.match), index);
        }
    }

    // fte_insert(): a later flow of the same source and key takes the earlier one's place
    private void insert(Version v, int index) {
        String key = v.table + " " + MatchFormat.format(v.match, v.priority, PortMap.NONE);
        entries.computeIfAbsent(key, k -> new Version[2])[index] = v;
    }

    // FOR_EACH_TABLE, then the classifier's order (by priority, highest first)
    private List<Version[]> inOrder() {
        List<Version[]> l = new ArrayList<>(entries.values());
        l.sort(Comparator.comparingInt((Version[] e) -> (e[0] != null ? e[0] : e[1]).table)
                .thenComparingInt(e -> -(e[0] != null ? e[0] : e[1]).priority));
        return l;
    }

    // fte_version_equals(): the actions compared as printed (ofpacts_equal_stringwise())
    private static boolean equal(Version a, Version b) {
        return a.cookie == b.cookie && a.idleTimeout == b.idleTimeout && a.hardTimeout == b.hardTimeout
                && a.importance == b.importance && a.table == b.table
                && ActionFormat.format(a.actions, OfVersion.OF15, PortMap.NONE)
                        .equals(ActionFormat.format(b.actions, OfVersion.OF15, PortMap.NONE));
    }

    /** ofctl_diff_flows(): each entry that differs, its first source's side as "-", its second's as "+". */
    public List<String> diff(PortMap names) {
        List<String> out = new ArrayList<>();
        for (Version[] e : inOrder()) {
            if (e[0] == null || e[1] == null || !equal(e[0], e[1])) {
                for (int i = 0; i < 2; i++) {
                    if (e[i] != null) {
                        out.add((i == 0 ? "-" : "+") + format(e[i], names));
                    }
                }
            }
        }
        return out;
    }

    // fte_version_format()
    private static String format(Version v, PortMap names) {
        StringBuilder s = new StringBuilder();
        if (v.table != 0) {
            s.append("table=").append(v.table).append(' ');
        }
        s.append(MatchFormat.format(v.match, v.priority, names));
        if (v.cookie != 0) {
            s.append(" cookie=0x").append(Long.toHexString(v.cookie));
        }
        if (v.idleTimeout != 0) {
            s.append(" idle_timeout=").append(v.idleTimeout);
        }
        if (v.hardTimeout != 0) {
            s.append(" hard_timeout=").append(v.hardTimeout);
        }
        if (v.importance != 0) {
            s.append(" importance=").append(v.importance);
        }
        return s.append(" actions=").append(ActionFormat.format(v.actions, OfVersion.OF15, names)).toString();
    }

    /**
     * ofctl_replace_flows() with the file as source 0 and the switch as 1: per table, a DELETE_STRICT of each flow
     * only the switch has, then an ADD of each flow of the file the switch lacks or has otherwise (each with
     * {@code readd}), as fte_make_flow_mod() builds them for protocol {@code usable}; {@code tableIds}: whether the
     * protocol carries table ids (not OpenFlow 1.0's flow dump protocols, so every such flow_mod is for all tables,
     * an add for table 0).
     */
    public List<FlowMod> replace(boolean readd, int usable, boolean tableIds) {
        List<FlowMod> deletes = new ArrayList<>();
        List<FlowMod> adds = new ArrayList<>();
        List<FlowMod> out = new ArrayList<>();
        int table = -1;
        for (Version[] e : inOrder()) {
            int t = (e[0] != null ? e[0] : e[1]).table;
            if (t != table) {
                out.addAll(deletes);
                out.addAll(adds);
                deletes.clear();
                adds.clear();
                table = t;
            }
            if (e[1] != null && e[0] == null) {
                deletes.add(flowMod(e[1], FlowMod.Command.DELETE_STRICT, usable, tableIds));
            } else if (e[0] != null && (readd || e[1] == null || !equal(e[1], e[0]))) {
                adds.add(flowMod(e[0], FlowMod.Command.ADD, usable, tableIds));
            }
        }
        out.addAll(deletes);
        out.addAll(adds);
        return out;
    }

    // fte_make_flow_mod(): the version's new cookie (modify_cookie), timeouts, importance, flags; actions for an add
    private static FlowMod flowMod(Version v, FlowMod.Command command, int usable, boolean tableIds) {
        return new FlowMod(command, tableIds ? v.table : 255, v.priority, 0, 0, true, v.cookie, v.idleTimeout,
                v.hardTimeout, v.importance, v.flags, Ports.NONE, Group.ANY, v.match,
                command == FlowMod.Command.ADD ? v.actions : List.of(), List.of(), usable, v.parsed);
    }
}
