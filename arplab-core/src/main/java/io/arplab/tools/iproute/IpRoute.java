package io.arplab.tools.iproute;

import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.stack.Route;
import io.arplab.stack.RouteTable;
import io.arplab.tools.ToolContext;
import io.arplab.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ip route}: show, add, del, replace, change, append, get, flush (ip/iproute.c): the main table, and the others
 * a route was added to (no lookup reads them).
 */
final class IpRoute {
    private final ToolContext ctx;
    private final HostView view;
    private final HostStack stack;
    private final Ip.Options o;
    /** ip route show proto P: only those routes, printed without their protocol. */
    private String protoFilter;
    private int protoNumber = -1;
    /** print_route(): a filter on one scope, one gateway (/32) or one source (/32) leaves that out of each line. */
    private boolean scopeShown = true;
    private boolean viaShown = true;
    private boolean srcShown = true;
    private final StringBuilder out;

    IpRoute(ToolContext ctx, HostView view, Ip.Options o, StringBuilder out) {
        this.ctx = ctx;
        this.view = view;
        this.stack = view.stack;
        this.o = o;
        this.out = out;
    }

    int run(Args a) {
        if (!a.more()) {
            return list(a, false);
        }
        String c = a.take();
        if (Args.matches(c, "add")) {
            return modify(a, Mode.ADD);
        }
        if (Args.matches(c, "change") || c.equals("chg")) {
            return modify(a, Mode.CHANGE);
        }
        if (Args.matches(c, "replace")) {
            return modify(a, Mode.REPLACE);
        }
        if (Args.matches(c, "prepend")) {
            return modify(a, Mode.REPLACE);
        }
        if (Args.matches(c, "append")) {
            return modify(a, Mode.ADD);
        }
        if (Args.matches(c, "delete")) {
            return modify(a, Mode.DELETE);
        }
        if (Args.matches(c, "list") || Args.matches(c, "show") || Args.matches(c, "lst")) {
            return list(a, false);
        }
        if (Args.matches(c, "get")) {
            return new IpRouteGet(this, ctx, stack, o, out).get(a);
        }
        if (Args.matches(c, "flush")) {
            return list(a, true);
        }
        if (Args.matches(c, "help")) {
            throw new CommandExit(255, io.arplab.tools.Usage.of("ip-route").stripTrailing()); // iproute.c usage()
        }
        throw new CommandExit(255, "Command \"" + c + "\" is unknown, try \"ip route help\".");
    }

    private enum Mode { ADD, CHANGE, REPLACE, DELETE }

    /** The route types of rtnetlink.h (RTN_*), by number: rtm_map.c's names. */
    private static final List<String> RTN = List.of("none", "unicast", "local", "broadcast", "anycast", "multicast",
            "blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve");

    /** rtm_map.c rtnl_rtntype_a2n(): names (some as matches() prefixes, in its order) or a number up to 255; -1 if not. */
    static int rtntype(String w) {
        if (w.equals("local")) {
            return 2;
        } else if (w.equals("nat")) {
            return 10;
        } else if (Args.matches(w, "broadcast") || w.equals("brd")) {
            return 3;
        }
        for (String name : List.of("anycast", "multicast", "prohibit", "unreachable", "blackhole", "xresolve",
                "unicast")) {
            if (Args.matches(w, name)) {
                return RTN.indexOf(name);
            }
        }
        if (w.equals("throw")) {
            return 9;
        }
        long n = Args.unsigned(w);
        return n < 0 || n > 255 ? -1 : (int) n;
    }

    private static String typeName(int t) {
        return t < RTN.size() ? RTN.get(t) : Integer.toString(t);
    }

    /** rt_names.c rtnl_rttable_a2n(): /etc/iproute2/rt_tables' names or a 32-bit number; -1 if neither. */
    static long rtTable(String w) {
        return switch (w) {
            case "local" -> 255;
            case "main" -> 254;
            case "default" -> 253;
            case "unspec" -> 0;
            default -> Args.unsigned(w);
        };
    }

    /** rt_names.c rtnl_rttable_n2a(): a table's name from /etc/iproute2/rt_tables, else its number. */
    static String rtTableName(long id) {
        return id == 255 ? "local" : id == 254 ? "main" : id == 253 ? "default" : Long.toString(id);
    }

