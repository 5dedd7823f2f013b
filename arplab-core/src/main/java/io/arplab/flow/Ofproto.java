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

        public boolean isTunnel() {
            return tunnelType != null;
        }

        /** netdev_vport_get_dpif_port(): the datapath port's name (several tunnel ports may share one). */
        public String dpifName() {
            return TunnelType.dpifName(type, name, options);
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
    public long datapathId;
    /** The fail_mode column: "secure", "standalone", or null (unset: standalone). */
    public String failMode = "secure";
    public List<OfVersion> protocols = List.of(OfVersion.OF10, OfVersion.OF13, OfVersion.OF15);
    /** The Bridge's other_config:forward-bpdu: NORMAL forwards frames to reserved multicast addresses. */
    public boolean forwardBpdu;
    /**
     * ofproto->ipfix: a dpif_ipfix exists, which a Flow_Sample_Collector_Set of the bridge (or its IPFIX column)
     * makes; without one a sample() translates to nothing. Set through {@link #setIpfix(boolean)}.
     */
    private boolean ipfix;
    public final FlowTables tables = new FlowTables();
    public final MacLearning ml = new MacLearning();
    /** The TLV map (ofproto->metadata_tab): Geneve options to tun_metadata fields. */
    public final TunMetadata.Table tlv = new TunMetadata.Table();
    /** The datapath's connection tracker, which every bridge on it shares (zones included). */
    public final Conntrack ct;
    /** The wildcards of the translation under way (xlate_ctx's wc), lent to one translation at a time. */
    private final long[] wildcards = new long[Slot.ALL.length];
    private boolean wildcardsLent;

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
    private final Map<Long, Port> ports = new LinkedHashMap<>();
    /** ofproto->ports, the hmap of the bridge's ports kept since it was made (grown, never shrunk). */
    private Hmap<Port> portHmap = Hmap.ofPorts();
    /** The ports by OpenFlow number below {@link #INDEXED} (a packet's lookups of its ports skip the boxing map). */
    private Port[] byOfport = new Port[8];
    private static final int INDEXED = 4096;
    /** alloc_ofp_port()'s state: the last number it handed out, and when each number was last in use. */
    private int allocPortNo;
    private final Map<Long, Long> usage = new java.util.HashMap<>();
    private long clock;
    /** How many tables the bridge's last translation looked up: the next one's cache is sized for that many. */
    int xcTables = 4;
    /** The tables' and MAC learning's versions the megaflows were last revalidated against. */
    private long tablesSeen, mlSeen;
    /** Bumped by a port added or deleted (bridge_reconfigure(): REV_RECONFIGURE revalidates every megaflow). */
    private long portsSeen;
    /** The native tunnelling tables' version the megaflows were last revalidated against. */
    private long routerSeen;

    /**
     * The translation of a datapath key, thawed when it recirculated; null when its id has no node left. As
     * xlate_lookup_ofproto() finds it, a recirculated pass is translated in its frozen state's bridge (after a patch
     * port, not the one the packet came in on); the megaflow stays keyed on this bridge's input port.
     */
    private Xlate xlate(long now, long[] key, byte[] packet, boolean execute) {
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

    /**
     * netdev_dummy_send(): a dummy port with an address (netdev-dummy/ip4addr) that is sent an ARP request for it
     * queues the reply as received (compose_arp(): from its MAC to the asker, not broadcast); null otherwise.
     */
    public byte[] dummyArpReply(long ofport, byte[] frame) {
        Port p = port(ofport);
        long[] a = p == null ? null : datapath.router.address(p.name);
        if (a == null || frame.length < 42 || io.arplab.wire.Bytes.u16(frame, 12) != Match.ETH_ARP
                || io.arplab.wire.Bytes.u16(frame, 20) != 1 || io.arplab.wire.Bytes.u32(frame, 38) != a[0]) {
            return null;
        }
        return NativeTunnel.arp(2, p.mac, io.arplab.wire.MacAddress.read(frame, 6).bits(), false, a[0],
                io.arplab.wire.Bytes.u32(frame, 28));
    }

    /** populate_xcache(): the ukey of {@code key} translated again, without packet or stats, for its cache. */
    void populateXcache(long now, long[] key) {
        Xlate x = xlate(now, key, null, false);
        if (x != null) {
            x.onePass = true;
            translate(x);
        }
    }

    private static void translate(Xlate x) {
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
                || routerSeen != datapath.router.version;
    }

    /**
     * revalidate_ukey(): after a change of the tables or of what NORMAL learned (udpif_revalidate() bumps the one
     * reval_seq), each of the bridge's megaflows is translated again from its key; one that now needs bits its mask wildcards is deleted, one whose actions
     * changed gets the new ones, and each keeps the new translation's cache.
     */
    void revalidate(long now) {
        if (!stale()) {
            return;
        }
        boolean tablesChanged = tablesSeen != tables.version || portsSeen != datapath.portsVersion
                || routerSeen != datapath.router.version;
        routerSeen = datapath.router.version;
        tablesSeen = tables.version;
        portsSeen = datapath.portsVersion;
        mlSeen = ml.version;
        for (Megaflow m : new ArrayList<>(datapath.flows())) {
            // the backer's need_revalidate: a megaflow that crossed a patch port is any of its bridges'; a change of
            // what NORMAL learned (REV_MAC_LEARNING) revalidates every megaflow too
            // the backer's need_revalidate translates every ukey again, once a round: one whose translation sends an
            // ARP request (a neighbour miss: compose_table_xlate() has side effects of its own) sends it once more
            long epoch = datapath.revalidationEpoch();
            if (m.ukeyCache().neighbourMiss ? m.epoch == epoch : m.br != this && !m.ukeyCache().patched) {
                continue;
            }
            m.epoch = epoch;
            m.xcachePopulated = true;
            long[] value = m.value();
            long[] key = datapath.ukeyFlow(value); // xlate_key() of the ukey's key, its mask as that key has it
            Xlate x = m.br.xlate(now, key, null, false);
            if (x == null) { // xlate_key() fails: the ukey goes, its cache cleared (its stats pushed through nothing)
                datapath.remove(m);
                continue;
            }
            x.onePass = true;
            x.keepRecircs = true;
            x.ctOrig = m.ctTuple; // the ukey's key carries the flow's ct_nw_* (odp_flow_key_to_flow())
            translate(x);
            // the ukey's odp mask has no tuple when its key has none (odp_flow_key_from_mask())
            boolean extra = XlateCt.ctOrigExtra(x, m.ctTuple == null ? null : m.ctMask);
            // the ukey's mask as odp_flow_key_to_mask() gives it back (revalidate_ukey__()), each tag's TPID exact
            long[] ukeyMask = OdpFlowFormat.ukeyMask(value, m);
            long[] wc = x.ukeyWc();
            for (int i = 0; i < m.mask.length; i++) {
                long dpMask = key != value && (i == Slot.VLAN_TCI1.ordinal() || i == Slot.VLAN_TPID1.ordinal()) ? 0
                        : ukeyMask[i];
                extra |= (wc[i] & ~dpMask) != 0; // flow_wildcards_has_extra()
            }
            // a DPIF_FP_MODIFY put of the ukey's key: flow_put_on_pmd() changes the megaflow its lookup finds, if any
            Megaflow target = key == value ? m : datapath.lookup(m.br, key);
            // the stats since the last push go through the new translation's cache, the ukey deleted or not
            // (revalidate_ukey()'s xlate_push_stats(), push_dp_ops() for a deleted one)
            datapath.push(m, x.xc, now);
            if (extra || x.unfinishedWc || x.avoidCaching) {
                datapath.remove(m);
            } else {
                if (target != null) {
                    if (target != m && target.ukeyXc == null) {
                        target.ukeyXc = target.xc; // another ukey's flow: its actions change, not its ukey's cache
                    }
                    target.actions = x.lastActions;
                    target.xc = x.xc;
                    target.recircs = datapath.swapRecircs(target, x.recircs);
                    x.recircs.clear();
                }
                // revalidate_ukey(): the ukey's cache is the new translation's (xlate_cache_clear() then
                // revalidate_ukey__()), even when the put finds no datapath flow of its key to modify (a key cut
                // to max_vlan_headers): later hits of its old flow push through it
                m.ukeyXc = target == m ? null : x.xc;
            }
            x.releaseRecircs();
        }
        if (tablesChanged) { // the orphaned ukeys are revalidated too: deleted when they need more bits
            datapath.orphans.removeIf(m -> {
                if (m.br != this) {
                    return false;
                }
                long[] value = m.value();
                Xlate x = xlate(now, value, null, false);
                boolean delete = x == null;
                if (x != null) {
                    x.onePass = true;
                    translate(x);
                    long[] ukeyMask = OdpFlowFormat.ukeyMask(value, m);
                    long[] wc = x.ukeyWc();
                    for (int i = 0; i < m.mask.length; i++) {
                        delete |= (wc[i] & ~ukeyMask[i]) != 0;
                    }
                    delete |= x.avoidCaching || x.unfinishedWc;
                }
                if (delete) {
                    datapath.recirc.unref(m.recircs);
                }
                return delete;
            });
        }
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
        this.ct = datapath.ct;
        datapath.nextDummyMac(); // the local port is a dummy-internal netdev too, whatever MAC the bridge gives it
        Port local = new Port(Ports.LOCAL, name, "internal", hwaddr, datapath.choosePort(name), Map.of());
        putPort(local);
        datapath.register(this, local);
    }

    /**
     * ovs-vsctl add-port: OpenFlow port {@code request} (ofport_request) unless a port has it, else the number
     * alloc_ofp_port() hands out: the next after the last one it gave, skipping numbers in use or freed less than an
     * hour ago (the least recently freed when all are); -1: no request.
     */
    public Port addPort(String portName, String type, long request, long mac, Map<String, String> options) {
        long ofport = request;
        if (ofport < 1 || ofport >= Ports.MAX || usage.getOrDefault(ofport, 0L) == Long.MAX_VALUE) {
            ofport = -1;
            long lru = Long.MAX_VALUE;
            int end = allocPortNo;
            while (ofport < 0) {
                if (++allocPortNo >= 32768) {
                    allocPortNo = 1;
                }
                long used = usage.getOrDefault((long) allocPortNo, 0L);
                if (used == 0 || used < clock - 3_600_000_000_000L) {
                    ofport = allocPortNo;
                } else if (used < lru) {
                    lru = used;
                }
                if (ofport < 0 && allocPortNo == end) {
                    ofport = lruPort(lru);
                }
            }
        }
        usage.put(ofport, Long.MAX_VALUE);
        // port_add(): a tunnel port whose datapath port (genev_sys_6081, ...) exists already shares it
        String dpName = TunnelType.dpifName(type, portName, options);
        int dp = type.equals("patch") ? -1 : TunnelType.of(type) != null && datapath.portNumber(dpName) >= 0
                ? datapath.portNumber(dpName) : datapath.choosePort(dpName);
        Port p = new Port(ofport, portName, type, mac, dp, options);
        p.ofportRequest = request;
        putPort(p);
        datapath.register(this, p);
        datapath.portsVersion++;
        return p;
    }

    /** other_config:hwaddr: the bridge's MAC, its local port's too. */
    public void setHwaddr(long mac) {
        hwaddr = mac;
        ports.get(Ports.LOCAL).mac = mac;
    }

    private long lruPort(long lru) {
        for (Map.Entry<Long, Long> e : usage.entrySet()) {
            if (e.getValue() == lru) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("no OpenFlow port free on " + name);
    }

    /**
     * A deleted bridge made again is a new ofproto (ofproto_create()): alloc_ofp_port() starts over with no number
     * freed, and its ports hmap holds the local port alone.
     */
    public void recreated() {
        allocPortNo = 0;
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
        usage.put(p.ofport, Math.max(now, 1)); // dealloc_ofp_port(): freed now
        List<MacLearning> others = new ArrayList<>(); // bundle_destroy(): the other bridges forget its MACs too
        for (Ofproto o : datapath.bridges()) {
            if (o != this) {
                others.add(o.ml);
            }
        }
        ml.flush(p.ofport, others);
        datapath.router.neighFlush(p.name); // xlate_ofport_remove(): tnl_neigh_flush() of the port's netdev name
        datapath.unregister(p);
        datapath.portsVersion++;
    }

    /**
     * connmgr_set_fail_mode(): a change of fail mode on a bridge without controllers flushes its flows, and a
     * standalone bridge (or one without fail_mode) then has the fail-open flow priority=0 actions=NORMAL.
     */
    public void setFailMode(String mode, long now) {
        boolean changed = "secure".equals(mode) != "secure".equals(failMode);
        failMode = mode;
        if (changed && controllers.isEmpty()) { // connmgr_set_fail_mode()
            flush(now);
        }
    }

    /** The bridge's controllers' targets (ovs-vsctl set-controller); connections to them are not modelled. */
    public List<String> controllers = List.of();

    /** connmgr_set_controllers(): the first controller added, or the last removed, flushes the bridge. */
    public void setControllers(List<String> targets, long now) {
        boolean had = !controllers.isEmpty();
        controllers = List.copyOf(targets);
        if (had != !controllers.isEmpty()) {
            flush(now);
        }
    }

    // ofproto_flush_flows(): ofproto_flush__() deletes every flow but the hidden table's, every group and every
    // meter; then connmgr_flushed()
    private void flush(long now) {
        for (Rule r : tables.all()) {
            tables.remove(r);
        }
        groups.clear();
        for (Meter m : meters.values()) {
            datapath.freeMeterId(m.providerId);
        }
        meters.clear();
        tables.version++;
        flushed(now);
    }

    /** connmgr_flushed(): a standalone bridge without controllers gets the fail-open flow. */
    public void flushed(long now) {
        if (!"secure".equals(failMode) && controllers.isEmpty()) {
            tables.apply(FlowParser.parse("priority=0,actions=NORMAL", FlowMod.Command.ADD, portMap()), OfVersion.OF10,
                    now);
        }
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

    /**
     * handle_queue_stats_request() and handle_queue_get_config_request(): the ports (in ofproto->ports' order) whose
     * queue {@code queue} (or every queue, OFPQ_ALL) is asked for, port OFPP_ANY for all; each port's queues are its
     * netdev's: netdev-dummy's classes (dummy, dummy-internal) have queue 0 alone, with unknown stats
     * (netdev_dummy_get_queue(), netdev_dummy_dump_queue_stats()), a vport or patch netdev none. An error is
     * OFPQOFC_BAD_PORT for no such port, OFPQOFC_BAD_QUEUE when the queue is on no port asked for.
     */
    public Queues queues(long port, long queue) {
        List<Port> asked = port == Ports.NONE ? portsInOfprotoOrder() : port(port) == null ? null
                : List.of(port(port));
        if (asked == null) {
            return new Queues(List.of(), "OFPQOFC_BAD_PORT");
        }
        List<Port> out = new ArrayList<>();
        boolean found = queue == QUEUE_ALL;
        for (Port p : asked) {
            boolean dummy = !p.isTunnel() && !p.isPatch();
            if (dummy && (queue == QUEUE_ALL || queue == 0)) {
                out.add(p);
                found = true;
            }
        }
        return found ? new Queues(out, null) : new Queues(List.of(), "OFPQOFC_BAD_QUEUE");
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

    /**
     * nx_pull_match() and the actions' decoding through the bridge's vl_mff_map: a tun_metadata field the TLV map
     * does not map (mf_vl_mff_invalid()) refuses the flow_mod (NXFMFC_INVALID_TLV_FIELD); a mapped one is as wide as
     * its option, so bits beyond them refuse it too (OFPBAC_BAD_SET_LEN). Returns the error, or null.
     */
    private String tunMetadataError(FlowMod fm) {
        for (int i = 0; i < TunMetadata.FIELDS; i++) {
            if (tlv.entry(i) == null && (fm.match().mask(Slot.TUN_METADATA_PRESENT) >>> i & 1) != 0) {
                return "NXFMFC_INVALID_TLV_FIELD";
            }
        }
        for (Action a : flattened(fm.actions())) {
            for (Subfield sf : subfields(a)) {
                int i = sf == null ? -1 : sf.field().tunMetadata();
                if (i >= 0 && tlv.entry(i) == null) {
                    return "NXFMFC_INVALID_TLV_FIELD";
                } else if (i >= 0 && sf.ofs() + sf.nBits() > 8 * tlv.entry(i).len()) {
                    return "OFPBAC_BAD_SET_LEN";
                }
            }
        }
        return null;
    }

    // the fields an action reads or writes (the NXM headers its encoding names)
    private static List<Subfield> subfields(Action a) {
        List<Subfield> out = new ArrayList<>(2);
        if (a instanceof Action.SetField sf) { // the whole field, as long as its mapping makes it: no bits beyond
            out.add(new Subfield(sf.field(), 0, 0));
        } else if (a instanceof Action.Move mv) {
            out.add(mv.src());
            out.add(mv.dst());
        } else if (a instanceof Action.Stack st) {
            out.add(st.subfield());
        } else if (a instanceof Action.OutputReg o) {
            out.add(o.src());
        } else if (a instanceof Action.Multipath m) {
            out.add(m.dst());
        } else if (a instanceof Action.Bundle b) {
            out.add(b.dst());
        } else if (a instanceof Action.Ct ct) {
            out.add(ct.zoneSrc());
        } else if (a instanceof Action.Learn l) {
            for (Action.LearnSpec spec : l.specs()) {
                out.add(spec.src());
                out.add(spec.dst());
            }
        }
        return out;
    }

    private static boolean refers(List<Action> actions, Field f) {
        for (Action a : flattened(actions)) {
            for (Subfield sf : subfields(a)) {
                if (sf != null && sf.field() == f) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a flow matches tun_metadata{@code i} or its actions name it (the vl_mff_map field's references). */
    public boolean usesTunMetadata(int i) {
        Field f = Field.values()[Field.TUN_METADATA0.ordinal() + i];
        for (Rule r : tables.all()) {
            if ((r.match.mask(Slot.TUN_METADATA_PRESENT) >>> i & 1) != 0 || refers(r.actions(), f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A flow_mod decoded as {@code version}: its actions may name only existing groups (ofproto_check_ofpacts(),
     * OFPBAC_BAD_OUT_GROUP). Returns null or the OpenFlow error's name.
     */
    public String flowMod(FlowMod fm, OfVersion version, long now) {
        String init = flowModInit(fm, version);
        if (init != null) {
            return init;
        }
        boolean modify = fm.command() == FlowMod.Command.MODIFY || fm.command() == FlowMod.Command.MODIFY_STRICT;
        // ofproto_check_ofpacts(): by add_flow_start(), or by modify_flows_start__() when a rule is replaced
        if (fm.command() == FlowMod.Command.ADD || modify && tables.modifyTakesEffect(fm, version)) {
            String missing = checkOfpacts(ActionFormat.roundTrip(fm.actions(), version), groups); // the wire's
            if (missing != null) {
                return missing;
            }
        }
        return tables.apply(fm, version, now);
    }

    /**
     * What ofputil_decode_flow_mod() and ofproto_flow_mod_init() refuse (the tun_metadata mappings, the match, the
     * actions, goto_table, their consistency, the hidden table and fields): a bundle's add fails on these.
     */
    private String flowModInit(FlowMod fm, OfVersion version) {
        String tunMetadata = tunMetadataError(fm);
        if (tunMetadata != null) {
            return tunMetadata;
        }
        tlv.normalise(fm.match());
        String match = FlowModDecode.matchError(fm, version);
        if (match != null) {
            return match;
        }
        String decode = FlowModDecode.decodeError(ActionFormat.roundTrip(fm.actions(), version));
        if (decode != null) {
            return FlowModDecode.errorOnWire(decode, version);
        }
        String gotoError = FlowModDecode.gotoTableError(fm, version);
        if (gotoError != null) {
            return gotoError;
        }
        String[] consistency = FlowModDecode.consistencyError(fm, version);
        if (consistency != null) {
            return consistency[0];
        }
        return hiddenError(fm);
    }

    // ofproto_check_ofpacts(): the groups (of {@code known}) and meters the actions name exist; null or the error
    private String checkOfpacts(List<Action> wire, Map<Long, Group> known) {
        for (Action a : flattened(wire)) {
            if (a instanceof Action.Group g && !known.containsKey(g.groupId())) {
                return "OFPBAC_BAD_OUT_GROUP";
            }
            if (a instanceof Action.Meter m && !meters.containsKey(m.meterId())) {
                return "OFPMMFC_INVALID_METER";
            }
        }
        return null;
    }

    /** TBL_INTERNAL: ofproto-dpif's hidden, read-only table. */
    static final int TABLE_INTERNAL = 254;

    /**
     * add_internal_flows()' rules in TBL_INTERNAL, as (field, value, priority): recirc_id=0 resubmits to table 0
     * (priority 2), a catch-all drops (1), reg0=1/2/3 are the miss, no-packet-in and drop-frags rules (0).
     */
    private static final long[][] INTERNAL_RULES = {{-1, 0, 1}, {Slot.RECIRC_ID.ordinal(), 0, 2},
        {Slot.REG0.ordinal(), 1, 0}, {Slot.REG0.ordinal(), 2, 0}, {Slot.REG0.ordinal(), 3, 0}};

    /**
     * ofproto.c add_flow_init(): an add to the read-only table 254, or one whose match sets a hidden field (a
     * recirc_id other than 0, any dp_hash: minimatch_has_default_hidden_fields()), is OFPBRC_EPERM; so is a modify
     * or delete of table 254 that collect_rules_loose()/_strict() find only internal rules for.
     */
    private static String hiddenError(FlowMod fm) {
        Match m = fm.match();
        if (fm.command() == FlowMod.Command.ADD) {
            long recirc = m.value(Slot.RECIRC_ID), recircMask = m.mask(Slot.RECIRC_ID) & 0xffffffffL;
            boolean hidden = recirc != 0 || recircMask != 0 && recircMask != 0xffffffffL
                    || m.value(Slot.DP_HASH) != 0 || m.mask(Slot.DP_HASH) != 0;
            return fm.table() == TABLE_INTERNAL || hidden ? "OFPBRC_EPERM" : null;
        }
        if (fm.table() != TABLE_INTERNAL || fm.command() == FlowMod.Command.QUERY) {
            return null; // a flow_mod for all tables skips the hidden one
        }
        boolean strict = fm.command() == FlowMod.Command.MODIFY_STRICT
                || fm.command() == FlowMod.Command.DELETE_STRICT;
        for (long[] r : INTERNAL_RULES) {
            Match rule = new Match();
            if (r[0] >= 0) {
                Slot f = Slot.ALL[(int) r[0]];
                rule.putSlot(f, r[1], f.max);
            }
            boolean hit = strict ? rule.equals(m) && fm.priority() == r[2] : FlowTables.looseMatch(rule, m)
                    && (fm.cookieMask() == 0 || (fm.cookie() & fm.cookieMask()) == 0);
            if (hit) {
                return "OFPBRC_EPERM";
            }
        }
        return null;
    }

    /**
     * A group_mod decoded as {@code version} (ofproto.c add_group_start(), modify_group_start(),
     * delete_groups_start(): deleting a group deletes the flows that output to it). Returns null or the error.
     */
    public String groupMod(Group.Mod m, OfVersion version, long now) {
        String decode = m.decodeError();
        if (decode != null) {
            return decode;
        }
        java.util.Set<Long> before = new java.util.HashSet<>(groups.keySet());
        String error = groupModOn(groups, m, version, now);
        if (error != null) {
            return error;
        }
        before.removeAll(groups.keySet());
        for (Rule r : before.isEmpty() ? List.<Rule>of() : tables.all()) { // a deleted group's flows go with it
            for (Action a : flattened(r.actions)) {
                if (a instanceof Action.Group g && before.contains(g.groupId())) {
                    tables.remove(r);
                    break;
                }
            }
        }
        tables.version++; // handle_group_mod(): ofproto_bump_tables_version(), which revalidates (REV_FLOW_TABLE)
        return null;
    }

    // add_group_start(), modify_group_start(), delete_groups_start() on the groups {@code groups}; null or the error
    private static String groupModOn(Map<Long, Group> groups, Group.Mod m, OfVersion version, long now) {
        Group old = groups.get(m.id());
        switch (m.command()) {
            case ADD -> {
                if (old != null) {
                    return "OFPGMFC_GROUP_EXISTS";
                }
                groups.put(m.id(), new Group(m, version, now));
            }
            case MODIFY, ADD_OR_MOD -> {
                if (old == null && m.command() == Group.Command.MODIFY) {
                    return "OFPGMFC_UNKNOWN_GROUP";
                }
                Group g = new Group(m, version, old == null ? now : old.created);
                groups.put(m.id(), g);
            }
            case INSERT_BUCKET, REMOVE_BUCKET -> { // modify_group_start()
                if (old == null) {
                    return "OFPGMFC_UNKNOWN_GROUP";
                }
                Group.Edit edited = old.editBuckets(m, version);
                if (edited.error() != null) {
                    return edited.error();
                }
                groups.put(m.id(), edited.group());
            }
            case DELETE -> {
                if (m.id() == Group.ALL) {
                    groups.clear();
                } else {
                    groups.remove(m.id());
                }
            }
        }
        return null;
    }

    /** One message of a bundle (struct ofp_bundle_entry): a flow_mod, a group_mod or a packet-out, one of them set. */
    public record BundleEntry(FlowMod fm, Group.Mod gm, PacketOut po, boolean of10) {}

    /**
     * handle_bundle_add(): the error decoding the message (ofputil_decode_flow_mod(), ofputil_decode_group_mod(),
     * ofputil_decode_packet_out()) or initialising it (ofproto_flow_mod_init(), ofproto_packet_out_init()) gives,
     * or null: the message is in the bundle.
     */
    public String bundleAdd(BundleEntry e, OfVersion version) {
        if (e.fm() != null) {
            return flowModInit(e.fm(), version);
        } else if (e.gm() != null) {
            return e.gm().decodeError();
        }
        return packetOutInit(e.po(), version, e.of10(), packetOutFlow(e.po()));
    }

    /** The bundle's message a commit failed at, by index, and its error. */
    public record BundleFailure(int index, String error) {}

    /**
     * do_bundle_commit(): every message started in order, each against what the ones before it left (here the
     * groups they add, change and delete: ofproto_check_ofpacts() of flow_mods and packet-outs, the group_mods'
     * own checks); the first failure reverts them all and is returned (its index and error). Else each is finished in
     * order (the flow_mods and group_mods applied, the packet-outs executed) and null returned. Not modelled: what
     * an earlier message of the bundle changes in the rules a later one's start looks at (overlap, a modify that
     * adds).
     */
    public BundleFailure bundleCommit(List<BundleEntry> entries, OfVersion version, long now) {
        Map<Long, Group> staged = new java.util.LinkedHashMap<>(groups);
        for (int i = 0; i < entries.size(); i++) {
            BundleEntry e = entries.get(i);
            String error;
            if (e.fm() != null) {
                FlowMod fm = e.fm();
                boolean modify = fm.command() == FlowMod.Command.MODIFY
                        || fm.command() == FlowMod.Command.MODIFY_STRICT;
                error = fm.command() == FlowMod.Command.ADD || modify && tables.modifyTakesEffect(fm, version)
                        ? checkOfpacts(ActionFormat.roundTrip(fm.actions(), version), staged) : null;
            } else if (e.gm() != null) {
                error = groupModOn(staged, e.gm(), version, now);
            } else {
                error = checkOfpacts(ActionFormat.roundTrip(e.po().actions(), version), staged);
            }
            if (error != null) {
                return new BundleFailure(i, error);
            }
        }
        for (BundleEntry e : entries) {
            if (e.fm() != null) {
                flowMod(e.fm(), version, now);
            } else if (e.gm() != null) {
                groupMod(e.gm(), version, now);
            } else {
                packetOut(e.po(), version, e.of10(), now);
            }
        }
        return null;
    }

    /**
     * A meter_mod (ofproto.c handle_add_meter(), handle_modify_meter(), handle_delete_meter(): deleting a meter
     * deletes the flows that use it). Returns null or the OpenFlow error's name.
     */
    public String meterMod(Meter.Mod m, long now) {
        Meter old = meters.get(m.id());
        switch (m.command()) {
            case ADD -> {
                if (old != null) {
                    return "OFPMMFC_METER_EXISTS";
                }
                meters.put(m.id(), new Meter(m, datapath.allocMeterId(), now));
            }
            case MODIFY -> {
                if (old == null) {
                    return "OFPMMFC_UNKNOWN_METER";
                }
                meters.put(m.id(), new Meter(m, old.providerId, old.created));
            }
            case DELETE -> {
                java.util.List<Meter> gone = m.id() == Meter.ALL ? new ArrayList<>(meters.values())
                        : old == null ? java.util.List.of() : java.util.List.of(old);
                for (Meter g : gone) {
                    meters.remove(g.id);
                    datapath.freeMeterId(g.providerId);
                    for (Rule r : tables.all()) {
                        if (r.actions.contains(new Action.Meter(g.id))) {
                            tables.remove(r);
                        }
                    }
                }
            }
        }
        return null;
    }

    /**
     * A group's ref_count (ofproto.c append_group_stats(): rule_collection_n(&group->rules)): group_add_rule() runs
     * once per group action in a rule's flattened actions, so a rule naming the group twice counts twice.
     */
    public int groupRefs(long id) {
        int n = 0;
        for (Rule r : tables.all()) {
            n += groupRefs(r.actions, id);
        }
        return n;
    }

    private static int groupRefs(List<Action> actions, long id) {
        int n = 0;
        for (Action a : flattened(actions)) {
            n += a instanceof Action.Group g && g.groupId() == id ? 1 : 0;
        }
        return n;
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
        int n = 0;
        for (Rule r : tables.all()) {
            if (r.actions.contains(new Action.Meter(id))) {
                n++;
            }
        }
        return n;
    }

    /** A frame arrived on {@code inPort}: runs the pipeline, counts, learns, tracks; returns what leaves. */
    public List<Output> receive(long now, long inPort, byte[] frame) {
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
        datapath.revalidate(now); // the revalidators' last round: the backer's need_revalidate is every bridge's
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
        revalidate(now);
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
    // (dp_netdev_pmd_flush_output_on_port()); netdev_dummy_send() stops at a frame longer than the MTU (a dummy
    // netdev's is 1500) allows with its Ethernet header and a VLAN tag if it has one (EMSGSIZE): it and the rest of
    // its batch are not sent, nor counted
    private List<Output> transmitted(List<Output> outputs) {
        boolean big = false;
        for (int i = 0; i < outputs.size() && !big; i++) {
            big = outputs.get(i).frame().length > 1500 + 14;
        }
        List<Output> fit = big ? new ArrayList<>(outputs.size()) : outputs;
        // per port: the frames in its batch, whether the batch stopped
        Map<Long, int[]> batches = big ? new java.util.HashMap<>() : null;
        for (Output o : outputs) {
            Port p = port(o.ofport());
            byte[] f = o.frame();
            if (big && p != null && p.type.equals("dummy")) {
                int[] b = batches.computeIfAbsent(o.ofport(), k -> new int[2]);
                if (b[0]++ == 32) {
                    b[0] = 1;
                    b[1] = 0;
                }
                b[1] |= f.length > 1500 + 14 + (Packet.u16(f, 12) == 0x8100 ? 4 : 0) ? 1 : 0;
                if (b[1] != 0) {
                    continue;
                }
            }
            if (big) {
                fit.add(o);
            }
            if (p != null) {
                p.txPackets++;
                p.txBytes += f.length;
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
    /**
     * ofproto->drop_frags_rule: the hidden rule, without actions, that frag_handling "drop" gives fragments;
     * add_internal_miss_flow() matches it on reg0=0x3 in TBL_INTERNAL.
     */
    final Rule dropFragsRule = new Rule(254, 0, new Match(), 0, 0);

    {
        dropFragsRule.match.setSlot(Slot.REG0, 3, 0xffffffffL);
        dropFragsRule.actions(List.of());
    }

    /**
     * ofproto->miss_rule: add_internal_flows()' reg0=0x1 rule in TBL_INTERNAL, whose controller action (reason
     * OFPR_IMPLICIT_MISS) sends a table miss to the controllers (rule_dpif_lookup_from_table()).
     */
    final Rule missRule = new Rule(254, 0, new Match(), 0, 0);

    {
        missRule.match.setSlot(Slot.REG0, 1, 0xffffffffL);
        missRule.actions(List.of(new Action.Controller(0xffff, 7, 0, null, false, -1)));
    }

    public String fragHandling() {
        return fragHandling;
    }

    /**
     * handle_set_config()'s frag: set_frag_handling() takes every mode but "reassemble" (left as it was), a change
     * revalidating every megaflow (REV_RECONFIGURE).
     */
    public void setFragHandling(String mode) {
        if (!mode.equals("reassemble") && !mode.equals(fragHandling)) {
            fragHandling = mode;
            datapath.portsVersion++;
        }
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
    }

    /**
     * handle_packet_out(): ofproto_packet_out_init()'s checks (the actions as the wire carried them, against the
     * packet's own flow as ofpacts_check_consistency() runs them; ofproto_check_ofpacts()'s groups and meters),
     * then the actions translated for the packet and executed (ofproto_packet_out_start(), packet_execute()),
     * without a megaflow. {@code of10}: sent with OpenFlow 1.0's own match. Returns null or the OpenFlow error.
     */
    public String packetOut(PacketOut po, OfVersion version, boolean of10, long now) {
        byte[] frame = po.packet();
        long[] flow = packetOutFlow(po);
        List<Action> wire = ActionFormat.roundTrip(po.actions(), version);
        String init = packetOutInit(po, version, of10, flow);
        if (init != null) {
            return init;
        }
        String missing = checkOfpacts(wire, groups);
        if (missing != null) {
            return missing;
        }
        if (wire.isEmpty()) {
            return null; // no actions: the datapath drops the packet
        }
        Xlate x = new Xlate(this, now, flow, frame, null, List.of(), true);
        x.install = false;
        x.inPacketOut = true;
        x.runActions(wire);
        send(x.outputs);
        return null;
    }

    // the packet's flow with the pipeline fields the packet-out starts with (flow_metadata)
    private long[] packetOutFlow(PacketOut po) {
        long[] flow = Packet.extract(po.packet(), po.inPort(), datapath.vlanLimit());
        for (Slot s : Slot.ALL) {
            long m = po.metadata().mask(s);
            if (m != 0 && s != Slot.PACKET_TYPE) {
                flow[s.ordinal()] = flow[s.ordinal()] & ~m | po.metadata().value(s) & m;
            }
        }
        return flow;
    }

    // ofputil_decode_packet_out() and ofproto_packet_out_init(): the actions decode and are consistent with the
    // packet's flow; null or the error
    private static String packetOutInit(PacketOut po, OfVersion version, boolean of10, long[] flow) {
        List<Action> wire = ActionFormat.roundTrip(po.actions(), version);
        String decode = FlowModDecode.decodeError(wire);
        if (decode != null) {
            return FlowModDecode.errorOnWire(decode, version);
        }
        String[] inconsistent = FlowModDecode.consistencyError(wire, Match.exact(flow), 0,
                FlowModDecode.protocol(version, of10));
        return inconsistent != null ? inconsistent[0] : null;
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
                translate(x);
                for (int i = 0; i < x.outputs.size(); i++) {
                    outputs.add(x.outputs.get(i)); // most upcalls send one frame: no addAll()'s array copy
                }
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
    }

    /** odp-execute.c for this bridge's megaflow hits. */
    private final OdpExecute odp = new OdpExecute(this);

    /** ofproto/trace: the pipeline for {@code flow} (and its packet, if any), without side effects. */
    public String trace(long now, long[] flow, byte[] packet, List<Integer> ctNext) {
        return trace(now, flow, packet, ctNext, null, false);
    }

    /**
     * The same running {@code actions} (null: the tables) as ofproto/trace-packet-out does, with ports by name for
     * --names (ofproto_trace()).
     */
    public String trace(long now, long[] flow, byte[] packet, List<Integer> ctNext, List<Action> actions,
            boolean names) {
        // xlate_in_init(): a recirc_id's frozen state, if recirc_id_node_find() still has it; xlate_actions() then
        // thaws it in the bridge it names, or reports the missing context
        long id = flow[Slot.RECIRC_ID.ordinal()];
        RecircIds.Node node = id == 0 ? null : datapath.recirc.find(id, now);
        Xlate x = new Xlate(this, now, flow, packet, new StringBuilder(), ctNext, false);
        x.names = names;
        if (node != null && actions == null) {
            x.thawIn(node.br, flow[Slot.IN_PORT.ordinal()]); // the trace's bridge banner, then the frozen one's
        }
        x.thawed = actions == null ? node : null; // thawed after the trace shows the flow as given
        if (actions != null && id != 0) {
            if (node != null) {
                x.runConflict();
            } else {
                x.runWithoutContext();
            }
        } else if (actions != null) {
            x.runActions(actions);
        } else if (node != null) {
            x.resume(node.id, node.table, node.actions);
        } else if (id != 0) {
            x.runWithoutContext();
        } else {
            x.run();
        }
        x.releaseRecircs();
        // execute_actions_except_outputs(): a trace given a packet executes its datapath actions but outputs and
        // recirculations; of arplab's, tnl_pop has an effect (the popped packet's datapath flows)
        for (Xlate.Pop p : x.pops) {
            datapath.tnlPop(now, p.port(), p.frame());
        }
        return x.trace.toString();
    }

    /**
     * Traceflow: {@code frame} received on {@code inPort} (from a tunnel port: with its key in front) through the
     * pipeline as ofproto/trace runs it (no counters, no learning, conntrack answering new), what it decides
     * recorded in {@code hop}, what leaves in {@code hop.outputs}.
     */
    public void traceflow(long now, long inPort, byte[] frame, TraceflowHop hop) {
        Port in = port(inPort);
        boolean tunnel = in != null && in.isTunnel();
        long[] flow = tunnel ? Tunnel.receive(frame, inPort)
                : Packet.extract(frame, inPort, datapath.vlanLimit());
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
        datapath.revalidate(now); // the revalidators' timer, when due
    }

    public long nextDeadline() {
        return Math.min(Math.min(tables.nextExpiry(), ml.nextExpiry()), datapath.nextRound());
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
