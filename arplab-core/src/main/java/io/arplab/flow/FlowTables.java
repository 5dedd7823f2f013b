package io.arplab.flow;

import io.arplab.wire.libc.CLib;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bridge's OpenFlow tables (ofproto/ofproto.c add_flow, modify_flows, delete_flows, collect_rules_loose): rules
 * by table, kept grouped by mask in subtables as OVS's classifier does, which decides the order dump-flows shows.
 */
public final class FlowTables {
    public static final int N_TABLES = 255;

    private final List<Classifier> tables = new ArrayList<>();
    private long seq;
    /** Bumped by every change of a table (the ofproto's tables_version): megaflows must be revalidated. */
    long version;
    /** Equal action lists shared by the rules that have them, so that translations keep reading the same few. */
    private final java.util.Map<List<Action>, List<Action>> programs = new java.util.HashMap<>();
    /** At most this many shared lists are remembered (learned flows may each have their own): then none again. */
    private static final int PROGRAMS = 4096;

    public FlowTables() {
        Classifier[] byId = new Classifier[N_TABLES]; // a goto_table's target, which its slot keeps
        Classifier.HashMemo memo = new Classifier.HashMemo();
        for (int i = 0; i < N_TABLES; i++) {
            byId[i] = new Classifier(byId, memo);
            tables.add(byId[i]);
        }
    }

