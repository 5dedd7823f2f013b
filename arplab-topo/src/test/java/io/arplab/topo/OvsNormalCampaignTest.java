package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded NORMAL campaigns of src/test/scripts/gen-normal.py (refdata/ovs/normal-random-SEED, recorded by
 * record-normal.sh), and normal-fdb written by hand (the fdb/ commands, static entries, their errors): br0 with 3-6 dummy ports, random VLAN port configurations, MAC table size and ageing,
 * flood_vlans, frames received with MACs that repeat and move, OVS's clock stopped and warped, then fdb/show,
 * fdb/stats-show, fdb/flush, traces, datapath flows and port counters; each command's output section by section
 * against OVS 3.1's, and every frame each port sent against its tx_pcap.
 */
class OvsNormalCampaignTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs");
    /** Campaigns left out, with the reason. */
    static final java.util.Map<String, String> LEFT_OUT = java.util.Map.of();

    @Test
    void normalCampaignsAreOvsOwn(@TempDir Path tmp) throws IOException {
        CampaignReplay c = new CampaignReplay();
        // -Dnormal.only=normal-random-51 replays only those campaigns, left out or not
        List<String> only = List.of(System.getProperty("normal.only", "").split(","));
        try (var dirs = Files.list(REF)) {
            for (Path ref : dirs.filter(d -> d.getFileName().toString().startsWith("normal-"))
                    .filter(d -> only.contains(d.getFileName().toString())
                            || only.equals(List.of("")) && !LEFT_OUT.containsKey(d.getFileName().toString()))
                    .sorted().toList()) {
                Lab lab = lab(tmp.resolve(ref.getFileName().toString()), ports(ref));
                var sent = CampaignReplay.capture(lab);
                // OVS's clock is stopped (time/stop) for the whole recording: no lab time between the lines
                c.compare(ref, OvsDatapathViewsTest.replay(lab, ref.resolve("commands.in"), 0), sent,
                        OvsNormalCampaignTest::normal);
            }
        }
        System.out.println("normal campaign: " + (c.sections - c.sectionFailures) + "/" + c.sections
                + " sections match, " + (c.pcaps - c.pcapFailures) + "/" + c.pcaps + " pcaps match");
        // the differences in full, for reading: target/normal-campaign.diff at the module's root
        Files.writeString(Path.of("target/normal-campaign.diff"), String.join("\n", c.failures));
        assertThat(c.failures).isEmpty();
    }

    // what changes run to run in OVS: used: and duration= (wall clock), the hash order of the datapath flows and of
    // dump-ports' blocks, the age of a static entry a new mac-aging-time made dynamic (INT_MAX and OVS's clock in
    // seconds), the bridge's random MAC address (its LOCAL port's). Not fdb/show's other ages and order: OVS's clock
    // is stopped, so they are OVS's own
    static String normal(String section) {
        String t = OvsDatapathViewsTest.normal(section).replaceAll("(?m)  -2147\\d{6}$", "  -2147NNNNNN")
                .replaceAll("LOCAL\\(br0\\): addr:\\S+", "LOCAL(br0): addr:M");
        if (t.startsWith("### ovs-appctl dpctl/dump-flows")) {
            String[] lines = t.split("\n");
            java.util.Arrays.sort(lines, 1, lines.length);
            t = String.join("\n", lines);
        }
        return t.endsWith("\n") ? t : t + "\n";
    }

    /** The ports p1..pN, from commands.in's first line. */
    static int ports(Path ref) throws IOException {
        Matcher m = Pattern.compile("p1\\.\\.p(\\d)").matcher(Files.readAllLines(ref.resolve("commands.in")).get(0));
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    static Lab lab(Path dir, int ports) throws IOException {
        Files.createDirectories(dir);
        StringBuilder yaml = new StringBuilder("""
                networks:
                  br0:
                    kind: ovs
                    subnet: 10.9.0.0/24
                    ports:
                """);
        for (int p = 1; p <= ports; p++) {
            yaml.append("      p").append(p).append(": {ofport: ").append(p).append(", type: dummy}\n");
        }
        Files.writeString(dir.resolve("lab.yaml"), yaml + "hosts:\n  node: {}\n");
        return TopologyBuilder.build(TopologyLoader.load(dir.resolve("lab.yaml")).topology(), 1);
    }
}
