package io.arplab.tools.nft;

import io.arplab.stack.nft.Chain;
import io.arplab.stack.nft.DataType;
import io.arplab.stack.nft.Expr;
import io.arplab.stack.nft.Field;
import io.arplab.stack.nft.NftSet;
import io.arplab.stack.nft.Rule;
import io.arplab.stack.nft.Table;
import java.util.List;

/**
 * `nft -j list` as nftables 1.0.6 writes it (src/json.c): one line, {"nftables": [metainfo, then each table, its
 * sets, its chains, then its chains' rules]}, handles always; a rule's statements as json.c's *_stmt_json() and its
 * matches as relational_expr_json() (payload, meta and ct keys, a value by its type: symbolic names as strings,
 * integers as numbers).
 */
final class NftJson {
    private NftJson() {}

    private static final String META = "{\"metainfo\": {\"version\": \"1.0.6\", \"release_name\": \"Lester Gooch #5\", "
            + "\"json_schema_version\": 1}}";

    /** The objects listed ({@code chain} or {@code set} alone, or whole tables; {@code tablesOnly}: list tables). */
    static String list(List<Table> tables, Chain chain, NftSet set, boolean tablesOnly) {
        StringBuilder sb = new StringBuilder("{\"nftables\": [").append(META);
        for (Table t : tables) {
            if (chain == null && set == null) {
                sb.append(", {\"table\": {\"family\": ").append(str(t.family.nftName)).append(", \"name\": ")
                        .append(str(t.name)).append(", \"handle\": ").append(t.handle).append("}}");
            }
            if (tablesOnly) {
                continue;
            }
            for (NftSet s : t.sets.values()) {
                if (!s.anonymous && chain == null && (set == null || s == set)) {
                    set(sb, t, s);
                }
            }
            for (Chain c : t.chains.values()) {
                if (set == null && (chain == null || c == chain)) {
                    chain(sb, t, c);
                }
            }
            for (Chain c : t.chains.values()) {
                if (set == null && (chain == null || c == chain)) {
                    for (Rule r : c.rules) {
                        rule(sb, t, c, r);
                    }
                }
            }
        }
        return sb.append("]}\n").toString();
    }

    private static void set(StringBuilder sb, Table t, NftSet s) {
        sb.append(", {\"set\": {\"family\": ").append(str(t.family.nftName)).append(", \"name\": ").append(str(s.name))
                .append(", \"table\": ").append(str(t.name)).append(", \"type\": ");
        if (s.key.length == 1) {
            sb.append(str(s.key[0].nftName));
        } else {
            sb.append('[');
            for (int i = 0; i < s.key.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(str(s.key[i].nftName));
            }
            sb.append(']');
        }
        sb.append(", \"handle\": ").append(s.handle);
        if (!s.elements().isEmpty()) {
            sb.append(", \"elem\": ");
            elements(sb, s);
        }
        sb.append("}}");
    }

    private static void elements(StringBuilder sb, NftSet s) {
        List<long[]> sorted = new java.util.ArrayList<>(s.elements());
        sorted.sort((a, b) -> NftPrinter.compare(s.key, a, b)); // the listing's list_expr_sort()
        sb.append('[');
        for (int i = 0; i < sorted.size(); i++) {
            long[] e = sorted.get(i);
            sb.append(i == 0 ? "" : ", ");
            if (s.interval()) {
                // json.c: a prefix {"prefix": {addr, len}}, a range {"range": [low, high]}
                int len = NftElements.prefixLength(s.key[0], e);
                sb.append(e[0] == e[1] ? value(s.key[0], e[0]) : len >= 0 ? "{\"prefix\": {\"addr\": "
                        + value(s.key[0], e[0]) + ", \"len\": " + len + "}}" : "{\"range\": [" + value(s.key[0], e[0])
                        + ", " + value(s.key[0], e[1]) + "]}");
            } else if (e.length == 1) {
                sb.append(value(s.key[0], e[0]));
            } else {
                sb.append("{\"concat\": [");
                for (int k = 0; k < e.length; k++) {
                    sb.append(k == 0 ? "" : ", ").append(value(s.key[k], e[k]));
                }
                sb.append("]}");
            }
        }
        sb.append(']');
    }

