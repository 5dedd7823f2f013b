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
 * Bad input and less common invocations of ovs-ofctl, ovs-appctl, ovs-dpctl and ovs-vsctl (unknown commands and
 * options, argument counts, bad bridges, ports and numbers, the read-only commands under each OpenFlow version,
 * conntrack zone limits, datapath flows by hand), with their exit statuses, against OVS 3.1 (refdata/ovs/cli-1:
 * src/test/scripts/gen-ovs-cli.py 1 60, cli-2: gen-ovs-cli.py 2 120 random, cli-3: gen-ovs-cli.py 3 80 prereq,
 * cli-4 and cli-5: gen-ovs-cli.py SEED 100 adds, cli-6, cli-7 and cli-9: gen-ovs-cli.py SEED 120 random, cli-8:
 * gen-ovs-cli.py 8 150 prereq, recorded by STATUS=1 src/test/scripts/record-ovs-commands.sh cli-N).
 */
class OvsCliErrorsTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs");

    /**
     * Left out, with the reason; nothing else is: ovs-appctl list-commands prints ovs-vswitchd's whole command table
     * (tools.ovs.Unixctl), and the version strings of ovs-ofctl --version and ovs-appctl version are not generated at
     * all (they change with every OVS build).
     */
    static final java.util.Map<String, String> KNOWN = java.util.Map.of("ovs-vsctl -v list-br", "not modelled:"
            + " vlog_set_verbosity() puts every module at DBG on the console, so ovs-vsctl logs its whole OVSDB session"
            + " (reconnect, ovsdb_cs and poll_loop states, each JSON-RPC message with the schema's text)");

    static boolean leftOut(String command) {
        return KNOWN.containsKey(command);
    }

    @Test
    void seed1FixedAndRandomInvocations(@TempDir Path tmp) throws IOException {
        replay(tmp, "cli-1");
    }

    @Test
    void seed2RandomInvocations(@TempDir Path tmp) throws IOException {
        replay(tmp, "cli-2");
    }

    @Test
    void seed3MatchesLackingPrerequisites(@TempDir Path tmp) throws IOException {
        replay(tmp, "cli-3");
    }

    @Test
    void seed4RulesLeftWithPacketTypeAloneUnixctlTableAndBridgeBooleans(@TempDir Path tmp) throws IOException {
        replay(tmp, "cli-4");
    }

    @Test
    void seed5RulesLeftWithPacketTypeAloneUnixctlTableAndBridgeBooleans(@TempDir Path tmp) throws IOException {
        replay(tmp, "cli-5");
    }

    /** Random invocations (gen-ovs-cli.py 6 120 random), recorded after the model as a held-out check. */
    @Test
    void seed6RandomInvocationsRecordedAfterTheModel(@TempDir Path tmp) throws IOException {
        replay(tmp, "cli-6");
    }

    /**
     * A table number in each place ovs-ofctl parses one (cli-tables, hand-written): ofputil_table_from_string() takes
     * decimal only, 0 through 255, warns of a negative number or one above 255, and each caller words its own error.
     */
    @Test
    void tableNumbers(@TempDir Path tmp) throws IOException {
        replay(tmp, "cli-tables");
    }

    /**
     * What the sweep of mutated commands found (cli-sweep, hand-written): a lone "-" to ovs-vsctl, and learn's specs
     * whose value is neither a subfield nor an immediate value, or a load's malformed source.
     */
    @Test
    void mutatedCommandSweep(@TempDir Path tmp) throws IOException {
        replay(tmp, "cli-sweep");
    }

    /**
     * ovs-vsctl's getopt_long() (cli-getopt, hand-written after cli-mut-186): short options with their argument glued
     * or as the next word, -d/--data and -f/--format checked as met; ovs-ofctl's group commands, and add-flows,
     * add-groups and replace-flows with their files, parse before they connect to a target that vconn_verify_name()
     * refuses.
     */
    @Test
    void getoptArgumentsAndGroupsParsedBeforeConnecting(@TempDir Path tmp) throws IOException {
        replay(tmp, "cli-getopt");
    }

    /**
     * Datapath flow keys as odp_flow_from_string() reads them (odp-keys, hand-written): each given to
     * netdev-dummy/receive and to ofproto/trace, every attribute with odd values, masks, repeats and delimiters.
     */
    @Test
    void odpFlowKeys(@TempDir Path tmp) throws IOException {
        replay(tmp, "odp-keys");
    }

    /**
     * A second round of datapath keys (odp-keys-2, hand-written, recorded after the first round's fixes): later
     * fragments, tags without their inner type or CFI, ARP opcodes, L3 packet types, conntrack metadata with masks.
     */
    @Test
    void odpFlowKeysSecondRound(@TempDir Path tmp) throws IOException {
        replay(tmp, "odp-keys-2");
    }

    /**
     * A third round (odp-keys-3, hand-written, recorded after the second round's fixes as a held-out check): later
     * fragments of each protocol, zero and priority-only tags, L3 packet types, ARP opcodes, tunnel keys with and
     * without a destination.
     */
    @Test
    void odpFlowKeysThirdRound(@TempDir Path tmp) throws IOException {
        replay(tmp, "odp-keys-3");
    }

    /** Random invocations (gen-ovs-cli.py 7 120 random), recorded after the model as a held-out check. */
    @Test
    void seed7RandomInvocationsRecordedAfterTheModel(@TempDir Path tmp) throws IOException {
        replay(tmp, "cli-7");
    }

    /** Random invocations (gen-ovs-cli.py 9 120 random), recorded after the model as a held-out check. */
    @Test
    void seed9RandomInvocationsRecordedAfterTheModel(@TempDir Path tmp) throws IOException {
        replay(tmp, "cli-9");
    }

    /** Matches lacking prerequisites (gen-ovs-cli.py 8 150 prereq), recorded after the model as a held-out check. */
    @Test
    void seed8MatchesLackingPrerequisitesRecordedAfterTheModel(@TempDir Path tmp) throws IOException {
        replay(tmp, "cli-8");
    }

    /**
     * Recorded commands edited at random (gen-mutations.py SEED N: characters deleted, inserted or replaced, words cut
     * short, numbers and pieces of other commands spliced in), each cli-mut-SEED recording.
     */
    @Test
    void mutatedCommands(@TempDir Path tmp) throws IOException {
        try (var dirs = Files.list(REF)) {
            // -Dcli.mut=176,177 replays only those seeds
            List<String> only = List.of(System.getProperty("cli.mut", "").split(","));
            List<String> topics = dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith("cli-mut-"))
                    .filter(n -> only.equals(List.of("")) || only.contains(n.substring("cli-mut-".length())))
                    .sorted().toList();
            assertThat(topics).isNotEmpty();
            List<String> failed = new ArrayList<>();
            for (String topic : topics) {
                try {
                    replay(Files.createTempDirectory(tmp, topic), topic);
                } catch (AssertionError e) {
                    failed.add(topic + ": " + e.getMessage());
                }
            }
            assertThat(failed).isEmpty();
        }
    }

    private static void replay(Path tmp, String topic) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        lab.setWorkDir(REF.resolve(topic)); // record-ovs-commands.sh copies the topic's flow and group files beside it
        List<String> got = new ArrayList<>();
        for (String line : Files.readAllLines(REF.resolve(topic).resolve("commands.in"))) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            got.add(OvsDatapathViewsTest.execMerged(lab, line));
            lab.runFor(200_000_000L);
        }
        List<String> want = List.of(Files.readString(REF.resolve(topic).resolve("commands.out"))
                .split("(?m)^(?=### )"));
        assertThat(got).hasSameSizeAs(want);
        List<String> differ = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < want.size(); i++) {
            if (leftOut(want.get(i).split("\n", 2)[0].substring(4))) {
                continue;
            }
            compared++;
            if (!normal(got.get(i)).equals(normal(want.get(i)))) {
                differ.add(normal(want.get(i)) + "--- arplab:\n" + normal(got.get(i)));
            }
        }
        assertThat(differ).as("%d of %d sections differ", differ.size(), compared).isEmpty();
        assertThat(compared).isGreaterThan(want.size() * 9 / 10);
    }

    // log lines carry the wall clock; row UUIDs are random; durations, ages and used: times change run to run
    // (hard_age, shown after a modify only when its seconds differ from the duration's, comes and goes with them),
    // the bridge's own MAC
    // address (and the datapath id made from it) from one start to the next; a failed version negotiation ends
    // with the switch's error or with its closed socket, whichever ovs-ofctl reads first
    private static String normal(String section) {
        return OvsDatapathViewsTest.normal(section.replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\|",
                "TIME|").replaceAll("ufid:[0-9a-f-]+", "ufid:U").replaceAll("idle_age=[0-9]+", "idle_age=A")
                .replaceAll(" hard_age=[0-9]+,", "")
                .replaceAll("LOCAL\\(br0\\): addr:[0-9a-f:]+", "LOCAL(br0): addr:M").replaceAll("dpid:[0-9a-f]+", "dpid:D")
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID")
                .replaceAll("datapath_id         : \"[0-9a-f]+\"", "datapath_id         : D")
                .replace("failed to connect to socket (Broken pipe)", "failed to connect to socket (Protocol error)"));
    }
}
