package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.device.Host;
import io.arplab.wire.MacAddress;
import org.junit.jupiter.api.Test;

/** A lab's hosts are a view of its network's nodes: the hosts only, in the order added, found by name. */
class HostsViewTest {
    @Test
    void listsTheHostsInTheOrderAddedAndNoBridge() {
        Lab lab = new Lab(1);
        Host zeta = lab.addHost("zeta");
        lab.addBridge("br0", MacAddress.parse("02:42:00:00:00:01"), zeta, "10.0.0.1/24");
        Host alpha = lab.addHost("alpha");
        lab.addBridge("br1", MacAddress.parse("02:42:00:00:00:02"), null, null);
        Host mid = lab.addHost("mid");

        assertThat(lab.hosts().keySet()).containsExactly("zeta", "alpha", "mid");
        assertThat(lab.hosts().values()).containsExactly(zeta, alpha, mid);
        assertThat(lab.hosts()).hasSize(3).containsEntry("alpha", alpha);
        assertThat(lab.hosts().get("br0")).isNull();
        assertThat(lab.hosts().containsKey("br1")).isFalse();
        assertThat(lab.hosts().get("nobody")).isNull();
        assertThat(lab.host("mid")).isSameAs(mid);
        assertThatThrownBy(() -> lab.host("br0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lab.hosts().put("x", mid)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anEmptyLabHasNoHosts() {
        Lab lab = new Lab(1);
        lab.addBridge("br0", MacAddress.parse("02:42:00:00:00:01"), null, null);
        assertThat(lab.hosts()).isEmpty();
        assertThat(lab.hosts().entrySet().iterator().hasNext()).isFalse();
    }
}
