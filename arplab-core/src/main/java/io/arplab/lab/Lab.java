package io.arplab.lab;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.device.OvsBridge;
import io.arplab.observe.CaptureSink;
import io.arplab.sim.Network;
import io.arplab.sim.NetworkNode;
import io.arplab.sim.SimRuntime;
import io.arplab.device.Switch;
import io.arplab.observe.TraceLog;
import io.arplab.stack.ArpTbl;
import io.arplab.stack.NetDevice;
import io.arplab.stack.Route;
import io.arplab.stack.SeededRandom;
import io.arplab.stack.TimerWheel;
import io.arplab.tools.CommandLineSplitter;
import io.arplab.runtime.Resolver;
import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import io.arplab.tools.Tools;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A lab built in code: hosts, bridges and veth links in one deterministic network, plus the tools people run in
 * them ({@code lab.exec("node1", "ping -c3 node3")}). The same seed and the same calls give the same frames and
 * the same output.
 */
public final class Lab implements AutoCloseable {
    /** 2024-01-01T00:00:00Z: the wall clock at virtual time 0 unless told otherwise. */
    public static final long DEFAULT_EPOCH = 1_704_067_200L * 1_000_000_000L;
    /** How long a tool that does not end by itself (ping without -c) may run before it is interrupted. */
    public static final long DEFAULT_TOOL_LIMIT = 3600L * 1_000_000_000L;
    /** How long a tool may still run after the SIGINT that ended its time (its handler's work). */
    static final long SIGINT_GRACE = 60L * 1_000_000_000L;

    /** What a command printed and how it ended. */
    public record Result(String stdout, String stderr, int exitCode) {}

    /** Whose kernel the hosts run on, and so whose arp_tbl their neighbour entries count in. */
    public enum Kernel {
        /**
         * One machine: the host owning the bridges is its initial namespace, the other hosts are its containers'
         * namespaces (Docker, the recordings); one arp_tbl counts every entry, net.ipv4.neigh.default only on the host.
         */
        SHARED,
        /** Separate machines: each host has its own kernel, arp_tbl and net.ipv4.neigh.default. */
        PER_HOST;

        /** The name lab files use: shared or per-host. */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Network network;
    private final SeededRandom random;
    /** The kernel's clock: jiffies and the timer wheel, drawn from the seed without touching {@link #random}. */
    private final TimerWheel wheel;
    /** A PER_HOST lab's machines' clocks: each drawn from the seed and the machine's name, on its first need. */
    private final TimerWheel machineClocks;
    private final long seed;
    private final Resolver resolver = new Resolver();
    /** The hosts in the order added: a view of the network's nodes (a big lab holds no second index of them). */
    private final HostsView hosts;
    private final Map<String, LinuxBridge> bridges = new LinkedHashMap<>();
    private final Map<String, OvsBridge> ovsBridges = new LinkedHashMap<>();
    private final io.arplab.flow.Datapath ovsDatapath = new io.arplab.flow.Datapath();
    /** Each bridge owner's ovs-vswitchd: the bridges on its datapath, as ovs-vsctl changes them. */
    private final Map<Host, LabVswitchd> vswitchds = new LinkedHashMap<>();
    /** The host whose stack holds each bridge's own interface and its ports (the "host" namespace). */
    private final Map<String, Host> bridgeOwners = new LinkedHashMap<>();
    /** Per namespace, the ids it gives the peer namespaces of its veth devices, in order of first use. */
    /** Per host (by node index), the namespace ids it has given so far (peernet2id_alloc()'s next id). */
    private int[] netnsCount = new int[0];
    private final Map<Host, String> netnsNames = new LinkedHashMap<>();
    private final Map<String, Supplier<Tool>> tools = new LinkedHashMap<>(Tools.standard());
    private Path workDir = Path.of(".");
    private long toolLimit = DEFAULT_TOOL_LIMIT;
    private int nextPid = 100;
    private boolean broadcastAddresses;
    private Kernel kernel = Kernel.SHARED;
    /** The shared kernel's table, made with the first host of a SHARED lab. */
    private ArpTbl arpTbl;
    private Host initialHost;
    /** The host holding each MAC attached so far, for clash errors. */
    private final MacOwners macOwners = new MacOwners();
    private java.util.function.LongConsumer progress;
    private long steps;
    /** The shell's pacing: a foreground command's virtual time runs no faster than the wall clock. */
    private boolean paced;
    private Runnable beforePause = () -> {};
    private long paceVirtual;
    private long paceWall;
    /** Ctrl-C from the terminal's signal thread, taken by the lab's thread at its next step. */
    private volatile boolean interruptRequested;
    /** Set while the lab has ports to the real world: virtual time then follows the wall clock. */
    private io.arplab.sim.Realtime realtime;
    /** Pcap files given to {@link #capture}: {@link #close()} completes them. */
    private final List<io.arplab.observe.PcapCapture> pcaps = new java.util.ArrayList<>();

