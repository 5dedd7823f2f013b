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
        int compared = 0;
        for (int i = 0; i < rec.size(); i++) {
            String line = rec.get(i);
            if (!line.startsWith("$ ")) {
                continue;
            }
            StringBuilder want = new StringBuilder();
            int j = i + 1;
            for (; !rec.get(j).startsWith("[exit "); j++) {
                want.append(rec.get(j)).append('\n');
            }
            String node = line.substring(2, line.indexOf(' ', 2));
            Lab.Result r = lab.exec(node, line.substring(3 + node.length()));
            assertThat(times(r.stdout() + r.stderr())).as(line).isEqualTo(times(want.toString()));
            assertThat("[exit " + r.exitCode() + "]").as(line).isEqualTo(rec.get(j));
            compared++;
            i = j;
        }
        assertThat(compared).isEqualTo(12);
    }

    // what differs run to run: round-trip times, ping's elapsed time
    private static String times(String s) {
        return s.replaceAll("time=[0-9.]+ ms", "time=T ms").replaceAll("= [0-9./]+ ms", "= T ms")
                .replaceAll("time [0-9]+ms", "time Tms").replaceAll("  [0-9.]+ ms", "  T ms");
    }
}
