package io.arplab.tools.ovs;

import io.arplab.runtime.Vswitchd;
import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import io.arplab.tools.ovs.Ovsdb.Datum;
import io.arplab.tools.ovs.Ovsdb.Row;
import io.arplab.tools.ovs.Ovsdb.VsctlException;
import io.arplab.tools.ovs.VsctlCommandLine.Command;
import io.arplab.wire.libc.CLib;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ovs-vsctl of Open vSwitch 3.1 (utilities/ovs-vsctl.c): commands separated by "--", run in order against one
 * transaction's rows ({@link OvsdbRows}), its own (bridges, ports, bonds, controllers, show) here and the database
 * commands in {@link DbCtlBase}, committed to the node's vswitchd only when every command succeeded and the commit's
 * checks pass ({@link OvsdbTxn}); the first error is one line and exit 1, with nothing applied.
 */
public final class OvsVsctl implements Tool {
    private VsctlCommandLine cl;
    private ToolContext ctx;
    private OvsdbRows rows;
    private StringBuilder out;
    private DbCtlBase db;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        OvsTools.commandLine(ctx);
        try {
            cl = new VsctlCommandLine(ctx);
            List<Command> commands = cl.parse(args);
            if (commands == null) { // usage() or the version printed, exit 0
                ctx.exit(0);
                return;
            }
            if (VsctlCommandLine.mightWrite(commands)) { // main()'s "Called as" at INFO, which syslog takes
                cl.logSeq++;
            }
            if (!connect()) {
                return;
            }
            Vswitchd vs = ctx.runtime().vswitchd();
            if (vs == null) {
                throw new VsctlException("unix:/var/run/openvswitch/db.sock: database connection failed (No such "
                        + "file or directory)");
            }
            OvsdbRows.Stored stored = ctx.runtime().namespaceState(OvsdbRows.Stored.class, OvsdbRows.Stored::new);
            rows = new OvsdbRows(vs, stored, ctx.now());
            out = new StringBuilder();
            db = new DbCtlBase(ctx, cl, rows, out);
            int status = 0;
            for (Command c : commands) {
                db.pre(c); // do_vsctl(): every command's prerequisites before any command runs
            }
            for (Command c : commands) {
                db.lastCommand = c == commands.get(commands.size() - 1);
                int from = out.length();
                status = Math.max(status, run(c));
                if (cl.oneline) { // do_vsctl(): each command's output on one line, its newlines and backslashes escaped
                    String o = out.substring(from);
                    o = o.endsWith("\n") ? o.substring(0, o.length() - 1) : o;
                    out.setLength(from);
                    out.append(o.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
                }
            }
            db.commitChecks();
            List<String> errors = cl.dryRun ? List.of() : rows.commit();
            // post_db_reload_do_checks()' errors go out at once; the commands' output, on a stdout fully buffered
            // when it is no terminal, reaches it at exit, after them
            for (String e : errors) {
                ctx.err().println("ovs-vsctl: " + e);
            }
            if (!errors.isEmpty()) {
                ctx.err().println("ovs-vsctl: The default log directory is \"/var/log/openvswitch\".");
            }
            ctx.out().print(out);
            ctx.exit(status);
        } catch (VsctlException e) {
            ctx.err().println("ovs-vsctl: " + e.getMessage());
            ctx.exit(1);
        }
    }

    /** The lab's database socket, in ovs-vswitchd's run directory. */
    private static final String RUNDIR = "/var/run/openvswitch";