    /** /etc/iproute2/rt_protos (iproute2 6.1, Debian) by number: rtnl_rtprot_a2n()'s names. */
    private static final java.util.Map<String, Integer> RTPROT = java.util.Map.ofEntries(
            java.util.Map.entry("unspec", 0), java.util.Map.entry("redirect", 1), java.util.Map.entry("kernel", 2),
            java.util.Map.entry("boot", 3), java.util.Map.entry("static", 4), java.util.Map.entry("gated", 8),
            java.util.Map.entry("ra", 9), java.util.Map.entry("mrt", 10), java.util.Map.entry("zebra", 11),
            java.util.Map.entry("bird", 12), java.util.Map.entry("dnrouted", 13), java.util.Map.entry("xorp", 14),
            java.util.Map.entry("ntk", 15), java.util.Map.entry("dhcp", 16), java.util.Map.entry("keepalived", 18),
            java.util.Map.entry("babel", 42), java.util.Map.entry("openr", 99), java.util.Map.entry("bgp", 186),
            java.util.Map.entry("isis", 187), java.util.Map.entry("ospf", 188), java.util.Map.entry("rip", 189),
            java.util.Map.entry("eigrp", 192));

    /** rtnl_rtprot_n2a(): a protocol's name from /etc/iproute2/rt_protos, else its number. */
    static String rtProtName(int p) {
        return RTPROT.entrySet().stream().filter(e -> e.getValue() == p).map(java.util.Map.Entry::getKey).findFirst()
                .orElse(Integer.toString(p));
    }

    /** rtnl_rtprot_a2n(): a protocol's number from its name or a number up to 255; -1 if neither. */
    static int rtProt(String w) {
        Integer n = RTPROT.get(w);
        if (n != null) {
            return n;
        }
        long v = Args.unsigned(w);
        return v > 255 ? -1 : (int) v;
    }

