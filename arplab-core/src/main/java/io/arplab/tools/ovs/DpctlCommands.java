package io.arplab.tools.ovs;

import io.arplab.flow.FlowParseException;
import io.arplab.flow.TraceCommand;
import io.arplab.stack.Errno;
import io.arplab.tools.ToolContext;
import java.util.List;

/**
 * ovs-appctl's dpctl/* commands as ovs-vswitchd serves them (lib/dpctl.c's dpctl_unixctl_handler() over the
 * userspace datapath): show, dump-dps, the datapaths dpctl adds beside ovs-vswitchd's, the flow commands
 * (DpctlFlows), the conntrack and ipf commands (DpctlConntrack), the connection limits and buckets.
 */
final class DpctlCommands {
    private final ToolContext ctx;

    DpctlCommands(ToolContext ctx) {
        this.ctx = ctx;
    }

    /** One dpctl/ command whose argument counts unixctl checked: its exit status. */
    int run(String cmd, List<String> rest) {
        switch (cmd) {
            case "dpctl/dump-dps" -> {
                // dps_for_each(): the dummy class's names (dpif_netdev_enumerate()) in an sset, in hash order
                List<String> names = new java.util.ArrayList<>(extraDatapaths().names());
                if (datapath() != null) {
                    names.add(0, OvsTools.DATAPATH.substring("dummy@".length()));
                }
                io.arplab.flow.Hmap.of(names, io.arplab.flow.Hmap.shash()).forEach(n -> ctx.out().println(
                        "dummy@" + n));
            }
            case "dpctl/add-if", "dpctl/set-if", "dpctl/del-if" -> {
                if (!DpctlDatapaths.handles(rest.get(0))) {
                    return error(notModelled(cmd));
                }
                return extraDatapaths(cmd, rest);
            }
            case "dpctl/add-dp", "dpctl/del-dp" -> {
                String name = rest.get(0);
                if (DpctlDatapaths.handles(name)) {
                    return extraDatapaths(cmd, rest);
                }
                Errno open = OvsTools.dpifOpenError(name);
                if (cmd.equals("dpctl/add-dp")) {
                    // dpctl_add_dp(): dpif_create_and_open() fails for a type not registered and opens the
                    // datapath that exists (creating another is not modelled)
                    return !OvsTools.dpifTypeRegistered(name)
                            ? error("ovs-vswitchd: add_dp (" + Errno.EAFNOSUPPORT.text + ")")
                            : open == null ? 0 : error(notModelled(cmd));
                }
                // dpctl_del_dp(): a datapath that does not open (deleting the one is not modelled)
                return error(open != null ? "ovs-vswitchd: opening datapath (" + open.text + ")" : notModelled(cmd));
            }
            case "dpctl/show" -> {
                DpctlArgs o = DpctlArgs.parse(rest);
                if (o.error != null) {
                    return error(o.error);
                }
                if (o.args.size() == 1 && DpctlDatapaths.handles(o.args.get(0))) {
                    return extraDatapaths(o.stats ? "dpctl/show -s" : cmd, o.args);
                }
                io.arplab.flow.Datapath dp = datapath();
                // dpctl_show(): each name opened in turn, an error line for each that does not open
                int status = 0;
                for (String name : o.args.isEmpty() ? List.of(OvsTools.DATAPATH) : o.args) {
                    Errno open = OvsTools.dpifOpenError(name);
                    if (dp != null && open == null) {
                        ctx.out().print(dp.show(o.stats, ctx.now()));
                    } else {
                        ctx.err().println("ovs-vswitchd: opening datapath " + name + " failed ("
                                + (open != null ? open : Errno.ENODEV).text + ")");
                        status = 2;
                    }
                }
                if (status != 0) {
                    ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
                }
                return status;
            }
            case "dpctl/dump-flows" -> {
                return dumpFlows(rest);
            }
            case "dpctl/dump-conntrack", "dpctl/flush-conntrack", "dpctl/ct-stats-show",
                    "dpctl/ct-get-tcp-seq-chk", "dpctl/ct-enable-tcp-seq-chk", "dpctl/ct-disable-tcp-seq-chk",
                    "dpctl/ipf-get-status", "dpctl/ipf-set-enabled", "dpctl/ipf-set-disabled",
                    "dpctl/ipf-set-min-frag", "dpctl/ipf-set-max-nfrags" -> {
                DpctlArgs o = DpctlArgs.parse(rest);
                if (o.error != null) {
                    return error(o.error);
                }
                DpctlConntrack.Outcome r = DpctlConntrack.run(cmd, o.args, o.verbosity, o.stats, conntracks(),
                        ctx.now());
                if (r.error() != null) {
                    return error(r.error());
                }
                r.out().forEach(ctx.out()::println);
            }
            case "dpctl/ct-set-limits", "dpctl/ct-get-limits", "dpctl/ct-del-limits" -> {
                return zoneLimits(cmd, rest);
            }
            case "dpctl/ct-set-maxconns", "dpctl/ct-get-maxconns", "dpctl/ct-get-nconns" -> {
                return maxConns(cmd, rest);
            }
            case "dpctl/ct-bkts" -> {
                return ctBuckets(rest);
            }
            case "dpctl/del-flows" -> {
                // dpctl_del_flows(): [DP] [FILE]; a FILE that does not open is reported, nothing deleted
                DpctlArgs o = DpctlArgs.parse(rest);
                if (o.error != null) {
                    return error(o.error);
                }
                if (!o.args.isEmpty() && extraDatapaths().table(o.args.get(0)) != null) { // dp_arg_exists()
                    return extraFlows(cmd, o.args, false);
                }
                List<String> a = o.args.isEmpty() || !o.args.get(0).equals(OvsTools.DATAPATH) ? o.args
                        : o.args.subList(1, o.args.size());
                io.arplab.flow.Datapath dp = datapath();
                if (!a.isEmpty()) {
                    ctx.out().println("ovs-vswitchd: Opening file \"" + a.get(0)
                            + "\" failed (No such file or directory)");
                } else if (dp != null) {
                    dp.flush();
                }
            }
            case "dpctl/add-flow", "dpctl/mod-flow", "dpctl/del-flow", "dpctl/get-flow" -> {
                DpctlArgs o = DpctlArgs.parse(rest);
                if (o.error != null) {
                    return error(o.error);
                }
                if (!o.args.isEmpty() && DpctlDatapaths.handles(o.args.get(0))) {
                    return extraFlows(cmd, o.args, rest.contains("--may-create"));
                }
                DpctlFlows.Outcome r = DpctlFlows.run(cmd, o.args, rest.contains("--may-create"), datapath());
                if (r.status() != 0) {
                    return error(r.message());
                }
                if (r.message() != null) {
                    ctx.out().println(r.message());
                }
            }
            case "dpctl/add-flows", "dpctl/mod-flows" -> {
                DpctlArgs o = DpctlArgs.parse(rest);
                if (o.error != null) {
                    return error(o.error);
                }
                if (o.args.size() == 1 && !java.nio.file.Files.exists(ctx.workDir().resolve(o.args.get(0)))) {
                    // dpctl_process_flows(): one argument, no datapath of that name (dp_arg_exists()): the file
                    ctx.out().println("ovs-vswitchd: Opening file \"" + o.args.get(0)
                            + "\" failed (No such file or directory)");
                    return 0;
                }
                if (o.args.isEmpty() || !DpctlDatapaths.handles(o.args.get(0))) {
                    return error(notModelled(cmd)); // a file into ovs-vswitchd's own datapath
                }
                return extraFlows(cmd, o.args, false);
            }
            case "dpctl/cache-get-size", "dpctl/cache-set-size", "dpctl/offload-stats-show" -> {
                return dpifNetdevCaches(cmd, rest);
            }
            default -> { // registered, its arguments counted, but not modelled here
                return error(notModelled(cmd));
            }
        }
        return 0;
    }

