package io.arplab.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Elements found by name through the table's growth; a repeated name stays with its first element. */
class NameHashTest {
    @Test
    void findsEveryNameAndKeepsTheFirstOfARepeatedOne() {
        List<String> names = new ArrayList<>();
        NameHash hash = new NameHash(names::get);
        for (int i = 0; i < 100_000; i++) {
            names.add(i % 1000 == 999 ? "veth" + (i - 1) : "veth" + i); // every thousandth repeats its predecessor
            hash.add(i);
        }
        for (int i = 0; i < 100_000; i++) {
            assertThat(hash.get(names.get(i))).isEqualTo(i % 1000 == 999 ? i - 1 : i);
        }
        assertThat(hash.get("veth999")).isEqualTo(-1);
        assertThat(hash.get("eth0")).isEqualTo(-1);
    }
}
