package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * IFLA_CARRIER_CHANGES of a veth pair as `ip -s -s link` prints it: each end starts at 2 (veth_newlink()), and
 * veth_open() / veth_close() count on both ends only when the pair's carrier actually changes. Recorded on kernel
 * 6.18 (namespaces a and b, `ip link add eth0 type veth peer name eth0 netns b`, both up, then the same link
 * commands as below): 2 2, 3 3 (a down), 4 4 (a up), 5 5 (b down, then a down: a had no carrier already),
 * 5 5 (a up while b is down).
 */
class VethCarrierChangesTest {
    private static final Pattern CARRIER = Pattern.compile("TX errors:.*\\n\\s+(?:\\d+\\s+){4}(\\d+)");

    @Test
    void bothEndsCountOnlyRealCarrierChanges() {
        try (Lab lab = new Lab(1)) {
            var a = lab.addHost("a");
            var b = lab.addHost("b");
            lab.link(a, "eth0", MacAddress.parse("02:42:0b:00:00:01"), "10.1.0.1/30", b, "eth0",
                    MacAddress.parse("02:42:0b:00:00:02"), "10.1.0.2/30");
            List<String> seen = new ArrayList<>();
            seen.add(changes(lab));
            lab.exec("a", "ip link set eth0 down");
            seen.add(changes(lab));
            lab.exec("a", "ip link set eth0 up");
            seen.add(changes(lab));
            lab.exec("b", "ip link set eth0 down");
            lab.exec("a", "ip link set eth0 down");
            seen.add(changes(lab));
            lab.exec("a", "ip link set eth0 up");
            seen.add(changes(lab));
            assertThat(seen).containsExactly("2 2", "3 3", "4 4", "5 5", "5 5");
        }
    }

    private static String changes(Lab lab) {
        return carrier(lab.exec("a", "ip -s -s link show eth0").stdout()) + " "
                + carrier(lab.exec("b", "ip -s -s link show eth0").stdout());
    }

    private static String carrier(String out) {
        Matcher m = CARRIER.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }
}