    // main()'s IDL on --db (ovsdb_idl_set_remote(), jsonrpc_session_open_multiple()): the lab's database is
    // unix:/var/run/openvswitch/db.sock (stream_unix_open() and punix_open() take a relative name in the run
    // directory); another active remote fails its one try unless --retry (stream_open(): a name without a known
    // class EAFNOSUPPORT, a unix socket not there ENOENT, TCP refused), a passive one waits for a client; a wait ends
    // with --timeout's SIGALRM (fatal_signal's warning, exit 128 + 14). Returns whether the lab's database answers.
    private boolean connect() {
        if (cl.db == null) {
            return true;
        }
        String error = null;
        boolean passive = false;
        for (String remote : cl.db.split(",")) {
            int colon = remote.indexOf(':');
            String kind = colon < 0 ? "" : remote.substring(0, colon), rest = remote.substring(colon + 1);
            switch (kind) {
                case "unix" -> {
                    if ((rest.startsWith("/") ? rest : RUNDIR + "/" + rest).equals(RUNDIR + "/db.sock")) {
                        return true;
                    }
                    error = error != null ? error : "No such file or directory";
                }
                case "tcp", "ssl" -> {
                    if (rest.split(":", -1).length < 2) { // stream_open_with_default_port()
                        ctx.err().println(cl.log(ctx, "stream|WARN|The default OVSDB port number has changed from "
                                + "6632 to 6640"));
                    }
                    error = error != null ? error : "Connection refused";
                }
                case "punix", "ptcp", "pssl" -> passive = true;
                default -> error = error != null ? error : "Address family not supported by protocol";
            }
        }
        if (passive || cl.retry) {
            if (cl.timeout == 0) {
                throw new VsctlException(cl.db + ": arplab does not model waiting forever for a database connection"
                        + " (give --timeout)");
            }
            ctx.err().println(cl.log(ctx, "fatal_signal|WARN|terminating with signal 14 (Alarm clock)"));
            ctx.exit(142);
            return false;
        }
        throw new VsctlException(cl.db + ": database connection failed (" + error + ")");
    }


