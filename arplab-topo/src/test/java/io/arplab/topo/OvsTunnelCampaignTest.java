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

/**
 * Native tunnelling on the userspace datapath in random setups (src/test/scripts/gen-tunnels.py, recorded by
 * record-tunnels.sh into refdata/ovs/tnl-random-SEED): the overlay bridge br0 with tunnel ports of random types and
 * options, the underlay bridge br-phy with its address, route and neighbours; each command's output section by
 * section against OVS 3.1's (modulo what OVS varies run to run: used:, ufids, the hash orders of datapath flows, port
 * stats and the neighbour cache), and every frame each dummy port sent against its tx_pcap. The lab is the
 * recording's own lab.yaml (seeds 57-76: gen-tunnels.py's wide mode; 77-88 its tlv mode, 89-100 wide and tlv;
 * 101-132 its v6 mode, every one over IPv6).
 * -Dtnl.seeds=1,2 replays those seeds only, left out or not.
 */
class OvsTunnelCampaignTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs");
    static final String PREFIX = "tnl-random-";
    /** Seeds recorded but not replayed, with the reason (refdata/ovs/README.md says more). */
    private static final String REVALIDATOR = "the ARP requests (over IPv6 the solicitations) a neighbour miss"
            + " sends again come from OVS's revalidator rounds, whose number and order the recording's timing decides";
    private static final String HIT_LEARNING = "a tunnelled packet hitting an existing tnl_pop megaflow after"
            + " tnl/neigh/flush teaches OVS its sender only if a revalidation round with need_revalidate follows it;"
            + " arplab translates such hits again and learns at once";
    static final Map<Integer, String> LEFT_OUT = Map.ofEntries(Map.entry(78, REVALIDATOR), Map.entry(89, REVALIDATOR),
            Map.entry(93, HIT_LEARNING), Map.entry(97, HIT_LEARNING), Map.entry(98, REVALIDATOR),
            Map.entry(102, REVALIDATOR), Map.entry(106, HIT_LEARNING), Map.entry(126, REVALIDATOR));

    @Test
    void tunnelCampaignsAreOvsOwn() throws IOException {
        CampaignReplay c = new CampaignReplay();
        String only = System.getProperty("tnl.seeds", "");
        List<Path> dirs;
        try (var list = Files.list(REF)) {
            dirs = list.filter(d -> d.getFileName().toString().startsWith(PREFIX))
                    .filter(d -> only.isEmpty() ? !LEFT_OUT.containsKey(CampaignReplay.seed(d, PREFIX))
                            : List.of(only.split(",")).contains(CampaignReplay.seed(d, PREFIX) + ""))
                    .sorted(java.util.Comparator.comparingInt(d -> CampaignReplay.seed(d, PREFIX))).toList();
        }
        List<String> perSeed = new ArrayList<>();
        for (Path ref : dirs) {
            int before = c.sections + c.pcaps;
            Lab lab = TopologyBuilder.build(TopologyLoader.load(ref.resolve("lab.yaml")).topology(), 1);
            var sent = CampaignReplay.capture(lab);
            // OVS's clock is stopped (time/stop) for the whole recording: no lab time between the lines; a round
            // after each frame, as record-tunnels.sh waits for one
            String got = OvsDatapathViewsTest.replay(lab, ref.resolve("commands.in"), 0, false, true);
            int failed = c.compare(ref, got, sent, OvsTunnelCampaignTest::normal);
            int n = c.sections + c.pcaps - before;
            perSeed.add(CampaignReplay.seed(ref, PREFIX) + ": " + (n - failed) + "/" + n);
        }
        System.out.println("tnl-random campaign: " + (c.sections - c.sectionFailures) + "/" + c.sections
                + " sections match, " + (c.pcaps - c.pcapFailures) + "/" + c.pcaps + " pcaps match; " + perSeed);
        // the differences in full, for reading: target/tnl-random.diff at the module's root
        Files.writeString(Path.of("target/tnl-random.diff"), String.join("\n", c.failures));
        assertThat(c.failures).isEmpty();
    }

    /**
     * The Antrea campaigns' (used:, ufids, recirculation ids, hash orders), the neighbour cache's hash order, and
     * tnl/ports/show -v's: its entries come in the order of one classifier cmap that the recording machine's kernel
     * addresses share (record-tunnels.sh leaves their lines out, not their places), so they are compared sorted.
     */
    static String normal(String section) {
        String command = section.substring(0, section.indexOf('\n'));
        if (command.equals("### ovs-appctl tnl/ports/show -v")) {
            String[] lines = section.split("\n");
            java.util.Arrays.sort(lines, 2, lines.length);
            section = String.join("\n", lines) + "\n";
        }
        return OvsAntreaCampaignTest.normal(NativeTunnelDatapathTest.normalise(command, section));
    }
}
