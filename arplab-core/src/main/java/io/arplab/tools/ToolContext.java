package io.arplab.tools;

import io.arplab.device.Switch;
import io.arplab.runtime.NodeRuntime;
import io.arplab.runtime.Resolver;
import io.arplab.runtime.Timer;
import io.arplab.stack.HostStack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One process of a tool inside a node: its standard output and error, its pid and exit status, what it does on
 * SIGINT, and the node's {@link NodeRuntime} (clock, timers, stack, switches, names) it reaches the world through.
 * A tool ends by calling {@link #exit}, at once or later on the runtime's clock.
 */
public final class ToolContext {
    private final NodeRuntime runtime;
    private final PrintWriter out;
    private final PrintWriter err;
    private final int pid;
    private int exitCode = -1;
    private Runnable interruptHandler;
    private boolean interruptTrapped;
    private boolean termUncaught;
    private boolean endsByItself;
    private Runnable exitListener;
    private byte[] stdin = new byte[0];
    private Runnable lineBuffered = () -> { };

    public ToolContext(NodeRuntime runtime, PrintWriter out, PrintWriter err, int pid) {
        this.runtime = runtime;
        this.out = out;
        this.err = err;
        this.pid = pid;
    }

    public NodeRuntime runtime() {
        return runtime;
    }

    public HostStack stack() {
        return runtime.stack();
    }

    /** The switches whose own interface is a device of this namespace. */
    public List<Switch> switches() {
        return runtime.switches();
    }

    /** What the process reads on standard input before end of file (a lab line's {@code echo TEXT | tool}). */
    public byte[] stdin() {
        return stdin;
    }

    public void setStdin(byte[] data) {
        this.stdin = data;
    }

    /**
     * setlinebuf(stdout) (tcpdump -l): the tool's stdout, fully buffered when it is a pipe or a file, goes out a line
     * at a time; what holds that pipe (timeout) hears of it through {@link #onLineBuffered(Runnable)}.
     */
    public void lineBufferStdout() {
        lineBuffered.run();
    }

    public void onLineBuffered(Runnable listener) {
        lineBuffered = listener;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Resolver resolver() {
        return runtime.resolver();
    }

    /** The directory relative file names are read from and written to. */
    public Path workDir() {
        return runtime.workDir();
    }

    /** A process id, for tools that print or use one (ping's identifier). */
    public int pid() {
        return pid;
    }

    public long now() {
        return runtime.now();
    }

    /** The wall-clock time (Unix epoch, ns) at {@code now() == 0}. */
    public long epochNanos() {
        return runtime.epochNanos();
    }

    /** Runs {@code action} with the host's outbox at the current time, then re-arms the host's timers. */
    public void act(Consumer<HostStack.Outbox> action) {
        runtime.act(action);
    }

    /** Runs {@code action} at time {@code time} of the runtime's clock, unless the process has ended by then. */
    public Timer at(long time, LongConsumer action) {
        return runtime.at(time, t -> {
            if (!finished()) { // a process killed by a signal runs nothing more
                action.accept(t);
            }
        });
    }

    public void cancel(Timer t) {
        runtime.cancel(t);
    }

    /** Ends the tool with {@code code}. */
    public void exit(int code) {
        if (exitCode < 0) {
            exitCode = code;
            out.flush();
            err.flush();
            if (exitListener != null) {
                exitListener.run();
            }
        }
    }

    /** Runs {@code listener} when the tool ends (on the runtime's thread); a front end waiting for it wakes up. */
    public void onExit(Runnable listener) {
        this.exitListener = listener;
        if (finished()) {
            listener.run();
        }
    }

    public boolean finished() {
        return exitCode >= 0;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What the tool does on SIGINT (ping prints its statistics); by default it just ends with 130. */
    public void onInterrupt(Runnable handler) {
        this.interruptHandler = handler;
    }

    /** Delivers SIGTERM: the tools here do not catch it, so the process ends at once with 128 + 15. */
    public void terminate() {
        exit(143);
    }

    /**
     * The tool installs no handler for SIGTERM or SIGHUP (ping: ping_common.c setup() catches SIGINT, SIGALRM and
     * SIGQUIT only): {@code timeout}'s default signal kills it instead of interrupting it.
     */
    public void leaveTermUncaught() {
        this.termUncaught = true;
    }

    public boolean termUncaught() {
        return termUncaught;
    }

    /**
     * The command ends by itself at a time it was told (ovs-appctl time/warp of any length): the lab's limit for
     * tools that run until stopped does not cut it short.
     */
    public void endsByItself() {
        this.endsByItself = true;
    }

    /** Whether {@link #endsByItself()} was called: no time limit applies to the command. */
    public boolean unlimited() {
        return endsByItself;
    }

    /**
     * A SIGINT handler that does not end the process: the tool keeps running and ends itself later (arpspoof
     * re-arps its targets for some seconds first).
     */
    public void trapInterrupt(Runnable handler) {
        this.interruptHandler = handler;
        this.interruptTrapped = true;
    }

    /** Delivers SIGINT. */
    public void interrupt() {
        if (finished()) {
            return;
        }
        if (interruptHandler != null) {
            interruptHandler.run();
        }
        if (!interruptTrapped) {
            exit(130);
        }
    }
}