    private int run(Command c) {
        switch (c.syntax().name()) {
            case "init", "comment" -> { }
            case "show" -> show();
            // the bridges vsctl_context_populate_cache() reaches from the Open_vSwitch row
            case "list-br" -> rows.bridges.keySet().stream().filter(b -> !rows.detached.contains(b)).sorted()
                    .forEach(db::line);
            case "br-to-vlan", "br-to-parent" -> {
                // cmd_br_to_vlan(), cmd_br_to_parent(): a real bridge is its own parent, on VLAN 0
                bridge(c.arg(0));
                db.line(c.syntax().name().equals("br-to-vlan") ? "0" : c.arg(0));
            }
            case "br-exists" -> {
                return rows.bridges.containsKey(c.arg(0)) && !rows.detached.contains(c.arg(0)) ? 0 : 2;
            }
            case "list-ports" -> {
                bridge(c.arg(0));
                rows.portBridge.entrySet().stream().filter(e -> e.getValue().equals(c.arg(0))
                        && !e.getKey().equals(c.arg(0))).map(Map.Entry::getKey).sorted().forEach(db::line);
            }
            case "list-ifaces" -> { // cmd_list_ifaces(): each port's interfaces but the bridge's own, sorted
                bridge(c.arg(0));
                rows.ifaces.keySet().stream().filter(i -> c.arg(0).equals(rows.portBridge.get(rows.portOf(i)))
                        && !i.equals(c.arg(0))).sorted().forEach(db::line);
            }
            case "port-to-br", "iface-to-br" -> {
                String b = c.syntax().name().startsWith("port") ? rows.portBridge.get(c.arg(0))
                        : rows.ifaces.containsKey(c.arg(0)) ? rows.portBridge.get(rows.portOf(c.arg(0))) : null;
                if (b == null || b.equals(c.arg(0))) {
                    throw new VsctlException("no " + (c.syntax().name().startsWith("port") ? "port" : "interface")
                            + " named " + c.arg(0));
                }
                db.line(b);
            }
            case "add-br" -> addBr(c);
            case "del-br" -> {
                if (!rows.bridges.containsKey(c.arg(0))) {
                    if (!c.has("--if-exists")) {
                        throw new VsctlException("no bridge named " + c.arg(0));
                    }
                    return 0;
                }
                rows.removeBridge(c.arg(0));
                rows.syncBridges();
            }
            case "add-port" -> addPort(c);
            case "add-bond" -> addBond(c);
            case "add-bond-iface" -> addBondIface(c);
            case "del-bond-iface" -> delBondIface(c);
            case "del-port" -> delPort(c);
            case "get-fail-mode" -> {
                String m = bridge(c.arg(0)).string("fail_mode");
                if (m != null) {
                    db.line(m);
                }
            }
            case "set-fail-mode" -> { // cmd_set_fail_mode(): find_real_bridge() before the mode's check
                Row br = bridge(c.arg(0));
                if (!c.arg(1).equals("standalone") && !c.arg(1).equals("secure")) {
                    throw new VsctlException("fail-mode must be \"standalone\" or \"secure\"");
                }
                br.cols.put("fail_mode", Datum.of(c.arg(1)));
            }
            case "del-fail-mode" -> bridge(c.arg(0)).cols.put("fail_mode", Datum.EMPTY);
            case "set-controller" -> { // cmd_set_controller(): the bridge's controllers replaced
                bridge(c.arg(0));
                rows.controllers.put(c.arg(0), remotes(c.args().subList(1, c.args().size())));
            }
            case "set-manager" -> rows.managers = remotes(c.args()); // cmd_set_manager()
            case "del-manager" -> rows.managers = List.of();
            case "get-manager" -> rows.managers.stream().sorted().distinct().forEach(db::line); // svec_sort_unique()
            case "set-ssl" -> { // cmd_set_ssl(): a new SSL row
                rows.ssl = new Row("SSL", "");
                rows.ssl.cols.put("private_key", Datum.of(c.arg(0)));
                rows.ssl.cols.put("certificate", Datum.of(c.arg(1)));
                rows.ssl.cols.put("ca_cert", Datum.of(c.arg(2)));
                rows.ssl.cols.put("bootstrap_ca_cert", Datum.of(Boolean.toString(c.has("--bootstrap"))));
            }
            case "del-ssl" -> rows.ssl = null;
            case "get-ssl" -> {
                if (rows.ssl != null) {
                    db.line("Private key: " + rows.ssl.string("private_key"));
                    db.line("Certificate: " + rows.ssl.string("certificate"));
                    db.line("CA Certificate: " + rows.ssl.string("ca_cert"));
                    db.line("Bootstrap: " + rows.ssl.string("bootstrap_ca_cert"));
                }
            }
            case "emer-reset" -> emerReset();
            case "add-zone-tp" -> addZoneTp(c);
            case "del-zone-tp" -> { // cmd_del_zone_tp()
                Row dp = datapath(c.arg(0), "datapath " + c.arg(0) + " does not exist");
                long zone = zoneId(c.arg(1));
                Map<String, String> zones = dp.map("ct_zones");
                if (!zones.containsKey(Long.toString(zone)) && !c.has("--if-exists")) {
                    throw new VsctlException("zone id " + Long.toUnsignedString(zone) + " does not exist");
                }
                zones.remove(Long.toString(zone));
                dp.cols.put("ct_zones", zoneDatum(zones));
            }
            case "list-zone-tp" -> { // cmd_list_zone_tp(): the zones in their key order, each policy's timeouts
                Row dp = datapath(c.arg(0), "datapath: " + c.arg(0) + " record not found");
                Ovsdb.Datum zones = dp.get("ct_zones");
                for (int i = 0; i < zones.keys().size(); i++) {
                    Row z = OvsdbRows.rowWithUuid(rows.ctZones, zones.values().get(i));
                    Row tp = z == null || z.get("timeout_policy").keys().isEmpty() ? null
                            : OvsdbRows.rowWithUuid(rows.ctPolicies, z.get("timeout_policy").keys().get(0));
                    StringBuilder line = new StringBuilder("Zone:" + zones.keys().get(i) + ", Timeout Policies: ");
                    if (tp == null) {
                        line.append("system default");
                    }
                    tp = tp == null ? new Row("CT_Timeout_Policy", "") : tp;
                    tp.map("timeouts").forEach((k, v) -> line.append(k).append('=').append(v).append(' '));
                    db.line(line.toString().stripTrailing()); // ds_chomp() of one space
                }
            }
            case "list-dp-cap" -> { // cmd_list_dp_cap(): the capabilities the vswitchd wrote (none for a datapath
                // type no bridge uses)
                Row dp = datapath(c.arg(0), "datapath \"" + c.arg(0) + "\" record not found");
                StringBuilder line = new StringBuilder(); // SMAP_FOR_EACH over the IDL's smap of the column
                Map<String, String> cap = dp.map("capabilities");
                io.arplab.flow.Hmap.of(cap.keySet(), io.arplab.flow.Hmap.shash())
                        .forEach(k -> line.append(k).append('=').append(cap.get(k)).append(' '));
                db.line(line.toString().stripTrailing());
            }
            case "del-controller" -> {
                bridge(c.arg(0));
                rows.controllers.put(c.arg(0), List.of());
            }
            case "get-controller" -> { // cmd_get_controller(): the targets sorted
                bridge(c.arg(0));
                rows.controllers.getOrDefault(c.arg(0), List.of()).stream().sorted().forEach(db::line);
            }
            case "br-set-external-id" -> {
                Map<String, String> m = bridge(c.arg(0)).map("external_ids");
                if (c.args().size() == 3) {
                    m.put(c.arg(1), c.arg(2));
                } else {
                    m.remove(c.arg(1));
                }
                bridge(c.arg(0)).cols.put("external_ids", Datum.of(m));
            }
            case "br-get-external-id" -> {
                Map<String, String> m = bridge(c.arg(0)).map("external_ids");
                if (c.args().size() == 2) {
                    if (m.containsKey(c.arg(1))) {
                        db.line(m.get(c.arg(1)));
                    }
                } else {
                    m.forEach((k, v) -> db.line(k + "=" + v));
                }
            }
            default -> {
                if (!db.run(c)) {
                    throw new VsctlException("'" + c.syntax().name() + "' is not modelled by arplab");
                }
            }
        }
        return 0;
    }

