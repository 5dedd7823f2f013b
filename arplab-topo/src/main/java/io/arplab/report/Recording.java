package io.arplab.report;

import io.arplab.stack.NudState;
import java.util.List;

/**
 * What a run left for the report: every frame at every host interface, and, when the run was traced, the
 * neighbour entries' states and the bridges' learned addresses over virtual time.
 *
 * @param frames     in the order they were captured (virtual time, then event order)
 * @param neighbours neighbour-state changes, in time order (empty when only captures were read)
 * @param fdb        FDB entries learned or moved, in time order
 * @param traced     whether neighbours comes from tracepoints (false: the run's pcaps alone)
 */
public record Recording(List<Captured> frames, List<NeighChange> neighbours, List<FdbChange> fdb, boolean traced) {
    public Recording {
        frames = List.copyOf(frames);
        neighbours = List.copyOf(neighbours);
        fdb = List.copyOf(fdb);
    }

    /** A frame seen at one host interface at virtual time {@code time} (ns). */
    public record Captured(long time, String node, String ifname, byte[] data) {}

    /** A neighbour entry's new state (NONE: removed), with what caused it, as ip monitor neigh would report it. */
    public record NeighChange(long time, String host, String dev, String ip, String lladdr, NudState state,
                              String cause) {}

    /** bridge:br_fdb_update: {@code mac} learned on, or moved to, {@code port}. */
    public record FdbChange(long time, String bridge, String port, String mac) {}
}
