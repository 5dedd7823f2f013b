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

    private static void replay(Path tmp, Path ref, java.util.function.UnaryOperator<String> normal)
            throws IOException {
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
        String got = OvsDatapathViewsTest.replay(lab, ref.resolve("commands.in"), 200_000_000L);
        assertThat(normal.apply(OvsDatapathViewsTest.normal(got)))
                .isEqualTo(normal.apply(OvsDatapathViewsTest.normal(Files.readString(ref.resolve("commands.out")))));
    }
}
