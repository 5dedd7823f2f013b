package io.arplab.tools.ovs;

import io.arplab.device.OvsBridge;
import io.arplab.flow.Bond;
import io.arplab.flow.MatchFormat;
import io.arplab.flow.Ofproto;
import io.arplab.tools.ToolContext;
import io.arplab.wire.libc.CLib;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ovs-vswitchd's bond/ commands (ofproto/bond.c bond_unixctl_*()): list, show, migrate, set-active-member,
 * enable-member, disable-member, hash (and the "slave" names they had). After a command the main loop runs each
 * bond (bond_run()), as ovs-vswitchd does before it answers the next one.
 */
final class BondCommands {

    private BondCommands() {
    }

    /** The command's reply on stdout, or its error on stderr; the exit status. */
    static int run(ToolContext ctx, String cmd, List<String> args) {
        // all_bonds, an hmap by hash_string() of the names, across the process's bridges
        Map<String, Bond> byName = new HashMap<>();
        Map<Bond, Ofproto> bridgeOf = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (var s : ctx.switches()) {
            if (s instanceof OvsBridge b) {
                b.ofproto().runBonds(ctx.now()); // the main loop's bond_run() since the last command
                b.ofproto().bonds.forEach((n, bond) -> {
                    byName.put(n, bond);
                    bridgeOf.put(bond, b.ofproto());
                    names.add(n);
                });
            }
        }
        List<String> order = io.arplab.flow.Hmap.of(names, io.arplab.flow.Hmap.shash());
        long now = ctx.now();
        long ms = now / 1_000_000;
        if (cmd.equals("bond/hash")) {
            return hash(ctx, args);
        }
        if (cmd.equals("bond/list")) {
            StringBuilder s = new StringBuilder("bond\ttype\trecircID\tmembers\n");
            for (String n : order) {
                Bond b = byName.get(n);
                s.append(n).append('\t').append(b.balance.text).append('\t').append(b.recircId).append('\t');
                s.append(String.join(", ", b.members.keySet().stream().map(p -> p.name).toList())).append('\n');
            }
            ctx.out().print(s);
            return 0;
        }
        if (cmd.equals("bond/show") && args.isEmpty()) {
            StringBuilder s = new StringBuilder();
            order.forEach(n -> details(s, byName.get(n), ms));
            ctx.out().print(s);
            return 0;
        }
        Bond bond = byName.get(args.get(0));
        if (bond == null) {
            return OvsAppctl.serverError(ctx, "no such bond");
        }
        String reply;
        switch (cmd) {
            case "bond/show" -> {
                StringBuilder s = new StringBuilder();
                details(s, bond, ms);
                ctx.out().print(s);
                return 0;
            }
            case "bond/migrate" -> { // bond_unixctl_migrate()
                if (bond.balance != Bond.Mode.SLB) {
                    return OvsAppctl.serverError(ctx, "not an SLB bond");
                }
                String h = args.get(1);
                if (!h.chars().allMatch(Character::isDigit)) {
                    return OvsAppctl.serverError(ctx, "bad hash");
                }
                Bond.Member m = bond.member(args.get(2));
                if (m == null) {
                    return OvsAppctl.serverError(ctx, "no such member");
                }
                if (!m.enabled) {
                    return OvsAppctl.serverError(ctx, "cannot migrate to disabled member");
                }
                bond.hash[CLib.atoi(h) & 0xff] = m;
                bond.revalidate();
                reply = "migrated";
            }
            case "bond/set-active-member", "bond/set-active-slave" -> { // bond_unixctl_set_active_member()
                Bond.Member m = bond.member(args.get(1));
                if (m == null) {
                    return OvsAppctl.serverError(ctx, "no such member");
                }
                if (!m.enabled) {
                    return OvsAppctl.serverError(ctx, "cannot make disabled member active");
                }
                if (bond.active != m) {
                    bond.active = m;
                    bond.activeChanged();
                    reply = "done";
                } else {
                    reply = "no change";
                }
            }
            default -> { // enable_member(): bond_enable_member()
                Bond.Member m = bond.member(args.get(1));
                if (m == null) {
                    return OvsAppctl.serverError(ctx, "no such member");
                }
                boolean enable = cmd.startsWith("bond/enable");
                bond.enable(m, enable);
                reply = enable ? "enabled" : "disabled";
            }
        }
        ctx.out().println(reply);
        bridgeOf.get(bond).runBonds(now);
        return 0;
    }

