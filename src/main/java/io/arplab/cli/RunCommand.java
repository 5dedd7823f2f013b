package io.arplab.cli;

import io.arplab.lab.Duration;
import io.arplab.lab.LabConsole;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arplab run TOPOLOGY --script FILE | -c 'LINE; LINE'}: a scenario in virtual time, as fast as the CPU allows. */
@Command(name = "run", description = "Load a lab and run a scenario in virtual time: each line as a person would type it.",
        footer = {"", "Script lines: '<node> <command ...>' (e.g. 'node1 ping -c3 node3'), 'sleep 15', 'wait', 'time',",
            "'nodes', 'net', '# comments'; 'CMD &' runs in the background until 'wait' or the script's end (then it is",
            "interrupted, as by Ctrl-C). Same topology, script and seed: byte-identical output and pcaps."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    LabOptions lab;

    static final class Script {
        @Option(names = "--script", paramLabel = "FILE", description = "the scenario, one line per command")
        Path file;

        @Option(names = "-c", paramLabel = "LINES", description = "the scenario inline, lines separated by ';'")
        String inline;
    }

    @ArgGroup(exclusive = true)
    Script script;

    @Option(names = "--until", paramLabel = "TIME",
            description = "after the script, let the lab run until this virtual time (e.g. 60, 90s, 2m)")
    String until;

    @Option(names = "--report", paramLabel = "FILE",
            description = "write an HTML report of the run to FILE: topology, packet ladder, neighbour states, tables")
    Path report;

    @Option(names = "--report-filter", paramLabel = "EXPRESSION",
            description = "only frames matching this pcap-filter expression in the report's ladder (e.g. 'arp or icmp')")
    String reportFilter;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> lines = new ArrayList<>();
        String source;
        if (script != null && script.file != null) {
            source = script.file.toString();
            try {
                lines.addAll(Files.readAllLines(script.file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UsageException(script.file + ": cannot read: " + e.getMessage());
            }
        } else if (script != null && script.inline != null) {
            source = "-c line";
            for (String l : script.inline.split(";")) {
                lines.add(l);
            }
        } else {
            source = null;
        }
        long untilNanos = -1;
        if (until != null) {
            try {
                untilNanos = Duration.parse(until);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--until: " + e.getMessage());
            }
        }
        io.arplab.wire.filter.PacketFilter filter = ReportCommand.filter(reportFilter);
        try (LabSession session = new LabSession(lab, err, report != null)) {
            LabConsole console = new LabConsole(session.lab, out, err, session::flush);
            Progress progress = System.console() != null ? new Progress(err) : null;
            if (progress != null) {
                session.lab.setProgress(progress::virtualTime);
            }
            int n = 0;
            for (String line : lines) {
                n++;
                try {
                    if (!console.execute(line)) {
                        break;
                    }
                } catch (LabConsole.LineException | IllegalArgumentException e) {
                    out.flush();
                    throw new UsageException(source + (source.equals("-c line") ? " " : ":") + n + ": " + e.getMessage(), 2,
                            true);
                }
            }
            // like a shell script ending: background jobs still running are interrupted (use 'wait' to wait)
            if (untilNanos > session.lab.now()) {
                session.lab.runFor(untilNanos - session.lab.now());
            }
            console.close();
            if (report != null) {
                ReportCommand.write(report, io.arplab.report.HtmlReport.render(
                        io.arplab.report.LabGraph.of(session.lab, session.topology), session.recorder.recording(), filter));
            }
            if (progress != null) {
                progress.clear();
            }
        }
        out.flush();
        return 0;
    }

    /** A progress line on a terminal's stderr for long runs: the virtual time reached, at most twice a second. */
    static final class Progress {
        private final PrintWriter err;
        private final long started = System.nanoTime();
        private long lastShown;
        private boolean shown;

        Progress(PrintWriter err) {
            this.err = err;
        }

        void virtualTime(long virtualNanos) {
            long wall = System.nanoTime();
            if (wall - started < 1_000_000_000L || wall - lastShown < 500_000_000L) {
                return;
            }
            lastShown = wall;
            shown = true;
            err.print("\r\u001b[Karplab: virtual time " + Duration.seconds(virtualNanos) + " s ...");
            err.flush();
        }

        void clear() {
            if (shown) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }
    }
}
