package io.arplab.stack;

/**
 * Where protocol code reports kernel-style tracepoint events ({@code neigh:neigh_update}, {@code net:net_dev_xmit}...).
 * Code checks {@link #enabled()} before building an event, so a run without tracing pays nothing.
 */
public interface Tracer {
    Tracer OFF = new Tracer() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void emit(long now, TraceEvent event) {}
    };

    boolean enabled();

    /** One event at time {@code now} of the runtime's clock. */
    void emit(long now, TraceEvent event);

    /**
     * An event a kernel function fires after its local_bh_enable(): called from a process, the softirq that runs
     * there first processes every frame the call queued (the whole exchange across veths and bridges), so the event
     * comes, with the state of then, once those frames are done. From softirq context it fires at once.
     */
    default void emitAfterSoftirq(long now, java.util.function.Supplier<TraceEvent> event) {
        emit(now, event.get());
    }
}
