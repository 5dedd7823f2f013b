package io.arplab.tools;

import io.arplab.runtime.Timer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * coreutils timeout: runs a command of the node and sends it a signal when DURATION has passed ({@code timeout -s INT
 * 5 arpspoof ...} is how the recordings stop a tool with Ctrl-C). Exit status 124 when the time ran out, else the
 * command's. Signals: INT arrives as the tool's interrupt, TERM (default) and HUP too unless the tool leaves them
 * uncaught (ping), then they kill it as KILL does (137), and its stdout's unflushed buffer is lost.
 */
public final class Timeout implements Tool {
    private static final String VERSION = """
            timeout (GNU coreutils) 9.1
            Copyright (C) 2022 Free Software Foundation, Inc.
            License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
            This is free software: you are free to change and redistribute it.
            There is NO WARRANTY, to the extent permitted by law.

            Written by Padraig Brady.
            """;
    private static final String TRY = "Try 'timeout --help' for more information.";

    private ToolContext ctx;
    private ToolContext child;
    private Timer alarm;
    private boolean timedOut;
    private boolean killed;
    private ChildStdout childOut;
    /** How much of childOut has gone out already: whole lines, once the child line-buffers its stdout. */
    private int written;
    private boolean lineBuffered;
    /** glibc's stdio buffer for a pipe or a file (st_blksize). */
    private static final int BUFSIZ = 4096;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        String signal = "TERM";
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1) {
            String a = args.get(i++);
            if (a.equals("-s") || a.equals("--signal")) {
                if (i == args.size()) {
                    fail("timeout: option requires an argument -- 's'");
                    return;
                }
                signal = args.get(i++);
            } else if (a.startsWith("-s")) {
                signal = a.substring(2);
            } else if (a.startsWith("--signal=")) {
                signal = a.substring(9);
            } else if (a.equals("--")) {
                break;
            } else if (a.length() > 2 && "--help".startsWith(a)) { // getopt_long takes an unambiguous prefix
                ctx.out().print(Usage.of("timeout"));
                ctx.exit(0);
                return;
            } else if (a.length() > 5 && "--version".startsWith(a)) { // "--ver" could be --verbose
                ctx.out().print(VERSION);
                ctx.exit(0);
                return;
            } else {
                fail(a.startsWith("--") ? "timeout: unrecognized option '" + a + "'"
                        : "timeout: invalid option -- '" + a.charAt(1) + "'");
                return;
            }
        }
        signal = signal.toUpperCase().startsWith("SIG") ? signal.substring(3).toUpperCase() : signal.toUpperCase();
        if (!List.of("INT", "TERM", "HUP", "KILL", "2", "15", "1", "9").contains(signal)) {
            fail("timeout: " + quote(args.get(i - 1)) + ": invalid signal");
            return;
        }
        boolean kill = signal.equals("KILL") || signal.equals("9");
        if (args.size() - i < 2) {
            fail(null); // main(): "if (argc - optind < 2) usage (EXIT_CANCELED)": no message of its own
            return;
        }
        long duration = parseDuration(args.get(i));
        if (duration < 0) {
            fail("timeout: invalid time interval " + quote(args.get(i)));
            return;
        }
        List<String> cmd = args.subList(i + 1, args.size());
        Map<String, Supplier<Tool>> tools = Tools.standard();
        Supplier<Tool> tool = tools.get(cmd.get(0));
        if (tool == null) {
            ctx.err().println("timeout: failed to run command " + quote(cmd.get(0)) + ": No such file or directory");
            ctx.exit(127);
            return;
        }
        // the child's stdout is a pipe or a file: stdio buffers it fully, and a process killed by a signal never
        // writes what is still in its buffer (only whole BUFSIZ blocks have left)
        childOut = new ChildStdout();
        child = new ToolContext(ctx.runtime(), new java.io.PrintWriter(childOut), ctx.err(), ctx.pid() + 1);
        child.onLineBuffered(() -> lineBuffered = true);
        ctx.trapInterrupt(() -> child.interrupt());
        boolean term = !kill && !signal.equals("INT") && !signal.equals("2");
        if (duration > 0) {
            alarm = ctx.at(ctx.now() + duration, t -> {
                timedOut = true;
                if (kill) {
                    killed = true;
                    child.exit(137);
                } else if (term && child.termUncaught()) {
                    killed = true;
                    child.terminate();
                } else {
                    child.interrupt();
                }
            });
        }
        child.onExit(this::childEnded);
        if (!child.finished()) {
            tool.get().start(child, cmd.subList(1, cmd.size()));
        }
    }

    private void childEnded() {
        if (child.exitCode() < 0) {
            return; // onExit registered before the tool started
        }
        if (alarm != null) {
            ctx.cancel(alarm);
        }
        String out = childOut.toString().substring(written);
        // killed, the buffer's rest is lost: all but whole BUFSIZ blocks, or a line-buffered stdout's unended line
        ctx.out().print(!killed ? out : lineBuffered ? "" : out.substring(0, out.length() / BUFSIZ * BUFSIZ));
        ctx.exit(timedOut ? 124 : child.exitCode());
    }

    /** The child's stdout, a pipe to timeout: every write (java.io.Writer funnels them into one) kept. */
    private final class ChildStdout extends java.io.Writer {
        final StringBuilder text = new StringBuilder();

        @Override
        public void write(char[] cbuf, int off, int len) {
            text.append(cbuf, off, len);
            passLines();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** A line-buffered stdout (setlinebuf()) writes each line as it is ended. */
    private void passLines() {
        if (lineBuffered) {
            StringBuilder b = childOut.text;
            int end = b.lastIndexOf("\n") + 1;
            if (end > written) {
                ctx.out().print(b.substring(written, end));
                ctx.out().flush();
                written = end;
            }
        }
    }

    private void fail(String message) {
        if (message != null) {
            ctx.err().println(message);
        }
        ctx.err().println(TRY);
        ctx.exit(125);
    }

    /** coreutils' quote() in the UTF-8 locale the recordings ran in (C.UTF-8): ‘word’. */
    static String quote(String word) {
        return "\u2018" + word + "\u2019";
    }

    /** A floating-point number of seconds with an optional s, m, h or d suffix; -1 if not one. */
    static long parseDuration(String s) {
        double unit = 1;
        String n = s;
        if (!s.isEmpty() && "smhd".indexOf(s.charAt(s.length() - 1)) >= 0) {
            unit = switch (s.charAt(s.length() - 1)) {
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86400;
                default -> 1;
            };
            n = s.substring(0, s.length() - 1);
        }
        if (!n.matches("[0-9]*\\.?[0-9]+|[0-9]+\\.")) {
            return -1;
        }
        return Math.round(Double.parseDouble(n) * unit * 1e9);
    }
}
