package io.arplab.tools.ovs;

import io.arplab.flow.Datapath;
import io.arplab.flow.DpifNetdevFlows;
import io.arplab.flow.FlowParseException;
import io.arplab.flow.OdpKey;
import java.util.List;
import java.util.Set;

/**
 * dpctl/add-flow, mod-flow, del-flow and get-flow on the dummy datapath, as far as their refusals go (lib/dpctl.c
 * dpctl_put_flow_dpif(), dpctl_del_flow_dpif(), dpctl_get_flow(); dpif-netdev's flow_put): the datapath name, the key
 * (odp_flow_from_string()), the actions (odp_actions_from_string()), a key that does not fit perfectly. A flow put that
 * OVS accepts installs nothing here (OVS's revalidator deletes a flow it did not install on its next pass), a flow
 * deleted by key is not found (dpif-netdev looks it up by the ufid of the key given) and a ufid finds no flow.
 */
final class DpctlFlows {
    private DpctlFlows() {}

    /** Datapath actions odp_actions_from_string() knows by name (format_odp_action()). */
    private static final Set<String> ACTIONS = Set.of("drop", "set", "push_vlan", "pop_vlan", "recirc", "ct",
            "ct_clear", "userspace", "trunc", "clone", "meter", "hash", "push_eth", "pop_eth", "sample", "tnl_push",
            "tnl_pop", "push_mpls", "pop_mpls", "check_pkt_len", "push_nsh", "pop_nsh", "lb_output", "add_mpls");

    /**
     * The command's outcome: its one-line message ("ovs-vswitchd: ..." or null) and exit status. {@code args} follow
     * the options; {@code dp} is the lab's datapath or null.
     */
    record Outcome(String message, int status) {}

    static Outcome run(String cmd, List<String> args, boolean mayCreate, Datapath dp) {
        return run(cmd, args, mayCreate, dp, null);
    }

    /**
     * The same, {@code table} the flow table of a datapath dpctl/add-dp created (its name first in {@code args}),
     * which keeps what is put, or null for ovs-vswitchd's.
     */
    static Outcome run(String cmd, List<String> args, boolean mayCreate, Datapath dp, DpifNetdevFlows table) {
        if (table != null) {
            return runOn(table, cmd, args.subList(1, args.size()), mayCreate);
        }
        int max = switch (cmd) {
            case "dpctl/add-flow", "dpctl/mod-flow" -> 4;
            default -> 3;
        };
        // opt_dpif_open(): a first argument naming the datapath, else the only one unless all arguments are given
        List<String> rest = args;
        if (!args.isEmpty() && args.get(0).equals(OvsTools.DATAPATH)) {
            rest = args.subList(1, args.size());
        } else if (args.size() + 1 == max || dp == null) {
            return new Outcome("ovs-vswitchd: datapath not found (Invalid argument)", 2);
        }
        switch (cmd) {
            case "dpctl/get-flow" -> {
                String u = rest.get(rest.size() - 1);
                if (!u.matches("ufid:[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")) {
                    return BAD_GET_UFID.apply(u);
                }
                return new Outcome("ovs-vswitchd: getting flow (No such file or directory)", 2);
            }
            case "dpctl/del-flow" -> {
                String keyText = withoutUfid(rest.get(rest.size() - 1));
                if (keyText == null) {
                    return BAD_UFID;
                }
                try {
                    OdpKey.parse(keyText, dp);
                } catch (FlowParseException e) {
                    return new Outcome("ovs-vswitchd: " + e.getMessage() + " (Invalid argument)", 2);
                }
                return new Outcome("ovs-vswitchd: deleting flow (No such file or directory)\n"
                        + "Perhaps you need to specify a UFID?", 2);
            }
            default -> {
                OdpKey key;
                String keyText = withoutUfid(rest.get(rest.size() - 2));
                if (keyText == null) {
                    return BAD_UFID;
                }
                try {
                    key = OdpKey.parse(keyText, dp);
                } catch (FlowParseException e) {
                    return new Outcome("ovs-vswitchd: parsing flow key (" + e.getMessage() + ") (" + e.strerror + ")",
                            2);
                }
                if (!actionsParse(rest.get(rest.size() - 1))) {
                    return new Outcome("ovs-vswitchd: parsing actions (Invalid argument)", 2);
                }
                // dpif_netdev_flow_put(): the key (a perfect fit) and its mask (maskExpected()), in_port exact too
                if (!key.perfect() || key.maskExpected() || !key.inPortExact()) {
                    return new Outcome("ovs-vswitchd: updating flow table (Invalid argument)", 2);
                }
                if (cmd.equals("dpctl/mod-flow") && !mayCreate) {
                    return new Outcome("ovs-vswitchd: updating flow table (No such file or directory)", 2);
                }
                return new Outcome(null, 0);
            }
        }
    }

