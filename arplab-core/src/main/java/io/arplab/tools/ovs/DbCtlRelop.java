package io.arplab.tools.ovs;

import io.arplab.tools.ovs.Ovsdb.Datum;
import io.arplab.tools.ovs.Ovsdb.VsctlException;
import java.util.ArrayList;
import java.util.List;

/**
 * lib/db-ctl-base.c's relational operators of a find condition (enum ovsdb_relop, RELOPS): =, != and the orders by
 * ovsdb_datum_compare_3way(), and the set operators in braces by inclusion (evaluate_relop()).
 */
enum DbCtlRelop {
    EQ("="), NE("!="), LT("<"), GT(">"), LE("<="), GE(">="), SET_EQ("{=}"), SET_NE("{!=}"), SET_LT("{<}"),
    SET_GT("{>}"), SET_LE("{<=}"), SET_GE("{>=}"), SET_IN("{in}"), SET_NOT_IN("{not-in}");

    final String text;

    DbCtlRelop(String text) {
        this.text = text;
    }

    /** Whether it is one of the set operators (in braces), which a missing map key still meets. */
    boolean onSets() {
        return ordinal() >= SET_EQ.ordinal();
    }

    /**
     * check_condition(): the longest operator at {@code at} of {@code cond} with a value after it, or
     * missing_operator_error()'s error.
     */
    static DbCtlRelop at(String cond, int at) {
        DbCtlRelop op = null;
        for (DbCtlRelop o : values()) {
            if ((op == null || o.text.length() > op.text.length()) && cond.startsWith(o.text, at)
                    && cond.length() > at + o.text.length()) {
                op = o;
            }
        }
        if (op == null) {
            StringBuilder e = new StringBuilder(cond + ": argument does not end in \"=\"");
            for (int i = 1; i < values().length; i++) {
                e.append(i == values().length - 1 ? ", or \"" : ", \"").append(values()[i].text).append('"');
            }
            throw new VsctlException(e.append(" followed by a value.").toString());
        }
        return op;
    }

    // evaluate_relop(): = != < > <= >= by ovsdb_datum_compare_3way() (the sizes, then the sorted atoms), the set
    // operators by inclusion
    boolean evaluate(Ovsdb.Atom keyType, Ovsdb.Atom valueType, Datum a, Datum b) {
        List<String> x = elements(keyType, valueType, a), y = elements(keyType, valueType, b);
        return switch (this) {
            case EQ, SET_EQ -> compare3(keyType, valueType, x, y) == 0;
            case NE, SET_NE -> compare3(keyType, valueType, x, y) != 0;
            case LT -> compare3(keyType, valueType, x, y) < 0;
            case GT -> compare3(keyType, valueType, x, y) > 0;
            case LE -> compare3(keyType, valueType, x, y) <= 0;
            case GE -> compare3(keyType, valueType, x, y) >= 0;
            case SET_LT -> y.size() > x.size() && y.containsAll(x);
            case SET_GT -> x.size() > y.size() && x.containsAll(y);
            case SET_LE, SET_IN -> y.containsAll(x);
            case SET_GE -> x.containsAll(y);
            case SET_NOT_IN -> x.stream().noneMatch(y::contains); // ovsdb_datum_excludes_all()
        };
    }

    // a datum's elements in atom order (a map's as key NUL value), integers by value
    private static List<String> elements(Ovsdb.Atom keyType, Ovsdb.Atom valueType, Datum d) {
        List<String> e = new ArrayList<>();
        for (int i = 0; i < d.keys().size(); i++) {
            e.add(valueType == null ? d.keys().get(i) : d.keys().get(i) + "\0" + d.values().get(i));
        }
        e.sort((p, q) -> compareAtoms(keyType, p.split("\0", -1)[0], q.split("\0", -1)[0]));
        return e;
    }

    private static int compare3(Ovsdb.Atom keyType, Ovsdb.Atom valueType, List<String> x, List<String> y) {
        if (x.size() != y.size()) {
            return x.size() < y.size() ? -1 : 1;
        }
        for (int part = 0; part < (valueType == null ? 1 : 2); part++) {
            Ovsdb.Atom t = part == 0 ? keyType : valueType;
            for (int i = 0; i < x.size(); i++) {
                int c = compareAtoms(t, x.get(i).split("\0", -1)[part], y.get(i).split("\0", -1)[part]);
                if (c != 0) {
                    return c;
                }
            }
        }
        return 0;
    }

    // ovsdb_atom_compare_3way()
    private static int compareAtoms(Ovsdb.Atom t, String a, String b) {
        return switch (t) {
            case I -> Long.compare(Long.parseLong(a), Long.parseLong(b));
            case B -> Boolean.compare(Boolean.parseBoolean(a), Boolean.parseBoolean(b));
            default -> a.compareTo(b);
        };
    }
}
