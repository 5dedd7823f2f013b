package io.arplab.tools.ovs;

import io.arplab.device.OvsBridge;
import io.arplab.flow.Ofproto;
import io.arplab.flow.PortVlan;
import io.arplab.flow.Ports;
import io.arplab.runtime.Vswitchd;
import io.arplab.tools.ovs.Ovsdb.Datum;
import io.arplab.tools.ovs.Ovsdb.Row;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one ovs-vsctl transaction: read from the node's vswitchd (what it reports: ofport, mac_in_use,
 * statistics) and the columns only the database keeps (external_ids, other_config ...), changed by the commands,
 * then committed: {@link BridgeReconfigure} applies them to the vswitchd as bridge_reconfigure() applies a new
 * database, and the columns only the database keeps are stored for the node's next run.
 */
final class OvsdbRows {
    /** What only the database holds, kept per node across ovs-vsctl runs (namespace state). */
    static final class Stored {
        final Map<String, Map<String, Datum>> columns = new HashMap<>();
        /** The uuids create --id=UUID gave Bridge rows (ovsdb_idl_txn_insert_persist_uuid()), by "Bridge:NAME". */
        final Map<String, String> uuids = new HashMap<>();
        /** Ports whose netdev could not be opened: bridge, and the Interface row. */
        final Map<String, String> failedBridge = new LinkedHashMap<>();
        final Map<String, Row> failed = new LinkedHashMap<>();
        /** Their Port rows (tag and the other columns the vswitchd reports of a live port). */
        final Map<String, Row> failedPort = new HashMap<>();
        /** bridge.c's all_bridges (hash_string() of the names), in the order bridge_reconfigure() walks it. */
        io.arplab.flow.Hmap<String> allBridges;
        /** The Mirror and Flow_Table tables' rows, by key ("row-N", which their uuids derive from), and the last N. */
        final Map<String, Row> mirrors = new LinkedHashMap<>();
        final Map<String, Row> flowTables = new LinkedHashMap<>();
        /** The QoS and Queue tables' rows (root tables: they stay until destroyed). */
        final Map<String, Row> qos = new LinkedHashMap<>();
        final Map<String, Row> queues = new LinkedHashMap<>();
        /** The Datapath, CT_Zone and CT_Timeout_Policy rows (add-zone-tp's), which no vswitchd of arplab's reads. */
        final Map<String, Row> datapaths = new LinkedHashMap<>();
        final Map<String, Row> ctZones = new LinkedHashMap<>();
        final Map<String, Row> ctPolicies = new LinkedHashMap<>();
        int mirrorSeq;
        /**
         * The Port rows of bonds, and of Ports whose one interface has another name (a bond after del-bond-iface),
         * as committed, and the Port each of their interfaces is part of.
         */
        final Map<String, Row> bondPorts = new HashMap<>();
        final Map<String, String> bondIfaces = new HashMap<>();
        /** The Manager targets (set-manager) and the SSL row (set-ssl), which the vswitchd's bridges ignore. */
        List<String> managers = List.of();
        Row ssl;
    }

    /** Columns a commit keeps in {@link Stored} rather than reading back from the vswitchd. */
    private static final List<String> DB_ONLY = List.of("Open_vSwitch:external_ids", "Open_vSwitch:other_config",
            "Bridge:external_ids", "Bridge:other_config", "Bridge:flood_vlans",
            "Open_vSwitch:datapaths", "Bridge:protocols", "Bridge:datapath_type", "Bridge:mirrors", "Bridge:flow_tables", "Port:external_ids", "Port:qos",
            "Port:bond_mode", "Port:bond_updelay", "Port:bond_downdelay", "Port:bond_fake_iface",
            "Interface:external_ids", "Interface:mtu_request", "Interface:other_config", "Interface:mac",
            "Interface:ingress_policing_burst", "Interface:ingress_policing_kpkts_burst",
            "Interface:ingress_policing_kpkts_rate", "Interface:ingress_policing_rate", "Port:mac");

