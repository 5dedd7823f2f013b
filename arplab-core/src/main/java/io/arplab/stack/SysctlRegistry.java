package io.arplab.stack;

import io.arplab.stack.SysctlKey.Combine;
import io.arplab.stack.SysctlKey.Scope;
import io.arplab.stack.SysctlKey.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The net.ipv4 sysctls of a network namespace, each once: where it lives, the kernel's handler and range, its default
 * and how conf/all combines with a device. The topology loader and the in-lab {@code sysctl} read and write through
 * here, so both accept, refuse and propagate what the kernel does (checked against refdata/local/sysctl).
 */
public final class SysctlRegistry {
    private SysctlRegistry() {}

    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final int HZ = Jiffies.HZ;
    private static final int USER_HZ = 100;
    private static final long JIFFY_NS = 1_000_000_000L / HZ;

    /** What a write came to; {@code text} is strerror() of the kernel's answer. */
    public enum Outcome {
        OK(null),
        /** the handler refused the value (-EINVAL) */
        EINVAL("Invalid argument"),
        /** no such file in this namespace */
        ENOENT("No such file or directory"),
        /** a 0444 file (conf.*.mc_forwarding): the write fails with EINVAL, which procps reports but does not count */
        READ_ONLY("Invalid argument");

        public final String text;

        Outcome(String text) {
            this.text = text;
        }
    }

    /** A key at a place: {@code dir} is all/default/DEV for conf, DEV for neigh, null for net.ipv4.NAME. */
    public record Target(SysctlKey key, String dir) {
        /** The /proc/sys path below /proc/sys/ with slashes. */
        public String path() {
            return switch (key.scope()) {
                case NET -> "net/ipv4/" + key.name();
                case CONF -> "net/ipv4/conf/" + dir + "/" + key.name();
                case NEIGH, NEIGH_INIT_NS -> "net/ipv4/neigh/" + dir + "/" + key.name();
                case BRIDGE -> "net/bridge/" + key.name();
            };
        }

        /** The dotted name procps prints. */
        public String dotted() {
            return path().replace('/', '.');
        }
    }

    private static SysctlKey net(String name, Unit unit, long min, long max, int dflt, int slot) {
        return new SysctlKey(name, Scope.NET, unit, min, max, dflt, Combine.DEVICE, slot, false);
    }

    private static SysctlKey conf(String name, int dflt, Combine combine, int slot) {
        return new SysctlKey(name, Scope.CONF, Unit.INT, Integer.MIN_VALUE, INT_MAX, dflt, combine, slot, false);
    }

    private static SysctlKey neigh(String name, Unit unit, long min, long max, int dflt) {
        return new SysctlKey(name, Scope.NEIGH, unit, min, max, dflt, Combine.DEVICE, 0, false);
    }

    private static final long ANY = Integer.MIN_VALUE;

