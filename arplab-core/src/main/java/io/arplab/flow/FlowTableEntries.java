package io.arplab.flow;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * ovs-ofctl's flow table entries (utilities/ovs-ofctl.c struct fte), which replace-flows and diff-flows compare: per
 * table a classifier of (match, priority) entries, each with up to two versions of the flow (a file's and a switch's,
 * or two sources'), walked as CLS_FOR_EACH walks them (the subtables in pvector order, each one's rules as inserted,
 * a replaced entry last).
 */
public final class FlowTableEntries {
    /**
     * struct fte_version: what differs between two versions of an entry, with the flow_mod a file's version came
     * from ({@code fm}) or the switch's rule a dumped one is ({@code rule}).
     */
    public record Version(long cookie, int idleTimeout, int hardTimeout, int importance, int flags,
            List<Action> actions, int table, FlowMod fm, Rule rule) {}

    /** An entry: its match and priority, and its versions by index (null: absent from that source). */
    public record Entry(int table, int priority, Match match, Version[] versions) {
        public Version version(int index) {
            return versions[index];
        }
    }

    private final Classifier[] tables = new Classifier[FlowTables.N_TABLES];
    private final Map<Rule, Entry> entries = new IdentityHashMap<>();

    /** read_flows_from_file()'s version of a line parsed as an add: its table (0 for none), its flags but two. */
    public static Version of(FlowMod fm) {
        return new Version(fm.newCookie(), fm.idleTimeout(), fm.hardTimeout(), fm.importance(),
                fm.flags() & FlowMod.SEND_FLOW_REM, ActionParser.asParsed(fm.actions()), fm.table() == 255 ? 0 : fm.table(),
                fm, null);
    }

    /** read_flows_from_switch()'s version of a rule as a dump in {@code v} decodes it (no flags come back). */
    public static Version of(Rule r, OfVersion v) {
        return new Version(r.cookie, r.idleTimeout, r.hardTimeout, v.atLeast(OfVersion.OF14) ? r.importance : 0, 0,
                ActionFormat.roundTrip(r.actions, v), r.table, null, r);
    }

    /**
     * fte_insert(): the entry of {@code match} and {@code priority} in the version's table takes it as its version
     * {@code index}; a new entry replaces the old one (classifier_replace()), keeping the old one's other version.
     */
    public void insert(Match match, int priority, Version version, int index) {
        Classifier cls = tables[version.table()];
        if (cls == null) {
            cls = tables[version.table()] = new Classifier();
        }
        Match key = key(match, version);
        Classifier.Subtable st = cls.subtable(key.mask, false);
        Rule old = null;
        for (int i = 0; st != null && i < st.rules.size(); i++) {
            Rule r = st.rules.get(i);
            if (r.priority == priority && r.match.equals(key)) {
                old = r;
            }
        }
        Rule r = new Rule(version.table(), priority, key, 0, 0);
        r.actions(List.of());
        Version[] versions = new Version[2];
        versions[index] = version;
        if (old != null) { // rculist_replace(): the new entry takes the old one's place in the subtable's list
            versions[1 - index] = entries.remove(old).versions()[1 - index];
            int at = st.rules.indexOf(old);
            cls.replace(st, old, r);
            st.rules.remove(r);
            st.rules.add(at, r);
        } else {
            cls.insert(cls.subtable(key.mask, true), r);
        }
        entries.put(r, new Entry(version.table(), priority, match.copy(), versions));
    }

    /**
     * The entry's key: a file's nw_frag=yes or not_later keeps the mask bits mf_from_frag_string() forces on above
     * the field's two (`*maskp = h->mask | ~FLOW_NW_FRAG_MASK`), which the wire drops (nxm_put_frag()), so such a
     * flow of a file is never the switch's own.
     */
    private static Match key(Match match, Version version) {
        long frag = match.mask(Slot.NW_FRAG);
        if (version.fm() == null || frag == 0 || frag == Slot.NW_FRAG.max) {
            return match.copy();
        }
        Match k = match.copy();
        k.mask[Slot.NW_FRAG.ordinal()] = frag | 0xfc;
        return k;
    }

    /**
     * FOR_EACH_TABLE and CLS_FOR_EACH: every entry, table by table, in the classifier's order. fte_fill() inserts
     * with publication deferred, so the subtables stand in the order they were made until classifier_publish()
     * sorts them once by their highest priority (pvector_publish(): glibc's qsort(), a stable merge sort).
     */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Classifier cls : tables) {
            if (cls == null) {
                continue;
            }
            List<Classifier.Subtable> order = new ArrayList<>(cls.subtables.values());
            order.sort(java.util.Comparator.comparingInt((Classifier.Subtable st) -> -st.maxPrio));
            for (Classifier.Subtable st : order) {
                for (Rule r : st.rules) {
                    out.add(entries.get(r));
                }
            }
        }
        return out;
    }

    /**
     * fte_version_equals(): the same cookie, timeouts, importance, table and actions as ofpacts_format() writes
     * them (ofpacts_equal_stringwise()); flags never come back from a switch, so they do not count.
     */
    public static boolean same(Version a, Version b) {
        return a.cookie() == b.cookie() && a.idleTimeout() == b.idleTimeout() && a.hardTimeout() == b.hardTimeout()
                && a.importance() == b.importance() && a.table() == b.table()
                && ActionFormat.format(a.actions(), OfVersion.OF15, PortMap.NONE)
                        .equals(ActionFormat.format(b.actions(), OfVersion.OF15, PortMap.NONE));
    }

    /** fte_version_format(): version {@code index} of {@code e} as diff-flows prints it, or "" when it has none. */
    public static String format(Entry e, int index, PortMap names) {
        Version v = e.version(index);
        if (v == null) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        if (v.table() != 0) {
            s.append("table=").append(v.table()).append(' ');
        }
        s.append(MatchFormat.format(e.match(), e.priority(), names)); // cls_rule_format()
        if (v.cookie() != 0) {
            s.append(" cookie=0x").append(Long.toHexString(v.cookie()));
        }
        if (v.idleTimeout() != 0) {
            s.append(" idle_timeout=").append(v.idleTimeout());
        }
        if (v.hardTimeout() != 0) {
            s.append(" hard_timeout=").append(v.hardTimeout());
        }
        if (v.importance() != 0) {
            s.append(" importance=").append(v.importance());
        }
        return s.append(" actions=").append(ActionFormat.format(v.actions(), OfVersion.OF15, names)).toString();
    }

    /**
     * fte_make_flow_mod(): an add of version {@code index} of {@code e}, or its strict delete; without
     * {@code tableIds} (OpenFlow 1.0's dump protocols carry none) the flow_mod names no table: an add goes to table 0,
     * a strict delete to every table.
     */
    public static FlowMod flowMod(Entry e, int index, FlowMod.Command command, int usable, boolean tableIds) {
        Version v = e.version(index);
        boolean add = command == FlowMod.Command.ADD;
        Match m = v.fm() != null ? v.fm().match() : v.rule().match; // as add-flow would send it, or the rule's own
        return new FlowMod(command, tableIds ? v.table() : 255, e.priority(), 0, 0, true, v.cookie(), v.idleTimeout(),
                v.hardTimeout(), v.importance(), v.flags(), Ports.NONE, Group.ANY, m,
                !add ? List.of() : v.fm() != null ? v.fm().actions() : v.actions(),
                List.of(), usable, v.fm() != null ? v.fm().parsed() : m);
    }
}
