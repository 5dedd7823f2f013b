package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.observe.MemoryCapture;
import io.arplab.observe.TraceLog;
import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyLoader;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import io.arplab.wire.pcap.PcapRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Floods of broadcast ARP delivered only to the hosts they can change (sim.FloodIndex) leave every observable byte
 * as delivering them to every port does: the same labs and scripts run both ways, and the tools' output, the captures,
 * the trace, every host's neighbour table and statistics, and the frame and event counts must be identical.
 */
class IndexedFloodTest {
    /** Everything a run shows, as text: tool output, then every capture and table, then the network's counts. */
    static String run(Supplier<Lab> build, List<String> script, List<String> captured, boolean traced, boolean indexed) {
        Lab lab = build.get();
        lab.network().setIndexedFloods(indexed);
        StringWriter trace = new StringWriter();
        if (traced) {
            lab.setTraceLog(new TraceLog(new PrintWriter(trace)));
        }
        List<MemoryCapture> caps = new ArrayList<>();
        for (String node : captured) {
            MemoryCapture c = new MemoryCapture();
            lab.capture(node, "eth0", c);
            caps.add(c);
        }
        StringWriter out = new StringWriter();
        LabConsole console = new LabConsole(lab, new PrintWriter(out), new PrintWriter(out), () -> { });
        for (String line : script) {
            console.execute(line);
        }
        for (String host : lab.hosts().keySet()) {
            console.execute(host + " ip -s -d neigh show");
            console.execute(host + " ip -s link");
            console.execute(host + " arp -an");
        }
        for (String bridge : lab.bridges().keySet()) {
            console.execute(lab.bridgeOwner(bridge).name() + " bridge -s fdb show br " + bridge);
        }
        console.close();
        StringBuilder all = new StringBuilder(out.toString());
        for (int i = 0; i < caps.size(); i++) {
            all.append("capture ").append(captured.get(i)).append('\n');
            for (PcapRecord r : caps.get(i).records()) {
                all.append(r.epochNanos()).append(' ').append(HexFormat.of().formatHex(r.data())).append('\n');
            }
        }
        all.append(trace);
        all.append("deliveries ").append(lab.network().deliveries()).append(" transmissions ")
                .append(lab.network().transmissions()).append(" events ").append(lab.network().scheduler().eventsFired())
                .append(" now ").append(lab.now()).append('\n');
        return all.toString() + "skipped " + lab.network().skippedDeliveries();
    }

    /** Runs both ways, asserts the same bytes; returns the deliveries the indexed run skipped. */
    static long assertSameBothWays(Supplier<Lab> build, List<String> script, List<String> captured, boolean traced) {
        String full = run(build, script, captured, traced, false);
        String indexed = run(build, script, captured, traced, true);
        assertThat(full).endsWith("skipped 0");
        assertThat(strip(indexed)).isEqualTo(strip(full));
        return Long.parseLong(indexed.substring(indexed.lastIndexOf("skipped ") + 8).trim());
    }

    private static String strip(String run) {
        return run.substring(0, run.lastIndexOf("skipped "));
    }

    static Supplier<Lab> file(String path) {
        return () -> TopologyBuilder.build(TopologyLoader.load(Path.of(path)).topology(), 1);
    }

    static List<String> lines(String path) throws IOException {
        return Files.readAllLines(Path.of(path));
    }

    @Test
    void theSeedLabsHandsOnIsTheSameWithIndexedFloods() throws IOException {
        assertThat(assertSameBothWays(file("examples/arp-lab/docker-compose.yml"),
                lines("examples/arp-lab/hands-on.txt"), List.of("node1", "node3"), false)).isPositive();
        assertSameBothWays(file("examples/arp-lab/lab.yaml"), lines("examples/arp-lab/hands-on.txt"),
                List.of("node2"), false);
    }

    @Test
    void theSeedLabTracedIsTheSameWithIndexedFloods() throws IOException {
        assertSameBothWays(file("examples/arp-lab/docker-compose.yml"), lines("examples/arp-lab/hands-on.txt"),
                List.of(), true);
    }

    @Test
    void theSecurityExamplesAreTheSameWithIndexedFloods() throws IOException {
        for (String script : List.of("arpspoof.txt", "garp.txt", "macof.txt")) {
            assertSameBothWays(file("examples/security/lab.yaml"), lines("examples/security/" + script),
                    List.of("victim"), false);
        }
    }

    @Test
    void theAntreaNodeExampleIsTheSameWithIndexedFloods() throws IOException {
        assertSameBothWays(file("examples/antrea-node/lab.yaml"), lines("examples/antrea-node/scenes.txt"),
                List.of(), false);
    }

