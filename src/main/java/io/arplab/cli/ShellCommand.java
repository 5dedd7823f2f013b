package io.arplab.cli;

import io.arplab.lab.Duration;
import io.arplab.lab.LabConsole;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code arplab shell TOPOLOGY}: Mininet-style interactive lab; time stands still at the prompt. */
@Command(name = "shell", description = "Load a lab and type commands at it: '<node> <command>', nodes, net, sleep, time, help, exit;"
        + " 'report FILE' writes the HTML report of everything so far.")
public final class ShellCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    LabOptions lab;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        // piped input (no terminal) gets a dumb terminal, quietly
        TerminalBuilder tb = TerminalBuilder.builder().system(true).dumb(true);
        java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.OFF);
        try (LabSession session = new LabSession(lab, err, true); Terminal terminal = tb.build()) {
            PrintWriter out = terminal.writer();
            LabConsole console = new LabConsole(session.lab, out, out, session::flush);
            List<String> first = new ArrayList<>(console.nodeNames());
            first.addAll(List.of("nodes", "net", "sleep", "run-for", "time", "wait", "help", "exit", "report"));
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("arplab")
                    .completer(new ArgumentCompleter(new StringsCompleter(first),
                            (r, line, candidates) -> {
                                if (line.wordIndex() == 1 && session.lab.network().node(line.words().get(0)) != null) {
                                    session.lab.toolNames().forEach(t -> candidates.add(new Candidate(t)));
                                }
                            }))
                    .build();
            out.println("arplab shell: " + lab.topology + " (" + console.nodeNames().size()
                    + " nodes). Type 'help'; time stands still at the prompt.");
            for (;;) {
                String line;
                try {
                    line = reader.readLine("arplab [" + Duration.seconds(session.lab.now()) + "s]> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                try {
                    if (report(session, line, out)) {
                        continue;
                    }
                    if (!console.execute(line)) {
                        break;
                    }
                } catch (LabConsole.LineException | IllegalArgumentException e) {
                    out.println(e.getMessage());
                }
                out.flush();
            }
            console.close();
        }
        return 0;
    }

    /** {@code report FILE}: the HTML report of the session so far (unless a node is called "report"). */
    private static boolean report(LabSession session, String line, PrintWriter out) {
        String[] words = line.trim().split("\\s+");
        if (!words[0].equals("report") || session.lab.network().node("report") != null) {
            return false;
        }
        if (words.length != 2) {
            out.println("report: expected one file name, e.g. 'report out.html'");
        } else {
            ReportCommand.write(java.nio.file.Path.of(words[1]), io.arplab.report.HtmlReport.render(
                    io.arplab.report.LabGraph.of(session.lab, session.topology), session.recorder.recording(), null));
            out.println("report: wrote " + words[1]);
        }
        out.flush();
        return true;
    }
}
