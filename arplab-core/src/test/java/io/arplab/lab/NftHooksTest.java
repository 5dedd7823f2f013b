package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Where the hooks run: the ip family's input (ip_local_deliver()) and forward (ip_forward(), on a router between two
 * bridges), the arp family's output (arp_xmit()), the bridge family's forward per egress port (__br_forward()) and
 * input (br_pass_frame_up()), on br0 with n1, n2, n3.
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
        // arp_xmit()'s skb->len counts the link header: 42 bytes a request (refdata/local/nft/random/12.out)
        assertThat(lab.exec("n1", "nft list ruleset").stdout()).contains("counter packets 3 bytes 126 drop");
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

    @Test
    void ipForwardSeesRoutedPacketsWithBothInterfaces() {
        Lab lab = new Lab(3);
        io.arplab.device.Host host = lab.addHost("host");
        host.stack().setIpForward(true);
        io.arplab.device.LinuxBridge a = lab.addBridge("br0", io.arplab.wire.MacAddress.parse("02:42:8e:ff:44:b3"),
                host, "172.28.0.1/16");
        io.arplab.device.LinuxBridge b = lab.addBridge("br1", io.arplab.wire.MacAddress.parse("02:42:8e:ff:44:b4"),
                host, "172.29.0.1/16");
        io.arplab.device.Host n1 = lab.addHost("n1");
        lab.attach(n1, "eth0", io.arplab.wire.MacAddress.parse("02:42:ac:1c:00:0b"), "172.28.0.11/16", a, "veth-n1",
                io.arplab.wire.MacAddress.parse("ee:42:ac:1c:00:0b"));
        lab.defaultRoute(n1, io.arplab.wire.Ipv4Address.parse("172.28.0.1"));
        io.arplab.device.Host n2 = lab.addHost("n2");
        lab.attach(n2, "eth0", io.arplab.wire.MacAddress.parse("02:42:ac:1d:00:0c"), "172.29.0.12/16", b, "veth-n2",
                io.arplab.wire.MacAddress.parse("ee:42:ac:1d:00:0c"));
        lab.defaultRoute(n2, io.arplab.wire.Ipv4Address.parse("172.29.0.1"));
        lab.runFor(2_000_000_000L);
        assertThat(ping(lab, "n1", "172.29.0.12")).isZero();
        nft(lab, "host", "add table ip filter", "add chain ip filter forward '{ type filter hook forward priority 0; }'",
                "add rule ip filter forward iifname br0 oifname br1 ip saddr 172.28.0.11 counter drop");
        assertThat(ping(lab, "n1", "172.29.0.12")).isEqualTo(1);
        assertThat(ping(lab, "n1", "172.29.0.1")).isZero(); // the router's own address: input, not forward
        assertThat(lab.exec("host", "nft list ruleset").stdout()).contains("counter packets 1 bytes 84 drop");
    }
}