    public Lab(long seed) {
        this(seed, DEFAULT_EPOCH, null);
    }

    public Lab(long seed, long epochNanos, io.arplab.observe.TraceSink trace) {
        this.network = new Network(epochNanos);
        this.hosts = new HostsView(network);
        this.random = new SeededRandom(seed);
        this.wheel = TimerWheel.forSeed(seed);
        this.machineClocks = TimerWheel.perMachine(seed);
        this.seed = seed;
        network.setTraceLog(trace);
    }

    public Network network() {
        return network;
    }

    long seed() {
        return seed;
    }

    /** Whose kernel the hosts run on (default {@link Kernel#SHARED}); set before the first host is added. */
    public void setKernel(Kernel kernel) {
        if (!hosts.isEmpty() && kernel != this.kernel) {
            throw new IllegalStateException("the kernel is chosen before the first host is added");
        }
        this.kernel = kernel;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** In a SHARED lab, the initial namespace: the host owning the lab's bridges (null before one is added). */
    public Host initialHost() {
        return kernel == Kernel.SHARED ? initialHost : null;
    }

    /**
     * Makes {@code host} the shared kernel's initial namespace (the machine itself); the first host to own a bridge
     * becomes it unless one was named. Nothing to do in a PER_HOST lab, where every host is a machine.
     */
    public void setInitialHost(Host host) {
        if (kernel == Kernel.SHARED && initialHost == null) {
            initialHost = host;
            host.stack().joinKernel(arpTbl, true);
        }
    }

    private void ownsBridge(Host owner) {
        setInitialHost(owner);
    }

    /**
     * Whether addresses the lab adds carry a broadcast address ({@code ip addr add ... brd +}), as Docker gives its
     * bridges and containers; the recordings' namespaces were set up without.
     */
    public void setBroadcastAddresses(boolean on) {
        this.broadcastAddresses = on;
    }

    private void addAddress(Host host, NetDevice dev, Cidr c) {
        if (broadcastAddresses && c.prefixLength() < 31) {
            host.stack().addAddress(dev, c.address(), c.prefixLength(),
                    Ipv4Address.of(c.address().bits() | ~Ipv4Address.netmask(c.prefixLength())));
        } else {
            host.stack().addAddress(dev, c.address(), c.prefixLength());
        }
    }

    /** Turns tracepoints on (to {@code log}) or off (null) for the whole lab. */
    public void setTraceLog(io.arplab.observe.TraceSink log) {
        network.setTraceLog(log);
    }

    /** The names of the commands nodes know. */
    public java.util.Set<String> toolNames() {
        return java.util.Collections.unmodifiableSet(tools.keySet());
    }

    public Resolver resolver() {
        return resolver;
    }

    public long now() {
        return network.now();
    }

    public void setWorkDir(Path dir) {
        this.workDir = dir;
    }

    public Path workDir() {
        return workDir;
    }

    public void setToolLimit(long nanos) {
        this.toolLimit = nanos;
    }

    public Map<String, Host> hosts() {
        return hosts;
    }

    public Map<String, LinuxBridge> bridges() {
        return bridges;
    }

    public Host host(String name) {
        Host h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("unknown node '" + name + "'");
        }
        return h;
    }

    public LinuxBridge bridge(String name) {
        LinuxBridge b = bridges.get(name);
        if (b == null) {
            throw new IllegalArgumentException("unknown bridge '" + name + "'");
        }
        return b;
    }

    /** Registers (or replaces) a tool. */
    public void tool(String name, Supplier<Tool> tool) {
        tools.put(name, tool);
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("invalid node name '" + name + "': letters, digits, '.', '_' and '-' only");
        }
        if (hosts.containsKey(name) || bridges.containsKey(name) || ovsBridges.containsKey(name)) {
            throw new IllegalArgumentException("duplicate node name '" + name + "'");
        }
    }

    /**
     * The jiffies and timer wheel of {@code host}'s kernel: a SHARED lab's namespaces share one; in a PER_HOST lab each
     * machine booted on its own, so its uptime and tick phase are its own, drawn from the seed and its name (so a host
     * keeps its clock when others are added) when it first needs them (TimerWheel.perMachine).
     */
    private TimerWheel kernelClock() {
        return kernel == Kernel.SHARED ? wheel : machineClocks;
    }

    /** Adds a Linux host (a network namespace with only {@code lo}). */
    public Host addHost(String name) {
        checkName(name);
        Host h = new Host(name, random.split(), network.now(), network.epochNanos());
        h.stack().setTimerWheel(kernelClock());
        if (kernel == Kernel.SHARED) {
            if (arpTbl == null) {
                arpTbl = h.stack().neighbours().tbl();
            }
            h.stack().joinKernel(arpTbl, false);
        }
        NetworkNode node = network.add(h);
        h.stack().setTracer(node.tracer());
        hosts.added();
        return h;
    }

