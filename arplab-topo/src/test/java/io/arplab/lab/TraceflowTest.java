package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.flow.TraceflowHop;
import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Traceflow on the seed's cluster: a pod-to-pod packet across nodes goes through worker1's pipeline into the tunnel
 * to worker2 and is delivered to backend2's port; a packet no rule forwards goes to the
 * gateway; a sender that is not a pod is refused; the lab is unchanged.
 */
class TraceflowTest {
    static Lab cluster() {
        return TopologyBuilder.build(TopologyLoader.load(Path.of("examples/antrea-cluster/lab.yaml")).topology(), 1);
    }

    private static List<Integer> tables(Traceflow.Hop h) {
        return h.decisions().tables.stream().map(TraceflowHop.Table::table).toList();
    }

    @Test
    void icmpAcrossNodesIsTunnelledAndDelivered() {
        Lab lab = cluster();
        Traceflow.Report r = Traceflow.run(lab, "frontend", "backend2", "icmp", 0);
        assertThat(r.verdict()).isEqualTo("delivered");
        assertThat(r.hops()).hasSize(2);
        Traceflow.Hop w1 = r.hops().get(0);
        assertThat(w1.node()).isEqualTo("worker1");
        assertThat(w1.inPort()).isEqualTo("frontend-2729af");
        // classifier, spoof guard, conntrack, then L3 forwarding into the tunnel and the commit before output
        assertThat(tables(w1)).containsExactly(0, 10, 30, 31, 40, 50, 60, 70, 105, 110);
        assertThat(w1.decisions().conntrack).extracting(TraceflowHop.Ct::state).containsExactly("new|trk",
                "new|trk");
        assertThat(w1.result()).isEqualTo("tunnelled to 10.79.1.202 (worker2)");
        assertThat(w1.decisions().datapathActions.get(w1.decisions().datapathActions.size() - 1))
                .isEqualTo("set(tunnel(tun_id=0x0,dst=10.79.1.202,ttl=64,tp_dst=6081,flags(df|csum|key))),6081");
        Traceflow.Hop w2 = r.hops().get(1);
        assertThat(w2.node()).isEqualTo("worker2");
        assertThat(w2.inPort()).isEqualTo("antrea-tun0");
        assertThat(w2.tunnel().src()).isEqualTo(io.arplab.wire.Ipv4Address.parse("10.79.1.201").bits());
        assertThat(tables(w2)).containsExactly(0, 30, 31, 40, 50, 60, 70, 80, 90, 100, 105, 110);
        assertThat(w2.result()).isEqualTo("delivered to pod backend2 on port backend2-695c1e (3)");
        // nothing was learnt or counted: the datapath is as before, empty (OVS prints no header then)
        assertThat(lab.exec("worker1", "ovs-appctl dpctl/dump-flows").stdout()).isEmpty();
    }

    @Test
    void udpToTheSameNodeStaysOnTheBridge() {
        Traceflow.Report r = Traceflow.run(cluster(), "frontend", "backend1", "udp", 53);
        assertThat(r.hops()).singleElement().satisfies(h -> assertThat(h.result())
                .isEqualTo("delivered to pod backend1 on port backend1-7d86d6 (4)"));
    }

    @Test
    void aPacketToAnAddressNoRuleForwardsGoesToTheGateway() {
        Traceflow.Report r = Traceflow.run(cluster(), "backend2", "10.79.1.200", "tcp", 6443);
        assertThat(r.hops()).singleElement().satisfies(h -> assertThat(h.result())
                .isEqualTo("delivered to node worker2 on antrea-gw0"));
    }

    @Test
    void aPodThatIsNotOnABridgeIsRefused() {
        assertThatThrownBy(() -> Traceflow.run(cluster(), "worker1", "backend2", "icmp", 0))
                .hasMessage("traceflow: 'worker1' is not a pod (its eth0 is not on an OVS bridge)");
        assertThatThrownBy(() -> Traceflow.run(cluster(), "frontend", "nowhere", "icmp", 0))
                .hasMessage("traceflow: cannot resolve 'nowhere'");
    }
}
