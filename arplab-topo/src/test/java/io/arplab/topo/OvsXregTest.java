package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * xreg0-7 (64-bit) and xxreg0-3 (128-bit) registers, the registers they span, against OVS 3.1's recordings
 * (src/test/scripts/record-xreg.sh): flows.out (matches printed as the registers they cover, masked values,
 * set_field/load/move by protocol, OVS's refusals of bad widths and values) and traces.out (the pipeline: ofproto/trace's
 * notes, final flows and megaflows, the datapath's flows of received packets).
 */
class OvsXregTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/xreg");

    @Test
    void xregFlowsAreOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, "flows");
    }

    @Test
    void xregPipelineIsOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, "traces");
    }

    private static void replay(Path tmp, String name) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve(name + ".in"), 200_000_000L);
        assertThat(normal(got)).isEqualTo(normal(Files.readString(REF.resolve(name + ".out"))));
    }

    // a ufid is a per-process hash in OVS, and dump-flows lists a table's rules in its classifier's hash order
    private static String normal(String s) {
        return OvsGroupsTest.dumpFlowsSorted(OvsGroupsTest.normal(s.replaceAll("ufid:[0-9a-f-]+", "ufid:U")));
    }
}
