package io.arplab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The packages are layers: each imports only those below it, and the sans-I/O core reads no clock and prints nothing. */
class LayeringTest {
    static final List<String> LAYERS = List.of("wire", "stack", "device", "sim", "tools", "lab", "topo", "live", "cli");
    static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?io\\.arplab\\.(\\w+)\\.");
    static final Path MAIN = Path.of("src/main/java/io/arplab");

    @Test
    void importsPointDownOnly() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String layer : LAYERS) {
            int rank = LAYERS.indexOf(layer);
            try (Stream<Path> files = Files.walk(MAIN.resolve(layer))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = IMPORT.matcher(Files.readString(f));
                    while (m.find()) {
                        int target = LAYERS.indexOf(m.group(1));
                        if (target > rank) {
                            violations.add(f + " imports io.arplab." + m.group(1));
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theCoreReadsNoClockStartsNoThreadAndPrintsNothing() throws IOException {
        Pattern forbidden = Pattern.compile("System\\.(out|err|currentTimeMillis|nanoTime)|new Random\\(|Math\\.random|new Thread");
        List<String> violations = new ArrayList<>();
        for (String layer : List.of("wire", "stack", "device", "sim")) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(layer))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = forbidden.matcher(Files.readString(f));
                    if (m.find()) {
                        violations.add(f + ": " + m.group());
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
