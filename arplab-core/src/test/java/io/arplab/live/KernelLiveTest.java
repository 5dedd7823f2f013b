package io.arplab.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.lab.Lab;
import io.arplab.lab.LiveLab;
import io.arplab.observe.MemoryCapture;
import io.arplab.wire.MacAddress;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions;
import io.arplab.wire.tcpdump.TcpdumpPrinter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * arplab's host on a TAP device with the real kernel on the other side, in namespaces the test creates (skipped
 * without root and /dev/net/tun). Where a rule is Linux's, the same command is run against a second real kernel
 * over a veth pair and the outputs are compared.
 */
class KernelLiveTest {
    static final MacAddress ARPLAB_MAC = MacAddress.parse("02:42:0a:00:00:02");

    @RegisterExtension
    final NetnsFixture netns = new NetnsFixture();
    @RegisterExtension
    final NetnsFixture peer = new NetnsFixture();

    /** The kernel at 10.0.0.1/24 on the TAP's kernel side; arplab at 10.0.0.2/24 on the other. */
    LiveLab liveOnTap(MemoryCapture capture) {
        TapDevice tap = TapDevice.open(NetnsFixture.uniqueTapName());
        LiveLab live = new LiveLab("arplab", tap, ARPLAB_MAC, "10.0.0.2/24", null, 1, Path.of("."));
        netns.closeAfter(live);
        tap.moveToNetns(netns.name());
        IpCommand.addAddress(netns.name(), tap.name(), "10.0.0.1/24");
        IpCommand.setUp(netns.name(), tap.name());
        if (capture != null) {
            live.runtime().capture(capture);
        }
        live.start();
        return live;
    }

    String kernelDev() {
        return netns.ip("-o", "link", "show", "type", "tun").stdout().split(": ")[1].split("[@:]")[0];
    }

    /** A real kernel in place of arplab: the peer namespace at 10.0.0.2 over a veth pair (the reference). */
    String kernelOnVeth() {
        String a = NetnsFixture.uniqueTapName();
        String b = NetnsFixture.uniqueTapName();
        assertThat(netns.ip("link", "add", a, "type", "veth", "peer", "name", b, "netns", peer.name()).ok()).isTrue();
        IpCommand.addAddress(netns.name(), a, "10.0.0.1/24");
        IpCommand.addAddress(peer.name(), b, "10.0.0.2/24");
        IpCommand.setUp(peer.name(), b);
        IpCommand.setUp(netns.name(), a);
        return a;
    }

    @Test
    void theKernelPingsArplabAndHoldsItsMacReachable() {
        liveOnTap(null);
        IpCommand.Result r = netns.exec("ping", "-c3", "-i", "0.2", "-W", "2", "10.0.0.2");
        assertThat(r.stdout()).contains("3 packets transmitted, 3 received, 0% packet loss");
        String neigh = netns.ip("neigh", "show", "10.0.0.2").stdout();
        assertThat(neigh).contains("lladdr " + ARPLAB_MAC).contains("REACHABLE");
    }

    @Test
    void arplabPingsTheKernelAndAnswersItsUnicastProbeFiveSecondsLater() {
        MemoryCapture cap = new MemoryCapture();
        LiveLab live = liveOnTap(cap);
        Lab.Result r = live.exec("ping -c1 10.0.0.1");
        assertThat(r.stdout()).contains("1 packets transmitted, 1 received");
        live.sleep(7_000_000_000L);
        List<Line> lines = lines(cap.records());
        Line reply = lines.stream().filter(l -> l.text.contains("ICMP echo reply")).findFirst().orElseThrow();
        Line probe = lines.stream().filter(l -> l.text.contains("Request who-has 10.0.0.2 tell 10.0.0.1")
                && l.text.contains("> " + ARPLAB_MAC)).findFirst().orElseThrow();
        // neigh DELAY -> PROBE after delay_first_probe_time (5 s), plus the kernel's timer slack
        assertThat(probe.time - reply.time).isBetween(4_900_000_000L, 5_600_000_000L);
        Line answer = lines.get(lines.indexOf(probe) + 1);
        assertThat(answer.text).contains(ARPLAB_MAC + " > ").contains("Reply 10.0.0.2 is-at " + ARPLAB_MAC);
        assertThat(netns.ip("neigh", "show", "10.0.0.2").stdout()).contains("REACHABLE");
    }

    @Test
    void kernelArpingGetsTheRepliesALinuxPeerGives() {
        String[][] runs = {
            {"arping", "-c2", "-w", "5", "-I", "DEV", "10.0.0.2"},
            {"arping", "-D", "-c2", "-w", "5", "-I", "DEV", "10.0.0.2"},
            {"arping", "-D", "-c2", "-w", "5", "-I", "DEV", "10.0.0.7"},
            {"arping", "-U", "-c1", "-I", "DEV", "10.0.0.1"},
            {"arping", "-A", "-c1", "-I", "DEV", "10.0.0.1"},
        };
        String veth = kernelOnVeth();
        List<String> linux = new ArrayList<>();
        for (String[] run : runs) {
            linux.add(normalise(netns.exec(with(run, veth)), veth));
        }
        netns.ip("link", "del", veth);
        liveOnTap(null);
        String tap = kernelDev();
        for (int i = 0; i < runs.length; i++) {
            String ours = normalise(netns.exec(with(runs[i], tap)), tap);
            assertThat(ours).as(String.join(" ", runs[i])).isEqualTo(linux.get(i));
        }
    }

