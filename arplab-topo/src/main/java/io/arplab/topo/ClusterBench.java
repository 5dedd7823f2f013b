package io.arplab.topo;

import io.arplab.device.OvsBridge;
import io.arplab.flow.Ofproto;
import io.arplab.lab.Cidr;
import io.arplab.lab.Lab;
import io.arplab.tools.ToolContext;
import io.arplab.wire.Ipv4Address;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code arplab bench --cluster N,P}: N nodes (10.79.1.0/24, pod CIDRs 10.222.i.0/24) with P pods each; every pod
 * pings, at once, the pod of the same index on each other node (ping -c1): the wall time, the frames through the
 * tunnels, the megaflows each node's datapath ends with, the peak heap.
 */
public final class ClusterBench {
    public record Result(int nodes, int podsPerNode, int pings, int answered, long wallNanos, long tunnelFrames,
                         List<Integer> megaflowsPerNode, long peakHeapBytes) {
        public double tunnelFramesPerSecond() {
            return tunnelFrames / (wallNanos / 1e9);
        }
    }

    private ClusterBench() {}

    public static Result run(int nodes, int podsPerNode, long seed, LongSupplier clock) {
        if (nodes < 2 || nodes > 250 || podsPerNode < 1 || podsPerNode > 253) {
            throw new IllegalArgumentException("--cluster N,P: 2..250 nodes of 1..253 pods");
        }
        List<Cluster.Node> ns = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            List<String> pods = new ArrayList<>();
            for (int j = 0; j < podsPerNode; j++) {
                pods.add("n" + i + "p" + j);
            }
            ns.add(new Cluster.Node("node" + i, Ipv4Address.of(10, 79, 1, 1 + i), Cidr.parse("10.222." + i + ".0/24"),
                    pods));
        }
        Topology t = new Topology("cluster-bench", null, List.of(), List.of(), Map.of(), Lab.Kernel.PER_HOST,
                new Cluster(Cidr.parse("10.79.1.0/24"), "underlay", Cidr.parse("10.96.0.0/12"), ns));
        resetPeaks();
        long start = clock.getAsLong();
        int pings = 0, answered = 0;
        try (Lab lab = TopologyBuilder.build(t, seed)) {
            List<ToolContext> jobs = new ArrayList<>();
            PrintWriter sink = new PrintWriter(new StringWriter());
            for (int i = 0; i < nodes; i++) {
                for (int j = 0; j < podsPerNode; j++) {
                    for (int k = 0; k < nodes; k++) {
                        if (k != i) {
                            jobs.add(lab.start("n" + i + "p" + j, List.of("ping", "-c1", "-q", "n" + k + "p" + j), sink,
                                    sink));
                        }
                    }
                }
            }
            for (ToolContext c : jobs) {
                lab.await(c);
                pings++;
                answered += c.exitCode() == 0 ? 1 : 0;
            }
            long wall = clock.getAsLong() - start;
            long tunnel = 0;
            List<Integer> megaflows = new ArrayList<>();
            for (OvsBridge b : lab.ovsBridges().values()) {
                for (Ofproto.Port p : b.ofproto().ports()) {
                    if (p.isTunnel()) {
                        tunnel += p.txPackets;
                    }
                }
                megaflows.add(b.ofproto().datapath.flows().size());
            }
            return new Result(nodes, podsPerNode, pings, answered, wall, tunnel, megaflows, peakHeap());
        }
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
