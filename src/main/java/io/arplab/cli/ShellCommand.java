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
@Command(name = "shell", mixinStandardHelpOptions = true, description = "Load a lab and type commands at it: '<node> <command>', nodes, net, sleep, time, help, exit.")
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
        try (LabSession session = new LabSession(lab, err); Terminal terminal = tb.build()) {
            PrintWriter out = terminal.writer();
            LabConsole console = new LabConsole(session.lab, out, out, session::flush);
            List<String> first = new ArrayList<>(console.nodeNames());
            first.addAll(List.of("nodes", "net", "sleep", "run-for", "time", "wait", "help", "exit"));
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
                    if (!console.execute(line)) {
                        break;
                    }
                } catch (LabConsole.LineException | IllegalArgumentException e) {
                    out.println(e.getMessage());
                }
                session.flush();
                out.flush();
            }
            console.close();
        }
        return 0;
    }
}
