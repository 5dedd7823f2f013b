package io.arplab.tools.iproute;

import io.arplab.stack.HostStack;
import io.arplab.stack.NeighParams;
import io.arplab.stack.NeighbourEntry;
import io.arplab.stack.SeededRandom;
import io.arplab.stack.NeighbourTable;
import io.arplab.stack.NetDevice;
import io.arplab.tools.ToolContext;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code ip ntable show [dev D] [name N]} (ip/ipntable.c) for the ARP table: the table-wide block with the GC
 * thresholds and default parameters, then one block per device, newest device first (neigh_parms_alloc puts new
 * parameters at the head of the list).
 */
final class IpNtable {
    private final ToolContext ctx;
    private final HostStack stack;
    private final Ip.Options o;
    private final StringBuilder out;

    IpNtable(ToolContext ctx, HostView view, Ip.Options o, StringBuilder out) {
        this.ctx = ctx;
        this.stack = view.stack;
        this.o = o;
        this.out = out;
    }

    /** ipntable_modify()'s keywords that take a number: the table's thresholds and gc interval, then PARMS. */
    private static final List<String> CHANGEABLE = List.of("thresh1", "thresh2", "thresh3", "gc_int",
            "base_reachable", "retrans", "gc_stale", "delay_probe", "queue", "app_probes", "ucast_probes",
            "mcast_probes", "anycast_delay", "proxy_delay", "proxy_queue", "locktime");

    /** ipntable_modify(): its words and refusals; a change that would reach the kernel is not emulated. */
    private int change(Args a) {
        String name = null;
        boolean changes = false;
        while (a.more()) {
            String w = a.peek();
            if (w.equals("name")) {
                String v = a.next();
                if (name != null) {
                    throw CommandExit.duparg("NAME", v);
                }
                name = v;
            } else if (w.equals("dev")) {
                String v = a.next();
                if (stack.device(v) == null) {
                    throw new CommandExit(1, "Cannot find device \"" + v + "\"");
                }
            } else if (CHANGEABLE.contains(w)) {
                String v = a.next();
                if (Args.unsigned(v) < 0) {
                    throw CommandExit.invarg("\"" + w + "\" value is invalid", v);
                }
                changes = true;
            } else {
                throw CommandExit.invarg("unknown", w);
            }
            a.skip();
        }
        if (name == null) {
            throw new CommandExit(255, "Error: argument \"NAME\" is required"); // missarg()
        }
        if (!changes) {
            throw new CommandExit(255, "Not enough information: changeable attributes required.");
        }
        throw new CommandExit(2, "RTNETLINK answers: Operation not supported");
    }

    int run(Args a) {
        if (a.more()) {
            String c = a.take();
            if (Args.matches(c, "change") || Args.matches(c, "chg")) {
                return change(a);
            }
            if (Args.matches(c, "help")) {
                throw new CommandExit(255, io.arplab.tools.Usage.of("ip-ntable").stripTrailing()); // ipntable.c usage()
            }
            if (!(Args.matches(c, "show") || Args.matches(c, "lst") || Args.matches(c, "list"))) {
                throw new CommandExit(255, "Command \"" + c + "\" is unknown, try \"ip ntable help\".");
            }
        }
        NetDevice filterDev = null;
        boolean noneDev = false;
        String name = null;
        while (a.more()) {
            String w = a.take();
            if (w.equals("dev")) {
                String v = a.value();
                if (v.equals("none")) {
                    noneDev = true;
                } else {
                    filterDev = stack.device(v);
                    if (filterDev == null) {
                        throw CommandExit.invarg("\"DEV\" is invalid", v);
                    }
                }
            } else if (w.equals("name")) {
                name = a.value();
            } else {
                throw CommandExit.invarg("unknown", w);
            }
        }
        if (o.family != 17) {
            if ((name == null || name.equals("arp_cache")) && o.family != 6) {
                arpCache(filterDev, noneDev);
            }
            if ((name == null || name.equals("ndisc_cache")) && o.family != 4) {
                ndiscCache(filterDev, noneDev);
            }
        }
        render();
        return 0;
    }

    /** One ndtmsg as print_ntable() prints it: lines of (text key, json key, value); the first is family and name. */
    private final List<List<List<Object[]>>> records = new java.util.ArrayList<>();

    private List<Object[]> line(List<List<Object[]>> record) {
        List<Object[]> l = new java.util.ArrayList<>();
        record.add(l);
        return l;
    }

    private static Object[] kv(String key, String jsonKey, Object value) {
        return new Object[] {key, jsonKey, value};
    }

    /**
     * ipntable.c print_ntable(): each line ends with print_nl(), "\\" under -oneline (_SL_), and each table with a
     * newline of its own; under -json one object per table, the same names but gc_int as gc_interval.
     */
    private void render() {
        if (o.json) {
            Json jw = o.newJson();
            for (List<Object[]> r : flat()) {
                jw.startObject();
                for (Object[] f : r) {
                    if (f[2] instanceof String v) {
                        jw.field((String) f[1], v);
                    } else {
                        jw.field((String) f[1], ((Number) f[2]).longValue());
                    }
                }
                jw.endObject();
            }
            out.append(jw.finish());
            return;
        }
        String nl = o.oneline ? "\\" : "\n";
        for (List<List<Object[]>> r : records) {
            List<Object[]> head = r.get(0);
            out.append(head.get(0)[2]).append(' ').append(head.get(1)[2]).append(' ').append(nl);
            for (List<Object[]> l : r.subList(1, r.size())) {
                if (l.get(0)[0].equals("dev")) { // print_ntable(): the device's name in COLOR_IFNAME, "%s "
                    out.append("    dev ").append(o.paint(Color.IFNAME, l.get(0)[2] + " ")).append(nl);
                    continue;
                }
                out.append("   ");
                for (Object[] f : l) {
                    out.append(' ').append(f[0]).append(' ').append(f[2]);
                }
                out.append(' ').append(nl);
            }
            out.append('\n');
        }
    }

