package io.arplab.sim;

import io.arplab.device.Device;
import io.arplab.device.Switch;
import io.arplab.observe.CaptureSink;
import io.arplab.observe.TraceSink;
import io.arplab.stack.TraceEvent;
import io.arplab.stack.Tracer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The network in virtual time: devices, the veth-like wires between their ports (each with a latency), capture
 * points and tracepoints. It calls each device when a frame arrives or its next deadline comes, and delivers what
 * the device sends after the wire's latency. Single-threaded and deterministic.
 */
public final class Network {
    /** One-way latency of a veth pair: a few microseconds, about what the reference kernel shows. */
    public static final long DEFAULT_LATENCY = 5_000;

    private final Scheduler scheduler = new Scheduler();
    private final long epochNanos;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Node> byName = new LinkedHashMap<>();
    private TraceSink trace;
    private static final Node[] NO_NODES = new Node[0];
    private static final int[] NO_INTS = new int[0];
    private static final long[] NO_LONGS = new long[0];
    private static final CaptureSink[] NO_CAPTURES = new CaptureSink[0];

    private long deliveries;
    private long transmissions;
    /** Delivery events scheduled and not yet fired: frames still in the softirq's backlog. */
    private int inFlight;
    /** Inside a delivery or a device's timer: softirq context. */
    private boolean softirq;
    /** Tracepoints waiting for the backlog to drain ({@link Tracer#emitAfterSoftirq}). */
    private final List<Runnable> afterSoftirq = new ArrayList<>(0);
    /** The system call whose softirq work is being done (a delivery carries its own), or null: timers' work. */
    private Cascade cascade;

    /**
     * The frames one system call put on veths, and every frame their processing sends on in softirq: the call
     * returns when none is left (do_softirq() at its local_bh_enable() runs the backlog on the calling CPU).
     */
    private static final class Cascade {
        int pending;
    }

