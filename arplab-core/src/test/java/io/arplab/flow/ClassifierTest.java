package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * classifier_lookup() against a scan of every rule, through inserts, removals and new actions (rules of one key at
 * several priorities share a slot), whatever slot the path read left to be tried first, with the actions it hands
 * the translation (kept beside the slot) those of the rule it found, and its wildcards against the megaflow's
 * promise: a flow that agrees on every bit the lookup examined gets the same rule.
 */
class ClassifierTest {
    private static final Slot[] FIELDS = {Slot.IN_PORT, Slot.NW_SRC, Slot.NW_DST, Slot.TP_DST};

    @Test
    void lookupsFindTheBestMatchingRuleAndItsWildcardsHoldForEveryFlowThatAgrees() {
        SplittableRandom rnd = new SplittableRandom(8);
        Classifier c = new Classifier();
        List<Rule> in = new ArrayList<>();
        int seq = 0;
        for (int round = 0; round < 600; round++) {
            int op = rnd.nextInt(8);
            if (in.isEmpty() || op > 2) {
                Rule r = new Rule(0, 1 + seq * 7 % 1000, randomMatch(rnd), seq, 0);
                r.actions = List.of(new Action.GotoTable(seq++ % 250 + 1));
                c.insert(c.subtable(r.match.mask, true), r);
                in.add(r);
            } else if (op == 2) {
                Rule r = in.get(rnd.nextInt(in.size())); // a modify flow_mod's new actions
                r.actions = List.of(new Action.Output(seq++, 0));
                c.actionsChanged(r);
            } else {
                c.remove(in.remove(rnd.nextInt(in.size())));
            }
            for (int q = 0; q < 10; q++) {
                long[] flow = randomFlow(rnd);
                Rule best = null;
                for (Rule r : in) {
                    if (covers(r.match.value, r.match.mask, flow) && (best == null || r.priority > best.priority)) {
                        best = r;
                    }
                }
                long[] wc = new long[Slot.ALL.length];
                int loneGoto = best != null && best.actions.size() == 1
                        && best.actions.get(0) instanceof Action.GotoTable g ? g.table() : -1;
                assertThat(c.lookup(flow, null)).isSameAs(best);
                assertThat(c.foundGoto).isEqualTo(loneGoto);
                assertThat(c.lookup(flow, wc)).isSameAs(best);
                assertThat(c.foundGoto).isEqualTo(loneGoto);
                for (int k = 0; k < 5; k++) {
                    long[] other = randomFlow(rnd);
                    for (int i = 0; i < flow.length; i++) {
                        other[i] = (flow[i] & wc[i]) | (other[i] & ~wc[i]);
                    }
                    assertThat(c.lookup(other, null)).as("a flow agreeing under the wildcards").isSameAs(best);
                }
            }
        }
    }

    // a few fields, each wildcarded, exact, or (addresses) a prefix, over small value sets so that rules overlap
    private static Match randomMatch(SplittableRandom rnd) {
        Match m = new Match();
        m.putSlot(Slot.DL_TYPE, Match.ETH_IP, 0xffff);
        for (Slot s : FIELDS) {
            int kind = rnd.nextInt(3);
            if (kind == 0) {
                continue;
            }
            long v = value(s, rnd);
            long mask = s.max;
            if (kind == 2 && (s == Slot.NW_SRC || s == Slot.NW_DST)) {
                int plen = 8 + rnd.nextInt(25);
                mask = (0xffffffffL << (32 - plen)) & 0xffffffffL;
            }
            m.putSlot(s, v & mask, mask);
        }
        return m;
    }

    private static long[] randomFlow(SplittableRandom rnd) {
        long[] f = new long[Slot.ALL.length];
        f[Slot.DL_TYPE.ordinal()] = Match.ETH_IP;
        for (Slot s : FIELDS) {
            f[s.ordinal()] = value(s, rnd);
        }
        return f;
    }

    private static long value(Slot s, SplittableRandom rnd) {
        return switch (s) {
            case IN_PORT -> 1 + rnd.nextInt(3);
            case TP_DST -> 80 + rnd.nextInt(3);
            default -> 0x0a000000L | rnd.nextInt(1 << 6) << 8 | rnd.nextInt(4);
        };
    }

    private static boolean covers(long[] value, long[] mask, long[] flow) {
        for (int i = 0; i < flow.length; i++) {
            if (((flow[i] ^ value[i]) & mask[i]) != 0) {
                return false;
            }
        }
        return true;
    }
}
