package io.arplab.stack;

/**
 * Where protocol code reports kernel-style tracepoint events ({@code neigh:neigh_update}, {@code net:net_dev_xmit}...).
 * Code checks {@link #enabled()} before building a line, so a run without tracing pays nothing.
 */
public interface Tracer {
    Tracer OFF = new Tracer() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void emit(long now, String event, String fields) {}
    };

    boolean enabled();

    /** One event at virtual time {@code now}: {@code event} is "subsystem:name", {@code fields} its formatted fields. */
    void emit(long now, String event, String fields);
}
