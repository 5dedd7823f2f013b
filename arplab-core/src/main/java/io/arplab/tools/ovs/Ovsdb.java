package io.arplab.tools.ovs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The Open_vSwitch database as ovs-vsctl sees it (vswitchd/vswitch.ovsschema): the Open_vSwitch (its one row, "."),
 * Bridge, Port, Interface, Mirror and Flow_Table tables with every column of OVS 3.1's schema, their types, and how values are
 * printed and parsed (lib/ovsdb-data.c ovsdb_datum_to_string() and ovsdb_datum_from_string()). The other tables exist
 * and are empty.
 */
final class Ovsdb {
    static final List<String> TABLES = List.of("AutoAttach", "Bridge", "CT_Timeout_Policy", "CT_Zone", "Controller",
            "Datapath", "Flow_Sample_Collector_Set", "Flow_Table", "IPFIX", "Interface", "Manager", "Mirror",
            "NetFlow", "Open_vSwitch", "Port", "QoS", "Queue", "SSL", "sFlow");

    /** An atom's type: string, integer, boolean, uuid. */
    enum Atom { S, I, B, U }

    /**
     * A column: key type, value type (null: not a map), how many atoms it holds, the integer range or string enum
     * that constrains it, and whether arplab's vswitchd acts on it when set ({@code config}).
     */
    record Column(String name, Atom key, Atom value, int min, int max, long lo, long hi, List<String> allowed,
                  boolean mutable, boolean config) {
        boolean isMap() {
            return value != null;
        }

        boolean scalar() {
            return !isMap() && max == 1;
        }

        /**
         * The column's type as an argument of add, remove or a find condition parses it (ovsdb_type with other
         * atoms and at least {@code min}, any number of them): its constraints (range, enum) kept.
         */
        Column elements(Atom key, Atom value, int min) {
            return new Column(name, key, value, min, Integer.MAX_VALUE, lo, hi, allowed, mutable, config);
        }
    }

    private static final int N = Integer.MAX_VALUE;

    private static Column c(String name, Atom key, Atom value, int min, int max) {
        return new Column(name, key, value, min, max, Long.MIN_VALUE, Long.MAX_VALUE, null, true, false);
    }

    private static Column config(Column c) {
        return new Column(c.name, c.key, c.value, c.min, c.max, c.lo, c.hi, c.allowed, c.mutable, true);
    }

    private static Column map(String name) {
        return c(name, Atom.S, Atom.S, 0, N);
    }

    private static Column opt(String name, Atom t) {
        return c(name, t, null, 0, 1);
    }

    private static Column one(String name, Atom t) {
        return c(name, t, null, 1, 1);
    }

    // an Interface's ingress policing setting: an integer from 0 (netdev-dummy has no policer to apply it)
    private static Column policing(String name) {
        return config(range(one(name, Atom.I), 0, Long.MAX_VALUE));
    }

    private static Column immutable(Column c) {
        return new Column(c.name, c.key, c.value, c.min, c.max, c.lo, c.hi, c.allowed, false, c.config);
    }

    private static Column range(Column c, long lo, long hi) {
        return new Column(c.name, c.key, c.value, c.min, c.max, lo, hi, c.allowed, c.mutable, c.config);
    }

    private static Column oneOf(Column c, String... allowed) {
        return new Column(c.name, c.key, c.value, c.min, c.max, c.lo, c.hi, List.of(allowed), c.mutable, c.config);
    }

    /** CT_Timeout_Policy's timeouts keys: vswitch.ovsschema's enum, sorted as an OVSDB set is. */
    static final List<String> TIMEOUT_KEYS = List.of("icmp_first", "icmp_reply", "tcp_close", "tcp_close_wait",
            "tcp_established", "tcp_fin_wait", "tcp_last_ack", "tcp_retransmit", "tcp_syn_recv", "tcp_syn_sent",
            "tcp_syn_sent2", "tcp_time_wait", "tcp_unack", "udp_first", "udp_multiple", "udp_single");

