package io.arplab.lab;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.stack.NeighbourTable;
import io.arplab.tools.ToolContext;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole-network benchmark: one bridge, a gateway on it and N hosts in 10.0.0.0/8, each pinging the gateway once
 * (starts spread over the first second). Measures frame deliveries and events per second of wall time, the peak
 * heap, and the heap an idle host costs.
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

    public static Result run(int hosts, long seed) {
        long before = usedHeapAfterGc();
        Lab lab = build(hosts, seed);
        long after = usedHeapAfterGc();
        long idlePerHost = (after - before) / hosts;
        resetPeaks();
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        List<ToolContext> pings = new ArrayList<>(hosts);
        long spread = 1_000_000_000L / hosts;
        for (int i = 0; i < hosts; i++) {
            String name = "h" + i;
            lab.network().scheduler().at(i * spread, t -> pings.add(lab.start(name, List.of("ping", "-c1", "10.0.0.1"), sink, sink)));
        }
        long events0 = lab.network().scheduler().eventsFired();
        long wall0 = System.nanoTime();
        lab.runFor(10_000_000_000L); // pings, replies, and the gateway's DELAY→PROBE round 5 s later
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
