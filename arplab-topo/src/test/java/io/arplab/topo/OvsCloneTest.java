package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * clone(...) against OVS 3.1's recordings (refdata/ovs/clone, src/test/scripts/record-ovs-commands.sh clone):
 * syntax.out (STATUS=1: parse_CLONE(), check_CLONE(), format_CLONE() under OpenFlow 1.0, 1.3 and 1.5, the nesting
 * refusals, the usable protocols parse_CLONE() starts afresh, NXAST_CLONE in a refused flow_mod's hex dump, out_port
 * through it) and trace.out (compose_clone(): reversible actions inline with the flow restored, a datapath clone()
 * around ct(), trailing ones flattened, traces, megaflows, the datapath flows and conntrack entries of packets).
 */
class OvsCloneTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/clone");

    @Test
    void cloneSyntaxIsOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, "syntax", true);
    }

    @Test
    void cloneTranslationIsOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, "trace", false);
    }

    /**
     * packet_type=(NS,TYPE) as a match keyword (refdata/ovs/packettype, STATUS=1 record-ovs-commands.sh packettype):
     * mf_from_packet_type_string()'s refusals, an L3 packet type's Ethernet type for the prerequisites of the fields
     * after it, normalization without Ethernet addresses, the switch's OFPBMC_BAD_PREREQ for an Ethernet field with
     * another packet type (the match hex-dumped with its OXM_OF_PACKET_TYPE first), dumps in each version.
     */
    @Test
    void packetTypeMatchIsOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolveSibling("packettype").resolve("commands"), true);
    }

    private static void replay(Path tmp, String name, boolean status) throws IOException {
        replay(tmp, REF.resolve(name), status);
    }

    private static void replay(Path tmp, Path base, boolean status) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        Path in = base.resolveSibling(base.getFileName() + ".in");
        String got = status ? merged(lab, in) : OvsDatapathViewsTest.replay(lab, in, 200_000_000L);
        // for reading a difference
        Files.writeString(Path.of("target/" + base.getParent().getFileName() + "-" + base.getFileName() + ".got"), got);
        String want = Files.readString(base.resolveSibling(base.getFileName() + ".out"));
        assertThat(normal(got)).isEqualTo(normal(want));
    }

    // stdout and stderr in one stream in the order written, as the recorder's 2>&1 has them
    private static String merged(Lab lab, Path in) throws IOException {
        StringBuilder got = new StringBuilder();
        for (String line : Files.readAllLines(in)) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                got.append(OvsDatapathViewsTest.execMerged(lab, line));
                lab.runFor(200_000_000L);
            }
        }
        return got.toString();
    }

    // a ufid is a per-process hash in OVS, and dump-flows lists a table's rules in its classifier's hash order
    private static String normal(String s) {
        return OvsGroupsTest.dumpFlowsSorted(OvsGroupsTest.normal(s.replaceAll("ufid:[0-9a-f-]+", "ufid:U")));
    }
}
