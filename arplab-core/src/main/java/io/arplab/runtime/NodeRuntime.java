package io.arplab.runtime;

import io.arplab.device.Switch;
import io.arplab.stack.HostStack;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * What a tool inside a node sees of the world, as a process in a network namespace does: the node's stack, its
 * clock, timers, the switches whose own interface lives in the namespace, name resolution and per-namespace state.
 * The simulator implements it in virtual time ({@code sim.SimRuntime}); live mode on the wall clock with a TAP
 * device as the wire ({@code live.LiveRuntime}). Every call happens on the runtime's one thread.
 */
public interface NodeRuntime {
    /** The node's name (the container's hostname). */
    String nodeName();

    /** The node's protocol engine; change it only inside {@link #act}, read it at any time. */
    HostStack stack();

    /** The runtime's clock, in nanoseconds since the run started. */
    long now();

    /** The wall-clock time (Unix epoch, ns) at {@code now() == 0}: captures and printed times add it. */
    long epochNanos();

    /** Runs {@code action} with the clock's reading at {@code time} (not before now). */
    Timer at(long time, LongConsumer action);

    /** Cancels a timer that has not fired; a fired or cancelled one is ignored. */
    void cancel(Timer timer);

    /** Runs {@code action} on the stack with the outbox its frames leave through, then re-arms the stack's timers. */
    void act(Consumer<HostStack.Outbox> action);

    /** The switches (Linux bridges ...) whose own interface is a device of this namespace, in creation order. */
    List<Switch> switches();

    /**
     * A frame arrives on {@code port} of {@code sw} now, as if from its wire (ovs-appctl netdev-dummy/receive).
     * Runtimes without such ports refuse.
     */
    default void inject(Switch sw, int port, byte[] frame) {
        throw new UnsupportedOperationException("no frames can be injected into " + sw.name() + " here");
    }

    /** The node's ovs-vswitchd, or null when the node runs none (ovs-vsctl then finds no database). */
    default Vswitchd vswitchd() {
        return null;
    }

    /** A tool changed {@code sw} (an fdb entry, the ageing time): re-arm its timers. */
    void changed(Switch sw);

    /** Names the node's resolver knows (its hosts file or Docker's DNS). */
    Resolver resolver();

    /** The directory relative file names are read from and written to. */
    Path workDir();

    /**
     * Hands every frame sent or received on interface {@code ifname} to {@code listener} until the returned handle
     * is closed (a packet socket bound to the device); null when the node has no such interface.
     */
    AutoCloseable tap(String ifname, FrameListener listener);

    /** State a tool keeps per namespace across runs (created on first use), keyed by its type. */
    <T> T namespaceState(Class<T> type, Supplier<T> create);
}
