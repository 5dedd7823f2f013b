package io.arplab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `arplab run` and `arplab shell` as a user runs them, on the seed's lab. */
class RunCommandTest {
    static final String COMPOSE = "examples/arp-lab/docker-compose.yml";
    static final String HANDS_ON = "examples/arp-lab/hands-on.txt";

    @TempDir
    Path tmp;

    record Run(int rc, String out, String err) {}

    static Run arplab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(rc, out.toString(), err.toString());
    }

    @Test
    void theSeedsHandsOnTellsTheWholeStory() throws IOException {
        Path pcaps = tmp.resolve("pcaps");
        String script = Files.readString(Path.of(HANDS_ON)).replace("pcaps/", pcaps + "/");
        Path scriptFile = Files.writeString(tmp.resolve("hands-on.txt"), script);
        Run r = arplab("run", COMPOSE, "--script", scriptFile.toString(), "--pcap-dir", pcaps.toString());
        assertThat(r.rc()).isZero();
        assertThat(r.out()).contains("""
                [0.000] node1$ ping -c3 node3
                PING node3 (172.28.0.13) 56(84) bytes of data.
                64 bytes from node3.arp_lan (172.28.0.13): icmp_seq=1 ttl=64 time=""");
        assertThat(r.out()).contains("3 packets transmitted, 3 received, 0% packet loss");
        // node2 saw only the broadcast request; node4 (another network) nothing
        assertThat(section(r.out(), "node2$ tcpdump")).containsExactly(
                "00:00:00.000010 ARP, Request who-has 172.28.0.13 tell 172.28.0.11, length 28");
        assertThat(section(r.out(), "node4$ tcpdump")).isEmpty();
        List<String> node1 = section(r.out(), "node1$ tcpdump");
        assertThat(node1).hasSize(10);
        assertThat(node1.get(1)).endsWith("ARP, Reply 172.28.0.13 is-at 02:42:ac:1c:00:0d (oui Unknown), length 28");
        // node3's unicast probe for node1, 5 s after its echo replies
        assertThat(node1.get(8)).startsWith("00:00:05.").endsWith("ARP, Request who-has 172.28.0.11 tell 172.28.0.13, length 28");
        assertThat(section(r.out(), "node1$ arp -a")).containsExactly(
                "node3.arp_lan (172.28.0.13) at 02:42:ac:1c:00:0d [ether] on eth0");
        assertThat(section(r.out(), "node3$ arp -a")).containsExactly(
                "node1.arp_lan (172.28.0.11) at 02:42:ac:1c:00:0b [ether] on eth0");
        assertThat(section(r.out(), "node2$ arp -a")).isEmpty();
        assertThat(section(r.out(), "node4$ route")).isEmpty();
        assertThat(section(r.out(), "node4$ ip route show")).containsExactly(
                "default via 172.18.0.1 dev eth0 ", "172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2 ");
    }

    @Test
    void realTcpdumpReadsTheWrittenCaptures() throws Exception {
        assumeTrue(onPath("tcpdump"), "tcpdump not installed");
        Path pcaps = tmp.resolve("p");
        Run r = arplab("run", COMPOSE, "--pcap-dir", pcaps.toString(), "--bridge-pcaps", "-c", "node1 ping -c3 node3; sleep 10");
        assertThat(r.rc()).isZero();
        List<String> node1 = realTcpdump(pcaps.resolve("node1.pcap"));
        assertThat(node1).hasSize(10);
        assertThat(node1.get(0)).endsWith("ARP, Request who-has 172.28.0.13 tell 172.28.0.11, length 28");
        assertThat(node1.get(2)).contains("IP 172.28.0.11 > 172.28.0.13: ICMP echo request, id ").endsWith(", seq 1, length 64");
        assertThat(node1.get(8)).endsWith("ARP, Request who-has 172.28.0.11 tell 172.28.0.13, length 28");
        assertThat(realTcpdump(pcaps.resolve("node2.pcap"))).hasSize(1);
        assertThat(realTcpdump(pcaps.resolve("node4.pcap"))).isEmpty();
        try (var files = Files.list(pcaps)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("br-")).count()).isEqualTo(2);
        }
    }

    @Test
    void sameInputsGiveByteIdenticalOutputPcapsAndTrace() throws IOException {
        String[] script = {"-c", "node1 ping -c2 node3; node4 ping -c2 172.28.0.11; sleep 30; node1 ip -s neigh; node3 arp -an"};
        Run a = arplab("run", COMPOSE, "--seed", "7", "--pcap-dir", tmp.resolve("a").toString(), "--trace",
                tmp.resolve("a.trace").toString(), script[0], script[1]);
        Run b = arplab("run", COMPOSE, "--seed", "7", "--pcap-dir", tmp.resolve("b").toString(), "--trace",
                tmp.resolve("b.trace").toString(), script[0], script[1]);
        assertThat(a.out()).isEqualTo(b.out());
        for (String f : List.of("node1.pcap", "node3.pcap", "node4.pcap")) {
            assertThat(Files.readAllBytes(tmp.resolve("a").resolve(f))).isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(f)));
        }
        assertThat(Files.readString(tmp.resolve("a.trace"))).isEqualTo(Files.readString(tmp.resolve("b.trace")))
                .contains("neigh:neigh_create: family 2 dev eth0").contains("bridge:br_fdb_update: br_dev ");
    }

    @Test
    void badInputIsOneLineWithExitStatusTwo() throws IOException {
        Path bad = Files.writeString(tmp.resolve("topo.yaml"), """
                networks:
                  lan: {subnet: 10.0.0.0/24}
                hosts:
                  node1:
                    interfaces: [{network: lan, adress: 10.0.0.5}]
                """);
        Run r = arplab("run", bad.toString(), "-c", "nodes");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).startsWith(bad + ":5:");
        assertThat(r.err()).contains("'adress'").contains("did you mean 'address'");

        Run unknownNode = arplab("run", COMPOSE, "--pcap-dir", "none", "-c", "node1 arp -a; node9 ping node1");
        assertThat(unknownNode.rc()).isEqualTo(2);
        assertThat(unknownNode.err()).isEqualTo("-c line 2: unknown node or command 'node9': did you mean node1? (nodes: host "
                + String.join(" ", bridges()) + " node1 node2 node3 node4; type 'help')\n");

        Run missing = arplab("run", tmp.resolve("nope.yml").toString());
        assertThat(missing.rc()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("arplab: " + tmp.resolve("nope.yml") + ": No such file\n");

        Run option = arplab("run", COMPOSE, "--frobnicate");
        assertThat(option.rc()).isEqualTo(2);
        assertThat(option.err()).startsWith("run: Unknown option: '--frobnicate'");
    }

    @Test
    void untilLetsTimePassAfterTheScript() {
        Run r = arplab("run", COMPOSE, "--pcap-dir", "none", "--until", "40", "-c", "node1 ping -c1 node3");
        assertThat(r.rc()).isZero();
        Run s = arplab("run", COMPOSE, "--pcap-dir", "none", "-c", "node1 ping -c1 node3; sleep 40; time; node1 ip neigh");
        assertThat(s.out()).contains("40.000 s").contains("172.28.0.13 dev eth0 lladdr 02:42:ac:1c:00:0d STALE");
    }

    @Test
    void shellRunsLinesAndGoesOnAfterMistakes() throws Exception {
        Path input = Files.writeString(tmp.resolve("input"), "nodes\nnode1 ping -c1 node3\nnode9 ping x\nsleep 2\ntime\nexit\n");
        Process p = new ProcessBuilder("java", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "shell",
                COMPOSE, "--pcap-dir", "none").redirectInput(input.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("node1  host  eth0 172.28.0.11/16");
        assertThat(text).contains("1 packets transmitted, 1 received");
        assertThat(text).contains("unknown node or command 'node9'"); // a message, and the shell goes on
        assertThat(text).contains("arplab [0.000s]> arplab [2.000s]> 2.000 s"); // time moves only with sleep
        assertThat(text).doesNotContain("WARNING");
    }

    private static List<String> bridges() {
        Run r = arplab("run", COMPOSE, "--pcap-dir", "none", "-c", "nodes");
        List<String> names = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            if (l.contains("  bridge")) {
                names.add(l.substring(0, l.indexOf("  ")));
            }
        }
        return names;
    }

    /** The output lines under the header containing {@code title}, up to the next header. */
    static List<String> section(String out, String title) {
        List<String> lines = new ArrayList<>();
        boolean in = false;
        for (String l : out.split("\n", -1)) {
            if (l.startsWith("[") && l.contains("] ")) {
                in = l.contains("] " + title);
                continue;
            }
            if (in && !l.isEmpty()) {
                lines.add(l);
            }
        }
        return lines;
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static List<String> realTcpdump(Path pcap) throws Exception {
        Process p = new ProcessBuilder("tcpdump", "-n", "-r", pcap.toString()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).startsWith("reading from file " + pcap + ", link-type EN10MB (Ethernet)");
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
}
