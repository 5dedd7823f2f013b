package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The switch's own refusals of flow_mods ovs-ofctl sends (src/test/scripts/record-ovs-commands.sh flowmod-errors):
 * writes to the hidden table 254 and matches on hidden fields answered with OFPT_ERROR and the request echoed,
 * ct(exec(...)) without commit, and actset_output as a match field, against OVS 3.1's recording; and the plain
 * dump of flows ovs-ofctl cannot decode (debug-dump).
 */
class OvsFlowModErrorsTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/flowmod-errors");

    @ParameterizedTest
    @ValueSource(strings = {"errors", "actset", "ct-exec"})
    void flowModsAreOvsOwn(String name, @TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve(name + ".in"), 200_000_000L);
        String want = Files.readString(REF.resolve(name + ".out"));
        Files.writeString(Path.of("target", "flowmod-" + name + ".got"), normal(got)); // for a diff
        Files.writeString(Path.of("target", "flowmod-" + name + ".want"), normal(want));
        assertThat(normal(got)).isEqualTo(normal(want));
    }

    /**
     * ofp_print() of a flow stats reply ovs-ofctl cannot decode (debug_slow, debug_recirc): the entries before the bad
     * one, "***decode error***" and the reply hex-dumped, in OpenFlow 1.0, 1.3 and 1.5. OVS's clock is stopped
     * (time/stop) and moved by time/warp alone, so the lab's runs only as the warps move it. ovs-ofctl's log
     * (stderr) comes before what it prints (stdout, written at exit) in the recording.
     */
    @Test
    void undecodableDumpsAreOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        StringBuilder got = new StringBuilder();
        for (String line : Files.readAllLines(REF.resolve("debug-dump.in"))) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var r = lab.exec(lab.bridgeOwner("br0").name(), line);
            got.append("### ").append(line).append('\n').append(r.stderr()).append(r.stdout());
        }
        assertThat(normal(got.toString())).isEqualTo(normal(Files.readString(REF.resolve("debug-dump.out"))));
    }

    // log lines carry OVS's wall clock, and dump-flows lists a table's rules in its classifier's hash order
    private static String normal(String s) {
        return OvsGroupsTest.dumpFlowsSorted(OvsGroupsTest.normal(s));
    }
}
