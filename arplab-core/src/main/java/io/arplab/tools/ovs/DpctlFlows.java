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
                String actionsError = actionsError(rest.get(rest.size() - 1));
                if (actionsError != null) {
                    return new Outcome("ovs-vswitchd: parsing actions (" + actionsError + ")", 2);
                }
                // dpif_netdev_flow_put(): the key (a perfect fit) and its mask (maskExpected()), in_port exact too
                if (!key.perfect() || key.maskExpected() || !key.inPortExact()) {
                    return new Outcome("ovs-vswitchd: updating flow table (Invalid argument)", 2);
                }
                // flow_put_on_pmd(): a megaflow the unmasked key meets is EEXIST to a create, taken by a modify (its
                // actions, which the revalidator's next round puts back); none is ENOENT to a modify alone. A flow
                // put by hand is not kept: the revalidator deletes it (no ukey) within its round (real time).
                boolean covered = coveredKey(dp, keyText);
                if (covered && cmd.equals("dpctl/add-flow")) {
                    return new Outcome("ovs-vswitchd: updating flow table (File exists)", 2);
                }
                if (!covered && cmd.equals("dpctl/mod-flow") && !mayCreate) {
                    return new Outcome("ovs-vswitchd: updating flow table (No such file or directory)", 2);
                }
                return new Outcome(null, 0);
            }
        }
    }

    private static boolean coveredKey(Datapath dp, String keyText) {
        try {
            long[] key = DpifNetdevFlows.unmaskedKey(keyText);
            return key != null && dp.covers(key);
        } catch (FlowParseException e) { // a key arplab's flow table does not model: no megaflow has it
            return false;
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
            String actionsError = actionsError(rest.get(rest.size() - 1));
            if (actionsError != null) {
                return new Outcome("ovs-vswitchd: parsing actions (" + actionsError + ")", 2);
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
    private static final String DELIMITERS = ", \t\r\n";
    // ovs_scan()'s %i: blanks, a sign, then hexadecimal, octal or decimal digits
    private static final String INT = "\\s*([+-]?(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*))";
    private static final java.util.regex.Pattern PORT = java.util.regex.Pattern.compile(INT);
    private static final java.util.regex.Pattern RECIRC = java.util.regex.Pattern.compile("recirc\\(\\s*[+-]?\\d+\\)");
    private static final java.util.regex.Pattern PUSH_VLAN = java.util.regex.Pattern.compile(
            "push_vlan\\((?:tpid=" + INT + ",)?vid=" + INT + ",pcp=" + INT + "(?:,cfi=" + INT + ")?\\)");
    private static final java.util.regex.Pattern CHECK_PKT_LEN = java.util.regex.Pattern.compile(
            "check_pkt_len\\(size=" + INT + ",gt\\(");

    /**
     * odp_actions_from_string(): "drop" alone (any case), else actions between delimiters (", \t\r\n", repeated or
     * not), each as parse_odp_action() reads it and followed by a delimiter or the end; null, or the error's text:
     * -EINVAL's, or a strerror() of minus the length read when a delimiter does not follow ("pop_vlan()": "Unknown
     * error -8").
     */
    static String actionsError(String s) {
        if (s.equalsIgnoreCase("drop")) {
            return null;
        }
        int i = 0;
        while (true) {
            while (i < s.length() && DELIMITERS.indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (i == s.length()) {
                return null;
            }
            int n = odpAction(s.substring(i));
            if (n < 0) {
                return "Invalid argument";
            }
            if (i + n < s.length() && DELIMITERS.indexOf(s.charAt(i + n)) < 0) {
                return "Unknown error -" + n;
            }
            i += n;
        }
    }

    // parse_odp_action(): the length of the action at the start of t, or -1 (-EINVAL). An output port (%i) first;
    // pop_vlan and ct_clear by their names alone; recirc(%u); push_vlan's four forms with a VID of 12 bits and a PCP of
    // 3; check_pkt_len's gt() then le(); hash() is printed but never parsed; the other actions by name, their
    // parentheses balanced
    private static int odpAction(String t) {
        java.util.regex.Matcher m = PORT.matcher(t);
        if (m.lookingAt()) {
            return m.end();
        }
        if (t.startsWith("pop_vlan") || t.startsWith("ct_clear")) {
            return 8;
        }
        if (t.startsWith("recirc(")) {
            m = RECIRC.matcher(t);
            return m.lookingAt() ? m.end() : -1;
        }
        if (t.startsWith("push_vlan(")) {
            m = PUSH_VLAN.matcher(t);
            if (!m.lookingAt()) {
                return -1;
            }
            long vid = scanInt(m.group(2)), pcp = scanInt(m.group(3));
            return vid < 0 || vid > 4095 || pcp < 0 || pcp > 7 ? -1 : m.end();
        }
        if (t.startsWith("check_pkt_len(")) {
            m = CHECK_PKT_LEN.matcher(t);
            if (!m.lookingAt()) {
                return -1;
            }
            int gt = closing(t, m.end() - 1);
            if (gt < 0 || !t.startsWith(",le(", gt + 1)) {
                return -1;
            }
            int le = closing(t, gt + 4);
            return le < 0 || le + 1 >= t.length() || t.charAt(le + 1) != ')' ? -1 : le + 2;
        }
        int n = 0;
        while (n < t.length() && (Character.isLetterOrDigit(t.charAt(n)) || t.charAt(n) == '_')) {
            n++;
        }
        String name = t.substring(0, n);
        if (name.equals("hash") || name.equals("drop") || !ACTIONS.contains(name)) {
            return -1;
        }
        if (n < t.length() && t.charAt(n) == '(') {
            int end = closing(t, n);
            return end < 0 ? -1 : end + 1;
        }
        return n;
    }

    // the index of the parenthesis that closes the one at t[open], or -1
    private static int closing(String t, int open) {
        int depth = 0;
        for (int i = open; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    // %i's value: a sign, then 0x for hexadecimal, 0 for octal
    private static long scanInt(String v) {
        boolean neg = v.startsWith("-");
        String d = v.startsWith("+") || neg ? v.substring(1) : v;
        long x = d.startsWith("0x") || d.startsWith("0X") ? Long.parseLong(d.substring(2), 16)
                : d.length() > 1 && d.startsWith("0") ? Long.parseLong(d.substring(1), 8) : Long.parseLong(d);
        return neg ? -x : x;
    }
}