    /**
     * Adds a Linux bridge. When {@code owner} is given, the bridge's own interface (named like the bridge, with the
     * bridge's MAC) becomes a device of that host, with {@code address} ("172.28.0.1/16") if not null.
     */
    public LinuxBridge addBridge(String name, MacAddress mac, Host owner, String address) {
        return addBridge(name, mac, owner, address, true);
    }

    /**
     * As {@link #addBridge(String, MacAddress, Host, String)}, for a bridge that came up long before time 0, before
     * its ports were plugged (a docker network, a recording's setup): snooping, with the all-snoopers group joined
     * and its IGMPv3 reports past.
     */
    public LinuxBridge addSettledBridge(String name, MacAddress mac, Host owner, String address) {
        LinuxBridge b = addBridge(name, mac, owner, address, false);
        b.setMcastSnooping(true);
        if (owner != null) {
            owner.stack().joinedSnoopersEarlier(network.now(), owner.stack().device(name));
        }
        return b;
    }

    /** As {@link #addBridge(String, MacAddress, Host, String)}, made with {@code mcast_snooping} as given. */
    public LinuxBridge addBridge(String name, MacAddress mac, Host owner, String address, boolean mcastSnooping) {
        checkName(name);
        LinuxBridge b = new LinuxBridge(name, mac, network.now());
        b.setMcastSnooping(mcastSnooping);
        NetworkNode bn = network.add(b);
        b.setTracer(bn.tracer());
        bridges.put(name, b);
        if (owner != null) {
            b.setTimerWheel(owner.stack().timerWheel(), network.now());
            bridgeOwners.put(name, owner);
            ownsBridge(owner);
            int p = owner.addInterface(name, mac, 1500);
            io.arplab.stack.NetDevice dev = owner.port(p);
            b.setNeighbours(new LinuxBridge.Neighbours() {
                @Override
                public long validNeighbour(int ip) {
                    io.arplab.stack.NeighbourEntry n = owner.stack().neighbours().lookup(dev, ip);
                    return n != null && (n.state().bits & io.arplab.stack.NudState.VALID) != 0 ? n.lladdrBits() : -1;
                }

                @Override
                public boolean isLocalIp(int ip) {
                    return dev.hasAddress(ip);
                }
            });
            b.setNftables(owner.stack().nftables()); // the bridge family's chains of the owner's namespace
            NetDevice brDev = owner.port(p);
            b.setIpv4Hooks(new LinuxBridge.Ipv4Hooks() {
                @Override
                public boolean active() {
                    return owner.stack().bridgeNfCallIptables();
                }

                @Override
                public boolean forward(byte[] frame, long now, List<byte[]> sent) {
                    return owner.stack().bridgedForward(brDev, frame, now, (d, f) -> sent.add(f));
                }
            });
            macOwners.put(mac.bits(), owner);
            owner.port(p).setKind("bridge");
            if (address != null) {
                Cidr c = Cidr.parse(address);
                addAddress(owner, owner.port(p), c);
            }
            network.connect(network.node(owner.name()), p, bn, LinuxBridge.LOCAL_PORT, 0);
            if (b.mcastSnooping()) { // br_multicast_open(), the bridge coming up
                network.act(network.node(owner.name()), out -> owner.stack().joinSnoopers(network.now(), dev));
            }
        }
        return b;
    }

    /**
     * Adds an Open vSwitch bridge whose local port (named like the bridge, with the bridge's MAC) becomes a device
     * of {@code owner}, the host the ovs-* tools run on.
     */
    public OvsBridge addOvsBridge(io.arplab.flow.Ofproto ofproto, Host owner) {
        return addOvsBridge(ofproto, owner, ofproto.name);
    }

    /** As {@link #addOvsBridge(io.arplab.flow.Ofproto, Host)}, the bridge known to the lab as {@code nodeName}. */
    public OvsBridge addOvsBridge(io.arplab.flow.Ofproto ofproto, Host owner, String nodeName) {
        checkName(nodeName);
        OvsBridge b = new OvsBridge(ofproto, nodeName);
        if (ovsPcapFiles != null) {
            b.pcapFiles(ovsPcapFiles, epochNanos());
        }
        NetworkNode bn = network.add(b);
        // another bridge's translation gave it frames to send (a patch port, a native tunnel): the one datapath
        // executes them within the packet's own processing, so they leave now, before the next packet's
        ofproto.onSent = () -> network.act(bn, out -> b.transmitSent(network.now(), out));
        ovsBridges.put(nodeName, b);
        vswitchds.computeIfAbsent(owner, h -> new LabVswitchd(this, h, ofproto.datapath)).added(b);
        bridgeOwners.put(nodeName, owner);
        ownsBridge(owner);
        MacAddress mac = MacAddress.of(ofproto.hwaddr);
        int p = owner.addInterface(ofproto.name, mac, 1500);
        macOwners.put(mac.bits(), owner);
        owner.port(p).setKind("openvswitch");
        network.connect(network.node(owner.name()), p, bn, Switch.LOCAL_PORT, 0);
        return b;
    }

