package io.arplab.cli;

import io.arplab.lab.Lab;
import io.arplab.report.HtmlReport;
import io.arplab.report.LabGraph;
import io.arplab.report.PcapReading;
import io.arplab.topo.Topology;
import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyException;
import io.arplab.topo.TopologyLoader;
import io.arplab.wire.filter.PacketFilter;
import io.arplab.wire.pcap.PcapFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code arplab report --pcap-dir DIR LAB}: the HTML report of an earlier run, from its captures. */
@Command(name = "report", description = "Write the HTML report of an earlier 'arplab run' from its captures (DIR/<node>.pcap).",
        footer = {"", "Use the run's --seed and --epoch so that the lab's generated names and the capture times agree.",
            "Neighbour states are not in captures: 'arplab run --report FILE' traces them too."})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TOPOLOGY", description = "the run's topology file")
    Path topology;

    @Option(names = "--pcap-dir", defaultValue = "pcaps", paramLabel = "DIR", description = "the run's captures (default ${DEFAULT-VALUE})")
    Path pcapDir;

    @Option(names = {"-o", "--output"}, defaultValue = "report.html", paramLabel = "FILE", description = "default ${DEFAULT-VALUE}")
    Path output;

    @Option(names = "--filter", paramLabel = "EXPRESSION", description = "only frames matching this pcap-filter expression")
    String filter;

    @Option(names = "--seed", defaultValue = "1", description = "the run's seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--epoch", paramLabel = "SECONDS", defaultValue = "1704067200", description = "the run's --epoch (default ${DEFAULT-VALUE})")
    long epochSeconds;

    @Override
    public Integer call() {
        PacketFilter f = filter(filter);
        if (!Files.isDirectory(pcapDir)) {
            throw new UsageException(pcapDir + ": No such directory");
        }
        LabGraph graph = graph(topology, seed);
        try {
            write(output, HtmlReport.render(graph, PcapReading.read(graph, pcapDir, epochSeconds * 1_000_000_000L), f));
        } catch (PcapFormatException e) {
            throw new UsageException(e.getMessage());
        }
        return 0;
    }

    static LabGraph graph(Path file, long seed) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + ": No such file");
        }
        try {
            Topology t = TopologyLoader.load(file).topology();
            try (Lab lab = TopologyBuilder.build(t, seed, Lab.DEFAULT_EPOCH)) {
                return LabGraph.of(lab, t);
            }
        } catch (TopologyException e) {
            throw new UsageException(e.getMessage(), 2, true);
        }
    }

    static PacketFilter filter(String expression) {
        if (expression == null) {
            return null;
        }
        try {
            return PacketFilter.compile(expression);
        } catch (IllegalArgumentException e) {
            throw new UsageException("filter: " + e.getMessage());
        }
    }

    static void write(Path file, String html) {
        try {
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(file + ": cannot write: " + e.getMessage());
        }
    }
}