    /** The Open_vSwitch table's one row, which ovs-vsctl names ".". */
    final Map<String, Row> ovs = new LinkedHashMap<>();
    final Map<String, Row> bridges = new LinkedHashMap<>();
    /** Ports by name, with the bridge each is on. */
    final Map<String, Row> ports = new LinkedHashMap<>();
    final Map<String, String> portBridge = new LinkedHashMap<>();
    final Map<String, Row> ifaces = new LinkedHashMap<>();
    /** The Port each interface is part of, by name (the interface's own name but for a bond's members). */
    final Map<String, String> ifacePort = new HashMap<>();
    /** The Mirror and Flow_Table rows, by key. */
    final Map<String, Row> mirrors = new LinkedHashMap<>();
    final Map<String, Row> flowTables = new LinkedHashMap<>();
    final Map<String, Row> qos = new LinkedHashMap<>();
    final Map<String, Row> queues = new LinkedHashMap<>();
    final Map<String, Row> datapaths = new LinkedHashMap<>();
    final Map<String, Row> ctZones = new LinkedHashMap<>();
    final Map<String, Row> ctPolicies = new LinkedHashMap<>();
    /** Each bridge's controller targets (the Controller rows' target column, the rows themselves not modelled). */
    final Map<String, List<String>> controllers = new HashMap<>();
    /** The Manager rows' targets and the SSL row (null: none), kept in {@link Stored} by the commit. */
    List<String> managers;
    Row ssl;
    /** Interface names add-bond inserted twice in this transaction (two rows of one name). */
    final java.util.Set<String> twice = new java.util.HashSet<>();
    /** Interfaces add-port inserted in this transaction (post_db_reload_expect_iface()): their errors are shown. */
    final java.util.Set<String> expected = new java.util.HashSet<>();
    private final Vswitchd vswitchd;
    private final Stored stored;
    private final long now;
    /** The rows as read, to find what changed. */
    private final Map<String, String> before = new HashMap<>();

    OvsdbRows(Vswitchd vswitchd, Stored stored, long now) {
        this.vswitchd = vswitchd;
        this.stored = stored;
        this.now = now;
        Row root = new Row("Open_vSwitch", "."); // what an ovs-vswitchd --enable-dummy of OVS 3.1 writes there
        root.cols.put("cur_cfg", Datum.of("0"));
        root.cols.put("next_cfg", Datum.of("0"));
        root.cols.put("dpdk_initialized", Datum.of("false"));
        root.cols.put("dpdk_version", Datum.of("none"));
        root.cols.put("datapath_types", new Datum(List.of("dummy", "netdev"), List.of()));
        root.cols.put("iface_types", new Datum(Vswitchd.NETDEV_TYPES, List.of()));
        restore(root);
        ovs.put(".", root);
        managers = stored.managers;
        ssl = stored.ssl;
        for (OvsBridge b : vswitchd.bridges()) {
            Ofproto o = b.ofproto();
            controllers.put(o.name, o.controllers);
            Row r = new Row("Bridge", o.name);
            r.cols.put("datapath_type", Datum.of("dummy"));
            r.cols.put("datapath_version", Datum.of("<built-in>"));
            r.cols.put("datapath_id", Datum.of(String.format("%016x", o.datapathId)));
            r.cols.put("fail_mode", o.failMode == null ? Datum.EMPTY : Datum.of(o.failMode));
            List<String> protocols = new ArrayList<>();
            o.protocols.forEach(v -> protocols.add(v.protocolName));
            r.cols.put("protocols", new Datum(protocols, List.of()));
            for (String c : List.of("rstp_enable", "stp_enable")) {
                r.cols.put(c, Datum.of("false"));
            }
            r.cols.put("mcast_snooping_enable", Datum.of(Boolean.toString(o.mcast != null)));
            restore(r);
            bridges.put(o.name, r);
            for (Ofproto.Port p : o.ports()) {
                io.arplab.flow.Bond bond = o.bondOf(p);
                String port = bond != null ? bond.name : stored.bondIfaces.get(p.name);
                if (port != null) { // a bond's Port row as committed, with its members' live interfaces
                    storedPortRow(port, o.name, bond);
                    addIface(port, live(o, p));
                    continue;
                }
                addRows(o.name, p.name, live(o, p));
                vlanColumns(ports.get(p.name), p.vlan);
                mcastColumns(ports.get(p.name), p);
                ports.get(p.name).cols.put("protected", Datum.of(Boolean.toString(p.protectedPort)));
            }
        }
        stored.failed.forEach((name, iface) -> {
            String port = stored.bondIfaces.get(name);
            if (port != null) { // an interface of a bond that could not be opened: in its Port row still
                storedPortRow(port, stored.failedBridge.get(name), null);
                addIface(port, copy(iface));
                return;
            }
            addRows(stored.failedBridge.get(name), name, copy(iface));
            if (stored.failedPort.containsKey(name)) {
                ports.get(name).cols.putAll(stored.failedPort.get(name).cols);
            }
        });
        stored.mirrors.forEach((k, r) -> mirrors.put(k, copy(r)));
        stored.flowTables.forEach((k, r) -> flowTables.put(k, copy(r)));
        stored.qos.forEach((k, r) -> qos.put(k, copy(r)));
        stored.queues.forEach((k, r) -> queues.put(k, copy(r)));
        stored.datapaths.forEach((k, r) -> datapaths.put(k, copy(r)));
        stored.ctZones.forEach((k, r) -> ctZones.put(k, copy(r)));
        stored.ctPolicies.forEach((k, r) -> ctPolicies.put(k, copy(r)));
        syncBridges();
        controllerColumns();
        for (Row r : all()) {
            before.put(r.table + ":" + r.name, signature(r));
        }
    }

