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

    public NftSet(String name, long handle, DataType[] key, boolean anonymous) {
        this.name = name;
        this.handle = handle;
        this.key = key;
        this.anonymous = anonymous;
    }

    NftSet copy() {
        NftSet c = new NftSet(name, handle, key, anonymous);
        elements.forEach(c::add);
        return c;
    }

    /** Adds an element (one value per key component); false when it was there already. */
    public boolean add(long[] element) {
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
        return key.length == 1 ? single.contains(element[0]) : contains(element[0], element[1]);
    }

    boolean contains(long first) {
        return single.contains(first);
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
