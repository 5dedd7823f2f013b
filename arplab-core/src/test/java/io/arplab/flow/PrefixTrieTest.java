package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The path-compressed view answers as the one-node-per-bit tree does, through inserts and removals. */
class PrefixTrieTest {
    @Test
    void compressedLookupsAgreeWithTheBitWalk() {
        SplittableRandom rnd = new SplittableRandom(8);
        PrefixTrie t = new PrefixTrie();
        List<long[]> in = new ArrayList<>();
        for (int round = 0; round < 400; round++) {
            if (in.isEmpty() || rnd.nextInt(3) > 0) {
                // clustered values (10.0.x.y and a few others), so that paths share long prefixes and branch
                long v = rnd.nextBoolean() ? 0x0a000000L | rnd.nextInt(1 << 12) : rnd.nextLong() & 0xffffffffL;
                int plen = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(32) : 32;
                t.insert(v, plen);
                in.add(new long[] {v, plen});
            } else {
                long[] r = in.remove(rnd.nextInt(in.size()));
                t.remove(r[0], (int) r[1]);
            }
            for (int q = 0; q < 20; q++) {
                long v = q % 2 == 0 && !in.isEmpty() ? in.get(rnd.nextInt(in.size()))[0] ^ (1L << rnd.nextInt(32))
                        : 0x0a000000L | rnd.nextInt(1 << 13);
                int bits = q % 5 == 0 ? 1 + rnd.nextInt(32) : 32;
                int walked = t.walk(v, bits);
                int plens = t.plens;
                assertThat(t.lookup(v, bits)).as("lookup %08x/%d", v, bits).isEqualTo(walked);
                assertThat(t.plens).as("plens %08x/%d", v, bits).isEqualTo(plens);
            }
        }
    }
}