    // dpctl_put_flow_dpif(), dpctl_del_flow_dpif(), dpctl_get_flow() on a datapath that keeps its flows
    private static Outcome runOn(DpifNetdevFlows table, String cmd, List<String> rest, boolean mayCreate) {
        String arg = rest.get(rest.size() - (cmd.equals("dpctl/add-flow") || cmd.equals("dpctl/mod-flow") ? 2 : 1));
        if (cmd.equals("dpctl/get-flow")) {
            String u = ufid(arg);
            String f = u == null ? null : table.get(u);
            return u == null ? BAD_GET_UFID.apply(arg)
                    : f == null ? new Outcome("ovs-vswitchd: getting flow (No such file or directory)", 2)
                    : new Outcome(f, 0);
        }
        String keyText = withoutUfid(arg);
        if (keyText == null) {
            return BAD_UFID;
        }
        try {
            OdpKey key = OdpKey.parse(keyText, null);
            if (cmd.equals("dpctl/del-flow")) {
                if (table.del(keyText, ufid(arg))) {
                    return new Outcome(null, 0);
                }
                // the hint whether a ufid was given or not (dpctl_del_flow_dpif() reads ufid_generated, which only a
                // key without one sets, and OVS 3.1 printed it for a ufid given too)
                return new Outcome("ovs-vswitchd: deleting flow (No such file or directory)\nPerhaps you need to"
                        + " specify a UFID?", 2);
            }
            if (!actionsParse(rest.get(rest.size() - 1))) {
                return new Outcome("ovs-vswitchd: parsing actions (Invalid argument)", 2);
            }
            if (!key.perfect() || key.maskExpected() || !key.inPortExact()) {
                return new Outcome("ovs-vswitchd: updating flow table (Invalid argument)", 2);
            }
            boolean add = cmd.equals("dpctl/add-flow");
            String err = table.put(keyText, ufid(arg), rest.get(rest.size() - 1), add || mayCreate, !add);
            return err == null ? new Outcome(null, 0) : new Outcome("ovs-vswitchd: updating flow table ("
                    + io.arplab.stack.Errno.valueOf(err).text + ")", 2);
        } catch (FlowParseException e) {
            return new Outcome("ovs-vswitchd: " + (cmd.equals("dpctl/del-flow") ? "" : "parsing flow key (")
                    + e.getMessage() + (cmd.equals("dpctl/del-flow") ? "" : ")") + " (" + e.strerror + ")", 2);
        }
    }

    /**
     * dpctl_process_flows(): a file's lines (dpctl_parse_flow_line(): "add", "modify" or "delete" first, else the
     * command's own), each put or deleted in turn, its error printed and the next line read; a line without a flow, or
     * without actions to put, or with actions to delete, "Failed parsing line number N, skipped!". The output.
     */
    static String processFile(String cmd, java.nio.file.Path file, DpifNetdevFlows table) {
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(file);
        } catch (java.io.IOException e) {
            return "ovs-vswitchd: Opening file \"" + file.getFileName() + "\" failed (No such file or directory)\n";
        }
        String def = cmd.equals("dpctl/mod-flows") ? "modify" : cmd.equals("dpctl/del-flows") ? "delete" : "add";
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.replaceFirst("#.*", "").strip(); // ds_get_preprocessed_line()
            if (line.isEmpty()) {
                continue;
            }
            String[] w = line.split("[ \t\r\n]+", 2);
            String c = def;
            String word = line.split("[, \t\r\n]", 2)[0];
            String named = List.of("add", "delete", "modify").stream().filter(x -> x.startsWith(word)).findFirst()
                    .orElse(null); // strncmp() over the word's length
            if (named != null) {
                c = named;
                line = line.substring(word.length()).strip();
                w = line.isEmpty() ? new String[0] : line.split("[ \t\r\n]+", 2);
            }
            String flow = w.length > 0 ? w[0] : null, actions = w.length > 1 ? w[1].strip() : null;
            if (flow == null || !c.equals("delete") && actions == null || c.equals("delete") && actions != null) {
                out.append("ovs-vswitchd: Failed parsing line number ").append(n).append(", skipped!\n");
                continue;
            }
            Outcome o = c.equals("delete") ? runOn(table, "dpctl/del-flow", List.of(flow), false)
                    : runOn(table, "dpctl/" + (c.equals("add") ? "add" : "mod") + "-flow", List.of(flow, actions),
                            false);
            if (o.message() != null) {
                out.append(o.message()).append('\n');
            }
        }
        return out.toString();
    }

    // odp_ufid_from_string(): the ufid a "ufid:" argument begins with, or null
    private static String ufid(String arg) {
        return arg.startsWith("ufid:") && withoutUfid(arg) != null ? arg.substring(5, 41).toLowerCase(
                java.util.Locale.ROOT) : null;
    }

    // dpctl_get_flow(): odp_ufid_from_string()'s -EINVAL for "ufid:" without a uuid, 0 (no error named) without
    // "ufid:"; the command itself succeeds
    private static final java.util.function.Function<String, Outcome> BAD_GET_UFID = a -> new Outcome(
            "ovs-vswitchd: parsing flow ufid" + (a.startsWith("ufid:") ? " (Invalid argument)" : ""), 0);

    private static final Outcome BAD_UFID = new Outcome("ovs-vswitchd: parsing flow ufid (Invalid argument)", 2);

    // odp_ufid_from_string(): a leading "ufid:" and a uuid (uuid_from_string_prefix()) are the flow's ufid, the key
    // follows (odp_flow_from_string() skips the delimiters before it); null for a "ufid:" without a uuid
    private static String withoutUfid(String key) {
        if (!key.startsWith("ufid:")) {
            return key;
        }
        String rest = key.substring(5);
        if (!rest.matches("(?s)[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}.*")) {
            return null;
        }
        return rest.substring(36);
    }

    // odp_actions_from_string(): port numbers, and actions by name with their arguments in parentheses
    private static boolean actionsParse(String s) {
        List<String> actions = OdpKey.splitActions(s);
        if (actions == null) {
            return false;
        }
        for (String a : actions) {
            a = a.trim();
            String name = a.indexOf('(') >= 0 ? a.substring(0, a.indexOf('(')) : a;
            if (!a.matches("[0-9]+") && !ACTIONS.contains(name)) {
                return false;
            }
        }
        return true;
    }
}
