package io.arplab.tools.iproute;

import io.arplab.stack.Errno;
import io.arplab.stack.HostStack;
import io.arplab.stack.InputRoute;
import io.arplab.stack.NetDevice;
import io.arplab.stack.Route;
import io.arplab.tools.ToolContext;
import io.arplab.wire.Ipv4Address;
import java.util.List;

/**
 * {@code ip route get} (ip/iproute.c's iproute_get(), and what the kernel's inet_rtm_getroute() answers it): the
 * route a packet would take, as the cloned (cache) route rt_fill_info() describes, or with "fibmatch" the fib entry
 * that matched; printed by {@link IpRoute}'s print_route().
 */
final class IpRouteGet {
    private final IpRoute route;
    private final ToolContext ctx;
    private final HostStack stack;
    private final Ip.Options o;
    private final StringBuilder out;

    IpRouteGet(IpRoute route, ToolContext ctx, HostStack stack, Ip.Options o, StringBuilder out) {
        this.route = route;
        this.ctx = ctx;
        this.stack = stack;
        this.o = o;
        this.out = out;
    }

    /** iproute2's _SL_: the line break inside one route, a backslash with -o. */
    private String sl() {
        return o.oneline ? "\\" : "\n";
    }

    /** Whether the answer being printed carried RTA_PREFSRC or RTA_SRC ("connected" asks again with it). */
    private boolean sourceAnswered;
    /** "fibmatch": RTM_F_FIB_MATCH, the answer is the fib entry that matched (fib_dump_info()). */
    private boolean fibMatch;
    /** "connected" without "from": iproute_get() asks twice. */
    private boolean connected;

    /**
     * iproute_get(): with "connected" and no "from", the answer is printed, then asked for again with the same
     * request (the answer's RTA_PREFSRC turned into RTA_SRC changes only the answer, not the request sent again) and
     * printed again, as text even under -j; an answer without a source fails ("Failed to connect the route").
     */
    int get(Args a) {
        int start = out.length();
        Args again = a.copy();
        sourceAnswered = false;
        connected = false;
        int rc = getOnce(a);
        if (rc == 0 && connected) {
            if (!sourceAnswered) {
                throw new CommandExit(1, "Failed to connect the route");
            }
            if (o.json) { // the JSON writer is gone by the second print_route(): it prints text
                o.json = false;
                getOnce(again);
                o.json = true;
            } else {
                out.append(out, start, out.length());
            }
        }
        return rc;
    }

