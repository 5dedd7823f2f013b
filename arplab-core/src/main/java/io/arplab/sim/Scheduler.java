package io.arplab.sim;

import io.arplab.stack.TimerHeap;
import java.util.function.LongConsumer;

/**
 * The discrete-event clock: virtual nanoseconds, events fired in (time, scheduling order), so simultaneous events
 * keep a stable order and a run is reproducible.
 */
public final class Scheduler {
    /** Something that happens at a point of virtual time; may be re-armed. */
    public abstract static class Event extends TimerHeap.Timer implements io.arplab.runtime.Timer {
        protected abstract void fire(long now);
    }

    private final TimerHeap<Event> heap = new TimerHeap<>();
    private long now;
    private long fired;

    public long now() {
        return now;
    }

    public long eventsFired() {
        return fired;
    }

    /** Arms (or re-arms) {@code e} at {@code time}, which must not lie in the past. */
    public void schedule(Event e, long time) {
        if (time < now) {
            throw new IllegalStateException("event scheduled in the past: " + time + " < " + now);
        }
        heap.arm(e, time);
    }

    public void cancel(Event e) {
        heap.cancel(e);
    }

    /** Runs {@code action} once at {@code time}. */
    public Event at(long time, LongConsumer action) {
        Event e = new Event() {
            @Override
            protected void fire(long t) {
                action.accept(t);
            }
        };
        schedule(e, time);
        return e;
    }

    public long nextEventTime() {
        return heap.nextDeadline();
    }

    /** Events armed now. */
    public int size() {
        return heap.size();
    }

    public boolean idle() {
        return heap.size() == 0;
    }

    /** Fires the next event; false when there is none. */
    public boolean step() {
        long t = heap.nextDeadline();
        if (t == Long.MAX_VALUE) {
            return false;
        }
        Event e = heap.pollDue(t);
        now = t;
        fired++;
        e.fire(t);
        return true;
    }

    /** Fires every event due strictly before {@code end} (a partition's share of a synchronisation window). */
    void runBefore(long end) {
        while (heap.nextDeadline() < end) {
            step();
        }
    }

    /** Moves the clock forward to {@code time} without firing anything (a partition catching up with the lab). */
    void advanceTo(long time) {
        if (time > now) {
            now = time;
        }
    }

    /** Fires every event due at or before {@code time}, then sets the clock to {@code time}. */
    public void runUntil(long time) {
        while (heap.nextDeadline() <= time) {
            step();
        }
        if (time > now) {
            now = time;
        }
    }
}