    /** iproute_modify(). */
    private int modify(Args a, Mode mode) {
        Args.Prefix dst = null;
        Ipv4Address via = null;
        String devName = null;
        Ipv4Address src = null;
        Integer metric = null;
        String proto = null;
        String scope = null;
        int type = Route.UNICAST;
        boolean onlink = false;
        long table = 254;
        int family = o.family; // req.r.rtm_family: the first address or prefix parsed sets it
        while (a.more()) {
            String w = a.peek();
            if (w.equals("src")) {
                src = Args.addr(a.next(), family);
                family = family == 0 ? 4 : family;
            } else if (w.equals("via")) {
                String v = a.next();
                if (via != null) {
                    throw CommandExit.duparg("via", v);
                }
                if (v.equals("inet")) {
                    v = a.next();
                }
                via = Args.addr(v, family);
                family = family == 0 ? 4 : family;
            } else if (w.equals("dev") || w.equals("oif")) {
                devName = a.next();
            } else if (w.equals("metric") || w.equals("priority") || w.equals("preference")) {
                String v = a.next();
                long m = Args.unsigned(v);
                if (m < 0) {
                    throw CommandExit.invarg("\"metric\" value is invalid\n", v);
                }
                metric = (int) m;
            } else if (Args.matches(w, "protocol")) {
                proto = a.next();
            } else if (Args.matches(w, "scope")) {
                scope = a.next();
                if (!scope.equals("global") && !scope.equals("link") && !scope.equals("host")
                        && !scope.equals("universe")) {
                    throw CommandExit.invarg("invalid \"scope\" value\n", scope);
                }
                if (scope.equals("universe")) {
                    scope = "global";
                }
            } else if (Args.matches(w, "table")) {
                String t = a.next();
                long id = rtTable(t);
                if (id < 0) {
                    throw CommandExit.invarg("\"table\" value is invalid\n", t);
                }
                table = id == 0 ? 254 : id; // fib_new_table(): RT_TABLE_UNSPEC is main
            } else if (w.equals("onlink") || w.equals("mtu") || w.equals("advmss") || w.equals("tos")) {
                if (!w.equals("onlink")) {
                    a.next();
                } else {
                    onlink = true;
                }
            } else {
                if (w.equals("to")) {
                    w = a.next();
                }
                // iproute_modify(): a word not starting with a digit that rtnl_rtntype_a2n() takes is the type
                int t = w.isEmpty() || w.charAt(0) >= '0' && w.charAt(0) <= '9' ? -1 : rtntype(w);
                if (t >= 0) {
                    type = t;
                    w = a.next();
                }
                if (dst != null) {
                    throw CommandExit.duparg2("to", w);
                }
                dst = Args.prefix(w, family); // iproute_modify(): get_prefix(.., req.r.rtm_family)
                // __get_addr_1(): "default", "all" and "any" take the family asked for
                boolean anyFamily = w.equals("default") || w.equals("all") || w.equals("any");
                family = family == 0 && !anyFamily ? 4 : family;
            }
            a.skip();
        }
        if (dst == null) { // iproute_modify(): if (!dst_ok) usage()
            throw new CommandExit(255, io.arplab.tools.Usage.of("ip-route").stripTrailing());
        }
        if (table == 253 || table == 255) {
            throw new CommandExit(2, "ip: the local and default routing tables are not emulated");
        }
        if (type != Route.UNICAST && type != Route.BLACKHOLE && type != Route.UNREACHABLE && type != Route.PROHIBIT) {
            throw new CommandExit(2, "ip: routes of type " + typeName(type) + " are not emulated");
        }
        NetDevice dev = null;
        if (devName != null) {
            dev = stack.device(devName);
            if (dev == null) {
                throw new CommandExit(1, "Cannot find device \"" + devName + "\"");
            }
        }
        Ipv4Address net = dst.address().masked(dst.length());
        if (!net.equals(dst.address())) {
            throw CommandExit.extack("Invalid prefix for given prefix length"); // fib_valid_key_len()
        }
        RouteTable fib = table == 254 ? stack.routes() : stack.otherTables().get(table);
        if (mode == Mode.DELETE) {
            if (fib == null) {
                throw CommandExit.extack("FIB table does not exist"); // inet_rtm_delroute(): fib_get_table()
            }
            Route victim = null;
            for (Route r : fib.routes()) {
                if (r.prefixLength() == dst.length() && r.destination().equals(net)
                        && (metric == null || r.metric() == metric)
                        && (via == null || via.equals(r.gateway()))
                        && (dev == null || r.device() == dev)
                        && (type == Route.UNICAST || r.type() == type)) {
                    victim = r;
                    break;
                }
            }
            if (victim == null) {
                throw CommandExit.rtnetlink("No such process");
            }
            fib.remove(victim);
            return 0;
        }
        if (fib == null) {
            fib = stack.newTable(table); // inet_rtm_newroute(): made before fib_table_insert() checks the route
        }
        if (type == Route.UNICAST) {
            if (via != null && dev == null) {
                Route r = connectedRouteTo(via);
                if (r == null) {
                    throw CommandExit.extack("Nexthop has invalid gateway");
                }
                dev = r.device();
            }
            if (dev == null) {
                throw CommandExit.rtnetlink("No such device");
            }
            if (via != null && !onlink && connectedRouteTo(via, dev) == null) {
                throw CommandExit.extack("Nexthop has invalid gateway");
            }
            if (!dev.isUp()) {
                throw CommandExit.extack("Nexthop device is not up");
            }
        } else {
            dev = null;
            via = null;
        }
        if (src != null && !stack.isLocalAddress(src.bits())) {
            throw CommandExit.extack("Invalid prefsrc address");
        }
        if (scope == null) {
            scope = type == Route.UNICAST && via == null ? "link" : "global";
        }
        String protocol = proto == null ? "boot" : proto;
        int m = metric == null ? 0 : metric;
        Route existing = null;
        for (Route r : fib.routes()) {
            if (r.prefixLength() == dst.length() && r.destination().equals(net) && r.metric() == m) {
                existing = r;
            }
        }
        if (existing == null && mode == Mode.CHANGE) {
            throw CommandExit.rtnetlink("No such file or directory");
        }
        if (existing != null && mode == Mode.ADD) {
            throw CommandExit.rtnetlink("File exists");
        }
        Route r = new Route(net, dst.length(), via, dev, protocol, scope, src, m, type, onlink && via != null);
        if (existing != null) {
            fib.remove(existing);
        }
        fib.add(r);
        return 0;
    }

    private Route connectedRouteTo(Ipv4Address a) {
        for (Route r : stack.routes().routes()) {
            if (r.gateway() == null && r.device() != null && r.type() == Route.UNICAST && r.matches(a.bits())) {
                return r;
            }
        }
        return null;
    }

    private Route connectedRouteTo(Ipv4Address a, NetDevice dev) {
        for (Route r : stack.routes().routes()) {
            if (r.gateway() == null && r.device() == dev && r.matches(a.bits())) {
                return r;
            }
        }
        return null;
    }

    /** The table print_route() names for the route being printed, or null (main, or the one table asked for). */
    String shownTable;