    /** Adds an internal port to an OVS bridge: a device of the bridge's owner (antrea-gw0). */
    public NetDevice addOvsInternalPort(OvsBridge bridge, String name, long ofport, MacAddress mac, String address) {
        Host owner = bridgeOwners.get(bridge.name());
        int bp = bridge.addPort(name, "internal", ofport, mac, java.util.Map.of());
        int p = owner.addInterface(name, mac, 1500);
        macOwners.put(mac.bits(), owner);
        NetDevice dev = owner.port(p);
        dev.setKind("openvswitch");
        if (address != null) {
            addAddress(owner, dev, Cidr.parse(address));
        }
        network.connect(network.node(owner.name()), p, network.node(bridge.name()), bp, 0);
        return dev;
    }

    /**
     * Wires the owner's device of an internal port, left behind by a deleted port of this or another bridge, to the
     * bridge's device port {@code bridgePort}: the port added again (dpif-netdev gives it a new netdev).
     */
    public void rewireOvsInternalPort(OvsBridge bridge, int bridgePort, NetDevice dev) {
        Host owner = bridgeOwners.get(bridge.name());
        var hostNode = network.node(owner.name());
        int p = owner.portOf(dev);
        var bridgeNode = network.node(bridge.name());
        if (hostNode.peer(p) == bridgeNode && hostNode.peerPort(p) == bridgePort) {
            return;
        }
        network.disconnect(hostNode, p);
        network.connect(hostNode, p, bridgeNode, bridgePort, 0);
    }

    /**
     * Adds a Geneve port to an OVS bridge: its frames go to and come from the owner's {@code genev_sys_6081} (the
     * kernel's Geneve device, created with the first Geneve port), which carries them over the underlay.
     */
    public void addOvsTunnelPort(OvsBridge bridge, String name, long ofport, MacAddress mac,
                                 java.util.Map<String, String> options) {
        Host owner = bridgeOwners.get(bridge.name());
        if (owner.stack().device("genev_sys_6081") != null) {
            bridge.addPort(name, "geneve", ofport, mac, options); // it shares the datapath port (and its device)
            return;
        }
        int bp = bridge.addPort(name, "geneve", ofport, mac, options);
        int p = owner.addGeneveInterface("genev_sys_6081", mac);
        network.connect(network.node(owner.name()), p, network.node(bridge.name()), bp, 0);
    }

    /** Plugs {@code host} into an OVS bridge with a veth pair whose bridge end becomes OpenFlow port {@code ofport}. */
    public NetDevice attachOvs(Host host, String ifname, MacAddress mac, String address, OvsBridge bridge,
                               String vethName, MacAddress vethMac, long ofport) {
        if (host.stack().device(ifname) != null) {
            throw new IllegalArgumentException("device '" + ifname + "' already exists on " + host.name());
        }
        Cidr c = address == null ? null : Cidr.parse(address);
        int p = host.addInterface(ifname, mac, 1500);
        NetDevice dev = host.port(p);
        macOwners.put(mac.bits(), host);
        if (c != null) {
            addAddress(host, dev, c);
        }
        int bp = bridge.addPort(vethName, "system", ofport, vethMac, java.util.Map.of());
        network.connect(network.node(host.name()), p, network.node(bridge.name()), bp, Network.DEFAULT_LATENCY);
        dev.setKind("veth");
        return dev;
    }

    /** The one dummy datapath every OVS bridge of the lab is on (ovs-vswitchd's dummy@ovs-dummy). */
    public io.arplab.flow.Datapath ovsDatapath() {
        return ovsDatapath;
    }

    private io.arplab.flow.Datapath ovsSystemDatapath;

    /**
     * The datapath of the lab's bridges of {@code datapath_type} (one backer per type): "system" is the kernel
     * module's, whose tunnels are kernel devices (no tnl_push_pop); any other the dummy one.
     */
    public io.arplab.flow.Datapath ovsDatapath(String type) {
        if (!"system".equals(type)) {
            return ovsDatapath;
        }
        if (ovsSystemDatapath == null) {
            ovsSystemDatapath = new io.arplab.flow.Datapath(false);
        }
        return ovsSystemDatapath;
    }

    /** The wall-clock time (Unix epoch, ns) at virtual time 0. */
    public long epochNanos() {
        return network.epochNanos();
    }

    public Map<String, OvsBridge> ovsBridges() {
        return ovsBridges;
    }