    private List<List<Object[]>> flat() {
        List<List<Object[]>> all = new java.util.ArrayList<>();
        for (List<List<Object[]>> r : records) {
            List<Object[]> f = new java.util.ArrayList<>();
            r.forEach(f::addAll);
            all.add(f);
        }
        return all;
    }

    private List<List<Object[]>> record(String family, String name) {
        List<List<Object[]>> r = new java.util.ArrayList<>();
        line(r).addAll(List.of(kv("family", "family", family), kv("name", "name", name)));
        records.add(r);
        return r;
    }

    /** arp_tbl's parameters: the table's, then each device's (neigh_tables[] order: ARP first, then ND). */
    private void arpCache(NetDevice filterDev, boolean noneDev) {
        if (filterDev == null) {
            NeighbourTable.GcConfig gc = stack.neighbours().gcConfig();
            List<List<Object[]>> r = record("inet", "arp_cache");
            line(r).addAll(List.of(kv("thresh1", "thresh1", gc.thresh1()), kv("thresh2", "thresh2", gc.thresh2()),
                    kv("thresh3", "thresh3", gc.thresh3()), kv("gc_int", "gc_interval", gc.interval() / NeighParams.MS)));
            NeighParams def = stack.defaultArpParms();
            parms(r, null, def, 1, tableReachable(def));
        }
        if (noneDev) {
            return;
        }
        List<NetDevice> devs = stack.devices();
        for (int i = devs.size() - 1; i >= 0; i--) {
            NetDevice d = devs.get(i);
            if (filterDev != null && d != filterDev || !d.hasInetDevice()) {
                continue; // no in_device, no arp_cache parms (inetdev_destroy(): neigh_parms_release())
            }
            parms(record("inet", "arp_cache"), d, d.arpParms(), 1 + entriesOn(d),
                    d.arpParms().reachableTime / NeighParams.MS);
        }
    }

    /**
     * nd_tbl (net/ipv6/ndisc.c): its defaults for the table and every device, with IPv6 off too (the lab's hosts keep
     * no IPv6 neighbours, so every refcnt is 1); reachable is drawn per device in [base/2, 3·base/2) as for ARP.
     */
    private void ndiscCache(NetDevice filterDev, boolean noneDev) {
        SplittableRandom random = new SplittableRandom(ctx.epochNanos() ^ 0x6e64L);
        if (filterDev == null) {
            List<List<Object[]>> r = record("inet6", "ndisc_cache");
            line(r).addAll(List.of(kv("thresh1", "thresh1", 128), kv("thresh2", "thresh2", 512),
                    kv("thresh3", "thresh3", 1024), kv("gc_int", "gc_interval", 30000)));
            ndiscParms(r, null, random);
        }
        if (noneDev) {
            return;
        }
        List<NetDevice> devs = stack.devices();
        for (int i = devs.size() - 1; i >= 0; i--) {
            NetDevice d = devs.get(i);
            if (filterDev == null || d == filterDev) {
                ndiscParms(record("inet6", "ndisc_cache"), d, random);
            }
        }
    }

    private void ndiscParms(List<List<Object[]>> r, NetDevice d, SplittableRandom random) {
        NeighParams p = new NeighParams();
        p.locktime = 0;
        parms(r, d, p, 1, 15_000 + random.nextInt(30_000));
    }

    /**
     * The table-wide parameters belong to arp_tbl, which every namespace shares, with a reachable_time drawn once:
     * here a draw every namespace of the lab agrees on (seeded by the lab's wall-clock epoch).
     */
    private long tableReachable(NeighParams def) {
        if (def.reachableTime > 0) {
            return def.reachableTime / NeighParams.MS;
        }
        NeighParams p = def.copy();
        p.randomiseReachableTime(new SeededRandom(ctx.epochNanos()));
        return p.reachableTime / NeighParams.MS;
    }

    /** Each neighbour entry holds a reference on its device's parameters (neigh_parms_clone). */
    private int entriesOn(NetDevice d) {
        int n = 0;
        for (NeighbourEntry e : stack.neighbours().entries()) {
            if (e.device() == d) {
                n++;
            }
        }
        return n;
    }

    private void parms(List<List<Object[]>> r, NetDevice d, NeighParams p, int refcnt, long reachableMs) {
        if (d != null) {
            line(r).add(kv("dev", "dev", d.name));
        }
        line(r).addAll(List.of(kv("refcnt", "refcnt", refcnt), kv("reachable", "reachable", reachableMs),
                kv("base_reachable", "base_reachable", p.baseReachableTime / NeighParams.MS),
                kv("retrans", "retrans", p.retransTime / NeighParams.MS)));
        line(r).addAll(List.of(kv("gc_stale", "gc_stale", p.gcStaleTime / NeighParams.MS),
                kv("delay_probe", "delay_probe", p.delayProbeTime / NeighParams.MS),
                kv("queue", "queue", p.unresQlen())));
        line(r).addAll(List.of(kv("app_probes", "app_probes", p.appProbes),
                kv("ucast_probes", "ucast_probes", p.ucastProbes), kv("mcast_probes", "mcast_probes", p.mcastProbes)));
        line(r).addAll(List.of(kv("anycast_delay", "anycast_delay", p.anycastDelay / NeighParams.MS),
                kv("proxy_delay", "proxy_delay", p.proxyDelay / NeighParams.MS),
                kv("proxy_queue", "proxy_queue", p.proxyQlen), kv("locktime", "locktime", p.locktime / NeighParams.MS)));
    }
}
