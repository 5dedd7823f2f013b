package io.arplab.flow;

/**
 * The actions a translation turns into userspace() and meter() datapath actions (ofproto/ofproto-dpif-xlate.c):
 * xlate_controller_action(), xlate_sample_action() with compose_sample_action(), and xlate_meter_action().
 */
final class XlateUserspace {
    private XlateUserspace() {}

    /**
     * xlate_sample_action(): nothing without the bridge's dpif_ipfix; a sampling port other than the input port is
     * the cookie's output port (an unknown one an error); the pending changes committed, then compose_sample_action()
     * of the flow_sample cookie: the userspace() alone at probability 65535, else inside a datapath sample() with
     * the 16-bit probability scaled to 32 bits. A sampling tunnel port's set(tunnel()) is not modelled.
     */
    static void sample(Xlate x, Action.Sample s) {
        if (!x.br.ipfix()) {
            return;
        }
        long outPort = 0xffffffffL; // ODPP_NONE
        if (s.samplingPort() != Ports.NONE && s.samplingPort() != x.flow[Slot.IN_PORT.ordinal()]) {
            Ofproto.Port p = x.br.port(s.samplingPort());
            if (p == null) {
                x.error("can't use unknown port " + s.samplingPort() + " in flow sample action");
                return;
            }
            outPort = p.dpPort;
        }
        x.committer.commit();
        String userspace = "userspace(pid=0,flow_sample(probability=" + s.probability() + ",collector_set_id="
                + s.collectorSetId() + ",obs_domain_id=" + s.obsDomainId() + ",obs_point_id=" + s.obsPointId()
                + ",output_port=" + outPort + (s.direction() == 1 ? ",ingress" : s.direction() == 2 ? ",egress" : "")
                + "))";
        long probability = ((long) s.probability() << 16) | s.probability();
        // format_odp_sample_action(): the probability as a percentage of UINT32_MAX, one decimal
        x.odpAdd(probability == 0xffffffffL ? userspace : "sample(sample="
                + io.arplab.wire.libc.CLib.fixed(100.0 * probability / 0xffffffffL, 1) + "%,actions(" + userspace + "))");
    }

    // xlate_controller_action(): the packet frozen for a continuation, then the datapath's userspace(controller(...));
    // dont_send without side effects and without an xlate cache (a trace without a packet; a revalidation has its
    // ukey's cache)
    static void controller(Xlate x, int maxLen, int reason, int id) {
        controller(x, maxLen, reason, id, -1, null);
    }

    /** The same with the action's meter_id, or -1 (NX_CTLR_NO_METER), and userdata, or null. */
    static void controller(Xlate x, int maxLen, int reason, int id, long meterId, byte[] userdata) {
        x.committer.commit();
        if (reason == 1 && x.rule != null && x.rule.priority == 0 && x.rule.match.equals(new Match())) {
            reason = 6; // OFPR_EXPLICIT_MISS: sent by a table-miss rule's action
        }
        // the continuation's frozen_state: ctx->table_id, its metadata, ctx->conntracked (+trk here; a ct_clear
        // drops it) and the action's userdata
        int recirc = XlateFreeze.freeze(x, "controller|table=" + x.tableId + "|" + XlateFreeze.frozenMetadata(x)
                + "|conntracked=" + ((x.flow[Slot.CT_STATE.ordinal()] & Conntrack.TRK) != 0)
                + (userdata == null || userdata.length == 0 ? "" : "|" + java.util.HexFormat.of().formatHex(userdata)),
                x.flow, -1, null);
        long cookie = x.rule != null ? x.rule.cookie : x.thawCookie; // ctx->rule_cookie
        String userspace = "userspace(pid=0,controller(reason=" + reason + ",dont_send=" + (x.sideEffects || x.onePass ? 0 : 1)
                + ",continuation=0,recirc_id=" + recirc + ",rule_cookie=" + (cookie == 0 ? "0"
                : "0x" + Long.toHexString(cookie)) + ",controller_id=" + id + ",max_len=" + maxLen + "))";
        // the action's meter, else the bridge's "controller" meter (ofproto->controller_meter_id): the userspace()
        // then goes in a clone, sample(100%), after the meter, which runs on the packet's clone alone
        Meter m = x.br.meters.get(meterId >= 0 ? meterId : 0xfffffffeL);
        if (m == null) {
            x.odpAdd(userspace);
        } else {
            x.odpAdd("sample(sample=100.0%,actions(meter(" + m.providerId + ")," + userspace + "))");
            if (x.execute && !x.meterDropped && x.packet != null) {
                m.run(x.now, x.datapathLength());
            }
        }
        x.xc.replayable = false; // the replay has no userspace(): such megaflows are translated per packet
    }

    // xlate_meter_action(): the datapath's meter runs on the packet; a firing drop band ends it there
    static void meter(Xlate x, Action.Meter a) {
        Meter m = x.br.meters.get(a.meterId());
        if (m == null) {
            return;
        }
        x.odpAdd("meter(" + m.providerId + ")");
        x.xc.replayable = false; // the token bucket runs per packet in the translation, as does a group's stats
        if (x.execute && !x.meterDropped && x.packet != null && m.run(x.now, x.datapathLength())) {
            x.meterDropped = true;
        }
    }
}
