package io.arplab.tools.ovs;

import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ovs-dpctl of Open vSwitch 3.1 (lib/dpctl.c) on a machine without the openvswitch kernel module: it reaches only
 * kernel datapaths over netlink, and the lab's bridges are on the userspace dummy datapath, so every command that
 * needs a datapath fails as OVS's does, with dpif_netlink's and dpif's log lines.
 */
public final class OvsDpctl implements Tool {
    /** ovs-dpctl's long_options (parse_options()). */
    private static final List<OvsGetopt.LongOpt> OPTIONS = OvsGetopt.table(List.of(
            OvsGetopt.opt("statistics", OvsGetopt.NO, 's'), OvsGetopt.opt("clear", OvsGetopt.NO, '\0'),
            OvsGetopt.opt("may-create", OvsGetopt.NO, '\0'), OvsGetopt.opt("read-only", OvsGetopt.NO, '\0'),
            OvsGetopt.opt("more", OvsGetopt.NO, 'm'), OvsGetopt.opt("names", OvsGetopt.NO, '\0'),
            OvsGetopt.opt("no-names", OvsGetopt.NO, '\0'), OvsGetopt.opt("timeout", OvsGetopt.REQUIRED, 't'),
            OvsGetopt.opt("help", OvsGetopt.NO, 'h'), OvsGetopt.opt("option", OvsGetopt.NO, 'o'),
            OvsGetopt.opt("version", OvsGetopt.NO, 'V')), OvsGetopt.VLOG);

    /** dpctl.c's all_commands[]: name to {min, max} arguments. */
    private static final Map<String, int[]> COMMANDS = new HashMap<>();

    static {
        String table = "add-dp 1 -1;del-dp 1 1;add-if 2 -1;del-if 2 -1;set-if 2 -1;dump-dps 0 0;show 0 -1;"
                + "add-flow 2 3;mod-flow 2 3;get-flow 1 2;del-flow 1 2;add-flows 1 2;mod-flows 1 2;del-flows 0 2;"
                + "dump-flows 0 6;offload-stats-show 0 1;dump-conntrack 0 4;flush-conntrack 0 4;ct-stats-show 0 3;"
                + "cache-get-size 0 1;"
                + "cache-set-size 3 3;ct-bkts 0 2;ct-set-maxconns 1 2;ct-get-maxconns 0 1;ct-get-nconns 0 1;"
                + "ct-enable-tcp-seq-chk 0 1;ct-disable-tcp-seq-chk 0 1;ct-get-tcp-seq-chk 0 1;ct-set-limits 1 -1;"
                + "ct-del-limits 1 2;ct-get-limits 0 2;ipf-set-enabled 1 2;ipf-set-disabled 1 2;"
                + "ipf-set-min-frag 2 3;ipf-set-max-nfrags 1 2;ipf-get-status 0 1;help 0 -1;list-commands 0 -1;"
                + "parse-actions 1 -1;normalize-actions 2 -1";
        for (String c : table.split(";")) {
            String[] w = c.split(" ");
            int max = Integer.parseInt(w[2]);
            COMMANDS.put(w[0], new int[] {Integer.parseInt(w[1]), max < 0 ? Integer.MAX_VALUE : max});
        }
    }

    @Override
    public void start(ToolContext ctx, List<String> args) {
        ctx.exit(run(ctx, args));
    }

    private static int run(ToolContext ctx, List<String> args) {
        OvsGetopt g = OvsGetopt.parse("ovs-dpctl", OPTIONS, false, args);
        for (OvsGetopt.Opt o : g.options) {
            if (o.error() != null) {
                ctx.err().println(o.error());
                return 1;
            }
            if (o.name().equals("timeout") && !OvsGetopt.positiveUint(o.arg())) {
                ctx.err().println("ovs-dpctl: value " + o.arg() + " on -t or --timeout is invalid");
                return 1;
            }
        }
        List<String> words = g.operands;
        // dpctl_run_command(): the command by name and its argument counts
        if (words.isEmpty()) {
            ctx.err().println("ovs-dpctl: missing command name; use --help for help");
            return 1;
        }
        String cmd = words.get(0);
        int[] arity = COMMANDS.get(cmd);
        if (arity == null) {
            ctx.err().println("ovs-dpctl: unknown command '" + cmd + "'; use --help for help");
            return 1;
        }
        int n = words.size() - 1;
        if (n < arity[0] || n > arity[1]) {
            ctx.err().println("ovs-dpctl: '" + cmd + "' command " + (n < arity[0] ? "requires at least " + arity[0]
                    : "takes at most " + arity[1]) + " arguments");
            return 1;
        }
        if (Set.of("help", "list-commands", "parse-actions", "normalize-actions", "add-dp", "add-if", "del-if",
                "set-if").contains(cmd)) {
            ctx.err().println("ovs-dpctl: '" + cmd + "' is not modelled by arplab");
            return 1;
        }
        // dpif_netlink_init(): no ovs_datapath generic netlink family
        ctx.err().println(OvsTools.log(ctx, 1, "dpif_netlink|INFO|Generic Netlink family 'ovs_datapath' does not"
                + " exist. The Open vSwitch kernel module is probably not loaded."));
        if (cmd.equals("show") && n > 0 || cmd.equals("del-dp")) {
            // dpif_open(): a type other than system (the netlink one) is unknown to ovs-dpctl's process
            String name = words.get(1);
            int at = name.indexOf('@');
            String type = at < 0 ? "system" : name.substring(0, at);
            String error = "No such file or directory";
            if (!type.equals("system")) {
                ctx.err().println(OvsTools.log(ctx, 2, "dpif|WARN|could not create datapath " + name.substring(at + 1)
                        + " of unknown type " + type));
                error = "Address family not supported by protocol";
            }
            ctx.err().println("ovs-dpctl: opening datapath" + (cmd.equals("show") ? " " + name + " failed" : "")
                    + " (" + error + ")");
            return 1;
        }
        if (n > 0 && !cmd.equals("del-flows") || n > 1) {
            // a named datapath: dp_exists() enumerates the datapaths of its type (a system one's fail), then
            // dpif_open() fails
            String name = words.get(1);
            if (name.indexOf('@') < 0 || name.startsWith("system@")) {
                ctx.err().println(OvsTools.log(ctx, 2, "dpif|WARN|failed to enumerate system datapaths: No such file"
                        + " or directory"));
            }
            ctx.err().println("ovs-dpctl: datapath not found (Invalid argument)");
            return 1;
        }
        // dp_enumerate_names(): none; show and dump-dps list nothing, the others find no datapath to act on
        ctx.err().println(OvsTools.log(ctx, 2, "dpif|WARN|failed to enumerate system datapaths: No such file or"
                + " directory"));
        if (!cmd.equals("show") && !cmd.equals("dump-dps")) {
            ctx.err().println("ovs-dpctl: no datapaths exist");
            ctx.err().println("ovs-dpctl: datapath not found (Invalid argument)");
        }
        return 1;
    }
}
