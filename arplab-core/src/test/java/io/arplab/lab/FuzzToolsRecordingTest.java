package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated differential campaign of refdata/local/fuzz-tools (gen.py SEED writes random command lines of the
 * tools, valid and not; record.sh ran them on the topology of ../tools): every seed replayed as
 * {@link ToolsRecordingTest} replays its files, stdout, stderr and exit status compared apart.
 */
class FuzzToolsRecordingTest {
    static final Path DIR = KernelScenariosTest.DIR.resolve("fuzz-tools");

    /** Recorded command lines arplab does not reproduce, with why; they still run, so the state after them holds. */
    static final Map<String, String> NOT_YET = Map.ofEntries();

    static Stream<String> seeds() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".out")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void printsWhatTheRealToolPrinted(String file) throws IOException {
        List<ToolsRecordingTest.Case> cases = ToolsRecordingTest.parse(Files.readString(DIR.resolve(file)));
        assertThat(cases).hasSizeGreaterThan(5);
        Lab lab = ToolsRecordingTest.lab("tq");
        SoftAssertions soft = new SoftAssertions();
        StringBuilder dump = new StringBuilder();
        long start = lab.now();
        int compared = 0;
        int matched = 0;
        for (ToolsRecordingTest.Case c : cases) {
            if (c.exit() == 137) { // record.sh's guard killed it: the generator failed to bound it
                continue;
            }
            long due = start + c.atMillis() * 1_000_000L;
            if (c.atMillis() >= 0 && lab.now() < due) {
                lab.runFor(due - lab.now());
            }
            Lab.Result r = lab.exec(c.node(), c.command());
            dump.append(ToolsRecordingTest.format(c.node(), c.command(), r));
            if (NOT_YET.containsKey(c.command())) {
                continue;
            }
            String what = c.node() + ": " + c.command();
            String got = ToolsRecordingTest.mask(r.stdout());
            String want = ToolsRecordingTest.mask(c.stdout());
            if (ToolsRecordingTest.listsNeighbours(c.command())) {
                got = KernelScenariosTest.sorted(got);
                want = KernelScenariosTest.sorted(want);
            }
            String gotErr = ToolsRecordingTest.mask(r.stderr());
            String wantErr = ToolsRecordingTest.mask(c.stderr());
            compared++;
            if (got.equals(want) && gotErr.equals(wantErr) && r.exitCode() == c.exit()) {
                matched++;
            }
            soft.assertThat(got).as("stdout of " + what).isEqualTo(want);
            soft.assertThat(gotErr).as("stderr of " + what).isEqualTo(wantErr);
            soft.assertThat(r.exitCode()).as("exit status of " + what).isEqualTo(c.exit());
        }
        if (System.getProperty("tools.dump") != null) { // -Dtools.dump=DIR: what arplab printed, to diff
            Path d = Path.of(System.getProperty("tools.dump"));
            Files.createDirectories(d);
            Files.writeString(d.resolve(file), dump);
            Files.writeString(d.resolve(file + ".count"), matched + " of " + compared + "\n");
        }
        soft.assertAll();
    }
}
