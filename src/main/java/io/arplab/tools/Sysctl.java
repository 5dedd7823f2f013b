package io.arplab.tools;

import io.arplab.stack.DevConf;
import io.arplab.stack.HostStack;
import io.arplab.stack.NeighParams;
import io.arplab.stack.NetDevice;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * procps-ng {@code sysctl} for the namespace's net.ipv4 keys: neigh.DEV.*, conf.{DEV,all,default}.*, ip_forward,
 * ip_default_ttl and the icmp_* settings, read and written as /proc/sys shows them ("key = value").
 * As in a non-initial namespace of the recorded kernel, net.ipv4.neigh.default does not exist.
 */
public final class Sysctl implements Tool {
    private static final String PROC = "/proc/sys/";
    private static final List<String> NEIGH_KEYS = List.of("anycast_delay", "app_solicit", "base_reachable_time",
            "base_reachable_time_ms", "delay_first_probe_time", "gc_stale_time", "interval_probe_time_ms", "locktime",
            "mcast_resolicit", "mcast_solicit", "proxy_delay", "proxy_qlen", "retrans_time", "retrans_time_ms",
            "ucast_solicit", "unres_qlen", "unres_qlen_bytes");
    private static final List<String> CONF_KEYS = List.of("accept_local", "accept_redirects", "arp_accept",
            "arp_announce", "arp_evict_nocarrier", "arp_filter", "arp_ignore", "arp_notify", "drop_gratuitous_arp",
            "drop_unicast_in_l2_multicast", "forwarding", "proxy_arp", "proxy_arp_pvlan", "route_localnet",
            "rp_filter", "send_redirects");
    private static final List<String> GLOBAL_KEYS = List.of("icmp_echo_ignore_all", "icmp_echo_ignore_broadcasts",
            "icmp_errors_use_inbound_ifaddr", "icmp_msgs_burst", "icmp_msgs_per_sec", "icmp_ratelimit",
            "icmp_ratemask", "ip_default_ttl", "ip_forward");
    /** Values of keys the stack does not model, kept per namespace so a write reads back. */
    private static final Map<HostStack, Map<String, Long>> EXTRA = Collections.synchronizedMap(new WeakHashMap<>());

