package io.arplab.sim;

import io.arplab.observe.TraceSink;
import io.arplab.stack.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A group of whole broadcast domains with their routers: its own clock and event queue, its own softirq backlog,
 * the frames it sent across the cut during the current window, and (when tracing) the tracepoints it emitted,
 * kept until the window's barrier merges them. A partition touches nothing another partition touches, so
 * partitions run a window on different threads and still do exactly what they would do one after another.
 */
final class Partition {
    /** A frame crossing the cut: delivered at {@code arrival}, in the destination partition, after the barrier. */
    record Crossing(long arrival, NetworkNode node, int port, byte[] frame, long skb) {}

    /** A tracepoint waiting for the barrier, with the partition-local order it was emitted in. */
    record Traced(long now, String comm, int pid, TraceEvent event) {}

    final int index;
    final Network network;
    final Scheduler scheduler = new Scheduler();
    long deliveries;
    long transmissions;
    /** Flood deliveries counted without running the receiving host (Network's indexed floods). */
    long skipped;
    /** Delivery events scheduled in this partition and not yet fired: frames still in its softirq backlog. */
    int inFlight;
    /** Inside a delivery or a device's timer: softirq context. */
    boolean softirq;
    /** The system call whose softirq work runs now in this partition, or null (Network.act). */
    Network.Cascade cascade;
    /** A system call's backlog is being drained (Network.act): a call made meanwhile does not drain its own. */
    boolean draining;
    /** Tracepoints waiting for the backlog to drain ({@link io.arplab.stack.Tracer#emitAfterSoftirq}). */
    final List<Runnable> afterSoftirq = new ArrayList<>(0);
    /** Frames sent across the cut in this window, in the order sent. */
    final List<Crossing> outgoing = new ArrayList<>(0);
    /** Tracepoints of this window, in emission order; null while tracing is off or the lab is not partitioned. */
    List<Traced> traced;
    /** What the nodes' tracers write to while {@link #traced} collects (set by the network). */
    final TraceSink buffer = (comm, pid, now, event) -> traced.add(new Traced(now, comm, pid, event));
    /** Where this partition's nodes' tracepoints go: the lab's trace, {@link #buffer}, or null while tracing is off. */
    TraceSink log;

    Partition(int index, Network network) {
        this.index = index;
        this.network = network;
    }

    /** A device's timer starts: softirq context. Returns the context to restore. */
    boolean enterSoftirq() {
        boolean outer = softirq;
        softirq = true;
        return outer;
    }

    /** A delivery of {@code call}'s starts: softirq context, working for that system call. */
    boolean enterSoftirq(Network.Cascade call) {
        boolean outer = softirq;
        softirq = true;
        cascade = call;
        return outer;
    }

    /** A delivery is done; when it leaves the backlog empty, the tracepoints waiting for that fire. */
    void leaveSoftirq(boolean outer, Network.Cascade outerCall, Network.Cascade call) {
        softirq = outer;
        cascade = outerCall;
        if (call != null) {
            call.pending--;
        }
        inFlight--;
        if (inFlight == 0 && !afterSoftirq.isEmpty()) {
            List<Runnable> due = new ArrayList<>(afterSoftirq);
            afterSoftirq.clear();
            due.forEach(Runnable::run);
        }
    }
}
