package io.arplab.tools.iproute;

import io.arplab.device.Switch;
import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.tools.ToolContext;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;

/** {@code ip address} and {@code ip link} (ip/ipaddress.c, ip/iplink.c): listing, address changes, link set. */
final class IpLink {
    private final ToolContext ctx;
    private final HostView view;
    private final HostStack stack;
    private final Ip.Options o;
    private final StringBuilder out;
    private final boolean link;

    IpLink(ToolContext ctx, HostView view, Ip.Options o, StringBuilder out, boolean link) {
        this.ctx = ctx;
        this.view = view;
        this.stack = view.stack;
        this.o = o;
        this.out = out;
        this.link = link;
    }

    int run(Args a) {
        if (!a.more()) {
            return list(a);
        }
        String c = a.take();
        if (link) {
            if (Args.matches(c, "set") || Args.matches(c, "change")) {
                return set(a);
            }
            if (Args.matches(c, "show") || Args.matches(c, "lst") || Args.matches(c, "list")) {
                return list(a);
            }
            if (Args.matches(c, "add") || Args.matches(c, "delete")) {
                if (Args.matches(c, "delete") && a.more()) {
                    // iplink_parse(): without NLM_F_CREATE the device must exist (nodev())
                    String name = a.peek().equals("dev") ? a.next() : a.peek();
                    if (stack.device(name) == null) {
                        throw new CommandExit(1, "Cannot find device \"" + name + "\"");
                    }
                }
                throw new CommandExit(2, "RTNETLINK answers: Operation not supported");
            }
            if (Args.matches(c, "xstats")) {
                return xstats(a);
            }
            if (Args.matches(c, "help")) {
                throw new CommandExit(255, io.arplab.tools.Usage.of("ip-link").stripTrailing()); // iplink.c usage()
            }
            throw new CommandExit(255, "Command \"" + c + "\" is unknown, try \"ip link help\".");
        }
        if (Args.matches(c, "add")) {
            return modify(a, true, false);
        }
        if (Args.matches(c, "change") || c.equals("chg")) {
            return modify(a, true, true);
        }
        if (Args.matches(c, "replace")) {
            return modify(a, true, true);
        }
        if (Args.matches(c, "delete")) {
            return modify(a, false, false);
        }
        if (Args.matches(c, "list") || Args.matches(c, "show") || Args.matches(c, "lst")) {
            return list(a);
        }
        if (Args.matches(c, "flush")) {
            return flush(a);
        }
        if (Args.matches(c, "help")) {
            throw new CommandExit(255, io.arplab.tools.Usage.of("ip-address").stripTrailing()); // ipaddress.c usage()
        }
        throw new CommandExit(255, "Command \"" + c + "\" is unknown, try \"ip address help\".");
    }

    /** Link kinds iproute2 6.1 has a link_util for (get_link_kind()), and those that print xstats. */
    private static final java.util.Set<String> LINK_KINDS = java.util.Set.of("bridge", "bridge_slave", "bond",
            "bond_slave", "veth", "vlan", "vxlan", "macvlan", "macvtap", "ipvlan", "ipvtap", "vrf", "geneve", "gre",
            "gretap", "ipip", "sit", "ip6tnl", "ip6gre", "ip6gretap", "vti", "vti6", "macsec", "team", "team_slave",
            "hsr", "can", "xfrm", "bareudp", "amt", "rmnet", "gtp", "wwan", "virt_wifi", "ipoib", "nlmon",
            "dsa", "lowpan", "vcan", "vxcan", "erspan", "ip6erspan");
    private static final java.util.Set<String> XSTATS_KINDS = java.util.Set.of("bridge", "bridge_slave", "bond",
            "bond_slave");

    /** iplink_ifla_xstats(): ip link xstats type TYPE [ ARGS ] | help. */
    private int xstats(Args a) {
        if (!a.more()) {
            throw new CommandExit(1, "xstats: missing argument");
        }
        String w = a.peek();
        if (Args.matches(w, "type")) {
            String kind = a.next();
            if (!LINK_KINDS.contains(kind)) {
                throw CommandExit.invarg("invalid type", kind);
            }
            if (!XSTATS_KINDS.contains(kind)) {
                throw new CommandExit(1, "xstats: link type " + kind + " doesn't support xstats");
            }
            throw new CommandExit(2, "ip: xstats of " + kind + " devices are not emulated");
        }
        if (Args.matches(w, "help")) {
            out.append("Usage: ... xstats type TYPE [ ARGS ]\n");
            return 0;
        }
        throw CommandExit.invarg("unknown argument", w);
    }

    // ------------------------------------------------------------------------------------------ listing

    /** ipaddress.c's filter: what ip addr show/flush select (to, scope, label, flags), and the link filters. */
    private Args.Prefix pfx;
    private int scopeFilter = -1;
    private String label;
    private int flags;
    private int flagmask;

