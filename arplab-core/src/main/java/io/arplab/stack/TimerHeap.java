package io.arplab.stack;

import java.util.Arrays;

/**
 * An indexed binary min-heap of timers ordered by (deadline, arming order): O(log n) arm, re-arm and cancel, as a
 * host with thousands of neighbour entries needs. Each {@link Timer} knows its slot, so cancelling needs no search.
 */
public final class TimerHeap<T extends TimerHeap.Timer> {
    /** A timer node: embed by extending. */
    public abstract static class Timer {
        long deadline = Long.MAX_VALUE;
        long order;
        int slot = -1;

        public final boolean armed() {
            return slot >= 0;
        }

        /** The deadline in nanoseconds, or Long.MAX_VALUE when not armed. */
        public final long deadline() {
            return slot >= 0 ? deadline : Long.MAX_VALUE;
        }
    }

    private Timer[] heap = EMPTY;
    private static final Timer[] EMPTY = new Timer[0];
    private int size;
    private long nextOrder;
    /** heap[0]'s deadline, kept in a field so the common "anything due?" question touches one object. */
    private long min = Long.MAX_VALUE;

    public int size() {
        return size;
    }

    public long nextDeadline() {
        return min;
    }

    /** Arms (or re-arms) {@code t} to fire at {@code deadline}. */
    public void arm(T t, long deadline) {
        t.deadline = deadline;
        t.order = nextOrder++;
        if (t.slot < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, Math.max(4, size * 2));
            }
            t.slot = size;
            heap[size++] = t;
            up(t.slot);
        } else {
            int s = t.slot;
            up(s);
            down(t.slot);
        }
        min = heap[0].deadline;
    }

    /** Disarms {@code t}; returns whether it was armed (like the kernel's timer_delete). */
    public boolean cancel(T t) {
        int s = t.slot;
        if (s < 0) {
            return false;
        }
        Timer last = heap[--size];
        heap[size] = null;
        t.slot = -1;
        if (last != t) {
            heap[s] = last;
            last.slot = s;
            up(s);
            down(last.slot);
        }
        min = size == 0 ? Long.MAX_VALUE : heap[0].deadline;
        return true;
    }

    /** Removes and returns the earliest timer if its deadline is at or before {@code now}, else null. */
    @SuppressWarnings("unchecked")
    public T pollDue(long now) {
        if (min > now) {
            return null;
        }
        T t = (T) heap[0];
        cancel(t);
        return t;
    }

    /**
     * The largest {@code armed} of the timers due at {@code deadline}, Long.MAX_VALUE when one is due earlier (it
     * runs first), or -1 when none is due by then.
     */
    public long newestAt(long deadline, java.util.function.ToLongFunction<T> armed) {
        return min < deadline ? Long.MAX_VALUE : newestAt(0, deadline, armed);
    }

    @SuppressWarnings("unchecked")
    private long newestAt(int i, long deadline, java.util.function.ToLongFunction<T> armed) {
        if (i >= size || heap[i].deadline != deadline) { // a heap: nothing below a later deadline is due
            return -1;
        }
        return Math.max(armed.applyAsLong((T) heap[i]),
                Math.max(newestAt(2 * i + 1, deadline, armed), newestAt(2 * i + 2, deadline, armed)));
    }

    private boolean less(Timer a, Timer b) {
        return a.deadline < b.deadline || a.deadline == b.deadline && a.order < b.order;
    }

    private void up(int i) {
        Timer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (!less(t, p)) {
                break;
            }
            heap[i] = p;
            p.slot = i;
            i = parent;
        }
        heap[i] = t;
        t.slot = i;
    }

    private void down(int i) {
        Timer t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && less(heap[right], heap[child])) {
                child = right;
            }
            if (!less(heap[child], t)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].slot = i;
            i = child;
        }
        heap[i] = t;
        t.slot = i;
    }
}
