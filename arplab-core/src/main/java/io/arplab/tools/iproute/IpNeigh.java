package io.arplab.tools.iproute;

import io.arplab.stack.HostStack;
import io.arplab.stack.NeighbourEntry;
import io.arplab.stack.NeighbourTable;
import io.arplab.stack.NetDevice;
import io.arplab.stack.NudState;
import io.arplab.tools.ToolContext;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;

/** {@code ip neigh}: show, flush, add, change, replace, delete, get (ip/ipneigh.c). */
final class IpNeigh {
    private static final int NUD_NONE_FILTER = 0x100;

    private final ToolContext ctx;
    private final HostView view;
    private final HostStack stack;
    private final Ip.Options o;
    private final StringBuilder out;

    IpNeigh(ToolContext ctx, HostView view, Ip.Options o, StringBuilder out) {
        this.ctx = ctx;
        this.view = view;
        this.stack = view.stack;
        this.o = o;
        this.out = out;
    }

    int run(Args a) {
        if (!a.more()) {
            return show(a, false);
        }
        String c = a.take();
        if (Args.matches(c, "add")) {
            return modify(a, true, false, true);
        }
        if (Args.matches(c, "change") || c.equals("chg")) {
            return modify(a, false, true, true);
        }
        if (Args.matches(c, "replace")) {
            return modify(a, true, true, true);
        }
        if (Args.matches(c, "delete")) {
            return modify(a, false, false, false);
        }
        if (Args.matches(c, "get")) {
            return get(a);
        }
        if (Args.matches(c, "show") || Args.matches(c, "lst") || Args.matches(c, "list")) {
            return show(a, false);
        }
        if (Args.matches(c, "flush")) {
            return show(a, true);
        }
        if (Args.matches(c, "help")) {
            throw usage();
        }
        throw new CommandExit(255, "Command \"" + c + "\" is unknown, try \"ip neigh help\".");
    }

    static CommandExit usage() {
        return new CommandExit(255, """
                Usage: ip neigh { add | del | change | replace }
                                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }
                                [ dev DEV ] [ router ] [ use ] [ managed ] [ extern_learn ]
                                [ protocol PROTO ]

                	ip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]
                				  [ vrf NAME ] [ nomaster ]
                	ip neigh get { ADDR | proxy ADDR } dev DEV

                STATE := { delay | failed | incomplete | noarp | none |
                           permanent | probe | reachable | stale }""");
    }

    /** nud_state_a2n(); -1 when unknown. */
    static int nudState(String arg) {
        if (Args.matches(arg, "permanent")) {
            return NudState.PERMANENT.bits;
        }
        if (Args.matches(arg, "reachable")) {
            return NudState.REACHABLE.bits;
        }
        switch (arg) {
            case "noarp": return NudState.NOARP.bits;
            case "none": return 0;
            case "stale": return NudState.STALE.bits;
            case "incomplete": return NudState.INCOMPLETE.bits;
            case "delay": return NudState.DELAY.bits;
            case "probe": return NudState.PROBE.bits;
            default: break;
        }
        if (Args.matches(arg, "failed")) {
            return NudState.FAILED.bits;
        }
        long v = Args.unsigned(arg);
        if (v < 0 || v >= 0x100 || (v & (v - 1)) != 0) {
            return -1;
        }
        return (int) v;
    }

    private NetDevice device(String name) {
        NetDevice d = stack.device(name);
        if (d == null) {
            throw new CommandExit(1, "Cannot find device \"" + name + "\"");
        }
        return d;
    }

