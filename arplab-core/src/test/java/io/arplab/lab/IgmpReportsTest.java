package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.observe.MemoryCapture;
import io.arplab.wire.MacAddress;
import io.arplab.wire.pcap.PcapRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A snooping bridge's IGMPv3 reports for 224.0.0.106 as a node behind it saw them on kernel 6.18: two CHANGE_TO_EXCLUDE
 * reports on coming up, two CHANGE_TO_INCLUDE when snooping is turned off (br_multicast_leave_snoopers()), two
 * CHANGE_TO_EXCLUDE when turned on again, none on going down (ip_mc_down() stops the timer), two on coming up again.
 */
class IgmpReportsTest {
    private static final long S = 1_000_000_000L;

    @Test
    void reportsFollowTheSnoopersGroup() {
        Lab lab = new Lab(7);
        Host host = lab.addHost("host");
        LinuxBridge br0 = lab.addBridge("br0", MacAddress.parse("02:42:8e:ff:44:b3"), host, "172.28.0.1/16");
        lab.attach(lab.addHost("a"), "eth0", MacAddress.parse("02:42:ac:1c:00:0b"), "172.28.0.11/16", br0, "veth-a",
                MacAddress.parse("ee:42:ac:1c:00:0b"));
        MemoryCapture c = new MemoryCapture();
        lab.capture("a", "eth0", c);
        lab.runFor(2 * S);
        lab.exec("host", "ip link set br0 type bridge mcast_snooping 0");
        lab.runFor(2 * S);
        lab.exec("host", "ip link set br0 type bridge mcast_snooping 1");
        lab.runFor(2 * S);
        lab.exec("host", "ip link set br0 down");
        lab.exec("host", "ip link set br0 up");
        lab.runFor(2 * S);
        List<String> records = new ArrayList<>();
        for (PcapRecord r : c.records()) {
            byte[] f = r.data();
            // 14 + 24 (IP with Router Alert): type 0x22, one record of type 3 (TO_IN) or 4 (TO_EX) for 224.0.0.106
            assertThat(f).hasSize(54);
            assertThat(f[23]).isEqualTo((byte) 2);
            assertThat(f[38]).isEqualTo((byte) 0x22);
            assertThat(new byte[] {f[50], f[51], f[52], f[53]}).containsExactly(0xe0, 0, 0, 0x6a);
            records.add(f[46] == 3 ? "to_in" : f[46] == 4 ? "to_ex" : "?" + f[46]);
        }
        assertThat(records).containsExactly("to_ex", "to_ex", "to_in", "to_in", "to_ex", "to_ex", "to_ex", "to_ex");
        assertThat(lab.exec("host", "ip -s neigh show nud all").stdout()).contains("224.0.0.22 dev br0");
    }
}
