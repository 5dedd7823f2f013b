package io.arplab.tools.ovs;

import io.arplab.wire.MacAddress;
import io.arplab.device.OvsBridge;
import io.arplab.flow.Ofproto;
import io.arplab.flow.OfVersion;
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
import java.util.Objects;

/**
 * The rows of one ovs-vsctl transaction: read from the node's vswitchd (what it reports: ofport, mac_in_use,
 * statistics) and the columns only the database keeps (external_ids, other_config ...), changed by the commands,
 * then committed as bridge_reconfigure() applies a new database: bridges and ports added, deleted, re-created.
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
            "Bridge:protocols", "Bridge:datapath_type", "Bridge:mirrors", "Bridge:flow_tables", "Port:external_ids", "Port:qos",
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
    private boolean changed() {
        List<Row> now = all();
        return now.size() != before.size()
                || now.stream().anyMatch(r -> !signature(r).equals(before.get(r.table + ":" + r.name)));
    }

    private static String signature(Row r) {
        return r.cols.toString();
    }

    /** bridge_reconfigure() of the new rows: the vswitchd's bridges and ports made to match; errors as OVS logs. */
    List<String> commit() {
        List<String> errors = new ArrayList<>();
        vswitchd.limitVlans(smapInt(ovs.get(".").map("other_config").get("vlan-limit"), 1));
        Map<String, String> cfg = ovs.get(".").map("other_config");
        vswitchd.revalidators(smapUint(cfg.get("flow-limit"), 200_000), smapUint(cfg.get("max-idle"), 10_000),
                smapUint(cfg.get("max-revalidator"), 500));
        if (stored.allBridges == null) {
            stored.allBridges = io.arplab.flow.Hmap.shash();
            vswitchd.bridges().forEach(b -> stored.allBridges.insert(b.bridgeName()));
        }
        for (OvsBridge b : vswitchd.bridges()) {
            if (!bridges.containsKey(b.bridgeName())) {
                vswitchd.delBridge(b);
                stored.allBridges.remove(b.bridgeName());
            }
        }
        Map<String, OvsBridge> live = new HashMap<>();
        vswitchd.bridges().forEach(b -> live.put(b.bridgeName(), b));
        newBridges.clear();
        // add_del_bridges(): the new bridges in the order of the configuration's shash of names
        for (String name : io.arplab.flow.Hmap.of(bridges.keySet(), io.arplab.flow.Hmap.shash())) {
            if (!live.containsKey(name)) {
                stored.allBridges.insert(name);
            }
        }
        for (Row br : bridges.values()) {
            OvsBridge b = live.get(br.name);
            if (b == null) {
                b = vswitchd.addBridge(br.name);
                // its local interface's netdev (a dummy MAC of the counter) is opened with the ports, not now
                b.ofproto().datapath.returnDummyMac();
                newBridges.add(br.name);
            }
            // bridge_configure_remotes(): the controllers, then the fail mode
            b.ofproto().setControllers(controllers.getOrDefault(br.name, List.of()), now);
            configure(b, br);
        }
        Map<String, Long> recreated = new HashMap<>(); // a new type on the same bridge keeps the OpenFlow port
        boolean changed = changed();
        for (OvsBridge b : vswitchd.bridges()) {
            for (Ofproto.Port p : b.ofproto().ports()) {
                Row i = ifaces.get(p.name);
                boolean here = i != null && portBridge.get(portOf(p.name)).equals(b.bridgeName());
                if (p.ofport == Ports.LOCAL || b.ofproto().port(p.name) != p) { // or deleted as a victim below
                    continue;
                }
                // bridge_del_ports(): an interface whose Port went (a plain port made a bond member, a member made a
                // port of its own) is destroyed with it, its netdev closed, and opened anew in its new Port
                io.arplab.flow.Bond bond = b.ofproto().bondOf(p);
                String oldPort = bond != null ? bond.name : stored.bondIfaces.getOrDefault(p.name, p.name);
                boolean samePort = here && oldPort.equals(portOf(p.name));
                if (samePort && type(i).equals(p.type.equals("system") ? "" : p.type)) {
                    // bridge_delete_or_reconfigure_ports(): a port whose ofport_request names another number is
                    // deleted, and added back with it (a new netdev: a dummy's next MAC); the port holding that
                    // number goes too unless it requested it itself, added back after (iface_pick_ofport(): its
                    // old number, now taken)
                    long want = request(i);
                    if (!changed || want < 1 || want == p.ofport) {
                        continue;
                    }
                    Ofproto.Port victim = b.ofproto().port(want);
                    if (victim != null) {
                        Row v = ifaces.get(victim.name);
                        if (v != null && request(v) == want) {
                            continue;
                        }
                        if (v != null && portBridge.get(portOf(victim.name)).equals(b.bridgeName())) {
                            recreated.put(victim.name, victim.ofport);
                        }
                        vswitchd.delPort(b, victim.name);
                    }
                    vswitchd.delPort(b, p.name);
                    continue;
                }
                vswitchd.delPort(b, p.name);
                if (here) {
                    recreated.put(p.name, p.ofport);
                }
            }
        }
        stored.failed.keySet().removeIf(n -> !ifaces.containsKey(n));
        Map<String, OvsBridge> byName = new HashMap<>();
        vswitchd.bridges().forEach(b -> byName.put(b.bridgeName(), b));
        for (String name : stored.allBridges.inOrder()) { // HMAP_FOR_EACH over all_bridges
            OvsBridge b = byName.get(name);
            if (b == null) {
                continue;
            }
            addPorts(b, true, recreated, errors); // bridge_add_ports(): those that request a number first
            addPorts(b, false, recreated, errors);
        }
        for (OvsBridge b : vswitchd.bridges()) {
            for (Ofproto.Port p : b.ofproto().ports()) {
                Row i = ifaces.get(p.name);
                if (i != null && portBridge.get(portOf(p.name)).equals(b.bridgeName())) {
                    String mtu = i.string("mtu_request");
                    b.ofproto().requestMtu(p, mtu == null ? null : Long.valueOf(mtu));
                    b.ofproto().setQueueDscps(p, queueDscps(ports.get(portOf(p.name))));
                    internalMac(b, p, i.string("mac"));
                }
            }
        }
        for (OvsBridge b : vswitchd.bridges()) {
            for (Ofproto.Port p : b.ofproto().ports()) {
                Row r = ifaces.containsKey(p.name) ? ports.get(portOf(p.name)) : null;
                if (r != null && portBridge.get(r.name).equals(b.bridgeName())) {
                    b.ofproto().setVlan(p, portVlan(r));
                    b.ofproto().setProtected(p, "true".equals(r.string("protected")));
                }
            }
        }
        configureBonds();
        configureMcastSnooping();
        collectMirrors();
        for (OvsBridge b : vswitchd.bridges()) {
            configureMirrors(b, bridges.get(b.bridgeName()));
            configureTables(b, bridges.get(b.bridgeName()));
        }
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

    /**
     * bridge_configure_mcast_snooping(): the table of a bridge with mcast_snooping_enable, its aging time and size
     * (0 or none: the defaults, 300 s and 2048), flooding of unregistered groups unless
     * other_config:mcast-snooping-disable-flood-unregistered; each Port's flood and flood-reports flags.
     */
    private void configureMcastSnooping() {
        for (OvsBridge b : vswitchd.bridges()) {
            Row br = bridges.get(b.bridgeName());
            if (br == null) {
                continue;
            }
            Map<String, String> other = br.map("other_config");
            int idle = smapInt(other.get("mcast-snooping-aging-time"), 0);
            int max = smapInt(other.get("mcast-snooping-table-size"), 0);
            b.ofproto().setMcastSnooping("true".equals(br.string("mcast_snooping_enable")), idle != 0 ? idle : 300,
                    max != 0 ? max : 2048, !"true".equals(other.get("mcast-snooping-disable-flood-unregistered")));
            for (Ofproto.Port p : b.ofproto().ports()) {
                Row r = ifaces.containsKey(p.name) ? ports.get(portOf(p.name)) : null;
                if (r != null && b.bridgeName().equals(portBridge.get(r.name))) {
                    Map<String, String> po = r.map("other_config");
                    b.ofproto().setMcastPortFlags(p, "true".equals(po.get("mcast-snooping-flood")),
                            "true".equals(po.get("mcast-snooping-flood-reports")));
                }
            }
        }
    }

    /**
     * port_configure() of each Port of several interfaces: a bond of its interfaces' ports, with the settings
     * port_configure_bond() reads (bridge.c); a Port back to one interface, or gone, is a bond no more.
     */
    private void configureBonds() {
        for (OvsBridge b : vswitchd.bridges()) {
            Ofproto o = b.ofproto();
            java.util.Set<String> live = new java.util.HashSet<>();
            portBridge.forEach((port, bridge) -> {
                if (!bridge.equals(b.bridgeName())) {
                    return;
                }
                List<Ofproto.Port> members = new ArrayList<>();
                for (Row i : ifacesOf(port)) {
                    if (o.port(i.name) != null) {
                        members.add(o.port(i.name));
                    }
                }
                if (members.size() > 1) { // port_configure(): a bond of the interfaces that opened
                    live.add(port);
                    o.setBond(port, members, bondSettings(ports.get(port)), now);
                }
            });
            new ArrayList<>(o.bonds.keySet()).stream().filter(n -> !live.contains(n)).forEach(o::removeBond);
        }
    }

    // port_configure_bond(): active-backup by default, a rebalance interval below 1000 ms but 0 made 1000, the
    // primary for active-backup alone
    private static io.arplab.flow.Bond.Settings bondSettings(Row port) {
        Map<String, String> other = port.map("other_config");
        io.arplab.flow.Bond.Mode mode = io.arplab.flow.Bond.Mode.of(port.string("bond_mode"));
        mode = mode == null ? io.arplab.flow.Bond.Mode.AB : mode;
        int rebalance = smapInt(other.get("bond-rebalance-interval"), 10_000);
        rebalance = rebalance != 0 && rebalance < 1000 ? 1000 : rebalance;
        String up = port.string("bond_updelay"), down = port.string("bond_downdelay");
        return new io.arplab.flow.Bond.Settings(mode, Math.max(0, up == null ? 0 : Integer.parseInt(up)),
                Math.max(0, down == null ? 0 : Integer.parseInt(down)), smapInt(other.get("bond-hash-basis"), 0),
                rebalance, mode == io.arplab.flow.Bond.Mode.AB || "true".equals(other.get("lacp-fallback-ab"))
                        ? other.get("bond-primary") : null,
                "true".equals(other.get("all-members-active")), "true".equals(other.get("lacp-fallback-ab")));
    }

    /** The bridges this reconfiguration adds (add_del_bridges()), whose local interfaces bridge_add_ports() opens. */
    private final java.util.Set<String> newBridges = new java.util.HashSet<>();
    // the database's garbage collection: a Mirror row (the table is not a root) goes with the last reference to it,
    // and weak references to Port rows with those rows
    private void collectMirrors() {
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

    // bridge_configure_mirrors(): the bridge's mirrors that went destroyed, then each of its Mirror rows configured
    // (mirror_configure()) in turn: one without an output port on the bridge or an output VLAN is destroyed;
    // select_all selects every port of the bridge, else the ports named that are on it
    private void configureMirrors(OvsBridge b, Row br) {
        io.arplab.flow.Mirrors mbridge = b.ofproto().mirrors;
        List<String> wanted = br == null ? List.of() : br.get("mirrors").keys();
        for (Object key : mbridge.keys()) {
            if (!wanted.contains(key)) {
                mbridge.destroy(key);
            }
        }
        Map<String, List<Ofproto.Port>> byUuid = new HashMap<>(); // a Port's ports: a bond's members, first first
        for (Ofproto.Port p : b.ofproto().ports()) {
            Row r = ports.get(portOf(p.name));
            if (r != null && b.bridgeName().equals(portBridge.get(r.name))) {
                byUuid.computeIfAbsent(r.uuid(), k -> new ArrayList<>()).add(p);
            }
        }
        byUuid.values().forEach(l -> l.sort(java.util.Comparator.comparingInt(p -> {
            io.arplab.flow.Bond bond = b.ofproto().bondOf(p);
            return bond == null ? 0 : new ArrayList<>(bond.members.keySet()).indexOf(p);
        })));
        for (String uuid : wanted) {
            Row m = rowWithUuid(mirrors, uuid);
            if (m == null) {
                continue;
            }
            String outUuid = m.string("output_port"), outVlan = m.string("output_vlan");
            long out = -1;
            if (outUuid != null) {
                List<Ofproto.Port> p = byUuid.get(outUuid);
                if (p == null) { // "mirror %s outputs to port not on bridge"
                    mbridge.destroy(uuid);
                    continue;
                }
                out = p.get(0).ofport; // a bond's bundle: its first member

            } else if (outVlan == null) { // "mirror %s does not specify output; ignoring"
                mbridge.destroy(uuid);
                continue;
            }
            java.util.Set<Long> srcs = new java.util.HashSet<>(), dsts = new java.util.HashSet<>();
            if ("true".equals(m.string("select_all"))) {
                b.ofproto().ports().forEach(p -> srcs.add(p.ofport));
                dsts.addAll(srcs);
            } else {
                m.get("select_src_port").keys().stream().map(byUuid::get).filter(Objects::nonNull)
                        .forEach(l -> l.forEach(p -> srcs.add(p.ofport)));
                m.get("select_dst_port").keys().stream().map(byUuid::get).filter(Objects::nonNull)
                        .forEach(l -> l.forEach(p -> dsts.add(p.ofport)));
            }
            BitSet vlans = bits(m.get("select_vlan")); // vlan_bitmap_from_array(): none for an empty set
            String snaplen = m.string("snaplen");
            mbridge.set(uuid, srcs, dsts, vlans, out, outVlan == null ? 0 : Integer.parseInt(outVlan),
                    snaplen == null ? 0 : Integer.parseInt(snaplen));
        }
    }

    // bridge_configure_tables(): each table's Flow_Table row (flow_tables) or none: its name, flow_limit (max_flows,
    // UINT_MAX without one), overflow_policy=evict and the eviction groups' fields (mf_parse_subfield__(), a string
    // it refuses or with trailing garbage skipped)
    private void configureTables(OvsBridge b, Row br) {
        Map<String, Row> byUuid = new HashMap<>();
        flowTables.values().forEach(r -> byUuid.put(r.uuid(), r));
        Map<String, String> refs = br == null ? Map.of() : br.map("flow_tables");
        for (int t = 0; t < io.arplab.flow.FlowTables.N_TABLES; t++) {
            Row cfg = byUuid.get(refs.get(Integer.toString(t)));
            String name = null, limit = null;
            boolean evict = false;
            List<io.arplab.flow.Subfield> fields = new ArrayList<>();
            if (cfg != null) {
                name = cfg.string("name");
                limit = cfg.string("flow_limit");
                evict = "evict".equals(cfg.string("overflow_policy"));
                for (String g : cfg.get("groups").keys()) {
                    try {
                        fields.add(io.arplab.flow.Subfield.parse(g));
                    } catch (io.arplab.flow.FlowParseException e) {
                        // "error parsing 'groups'" or "contains trailing garbage", logged
                    }
                }
            }
            long max = limit == null || Long.parseLong(limit) >= 0xffff_ffffL ? 0xffff_ffffL : Long.parseLong(limit);
            b.ofproto().tables.configureTable(t, name, max, evict, fields);
        }
    }

    // bridge_add_ports__(): the bridge's interfaces that do (or do not) request a number, not on it yet
    private void addPorts(OvsBridge b, boolean requested, Map<String, Long> recreated, List<String> errors) {
        List<String> wanted = new ArrayList<>();
        portBridge.forEach((port, bridge) -> {
            if (bridge.equals(b.bridgeName())) {
                wanted.add(port);
            }
        });
        // SHASH_FOR_EACH over bridge_collect_wanted_ports()' shash: the names in hash_string() bucket order
        List<String> wantedIfaces = new ArrayList<>(); // each Port's interfaces in turn (bridge_add_ports__())
        for (String port : io.arplab.flow.Hmap.of(wanted, io.arplab.flow.Hmap.shash())) {
            List<Row> of = ifacesOf(port);
            if (of.isEmpty() && ifaces.containsKey(port)) {
                of = List.of(ifaces.get(port));
            }
            of.forEach(i -> wantedIfaces.add(i.name));
        }
        for (String name : wantedIfaces) {
            Row i = ifaces.get(name);
            Ofproto.Port local = name.equals(b.bridgeName()) ? b.ofproto().port(name) : null;
            if (local != null && local.ofport == Ports.LOCAL) {
                // bridge_delete_or_reconfigure_ports() leaves OFPP_LOCAL's number alone: its request is the row's
                local.ofportRequest = request(i);
            }
            if ((i.string("ofport_request") != null) != requested) {
                continue;
            }
            if (name.equals(b.bridgeName())) {
                if (newBridges.contains(name)) { // iface_do_create() of a new bridge's local interface, in turn
                    b.ofproto().datapath.nextDummyMac();
                }
                Ofproto.Port localPort = b.ofproto().port(io.arplab.flow.Ports.LOCAL);
                if (localPort != null) { // netdev_set_config() of the local interface too
                    localPort.options.clear();
                    localPort.options.putAll(i.map("options"));
                    b.setConfig(localPort);
                }
                continue;
            }
            Ofproto.Port p = b.ofproto().port(name);
            long request = requested ? request(i) : recreated.getOrDefault(i.name, -1L);
            if (p == null && (!stored.failed.containsKey(name)
                    || !Objects.equals(before.get("Interface:" + i.name), signature(i)))) {
                try {
                    if (reservedName(i.name)) {
                        throw new IllegalArgumentException((String) null); // iface_do_create(): EINVAL, no message
                    }
                    vswitchd.addPort(b, i.name, type(i), request, i.map("options"));
                    if (!requested) {
                        b.ofproto().port(i.name).ofportRequest = -1; // kept its number, requested none
                    }
                    stored.failed.remove(i.name);
                } catch (IllegalArgumentException x) {
                    // iface_do_create() failed: the row stays, with the error vswitchd writes into it
                    if (x.getMessage() != null) {
                        i.cols.put("error", Datum.of(x.getMessage()));
                    }
                    i.cols.put("ofport", Datum.of("-1"));
                    stored.failed.put(i.name, i);
                    stored.failedBridge.put(i.name, b.bridgeName());
                    if (expected.contains(i.name)) { // post_db_reload_do_checks(): the new interfaces alone
                        errors.add("Error detected while setting up '" + i.name + "'"
                                + (x.getMessage() != null ? ": " + x.getMessage() : "")
                                + ".  See ovs-vswitchd log for details.");
                    }
                }
            } else if (p != null) {
                String dpName = p.dpifName();
                p.options.clear();
                p.options.putAll(i.map("options"));
                b.setConfig(p); // netdev_set_config() at each reconfiguration
                p.ofportRequest = request;
                b.ofproto().datapath.retunnel(p, dpName);
            }
        }
    }

    /** The datapath port names of the vport classes netdev_vport_tunnel_register() registers. */
    private static final List<String> VPORT_DPIF_PORTS = List.of("genev_sys", "gre_sys", "vxlan_sys", "lisp_sys",
            "stt_sys", "erspan_sys", "ip6erspan_sys", "ip6gre_sys", "gtpu_sys", "udp_sys");

    /**
     * netdev_is_reserved_name(): a name starting with a vport class's datapath port name, or "ovs-" and a registered
     * datapath type (netdev and dummy here: system's netlink family is missing).
     */
    private static boolean reservedName(String name) {
        return VPORT_DPIF_PORTS.stream().anyMatch(name::startsWith) || name.equals("ovs-netdev")
                || name.equals("ovs-dummy");
    }

    // iface_set_mac(): an internal port (not the local one) takes the Interface's mac when eth_addr_from_string()
    // reads it and it is not multicast; otherwise, or without one, its MAC stays
    private void internalMac(OvsBridge b, Ofproto.Port p, String mac) {
        if (!p.type.equals("internal") || p.ofport == Ports.LOCAL || mac == null) {
            return;
        }
        Long ea = io.arplab.flow.FieldParser.mac(mac);
        if (ea != null && !MacAddress.isMulticast(ea) && ea != p.mac) {
            vswitchd.setInternalMac(b, p.name, ea);
        }
    }

    // iface_configure_qos(): a QoS row with a type gives the port its queues that have a DSCP (queue id, dscp)
    private Map<Long, Integer> queueDscps(Row port) {
        Map<Long, Integer> m = new HashMap<>();
        List<String> ref = port == null ? List.of() : port.get("qos").keys();
        Row q = ref.isEmpty() ? null : rowWithUuid(qos, ref.get(0));
        if (q == null || q.string("type") == null || q.string("type").isEmpty()) {
            return m;
        }
        Datum queueRefs = q.get("queues");
        for (int k = 0; k < queueRefs.keys().size(); k++) {
            String uuid = queueRefs.values().get(k);
            Row queue = rowWithUuid(queues, uuid);
            if (queue != null && queue.string("dscp") != null) {
                m.put(Long.parseLong(queueRefs.keys().get(k)), Integer.parseInt(queue.string("dscp")));
            }
        }
        return m;
    }

    private static long request(Row iface) {
        String r = iface.string("ofport_request");
        return r == null ? -1 : Long.parseLong(r);
    }

    // smap_get_int(): the value as str_to_int() reads it (base 10, the whole string), else the default
    // smap_get_uint(): str_to_uint() of the whole value (base 10, 0 to UINT_MAX), else the default
    private static long smapUint(String v, long dflt) {
        if (v == null || !v.matches("\\s*\\+?\\d+")) {
            return dflt;
        }
        java.math.BigInteger n = new java.math.BigInteger(v.trim().replace("+", ""));
        return n.compareTo(java.math.BigInteger.valueOf(0xffffffffL)) > 0 ? dflt : n.longValue();
    }

    private static int smapInt(String v, int dflt) {
        if (v == null || !v.matches("[-+]?\\d+")) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return dflt;
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

    // port_configure_vlan()
    private static PortVlan portVlan(Row r) {
        String tag = r.string("tag");
        return PortVlan.configure(tag == null ? -1 : Integer.parseInt(tag), bits(r.get("trunks")),
                bits(r.get("cvlans")), r.string("vlan_mode"), r.map("other_config").get("qinq-ethtype"),
                r.map("other_config").get("priority-tags"));
    }

    private static BitSet bits(Datum d) {
        if (d.keys().isEmpty()) {
            return null;
        }
        BitSet b = new BitSet(4096);
        d.keys().forEach(k -> b.set(Integer.parseInt(k)));
        return b;
    }

    private static String type(Row iface) {
        String t = iface.string("type");
        return t == null ? "" : t;
    }

    // the bridge's columns: fail mode (flushing flows when it changes), protocols, other_config's ids
    private void configure(OvsBridge b, Row br) {
        Ofproto o = b.ofproto();
        String fail = br.string("fail_mode");
        if (!Objects.equals(fail, o.failMode)) {
            o.setFailMode(fail, now);
        }
        List<OfVersion> versions = new ArrayList<>();
        for (String p : br.get("protocols").keys()) {
            versions.add(OfVersion.byName(p));
        }
        o.protocols = versions.isEmpty() ? List.of(OfVersion.values()) : versions;
        Map<String, String> other = br.map("other_config");
        o.forwardBpdu = "true".equalsIgnoreCase(other.get("forward-bpdu")); // smap_get_bool()
        // bridge_configure_mac_table(), bridge_configure_flood_vlans()
        // (a negative int is a huge unsigned one)
        int idle = smapInt(other.get("mac-aging-time"), 0), size = smapInt(other.get("mac-table-size"), 0);
        o.ml.setIdleTime(idle == 0 ? io.arplab.flow.MacLearning.DEFAULT_IDLE : idle < 0 ? Integer.MAX_VALUE : idle);
        o.ml.setMaxEntries(size == 0 ? io.arplab.flow.MacLearning.DEFAULT_MAX : size < 0 ? Integer.MAX_VALUE : size);
        o.ml.setFloodVlans(bits(br.get("flood_vlans")));
        o.ml.expire(now); // the next ofproto run()'s mac_learning_run()
        // bridge_pick_local_hw_addr(): other_config:hwaddr if a unicast MAC but zero, else the bridge's default_ea
        Long hwaddr = other.get("hwaddr") == null ? null : io.arplab.flow.FieldParser.mac(other.get("hwaddr"));
        long ea = hwaddr != null && hwaddr != 0 && !MacAddress.isMulticast(hwaddr) ? hwaddr : o.defaultEa;
        if (ea != o.hwaddr) {
            vswitchd.setHwaddr(b, ea);
        }
        // bridge_pick_datapath_id(): other_config's datapath-id if dpid_from_string() takes it (16 hex digits, not
        // 0), else the bridge's MAC
        String dpid = other.get("datapath-id");
        boolean given = dpid != null && dpid.matches("[0-9a-fA-F]{16}") && Long.parseUnsignedLong(dpid, 16) != 0;
        o.datapathId = given ? Long.parseUnsignedLong(dpid, 16) : o.hwaddr;
        o.dpDesc = other.get("dp-desc"); // bridge_configure_dp_desc(), bridge_configure_serial_desc()
        o.serialDesc = other.get("dp-sn");
    }
}