    static final Map<String, List<Column>> COLUMNS = merged(Map.of(
            "Bridge", List.of(opt("auto_attach", Atom.U), c("controller", Atom.U, null, 0, N),
                    opt("datapath_id", Atom.S), config(one("datapath_type", Atom.S)), one("datapath_version", Atom.S),
                    config(map("external_ids")), config(oneOf(opt("fail_mode", Atom.S), "secure", "standalone")),
                    config(range(c("flood_vlans", Atom.I, null, 0, 4096), 0, 4095)), config(range(c("flow_tables", Atom.I, Atom.U, 0, N), 0, 254)),
                    opt("ipfix", Atom.U), config(one("mcast_snooping_enable", Atom.B)), config(c("mirrors", Atom.U, null, 0, N)),
                    immutable(one("name", Atom.S)), opt("netflow", Atom.U), config(map("other_config")),
                    c("ports", Atom.U, null, 0, N), config(oneOf(c("protocols", Atom.S, null, 0, N), "OpenFlow10",
                            "OpenFlow11", "OpenFlow12", "OpenFlow13", "OpenFlow14", "OpenFlow15")),
                    one("rstp_enable", Atom.B), map("rstp_status"), opt("sflow", Atom.U), map("status"),
                    one("stp_enable", Atom.B)),
            "Port", List.of(opt("bond_active_slave", Atom.S), config(one("bond_downdelay", Atom.I)),
                    config(one("bond_fake_iface", Atom.B)), config(oneOf(opt("bond_mode", Atom.S), "active-backup",
                            "balance-slb", "balance-tcp")), config(one("bond_updelay", Atom.I)),
                    config(range(c("cvlans", Atom.I, null, 0, 4096), 0, 4095)), config(map("external_ids")), one("fake_bridge", Atom.B),
                    c("interfaces", Atom.U, null, 1, N), opt("lacp", Atom.S), config(opt("mac", Atom.S)),
                    immutable(one("name", Atom.S)), config(map("other_config")), config(one("protected", Atom.B)),
                    config(opt("qos", Atom.U)), c("rstp_statistics", Atom.S, Atom.I, 0, N), map("rstp_status"),
                    c("statistics", Atom.S, Atom.I, 0, N), map("status"), config(range(opt("tag", Atom.I), 0, 4095)),
                    config(range(c("trunks", Atom.I, null, 0, 4096), 0, 4095)), config(oneOf(opt("vlan_mode",
                            Atom.S), "access", "dot1q-tunnel", "native-tagged", "native-untagged", "trunk"))),
            "Interface", List.of(opt("admin_state", Atom.S), map("bfd"), map("bfd_status"), opt("cfm_fault", Atom.B),
                    c("cfm_fault_status", Atom.S, null, 0, N), opt("cfm_flap_count", Atom.I),
                    opt("cfm_health", Atom.I), opt("cfm_mpid", Atom.I), c("cfm_remote_mpids", Atom.I, null, 0, N),
                    opt("cfm_remote_opstate", Atom.S), opt("duplex", Atom.S), opt("error", Atom.S),
                    config(map("external_ids")), opt("ifindex", Atom.I),
                    policing("ingress_policing_burst"), policing("ingress_policing_kpkts_burst"),
                    policing("ingress_policing_kpkts_rate"), policing("ingress_policing_rate"), opt("lacp_current", Atom.B), opt("link_resets", Atom.I),
                    opt("link_speed", Atom.I), opt("link_state", Atom.S), map("lldp"), config(opt("mac", Atom.S)),
                    opt("mac_in_use", Atom.S), opt("mtu", Atom.I), config(range(opt("mtu_request", Atom.I), 1, Long.MAX_VALUE)),
                    immutable(one("name", Atom.S)), opt("ofport", Atom.I),
                    config(range(opt("ofport_request", Atom.I), 1, 65279)), config(map("options")),
                    config(map("other_config")), c("statistics", Atom.S, Atom.I, 0, N), map("status"),
                    config(one("type", Atom.S))),
            "Flow_Table", List.of(config(map("external_ids")), config(range(opt("flow_limit", Atom.I), 0,
                    Long.MAX_VALUE)), config(c("groups", Atom.S, null, 0, N)), config(opt("name", Atom.S)),
                    config(oneOf(opt("overflow_policy", Atom.S), "refuse", "evict")), config(c("prefixes", Atom.S, null, 0, 3))),
            "Mirror", List.of(config(map("external_ids")), config(one("name", Atom.S)),
                    config(opt("output_port", Atom.U)), config(range(opt("output_vlan", Atom.I), 1, 4095)),
                    config(one("select_all", Atom.B)), config(c("select_dst_port", Atom.U, null, 0, N)),
                    config(c("select_src_port", Atom.U, null, 0, N)),
                    config(range(c("select_vlan", Atom.I, null, 0, 4096), 0, 4095)),
                    config(range(opt("snaplen", Atom.I), 14, 65535)), c("statistics", Atom.S, Atom.I, 0, N)),
            "Open_vSwitch", List.of(c("bridges", Atom.U, null, 0, N), one("cur_cfg", Atom.I),
                    c("datapath_types", Atom.S, null, 0, N), config(c("datapaths", Atom.S, Atom.U, 0, N)),
                    opt("db_version", Atom.S), one("dpdk_initialized", Atom.B), opt("dpdk_version", Atom.S),
                    config(map("external_ids")), c("iface_types", Atom.S, null, 0, N),
                    c("manager_options", Atom.U, null, 0, N), one("next_cfg", Atom.I), config(map("other_config")),
                    opt("ovs_version", Atom.S), opt("ssl", Atom.U), map("statistics"), opt("system_type", Atom.S),
                    opt("system_version", Atom.S))), Map.of(
            // the remotes' rows as ovs-vsctl's set-manager and set-controller write them; the vswitchd's own
            // columns (is_connected, role, status) as an unconnected remote has them
            "Manager", List.of(opt("connection_mode", Atom.S), map("external_ids"), opt("inactivity_probe", Atom.I),
                    one("is_connected", Atom.B), opt("max_backoff", Atom.I), map("other_config"), map("status"),
                    immutable(one("target", Atom.S))),
            "SSL", List.of(one("bootstrap_ca_cert", Atom.B), one("ca_cert", Atom.S), one("certificate", Atom.S),
                    map("external_ids"), one("private_key", Atom.S)),
            "Controller", List.of(opt("connection_mode", Atom.S), opt("controller_burst_limit", Atom.I),
                    opt("controller_queue_size", Atom.I), opt("controller_rate_limit", Atom.I),
                    opt("enable_async_messages", Atom.B), map("external_ids"), opt("inactivity_probe", Atom.I),
                    one("is_connected", Atom.B), opt("local_gateway", Atom.S), opt("local_ip", Atom.S),
                    opt("local_netmask", Atom.S), opt("max_backoff", Atom.I), map("other_config"),
                    opt("role", Atom.S), map("status"), one("target", Atom.S), opt("type", Atom.S)),
            // QoS and Queue rows: root tables, kept until destroyed; netdev-dummy has no QoS type to apply them
            "QoS", List.of(config(map("external_ids")), config(map("other_config")),
                    config(range(c("queues", Atom.I, Atom.U, 0, N), 0, 4294967295L)), config(one("type", Atom.S))),
            "Queue", List.of(config(range(opt("dscp", Atom.I), 0, 63)), config(map("external_ids")),
                    config(map("other_config"))),
            // zone timeout policies (add-zone-tp): rows the database keeps, not roots (collected unreferenced); a
            // Datapath's capabilities are the vswitchd's (none for a datapath type no bridge uses)
            "Datapath", List.of(map("capabilities"), config(range(c("ct_zones", Atom.I, Atom.U, 0, N), 0, 65535)),
                    config(one("datapath_version", Atom.S)), config(map("external_ids"))),
            "CT_Zone", List.of(config(map("external_ids")), config(opt("timeout_policy", Atom.U))),
            "CT_Timeout_Policy", List.of(config(map("external_ids")), config(oneOf(c("timeouts", Atom.S, Atom.I, 0,
                    N), TIMEOUT_KEYS.toArray(String[]::new))))));

