package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * dpcls_lookup() in one subtable against a scan of its megaflows, through installs, deletions (linear probing's
 * backward shift) and clears: a lookup finds the newest megaflow whose key agrees with the packet's under the mask,
 * or none. Few distinct values, so that megaflows share slots and probe runs wrap.
 */
class DpclsSubtableTest {
    private static final Slot[] FIELDS = {Slot.IN_PORT, Slot.NW_DST, Slot.TP_DST};

    @Test
    void lookupsFindTheNewestMegaflowAgreeingUnderTheMaskThroughInstallsAndDeletions() {
        SplittableRandom rnd = new SplittableRandom(8);
        long[] mask = new long[Slot.ALL.length];
        mask[Slot.IN_PORT.ordinal()] = 0xffff;
        mask[Slot.NW_DST.ordinal()] = 0xffffff00L;
        DpclsSubtable t = new DpclsSubtable(mask);
        List<Megaflow> installed = new ArrayList<>(); // oldest first
        for (int step = 0; step < 20_000; step++) {
            int op = rnd.nextInt(10);
            if (op < 5 || installed.isEmpty()) {
                long[] k = key(rnd);
                Megaflow m = new Megaflow(null, k, t, "", null, null);
                t.insert(m, k);
                installed.add(m);
            } else if (op < 9) {
                t.remove(installed.remove(rnd.nextInt(installed.size())));
            } else if (rnd.nextInt(200) == 0) {
                t.clear();
                installed.clear();
            }
            for (int probe = 0; probe < 4; probe++) {
                long[] k = key(rnd);
                assertThat(t.lookup(k)).isSameAs(scan(installed, k, mask));
            }
            assertThat(t.isEmpty()).isEqualTo(installed.isEmpty());
        }
    }

    private static long[] key(SplittableRandom rnd) {
        long[] k = new long[Slot.ALL.length];
        k[FIELDS[0].ordinal()] = rnd.nextInt(4);
        k[FIELDS[1].ordinal()] = 0x0a000000L | rnd.nextInt(64) << 8 | rnd.nextInt(256);
        k[FIELDS[2].ordinal()] = rnd.nextInt(3); // outside the mask
        return k;
    }

    private static Megaflow scan(List<Megaflow> installed, long[] k, long[] mask) {
        for (int i = installed.size() - 1; i >= 0; i--) {
            Megaflow m = installed.get(i);
            boolean same = true;
            for (int f = 0; f < mask.length; f++) {
                same &= ((m.key(f) ^ k[f]) & mask[f]) == 0;
            }
            if (same) {
                return m;
            }
        }
        return null;
    }
}
