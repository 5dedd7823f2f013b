package io.arplab.cli;

import static io.arplab.cli.Arplab.COMPOSE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `arplab run`'s exit status and help, as a shell script or CI job sees them. */
class ExitStatusTest {
    @TempDir
    Path tmp;

    @Test
    void zeroWhenEveryLineSucceeded() throws Exception {
        Arplab.Exit r = Arplab.run(tmp, null, "run", COMPOSE, "-c", "node1 ping -c1 node3; node1 arp -an");
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void oneWhenAToolFailedAndTheScriptGoesOn() throws Exception {
        Arplab.Exit r = Arplab.run(tmp, null, "run", COMPOSE, "--pcap-dir", "none", "-c",
                "node1 ping -c1 -W1 172.28.0.99; node1 arp -an");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.out()).contains("1 packets transmitted, 0 received").contains("node1$ arp -an");
    }

    @Test
    void failFastStopsAtTheFirstFailure() throws Exception {
        Arplab.Exit r = Arplab.run(tmp, null, "run", COMPOSE, "--pcap-dir", "none", "--fail-fast", "-c",
                "node1 ping -c1 -W1 172.28.0.99; node1 arp -an");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("node1$ arp -an");
        assertThat(r.err()).isEqualTo("-c line 1: exit status 1, stopping (--fail-fast)\n");
    }

    @Test
    void unknownCommandOnANodeIsAFailureNotUnusableInput() {
        RunCommandTest.Run r = RunCommandTest.arplab("run", COMPOSE, "--pcap-dir", "none", "-c", "node1 frobnicate; time");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("frobnicate: command not found\n");
        assertThat(r.out()).contains("0.000 s");
    }

    @Test
    void twoForUnusableInput() {
        assertThat(RunCommandTest.arplab("run", COMPOSE, "--pcap-dir", "none", "-c", "node9 ping x").rc()).isEqualTo(2);
        assertThat(RunCommandTest.arplab("run", COMPOSE, "--pcap-dir", "none", "-c", "sleep soon").rc()).isEqualTo(2);
        assertThat(RunCommandTest.arplab("run", COMPOSE, "--until", "soon").rc()).isEqualTo(2);
    }

    @Test
    void runWithoutAScriptSaysSoAndWritesNothing() throws Exception {
        Arplab.Exit r = Arplab.run(tmp, null, "run", COMPOSE);
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("arplab: run: no scenario: give --script FILE, --script - (standard input),"
                + " -c 'LINE; LINE' or --until TIME (try 'arplab run --help')\n");
        assertThat(tmp.resolve("pcaps")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"run --help", "run -h", "shell --help", "shell -h", "live --help", "bench -h", "--help"})
    void helpOnEverySubcommandExitsZero(String args) {
        RunCommandTest.Run r = RunCommandTest.arplab(args.split(" "));
        assertThat(r.rc()).isZero();
        assertThat(r.out()).startsWith("Usage: arplab");
        assertThat(r.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "shell", "live", "bench"})
    void aSubcommandNamedFirstPrintsTheUsageOfTheFullCommandLine(String name) {
        // "arplab NAME" builds that subcommand alone; "arplab help NAME" goes through the root with every subcommand
        RunCommandTest.Run alone = RunCommandTest.arplab(name, "--help");
        RunCommandTest.Run full = RunCommandTest.arplab("help", name);
        assertThat(alone.rc()).isZero();
        assertThat(full.out()).startsWith("Usage: arplab " + name);
        assertThat(alone.out()).isEqualTo(full.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void tcpdumpHelpIsTcpdumpsUsage(String flag) {
        RunCommandTest.Run r = RunCommandTest.arplab("tcpdump", flag);
        assertThat(r.rc()).isZero();
        assertThat(r.out()).startsWith("tcpdump version 4.99.3\n").contains("Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#]");
    }

    @Test
    void anErrorPointsToAHelpCommandThatWorks() {
        RunCommandTest.Run bad = RunCommandTest.arplab("run", COMPOSE, "--frobnicate");
        assertThat(bad.rc()).isEqualTo(2);
        String last = bad.err().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).isEqualTo("Try 'arplab run --help' for more information.");
        String help = last.substring(last.indexOf('\'') + 1, last.lastIndexOf('\''));
        RunCommandTest.Run r = RunCommandTest.arplab(help.substring("arplab ".length()).split(" "));
        assertThat(r.rc()).isZero();
        assertThat(r.out()).contains("--fail-fast");
    }
}
