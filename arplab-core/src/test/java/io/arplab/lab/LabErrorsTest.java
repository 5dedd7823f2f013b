package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import org.junit.jupiter.api.Test;

/** Building a lab in code: mistakes are one-line errors naming the thing. */
class LabErrorsTest {
    final Lab lab = new Lab(1);
    final LinuxBridge br = lab.addBridge("br0", MacAddress.parse("02:42:00:00:00:01"), null, null);

    @Test
    void duplicateName() {
        lab.addHost("node1");
        assertThatThrownBy(() -> lab.addHost("node1")).hasMessage("duplicate node name 'node1'");
        assertThatThrownBy(() -> lab.addHost("br0")).hasMessage("duplicate node name 'br0'");
        assertThatThrownBy(() -> lab.addHost("bad name")).hasMessageStartingWith("invalid node name 'bad name'");
    }

    @Test
    void macClash() {
        Host a = lab.addHost("a");
        Host b = lab.addHost("b");
        lab.attach(a, "eth0", MacAddress.parse("02:42:ac:1c:00:0b"), "172.28.0.11/16", br, "veth-a", MacAddress.parse("ee:00:00:00:00:01"));
        assertThatThrownBy(() -> lab.attach(b, "eth0", MacAddress.parse("02:42:ac:1c:00:0b"), "172.28.0.12/16", br, "veth-b",
                MacAddress.parse("ee:00:00:00:00:02")))
                .hasMessage("MAC address 02:42:ac:1c:00:0b of b eth0 is already used by a eth0");
    }

    @Test
    void invalidAddresses() {
        Host a = lab.addHost("a");
        assertThatThrownBy(() -> lab.attach(a, "eth0", MacAddress.parse("02:42:ac:1c:00:0b"), "172.28.0.300/16", br, "v",
                MacAddress.parse("ee:00:00:00:00:01"))).hasMessage("invalid IPv4 address '172.28.0.300' in '172.28.0.300/16'");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.1/33")).hasMessage("invalid prefix length in '10.0.0.1/33': expected 0..32");
        assertThatThrownBy(() -> MacAddress.parse("02:42:zz:00:00:01")).hasMessageContaining("bad octet 'zz'");
        assertThatThrownBy(() -> lab.attach(a, "eth0", MacAddress.parse("01:00:5e:00:00:01"), "10.0.0.1/8", br, "v",
                MacAddress.parse("ee:00:00:00:00:01"))).hasMessageStartingWith("invalid MAC address 01:00:5e:00:00:01 for a eth0");
    }

    @Test
    void gatewayNotOnLinkAndNoRoute() {
        Host a = lab.addHost("a");
        lab.attach(a, "eth0", MacAddress.parse("02:42:ac:1c:00:0b"), "172.28.0.11/16", br, "veth-a", MacAddress.parse("ee:00:00:00:00:01"));
        assertThatThrownBy(() -> lab.defaultRoute(a, Ipv4Address.parse("10.0.0.1")))
                .hasMessage("gateway 10.0.0.1 is not on a connected network of a");
        Lab.Result r = lab.exec("a", "ping -c1 10.0.0.1");
        assertThat(r.stderr()).isEqualTo("ping: connect: Network is unreachable\n");
        assertThat(r.exitCode()).isEqualTo(2);
    }

    @Test
    void aFaultInAToolFailsThatCommandAlone() {
        lab.addHost("a");
        lab.tool("faulty", () -> (ctx, args) -> {
            int[] none = new int[0];
            ctx.out().println(none[args.size()]);
        });
        Lab.Result r = lab.exec("a", "faulty");
        assertThat(r.stderr()).startsWith("faulty: internal error: java.lang.ArrayIndexOutOfBoundsException: Index 0 out "
                + "of bounds for length 0 (at io.arplab.lab.LabErrorsTest.");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(lab.exec("a", "ip link").exitCode()).isZero();
    }

    @Test
    void unknownNodeForExec() {
        assertThatThrownBy(() -> lab.exec("ghost", "ping x")).hasMessage("unknown node 'ghost'");
    }
}
