package io.arplab.cli;

import static io.arplab.cli.Arplab.COMPOSE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where script lines come from, and what is refused in one line instead of eating memory. */
class ScriptInputTest {
    @TempDir
    Path tmp;

    @Test
    void scriptDashReadsStandardInput() throws Exception {
        Path in = Files.writeString(tmp.resolve("in"), "node1 ping -c1 node3\ntime\n");
        Arplab.Exit r = Arplab.run(tmp, in, "run", COMPOSE, "--pcap-dir", "none", "--script", "-");
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 packets transmitted, 1 received").endsWith("0.000 s\n");
    }

    @Test
    void inlineLinesSplitOnSemicolonsOutsideQuotesOnly() {
        RunCommandTest.Run r = RunCommandTest.arplab("run", COMPOSE, "--pcap-dir", "none", "-c",
                "node1 ping -c1 -p 'ab;cd' node3; time");
        // the quoted ';' stays in ping's argument: ping refuses the pattern as iputils does, not "unknown node 'cd'"
        assertThat(r.err()).doesNotContain("unknown node");
        assertThat(r.out()).contains("node1$ ping -c1 -p ab;cd node3").endsWith("0.000 s\n");
    }

    @Test
    void binaryAndEndlessInputIsOneLine() throws Exception {
        Arplab.Exit zero = Arplab.run(tmp, null, "run", COMPOSE, "--pcap-dir", "none", "--script", "/dev/zero");
        assertThat(zero.rc()).isEqualTo(2);
        assertThat(zero.err()).isEqualTo("/dev/zero:1: binary input (a NUL byte), not a script\n");

        Arplab.Exit shell = Arplab.run(tmp, Path.of("/dev/zero"), "shell", COMPOSE, "--pcap-dir", "none");
        assertThat(shell.rc()).isEqualTo(2);
        assertThat(shell.err()).isEqualTo("stdin:1: binary input (a NUL byte), not a script\n");

        Path longLine = Files.writeString(tmp.resolve("long"), "time\n" + "x".repeat(ScriptReader.MAX_LINE + 1) + "\n");
        Arplab.Exit tooLong = Arplab.run(tmp, null, "run", COMPOSE, "--pcap-dir", "none", "--script", longLine.toString());
        assertThat(tooLong.rc()).isEqualTo(2);
        assertThat(tooLong.err()).isEqualTo(longLine + ":2: line longer than 65536 bytes\n");
        assertThat(tooLong.out()).isEqualTo("0.000 s\n");

        Path latin1 = Files.write(tmp.resolve("latin1"), new byte[] {'t', 'i', 'm', 'e', (byte) 0xe9, '\n'});
        Arplab.Exit binary = Arplab.run(tmp, null, "run", COMPOSE, "--pcap-dir", "none", "--script", latin1.toString());
        assertThat(binary.err()).isEqualTo(latin1 + ":1: binary input (not UTF-8 text), not a script\n");

        Arplab.Exit missing = Arplab.run(tmp, null, "run", COMPOSE, "--pcap-dir", "none", "--script", "nope.txt");
        assertThat(missing.rc()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("arplab: nope.txt: cannot read: No such file\n");
    }
}
