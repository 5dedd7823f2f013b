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
        if (m.decodeError() != null) {
            return m.decodeError();
        }
        // handle_meter_mod(): an add or modify of meter 0 or past OFPM13_MAX but slowpath and controller, or of more
        // bands than the datapath's features allow
        if (m.command() != Meter.Command.DELETE) {
            if (m.id() == 0 || m.id() > Meter.MAX && m.id() != Meter.SLOWPATH && m.id() != Meter.CONTROLLER) {
                return "OFPMMFC_INVALID_METER";
            }
            if (m.bands().size() > Meter.MAX_BANDS) {
                return "OFPMMFC_OUT_OF_BANDS";
            }
        }
        Meter old = br.meters.get(m.id());
        switch (m.command()) {
            case ADD -> {
                if (old != null) {
                    return "OFPMMFC_METER_EXISTS";
                }
                // ofproto-dpif meter_set(): the datapath meter id is taken before dpif_meter_set() checks, and kept
                // when it fails
                int providerId = br.datapath.allocMeterId();
                String refused = dpifMeterSet(m);
                if (refused != null) {
                    return refused;
                }
                br.meters.put(m.id(), new Meter(m, providerId, now));
                br.meterOrder.insert(m.id());
            }
            case MODIFY -> {
                if (old == null) {
                    return "OFPMMFC_UNKNOWN_METER";
                }
                String refused = dpifMeterSet(m);
                if (refused != null) {
                    return refused;
                }
                br.meters.put(m.id(), new Meter(m, old.providerId, old.created));
            }
            case DELETE -> {
                List<Meter> gone = m.id() == Meter.ALL ? new ArrayList<>(br.meters.values())
                        : old == null ? List.of() : List.of(old);
                br.tables.removeTogether(() -> { // delete_flows__(): the meters' flows leave their subtables together
                    for (Meter g : gone) {
                        br.meters.remove(g.id);
                        br.meterOrder.remove(g.id);
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

    // dpif_netdev_meter_set() as meter_set() maps its errors: a band other than drop is ENODEV, OFPMMFC_BAD_BAND
    private static String dpifMeterSet(Meter.Mod m) {
        for (Meter.Band b : m.bands()) {
            if (b.type != Meter.DROP) {
                return "OFPMMFC_BAD_BAND";
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