    /** net.ipv4.*: net/ipv4/sysctl_net_ipv4.c (ipv4_net_table) and devinet.c (ip_forward); slot = HostStack field. */
    public static final List<SysctlKey> NET = List.of(
            net("ip_forward", Unit.INT, ANY, INT_MAX, 0, 0), // devinet_sysctl_forward: conf/all/forwarding itself
            net("ip_default_ttl", Unit.INT, 1, 255, 64, 1), // ip_ttl_min/ip_ttl_max
            net("icmp_echo_ignore_all", Unit.U8, 0, 1, 0, 2),
            net("icmp_echo_ignore_broadcasts", Unit.U8, 0, 1, 1, 3),
            net("icmp_ratelimit", Unit.MILLISECONDS, 0, INT_MAX, HZ, 4),
            net("icmp_ratemask", Unit.INT, ANY, INT_MAX, 6168, 5),
            net("icmp_msgs_per_sec", Unit.INT, 0, INT_MAX, 1000, 6),
            net("icmp_msgs_burst", Unit.INT, 0, INT_MAX, 50, 7),
            net("icmp_errors_use_inbound_ifaddr", Unit.U8, 0, 1, 0, 8),
            net("icmp_ignore_bogus_error_responses", Unit.U8, 0, 1, 1, -1),
            net("icmp_echo_enable_probe", Unit.U8, 0, 1, 0, -1),
            net("ip_autobind_reuse", Unit.U8, 0, 1, 0, -1),
            net("ip_dynaddr", Unit.U8, 0, 255, 0, -1),
            net("ip_early_demux", Unit.U8, 0, 255, 1, -1),
            net("ip_forward_update_priority", Unit.U8, 0, 1, 1, -1),
            net("ip_forward_use_pmtu", Unit.U8, 0, 255, 0, -1),
            // the ports connect() and bind(0) draw from (inet_sk_get_local_port_range()), each checked against the other
            net("ip_local_port_range", Unit.PORT_RANGE, 1, 65535, portRange(32768, 60999), -1),
            net("ip_unprivileged_port_start", Unit.INT, 0, 65535, 1024, -1), // ipv4_privileged_ports()
            net("ip_no_pmtu_disc", Unit.U8, 0, 255, 0, -1),
            net("ip_nonlocal_bind", Unit.U8, 0, 255, 0, -1),
            net("fwmark_reflect", Unit.U8, 0, 255, 0, -1),
            net("raw_l3mdev_accept", Unit.U8, 0, 1, 1, -1),
            // the SYN's options and ECN (tcp_syn_options(), tcp_ecn_send_syn(), tcp_parse_options()): Tcp.sysctl()
            net("tcp_ecn", Unit.U8, 0, 2, 2, -1),
            net("tcp_fin_timeout", Unit.SECONDS, -INT_MAX / HZ - 1, INT_MAX / HZ, 60 * HZ, -1), // FIN_WAIT2's, unused
            net("tcp_sack", Unit.U8, 0, 255, 1, -1),
            // a SYN's and a SYN-ACK's retransmissions (tcp_write_timeout(), tcp_retransmit_timer()): Tcp.retransmit()
            net("tcp_syn_retries", Unit.U8, 1, 127, 6, -1),
            net("tcp_synack_retries", Unit.U8, 0, 255, 5, -1),
            net("tcp_syn_linear_timeouts", Unit.U8, 0, 127, 4, -1),
            net("tcp_timestamps", Unit.U8, 0, 255, 1, -1),
            net("tcp_window_scaling", Unit.U8, 0, 255, 1, -1));

    /**
     * conf.{all,default,DEV}.*: devinet_sysctl's table; every one is proc_dointvec (any int) through
     * devinet_conf_proc, forwarding through devinet_sysctl_forward. The rule is the IN_DEV_* macro the kernel reads
     * the key with (include/linux/inetdevice.h).
     */
    public static final List<SysctlKey> CONF = List.of(
            conf("accept_local", 0, Combine.OR, DevConf.ACCEPT_LOCAL),
            conf("accept_redirects", 1, Combine.RX_REDIRECTS, DevConf.ACCEPT_REDIRECTS),
            conf("accept_source_route", 1, Combine.AND, -1),
            conf("arp_accept", 0, Combine.MAX, DevConf.ARP_ACCEPT),
            conf("arp_announce", 0, Combine.MAX, DevConf.ARP_ANNOUNCE),
            conf("arp_evict_nocarrier", 1, Combine.AND, DevConf.ARP_EVICT_NOCARRIER),
            conf("arp_filter", 0, Combine.OR, DevConf.ARP_FILTER),
            conf("arp_ignore", 0, Combine.MAX, DevConf.ARP_IGNORE),
            conf("arp_notify", 0, Combine.MAX, DevConf.ARP_NOTIFY),
            conf("bc_forwarding", 0, Combine.AND, DevConf.BC_FORWARDING), // IN_DEV_BFORWARD
            conf("bootp_relay", 0, Combine.AND, -1),
            conf("disable_policy", 0, Combine.DEVICE, -1),
            conf("disable_xfrm", 0, Combine.DEVICE, -1),
            conf("drop_gratuitous_arp", 0, Combine.OR, DevConf.DROP_GRATUITOUS_ARP),
            conf("drop_unicast_in_l2_multicast", 0, Combine.OR, -1),
            conf("force_igmp_version", 0, Combine.DEVICE, -1),
            conf("forwarding", 0, Combine.DEVICE, DevConf.FORWARDING), // IN_DEV_FORWARD
            conf("igmpv2_unsolicited_report_interval", 10000, Combine.DEVICE, -1),
            conf("igmpv3_unsolicited_report_interval", 1000, Combine.DEVICE, -1),
            conf("ignore_routes_with_linkdown", 0, Combine.OR, -1),
            conf("log_martians", 0, Combine.OR, -1),
            new SysctlKey("mc_forwarding", Scope.CONF, Unit.INT, ANY, INT_MAX, 0, Combine.AND, -1, true),
            conf("medium_id", 0, Combine.DEVICE, -1),
            conf("promote_secondaries", 0, Combine.OR, DevConf.PROMOTE_SECONDARIES),
            conf("proxy_arp", 0, Combine.OR, DevConf.PROXY_ARP),
            conf("proxy_arp_pvlan", 0, Combine.OR, DevConf.PROXY_ARP_PVLAN),
            conf("route_localnet", 0, Combine.OR, DevConf.ROUTE_LOCALNET),
            conf("rp_filter", 0, Combine.MAX, DevConf.RP_FILTER),
            conf("secure_redirects", 1, Combine.OR, DevConf.SECURE_REDIRECTS),
            conf("send_redirects", 1, Combine.OR, DevConf.SEND_REDIRECTS), // IN_DEV_TX_REDIRECTS
            conf("shared_media", 1, Combine.OR, DevConf.SHARED_MEDIA),
            conf("src_valid_mark", 0, Combine.OR, -1),
            conf("tag", 0, Combine.DEVICE, -1));

