package io.arplab.flow;

import java.util.Arrays;

/**
 * A longest-prefix tree over 32-bit values (lib/classifier.c's cls_trie and a subtable's ports trie): how many rules
 * have each prefix. Changes go to a tree of one node per bit (a node exists while rules lie below it); lookups walk
 * a path-compressed view of it, as OVS's trie nodes are, answering as trie_lookup_value() does.
 */
final class PrefixTrie {
    // node n at [4n, 4n + 4): its two children (0 = none: the root is nobody's child), the rules whose prefix ends
    // there, the rules at or below it; one array, so that a step of the walk touches one cache line
    private static final int CHILD = 0, RULES = 2, BELOW = 3;
    private int[] node = new int[4 * 32];
    private int nodes = 1;

    /** The prefix lengths {@link #lookup} found rules at: bit {@code len - 1} set for each. */
    int plens;

    void insert(long value, int plen) {
        stale = true;
        int n = 0;
        node[BELOW]++;
        for (int d = 0; d < plen; d++) {
            int b = bit(value, d);
            int c = node[4 * n + CHILD + b];
            if (c == 0) {
                c = newNode();
                node[4 * n + CHILD + b] = c;
            }
            n = c;
            node[4 * n + BELOW]++;
        }
        node[4 * n + RULES]++;
    }

    void remove(long value, int plen) {
        stale = true;
        int n = 0;
        node[BELOW]--;
        for (int d = 0; d < plen; d++) {
            n = node[4 * n + CHILD + bit(value, d)];
            node[4 * n + BELOW]--;
        }
        node[4 * n + RULES]--;
    }

    // the path-compressed view lookups walk (OVS's trie_node: an edge of several bits, its rules, two children),
    // built from the tree above on the first lookup after a change; a node n at [5n, 5n + 5)
    private static final int PATH = 0, DEPTH = 1, HAS_RULES = 2, EDGE = 3;
    private int[] view;
    private boolean stale = true;

    /**
     * trie_lookup_value(): the number of leading bits of {@code value} the walk examined (the first differing bit
     * included, when another branch exists), and in {@link #plens} the prefix lengths of rules on its path.
     */
    int lookup(long value, int nBits) {
        plens = 0;
        if (node[BELOW] == 0) {
            return 0;
        }
        if (stale) {
            compress();
        }
        int[] v = view;
        int n = 0, len = 0;
        while (true) {
            if (len > 0 && v[5 * n + HAS_RULES] != 0) {
                plens |= 1 << (len - 1);
            }
            if (len >= nBits) {
                return nBits;
            }
            int b = bit(value, len);
            int c = v[5 * n + EDGE + b];
            if (c == 0) {
                return v[5 * n + EDGE + 1 - b] != 0 ? len + 1 : len;
            }
            int edge = v[5 * c + DEPTH] - len;
            int eq = Math.min(Integer.numberOfLeadingZeros(((int) value ^ v[5 * c + PATH]) << len), edge);
            if (eq < edge) {
                return len + eq >= nBits ? nBits : len + eq + 1; // a differing bit excludes the edge's branch
            }
            if (len + edge > nBits) {
                return nBits;
            }
            len += edge;
            n = c;
        }
    }

    /** The same answer from the one-node-per-bit tree itself (what the compressed view must agree with). */
    int walk(long value, int nBits) {
        plens = 0;
        if (node[BELOW] == 0) {
            return 0;
        }
        int n = 0;
        for (int d = 0; ; d++) {
            if (d > 0 && node[4 * n + RULES] > 0) {
                plens |= 1 << (d - 1);
            }
            if (d >= nBits) {
                return nBits;
            }
            int b = bit(value, d);
            if (live(n, b)) {
                n = node[4 * n + CHILD + b];
                continue;
            }
            return live(n, 1 - b) ? d + 1 : d;
        }
    }

    private void compress() {
        view = new int[5 * Math.max(1, nodes)];
        int[] count = {1};
        link(0, 0, 0, 0, count);
        stale = false;
    }

    // the compressed node vn ends at tree node n (depth d, path bits); its children follow each branch down to the
    // next node with rules or two branches
    private void link(int vn, int n, int d, long path, int[] count) {
        view[5 * vn + PATH] = (int) path;
        view[5 * vn + DEPTH] = d;
        view[5 * vn + HAS_RULES] = node[4 * n + RULES] > 0 ? 1 : 0;
        for (int b = 0; b < 2; b++) {
            int c = node[4 * n + CHILD + b];
            if (c == 0 || node[4 * c + BELOW] == 0) {
                continue;
            }
            int depth = d + 1;
            long p = path | (long) b << (31 - d);
            while (node[4 * c + RULES] == 0 && depth < 32) {
                int only = live(c, 0) ? live(c, 1) ? -1 : 0 : 1;
                if (only < 0) {
                    break;
                }
                p |= (long) only << (31 - depth);
                c = node[4 * c + CHILD + only];
                depth++;
            }
            int child = count[0]++;
            view[5 * vn + EDGE + b] = child;
            link(child, c, depth, p, count);
        }
    }

    private boolean live(int n, int b) {
        int c = node[4 * n + CHILD + b];
        return c != 0 && node[4 * c + BELOW] > 0;
    }

    private static int bit(long value, int d) {
        return (int) (value >>> (31 - d)) & 1;
    }

    private int newNode() {
        if (4 * nodes == node.length) {
            node = Arrays.copyOf(node, node.length * 2);
        }
        return nodes++;
    }
}
