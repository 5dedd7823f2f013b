package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Where the hooks run: the ip family's input (ip_local_deliver()), the arp family's output (arp_xmit()), the bridge
 * family's forward per egress port (__br_forward()) and input (br_pass_frame_up()), on br0 with n1, n2, n3.
 */
class NftHooksTest {
    private static int ping(Lab lab, String from, String to) {
        return lab.exec(from, "ping -c1 -W1 -q " + to).exitCode();
    }

    private static void nft(Lab lab, String node, String... commands) {
        for (String c : commands) {
            Lab.Result r = lab.exec(node, "nft " + c);
            assertThat(r.stderr()).as(c).isEmpty();
            assertThat(r.exitCode()).as(c).isZero();
        }
    }

    @Test
    void ipInputDropsOneSourceOnly() {
        Lab lab = BridgeRecordingTest.lab3();
        nft(lab, "n1", "add table ip filter", "add chain ip filter input '{ type filter hook input priority 0; }'",
                "add rule ip filter input ip saddr 172.28.0.12 counter drop");
        assertThat(ping(lab, "n2", "172.28.0.11")).isEqualTo(1);
        assertThat(ping(lab, "n3", "172.28.0.11")).isZero();
        assertThat(lab.exec("n1", "nft list ruleset").stdout()).contains("counter packets 1 bytes 84 drop");
    }

    @Test
    void arpOutputDropsTheHostsOwnRequests() {
        Lab lab = BridgeRecordingTest.lab3();
        nft(lab, "n1", "add table arp filter", "add chain arp filter output '{ type filter hook output priority 0; }'",
                "add rule arp filter output arp operation request counter drop");
        assertThat(ping(lab, "n1", "172.28.0.12")).isEqualTo(1);
        lab.runFor(3_000_000_000L); // ucast_solicit + mcast_solicit probes, a second apart, all dropped
        assertThat(lab.exec("n1", "ip neigh show 172.28.0.12").stdout()).contains("FAILED");
        assertThat(lab.exec("n1", "nft list ruleset").stdout()).contains("counter packets 3 bytes 84 drop");
    }

    @Test
    void bridgeForwardFiltersPerEgressPortAndInputThePortsToTheHost() {
        Lab lab = BridgeRecordingTest.lab3();
        nft(lab, "host", "add table bridge filter",
                "add chain bridge filter forward '{ type filter hook forward priority 0; }'",
                "add rule bridge filter forward oifname veth-n3 drop",
                "add chain bridge filter input '{ type filter hook input priority 0; }'",
                "add rule bridge filter input iifname veth-n2 drop");
        assertThat(ping(lab, "n1", "172.28.0.13")).isEqualTo(1); // the flooded request never reaches n3
        assertThat(ping(lab, "n1", "172.28.0.12")).isZero();
        assertThat(ping(lab, "n2", "172.28.0.1")).isEqualTo(1);
        assertThat(ping(lab, "n1", "172.28.0.1")).isZero();
    }
}