    /** @param epochNanos the wall-clock time (Unix epoch, ns) at virtual time 0, for capture time stamps */
    public Network(long epochNanos) {
        this.epochNanos = epochNanos;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public long now() {
        return scheduler.now();
    }

    public long epochNanos() {
        return epochNanos;
    }

    /** Frames handed to a receiving device so far. */
    public long deliveries() {
        return deliveries;
    }

    public long transmissions() {
        return transmissions;
    }

    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public Node node(String name) {
        return byName.get(name);
    }

    /** Enables (or, with null, disables) tracepoints for every node, present and future. */
    public void setTraceLog(TraceSink trace) {
        this.trace = trace;
        for (Node n : nodes) {
            n.tracer.log = trace;
            n.floodGroups = null;
        }
    }

    public TraceSink traceLog() {
        return trace;
    }

    /** A node's tracepoints: written under the node's name as comm, while a trace log is set. */
    final class NodeTracer implements Tracer {
        private final String comm;
        private final int pid;
        TraceSink log;
        /** This node's skb counter: the skbaddr of each skb it allocates (per node, so partitions agree). */
        private long skbs;

        NodeTracer(String comm, int pid, TraceSink log) {
            this.comm = comm;
            this.pid = pid;
            this.log = log;
        }

        @Override
        public boolean enabled() {
            return log != null;
        }

        @Override
        public void emit(long now, TraceEvent event) {
            if (log != null) {
                log.event(comm, pid, now, event);
            }
        }

        @Override
        public void emitAfterSoftirq(long now, java.util.function.Supplier<TraceEvent> event) {
            if (log == null) {
                return;
            }
            if (softirq || inFlight == 0) {
                emit(now, event.get());
            } else {
                afterSoftirq.add(() -> emit(scheduler.now(), event.get()));
            }
        }

        /** A kernel-looking skbaddr, unique within the node: its pid in the high bits, a counter below. */
        long nextSkb() {
            return 0xffff_8880_0000_0000L + ((long) pid << 28) + (++skbs) * 0x100;
        }
    }

    public Node add(Device device) {
        if (byName.containsKey(device.name())) {
            throw new IllegalArgumentException("duplicate node name '" + device.name() + "'");
        }
        Node n = new Node(device, nodes.size());
        if (device instanceof io.arplab.device.Host h) {
            h.stack().setReaders(n::readSockets); // a socket's reader is the node's process
        }
        nodes.add(n);
        byName.put(device.name(), n);
        n.reschedule();
        return n;
    }

    /** Connects two ports with a full-duplex wire of the given one-way latency. */
    public void connect(Node a, int portA, Node b, int portB, long latency) {
        a.attach(portA, b, portB, latency);
        b.attach(portB, a, portA, latency);
    }

    /**
     * A system call of a process on {@code node}: runs {@code action} against the device, re-arms its timers, then
     * returns only when everything the call sent is done with, as on Linux, where veth_xmit() queues the frame on
     * the CPU's backlog and the softirq run at the call's local_bh_enable() carries it across veths, bridges,
     * forwarding namespaces and back (answers and ICMP errors included) before the call returns. Virtual time
     * passes meanwhile (one {@link #DEFAULT_LATENCY} per veth), and the other events of that span run in order.
     */
    public void act(Node node, Consumer<Device.Output> action) {
        Cascade outer = cascade;
        Cascade call = new Cascade();
        cascade = call;
        try {
            action.accept(node);
            node.reschedule();
        } finally {
            cascade = outer;
        }
        while (call.pending > 0 && scheduler.step()) {
            // the backlog this call filled
        }
    }

    /** Runs every event up to {@code time}; the clock then reads {@code time}. */
    public void runUntil(long time) {
        scheduler.runUntil(time);
    }

    /** A device in the network: its wires, capture points and wake-up timer. */
    public final class Node extends Scheduler.Event implements Device.Output {
        private final Device device;
        private final int index;
        // the wire of each port, as parallel arrays (a flood walks them for thousands of ports)
        private Node[] peers = NO_NODES;
        private int[] peerPorts = NO_INTS;
        private long[] latencies = NO_LONGS;
        private CaptureSink[] captures = NO_CAPTURES;
        private CaptureSink tapCapture;
        private final NodeTracer tracer;
        /** The distinct latencies of the ports a flood batches, or null when the plan must be recomputed. */
        private long[] floodGroups;
        /** The skb of the frame being received while tracing (0: none); a switch forwarding it keeps it. */
        private long rxSkb;
        /** That skb came from the bridge's own interface (br_dev_xmit): no receive reset its transport header. */
        private boolean rxFromOwnInterface;
        /** Per-namespace state of the tools run on this node, created on first use. */
        private java.util.Map<Class<?>, Object> state;

        private Node(Device device, int index) {
            this.device = device;
            this.index = index;
            this.tracer = new NodeTracer(device.name(), index + 1, trace);
        }

        public Device device() {
            return device;
        }

        <T> T state(Class<T> type, java.util.function.Supplier<T> create) {
            if (state == null) {
                state = new java.util.HashMap<>(2);
            }
            return type.cast(state.computeIfAbsent(type, k -> create.get()));
        }

        public String name() {
            return device.name();
        }

        public int index() {
            return index;
        }

        /** The tracer this node's tracepoints go to (OFF when tracing is disabled). */
        public Tracer tracer() {
            return tracer;
        }

        private void attach(int port, Node peer, int peerPort, long latency) {
            if (port < 0 || port >= device.portCount()) {
                throw new IllegalArgumentException(device.name() + " has no port " + port);
            }
            if (peers.length <= port) {
                // grow by a quarter: a bridge with thousands of ports should not carry a doubled array
                int n = Math.max(port + 1, Math.max(device.portCount(), peers.length + (peers.length >> 2)));
                peers = java.util.Arrays.copyOf(peers, n);
                peerPorts = java.util.Arrays.copyOf(peerPorts, n);
                latencies = java.util.Arrays.copyOf(latencies, n);
            }
            if (peers[port] != null) {
                throw new IllegalArgumentException(device.name() + " port " + device.portName(port) + " is already connected");
            }
            peers[port] = peer;
            peerPorts[port] = peerPort;
            latencies[port] = latency;
            floodGroups = null;
        }

        /** The node at the other end of {@code port}'s wire, or null. */
        public Node peer(int port) {
            return port < peers.length ? peers[port] : null;
        }

        public int peerPort(int port) {
            return peerPorts[port];
        }

        /** Records every frame sent or received on {@code port}. */
        public void capture(int port, CaptureSink sink) {
            if (captures.length <= port) {
                captures = java.util.Arrays.copyOf(captures, Math.max(port + 1, device.portCount()));
            }
            captures[port] = sink;
            floodGroups = null;
        }

        /** The sink recording {@code port}, or null. */
        public CaptureSink captureOf(int port) {
            return port < captures.length ? captures[port] : null;
        }

        /** Records every frame the device itself taps (a bridge: each frame crossing it, once). */
        public void captureTap(CaptureSink sink) {
            this.tapCapture = sink;
        }

        @Override
        public void transmit(int port, byte[] frame) {
            long skb = 0;
            if (tracer.enabled()) {
                // a switch passes on the skb it received (br_forward); anything else builds a new one
                skb = rxSkb != 0 && device instanceof Switch ? rxSkb : tracer.nextSkb();
                rxSkb = 0;
            }
            transmit(port, frame, skb);
        }

        private void transmit(int port, byte[] frame, long skb) {
            long now = scheduler.now();
            transmissions++;
            if (port < captures.length && captures[port] != null) {
                captures[port].record(epochNanos + now, frame);
            }
            Node peer = port < peers.length ? peers[port] : null;
            boolean passUp = false;
            // br_dev_xmit(): a bridge's own interface hands the frame to the bridge inside its transmit
            boolean bridgeXmit = peer != null && latencies[port] == 0 && !(device instanceof Switch)
                    && peer.device instanceof Switch;
            if (bridgeXmit) {
                String dev = device.portName(port);
                if (skb != 0) {
                    TraceEvent.emitXmitStart(now, tracer, dev, skb, frame, TraceEvent.transportOffset(frame, false));
                }
                peer.deliver(now, peerPorts[port], frame, skb, false);
                if (skb != 0) {
                    TraceEvent.emitXmitDone(now, tracer, dev, skb, frame);
                }
                return;
            }
            if (skb != 0) {
                String dev = device.portName(port);
                boolean internal = peer != null && latencies[port] == 0;
                if (internal && device instanceof Switch) {
                    passUp = true; // br_pass_frame_up: the bridge's own interface receives it, no transmit
                } else if (internal || peer == null) {
                    // an unplugged port (or a wire without latency to a non-switch): no peer's netif_rx
                    TraceEvent.emitVethCrossing(now, tracer, dev, null, null, skb, frame,
                            TraceEvent.transportOffset(frame, device instanceof Switch && !rxFromOwnInterface));
                } else {
                    TraceEvent.emitVethCrossing(now, tracer, dev, peer.tracer, peer.device.portName(peerPorts[port]), skb,
                            frame, TraceEvent.transportOffset(frame, device instanceof Switch && !rxFromOwnInterface));
                }
            }
            if (peer == null) {
                return; // an unplugged port: the frame is lost, as on a carrier-less link
            }
            inFlight++;
            scheduler.schedule(new Delivery(peer, peerPorts[port], frame, skb, passUp, joinCascade()),
                    now + latencies[port]);
        }

        @Override
        public int portCount() {
            return device.portCount();
        }

        /** A port a flood may batch: wired, not captured, not traced. */
        private boolean plain(int p) {
            return p < peers.length && peers[p] != null && (p >= captures.length || captures[p] == null)
                    && !tracer.enabled();
        }

        private long[] floodGroups() {
            if (floodGroups == null || floodGroupsPorts != device.portCount()) {
                long[] g = new long[0];
                for (int p = 0; p < device.portCount(); p++) {
                    if (!plain(p)) {
                        continue;
                    }
                    boolean known = false;
                    for (long x : g) {
                        known |= x == latencies[p];
                    }
                    if (!known) {
                        g = java.util.Arrays.copyOf(g, g.length + 1);
                        g[g.length - 1] = latencies[p];
                    }
                }
                floodGroups = g;
                floodGroupsPorts = device.portCount();
            }
            return floodGroups;
        }

        private int floodGroupsPorts;

        /**
         * A flood, in br_flood()'s order: br->port_list from its head, where br_add_if() puts each new port, so the
         * newest port first and the bridge's own interface (port 0, br_pass_frame_up after the flood) last. When every
         * port is plain, the ports of each wire latency get one batched delivery event walking that order.
         */
        @Override
        public void flood(int exceptPort, byte[] frame) {
            long now = scheduler.now();
            int n = device.portCount();
            boolean batch = true;
            for (int p = 0; p < n && batch; p++) {
                batch = p == exceptPort || plain(p) || p >= peers.length || peers[p] == null;
            }
            if (!batch) {
                // br_flood: every port but the last gets a clone (deliver_clone), the last the original skb
                long original = rxSkb;
                rxSkb = 0;
                int last = exceptPort == 0 ? 1 : 0;
                for (int p = n - 1; p >= 0; p--) {
                    if (p != exceptPort) {
                        long skb = !tracer.enabled() ? 0 : p == last && original != 0 ? original : tracer.nextSkb();
                        transmit(p, frame, skb);
                    }
                }
                return;
            }
            for (long latency : floodGroups()) {
                inFlight++;
                scheduler.schedule(new FloodDelivery(this, exceptPort, latency, frame, joinCascade()), now + latency);
            }
        }

        /** Delivers a batched flood to every plain port with the batch's latency (see {@link #flood}). */
        void deliverFlood(long now, int exceptPort, long latency, byte[] frame) {
            Node[] ps = peers;
            long[] ls = latencies;
            int[] pp = peerPorts;
            int n = Math.min(device.portCount(), ps.length);
            for (int p = n - 1; p >= 0; p--) {
                if (p != exceptPort && ps[p] != null && ls[p] == latency) {
                    transmissions++;
                    ps[p].deliver(now, pp[p], frame, 0, false);
                }
            }
        }

        @Override
        public void tap(byte[] frame) {
            if (tapCapture != null) {
                tapCapture.record(epochNanos + scheduler.now(), frame);
            }
        }

        /**
         * A frame arrives on {@code port} with the sender's skb ({@code skb}, 0 when not traced): from a veth's
         * backlog (process_backlog → __netif_receive_skb), or, {@code passUp}, handed up by a bridge
         * (br_pass_frame_up → netif_receive_skb), or from the bridge's own interface (br_dev_xmit: no receive).
         */
        void deliver(long now, int port, byte[] frame, long skb, boolean passUp) {
            deliveries++;
            if (port < captures.length && captures[port] != null) {
                captures[port].record(epochNanos + now, frame);
            }
            boolean traced = tracer.enabled();
            if (traced) {
                String dev = device.portName(port);
                int len = Math.max(0, frame.length - 14);
                if (skb == 0) {
                    skb = tracer.nextSkb(); // a frame from a sender that did not trace
                }
                if (passUp) {
                    tracer.emit(now, new TraceEvent.RxEntry(TraceEvent.RxEntryPoint.NETIF_RECEIVE_SKB_ENTRY, dev, skb,
                            TraceEvent.protocol(frame), len, TraceEvent.truesize(frame.length)));
                }
                boolean fromOwnInterface = port < latencies.length && latencies[port] == 0 && device instanceof Switch;
                if (!fromOwnInterface) {
                    tracer.emit(now, new TraceEvent.NetDev(TraceEvent.NetPoint.NETIF_RECEIVE_SKB, dev, skb, len));
                }
                rxSkb = skb;
                rxFromOwnInterface = fromOwnInterface;
            }
            device.receive(now, port, frame, this);
            rxSkb = 0;
            rxFromOwnInterface = false;
            if (traced && passUp) {
                tracer.emit(now, new TraceEvent.RxExit(TraceEvent.RxExitPoint.NETIF_RECEIVE_SKB_EXIT, 0));
            }
            reschedule();
        }

        /** Re-arms the wake-up timer at the device's next deadline. */
        public void reschedule() {
            long d = device.nextDeadline();
            if (d == Long.MAX_VALUE) {
                if (armed()) {
                    scheduler.cancel(this);
                }
            } else if (d != deadline()) {
                scheduler.schedule(this, Math.max(d, scheduler.now()));
            }
        }

        @Override
        protected void fire(long now) {
            boolean outer = softirq;
            Cascade outerCall = cascade;
            softirq = true;
            cascade = null; // a timer's work belongs to no system call
            device.advance(now, this);
            softirq = outer;
            cascade = outerCall;
            reschedule();
        }

        /**
         * Runs {@code code} as the node's process (a tool's start, timer or socket read). A process is one thread:
         * what would wake it while it runs (a timer, data on its sockets) waits until it has finished, as a program
         * sees answers that came during its sendto() only when it next polls.
         */
        public void process(Runnable code) {
            if (processRunning) {
                if (processWaiting == null) {
                    processWaiting = new java.util.ArrayDeque<>(2);
                }
                processWaiting.add(code);
                return;
            }
            processRunning = true;
            boolean outer = softirq;
            softirq = false;
            try {
                code.run();
                Runnable next;
                while (processWaiting != null && (next = processWaiting.poll()) != null) {
                    next.run();
                }
            } finally {
                processRunning = false;
                softirq = outer;
            }
        }

        /**
         * Wakes the readers of the node's sockets: what the softirq queued while the process runs waits for it, what
         * the process's own system call queued (a local error) is there when the call returns.
         */
        void readSockets(Runnable read) {
            if (processRunning && !softirq) {
                read.run();
            } else {
                process(read);
            }
        }

        private boolean processRunning;
        private java.util.ArrayDeque<Runnable> processWaiting;

        Network network() {
            return Network.this;
        }

        @Override
        public String toString() {
            return device.name();
        }
    }

    /** The system call a frame sent now belongs to (counted in it), or null. */
    private Cascade joinCascade() {
        if (cascade != null) {
            cascade.pending++;
        }
        return cascade;
    }

    /** A delivery of {@code call}'s starts: softirq context. Returns the context to restore. */
    private boolean enterSoftirq(Cascade call) {
        boolean outer = softirq;
        softirq = true;
        cascade = call;
        return outer;
    }

    /** A delivery is done; when it leaves the backlog empty, the tracepoints waiting for that fire. */
    private void leaveSoftirq(boolean outer, Cascade outerCall, Cascade call) {
        softirq = outer;
        cascade = outerCall;
        if (call != null) {
            call.pending--;
        }
        inFlight--;
        if (inFlight == 0 && !afterSoftirq.isEmpty()) {
            List<Runnable> due = new ArrayList<>(afterSoftirq);
            afterSoftirq.clear();
            due.forEach(Runnable::run);
        }
    }

    private static final class FloodDelivery extends Scheduler.Event {
        private final Node from;
        private final int exceptPort;
        private final long latency;
        private final byte[] frame;

        private final Cascade call;

        FloodDelivery(Node from, int exceptPort, long latency, byte[] frame, Cascade call) {
            this.from = from;
            this.exceptPort = exceptPort;
            this.latency = latency;
            this.frame = frame;
            this.call = call;
        }

        @Override
        protected void fire(long now) {
            Cascade outerCall = from.network().cascade;
            boolean outer = from.network().enterSoftirq(call);
            try {
                from.deliverFlood(now, exceptPort, latency, frame);
            } finally {
                from.network().leaveSoftirq(outer, outerCall, call);
            }
        }
    }

    private static final class Delivery extends Scheduler.Event {
        private final Node node;
        private final int port;
        private final byte[] frame;
        /** The sender's skb, so a frame keeps its identity across the wire (0: not traced). */
        private final long skb;
        private final boolean passUp;
        private final Cascade call;

        Delivery(Node node, int port, byte[] frame, long skb, boolean passUp, Cascade call) {
            this.node = node;
            this.port = port;
            this.frame = frame;
            this.skb = skb;
            this.passUp = passUp;
            this.call = call;
        }

        @Override
        protected void fire(long now) {
            Cascade outerCall = node.network().cascade;
            boolean outer = node.network().enterSoftirq(call);
            try {
                node.deliver(now, port, frame, skb, passUp);
            } finally {
                node.network().leaveSoftirq(outer, outerCall, call);
            }
        }
    }
}
