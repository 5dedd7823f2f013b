package io.arplab.tools.ovs;

import io.arplab.tools.ToolContext;
import io.arplab.tools.ovs.Ovsdb.Column;
import io.arplab.tools.ovs.Ovsdb.Datum;
import io.arplab.tools.ovs.Ovsdb.Row;
import io.arplab.tools.ovs.Ovsdb.VsctlException;
import io.arplab.tools.ovs.VsctlCommandLine.Command;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database commands of Open vSwitch 3.1's lib/db-ctl-base.c as ovs-vsctl runs them (get, set, add, remove,
 * clear, list, find, create, destroy, wait-until) over one transaction's rows, with its context (struct ctl_context:
 * the output, the symbol table of row ids, the last command) and the commit's checks ({@link OvsdbTxn}).
 */
final class DbCtlBase {
    private final ToolContext ctx;
    private final VsctlCommandLine cl;
    private final OvsdbRows rows;
    private final StringBuilder out;
    private final OvsdbTxn txn;

    DbCtlBase(ToolContext ctx, VsctlCommandLine cl, OvsdbRows rows, StringBuilder out) {
        this.ctx = ctx;
        this.cl = cl;
        this.rows = rows;
        this.out = out;
        this.txn = new OvsdbTxn(rows);
    }

    /** Runs database command {@code c}; false when {@code c} is none (an ovs-vsctl command of its own). */
    boolean run(Command c) {
        switch (c.syntax().name()) {
            case "get" -> get(c);
            case "set" -> set(c);
            case "clear" -> clear(c);
            case "list" -> list(c);
            case "find" -> find(c);
            case "add", "remove" -> addOrRemove(c);
            case "destroy" -> destroy(c);
            case "create" -> create(c);
            case "wait-until" -> waitUntil(c);
            default -> {
                return false;
            }
        }
        return true;
    }

    // do_vsctl() before the commit: the symbols, then the server's checks of the transaction
    void commitChecks() {
        checkSymbols();
        String error = txn.check();
        if (error != null) {
            throw txnError(error);
        }
    }

    /** An atom a command writes through the IDL, checked by the server against column {@code c}'s constraints. */
    String written(Column c, Ovsdb.Atom t, String atom) {
        try {
            return Ovsdb.parseAtom(c, t, atom, true);
        } catch (VsctlException e) {
            txn.violations.add("transaction error: {\"details\":\"" + e.getMessage().replace("constraint violation: ",
                    "") + "\",\"error\":\"constraint violation\"}");
            return atom;
        }
    }

    // the commit's refusal: ovsdb_idl's warning on the console, and the command's error
    private VsctlException txnError(String error) {
        warn("ovsdb_idl", error);
        return new VsctlException(error);
    }

    // pre_cmd_get(), pre_cmd_set(), pre_cmd_clear(), pre_cmd_list(), pre_cmd_find(): the table, and the columns
    // named (pre_parse_column_key_value() reads each one's first token)
    void pre(Command c) {
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

    // cmd_wait_until(): the row and each condition (check_condition()); OVS waits for the database to change until
    // they hold, which in the lab only a command does
    private void waitUntil(Command c) {
        Row r = row(table(c.arg(0)), c.arg(1), false);
        if (r == null || !c.args().subList(2, c.args().size()).stream().allMatch(cond -> matches(r, cond))) {
            throw new VsctlException("wait-until on a row or condition that does not hold yet is not modelled by"
                    + " arplab (nothing changes the lab's database but a command)");
        }
    }

    void line(String s) {
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
    boolean lastCommand;

    // VLOG_WARN(): a line of the console in its pattern
    void warn(String module, String text) {
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
        if (!ofBridges && !List.of("Mirror", "Flow_Table", "QoS", "Queue", "Datapath", "CT_Zone", "CT_Timeout_Policy")
                .contains(table)) {
            throw new VsctlException("'create' of a row of table " + table + " is not modelled by arplab");
        }
        String id = c.options().get("--id");
        String uuid = null;
        if (id != null && uuidText(id)) {
            uuid = id.toLowerCase(java.util.Locale.ROOT);
            txn.persisted.add(table + ":" + uuid);
        } else if (id != null) {
            Symbol y = createSymbol(id);
            y.strongRef |= ROOT_TABLES.contains(table);
            uuid = y.uuid;
        }
        if (ofBridges) {
            Row r = new Row(table, "");
            r.fixedUuid = uuid != null ? uuid : rows.newUuid();
            txn.insertedRows.add(r);
            for (String setting : c.args().subList(1, c.args().size())) {
                setColumn(r, setting);
            }
            if (table.equals("Bridge") && !rows.bridges.containsKey(r.string("name"))) {
                // a Bridge row is a bridge once the Open_vSwitch row's bridges column names it
                Row b = new Row("Bridge", r.string("name"));
                b.cols.putAll(r.cols);
                b.fixedUuid = r.fixedUuid;
                txn.insertedRows.add(b);
                rows.bridges.put(b.name, b);
                rows.detached.add(b.name);
            } else {
                txn.inserted.add(r); // a Port or Interface row no Bridge row of arplab's can take: collected
            }
            line(r.uuid());
            return;
        }
        Row r = rows.newRow(table, uuid);
        txn.insertedRows.add(r);
        for (String setting : c.args().subList(1, c.args().size())) {
            setColumn(r, setting);
        }
        line(r.uuid());
    }

    // check_mutable(), ovsdb_idl_is_mutable(): a read-only column of a row this transaction inserts may be set
    private boolean mutable(Row r, Column def) {
        return def.mutable() || txn.insertedRows.contains(r);
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
                txn.destroyed.add(r);
            }
        }
    }

    /** The root tables whose rows arplab creates (QoS, Queue): they stay until destroyed. */
    private static final List<String> ROOTS = List.of("QoS", "Queue");
    /** Their rows destroyed in this transaction. */
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
            throw txnError(error);
        }
        if (add && lastCommand && keys.size() > def.max()) {
            // the last command's add is a partial update (a "mutate"), which the server checks
            String error = "transaction error: {\"details\":\"Attempted to store " + keys.size() + " elements in "
                    + Ovsdb.english(def) + ".\",\"error\":\"constraint violation\"}";
            throw txnError(error);
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
            txn.setBridges(d);
            return;
        }
        unmodelled(def, table, r.cols.get(col), d);
        r.cols.put(col, d);
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
    Row row(String table, String id, boolean mustExist) {
        Map<String, Row> t = rows.table(table);
        if (id.equals(".") && t.size() == 1) { // ctl_get_row(): "." is a table's only row
            return t.values().iterator().next();
        }
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
    void setColumn(Row r, String setting) {
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
            txn.setBridges(d);
            return;
        }
        // a new row's name is its key here; a new Port's or Interface's columns go with it (no bridge of arplab's
        // takes the row: it is collected)
        if (!(txn.insertedRows.contains(r) && (col.equals("name") || !r.table.equals("Bridge")))) {
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
    boolean matches(Row r, String cond) {
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
}
