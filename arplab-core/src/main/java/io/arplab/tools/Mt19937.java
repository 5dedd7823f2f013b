package io.arplab.tools;

/**
 * Matsumoto and Nishimura's MT19937 as mt19937ar.c has it (arp-scan 1.10.0 shuffles its host list with it):
 * init_genrand(), genrand_int32() and genrand_real2(), 32-bit words in ints.
 */
final class Mt19937 {
    private static final int N = 624, M = 397;
    private static final int MATRIX_A = 0x9908b0df, UPPER_MASK = 0x80000000, LOWER_MASK = 0x7fffffff;
    private final int[] mt = new int[N];
    private int mti;

    /** init_genrand(s): the state from a 32-bit seed. */
    Mt19937(int seed) {
        mt[0] = seed;
        for (mti = 1; mti < N; mti++) {
            mt[mti] = 1812433253 * (mt[mti - 1] ^ mt[mti - 1] >>> 30) + mti;
        }
    }

    /** genrand_int32(): the next word of [0, 2^32), as an unsigned in a long. */
    long nextInt32() {
        int y;
        if (mti >= N) {
            int kk;
            for (kk = 0; kk < N - M; kk++) {
                y = mt[kk] & UPPER_MASK | mt[kk + 1] & LOWER_MASK;
                mt[kk] = mt[kk + M] ^ y >>> 1 ^ ((y & 1) != 0 ? MATRIX_A : 0);
            }
            for (; kk < N - 1; kk++) {
                y = mt[kk] & UPPER_MASK | mt[kk + 1] & LOWER_MASK;
                mt[kk] = mt[kk + (M - N)] ^ y >>> 1 ^ ((y & 1) != 0 ? MATRIX_A : 0);
            }
            y = mt[N - 1] & UPPER_MASK | mt[0] & LOWER_MASK;
            mt[N - 1] = mt[M - 1] ^ y >>> 1 ^ ((y & 1) != 0 ? MATRIX_A : 0);
            mti = 0;
        }
        y = mt[mti++];
        y ^= y >>> 11;
        y ^= y << 7 & 0x9d2c5680;
        y ^= y << 15 & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffff_ffffL;
    }

    /** genrand_real2(): a double of [0, 1), the next word divided by 2^32. */
    double nextReal2() {
        return nextInt32() * (1.0 / 4294967296.0);
    }
}
