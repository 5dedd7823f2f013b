package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.lab.Lab;
import io.arplab.stack.DevConf;
import io.arplab.stack.HostStack;
import io.arplab.stack.NeighParams;
import io.arplab.stack.NeighbourEntry;
import io.arplab.stack.NetDevice;
import io.arplab.stack.NudState;
import io.arplab.wire.Ipv4Address;
import org.junit.jupiter.api.Test;

/** arplab's own lab format: what a file says, and what it leaves to Docker's rules. */
class LabFormatTest {
    static TopologyLoader.Loaded load(String yaml) {
        return TopologyLoader.parse("lab.yaml", yaml, "labs");
    }

    static Lab build(String yaml) {
        return TopologyBuilder.build(load(yaml).topology(), 7);
    }

    @Test
    void leftOutValuesFollowDocker() {
        Lab lab = build("""
                networks:
                  lan: {subnet: 10.1.0.0/24}
                hosts:
                  a: {interfaces: [{network: lan}]}
                  b: {interfaces: [{network: lan, address: 10.1.0.2}]}
                  c: {interfaces: [{network: lan}]}
                """);

        // gateway .1 on the bridge host; .2 is taken by b, so a gets .3 and c .4; MAC 02:42 + address
        assertThat(LabText.addresses(lab, "host")).containsExactly("10.1.0.1/24");
        assertThat(LabText.host(lab, "a")).containsExactly(
                "eth0 02:42:0a:01:00:03 10.1.0.3/24",
                "route: default via 10.1.0.1 dev eth0 proto boot scope global",
                "route: 10.1.0.0/24 dev eth0 proto kernel scope link src 10.1.0.3");
        assertThat(LabText.addresses(lab, "b")).containsExactly("10.1.0.2/24");
        assertThat(LabText.addresses(lab, "c")).containsExactly("10.1.0.4/24");
        assertThat(lab.bridges().keySet()).containsExactly("br-lan");
        assertThat(lab.host("host").stack().ipForward()).isTrue();
        assertThat(lab.host("a").stack().ipForward()).isFalse();
    }

    @Test
    void routerWithTwoInterfacesStaticRoutesAndNoDefault() {
        Lab lab = build("""
                networks:
                  left:  {subnet: 10.1.0.0/24, gateway: none}
                  right: {subnet: 10.2.0.0/24, gateway: none}
                hosts:
                  r1:
                    gateway: none
                    interfaces:
                      - {network: left, address: 10.1.0.254}
                      - {network: right, address: 10.2.0.254, name: south}
                    sysctls: {net.ipv4.ip_forward: 1}
                  a:
                    interfaces: [{network: left, address: 10.1.0.10}]
                    routes:
                      - {to: 10.2.0.0/24, via: 10.1.0.254}
                      - {to: 192.168.7.0/24, dev: eth0, metric: 5}
                  b:
                    gateway: 10.2.0.254
                    interfaces: [{network: right, address: 10.2.0.20}]
                """);

        assertThat(lab.hosts().keySet()).containsExactly("r1", "a", "b"); // no gateway anywhere: no bridge host
        assertThat(LabText.host(lab, "r1")).containsExactly(
                "eth0 02:42:0a:01:00:fe 10.1.0.254/24",
                "south 02:42:0a:02:00:fe 10.2.0.254/24",
                "route: 10.1.0.0/24 dev eth0 proto kernel scope link src 10.1.0.254",
                "route: 10.2.0.0/24 dev south proto kernel scope link src 10.2.0.254");
        assertThat(lab.host("r1").stack().ipForward()).isTrue();
        assertThat(LabText.host(lab, "a")).contains(
                "route: 10.2.0.0/24 via 10.1.0.254 dev eth0 proto boot scope global",
                "route: 192.168.7.0/24 dev eth0 proto boot scope link metric 5");
        assertThat(LabText.host(lab, "b")).contains("route: default via 10.2.0.254 dev eth0 proto boot scope global");

        Lab.Result r = lab.exec("a", "ping -c1 10.2.0.20");
        assertThat(r.stdout()).contains("64 bytes from 10.2.0.20: icmp_seq=1 ttl=63");
    }

