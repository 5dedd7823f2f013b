package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.observe.PcapCapture;
import io.arplab.observe.TraceLog;
import io.arplab.sim.Network;
import io.arplab.tools.ToolContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A routed lab cut into partitions (a LAN with its router each) gives the same captures, trace and tool output on
 * any number of threads: foreground commands (stepped window by window), background pings started at the same
 * instant in every LAN (frames from both ring neighbours reach a router at the same time), and sleeps (windows run
 * in parallel).
 */
class PartitionedRunTest {
    private static final int LANS = 4;
    private static final int HOSTS = 5;

    /** Everything a run leaves: tool output in order, the trace, every pcap's bytes by file name. */
    private record Outcome(String stdout, String trace, Map<String, byte[]> pcaps, long deliveries, long events) {}

    private static Outcome run(int threads, Path dir) throws IOException {
        Files.createDirectories(dir);
        StringWriter traceText = new StringWriter();
        TraceLog trace = new TraceLog(traceText);
        Lab lab = LanBench.buildRouted(LANS, HOSTS, 7);
        lab.setTraceLog(trace);
        List<PcapCapture> pcaps = new ArrayList<>();
        for (int l = 0; l < LANS; l++) {
            for (String ifname : new String[] {"next", "prev", "br" + l}) {
                PcapCapture c = new PcapCapture(dir.resolve("r" + l + "-" + ifname + ".pcap"));
                pcaps.add(c);
                lab.capture("r" + l, ifname, c);
            }
            for (int i = 0; i < HOSTS; i++) {
                PcapCapture c = new PcapCapture(dir.resolve("l" + l + "h" + i + ".pcap"));
                pcaps.add(c);
                lab.capture("l" + l + "h" + i, "eth0", c);
            }
        }
        if (threads > 0) {
            lab.partition(threads);
        }
        StringBuilder out = new StringBuilder();
        try {
            out.append(lab.exec("l0h0", "ping -c2 10.0.16.3").stdout());
            List<StringWriter> jobs = new ArrayList<>();
            for (int l = 0; l < LANS; l++) {
                for (int i = 1; i < HOSTS; i++) {
                    StringWriter w = new StringWriter();
                    jobs.add(w);
                    PrintWriter pw = new PrintWriter(w, true);
                    String target = "10.0." + 16 * ((l + 1) % LANS) + "." + (2 + i);
                    ToolContext ctx = lab.start("l" + l + "h" + i, List.of("ping", "-c3", "-i0.2", target), pw, pw);
                    assertThat(ctx).isNotNull();
                }
            }
            lab.runFor(12_000_000_000L);
            jobs.forEach(w -> out.append(w));
            for (int l = 0; l < LANS; l++) {
                out.append(lab.exec("r" + l, "ip -s neigh").stdout());
            }
            out.append(lab.exec("l2h3", "ping -c1 10.0.48.2").stdout());
            lab.runFor(30_000_000_000L);
            out.append(lab.exec("r1", "ip -s neigh").stdout());
        } finally {
            lab.close();
        }
        pcaps.forEach(PcapCapture::close);
        trace.flush();
        Map<String, byte[]> bytes = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                bytes.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return new Outcome(out.toString(), traceText.toString(), bytes, lab.network().deliveries(),
                lab.network().eventsFired());
    }

