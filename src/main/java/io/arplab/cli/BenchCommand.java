package io.arplab.cli;

import io.arplab.lab.LanBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arplab bench}: a whole-network run, timed on the wall clock (not part of the tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = {"Run the N-host single-bridge LAN benchmark: every host pings the gateway once.",
        "With --lans L --hosts-per-lan H: L LANs behind one router, every host pings a host in the next LAN."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--hosts", description = "hosts on the LAN (default 10000; with --report 500)")
    Integer hosts;

    @Option(names = "--lans", paramLabel = "L", description = "instead, L routed LANs behind one router (with --hosts-per-lan)")
    Integer lans;

    @Option(names = "--hosts-per-lan", paramLabel = "H", description = "hosts on each routed LAN (default 100)")
    Integer hostsPerLan;

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

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (ovs) {
            // per core: timed by the CPU time of this thread, so other processes on the machine do not count
            var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            io.arplab.flow.ClassifierBench.run(10, 1000, 1000, 1, cpu::getCurrentThreadCpuTime); // warm-up
            var r = io.arplab.flow.ClassifierBench.run(10, 1000, 1000, 3, cpu::getCurrentThreadCpuTime);
            out.printf("flows                 %d in 10 tables%n", r.flows());
            out.printf("megaflows             %d%n", r.megaflows());
            out.printf("cached lookups        %.2f M per CPU second%n", r.cachedPerSecond() / 1e6);
            out.printf("upcalls (slow path)   %.0f per CPU second%n", r.upcallsPerSecond());
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
        if (lans != null || hostsPerLan != null) {
            int l = lans == null ? 10 : lans;
            int h = hostsPerLan == null ? 100 : hostsPerLan;
            for (int i = 0; i < warmup; i++) {
                LanBench.runRouted(Math.min(l, 20), Math.min(h, 100), seed, null);
            }
            r = LanBench.runRouted(l, h, seed, dir);
            out.printf("lans x hosts per lan  %d x %d%n", l, h);
        } else {
            int hosts = this.hosts == null ? 10000 : this.hosts;
            for (int i = 0; i < warmup; i++) {
                LanBench.run(Math.min(hosts, 2000), seed);
            }
            r = LanBench.run(hosts, seed, dir);
        }
        out.printf("hosts                 %d%n", r.hosts());
        out.printf("pings answered        %d%n", r.pingsOk());
        out.printf("virtual time          %.3f s%n", r.virtualNanos() / 1e9);
        out.printf("wall time             %.3f s%n", r.wallNanos() / 1e9);
        out.printf("frame deliveries      %d (%.2f M/s)%n", r.deliveries(), r.deliveriesPerSecond() / 1e6);
        out.printf("events                %d (%.2f M/s)%n", r.events(), r.eventsPerSecond() / 1e6);
        out.printf("peak heap             %.1f MiB%n", r.peakHeapBytes() / 1048576.0);
        out.printf("idle host             %d bytes%n", r.idleBytesPerHost());
        out.printf("captures              %s%n", dir == null ? "none" : dir.toString());
        return 0;
    }
}
