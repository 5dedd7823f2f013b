package io.arplab.flow;

import java.util.List;

/**
 * The actions that push or pop a header or lower a TTL (ofproto-dpif-xlate.c): VLAN tags (flow_push_vlan_uninit(),
 * flow_pop_vlan()), MPLS labels (compose_mpls_push_action(), compose_mpls_pop_action(),
 * compose_dec_mpls_ttl_action()) and the IP TTL (compose_dec_ttl()).
 */
final class XlateHeaders {
    private XlateHeaders() {}

    // compose_mpls_push_action(): a first label commits what the flow's L3 fields changed before they are cleared;
    // no fourth label (XLATE_TOO_MANY_MPLS_LABELS ends the translation)
    static void pushMpls(Xlate x, int ethertype) {
        int n = Mpls.count(x.flow, x.wc);
        if (n == 0) {
            x.committer.commit();
            if (x.packet != null) {
                x.packet = x.rewritten(); // the sets just committed, before L3 is hidden
            }
        } else if (n >= Packet.MPLS_LSES.length) {
            tooManyLabels(x, "push");
            return;
        }
        Mpls.push(x.flow, n, ethertype, x.wc, true);
    }

    // compose_mpls_pop_action(): a pop to a non-MPLS Ethertype makes L3 actions after it recirculate
    static void popMpls(Xlate x, int ethertype) {
        int n = Mpls.count(x.flow, x.wc);
        if (Mpls.pop(x.flow, n, ethertype, x.wc)) {
            x.wasMpls |= !Packet.isMpls(ethertype);
        } else if (n >= Packet.MPLS_LSES.length) {
            tooManyLabels(x, "pop");
        }
    }

    private static void tooManyLabels(Xlate x, String verb) {
        if (x.packet != null) {
            x.problem("dropping packet on which an MPLS " + verb + " action can't be performed as it would have more"
                    + " MPLS LSEs than the " + Packet.MPLS_LSES.length + " supported.");
        }
        x.error = "Too many MPLS labels"; // XLATE_TOO_MANY_MPLS_LABELS
        x.exited = true;
    }

    // compose_dec_mpls_ttl_action(): a TTL above 1 decremented; else a packet-in with reason invalid_ttl; a non-MPLS
    // flow stops the table too
    static boolean decMplsTtlExpired(Xlate x) {
        if (Packet.isMpls(x.flow[Slot.DL_TYPE.ordinal()])) {
            long lse = x.flow[Slot.MPLS_LSE.ordinal()];
            x.wc[Slot.MPLS_LSE.ordinal()] |= Mpls.TTL;
            if ((lse & Mpls.TTL) > 1) {
                x.flow[Slot.MPLS_LSE.ordinal()] = lse - 1;
                return false;
            }
            XlateUserspace.controller(x, 0xffff, 2, 0); // OFPR_INVALID_TTL
        }
        x.problem("MPLS decrement TTL exception");
        return true;
    }

    // compose_dec_ttl(): an IPv4 TTL above 1 decremented; else a packet-in with reason invalid_ttl to each controller
    // id (0 for plain dec_ttl), sent nowhere here, as no controller is connected
    static boolean decTtlExpired(Xlate x, Action.DecTtl d) {
        if (!Packet.isIpAny(FlowPrereqs.dlType(x.flow))) { // compose_dec_ttl(): is_ip_any(), get_dl_type()'s
            return false;
        }
        boolean v6 = x.flow[Slot.DL_TYPE.ordinal()] != Match.ETH_IP; // its report: flow->dl_type's IPv4, else IPv6
        long ttl = x.flow[Slot.NW_TTL.ordinal()];
        if (ttl > 1) {
            x.flow[Slot.NW_TTL.ordinal()] = ttl - 1;
            return false;
        }
        for (int id : d.ids() == null ? List.of(0) : d.ids()) {
            XlateUserspace.controller(x, 0xffff, 2, id); // OFPR_INVALID_TTL
        }
        x.problem(v6 ? "IPv6 decrement TTL exception" : "IPv4 decrement TTL exception");
        return true;
    }

    // OFPACT_PUSH_VLAN: flow_push_vlan_uninit() (the tags there matched whole), then the new outer tag; the tag
    // mod_vlan_vid/mod_vlan_pcp push (OFPACT_SET_VLAN_VID's push_vlan_if_needed) only on an untagged packet
    static void pushVlan(Xlate x, Action.PushVlan p) {
        int n = Packet.vlanCount(x.flow);
        if (p.implicit() && n > 0) {
            return;
        }
        Slot[] tag = {Slot.VLAN_TCI, Slot.VLAN_TPID, Slot.VLAN_TCI1, Slot.VLAN_TPID1};
        for (int i = 0; i < 2 * n; i++) {
            x.wc[tag[i].ordinal()] = 0xffff;
        }
        x.flow[Slot.VLAN_TCI1.ordinal()] = x.flow[Slot.VLAN_TCI.ordinal()];
        x.flow[Slot.VLAN_TPID1.ordinal()] = x.flow[Slot.VLAN_TPID.ordinal()];
        x.flow[Slot.VLAN_TCI.ordinal()] = Match.VLAN_CFI;
        x.flow[Slot.VLAN_TPID.ordinal()] = p.ethertype();
    }

    // OFPACT_STRIP_VLAN: flow_pop_vlan() (the inner tag matched whole when there are two)
    static void popVlan(Xlate x) {
        if (Packet.vlanCount(x.flow) > 1) {
            x.wc[Slot.VLAN_TCI1.ordinal()] = 0xffff;
            x.wc[Slot.VLAN_TPID1.ordinal()] = 0xffff;
        }
        x.flow[Slot.VLAN_TCI.ordinal()] = x.flow[Slot.VLAN_TCI1.ordinal()];
        x.flow[Slot.VLAN_TPID.ordinal()] = x.flow[Slot.VLAN_TPID1.ordinal()];
        x.flow[Slot.VLAN_TCI1.ordinal()] = 0;
        x.flow[Slot.VLAN_TPID1.ordinal()] = 0;
    }
}
