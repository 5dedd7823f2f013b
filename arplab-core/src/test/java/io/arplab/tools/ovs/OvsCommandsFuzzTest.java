package io.arplab.tools.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.arplab.lab.Lab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Coverage-guided fuzzing of the ovs-* tools on an Antrea-like node (OvsLabTest's br-int, its pipeline and two pods):
 * a few command lines built from OVS's own words (subcommands, options, match fields, actions, datapath keys, hex
 * packets) with fuzzed values and fuzzed words among them, run in turn on the same lab. Each answers or refuses as
 * OVS does: exit 0, 1 or 2, and what it refuses in words (but `ovs-vsctl br-exists` and `ovs-ofctl diff-flows`,
 * whose status is their answer: ofctl_diff_flows() exits 2 when the flows differ),
 * never an internal error or a Java exception's name.
 */
class OvsCommandsFuzzTest {
    private static final String[] OFCTL = {"add-flow", "add-flows", "mod-flows", "del-flows", "dump-flows",
        "dump-aggregate", "dump-ports", "dump-ports-desc", "dump-tables", "show", "get-frags", "ct-flush-zone",
        "ct-flush", "add-group", "mod-group", "del-groups", "dump-groups", "add-meter", "del-meters", "dump-meters",
        "replace-flows", "diff-flows", "queue-stats", "dump-desc", "mod-port", "mod-table", "packet-out",
        "queue-get-config", "bundle", "dump-group-features", "insert-buckets", "remove-buckets", "add-groups",
        "dump-group-stats", "mod-meter", "meter-stats", "meter-features", "set-frags", "add-tlv-map", "del-tlv-map",
        "dump-tlv-map", "probe"};
    private static final String[] OFCTL_OPTIONS = {"-O", "OpenFlow10", "OpenFlow13", "OpenFlow15", "--no-stats",
        "--names", "--no-names", "--sort", "--rsort=priority", "--strict", "--read-only", "-t", "--bundle", "--readd",
        "--may-create", "-F", "nxm", "openflow10", "-P", "nxt_packet_in"};
    private static final String[] APPCTL = {"ofproto/trace", "netdev-dummy/receive", "dpctl/show", "dpctl/dump-flows",
        "dpctl/del-flows", "dpctl/dump-conntrack", "dpctl/flush-conntrack", "dpctl/ct-stats-show",
        "dpctl/ipf-get-status", "dpctl/ipf-set-min-frag", "dpctl/ct-set-limits", "dpctl/ct-get-limits",
        "dpctl/ct-set-maxconns", "dpif/show", "dpif/dump-flows", "dpif/set-dp-features", "fdb/show", "fdb/flush",
        "fdb/add", "fdb/del", "fdb/stats-show", "time/warp", "time/stop", "revalidator/wait",
        "upcall/set-flow-limit", "ovs/route/add", "ovs/route/show", "tnl/neigh/set", "tnl/ports/show",
        "ofproto/list", "list-commands", "ofproto/trace-packet-out", "dpctl/add-flow", "dpctl/mod-flow",
        "dpctl/del-flow", "dpctl/get-flow", "dpctl/ct-del-limits", "dpctl/ct-get-maxconns", "dpctl/ct-get-nconns",
        "dpif/show-dp-features", "dpif-dummy/change-port-number", "fdb/stats-clear", "ovs/route/del",
        "tnl/neigh/show", "tnl/neigh/aging", "dpctl/dump-dps", "--names", "--statistics", "--more"};
    private static final String[] VSCTL = {"show", "list-ports", "add-port", "del-port", "list-br", "br-exists",
        "port-to-br", "get", "set", "get-fail-mode", "set-fail-mode", "--may-exist", "--if-exists", "--",
        "set-controller", "get-controller", "del-controller", "tcp:127.0.0.1:6653", "add-br", "del-br", "list",
        "find", "clear", "br-set-external-id", "br-get-external-id", "list-ifaces", "iface-to-br", "br-to-vlan",
        "Interface", "Port", "Bridge", "type=dummy", "type=internal", "ofport_request=7", "tag=5", "fail_mode=secure"};
    private static final String[] DPCTL = {"show", "dump-flows", "-s", "-m", "del-flows", "dump-conntrack"};
    private static final String[] NAMES = {"br-int", "br0", "antrea-gw0", "p5", "p6", "pod1", "LOCAL", "5", "6", "2",
        "input/arp-responder-post.flows", "-", "trk", "+trk+new", "est", "--ct-next", "v4", "v6", "zone=3",
        "tnl_push_pop", "false", "true", "table=0", "0", "vacancy:10,80", "evict", "no-receive", "up", "down",
        "group_id=1,type=select,bucket=output:2", "command_bucket_id=first,bucket=bucket_id:5,actions=output:6",
        "in_port=LOCAL packet=505400000005505400000007080045 actions=output:5", "Geneve", "{class=0xffff,type=0,len=4}->tun_metadata0"};
    private static final String[] FIELDS = {"in_port=", "dl_src=", "dl_dst=", "dl_type=", "arp", "ip", "ipv6", "tcp",
        "udp", "icmp", "tcp6", "sctp", "nw_src=", "nw_dst=", "nw_proto=", "nw_tos=", "ip_dscp=", "nw_ecn=",
        "nw_ttl=", "nw_frag=", "tp_src=", "tp_dst=", "tcp_flags=", "icmp_type=", "icmp_code=", "arp_op=",
        "arp_spa=", "arp_tpa=", "arp_sha=", "arp_tha=", "reg0=", "reg7=", "xreg1=", "metadata=", "ct_state=",
        "ct_mark=", "ct_zone=", "ct_label=", "tun_id=", "tun_src=", "tun_dst=", "tun_flags=", "vlan_tci=",
        "dl_vlan=", "dl_vlan_pcp=", "priority=", "table=", "cookie=", "idle_timeout=", "hard_timeout=",
        "recirc_id=", "packet_type=", "ipv6_src=", "ipv6_dst=", "nd_target=", "conj_id=", "actset_output=",
        "mpls_label=", "eth_type=", "out_port=", "importance="};
    private static final String[] ACTIONS = {"output:", "NORMAL", "drop", "goto_table:", "resubmit(,", "resubmit(",
        "ct(commit,zone=", "ct(table=", "ct(nat)", "ct(commit,nat(src=10.0.0.1-10.0.0.9:100-200))",
        "ct(commit,exec(set_field:1->ct_mark))", "move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[]", "load:",
        "->NXM_NX_REG0[0..15]", "set_field:", "->reg1", "->ct_mark", "mod_dl_src:", "mod_nw_dst:", "mod_nw_ttl:",
        "dec_ttl", "push_vlan:0x8100", "pop_vlan", "mod_vlan_vid:", "strip_vlan",
        "learn(table=30,NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],output:NXM_OF_IN_PORT[])", "note:", "clear_actions",
        "write_actions(output:", "write_metadata:", "group:", "meter:", "clone(output:", "IN_PORT", "FLOOD", "ALL",
        "LOCAL", "CONTROLLER:", "set_tunnel:", "conjunction(", "exit", "fin_timeout(idle_timeout=",
        "check_pkt_larger(", ")->reg0[0]", "push_mpls:0x8847", "pop_mpls:0x0800", "multipath(", "bundle(",
        "enqueue:", "set_queue:", "controller(reason=no_match)", "actions=", ")", "(", ",", "[", "]", "/", ":"};
    private static final String[] ODP = {"in_port(", "recirc_id(", "eth(src=", ",dst=", "eth_type(0x0800)",
        "eth_type(0x0806)", "eth_type(0x86dd)", "ipv4(src=", ",proto=", ",tos=0,ttl=64,frag=no)", "tcp(src=",
        "udp(src=", "icmp(type=", "arp(sip=", ",op=", "vlan(vid=", "encap(", "ct_state(", "ct_zone(", "ct_mark(",
        "tunnel(tun_id=", "ipv6(src=", "skb_mark(", "dp_hash(", "ufid:", ")", "(", ",", "/", "="};

