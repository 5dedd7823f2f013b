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
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * What OVS 3.1's actions do to the frames leaving its ports (src/test/scripts/record-frames.sh): each topic's
 * commands (flows, traces, netdev-dummy/receive, dpctl/dump-flows) replayed on br0 with ports p1-p3, their output
 * against OVS's, and every frame each port sent against its tx_pcap, byte for byte.
 */
class OvsFramesTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/frames");

    @ParameterizedTest
    @ValueSource(strings = {"vlan", "l3", "controller", "fin", "bundle", "multipath", "normal-vlan", "ipv6", "sctp",
        "mpls", "nd-rarp", "mpls-verbose", "qinq", "qinq-actions", "qinq-tunnel", "qinq-probe", "qinq-limit1",
        "odp-receive", "igmp", "l4-short", "ctorig", "ctorig2", "tnl-ecn", "llc", "nd-short", "packet-out", "packet-out-mut", "receive-mut", "appctl-mut", "nat-related", "ftp-nat", "alg-related",
        "trunc", "mirror-snaplen"})
    void actionsOnFramesAreOvsOwn(String topic, @TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        OvsBridge br = lab.ovsBridges().get("br0");
        List<List<String>> sent = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            List<String> frames = new ArrayList<>();
            sent.add(frames);
            br.pcaps(p, null, (t, f) -> frames.add(HexFormat.of().formatHex(f)), 0);
        }
        Path dir = REF.resolve(topic);
        String got = OvsDatapathViewsTest.replay(lab, dir.resolve("commands.in"), 200_000_000L);
        assertThat(normal(got)).isEqualTo(normal(Files.readString(dir.resolve("commands.out"))));
        for (int p = 1; p <= 3; p++) {
            List<String> want = new ArrayList<>();
            for (PcapRecord r : PcapReader.readAll(dir.resolve("p" + p + "-tx.pcap"))) {
                want.add(HexFormat.of().formatHex(r.data()));
            }
            assertThat(sent.get(p - 1)).as("p" + p + "-tx.pcap").containsExactlyElementsOf(want);
        }
    }

    // fdb/show's Age is OVS's clock in whole seconds, which the recording's pauses can cross, and so is its order (a
    // known entry learned again moves last only once a second has passed: is_mac_learning_update_needed()); a
    // controller action's recirculation id, a flow's age, dump-flows -m's ufids (hashed with a per-process secret)
    // and its row order are OVS's run-to-run values, and so is the uuid of a row ovs-vsctl creates
    static String normal(String s) {
        s = s.replaceAll("(?m)^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", "UUID");
        s = sortedUfidRows(s.replaceAll("ufid:[0-9a-f-]+", "ufid:U"));
        s = s.replaceAll("(?m)^( +\\d+ +\\d+  [0-9a-f:]{17}) +\\d+$", "$1 AGE");
        // the rows up to the section's end too, whose last line may have no newline
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)(?:^ +\\d+ +\\d+  [0-9a-f:]{17} AGE(?:\n|\\z))+").matcher(s);
        StringBuilder sorted = new StringBuilder();
        while (m.find()) {
            List<String> lines = new ArrayList<>(List.of(m.group().split("\n")));
            lines.sort(null);
            m.appendReplacement(sorted, String.join("\n", lines) + (m.group().endsWith("\n") ? "\n" : ""));
        }
        m.appendTail(sorted);
        return OvsGroupsTest.normal(sorted.toString().replaceAll("continuation=0,recirc_id=\\d+",
                "continuation=0,recirc_id=R"));
    }

    private static String sortedUfidRows(String s) {
        List<String> out = new ArrayList<>(), rows = new ArrayList<>();
        for (String l : (s + "\n").split("\n", -1)) {
            if (l.startsWith("ufid:")) {
                rows.add(l);
                continue;
            }
            rows.sort(null);
            out.addAll(rows);
            rows.clear();
            out.add(l);
        }
        return String.join("\n", out.subList(0, out.size() - 1));
    }
}
