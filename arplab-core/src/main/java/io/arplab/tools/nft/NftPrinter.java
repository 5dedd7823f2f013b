package io.arplab.tools.nft;

import io.arplab.stack.nft.Chain;
import io.arplab.stack.nft.DataType;
import io.arplab.stack.nft.Expr;
import io.arplab.stack.nft.Family;
import io.arplab.stack.nft.Field;
import io.arplab.stack.nft.Hook;
import io.arplab.stack.nft.NftSet;
import io.arplab.stack.nft.Nftables;
import io.arplab.stack.nft.Rule;
import io.arplab.stack.nft.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** `nft list` as nftables 1.0.6 prints it (src/rule.c table_print(), chain_print(), set_print(); src/expression.c). */
final class NftPrinter {
    /** std_prios and bridge_std_prios of src/rule.c. */
    private static final Map<String, Integer> STD = Map.of("raw", -300, "mangle", -150, "dstnat", -100, "filter", 0,
            "security", 50, "srcnat", 100);
    private static final List<Object[]> STD_ORDER = List.of(new Object[] {"raw", -300}, new Object[] {"mangle", -150},
            new Object[] {"dstnat", -100}, new Object[] {"filter", 0}, new Object[] {"security", 50},
            new Object[] {"srcnat", 100});
    private static final List<Object[]> BRIDGE_ORDER = List.of(new Object[] {"dstnat", -300},
            new Object[] {"filter", -200}, new Object[] {"out", 100}, new Object[] {"srcnat", 300});

    private NftPrinter() {}

    static boolean isStandardPriority(String name) {
        return STD.containsKey(name) || name.equals("out");
    }

    /** std_prio_lookup(): the family's standard priority of that name, if valid at the hook. */
    static Integer standardPriority(Family family, Hook hook, String name) {
        for (Object[] std : family == Family.BRIDGE ? BRIDGE_ORDER : STD_ORDER) {
            if (std[0].equals(name)) {
                return valid(family, hook, name) ? (Integer) std[1] : null;
            }
        }
        return null;
    }

    /**
     * nft's output flags for listings (nft_ctx_output_set_flags()): {@code -a} handles, {@code -s} stateless (a
     * counter without its packets and bytes), {@code -t} terse (a set without its elements), {@code -y} or {@code -n}
     * numeric priorities; {@code -j} JSON (NftJson).
     */
    record Listing(boolean handles, boolean stateless, boolean terse, boolean numericPriority, int numeric,
            boolean json) {
        static final Listing PLAIN = new Listing(false, false, false, false, 0, false);
    }

    static String ruleset(Nftables nft, Listing o) {
        StringBuilder sb = new StringBuilder();
        for (Table t : nft.tables()) {
            sb.append(table(t, o, null, null));
        }
        return sb.toString();
    }

    /** A table with all its sets and chains, or only {@code chain} or {@code set} (list chain / list set). */
    static String table(Table t, Listing o, Chain chain, NftSet set) {
        StringBuilder sb = new StringBuilder("table ").append(t.family.nftName).append(' ').append(t.name).append(" {");
        if (o.handles() && chain == null && set == null) {
            sb.append(" # handle ").append(t.handle);
        }
        sb.append('\n');
        String delim = "";
        for (NftSet s : t.sets.values()) {
            if (s.anonymous || chain != null || set != null && s != set) {
                continue;
            }
            sb.append(delim);
            set(sb, s, o);
            delim = "\n";
        }
        for (Chain c : t.chains.values()) {
            if (set != null || chain != null && c != chain) {
                continue;
            }
            sb.append(delim);
            chain(sb, t, c, o);
            delim = "\n";
        }
        return sb.append("}\n").toString();
    }

    /** nft list sets / list chains: a table's sets, or its chains without their rules, one after the other. */
    static String declarations(Table t, Listing o, boolean sets) {
        StringBuilder sb = new StringBuilder("table ").append(t.family.nftName).append(' ').append(t.name).append(" {\n");
        if (sets) {
            for (NftSet s : t.sets.values()) {
                if (!s.anonymous) {
                    set(sb, s, o);
                }
            }
        } else {
            for (Chain c : t.chains.values()) {
                chain(sb, t, c, o, false);
            }
        }
        return sb.append("}\n").toString();
    }

    private static void set(StringBuilder sb, NftSet s, Listing o) {
        sb.append("\tset ").append(s.name).append(" {");
        if (o.handles()) {
            sb.append(" # handle ").append(s.handle);
        }
        sb.append("\n\t\ttype ").append(s.typeText()).append('\n');
        if (!o.terse() && !s.elements().isEmpty()) {
            sb.append("\t\telements = ");
            elements(sb, s, false, o);
            sb.append('\n');
        }
        sb.append("\t}\n");
    }

