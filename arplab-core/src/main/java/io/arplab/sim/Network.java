package io.arplab.sim;

import io.arplab.device.Device;
import io.arplab.device.Host;
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

    private final long epochNanos;
    private final List<Node> nodes = new ArrayList<>();
    /** Nodes by name, for lookups only (an open-addressing table of their indexes). */
    private final io.arplab.device.NameHash byName = new io.arplab.device.NameHash(i -> nodes.get(i).name());
    private TraceSink trace;
    private static final Node[] NO_NODES = new Node[0];
    private static final int[] NO_INTS = new int[0];
    private static final long[] NO_LONGS = new long[0];
    private static final CaptureSink[] NO_CAPTURES = new CaptureSink[0];

    /** One partition (the whole lab) until {@link #partition} cuts it at its point-to-point links. */
    private final List<Partition> partitions = new ArrayList<>(List.of(new Partition(0, this)));
    /** The smallest latency of a cut link: how far a window reaches (Long.MAX_VALUE: nothing crosses). */
    private long lookahead = Long.MAX_VALUE;
    /** The end (exclusive) of the open synchronisation window, or {@link #NO_WINDOW}. */
    private long windowEnd = NO_WINDOW;
    private static final long NO_WINDOW = Long.MIN_VALUE;
    /** The lab's clock as the caller sees it between runs (partitions may lag behind it until they next act). */
    private long now;
    private Workers workers;
    /** Synchronisation windows opened so far, and frames that crossed the cut. */
    private long windows;
    private long crossings;
    private int threads = 1;
    /** Work done in windows (events fired and frames delivered), and what a window's busiest thread must do at least. */
    private long windowEvents;
    private long windowSpan;
    /** Floods of broadcast ARP reach only the hosts they can change ({@link FloodIndex}); false: every port. */
    private boolean indexedFloods = !"full".equals(System.getProperty("arplab.floods"));

    /**
     * The frames one system call put on veths, and every frame their processing sends on in softirq: the call
     * returns when none is left (do_softirq() at its local_bh_enable() runs the backlog on the calling CPU).
     */
    static final class Cascade {
        int pending;
    }

    /** @param epochNanos the wall-clock time (Unix epoch, ns) at virtual time 0, for capture time stamps */
    public Network(long epochNanos) {
        this.epochNanos = epochNanos;
    }

    /** The event queue of an unpartitioned network (the whole lab's); a partitioned one has one per partition. */
    public Scheduler scheduler() {
        if (partitions.size() > 1) {
            throw new IllegalStateException("a partitioned network has a scheduler per partition");
        }
        return partitions.get(0).scheduler;
    }

    public long now() {
        return partitions.size() == 1 ? partitions.get(0).scheduler.now() : now;
    }

    public long epochNanos() {
        return epochNanos;
    }

    /** Frames handed to a receiving device so far. */
    public long deliveries() {
        return sum(p -> p.deliveries);
    }

    public long transmissions() {
        return sum(p -> p.transmissions);
    }

    /** Events fired so far, in every partition. */
    public long eventsFired() {
        return sum(p -> p.scheduler.eventsFired());
    }

    /** Flood deliveries counted without running the receiving host (see {@link #setIndexedFloods}). */
    public long skippedDeliveries() {
        return sum(p -> p.skipped);
    }

    /** A counter summed over the partitions. */
    private long sum(java.util.function.ToLongFunction<Partition> counter) {
        long n = 0;
        for (Partition p : partitions) {
            n += counter.applyAsLong(p);
        }
        return n;
    }

    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public Node node(String name) {
        int i = byName.get(name);
        return i < 0 ? null : nodes.get(i);
    }

    /** Enables (or, with null, disables) tracepoints for every node, present and future. */
    public void setTraceLog(TraceSink trace) {
        flushTraces();
        this.trace = trace;
        boolean buffered = trace != null && partitions.size() > 1;
        for (Partition p : partitions) {
            p.traced = buffered ? new ArrayList<>() : null;
            p.log = buffered ? p.buffer : trace;
        }
        for (Node n : nodes) {
            n.forgetPlan();
        }
    }

    public TraceSink traceLog() {
        return trace;
    }

    /**
     * Whether a bridge's flood of a broadcast ARP frame is delivered only to the hosts it can change, the others'
     * deliveries counted (the default; {@code -Darplab.floods=full} turns it off). Output is the same either way.
     */
    public void setIndexedFloods(boolean on) {
        indexedFloods = on;
    }


    public Node add(Device device) {
        if (partitions.size() > 1) {
            throw new IllegalStateException("a partitioned network takes no new node (" + device.name() + ")");
        }
        if (byName.get(device.name()) >= 0) {
            throw new IllegalArgumentException("duplicate node name '" + device.name() + "'");
        }
        Node n = new Node(device, nodes.size(), partitions.get(partitions.size() - 1));
        if (device instanceof io.arplab.device.Host h) {
            h.stack().setReaders(n); // a socket's reader is the node's process
        }
        nodes.add(n);
        byName.add(n.index());
        n.reschedule();
        return n;
    }

    /** Connects two ports with a full-duplex wire of the given one-way latency. */
    public void connect(Node a, int portA, Node b, int portB, long latency) {
        if (partitions.size() > 1) {
            throw new IllegalStateException("a partitioned network takes no new wire (" + a + " - " + b + ")");
        }
        a.attach(portA, b, portB, latency);
        b.attach(portB, a, portA, latency);
        if (latency > 0) { // a veth, not a bridge's own interface
            a.watchHost(portA, b, portB);
            b.watchHost(portB, a, portA);
        }
    }

    /**
     * Takes away the wire on {@code a}'s port {@code portA} (both its ends), if there is one: a bridge's own
     * interface's (latency 0, as an OVS internal port's); a veth's would also leave the flood index's watch
     * ({@link #connect}'s watchHost()), which this does not undo.
     */
    public void disconnect(Node a, int portA) {
        if (partitions.size() > 1) {
            throw new IllegalStateException("a partitioned network takes no wire away (" + a + ")");
        }
        Node b = a.peer(portA);
        if (b != null) {
            int portB = a.peerPort(portA);
            a.detach(portA);
            b.detach(portB);
        }
    }

    /**
     * A system call of a process on {@code node}: runs {@code action} against the device, re-arms its timers, then
     * returns only when everything the call sent is done with, as on Linux, where veth_xmit() queues the frame on
     * the CPU's backlog and the softirq run at the call's local_bh_enable() carries it across veths, bridges,
     * forwarding namespaces and back (answers and ICMP errors included) before the call returns. Virtual time
     * passes meanwhile (one {@link #DEFAULT_LATENCY} per veth), and the other events of that span run in order.
     */
    public void act(Node node, Consumer<Device.Output> action) {
        Partition part = node.part;
        Cascade outer = part.cascade;
        Cascade call = new Cascade();
        part.cascade = call;
        try {
            action.accept(node);
            node.reschedule();
        } finally {
            part.cascade = outer;
        }
        if (part.draining) {
            // another process's call made while a call drains (its timer came due meanwhile): that call's loop below
            // carries these frames on too; waiting here would nest one drain in another without bound
            return;
        }
        // a partitioned network drains the call only as far as its partition may run on its own (the open window,
        // or the earliest pending event plus the lookahead): frames from other partitions cannot arrive before that
        long limit = partitions.size() == 1 ? Long.MAX_VALUE
                : windowEnd != NO_WINDOW ? windowEnd : saturatedAdd(nextEventTime(), lookahead);
        part.draining = true;
        try {
            while (call.pending > 0 && part.scheduler.nextEventTime() < limit && part.scheduler.step()) {
                // the backlog this call filled
            }
        } finally {
            part.draining = false;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** Runs {@code action} once at {@code time} in {@code node}'s partition (a tool's timer, a started command). */
    public Scheduler.Event at(Node node, long time, java.util.function.LongConsumer action) {
        return node.part.scheduler.at(time, action);
    }

    /** Cancels an event made by {@link #at}. */
    public void cancel(Node node, Scheduler.Event e) {
        node.part.scheduler.cancel(e);
    }

    /** The time of the next event anywhere, including frames crossing the cut; Long.MAX_VALUE when idle. */
    public long nextEventTime() {
        long t = Long.MAX_VALUE;
        for (Partition p : partitions) {
            t = Math.min(t, p.scheduler.nextEventTime());
            for (Partition.Crossing c : p.outgoing) {
                t = Math.min(t, c.arrival());
            }
        }
        return t;
    }

    /**
     * Fires the next event; false when there is none. A partitioned network keeps its windows: the next event of
     * the open window (ties go to the lowest partition), and at the window's end the barrier (see {@link #runUntil}).
     */
    public boolean step() {
        if (partitions.size() == 1) {
            return partitions.get(0).scheduler.step();
        }
        while (true) {
            Partition best = null;
            long bt = Long.MAX_VALUE;
            if (windowEnd != NO_WINDOW) {
                for (Partition p : partitions) {
                    long t = p.scheduler.nextEventTime();
                    if (t < windowEnd && t < bt) {
                        best = p;
                        bt = t;
                    }
                }
            }
            if (best != null) {
                best.scheduler.step();
                now = Math.max(now, bt);
                return true;
            }
            if (!barrier(Long.MAX_VALUE)) {
                return false;
            }
        }
    }

    /**
     * Runs every event up to {@code time}; the clock then reads {@code time}. A partitioned network runs in
     * conservative windows (YAWNS, as ns-3's DistributedSimulatorImpl): a window starts at the earliest pending
     * event T and ends before T + lookahead, so no frame sent inside it can arrive inside it; its partitions run on
     * the worker threads; at the barrier the frames that crossed the cut join their destination's queue in the order
     * (arrival, source partition, order sent) and the tracepoints are written in the order (time, partition, order
     * emitted). Nothing in that depends on the threads, so any number of them gives the same run.
     */
    public void runUntil(long time) {
        if (partitions.size() == 1) {
            partitions.get(0).scheduler.runUntil(time);
            return;
        }
        long limit = time == Long.MAX_VALUE ? Long.MAX_VALUE : time + 1;
        while (windowEnd != NO_WINDOW || barrier(time)) {
            long end = Math.min(windowEnd, limit);
            List<Partition> active = new ArrayList<>();
            for (Partition p : partitions) {
                if (p.scheduler.nextEventTime() < end) {
                    active.add(p);
                }
            }
            long[] before = new long[active.size()];
            for (int i = 0; i < before.length; i++) {
                before[i] = active.get(i).scheduler.eventsFired() + active.get(i).deliveries;
            }
            if (workers == null || active.size() < 2) {
                for (Partition p : active) {
                    p.scheduler.runBefore(end);
                }
            } else {
                workers.run(active, end);
            }
            long sum = 0;
            long max = 0;
            for (int i = 0; i < before.length; i++) {
                long e = active.get(i).scheduler.eventsFired() + active.get(i).deliveries - before[i];
                sum += e;
                max = Math.max(max, e);
            }
            windowEvents += sum;
            windowSpan += Math.max(max, (sum + threads - 1) / threads);
            if (windowEnd > limit) {
                break; // the window goes on past time: it stays open for the next run
            }
            windowEnd = NO_WINDOW;
            if (!barrier(time)) {
                break;
            }
        }
        for (Partition p : partitions) {
            p.scheduler.advanceTo(time);
        }
        now = Math.max(now, time);
        flushTraces();
    }

    /**
     * The window's barrier: frames that crossed the cut join their destinations' queues, the tracepoints are
     * written, and the next window opens at the earliest pending event if that is at or before {@code time}.
     * False when no window opened.
     */
    private boolean barrier(long time) {
        List<List<Partition.Crossing>> in = new ArrayList<>(partitions.size());
        for (int i = 0; i < partitions.size(); i++) {
            in.add(null);
        }
        for (Partition p : partitions) {
            crossings += p.outgoing.size();
            for (Partition.Crossing c : p.outgoing) {
                int d = c.node().part.index;
                if (in.get(d) == null) {
                    in.set(d, new ArrayList<>());
                }
                in.get(d).add(c);
            }
            p.outgoing.clear();
        }
        for (int d = 0; d < in.size(); d++) {
            List<Partition.Crossing> cs = in.get(d);
            if (cs != null) {
                cs.sort(java.util.Comparator.comparingLong(Partition.Crossing::arrival)); // stable: then source, order
                Partition part = partitions.get(d);
                for (Partition.Crossing c : cs) {
                    part.inFlight++;
                    part.scheduler.schedule(new Delivery(c.node(), c.port(), c.frame(), c.skb(), false, null), c.arrival());
                }
            }
        }
        flushTraces();
        long t = Long.MAX_VALUE;
        for (Partition p : partitions) {
            t = Math.min(t, p.scheduler.nextEventTime());
        }
        if (t == Long.MAX_VALUE || t > time) {
            return false;
        }
        windowEnd = lookahead == Long.MAX_VALUE || t > Long.MAX_VALUE - lookahead ? Long.MAX_VALUE : t + lookahead;
        windows++;
        return true;
    }

    /** Writes what the partitions' tracepoints buffered so far (the caller is between steps). */
    public void flush() {
        flushTraces();
    }

    /** Writes the partitions' buffered tracepoints in the order (time, partition, order emitted). */
    private void flushTraces() {
        if (trace == null || partitions.size() == 1) {
            return;
        }
        List<Partition.Traced> all = new ArrayList<>();
        for (Partition p : partitions) {
            if (p.traced != null) {
                all.addAll(p.traced);
                p.traced.clear();
            }
        }
        all.sort(java.util.Comparator.comparingLong(Partition.Traced::now)); // stable: then partition, order
        for (Partition.Traced t : all) {
            trace.event(t.comm(), t.pid(), t.now(), t.event());
        }
    }

    /** Synchronisation windows opened so far (0 while unpartitioned). */
    public long windows() {
        return windows;
    }

    /**
     * How many times faster than one thread the windows so far could run on this network's threads, counting work
     * as events fired plus frames delivered: the windows' work over the sum, window by window, of what the busiest
     * thread must do at least (the larger of the biggest partition's work and an equal share). It ignores the
     * barriers' cost and unequal costs per unit, so it bounds what the wall clock can show, and it does not
     * depend on the machine's load.
     */
    public double eventSpeedupBound() {
        return windowSpan == 0 ? 1 : (double) windowEvents / windowSpan;
    }

    /** Frames that crossed the cut so far. */
    public long crossings() {
        return crossings;
    }

    /** Number of partitions (1 until {@link #partition}). */
    public int partitions() {
        return partitions.size();
    }

    /** The lookahead of the cut: the smallest latency of a link between partitions (Long.MAX_VALUE: none). */
    public long lookahead() {
        return lookahead;
    }

    /**
     * Cuts the network into partitions of whole broadcast domains and runs their windows on {@code threads}
     * threads. A partition holds every node reachable without crossing a wire between two hosts (a router-to-router
     * veth pair): a bridge stays with all its ports' hosts, a bridge's own interface with its owner, and hosts
     * sharing a kernel's arp_tbl, or OVS bridges sharing the datapath, stay together. Partitions are numbered by
     * their first node. Call before the first event runs (only devices' timers may be pending).
     */
    public void partition(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        Partition whole = partitions.get(0);
        int armed = 0;
        for (Node n : nodes) {
            armed += n.armed() ? 1 : 0;
        }
        if (partitions.size() > 1 || whole.scheduler.eventsFired() > 0 || whole.scheduler.size() != armed) {
            throw new IllegalStateException("partition a network once, before it runs");
        }
        int[] root = new int[nodes.size()];
        for (int i = 0; i < root.length; i++) {
            root[i] = i;
        }
        Map<Object, Integer> shared = new java.util.IdentityHashMap<>();
        long cut = Long.MAX_VALUE;
        for (Node n : nodes) {
            for (int p = 0; p < n.wiredPorts(); p++) {
                Node peer = n.peer(p);
                if (peer == null) {
                    continue;
                }
                boolean pointToPoint = n.device instanceof io.arplab.device.Host
                        && peer.device instanceof io.arplab.device.Host && n.latency(p) > 0;
                if (pointToPoint) {
                    cut = Math.min(cut, n.latency(p));
                } else {
                    union(root, n.index, peer.index);
                }
            }
            Object kernel = n.device instanceof io.arplab.device.Host h ? h.stack().kernel()
                    : n.device instanceof io.arplab.device.OvsBridge ? io.arplab.device.OvsBridge.class : null;
            if (kernel != null) {
                Integer first = shared.putIfAbsent(kernel, n.index);
                if (first != null) {
                    union(root, first, n.index);
                }
            }
        }
        Map<Integer, Partition> byRoot = new LinkedHashMap<>();
        partitions.clear();
        for (Node n : nodes) {
            Partition part = byRoot.computeIfAbsent(find(root, n.index), r -> {
                Partition np = new Partition(partitions.size(), this);
                partitions.add(np);
                return np;
            });
            boolean wasArmed = n.armed();
            long deadline = n.deadline();
            if (wasArmed) {
                whole.scheduler.cancel(n);
            }
            n.part = part;
            n.forgetPlan(); // which ports cross the cut changed
            if (wasArmed) {
                part.scheduler.schedule(n, deadline);
            }
        }
        now = whole.scheduler.now();
        for (Partition p : partitions) {
            p.scheduler.advanceTo(now);
        }
        // links inside a partition are no cut, whatever their ends
        cut = Long.MAX_VALUE;
        for (Node n : nodes) {
            for (int p = 0; p < n.wiredPorts(); p++) {
                if (n.peer(p) != null && n.peer(p).part != n.part) {
                    cut = Math.min(cut, n.latency(p));
                }
            }
        }
        lookahead = cut;
        setTraceLog(trace);
        this.threads = threads;
        if (threads > 1 && partitions.size() > 1) {
            workers = new Workers(threads);
        }
    }

    private static int find(int[] root, int i) {
        while (root[i] != i) {
            root[i] = root[root[i]];
            i = root[i];
        }
        return i;
    }

    private static void union(int[] root, int a, int b) {
        int ra = find(root, a);
        int rb = find(root, b);
        if (ra != rb) {
            root[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** Stops the worker threads (a partitioned network with more than one thread). */
    public void close() {
        if (workers != null) {
            workers.close();
            workers = null;
        }
    }

    /**
     * A device in the network: its wires, capture points and wake-up timer. A node with one port (most hosts) holds
     * that port's wire in three fields; what only bridges, routers, captured or traced nodes and tools need lives in
     * its {@link More}, made on first need, so an idle host's node is one object.
     */
    public static final class Node extends Scheduler.Event implements Device.Output, Tracer,
            java.util.function.Consumer<Runnable>, io.arplab.stack.ArpWatch {
        private final Device device;
        private final int index;
        /** The partition this node runs in (its clock, queue and backlog; the network through it). */
        private Partition part;
        /** Port 0's wire while the node has no {@link More#peers}: the peer, its port, the latency (ns). */
        private Node peer0;
        private int peerPort0;
        private int latency0;
        /** What a busy node needs (wires of several ports, captures, tracing state, ...), or null. */
        private More more;
        private boolean processRunning;

        /** A node's rarely needed state, made on first need. */
        private static final class More {
            // the wire of each port, as parallel arrays (a flood walks them for thousands of ports); null while the
            // node's one wire is in its own fields
            Node[] peers;
            int[] peerPorts;
            long[] latencies;
            CaptureSink[] captures = NO_CAPTURES;
            CaptureSink tapCapture;
            /** This node's skb counter: the skbaddr of each skb it allocates (per node, so partitions agree). */
            long skbs;
            /** How a flood goes out of its ports, made on its first flood; null when it must be recomputed. */
            FloodPlan plan;
            /** A bridge's index of the hosts a broadcast ARP can change, created with the first watched host port. */
            FloodIndex floodIndex;
            /** The skb of the frame being received while tracing (0: none); a switch forwarding it keeps it. */
            long rxSkb;
            /** That skb came from the bridge's own interface (br_dev_xmit): no receive reset its transport header. */
            boolean rxFromOwnInterface;
            /** Per-namespace state of the tools run on this node, created on first use. */
            java.util.Map<Class<?>, Object> state;
            java.util.ArrayDeque<Runnable> processWaiting;
        }

        private Node(Device device, int index, Partition part) {
            this.device = device;
            this.index = index;
            this.part = part;
        }

        private More more() {
            More m = more;
            return m != null ? m : (more = new More());
        }

        private Network net() {
            return part.network;
        }

        /** Ports with a wire slot: the wire arrays' length, or 1 while port 0's wire is in the node's fields. */
        int wiredPorts() {
            More m = more;
            return m != null && m.peers != null ? m.peers.length : peer0 != null ? 1 : 0;
        }

        long latency(int port) {
            More m = more;
            return m != null && m.peers != null ? m.latencies[port] : latency0;
        }

        private Node[] peers() {
            More m = more;
            return m != null && m.peers != null ? m.peers : NO_NODES;
        }

        private CaptureSink[] captures() {
            More m = more;
            return m != null ? m.captures : NO_CAPTURES;
        }

        private long rxSkb() {
            More m = more;
            return m != null ? m.rxSkb : 0;
        }

        void forgetPlan() {
            if (more != null) {
                more.plan = null;
            }
        }

        /** The time as this node sees it: its partition's clock, or the lab's when the caller acts between runs. */
        public long now() {
            Network net = part.network;
            return net.partitions.size() == 1 ? part.scheduler.now() : Math.max(part.scheduler.now(), net.now);
        }

        public Device device() {
            return device;
        }

        <T> T state(Class<T> type, java.util.function.Supplier<T> create) {
            More m = more();
            if (m.state == null) {
                m.state = new java.util.HashMap<>(2);
            }
            return type.cast(m.state.computeIfAbsent(type, k -> create.get()));
        }

        public String name() {
            return device.name();
        }

        public int index() {
            return index;
        }

        /** The tracer this node's tracepoints go to: the node itself (writing nothing while tracing is off). */
        public Tracer tracer() {
            return this;
        }

        // ----------------------------------------------------------------------------- its tracepoints
        // The node is its own tracer (one object less a host): its name is the comm, index + 1 the pid.

        @Override
        public boolean enabled() {
            return part.log != null;
        }

        @Override
        public void emit(long now, TraceEvent event) {
            TraceSink log = part.log;
            if (log != null) {
                log.event(device.name(), index + 1, now, event);
            }
        }

        @Override
        public void emitAfterSoftirq(long now, java.util.function.Supplier<TraceEvent> event) {
            if (part.log == null) {
                return;
            }
            Partition part = this.part;
            if (part.softirq || part.inFlight == 0) {
                emit(now, event.get());
            } else {
                part.afterSoftirq.add(() -> emit(part.scheduler.now(), event.get()));
            }
        }

        /** This node's tracepoints written to {@code sink}: a sender in another partition emitting them. */
        Tracer into(TraceSink sink) {
            String comm = device.name();
            int pid = index + 1;
            return new Tracer() {
                @Override
                public boolean enabled() {
                    return sink != null;
                }

                @Override
                public void emit(long now, TraceEvent event) {
                    if (sink != null) {
                        sink.event(comm, pid, now, event);
                    }
                }
            };
        }

        /** A kernel-looking skbaddr, unique within the node: its pid in the high bits, a counter below. */
        long nextSkb() {
            return 0xffff_8880_0000_0000L + ((long) (index + 1) << 28) + (++more().skbs) * 0x100;
        }

        // ----------------------------------------------------------------------------- the watch of its port 0
        // A host's port 0 behind a bridge is watched by the bridge's flood index; the node passes on what its device
        // tells, to the index at the other end of its wire (one object less a host).

        @Override
        public void neighbour(int ip, boolean linked) {
            peer(0).more.floodIndex.neighbour(peerPort(0), ip, linked);
        }

        @Override
        public void configChanged() {
            peer(0).more.floodIndex.markDirty(peerPort(0));
        }

        /** The stack's socket readers run as this node's process (HostStack.setReaders). */
        @Override
        public void accept(Runnable read) {
            readSockets(read);
        }

        private void attach(int port, Node peer, int peerPort, long latency) {
            if (port < 0 || port >= device.portCount()) {
                throw new IllegalArgumentException(device.name() + " has no port " + port);
            }
            if (peer(port) != null) {
                throw new IllegalArgumentException(device.name() + " port " + device.portName(port) + " is already connected");
            }
            More m = more;
            if (port == 0 && (m == null || m.peers == null) && latency == (int) latency && !(device instanceof Switch)) {
                peer0 = peer; // one wire: the node's own fields
                peerPort0 = peerPort;
                latency0 = (int) latency;
                return;
            }
            m = wires(port + 1);
            m.peers[port] = peer;
            m.peerPorts[port] = peerPort;
            m.latencies[port] = latency;
            m.plan = null;
        }

        private void detach(int port) {
            More m = more;
            if (m != null && m.peers != null) {
                if (port < m.peers.length) {
                    m.peers[port] = null;
                    m.peerPorts[port] = 0;
                    m.latencies[port] = 0;
                    m.plan = null;
                }
            } else if (port == 0) {
                peer0 = null;
                peerPort0 = 0;
                latency0 = 0;
            }
        }

        /** The wires as arrays of at least {@code ports} slots (port 0's moved in from the node's fields). */
        private More wires(int ports) {
            More m = more();
            if (m.peers == null) {
                m.peers = NO_NODES;
                m.peerPorts = NO_INTS;
                m.latencies = NO_LONGS;
            }
            if (m.peers.length < ports) {
                // grow by a quarter: a bridge with thousands of ports should not carry a doubled array
                int n = Math.max(ports, Math.max(device.portCount(), m.peers.length + (m.peers.length >> 2)));
                m.peers = java.util.Arrays.copyOf(m.peers, n);
                m.peerPorts = java.util.Arrays.copyOf(m.peerPorts, n);
                m.latencies = java.util.Arrays.copyOf(m.latencies, n);
            }
            if (peer0 != null) {
                m.peers[0] = peer0;
                m.peerPorts[0] = peerPort0;
                m.latencies[0] = latency0;
                peer0 = null;
            }
            return m;
        }

        /** The node at the other end of {@code port}'s wire, or null. */
        public Node peer(int port) {
            More m = more;
            if (m != null && m.peers != null) {
                return port < m.peers.length ? m.peers[port] : null;
            }
            return port == 0 ? peer0 : null;
        }

        public int peerPort(int port) {
            More m = more;
            return m != null && m.peers != null ? m.peerPorts[port] : peerPort0;
        }

        /** A host behind {@code port} (a veth end of a switch): its flood index watches it. */
        private void watchHost(int port, Node host, int hostPort) {
            if (device instanceof Switch && host.device instanceof Host) {
                More m = more();
                if (m.floodIndex == null) {
                    m.floodIndex = new FloodIndex(this);
                }
                m.floodIndex.watch(port, host, hostPort);
                m.plan = null;
            }
        }

        /** Records every frame sent or received on {@code port}. */
        public void capture(int port, CaptureSink sink) {
            More m = more();
            if (m.captures.length <= port) {
                m.captures = java.util.Arrays.copyOf(m.captures, Math.max(port + 1, device.portCount()));
            }
            m.captures[port] = sink;
            m.plan = null;
            if (device instanceof Host h && h.port(port).arpWatch() != null) {
                h.port(port).arpWatch().configChanged(); // a captured host always gets its frames
            }
        }

        /** The sink recording {@code port}, or null. */
        public CaptureSink captureOf(int port) {
            CaptureSink[] captures = captures();
            return port < captures.length ? captures[port] : null;
        }

        /** Records every frame the device itself taps (a bridge: each frame crossing it, once). */
        public void captureTap(CaptureSink sink) {
            more().tapCapture = sink;
        }

        @Override
        public void transmit(int port, byte[] frame) {
            long skb = 0;
            if (enabled()) {
                // a switch passes on the skb it received (br_forward); anything else builds a new one
                long rx = rxSkb();
                skb = rx != 0 && device instanceof Switch ? rx : nextSkb();
                more.rxSkb = 0;
            }
            transmit(port, frame, skb);
        }

        private void transmit(int port, byte[] frame, long skb) {
            long now = now();
            part.transmissions++;
            CaptureSink capture = captureOf(port);
            if (capture != null) {
                capture.record(net().epochNanos + now, frame);
            }
            Node peer = peer(port);
            long latency = peer != null ? latency(port) : 0;
            int peerPort = peer != null ? peerPort(port) : 0;
            boolean passUp = false;
            // br_dev_xmit(): a bridge's own interface hands the frame to the bridge inside its transmit
            boolean bridgeXmit = peer != null && latency == 0 && !(device instanceof Switch)
                    && peer.device instanceof Switch;
            if (bridgeXmit) {
                String dev = device.portName(port);
                if (skb != 0) {
                    TraceEvent.emitXmitStart(now, this, dev, skb, frame, TraceEvent.transportOffset(frame, false));
                }
                peer.deliver(now, peerPort, frame, skb, false);
                if (skb != 0) {
                    TraceEvent.emitXmitDone(now, this, dev, skb, frame);
                }
                return;
            }
            if (skb != 0) {
                String dev = device.portName(port);
                boolean internal = peer != null && latency == 0;
                if (internal && device instanceof Switch) {
                    passUp = true; // br_pass_frame_up: the bridge's own interface receives it, no transmit
                } else if (internal || peer == null) {
                    // an unplugged port (or a wire without latency to a non-switch): no peer's netif_rx
                    TraceEvent.emitVethCrossing(now, this, dev, null, null, skb, frame,
                            TraceEvent.transportOffset(frame, device instanceof Switch && !rxFromOwnInterface()));
                } else {
                    // the peer's netif_rx happens in this call (veth_xmit): written where this node's lines go
                    Tracer rx = peer.part == part ? peer : peer.into(part.log);
                    TraceEvent.emitVethCrossing(now, this, dev, rx, peer.device.portName(peerPort), skb,
                            frame, TraceEvent.transportOffset(frame, device instanceof Switch && !rxFromOwnInterface()));
                }
            }
            if (peer == null) {
                return; // an unplugged port: the frame is lost, as on a carrier-less link
            }
            if (peer.part != part) {
                // crosses the cut: joins the peer's partition at the window's barrier (latency >= lookahead); the
                // sending call does not wait for it (another partition's softirq)
                part.outgoing.add(new Partition.Crossing(now + latency, peer, peerPort, frame, skb));
                return;
            }
            part.inFlight++;
            part.scheduler.schedule(new Delivery(peer, peerPort, frame, skb, passUp, joinCascade(part)),
                    now + latency);
        }

        private boolean rxFromOwnInterface() {
            return more != null && more.rxFromOwnInterface;
        }

        @Override
        public int portCount() {
            return device.portCount();
        }

        /** A port a flood may batch: wired inside the partition, not captured, not traced. */
        private boolean plain(int p) {
            Node peer = peer(p);
            return peer != null && peer.part == part && captureOf(p) == null && !enabled();
        }

        private FloodPlan floodPlan() {
            More m = wires(peer0 != null ? 1 : 0);
            FloodPlan plan = m.plan;
            if (plan == null || plan.portCount != device.portCount()) {
                Node[] peers = peers();
                long[] latencies = m.latencies;
                CaptureSink[] captures = m.captures;
                FloodIndex floodIndex = m.floodIndex;
                long[] g = new long[0];
                int[] counts = new int[0];
                int[] captured = NO_INTS;
                int[] unwatched = new int[4];
                int nUnwatched = 0;
                int wired = 0;
                int crossing = 0;
                int n = Math.min(device.portCount(), peers.length);
                for (int p = 0; p < n; p++) {
                    if (peers[p] == null) {
                        continue;
                    }
                    wired++;
                    if (peers[p].part != part) {
                        crossing++;
                    }
                    if (p < captures.length && captures[p] != null) {
                        captured = java.util.Arrays.copyOf(captured, captured.length + 1);
                        captured[captured.length - 1] = p;
                    }
                    if (floodIndex == null || latencies[p] == 0 || !(peers[p].device instanceof Host)) {
                        if (nUnwatched == unwatched.length) {
                            unwatched = java.util.Arrays.copyOf(unwatched, nUnwatched * 2);
                        }
                        unwatched[nUnwatched++] = p;
                    }
                    int at = -1;
                    for (int i = 0; i < g.length; i++) {
                        at = g[i] == latencies[p] ? i : at;
                    }
                    if (at < 0) {
                        at = g.length;
                        g = java.util.Arrays.copyOf(g, g.length + 1);
                        counts = java.util.Arrays.copyOf(counts, counts.length + 1);
                        g[at] = latencies[p];
                    }
                    counts[at]++;
                }
                // the batched groups are the latencies of plain ports (wired, not captured, not traced)
                long[] plainGroups = new long[0];
                int[] plainCounts = new int[0];
                for (int i = 0; i < g.length && !enabled(); i++) {
                    boolean anyPlain = false;
                    for (int p = 0; p < n && !anyPlain; p++) {
                        anyPlain = latencies[p] == g[i] && plain(p);
                    }
                    if (anyPlain) {
                        plainGroups = java.util.Arrays.copyOf(plainGroups, plainGroups.length + 1);
                        plainCounts = java.util.Arrays.copyOf(plainCounts, plainCounts.length + 1);
                        plainGroups[plainGroups.length - 1] = g[i];
                        plainCounts[plainCounts.length - 1] = counts[i];
                    }
                }
                plan = new FloodPlan(plainGroups, plainCounts, captured, java.util.Arrays.copyOf(unwatched, nUnwatched),
                        wired, crossing, device.portCount());
                m.plan = plan;
                for (int p = 0; p < n && floodIndex != null; p++) {
                    for (int i = 0; i < plainGroups.length; i++) {
                        if (peers[p] != null && latencies[p] == plainGroups[i] && peers[p].device instanceof Host h) {
                            h.port(m.peerPorts[p]).joinFloodGroup(plan.totals[i]);
                        }
                    }
                }
            }
            return plan;
        }

        /**
         * A flood, in br_flood()'s order: br->port_list from its head, where br_add_if() puts each new port, so the
         * newest port first and the bridge's own interface (port 0, br_pass_frame_up after the flood) last. When every
         * port is plain, the ports of each wire latency get one batched delivery event walking that order.
         */
        @Override
        public void flood(int exceptPort, byte[] frame) {
            long now = now();
            int n = device.portCount();
            FloodPlan fp = floodPlan();
            // batched when every wired port but the ingress one is plain
            boolean exceptWired = exceptPort >= 0 && exceptPort < n && peer(exceptPort) != null;
            boolean batch = fp.wired - (exceptWired ? 1 : 0) == 0 || fp.crossing == 0 && !enabled()
                    && (fp.captured.length == 0 || fp.captured.length == 1 && fp.captured[0] == exceptPort);
            if (!batch) {
                // br_flood: every port but the last gets a clone (deliver_clone), the last the original skb
                long original = rxSkb();
                if (more != null) {
                    more.rxSkb = 0;
                }
                int last = exceptPort == 0 ? 1 : 0;
                for (int p = n - 1; p >= 0; p--) {
                    if (p != exceptPort) {
                        long skb = !enabled() ? 0 : p == last && original != 0 ? original : nextSkb();
                        transmit(p, frame, skb);
                    }
                }
                return;
            }
            for (long latency : floodPlan().groups) {
                part.inFlight++;
                part.scheduler.schedule(new FloodDelivery(this, exceptPort, latency, frame, joinCascade(part)),
                        now + latency);
            }
        }

        /** Delivers a batched flood to every plain port with the batch's latency (see {@link #flood}). */
        void deliverFlood(long now, int exceptPort, long latency, byte[] frame) {
            More m = wires(peer0 != null ? 1 : 0);
            Node[] ps = peers();
            long[] ls = m.latencies;
            int[] pp = m.peerPorts;
            int n = Math.min(device.portCount(), ps.length);
            FloodIndex floodIndex = m.floodIndex;
            FloodPlan fp = floodIndex != null && net().indexedFloods && FloodIndex.indexable(frame) ? floodPlan() : null;
            long[] totals = null;
            int all = 0;
            for (int i = 0; fp != null && i < fp.groups.length; i++) {
                all += fp.groups[i] == latency ? fp.groupPorts[i] : 0;
                totals = fp.groups[i] == latency ? fp.totals[i] : totals;
            }
            if (totals != null) { // (a plan made since the flood was batched may lack its latency: deliver to all)
                if (exceptPort >= 0 && exceptPort < n && ps[exceptPort] != null && ls[exceptPort] == latency) {
                    all--;
                    if (ps[exceptPort].device instanceof Host h) {
                        h.port(pp[exceptPort]).floodSeen(frame.length);
                    }
                }
                // the hosts skipped still count the frame (ip -s link): the group's totals, read lazily
                totals[0]++;
                totals[1] += frame.length;
                int[] c = floodIndex.candidates(frame, fp.unwatched);
                int delivered = 0;
                for (int i = c[0]; i >= 1; i--) {
                    int p = c[i];
                    if (p != exceptPort && p < n && ps[p] != null && ls[p] == latency) {
                        part.transmissions++;
                        delivered++;
                        if (ps[p].device instanceof Host h) {
                            h.port(pp[p]).floodSeen(frame.length);
                        }
                        ps[p].deliver(now, pp[p], frame, 0, false);
                    }
                }
                // the other hosts would check the frame and change nothing: their deliveries are counted
                part.transmissions += all - delivered;
                part.deliveries += all - delivered;
                part.skipped += all - delivered;
                return;
            }
            for (int p = n - 1; p >= 0; p--) {
                if (p != exceptPort && ps[p] != null && ls[p] == latency) {
                    part.transmissions++;
                    ps[p].deliver(now, pp[p], frame, 0, false);
                }
            }
        }

        @Override
        public void tap(byte[] frame) {
            if (more != null && more.tapCapture != null) {
                more.tapCapture.record(net().epochNanos + now(), frame);
            }
        }

        /**
         * A frame arrives on {@code port} with the sender's skb ({@code skb}, 0 when not traced): from a veth's
         * backlog (process_backlog → __netif_receive_skb), or, {@code passUp}, handed up by a bridge
         * (br_pass_frame_up → netif_receive_skb), or from the bridge's own interface (br_dev_xmit: no receive).
         */
        void deliver(long now, int port, byte[] frame, long skb, boolean passUp) {
            part.deliveries++;
            CaptureSink capture = captureOf(port);
            if (capture != null && device.admits(port, frame)) {
                capture.record(net().epochNanos + now, frame);
            }
            boolean traced = enabled();
            if (traced) {
                String dev = device.portName(port);
                int len = Math.max(0, frame.length - 14);
                if (skb == 0) {
                    skb = nextSkb(); // a frame from a sender that did not trace
                }
                if (passUp) {
                    emit(now, new TraceEvent.RxEntry(TraceEvent.RxEntryPoint.NETIF_RECEIVE_SKB_ENTRY, dev, skb,
                            TraceEvent.protocol(frame), len, TraceEvent.truesize(frame.length)));
                }
                boolean fromOwnInterface = port < wiredPorts() && latency(port) == 0 && device instanceof Switch;
                if (!fromOwnInterface) {
                    emit(now, new TraceEvent.NetDev(TraceEvent.NetPoint.NETIF_RECEIVE_SKB, dev, skb, len));
                }
                More m = more();
                m.rxSkb = skb;
                m.rxFromOwnInterface = fromOwnInterface;
            }
            device.receive(now, port, frame, this);
            More m = more;
            if (m != null) {
                m.rxSkb = 0;
                m.rxFromOwnInterface = false;
            }
            if (traced && passUp) {
                emit(now, new TraceEvent.RxExit(TraceEvent.RxExitPoint.NETIF_RECEIVE_SKB_EXIT, 0));
            }
            reschedule();
        }

        /** Re-arms the wake-up timer at the device's next deadline. */
        public void reschedule() {
            long d = device.nextDeadline();
            if (d == Long.MAX_VALUE) {
                if (armed()) {
                    part.scheduler.cancel(this);
                }
            } else if (d != deadline()) {
                part.scheduler.schedule(this, Math.max(d, now()));
            }
        }

        @Override
        protected void fire(long now) {
            boolean outer = part.enterSoftirq();
            Cascade outerCall = part.cascade;
            part.cascade = null; // a timer's work belongs to no system call
            device.advance(now, this);
            part.softirq = outer;
            part.cascade = outerCall;
            reschedule();
        }

        Partition part() {
            return part;
        }

        /**
         * Runs {@code code} as the node's process (a tool's start, timer or socket read). A process is one thread:
         * what would wake it while it runs (a timer, data on its sockets) waits until it has finished, as a program
         * sees answers that came during its sendto() only when it next polls.
         */
        public void process(Runnable code) {
            if (processRunning) {
                More m = more();
                if (m.processWaiting == null) {
                    m.processWaiting = new java.util.ArrayDeque<>(2);
                }
                m.processWaiting.add(code);
                return;
            }
            processRunning = true;
            boolean outer = part.softirq;
            part.softirq = false;
            try {
                code.run();
                Runnable next;
                while (more != null && more.processWaiting != null && (next = more.processWaiting.poll()) != null) {
                    next.run();
                }
            } finally {
                processRunning = false;
                part.softirq = outer;
            }
        }

        /**
         * Wakes the readers of the node's sockets: what the softirq queued while the process runs waits for it, what
         * the process's own system call queued (a local error) is there when the call returns.
         */
        void readSockets(Runnable read) {
            if (processRunning && !part.softirq) {
                read.run();
            } else {
                process(read);
            }
        }

        Network network() {
            return part.network;
        }

        @Override
        public String toString() {
            return device.name();
        }
    }

    /** The system call a frame sent now in {@code part} belongs to (counted in it), or null. */
    private static Cascade joinCascade(Partition part) {
        if (part.cascade != null) {
            part.cascade.pending++;
        }
        return part.cascade;
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
            Partition part = from.part();
            Cascade outerCall = part.cascade;
            boolean outer = part.enterSoftirq(call);
            try {
                from.deliverFlood(now, exceptPort, latency, frame);
            } finally {
                part.leaveSoftirq(outer, outerCall, call);
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
            Partition part = node.part();
            Cascade outerCall = part.cascade;
            boolean outer = part.enterSoftirq(call);
            try {
                node.deliver(now, port, frame, skb, passUp);
            } finally {
                part.leaveSoftirq(outer, outerCall, call);
            }
        }
    }
}
