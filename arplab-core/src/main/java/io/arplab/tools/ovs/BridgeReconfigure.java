package io.arplab.tools.ovs;

import io.arplab.wire.MacAddress;
import io.arplab.device.OvsBridge;
import io.arplab.flow.OfVersion;
import io.arplab.flow.Ofproto;
import io.arplab.flow.PortVlan;
import io.arplab.flow.Ports;
import io.arplab.runtime.Vswitchd;
import io.arplab.tools.ovs.Ovsdb.Datum;
import io.arplab.tools.ovs.Ovsdb.Row;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * bridge_reconfigure() of Open vSwitch 3.1 (vswitchd/bridge.c) over a committed transaction's rows
 * ({@link OvsdbRows}): the node's vswitchd made to match them, bridges and ports added, deleted and re-created,
 * each bridge's, port's, bond's, mirror's and table's settings applied; errors as OVS logs them.
 */
final class BridgeReconfigure {
    private final OvsdbRows rows;
    private final Vswitchd vswitchd;
    private final OvsdbRows.Stored stored;
    private final long now;

    BridgeReconfigure(OvsdbRows rows, Vswitchd vswitchd, OvsdbRows.Stored stored, long now) {
        this.rows = rows;
        this.vswitchd = vswitchd;
        this.stored = stored;
        this.now = now;
    }

