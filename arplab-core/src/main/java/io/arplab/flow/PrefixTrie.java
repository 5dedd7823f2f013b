package io.arplab.flow;

import java.util.Arrays;

/**
 * A longest-prefix tree over 32-bit values (lib/classifier.c's cls_trie and a subtable's ports trie): how many rules
 * have each prefix. OVS compresses paths; this tree keeps one node per bit, which answers {@link #lookup} exactly as
 * trie_lookup_value() does: a node exists while rules lie below it.
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
        int n = 0;
        node[BELOW]--;
        for (int d = 0; d < plen; d++) {
            n = node[4 * n + CHILD + bit(value, d)];
            node[4 * n + BELOW]--;
        }
        node[4 * n + RULES]--;
    }

    /**
     * trie_lookup_value(): the number of leading bits of {@code value} the walk examined (the first differing bit
     * included, when another branch exists), and in {@link #plens} the prefix lengths of rules on its path.
     */
    int lookup(long value, int nBits) {
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
            int c = node[4 * n + CHILD + b];
            if (c != 0 && node[4 * c + BELOW] > 0) {
                n = c;
                continue;
            }
            int other = node[4 * n + CHILD + 1 - b];
            return other != 0 && node[4 * other + BELOW] > 0 ? d + 1 : d;
        }
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
