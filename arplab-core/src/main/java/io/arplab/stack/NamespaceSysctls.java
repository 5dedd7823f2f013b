package io.arplab.stack;

import io.arplab.stack.SysctlKey.Scope;
import io.arplab.stack.SysctlRegistry.Outcome;
import io.arplab.stack.SysctlRegistry.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A namespace's sysctl files: reads and writes through {@link SysctlRegistry}'s keys with the kernel's side
 * effects. conf/all is kept apart from the devices' values (the behaviour combines them when it reads), a
 * conf/default write reaches the devices that never set the key, and a conf/all/forwarding (ip_forward) change
 * switches every device.
 */
public final class NamespaceSysctls {
    private NamespaceSysctls() {}

    /** The value of a key as /proc shows it; null when the namespace has no such file. */
    public static String read(HostStack s, Target t) {
        if (!exists(s, t)) {
            return null;
        }
        return SysctlRegistry.show(t.key(), stored(s, t));
    }

    private static boolean exists(HostStack s, Target t) {
        if (t.key().scope() == Scope.NEIGH_INIT_NS) {
            return s.initialNamespace(); // neigh_sysctl_register(NULL, &arp_tbl.parms): init_net only
        }
        String d = t.dir();
        return d == null || d.equals("all") && t.key().scope() == Scope.CONF || d.equals("default")
                && t.key().scope() == Scope.CONF || s.device(d) != null && s.device(d).hasInetDevice();
    }

    /** Writes a key as a write to its /proc file would. */
    public static Outcome write(HostStack s, Target t, String text) {
        if (!exists(s, t)) {
            return Outcome.ENOENT;
        }
        if (t.key().readOnly()) {
            return Outcome.READ_ONLY;
        }
        long v = t.key().unit() == SysctlKey.Unit.PORT_RANGE
                ? SysctlRegistry.toStoredRange(t.key(), text, stored(s, t)) : SysctlRegistry.toStored(t.key(), text);
        if (v == SysctlRegistry.REFUSED || !portsAgree(s, t.key(), (int) v)) {
            return Outcome.EINVAL;
        }
        store(s, t, (int) v);
        s.configChanged();
        return Outcome.OK;
    }

    /**
     * ipv4_local_port_range() and ipv4_privileged_ports(): the range's low port is not below
     * ip_unprivileged_port_start, whichever of the two is written.
     */
    private static boolean portsAgree(HostStack s, SysctlKey k, int v) {
        return switch (k.name()) {
            case "ip_local_port_range" -> SysctlRegistry.portLow(v)
                    >= s.storedSysctl(UNPRIVILEGED_PORT_START, SysctlRegistry.netDefault("ip_unprivileged_port_start"));
            case "ip_unprivileged_port_start" -> SysctlRegistry.portLow(localPortRange(s)) >= v;
            default -> true;
        };
    }

    private static final String LOCAL_PORT_RANGE = "net/ipv4/ip_local_port_range";
    private static final String UNPRIVILEGED_PORT_START = "net/ipv4/ip_unprivileged_port_start";

    /** net.ipv4.ip_local_port_range as stored (SysctlRegistry.portLow/portHigh read it). */
    static int localPortRange(Netns ns) {
        Integer v = ns.storedSysctlOrNull(LOCAL_PORT_RANGE);
        return v != null ? v : SysctlRegistry.netDefault("ip_local_port_range");
    }

