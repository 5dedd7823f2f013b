package io.arplab.tools.ovs;

import io.arplab.device.OvsBridge;
import io.arplab.flow.FlowParseException;
import io.arplab.flow.Ofproto;
import io.arplab.flow.TraceCommand;
import io.arplab.runtime.VlogLevels;
import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import io.arplab.wire.libc.CLib;
import java.util.List;

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
        io.arplab.flow.Datapath dp = datapath(ctx);
        long ms = Math.max(total, msecs); // saturated where the lab's nanosecond clock ends
        ctx.endsByItself(); // an hour's warp or more is no tool left running
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
            if (cmd.startsWith("dpctl/")) { // lib/dpctl.c's commands, as ovs-vswitchd registers them
                return new DpctlCommands(ctx).run(cmd, rest);
            }
            switch (cmd) {
                case "ofproto/trace" -> {
                    ctx.out().print(TraceCommand.run(rest, b -> OvsTools.ofproto(ctx, b), datapath(ctx), ctx.now()));
                    for (var sw : ctx.switches()) { // a trace with a packet has side effects: flows learned, timed
                        if (sw instanceof OvsBridge b) {
                            ctx.runtime().changed(b);
                        }
                    }
                }
                case "ofproto/trace-packet-out" -> {
                    ctx.out().print(TraceCommand.runPacketOut(rest, b -> OvsTools.ofproto(ctx, b), datapath(ctx),
                            ctx.now()));
                }
                case "ofproto/list" -> {
                    // ofproto_unixctl_list(): every bridge's name
                    java.util.TreeSet<String> names = new java.util.TreeSet<>();
                    for (OvsBridge b : OvsTools.bridges(ctx)) {
                        names.add(b.bridgeName());
                    }
                    names.forEach(ctx.out()::println);
                }
                case "dpif/dump-dps" -> {
                    // ofproto_unixctl_dpif_dump_dps(): each bridge as TYPE@NAME, sorted (get_ofprotos())
                    java.util.TreeSet<String> names = new java.util.TreeSet<>();
                    for (OvsBridge b : OvsTools.bridges(ctx)) {
                        names.add((b.ofproto().datapath.userspace ? "dummy@" : "system@") + b.bridgeName());
                    }
                    names.forEach(ctx.out()::println);
                }
                case "upcall/show" -> {
                    // upcall_unixctl_show(): each udpif, the dummy datapath's here (no offloaded flows' line)
                    io.arplab.flow.Datapath dp = datapath(ctx);
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
                    io.arplab.flow.Datapath dp = datapath(ctx);
                    if (dp != null) {
                        dp.udpif.megaflows(enable);
                    }
                    ctx.out().println(enable ? "megaflows enabled" : "megaflows disabled");
                }
                case "upcall/disable-ufid", "upcall/enable-ufid" -> {
                    boolean enable = cmd.equals("upcall/enable-ufid");
                    io.arplab.flow.Datapath dp = datapath(ctx);
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
                    io.arplab.flow.Datapath dp = datapath(ctx);
                    if (dp != null) {
                        dp.udpif.setFlowLimit(limit);
                    }
                    ctx.out().println("set flow_limit to " + limit);
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
                case "dpif/show" -> {
                    io.arplab.flow.Datapath dp = datapath(ctx);
                    if (dp != null) {
                        ctx.out().print(dp.dpifShow(ctx.now()));
                    }
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
                    io.arplab.flow.Datapath dp = datapath(ctx);
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
                                    b.ofproto().runBonds(ctx.now()); // bond_run(): a member's carrier
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
                // the features arplab's bridges never run (multicast snooping, STP, RSTP, LACP, CFM, BFD, QoS):
                // what OVS answers for a bridge or port without them, and for none asked (an empty list)
                case "mdb/show", "mdb/flush" -> { // ofproto_unixctl_mcast_snooping_show() and _flush()
                    Ofproto br = rest.isEmpty() ? null : OvsTools.ofproto(ctx, rest.get(0));
                    if (!rest.isEmpty() && br == null) {
                        return error("no such bridge");
                    }
                    if (br != null && br.mcast == null) {
                        return error("multicast snooping is disabled");
                    }
                    long sec = ctx.now() / 1_000_000_000L;
                    if (cmd.equals("mdb/flush")) { // one bridge's table, or each enabled one
                        for (var s : ctx.switches()) {
                            if (s instanceof OvsBridge b && (br == null || b.ofproto() == br) && b.ofproto().mcast != null) {
                                b.ofproto().mcast.flushMdb();
                            }
                        }
                        ctx.out().println("table successfully flushed");
                        return 0;
                    }
                    br.mcast.run(sec);
                    StringBuilder t = new StringBuilder(" port  VLAN  GROUP                Age\n");
                    for (io.arplab.flow.McastSnooping.Group g : br.mcast.groups) {
                        for (io.arplab.flow.McastSnooping.Bundle b : g.bundles) {
                            t.append(String.format("%5d  %4d  %s         %3d%n", b.port, g.vlan,
                                    g.address(), br.mcast.idleTime - (b.expires - sec)));
                        }
                    }
                    for (io.arplab.flow.McastSnooping.Bundle m : br.mcast.mrouters) {
                        t.append(String.format("%5d  %4d  querier             %3d%n", m.port, m.vlan,
                                180 - (m.expires - sec)));
                    }
                    ctx.out().print(t);
                }
                case "bond/list", "bond/show", "bond/migrate", "bond/set-active-member", "bond/enable-member",
                        "bond/disable-member", "bond/hash", "bond/set-active-slave", "bond/enable-slave",
                        "bond/disable-slave" -> {
                    return BondCommands.run(ctx, cmd, rest);
                }
                case "stp/show", "rstp/show", "lacp/show", "lacp/show-stats", "cfm/show", "bfd/show" -> {
                    if (!rest.isEmpty()) {
                        return error(switch (cmd) {
                            case "stp/show" -> "no such stp object";
                            case "rstp/show" -> "No such RSTP object";
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
                case "bridge/dump-flows" -> { // bridge_unixctl_dump_flows(): the last argument is the bridge
                    Ofproto br = OvsTools.ofproto(ctx, rest.get(rest.size() - 1));
                    if (br == null) {
                        return error("Unknown bridge");
                    }
                    ctx.out().print(io.arplab.flow.FlowStatsFormat.allFlows(br, ctx.now(),
                            rest.subList(0, rest.size() - 1).contains("--offload-stats")));
                }
                case "bridge/reconnect" -> { // bridge_unixctl_reconnect(): the controllers' connections (none made)
                    if (!rest.isEmpty() && OvsTools.ofproto(ctx, rest.get(0)) == null) {
                        return error("Unknown bridge");
                    }
                }
                case "dpif-netdev/pmd-rxq-show", "dpif-netdev/pmd-stats-clear" -> {
                    if (!rest.isEmpty()) { // dpif_netdev_pmd_info()'s -pmd, -secs and datapath arguments
                        return error(notModelled(cmd));
                    }
                    if (cmd.equals("dpif-netdev/pmd-rxq-show")) { // the header, then each PMD thread's (none)
                        ctx.out().println("Displaying last 60 seconds pmd usage %");
                    }
                }
                case "dpif-netdev/bond-show" -> { } // no balance-tcp bond
                case "qos/show", "qos/show-types" -> { // qos_unixctl_show(), qos_unixctl_show_types(): netdev-dummy's
                    if (dummyPort(rest.get(0)) == null) {
                        return error("no such interface");
                    }
                    ctx.out().println(cmd.equals("qos/show") ? "QoS not configured on " + rest.get(0)
                            : "No QoS types supported for interface: " + rest.get(0));
                }
                case "tnl/egress_port_range" -> { // netdev_tnl_egress_port_range(): one process-wide range
                    List<io.arplab.flow.Datapath> dps = OvsTools.datapaths(ctx);
                    int[] range = dps.isEmpty() ? new int[] {32768, 61000} : dps.get(0).tnlPortRange;
                    if (rest.size() < 2) {
                        ctx.out().println("Tunnel UDP source port range: " + range[0] + "-" + range[1]);
                    } else {
                        int min = io.arplab.wire.libc.CLib.atoi(rest.get(0));
                        int max = io.arplab.wire.libc.CLib.atoi(rest.get(1));
                        if (min <= 0 || min > 0xffff) { // atoi(), each 1 to UINT16_MAX, the two in either order
                            ctx.out().println("Invalid min.");
                        } else if (max <= 0 || max > 0xffff) {
                            ctx.out().println("Invalid max.");
                        } else {
                            for (io.arplab.flow.Datapath dp : dps) {
                                dp.tnlPortRange[0] = Math.min(min, max);
                                dp.tnlPortRange[1] = Math.max(min, max);
                            }
                            ctx.out().println("OK");
                        }
                    }
                }
                case "netdev-dummy/conn-state" -> { // netdev_dummy_conn_state(): no dummy port has a stream
                    if (!rest.isEmpty()) {
                        ctx.out().println(rest.get(0) + ": unknown");
                    }
                }
                case "odp-execute/action-impl-show" -> { // action_impl_show(): the scalar implementation active
                    ctx.out().println("Available Actions implementations:");
                    ctx.out().println("  scalar (available: Yes, active: Yes)");
                    ctx.out().println("  autovalidator (available: Yes, active: No)");
                }
                case "vlog/reopen", "vlog/close" -> { } // ovs-vswitchd logs to a file: reopened or closed, no reply
                case "vlog/set" -> {
                    return vlogSet(rest);
                }
                case "ofproto/list-tunnels" -> { // tnl_unixctl_list(): tnl_match_maps in turn (within one, arplab
                    List<Ofproto.Port> tunnels = new java.util.ArrayList<>(); // keeps the ports' order, OVS hashes)
                    for (var sw : ctx.switches()) {
                        if (sw instanceof OvsBridge b) {
                            b.ofproto().ports().stream().filter(p -> p.tunnelListLine() != null).forEach(tunnels::add);
                        }
                    }
                    tunnels.sort(java.util.Comparator.comparingInt(Ofproto.Port::tunnelMatchMap));
                    tunnels.forEach(p -> ctx.out().println(p.tunnelListLine()));
                }
                case "vlog/list-pattern" -> { // vlog_get_patterns()
                    ctx.out().print(java.util.Objects.requireNonNullElseGet(vlog(), VlogLevels::new).patterns());
                }
                case "dpif-netdev/pmd-rxq-rebalance" -> { // dpif_netdev_pmd_rebalance(): the datapath named, or the one
                    io.arplab.flow.Datapath dp = datapath(ctx); // dp_netdevs by name: "ovs-dummy" here
                    if (dp == null || !dp.userspace || !rest.isEmpty() && !rest.get(0).equals("ovs-dummy")) {
                        return error("please specify an existing datapath");
                    }
                    ctx.out().println("pmd rxq rebalance requested.");
                }
                case "vlog/list" -> { // vlog_get_levels()
                    ctx.out().print(java.util.Objects.requireNonNullElseGet(vlog(), VlogLevels::new).list());
                }
                case "revalidator/purge" -> { // upcall_unixctl_purge(): revalidator_purge() of every ukey, stats pushed
                    for (io.arplab.flow.Datapath dp : OvsTools.datapaths(ctx)) {
                        dp.purge();
                    }
                }
                case "revalidator/wait" -> {
                    // a round: the hits' statistics reach the rules; a changed table's megaflows are revalidated
                    io.arplab.flow.Datapath dp = datapath(ctx);
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

    // what arplab answers for a command OVS registers and it does not model
    static String notModelled(String cmd) {
        return "\"" + cmd + "\" is not modelled by arplab";
    }

    // the node's ovs-vswitchd's log levels and patterns, or null without one
    private VlogLevels vlog() {
        return ctx.runtime() == null || ctx.runtime().vswitchd() == null ? null : ctx.runtime().vswitchd().vlog();
    }

    // vlog_unixctl_set(): each argument's vlog_set_levels_from_string() (strtok_r() words, strcasecmp() names) in
    // turn, the first error replied; the levels change what ovs-vswitchd writes to its log, and what vlog/list shows
    private int vlogSet(List<String> rest) {
        List<String> levels = VlogLevels.LEVELS;
        List<String> destinations = VlogLevels.DESTINATIONS;
        VlogLevels vlog = vlog();
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
                if (vlog != null) { // vlog_set_pattern() of what strtok_r() left after the destination and its separator
                    int end = m.reset().results().skip(1).findFirst().orElseThrow().end();
                    vlog.setPattern(words.get(1).equals("any") ? null : words.get(1),
                            end < arg.length() ? arg.substring(end + 1) : "");
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
        io.arplab.flow.Datapath dp = datapath(ctx);
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

    private int error(String message) {
        return serverError(ctx, message);
    }

    /** A command's error reply: its message, then ovs-appctl's line for an error reply, exit status 2. */
    static int serverError(ToolContext ctx, String message) {
        ctx.err().println(message);
        ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
        return 2;
    }

    // the connection trackers of the lab's datapaths (one per datapath, its bridges share it), the first bridge's
    // first: the one the dpctl/ conntrack commands read
    static List<io.arplab.flow.Conntrack> conntracks(ToolContext ctx) {
        List<io.arplab.flow.Conntrack> cts = new java.util.ArrayList<>();
        for (var sw : ctx.switches()) {
            if (sw instanceof OvsBridge b && !cts.contains(b.ofproto().ct)) {
                cts.add(b.ofproto().ct);
            }
        }
        return cts;
    }

    // the dummy datapath the lab's bridges share
    static io.arplab.flow.Datapath datapath(ToolContext ctx) {
        for (var s : ctx.switches()) {
            if (s instanceof OvsBridge b) {
                return b.ofproto().datapath;
            }
        }
        return null;
    }
}
