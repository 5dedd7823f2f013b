package io.arplab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code arplab} command as a separate process, as {@code ./arplab} runs it (the launcher's {@code java -jar}
 * with the test class path instead of the jar, so the tests see the classes under test).
 */
final class Arplab {
    static final String COMPOSE = Path.of("examples/arp-lab/docker-compose.yml").toAbsolutePath().toString();

    record Exit(int rc, String out, String err) {}

    private Arplab() {}

    /** The command line that starts arplab with {@code args}. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs arplab in {@code dir} with {@code stdin} (a file, or null for none) and waits for it to end. */
    static Exit run(Path dir, Path stdin, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(args)).directory(dir.toFile());
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        Path out = dir.resolve(".out");
        Path err = dir.resolve(".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("arplab " + String.join(" ", args) + " did not end");
        }
        return new Exit(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
    }
}