    /**
     * set_expr_print(): elements as nft sorts them (list_expr_sort(): a value by its number, a concatenation by its
     * registers' bytes read in host (little-endian) order), separated as calculate_delim() decides.
     */
    private static void elements(StringBuilder sb, NftSet s, boolean anonymous, Listing o) {
        List<long[]> sorted = new ArrayList<>(s.elements());
        sorted.sort((a, b) -> compare(s.key, a, b));
        sb.append("{ ");
        int count = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0) {
                sb.append(delimiter(s, anonymous, count));
                if (!anonymous && perLine(s) > 0 && count >= perLine(s)) {
                    count = 0;
                }
            }
            long[] e = sorted.get(i);
            if (s.interval()) {
                sb.append(NftElements.format(s.key[0], e, o.numeric()));
                count++;
                continue;
            }
            for (int k = 0; k < e.length; k++) {
                sb.append(k == 0 ? "" : " . ").append(Values.format(s.key[k], e[k], o.numeric()));
            }
            count++;
        }
        sb.append(" }");
    }

    /** calculate_delim(): how many elements of a type share a line (0: one per line). */
    private static int perLine(NftSet s) {
        if (s.key.length > 1) {
            return 0;
        }
        return switch (s.key[0]) {
            case ARP_OP, INET_SERVICE, INET_PROTO, MARK, INTEGER8, INTEGER16, INTEGER32, XINTEGER8 -> 5;
            case IPV4_ADDR, PKT_TYPE -> 2;
            default -> 0;
        };
    }

    private static String delimiter(NftSet s, boolean anonymous, int count) {
        int per = perLine(s);
        if (anonymous || per > 0 && count < per) {
            return ", ";
        }
        return ",\n\t\t\t     ";
    }

    static int compare(DataType[] key, long[] a, long[] b) {
        if (key.length == 1) {
            return Long.compareUnsigned(a[0], b[0]);
        }
        byte[] x = registers(key, a);
        byte[] y = registers(key, b);
        for (int i = x.length - 1; i >= 0; i--) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static byte[] registers(DataType[] key, long[] e) {
        int len = 0;
        for (DataType t : key) {
            len += t.paddedSize();
        }
        byte[] b = new byte[len];
        int off = 0;
        for (int k = 0; k < key.length; k++) {
            for (int i = 0; i < key[k].size; i++) {
                b[off + i] = (byte) (e[k] >>> (8 * (key[k].size - 1 - i)));
            }
            off += key[k].paddedSize();
        }
        return b;
    }

    private static void chain(StringBuilder sb, Table t, Chain c, Listing o) {
        chain(sb, t, c, o, true);
    }

    private static void chain(StringBuilder sb, Table t, Chain c, Listing o, boolean rules) {
        sb.append("\tchain ").append(c.name).append(" {");
        if (o.handles()) {
            sb.append(" # handle ").append(c.handle);
        }
        sb.append('\n');
        if (c.isBase()) {
            sb.append("\t\ttype ").append(c.type).append(" hook ").append(c.hook.nftName()).append(" priority ")
                    .append(o.numericPriority() ? Integer.toString(c.priority) : priority(t.family, c.hook, c.priority)).append("; policy ")
                    .append(c.policyDrop ? "drop" : "accept").append(";\n");
        }
        for (Rule r : rules ? c.rules : List.<Rule>of()) {
            sb.append("\t\t").append(rule(r, o, t.family));
            if (o.handles()) {
                sb.append(" # handle ").append(r.handle);
            }
            sb.append('\n');
        }
        sb.append("\t}\n");
    }

    /** prio2str(): a standard priority's name, within 10 of it as "name + N", else the number. */
    static String priority(Family family, Hook hook, int prio) {
        List<Object[]> table = family == Family.BRIDGE ? BRIDGE_ORDER : STD_ORDER;
        for (Object[] std : table) {
            int p = (Integer) std[1];
            String name = (String) std[0];
            if (Math.abs(prio - p) <= 10) {
                if (!valid(family, hook, name)) {
                    break;
                }
                int off = prio - p;
                return name + (off > 0 ? " + " + off : off < 0 ? " - " + -off : "");
            }
        }
        return Integer.toString(prio);
    }

    /** std_prio_family_hook_compat() */
    private static boolean valid(Family family, Hook hook, String name) {
        if (family == Family.BRIDGE) {
            return switch (name) {
                case "filter" -> true;
                case "dstnat" -> hook == Hook.PREROUTING;
                case "srcnat" -> hook == Hook.POSTROUTING;
                case "out" -> hook == Hook.OUTPUT;
                default -> false;
            };
        }
        return switch (name) {
            case "filter" -> true;
            case "raw", "mangle", "security" -> family != Family.ARP;
            case "dstnat" -> family != Family.ARP && hook == Hook.PREROUTING;
            case "srcnat" -> family != Family.ARP && hook == Hook.POSTROUTING;
            default -> false;
        };
    }

    static String rule(Rule r, Listing o, Family family) {
        boolean stateless = o.stateless();
        StringBuilder sb = new StringBuilder();
        for (Expr e : r.exprs) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (e instanceof Expr.Counter c) {
                sb.append("counter");
                if (!stateless) {
                    sb.append(" packets ").append(c.packets).append(" bytes ").append(c.bytes);
                }
            } else if (e instanceof Expr.Verdict v) {
                sb.append(v.kind().name().toLowerCase());
                if (v.chain() != null) {
                    sb.append(' ').append(v.chain());
                }
            } else if (e instanceof Expr.Match m) {
                match(sb, m, o);
            } else if (e instanceof Expr.Range m) {
                // range_expr_print(): both ends with NFT_CTX_OUTPUT_NUMERIC_ALL (icmp type 0-8, not its names)
                int all = Math.max(o.numeric(), 2);
                sb.append(m.field().text).append(m.negated() ? " != " : " ")
                        .append(Values.format(m.field().type, m.low(), all)).append('-')
                        .append(Values.format(m.field().type, m.high(), all));
            } else if (e instanceof Expr.Cmp m) {
                sb.append(m.field().text).append(' ').append(m.op()).append(' ')
                        .append(Values.format(m.field().type, m.value(), o.numeric()));
            } else if (e instanceof Expr.Ct m) {
                DataType type = m.key().equals("state") ? DataType.CT_STATE : m.key().equals("status")
                        ? DataType.CT_STATUS : DataType.MARK;
                sb.append("ct ").append(m.key()).append(m.op().equals("!=") ? " != " : " ");
                if (m.set() != null) {
                    long[] sorted = m.set().clone();
                    java.util.Arrays.sort(sorted);
                    sb.append("{ ");
                    for (int i = 0; i < sorted.length; i++) {
                        sb.append(i == 0 ? "" : ", ").append(Values.format(type, sorted[i], o.numeric()));
                    }
                    sb.append(" }");
                } else {
                    sb.append(Values.format(type, m.value(), o.numeric()));
                }
            } else if (e instanceof Expr.Limit l) {
                // limit_stmt_print(): the burst when not the default (5 packets, 0 bytes)
                sb.append("limit rate ").append(l.over ? "over " : "");
                if (l.bytes) {
                    sb.append(Values.rate(l.rate)).append('/').append(Values.timeUnitName(l.unit));
                    if (l.burst != 0) {
                        sb.append(" burst ").append(Values.rate(l.burst));
                    }
                } else {
                    sb.append(l.rate).append('/').append(Values.timeUnitName(l.unit));
                    if (l.burst != 0 && l.burst != 5) {
                        sb.append(" burst ").append(l.burst).append(" packets");
                    }
                }
            } else if (e instanceof Expr.Log l) {
                // log_stmt_print(): the level unless warn, the default
                sb.append("log");
                if (l.prefix() != null) {
                    sb.append(" prefix \"").append(l.prefix()).append('"');
                }
                if (l.level() != null && !l.level().equals("warn")) {
                    sb.append(" level ").append(l.level());
                }
            } else if (e instanceof Expr.MarkSet m) {
                sb.append("meta mark set ").append(m.fromCt() ? "ct mark" : Values.format(DataType.MARK, m.value()));
            } else if (e instanceof Expr.Nat n) {
                sb.append(NftNat.format(n));
            } else if (e instanceof Expr.CtMarkSet m) {
                sb.append("ct mark set ").append(m.fromMeta() ? "meta mark" : Values.format(DataType.MARK, m.value()));
            } else if (e instanceof Expr.Reject j) {
                // reject_stmt_print(): nothing for the family's default (port unreachable)
                sb.append("reject");
                if (j.kind().equals("tcp reset")) {
                    sb.append(" with tcp reset");
                } else if (j.kind().equals("icmpx") && j.code() != 1 && j.written()) {
                    sb.append(" with icmpx ").append(List.of("no-route", "port-unreachable", "host-unreachable",
                            "admin-prohibited").get(j.code()));
                } else if (j.kind().equals("icmp")
                        && (j.code() != 3 || family == Family.INET || family == Family.BRIDGE)) {
                    // netlink_parse_reject(): verbose_print in the inet and bridge families (ipv4 or ipv6 named)
                    sb.append(" with icmp ").append(Values.format(DataType.ICMP_CODE, j.code(), o.numeric()));
                }
            } else if (e instanceof Expr.NeqGroup g) {
                for (int i = 0; i < g.parts().size(); i++) {
                    sb.append(i == 0 ? "" : " ");
                    match(sb, g.parts().get(i), o);
                }
            }
        }
        return sb.toString();
    }

    private static void match(StringBuilder sb, Expr.Match m, Listing o) {
        Field[] fs = m.fields();
        for (int i = 0; i < fs.length; i++) {
            sb.append(i == 0 ? "" : " . ").append(fs[i].text);
        }
        sb.append(m.negated() ? " != " : " ");
        if (fs[0].type == DataType.IPV6_ADDR) {
            sb.append(m.name());
            if (m.prefix() >= 0) {
                sb.append('/').append(m.prefix());
            }
        } else if (m.name() != null) {
            sb.append('"').append(m.name()).append('"');
        } else if (m.set() != null && m.set().anonymous) {
            elements(sb, m.set(), true, o);
        } else if (m.set() != null) {
            sb.append('@').append(m.set().name);
        } else {
            sb.append(Values.format(fs[0].type, m.value(), o.numeric()));
            if (m.prefix() >= 0) {
                sb.append('/').append(m.prefix());
            }
        }
    }
}
