package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IP fragment lists made whole in the userspace datapath's conntrack (lib/ipf.c): the datagram tracked (committed,
 * SNAT'ed) in the last fragment's place and its fragments sent on, in offset order, with its state, addresses and
 * L4 header; through a recirculation each its own megaflow, and a second ct(commit) that collects them again; lists
 * expiring (sent on invalid with the next batch meeting ct()) and purged, with ipf-get-status -m's counters, against
 * OVS 3.1 (refdata/ovs/ctreass, ctreass2 and ctreass3: src/test/scripts/gen-ctreass.py DIR [second|big] recorded
 * by record-frames.sh, OVS's clock stopped and warped). Each command's output section by section, and every frame
 * each port sent against its tx_pcap.
 */
class OvsCtReassTest {
    static final Path REFDATA = Path.of("src/test/resources/refdata/ovs");

    @ParameterizedTest
    @ValueSource(strings = {"ctreass", "ctreass2", "ctreass3"})
    void fragmentListsMadeWholeAreOvsOwn(String name, @TempDir Path tmp) throws IOException {
        Path ref = REFDATA.resolve(name);
        CampaignReplay c = new CampaignReplay();
        Lab lab = OvsNormalCampaignTest.lab(tmp, 3);
        var sent = CampaignReplay.capture(lab);
        String got = OvsDatapathViewsTest.replay(lab, ref.resolve("commands.in"), 0);
        Files.writeString(Path.of("target/" + name + ".out"), got); // the replay in full, for reading
        c.compare(ref, got, sent, s -> OvsCtIpfTest.lists(OvsAntreaCampaignTest.normal(s)));
        // the differences in full, for reading: target/NAME.diff at the module's root
        Files.writeString(Path.of("target/" + name + ".diff"), String.join("\n", c.failures));
        assertThat(c.failures).isEmpty();
    }
}
