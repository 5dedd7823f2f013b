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
        CommandLine cl = args.length > 0 && ALONE.containsKey(args[0]) ? alone(args[0]) : new CommandLine(new Main());
        CommandLine tcpdump = cl.getSubcommands().get("tcpdump");
        if (tcpdump != null) {
            TcpdumpCommand.configure(tcpdump);
        }
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

    /** The subcommands a command line may name first, each made alone (picocli reflects on every one it is given). */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> ALONE = java.util.Map.of(
            "run", RunCommand::new, "shell", ShellCommand::new, "live", LiveCommand::new, "tcpdump", TcpdumpCommand::new,
            "bench", BenchCommand::new, "report", ReportCommand::new, "graph", GraphCommand::new,
            "traceflow", TraceflowCommand::new);

    /**
     * {@code arplab NAME ...}: a root named arplab with that one subcommand, which parses, prints usage ("Usage: arplab
     * run ...") and fails exactly as under the full command, without building the other subcommands' models (most of
     * a small lab's start-up CPU went to them). {@code arplab --help}, {@code help} and {@code --version} use the full one.
     */
    private static CommandLine alone(String name) {
        CommandLine root = new CommandLine(CommandLine.Model.CommandSpec.create().name("arplab"));
        root.addSubcommand(name, new CommandLine(ALONE.get(name).get()));
        return root;
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