    // the Port row of a bond (or of a Port whose interface has another name) as committed, without its interfaces
    private void storedPortRow(String port, String bridge, io.arplab.flow.Bond bond) {
        if (ports.containsKey(port)) {
            return;
        }
        Row bp = stored.bondPorts.containsKey(port) ? copy(stored.bondPorts.get(port)) : new Row("Port", port);
        bp.cols.put("interfaces", Datum.EMPTY);
        if (bond != null) { // port_refresh_bond_status(): the active member's MAC
            bp.cols.put("bond_active_slave", bond.activeMac == 0 ? Datum.EMPTY
                    : Datum.of(io.arplab.flow.MatchFormat.mac(bond.activeMac)));
        }
        ports.put(port, bp);
        portBridge.put(port, bridge);
        bridges.get(bridge).cols.put("ports", portsOf(bridge));
    }

    /** A table's row with this uuid, or null. */
    static Row rowWithUuid(Map<String, Row> table, String uuid) {
        for (Row r : table.values()) {
            if (r.uuid().equals(uuid)) {
                return r;
            }
        }
        return null;
    }

    private static Row copy(Row r) {
        Row c = new Row(r.table, r.name);
        c.fixedUuid = r.fixedUuid;
        c.cols.putAll(r.cols);
        return c;
    }

    // what the vswitchd reports of a port's interface (iface_refresh_stats(), iface_refresh_netdev_status())
    private Row live(Ofproto o, Ofproto.Port p) {
        Row i = new Row("Interface", p.name);
        i.cols.put("type", Datum.of(p.type.equals("system") ? "" : p.type));
        i.cols.put("options", Datum.of(p.options));
        String peer = p.options.get("peer");
        if (p.isPatch() && peer != null && o.datapath.peer(p) == null) {
            // iface_refresh_ofproto_status(): vport_get_status() while the peer is not usable
            i.cols.put("error", Datum.of("No usable peer '" + peer + "' exists in '"
                    + (o.datapath.userspace ? "dummy" : "system") + "' datapath."));
        }
        i.cols.put("ofport", Datum.of(Long.toString(p.ofport == Ports.LOCAL ? 65534 : p.ofport)));
        if (p.ofportRequest >= 0) {
            i.cols.put("ofport_request", Datum.of(Long.toString(p.ofportRequest)));
        }
        i.cols.put("mac_in_use", Datum.of(io.arplab.flow.MatchFormat.mac(p.mac)));
        for (String c : List.of("ifindex", "link_resets", "ingress_policing_burst", "ingress_policing_kpkts_burst",
            "ingress_policing_kpkts_rate", "ingress_policing_rate")) {
            i.cols.put(c, Datum.of("0"));
        }
        i.cols.put("admin_state", Datum.of("up"));
        // iface_refresh_netdev_status(): the carrier, which a dummy netdev set down (or port_mod'ed) lacks
        i.cols.put("link_state", Datum.of((p.config & Ofproto.Port.PORT_DOWN) != 0 ? "down" : "up"));
        Map<String, String> s = new LinkedHashMap<>();
        if (p.isTunnel() || p.isPatch()) { // a netdev-vport: no MTU, the four counters
            s.put("rx_bytes", Long.toString(p.rxBytes));
            s.put("rx_packets", Long.toString(p.rxPackets));
            s.put("tx_bytes", Long.toString(p.netdevTxBytes()));
            s.put("tx_packets", Long.toString(p.netdevTxPackets()));
            i.cols.put("statistics", Datum.of(s));
        } else { // netdev-dummy's counters, per queue and custom ones too
            i.cols.put("mtu", Datum.of(Integer.toString(p.mtu)));
            s.put("rx_bytes", Long.toString(p.rxBytes));
            s.put("rx_custom_packets_1", "0");
            s.put("rx_custom_packets_2", "0");
            s.put("rx_packets", Long.toString(p.rxPackets));
            s.put("rx_q0_bytes", Long.toString(p.rxBytes));
            s.put("rx_q0_packets", Long.toString(p.rxPackets));
            s.put("tx_bytes", Long.toString(p.txBytes));
            s.put("tx_packets", Long.toString(p.txPackets));
            s.put("tx_q0_bytes", Long.toString(p.txBytes));
            s.put("tx_q0_packets", Long.toString(p.txPackets));
            i.cols.put("statistics", Datum.of(s));
        }
        return i;
    }

