package io.arplab.lab;

import io.arplab.device.Host;
import io.arplab.sim.Network;
import io.arplab.sim.NetworkNode;
import io.arplab.tools.CommandLineSplitter;
import io.arplab.tools.ToolContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Interprets the lines a person types at a lab, in scripts and in the shell: {@code node1 ping -c3 node3},
 * {@code sleep 15}, {@code nodes}, {@code net}, {@code time}, {@code wait}, comments. Commands run in virtual time:
 * a ping -c3 takes two virtual seconds; between lines the clock stands still unless told to move.
 */
public final class LabConsole {
    /** A line that cannot be run (unknown node, bad duration ...): the message is one line. */
    public static final class LineException extends RuntimeException {
        public LineException(String message) {
            super(message, null, false, false);
        }
    }

    private final Lab lab;
    private final PrintWriter console;
    private final PrintWriter err;
    private final Runnable beforeCommand;
    private final Jobs jobs = new Jobs();
    private final Orientation orientation;
    /** Where a line's output goes: the console, or the line's pipe or file. */
    private PrintWriter out;
    private boolean interactive;
    private int status;

    /** @param beforeCommand runs before each node command (e.g. flushing capture files so tcpdump can read them) */
    public LabConsole(Lab lab, PrintWriter out, PrintWriter err, Runnable beforeCommand) {
        this.lab = lab;
        this.console = out;
        this.out = out;
        this.err = err;
        this.beforeCommand = beforeCommand;
        this.orientation = new Orientation(lab);
    }

    /**
     * What the lab file calls things: {@code networks} maps a bridge device to its network's name (shown next to
     * it), {@code bridgeHost} is the host owning the bridges (Docker's host), which pingall leaves out.
     */
    public void setNames(java.util.Map<String, String> networks, String bridgeHost) {
        orientation.names(new Orientation.Names(networks, bridgeHost));
    }

    public Lab lab() {
        return lab;
    }

    /**
     * The shell's way: background output appears as produced, marked with its node; jobs report as bash does; a
     * command's time is paced against the wall clock unless {@code fast}.
     */
    public void setInteractive(boolean fast) {
        this.interactive = true;
        if (!fast) {
            lab.setPaced(true, this::flushAll);
        }
    }

    private void flushAll() {
        console.flush();
        err.flush();
    }

    /** The exit status of the last line, as {@code $?}: a node command's, 127 for an unknown command, else 0. */
    public int status() {
        return status;
    }

    /** Runs one line. Returns false when the line asks to leave ({@code exit}). */
    public boolean execute(String rawLine) {
        status = 0;
        String line = stripComment(rawLine).trim();
        if (line.isEmpty()) {
            return true;
        }
        boolean background = endsWithAmpersand(line);
        if (background) {
            line = line.substring(0, line.length() - 1).trim();
        }
        Pipeline.Parsed parsed = Pipeline.parse(line);
        List<String> words = CommandLineSplitter.split(parsed.command());
        if (words.isEmpty()) {
            if (!parsed.plain()) {
                throw new LineException("a command is missing before '" + (parsed.filters().isEmpty() ? ">" : "|") + "'");
            }
            return true;
        }
        String first = words.get(0);
        if (lab.network().node(first) != null || !BUILTINS.contains(first)) {
            nodeCommand(words, parsed, background);
            return true;
        }
        if (background) {
            throw new LineException(first + ": only node commands run in the background, e.g. 'node1 ping node3 &'");
        }
        if (parsed.plain()) {
            return builtin(first, words);
        }
        Writer pipe = output(parsed, null);
        out = new PrintWriter(pipe);
        try {
            return builtin(first, words);
        } finally {
            out.flush();
            out = console;
            close(pipe);
        }
    }

    private static final java.util.Set<String> BUILTINS = java.util.Set.of("exit", "quit", "sleep", "run-for", "time",
            "nodes", "net", "links", "dump", "pingall", "wait", "help", "jobs", "fg", "kill");