    private HostStack stack;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private boolean quiet;
    private boolean namesOnly;
    private boolean valuesOnly;
    private boolean ignore;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.stack = ctx.stack();
        int code = run(args);
        ctx.out().print(out);
        ctx.err().print(err);
        ctx.exit(code);
    }

    private int run(List<String> args) {
        boolean write = false;
        boolean all = false;
        List<String> keys = new ArrayList<>();
        for (String w : args) {
            if (w.startsWith("-") && w.length() > 1 && !w.startsWith("--")) {
                for (char c : w.substring(1).toCharArray()) {
                    switch (c) {
                        case 'w' -> write = true;
                        case 'q' -> quiet = true;
                        case 'n' -> valuesOnly = true;
                        case 'N' -> namesOnly = true;
                        case 'e' -> ignore = true;
                        case 'a', 'A', 'X' -> all = true;
                        case 'b' -> valuesOnly = true;
                        default -> {
                            err.append("sysctl: invalid option -- '").append(c).append("'\n");
                            err.append("Try 'sysctl --help' for more information.\n");
                            return 1;
                        }
                    }
                }
            } else if (w.equals("--all")) {
                all = true;
            } else if (w.equals("--write")) {
                write = true;
            } else if (w.equals("--quiet")) {
                quiet = true;
            } else if (w.equals("--values")) {
                valuesOnly = true;
            } else if (w.equals("--names")) {
                namesOnly = true;
            } else {
                keys.add(w);
            }
        }
        if (all) {
            for (Map.Entry<String, String> e : table().entrySet()) {
                print(e.getKey().replace('/', '.'), e.getValue());
            }
            return 0;
        }
        if (keys.isEmpty()) {
            err.append("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
            return 1;
        }
        int rc = 0;
        for (String k : keys) {
            if (k.contains("=")) {
                rc |= write(k);
            } else if (write) {
                err.append("sysctl: \"").append(k).append("\" must be of the form name=value\n");
                rc |= 1;
            } else {
                rc |= read(k);
            }
        }
        return rc;
    }

    private void print(String name, String value) {
        if (namesOnly) {
            out.append(name).append('\n');
        } else if (valuesOnly) {
            out.append(value).append('\n');
        } else {
            out.append(name).append(" = ").append(value).append('\n');
        }
    }

    /** Every key of the namespace, by /proc path below /proc/sys, sorted as a directory walk shows them. */
    private TreeMap<String, String> table() {
        TreeMap<String, String> t = new TreeMap<>();
        for (String k : GLOBAL_KEYS) {
            t.put("net/ipv4/" + k, Long.toString(global(k)));
        }
        List<String> confDirs = new ArrayList<>(List.of("all", "default"));
        for (NetDevice d : stack.devices()) {
            confDirs.add(d.name);
            for (String k : NEIGH_KEYS) {
                t.put("net/ipv4/neigh/" + d.name + "/" + k, Long.toString(neigh(d.arpParms(), k)));
            }
        }
        for (String dir : confDirs) {
            for (String k : CONF_KEYS) {
                t.put("net/ipv4/conf/" + dir + "/" + k, Long.toString(conf(dir, k)));
            }
        }
        return t;
    }

    private Map<String, Long> extra() {
        return EXTRA.computeIfAbsent(stack, s -> new LinkedHashMap<>());
    }

    private long global(String k) {
        if (k.equals("icmp_errors_use_inbound_ifaddr")) {
            return extra().getOrDefault("net/ipv4/" + k, 0L);
        }
        return stack.sysctl(k);
    }

    private static long neigh(NeighParams p, String k) {
        return switch (k) {
            case "anycast_delay" -> p.anycastDelay / (10 * NeighParams.MS);
            case "app_solicit" -> p.appProbes;
            case "base_reachable_time" -> p.baseReachableTime / NeighParams.SECOND;
            case "base_reachable_time_ms" -> p.baseReachableTime / NeighParams.MS;
            case "delay_first_probe_time" -> p.delayProbeTime / NeighParams.SECOND;
            case "gc_stale_time" -> p.gcStaleTime / NeighParams.SECOND;
            case "interval_probe_time_ms" -> p.intervalProbeTime / NeighParams.MS;
            case "locktime" -> p.locktime / (10 * NeighParams.MS);
            case "mcast_resolicit" -> p.mcastReprobes;
            case "mcast_solicit" -> p.mcastProbes;
            case "proxy_delay" -> p.proxyDelay / (10 * NeighParams.MS);
            case "proxy_qlen" -> p.proxyQlen;
            case "retrans_time" -> p.retransTime / (10 * NeighParams.MS);
            case "retrans_time_ms" -> p.retransTime / NeighParams.MS;
            case "ucast_solicit" -> p.ucastProbes;
            case "unres_qlen" -> p.unresQlen();
            case "unres_qlen_bytes" -> p.queueLenBytes;
            default -> throw new IllegalArgumentException(k);
        };
    }

    private DevConf devConf(String dir) {
        if (dir.equals("default")) {
            return stack.defaultConf();
        }
        NetDevice d = stack.device(dir);
        return d == null ? null : d.conf;
    }

    private long conf(String dir, String k) {
        String path = "net/ipv4/conf/" + dir + "/" + k;
        Long stored = extra().get(path);
        DevConf c = devConf(dir);
        if (dir.equals("all")) {
            if (k.equals("forwarding")) {
                return stack.ipForward() ? 1 : 0;
            }
            return stored != null ? stored : defaultConf(k);
        }
        Integer v = c.get(k);
        return v != null ? v : stored != null ? stored : defaultConf(k);
    }

    private static long defaultConf(String k) {
        return switch (k) {
            case "accept_redirects", "send_redirects", "arp_evict_nocarrier" -> 1;
            default -> 0;
        };
    }

    /** The /proc/sys path of a key given with dots or slashes (procps turns '.' into '/'). */
    private static String path(String key) {
        return key.replace('.', '/');
    }

    private boolean exists(String path) {
        if (table().containsKey(path)) {
            return true;
        }
        String dir = path + "/";
        return table().keySet().stream().anyMatch(k -> k.startsWith(dir)) || isDirectory(path);
    }

    private static boolean isDirectory(String path) {
        return path.equals("net") || path.equals("net/ipv4") || path.equals("net/ipv4/neigh")
                || path.equals("net/ipv4/conf");
    }

    private int read(String key) {
        String path = path(key);
        String name = key.replace('/', '.');
        TreeMap<String, String> t = table();
        if (t.containsKey(path)) {
            print(name, t.get(path));
            return 0;
        }
        String dir = path + "/";
        boolean any = false;
        for (Map.Entry<String, String> e : t.entrySet()) {
            if (e.getKey().startsWith(dir)) {
                print(e.getKey().replace('/', '.'), e.getValue());
                any = true;
            }
        }
        if (any) {
            return 0;
        }
        if (!ignore) {
            err.append("sysctl: cannot stat ").append(PROC).append(path).append(": No such file or directory\n");
            return 1;
        }
        return 0;
    }

    private int write(String assignment) {
        int eq = assignment.indexOf('=');
        String key = assignment.substring(0, eq).trim();
        String value = assignment.substring(eq + 1).trim();
        String path = path(key);
        String name = key.replace('/', '.');
        if (key.isEmpty()) {
            err.append("sysctl: malformed setting \"").append(assignment).append("\"\n");
            return 1;
        }
        if (!table().containsKey(path)) {
            if (!ignore) {
                err.append("sysctl: cannot stat ").append(PROC).append(path).append(": No such file or directory\n");
                return 1;
            }
            return 0;
        }
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            err.append("sysctl: setting key \"").append(name).append("\": Invalid argument\n");
            return 1;
        }
        try {
            apply(path, v);
        } catch (IllegalArgumentException e) {
            err.append("sysctl: setting key \"").append(name).append("\": Invalid argument\n");
            return 1;
        }
        if (!quiet) {
            print(name, value);
        }
        return 0;
    }

    private void apply(String path, long v) {
        String[] p = path.split("/");
        if (p.length == 3) {
            if (p[2].equals("icmp_errors_use_inbound_ifaddr")) {
                extra().put(path, v);
            } else {
                stack.setSysctl(p[2], v);
            }
            return;
        }
        String dir = p[3];
        String k = p[4];
        if (p[2].equals("neigh")) {
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(k);
            }
            stack.setNeighSysctl(stack.device(dir), k, v);
            return;
        }
        if (dir.equals("all")) {
            if (k.equals("forwarding")) {
                stack.setIpForward(v != 0);
            } else {
                extra().put(path, v);
            }
            return;
        }
        DevConf c = devConf(dir);
        try {
            c.set(k, (int) v);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("unknown")) {
                extra().put(path, v);
            } else {
                throw e;
            }
        }
    }
}
