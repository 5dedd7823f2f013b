package io.arplab.flow;

import java.util.List;

/**
 * A bridge's OFPT_PACKET_OUT (ofproto/ofproto.c): handle_packet_out() with ofproto_packet_out_init(), then
 * ofproto-dpif.c's packet_execute() of the translated actions.
 */
final class OfprotoPacketOut {
    private OfprotoPacketOut() {}

    /**
     * handle_packet_out(): ofproto_packet_out_init()'s checks (the actions as the wire carried them, against the
     * packet's own flow as ofpacts_check_consistency() runs them; ofproto_check_ofpacts()'s groups and meters),
     * then the actions translated for the packet and executed (ofproto_packet_out_start(), packet_execute()),
     * without a megaflow. {@code of10}: sent with OpenFlow 1.0's own match. Returns null or the OpenFlow error.
     */
    static String packetOut(Ofproto br, PacketOut po, OfVersion version, boolean of10, long now) {
        byte[] frame = po.packet();
        long[] flow = flow(br, po);
        List<Action> wire = ActionFormat.roundTrip(po.actions(), version);
        String init = init(po, version, of10, flow);
        if (init != null) {
            return init;
        }
        String missing = OfprotoFlowMod.checkOfpacts(br, wire, br.groups);
        if (missing != null) {
            return missing;
        }
        if (wire.isEmpty()) {
            return null; // no actions: the datapath drops the packet
        }
        Xlate x = new Xlate(br, now, flow, frame, null, List.of(), true);
        x.install = false;
        x.inPacketOut = true;
        x.runActions(wire);
        br.send(x.outputs);
        x.sendPushed();
        return null;
    }

    // the packet's flow with the pipeline fields the packet-out starts with (flow_metadata)
    static long[] flow(Ofproto br, PacketOut po) {
        long[] flow = Packet.extract(po.packet(), po.inPort(), br.datapath.vlanLimit());
        for (Slot s : Slot.ALL) {
            long m = po.metadata().mask(s);
            if (m != 0 && s != Slot.PACKET_TYPE) {
                flow[s.ordinal()] = flow[s.ordinal()] & ~m | po.metadata().value(s) & m;
            }
        }
        return flow;
    }

    // ofputil_decode_packet_out() and ofproto_packet_out_init(): the actions decode and are consistent with the
    // packet's flow; null or the error
    static String init(PacketOut po, OfVersion version, boolean of10, long[] flow) {
        List<Action> wire = ActionFormat.roundTrip(po.actions(), version);
        String decode = FlowModDecode.decodeError(wire);
        if (decode != null) {
            return FlowModDecode.errorOnWire(decode, version);
        }
        String[] inconsistent = FlowModDecode.consistencyError(wire, Match.exact(flow), 0,
                FlowModDecode.protocol(version, of10));
        return inconsistent != null ? inconsistent[0] : null;
    }
}
