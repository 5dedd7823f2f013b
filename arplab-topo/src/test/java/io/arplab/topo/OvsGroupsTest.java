package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups: add-group/mod-group/del-groups and their errors, dump-groups and dump-group-stats per protocol, group:N
 * in flows and traces (all, indirect, fast failover, select by dp_hash), and the buckets the datapath's hash picks
 * for real packets, against OVS 3.1's recording (src/test/scripts/record-groups.sh).
 */
class OvsGroupsTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/groups");

    @Test
    void groupsAreOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("commands.in"), 200_000_000L);
        assertThat(normal(got)).isEqualTo(normal(Files.readString(REF.resolve("commands.out"))));
    }

    /** ref_count: one per group action in each rule, following add-flow, del-flows and mod-flows (refcount.in). */
    @Test
    void groupRefCountIsOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("refcount.in"), 200_000_000L);
        assertThat(normal(got)).isEqualTo(normal(Files.readString(REF.resolve("refcount.out"))));
    }

    /**
     * parse_bucket_str()'s ofpacts_parse_actions(): a bucket takes no instruction, and the last bucket's actions decide
     * the protocols ovs-ofctl may send the group_mod with (open_vconn_for_flow_mod()); as OVS 3.1 answered these.
     */
    @Test
    void bucketActionsDecideTheUsableProtocols(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        assertThat(OvsDatapathViewsTest.execMerged(lab,
                "ovs-ofctl add-group br0 group_id=1,type=all,bucket=actions=push_vlan:0x8100,output:2"))
                .endsWith("ovs-ofctl: none of the usable flow formats (OXM,OpenFlow11) is among the allowed flow"
                        + " formats (OpenFlow10,NXM)\n[exit 1]\n");
        assertThat(OvsDatapathViewsTest.execMerged(lab,
                "ovs-ofctl -O OpenFlow10 add-group br0 group_id=9,type=all,bucket=actions=goto_table:1"))
                .endsWith("ovs-ofctl: goto_table instruction not allowed here\n[exit 1]\n");
        // a bucket_id (OpenFlow 1.0 and 1.5 only) before the bucket's actions: parsing them starts afresh
        assertThat(OvsDatapathViewsTest.execMerged(lab,
                "ovs-ofctl -O OpenFlow13 add-group br0 group_id=4,type=all,bucket=bucket_id:3,actions=output:2"))
                .endsWith("[exit 0]\n");
    }

    /** group_dpif_credit_stats(): an all group credits every bucket, a select group the bucket it picked. */
    @Test
    void groupStatsCreditTheBucketsAPacketWentThrough(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String br = lab.bridgeOwner("br0").name();
        lab.exec(br, "ovs-ofctl -O OpenFlow13 add-group br0 group_id=1,type=all,bucket=output:2,bucket=output:3");
        lab.exec(br, "ovs-ofctl -O OpenFlow13 add-group br0 group_id=2,type=select,bucket=output:2,bucket=output:3");
        lab.exec(br, "ovs-ofctl -O OpenFlow13 add-flow br0 ip,nw_dst=10.0.0.1,actions=group:1");
        lab.exec(br, "ovs-ofctl -O OpenFlow13 add-flow br0 ip,nw_dst=10.0.0.2,actions=group:2");
        for (String dst : new String[] {"10.0.0.1", "10.0.0.1", "10.0.0.2"}) {
            lab.exec(br, "ovs-appctl netdev-dummy/receive p1 'eth(src=50:54:00:00:00:05,dst=50:54:00:00:00:07),"
                    + "eth_type(0x0800),ipv4(src=10.0.1.1,dst=" + dst + ",proto=6,tos=0,ttl=64,frag=no),"
                    + "tcp(src=1000,dst=80)'");
        }
        // the second packet is a hit: its group stats come when a revalidator round pushes them (XC_GROUP)
        lab.exec(br, "ovs-appctl revalidator/wait");
        String stats = lab.exec(br, "ovs-ofctl -O OpenFlow13 dump-group-stats br0").stdout();
        assertThat(stats).contains("group_id=1,duration=").contains(",ref_count=1,packet_count=2,byte_count=236,"
                + "bucket0:packet_count=2,byte_count=236,bucket1:packet_count=2,byte_count=236\n");
        // the select group's one packet is credited to the bucket its dp_hash picked, only to it (the hash and the
        // hash-to-bucket table are OVS's: groupsAreOvsOwn)
        assertThat(stats).contains(" group_id=2,duration=0s,ref_count=1,packet_count=1,byte_count=118,"
                + "bucket0:packet_count=0,byte_count=0,bucket1:packet_count=1,byte_count=118\n");
    }

    /** Each {@code ovs-ofctl ... dump-flows} listing's flow lines sorted: OVS lists a table's rules in hash order. */
    static String dumpFlowsSorted(String s) {
        List<String> out = new ArrayList<>();
        List<String> flows = new ArrayList<>();
        boolean dump = false;
        for (String l : s.split("\n")) {
            if (dump && l.startsWith(" ")) {
                flows.add(l);
                continue;
            }
            flows.sort(null);
            out.addAll(flows);
            flows.clear();
            // a dump sorted by --sort/--rsort keeps its order: compare_flows() orders it whole
            dump = l.startsWith("### ovs-ofctl") && l.contains(" dump-flows ") && !l.contains("sort");
            out.add(l);
        }
        flows.sort(null);
        out.addAll(flows);
        return String.join("\n", out);
    }

    /**
     * What changes run to run in OVS itself: durations, recirculation ids, and the order of its hash maps (groups,
     * datapath flows, connections), sorted within each command's output.
     */
    static String normal(String s) {
        s = OvsDatapathViewsTest.normal(s).replaceAll("recirc\\(0x[0-9a-f]+\\)", "recirc(R)")
                .replaceAll("recirc_id\\(0x[0-9a-f]+\\)", "recirc_id(R)").replaceAll("recirc_id=0x[0-9a-f]+", "recirc_id=R")
                .replaceAll("used:[0-9.]+s", "used:T").replaceAll("idle_age=\\d+", "idle_age=A")
                .replaceAll("duration:[0-9.]+s", "duration:D") // a meter's (ofputil_format_meter_stats())
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "TIME");
        // dump-conntrack too: OVS lists in hash order; tnl/neigh/show walks a cmap, whose buckets follow a random
        // basis (cmap_impl_create()'s random_uint32())
        return sortRuns(s, l -> l.startsWith(" group_id=") || l.startsWith("recirc_id(") || l.startsWith("ct_state(")
                || l.matches("[a-z0-9]+,orig=.*") || l.matches("[0-9a-f.:]+ +([0-9a-f]{2}:){5}[0-9a-f]{2}   \\S+"));
    }

    /** {@code s} with each run of consecutive lines that {@code hashOrdered} takes sorted (a hash map's dump). */
    static String sortRuns(String s, java.util.function.Predicate<String> hashOrdered) {
        List<String> out = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String l : s.split("\n")) {
            if (hashOrdered.test(l)) {
                block.add(l);
                continue;
            }
            block.sort(null);
            out.addAll(block);
            block.clear();
            out.add(l);
        }
        block.sort(null);
        out.addAll(block);
        return String.join("\n", out);
    }
}
