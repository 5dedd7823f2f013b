package io.arplab.lab;

import io.arplab.device.Device;
import io.arplab.device.Host;
import io.arplab.device.Switch;
import io.arplab.sim.Network;
import io.arplab.stack.NetDevice;
import io.arplab.tools.CommandLineSplitter;
import io.arplab.tools.ToolContext;
import java.io.PrintWriter;
import java.io.StringWriter;
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
    private final PrintWriter out;
    private final PrintWriter err;
    private final Runnable beforeCommand;
    private final List<Job> jobs = new ArrayList<>();
    private int nextJob = 1;

    private record Job(int id, String title, ToolContext ctx, StringWriter out, StringWriter err) {}

    /** @param beforeCommand runs before each node command (e.g. flushing capture files so tcpdump can read them) */
    public LabConsole(Lab lab, PrintWriter out, PrintWriter err, Runnable beforeCommand) {
        this.lab = lab;
        this.out = out;
        this.err = err;
        this.beforeCommand = beforeCommand;
    }

    public Lab lab() {
        return lab;
    }

    /** Runs one line. Returns false when the line asks to leave ({@code exit}). */
    public boolean execute(String rawLine) {
        String line = stripComment(rawLine).trim();
        if (line.isEmpty()) {
            return true;
        }
        List<String> words = CommandLineSplitter.split(line);
        if (words.isEmpty()) {
            return true;
        }
        String first = words.get(0);
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
                nodes();
                return true;
            }
            case "net" -> {
                net();
                return true;
            }
            case "wait" -> {
                waitJobs();
                return true;
            }
            case "help" -> {
                help();
                return true;
            }
            default -> {
                nodeCommand(words, line);
                return true;
            }
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

    private void nodeCommand(List<String> words, String line) {
        String node = words.get(0);
        Network.Node n = lab.network().node(node);
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
            throw new LineException("unknown node or command '" + node + "' (nodes: " + String.join(" ", nodeNames())
                    + "; type 'help')");
        }
        if (words.size() < 2) {
            throw new LineException(node + ": which command? e.g. '" + node + " ip neigh'");
        }
        boolean background = words.get(words.size() - 1).equals("&");
        List<String> cmd = new ArrayList<>(words.subList(1, background ? words.size() - 1 : words.size()));
        if (cmd.isEmpty()) {
            throw new LineException(node + ": which command?");
        }
        String title = prompt + "$ " + String.join(" ", cmd);
        beforeCommand.run();
        if (background) {
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            ToolContext ctx = lab.start(node, cmd, new PrintWriter(o), new PrintWriter(e));
            int id = nextJob++;
            out.println(header(title + " &") + "  [" + id + "]");
            out.flush();
            if (ctx != null) {
                jobs.add(new Job(id, title, ctx, o, e));
            } else {
                err.print(e);
                err.flush();
            }
            return;
        }
        out.println(header(title));
        out.flush();
        ToolContext ctx = lab.start(node, cmd, out, err);
        if (ctx != null) {
            lab.await(ctx);
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
        for (var it = jobs.iterator(); it.hasNext(); ) {
            Job j = it.next();
            if (j.ctx().finished()) {
                it.remove();
                printJob(j);
            }
        }
    }

    private void printJob(Job j) {
        out.println(header("[" + j.id() + "] done (exit " + j.ctx().exitCode() + "): " + j.title()));
        out.print(j.out());
        out.flush();
        err.print(j.err());
        err.flush();
    }

    /** Waits for every background job (interrupting those still running at the tool time limit). */
    public void waitJobs() {
        for (Job j : new ArrayList<>(jobs)) {
            lab.await(j.ctx());
        }
        reportJobs();
    }

    /** Ends the session: background jobs still running are interrupted (Ctrl-C) and reported. */
    public void close() {
        for (Job j : jobs) {
            j.ctx().interrupt();
            printJob(j);
        }
        jobs.clear();
    }

    public List<String> nodeNames() {
        List<String> names = new ArrayList<>();
        for (Network.Node n : lab.network().nodes()) {
            names.add(n.name());
        }
        return names;
    }

    private void nodes() {
        for (Network.Node n : lab.network().nodes()) {
            Device d = n.device();
            String kind = d instanceof Switch sw ? sw.kind() : d instanceof Host ? "host" : "tap (to the kernel)";
            StringBuilder s = new StringBuilder(n.name()).append("  ").append(kind);
            if (d instanceof Host h) {
                for (NetDevice dev : h.stack().devices()) {
                    if (!dev.loopback) {
                        s.append("  ").append(dev.name);
                        for (NetDevice.Address a : dev.addresses) {
                            s.append(' ').append(a.address()).append('/').append(a.prefixLength());
                        }
                    }
                }
            }
            out.println(s);
        }
        out.flush();
    }

    /** Mininet's "net": each node's ports and what they connect to. */
    private void net() {
        for (Network.Node n : lab.network().nodes()) {
            StringBuilder s = new StringBuilder(n.name());
            Device d = n.device();
            for (int p = 0; p < d.portCount(); p++) {
                Network.Node peer = n.peer(p);
                s.append(' ').append(d.portName(p)).append(':');
                s.append(peer == null ? "-" : peer.name() + "-" + peer.device().portName(n.peerPort(p)));
            }
            out.println(s);
        }
        out.flush();
    }

    private void help() {
        out.println("<node> <command ...>   run a command on a node, e.g. 'node1 ping -c3 node3' (end with & to run it in the background)");
        out.println("sleep DURATION         let virtual time pass (15, 1.5, 500ms, 2m); also run-for");
        out.println("wait                   wait for background commands");
        out.println("time                   the virtual time");
        out.println("nodes                  hosts and bridges with their interfaces");
        out.println("net                    the links between them");
        out.println("exit                   leave");
        out.println("commands: " + String.join(" ", lab.toolNames()));
        out.flush();
    }
}
