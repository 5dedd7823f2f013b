package io.arplab.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real tcpdump, tshark, editcap for differential tests; tests skip (assumption) where they are absent. */
public final class RealTools {
    private RealTools() {}

    public record Result(int exit, String out, String err) {}

    public static boolean has(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command with TZ=UTC and the C locale; fails the test after 60 s. */
    public static Result run(List<String> command) {
        try {
            Path out = Files.createTempFile("arplab-tool", ".out");
            Path err = Files.createTempFile("arplab-tool", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
                pb.environment().put("TZ", "UTC");
                pb.environment().put("LC_ALL", "C");
                pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.redirectOutput(out.toFile());
                pb.redirectError(err.toFile());
                Process p = pb.start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + command);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
