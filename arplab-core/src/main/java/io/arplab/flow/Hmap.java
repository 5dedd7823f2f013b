package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * An OVS hmap's order (lib/hmap.c): a node goes to the head of its bucket, the table doubles when n / 2 > mask and
 * never shrinks; walking it gives the order OVS walks its nodes in (a bridge's ports by hash_ofp_port(), an shash's
 * names by hash_string()).
 */
public final class Hmap<T> {
    private final ToIntFunction<T> hash;
    private List<List<T>> buckets = new ArrayList<>(List.of(new ArrayList<>()));
    private int n;

    public Hmap(ToIntFunction<T> hash) {
        this.hash = hash;
    }

    /** A bridge's ports as ofproto->ports holds them (hash_ofp_port()). */
    static Hmap<Ofproto.Port> ofPorts() {
        return new Hmap<>(p -> FlowHash.hashInt((int) p.ofport, 0));
    }

    /** An shash of names (lib/shash.c: hash_string(), hash_bytes() of the name with basis 0). */
    public static Hmap<String> shash() {
        return new Hmap<>(s -> FlowHash.hashBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0));
    }

    /** hmap_insert(). */
    public void insert(T item) {
        int mask = buckets.size() - 1;
        buckets.get(hash.applyAsInt(item) & mask).add(0, item);
        if (++n / 2 <= mask) {
            return;
        }
        // hmap_expand(): calc_mask(n), at least 4 buckets; resize() moves each node to the head of its new bucket
        int m = Integer.highestOneBit(Math.max(n / 2, 1)) * 2 - 1;
        m |= (m & 1) << 1;
        List<List<T>> grown = new ArrayList<>();
        for (int i = 0; i <= m; i++) {
            grown.add(new ArrayList<>());
        }
        for (List<T> b : buckets) {
            for (T q : b) {
                grown.get(hash.applyAsInt(q) & m).add(0, q);
            }
        }
        buckets = grown;
    }

    /** hmap_remove(): the table keeps its size. */
    public void remove(T item) {
        if (buckets.get(hash.applyAsInt(item) & buckets.size() - 1).remove(item)) {
            n--;
        }
    }

    /** HMAP_FOR_EACH's order. */
    public List<T> inOrder() {
        List<T> out = new ArrayList<>();
        buckets.forEach(out::addAll);
        return out;
    }

    /** The order of a new hmap of {@code items} inserted one by one. */
    public static <T> List<T> of(Iterable<T> items, Hmap<T> empty) {
        for (T item : items) {
            empty.insert(item);
        }
        return empty.inOrder();
    }
}