    private OvsBridge.PcapFiles ovsPcapFiles;

    /** Where the dummy ports of every bridge, now and later, write the pcaps their options name. */
    public void ovsPcapFiles(OvsBridge.PcapFiles files) {
        this.ovsPcapFiles = files;
        for (OvsBridge b : ovsBridges.values()) {
            b.pcapFiles(files, epochNanos());
        }
    }

    /**
     * The file each of {@code host}'s interfaces is captured to under --pcap-dir, in its interfaces' order:
     * {@code HOST.pcap} for the first, {@code HOST-IFNAME.pcap} for the others; a Linux bridge's own interface (its
     * capture is the bridge's) and a tunnel's (its frames are the underlay's) have none.
     */
    public Map<String, String> pcapFiles(String host) {
        Host h = host(host);
        Map<String, String> files = new LinkedHashMap<>();
        for (int p = 0; p < h.portCount(); p++) {
            NetDevice dev = h.port(p);
            if (!bridges.containsKey(dev.name) && !dev.isTunnel()) {
                files.put(dev.name, files.isEmpty() ? host + ".pcap" : host + "-" + dev.name + ".pcap");
            }
        }
        return files;
    }

    /**
     * Plugs {@code host} into {@code bridge} with a veth pair: {@code ifname} (with {@code mac} and {@code address})
     * on the host, {@code vethName} (with {@code vethMac}) as the bridge port. Returns the host's device.
     */
    public NetDevice attach(Host host, String ifname, MacAddress mac, String address, LinuxBridge bridge,
                            String vethName, MacAddress vethMac) {
        Host holder = macOwners.get(mac.bits());
        if (holder != null) {
            String dev = "";
            for (NetDevice d : holder.stack().devices()) {
                if (!d.loopback && d.macBits() == mac.bits()) {
                    dev = " " + d.name;
                }
            }
            throw new IllegalArgumentException("MAC address " + mac + " of " + host.name() + " " + ifname
                    + " is already used by " + holder.name() + dev);
        }
        // validate everything before changing anything: a failed attach leaves the lab as it was
        Cidr c = address == null ? null : Cidr.parse(address);
        if (mac.isMulticast() || mac.isZero()) {
            throw new IllegalArgumentException("invalid MAC address " + mac + " for " + host.name() + " " + ifname
                    + ": must be unicast and not zero");
        }
        if (host.stack().device(ifname) != null) {
            throw new IllegalArgumentException("device '" + ifname + "' already exists on " + host.name());
        }
        if (bridge.portNumber(vethName) >= 0) {
            throw new IllegalArgumentException("bridge " + bridge.name() + " already has a port named '" + vethName + "'");
        }
        int p = host.addInterface(ifname, mac, 1500);
        NetDevice dev = host.port(p);
        macOwners.put(mac.bits(), host);
        if (c != null) {
            addAddress(host, dev, c);
        }
        int bp = bridge.addPort(vethName, vethMac, network.now());
        network.connect(network.node(host.name()), p, network.node(bridge.name()), bp, Network.DEFAULT_LATENCY);
        dev.setKind("veth");
        Host owner = bridgeOwners.get(bridge.name());
        if (owner != null) {
            // the bridge side of the veth pair lives in the bridge owner's namespace, as docker's veth ends do
            NetDevice port = owner.stack().addDevice(vethName, vethMac, 1500);
            port.setKind("veth");
            port.bridge = bridge; // its master
            pairVeth(host, dev, owner, port);
        }
        return dev;
    }

    /**
     * Joins two hosts with a veth pair ({@code ip link add IFA type veth peer name IFB netns B}), each end with its
     * MAC and address: a point-to-point wire, as between two routers, where {@link #partition} may cut the lab.
     */
    public void link(Host a, String ifA, MacAddress macA, String addressA, Host b, String ifB, MacAddress macB,
                     String addressB) {
        for (MacAddress m : new MacAddress[] {macA, macB}) {
            if (macOwners.contains(m.bits()) || m.isMulticast() || m.isZero() || macA.equals(macB)) {
                throw new IllegalArgumentException("MAC address " + m + " of the veth pair " + a.name() + " " + ifA
                        + " - " + b.name() + " " + ifB + " is in use, multicast or zero");
            }
        }
        if (a.stack().device(ifA) != null || b.stack().device(ifB) != null) {
            throw new IllegalArgumentException("device '" + ifA + "' or '" + ifB + "' already exists");
        }
        int pa = a.addInterface(ifA, macA, 1500);
        int pb = b.addInterface(ifB, macB, 1500);
        macOwners.put(macA.bits(), a);
        macOwners.put(macB.bits(), b);
        addAddress(a, a.port(pa), Cidr.parse(addressA));
        addAddress(b, b.port(pb), Cidr.parse(addressB));
        a.port(pa).setKind("veth");
        b.port(pb).setKind("veth");
        network.connect(network.node(a.name()), pa, network.node(b.name()), pb, Network.DEFAULT_LATENCY);
        pairVeth(a, a.port(pa), b, b.port(pb));
    }

