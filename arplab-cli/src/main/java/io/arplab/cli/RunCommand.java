package io.arplab.cli;

import io.arplab.lab.Duration;
import io.arplab.lab.LabConsole;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arplab run TOPOLOGY --script FILE | -c 'LINE; LINE'}: a scenario in virtual time, as fast as the CPU allows. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Load a lab and run a scenario in virtual time: each line as a person would type it.",
        footer = {"", "Script lines: '<node> <command ...>' (e.g. 'node1 ping -c3 node3'), 'sleep 15', 'wait', 'time',",
            "'nodes', 'net', '# comments'; 'CMD &' runs in the background until 'wait' or the script's end (then it is",
            "interrupted, as by Ctrl-C). Same topology, script and seed: byte-identical output and pcaps.",
            "", "Exit status: 0 every line succeeded, 1 a command failed, 2 unusable input (option, topology, script line)."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    LabOptions lab;

    static final class Script {
        @Option(names = "--script", paramLabel = "FILE", description = "the scenario, one line per command ('-': standard input)")
        String file;

        @Option(names = "-c", paramLabel = "LINES", description = "the scenario inline, lines separated by ';' (outside quotes)")
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

    @Option(names = "--fail-fast", description = "stop at the first command that fails (exit status 1), as 'set -e' does")
    boolean failFast;

    /**
     * Exit status as a shell script's, made stricter: 0 when every line succeeded, 1 when a command failed (the
     * script goes on unless --fail-fast), 2 for unusable input (a bad option, topology or script line).
     */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long untilNanos = -1;
        if (until != null) {
            try {
                untilNanos = Duration.parse(until);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--until: " + e.getMessage());
            }
        }
        if (script == null && untilNanos < 0) {
            LabSession.checkTopology(lab);
            throw new UsageException("run: no scenario: give --script FILE, --script - (standard input), -c 'LINE; LINE'"
                    + " or --until TIME (try 'arplab run --help')");
        }
        String source;
        ScriptReader reader;
        if (script != null && script.file != null) {
            source = script.file.equals("-") ? "stdin" : script.file;
            InputStream in;
            try {
                in = script.file.equals("-") ? System.in : Files.newInputStream(Path.of(script.file));
            } catch (IOException | java.nio.file.InvalidPathException e) {
                throw new UsageException(script.file + ": cannot read: " + reason(e));
            }
            reader = new ScriptReader(new BufferedInputStream(in, 1 << 16));
        } else if (script != null) {
            source = "-c line";
            reader = null;
        } else {
            source = null;
            reader = null;
        }
        List<String> inline = script != null && script.inline != null ? ScriptReader.splitInline(script.inline) : List.of();
        boolean failed = false;
        io.arplab.wire.filter.PacketFilter filter = ReportCommand.filter(reportFilter);
        try (LabSession session = new LabSession(lab, err, report != null)) {
            LabConsole console = session.console(out, err);
            Progress progress = System.console() != null ? new Progress(err) : null;
            if (progress != null) {
                session.lab.setProgress(progress::virtualTime);
            }
            int n = 0;
            for (;;) {
                String line;
                if (reader != null) {
                    try {
                        line = reader.next();
                    } catch (ScriptReader.BadInput e) {
                        throw located(out, progress, source + ":" + reader.lineNumber() + ": " + e.getMessage());
                    } catch (IOException e) {
                        throw located(out, progress, source + ": cannot read: " + reason(e));
                    }
                } else {
                    line = n < inline.size() ? inline.get(n) : null;
                }
                if (line == null) {
                    break;
                }
                n++;
                try {
                    boolean go = console.execute(line);
                    session.flush();
                    if (console.status() != 0) {
                        failed = true;
                        if (failFast) {
                            if (progress != null) {
                                progress.clear();
                            }
                            out.flush();
                            err.println(where(source, n) + ": exit status " + console.status() + ", stopping (--fail-fast)");
                            break;
                        }
                    }
                    if (!go) {
                        break;
                    }
                } catch (LabConsole.LineException | IllegalArgumentException e) {
                    throw located(out, progress, where(source, n) + ": " + e.getMessage());
                }
            }
            // like a shell script ending: background jobs still running are interrupted (use 'wait' to wait)
            if (untilNanos > session.lab.now() && !(failed && failFast)) {
                session.lab.runFor(untilNanos - session.lab.now());
            }
            console.close();
            if (progress != null) {
                progress.clear();
            }
            if (report != null) {
                ReportCommand.write(report, io.arplab.report.HtmlReport.render(
                        io.arplab.report.LabGraph.of(session.lab, session.topology), session.recorder.recording(), filter));
            }
            session.flush();
            failed |= session.evidenceDamaged();
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (IOException e) {
                    // nothing more to read
                }
            }
        }
        out.flush();
        return failed ? 1 : 0;
    }

    private static String where(String source, int line) {
        return source + (source.equals("-c line") ? " " : ":") + line;
    }

    private static UsageException located(PrintWriter out, Progress progress, String message) {
        out.flush();
        if (progress != null) {
            progress.clear();
        }
        return new UsageException(message, 2, true);
    }

    static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        return e.getMessage();
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