    /** json.c nat_stmt_json(): family (inet), addr, port, flags; {"masquerade": null} when there is none. */
    private static String nat(Expr.Nat n) {
        List<String> parts = new java.util.ArrayList<>();
        if (n.ip()) {
            parts.add("\"family\": \"ip\"");
        }
        if (n.addrLow() != -1) {
            int len = NftElements.prefixLength(io.arplab.stack.nft.DataType.IPV4_ADDR,
                    new long[] {n.addrLow(), n.addrHigh()});
            String a = value(io.arplab.stack.nft.DataType.IPV4_ADDR, n.addrLow());
            parts.add("\"addr\": " + (n.addrHigh() == n.addrLow() ? a : len >= 0
                    ? "{\"prefix\": {\"addr\": " + a + ", \"len\": " + len + "}}"
                    : "{\"range\": [" + a + ", " + value(io.arplab.stack.nft.DataType.IPV4_ADDR, n.addrHigh()) + "]}"));
        }
        if (n.portLow() != -1) {
            parts.add("\"port\": " + (n.portHigh() == n.portLow() ? String.valueOf(n.portLow())
                    : "{\"range\": [" + n.portLow() + ", " + n.portHigh() + "]}"));
        }
        List<String> flags = new java.util.ArrayList<>();
        for (int[] f : new int[][] {{4, 0}, {16, 1}, {8, 2}}) {
            if ((n.flags() & f[0]) != 0) {
                flags.add(str(new String[] {"random", "fully-random", "persistent"}[f[1]]));
            }
        }
        if (!flags.isEmpty()) {
            parts.add("\"flags\": " + (flags.size() == 1 ? flags.get(0) : "[" + String.join(", ", flags) + "]"));
        }
        return "{" + str(n.kind()) + ": " + (parts.isEmpty() ? "null" : "{" + String.join(", ", parts) + "}") + "}";
    }

    private static void chain(StringBuilder sb, Table t, Chain c) {
        sb.append(", {\"chain\": {\"family\": ").append(str(t.family.nftName)).append(", \"table\": ").append(str(t.name))
                .append(", \"name\": ").append(str(c.name)).append(", \"handle\": ").append(c.handle);
        if (c.isBase()) {
            sb.append(", \"type\": ").append(str(c.type)).append(", \"hook\": ").append(str(c.hook.nftName()))
                    .append(", \"prio\": ").append(c.priority).append(", \"policy\": ")
                    .append(str(c.policyDrop ? "drop" : "accept"));
        }
        sb.append("}}");
    }

    private static void rule(StringBuilder sb, Table t, Chain c, Rule r) {
        sb.append(", {\"rule\": {\"family\": ").append(str(t.family.nftName)).append(", \"table\": ").append(str(t.name))
                .append(", \"chain\": ").append(str(c.name)).append(", \"handle\": ").append(r.handle)
                .append(", \"expr\": [");
        String sep = "";
        for (Expr e : r.exprs) {
            if (e instanceof Expr.NeqGroup g) {
                for (Expr.Match m : g.parts()) {
                    sb.append(sep).append(match(m));
                    sep = ", ";
                }
                continue;
            }
            sb.append(sep).append(statement(e));
            sep = ", ";
        }
        sb.append("]}}");
    }

    private static String statement(Expr e) {
        if (e instanceof Expr.Match m) {
            return match(m);
        } else if (e instanceof Expr.Range m) {
            return relational(m.negated() ? "!=" : "==", left(m.field()), "{\"range\": [" + value(m.field().type, m.low())
                    + ", " + value(m.field().type, m.high()) + "]}");
        } else if (e instanceof Expr.Cmp m) {
            return relational(m.op(), left(m.field()), value(m.field().type, m.value()));
        } else if (e instanceof Expr.Ct m) {
            DataType type = m.key().equals("state") ? DataType.CT_STATE : m.key().equals("status") ? DataType.CT_STATUS
                    : DataType.MARK;
            String right;
            if (m.set() != null) {
                StringBuilder s = new StringBuilder("{\"set\": [");
                long[] sorted = m.set().clone();
                java.util.Arrays.sort(sorted);
                for (int i = 0; i < sorted.length; i++) {
                    s.append(i == 0 ? "" : ", ").append(value(type, sorted[i]));
                }
                right = s.append("]}").toString();
            } else if (type == DataType.MARK) {
                right = Long.toString(m.value());
            } else { // a bitmask: its flags, a list when more than one
                String[] names = Values.format(type, m.value()).split(",");
                StringBuilder s = new StringBuilder(names.length > 1 ? "[" : "");
                for (int i = 0; i < names.length; i++) {
                    s.append(i == 0 ? "" : ", ").append(str(names[i]));
                }
                right = s.append(names.length > 1 ? "]" : "").toString();
            }
            String op = m.op().isEmpty() ? (type == DataType.MARK ? "==" : "in") : m.op();
            return relational(op, "{\"ct\": {\"key\": " + str(m.key()) + "}}", right);
        } else if (e instanceof Expr.Counter k) {
            return "{\"counter\": {\"packets\": " + k.packets + ", \"bytes\": " + k.bytes + "}}";
        } else if (e instanceof Expr.Verdict v) {
            String kind = v.kind().name().toLowerCase();
            return v.chain() == null ? "{\"" + kind + "\": null}"
                    : "{\"" + kind + "\": {\"target\": " + str(v.chain()) + "}}";
        } else if (e instanceof Expr.Limit l) {
            StringBuilder s = new StringBuilder("{\"limit\": {\"rate\": ");
            if (l.bytes) {
                String[] rate = Values.rate(l.rate).split(" ");
                String[] burst = Values.rate(l.burst).split(" ");
                s.append(rate[0]).append(", \"burst\": ").append(burst[0]).append(", \"per\": ")
                        .append(str(Values.timeUnitName(l.unit))).append(", \"rate_unit\": ").append(str(rate[1]))
                        .append(", \"burst_unit\": ").append(str(burst[1]));
            } else {
                s.append(l.rate).append(", \"burst\": ").append(l.burst == 0 ? 5 : l.burst).append(", \"per\": ")
                        .append(str(Values.timeUnitName(l.unit)));
            }
            if (l.over) {
                s.append(", \"inv\": true");
            }
            return s.append("}}").toString();
        } else if (e instanceof Expr.Log l) {
            if (l.prefix() == null && (l.level() == null || l.level().equals("warn"))) {
                return "{\"log\": null}";
            }
            StringBuilder s = new StringBuilder("{\"log\": {");
            String sep = "";
            if (l.prefix() != null) {
                s.append("\"prefix\": ").append(str(l.prefix()));
                sep = ", ";
            }
            if (l.level() != null && !l.level().equals("warn")) {
                s.append(sep).append("\"level\": ").append(str(l.level()));
            }
            return s.append("}}").toString();
        } else if (e instanceof Expr.MarkSet m) {
            return "{\"mangle\": {\"key\": {\"meta\": {\"key\": \"mark\"}}, \"value\": "
                    + (m.fromCt() ? "{\"ct\": {\"key\": \"mark\"}}" : m.value()) + "}}";
        } else if (e instanceof Expr.Nat n) {
            return nat(n);
        } else if (e instanceof Expr.CtMarkSet m) {
            return "{\"mangle\": {\"key\": {\"ct\": {\"key\": \"mark\"}}, \"value\": "
                    + (m.fromMeta() ? "{\"meta\": {\"key\": \"mark\"}}" : m.value()) + "}}";
        } else if (e instanceof Expr.Reject j) {
            if (j.kind().equals("tcp reset")) {
                return "{\"reject\": {\"type\": \"tcp reset\"}}";
            }
            if (!j.written() || j.kind().equals("icmp") && j.code() == 3 || j.kind().equals("icmpx") && j.code() == 1) {
                return "{\"reject\": null}";
            }
            String code = j.kind().equals("icmpx") ? List.of("no-route", "port-unreachable", "host-unreachable",
                    "admin-prohibited").get(j.code()) : Values.format(DataType.ICMP_CODE, j.code());
            return "{\"reject\": {\"type\": " + str(j.kind()) + ", \"expr\": " + str(code) + "}}";
        }
        return "null";
    }