    /** {@code ip route add DST/LEN via GW} on {@code host}, through the device that reaches GW. */
    public void route(Host host, String destination, Ipv4Address gateway) {
        Route r = host.stack().routes().lookup(gateway.bits());
        if (r == null || r.gateway() != null) {
            throw new IllegalArgumentException("gateway " + gateway + " is not on a connected network of " + host.name());
        }
        Cidr c = Cidr.parse(destination);
        host.stack().addRoute(new Route(c.address(), c.prefixLength(), gateway, r.device(), "boot", "global", null, 0,
                Route.UNICAST));
    }

    /** Records the two ends of a veth pair: peer ifindex ("@ifNN") and the peer namespace's id or name. */
    private void pairVeth(Host a, NetDevice da, Host b, NetDevice db) {
        da.peer = db; // each end's "@ifNN" and its two carrier changes (veth_newlink()) come with its peer
        db.peer = da;
        da.setLinkNetnsId(netnsId(a, b));
        db.setLinkNetnsId(netnsId(b, a));
        da.setLinkNetnsName(netnsNames.get(b));
        db.setLinkNetnsName(netnsNames.get(a));
    }

    /**
     * peernet2id_alloc(): the id {@code self}'s namespace gives {@code peer}'s, the one an earlier veth pair between
     * them got, else the next free one. The earlier pair is found from the side with fewer devices (a host's few
     * rather than a bridge owner's thousands), so no index of pairs is kept.
     */
    private int netnsId(Host self, Host peer) {
        boolean fromSelf = self.stack().devicesMade().size() <= peer.stack().devicesMade().size();
        for (NetDevice d : (fromSelf ? self : peer).stack().devicesMade()) {
            NetDevice selfEnd = fromSelf ? d : d.peer;
            if (d.peer != null && (fromSelf ? peer : self).stack().device(d.peer.name) == d.peer
                    && selfEnd.linkNetnsId() >= 0) {
                return selfEnd.linkNetnsId();
            }
        }
        int a = network.node(self.name()).index();
        if (a >= netnsCount.length) {
            netnsCount = java.util.Arrays.copyOf(netnsCount, Math.max(a + 1, netnsCount.length + (netnsCount.length >> 2)));
        }
        return netnsCount[a]++;
    }

    /**
     * Names a host's namespace as {@code ip netns add NAME} would: iproute2 then prints {@code link-netns NAME}
     * instead of {@code link-netnsid N} for veth devices whose peer is in it.
     */
    public void netnsName(String hostName, String netnsName) {
        Host h = host(hostName);
        netnsNames.put(h, netnsName);
        for (Host other : hosts.values()) {
            for (NetDevice d : other.stack().devicesMade()) {
                if (d.peer != null && h.stack().devicesMade().contains(d.peer)) {
                    d.setLinkNetnsName(netnsName);
                }
            }
        }
    }

    /** The host holding the bridge's own interface, or null. */
    public Host bridgeOwner(String bridgeName) {
        return bridgeOwners.get(bridgeName);
    }

    /** {@code ip route add default via GW} on {@code host}, through the device that reaches GW. */
    public void defaultRoute(Host host, Ipv4Address gateway) {
        Route r = host.stack().routes().lookup(gateway.bits());
        if (r == null || r.gateway() != null) {
            throw new IllegalArgumentException("gateway " + gateway + " is not on a connected network of " + host.name());
        }
        host.stack().addRoute(Route.defaultVia(gateway, r.device()));
    }

    /**
     * Captures every frame on {@code node}'s interface {@code ifname} (a bridge name: every frame crossing it). A
     * {@link io.arplab.observe.PcapCapture} is flushed and closed by {@link #close()}.
     */
    public void capture(String node, String ifname, CaptureSink sink) {
        NetworkNode n = network.node(node);
        if (n == null) {
            throw new IllegalArgumentException("unknown node '" + node + "'");
        }
        if (sink instanceof io.arplab.observe.PcapCapture p) {
            pcaps.add(p);
        }
        if (n.device() instanceof Switch) {
            n.captureTap(sink);
            return;
        }
        for (int p = 0; p < n.device().portCount(); p++) {
            if (n.device().portName(p).equals(ifname)) {
                n.capture(p, sink);
                return;
            }
        }
        throw new IllegalArgumentException(node + " has no interface '" + ifname + "'");
    }

