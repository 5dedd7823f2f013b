package io.arplab.flow;

/**
 * A mask over the flow's fields and the indexes it keeps: the hash of a key under it and the masked comparison
 * (lib/classifier.c's minimask hashing, as its subtables and dpcls' masks both use it).
 */
class MaskedFields {
    final long[] mask;
    /** The indexes of the fields the mask does not wildcard entirely. */
    final int[] fields;

    MaskedFields(long[] mask) {
        this.mask = mask;
        int n = 0;
        for (long m : mask) {
            n += m != 0 ? 1 : 0;
        }
        fields = new int[n];
        for (int i = 0, j = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                fields[j++] = i;
            }
        }
    }

    static final long SEED = 0x9e3779b97f4a7c15L;

    static long mix(long h, long x) {
        h = (h ^ x) * 0xbf58476d1ce4e5b9L;
        return h ^ h >>> 31;
    }

    final long hash(long[] v) {
        long h = SEED;
        for (int i : fields) {
            h = mix(h, v[i] & mask[i]);
        }
        return h;
    }

    /** Whether {@code a} and {@code b} agree on every bit the mask keeps. */
    final boolean sameUnderMask(long[] a, long[] b) {
        for (int i : fields) {
            if (((a[i] ^ b[i]) & mask[i]) != 0) {
                return false;
            }
        }
        return true;
    }
}
