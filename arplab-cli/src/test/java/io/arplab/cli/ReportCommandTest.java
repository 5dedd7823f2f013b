package io.arplab.cli;

import static io.arplab.cli.RunCommandTest.COMPOSE;
import static io.arplab.cli.RunCommandTest.arplab;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void runWritesTheReportAndTheTraceAsWithoutIt() throws IOException {
        Path html = tmp.resolve("out.html");
        Path trace = tmp.resolve("trace.txt");
        Path plainTrace = tmp.resolve("plain.txt");
        String pcaps = tmp.resolve("pcaps").toString();
        RunCommandTest.Run r = arplab("run", COMPOSE, "-c", "node1 ping -c3 node3; sleep 10", "--pcap-dir", pcaps,
                "--trace", trace.toString(), "--report", html.toString());
        assertThat(r.rc()).isZero();
        assertThat(Files.readString(html)).contains("node1 broadcast 'who-has 172.28.0.13'")
                .contains("ARP, Request who-has 172.28.0.13 tell 172.28.0.11, length 28");
        arplab("run", COMPOSE, "-c", "node1 ping -c3 node3; sleep 10", "--pcap-dir", "none", "--trace", plainTrace.toString());
        assertThat(Files.readString(trace)).isEqualTo(Files.readString(plainTrace));
    }

    @Test
    void reportFromAnEarlierRunsCapturesHasTheSameLadder() throws IOException {
        String pcaps = tmp.resolve("pcaps").toString();
        Path live = tmp.resolve("live.html");
        Path later = tmp.resolve("later.html");
        arplab("run", COMPOSE, "-c", "node1 ping -c3 node3; sleep 10", "--pcap-dir", pcaps, "--report", live.toString(),
                "--report-filter", "arp or icmp");
        RunCommandTest.Run r = arplab("report", COMPOSE, "--pcap-dir", pcaps, "-o", later.toString(), "--filter", "arp or icmp");
        assertThat(r.rc()).isZero();
        // the bridge-owning host's own interface has no pcap, so compare the hops between the bridges and the nodes
        assertThat(Files.readString(later)).contains("Read from captures only").contains("vethd1db30e")
                .contains("node1 broadcast 'who-has 172.28.0.13'; it reached node2 and node3 but not node4");
        assertThat(Files.readString(live)).contains("Frames shown: those matching 'arp or icmp'");
    }

    @Test
    void shellWritesTheReportSoFar() throws Exception {
        Path html = tmp.resolve("shell.html");
        Path input = Files.writeString(tmp.resolve("input"), "node1 ping -c1 node3\nreport " + html + "\nreport\nexit\n");
        Process p = new ProcessBuilder("java", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "shell", COMPOSE, "--pcap-dir", "none").redirectInput(input.toFile())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(text).contains("report: wrote " + html).contains("report: expected one file name");
        assertThat(Files.readString(html)).contains("ICMP echo reply, id 100, seq 1, length 64");
    }

    @Test
    void graphInEachFormat() {
        assertThat(arplab("graph", COMPOSE).out()).startsWith("<svg").contains("data-node=\"node4\"").contains(">arp_lan<");
        assertThat(arplab("graph", COMPOSE, "--format", "dot").out()).startsWith("graph \"arp-lab\" {")
                .contains("\"node1\" -- \"br-63496ca3db05\" [taillabel=\"eth0\" headlabel=\"vethd1db30e\"");
        assertThat(arplab("graph", COMPOSE, "--format", "mermaid").out()).startsWith("flowchart TB\n")
                .contains("n_node3 ---|\"eth0 — vethe26c379\"| n_br_63496ca3db05");
    }

    @Test
    void badFilterIsOneLineAndStatusTwo() {
        RunCommandTest.Run r = arplab("run", COMPOSE, "-c", "time", "--pcap-dir", "none", "--report",
                tmp.resolve("x.html").toString(), "--report-filter", "bogus(");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).startsWith("arplab: filter: ").hasLineCount(1);
    }
}