    /** print_route(): one route's line. */
    String format(Route r, boolean showDev) {
        StringBuilder sb = new StringBuilder();
        if (r.type() != Route.UNICAST || o.details > 0) { // -d: the type, protocol and scope even when defaults
            sb.append(typeName(r.type())).append(' ');
        }
        // print_route(): the destination in its family's colour, none for "default" (no RTA_DST)
        sb.append(o.paint(r.prefixLength() == 0 ? null : Color.INET, r.destinationText() + " "));
        if (r.gateway() != null && viaShown) {
            sb.append("via ").append(o.paint(Color.INET, r.gateway() + " "));
        }
        if (r.device() != null && showDev) {
            sb.append("dev ").append(o.paint(Color.IFNAME, r.device().name + " "));
        }
        if (shownTable != null) {
            sb.append("table ").append(shownTable).append(' ');
        }
        if ((!"boot".equals(r.protocol()) || o.details > 0) && protoFilter == null) {
            sb.append("proto ").append(r.protocol()).append(' ');
        }
        if ((!"global".equals(r.scope()) || o.details > 0) && scopeShown) {
            sb.append("scope ").append(r.scope()).append(' ');
        }
        if (r.prefsrc() != null && srcShown) {
            sb.append("src ").append(o.paint(Color.INET, r.prefsrc() + " "));
        }
        if (r.metric() != 0) {
            sb.append("metric ").append(r.metric()).append(' ');
        }
        if (r.onlink()) {
            sb.append("onlink ");
        }
        if (linkdown(r)) {
            sb.append("linkdown ");
        }
        return sb.toString();
    }

    /**
     * RTNH_F_LINKDOWN: fib_sync_down_dev() marks the next hops of a device without carrier, but those of scope
     * nowhere (the host routes of table local) that it spares.
     */
    private boolean linkdown(Route r) {
        return r.device() != null && !view.carrier(r.device()) && !"host".equals(r.scope());
    }

    /** print_route() with -j: the text's facts under their JSON keys, the flags always as an array. */
    void json(Json j, Route r, boolean showDev) {
        j.startObject();
        if (r.type() != Route.UNICAST) {
            j.field("type", typeName(r.type()));
        }
        j.field("dst", r.destinationText());
        if (r.gateway() != null && viaShown) {
            j.field("gateway", r.gateway().toString());
        }
        if (r.device() != null && showDev) {
            j.field("dev", r.device().name);
        }
        if (shownTable != null) {
            j.field("table", shownTable);
        }
        if (!"boot".equals(r.protocol()) && protoFilter == null) {
            j.field("protocol", r.protocol());
        }
        if (!"global".equals(r.scope()) && scopeShown) {
            j.field("scope", r.scope());
        }
        if (r.prefsrc() != null && srcShown) {
            j.field("prefsrc", r.prefsrc().toString());
        }
        if (r.metric() != 0) {
            j.field("metric", r.metric());
        }
        List<String> flags = new ArrayList<>();
        if (r.onlink()) {
            flags.add("onlink");
        }
        if (linkdown(r)) {
            flags.add("linkdown");
        }
        j.strings("flags", flags).endObject();
    }

    /**
     * A destination filter of iproute_list_flush_or_save(): get_prefix() under ip's family; null for none, as
     * __get_addr_1() leaves "all" and "any" without a prefix length, so under AF_UNSPEC filter_nlmsg() checks nothing.
     */
    private Args.Prefix filterPrefix(String w) {
        Args.Prefix p = Args.prefix(w, o.family);
        return o.family == 0 && (w.equals("all") || w.equals("any")) ? null : p;
    }

