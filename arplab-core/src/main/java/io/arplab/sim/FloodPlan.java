package io.arplab.sim;

/**
 * How a node's flood goes out of its ports (see {@code NetworkNode.flood}), computed on its first flood and again
 * after a change of wires, captures, tracing or partitions. Apart from its node, so that the many nodes that never
 * flood (hosts) do not carry its fields.
 */
final class FloodPlan {
    /** The distinct latencies of the ports a flood batches, and per latency its wired ports. */
    final long[] groups;
    final int[] groupPorts;
    /** The wired ports with a capture; the wired ports no flood-index watch covers. */
    final int[] captured;
    final int[] unwatched;
    /** Wired ports; those whose peer runs in another partition (a flood through them is never batched). */
    final int wired;
    final int crossing;
    /** Per group, the running {frames, bytes} of its indexed floods, which the skipped hosts' devices count on read. */
    final long[][] totals;
    /** The node's port count when the plan was made: a new port calls for a new plan. */
    final int portCount;

    FloodPlan(long[] groups, int[] groupPorts, int[] captured, int[] unwatched, int wired, int crossing,
            int portCount) {
        this.groups = groups;
        this.groupPorts = groupPorts;
        this.captured = captured;
        this.unwatched = unwatched;
        this.wired = wired;
        this.crossing = crossing;
        this.portCount = portCount;
        this.totals = new long[groups.length][2];
    }
}
