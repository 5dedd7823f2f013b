package io.arplab.tools.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.lab.ReferenceLab;
import org.junit.jupiter.api.Test;

/** bridge fdb and bridge link: filters, user entries, ageing notifications, errors. */
class BridgeTest {
    private static final long S = 1_000_000_000L;

    private static void assertFails(Lab lab, String cmd, int rc, String stderr) {
        Lab.Result r = lab.exec("host", cmd);
        assertThat(r.stderr()).as(cmd).isEqualTo(stderr + "\n");
        assertThat(r.exitCode()).as(cmd).isEqualTo(rc);
    }

    @Test
    void staticEntriesFiltersAndErrors() {
        Lab lab = ReferenceLab.build(9);
        lab.runFor(S);
        var mon = ReferenceLab.start(lab, "host", "ip monitor neigh");
        ReferenceLab.run(lab, "host", "bridge fdb add 02:00:00:00:00:99 dev veth-node2 master static");
        assertThat(ReferenceLab.run(lab, "host", "bridge fdb show dev veth-node2")).isEqualTo("""
                02:00:00:00:00:99 master br-arp_lan static
                ee:ee:ee:1c:00:0c master br-arp_lan permanent
                33:33:00:00:00:01 self permanent
                01:00:5e:00:00:01 self permanent
                """);
        assertThat(ReferenceLab.run(lab, "host", "bridge fdb show br br-net18 state permanent")).isEqualTo("""
                33:33:00:00:00:01 dev br-net18 self permanent
                01:00:5e:00:00:6a dev br-net18 self permanent
                33:33:00:00:00:6a dev br-net18 self permanent
                01:00:5e:00:00:01 dev br-net18 self permanent
                02:42:5a:3c:7e:21 dev br-net18 master br-net18 permanent
                ee:ee:ee:12:00:02 dev veth-node4 master br-net18 permanent
                33:33:00:00:00:01 dev veth-node4 self permanent
                01:00:5e:00:00:01 dev veth-node4 self permanent
                """);
        assertFails(lab, "bridge fdb add 02:00:00:00:00:99 dev veth-node2 master static", 255,
                "RTNETLINK answers: File exists");
        ReferenceLab.run(lab, "host", "bridge fdb del 02:00:00:00:00:99 dev veth-node2 master");
        assertFails(lab, "bridge fdb del 02:00:00:00:00:99 dev veth-node2 master", 255,
                "RTNETLINK answers: No such file or directory");
        assertFails(lab, "bridge fdb show br br-nope", 255, "Cannot find bridge device \"br-nope\"");
        assertFails(lab, "bridge fdb add 02:00:00:00:00:99 dev veth-nope master", 255,
                "Cannot find device \"veth-nope\"");
        assertFails(lab, "bridge fdb add zz dev veth-node2 master", 255, "Invalid mac address zz");
        assertFails(lab, "bridge fdb add 02:00:00:00:00:99 master", 255, "Device and address are required arguments.");
        assertFails(lab, "bridge frob", 255, "Object \"frob\" is unknown, try \"bridge help\".");
        assertThat(mon.stop()).isEqualTo("""
                dev veth-node2 lladdr 02:00:00:00:00:99 NOARP\s
                Deleted dev veth-node2 lladdr 02:00:00:00:00:99 NOARP\s
                """);
        // a node has no bridge: only its own multicast memberships
        assertThat(ReferenceLab.run(lab, "node1", "bridge fdb")).isEqualTo("""
                33:33:00:00:00:01 dev eth0 self permanent
                01:00:5e:00:00:01 dev eth0 self permanent
                """);
    }

    @Test
    void learnedEntriesAgeOutWithANotification() {
        Lab lab = ReferenceLab.build(9);
        lab.runFor(S);
        var mon = ReferenceLab.start(lab, "host", "ip monitor neigh");
        ReferenceLab.run(lab, "node1", "ping -c1 172.28.0.12");
        assertThat(ReferenceLab.run(lab, "host", "bridge fdb show dynamic")).isEqualTo("""
                02:42:ac:1c:00:0b dev veth-node1 master br-arp_lan\s
                02:42:ac:1c:00:0c dev veth-node2 master br-arp_lan\s
                """);
        lab.runFor(320 * S); // node2 probed node1 5 s after the ping, refreshing both entries
        assertThat(ReferenceLab.run(lab, "host", "bridge fdb show dynamic")).isEmpty();
        assertThat(mon.stop()).isEqualTo("""
                dev veth-node1 lladdr 02:42:ac:1c:00:0b REACHABLE\s
                dev veth-node2 lladdr 02:42:ac:1c:00:0c REACHABLE\s
                Deleted dev veth-node2 lladdr 02:42:ac:1c:00:0c STALE\s
                Deleted dev veth-node1 lladdr 02:42:ac:1c:00:0b STALE\s
                """);
        ReferenceLab.run(lab, "node1", "ping -c1 172.28.0.12");
        ReferenceLab.run(lab, "host", "bridge fdb flush dev br-arp_lan");
        assertThat(ReferenceLab.run(lab, "host", "bridge fdb show dynamic")).isEmpty();
    }
}
