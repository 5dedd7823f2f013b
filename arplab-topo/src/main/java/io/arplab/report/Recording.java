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
 * @param macs       the Open vSwitch bridges' MAC learning (NORMAL's table, fdb/show), in time order
 */
public record Recording(List<Captured> frames, List<NeighChange> neighbours, List<FdbChange> fdb, boolean traced,
                        List<MacChange> macs) {
    public Recording {
        frames = List.copyOf(frames);
        neighbours = List.copyOf(neighbours);
        fdb = List.copyOf(fdb);
        macs = List.copyOf(macs);
    }

    /** A recording without Open vSwitch MAC learning (captures alone carry none). */
    public Recording(List<Captured> frames, List<NeighChange> neighbours, List<FdbChange> fdb, boolean traced) {
        this(frames, neighbours, fdb, traced, List.of());
    }

    /** A frame seen at one host interface at virtual time {@code time} (ns). */
    public record Captured(long time, String node, String ifname, byte[] data) {}

    /** A neighbour entry's new state (NONE: removed), with what caused it, as ip monitor neigh would report it. */
    public record NeighChange(long time, String host, String dev, String ip, String lladdr, NudState state,
                              String cause) {}

    /** bridge:br_fdb_update: {@code mac} learned on, or moved to, {@code port}. */
    public record FdbChange(long time, String bridge, String port, String mac) {}

    /**
     * An Open vSwitch bridge's MAC learning table changed (lib/mac-learning.c): {@code mac} on {@code vlan} learned,
     * refreshed or moved to {@code port} (as fdb/show prints the port), made static, or gone.
     */
    public record MacChange(long time, String bridge, String port, int vlan, String mac, Kind kind) {
        public enum Kind { LEARNED, STATIC, FORGOTTEN }
    }
}
