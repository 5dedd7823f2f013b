package io.arplab.junit;

import static io.arplab.junit.ArpLabAssertions.arpReply;
import static io.arplab.junit.ArpLabAssertions.arpRequest;
import static io.arplab.junit.ArpLabAssertions.assertThat;
import static io.arplab.junit.ArpLabAssertions.frame;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.api.Capture;
import io.arplab.api.Lab;
import io.arplab.api.Node;
import io.arplab.stack.NudState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The assertions on the seed's lab after node1 pings node3: what passes, and the messages of what does not. */
class ArpLabAssertionsTest {
    private Lab lab;
    private Node node1;

    @BeforeEach
    void ping() {
        lab = Lab.fromYaml(Path.of("examples/arp-lab/lab.yaml"));
        node1 = lab.node("node1");
        node1.ping("node3", 1);
    }

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void theExchangeReadsAsTcpdumpPrintsIt() {
        assertThat(lab.capture("node1", "eth0")).filter("arp").containsExactly(
                arpRequest().who("172.28.0.13").tell("172.28.0.11").broadcast(),
                arpReply().is("172.28.0.13").at("02:42:ac:1c:00:0d").to("02:42:ac:1c:00:0b"));
        assertThat(lab.capture("node4", "eth0")).isEmpty();
        assertThat(lab.capture("node2", "eth0")).contains(arpRequest().who("172.28.0.13"))
                .doesNotContain(arpReply()).doesNotContain(frame("icmp"));
        assertThat(node1.neigh("172.28.0.13")).hasState(NudState.REACHABLE).hasLladdr("02:42:ac:1c:00:0d");
        assertThat(lab.node("node2").neigh("172.28.0.11")).doesNotExist();
    }

    @Test
    void aWrongFrameIsMarkedAmongTheFramesAsTcpdumpPrintsThem() {
        Capture arp = lab.capture("node1", "eth0").filter("arp");
        assertThatThrownBy(() -> assertThat(arp).containsExactly(arpRequest().who("172.28.0.13"),
                arpReply().is("172.28.0.13").at("02:42:ac:1c:00:0e")))
                .isInstanceOf(AssertionError.class).hasMessage("""
                        capture of node1 eth0 (arp): expected exactly
                          ARP, Request who-has 172.28.0.13 tell *
                        > ARP, Reply 172.28.0.13 is-at 02:42:ac:1c:00:0e
                        but it has 2 frames (the first difference at 2)
                          00:00:00.000000 ARP, Request who-has 172.28.0.13 tell 172.28.0.11, length 28
                        > 00:00:00.000020 ARP, Reply 172.28.0.13 is-at 02:42:ac:1c:00:0d, length 28
                        """);
        assertThatThrownBy(() -> assertThat(lab.capture("node4", "eth0")).contains(frame("arp")))
                .hasMessage("capture of node4 eth0: expected\n  a frame matching 'arp'\nbut no frame is that; it has 0 frames\n");
    }

    @Test
    void neighbourFailuresPrintTheEntryAsIpNeighDoes() {
        lab.advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> assertThat(node1.neigh("172.28.0.13")).hasState(NudState.REACHABLE))
                .hasMessage("expected the entry REACHABLE but it is: 172.28.0.13 dev eth0 lladdr 02:42:ac:1c:00:0d STALE ");
        assertThatThrownBy(() -> assertThat(node1.neigh("172.28.0.12")).exists())
                .hasMessage("expected a neighbour entry but there is none");
    }

    @Test
    void pingAndExecFailuresQuoteWhatTheToolPrinted() {
        assertThat(node1.ping("node3", 2)).hasTransmitted(2).hasReceived(2).hasErrors(0).hasExitCode(0);
        var r = node1.ping("node3", 1);
        assertThatThrownBy(() -> assertThat(r).hasReceived(2))
                .hasMessage("expected ping node3 to have received 2, but it printed (exit status 0):\n" + r.stdout());
        assertThat(node1.exec("arp -an")).hasExitCode(0).stdoutContains("(172.28.0.13) at 02:42:ac:1c:00:0d [ether] on eth0");
        assertThatThrownBy(() -> assertThat(node1.exec("nosuchtool")).hasExitCode(0))
                .hasMessage("expected nosuchtool on node1 to have exit status 0\nbut it exited with 127 and printed:\n"
                        + "nosuchtool: command not found\n");
    }
}
