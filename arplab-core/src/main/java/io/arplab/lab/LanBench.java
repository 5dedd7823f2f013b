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
 * heap, and the heap an idle host costs. The routed workload: L LANs, each behind its own router, the routers in a
 * ring, each host resolving its gateway and pinging the host of the same number in the next LAN.
 */
public final class LanBench {
    public record Result(int hosts, long virtualNanos, long wallNanos, long deliveries, long events, long peakHeapBytes,
                         long idleBytesPerHost, int pingsOk, long cpuNanos, int partitions, long windows,
                         long crossings, long buildNanos, double eventSpeedupBound) {
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
     * Builds L routed LANs of H hosts, each LAN a machine's worth: LAN l is 10.0.0.0/8 + l*4096 as a /20 on bridge
     * br{l}, owned by its router r{l} at .1 of it; hosts l{l}h{i} from .2 on, each with its default route via its
     * router. The routers form a ring of veth pairs (100.64.0.0/10, a /30 per link: r{l} "next" .1, r{l+1} "prev"
     * .2), each routing the next LAN and the previous one over it. Every host is its own kernel (PER_HOST), and
     * each router raises its gc_thresh1/2/3 with sysctl, as a real router's administrator would for a LAN this big.
     */
    public static Lab buildRouted(int lans, int hostsPerLan, long seed) {
        if (lans < 1 || lans > 4096 || hostsPerLan < 1 || hostsPerLan > 4093) {
            throw new IllegalArgumentException("lans must be 1..4096 and hosts per LAN 1..4093");
        }
        Lab lab = new Lab(seed);
        lab.setKernel(Lab.Kernel.PER_HOST);
        Host[] routers = new Host[lans];
        int t3 = Math.max(1024, Integer.highestOneBit(hostsPerLan + 2) * 4);
        for (int l = 0; l < lans; l++) {
            int base = lanBase(l);
            Host router = lab.addHost("r" + l);
            routers[l] = router;
            router.stack().setSysctl("ip_forward", 1);
            Lab.Result rc = lab.exec(router.name(), "sysctl -q -w net.ipv4.neigh.default.gc_thresh1=" + t3 / 8
                    + " net.ipv4.neigh.default.gc_thresh2=" + t3 / 2 + " net.ipv4.neigh.default.gc_thresh3=" + t3);
            if (rc.exitCode() != 0) {
                throw new IllegalStateException("sysctl on " + router.name() + ": " + rc.stderr().strip());
            }
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
        int links = lans < 2 ? 0 : lans == 2 ? 1 : lans;
        for (int k = 0; k < links; k++) {
            int next = (k + 1) % lans;
            int a = 0x6440_0000 + 4 * k + 1; // 100.64.0.0 + 4k + 1
            lab.link(routers[k], "next", MacAddress.of(0x0a42_0000_0000L | a), Ipv4Address.of(a) + "/30",
                    routers[next], "prev", MacAddress.of(0x0a42_0000_0000L | (a + 1)), Ipv4Address.of(a + 1) + "/30");
            lab.route(routers[k], lanText(next), Ipv4Address.of(a + 1));
            if (links > 1 || lans == 2) {
                lab.route(routers[next], lanText(k), Ipv4Address.of(a));
            }
        }
        return lab;
    }

    private static int lanBase(int l) {
        return 0x0a00_0000 | (l << 12);
    }

    private static String lanText(int l) {
        return Ipv4Address.of(lanBase(l)) + "/20";
    }

    public static Result run(int hosts, long seed) {
        return run(hosts, seed, null);
    }

    /** The one-LAN workload; with {@code pcapDir}, every host's eth0 is captured to DIR/NAME.pcap. */
    public static Result run(int hosts, long seed, Path pcapDir) {
        long before = usedHeapAfterGc();
        long build0 = System.nanoTime();
        Lab lab = build(hosts, seed);
        long buildNanos = System.nanoTime() - build0;
        long after = usedHeapAfterGc();
        List<String> names = new ArrayList<>(hosts);
        List<String> targets = new ArrayList<>(hosts);
        for (int i = 0; i < hosts; i++) {
            names.add("h" + i);
            targets.add("10.0.0.1");
        }
        return measure(lab, names, targets, (after - before) / hosts, pcapDir, buildNanos, DEFAULT_SPREAD);
    }

    public static Result runRouted(int lans, int hostsPerLan, long seed, Path pcapDir) {
        return runRouted(lans, hostsPerLan, seed, pcapDir, 0, DEFAULT_SPREAD);
    }

    /** Pings start spread evenly over this much virtual time (ns). */
    public static final long DEFAULT_SPREAD = 1_000_000_000L;

    /**
     * The routed workload: every host resolves its gateway and pings the host of the same number in the next LAN;
     * the starts go round the LANs (host i of every LAN, then host i + 1), so every LAN is busy all along. With
     * {@code threads} &gt; 0 the lab runs partitioned (a LAN with its router each) on that many threads. The starts
     * are spread evenly over {@code spreadNanos}.
     */
    public static Result runRouted(int lans, int hostsPerLan, long seed, Path pcapDir, int threads, long spreadNanos) {
        long before = usedHeapAfterGc();
        long build0 = System.nanoTime();
        Lab lab = buildRouted(lans, hostsPerLan, seed);
        long buildNanos = System.nanoTime() - build0;
        long after = usedHeapAfterGc();
        int hosts = lans * hostsPerLan;
        List<String> names = new ArrayList<>(hosts);
        List<String> targets = new ArrayList<>(hosts);
        for (int i = 0; i < hostsPerLan; i++) {
            for (int l = 0; l < lans; l++) {
                names.add("l" + l + "h" + i);
                int peer = lans == 1 ? lanBase(0) + 1 : lanBase((l + 1) % lans) + 2 + i;
                targets.add(Ipv4Address.of(peer).toString());
            }
        }
        try {
            if (threads > 0) {
                lab.partition(threads);
            }
            return measure(lab, names, targets, (after - before) / hosts, pcapDir, buildNanos, spreadNanos);
        } finally {
            lab.close();
        }
    }

    private static Result measure(Lab lab, List<String> names, List<String> targets, long idlePerHost, Path pcapDir,
                                  long buildNanos, long spreadNanos) {
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
        ToolContext[] pings = new ToolContext[hosts];
        long spread = spreadNanos / hosts;
        for (int i = 0; i < hosts; i++) {
            int k = i;
            String name = names.get(i);
            List<String> cmd = List.of("ping", "-c1", targets.get(i));
            // the pid from the host's place, not from whichever partition starts its ping first
            lab.network().at(lab.network().node(name), i * spread, t -> pings[k] = lab.start(name, cmd, sink, sink, 100 + k));
        }
        long events0 = lab.network().eventsFired();
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        lab.runFor(10_000_000_000L); // pings, replies, and the DELAY→PROBE rounds 5 s later
        for (PcapCapture c : captures) {
            c.close();
        }
        long wall = System.nanoTime() - wall0;
        long cpu = processCpuNanos() - cpu0;
        int ok = 0;
        for (ToolContext c : pings) {
            if (c != null && c.finished() && c.exitCode() == 0) {
                ok++;
            }
        }
        return new Result(hosts, lab.now(), wall, lab.network().deliveries(),
                lab.network().eventsFired() - events0, peakHeap(), idlePerHost, ok, cpu,
                lab.network().partitions(), lab.network().windows(), lab.network().crossings(), buildNanos,
                lab.network().eventSpeedupBound());
    }

    /** CPU time of the whole process (every thread, the collector's too), or 0 where the JVM does not say. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
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
