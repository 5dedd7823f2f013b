package io.arplab.tools.ovs;

import io.arplab.device.OvsBridge;
import io.arplab.flow.FlowParseException;
import io.arplab.flow.Ofproto;
import io.arplab.flow.TraceCommand;
import io.arplab.stack.Errno;
import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import io.arplab.wire.libc.CLib;
import java.util.List;
import java.util.Map;

/**
 * ovs-appctl of Open vSwitch 3.1 talking to ovs-vswitchd: its whole command table (Unixctl), and the commands arplab
 * models (ofproto/trace, fdb/*, dpctl/*, ...).
 */
public final class OvsAppctl implements Tool {
    private ToolContext ctx;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        OvsTools.commandLine(ctx);
        args = options(args);
        if (args == null || args.isEmpty()) { // an error, or -o's, -h's or -V's text printed (exit 0)
            ctx.exit(args == null ? 1 : 0);
            return;
        }
        if (args.get(0).equals("time/warp") && Unixctl.VSWITCHD.get("time/warp").argc(args.size() - 1) == null) {
            warp(args);
            return;
        }
        ctx.exit(run(args));
    }

    /** ovs-appctl's long_options (parse_command_line()), parsed in order ('+'): options end at the command. */
    private static final List<OvsGetopt.LongOpt> OPTIONS = OvsGetopt.table(List.of(
            OvsGetopt.opt("target", OvsGetopt.REQUIRED, 't'), OvsGetopt.opt("execute", OvsGetopt.NO, 'e'),
            OvsGetopt.opt("help", OvsGetopt.NO, 'h'), OvsGetopt.opt("option", OvsGetopt.NO, 'o'),
            OvsGetopt.opt("version", OvsGetopt.NO, 'V'), OvsGetopt.opt("timeout", OvsGetopt.REQUIRED, 'T')),
            OvsGetopt.VLOG);

    // parse_command_line() and connect_to_target(): the options, then the target's control socket (ovs-vswitchd's
    // is the only one here: another name's pidfile does not exist); the command and its arguments, or null after
    // printing why not (empty after -o, -h or -V printed their text)
    private List<String> options(List<String> args) {
        OvsGetopt g = OvsGetopt.parse("ovs-appctl", OPTIONS, true, args);
        String target = null;
        int executes = 0;
        for (OvsGetopt.Opt o : g.options) {
            if (o.error() != null) {
                ctx.err().println(o.error());
                return null;
            }
            switch (o.name()) {
                case "option" -> { // parse_command_line(): ovs_cmdl_print_options() and exit
                    ctx.out().print(OvsGetopt.printOptions(OPTIONS));
                    return List.of();
                }
                case "help" -> { // usage() exits 0, as getopt_long() reaches it (options end at the command)
                    ctx.out().print(io.arplab.tools.Usage.of("ovs-appctl"));
                    return List.of();
                }
                case "version" -> { // ovs_print_version(0, 0), exit 0
                    ctx.out().print(OvsTools.version("ovs-appctl"));
                    return List.of();
                }
                case "verbose" -> { // vlog_set_verbosity(): a bad word is fatal
                    String bad = Vlog.verbosityError("ovs-appctl", o.arg());
                    if (bad != null) {
                        ctx.err().println(bad);
                        return null;
                    }
                }
                case "target" -> {
                    if (target != null) {
                        ctx.err().println("ovs-appctl: -t or --target may be specified only once");
                        return null;
                    }
                    target = o.arg();
                }
                case "execute" -> {
                    if (executes++ > 0) {
                        ctx.err().println("ovs-appctl: -e or --execute may be speciifed only once");
                        return null;
                    }
                }
                case "timeout" -> {
                    if (!OvsGetopt.positiveUint(o.arg())) {
                        ctx.err().println("ovs-appctl: value " + o.arg() + " on -T or --timeout is invalid");
                        return null;
                    }
                }
                default -> {
                }
            }
        }
        if (g.operands.isEmpty()) {
            ctx.err().println("ovs-appctl: at least one non-option argument is required (use --help for help)");
            return null;
        }
        if (target != null && !target.equals("ovs-vswitchd")) {
            if (target.startsWith("/")) {
                ctx.err().println("ovs-appctl: cannot connect to \"" + target + "\" (No such file or directory)");
            } else {
                String pidfile = "/var/run/openvswitch/" + target + ".pid";
                ctx.err().println(OvsTools.log(ctx, 1, "daemon_unix|WARN|" + pidfile + ": open: No such file or"
                        + " directory"));
                ctx.err().println("ovs-appctl: cannot read pidfile \"" + pidfile + "\" (No such file or directory)");
            }
            return null;
        }
        return g.operands;
    }

    // timeval.c timeval_warp_cb(): time/warp [LARGE_MSECS] MSECS; the lab's clock is virtual already, so a warp is
    // that much virtual time (LARGE_MSECS in MSECS steps: the total)
    private void warp(List<String> args) {
        long total = args.size() > 2 ? CLib.atoll(args.get(1)) : 0;
        long msecs = args.size() > 2 ? CLib.atoll(args.get(2)) : CLib.atoll(args.get(1));
        if (msecs <= 0 || total < 0) {
            ctx.err().println("invalid MSECS");
            ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
            ctx.exit(2);
            return;
        }
        io.arplab.flow.Datapath dp = datapath();
        long ms = Math.max(total, msecs); // saturated where the lab's nanosecond clock ends
        ctx.at(ms > (Long.MAX_VALUE - ctx.now()) / 1_000_000L ? Long.MAX_VALUE : ctx.now() + ms * 1_000_000L, t -> {
            if (dp != null) {
                dp.ct.ipf.clean(t); // the warp wakes ipf's clean thread
            }
            ctx.out().println("warped");
            ctx.exit(0);
        });
    }

    private int run(List<String> args) {
        if (args.isEmpty()) {
            ctx.err().println("ovs-appctl: at least one non-option argument is required (use --help for help)");
            return 1;
        }
        String cmd = args.get(0);
        List<String> rest = args.subList(1, args.size());
        // process_command(): the command by name, then its argument counts
        Unixctl.Command command = Unixctl.VSWITCHD.get(cmd);
        String bad = command == null ? "\"" + cmd + "\" is not a valid command (use \"list-commands\" to see a list of"
                + " valid commands)" : command.argc(rest.size());
        if (bad != null) {
            return error(bad);
        }
        try {
            switch (cmd) {
                case "ofproto/trace" -> {
                    ctx.out().print(TraceCommand.run(rest, b -> OvsTools.ofproto(ctx, b), datapath(), ctx.now()));
                    for (var sw : ctx.switches()) { // a trace with a packet has side effects: flows learned, timed
                        if (sw instanceof OvsBridge b) {
                            ctx.runtime().changed(b);
                        }
                    }
                }
                case "ofproto/trace-packet-out" -> {
                    ctx.out().print(TraceCommand.runPacketOut(rest, b -> OvsTools.ofproto(ctx, b), datapath(),
                            ctx.now()));
                }
                case "ofproto/list" -> {
                    // ofproto_unixctl_list(): every bridge's name
                    java.util.TreeSet<String> names = new java.util.TreeSet<>();
                    for (var s : ctx.switches()) {
                        if (s instanceof OvsBridge b) {
                            names.add(b.bridgeName());
                        }
                    }
                    names.forEach(ctx.out()::println);
                }
                case "dpif/dump-dps" -> {
                    // ofproto_unixctl_dpif_dump_dps(): each bridge as TYPE@NAME, sorted (get_ofprotos())
                    java.util.TreeSet<String> names = new java.util.TreeSet<>();
                    for (var s : ctx.switches()) {
                        if (s instanceof OvsBridge b) {
                            names.add((b.ofproto().datapath.userspace ? "dummy@" : "system@") + b.bridgeName());
                        }
                    }
                    names.forEach(ctx.out()::println);
                }
                case "dpctl/dump-dps" -> {
                    // dps_for_each(): the dummy class's names (dpif_netdev_enumerate()) in an sset, in hash order
                    List<String> names = new java.util.ArrayList<>(extraDatapaths().names());
                    if (datapath() != null) {
                        names.add(0, OvsTools.DATAPATH.substring("dummy@".length()));
                    }
                    io.arplab.flow.Hmap.of(names, io.arplab.flow.Hmap.shash()).forEach(n -> ctx.out().println(
                            "dummy@" + n));
                }
                case "dpctl/add-if", "dpctl/set-if", "dpctl/del-if" -> {
                    if (!DpctlDatapaths.handles(rest.get(0))) {
                        return error(notModelled(cmd));
                    }
                    return extraDatapaths(cmd, rest);
                }
                case "upcall/show" -> {
                    // upcall_unixctl_show(): each udpif, the dummy datapath's here (no offloaded flows' line)
                    io.arplab.flow.Datapath dp = datapath();
                    if (dp != null) {
                        io.arplab.flow.Udpif.UpcallCounts n = dp.udpif.upcallCounts(ctx.now());
                        ctx.out().print(OvsTools.DATAPATH + ":\n"
                                + "  flows         : (current " + dp.flows().size() + ") (avg " + n.avgFlows()
                                + ") (max " + n.maxFlows() + ") (limit " + n.flowLimit() + ")\n"
                                + "  dump duration : 1ms\n" // MAX(1, the dump's ms): a dump of a few flows
                                + "  ufid enabled : " + dp.udpif.ufid() + "\n\n"
                                + "  " + dp.udpif.revalidatorId() + ": (keys " + dp.udpif.ukeys() + ")\n");
                    }
                }
                case "upcall/disable-megaflows", "upcall/enable-megaflows" -> {
                    boolean enable = cmd.equals("upcall/enable-megaflows");
                    io.arplab.flow.Datapath dp = datapath();
                    if (dp != null) {
                        dp.udpif.megaflows(enable);
                    }
                    ctx.out().println(enable ? "megaflows enabled" : "megaflows disabled");
                }
                case "upcall/disable-ufid", "upcall/enable-ufid" -> {
                    boolean enable = cmd.equals("upcall/enable-ufid");
                    io.arplab.flow.Datapath dp = datapath();
                    if (dp != null) {
                        dp.udpif.ufid(enable);
                    }
                    ctx.out().println(enable ? "Datapath dumping tersely using UFID enabled for supported datapaths"
                            : "Datapath dumping tersely using UFID disabled");
                }
                case "coverage/read-counter" -> {
                    // coverage_unixctl_read_counter(): the process's total (its datapaths'); of the counters only
                    // odp-execute.c's explicit drops are modelled
                    Long total = null;
                    for (io.arplab.flow.Datapath dp : OvsTools.datapaths(ctx)) {
                        Long n = dp.dropCounter(rest.get(0));
                        total = n == null ? null : (total == null ? 0 : total) + n;
                    }
                    if (total == null) {
                        return error(notModelled(cmd));
                    }
                    ctx.out().println(total);
                }
                case "upcall/set-flow-limit" -> {
                    // upcall_unixctl_set_flow_limit(): atoi() of the argument, kept as an unsigned int
                    long limit = CLib.atoi(rest.get(0)) & 0xffffffffL;
                    io.arplab.flow.Datapath dp = datapath();
                    if (dp != null) {
                        dp.udpif.setFlowLimit(limit);
                    }
                    ctx.out().println("set flow_limit to " + limit);
                }
                case "dpctl/add-dp", "dpctl/del-dp" -> {
                    String name = rest.get(0);
                    if (DpctlDatapaths.handles(name)) {
                        return extraDatapaths(cmd, rest);
                    }
                    Errno open = OvsTools.dpifOpenError(name);
                    if (cmd.equals("dpctl/add-dp")) {
                        // dpctl_add_dp(): dpif_create_and_open() fails for a type not registered and opens the
                        // datapath that exists (creating another is not modelled)
                        return !OvsTools.dpifTypeRegistered(name)
                                ? error("ovs-vswitchd: add_dp (" + Errno.EAFNOSUPPORT.text + ")")
                                : open == null ? 0 : error(notModelled(cmd));
                    }
                    // dpctl_del_dp(): a datapath that does not open (deleting the one is not modelled)
                    return error(open != null ? "ovs-vswitchd: opening datapath (" + open.text + ")" : notModelled(cmd));
                }
                case "time/stop" -> {
                    // the virtual clock moves only as the lab runs; the revalidators' timer goes on by command lines
                    for (io.arplab.flow.Datapath dp : OvsTools.datapaths(ctx)) {
                        dp.udpif.stopClock(); // OVS's clock is the process's: every datapath's revalidators
                    }
                }
                case "fdb/show", "fdb/stats-show", "fdb/flush", "fdb/stats-clear", "fdb/add", "fdb/del" -> {
                    return FdbCommands.run(ctx, cmd, rest);
                }
                case "dpctl/show" -> {
                    DpctlArgs o = DpctlArgs.parse(rest);
                    if (o.error != null) {
                        return error(o.error);
                    }
                    if (o.args.size() == 1 && DpctlDatapaths.handles(o.args.get(0)) && !o.stats) {
                        return extraDatapaths(cmd, o.args);
                    }
                    io.arplab.flow.Datapath dp = datapath();
                    // dpctl_show(): each name opened in turn, an error line for each that does not open
                    int status = 0;
                    for (String name : o.args.isEmpty() ? List.of(OvsTools.DATAPATH) : o.args) {
                        Errno open = OvsTools.dpifOpenError(name);
                        if (dp != null && open == null) {
                            ctx.out().print(dp.show(o.stats, ctx.now()));
                        } else {
                            ctx.err().println("ovs-vswitchd: opening datapath " + name + " failed ("
                                    + (open != null ? open : Errno.ENODEV).text + ")");
                            status = 2;
                        }
                    }
                    if (status != 0) {
                        ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
                    }
                    return status;
                }
                case "dpif/show" -> {
                    io.arplab.flow.Datapath dp = datapath();
                    if (dp != null) {
                        ctx.out().print(dp.dpifShow(ctx.now()));
                    }
                }
                case "dpctl/dump-flows" -> {
                    return dumpFlows(rest);
                }
                case "dpif/dump-flows" -> {
                    // ofproto_unixctl_dpif_dump_flows(): the bridge last, -m/--names/--no-names before it
                    Ofproto br = OvsTools.ofproto(ctx, rest.get(rest.size() - 1));
                    if (br == null) {
                        return error("no such bridge");
                    }
                    boolean verbose = false;
                    Boolean names = null;
                    for (String w : rest.subList(0, rest.size() - 1)) {
                        if (w.equals("-m")) {
                            verbose = true;
                        } else if (w.equals("--names") || w.equals("--no-names")) {
                            names = w.equals("--names");
                        }
                    }
                    ctx.out().print(br.datapath.dumpFlows(br, ctx.now(), verbose, names != null ? names : verbose));
                }
                case "dpif/set-dp-features" -> {
                    // ofproto_unixctl_dpif_set_dp_features(): "bridge", 1 to 3 arguments
                    Ofproto br = OvsTools.ofproto(ctx, rest.get(0));
                    if (br == null) {
                        return error("no such bridge");
                    }
                    ctx.out().print(br.datapath.setFeature(rest.subList(1, rest.size())));
                }
                case "dpif-dummy/change-port-number" -> {
                    // dpif_dummy_change_port_number(): only dpif-netdev's dummy datapaths, "ovs-dummy" here
                    io.arplab.flow.Datapath dp = datapath();
                    if (dp == null || !dp.userspace || !rest.get(0).equals("ovs-dummy")) {
                        return error("unknown datapath or not a dummy");
                    }
                    // atoi(), glibc's (int) strtol(s, NULL, 10), as an odp_port_t
                    String failure = dp.changePortNumber(rest.get(1), CLib.atoi(rest.get(2)) & 0xffffffffL);
                    if (failure != null) {
                        return error(failure);
                    }
                }
                case "list-commands" -> ctx.out().print(Unixctl.listCommands());
                case "dpif/show-dp-features" -> { // ofproto_unixctl_dpif_show_dp_features()
                    Ofproto br = OvsTools.ofproto(ctx, rest.get(0));
                    if (br == null) {
                        return error("no such bridge");
                    }
                    ctx.out().print(br.datapath.showFeatures());
                }
                case "version" -> ctx.out().println("ovs-vswitchd (Open vSwitch) 3.1.0"); // ovs_print_version()
                // dpif-netdev's implementations as Debian's build has them (no AVX512), on a datapath without PMDs
                case "dpif-netdev/dpif-impl-get" ->
                        ctx.out().print("Available DPIF implementations:\n  dpif_scalar (pmds: none)\n");
                case "dpif-netdev/subtable-lookup-info-get", "dpif-netdev/subtable-lookup-prio-get" ->
                        ctx.out().print("Available dpcls implementations:\n"
                                + "  autovalidator (Use count: 0, Priority: 0)\n"
                                + "  generic (Use count: 0, Priority: 1)\n");
                case "dpif-netdev/miniflow-parser-get" -> ctx.out().print("Available MFEX implementations:\n"
                        + "  autovalidator (available: True pmds: none)\n  scalar (available: True pmds: none)\n"
                        + "  study (available: True pmds: none)\n");
                case "dpctl/dump-conntrack", "dpctl/flush-conntrack", "dpctl/ct-stats-show",
                        "dpctl/ct-get-tcp-seq-chk", "dpctl/ct-enable-tcp-seq-chk", "dpctl/ct-disable-tcp-seq-chk",
                        "dpctl/ipf-get-status", "dpctl/ipf-set-enabled", "dpctl/ipf-set-disabled",
                        "dpctl/ipf-set-min-frag", "dpctl/ipf-set-max-nfrags" -> {
                    DpctlArgs o = DpctlArgs.parse(rest);
                    if (o.error != null) {
                        return error(o.error);
                    }
                    DpctlConntrack.Outcome r = DpctlConntrack.run(cmd, o.args, o.verbosity, o.stats, conntracks(),
                            ctx.now());
                    if (r.error() != null) {
                        return error(r.error());
                    }
                    r.out().forEach(ctx.out()::println);
                }
                case "dpctl/ct-set-limits", "dpctl/ct-get-limits", "dpctl/ct-del-limits" -> {
                    return zoneLimits(cmd, rest);
                }
                case "dpctl/ct-set-maxconns", "dpctl/ct-get-maxconns", "dpctl/ct-get-nconns" -> {
                    return maxConns(cmd, rest);
                }
                case "dpctl/ct-bkts" -> {
                    return ctBuckets(rest);
                }
                case "dpctl/del-flows" -> {
                    // dpctl_del_flows(): [DP] [FILE]; a FILE that does not open is reported, nothing deleted
                    DpctlArgs o = DpctlArgs.parse(rest);
                    if (o.error != null) {
                        return error(o.error);
                    }
                    List<String> a = o.args.isEmpty() || !o.args.get(0).equals(OvsTools.DATAPATH) ? o.args
                            : o.args.subList(1, o.args.size());
                    io.arplab.flow.Datapath dp = datapath();
                    if (!a.isEmpty()) {
                        ctx.out().println("ovs-vswitchd: Opening file \"" + a.get(0)
                                + "\" failed (No such file or directory)");
                    } else if (dp != null) {
                        dp.flush();
                    }
                }
                case "dpctl/add-flow", "dpctl/mod-flow", "dpctl/del-flow", "dpctl/get-flow" -> {
                    DpctlArgs o = DpctlArgs.parse(rest);
                    if (o.error != null) {
                        return error(o.error);
                    }
                    DpctlFlows.Outcome r = DpctlFlows.run(cmd, o.args, rest.contains("--may-create"), datapath());
                    if (r.status() != 0) {
                        return error(r.message());
                    }
                    if (r.message() != null) {
                        ctx.out().println(r.message());
                    }
                }
                case "netdev-dummy/receive" -> {
                    return receive(rest);
                }
                case "netdev-dummy/ip4addr", "netdev-dummy/ip6addr", "ovs/route/add", "ovs/route/del", "ovs/route/show",
                        "ovs/route/lookup", "tnl/neigh/set",
                        "tnl/neigh/show", "tnl/neigh/flush", "tnl/neigh/aging", "tnl/arp/set", "tnl/arp/show",
                        "tnl/arp/flush", "tnl/arp/aging", "tnl/ports/show" -> {
                    return tnl(cmd, rest);
                }
                case "netdev-dummy/set-admin-state" -> { // netdev_dummy_set_admin_state(): NETDEV_UP, the carrier
                    String state = rest.get(rest.size() - 1).toLowerCase(java.util.Locale.ROOT);
                    if (!state.equals("up") && !state.equals("down")) {
                        return error("Invalid Admin State");
                    }
                    int config = state.equals("up") ? 0 : Ofproto.Port.PORT_DOWN;
                    boolean found = false;
                    for (var s : ctx.switches()) { // one netdev by name, or every dummy one
                        if (s instanceof OvsBridge b) {
                            for (Ofproto.Port p : b.ofproto().ports()) {
                                boolean dummy = p.type.equals("dummy") || p.type.equals("internal")
                                        || p.ofport == io.arplab.flow.Ports.LOCAL;
                                if (rest.size() > 1 ? p.name.equals(rest.get(0)) && dummy : dummy) {
                                    b.ofproto().modPort(p, Ofproto.Port.PORT_DOWN, config);
                                    found = true;
                                }
                            }
                        }
                    }
                    if (rest.size() > 1 && !found) {
                        return error("Unknown Dummy Interface");
                    }
                    ctx.out().println("OK");
                }
                // the features arplab's bridges never run (multicast snooping, STP, RSTP, LACP, bonds, CFM, BFD, QoS):
                // what OVS answers for a bridge or port without them, and for none asked (an empty list)
                case "mdb/show", "mdb/flush" -> { // mdb/flush of every bridge: each snooping table (none) flushed
                    if (!rest.isEmpty()) {
                        return error(OvsTools.ofproto(ctx, rest.get(0)) == null ? "no such bridge"
                                : "multicast snooping is disabled");
                    }
                    ctx.out().println("table successfully flushed");
                }
                case "stp/show", "rstp/show", "lacp/show", "lacp/show-stats", "bond/show", "cfm/show", "bfd/show" -> {
                    if (!rest.isEmpty()) {
                        return error(switch (cmd) {
                            case "stp/show" -> "no such stp object";
                            case "rstp/show" -> "No such RSTP object";
                            case "bond/show" -> "no such bond";
                            case "cfm/show" -> "no such CFM object";
                            case "bfd/show" -> "no such bfd object";
                            default -> "no such lacp object";
                        });
                    }
                }
                case "stp/tcn", "rstp/tcn" -> { // stp_unixctl_tcn(), rstp_unixctl_tcn(): no STP or RSTP object
                    if (!rest.isEmpty()) {
                        return error(cmd.equals("stp/tcn") ? "no such stp object" : "No such RSTP object");
                    }
                    ctx.out().println("OK");
                }
                case "autoattach/status", "autoattach/show-isid", "autoattach/statistics" -> { } // no LLDP object
                case "bridge/reconnect" -> { // bridge_unixctl_reconnect(): the controllers' connections (none made)
                    if (!rest.isEmpty() && OvsTools.ofproto(ctx, rest.get(0)) == null) {
                        return error("Unknown bridge");
                    }
                }
                case "dpctl/cache-get-size", "dpctl/cache-set-size", "dpctl/offload-stats-show" -> {
                    return dpifNetdevCaches(cmd, rest);
                }
                case "dpif-netdev/pmd-rxq-show", "dpif-netdev/pmd-stats-clear" -> {
                    if (!rest.isEmpty()) { // dpif_netdev_pmd_info()'s -pmd, -secs and datapath arguments
                        return error(notModelled(cmd));
                    }
                    if (cmd.equals("dpif-netdev/pmd-rxq-show")) { // the header, then each PMD thread's (none)
                        ctx.out().println("Displaying last 60 seconds pmd usage %");
                    }
                }
                case "bond/list" -> ctx.out().println("bond\ttype\trecircID\tmembers");
                case "dpif-netdev/bond-show" -> { } // no balance-tcp bond
                case "qos/show", "qos/show-types" -> { // qos_unixctl_show(), qos_unixctl_show_types(): netdev-dummy's
                    if (dummyPort(rest.get(0)) == null) {
                        return error("no such interface");
                    }
                    ctx.out().println(cmd.equals("qos/show") ? "QoS not configured on " + rest.get(0)
                            : "No QoS types supported for interface: " + rest.get(0));
                }
                case "tnl/egress_port_range" -> { // tnl_port_range_* unset: the default range native tunnels use
                    if (!rest.isEmpty()) {
                        return error(notModelled(cmd));
                    }
                    ctx.out().println("Tunnel UDP source port range: 32768-61000");
                }
                case "vlog/set" -> {
                    return vlogSet(rest);
                }
                case "vlog/list" -> { // vlog_get_levels()
                    io.arplab.runtime.Vswitchd vs = ctx.runtime() == null ? null : ctx.runtime().vswitchd();
                    ctx.out().print((vs == null ? new io.arplab.runtime.VlogLevels() : vs.vlog()).list());
                }
                case "revalidator/purge" -> { // upcall_unixctl_purge(): revalidator_purge() of every ukey, stats pushed
                    for (io.arplab.flow.Datapath dp : OvsTools.datapaths(ctx)) {
                        dp.purge();
                    }
                }
                case "revalidator/wait" -> {
                    // a round: the hits' statistics reach the rules; a changed table's megaflows are revalidated
                    io.arplab.flow.Datapath dp = datapath();
                    if (dp != null) {
                        dp.udpif.revalidateNow(ctx.now());
                    }
                }
                default -> { // registered, its arguments counted, but not modelled here
                    return error(notModelled(cmd));
                }
            }
        } catch (FlowParseException e) {
            ctx.err().println(e.getMessage());
            ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
            return 2;
        }
        return 0;
    }

    // dpctl_dump_flows(): filter= and type= taken from the end, then an optional datapath name (opt_dpif_open())
    private int dumpFlows(List<String> rest) {
        DpctlArgs o = DpctlArgs.parse(rest);
        if (o.error != null) {
            return error(o.error);
        }
        List<String> args = new java.util.ArrayList<>(o.args);
        String filter = null, types = null;
        for (int last = -1; !args.isEmpty() && last != args.size(); ) {
            last = args.size();
            String a = args.get(args.size() - 1);
            if (a.startsWith("filter=") && filter == null) {
                filter = args.remove(args.size() - 1).substring(7);
            } else if (a.startsWith("type=") && types == null) {
                types = args.remove(args.size() - 1).substring(5);
            }
        }
        io.arplab.flow.Datapath dp = datapath();
        boolean named = !args.isEmpty() && args.get(0).equals(OvsTools.DATAPATH);
        if (dp == null || !named && args.size() == 1) {
            return error("ovs-vswitchd: datapath not found (Invalid argument)");
        }
        io.arplab.flow.Match match = null;
        if (filter != null) {
            try {
                match = TraceCommand.exactFlow(filter, dp.portMap());
            } catch (FlowParseException e) {
                return error("ovs-vswitchd: Failed to parse filter (" + e.getMessage() + ")");
            }
        }
        boolean ovsFlows = true;
        if (types != null) {
            // enable_all_dump_types() / populate_dump_types(): the dummy datapath has only "ovs" flows
            ovsFlows = false;
            for (String t : types.split(",")) {
                switch (t) {
                    case "ovs", "non-offloaded", "all" -> ovsFlows = true;
                    case "tc", "dpdk", "offloaded", "partially-offloaded" -> {
                    }
                    default -> {
                        return error("ovs-vswitchd: Failed to parse type (" + t + ") (Invalid argument)");
                    }
                }
            }
        }
        if (ovsFlows) {
            ctx.out().print(dp.dumpFlows(null, ctx.now(), o.verbosity > 0,
                    o.names != null ? o.names : o.verbosity > 0, match));
        }
        return 0;
    }

    // dpctl_ct_set_maxconns(), dpctl_ct_get_maxconns(), dpctl_ct_get_nconns(): unixctl's argument counts, the
    // options, opt_dpif_open() (a first argument naming the datapath, else the only one unless all are given), then
    // the userspace conntrack's n_conn_limit and n_conn (conntrack_set_maxconns(), conntrack_get_nconns())
    private int maxConns(String cmd, List<String> rest) {
        boolean set = cmd.equals("dpctl/ct-set-maxconns");
        int max = Unixctl.VSWITCHD.get(cmd).max();
        DpctlArgs o = DpctlArgs.parse(rest);
        if (o.error != null) {
            return error(o.error);
        }
        List<io.arplab.flow.Conntrack> cts = conntracks();
        boolean named = !o.args.isEmpty() && o.args.get(0).equals(OvsTools.DATAPATH);
        if (cts.isEmpty() || !named && o.args.size() == max) {
            return error("ovs-vswitchd: datapath not found (Invalid argument)");
        }
        if (!set) {
            io.arplab.flow.Conntrack ct = cts.get(0); // the connections dpctl/dump-conntrack lists
            ct.sweep(ctx.now());
            ctx.out().println(cmd.equals("dpctl/ct-get-maxconns") ? Long.toString(ct.maxConns) : ct.count());
            return 0;
        }
        long n = scanU32(o.args.isEmpty() ? "" : o.args.get(o.args.size() - 1));
        if (n < 0) {
            return error("ovs-vswitchd: maxconns missing or malformed (Invalid argument)");
        }
        cts.forEach(ct -> ct.maxConns = n);
        ctx.out().println("setting maxconns successful");
        return 0;
    }

    // what arplab answers for a command OVS registers and it does not model
    private static String notModelled(String cmd) {
        return "\"" + cmd + "\" is not modelled by arplab";
    }

    // vlog_unixctl_set(): each argument's vlog_set_levels_from_string() (strtok_r() words, strcasecmp() names) in
    // turn, the first error replied; the levels change what ovs-vswitchd writes to its log, and what vlog/list shows
    private int vlogSet(List<String> rest) {
        List<String> levels = io.arplab.runtime.VlogLevels.LEVELS;
        List<String> destinations = io.arplab.runtime.VlogLevels.DESTINATIONS;
        io.arplab.runtime.VlogLevels vlog = ctx.runtime() == null || ctx.runtime().vswitchd() == null ? null
                : ctx.runtime().vswitchd().vlog();
        for (String arg : rest) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("[^ ,:\t]+").matcher(arg);
            List<String> words = new java.util.ArrayList<>();
            int firstEnd = -1;
            while (m.find()) {
                firstEnd = firstEnd < 0 ? m.end() : firstEnd;
                words.add(m.group().toLowerCase(java.util.Locale.ROOT));
            }
            if (!words.isEmpty() && words.get(0).equals("pattern")) {
                if (words.size() < 2) {
                    return error("missing destination");
                } else if (!words.get(1).equals("any") && !destinations.contains(words.get(1))) {
                    return error("unknown destination \"" + m.reset().results().skip(1).findFirst().orElseThrow()
                            .group() + "\"");
                }
                continue;
            } else if (!words.isEmpty() && words.get(0).equals("facility")) {
                // vlog_facility_exists() of what strtok_r() left after the word and its separator
                String facility = firstEnd < arg.length() ? arg.substring(firstEnd + 1) : "";
                if (!List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "clock", "ftp",
                        "ntp", "audit", "alert", "clock2", "local0", "local1", "local2", "local3", "local4", "local5",
                        "local6", "local7").contains(facility.toLowerCase(java.util.Locale.ROOT))) {
                    return error("invalid facility");
                }
                continue;
            }
            boolean dest = false, level = false, module = false;
            String moduleName = null;
            int destination = -1, levelNo = levels.size() - 1; // ANY, dbg unless named
            m.reset();
            while (m.find()) {
                String w = m.group().toLowerCase(java.util.Locale.ROOT);
                if (w.equals("any")) {
                    continue;
                } else if (destinations.contains(w)) {
                    if (dest) {
                        return error("cannot specify multiple destinations");
                    }
                    dest = true;
                    destination = destinations.indexOf(w);
                } else if (levels.contains(w)) {
                    if (level) {
                        return error("cannot specify multiple levels");
                    }
                    level = true;
                    levelNo = levels.indexOf(w);
                } else if (io.arplab.runtime.VlogLevels.MODULES.contains(w)) {
                    if (module) {
                        return error("cannot specify multiple modules");
                    }
                    module = true;
                    moduleName = w;
                } else {
                    return error("no destination, level, or module \"" + m.group() + "\"");
                }
            }
            if (vlog != null) { // vlog_set_levels(): every module or one, every destination or one
                vlog.set(moduleName, destination, levelNo);
            }
        }
        if (rest.isEmpty() && vlog != null) {
            vlog.set(null, -1, levels.size() - 1); // no argument: every module and destination at dbg
        }
        return 0;
    }

    // dpctl_ct_bkts(): a last argument gt=N (ovs_scan()'s %hu) is the threshold, the rest opt_dpif_open()'s with at
    // most two; the userspace conntrack's dump has one bucket (dpif_netdev_ct_dump_start()) holding every connection
    private int ctBuckets(List<String> rest) {
        DpctlArgs o = DpctlArgs.parse(rest);
        if (o.error != null) {
            return error(o.error);
        }
        List<String> a = o.args;
        long gt = 0;
        if (!a.isEmpty() && a.get(a.size() - 1).startsWith("gt=")) {
            long v = scanU16(a.get(a.size() - 1).substring(3));
            if (v >= 0) {
                gt = v;
                a = a.subList(0, a.size() - 1);
            }
        }
        List<io.arplab.flow.Conntrack> cts = conntracks();
        boolean named = !a.isEmpty() && a.get(0).equals(OvsTools.DATAPATH);
        if (cts.isEmpty() || !named && a.size() == 1) {
            return error("ovs-vswitchd: datapath not found (Invalid argument)");
        }
        io.arplab.flow.Conntrack ct = cts.get(0);
        ct.sweep(ctx.now());
        int n = ct.count();
        StringBuilder out = new StringBuilder("Total Buckets: 1\nCurrent Connections: " + n + "\n\n");
        if (n > 0) {
            String rule = "+-----------+-----------------------------------------+";
            out.append(rule).append("\n|  Buckets  |         Connections per Buckets         |\n").append(rule)
                    .append(String.format("\n %3d..%3d   | ", 0, 7)).append(n > gt ? String.format("%5d", n) : "    .")
                    .append("\n\n");
        }
        ctx.out().print(out);
        return 0;
    }

    // dpctl_ct_set_limits(), dpctl_ct_get_limits(), dpctl_ct_del_limits(): unixctl's argument counts, the options,
    // opt_dpif_open() (the datapath named first, or the only one), then the default limit and zone=N,limit=L tuples
    // (ct_dpif_parse_zone_limit_tuple()) or zone=N1[,N2] lists (parse_ct_limit_zones())
    private int zoneLimits(String cmd, List<String> rest) {
        DpctlArgs o = DpctlArgs.parse(rest);
        if (o.error != null) {
            return error(o.error);
        }
        List<io.arplab.flow.Conntrack> cts = conntracks();
        List<String> a = o.args;
        boolean named = !a.isEmpty() && a.get(0).equals(OvsTools.DATAPATH);
        int dpMax = cmd.equals("dpctl/ct-set-limits") ? Integer.MAX_VALUE : 3;
        if (cts.isEmpty() || !named && a.size() + 1 == dpMax) {
            return error("ovs-vswitchd: datapath not found (Invalid argument)");
        }
        a = named ? a.subList(1, a.size()) : a;
        io.arplab.flow.Conntrack ct = cts.get(0);
        if (cmd.equals("dpctl/ct-set-limits")) {
            int i = 0;
            Long def = null;
            if (i < a.size() && a.get(i).startsWith("default=")) {
                long v = scanU32(a.get(i++).substring(8));
                if (v < 0) {
                    return error("ovs-vswitchd: invalid default limit (Invalid argument)");
                }
                def = v;
            }
            java.util.Map<Integer, Long> set = new java.util.LinkedHashMap<>();
            for (; i < a.size(); i++) {
                Long zone = null, limit = null;
                for (String kv : a.get(i).split("[, \t\r\n]+")) { // ofputil_parse_key_value()
                    if (kv.isEmpty()) {
                        continue;
                    }
                    int eq = kv.indexOf('=');
                    String key = eq < 0 ? kv : kv.substring(0, eq), value = eq < 0 ? "" : kv.substring(eq + 1);
                    if (value.isEmpty()) {
                        return error("ovs-vswitchd: field " + key + " missing value (Invalid argument)");
                    }
                    if (key.equals("zone") || key.equals("limit")) {
                        long v = strToInt(value);
                        if (v < 0 || v > (key.equals("zone") ? 0xffff : 0xffffffffL)) {
                            return error("ovs-vswitchd: failed to parse field " + key + " (Invalid argument)");
                        }
                        if (key.equals("zone")) {
                            zone = v;
                        } else {
                            limit = v;
                        }
                    } else {
                        return error("ovs-vswitchd: invalid zone limit field: " + key + " (Invalid argument)");
                    }
                }
                if (zone == null || limit == null) {
                    return error("ovs-vswitchd: failed to parse zone limit (Invalid argument)");
                }
                set.put(zone.intValue(), limit);
            }
            for (io.arplab.flow.Conntrack c : cts) { // dpif_netdev_ct_set_limits()
                if (def != null) {
                    c.setZoneLimit(io.arplab.flow.Conntrack.DEFAULT_ZONE, def);
                }
                set.forEach(c::setZoneLimit);
            }
            return 0;
        }
        List<Integer> zones = null;
        if (!a.isEmpty()) {
            if (!a.get(0).startsWith("zone=")) {
                return error("ovs-vswitchd: invalid argument " + a.get(0) + " (Invalid argument)");
            }
            zones = new java.util.ArrayList<>();
            for (String z : a.get(0).substring(5).split(",")) {
                long v = scanU16(z);
                if (v < 0) {
                    return error("ovs-vswitchd: invalid zone (Invalid argument)");
                }
                zones.add((int) v);
            }
        }
        if (cmd.equals("dpctl/ct-del-limits")) {
            for (io.arplab.flow.Conntrack c : cts) {
                zones.forEach(c::deleteZoneLimit);
            }
            return 0;
        }
        ct.sweep(ctx.now());
        // dpif_netdev_ct_get_limits(): each zone's zone_limit_get(), its own limit or the default one with its count
        var def = ct.zoneLimit(io.arplab.flow.Conntrack.DEFAULT_ZONE);
        StringBuilder out = new StringBuilder("default limit=" + (def == null ? 0 : def.limit));
        for (int z : zones != null ? zones : ct.limitedZones()) { // ct_dpif_format_zone_limits()
            var zl = ct.zoneLimit(z);
            out.append("\nzone=").append(z).append(",limit=").append(zl == null ? 0 : zl.limit)
                    .append(",count=").append(zl == null ? 0 : ct.zoneCount(zl));
        }
        ctx.out().println(out);
        return 0;
    }

    // str_to_int(s, 0): the whole string a number in C's bases (0x hex, 0 octal), else -1
    private static long strToInt(String s) {
        try {
            long v = s.matches("0[xX][0-9a-fA-F]+") ? Long.parseLong(s.substring(2), 16)
                    : s.matches("0[0-7]+") ? Long.parseLong(s.substring(1), 8)
                    : s.matches("[+-]?[0-9]+") ? Long.parseLong(s) : -1;
            return v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ovs_scan(s, "%" SCNu16): as scanU32, kept to 16 bits (-1 when no digit comes)
    static long scanU16(String s) {
        long v = scanU32(s);
        return v < 0 ? -1 : v & 0xffff;
    }

    // ovs_scan(s, "%" SCNu32): white space, a sign, decimal digits as strtoul() reads them (ULONG_MAX past it, a
    // minus negating), kept to 32 bits; -1 when no digit comes
    static long scanU32(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean minus = i < s.length() && s.charAt(i) == '-';
        if (i < s.length() && (s.charAt(i) == '+' || minus)) {
            i++;
        }
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == start) {
            return -1;
        }
        java.math.BigInteger v = new java.math.BigInteger(s.substring(start, i));
        long ul = v.bitLength() > 64 ? -1L : v.longValue(); // ULONG_MAX on overflow
        return (minus ? -ul : ul) & 0xffffffffL;
    }

    /** dpctl_unixctl_handler()'s options before the arguments: -m/--more, -s/--statistics, --names/--no-names. */
    static final class DpctlArgs {
        int verbosity;
        boolean stats;
        Boolean names;
        String error;
        List<String> args = List.of();

        static DpctlArgs parse(List<String> rest) {
            DpctlArgs o = new DpctlArgs();
            int i = 0;
            for (; i < rest.size(); i++) {
                String w = rest.get(i);
                if (w.startsWith("--")) {
                    switch (w) {
                        case "--statistics" -> o.stats = true;
                        case "--more" -> o.verbosity++;
                        case "--names", "--no-names" -> o.names = w.equals("--names");
                        case "--clear", "--may-create" -> {
                        }
                        default -> {
                            o.error = "Unrecognized option " + w;
                            return o;
                        }
                    }
                } else if (w.startsWith("-") && w.length() > 1) {
                    for (char c : w.substring(1).toCharArray()) {
                        if (c == 'm') {
                            o.verbosity++;
                        } else if (c == 's') {
                            o.stats = true;
                        } else {
                            o.error = "Unrecognized option -" + c;
                            return o;
                        }
                    }
                } else {
                    break;
                }
            }
            o.args = rest.subList(i, rest.size());
            return o;
        }
    }

    // netdev_dummy_receive(): PORT [--qid N] then packets, each hex or a datapath flow [--len N] (flow_compose)
    private int receive(List<String> rest) {
        OvsBridge bridge = null;
        Ofproto.Port port = null;
        for (var s : ctx.switches()) {
            if (s instanceof OvsBridge b && b.ofproto().port(rest.get(0)) != null) {
                bridge = b;
                port = b.ofproto().port(rest.get(0));
                break;
            }
        }
        if (port == null) {
            return error("no such dummy netdev");
        }
        int k = 1;
        if (rest.size() > k + 1 && rest.get(k).equals("--qid")) {
            int qid;
            try {
                qid = Integer.parseInt(rest.get(k + 1));
            } catch (NumberFormatException e) {
                qid = 0;
            }
            if (qid != 0) {
                return error("bad rx queue id.");
            }
            k += 2;
        }
        for (int i = k; i < rest.size(); i++) {
            byte[] frame = hex(rest.get(i));
            if (frame == null) {
                int len = 0;
                String flow = rest.get(i);
                if (rest.size() >= i + 2 && i + 1 < rest.size() && rest.get(i + 1).equals("--len")) {
                    len = i + 2 < rest.size() ? CLib.atoi(rest.get(i + 2)) : 0;
                    if (len < 60) {
                        return error("too small packet len");
                    }
                    i += 2;
                }
                try {
                    frame = io.arplab.flow.FlowCompose.compose(flow, len, bridge.ofproto().datapath.vlanLimit());
                } catch (FlowParseException e) {
                    return error(e.getMessage());
                }
                if (frame == null) {
                    return error("(null)");
                }
            }
            bridge.queued(ctx.now(), port.ofport, frame);
            ctx.runtime().inject(bridge, bridge.devicePort(port.ofport), frame);
        }
        return 0;
    }

    // ovs-router.c, tnl-neigh-cache.c and netdev_dummy_ip4addr() with unixctl's argument counts
    private int tnl(String cmd, List<String> rest) {
        io.arplab.flow.Datapath dp = datapath();
        if (dp == null) {
            return error(cmd.startsWith("netdev-dummy/") ? "Unknown Dummy Interface" : "Error while inserting route.");
        }
        io.arplab.flow.OvsRouter router = dp.router;
        ctx.out().print(switch (cmd) {
            case "netdev-dummy/ip4addr" -> router.ip4addr(dummyPort(rest.get(0)), rest.get(1));
            case "netdev-dummy/ip6addr" -> router.ip6addr(dummyPort(rest.get(0)), rest.get(1));
            case "ovs/route/add" -> router.add(rest);
            case "ovs/route/del" -> router.del(rest);
            case "ovs/route/show" -> router.show();
            case "ovs/route/lookup" -> router.lookupCmd(rest);
            case "tnl/neigh/set", "tnl/arp/set" -> router.neighSet(rest, ctx.now());
            case "tnl/neigh/show", "tnl/arp/show" -> router.neighShow(ctx.now());
            case "tnl/neigh/aging", "tnl/arp/aging" -> router.neighAging(rest, ctx.now());
            case "tnl/ports/show" -> router.portsShow(rest, dp.listeners(), n -> {
                Ofproto.Port p = dummyPort(n);
                return p == null ? null : p.mac;
            });
            default -> router.neighFlush();
        });
        return 0;
    }

    private Ofproto.Port dummyPort(String name) {
        for (var s : ctx.switches()) {
            if (s instanceof OvsBridge b && b.ofproto().port(name) != null) {
                return b.ofproto().port(name);
            }
        }
        return null;
    }

    // eth_from_hex(), or null
    private static byte[] hex(String s) {
        try {
            return io.arplab.flow.Packet.ethFromHex(s);
        } catch (FlowParseException e) {
            return null;
        }
    }

    private DpctlDatapaths extraDatapaths() {
        return ctx.runtime() == null ? new DpctlDatapaths()
                : ctx.runtime().namespaceState(DpctlDatapaths.class, DpctlDatapaths::new);
    }

    // the datapaths dpctl/add-dp creates beside ovs-vswitchd's ({@link DpctlDatapaths})
    private int extraDatapaths(String cmd, List<String> args) {
        DpctlDatapaths.Outcome r = extraDatapaths().run(cmd, args);
        ctx.out().print(r.out());
        if (r.status() != 0) {
            r.errors().forEach(ctx.err()::println);
            ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
        }
        return r.status();
    }

    // dpctl_cache_get_size(), dpctl_cache_set_size(), dpctl_offload_stats_show() on dpif-netdev, which has neither
    // cache levels (dpif_cache_get_supported_levels(): EOPNOTSUPP) nor offload statistics (EINVAL)
    private int dpifNetdevCaches(String cmd, List<String> rest) {
        if (cmd.equals("dpctl/offload-stats-show")) {
            if (!rest.isEmpty() && !rest.get(0).equals(OvsTools.DATAPATH)) { // opt_dpif_open()'s other forms
                return error(notModelled(cmd));
            }
            return error("ovs-vswitchd: retrieving offload statistics (" + Errno.EINVAL.text + ")");
        }
        if (cmd.equals("dpctl/cache-set-size") && !rest.get(2).matches("\\s*\\+?\\d+.*")) { // ovs_scan()'s %u
            return error("ovs-vswitchd: size is malformed (" + Errno.EINVAL.text + ")");
        }
        String name = rest.isEmpty() ? OvsTools.DATAPATH : rest.get(0); // dps_for_each(): the one datapath
        Errno open = OvsTools.dpifOpenError(name);
        if (open != null) {
            return error("ovs-vswitchd: Opening datapath " + name + " failed (" + open.text + ")");
        }
        if (cmd.equals("dpctl/cache-set-size")) {
            return error("ovs-vswitchd: Setting caches not supported (" + Errno.EOPNOTSUPP.text + ")");
        }
        ctx.out().println(name + ":"); // show_dpif_cache(): the name, no levels
        return 0;
    }

    private int error(String message) {
        ctx.err().println(message);
        ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
        return 2;
    }

    // the connection trackers of the lab's datapaths (one per datapath, its bridges share it), the first bridge's
    // first: the one the dpctl/ conntrack commands read
    private List<io.arplab.flow.Conntrack> conntracks() {
        List<io.arplab.flow.Conntrack> cts = new java.util.ArrayList<>();
        for (var sw : ctx.switches()) {
            if (sw instanceof OvsBridge b && !cts.contains(b.ofproto().ct)) {
                cts.add(b.ofproto().ct);
            }
        }
        return cts;
    }

    // the dummy datapath the lab's bridges share
    private io.arplab.flow.Datapath datapath() {
        for (var s : ctx.switches()) {
            if (s instanceof OvsBridge b) {
                return b.ofproto().datapath;
            }
        }
        return null;
    }
}
