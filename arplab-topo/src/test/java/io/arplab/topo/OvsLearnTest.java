package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * learn(...): its parsing and errors, its canonical form in dump-flows, and its execution by packets (a classic MAC
 * learning table, the learned flows' counters and timeouts, the megaflows learn_mask() leaves), against OVS 3.1's
 * recording (src/test/scripts/record-learn.sh).
 */
class OvsLearnTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/learn");

    @Test
    void learnIsOvsOwn(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("lab.yaml"), """
                networks:
                  br0:
                    kind: ovs
                    subnet: 10.9.0.0/24
                    ports:
                      p1: {ofport: 1, type: dummy}
                      p2: {ofport: 2, type: dummy}
                      p3: {ofport: 3, type: dummy}
                hosts:
                  node: {}
                """);
        Lab lab = TopologyBuilder.build(TopologyLoader.load(tmp.resolve("lab.yaml")).topology(), 1);
        StringBuilder got = new StringBuilder();
        for (String line : Files.readAllLines(REF.resolve("commands.in"))) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var r = lab.exec(lab.bridgeOwner("br0").name(), line);
            got.append("### ").append(line).append('\n').append(r.stdout()).append(r.stderr());
            lab.runFor(200_000_000L);
        }
        assertThat(normal(got.toString())).isEqualTo(normal(Files.readString(REF.resolve("commands.out"))));
    }

    /**
     * What changes run to run in OVS itself: durations, recirculation ids, and the order of its hash maps (groups,
     * datapath flows, connections), sorted within each command's output.
     */
    static String normal(String s) {
        s = OvsDatapathViewsTest.normal(s).replaceAll("recirc\\(0x[0-9a-f]+\\)", "recirc(R)")
                .replaceAll("recirc_id\\(0x[0-9a-f]+\\)", "recirc_id(R)").replaceAll("recirc_id=0x[0-9a-f]+", "recirc_id=R")
                .replaceAll("used:[0-9.]+s", "used:T").replaceAll("idle_age=\\d+", "idle_age=A")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "TIME");
        List<String> out = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String l : s.split("\n")) {
            if (l.startsWith(" group_id=") || l.startsWith("recirc_id(") || l.startsWith("ct_state(")
                    || l.matches("(tcp|udp|icmp),orig=.*")) {
                block.add(l);
                continue;
            }
            block.sort(null);
            out.addAll(block);
            block.clear();
            out.add(l);
        }
        block.sort(null);
        out.addAll(block);
        return String.join("\n", out);
    }
}
