package io.arplab.tools.ovs;

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
    private static final Set<String> NEED_DP = Set.of("show", "dump-flows", "del-flows", "dump-conntrack");

    @Override
    public void start(ToolContext ctx, List<String> args) {
        ctx.exit(run(ctx, args));
    }

    private static int run(ToolContext ctx, List<String> args) {
        List<String> words = args.stream().filter(a -> !a.startsWith("-")).toList();
        if (words.isEmpty()) {
            ctx.err().println("ovs-dpctl: missing command name; use --help for help");
            return 1;
        }
        String cmd = words.get(0);
        if (!NEED_DP.contains(cmd)) {
            ctx.err().println("ovs-dpctl: unknown command '" + cmd + "'; use --help for help");
            return 1;
        }
        // dpif_netlink_init(): no ovs_datapath generic netlink family
        ctx.err().println(OvsTools.log(ctx, 1, "dpif_netlink|INFO|Generic Netlink family 'ovs_datapath' does not"
                + " exist. The Open vSwitch kernel module is probably not loaded."));
        if (words.size() > 1) {
            // a named datapath: dpif_open() fails
            ctx.err().println(cmd.equals("show") ? "ovs-dpctl: opening datapath " + words.get(1)
                    + " failed (No such file or directory)" : "ovs-dpctl: datapath not found (Invalid argument)");
            return 1;
        }
        // dp_enumerate_names(): none; show lists nothing, the others find no datapath to act on
        ctx.err().println(OvsTools.log(ctx, 2, "dpif|WARN|failed to enumerate system datapaths: No such file or"
                + " directory"));
        if (!cmd.equals("show")) {
            ctx.err().println("ovs-dpctl: no datapaths exist");
            ctx.err().println("ovs-dpctl: datapath not found (Invalid argument)");
        }
        return 1;
    }
}
