package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.wire.MacAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Replays refdata/local/sysctl/cases.txt (sysctl reads and writes recorded by record.sh on the real kernel in a fresh
 * namespace with lo and eth0) on one arplab host, in order, and compares stdout, stderr and exit status.
 */
class SysctlRecordingTest {
    static final Path CASES = Path.of("src/test/resources/refdata/local/sysctl/cases.txt");

    record Case(String command, String stdout, String stderr, int exit) {}

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        String command = null;
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String line : Files.readAllLines(CASES)) {
            if (line.startsWith("$ ")) {
                command = line.substring(2);
                out.setLength(0);
                err.setLength(0);
            } else if (line.startsWith("> ") || line.equals(">")) {
                out.append(line.substring(Math.min(2, line.length()))).append('\n');
            } else if (line.startsWith("! ") || line.equals("!")) {
                err.append(line.substring(Math.min(2, line.length()))).append('\n');
            } else if (line.startsWith("[exit ") && command != null) {
                cases.add(new Case(command, out.toString(), err.toString(),
                        Integer.parseInt(line.substring(6, line.length() - 1))));
                command = null;
            }
        }
        return cases;
    }

    static Lab lab() {
        Lab lab = new Lab(7);
        lab.addBridge("br0", MacAddress.parse("02:42:8e:ff:44:b3"), null, null);
        lab.attach(lab.addHost("n1"), "eth0", MacAddress.parse("02:42:ac:1c:00:0b"), "172.28.0.11/16",
                lab.bridge("br0"), "veth0", MacAddress.parse("ee:ee:ee:1c:00:0b"));
        return lab;
    }

    @Test
    void replaysTheKernelRecording() throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThan(100);
        Lab lab = lab();
        SoftAssertions soft = new SoftAssertions();
        for (Case c : cases) {
            Lab.Result r = lab.exec("n1", c.command());
            soft.assertThat(r.stdout()).as("stdout of %s", c.command()).isEqualTo(c.stdout());
            soft.assertThat(r.stderr()).as("stderr of %s", c.command()).isEqualTo(c.stderr());
            soft.assertThat(r.exitCode()).as("exit status of %s", c.command()).isEqualTo(c.exit());
        }
        soft.assertAll();
    }
}
