package io.arplab.live;

import io.arplab.device.Device;
import io.arplab.device.Host;
import io.arplab.device.Switch;
import io.arplab.observe.CaptureSink;
import io.arplab.observe.TraceSink;
import io.arplab.runtime.FrameIo;
import io.arplab.runtime.NodeRuntime;
import io.arplab.runtime.Resolver;
import io.arplab.runtime.Timer;
import io.arplab.stack.HostStack;
import io.arplab.stack.TimerHeap;
import io.arplab.stack.TraceEvent;
import io.arplab.stack.Tracer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One host on the wall clock: its port 0 is a {@link FrameIo} (a TAP device whose other side is the real kernel).
 * One thread runs everything, as the simulator's loop does in virtual time: it reads frames from the wire with a
 * timeout up to the next deadline, hands them to the host, fires the host's and the tools' timers when due, and runs
 * tasks other threads submit (a command typed at the prompt, Ctrl-C). The same stack and tools as in a lab.
 */
public final class LiveRuntime implements NodeRuntime, AutoCloseable {
    /** The longest the loop sleeps in a read before it looks at submitted tasks again. */
    private static final long POLL_SLICE = 5_000_000L;

    private final Host host;
    private final FrameIo wire;
    private final LongSupplier clock;
    private final long origin;
    private final long epochNanos;
    private final Resolver resolver;
    private final Path workDir;
    private final TimerHeap<LiveTimer> timers = new TimerHeap<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Map<Class<?>, Object> state = new HashMap<>();
    private final Output output = new Output();
    private final NodeTracer tracer;
    private CaptureSink capture;
    private Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private long framesIn;
    private long framesOut;

    private static final class LiveTimer extends TimerHeap.Timer implements Timer {
        final LongConsumer action;

        LiveTimer(LongConsumer action) {
            this.action = action;
        }
    }

    /**
     * @param clock       a monotonic nanosecond clock (System::nanoTime)
     * @param epochNanos  the wall-clock time (Unix epoch, ns) when the clock read {@code clock.getAsLong()} now
     */
    public LiveRuntime(Host host, FrameIo wire, LongSupplier clock, long epochNanos, Resolver resolver, Path workDir) {
        if (host.portCount() != 1) {
            throw new IllegalArgumentException("a live host has exactly one interface, on the TAP device");
        }
        this.host = host;
        this.wire = wire;
        this.clock = clock;
        this.origin = clock.getAsLong();
        this.epochNanos = epochNanos;
        this.resolver = resolver;
        this.workDir = workDir;
        this.tracer = new NodeTracer(host.name());
        host.stack().setTracer(tracer);
    }

    @Override
    public AutoCloseable tap(String ifname, io.arplab.runtime.FrameListener listener) {
        if (!host.portName(0).equals(ifname)) {
            return null;
        }
        CaptureSink before = capture;
        CaptureSink both = (t, frame) -> {
            if (before != null) {
                before.record(t, frame);
            }
            listener.frame(t, frame);
        };
        capture = both;
        return () -> {
            if (capture == both) {
                capture = before;
            }
        };
    }

    /** Records every frame sent or received on the TAP (set before {@link #start}). */
    public void capture(CaptureSink sink) {
        this.capture = sink;
    }

    /** Sends tracepoint events to {@code sink} (null: off). */
    public void trace(TraceSink sink) {
        tracer.sink = sink;
    }

    public Host host() {
        return host;
    }

    public FrameIo wire() {
        return wire;
    }

    /** Frames read from and written to the wire so far. */
    public long framesIn() {
        return framesIn;
    }

    public long framesOut() {
        return framesOut;
    }

    /** Starts the loop thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(this::loop, "arplab-live-" + host.name());
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code task} on the loop thread, soon. */
    public void submit(Runnable task) {
        tasks.add(task);
    }

    /** Whether the caller is the loop thread. */
    public boolean onLoopThread() {
        return Thread.currentThread() == thread;
    }

    /** An exception that stopped the loop, or null. */
    public Throwable failure() {
        return failure;
    }

    public boolean running() {
        return thread != null && thread.isAlive();
    }