    private boolean builtin(String first, List<String> words) {
        switch (first) {
            case "exit", "quit" -> {
                return false;
            }
            case "sleep", "run-for" -> {
                if (words.size() != 2) {
                    throw new LineException(first + ": expected one duration, e.g. '" + first + " 15' or '" + first + " 500ms'");
                }
                long d;
                try {
                    d = Duration.parse(words.get(1));
                } catch (IllegalArgumentException e) {
                    throw new LineException(first + ": " + e.getMessage());
                }
                lab.runFor(d);
                reportJobs();
                return true;
            }
            case "time" -> {
                out.println(Duration.seconds(lab.now()) + " s");
                out.flush();
                return true;
            }
            case "nodes" -> {
                orientation.nodes(out);
                out.flush();
                return true;
            }
            case "net" -> {
                orientation.net(out);
                out.flush();
                return true;
            }
            case "links" -> {
                orientation.links(out);
                out.flush();
                return true;
            }
            case "dump" -> {
                orientation.dump(out);
                out.flush();
                return true;
            }
            case "pingall" -> {
                pingall(words);
                return true;
            }
            case "wait" -> {
                if (words.size() > 1) {
                    for (String spec : words.subList(1, words.size())) {
                        Jobs.Job j = jobs.find(spec, "wait");
                        lab.await(j.ctx());
                        status = j.ctx().exitCode();
                    }
                    reportJobs();
                } else {
                    waitJobs();
                }
                return true;
            }
            case "jobs" -> {
                jobs.list(out);
                out.flush();
                return true;
            }
            case "fg" -> {
                Jobs.Job j = jobs.find(words.size() > 1 ? words.get(1) : null, "fg");
                out.println(j.title());
                out.flush();
                lab.await(j.ctx());
                status = j.ctx().exitCode();
                reportJobs();
                return true;
            }
            case "kill" -> {
                kill(words);
                return true;
            }
            case "help" -> {
                if (words.size() > 1) {
                    toolHelp(words.get(1));
                } else {
                    help();
                }
                return true;
            }
            default -> throw new IllegalStateException(first);
        }
    }

    /** kill [-INT|-2|-TERM|-15] %N: SIGTERM by default (the tool ends at once), SIGINT as Ctrl-C would. */
    private void kill(List<String> words) {
        List<String> args = new ArrayList<>(words.subList(1, words.size()));
        boolean sigint = false;
        if (!args.isEmpty() && args.get(0).startsWith("-")) {
            String sig = args.remove(0).substring(1).toUpperCase(java.util.Locale.ROOT);
            switch (sig) {
                case "INT", "SIGINT", "2" -> sigint = true;
                case "TERM", "SIGTERM", "15" -> sigint = false;
                default -> throw new LineException("kill: " + sig + ": only INT (2) and TERM (15) are delivered in the lab");
            }
        }
        if (args.isEmpty()) {
            throw new LineException("kill: usage: kill [-INT|-TERM] %JOB");
        }
        for (String spec : args) {
            Jobs.Job j = jobs.find(spec, "kill");
            if (sigint) {
                j.ctx().interrupt();
            } else {
                j.ctx().terminate();
            }
        }
        reportJobs();
    }

    /** A trailing unquoted '&' (not '&&'). */
    private static boolean endsWithAmpersand(String line) {
        if (!line.endsWith("&") || line.endsWith("&&")) {
            return false;
        }
        List<String> words = CommandLineSplitter.split(line);
        String last = words.get(words.size() - 1);
        return last.equals("&") || last.endsWith("&") && !line.endsWith("\\&") && !line.endsWith("'&'") && !line.endsWith("\"&\"");
    }

