package io.arplab.tools.nft;

import io.arplab.stack.nft.Expr;
import io.arplab.stack.nft.Family;
import io.arplab.stack.nft.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * What nft 1.0.6 does to an evaluated rule's statements before they reach the kernel and when they are listed again:
 * stmt_reduce() (src/rule.c) merges adjacent payload matches into one load, and the listing's dependency kill
 * (src/netlink_delinearize.c rule_parse_postprocess(), payload_dependency_kill()) drops the protocol matches a later
 * field implies.
 */
final class NftReduce {
    private NftReduce() {}

    /**
     * stmt_reduce() (nftables 1.0.6 src/rule.c), as the kernel then holds the rule: the payload matches against a
     * value (== and !=) are sorted by base and offset, and two adjacent fields with the same operator become one load
     * (payload_do_merge(), payload_can_merge()). The merged match stays in the statement of the first, or of the
     * protocol field (ether type, ip protocol) when the second is one, and lists as its fields in offset order. A
     * statement that is no match (counter, verdict) ends a run only once it holds two matches: 1.0.6 keeps a shorter
     * run going past it.
     */
    static void reduce(List<Expr> exprs) {
        List<Object> slots = new ArrayList<>(); // each statement, or for a payload match the fields merged into it
        List<Integer> run = new ArrayList<>();
        for (Expr e : exprs) {
            if (e instanceof Expr.Match m && mergeable(m)) {
                run.add(slots.size());
                slots.add(new ArrayList<>(List.of(m)));
                continue;
            }
            if (!isMatch(e) && run.size() >= 2) {
                merge(slots, run);
                run.clear();
            }
            slots.add(e);
        }
        if (run.size() >= 2) {
            merge(slots, run);
        }
        exprs.clear();
        for (Object o : slots) {
            if (o instanceof Expr e) {
                exprs.add(e);
            } else {
                @SuppressWarnings("unchecked")
                List<Expr.Match> g = (List<Expr.Match>) o;
                if (g.size() > 1 && g.get(0).negated()) {
                    exprs.add(new Expr.NeqGroup(List.copyOf(g)));
                } else {
                    exprs.addAll(g);
                }
            }
        }
    }

    /** A relational match of one payload field against a value (no set, prefix, interface name or meta key). */
    private static boolean mergeable(Expr.Match m) {
        return m.fields().length == 1 && m.fields()[0].base != Field.Base.META && m.set() == null && m.name() == null
                && m.prefix() < 0;
    }

    /** payload_do_merge() over one run's slots. */
    @SuppressWarnings("unchecked")
    private static void merge(List<Object> slots, List<Integer> run) {
        List<Integer> sa = new ArrayList<>(run);
        sa.sort(java.util.Comparator.comparingInt((Integer i) -> ((List<Expr.Match>) slots.get(i)).get(0).fields()[0]
                .base.ordinal()).thenComparingInt(i -> ((List<Expr.Match>) slots.get(i)).get(0).fields()[0].offset));
        int last = sa.get(0);
        for (int k = 1; k < sa.size(); k++) {
            int cur = sa.get(k);
            List<Expr.Match> a = (List<Expr.Match>) slots.get(last);
            List<Expr.Match> b = (List<Expr.Match>) slots.get(cur);
            if (!canMerge(a, b) || a.get(0).negated() != b.get(0).negated()) {
                last = cur;
                continue;
            }
            List<Expr.Match> joined = new ArrayList<>(a);
            joined.addAll(b);
            completeTransport(joined);
            boolean protocol = b.stream().anyMatch(m -> isProtocolKey(m.fields()[0]));
            int keep = protocol ? cur : last; // a protocol field keeps its own statement (and place)
            slots.set(keep, joined);
            slots.set(keep == cur ? last : cur, new ArrayList<Expr.Match>());
            last = keep;
        }
    }

    /**
     * netlink_delinearize's payload_match_expand(): the merged load is split again by the templates of the transport
     * its fields name, so a "th" part lists as that protocol's field at its offset (payload_expr_complete()).
     */
    private static void completeTransport(List<Expr.Match> joined) {
        int l4 = joined.stream().mapToInt(m -> m.fields()[0].l4).filter(p -> p > 0).findFirst().orElse(0);
        for (int i = 0; i < joined.size(); i++) {
            Expr.Match m = joined.get(i);
            Field f = m.fields()[0].completed(l4);
            if (f != m.fields()[0]) {
                joined.set(i, new Expr.Match(new Field[] {f}, m.negated(), m.value(), m.mask(), m.prefix(), m.name(),
                        m.set()));
            }
        }
    }