    @FuzzTest
    void answersOrRefuses(FuzzedDataProvider data) {
        Lab lab = OvsLabTest.antreaNode();
        int lines = data.consumeInt(1, 4);
        for (int i = 0; i < lines && data.remainingBytes() > 0; i++) {
            List<String> words = command(data);
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int rc = lab.exec("node", words, new PrintWriter(o), new PrintWriter(e));
            String err = e.toString();
            assertThat(err).as(words.toString()).doesNotContain("internal error").doesNotContain("Exception");
            assertThat(rc).as(words.toString()).isBetween(0, 2);
            boolean answersByStatus = words.contains("br-exists") || words.contains("diff-flows") && rc == 2;
            if (rc != 0 && !answersByStatus) {
                assertThat(err.strip()).as(words.toString()).isNotEmpty();
            }
        }
    }

    private static List<String> command(FuzzedDataProvider data) {
        List<String> w = new ArrayList<>();
        switch (data.consumeInt(0, 3)) {
            case 0 -> {
                w.add("ovs-ofctl");
                for (int k = data.consumeInt(0, 2); k > 0; k--) {
                    w.add(data.pickValue(OFCTL_OPTIONS));
                }
                w.add(data.pickValue(OFCTL));
                w.add(data.consumeInt(0, 9) == 0 ? data.pickValue(NAMES) : "br-int");
                if (data.consumeBoolean()) {
                    w.add(flow(data));
                }
                for (int k = data.consumeInt(0, 2); k > 0; k--) { // mod-table's, mod-port's, packet-out's words
                    w.add(data.pickValue(NAMES));
                }
            }
            case 1 -> {
                w.add("ovs-appctl");
                String cmd = data.pickValue(APPCTL);
                w.add(cmd);
                if (cmd.equals("ofproto/trace") && data.consumeBoolean()) {
                    w.add("--ct-next");
                    w.add(data.pickValue(NAMES));
                }
                if (data.consumeInt(0, 4) != 0) {
                    w.add(data.consumeInt(0, 6) == 0 ? data.pickValue(NAMES) : "br-int");
                }
                if (cmd.equals("netdev-dummy/receive") && data.consumeBoolean()) {
                    w.set(w.size() - 1, data.pickValue(NAMES));
                    w.add(data.consumeBoolean() ? odp(data) : hex(data));
                } else if (data.consumeBoolean()) {
                    w.add(flow(data));
                    if (data.consumeInt(0, 3) == 0) {
                        w.add(hex(data));
                    }
                }
            }
            case 2 -> {
                w.add("ovs-vsctl");
                for (int k = data.consumeInt(1, 6); k > 0; k--) {
                    w.add(data.consumeInt(0, 5) == 0 ? data.pickValue(NAMES) : data.pickValue(VSCTL));
                }
            }
            default -> {
                w.add("ovs-dpctl");
                for (int k = data.consumeInt(1, 3); k > 0; k--) {
                    w.add(data.pickValue(DPCTL));
                }
            }
        }
        if (data.consumeInt(0, 7) == 0) {
            w.add(data.consumeInt(1, w.size()), data.consumeString(12)); // a fuzzed word anywhere after the tool's
        }
        return w;
    }

