package io.arplab.stack.nft;

import java.util.LinkedHashMap;
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

    /** An anonymous set's name (__set%d), drawn when a rule with { ... } is added. */
    public String nextAnonymousSetName() {
        return "__set" + anonymousSets++;
    }
}
