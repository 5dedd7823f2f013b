package io.arplab.lab;

import io.arplab.tools.ToolContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Background commands ({@code node1 ping node3 &}) as bash's job control shows them: {@code [1] 101} when started,
 * {@code jobs}, {@code fg %1}, {@code kill %1}, {@code wait %1}, and {@code [1]+  Done ...} once ended. In a script
 * a job's output is kept and printed when it ends (the output stays deterministic and readable); in the shell it
 * appears as produced, each line marked with the job's node.
 */
final class Jobs {
    /** One background command; {@code out} and {@code err} are kept (scripts) or null (shell: written live). */
    record Job(int id, String node, String title, ToolContext ctx, StringWriter out, StringWriter err, Writer pipe) {}

    private final List<Job> jobs = new ArrayList<>();
    private int nextId = 1;

    int nextId() {
        return nextId++;
    }

    void add(Job j) {
        jobs.add(j);
    }

    List<Job> all() {
        return jobs;
    }

    boolean isEmpty() {
        return jobs.isEmpty();
    }

    void remove(Job j) {
        jobs.remove(j);
    }

    /** {@code %1}, {@code 1}, {@code %%}/{@code %+} (the newest); none given: the newest. */
    Job find(String spec, String command) {
        if (jobs.isEmpty()) {
            throw new LabConsole.LineException(command + ": " + (spec == null ? "current" : spec) + ": no such job");
        }
        if (spec == null || spec.equals("%%") || spec.equals("%+")) {
            return jobs.get(jobs.size() - 1);
        }
        String n = spec.startsWith("%") ? spec.substring(1) : spec;
        for (Job j : jobs) {
            if (Integer.toString(j.id()).equals(n)) {
                return j;
            }
        }
        throw new LabConsole.LineException(command + ": " + spec + ": no such job");
    }

    /** bash's jobs listing: {@code [1]+  Running                 node1 ping node3 &}. */
    void list(PrintWriter out) {
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            out.println(line(j, i == jobs.size() - 1 ? '+' : i == jobs.size() - 2 ? '-' : ' ',
                    j.ctx().finished() ? "Done" : "Running") + " &");
        }
    }

    /** A job's status line as bash prints it: state padded to 24 columns, then the command. */
    static String line(Job j, char mark, String state) {
        return String.format("[%d]%c  %-24s%s", j.id(), mark, state, j.title());
    }

    /** The state bash shows for an ended job: Done, Exit N, Interrupt, Terminated. */
    static String ended(ToolContext ctx) {
        return switch (ctx.exitCode()) {
            case 0 -> "Done";
            case 130 -> "Interrupt";
            case 143 -> "Terminated";
            default -> "Exit " + ctx.exitCode();
        };
    }

    /** Prefixes each line a job writes with its node, as output from several terminals would be told apart. */
    static Writer marked(String node, PrintWriter to) {
        return new Writer() {
            private boolean atStart = true;

            @Override
            public void write(char[] cbuf, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (atStart) {
                        to.print("[" + node + "] ");
                        atStart = false;
                    }
                    to.print(cbuf[i]);
                    if (cbuf[i] == '\n') {
                        atStart = true;
                    }
                }
            }

            @Override
            public void flush() {
                to.flush();
            }

            @Override
            public void close() {
                to.flush();
            }
        };
    }
}
