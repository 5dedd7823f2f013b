package io.arplab.stack.nft;

import java.util.ArrayList;
import java.util.List;

/** A chain: a base chain (type, hook, priority, policy) registered at a hook, or a regular chain jumped to. */
public final class Chain {
    public final Table table;
    public final String name;
    public final long handle;
    /** Null for a regular chain. */
    public final Hook hook;
    public final String type;
    public final int priority;
    public boolean policyDrop;
    public final List<Rule> rules = new ArrayList<>();
    final long order;

    public Chain(Table table, String name, long handle, String type, Hook hook, int priority, boolean policyDrop, long order) {
        this.table = table;
        this.name = name;
        this.handle = handle;
        this.type = type;
        this.hook = hook;
        this.priority = priority;
        this.policyDrop = policyDrop;
        this.order = order;
    }

    public boolean isBase() {
        return hook != null;
    }
}
