package io.arplab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module table of docs/ARCHITECTURE.md, checked on the sources: each package lives in its module. */
class ModulesTest {
    private static final Map<String, String> MODULE = Map.ofEntries(
            Map.entry("wire", "arplab-core"), Map.entry("stack", "arplab-core"), Map.entry("flow", "arplab-core"),
            Map.entry("device", "arplab-core"), Map.entry("observe", "arplab-core"),
            Map.entry("runtime", "arplab-core"), Map.entry("sim", "arplab-core"), Map.entry("live", "arplab-core"),
            Map.entry("tools", "arplab-core"), Map.entry("lab", "arplab-core"),
            Map.entry("topo", "arplab-topo"), Map.entry("report", "arplab-topo"), Map.entry("api", "arplab-topo"),
            Map.entry("junit", "arplab-junit"),
            Map.entry("cli", "arplab-cli"));

    @Test
    void everyPackageLivesInItsModule() throws IOException {
        assertThat(Sources.modules()).containsExactly("arplab-core", "arplab-topo", "arplab-junit", "arplab-cli");
        List<String> misplaced = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try (Stream<Path> files = Sources.walkMain()) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String pkg = Sources.relativize(f).getName(0).toString();
                String module = f.getName(0).toString();
                seen.add(pkg);
                if (!module.equals(MODULE.get(pkg))) {
                    misplaced.add(f + ": io.arplab." + pkg + " belongs to " + MODULE.get(pkg));
                }
            }
        }
        assertThat(seen).containsAll(MODULE.keySet());
        assertThat(misplaced).isEmpty();
        // nothing is left in the single-module layout, which no module compiles (after a merge of a branch older
        // than the split: bash scripts/split-modules.sh)
        assertThat(Path.of("src/main")).doesNotExist();
        assertThat(Path.of("src/test/java")).doesNotExist();
        assertThat(Files.isDirectory(Path.of("src/test/resources/refdata"))).as("the shared test data").isTrue();
    }
}