    // bond_print_details()
    private static void details(StringBuilder s, Bond b, long ms) {
        s.append("---- ").append(b.name).append(" ----\n");
        s.append("bond_mode: ").append(b.balance.text).append('\n');
        boolean recirc = b.mayRecirc();
        s.append("bond may use recirculation: ").append(recirc ? "yes" : "no").append(", Recirc-ID : ")
                .append(recirc ? b.recircId : -1).append('\n');
        s.append("bond-hash-basis: ").append(b.basis & 0xffffffffL).append('\n');
        s.append("lb_output action: disabled, bond-id: -1\n"); // other_config:lb-output-action not modelled
        if (b.balance == Bond.Mode.SLB) {
            s.append("all members active: ").append(b.allMembersActive).append('\n');
        }
        s.append("updelay: ").append(b.updelay).append(" ms\n");
        s.append("downdelay: ").append(b.downdelay).append(" ms\n");
        if (b.isBalanced()) {
            s.append("next rebalance: ").append(b.nextRebalance - ms).append(" ms\n");
        }
        s.append("lacp_status: off\n");
        s.append("lacp_fallback_ab: ").append(b.lacpFallbackAb).append('\n');
        boolean found = b.primary != null && b.member(b.primary) != null;
        s.append("active-backup primary: ").append(b.primary != null ? b.primary : "<none>")
                .append(!found && b.primary != null ? " (no such member)" : "").append('\n');
        Bond.Member active = b.byMac(b.activeMac);
        s.append("active member mac: ").append(MatchFormat.mac(b.activeMac)).append('(')
                .append(active != null ? active.port.name : "none").append(")\n");
        List<Bond.Member> sorted = new ArrayList<>(b.members.values());
        sorted.sort((x, y) -> x.port.name.compareTo(y.port.name)); // shash_sort()
        for (Bond.Member m : sorted) {
            s.append("\nmember ").append(m.port.name).append(": ").append(m.enabled ? "enabled" : "disabled")
                    .append('\n');
            if (m == b.active) {
                s.append("  active member\n");
            }
            if (m.delayExpires != Long.MAX_VALUE) {
                s.append("  ").append(m.enabled ? "downdelay" : "updelay").append(" expires in ")
                        .append(m.delayExpires - ms).append(" ms\n");
            }
            s.append("  may_enable: ").append(m.mayEnable).append('\n');
            // a hash's "kB load" (bond_account()'s bytes) is not modelled
        }
        s.append('\n');
    }

    // bond_unixctl_hash(): hash_mac() of the MAC, the VLAN and the basis (ovs_scan()'s %u), masked to a bucket
    private static int hash(ToolContext ctx, List<String> args) {
        long vlan = 0, basis = 0;
        if (args.size() > 1) {
            Long v = scanUnsigned(args.get(1));
            if (v == null) {
                return OvsAppctl.serverError(ctx, "invalid vlan");
            }
            vlan = v;
        }
        if (args.size() > 2) {
            Long v = scanUnsigned(args.get(2));
            if (v == null) {
                return OvsAppctl.serverError(ctx, "invalid basis");
            }
            basis = v;
        }
        Long mac = io.arplab.flow.FieldParser.mac(args.get(0));
        if (mac == null) {
            return OvsAppctl.serverError(ctx, "invalid mac");
        }
        ctx.out().println(Bond.hashMac(mac, (int) vlan, (int) basis) & 0xff);
        return 0;
    }

    // ovs_scan()'s %u: optional space and sign, then digits (what follows them is not looked at)
    private static Long scanUnsigned(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?)(\\d+)").matcher(s);
        if (!m.find()) {
            return null;
        }
        long v = new java.math.BigInteger(m.group(2)).longValue();
        return (m.group(1).equals("-") ? -v : v) & 0xffffffffL;
    }
}
