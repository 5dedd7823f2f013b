package io.arplab.tools.ovs;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The -v/--verbose=SPEC argument of the OVS tools (lib/vlog.c vlog_set_verbosity(), vlog_set_levels_from_string()):
 * words separated by spaces, commas, colons or tabs, each a destination, a level, ANY or one of the vlog modules
 * linked into the tool (found by asking each OVS 3.1 tool for every VLOG_DEFINE_THIS_MODULE name of its sources).
 */
final class Vlog {
    private Vlog() {}

    private static final List<String> COMMON = List.of("backtrace", "bundle", "command_line", "conntrack",
            "conntrack_tp", "coverage", "ct_dpif", "dns_resolve", "dpdk", "dpif", "dpif_lookup_autovalidator",
            "dpif_lookup_generic", "dpif_mfex_extract_study", "dpif_netdev", "dpif_netdev_extract",
            "dpif_netdev_impl", "dpif_netdev_lookup", "dpif_netlink", "dpif_netlink_rtnl", "entropy", "fatal_signal",
            "flow", "hmap", "ipf", "jsonrpc", "meta_flow", "native_tnl", "netdev", "netdev_afxdp", "netdev_linux",
            "netdev_offload", "netdev_offload_tc", "netdev_vport", "netlink", "netlink_conntrack", "netlink_notifier",
            "netlink_socket", "nx_match", "odp_execute", "odp_execute_impl", "odp_util", "ofp_actions", "ofp_bundle",
            "ofp_connection", "ofp_errors", "ofp_flow", "ofp_group", "ofp_match", "ofp_meter", "ofp_monitor",
            "ofp_msgs", "ofp_packet", "ofp_port", "ofp_protocol", "ofp_queue", "ofp_table", "ofp_util", "ovs_numa",
            "ovs_rcu", "ovs_replay", "ovs_router", "ovs_thread", "ovsdb_cs", "ovsdb_error", "ovsdb_idl", "ox_stat",
            "pmd_perf", "poll_loop", "reconnect", "route_table", "sha1", "signals", "socket_util",
            "socket_util_unix", "stream", "stream_fd", "stream_replay", "stream_ssl", "stream_tcp", "stream_unix",
            "svec", "tc", "timeval", "unixctl", "userspace_tso", "util", "uuid", "vlog");
    private static final Map<String, List<String>> OWN = Map.of(
            "ovs-appctl", List.of("daemon", "daemon_unix", "lockfile", "process"),
            "ovs-ofctl", List.of("daemon", "daemon_unix", "lockfile", "ofctl", "pcap", "process", "vconn",
                    "vconn_stream"),
            "ovs-dpctl", List.of(),
            "ovs-vsctl", List.of("db_ctl_base", "process", "vconn", "vconn_stream", "vsctl"));
    private static final List<String> DESTINATIONS = List.of("console", "syslog", "file");
    private static final List<String> LEVELS = List.of("off", "emer", "err", "warn", "info", "dbg");
    private static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "clock", "ftp", "ntp", "audit", "alert", "clock2", "local0", "local1", "local2",
            "local3", "local4", "local5", "local6", "local7");

    /** vlog_set_verbosity(): ovs_fatal()'s message for {@code program}'s -v argument, or null when it is taken. */
    static String verbosityError(String program, String arg) {
        if (arg == null) {
            return null;
        }
        String msg = levelsError(program, arg);
        return msg == null ? null : program + ": processing \"" + arg + "\": " + msg;
    }

    // vlog_set_levels_from_string(): strtok_r() words
    private static String levelsError(String program, String spec) {
        List<String> words = java.util.Arrays.stream(spec.split("[ ,:\t]+")).filter(w -> !w.isEmpty()).toList();
        String first = words.isEmpty() ? "" : words.get(0).toLowerCase(Locale.ROOT);
        if (first.equals("pattern")) {
            if (words.size() < 2) {
                return "missing destination";
            }
            String d = words.get(1).toLowerCase(Locale.ROOT);
            return DESTINATIONS.contains(d) || d.equals("any") ? null : "unknown destination \"" + words.get(1) + "\"";
        } else if (first.equals("facility")) { // vlog_facility_exists() of the rest after the word's delimiter
            int at = spec.toLowerCase(Locale.ROOT).indexOf("facility") + "facility".length();
            String rest = at < spec.length() ? spec.substring(at + 1) : "";
            return FACILITIES.contains(rest.toLowerCase(Locale.ROOT)) ? null : "invalid facility";
        }
        boolean destination = false, level = false, module = false;
        for (String w : words) {
            String l = w.toLowerCase(Locale.ROOT);
            if (l.equals("any")) {
                continue;
            } else if (DESTINATIONS.contains(l)) {
                if (destination) {
                    return "cannot specify multiple destinations";
                }
                destination = true;
            } else if (LEVELS.contains(l)) {
                if (level) {
                    return "cannot specify multiple levels";
                }
                level = true;
            } else if (COMMON.contains(l) || OWN.get(program).contains(l)) {
                if (module) {
                    return "cannot specify multiple modules";
                }
                module = true;
            } else {
                return "no destination, level, or module \"" + w + "\"";
            }
        }
        return null;
    }

    /**
     * vlog_set_levels_from_string()'s "PATTERN:DESTINATION:PATTERN" word: the console's pattern it sets (the rest
     * after the destination's delimiter), or null when {@code spec} sets none for the console.
     */
    static String consolePattern(String spec) {
        String[] w = spec.split("[ ,:\t]", 3);
        if (w.length < 3 || !w[0].equalsIgnoreCase("pattern")
                || !w[1].equalsIgnoreCase("console") && !w[1].equalsIgnoreCase("any")) {
            return null;
        }
        return w[2];
    }

    /**
     * format_log_message() of a console line: %c the module, %p the level, %m the message, %N the sequence number,
     * %A the program, %D and %d the time (as {@code stamp}), %T the thread's name (none on the main thread), %P the
     * pid, %n a newline, %% a percent; each with its '-' and '0' flags and width.
     */
    static String format(String pattern, String stamp, String program, int seq, String module, String level,
            String msg) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 >= pattern.length()) {
                b.append(c);
                continue;
            }
            i++;
            boolean left = false, zero = false;
            for (; i < pattern.length() && (pattern.charAt(i) == '-' || pattern.charAt(i) == '0'); i++) {
                left |= pattern.charAt(i) == '-';
                zero |= pattern.charAt(i) == '0';
            }
            int width = 0;
            for (; i < pattern.length() && Character.isDigit(pattern.charAt(i)); i++) {
                width = width * 10 + pattern.charAt(i) - '0';
            }
            if (i >= pattern.length()) {
                break;
            }
            String v = switch (pattern.charAt(i)) {
                case 'c' -> module;
                case 'p' -> level;
                case 'm' -> msg;
                case 'N' -> Integer.toString(seq);
                case 'A' -> program;
                case 'P' -> "1";
                case 'T' -> "";
                case 'n' -> "\n";
                case '%' -> "%";
                case 'D', 'd' -> {
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                        int close = pattern.indexOf('}', i);
                        i = close < 0 ? pattern.length() : close;
                    }
                    yield stamp;
                }
                default -> "";
            };
            String pad = (zero && !left ? "0" : " ").repeat(Math.max(0, width - v.length()));
            b.append(left ? v + pad : pad + v);
        }
        return b.toString();
    }
}
