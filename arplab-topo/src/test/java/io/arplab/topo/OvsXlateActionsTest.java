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
 * Actions of ofproto-dpif-xlate.c against OVS 3.1's recordings (refdata/ovs/xlate-actions, recorded by
 * src/test/scripts/record-ovs-commands.sh xlate-actions): resubmit-ct.out (xlate_table_action() with_ct_orig: the
 * lookup on the connection's original 5-tuple, tuple_swap() of the flow and its wildcards, the megaflow's ct_tuple4
 * mask, the error of an untracked packet or one a ct() or ct_clear cleared, check_RESUBMIT()'s refusals),
 * resubmit-port.out (the resubmit's port for the lookup alone, table 255 the current one) and
 * sample.out (xlate_sample_action()/compose_sample_action() with and without a Flow_Sample_Collector_Set).
 */
class OvsXlateActionsTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/xlate-actions");

    @Test
    void resubmitWithCtOrigIsOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, "resubmit-ct");
    }

    /** resubmit-ct6.out: the same for IPv6 connections (tuple_swap_flow()'s IPv6 addresses, ct_tuple6). */
    @Test
    void resubmitWithCtOrigOfIpv6IsOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, "resubmit-ct6");
    }

    /**
     * ct-fork.out: a ct(table=N) that is not the last action (compose_recirculate_and_fork()): the rest of the list
     * goes on after the recirc(), and the datapath runs the recirculated pass at its recirc(), before the conntrack
     * actions and outputs after it (dp_netdev_recirculate()).
     */
    @Test
    void ctForkIsOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, "ct-fork");
    }

    /**
     * clone-actset.out: the action set at a clone's end (clone_xlate_actions()'s xlate_action_set() on the clone's
     * copy, the outer entries included), its trace node in the clone's list, the tables before it nested.
     */
    @Test
    void actionSetInCloneIsOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, "clone-actset");
    }

    /**
     * learn-same-pass.out (STATUS=1): a learn() and a later lookup of its table in one translation: the learned flow
     * joins the next tables version (ofproto_flow_mod_learn()), the translation keeps its own (xin->tables_version).
     */
    @Test
    void learnedFlowIsNotSeenBySamePassIsOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        // OVS's clock is stopped (time/stop): no lab time between the lines
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("learn-same-pass.in"), 0, true);
        Files.writeString(Path.of("target/xlate-actions-learn-same-pass.got"), got);
        assertThat(normal(got)).isEqualTo(normal(Files.readString(REF.resolve("learn-same-pass.out"))));
    }

    /**
     * vlan-vid-subfield.out (STATUS=1): OXM_OF_VLAN_VID as a subfield is 12 bits wide (MFF_VLAN_VID's "be16 (low 12
     * bits)"), though its value (0x1000|VID) has 13: move/load widths, starting bits and values refused by ovs-ofctl,
     * a load that becomes a Set-Field without OFPVID_PRESENT refused by the switch (decode_ofpat_set_field()), and
     * moves into and out of it translated.
     */
    @Test
    void vlanVidSubfieldIsOvsOwn(@TempDir Path tmp) throws IOException {
        replayWithStatus(tmp, REF.resolve("vlan-vid-subfield.in"));
    }

    /**
     * refdata/ovs/fields/rare.out (STATUS=1, record-ovs-commands.sh fields): meta-flow.h's fields beyond the common set
     * (in_port_oxm, skb_priority, packet_type, VXLAN GBP, ERSPAN and GTP-U tunnel fields, NSH, actset_output as a
     * subfield) matched, set, moved, dumped per protocol and traced.
     */
    @Test
    void rareFieldsAreOvsOwn(@TempDir Path tmp) throws IOException {
        replayWithStatus(tmp, REF.resolveSibling("fields").resolve("rare.in"));
    }

    /**
     * stack.out (STATUS=1): push:SRC and pop:DST (nxm_parse_stack_action()'s errors, check_STACK_PUSH/POP()'s
     * prerequisites and writability, the action set refusing them, dumps per protocol, a group bucket), traced
     * (values popped into wider and narrower subfields, "stack underflow", the stack frozen across ct() and shared
     * with a resubmit) and in the datapath.
     */
    @Test
    void stackPushPopIsOvsOwn(@TempDir Path tmp) throws IOException {
        replayWithStatus(tmp, REF.resolve("stack.in"));
    }

    /** stack-64k.out (STATUS=1): a resubmit once the stack holds 64 kB fails the translation: a drop megaflow. */
    @Test
    void aStackOf64kBFailsTheTranslation(@TempDir Path tmp) throws IOException {
        replayWithStatus(tmp, REF.resolve("stack-64k.in"));
    }

    /**
     * ct-fork-learn.out: a ct(table=N) forking before a later ct() and a learn() of the same pass, the learn() in the
     * list itself and in a resubmitted table: the whole upcall is translated before the datapath runs the forked pass
     * (ofproto_flow_mod_learn() at translation), so that pass's own upcall finds the learned flow.
     */
    @Test
    void ctForkSeesLaterLearnIsOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, "ct-fork-learn");
    }

    /**
     * l3-vlan.out (STATUS=1): push_vlan on an L3 packet_type, traced from datapath keys without eth(): the tag pushed
     * on the flow and committed as push_vlan() before a ct() or a recirculation, the output to a legacy L2 port
     * refused (compose_output_action__()).
     */
    @Test
    void pushVlanOnL3PacketTypeIsOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("l3-vlan.in"), 200_000_000L, true);
        Files.writeString(Path.of("target/xlate-actions-l3-vlan.got"), got);
        assertThat(normal(got)).isEqualTo(normal(Files.readString(REF.resolve("l3-vlan.out"))));
    }

    /**
     * vlan-reparse.out: a recirculated packet's key parsed again at vlan-limit 1 (miniflow_extract()) after pushes
     * left two tags on it, and masked set_fields of Ethernet and IP addresses (commit_masked_set_action()).
     */
    @Test
    void recirculatedKeyAtVlanLimitIsOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, "vlan-reparse");
    }

    /**
     * ct-nat-twice.out: a ct() whose action list holds two nat actions (parse_CT(), format_CT(): the second in
     * exec()), the last one the translation's (ctx->ct_nat_action), and two ct(nat) in one translation.
     */
    @Test
    void ctNatTwiceIsOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, "ct-nat-twice");
    }

    /**
     * l4-prereqs.out: set_field, load and move of TCP, UDP and SCTP fields on later fragments, which lack them
     * (mf_are_prereqs_ok(): no later fragment; a set_field's trace warns that it is ignored, mf_subfield_copy()).
     */
    @Test
    void l4FieldsOfLaterFragmentsAreOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, "l4-prereqs");
    }

    /**
     * frag-later-ports.out: later fragments against rules on transport ports without nw_frag, whose lookup may
     * unwildcard port bits; xlate_wc_finish() wildcards a later fragment's tp_src and tp_dst (traces, megaflows, a
     * revalidation).
     */
    @Test
    void portsOfLaterFragmentsAreWildcardedAsOvsDoes(@TempDir Path tmp) throws IOException {
        replayWithStatus(tmp, REF.resolve("frag-later-ports.in"));
    }

    /**
     * resubmit-port.out: rule_dpif_lookup_from_table() with the resubmit's port for the lookup alone, the rule's
     * actions seeing the packet's own input port, and a table of 255 being the current table (ctx->table_id).
     */
    @Test
    void resubmitPortIsOvsOwn(@TempDir Path tmp) throws IOException {
        replay(tmp, "resubmit-port");
    }

    /**
     * sample.in through the lab but for the lab's missing ovs-vsctl create and destroy of rows: the
     * Flow_Sample_Collector_Set those lines make or remove is set on the bridge as bridge_configure_ipfix() does
     * (its sections are left out with the list of the row, whose UUIDs OVS draws at random); every other section is
     * compared.
     */
    @Test
    void sampleIsOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        io.arplab.flow.Ofproto br = lab.ovsBridges().get("br0").ofproto();
        StringBuilder got = new StringBuilder();
        List<String> leftOut = new ArrayList<>();
        for (String line : Files.readAllLines(REF.resolve("sample.in"))) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("ovs-vsctl") && line.contains("Flow_Sample_Collector_Set")) {
                if (!line.contains(" list ")) {
                    br.setIpfix(!line.contains(" destroy "));
                }
                leftOut.add("### " + line);
            } else {
                var r = lab.exec(lab.bridgeOwner("br0").name(), line);
                got.append("### ").append(line).append('\n').append(r.stdout()).append(r.stderr());
            }
            lab.runFor(200_000_000L);
        }
        Files.writeString(Path.of("target/xlate-actions-sample.got"), got);
        StringBuilder want = new StringBuilder();
        boolean skip = false;
        for (String l : Files.readString(REF.resolve("sample.out")).split("\n")) {
            if (l.startsWith("### ")) {
                skip = leftOut.contains(l);
            }
            if (!skip) {
                want.append(l).append('\n');
            }
        }
        assertThat(leftOut).hasSize(3);
        assertThat(normal(got.toString())).isEqualTo(normal(want.toString()));
    }

    // a STATUS=1 recording (each output ends with its exit status), 0.2 s of lab time after each line as recorded;
    // what arplab printed goes to target/NAME.got for reading a difference
    static void replayWithStatus(Path tmp, Path in) throws IOException {
        replayWithStatus(tmp, in, java.util.function.UnaryOperator.identity());
    }

    /** The same, both sides passed through {@code more} after {@link #normal} (an order the test takes for a hash's). */
    static void replayWithStatus(Path tmp, Path in, java.util.function.UnaryOperator<String> more) throws IOException {
        replay(tmp, in, s -> more.apply(normal(s, true)));
    }

    /**
     * The same, each dump-flows compared in the order OVS listed its flows (its classifier's subtables by the pvector,
     * each one's rules in insertion order), where arplab reproduces it.
     */
    static void replayWithFlowsInOrder(Path tmp, Path in) throws IOException {
        replay(tmp, in, s -> normal(s, false));
    }

    /** The same, both sides passed through {@code more} after {@link #normal}. */
    static void replayWithFlowsInOrder(Path tmp, Path in, java.util.function.UnaryOperator<String> more)
            throws IOException {
        replay(tmp, in, s -> more.apply(normal(s, false)));
    }

    private static void replay(Path tmp, Path in, java.util.function.UnaryOperator<String> normal) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        lab.setWorkDir(in.getParent());
        String got = OvsDatapathViewsTest.replay(lab, in, 200_000_000L, true);
        String name = in.getFileName().toString().replace(".in", "");
        Files.writeString(Path.of("target/" + in.getParent().getFileName() + "-" + name + ".got"), got);
        assertThat(normal.apply(got)).isEqualTo(normal.apply(Files.readString(in.resolveSibling(name + ".out"))));
    }

    private static void replay(Path tmp, String name) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve(name + ".in"), 200_000_000L);
        Files.writeString(Path.of("target/xlate-actions-" + name + ".got"), got); // for reading a difference
        String want = Files.readString(REF.resolve(name + ".out"));
        assertThat(normal(got)).isEqualTo(normal(want));
    }

    // a ufid is a per-process hash, dump-flows lists a table's rules and dpctl its flows in hash order
    static String normal(String s) {
        return normal(s, true);
    }

    // with dumpFlowsSorted: each dump-flows listing's lines sorted
    private static String normal(String s, boolean dumpFlowsSorted) {
        s = OvsGroupsTest.normal(s.replaceAll("ufid:[0-9a-f-]+", "ufid:U"));
        s = dumpFlowsSorted ? OvsGroupsTest.dumpFlowsSorted(s) : s;
        // a datapath flow's key may start with any field (ct_mark(..) where no ct_state is matched)
        return OvsGroupsTest.sortRuns(s, l -> l.startsWith("ufid:") || l.contains(", packets:"));
    }
}
