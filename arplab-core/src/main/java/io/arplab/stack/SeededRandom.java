package io.arplab.stack;

/**
 * A host's seeded random source: {@link java.util.SplittableRandom}'s algorithm (SplitMix64) and the same values for
 * the same seed and splits, in two longs. The JDK's class carries a proxy object besides (48 B a host, 32 B here).
 * The kernel draws from get_random_u32(); the seed stands in for its entropy so that runs are reproducible. A
 * namespace extends it ({@code Netns}), continuing the source it was handed, so a host's source is two of its fields.
 */
public class SeededRandom {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;
    private final long gamma;

    /** The values {@code new SplittableRandom(seed)} gives. */
    public SeededRandom(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    private SeededRandom(long seed, long gamma) {
        this.seed = seed;
        this.gamma = gamma;
    }

    /** Continues {@code from}'s sequence (which its holder then no longer draws from). */
    SeededRandom(SeededRandom from) {
        this(from.seed, from.gamma);
    }

    /** A new source, as {@link java.util.SplittableRandom#split()}. */
    public final SeededRandom split() {
        return new SeededRandom(nextLong(), mixGamma(nextSeed()));
    }

    public final long nextLong() {
        return mix64(nextSeed());
    }

    public final int nextInt() {
        return mix32(nextSeed());
    }

    /** A value in [0, bound), as the JDK's RandomSupport.boundedNextInt. */
    public final int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        int m = bound - 1;
        int r = nextInt();
        if ((bound & m) == 0) {
            return r & m;
        }
        for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
            // rejects the values that would bias the result
        }
        return r;
    }

    /** A value in [0, bound), as the JDK's RandomSupport.boundedNextLong. */
    public final long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        long m = bound - 1;
        long r = nextLong();
        if ((bound & m) == 0L) {
            return r & m;
        }
        for (long u = r >>> 1; u + m - (r = u % bound) < 0L; u = nextLong() >>> 1) {
            // rejects the values that would bias the result
        }
        return r;
    }

    private long nextSeed() {
        return seed += gamma;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int n = Long.bitCount(z ^ (z >>> 1));
        return n < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}
