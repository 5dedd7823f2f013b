package io.arplab.topo;

import io.arplab.stack.HostStack;
import io.arplab.stack.NamespaceSysctls;
import io.arplab.stack.NetDevice;
import io.arplab.stack.SysctlKey;
import io.arplab.stack.SysctlRegistry;
import io.arplab.stack.SysctlRegistry.Outcome;
import io.arplab.stack.SysctlRegistry.Target;
import io.arplab.topo.Topology.Sysctl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The sysctls a lab file may set: the stack's {@link SysctlRegistry} keys, checked by name and value as the kernel
 * checks them, and applied in file order as {@code sysctl -w} lines would be (so conf/default reaches the devices
 * that did not set the key, ip_forward switches every device, and conf/all stays apart from the devices).
 */
final class Sysctls {
    private Sysctls() {}

    enum Scope { KNOWN, IGNORED }

    /** A checked key: the registry's target, or none for a real key outside what the registry knows. */
    record Key(String text, Scope scope, Target target) {}

    /** Real host-wide net.ipv4 keys the registry does not hold: accepted with a note (prefixes end with '_' or '.'). */
    private static final List<String> GLOBAL_UNMODELLED = List.of("tcp_", "udp_", "igmp_", "ipfrag_", "fib_",
            "ip_local_reserved_ports", "ping_group_range", "nexthop_compat_mode", "route.", "cipso_",
            "inet_peer_", "xfrm4_gc_thresh");

    private static List<String> candidates(Set<String> devices) {
        List<String> c = new ArrayList<>();
        for (Target t : SysctlRegistry.targets(new ArrayList<>(devices))) {
            c.add(t.dotted());
        }
        return c;
    }

    /**
     * Checks a key against the host's devices ({@code lo} included). IGNORED keys are real but outside the registry
     * (outside net.ipv4, or tcp_* and the like). Throws IllegalArgumentException with the problem.
     */
    static Key key(String written, Set<String> devices) {
        return key(written, devices, false);
    }

    /** As {@link #key(String, Set)} on a kernel's initial namespace too, which has neigh.default.*. */
    static Key key(String written, Set<String> devices, boolean initialNamespace) {
        String k = written.trim().replace('/', '.');
        Target t = SysctlRegistry.resolve(k, devices::contains);
        boolean gc = t != null && SysctlRegistry.NEIGH_INIT_NS.contains(t.key());
        if (t != null && t.key().scope() == SysctlKey.Scope.NEIGH_INIT_NS && initialNamespace) {
            return new Key(t.dotted(), Scope.KNOWN, t);
        }
        if (gc) {
            throw new IllegalArgumentException("sysctl '" + written + "' belongs to the kernel's arp_tbl and exists"
                    + " only in its initial namespace: set it under 'host:' (the machine the containers share), or"
                    + " give the lab 'kernel: per-host' for separate machines");
        }
        if (t != null && t.key().scope() == SysctlKey.Scope.NEIGH_INIT_NS) {
            throw new IllegalArgumentException("sysctl '" + written + "' does not exist in a container's network"
                    + " namespace (the kernel registers neigh.default only in the first one): set net.ipv4.neigh."
                    + firstDevice(devices) + "." + t.key().name() + " instead, or set it under 'host:' for the"
                    + " devices created after it");
        }
        if (t != null) {
            return new Key(t.dotted(), Scope.KNOWN, t);
        }
        if (!k.startsWith("net.ipv4.")) {
            if (k.startsWith("net.") || k.startsWith("kernel.") || k.startsWith("fs.") || k.startsWith("vm.")
                    || k.startsWith("user.")) {
                return new Key(k, Scope.IGNORED, null);
            }
            throw unknown(written, k, devices);
        }
        String rest = k.substring("net.ipv4.".length());
        if (rest.startsWith("conf.") || rest.startsWith("neigh.")) {
            String tail = rest.substring(rest.indexOf('.') + 1);
            int dot = tail.lastIndexOf('.');
            String dev = dot < 0 ? "" : tail.substring(0, dot);
            boolean known = devices.contains(dev) || rest.startsWith("conf.") && (dev.equals("all")
                    || dev.equals("default"));
            if (!known && !dev.isEmpty()) {
                throw new IllegalArgumentException("sysctl '" + written + "' names device '" + dev + "', which this"
                        + " host does not have" + Suggest.didYouMean(k, candidates(devices)));
            }
            throw unknown(written, k, devices);
        }
        for (String p : GLOBAL_UNMODELLED) {
            if (p.endsWith("_") || p.endsWith(".") ? rest.startsWith(p) : rest.equals(p)) {
                return new Key(k, Scope.IGNORED, null);
            }
        }
        throw unknown(written, k, devices);
    }

    private static IllegalArgumentException unknown(String written, String k, Set<String> devices) {
        return new IllegalArgumentException("unknown sysctl '" + written + "'" + Suggest.didYouMean(k, candidates(devices)));
    }

    private static String firstDevice(Set<String> devices) {
        return devices.stream().filter(d -> !d.equals("lo")).sorted().findFirst().orElse("eth0");
    }

    /** Checks a value as the key's kernel handler would; throws IllegalArgumentException when it refuses it. */
    static void checkValue(Key key, String value) {
        if (key.scope() == Scope.IGNORED) {
            return;
        }
        SysctlKey k = key.target().key();
        if (k.readOnly()) {
            throw new IllegalArgumentException("sysctl '" + key.text() + "' is read-only: "
                    + Outcome.READ_ONLY.text);
        }
        if (SysctlRegistry.toStored(k, value) == SysctlRegistry.REFUSED) {
            throw new IllegalArgumentException("invalid value " + value + " for sysctl '" + key.text() + "': "
                    + Outcome.EINVAL.text + " (the kernel accepts " + SysctlRegistry.accepted(k) + ")");
        }
    }

    static Set<String> deviceNames(HostStack stack) {
        Set<String> s = new HashSet<>();
        for (NetDevice d : stack.devices()) {
            s.add(d.name);
        }
        return s;
    }

    /**
     * The file's conf/default keys before the host's devices get their addresses, as a container's sysctls are set
     * before its interfaces are configured: a device made then starts from conf/default (inetdev_init()), where an
     * address added first would have marked every key set (ipv4_devconf_setall()) and kept a later write out.
     */
    static void applyDefaults(HostStack stack, List<Sysctl> sysctls) {
        apply(stack, sysctls, true);
    }

    /** Applies checked sysctls to a host whose devices all exist, in file order, as sysctl -w would. */
    static void apply(HostStack stack, List<Sysctl> sysctls, SplittableRandom random) {
        apply(stack, sysctls, false);
    }

    private static void apply(HostStack stack, List<Sysctl> sysctls, boolean defaultsOnly) {
        Set<String> devices = deviceNames(stack);
        for (Sysctl s : sysctls) {
            if (defaultsOnly && !s.key().replace('/', '.').startsWith("net.ipv4.conf.default.")) {
                continue; // the other keys may name devices not made yet
            }
            Key k = key(s.key(), devices, stack.initialNamespace());
            if (k.scope() == Scope.IGNORED) {
                continue;
            }
            Outcome o = NamespaceSysctls.write(stack, k.target(), s.value());
            if (o != Outcome.OK) {
                throw new IllegalArgumentException("sysctl '" + s.key() + "' = " + s.value() + ": " + o.text);
            }
        }
    }
}
