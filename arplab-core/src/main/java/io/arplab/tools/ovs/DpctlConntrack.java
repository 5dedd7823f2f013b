package io.arplab.tools.ovs;

import io.arplab.flow.Conntrack;
import io.arplab.flow.ConntrackMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * The conntrack commands of lib/dpctl.c on the dummy datapath's connection tracker: dpctl/dump-conntrack,
 * flush-conntrack (a zone, an original and a reply tuple), ct-stats-show, the TCP sequence checking switch and the
 * fragment module's (ipf-get-status, ipf-set-enabled, ipf-set-disabled, ipf-set-min-frag, ipf-set-max-nfrags).
 * {@code cts} are the lab's trackers, the first the one they read (the only datapath get_one_dp() finds).
 */
final class DpctlConntrack {
    private DpctlConntrack() {}

    /** What the command printed, or its error lines ("ovs-vswitchd: ..."; null when it succeeded). */
    record Outcome(List<String> out, String error) {
        static Outcome ok(List<String> out) {
            return new Outcome(out, null);
        }

        static Outcome fail(String error) {
            return new Outcome(List.of(), error);
        }
    }

    private static final String DP = OvsTools.DATAPATH;
    private static final String NOT_FOUND = "ovs-vswitchd: datapath not found (Invalid argument)";

    /**
     * {@code args} follow the options (dpctl_unixctl_handler()), {@code verbosity} their -m count, {@code stats} -s;
     * {@code now} the lab's clock (ns).
     */
    static Outcome run(String cmd, List<String> args, int verbosity, boolean stats, List<Conntrack> cts, long now) {
        if (cts.isEmpty()) {
            return Outcome.ok(List.of());
        }
        Conntrack ct = cts.get(0);
        ct.sweep(now);
        return switch (cmd) {
            case "dpctl/dump-conntrack" -> dump(args, verbosity, stats ? now : -1, ct);
            case "dpctl/flush-conntrack" -> flush(args, ct);
            case "dpctl/ct-stats-show" -> stats(args, verbosity, ct);
            case "dpctl/ipf-get-status" -> !opens(args, 2) ? Outcome.fail(NOT_FOUND)
                    : Outcome.ok(ct.ipf.status(verbosity > 0));
            case "dpctl/ipf-set-enabled", "dpctl/ipf-set-disabled" -> ipfEnabled(cmd, args, cts);
            case "dpctl/ipf-set-min-frag" -> ipfMinFrag(args, cts);
            case "dpctl/ipf-set-max-nfrags" -> ipfMaxNfrags(args, cts);
            case "dpctl/ct-get-tcp-seq-chk" -> !opens(args, 2) ? Outcome.fail(NOT_FOUND)
                    : Outcome.ok(List.of("TCP sequence checking: " + (ct.tcpSeqChk ? "enabled" : "disabled")));
            default -> { // dpctl_ct_set_tcp_seq_chk__(): at most one argument, short of opt_dpif_open()'s three
                boolean on = cmd.equals("dpctl/ct-enable-tcp-seq-chk");
                cts.forEach(c -> c.tcpSeqChk = on);
                yield Outcome.ok(List.of((on ? "enabling" : "disabling") + " TCP sequence checking successful"));
            }
        };
    }

    // opt_dpif_open(): the first argument names the datapath, or there are fewer than max_args (argc, argv[0] the
    // command's name) and the only datapath is taken
    private static boolean opens(List<String> args, int maxArgs) {
        return !args.isEmpty() && args.get(0).equals(DP) || args.size() + 1 != maxArgs;
    }

    // dpctl_dump_conntrack(): a last zone=N, then [dp]
    private static Outcome dump(List<String> args, int verbosity, long now, Conntrack ct) {
        int zone = -1;
        if (!args.isEmpty() && zone(args.get(args.size() - 1)) >= 0) {
            zone = zone(args.get(args.size() - 1));
            args = args.subList(0, args.size() - 1);
        }
        return opens(args, 2) ? Outcome.ok(ct.dump(zone, verbosity > 0, now)) : Outcome.fail(NOT_FOUND);
    }

