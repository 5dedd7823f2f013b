package io.arplab.flow;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One OpenFlow table's classifier (lib/classifier.c): subtables by mask, their rules hashed; a staged index per
 * subtable (metadata, L2, L3, L4 as struct flow's segments), prefix tries on nw_dst and nw_src (ofproto's
 * default_prefix_fields, or a Flow_Table row's prefixes) and a ports trie per subtable, so that a lookup unwildcards only what it examined.
 */
final class Classifier {
    /** oftable's n_matched and n_missed: the packets whose translation looked this table up (ofproto-dpif.c). */
    long nMatched, nMissed;

    /** ofproto's default_prefix_fields, in its order: check_tries() stops at the first that lets a subtable be skipped. */
    static final Slot[] DEFAULT_TRIE_FIELDS = {Slot.NW_DST, Slot.NW_SRC};
    /** CLS_MAX_TRIES. */
    static final int MAX_TRIES = 3;
    /** The prefix fields (classifier_set_prefix_fields()); null for one arplab's 32-bit IPv4 tries do not hold. */
    private Slot[] trieFields = DEFAULT_TRIE_FIELDS;
    private static final int L3 = 2;

    final Map<FlowTables.MaskKey, Subtable> subtables = new LinkedHashMap<>();
    private long subtableSeq;
    private final PrefixTrie[] tries = {new PrefixTrie(), new PrefixTrie(), new PrefixTrie()};
    /**
     * The table of the actions of the rule {@link #lookup} last returned when they are a lone goto_table, else -1;
     * and that table's classifier (a lookup reads no rule: the next table waits on the slot's word alone).
     */
    int foundGoto;
    Classifier foundNext;
    /** Rules the lookup's version does not see yet (a translation's own learned flows), or null. */
    java.util.List<Rule> unseen;
    /** The bridge's tables, by id (goto_table's targets), and their subtables' hash memo. */
    private final Classifier[] tables;
    private final HashMemo memo;

    /** A classifier alone, not one of a bridge's tables. */
    Classifier() {
        this(null, new HashMemo());
    }

    Classifier(Classifier[] tables, HashMemo memo) {
        this.tables = tables;
        this.memo = memo;
    }

    /**
     * The last key hashed under a mask of two fields, and its hash: the tables a lone goto_table chains through
     * often share one mask, and their lookups of the same packet hash the same words (classifier.c hashes per
     * subtable; the hash is a function of the fields, masks and values alone, so any subtable may reuse it).
     */
    static final class HashMemo {
        private int f0 = -1, f1;
        private long m0, m1, v0, v1, hash;

        long hash(int f0, int f1, long m0, long m1, long v0, long v1) {
            if (f0 == this.f0 && f1 == this.f1 && m0 == this.m0 && m1 == this.m1 && v0 == this.v0 && v1 == this.v1) {
                return hash;
            }
            long h = MaskedFields.hash(v0, v1);
            this.f0 = f0;
            this.f1 = f1;
            this.m0 = m0;
            this.m1 = m1;
            this.v0 = v0;
            this.v1 = v1;
            hash = h;
            return h;
        }
    }
    /** cls->subtables: the subtables by descending max priority, as each change left them. */
    private final List<Subtable> pvector = new ArrayList<>();
    /** The pvector as an array, rebuilt by every change of it ({@link #publish}). */
    private Subtable[] byPriority = new Subtable[0];
    /** Each one's max priority, as the last publish saw it (every change of a max priority publishes). */
    private int[] byPriorityMax = new int[0];

    // the trie lookups of one classifier_lookup(), done on demand (struct trie_ctx)
    private int trieDone; // bit j: trieFields[j] looked up
    private final int[] trieMaskbits = new int[MAX_TRIES];
    private final int[] triePlens = new int[MAX_TRIES];

    /** flow.h's segments: metadata, L2 from dl_dst, L3 from nw_src, L4 from nd_target (ARP hardware addresses too). */
    static int stage(Slot s) {
        return switch (s) {
            case DL_DST, DL_SRC, DL_TYPE, VLAN_TCI, MPLS_LSE, MPLS_LSE1, MPLS_LSE2 -> 1;
            case NW_SRC, NW_DST, IPV6_SRC_HI, IPV6_SRC_LO, IPV6_DST_HI, IPV6_DST_LO, IPV6_LABEL, NW_PROTO, NW_TOS,
                    NW_TTL, NW_FRAG, CT_NW_SRC, CT_NW_DST, CT_IPV6_SRC_HI, CT_IPV6_SRC_LO, CT_IPV6_DST_HI,
                    CT_IPV6_DST_LO -> L3;
            case ND_TARGET_HI, ND_TARGET_LO, ARP_SHA, ARP_THA, TP_SRC, TP_DST, TCP_FLAGS, ND_RESERVED, CT_TP_SRC,
                    CT_TP_DST -> 3;
            default -> 0;
        };
    }

    static final class Subtable extends MaskedFields {
        final long seq;
        final List<Rule> rules = new ArrayList<>();
        int maxPrio = -1;
        /** The stages the mask has fields in: each one's fields; all but the last have an index (ccmap). */
        final int[][] stageFields;
        final int[] stageIds;
        private final Long2IntOpenHashMap[] indices;
        // the rules by their masked fields (open addressing, linear probing on their hash): a slot's record in keys
        // (width longs, then a word of its first rule's priority, softness and lone goto_table: put()) holds the
        // masked values of its rules (their cls_match), which a probe compares directly (no stored hash), and heads
        // its first rule (a typed array: taking a rule out needs no type check), so that a lookup's next table waits
        // on no rule (the rule's actions are read beside the chain, when they are more than a lone goto_table, and
        // its line is the one the crediting writes); rules with the same masked values and lower priorities follow
        // the first (clsNext), highest first
        private Rule[] heads = new Rule[8];
        private int nSlots = 8;
        private final int width, stride;
        /**
         * Where a slot's word sits after its record; a mask of two fields whose masks' bits fit one word together
         * (dl_type and nw_dst, in_port and a register: most two-field masks) packs its record into one word, the
         * first field's bits above the second's {@code shift} bits, so that a slot is two words in one cache line.
         */
        private final int metaOff, shift;
        /** The first two of the fields and their masks: a mask of two fields (most subtables') is read without loops. */
        private final int f0, f1;
        private final long m0, m1;
        private long[] keys;
        private int buckets;
        /** Per trie field, the subtable's prefix length on it (0: not a prefix mask, or none). */
        final int[] triePlen = new int[MAX_TRIES];
        final int portsMaskLen;
        final PrefixTrie portsTrie = new PrefixTrie();

        Subtable(long seq, long[] mask, Slot[] trieFields) {
            super(mask);
            this.seq = seq;
            width = fields.length;
            f0 = width > 0 ? fields[0] : 0;
            f1 = width > 1 ? fields[1] : 0;
            m0 = width > 0 ? fieldMasks[0] : 0;
            m1 = width > 1 ? fieldMasks[1] : 0;
            int bits0 = 64 - Long.numberOfLeadingZeros(m0), bits1 = 64 - Long.numberOfLeadingZeros(m1);
            boolean packed = width == 2 && bits0 + bits1 <= 64;
            shift = packed ? bits1 : -1;
            metaOff = packed ? 1 : width;
            stride = metaOff + 1;
            keys = new long[nSlots * stride];
            List<int[]> st = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (int s = 0; s <= 3; s++) {
                int stage = s;
                int[] f = Arrays.stream(fields).filter(i -> stage(Slot.ALL[i]) == stage).toArray();
                if (f.length > 0) {
                    st.add(f);
                    ids.add(s);
                }
            }
            stageFields = st.toArray(new int[0][]);
            stageIds = ids.stream().mapToInt(Integer::intValue).toArray();
            indices = new Long2IntOpenHashMap[Math.max(0, stageFields.length - 1)];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = new Long2IntOpenHashMap();
            }
            triePlens(trieFields);
            long ports = ports(mask);
            portsMaskLen = ports == 0 ? 0 : 32 - Long.numberOfTrailingZeros(ports);
        }

        // the subtable's prefix length on each trie field (subtable_init()'s trie_plen: 0 when not a prefix mask)
        void triePlens(Slot[] trieFields) {
            Arrays.fill(triePlen, 0);
            for (int j = 0; j < trieFields.length; j++) {
                triePlen[j] = trieFields[j] == null ? 0 : prefixLen(mask[trieFields[j].ordinal()]);
            }
        }

        long stageHash(long h, int k, long[] v) {
            for (int i : stageFields[k]) {
                h = mix(h, v[i] & mask[i]);
            }
            return h;
        }

        void add(Rule r) {
            long h = SEED;
            for (int k = 0; k < indices.length; k++) {
                h = stageHash(h, k, r.match.value);
                indices[k].addTo(h, 1);
            }
            int i = slot(hash(r.match.value), r.match.value);
            Rule head = rule(i);
            if (head == null) {
                put(i, r);
                record(i, r.match.value);
                if (++buckets * 2 > nSlots) {
                    grow();
                }
            } else if (r.priority > head.priority) {
                r.clsNext = head;
                put(i, r);
            } else {
                while (head.clsNext != null && head.clsNext.priority > r.priority) {
                    head = head.clsNext;
                }
                r.clsNext = head.clsNext;
                head.clsNext = r;
            }
            rules.add(r);
            if (portsMaskLen > 0) {
                portsTrie.insert(ports(r.match.value), portsMaskLen);
            }
        }

        void remove(Rule r) {
            long h = SEED;
            for (int k = 0; k < indices.length; k++) {
                h = stageHash(h, k, r.match.value);
                if (indices[k].addTo(h, -1) == 1) {
                    indices[k].remove(h);
                }
            }
            int i = slot(hash(r.match.value), r.match.value);
            Rule head = rule(i);
            if (head == r) {
                if (r.clsNext != null) {
                    put(i, r.clsNext);
                } else {
                    deleteSlot(i);
                }
            } else {
                while (head.clsNext != r) {
                    head = head.clsNext;
                }
                head.clsNext = r.clsNext;
            }
            r.clsNext = null;
            rules.remove(r);
            if (portsMaskLen > 0) {
                portsTrie.remove(ports(r.match.value), portsMaskLen);
            }
        }

        /**
         * {@code r} takes the place of {@code old}, whose match it has: in the hash, but as a new rule at the back of
         * rules_list (replace_rule_start() inserts it beside the old one, made invisible, which then goes).
         */
        void replace(Rule old, Rule r) {
            r.clsNext = old.clsNext;
            int i = slot(hash(old.match.value), old.match.value);
            if (rule(i) == old) {
                put(i, r);
            } else {
                Rule e = rule(i);
                while (e.clsNext != old) {
                    e = e.clsNext;
                }
                e.clsNext = r;
            }
            old.clsNext = null;
            rules.remove(old);
            rules.add(r);
        }

        // the slot of v's masked values (whose hash is h): where they are, or the empty slot where they would go
        private int slot(long h, long[] v) {
            int m = nSlots - 1;
            int i = home(h, m);
            while (keys[i * stride + metaOff] != 0 && !recordMatches(i, v)) {
                i = (i + 1) & m;
            }
            return i;
        }

        private static int home(long h, int m) {
            return (int) (h ^ h >>> 32) & m;
        }

        // the hash of record i of k: hash() of any key with its masked values
        private long recordHash(long[] k, int i) {
            if (shift >= 0) { // the two values the word packs
                long w = k[i * stride];
                return hash(w >>> shift, w & ~(-1L << shift));
            }
            return recordHash(k, i * stride, width);
        }

        /** Slot i's first rule (the best of its masked values), or null when the slot is empty. */
        Rule rule(int i) {
            return heads[i];
        }

        // a slot's word after its record: 0 when empty, else its first rule's lone goto_table's table + 1 (0: none)
        // above bit 32, OCCUPIED, and the rule's meta; a probe and a translation's next table read no other array
        private void put(int i, Rule r) {
            heads[i] = r;
            keys[i * stride + metaOff] = r == null ? 0 : (long) (loneGoto(r.actions) + 1) << 32 | OCCUPIED | meta(r);
        }

        static final long OCCUPIED = 1L << 31;

        private static int loneGoto(List<Action> actions) {
            return actions.size() == 1 && actions.get(0) instanceof Action.GotoTable g ? g.table() : -1;
        }

        /** Slot i's word after its record ({@link #put}). */
        long word(int i) {
            return keys[i * stride + metaOff];
        }

        /** The table of slot i's first rule's actions when they are a lone goto_table, else -1. */
        int loneGoto(int i) {
            return (int) (keys[i * stride + metaOff] >>> 32) - 1;
        }

        /** A rule's priority and whether it is soft (conjunctive), as its slot keeps them: priority << 1 | soft. */
        static int meta(Rule r) {
            return r.priority << 1 | (r.soft ? 1 : 0);
        }

        /** Slot i's first rule's {@link #meta(Rule)}. */
        int meta(int i) {
            return (int) keys[i * stride + metaOff] & ~(int) OCCUPIED;
        }

        // slot i's record: the masked values of v
        private void record(int i, long[] v) {
            int o = i * stride;
            if (shift >= 0) {
                keys[o] = (v[f0] & m0) << shift | (v[f1] & m1);
                return;
            }
            for (int j = 0; j < fields.length; j++) {
                keys[o + j] = v[fields[j]] & mask[fields[j]];
            }
        }

        private void grow() {
            Rule[] old = heads;
            long[] oldKeys = keys;
            int n = nSlots;
            nSlots = n * 2;
            heads = new Rule[nSlots];
            keys = new long[nSlots * stride];
            for (int j = 0; j < n; j++) {
                if (old[j] != null) {
                    int i = home(recordHash(oldKeys, j), nSlots - 1);
                    while (heads[i] != null) {
                        i = (i + 1) & (nSlots - 1);
                    }
                    heads[i] = old[j];
                    System.arraycopy(oldKeys, j * stride, keys, i * stride, stride);
                }
            }
        }

        // empties slot i and moves later rules of its probe run back into the gap (linear probing's deletion)
        private void deleteSlot(int i) {
            int m = nSlots - 1;
            put(i, null);
            buckets--;
            for (int j = (i + 1) & m; heads[j] != null; j = (j + 1) & m) {
                int home = home(recordHash(keys, j), m);
                if (j > i ? home <= i || home > j : home <= i && home > j) {
                    heads[i] = heads[j];
                    System.arraycopy(keys, j * stride, keys, i * stride, stride);
                    put(j, null);
                    i = j;
                }
            }
        }

        /**
         * find_match_wc() for a key that a rule matches whole: the slot of its bucket, with every stage of the mask
         * folded into wc; -1, wc untouched, when no rule matches the whole key.
         */
        int findWhole(long[] flow, long[] wc, HashMemo memo) {
            int i = find(flow, memo);
            if (i >= 0 && width == 2) {
                wc[f0] |= m0;
                wc[f1] |= m1;
            } else if (i >= 0) {
                int[] f = fields;
                long[] m = fieldMasks;
                for (int j = 0; j < f.length; j++) {
                    wc[f[j]] |= m[j];
                }
            }
            return i;
        }

        /** find_match(): the slot whose masked values equal the flow's (its first rule the best), or -1. */
        int find(long[] flow, HashMemo memo) {
            long h = width == 2 ? memo.hash(f0, f1, m0, m1, flow[f0] & m0, flow[f1] & m1) : hash(flow); // hash()'s
            int i = slot(h, flow);
            return keys[i * stride + metaOff] == 0 ? -1 : i;
        }

        /** A modify flow_mod gave {@code r} new actions. */
        void actionsChanged(Rule r) {
            int i = slot(hash(r.match.value), r.match.value);
            if (rule(i) == r) {
                put(i, r);
            }
        }

        private boolean recordMatches(int i, long[] flow) {
            long[] k = keys;
            int o = i * stride;
            if (shift >= 0) {
                return ((flow[f0] & m0) << shift | (flow[f1] & m1)) == k[o];
            }
            if (width == 2) {
                return (flow[f0] & m0) == k[o] && (flow[f1] & m1) == k[o + 1];
            }
            int[] f = fields;
            long[] m = fieldMasks;
            for (int j = 0; j < f.length; j++) {
                if ((flow[f[j]] & m[j]) != k[o + j]) {
                    return false;
                }
            }
            return true;
        }

        int maxPriority() {
            int m = -1;
            for (Rule r : rules) {
                m = Math.max(m, r.priority);
            }
            return m;
        }

        /** Whether an index stage of {@code h} holds a rule. */
        boolean indexed(int k, long h) {
            return indices[k].containsKey(h);
        }

        // folds the mask's bits of stages 0..k into wc (flow_wildcards_fold_minimask_in_map)
        void fold(long[] wc, int k) {
            for (int s = 0; s <= k; s++) {
                for (int i : stageFields[s]) {
                    wc[i] |= mask[i];
                }
            }
        }
    }

    /** tp_src and tp_dst as one 32-bit word, as the ports trie sees them (TP_PORTS_OFS32). */
    private static long ports(long[] v) {
        return v[Slot.TP_SRC.ordinal()] << 16 | v[Slot.TP_DST.ordinal()];
    }

    // minimask_get_prefix_len(): the length of a contiguous prefix mask, 0 otherwise
    static int prefixLen(long mask) {
        if (mask == 0) {
            return 0;
        }
        int n = Long.numberOfLeadingZeros(~mask & 0xffffffffL) - 32;
        long asPrefix = (0xffffffffL << (32 - n)) & 0xffffffffL;
        return asPrefix == mask ? n : 0;
    }

    private static long prefixMask(int bits) {
        return bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
    }

    /** The subtable of {@code mask}, created (insert_subtable()) when {@code create}. */
    Subtable subtable(long[] mask, boolean create) {
        FlowTables.MaskKey key = new FlowTables.MaskKey(mask);
        Subtable st = subtables.get(key);
        if (st == null && create) {
            st = new Subtable(subtableSeq++, mask.clone(), trieFields);
            subtables.put(new FlowTables.MaskKey(st.mask), st);
            pvector.add(st); // pvector_insert(): at the end, then sorted
            publish();
        }
        return st;
    }

    /**
     * classifier_set_prefix_fields(): the tries' fields, duplicates dropped, at most CLS_MAX_TRIES; when they change,
     * every subtable's prefix lengths and the tries are built again from the rules (trie_init()).
     */
    void setPrefixFields(List<Slot> fields) {
        List<Slot> kept = new ArrayList<>();
        List<Slot> seen = new ArrayList<>();
        for (Slot f : fields) {
            if (kept.size() < MAX_TRIES && (f == null || !seen.contains(f))) {
                kept.add(f);
                seen.add(f);
            }
        }
        Slot[] next = kept.toArray(new Slot[0]);
        if (Arrays.equals(next, trieFields)) {
            return;
        }
        trieFields = next;
        for (int j = 0; j < MAX_TRIES; j++) {
            tries[j] = new PrefixTrie();
        }
        for (Subtable st : subtables.values()) {
            st.triePlens(next);
            for (Rule r : st.rules) {
                for (int j = 0; j < next.length; j++) {
                    if (st.triePlen[j] > 0) {
                        tries[j].insert(r.match.value[next[j].ordinal()], st.triePlen[j]);
                    }
                }
            }
        }
    }

    void insert(Subtable st, Rule r) {
        st.add(r);
        for (int j = 0; j < trieFields.length; j++) {
            if (st.triePlen[j] > 0) {
                tries[j].insert(r.match.value[trieFields[j].ordinal()], st.triePlen[j]);
            }
        }
        if (r.priority > st.maxPrio) {
            st.maxPrio = r.priority; // pvector_change_priority()
            publish();
        }
    }

    void replace(Subtable st, Rule old, Rule r) {
        st.replace(old, r);
    }

    /** A modify flow_mod gave {@code r} new actions. */
    void actionsChanged(Rule r) {
        Subtable st = subtable(r.match.mask, false);
        if (st != null) {
            st.actionsChanged(r);
        }
    }

    /**
     * modify_flows_start__(): each rule a modify changes is replaced by a new one (replace_rule_start()), which
     * rculist_push_back() puts at the back of its subtable's rules_list, in the order the modify collected them.
     */
    void requeue(List<Rule> modified) {
        Set<Rule> moved = Collections.newSetFromMap(new IdentityHashMap<>());
        moved.addAll(modified);
        Set<Subtable> touched = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Rule r : modified) {
            Subtable st = subtable(r.match.mask, false);
            if (st != null && touched.add(st)) {
                st.rules.removeIf(moved::contains);
            }
            if (st != null) {
                st.rules.add(r);
            }
        }
    }

    /**
     * The subtables of the rules removed and not yet settled, one entry per rule in the order they went. OVS leaves a
     * deleted rule in its subtable, invisible (delete_flows_start__()), until remove_rules_rcu() runs after the
     * flow_mod or bundle: a subtable it empties keeps its place in the pvector, and its max priority, until then.
     */
    private final List<Subtable> unsettled = new ArrayList<>(0);

    /** classifier_remove(): {@code r} out of the classifier at once. */
    void remove(Rule r) {
        remove(r, false);
    }

    /** Takes {@code r} out of lookups and dumps; its subtable's bookkeeping waits for {@link #settle} if postponed. */
    void remove(Rule r, boolean postponed) {
        Subtable st = subtable(r.match.mask, false);
        if (st == null || !st.rules.contains(r)) {
            return;
        }
        st.remove(r);
        for (int j = 0; j < trieFields.length; j++) {
            if (st.triePlen[j] > 0) {
                tries[j].remove(r.match.value[trieFields[j].ordinal()], st.triePlen[j]);
            }
        }
        unsettled.add(st);
        if (!postponed) {
            settle();
        }
    }

    /**
     * remove_rules_rcu(): classifier_defer(), then classifier_remove() of each removed rule in order, the last of a
     * subtable destroying it when nothing was added to it since (pvector_remove(): the last entry takes its place),
     * else the subtable's max priority recomputed (pvector_change_priority()); then one classifier_publish().
     */
    void settle() {
        if (unsettled.isEmpty()) {
            return;
        }
        Map<Subtable, Integer> left = new IdentityHashMap<>();
        for (Subtable st : unsettled) {
            left.merge(st, 1, Integer::sum);
        }
        for (Subtable st : unsettled) {
            if (left.merge(st, -1, Integer::sum) != 0) {
                continue; // the subtable's last removal settles it
            }
            if (st.rules.isEmpty()) {
                subtables.remove(new FlowTables.MaskKey(st.mask));
                int i = pvector.indexOf(st);
                Subtable last = pvector.remove(pvector.size() - 1);
                if (last != st) {
                    pvector.set(i, last);
                }
            } else {
                st.maxPrio = st.maxPriority();
            }
        }
        unsettled.clear();
        publish();
    }

    // pvector_publish(): the entries sorted by descending priority, equal ones kept in the order they were in (the C
    // library's qsort() of OVS's build, a merge sort, is stable)
    private void publish() {
        pvector.sort(Comparator.comparingInt((Subtable s) -> -s.maxPrio));
        byPriority = pvector.toArray(new Subtable[0]);
        byPriorityMax = pvector.stream().mapToInt(st -> st.maxPrio).toArray();
    }

    /** The subtables in the pvector's order, which lookups and dumps (cls_cursor) walk. */
    List<Subtable> pvector() {
        return pvector;
    }

    /**
     * classifier_lookup(): the highest-priority rule matching {@code flow}, or null. With {@code wc}, adds to it the
     * bits the lookup examined, as find_match_wc() does; subtables that cannot beat the match so far are not visited.
     * A matching conjunctive flow is a soft match, resolved by {@link Conjunctions} when it beats the hard one.
     */
    Rule lookup(long[] flow, long[] wc) {
        return lookup(flow, wc, true);
    }

    /** classifier_lookup__(): with {@code allowConjunctive} false, conjunctive flows are passed over. */
    Rule lookup(long[] flow, long[] wc, boolean allowConjunctive) {
        trieDone = 0;
        foundGoto = -1;
        foundNext = null;
        Rule hard = null;
        int hardPri = Integer.MIN_VALUE;
        Conjunctions soft = null;
        Subtable[] sts = byPriority;
        int[] maxPrios = byPriorityMax;
        for (int k = 0; k < sts.length; k++) {
            if (maxPrios[k] <= hardPri) { // the next subtable's max priority without reading the subtable
                break;
            }
            Subtable st = sts[k];
            int i = wc == null ? st.find(flow, memo) : findMatchWc(st, flow, wc);
            if (i < 0) {
                continue;
            }
            long word = st.word(i); // the slot's word, read once: its rule's meta and lone goto_table
            int meta = (int) word & ~(int) Subtable.OCCUPIED;
            if (meta >>> 1 <= hardPri) {
                continue;
            }
            Rule r = st.rule(i);
            int lone = (int) (word >>> 32) - 1;
            if (unseen != null && unseen.contains(r)) { // next_visible_rule_in_list(): the list's next visible one
                do {
                    r = nextInList(r);
                } while (r != null && unseen.contains(r));
                if (r == null || r.priority <= hardPri) {
                    continue;
                }
                meta = r.priority << 1 | (r.soft ? 1 : 0);
                lone = -1;
            }
            if ((meta & 1) == 0) {
                hard = r;
                hardPri = meta >>> 1;
                foundGoto = lone;
                foundNext = foundGoto >= 0 && tables != null ? tables[foundGoto] : null; // the bridge's array: in cache
            } else if (allowConjunctive) {
                soft = soft == null ? new Conjunctions(this) : soft;
                soft.add(r);
            }
        }
        if (soft == null) {
            return hard;
        }
        Rule resolved = soft.resolve(flow, wc, hard);
        foundGoto = -1; // the actions read instead
        foundNext = null;
        return resolved;
    }

    /** next_visible_rule_in_list(): the rule of the next lower priority with {@code r}'s very match, or null. */
    Rule nextInList(Rule r) {
        Subtable st = subtable(r.match.mask, false);
        Rule best = null;
        for (Rule x : st.rules) {
            if (x.priority < r.priority && (best == null || x.priority > best.priority)
                    && Arrays.equals(x.match.value, r.match.value)) {
                best = x;
            }
        }
        return best;
    }

    // find_match_wc() as OVS 3.1.1 has it, the matching slot or -1: the final stage's bits are folded even when the
    // ports trie decides
    private int findMatchWc(Subtable st, long[] flow, long[] wc) {
        int n = st.stageFields.length;
        if (flow[Slot.PACKET_TYPE.ordinal()] != 0 && ethernet(st.mask)) {
            // match_add_ethernet_prereq(): the rules' packet_type=(0,0) fails an L3 packet in the metadata stage
            if (n > 0 && st.stageIds[0] == 0) {
                st.fold(wc, 0);
            }
            wc[Slot.PACKET_TYPE.ordinal()] = Slot.PACKET_TYPE.max;
            return -1;
        }
        // a rule matching the whole key passes every index and every trie check (its prefixes are in the tries),
        // so the staged walk would fold every stage and return it: one probe instead
        int whole = st.findWhole(flow, wc, memo);
        if (whole >= 0) {
            return whole;
        }
        long h = MaskedFields.SEED;
        int folded = -1;
        long portsMask = -1;
        for (int k = 0; k < n; k++) {
            if (st.stageIds[k] == L3 && checkTries(st, flow, wc)) {
                return noMatch(st, wc, folded, portsMask);
            }
            folded = k;
            h = st.stageHash(h, k, flow);
            if (k < n - 1 && !st.indexed(k, h)) {
                return noMatch(st, wc, folded, portsMask);
            }
        }
        if (st.portsMaskLen > 0) {
            // the ports trie decides how many leading bits of the ports the miss depends on
            long mask = ports(st.mask);
            int mbits = st.portsTrie.lookup(ports(flow) & mask, 32);
            portsMask = (mask & prefixMask(mbits)) | ports(wc);
            return noMatch(st, wc, folded, portsMask);
        }
        st.fold(wc, n - 1);
        return -1;
    }

    // a mask with a field of Ethernet or above (match_add_ethernet_prereq()'s rules)
    private static boolean ethernet(long[] mask) {
        if (mask[Slot.PACKET_TYPE.ordinal()] != 0) {
            return false; // the rules' packet types are their own (an L3 one's with its L3 fields)
        }
        for (int i = Slot.DL_DST.ordinal(); i < mask.length; i++) {
            if (mask[i] != 0 && i != Slot.ACTSET_OUTPUT.ordinal()) {
                return true;
            }
        }
        return false;
    }

    private static int noMatch(Subtable st, long[] wc, int folded, long portsMask) {
        st.fold(wc, folded);
        if (portsMask >= 0) {
            wc[Slot.TP_SRC.ordinal()] = portsMask >>> 16;
            wc[Slot.TP_DST.ordinal()] = portsMask & 0xffff;
        }
        return -1;
    }

    // check_tries(): may the subtable be skipped on a prefix field the trie shows no rule of its length for?
    private boolean checkTries(Subtable st, long[] flow, long[] wc) {
        for (int j = 0; j < trieFields.length; j++) {
            int plen = st.triePlen[j];
            if (plen == 0) {
                continue;
            }
            int slot = trieFields[j].ordinal();
            if ((trieDone & 1 << j) == 0) {
                trieDone |= 1 << j;
                // trie_lookup(): the field's prerequisite (IPv4) unmet, every prefix length counts as present
                if (flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IP) {
                    trieMaskbits[j] = tries[j].lookup(flow[slot], 32);
                    triePlens[j] = tries[j].plens;
                } else {
                    trieMaskbits[j] = 0;
                    triePlens[j] = -1;
                }
            }
            if ((triePlens[j] & 1 << (plen - 1)) == 0) {
                long bits = prefixMask(trieMaskbits[j]);
                if (trieMaskbits[j] <= plen) {
                    wc[slot] |= bits;
                    return true;
                }
                if ((wc[slot] & bits) == bits) {
                    return true;
                }
            }
        }
        return false;
    }
}
