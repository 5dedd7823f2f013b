package io.arplab.tools.ovs;

import io.arplab.device.OvsBridge;
import io.arplab.flow.FlowParseException;
import io.arplab.flow.Ofproto;
import io.arplab.flow.TraceCommand;
import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import java.util.List;

/** ovs-appctl of Open vSwitch 3.1 with the ovs-vswitchd commands arplab models (ofproto/trace, fdb/*). */
public final class OvsAppctl implements Tool {
    private ToolContext ctx;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        if (OvsTools.help(ctx, "ovs-appctl", args)) {
            return;
        }
        this.ctx = ctx;
        if (args.size() >= 2 && args.get(0).equals("time/warp")) {
            warp(args);
            return;
        }
        ctx.exit(run(args));
    }

    // timeval.c timeval_warp_cb(): time/warp [LARGE_MSECS] MSECS; the lab's clock is virtual already, so a warp is
    // that much virtual time (LARGE_MSECS in MSECS steps: the total)
    private void warp(List<String> args) {
        long total = args.size() > 2 ? atoll(args.get(1)) : 0;
        long msecs = args.size() > 2 ? atoll(args.get(2)) : atoll(args.get(1));
        if (msecs <= 0 || total < 0) {
            ctx.err().println("invalid MSECS");
            ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
            ctx.exit(2);
            return;
        }
        ctx.at(ctx.now() + Math.max(total, msecs) * 1_000_000L, t -> {
            ctx.out().println("warped");
            ctx.exit(0);
        });
    }

    private static long atoll(String s) {
        int i = 0;
        boolean minus = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            minus = s.charAt(i++) == '-';
        }
        long v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && v < Long.MAX_VALUE / 10 - 10) {
            v = v * 10 + (s.charAt(i++) - '0');
        }
        return minus ? -v : v;
    }

    private int run(List<String> args) {
        if (args.isEmpty()) {
            ctx.err().println("ovs-appctl: at least one non-option argument is required (use --help for help)");
            return 1;
        }
        String cmd = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            switch (cmd) {
                case "ofproto/trace" -> ctx.out().print(TraceCommand.run(rest, b -> OvsTools.ofproto(ctx, b),
                        ctx.now()));
                case "time/stop" -> {
                    // the virtual clock moves only as the lab runs: nothing to stop
                }
                case "fdb/show", "fdb/stats-show", "fdb/flush", "fdb/stats-clear", "fdb/add", "fdb/del" -> {
                    return FdbCommands.run(ctx, cmd, rest);
                }
                case "dpctl/show" -> {
                    boolean stats = !rest.isEmpty() && (rest.get(0).equals("-s") || rest.get(0).equals("--statistics"));
                    io.arplab.flow.Datapath dp = datapath();
                    if (dp != null) {
                        ctx.out().print(dp.show(stats, ctx.now()));
                    }
                }
                case "dpif/show" -> {
                    io.arplab.flow.Datapath dp = datapath();
                    if (dp != null) {
                        ctx.out().print(dp.dpifShow(ctx.now()));
                    }
                }
                case "dpctl/dump-flows" -> {
                    // dpctl_unixctl_handler(): -m/--more, --names/--no-names (names by default with -m), -s
                    int verbosity = 0;
                    Boolean names = null;
                    for (String w : rest) {
                        if (w.equals("--more")) {
                            verbosity++;
                        } else if (w.equals("--names") || w.equals("--no-names")) {
                            names = w.equals("--names");
                        } else if (w.startsWith("--") && !w.equals("--statistics")) {
                            return error("Unrecognized option " + w);
                        } else if (w.startsWith("-") && w.length() > 1 && !w.startsWith("--")) {
                            for (char c : w.substring(1).toCharArray()) {
                                if (c == 'm') {
                                    verbosity++;
                                } else if (c != 's') {
                                    return error("Unrecognized option -" + c);
                                }
                            }
                        } else if (!w.startsWith("-")) {
                            break;
                        }
                    }
                    io.arplab.flow.Datapath dp = datapath();
                    if (dp != null) {
                        ctx.out().print(dp.dumpFlows(null, ctx.now(), verbosity > 0,
                                names != null ? names : verbosity > 0));
                    }
                }
                case "dpif/dump-flows" -> {
                    List<String> words = rest.stream().filter(w -> !w.startsWith("-")).toList();
                    if (words.isEmpty()) {
                        return error("\"dpif/dump-flows\" command requires at least 1 arguments");
                    }
                    Ofproto br = OvsTools.ofproto(ctx, words.get(0));
                    if (br == null) {
                        return error("no such bridge");
                    }
                    ctx.out().print(br.datapath.dumpFlows(br, ctx.now()));
                }
                case "dpif/set-dp-features" -> {
                    // ofproto_unixctl_dpif_set_dp_features(): "bridge", 1 to 3 arguments
                    if (rest.isEmpty()) {
                        return error("\"dpif/set-dp-features\" command requires at least 1 arguments");
                    }
                    if (rest.size() > 3) {
                        return error("\"dpif/set-dp-features\" command takes at most 3 arguments");
                    }
                    Ofproto br = OvsTools.ofproto(ctx, rest.get(0));
                    if (br == null) {
                        return error("no such bridge");
                    }
                    ctx.out().print(br.datapath.setFeature(rest.subList(1, rest.size())));
                }
                case "dpctl/dump-conntrack", "dpctl/flush-conntrack" -> {
                    // dpctl_dump_conntrack(), dpctl_flush_conntrack(): all connections, or one zone's (zone=N)
                    int zone = -1;
                    for (String a : rest) {
                        if (a.startsWith("zone=") && a.substring(5).matches("[0-9]{1,5}")) {
                            zone = Integer.parseInt(a.substring(5));
                        }
                    }
                    for (var s : ctx.switches()) {
                        if (s instanceof OvsBridge b) {
                            if (cmd.equals("dpctl/flush-conntrack")) {
                                b.ofproto().ct.flush(zone);
                            } else {
                                b.ofproto().ct.dump(zone).forEach(ctx.out()::println);
                            }
                            break;
                        }
                    }
                }
                case "dpctl/del-flows" -> {
                    io.arplab.flow.Datapath dp = datapath();
                    if (dp != null) {
                        dp.flush();
                    }
                }
                case "netdev-dummy/receive" -> {
                    return receive(rest);
                }
                case "netdev-dummy/ip4addr", "ovs/route/add", "ovs/route/del", "ovs/route/show", "tnl/neigh/set",
                        "tnl/neigh/show", "tnl/neigh/flush", "tnl/arp/set", "tnl/arp/show", "tnl/arp/flush",
                        "tnl/ports/show" -> {
                    return tnl(cmd, rest);
                }
                case "revalidator/wait" -> {
                    // statistics reach the rules at once here; a changed table's megaflows are revalidated
                    io.arplab.flow.Datapath dp = datapath();
                    if (dp != null) {
                        dp.revalidate(ctx.now());
                    }
                }
                default -> {
                    ctx.err().println("\"" + cmd + "\" is not a valid command (use \"list-commands\" to see a list of "
                            + "valid commands)");
                    ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
                    return 2;
                }
            }
        } catch (FlowParseException e) {
            ctx.err().println(e.getMessage());
            ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
            return 2;
        }
        return 0;
    }

    // netdev_dummy_receive(): PORT [--qid N] then packets, each hex or a datapath flow [--len N] (flow_compose)
    private int receive(List<String> rest) {
        if (rest.size() < 2) {
            return error("\"netdev-dummy/receive\" command requires at least 2 arguments");
        }
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
                    len = i + 2 < rest.size() ? strtol(rest.get(i + 2)) : 0;
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
        int[] arity = switch (cmd) {
            case "netdev-dummy/ip4addr" -> new int[] {2, 2};
            case "ovs/route/add" -> new int[] {2, 4};
            case "ovs/route/del" -> new int[] {1, 2};
            case "tnl/neigh/set", "tnl/arp/set" -> new int[] {3, 3};
            case "tnl/ports/show" -> new int[] {0, 1};
            default -> new int[] {0, 0};
        };
        if (rest.size() < arity[0]) {
            return error("\"" + cmd + "\" command requires at least " + arity[0] + " arguments");
        }
        if (rest.size() > arity[1]) {
            return error("\"" + cmd + "\" command takes at most " + arity[1] + " arguments");
        }
        io.arplab.flow.Datapath dp = datapath();
        if (dp == null) {
            return error(cmd.equals("netdev-dummy/ip4addr") ? "Unknown Dummy Interface" : "Error while inserting route.");
        }
        io.arplab.flow.OvsRouter router = dp.router;
        ctx.out().print(switch (cmd) {
            case "netdev-dummy/ip4addr" -> router.ip4addr(dummyPort(rest.get(0)), rest.get(1));
            case "ovs/route/add" -> router.add(rest);
            case "ovs/route/del" -> router.del(rest);
            case "ovs/route/show" -> router.show();
            case "tnl/neigh/set", "tnl/arp/set" -> router.neighSet(rest, ctx.now());
            case "tnl/neigh/show", "tnl/arp/show" -> router.neighShow(ctx.now());
            case "tnl/ports/show" -> router.portsShow(rest, geneves(dp), n -> {
                Ofproto.Port p = dummyPort(n);
                return p == null ? null : p.mac;
            });
            default -> router.neighFlush();
        });
        return 0;
    }

    // the datapath's Geneve ports (genev_sys_6081 holds one reference per OpenFlow port)
    private int geneves(io.arplab.flow.Datapath dp) {
        int n = 0;
        for (var s : ctx.switches()) {
            if (s instanceof OvsBridge b && b.ofproto().datapath == dp) {
                n += (int) b.ofproto().ports().stream().filter(p -> p.type.equals("geneve")).count();
            }
        }
        return n;
    }

    private Ofproto.Port dummyPort(String name) {
        for (var s : ctx.switches()) {
            if (s instanceof OvsBridge b && b.ofproto().port(name) != null) {
                return b.ofproto().port(name);
            }
        }
        return null;
    }

    // eth_from_hex(): hex digits (spaces allowed) of at least an Ethernet header, or null
    private static byte[] hex(String s) {
        String h = s.replace(" ", "");
        if (h.length() % 2 != 0 || h.length() < 28) {
            return null;
        }
        try {
            return java.util.HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // strtol(s, NULL, 10): the leading digits, 0 without any
    private static int strtol(String s) {
        int i = 0;
        long v = 0;
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i++) == '-';
        }
        while (i < s.length() && Character.isDigit(s.charAt(i)) && v < Integer.MAX_VALUE) {
            v = v * 10 + (s.charAt(i++) - '0');
        }
        return (int) (neg ? -v : Math.min(v, Integer.MAX_VALUE));
    }

    private int error(String message) {
        ctx.err().println(message);
        ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
        return 2;
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