    /**
     * Gives bridge {@code bridgeName} a port that is a wire to the real world ({@code arplab run --attach
     * BRIDGE=TAP}): frames cross between the emulated broadcast domain and the kernel's. From now on virtual time
     * follows the wall clock.
     */
    public void attach(String bridgeName, io.arplab.runtime.FrameIo wire) {
        LinuxBridge br = bridge(bridgeName);
        if (br.portNumber(wire.name()) >= 0) {
            throw new IllegalArgumentException("bridge " + bridgeName + " already has a port named '" + wire.name() + "'");
        }
        if (network.node(wire.name()) != null) {
            throw new IllegalArgumentException("a node named '" + wire.name() + "' exists already");
        }
        NetworkNode ext = network.add(new io.arplab.sim.ExternalPort(wire));
        // the port's own address: locally administered, from the bridge and the port number
        long mac = 0x02_00_00_00_00_00L | (br.mac().bits() & 0x00_ff_ff_ff_00_00L) | br.portCount();
        int bp = br.addPort(wire.name(), MacAddress.of(mac), network.now());
        network.connect(ext, 0, network.node(bridgeName), bp, Network.DEFAULT_LATENCY);
        Host owner = bridgeOwners.get(bridgeName);
        if (owner != null) {
            NetDevice port = owner.stack().addDevice(wire.name(), MacAddress.of(mac), 1500);
            port.setKind("tun");
            port.setMaster(bridgeName);
        }
        if (realtime == null) {
            realtime = new io.arplab.sim.Realtime(network, System::nanoTime);
        }
        realtime.add(ext);
    }

    /** Whether virtual time follows the wall clock (a port to the real world is attached). */
    public boolean realtime() {
        return realtime != null;
    }

    /** Closes the wires to the real world (their TAP devices disappear) and completes the pcap files captured to. */
    @Override
    public void close() {
        try {
            if (realtime != null) {
                realtime.close();
            }
        } finally {
            for (io.arplab.observe.PcapCapture p : pcaps) {
                p.close();
            }
            pcaps.clear();
        }
        network.close();
    }

    /**
     * Runs the lab as partitions of whole broadcast domains cut at its router-to-router links, on {@code threads}
     * threads; the output is the same for any number of threads (see {@link Network#runUntil}). Call once the lab is
     * built, before it runs; {@link #close} stops the threads.
     */
    public void partition(int threads) {
        if (realtime != null) {
            throw new IllegalStateException("a lab attached to the real world runs on one thread");
        }
        network.partition(threads);
    }

    /**
     * As a terminal runs a command, the way a user expects it: virtual time no faster than the wall clock (ping
     * prints a line a second), {@code beforePause} runs before each pause (to show output so far), and a tool
     * runs until it ends or is interrupted, without the tool time limit. Off: as fast as the CPU allows.
     */
    public void setPaced(boolean on, Runnable beforePause) {
        this.paced = on;
        this.beforePause = beforePause;
    }

    /** Ctrl-C: the command or sleep running now is interrupted (callable from any thread). */
    public void requestInterrupt() {
        interruptRequested = true;
    }

    /** Forgets a Ctrl-C that came while nothing ran (at the prompt). */
    public void clearInterrupt() {
        interruptRequested = false;
    }

    private void startPace() {
        paceVirtual = network.now();
        paceWall = System.nanoTime();
    }

    /** Paced: waits (a bounded while) until the wall clock reaches virtual time {@code next}; false when it has. */
    private boolean holdBack(long next) {
        if (!paced || realtime != null) {
            return false;
        }
        long ahead = next - paceVirtual;
        long wait = ahead > Long.MAX_VALUE / 4 ? Long.MAX_VALUE : paceWall + ahead - System.nanoTime();
        if (wait <= 0) {
            return false;
        }
        beforePause.run();
        try {
            Thread.sleep(Math.min(wait / 1_000_000L + 1, 50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interruptRequested = true;
        }
        return true;
    }

    /** Lets virtual time pass (interrupted by {@link #requestInterrupt}, as sleep is by Ctrl-C). */
    public void runFor(long nanos) {
        long until = network.now() + nanos;
        if (network.partitions() > 1) {
            network.runUntil(until); // its windows, on its threads (no pacing: a partitioned lab is not interactive)
            return;
        }
        startPace();
        while (true) {
            if (interruptRequested) {
                interruptRequested = false;
                return;
            }
            long next = network.nextEventTime();
            if (holdBack(Math.min(next, until))) {
                continue;
            }
            if (realtime != null && realtime.virtualNow() < Math.min(next, until)) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                realtime.waitFor(Math.min(next, until));
                continue;
            }
            if (next > until) {
                break;
            }
            step();
        }
        network.runUntil(until);
    }

    /** Called every 2^16 events with the virtual time, so a front end can show progress (never affects the run). */
    public void setProgress(java.util.function.LongConsumer progress) {
        this.progress = progress;
    }

    private void step() {
        network.step();
        if (progress != null && (++steps & 0xffff) == 0) {
            progress.accept(network.now());
        }
    }

    /** Runs one command line on a node, to completion in virtual time, and returns what it printed. */
    public Result exec(String node, String commandLine) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = exec(node, CommandLineSplitter.split(commandLine), new PrintWriter(out), new PrintWriter(err));
        return new Result(out.toString(), err.toString(), rc);
    }