    /** Bridge rows create inserted that the Open_vSwitch row's bridges column does not name (yet), by name. */
    final java.util.Set<String> detached = new java.util.HashSet<>();

    /** The Open_vSwitch row's bridges column: the Bridge rows (but those create inserted and nothing named yet). */
    void syncBridges() {
        ovs.get(".").cols.put("bridges", new Datum(bridges.values().stream().filter(b -> !detached.contains(b.name))
                .map(Row::uuid).toList(), List.of()));
    }

    /** A uuid for a row id of the run (drawn at random by OVS, here from the node's count, to print the same). */
    String newUuid() {
        return java.util.UUID.nameUUIDFromBytes(("row id " + ++stored.mirrorSeq).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /**
     * ovsdb_idl_txn_insert() of a Mirror or Flow_Table row: a new key, the columns' defaults (a Mirror's name empty,
     * a Flow_Table's none); uuid: a row id's, or null.
     */
    Row newRow(String table, String uuid) {
        Row m = new Row(table, "row-" + ++stored.mirrorSeq);
        m.fixedUuid = uuid;
        if (m.cols.containsKey("name")) {
            m.cols.put("name", table.equals("Mirror") ? Datum.of("") : Datum.EMPTY);
        }
        table(table).put(m.name, m);
        return m;
    }

    /** A port row with its one interface on bridge {@code bridge}. */
    void addRows(String bridge, String name, Row iface) {
        Row p = addPortRow(bridge, name);
        p.cols.put("interfaces", Datum.of(iface.uuid()));
        restore(iface);
        ifaces.put(name, iface);
    }

    /** A Port row with no interface yet on bridge {@code bridge}. */
    Row addPortRow(String bridge, String name) {
        Row p = new Row("Port", name);
        p.cols.put("bond_downdelay", Datum.of("0"));
        p.cols.put("bond_updelay", Datum.of("0"));
        for (String c : List.of("bond_fake_iface", "fake_bridge", "protected")) {
            p.cols.put(c, Datum.of("false"));
        }
        restore(p);
        ports.put(name, p);
        portBridge.put(name, bridge);
        bridges.get(bridge).cols.put("ports", portsOf(bridge));
        return p;
    }

    /** Interface {@code iface} added to the Port row {@code port} (add-bond, add-bond-iface). */
    void addIface(String port, Row iface) {
        restore(iface);
        ifaces.put(iface.name, iface);
        ifacePort.put(iface.name, port);
        Row p = ports.get(port);
        List<String> uuids = new ArrayList<>(p.get("interfaces").keys());
        uuids.add(iface.uuid());
        p.cols.put("interfaces", new Datum(uuids, List.of()));
    }

    /** Interface {@code iface} taken out of its Port row (del-bond-iface). */
    void removeIface(String iface) {
        Row i = ifaces.remove(iface);
        Row p = ports.get(ifacePort.remove(iface));
        List<String> uuids = new ArrayList<>(p.get("interfaces").keys());
        uuids.remove(i.uuid());
        p.cols.put("interfaces", new Datum(uuids, List.of()));
    }

    /** The Port row's interfaces, in its interfaces column's order. */
    List<Row> ifacesOf(String port) {
        List<Row> out = new ArrayList<>();
        for (String uuid : ports.get(port).get("interfaces").keys()) {
            Row i = rowWithUuid(ifaces, uuid);
            if (i != null) {
                out.add(i);
            }
        }
        return out;
    }

    /** The name of the Port row interface {@code iface} is part of. */
    String portOf(String iface) {
        return ifacePort.getOrDefault(iface, iface);
    }

    // cmd_del_br() of a real bridge: its ports' rows and its own
    void removeBridge(String name) {
        for (String p : new ArrayList<>(portBridge.keySet())) {
            if (portBridge.get(p).equals(name)) {
                removeRows(p);
            }
        }
        bridges.remove(name);
    }

    void removeRows(String port) {
        String bridge = portBridge.remove(port);
        Row row = ports.get(port);
        if (row != null) {
            for (String uuid : row.get("interfaces").keys()) {
                Row i = rowWithUuid(ifaces, uuid);
                if (i != null) {
                    ifaces.remove(i.name);
                    ifacePort.remove(i.name);
                }
            }
        }
        ports.remove(port);
        ifaces.remove(port);
        if (bridges.containsKey(bridge)) {
            bridges.get(bridge).cols.put("ports", portsOf(bridge));
        }
    }

    private Datum portsOf(String bridge) {
        List<String> uuids = new ArrayList<>();
        portBridge.forEach((p, b) -> {
            if (b.equals(bridge)) {
                uuids.add(ports.get(p).uuid());
            }
        });
        return new Datum(uuids, List.of());
    }

    private void restore(Row r) {
        if (stored.uuids.containsKey(r.table + ":" + r.name)) {
            r.fixedUuid = stored.uuids.get(r.table + ":" + r.name);
        }
        Map<String, Datum> s = stored.columns.get(r.table + ":" + r.name);
        if (s != null) {
            r.cols.putAll(s);
        }
    }

    Map<String, Row> table(String table) {
        return switch (table) {
            case "Open_vSwitch" -> { // its manager_options and ssl name the rows set-manager and set-ssl made
                ovs.get(".").cols.put("manager_options", new Datum(remotes("Manager", Map.of("", managers)).values()
                        .stream().map(Row::uuid).toList(), List.of()));
                ovs.get(".").cols.put("ssl", ssl == null ? Datum.EMPTY : Datum.of(ssl.uuid()));
                yield ovs;
            }
            case "Bridge" -> {
                controllerColumns();
                yield bridges;
            }
            case "Port" -> ports;
            case "Interface" -> ifaces;
            case "Mirror" -> mirrors;
            case "Flow_Table" -> flowTables;
            case "QoS" -> qos;
            case "Queue" -> queues;
            case "Datapath" -> datapaths;
            case "CT_Zone" -> ctZones;
            case "CT_Timeout_Policy" -> ctPolicies;
            case "Manager" -> remotes("Manager", Map.of("", managers));
            case "Controller" -> remotes("Controller", controllers);
            case "SSL" -> ssl == null ? Map.of() : Map.of("", ssl);
            default -> Map.of();
        };
    }

    // each Bridge row's controller column: the Controller rows of its targets
    private void controllerColumns() {
        Map<String, Row> all = remotes("Controller", controllers);
        for (Row b : bridges.values()) {
            b.cols.put("controller", new Datum(all.values().stream().filter(r -> r.name.startsWith(b.name + "\0"))
                    .map(Row::uuid).toList(), List.of()));
        }
    }

    // the Manager or Controller rows of the targets (a remote never connects in the lab): their row ids are not the
    // targets (vsctl_row_ids finds a Controller by its bridge), so no name given on the command line finds them
    private static Map<String, Row> remotes(String table, Map<String, List<String>> targets) {
        Map<String, Row> rows = new LinkedHashMap<>();
        targets.forEach((owner, list) -> list.forEach(t -> {
            Row r = new Row(table, owner + "\0" + t);
            r.cols.put("target", Datum.of(t));
            rows.put(r.name, r);
        }));
        return rows;
    }

    private List<Row> all() {
        List<Row> rows = new ArrayList<>(ovs.values());
        rows.addAll(bridges.values());
        rows.addAll(ports.values());
        rows.addAll(ifaces.values());
        rows.addAll(mirrors.values());
        rows.addAll(flowTables.values());
        return rows;
    }

    // bridge_run() reconfigures when the database changed (ovsdb_idl_get_seqno()): a transaction that wrote nothing
    // new (the IDL discards writes of a column's own value) renumbers no port
    boolean changed() {
        List<Row> now = all();
        return now.size() != before.size()
                || now.stream().anyMatch(this::changed);
    }

    /** Whether row {@code r} is not as the transaction read it (or is new). */
    boolean changed(Row r) {
        return !signature(r).equals(before.get(r.table + ":" + r.name));
    }

    private static String signature(Row r) {
        return r.cols.toString();
    }

    /** The transaction committed: bridge_reconfigure() ({@link BridgeReconfigure}), then what the database keeps. */
    List<String> commit() {
        List<String> errors = new BridgeReconfigure(this, vswitchd, stored, now).run();
        stored.mirrors.clear();
        mirrors.forEach((k, r) -> stored.mirrors.put(k, copy(r)));
        stored.managers = managers;
        stored.ssl = ssl;
        stored.flowTables.clear();
        flowTables.forEach((k, r) -> stored.flowTables.put(k, copy(r)));
        stored.qos.clear();
        qos.forEach((k, r) -> stored.qos.put(k, copy(r)));
        stored.queues.clear();
        queues.forEach((k, r) -> stored.queues.put(k, copy(r)));
        collectZones();
        datapathCapabilities();
        for (var t : List.of(Map.entry(datapaths, stored.datapaths), Map.entry(ctZones, stored.ctZones),
                Map.entry(ctPolicies, stored.ctPolicies))) {
            t.getValue().clear();
            t.getKey().forEach((k, r) -> t.getValue().put(k, copy(r)));
        }
        stored.bondPorts.clear();
        stored.bondIfaces.clear();
        ports.forEach((n, r) -> {
            List<Row> of = ifacesOf(n);
            if (of.size() > 1 || of.size() == 1 && !of.get(0).name.equals(n)) {
                stored.bondPorts.put(n, copy(r));
                of.forEach(i -> stored.bondIfaces.put(i.name, n));
            }
        });
        stored.failedPort.clear(); // a port without a netdev keeps its row as the database does
        stored.failed.keySet().stream().filter(ports::containsKey) // a bond's interface has no Port of its own
                .forEach(n -> stored.failedPort.put(n, copy(ports.get(n))));
        stored.columns.clear();
        stored.uuids.clear();
        for (Row r : all()) {
            if (r.table.equals("Bridge") && r.fixedUuid != null) {
                stored.uuids.put(r.table + ":" + r.name, r.fixedUuid);
            }
            Map<String, Datum> keep = new HashMap<>();
            for (String c : r.cols.keySet()) {
                if (DB_ONLY.contains(r.table + ":" + c)) {
                    keep.put(c, r.cols.get(c));
                }
            }
            stored.columns.put(r.table + ":" + r.name, keep);
        }
        return errors;
    }

    // datapath_reconfigure(): a Datapath row of a type some bridge's backer has gets the backer's capabilities when
    // the vswitchd creates its datapath of that type (dp_capability_reconfigure(), get_datapath_cap(); later
    // dpif/set-dp-features changes do not reach the row). arplab: when the row has none yet
    private void datapathCapabilities() {
        Datum dps = ovs.get(".").get("datapaths");
        for (int i = 0; i < dps.keys().size(); i++) {
            Row dp = rowWithUuid(datapaths, dps.values().get(i));
            if (dp == null || !dp.get("capabilities").keys().isEmpty()) {
                continue;
            }
            for (OvsBridge b : vswitchd.bridges()) {
                io.arplab.flow.Datapath backer = b.ofproto().datapath;
                if ((backer.userspace ? "dummy" : "system").equals(dps.keys().get(i))) {
                    dp.cols.put("capabilities", Datum.of(new java.util.TreeMap<>(backer.capabilities())));
                    break;
                }
            }
        }
    }

    // the database's garbage collection of the zone tables, none a root: a Datapath row the Open_vSwitch row's
    // datapaths no longer names, then the CT_Zone rows no Datapath's ct_zones names, then the CT_Timeout_Policy rows
    // no CT_Zone's timeout_policy names
    private void collectZones() {
        java.util.Set<String> dps = new java.util.HashSet<>(ovs.get(".").get("datapaths").values());
        datapaths.values().removeIf(d -> !dps.contains(d.uuid()));
        java.util.Set<String> zones = new java.util.HashSet<>();
        datapaths.values().forEach(d -> zones.addAll(d.get("ct_zones").values()));
        ctZones.values().removeIf(z -> !zones.contains(z.uuid()));
        java.util.Set<String> policies = new java.util.HashSet<>();
        ctZones.values().forEach(z -> policies.addAll(z.get("timeout_policy").keys()));
        ctPolicies.values().removeIf(p -> !policies.contains(p.uuid()));
    }

    // the database's garbage collection: a Mirror row (the table is not a root) goes with the last reference to it,
    // and weak references to Port rows with those rows
    void collectMirrors() {
        java.util.Set<String> referenced = new java.util.HashSet<>();
        bridges.values().forEach(b -> referenced.addAll(b.get("mirrors").keys()));
        mirrors.values().removeIf(m -> !referenced.contains(m.uuid()));
        java.util.Set<String> tablesReferenced = new java.util.HashSet<>();
        bridges.values().forEach(b -> tablesReferenced.addAll(b.get("flow_tables").values()));
        flowTables.values().removeIf(t -> !tablesReferenced.contains(t.uuid()));
        java.util.Set<String> portUuids = new java.util.HashSet<>();
        ports.values().forEach(p -> portUuids.add(p.uuid()));
        for (Row m : mirrors.values()) {
            for (String col : List.of("output_port", "select_dst_port", "select_src_port")) {
                List<String> kept = new ArrayList<>(m.get(col).keys());
                if (kept.removeIf(u -> !portUuids.contains(u))) {
                    m.cols.put(col, new Datum(kept, List.of()));
                }
            }
        }
    }

    // the Port row's other_config:mcast-snooping-flood and -flood-reports as the port keeps them
    private static void mcastColumns(Row r, Ofproto.Port p) {
        Map<String, String> other = new java.util.TreeMap<>(r.map("other_config"));
        if (p.mcastFlood) {
            other.put("mcast-snooping-flood", "true");
        }
        if (p.mcastFloodReports) {
            other.put("mcast-snooping-flood-reports", "true");
        }
        r.cols.put("other_config", other.isEmpty() ? Datum.EMPTY : Datum.of(other));
    }

    // the Port row's VLAN columns as the port's configuration keeps them
    private static void vlanColumns(Row r, PortVlan v) {
        if (v.tagColumn >= 0) {
            r.cols.put("tag", Datum.of(Integer.toString(v.tagColumn)));
        }
        r.cols.put("trunks", vlans(v.trunksColumn));
        r.cols.put("cvlans", vlans(v.cvlansColumn));
        if (v.modeColumn != null) {
            r.cols.put("vlan_mode", Datum.of(v.modeColumn));
        }
        Map<String, String> other = new java.util.TreeMap<>();
        if (v.qinqColumn != null) {
            other.put("qinq-ethtype", v.qinqColumn);
        }
        if (v.priorityTagsColumn != null) {
            other.put("priority-tags", v.priorityTagsColumn);
        }
        if (!other.isEmpty()) {
            r.cols.put("other_config", Datum.of(other));
        }
    }

    private static Datum vlans(BitSet b) {
        List<String> atoms = new ArrayList<>();
        if (b != null) {
            b.stream().forEach(i -> atoms.add(Integer.toString(i)));
        }
        return new Datum(atoms, List.of());
    }
}
