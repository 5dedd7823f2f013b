package io.arplab.flow;

import java.util.Arrays;
import java.util.List;

/**
 * ofproto/trace (ofproto/ofproto-dpif-trace.c): ofproto_trace()'s run of a bridge's pipeline (and arplab's Traceflow
 * the same way), and what it prints around a translation: ofproto_trace__()'s flow and bridge banner before it, and
 * its final flow, megaflow and datapath actions after it; and xlate_report_table()'s line for each table a lookup
 * visited.
 */
final class XlateTrace {
    private XlateTrace() {}

    /**
     * ofproto_trace(): the pipeline of bridge {@code br} for {@code flow} (and its packet, if any), without side
     * effects, running {@code actions} (null: the tables) as ofproto/trace-packet-out does, with ports by name for
     * --names.
     */
    static String trace(Ofproto br, long now, long[] flow, byte[] packet, List<Integer> ctNext, List<Action> actions,
            boolean names) {
        // xlate_in_init(): a recirc_id's frozen state, if recirc_id_node_find() still has it; xlate_actions() then
        // thaws it in the bridge it names, or reports the missing context
        long id = flow[Slot.RECIRC_ID.ordinal()];
        RecircIds.Node node = id == 0 ? null : br.datapath.recirc.find(id, now);
        Xlate x = new Xlate(br, now, flow, packet, new StringBuilder(), ctNext, false);
        x.names = names;
        x.traceTunTab = true;
        if (node != null && actions == null) {
            x.thawIn(node.br, flow[Slot.IN_PORT.ordinal()]); // the trace's bridge banner, then the frozen one's
        }
        x.thawed = actions == null ? node : null; // thawed after the trace shows the flow as given
        if (actions != null && id != 0) {
            if (node != null) {
                x.runConflict();
            } else {
                x.runWithoutContext();
            }
        } else if (actions != null) {
            x.runActions(actions);
        } else if (node != null) {
            x.resume(node.id, node.table, node.actions);
        } else if (id != 0) {
            x.runWithoutContext();
        } else {
            x.run();
        }
        x.releaseRecircs();
        // execute_actions_except_outputs(): a trace given a packet executes its datapath actions but outputs and
        // recirculations; of arplab's, tnl_pop has an effect (the popped packet's datapath flows)
        for (Xlate.Pop p : x.pops) {
            br.datapath.tnlPop(now, p.port(), p.frame());
        }
        return x.trace.toString();
    }

    /**
     * Traceflow: {@code frame} received on {@code inPort} (from a tunnel port: with its key in front) through the
     * pipeline as ofproto/trace runs it (no counters, no learning, conntrack answering new), what it decides
     * recorded in {@code hop}, what leaves in {@code hop.outputs}.
     */
    static void traceflow(Ofproto br, long now, long inPort, byte[] frame, TraceflowHop hop) {
        Ofproto.Port in = br.port(inPort);
        boolean tunnel = in != null && in.isTunnel();
        long[] flow = tunnel ? Tunnel.receive(frame, inPort)
                : Packet.extract(frame, inPort, br.datapath.vlanLimit());
        Xlate x = new Xlate(br, now, flow, tunnel ? io.arplab.wire.Geneve.Metadata.inner(frame) : frame, null,
                List.of(), false);
        x.hop = hop;
        x.run();
        hop.outputs.addAll(x.outputs);
    }

    /** The section's "Flow:" and bridge banner, and a thawed pass's thaw node. */
    static void flow(Xlate x, int recircId, int table, List<Action> frozenActions) {
        StringBuilder trace = x.trace;
        trace.append("Flow: ").append(FlowFormat.format(x.flow, tracePortNames(x))).append("\n\n");
        // the bridge the trace (or the packet) came in on; a thaw then goes on in its frozen state's
        String banner = "bridge(\"" + x.ingress.name + "\")";
        trace.append(banner).append('\n').append("-".repeat(banner.length())).append('\n');
        if (x.conflict) {
            trace.append("thaw\n");
        } else if (recircId != 0 && !x.noContext && frozenActions != null && !frozenActions.isEmpty()) {
            // xlate_actions(): the thaw node's "Resuming" then "Restoring actions", the last of its nodes
            trace.append("    thaw\n            Resuming from table ").append(table).append('\n')
                    .append("        Restoring actions: ")
                    .append(ActionFormat.format(frozenActions, OfVersion.OF15, x.portNames())).append('\n');
        } else if (recircId != 0 && !x.noContext) {
            trace.append("    thaw\n        Resuming from table ").append(table).append('\n');
        }
    }

