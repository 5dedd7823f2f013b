package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("commands.in"), 200_000_000L);
        assertThat(normal(got)).isEqualTo(normal(Files.readString(REF.resolve("commands.out"))));
    }

    /** limit= and result_dst= (a flow not learned yet, over the limit, is not added), delete_learned. */
    @Test
    void learnLimitsResultsAndDeletionsAreOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        // the recording's own pace (its dumps' durations: 0.72 s three lines after the first learn, 1.67 s seven
        // lines after it): a hit's learn() refreshes its flow at the timer's round after it (XC_LEARN), whose second
        // falls before the later dump's only at that pace, as OVS's hard_age shows
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("extras.in"), 230_000_000L);
        assertThat(normal(got)).isEqualTo(normal(Files.readString(REF.resolve("extras.out"))));
    }

    /** OVS's run-to-run changes normalised as for groups (the same durations, ids and hash orders). */
    static String normal(String s) {
        return OvsGroupsTest.normal(s);
    }
}