    /** ip route get ADDR [from A] [oif DEV]: the route a packet would take, as a cloned (cache) route. */
    private int getOnce(Args a) {
        Ipv4Address dst = null;
        String odev = null; // iproute_get(): looked up once every word is read, iif first
        String idev = null;
        Ipv4Address from = null;
        long mark = 0; // RTA_MARK, the flow's mark: rt_fill_info() echoes it when not 0
        int family = o.family; // req.r.rtm_family: the first address given sets it
        while (a.more()) {
            String w = a.peek();
            if (w.equals("tos") || Args.matches(w, "dsfield")) { // iproute_get()'s order of words and abbreviations
                String v = a.next(); // "d" is dsfield: tested before dev
                if (IpRoute.dsfield(v) < 0) {
                    throw CommandExit.invarg("TOS value is invalid\n", v);
                }
            } else if (Args.matches(w, "from")) {
                from = Args.prefix(a.next(), family).address(); // iproute_get(): preferred_family
                family = family == 0 ? 4 : family;
            } else if (Args.matches(w, "oif") || w.equals("dev")) {
                odev = a.next();
            } else if (Args.matches(w, "mark")) {
                mark = IpRoute.mark(a.next());
            } else if (Args.matches(w, "iif")) {
                idev = a.next();
            } else if (w.equals("uid")
                    || w.equals("ipproto") || w.equals("sport") || w.equals("dport")) {
                a.next();
            } else if (w.equals("connected")) {
                connected = true;
            } else if (w.equals("fibmatch")) {
                fibMatch = true;
            } else {
                if (w.equals("to")) {
                    w = a.next();
                }
                if (Args.matches(w, "help")) {
                    return route.run(new Args(List.of("help")));
                }
                // a later address replaces the first; anything but /32 draws a warning
                Args.Prefix p = Args.prefix(w, family);
                // __get_addr_1(): "default", "all" and "any" take the family asked for, so AF_UNSPEC stays unspec
                boolean anyFamily = w.equals("default") || w.equals("all") || w.equals("any");
                family = family == 0 && !anyFamily ? 4 : family;
                if (family == 4 && p.length() != 32) {
                    ctx.err().println("Warning: /" + p.length() + " as prefix is invalid, only /32 (or none) is supported.");
                }
                dst = p.address();
            }
            a.skip();
        }
        if (dst == null) {
            throw new CommandExit(1, "need at least a destination address");
        }
        connected &= from == null;
        NetDevice iif = idev == null ? null : stack.device(idev);
        if (idev != null && iif == null) {
            throw new CommandExit(1, "Cannot find device \"" + idev + "\"");
        }
        NetDevice oif = odev == null ? null : stack.device(odev);
        if (odev != null && oif == null) {
            throw new CommandExit(1, "Cannot find device \"" + odev + "\"");
        }
        if (iif != null) {
            return getInput(iif, dst, from, mark);
        }
        if (from != null && !stack.isLocalAddress(from.bits())) {
            // ip_route_output_key_hash_rcu(): a source that is none of ours (__ip_dev_find() fails)
            throw CommandExit.rtnetlink(Errno.ENETUNREACH.text);
        }
        boolean local = stack.isLocalFor(dst.bits(), oif); // oif on another device: "assume on link" below
        if (local && stack.localRouteRefused()) {
            throw CommandExit.rtnetlink(Errno.EINVAL.text);
        }
        if (local) {
            if (fibMatch) {
                int d = dst.bits();
                return printFib(localRoute(d), Route.LOCAL);
            }
            // RTA_SRC of the request; no RTA_PREFSRC when it is the source
            Ipv4Address prefsrc = from == null ? stack.sourceAddress(dst, null) : null;
            printCached("local", dst, from, null, "lo", prefsrc, mark, List.of("local"), -1, true);
            return 0;
        }
        if (from != null && oif == null && dst.isLimitedBroadcast()) {
            // ip_route_output_key_hash_rcu(): a limited broadcast from a source of ours leaves by the source's device
            // (__ip_dev_find()), made without a fib lookup, so with no table (res.table NULL)
            if (fibMatch) {
                return printFib(null, Route.BROADCAST);
            }
            printCached("broadcast", dst, from, null, sourceDevice(from).name, null, mark, List.of("local", "brd"),
                    -1, false);
            return 0;
        }
        // fib_lookup(): table local's broadcast routes are /32, the longest match (broadcast 127.255.255.255 dev lo)
        Ipv4Address to = dst;
        Route localBrd = oif != null ? null : stack.localTable().routes().stream()
                .filter(x -> x.type() == Route.BROADCAST && x.destination().equals(to)).findFirst().orElse(null);
        Route r = localBrd != null ? localBrd : stack.outputRoute(dst, oif);
        if (r == null || r.type() == Route.UNREACHABLE) {
            throw CommandExit.rtnetlink((r == null ? Errno.ENETUNREACH : Errno.EHOSTUNREACH).text);
        }
        if (r.type() == Route.PROHIBIT) {
            throw CommandExit.rtnetlink("Permission denied");
        }
        if (r.type() == Route.BLACKHOLE) {
            throw CommandExit.rtnetlink("Invalid argument");
        }
        if (from != null && (from.bits() >>> 24) == 127 && !r.device().loopback) {
            throw CommandExit.rtnetlink("Invalid argument"); // __mkroute_output(): a loopback source off lo
        }
        if (fibMatch) { // fib_dump_info() of the matched entry with the type of the route made (rt_type)
            return printFib(localBrd != null ? localBrd : r, localBrd != null || isBroadcast(r.device(), dst)
                    ? Route.BROADCAST : r.type());
        }
        Ipv4Address src = from != null ? from : localBrd != null ? localBrd.prefsrc() : stack.sourceAddress(dst, oif);
        boolean brd = localBrd != null || isBroadcast(r.device(), dst);
        HostStack.Redirected redirected = stack.redirected(dst, ctx.now());
        Ipv4Address via = null;
        if (brd) {
            redirected = null; // __mkroute_output(): RTN_BROADCAST drops the fib result, so no gateway
        } else if (redirected != null && stack.usesGateway(r) && redirected.dev() == r.device()) {
            via = redirected.gateway();
        } else if (stack.usesGateway(r)) {
            via = r.gateway();
        } else {
            redirected = null;
        }
        // __mkroute_output(): a route out of a loopback device is RTCF_LOCAL (`ip route get X oif lo`)
        List<String> cache = brd ? List.of("local", "brd") : r.device().loopback ? List.of("local")
                : redirected != null ? List.of("redirected") : List.of();
        // the exception's remaining life in whole seconds, as rt_fill_info() reports it
        long expires = redirected == null ? -1 : (redirected.expires() - ctx.now()) / 1_000_000_000L;
        // rt_fill_info(): RTA_PREFSRC only when not the asked source (none: 0.0.0.0)
        boolean asked = from != null || src == null || src.bits() == 0;
        printCached(brd ? "broadcast" : "unicast", dst, from, via, r.device().name, asked ? null : src, mark,
                cache, expires, true);
        return 0;
    }

