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
}