    // dpctl_dump_flows(): filter= and type= taken from the end, then an optional datapath name (opt_dpif_open())
    private int dumpFlows(List<String> rest) {
        DpctlArgs o = DpctlArgs.parse(rest);
        if (o.error != null) {
            return error(o.error);
        }
        List<String> args = new java.util.ArrayList<>(o.args);
        String filter = null, types = null;
        for (int last = -1; !args.isEmpty() && last != args.size(); ) {
            last = args.size();
            String a = args.get(args.size() - 1);
            if (a.startsWith("filter=") && filter == null) {
                filter = args.remove(args.size() - 1).substring(7);
            } else if (a.startsWith("type=") && types == null) {
                types = args.remove(args.size() - 1).substring(5);
            }
        }
        if (!args.isEmpty() && DpctlDatapaths.handles(args.get(0))) {
            io.arplab.flow.DpifNetdevFlows table = extraDatapaths().table(args.get(0));
            if (table == null) { // opt_dpif_open(): no datapath of that name, so none is named
                return error("ovs-vswitchd: datapath not found (Invalid argument)");
            }
            ctx.out().print(table.dump(o.verbosity > 0));
            return 0;
        }
        io.arplab.flow.Datapath dp = datapath();
        boolean named = !args.isEmpty() && args.get(0).equals(OvsTools.DATAPATH);
        if (dp == null || !named && args.size() == 1) {
            return error("ovs-vswitchd: datapath not found (Invalid argument)");
        }
        io.arplab.flow.Match match = null;
        if (filter != null) {
            try {
                match = TraceCommand.exactFlow(filter, dp.portMap());
            } catch (FlowParseException e) {
                return error("ovs-vswitchd: Failed to parse filter (" + e.getMessage() + ")");
            }
        }
        boolean ovsFlows = true;
        if (types != null) {
            // enable_all_dump_types() / populate_dump_types(): the dummy datapath has only "ovs" flows
            ovsFlows = false;
            for (String t : types.split(",")) {
                switch (t) {
                    case "ovs", "non-offloaded", "all" -> ovsFlows = true;
                    case "tc", "dpdk", "offloaded", "partially-offloaded" -> {
                    }
                    default -> {
                        return error("ovs-vswitchd: Failed to parse type (" + t + ") (Invalid argument)");
                    }
                }
            }
        }
        if (ovsFlows) {
            ctx.out().print(dp.dumpFlows(null, ctx.now(), o.verbosity > 0,
                    o.names != null ? o.names : o.verbosity > 0, match));
        }
        return 0;
    }

