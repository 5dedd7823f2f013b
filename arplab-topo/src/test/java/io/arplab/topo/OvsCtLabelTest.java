package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ct_label, the 128-bit conntrack label, against OVS 3.1's recordings (src/test/scripts/record-ctlabel.sh): matched
 * (match.out: parsed masked, hex or decimal, with OVS's refusals, printed by dump-flows under each protocol and by
 * ofproto/trace's Flow and Megaflow lines) and set (commands.out: ct(exec(set_field/load/move)) printed by protocol,
 * refused outside ct(), the datapath's ct(commit,label=...), the connections' labels= and the megaflows matching them).
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

    @Test
    void ctLabelSetIsOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, "commands");
    }

    /** exec.out: masked marks and labels merged into a connection, a label from a register, ct(table) after exec. */
    @Test
    void ctExecMergesMarkAndLabelAsOvs(@TempDir Path tmp) throws IOException {
        replay(tmp, "exec");
    }

    private static void replay(Path tmp, String name) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve(name + ".in"), 200_000_000L);
        assertThat(OvsGroupsTest.normal(got))
                .isEqualTo(OvsGroupsTest.normal(Files.readString(REF.resolve(name + ".out"))));
    }
}
