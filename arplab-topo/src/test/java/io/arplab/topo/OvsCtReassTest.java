package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IP fragment lists made whole in the userspace datapath's conntrack (lib/ipf.c): the datagram tracked (committed,
 * SNAT'ed) in the last fragment's place and its fragments sent on, in offset order, with its state, addresses and
 * L4 header; through a recirculation each its own megaflow, and a second ct(commit) that collects them again; lists
 * expiring (sent on invalid with the next batch meeting ct()) and purged, with ipf-get-status -m's counters, against
 * OVS 3.1 (refdata/ovs/ctreass: src/test/scripts/gen-ctreass.py recorded by record-frames.sh, OVS's clock stopped
 * and warped). Each command's output section by section, and every frame each port sent against its tx_pcap.
 */
class OvsCtReassTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/ctreass");

    @Test
    void fragmentListsMadeWholeAreOvsOwn(@TempDir Path tmp) throws IOException {
        CampaignReplay c = new CampaignReplay();
        Lab lab = OvsNormalCampaignTest.lab(tmp, 3);
        var sent = CampaignReplay.capture(lab);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("commands.in"), 0);
        Files.writeString(Path.of("target/ctreass.out"), got); // the replay in full, for reading
        c.compare(REF, got, sent,
                s -> OvsCtIpfTest.lists(OvsAntreaCampaignTest.normal(s)));
        // the differences in full, for reading: target/ctreass.diff at the module's root
        Files.writeString(Path.of("target/ctreass.diff"), String.join("\n", c.failures));
        assertThat(c.failures).isEmpty();
    }
}
