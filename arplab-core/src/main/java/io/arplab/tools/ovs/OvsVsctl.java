package io.arplab.tools.ovs;

import io.arplab.runtime.Vswitchd;
import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import io.arplab.tools.ovs.Ovsdb.Column;
import io.arplab.tools.ovs.Ovsdb.Datum;
import io.arplab.tools.ovs.Ovsdb.Row;
import io.arplab.tools.ovs.Ovsdb.VsctlException;
import io.arplab.tools.ovs.VsctlCommandLine.Command;
import io.arplab.wire.libc.CLib;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ovs-vsctl of Open vSwitch 3.1 (utilities/ovs-vsctl.c over lib/db-ctl-base.c): commands separated by "--", run
 * in order against one transaction's rows ({@link OvsdbRows}), committed to the node's vswitchd only when every
 * command succeeded; the first error is one line and exit 1, with nothing applied.
 */
public final class OvsVsctl implements Tool {
    private VsctlCommandLine cl;
    private ToolContext ctx;
    private OvsdbRows rows;
    private StringBuilder out;

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
            int status = 0;
            for (Command c : commands) {
                pre(c); // do_vsctl(): every command's prerequisites before any command runs
            }
            for (Command c : commands) {
                lastCommand = c == commands.get(commands.size() - 1);
                int from = out.length();
                status = Math.max(status, run(c));
                if (cl.oneline) { // do_vsctl(): each command's output on one line, its newlines and backslashes escaped
                    String o = out.substring(from);
                    o = o.endsWith("\n") ? o.substring(0, o.length() - 1) : o;
                    out.setLength(from);
                    out.append(o.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
                }
            }
            checkSymbols();
            checkReferences();
            commitChecks();
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

    // ------------------------------------------------------------------ commands

    // pre_cmd_get(), pre_cmd_set(), pre_cmd_clear(), pre_cmd_list(), pre_cmd_find(): the table, and the columns
    // named (pre_parse_column_key_value() reads each one's first token)
    private void pre(Command c) {
        String name = c.syntax().name();
        if (name.equals("add") || name.equals("remove")) { // pre_cmd_add(), pre_cmd_remove()
            column(table(c.arg(0)), c.arg(2));
            return;
        }
        String created = name.equals("create") ? table(c.arg(0)) : "";
        if (!created.isEmpty() && !ROOT_TABLES.contains(created) && !c.has("--id")) { // pre_create()
            warn("db_ctl_base", "applying \"create\" command to table " + created + " without --id option will have "
                    + "no effect");
            return;
        }
        if (!List.of("get", "set", "clear", "list", "find", "wait-until").contains(name)) {
            return;
        }
        String table = table(c.arg(0));
        int from = name.equals("find") ? 1 : 2; // pre_cmd_wait_until() as pre_cmd_set()
        for (String spec : c.args().subList(Math.min(from, c.args().size()), c.args().size())) {
            if (name.equals("clear")) {
                column(table, spec);
            } else if (!name.equals("list") && !(name.equals("get") && uuid(spec))) {
                columnOf(table, spec, new int[1]);
            }
        }
    }

    private int run(Command c) {
        switch (c.syntax().name()) {
            case "init", "comment" -> { }
            case "show" -> show();
            // the bridges vsctl_context_populate_cache() reaches from the Open_vSwitch row
            case "list-br" -> rows.bridges.keySet().stream().filter(b -> !rows.detached.contains(b)).sorted()
                    .forEach(this::line);
            case "br-to-vlan", "br-to-parent" -> {
                // cmd_br_to_vlan(), cmd_br_to_parent(): a real bridge is its own parent, on VLAN 0
                bridge(c.arg(0));
                line(c.syntax().name().equals("br-to-vlan") ? "0" : c.arg(0));
            }
            case "br-exists" -> {
                return rows.bridges.containsKey(c.arg(0)) && !rows.detached.contains(c.arg(0)) ? 0 : 2;
            }
            case "list-ports" -> {
                bridge(c.arg(0));
                rows.portBridge.entrySet().stream().filter(e -> e.getValue().equals(c.arg(0))
                        && !e.getKey().equals(c.arg(0))).map(Map.Entry::getKey).sorted().forEach(this::line);
            }
            case "list-ifaces" -> { // cmd_list_ifaces(): each port's interfaces but the bridge's own, sorted
                bridge(c.arg(0));
                rows.ifaces.keySet().stream().filter(i -> c.arg(0).equals(rows.portBridge.get(rows.portOf(i)))
                        && !i.equals(c.arg(0))).sorted().forEach(this::line);
            }
            case "port-to-br", "iface-to-br" -> {
                String b = c.syntax().name().startsWith("port") ? rows.portBridge.get(c.arg(0))
                        : rows.ifaces.containsKey(c.arg(0)) ? rows.portBridge.get(rows.portOf(c.arg(0))) : null;
                if (b == null || b.equals(c.arg(0))) {
                    throw new VsctlException("no " + (c.syntax().name().startsWith("port") ? "port" : "interface")
                            + " named " + c.arg(0));
                }
                line(b);
            }
            case "add-br" -> addBr(c);
            case "del-br" -> {
                if (!rows.bridges.containsKey(c.arg(0))) {
                    if (!c.has("--if-exists")) {
                        throw new VsctlException("no bridge named " + c.arg(0));
                    }
                    return 0;
                }
                deleteBridge(c.arg(0));
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
                    line(m);
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
            case "get-manager" -> rows.managers.stream().sorted().distinct().forEach(this::line); // svec_sort_unique()
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
                    line("Private key: " + rows.ssl.string("private_key"));
                    line("Certificate: " + rows.ssl.string("certificate"));
                    line("CA Certificate: " + rows.ssl.string("ca_cert"));
                    line("Bootstrap: " + rows.ssl.string("bootstrap_ca_cert"));
                }
            }
            case "emer-reset" -> emerReset();
            case "wait-until" -> waitUntil(c);
            case "del-controller" -> {
                bridge(c.arg(0));
                rows.controllers.put(c.arg(0), List.of());
            }
            case "get-controller" -> { // cmd_get_controller(): the targets sorted
                bridge(c.arg(0));
                rows.controllers.getOrDefault(c.arg(0), List.of()).stream().sorted().forEach(this::line);
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
                        line(m.get(c.arg(1)));
                    }
                } else {
                    m.forEach((k, v) -> line(k + "=" + v));
                }
            }
            case "get" -> get(c);
            case "set" -> set(c);
            case "clear" -> clear(c);
            case "list" -> list(c);
            case "find" -> find(c);
            case "add", "remove" -> addOrRemove(c);
            case "destroy" -> destroy(c);
            case "create" -> create(c);
            default -> throw new VsctlException("'" + c.syntax().name() + "' is not modelled by arplab");
        }
        return 0;
    }

    // insert_managers(), insert_controllers(): a target no stream (or vconn) class, active or passive, takes is
    // kept with a warning (stream_verify_name(), pstream_verify_name(): the name's prefix before ':')
    private List<String> remotes(List<String> targets) {
        for (String t : targets) {
            int colon = t.indexOf(':');
            if (colon < 0 || !List.of("tcp", "ssl", "unix", "ptcp", "pssl", "punix").contains(t.substring(0, colon))) {
                warn("vsctl", "target type \"" + t + "\" is possibly erroneous");
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

    // cmd_wait_until(): the row and each condition (check_condition()); OVS waits for the database to change until
    // they hold, which in the lab only a command does
    private void waitUntil(Command c) {
        Row r = row(table(c.arg(0)), c.arg(1), false);
        if (r == null || !c.args().subList(2, c.args().size()).stream().allMatch(cond -> matches(r, cond))) {
            throw new VsctlException("wait-until on a row or condition that does not hold yet is not modelled by"
                    + " arplab (nothing changes the lab's database but a command)");
        }
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    /** ovsdb_symbol: a row id ("@name") of this run: its row's uuid, and what made and references it. */
    private static final class Symbol {
        String uuid;
        boolean created, strongRef, weakRef;
    }

    private final Map<String, Symbol> symbols = new LinkedHashMap<>();

    // ovsdb_symbol_table_insert()
    private Symbol symbol(String id) {
        return symbols.computeIfAbsent(id, k -> {
            Symbol y = new Symbol();
            y.uuid = rows.newUuid();
            return y;
        });
    }

    // create_symbol(): the --id option's row id, made once
    private Symbol createSymbol(String id) {
        if (!id.startsWith("@")) {
            throw new VsctlException("row id \"" + id + "\" does not begin with \"@\"");
        }
        Symbol y = symbol(id);
        if (y.created) {
            throw new VsctlException("row id \"" + id + "\" may only be specified on one --id option");
        }
        y.created = true;
        return y;
    }

    // ovsdb_atom_from_string() with a symbol table: a row id in a uuid column is its symbol's uuid, the symbol
    // referenced strongly or weakly as the column refers (vswitch.ovsschema: a Mirror's ports are weak references)
    private Datum resolve(String table, Column def, Datum d) {
        if (def.key() != Ovsdb.Atom.U && def.value() != Ovsdb.Atom.U) {
            return d;
        }
        boolean weak = table.equals("Mirror");
        java.util.function.UnaryOperator<String> atom = a -> {
            if (!a.startsWith("@")) {
                return a;
            }
            Symbol y = symbol(a);
            y.strongRef |= !weak;
            y.weakRef |= weak;
            return y.uuid;
        };
        List<String> keys = def.key() == Ovsdb.Atom.U ? d.keys().stream().map(atom).toList() : d.keys();
        List<String> values = def.value() == Ovsdb.Atom.U ? d.values().stream().map(atom).toList() : d.values();
        return new Datum(keys, values);
    }

    // do_vsctl() before the commit: a row id never made is fatal, one made but not strongly referenced warns
    private void checkSymbols() {
        for (Map.Entry<String, Symbol> e : symbols.entrySet()) {
            if (!e.getValue().created) {
                throw new VsctlException("row id \"" + e.getKey() + "\" is referenced but never created (e.g. with "
                        + "\"-- --id=" + e.getKey() + " create ...\")");
            }
        }
        for (Map.Entry<String, Symbol> e : symbols.entrySet()) {
            Symbol y = e.getValue();
            if (!y.strongRef) {
                warn("vsctl", "row id \"" + e.getKey() + "\" was created but " + (y.weakRef ? "only a weak reference"
                        : "no reference") + " to it was inserted, so it will not actually appear in the database");
            }
        }
    }

    /** ctx->last_command: the command running is the last one. */
    private boolean lastCommand;

    // VLOG_WARN(): a line of the console in its pattern
    private void warn(String module, String text) {
        ctx.err().println(cl.log(ctx, module + "|WARN|" + text));
    }

    /** vswitch.ovsschema's root tables: their rows stay unreferenced. */
    private static final List<String> ROOT_TABLES = List.of("Open_vSwitch", "QoS", "Queue",
            "Flow_Sample_Collector_Set");

    // cmd_create(): --id a row id of the run (create_symbol(); a root table's row counts as referenced) or a uuid the
    // row keeps (ovsdb_idl_txn_insert_persist_uuid()); the columns set as "set" does; the row's uuid printed
    private void create(Command c) {
        String table = table(c.arg(0));
        boolean ofBridges = List.of("Bridge", "Port", "Interface").contains(table);
        if (!ofBridges && !List.of("Mirror", "Flow_Table", "QoS", "Queue").contains(table)) {
            throw new VsctlException("'create' of a row of table " + table + " is not modelled by arplab");
        }
        String id = c.options().get("--id");
        String uuid = null;
        if (id != null && uuidText(id)) {
            uuid = id.toLowerCase(java.util.Locale.ROOT);
            persisted.add(table + ":" + uuid);
        } else if (id != null) {
            Symbol y = createSymbol(id);
            y.strongRef |= ROOT_TABLES.contains(table);
            uuid = y.uuid;
        }
        if (ofBridges) {
            Row r = new Row(table, "");
            r.fixedUuid = uuid != null ? uuid : rows.newUuid();
            insertedRows.add(r);
            for (String setting : c.args().subList(1, c.args().size())) {
                setColumn(r, setting);
            }
            if (table.equals("Bridge") && !rows.bridges.containsKey(r.string("name"))) {
                // a Bridge row is a bridge once the Open_vSwitch row's bridges column names it
                Row b = new Row("Bridge", r.string("name"));
                b.cols.putAll(r.cols);
                b.fixedUuid = r.fixedUuid;
                insertedRows.add(b);
                rows.bridges.put(b.name, b);
                rows.detached.add(b.name);
            } else {
                inserted.add(r); // a Port or Interface row no Bridge row of arplab's can take: collected
            }
            line(r.uuid());
            return;
        }
        Row r = rows.newRow(table, uuid);
        insertedRows.add(r);
        for (String setting : c.args().subList(1, c.args().size())) {
            setColumn(r, setting);
        }
        line(r.uuid());
    }

    /** The rows create inserted in this transaction. */
    private final java.util.Set<Row> insertedRows =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    // check_mutable(), ovsdb_idl_is_mutable(): a read-only column of a row this transaction inserts may be set
    private boolean mutable(Row r, Column def) {
        return def.mutable() || insertedRows.contains(r);
    }

    /** The "TABLE:uuid" of the rows created with a uuid given, checked by the commit. */
    private final java.util.Set<String> persisted = new java.util.HashSet<>();
    /** Bridge rows of a name another bridge has, which the bridges column names. */
    private final List<Row> nameClashes = new ArrayList<>();
    /** Port, Interface and second Bridge rows created in this transaction, which no bridge holds. */
    private final List<Row> inserted = new ArrayList<>();

    // ovsdb-server's commit of the transaction (ovsdb/transaction.c): a row inserted with the uuid of a row of its
    // table is refused (ovsdb_execute_insert()'s "duplicate uuid"); then the garbage collection of non-root rows no
    // strong reference reaches: the Bridge rows the bridges column does not name
    private void commitChecks() {
        for (String p : persisted) {
            String table = p.substring(0, p.indexOf(':')), uuid = p.substring(p.indexOf(':') + 1);
            long n = rows.table(table).values().stream().filter(r -> r.uuid().equals(uuid)).count()
                    + inserted.stream().filter(r -> r.table.equals(table) && r.uuid().equals(uuid)).count();
            if (n > 1) {
                String error = "transaction error: {\"details\":\"This UUID would duplicate a UUID already present "
                        + "within the table or deleted within the same transaction.\",\"error\":\"duplicate uuid\","
                        + "\"syntax\":\"\\\"" + uuid + "\\\"\"}";
                warn("ovsdb_idl", error);
                throw new VsctlException(error);
            }
        }
        for (Row r : nameClashes) { // ovsdb_txn_precommit()'s index check (ovsdb_index_conflict())
            String error = "transaction error: {\"details\":\"Transaction causes multiple rows in \\\"Bridge\\\" table"
                    + " to have identical values (" + r.string("name") + ") for index on column \\\"name\\\".  First"
                    + " row, with UUID " + r.uuid() + ", was inserted by this transaction.  Second row, with UUID "
                    + rows.bridges.get(r.string("name")).uuid() + ", existed in the database before this transaction"
                    + " and was not modified by the transaction.\",\"error\":\"constraint violation\"}";
            warn("ovsdb_idl", error);
            throw new VsctlException(error);
        }
        rows.detached.forEach(rows.bridges::remove);
        rows.detached.clear();
    }

    // the Open_vSwitch row's bridges column written: the Bridge rows it names are the bridges, one it no longer names
    // goes with its ports (the garbage collection), a created one it names is attached
    private void setBridges(Datum d) {
        for (String u : d.keys()) {
            Row ghost = inserted.stream().filter(r -> r.table.equals("Bridge") && r.uuid().equals(u)).findFirst()
                    .orElse(null);
            if (ghost != null) { // a second Bridge row of a name the commit's index check refuses
                nameClashes.add(ghost);
            } else if (rows.bridges.values().stream().noneMatch(b -> b.uuid().equals(u))) {
                throw new VsctlException("arplab does not model a bridges column naming a row that is no bridge of"
                        + " the lab's (" + u + ")");
            }
        }
        for (Row b : List.copyOf(rows.bridges.values())) {
            if (d.keys().contains(b.uuid())) {
                rows.detached.remove(b.name);
            } else if (!rows.detached.contains(b.name)) {
                deleteBridge(b.name);
            }
        }
        rows.syncBridges();
    }

    // cmd_del_br() of a real bridge: its ports' rows and its own
    private void deleteBridge(String name) {
        for (String p : new ArrayList<>(rows.portBridge.keySet())) {
            if (rows.portBridge.get(p).equals(name)) {
                rows.removeRows(p);
            }
        }
        rows.bridges.remove(name);
    }

    // cmd_destroy(): the rows named (or --all) deleted; a row something still references stays (the commit keeps
    // it, as it keeps Bridge, Port and Interface rows), one nothing references goes with the commit's collection
    private void destroy(Command c) {
        String table = table(c.arg(0));
        boolean all = c.has("--all");
        if (all && c.args().size() > 1) {
            throw new VsctlException("--all and records argument should not be specified together");
        }
        if (all && c.has("--if-exists")) {
            throw new VsctlException("--all and --if-exists should not be specified together");
        }
        if (!all && c.args().size() == 1) {
            warn("db_ctl_base", "either --all or records argument should be specified");
            return;
        }
        List<Row> named = new ArrayList<>();
        for (String id : c.args().subList(1, c.args().size())) {
            Row r = row(table, id, !c.has("--if-exists"));
            if (r != null) {
                named.add(r);
            }
        }
        if (ROOTS.contains(table)) { // a root table's rows go, unless the commit finds them referenced
            for (Row r : all ? List.copyOf(rows.table(table).values()) : named) {
                rows.table(table).remove(r.name);
                destroyed.add(r);
            }
        }
    }

    /** The root tables whose rows arplab creates (QoS, Queue): they stay until destroyed. */
    private static final List<String> ROOTS = List.of("QoS", "Queue");
    /** Their rows destroyed in this transaction. */
    private final List<Row> destroyed = new ArrayList<>();

    // ovsdb-server's referential integrity check of the commit (ovsdb/transaction.c check_ref_count()): a destroyed
    // row that a Port's qos or a QoS's queues still name fails the transaction
    private void checkReferences() {
        for (Row d : destroyed) {
            long refs = d.table.equals("QoS")
                    ? rows.ports.values().stream().filter(p -> p.get("qos").keys().contains(d.uuid())).count()
                    : rows.qos.values().stream().mapToLong(q -> q.get("queues").values().stream()
                            .filter(d.uuid()::equals).count()).sum();
            if (refs > 0) {
                String error = "transaction error: {\"details\":\"cannot delete " + d.table + " row " + d.uuid()
                        + " because of " + refs + " remaining reference(s)\",\"error\":\"referential integrity "
                        + "violation\"}";
                warn("ovsdb_idl", error);
                throw new VsctlException(error);
            }
        }
    }

    // cmd_add(), cmd_remove(): values added to a set or map column (ovsdb_datum_union(): a map's keys take the new
    // values), or removed from it (ovsdb_datum_subtract(): a map's keys, or key=value pairs that match)
    private void addOrRemove(Command c) {
        boolean add = c.syntax().name().equals("add");
        String table = table(c.arg(0));
        Row r = row(table, c.arg(1), !c.has("--if-exists"));
        String col = column(table, c.arg(2));
        if (r == null) {
            return;
        }
        Column def = Ovsdb.column(table, col);
        if (!mutable(r, def)) {
            throw new VsctlException("cannot modify read-only column " + col + " in table " + table);
        }
        Column many = def.elements(def.key(), def.value(), 1);
        List<String> keys = new ArrayList<>(r.get(col).keys()), values = new ArrayList<>(r.get(col).values());
        List<String> argKeys = new ArrayList<>(), argValues = new ArrayList<>(); // the arguments' union alone
        for (String arg : c.args().subList(3, c.args().size())) {
            Datum d;
            boolean keysOnly = false;
            try {
                d = resolve(table, def, Ovsdb.parse(many, arg));
            } catch (VsctlException e) {
                if (add || !def.isMap()) {
                    throw e;
                }
                Column set = def.elements(def.key(), null, 1);
                d = resolve(table, set, Ovsdb.parse(set, arg));
                keysOnly = true;
            }
            for (int i = 0; i < d.keys().size(); i++) {
                String k = d.keys().get(i);
                int argAt = add ? argKeys.indexOf(k) : 0;
                if (argAt < 0) {
                    argKeys.add(k);
                    if (def.isMap()) {
                        argValues.add(d.values().get(i));
                    }
                } else if (add && def.isMap()) {
                    argValues.set(argAt, d.values().get(i));
                }
                int at = keys.indexOf(k);
                if (add && at < 0) {
                    keys.add(k);
                    if (def.isMap()) {
                        values.add(d.values().get(i));
                    }
                } else if (add && def.isMap()) { // ovsdb_datum_union(): the value added replaces the key's
                    values.set(at, d.values().get(i));
                } else if (!add && at >= 0 && (!def.isMap() || keysOnly || values.get(at).equals(d.values().get(i)))) {
                    keys.remove(at);
                    if (def.isMap()) {
                        values.remove(at);
                    }
                }
            }
        }
        String what = def.isMap() ? "pairs" : "values";
        if (add && lastCommand && argKeys.size() > def.max()) {
            // ovsdb_mutation_from_json(): the insert's argument, the arguments' union, parsed as the column's type
            // with n_min 0 (ovsdb_datum_from_json()), has more members than the column takes
            String error = "transaction error: {\"details\":\"" + (def.isMap() ? "map" : "set") + " must have 0 to "
                    + def.max() + " members but " + argKeys.size() + " are present\",\"error\":\"syntax error\","
                    + "\"syntax\":" + Ovsdb.quote(Ovsdb.json(def, new Datum(argKeys, argValues))) + "}";
            warn("ovsdb_idl", error);
            throw new VsctlException(error);
        }
        if (add && lastCommand && keys.size() > def.max()) {
            // the last command's add is a partial update (a "mutate"), which the server checks
            String error = "transaction error: {\"details\":\"Attempted to store " + keys.size() + " elements in "
                    + Ovsdb.english(def) + ".\",\"error\":\"constraint violation\"}";
            warn("ovsdb_idl", error);
            throw new VsctlException(error);
        }
        if (add && keys.size() > def.max()) {
            throw new VsctlException("\"add\" operation would put " + keys.size() + " " + what + " in column " + col
                    + " of table " + table + " but the maximum number is " + def.max());
        }
        if (!add && keys.size() < def.min()) {
            throw new VsctlException("\"remove\" operation would put " + keys.size() + " " + what + " in column " + col
                    + " of table " + table + " but the minimum number is " + def.min());
        }
        Datum d = new Datum(keys, values);
        if (table.equals("Open_vSwitch") && col.equals("bridges")) {
            setBridges(d);
            return;
        }
        unmodelled(def, table, r.cols.get(col), d);
        r.cols.put(col, d);
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
            setColumn(rows.ports.get(name), setting);
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

    // ------------------------------------------------------------------ the database commands

    private String table(String s) {
        return Ovsdb.match(Ovsdb.TABLES, s, "table", null);
    }

    private static String column(String table, String s) {
        if (Ovsdb.COLUMNS.get(table) == null) {
            throw new VsctlException(table + " does not contain a column whose name matches \"" + s + "\"");
        }
        return Ovsdb.match(Ovsdb.COLUMNS.get(table).stream().map(Column::name).toList(), s, "column", table);
    }

    // get_row(): by name, else by uuid
    private Row row(String table, String id, boolean mustExist) {
        Map<String, Row> t = rows.table(table);
        boolean byName = table.equals("Mirror") || table.equals("Flow_Table");
        Row r = byName || ROOTS.contains(table) ? null : t.get(id);
        if (table.equals("Interface") && rows.twice.contains(id)) { // get_row_by_id(): two rows of that name
            throw new VsctlException("multiple rows in Interface match \"" + id + "\"");
        }
        if (table.equals("QoS") && rows.ports.containsKey(id)) { // vsctl_row_ids: a Port's name finds its qos
            List<String> q = rows.ports.get(id).get("qos").keys();
            r = q.isEmpty() ? null : OvsdbRows.rowWithUuid(t, q.get(0));
        }
        if (byName && !uuidText(id)) { // a Mirror's or a Flow_Table's row id is its name column
            List<Row> named = t.values().stream().filter(x -> id.equals(x.string("name"))).toList();
            if (named.size() > 1) {
                throw new VsctlException("multiple rows in " + table + " match \"" + id + "\"");
            }
            r = named.isEmpty() ? null : named.get(0);
        }
        if (r == null) {
            r = OvsdbRows.rowWithUuid(t, id);
        }
        if (r == null && mustExist) {
            throw new VsctlException("no row \"" + id + "\" in table " + table);
        }
        return r;
    }

    // pre_cmd_get() checks every column first (parse_column_key_value()), then cmd_get() finds the row
    private void get(Command c) {
        if (c.has("--id") && c.has("--if-exists")) {
            throw new VsctlException("--if-exists and --id may not be specified together");
        }
        String table = table(c.arg(0));
        List<String> specs = c.args().subList(2, c.args().size());
        Row r = row(table, c.arg(1), !c.has("--if-exists"));
        if (r == null) {
            return;
        }
        String id = c.options().get("--id");
        if (id != null) { // cmd_get(): the row's uuid as a row id of the run, never an unreferenced one
            boolean isNew = !symbols.containsKey(id);
            Symbol y = createSymbol(id);
            if (!isNew) {
                throw new VsctlException("row id \"" + id + "\" specified on \"get\" command was used before it was "
                        + "defined");
            }
            y.uuid = r.uuid();
            y.strongRef = true;
        }
        for (String spec : specs) {
            if (uuid(spec)) {
                line(r.uuid());
                continue;
            }
            String[] ck = columnKey(table, spec);
            String col = ck[0], key = ck[1];
            Column def = Ovsdb.column(table, col);
            if (key == null) {
                line(Ovsdb.format(def, r.get(col)));
                continue;
            }
            if (!def.isMap()) {
                throw new VsctlException("cannot specify key to get for non-map column " + col);
            }
            Map<String, String> m = r.map(col);
            if (!m.containsKey(key)) {
                if (!c.has("--if-exists")) {
                    throw new VsctlException("no key \"" + key + "\" in " + table + " record \"" + c.arg(1)
                            + "\" column " + col);
                }
                line("");
            } else {
                line(Ovsdb.atom(def.value(), m.get(key)));
            }
        }
    }

    /** parse_column_key_value() without a value: COLUMN[:KEY], each an ovsdb_token_parse() token; {column, key}. */
    private static String[] columnKey(String table, String arg) {
        int[] at = {0};
        String col = columnOf(table, arg, at);
        String key = null;
        if (at[0] < arg.length() && arg.charAt(at[0]) == ':') {
            at[0]++;
            key = Ovsdb.token(arg, at);
        }
        if (at[0] < arg.length()) {
            throw new VsctlException(arg + ": trailing garbage \"" + arg.substring(at[0]) + "\" in argument");
        }
        return new String[] {col, key};
    }

    // the column that begins arg (its first token), at[0] moved past it
    private static String columnOf(String table, String arg, int[] at) {
        String name = Ovsdb.token(arg, at);
        if (name.isEmpty()) {
            throw new VsctlException(arg + ": missing column name");
        }
        return column(table, name);
    }

    private static boolean uuidText(String s) {
        return s.matches("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    }

    // cmd_get()'s special case: the row's UUID, by either name
    private static boolean uuid(String spec) {
        return spec.equalsIgnoreCase("_uuid") || spec.equalsIgnoreCase("-uuid");
    }

    private void set(Command c) {
        String table = table(c.arg(0));
        Row r = row(table, c.arg(1), !c.has("--if-exists"));
        for (String setting : c.args().subList(2, c.args().size())) {
            if (r != null) {
                setColumn(r, setting);
            }
        }
    }

    // set_column(): COLUMN[:KEY]=VALUE, parse_column_key_value(): the column and key are ovsdb_token_parse() tokens,
    // then "=" and a value not empty
    private void setColumn(Row r, String setting) {
        int[] at = {0};
        String col = columnOf(r.table, setting, at);
        String key = null;
        if (at[0] < setting.length() && setting.charAt(at[0]) == ':') {
            at[0]++;
            key = Ovsdb.token(setting, at);
        }
        if (!setting.startsWith("=", at[0]) || at[0] + 1 == setting.length()) {
            throw new VsctlException(setting + ": argument does not end in \"=\" followed by a value.");
        }
        Column def = Ovsdb.column(r.table, col);
        if (!mutable(r, def)) {
            throw new VsctlException("cannot modify read-only column " + col + " in table " + r.table);
        }
        String value = setting.substring(at[0] + 1);
        Datum d;
        if (key != null) {
            if (!def.isMap()) {
                throw new VsctlException("cannot specify key to set for non-map column " + col);
            }
            Map<String, String> m = r.map(col);
            m.put(Ovsdb.parseAtom(def, def.key(), key, true),
                    Ovsdb.parseAtom(def, def.value(), value, false));
            d = resolve(r.table, def, Datum.of(m));
        } else {
            d = resolve(r.table, def, Ovsdb.parse(def, value));
        }
        if (col.equals("ofport") || r.table.equals("Interface") && NETDEV_STATUS.contains(col)
                || r.table.equals("Bridge") && (col.equals("datapath_id") || col.equals("datapath_version"))) {
            // the vswitchd writes them back at once (iface_set_ofport(), iface_refresh_netdev_status(),
            // bridge_configure_datapath_id(), bridge_run()'s datapath_version)
            return;
        }
        if (r.table.equals("Open_vSwitch") && col.equals("bridges")) {
            setBridges(d);
            return;
        }
        // a new row's name is its key here; a new Port's or Interface's columns go with it (no bridge of arplab's
        // takes the row: it is collected)
        if (!(insertedRows.contains(r) && (col.equals("name") || !r.table.equals("Bridge")))) {
            unmodelled(def, r.table, r.cols.get(col), d);
        }
        r.cols.put(col, d);
    }

    /** The Interface columns iface_refresh_netdev_status() writes from the netdev. */
    private static final java.util.Set<String> NETDEV_STATUS = java.util.Set.of("admin_state", "link_state",
            "link_resets", "link_speed", "duplex", "mtu", "mac_in_use", "ifindex");

    // the value is parsed and checked first, as set_column() does; then a column the lab's vswitchd does not act on
    // keeps the value it has (a write of that same value changes nothing, another is refused)
    private static void unmodelled(Column def, String table, Datum now, Datum next) {
        if (!def.config() && !next.equals(now)) {
            throw new VsctlException("arplab does not model column " + def.name() + " of table " + table);
        }
    }

    private void clear(Command c) {
        String table = table(c.arg(0));
        Row r = row(table, c.arg(1), !c.has("--if-exists"));
        if (r == null) {
            return; // cmd_clear(): no row, no column looked at
        }
        for (String name : c.args().subList(2, c.args().size())) {
            String col = column(table, name);
            Column def = Ovsdb.column(table, col);
            if (!mutable(r, def)) { // check_mutable() before the column's n_min
                throw new VsctlException("cannot modify read-only column " + col + " in table " + table);
            }
            if (def.min() > 0) {
                throw new VsctlException("\"clear\" operation cannot be applied to column " + col + " of table "
                        + table + ", which is not allowed to be empty");
            }
            unmodelled(def, table, r.cols.get(col), Datum.EMPTY);
            r.cols.put(col, Datum.EMPTY);
        }
    }

    private void list(Command c) {
        String table = table(c.arg(0));
        List<Row> rs = new ArrayList<>();
        if (c.args().size() == 1) {
            rs.addAll(rows.table(table).values());
        }
        for (String id : c.args().subList(1, c.args().size())) {
            Row r = row(table, id, !c.has("--if-exists"));
            if (r != null) {
                rs.add(r);
            }
        }
        print(table, rs, c.options().get("--columns"));
    }

    // cmd_find(): rows whose columns equal the values given (COLUMN[:KEY]=VALUE)
    private void find(Command c) {
        String table = table(c.arg(0));
        List<Row> rs = new ArrayList<>();
        for (Row r : rows.table(table).values()) {
            boolean all = true;
            for (String cond : c.args().subList(1, c.args().size())) {
                all &= matches(r, cond);
            }
            if (all) {
                rs.add(r);
            }
        }
        print(table, rs, c.options().get("--columns"));
    }

    // check_condition(): COLUMN[:KEY] (ovsdb_token_parse() tokens), the longest operator followed by a value, and
    // the value parsed as the column (a key's as a set of the map's values) and compared (evaluate_relop())
    private boolean matches(Row r, String cond) {
        int[] at = {0};
        String col = columnOf(r.table, cond, at);
        String key = null;
        if (at[0] < cond.length() && cond.charAt(at[0]) == ':') {
            at[0]++;
            key = Ovsdb.token(cond, at);
        }
        DbCtlRelop op = DbCtlRelop.at(cond, at[0]);
        String value = cond.substring(at[0] + op.text.length());
        Column def = Ovsdb.column(r.table, col);
        if (key == null) {
            Datum want = resolve(r.table, def, Ovsdb.parse(def, value));
            return op.evaluate(def.key(), def.value(), r.get(col), want);
        }
        if (!def.isMap()) {
            throw new VsctlException("cannot specify key to check for non-map column " + col);
        }
        String k = Ovsdb.parseAtom(def, def.key(), key, true);
        Column values = def.elements(def.value(), null, 0);
        Datum want = Ovsdb.parse(values, value);
        String v = r.map(col).get(k);
        if (v == null && !op.onSets()) {
            return false;
        }
        return op.evaluate(def.value(), null, v == null ? Datum.EMPTY : Datum.of(v), want);
    }

    // table_print() in its "list" format (or --bare): _uuid first, then the columns in order
    private void print(String table, List<Row> rs, String columns) {
        List<String> cols = new ArrayList<>();
        if (columns != null) {
            for (String s : columns.split(",")) {
                cols.add(s.equals("_uuid") ? s : column(table, s));
            }
        } else {
            cols.add("_uuid");
            Ovsdb.COLUMNS.getOrDefault(table, List.of()).forEach(x -> cols.add(x.name()));
        }
        List<List<String>> cells = new ArrayList<>(); // each cell's text as --data makes it (cell_to_text())
        for (Row r : rs) {
            List<String> row = new ArrayList<>();
            for (String col : cols) {
                Column def = col.equals("_uuid") ? UUID_COLUMN : Ovsdb.column(table, col);
                Datum d = col.equals("_uuid") ? Datum.of(r.uuid()) : r.get(col);
                row.add(cl.style.format.equals("json") || cl.style.cellFormat.equals("json") ? Ovsdb.json(def, d)
                        : cl.style.cellFormat.equals("bare") ? Ovsdb.bare(def, d) : Ovsdb.format(def, d));
            }
            cells.add(row);
        }
        cl.style.print(cols, cells, out);
    }

    /** The _uuid column's type (ovsdb_type_uuid). */
    private static final Column UUID_COLUMN = new Column("_uuid", Ovsdb.Atom.U, null, 1, 1, Long.MIN_VALUE,
            Long.MAX_VALUE, null, false, false);

    // cmd_show(): the bridges, each with its ports and their interfaces' non-default columns
    private void show() {
        StringBuilder names = new StringBuilder();
        rows.bridges.keySet().forEach(b -> names.append(b).append(','));
        line(java.util.UUID.nameUUIDFromBytes(names.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
        // cmd_show_tables: the Open_vSwitch row's manager_options, the Bridge's controller, each remote by its
        // target (is_connected false, the default, not shown)
        rows.managers.forEach(m -> line("    Manager " + Ovsdb.atom(Ovsdb.Atom.S, m)));
        for (Row b : rows.bridges.values()) {
            line("    Bridge " + b.name);
            rows.controllers.getOrDefault(b.name, List.of())
                    .forEach(t -> line("        Controller " + Ovsdb.atom(Ovsdb.Atom.S, t)));
            for (String col : List.of("fail_mode", "datapath_type")) {
                String v = Ovsdb.format(Ovsdb.column("Bridge", col), b.get(col));
                if (!v.equals("[]") && !v.equals("\"\"")) {
                    line("        " + col + ": " + v);
                }
            }
            rows.portBridge.forEach((p, on) -> {
                if (!on.equals(b.name)) {
                    return;
                }
                line("        Port " + Ovsdb.atom(Ovsdb.Atom.S, p));
                for (String col : List.of("tag", "trunks")) { // cmd_show_tables' Port columns
                    String v = Ovsdb.format(Ovsdb.column("Port", col), rows.ports.get(p).get(col));
                    if (!v.equals("[]")) {
                        line("            " + col + ": " + v);
                    }
                }
                for (Row i : rows.ifacesOf(p)) {
                    line("            Interface " + Ovsdb.atom(Ovsdb.Atom.S, i.name));
                    for (String col : List.of("type", "options", "error")) {
                        String v = Ovsdb.format(Ovsdb.column("Interface", col), i.get(col));
                        if (!v.equals("[]") && !v.equals("{}") && !v.equals("\"\"")) {
                            line("                " + col + ": " + v);
                        }
                    }
                }
            });
        }
    }
}
