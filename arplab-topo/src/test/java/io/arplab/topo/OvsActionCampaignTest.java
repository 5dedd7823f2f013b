package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded action campaigns of src/test/scripts/gen-actions.py (refdata/ovs/action-random-SEED, recorded by
 * record-actions.sh SEED): br0 with dummy ports p1..p3, OVS's clock stopped, groups of every type (select by the
 * default method, dp_hash and hash with fields; fast_failover watching ports taken down and up; groups modified and
 * deleted while flows use them), meters, bundle(), multipath(), learn() with timeouts and limits, check_pkt_larger,
 * dec_ttl, MPLS, clone, a resubmit loop, set_tunnel, queues, controller() and sample() without a controller (with
 * learnover, seeds 1301 on: flows added where learns land, as like the learned ones as not); the packets' traces,
 * the datapath flows, the OpenFlow flows, group and meter stats section by section against OVS 3.1's, and every
 * frame each port sent against its tx_pcap.
 */
class OvsActionCampaignTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs");
    /** Seeds left out, with the reason. */
    static final java.util.Map<Integer, String> LEFT_OUT = java.util.Map.of(26, "the revalidators' timer: the hit of"
            + " 50:54:00:00:00:a9 from p2 (line 37) had its stats pushed, learning it back on p2, before the next line's"
            + " upcall looked it up, so a timer round fell less than two lines (420 ms at the scripts' pace) after the"
            + " round line 36's MAC move woke; arplab's timer, counted in lines from that round, comes after the third"
            + " line, as megaflow-random-80 and 216 show OVS's did (1 of 5 pcaps: p2's frame of line 38)",
            97, "not modelled: a mod-group makes"
            + " groups 1 and 2 call each other, so translations through them fail (Recursion too deep) and install"
            + " drop megaflows; OVS credits every nested group level with the stats each revalidation pushes"
            + " through such a ukey (xlate_group_stats() in revalidate_ukey()'s re-translation), 450 packets to"
            + " group 1 and 2 to group 2 where arplab credits the upcalls' translations (2 of 72 sections: the group"
            + " stats)",
            236, "the revalidators' timer, as 26: line 56's hit of 50:54:00:00:00:5f from p1 had its stats pushed"
            + " (XC_NORMAL: learned back on p1) before line 57's trace, less than a line after the round line 55's"
            + " move to p2 woke, in three recordings (load average 12-16, OVS at nice 19); arplab's next round comes"
            + " after the trace (1 of 67 sections: the trace forwards to p2)",
            238, "the revalidators' timer, as 26: line 49's hit of 50:54:00:00:00:18 from p1 had its stats pushed"
            + " before line 50's upcall learned it on p3, in three recordings (load average 12-16, OVS at nice 19);"
            + " arplab pushes it in the round that upcall's move wakes, back to p1 (2 of 73: the last dump-flows and"
            + " p3's frame of line 63)");

    @Test
    void actionsExecutedAreOvsOwn(@TempDir Path tmp) throws IOException {
        CampaignReplay c = new CampaignReplay();
        // -Daction.seeds=3,7 replays only those seeds, left out or not
        List<String> perSeed = c.replayStopped(REF, "action-random-", LEFT_OUT, "action.seeds", tmp);
        int all = c.sections + c.pcaps;
        System.out.println("action campaign: " + (all - c.sectionFailures - c.pcapFailures) + "/" + all
                + " sections and pcaps match (" + String.join(", ", perSeed) + "); left out: " + LEFT_OUT);
        // the differences in full, for reading: target/action-campaign.diff at the module's root
        Files.writeString(Path.of("target/action-campaign.diff"), String.join("\n", c.failures));
        assertThat(c.failures).isEmpty();
    }

    /** Soundness checks left out, with the reason. */
    static final java.util.Map<Integer, String> SOUND_LEFT_OUT = java.util.Map.of(209, "not yet understood: three"
            + " recordings alike credit table 6's flow for dl_dst=50:54:00:00:00:a9 (added by ovs-ofctl mid-run,"
            + " learnover) with 6 packets where arplab credits 5 and one more (106 bytes, an ICMP echo from p2) to the"
            + " table's catch-all (1 of 214 sections: the final dump-flows)", 258, "209's counterpart, not yet"
            + " understood: two recordings alike credit the table-6 catch-all with line 75's ICMP echo from p3 to"
            + " 50:54:00:00:00:dd (106 bytes, the line before ovs-ofctl adds the dl_dst=50:54:00:00:00:dd flow,"
            + " learnover) where arplab credits the new flow (1 of 221 sections: the final dump-flows)");

    /**
     * OvsCampaignSoundnessTest's checks of the action campaigns recorded with OVS 3.1 (refdata/ovs/action-sound-SEED,
     * src/test/scripts/record-soundness.sh action-SEED): a seed's commands made sound, each packet followed by
     * variants that fall inside and just outside the megaflows installed before them.
     */
    @Test
    void soundnessChecksAreOvsOwn(@TempDir Path tmp) throws IOException {
        CampaignReplay.assertSoundnessMatches("action", REF, "action-sound-", SOUND_LEFT_OUT, "action.sound", tmp);
    }
}
