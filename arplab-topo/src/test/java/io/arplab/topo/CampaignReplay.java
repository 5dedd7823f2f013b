package io.arplab.topo;

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
import java.util.function.UnaryOperator;

/**
 * The OVS campaigns' comparison of one recorded seed (a refdata/ovs directory of commands.in, commands.out and the
 * dummy ports' NAME-tx.pcap files) with what a lab did: each command's output section against OVS's, both
 * normalized, then every frame each dummy port sent against its tx_pcap. Counts and failures add up over seeds.
 */
final class CampaignReplay {
    int sections, sectionFailures, pcaps, pcapFailures;
    final List<String> failures = new ArrayList<>();

    /**
     * Replays the seeds {@code REF/PREFIXSEED} (those the system property {@code seeds} names, left out or not; else
     * every one not left out) in a lab of each seed's dummy ports, OVS's clock stopped (time/stop) for the whole
     * recording, so no lab time passes between the lines; returns "SEED: matched/all" per seed.
     */
    List<String> replayStopped(Path ref, String prefix, Map<Integer, String> leftOut, String seeds, Path tmp)
            throws IOException {
        List<String> perSeed = new ArrayList<>();
        String only = System.getProperty(seeds, "");
        List<Path> dirs;
        try (var list = Files.list(ref)) {
            dirs = list.filter(d -> d.getFileName().toString().startsWith(prefix))
                    .filter(d -> only.isEmpty() ? !leftOut.containsKey(seed(d, prefix))
                            : List.of(only.split(",")).contains(seed(d, prefix) + ""))
                    .sorted(java.util.Comparator.comparingInt(d -> seed(d, prefix))).toList();
        }
        for (Path d : dirs) {
            int before = sections + pcaps;
            Lab lab = OvsNormalCampaignTest.lab(tmp.resolve(d.getFileName().toString()), OvsNormalCampaignTest.ports(d));
            var sent = capture(lab);
            int failed = compare(d, OvsDatapathViewsTest.replay(lab, d.resolve("commands.in"), 0), sent,
                    OvsAntreaCampaignTest::normal);
            int n = sections + pcaps - before;
            perSeed.add(seed(d, prefix) + ": " + (n - failed) + "/" + n);
        }
        return perSeed;
    }

    /**
     * {@link #replayStopped} of the recorded soundness checks of one kind: the tally printed, the differences written
     * to target/NAME.diff at the root (for reading); there must be seeds, and no difference.
     */
    static void assertSoundnessMatches(String name, Path ref, String prefix, Map<Integer, String> leftOut,
            String seeds, Path tmp) throws IOException {
        CampaignReplay c = new CampaignReplay();
        List<String> perSeed = c.replayStopped(ref, prefix, leftOut, seeds, tmp);
        int all = c.sections + c.pcaps;
        System.out.println(name + " soundness campaign: " + (all - c.sectionFailures - c.pcapFailures) + "/" + all
                + " sections and pcaps match (" + String.join(", ", perSeed) + ")"
                + (leftOut.isEmpty() ? "" : "; left out: " + leftOut));
        Files.writeString(Path.of("target/" + name + "-sound.diff"), String.join("\n", c.failures));
        org.assertj.core.api.Assertions.assertThat(perSeed).isNotEmpty();
        org.assertj.core.api.Assertions.assertThat(c.failures).isEmpty();
    }

    static int seed(Path dir, String prefix) {
        return Integer.parseInt(dir.getFileName().toString().substring(prefix.length()));
    }

    /** Records, by port name, the frames every dummy port of the lab's OVS bridges sends from now on. */
    static Map<String, List<String>> capture(Lab lab) {
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
        return sent;
    }

    /**
     * Compares seed {@code ref}'s recording with the lab's output {@code got} and the frames {@link #capture} saw (a
     * port without a tx_pcap sent nothing in OVS); returns how many sections and pcaps of this seed differ.
     */
    int compare(Path ref, String got, Map<String, List<String>> sent, UnaryOperator<String> normal)
            throws IOException {
        int before = failures.size();
        List<String> want = OvsAntreaCampaignTest.sections(Files.readString(ref.resolve("commands.out")));
        List<String> have = OvsAntreaCampaignTest.sections(got);
        if (have.size() != want.size()) {
            failures.add(ref.getFileName() + ": " + have.size() + " sections, OVS has " + want.size());
        }
        for (int i = 0; i < Math.min(want.size(), have.size()); i++) {
            sections++;
            String w = normal.apply(want.get(i));
            String h = normal.apply(have.get(i));
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
        return failures.size() - before;
    }
}