    /** The reconfiguration; the errors OVS logs. */
    List<String> run() {
        List<String> errors = new ArrayList<>();
        vswitchd.limitVlans(smapInt(rows.ovs.get(".").map("other_config").get("vlan-limit"), 1));
        Map<String, String> cfg = rows.ovs.get(".").map("other_config");
        vswitchd.revalidators(smapUint(cfg.get("flow-limit"), 200_000), smapUint(cfg.get("max-idle"), 10_000),
                smapUint(cfg.get("max-revalidator"), 500));
        if (stored.allBridges == null) {
            stored.allBridges = io.arplab.flow.Hmap.shash();
            vswitchd.bridges().forEach(b -> stored.allBridges.insert(b.bridgeName()));
        }
        for (OvsBridge b : vswitchd.bridges()) {
            if (!rows.bridges.containsKey(b.bridgeName())) {
                vswitchd.delBridge(b);
                stored.allBridges.remove(b.bridgeName());
            }
        }
        Map<String, OvsBridge> live = new HashMap<>();
        vswitchd.bridges().forEach(b -> live.put(b.bridgeName(), b));
        newBridges.clear();
        // add_del_bridges(): the new rows.bridges in the order of the configuration's shash of names
        for (String name : io.arplab.flow.Hmap.of(rows.bridges.keySet(), io.arplab.flow.Hmap.shash())) {
            if (!live.containsKey(name)) {
                stored.allBridges.insert(name);
            }
        }
        for (Row br : rows.bridges.values()) {
            OvsBridge b = live.get(br.name);
            if (b == null) {
                b = vswitchd.addBridge(br.name);
                // its local interface's netdev (a dummy MAC of the counter) is opened with the rows.ports, not now
                b.ofproto().datapath.returnDummyMac();
                newBridges.add(br.name);
            }
            // bridge_configure_remotes(): the rows.controllers, then the fail mode
            b.ofproto().setControllers(rows.controllers.getOrDefault(br.name, List.of()), now);
            configure(b, br);
        }
        Map<String, Long> recreated = new HashMap<>(); // a new type on the same bridge keeps the OpenFlow port
        boolean changed = rows.changed();
        for (OvsBridge b : vswitchd.bridges()) {
            for (Ofproto.Port p : b.ofproto().ports()) {
                Row i = rows.ifaces.get(p.name);
                boolean here = i != null && rows.portBridge.get(rows.portOf(p.name)).equals(b.bridgeName());
                if (p.ofport == Ports.LOCAL || b.ofproto().port(p.name) != p) { // or deleted as a victim below
                    continue;
                }
                // bridge_del_ports(): an interface whose Port went (a plain port made a bond member, a member made a
                // port of its own) is destroyed with it, its netdev closed, and opened anew in its new Port
                io.arplab.flow.Bond bond = b.ofproto().bondOf(p);
                String oldPort = bond != null ? bond.name : stored.bondIfaces.getOrDefault(p.name, p.name);
                boolean samePort = here && oldPort.equals(rows.portOf(p.name));
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
                        Row v = rows.ifaces.get(victim.name);
                        if (v != null && request(v) == want) {
                            continue;
                        }
                        if (v != null && rows.portBridge.get(rows.portOf(victim.name)).equals(b.bridgeName())) {
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
        stored.failed.keySet().removeIf(n -> !rows.ifaces.containsKey(n));
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
                Row i = rows.ifaces.get(p.name);
                if (i != null && rows.portBridge.get(rows.portOf(p.name)).equals(b.bridgeName())) {
                    String mtu = i.string("mtu_request");
                    b.ofproto().requestMtu(p, mtu == null ? null : Long.valueOf(mtu));
                    b.ofproto().setQueueDscps(p, queueDscps(rows.ports.get(rows.portOf(p.name))));
                    internalMac(b, p, i.string("mac"));
                }
            }
        }
        for (OvsBridge b : vswitchd.bridges()) {
            for (Ofproto.Port p : b.ofproto().ports()) {
                Row r = rows.ifaces.containsKey(p.name) ? rows.ports.get(rows.portOf(p.name)) : null;
                if (r != null && rows.portBridge.get(r.name).equals(b.bridgeName())) {
                    b.ofproto().setVlan(p, portVlan(r));
                    b.ofproto().setProtected(p, "true".equals(r.string("protected")));
                }
            }
        }
        configureBonds();
        configureMcastSnooping();
        rows.collectMirrors();
        for (OvsBridge b : vswitchd.bridges()) {
            configureMirrors(b, rows.bridges.get(b.bridgeName()));
            configureTables(b, rows.bridges.get(b.bridgeName()));
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
            Row br = rows.bridges.get(b.bridgeName());
            if (br == null) {
                continue;
            }
            Map<String, String> other = br.map("other_config");
            int idle = smapInt(other.get("mcast-snooping-aging-time"), 0);
            int max = smapInt(other.get("mcast-snooping-table-size"), 0);
            io.arplab.flow.McastSnooping.configure(b.ofproto(), "true".equals(br.string("mcast_snooping_enable")), idle != 0 ? idle : 300,
                    max != 0 ? max : 2048, !"true".equals(other.get("mcast-snooping-disable-flood-unregistered")));
            for (Ofproto.Port p : b.ofproto().ports()) {
                Row r = rows.ifaces.containsKey(p.name) ? rows.ports.get(rows.portOf(p.name)) : null;
                if (r != null && b.bridgeName().equals(rows.portBridge.get(r.name))) {
                    Map<String, String> po = r.map("other_config");
                    io.arplab.flow.McastSnooping.setPortFlags(b.ofproto(), p, "true".equals(po.get("mcast-snooping-flood")),
                            "true".equals(po.get("mcast-snooping-flood-reports")));
                }
            }
        }
    }

    /**
     * port_configure() of each Port of several interfaces: a bond of its interfaces' rows.ports, with the settings
     * port_configure_bond() reads (bridge.c); a Port back to one interface, or gone, is a bond no more.
     */
    private void configureBonds() {
        for (OvsBridge b : vswitchd.bridges()) {
            Ofproto o = b.ofproto();
            java.util.Set<String> live = new java.util.HashSet<>();
            rows.portBridge.forEach((port, bridge) -> {
                if (!bridge.equals(b.bridgeName())) {
                    return;
                }
                List<Ofproto.Port> members = new ArrayList<>();
                for (Row i : rows.ifacesOf(port)) {
                    if (o.port(i.name) != null) {
                        members.add(o.port(i.name));
                    }
                }
                if (members.size() > 1) { // port_configure(): a bond of the interfaces that opened
                    live.add(port);
                    o.setBond(port, members, bondSettings(rows.ports.get(port)), now);
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

    /** The rows.bridges this reconfiguration adds (add_del_bridges()), whose local interfaces bridge_add_ports() opens. */
    private final java.util.Set<String> newBridges = new java.util.HashSet<>();

    // bridge_configure_mirrors(): the bridge's rows.mirrors that went destroyed, then each of its Mirror rows configured
    // (mirror_configure()) in turn: one without an output port on the bridge or an output VLAN is destroyed;
    // select_all selects every port of the bridge, else the rows.ports named that are on it
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
            Row r = rows.ports.get(rows.portOf(p.name));
            if (r != null && b.bridgeName().equals(rows.portBridge.get(r.name))) {
                byUuid.computeIfAbsent(r.uuid(), k -> new ArrayList<>()).add(p);
            }
        }
        byUuid.values().forEach(l -> l.sort(java.util.Comparator.comparingInt(p -> {
            io.arplab.flow.Bond bond = b.ofproto().bondOf(p);
            return bond == null ? 0 : new ArrayList<>(bond.members.keySet()).indexOf(p);
        })));
        for (String uuid : wanted) {
            Row m = OvsdbRows.rowWithUuid(rows.mirrors, uuid);
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
        rows.flowTables.values().forEach(r -> byUuid.put(r.uuid(), r));
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
            b.ofproto().tables.configureTable(t, name, max, evict, fields, cfg == null ? null : prefixes(cfg));
        }
    }

    // bridge_configure_tables()' prefix lookup fields: the column's set in its order, "none" none; unknown fields and
    // those not a multiple of 32 bits skipped, at most CLS_MAX_TRIES; null (the default ones) when none is usable.
    // arplab's tries hold the 32-bit IPv4 addresses alone: another usable field keeps its place as null (no trie)
    private static List<io.arplab.flow.Slot> prefixes(Row cfg) {
        List<io.arplab.flow.Slot> out = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(cfg.get("prefixes").keys())) {
            if (name.equals("none")) {
                return List.of();
            }
            io.arplab.flow.Field f = io.arplab.flow.Field.byName(name);
            if (f == null || f.nBits % 32 != 0 || out.size() >= 3) {
                continue; // "'prefixes' with unknown field", "incompatible field", "too many fields" (logged)
            }
            boolean ipv4 = f == io.arplab.flow.Field.IPV4_SRC || f == io.arplab.flow.Field.IPV4_DST;
            out.add(ipv4 ? f.slot : null);
        }
        return out.isEmpty() ? null : out;
    }

    // bridge_add_ports__(): the bridge's interfaces that do (or do not) request a number, not on it yet
    private void addPorts(OvsBridge b, boolean requested, Map<String, Long> recreated, List<String> errors) {
        List<String> wanted = new ArrayList<>();
        rows.portBridge.forEach((port, bridge) -> {
            if (bridge.equals(b.bridgeName())) {
                wanted.add(port);
            }
        });
        // SHASH_FOR_EACH over bridge_collect_wanted_ports()' shash: the names in hash_string() bucket order
        List<String> wantedIfaces = new ArrayList<>(); // each Port's interfaces in turn (bridge_add_ports__())
        for (String port : io.arplab.flow.Hmap.of(wanted, io.arplab.flow.Hmap.shash())) {
            List<Row> of = rows.ifacesOf(port);
            if (of.isEmpty() && rows.ifaces.containsKey(port)) {
                of = List.of(rows.ifaces.get(port));
            }
            of.forEach(i -> wantedIfaces.add(i.name));
        }
        for (String name : wantedIfaces) {
            Row i = rows.ifaces.get(name);
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
                    || rows.changed(i))) {
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
                    if (rows.expected.contains(i.name)) { // post_db_reload_do_checks(): the new interfaces alone
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

    // iface_configure_qos(): a QoS row with a type gives the port its rows.queues that have a DSCP (queue id, dscp)
    private Map<Long, Integer> queueDscps(Row port) {
        Map<Long, Integer> m = new HashMap<>();
        List<String> ref = port == null ? List.of() : port.get("qos").keys();
        Row q = ref.isEmpty() ? null : OvsdbRows.rowWithUuid(rows.qos, ref.get(0));
        if (q == null || q.string("type") == null || q.string("type").isEmpty()) {
            return m;
        }
        Datum queueRefs = q.get("queues");
        for (int k = 0; k < queueRefs.keys().size(); k++) {
            String uuid = queueRefs.values().get(k);
            Row queue = OvsdbRows.rowWithUuid(rows.queues, uuid);
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
