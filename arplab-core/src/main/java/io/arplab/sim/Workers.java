package io.arplab.sim;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads that run a window's partitions: the caller and {@code threads - 1} daemon workers take partitions
 * from a shared counter until none is left, then the caller waits for the last one (the window's barrier). Which
 * thread runs which partition changes nothing: partitions share no state within a window.
 */
final class Workers implements AutoCloseable {
    private static final int SPINS = 1 << 12;

    private final Thread[] threads;
    /** One window's work; a worker late from the previous window only sees that window's (finished) round. */
    private record Round(List<Partition> work, long end, AtomicInteger next, AtomicInteger pending, Thread waiter) {}

    private volatile Round round;
    private volatile boolean closed;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Workers(int threads) {
        this.threads = new Thread[threads - 1];
        for (int i = 0; i < this.threads.length; i++) {
            Thread t = new Thread(this::loop, "arplab-partition-" + (i + 1));
            t.setDaemon(true);
            this.threads[i] = t;
            t.start();
        }
    }

    int threads() {
        return threads.length + 1;
    }

    /** Runs every partition of {@code work} up to (not including) {@code end}; returns when all are done. */
    void run(List<Partition> work, long end) {
        Round r = new Round(work, end, new AtomicInteger(), new AtomicInteger(work.size()), Thread.currentThread());
        round = r;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        take(r);
        for (int spin = 0; r.pending.get() > 0; spin++) {
            if (spin < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        Throwable f = failure.getAndSet(null);
        if (f instanceof RuntimeException e) {
            throw e;
        } else if (f instanceof Error e) {
            throw e;
        } else if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    private void take(Round r) {
        for (int i = r.next.getAndIncrement(); i < r.work.size(); i = r.next.getAndIncrement()) {
            try {
                r.work.get(i).scheduler.runBefore(r.end);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
            if (r.pending.decrementAndGet() == 0) {
                LockSupport.unpark(r.waiter);
            }
        }
    }

    private void loop() {
        Round seen = null;
        while (!closed) {
            for (int spin = 0; round == seen && !closed; spin++) {
                if (spin < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = round;
            take(seen);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
    }
}
