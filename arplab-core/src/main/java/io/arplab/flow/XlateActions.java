package io.arplab.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * do_xlate_actions() (ofproto-dpif-xlate.c): one action list of a translation, each action in turn, until the list
 * ends, an action exits or the translation fails.
 */
final class XlateActions {
    private XlateActions() {
    }

    static void doXlateActions(Xlate x, List<Action> actions) {
        boolean outerTail = x.tail;
        boolean continues = x.listContinues; // more trace follows this list in its parent's (check_pkt_larger's gt branch)
        x.listContinues = false;
        for (int i = 0; i < actions.size() && !x.exited && x.error == null; i++) { // do_xlate_actions(): ctx->error too
            Action a = actions.get(i);
            x.tail = outerTail && i == actions.size() - 1;
            if (x.wasMpls && Mpls.needsRecirc(a)) { // recirc_for_mpls(): this action and the rest after a recirculation
                x.freezing = new ArrayList<>();
                x.freezeUnroll(actions.subList(i, actions.size()));
                x.freezeMpls = true;
                return;
            }
            if (x.trace != null && !(a instanceof Action.PushVlan p && p.implicit())) { // part of OF1.0's mod_vlan_*
                StringBuilder s = new StringBuilder();
                ActionFormat.format(a, OfVersion.OF15, x.portNames(), s);
                x.line(s.toString());
            }
            boolean toTable = a instanceof Action.Output o && o.port() == Ports.TABLE;
            if (toTable) {
                // xlate_output_action()'s OFPP_TABLE: xlate_table_action() from table 0 with the packet's in_port,
                // honouring the tables' miss config as a resubmit does not
                a = new Action.Resubmit(Ports.IN_PORT, 0);
            }
            if (a instanceof Action.Output o) {
                XlateOutput.outputPort(x, o.port(), o.maxLen());
            } else if (a instanceof Action.OutputTrunc o) {
                XlateOutput.outputTrunc(x, o.port(), o.maxLen());
            } else if (a instanceof Action.Debug d && d.slow()) {
                x.slow = true; // OFPACT_DEBUG_SLOW: SLOW_ACTION
            } else if (a instanceof Action.Debug) {
                x.freezing = new ArrayList<>(); // OFPACT_DEBUG_RECIRC: ctx_trigger_freeze(), the actions after it frozen
            } else if (a instanceof Action.UnrollXlate u) { // xlate_ofpact_unroll_xlate()
                x.tableId = u.table();
                x.thawCookie = u.cookie();
                // its "%#"PRIx64 of the ovs_be64 cookie: the bytes swapped on a little-endian host
                long be = Long.reverseBytes(u.cookie());
                x.line("restored state: table=" + u.table() + ", cookie=" + (be == 0 ? "0" : "0x" + Long.toHexString(be)));
            } else if (a instanceof Action.OutputReg o) {
                long port = x.get(o.src());
                if (port > 0xffff) { // xlate_output_reg_action(): no port beyond UINT16_MAX
                    x.problem("output port " + port + " is out of range");
                    continue;
                }
                if (x.trace != null) {
                    x.note("output port is " + port);
                }
                XlateOutput.outputPort(x, port);
            } else if (a instanceof Action.GotoTable g) {
                x.gotoTable(g.table());
            } else if (a instanceof Action.Resubmit r) {
                if (r.ct() && (x.ctOrig == null || x.flow[Slot.CT_STATE.ordinal()] == 0
                        || x.flow[Slot.DL_TYPE.ordinal()] != (x.ctOrig.v6() ? Match.ETH_IPV6 : Match.ETH_IP))) {
                    // xlate_table_action(): no ct_nw_proto (untracked, cleared by ct() or ct_clear) or not IP
                    x.error("resubmit(ct) with non-tracked or non-IP packet!");
                    continue;
                }
                if (x.resourcesExhausted()) {
                    continue; // the translation stops
                }
                int target = r.table() == 255 ? x.tableId : r.table(), from = x.trace != null ? x.trace.length() : 0;
                boolean deepens = target <= x.tableId, nested = i < actions.size() - 1 || continues;
                int savedLevel = x.level, savedTableLevel = x.tableLevel, savedTable = x.tableId;
                // oftrace_node_print_details(): a table node with trace after it in its list is nested; the last
                // action's table is not, however deep its list sits
                if (nested) {
                    x.tableLevel = x.level + 1;
                    x.level += 2;
                } else {
                    x.tableLevel = x.level;
                }
                if (r.inPort() != Ports.IN_PORT) {
                    // rule_dpif_lookup_from_table(): the lookup alone takes the resubmit's port
                    x.lookupInPort = x.flow[Slot.IN_PORT.ordinal()];
                    x.flow[Slot.IN_PORT.ordinal()] = r.inPort();
                }
                if (r.ct()) {
                    XlateCt.tupleSwap(x); // with_ct_orig: the lookup takes the connection's original 5-tuple
                }
                x.recursion += deepens ? 1 : 0;
                x.table(target, toTable); // xlate_ofpact_resubmit(): 255 is the current table
                x.recursion -= deepens ? 1 : 0;
                // a failed translation, an exit or a freeze put nothing after the table node, but for an exit or a
                // freeze in check_pkt_larger's first branch, after which xlate_check_pkt_larger() translates the other
                if ((x.error != null || (x.exited || x.freezing != null) && !continues) && nested && x.trace != null) {
                    x.unnest(from);
                }
                x.level = savedLevel;
                x.tableLevel = savedTableLevel;
                x.tableId = savedTable;
            } else if (a instanceof Action.Stack st) {
                x.stackAction(st);
            } else if (a instanceof Action.Move m) { // mf_subfield_copy(): both subfields unwildcarded
                boolean copy = FlowPrereqs.moveHasFields(m, x.flow, x.wc);
                if (copy && m.src().field().nBits <= 64 && m.dst().field().nBits <= 64) {
                    long v = x.get(m.src());
                    x.set(m.dst(), v);
                    x.unwildcard(m.src().field(), m.src().mask());
                    x.unwildcard(m.dst().field(), m.dst().mask());
                } else if (copy) {
                    m.dst().put(x.flow, m.src().get(x.flow));
                    m.src().field().put(x.wc, m.src().bits(), m.src().bits());
                    m.dst().field().put(x.wc, m.dst().bits(), m.dst().bits());
                }
                if (x.trace != null) {
                    x.note(m.dst() + " is now " + x.subValue(m.dst()));
                }
            } else if (a instanceof Action.SetField f) {
                if (f.field().slot == Slot.MPLS_LSE && !Packet.isMpls(x.flow[Slot.DL_TYPE.ordinal()])) {
                    if (f.raw() != Action.Raw.LEGACY) { // compose_set_mpls_*_action(): nothing on a non-MPLS flow
                        x.problem("unmet prerequisites for " + f.field().name + ", set_field ignored");
                    }
                    continue;
                }
                if (!f.legacy() && !(FlowPrereqs.l3(f.field(), x.flow, x.wc) && FlowPrereqs.l4(f.field(), x.flow, x.wc)
                        && FlowPrereqs.nd(f.field(), x.flow, x.wc))) {
                    x.problem("unmet prerequisites for " + f.field().name + ", set_field ignored");
                    continue;
                }
                if (f.raw() == Action.Raw.LEGACY && (f.field() == Field.IPV4_SRC || f.field() == Field.IPV4_DST)
                        && x.flow[Slot.DL_TYPE.ordinal()] != Match.ETH_IP) {
                    continue; // OFPACT_SET_IPV4_SRC/DST: IPv4 only (an ARP or RARP flow keeps its addresses)
                }
                if ((f.raw() == Action.Raw.LEGACY || f.raw() == Action.Raw.LEGACY_L4)
                        && (f.field().slot == Slot.TP_SRC || f.field().slot == Slot.TP_DST)) {
                    long dl = x.flow[Slot.DL_TYPE.ordinal()];
                    if (dl != Match.ETH_IP && dl != Match.ETH_IPV6 || (x.flow[Slot.NW_FRAG.ordinal()] & 2) != 0) {
                        continue; // OFPACT_SET_L4_SRC/DST_PORT: IP only, not a later fragment
                    }
                    x.wc[Slot.NW_PROTO.ordinal()] = 0xff; // and it reads the protocol
                }
                if (f.raw() == Action.Raw.LEGACY_NO_PUSH && (x.flow[Slot.VLAN_TCI.ordinal()] & Match.VLAN_CFI) == 0) {
                    // OFPACT_SET_VLAN_VID/PCP without push_vlan_if_needed: an untagged packet stays untagged
                    x.wc[Slot.VLAN_TCI.ordinal()] |= (f.field() == Field.VLAN_VID ? Match.VLAN_VID : Match.VLAN_PCP)
                            | Match.VLAN_CFI;
                    continue;
                }
                if (f.field().nBits > 64) {
                    U128 bits = f.wideMask().and(f.field().ones());
                    f.field().put(x.flow, f.wideValue(), bits);
                    f.field().put(x.wc, bits, bits);
                } else {
                    // mf_set_flow_value() and mf_mask_field_masked() of nw_tos (MFF_IP_DSCP): its DSCP bits alone
                    long mask = f.mask() & (f.field() == Field.IP_DSCP ? 0xfc : f.field().ones().lo());
                    x.setField(f.field(), f.value(), mask);
                    x.unwildcard(f.field(), mask);
                    if (f.field().slot == Slot.VLAN_TCI && x.flow[Slot.VLAN_TPID.ordinal()] == 0
                            && x.flow[Slot.VLAN_TCI.ordinal()] != 0) {
                        x.flow[Slot.VLAN_TPID.ordinal()] = 0x8100; // mf_set_flow_value(): flow_fix_vlan_tpid()
                    }
                }
                FlowPrereqs.maskL3(f, x.flow, x.wc);
            } else if (a instanceof Action.DecTtl d) {
                // OFPACT_DEC_TTL reads the TTL and, in OVS 3.1, the protocol (refdata/geneve/ovs traces)
                x.unwildcard(Field.IP_TTL, 0xff);
                x.wc[Slot.NW_PROTO.ordinal()] = 0xff;
                if (XlateHeaders.decTtlExpired(x, d)) {
                    return; // stop processing for the current table
                }
            } else if (a instanceof Action.Controller c && c.pause()) {
                x.pause = c; // OFPACT_CONTROLLER with pause: ctx_trigger_freeze(), the actions after it frozen
                x.freezing = new ArrayList<>();
            } else if (a instanceof Action.Controller c) {
                XlateUserspace.controller(x, c.maxLen(), c.reason(), c.id(), c.meterId(), c.userdata());
            } else if (a instanceof Action.Sample sa) {
                XlateUserspace.sample(x, sa);
            } else if (a instanceof Action.Multipath m) {
                x.set(m.dst(), Bundles.multipath(m, x.flow, x.wc)); // multipath_execute(), then xlate_report_subfield()
                x.unwildcard(m.dst().field(), m.dst().mask());
                if (x.trace != null) {
                    x.note(m.dst() + " is now " + x.subValue(m.dst()));
                }
            } else if (a instanceof Action.Bundle b) {
                // xlate_bundle_action(): a member is live when it is a port of the bridge that may be enabled
                // (bundle_member_enabled_cb())
                long port = Bundles.execute(b, x.flow, x.wc, x.br::mayEnable);
                if (b.dst() != null) {
                    x.set(b.dst(), port);
                    x.unwildcard(b.dst().field(), b.dst().mask());
                    if (x.trace != null) {
                        x.note(b.dst() + " is now " + x.subValue(b.dst()));
                    }
                } else {
                    XlateOutput.outputPort(x, port);
                }
            } else if (a instanceof Action.FinTimeout t) {
                XlateLearn.finTimeout(x, t);
            } else if (a instanceof Action.CheckPktLarger c && !x.br.datapath.supportsCheckPktLen()) {
                // xlate_check_pkt_larger() without the datapath's action: the length of the packet the pass received
                // (dp_packet_size(xin->packet)) decides in userspace (0 without a packet), the flow slow-pathed
                x.set(c.dst(), x.packet != null && x.passLength > c.pktLen() ? 1 : 0);
                x.slow = true;
            } else if (a instanceof Action.CheckPktLarger c) {
                XlateClone.checkPktLarger(x, c, actions.subList(i + 1, actions.size()), outerTail);
                return; // each branch translated what follows

            } else if (a instanceof Action.SetNwTtl t) {
                x.unwildcard(Field.IP_TTL, 0xff);
                x.flow[Slot.NW_TTL.ordinal()] = t.ttl();
            } else if (a instanceof Action.Ct c) {
                XlateCt.ct(x, c);
            } else if (a instanceof Action.Clone c) {
                XlateClone.composeClone(x, c, i < actions.size() - 1 || continues);
            } else if (a instanceof Action.WriteMetadata w) {
                x.flow[Slot.METADATA.ordinal()] = (x.flow[Slot.METADATA.ordinal()] & ~w.mask()) | (w.value() & w.mask());
            } else if (a instanceof Action.Group g) {
                XlateGroup.group(x, g);
            } else if (a instanceof Action.Meter m) {
                XlateUserspace.meter(x, m);
            } else if (a instanceof Action.Learn l) {
                XlateLearn.learn(x, l);
            } else if (a instanceof Action.ClearActions) {
                XlateClone.noteActionSet(x, "was");
                x.actionSet.clear();
                x.actsetOutput = x.OFPP_UNSET;
                x.actionSetHasGroup = false;
            } else if (a instanceof Action.WriteActions w) { // xlate_write_actions()
                for (int j = 0; j < w.actions().size() && !x.actionSetHasGroup; j++) {
                    if (w.actions().get(j) instanceof Action.Output o) {
                        x.actsetOutput = o.port();
                    } else if (w.actions().get(j) instanceof Action.Group) {
                        x.actsetOutput = x.OFPP_UNSET;
                        x.actionSetHasGroup = true;
                    }
                }
                x.actionSet.addAll(w.actions());
                XlateClone.noteActionSet(x, "is");
            } else if (a instanceof Action.PushMpls p) {
                XlateHeaders.pushMpls(x, p.ethertype());
            } else if (a instanceof Action.PopMpls p) {
                XlateHeaders.popMpls(x, p.ethertype());
            } else if (a instanceof Action.SetMplsTtl t) { // compose_set_mpls_ttl_action()
                if (Packet.isMpls(x.flow[Slot.DL_TYPE.ordinal()])) {
                    x.wc[Slot.MPLS_LSE.ordinal()] |= Mpls.TTL;
                    x.flow[Slot.MPLS_LSE.ordinal()] = x.flow[Slot.MPLS_LSE.ordinal()] & ~Mpls.TTL | t.ttl();
                }
            } else if (a instanceof Action.DecMplsTtl) {
                if (XlateHeaders.decMplsTtlExpired(x)) {
                    return; // stop processing for the current table
                }
            } else if (a instanceof Action.PushVlan p) {
                XlateHeaders.pushVlan(x, p);
            } else if (a instanceof Action.PopVlan) {
                XlateHeaders.popVlan(x);
            } else if (a instanceof Action.Exit) {
                x.exited = true;
            } else if (a instanceof Action.Nat n) {
                x.ctNat = n.text(); // OFPACT_NAT: compose_conntrack_action() puts the last one
            } else if (a instanceof Action.CtClear) {
                // xlate_actions(): only a conntracked packet (+trk, as after ct(table=)) gets the datapath's
                // ct_clear, put without committing the pending set()s (compose_ct_clear_action())
                // (and only where the datapath has ct_clear: rt_support.ct_clear)
                if ((x.flow[Slot.CT_STATE.ordinal()] & Conntrack.TRK) != 0 && x.br.datapath.supports(Datapath.Support.CT_CLEAR)) {
                    x.odpAdd("ct_clear");
                    Arrays.fill(x.packetCt, 0);
                }
                Conntrack.clear(x.flow);
            } else if (a instanceof Action.SetTunnel t) {
                x.setField(Field.TUN_ID, t.tunId(), -1L);
            } else if (a instanceof Action.Enqueue e) {
                XlateOutput.enqueue(x, e);
            } else if (a instanceof Action.Queue q) { // OFPACT_SET_QUEUE, OFPACT_POP_QUEUE
                int p = Slot.SKB_PRIORITY.ordinal();
                x.wc[p] = Slot.SKB_PRIORITY.max;
                if (q.queue() >= 0) {
                    x.flow[p] = q.queue(); // xlate_set_queue_action()
                } else if (x.flow[p] != x.initial[p]) { // ctx->orig_skb_priority
                    x.flow[p] = x.initial[p];
                    x.note("queue = " + MatchFormat.hex(x.flow[p]));
                }
            }
            if (x.freezing != null) {
                x.freezeUnroll(actions.subList(i + 1, actions.size()));
                return;
            }
        }
    }
}