    /** A match and actions from OVS's words, each with a fuzzed value where one follows. */
    private static String flow(FuzzedDataProvider data) {
        StringBuilder b = new StringBuilder();
        for (int k = data.consumeInt(0, 6); k > 0; k--) {
            String f = data.pickValue(FIELDS);
            b.append(f);
            if (f.endsWith("=")) {
                b.append(value(data));
            }
            b.append(',');
        }
        if (data.consumeInt(0, 4) != 0) {
            b.append("actions=");
            for (int k = data.consumeInt(1, 4); k > 0; k--) {
                String a = data.pickValue(ACTIONS);
                b.append(a);
                if (a.endsWith(":") || a.endsWith("=") || a.endsWith("(")) {
                    b.append(value(data));
                }
                if (data.consumeBoolean()) {
                    b.append(',');
                }
            }
        }
        return b.toString();
    }

    /** A datapath key as odp_flow_from_string() reads one, from its attribute words and fuzzed values. */
    private static String odp(FuzzedDataProvider data) {
        StringBuilder b = new StringBuilder();
        for (int k = data.consumeInt(1, 10); k > 0; k--) {
            String a = data.pickValue(ODP);
            b.append(a);
            if (a.endsWith("(") || a.endsWith("=")) {
                b.append(value(data));
            }
        }
        return b.toString();
    }

    private static String hex(FuzzedDataProvider data) {
        return HexFormat.of().formatHex(data.consumeBytes(data.consumeInt(0, 120)));
    }

    private static String value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 7)) {
            case 0 -> Long.toString(data.consumeLong());
            case 1 -> "0x" + Long.toHexString(data.consumeLong()) + (data.consumeBoolean() ? "/0x" + Integer.toHexString(data.consumeInt()) : "");
            case 2 -> data.consumeInt(0, 255) + "." + data.consumeInt(0, 255) + "." + data.consumeInt(0, 255) + "."
                    + data.consumeInt(0, 255) + (data.consumeBoolean() ? "/" + data.consumeInt(0, 40) : "");
            case 3 -> HexFormat.ofDelimiter(":").formatHex(data.consumeBytes(6));
            case 4 -> "fd00::" + Integer.toHexString(data.consumeInt(0, 0xffff));
            case 5 -> data.consumeString(8);
            case 6 -> "+" + data.pickValue(new String[] {"trk", "new", "est", "rel", "rpl", "inv", "dnat", "snat",
                "syn", "ack", "fin"}) + (data.consumeBoolean() ? "-new" : "");
            default -> Integer.toString(data.consumeInt(0, 300));
        };
    }
}
