package io.arplab.api;

import io.arplab.device.Host;
import io.arplab.observe.TraceLog;
import io.arplab.report.HtmlReport;
import io.arplab.report.LabGraph;
import io.arplab.report.Recording;
import io.arplab.report.RunRecorder;
import io.arplab.topo.Topology;
import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyLoader;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import io.arplab.wire.filter.PacketFilter;
import io.arplab.wire.pcap.PcapWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A network of Linux hosts and bridges in virtual time, for tests: load it from a lab file (arplab's format or a
 * docker-compose file) or build it in code, run the tools people know in its nodes, put forged frames on its
 * wires, and read what every interface saw. Closing it writes the captures to the pcap directory, if one was given.
 * <pre>{@code
 * try (Lab lab = Lab.fromYaml(Path.of("examples/arp-lab/lab.yaml"))) {
 *     PingResult r = lab.node("node1").ping("node3", 2);          // 2 requests, 2 replies
 *     lab.advance(Duration.ofSeconds(60));                        // node1's entry for node3 goes STALE
 *     Capture arp = lab.capture("node1", "eth0").filter("arp");   // as tcpdump -r FILE arp
 * }
 * }</pre>
 * Every frame of every host interface, the kernel's tracepoints and the neighbour state changes are recorded from
 * the start, so a failing test can write the pcaps ({@link #writePcaps}), the trace ({@link #writeTrace}) and the
 * HTML report ({@link #writeReport}). The same lab file, calls and seed give byte-identical results.
 */
public final class Lab implements AutoCloseable {
    /** The seed {@code arplab run} uses unless told otherwise. */
    public static final long DEFAULT_SEED = 1;
    /** 2024-01-01T00:00:00Z: the wall clock at virtual time 0 unless told otherwise (as {@code arplab run}). */
    public static final Instant DEFAULT_EPOCH = Instant.ofEpochSecond(io.arplab.lab.Lab.DEFAULT_EPOCH / 1_000_000_000L);

    private final io.arplab.lab.Lab engine;
    private final Topology topology;
    private final RunRecorder recorder;
    private final StringWriter trace = new StringWriter();
    private final TraceLog traceLog = new TraceLog(trace);
    private final Map<String, List<CapturedFrame>> frames = new LinkedHashMap<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Consumer<CapturedFrame>> frameListeners = new ArrayList<>();
    private final List<Consumer<NeighbourChange>> neighbourListeners = new ArrayList<>();
    private final Path pcapDir;
    private boolean closed;

    private Lab(Topology topology, long seed, long epochNanos, Path pcapDir) {
        this.topology = topology;
        this.pcapDir = pcapDir;
        this.engine = TopologyBuilder.build(topology, seed, epochNanos);
        this.recorder = RunRecorder.attach(engine, traceLog);
        recorder.onNeighbour(this::neighbourChanged);
        for (Map.Entry<String, Host> e : engine.hosts().entrySet()) {
            Host h = e.getValue();
            nodes.put(e.getKey(), new Node(this, e.getKey(), h));
            for (int p = 0; p < h.portCount(); p++) {
                String node = e.getKey();
                String ifname = h.portName(p);
                List<CapturedFrame> list = new ArrayList<>();
                frames.put(node + " " + ifname, list);
                recorder.capture(node, ifname, (stamp, frame) -> {
                    CapturedFrame f = new CapturedFrame(stamp - engine.epochNanos(), stamp, node, ifname, frame.clone());
                    list.add(f);
                    for (Consumer<CapturedFrame> l : frameListeners) {
                        l.accept(f);
                    }
                });
            }
        }
    }

    /** Loads a lab file (arplab's format or docker-compose) with the default seed; see {@link #builder()}. */
    public static Lab fromYaml(Path file) {
        return builder().file(file).build();
    }

    /**
     * Loads a lab from YAML text (arplab's format or docker-compose) with the default seed; one line ending in
     * {@code .yaml} or {@code .yml} is a file's path instead ({@code Lab.fromYaml("lab.yaml")}).
     */
    public static Lab fromYaml(String yaml) {
        if (yaml.indexOf('\n') < 0 && (yaml.endsWith(".yaml") || yaml.endsWith(".yml"))) {
            return fromYaml(Path.of(yaml));
        }
        return builder().yaml(yaml).build();
    }

    /** A lab file, or networks and hosts in code, with a seed, an epoch and a pcap directory. */
    public static Builder builder() {
        return new Builder();
    }

    /** The host named {@code name}. */
    public Node node(String name) {
        open();
        return known(name);
    }

    private Node known(String name) {
        Node n = nodes.get(name);
        if (n == null) {
            throw new IllegalArgumentException("unknown node '" + name + "' (nodes: " + String.join(" ", nodes.keySet())
                    + ")");
        }
        return n;
    }

    /** Every host, in the order the lab made them (the bridge host first when there is one). */
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    /** Virtual time since the lab started. */
    public Duration now() {
        return Duration.ofNanos(engine.now());
    }

    /** Lets {@code time} pass in the lab: timers fire, frames travel, tools in the background run. */
    public void advance(Duration time) {
        open();
        if (time.isNegative()) {
            throw new IllegalArgumentException("advance by " + time + ": time only moves forward");
        }
        engine.runFor(time.toNanos());
    }

    /**
     * Runs the lab event by event until {@code condition} holds (checked before each event) or {@code timeout} of
     * virtual time has passed; returns whether it holds. The clock stops at the event that made it true.
     */
    public boolean runUntil(BooleanSupplier condition, Duration timeout) {
        open();
        long deadline = engine.now() + timeout.toNanos();
        io.arplab.sim.Scheduler s = engine.network().scheduler();
        while (!condition.getAsBoolean()) {
            if (s.nextEventTime() > deadline) {
                engine.network().runUntil(deadline);
                return condition.getAsBoolean();
            }
            s.step();
        }
        return true;
    }

    /** Runs a command line on node {@code node} to completion ({@link Node#exec}). */
    public ExecResult exec(String node, String commandLine) {
        open();
        node(node);
        io.arplab.lab.Lab.Result r = engine.exec(node, commandLine);
        return new ExecResult(node, commandLine, r.exitCode(), r.stdout(), r.stderr());
    }

    /**
     * What interface {@code ifname} of {@code node} has seen so far, oldest first (also after the lab is closed).
     *
     * @throws IllegalArgumentException naming the node and interface when there is no such capture point
     */
    public Capture capture(String node, String ifname) {
        Node n = known(node);
        List<CapturedFrame> list = frames.get(node + " " + ifname);
        if (list == null) {
            throw new IllegalArgumentException(node + " has no interface '" + ifname + "' (interfaces: "
                    + String.join(" ", n.interfaces()) + ")");
        }
        return new Capture(node, ifname, "", list);
    }

    /** Calls {@code listener} with every frame any host interface sees, as it is seen. */
    public void onFrame(Consumer<CapturedFrame> listener) {
        frameListeners.add(listener);
    }

    /** Calls {@code listener} whenever a neighbour entry of any host changes state. */
    public void onNeighbourChange(Consumer<NeighbourChange> listener) {
        neighbourListeners.add(listener);
    }

    private void neighbourChanged(Recording.NeighChange c) {
        if (neighbourListeners.isEmpty()) {
            return;
        }
        NeighbourChange n = new NeighbourChange(Duration.ofNanos(c.time()), c.host(), c.dev(), Ipv4Address.parse(c.ip()),
                c.lladdr().isEmpty() ? Optional.empty() : Optional.of(MacAddress.parse(c.lladdr())), c.state(), c.cause());
        for (Consumer<NeighbourChange> l : neighbourListeners) {
            l.accept(n);
        }
    }

    /**
     * Writes every host interface's capture to {@code dir} as {@code arplab run --pcap-dir} names them
     * ({@code NODE.pcap} for a node's first interface, {@code NODE-IF.pcap} for the others; bridges' own interfaces
     * are left out, as there) and returns the files written. tcpdump and Wireshark read them.
     */
    public List<Path> writePcaps(Path dir) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, Host> e : engine.hosts().entrySet()) {
                Host h = e.getValue();
                boolean first = true;
                for (int p = 0; p < h.portCount(); p++) {
                    String ifname = h.portName(p);
                    List<CapturedFrame> seen = frames.get(e.getKey() + " " + ifname);
                    if (seen == null || engine.bridges().containsKey(ifname) || engine.ovsBridges().containsKey(ifname)) {
                        continue; // a bridge's own interface (its frames are the bridge's), or one made after the start
                    }
                    Path file = dir.resolve(first ? e.getKey() + ".pcap" : e.getKey() + "-" + ifname + ".pcap");
                    first = false;
                    try (PcapWriter w = PcapWriter.ethernet(Files.newOutputStream(file))) {
                        for (CapturedFrame f : seen) {
                            w.write(f.epochNanos(), f.data(), 0, f.length());
                        }
                    }
                    written.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write captures: " + e.getMessage(), e);
        }
        return Collections.unmodifiableList(written);
    }

    /** The kernel's tracepoints so far, as {@code perf script} prints them. */
    public String trace() {
        traceLog.flush();
        return trace.toString();
    }

    /** Writes {@link #trace()} to {@code file}. */
    public Path writeTrace(Path file) {
        return write(file, trace());
    }

    /** Writes the HTML report of the run so far (topology, ladder of frames, neighbour states) to {@code file}. */
    public Path writeReport(Path file) {
        return write(file, HtmlReport.render(LabGraph.of(engine, topology), recorder.recording(), PacketFilter.ALL));
    }

    private static Path write(Path file, String text) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
        return file;
    }

    /** The engine underneath, for what this API does not cover yet (its classes may change between versions). */
    public io.arplab.lab.Lab engine() {
        return engine;
    }

    /** The checked topology the lab was built from. */
    public Topology topology() {
        return topology;
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the lab is closed");
        }
    }

    /** Writes the captures to the pcap directory, if the builder was given one, and releases the lab. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (pcapDir != null) {
                writePcaps(pcapDir);
            }
        } finally {
            engine.close();
        }
    }

    /**
     * How to make a {@link Lab}: from a file or YAML text, or networks and hosts in code (written as an arplab lab
     * file and read by the same loader, so the same defaults and errors apply); the seed, the epoch, where the
     * captures go.
     * <pre>{@code
     * Lab lab = Lab.builder().seed(42)
     *         .network("lan", "10.0.0.0/24")              // a bridge; the host's gateway address 10.0.0.1
     *         .host("a", "lan", "10.0.0.2")
     *         .host("b", "lan", "10.0.0.3")
     *         .sysctl("b", "net.ipv4.conf.eth0.arp_accept", 1)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private Path file;
        private String yaml;
        private long seed = DEFAULT_SEED;
        private long epochNanos = io.arplab.lab.Lab.DEFAULT_EPOCH;
        private Path pcapDir;
        private final Map<String, String> networks = new LinkedHashMap<>();
        private final Map<String, List<String>> hosts = new LinkedHashMap<>();
        private final Map<String, Map<String, Long>> sysctls = new LinkedHashMap<>();

        private Builder() {}

        /** Reads the lab from {@code file} (arplab's format, or docker-compose when it has {@code services:}). */
        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        /** Reads the lab from YAML text. */
        public Builder yaml(String text) {
            this.yaml = text;
            return this;
        }

        /** The seed: the random choices the lab makes (Docker's veth names, reachable_time draws, jiffies). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The wall clock at virtual time 0 (capture time stamps, dates tools print). */
        public Builder epoch(Instant epoch) {
            this.epochNanos = epoch.getEpochSecond() * 1_000_000_000L + epoch.getNano();
            return this;
        }

        /** Where {@link Lab#close()} writes every host interface's capture ({@link Lab#writePcaps}). */
        public Builder pcapDir(Path dir) {
            this.pcapDir = dir;
            return this;
        }

        /** A network (a Linux bridge) on {@code subnet}; the bridge host's address on it is the first of it. */
        public Builder network(String name, String subnet) {
            networks.put(name, "{subnet: " + quote(subnet) + "}");
            return this;
        }

        /** A network with the bridge host's {@code gateway} address on it ({@code "none"}: not on it). */
        public Builder network(String name, String subnet, String gateway) {
            networks.put(name, "{subnet: " + quote(subnet) + ", gateway: " + quote(gateway) + "}");
            return this;
        }

        /** A host with one interface per call on {@code network}, at {@code address} (eth0, eth1 ... in order). */
        public Builder host(String name, String network, String address) {
            hosts.computeIfAbsent(name, k -> new ArrayList<>())
                    .add("{network: " + quote(network) + ", address: " + quote(address) + "}");
            return this;
        }

        /** A host with an interface on {@code network}, its address the next free one (as Docker chooses). */
        public Builder host(String name, String network) {
            hosts.computeIfAbsent(name, k -> new ArrayList<>()).add("{network: " + quote(network) + "}");
            return this;
        }

        /** A sysctl written when the host is set up ({@code net.ipv4.conf.eth0.arp_accept}, 1). */
        public Builder sysctl(String host, String key, long value) {
            sysctls.computeIfAbsent(host, k -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        /** Loads or builds the lab; a bad file is a {@link io.arplab.topo.TopologyException} ({@code FILE:LINE:COL: what}). */
        public Lab build() {
            TopologyLoader.Loaded loaded;
            int sources = (file != null ? 1 : 0) + (yaml != null ? 1 : 0) + (networks.isEmpty() && hosts.isEmpty() ? 0 : 1);
            if (sources != 1) {
                throw new IllegalArgumentException(sources == 0 ? "no lab: give a file, YAML text, or networks and hosts"
                        : "give one of a file, YAML text, or networks and hosts");
            }
            if (file != null) {
                loaded = TopologyLoader.load(file);
            } else if (yaml != null) {
                loaded = TopologyLoader.parse("<yaml>", yaml, "");
            } else {
                loaded = TopologyLoader.parse("<builder>", labFile(), "");
            }
            return new Lab(loaded.topology(), seed, epochNanos, pcapDir);
        }

        /** The networks and hosts as an arplab lab file. */
        String labFile() {
            StringWriter s = new StringWriter();
            PrintWriter w = new PrintWriter(s);
            w.println("networks:");
            networks.forEach((name, spec) -> w.println("  " + quote(name) + ": " + spec));
            w.println("hosts:");
            for (Map.Entry<String, List<String>> h : hosts.entrySet()) {
                StringBuilder sb = new StringBuilder("  " + quote(h.getKey()) + ": {interfaces: ["
                        + String.join(", ", h.getValue()) + "]");
                Map<String, Long> sys = sysctls.get(h.getKey());
                if (sys != null) {
                    List<String> kv = new ArrayList<>();
                    sys.forEach((k, v) -> kv.add(quote(k) + ": " + v));
                    sb.append(", sysctls: {").append(String.join(", ", kv)).append('}');
                }
                w.println(sb.append('}'));
            }
            for (String h : sysctls.keySet()) {
                if (!hosts.containsKey(h)) {
                    throw new IllegalArgumentException("sysctl for unknown host '" + h + "'");
                }
            }
            w.flush();
            return s.toString();
        }

        private static String quote(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }
}
