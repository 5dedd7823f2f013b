package io.arplab.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import org.junit.jupiter.api.Test;

/**
 * Rules about a namespace's own addresses found by the random campaign (refdata/local/random): the last address of a
 * device deleted takes its neighbours and proxy entries (fib_inetaddr_event() → fib_disable_ip() → arp_ifdown(), seed
 * 205), a secondary's local route carries its subnet's primary as source (fib_add_ifaddr(), seed 212), and a gateway
 * that is one of our addresses is no gateway (fib_check_nh_v4_gw() gives it scope host; rt_set_nexthop(), seed 291).
 */
class OwnAddressRulesTest {
    private static final long S = NeighParams.SECOND;
    private final HostStack stack = new HostStack("h1", new SeededRandom(1), 0, 0);
    private final NetDevice eth0 = stack.addDevice("eth0", MacAddress.parse("02:00:00:00:00:0b"), 1500);
    private final HostStack.Outbox out = (dev, f) -> { };

    OwnAddressRulesTest() {
        stack.addAddress(eth0, Ipv4Address.parse("10.0.0.11"), 24);
        stack.addAddress(eth0, Ipv4Address.parse("10.0.0.191"), 24);
        stack.neighAdd(S, eth0, Ipv4Address.parse("10.0.0.1"), MacAddress.parse("02:00:00:00:00:01"),
                NudState.PERMANENT, false, out);
        stack.neighAdd(S, eth0, Ipv4Address.parse("10.0.0.12"), MacAddress.parse("02:00:00:00:00:0c"),
                NudState.STALE, false, out);
        stack.proxyAdd(Ipv4Address.parse("10.0.0.88"), eth0);
    }

    @Test
    void aSecondarysLocalRouteHasThePrimaryAsSource() {
        assertThat(stack.sourceAddress(Ipv4Address.parse("10.0.0.191"), null)).isEqualTo(Ipv4Address.parse("10.0.0.11"));
        assertThat(stack.sourceAddress(Ipv4Address.parse("10.0.0.11"), null)).isEqualTo(Ipv4Address.parse("10.0.0.11"));
    }

    @Test
    void aGatewayThatIsOurOwnAddressLeavesTheDestinationOnLink() {
        Route viaSelf = new Route(Ipv4Address.parse("10.0.9.77"), 32, Ipv4Address.parse("10.0.0.11"), eth0, "boot",
                "global", null, 0, Route.UNICAST);
        Route viaPeer = new Route(Ipv4Address.parse("10.0.9.77"), 32, Ipv4Address.parse("10.0.0.1"), eth0, "boot",
                "global", null, 0, Route.UNICAST);
        int dst = Ipv4Address.parse("10.0.9.77").bits();
        assertThat(stack.usesGateway(viaSelf)).isFalse();
        assertThat(stack.icmp().nexthop(S, viaSelf, dst)).isEqualTo(dst);
        assertThat(stack.usesGateway(viaPeer)).isTrue();
        assertThat(stack.icmp().nexthop(S, viaPeer, dst)).isEqualTo(Ipv4Address.parse("10.0.0.1").bits());
    }

    @Test
    void theLastAddressGoneTakesEveryNeighbourAndProxyEntryOfTheDevice() {
        stack.setSysctl("conf.eth0.promote_secondaries", 1);
        stack.removeAddress(2 * S, eth0, Ipv4Address.parse("10.0.0.11")); // 10.0.0.191 is promoted
        assertThat(stack.neighbourEntries()).hasSize(2);
        assertThat(stack.proxies()).hasSize(1);
        stack.removeAddress(3 * S, eth0, Ipv4Address.parse("10.0.0.191"));
        assertThat(stack.neighbourEntries()).isEmpty();
        assertThat(stack.proxies()).isEmpty();
    }

    @Test
    void aPrimaryDeletedWithoutPromotionTakesItsSecondariesAndSoTheNeighbours() {
        stack.removeAddress(2 * S, eth0, Ipv4Address.parse("10.0.0.11"));
        assertThat(eth0.addresses()).isEmpty();
        assertThat(stack.neighbourEntries()).isEmpty();
    }
}
