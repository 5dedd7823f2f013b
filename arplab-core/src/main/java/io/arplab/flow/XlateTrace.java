package io.arplab.flow;

import java.util.Arrays;
import java.util.List;

/**
 * What ofproto/trace prints around a translation (ofproto/ofproto-dpif-trace.c): ofproto_trace__()'s flow and bridge
 * banner before it, and its final flow, megaflow and datapath actions after it; and xlate_report_table()'s line for
 * each table a lookup visited.
 */
final class XlateTrace {
    private XlateTrace() {}

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
        } else if (r == x.br.missRule && x.br == x.xinBr) { // ... and of the miss_rule
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
        return MatchFormat.format(m, MatchFormat.DEFAULT_PRIORITY, tracePortNames(x), true);
    }

    // ofproto_trace__()'s port map for the flow, final flow and megaflow: the traced bridge's, even after a thaw in
    // another bridge
    private static PortMap tracePortNames(Xlate x) {
        return x.names ? x.ingress.portMap() : PortMap.NONE;
    }
}
