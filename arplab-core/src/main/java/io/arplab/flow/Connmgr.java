package io.arplab.flow;

import java.util.List;

/**
 * What a bridge's controller configuration does to its flows (ofproto/connmgr.c): connmgr_set_fail_mode(),
 * connmgr_set_controllers() and connmgr_flushed(), after ofproto.c's ofproto_flush_flows().
 */
final class Connmgr {
    private Connmgr() {}

    /**
     * connmgr_set_fail_mode(): a change of fail mode on a bridge without controllers flushes its flows, and a
     * standalone bridge (or one without fail_mode) then has the fail-open flow priority=0 actions=NORMAL.
     */
    static void setFailMode(Ofproto br, String mode, long now) {
        boolean changed = "secure".equals(mode) != "secure".equals(br.failMode);
        br.failMode = mode;
        if (changed && br.controllers.isEmpty()) {
            flush(br, now);
        }
    }

    /** connmgr_set_controllers(): the first controller added, or the last removed, flushes the bridge. */
    static void setControllers(Ofproto br, List<String> targets, long now) {
        boolean had = !br.controllers.isEmpty();
        br.controllers = List.copyOf(targets);
        if (had != !br.controllers.isEmpty()) {
            flush(br, now);
        }
    }

    // ofproto_flush_flows(): ofproto_flush__() deletes every flow but the hidden table's, every group and every
    // meter; then connmgr_flushed()
    private static void flush(Ofproto br, long now) {
        br.tables.removeTogether(() -> { // delete_flows__() of each table, then remove_rules_postponed()
            for (Rule r : br.tables.all()) {
                br.tables.remove(r);
            }
        });
        br.groups.clear();
        for (Meter m : br.meters.values()) {
            br.datapath.freeMeterId(m.providerId);
            br.meterOrder.remove(m.id);
        }
        br.meters.clear();
        br.tables.version++;
        flushed(br, now);
    }

    /** connmgr_flushed(): a standalone bridge without controllers gets the fail-open flow. */
    static void flushed(Ofproto br, long now) {
        if (!"secure".equals(br.failMode) && br.controllers.isEmpty()) {
            br.tables.apply(FlowParser.parse("priority=0,actions=NORMAL", FlowMod.Command.ADD, br.portMap()),
                    OfVersion.OF10, now);
        }
    }
}
