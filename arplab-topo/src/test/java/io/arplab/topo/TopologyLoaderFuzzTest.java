package io.arplab.topo;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the topology loader: any YAML text (as a lab file and as a compose file) loads and
 * builds, or is refused with one TopologyException line; nothing else may escape.
 */
class TopologyLoaderFuzzTest {
    @FuzzTest
    void loadsOrRefuses(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (String name : new String[] {"lab.yaml", "docker-compose.yml"}) {
            try {
                TopologyLoader.Loaded loaded = TopologyLoader.parse(name, text, "fuzz");
                TopologyBuilder.build(loaded.topology(), 1).close();
            } catch (TopologyException e) {
                // refused in one line: what a user sees
            }
        }
    }
}