    /** Runs a command on a node, writing to the given streams; returns its exit status. */
    public int exec(String node, List<String> words, PrintWriter out, PrintWriter err) {
        ToolContext ctx = start(node, words, out, err);
        if (ctx == null) {
            return 127;
        }
        await(ctx);
        return ctx.exitCode();
    }

    /** Starts a command without waiting for it; null when the command is unknown (the error is printed). */
    public ToolContext start(String node, List<String> words, PrintWriter out, PrintWriter err) {
        ToolContext ctx = start(node, words, out, err, nextPid);
        if (ctx != null) {
            nextPid++;
        }
        return ctx;
    }

    /**
     * As {@link #start(String, List, PrintWriter, PrintWriter)} with the process id given: for commands started by
     * events of a partitioned lab, where a shared counter would depend on which partition got there first.
     */
    /** As {@link #start(String, List, PrintWriter, PrintWriter)} with {@code stdin} (null: empty) as standard input. */
    public ToolContext start(String node, List<String> words, PrintWriter out, PrintWriter err, byte[] stdin) {
        ToolContext ctx = start(node, words, out, err, nextPid, stdin);
        if (ctx != null) {
            nextPid++;
        }
        return ctx;
    }

    public ToolContext start(String node, List<String> words, PrintWriter out, PrintWriter err, int pid) {
        return start(node, words, out, err, pid, null);
    }

    private ToolContext start(String node, List<String> words, PrintWriter out, PrintWriter err, int pid,
                              byte[] stdin) {
        NetworkNode n = network.node(node);
        if (n == null) {
            throw new IllegalArgumentException("unknown node '" + node + "'");
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty command for " + node);
        }
        Supplier<Tool> t = tools.get(words.get(0));
        if (t == null) {
            err.println(words.get(0) + ": command not found");
            err.flush();
            return null;
        }
        if (!(n.device() instanceof Host)) {
            err.println(words.get(0) + ": " + node + " is a bridge, not a host: run tools on hosts");
            err.flush();
            ToolContext ctx = new ToolContext(null, out, err, pid);
            ctx.exit(1);
            return ctx;
        }
        ToolContext ctx = new ToolContext(new SimRuntime(network, n, resolver, workDir,
                vswitchds.get((Host) n.device())), out, err, pid);
        if (stdin != null) {
            ctx.setStdin(stdin);
        }
        n.process(() -> {
            try {
                t.get().start(ctx, words.subList(1, words.size()));
            } catch (IllegalArgumentException e) {
                err.println(words.get(0) + ": " + e.getMessage());
                ctx.exit(2);
            } catch (RuntimeException e) {
                // a fault of arplab's own, not of the input: the command fails with a line that names it, and the
                // script goes on
                err.println(words.get(0) + ": internal error: " + e + where(e));
                ctx.exit(1);
            }
        });
        out.flush();
        err.flush();
        return ctx;
    }

    // the innermost frame of arplab's own code, for a report of the fault
    private static String where(Throwable e) {
        for (StackTraceElement f : e.getStackTrace()) {
            if (f.getClassName().startsWith("io.arplab.")) {
                return " (at " + f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber() + ")";
            }
        }
        return "";
    }

    /** Runs the network until the tool ends (or is interrupted at the tool time limit). */
    public void await(ToolContext ctx) {
        long limit = paced || ctx.unlimited() ? Long.MAX_VALUE : network.now() + toolLimit;
        boolean interrupted = false;
        startPace();
        while (!ctx.finished()) {
            if (interruptRequested) {
                // Ctrl-C: SIGINT to the tool; one that traps it (arpspoof re-arps) gets a minute to end
                interruptRequested = false;
                ctx.interrupt();
                interrupted = true;
                limit = network.now() + SIGINT_GRACE;
                continue;
            }
            long next = network.nextEventTime();
            if (holdBack(Math.min(next, limit))) {
                continue;
            }
            if (realtime != null && realtime.virtualNow() < Math.min(next, limit)) {
                if (Thread.currentThread().isInterrupted()) {
                    ctx.interrupt();
                    break;
                }
                realtime.waitFor(Math.min(next, limit));
                continue;
            }
            if (next > limit) {
                network.runUntil(limit);
                if (interrupted) {
                    break;
                }
                // a tool whose SIGINT handler keeps it running (arpspoof re-arps) gets a minute to end
                ctx.interrupt();
                interrupted = true;
                limit = network.now() + SIGINT_GRACE;
                continue;
            }
            step();
        }
        network.flush();
        ctx.out().flush();
        ctx.err().flush();
    }
}
