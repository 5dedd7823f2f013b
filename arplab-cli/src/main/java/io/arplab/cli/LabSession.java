package io.arplab.cli;

import io.arplab.device.LinuxBridge;
import io.arplab.lab.Lab;
import io.arplab.observe.TraceLog;
import io.arplab.report.RunRecorder;
import io.arplab.topo.TopologyException;
import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A lab loaded from a file with its capture files and trace log: set up, flushed between commands, closed. */
final class LabSession implements AutoCloseable {
    final Lab lab;
    final io.arplab.topo.Topology topology;
    /** Records the run for --report, or null. */
    final RunRecorder recorder;
    private final Evidence evidence;
    private final Thread onSignal;
    private TraceLog traceLog;

    /** The topology must be a readable file before anything else is said about the command line. */
    static void checkTopology(LabOptions o) {
        if (!Files.isRegularFile(o.topology)) {
            throw new UsageException(o.topology + ": No such file");
        }
    }

    LabSession(LabOptions o, PrintWriter err) {
        this(o, err, false);
    }

    /** With {@code record}, every host interface and the neighbour and FDB tracepoints are kept for a report. */
    LabSession(LabOptions o, PrintWriter err, boolean record) {
        checkTopology(o);
        List<String> notes = new ArrayList<>();
        try {
            TopologyLoader.Loaded loaded = TopologyLoader.load(o.topology);
            notes.addAll(loaded.notes());
            topology = loaded.topology();
            lab = TopologyBuilder.build(topology, o.seed, o.epochSeconds * 1_000_000_000L);
        } catch (TopologyException e) {
            throw new UsageException(e.getMessage(), 2, true);
        }
        lab.setWorkDir(Path.of("").toAbsolutePath());
        recorder = record ? RunRecorder.attach(lab, null) : null;
        evidence = new Evidence(err, o.maxCaptureSize == null ? Evidence.DEFAULT_MAX : Evidence.parseSize(o.maxCaptureSize));
        evidence.clock(lab::now);
        try {
            record(o, notes, err);
        } catch (RuntimeException e) {
            evidence.close();
            throw e;
        }
        // Ctrl-C or SIGTERM while the lab runs: what was captured so far is flushed and closed, never torn
        onSignal = new Thread(() -> {
            err.println("arplab: interrupted at virtual time " + io.arplab.lab.Duration.seconds(lab.now())
                    + " s; captures and trace hold everything up to there");
            evidence.close();
        }, "arplab-evidence");
        Runtime.getRuntime().addShutdownHook(onSignal);
    }

    /** A console over this lab that knows the lab file's names (network names next to their bridges). */
    io.arplab.lab.LabConsole console(PrintWriter out, PrintWriter err) {
        io.arplab.lab.LabConsole c = new io.arplab.lab.LabConsole(lab, out, err, this::flush);
        java.util.Map<String, String> networks = new java.util.LinkedHashMap<>();
        for (io.arplab.topo.Topology.Network n : topology.networks()) {
            networks.put(n.bridge(), n.name());
        }
        c.setNames(networks, topology.bridgeHost() == null ? null : topology.bridgeHost().name());
        return c;
    }

    /**
     * What the shell says first: the lab's hosts and its networks as the lab file names them, each with its bridge
     * device, e.g. {@code 4 hosts: node1 node2 node3 node4} / {@code 2 networks on 2 bridges: arp_lan (bridge br-63496ca3db05) ...}.
     */
    String banner(Path file) {
        StringBuilder b = new StringBuilder("arplab shell: ").append(file).append('\n');
        List<io.arplab.topo.Topology.Host> hosts = topology.hosts();
        b.append("  ").append(hosts.size()).append(hosts.size() == 1 ? " host:" : " hosts:");
        hosts.forEach(h -> b.append(' ').append(h.name()));
        b.append('\n');
        List<io.arplab.topo.Topology.Network> nets = topology.networks();
        long bridges = nets.stream().map(io.arplab.topo.Topology.Network::bridge).distinct().count();
        b.append("  ").append(nets.size()).append(nets.size() == 1 ? " network" : " networks").append(" on ")
                .append(bridges).append(bridges == 1 ? " bridge:" : " bridges:");
        for (io.arplab.topo.Topology.Network n : nets) {
            b.append(' ').append(n.name()).append(" (")
                    .append(n.kind() == io.arplab.topo.Topology.NetworkKind.OVS ? "OVS bridge " : "bridge ")
                    .append(n.bridge()).append(')');
        }
        if (topology.bridgeHost() != null && !nets.isEmpty()) {
            b.append(", on the host '").append(topology.bridgeHost().name()).append('\'');
        }
        return b.append("\nType 'help'; time stands still at the prompt.").toString();
    }

