package io.arplab.tools;

import io.arplab.device.Host;
import io.arplab.sim.Network;
import io.arplab.sim.Scheduler;
import io.arplab.stack.HostStack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * What a tool running inside a node sees, as a process in a container would: its host's stack, stdout and stderr,
 * the lab's clock and name resolution. A tool ends by calling {@link #exit}, at once or later in virtual time.
 */
public final class ToolContext {
    private final Network network;
    private final Network.Node node;
    private final Host host;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Resolver resolver;
    private final Path workDir;
    private final int pid;
    private int exitCode = -1;
    private Runnable interruptHandler;

    public ToolContext(Network network, Network.Node node, PrintWriter out, PrintWriter err, Resolver resolver,
                       Path workDir, int pid) {
        this.network = network;
        this.node = node;
        this.host = node.device() instanceof Host h ? h : null;
        this.out = out;
        this.err = err;
        this.resolver = resolver;
        this.workDir = workDir;
        this.pid = pid;
    }

    public Network network() {
        return network;
    }

    public Network.Node node() {
        return node;
    }

    /** The host the tool runs on; null when the node is not a host (a bridge). */
    public Host host() {
        return host;
    }

    public HostStack stack() {
        return host.stack();
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Resolver resolver() {
        return resolver;
    }

    /** The directory relative file names are read from and written to. */
    public Path workDir() {
        return workDir;
    }

    /** A process id, for tools that print or use one (ping's identifier). */
    public int pid() {
        return pid;
    }

    public long now() {
        return network.now();
    }

    /** Runs {@code action} with the host's outbox at the current time, then re-arms the host's timers. */
    public void act(Consumer<HostStack.Outbox> action) {
        network.act(node, o -> action.accept(host.outbox(o)));
    }

    /** Runs {@code action} at virtual time {@code time}. */
    public Scheduler.Event at(long time, LongConsumer action) {
        return network.scheduler().at(time, action);
    }

    public void cancel(Scheduler.Event e) {
        network.scheduler().cancel(e);
    }

    /** Ends the tool with {@code code}. */
    public void exit(int code) {
        if (exitCode < 0) {
            exitCode = code;
            out.flush();
            err.flush();
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

    /** Delivers SIGINT. */
    public void interrupt() {
        if (finished()) {
            return;
        }
        if (interruptHandler != null) {
            interruptHandler.run();
        }
        exit(130);
    }
}
