package io.arplab.sim;

import io.arplab.device.Device;
import io.arplab.device.Host;
import io.arplab.device.Switch;
import io.arplab.observe.CaptureSink;
import io.arplab.observe.TraceSink;
import io.arplab.stack.TraceEvent;
import io.arplab.stack.Tracer;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A device in the network: its wires, capture points and wake-up timer. A node with one port (most hosts) holds
 * that port's wire in three fields; what only bridges, routers, captured or traced nodes and tools need lives in
 * its {@link More}, made on first need, so an idle host's node is one object.
 */
public final class NetworkNode extends Scheduler.Event implements Device.Output, Tracer,
        java.util.function.Consumer<Runnable>, io.arplab.stack.ArpWatch {
    final Device device;
    final int index;
    /** The partition this node runs in (its clock, queue and backlog; the network through it). */
    Partition part;
    /** Port 0's wire while the node has no {@link More#peers}: the peer, its port, the latency (ns). */
    private NetworkNode peer0;
    private int peerPort0;
    private int latency0;
    /** What a busy node needs (wires of several ports, captures, tracing state, ...), or null. */
    private More more;
    private boolean processRunning;

    /** A node's rarely needed state, made on first need. */
    private static final class More {
        // the wire of each port, as parallel arrays (a flood walks them for thousands of ports); null while the
        // node's one wire is in its own fields
        NetworkNode[] peers;
        int[] peerPorts;
        long[] latencies;
        CaptureSink[] captures = Network.NO_CAPTURES;
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

    NetworkNode(Device device, int index, Partition part) {
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

    private NetworkNode[] peers() {
        More m = more;
        return m != null && m.peers != null ? m.peers : Network.NO_NODES;
    }

    private CaptureSink[] captures() {
        More m = more;
        return m != null ? m.captures : Network.NO_CAPTURES;
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

    void attach(int port, NetworkNode peer, int peerPort, long latency) {
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

    void detach(int port) {
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
            m.peers = Network.NO_NODES;
            m.peerPorts = Network.NO_INTS;
            m.latencies = Network.NO_LONGS;
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
    public NetworkNode peer(int port) {
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
    void watchHost(int port, NetworkNode host, int hostPort) {
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
        NetworkNode peer = peer(port);
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
        NetworkNode peer = peer(p);
        return peer != null && peer.part == part && captureOf(p) == null && !enabled();
    }

    private FloodPlan floodPlan() {
        More m = wires(peer0 != null ? 1 : 0);
        FloodPlan plan = m.plan;
        if (plan == null || plan.portCount != device.portCount()) {
            NetworkNode[] peers = peers();
            long[] latencies = m.latencies;
            CaptureSink[] captures = m.captures;
            FloodIndex floodIndex = m.floodIndex;
            long[] g = new long[0];
            int[] counts = new int[0];
            int[] captured = Network.NO_INTS;
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
        NetworkNode[] ps = peers();
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
        Network.Cascade outerCall = part.cascade;
        part.cascade = null; // a timer's work belongs to no system call
        device.advance(now, this);
        part.softirq = outer;
        part.cascade = outerCall;
        reschedule();
    }

    Partition part() {
        return part;
    }

    @Override
    public void doSoftirq() {
        part.network.softirq(this);
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
        } else if (part.softirq && part.inFlight > 0) {
            // sock_def_readable()/sk_error_report() in NET_RX only wake the task: it runs once the softirq has
            // drained the CPU's backlog (process_backlog()), so it reads everything that backlog brought at once
            Partition p = part;
            p.afterSoftirq.add(() -> process(read));
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

    /** The system call a frame sent now in {@code part} belongs to (counted in it), or null. */
    private static Network.Cascade joinCascade(Partition part) {
        if (part.cascade != null) {
            part.cascade.pending++;
        }
        return part.cascade;
    }

    /** A frame's arrival at a node, run in the softirq of the system call that sent it (its cascade), if any. */
    private abstract static class SoftirqEvent extends Scheduler.Event {
        final NetworkNode node;
        private final Network.Cascade call;

        SoftirqEvent(NetworkNode node, Network.Cascade call) {
            this.node = node;
            this.call = call;
        }

        abstract void deliver(long now);

        @Override
        protected final void fire(long now) {
            Partition part = node.part();
            Network.Cascade outerCall = part.cascade;
            boolean outer = part.enterSoftirq(call);
            try {
                deliver(now);
            } finally {
                part.leaveSoftirq(outer, outerCall, call);
            }
        }
    }

    private static final class FloodDelivery extends SoftirqEvent {
        private final int exceptPort;
        private final long latency;
        private final byte[] frame;

        FloodDelivery(NetworkNode from, int exceptPort, long latency, byte[] frame, Network.Cascade call) {
            super(from, call);
            this.exceptPort = exceptPort;
            this.latency = latency;
            this.frame = frame;
        }

        @Override
        void deliver(long now) {
            node.deliverFlood(now, exceptPort, latency, frame);
        }
    }

    static final class Delivery extends SoftirqEvent {
        private final int port;
        private final byte[] frame;
        /** The sender's skb, so a frame keeps its identity across the wire (0: not traced). */
        private final long skb;
        private final boolean passUp;

        Delivery(NetworkNode node, int port, byte[] frame, long skb, boolean passUp, Network.Cascade call) {
            super(node, call);
            this.port = port;
            this.frame = frame;
            this.skb = skb;
            this.passUp = passUp;
        }

        @Override
        void deliver(long now) {
            node.deliver(now, port, frame, skb, passUp);
        }
    }
}
