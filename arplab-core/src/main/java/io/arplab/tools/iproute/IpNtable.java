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
                if (!a.more()) {
                    throw Args.incomplete();
                }
                String v = a.take();
                if (v.equals("none")) {
                    noneDev = true;
                } else {
                    filterDev = stack.device(v);
                    if (filterDev == null) {
                        throw CommandExit.invarg("\"DEV\" is invalid", v);
                    }
                }
            } else if (w.equals("name")) {
                if (!a.more()) {
                    throw Args.incomplete();
                }
                name = a.take();
            } else {
                throw CommandExit.invarg("unknown", w);
            }
        }
        if (o.family == 17) {
            return 0;
        }
        if ((name == null || name.equals("arp_cache")) && o.family != 6) {
            arpCache(filterDev, noneDev);
        }
        if ((name == null || name.equals("ndisc_cache")) && o.family != 4) {
            ndiscCache(filterDev, noneDev);
        }
        return 0;
    }

    /** arp_tbl's parameters: the table's, then each device's (neigh_tables[] order: ARP first, then ND). */
    private void arpCache(NetDevice filterDev, boolean noneDev) {
        if (filterDev == null) {
            NeighbourTable.GcConfig gc = stack.neighbours().gcConfig();
            out.append("inet arp_cache \n");
            out.append("    thresh1 ").append(gc.thresh1()).append(" thresh2 ").append(gc.thresh2())
                    .append(" thresh3 ").append(gc.thresh3()).append(" gc_int ")
                    .append(gc.interval() / NeighParams.MS).append(" \n");
            NeighParams def = stack.defaultArpParms();
            parms(null, def, 1, tableReachable(def));
            out.append('\n');
        }
        if (noneDev) {
            return;
        }
        List<NetDevice> devs = stack.devices();
        for (int i = devs.size() - 1; i >= 0; i--) {
            NetDevice d = devs.get(i);
            if (filterDev != null && d != filterDev) {
                continue;
            }
            out.append("inet arp_cache \n");
            parms(d, d.arpParms(), 1 + entriesOn(d), d.arpParms().reachableTime / NeighParams.MS);
            out.append('\n');
        }
    }

    /**
     * nd_tbl (net/ipv6/ndisc.c): its defaults for the table and every device, with IPv6 off too (the lab's hosts keep
     * no IPv6 neighbours, so every refcnt is 1); reachable is drawn per device in [base/2, 3·base/2) as for ARP.
     */
    private void ndiscCache(NetDevice filterDev, boolean noneDev) {
        SplittableRandom random = new SplittableRandom(ctx.epochNanos() ^ 0x6e64L);
        if (filterDev == null) {
            out.append("inet6 ndisc_cache \n    thresh1 128 thresh2 512 thresh3 1024 gc_int 30000 \n");
            ndiscParms(null, random);
        }
        if (noneDev) {
            return;
        }
        List<NetDevice> devs = stack.devices();
        for (int i = devs.size() - 1; i >= 0; i--) {
            NetDevice d = devs.get(i);
            if (filterDev == null || d == filterDev) {
                out.append("inet6 ndisc_cache \n");
                ndiscParms(d, random);
            }
        }
    }

    private void ndiscParms(NetDevice d, SplittableRandom random) {
        if (d != null) {
            out.append("    dev ").append(d.name).append(" \n");
        }
        out.append("    refcnt 1 reachable ").append(15_000 + random.nextInt(30_000))
                .append(" base_reachable 30000 retrans 1000 \n")
                .append("    gc_stale 60000 delay_probe 5000 queue 101 \n")
                .append("    app_probes 0 ucast_probes 3 mcast_probes 3 \n")
                .append("    anycast_delay 1000 proxy_delay 800 proxy_queue 64 locktime 0 \n\n");
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

    private void parms(NetDevice d, NeighParams p, int refcnt, long reachableMs) {
        if (d != null) {
            out.append("    dev ").append(d.name).append(" \n");
        }
        out.append("    refcnt ").append(refcnt).append(" reachable ").append(reachableMs)
                .append(" base_reachable ").append(p.baseReachableTime / NeighParams.MS)
                .append(" retrans ").append(p.retransTime / NeighParams.MS).append(" \n");
        out.append("    gc_stale ").append(p.gcStaleTime / NeighParams.MS)
                .append(" delay_probe ").append(p.delayProbeTime / NeighParams.MS)
                .append(" queue ").append(p.unresQlen()).append(" \n");
        out.append("    app_probes ").append(p.appProbes).append(" ucast_probes ").append(p.ucastProbes)
                .append(" mcast_probes ").append(p.mcastProbes).append(" \n");
        out.append("    anycast_delay ").append(p.anycastDelay / NeighParams.MS)
                .append(" proxy_delay ").append(p.proxyDelay / NeighParams.MS)
                .append(" proxy_queue ").append(p.proxyQlen)
                .append(" locktime ").append(p.locktime / NeighParams.MS).append(" \n");
    }
}
