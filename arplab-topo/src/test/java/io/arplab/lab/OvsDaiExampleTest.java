package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * examples/security/ovs-dai.txt: Open vSwitch as an ARP guard. A spoofed ARP (the victim's address with the
 * attacker's MAC) is dropped by the spoof-guard flows and the server's entry for the victim keeps the victim's MAC;
 * an ARP flood of 200 requests at 100/s is cut by the port's meter (pktps, rate 5, burst 5; its token bucket is
 * checked against OVS 3.1 by topo.OvsMetersTest) to the burst plus 5 a second.
 */
class OvsDaiExampleTest {
    @Test
    void spoofedArpIsDroppedAndAFloodIsCutToTheMetersRate() throws IOException {
        String out = SecurityExamplesTest.run("ovs-lab.yaml", "ovs-dai.txt", 1);
        // the server's entry for the victim, before and after the spoofed replies: the victim's MAC both times
        assertThat(out.lines().filter(l -> l.startsWith("10.0.0.11 dev eth0")).toList()).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("lladdr 02:00:00:00:00:11"));
        // the three spoofed replies hit the drop rule; the victim's own ARP went through its meter
        assertThat(out).contains("priority=100,arp actions=drop")
                .containsPattern("n_packets=3, n_bytes=\\d+, priority=100,arp actions=drop");
        // 200 requests in 1.99 s: a full bucket of 5, then one every 200 ms: 14 pass, 186 dropped
        assertThat(out).containsPattern("meter:3 flow_count:1 packet_in_count:200 byte_in_count:\\d+ duration:\\S+ "
                + "bands:\n0: packet_count:186 byte_count:\\d+\n");
    }
}
