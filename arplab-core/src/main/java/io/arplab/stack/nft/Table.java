package io.arplab.stack.nft;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A table: its chains and sets in creation order, and the handle counter they share (table->hgenerator). */
public final class Table {
    public final Family family;
    public final String name;
    public final long handle;
    public final Map<String, Chain> chains = new LinkedHashMap<>();
    public final Map<String, NftSet> sets = new LinkedHashMap<>();
    private long handles;
    private int anonymousSets;

    Table(Family family, String name, long handle) {
        this.family = family;
        this.name = name;
        this.handle = handle;
    }

    /** The next object handle of this table (chains, sets and rules draw from one counter). */
    public long nextHandle() {
        return ++handles;
    }

    /**
     * A copy to restore when a transaction aborts: its sets, chains, rules and counters copied, the anonymous sets
     * (never changed once made) shared.
     */
    Table copy() {
        Table t = new Table(family, name, handle);
        t.handles = handles;
        t.anonymousSets = anonymousSets;
        Map<NftSet, NftSet> sets = new IdentityHashMap<>();
        for (NftSet s : this.sets.values()) {
            NftSet c = s.copy();
            sets.put(s, c);
            t.sets.put(c.name, c);
        }
        for (Chain c : chains.values()) {
            Chain d = new Chain(t, c.name, c.handle, c.type, c.hook, c.priority, c.policyDrop, c.order);
            for (Rule r : c.rules) {
                List<Expr> exprs = new ArrayList<>(r.exprs.size());
                for (Expr e : r.exprs) {
                    if (e instanceof Expr.Counter k) {
                        Expr.Counter n = new Expr.Counter();
                        n.packets = k.packets;
                        n.bytes = k.bytes;
                        e = n;
                    } else if (e instanceof Expr.Limit l) {
                        e = l.copy();
                    } else if (e instanceof Expr.Match m && m.set() != null && sets.containsKey(m.set())) {
                        e = new Expr.Match(m.fields(), m.negated(), m.value(), m.mask(), m.prefix(), m.name(),
                                sets.get(m.set()));
                    }
                    exprs.add(e);
                }
                d.rules.add(new Rule(r.handle, exprs));
            }
            t.chains.put(d.name, d);
        }
        return t;
    }

    /** The handle counter only grows: an aborted transaction does not give back what it drew (nf_tables_alloc_handle). */
    void keepHandles(Table from) {
        handles = Math.max(handles, from.handles);
    }

    /** An anonymous set's name (__set%d), drawn when a rule with { ... } is added. */
    public String nextAnonymousSetName() {
        return "__set" + anonymousSets++;
    }
}