    private int list(Args a, boolean flush) {
        if (flush && !a.more()) {
            throw new CommandExit(1, "\"ip route flush\" requires arguments."); // iproute_list_flush_or_save()
        }
        String devName = null;
        Args.Prefix exact = null;
        Args.Prefix root = null;
        Args.Prefix match = null;
        Args.Prefix via = null;
        Args.Prefix prefsrc = null;
        int typeFilter = -1;
        int scopeFilter = -1;
        boolean otherTable = false;
        int tos = 0; // filter.tos: every route of arplab's has TOS 0
        long markFilter = 0;
        long tableId = 254; // filter.tb: main unless asked, 0 for every table
        // iproute_list_flush_or_save(): every word is parsed (and refused) before the device is looked up
        while (a.more()) {
            String w = a.peek();
            if (Args.matches(w, "table")) {
                String t = a.next();
                long id = rtTable(t);
                if (id < 0 && !t.equals("all") && !t.equals("cache")) {
                    throw CommandExit.invarg("table id value is invalid\n", t);
                }
                tableId = id < 0 ? 0 : id; // 0 and "all" list every table
                otherTable = id == 253 || t.equals("cache"); // default stays empty
            } else if (Args.matches(w, "vrf")) {
                // ipvrf_get_table(): a host here has no VRF device; "default", while no device has that name, is main
                String v = a.next();
                if (!v.equals("default") || stack.device(v) != null) {
                    throw CommandExit.invarg("Invalid VRF\n", v);
                }
                tableId = 254;
                otherTable = false;
            } else if (Args.matches(w, "cached") || Args.matches(w, "cloned")) {
                otherTable = true; // the IPv4 route cache is gone since Linux 3.6: nothing to list
            } else if (w.equals("tos") || Args.matches(w, "dsfield")) {
                String v = a.next();
                tos = dsfield(v);
                if (tos < 0) {
                    throw CommandExit.invarg("TOS value is invalid\n", v);
                }
            } else if (w.equals("dev") || w.equals("oif")) {
                devName = a.next();
            } else if (Args.matches(w, "type")) {
                String v = a.next();
                typeFilter = rtntype(v);
                if (typeFilter < 0) {
                    throw CommandExit.invarg("node type value is invalid\n", v);
                }
            } else if (Args.matches(w, "protocol")) {
                String v = a.next();
                int p = rtProt(v);
                if (p < 0 && !v.equals("all")) {
                    throw CommandExit.invarg("invalid \"protocol\"\n", v);
                }
                protoFilter = p < 0 ? null : v; // filter.protocolmask = -1: the listing then leaves "proto" out
                protoNumber = p;
            } else if (Args.matches(w, "scope")) {
                String v = a.next();
                scopeFilter = IpLink.rtScope(v);
                if (scopeFilter < 0 && !v.equals("all")) {
                    throw CommandExit.invarg("invalid \"scope\"\n", v);
                }
                scopeShown = scopeFilter < 0; // filter.scopemask = -1: the listing then leaves "scope" out
            } else if (w.equals("via")) {
                String v = a.next();
                if (v.equals("inet")) {
                    v = a.next();
                }
                via = Args.prefix(v, o.family);
            } else if (w.equals("src")) {
                prefsrc = Args.prefix(a.next(), o.family);
            } else if (w.equals("mark")) {
                markFilter = mark(a.next()); // filter_nlmsg(): a table route has no RTA_MARK, its mark is 0
            } else if (Args.matches(w, "metric") || Args.matches(w, "priority") || w.equals("preference")) {
                String v = a.next();
                if (Args.unsigned(v) < 0) {
                    throw CommandExit.invarg("\"metric\" value is invalid\n", v);
                }
            } else {
                if (Args.matches(w, "to")) {
                    w = a.next();
                }
                if (Args.matches(w, "root")) {
                    root = filterPrefix(a.next());
                } else if (Args.matches(w, "match")) {
                    match = filterPrefix(a.next());
                } else {
                    if (Args.matches(w, "exact")) {
                        w = a.next();
                    }
                    exact = filterPrefix(w);
                }
            }
            a.skip();
        }
        NetDevice dev = null;
        if (devName != null) {
            dev = stack.device(devName);
            if (dev == null) {
                throw new CommandExit(1, "Cannot find device \"" + devName + "\"");
            }
        }
        // local, main and default exist from the start, the others once a route was added to them
        boolean missingTable = tableId > 0 && (tableId < 253 || tableId > 255)
                && !stack.otherTables().containsKey(tableId);
        if (missingTable && o.family != 6 && o.family != 17) {
            // fib_valid_dumprule_req(): a dump filtered on a table the namespace never made; iproute_flush() says so
            throw new CommandExit(2, "Error: ipv4: FIB table does not exist.\n" + (flush ? "Flush" : "Dump")
                    + " terminated");
        }
        if (otherTable || tos != 0) {
            return 0;
        }
        viaShown = via == null || via.length() != 32;
        srcShown = prefsrc == null || prefsrc.length() != 32;
        if (o.family == 6 || o.family == 17) {
            return 0;
        }
        // inet_dump_fib(): the tables by fib_table_hash bucket (id & 255), each route with its table
        java.util.TreeMap<Long, RouteTable> dumped = new java.util.TreeMap<>(
                java.util.Comparator.comparingLong((Long id) -> id & 0xff).thenComparingLong(id -> id));
        if (tableId == 0 || tableId == 254) {
            dumped.put(254L, stack.routes());
        }
        if (tableId == 0 || tableId == 255) {
            dumped.put(255L, stack.localTable());
        }
        for (var t : stack.otherTables().entrySet()) {
            if (tableId == 0 || tableId == t.getKey()) {
                dumped.put(t.getKey(), t.getValue());
            }
        }
        List<Route> selected = new ArrayList<>();
        List<Long> tableOf = new ArrayList<>();
        for (var fib : dumped.entrySet()) {
            for (Route r : fib.getValue().routes()) {
                if (dev != null && r.device() != dev || markFilter != 0
                        || typeFilter >= 0 && r.type() != typeFilter
                        || protoFilter != null && rtProt(r.protocol()) != protoNumber
                        || scopeFilter >= 0 && IpLink.rtScope(r.scope()) != scopeFilter
                        || via != null && (r.gateway() == null || !via.contains(r.gateway()))
                        || prefsrc != null && (r.prefsrc() == null || !prefsrc.contains(r.prefsrc()))) {
                    continue;
                }
                if (exact != null && !(r.prefixLength() == exact.length()
                        && r.destination().equals(exact.address().masked(exact.length())))) {
                    continue;
                }
                if (root != null && !(r.prefixLength() >= root.length() && root.contains(r.destination()))) {
                    continue;
                }
                if (match != null && !(r.prefixLength() <= match.length() && r.matches(match.address().bits()))) {
                    continue;
                }
                selected.add(r);
                tableOf.add(fib.getKey());
            }
        }
        if (flush) {
            if (tableOf.contains(255L)) {
                throw new CommandExit(2, "ip: flushing the local routing table is not emulated");
            }
            for (int i = 0; i < selected.size(); i++) {
                dumped.get(tableOf.get(i)).remove(selected.get(i));
            }
            return 0;
        }
        Json j = o.newJson();
        for (int i = 0; i < selected.size(); i++) {
            // print_route(): "table N" when no one table was asked (filter.tb 0), for main only with -d
            shownTable = tableId == 0 && (tableOf.get(i) != 254 || o.details > 0) ? rtTableName(tableOf.get(i))
                    : null;
            if (j != null) {
                json(j, selected.get(i), dev == null);
            } else {
                out.append(format(selected.get(i), dev == null)).append('\n');
            }
        }
        if (j != null) {
            out.append(j.finish());
        }
        return 0;
    }