    // find_datapath(): the Datapath row the Open_vSwitch row's datapaths names by its type, else the error
    private Row datapath(String type, String error) {
        Ovsdb.Datum dps = rows.ovs.get(".").get("datapaths");
        int i = dps.keys().indexOf(type);
        Row dp = i < 0 ? null : OvsdbRows.rowWithUuid(rows.datapaths, dps.values().get(i));
        if (dp == null) {
            throw new VsctlException(error);
        }
        return dp;
    }

    // ovs_scan(ARG, "zone=%"SCNi64): strtoll() in base 0; an argument it does not read leaves the zone id
    // uninitialised in OVS (arplab: 0)
    private static long zoneId(String arg) {
        io.arplab.wire.libc.CStrtol n = arg.startsWith("zone=") ? io.arplab.wire.libc.CStrtol.scan(arg.substring(5), 0)
                : null;
        return n != null && n.converted() ? n.asLong() : 0;
    }

    // a Datapath's ct_zones as the IDL keeps an integer-keyed map: by key
    private static Ovsdb.Datum zoneDatum(Map<String, String> zones) {
        List<String> keys = new ArrayList<>(zones.keySet());
        keys.sort(java.util.Comparator.comparingLong(Long::parseLong));
        return new Ovsdb.Datum(keys, keys.stream().map(zones::get).toList());
    }

    // cmd_add_zone_tp(): the zone's timeout policy, a CT_Timeout_Policy row with the same timeouts if one exists
    // (create_timeout_policy(): each argument's first key=value, atoi() of the value), else a new one; a new CT_Zone
    // row for a zone the datapath lacks. The server checks the keys and the zone id (schema constraints).
    private void addZoneTp(Command c) {
        Row dp = datapath(c.arg(0), "datapath " + c.arg(0) + " does not exist");
        long zone = zoneId(c.arg(1));
        Map<String, String> zones = dp.map("ct_zones");
        String zoneUuid = zones.get(Long.toString(zone));
        if (zoneUuid != null && !c.has("--may-exist")) {
            throw new VsctlException("zone id " + Long.toUnsignedString(zone) + " already exists");
        }
        Map<String, String> timeouts = new java.util.TreeMap<>();
        for (String arg : c.args().subList(2, c.args().size())) {
            int end = 0;
            while (end < arg.length() && ":=(, \t\r\n".indexOf(arg.charAt(end)) < 0) {
                end++;
            }
            String value = end < arg.length() ? arg.substring(end + 1).split("[, \t\r\n)]", 2)[0] : "";
            io.arplab.wire.libc.CStrtol n = io.arplab.wire.libc.CStrtol.scan(value, 10);
            timeouts.put(arg.substring(0, end), Long.toString((int) n.asLong())); // atoi()
        }
        Row tp = rows.ctPolicies.values().stream().filter(r -> r.map("timeouts").equals(timeouts)).findFirst()
                .orElse(null);
        if (tp == null) {
            tp = rows.newRow("CT_Timeout_Policy", null);
            Ovsdb.Column col = Ovsdb.column("CT_Timeout_Policy", "timeouts");
            timeouts.keySet().forEach(k -> db.written(col, Ovsdb.Atom.S, k));
            tp.cols.put("timeouts", Ovsdb.Datum.of(timeouts));
        }
        Row z = zoneUuid == null ? rows.newRow("CT_Zone", null) : OvsdbRows.rowWithUuid(rows.ctZones, zoneUuid);
        z.cols.put("timeout_policy", Ovsdb.Datum.of(tp.uuid()));
        if (zoneUuid == null) {
            db.written(Ovsdb.column("Datapath", "ct_zones"), Ovsdb.Atom.I, Long.toString(zone));
            zones.put(Long.toString(zone), z.uuid());
            dp.cols.put("ct_zones", zoneDatum(zones));
        }
    }

