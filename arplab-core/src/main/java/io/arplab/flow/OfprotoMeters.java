package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * A bridge's meter table (ofproto/ofproto.c): handle_meter_mod() with handle_add_meter(), handle_modify_meter() and
 * handle_delete_meter(), and a meter's flow_count.
 */
final class OfprotoMeters {
    private OfprotoMeters() {}

    /**
     * A meter_mod (ofproto.c handle_add_meter(), handle_modify_meter(), handle_delete_meter(): deleting a meter
     * deletes the flows that use it). Returns null or the OpenFlow error's name.
     */
    static String meterMod(Ofproto br, Meter.Mod m, long now) {
        Meter old = br.meters.get(m.id());
        switch (m.command()) {
            case ADD -> {
                if (old != null) {
                    return "OFPMMFC_METER_EXISTS";
                }
                br.meters.put(m.id(), new Meter(m, br.datapath.allocMeterId(), now));
            }
            case MODIFY -> {
                if (old == null) {
                    return "OFPMMFC_UNKNOWN_METER";
                }
                br.meters.put(m.id(), new Meter(m, old.providerId, old.created));
            }
            case DELETE -> {
                List<Meter> gone = m.id() == Meter.ALL ? new ArrayList<>(br.meters.values())
                        : old == null ? List.of() : List.of(old);
                br.tables.removeTogether(() -> { // delete_flows__(): the meters' flows leave their subtables together
                    for (Meter g : gone) {
                        br.meters.remove(g.id);
                        br.datapath.freeMeterId(g.providerId);
                        for (Rule r : br.tables.all()) {
                            if (r.actions.contains(new Action.Meter(g.id))) {
                                br.tables.remove(r);
                            }
                        }
                    }
                });
            }
        }
        return null;
    }

    /** The rules whose instructions use meter {@code id} (a meter's flow_count). */
    static int meterFlows(Ofproto br, long id) {
        int n = 0;
        for (Rule r : br.tables.all()) {
            if (r.actions.contains(new Action.Meter(id))) {
                n++;
            }
        }
        return n;
    }
}
