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
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/ARCHITECTURE.md, checked on the sources of all modules (read from the repository's root, where
 * every module's tests run): each package imports only the packages it may, and lives in its module.
 */
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

    /** The module table of docs/ARCHITECTURE.md: where each package's sources live. */
    private static final Map<String, String> MODULE = Map.ofEntries(
            Map.entry("wire", "arplab-core"), Map.entry("stack", "arplab-core"), Map.entry("flow", "arplab-core"),
            Map.entry("device", "arplab-core"), Map.entry("observe", "arplab-core"),
            Map.entry("runtime", "arplab-core"), Map.entry("sim", "arplab-core"), Map.entry("live", "arplab-core"),
            Map.entry("tools", "arplab-core"), Map.entry("lab", "arplab-core"),
            Map.entry("topo", "arplab-topo"), Map.entry("report", "arplab-topo"), Map.entry("api", "arplab-topo"),
            Map.entry("junit", "arplab-junit"),
            Map.entry("cli", "arplab-cli"));

    /** Libraries of the command line and the shell, which the library packages must not reach (arplab-cli's own). */
    private static final Pattern CLI_LIBRARY = Pattern.compile(
            "\\b(?:picocli|org\\.jline|io\\.arplab\\.cli)\\.[A-Za-z]");

    @Test
    void everyPackageImportsOnlyTheLayersBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        Map<Path, String> sources = sources();
        assertThat(sources.values()).as("the packages of all modules").contains("wire", "topo", "junit", "cli");
        for (Map.Entry<Path, String> e : sources.entrySet()) {
            Path f = e.getKey();
            String pkg = e.getValue();
            Set<String> allowed = ALLOWED.get(pkg);
            assertThat(allowed).as("package %s is not in the layer map", pkg).isNotNull();
            String text = Files.readString(f);
            for (Pattern p : List.of(IMPORT, QUALIFIED)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !allowed.contains(used)) {
                        violations.add(f + " uses io.arplab." + used);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void everyPackageLivesInItsModule() throws IOException {
        List<String> misplaced = new ArrayList<>();
        for (Map.Entry<Path, String> e : sources().entrySet()) {
            String module = e.getKey().getName(0).toString();
            if (!module.equals(MODULE.get(e.getValue()))) {
                misplaced.add(e.getKey() + ": io.arplab." + e.getValue() + " belongs to " + MODULE.get(e.getValue()));
            }
        }
        assertThat(misplaced).isEmpty();
        assertThat(Sources.modules()).containsExactly("arplab-core", "arplab-topo", "arplab-junit", "arplab-cli");
        // the single-module layout is gone (scripts/split-modules.sh moves what a merge brings back)
        assertThat(Path.of("src/main")).doesNotExist();
        assertThat(Path.of("src/test/java")).doesNotExist();
    }

    /** Every main source of every module, with its top-level package under io.arplab. */
    private static Map<Path, String> sources() throws IOException {
        Map<Path, String> sources = new TreeMap<>();
        for (Path root : Sources.mainRoots()) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    sources.put(f, root.relativize(f).getName(0).toString());
                }
            }
        }
        return sources;
    }

    @Test
    void theApiAndJunitPackagesUseNoCommandLineOrShellClasses() throws IOException {
        List<String> violations = new ArrayList<>();
        Map<Path, String> sources = sources();
        for (Map.Entry<Path, String> e : sources.entrySet()) {
            if (e.getValue().equals("api") || e.getValue().equals("junit")) {
                Matcher m = CLI_LIBRARY.matcher(Files.readString(e.getKey()));
                while (m.find()) {
                    violations.add(e.getKey() + " uses " + m.group());
                }
            }
        }
        assertThat(violations).isEmpty();
        // what the packages reach through the engine: picocli and JLine are the command line's alone (arplab-cli's
        // dependencies), the emulated tools parse their options with Getopt as the real ones do
        List<String> cliLibraries = new ArrayList<>();
        for (Map.Entry<Path, String> e : sources.entrySet()) {
            String text = Files.readString(e.getKey());
            if (!e.getValue().equals("cli") && (text.contains("org.jline") || text.contains("import picocli"))) {
                cliLibraries.add(e.getKey().toString());
            }
        }
        assertThat(cliLibraries).as("JLine or picocli outside cli").isEmpty();
    }

    @Test
    void noToolNamesTheSimulatorOrAConcreteBridge() throws IOException {
        List<String> violations = new ArrayList<>();
        int tools = 0;
        for (Map.Entry<Path, String> e : sources().entrySet()) {
            if (e.getValue().equals("tools")) {
                tools++;
                String text = Files.readString(e.getKey());
                if (text.contains("io.arplab.sim") || text.contains("LinuxBridge")) {
                    violations.add(e.getKey().toString());
                }
            }
        }
        assertThat(tools).isGreaterThan(10);
        assertThat(violations).isEmpty();
    }
}