    /**
     * net.bridge.*: br_netfilter's brnf_table (net/bridge/br_netfilter_hooks.c), loaded on this kernel as on every
     * Docker host: whether bridged IPv4, IPv6 and ARP frames pass the family's hooks, and VLAN/PPPoE frames too.
     */
    public static final List<SysctlKey> BRIDGE = List.of(
            bridge("bridge-nf-call-arptables", 1),
            bridge("bridge-nf-call-ip6tables", 1),
            bridge("bridge-nf-call-iptables", 1),
            bridge("bridge-nf-filter-pppoe-tagged", 0),
            bridge("bridge-nf-filter-vlan-tagged", 0),
            bridge("bridge-nf-pass-vlan-input-dev", 0));

    private static SysctlKey bridge(String name, int dflt) {
        return new SysctlKey(name, Scope.BRIDGE, Unit.SWITCH, ANY, INT_MAX, dflt, Combine.DEVICE, -1, false);
    }

    /** The default of net.bridge.{@code name}. */
    static int bridgeDefault(String name) {
        return find(BRIDGE, name).dflt();
    }

    /** Conf keys by DevConf slot. */
    private static final SysctlKey[] BY_SLOT = new SysctlKey[DevConf.SLOTS];

    static {
        for (SysctlKey k : CONF) {
            if (k.modelled()) {
                BY_SLOT[k.slot()] = k;
            }
        }
    }

    /** The rule the kernel reads a DevConf slot with. */
    static Combine combine(int slot) {
        return BY_SLOT[slot].combine();
    }

    /**
     * neigh.DEV.*: neigh_sysctl_template in net/core/neighbour.c. Counts are ZERO_INTMAX entries; times are jiffies
     * shown in seconds, USER_HZ ticks or ms (the _ms names alias the same field); interval_probe_time_ms is
     * MS_JIFFIES_POSITIVE; unres_qlen is proc_unres_qlen over unres_qlen_bytes. Defaults are arp_tbl's.
     */
    public static final List<SysctlKey> NEIGH = List.of(
            neigh("anycast_delay", Unit.CENTISECONDS, ANY, Long.MAX_VALUE, HZ),
            neigh("app_solicit", Unit.INT, 0, INT_MAX, 0),
            neigh("base_reachable_time", Unit.SECONDS, -INT_MAX / HZ - 1, INT_MAX / HZ, 30 * HZ),
            neigh("base_reachable_time_ms", Unit.MILLISECONDS, 0, INT_MAX, 30 * HZ),
            neigh("delay_first_probe_time", Unit.SECONDS, -INT_MAX / HZ - 1, INT_MAX / HZ, 5 * HZ),
            neigh("gc_stale_time", Unit.SECONDS, -INT_MAX / HZ - 1, INT_MAX / HZ, 60 * HZ),
            neigh("interval_probe_time_ms", Unit.MILLISECONDS, 1, INT_MAX, 5 * HZ),
            neigh("locktime", Unit.CENTISECONDS, ANY, Long.MAX_VALUE, HZ),
            neigh("mcast_resolicit", Unit.INT, 0, INT_MAX, 0),
            neigh("mcast_solicit", Unit.INT, 0, INT_MAX, 3),
            neigh("proxy_delay", Unit.CENTISECONDS, ANY, Long.MAX_VALUE, HZ * 8 / 10),
            neigh("proxy_qlen", Unit.INT, 0, INT_MAX, 64),
            neigh("retrans_time", Unit.CENTISECONDS, ANY, Long.MAX_VALUE, HZ),
            neigh("retrans_time_ms", Unit.MILLISECONDS, 0, INT_MAX, HZ),
            neigh("ucast_solicit", Unit.INT, 0, INT_MAX, 3),
            neigh("unres_qlen", Unit.PACKETS, 0, INT_MAX / SkbTruesize.ETH_FRAME, 212_992),
            neigh("unres_qlen_bytes", Unit.INT, 0, INT_MAX, 212_992));

