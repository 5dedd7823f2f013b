package io.arplab.report;

import io.arplab.lab.Lab;
import io.arplab.lab.LabConsole;
import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** The seed's hands-on (node1 pings node3, then ten quiet seconds), recorded for the report. */
final class SeedRun {
    static final Path LAB = Path.of("examples/arp-lab/docker-compose.yml");

    private SeedRun() {}

    static String html() {
        TopologyLoader.Loaded loaded = TopologyLoader.load(LAB);
        Lab lab = TopologyBuilder.build(loaded.topology(), 1, Lab.DEFAULT_EPOCH);
        RunRecorder rec = RunRecorder.attach(lab, null);
        rec.captureRest();
        PrintWriter sink = new PrintWriter(new StringWriter());
        LabConsole console = new LabConsole(lab, sink, sink, () -> { });
        console.execute("node1 ping -c3 node3");
        console.execute("sleep 10");
        console.close();
        return HtmlReport.render(LabGraph.of(lab, loaded.topology()), rec.recording(), null);
    }
}
