package io.arplab.flow;

/**
 * A mask over the flow's fields and the indexes it keeps: the hash of a key under it and the masked comparison
 * (lib/classifier.c's minimask hashing, as its subtables and dpcls' masks both use it).
 */
class MaskedFields {
    final long[] mask;
    /** The indexes of the fields the mask does not wildcard entirely. */
    final int[] fields;
    /** The mask of each of {@link #fields}, in their order (read without going through the whole mask). */
    final long[] fieldMasks;

    MaskedFields(long[] mask) {
        this.mask = mask;
        int n = 0;
        for (long m : mask) {
            n += m != 0 ? 1 : 0;
        }
        fields = new int[n];
        fieldMasks = new long[n];
        for (int i = 0, j = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                fieldMasks[j] = mask[i];
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
        int[] f = fields;
        long[] m = fieldMasks;
        long h = SEED;
        for (int j = 0; j < f.length; j++) {
            h = mix(h, v[f[j]] & m[j]);
        }
        return h;
    }

    /** {@link #hash} of any key under a mask of two fields whose masked values are {@code v0} and {@code v1}. */
    static long hash(long v0, long v1) {
        return mix(mix(SEED, v0), v1);
    }

    /** {@link #hash} of any key whose masked values are the {@code n} words of {@code r} from {@code o} (a record). */
    static long recordHash(long[] r, int o, int n) {
        long h = SEED;
        for (int j = 0; j < n; j++) {
            h = mix(h, r[o + j]);
        }
        return h;
    }

    /** Whether {@code a} and {@code b} agree on every bit the mask keeps. */
    final boolean sameUnderMask(long[] a, long[] b) {
        int[] f = fields;
        long[] m = fieldMasks;
        for (int j = 0; j < f.length; j++) {
            if (((a[f[j]] ^ b[f[j]]) & m[j]) != 0) {
                return false;
            }
        }
        return true;
    }
}