    private void loop() {
        byte[] buf = new byte[65_536 + 64];
        try {
            while (!stopping) {
                runTasks();
                fireDue();
                long now = now();
                long next = Math.min(timers.nextDeadline(), host.nextDeadline());
                long wait = Math.max(0, Math.min(POLL_SLICE, next - now));
                int n = wire.read(buf, wait);
                if (n > 0) {
                    byte[] frame = java.util.Arrays.copyOf(buf, n);
                    receive(frame);
                } else if (n < 0) {
                    break; // the wire was closed
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void runTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
        }
    }

    private void fireDue() {
        long now = now();
        if (host.nextDeadline() <= now) {
            host.advance(now, output);
        }
        while (timers.nextDeadline() <= now) {
            LiveTimer t = timers.pollDue(now);
            t.action.accept(now);
        }
    }

    private void receive(byte[] frame) {
        long now = now();
        framesIn++;
        if (capture != null) {
            capture.record(epochNanos + now, frame);
        }
        if (tracer.enabled()) {
            String dev = host.portName(0);
            long skb = tracer.nextSkb();
            int len = Math.max(0, frame.length - 14);
            int proto = TraceEvent.protocol(frame);
            // as a veth end receives: netif_rx from the peer's xmit, then the backlog's netif_receive_skb
            tracer.emit(now, new TraceEvent.RxEntry(TraceEvent.RxEntryPoint.NETIF_RX_ENTRY, dev, skb, proto, len,
                    TraceEvent.truesize(frame.length)));
            tracer.emit(now, new TraceEvent.NetDev(TraceEvent.NetPoint.NETIF_RX, dev, skb, len));
            tracer.emit(now, new TraceEvent.RxExit(TraceEvent.RxExitPoint.NETIF_RX_EXIT, 0));
            tracer.emit(now, new TraceEvent.NetDev(TraceEvent.NetPoint.NETIF_RECEIVE_SKB, dev, skb, len));
        }
        host.receive(now, 0, frame, output);
    }

    /** Frames the host sends go out on the wire, seen by the capture and the tracepoints first. */
    private final class Output implements Device.Output {
        @Override
        public void transmit(int port, byte[] frame) {
            long now = now();
            framesOut++;
            if (capture != null) {
                capture.record(epochNanos + now, frame);
            }
            if (tracer.enabled()) {
                String dev = host.portName(port);
                TraceEvent.emitVethCrossing(now, tracer, dev, null, null, tracer.nextSkb(), frame,
                        TraceEvent.transportOffset(frame, false));
            }
            wire.write(frame, 0, frame.length);
        }

        @Override
        public int portCount() {
            return 1;
        }
    }

    private static final class NodeTracer implements Tracer {
        private final String comm;
        volatile TraceSink sink;
        private long skbs;

        NodeTracer(String comm) {
            this.comm = comm;
        }

        @Override
        public boolean enabled() {
            return sink != null;
        }

        @Override
        public void emit(long now, TraceEvent event) {
            TraceSink s = sink;
            if (s != null) {
                s.event(comm, 1, now, event);
            }
        }

        long nextSkb() {
            return 0xffff_8880_0000_0000L + (++skbs) * 0x100;
        }
    }

    // ------------------------------------------------------------------------------------- NodeRuntime

    @Override
    public String nodeName() {
        return host.name();
    }

    @Override
    public HostStack stack() {
        return host.stack();
    }

    @Override
    public long now() {
        return clock.getAsLong() - origin;
    }

    @Override
    public long epochNanos() {
        return epochNanos;
    }

    @Override
    public Timer at(long time, LongConsumer action) {
        LiveTimer t = new LiveTimer(action);
        timers.arm(t, time);
        return t;
    }

    @Override
    public void cancel(Timer timer) {
        timers.cancel((LiveTimer) timer);
    }

    @Override
    public void act(Consumer<HostStack.Outbox> action) {
        action.accept(host.outbox(output));
    }

    @Override
    public List<Switch> switches() {
        return List.of();
    }

    @Override
    public void changed(Switch sw) {}

    @Override
    public Resolver resolver() {
        return resolver;
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public <T> T namespaceState(Class<T> type, Supplier<T> create) {
        return type.cast(state.computeIfAbsent(type, k -> create.get()));
    }

    /** Stops the loop (waiting for it) and closes the wire; captures are the caller's to close. */
    @Override
    public void close() {
        stopping = true;
        wire.close();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
