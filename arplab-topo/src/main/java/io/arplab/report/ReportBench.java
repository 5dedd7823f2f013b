package io.arplab.report;

import io.arplab.lab.Lab;
import io.arplab.lab.LanBench;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

/** The report of LanBench's run (every host pings the gateway once, then 10 s pass): the load test of the page. */
public final class ReportBench {
    public record Result(String html, int frames, int hops, int entries) {}

    private ReportBench() {}

    public static Result run(int hosts, long seed) {
        Lab lab = LanBench.build(hosts, seed);
        RunRecorder rec = RunRecorder.attach(lab, null);
        rec.captureRest();
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        long spread = 1_000_000_000L / hosts;
        for (int i = 0; i < hosts; i++) {
            String name = "h" + i;
            lab.network().scheduler().at(i * spread, t -> lab.start(name, List.of("ping", "-c1", "10.0.0.1"), sink, sink));
        }
        lab.runFor(10_000_000_000L);
        LabGraph graph = LabGraph.of(lab, null);
        Ladder ladder = Ladder.build(graph, rec.recording(), null);
        return new Result(HtmlReport.render(graph, rec.recording(), null), ladder.frames.size(), ladder.hops.size(),
                ladder.entries.size());
    }
}