    // insert_managers(), insert_controllers(): a target no stream (or vconn) class, active or passive, takes is
    // kept with a warning (stream_verify_name(), pstream_verify_name(): the name's prefix before ':')
    private List<String> remotes(List<String> targets) {
        for (String t : targets) {
            int colon = t.indexOf(':');
            if (colon < 0 || !List.of("tcp", "ssl", "unix", "ptcp", "pssl", "punix").contains(t.substring(0, colon))) {
                db.warn("vsctl", "target type \"" + t + "\" is possibly erroneous");
            }
        }
        return List.copyOf(targets);
    }

    // cmd_emer_reset(): no managers, SSL, controllers, fail mode, mirrors or flood VLANs; a bridge's other_config
    // keeps its hwaddr alone, a port's goes, an interface's ingress policing is 0
    private void emerReset() {
        rows.managers = List.of();
        rows.ssl = null;
        for (Row br : rows.bridges.values()) {
            rows.controllers.put(br.name, List.of());
            br.cols.put("fail_mode", Datum.EMPTY);
            br.cols.put("mirrors", Datum.EMPTY);
            br.cols.put("flood_vlans", Datum.EMPTY);
            String hwaddr = br.map("other_config").get("hwaddr");
            br.cols.put("other_config", hwaddr == null ? Datum.EMPTY : Datum.of(Map.of("hwaddr", hwaddr)));
        }
        rows.ports.values().forEach(p -> p.cols.put("other_config", Datum.EMPTY));
        for (Row i : rows.ifaces.values()) {
            i.cols.put("ingress_policing_rate", Datum.of("0"));
            i.cols.put("ingress_policing_burst", Datum.of("0"));
        }
        rows.mirrors.clear();
    }

    private Row bridge(String name) {
        Row b = rows.detached.contains(name) ? null : rows.bridges.get(name);
        if (b == null) {
            throw new VsctlException("no bridge named " + name);
        }
        return b;
    }

    // cmd_add_br() with check_conflicts()
    private void addBr(Command c) {
        String name = c.arg(0);
        if (name.isEmpty()) {
            throw new VsctlException("bridge name must not be empty string");
        }
        if (c.args().size() == 2) {
            throw new VsctlException("'add-br' command takes exactly 1 or 3 arguments");
        }
        int vlan = c.args().size() == 3 ? CLib.atoi(c.arg(2)) : 0;
        if (vlan < 0 || vlan > 4095) {
            throw new VsctlException("add-br: vlan must be between 0 and 4095");
        }
        if (c.has("--may-exist") && rows.bridges.containsKey(name)) {
            if (c.args().size() == 3) { // a real bridge (arplab has no fake ones) is no VLAN bridge
                throw new VsctlException("\"--may-exist add-br " + name + " " + c.arg(1) + " " + vlan + "\" but "
                        + name + " is not a VLAN bridge");
            }
            return;
        }
        if (c.args().size() == 3) {
            throw new VsctlException("'add-br' of a fake bridge is not modelled by arplab");
        }
        conflicts(name, "cannot create a bridge named " + name);
        Row b = new Row("Bridge", name);
        rows.bridges.put(name, b);
        rows.syncBridges();
        Row i = new Row("Interface", name);
        i.cols.put("type", Datum.of("internal"));
        rows.addRows(name, name, i);
    }

    private void conflicts(String name, String what) {
        if (rows.bridges.containsKey(name)) {
            throw new VsctlException(what + " because a bridge named " + name + " already exists");
        }
        String b = rows.portBridge.get(name);
        if (b != null) {
            throw new VsctlException(what + " because a port named " + name + " already exists on bridge " + b);
        }
        if (rows.ifaces.containsKey(name)) {
            throw new VsctlException(what + " because an interface named " + name + " already exists on bridge "
                    + rows.portBridge.get(rows.portOf(name)));
        }
    }

