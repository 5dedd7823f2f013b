package io.arplab.tools.ovs;

import io.arplab.device.OvsBridge;
import io.arplab.flow.MacLearning;
import io.arplab.flow.Ofproto;
import io.arplab.tools.ToolContext;
import java.util.ArrayList;
import java.util.List;

/**
 * ovs-vswitchd's fdb/ commands (ofproto-dpif.c ofproto_unixctl_fdb_*()) with unixctl's argument counts: show,
 * stats-show, flush, stats-clear, add (a static entry), del.
 */
final class FdbCommands {

    private FdbCommands() {
    }

    /** The command's reply on stdout, or its error on stderr; the exit status. */
    static int run(ToolContext ctx, String cmd, List<String> args) {
        // OvsAppctl checked the argument counts (unixctl_command_register()'s min and max)
        List<Ofproto> bridges = new ArrayList<>();
        if (args.isEmpty()) {
            for (var s : ctx.switches()) {
                if (s instanceof OvsBridge b) {
                    bridges.add(b.ofproto());
                }
            }
        } else {
            Ofproto br = OvsTools.ofproto(ctx, args.get(0));
            if (br == null) {
                return error(ctx, "no such bridge");
            }
            bridges.add(br);
        }
        long now = ctx.now();
        switch (cmd) {
            case "fdb/show" -> ctx.out().print(bridges.get(0).fdbShow(now));
            case "fdb/stats-show" -> ctx.out().print(bridges.get(0).fdbStats(now));
            case "fdb/flush" -> {
                // mac_learning_flush() after the main loop's mac_learning_run(): entries due by now (a time/warp's
                // last step replies before that run) expire, counted, before the flush drops the rest uncounted
                bridges.forEach(b -> {
                    b.ml.run(now);
                    b.ml.flush();
                });
                ctx.out().println("table successfully flushed");
            }
            case "fdb/stats-clear" -> {
                bridges.forEach(b -> b.ml.clearStatistics());
                ctx.out().println("statistics successfully cleared");
            }
            case "fdb/add" -> {
                return add(ctx, bridges.get(0), args.get(1), vlan(args.get(2)), args.get(3));
            }
            default -> {
                Long mac = io.arplab.flow.FieldParser.mac(args.get(2));
                if (mac == null) {
                    return error(ctx, "bad MAC address");
                }
                if (!bridges.get(0).ml.delStatic(mac, vlan(args.get(1)))) {
                    return error(ctx, "could not find static mac entry\n");
                }
            }
        }
        return 0;
    }

    // ofproto_unixctl_fdb_add(): a note when it overrides a learned entry or another port's static one
    private static int add(ToolContext ctx, Ofproto br, String portName, int vlan, String macText) {
        Long mac = io.arplab.flow.FieldParser.mac(macText);
        if (mac == null) {
            return error(ctx, "bad MAC address");
        }
        Ofproto.Port port = br.port(portName);
        if (port == null) {
            return error(ctx, "software error, odp port is present but no ofp port");
        }
        MacLearning.Entry e = br.ml.lookup(mac, vlan, ctx.now());
        if (e != null && (e.port != port.ofport || !e.isStatic())) {
            ctx.out().println("Overriding already existing " + (e.isStatic() ? "static" : "dynamic") + " entry on "
                    + io.arplab.flow.Ports.format(e.port, io.arplab.flow.PortMap.NONE)); // a port number, no names
        }
        br.ml.addStatic(mac, vlan, port.ofport);
        return 0;
    }

    // atoi() into a uint16_t
    private static int vlan(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean minus = i < s.length() && s.charAt(i) == '-';
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        long v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && v < 1L << 40) {
            v = v * 10 + s.charAt(i++) - '0';
        }
        return (int) (minus ? -v : v) & 0xffff;
    }

    // eth_addr_from_string(): six hex bytes, nothing after

    // unixctl_command_reply_error(): ovs-appctl prints the error, a line end if it lacks one, and its own line
    private static int error(ToolContext ctx, String message) {
        ctx.err().print(message.endsWith("\n") ? message : message + "\n");
        ctx.err().println("ovs-appctl: ovs-vswitchd: server returned an error");
        return 2;
    }
}