    // dpctl_ct_set_maxconns(), dpctl_ct_get_maxconns(), dpctl_ct_get_nconns(): unixctl's argument counts, the
    // options, opt_dpif_open() (a first argument naming the datapath, else the only one unless all are given), then
    // the userspace conntrack's n_conn_limit and n_conn (conntrack_set_maxconns(), conntrack_get_nconns())
    private int maxConns(String cmd, List<String> rest) {
        boolean set = cmd.equals("dpctl/ct-set-maxconns");
        int max = Unixctl.VSWITCHD.get(cmd).max();
        DpctlArgs o = DpctlArgs.parse(rest);
        if (o.error != null) {
            return error(o.error);
        }
        List<io.arplab.flow.Conntrack> cts = conntracks();
        boolean named = !o.args.isEmpty() && o.args.get(0).equals(OvsTools.DATAPATH);
        if (cts.isEmpty() || !named && o.args.size() == max) {
            return error("ovs-vswitchd: datapath not found (Invalid argument)");
        }
        if (!set) {
            io.arplab.flow.Conntrack ct = cts.get(0); // the connections dpctl/dump-conntrack lists
            ct.sweep(ctx.now());
            ctx.out().println(cmd.equals("dpctl/ct-get-maxconns") ? Long.toString(ct.maxConns) : ct.count());
            return 0;
        }
        long n = scanU32(o.args.isEmpty() ? "" : o.args.get(o.args.size() - 1));
        if (n < 0) {
            return error("ovs-vswitchd: maxconns missing or malformed (Invalid argument)");
        }
        cts.forEach(ct -> ct.maxConns = n);
        ctx.out().println("setting maxconns successful");
        return 0;
    }

