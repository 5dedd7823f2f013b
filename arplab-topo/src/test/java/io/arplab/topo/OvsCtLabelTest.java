package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ct_label, the 128-bit conntrack label, matched: parsed (masked, hex or decimal, OVS's refusals), printed by dump-flows
 * under each protocol and by ofproto/trace's Flow and Megaflow lines, against OVS 3.1's recording match.out
 * (src/test/scripts/record-ctlabel.sh). commands.out, setting labels in ct(exec(...)), is recorded but not yet replayed.
 */
class OvsCtLabelTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/ctlabel");

    @Test
    void ctLabelMatchIsOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("match.in"), 200_000_000L);
        assertThat(OvsGroupsTest.normal(got))
                .isEqualTo(OvsGroupsTest.normal(Files.readString(REF.resolve("match.out"))));
    }
}
