package io.arplab.tools.ovs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The unixctl commands of ovs-vswitchd 3.1 (run with --enable-dummy, as the lab's switch is): each one's name, usage
 * and argument counts as unixctl_command_register() is called with them, and the commands of lib/dpctl.c, which
 * ovs-dpctl runs itself and ovs-vswitchd registers as "dpctl/NAME" (dpctl_unixctl_register()).
 */
final class Unixctl {
    private Unixctl() {}

    static final int ANY = Integer.MAX_VALUE;

    /** One registered command; a null usage keeps it out of list-commands. */
    record Command(String name, String usage, int min, int max) {
        /** process_command(): the error for {@code n} arguments outside [min, max], else null. */
        String argc(int n) {
            return n < min ? "\"" + name + "\" command requires at least " + min + " arguments"
                    : n > max ? "\"" + name + "\" command takes at most " + max + " arguments" : null;
        }
    }

    private static Command cmd(String name, String usage, int min, int max) {
        return new Command(name, usage, min, max);
    }

    private static Command hidden(String name, int min, int max) {
        return new Command(name, null, min, max);
    }

    /** lib/dpctl.c's all_commands[], in its order. */
    static final List<Command> DPCTL = List.of(
            cmd("add-dp", "dp [iface...]", 1, ANY),
            cmd("del-dp", "dp", 1, 1),
            cmd("add-if", "dp iface...", 2, ANY),
            cmd("del-if", "dp iface...", 2, ANY),
            cmd("set-if", "dp iface...", 2, ANY),
            cmd("dump-dps", "", 0, 0),
            cmd("show", "[-s] [dp...]", 0, ANY),
            cmd("dump-flows", "[-m] [--names] [dp] [filter=..] [type=..] [pmd=..]", 0, 6),
            cmd("add-flow", "[dp] flow actions", 2, 3),
            cmd("mod-flow", "[dp] flow actions", 2, 3),
            cmd("get-flow", "[dp] ufid", 1, 2),
            cmd("del-flow", "[dp] flow", 1, 2),
            cmd("add-flows", "[dp] file", 1, 2),
            cmd("mod-flows", "[dp] file", 1, 2),
            cmd("del-flows", "[dp] [file]", 0, 2),
            cmd("offload-stats-show", "[dp]", 0, 1),
            cmd("dump-conntrack", "[-m] [-s] [dp] [zone=N]", 0, 4),
            cmd("flush-conntrack", "[dp] [zone=N] [ct-orig-tuple] [ct-reply-tuple]", 0, 4),
            cmd("cache-get-size", "[dp]", 0, 1),
            cmd("cache-set-size", "dp cache <size>", 3, 3),
            cmd("ct-stats-show", "[dp] [zone=N]", 0, 3),
            cmd("ct-bkts", "[dp] [gt=N]", 0, 2),
            cmd("ct-set-maxconns", "[dp] maxconns", 1, 2),
            cmd("ct-get-maxconns", "[dp]", 0, 1),
            cmd("ct-get-nconns", "[dp]", 0, 1),
            cmd("ct-enable-tcp-seq-chk", "[dp]", 0, 1),
            cmd("ct-disable-tcp-seq-chk", "[dp]", 0, 1),
            cmd("ct-get-tcp-seq-chk", "[dp]", 0, 1),
            cmd("ct-set-limits", "[dp] [default=L] [zone=N,limit=L]...", 1, ANY),
            cmd("ct-del-limits", "[dp] zone=N1[,N2]...", 1, 2),
            cmd("ct-get-limits", "[dp] [zone=N1[,N2]...]", 0, 2),
            cmd("ipf-set-enabled", "[dp] v4|v6", 1, 2),
            cmd("ipf-set-disabled", "[dp] v4|v6", 1, 2),
            cmd("ipf-set-min-frag", "[dp] v4|v6 minfragment", 2, 3),
            cmd("ipf-set-max-nfrags", "[dp] maxfrags", 1, 2),
            cmd("ipf-get-status", "[dp]", 0, 1),
            cmd("help", "", 0, ANY),
            cmd("list-commands", "", 0, ANY),
            cmd("parse-actions", "actions", 1, ANY),
            cmd("normalize-actions", "actions", 2, ANY));

    /** ovs-vswitchd's commands by name, in strcmp() order (shash_sort()). */
    static final Map<String, Command> VSWITCHD;

    static {
        Map<String, Command> all = new TreeMap<>();
        for (Command c : List.of(
                // lib/bfd.c
                cmd("bfd/show", "[interface]", 0, 1),
                cmd("bfd/set-forwarding", "[interface] normal|false|true", 1, 2),
                // lib/cfm.c
                cmd("cfm/show", "[interface]", 0, 1),
                cmd("cfm/set-fault", "[interface] normal|false|true", 1, 2),
                // lib/coverage.c
                cmd("coverage/show", "", 0, 0),
                cmd("coverage/read-counter", "COUNTER", 1, 1),
                // lib/dpif-netdev.c
                cmd("dpif-netdev/pmd-stats-show", "[-pmd core] [dp]", 0, 3),
                cmd("dpif-netdev/pmd-stats-clear", "[-pmd core] [dp]", 0, 3),
                cmd("dpif-netdev/pmd-rxq-show", "[-pmd core] [-secs secs] [dp]", 0, 5),
                cmd("dpif-netdev/pmd-perf-show", "[-nh] [-it iter-history-len] [-ms ms-history-len] [-pmd core]"
                        + " [dp]", 0, 8),
                cmd("dpif-netdev/pmd-rxq-rebalance", "[dp]", 0, 1),
                cmd("dpif-netdev/pmd-perf-log-set", "on|off [-b before] [-a after] [-e|-ne] "
                        + "[-us usec] [-q qlen]", 0, 10),
                cmd("dpif-netdev/bond-show", "[dp]", 0, 1),
                cmd("dpif-netdev/subtable-lookup-prio-set", "[lookup_func] [prio]", 2, 2),
                cmd("dpif-netdev/subtable-lookup-info-get", "", 0, 0),
                hidden("dpif-netdev/subtable-lookup-prio-get", 0, 0),
                cmd("dpif-netdev/dpif-impl-set", "dpif_implementation_name", 1, 1),
                cmd("dpif-netdev/dpif-impl-get", "", 0, 0),
                cmd("dpif-netdev/miniflow-parser-set", "[-pmd core] miniflow_implementation_name"
                        + " [study_pkt_cnt]", 1, 5),
                cmd("dpif-netdev/miniflow-parser-get", "", 0, 0),
                cmd("dpif-dummy/change-port-number", "dp port new-number", 3, 3),
                // lib/dpif-netlink.c
                cmd("dpif-netlink/dispatch-mode", "", 0, 0),
                // lib/lacp.c
                cmd("lacp/show", "[port]", 0, 1),
                cmd("lacp/show-stats", "[port]", 0, 1),
                // lib/memory.c
                cmd("memory/show", "", 0, 0),
                // lib/netdev-dummy.c
                cmd("netdev-dummy/receive", "name [--qid queue_id] packet|flow [--len packet_len]", 2, ANY),
                cmd("netdev-dummy/set-admin-state", "[netdev] up|down", 1, 2),
                cmd("netdev-dummy/conn-state", "[netdev]", 0, 1),
                cmd("netdev-dummy/ip4addr", "[netdev] ipaddr/mask-prefix-len", 2, 2),
                cmd("netdev-dummy/ip6addr", "[netdev] ip6addr", 2, 2),
                // lib/netdev-vport.c
                cmd("tnl/egress_port_range", "min max", 0, 2),
                // lib/odp-execute.c
                cmd("odp-execute/action-impl-set", "name", 1, 1),
                cmd("odp-execute/action-impl-show", "", 0, 0),
                // lib/ovs-lldp.c
                cmd("autoattach/status", "[bridge]", 0, 1),
                cmd("autoattach/show-isid", "[bridge]", 0, 1),
                cmd("autoattach/statistics", "[bridge]", 0, 1),
                // lib/ovs-router.c
                cmd("ovs/route/add", "ip_addr/prefix_len out_br_name [gw] [pkt_mark=mark]", 2, 4),
                cmd("ovs/route/show", "", 0, 0),
                cmd("ovs/route/del", "ip_addr/prefix_len [pkt_mark=mark]", 1, 2),
                cmd("ovs/route/lookup", "ip_addr [pkt_mark=mark]", 1, 2),
                // lib/rstp.c
                cmd("rstp/tcn", "[bridge]", 0, 1),
                cmd("rstp/show", "[bridge]", 0, 1),
                // lib/stp.c
                cmd("stp/tcn", "[bridge]", 0, 1),
                cmd("stp/show", "[bridge]", 0, 1),
                // lib/timeval.c
                cmd("time/stop", "", 0, 0),
                cmd("time/warp", "[large_msecs] msecs", 1, 2),
                // lib/tnl-neigh-cache.c
                cmd("tnl/arp/show", "", 0, 0),
                cmd("tnl/arp/set", "BRIDGE IP MAC", 3, 3),
                cmd("tnl/arp/flush", "", 0, 0),
                cmd("tnl/arp/aging", "[SECS]", 0, 1),
                cmd("tnl/neigh/show", "", 0, 0),
                cmd("tnl/neigh/set", "BRIDGE IP MAC", 3, 3),
                cmd("tnl/neigh/flush", "", 0, 0),
                cmd("tnl/neigh/aging", "[SECS]", 0, 1),
                // lib/tnl-ports.c
                cmd("tnl/ports/show", "-v", 0, 1),
                // lib/unixctl.c
                cmd("list-commands", "", 0, 0),
                cmd("version", "", 0, 0),
                // lib/vlog.c
                cmd("vlog/set", "{spec | PATTERN:destination:pattern}", 0, ANY),
                cmd("vlog/list", "", 0, 0),
                cmd("vlog/list-pattern", "", 0, 0),
                cmd("vlog/enable-rate-limit", "[module]...", 0, ANY),
                cmd("vlog/disable-rate-limit", "[module]...", 0, ANY),
                cmd("vlog/reopen", "", 0, 0),
                cmd("vlog/close", "", 0, 0),
                // ofproto/bond.c
                cmd("bond/list", "", 0, 0),
                cmd("bond/show", "[port]", 0, 1),
                cmd("bond/migrate", "port hash member", 3, 3),
                cmd("bond/set-active-member", "port member", 2, 2),
                cmd("bond/enable-member", "port member", 2, 2),
                cmd("bond/disable-member", "port member", 2, 2),
                cmd("bond/hash", "mac [vlan] [basis]", 1, 3),
                hidden("bond/set-active-slave", 2, 2),
                hidden("bond/enable-slave", 2, 2),
                hidden("bond/disable-slave", 2, 2),
                // ofproto/ofproto-dpif-trace.c
                cmd("ofproto/trace", "{[dp_name] odp_flow | bridge br_flow} [OPTIONS...] [-generate|packet]", 1, ANY),
                cmd("ofproto/trace-packet-out", "[-consistent] {[dp_name] odp_flow | bridge br_flow} [OPTIONS...]"
                        + " [-generate|packet] actions", 2, ANY),
                // ofproto/ofproto-dpif-upcall.c
                cmd("upcall/show", "", 0, 0),
                cmd("upcall/disable-megaflows", "", 0, 0),
                cmd("upcall/enable-megaflows", "", 0, 0),
                cmd("upcall/disable-ufid", "", 0, 0),
                cmd("upcall/enable-ufid", "", 0, 0),
                cmd("upcall/set-flow-limit", "flow-limit-number", 1, 1),
                cmd("revalidator/wait", "", 0, 0),
                cmd("revalidator/purge", "", 0, 0),
                hidden("revalidator/pause", 0, 0),
                hidden("revalidator/resume", 0, 0),
                // ofproto/ofproto-dpif.c
                cmd("fdb/add", "bridge port vlan mac", 4, 4),
                cmd("fdb/del", "bridge vlan mac", 3, 3),
                cmd("fdb/flush", "[bridge]", 0, 1),
                cmd("fdb/show", "bridge", 1, 1),
                cmd("fdb/stats-clear", "[bridge]", 0, 1),
                cmd("fdb/stats-show", "bridge", 1, 1),
                cmd("mdb/flush", "[bridge]", 0, 1),
                cmd("mdb/show", "bridge", 1, 1),
                cmd("dpif/dump-dps", "", 0, 0),
                cmd("dpif/show", "", 0, 0),
                cmd("dpif/show-dp-features", "bridge", 1, 1),
                cmd("dpif/dump-flows", "[-m] [--names | --no-names] bridge", 1, ANY),
                cmd("dpif/set-dp-features", "bridge", 1, 3),
                // ofproto/ofproto.c
                cmd("ofproto/list", "", 0, 0),
                // ofproto/tunnel.c
                cmd("ofproto/list-tunnels", "", 0, 0),
                // vswitchd/bridge.c
                cmd("qos/show-types", "interface", 1, 1),
                cmd("qos/show", "interface", 1, 1),
                cmd("bridge/dump-flows", "[--offload-stats] bridge", 1, 2),
                cmd("bridge/reconnect", "[bridge]", 0, 1),
                // vswitchd/ovs-vswitchd.c
                cmd("exit", "[--cleanup]", 0, 1))) {
            all.put(c.name(), c);
        }
        for (Command c : DPCTL) {
            if (!c.name().equals("help")) {
                all.put("dpctl/" + c.name(), new Command("dpctl/" + c.name(), c.usage(), c.min(), c.max()));
            }
        }
        VSWITCHD = java.util.Collections.unmodifiableMap(all);
    }

    /** unixctl_list_commands(): every command with a usage, sorted by name. */
    static String listCommands() {
        StringBuilder sb = new StringBuilder("The available commands are:\n");
        for (Command c : VSWITCHD.values()) {
            if (c.usage() != null) {
                sb.append(String.format("  %-23s %s\n", c.name(), c.usage()));
            }
        }
        return sb.toString();
    }
}
