package io.arplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.lab.LanBench;
import io.arplab.topo.Topology;
import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayeredLayoutTest {
    private static LabGraph seed() {
        Topology t = TopologyLoader.load(SeedRun.LAB).topology();
        try (Lab lab = TopologyBuilder.build(t, 1, Lab.DEFAULT_EPOCH)) {
            return LabGraph.of(lab, t);
        }
    }

    @Test
    void seedLabHasTheRouterAboveTheBridgesAboveTheNodes() {
        LayeredLayout.Result r = LayeredLayout.layout(seed());
        double router = r.box("host").y();
        double lan = r.boxes().stream().filter(b -> "arp_lan".equals(b.node().network())).findFirst().orElseThrow().y();
        assertThat(router).isLessThan(lan);
        for (String node : List.of("node1", "node2", "node3", "node4")) {
            assertThat(r.box(node).y()).isGreaterThan(lan);
        }
        // node4 hangs under the other bridge: the barycentre sweeps keep it on that side
        assertThat(r.box("node4").x()).isGreaterThan(r.box("node3").x());
    }

    @Test
    void fiveHundredHostsAreWrappedIntoRowsWithoutOverlaps() {
        LabGraph g;
        try (Lab lab = LanBench.build(500, 1)) {
            g = LabGraph.of(lab, null);
        }
        LayeredLayout.Result r = LayeredLayout.layout(g);
        assertThat(r.boxes()).hasSize(502);
        long rows = r.boxes().stream().mapToDouble(LayeredLayout.Box::y).distinct().count();
        assertThat(rows).isGreaterThanOrEqualTo(500 / LayeredLayout.PER_ROW);
        List<LayeredLayout.Box> bs = r.boxes();
        for (int i = 0; i < bs.size(); i++) {
            for (int j = i + 1; j < bs.size(); j++) {
                LayeredLayout.Box a = bs.get(i);
                LayeredLayout.Box b = bs.get(j);
                boolean apart = a.x() + a.w() <= b.x() || b.x() + b.w() <= a.x() || a.y() + a.h() <= b.y() || b.y() + b.h() <= a.y();
                assertThat(apart).as("%s and %s overlap", a.node().name(), b.node().name()).isTrue();
            }
        }
        assertThat(r.width()).isLessThan(3000);
    }
}
