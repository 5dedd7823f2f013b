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
        private final boolean patch;
        public long mac;
        public int dpPort; // dpif-dummy/change-port-number may renumber it
        /** The Interface's options column; ovs-vsctl may change it. */
        public final Map<String, String> options;
        /** The ofport_request column, or -1 when none. */
        public long ofportRequest = -1;
        public long rxPackets, rxBytes, txPackets, txBytes;
        /**
         * enum ofputil_port_config as mod-port sets it: PORT_DOWN (update_port_config() turned the netdev down),
         * NO_STP, NO_RECV, NO_RECV_STP, NO_FLOOD, NO_FWD and NO_PACKET_IN.
         */
        public int config;
        public static final int PORT_DOWN = 1, NO_STP = 2, NO_RECV = 4, NO_RECV_STP = 8, NO_FLOOD = 16, NO_FWD = 32,
                NO_PACKET_IN = 64;
        /** The Port row's protected column (bundle->protected). */
        public boolean protectedPort;
        /** The Port's other_config:mcast-snooping-flood and mcast-snooping-flood-reports. */
        public boolean mcastFlood, mcastFloodReports;
        /**
         * xport->skb_priorities: the DSCP (shifted into the tos byte) of each skb_priority whose QoS queue sets one
         * (ofproto_port_set_queues(); dpif-netdev's priority is the queue id).
         */
        public Map<Long, Integer> skbPriorityDscp = Map.of();
        /** The netdev's MTU ({@link PortMtu}), and whether the Interface requests it (netdev_mtu_user_config()). */
        public int mtu = 1500;
        boolean mtuUserConfig;
        /** A tunnel netdev's own tx (netdev_vport_inc_tx()), which its datapath port (dpctl/show) does not see. */
        long vportTxPackets, vportTxBytes;

        /** The netdev's tx counters, as dump-ports and the Interface's statistics show them. */
        public long netdevTxPackets() {
            return txPackets + vportTxPackets;
        }

        public long netdevTxBytes() {
            return txBytes + vportTxBytes;
        }
        /** The Port row's VLAN configuration (tag, trunks, vlan_mode) as NORMAL uses it. */
        public PortVlan vlan = PortVlan.NONE;

        Port(long ofport, String name, String type, long mac, int dpPort, Map<String, String> options) {
            this.ofport = ofport;
            this.name = name;
            this.type = type;
            this.mac = mac;
            this.dpPort = dpPort;
            this.options = new java.util.TreeMap<>(options);
            this.tunnelType = TunnelType.of(type);
            this.patch = type.equals("patch");
        }

        /** The netdev-vport tunnel class of a tunnel port, else null. */
        final TunnelType tunnelType;

        /**
         * The type of its netdev: netdev-dummy's "dummy-internal" for the local port and internal ports, "system" for a
         * host's veth end (netdev-linux), else its own.
         */
        public String netdevType() {
            return ofport == Ports.LOCAL || type.equals("internal") ? "dummy-internal" : type;
        }

        /**
         * Its netdev is netdev-linux's (a host's veth end): the kernel counts its errors and drops, ethtool its speed.
         */
        public boolean isLinux() {
            return type.equals("system");
        }

        /** Its netdev is netdev-dummy's (dummy or dummy-internal), whose send refuses frames past the MTU. */
        boolean dummySend() {
            return type.equals("dummy") || netdevType().equals("dummy-internal");
        }

        public boolean isTunnel() {
            return tunnelType != null;
        }

        /** netdev_vport_get_dpif_port(): the datapath port's name (several tunnel ports may share one). */
        public String dpifName() {
            return TunnelType.dpifName(type, name, options);
        }

        /**
         * tnl_port_add__()'s match of a tunnel port of {@code type} with {@code options}, null for a port that is no
         * tunnel: a tunnel port whose match another one has is not added (EEXIST).
         */
        public static String tunnelMatch(String type, java.util.Map<String, String> options) {
            TunnelType t = TunnelType.of(type);
            return t == null ? null : t.match(options);
        }

        /** tnl_port_format(): its ofproto/list-tunnels line (null for a port that is no tunnel). */
        public String tunnelListLine() {
            return tunnelType == null || dpPort < 0 ? null : TunnelType.of(type).listLine(name, dpPort, options);
        }

        /** tnl_match_map()'s index of its match (ofproto/list-tunnels' order). */
        public int tunnelMatchMap() {
            return TunnelType.matchMap(options);
        }

        /** A patch port (netdev_vport_is_patch()): no datapath port, its packets cross to options:peer. */
        public boolean isPatch() {
            return patch;
        }
    }

    /** A frame leaving through OpenFlow port {@code ofport} (to a tunnel port: with its tunnel key in front). */
    public record Output(long ofport, byte[] frame) {}

    public final String name;
    public long hwaddr;
    /**
     * br->default_ea: the MAC the bridge was made with (OVS's is drawn from its row's UUID), which it has whenever
     * other_config:hwaddr gives none (bridge_pick_local_hw_addr(); no dummy port's MAC counts, netdev-dummy's being
     * locally administered).
     */
    public final long defaultEa;
    public long datapathId;
    /** The fail_mode column: "secure", "standalone", or null (unset: standalone). */
    public String failMode = "secure";
    public List<OfVersion> protocols = List.of(OfVersion.OF10, OfVersion.OF13, OfVersion.OF15);
    /** ofproto's dp_desc and serial_desc: the Bridge's other_config:dp-desc and dp-sn, null when unset. */
    public String dpDesc, serialDesc;

    /** The Bridge's other_config:forward-bpdu: NORMAL forwards frames to reserved multicast addresses. */
    public boolean forwardBpdu;
    /**
     * ofproto->ipfix: a dpif_ipfix exists, which a Flow_Sample_Collector_Set of the bridge (or its IPFIX column)
     * makes; without one a sample() translates to nothing. Set through {@link #setIpfix(boolean)}.
     */
    private boolean ipfix;
    public final FlowTables tables = new FlowTables();
    public final MacLearning ml = new MacLearning();
    /** The bridge's port mirrors (its mbridge). */
    public final Mirrors mirrors = new Mirrors();
    /** The multicast snooping table (mcast_snooping_enable), or null. */
    public McastSnooping mcast;
    /** The TLV map (ofproto->metadata_tab): Geneve options to tun_metadata fields. */
    public final TunMetadata.Table tlv = new TunMetadata.Table();
    /** The datapath's connection tracker, which every bridge on it shares (zones included). */
    public final Conntrack ct;
    /** The wildcards of the translation under way (xlate_ctx's wc), lent to one translation at a time. */
    private final long[] wildcards = new long[Slot.ALL.length];
    private boolean wildcardsLent;

    /** The datapath actions' text this bridge's upcalls last made: most upcalls of a pipeline end in the same. */
    private String recentActions = "";

    String actionsText(CharSequence odp) {
        if (!recentActions.contentEquals(odp)) {
            recentActions = odp.toString();
        }
        return recentActions;
    }

    long[] borrowWildcards() {
        if (wildcardsLent) {
            return new long[Slot.ALL.length]; // a translation within a translation
        }
        wildcardsLent = true;
        System.arraycopy(ZERO_KEY, 0, wildcards, 0, ZERO_KEY.length);
        return wildcards;
    }

    void returnWildcards(long[] wc) {
        if (wc == wildcards) {
            wildcardsLent = false;
        }
    }
    public final Datapath datapath;
    /** The group table by id (ofproto's groups; OVS dumps them in its hash map's order, arplab by id). */
    public final java.util.SortedMap<Long, Group> groups = new java.util.TreeMap<>();
    /** The meter table by id. */
    public final java.util.SortedMap<Long, Meter> meters = new java.util.TreeMap<>();
    /** ofproto->meters, the hmap (hash_int(id, 0)) whose order meter requests for all meters walk. */
    final Hmap<Long> meterOrder = new Hmap<>(id -> FlowHash.hashInt((int) (long) id, 0));
    private final Map<Long, Port> ports = new LinkedHashMap<>();
    /** ofproto->ports, the hmap of the bridge's ports kept since it was made (grown, never shrunk). */
    private Hmap<Port> portHmap = Hmap.ofPorts();
    /** The ports by OpenFlow number below {@link #INDEXED} (a packet's lookups of its ports skip the boxing map). */
    private Port[] byOfport = new Port[8];
    private static final int INDEXED = 4096;
    /** The OpenFlow port numbers alloc_ofp_port() hands out, and the clock it compares their last use with. */
    private final OfportUsage usage = new OfportUsage();
    private long clock;
    /** How many tables the bridge's last translation looked up: the next one's cache is sized for that many. */
    int xcTables = 4;
    /** The tables' and MAC learning's versions the megaflows were last revalidated against. */
    private long tablesSeen, mlSeen;
    /** Bumped by a port added or deleted (bridge_reconfigure(): REV_RECONFIGURE revalidates every megaflow). */
    private long portsSeen;
    /** The native tunnelling tables' version the megaflows were last revalidated against. */
    private long routerSeen;
    private McastSnooping mcastSeenOf; // the snooping table whose changes mcastSeen counts
    private int mcastSeen;

    /**
     * The translation of a datapath key, thawed when it recirculated; null when its id has no node left. As
     * xlate_lookup_ofproto() finds it, a recirculated pass is translated in its frozen state's bridge (after a patch
     * port, not the one the packet came in on); the megaflow stays keyed on this bridge's input port.
     */
    Xlate xlate(long now, long[] key, byte[] packet, boolean execute) {
        if (key[Slot.RECIRC_ID.ordinal()] == 0) {
            return context(now, key, packet, execute);
        }
        RecircIds.Node node = datapath.recirc.find(key[Slot.RECIRC_ID.ordinal()], now);
        if (node == null) {
            return null; // xlate_lookup_ofproto(): "no recirculation data", the upcall fails
        }
        Xlate x = context(now, node.thaw(key), packet, execute);
        x.thawIn(node.br, key[Slot.IN_PORT.ordinal()]);
        x.packetTunnel(key);
        x.thawed = node;
        return x;
    }

    /** The context of this bridge's upcalls, lent to one packet's translation at a time (its fields all reset). */
    private Xlate upcallContext;
    private boolean upcallContextLent;

    // an upcall's translation (execute) takes the bridge's context unless one under way has it; a revalidation's
    // result outlives the next upcall, so it has its own
    private Xlate context(long now, long[] key, byte[] packet, boolean execute) {
        if (!execute || upcallContextLent) {
            return new Xlate(this, now, key, packet, null, List.of(), execute);
        }
        upcallContextLent = true;
        if (upcallContext == null) {
            upcallContext = new Xlate(this, now, key, packet, null, List.of(), true);
        } else {
            upcallContext.init(now, key, packet, true);
        }
        return upcallContext;
    }

    /** populate_xcache(): the ukey of {@code key} translated again, without packet or stats, for its cache. */
    XlateCache populateXcache(long now, long[] key) {
        Xlate x = xlate(now, key, null, false);
        if (x == null) {
            return null;
        }
        x.onePass = true;
        translate(x);
        return x.xc;
    }

    static void translate(Xlate x) {
        RecircIds.Node n = x.thawed;
        if (n == null) {
            x.run();
        } else {
            x.resume(n.id, n.table, n.actions);
        }
    }

    /** Whether what this bridge's translations depend on changed since its megaflows were last revalidated. */
    boolean stale() {
        return tablesSeen != tables.version || mlSeen != ml.version || portsSeen != datapath.portsVersion
                || routerSeen != datapath.router.version
                || mcast != null && mcast.version != (mcast == mcastSeenOf ? mcastSeen : 0); // REV_MCAST_SNOOPING
    }

    /** Takes the versions the bridge's megaflows are now revalidated against ({@link Udpif#revalidateUkeys}). */
    void revalidated() {
        routerSeen = datapath.router.version;
        tablesSeen = tables.version;
        portsSeen = datapath.portsVersion;
        mlSeen = ml.version;
        mcastSeenOf = mcast;
        mcastSeen = mcast == null ? 0 : mcast.version;
    }

    public Ofproto(String name, long hwaddr, long datapathId) {
        this(name, hwaddr, datapathId, new Datapath());
    }

    /** A bridge on {@code datapath}, which all bridges of one datapath type share (ports numbered across them). */
    public Ofproto(String name, long hwaddr, long datapathId, Datapath datapath) {
        this.name = name;
        this.hwaddr = hwaddr;
        this.defaultEa = hwaddr;
        this.datapathId = datapathId;
        this.datapath = datapath;
        this.ct = datapath.ct;
        // add_internal_flows()' order: the miss, no-packet-in and drop-frags rules, then recirc_id=0's
        tables.internal(List.of(internal.miss, internal.noPacketIn, internal.dropFrags, internal.recircZero), internalRules());
        datapath.nextDummyMac(); // the local port is a dummy-internal netdev too, whatever MAC the bridge gives it
        Port local = new Port(Ports.LOCAL, name, "internal", hwaddr, datapath.choosePort(name), Map.of());
        putPort(local);
        datapath.register(this, local);
        mtus.update(local);
    }

    /** The ports' MTUs (ofproto.c's update_mtu()). */
    private final PortMtu mtus = new PortMtu(this);

    /** ofproto_port_set_queues(): the port's queues with a DSCP, by queue id; a change revalidates. */
    public void setQueueDscps(Port p, Map<Long, Integer> queueDscp) {
        Map<Long, Integer> m = new java.util.HashMap<>();
        queueDscp.forEach((queue, dscp) -> m.put(queue, (dscp << 2) & 0xfc)); // set_queues(): (dscp << 2) & DSCP_MASK
        if (!m.equals(p.skbPriorityDscp)) {
            p.skbPriorityDscp = Map.copyOf(m);
            datapath.portsVersion++;
        }
    }

    /** iface_set_netdev_mtu(): the Interface's mtu_request, null for none. */
    public void requestMtu(Port p, Long request) {
        mtus.request(p, request);
    }

    /**
     * ovs-vsctl add-port: OpenFlow port {@code request} (ofport_request, -1: none) unless a port has it, else the
     * number alloc_ofp_port() hands out ({@link OfportUsage#alloc}).
     */
    public Port addPort(String portName, String type, long request, long mac, Map<String, String> options) {
        long ofport = usage.alloc(request, clock, name);
        // port_add(): a tunnel port whose datapath port (genev_sys_6081, ...) exists already shares it
        String dpName = TunnelType.dpifName(type, portName, options);
        int dp = type.equals("patch") ? -1 : TunnelType.of(type) != null && datapath.portNumber(dpName) >= 0
                ? datapath.portNumber(dpName) : datapath.choosePort(dpName);
        Port p = new Port(ofport, portName, type, mac, dp, options);
        p.ofportRequest = request;
        putPort(p);
        datapath.register(this, p);
        datapath.portsVersion++;
        mtus.update(p); // ofport_install()
        return p;
    }

    /** other_config:hwaddr: the bridge's MAC, its local port's too. */
    public void setHwaddr(long mac) {
        hwaddr = mac;
        ports.get(Ports.LOCAL).mac = mac;
    }

    /**
     * A deleted bridge made again is a new ofproto (ofproto_create()): alloc_ofp_port() starts over with no number
     * freed, and its ports hmap holds the local port alone.
     */
    public void recreated() {
        usage.clear();
        portHmap = Hmap.ofPorts();
        for (Port p : ports.values()) {
            portHmap.insert(p);
        }
    }

    /** bundle_set(): a port's new VLAN configuration; a change flushes what it learned (bundle_flush_macs()). */
    public void setVlan(Port p, PortVlan v) {
        boolean changed = p.vlan.differs(v);
        p.vlan = v; // the columns as set, even when NORMAL sees no change
        if (changed) {
            ml.flush(p.ofport);
            if (mcast != null) {
                mcast.flushBundle(p.ofport); // bundle_set(): mcast_snooping_flush_bundle()
            }
            datapath.portsVersion++;
        }
    }

    /** ovs-vsctl del-port: the port leaves the bridge and the datapath; flows naming it stay, as in OVS. */
    public void removePort(Port p, long now) {
        clock = Math.max(clock, now);
        ports.remove(p.ofport);
        portHmap.remove(p);
        if (p.ofport < byOfport.length) {
            byOfport[(int) p.ofport] = null;
        }
        usage.free(p.ofport, now); // dealloc_ofp_port()
        List<MacLearning> others = new ArrayList<>(); // bundle_destroy(): the other bridges forget its MACs too
        for (Ofproto o : datapath.bridges()) {
            if (o != this) {
                others.add(o.ml);
            }
        }
        ml.flush(p.ofport, others);
        if (mcast != null) {
            mcast.flushBundle(p.ofport); // bundle_destroy()
        }
        datapath.router.neighFlush(p.name); // xlate_ofport_remove(): tnl_neigh_flush() of the port's netdev name
        datapath.unregister(p);
        datapath.portsVersion++;
        mtus.removed(p);
    }

    /** The bridge's bonds by Port name (bundle_set() of a Port with several interfaces). */
    public final Map<String, Bond> bonds = new java.util.LinkedHashMap<>();

    /**
     * bundle_set() of a bond's members and bond_reconfigure() of its settings, then bond_run() (its members enabled,
     * its active member chosen); a bundle made of other members forgets what it learned (bundle_flush_macs()).
     */
    public Bond setBond(String bondName, List<Port> members, Bond.Settings settings, long now) {
        Bond b = bonds.get(bondName);
        if (b != null && b.bundlePort() != members.get(0).ofport) {
            ml.flush(b.bundlePort());
        }
        if (b == null) {
            b = new Bond(bondName);
            bonds.put(bondName, b);
        }
        b.reconfigure(settings, now / 1_000_000, datapath.recirc, this); // then bond_member_register()
        b.setMembers(members);
        runBonds(now);
        datapath.portsVersion++;
        return b;
    }

    /** bundle_destroy() of a bond: its id freed, what it learned forgotten. */
    public void removeBond(String bondName) {
        Bond b = bonds.remove(bondName);
        if (b != null) {
            if (b.recircId != 0) {
                datapath.recirc.unref(b.recircId);
            }
            if (port(b.bundlePort()) != null) {
                ml.flush(b.bundlePort());
            }
            datapath.portsVersion++;
        }
    }

    /** The bond {@code p} is a member of, or null. */
    public Bond bondOf(Port p) {
        if (!bonds.isEmpty() && p != null) {
            for (Bond b : bonds.values()) {
                if (b.members.containsKey(p)) {
                    return b;
                }
            }
        }
        return null;
    }

    /** bond_run() of each bond (bridge_run()'s ofproto_run()); a change revalidates the flows. */
    public void runBonds(long now) {
        for (Bond b : bonds.values()) {
            if (b.run(now / 1_000_000)) {
                datapath.portsVersion++;
            }
        }
    }

    /** connmgr_set_fail_mode() ({@link Connmgr}): a change may flush the flows and give the fail-open flow. */
    public void setFailMode(String mode, long now) {
        Connmgr.setFailMode(this, mode, now);
    }

    /** The bridge's controllers' targets (ovs-vsctl set-controller); connections to them are not modelled. */
    public List<String> controllers = List.of();

    /** connmgr_set_controllers() ({@link Connmgr}): the first controller added, or the last removed, flushes. */
    public void setControllers(List<String> targets, long now) {
        Connmgr.setControllers(this, targets, now);
    }

    /** connmgr_flushed(): a standalone bridge without controllers gets the fail-open flow. */
    public void flushed(long now) {
        Connmgr.flushed(this, now);
    }

    /**
     * xport->may_enable: port_run()'s netdev_get_carrier(), which a netdev that is not up has not (the dummy netdev
     * has no carrier of its own).
     */
    boolean mayEnable(long ofport) {
        Port p = port(ofport);
        return p != null && (p.config & Port.PORT_DOWN) == 0;
    }

    /**
     * A port_mod's bits {@code mask} set to {@code config} (update_port_config()): PORT_DOWN's carrier change
     * revalidates (REV_PORT_TOGGLED), as port_reconfigured() does for the others (REV_RECONFIGURE).
     */
    public void modPort(Port p, int mask, int config) {
        int next = p.config & ~mask | config & mask;
        if (next != p.config) {
            p.config = next;
            datapath.portsVersion++;
        }
    }

    /** bundle_set(): a change of the Port's protected column flushes what it learned, as a VLAN change does. */
    public void setProtected(Port p, boolean protectedPort) {
        if (p.protectedPort != protectedPort) {
            p.protectedPort = protectedPort;
            ml.flush(p.ofport);
            datapath.portsVersion++;
        }
    }

    public Port port(long ofport) {
        return ofport >= 0 && ofport < byOfport.length ? byOfport[(int) ofport] : ofport < INDEXED ? null
                : ports.get(ofport);
    }

    private void putPort(Port p) {
        ports.put(p.ofport, p);
        portHmap.insert(p);
        if (p.ofport < INDEXED) {
            if (p.ofport >= byOfport.length) {
                byOfport = java.util.Arrays.copyOf(byOfport, Integer.highestOneBit((int) p.ofport) * 2);
            }
            byOfport[(int) p.ofport] = p;
        }
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

    /**
     * The ports in the order of xlate's xports hmap (hash_ofp_port(), lib/hmap.c): each xlate transaction inserts
     * them afresh in creation order; it is the order flood_packets() outputs FLOOD and ALL in.
     */
    public List<Port> portsInHashOrder() {
        return Hmap.of(ports.values(), Hmap.ofPorts());
    }

    /**
     * The ports in the order of ofproto->ports, the hmap kept since the bridge was made (port stats replies walk it:
     * handle_port_stats_request()).
     */
    public List<Port> portsInOfprotoOrder() {
        return portHmap.inOrder();
    }

    /** OFPQ_ALL. */
    public static final long QUEUE_ALL = 0xffffffffL;

    /** The ports whose queue {@code queue} a queue request for {@code port} asks for ({@link OfprotoQueues}). */
    public Queues queues(long port, long queue) {
        return OfprotoQueues.queues(this, port, queue);
    }

    /** The ports whose queues a request asked for, or the error (its ports then none). */
    public record Queues(List<Port> ports, String error) {}

    public PortMap portMap() {
        return new PortMap() {
            @Override public String name(long port) {
                Port p = port(port);
                return p == null ? null : p.name;
            }

            @Override public long number(String portName) {
                Port p = port(portName);
                return p == null ? -1 : p.ofport;
            }
        };
    }

    /** Whether a flow matches tun_metadata{@code i} or its actions name it (the vl_mff_map field's references). */
    public boolean usesTunMetadata(int i) {
        return OfprotoFlowMod.usesTunMetadata(this, i);
    }

    /** A flow_mod decoded as {@code version} ({@link OfprotoFlowMod}); null or the OpenFlow error's name. */
    public String flowMod(FlowMod fm, OfVersion version, long now) {
        return OfprotoFlowMod.flowMod(this, fm, version, now);
    }

    /** TBL_INTERNAL: ofproto-dpif's hidden, read-only table. */
    static final int TABLE_INTERNAL = 254;

    /** A group_mod decoded as {@code version} ({@link OfprotoGroups}); null or the OpenFlow error's name. */
    public String groupMod(Group.Mod m, OfVersion version, long now) {
        return OfprotoGroups.groupMod(this, m, version, now);
    }

    /** One message of a bundle (struct ofp_bundle_entry): a flow_mod, a group_mod or a packet-out, one of them set. */
    public record BundleEntry(FlowMod fm, Group.Mod gm, PacketOut po, boolean of10) {}

    /** handle_bundle_add() ({@link OfprotoBundles}): the error decoding or initialising the message, or null. */
    public String bundleAdd(BundleEntry e, OfVersion version) {
        return OfprotoBundles.add(this, e, version);
    }

    /** The bundle's message a commit failed at, by index, and its error. */
    public record BundleFailure(int index, String error) {}

    /** do_bundle_commit() ({@link OfprotoBundles}): the message that failed and its error, or null when done. */
    public BundleFailure bundleCommit(List<BundleEntry> entries, OfVersion version, long now) {
        return OfprotoBundles.commit(this, entries, version, now);
    }

    /** A meter_mod ({@link OfprotoMeters}); null or the OpenFlow error's name. */
    /** The meters in ofproto->meters' order (meter_request_reply_all()'s HMAP_FOR_EACH). */
    public List<Meter> metersInOrder() {
        List<Meter> out = new ArrayList<>();
        meterOrder.inOrder().forEach(id -> out.add(meters.get(id)));
        return out;
    }

    public String meterMod(Meter.Mod m, long now) {
        return OfprotoMeters.meterMod(this, m, now);
    }

    /** A group's ref_count (append_group_stats()): its group actions in the rules' flattened actions. */
    public int groupRefs(long id) {
        return OfprotoGroups.groupRefs(this, id);
    }

    /** OFPACT_FOR_EACH_FLATTENED: the actions with those nested in ct(exec(...)), write_actions(...) and clone(...). */
    static List<Action> flattened(List<Action> actions) {
        List<Action> out = new ArrayList<>(actions.size());
        for (Action a : actions) {
            out.add(a);
            if (a instanceof Action.Ct ct && ct.exec() != null) {
                out.addAll(flattened(ct.exec()));
            } else if (a instanceof Action.WriteActions w) {
                out.addAll(flattened(w.actions()));
            } else if (a instanceof Action.Clone c) {
                out.addAll(flattened(c.actions()));
            }
        }
        return out;
    }

    /** The rules whose instructions use meter {@code id} (a meter's flow_count). */
    public int meterFlows(long id) {
        return OfprotoMeters.meterFlows(this, id);
    }

    /** A frame arrived on {@code inPort}: runs the pipeline, counts, learns, tracks; returns what leaves. */
    public List<Output> receive(long now, long inPort, byte[] frame) {
        return receive(now, inPort, frame, true);
    }

    /**
     * A frame a dummy port queued as received while sending (netdev_dummy_queue_packet(): its ARP reply): the main
     * loop's next dpif_run() reads it before that loop's type_run() hands what the last frame changed (its MAC
     * learning: REV_MAC_LEARNING) to the revalidators, so no round comes before it.
     */
    public List<Output> receiveQueued(long now, long inPort, byte[] frame) {
        return receive(now, inPort, frame, false);
    }

    private List<Output> receive(long now, long inPort, byte[] frame, boolean round) {
        clock = now;
        Port in = port(inPort);
        if (in != null && !in.isTunnel()) { // a tunnel port's are counted by the translation (xlate_actions())
            in.rxPackets++;
            in.rxBytes += frame.length;
        }
        // a tunnel port's frames come from the kernel's tunnel device with their tunnel key in front
        long[] flow = in != null && in.isTunnel() ? Tunnel.receive(frame, inPort)
                : Packet.extract(frame, inPort, datapath.vlanLimit(), borrowKey());
        byte[] packet = in != null && in.isTunnel() ? io.arplab.wire.Geneve.Metadata.inner(frame) : frame;
        ml.run(now);
        if (round) { // the revalidators' last round: the backer's need_revalidate is every bridge's
            datapath.udpif.revalidate(now);
        }
        List<Output> outputs = new ArrayList<>(2);
        input(now, flow, packet, outputs);
        if (flow == key) {
            keyLent = false;
        }
        // the main loop's next mac_learning_run(), before any later command: an entry the upcall moved to the LRU
        // tail no longer holds back the expired ones behind it
        ml.run(now);
        return transmitted(outputs);
    }

    // a received frame's key (miniflow_extract()'s): the bridge's own array, zeroed, unless a frame being received
    // has it (nothing keeps a key past its frame: a megaflow, a recirculation and a translation take copies)
    private final long[] key = new long[Slot.ALL.length];
    private boolean keyLent;

    /** Zeroes a key or wildcards by copying (the copy stub stores wider words than a fill's loop). */
    private static final long[] ZERO_KEY = new long[Slot.ALL.length];

    private long[] borrowKey() {
        if (keyLent) {
            return new long[Slot.ALL.length];
        }
        keyLent = true;
        System.arraycopy(ZERO_KEY, 0, key, 0, ZERO_KEY.length);
        return key;
    }

    /**
     * The datapath popped a tunnel header (tnl_pop): the inner packet comes in on tunnel port {@code in} with the
     * outer headers as its tunnel key ({@code flow}), and goes through this bridge's datapath flows; what it sends
     * waits in {@link #sent}.
     */
    void popped(long now, Port in, long[] flow, byte[] inner) {
        datapath.udpif.revalidateUkeys(this, now);
        List<Output> outputs = new ArrayList<>(2);
        input(now, flow, inner, outputs);
        send(outputs);
    }

    /**
     * netdev_vport_inc_tx(): a tunnel port counts the packets translated to it (the inner packet, as received), sent
     * or not, since its netdev's own stats are what dump-ports shows.
     */
    void tunnelRx(long ofport, int len) {
        tunnelRx(ofport, 1, len);
    }

    void tunnelRx(long ofport, long packets, long bytes) {
        Port p = port(ofport);
        if (p != null) {
            p.rxPackets += packets;
            p.rxBytes += bytes;
        }
    }

    void tunnelTx(long ofport, int len) {
        tunnelTx(ofport, 1, len);
    }

    void tunnelTx(long ofport, long packets, long bytes) {
        Port p = port(ofport);
        if (p != null) {
            p.vportTxPackets += packets;
            p.vportTxBytes += bytes;
        }
    }

    /** Frames this bridge sent outside a frame it received (a native tunnel's ARP request, a popped packet's). */
    final List<Output> sent = new ArrayList<>(0);

    /** Takes the frames waiting in {@link #sent}. */
    public List<Output> takeSent() {
        if (sent.isEmpty()) {
            return List.of();
        }
        List<Output> l = new ArrayList<>(sent);
        sent.clear();
        return l;
    }

    /** Whoever transmits this bridge's frames, told that some wait in {@link #sent}. */
    public Runnable onSent;

    void send(List<Output> outputs) {
        if (outputs.isEmpty()) {
            return;
        }
        sent.addAll(transmitted(outputs));
        if (onSent != null) {
            onSent.run();
        }
    }

    // the frames the ports send, counted. A port's frames leave in batches of NETDEV_MAX_BURST
    // (dp_netdev_pmd_flush_output_on_port()); netdev_dummy_send() stops at a frame longer than the port's MTU
    // allows with its Ethernet header and a VLAN tag if it has one, or shorter than that header (a trunc() past the
    // frame's pop_vlan) (EMSGSIZE): it and the rest of its batch are not sent, nor counted
    private List<Output> transmitted(List<Output> outputs) {
        boolean big = false;
        for (int i = 0; i < outputs.size() && !big; i++) {
            int length = outputs.get(i).frame().length;
            big = length > mtus.smallest + 14 || length < 14;
        }
        List<Output> fit = big ? new ArrayList<>(outputs.size()) : outputs;
        // per port: the frames in its batch, whether the batch stopped
        Map<Long, int[]> batches = big ? new java.util.HashMap<>() : null;
        for (Output o : outputs) {
            Port p = port(o.ofport());
            byte[] f = o.frame();
            if (big && p != null && p.dummySend()) {
                int[] b = batches.computeIfAbsent(o.ofport(), k -> new int[2]);
                if (b[0]++ == 32) {
                    b[0] = 1;
                    b[1] = 0;
                }
                b[1] |= f.length < 14 || f.length > p.mtu + 14 + (Packet.u16(f, 12) == 0x8100 ? 4 : 0) ? 1 : 0;
                if (b[1] != 0) {
                    continue;
                }
            }
            if (big) {
                fit.add(o);
            }
            if (p != null) { // a kernel tunnel's vport counts the packet, not arplab's tunnel key before it
                p.txPackets++;
                p.txBytes += f.length - (p.isTunnel() ? io.arplab.wire.Geneve.METADATA_LENGTH : 0);
            }
        }
        return fit;
    }

    /** ofproto_set_flow_sample()/set_ipfix(): a reconfiguration, every megaflow revalidated (REV_RECONFIGURE). */
    public void setIpfix(boolean on) {
        if (ipfix != on) {
            ipfix = on;
            datapath.portsVersion++;
        }
    }

    boolean ipfix() {
        return ipfix;
    }

    /** ofproto->frag_handling: "normal", "drop" or "nx-match" (OFPUTIL_FRAG_*). */
    private String fragHandling = "normal";
    /** TBL_INTERNAL's hidden rules (add_internal_flows()). */
    final InternalRules internal = new InternalRules();

    /** TBL_INTERNAL's rules in its classifier's order (the recirc_id subtable, then reg0's rules 1, 2 and 3). */
    public List<Rule> internalRules() {
        return internal.all();
    }

    public String fragHandling() {
        return fragHandling;
    }

    /**
     * handle_set_config()'s frag: set_frag_handling() takes every mode but "reassemble" (left as it was), a change
     * revalidating every megaflow (REV_RECONFIGURE). Returns whether the mode is now {@code mode}.
     */
    public boolean setFragHandling(String mode) {
        if (!mode.equals("reassemble") && !mode.equals(fragHandling)) {
            fragHandling = mode;
            datapath.portsVersion++;
        }
        return mode.equals(fragHandling);
    }

    /** Whether frames wait in {@link #sent}. */
    public boolean hasSent() {
        return !sent.isEmpty();
    }

    /**
     * ofproto_dpif_execute_actions__() with output:TABLE: a packet OVS composed itself (tnl_send_arp_request())
     * through the tables from {@code inPort}, executed without a megaflow.
     */
    void packetOut(long now, long inPort, byte[] frame) {
        long[] flow = Packet.extract(frame, inPort, datapath.vlanLimit());
        Xlate x = new Xlate(this, now, flow, frame, null, List.of(), true);
        x.install = false;
        x.run();
        send(x.outputs);
        x.sendPushed();
    }

    /** handle_packet_out() ({@link OfprotoPacketOut}); {@code of10}: OpenFlow 1.0's own match. Null or the error. */
    public String packetOut(PacketOut po, OfVersion version, boolean of10, long now) {
        return OfprotoPacketOut.packetOut(this, po, version, of10, now);
    }

    // dp_netdev_input(): the megaflow lookups of one packet and its recirculations
    private void input(long now, long[] flow, byte[] packet, List<Output> outputs) {
        ct.packetIn(now);
        pass(now, flow, packet, outputs, Packet.vlanCount(flow));
    }

    // dp_netdev_input__() of one pass: a megaflow hit is executed from its actions; a miss (or a slow-path flow) is
    // an upcall, translated from this pass on
    void pass(long now, long[] flow, byte[] packet, List<Output> outputs, int tags) {
        Megaflow m = datapath.lookup(this, flow);
        if (m == null || !m.replayable()) {
            Xlate x = xlate(now, flow, packet, true);
            if (x == null) {
                return; // the upcall of a recirculation whose id is gone: dropped
            }
            List<Xlate.CtSent> sent;
            try {
                x.keyMissed = m == null;
                x.hit = m != null;
                x.hitFlow = m;
                translate(x);
                if (x.xc != null) {
                    datapath.countDrop(x.xc.dropCounter); // handle_upcalls()' execute of the packet
                }
                for (int i = 0; i < x.outputs.size(); i++) {
                    outputs.add(x.outputs.get(i)); // most upcalls send one frame: no addAll()'s array copy
                }
                for (int i = 0; i < x.recirculated.size(); i++) { // native_tunnel_output()'s recirc(0) of a cut packet
                    Ofproto under = x.recirculated.get(i).underlay();
                    Output r = x.recirculated.get(i).output();
                    List<Output> out = new ArrayList<>(1);
                    under.input(now, Packet.extract(r.frame(), r.ofport(), datapath.vlanLimit(),
                            new long[Slot.ALL.length]), r.frame(), out);
                    under.send(out);
                }
                x.sendPushed();
                sent = x.ctSent;
            } finally {
                if (x == upcallContext) {
                    upcallContextLent = false;
                }
            }
            for (int i = 0; sent != null && i < sent.size(); i++) {
                odp.sentOn(now, sent.get(i).xc(), sent.get(i).from(), sent.get(i).sent(), outputs);
            }
            return;
        }
        // a recirculated pass counts the packet with the tags the passes before pushed or popped
        int len = packet.length + 4 * (Packet.vlanCount(flow) - tags);
        datapath.hit(m, flow, len, now); // its rules, NORMAL's learning and the rest wait for a revalidator round
        odp.execute(now, m.xc, flow, packet, outputs, tags);
        datapath.countDrop(m.xc.dropCounter);
    }

    /** odp-execute.c for this bridge's megaflow hits. */
    private final OdpExecute odp = new OdpExecute(this);

    /** ofproto/trace: the pipeline for {@code flow} (and its packet, if any), without side effects. */
    public String trace(long now, long[] flow, byte[] packet, List<Integer> ctNext) {
        return trace(now, flow, packet, ctNext, null, false);
    }

    /** The same running {@code actions} (null: the tables), ports by name for --names ({@link XlateTrace#trace}). */
    public String trace(long now, long[] flow, byte[] packet, List<Integer> ctNext, List<Action> actions,
            boolean names) {
        return XlateTrace.trace(this, now, flow, packet, ctNext, actions, names);
    }

    /** Traceflow ({@link XlateTrace#traceflow}): {@code frame} from {@code inPort} as ofproto/trace runs it. */
    public void traceflow(long now, long inPort, byte[] frame, TraceflowHop hop) {
        XlateTrace.traceflow(this, now, inPort, frame, hop);
    }

    /** Expires rules, MAC entries; returns when next needed. */
    public void advance(long now) {
        runBonds(now);
        tables.expire(now, datapath.udpif.rulePeriod());
        ml.expire(now);
        datapath.udpif.revalidate(now); // the revalidators' timer, when due
    }

    public long nextDeadline() {
        return Math.min(Math.min(tables.nextExpiry(datapath.udpif.rulePeriod()), ml.nextExpiry()),
                datapath.udpif.nextRound());
    }

    /** fdb/stats-show. */
    public String fdbStats(long now) {
        return "Statistics for bridge \"" + name + "\":\n"
                + "  Current/maximum MAC entries in the table: " + ml.entries(now).size() + "/" + ml.max() + "\n"
                + "  Current static MAC entries in the table : " + ml.staticEntries + "\n"
                + "  Total number of learned MAC entries     : " + ml.learned + "\n"
                + "  Total number of expired MAC entries     : " + ml.expired + "\n"
                + "  Total number of evicted MAC entries     : " + ml.evicted + "\n"
                + "  Total number of port moved MAC entries  : " + ml.moved + "\n";
    }

    /** fdb/show. */
    public String fdbShow(long now) {
        StringBuilder s = new StringBuilder(" port  VLAN  MAC                Age\n");
        for (MacLearning.Entry e : ml.entries(now)) {
            s.append(String.format("%5s  %4d  %s  ", Ports.format(e.port, PortMap.NONE), e.vlan,
                    MatchFormat.mac(e.mac))).append(e.isStatic() ? "static\n" : String.format("%3d%n", ml.age(e, now)));
        }
        return s.toString();
    }
}
