package io.arplab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layers of docs/ARCHITECTURE.md, checked on all modules' sources: each package imports only those it may. */
class LayeringTest {
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?io\\.arplab\\.([a-z]+)");
    private static final Pattern QUALIFIED = Pattern.compile("\\bio\\.arplab\\.([a-z]+)\\.[A-Z]");

    /** What each top-level package may use besides itself. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("wire", Set.of()),
            Map.entry("stack", Set.of("wire")),
            Map.entry("flow", Set.of("wire")),
            Map.entry("device", Set.of("wire", "stack", "flow")),
            Map.entry("observe", Set.of("wire", "stack")),
            Map.entry("runtime", Set.of("wire", "stack", "flow", "device")),
            Map.entry("sim", Set.of("wire", "stack", "flow", "device", "observe", "runtime")),
            Map.entry("live", Set.of("wire", "stack", "flow", "device", "observe", "runtime")),
            Map.entry("tools", Set.of("wire", "stack", "flow", "device", "runtime")),
            Map.entry("lab", Set.of("wire", "stack", "flow", "device", "observe", "runtime", "sim", "live", "tools")),
            Map.entry("topo", Set.of("wire", "stack", "flow", "device", "observe", "runtime", "sim", "tools", "lab")),
            Map.entry("report", Set.of("wire", "stack", "flow", "device", "observe", "runtime", "sim", "tools", "lab",
                    "topo")),
            Map.entry("api", Set.of("wire", "stack", "flow", "device", "observe", "runtime", "sim", "tools", "lab",
                    "topo", "report")),
            Map.entry("junit", Set.of("wire", "stack", "flow", "device", "observe", "runtime", "sim", "tools", "lab",
                    "topo", "report", "api")),
            Map.entry("cli", Set.of("wire", "stack", "flow", "device", "observe", "runtime", "sim", "live", "tools", "lab",
                    "topo", "report", "api", "junit")));

    /** Libraries of the command line and the shell, which the library packages must not reach (arplab-cli's own). */
    private static final Pattern CLI_LIBRARY = Pattern.compile(
            "\\b(?:picocli|org\\.jline|io\\.arplab\\.cli)\\.[A-Za-z]");

    @Test
    void everyPackageImportsOnlyTheLayersBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Sources.walkMain()) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String pkg = Sources.relativize(f).getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                assertThat(allowed).as("package %s is not in the layer map", pkg).isNotNull();
                String text = Files.readString(f);
                for (Pattern p : List.of(IMPORT, QUALIFIED)) {
                    Matcher m = p.matcher(text);
                    while (m.find()) {
                        String used = m.group(1);
                        if (!used.equals(pkg) && !allowed.contains(used)) {
                            violations.add(Sources.relativize(f) + " uses io.arplab." + used);
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theApiAndJunitPackagesUseNoCommandLineOrShellClasses() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : List.of("api", "junit")) {
            try (Stream<Path> files = Sources.walkMain(pkg)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    Matcher m = CLI_LIBRARY.matcher(Files.readString(f));
                    while (m.find()) {
                        violations.add(Sources.relativize(f) + " uses " + m.group());
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
        // what the packages reach through the engine: picocli and JLine are the command line's alone (arplab-cli's
        // dependencies), the emulated tools parse their options with Getopt as the real ones do
        try (Stream<Path> files = Sources.walkMain()) {
            List<String> cliLibraries = new ArrayList<>();
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(f);
                if (!Sources.relativize(f).getName(0).toString().equals("cli")
                        && (text.contains("org.jline") || text.contains("import picocli"))) {
                    cliLibraries.add(Sources.relativize(f).toString());
                }
            }
            assertThat(cliLibraries).as("JLine or picocli outside cli").isEmpty();
        }
    }

    @Test
    void noToolNamesTheSimulatorOrAConcreteBridge() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Sources.walkMain("tools")) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(f);
                if (text.contains("io.arplab.sim") || text.contains("LinuxBridge")) {
                    violations.add(f.toString());
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
