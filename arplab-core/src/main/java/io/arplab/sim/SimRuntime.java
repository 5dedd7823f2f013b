package io.arplab.sim;

import io.arplab.device.Host;
import io.arplab.device.Switch;
import io.arplab.runtime.NodeRuntime;
import io.arplab.runtime.Resolver;
import io.arplab.runtime.Timer;
import io.arplab.stack.HostStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/** A host node of the simulated network as its tools see it: virtual time, the network's scheduler and wires. */
public final class SimRuntime implements NodeRuntime {
    private final Network network;
    private final NetworkNode node;
    private final Host host;
    private final Resolver resolver;
    private final Path workDir;
    private final io.arplab.runtime.Vswitchd vswitchd;

    public SimRuntime(Network network, NetworkNode node, Resolver resolver, Path workDir) {
        this(network, node, resolver, workDir, null);
    }

    /** With the node's ovs-vswitchd ({@code vswitchd} may be null). */
    public SimRuntime(Network network, NetworkNode node, Resolver resolver, Path workDir,
                      io.arplab.runtime.Vswitchd vswitchd) {
        if (!(node.device() instanceof Host h)) {
            throw new IllegalArgumentException(node.name() + " is not a host");
        }
        this.network = network;
        this.node = node;
        this.host = h;
        this.resolver = resolver;
        this.workDir = workDir;
        this.vswitchd = vswitchd;
    }

    @Override
    public io.arplab.runtime.Vswitchd vswitchd() {
        return vswitchd;
    }

    @Override
    public String nodeName() {
        return node.name();
    }

    @Override
    public HostStack stack() {
        return host.stack();
    }

    @Override
    public long now() {
        return node.now();
    }

    @Override
    public long epochNanos() {
        return network.epochNanos();
    }

    /** A timer of the node's process: it runs when due, or when the process is done with what it is doing. */
    @Override
    public Timer at(long time, LongConsumer action) {
        // a time that passed while the process was in a system call fires at once
        return network.at(node, Math.max(time, node.now()), t -> node.process(() -> action.accept(node.now())));
    }

    @Override
    public void cancel(Timer timer) {
        network.cancel(node, (Scheduler.Event) timer);
    }

    @Override
    public void act(Consumer<HostStack.Outbox> action) {
        network.act(node, o -> action.accept(host.outbox(o)));
    }

    /** The switches wired to this host by their own interface (the bridges of Docker's host namespace). */
    @Override
    public List<Switch> switches() {
        List<Switch> s = new ArrayList<>(0);
        for (int p = 0; p < host.portCount(); p++) {
            NetworkNode peer = node.peer(p);
            if (peer != null && peer.device() instanceof Switch sw && node.peerPort(p) == Switch.LOCAL_PORT) {
                s.add(sw);
            }
        }
        return s;
    }

    @Override
    public void inject(Switch sw, int port, byte[] frame) {
        NetworkNode sn = network.node(sw.name());
        network.act(sn, out -> sw.receive(sn.now(), port, frame, out));
    }

    @Override
    public void changed(Switch sw) {
        network.node(sw.name()).reschedule();
    }

    @Override
    public Resolver resolver() {
        return resolver.forNode(node.name());
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public <T> T namespaceState(Class<T> type, Supplier<T> create) {
        return node.state(type, create);
    }

    @Override
    public AutoCloseable tap(String ifname, io.arplab.runtime.FrameListener listener) {
        for (int p = 0; p < node.device().portCount(); p++) {
            if (node.device().portName(p).equals(ifname)) {
                int port = p;
                io.arplab.observe.CaptureSink before = node.captureOf(port);
                io.arplab.observe.CaptureSink both = (t, frame) -> {
                    if (before != null) {
                        before.record(t, frame);
                    }
                    listener.frame(t, frame);
                };
                node.capture(port, both);
                return () -> {
                    if (node.captureOf(port) == both) {
                        node.capture(port, before);
                    }
                };
            }
        }
        return null;
    }
}
