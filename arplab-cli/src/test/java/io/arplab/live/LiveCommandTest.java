package io.arplab.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code arplab live} and {@code arplab run --attach} as a user runs them, the kernel in a namespace of the test's. */
class LiveCommandTest {
    @RegisterExtension
    final NetnsFixture netns = new NetnsFixture();

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
    void liveHostPingsTheKernelFromDashCAndLeavesACaptureAndNothingElse() throws Exception {
        String tap = NetnsFixture.uniqueTapName();
        Path pcaps = tmp.resolve("pcaps");
        Run r = arplab("live", "--tap", tap, "--netns", netns.name(), "--kernel-address", "10.0.0.1/24",
                "--address", "10.0.0.2/24", "--pcap-dir", pcaps.toString(), "--trace", tmp.resolve("trace.txt").toString(),
                "-c", "ping -c2 -i 0.3 10.0.0.1; ip neigh; tcpdump -n -r " + pcaps.resolve("arplab.pcap") + " arp");
        assertThat(r.err()).isEqualTo("reading from file " + pcaps.resolve("arplab.pcap")
                + ", link-type EN10MB (Ethernet), snapshot length 262144\n");
        assertThat(r.rc()).isZero();
        assertThat(r.out()).contains("arplab$ ping -c2 -i 0.3 10.0.0.1", "2 packets transmitted, 2 received, 0% packet loss",
                "10.0.0.1 dev eth0 lladdr ", "ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28");
        assertThat(Files.size(pcaps.resolve("arplab.pcap"))).isGreaterThan(24);
        assertThat(Files.readString(tmp.resolve("trace.txt"))).contains("neigh:neigh_update", "net:net_dev_xmit");
        // the TAP device went with arplab
        assertThat(netns.ip("link", "show", tap).ok()).isFalse();
    }

    @Test
    void aBackgroundMonitorSeesTheEntryTheForegroundPingCreates() {
        Run r = arplab("live", "--tap", NetnsFixture.uniqueTapName(), "--netns", netns.name(), "--kernel-address",
                "10.0.0.1/24", "--address", "10.0.0.2/24", "--pcap-dir", "none",
                "-c", "ip monitor neigh &; ping -c1 10.0.0.1; sleep 200ms");
        assertThat(r.rc()).isZero();
        assertThat(r.out()).contains("arplab$ ip monitor neigh &  [1]", "1 packets transmitted, 1 received",
                "[1] done (exit 130): arplab$ ip monitor neigh\n10.0.0.1 dev eth0 lladdr ");
    }

    @Test
    void aBusyTapNameIsOneLineAndStatus2() {
        String tap = NetnsFixture.uniqueTapName();
        TapDevice held = netns.closeAfter(TapDevice.open(tap));
        Run r = arplab("live", "--tap", held.name(), "--address", "10.0.0.2/24", "--pcap-dir", "none", "-c", "ip neigh");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("arplab: TUNSETIFF " + tap + ": Device or resource busy\n");
    }

    @Test
    void aKernelHostJoinsTheSeedsLanThroughAttach() throws Exception {
        String tap = NetnsFixture.uniqueTapName();
        CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> arplab("run", "examples/arp-lab/lab.yaml",
                "--attach", "br-arp_lan=" + tap, "--attach-netns", netns.name(), "--pcap-dir", tmp.toString(),
                "-c", "sleep 4; node1 ip neigh show 172.28.0.99"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!netns.ip("link", "show", tap).ok()) {
            assertThat(System.nanoTime()).as("the TAP did not appear in the namespace").isLessThan(deadline);
            Thread.sleep(20);
        }
        IpCommand.addAddress(netns.name(), tap, "172.28.0.99/16");
        IpCommand.setUp(netns.name(), tap);
        IpCommand.Result ping = netns.exec("ping", "-c3", "-i", "0.2", "-W", "2", "172.28.0.11");
        Run r = run.get(20, TimeUnit.SECONDS);
        assertThat(ping.stdout()).contains("3 packets transmitted, 3 received, 0% packet loss");
        assertThat(r.rc()).isZero();
        assertThat(r.out()).contains("172.28.0.99 dev eth0 lladdr ");
    }

    @Test
    void attachToAnUnknownBridgeNamesTheBridges() {
        Run r = arplab("run", "examples/arp-lab/lab.yaml", "--attach", "br-nope=" + NetnsFixture.uniqueTapName(),
                "--pcap-dir", "none", "-c", "sleep 1");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("arplab: --attach: no bridge 'br-nope' in the lab (bridges: br-arp_lan br-net18)\n");
    }
}
