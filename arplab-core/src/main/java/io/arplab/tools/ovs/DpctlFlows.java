package io.arplab.tools.ovs;

import io.arplab.flow.Datapath;
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
                    return new Outcome("ovs-vswitchd: parsing flow ufid", 0); // odp_ufid_from_string() returned 0
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
