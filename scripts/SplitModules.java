import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Moves sources from the single-module layout (src/main/java, src/main/resources, src/test/java) into the modules of
 * docs/ARCHITECTURE.md with git mv, and lifts a test into a higher module when it uses that module's classes.
 * Idempotent: run it after merging a branch that still adds or edits files in the old layout
 * (see scripts/split-modules.sh).
 *
 * <p>Rules, in order:
 * <ul>
 * <li>src/main/java/io/arplab/PKG/..., src/main/resources/io/arplab/PKG/...: the module of PKG
 *     ({@link #MODULE_OF}).</li>
 * <li>src/test/java/io/arplab/PKG/...: at least the module of PKG (io.arplab itself and io.arplab.testing: core),
 *     raised to the highest module among what the test uses: packages it imports or names fully qualified
 *     (io.arplab.topo.X, a static import of io.arplab.cli.Y), test classes it names (same package by simple name,
 *     others by import) at their own module, and libraries only a higher module has (SnakeYAML: topo; picocli,
 *     JLine: cli). Comments and string literals do not count. Repeated until nothing changes, so a helper raised
 *     raises its users.</li>
 * <li>A test already in a module is raised the same way when it needs a higher one (git's directory-rename detection
 *     may put a merged file in the module most of its directory went to), never lowered.</li>
 * <li>src/test/resources and src/test/scripts stay where they are: the test data and recording scripts all modules
 *     share (every module's surefire runs in the root directory, so the paths the tests use stay true).</li>
 * <li>Anything else under src/ (another top-level package, a src/main/resources file outside io/arplab/PKG, a new
 *     source set) stops the script: decide where it goes, then add it here and to LayeringTest and ModulesTest.</li>
 * </ul>
 * Usage: java scripts/SplitModules.java [--dry-run]   (from the repository's root)
 */
public class SplitModules {
    static final List<String> MODULES = List.of("arplab-core", "arplab-topo", "arplab-junit", "arplab-cli");

    /** The package to module table of docs/ARCHITECTURE.md; "testing" is the tests' own helpers, "" is io.arplab. */
    static final Map<String, String> MODULE_OF = Map.ofEntries(
            Map.entry("", "arplab-core"), Map.entry("testing", "arplab-core"),
            Map.entry("wire", "arplab-core"), Map.entry("stack", "arplab-core"), Map.entry("flow", "arplab-core"),
            Map.entry("device", "arplab-core"), Map.entry("observe", "arplab-core"),
            Map.entry("runtime", "arplab-core"), Map.entry("sim", "arplab-core"), Map.entry("live", "arplab-core"),
            Map.entry("tools", "arplab-core"), Map.entry("lab", "arplab-core"),
            Map.entry("topo", "arplab-topo"), Map.entry("report", "arplab-topo"), Map.entry("api", "arplab-topo"),
            Map.entry("junit", "arplab-junit"),
            Map.entry("cli", "arplab-cli"));

    /** Libraries a module has and the modules below it do not. */
    static final Map<Pattern, String> LIBRARY_MODULE = Map.of(
            Pattern.compile("\\borg\\.yaml\\.snakeyaml\\b"), "arplab-topo",
            Pattern.compile("\\b(?:picocli|org\\.jline)\\.[A-Za-z]"), "arplab-cli");

    static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?\\s*;");
    static final Pattern QUALIFIED = Pattern.compile("\\bio\\.arplab\\.[a-z][\\w.]*\\.[A-Z]\\w*");
    static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Z]\\w*\\b");

    record Move(String from, String to, String why) {}

    /** One test source: where it is, its package and top-level class, what it mentions. */
    static final class TestFile {
        final String path;          // repository-relative, as git knows it
        final String pkg;           // java package, e.g. io.arplab.lab
        final String fqn;           // io.arplab.lab.ReferenceLab
        final String base;          // module of its package
        final String code;          // without comments and string literals
        final Set<String> imported = new LinkedHashSet<>();    // fully qualified names (classes or packages)
        final Set<String> wildcards = new LinkedHashSet<>();   // packages imported with .*
        String module;              // where it goes
        String current;             // the module it is in now, null in the old layout

        TestFile(String path, String text) {
            this.path = path;
            this.code = strip(text);
            Matcher p = PACKAGE.matcher(code);
            this.pkg = p.find() ? p.group(1) : "";
            String name = Path.of(path).getFileName().toString().replaceFirst("\\.java$", "");
            this.fqn = pkg.isEmpty() ? name : pkg + "." + name;
            this.base = moduleOfPackage(pkg);
            Matcher m = IMPORT.matcher(code);
            while (m.find()) {
                if (m.group(3) != null && m.group(1) == null) {
                    wildcards.add(m.group(2));
                } else {
                    imported.add(m.group(2));
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        boolean dryRun = List.of(args).contains("--dry-run");
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(root.resolve(".git")) && !Files.isRegularFile(root.resolve(".git"))) {
            die("run it from the repository's root (where .git is)");
        }
        List<String> tracked = git(root, "ls-files", "-z").stream()
                .flatMap(s -> List.of(s.split("\0")).stream()).filter(s -> !s.isEmpty()).distinct().sorted().toList();

        List<Move> moves = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<TestFile> tests = new ArrayList<>();
        for (String f : tracked) {
            if (!Files.exists(root.resolve(f))) {
                continue;   // deleted in the work tree
            }
            String inModule = MODULES.stream().filter(m -> f.startsWith(m + "/src/")).findFirst().orElse(null);
            String rel = inModule == null ? f : f.substring(inModule.length() + 1);
            if (inModule == null && !f.startsWith("src/")) {
                continue;
            }
            if (rel.startsWith("src/test/resources/") || rel.startsWith("src/test/scripts/")) {
                if (inModule != null) {
                    continue;   // a module's own test resource: leave it
                }
                continue;       // the shared test data and scripts stay at the root
            }
            if (rel.startsWith("src/main/java/") || rel.startsWith("src/main/resources/")) {
                String sub = rel.substring(rel.indexOf('/', "src/main/".length()) + 1);   // io/arplab/PKG/...
                String pkg = packageOfPath(sub);
                String module = pkg == null ? null : MODULE_OF.get(pkg);
                if (module == null) {
                    problems.add(f + ": no module for "
                            + (pkg == null ? "a file outside io/arplab/PKG/" : "package io.arplab." + pkg)
                            + " (add it to SplitModules.MODULE_OF, LayeringTest, ModulesTest and docs/ARCHITECTURE.md)");
                    continue;
                }
                if (!module.equals(inModule)) {
                    moves.add(new Move(f, module + "/" + rel, "package io.arplab." + pkg
                            + (inModule == null ? "" : " belongs to " + module + ", not " + inModule)));
                }
                continue;
            }
            if (rel.startsWith("src/test/java/")) {
                if (!f.endsWith(".java")) {
                    problems.add(f + ": not a Java source under src/test/java (move it by hand)");
                    continue;
                }
                String sub = rel.substring("src/test/java/".length());
                String pkg = sub.startsWith("io/arplab/") ? packageOfPath(sub) : null;
                if (pkg == null || MODULE_OF.get(pkg) == null) {
                    problems.add(f + ": no module for its package (add it to SplitModules.MODULE_OF)");
                    continue;
                }
                TestFile t = new TestFile(f, Files.readString(root.resolve(f), StandardCharsets.UTF_8));
                t.current = inModule;
                tests.add(t);
                continue;
            }
            problems.add(f + ": not in a known source set (src/main/java, src/main/resources, src/test/java,"
                    + " src/test/resources, src/test/scripts)");
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("split-modules: " + p));
            die(problems.size() + " file(s) need a decision; nothing moved");
        }

        placeTests(tests, moves);

        if (moves.isEmpty()) {
            System.out.println("split-modules: nothing to move");
            return;
        }
        for (Move m : moves) {
            System.out.println(m.from() + " -> " + m.to() + "  (" + m.why() + ")");
        }
        if (dryRun) {
            System.out.println("split-modules: " + moves.size() + " file(s) would move (--dry-run)");
            return;
        }
        for (Move m : moves) {
            Path to = root.resolve(m.to());
            if (Files.exists(to)) {
                die(m.to() + " exists already (" + m.from() + " too): merge the two by hand");
            }
            Files.createDirectories(to.getParent());
        }
        // git mv in batches per destination directory keeps the command lines short and the output readable
        Map<String, List<Move>> byDir = new TreeMap<>();
        for (Move m : moves) {
            byDir.computeIfAbsent(Path.of(m.to()).getParent().toString(), k -> new ArrayList<>()).add(m);
        }
        for (Map.Entry<String, List<Move>> e : byDir.entrySet()) {
            for (Move m : e.getValue()) {
                git(root, "mv", "-k", "--", m.from(), m.to());
                if (Files.exists(root.resolve(m.from())) || !Files.exists(root.resolve(m.to()))) {
                    die("git mv " + m.from() + " " + m.to() + " failed");
                }
            }
        }
        // directories the moves emptied
        for (String dir : List.of("src/main", "src/test/java")) {
            deleteEmptyDirs(root.resolve(dir));
        }
        for (String module : MODULES) {
            deleteEmptyDirs(root.resolve(module).resolve("src"));
        }
        System.out.println("split-modules: moved " + moves.size() + " file(s)");
    }

    /** Assigns each test its module (see the class comment) and adds the moves it needs. */
    static void placeTests(List<TestFile> tests, List<Move> moves) {
        Map<String, TestFile> byFqn = new TreeMap<>();
        Map<String, List<TestFile>> byPackage = new TreeMap<>();
        for (TestFile t : tests) {
            TestFile other = byFqn.put(t.fqn, t);
            if (other != null) {
                die("test class " + t.fqn + " is in two places: " + other.path + " and " + t.path);
            }
            byPackage.computeIfAbsent(t.pkg, k -> new ArrayList<>()).add(t);
        }
        Map<TestFile, Set<TestFile>> usesTests = new TreeMap<>((a, b) -> a.path.compareTo(b.path));
        Map<TestFile, Map<String, String>> fixed = new TreeMap<>((a, b) -> a.path.compareTo(b.path));   // why -> module
        for (TestFile t : tests) {
            Set<TestFile> used = new LinkedHashSet<>();
            Map<String, String> reasons = new TreeMap<>();
            Set<String> names = new TreeSet<>();
            Matcher id = IDENTIFIER.matcher(t.code);
            while (id.find()) {
                names.add(id.group());
            }
            // test classes named by simple name: same package, or a package imported with .*
            Set<String> visible = new LinkedHashSet<>();
            visible.add(t.pkg);
            visible.addAll(t.wildcards);
            for (String p : visible) {
                for (TestFile u : byPackage.getOrDefault(p, List.of())) {
                    if (u != t && names.contains(simpleName(u.fqn))) {
                        used.add(u);
                    }
                }
            }
            // imports and qualified names: a test class at its module, otherwise the package's module
            Set<String> qualified = new LinkedHashSet<>(t.imported);
            Matcher q = QUALIFIED.matcher(t.code.replaceAll("(?m)^\\s*(?:package|import)\\b.*$", ""));
            while (q.find()) {
                qualified.add(q.group());
            }
            for (String w : t.wildcards) {
                qualified.add(w + ".*");
            }
            for (String name : qualified) {
                if (!name.startsWith("io.arplab.")) {
                    continue;
                }
                TestFile u = testClassOf(name, byFqn);
                if (u != null) {
                    if (u != t) {
                        used.add(u);
                    }
                    continue;
                }
                String pkg = packageOfName(name);
                String module = pkg == null ? null : MODULE_OF.get(pkg);
                if (module != null && rank(module) > rank(t.base)) {
                    reasons.merge("uses io.arplab." + pkg, module, (a, b) -> a);
                }
            }
            for (Map.Entry<Pattern, String> lib : LIBRARY_MODULE.entrySet()) {
                Matcher l = lib.getKey().matcher(t.code);
                if (l.find() && rank(lib.getValue()) > rank(t.base)) {
                    reasons.put("uses " + l.group().replaceAll("\\.[A-Za-z]?$", ""), lib.getValue());
                }
            }
            usesTests.put(t, used);
            fixed.put(t, reasons);
            t.module = t.current != null && rank(t.current) > rank(t.base) ? t.current : t.base;
            for (String m : reasons.values()) {
                if (rank(m) > rank(t.module)) {
                    t.module = m;
                }
            }
        }
        // a test goes at least as high as the test classes it uses
        for (boolean changed = true; changed; ) {
            changed = false;
            for (TestFile t : tests) {
                for (TestFile u : usesTests.get(t)) {
                    if (rank(u.module) > rank(t.module)) {
                        t.module = u.module;
                        changed = true;
                    }
                }
            }
        }
        for (TestFile t : tests) {
            if (t.module.equals(t.current)) {
                continue;
            }
            String rel = t.current == null ? t.path : t.path.substring(t.current.length() + 1);
            List<String> why = new ArrayList<>();
            fixed.get(t).forEach((reason, module) -> {
                if (module.equals(t.module)) {
                    why.add(reason);
                }
            });
            for (TestFile u : usesTests.get(t)) {
                if (u.module.equals(t.module) && rank(u.module) > rank(t.base)) {
                    why.add("uses test class " + simpleName(u.fqn) + " (" + u.module + ")");
                }
            }
            if (why.isEmpty()) {
                why.add(t.pkg.isEmpty() ? "package io.arplab" : "package " + t.pkg);
            }
            moves.add(new Move(t.path, t.module + "/" + rel, String.join("; ", why)));
        }
    }

    /** The test class a qualified name (a class, a member of one, or a package with .*) points into, if any. */
    static TestFile testClassOf(String name, Map<String, TestFile> byFqn) {
        String[] parts = name.split("\\.");
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(part);
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                return byFqn.get(sb.toString());
            }
        }
        return null;
    }

    /** io.arplab.topo.Lab, io.arplab.wire.tcpdump.Printer.print, io.arplab.cli.* -> topo, wire, cli. */
    static String packageOfName(String name) {
        String rest = name.substring("io.arplab.".length());
        String first = rest.split("\\.")[0];
        return first.isEmpty() || Character.isUpperCase(first.charAt(0)) ? "" : first;
    }

    /** io/arplab/PKG/... -> PKG; io/arplab/X.java -> ""; anything else -> null. */
    static String packageOfPath(String sub) {
        if (!sub.startsWith("io/arplab/")) {
            return null;
        }
        String rest = sub.substring("io/arplab/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? "" : rest.substring(0, slash);
    }

    static String moduleOfPackage(String javaPackage) {
        if (javaPackage.equals("io.arplab")) {
            return MODULE_OF.get("");
        }
        if (!javaPackage.startsWith("io.arplab.")) {
            die("package " + javaPackage + " is outside io.arplab");
        }
        String module = MODULE_OF.get(javaPackage.substring("io.arplab.".length()).split("\\.")[0]);
        if (module == null) {
            die("no module for package " + javaPackage + " (add it to SplitModules.MODULE_OF)");
        }
        return module;
    }

    static int rank(String module) {
        return MODULES.indexOf(module);
    }

    static String simpleName(String fqn) {
        return fqn.substring(fqn.lastIndexOf('.') + 1);
    }

    /** The source without comments, string and character literals (text blocks too); line breaks kept. */
    static String strip(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0, n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (int k = i; k < end; k++) {
                    if (s.charAt(k) == '\n') {
                        out.append('\n');
                    }
                }
                out.append(' ');
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !s.startsWith("\"\"\"", end)) {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                out.append("\"\"");
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && s.charAt(end) != c && s.charAt(end) != '\n') {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                out.append(c).append(c);
                i = Math.min(n, end + 1);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static void deleteEmptyDirs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> dirs;
        try (var walk = Files.walk(dir)) {
            dirs = walk.filter(Files::isDirectory).sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
        }
        for (Path d : dirs) {
            try (var list = Files.list(d)) {
                if (list.findAny().isEmpty()) {
                    Files.delete(d);
                }
            }
        }
    }

    static List<String> git(Path root, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            die(String.join(" ", cmd) + " failed");
        }
        return out.lines().collect(Collectors.toList());
    }

    static void die(String message) {
        System.err.println("split-modules: " + message);
        System.exit(1);
    }
}
