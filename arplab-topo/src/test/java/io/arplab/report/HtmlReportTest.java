package io.arplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static final Path GOLDEN = Path.of("src/test/resources/report/arp-lab.html");

    @Test
    void sameRunGivesTheSameBytes() {
        assertThat(SeedRun.html()).isEqualTo(SeedRun.html());
    }

    /** Regenerate with -Dreport.golden.update=true after an intended change, and look at the page. */
    @Test
    void seedReportMatchesTheGoldenFile() throws IOException {
        String html = SeedRun.html();
        if (Boolean.getBoolean("report.golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, html, StandardCharsets.UTF_8);
        }
        assertThat(html).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void selfContained() {
        String html = SeedRun.html();
        assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("@import")
                .doesNotContain("fetch(");
    }

    @Test
    void tellsTheSeedsStoryInTwoSentences() {
        assertThat(SeedRun.html()).contains("node1 broadcast 'who-has 172.28.0.13'; it reached node2 and node3 but not node4"
                + " (another broadcast domain), and node3 answered with a unicast reply. 1 later ARP request was unicast");
    }

    /**
     * An Open vSwitch lab (examples/antrea-node): the pods hang off br-int, whose flows answer the pod's ARP for a
     * remote gateway; the ladder shows the exchange through the bridge and the picture wires the pods to it.
     */
    @Test
    void ovsBridgeIsALaneAndANode() {
        SeedRun.Run run = SeedRun.run(Path.of("examples/antrea-node/lab.yaml"), "pod1 ping -c1 -W1 10.222.0.1");
        LabGraph graph = run.graph();
        String html = run.html();
        assertThat(html).contains("pod1 broadcast 'who-has 10.222.0.1'; it reached nobody, and br-int answered with a"
                + " unicast reply.");
        assertThat(html).contains("ARP, Reply 10.222.0.1 is-at aa:bb:cc:dd:ee:ff");
        assertThat(graph.links()).contains(new LabGraph.Link("pod1", "eth0", "br-int", "p5"),
                new LabGraph.Link("pod2", "eth0", "br-int", "p6"));
        assertThat(graph.node("br-int").kind()).isEqualTo(LabGraph.Kind.BRIDGE);
        assertThat(graph.node("br-int").learns()).isFalse();
    }

    /**
     * Geneve between the cluster's nodes: the pods' frames cross the underlay as outer frames, and the tunnel's own
     * device (genev_sys_6081) is not a capture point (its frames carry the tunnel's metadata ahead of Ethernet).
     */
    @Test
    void tunnelDevicesAreNotCaptured() {
        SeedRun.Run run = SeedRun.run(Path.of("examples/antrea-cluster/lab.yaml"), "frontend ping -c1 backend2");
        assertThat(run.recording().frames()).isNotEmpty()
                .noneMatch(c -> c.ifname().startsWith("genev_sys"))
                .anyMatch(c -> c.node().equals("worker1") && c.ifname().equals("eth0"));
        assertThat(run.html()).contains("Geneve, Flags [none], vni 0x0: IP 10.222.1.2 > 10.222.2.2: ICMP echo request");
    }
}
