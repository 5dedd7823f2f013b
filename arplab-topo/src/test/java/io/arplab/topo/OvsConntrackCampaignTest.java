package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.OvsBridge;
import io.arplab.lab.Lab;
import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded conntrack campaigns of src/test/scripts/gen-conntrack.py (refdata/ovs/ct-random-SEED, recorded by
 * record-conntrack.sh): br0 with dummy ports p1..p4, two zones, ct(zone,table[,nat]) then rules on ct_state
 * (+new/+est/+rel/+inv/+rpl, -trk after ct_clear), ct_zone, ct_mark and ct_label that mark the frame, commits with
 * exec(set_field) and nat(src=...); TCP in right and wrong orders (hex frames with sequence numbers), UDP, ICMP and
 * ICMPv6 echo and errors quoting earlier packets; conntrack, datapath and OpenFlow views and flushes. Each command's
 * output section by section against OVS 3.1's (OVS's clock stopped), and every frame each port sent against its
 * tx_pcap.
 */
class OvsConntrackCampaignTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs");

    @Test
    void conntrackCampaignsAreOvsOwn(@TempDir Path tmp) throws IOException {
        List<String> failures = new ArrayList<>();
        List<String> perSeed = new ArrayList<>();
        int sections = 0;
        try (var dirs = Files.list(REF)) {
            // -Dct.seeds=1,2 replays only those seeds
            String only = System.getProperty("ct.seeds", "");
            for (Path ref : dirs.filter(d -> d.getFileName().toString().startsWith("ct-random-"))
                    .filter(d -> only.isEmpty() || Arrays.asList(only.split(","))
                            .contains(d.getFileName().toString().substring("ct-random-".length())))
                    .sorted().toList()) {
                int before = failures.size();
                int seedSections = 0;
                Lab lab = OvsNormalCampaignTest.lab(tmp.resolve(ref.getFileName().toString()), 4);
                OvsBridge br = lab.ovsBridges().get("br0");
                List<List<String>> sent = new ArrayList<>();
                for (int p = 1; p <= 4; p++) {
                    List<String> frames = new ArrayList<>();
                    sent.add(frames);
                    br.pcaps(p, null, (t, f) -> frames.add(HexFormat.of().formatHex(f)), 0);
                }
                // OVS's clock is stopped (time/stop) for the whole recording: no lab time between the lines
                String got = OvsDatapathViewsTest.replay(lab, ref.resolve("commands.in"), 0);
                List<String> want = OvsAntreaCampaignTest.sections(Files.readString(ref.resolve("commands.out")));
                List<String> have = OvsAntreaCampaignTest.sections(got);
                if (have.size() != want.size()) {
                    failures.add(ref.getFileName() + ": " + have.size() + " sections, OVS has " + want.size());
                }
                for (int i = 0; i < Math.min(want.size(), have.size()); i++) {
                    seedSections++;
                    String w = OvsAntreaCampaignTest.normal(want.get(i));
                    String h = OvsAntreaCampaignTest.normal(have.get(i));
                    if (!h.equals(w)) {
                        failures.add(ref.getFileName() + "\n--- expected\n" + w + "--- got\n" + h);
                    }
                }
                for (int p = 1; p <= 4; p++) {
                    List<String> frames = new ArrayList<>();
                    for (PcapRecord r : PcapReader.readAll(ref.resolve("p" + p + "-tx.pcap"))) {
                        frames.add(HexFormat.of().formatHex(r.data()));
                    }
                    seedSections++;
                    if (!sent.get(p - 1).equals(frames)) {
                        failures.add(ref.getFileName() + " p" + p + "-tx.pcap\n--- expected\n"
                                + String.join("\n", frames) + "\n--- got\n" + String.join("\n", sent.get(p - 1)));
                    }
                }
                sections += seedSections;
                perSeed.add(ref.getFileName() + " " + (seedSections - failures.size() + before) + "/" + seedSections);
            }
        }
        System.out.println("conntrack campaign: " + (sections - failures.size()) + "/" + sections
                + " sections match (" + String.join(", ", perSeed) + ")");
        // the differences in full, for reading: target/ct-campaign.diff at the module's root
        Files.writeString(Path.of("target/ct-campaign.diff"), String.join("\n", failures));
        assertThat(failures).isEmpty();
    }
}
