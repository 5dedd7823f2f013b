package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bridges on the one dummy datapath: dpctl/show [-s], dpif/show, dpctl/dump-flows, dpif/dump-flows BR and
 * ovs-ofctl dump-ports against OVS 3.1's recording (src/test/scripts/record-dpviews.sh), modulo what changes run to
 * run in OVS (used:, duration=, the order of dump-ports' hash table).
 */
class OvsDatapathViewsTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/dpviews");

    /**
     * The views by datapath name, type and filter (refdata/ovs/dpviews/names.in): dpif_open()'s errors for a type not
     * registered, a dpif-netdev name that does not exist and the dummy datapath opened as netdev.
     */
    @Test
    void datapathNamesAreOvsOwn(@TempDir Path tmp) throws IOException {
        OvsXlateActionsTest.replayWithStatus(tmp, REF.resolve("names.in"));
    }

    @Test
    void datapathViewsAreOvsOwn(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("lab.yaml"), """
                networks:
                  br0:
                    kind: ovs
                    subnet: 10.9.0.0/24
                    ports:
                      p1: {ofport: 1, type: dummy}
                      p2: {ofport: 2, type: dummy}
                      p3: {ofport: 3, type: dummy}
                      gw: {ofport: 4, type: internal}
                  br1:
                    kind: ovs
                    subnet: 10.8.0.0/24
                    ports:
                      q1: {ofport: 5, type: dummy}
                hosts:
                  node: {}
                """);
        Lab lab = TopologyBuilder.build(TopologyLoader.load(tmp.resolve("lab.yaml")).topology(), 1);
        String got = replay(lab, REF.resolve("commands.in"), 200_000_000L);
        assertThat(normal(got)).isEqualTo(normal(Files.readString(REF.resolve("commands.out"))));
    }

    /** br0 with three dummy ports and one host, as the recordings' setup has it. */
    static Lab threePortBridge(Path tmp) throws IOException {
        Files.writeString(tmp.resolve("lab.yaml"), """
                networks:
                  br0:
                    kind: ovs
                    subnet: 10.9.0.0/24
                    ports:
                      p1: {ofport: 1, type: dummy}
                      p2: {ofport: 2, type: dummy}
                      p3: {ofport: 3, type: dummy}
                hosts:
                  node: {}
                """);
        Lab lab = TopologyBuilder.build(TopologyLoader.load(tmp.resolve("lab.yaml")).topology(), 1);
        return lab;
    }

    /**
     * Runs each line of a recording's {@code commands.in} on br0's host as the recording scripts do, with
     * {@code gapNanos} of lab time after each: "### LINE", then its stdout and stderr in one stream in the order
     * written ("2>&1"), as {@code commands.out} holds.
     */
    static String replay(Lab lab, Path commandsIn, long gapNanos) throws IOException {
        return replay(lab, commandsIn, gapNanos, false);
    }

    /**
     * {@link #replay(Lab, Path, long)}, each line followed by "[exit N]" when {@code status} (what STATUS=1
     * record-ovs-commands.sh records).
     */
    static String replay(Lab lab, Path commandsIn, long gapNanos, boolean status) throws IOException {
        return replay(lab, commandsIn, gapNanos, status, false);
    }

    /**
     * {@link #replay(Lab, Path, long, boolean)}, with {@code roundAfterFrames} each netdev-dummy/receive followed by an
     * unrecorded revalidator/wait, as record-tunnels.sh runs them.
     */
    static String replay(Lab lab, Path commandsIn, long gapNanos, boolean status, boolean roundAfterFrames)
            throws IOException {
        StringBuilder got = new StringBuilder();
        long gap = gapNanos;
        for (String line : Files.readAllLines(commandsIn)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("ovs-appctl time/stop")) {
                gap = 0; // OVS's clock stands still from here: the lab's time moves only by time/warp
            }
            java.io.StringWriter both = new java.io.StringWriter();
            java.io.PrintWriter w = new java.io.PrintWriter(both);
            int rc = lab.exec(lab.bridgeOwner("br0").name(), io.arplab.tools.CommandLineSplitter.split(line), w, w);
            w.flush();
            got.append("### ").append(line).append('\n').append(both);
            if (status) {
                got.append("[exit ").append(rc).append("]\n");
            }
            if (roundAfterFrames && line.contains("netdev-dummy/receive")) {
                lab.exec(lab.bridgeOwner("br0").name(), "ovs-appctl revalidator/wait");
            }
            if (gap > 0) {
                lab.runFor(gap);
            }
        }
        return got.toString();
    }

    /**
     * Runs one command line on br0's host with its stdout and stderr in one stream, in the order written, as
     * record-ovs-commands.sh's "2>&1" records them; then "[exit N]".
     */
    static String execMerged(Lab lab, String line) {
        java.io.StringWriter both = new java.io.StringWriter();
        java.io.PrintWriter w = new java.io.PrintWriter(both);
        int rc = lab.exec(lab.bridgeOwner("br0").name(), io.arplab.tools.CommandLineSplitter.split(line), w, w);
        w.flush();
        return "### " + line + "\n" + both + "[exit " + rc + "]\n";
    }

    // used: and duration= are wall-clock; dump-ports' blocks come in hash order
    static String normal(String s) {
        s = s.replaceAll("used:[0-9.]+s", "used:T").replaceAll("duration=[0-9.]+s", "duration=D");
        List<String> out = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String l : s.split("\n")) {
            if (l.startsWith("  port ") && l.contains(": rx pkts=")) {
                block.add(l);
            } else if (l.startsWith("           ") && !block.isEmpty()) {
                block.set(block.size() - 1, block.get(block.size() - 1) + "\n" + l);
            } else {
                block.sort(null);
                out.addAll(block);
                block.clear();
                out.add(l);
            }
        }
        block.sort(null);
        out.addAll(block);
        return String.join("\n", out);
    }
}