    /** The local table's longest local route to {@code dst} (fib_table_lookup() there). */
    private Route localRoute(int dst) {
        return stack.localTable().routes().stream().filter(x -> x.type() == Route.LOCAL && x.matches(dst))
                .max(java.util.Comparator.comparingInt(Route::prefixLength)).orElse(null);
    }

    /**
     * inet_rtm_getroute() with RTM_F_FIB_MATCH: the fib entry as fib_dump_info() gives it, typed as the route made
     * ({@code rtType}: "broadcast default via ..." for 255.255.255.255), printed as ip route show prints it; with no
     * rules the local table is merged into main (fib_unmerge() has not run), so its entries show as main's. None (a
     * route made without a fib lookup, or one assumed on the link of an oif) is EHOSTUNREACH.
     */
    private int printFib(Route fib, int rtType) {
        long table = fib == null ? -1 : tableOf(fib);
        if (table < 0) {
            throw CommandExit.rtnetlink(Errno.EHOSTUNREACH.text);
        }
        Route r = fib.type() == rtType ? fib : new Route(fib.destination(), fib.prefixLength(), fib.gateway(),
                fib.device(), fib.protocol(), fib.scope(), fib.prefsrc(), fib.metric(), rtType, fib.onlink());
        table = table == 255 ? 254 : table;
        route.shownTable = table != 254 || o.details > 0 ? IpRoute.rtTableName(table) : null;
        sourceAnswered = r.prefsrc() != null;
        if (o.json) {
            Json j = o.newJson();
            route.json(j, r, true);
            out.append(j.finish());
        } else {
            out.append(route.format(r, true)).append('\n');
        }
        return 0;
    }

    /** The id of the table holding {@code r}, or -1. */
    private long tableOf(Route r) {
        if (stack.routes().routes().contains(r)) {
            return 254;
        }
        if (stack.localTable().routes().contains(r)) {
            return 255;
        }
        for (var t : stack.otherTables().entrySet()) {
            if (t.getValue().routes().contains(r)) {
                return t.getKey();
            }
        }
        return -1;
    }

    /** inet_rtm_getroute() with RTA_IIF: the input route (ip_route_input_rcu()) of a datagram come in on iif. */
    private int getInput(NetDevice iif, Ipv4Address dst, Ipv4Address from, long mark) {
        InputRoute.Result r = InputRoute.lookup(stack, iif, from == null ? 0 : from.bits(), dst.bits());
        if (r.error() != null) {
            throw CommandExit.rtnetlink(r.error().text);
        }
        if (fibMatch) { // ip_route_input_slow()'s fib result; a limited broadcast is made without one
            return switch (r.kind()) {
                case LOCAL -> printFib(localRoute(dst.bits()), Route.LOCAL);
                case BROADCAST -> printFib(dst.isLimitedBroadcast() ? null : stack.localTable().routes().stream()
                        .filter(x -> x.type() == Route.BROADCAST && x.destination().equals(dst)).findFirst()
                        .orElse(null), Route.BROADCAST);
                default -> printFib(r.route(), r.kind() == InputRoute.Kind.FORWARD_BROADCAST ? Route.BROADCAST
                        : Route.UNICAST);
            };
        }
        switch (r.kind()) {
            case LOCAL -> printCached("local", dst, from, null, "lo", null, mark, List.of("local"), -1, true, iif.name);
            case BROADCAST -> printCached("broadcast", dst, from, null, "lo", null, mark, List.of("local", "brd"), -1,
                    !dst.isLimitedBroadcast(), iif.name);
            default -> {
                Ipv4Address via = r.route() != null && stack.usesGateway(r.route()) ? r.route().gateway() : null;
                printCached(r.kind() == InputRoute.Kind.FORWARD_BROADCAST ? "broadcast" : "unicast", dst, from, via,
                        r.out().name, null, mark,
                        r.redirect() ? List.of("redirect") : List.of(), -1, true, iif.name);
            }
        }
        return 0;
    }

