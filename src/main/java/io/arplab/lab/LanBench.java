package io.arplab.lab;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.stack.NeighbourTable;
import io.arplab.tools.ToolContext;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import io.arplab.observe.PcapCapture;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole-network benchmark: one bridge, a gateway on it and N hosts in 10.0.0.0/8, each pinging the gateway once
 * (starts spread over the first second). Measures frame deliveries and events per second of wall time, the peak
 * heap, and the heap an idle host costs. The routed workload: L LANs behind one router (a host with an interface on
 * each LAN's bridge), each host resolving its gateway and pinging the host of the same number in the next LAN.
 */
public final class LanBench {
    public record Result(int hosts, long virtualNanos, long wallNanos, long deliveries, long events, long peakHeapBytes,
                         long idleBytesPerHost, int pingsOk) {
        public double deliveriesPerSecond() {
            return deliveries * 1e9 / wallNanos;
        }

        public double eventsPerSecond() {
            return events * 1e9 / wallNanos;
        }
    }

    private LanBench() {}

    /** Builds an N-host LAN (no traffic yet). */
    public static Lab build(int hosts, long seed) {
        if (hosts < 1 || hosts > 1 << 22) {
            throw new IllegalArgumentException("hosts must be 1..4194304, not " + hosts);
        }
        Lab lab = new Lab(seed);
        lab.setKernel(Lab.Kernel.PER_HOST); // a LAN of machines, each with its own neighbour table
        Host gw = lab.addHost("gateway");
        // a LAN this large needs a larger neighbour table on the gateway, as on a real one
        int t3 = Math.max(1024, Integer.highestOneBit(hosts) * 4);
        gw.stack().neighbours().setGcConfig(new NeighbourTable.GcConfig(t3 / 8, t3 / 2, t3, 30 * 1_000_000_000L));
        LinuxBridge br = lab.addBridge("br0", MacAddress.parse("02:42:0a:00:00:01"), gw, "10.0.0.1/8");
        Ipv4Address gateway = Ipv4Address.parse("10.0.0.1");
        for (int i = 0; i < hosts; i++) {
            int ip = 0x0a00_0002 + i;
            Host h = lab.addHost("h" + i);
            lab.attach(h, "eth0", MacAddress.of(0x0242_0000_0000L | ip), Ipv4Address.of(ip) + "/8", br, "veth" + i,
                    MacAddress.of(0x0eee_0000_0000L | ip));
            lab.defaultRoute(h, gateway);
        }
        return lab;
    }

    /**
     * Builds L routed LANs of H hosts: LAN l is 10.0.0.0/8 + l*4096 as a /20, the router at .1 of it (bridge br{l},
     * owned by the router), hosts l{l}h{i} from .2 on, each with its default route via the router.
     */
    public static Lab buildRouted(int lans, int hostsPerLan, long seed) {
        if (lans < 1 || lans > 4096 || hostsPerLan < 1 || hostsPerLan > 4093) {
            throw new IllegalArgumentException("lans must be 1..4096 and hosts per LAN 1..4093");
        }
        Lab lab = new Lab(seed);
        Host router = lab.addHost("router");
        router.stack().setSysctl("ip_forward", 1);
        // the router holds an entry for every host, as a real one with gc_thresh* raised in init_net would
        int t3 = Math.max(1024, Integer.highestOneBit(lans * hostsPerLan) * 4);
        router.stack().neighbours().setGcConfig(new NeighbourTable.GcConfig(t3 / 8, t3 / 2, t3, 30 * 1_000_000_000L));
        for (int l = 0; l < lans; l++) {
            int base = 0x0a00_0000 | (l << 12);
            LinuxBridge br = lab.addBridge("br" + l, MacAddress.of(0x0242_0b00_0000L | l), router,
                    Ipv4Address.of(base + 1) + "/20");
            Ipv4Address gateway = Ipv4Address.of(base + 1);
            for (int i = 0; i < hostsPerLan; i++) {
                int ip = base + 2 + i;
                Host h = lab.addHost("l" + l + "h" + i);
                lab.attach(h, "eth0", MacAddress.of(0x0242_0000_0000L | (ip & 0xffff_ffffL)), Ipv4Address.of(ip) + "/20",
                        br, "veth" + l + "_" + i, MacAddress.of(0x0eee_0000_0000L | (ip & 0xffff_ffffL)));
                lab.defaultRoute(h, gateway);
            }
        }
        return lab;
    }

    public static Result run(int hosts, long seed) {
        return run(hosts, seed, null);
    }

    /** The one-LAN workload; with {@code pcapDir}, every host's eth0 is captured to DIR/NAME.pcap. */
    public static Result run(int hosts, long seed, Path pcapDir) {
        long before = usedHeapAfterGc();
        Lab lab = build(hosts, seed);
        long after = usedHeapAfterGc();
        List<String> names = new ArrayList<>(hosts);
        List<String> targets = new ArrayList<>(hosts);
        for (int i = 0; i < hosts; i++) {
            names.add("h" + i);
            targets.add("10.0.0.1");
        }
        return measure(lab, names, targets, (after - before) / hosts, pcapDir);
    }

    /** The routed workload: every host resolves its gateway and pings a host in the next LAN. */
    public static Result runRouted(int lans, int hostsPerLan, long seed, Path pcapDir) {
        long before = usedHeapAfterGc();
        Lab lab = buildRouted(lans, hostsPerLan, seed);
        long after = usedHeapAfterGc();
        int hosts = lans * hostsPerLan;
        List<String> names = new ArrayList<>(hosts);
        List<String> targets = new ArrayList<>(hosts);
        for (int l = 0; l < lans; l++) {
            for (int i = 0; i < hostsPerLan; i++) {
                names.add("l" + l + "h" + i);
                int peer = lans == 1 ? 0x0a00_0001 : (0x0a00_0000 | (((l + 1) % lans) << 12)) + 2 + i;
                targets.add(Ipv4Address.of(peer).toString());
            }
        }
        return measure(lab, names, targets, (after - before) / hosts, pcapDir);
    }

    private static Result measure(Lab lab, List<String> names, List<String> targets, long idlePerHost, Path pcapDir) {
        int hosts = names.size();
        List<PcapCapture> captures = new ArrayList<>();
        if (pcapDir != null) {
            try {
                java.nio.file.Files.createDirectories(pcapDir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            for (String name : names) {
                PcapCapture c = new PcapCapture(pcapDir.resolve(name + ".pcap"));
                captures.add(c);
                lab.capture(name, "eth0", c);
            }
        }
        resetPeaks();
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        List<ToolContext> pings = new ArrayList<>(hosts);
        long spread = 1_000_000_000L / hosts;
        for (int i = 0; i < hosts; i++) {
            String name = names.get(i);
            List<String> cmd = List.of("ping", "-c1", targets.get(i));
            lab.network().scheduler().at(i * spread, t -> pings.add(lab.start(name, cmd, sink, sink)));
        }
        long events0 = lab.network().scheduler().eventsFired();
        long wall0 = System.nanoTime();
        lab.runFor(10_000_000_000L); // pings, replies, and the DELAY→PROBE rounds 5 s later
        for (PcapCapture c : captures) {
            c.close();
        }
        long wall = System.nanoTime() - wall0;
        int ok = 0;
        for (ToolContext c : pings) {
            if (c.finished() && c.exitCode() == 0) {
                ok++;
            }
        }
        return new Result(hosts, lab.now(), wall, lab.network().deliveries(),
                lab.network().scheduler().eventsFired() - events0, peakHeap(), idlePerHost, ok);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