    /** ipneigh_modify(): add (create, exclusive), change (replace), replace (create or replace), delete. */
    private int modify(Args a, boolean create, boolean replace, boolean add) {
        String devName = null;
        String dst = null;
        String lla = null;
        int state = NudState.PERMANENT.bits;
        boolean router = false;
        boolean proxy = false;
        boolean externLearned = false;
        int protocol = 0;
        while (a.more()) {
            String w = a.peek();
            if (Args.matches(w, "lladdr")) {
                String v = a.next();
                if (lla != null) {
                    throw CommandExit.duparg("lladdr", v);
                }
                lla = v;
            } else if (w.equals("nud")) {
                String v = a.next();
                state = nudState(v);
                if (state < 0) {
                    throw CommandExit.invarg("nud state is bad", v);
                }
            } else if (Args.matches(w, "proxy")) {
                dst = proxyAddress(a.next(), dst);
                proxy = true;
            } else if (w.equals("router")) {
                router = true;
            } else if (Args.matches(w, "extern_learn")) {
                externLearned = true; // NTF_EXT_LEARNED ("e" abbreviates it)
            } else if (w.equals("dev")) {
                devName = a.next();
            } else if (Args.matches(w, "protocol")) {
                String v = a.next();
                protocol = IpRoute.rtProt(v);
                if (protocol < 0) {
                    throw CommandExit.invarg("\"protocol\" value is invalid\n", v);
                }
            } else {
                if (w.equals("to")) {
                    w = a.next();
                }
                if (Args.matches(w, "help")) {
                    w = a.next();
                }
                if (dst != null) {
                    throw CommandExit.duparg2("to", w);
                }
                dst = w;
                Args.addr(w, o.family);
            }
            a.skip();
        }
        if (proxy) {
            // NTF_PROXY: pneigh_create()/pneigh_delete(); an existing entry is kept on add, its flags replaced
            Ipv4Address paddr = Args.addr(dst, o.family);
            NetDevice pdev = devName == null ? null : device(devName);
            if (add) {
                int flags = (router ? NeighbourTable.NTF_ROUTER : 0)
                        | (externLearned ? NeighbourTable.NTF_EXT_LEARNED : 0);
                stack.proxyAdd(paddr, pdev, (state & NudState.PERMANENT.bits) != 0, flags, protocol);
            } else if (!stack.proxyDelete(paddr, pdev)) {
                throw CommandExit.rtnetlink("No such file or directory");
            }
            return 0;
        }
        if (devName == null || dst == null) {
            throw new CommandExit(255, "Device and destination are required arguments.");
        }
        Ipv4Address addr = Args.addr(dst, o.family);
        MacAddress mac = null;
        byte[] b = null;
        if (lla != null && !lla.equals("null")) {
            b = Args.lladdr(lla, 20); // ipneigh_modify()'s llabuf[20]
        }
        // ipneigh_modify() looks the device up before sending; the kernel's neigh_add() then refuses an address
        // shorter than dev->addr_len (a longer one is cut to it)
        NetDevice dev = device(devName);
        if (b != null) {
            if (b.length < 6) {
                throw CommandExit.extack("Invalid link address");
            }
            mac = Args.mac(b);
        }
        NeighbourEntry n = stack.neighbours().lookup(dev, addr.bits());
        long now = ctx.now();
        if (!add) {
            if (n == null) {
                throw CommandExit.rtnetlink("No such file or directory");
            }
            ctx.act(ob -> stack.neighDelete(now, dev, addr, ob));
            return 0;
        }
        if (n == null && !create) {
            throw CommandExit.rtnetlink("No such file or directory");
        }
        if (n != null && !replace) {
            throw CommandExit.rtnetlink("File exists");
        }
        // __neigh_update() takes the entry's own address when none is given and it had a valid one: a new entry that
        // arp_constructor() made NOARP has one (a multicast group's, lo's or an IFF_NOARP device's)
        boolean constructedValid = NeighbourTable.constructedNoarp(dev, addr.bits());
        if (mac == null && (state & NudState.VALID) != 0 && (n == null ? !constructedValid : !n.hasLladdr())) {
            if (n == null) {
                // neigh_add(): ___neigh_create() before __neigh_update() refuses; the NONE entry stays
                boolean exempt = (state & NudState.PERMANENT.bits) != 0;
                ctx.act(ob -> stack.neighCreate(now, dev, addr, exempt));
            }
            throw CommandExit.extack("No link layer address given");
        }
        NudState s = state == 0 ? NudState.NONE : NudState.of(state);
        final MacAddress lladdr = mac;
        final int rtr = router ? 1 : 0;
        final boolean ext = externLearned;
        final int proto = protocol;
        ctx.act(ob -> stack.neighAdd(now, dev, addr, lladdr, s, replace, rtr, ext, proto, ob));
        return 0;
    }

    /** ipneigh_modify()'s and ipneigh_get()'s "proxy ADDR" word: help, a second address, the family's check. */
    private String proxyAddress(String v, String dst) {
        if (Args.matches(v, "help")) {
            throw usage();
        }
        if (dst != null) {
            throw CommandExit.duparg("address", v);
        }
        Args.addr(v, o.family);
        return v;
    }