    private static Map<String, List<Column>> merged(Map<String, List<Column>> a, Map<String, List<Column>> b) {
        Map<String, List<Column>> m = new java.util.HashMap<>(a);
        m.putAll(b);
        return Map.copyOf(m);
    }

    /** A row: its table, name, and every column's value (atoms, or keys with values for a map). */
    static final class Row {
        final String table;
        final String name;
        final Map<String, Datum> cols = new LinkedHashMap<>();

        Row(String table, String name) {
            this.table = table;
            this.name = name;
            for (Column c : COLUMNS.get(table)) { // a new row's defaults: "", 0, false for required atoms
                cols.put(c.name, c.isMap() || c.min == 0 || c.key == Atom.U ? Datum.EMPTY
                        : Datum.of(c.key == Atom.S ? "" : c.key == Atom.I ? "0" : "false"));
            }
            if (COLUMNS.get(table).stream().anyMatch(c -> c.name.equals("name"))) {
                cols.put("name", Datum.of(name));
            }
        }

        /** A uuid given (a row id's), or null. */
        String fixedUuid;

        /** Name-derived, so the same lab and script print the same uuids (OVS draws them at random). */
        String uuid() {
            return fixedUuid != null ? fixedUuid : UUID.nameUUIDFromBytes((table + ":" + name).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).toString();
        }