    private void printCached(String type, Ipv4Address dst, Ipv4Address from, Ipv4Address via, String dev,
                             Ipv4Address prefsrc, long mark, List<String> cache, long expires, boolean looked) {
        printCached(type, dst, from, via, dev, prefsrc, mark, cache, expires, looked, null);
    }

    /**
     * print_route() of the cloned route ip route get answers: its type unless unicast (always under -d), the asked
     * source, gateway and device, "table main" under -d when a fib lookup made it ({@code looked}:
     * inet_rtm_getroute()'s RTM_F_LOOKUP_TABLE, the local routes being merged into main), the preferred source,
     * mark, uid and the cache flags, with a redirect exception's {@code expires} (-1: none); an input route
     * ({@code iif} not null) has no uid and names its input device last.
     */
    private void printCached(String type, Ipv4Address dst, Ipv4Address from, Ipv4Address via, String dev,
                             Ipv4Address prefsrc, long mark, List<String> cache, long expires, boolean looked,
                             String iif) {
        boolean table = o.details > 0 && looked;
        boolean typeShown = !type.equals("unicast") || o.details > 0;
        sourceAnswered = prefsrc != null || from != null;
        if (o.json && expires < 0) {
            Json j = o.newJson().startObject();
            if (typeShown) {
                j.field("type", type);
            }
            j.field("dst", dst.toString());
            if (from != null) {
                j.field("from", from.toString());
            }
            if (via != null) {
                j.field("gateway", via.toString());
            }
            j.field("dev", dev);
            if (table) {
                j.field("table", "main");
            }
            if (prefsrc != null) {
                j.field("prefsrc", prefsrc.toString());
            }
            j.strings("flags", List.of());
            if (mark != 0) {
                j.field("mark", mark);
            }
            if (iif == null) {
                j.field("uid", 0);
            }
            j.strings("cache", cache);
            if (iif != null) {
                j.field("iif", iif);
            }
            j.endObject();
            out.append(j.finish());
            return;
        }
        out.append(typeShown ? type + " " : "").append(o.paint(Color.INET, dst + " "));
        if (from != null) {
            out.append(o.paint(Color.INET, "from " + from + " "));
        }
        if (via != null) {
            out.append("via ").append(o.paint(Color.INET, via + " "));
        }
        out.append("dev ").append(o.paint(Color.IFNAME, dev + " "));
        if (table) {
            out.append("table main ");
        }
        if (prefsrc != null) {
            out.append("src ").append(o.paint(Color.INET, prefsrc + " "));
        }
        out.append(markText(mark)).append(iif == null ? "uid 0 " : "").append(sl()).append("    cache ");
        if (!cache.isEmpty()) {
            out.append('<').append(String.join(",", cache)).append("> ");
        }
        if (expires >= 0) {
            out.append("expires ").append(expires).append("sec ");
        }
        if (iif != null) {
            out.append("iif ").append(o.paint(Color.IFNAME, iif + " "));
        }
        out.append('\n');
    }

    /** print_route(): a mark not 0 in decimal under 16, in hex from 16 on. */
    private static String markText(long mark) {
        return mark == 0 ? "" : mark < 16 ? "mark " + mark + " " : "mark 0x" + Long.toHexString(mark) + " ";
    }

    /** __ip_dev_find(): the device holding a local address, else (a local route's, as 127.1.2.3's) lo. */
    private NetDevice sourceDevice(Ipv4Address a) {
        for (NetDevice d : stack.devices()) {
            if (d.addresses().stream().anyMatch(x -> x.address().equals(a))) {
                return d;
            }
        }
        return stack.devices().stream().filter(d -> d.loopback).findFirst().orElseThrow();
    }

    private static boolean isBroadcast(NetDevice d, Ipv4Address a) {
        if (a.isLimitedBroadcast()) {
            return true;
        }
        for (NetDevice.Address x : d.addresses()) {
            if (a.equals(x.broadcast()) || a.equals(x.ifaBroadcast())) {
                return true;
            }
        }
        return false;
    }
}
