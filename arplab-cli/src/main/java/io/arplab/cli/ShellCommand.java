package io.arplab.cli;

import io.arplab.lab.Duration;
import io.arplab.lab.LabConsole;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code arplab shell TOPOLOGY}: Mininet-style interactive lab, as a terminal behaves: Ctrl-C interrupts the running
 * command (not arplab), Ctrl-D or {@code exit} leaves, a command's virtual time follows the wall clock; time stands
 * still at the prompt.
 */
@Command(name = "shell", mixinStandardHelpOptions = true, description = "Load a lab and type commands at it: '<node> <command>', nodes, net, links, dump, pingall, sleep, time, jobs, help [TOOL], exit;"
        + " 'report FILE' writes the HTML report of everything so far.")
public final class ShellCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    LabOptions lab;

    @Option(names = "--fast", description = "run commands as fast as the CPU allows instead of at the wall clock's pace"
            + " (a command that does not end by itself is then interrupted after an hour of virtual time)")
    boolean fast;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (System.console() == null) {
            return piped(err);
        }
        java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.OFF);
        try (LabSession session = new LabSession(lab, err, true); Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            PrintWriter out = terminal.writer();
            LabConsole console = session.console(out, out);
            console.setInteractive(fast);
            // Ctrl-C while a command runs: SIGINT to the command, as a terminal's foreground process group gets it
            terminal.handle(Terminal.Signal.INT, s -> session.lab.requestInterrupt());
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("arplab")
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".arplab_history"))
                    .completer(new ShellCompleter(session.lab, console))
                    .build();
            out.println(session.banner(lab.topology));
            for (;;) {
                String line;
                try {
                    line = reader.readLine(prompt(session));
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt clears the line
                } catch (EndOfFileException e) {
                    break;
                }
                session.lab.clearInterrupt();
                if (!runLine(console, session, line, out)) {
                    break;
                }
            }
            console.close();
        }
        return 0;
    }

    /** Standard input is a file or a pipe: lines as a script reads them (bounded, no binary), with prompts. */
    private int piped(PrintWriter err) {
        PrintWriter out = spec.commandLine().getOut();
        try (LabSession session = new LabSession(lab, err, true);
             ScriptReader in = new ScriptReader(new BufferedInputStream(System.in, 1 << 16))) {
            LabConsole console = session.console(out, out);
            console.setInteractive(fast);
            out.println(session.banner(lab.topology));
            for (;;) {
                out.print(prompt(session));
                out.flush();
                String line;
                try {
                    line = in.next();
                } catch (ScriptReader.BadInput e) {
                    out.println();
                    console.close();
                    throw new UsageException("stdin:" + in.lineNumber() + ": " + e.getMessage(), 2, true);
                }
                if (line == null || !runLine(console, session, line, out)) {
                    break;
                }
            }
            console.close();
        } catch (IOException e) {
            throw new UsageException("stdin: " + e.getMessage());
        }
        return 0;
    }

    private static boolean runLine(LabConsole console, LabSession session, String line, PrintWriter out) {
        if (report(session, line, out)) {
            return true;
        }
        boolean go = true;
        try {
            go = console.execute(line);
        } catch (LabConsole.LineException | IllegalArgumentException e) {
            out.println(e.getMessage());
        }
        session.flush();
        out.flush();
        return go;
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

    private static String prompt(LabSession session) {
        return "arplab [" + Duration.seconds(session.lab.now()) + "s]> ";
    }
}