    @Test
    void sysctlsReachTheStack() {
        Lab lab = build("""
                networks:
                  lan: {subnet: 172.28.0.0/16}
                hosts:
                  n1:
                    interfaces: [{network: lan}]
                    sysctls:
                      net.ipv4.neigh.eth0.base_reachable_time_ms: 10000
                      net.ipv4.neigh.eth0.retrans_time_ms: 250
                      net.ipv4.conf.eth0.arp_accept: 1
                      net/ipv4/conf/eth0/arp_ignore: 2
                      net.ipv4.conf.all.proxy_arp: 1
                      net.ipv4.conf.default.arp_announce: 2
                      net.ipv4.ip_default_ttl: 32
                      net.ipv6.conf.all.disable_ipv6: 1
                """);

        NetDevice eth0 = lab.host("n1").stack().device("eth0");
        assertThat(eth0.arpParms().baseReachableTime).isEqualTo(10 * NeighParams.SECOND);
        assertThat(eth0.arpParms().reachableTime).isBetween(5 * NeighParams.SECOND, 15 * NeighParams.SECOND - 1);
        // 250 ms is 62.5 jiffies at HZ=250: the kernel rounds up and reads back 252 (msecs_to_jiffies)
        assertThat(eth0.arpParms().retransTime).isEqualTo(252 * NeighParams.MS);
        HostStack stack = lab.host("n1").stack();
        assertThat(stack.sysctl("conf.eth0.arp_accept")).isEqualTo("1");
        assertThat(stack.sysctl("conf.eth0.arp_ignore")).isEqualTo("2");
        // conf.all stays apart, as on the kernel; the behaviour ORs it in (IN_DEV_PROXY_ARP)
        assertThat(stack.sysctl("conf.eth0.proxy_arp")).isEqualTo("0");
        assertThat(stack.devconf(eth0, DevConf.PROXY_ARP)).isEqualTo(1);
        assertThat(stack.sysctl("conf.eth0.arp_announce")).isEqualTo("2"); // conf.default reaches devices that did not set it
        assertThat(stack.sysctl("conf.default.arp_announce")).isEqualTo("2");
        assertThat(lab.host("n1").stack().defaultTtl()).isEqualTo(32);
    }

    @Test
    void sysctlsOutsideTheRegistryAreNotedNotApplied() {
        TopologyLoader.Loaded l = load("""
                networks: {lan: {subnet: 172.28.0.0/16}}
                hosts:
                  n1:
                    interfaces: [{network: lan}]
                    sysctls: {net.ipv6.conf.all.disable_ipv6: 1, net.ipv4.conf.eth0.send_redirects: 0}
                """);

        // send_redirects is a registry key now (it used to be dropped with a note, which the kernel would not do)
        assertThat(l.topology().host("n1").sysctls()).extracting(Topology.Sysctl::key)
                .containsExactly("net.ipv4.conf.eth0.send_redirects");
        assertThat(l.notes()).containsExactly(
                "lab.yaml:5:15: sysctl 'net.ipv6.conf.all.disable_ipv6' is not modelled: ignored");
    }

    @Test
    void thePortRangeTakesTwoPortsAndIsCheckedAgainstTheUnprivilegedStart() {
        Lab lab = build("""
                networks: {lan: {subnet: 172.28.0.0/16}}
                hosts:
                  n1:
                    interfaces: [{network: lan}]
                    sysctls: {net.ipv4.ip_local_port_range: 1024 65000, net.ipv4.ip_unprivileged_port_start: 80}
                  n2:
                    interfaces: [{network: lan}]
                    sysctls: {net.ipv4.ip_local_port_range: "40000"}
                """);

        // as the kernel's /proc file shows them (ipv4_local_port_range(): one value replaces the low port)
        assertThat(lab.exec("n1", "sysctl net.ipv4.ip_local_port_range net.ipv4.ip_unprivileged_port_start").stdout())
                .isEqualTo("net.ipv4.ip_local_port_range = 1024\t65000\nnet.ipv4.ip_unprivileged_port_start = 80\n");
        assertThat(lab.exec("n2", "sysctl -n net.ipv4.ip_local_port_range").stdout()).isEqualTo("40000\t60999\n");
        // the low port below ip_unprivileged_port_start, or above the high one, is EINVAL
        assertThatThrownBy(() -> load("""
                networks: {lan: {subnet: 172.28.0.0/16}}
                hosts:
                  n1:
                    interfaces: [{network: lan}]
                    sysctls: {net.ipv4.ip_local_port_range: 61000 1024}
                """)).hasMessageContaining("lab.yaml:5:").hasMessageContaining("Invalid argument");
    }