    private static String match(Expr.Match m) {
        Field[] fs = m.fields();
        String left;
        if (fs.length == 1) {
            left = left(fs[0]);
        } else {
            StringBuilder s = new StringBuilder("{\"concat\": [");
            for (int i = 0; i < fs.length; i++) {
                s.append(i == 0 ? "" : ", ").append(left(fs[i]));
            }
            left = s.append("]}").toString();
        }
        String right;
        if (fs[0].type == DataType.IPV6_ADDR) {
            right = m.prefix() >= 0 ? "{\"prefix\": {\"addr\": " + str(m.name()) + ", \"len\": " + m.prefix() + "}}"
                    : str(m.name());
        } else if (m.name() != null) {
            right = str(m.name());
        } else if (m.set() != null && m.set().anonymous) {
            StringBuilder s = new StringBuilder("{\"set\": ");
            elements(s, m.set());
            right = s.append('}').toString();
        } else if (m.set() != null) {
            right = str("@" + m.set().name);
        } else if (m.prefix() >= 0) {
            right = "{\"prefix\": {\"addr\": " + value(fs[0].type, m.value()) + ", \"len\": " + m.prefix() + "}}";
        } else {
            right = value(fs[0].type, m.value());
        }
        return relational(m.negated() ? "!=" : "==", left, right);
    }

    private static String relational(String op, String left, String right) {
        return "{\"match\": {\"op\": " + str(op) + ", \"left\": " + left + ", \"right\": " + right + "}}";
    }

    /** payload_expr_json() / meta_expr_json(). */
    private static String left(Field f) {
        if (f.base == Field.Base.META) {
            String key = f.text.startsWith("meta ") ? f.text.substring(5) : f.text;
            return "{\"meta\": {\"key\": " + str(key) + "}}";
        }
        if (f.text.startsWith("@")) { // a raw payload: its base, offset and length in bits
            String[] p = f.text.substring(1).split(",");
            return "{\"payload\": {\"base\": " + str(p[0]) + ", \"offset\": " + p[1] + ", \"len\": " + p[2] + "}}";
        }
        int sp = f.text.indexOf(' ');
        return "{\"payload\": {\"protocol\": " + str(f.text.substring(0, sp)) + ", \"field\": "
                + str(f.text.substring(sp + 1)) + "}}";
    }

    /** datatype_json(): an integer type's value as a number, a symbolic or address type's as its string. */
    private static String value(DataType type, long v) {
        return switch (type) {
            case INTEGER8, INTEGER16, INTEGER32, XINTEGER8, INET_SERVICE, MARK -> Long.toString(v);
            default -> {
                String s = Values.format(type, v);
                yield s.matches("[0-9]+") ? s : str(s);
            }
        };
    }

    private static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