    // cmd_add_bond(): the interfaces up to the first argument with '=', at least two; add_port() with them all
    private void addBond(Command c) {
        List<String> words = c.args().subList(2, c.args().size());
        int n = words.size();
        for (int k = 0; k < words.size(); k++) {
            if (words.get(k).contains("=")) {
                n = k;
                break;
            }
        }
        if (n < 2) {
            throw new VsctlException("add-bond requires at least 2 interfaces, but only " + n + " were specified");
        }
        addPort(c, words.subList(0, n), words.subList(n, words.size()), c.has("--fake-iface"));
    }

    // cmd_add_bond_iface(): a new interface of an existing port
    private void addBondIface(Command c) {
        String port = c.arg(0), name = c.arg(1);
        String on = rows.portBridge.get(port);
        if (on == null || on.equals(port)) {
            throw new VsctlException("no port named " + port);
        }
        if (c.has("--may-exist") && rows.ifaces.containsKey(name)) {
            if (rows.portOf(name).equals(port)) {
                return;
            }
            throw new VsctlException("\"" + commandString(c) + "\" but " + name + " is actually attached to port "
                    + rows.portOf(name));
        }
        conflicts(name, "cannot create an interface named " + name);
        rows.addIface(port, new Row("Interface", name));
        rows.expected.add(name);
    }

    // cmd_del_bond_iface(): an interface out of its port, never the last one
    private void delBondIface(Command c) {
        String name = c.arg(c.args().size() - 1);
        if (!iface(name)) {
            if (c.has("--if-exists")) {
                return;
            }
            throw new VsctlException("no interface named " + name);
        }
        if (c.args().size() > 1) {
            String port = c.arg(0), on = rows.portBridge.get(port);
            if (on == null || on.equals(port)) {
                throw new VsctlException("no port named " + port);
            }
            if (!rows.portOf(name).equals(port)) {
                throw new VsctlException("port " + port + " does not have an interface " + name);
            }
        }
        if (rows.ifacesOf(rows.portOf(name)).size() < 2) {
            throw new VsctlException("cannot delete last interface from port " + rows.portOf(name));
        }
        rows.removeIface(name);
    }

    // find_iface(): an interface by name, but a bridge's local one
    private boolean iface(String name) {
        return rows.ifaces.containsKey(name) && !rows.portBridge.get(rows.portOf(name)).equals(name);
    }

    // cmd_add_port(): add_port() with one interface of the port's name
    private void addPort(Command c) {
        addPort(c, List.of(c.arg(1)), c.args().subList(2, c.args().size()), false);
    }

    // add_port(): the port, its interfaces and Port columns from the settings; with --may-exist a port of that name
    // on that bridge with those interfaces is no error; the names' conflicts are checked before the bridge is looked up
    private void addPort(Command c, List<String> names, List<String> settings, boolean fakeIface) {
        String br = c.arg(0), name = c.arg(1);
        if (name.isEmpty()) {
            throw new VsctlException("port name must not be empty string");
        }
        if (names.contains("")) {
            throw new VsctlException("interface name must not be empty string");
        }
        if (c.has("--may-exist") && rows.portBridge.containsKey(name) && !rows.portBridge.get(name).equals(name)) {
            String on = rows.portBridge.get(name);
            if (!on.equals(br)) {
                throw new VsctlException("\"" + commandString(c) + "\" but " + name
                        + " is actually attached to bridge " + on);
            }
            List<String> have = rows.ifacesOf(name).stream().map(r -> r.name).sorted().toList();
            if (!have.equals(names.stream().sorted().toList())) {
                throw new VsctlException("\"" + commandString(c) + "\" but " + name + " actually has interface(s) "
                        + String.join(", ", have));
            }
            return;
        }
        conflicts(name, "cannot create a port named " + name);
        for (String i : names) {
            conflicts(i, "cannot create an interface named " + i);
        }
        bridge(br);
        rows.addPortRow(br, name);
        for (String i : names) {
            if (rows.ifaces.containsKey(i)) { // named twice: two Interface rows of one name
                rows.twice.add(i);
            }
            rows.addIface(name, new Row("Interface", i));
            rows.expected.add(i);
        }
        rows.ports.get(name).cols.put("bond_fake_iface", Ovsdb.Datum.of(Boolean.toString(fakeIface)));
        for (String setting : settings) {
            db.setColumn(rows.ports.get(name), setting);
        }
    }