    /** ifa_flag_names[] (IFA_F_*) by name, as get_filter() takes them. */
    private static final java.util.Map<String, Integer> IFA_FLAGS = java.util.Map.ofEntries(
            java.util.Map.entry("secondary", 0x01), java.util.Map.entry("temporary", 0x01),
            java.util.Map.entry("nodad", 0x02), java.util.Map.entry("optimistic", 0x04),
            java.util.Map.entry("dadfailed", 0x08), java.util.Map.entry("home", 0x10),
            java.util.Map.entry("deprecated", 0x20), java.util.Map.entry("tentative", 0x40),
            java.util.Map.entry("permanent", 0x80), java.util.Map.entry("mngtmpaddr", 0x100),
            java.util.Map.entry("noprefixroute", 0x200), java.util.Map.entry("autojoin", 0x400),
            java.util.Map.entry("stable-privacy", 0x800));

    /** get_filter(): an address flag, "-" before it inverting; dynamic is -permanent, primary -secondary. */
    private boolean flagFilter(String w) {
        boolean inv = w.startsWith("-");
        String name = inv ? w.substring(1) : w;
        if (name.equals("dynamic") || name.equals("primary")) {
            inv = !inv;
            name = name.equals("dynamic") ? "permanent" : "secondary";
        }
        Integer mask = IFA_FLAGS.get(name);
        if (mask == null) {
            return false;
        }
        flagmask |= mask;
        flags = inv ? flags & ~mask : flags | mask;
        return true;
    }

    /** ipaddr_filter() and print_addrinfo(): whether an address passes the filter (every one here is permanent). */
    private boolean selected(NetDevice d, NetDevice.Address x) {
        int f = 0x80 | (x.secondary() ? 0x01 : 0);
        return (scopeFilter < 0 || x.scope() == scopeFilter) && ((flags ^ f) & flagmask) == 0
                && (label == null || fnmatch(label, x.label())) && (pfx == null || pfx.contains(x.address()));
    }