    // dpctl_ct_bkts(): a last argument gt=N (ovs_scan()'s %hu) is the threshold, the rest opt_dpif_open()'s with at
    // most two; the userspace conntrack's dump has one bucket (dpif_netdev_ct_dump_start()) holding every connection
    private int ctBuckets(List<String> rest) {
        DpctlArgs o = DpctlArgs.parse(rest);
        if (o.error != null) {
            return error(o.error);
        }
        List<String> a = o.args;
        long gt = 0;
        if (!a.isEmpty() && a.get(a.size() - 1).startsWith("gt=")) {
            long v = scanU16(a.get(a.size() - 1).substring(3));
            if (v >= 0) {
                gt = v;
                a = a.subList(0, a.size() - 1);
            }
        }
        List<io.arplab.flow.Conntrack> cts = conntracks();
        boolean named = !a.isEmpty() && a.get(0).equals(OvsTools.DATAPATH);
        if (cts.isEmpty() || !named && a.size() == 1) {
            return error("ovs-vswitchd: datapath not found (Invalid argument)");
        }
        io.arplab.flow.Conntrack ct = cts.get(0);
        ct.sweep(ctx.now());
        int n = ct.count();
        StringBuilder out = new StringBuilder("Total Buckets: 1\nCurrent Connections: " + n + "\n\n");
        if (n > 0) {
            String rule = "+-----------+-----------------------------------------+";
            out.append(rule).append("\n|  Buckets  |         Connections per Buckets         |\n").append(rule)
                    .append(String.format("\n %3d..%3d   | ", 0, 7)).append(n > gt ? String.format("%5d", n) : "    .")
                    .append("\n\n");
        }
        ctx.out().print(out);
        return 0;
    }

    // dpctl_ct_set_limits(), dpctl_ct_get_limits(), dpctl_ct_del_limits(): unixctl's argument counts, the options,
    // opt_dpif_open() (the datapath named first, or the only one), then the default limit and zone=N,limit=L tuples
    // (ct_dpif_parse_zone_limit_tuple()) or zone=N1[,N2] lists (parse_ct_limit_zones())
    private int zoneLimits(String cmd, List<String> rest) {
        DpctlArgs o = DpctlArgs.parse(rest);
        if (o.error != null) {
            return error(o.error);
        }
        List<io.arplab.flow.Conntrack> cts = conntracks();
        List<String> a = o.args;
        boolean named = !a.isEmpty() && a.get(0).equals(OvsTools.DATAPATH);
        int dpMax = cmd.equals("dpctl/ct-set-limits") ? Integer.MAX_VALUE : 3;
        if (cts.isEmpty() || !named && a.size() + 1 == dpMax) {
            return error("ovs-vswitchd: datapath not found (Invalid argument)");
        }
        a = named ? a.subList(1, a.size()) : a;
        io.arplab.flow.Conntrack ct = cts.get(0);
        if (cmd.equals("dpctl/ct-set-limits")) {
            int i = 0;
            Long def = null;
            if (i < a.size() && a.get(i).startsWith("default=")) {
                long v = scanU32(a.get(i++).substring(8));
                if (v < 0) {
                    return error("ovs-vswitchd: invalid default limit (Invalid argument)");
                }
                def = v;
            }
            java.util.Map<Integer, Long> set = new java.util.LinkedHashMap<>();
            for (; i < a.size(); i++) {
                Long zone = null, limit = null;
                for (String kv : a.get(i).split("[, \t\r\n]+")) { // ofputil_parse_key_value()
                    if (kv.isEmpty()) {
                        continue;
                    }
                    int eq = kv.indexOf('=');
                    String key = eq < 0 ? kv : kv.substring(0, eq), value = eq < 0 ? "" : kv.substring(eq + 1);
                    if (value.isEmpty()) {
                        return error("ovs-vswitchd: field " + key + " missing value (Invalid argument)");
                    }
                    if (key.equals("zone") || key.equals("limit")) {
                        long v = strToInt(value);
                        if (v < 0 || v > (key.equals("zone") ? 0xffff : 0xffffffffL)) {
                            return error("ovs-vswitchd: failed to parse field " + key + " (Invalid argument)");
                        }
                        if (key.equals("zone")) {
                            zone = v;
                        } else {
                            limit = v;
                        }
                    } else {
                        return error("ovs-vswitchd: invalid zone limit field: " + key + " (Invalid argument)");
                    }
                }
                if (zone == null || limit == null) {
                    return error("ovs-vswitchd: failed to parse zone limit (Invalid argument)");
                }
                set.put(zone.intValue(), limit);
            }
            for (io.arplab.flow.Conntrack c : cts) { // dpif_netdev_ct_set_limits()
                if (def != null) {
                    c.setZoneLimit(io.arplab.flow.Conntrack.DEFAULT_ZONE, def);
                }
                set.forEach(c::setZoneLimit);
            }
            return 0;
        }
        List<Integer> zones = null;
        if (!a.isEmpty()) {
            if (!a.get(0).startsWith("zone=")) {
                return error("ovs-vswitchd: invalid argument " + a.get(0) + " (Invalid argument)");
            }
            zones = new java.util.ArrayList<>();
            for (String z : a.get(0).substring(5).split(",")) {
                long v = scanU16(z);
                if (v < 0) {
                    return error("ovs-vswitchd: invalid zone (Invalid argument)");
                }
                zones.add((int) v);
            }
        }
        if (cmd.equals("dpctl/ct-del-limits")) {
            for (io.arplab.flow.Conntrack c : cts) {
                zones.forEach(c::deleteZoneLimit);
            }
            return 0;
        }
        ct.sweep(ctx.now());
        // dpif_netdev_ct_get_limits(): each zone's zone_limit_get(), its own limit or the default one with its count
        var def = ct.zoneLimit(io.arplab.flow.Conntrack.DEFAULT_ZONE);
        StringBuilder out = new StringBuilder("default limit=" + (def == null ? 0 : def.limit));
        for (int z : zones != null ? zones : ct.limitedZones()) { // ct_dpif_format_zone_limits()
            var zl = ct.zoneLimit(z);
            out.append("\nzone=").append(z).append(",limit=").append(zl == null ? 0 : zl.limit)
                    .append(",count=").append(zl == null ? 0 : ct.zoneCount(zl));
        }
        ctx.out().println(out);
        return 0;
    }

