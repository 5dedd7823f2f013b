package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * A bridge's ports as an OVS hmap of them by hash_ofp_port() holds them (lib/hmap.c): a node goes to the head of
 * its bucket, the table doubles when n / 2 > mask and never shrinks; walking it gives the order OVS walks ports in.
 */
final class PortHmap {
    private List<List<Ofproto.Port>> buckets = new ArrayList<>(List.of(new ArrayList<>()));

    /** hmap_insert() of the table's {@code n}-th node. */
    void insert(Ofproto.Port p, int n) {
        int mask = buckets.size() - 1;
        buckets.get(bucket(p, mask)).add(0, p);
        if (n / 2 <= mask) {
            return;
        }
        // hmap_expand(): calc_mask(n), at least 4 buckets; resize() moves each node to the head of its new bucket
        int m = Integer.highestOneBit(Math.max(n / 2, 1)) * 2 - 1;
        m |= (m & 1) << 1;
        List<List<Ofproto.Port>> grown = new ArrayList<>();
        for (int i = 0; i <= m; i++) {
            grown.add(new ArrayList<>());
        }
        for (List<Ofproto.Port> b : buckets) {
            for (Ofproto.Port q : b) {
                grown.get(bucket(q, m)).add(0, q);
            }
        }
        buckets = grown;
    }

    /** hmap_remove(): the table keeps its size. */
    void remove(Ofproto.Port p) {
        buckets.get(bucket(p, buckets.size() - 1)).remove(p);
    }

    /** HMAP_FOR_EACH's order. */
    List<Ofproto.Port> inOrder() {
        List<Ofproto.Port> out = new ArrayList<>();
        buckets.forEach(out::addAll);
        return out;
    }

    /** The order of a new hmap of {@code ports} inserted one by one. */
    static List<Ofproto.Port> of(Iterable<Ofproto.Port> ports) {
        PortHmap h = new PortHmap();
        int n = 0;
        for (Ofproto.Port p : ports) {
            h.insert(p, ++n);
        }
        return h.inOrder();
    }

    private static int bucket(Ofproto.Port p, int mask) {
        return Group.hashInt((int) p.ofport, 0) & mask;
    }
}