    /**
     * neigh.default.gc_*: table-wide (struct neigh_table), registered in the initial namespace only, so a lab's
     * namespaces have none; listed so the loader can say so. Their values are NeighbourTable.GcConfig's.
     */
    public static final List<SysctlKey> NEIGH_INIT_NS = List.of(
            new SysctlKey("gc_interval", Scope.NEIGH_INIT_NS, Unit.SECONDS, ANY, INT_MAX / HZ, 30 * HZ, Combine.DEVICE, -1, false),
            new SysctlKey("gc_thresh1", Scope.NEIGH_INIT_NS, Unit.INT, ANY, INT_MAX, 128, Combine.DEVICE, -1, false),
            new SysctlKey("gc_thresh2", Scope.NEIGH_INIT_NS, Unit.INT, ANY, INT_MAX, 512, Combine.DEVICE, -1, false),
            new SysctlKey("gc_thresh3", Scope.NEIGH_INIT_NS, Unit.INT, ANY, INT_MAX, 1024, Combine.DEVICE, -1, false));

    /** The default of net.ipv4.{@code name}, a key of {@link #NET} (what a namespace reads until it is written). */
    static int netDefault(String name) {
        return find(NET, name).dflt();
    }

    private static SysctlKey find(List<SysctlKey> keys, String name) {
        for (SysctlKey k : keys) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }

    /**
     * The key a name ({@code net.ipv4.conf.eth0.arp_ignore} or {@code net/ipv4/...}) refers to on a namespace whose
     * devices {@code isDevice} knows; null when there is none. A neigh.default.gc_* key resolves (scope
     * NEIGH_INIT_NS) although the namespace does not have it.
     */
    public static Target resolve(String name, Predicate<String> isDevice) {
        String p = name.trim().replace('/', '.');
        if (p.startsWith("net.bridge.")) {
            SysctlKey k = find(BRIDGE, p.substring("net.bridge.".length()));
            return k != null ? new Target(k, null) : null;
        }
        if (!p.startsWith("net.ipv4.")) {
            return null;
        }
        String rest = p.substring("net.ipv4.".length());
        boolean conf = rest.startsWith("conf.");
        if (conf || rest.startsWith("neigh.")) {
            String tail = rest.substring(conf ? 5 : 6);
            int dot = tail.lastIndexOf('.');
            if (dot <= 0) {
                return null;
            }
            String dir = tail.substring(0, dot);
            String leaf = tail.substring(dot + 1);
            if (conf) {
                SysctlKey k = find(CONF, leaf);
                boolean dirOk = dir.equals("all") || dir.equals("default") || isDevice.test(dir);
                return k != null && dirOk ? new Target(k, dir) : null;
            }
            if (dir.equals("default")) {
                SysctlKey k = find(NEIGH_INIT_NS, leaf);
                k = k != null ? k : find(NEIGH, leaf);
                return k != null ? new Target(k.scope() == Scope.NEIGH ? asInitNs(k) : k, dir) : null;
            }
            SysctlKey k = find(NEIGH, leaf);
            return k != null && isDevice.test(dir) ? new Target(k, dir) : null;
        }
        SysctlKey k = find(NET, rest);
        return k != null ? new Target(k, null) : null;
    }

    /** neigh.default.X: like neigh.default.gc_*, registered in the initial namespace only. */
    private static SysctlKey asInitNs(SysctlKey k) {
        return new SysctlKey(k.name(), Scope.NEIGH_INIT_NS, k.unit(), k.min(), k.max(), k.dflt(), k.combine(), -1, false);
    }

