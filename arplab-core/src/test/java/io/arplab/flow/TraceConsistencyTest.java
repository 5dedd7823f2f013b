package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ofproto/trace runs the translation an upcall runs (ofproto_trace() calls xlate_actions() as upcall_xlate() does):
 * for a packet given in hex, its "Datapath actions:" are the actions of the megaflow the same packet's upcall
 * installs. Checked on MegaflowSoundnessTest's pipelines and packets (each recorded packet and its variants), those
 * without ct() (a trace does not run conntrack: it goes on with the states --ct-next gives) and for packets whose
 * upcall installs one megaflow (no recirculation); a slow-pathed megaflow's trace says why instead.
 */
class TraceConsistencyTest {
    static java.util.stream.Stream<org.junit.jupiter.api.Named<Path>> seeds() throws Exception {
        return MegaflowSoundnessTest.seeds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void aTracedPacketsDatapathActionsAreItsUpcalls(Path commands) throws IOException {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        List<MegaflowSoundnessTest.Case> cases = MegaflowSoundnessTest.read(commands);
        for (int i = 0; i < cases.size(); i++) {
            MegaflowSoundnessTest.Case c = cases.get(i);
            if (c.flows().stream().anyMatch(f -> f[1].contains("ct("))) {
                continue;
            }
            Ofproto br = MegaflowSoundnessTest.bridge(c);
            List<String> ports = new ArrayList<>();
            for (int p = 1; p <= c.ports(); p++) {
                ports.add(String.valueOf(p));
            }
            long seed = MegaflowSoundnessTest.seed(commands, i);
            for (String[] p : PacketVariants.of(c.packets(), ports, seed)) {
                byte[] frame;
                try {
                    frame = PacketVariants.frame(p[1]);
                } catch (FlowParseException e) {
                    continue;
                }
                br.datapath.purge();
                br.receive(0, Long.parseLong(p[0]), frame.clone());
                if (br.datapath.flows().size() != 1) {
                    continue;
                }
                String installed = br.datapath.flows().get(0).actions;
                String trace = TraceCommand.run(List.of("br0", "in_port=" + p[0], HexFormat.of().formatHex(frame)),
                        name -> name.equals("br0") ? br : null, br.datapath, 0);
                String traced = trace.lines().filter(l -> l.startsWith("Datapath actions: ")).findFirst()
                        .map(l -> l.substring("Datapath actions: ".length())).orElse("(none)");
                compared++;
                // a slow-pathed megaflow's actions send its packets to userspace; the trace prints what they do
                // there and why (ofproto_trace(): "This flow is handled by the userspace slow path because it:")
                boolean slow = installed.startsWith("userspace(pid=0,slow_path(");
                if (slow ? !trace.contains("This flow is handled by the userspace slow path because it:")
                        : !traced.equals(installed.isEmpty() ? "drop" : installed)) {
                    differences.add("p" + p[0] + " " + p[1] + "\n  upcall: " + installed + "\n  trace: " + traced);
                }
            }
        }
        assertThat(differences).as(compared + " packets compared").isEmpty();
    }
}