    record MaskKey(long[] mask) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MaskKey k && Arrays.equals(mask, k.mask);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(mask);
        }
    }

    /** Whether ovs-ofctl sends this flow_mod in OpenFlow 1.0's own format, which it prefers to NXM. */
    static boolean ofp10(FlowMod fm, OfVersion version) {
        return !version.atLeast(OfVersion.OF11) && (fm.usable() & FlowMod.P_OF10) != 0;
    }

    /**
     * Applies a flow_mod that the switch decoded as {@code version}; returns null or an OpenFlow error name. The rules
     * it deletes leave their subtables after it (ofproto_run()'s remove_rules_postponed()), or after the batch it is
     * part of.
     */
    public String apply(FlowMod fm, OfVersion version, long now) {
        postponeRemovals();
        try {
            return apply__(fm, version, now);
        } finally {
            removePostponed();
        }
    }

    private String apply__(FlowMod fm, OfVersion version, long now) {
        this.version++;
        changedAt = now;
        fm = onWire(fm, version);
        if (programs.size() >= PROGRAMS) {
            programs.clear();
        }
        List<Action> wire = ActionParser.l4PortsOnMatch(ActionFormat.roundTrip(fm.actions(), version), fm.match());
        if (!version.atLeast(OfVersion.OF11)) {
            wire = ActionParser.vlanPushes(wire, fm.match(), List.of());
        }
        List<Action> actions = programs.computeIfAbsent(wire, a -> a);
        int flags = fm.flags() & (FlowMod.SEND_FLOW_REM | FlowMod.RESET_COUNTS | FlowMod.NO_PKT_COUNTS
                | FlowMod.NO_BYT_COUNTS | FlowMod.CHECK_OVERLAP); // OFPUTIL_FF_STATE
        if (!version.atLeast(OfVersion.OF12) && fm.command() == FlowMod.Command.ADD) {
            flags |= FlowMod.RESET_COUNTS; // ofputil_decode_flow_mod_flags(): an OpenFlow 1.0 or 1.1 add always resets
        }
        switch (fm.command()) {
            case ADD -> {
                return add(fm, actions, flags, version, now);
            }
            case MODIFY, MODIFY_STRICT -> {
                List<Rule> rules = collect(fm, fm.command() == FlowMod.Command.MODIFY_STRICT);
                if (rules.isEmpty()) {
                    if (modifyMayAdd(fm, version)) {
                        return add(fm, actions, flags, version, now);
                    }
                } else if (rules.stream().allMatch(internalRules::contains)) {
                    return "OFPBRC_EPERM"; // collect_rules_loose(): only read-only rules found
                } else {
                    rules.removeIf(internalRules::contains);
                    List<List<Action>> replaced = new ArrayList<>();
                    for (Rule r : rules) {
                        cookieRemove(r); // replace_rule_start(): the old rule leaves the cookie index, the new joins
                        replaced.add(r.actions);
                        r.actions(actions);
                        tables.get(r.table).actionsChanged(r);
                        if (modifyCookie(fm, version) != -1L) { // replace_rule_start()'s change_cookie
                            r.cookie = modifyCookie(fm, version);
                        }
                        cookieInsert(r);
                        if ((flags & FlowMod.RESET_COUNTS) != 0) {
                            r.packets = 0;
                            r.bytes = 0;
                        }
                        r.modified = now;
                    }
                    java.util.Map<Integer, List<Rule>> byTable = new java.util.TreeMap<>();
                    for (Rule r : rules) {
                        byTable.computeIfAbsent(r.table, t -> new ArrayList<>()).add(r);
                    }
                    byTable.forEach((t, modified) -> tables.get(t).requeue(modified));
                    replaced.forEach(this::flushLearned);
                }
            }
            case DELETE, DELETE_STRICT -> {
                List<Rule> rules = collect(fm, fm.command() == FlowMod.Command.DELETE_STRICT);
                if (!rules.isEmpty() && rules.stream().allMatch(internalRules::contains)) {
                    return "OFPBRC_EPERM"; // collect_rules_loose(): only read-only rules found
                }
                for (Rule r : rules) {
                    if (!internalRules.contains(r)) {
                        remove(r);
                    }
                }
            }
            case QUERY -> throw new IllegalArgumentException("not a flow_mod");
        }
        return null;
    }

    /**
     * The cookie a modify gives the rules it replaces, or -1 (OVS_BE64_MAX: keep theirs). parse_ofp_str__() makes it
     * 0 unless "cookie=" sets one or a cookie mask is given (then all-ones); only OpenFlow 1.0 and 1.1 carry it, a
     * 1.2+ modify never changes a cookie (ofputil_decode_flow_mod()).
     */
    static long modifyCookie(FlowMod fm, OfVersion version) {
        return version == OfVersion.OF10 ? newCookie(fm) : -1L; // OpenFlow 1.1 decodes with modify_cookie false
    }

    // parse_ofp_str__(): a modify whose new_cookie is still OVS_BE64_MAX (none given, or "cookie=-1") and that has no
    // cookie mask gets 0; an add keeps an all-ones cookie
    static long newCookie(FlowMod fm) {
        if (fm.setCookie() && (fm.newCookie() != -1L || fm.command() == FlowMod.Command.ADD)) {
            return fm.newCookie();
        }
        return fm.cookieMask() == 0 ? 0 : -1L;
    }

    /**
     * ofproto_flow_mod_init()'s modify_may_add_flow: a new cookie and no cookie match, which only OpenFlow 1.0 and
     * 1.1 carry.
     */
    static boolean modifyMayAdd(FlowMod fm, OfVersion version) {
        return !version.atLeast(OfVersion.OF12) && newCookie(fm) != -1L && fm.cookieMask() == 0;
    }

    /** Whether a modify replaces some rule or adds one: only then the switch checks its actions. */
    boolean modifyTakesEffect(FlowMod fm, OfVersion version) {
        return modifyMayAdd(fm, version) || collect(onWire(fm, version),
                fm.command() == FlowMod.Command.MODIFY_STRICT).stream().anyMatch(r -> !internalRules.contains(r));
    }

    // the flow_mod as the switch decodes it: its match as the wire format carried it
    private static FlowMod onWire(FlowMod fm, OfVersion version) {
        int table = version.atLeast(OfVersion.OF11) ? OfpEncode.wireTable(fm, version, true) : fm.table();
        boolean of10 = ofp10(fm, version);
        // packet_type after the wire: a field nx_put_raw() leaves out (nw_frag without an IP type) leaves it alone
        Match match = version == OfVersion.OF11 ? packetType(Ofp11Match.onWire(fm.match()),
                Ofp11Match.ethernet(fm.match()))
                : packetType(of10 ? MatchFormat.onOf10Wire(fm.match()) : MatchFormat.onWire(fm.match(), version),
                        of10 ? fm.parsed() != null && MatchFormat.ethernet(fm.parsed()) : fm.match().ethernetType);
        return new FlowMod(fm.command(), table, fm.priority(), fm.cookie(), fm.cookieMask(), fm.setCookie(),
                fm.newCookie(),
                fm.idleTimeout(), fm.hardTimeout(), fm.importance(), fm.flags(), fm.outPort(), fm.outGroup(),
                match, fm.actions(), fm.log(), fm.usable(), fm.parsed());
    }

    /**
     * nx_pull_raw(): a field with prerequisites (or "eth") brings packet_type=(0,0) into the match
     * (match_add_ethernet_prereq()), which keeps it when nx_put_raw() left the field itself out; so a rule left with
     * it alone sits in a subtable of its own, apart from the catch-all rules, and is another rule than theirs. An
     * ofp10_match has it when it carries any field but in_port as written (ofputil_match_from_ofp10_match()), so not
     * for "eth" alone. Any Ethernet field left implies it: arplab's rules hold it only when none is.
     */
    static Match packetType(Match m, boolean ethernet) {
        if (!ethernet || MatchFormat.ethernet(m) || m.mask(Slot.PACKET_TYPE) != 0) {
            return m;
        }
        Match n = m.copy();
        n.putSlot(Slot.PACKET_TYPE, 0, Slot.PACKET_TYPE.max);
        return n;
    }

    // whether a match has packet_type=(0,0), implied by an Ethernet field or kept alone
    private static boolean hasPacketType(Match m) {
        return m.mask(Slot.PACKET_TYPE) != 0 || MatchFormat.ethernet(m);
    }

    // add_flow_start(): replaces an identical rule, else refuses to overlap one if asked (check_overlap)
    private String add(FlowMod fm, List<Action> actions, int flags, OfVersion version, long now) {
        int table = fm.table() == 255 ? 0 : fm.table(); // an add without table= goes to table 0
        Classifier t = tables.get(table);
        Classifier.Subtable st = t.subtable(fm.match().mask, false);
        Rule old = null;
        if (st != null) {
            for (Rule r : st.rules) {
                if (r.priority == fm.priority() && r.match.equals(fm.match())) {
                    old = r;
                }
            }
        }
        if (old == null && (flags & FlowMod.CHECK_OVERLAP) != 0 && overlaps(table, fm.priority(), fm.match())) {
            return "OFPFMFC_OVERLAP";
        }
        if (old == null && maxFlows[table] < 0xffff_ffffL && rules(table).size() >= maxFlows[table]) {
            // add_flow_start(): a rule evicted for room, or the table is full
            Rule evicted = ruleToEvict(table);
            if (evicted == null) {
                return "OFPFMFC_TABLE_FULL";
            }
            remove(evicted);
            st = t.subtable(fm.match().mask, false);
        }
        Rule r = new Rule(table, fm.priority(), fm.match().copy(), old != null ? old.seq : seq++, now);
        r.cookie = fm.newCookie();
        r.idleTimeout = fm.idleTimeout();
        r.hardTimeout = fm.hardTimeout();
        r.importance = version.atLeast(OfVersion.OF14) ? fm.importance() : 0;
        r.flags = flags;
        r.actions(actions);
        if (old != null) {
            if ((flags & FlowMod.RESET_COUNTS) == 0) {
                r.packets = old.packets;
                r.bytes = old.bytes;
            }
            r.used = old.used; // rule_insert(): the used time is forwarded whenever a rule is replaced
            t.replace(st, old, r);
            cookieRemove(old);
            flushLearned(old.actions);
        } else {
            t.insert(t.subtable(fm.match().mask, true), r);
        }
        cookieInsert(r);
        return null;
    }

    // classifier_rule_overlaps(): a rule of the same priority that some packet could match along with the target
    private boolean overlaps(int table, int priority, Match target) {
        for (Rule r : rules(table)) {
            if (r.priority != priority) {
                continue;
            }
            boolean equal = true;
            for (int i = 0; i < target.mask.length && equal; i++) {
                equal = ((target.value[i] ^ r.match.value[i]) & target.mask[i] & r.match.mask[i]) == 0;
            }
            if (equal) {
                return true;
            }
        }
        return false;
    }

    public void remove(Rule r) {
        cookieRemove(r);
        version++;
        Classifier t = tables.get(r.table);
        t.remove(r, postponed > 0);
        if (postponed > 0 && !toSettle.contains(t)) {
            toSettle.add(t);
        }
        flushLearned(r.actions);
    }

    /** Batches of changes under way: the rules they remove wait (ofproto->to_remove) till the last one ends. */
    private int postponed;
    /** The tables those rules were in. */
    private final List<Classifier> toSettle = new ArrayList<>(1);

    /**
     * Runs {@code changes} as one batch: the rules they remove wait in ofproto->to_remove (delete_flows__()'s
     * rules_mark_for_removal()) and leave their subtables after them all.
     */
    void removeTogether(Runnable changes) {
        postponeRemovals();
        try {
            changes.run();
        } finally {
            removePostponed();
        }
    }

    private void postponeRemovals() {
        postponed++;
    }

    /**
     * A batch of changes ends: once no other is under way, the rules removed since leave their subtables as
     * remove_rules_postponed() has them (remove_rules_rcu(): every table's deferred, one publish each).
     */
    private void removePostponed() {
        if (--postponed == 0 && !toSettle.isEmpty()) {
            for (Classifier t : toSettle) {
                t.settle();
            }
            toSettle.clear();
        }
    }

    // learned_cookies_dec() and learned_cookies_flush() for the actions a flow no longer has (deleted or replaced):
    // the last flow whose learn has delete_learned takes the learned table's flows with its cookie along
    private void flushLearned(List<Action> gone) {
        for (Action a : gone == null ? List.<Action>of() : gone) {
            if (a instanceof Action.Learn l && (l.flags() & 2) != 0 && !learnsDeleting(l.table(), l.cookie())) {
                for (Rule x : rules(l.table())) {
                    if (x.cookie == l.cookie()) {
                        remove(x);
                    }
                }
            }
        }
    }

    // learned_cookies_inc(): whether a flow still learns into table t with this cookie and delete_learned
    private boolean learnsDeleting(int t, long cookie) {
        for (Rule x : all()) {
            for (Action a : x.actions) {
                if (a instanceof Action.Learn l && (l.flags() & 2) != 0 && l.table() == t && l.cookie() == cookie) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * collect_rules_loose() / collect_rules_strict(), in dump order: with an exact cookie mask, that cookie's rules in
     * the cookie index's order, of every table (TBL_INTERNAL's too); else each table's in turn, the hidden
     * TBL_INTERNAL only when named. The read-only internal rules are among them (a modify or delete skips them).
     */
    public List<Rule> collect(FlowMod q, boolean strict) {
        List<Rule> out = new ArrayList<>();
        if (q.cookieMask() == -1L) {
            for (Rule r : cookies.getOrDefault(q.cookie(), List.of())) {
                if ((q.table() == 255 || q.table() == r.table) && collects(r, q, strict)) {
                    out.add(r);
                }
            }
            return out;
        }
        for (int i = 0; i < N_TABLES; i++) {
            if (q.table() != 255 && q.table() != i || q.table() == 255 && i == Ofproto.TABLE_INTERNAL) {
                continue; // FOR_EACH_MATCHING_TABLE(): every visible table, or the one named
            }
            for (Rule r : i == Ofproto.TABLE_INTERNAL ? internalInTable : rules(i)) {
                if (collects(r, q, strict)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    // collect_rule() of a rule the table or the cookie index gave: the match (loose or strict), cookie, out_port and
    // out_group
    private static boolean collects(Rule r, FlowMod q, boolean strict) {
        boolean ok = strict ? r.priority == q.priority() && r.match.equals(q.match()) : looseMatch(r.match, q.match());
        return ok && ((r.cookie ^ q.cookie()) & q.cookieMask()) == 0 && outputsTo(r, q.outPort())
                && outputsToGroup(r, q.outGroup());
    }

    /**
     * ofproto->cookies, the hindex of every rule by cookie: each cookie's chain in the order
     * HINDEX_FOR_EACH_WITH_HASH walks it (hindex_insert_fast() keeps the first rule in as the head and puts each
     * later one right after it; hindex_remove() of the head makes the next one the head).
     */
    private final java.util.Map<Long, List<Rule>> cookies = new java.util.HashMap<>();
    /** TBL_INTERNAL's read-only rules, and the same in that table's classifier order. */
    private List<Rule> internalRules = List.of(), internalInTable = List.of();

    /** add_internal_flows(): the internal rules as inserted, and as their table lists them. */
    void internal(List<Rule> inserted, List<Rule> inTable) {
        internalRules = inserted;
        internalInTable = inTable;
        inserted.forEach(this::cookieInsert);
    }

    // cookies_insert()
    private void cookieInsert(Rule r) {
        List<Rule> chain = cookies.computeIfAbsent(r.cookie, c -> new ArrayList<>());
        chain.add(chain.isEmpty() ? 0 : 1, r);
    }

    // cookies_remove()
    private void cookieRemove(Rule r) {
        List<Rule> chain = cookies.get(r.cookie);
        if (chain != null && chain.remove(r) && chain.isEmpty()) {
            cookies.remove(r.cookie);
        }
    }

    // cls_rule_is_loose_match(): every bit the criteria care about, the rule matches the same way, packet_type too
    // (a criterion's field with prerequisites brings packet_type=(0,0) along, which a rule on in_port alone lacks)
    static boolean looseMatch(Match rule, Match criteria) {
        if (criteria.nonEthernet() ? rule.mask(Slot.PACKET_TYPE) == 0
                || rule.value(Slot.PACKET_TYPE) != criteria.value(Slot.PACKET_TYPE)
                : (criteria.ethernetType || hasPacketType(criteria)) && (!hasPacketType(rule) || rule.nonEthernet())) {
            return false;
        }
        for (int i = 0; i < rule.mask.length; i++) {
            if (i == Slot.PACKET_TYPE.ordinal()) {
                continue; // the check above, with the packet_type an Ethernet field implies
            }
            if ((criteria.mask[i] & ~rule.mask[i]) != 0 || ((rule.value[i] ^ criteria.value[i]) & criteria.mask[i])
                    != 0) {
                return false;
            }
        }
        return true;
    }

    // ofproto_rule_has_out_port(), ofpacts_output_to_port(): an output, enqueue or controller action, nested ones too
    private static boolean outputsTo(Rule r, long port) {
        if (port == Ports.NONE) {
            return true;
        }
        for (Action a : Ofproto.flattened(r.actions)) {
            if (a instanceof Action.Output o && o.port() == port || a instanceof Action.Enqueue e && e.port() == port
                    || a instanceof Action.Controller && port == Ports.CONTROLLER) {
                return true;
            }
        }
        return false;
    }

    // ofproto_rule_has_out_group(), ofpacts_output_to_group()
    private static boolean outputsToGroup(Rule r, long group) {
        return group == Group.ANY || Ofproto.flattened(r.actions).contains(new Action.Group(group));
    }

    Classifier table(int i) {
        return tables.get(i);
    }

    /** enum ofputil_table_miss: what a miss in a table does (oftable->miss_config), set by OpenFlow 1.1/1.2's table_mod. */
    public enum TableMiss { DEFAULT, CONTROLLER, CONTINUE, DROP }

    private final TableMiss[] miss = new TableMiss[N_TABLES];

    {
        Arrays.fill(miss, TableMiss.DEFAULT);
    }

    /** OpenFlow 1.4's table-config of each table (struct oftable): eviction by OpenFlow, vacancy events. */
    private final boolean[] evict = new boolean[N_TABLES];

    /**
     * The Flow_Table row's settings of each table (ofproto_configure_table()): its name (null: none), max_flows
     * (UINT_MAX without a flow_limit), eviction by the client (overflow_policy=evict, EVICTION_CLIENT) and the
     * eviction groups' fields.
     */
    private final String[] names = new String[N_TABLES];
    private final long[] maxFlows = new long[N_TABLES];
    private final boolean[] clientEvict = new boolean[N_TABLES];
    private final List<List<Subfield>> evictionFields = new ArrayList<>(java.util.Collections.nCopies(N_TABLES,
            List.of()));

    {
        Arrays.fill(maxFlows, 0xffff_ffffL);
    }

    /** The table's name (oftable_set_name()), or null. */
    public String name(int t) {
        return names[t];
    }

    /** Who set each table's name (oftable's name_level): 0 none, 1 OpenFlow, 2 OVSDB. */
    private final int[] nameLevels = new int[N_TABLES];

    /**
     * oftable_set_name(): the name (up to OFP_MAX_TABLE_NAME_LEN, 32, bytes; an empty one unsets it) takes unless a
     * higher level set the current one; kept when it is the current one's prefix; a null name unsets a name of its
     * level. Level 2 is OVSDB's (ofproto_configure_table()), 1 a table features request's.
     */
    public void setName(int t, String name, int level) {
        if (level < nameLevels[t]) {
            return;
        }
        if (name != null) {
            String n = name.length() > 32 ? name.substring(0, 32) : name;
            names[t] = n.isEmpty() ? null : names[t] != null && names[t].startsWith(n) ? names[t] : n;
            nameLevels[t] = level;
        } else if (nameLevels[t] == level) {
            names[t] = null;
            nameLevels[t] = 0;
        }
    }

    /** oftable_may_set_name(): whether setName() at {@code level} would take. */
    public boolean maySetName(int t, String name, int level) {
        return level >= nameLevels[t] || name == null || names[t] == null
                || names[t].startsWith(name.length() > 32 ? name.substring(0, 32) : name);
    }

    /** The table's max_flows, UINT_MAX without a limit. */
    public long maxFlows(int t) {
        return maxFlows[t];
    }

    /**
     * ofproto_configure_table(): the prefix fields (null: the default ones), the name, the client's eviction and its
     * fields, max_flows, and then the rules over the limit evicted (evict_rules_from_table()) as far as some are evictable.
     */
    public void configureTable(int t, String name, long max, boolean evictByClient, List<Subfield> fields,
            List<Slot> prefixes) {
        tables.get(t).setPrefixFields(prefixes == null ? List.of(Classifier.DEFAULT_TRIE_FIELDS) : prefixes);
        setName(t, name, 2);
        clientEvict[t] = evictByClient;
        evictionFields.set(t, List.copyOf(fields));
        maxFlows[t] = max;
        for (int count = max < 0xffff_ffffL ? rules(t).size() : 0; count > maxFlows[t]; count--) {
            Rule r = ruleToEvict(t);
            if (r == null) {
                break;
            }
            remove(r);
        }
    }

    /**
     * choose_rule_to_evict(): with eviction on (by OpenFlow or the client), a rule with a timeout (only those join an
     * eviction group, eviction_group_add_rule()) of the largest eviction group (its rules' values of the eviction
     * fields, eviction_group_hash_rule()), the first by rule_eviction_priority(): the least importance, then the
     * soonest expiry in seconds of 1024 ms. Null when none.
     */
    private Rule ruleToEvict(int t) {
        if (!evict[t] && !clientEvict[t]) {
            return null;
        }
        java.util.Map<List<Object>, List<Rule>> groups = new java.util.LinkedHashMap<>();
        for (Rule r : rules(t)) {
            if (r.hardTimeout == 0 && r.idleTimeout == 0) {
                continue;
            }
            List<Object> key = new ArrayList<>();
            for (Subfield sf : evictionFields.get(t)) {
                boolean present = FlowPrereqs.ok(sf.field(), r.match.value, new long[Slot.ALL.length]);
                key.add(present ? sf.get(r.match.value) : "none"); // hash_int(hash, 0) without the prerequisites
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<Rule> largest = null;
        for (List<Rule> g : groups.values()) {
            if (largest == null || g.size() > largest.size()) {
                largest = g;
            }
        }
        if (largest == null) {
            return null;
        }
        java.util.Comparator<Rule> priority = java.util.Comparator.<Rule>comparingLong(r -> r.importance)
                .thenComparingLong(r -> r.expiry() / 1_000_000 >> 10);
        return largest.stream().min(priority).orElse(null);
    }
    /** vacancy_down and vacancy_up of a table with vacancy events on (vacancy_event), null with them off. */
    private final int[][] vacancy = new int[N_TABLES][];

    /**
     * A table_mod as ovs-ofctl parsed it: the table (255 for all), its miss config, the versions that carry it, and
     * OpenFlow 1.4's eviction (null: unchanged) and vacancy (null: unchanged, empty: off, {down, up}: on).
     */
    public record TableMod(int table, TableMiss miss, java.util.Set<OfVersion> versions, Boolean evict,
            int[] vacancy) {
        TableMod(int table, TableMiss miss, java.util.Set<OfVersion> versions) {
            this(table, miss, versions, null, null);
        }
    }

    /**
     * parse_ofp_table_mod(): "all" or a table (ofputil_table_from_string() with the table map, its warnings logged),
     * and a setting: a miss config only OpenFlow 1.1 and 1.2 carry, eviction and vacancy only 1.4+, a name 1.3+ (then
     * DEFAULT). Throws FlowParseException with OVS's error.
     */
    public static TableMod parseTableMod(String tableId, String setting, PortMap names) {
        int table = tableId.equalsIgnoreCase("all") ? 255
                : ActionParser.table(tableId, names, "unknown table \"" + tableId + "\"");
        java.util.Set<OfVersion> of11 = java.util.EnumSet.of(OfVersion.OF11, OfVersion.OF12);
        java.util.Set<OfVersion> of14 = java.util.EnumSet.of(OfVersion.OF14, OfVersion.OF15);
        int colon = setting.indexOf(':');
        TableMod tm = switch (setting) {
            case "controller" -> new TableMod(table, TableMiss.CONTROLLER, of11);
            case "continue" -> new TableMod(table, TableMiss.CONTINUE, of11);
            case "drop" -> new TableMod(table, TableMiss.DROP, of11);
            case "evict", "noevict" -> new TableMod(table, TableMiss.DEFAULT, of14, setting.equals("evict"), null);
            case "novacancy" -> new TableMod(table, TableMiss.DEFAULT, of14, null, new int[0]);
            default -> "vacancy".startsWith(setting.substring(0, colon < 0 ? setting.length() : colon))
                    ? vacancy(table, setting, of14) // strncmp() up to the ':'
                    : table != 255 && setting.startsWith("name:") ? new TableMod(table, TableMiss.DEFAULT,
                    java.util.EnumSet.of(OfVersion.OF13, OfVersion.OF14, OfVersion.OF15)) : null;
        };
        if (tm == null) {
            throw new FlowParseException("invalid table_mod setting " + setting);
        }
        if (table == 254 && tm.miss() == TableMiss.CONTINUE) {
            throw new FlowParseException("last table's flow miss handling can not be continue");
        }
        return tm;
    }

    // parse_ofp_table_vacancy(): "vacancy:DOWN,UP" (strtok_r() after the first ':', then ','), each str_to_int() in
    // 0..100, down not above up
    private static TableMod vacancy(int table, String setting, java.util.Set<OfVersion> versions) {
        int colon = setting.indexOf(':');
        String[] t = colon < 0 ? new String[0]
                : java.util.Arrays.stream(setting.substring(colon + 1).split(",")).filter(w -> !w.isEmpty())
                .toArray(String[]::new);
        if (t.length < 1) {
            throw new FlowParseException("Vacancy down value missing");
        }
        Integer down = CLib.strToInt(t[0], 0);
        if (down == null || down < 0 || down > 100) {
            throw new FlowParseException("Invalid vacancy down value \"" + t[0] + "\"");
        }
        if (t.length < 2) {
            throw new FlowParseException("Vacancy up value missing");
        }
        Integer up = CLib.strToInt(t[1], 0);
        if (up == null || up < 0 || up > 100) {
            throw new FlowParseException("Invalid vacancy up value \"" + t[1] + "\"");
        }
        if (down > up) {
            throw new FlowParseException("Invalid vacancy range, vacancy up should be greater than vacancy down"
                    + " (OFPBPC_BAD_VALUE)");
        }
        return new TableMod(table, TableMiss.DEFAULT, versions, null, new int[] {down, up});
    }

    /**
     * table_mod__()'s eviction and vacancy of an OpenFlow 1.4+ table_mod. ofctl_mod_table() sends one per table for
     * "all", one table_mod that fetch_table_desc() completes from each table's desc in turn: with an eviction set it
     * takes the table's vacancy, else the table's eviction, which then stays set, so that the vacancy reaches table 0
     * alone.
     */
    public void tableConfig(TableMod tm) {
        Boolean ev = tm.evict();
        for (int i = tm.table() == 255 ? 0 : tm.table(); i < (tm.table() == 255 ? N_TABLES - 1 : tm.table() + 1);
                i++) {
            if (ev == null) {
                ev = evict[i];
                vacancy[i] = tm.vacancy().length == 0 ? null : tm.vacancy().clone();
            }
            evict[i] = ev;
        }
    }

    /** ofputil_table_desc_format() of query_table_desc__(): the table's eviction and vacancy configuration. */
    public String tableDesc(int t) {
        StringBuilder s = new StringBuilder("\n  table ").append(t).append(":\n   eviction=")
                .append(evict[t] ? "on" : "off").append(" eviction_flags=OTHER|IMPORTANCE|LIFETIME\n   vacancy=");
        if (vacancy[t] == null) {
            return s.append("off\n").toString();
        }
        // oftable_vacancy(): the share of the table's max_flows (its Flow_Table row's flow_limit, else UINT_MAX) left
        // free, converted to uint8_t
        long n = stats(t)[0], max = maxFlows[t];
        int current = n == 0 ? 100 : n >= max ? 0 : (int) ((max - n) * 100.0 / max);
        return s.append("on vacancy_down=").append(vacancy[t][0]).append("% vacancy_up=").append(vacancy[t][1])
                .append("% vacancy=").append(current).append("%\n").toString();
    }

    /** ofproto_table_get_miss_config(). */
    public TableMiss missConfig(int table) {
        return miss[table];
    }

    /**
     * table_mod() and table_mod__(): table {@code table}'s miss configuration, or every table's but the hidden
     * TBL_INTERNAL's for OFPTT_ALL (255); DEFAULT (a table_mod without one) leaves it. Returns null, or the error of
     * the read-only TBL_INTERNAL (OFPTMFC_EPERM).
     */
    public String tableMod(int table, TableMiss m) {
        if (table == 254) {
            return "OFPTMFC_EPERM";
        }
        for (int i = table == 255 ? 0 : table; i < (table == 255 ? N_TABLES - 1 : table + 1); i++) {
            miss[i] = m == TableMiss.DEFAULT ? miss[i] : m;
        }
        return null;
    }

    /**
     * Table {@code i}'s statistics as query_tables() gives them: active rules, lookups (matched and missed packets),
     * matched packets.
     */
    public long[] stats(int i) {
        Classifier t = tables.get(i);
        int active = 0;
        for (Classifier.Subtable st : t.subtables.values()) {
            active += st.rules.size();
        }
        return new long[] {active, t.nMatched + t.nMissed, t.nMatched};
    }

    /** Table {@code i}'s rules in the classifier's iteration order. */
    public List<Rule> rules(int i) {
        List<Classifier.Subtable> sts = tables.get(i).pvector();
        List<Rule> out = new ArrayList<>();
        for (Classifier.Subtable st : sts) {
            out.addAll(st.rules); // cls_cursor walks the subtable's rules_list: insertion order, a replaced rule last
        }
        return out;
    }

    /** Every rule, table by table. */
    public List<Rule> all() {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < N_TABLES; i++) {
            out.addAll(rules(i));
        }
        return out;
    }

    /** classifier_lookup(): the highest-priority rule of table {@code t} that matches {@code flow}, or null. */
    public Rule lookup(int t, long[] flow) {
        return tables.get(t).lookup(flow, null);
    }

    /**
     * When a flow_mod last changed the tables: the revalidators' round it woke (REV_FLOW_TABLE), from which their
     * timer counts its period.
     */
    private long changedAt;

    /**
     * Removes rules whose timeouts expired by the last revalidators' round up to {@code now}; returns them.
     * ofproto-dpif.c's run() expires rules (rule_expire(): {@code now > used + idle_timeout * 1000}, the round's own
     * time a little after its start: a timeout that falls on a round expires at it) only once a round's dump ended:
     * the one a table change woke, then one every {@code period} after it. A period of 0: OVS's clock is stopped,
     * the next round comes in real time at the clock's standing time, which must be past the timeout.
     */
    public List<Rule> expire(long now, long period) {
        long round = period == 0 ? now - 1 : now < changedAt ? now : changedAt + (now - changedAt) / period * period;
        List<Rule> gone = new ArrayList<>();
        removeTogether(() -> { // ofproto_run(): the rules of one run's rule_expire()s go together
            for (Rule r : all()) {
                if (r.expiry() <= round) {
                    gone.add(r);
                    remove(r);
                }
            }
        });
        return gone;
    }

    /** The round at which the first rule expires ({@link #expire}), or Long.MAX_VALUE. */
    public long nextExpiry(long period) {
        long t = Long.MAX_VALUE;
        for (Rule r : all()) {
            t = Math.min(t, r.expiry());
        }
        if (t == Long.MAX_VALUE || period == 0) {
            return t == Long.MAX_VALUE ? t : t + 1;
        }
        return t <= changedAt ? changedAt : changedAt + (t - changedAt + period - 1) / period * period;
    }
}