    /**
     * xlate_report_table(): table {@code t}'s rule {@code r}, the drop_frags_rule ({@code dropFrag}) or the miss_rule,
     * or a miss (null),
     * which it tells by comparing with xin->ofproto's no_packet_in_rule: a miss in another bridge (behind a patch port)
     * shows that bridge's hidden rule, reg0=0x2.
     */
    static void table(Xlate x, int t, Rule r, boolean dropFrag) {
        StringBuilder trace = x.trace;
        trace.append("    ".repeat(x.tableLevel)).append(String.format("%2d. ", t));
        if (r == null) {
            trace.append(x.br == x.xinBr ? "No match." : "reg0=0x2, priority 0").append('\n');
        } else if (dropFrag && x.br == x.xinBr) {
            trace.append("Packets are IP fragments and the fragment handling mode is \"drop\".\n");
        } else if (r == x.br.internal.miss && x.br == x.xinBr) { // ... and of the miss_rule
            trace.append("No match, and a \"packet-in\" is called for.\n");
        } else {
            String m = MatchFormat.format(r.match, MatchFormat.DEFAULT_PRIORITY, x.portNames());
            trace.append(m).append(m.isEmpty() ? "" : ", ").append("priority ").append(r.priority);
            if (r.cookie != 0) {
                trace.append(", cookie 0x").append(Long.toHexString(r.cookie));
            }
            trace.append('\n');
        }
    }

    /** The section's "Final flow:", "Megaflow:" and "Datapath actions:", and why it failed or takes the slow path. */
    static void result(Xlate x) {
        StringBuilder trace = x.trace;
        trace.append('\n');
        // tnl_port_send() writes flow->tunnel even when it then refuses to tunnel, so OVS no longer sees the
        // flow as unchanged
        boolean unchanged = Arrays.equals(x.flow, x.initial) && !x.tunnelNoteDone && x.actsetOutput == Xlate.OFPP_UNSET;
        trace.append("Final flow: ").append(unchanged ? "unchanged" : FlowFormat.format(x.flow, tracePortNames(x)))
                .append('\n');
        trace.append("Megaflow: ").append(megaflow(x)).append('\n');
        trace.append("Datapath actions: ").append(x.odp.isEmpty() ? "drop"
                : x.names ? OdpFlowFormat.actions(x.odp.toString(), x.br.datapath.portNames(true)) : x.odp).append('\n');
        if (x.error != null) {
            trace.append("Translation failed (").append(x.error).append("), packet is dropped.\n");
        } else if (x.slow) {
            trace.append("This flow is handled by the userspace slow path because it:\n"
                    + "  - Uses action(s) not supported by datapath.\n");
        }
    }

    // the megaflow the translation's wildcards make of its initial flow, as a match
    private static String megaflow(Xlate x) {
        Match m = new Match();
        long[] mask = XlateWc.megaflowMask(x, false);
        for (Slot s : Slot.ALL) {
            m.putSlot(s, x.initial[s.ordinal()], mask[s.ordinal()]);
        }
        // match_format(): "eth" for a megaflow, one whose recirc_id is exact (the datapath recirculates)
        return MatchFormat.format(m, MatchFormat.DEFAULT_PRIORITY, tracePortNames(x), mask[Slot.RECIRC_ID.ordinal()] != 0);
    }

    // ofproto_trace__()'s port map for the flow, final flow and megaflow: the traced bridge's, even after a thaw in
    // another bridge
    private static PortMap tracePortNames(Xlate x) {
        return x.names ? x.ingress.portMap() : PortMap.NONE;
    }
}
