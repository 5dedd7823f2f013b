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
        this.ctx = ctx;
        ctx.exit(run(args));
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
                case "fdb/show" -> {
                    Ofproto br = bridge(rest);
                    if (br == null) {
                        return 2;
                    }
                    ctx.out().print(br.fdbShow(ctx.now()));
                }
                case "fdb/stats-show" -> {
                    Ofproto br = bridge(rest);
                    if (br == null) {
                        return 2;
                    }
                    ctx.out().print(br.fdbStats(ctx.now()));
                }
                case "fdb/flush" -> {
                    if (rest.isEmpty()) {
                        for (var s : ctx.switches()) {
                            if (s instanceof OvsBridge b) {
                                b.ofproto().ml.flush();
                            }
                        }
                    } else {
                        Ofproto br = bridge(rest);
                        if (br == null) {
                            return 2;
                        }
                        br.ml.flush();
                    }
                    ctx.out().println("table successfully flushed");
                }
                case "dpctl/show" -> {
                    for (var s : ctx.switches()) {
                        if (s instanceof OvsBridge b) {
                            ctx.out().print(b.ofproto().datapath.show(b.ofproto()));
                            break;
                        }
                    }
                }
                case "dpctl/dump-flows" -> {
                    for (var s : ctx.switches()) {
                        if (s instanceof OvsBridge b) {
                            ctx.out().print(b.ofproto().datapath.dumpFlows(b.ofproto(), ctx.now()));
                            break;
                        }
                    }
                }
                case "dpctl/dump-conntrack" -> {
                    for (var s : ctx.switches()) {
                        if (s instanceof OvsBridge b) {
                            b.ofproto().ct.dump().forEach(ctx.out()::println);
                            break;
                        }
                    }
                }
                case "dpctl/del-flows" -> {
                    for (var s : ctx.switches()) {
                        if (s instanceof OvsBridge b) {
                            b.ofproto().datapath.flush();
                        }
                    }
                }
                case "netdev-dummy/receive" -> {
                    return receive(rest);
                }
                case "revalidator/wait" -> {
                    // statistics reach the rules at once here
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

    // netdev-dummy/receive PORT HEXPACKET...: the frames arrive on the port as from its wire
    private int receive(List<String> rest) {
        if (rest.size() < 2) {
            ctx.err().println("\"netdev-dummy/receive\" command requires at least 2 arguments");
            ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
            return 2;
        }
        for (var s : ctx.switches()) {
            if (s instanceof OvsBridge b) {
                Ofproto.Port p = b.ofproto().port(rest.get(0));
                if (p == null) {
                    continue;
                }
                for (String hex : rest.subList(1, rest.size())) {
                    byte[] frame;
                    try {
                        frame = java.util.HexFormat.of().parseHex(hex);
                    } catch (IllegalArgumentException e) {
                        ctx.err().println("badly formatted packet");
                        ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
                        return 2;
                    }
                    ctx.runtime().inject(b, b.devicePort(p.ofport), frame);
                }
                return 0;
            }
        }
        ctx.err().println("no such dummy netdev");
        ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
        return 2;
    }

    private Ofproto bridge(List<String> rest) {
        if (rest.isEmpty()) {
            ctx.err().println("\"fdb/show\" command requires at least 1 arguments");
            ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
            return null;
        }
        Ofproto br = OvsTools.ofproto(ctx, rest.get(0));
        if (br == null) {
            ctx.err().println("no such bridge");
            ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
        }
        return br;
    }
}
