package io.arplab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The modules' source trees, from the repository's root: every module's tests run there (the parent pom's
 * surefire workingDirectory), so tests that read sources find them in whichever module holds them.
 */
public final class Sources {
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    private Sources() {}

    /** The modules of the root pom, in its order (the build's: core first). */
    public static List<String> modules() {
        try {
            Matcher m = MODULE.matcher(Files.readString(Path.of("pom.xml")));
            List<String> modules = new ArrayList<>();
            while (m.find()) {
                modules.add(m.group(1));
            }
            if (modules.isEmpty()) {
                throw new IllegalStateException("no <module> in " + Path.of("pom.xml").toAbsolutePath()
                        + ": the tests run in the repository's root");
            }
            return modules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each module's src/main/java/io/arplab that exists. */
    public static List<Path> mainRoots() {
        return existing("src/main/java/io/arplab");
    }

    /** Every file under the modules' src/main/java/io/arplab, as {@link java.nio.file.Files#walk} lists one tree. */
    public static Stream<Path> walkMain() throws IOException {
        return walk(mainRoots(), "io.arplab");
    }

    /** Every file of io.arplab.PKG and its subpackages, in whichever modules hold them. */
    public static Stream<Path> walkMain(String pkg) throws IOException {
        return walk(main("io/arplab/" + pkg), "io.arplab." + pkg);
    }

    /** A main source's path under its module's src/main/java/io/arplab ("wire/MacAddress.java"). */
    public static Path relativize(Path file) {
        for (Path root : mainRoots()) {
            if (file.startsWith(root)) {
                return root.relativize(file);
            }
        }
        throw new IllegalArgumentException(file + " is under no module's src/main/java/io/arplab");
    }

    private static Stream<Path> walk(List<Path> dirs, String what) throws IOException {
        if (dirs.isEmpty()) {
            throw new IllegalStateException("no module has the sources of " + what);
        }
        List<Path> files = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted().forEach(files::add);
            }
        }
        return files.stream();
    }

    /** RELATIVE (a file or a package's directory, "io/arplab/api") under src/main/java, in every module that has it. */
    public static List<Path> main(String relative) {
        return existing("src/main/java/" + relative);
    }

    /** The files of the directory RELATIVE ("io/arplab/api") under src/main/java, of every module that has it. */
    public static Stream<Path> listMain(String relative) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : main(relative)) {
            try (Stream<Path> list = Files.list(dir)) {
                list.sorted().forEach(files::add);
            }
        }
        return files.stream();
    }

    /** The test source RELATIVE ("io/arplab/api/ReadmeJavaExampleTest.java") under the one module's src/test/java. */
    public static Path test(String relative) {
        List<Path> found = existing("src/test/java/" + relative);
        if (found.size() != 1) {
            throw new IllegalStateException(relative + " is in " + found.size() + " modules' src/test/java: " + found);
        }
        return found.get(0);
    }

    private static List<Path> existing(String relative) {
        List<Path> found = new ArrayList<>();
        for (String module : modules()) {
            Path p = Path.of(module).resolve(relative);
            if (Files.exists(p)) {
                found.add(p);
            }
        }
        return found;
    }
}