    /**
     * 48 hosts on br0 (10.1.0.0/16) behind gw; h3 and h5 also on br1 (10.2.0.0/16). Settings that make arp_process()
     * act beyond the target and the sender's holders: arp_accept 1 and 2 (per device and through conf/all), proxy_arp
     * with forwarding, a proxy entry, a packet socket (arpwatch, arping), a captured host, a device taken down and up;
     * and those that only restrict: drop_gratuitous_arp, arp_ignore, arp_filter, static entries.
     */
    static Lab mixedLan() {
        Lab lab = new Lab(7);
        Host gw = lab.addHost("gw");
        gw.stack().setSysctl("ip_forward", 1);
        LinuxBridge br0 = lab.addBridge("br0", MacAddress.parse("02:42:0a:01:00:01"), gw, "10.1.0.1/16");
        LinuxBridge br1 = lab.addBridge("br1", MacAddress.parse("02:42:0a:02:00:01"), gw, "10.2.0.1/16");
        for (int i = 0; i < 48; i++) {
            int ip = 0x0a01_0000 + 10 + i;
            Host h = lab.addHost("h" + i);
            lab.attach(h, "eth0", MacAddress.of(0x0242_0000_0000L | ip), Ipv4Address.of(ip) + "/16", br0, "veth" + i,
                    MacAddress.of(0x0eee_0000_0000L | ip));
            if (i == 3 || i == 5) {
                int ip2 = 0x0a02_0000 + 10 + i;
                lab.attach(h, "eth1", MacAddress.of(0x0242_0000_0000L | ip2), Ipv4Address.of(ip2) + "/16", br1,
                        "vethb" + i, MacAddress.of(0x0eee_0000_0000L | ip2));
            }
            lab.defaultRoute(h, Ipv4Address.parse("10.1.0.1"));
        }
        return lab;
    }

    static final List<String> MIXED = List.of(
            "h1 sysctl -w net.ipv4.conf.eth0.arp_accept=1",
            "h2 sysctl -w net.ipv4.conf.eth0.arp_accept=2",
            "h3 sysctl -w net.ipv4.ip_forward=1",
            "h3 sysctl -w net.ipv4.conf.eth0.proxy_arp=1",
            "h5 sysctl -w net.ipv4.ip_forward=1",
            "h5 ip neigh add proxy 10.2.0.77 dev eth0",
            "h6 sysctl -w net.ipv4.conf.eth0.drop_gratuitous_arp=1",
            "h7 sysctl -w net.ipv4.conf.eth0.arp_ignore=1",
            "h8 sysctl -w net.ipv4.conf.eth0.arp_filter=1",
            "h12 ip neigh add 10.1.0.30 lladdr 02:42:0a:01:00:1e dev eth0 nud permanent",
            "h13 ip neigh add 10.1.0.31 lladdr 02:42:0a:01:00:99 dev eth0 nud stale",
            "h10 arpwatch -d -i eth0 &",
            "h40 ip monitor neigh &",
            "h0 ping -c2 10.1.0.1",
            "h16 ping -c2 10.1.0.27",
            "h20 ping -c1 10.1.0.21",
            "h30 ping -c1 10.1.0.22",
            "h31 ping -c1 10.1.0.23",
            "h22 arping -U -c2 -I eth0 10.1.0.32",
            "h23 arping -A -c2 -I eth0 10.1.0.33",
            "h24 arping -D -c1 -w1 -I eth0 10.1.0.30",
            "h24 arping -D -c1 -w1 -I eth0 10.1.0.250",
            "h25 arping -c2 -w3 10.1.0.250",
            "h26 arping -b -c2 10.1.0.16",
            "h27 ip route add 10.2.0.0/16 dev eth0",
            "h27 ping -c1 10.2.0.20",
            "h27 ping -c1 -w1 10.2.0.77",
            "h9 ip link set eth0 down",
            "h30 arping -U -c1 -I eth0 10.1.0.40",
            "h9 ping -c1 -w1 10.1.0.1",
            "h9 ip link set eth0 up",
            "h11 sysctl -w net.ipv4.conf.all.arp_accept=1",
            "h32 sysctl -w net.ipv4.conf.eth0.arp_accept=1",
            "h31 arping -U -c1 -I eth0 10.1.0.41",
            "h12 ip neigh flush dev eth0",
            "h33 sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0",
            "h34 ping -c1 -b 10.1.255.255",
            "h35 ping -c1 10.1.0.99",
            "sleep 20",
            "h1 ping -c1 10.1.0.31",
            "h41 ping -c3 -i 0.2 10.1.0.42",
            "h22 arping -A -c1 -I eth0 10.1.0.32",
            "sleep 40",
            "h44 ping -c1 10.1.0.1");

    @Test
    void aMixedLanWithToolsAndSettingsIsTheSameWithIndexedFloods() {
        assertThat(assertSameBothWays(IndexedFloodTest::mixedLan, MIXED, List.of("h0", "h14", "h15"), false))
                .isGreaterThan(500);
    }

    @Test
    void aMixedLanTracedIsTheSameWithIndexedFloods() {
        assertSameBothWays(IndexedFloodTest::mixedLan, MIXED, List.of("h0"), true);
    }

    @Test
    void aRequestReachesItsTargetTheBridgeCapturedHostsAndCountsTheRest() {
        Lab lab = LanBench.build(4, 1); // gateway 10.0.0.1 owns br0; h0..h3 are 10.0.0.2..5
        MemoryCapture h0 = new MemoryCapture();
        lab.capture("h0", "eth0", h0);
        lab.exec("h2", "arping -c1 -w1 10.0.0.5");
        assertThat(h0.records()).hasSize(1); // a captured host gets the request
        // h2 → br0, flood to the gateway, h0, h1 and h3 (h1 skipped, counted), h3's reply → br0 → h2
        assertThat(lab.network().deliveries()).isEqualTo(1 + 4 + 1 + 1);
        assertThat(lab.network().skippedDeliveries()).isEqualTo(1);
    }
}
