package io.arplab.wire.filter;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds expressions no frame can satisfy, which tcpdump refuses with "expression rejects all packets" (libpcap's
 * optimizer folds them to "return 0"). Walks the paths of the expression, remembering what each whole-field
 * equality test said on the way ({@code ether[12:2] == 0x806} cannot also be {@code 0x800}); a path that contradicts
 * itself dies. Arithmetic relations count as facts only against the very same relation, as for the optimizer's value
 * numbering. Work is bounded: past the budget an expression counts as satisfiable.
 */
final class Satisfiability {
    private static final int BUDGET = 50_000;
    private static final int MAX_BRANCH_DEPTH = 300;
    private int steps;

    private Satisfiability() {}

    static boolean canMatch(Node root) {
        Satisfiability s = new Satisfiability();
        Deque<Goal> goals = new ArrayDeque<>();
        goals.push(new Goal(root, true));
        return s.sat(goals, new HashMap<>(), new HashMap<>(), 0);
    }

    private record Goal(Node node, boolean want) {}

    private boolean sat(Deque<Goal> goals, Map<String, Long> equal, Map<String, Set<Long>> unequal, int depth) {
        if (++steps > BUDGET || depth > MAX_BRANCH_DEPTH) {
            return true;
        }
        while (!goals.isEmpty()) {
            Goal g = goals.pop();
            Node n = g.node;
            if (n instanceof Node.Const c) {
                if (c.value != g.want) {
                    return false;
                }
            } else if (n instanceof Node.Not not) {
                goals.push(new Goal(not.a, !g.want));
            } else if (n instanceof Node.And and && g.want || n instanceof Node.Or or && !g.want) {
                Node a = n instanceof Node.And x ? x.a : ((Node.Or) n).a;
                Node b = n instanceof Node.And x ? x.b : ((Node.Or) n).b;
                goals.push(new Goal(b, g.want));
                goals.push(new Goal(a, g.want));
            } else if (n instanceof Node.And || n instanceof Node.Or) {
                Node a = n instanceof Node.And x ? x.a : ((Node.Or) n).a;
                Node b = n instanceof Node.And x ? x.b : ((Node.Or) n).b;
                // a true Or (a false And) is true through a, or else through b with a on the other side
                Deque<Goal> first = new ArrayDeque<>(goals);
                first.push(new Goal(a, g.want));
                if (sat(first, new HashMap<>(equal), copy(unequal), depth + 1)) {
                    return true;
                }
                goals.push(new Goal(b, g.want));
                goals.push(new Goal(a, !g.want));
            } else {
                String key = key(n);
                if (key == null) {
                    continue;
                }
                long v = value(n);
                Long known = equal.get(key);
                if (g.want) {
                    if (known != null && known != v || unequal.getOrDefault(key, Set.of()).contains(v)) {
                        return false;
                    }
                    equal.put(key, v);
                } else {
                    if (known != null && known == v) {
                        return false;
                    }
                    unequal.computeIfAbsent(key, k -> new HashSet<>()).add(v);
                }
            }
        }
        return true;
    }

    private static Map<String, Set<Long>> copy(Map<String, Set<Long>> m) {
        Map<String, Set<Long>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, new HashSet<>(v)));
        return out;
    }

    /** The value tested for equality, for the tests that are facts; null key otherwise. */
    private static String key(Node n) {
        if (n instanceof Node.Cmp c && c.isPlainEquality()) {
            return c.key();
        }
        if (n instanceof Node.Rel r && r.op == Node.Op.EQ && r.b instanceof Arith.Const) {
            return "rel " + r.a;
        }
        return null;
    }

    private static long value(Node n) {
        return n instanceof Node.Cmp c ? c.value : ((Arith.Const) ((Node.Rel) n).b).value;
    }
}
