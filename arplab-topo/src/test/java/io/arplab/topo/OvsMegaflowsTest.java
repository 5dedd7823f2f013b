package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The megaflows the classifier's lookups imply (staged lookup, prefix tries, the ports trie, the final stage's
 * fields) in ofproto/trace and dpctl/dump-flows, and megaflow hits replayed and revalidated after flow changes
 * (counters, modified actions, deleted megaflows), against OVS 3.1's recordings (src/test/scripts/record-megaflows.sh).
 */
class OvsMegaflowsTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs");

    @Test
    void megaflowsAreOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("megaflows"), s -> s);
    }

    @Test
    void hitsReplayAndFlowChangesRevalidate(@TempDir Path tmp) throws IOException {
        // what a run changes in OVS: the ages of ovs-ofctl dump-flows, the ufids
        replay(tmp, REF.resolve("revalidate"), s -> s.replaceAll("(idle|hard)_age=[0-9]+", "$1_age=A")
                .replaceAll("ufid:[0-9a-f-]+", "ufid:U"));
    }

    /**
     * Tagged keys revalidated (refdata/ovs/revalidate-vlan, by hand, record-megaflows.sh revalidate-vlan): the ukey's
     * mask is the translation's wildcards, without the VID and CFI handle_packet_upcall() adds to the datapath's match
     * of a key whose translation read no TCI bit; a rule that reads them later deletes that megaflow, one whose
     * translation no longer reads them keeps it.
     */
    @Test
    void taggedKeysRevalidateOnTheUkeysMask(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("revalidate-vlan"), s -> unordered(s, java.util.Set.of()));
    }

    /**
     * Failed translations revalidated (refdata/ovs/revalidate-xlate-error, by hand, record-megaflows.sh
     * revalidate-xlate-error): the drop megaflows of translations that went too deep or resubmitted too often, then
     * tables changed around them.
     */
    @Test
    void failedTranslationsRevalidateAsOvsDoes(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("revalidate-xlate-error"), OvsMegaflowsTest::unorderedAges);
    }

    /**
     * The resubmit limits in ofproto/trace (refdata/ovs/trace-resubmit-limits, by hand, record-megaflows.sh
     * trace-resubmit-limits): a translation past 4096 resubmits and one past 64 nested ones, their megaflows (which
     * keep reg0: no xlate_wc_finish() after an error) and the drop megaflows of the same packets received.
     */
    @Test
    void resubmitLimitsTraceAsOvsDoes(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("trace-resubmit-limits"), s -> unordered(s, java.util.Set.of()));
    }

    /**
     * ct() megaflows revalidated (refdata/ovs/revalidate-ct-inv, by hand, record-megaflows.sh revalidate-ct-inv):
     * invalid, new and established IPv4 and IPv6 keys after ct(), through an unrelated flow added and a flow that
     * reads the invalid ones' protocol.
     */
    @Test
    void conntrackKeysRevalidateAsOvsDoes(@TempDir Path tmp) throws IOException {
        // conntrack's entries in hash order too
        replay(tmp, REF.resolve("revalidate-ct-inv"), s -> String.join("",
                OvsAntreaCampaignTest.sections(s).stream().map(OvsAntreaCampaignTest::normal).toList()));
    }

    /**
     * The dpcls mask's words (refdata/ovs/miniflow-words, by hand, record-megaflows.sh miniflow-words): dpctl/dump-flows
     * -m's miniflow_bits count the words flow_wc_map() selects for the key whose wildcards are not zero
     * (netdev_flow_mask_init()), with bits a classifier stage unwildcarded that the key does not print (an echo's
     * nd_tll, a UDP packet's tcp_flags).
     */
    @Test
    void megaflowMasksHoldTheWordsOfTheirKeysFields(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("miniflow-words"), s -> unordered(s, java.util.Set.of()));
    }

    /**
     * The symmetric L4 hash (refdata/ovs/sym-l4-hash, by hand, record-megaflows.sh sym-l4-hash): a bundle's and a
     * multipath's flow_mask_hash_fields() and flow_hash_symmetric_l4() over IPv4, IPv6 (ICMPv6, TCP, UDP, SCTP, a
     * later fragment), two VLAN headers and ARP, traced and received.
     */
    @Test
    void symmetricL4HashesReadIpv6AndBothVlans(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("sym-l4-hash"), OvsMegaflowsTest::unorderedAges);
    }

    /**
     * Groups credited after a recirculation (refdata/ovs/group-stats-recirc, by hand, record-megaflows.sh
     * group-stats-recirc): xlate_group_stats() credits a pass's buckets the packet as that pass received it, with the
     * VLAN tags and MPLS headers the passes before it pushed or popped (a default select group's hash(), a ct()).
     */
    @Test
    void groupsAreCreditedThePacketTheirPassReceived(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("group-stats-recirc"), OvsMegaflowsTest::unorderedAges);
    }

    /**
     * Meters after a recirculation (refdata/ovs/meter-bytes, by hand, record-megaflows.sh meter-bytes): a meter counts
     * the packet as the datapath has it when its meter() runs, with the tag a pass before pushed.
     */
    @Test
    void metersCountThePacketAsTheDatapathHasIt(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("meter-bytes"), s -> unordered(s.replaceAll("duration:[0-9.]+s", "duration:D"),
                java.util.Set.of()));
    }

    /**
     * check_pkt_len() after VLAN changes (refdata/ovs/check-pkt-len-tags, by hand, record-megaflows.sh
     * check-pkt-len-tags): the datapath compares the packet's size where the action runs, with the tag a pass before
     * a recirculation pushed or the one the action's commit pushed or popped.
     */
    @Test
    void checkPktLenComparesThePacketAsTheDatapathHasIt(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("check-pkt-len-tags"), s -> unordered(s, java.util.Set.of()));
    }

    /**
     * dpctl/show -s's sizes (refdata/ovs/dpctl-human-size, by hand, record-megaflows.sh dpctl-human-size):
     * print_human_size()'s printf rounds a tie of %.1f (1280 bytes, 1.25 KiB; 1,310,720 bytes, 1.25 MiB) to even.
     */
    @Test
    void dpctlShowSizesAreRoundedAsPrintfRoundsThem(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("dpctl-human-size"), s -> s);
    }

    /**
     * A dummy port's batches (refdata/ovs/dummy-send-batches, by hand, record-megaflows.sh dummy-send-batches):
     * netdev_dummy_send() stops a batch at a frame longer than the MTU allows, with a VLAN header's 4 bytes for a
     * 0x8100 frame alone; a batch holds 32 frames (NETDEV_MAX_BURST); mtu_request lowers the limit.
     */
    @Test
    void dummyPortsStopABatchAtAFrameTooLong(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("dummy-send-batches"), OvsMegaflowsTest::unorderedAges);
    }

    /**
     * A learn over an existing flow (refdata/ovs/learn-modify-order, by hand, record-megaflows.sh learn-modify-order):
     * the flow is the learned one, refreshed in place, only if its timeouts (a fin_timeout may have lowered its
     * idle_timeout), importance, flags, cookie and actions are the learn's (ofproto_flow_mod_init_for_learn()); else the
     * learn's modify replaces it at the back of its subtable's rules_list, which dump-flows walks.
     */
    @Test
    void learnOverAFlowThatDiffersModifiesIt(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("learn-modify-order"), s -> unordered(s, java.util.Set.of()));
    }

    /**
     * Frames cut short (refdata/ovs/runt-frames, by hand, record-megaflows.sh runt-frames): netdev-dummy/receive's
     * refusal of less than an Ethernet header, then an Ethernet header alone, a VLAN type without its tag and an
     * IPv4 header cut short, their datapath keys (flow_extract() of what there is) and ports' counters.
     */
    @Test
    void framesCutShortAreOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("runt-frames"), OvsMegaflowsTest::unorderedAges);
    }

    /**
     * Failed translations of ND packets (refdata/ovs/failed-xlate-nd, by hand, record-megaflows.sh failed-xlate-nd): a
     * set_field of nd_sll or nd_target before a resubmit loop leaves is_nd()'s 16-bit ICMPv6 type and code in the
     * megaflow's mask (xlate_actions()' "goto exit" skips xlate_wc_finish()), so the dump shows no nd() while the
     * datapath matches it; beside them the same packets translated whole, and ICMP echoes that fail.
     */
    @Test
    void failedNdTranslationsHideTheirNdMask(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("failed-xlate-nd"), s -> unordered(s, java.util.Set.of()));
    }

    /**
     * OpenFlow 1.0's mod_vlan_vid/mod_vlan_pcp held by the switch inside clone(), nested clones and after ct()
     * (refdata/ovs/of10-vlan-held, by hand, record-megaflows.sh of10-vlan-held): the traces, bridge/dump-flows and a
     * thaw's restored actions print them as format_SET_VLAN_VID() does, with no push_vlan of their own at any depth;
     * dump-flows in OpenFlow 1.3 and 1.5 as encode_SET_VLAN_VID() pushes a tag before each.
     */
    @Test
    void heldOpenFlow10VlanSetsPrintWithoutTheirPush(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("of10-vlan-held"), s -> unordered(s, java.util.Set.of()));
    }

    /**
     * A datapath hit runs its megaflow's actions as last translated (refdata/ovs/stale-hit-normal, by hand,
     * record-megaflows.sh stale-hit-normal): NORMAL's megaflows for frames from p1 whose source is their destination,
     * a drop revalidated to output:2 when that MAC moved to p2, send their hits to p2 (through learn(), a group and
     * plain NORMAL), the hit's own source learned by the push after it; then drops.
     */
    @Test
    void aHitForwardsByTheMacTableBeforeItsOwnLearning(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("stale-hit-normal"), s -> unordered(s, java.util.Set.of()));
    }

    /**
     * fdb/flush revalidates only when it expires a learned entry (refdata/ovs/fdb-flush-revalidate, by hand,
     * record-megaflows.sh fdb-flush-revalidate; mac_learning_flush()'s mac_learning_expire()): a ct_state=+inv
     * megaflow that any revalidation deletes outlives flushes of an empty table and of static entries alone, and goes
     * at fdb/add and fdb/del of a static entry, at a MAC learned and at a flush that expires it.
     */
    @Test
    void anFdbFlushRevalidatesOnlyWhatItExpires(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("fdb-flush-revalidate"), s -> unordered(s, java.util.Set.of()));
    }

    /**
     * A rule replaced by an add keeps the old one's used time (refdata/ovs/rule-expiry-replace, by hand,
     * record-megaflows.sh rule-expiry-replace; rule_insert() forwards stats.used, reset_counts or not), so a short
     * idle_timeout over an old rule expires at the round the flow_mod wakes, while a fresh rule, a hit one and a
     * hard_timeout count from the add; OVS's clock stopped and warped.
     */
    @Test
    void aReplacedRuleKeepsItsUsedTime(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("rule-expiry-replace"), s -> s);
    }

    /**
     * IPv6 through the bridge (refdata/ovs/ipv6): traces of IPv6, ICMPv6/ND flows, the refusals of their exact
     * parse, set_field on IPv6 fields, IPv6 frames received as flows and as hex, and the datapath's ipv6() keys.
     */
    @Test
    void ipv6TracesAndMegaflowsAreOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("ipv6"), s -> unordered(s, java.util.Set.of()));
    }

    /**
     * output(port=..,max_len=..) as the datapath's trunc() before the output, to a port and to LOCAL, and debug_slow
     * sending the megaflow to the slow path (refdata/ovs/trunc, record-ovs-commands.sh trunc).
     */
    @Test
    void truncationAndDebugSlowAreOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("trunc/commands.in"), 200_000_000L);
        assertThat(OvsDatapathViewsTest.normal(got))
                .isEqualTo(OvsDatapathViewsTest.normal(Files.readString(REF.resolve("trunc/commands.out"))));
    }

    /** NORMAL floods in the order the bridge made its ports, FLOOD and ALL in the order of a hash table of them. */
    @Test
    void floodOrderIsOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, REF.resolve("flood"), s -> s);
    }

    // trace-random seeds not replayed (unless -Dtrace.seeds names them), with why
    static final java.util.Map<Integer, String> TRACE_LEFT_OUT = java.util.Map.of(124, "ovs-vswitchd aborts at line"
            + " 33 of commands.in, a UDP packet received whose ct(table=2) freezes with an action set (table 1's"
            + " write_actions(set_field:2->reg1,output:2)) longer than the actions frozen after it:"
            + " recirc_alloc_id__()'s assertion action_set_len <= ofpacts_len (ofproto-dpif-rid.c:235), in two"
            + " recordings alike; every later command says \"cannot read pidfile\"");

    private static String logTime(String s) {
        return s.replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\|", "TIME|");
    }

    /**
     * The seeded random campaigns of src/test/scripts/gen-traces.py (trace-random-SEED): random pipelines, their
     * traces (--ct-next included), packets received and the megaflows they leave, in OVS's own order where it has
     * one; the recirculation ids and the datapath flows' hash order are what changes from run to run. Seeds 5-12
     * ({@code gen-traces.py SEED 15 wide}) add IPv6, ICMPv6 and ND, VLAN and QinQ packets and dpctl/dump-flows -m.
     */
    @Test
    void randomPipelinesTraceAsOvsDoes(@TempDir Path tmp) throws IOException {
        java.util.List<String> failures = new java.util.ArrayList<>();
        java.util.List<String> perSeed = new java.util.ArrayList<>();
        int all = 0;
        int failed = 0;
        // -Dtrace.seeds=5,13 replays only those seeds
        String only = System.getProperty("trace.seeds", "");
        try (var dirs = Files.list(REF)) {
            for (Path ref : dirs.filter(d -> d.getFileName().toString().startsWith("trace-random-"))
                    .filter(d -> only.isEmpty() || java.util.List.of(only.split(","))
                            .contains(d.getFileName().toString().substring("trace-random-".length())))
                    .filter(d -> !only.isEmpty() || !TRACE_LEFT_OUT.containsKey(
                            Integer.parseInt(d.getFileName().toString().substring("trace-random-".length()))))
                    .sorted().toList()) {
                // every section, QinQ pushes and controller continuations included; an ovs-ofctl warning's log line
                // (an OpenFlow 1.0 set_field's prerequisites) carries the real time
                String[] want = unordered(OvsDatapathViewsTest.normal(logTime(Files.readString(
                        ref.resolve("commands.out")))), java.util.Set.of()).split("(?m)^(?=### )");
                String[] have = unordered(OvsDatapathViewsTest.normal(logTime(run(tmp, ref))), java.util.Set.of())
                        .split("(?m)^(?=### )");
                int bad = 0;
                if (want.length != have.length) {
                    failures.add(ref.getFileName() + ": " + have.length + " sections, OVS has " + want.length);
                }
                for (int i = 0; i < Math.min(want.length, have.length); i++) {
                    if (!want[i].equals(have[i])) {
                        bad++;
                        failures.add(ref.getFileName() + "\n--- expected\n" + want[i] + "--- got\n" + have[i]);
                    }
                }
                all += want.length;
                failed += bad;
                perSeed.add(ref.getFileName().toString().substring("trace-random-".length()) + ": "
                        + (want.length - bad) + "/" + want.length);
            }
        }
        System.out.println("trace campaign: " + (all - failed) + "/" + all + " sections match ("
                + String.join(", ", perSeed) + "); left out: " + TRACE_LEFT_OUT);
        // the differences in full, for reading: target/trace-campaign.diff at the module's root
        Files.writeString(Path.of("target/trace-campaign.diff"), String.join("\n", failures));
        assertThat(failures).isEmpty();
    }

    // the same with dump-flows' idle ages masked (OVS's wall clock)
    static String unorderedAges(String s) {
        return unordered(s.replaceAll("idle_age=[0-9]+", "idle_age=A"), java.util.Set.of());
    }

    // recirc(0x..) ids depend on allocation order; dpctl/dump-flows lists a hash table
    static String unordered(String s, java.util.Set<String> skipped) {
        return unordered(s, skipped, java.util.Set.of());
    }

    // the same, leaving out the sections at the indexes {@code skippedAt} too; ufids change from run to run
    static String unordered(String s, java.util.Set<String> skipped, java.util.Set<Integer> skippedAt) {
        StringBuilder out = new StringBuilder();
        String[] sections = s.split("(?m)^(?=### )");
        for (int i = 0; i < sections.length; i++) {
            String section = sections[i];
            if (skipped.contains(section.split("\n", 2)[0]) || skippedAt.contains(i)) {
                continue;
            }
            String t = section.replaceAll("ufid:[0-9a-f-]+", "ufid:U").replaceAll("recirc\\(0x[0-9a-f]+\\)", "recirc(R)")
                    .replaceAll("recirc_id(=|\\()0x[0-9a-f]+", "recirc_id$1R").replaceAll("used:[0-9.]+s", "used:T")
                    // a controller action's frozen state, in decimal (the traces of continuations take ids too)
                    .replaceAll("(continuation=[01],recirc_id=)[0-9]+", "$1R");
            if (t.startsWith("### ovs-appctl dpctl/dump-flows")) {
                String[] lines = t.split("\n");
                java.util.Arrays.sort(lines, 1, lines.length);
                t = String.join("\n", lines) + "\n";
            }
            out.append(t);
        }
        return out.toString();
    }

    private static void replay(Path tmp, Path ref, java.util.function.UnaryOperator<String> normal)
            throws IOException {
        String got = run(tmp, ref);
        assertThat(normal.apply(OvsDatapathViewsTest.normal(got)))
                .isEqualTo(normal.apply(OvsDatapathViewsTest.normal(Files.readString(ref.resolve("commands.out")))));
    }

    // ref's commands.in run on br0 with dummy ports p1 and p2, 200 ms between the lines as the recorder sleeps
    private static String run(Path tmp, Path ref) throws IOException {
        Files.writeString(tmp.resolve("lab.yaml"), """
                networks:
                  br0:
                    kind: ovs
                    subnet: 10.9.0.0/24
                    ports:
                      p1: {ofport: 1, type: dummy}
                      p2: {ofport: 2, type: dummy}
                hosts:
                  node: {}
                """);
        Lab lab = TopologyBuilder.build(TopologyLoader.load(tmp.resolve("lab.yaml")).topology(), 1);
        return OvsDatapathViewsTest.replay(lab, ref.resolve("commands.in"), 200_000_000L);
    }
}
