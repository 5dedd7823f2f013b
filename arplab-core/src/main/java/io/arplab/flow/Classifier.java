package io.arplab.flow;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One OpenFlow table's classifier (lib/classifier.c): subtables by mask, their rules hashed; a staged index per
 * subtable (metadata, L2, L3, L4 as struct flow's segments), prefix tries on nw_dst and nw_src (ofproto's
 * default_prefix_fields) and a ports trie per subtable, so that a lookup unwildcards only what it examined.
 */
final class Classifier {
    /** The prefix fields, in ofproto's order: check_tries() stops at the first that lets a subtable be skipped. */
    private static final Slot[] TRIE_FIELDS = {Slot.NW_DST, Slot.NW_SRC};
    private static final int L3 = 2;

    final Map<FlowTables.MaskKey, Subtable> subtables = new LinkedHashMap<>();
    private long subtableSeq;
    private final PrefixTrie[] tries = {new PrefixTrie(), new PrefixTrie()};
    /** The subtables by descending max priority, then age (the pvector); null when it must be rebuilt. */
    private Subtable[] byPriority;

    // the trie lookups of one classifier_lookup(), done on demand (struct trie_ctx)
    private final boolean[] trieDone = new boolean[TRIE_FIELDS.length];
    private final int[] trieMaskbits = new int[TRIE_FIELDS.length];
    private final int[] triePlens = new int[TRIE_FIELDS.length];

    /** flow.h's segments: metadata, L2 from dl_dst, L3 from nw_src, L4 from nd_target (ARP hardware addresses too). */
    static int stage(Slot s) {
        return switch (s) {
            case DL_DST, DL_SRC, DL_TYPE, VLAN_TCI -> 1;
            case NW_SRC, NW_DST, NW_PROTO, NW_TOS, NW_TTL, NW_FRAG -> L3;
            case ARP_SHA, ARP_THA, TP_SRC, TP_DST, TCP_FLAGS -> 3;
            default -> 0;
        };
    }

    private static final class Entry {
        final Rule rule;
        final long[] key;
        Entry next;

        Entry(Rule rule, long[] key, Entry next) {
            this.rule = rule;
            this.key = key;
            this.next = next;
        }
    }

    static final class Subtable extends MaskedFields {
        final long seq;
        final List<Rule> rules = new ArrayList<>();
        int maxPrio = -1;
        /** The stages the mask has fields in: each one's fields; all but the last have an index (ccmap). */
        final int[][] stageFields;
        final int[] stageIds;
        private final Long2IntOpenHashMap[] indices;
        // the rules by the hash of their masked fields, each with those fields' values alone (a miniflow), so that
        // a probe reads a few compact arrays rather than each candidate's whole match
        private final Long2ObjectOpenHashMap<Entry> index = new Long2ObjectOpenHashMap<>();
        /** Per trie field, the subtable's prefix length on it (0: not a prefix mask, or none). */
        final int[] triePlen = new int[TRIE_FIELDS.length];
        final int portsMaskLen;
        final PrefixTrie portsTrie = new PrefixTrie();

        Subtable(long seq, long[] mask) {
            super(mask);
            this.seq = seq;
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
            for (int j = 0; j < TRIE_FIELDS.length; j++) {
                triePlen[j] = prefixLen(mask[TRIE_FIELDS[j].ordinal()]);
            }
            long ports = ports(mask);
            portsMaskLen = ports == 0 ? 0 : 32 - Long.numberOfTrailingZeros(ports);
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
            long full = hash(r.match.value);
            long[] key = new long[fields.length];
            for (int j = 0; j < fields.length; j++) {
                key[j] = r.match.value[fields[j]] & mask[fields[j]];
            }
            index.put(full, new Entry(r, key, index.get(full)));
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
            long full = hash(r.match.value);
            Entry head = index.get(full);
            if (head.rule == r) {
                if (head.next == null) {
                    index.remove(full);
                } else {
                    index.put(full, head.next);
                }
            } else {
                Entry e = head;
                while (e.next.rule != r) {
                    e = e.next;
                }
                e.next = e.next.next;
            }
            rules.remove(r);
            if (portsMaskLen > 0) {
                portsTrie.remove(ports(r.match.value), portsMaskLen);
            }
        }

        void replace(Rule old, Rule r) {
            Entry e = index.get(hash(old.match.value));
            while (e.rule != old) {
                e = e.next;
            }
            Entry n = new Entry(r, e.key, e.next);
            Entry head = index.get(hash(old.match.value));
            if (head == e) {
                index.put(hash(old.match.value), n);
            } else {
                while (head.next != e) {
                    head = head.next;
                }
                head.next = n;
            }
            rules.set(rules.indexOf(old), r);
        }

