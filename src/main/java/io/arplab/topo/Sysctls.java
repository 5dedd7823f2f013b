package io.arplab.topo;

import io.arplab.stack.DevConf;
import io.arplab.stack.HostStack;
import io.arplab.stack.NeighParams;
import io.arplab.stack.NetDevice;
import io.arplab.topo.Topology.Sysctl;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The net.ipv4 sysctls a lab file may set, checked by name and value, and applied to a host the way the kernel
 * combines them: {@code conf.default.X} reaches every device that did not set X itself (devinet_copy_dflt_conf),
 * {@code conf.all.forwarding} and {@code ip_forward} switch forwarding everywhere (inet_forward_change), and the
 * other {@code conf.all.X} are folded into each device as the kernel reads them (IN_DEV_MAXCONF / ORCONF / ANDCONF
 * in include/linux/inetdevice.h), so {@code sysctl} then shows the combined value on the device.
 */
final class Sysctls {
    private Sysctls() {}

    enum Scope { GLOBAL, CONF, NEIGH, IGNORED }

    /** A checked key: {@code net.ipv4.conf.eth0.arp_accept} is (CONF, "eth0", "arp_accept"). */
    record Key(String text, Scope scope, String dev, String leaf) {}

    static final List<String> GLOBAL = List.of("ip_forward", "ip_default_ttl", "icmp_echo_ignore_broadcasts",
            "icmp_echo_ignore_all", "icmp_ratelimit", "icmp_ratemask", "icmp_msgs_per_sec", "icmp_msgs_burst");
    static final List<String> CONF = List.of("arp_accept", "arp_announce", "arp_filter", "arp_ignore", "arp_notify",
            "arp_evict_nocarrier", "drop_gratuitous_arp", "proxy_arp", "forwarding", "rp_filter", "accept_local",
            "route_localnet");
    static final List<String> NEIGH = List.of("anycast_delay", "app_solicit", "base_reachable_time",
            "base_reachable_time_ms", "delay_first_probe_time", "gc_stale_time", "interval_probe_time_ms", "locktime",
            "mcast_resolicit", "mcast_solicit", "proxy_delay", "proxy_qlen", "retrans_time", "retrans_time_ms",
            "ucast_solicit", "unres_qlen", "unres_qlen_bytes");
    /** Real per-device keys the emulator does not model: accepted and ignored (with a note). */
    private static final Set<String> CONF_UNMODELLED = Set.of("accept_redirects", "accept_source_route",
            "bc_forwarding", "bootp_relay", "disable_policy", "disable_xfrm", "drop_unicast_in_l2_multicast",
            "ignore_routes_with_linkdown", "log_martians", "mc_forwarding", "medium_id", "promote_secondaries",
            "proxy_arp_pvlan", "secure_redirects", "send_redirects", "shared_media", "src_valid_mark", "tag",
            "arp_ndisc_evict_nocarrier");
    /** Real host-wide net.ipv4 keys the emulator does not model (prefixes end with '_'). */
    private static final List<String> GLOBAL_UNMODELLED = List.of("tcp_", "udp_", "igmp_", "ipfrag_", "fib_",
            "ip_local_", "ping_group_range", "raw_l3mdev_accept", "icmp_errors_use_inbound_ifaddr",
            "icmp_ignore_bogus_error_responses", "icmp_echo_enable_probe", "ip_nonlocal_bind", "ip_no_pmtu_disc",
            "ip_dynaddr", "ip_early_demux", "ip_autobind_reuse", "ip_unprivileged_port_start", "fwmark_reflect",
            "ip_forward_update_priority", "ip_forward_use_pmtu", "nexthop_compat_mode", "route.", "cipso_",
            "inet_peer_", "xfrm4_gc_thresh");

