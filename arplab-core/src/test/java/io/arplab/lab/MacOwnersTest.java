package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.stack.SeededRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The MAC clash table answers as a map of 48-bit keys: keys differing in the high 16 bits alone stay apart. */
class MacOwnersTest {
    @Test
    void answersAsAMapThroughGrowth() {
        Host[] hosts = new Host[7];
        for (int i = 0; i < hosts.length; i++) {
            hosts[i] = new Host("h" + i, new SeededRandom(i), 0, 0);
        }
        MacOwners table = new MacOwners();
        Map<Long, Host> expected = new HashMap<>();
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            long mac = r.nextLong() & 0xffff_ffff_ffffL;
            long twin = mac ^ (1L + r.nextInt(0xffff)) << 32; // the same low 32 bits
            for (long m : new long[] {mac, twin, i, (long) i << 32}) {
                Host h = hosts[r.nextInt(hosts.length)];
                table.put(m, h);
                expected.put(m, h);
            }
        }
        for (Map.Entry<Long, Host> e : expected.entrySet()) {
            assertThat(table.get(e.getKey())).isSameAs(e.getValue());
            assertThat(table.contains(e.getKey())).isTrue();
        }
        for (int i = 0; i < 20_000; i++) {
            long m = r.nextLong() & 0xffff_ffff_ffffL;
            assertThat(table.get(m)).isSameAs(expected.get(m));
        }
        assertThat(table.get(0xffff_ffff_ffffL)).isSameAs(expected.get(0xffff_ffff_ffffL));
    }
}