    // str_to_int(s, 0): the whole string a number in C's bases (0x hex, 0 octal), else -1
    private static long strToInt(String s) {
        try {
            long v = s.matches("0[xX][0-9a-fA-F]+") ? Long.parseLong(s.substring(2), 16)
                    : s.matches("0[0-7]+") ? Long.parseLong(s.substring(1), 8)
                    : s.matches("[+-]?[0-9]+") ? Long.parseLong(s) : -1;
            return v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ovs_scan(s, "%" SCNu16): as scanU32, kept to 16 bits (-1 when no digit comes)
    static long scanU16(String s) {
        long v = scanU32(s);
        return v < 0 ? -1 : v & 0xffff;
    }

    // ovs_scan(s, "%" SCNu32): white space, a sign, decimal digits as strtoul() reads them (ULONG_MAX past it, a
    // minus negating), kept to 32 bits; -1 when no digit comes
    static long scanU32(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean minus = i < s.length() && s.charAt(i) == '-';
        if (i < s.length() && (s.charAt(i) == '+' || minus)) {
            i++;
        }
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == start) {
            return -1;
        }
        java.math.BigInteger v = new java.math.BigInteger(s.substring(start, i));
        long ul = v.bitLength() > 64 ? -1L : v.longValue(); // ULONG_MAX on overflow
        return (minus ? -ul : ul) & 0xffffffffL;
    }

    /** dpctl_unixctl_handler()'s options before the arguments: -m/--more, -s/--statistics, --names/--no-names. */
    static final class DpctlArgs {
        int verbosity;
        boolean stats;
        Boolean names;
        String error;
        List<String> args = List.of();

        static DpctlArgs parse(List<String> rest) {
            DpctlArgs o = new DpctlArgs();
            int i = 0;
            for (; i < rest.size(); i++) {
                String w = rest.get(i);
                if (w.startsWith("--")) {
                    switch (w) {
                        case "--statistics" -> o.stats = true;
                        case "--more" -> o.verbosity++;
                        case "--names", "--no-names" -> o.names = w.equals("--names");
                        case "--clear", "--may-create" -> {
                        }
                        default -> {
                            o.error = "Unrecognized option " + w;
                            return o;
                        }
                    }
                } else if (w.startsWith("-") && w.length() > 1) {
                    for (char c : w.substring(1).toCharArray()) {
                        if (c == 'm') {
                            o.verbosity++;
                        } else if (c == 's') {
                            o.stats = true;
                        } else {
                            o.error = "Unrecognized option -" + c;
                            return o;
                        }
                    }
                } else {
                    break;
                }
            }
            o.args = rest.subList(i, rest.size());
            return o;
        }
    }

    private DpctlDatapaths extraDatapaths() {
        return ctx.runtime() == null ? new DpctlDatapaths()
                : ctx.runtime().namespaceState(DpctlDatapaths.class, DpctlDatapaths::new);
    }

    // the flow commands on a datapath dpctl/add-dp created (opt_dpif_open(), then DpctlFlows): one flow, or a file's
    // (dpctl_process_flows(): its errors in the reply, which succeeds), or del-flows without a file (dpif_flow_flush())
    private int extraFlows(String cmd, List<String> args, boolean mayCreate) {
        io.arplab.flow.DpifNetdevFlows table = extraDatapaths().table(args.get(0));
        if (table == null) { // opt_dpif_open(): no datapath of that name, so none is named
            return error("ovs-vswitchd: datapath not found (Invalid argument)");
        }
        if (cmd.endsWith("-flows")) {
            if (args.size() == 1) {
                table.flush();
            } else {
                ctx.out().print(DpctlFlows.processFile(cmd, ctx.workDir().resolve(args.get(args.size() - 1)), table));
            }
            return 0;
        }
        DpctlFlows.Outcome r = DpctlFlows.run(cmd, args, mayCreate, null, table);
        if (r.status() != 0) {
            return error(r.message());
        }
        if (r.message() != null) {
            ctx.out().println(r.message());
        }
        return 0;
    }

    // the datapaths dpctl/add-dp creates beside ovs-vswitchd's ({@link DpctlDatapaths})
    private int extraDatapaths(String cmd, List<String> args) {
        DpctlDatapaths.Outcome r = extraDatapaths().run(cmd, args);
        ctx.out().print(r.out());
        if (r.status() != 0) {
            r.errors().forEach(ctx.err()::println);
            ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
        }
        return r.status();
    }

    // dpctl_cache_get_size(), dpctl_cache_set_size(), dpctl_offload_stats_show() on dpif-netdev, which has neither
    // cache levels (dpif_cache_get_supported_levels(): EOPNOTSUPP) nor offload statistics (EINVAL)
    private int dpifNetdevCaches(String cmd, List<String> rest) {
        if (cmd.equals("dpctl/offload-stats-show")) {
            if (!rest.isEmpty() && !rest.get(0).equals(OvsTools.DATAPATH)) { // opt_dpif_open()'s other forms
                return error(notModelled(cmd));
            }
            return error("ovs-vswitchd: retrieving offload statistics (" + Errno.EINVAL.text + ")");
        }
        if (cmd.equals("dpctl/cache-set-size") && !rest.get(2).matches("\\s*\\+?\\d+.*")) { // ovs_scan()'s %u
            return error("ovs-vswitchd: size is malformed (" + Errno.EINVAL.text + ")");
        }
        String name = rest.isEmpty() ? OvsTools.DATAPATH : rest.get(0); // dps_for_each(): the one datapath
        Errno open = OvsTools.dpifOpenError(name);
        if (open != null) {
            return error("ovs-vswitchd: Opening datapath " + name + " failed (" + open.text + ")");
        }
        if (cmd.equals("dpctl/cache-set-size")) {
            return error("ovs-vswitchd: Setting caches not supported (" + Errno.EOPNOTSUPP.text + ")");
        }
        ctx.out().println(name + ":"); // show_dpif_cache(): the name, no levels
        return 0;
    }

    private static String notModelled(String cmd) {
        return OvsAppctl.notModelled(cmd);
    }

    private int error(String message) {
        return OvsAppctl.serverError(ctx, message);
    }

    private List<io.arplab.flow.Conntrack> conntracks() {
        return OvsAppctl.conntracks(ctx);
    }

    private io.arplab.flow.Datapath datapath() {
        return OvsAppctl.datapath(ctx);
    }
}
