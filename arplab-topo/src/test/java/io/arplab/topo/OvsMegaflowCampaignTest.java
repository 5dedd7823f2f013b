package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded generic megaflow campaigns of src/test/scripts/gen-megaflows.py (refdata/ovs/megaflow-random-SEED,
 * recorded by record-megaflows.sh SEED): br0 with 3-4 dummy ports, OVS's clock stopped, a random multi-table pipeline
 * (masked L2/L3/L4 and IPv6/ND matches, tcp_flags, ip_frag, VLANs, registers and metadata, conjunctions, ct with
 * zones, marks, labels and NAT, learn, header rewrites, outputs of every kind), packets received on the ports that
 * repeat so that they hit the megaflows installed before them, then the datapath flows, dpctl/show -s, conntrack
 * and the OpenFlow counters; each command's output section by section against OVS 3.1's, and every frame each port
 * sent against its tx_pcap.
 */
class OvsMegaflowCampaignTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs");
    /**
     * Seeds left out, with the reason: OVS itself does not give the same outputs twice for them (a second recording
     * differs from the stored one).
     */
    static final java.util.Map<Integer, String> LEFT_OUT = java.util.Map.of(26, "a flow learned at an upcall"
            + " (REV_FLOW_TABLE) wakes the revalidator thread at once: whether the ICMPv6 megaflows installed around it"
            + " are re-translated (and deleted for bits of nd() the ukey's mask lacks) before the next"
            + " revalidator/wait depends on timing; a second recording keeps the 4 megaflows this one lost, as arplab"
            + " does");

    @Test
    void megaflowsAfterPacketSequencesAreOvsOwn(@TempDir Path tmp) throws IOException {
        CampaignReplay c = new CampaignReplay();
        // -Dmegaflow.seeds=3,7 replays only those seeds, left out or not
        List<String> perSeed = c.replayStopped(REF, "megaflow-random-", LEFT_OUT, "megaflow.seeds", tmp);
        int all = c.sections + c.pcaps;
        System.out.println("megaflow campaign: " + (all - c.sectionFailures - c.pcapFailures) + "/" + all
                + " sections and pcaps match (" + String.join(", ", perSeed) + "); left out: " + LEFT_OUT);
        // the differences in full, for reading: target/megaflow-campaign.diff at the module's root
        Files.writeString(Path.of("target/megaflow-campaign.diff"), String.join("\n", c.failures));
        assertThat(c.failures).isEmpty();
    }

    /** Soundness checks left out, with the reason. */
    static final java.util.Map<Integer, String> SOUND_LEFT_OUT = java.util.Map.of(110, "OVS does not give the same"
            + " outputs twice: a second recording had 47 megaflows, 108 hits and 47 misses (as arplab) where this one"
            + " has 46, 105 and 50 (its revalidator thread's rounds, in real time while OVS's clock is stopped, deleted"
            + " ICMPv6 megaflows at other points)");

    /**
     * MegaflowSoundnessTest's checks recorded with OVS 3.1 (refdata/ovs/megaflow-sound-SEED,
     * src/test/scripts/record-soundness.sh SEED): a campaign's pipeline with its packets and, after each, variants
     * that fall inside and just outside the megaflows installed before them.
     */
    @Test
    void megaflowsOfTheSoundnessChecksAreOvsOwn(@TempDir Path tmp) throws IOException {
        CampaignReplay.assertSoundnessMatches("megaflow", REF, "megaflow-sound-", SOUND_LEFT_OUT, "megaflow.sound",
                tmp);
    }

    /**
     * The same checks on the conntrack campaigns' pipelines (refdata/ovs/ct-sound-SEED, record-soundness.sh ct-SEED:
     * ct-random-SEED's flows and frames, the frames' variants with bytes taken from one another), ending with the
     * connections.
     */
    @Test
    void conntrackOfTheSoundnessChecksIsOvsOwn(@TempDir Path tmp) throws IOException {
        CampaignReplay.assertSoundnessMatches("ct", REF, "ct-sound-", java.util.Map.of(), "ct.sound", tmp);
    }
}