    // ovs_scan(s, "zone=%"SCNu16): the zone, or -1
    private static int zone(String s) {
        return s.startsWith("zone=") ? (int) DpctlCommands.scanU16(s.substring(5)) : -1;
    }

    // dpctl_flush_conntrack(): [zone=N] first, then the original and reply tuples (an empty one skipped), at most one
    // argument left over, opt_dpif_open() with at most five; ct_dpif_flush()
    private static Outcome flush(List<String> args, Conntrack ct) {
        StringBuilder ds = new StringBuilder();
        int zone = -1, at = 0, left = args.size();
        if (left > 0 && args.get(0).startsWith("zone=")) {
            zone = zone(args.get(0));
            if (zone < 0) {
                return Outcome.fail(error("failed to parse zone", "Invalid argument"));
            }
            at++;
            left--;
        }
        ConntrackMatch m = new ConntrackMatch();
        for (int i = 0; i < 2 && left > 0; i++, at++, left--) {
            String arg = args.get(at);
            if (!arg.isEmpty() && !m.parseTuple(arg, i == 1, ds)) {
                return Outcome.fail(error(ds.toString(), "Invalid argument"));
            }
        }
        if (left > 1) {
            return Outcome.fail(error(ds.append("invalid arguments").toString(), "Invalid argument"));
        }
        if (!opens(args, 5)) {
            return Outcome.fail(NOT_FOUND + "\n" + error("Cannot open dpif", "Invalid argument"));
        }
        if (!ct.flush(zone, m)) {
            return Outcome.fail(error(ds.append("failed to flush conntrack").toString(), "No such file or directory"));
        }
        return Outcome.ok(List.of());
    }

    // dpctl_ct_stats_show(): from the end, "verbose..." and zone=N (one of each kind per pass, until neither is)
    private static Outcome stats(List<String> args, int verbosity, Conntrack ct) {
        boolean verbose = verbosity > 0;
        int zone = -1;
        List<String> a = new ArrayList<>(args);
        int last = -1;
        while (!a.isEmpty() && last != a.size()) {
            last = a.size();
            String w = a.get(a.size() - 1);
            if (w.startsWith("verbose")) {
                verbose = true;
                a.remove(a.size() - 1);
            } else if (zone(w) >= 0) {
                zone = zone(w);
                a.remove(a.size() - 1);
            }
        }
        return opens(a, 2) ? Outcome.ok(ct.stats(zone, verbose)) : Outcome.fail(NOT_FOUND);
    }

    // argv[argc - n]: the n-th argument from the end, the command's own name (no v4, v6 or number) before the first
    private static String argv(List<String> args, int n) {
        return args.size() >= n ? args.get(args.size() - n) : "";
    }

    // ovs_scan(s, "%2s") compared with strncmp(.., 2): "v4" (0), "v6" (1), else -1
    private static int family(String s) {
        String w = s.strip();
        return w.startsWith("v4") ? 0 : w.startsWith("v6") ? 1 : -1;
    }

    // ipf_set_enabled__(): [dp] v4|v6 (opt_dpif_open() with at most four: never short of it)
    private static Outcome ipfEnabled(String cmd, List<String> args, List<Conntrack> cts) {
        boolean on = cmd.equals("dpctl/ipf-set-enabled");
        int af = family(argv(args, 1));
        if (af < 0) {
            return Outcome.fail(error("parameter missing: 'v4' for IPv4 or 'v6' for IPv6", "Invalid argument"));
        }
        cts.forEach(c -> c.ipf.enabled[af] = on); // ipf_set_enabled()
        return Outcome.ok(List.of((on ? "enabling" : "disabling") + " fragmentation reassembly successful"));
    }