    private int get(Args a) {
        String devName = null;
        String dst = null;
        boolean proxy = false;
        while (a.more()) {
            String w = a.peek();
            if (w.equals("dev")) {
                devName = a.next();
            } else if (Args.matches(w, "proxy")) {
                dst = proxyAddress(a.next(), dst);
                proxy = true;
            } else {
                if (w.equals("to")) {
                    w = a.next();
                }
                if (Args.matches(w, "help")) {
                    throw usage();
                }
                if (dst != null) {
                    throw CommandExit.duparg2("to", w);
                }
                dst = w;
                Args.addr(w, o.family);
            }
            a.skip();
        }
        if (proxy) {
            throw new CommandExit(2, "RTNETLINK answers: Operation not supported");
        }
        if (devName == null || dst == null) {
            throw new CommandExit(1, "Device and address are required arguments.");
        }
        Ipv4Address addr = Args.addr(dst, o.family);
        NetDevice dev = device(devName);
        NeighbourEntry n = stack.neighbours().lookup(dev, addr.bits());
        if (n == null) {
            throw CommandExit.extack("Neighbour entry not found"); // neigh_get()
        }
        // ipneigh_get(): print_neigh() without new_json_obj(), so text under -j too; neigh_get() holds the entry
        // (neigh_lookup()) while neigh_fill_info() counts its references
        out.append(NeighFormat.neigh(n, ctx.now(), o.stats, true, false, o.colored(), 1)).append('\n');
        return 0;
    }

