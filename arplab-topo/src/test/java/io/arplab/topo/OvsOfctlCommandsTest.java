package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ovs-ofctl's commands beyond adding, changing, deleting and dumping flows, against OVS 3.1 (refdata/ovs/ofctl-cmds,
 * recorded by STATUS=1 src/test/scripts/record-ovs-commands.sh ofctl-cmds, its flow files beside the commands).
 */
class OvsOfctlCommandsTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/ofctl-cmds");

    @Test
    void moreOfctlCommandsAreOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        lab.setWorkDir(REF);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("commands.in"), 200_000_000L, true);
        Files.writeString(Path.of("target/ofctl-cmds.got"), got);
        assertThat(normal(got)).isEqualTo(normal(Files.readString(REF.resolve("commands.out"))));
    }

    /**
     * Antrea's own flows as its unit tests expect them (refdata/ovs/antrea-flows, src/test/scripts/gen-antrea-flows.py):
     * each added alone (refused for an unknown group or meter, a goto_table backwards, ...), then every table dumped
     * in OpenFlow 1.5, 1.3 and 1.0 and with --names.
     */
    @Test
    void antreaFlowsAreOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        Path ref = REF.resolveSibling("antrea-flows");
        String got = OvsDatapathViewsTest.replay(lab, ref.resolve("commands.in"), 200_000_000L, true);
        Files.writeString(Path.of("target/antrea-flows.got"), got);
        assertThat(normal(got)).isEqualTo(normal(Files.readString(ref.resolve("commands.out"))));
    }

    // the log lines' timestamps, the durations
    private static String normal(String s) {
        return s.replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\|\\d+\\|", "")
                .replaceAll("duration=[0-9.]+s", "duration=D");
    }
}
