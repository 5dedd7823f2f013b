package io.arplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The files a run's --pcap-dir holds and `arplab report --pcap-dir` reads back come from one rule
 * ({@link Lab#pcapFiles}): a host's first captured interface is HOST.pcap, the others HOST-IFNAME.pcap, and a Linux
 * bridge's own interface and a tunnel's device have none.
 */
class PcapFilesTest {
    private static Lab build(String file) {
        TopologyLoader.Loaded loaded = TopologyLoader.load(Path.of(file));
        return TopologyBuilder.build(loaded.topology(), 1, Lab.DEFAULT_EPOCH);
    }

    @Test
    void ovsHostKeepsItsLocalAndInternalPortsButNotTheTunnel() {
        Lab lab = build("examples/antrea-node/lab.yaml");
        assertThat(lab.pcapFiles("host")).containsExactly(Map.entry("br-int", "host.pcap"),
                Map.entry("antrea-gw0", "host-antrea-gw0.pcap"));
        assertThat(lab.pcapFiles("pod1")).containsExactly(Map.entry("eth0", "pod1.pcap"));
        LabGraph graph = LabGraph.of(lab, null);
        assertThat(graph.node("host").ifaces()).extracting(LabGraph.Iface::pcap)
                .containsExactly("host.pcap", null, "host-antrea-gw0.pcap");
    }

    @Test
    void linuxBridgesOwnInterfacesHaveNone() {
        Lab lab = build("examples/arp-lab/docker-compose.yml");
        assertThat(lab.pcapFiles("host")).isEmpty();
        assertThat(lab.pcapFiles("node1")).containsExactly(Map.entry("eth0", "node1.pcap"));
    }
}
