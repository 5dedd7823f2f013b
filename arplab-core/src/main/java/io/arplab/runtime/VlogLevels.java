package io.arplab.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** ovs-vswitchd's log levels (lib/vlog.c): each vlog module's level on the console, in syslog and in the log file. */
public final class VlogLevels {
    /** enum vlog_destination's names. */
    public static final List<String> DESTINATIONS = List.of("console", "syslog", "file");
    /** enum vlog_level's names, in order. */
    public static final List<String> LEVELS = List.of("off", "emer", "err", "warn", "info", "dbg");
    /** The vlog modules ovs-vswitchd 3.1 registers (vlog/list's names). */
    public static final List<String> MODULES = List.of((
    "backtrace bfd bond bridge bundle bundles cfm collectors command_line connmgr conntrack conntrack_tp "
                + "coverage ct_dpif daemon daemon_unix dns_resolve dpdk dpif dpif_lookup_autovalidator "
                + "dpif_lookup_generic dpif_mfex_extract_study dpif_netdev dpif_netdev_extract dpif_netdev_impl "
                + "dpif_netdev_lookup dpif_netlink dpif_netlink_rtnl entropy fail_open fatal_signal flow hmap "
                + "in_band ipf ipfix jsonrpc lacp lldp lldpd lldpd_structs lockfile memory meta_flow native_tnl "
                + "netdev netdev_afxdp netdev_dummy netdev_linux netdev_offload netdev_offload_tc netdev_vport "
                + "netflow netlink netlink_conntrack netlink_notifier netlink_socket nx_match odp_execute "
                + "odp_execute_impl odp_util ofp_actions ofp_bundle ofp_connection ofp_errors ofp_flow ofp_group "
                + "ofp_match ofp_meter ofp_monitor ofp_msgs ofp_packet ofp_port ofp_protocol ofp_queue ofp_table "
                + "ofp_util ofproto ofproto_dpif ofproto_dpif_mirror ofproto_dpif_monitor ofproto_dpif_rid "
                + "ofproto_dpif_upcall ofproto_dpif_xlate ofproto_xlate_cache ovs_lldp ovs_numa ovs_rcu ovs_replay "
                + "ovs_router ovs_thread ovsdb_cs ovsdb_error ovsdb_idl ox_stat pcap pmd_perf poll_loop process "
                + "rconn reconnect route_table rstp rstp_sm sflow sha1 signals socket_util socket_util_unix stp "
                + "stream stream_fd stream_replay stream_ssl stream_tcp stream_unix svec system_stats tc timeval "
                + "tunnel unixctl userspace_tso util uuid vconn vconn_stream vlog vswitchd").split(" "));

    /** The levels a module has that vlog/set changed; the others have ovs-vswitchd's: console off, syslog and file info. */
    private final Map<String, int[]> changed = new HashMap<>();

    /** vlog_set_levels(): {@code module} (null: every one) at {@code level} on {@code destination} (-1: every one). */
    public void set(String module, int destination, int level) {
        for (String m : module == null ? MODULES : List.of(module)) {
            int[] l = changed.computeIfAbsent(m, k -> new int[] {0, 4, 4});
            for (int d = 0; d < DESTINATIONS.size(); d++) {
                l[d] = destination < 0 || d == destination ? level : l[d];
            }
        }
    }

    /** vlog_get_levels(): the header, then each module's line, the lines sorted. */
    public String list() {
        List<String> lines = new ArrayList<>();
        for (String m : MODULES) {
            int[] l = changed.getOrDefault(m, new int[] {0, 4, 4});
            lines.add(String.format("%-16s  %4s       %4s       %4s\n", m, name(l[0]), name(l[1]), name(l[2])));
        }
        lines.sort(null);
        return "                 console    syslog    file\n                 -------    ------    ------\n"
                + String.join("", lines);
    }

    /** enum vlog_destination's order (SYSLOG, CONSOLE, FILE) and each one's default pattern (destinations[]). */
    private static final List<String> PATTERN_ORDER = List.of("syslog", "console", "file");
    /** The console's default pattern, which the ovs-* tools print their own log lines in. */
    public static final String CONSOLE_PATTERN = "%D{%Y-%m-%dT%H:%M:%SZ}|%05N|%c%T|%p|%m";
    private final String[] patterns = {"ovs|%05N|%c%T|%p|%m", CONSOLE_PATTERN,
        "%D{%Y-%m-%dT%H:%M:%S.###Z}|%05N|%c%T|%p|%m"};

    /** vlog_set_pattern(): {@code destination}'s pattern (null: every destination's). */
    public void setPattern(String destination, String pattern) {
        for (int d = 0; d < patterns.length; d++) {
            patterns[d] = destination == null || PATTERN_ORDER.get(d).equals(destination) ? pattern : patterns[d];
        }
    }

    /**
     * vlog_get_patterns(): each destination's prefix and pattern; syslog's prefix is the libc syslogger's
     * (syslog_get_prefix()), the others have none.
     */
    public String patterns() {
        StringBuilder s = new StringBuilder("         prefix                            format\n"
                + "         ------                            ------\n");
        for (int d = 0; d < patterns.length; d++) {
            s.append(String.format("%-7s  %-32s  %s\n", PATTERN_ORDER.get(d).toUpperCase(java.util.Locale.ROOT),
                    d == 0 ? "<%B> %D{%h %e %T} %E %A:" : "none", patterns[d]));
        }
        return s.toString();
    }

    private static String name(int level) {
        return LEVELS.get(level).toUpperCase(java.util.Locale.ROOT);
    }
}