    /** Opens the capture files and the trace, and attaches the TAP devices. */
    private void record(LabOptions o, List<String> notes, PrintWriter err) {
        if (o.verbose) {
            notes.forEach(n -> err.println("arplab: note: " + n));
        }
        if (!"none".equals(o.pcapDir)) {
            Path dir = Path.of(o.pcapDir);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UsageException(o.pcapDir + ": cannot create directory: " + e.getMessage());
            }
            evidence.lock(dir, o.pcapDir);
            for (String host : lab.hosts().keySet()) {
                for (Map.Entry<String, String> f : lab.pcapFiles(host).entrySet()) {
                    capture(host, f.getKey(), dir.resolve(f.getValue()), o.verbose, err);
                }
            }
            ovsPcaps(dir);
            if (o.bridgePcaps) {
                for (LinuxBridge b : lab.bridges().values()) {
                    capture(b.name(), b.name(), dir.resolve(b.name() + ".pcap"), o.verbose, err);
                }
            }
        }
        for (String a : o.attach) {
            attach(a, o.attachNetns, o.verbose, err);
        }
        if (o.trace != null) {
            traceLog = new TraceLog(evidence.trace(o.trace));
            if (recorder != null) {
                recorder.alsoTrace(traceLog);
            } else {
                lab.setTraceLog(traceLog);
            }
        }
        if (recorder != null) {
            recorder.captureRest();
        }
    }

    /** --attach BRIDGE=TAP: a TAP device as a port of the bridge (the network named BRIDGE, or its bridge device). */
    private void attach(String spec, String netns, boolean verbose, PrintWriter err) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new UsageException("--attach: expected BRIDGE=TAP, e.g. --attach br-arp_lan=arp0, not '" + spec + "'");
        }
        String bridge = spec.substring(0, eq);
        String tapName = spec.substring(eq + 1);
        if (!lab.bridges().containsKey(bridge)) {
            throw new UsageException("--attach: no bridge '" + bridge + "' in the lab (bridges: "
                    + String.join(" ", lab.bridges().keySet()) + ")");
        }
        io.arplab.live.TapDevice tap;
        try {
            tap = io.arplab.live.TapDevice.open(tapName);
        } catch (io.arplab.live.LiveException e) {
            throw new UsageException("--attach: " + e.getMessage());
        }
        try {
            if (netns != null) {
                tap.moveToNetns(netns);
            }
            lab.attach(bridge, tap);
        } catch (RuntimeException e) {
            tap.close();
            throw new UsageException("--attach: " + e.getMessage());
        }
        if (verbose) {
            err.println("arplab: note: " + bridge + " port " + tap.name() + " is a TAP device"
                    + (netns != null ? " (kernel side in " + netns + ")" : "") + "; virtual time follows the wall clock");
        }
    }

    // netdev-dummy's rxq_pcap/tx_pcap (or pcap: both) of each dummy port, under --pcap-dir, as the ports' options
    // name them then and later; ports naming the same file share it, as OVS appends to one file opened twice
    private void ovsPcaps(Path dir) {
        Map<Path, io.arplab.observe.CaptureSink> files = new java.util.HashMap<>();
        lab.ovsPcapFiles(name -> files.computeIfAbsent(dir.resolve(name), f -> evidence.pcap(f, true))::record);
    }

    private void capture(String node, String ifname, Path file, boolean verbose, PrintWriter err) {
        if (recorder != null && lab.hosts().containsKey(node)) {
            recorder.capture(node, ifname, evidence.pcap(file));
        } else {
            lab.capture(node, ifname, evidence.pcap(file));
        }
        if (verbose) {
            err.println("arplab: note: capturing " + node + " " + ifname + " to " + file);
        }
    }

    /** Makes capture files and the trace complete up to now (before a tool reads them, and at the end). */
    void flush() {
        evidence.flush();
    }

    /** Whether a capture or the trace could not be written completely (a full disk ...). */
    boolean evidenceDamaged() {
        return evidence.damaged();
    }

    @Override
    public void close() {
        try {
            lab.close();
        } finally {
            evidence.close();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException e) {
                // shutting down already: the hook closes the evidence (again, harmlessly)
            }
        }
    }
}
