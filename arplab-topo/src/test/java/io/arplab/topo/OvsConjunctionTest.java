package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conjunctive matches and the OpenFlow 1.1+ action set against OVS 3.1's recordings: conjunction(id,k/n) and conj_id
 * parsed, refused and dumped as ovs-ofctl does; policies of two and three dimensions, shared clauses, priorities and
 * fallbacks to lower flows traced with their megaflows (every dimension the classifier examined) and run through
 * the datapath (src/test/scripts/record-conjunction.sh); write_actions, clear_actions and write_metadata in the
 * pipeline, the action set run at its end (src/test/scripts/record-actionset.sh).
 */
class OvsConjunctionTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs");

    @Test
    void conjunctiveMatchesAreOvsOwn(@TempDir Path tmp) throws IOException {
        assertReplays(tmp, "conjunction");
    }

    @Test
    void actionSetIsOvsOwn(@TempDir Path tmp) throws IOException {
        assertReplays(tmp, "actionset");
    }

    private static void assertReplays(Path tmp, String name) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve(name).resolve("commands.in"), 200_000_000L);
        assertThat(OvsGroupsTest.normal(got))
                .isEqualTo(OvsGroupsTest.normal(Files.readString(REF.resolve(name).resolve("commands.out"))));
    }
}
