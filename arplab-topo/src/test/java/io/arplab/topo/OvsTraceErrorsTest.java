package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Odd and malformed invocations of ofproto/trace (every form of parse_flow_and_packet(): options, datapath flows
 * with and without a datapath name, hex packets of odd lengths), ofproto/trace-packet-out and the datapath commands,
 * with their exit statuses, against OVS 3.1 (refdata/ovs/trace-errors: src/test/scripts/gen-trace-errors.py 1 40,
 * SEED N mutations and SEED 30 recirc, recorded by STATUS=1 src/test/scripts/record-ovs-commands.sh trace-errors, one
 * bridge per file).
 */
class OvsTraceErrorsTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/trace-errors");

    @Test
    void oddInvocationsGetOvsOwnOutputAndStatus(@TempDir Path tmp) throws IOException {
        replay(tmp, "commands");
    }

    /**
     * A packet after the flow (refdata/ovs/trace-errors/packets.in): parse_flow_and_packet() takes the packet's
     * metadata from the flow (pkt_metadata_from_flow()) and all else from the packet (flow_extract()), so registers and
     * metadata are zero; trace-packet-out's recirculations are given its actions again, a conflict (ofproto_trace()).
     */
    @Test
    void packetsAfterTheFlowAreOvsOwn(@TempDir Path tmp) throws IOException {
        OvsXlateActionsTest.replayWithStatus(tmp, REF.resolve("packets.in"));
    }

    /** Every mutations-SEED.in: 120 or 200 mutations of valid invocations (gen-trace-errors.py SEED N mutations). */
    @Test
    void mutatedInvocationsGetOvsOwnOutputAndStatus(@TempDir Path tmp) throws IOException {
        for (String name : recorded("mutations-")) {
            Files.createDirectories(tmp.resolve(name));
            replay(tmp.resolve(name), name);
        }
    }

    /**
     * Every recirc-SEED.in (gen-trace-errors.py SEED 30 recirc): recirculation ids allocated by ct() traces and
     * received packets, traced back with recirc_id(K) in OpenFlow and datapath flows while referenced, lingering or
     * freed.
     */
    @Test
    void recirculationIdsAreFoundWhileReferencedOrLingering(@TempDir Path tmp) throws IOException {
        for (String name : recorded("recirc-")) {
            Files.createDirectories(tmp.resolve(name));
            replay(tmp.resolve(name), name);
        }
    }

    // the recordings of one kind (NAME.in with its NAME.out), by name
    private static List<String> recorded(String prefix) throws IOException {
        try (var files = Files.list(REF)) {
            List<String> names = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.startsWith(prefix) && f.endsWith(".in")).map(f -> f.substring(0, f.length() - 3))
                    .sorted().toList();
            assertThat(names).isNotEmpty();
            return names;
        }
    }

    private static void replay(Path tmp, String name) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        List<String> got = new ArrayList<>();
        for (String line : Files.readAllLines(REF.resolve(name + ".in"))) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            got.add(OvsDatapathViewsTest.execMerged(lab, line));
            lab.runFor(200_000_000L);
        }
        List<String> want = List.of(Files.readString(REF.resolve(name + ".out")).split("(?m)^(?=### )"));
        assertThat(got).hasSameSizeAs(want);
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < want.size(); i++) {
            if (!normal(got.get(i)).equals(normal(want.get(i)))) {
                differ.add(normal(want.get(i)) + "--- arplab:\n" + normal(got.get(i)));
            }
        }
        assertThat(differ).as("%d of %d sections differ", differ.size(), want.size()).isEmpty();
    }

    // ufids and used: times change run to run, recirc ids with allocation order, dpctl and dpif rows come in hash
    // order
    private static String normal(String section) {
        String s = OvsMegaflowsTest.unordered(OvsDatapathViewsTest.normal(section)
                .replaceAll("ufid:[0-9a-f-]+", "ufid:U"), Set.of());
        if (s.startsWith("### ovs-appctl dpif/dump-flows")) {
            String[] lines = s.split("\n");
            java.util.Arrays.sort(lines, 1, lines.length);
            s = String.join("\n", lines) + "\n";
        }
        return s;
    }
}
