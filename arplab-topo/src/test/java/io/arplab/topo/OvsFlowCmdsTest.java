package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded sequences of ovs-ofctl flow commands of src/test/scripts/gen-flowcmds.py (refdata/ovs/flowcmds/SEED,
 * recorded from OVS 3.1 by record-flowcmds.sh): add-flow, add-flows (with command words), mod-flows and del-flows
 * with and without --strict, dump-flows with --sort/--rsort[=field], --names, --no-stats and filters, dump-aggregate,
 * in OpenFlow 1.0, 1.3 and 1.5, on br0 with the dummy ports p1..p3; each command's stdout, stderr and exit status.
 */
class OvsFlowCmdsTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/flowcmds");

    @Test
    void flowCommandSequencesAreOvsOwn(@TempDir Path tmp) throws IOException {
        List<String> failures = new ArrayList<>();
        int commands = 0;
        try (var dirs = Files.list(REF)) {
            for (Path ref : dirs.filter(Files::isDirectory).sorted().toList()) {
                Lab lab = OvsDatapathViewsTest.threePortBridge(Files.createDirectories(tmp.resolve(
                        ref.getFileName().toString())));
                lab.setWorkDir(ref); // add-flows opens its files there
                List<String> want = sections(Files.readString(ref.resolve("commands.out")));
                List<String> have = sections(replay(lab, ref.resolve("commands.in")));
                assertThat(have).hasSameSizeAs(want);
                for (int i = 0; i < want.size(); i++) {
                    commands++;
                    if (!normal(have.get(i)).equals(normal(want.get(i)))) {
                        failures.add(ref.getFileName() + "\n--- expected\n" + normal(want.get(i)) + "--- got\n"
                                + normal(have.get(i)));
                    }
                }
            }
        }
        System.out.println("flow command sequences: " + (commands - failures.size()) + "/" + commands + " match");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "flowcmds.diff"), String.join("\n", failures)); // for reading
        assertThat(failures).isEmpty();
    }

    /** Each line of commands.in as record-flowcmds.sh runs it: "### LINE", stdout, stderr, "rc=" its status. */
    static String replay(Lab lab, Path commandsIn) throws IOException {
        StringBuilder got = new StringBuilder();
        for (String line : Files.readAllLines(commandsIn)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var r = lab.exec(lab.bridgeOwner("br0").name(), line);
            got.append("### ").append(line).append('\n').append(r.stdout()).append(r.stderr())
                    .append("rc=").append(r.exitCode()).append('\n');
            lab.runFor(10_000_000L);
        }
        return got.toString();
    }

    static List<String> sections(String s) {
        return List.of(s.split("(?m)^(?=### )"));
    }

    private static final Pattern SORT = Pattern.compile("--(r?)sort(?:=(\\S+))?");

    /**
     * What changes run to run in OVS: durations, ages, log times, whether hard_age shows at all (only when it
     * differs from the duration in whole seconds, ofputil_flow_stats_format()); and the order of the switch's reply, its
     * classifier's hash order, which dump-flows prints as is, and --sort keeps among equal keys (compare_flows()).
     */
    static String normal(String section) {
        String t = section.replaceAll("duration=[0-9.]+s", "duration=D").replaceAll("idle_age=[0-9]+", "idle_age=A")
                .replaceAll("hard_age=[0-9]+, ", "")
                .replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\|", "TIME|");
        String head = t.split("\n", 2)[0];
        if (!head.contains(" dump-flows ")) {
            return t;
        }
        Matcher m = SORT.matcher(head);
        String field = m.find() ? (m.group(2) == null ? "priority" : m.group(2)) : null;
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        String runKey = null;
        for (String l : t.split("\n")) {
            if (!l.startsWith(" ")) {
                run.sort(null);
                out.addAll(run);
                run.clear();
                out.add(l);
                continue;
            }
            String key = field == null ? "" : key(l, field);
            if (!key.equals(runKey)) {
                run.sort(null);
                out.addAll(run);
                run.clear();
                runKey = key;
            }
            run.add(l);
        }
        run.sort(null);
        out.addAll(run);
        return String.join("\n", out) + "\n";
    }

    // a flow's sort key as printed: its priority (32768 unless shown) or the field's value without its mask
    private static String key(String flow, String field) {
        Matcher m = Pattern.compile("[ ,]" + Pattern.quote(field) + "=([^,/ ]+)").matcher(flow);
        if (m.find()) {
            return m.group(1);
        }
        return field.equals("priority") ? "32768" : "";
    }
}
