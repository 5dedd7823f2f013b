package io.arplab.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Virtual time that follows the wall clock while the network has {@link ExternalPort}s: events wait for their
 * wall-clock moment, and frames from the real world enter at the virtual time of their arrival. One reader thread
 * per external port feeds a queue; the network itself stays single-threaded.
 */
public final class Realtime implements AutoCloseable {
    private record Inbound(NetworkNode port, byte[] frame) {}

    private final Network network;
    private final LongSupplier clock;
    private final long wallOrigin;
    private final long virtualOrigin;
    private final LinkedBlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>();
    private final List<Thread> readers = new ArrayList<>();
    private final List<ExternalPort> ports = new ArrayList<>();
    private volatile boolean closed;

    public Realtime(Network network, LongSupplier clock) {
        this.network = network;
        this.clock = clock;
        this.wallOrigin = clock.getAsLong();
        this.virtualOrigin = network.now();
    }

    /** Starts reading frames from {@code node}'s wire (its device is an ExternalPort). */
    public void add(NetworkNode node) {
        ExternalPort p = (ExternalPort) node.device();
        ports.add(p);
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65_536 + 64];
            while (!closed) {
                int n = p.wire().read(buf, 50_000_000L);
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    inbound.add(new Inbound(node, java.util.Arrays.copyOf(buf, n)));
                }
            }
        }, "arplab-attach-" + p.name());
        t.setDaemon(true);
        readers.add(t);
        t.start();
    }

    /** The virtual time the wall clock reads now. */
    public long virtualNow() {
        return virtualOrigin + (clock.getAsLong() - wallOrigin);
    }

    /**
     * Waits until virtual time {@code time} comes on the wall clock or a frame arrives from the real world; a frame
     * enters at its arrival's virtual time (never past {@code time}). Returns after either, so the caller looks at
     * the events again.
     */
    public void waitFor(long time) {
        long ahead = time - virtualNow();
        Inbound in;
        try {
            in = ahead <= 0 ? inbound.poll() : inbound.poll(ahead, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (in != null) {
            long at = Math.min(time, Math.max(network.now(), virtualNow()));
            network.runUntil(at);
            network.act(in.port(), out -> out.transmit(0, in.frame()));
        }
    }

    @Override
    public void close() {
        closed = true;
        for (ExternalPort p : ports) {
            p.wire().close();
        }
        for (Thread t : readers) {
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
