package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.lab.Cidr;
import io.arplab.lab.Lab;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Topologies made in code, and Docker's allocation rules on their own. */
class TopologyBuilderTest {
    static Topology.Network lan() {
        return new Topology.Network("lan", Topology.NetworkKind.BRIDGE, Cidr.parse("10.0.0.0/24"),
                Ipv4Address.parse("10.0.0.1"), "br-lan", MacAddress.parse("02:42:00:00:00:01"));
    }

    static Topology.Host host(String name, String address, String mac) {
        Topology.Interface f = new Topology.Interface("eth0", "lan", Ipv4Address.parse(address), MacAddress.parse(mac),
                null, null, List.of(), name + ".lan");
        Topology.Route def = new Topology.Route(new Cidr(Ipv4Address.ANY, 0), Ipv4Address.parse("10.0.0.1"), null, 0);
        return new Topology.Host(name, List.of(f), List.of(def), List.of(), List.of(), List.of(name));
    }

    @Test
    void codeBuiltTopologyBuilds() {
        Topology t = new Topology("t", new Topology.BridgeHost("host", List.of()), List.of(lan()),
                List.of(host("a", "10.0.0.2", "02:42:0a:00:00:02"), host("b", "10.0.0.3", "02:42:0a:00:00:03")), Map.of());

        Lab lab = TopologyBuilder.build(t, 9);

        assertThat(lab.exec("a", "ping -c1 b").stdout()).contains("64 bytes from b.lan (10.0.0.3): icmp_seq=1 ttl=64");
    }

    @Test
    void codeBuiltTopologyErrorsHaveNoLocation() {
        Topology t = new Topology("t", new Topology.BridgeHost("host", List.of()), List.of(lan()),
                List.of(host("a", "10.0.0.2", "02:42:0a:00:00:02"), host("b", "10.0.0.3", "02:42:0a:00:00:02")), Map.of());

        assertThatThrownBy(() -> TopologyBuilder.build(t, 9))
                .isInstanceOf(TopologyException.class)
                .hasMessage("MAC address 02:42:0a:00:00:02 of host 'b' eth0 is already used by host 'a' eth0");
    }

    @Test
    void vethNamesAndMacsComeFromTheSeed() {
        Topology t = new Topology("t", new Topology.BridgeHost("host", List.of()), List.of(lan()),
                List.of(host("a", "10.0.0.2", "02:42:0a:00:00:02")), Map.of());

        Lab one = TopologyBuilder.build(t, 1);
        Lab again = TopologyBuilder.build(t, 1);
        Lab other = TopologyBuilder.build(t, 2);

        String veth = one.bridge("br-lan").portName(1);
        assertThat(veth).matches("veth[0-9a-f]{7}").isEqualTo(again.bridge("br-lan").portName(1));
        assertThat(other.bridge("br-lan").portName(1)).isNotEqualTo(veth);
    }

    @Test
    void defaultPoolsSkipDocker0AndTakenSubnetsThenMoveTo192168() {
        List<Cidr> taken = new ArrayList<>(List.of(Cidr.parse("172.18.0.0/24")));
        assertThat(DockerIpam.nextPool(taken)).hasToString("172.19.0.0/16");
        for (int b = 19; b <= 31; b++) {
            taken.add(Cidr.parse("172." + b + ".0.0/16"));
        }
        assertThat(DockerIpam.nextPool(taken)).hasToString("192.168.0.0/20");
        taken.add(Cidr.parse("192.168.0.0/16"));
        assertThat(DockerIpam.nextPool(taken)).isNull();
    }

    @Test
    void allocatorHandsOutTheLowestFreeAddressOfTheRange() {
        DockerIpam.Allocator a = new DockerIpam.Allocator(Cidr.parse("10.0.0.0/24"), Cidr.parse("10.0.0.0/30"),
                Ipv4Address.parse("10.0.0.1"), List.of(Ipv4Address.parse("10.0.0.2")));

        assertThat(a.next()).hasToString("10.0.0.3");
        assertThat(a.next()).isNull(); // .0 is the subnet's network address; .1 the gateway; .2 reserved
    }

    @Test
    void macFromIpIsDockersRule() {
        assertThat(DockerIpam.macFromIp(Ipv4Address.parse("172.28.0.11"))).hasToString("02:42:ac:1c:00:0b");
        assertThat(DockerIpam.macFromIp(Ipv4Address.parse("172.18.0.2"))).hasToString("02:42:ac:12:00:02");
    }

    @Test
    void suggestionsByEditDistance() {
        List<String> keys = List.of("address", "network", "mac", "name");
        assertThat(Suggest.nearest("adress", keys)).isEqualTo("address");
        assertThat(Suggest.nearest("netwrok", keys)).isEqualTo("network"); // a swap counts once
        assertThat(Suggest.nearest("colour", keys)).isNull();
    }
}
