package io.arplab.observe;

import io.arplab.stack.TraceEvent;

/** Receives the tracepoint events of every node that traces: the --trace writer, later the report. */
public interface TraceSink {
    /** {@code comm} and {@code pid} name the node (perf script's task), {@code now} is the runtime's clock. */
    void event(String comm, int pid, long now, TraceEvent event);

    default void flush() {}
}
