package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The differential corpus against the real OVS, live: record-flows.sh runs every line of flows.in through a private
 * ovs-vswitchd, and arplab must print the same. Skipped when Open vSwitch is not installed (.ci/run installs it).
 */
class FlowsLiveOvsTest {
    static boolean ovsInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "ovs-vswitchd"))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin/ovs-vswitchd"));
    }

    @Test
    void arplabPrintsWhatTheRealOvsPrints() throws IOException, InterruptedException {
        assumeTrue(ovsInstalled(), "Open vSwitch is not installed");
        compare(record("src/test/scripts/record-flows.sh"));
    }

    /** A random campaign not recorded in the repository (gen-flows.py, seed 2), through the real OVS and arplab. */
    @Test
    void aFreshRandomCampaignMatchesTheRealOvs(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException, InterruptedException {
        assumeTrue(ovsInstalled(), "Open vSwitch is not installed");
        Path in = tmp.resolve("random-2.in");
        Process gen = new ProcessBuilder("python3", "src/test/scripts/gen-flows.py", "2", "60")
                .redirectOutput(in.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assumeTrue(gen.waitFor() == 0, "python3 is not installed");
        compare(record("src/test/scripts/record-flows.sh", in.toString()));
    }

    private static String record(String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash"));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String recorded = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        assumeTrue(recorded.contains("### "), "the private ovs-vswitchd did not start");
        return recorded;
    }

    private static void compare(String recorded) {
        List<String> failures = new ArrayList<>();
        // split and read as the stored recordings are (a dump's log lines carry the wall clock too)
        for (FlowsDifferentialTest.Case c : FlowsDifferentialTest.cases(recorded)) {
            if (!FlowsDifferentialTest.modelled(c)) {
                continue;
            }
            String got = FlowsDifferentialTest.run(c);
            if (!got.equals(c.expected())) {
                failures.add(c.version() + " " + c.line() + "\n--- ovs\n" + c.expected() + "--- arplab\n" + got);
            }
        }
        assertThat(failures).isEmpty();
    }
}
