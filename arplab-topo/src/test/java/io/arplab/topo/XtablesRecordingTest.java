package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The iptables filter table (stack.Xtables) against the kernel: refdata/local/xtables/out.txt, recorded by its
 * record.sh with rules.txt's rules on a router between three hosts (interface wildcards, inversions, a user chain,
 * the FORWARD policy, INPUT and OUTPUT). The same rules, given to arplab's iptables on lab.yaml's router, must give
 * the same ping outputs and the same closing {@code iptables -L -v -n -x} (every rule's and policy's counters).
 */
class XtablesRecordingTest {
    @Test
    void rulesMatchAndCountAsTheKernels() throws Exception {
        Path dir = Path.of(XtablesRecordingTest.class.getResource("/refdata/local/xtables/lab.yaml").toURI()).getParent();
        TopologyLoader.Loaded l = TopologyLoader.parse("lab.yaml", Files.readString(dir.resolve("lab.yaml")), "xtables");
        Lab lab = TopologyBuilder.build(l.topology(), 1);
        for (String rule : Files.readAllLines(dir.resolve("rules.txt"))) {
            Lab.Result r = lab.exec("r", "iptables " + rule);
            assertThat(r.exitCode()).as(rule + ": " + r.stderr()).isZero();
        }
        List<String> rec = Files.readAllLines(dir.resolve("out.txt"));
        int end = NodeTranscript.replay(lab, rec, line -> line.equals("$ r iptables -L -v -n -x"), false);
        assertThat(NodeTranscript.sections(rec, end)).isEqualTo(8);
        Lab.Result listing = lab.exec("r", "iptables -L -v -n -x");
        assertThat(listing.stdout()).isEqualTo(String.join("\n", rec.subList(end + 1, rec.size())) + "\n");
    }
}