    @Test
    void allForwardingTurnsEveryDeviceOn() {
        Lab lab = build("""
                networks: {lan: {subnet: 172.28.0.0/16}}
                hosts:
                  n1:
                    interfaces: [{network: lan}]
                    sysctls: {net.ipv4.conf.all.forwarding: 1}
                """);

        assertThat(lab.host("n1").stack().ipForward()).isTrue();
        assertThat(lab.host("n1").stack().sysctl("conf.eth0.forwarding")).isEqualTo("1");
    }

    @Test
    void staticNeighboursArePermanentUnlessTold() {
        Lab lab = build("""
                networks: {lan: {subnet: 172.28.0.0/16}}
                hosts:
                  n1:
                    interfaces: [{network: lan, address: 172.28.0.11}]
                    neighbours:
                      - {address: 172.28.0.13, mac: 02:42:ac:1c:00:0d}
                      - {address: 172.28.0.99, mac: 02:00:00:00:00:99, state: stale, dev: eth0}
                  n3: {interfaces: [{network: lan, address: 172.28.0.13}]}
                """);

        var stack = lab.host("n1").stack();
        NetDevice eth0 = stack.device("eth0");
        NeighbourEntry a = stack.neighbours().lookup(eth0, Ipv4Address.parse("172.28.0.13").bits());
        NeighbourEntry b = stack.neighbours().lookup(eth0, Ipv4Address.parse("172.28.0.99").bits());
        assertThat(a.state()).isEqualTo(NudState.PERMANENT);
        assertThat(a.lladdr()).hasToString("02:42:ac:1c:00:0d");
        assertThat(b.state()).isEqualTo(NudState.STALE);

        // no ARP needed towards a permanent entry: the echo leaves at once
        assertThat(lab.exec("n1", "ping -c1 172.28.0.13").stdout()).contains("1 received");
    }

    @Test
    void namesDockerStyleByDefault() {
        Lab lab = build("""
                networks: {lan: {subnet: 172.28.0.0/16}}
                hosts:
                  n1: {interfaces: [{network: lan, address: 172.28.0.11}]}
                  n3: {aliases: [db], interfaces: [{network: lan, address: 172.28.0.13, aliases: [db.lan]}]}
                """);

        assertThat(lab.resolver().resolve("n3")).isEqualTo(Ipv4Address.parse("172.28.0.13"));
        assertThat(lab.resolver().resolve("db")).isEqualTo(Ipv4Address.parse("172.28.0.13"));
        assertThat(lab.resolver().resolve("db.lan")).isEqualTo(Ipv4Address.parse("172.28.0.13"));
        assertThat(lab.resolver().reverse(Ipv4Address.parse("172.28.0.13"))).isEqualTo("n3.lan");
        assertThat(lab.exec("n1", "ping -c1 db").stdout()).contains("64 bytes from n3.lan (172.28.0.13)");
    }

    @Test
    void namesLikeAHostsFile() {
        Lab lab = build("""
                names: hosts
                networks: {lan: {subnet: 172.28.0.0/16}}
                hosts:
                  n1: {interfaces: [{network: lan, address: 172.28.0.11}]}
                  n3: {interfaces: [{network: lan, address: 172.28.0.13}]}
                """);

        // refdata s1b (hosts file): "64 bytes from node3 (172.28.0.13)"
        assertThat(lab.exec("n1", "ping -c1 n3").stdout()).contains("64 bytes from n3 (172.28.0.13)");
    }

