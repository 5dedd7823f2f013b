package io.arplab.flow;

import it.unimi.dsi.fastutil.longs.Long2LongLinkedOpenHashMap;
import java.util.Arrays;

/**
 * The soft matches of one classifier lookup (lib/classifier.c classifier_lookup__()): conjunctive flows that match
 * the packet, each a clause of one or more conjunctions. A conjunction whose every clause matched at the highest
 * soft priority sets the flow's conj_id for a second lookup, without conjunctive flows, into the same wildcards; the
 * rule that lookup finds is the match. Otherwise the soft matches fall back to lower-priority flows with the same
 * match, which may be hard matches themselves.
 */
final class Conjunctions {
    private final Classifier cls;
    private Rule[] soft = new Rule[8];
    private int n;

    Conjunctions(Classifier cls) {
        this.cls = cls;
    }

    void add(Rule r) {
        if (n == soft.length) {
            soft = Arrays.copyOf(soft, n * 2);
        }
        soft[n++] = r;
    }

    /** The rule the lookup matches, given its best hard match (or null) and these soft matches. */
    Rule resolve(long[] flow, long[] wc, Rule hard) {
        int hardPri = hard == null ? Integer.MIN_VALUE : hard.priority;
        for (;;) {
            // soft matches that fell back to nothing, or that cannot beat the hard match, go
            for (int i = 0; i < n; ) {
                if (soft[i] == null || soft[i].priority <= hardPri) {
                    soft[i] = soft[--n];
                } else {
                    i++;
                }
            }
            if (n == 0) {
                return hard;
            }
            int softPri = Integer.MIN_VALUE, nSoftPri = 0;
            for (int i = 0; i < n; i++) {
                if (soft[i].priority > softPri) {
                    softPri = soft[i].priority;
                    nSoftPri = 1;
                } else if (soft[i].priority == softPri) {
                    nSoftPri++;
                }
            }
            Long2LongLinkedOpenHashMap matches = new Long2LongLinkedOpenHashMap();
            for (int i = 0; i < n; i++) {
                long id = soft[i].priority == softPri ? find(soft[i], nSoftPri, matches) : -1;
                if (id >= 0) {
                    long saved = flow[Slot.CONJ_ID.ordinal()];
                    flow[Slot.CONJ_ID.ordinal()] = id;
                    Rule rule = cls.lookup(flow, wc, false);
                    flow[Slot.CONJ_ID.ordinal()] = saved;
                    if (rule != null) {
                        return rule;
                    }
                }
            }
            // no conjunction complete at this priority: each soft match's next lower flow with the same match
            for (int i = 0; i < n; i++) {
                if (soft[i].priority != softPri) {
                    continue;
                }
                Rule next = cls.nextInList(soft[i]);
                soft[i] = next;
                if (next != null && !next.soft) {
                    soft[i] = null; // a hard match, not a soft one
                    if (next.priority > hardPri) {
                        hard = next;
                        hardPri = next.priority;
                    }
                }
            }
        }
    }

    // find_conjunctive_match(): adds the rule's clauses to their conjunctions' bitmaps (the conjunctions of more
    // clauses than there are soft matches cannot complete); the id of the first conjunction complete, or -1
    private static long find(Rule r, int maxClauses, Long2LongLinkedOpenHashMap matches) {
        int minClauses = Integer.MAX_VALUE;
        for (Action a : r.actions) {
            if (a instanceof Action.Conjunction c) {
                minClauses = Math.min(minClauses, c.nClauses());
            }
        }
        if (maxClauses < minClauses) {
            return -1;
        }
        for (Action a : r.actions) {
            if (!(a instanceof Action.Conjunction c) || c.nClauses() > maxClauses) {
                continue;
            }
            long clauses = matches.containsKey(c.id()) ? matches.get(c.id()) : -1L << (c.nClauses() & 63);
            clauses |= 1L << c.clause();
            matches.put(c.id(), clauses);
            if (clauses == -1L) {
                return c.id();
            }
        }
        return -1;
    }
}