        Datum get(String col) {
            return cols.get(col);
        }

        String string(String col) {
            Datum d = cols.get(col);
            return d.keys.isEmpty() ? null : d.keys.get(0);
        }

        Map<String, String> map(String col) {
            Datum d = cols.get(col);
            Map<String, String> m = new TreeMap<>();
            for (int i = 0; i < d.keys.size(); i++) {
                m.put(d.keys.get(i), d.values.get(i));
            }
            return m;
        }
    }

    /** A value: atoms (a set, or one) or, for a map, keys and their values; atoms as text, unquoted. */
    record Datum(List<String> keys, List<String> values) {
        static final Datum EMPTY = new Datum(List.of(), List.of());

        static Datum of(String... atoms) {
            return new Datum(List.of(atoms), List.of());
        }

        static Datum of(Map<String, String> m) {
            return new Datum(new ArrayList<>(m.keySet()), new ArrayList<>(m.values()));
        }
    }

    static Column column(String table, String name) {
        for (Column c : COLUMNS.get(table)) {
            if (c.name.equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** get_table()/get_column(): exact, else the one name {@code s} abbreviates ('-' as '_', any case). */
    static String match(List<String> names, String s, String what, String table) {
        int best = 0;
        List<String> hits = new ArrayList<>();
        for (String n : names) {
            int score = score(n, s);
            if (score > 0 && score >= best) {
                if (score > best) {
                    hits.clear();
                }
                hits.add(n);
                best = score;
            }
        }
        if (hits.isEmpty()) {
            throw new VsctlException(what.equals("table") ? "unknown table \"" + s + "\""
                    : table + " does not contain a column whose name matches \"" + s + "\"");
        }
        if (hits.size() > 1) {
            throw new VsctlException(what.equals("table") ? "\"" + s + "\" matches multiple table names: "
                    + String.join(", ", hits) : table + " contains more than one column whose name matches \"" + s
                    + "\": " + String.join(", ", hits));
        }
        return hits.get(0);
    }

    // score_partial_match()
    private static int score(String name, String s) {
        if (name.equals(s)) {
            return Integer.MAX_VALUE;
        }
        int i = 0;
        for (; ; i++) {
            char a = i < name.length() ? norm(name.charAt(i)) : 0, b = i < s.length() ? norm(s.charAt(i)) : 0;
            if (a != b) {
                break;
            } else if (a == 0) {
                return Integer.MAX_VALUE - 1;
            }
        }
        return i == s.length() ? i : 0;
    }

    private static char norm(char c) {
        return c == '-' ? '_' : Character.toLowerCase(c);
    }

    // ------------------------------------------------------------------ printing (ovsdb_datum_to_string)

    static String format(Column c, Datum d) {
        List<String> keys = d.keys;
        if (c.isMap()) {
            List<Integer> order = sorted(c.key, keys);
            StringBuilder s = new StringBuilder("{");
            for (int i : order) {
                s.append(s.length() > 1 ? ", " : "").append(atom(c.key, keys.get(i))).append('=')
                        .append(atom(c.value, d.values.get(i)));
            }
            return s.append('}').toString();
        }
        if (c.max == 1 && keys.size() == 1) {
            return atom(c.key, keys.get(0));
        }
        StringBuilder s = new StringBuilder("[");
        for (int i : sorted(c.key, keys)) {
            s.append(s.length() > 1 ? ", " : "").append(atom(c.key, keys.get(i)));
        }
        return s.append(']').toString();
    }

    /** ovsdb_datum_to_bare(): atoms (a map's key=value pairs) in order, separated by spaces, strings unquoted. */
    static String bare(Column c, Datum d) {
        List<String> parts = new ArrayList<>();
        for (int i : sorted(c.key, d.keys)) {
            parts.add(c.isMap() ? d.keys.get(i) + "=" + d.values.get(i) : d.keys.get(i));
        }
        return String.join(" ", parts);
    }

    /**
     * ovsdb_datum_to_json() as json_to_string() writes it: one atom alone (a column of at most one), else ["set",
     * [...]] or ["map",[[key,value],...]], a uuid as ["uuid","..."].
     */
    static String json(Column c, Datum d) {
        List<Integer> order = sorted(c.key, d.keys);
        if (!c.isMap() && c.max == 1 && d.keys.size() == 1) {
            return jsonAtom(c.key, d.keys.get(0));
        }
        StringBuilder s = new StringBuilder(c.isMap() ? "[\"map\",[" : "[\"set\",[");
        for (int i : order) {
            s.append(s.charAt(s.length() - 1) == '[' ? "" : ",");
            s.append(c.isMap() ? "[" + jsonAtom(c.key, d.keys.get(i)) + "," + jsonAtom(c.value, d.values.get(i)) + "]"
                    : jsonAtom(c.key, d.keys.get(i)));
        }
        return s.append("]]").toString();
    }

    static String jsonAtom(Atom t, String v) {
        return switch (t) {
            case S -> quote(v);
            case U -> "[\"uuid\"," + quote(v) + "]";
            default -> v;
        };
    }

    /** An atom as --bare prints it: the same text. */
    static String atom(Atom t, String v) {
        return t == Atom.S && needsQuotes(v) ? quote(v) : v;
    }

    private static List<Integer> sorted(Atom t, List<String> keys) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            order.add(i);
        }
        Comparator<Integer> cmp = t == Atom.I ? Comparator.comparingLong(i -> Long.parseLong(keys.get(i)))
                : Comparator.comparing(keys::get);
        order.sort(cmp);
        return order;
    }

    // string_needs_quotes()
    static boolean needsQuotes(String s) {
        if (s.isEmpty() || !(isAlpha(s.charAt(0)) || s.charAt(0) == '_')) {
            return true;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-' && c != '.') {
                return true;
            }
        }
        if (s.equals("true") || s.equals("false")) {
            return true;
        }
        try {
            return s.length() == 36 && UUID.fromString(s) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    // json_to_ds() of a string
    static String quote(String s) {
        return io.arplab.wire.libc.JsonString.escape(s);
    }

    // ------------------------------------------------------------------ parsing (ovsdb_datum_from_string)

    /**
     * One atom of type {@code t} for column {@code c}, checked against its constraints (ovsdb_atom_from_string()); an
     * integer "A-B" is the range of atoms A to B where {@code ranges} (a set's or map's key).
     */
    static List<String> parseAtoms(Column c, Atom t, String s, boolean key, boolean ranges) {
        if (t == Atom.I) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([-+]?\\d+)-([-+]?\\d+)").matcher(s);
            if (ranges && m.matches() && fitsLong(m.group(1)) && fitsLong(m.group(2))) { // str_to_llong_range()
                long from = Long.parseLong(m.group(1)), to = Long.parseLong(m.group(2));
                if (to < from) {
                    throw new VsctlException("\"" + s + "\" is not a valid range. Range end cannot be before start.");
                }
                parseAtom(c, t, m.group(1), key);
                parseAtom(c, t, m.group(2), key);
                List<String> atoms = new ArrayList<>();
                for (long n = from; n <= to && atoms.size() <= 65536; n++) {
                    atoms.add(Long.toString(n));
                }
                return atoms;
            }
        }
        return List.of(parseAtom(c, t, s, key));
    }

    private static boolean fitsLong(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** One atom of type {@code t} for column {@code c}, checked against its constraints. */
    static String parseAtom(Column c, Atom t, String s, boolean key) {
        String v = s;
        if (t == Atom.S && s.isEmpty()) {
            throw new VsctlException("An empty string is not valid as input; use \"\" to represent the empty string");
        }
        if (t == Atom.S && s.startsWith("\"")) {
            if (s.length() < 2 || !s.endsWith("\"")) {
                throw new VsctlException(s + ": missing quote at end of quoted string");
            }
            v = unquote(s);
        }
        switch (t) {
            case I -> {
                try { // str_to_llong(): strtoll() skips leading white space, nothing may follow the number
                    long n = Long.parseLong(s.stripLeading());
                    if (key && (n < c.lo || n > c.hi)) { // ovsdb_atom_check_constraints(): a bound may be absent
                        throw new VsctlException("constraint violation: " + n + (c.hi == Long.MAX_VALUE
                                ? " is less than minimum allowed value " + c.lo : c.lo == Long.MIN_VALUE
                                ? " is greater than maximum allowed value " + c.hi
                                : " is not in the valid range " + c.lo + " to " + c.hi + " (inclusive)"));
                    }
                    return Long.toString(n);
                } catch (NumberFormatException e) {
                    throw new VsctlException("\"" + s + "\" is not a valid integer or range");
                }
            }
            case B -> {
                if (!s.equals("true") && !s.equals("false")) {
                    throw new VsctlException("\"" + s + "\" is not a valid boolean (use \"true\" or \"false\")");
                }
                return s;
            }
            case U -> { // ovsdb_atom_from_string(): a row id ("@name", a symbol of the run) or a UUID
                if (s.startsWith("@")) {
                    return s;
                }
                if (!s.matches("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")) {
                    throw new VsctlException("\"" + s + "\" is not a valid UUID");
                }
                return s.toLowerCase();
            }
            default -> {
                if (key && c.allowed != null && !c.allowed.contains(v)) {
                    throw new VsctlException("constraint violation: " + v + " is not one of the allowed values (["
                            + String.join(", ", c.allowed) + "])");
                }
                return v;
            }
        }
    }

    private static String unquote(String s) {
        StringBuilder u = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length() - 1) {
                char n = s.charAt(++i);
                u.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                u.append(ch);
            }
        }
        return u.toString();
    }

