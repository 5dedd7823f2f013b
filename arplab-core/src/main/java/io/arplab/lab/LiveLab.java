package io.arplab.lab;

import io.arplab.device.Host;
import io.arplab.live.LiveRuntime;
import io.arplab.runtime.FrameIo;
import io.arplab.runtime.Resolver;
import io.arplab.stack.Route;
import io.arplab.stack.SeededRandom;
import io.arplab.tools.CommandLineSplitter;
import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import io.arplab.tools.Tools;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One Linux-faithful host on a wire to the real world (a TAP device), on the wall clock: the live counterpart of
 * {@link Lab}. Commands run on the runtime's thread; {@link #exec} blocks the caller until the tool ends.
 */
public final class LiveLab implements AutoCloseable {
    private final LiveRuntime runtime;
    private final Map<String, Supplier<Tool>> tools = Tools.standard();
    private int nextPid = 100;

    /**
     * @param name    the host's name (its hostname and its comm in traces)
     * @param address "10.0.0.2/24" on the TAP-side interface eth0
     * @param gateway a default route's gateway, or null
     */
    public LiveLab(String name, FrameIo wire, MacAddress mac, String address, Ipv4Address gateway, long seed,
                   Path workDir) {
        long epoch = System.currentTimeMillis() * 1_000_000L;
        Host host = new Host(name, new SeededRandom(seed), 0, epoch);
        host.stack().setTimerWheel(io.arplab.stack.TimerWheel.forSeed(seed));
        Cidr c = Cidr.parse(address);
        if (mac.isMulticast() || mac.isZero()) {
            throw new IllegalArgumentException("invalid MAC address " + mac + ": must be unicast and not zero");
        }
        int p = host.addInterface("eth0", mac, 1500);
        host.stack().addAddress(host.port(p), c.address(), c.prefixLength(),
                c.prefixLength() < 31 ? Ipv4Address.of(c.address().bits() | ~Ipv4Address.netmask(c.prefixLength())) : null);
        if (gateway != null) {
            Route r = host.stack().routes().lookup(gateway.bits());
            if (r == null || r.gateway() != null) {
                throw new IllegalArgumentException("gateway " + gateway + " is not on " + address);
            }
            host.stack().addRoute(Route.defaultVia(gateway, r.device()));
        }
        Resolver resolver = new Resolver();
        resolver.add(name, c.address());
        this.runtime = new LiveRuntime(host, wire, System::nanoTime, epoch, resolver, workDir);
    }

    public LiveRuntime runtime() {
        return runtime;
    }

    public Host host() {
        return runtime.host();
    }

    public void start() {
        runtime.start();
    }

    /** The names of the commands the host knows. */
    public java.util.Set<String> toolNames() {
        return java.util.Collections.unmodifiableSet(tools.keySet());
    }

    /** Runs one command line to its end on the wall clock and returns what it printed. */
    public Lab.Result exec(String commandLine) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = exec(CommandLineSplitter.split(commandLine), new PrintWriter(out), new PrintWriter(err));
        return new Lab.Result(out.toString(), err.toString(), rc);
    }

    public int exec(List<String> words, PrintWriter out, PrintWriter err) {
        ToolContext ctx = start(words, out, err);
        if (ctx == null) {
            return 127;
        }
        await(ctx, Long.MAX_VALUE);
        return ctx.exitCode();
    }

    /** Starts a command on the runtime's thread without waiting for it; null when the command is unknown. */
    public ToolContext start(List<String> words, PrintWriter out, PrintWriter err) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        Supplier<Tool> t = tools.get(words.get(0));
        if (t == null) {
            err.println(words.get(0) + ": command not found");
            err.flush();
            return null;
        }
        ToolContext ctx = new ToolContext(runtime, out, err, nextPid++);
        onLoop(() -> {
            try {
                t.get().start(ctx, words.subList(1, words.size()));
            } catch (IllegalArgumentException e) {
                err.println(words.get(0) + ": " + e.getMessage());
                ctx.exit(2);
            }
            out.flush();
            err.flush();
        });
        return ctx;
    }

    /** Waits until the tool ends, at most {@code limitNanos} of wall time; then it is interrupted (SIGINT). */
    public void await(ToolContext ctx, long limitNanos) {
        CountDownLatch done = new CountDownLatch(1);
        onLoop(() -> ctx.onExit(done::countDown));
        try {
            if (!done.await(Math.min(limitNanos, Long.MAX_VALUE / 2), TimeUnit.NANOSECONDS)) {
                interrupt(ctx);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupt(ctx);
        }
        checkRunning();
    }

    /** Delivers SIGINT to the tool (ping prints its statistics) and waits for that to be done. */
    public void interrupt(ToolContext ctx) {
        onLoop(ctx::interrupt);
    }

    /** Runs {@code action} on the runtime's thread and waits for it. */
    public void onLoop(Runnable action) {
        if (runtime.onLoopThread() || !runtime.running()) {
            action.run();
            return;
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        runtime.submit(() -> {
            try {
                action.run();
                f.complete(null);
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void checkRunning() {
        if (runtime.failure() != null) {
            throw new IllegalStateException("live loop stopped: " + runtime.failure(), runtime.failure());
        }
    }

    /** Lets wall-clock time pass. */
    public void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkRunning();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
