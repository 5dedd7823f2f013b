package io.arplab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.arplab.stack.NudState;
import io.arplab.testing.RealTools;
import io.arplab.topo.TopologyException;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed API over the seed's lab: each typed value is checked against what the tools print or the wire carries. */
class LabApiTest {
    private static final Path SEED_LAB = Path.of("examples/arp-lab/lab.yaml");
    private static final Path SECURITY_LAB = Path.of("examples/security/lab.yaml");

    @Test
    void pingResultHoldsWhatPingPrintedAndTheRttsTheWireShows() {
        try (Lab lab = Lab.fromYaml(SEED_LAB)) {
            PingResult r = lab.node("node1").ping("node3", 2);
            assertThat(r.transmitted()).isEqualTo(2);
            assertThat(r.received()).isEqualTo(2);
            assertThat(r.errors()).isZero();
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).startsWith("PING node3 (172.28.0.13) 56(84) bytes of data.\n")
                    .contains("2 packets transmitted, 2 received, 0% packet loss");
            // each rtt runs from ping's send to the reply reaching node1, to the microsecond: the first request waited
            // in the neighbour queue while node1 resolved node3, so its send is the ARP request's time
            Capture c = lab.capture("node1", "eth0");
            Capture icmp = c.filter("icmp");
            assertThat(icmp).hasSize(4);
            List<Duration> onWire = List.of(micros(icmp.get(1).time().minus(c.get(0).time())),
                    micros(icmp.get(3).time().minus(icmp.get(2).time())));
            assertThat(r.rtts()).isEqualTo(onWire);
        }
    }

    private static Duration micros(Duration d) {
        return Duration.ofNanos(d.toNanos() / 1000 * 1000);
    }

    @Test
    void aFailedPingCountsItsErrorsAndExitsOne() {
        try (Lab lab = Lab.fromYaml(SEED_LAB)) {
            PingResult r = lab.node("node1").ping("172.28.0.99", 1);
            assertThat(r.received()).isZero();
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stdout()).contains("1 packets transmitted, 0 received");
            assertThat(r.errors()).isEqualTo(r.stdout().contains("+1 errors") ? 1 : 0);
            assertThat(r.rtts()).isEmpty();
        }
    }

    @Test
    void neighbourEntryIsWhatIpNeighShows() {
        try (Lab lab = Lab.fromYaml(SEED_LAB)) {
            Node node1 = lab.node("node1");
            assertThat(node1.neigh("172.28.0.13")).isEmpty();
            node1.ping("node3", 1);
            lab.advance(Duration.ofSeconds(3));
            Neighbour n = node1.neigh("172.28.0.13").orElseThrow();
            assertThat(n.state()).isEqualTo(NudState.REACHABLE);
            assertThat(n.lladdr()).contains(MacAddress.parse("02:42:ac:1c:00:0d"));
            assertThat(n + "\n").isEqualTo(node1.exec("ip neigh show 172.28.0.13").stdout());
            // ip -s neigh: "used A/B/C probes N" in whole seconds of the same ages
            Matcher m = Pattern.compile("used (\\d+)/(\\d+)/(\\d+) ?probes (\\d+)")
                    .matcher(node1.exec("ip -s neigh show 172.28.0.13").stdout());
            assertThat(m.find()).isTrue();
            assertThat(n.used().toSeconds()).isEqualTo(Long.parseLong(m.group(1)));
            assertThat(n.confirmed().toSeconds()).isEqualTo(Long.parseLong(m.group(2)));
            assertThat(n.updated().toSeconds()).isEqualTo(Long.parseLong(m.group(3)));
            assertThat(n.probes()).isEqualTo(Integer.parseInt(m.group(4)));
            lab.advance(Duration.ofSeconds(60));
            assertThat(node1.neigh("172.28.0.13").orElseThrow().state()).isEqualTo(NudState.STALE);
            List<String> listed = new ArrayList<>();
            for (Neighbour e : node1.neighbours()) {
                listed.add(e + "\n");
            }
            assertThat(String.join("", listed)).isEqualTo(node1.exec("ip neigh show").stdout());
        }
    }

    /**
     * An Open vSwitch pipeline under test through the API: the ovs-* tools run on the node that owns the bridge (the
     * lab's "host"), a pod has none; table 20's ARP responder answers the pod for a remote node's gateway.
     */
    @Test
    void anOvsPipelineIsTestedThroughTheOwnersTools() {
        try (Lab lab = Lab.fromYaml(Path.of("examples/antrea-node/lab.yaml"))) {
            Node pod1 = lab.node("pod1");
            pod1.ping("10.222.0.1", 1); // resolved by table 20; no node answers the echo behind the tunnel
            assertThat(pod1.neigh("10.222.0.1").orElseThrow().lladdr())
                    .contains(MacAddress.parse("aa:bb:cc:dd:ee:ff"));
            ExecResult flows = lab.exec("host", "ovs-ofctl --no-stats dump-flows br-int table=20,arp,arp_tpa=10.222.0.1");
            assertThat(flows.exitCode()).isZero();
            assertThat(flows.stdout()).contains("priority=200,arp,arp_tpa=10.222.0.1,arp_op=1 actions=");
            assertThat(lab.exec("host", "ovs-ofctl dump-flows br-int table=20,arp,arp_tpa=10.222.0.1").stdout())
                    .contains("n_packets=1,");
            ExecResult fromPod = lab.exec("pod1", "ovs-ofctl dump-flows br-int");
            assertThat(fromPod.exitCode()).isEqualTo(1);
            assertThat(fromPod.stderr()).isEqualTo("ovs-ofctl: br-int is not a bridge or a socket\n");
        }
    }

    @Test
    void captureLinesAreWhatTheRealTcpdumpPrintsFromTheWrittenPcap(@TempDir Path dir) {
        assumeTrue(RealTools.has("tcpdump"), "tcpdump is not installed");
        Path pcaps = dir.resolve("pcaps");
        Capture arp;
        try (Lab lab = Lab.builder().file(SEED_LAB).pcapDir(pcaps).build()) {
            lab.node("node1").ping("node3", 3);
            lab.advance(Duration.ofSeconds(10));
            arp = lab.capture("node1", "eth0").filter("arp");
            assertThat(arp).isNotEmpty();
        }
        // close() wrote the pcaps: the real tcpdump reads them and prints the same lines
        RealTools.Result r = RealTools.run(List.of("tcpdump", "-n", "-r", pcaps.resolve("node1.pcap").toString(), "arp"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(arp.toString());
        assertThat(pcaps.resolve("node4.pcap")).exists();
    }

    @Test
    void framesFromTheBuildersAreTheBytesTheStackSends() {
        try (Lab lab = Lab.fromYaml(SEED_LAB)) {
            Node node1 = lab.node("node1");
            node1.ping("node3", 1);
            Capture c = lab.capture("node1", "eth0");
            assertThat(c.get(0).bytes()).isEqualTo(Frames.arpRequest(node1.mac(), node1.address(),
                    Ipv4Address.parse("172.28.0.13")));
            assertThat(c.get(1).bytes()).isEqualTo(Frames.arpReply(MacAddress.parse("02:42:ac:1c:00:0d"),
                    Ipv4Address.parse("172.28.0.13"), node1.mac(), node1.address()));
        }
    }

    @Test
    void icmpAndUdpFramesCarryValidChecksumsAndPrintAsTcpdumpDoes() {
        MacAddress a = MacAddress.parse("02:42:ac:1c:00:0b");
        MacAddress b = MacAddress.parse("02:42:ac:1c:00:0d");
        Ipv4Address ia = Ipv4Address.parse("172.28.0.11");
        Ipv4Address ib = Ipv4Address.parse("172.28.0.13");
        byte[] echo = Frames.icmpEcho(a, b, ia, ib, 7, 3);
        assertThat(InternetChecksum.verify(echo, 14, 20)).isTrue();
        assertThat(InternetChecksum.verify(echo, 34, echo.length - 34)).isTrue();
        assertThat(new CapturedFrame(0, 0, "a", "eth0", echo).tcpdump())
                .isEqualTo("00:00:00.000000 IP 172.28.0.11 > 172.28.0.13: ICMP echo request, id 7, seq 3, length 64");
        byte[] udp = Frames.udp(a, b, ia, ib, 30000, 30001, "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long sum = InternetChecksum.pseudoHeader(ia.bits(), ib.bits(), 17, udp.length - 34);
        assertThat(InternetChecksum.fold(InternetChecksum.add(sum, udp, 34, udp.length - 34))).isEqualTo(0xffff);
        assertThat(new CapturedFrame(0, 0, "a", "eth0", udp).tcpdump())
                .isEqualTo("00:00:00.000000 IP 172.28.0.11.30000 > 172.28.0.13.30001: UDP, length 5");
    }

    /** arp_process() with arp_accept=0: a gratuitous ARP updates an existing entry and creates none. */
    @Test
    void aForgedGratuitousReplyTakesOverAnExistingEntryOnly() {
        try (Lab lab = Lab.fromYaml(SECURITY_LAB)) {
            Node victim = lab.node("victim");
            Node bystander = lab.node("bystander");
            Node attacker = lab.node("attacker");
            assertThat(victim.ping("172.28.0.1", 1).received()).isEqualTo(1);
            String gatewayMac = victim.neigh("172.28.0.1").orElseThrow().lladdrText();
            lab.advance(Duration.ofSeconds(2));
            attacker.inject("eth0", Frames.gratuitousReply(attacker.mac(), Ipv4Address.parse("172.28.0.1")));
            lab.advance(Duration.ofMillis(10));
            Neighbour taken = victim.neigh("172.28.0.1").orElseThrow();
            assertThat(taken.lladdr()).contains(attacker.mac());
            assertThat(taken.state()).isEqualTo(NudState.STALE);
            assertThat(taken.lladdrText()).isNotEqualTo(gatewayMac);
            assertThat(bystander.neigh("172.28.0.1")).isEmpty();
            // the frame went out of the attacker and reached the others through the bridge
            assertThat(lab.capture("bystander", "eth0").filter("arp[6:2] == 2").get(0).tcpdump())
                    .endsWith("ARP, Reply 172.28.0.1 is-at 02:42:ac:1c:00:0c, length 28");
            bystander.sysctl("net.ipv4.conf.eth0.arp_accept", 1);
            attacker.send(Frames.gratuitousReply(attacker.mac(), Ipv4Address.parse("172.28.0.1")));
            lab.advance(Duration.ofMillis(10));
            assertThat(bystander.neigh("172.28.0.1").orElseThrow().lladdr()).contains(attacker.mac());
        }
    }

    @Test
    void listenersSeeEveryFrameAndTheNeighbourStatesInOrder() {
        try (Lab lab = Lab.fromYaml(SEED_LAB)) {
            List<CapturedFrame> seen = new ArrayList<>();
            List<String> states = new ArrayList<>();
            lab.onFrame(f -> {
                if (f.node().equals("node1")) {
                    seen.add(f);
                }
            });
            lab.onNeighbourChange(c -> {
                if (c.node().equals("node1") && c.address().equals(Ipv4Address.parse("172.28.0.13"))) {
                    states.add(c.state().label);
                }
            });
            lab.node("node1").ping("node3", 1);
            lab.advance(Duration.ofSeconds(60));
            assertThat(seen).isEqualTo(lab.capture("node1", "eth0"));
            assertThat(states).containsExactly("INCOMPLETE", "REACHABLE", "STALE");
        }
    }

    @Test
    void runUntilStopsAtTheEventThatMakesTheConditionTrue() {
        try (Lab lab = Lab.fromYaml(SEED_LAB)) {
            lab.node("node1").ping("node3", 1);
            Node node3 = lab.node("node3");
            // node3 learnt node1 STALE, used it for the echo reply (DELAY), and probes it ~5 s later (PROBE)
            boolean probed = lab.runUntil(() -> node3.neigh("172.28.0.11").map(n -> n.state() == NudState.PROBE)
                    .orElse(false), Duration.ofSeconds(30));
            assertThat(probed).isTrue();
            Capture c = lab.capture("node3", "eth0");
            assertThat(c.get(c.size() - 1).time()).isEqualTo(lab.now());
            assertThat(c.get(c.size() - 1).tcpdump()).contains("ARP, Request who-has 172.28.0.11 tell 172.28.0.13");
            assertThat(lab.runUntil(() -> false, Duration.ofSeconds(2))).isFalse();
            assertThat(lab.now()).isEqualTo(c.get(c.size() - 1).time().plusSeconds(2));
        }
    }

    @Test
    void sameSeedSameCallsGiveByteIdenticalCapturesAndTrace(@TempDir Path dir) throws Exception {
        List<String> traces = new ArrayList<>();
        for (String run : List.of("a", "b")) {
            try (Lab lab = Lab.builder().file(SEED_LAB).seed(42).pcapDir(dir.resolve(run)).build()) {
                lab.node("node1").ping("node3", 2);
                lab.advance(Duration.ofSeconds(30));
                traces.add(lab.trace());
            }
        }
        assertThat(traces.get(0)).isNotEmpty().isEqualTo(traces.get(1));
        for (String f : List.of("node1.pcap", "node2.pcap", "node3.pcap")) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(f))).isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
        }
    }

    @Test
    void aLabBuiltInCodeIsTheLabFileItWrites() {
        Lab.Builder b = Lab.builder().seed(7).network("lan", "10.0.0.0/24").host("a", "lan", "10.0.0.2")
                .host("b", "lan", "10.0.0.3").sysctl("b", "net.ipv4.conf.eth0.arp_accept", 1);
        try (Lab lab = b.build()) {
            assertThat(lab.node("a").ping("10.0.0.3", 1).received()).isEqualTo(1);
            assertThat(lab.node("b").exec("sysctl net.ipv4.conf.eth0.arp_accept").stdout())
                    .isEqualTo("net.ipv4.conf.eth0.arp_accept = 1\n");
            assertThat(lab.node("a").neigh("10.0.0.3").orElseThrow().lladdr()).contains(lab.node("b").mac());
        }
    }

    @Test
    void fromYamlTakesTextOrAPath() throws Exception {
        String text = Files.readString(SEED_LAB);
        try (Lab fromText = Lab.fromYaml(text); Lab fromPath = Lab.fromYaml(SEED_LAB.toString())) {
            assertThat(fromText.node("node1").ping("node3", 1).stdout())
                    .isEqualTo(fromPath.node("node1").ping("node3", 1).stdout());
        }
        assertThatThrownBy(() -> Lab.fromYaml("networks: {lan: {subnet: 10.0.0.0/33}}\n"))
                .isInstanceOf(TopologyException.class).hasMessageStartingWith("<yaml>:1:");
    }

    @Test
    void badInputIsOneLineNamingWhereAndWhat() {
        assertThatThrownBy(() -> Lab.builder().network("lan", "10.0.0.0/24").host("a", "wan", "10.0.0.2").build())
                .isInstanceOf(TopologyException.class).hasMessageStartingWith("<builder>:").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Lab.fromYaml(Path.of("no/such/lab.yaml")))
                .isInstanceOf(TopologyException.class).hasMessage("no/such/lab.yaml: no such file");
        try (Lab lab = Lab.fromYaml(SEED_LAB)) {
            assertThatThrownBy(() -> lab.node("node9")).hasMessage("unknown node 'node9' (nodes: host node1 node2 node3 node4)");
            assertThatThrownBy(() -> lab.capture("node1", "eth7"))
                    .hasMessage("node1 has no interface 'eth7' (interfaces: eth0)");
            assertThatThrownBy(() -> lab.node("node1").inject("eth1", new byte[60]))
                    .hasMessage("node1 has no interface 'eth1'");
            assertThatThrownBy(() -> lab.capture("node1", "eth0").filter("arp or"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("\n");
            assertThat(lab.node("node1").exec("nosuchtool").exitCode()).isEqualTo(127);
        }
    }
}
