package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded conntrack campaigns of src/test/scripts/gen-conntrack.py (refdata/ovs/ct-random-SEED, recorded by
 * record-conntrack.sh): br0 with dummy ports p1..p4, two zones, ct(zone,table[,nat]) then rules on ct_state
 * (+new/+est/+rel/+inv/+rpl, -trk after ct_clear), ct_zone, ct_mark and ct_label that mark the frame, commits with
 * exec(set_field) and nat(src=...); TCP in right and wrong orders (hex frames with sequence numbers), UDP, ICMP and
 * ICMPv6 echo and errors quoting earlier packets; conntrack, datapath and OpenFlow views and flushes; from seed 21
 * ("more") IPv6 SNAT, flush-conntrack with tuples, ct-stats-show and the TCP sequence checking switch, from seed 31
 * ("more frags") IP fragments meeting ct() and the ipf-* commands, from seed 100 ("more frags whole") fragment
 * lists made whole, and OVS's clock warped so that lists expire. Each command's output section by section against
 * OVS 3.1's (OVS's clock stopped), and every frame each port sent against its tx_pcap.
 */
class OvsConntrackCampaignTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs");
    /** Seeds left out, with the reason. */
    static final java.util.Map<Integer, String> LEFT_OUT = java.util.Map.of(101, Reason.UNINITIALIZED_MD,
            124, Reason.UNINITIALIZED_MD, 153, Reason.UNINITIALIZED_MD, 243, Reason.UNINITIALIZED_MD);

    private static final class Reason {
        static final String UNINITIALIZED_MD = "an expired fragment's megaflow key has the ct_mark and ct_label of"
                + " uninitialized memory (pkt_metadata_init() zeroes the md up to ct_state, dp_packet_new() does"
                + " not): ct_mark(0x1/0xff),ct_label(0x55959b5c4950000055959b5c1630/...), heap addresses";
    }

    @Test
    void conntrackCampaignsAreOvsOwn(@TempDir Path tmp) throws IOException {
        CampaignReplay c = new CampaignReplay();
        List<String> perSeed = new ArrayList<>();
        try (var dirs = Files.list(REF)) {
            // -Dct.seeds=1,2 replays only those seeds
            String only = System.getProperty("ct.seeds", "");
            for (Path ref : dirs.filter(d -> d.getFileName().toString().startsWith("ct-random-"))
                    .filter(d -> only.isEmpty() || Arrays.asList(only.split(","))
                            .contains(d.getFileName().toString().substring("ct-random-".length())))
                    .filter(d -> !LEFT_OUT.containsKey(Integer.parseInt(d.getFileName().toString()
                            .substring("ct-random-".length()))))
                    .sorted().toList()) {
                int before = c.sections + c.pcaps;
                Lab lab = OvsNormalCampaignTest.lab(tmp.resolve(ref.getFileName().toString()), 4);
                var sent = CampaignReplay.capture(lab);
                // OVS's clock is stopped (time/stop) for the whole recording: no lab time between the lines
                int failed = c.compare(ref, OvsDatapathViewsTest.replay(lab, ref.resolve("commands.in"), 0), sent,
                        OvsAntreaCampaignTest::normal);
                int n = c.sections + c.pcaps - before;
                perSeed.add(ref.getFileName() + " " + (n - failed) + "/" + n);
            }
        }
        int all = c.sections + c.pcaps;
        System.out.println("conntrack campaign: " + (all - c.sectionFailures - c.pcapFailures) + "/" + all
                + " sections match (" + String.join(", ", perSeed) + "); left out: " + LEFT_OUT);
        // the differences in full, for reading: target/ct-campaign.diff at the module's root
        Files.writeString(Path.of("target/ct-campaign.diff"), String.join("\n", c.failures));
        assertThat(c.failures).isEmpty();
    }
}
