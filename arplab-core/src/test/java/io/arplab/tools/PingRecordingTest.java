package io.arplab.tools;

import static io.arplab.lab.RecordingAssertions.assertSameFrames;
import static io.arplab.lab.RecordingAssertions.assertSameOutput;
import static io.arplab.lab.RecordingAssertions.assertTimesWithin;
import static io.arplab.lab.RecordingAssertions.origin;
import static io.arplab.lab.RecordingAssertions.reference;
import static io.arplab.lab.RecordingAssertions.referenceText;
import static io.arplab.lab.RecordingAssertions.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.lab.SeedLabs;
import io.arplab.observe.MemoryCapture;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.pcap.PcapRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ping against the kernel recordings: its output, and every frame at every capture point of the scenario. */
class PingRecordingTest {
    private static final long S = 1_000_000_000L;
    /** Timer slack of the recording kernel (up to 256 ms on 5 s timers) plus its scheduling delays. */
    private static final long TOLERANCE = 300_000_000L;

    private record Run(Lab lab, Lab.Result result, Map<String, MemoryCapture> captures) {}

    /** T0 at virtual time 0; the command at +1 s, as the recording script did; observed until {@code until}. */
    private static Run run(String command, long until, String... points) {
        Lab lab = SeedLabs.seed(1);
        Map<String, MemoryCapture> caps = new LinkedHashMap<>();
        for (String p : points) {
            MemoryCapture c = new MemoryCapture();
            String[] nodeIf = p.split("/");
            lab.capture(nodeIf[0], nodeIf.length > 1 ? nodeIf[1] : nodeIf[0], c);
            caps.put(p, c);
        }
        lab.runFor(S);
        Lab.Result r = lab.exec("node1", command);
        lab.runFor(until - lab.now());
        return new Run(lab, r, caps);
    }

    private static void assertCapture(String scenario, String point, MemoryCapture actual, long until) {
        List<PcapRecord> expected = reference(scenario, point);
        List<PcapRecord> got = window(actual.records(), Lab.DEFAULT_EPOCH, Lab.DEFAULT_EPOCH + until);
        assertSameFrames(expected, got);
        assertTimesWithin(expected, origin(scenario, point), got, Lab.DEFAULT_EPOCH, TOLERANCE);
    }

    @Test
    void s1NumericPingPrintsWhatIputilsPrintedAndSendsTheSameFrames() {
        Run run = run("ping -c3 172.28.0.13", 62 * S, "node1/eth0", "node2/eth0", "node3/eth0", "br-arp_lan");
        assertThat(run.result.exitCode()).isZero();
        assertThat(run.result.stderr()).isEmpty();
        assertSameOutput(referenceText("s1_ping_node3", "ping.out.txt"), run.result.stdout());
        assertCapture("s1_ping_node3", "node1", run.captures.get("node1/eth0"), 62 * S);
        assertCapture("s1_ping_node3", "node2", run.captures.get("node2/eth0"), 62 * S);
        assertCapture("s1_ping_node3", "node3", run.captures.get("node3/eth0"), 62 * S);
        assertCapture("s1_ping_node3", "bridge", run.captures.get("br-arp_lan"), 62 * S);
    }

    @Test
    void s1bPingByNameUsesTheHostsFileNameAndReverseNames() {
        Lab lab = SeedLabs.seed(1);
        SeedLabs.loadHosts(lab, referenceText("s1b_ping_by_name", "hosts"));
        MemoryCapture c = new MemoryCapture();
        lab.capture("node1", "eth0", c);
        lab.runFor(S);
        Lab.Result r = lab.exec("node1", "ping -c3 node3");
        assertThat(r.exitCode()).isZero();
        assertSameOutput(referenceText("s1b_ping_by_name", "ping.out.txt"), r.stdout());
        // the capture stopped when ping exited (+3.06 s)
        long end = lab.now() + 10_000_000L;
        List<PcapRecord> expected = reference("s1b_ping_by_name", "node1");
        List<PcapRecord> got = window(c.records(), Lab.DEFAULT_EPOCH, Lab.DEFAULT_EPOCH + end);
        assertSameFrames(expected, got);
        assertTimesWithin(expected, origin("s1b_ping_by_name", "node1"), got, Lab.DEFAULT_EPOCH, TOLERANCE);
    }

    @Test
    void s4RoutedPingSeesTtl63AndTheRouterResolvesOnTheFarSide() {
        Run run = run("ping -c3 172.18.0.2", 7 * S, "node1/eth0", "node4/eth0", "br-arp_lan", "br-net18");
        assertThat(run.result.exitCode()).isZero();
        assertSameOutput(referenceText("s4_routed_ping", "ping.out.txt"), run.result.stdout());
        assertCapture("s4_routed_ping", "node1", run.captures.get("node1/eth0"), 7 * S);
        assertCapture("s4_routed_ping", "node4", run.captures.get("node4/eth0"), 7 * S);
        assertCapture("s4_routed_ping", "bridge1", run.captures.get("br-arp_lan"), 7 * S);
        assertCapture("s4_routed_ping", "bridge2", run.captures.get("br-net18"), 7 * S);
    }

    @Test
    void replyLineNamesTheSourceOnlyWhenTheTargetWasAName() {
        Lab lab = SeedLabs.seed(1);
        lab.resolver().add("node3", Ipv4Address.parse("172.28.0.13"));
        assertThat(lab.exec("node1", "ping -c1 172.28.0.13").stdout())
                .contains("64 bytes from 172.28.0.13: icmp_seq=1");
        assertThat(lab.exec("node1", "ping -c1 node3").stdout())
                .contains("64 bytes from node3 (172.28.0.13): icmp_seq=1");
        assertThat(lab.exec("node1", "ping -n -c1 node3").stdout())
                .contains("64 bytes from 172.28.0.13: icmp_seq=1");
    }
}