    @Test
    void theSameScenarioLiveAndEmulatedGivesTheSameFramesOnArplabsSide() {
        MemoryCapture live = new MemoryCapture();
        LiveLab l = liveOnTap(live);
        MacAddress kernelMac = MacAddress.parse(netns.exec("cat", "/sys/class/net/" + kernelDev() + "/address").stdout().strip());
        l.exec("ping -c3 10.0.0.1");
        l.sleep(7_000_000_000L);
        l.close();

        MemoryCapture sim = new MemoryCapture();
        try (Lab lab = new Lab(1)) {
            LinuxBridge br = lab.addBridge("br0", MacAddress.parse("02:42:00:00:00:01"), null, null);
            Host a = lab.addHost("arplab");
            Host k = lab.addHost("kernel");
            lab.attach(a, "eth0", ARPLAB_MAC, "10.0.0.2/24", br, "veth-a", MacAddress.parse("ee:ee:ee:00:00:02"));
            lab.attach(k, "eth0", kernelMac, "10.0.0.1/24", br, "veth-k", MacAddress.parse("ee:ee:ee:00:00:01"));
            lab.capture("arplab", "eth0", sim);
            lab.exec("arplab", "ping -c3 10.0.0.1");
            lab.runFor(7_000_000_000L);
        }
        List<Line> a = lines(live.records());
        List<Line> b = lines(sim.records());
        assertThat(a.stream().map(x -> x.text).toList()).isEqualTo(b.stream().map(x -> x.text).toList());
        for (int i = 0; i < a.size(); i++) {
            // ping's 1 s intervals and the 5 s DELAY, each late by the kernel's timer slack at most
            assertThat(Math.abs((a.get(i).time - a.get(0).time) - (b.get(i).time - b.get(0).time)))
                    .as("frame %d: %s", i, a.get(i).text).isLessThan(400_000_000L);
        }
    }

    @Test
    void aKernelHostPingsAnEmulatedNodeBehindAnEmulatedBridge() throws Exception {
        TapDevice tap = TapDevice.open(NetnsFixture.uniqueTapName());
        try (Lab lab = new Lab(5)) {
            LinuxBridge br = lab.addBridge("br0", MacAddress.parse("02:42:00:00:00:01"), null, null);
            Host n1 = lab.addHost("node1");
            lab.attach(n1, "eth0", MacAddress.parse("02:42:0a:00:00:0b"), "10.0.0.11/24", br, "veth1",
                    MacAddress.parse("ee:ee:ee:00:00:0b"));
            tap.moveToNetns(netns.name());
            IpCommand.addAddress(netns.name(), tap.name(), "10.0.0.1/24");
            IpCommand.setUp(netns.name(), tap.name());
            lab.attach("br0", tap);
            Thread runner = new Thread(() -> lab.runFor(4_000_000_000L));
            runner.start();
            IpCommand.Result r = netns.exec("ping", "-c3", "-i", "0.2", "-W", "2", "10.0.0.11");
            runner.join();
            assertThat(r.stdout()).contains("3 packets transmitted, 3 received, 0% packet loss");
            assertThat(lab.exec("node1", "ip neigh").stdout()).contains("10.0.0.1 dev eth0 lladdr");
        }
    }

    private static String[] with(String[] run, String dev) {
        String[] r = run.clone();
        for (int i = 0; i < r.length; i++) {
            if (r[i].equals("DEV")) {
                r[i] = dev;
            }
        }
        return r;
    }

    /** arping's output and status with the interface, MACs and times made neutral. */
    private static String normalise(IpCommand.Result r, String dev) {
        return ("status " + r.status() + "\n" + r.stdout())
                .replace(dev, "DEV")
                .replaceAll("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}", "MAC")
                .replaceAll("[0-9.]+ms", "Tms");
    }

    record Line(long time, String text) {}

    /** ARP and IPv4 frames as {@code tcpdump -e -n -t} prints them (the kernel's IPv6 chatter left out). */
    static List<Line> lines(List<PcapRecord> records) {
        TcpdumpPrinter p = new TcpdumpPrinter(new TcpdumpOptions(true, true, 0, TcpdumpOptions.TimestampStyle.NONE, 0,
                ZoneId.of("UTC")));
        List<Line> out = new ArrayList<>();
        for (PcapRecord r : records) {
            int type = ((r.data()[12] & 0xff) << 8) | (r.data()[13] & 0xff);
            if (type != 0x0806 && type != 0x0800) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            p.print(r, sb);
            out.add(new Line(r.seconds() * 1_000_000_000L + r.nanos(), sb.toString().strip()));
        }
        return out;
    }
}