    // vsctl_context_to_string(): the command's options and words, quoted as process_escape_args() does
    private static String commandString(Command c) {
        List<String> words = new ArrayList<>(c.options().keySet());
        words.add(c.syntax().name());
        words.addAll(c.args());
        StringBuilder s = new StringBuilder();
        for (String w : words) {
            s.append(s.isEmpty() ? "" : " ");
            if (w.chars().anyMatch(ch -> " \t\r\n\u000b\\'\"".indexOf(ch) >= 0)) {
                s.append('"').append(w.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                s.append(w);
            }
        }
        return s.toString();
    }

    // cmd_del_port(): a bridge's own name first, then the port (find_port() leaves local ports out), and only a
    // port found has its bridge argument looked up
    private void delPort(Command c) {
        String name = c.arg(c.args().size() - 1);
        boolean mustExist = !c.has("--if-exists");
        if (rows.bridges.containsKey(name)) {
            if (mustExist) {
                throw new VsctlException("cannot delete port " + name + " because it is the local port for bridge "
                        + name + " (deleting this port requires deleting the entire bridge)");
            }
            return;
        }
        if (c.has("--with-iface") && !rows.portBridge.containsKey(name) && iface(name)) {
            name = rows.portOf(name); // cmd_del_port(): the port of the interface so named
        }
        String on = rows.portBridge.get(name);
        if (on == null || on.equals(name)) {
            if (mustExist) {
                throw new VsctlException(c.has("--with-iface") ? "no port or interface named " + name
                        : "no port named " + name);
            }
            return;
        }
        if (c.args().size() == 2) {
            bridge(c.arg(0));
            if (!on.equals(c.arg(0))) {
                throw new VsctlException("bridge " + c.arg(0) + " does not have a port " + c.arg(1));
            }
        }
        rows.removeRows(name);
    }

    // cmd_show(): the bridges, each with its ports and their interfaces' non-default columns
    private void show() {
        StringBuilder names = new StringBuilder();
        rows.bridges.keySet().forEach(b -> names.append(b).append(','));
        db.line(java.util.UUID.nameUUIDFromBytes(names.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
        // cmd_show_tables: the Open_vSwitch row's manager_options, the Bridge's controller, each remote by its
        // target (is_connected false, the default, not shown)
        rows.managers.forEach(m -> db.line("    Manager " + Ovsdb.atom(Ovsdb.Atom.S, m)));
        for (Row b : rows.bridges.values()) {
            db.line("    Bridge " + b.name);
            rows.controllers.getOrDefault(b.name, List.of())
                    .forEach(t -> db.line("        Controller " + Ovsdb.atom(Ovsdb.Atom.S, t)));
            for (String col : List.of("fail_mode", "datapath_type")) {
                String v = Ovsdb.format(Ovsdb.column("Bridge", col), b.get(col));
                if (!v.equals("[]") && !v.equals("\"\"")) {
                    db.line("        " + col + ": " + v);
                }
            }
            rows.portBridge.forEach((p, on) -> {
                if (!on.equals(b.name)) {
                    return;
                }
                db.line("        Port " + Ovsdb.atom(Ovsdb.Atom.S, p));
                for (String col : List.of("tag", "trunks")) { // cmd_show_tables' Port columns
                    String v = Ovsdb.format(Ovsdb.column("Port", col), rows.ports.get(p).get(col));
                    if (!v.equals("[]")) {
                        db.line("            " + col + ": " + v);
                    }
                }
                for (Row i : rows.ifacesOf(p)) {
                    db.line("            Interface " + Ovsdb.atom(Ovsdb.Atom.S, i.name));
                    for (String col : List.of("type", "options", "error")) {
                        String v = Ovsdb.format(Ovsdb.column("Interface", col), i.get(col));
                        if (!v.equals("[]") && !v.equals("{}") && !v.equals("\"\"")) {
                            db.line("                " + col + ": " + v);
                        }
                    }
                }
            });
        }
    }
}

