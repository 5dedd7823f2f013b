package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LabConsoleTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Lab lab = SeedLabs.build(1, null);
    final LabConsole console = new LabConsole(lab, new PrintWriter(out), new PrintWriter(err), () -> { });

    @Test
    void runsNodeCommandsInVirtualTimeUnderAHeader() {
        console.execute("sleep 1   # settle");
        console.execute("node1 ping -c3 172.28.0.13");
        assertThat(out.toString()).startsWith("[1.000] node1$ ping -c3 172.28.0.13\nPING 172.28.0.13 (172.28.0.13) 56(84) bytes of data.\n");
        assertThat(out.toString()).contains("3 packets transmitted, 3 received, 0% packet loss");
        // ping -c3 takes two intervals of 1.000 to 1.032 s (SO_RCVTIMEO on the timer wheel)
        assertThat(lab.now()).isBetween(3_000_000_000L, 3_065_000_000L);
        out.getBuffer().setLength(0);
        console.execute("time");
        assertThat(out.toString()).isEqualTo("3.048 s\n");
    }

    @Test
    void backgroundJobsReportWhenDone() {
        console.execute("node1 ping -c2 172.28.0.13 &");
        console.execute("sleep 5");
        assertThat(out.toString()).contains("[1] done (exit 0): node1$ ping -c2 172.28.0.13").contains("2 received");
    }

    @Test
    void unknownNodeAndBadDurationAreOneLineErrors() {
        assertThatThrownBy(() -> console.execute("node9 ping x")).hasMessageStartingWith("unknown node or command 'node9'");
        assertThatThrownBy(() -> console.execute("sleep soon")).hasMessage("sleep: invalid duration 'soon': expected e.g. 15, 1.5, 500ms, 2s, 1m");
        console.execute("node1 frobnicate");
        assertThat(err.toString()).isEqualTo("frobnicate: command not found\n");
    }

    @Test
    void netListsLinks() {
        console.execute("net");
        assertThat(out.toString()).contains("node1 eth0:br-arp_lan-veth-node1");
    }
}