    @Test
    void bridgeHostCanBeNamedAndTuned() {
        Lab lab = build("""
                host: {name: docker, sysctls: {net.ipv4.ip_forward: 0, net.ipv4.conf.br-lan.proxy_arp: 1}}
                networks: {lan: {subnet: 172.28.0.0/16}}
                hosts:
                  host: {interfaces: [{network: lan}]}
                """);

        assertThat(lab.hosts().keySet()).containsExactly("docker", "host");
        assertThat(lab.host("docker").stack().ipForward()).isFalse();
        assertThat(lab.host("docker").stack().sysctl("conf.br-lan.proxy_arp")).isEqualTo("1");
    }

    @Test
    void bridgeHostStepsAsideForAHostCalledHost() {
        Lab lab = build("""
                networks: {lan: {subnet: 172.28.0.0/16}}
                hosts:
                  host: {interfaces: [{network: lan}]}
                """);

        assertThat(lab.hosts().keySet()).containsExactly("dockerhost", "host");
    }

    @Test
    void pinnedVethAndBridge() {
        Lab lab = build("""
                networks:
                  arp_lan: {subnet: 172.28.0.0/16, bridge: br0, mac: 02:42:8e:ff:44:b3}
                hosts:
                  node1:
                    interfaces:
                      - {network: arp_lan, address: 172.28.0.11/16, mac: 52:54:00:12:34:56, veth: veth-node1, veth_mac: ee:ee:ee:1c:00:0b}
                """);

        assertThat(lab.bridges().keySet()).containsExactly("br0");
        assertThat(lab.bridge("br0").portCount()).isEqualTo(2); // the host's own port and the veth
        assertThat(lab.bridge("br0").portName(1)).isEqualTo("veth-node1");
        assertThat(LabText.host(lab, "node1").get(0)).isEqualTo("eth0 52:54:00:12:34:56 172.28.0.11/16");
    }

    @Test
    void mergeKeysAndAnchorsWork() {
        Lab lab = build("""
                networks: {lan: {subnet: 10.0.0.0/24}}
                hosts:
                  a: {interfaces: [&iface {network: lan}]}
                  b: {interfaces: [{<<: *iface, address: 10.0.0.9}]}
                """);

        assertThat(LabText.addresses(lab, "a")).containsExactly("10.0.0.2/24");
        assertThat(LabText.addresses(lab, "b")).containsExactly("10.0.0.9/24");
    }

    @Test
    void aHostMayHaveTwoInterfacesInOneSubnetAndShowsArpFlux() {
        Lab lab = build("""
                networks:
                  lan: {subnet: 10.0.0.0/24}
                hosts:
                  a:
                    interfaces:
                      - {network: lan, address: 10.0.0.2, mac: 02:00:00:00:0a:00}
                      - {network: lan, address: 10.0.0.3, mac: 02:00:00:00:0a:01}
                  b:
                    interfaces: [{network: lan, address: 10.0.0.10}]
                """);

        // fib_add_ifaddr() appends the second prefix route; the first one routes
        assertThat(lab.exec("a", "ip route").stdout()).isEqualTo("""
                default via 10.0.0.1 dev eth0\s
                10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.2\s
                10.0.0.0/24 dev eth1 proto kernel scope link src 10.0.0.3\s
                """);
        // arp_ignore=0: both interfaces answer for 10.0.0.3 (with a deadline, -c counts replies: the real arping
        // prints "Sent 1 probes (1 broadcast(s))", "Received 2 response(s)"); arp_ignore=1 leaves only eth1
        assertThat(lab.exec("b", "arping -c2 -w3 -I eth0 10.0.0.3").stdout())
                .contains("Sent 1 probes (1 broadcast(s))\nReceived 2 response(s)");
        lab.exec("a", "sysctl -w net.ipv4.conf.all.arp_ignore=1");
        assertThat(lab.exec("b", "arping -c1 -w1 -I eth0 10.0.0.3").stdout())
                .contains("[02:00:00:00:0A:01]").contains("Received 1 response(s)");
    }
}