    /** The writer a line's output goes to: through its filters, to the console or its file. */
    private Writer output(Pipeline.Parsed p, ToolContext[] ctx) {
        Writer sink = console;
        if (p.redirect() != null) {
            java.nio.file.Path f = lab.workDir().resolve(p.redirect());
            try {
                sink = p.append()
                        ? java.nio.file.Files.newBufferedWriter(f, java.nio.charset.StandardCharsets.UTF_8,
                                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)
                        : java.nio.file.Files.newBufferedWriter(f, java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
                throw new LineException(p.redirect() + ": cannot write: " + e.getMessage());
            }
        }
        Writer file = p.redirect() != null ? sink : null;
        Writer piped = Pipeline.build(p.filters(), sink, () -> {
            // head has its lines: the command ends as SIGPIPE would end it, at this virtual moment
            if (ctx != null && ctx[0] != null && !ctx[0].finished()) {
                ToolContext c = ctx[0];
                c.at(c.now(), t -> c.interrupt());
            }
        });
        if (file == null) {
            return piped;
        }
        return new java.io.FilterWriter(piped) {
            @Override
            public void close() throws java.io.IOException {
                super.close();
                file.close();
            }
        };
    }

    private static void close(Writer w) {
        try {
            w.close();
        } catch (java.io.IOException e) {
            throw new LineException("cannot write: " + e.getMessage());
        }
    }

    private static String stripComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private void nodeCommand(List<String> words, Pipeline.Parsed parsed, boolean background) {
        String node = words.get(0);
        NetworkNode n = lab.network().node(node);
        String prompt = node;
        if (n == null && node.startsWith("ovs-") && !lab.ovsBridges().isEmpty()) {
            // a node-less ovs-* line runs on the host that owns the OVS bridges, shown as "$ ovs-ofctl ..."
            node = lab.bridgeOwner(lab.ovsBridges().keySet().iterator().next()).name();
            n = lab.network().node(node);
            words = new ArrayList<>(words);
            words.add(0, node);
            prompt = "";
        }
        if (n == null) {
            String near = Suggest.nearest(node, nodeNames());
            throw new LineException("unknown node or command '" + node + "'" + (near != null ? ": did you mean " + near + "?" : "")
                    + " (nodes: " + String.join(" ", nodeNames()) + "; type 'help')");
        }
        if (words.size() < 2) {
            throw new LineException(node + ": which command? e.g. '" + node + " ip neigh'");
        }
        List<String> cmd = new ArrayList<>(words.subList(1, words.size()));
        String title = prompt + "$ " + String.join(" ", cmd);
        byte[] stdin = null;
        if (cmd.get(0).equals("echo") && !parsed.filters().isEmpty()) {
            // NODE echo [-n] WORDS | TOOL ...: echo's line is the tool's standard input
            List<String> tool = parsed.filters().get(0);
            boolean newline = cmd.size() < 2 || !cmd.get(1).equals("-n");
            stdin = (String.join(" ", cmd.subList(newline ? 1 : 2, cmd.size())) + (newline ? "\n" : ""))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            title += " | " + String.join(" ", tool);
            cmd = new ArrayList<>(tool);
            parsed = new Pipeline.Parsed(parsed.command(), parsed.filters().subList(1, parsed.filters().size()),
                    parsed.redirect(), parsed.append());
        }
        beforeCommand.run();
        ToolContext[] started = new ToolContext[1];
        Writer pipe = parsed.plain() ? null : output(parsed, started);
        if (background) {
            int id = jobs.nextId();
            StringWriter o = interactive ? null : new StringWriter();
            StringWriter e = interactive ? null : new StringWriter();
            Writer to = interactive ? Jobs.marked(node, console) : o;
            PrintWriter jobOut = new PrintWriter(pipe != null ? pipe : to);
            PrintWriter jobErr = new PrintWriter(interactive ? Jobs.marked(node, err) : e);
            ToolContext ctx = lab.start(node, cmd, jobOut, jobErr, stdin);
            started[0] = ctx;
            if (interactive) {
                out.println("[" + id + "] " + (ctx != null ? ctx.pid() : 0));
            } else {
                out.println(header(title + " &") + "  [" + id + "]");
            }
            out.flush();
            if (ctx != null) {
                jobs.add(new Jobs.Job(id, node, interactive ? node + " " + String.join(" ", cmd) : title, ctx, o, e, pipe));
            } else if (e != null) {
                err.print(e);
                err.flush();
            }
            return;
        }
        out.println(header(title));
        out.flush();
        PrintWriter toolOut = pipe != null ? new PrintWriter(pipe) : out;
        ToolContext ctx = lab.start(node, cmd, toolOut, err, stdin);
        started[0] = ctx;
        if (ctx != null) {
            lab.await(ctx);
        }
        status = ctx == null ? 127 : ctx.exitCode();
        if (pipe != null) {
            toolOut.flush();
            close(pipe);
        }
        out.flush();
        err.flush();
        reportJobs();
    }

    private String header(String title) {
        return "[" + Duration.seconds(lab.now()) + "] " + title;
    }

    /** Prints background jobs that have ended. */
    private void reportJobs() {
        for (Jobs.Job j : new ArrayList<>(jobs.all())) {
            if (j.ctx().finished()) {
                jobs.remove(j);
                printJob(j);
            }
        }
    }

    private void printJob(Jobs.Job j) {
        if (j.pipe() != null) {
            j.ctx().out().flush();
            close(j.pipe());
        }
        if (interactive) {
            console.println(Jobs.line(j, '+', Jobs.ended(j.ctx())));
            console.flush();
            return;
        }
        out.println(header("[" + j.id() + "] done (exit " + j.ctx().exitCode() + "): " + j.title()));
        out.print(j.out());
        out.flush();
        err.print(j.err());
        err.flush();
    }

    /** Waits for every background job (interrupting those still running at the tool time limit). */
    public void waitJobs() {
        for (Jobs.Job j : new ArrayList<>(jobs.all())) {
            lab.await(j.ctx());
        }
        reportJobs();
    }

    /**
     * Ends the session: background jobs still running are interrupted (Ctrl-C), given the time their SIGINT handler
     * takes (arpspoof re-arps for seconds), and reported.
     */
    public void close() {
        for (Jobs.Job j : new ArrayList<>(jobs.all())) {
            j.ctx().interrupt();
        }
        for (Jobs.Job j : new ArrayList<>(jobs.all())) {
            lab.await(j.ctx());
            printJob(j);
        }
        jobs.all().clear();
    }

    public List<String> nodeNames() {
        List<String> names = new ArrayList<>();
        for (NetworkNode n : lab.network().nodes()) {
            names.add(n.name());
        }
        return names;
    }

    /** pingall [TIMEOUT]: as Mininet's; the line's status is 1 when a ping was lost. */
    private void pingall(List<String> words) {
        int timeout = 1;
        if (words.size() > 2) {
            throw new LineException("pingall: expected at most one timeout in seconds, e.g. 'pingall 2'");
        }
        if (words.size() == 2) {
            try {
                timeout = Integer.parseInt(words.get(1));
            } catch (NumberFormatException e) {
                timeout = -1;
            }
            if (timeout < 1 || timeout > 3600) {
                throw new LineException("pingall: invalid timeout '" + words.get(1) + "': expected whole seconds, 1 to 3600");
            }
        }
        beforeCommand.run();
        status = orientation.pingall(out, timeout) ? 0 : 1;
        out.flush();
        reportJobs();
    }

    /** help TOOL: what the tool prints for its help option, run on the first host (no time passes). */
    private void toolHelp(String tool) {
        String flag = io.arplab.tools.ToolSyntax.of(tool).help();
        if (flag == null) {
            flag = "--help"; // what most tools take
        }
        if (!lab.toolNames().contains(tool)) {
            String near = Suggest.nearest(tool, lab.toolNames());
            throw new LineException("help: no tool '" + tool + "'" + (near != null ? ": did you mean " + near + "?" : "")
                    + " (tools: " + String.join(" ", lab.toolNames()) + ")");
        }
        String host = null;
        for (NetworkNode n : lab.network().nodes()) {
            if (n.device() instanceof Host) {
                host = n.name();
                break;
            }
        }
        if (host == null) {
            throw new LineException("help: the lab has no host to run " + tool + " on");
        }
        Lab.Result r = lab.exec(host, tool + " " + flag);
        out.print(r.stdout());
        out.print(r.stderr());
        out.flush();
    }

    private void help() {
        out.println("<node> <command ...>   run a command on a node, e.g. 'node1 ping -c3 node3' (end with & to run it in the background)");
        out.println("sleep DURATION         let virtual time pass (15, 1.5, 500ms, 2m); also run-for");
        out.println("CMD | grep PAT         filter a command's output: grep, head, tail, wc, sort, uniq, cut; > FILE, >> FILE");
        out.println("jobs, fg %N, kill %N   background commands: list, bring back, end (kill -INT %N: as Ctrl-C)");
        out.println("wait [%N]              wait for background commands");
        out.println("time                   the virtual time");
        out.println("nodes                  hosts and bridges with their interfaces");
        out.println("net                    each node's ports and what they connect to");
        out.println("links                  every link once, with the state of both ends");
        out.println("dump                   per node: interfaces, addresses (ip -br addr) and routes (ip route)");
        out.println("pingall [TIMEOUT]      every host pings every other once (ping -c1 -W TIMEOUT, default 1)");
        out.println("help TOOL              the tool's own usage, as TOOL --help prints it");
        out.println("exit                   leave");
        out.println("commands: " + String.join(" ", lab.toolNames()));
        out.flush();
    }
}
