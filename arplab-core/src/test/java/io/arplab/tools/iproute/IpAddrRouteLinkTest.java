package io.arplab.tools.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.lab.ReferenceLab;
import org.junit.jupiter.api.Test;

/** ip address, ip route, ip link set, ip ntable: formats and errors. */
class IpAddrRouteLinkTest {
    private static final long S = 1_000_000_000L;

    private static Lab lab() {
        Lab lab = ReferenceLab.build(5);
        lab.runFor(S);
        return lab;
    }

    private static void assertFails(Lab lab, String node, String cmd, int rc, String stderr) {
        Lab.Result r = lab.exec(node, cmd);
        assertThat(r.stderr()).as(cmd).isEqualTo(stderr + "\n");
        assertThat(r.exitCode()).as(cmd).isEqualTo(rc);
    }

    @Test
    void addressAddWithBroadcastAndDelete() {
        Lab lab = lab();
        ReferenceLab.run(lab, "node1", "ip addr add 10.9.0.1/24 brd + dev eth0");
        ReferenceLab.run(lab, "node1", "ip a add 172.28.9.9/16 dev eth0");
        assertThat(ReferenceLab.run(lab, "node1", "ip a s eth0")).isEqualTo("""
                2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000
                    link/ether 02:42:ac:1c:00:0b brd ff:ff:ff:ff:ff:ff link-netns ref-host
                    inet 172.28.0.11/16 scope global eth0
                       valid_lft forever preferred_lft forever
                    inet 10.9.0.1/24 brd 10.9.0.255 scope global eth0
                       valid_lft forever preferred_lft forever
                    inet 172.28.9.9/16 scope global secondary eth0
                       valid_lft forever preferred_lft forever
                """);
        assertThat(ReferenceLab.run(lab, "node1", "ip -br a")).isEqualTo("""
                lo               UNKNOWN        127.0.0.1/8\s
                eth0@if4         UP             172.28.0.11/16 10.9.0.1/24 172.28.9.9/16\s
                """);
        assertThat(ReferenceLab.run(lab, "node1", "ip r")).isEqualTo("""
                default via 172.28.0.1 dev eth0\s
                10.9.0.0/24 dev eth0 proto kernel scope link src 10.9.0.1\s
                172.28.0.0/16 dev eth0 proto kernel scope link src 172.28.0.11\s
                """);
        assertFails(lab, "node1", "ip addr add 10.9.0.1/24 dev eth0", 2, "Error: ipv4: Address already assigned.");
        ReferenceLab.run(lab, "node1", "ip addr del 10.9.0.1/24 dev eth0");
        assertFails(lab, "node1", "ip addr del 10.9.0.1/24 dev eth0", 2, "Error: ipv4: Address not found.");
        assertFails(lab, "node1", "ip addr add 10.9.0.1/24", 1, "Not enough information: \"dev\" argument is required.");
        assertFails(lab, "node1", "ip addr add 10.9.0.1/33 dev eth0", 1,
                "Error: any valid prefix is expected rather than \"10.9.0.1/33\".");
        assertFails(lab, "node1", "ip addr add 10.9.0.1/24 dev eth9", 1, "Cannot find device \"eth9\"");
        assertFails(lab, "node1", "ip addr show dev eth9", 1, "Device \"eth9\" does not exist.");
        assertFails(lab, "node1", "ip link show eth9", 1, "Device \"eth9\" does not exist.");
        assertThat(ReferenceLab.run(lab, "host", "ip -4 -br a")).isEqualTo("""
                lo               UNKNOWN        127.0.0.1/8\s
                br-arp_lan       UP             172.28.0.1/16\s
                br-net18         UP             172.18.0.1/16\s
                """);
    }

