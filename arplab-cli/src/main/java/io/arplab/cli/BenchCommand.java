package io.arplab.cli;

import io.arplab.lab.LanBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arplab bench}: a whole-network run, timed on the wall clock (not part of the tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = {"Run the N-host single-bridge LAN benchmark: every host pings the gateway once.",
        "With --lans L --hosts-per-lan H: L LANs, each behind its own router, the routers in a ring; every host pings a host in the next LAN.",
        "With --threads T: the routed lab runs as partitions (a LAN with its router each) on T threads, and on 1 thread for the speedup."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--hosts", description = "hosts on the LAN (default 10000; with --report 500)")
    Integer hosts;

    @Option(names = "--lans", paramLabel = "L", description = "instead, L routed LANs behind one router (with --hosts-per-lan)")
    Integer lans;

    @Option(names = "--hosts-per-lan", paramLabel = "H", description = "hosts on each routed LAN (default 100)")
    Integer hostsPerLan;

    @Option(names = "--threads", paramLabel = "T",
            description = "run the routed lab's partitions on T threads, and on one thread for comparison (same output)")
    Integer threads;

    @Option(names = "--spread", paramLabel = "MS", defaultValue = "1000",
            description = "routed workload: the pings start spread evenly over MS milliseconds of virtual time (default ${DEFAULT-VALUE})")
    long spreadMillis;

    @Option(names = "--pcap-dir", paramLabel = "none|DIR", defaultValue = "none",
            description = "capture every host's eth0 to DIR/NAME.pcap (default none)")
    String pcapDir;

    @Option(names = "--report", arity = "0..1", fallbackValue = "bench-report.html", paramLabel = "FILE",
            description = "instead, write the run's HTML report (default file bench-report.html) and time its load in headless Chromium")
    java.nio.file.Path report;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed warm-up runs first (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--fdb-ageing", paramLabel = "MACS", description = "instead: a bridge learns MACS addresses and ages them out")
    int fdbAgeing;

    @Option(names = "--ovs", description = "instead: OVS classification, 10,000 flows over 10 tables (megaflow cache hits and upcalls per second on one core)")
    boolean ovs;

    @Option(names = "--cluster", paramLabel = "N,P", description = "instead: an Antrea cluster of N nodes with P pods"
            + " each, every pod pinging the pod of its index on each other node")
    String cluster;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (cluster != null) {
            String[] np = cluster.split(",");
            int n, p;
            try {
                n = Integer.parseInt(np[0].trim());
                p = np.length == 2 ? Integer.parseInt(np[1].trim()) : -1;
            } catch (NumberFormatException e) {
                throw new UsageException("--cluster " + cluster + ": expected N,P (nodes, pods per node)");
            }
            io.arplab.topo.ClusterBench.Result r;
            try {
                r = io.arplab.topo.ClusterBench.run(n, p, seed, System::nanoTime);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            out.printf("nodes x pods          %d x %d%n", r.nodes(), r.podsPerNode());
            out.printf("pings answered        %d of %d%n", r.answered(), r.pings());
            out.printf("wall time             %.3f s%n", r.wallNanos() / 1e9);
            out.printf("tunnel frames         %d (%.0f /s)%n", r.tunnelFrames(), r.tunnelFramesPerSecond());
            out.printf("megaflows per node    %s%n", r.megaflowsPerNode());
            out.printf("peak heap             %.1f MiB%n", r.peakHeapBytes() / 1048576.0);
            return 0;
        }
        if (ovs) {
            // per core: timed by the CPU time of this thread, so other processes on the machine do not count
            var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            // as JMH does: warm-up rounds first (the JIT recompiles the receive path when the hits' phase follows the
            // upcalls' and settles by the third round), then measured rounds, each figure their median and range
            for (int i = 0; i < 4; i++) {
                io.arplab.flow.ClassifierBench.run(10, 1000, 1000, 0.5, cpu::getCurrentThreadCpuTime);
            }
            var rounds = new java.util.ArrayList<io.arplab.flow.ClassifierBench.Result>();
            for (int i = 0; i < 5; i++) {
                rounds.add(io.arplab.flow.ClassifierBench.run(10, 1000, 1000, 1, cpu::getCurrentThreadCpuTime));
            }
            var r = rounds.get(0);
            out.printf("flows                 %d in 10 tables%n", r.flows());
            out.printf("megaflows             %d%n", r.megaflows());
            out.printf("cached lookups        %s M per CPU second%n",
                    spread(rounds, x -> x.cachedPerSecond() / 1e6, "%.2f"));
            out.printf("upcalls (slow path)   %s per CPU second%n", spread(rounds, x -> x.upcallsPerSecond(), "%.0f"));
            out.printf("megaflow hits         %s packets per CPU second%n",
                    spread(rounds, x -> x.hitsPerSecond(), "%.0f"));
            out.printf("masks per packet      %.2f%n", r.masksPerPacket());
            out.printf("bytes per megaflow    %d%n", r.bytesPerMegaflow());
            return 0;
        }
        if (report != null) {
            return ReportLoad.measure(hosts == null ? 500 : hosts, seed, report, out);
        }
        if (fdbAgeing > 0) {
            io.arplab.lab.FdbAgeingBench.run(Math.min(fdbAgeing, 20_000));
            var r = io.arplab.lab.FdbAgeingBench.run(fdbAgeing);
            out.printf("learned               %d%n", r.learned());
            out.printf("left after ageing     %d%n", r.left());
            out.printf("ageing runs           %d%n", r.ageingRuns());
            out.printf("wall time             %.3f s%n", r.wallNanos() / 1e9);
            return 0;
        }
        java.nio.file.Path dir = pcapDir.equals("none") ? null : java.nio.file.Path.of(pcapDir);
        LanBench.Result r;
        if (threads != null && (threads < 1 || threads > 256)) {
            throw new UsageException("bench: --threads must be 1..256, not " + threads);
        }
        if (threads != null && lans == null && hostsPerLan == null) {
            throw new UsageException("bench: --threads needs --lans L --hosts-per-lan H (one LAN is one partition)");
        }
        if (spreadMillis < 0 || spreadMillis > 3_600_000) {
            throw new UsageException("bench: --spread must be 0..3600000 ms, not " + spreadMillis);
        }
        long spread = spreadMillis * 1_000_000L;
        if (lans != null || hostsPerLan != null) {
            int l = lans == null ? 10 : lans;
            int h = hostsPerLan == null ? 100 : hostsPerLan;
            for (int i = 0; i < warmup; i++) {
                LanBench.runRouted(Math.min(l, 20), Math.min(h, 100), seed, null, threads == null ? 0 : threads, spread);
            }
            out.printf("lans x hosts per lan  %d x %d%n", l, h);
            if (threads != null) {
                LanBench.Result one = LanBench.runRouted(l, h, seed, dir, 1, spread);
                r = threads == 1 ? one : LanBench.runRouted(l, h, seed, dir, threads, spread);
                print(out, r);
                out.printf("threads               %d (partitions: a LAN with its router each)%n", threads);
                out.printf("one thread            %.3f s wall, %.3f s CPU%n", one.wallNanos() / 1e9, one.cpuNanos() / 1e9);
                out.printf("%-21s %.3f s wall, %.3f s CPU%n", threads + " threads", r.wallNanos() / 1e9, r.cpuNanos() / 1e9);
                out.printf("speedup               %.2fx wall (efficiency %.0f%%), %.2fx CPU time%n",
                        (double) one.wallNanos() / r.wallNanos(), 100.0 * one.wallNanos() / r.wallNanos() / threads,
                        (double) one.cpuNanos() / r.cpuNanos());
                out.printf("window parallelism    %.2fx on %d threads (work / busiest thread's work, window by window)%n",
                        r.eventSpeedupBound(), threads);
                boolean same = one.deliveries() == r.deliveries() && one.events() == r.events()
                        && one.pingsOk() == r.pingsOk();
                out.printf("same run              %s%n", same ? "yes (deliveries, events, answers)" : "NO");
                return same ? 0 : 1;
            }
            r = LanBench.runRouted(l, h, seed, dir, 0, spread);
        } else {
            int hosts = this.hosts == null ? 10000 : this.hosts;
            for (int i = 0; i < warmup; i++) {
                LanBench.run(Math.min(hosts, 2000), seed);
            }
            r = LanBench.run(hosts, seed, dir);
        }
        print(out, r);
        return 0;
    }

    private void print(java.io.PrintWriter out, LanBench.Result r) {
        java.nio.file.Path dir = pcapDir.equals("none") ? null : java.nio.file.Path.of(pcapDir);
        out.printf("hosts                 %d%n", r.hosts());
        out.printf("build                 %.3f s%n", r.buildNanos() / 1e9);
        out.printf("pings answered        %d%n", r.pingsOk());
        out.printf("virtual time          %.3f s%n", r.virtualNanos() / 1e9);
        out.printf("wall time             %.3f s%n", r.wallNanos() / 1e9);
        out.printf("frame deliveries      %d (%.2f M/s)%n", r.deliveries(), r.deliveriesPerSecond() / 1e6);
        out.printf("events                %d (%.2f M/s)%n", r.events(), r.eventsPerSecond() / 1e6);
        out.printf("peak heap             %.1f MiB%n", r.peakHeapBytes() / 1048576.0);
        out.printf("idle host             %d bytes%n", r.idleBytesPerHost());
        out.printf("peak heap per host    %d bytes%n", r.peakHeapBytes() / r.hosts());
        out.printf("CPU time              %.3f s (all threads, GC included)%n", r.cpuNanos() / 1e9);
        out.printf("captures              %s%n", dir == null ? "none" : dir.toString());
        if (r.partitions() > 1) {
            out.printf("partitions            %d, %d windows, %d frames across the cut%n", r.partitions(), r.windows(),
                    r.crossings());
        }
    }

    // the median of the rounds' figures, then their range: "940000 (5 rounds: 921000-962000)"
    private static String spread(java.util.List<io.arplab.flow.ClassifierBench.Result> rounds,
            java.util.function.ToDoubleFunction<io.arplab.flow.ClassifierBench.Result> f, String format) {
        double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
        return String.format(format + " (%d rounds: " + format + "-" + format + ")", v[v.length / 2], v.length, v[0],
                v[v.length - 1]);
    }
}