    /** fnmatch(3) without flags: '*', '?' and bracket expressions. */
    private static boolean fnmatch(String pattern, String s) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : c == '[' || c == ']' ? String.valueOf(c)
                    : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        try {
            return s.matches(re.toString());
        } catch (java.util.regex.PatternSyntaxException e) {
            return pattern.equals(s);
        }
    }

    /** The addresses of d that pass the filter. */
    private List<NetDevice.Address> shown(NetDevice d) {
        return d.addresses().stream().filter(x -> selected(d, x)).toList();
    }

    private int list(Args a) {
        if (link) {
            o.family = 17; // ipaddr_list_link(): preferred_family = AF_PACKET, whatever -f said
        }
        String filterDev = filterArgs(a);
        List<NetDevice> devs = new ArrayList<>();
        if (filterDev != null) {
            devs.add(stack.device(filterDev));
        } else {
            devs.addAll(stack.devices());
        }
        long now = ctx.now();
        Json j = o.newJson();
        for (NetDevice d : devs) {
            // the kernel filters a dump on master and kind (iplink_filter_req()); print_linkinfo() filters the
            // rest, and one link asked by name, after ipaddr_list_flush_or_save() opened its JSON object
            boolean dumpFiltered = filterDev == null && (master != null && !master.equals(d.master())
                    || kind != null && !kind.equals(d.kind()));
            boolean printFiltered = upOnly && !d.isUp() || master != null && !master.equals(d.master())
                    || nomaster && d.master() != null || kind != null && !kind.equals(d.kind());
            if (dumpFiltered) {
                continue;
            }
            // ipaddr_filter(): a link stays with an address that passes, or with none at all and no family asked
            if (!link && o.family != 17 && shown(d).isEmpty() && !(d.addresses().isEmpty() && o.family == 0)) {
                continue;
            }
            if (!link && o.family == 6) {
                continue;
            }
            if (printFiltered) {
                if (j != null && !(nomaster && d.master() != null)) {
                    j.startObject().endObject();
                }
                continue;
            }
            if (j != null && o.brief) {
                briefJson(j, d);
            } else if (j != null && label != null && !link) {
                j.startObject(); // print_linkinfo() returns at once under a label filter: only the addresses
                if (o.family != 17) {
                    addrInfo(j, d);
                }
                j.endObject();
            } else if (j != null) {
                json(j, d);
            } else if (o.brief) {
                brief(d);
            } else if (o.oneline) {
                // -o: "\\" for each inner newline; ip addr then prints only the addresses, each after "N: DEV"
                if (link) {
                    out.append(oneline(linkInfo(d, now)));
                } else {
                    for (String rec : addresses(d).split("(?<=\n)(?=    inet )")) {
                        if (!rec.isEmpty()) {
                            out.append(d.ifindex).append(": ").append(d.name).append(oneline(rec));
                        }
                    }
                }
            } else if (label != null && !link) {
                out.append(addresses(d)); // print_linkinfo() prints nothing of a link under a label filter
            } else {
                out.append(linkInfo(d, now)).append(link ? "" : addresses(d));
                if (!link && o.stats > 0) {
                    out.append(LinkStats.of(d).text(o.stats)); // print_link_stats() after the addresses
                }
            }
        }
        if (j != null) {
            out.append(j.finish());
        }
        return 0;
    }

    private String master;
    private String kind;
    private boolean upOnly;
    private boolean nomaster;

    /** ipaddr_list_flush_or_save()'s words, shared by show and flush; the device (checked to exist) or null. */
    private String filterArgs(Args a) {
        String filterDev = null;
        while (a.more()) {
            String w = a.peek();
            if (w.equals("to")) {
                pfx = Args.prefix(a.next(), o.family);
                if (o.family == 0) {
                    o.family = 4; // filter.family = filter.pfx.family
                }
            } else if (w.equals("scope")) {
                String v = a.next();
                scopeFilter = rtScope(v);
                if (scopeFilter < 0 && !v.equals("all")) {
                    throw CommandExit.invarg("invalid \"scope\"\n", v);
                }
            } else if (w.equals("up")) {
                upOnly = true;
            } else if (flagFilter(w)) {
                // an address flag
            } else if (w.equals("label")) {
                label = a.next();
            } else if (w.equals("group")) {
                String v = a.next();
                if (!v.equals("default") && Args.unsigned(v) < 0) {
                    throw CommandExit.invarg("Invalid \"group\" value\n", v);
                }
            } else if (w.equals("master") || w.equals("vrf")) {
                String v = a.next();
                if (stack.device(v) == null) {
                    throw CommandExit.invarg(w.equals("vrf") ? "Not a valid VRF name\n" : "Device does not exist\n", v);
                }
                if (w.equals("vrf")) {
                    throw CommandExit.invarg("Not a valid VRF name\n", v);
                }
                master = v; // filter.master: the ports of that device
            } else if (w.equals("nomaster")) {
                nomaster = true;
            } else if (w.equals("type")) {
                kind = a.next(); // filter.kind: IFLA_INFO_KIND
            } else {
                if (w.equals("dev")) {
                    w = a.next();
                } else if (Args.matches(w, "help")) {
                    run(new Args(List.of("help")));
                }
                if (filterDev != null) {
                    throw CommandExit.duparg2("dev", w);
                }
                filterDev = w;
            }
            a.skip();
        }
        if (filterDev != null && stack.device(filterDev) == null) {
            throw new CommandExit(1, "Device \"" + filterDev + "\" does not exist.");
        }
        return filterDev;
    }

    /** -o: the inner newlines of one record become "\\". */
    private static String oneline(String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return body.replace("\n", "\\") + "\n";
    }

    /** print_linkinfo_brief() / print_addrinfo brief with -j: name, state, then the addresses or MAC and flags. */
    private void briefJson(Json j, NetDevice d) {
        j.startObject();
        if (d.peerIfindex() > 0) {
            j.field("link_index", d.peerIfindex());
        }
        j.field("ifname", d.name).field("operstate", view.operstate(d));
        if (link) {
            String flags = view.flags(d).trim();
            j.field("address", d.mac().toString())
                    .strings("flags", List.of(flags.substring(1, flags.length() - 1).split(",")));
        } else {
            j.name("addr_info").startArray();
            for (NetDevice.Address x : o.family == 6 ? List.<NetDevice.Address>of() : shown(d)) {
                j.startObject().field("local", x.address().toString()).field("prefixlen", x.prefixLength())
                        .endObject();
            }
            j.endArray();
        }
        j.endObject();
    }

    private void brief(NetDevice d) {
        if (label == null || link) { // print_linkinfo(): nothing of a link under a label filter
            out.append(o.paint(Color.IFNAME, String.format("%-16s ", view.nameAndLink(d))));
            String state = view.operstate(d);
            out.append(o.paint(Color.operstate(state), String.format("%-14s ", state)));
        }
        if (link) {
            out.append(o.paint(Color.MAC, d.mac() + " ")).append(view.flags(d));
        } else {
            if (o.family != 6) {
                for (NetDevice.Address x : shown(d)) {
                    out.append(o.paint(Color.INET, x.address().toString())).append('/').append(x.prefixLength())
                            .append(' ');
                }
            }
        }
        out.append('\n');
    }

    /** IFLA_QDISC: noop_qdisc until dev_activate() first attaches the default one (noqueue: IFF_NO_QUEUE devices). */
    private static String qdisc(NetDevice d) {
        return d.activated() ? "noqueue" : "noop";
    }

    /** print_linkinfo(): the header line and the link/ether line (with -d, the details). */
    String linkInfo(NetDevice d, long now) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.ifindex).append(": ").append(o.paint(Color.IFNAME, view.nameAndLink(d) + ": "));
        sb.append(view.flags(d));
        sb.append("mtu ").append(d.mtu()).append(' ');
        sb.append("qdisc ").append(qdisc(d)).append(' ');
        if (d.master() != null) {
            sb.append("master ").append(d.master()).append(' ');
        }
        String state = view.operstate(d);
        sb.append("state ").append(o.paint(Color.operstate(state), state + " "));
        if (link) {
            sb.append("mode DEFAULT ");
        }
        sb.append("group default ");
        sb.append("qlen ").append(d.txqlen());
        if (o.family == 0 || o.family == 17 || o.details > 0) {
            // the link/ line only without a family filter (-4 leaves it out; what follows stays on the first line)
            sb.append("\n    ");
            if (d.loopback) {
                sb.append("link/loopback ").append(o.paint(Color.MAC, d.mac().toString())).append(" brd ")
                        .append(o.paint(Color.MAC, "00:00:00:00:00:00"));
            } else {
                sb.append("link/ether ").append(o.paint(Color.MAC, d.mac().toString())).append(" brd ")
                        .append(o.paint(Color.MAC, "ff:ff:ff:ff:ff:ff"));
            }
        }
        if (d.linkNetnsId() >= 0) {
            if (d.linkNetnsName() != null) {
                sb.append(" link-netns ").append(d.linkNetnsName());
            } else {
                sb.append(" link-netnsid ").append(d.linkNetnsId());
            }
        }
        if (o.details > 0) {
            sb.append(details(d, now));
        }
        sb.append('\n');
        if (link && o.stats > 0) {
            sb.append(LinkStats.of(d).text(o.stats));
        }
        return sb.toString();
    }

    private String details(NetDevice d, long now) {
        StringBuilder sb = new StringBuilder();
        boolean port = d.master() != null;
        int promisc = port ? 1 : 0;
        sb.append(" promiscuity ").append(promisc).append(' ');
        sb.append(" allmulti ").append(promisc).append(' ');
        sb.append("minmtu ").append(d.loopback ? 0 : 68).append(' ');
        sb.append("maxmtu ").append(d.loopback ? 0 : 65535).append(' ');
        Switch br = view.bridgeOf(d);
        int queues = 1;
        if (br != null) {
            sb.append("\n    ").append(br.kind()).append(' ').append(br.fdb() != null ? bridgeDetails(br, d, now) : "");
        } else if ("veth".equals(d.kind())) {
            sb.append("\n    veth ");
            queues = 2;
        }
        Switch master = view.masterBridge(d);
        if (master != null) {
            sb.append("\n    bridge_slave ").append(slaveDetails(master, d, now));
        }
        if (link) {
            sb.append("addrgenmode eui64 "); // print_af_spec(): ip link only (print_linkinfo()'s do_link)
        }
        sb.append("numtxqueues ").append(queues).append(" numrxqueues ").append(queues)
                .append(" gso_max_size 65536 gso_max_segs 65535 tso_max_size 524280 tso_max_segs 65535"
                        + " gro_max_size 65536 ");
        return sb.toString();
    }

    private static String bridgeId(MacAddress mac) {
        StringBuilder sb = new StringBuilder("8000.");
        for (int i = 0; i < 6; i++) {
            sb.append(Integer.toHexString(mac.octet(i)));
            if (i < 5) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    private static String timer(long nanos) {
        long cs = Math.max(0, nanos) / 10_000_000L;
        return String.format("%4d.%02d", cs / 100, cs % 100);
    }

    private static String bridgeDetails(Switch br, NetDevice d, long now) {
        String id = bridgeId(d.mac());
        long next = br.nextDeadline();
        long gc = next == Long.MAX_VALUE ? br.fdb().ageingTime() : next - now;
        return "forward_delay 1500 hello_time 200 max_age 2000 ageing_time " + br.fdb().ageingTime() / 10_000_000L
                + " stp_state 0 priority 32768 vlan_filtering 0 bridge_id " + id + " designated_root " + id
                + " root_port 0 root_path_cost 0 topology_change 0 topology_change_detected 0 hello_timer "
                + timer(0) + " tcn_timer " + timer(0) + " topology_change_timer " + timer(0) + " gc_timer "
                + timer(gc) + learned(br.fdb()) + " group_fwd_mask 0 group_address 01:80:c2:00:00:00 mcast_snooping "
                + (br.fdb().mcastSnooping() ? 1 : 0)
                + " no_linklocal_learn 0 mcast_vlan_snooping 0 mcast_router 1 mcast_query_use_ifaddr 0"
                + " mcast_querier 0 mcast_hash_elasticity 16 mcast_hash_max 4096 mcast_last_member_count 2"
                + " mcast_startup_query_count 2 mcast_last_member_interval 100 mcast_membership_interval 26000"
                + " mcast_querier_interval 25500 mcast_query_interval 12500 mcast_query_response_interval 1000"
                + " mcast_startup_query_interval 3124 mcast_stats_enabled 0 mcast_igmp_version 2"
                + " mcast_mld_version 1 nf_call_iptables 0 nf_call_ip6tables 0 nf_call_arptables 0 ";
    }

    /**
     * iproute2 6.8 prints IFLA_BR_FDB_N_LEARNED and IFLA_BR_FDB_MAX_LEARNED after gc_timer; arplab's ip is 6.1 (which
     * prints neither) apart from this option, so they appear once a limit is set.
     */
    private static String learned(io.arplab.device.Fdb fdb) {
        return fdb.maxLearned() == 0 ? "" : " fdb_n_learned " + fdb.learnedCount() + " fdb_max_learned " + fdb.maxLearned();
    }

    private String slaveDetails(Switch br, NetDevice d, long now) {
        int no = view.portNumber(br, d);
        String id = bridgeId(br.mac());
        String state = view.carrier(d) ? "forwarding" : "disabled";
        return "state " + state + " priority 32 cost 2 hairpin off guard off root_block off fastleave off learning on"
                + " flood on port_id 0x" + Integer.toHexString(0x8000 | no) + " port_no 0x" + Integer.toHexString(no)
                + " designated_port " + (0x8000 | no) + " designated_cost 0 designated_bridge " + id
                + " designated_root " + id + " hold_timer " + timer(0) + " message_age_timer " + timer(0)
                + " forward_delay_timer " + timer(br instanceof io.arplab.device.LinuxBridge lb
                        ? lb.forwardDelayTimer(d.name, now) * 10_000_000L : 0) + " topology_change_ack 0 config_pending 0 proxy_arp off"
                + " proxy_arp_wifi off mcast_router 1 mcast_fast_leave off mcast_flood on bcast_flood on"
                + " mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off"
                + " isolated off locked off ";
    }

    /** print_linkinfo() (and print_addrinfo() for ip addr) with -j: the text's facts under their JSON keys. */
    private void json(Json j, NetDevice d) {
        j.startObject().field("ifindex", d.ifindex);
        if (d.peerIfindex() > 0) {
            j.field("link_index", d.peerIfindex()); // print_name_and_link(): a peer in another namespace
        }
        j.field("ifname", d.name);
        String flags = view.flags(d).trim();
        j.strings("flags", List.of(flags.substring(1, flags.length() - 1).split(",")));
        j.field("mtu", d.mtu()).field("qdisc", qdisc(d));
        if (d.master() != null) {
            j.field("master", d.master());
        }
        j.field("operstate", view.operstate(d));
        if (link) {
            j.field("linkmode", "DEFAULT");
        }
        j.field("group", "default").field("txqlen", d.txqlen());
        if (o.family == 0 || o.family == 17 || o.details > 0) {
            j.field("link_type", d.loopback ? "loopback" : "ether").field("address", d.mac().toString())
                    .field("broadcast", d.loopback ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff");
        }
        if (d.linkNetnsId() >= 0) {
            j.field("link_netnsid", d.linkNetnsId()); // JSON keeps the id even when the namespace has a name
        }
        if (o.details > 0) {
            jsonDetails(j, d);
        }
        if (link && o.stats > 0) {
            LinkStats.of(d).json(j, o.stats);
        }
        if (!link && o.family != 17) {
            addrInfo(j, d);
        }
        j.endObject();
    }

    /**
     * print_linkinfo()'s show_details with -j: the text's details under their JSON keys. A bridge's and a bridge
     * port's linkinfo (info_data, info_slave_data) are not written in JSON.
     */
    private void jsonDetails(Json j, NetDevice d) {
        int promisc = d.master() != null ? 1 : 0;
        j.field("promiscuity", promisc).field("allmulti", promisc).field("min_mtu", d.loopback ? 0 : 68)
                .field("max_mtu", d.loopback ? 0 : 65535);
        boolean veth = "veth".equals(d.kind());
        if (veth && view.masterBridge(d) == null) {
            j.name("linkinfo").startObject().field("info_kind", "veth").endObject();
        }
        int queues = veth ? 2 : 1;
        if (link) {
            j.field("inet6_addr_gen_mode", "eui64");
        }
        j.field("num_tx_queues", queues).field("num_rx_queues", queues).field("gso_max_size", 65536)
                .field("gso_max_segs", 65535).field("tso_max_size", 524280).field("tso_max_segs", 65535)
                .field("gro_max_size", 65536);
    }

    /** print_selected_addrinfo(): the addr_info array, which ipaddr_list_flush_or_save() leaves out for -f link. */
    private void addrInfo(Json j, NetDevice d) {
        j.name("addr_info").startArray();
        for (NetDevice.Address x : o.family == 6 ? List.<NetDevice.Address>of() : shown(d)) {
            j.startObject().field("family", "inet").field("local", x.address().toString())
                    .field("prefixlen", x.prefixLength());
            if (x.ifaBroadcast() != null) {
                j.field("broadcast", x.ifaBroadcast().toString());
            }
            j.field("scope", scopeName(x.scope()));
            if (x.secondary()) {
                j.name("secondary").bool(true);
            }
            j.field("label", x.label()).field("valid_life_time", 0xffff_ffffL)
                    .field("preferred_life_time", 0xffff_ffffL).endObject();
        }
        j.endArray();
    }

    /** print_addrinfo() for each IPv4 address. */
    private String addresses(NetDevice d) {
        StringBuilder sb = new StringBuilder();
        if (o.family == 6 || o.family == 17) {
            return "";
        }
        for (NetDevice.Address x : shown(d)) {
            sb.append("    inet ").append(o.paint(Color.INET, x.address().toString())).append('/')
                    .append(x.prefixLength()).append(' ');
            if (x.ifaBroadcast() != null) {
                sb.append("brd ").append(o.paint(Color.INET, x.ifaBroadcast() + " "));
            }
            sb.append("scope ").append(scopeName(x.scope())).append(' ');
            if (x.secondary()) {
                sb.append("secondary ");
            }
            sb.append(x.label()).append('\n');
            sb.append("       valid_lft forever preferred_lft forever\n");
        }
        return sb.toString();
    }

    /** rtnl_rtscope_n2a(). */
    static String scopeName(int scope) {
        return switch (scope) {
            case 0 -> "global";
            case 200 -> "site";
            case 253 -> "link";
            case 254 -> "host";
            case 255 -> "nowhere";
            default -> Integer.toString(scope);
        };
    }

    /** rtnl_rtscope_a2n(): a name or a number 0..255; -1 if neither. */
    static int rtScope(String v) {
        for (int sc : new int[] {0, 200, 253, 254, 255}) {
            if (scopeName(sc).equals(v)) {
                return sc;
            }
        }
        long n = Args.unsigned(v);
        return n > 255 ? -1 : (int) n;
    }

    /** ip addr add's scope: {@link #rtScope}, or iproute2's error. */
    static int scopeNumber(String v) {
        int n = rtScope(v);
        if (n < 0) {
            throw CommandExit.invarg("invalid scope value.", v);
        }
        return n;
    }

    // ------------------------------------------------------------------------------------ ip addr add/del

    private int modify(Args a, boolean add, boolean replace) {
        String devName = null;
        Args.Prefix local = null;
        String brd = null;
        String label = null;
        int scope = -1;
        while (a.more()) {
            String w = a.peek();
            if (w.equals("peer") || w.equals("remote") || w.equals("anycast")) {
                throw new CommandExit(2, "RTNETLINK answers: Operation not supported");
            } else if (Args.matches(w, "broadcast") || w.equals("brd")) {
                String v = a.next();
                if (brd != null) {
                    throw CommandExit.duparg("broadcast", v);
                }
                if (!v.equals("+") && !v.equals("-")) {
                    Args.addr(v, true);
                }
                brd = v;
            } else if (w.equals("dev")) {
                devName = a.next();
            } else if (w.equals("scope")) {
                scope = scopeNumber(a.next());
            } else if (w.equals("label")) {
                label = a.next();
            } else if (w.equals("metric") || w.equals("priority")
                    || w.equals("preference") || Args.matches(w, "valid_lft") || Args.matches(w, "preferred_lft")
                    || w.equals("proto")) {
                a.next();
            } else if (w.equals("noprefixroute") || w.equals("nodad") || w.equals("home")
                    || w.equals("mngtmpaddr") || w.equals("autojoin")) {
                // flags without effect on IPv4 here
            } else {
                if (w.equals("local")) {
                    w = a.next();
                }
                if (local != null) { // ipaddr_modify(): duparg2()
                    throw CommandExit.duparg2("local", w);
                }
                local = Args.prefix(w, o.family);
            }
            a.skip();
        }
        if (devName == null) {
            throw new CommandExit(1, "Not enough information: \"dev\" argument is required.");
        }
        if (!add && local != null && !local.lengthGiven()) { // ipaddr_modify(): before the device is looked up
            ctx.err().print("Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
                    + "         Explicitly specify the prefix length (" + local.address()
                    + "/32) to avoid this warning.\n"
                    + "         This special behaviour is likely to disappear in further releases,\n"
                    + "         fix your scripts!\n");
        }
        // ipaddr_modify(): a computed broadcast (+, -) wants AF_INET, checked before the device is looked up
        boolean computedBrd = brd != null && (brd.equals("+") || brd.equals("-"));
        boolean inet = local != null || o.family == 4 || brd != null && !computedBrd;
        if (add && computedBrd && !inet) {
            throw new CommandExit(1, "Broadcast can be set only for IPv4 addresses");
        }
        // iproute2 6.1 sends any label (is_valid_label() is gone); the kernel keeps it as given
        NetDevice dev = stack.device(devName);
        if (dev == null) {
            throw new CommandExit(1, "Cannot find device \"" + devName + "\"");
        }
        if (label != null && label.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Args.IFNAMSIZ - 1) {
            // ifa_ipv4_policy[IFA_LABEL] is an NLA_STRING of at most IFNAMSIZ - 1 bytes: validate_nla() refuses a
            // longer one before inet_rtm_newaddr() or inet_rtm_deladdr() looks at anything else
            throw CommandExit.extack("Attribute failed policy validation");
        }
        // with no local address the request keeps preferred_family unless a brd address set AF_INET; AF_UNSPEC has no
        // RTM_NEWADDR/RTM_DELADDR handler (rtnetlink_rcv_msg(): -EOPNOTSUPP)
        if (local == null && !inet) {
            throw new CommandExit(2, "RTNETLINK answers: Operation not supported");
        }
        if (local == null && add) {
            throw CommandExit.extack("ipv4: Local address is not supplied"); // rtm_to_ifaddr()
        }
        if (!add) {
            // inet_rtm_deladdr(): the first address with this local address (and prefix length and IFA_LABEL, when
            // given); with no IFA_LOCAL the device's first address
            NetDevice.Address victim = null;
            for (NetDevice.Address x : dev.addresses()) {
                if ((local == null || x.address().equals(local.address())
                        && (!local.lengthGiven() || x.prefixLength() == local.length()))
                        && (label == null || label.equals(x.label()))) {
                    victim = x;
                    break;
                }
            }
            if (victim == null) {
                throw CommandExit.extack("ipv4: Address not found");
            }
            long now = ctx.now();
            final NetDevice.Address gone = victim;
            ctx.act(ob -> stack.removeAddress(now, dev, gone));
            return 0;
        }
        Ipv4Address addr = local.address();
        int len = local.length();
        if (scope < 0) {
            scope = addr.isLoopback() ? NetDevice.SCOPE_HOST : NetDevice.SCOPE_UNIVERSE; // iproute2 default_scope()
        }
        Ipv4Address ifaBrd = null;
        if (brd != null) {
            if (brd.equals("+")) {
                ifaBrd = len >= 31 ? null : Ipv4Address.of(addr.bits() | ~Ipv4Address.netmask(len));
            } else if (brd.equals("-")) {
                ifaBrd = len >= 31 ? null : addr.masked(len);
            } else {
                ifaBrd = Args.addr(brd, true);
            }
        }
        String error;
        try {
            error = stack.addAddress(dev, addr, len, ifaBrd, scope, label != null ? label : dev.name);
        } catch (IllegalArgumentException e) {
            throw CommandExit.rtnetlink("Invalid argument");
        }
        if (error != null && !(replace && error.equals("ipv4: Address already assigned"))) {
            throw CommandExit.extack(error);
        }
        return 0;
    }

    private int flush(Args a) {
        if (!a.more()) {
            throw new CommandExit(1, "Flush requires arguments.");
        }
        String devName = filterArgs(a);
        List<NetDevice> devs = devName != null ? List.of(stack.device(devName))
                : o.family == 6 || o.family == 17 ? List.of() : stack.devices();
        long now = ctx.now();
        ctx.act(ob -> {
            // ipaddr_flush(): the dump's order, each a deladdr; a primary's secondaries may go with it
            for (NetDevice dev : devs) {
                for (NetDevice.Address x : new ArrayList<>(dev.addresses())) {
                    if (dev.addresses().contains(x) && selected(dev, x)) {
                        stack.removeAddress(now, dev, x);
                    }
                }
            }
        });
        return 0;
    }

    // ------------------------------------------------------------------------------------ ip link set

    /** iplink_parse(): check_altifname(), no empty name, '/' or white space. */
    private static String checkAltifname(String name) {
        if (name.isEmpty() || name.chars().anyMatch(c -> c == '/' || Character.isWhitespace(c))) {
            throw CommandExit.invarg("\"dev\" not a valid ifname", name);
        }
        return name;
    }

    private int set(Args a) {
        String devName = null;
        Boolean up = null;
        MacAddress mac = null;
        byte[] address = null;
        Integer mtu = null;
        Boolean arp = null;
        Integer txqlen = null;
        while (a.more()) {
            String w = a.peek();
            if (w.equals("up")) {
                up = true;
            } else if (w.equals("down")) {
                up = false;
            } else if (Args.matches(w, "link")) {
                a.next(); // iplink_parse(): IFLA_LINK, looked up only when a device is created ("l" abbreviates it)
            } else if (Args.matches(w, "address")) {
                String v = a.next();
                address = Args.lladdr(v, 32); // iplink_parse()'s abuf[32]
            } else if (w.equals("mtu")) { // iplink_parse(): strcmp(); "m" is a prefix of "master" below
                String v = a.next();
                if (mtu != null) {
                    throw CommandExit.duparg("mtu", v);
                }
                long m = Args.unsigned(v);
                if (m < 0) {
                    throw CommandExit.invarg("Invalid \"mtu\" value\n", v);
                }
                mtu = (int) m;
            } else if (w.equals("dev")) {
                String v = a.next();
                if (devName != null) {
                    throw CommandExit.duparg2("dev", v);
                }
                devName = checkAltifname(v);
            } else if (w.equals("arp") || w.equals("multicast") || w.equals("allmulticast")
                    || w.equals("promisc") || Args.matches(w, "dynamic")) { // iplink_parse(): matches() "dynamic"
                w = Args.matches(w, "dynamic") ? "dynamic" : w;
                String v = a.next();
                if (!v.equals("on") && !v.equals("off")) { // iplink_parse(): on_off()
                    throw new CommandExit(1, "Error: argument of \"" + w + "\" must be \"on\" or \"off\", not \""
                            + v + "\"");
                }
                if (w.equals("arp")) {
                    arp = v.equals("on");
                }
            } else if (Args.matches(w, "master")) {
                String v = a.next();
                if (stack.device(v) == null) { // iplink_parse(): ll_name_to_index()
                    throw CommandExit.invarg("Device does not exist\n", v);
                }
                throw CommandExit.rtnetlink("Operation not supported"); // enslaving at run time is not emulated
            } else if (Args.matches(w, "txqueuelen") || w.equals("qlen") || Args.matches(w, "txqlen")) {
                String v = a.next();
                if (txqlen != null) {
                    throw CommandExit.duparg("txqueuelen", v);
                }
                Integer q = Args.integer(v); // iplink_parse(): get_integer(), else invarg()
                if (q == null) {
                    throw CommandExit.invarg("Invalid \"txqueuelen\" value\n", v);
                }
                txqlen = q;
            } else if (w.equals("type") && devName != null) {
                String kind = a.next();
                a.skip();
                NetDevice dev = stack.device(devName);
                var br = dev == null ? null : view.bridgeOf(dev);
                if (!kind.equals("bridge") || br == null || br.fdb() == null) {
                    throw CommandExit.rtnetlink("Operation not supported");
                }
                boolean snooping = br.fdb().mcastSnooping();
                IpLinkBridge.parse(a, br.fdb(), ctx.now());
                if (dev.isUp() && snooping != br.fdb().mcastSnooping()) {
                    // br_multicast_toggle() on a running bridge: br_multicast_open() or br_multicast_leave_snoopers()
                    long t = ctx.now();
                    ctx.act(ob -> {
                        if (snooping) {
                            stack.leaveSnoopers(t, dev);
                        } else {
                            stack.joinSnoopers(t, dev);
                        }
                    });
                }
                ctx.runtime().changed(br);
                break;
            } else {
                if (Args.matches(w, "help")) {
                    return run(new Args(List.of("help")));
                }
                if (devName != null) {
                    throw CommandExit.duparg2("dev", w);
                }
                devName = checkAltifname(w);
            }
            a.skip();
        }
        if (devName == null) {
            throw new CommandExit(255, "Not enough information: \"dev\" argument is required.");
        }
        NetDevice dev = stack.device(devName);
        if (dev != null && address != null && address.length != 6) { // iplink_parse(): nl_get_ll_addr_len()
            throw new CommandExit(1, "Invalid address length " + address.length + " - must be 6 bytes");
        }
        if (dev == null) {
            throw new CommandExit(1, "Cannot find device \"" + devName + "\"");
        }
        mac = address == null ? null : Args.mac(address);
        long now = ctx.now();
        if (mtu != null) {
            int min = dev.loopback ? 0 : 68;
            if (mtu < min) {
                throw CommandExit.extack("mtu less than device minimum");
            }
            if (mtu > 65535 && !dev.loopback) { // lo has no max_mtu
                throw CommandExit.extack("mtu greater than device maximum");
            }
            final int m = mtu;
            ctx.act(ob -> stack.setMtu(now, dev, m));
        }
        if (txqlen != null && txqlen >= 0) { // a negative one, a huge u32 to the kernel, is not emulated
            dev.setTxqlen(txqlen); // IFLA_TXQLEN: dev_change_tx_queue_len()
        }
        if (arp != null) {
            final boolean noarp = !arp;
            ctx.act(ob -> stack.setNoarp(now, dev, noarp));
        }
        if (mac != null) {
            // loopback_ops's eth_mac_addr() takes a new address too, lo being IFF_LIVE_ADDR_CHANGE
            if (mac.isMulticast() || mac.isZero()) {
                throw CommandExit.rtnetlink("Cannot assign requested address");
            }
            final MacAddress m = mac;
            ctx.act(ob -> stack.setMac(now, dev, m, ob));
        }
        if (up != null) {
            final boolean u = up;
            boolean opens = u && !dev.isUp();
            ctx.act(ob -> stack.setUp(now, dev, u, ob));
            var br = view.bridgeOf(dev);
            if (opens && "bridge".equals(dev.kind()) && br != null && br.fdb() != null && br.fdb().mcastSnooping()) {
                ctx.act(ob -> stack.joinSnoopers(now, dev)); // br_dev_open() → br_multicast_open()
            }
        }
        return 0;
    }
}