    @Test
    void onelineOutput() {
        Lab lab = lab();
        assertThat(ReferenceLab.run(lab, "node1", "ip -o a")).isEqualTo(
                "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n"
                + "2: eth0    inet 172.28.0.11/16 scope global eth0\\       valid_lft forever preferred_lft forever\n");
        assertThat(ReferenceLab.run(lab, "node1", "ip -o link show lo")).isEqualTo(
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default"
                + " qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
    }

    @Test
    void routeAddGetDelete() {
        Lab lab = lab();
        ReferenceLab.run(lab, "node1", "ip route add 10.20.0.0/16 via 172.28.0.1");
        ReferenceLab.run(lab, "node1", "ip route add 10.30.0.0/16 dev eth0 metric 100 src 172.28.0.11");
        ReferenceLab.run(lab, "node1", "ip route add unreachable 10.40.0.0/16");
        assertThat(ReferenceLab.run(lab, "node1", "ip route show")).isEqualTo("""
                default via 172.28.0.1 dev eth0\s
                10.20.0.0/16 via 172.28.0.1 dev eth0\s
                10.30.0.0/16 dev eth0 scope link src 172.28.0.11 metric 100\s
                unreachable 10.40.0.0/16\s
                172.28.0.0/16 dev eth0 proto kernel scope link src 172.28.0.11\s
                """);
        assertThat(ReferenceLab.run(lab, "node1", "ip route show dev eth0 10.20.0.0/16"))
                .isEqualTo("10.20.0.0/16 via 172.28.0.1\s\n");
        assertThat(ReferenceLab.run(lab, "node1", "ip route get 10.20.1.1"))
                .isEqualTo("10.20.1.1 via 172.28.0.1 dev eth0 src 172.28.0.11 uid 0 \n    cache \n");
        assertThat(ReferenceLab.run(lab, "node1", "ip route get 172.28.0.13"))
                .isEqualTo("172.28.0.13 dev eth0 src 172.28.0.11 uid 0 \n    cache \n");
        assertThat(ReferenceLab.run(lab, "node1", "ip route get 172.28.0.11"))
                .isEqualTo("local 172.28.0.11 dev lo src 172.28.0.11 uid 0 \n    cache <local> \n");
        assertFails(lab, "node1", "ip route get 10.40.0.1", 2, "RTNETLINK answers: No route to host");
        assertFails(lab, "node1", "ip route add 10.20.0.0/16 via 172.28.0.1", 2, "RTNETLINK answers: File exists");
        assertFails(lab, "node1", "ip route add 10.50.0.0/16 via 10.99.0.1", 2, "Error: Nexthop has invalid gateway.");
        assertFails(lab, "node1", "ip route add 10.50.0.0/16 via 172.28.0.1 dev eth9", 1, "Cannot find device \"eth9\"");
        ReferenceLab.run(lab, "node1", "ip route replace 10.20.0.0/16 via 172.28.0.12");
        assertThat(ReferenceLab.run(lab, "node1", "ip route show 10.20.0.0/16"))
                .isEqualTo("10.20.0.0/16 via 172.28.0.12 dev eth0\s\n");
        ReferenceLab.run(lab, "node1", "ip route del 10.20.0.0/16");
        assertFails(lab, "node1", "ip route del 10.20.0.0/16", 2, "RTNETLINK answers: No such process");
        ReferenceLab.run(lab, "node1", "ip route del default");
        assertFails(lab, "node1", "ip route get 8.8.8.8", 2, "RTNETLINK answers: Network is unreachable");
    }

    @Test
    void linkSetDownUpAddressMtu() {
        Lab lab = lab();
        ReferenceLab.run(lab, "node1", "ip link set dev eth0 down");
        assertThat(ReferenceLab.run(lab, "node1", "ip link show eth0")).isEqualTo(
                "2: eth0@if4: <BROADCAST,MULTICAST> mtu 1500 qdisc noqueue state DOWN mode DEFAULT group default"
                + " qlen 1000\n    link/ether 02:42:ac:1c:00:0b brd ff:ff:ff:ff:ff:ff link-netns ref-host\n");
        assertThat(ReferenceLab.run(lab, "host", "ip l show veth-node1")).isEqualTo(
                "4: veth-node1@if2: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue master br-arp_lan"
                + " state DOWN mode DEFAULT group default qlen 1000\n"
                + "    link/ether ee:ee:ee:1c:00:0b brd ff:ff:ff:ff:ff:ff link-netns ref-node1\n");
        assertThat(ReferenceLab.run(lab, "host", "bridge link show dev veth-node1")).isEqualTo(
                "4: veth-node1@br-arp_lan: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 master br-arp_lan"
                + " state disabled priority 32 cost 2 \n");
        // an administratively down device takes its routes with it; up brings back only the connected one
        assertThat(ReferenceLab.run(lab, "node1", "ip route")).isEmpty();
        ReferenceLab.run(lab, "node1", "ip link set eth0 up mtu 9000 address 02:42:ac:1c:00:99");
        assertThat(ReferenceLab.run(lab, "node1", "ip route"))
                .isEqualTo("172.28.0.0/16 dev eth0 proto kernel scope link src 172.28.0.11 \n");
        // a port without carrier: the bridge keeps its route, flagged linkdown, once no port has carrier
        for (String n : new String[] {"node1", "node2", "node3"}) {
            ReferenceLab.run(lab, n, "ip link set eth0 down");
        }
        assertThat(ReferenceLab.run(lab, "host", "ip route show dev br-arp_lan"))
                .isEqualTo("172.28.0.0/16 proto kernel scope link src 172.28.0.1 linkdown \n");
        for (String n : new String[] {"node1", "node2", "node3"}) {
            ReferenceLab.run(lab, n, "ip link set eth0 up");
        }
        assertThat(ReferenceLab.run(lab, "node1", "ip -br link show dev eth0"))
                .isEqualTo("eth0@if4         UP             02:42:ac:1c:00:99 <BROADCAST,MULTICAST,UP,LOWER_UP>\s\n");
        assertThat(ReferenceLab.run(lab, "node1", "ip l show eth0")).startsWith("2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 9000 ");
        assertFails(lab, "node1", "ip link set dev eth0 mtu 40", 2, "Error: mtu less than device minimum.");
        assertFails(lab, "node1", "ip link set dev eth0 mtu abc", 255,
                "Error: argument \"abc\" is wrong: Invalid \"mtu\" value\n");
        assertFails(lab, "node1", "ip link set dev eth0 address 01:00:5e:00:00:01", 2,
                "RTNETLINK answers: Cannot assign requested address");
        assertFails(lab, "node1", "ip link set dev eth0 address xx", 1, "\"xx\" is invalid lladdr.");
        assertFails(lab, "node1", "ip link set dev eth9 up", 1, "Cannot find device \"eth9\"");
        assertFails(lab, "node1", "ip link set up", 255, "Not enough information: \"dev\" argument is required.");
    }

    @Test
    void ntableForOneDeviceAndErrors() {
        Lab lab = lab();
        lab.host("node1").stack().device("eth0").arpParms().reachableTime = 31_176_000_000L;
        // arp_tbl's block, then nd_tbl's (it exists with IPv6 off too), whose reachable is its own random draw
        String dev = ReferenceLab.run(lab, "node1", "ip ntable show dev eth0");
        assertThat(dev.replaceAll("reachable \\d+ base", "reachable R base")).isEqualTo("""
                inet arp_cache\s
                    dev eth0\s
                    refcnt 1 reachable R base_reachable 30000 retrans 1000\s
                    gc_stale 60000 delay_probe 5000 queue 101\s
                    app_probes 0 ucast_probes 3 mcast_probes 3\s
                    anycast_delay 1000 proxy_delay 800 proxy_queue 64 locktime 1000\s

                inet6 ndisc_cache\s
                    dev eth0\s
                    refcnt 1 reachable R base_reachable 30000 retrans 1000\s
                    gc_stale 60000 delay_probe 5000 queue 101\s
                    app_probes 0 ucast_probes 3 mcast_probes 3\s
                    anycast_delay 1000 proxy_delay 800 proxy_queue 64 locktime 0\s

                """);
        assertThat(dev).contains("reachable 31176 base");
        assertThat(ReferenceLab.run(lab, "node1", "ip ntable show name ndisc_cache"))
                .startsWith("inet6 ndisc_cache \n    thresh1 128 thresh2 512 thresh3 1024 gc_int 30000 \n");
        assertThat(ReferenceLab.run(lab, "node1", "ip -4 ntable show")).doesNotContain("inet6");
        assertFails(lab, "node1", "ip ntable show dev eth9", 255, "Error: argument \"eth9\" is wrong: \"DEV\" is invalid");
        assertFails(lab, "node1", "ip ntable show foo", 255, "Error: argument \"foo\" is wrong: unknown");
    }

    @Test
    void sysctlMatchesRecordedDumpsAndWrites() {
        Lab lab = lab();
        for (String[] f : new String[][] {{"node1", "s6_sysctls/node1_sysctls.txt"},
            {"host", "s6_sysctls/host_sysctls.txt"}}) {
            for (String line : ReferenceLab.read(f[1]).split("\n")) {
                if (!line.startsWith("net/")) {
                    continue;
                }
                String key = line.substring(0, line.indexOf(" = "));
                assertThat(ReferenceLab.run(lab, f[0], "sysctl " + key)).as(f[0] + " " + key)
                        .isEqualTo(key.replace('/', '.') + line.substring(line.indexOf(" = ")) + "\n");
            }
        }
        assertThat(ReferenceLab.run(lab, "node1", "sysctl -w net.ipv4.neigh.eth0.base_reachable_time_ms=10000"))
                .isEqualTo("net.ipv4.neigh.eth0.base_reachable_time_ms = 10000\n");
        assertThat(ReferenceLab.run(lab, "node1", "sysctl net.ipv4.neigh.eth0.base_reachable_time"))
                .isEqualTo("net.ipv4.neigh.eth0.base_reachable_time = 10\n");
        assertThat(ReferenceLab.run(lab, "node1", "ip ntable show dev eth0"))
                .containsPattern("reachable (\\d{4}) base_reachable 10000 ");
        ReferenceLab.run(lab, "node1", "sysctl net.ipv4.conf.eth0.arp_ignore=1");
        assertThat(lab.host("node1").stack().sysctl("conf.eth0.arp_ignore")).isEqualTo("1");
        ReferenceLab.run(lab, "node1", "sysctl -q net.ipv4.ip_forward=1");
        assertThat(ReferenceLab.run(lab, "node1", "sysctl net.ipv4.conf.eth0.forwarding net.ipv4.ip_forward"))
                .isEqualTo("net.ipv4.conf.eth0.forwarding = 1\nnet.ipv4.ip_forward = 1\n");
        Lab.Result r = lab.exec("node1", "sysctl net.ipv4.neigh.default.base_reachable_time_ms");
        assertThat(r.stderr()).isEqualTo(
                "sysctl: cannot stat /proc/sys/net/ipv4/neigh/default/base_reachable_time_ms: No such file or directory\n");
        assertThat(r.exitCode()).isEqualTo(1);
        // conf keys are proc_dointvec: the kernel takes 9 (refdata/local/sysctl); only non-ints are refused
        r = lab.exec("node1", "sysctl -w net.ipv4.conf.eth0.arp_ignore=9");
        assertThat(r.stdout()).isEqualTo("net.ipv4.conf.eth0.arp_ignore = 9\n");
        r = lab.exec("node1", "sysctl -w net.ipv4.conf.eth0.arp_ignore=2147483648");
        assertThat(r.stderr()).isEqualTo("sysctl: setting key \"net.ipv4.conf.eth0.arp_ignore\": Invalid argument\n");
        assertThat(ReferenceLab.run(lab, "node1", "sysctl net.ipv4.neigh.lo")).startsWith(
                "net.ipv4.neigh.lo.anycast_delay = 100\nnet.ipv4.neigh.lo.app_solicit = 0\n");
    }
}