    /** payload_can_merge(): adjacent, at most a register, and a load the kernel's fast path would not have taken. */
    private static boolean canMerge(List<Expr.Match> a, List<Expr.Match> b) {
        Field fa = a.get(0).fields()[0];
        Field fb = b.get(0).fields()[0];
        int aLen = bytes(a);
        int bLen = bytes(b);
        if (fa.base != fb.base || fa.offset + aLen != fb.offset || aLen + bLen > 16) {
            return false;
        }
        return aLen + bLen <= 4 || fa.base == Field.Base.LINK || aLen > 4 || bLen > 4;
    }

    private static int bytes(List<Expr.Match> g) {
        int n = 0;
        for (Expr.Match m : g) {
            n += m.fields()[0].type.size;
        }
        return n;
    }

    /** A proto_desc's protocol_key (EXPR_F_PROTOCOL): the field that names the next header. */
    private static boolean isProtocolKey(Field f) {
        return f == Field.ETHER_TYPE || f == Field.IP_PROTOCOL;
    }

    /**
     * payload_dependency_kill(): an "ether type X" a later match of protocol X implies is not kept, nor the
     * transport's own dependency written out before it ("meta l4proto tcp", and in the ip family "ip protocol tcp",
     * before "tcp dport").
     */
    static void eliminateDependencies(Family family, List<Expr> exprs) {
        boolean l4deps = family == Family.IP || family == Family.INET || family == Family.BRIDGE;
        for (int i = 0; family == Family.IP && i + 1 < exprs.size(); i++) {
            // reject with tcp reset's dependency: a "meta l4proto tcp" right before it is not listed
            if (exprs.get(i) instanceof Expr.Match m && m.fields().length == 1 && m.fields()[0] == Field.META_L4PROTO
                    && !m.negated() && m.set() == null && m.value() == 6
                    && exprs.get(i + 1) instanceof Expr.Reject j && j.kind().equals("tcp reset")) {
                exprs.remove(i--);
            }
        }
        for (int i = 0; l4deps && i < exprs.size(); i++) {
            if (exprs.get(i) instanceof Expr.Match m && m.fields().length == 1 && (m.fields()[0] == Field.META_L4PROTO
                    || family == Family.IP && m.fields()[0] == Field.IP_PROTOCOL)
                    && !m.negated() && m.set() == null && m.prefix() < 0) {
                for (int j = i + 1; j < exprs.size() && isMatch(exprs.get(j)); j++) {
                    // payload_dependency_kill() tests no value: a stored "ip protocol X" goes at any transport
                    // field (ip protocol 255 before tcp dport); meta l4proto as arplab keeps it, at its own protocol's
                    Field next = firstField(exprs.get(j));
                    if (exprs.get(j) instanceof Expr.Match n && n.fields().length == 1 && n.fields()[0] == m.fields()[0]
                            && !n.negated() && n.set() == null) {
                        break; // payload_dependency_store(): a later one is the stored dependency, this one stays
                    }
                    if (next.l4 != 0 && (next.l4 == m.value() || m.fields()[0] == Field.IP_PROTOCOL)) {
                        exprs.remove(i--);
                        break;
                    }
                }
            }
        }
        if (family != Family.BRIDGE && family != Family.INET) {
            return;
        }
        for (int i = 0; i < exprs.size(); i++) {
            // meta_match_postprocess() stores "meta protocol X" as the link layer's dependency as it does "ether type"
            // and, in the inet family, the "meta nfproto" a network field needs (kept when a statement that is no
            // match follows it: stmt_reduce() may have merged its field into a later match)
            if (exprs.get(i) instanceof Expr.Match m && m.fields().length == 1
                    && (m.fields()[0] == Field.ETHER_TYPE || m.fields()[0] == Field.META_PROTOCOL
                    || m.fields()[0] == Field.META_NFPROTO) && !m.negated() && m.set() == null) {
                long l3 = m.fields()[0] != Field.META_NFPROTO ? m.value() : m.value() == 2 ? 0x0800 : 0x86dd;
                for (int j = i + 1; j < exprs.size() && isMatch(exprs.get(j)); j++) {
                    if (firstField(exprs.get(j)).base == Field.Base.NETWORK
                            && firstField(exprs.get(j)).dependency == l3) {
                        exprs.remove(i--);
                        break;
                    }
                }
            }
        }
    }

    /** rule_parse_postprocess(): a statement that is no match resets what the listing takes as a dependency. */
    private static boolean isMatch(Expr e) {
        return e instanceof Expr.Relational;
    }

    private static Field firstField(Expr e) {
        return e instanceof Expr.NeqGroup g ? g.parts().get(0).fields()[0] : e instanceof Expr.Range r ? r.field()
                : e instanceof Expr.Cmp c ? c.field() : e instanceof Expr.Ct ? Field.META_MARK
                : ((Expr.Match) e).fields()[0];
    }
}
