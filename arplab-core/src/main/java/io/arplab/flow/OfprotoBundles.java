package io.arplab.flow;

import java.util.List;
import java.util.Map;

/**
 * A bridge's OpenFlow bundles (ofproto/ofproto.c, ofproto/bundles.c): handle_bundle_add()'s decoding and init of a
 * message, and do_bundle_commit()'s start of every message, then the finish of all or the revert of all.
 */
final class OfprotoBundles {
    private OfprotoBundles() {}

    /**
     * handle_bundle_add(): the error decoding the message (ofputil_decode_flow_mod(), ofputil_decode_group_mod(),
     * ofputil_decode_packet_out()) or initialising it (ofproto_flow_mod_init(), ofproto_packet_out_init()) gives,
     * or null: the message is in the bundle.
     */
    static String add(Ofproto br, Ofproto.BundleEntry e, OfVersion version) {
        if (e.fm() != null) {
            return OfprotoFlowMod.init(br, e.fm(), version);
        } else if (e.gm() != null) {
            return e.gm().decodeError(version);
        }
        return OfprotoPacketOut.init(e.po(), version, e.of10(), OfprotoPacketOut.flow(br, e.po()));
    }

    /**
     * do_bundle_commit(): every message started in order, each against what the ones before it left (here the
     * groups they add, change and delete: ofproto_check_ofpacts() of flow_mods and packet-outs, the group_mods'
     * own checks); the first failure reverts them all and is returned (its index and error). Else each is finished in
     * order (the flow_mods and group_mods applied, the packet-outs executed) and null returned. Not modelled: what
     * an earlier message of the bundle changes in the rules a later one's start looks at (overlap, a modify that
     * adds).
     */
    static Ofproto.BundleFailure commit(Ofproto br, List<Ofproto.BundleEntry> entries, OfVersion version, long now) {
        Map<Long, Group> staged = new java.util.LinkedHashMap<>(br.groups);
        for (int i = 0; i < entries.size(); i++) {
            Ofproto.BundleEntry e = entries.get(i);
            String error;
            if (e.fm() != null) {
                FlowMod fm = e.fm();
                error = OfprotoFlowMod.checksOfpacts(br, fm, version)
                        ? OfprotoFlowMod.checkOfpacts(br, ActionFormat.roundTrip(fm.actions(), version), staged) : null;
            } else if (e.gm() != null) {
                error = OfprotoGroups.groupModOn(staged, e.gm(), version, now);
            } else {
                error = OfprotoFlowMod.checkOfpacts(br, ActionFormat.roundTrip(e.po().actions(), version), staged);
            }
            if (error != null) {
                return new Ofproto.BundleFailure(i, error);
            }
        }
        br.tables.removeTogether(() -> { // the rules the bundle deletes leave their subtables after it (ofproto_run())
            for (Ofproto.BundleEntry e : entries) {
                if (e.fm() != null) {
                    OfprotoFlowMod.flowMod(br, e.fm(), version, now);
                } else if (e.gm() != null) {
                    OfprotoGroups.groupMod(br, e.gm(), version, now);
                } else {
                    OfprotoPacketOut.packetOut(br, e.po(), version, e.of10(), now);
                }
            }
        });
        return null;
    }
}
