package io.arplab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code arplab} command line: one subcommand per job. */
@Command(
        name = "arplab",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Deterministic emulator of ARP-centred L2/L3 networks, faithful to Linux and Open vSwitch.",
        subcommands = {RunCommand.class, ShellCommand.class, LiveCommand.class, TcpdumpCommand.class, BenchCommand.class,
            ReportCommand.class, GraphCommand.class, TraceflowCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit status (used by tests as by main). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        TcpdumpCommand.configure(cl.getSubcommands().get("tcpdump"));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println(ex instanceof UsageException u && u.located() ? u.getMessage() : "arplab: " + oneLine(ex));
            if (System.getenv("ARPLAB_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return ex instanceof UsageException u ? u.exitCode() : ex instanceof IllegalArgumentException ? 2 : 1;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getCommandName() + ": " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return 2;
        });
        int rc = cl.execute(args);
        out.flush();
        err.flush();
        return rc;
    }

    static String oneLine(Throwable ex) {
        String m = ex.getMessage();
        if (ex instanceof UsageException || m != null && ex instanceof IllegalArgumentException) {
            return m;
        }
        return "internal error: " + ex + " (set ARPLAB_DEBUG=1 for the stack trace)";
    }

    /** Version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"arplab " + (v == null ? "dev" : v)};
        }
    }
}