        /** find_match(): the best rule whose masked fields equal the flow's, from the bucket of their hash. */
        Rule find(long hash, long[] flow) {
            Rule best = null;
            for (Entry e = index.get(hash); e != null; e = e.next) {
                if (keyMatches(e.key, flow) && (best == null || e.rule.priority > best.priority)) {
                    best = e.rule;
                }
            }
            return best;
        }

        private boolean keyMatches(long[] key, long[] flow) {
            for (int j = 0; j < key.length; j++) {
                if ((flow[fields[j]] & mask[fields[j]]) != key[j]) {
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
            st = new Subtable(subtableSeq++, mask.clone());
            subtables.put(new FlowTables.MaskKey(st.mask), st);
            byPriority = null;
        }
        return st;
    }

    void insert(Subtable st, Rule r) {
        st.add(r);
        for (int j = 0; j < TRIE_FIELDS.length; j++) {
            if (st.triePlen[j] > 0) {
                tries[j].insert(r.match.value[TRIE_FIELDS[j].ordinal()], st.triePlen[j]);
            }
        }
        if (r.priority > st.maxPrio) {
            st.maxPrio = r.priority;
            byPriority = null;
        }
    }

    void replace(Subtable st, Rule old, Rule r) {
        st.replace(old, r);
    }

    void remove(Rule r) {
        Subtable st = subtable(r.match.mask, false);
        if (st == null || !st.rules.contains(r)) {
            return;
        }
        st.remove(r);
        for (int j = 0; j < TRIE_FIELDS.length; j++) {
            if (st.triePlen[j] > 0) {
                tries[j].remove(r.match.value[TRIE_FIELDS[j].ordinal()], st.triePlen[j]);
            }
        }
        if (st.rules.isEmpty()) {
            subtables.remove(new FlowTables.MaskKey(st.mask));
        } else {
            st.maxPrio = st.maxPriority();
        }
        byPriority = null;
    }

    private Subtable[] byPriority() {
        if (byPriority == null) {
            byPriority = subtables.values().toArray(new Subtable[0]);
            Arrays.sort(byPriority, Comparator.comparingInt((Subtable s) -> -s.maxPrio).thenComparingLong(s -> s.seq));
        }
        return byPriority;
    }

    /**
     * classifier_lookup(): the highest-priority rule matching {@code flow}, or null. With {@code wc}, adds to it the
     * bits the lookup examined, as find_match_wc() does; subtables that cannot beat the match so far are not visited.
     */
    Rule lookup(long[] flow, long[] wc) {
        Arrays.fill(trieDone, false);
        Rule hard = null;
        int hardPri = Integer.MIN_VALUE;
        for (Subtable st : byPriority()) {
            if (st.maxPrio <= hardPri) {
                break;
            }
            Rule r = wc == null ? st.find(st.hash(flow), flow) : findMatchWc(st, flow, wc);
            if (r != null && r.priority > hardPri) {
                hard = r;
                hardPri = r.priority;
            }
        }
        return hard;
    }

    // find_match_wc() as OVS 3.1.1 has it: the final stage's bits are folded even when the ports trie decides
    private Rule findMatchWc(Subtable st, long[] flow, long[] wc) {
        int n = st.stageFields.length;
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
        Rule r = st.find(h, flow);
        if (r == null && st.portsMaskLen > 0) {
            // the ports trie decides how many leading bits of the ports the miss depends on
            long mask = ports(st.mask);
            int mbits = st.portsTrie.lookup(ports(flow) & mask, 32);
            portsMask = (mask & prefixMask(mbits)) | ports(wc);
            return noMatch(st, wc, folded, portsMask);
        }
        st.fold(wc, n - 1);
        return r;
    }

    private static Rule noMatch(Subtable st, long[] wc, int folded, long portsMask) {
        st.fold(wc, folded);
        if (portsMask >= 0) {
            wc[Slot.TP_SRC.ordinal()] = portsMask >>> 16;
            wc[Slot.TP_DST.ordinal()] = portsMask & 0xffff;
        }
        return null;
    }

    // check_tries(): may the subtable be skipped on a prefix field the trie shows no rule of its length for?
    private boolean checkTries(Subtable st, long[] flow, long[] wc) {
        for (int j = 0; j < TRIE_FIELDS.length; j++) {
            int plen = st.triePlen[j];
            if (plen == 0) {
                continue;
            }
            int slot = TRIE_FIELDS[j].ordinal();
            if (!trieDone[j]) {
                trieDone[j] = true;
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
