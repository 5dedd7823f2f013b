package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.device.Host;
import io.arplab.stack.ArpTbl;
import io.arplab.stack.NetDevice;
import io.arplab.stack.Route;
import io.arplab.stack.SeededRandom;
import io.arplab.stack.TimerWheel;
import io.arplab.wire.MacAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What an idle host of a big LAN is made of, as its user sees it: hosts attached to a bridge make no lo, no neighbour
 * table and no second port, and what a host makes later (its machine's clock) is what it would have been at once.
 */
class IdleHostTest {
    @Test
    void attachingHostsToABridgeMakesNoLoNoTableAndOnePort() {
        Lab lab = LanBench.build(64, 3);
        for (int i = 0; i < 64; i++) {
            Host h = lab.host("h" + i);
            List<NetDevice> made = h.stack().devicesMade();
            assertThat(made).extracting(d -> d.name).containsExactly("eth0");
            assertThat(h.portCount()).isEqualTo(1);
            assertThat(h.port(0)).isSameAs(made.get(0));
            assertThat(h.portOf(made.get(0))).isZero();
            assertThat(made.get(0).addresses()).hasSize(1);
            assertThat(h.stack().kernel()).isNotInstanceOf(ArpTbl.class);
            assertThat(h.stack().neighbourEntries()).isEmpty();
            assertThat(h.stack().routes().routes()).extracting(Route::destinationText).containsExactly("default", "10.0.0.0/8");
        }
        // the gateway holds every bridge port's veth end, none of them a port of its own
        Host gw = lab.host("gateway");
        assertThat(gw.portCount()).isEqualTo(1);
        assertThat(gw.stack().devicesMade()).hasSize(65);
        assertThat(gw.portOf(gw.stack().device("veth7"))).isEqualTo(-1);
        assertThat(gw.stack().device("veth7").peer).isSameAs(lab.host("h7").port(0));

        // a ping makes the sender's table (and the target's), nobody else's
        assertThat(lab.exec("h5", "ping -c1 10.0.0.1").exitCode()).isZero();
        assertThat(lab.host("h5").stack().kernel()).isInstanceOf(ArpTbl.class);
        assertThat(lab.host("h6").stack().kernel()).isNotInstanceOf(ArpTbl.class);
        assertThat(lab.host("h6").stack().devicesMade()).hasSize(1);
    }

    @Test
    void aMachinesClockIsTheSameWhetherMadeAtOnceOrAfterARun() {
        Lab early = LanBench.build(8, 5);
        TimerWheel[] atOnce = new TimerWheel[8];
        for (int i = 0; i < 8; i++) {
            atOnce[i] = early.host("h" + i).stack().timerWheel();
        }
        Lab late = LanBench.build(8, 5);
        assertThat(late.exec("h0", "ping -c3 10.0.0.1").exitCode()).isZero(); // draws on the lab's and h0's sources
        for (int i = 0; i < 8; i++) {
            TimerWheel w = late.host("h" + i).stack().timerWheel();
            for (long t : new long[] {0, 3_999_999, 123_456_789_012L}) {
                assertThat(w.jiffies(t)).isEqualTo(atOnce[i].jiffies(t));
                assertThat(w.expiry(t, t + 1_000_000_000L)).isEqualTo(atOnce[i].expiry(t, t + 1_000_000_000L));
            }
        }
        assertThat(atOnce[1].jiffies(0)).isNotEqualTo(atOnce[2].jiffies(0)); // machines booted apart
    }

    @Test
    void aHostsPortsAreItsInterfacesInTheOrderAdded() {
        Host h = new Host("x", new SeededRandom(1), 0, 0);
        assertThat(h.portCount()).isZero();
        assertThatThrownBy(() -> h.port(0)).isInstanceOf(IndexOutOfBoundsException.class);
        for (int i = 0; i < 3; i++) {
            assertThat(h.addInterface("eth" + i, MacAddress.of(0x0242_0000_0010L + i), 1500)).isEqualTo(i);
            assertThat(h.portCount()).isEqualTo(i + 1);
            assertThatThrownBy(() -> h.port(h.portCount())).isInstanceOf(IndexOutOfBoundsException.class);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(h.port(i).name).isEqualTo("eth" + i);
            assertThat(h.portName(i)).isEqualTo("eth" + i);
            assertThat(h.portOf(h.port(i))).isEqualTo(i);
        }
        assertThat(h.portOf(h.stack().device("lo"))).isEqualTo(-1);
    }
}
