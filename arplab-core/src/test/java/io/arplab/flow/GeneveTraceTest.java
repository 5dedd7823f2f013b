package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ofproto/trace through a Geneve port as OVS 3.1 printed it with the kernel-tunnel path (tnl_push_pop off,
 * src/test/scripts/record-geneve-ovs.sh, refdata/geneve/ovs): out of the tunnel, set(tunnel(...)) first, the
 * inner ECN matched; from the tunnel, the tunnel key in the flow and the megaflow.
 */
class GeneveTraceTest {
    static final Path REF = Path.of("src/test/resources/refdata/geneve/ovs");

    static Ofproto br0() throws IOException {
        Ofproto br = new Ofproto("br0", 0xaabbccddee01L, 1);
        br.datapath.setFeature(List.of("tnl_push_pop", "false")); // as recorded: the kernel-tunnel path
        br.addPort("p3", "dummy", 3, 0xaa55aa550001L, Map.of());
        br.addPort("antrea-tun0", "geneve", 1, 0xaa55aa550002L,
                Map.of("remote_ip", "flow", "key", "flow", "csum", "true"));
        for (String line : Files.readAllLines(REF.resolve("flows.txt"))) {
            if (!line.startsWith("#")) {
                br.tables.apply(FlowParser.parse(line, FlowMod.Command.ADD, br.portMap()), OfVersion.OF13, 0);
            }
        }
        return br;
    }

    private static void check(int line, String recording) throws IOException {
        Ofproto br = br0();
        String flow = Files.readAllLines(REF.resolve("traces.txt")).get(line);
        String got = TraceCommand.run(List.of("br0", flow), b -> b.equals("br0") ? br : null, 0);
        assertThat(got).isEqualTo(Files.readString(REF.resolve(recording)));
    }

    @Test
    void outputToTheTunnelCommitsSetTunnelFirst() throws IOException {
        check(0, "trace-to-tunnel.txt");
    }

    @Test
    void aPacketFromTheTunnelCarriesItsKey() throws IOException {
        check(1, "trace-from-tunnel.txt");
    }
}
