package io.arplab.live;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh network namespace per test, for tests against the real kernel:
 * {@code @RegisterExtension final NetnsFixture netns = new NetnsFixture();}. Before each test it checks that this
 * machine can run them (root, /dev/net/tun, iproute2's ip) and otherwise skips the test with the reason; it creates
 * {@code arplab-test-<pid>-<n>}; after the test it closes what the test handed to {@link #closeAfter} and deletes
 * the namespace, on every path. Namespaces left by a killed run (their pid is gone) are deleted on the next.
 */
public final class NetnsFixture implements BeforeEachCallback, AfterEachCallback {
    private static final String PREFIX = "arplab-test-";
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static String unavailable;
    private static boolean checked;

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private String name;

    /** Why live tests cannot run here, or null when they can. */
    public static synchronized String unavailable() {
        if (!checked) {
            checked = true;
            unavailable = check();
            if (unavailable == null) {
                reapStale();
            }
        }
        return unavailable;
    }

    private static String check() {
        if (!onPath("ip")) {
            return "needs ip (iproute2) on PATH: skipped";
        }
        IpCommand.Result id = IpCommand.exec(IpCommand.TIMEOUT, List.of("id", "-u"));
        if (!id.ok() || !id.stdout().strip().equals("0")) {
            return "needs root (id -u is " + id.stdout().strip() + ") and /dev/net/tun: skipped";
        }
        if (!hasCapability(12) || !hasCapability(21)) {
            return "needs root with CAP_NET_ADMIN and CAP_SYS_ADMIN (for ip netns) and /dev/net/tun: skipped";
        }
        try {
            FileChannel.open(Path.of("/dev/net/tun"), StandardOpenOption.READ, StandardOpenOption.WRITE).close();
            return null;
        } catch (IOException | SecurityException e) {
            return "needs /dev/net/tun (" + e.getMessage() + "): skipped";
        }
    }

    /** Whether capability bit {@code cap} (capability.h: CAP_NET_ADMIN 12, CAP_SYS_ADMIN 21) is effective. */
    private static boolean hasCapability(int cap) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("CapEff:"))
                    .anyMatch(l -> new BigInteger(l.substring(7).strip(), 16).testBit(cap));
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Deletes arplab-test-PID-N namespaces whose process no longer runs. */
    private static void reapStale() {
        IpCommand.Result list = IpCommand.exec(IpCommand.TIMEOUT, List.of("ip", "netns", "list"));
        list.stdout().lines().map(l -> l.split(" ")[0]).filter(n -> n.startsWith(PREFIX)).forEach(n -> {
            String[] parts = n.substring(PREFIX.length()).split("-");
            try {
                if (ProcessHandle.of(Long.parseLong(parts[0])).isEmpty()) {
                    IpCommand.exec(IpCommand.TIMEOUT, List.of("ip", "netns", "delete", n));
                }
            } catch (NumberFormatException ignored) {
                // not one of ours
            }
        });
    }

    /** A name for a TAP, unique on this machine while this JVM runs (at most 15 bytes). */
    public static String uniqueTapName() {
        return "arpt" + PID + "x" + COUNTER.incrementAndGet();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String why = unavailable();
        assumeTrue(why == null, why);
        name = PREFIX + PID + "-" + COUNTER.incrementAndGet();
        IpCommand.Result r = IpCommand.exec(IpCommand.TIMEOUT, List.of("ip", "netns", "add", name));
        if (!r.ok()) {
            String failed = name;
            name = null;
            assumeTrue(false, "cannot create a network namespace (ip netns add " + failed + ": "
                    + r.firstErrorLine() + "): skipped");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<Exception> failures = new ArrayList<>();
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (name != null) {
            IpCommand.Result r = IpCommand.exec(IpCommand.TIMEOUT, List.of("ip", "netns", "delete", name));
            if (!r.ok()) {
                failures.add(new IllegalStateException("ip netns delete " + name + ": " + r.firstErrorLine()));
            }
            name = null;
        }
        if (!failures.isEmpty()) {
            Exception first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    /** The namespace's name. */
    public String name() {
        return name;
    }

    /** Closes {@code resource} after the test, before the namespace goes (last registered first). */
    public <T extends AutoCloseable> T closeAfter(T resource) {
        resources.push(resource);
        return resource;
    }

    /**
     * Runs {@code command} inside the namespace ({@code ip netns exec NS command...}), at most 10 s; the test is
     * skipped when the command is not installed (ping, arping: .ci/run installs them).
     */
    public IpCommand.Result exec(String... command) {
        assumeTrue(command[0].contains("/") || onPath(command[0]), "needs " + command[0] + " on PATH: skipped");
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
        argv.addAll(List.of(command));
        return IpCommand.exec(IpCommand.TIMEOUT, argv);
    }

    /** Runs {@code ip -n NS args...}, at most 10 s. */
    public IpCommand.Result ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", name));
        argv.addAll(List.of(args));
        return IpCommand.exec(IpCommand.TIMEOUT, argv);
    }
}
