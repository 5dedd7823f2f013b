package io.arplab.report;

import io.arplab.lab.Lab;
import io.arplab.lab.LabConsole;
import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** The seed's hands-on (node1 pings node3, then ten quiet seconds), recorded for the report; and other labs' runs. */
final class SeedRun {
    static final Path LAB = Path.of("examples/arp-lab/docker-compose.yml");

    /** A lab file run with its commands, as the report sees it, and what the commands printed. */
    record Run(LabGraph graph, Recording recording, String output) {
        String html() {
            return HtmlReport.render(graph, recording, null);
        }
    }

    private SeedRun() {}

    static String html() {
        return run(LAB, "node1 ping -c3 node3", "sleep 10").html();
    }

    /** Builds the lab of {@code file} (seed 1), captures every host interface, and runs {@code commands}. */
    static Run run(Path file, String... commands) {
        TopologyLoader.Loaded loaded = TopologyLoader.load(file);
        Lab lab = TopologyBuilder.build(loaded.topology(), 1, Lab.DEFAULT_EPOCH);
        RunRecorder rec = RunRecorder.attach(lab, null);
        rec.captureRest();
        StringWriter out = new StringWriter();
        PrintWriter sink = new PrintWriter(out);
        LabConsole console = new LabConsole(lab, sink, sink, () -> { });
        for (String c : commands) {
            console.execute(c);
        }
        console.close();
        sink.flush();
        return new Run(LabGraph.of(lab, loaded.topology()), rec.recording(), out.toString());
    }
}
