package io.arplab.flow;

import io.arplab.wire.Ipv6Address;
import io.arplab.wire.libc.CLib;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ovs-vswitchd's tunnel routing state (lib/ovs-router.c, lib/tnl-neigh-cache.c): the route table of
 * {@code ovs/route/*}, the neighbour cache of {@code tnl/neigh/*}, and the addresses netdev-dummy/ip4addr and ip6addr
 * gave dummy netdevs (the routes' source addresses). Commands reply with their text or throw OVS's error text. IPv6
 * routes and neighbours are kept for the commands (and ND snooping); tunnels over IPv6 are not modelled yet.
 */
public final class OvsRouter {
    /** An ovs_router_entry, IPv4 only: priority plen + 96 (IPv4-mapped) + 32 for a user route (ovs_router_add()). */
    public record Route(long dst, int plen, long mark, String bridge, long gw, long src, int priority) {
    }

    /** An IPv6 ovs_router_entry: priority plen + 32 for a user route. */
    public record Route6(Ipv6Address dst, int plen, long mark, String bridge, Ipv6Address gw, Ipv6Address src,
            int priority) {
    }

    /** A tnl_neigh_entry, its address as ipv6_string_mapped() prints it. */
    public record Neigh(String ip, long mac, String bridge) {
    }

    // tnl-neigh-cache.c NEIGH_ENTRY_DEFAULT_IDLE_TIME_MS
    static final long NEIGH_AGING_NS = 15 * 60 * 1_000_000_000L;
    /** neigh_aging: what an entry lives after it is set or looked up (tnl/neigh/aging). */
    private long agingNs = NEIGH_AGING_NS;

    private final List<Route> routes = new ArrayList<>();
    private final List<Route6> routes6 = new ArrayList<>();
    private final Map<String, long[]> in4 = new LinkedHashMap<>();
    /** netdev_dummy_add_in6(): each netdev's IPv6 addresses and masks, in the order they came. */
    private final Map<String, List<Ipv6Address[]>> in6 = new LinkedHashMap<>();
    /** tnl-ports.c's addr_list: the netdevs a route brought in (tnl_port_map_insert_ipdev()), oldest first. */
    private final java.util.Set<String> ipDevs = new java.util.LinkedHashSet<>();
    private final Map<String, Neigh> neighs = new LinkedHashMap<>();
    private final Map<String, Long> expires = new LinkedHashMap<>();
    /** Bumped by every change translations read (tnl_conf_seq: the revalidators then look at every megaflow). */
    long version;

    // netdev_dummy_ip4addr(): the netdev must be one of netdev-dummy's (a dummy port or a bridge's internal port)
    public String ip4addr(Ofproto.Port port, String address) {
        if (port == null || !(port.type.equals("dummy") || port.type.equals("internal"))) {
            throw new FlowParseException("Unknown Dummy Interface");
        }
        in4.put(port.name, FieldParser.ipv4(null, address));
        version++;
        return "OK\n";
    }

    // netdev_dummy_ip6addr(): ipv6_parse_cidr()'s address and prefix, added to the netdev's
    public String ip6addr(Ofproto.Port port, String address) {
        if (port == null || !(port.type.equals("dummy") || port.type.equals("internal"))) {
            throw new FlowParseException("Unknown Dummy Interface");
        }
        Ipv6Address[] a = cidr6(address);
        if (a == null) {
            throw new FlowParseException(address + ": invalid IPv6 address");
        }
        in6.computeIfAbsent(port.name, k -> new ArrayList<>()).add(a);
        version++;
        return "OK\n";
    }

    // ovs_router_add(): ip_addr/prefix_len out_br_name [gw|pkt_mark=mark] [pkt_mark=mark]
    public String add(List<String> args) {
        Ipv6Address[] v6 = cidr6(args.get(0));
        if (v6 != null && !args.get(0).contains(".")) {
            return add6(v6, args);
        }
        int[] plen = new int[1];
        long dst = cidr(args.get(0), plen);
        long mark = 0, gw = 0;
        if (args.size() > 2) {
            Long m = pktMark(args.get(2));
            Long g = inetPton(args.get(2));
            if (m == null && g == null) {
                throw new FlowParseException("Invalid pkt_mark or gateway");
            }
            mark = m != null ? m : 0;
            gw = g != null ? g : 0;
        }
        if (args.size() > 3) {
            Long m = pktMark(args.get(3));
            if (m == null) {
                throw new FlowParseException("Invalid pkt_mark");
            }
            mark = m;
        }
        String bridge = args.get(1);
        // ovs_router_get_netdev_source_address(): the longest of the bridge's addresses whose subnet holds dst, else gw
        Long src = source(bridge, dst);
        if (src == null && gw != 0) {
            src = source(bridge, gw);
        }
        if (src == null) {
            throw new FlowParseException("Error while inserting route.");
        }
        // plen + 96 (IPv4-mapped) + 32: a user route outranks the cached routes of the same length;
        // classifier_replace() puts a route with the same match in the place of the old one
        Route r = new Route(dst & mask(plen[0]), plen[0], mark, bridge, gw, src, plen[0] + 128);
        ipDevs.add(bridge);
        int old = find(r.dst, r.plen, mark);
        if (old >= 0) {
            routes.set(old, r);
            version++;
        } else {
            routes.add(r);
            version++;
        }
        return "OK\n";
    }

    // ovs_router_add() of an IPv6 prefix: its gateway an IPv6 address, its source the first of the bridge's IPv6
    // addresses whose subnet holds dst (or the gateway)
    private String add6(Ipv6Address[] dst, List<String> args) {
        long mark = 0;
        Ipv6Address gw = Ipv6Address.ANY;
        for (int i = 2; i < args.size(); i++) {
            Long m = pktMark(args.get(i));
            Ipv6Address g = i == 2 ? Ipv6Address.parse(args.get(i)) : null;
            if (m == null && g == null) {
                throw new FlowParseException(i == 2 ? "Invalid pkt_mark or gateway" : "Invalid pkt_mark");
            }
            mark = m != null ? m : mark;
            gw = g != null ? g : gw;
        }
        String bridge = args.get(1);
        Ipv6Address src = source6(bridge, dst[0]);
        if (src == null && !gw.equals(Ipv6Address.ANY)) {
            src = source6(bridge, gw);
        }
        if (src == null) {
            throw new FlowParseException("Error while inserting route.");
        }
        int plen = prefix(dst[1]);
        Route6 r = new Route6(and(dst[0], dst[1]), plen, mark, bridge, gw, src, plen + 32);
        ipDevs.add(bridge);
        int old = find6(r.dst, plen, mark);
        if (old >= 0) {
            routes6.set(old, r);
        } else {
            routes6.add(r);
        }
        version++;
        return "OK\n";
    }

    private int find6(Ipv6Address dst, int plen, long mark) {
        for (int i = 0; i < routes6.size(); i++) {
            Route6 r = routes6.get(i);
            if (r.dst.equals(dst) && r.plen == plen && r.mark == mark) {
                return i;
            }
        }
        return -1;
    }

    // ovs_router_get_netdev_source_address(): the first address of the netdev whose subnet holds ip
    private Ipv6Address source6(String bridge, Ipv6Address ip) {
        for (Ipv6Address[] a : in6.getOrDefault(bridge, List.of())) {
            if (and(a[0], a[1]).equals(and(ip, a[1]))) {
                return a[0];
            }
        }
        return null;
    }

    private static Ipv6Address and(Ipv6Address a, Ipv6Address m) {
        return new Ipv6Address(a.hi() & m.hi(), a.lo() & m.lo());
    }

    private static int prefix(Ipv6Address m) {
        return Long.bitCount(m.hi()) + Long.bitCount(m.lo());
    }

    // ipv6_parse_cidr(): an address with a CIDR prefix (or none: /128), else null
    private static Ipv6Address[] cidr6(String s) {
        long[] v;
        try {
            v = FieldParser.ipv6(s);
        } catch (FlowParseException e) {
            return null;
        }
        Ipv6Address m = new Ipv6Address(v[3], v[1]);
        int n = prefix(m);
        long hi = n == 0 ? 0 : n >= 64 ? -1L : -1L << (64 - n);
        long lo = n <= 64 ? 0 : n == 128 ? -1L : -1L << (128 - n);
        return m.hi() == hi && m.lo() == lo ? new Ipv6Address[] {new Ipv6Address(v[2], v[0]), m} : null;
    }

    // ovs_router_del(): ip_addr/prefix_len [pkt_mark=mark]
    public String del(List<String> args) {
        Ipv6Address[] v6 = cidr6(args.get(0));
        if (v6 != null && !args.get(0).contains(".")) {
            long mark = markArg(args);
            int old = find6(and(v6[0], v6[1]), prefix(v6[1]), mark);
            if (old < 0) {
                throw new FlowParseException("Not found");
            }
            ipDevs.remove(routes6.remove(old).bridge);
            version++;
            return "OK\n";
        }
        int[] plen = new int[1];
        long dst = cidr(args.get(0), plen);
        long mark = markArg(args);
        int old = find(dst & mask(plen[0]), plen[0], mark);
        if (old < 0) {
            throw new FlowParseException("Not found");
        }
        // rt_entry_delete__()'s tnl_port_map_delete_ipdev(): the netdev leaves, whatever other routes use it
        ipDevs.remove(routes.remove(old).bridge);
        version++;
        return "OK\n";
    }

    // rt_entry_delete()'s classifier_find_rule_exactly(): a user route's match and priority
    private int find(long dst, int plen, long mark) {
        for (int i = 0; i < routes.size(); i++) {
            Route r = routes.get(i);
            if (r.dst == dst && r.plen == plen && r.mark == mark && r.priority == plen + 128) {
                return i;
            }
        }
        return -1;
    }

    // ovs_router_show(): CLS_FOR_EACH, subtables (one per prefix length) by priority, a subtable's routes in their
    // order; arplab has no cached routes yet
    public String show() {
        StringBuilder sb = new StringBuilder("Route Table:\n");
        List<Route6> v6 = new ArrayList<>(routes6);
        v6.sort((a, b) -> Integer.compare(b.priority, a.priority));
        for (Route r : sorted()) { // an IPv4 route's priority (plen + 128) is above every IPv6 user route's
            showLine(sb, MatchFormat.ip(r.dst), r.plen, r.mark, r.bridge, r.gw == 0 ? null : MatchFormat.ip(r.gw),
                    MatchFormat.ip(r.src));
        }
        for (Route6 r : v6) {
            showLine(sb, r.dst.toString(), r.plen, r.mark, r.bridge, r.gw.equals(Ipv6Address.ANY) ? null
                    : r.gw.toString(), r.src.toString());
        }
        return sb.toString();
    }

    private static void showLine(StringBuilder sb, String dst, int plen, long mark, String bridge, String gw,
            String src) {
        sb.append("User: ").append(dst).append('/').append(plen);
        if (mark != 0) {
            sb.append(" MARK ").append(mark);
        }
        sb.append(" dev ").append(bridge);
        if (gw != null) {
            sb.append(" GW ").append(gw);
        }
        sb.append(" SRC ").append(src).append('\n');
    }

    /**
     * A tnl-ports.c listening port: the tunnel datapath port {@code dev} ({@code dpPort}) taking the packets of its IP
     * protocol (and UDP port, 0 for GRE) to the addresses of the netdevs a route brought in; {@code refCount} is the
     * OpenFlow tunnel ports on it.
     */
    public record Listener(String dev, int dpPort, int nwProto, int tpPort, int refCount) {}

    /**
     * tnl_port_show(): the listening ports in the order they came (port_list), or with -v each one's classifier entry
     * per address of a netdev a route brought in (tnl_port_show_v()), in the datapath flow syntax; {@code macOf}
     * gives a netdev's MAC.
     */
    public String portsShow(List<String> args, List<Listener> ports, java.util.function.Function<String, Long> macOf) {
        if (args.size() > 1) {
            throw new FlowParseException("\"tnl/ports/show\" command takes at most 1 arguments");
        }
        StringBuilder sb = new StringBuilder("Listening ports:\n");
        if (args.isEmpty() || !args.get(0).equalsIgnoreCase("-v")) {
            for (Listener l : ports) {
                sb.append(l.dev()).append(" (").append(l.dpPort()).append(") ref_cnt=").append(l.refCount())
                        .append('\n');
            }
            return sb.toString();
        }
        for (Listener l : ports) {
            for (String dev : ipDevs) {
                long[] a = in4.get(dev);
                Long mac = macOf.apply(dev);
                List<String> l3 = new ArrayList<>(); // netdev_get_addr_list(): the IPv4 address, then the IPv6 ones
                if (a != null) {
                    l3.add("eth_type(0x0800),ipv4(dst=" + MatchFormat.ip(a[0]));
                }
                for (Ipv6Address[] b : in6.getOrDefault(dev, List.of())) {
                    l3.add("eth_type(0x86dd),ipv6(dst=" + b[0]);
                }
                for (String x : mac == null ? List.<String>of() : l3) {
                    sb.append(l.dev()).append(" (").append(l.dpPort()).append(") : eth(dst=")
                            .append(MatchFormat.mac(mac)).append("),").append(x).append(",proto=")
                            .append(l.nwProto()).append(",frag=no)");
                    if (l.tpPort() != 0) {
                        sb.append(",udp(dst=").append(l.tpPort()).append(')');
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }

    // tnl_neigh_cache_add(): BRIDGE IP MAC
    public String neighSet(List<String> args, long now) {
        Long ip = inetPton(args.get(1));
        Ipv6Address ip6 = ip == null ? Ipv6Address.parse(args.get(1)) : null;
        if (ip == null && ip6 == null) {
            throw new FlowParseException("bad IP address");
        }
        Long mac = FieldParser.mac(args.get(2));
        if (mac == null) {
            throw new FlowParseException("bad MAC address");
        }
        neighSet(args.get(0), ip != null ? MatchFormat.ip(ip) : ip6.toString(), mac, now);
        return "OK\n";
    }

    void neighSet(String bridge, long ip, long mac, long now) {
        neighSet(bridge, MatchFormat.ip(ip), mac, now);
    }

    // tnl_neigh_set(): the same MAC refreshes the entry; another replaces it
    void neighSet(String bridge, String ip, long mac, long now) {
        Neigh old = neighs.put(bridge + " " + ip, new Neigh(ip, mac, bridge));
        if (old == null || old.mac != mac) {
            version++;
        }
        expires.put(bridge + " " + ip, now + agingNs);
    }

    /**
     * tnl_neigh_cache_aging(): without an argument the aging time in seconds; else 1 to 3600
     * (NEIGH_ENTRY_MAX_AGING_TIME_S) seconds, every entry expiring no later than that from now.
     */
    public String neighAging(List<String> args, long now) {
        if (args.isEmpty()) {
            return agingNs / 1_000_000_000L + "\n";
        }
        long s;
        try {
            s = Long.parseLong(args.get(0)); // ovs_scan()'s "%"SCNu32
        } catch (NumberFormatException e) {
            s = -1;
        }
        if (s <= 0 || s > 3600) {
            throw new FlowParseException("bad aging value");
        }
        agingNs = s * 1_000_000_000L;
        expires.replaceAll((k, exp) -> Math.min(exp, now + agingNs));
        return "OK\n";
    }

    // tnl_neigh_cache_show(): the address padded to INET6_ADDRSTRLEN (46); tnl_neigh_cache_run() has deleted the
    // expired entries already, so none shows STALE
    public String neighShow(long now) {
        expires.entrySet().removeIf(e -> e.getValue() <= now && neighs.remove(e.getKey()) != null);
        StringBuilder sb = new StringBuilder("IP                                            MAC                 Bridge\n");
        sb.append("==========================================================================\n");
        for (Neigh n : neighs.values()) {
            String ip = n.ip;
            sb.append(ip).append(" ".repeat(46 - ip.length())).append(MatchFormat.mac(n.mac)).append("   ")
                    .append(n.bridge).append('\n');
        }
        return sb.toString();
    }

    // tnl_neigh_lookup(): an entry not yet expired, whose life a lookup renews; null on a miss
    Long neighLookup(String bridge, long ip, long now) {
        return neighLookup(bridge, MatchFormat.ip(ip), now);
    }

    /** The same for an address as ipv6_string_mapped() prints it (an IPv6 neighbour's). */
    Long neighLookup(String bridge, String ip, long now) {
        String k = bridge + " " + ip;
        Long exp = expires.get(k);
        if (exp == null || exp <= now) {
            return null;
        }
        expires.put(k, now + agingNs);
        return neighs.get(k).mac;
    }

    // the commands' optional second argument, pkt_mark=N: 0 without one, "Invalid pkt_mark" for a bad one
    private static long markArg(List<String> args) {
        if (args.size() < 2) {
            return 0;
        }
        Long m = pktMark(args.get(1));
        if (m == null) {
            throw new FlowParseException("Invalid pkt_mark");
        }
        return m;
    }

    /**
     * ovs/route/lookup IP [pkt_mark=N] (ovs_router_lookup_cmd()): an IPv4 address (scan_ipv4_route(), /32 if a
     * prefix is given) or an IPv6 one (/128); the route's source, gateway and bridge as ipv6_format_mapped() prints
     * them.
     */
    public String lookupCmd(List<String> args) {
        String a = args.get(0);
        Long v4 = null;
        Ipv6Address[] v6 = null;
        try {
            int[] plen = new int[1];
            long dst = cidr(a, plen);
            v4 = plen[0] == 32 ? dst : null;
        } catch (FlowParseException e) {
            v6 = cidr6(a);
        }
        if (v4 == null && (v6 == null || prefix(v6[1]) != 128)) {
            throw new FlowParseException("Invalid parameters");
        }
        long mark = markArg(args);
        if (v4 != null) {
            Route r = lookup(v4, mark, 0);
            if (r == null) {
                throw new FlowParseException("Not found");
            }
            // a route added without a gateway holds in6addr_any, not a mapped 0.0.0.0
            return "src " + MatchFormat.ip(r.src) + "\ngateway " + (r.gw == 0 ? "::" : MatchFormat.ip(r.gw)) + "\ndev "
                    + r.bridge + "\n";
        }
        Route6 r = lookup6(v6[0], mark);
        if (r == null) {
            throw new FlowParseException("Not found");
        }
        return "src " + r.src + "\ngateway " + r.gw + "\ndev " + r.bridge + "\n";
    }

    /**
     * ovs_router_lookup(): the route with the longest prefix for {@code dst} (the user routes; arplab has no cached
     * ones), or null. A set tunnel source needs a local route of its own, which only the kernel's table has.
     */
    Route lookup(long dst, long mark, long src) {
        if (src != 0) {
            return null;
        }
        Route best = null;
        for (Route r : routes) {
            if (r.mark == mark && (dst & mask(r.plen)) == r.dst && (best == null || r.priority > best.priority)) {
                best = r;
            }
        }
        return best;
    }

    /**
     * ovs_router_lookup() of an IPv6 destination: the user route with the longest prefix (the highest priority), or
     * null. native_tunnel_output() passes no source for an IPv6 tunnel (only flow->tunnel.ip_src becomes s_ip6).
     */
    Route6 lookup6(Ipv6Address dst, long mark) {
        Route6 best = null;
        for (Route6 r : routes6) {
            Ipv6Address m = new Ipv6Address(r.plen == 0 ? 0 : r.plen >= 64 ? -1L : -1L << (64 - r.plen),
                    r.plen <= 64 ? 0 : r.plen == 128 ? -1L : -1L << (128 - r.plen));
            if (r.mark == mark && and(dst, m).equals(r.dst) && (best == null || r.priority > best.priority)) {
                best = r;
            }
        }
        return best;
    }

    /** ovs_router_get_netdev_source_address() of an IPv6 destination: the bridge's address on its subnet, or null. */
    Ipv6Address sourceAddress6(String bridge, Ipv6Address dst) {
        return source6(bridge, dst);
    }

    /** The netdevs a route brought in (tnl-ports.c's addr_list), oldest first. */
    java.util.Set<String> ipDevs() {
        return ipDevs;
    }

    /** Netdev {@code dev}'s IPv6 addresses, in the order they came. */
    List<Ipv6Address> addresses6(String dev) {
        return in6.getOrDefault(dev, List.of()).stream().map(a -> a[0]).toList();
    }

    /** Whether netdev {@code dev} has an IPv6 address. */
    boolean hasAddress6(String dev) {
        return in6.containsKey(dev);
    }

    /** Whether {@code ip} is one of the IPv6 addresses of netdev {@code dev} (is_neighbor_reply_correct()). */
    boolean hasAddress6(String dev, Ipv6Address ip) {
        return in6.getOrDefault(dev, List.of()).stream().anyMatch(a -> a[0].equals(ip));
    }

    /** A netdev's address and mask (netdev-dummy/ip4addr), or null. */
    long[] address(String dev) {
        return in4.get(dev);
    }

    // tnl_neigh_cache_flush(): tnl_conf_seq (a revalidation) changes only if an entry went
    public String neighFlush() {
        if (!neighs.isEmpty()) {
            version++;
        }
        neighs.clear();
        expires.clear();
        return "OK\n";
    }

    /** tnl_neigh_flush(): the entries set on {@code name}, as xlate_ofport_remove() drops a removed port's. */
    void neighFlush(String name) {
        if (neighs.values().removeIf(n -> n.bridge.equals(name))) {
            expires.keySet().removeIf(k -> !neighs.containsKey(k));
            version++;
        }
    }

    private List<Route> sorted() {
        List<Route> l = new ArrayList<>(routes);
        l.sort((a, b) -> Integer.compare(b.plen, a.plen));
        return l;
    }

    private Long source(String bridge, long ip) {
        long[] a = in4.get(bridge);
        return a != null && (a[0] & a[1]) == (ip & a[1]) ? a[0] : null;
    }

    // scan_ipv4_route(): ip_parse_cidr(); any error is "Invalid parameters" (no IPv6 routes in arplab)
    private static long cidr(String s, int[] plen) {
        long[] v;
        try {
            v = FieldParser.ipv4(null, s);
        } catch (FlowParseException e) {
            throw new FlowParseException("Invalid parameters");
        }
        long m = v[1];
        int n = Long.bitCount(m);
        if (m != mask(n)) {
            throw new FlowParseException("Invalid parameters");
        }
        plen[0] = n;
        return v[0];
    }

    // inet_pton(AF_INET): null when glibc refuses it (IPv6 is not modelled: refused)
    static Long inetPton(String s) {
        long a = CLib.inetPton4(s);
        return a < 0 ? null : a;
    }

    private static long mask(int plen) {
        return plen == 0 ? 0 : (0xffffffffL << (32 - plen)) & 0xffffffffL;
    }

    // ovs_scan(s, "pkt_mark=%"SCNi32): decimal, 0x hex or 0 octal; trailing text ignored as sscanf does
    private static Long pktMark(String s) {
        if (!s.startsWith("pkt_mark=")) {
            return null;
        }
        var m = java.util.regex.Pattern.compile("^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)")
                .matcher(s.substring(9));
        if (!m.find()) {
            return null;
        }
        String d = m.group(2);
        long v;
        try {
            v = d.startsWith("0x") || d.startsWith("0X") ? Long.parseLong(d.substring(2), 16)
                    : d.startsWith("0") ? Long.parseLong(d, 8) : Long.parseLong(d);
        } catch (NumberFormatException e) {
            v = 0xffffffffL;
        }
        return (m.group(1).equals("-") ? -v : v) & 0xffffffffL;
    }
}