    /** Modelled keys of a host with these devices, for "did you mean". */
    private static List<String> candidates(Set<String> devices) {
        List<String> c = new ArrayList<>();
        for (String g : GLOBAL) {
            c.add("net.ipv4." + g);
        }
        List<String> devs = new ArrayList<>(devices);
        devs.add("all");
        devs.add("default");
        for (String d : devs) {
            for (String k : CONF) {
                c.add("net.ipv4.conf." + d + "." + k);
            }
        }
        for (String d : devices) {
            for (String k : NEIGH) {
                c.add("net.ipv4.neigh." + d + "." + k);
            }
        }
        return c;
    }

    /**
     * Checks a key against the host's devices ({@code lo} included). IGNORED keys are real but not modelled (outside
     * net.ipv4, or net.ipv4 keys without an effect here). Throws IllegalArgumentException with the problem.
     */
    static Key key(String written, Set<String> devices) {
        String k = written.trim().replace('/', '.');
        if (!k.startsWith("net.ipv4.")) {
            if (k.startsWith("net.") || k.startsWith("kernel.") || k.startsWith("fs.") || k.startsWith("vm.")
                    || k.startsWith("user.")) {
                return new Key(k, Scope.IGNORED, null, null);
            }
            throw new IllegalArgumentException("unknown sysctl '" + written + "'" + Suggest.didYouMean(k, candidates(devices)));
        }
        String rest = k.substring("net.ipv4.".length());
        if (rest.startsWith("conf.") || rest.startsWith("neigh.")) {
            boolean conf = rest.startsWith("conf.");
            String tail = rest.substring(conf ? 5 : 6);
            int dot = tail.lastIndexOf('.');
            String dev = dot < 0 ? "" : tail.substring(0, dot);
            String leaf = tail.substring(dot + 1);
            boolean devOk = devices.contains(dev) || conf && (dev.equals("all") || dev.equals("default"));
            if (!conf && dev.equals("default")) {
                throw new IllegalArgumentException("sysctl '" + written + "' does not exist in a container's network"
                        + " namespace (the kernel registers neigh.default only in the first one): set net.ipv4.neigh."
                        + firstDevice(devices) + "." + leaf + " instead");
            }
            if (!devOk) {
                throw new IllegalArgumentException("sysctl '" + written + "' names device '" + dev + "', which this host"
                        + " does not have" + Suggest.didYouMean(k, candidates(devices)));
            }
            if (conf && CONF.contains(leaf)) {
                return new Key(k, Scope.CONF, dev, leaf);
            }
            if (!conf && NEIGH.contains(leaf)) {
                return new Key(k, Scope.NEIGH, dev, leaf);
            }
            if (conf && CONF_UNMODELLED.contains(leaf) || !conf && leaf.startsWith("gc_")) {
                return new Key(k, Scope.IGNORED, dev, leaf);
            }
            throw new IllegalArgumentException("unknown sysctl '" + written + "'" + Suggest.didYouMean(k, candidates(devices)));
        }
        if (GLOBAL.contains(rest)) {
            return new Key(k, Scope.GLOBAL, null, rest);
        }
        for (String p : GLOBAL_UNMODELLED) {
            if (p.endsWith("_") || p.endsWith(".") ? rest.startsWith(p) : rest.equals(p)) {
                return new Key(k, Scope.IGNORED, null, rest);
            }
        }
        throw new IllegalArgumentException("unknown sysctl '" + written + "'" + Suggest.didYouMean(k, candidates(devices)));
    }

    private static String firstDevice(Set<String> devices) {
        return devices.stream().filter(d -> !d.equals("lo")).findFirst().orElse("eth0");
    }

