package io.arplab.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import org.junit.jupiter.api.Test;

/** A route is a value: equal when every part is (RouteTable refuses an identical route), whatever its packing. */
class RouteTest {
    private static final Ipv4Address NET = Ipv4Address.parse("10.1.2.0");
    private static final Ipv4Address GW = Ipv4Address.parse("10.1.2.1");
    private static final Ipv4Address SRC = Ipv4Address.parse("10.1.2.9");

    private static Route route(NetDevice dev, int plen, int metric, int type, boolean onlink) {
        return new Route(NET, plen, GW, dev, "static", "global", SRC, metric, type, onlink);
    }

    @Test
    void equalWhenEveryPartIsAndNotOtherwise() {
        HostStack stack = new HostStack("h", new SeededRandom(1), 0, 0);
        NetDevice eth0 = stack.addDevice("eth0", MacAddress.parse("02:00:00:00:00:01"), 1500);
        NetDevice eth1 = stack.addDevice("eth1", MacAddress.parse("02:00:00:00:00:02"), 1500);
        Route r = route(eth0, 24, 5, Route.UNICAST, true);
        assertThat(route(eth0, 24, 5, Route.UNICAST, true)).isEqualTo(r).hasSameHashCodeAs(r);
        assertThat(r.prefixLength()).isEqualTo(24);
        assertThat(r.type()).isEqualTo(Route.UNICAST);
        assertThat(r.onlink()).isTrue();
        assertThat(r.destinationText()).isEqualTo("10.1.2.0/24");
        assertThat(route(eth1, 24, 5, Route.UNICAST, true)).isNotEqualTo(r);
        assertThat(route(eth0, 25, 5, Route.UNICAST, true)).isNotEqualTo(r);
        assertThat(route(eth0, 24, 6, Route.UNICAST, true)).isNotEqualTo(r);
        assertThat(route(eth0, 24, 5, Route.PROHIBIT, true)).isNotEqualTo(r);
        assertThat(route(eth0, 24, 5, Route.UNICAST, false)).isNotEqualTo(r);
        assertThat(new Route(NET, 24, null, eth0, "static", "global", SRC, 5, Route.UNICAST, true)).isNotEqualTo(r);
        assertThat(new Route(NET, 24, GW, eth0, "kernel", "global", SRC, 5, Route.UNICAST, true)).isNotEqualTo(r);
        assertThat(new Route(NET, 24, GW, eth0, "static", "link", SRC, 5, Route.UNICAST, true)).isNotEqualTo(r);
        assertThat(new Route(NET, 24, GW, eth0, "static", "global", null, 5, Route.UNICAST, true)).isNotEqualTo(r);
        // the destination is masked to the prefix; a type is a u8 (rtm_type), read back unsigned
        assertThat(new Route(Ipv4Address.parse("10.1.2.77"), 24, GW, eth0, "static", "global", SRC, 5, Route.UNICAST,
                true)).isEqualTo(r);
        assertThat(route(eth0, 32, 0, 255, false).type()).isEqualTo(255);
        assertThatThrownBy(() -> route(eth0, 33, 0, Route.UNICAST, false)).hasMessage("prefix length 33 outside 0..32");
        assertThatThrownBy(() -> route(eth0, 8, 0, 256, false)).hasMessage("route type 256 outside 0..255");
        RouteTable table = new RouteTable();
        table.append(r);
        assertThatThrownBy(() -> table.append(route(eth0, 24, 5, Route.UNICAST, true)))
                .hasMessageContaining("File exists");
        table.append(route(eth0, 24, 5, Route.UNICAST, false));
        assertThat(table.routes()).hasSize(2);
    }
}
