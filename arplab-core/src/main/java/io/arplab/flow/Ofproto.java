package io.arplab.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Open vSwitch bridge's OpenFlow side (ofproto/ofproto.c, ofproto-dpif.c): its ports with OpenFlow and datapath
 * numbers, its tables, the MAC learning table NORMAL uses, and the connection tracker; packets go through
 * {@link Xlate}. Sans-I/O: every call takes {@code now} (virtual ns) and returns what leaves.
 */
public final class Ofproto {
    /** A port: {@code type} is "internal", "dummy", "geneve", "system" (a veth end). */
    public static final class Port {
        public final long ofport;
        public final String name;
        public final String type;
        public final long mac;
        public final int dpPort;
        public final Map<String, String> options;
        public long rxPackets, rxBytes, txPackets, txBytes;

        Port(long ofport, String name, String type, long mac, int dpPort, Map<String, String> options) {
            this.ofport = ofport;
            this.name = name;
            this.type = type;
            this.mac = mac;
            this.dpPort = dpPort;
            this.options = options;
        }

        public boolean isTunnel() {
            return type.equals("geneve") || type.equals("vxlan") || type.equals("gre");
        }
    }

    /** A frame leaving through OpenFlow port {@code ofport} (to a tunnel port: with its tunnel key in front). */
    public record Output(long ofport, byte[] frame) {}

    public final String name;
    public final long hwaddr;
    public long datapathId;
    public String failMode = "secure";
    public List<OfVersion> protocols = List.of(OfVersion.OF10, OfVersion.OF13, OfVersion.OF15);
    public final FlowTables tables = new FlowTables();
    public final MacLearning ml = new MacLearning();
    public final Conntrack ct = new Conntrack();
    public final Datapath datapath;
    private final Map<Long, Port> ports = new LinkedHashMap<>();
    private int nextRecirc = 1;
    private final Map<String, Integer> recircIds = new java.util.HashMap<>();

    /** recirc_alloc_id_ctx(): the same frozen state gets the same recirculation id. */
    int recircId(String frozenState) {
        return recircIds.computeIfAbsent(frozenState, k -> nextRecirc++);
    }

    public Ofproto(String name, long hwaddr, long datapathId) {
        this(name, hwaddr, datapathId, new Datapath());
    }

    /** A bridge on {@code datapath}, which all bridges of one datapath type share (ports numbered across them). */
    public Ofproto(String name, long hwaddr, long datapathId, Datapath datapath) {
        this.name = name;
        this.hwaddr = hwaddr;
        this.datapathId = datapathId;
        this.datapath = datapath;
        Port local = new Port(Ports.LOCAL, name, "internal", hwaddr, datapath.choosePort(name), Map.of());
        ports.put(Ports.LOCAL, local);
        datapath.register(this, local);
    }

    /** ovs-vsctl add-port: {@code ofport} -1 for the next free number (ofport_request otherwise). */
    public Port addPort(String portName, String type, long ofport, long mac, Map<String, String> options) {
        if (ofport < 0) {
            ofport = 1;
            while (ports.containsKey(ofport)) {
                ofport++;
            }
        }
        if (ports.containsKey(ofport)) {
            throw new IllegalArgumentException("ofport " + ofport + " is in use on " + name);
        }
        int dp = datapath.choosePort(type.equals("geneve") ? "genev_sys_6081" : portName);
        Port p = new Port(ofport, portName, type, mac, dp, options);
        ports.put(ofport, p);
        datapath.register(this, p);
        return p;
    }

    public Port port(long ofport) {
        return ports.get(ofport);
    }

    public Port port(String portName) {
        for (Port p : ports.values()) {
            if (p.name.equals(portName)) {
                return p;
            }
        }
        return null;
    }

    /** The ports, LOCAL first, then in the order they were added. */
    public List<Port> ports() {
        return new ArrayList<>(ports.values());
    }

    public PortMap portMap() {
        return new PortMap() {
            @Override public String name(long port) {
                Port p = ports.get(port);
                return p == null ? null : p.name;
            }

            @Override public long number(String portName) {
                Port p = port(portName);
                return p == null ? -1 : p.ofport;
            }
        };
    }

    /** A frame arrived on {@code inPort}: runs the pipeline, counts, learns, tracks; returns what leaves. */
    public List<Output> receive(long now, long inPort, byte[] frame) {
        Port in = ports.get(inPort);
        if (in != null) {
            in.rxPackets++;
            in.rxBytes += frame.length;
        }
        // a tunnel port's frames come from the kernel's tunnel device with their tunnel key in front
        long[] flow = in != null && in.isTunnel() ? Tunnel.receive(frame, inPort) : Packet.extract(frame, inPort);
        byte[] packet = in != null && in.isTunnel() ? io.arplab.wire.Geneve.Metadata.inner(frame) : frame;
        Xlate x = new Xlate(this, now, flow, packet, null, List.of(), true);
        x.run();
        for (Output o : x.outputs) {
            Port p = ports.get(o.ofport());
            if (p != null) {
                p.txPackets++;
                p.txBytes += o.frame().length;
            }
        }
        return x.outputs;
    }

    /** ofproto/trace: the pipeline for {@code flow} (and its packet, if any), without side effects. */
    public String trace(long now, long[] flow, byte[] packet, List<Integer> ctNext) {
        Xlate x = new Xlate(this, now, flow, packet, new StringBuilder(), ctNext, false);
        x.run();
        return x.trace.toString();
    }

    /**
     * Traceflow: {@code frame} received on {@code inPort} (from a tunnel port: with its key in front) through the
     * pipeline as ofproto/trace runs it (no counters, no learning, conntrack answering new), what it decides
     * recorded in {@code hop}, what leaves in {@code hop.outputs}.
     */
    public void traceflow(long now, long inPort, byte[] frame, TraceflowHop hop) {
        Port in = ports.get(inPort);
        boolean tunnel = in != null && in.isTunnel();
        long[] flow = tunnel ? Tunnel.receive(frame, inPort) : Packet.extract(frame, inPort);
        Xlate x = new Xlate(this, now, flow, tunnel ? io.arplab.wire.Geneve.Metadata.inner(frame) : frame, null,
                List.of(), false);
        x.hop = hop;
        x.run();
        hop.outputs.addAll(x.outputs);
    }

    /** Expires rules, MAC entries; returns when next needed. */
    public void advance(long now) {
        tables.expire(now);
        ml.expire(now);
    }

    public long nextDeadline() {
        return Math.min(tables.nextExpiry(), ml.nextExpiry());
    }

    /** fdb/stats-show. */
    public String fdbStats(long now) {
        return "Statistics for bridge \"" + name + "\":\n"
                + "  Current/maximum MAC entries in the table: " + ml.entries(now).size() + "/" + ml.max() + "\n"
                + "  Current static MAC entries in the table : 0\n"
                + "  Total number of learned MAC entries     : " + ml.learned + "\n"
                + "  Total number of expired MAC entries     : " + ml.expired + "\n"
                + "  Total number of evicted MAC entries     : " + ml.evicted + "\n"
                + "  Total number of port moved MAC entries  : " + ml.moved + "\n";
    }

    /** fdb/show. */
    public String fdbShow(long now) {
        StringBuilder s = new StringBuilder(" port  VLAN  MAC                Age\n");
        for (MacLearning.Entry e : ml.entries(now)) {
            s.append(String.format("%5s  %4d  %s  %3d%n", Ports.format(e.port, PortMap.NONE), e.vlan,
                    MatchFormat.mac(e.mac), ml.age(e, now)));
        }
        return s.toString();
    }
}