    /** Every file of the namespace (path below /proc/sys → value), sorted as a walk of /proc/sys lists them. */
    public static Map<String, String> dump(HostStack s) {
        List<String> devs = new ArrayList<>();
        for (NetDevice d : s.devices()) {
            if (d.hasInetDevice()) { // devinet_sysctl_register() and neigh_sysctl_register() of its in_device
                devs.add(d.name);
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (Target t : SysctlRegistry.targets(devs)) {
            out.put(t.path(), read(s, t));
        }
        if (s.initialNamespace()) {
            for (SysctlKey k : SysctlRegistry.NEIGH_INIT_NS) {
                Target t = new Target(k, "default");
                out.put(t.path(), read(s, t));
            }
            for (SysctlKey k : SysctlRegistry.NEIGH) {
                Target t = SysctlRegistry.resolve("net.ipv4.neigh.default." + k.name(), d -> false);
                out.put(t.path(), read(s, t));
            }
        }
        return out;
    }

    /** The stored (kernel-internal) value of an existing key. */
    static int stored(HostStack s, Target t) {
        SysctlKey k = t.key();
        return switch (k.scope()) {
            case NET -> k.modelled() ? s.netSysctl(k.slot()) : s.storedSysctl(t.path(), k.dflt());
            case BRIDGE -> s.storedSysctl(t.path(), k.dflt());
            case CONF -> {
                if (k.modelled()) {
                    yield conf(s, t.dir()).get(k.slot());
                }
                // a device that never set the key holds conf/default's (devinet_copy_dflt_conf, inetdev_init)
                Integer own = s.storedSysctlOrNull(t.path());
                yield own != null ? own : t.dir().equals("all") ? allDefault(k)
                        : s.storedSysctl("net/ipv4/conf/default/" + k.name(), deviceDefault(k, t.dir()));
            }
            case NEIGH -> neigh(s.device(t.dir()).arpParms(), k);
            case NEIGH_INIT_NS -> isGc(k) ? gc(s.neighbours().gcConfig(), k) : neigh(s.neighbours().tbl().parms(), k);
        };
    }

    /** conf/all's defaults are conf/default's but for accept_source_route (ipv4_devconf vs ipv4_devconf_dflt). */
    private static int allDefault(SysctlKey k) {
        return k.name().equals("accept_source_route") ? 0 : k.dflt();
    }

    /** inetdev_init(): loopback starts with disable_xfrm and disable_policy set. */
    private static int deviceDefault(SysctlKey k, String dir) {
        return dir.equals("lo") && k.name().startsWith("disable_") ? 1 : k.dflt();
    }

    private static DevConf conf(HostStack s, String dir) {
        return switch (dir) {
            case "all" -> s.allConf();
            case "default" -> s.defaultConf();
            default -> s.device(dir).conf();
        };
    }

    private static void store(HostStack s, Target t, int v) {
        SysctlKey k = t.key();
        switch (k.scope()) {
            case NET -> {
                if (k.name().equals("ip_forward")) {
                    setForwarding(s, "all", v);
                } else if (k.modelled()) {
                    s.setNetSysctl(k.slot(), v);
                } else {
                    s.storeSysctl(t.path(), v);
                }
            }
            case BRIDGE -> s.storeSysctl(t.path(), v);
            case CONF -> {
                if (k.slot() == DevConf.FORWARDING) {
                    setForwarding(s, t.dir(), v);
                } else if (k.modelled()) {
                    conf(s, t.dir()).set(k.slot(), v);
                    if (t.dir().equals("default")) {
                        for (NetDevice d : s.devices()) {
                            d.inheritConf(k.slot(), v);
                        }
                    }
                } else {
                    s.storeSysctl(t.path(), v);
                }
            }
            case NEIGH -> {
                NeighParams p = s.device(t.dir()).arpParms();
                setNeigh(s, p, k, v);
                p.dataState |= dataBit(k); // neigh_proc_update()
            }
            case NEIGH_INIT_NS -> {
                if (isGc(k)) {
                    s.neighbours().setGcConfig(withGc(s.neighbours().gcConfig(), k, v));
                } else {
                    setDefault(s, k, v);
                }
            }
        }
    }

    private static boolean isGc(SysctlKey k) {
        return k.name().startsWith("gc_") && !k.name().equals("gc_stale_time");
    }

    /**
     * A write to net.ipv4.neigh.default.KEY in the initial namespace: arp_tbl.parms changes (devices created from now
     * on, in every namespace of the kernel, copy it) and neigh_copy_dflt_parms() hands the value to each device of
     * that namespace whose own file was never written.
     */
    private static void setDefault(HostStack s, SysctlKey k, int v) {
        ArpTbl tbl = s.neighbours().tbl();
        NeighParams p = tbl.parms().copy();
        p.dataState = tbl.parms().dataState | dataBit(k);
        setNeigh(s, p, k, v);
        tbl.setParms(p);
        for (NetDevice d : s.devices()) {
            NeighParams own = d.arpParms();
            if ((own.dataState & dataBit(k)) == 0) {
                setNeigh(null, own, k, v);
            }
        }
    }

    /** The NEIGH_VAR_* index a key writes: the _ms and jiffies files of one time, and unres_qlen(_bytes), share one. */
    private static int dataBit(SysctlKey k) {
        String field = switch (k.name()) {
            case "base_reachable_time_ms" -> "base_reachable_time";
            case "retrans_time_ms" -> "retrans_time";
            case "unres_qlen" -> "unres_qlen_bytes";
            default -> k.name();
        };
        int i = 0;
        for (SysctlKey n : SysctlRegistry.NEIGH) {
            if (n.name().equals(field)) {
                return 1 << i;
            }
            i++;
        }
        throw new IllegalArgumentException(k.name());
    }

    /**
     * devinet_sysctl_forward(): a device's or conf/default's forwarding is just stored; a change of conf/all's
     * (ip_forward) is inet_forward_change(): conf/all/accept_redirects = !on, and conf/default and every device
     * take the new value.
     */
    private static void setForwarding(HostStack s, String dir, int v) {
        if (!dir.equals("all")) {
            conf(s, dir).set(DevConf.FORWARDING, v);
            return;
        }
        DevConf all = s.allConf();
        if (all.get(DevConf.FORWARDING) == v) {
            return;
        }
        all.set(DevConf.FORWARDING, v);
        all.set(DevConf.ACCEPT_REDIRECTS, v == 0 ? 1 : 0);
        s.defaultConf().set(DevConf.FORWARDING, v);
        for (NetDevice d : s.devices()) {
            d.conf().set(DevConf.FORWARDING, v);
        }
    }

    /** An arp_tbl field (gc_interval in jiffies, gc_thresh1/2/3), shared by every namespace of the kernel. */
    private static int gc(NeighbourTable.GcConfig gc, SysctlKey k) {
        return switch (k.name()) {
            case "gc_interval" -> SysctlRegistry.nanosToJiffies(gc.interval());
            case "gc_thresh1" -> gc.thresh1();
            case "gc_thresh2" -> gc.thresh2();
            case "gc_thresh3" -> gc.thresh3();
            default -> throw new IllegalArgumentException(k.name());
        };
    }

    private static NeighbourTable.GcConfig withGc(NeighbourTable.GcConfig gc, SysctlKey k, int v) {
        return switch (k.name()) {
            case "gc_interval" -> new NeighbourTable.GcConfig(gc.thresh1(), gc.thresh2(), gc.thresh3(),
                    SysctlRegistry.jiffiesToNanos(v));
            case "gc_thresh1" -> new NeighbourTable.GcConfig(v, gc.thresh2(), gc.thresh3(), gc.interval());
            case "gc_thresh2" -> new NeighbourTable.GcConfig(gc.thresh1(), v, gc.thresh3(), gc.interval());
            case "gc_thresh3" -> new NeighbourTable.GcConfig(gc.thresh1(), gc.thresh2(), v, gc.interval());
            default -> throw new IllegalArgumentException(k.name());
        };
    }

    /** A neigh_parms field in the key's stored unit (jiffies for times, bytes for the queue). */
    private static int neigh(NeighParams p, SysctlKey k) {
        return switch (k.name()) {
            case "anycast_delay" -> SysctlRegistry.nanosToJiffies(p.anycastDelay);
            case "app_solicit" -> p.appProbes;
            case "base_reachable_time", "base_reachable_time_ms" -> SysctlRegistry.nanosToJiffies(p.baseReachableTime);
            case "delay_first_probe_time" -> SysctlRegistry.nanosToJiffies(p.delayProbeTime);
            case "gc_stale_time" -> SysctlRegistry.nanosToJiffies(p.gcStaleTime);
            case "interval_probe_time_ms" -> SysctlRegistry.nanosToJiffies(p.intervalProbeTime);
            case "locktime" -> SysctlRegistry.nanosToJiffies(p.locktime);
            case "mcast_resolicit" -> p.mcastReprobes;
            case "mcast_solicit" -> p.mcastProbes;
            case "proxy_delay" -> SysctlRegistry.nanosToJiffies(p.proxyDelay);
            case "proxy_qlen" -> p.proxyQlen;
            case "retrans_time", "retrans_time_ms" -> SysctlRegistry.nanosToJiffies(p.retransTime);
            case "ucast_solicit" -> p.ucastProbes;
            case "unres_qlen", "unres_qlen_bytes" -> p.queueLenBytes;
            default -> throw new IllegalArgumentException(k.name());
        };
    }

    /**
     * Stores a neigh_parms field; a write to base_reachable_time re-draws reachable_time
     * (neigh_proc_base_reachable_time), a copy by neigh_copy_dflt_parms ({@code s} null) does not.
     */
    private static void setNeigh(HostStack s, NeighParams p, SysctlKey k, int v) {
        long ns = SysctlRegistry.jiffiesToNanos(v);
        switch (k.name()) {
            case "anycast_delay" -> p.anycastDelay = ns;
            case "app_solicit" -> p.appProbes = v;
            case "base_reachable_time", "base_reachable_time_ms" -> {
                p.baseReachableTime = ns;
                if (s != null) {
                    s.redrawReachableTime(p);
                }
            }
            case "delay_first_probe_time" -> p.delayProbeTime = ns;
            case "gc_stale_time" -> p.gcStaleTime = ns;
            case "interval_probe_time_ms" -> p.intervalProbeTime = ns;
            case "locktime" -> p.locktime = ns;
            case "mcast_resolicit" -> p.mcastReprobes = v;
            case "mcast_solicit" -> p.mcastProbes = v;
            case "proxy_delay" -> p.proxyDelay = ns;
            case "proxy_qlen" -> p.proxyQlen = v;
            case "retrans_time", "retrans_time_ms" -> p.retransTime = ns;
            case "ucast_solicit" -> p.ucastProbes = v;
            case "unres_qlen", "unres_qlen_bytes" -> p.queueLenBytes = v;
            default -> throw new IllegalArgumentException(k.name());
        }
    }
}
