package io.arplab.sim;

import io.arplab.device.Device;
import io.arplab.device.Host;
import io.arplab.observe.CaptureSink;
import io.arplab.observe.TraceSink;
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

    final long epochNanos;
    private final List<NetworkNode> nodes = new ArrayList<>();
    /** Nodes by name, for lookups only (an open-addressing table of their indexes). */
    private final io.arplab.device.NameHash byName = new io.arplab.device.NameHash(i -> nodes.get(i).name());
    private TraceSink trace;
    static final NetworkNode[] NO_NODES = new NetworkNode[0];
    static final int[] NO_INTS = new int[0];
    static final long[] NO_LONGS = new long[0];
    static final CaptureSink[] NO_CAPTURES = new CaptureSink[0];

    /** One partition (the whole lab) until {@link #partition} cuts it at its point-to-point links. */
    final List<Partition> partitions = new ArrayList<>(List.of(new Partition(0, this)));
    /** The smallest latency of a cut link: how far a window reaches (Long.MAX_VALUE: nothing crosses). */
    private long lookahead = Long.MAX_VALUE;
    /** The end (exclusive) of the open synchronisation window, or {@link #NO_WINDOW}. */
    private long windowEnd = NO_WINDOW;
    private static final long NO_WINDOW = Long.MIN_VALUE;
    /** The lab's clock as the caller sees it between runs (partitions may lag behind it until they next act). */
    long now;
    private Workers workers;
    /** Synchronisation windows opened so far, and frames that crossed the cut. */
    private long windows;
    private long crossings;
    private int threads = 1;
    /** Work done in windows (events fired and frames delivered), and what a window's busiest thread must do at least. */
    private long windowEvents;
    private long windowSpan;
    /** Floods of broadcast ARP reach only the hosts they can change ({@link FloodIndex}); false: every port. */
    boolean indexedFloods = !"full".equals(System.getProperty("arplab.floods"));

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

    public List<NetworkNode> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public NetworkNode node(String name) {
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
        for (NetworkNode n : nodes) {
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


    public NetworkNode add(Device device) {
        if (partitions.size() > 1) {
            throw new IllegalStateException("a partitioned network takes no new node (" + device.name() + ")");
        }
        if (byName.get(device.name()) >= 0) {
            throw new IllegalArgumentException("duplicate node name '" + device.name() + "'");
        }
        NetworkNode n = new NetworkNode(device, nodes.size(), partitions.get(partitions.size() - 1));
        if (device instanceof io.arplab.device.Host h) {
            h.stack().setReaders(n); // a socket's reader is the node's process
        }
        nodes.add(n);
        byName.add(n.index());
        n.reschedule();
        return n;
    }

    /** Connects two ports with a full-duplex wire of the given one-way latency. */
    public void connect(NetworkNode a, int portA, NetworkNode b, int portB, long latency) {
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
    public void disconnect(NetworkNode a, int portA) {
        if (partitions.size() > 1) {
            throw new IllegalStateException("a partitioned network takes no wire away (" + a + ")");
        }
        NetworkNode b = a.peer(portA);
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
    public void act(NetworkNode node, Consumer<Device.Output> action) {
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
        drain(part, call);
    }

    /**
     * do_softirq() at a local_bh_enable() in the middle of {@code node}'s system call (between the fragments of one
     * datagram: __neigh_event_send() or __dev_queue_xmit() re-enabling bottom halves): what the call sent so far is
     * carried on before it goes on. Nothing in softirq context or outside a call.
     */
    void softirq(NetworkNode node) {
        Partition part = node.part;
        if (part.softirq || part.cascade == null || part.draining) {
            return;
        }
        node.reschedule();
        drain(part, part.cascade);
    }

    private void drain(Partition part, Cascade call) {
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
    public Scheduler.Event at(NetworkNode node, long time, java.util.function.LongConsumer action) {
        return node.part.scheduler.at(time, action);
    }

    /** Cancels an event made by {@link #at}. */
    public void cancel(NetworkNode node, Scheduler.Event e) {
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
                    part.scheduler.schedule(new NetworkNode.Delivery(c.node(), c.port(), c.frame(), c.skb(), false, null), c.arrival());
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
        for (NetworkNode n : nodes) {
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
        for (NetworkNode n : nodes) {
            for (int p = 0; p < n.wiredPorts(); p++) {
                NetworkNode peer = n.peer(p);
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
        for (NetworkNode n : nodes) {
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
        for (NetworkNode n : nodes) {
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
}
