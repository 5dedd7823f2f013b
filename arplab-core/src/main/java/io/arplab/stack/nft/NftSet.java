package io.arplab.stack.nft;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of a table (nft_set with the hash backend): keys of one type or a concatenation of two, looked up without
 * allocating. Anonymous sets ({ a, b } in a rule) are sets too, as in the kernel, and take a handle.
 */
public final class NftSet {
    public final String name;
    /** Set when the set is added (a ruleset file draws it after the table's chains). */
    public long handle;
    public final DataType[] key;
    public final boolean anonymous;
    private final List<long[]> elements = new ArrayList<>();
    private final LongOpenHashSet single = new LongOpenHashSet();
    private final Long2ObjectOpenHashMap<LongOpenHashSet> pairs = new Long2ObjectOpenHashMap<>();
    /** An interval set (NFT_SET_INTERVAL, one key): its elements are {low, high}, sorted, merged (see automerge()). */
    private boolean interval;

    public NftSet(String name, long handle, DataType[] key, boolean anonymous) {
        this.name = name;
        this.handle = handle;
        this.key = key;
        this.anonymous = anonymous;
    }

    NftSet copy() {
        NftSet c = new NftSet(name, handle, key, anonymous);
        c.interval = interval;
        elements.forEach(c::add);
        return c;
    }

    /**
     * Adds an element (one value per key component; for one key, {low, high} is an interval, which makes the set an
     * interval set as expr_evaluate_set() flags it); false when it was there already.
     */
    public boolean add(long[] element) {
        if (key.length == 1 && element.length == 2 || interval) {
            if (!interval) {
                interval = true;
                List<long[]> before = new ArrayList<>(elements);
                elements.clear();
                single.clear();
                before.forEach(e -> elements.add(new long[] {e[0], e[0]}));
            }
            elements.add(element.length == 2 ? element.clone() : new long[] {element[0], element[0]});
            return true;
        }
        if (contains(element)) {
            return false;
        }
        elements.add(element.clone());
        if (key.length == 1) {
            single.add(element[0]);
        } else {
            pairs.computeIfAbsent(element[0], k -> new LongOpenHashSet()).add(element[1]);
        }
        return true;
    }

    public boolean contains(long[] element) {
        return key.length == 1 ? contains(element[0]) : contains(element[0], element[1]);
    }

    boolean contains(long first) {
        if (interval) {
            for (long[] r : elements) {
                if (Long.compareUnsigned(first, r[0]) >= 0 && Long.compareUnsigned(first, r[1]) <= 0) {
                    return true;
                }
            }
            return false;
        }
        return single.contains(first);
    }

    public boolean interval() {
        return interval;
    }

    /**
     * setelem_automerge() (nftables 1.0.6 src/intervals.c) of an anonymous interval set: sorted by their low ends, an
     * interval inside the one before it goes, one that overlaps or directly follows it is joined to it.
     */
    public void automerge() {
        if (!interval) {
            return;
        }
        List<long[]> sorted = new ArrayList<>(elements);
        sorted.sort((a, b) -> Long.compareUnsigned(a[0], b[0]) != 0 ? Long.compareUnsigned(a[0], b[0])
                : Long.compareUnsigned(a[1], b[1]));
        elements.clear();
        long[] prev = null;
        for (long[] r : sorted) {
            if (prev != null && (Long.compareUnsigned(r[0], prev[1]) <= 0 || r[0] - prev[1] == 1)) {
                if (Long.compareUnsigned(r[1], prev[1]) > 0) {
                    prev[1] = r[1];
                }
                continue;
            }
            prev = r.clone();
            elements.add(prev);
        }
    }

    boolean contains(long first, long second) {
        LongOpenHashSet s = pairs.get(first);
        return s != null && s.contains(second);
    }

    public List<long[]> elements() {
        return elements;
    }

    public String typeText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < key.length; i++) {
            sb.append(i == 0 ? "" : " . ").append(key[i].nftName);
        }
        return sb.toString();
    }
}
