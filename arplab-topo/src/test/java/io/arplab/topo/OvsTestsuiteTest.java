package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios of OVS's own test suite (tests/ofproto-dpif.at, ofproto.at, ovs-ofctl.at, ofp-actions.at, tunnel.at,
 * learn.at, mpls-xlate.at, dpif-netdev.at, classifier.at, packet-type-aware.at, tunnel-push-pop.at, bundle.at,
 * multipath.at, ovs-router.at, drop-stats.at, dpctl.at, ovs-vsctl.at of v3.1.0) translated into command files
 * (refdata/ovs/ovs-testsuite/NAME.in, the first line naming the .at file and the AT_SETUP title) and recorded with OVS
 * 3.1 (STATUS=1 src/test/scripts/record-ovs-commands.sh ovs-testsuite NAME.in, one file per run): each replayed in a
 * lab of br0 with p1..p3 as recorded, every section compared with OVS's after the replays' usual normalisation.
 */
class OvsTestsuiteTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/ovs-testsuite");

    /** Files (NAME.in) or sections (NAME.in#N, the N-th command line) not compared, with the reason. */
    static final Map<String, String> LEFT_OUT = Map.ofEntries(Map.entry(
            "exponential-resubmit.in#8", "not modelled: xlate_resubmit_resource_check()'s limit of 64 kB of datapath"
                    + " actions (4096 outputs of 8 LOCALs), which ends the translation and slow-paths it"
                    + " (SLOW_ACTION), after which OVS's datapath holds no flow for the packet"),
            Map.entry("mirror-multiple-vlan.in#2", "OVS's own run-to-run noise: bridge_configure_mirrors() gives the"
                    + " mirrors their indexes in the order of the Bridge's mirrors column, sorted by the rows' random"
                    + " uuids, and mirror_packet() outputs them in index order"),
            Map.entry("mirror-multiple-vlan-snaplen.in#2", "OVS's own run-to-run noise: the mirrors' order, as"
                    + " mirror-multiple-vlan.in#2"),
            Map.entry("mirror-variations.in#27", "OVS's own run-to-run noise: the revalidator re-translated p3's"
                    + " megaflow while ovs-ofctl add-flow's OpenFlow 1.0 connection was open, and"
                    + " connmgr_wants_packet_in_on_miss() then makes the table miss the miss_rule (a controller"
                    + " action); a second run of the same commands had no controller action"),
            Map.entry("mirror-variations.in#34", "not modelled: a Mirror's statistics column (bridge_run()'s"
                    + " refresh every stats-update-interval, OVS's clock)"),
            Map.entry("ft-names.in#13", "not modelled: OpenFlow 1.3's OFPTFFC_EPERM for a table features request,"
                    + " whose data is the last of the request's multipart messages (every table with its properties)"),
            Map.entry("tunnel-geneve-vxlan.in#6", "OVS's own run-to-run noise: netdev_vport_construct() gives each"
                    + " tunnel port a random Ethernet address (eth_addr_random()), and br0's address and datapath id"
                    + " follow from them"),
            Map.entry("ofproto-ofport-request.in#2", "OVS's own run-to-run noise: with only dummy ports, whose"
                    + " addresses are locally administered, find_local_hw_addr() finds none and br0 keeps the random"
                    + " default_ea (eth_addr_random()) as its address and datapath id"),
            Map.entry("ofproto-ofport-request.in#41", "OVS's own run-to-run noise: br0's random address, as #2"),
            Map.entry("ofctl-parse-flows-protocol.in#311", "not modelled: ofputil_match_to_ofp11_match() and back,"
                    + " which drop a flow_mod's ECN bits and rewrite its VLAN match, so some OpenFlow 1.1 rules"
                    + " replace others"),
            Map.entry("ofctl-parse-flows-protocol.in#312", "not modelled: the rule count after the OpenFlow 1.1"
                    + " translation of #311"),
            Map.entry("tunnel-mask-skb-mark.in#5", "not modelled: a flow dpctl/add-flow puts in the dummy datapath"
                    + " (arplab checks its key and actions, and installs nothing)"),
            Map.entry("tunnel-geneve-options.in#8", "not modelled: a zero-length Geneve option's tun_metadata, which"
                    + " matches its presence alone and tun_metadata_match_format() prints without a value"),
            Map.entry("tunnel-geneve-options.in#10", "not modelled: the zero-length option of #8 in a trace's flow"
                    + " and its megaflow"),
            Map.entry("tunnel-geneve-metadata.in#38", "not modelled: a tun_metadata field as wide as its TLV mapping"
                    + " (the vl_mff_map's n_bits: a 4-byte option's [0..31] is the whole field) in learn's format and"
                    + " the learned match"),
            Map.entry("tunnel-geneve-metadata.in#39", "not modelled: the mapped width of #38, in a learned load"),
            Map.entry("tunnel-geneve-metadata.in#40", "not modelled: the learned flows of #38 and #39 as dumped"),
            Map.entry("ofctl-F-O-interaction.in#12", "not modelled: ofputil_append_flow_stats_reply() leaves out a"
                    + " flow whose entry would pass UINT16_MAX bytes (4090 NXM actions), which OpenFlow 1.5's"
                    + " shorter encoding still carries"),
            Map.entry("table-miss-controller.in#24", "not modelled: the revalidator's translations of the datapath"
                    + " flow after del-flows (revalidate_ukey()), one of which takes and releases recirculation id 1"
                    + " before the one whose id the ukey keeps, and the trace shares"),
            Map.entry("ofp-actions-of10.in#208", "not modelled: delete_field, and tun_metadata10 (arplab has"
                    + " tun_metadata0 to 7)"),
            Map.entry("ofp-actions-of13.in#208", "not modelled: delete_field, as ofp-actions-of10.in#208"),
            Map.entry("ofp-actions-of15.in#208", "not modelled: delete_field, as ofp-actions-of10.in#208"),
            Map.entry("ofp-actions-of10.in#250", "not modelled: the encap() action (encap(nsh(md_type=1)))"),
            Map.entry("ofp-actions-of10.in#253", "not modelled: the encap() action (encap(mpls))"),
            Map.entry("ofp-actions-of10.in#256", "not modelled: the encap() action (encap(mpls_mc))"),
            Map.entry("ofp-actions-of13.in#250", "not modelled: the encap() action (encap(nsh(md_type=1)))"),
            Map.entry("ofp-actions-of13.in#251", "not modelled: the flow of #250 as dumped"),
            Map.entry("ofp-actions-of13.in#253", "not modelled: the encap() action (encap(mpls))"),
            Map.entry("ofp-actions-of13.in#254", "not modelled: the flow of #253 as dumped"),
            Map.entry("ofp-actions-of13.in#256", "not modelled: the encap() action (encap(mpls_mc))"),
            Map.entry("ofp-actions-of13.in#257", "not modelled: the flow of #256 as dumped"),
            Map.entry("ofp-actions-of15.in#250", "not modelled: the encap() action (encap(nsh(md_type=1)))"),
            Map.entry("ofp-actions-of15.in#251", "not modelled: the flow of #250 as dumped"),
            Map.entry("ofp-actions-of15.in#253", "not modelled: the encap() action (encap(mpls))"),
            Map.entry("ofp-actions-of15.in#254", "not modelled: the flow of #253 as dumped"),
            Map.entry("ofp-actions-of15.in#256", "not modelled: the encap() action (encap(mpls_mc))"),
            Map.entry("ofp-actions-of15.in#257", "not modelled: the flow of #256 as dumped"),
            Map.entry("vsctl-bridges.in#122", "not modelled: the Controller table's columns (inactivity_probe), which"
                    + " ctl's pre_cmd_get() checks before the row is looked up"),
            Map.entry("tnl-push-pop-action.in#4", "not modelled: a GRE port's options:packet_type=legacy_l3 (an L3"
                    + " tunnel) in get_tunnel_config()"),
            Map.entry("tnl-push-pop-action.in#22", "not modelled: VXLAN-GPE (options:exts=gpe), its header's flags"),
            Map.entry("tnl-push-pop-action.in#28", "not modelled: the legacy_l3 GRE port's push (pop_eth before"
                    + " tnl_push)"),
            Map.entry("tnl-push-pop-action.in#41", "not modelled: the legacy_l3 GRE port, which takes the Ethernet"
                    + " GRE packets t1's key would otherwise share (tnl_port_receive() by packet_type)"),
            Map.entry("tnl-push-pop-action.in#45", "not modelled: the legacy_l3 GRE port's decapsulation (packet_type"
                    + " ns=1)"),
            Map.entry("tnl-push-pop-action.in#47", "not modelled: dpif-netdev's datapath_drop_tunnel_pop_error"
                    + " coverage counter"),
            Map.entry("tnl-push-pop-action.in#49", "not modelled: the legacy_l3 GRE port's decapsulation, whose ECN"
                    + " CE packet xlate drops as congestion (XLATE_CONGESTION_DROP)"),
            Map.entry("tnl-push-pop-action.in#51", "not modelled: the legacy_l3 GRE port's decapsulation, as #45"),
            Map.entry("tnl-push-pop-action.in#60", "not modelled: the legacy_l3 GRE port's decapsulation, as #45"),
            Map.entry("tnl-push-pop-action.in#61", "not modelled: the legacy_l3 GRE port's datapath flows (push_eth)"),
            Map.entry("vsctl-db-commands.in#14", "not modelled: the Controller table's columns (connection_mode),"
                    + " checked before the row"),
            Map.entry("vsctl-db-commands.in#15", "not modelled: the NetFlow table's columns (targets), checked"
                    + " before the row"),
            Map.entry("vsctl-db-commands.in#16", "not modelled: the NetFlow table's columns (targets), as #15"),
            Map.entry("vsctl-db-commands.in#30", "not modelled: the Controller table's columns, as #14"),
            Map.entry("vsctl-db-commands.in#39", "not modelled: the NetFlow table's columns, as #15"),
            Map.entry("vsctl-db-commands.in#40", "not modelled: the NetFlow table's columns, as #15"),
            Map.entry("vsctl-db-commands.in#47", "not modelled: the zone timeout policy commands (add-zone-tp)"),
            Map.entry("vsctl-reserved-names.in#30", "not modelled: the Interface ingress_policing_rate and"
                    + " ingress_policing_burst columns"),
            Map.entry("vsctl-reserved-names.in#31", "not modelled: the Interface ingress_policing_kpkts_rate and"
                    + " _burst columns"),
            Map.entry("vsctl-reserved-names.in#32", "not modelled: the Interface ingress_policing columns, as #30"
                    + " and #31"));

    @Test
    void ovsTestsuiteScenariosAreOvsOwn(@TempDir Path tmp) throws IOException {
        List<Path> files;
        try (var list = Files.list(REF)) {
            String only = System.getProperty("testsuite.files", "");
            files = list.filter(p -> p.toString().endsWith(".in")).filter(p -> !LEFT_OUT.containsKey(name(p)))
                    .filter(p -> only.isEmpty() || List.of(only.split(",")).contains(name(p))).sorted().toList();
        }
        List<String> perFile = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int all = 0;
        int matched = 0;
        for (Path in : files) {
            Lab lab = OvsDatapathViewsTest.threePortBridge(Files.createDirectories(tmp.resolve(name(in))));
            lab.setWorkDir(REF);
            String got = replay(lab, in);
            List<String> want = OvsAntreaCampaignTest.sections(Files.readString(in.resolveSibling(
                    name(in).replace(".in", ".out"))));
            List<String> have = OvsAntreaCampaignTest.sections(got);
            int ok = 0;
            int n = 0;
            for (int i = 0; i < Math.max(want.size(), have.size()); i++) {
                if (LEFT_OUT.containsKey(name(in) + "#" + (i + 1))) {
                    continue;
                }
                n++;
                String w = i < want.size() ? normal(want.get(i)) : "";
                String h = i < have.size() ? normal(have.get(i)) : "";
                if (w.equals(h)) {
                    ok++;
                } else {
                    failures.add(name(in) + " #" + (i + 1) + "\n--- expected\n" + w + "\n--- got\n" + h);
                }
            }
            perFile.add(name(in) + " " + ok + "/" + n);
            all += n;
            matched += ok;
        }
        System.out.println("OVS testsuite scenarios: " + matched + "/" + all + " sections match ("
                + String.join(", ", perFile) + ")" + (LEFT_OUT.isEmpty() ? "" : "; left out: " + LEFT_OUT));
        // the differences in full, for reading: target/ovs-testsuite.diff at the module's root
        Files.writeString(Path.of("target/ovs-testsuite.diff"), String.join("\n", failures));
        assertThat(files).isNotEmpty();
        assertThat(failures).isEmpty();
    }

    /**
     * OvsDatapathViewsTest.replay()'s STATUS=1 replay, 0.2 s of lab time after each line as recorded until a
     * {@code time/stop}, none after it (OVS's clock stopped, as the campaigns replay their stopped recordings).
     */
    private static String replay(Lab lab, Path in) throws IOException {
        StringBuilder got = new StringBuilder();
        boolean stopped = false;
        for (String line : Files.readAllLines(in)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            got.append(line.endsWith(" | sort") ? execSorted(lab, line) : OvsDatapathViewsTest.execMerged(lab, line));
            stopped |= line.contains("time/stop");
            if (!stopped) {
                lab.runFor(200_000_000L);
            }
        }
        return got.toString();
    }

    /**
     * A line ending in {@code | sort} as the recording shell ran it (bash with pipefail, C locale): the command's
     * stderr as it came, then its stdout sorted by bytes, and the command's exit status (sort's 0 otherwise).
     */
    private static String execSorted(Lab lab, String line) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        String command = line.substring(0, line.length() - " | sort".length());
        int rc = lab.exec(lab.bridgeOwner("br0").name(), io.arplab.tools.CommandLineSplitter.split(command),
                new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
        List<String> lines = new ArrayList<>(out.toString().lines().toList());
        lines.sort(null);
        return "### " + line + "\n" + err + lines.stream().map(l -> l + "\n").collect(
                java.util.stream.Collectors.joining()) + "[exit " + rc + "]\n";
    }

    /**
     * The replays' usual normalisation, and masked: the uuids of the rows ovs-vsctl creates (Mirror, Flow_Table),
     * which OVS draws at random (ovsdb_idl_txn_insert()), and upcall/show's revalidator thread id (ovsthread_id),
     * which follows the threads the recording host's ovs-vswitchd started, as OvsOfctlCommandsTest masks it; the
     * recording shell's own line for a command a signal ended is no output of OVS's.
     */
    private static String normal(String section) {
        return OvsXlateActionsTest.normal(section)
                .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID")
                .replaceAll("(?m)^  \\d+: \\(keys", "  _: (keys")
                // the recording shell's report of a command a signal ended (bash's "LINE: PID Alarm clock CMD")
                .replaceAll("(?m)^\\S+: line \\d+: +\\d+ Alarm clock +.*\n", "");
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }
}
