package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * What each tool prints for its help options, against the real tools (refdata/local/usage: cases.txt, recorded by
 * record.sh there): stdout, stderr and the exit status, byte for byte.
 */
class UsageRecordingTest {
    static final Path DIR = Path.of("src/test/resources/refdata/local/usage");

    @Test
    void everyToolsHelpIsTheRealOne() throws IOException {
        List<String> cases = Files.readAllLines(DIR.resolve("cases.txt")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertThat(cases).hasSizeGreaterThan(20);
        Lab lab = SysctlRecordingTest.lab();
        SoftAssertions soft = new SoftAssertions();
        for (String c : cases) {
            String name = c.substring(0, c.indexOf('|'));
            String command = c.substring(c.indexOf('|') + 1);
            Lab.Result r = lab.exec("n1", command);
            if (System.getProperty("usage.dump") != null) { // -Dusage.dump=DIR: what arplab printed, to diff
                Path d = Path.of(System.getProperty("usage.dump"));
                Files.createDirectories(d);
                Files.writeString(d.resolve(name + ".out"), r.stdout());
                Files.writeString(d.resolve(name + ".err"), r.stderr());
                Files.writeString(d.resolve(name + ".rc"), r.exitCode() + "\n");
            }
            soft.assertThat(r.stdout()).as("stdout of %s", command).isEqualTo(read(DIR.resolve(name + ".out")));
            soft.assertThat(r.stderr()).as("stderr of %s", command).isEqualTo(read(DIR.resolve(name + ".err")));
            soft.assertThat(r.exitCode()).as("exit status of %s", command)
                    .isEqualTo(Integer.parseInt(read(DIR.resolve(name + ".rc")).trim()));
        }
        soft.assertAll();
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
