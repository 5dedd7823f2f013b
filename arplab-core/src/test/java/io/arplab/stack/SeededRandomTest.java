package io.arplab.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A host's random source draws exactly what {@link SplittableRandom} draws, split for split: runs stay identical. */
class SeededRandomTest {
    private static final long[] SEEDS = {0, 1, 7, 42, -1, Long.MIN_VALUE, 0x746f_706f_6c6f_6779L, 123_456_789_012L};
    /** Bounds of every kind: powers of two, odd, near the type's limit (where rejection happens most). */
    private static final int[] INT_BOUNDS = {1, 2, 3, 10, 0x10000, 1 << 28, 1_000_003, Integer.MAX_VALUE,
        (1 << 30) + 1};
    private static final long[] LONG_BOUNDS = {1, 2, 3, 15_000, 30_000, 1L << 40, Long.MAX_VALUE, (1L << 62) + 1,
        Long.MAX_VALUE / 3 * 2};

    @Test
    void drawsTheSameValuesAsSplittableRandomThroughSplitsAndBounds() {
        for (long seed : SEEDS) {
            SplittableRandom jdk = new SplittableRandom(seed);
            SeededRandom ours = new SeededRandom(seed);
            for (int round = 0; round < 200; round++) {
                // a lab splits one source per host; each host draws from its own
                SplittableRandom jdkHost = jdk.split();
                SeededRandom ourHost = ours.split();
                for (int i = 0; i < 50; i++) {
                    assertThat(ourHost.nextInt()).isEqualTo(jdkHost.nextInt());
                    assertThat(ourHost.nextLong()).isEqualTo(jdkHost.nextLong());
                    for (int b : INT_BOUNDS) {
                        assertThat(ourHost.nextInt(b)).isEqualTo(jdkHost.nextInt(b));
                    }
                    for (long b : LONG_BOUNDS) {
                        assertThat(ourHost.nextLong(b)).isEqualTo(jdkHost.nextLong(b));
                    }
                }
                assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
            }
        }
    }

    @Test
    void refusesABoundThatIsNotPositiveAsTheJdkDoes() {
        assertThatThrownBy(() -> new SeededRandom(1).nextInt(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeededRandom(1).nextLong(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SplittableRandom(1).nextLong(-5)).isInstanceOf(IllegalArgumentException.class);
    }
}
