package io.arplab.live;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs iproute2's {@code ip} (and, for tests, any command) to place and configure a TAP's kernel side. A refusal
 * becomes a {@link LiveException} of one line: the command, then the first line ip printed to stderr.
 */
public final class IpCommand {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private IpCommand() {}

    /** What a command printed and its exit status. */
    public record Result(int status, String stdout, String stderr) {
        public boolean ok() {
            return status == 0;
        }

        /** The first non-blank line of stderr, else "exit status N". */
        public String firstErrorLine() {
            return stderr.lines().filter(l -> !l.isBlank()).findFirst().map(String::strip)
                    .orElse("exit status " + status);
        }
    }

    /** Runs {@code ip args...} and returns its stdout; a non-zero exit throws "ip ARGS: what ip said". */
    public static String ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        Result r = exec(TIMEOUT, argv);
        if (!r.ok()) {
            throw new LiveException(String.join(" ", argv) + ": " + r.firstErrorLine());
        }
        return r.stdout();
    }

    /** {@code ip link set dev DEV netns NETNS}: the device leaves this namespace (a TAP's descriptor stays valid). */
    public static void moveToNetns(String dev, String netns) {
        ip("link", "set", "dev", dev, "netns", netns);
    }

    /** {@code ip -n NETNS addr add CIDR dev DEV}. */
    public static void addAddress(String netns, String dev, String cidr) {
        ip(netns(netns, "addr", "add", cidr, "dev", dev));
    }

    /** {@code ip -n NETNS link set dev DEV up}. */
    public static void setUp(String netns, String dev) {
        ip(netns(netns, "link", "set", "dev", dev, "up"));
    }

    /** {@code -n NETNS ARGS}, or just ARGS for this process's namespace (null). */
    private static String[] netns(String netns, String... args) {
        if (netns == null) {
            return args;
        }
        String[] a = new String[args.length + 2];
        a[0] = "-n";
        a[1] = netns;
        System.arraycopy(args, 0, a, 2, args.length);
        return a;
    }

    /**
     * Runs {@code argv} with the C locale and no input, waiting at most {@code timeout} (then kills it and throws);
     * output goes through temporary files, so a chatty command cannot block on a full pipe.
     */
    public static Result exec(Duration timeout, List<String> argv) {
        String command = String.join(" ", argv);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("arplab-cmd", ".out");
            err = Files.createTempFile("arplab-cmd", ".err");
            ProcessBuilder pb = new ProcessBuilder(argv);
            pb.environment().put("LC_ALL", "C");
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                String why = String.valueOf(e.getMessage());
                int i = why.indexOf(", ");
                throw new LiveException("cannot run " + argv.get(0) + ": "
                        + (why.startsWith("Cannot run program") && i >= 0 ? why.substring(i + 2) : why)
                        + ("ip".equals(argv.get(0)) ? " (install iproute2)" : ""));
            }
            if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                p.destroyForcibly().waitFor();
                throw new LiveException(command + ": timed out after " + timeout.toMillis() + " ms");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LiveException(command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveException(command + ": interrupted");
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless
            }
        }
    }
}