    /** do_show_or_flush(). */
    private int show(Args a, boolean flush) {
        if (flush && !a.more()) {
            throw new CommandExit(1, "Flush requires arguments.");
        }
        int filterState = flush ? ~(NudState.PERMANENT.bits | NudState.NOARP.bits) : 0xff & ~NudState.NOARP.bits;
        boolean stateGiven = false;
        String filterDev = null;
        Args.Prefix pfx = null;
        boolean unused = false;
        boolean proxyOnly = false;
        boolean nomaster = false;
        int protocol = 0; // filter.protocol: 0 lists every entry
        while (a.more()) {
            String w = a.peek();
            if (w.equals("dev")) {
                String v = a.next();
                if (filterDev != null) {
                    throw CommandExit.duparg("dev", v);
                }
                filterDev = v;
            } else if (w.equals("unused")) {
                unused = true;
            } else if (w.equals("nud")) {
                String v = a.next();
                if (!stateGiven) {
                    stateGiven = true;
                    filterState = 0;
                }
                int st = nudState(v);
                if (st < 0) {
                    if (!v.equals("all")) {
                        throw CommandExit.invarg("nud state is bad", v);
                    }
                    st = ~0;
                    if (flush) {
                        st &= ~NudState.NOARP.bits;
                    }
                }
                if (st == 0) {
                    st = NUD_NONE_FILTER;
                }
                filterState |= st;
            } else if (w.equals("proxy")) {
                proxyOnly = true;
            } else if (w.equals("nomaster")) {
                nomaster = true; // filter.master = -1: entries on devices without a master
            } else if (Args.matches(w, "protocol")) {
                String v = a.next();
                protocol = IpRoute.rtProt(v);
                if (protocol < 0 && !v.equals("all")) {
                    throw CommandExit.invarg("invalid \"protocol\"\n", v);
                }
                protocol = Math.max(protocol, 0); // "all": no filter
            } else if (w.equals("master") || w.equals("vrf")) {
                String v = a.next();
                if (stack.device(v) == null) {
                    throw CommandExit.invarg(w.equals("vrf") ? "Not a valid VRF name\n" : "Device does not exist\n", v);
                }
            } else {
                if (w.equals("to")) {
                    w = a.next();
                }
                if (Args.matches(w, "help")) {
                    throw usage();
                }
                pfx = Args.prefix(w, o.family); // get_prefix() exits with its own message first
                o.family = o.family == 0 ? 4 : o.family; // filter.family from the prefix: a second is inet
            }
            a.skip();
        }
        NetDevice dev = null;
        if (filterDev != null) {
            dev = stack.device(filterDev);
            if (dev == null) {
                throw new CommandExit(1, "Cannot find device \"" + filterDev + "\"");
            }
        }
        if (o.family == 6 || o.family == 17) {
            return 0;
        }
        long now = ctx.now();
        if (proxyOnly) {
            // pneigh_dump_table(): "ADDR [dev DEV] proxy", the device left out when filtering by one
            Json j = flush ? null : o.newJson();
            for (HostStack.ProxyEntry e : stack.proxies()) {
                if (dev != null && e.dev() != dev || pfx != null && !pfx.contains(e.address())
                        || protocol != 0 && e.protocol() != protocol) {
                    continue;
                }
                if (flush) {
                    stack.proxyDelete(e.address(), e.dev());
                } else if (j != null) {
                    j.startObject().field("dst", e.address().toString());
                    if (e.dev() != null && dev == null) {
                        j.field("dev", e.dev().name);
                    }
                    if (e.isRouter()) {
                        j.name("router").nul();
                    }
                    j.name("proxy").nul();
                    if (e.isExternLearned()) {
                        j.name("extern_learn").nul();
                    }
                    if (e.protocol() != 0) {
                        j.field("protocol", IpRoute.rtProtName(e.protocol()));
                    }
                    j.endObject();
                } else {
                    // print_neigh() of pneigh_fill_info()'s message: router, proxy, extern_learn, then the protocol
                    out.append(e.address()).append(e.dev() != null && dev == null ? " dev " + e.dev().name : "")
                            .append(e.isRouter() ? " router" : "").append(" proxy ")
                            .append(e.isExternLearned() ? "extern_learn " : "")
                            .append(e.protocol() != 0 ? "proto " + IpRoute.rtProtName(e.protocol()) + " " : "")
                            .append('\n');
                }
            }
            if (j != null) {
                out.append(j.finish());
            }
            return 0;
        }
        if (!flush) {
            Json j = o.newJson();
            for (NeighbourEntry n : matching(dev, filterState, pfx, unused, protocol)) {
                if (nomaster && n.device().master() != null) {
                    continue;
                }
                if (j != null) {
                    NeighFormat.json(j, n, now, o.stats, dev == null);
                } else if (o.brief) {
                    out.append(NeighFormat.brief(n, dev == null, o.colored())).append('\n');
                } else {
                    out.append(NeighFormat.neigh(n, now, o.stats, dev == null, false, o.colored())).append('\n');
                }
            }
            if (j != null) {
                out.append(j.finish());
            }
            return 0;
        }
        int round = 0;
        while (round < 10) {
            List<NeighbourEntry> victims = matching(dev, filterState, pfx, unused, protocol);
            if (victims.isEmpty()) {
                if (o.stats > 0) {
                    out.append(round == 0 ? "Nothing to flush.\n"
                            : "*** Flush is complete after " + round + " round" + (round > 1 ? "s" : "") + " ***\n");
                }
                return 0;
            }
            if (o.stats >= 2) {
                for (NeighbourEntry n : victims) {
                    out.append(NeighFormat.neigh(n, now, o.stats, dev == null, false, o.colored())).append('\n');
                }
            }
            round++;
            ctx.act(ob -> {
                for (NeighbourEntry n : victims) {
                    stack.neighDelete(now, n.device(), n.address(), ob);
                }
            });
            if (o.stats > 0) {
                out.append("\n*** Round ").append(round).append(", deleting ").append(victims.size())
                        .append(" entries ***\n");
            }
            filterState &= ~NudState.FAILED.bits;
        }
        out.append("*** Flush not complete bailing out after 10 rounds\n");
        return 1;
    }

    private List<NeighbourEntry> matching(NetDevice dev, int filterState, Args.Prefix pfx, boolean unused,
                                          int protocol) {
        List<NeighbourEntry> list = new ArrayList<>();
        for (NeighbourEntry n : stack.neighbours().entries()) {
            int st = n.stateBits();
            if (dev != null && n.device() != dev) {
                continue;
            }
            // print_neigh(): an externally learned entry passes any state filter
            if ((filterState & st) == 0 && !n.isExternLearned() && (st != 0 || (filterState & NUD_NONE_FILTER) == 0)) {
                continue;
            }
            if (protocol != 0 && n.protocol() != protocol) {
                continue;
            }
            if (pfx != null && !pfx.contains(n.address())) {
                continue;
            }
            if (unused && n.refs() > 0) {
                continue;
            }
            list.add(n);
        }
        return list;
    }
}
