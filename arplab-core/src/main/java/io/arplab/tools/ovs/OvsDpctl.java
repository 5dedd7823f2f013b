package io.arplab.tools.ovs;

import io.arplab.stack.Errno;
import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import java.util.List;
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
            if (o.name().equals("option")) { // parse_options(): ovs_cmdl_print_options() and exit
                ctx.out().print(OvsGetopt.printOptions(OPTIONS));
                return 0;
            }
            String bad = o.name().equals("verbose") ? Vlog.verbosityError("ovs-dpctl", o.arg()) : null;
            if (bad != null) { // vlog_set_verbosity(): a bad word is fatal
                ctx.err().println(bad);
                return 1;
            }
            if (o.name().equals("version")) { // ovs_print_version(0, 0), exit 0
                ctx.out().print(OvsTools.version("ovs-dpctl"));
                return 0;
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
        Unixctl.Command command = Unixctl.DPCTL.stream().filter(c -> c.name().equals(cmd)).findFirst().orElse(null);
        if (command == null) {
            ctx.err().println("ovs-dpctl: unknown command '" + cmd + "'; use --help for help");
            return 1;
        }
        int n = words.size() - 1;
        if (n < command.min() || n > command.max()) {
            ctx.err().println("ovs-dpctl: '" + cmd + "' command " + (n < command.min() ? "requires at least "
                    + command.min() : "takes at most " + command.max()) + " arguments");
            return 1;
        }
        if (Set.of("help", "list-commands", "parse-actions", "normalize-actions", "add-if", "del-if", "set-if")
                .contains(cmd) || cmd.equals("add-dp") && words.get(1).startsWith("netdev@")) {
            ctx.err().println("ovs-dpctl: '" + cmd + "' is not modelled by arplab");
            return 1;
        }
        // dpif_netlink_init(): no ovs_datapath generic netlink family
        ctx.err().println(OvsTools.log(ctx, 1, "dpif_netlink|INFO|Generic Netlink family 'ovs_datapath' does not"
                + " exist. The Open vSwitch kernel module is probably not loaded."));
        if (cmd.equals("show") && n > 0 || cmd.equals("del-dp") || cmd.equals("add-dp")) {
            // dpif_open() (dpif_create_and_open() for add-dp): a type other than system (the netlink one) and netdev
            // is unknown to ovs-dpctl's process
            String name = words.get(1);
            int at = name.indexOf('@');
            String type = at < 0 ? "system" : name.substring(0, at);
            String error = Errno.ENOENT.text;
            if (!type.equals("system")) {
                ctx.err().println(OvsTools.log(ctx, 2, "dpif|WARN|could not create datapath " + name.substring(at + 1)
                        + " of unknown type " + type));
                error = Errno.EAFNOSUPPORT.text;
            }
            // dpctl_add_dp() names its failure add_dp; the others, opening the datapath
            ctx.err().println("ovs-dpctl: " + (cmd.equals("add-dp") ? "add_dp" : "opening datapath"
                    + (cmd.equals("show") ? " " + name + " failed" : "")) + " (" + error + ")");
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
