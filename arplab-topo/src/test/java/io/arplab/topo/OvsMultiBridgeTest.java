package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.OvsBridge;
import io.arplab.flow.Ofproto;
import io.arplab.lab.Lab;
import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Several bridges in one ovs-vswitchd (src/test/scripts/gen-multibr.py, recorded by record-multibr.sh into
 * refdata/ovs/multibr/SEED): 2-3 bridges on the one dummy datapath, patch ports between them, ct() in zones shared
 * across the bridges; each command's output section by section against OVS 3.1's (modulo what OVS varies run to
 * run: used:, ufids, recirculation ids, the hash order of datapath flows and conntrack entries), and every frame each
 * dummy port sent against its tx_pcap. The lab is the recording's own lab.yaml.
 */
class OvsMultiBridgeTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/multibr");

    @Test
    void multiBridgeCampaignsAreOvsOwn() throws IOException {
        List<String> failures = new ArrayList<>();
        int sections = 0;
        int sectionFailures = 0;
        int pcaps = 0;
        int pcapFailures = 0;
        try (var dirs = Files.list(REF)) {
            for (Path ref : dirs.filter(Files::isDirectory).sorted().toList()) {
                Lab lab = TopologyBuilder.build(TopologyLoader.load(ref.resolve("lab.yaml")).topology(), 1);
                Map<String, List<String>> sent = new LinkedHashMap<>();
                for (OvsBridge br : lab.ovsBridges().values()) {
                    for (Ofproto.Port p : br.ofproto().ports()) {
                        if (p.type.equals("dummy")) {
                            List<String> frames = new ArrayList<>();
                            sent.put(p.name, frames);
                            br.pcaps(p.ofport, null, (t, f) -> frames.add(HexFormat.of().formatHex(f)), 0);
                        }
                    }
                }
                // OVS's clock is stopped (time/stop) for the whole recording: no lab time between the lines
                String got = OvsDatapathViewsTest.replay(lab, ref.resolve("commands.in"), 0);
                List<String> want = OvsAntreaCampaignTest.sections(Files.readString(ref.resolve("commands.out")));
                List<String> have = OvsAntreaCampaignTest.sections(got);
                if (have.size() != want.size()) {
                    failures.add(ref.getFileName() + ": " + have.size() + " sections, OVS has " + want.size());
                }
                for (int i = 0; i < Math.min(want.size(), have.size()); i++) {
                    sections++;
                    String w = normal(want.get(i));
                    String h = normal(have.get(i));
                    if (!h.equals(w)) {
                        sectionFailures++;
                        failures.add(ref.getFileName() + "\n--- expected\n" + w + "--- got\n" + h);
                    }
                }
                for (Map.Entry<String, List<String>> e : sent.entrySet()) {
                    List<String> frames = new ArrayList<>();
                    Path pcap = ref.resolve(e.getKey() + "-tx.pcap");
                    if (Files.exists(pcap)) {
                        for (PcapRecord r : PcapReader.readAll(pcap)) {
                            frames.add(HexFormat.of().formatHex(r.data()));
                        }
                    }
                    pcaps++;
                    if (!e.getValue().equals(frames)) {
                        pcapFailures++;
                        failures.add(ref.getFileName() + " " + e.getKey() + "-tx.pcap\n--- expected\n"
                                + String.join("\n", frames) + "\n--- got\n" + String.join("\n", e.getValue()));
                    }
                }
            }
        }
        System.out.println("multibr campaign: " + (sections - sectionFailures) + "/" + sections
                + " sections match, " + (pcaps - pcapFailures) + "/" + pcaps + " pcaps match");
        // the differences in full, for reading: target/multibr.diff at the module's root
        Files.writeString(Path.of("target/multibr.diff"), String.join("\n", failures));
        assertThat(failures).isEmpty();
    }

    // the Antrea campaigns' (used:, ufids, recirculation ids, hash orders), and ovs-vsctl show's uuid and hash order
    static String normal(String section) {
        return OvsAntreaCampaignTest.normal(section.startsWith("### ovs-vsctl show")
                ? OvsVsctlRecordingTest.normal(section) : section);
    }
}