    /** Checks a value the way the kernel's handlers would refuse it; throws IllegalArgumentException. */
    static void checkValue(Key key, long value) {
        try {
            switch (key.scope()) {
                case CONF -> {
                    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("out of range");
                    }
                    new DevConf().set(key.leaf(), (int) value);
                }
                case NEIGH -> NeighParams.linuxDefaults().set(key.leaf(), value);
                case GLOBAL -> {
                    if (key.leaf().equals("ip_default_ttl") && (value < 1 || value > 255)) {
                        throw new IllegalArgumentException("sysctl 'ip_default_ttl' must be 1..255, not " + value);
                    }
                    if (value < 0 && !key.leaf().equals("ip_forward")) {
                        throw new IllegalArgumentException("sysctl '" + key.leaf() + "' must not be negative: " + value);
                    }
                }
                case IGNORED -> { }
            }
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.equals("out of range")) {
                m = "value " + value + " out of range";
            }
            throw new IllegalArgumentException("invalid value " + value + " for sysctl '" + key.text() + "': "
                    + m.replace("sysctl '" + key.leaf() + "' ", "").replace("neighbour sysctl '" + key.leaf() + "' ", ""));
        }
    }

    static Set<String> deviceNames(HostStack stack) {
        Set<String> s = new HashSet<>();
        for (NetDevice d : stack.devices()) {
            s.add(d.name);
        }
        return s;
    }

    /** Applies checked sysctls to a host whose devices all exist, in the kernel's manner (see the class comment). */
    static void apply(HostStack stack, List<Sysctl> sysctls, SplittableRandom random) {
        Set<String> devices = deviceNames(stack);
        Map<String, Set<String>> explicit = new HashMap<>();
        List<Key> keys = new ArrayList<>();
        for (Sysctl s : sysctls) {
            Key k = key(s.key(), devices);
            keys.add(k);
            if (k.scope() == Scope.CONF && !k.dev().equals("all") && !k.dev().equals("default")) {
                explicit.computeIfAbsent(k.leaf(), x -> new HashSet<>()).add(k.dev());
            }
        }
        Map<String, Integer> all = new LinkedHashMap<>();
        for (int i = 0; i < sysctls.size(); i++) {
            Key k = keys.get(i);
            long v = sysctls.get(i).value();
            switch (k.scope()) {
                case GLOBAL -> stack.setSysctl(k.leaf(), v);
                case CONF -> {
                    if (k.dev().equals("all")) {
                        if (k.leaf().equals("forwarding")) {
                            stack.setIpForward(v != 0);
                        } else {
                            all.put(k.leaf(), (int) v);
                        }
                    } else if (k.dev().equals("default")) {
                        stack.defaultConf().set(k.leaf(), (int) v);
                        for (NetDevice d : stack.devices()) {
                            if (!explicit.getOrDefault(k.leaf(), Set.of()).contains(d.name)) {
                                d.conf.set(k.leaf(), (int) v);
                            }
                        }
                    } else {
                        stack.device(k.dev()).conf.set(k.leaf(), (int) v);
                    }
                }
                case NEIGH -> {
                    stack.setNeighSysctl(stack.device(k.dev()), k.leaf(), v); // re-draws reachable_time as the kernel does
                }
                case IGNORED -> { }
            }
        }
        for (Map.Entry<String, Integer> e : all.entrySet()) {
            for (NetDevice d : stack.devices()) {
                d.conf.set(e.getKey(), combine(e.getKey(), e.getValue(), get(d.conf, e.getKey())));
            }
        }
    }

    /** How the kernel reads conf/all/X together with conf/DEV/X. */
    static int combine(String leaf, int all, int dev) {
        return switch (leaf) {
            // IN_DEV_ORCONF
            case "proxy_arp", "arp_filter", "accept_local", "route_localnet", "drop_gratuitous_arp" ->
                    (all != 0 || dev != 0) ? 1 : 0;
            // IN_DEV_ANDCONF
            case "arp_evict_nocarrier" -> (all != 0 && dev != 0) ? 1 : 0;
            // IN_DEV_MAXCONF: arp_ignore, arp_announce, arp_notify, arp_accept, rp_filter
            default -> Math.max(all, dev);
        };
    }

    static int get(DevConf c, String leaf) {
        Integer v = c.get(leaf);
        if (v == null) {
            throw new IllegalArgumentException("unknown IPv4 device sysctl '" + leaf + "'");
        }
        return v;
    }
}
