package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Docker's isolation of bridge networks against the kernel: refdata/local/docker/isolation.out, recorded by its
 * record.sh with the lab of compose.yml laid out in namespaces and dockerd's filter rules (iptables-nft). A ping to
 * another network's container is dropped in FORWARD (after the TTL check: traceroute's first hop answers), an
 * internal network is reached from nowhere else, the other networks' gateways answer (INPUT).
 */
class DockerIsolationTest {

    @Test
    void crossNetworkTrafficMeetsDockersForwardRules() throws Exception {
        Path dir = Path.of(DockerIsolationTest.class.getResource("/refdata/local/docker/compose.yml").toURI()).getParent();
        TopologyLoader.Loaded l = TopologyLoader.parse("docker-compose.yml",
                Files.readString(dir.resolve("compose.yml")), "docker");
        Lab lab = TopologyBuilder.build(l.topology(), 1);
        List<String> rec = Files.readAllLines(dir.resolve("isolation.out"));
        int end = NodeTranscript.replay(lab, rec, line -> false, true);
        assertThat(NodeTranscript.sections(rec, end)).isEqualTo(12);
    }
}