    /** Every key a namespace with these devices has, for "did you mean" and listings. */
    public static List<Target> targets(List<String> devices) {
        List<Target> out = new ArrayList<>();
        for (SysctlKey k : BRIDGE) {
            out.add(new Target(k, null));
        }
        for (SysctlKey k : NET) {
            out.add(new Target(k, null));
        }
        List<String> dirs = new ArrayList<>(List.of("all", "default"));
        dirs.addAll(devices);
        for (String d : dirs) {
            for (SysctlKey k : CONF) {
                out.add(new Target(k, d));
            }
        }
        for (String d : devices) {
            for (SysctlKey k : NEIGH) {
                out.add(new Target(k, d));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ values

    /** Marks a refused value in {@link #toStored}. */
    public static final long REFUSED = Long.MIN_VALUE;

    /**
     * The value the kernel stores for a written text, or {@link #REFUSED} (-EINVAL). proc_get_long(): optional '-',
     * an unsigned number in base 0 (0x.. hex, 0.. octal) followed by nothing or white space; then the key's
     * handler converts and bounds it.
     */
    public static long toStored(SysctlKey k, String text) {
        if (k.unit() == Unit.PORT_RANGE) {
            return toStoredRange(k, text, k.dflt());
        }
        String s = text.strip();
        int[] at = {0};
        long mag = parseNumber(s, at);
        if (mag == REFUSED) {
            return REFUSED;
        }
        return convert(k, s.startsWith("-"), mag);
    }

    /**
     * __do_proc_dointvec() writing an int[2] over {@code old} (stored low | high << 16): the numbers written, white
     * space apart, replace the first one or both; each is bounded by the key's range, and the high one is not below the
     * low one. REFUSED when none is written or one is refused; the check against ip_unprivileged_port_start needs the
     * namespace ({@link NamespaceSysctls}).
     */
    public static long toStoredRange(SysctlKey k, String text, int old) {
        int[] v = {old & 0xffff, old >>> 16};
        int[] at = {0};
        int n = 0;
        for (; n < 2; n++) {
            while (at[0] < text.length() && Character.isWhitespace(text.charAt(at[0]))) {
                at[0]++; // proc_skip_spaces()
            }
            if (at[0] == text.length()) {
                break;
            }
            boolean neg = text.startsWith("-", at[0]);
            long mag = parseNumber(text, at);
            if (mag == REFUSED || Long.compareUnsigned(mag, neg ? INT_MAX + 1 : INT_MAX) > 0) {
                return REFUSED;
            }
            long x = neg ? -mag : mag;
            if (x < k.min() || x > k.max()) {
                return REFUSED; // do_proc_dointvec_minmax_conv()
            }
            v[n] = (int) x;
        }
        return n == 0 || v[1] < v[0] ? REFUSED : portRange(v[0], v[1]); // ipv4_local_port_range(): high >= low
    }

    /**
     * proc_get_long() at {@code at[0]}: an optional '-', an unsigned number in base 0 (0x.. hex, 0.. octal), then the
     * end or white space; returns the magnitude and moves {@code at} past it, or REFUSED.
     */
    private static long parseNumber(String s, int[] at) {
        int i = at[0];
        boolean neg = s.startsWith("-", i);
        i += neg ? 1 : 0;
        int base = 10;
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            base = 16;
            i += 2;
        } else if (s.startsWith("0", i) && s.length() > i + 1) {
            base = 8;
        }
        int start = i;
        long mag = 0;
        for (; i < s.length() && Character.digit(s.charAt(i), base) >= 0; i++) {
            int d = Character.digit(s.charAt(i), base);
            if (Long.compareUnsigned(mag, Long.divideUnsigned(-1L - d, base)) > 0) {
                return REFUSED; // beyond ULONG_MAX
            }
            mag = mag * base + d;
        }
        if (i == start || i < s.length() && !Character.isWhitespace(s.charAt(i))) {
            return REFUSED;
        }
        at[0] = i;
        return mag;
    }

    /** A stored ip_local_port_range. */
    public static int portRange(int low, int high) {
        return low | high << 16;
    }

    public static int portLow(int range) {
        return range & 0xffff;
    }

    public static int portHigh(int range) {
        return range >>> 16;
    }

    /** The handler's write conversion of a parsed (sign, magnitude), with its range; REFUSED for -EINVAL. */
    private static long convert(SysctlKey k, boolean neg, long mag) {
        long v;
        switch (k.unit()) {
            case SWITCH -> {
                // do_proc_dointvec_conv(), then brnf_sysctl_call_tables(): anything but 0 is 1
                if (Long.compareUnsigned(mag, neg ? INT_MAX + 1 : INT_MAX) > 0) {
                    return REFUSED;
                }
                return mag == 0 ? 0 : 1;
            }
            case INT, PACKETS -> {
                // do_proc_dointvec_conv
                if (Long.compareUnsigned(mag, neg ? INT_MAX + 1 : INT_MAX) > 0) {
                    return REFUSED;
                }
                v = neg ? -mag : mag;
            }
            case U8 -> {
                // proc_dou8vec_minmax: no sign, at most 255
                if (neg && mag != 0 || Long.compareUnsigned(mag, 255) > 0) {
                    return REFUSED;
                }
                v = mag;
            }
            case SECONDS -> {
                // do_proc_dointvec_jiffies_conv: |v| <= INT_MAX / HZ
                if (Long.compareUnsigned(mag, INT_MAX / HZ) > 0) {
                    return REFUSED;
                }
                return (neg ? -mag : mag) * HZ;
            }
            case CENTISECONDS -> {
                // do_proc_dointvec_userhz_jiffies_conv: clock_t_to_jiffies() of the two's-complement value, cut to int
                long x = neg ? -mag : mag;
                long jiffies = Long.compareUnsigned(x, Long.divideUnsigned(-1L, HZ) * USER_HZ) >= 0
                        ? -1L : Long.divideUnsigned(x * HZ, USER_HZ);
                return (int) jiffies;
            }
            case MILLISECONDS -> {
                // do_proc_dointvec_ms_jiffies_conv(): msecs_to_jiffies() takes an unsigned int, so only the low 32
                // bits of the (negated) value count, and one that is negative as an int maps to MAX_JIFFY_OFFSET,
                // over INT_MAX (EINVAL); rounded up to jiffies; extra1 for _POSITIVE
                long ms = (neg ? -mag : mag) & 0xFFFF_FFFFL;
                if (ms > INT_MAX || ms < k.min()) {
                    return REFUSED;
                }
                return (ms + 1000 / HZ - 1) / (1000 / HZ);
            }
            default -> throw new IllegalStateException();
        }
        if (v < k.min() || v > k.max()) {
            return REFUSED;
        }
        return k.unit() == Unit.PACKETS ? v * SkbTruesize.ETH_FRAME : v;
    }

    /** A stored value as the handler shows it (a negative jiffies count keeps its sign, even as "-0"). */
    public static String show(SysctlKey k, int stored) {
        long mag = Math.abs((long) stored);
        String sign = stored < 0 ? "-" : "";
        return switch (k.unit()) {
            case INT, U8, SWITCH -> Integer.toString(stored);
            case PORT_RANGE -> portLow(stored) + "\t" + portHigh(stored);
            case PACKETS -> Integer.toString(stored / SkbTruesize.ETH_FRAME);
            case SECONDS -> sign + mag / HZ;
            case CENTISECONDS -> sign + mag * USER_HZ / HZ;
            case MILLISECONDS -> sign + (mag * (1000 / HZ) & 0xFFFF_FFFFL); // jiffies_to_msecs() is unsigned int
        };
    }

    /** The values the key's handler accepts, in the unit written, for messages. */
    public static String accepted(SysctlKey k) {
        return switch (k.unit()) {
            case INT, PACKETS, U8 -> k.min() + ".." + k.max();
            case SWITCH -> "any int (not 0 is 1)";
            case SECONDS -> k.min() + ".." + k.max() + " seconds";
            case PORT_RANGE -> "a low and a high port, " + k.min() + ".." + k.max();
            case CENTISECONDS -> "any number of 1/100 s";
            case MILLISECONDS -> k.min() + ".." + k.max() + " ms";
        };
    }

    /** Stored jiffies as virtual nanoseconds, and back. */
    static long jiffiesToNanos(int jiffies) {
        return jiffies * JIFFY_NS;
    }

    static int nanosToJiffies(long nanos) {
        return (int) Math.floorDiv(nanos, JIFFY_NS);
    }
}