    @Test
    void capturesTraceAndOutputAreTheSameOnOneTwoAndThreeThreads(@TempDir Path tmp) throws IOException {
        Map<Integer, Outcome> runs = new LinkedHashMap<>();
        for (int threads = 1; threads <= 3; threads++) {
            runs.put(threads, run(threads, tmp.resolve("t" + threads)));
        }
        Outcome one = runs.get(1);
        assertThat(one.stdout()).contains("3 packets transmitted, 3 received").doesNotContain("100% packet loss");
        assertThat(one.trace()).contains("net:netif_receive_skb").contains("neigh_update");
        assertThat(one.pcaps()).hasSize(LANS * (3 + HOSTS));
        for (int threads = 2; threads <= 3; threads++) {
            Outcome o = runs.get(threads);
            assertThat(o.stdout()).as("stdout, %d threads", threads).isEqualTo(one.stdout());
            assertThat(o.trace()).as("trace, %d threads", threads).isEqualTo(one.trace());
            assertThat(o.pcaps().keySet()).isEqualTo(one.pcaps().keySet());
            for (String f : one.pcaps().keySet()) {
                assertThat(o.pcaps().get(f)).as("%s, %d threads", f, threads).isEqualTo(one.pcaps().get(f));
            }
            assertThat(o.deliveries()).isEqualTo(one.deliveries());
            assertThat(o.events()).isEqualTo(one.events());
        }
    }

    /**
     * Against the unpartitioned run every ping is answered alike; times and the order of ARP exchanges may differ:
     * a system call drains its frames synchronously within its partition, while a frame crossing the cut joins the
     * other partition at the window's barrier (the synchronous path stops at a cut, see README "Parallel runs").
     */
    @Test
    void everyPingIsAnsweredAsInTheUnpartitionedRun(@TempDir Path tmp) throws IOException {
        Outcome whole = run(0, tmp.resolve("whole"));
        Outcome cut = run(2, tmp.resolve("cut"));
        assertThat(summaries(cut.stdout())).isEqualTo(summaries(whole.stdout())).isNotEmpty();
        assertThat(cut.pcaps().keySet()).isEqualTo(whole.pcaps().keySet());
    }

    private static List<String> summaries(String out) {
        return out.lines().filter(l -> l.contains("packets transmitted"))
                .map(l -> l.replaceAll(", time [0-9]+ms", "")).toList();
    }

    @Test
    void aPartitionIsALanWithItsRouterAndTheLookaheadIsTheRingLinksLatency() {
        Lab lab = LanBench.buildRouted(LANS, HOSTS, 7);
        try {
            lab.partition(2);
            assertThat(lab.network().partitions()).isEqualTo(LANS);
            assertThat(lab.network().lookahead()).isEqualTo(Network.DEFAULT_LATENCY);
        } finally {
            lab.close();
        }
    }

    @Test
    void aLabWhoseNamespacesShareOneKernelIsOnePartition() {
        Lab lab = new Lab(1);
        var host = lab.addHost("host");
        var br = lab.addBridge("br0", io.arplab.wire.MacAddress.parse("02:42:00:00:00:01"), host, "10.0.0.1/24");
        var a = lab.addHost("a");
        var b = lab.addHost("b");
        lab.attach(a, "eth0", io.arplab.wire.MacAddress.parse("02:42:0a:00:00:02"), "10.0.0.2/24", br, "veth1",
                io.arplab.wire.MacAddress.parse("0e:00:00:00:00:02"));
        lab.link(a, "p2p", io.arplab.wire.MacAddress.parse("02:42:0b:00:00:01"), "10.1.0.1/30", b, "p2p",
                io.arplab.wire.MacAddress.parse("02:42:0b:00:00:02"), "10.1.0.2/30");
        lab.partition(2);
        assertThat(lab.network().partitions()).isEqualTo(1); // one arp_tbl counts every namespace's entries
        assertThat(lab.network().lookahead()).isEqualTo(Long.MAX_VALUE);
        lab.close();
    }

    @Test
    void aPartitionedLabTakesNoNewHost() {
        Lab lab = LanBench.buildRouted(2, 2, 7);
        lab.partition(1);
        assertThatThrownBy(() -> lab.addHost("late")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no new node (late)");
        lab.close();
    }

    @Test
    void partitioningARunningLabIsRefused() {
        Lab lab = LanBench.buildRouted(2, 2, 7);
        lab.exec("l0h0", "ping -c1 10.0.16.2");
        assertThatThrownBy(() -> lab.partition(2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before it runs");
    }
}
