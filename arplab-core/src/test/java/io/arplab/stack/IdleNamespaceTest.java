package io.arplab.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A namespace makes its neighbour table and lo on first need (an idle host has resolved nothing and used no lo): made
 * late, each must be what it would have been if made with the namespace: the table's periodic work
 * (neigh_periodic_work(): every 15 s, re-drawing each registered device's reachable_time every 300 s), lo's ifindex,
 * addresses and the reachable_time drawn for it.
 */
class IdleNamespaceTest {
    static final long S = NeighParams.SECOND;

    static HostStack host() {
        HostStack stack = new HostStack("h1", new SeededRandom(7), 0, 0);
        NetDevice eth0 = stack.addDevice("eth0", MacAddress.parse("02:42:0a:00:00:02"), 1500);
        stack.addAddress(eth0, Ipv4Address.parse("10.0.0.2"), 8);
        return stack;
    }

    /** Runs the stack's deadlines up to {@code until}, as the runtime does, recording each and eth0's reachable_time. */
    static void run(HostStack stack, long until, List<Long> deadlines, List<Long> reachable) {
        HostStack.Outbox out = (dev, frame) -> deadlines.add(-1L);
        for (long t = stack.nextDeadline(); t <= until; t = stack.nextDeadline()) {
            stack.advance(t, out);
            deadlines.add(t);
            if (reachable != null) {
                reachable.add(stack.device("eth0").arpParms().reachableTime);
            }
        }
    }

    @Test
    void aTableMadeLateKeepsThePeriodicWorksTimeAndItsReDraws() {
        HostStack eager = host();
        eager.neighbours(); // made with the namespace, as before tables were made on first need
        HostStack lazy = host();
        assertThat(lazy.kernel()).isNotInstanceOf(ArpTbl.class); // no table yet
        List<Long> a = new ArrayList<>(), b = new ArrayList<>();
        run(eager, 700 * S, a, null);
        run(lazy, 700 * S, b, null);
        assertThat(lazy.kernel()).isNotInstanceOf(ArpTbl.class); // 47 periodic runs later, still none
        assertThat(b).isEqualTo(a).hasSize(46);
        // eth0's parameters registered after the run at 690 s: re-drawn at the runs at 945, 1260, ... s on both
        eager.device("eth0").arpParms();
        lazy.device("eth0").arpParms();
        assertThat(lazy.kernel()).isInstanceOf(ArpTbl.class);
        List<Long> ra = new ArrayList<>(), rb = new ArrayList<>();
        run(eager, 3000 * S, a, ra);
        run(lazy, 3000 * S, b, rb);
        assertThat(b).isEqualTo(a);
        assertThat(rb).isEqualTo(ra);
        assertThat(ra.stream().distinct().count()).isEqualTo(8); // as drawn at 0 s, then re-drawn 7 times
    }

    @Test
    void loMadeLateIsLoAsMadeWithTheNamespace() {
        HostStack eager = new HostStack("h1", new SeededRandom(7), 0, 0);
        eager.device("lo"); // made with the namespace, as before lo was made on first need
        HostStack lazy = new HostStack("h1", new SeededRandom(7), 0, 0);
        for (HostStack s : List.of(eager, lazy)) {
            NetDevice eth0 = s.addDevice("eth0", MacAddress.parse("02:42:0a:00:00:02"), 1500);
            s.addAddress(eth0, Ipv4Address.parse("10.0.0.2"), 8);
            assertThat(eth0.ifindex).isEqualTo(2);
            assertThat(s.localAddresses()).containsExactly(0x7f00_0001, 0x0a00_0002);
        }
        // net.ipv4.neigh.default written (twice) before lo is made: lo takes each write as a device that never wrote
        // its own key does (neigh_copy_dflt_parms())
        for (int ms : new int[] {20_000, 25_000}) {
            lazy.setSysctl("neigh.default.base_reachable_time_ms", ms);
            eager.setSysctl("neigh.default.base_reachable_time_ms", ms);
        }
        assertThat(NamespaceSysctls.dump(lazy)).isEqualTo(NamespaceSysctls.dump(eager))
                .containsEntry("net/ipv4/neigh/lo/base_reachable_time_ms", "25000");
        assertThat(lazy.devices()).extracting(d -> d.name + "/" + d.ifindex).containsExactly("lo/1", "eth0/2");
        assertThat(lazy.device("lo").arpParms().reachableTime).isEqualTo(eager.device("lo").arpParms().reachableTime);
    }
}
