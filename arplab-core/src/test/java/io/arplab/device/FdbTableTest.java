package io.arplab.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bridge's open-addressing FDB table keeps what a map keyed by (VLAN, MAC) keeps, through growth and deletions. */
class FdbTableTest {
    @Test
    void addsReplacesAndRemovesAsAMapByVlanAndMac() {
        FdbTable table = new FdbTable();
        Map<Long, FdbEntry> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(11);
        long order = 0;
        for (int step = 0; step < 200_000; step++) {
            // few distinct keys, so chains collide and deletions shift entries back across them
            long mac = 0x0242_0000_0000L | random.nextInt(3000);
            int vid = random.nextInt(3);
            long key = (long) vid << 48 | mac;
            if (random.nextInt(3) == 0) {
                assertThat(table.remove(mac, vid)).isSameAs(reference.remove(key));
            } else {
                FdbEntry e = FdbEntry.of(mac, vid, 1, step, random.nextBoolean(), false, order++);
                assertThat(table.put(e)).isSameAs(reference.put(key, e));
            }
            long probe = 0x0242_0000_0000L | random.nextInt(3000);
            int probeVid = random.nextInt(3);
            assertThat(table.get(probe, probeVid)).isSameAs(reference.get((long) probeVid << 48 | probe));
        }
        assertThat(table.values()).containsExactlyInAnyOrderElementsOf(reference.values());
        for (Map.Entry<Long, FdbEntry> r : reference.entrySet()) {
            assertThat(table.get(r.getKey() & 0xffff_ffff_ffffL, (int) (r.getKey() >>> 48))).isSameAs(r.getValue());
        }
    }
}
