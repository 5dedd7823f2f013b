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
 * IP fragments meeting ct() (lib/ipf.c: too small, held in their datagram's list, overlapping, with the family's
 * handling off or at the maximum held; conntrack keys no fragment) and dpctl/ipf-get-status [-m], ipf-set-enabled,
 * ipf-set-disabled, ipf-set-min-frag, ipf-set-max-nfrags (their arguments, refusals and exit statuses), against OVS
 * 3.1 (refdata/ovs/ctipf, recorded by STATUS=1 src/test/scripts/record-ovs-commands.sh ctipf). No list completes
 * here: {@link OvsCtReassTest} has lists made whole.
 */
class OvsCtIpfTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/ctipf");

    @Test
    void fragmentsMeetingConntrackAreOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("commands.in"), 200_000_000L, true);
        // the replay in full, for reading: target/ctipf.out at the module's root
        Files.writeString(Path.of("target/ctipf.out"), got);
        assertThat(lists(OvsGroupsTest.normal(got)))
                .isEqualTo(lists(OvsGroupsTest.normal(Files.readString(REF.resolve("commands.out")))));
    }

    // ipf-get-status -m lists the fragment lists in the order of a hash with a random basis: sorted here
    static String lists(String s) {
        List<String> out = new ArrayList<>(), run = new ArrayList<>();
        for (String l : (s + "\n").split("\n")) {
            if (l.startsWith("(src=")) {
                run.add(l);
                continue;
            }
            run.sort(null);
            out.addAll(run);
            run.clear();
            out.add(l);
        }
        return String.join("\n", out);
    }
}