    // ovsdb_token_is_delim()
    static boolean delim(char ch) {
        return ":=, []{}!<>".indexOf(ch) >= 0;
    }

    /**
     * ovsdb_token_parse(): from {@code at[0]} to the next delimiter outside quotes; a backslash takes the next
     * character (and stays inside quotes); the quotes stay in the token.
     */
    static String token(String s, int[] at) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        int p = at[0];
        while (p < s.length()) {
            char ch = s.charAt(p++);
            if (ch == '\\') {
                if (quoted) {
                    out.append('\\');
                }
                if (p == s.length()) {
                    throw new VsctlException(s.substring(at[0]) + ": backslash at end of argument");
                }
                out.append(s.charAt(p++));
            } else if (!quoted && delim(ch)) {
                p--;
                break;
            } else {
                out.append(ch);
                quoted ^= ch == '"';
            }
        }
        if (quoted) {
            throw new VsctlException(s.substring(at[0]) + ": quoted string extends past end of argument");
        }
        at[0] = p;
        return out.toString();
    }

    private static int skipSpaces(String s, int p) {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
        return p;
    }

    /**
     * ovsdb_datum_from_string(): a whole value for {@code c}, atoms (or key=value pairs) one token each, separated
     * by white space or commas, optionally inside [...] ({...} for a map); then its size and duplicates checked.
     */
    static Datum parse(Column c, String s) {
        boolean map = c.isMap();
        int p = skipSpaces(s, 0);
        char end = 0;
        if (p < s.length() && s.charAt(p) == (map ? '{' : '[')) {
            end = map ? '}' : ']';
            p = skipSpaces(s, p + 1);
        } else if (p == s.length()) {
            throw new VsctlException(map ? "use \"{}\" to specify the empty map"
                    : "use \"[]\" to specify the empty set");
        }
        List<String> keys = new ArrayList<>(), values = new ArrayList<>();
        while (p < s.length() && s.charAt(p) != end) {
            if (delim(s.charAt(p))) {
                throw new VsctlException(s + ": unexpected \"" + s.charAt(p) + "\" parsing " + english(c));
            }
            int[] at = {p};
            int start = p; // parse_key_value()
            keys.addAll(parseAtoms(c, c.key, token(s, at), true, true));
            if (map) {
                at[0] = skipSpaces(s, at[0]);
                if (at[0] == s.length() || s.charAt(at[0]) != '=') { // a NUL "%c" ends the message
                    throw new VsctlException(s.substring(start) + ": syntax error at \""
                            + (at[0] == s.length() ? "" : s.charAt(at[0]) + "\" expecting \"=\""));
                }
                at[0] = skipSpaces(s, at[0] + 1);
                values.add(parseAtom(c, c.value, token(s, at), false));
            }
            p = skipSpaces(s, at[0]);
            if (p < s.length() && s.charAt(p) == ',') {
                p = skipSpaces(s, p + 1);
            }
        }
        if (end != 0 && p == s.length()) {
            throw new VsctlException(s + ": missing \"" + end + "\" at end of data");
        }
        if (end != 0 && skipSpaces(s, p + 1) < s.length()) {
            throw new VsctlException(s + ": trailing garbage after \"" + end + "\"");
        }
        String what = map ? "pair(s)" : "value(s)";
        if (keys.size() < c.min) {
            throw new VsctlException(s + ": " + keys.size() + " " + what + " specified but the minimum number is "
                    + c.min);
        } else if (keys.size() > c.max) {
            throw new VsctlException(s + ": " + keys.size() + " " + what + " specified but the maximum number is "
                    + c.max);
        }
        if (new java.util.HashSet<>(keys).size() < keys.size()) { // ovsdb_datum_sort()
            throw new VsctlException(s + (map ? ": map contains duplicate key" : ": set contains duplicate value"));
        }
        if (map) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                m.put(keys.get(i), values.get(i));
            }
            return Datum.of(m);
        }
        return new Datum(keys, List.of());
    }

    // ovsdb_type_to_english()
    static String english(Column c) {
        String key = atomName(c.key);
        if (!c.isMap() && c.min == 1 && c.max == 1) {
            return key;
        }
        String n = c.max == N ? (c.min > 0 ? " of " + c.min + " or more" : " of")
                : c.min > 0 ? " of " + c.min + " to " + c.max : " of up to " + c.max;
        return (c.isMap() ? "map" : "set") + n + (c.isMap() ? " (" + key + ", " + atomName(c.value) + ") pairs"
                : " " + key + "s");
    }

    private static String atomName(Atom t) {
        return switch (t) {
            case S -> "string";
            case I -> "integer";
            case B -> "boolean";
            case U -> "uuid";
        };
    }

    /** ovs-vsctl's fatal error: one line, exit 1, nothing committed. */
    static final class VsctlException extends RuntimeException {
        VsctlException(String message) {
            super(message);
        }
    }
}
