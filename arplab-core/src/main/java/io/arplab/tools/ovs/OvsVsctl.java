package io.arplab.tools.ovs;

import io.arplab.device.OvsBridge;
import io.arplab.device.Switch;
import io.arplab.flow.Ofproto;
import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** ovs-vsctl of Open vSwitch 3.1 (utilities/ovs-vsctl.c): the read-only views of the node's bridges. */
public final class OvsVsctl implements Tool {
    @Override
    public void start(ToolContext ctx, List<String> args) {
        if (OvsTools.help(ctx, "ovs-vsctl", args)) {
            return;
        }
        ctx.exit(run(ctx, args));
    }

    private static int run(ToolContext ctx, List<String> args) {
        List<OvsBridge> bridges = new ArrayList<>();
        for (Switch s : ctx.switches()) {
            if (s instanceof OvsBridge b) {
                bridges.add(b);
            }
        }
        if (args.isEmpty()) {
            ctx.err().println("ovs-vsctl: missing command name (use --help for help)");
            return 1;
        }
        switch (args.get(0)) {
            case "show" -> show(ctx, bridges);
            case "list-br" -> bridges.stream().map(OvsBridge::name).sorted().forEach(ctx.out()::println);
            case "list-ports", "br-exists" -> {
                if (args.size() < 2) {
                    ctx.err().println("ovs-vsctl: '" + args.get(0) + "' command requires at least 1 arguments");
                    return 1;
                }
                OvsBridge b = bridges.stream().filter(x -> x.bridgeName().equals(args.get(1))).findFirst().orElse(null);
                if (b == null) {
                    if (args.get(0).equals("br-exists")) {
                        return 2;
                    }
                    ctx.err().println("ovs-vsctl: no bridge named " + args.get(1));
                    return 1;
                }
                if (args.get(0).equals("list-ports")) {
                    b.ofproto().ports().stream().filter(p -> !p.name.equals(b.bridgeName())).map(p -> p.name).sorted()
                            .forEach(ctx.out()::println);
                }
            }
            default -> {
                ctx.err().println("ovs-vsctl: unknown command '" + args.get(0) + "'; use --help for help");
                return 1;
            }
        }
        return 0;
    }

    // the Open_vSwitch record's uuid differs per run in OVS; here it is derived from the bridges' names
    private static void show(ToolContext ctx, List<OvsBridge> bridges) {
        StringBuilder names = new StringBuilder();
        bridges.forEach(b -> names.append(b.bridgeName()).append(','));
        ctx.out().println(UUID.nameUUIDFromBytes(names.toString().getBytes()));
        for (OvsBridge b : bridges) {
            Ofproto o = b.ofproto();
            ctx.out().println("    Bridge " + b.bridgeName());
            ctx.out().println("        fail_mode: " + o.failMode);
            ctx.out().println("        datapath_type: dummy");
            for (Ofproto.Port p : o.ports()) {
                ctx.out().println("        Port " + p.name);
                ctx.out().println("            Interface " + p.name);
                String type = p.type.equals("system") ? "" : p.type;
                if (!type.isEmpty()) {
                    ctx.out().println("                type: " + type);
                }
                Map<String, String> opts = new TreeMap<>(p.options);
                opts.remove("address");
                if (!opts.isEmpty()) {
                    List<String> kv = new ArrayList<>();
                    opts.forEach((k, v) -> kv.add(k + "=" + (v.matches("[A-Za-z_][A-Za-z0-9_.-]*")
                            && !v.equals("true") && !v.equals("false") ? v : "\"" + v + "\"")));
                    ctx.out().println("                options: {" + String.join(", ", kv) + "}");
                }
            }
        }
    }
}