    // dpctl_ipf_set_min_frag(): [dp] v4|v6 SIZE; ipf_set_min_frag() refuses a size under its bound (returning 1,
    // which dpctl reports as an errno)
    private static Outcome ipfMinFrag(List<String> args, List<Conntrack> cts) {
        if (!opens(args, 4)) {
            return Outcome.fail(NOT_FOUND);
        }
        int af = family(argv(args, 2));
        if (af < 0) {
            return Outcome.fail(error("parameter missing: v4 for IPv4 or v6 for IPv6", "Invalid argument"));
        }
        long size = DpctlCommands.scanU32(argv(args, 1));
        if (size < 0) {
            return Outcome.fail(error("parameter missing for minimum fragment size", "Invalid argument"));
        }
        if (size < (af == 1 ? io.arplab.flow.Ipf.V6_LBOUND : io.arplab.flow.Ipf.V4_LBOUND)) {
            return Outcome.fail(error("requested minimum fragment size too small; see documentation",
                    "Operation not permitted"));
        }
        cts.forEach(c -> c.ipf.minFragSize[af] = size);
        return Outcome.ok(List.of("setting minimum fragment size successful"));
    }

    // dpctl_ipf_set_max_nfrags(): [dp] N; ipf_set_max_nfrags() refuses more than IPF_NFRAG_UBOUND (returning 1)
    private static Outcome ipfMaxNfrags(List<String> args, List<Conntrack> cts) {
        if (!opens(args, 3)) {
            return Outcome.fail(NOT_FOUND);
        }
        long n = DpctlCommands.scanU32(argv(args, 1));
        if (n < 0) {
            return Outcome.fail(error("parameter missing for maximum fragments", "Invalid argument"));
        }
        if (n > io.arplab.flow.Ipf.NFRAG_UBOUND) {
            return Outcome.fail(error("setting maximum fragments failed", "Operation not permitted"));
        }
        cts.forEach(c -> c.ipf.nfragMax = n);
        return Outcome.ok(List.of("setting maximum fragments successful"));
    }

    /**
     * ovs-ofctl ct-flush-zone SWITCH ZONE and ct-flush SWITCH [zone=N] [ORIG-TUPLE [REPLY-TUPLE]] as parsed before
     * connecting (ofctl_ct_flush_zone(), ofctl_ct_flush()): the flush, or OVS's fatal message in {@code error}.
     */
    record OfctlFlush(int zone, ConntrackMatch match, String error) {
        static OfctlFlush parse(String cmd, List<String> rest) {
            ConntrackMatch m = new ConntrackMatch();
            if (cmd.equals("ct-flush-zone")) {
                try {
                    return new OfctlFlush(ConntrackMatch.u16(rest.get(1), "zone_id"), m, null);
                } catch (io.arplab.flow.FlowParseException e) {
                    return new OfctlFlush(-1, m, e.getMessage());
                }
            }
            int zone = -1, at = 1;
            if (rest.size() > at && rest.get(at).startsWith("zone=")) {
                zone = DpctlConntrack.zone(rest.get(at++));
                if (zone < 0) {
                    return new OfctlFlush(-1, m, "Failed to parse zone");
                }
            }
            StringBuilder ds = new StringBuilder();
            for (int i = 0; i < 2 && at < rest.size(); i++, at++) {
                if (!rest.get(at).isEmpty() && !m.parseTuple(rest.get(at), i == 1, ds)) {
                    return new OfctlFlush(-1, m, "Failed to parse ct-tuple: " + ds);
                }
            }
            return new OfctlFlush(zone, m, null);
        }

        /** handle_nxt_ct_flush(), ct_flush(): the switch flushes its backer's conntrack, whatever comes of it. */
        void run(Conntrack ct, long now) {
            ct.sweep(now);
            ct.flush(zone, match);
        }
    }

    // dpctl_error(): the message and the errno's text
    private static String error(String message, String errno) {
        return "ovs-vswitchd: " + message + " (" + errno + ")";
    }
}