    /** get_unsigned() of a mark word, or invarg() as iproute_get() and iproute_list_flush_or_save() refuse it. */
    static long mark(String v) {
        long m = Args.unsigned(v);
        if (m < 0) {
            throw CommandExit.invarg("invalid mark value", v);
        }
        return m;
    }

    /** /etc/iproute2/rt_dsfield as iproute2 6.1 ships it. */
    private static final java.util.Map<String, Integer> DSFIELD = java.util.Map.ofEntries(java.util.Map.entry("default", 0),
            java.util.Map.entry("AF11", 0x28), java.util.Map.entry("AF12", 0x30), java.util.Map.entry("AF13", 0x38),
            java.util.Map.entry("AF21", 0x48), java.util.Map.entry("AF22", 0x50), java.util.Map.entry("AF23", 0x58),
            java.util.Map.entry("AF31", 0x68), java.util.Map.entry("AF32", 0x70), java.util.Map.entry("AF33", 0x78),
            java.util.Map.entry("AF41", 0x88), java.util.Map.entry("AF42", 0x90), java.util.Map.entry("AF43", 0x98),
            java.util.Map.entry("CS1", 0x20), java.util.Map.entry("CS2", 0x40), java.util.Map.entry("CS3", 0x60),
            java.util.Map.entry("CS4", 0x80), java.util.Map.entry("CS5", 0xa0), java.util.Map.entry("CS6", 0xc0),
            java.util.Map.entry("CS7", 0xe0), java.util.Map.entry("EF", 0xb8));

    /** rtnl_dsfield_a2n(): a name of rt_dsfield, else strtoul(base 16) of the whole word up to 255; -1 when neither. */
    static int dsfield(String v) {
        Integer named = DSFIELD.get(v);
        if (named != null) {
            return named;
        }
        String hex = v.startsWith("0x") || v.startsWith("0X") ? v.substring(2) : v;
        if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return -1;
        }
        long r = Long.parseLong(hex, 16);
        return r > 255 ? -1 : (int) r;
    }
}
