package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * The action lists a translation runs in a context of their own (ofproto-dpif-xlate.c clone_xlate_actions(),
 * compose_clone(), xlate_check_pkt_larger(), xlate_action_set()): the datapath clone() or sample() around what the
 * datapath cannot undo, the two branches of check_pkt_len, and the action set at a pipeline's or a clone's end.
 */
final class XlateClone {
    private XlateClone() {}

    /**
     * clone_xlate_actions(): the actions, then the action set (or the freeze); when they are not reversible and not
     * the last action, inside a datapath clone() (or sample(), as the datapath supports) after the pending changes
     * are committed, the base flow restored after it.
     */
    static void cloneActions(Xlate x, List<Action> program) {
        byte[] savedStack = x.stack.bytes(); // clone_xlate_actions(): the actions work on a copy of the stack
        try {
            cloneActions(x, program, x.listContinues);
        } finally {
            x.stack.set(savedStack);
        }
    }

    static void cloneActions(Xlate x, List<Action> program, boolean continues) {
        int from = x.trace == null ? 0 : x.trace.length(), listLevel = x.level;
        if (x.tail || reversible(program)) {
            x.actions(program, true);
            finishActions(x, from, listLevel, continues);
            return;
        }
        x.committer.commit();
        long[] savedBase = x.base == x.initial ? null : x.base.clone();
        // the datapath's clone() acts on a copy of the packet (odp_execute_clone()): its own metadata and bytes
        long[] savedCt = x.packetCt.clone();
        long savedDpHash = x.packetDpHash;
        byte[] savedPacket = x.packet;
        long[] savedNat = x.natHeld == null ? null : x.natHeld.clone();
        int savedNatMask = x.natMask;
        boolean savedWasMpls = x.wasMpls;
        // the datapath's clone(), else a sample() of 100% where it nests samples deeper than 3, else nothing
        boolean sample = !x.br.datapath.supportsClone();
        if (sample && x.br.datapath.sampleNesting() <= 3) {
            x.error("Failed to compose clone action");
            x.base = savedBase == null ? x.initial : savedBase;
            return;
        }
        String open = sample ? "sample(sample=100.0%,actions(" : "clone(";
        if (!x.odp.isEmpty() && x.odp.charAt(x.odp.length() - 1) != '(') {
            x.odp.append(',');
        }
        int at = x.odp.length();
        x.odp.append(open);
        x.xc.ops.add(new XlateCache.Op(XlateCache.CLONE, 0, 0, null, false, null));
        x.tail = true;
        x.actions(program, true);
        finishActions(x, from, listLevel, continues);
        x.tail = false;
        x.xc.ops.add(new XlateCache.Op(XlateCache.CLONE_END, 0, 0, null, false, null));
        System.arraycopy(savedCt, 0, x.packetCt, 0, x.packetCt.length);
        x.packetDpHash = savedDpHash;
        x.packet = savedPacket;
        x.natHeld = savedNat;
        x.natMask = savedNatMask;
        x.wasMpls = savedWasMpls;
        if (x.odp.length() == at + open.length()) { // nl_msg_end_non_empty_nested(): no empty clone
            x.odp.setLength(at > 0 ? at - 1 : 0);
        } else if (sample) {
            x.odp.append("))");
        } else {
            x.odp.append(')');
            x.lastClone = at;
        }
        x.base = savedBase == null ? x.initial : savedBase;
    }

    /**
     * compose_clone(): clone_xlate_actions() on the clone's own copy of the action set; the flow (actset_output
     * with it) is what it was before, whichever way the actions were translated. Its actions print in the trace
     * list of the clone's, so a table they lead to nests when anything follows the clone there.
     */
    static void composeClone(Xlate x, Action.Clone c, boolean continues) {
        long[] savedFlow = x.flow.clone();
        List<Action> savedSet = new ArrayList<>(x.actionSet);
        long savedActset = x.actsetOutput;
        x.listContinues = continues;
        cloneActions(x, c.actions());
        x.listContinues = false;
        System.arraycopy(savedFlow, 0, x.flow, 0, x.flow.length);
        x.actionSet.clear();
        x.actionSet.addAll(savedSet);
        x.actsetOutput = savedActset;
    }

    // the action set at the end of a clone's actions (xlate_action_set()), or the freeze that stopped them
    static void finishActions(Xlate x, int from, int listLevel, boolean continues) {
        if (x.freezing == null && !x.exited && x.error == null) {
            actionSet(x, from, listLevel, continues);
        }
        if (x.freezing != null) {
            XlateFreeze.finishFreezing(x);
        }
    }

    // reversible_actions(): the datapath can undo what they do to the packet (no ct, meter, nat, trunc ...)
    private static boolean reversible(List<Action> actions) {
        for (Action a : actions) {
            if (a instanceof Action.Ct || a instanceof Action.Meter || a instanceof Action.OutputTrunc) {
                return false;
            }
        }
        return true;
    }

    // xlate_check_pkt_larger() with the datapath's check_pkt_len: the actions after it translated twice, with DST 1
    // (gt) and 0 (le), from the same committed flow; the flow is restored after, the wildcards of both kept. A
    // packet's outputs are those of the branch its length takes.
    static void checkPktLarger(Xlate x, Action.CheckPktLarger c, List<Action> rest, boolean outerTail) {
        x.committer.commit();
        long[] savedFlow = x.flow.clone(), savedBase = x.base.clone();
        // odp_execute_check_pkt_len(): the packet's size where the action runs, the tags committed so far included
        boolean larger = x.packet != null && x.datapathLength() > c.pktLen();
        x.xc.replayable = false; // the replay has no check_pkt_len(): it is translated per packet
        x.odpAdd("check_pkt_len(size=" + c.pktLen() + ",gt(");
        for (int gt = 1; gt >= 0; gt--) {
            int before = x.outputs.size();
            x.set(c.dst(), gt);
            x.tail = gt == 0 && outerTail; // the first branch's resubmits nest in the trace
            x.listContinues = gt == 1;
            if (rest.isEmpty()) {
                x.line("drop"); // do_xlate_actions() of an empty list
            }
            x.actionList(rest);
            if (x.freezing != null) {
                XlateFreeze.finishFreezing(x);
            }
            if (larger != (gt == 1)) {
                x.outputs.subList(before, x.outputs.size()).clear(); // the datapath runs the other branch
            }
            x.flow = savedFlow.clone();
            x.base = savedBase.clone();
            x.exited = false;
            if (x.odp.charAt(x.odp.length() - 1) == '(') {
                x.odp.append("drop"); // format_odp_actions(): an empty branch
            }
            x.odp.append(gt == 1 ? "),le(" : "))");
            x.lastClone = -1;
        }
        x.tail = outerTail;
    }

    // xlate_report_action_set(): the action set as it would run now
    static void noteActionSet(Xlate x, String verb) {
        if (x.trace != null) {
            List<Action> list = Group.actionList(x.actionSet);
            x.note("action set " + verb + (list.isEmpty() ? " empty" : ": " + ActionFormat.format(list, OfVersion.OF15,
                    PortMap.NONE)));
        }
    }

    /**
     * xlate_action_set(): at the pipeline's end, the action set's actions in ofpacts_execute_action_set()'s order;
     * nothing without a final action. Its trace node follows the first table's, so that a table that table's last
     * action led to is no longer its last node and is indented as oftrace_node_print_details() does.
     */
    static void actionSet(Xlate x) {
        actionSet(x, -1, 0, false);
    }

    /**
     * The same at the end of a clone's actions (clone_xlate_actions()), whose trace list from {@code from} at
     * {@code listLevel} the node joins: indented as the list's last node unless trace follows the clone there.
     */
    static void actionSet(Xlate x, int from, int listLevel, boolean continues) {
        if (x.actionSet.isEmpty()) {
            return; // most pipelines write no action set: nothing to order
        }
        List<Action> list = Group.actionList(x.actionSet);
        x.actionSet.clear();
        if (list.isEmpty()) {
            return;
        }
        int setLevel = from >= 0 && continues ? listLevel + 2 : listLevel;
        if (x.trace != null) {
            nestLastNode(x, from < 0 ? x.lastTopTable : lastNode(x, from, listLevel));
            x.trace.append("    ".repeat(from >= 0 && continues ? listLevel + 1 : listLevel))
                    .append("--. Executing action set:\n");
        }
        int savedLevel = x.level, savedTableLevel = x.tableLevel;
        x.level = setLevel;
        x.tableLevel = setLevel;
        x.tail = true;
        x.inActionSet = true;
        x.actions(list, false);
        x.inActionSet = false;
        x.level = savedLevel;
        x.tableLevel = savedTableLevel;
    }

    // where the trace from 'from' has a node printed as its list's last (a table without trace after it), or -1
    static int lastNode(Xlate x, int from, int listLevel) {
        for (int at = from; at < x.trace.length(); at = x.trace.indexOf("\n", at) + 1) {
            int spaces = 0;
            while (at + spaces < x.trace.length() && x.trace.charAt(at + spaces) == ' ') {
                spaces++;
            }
            if (at + spaces < x.trace.length() && x.trace.charAt(at + spaces) != '\n' && spaces < 4 * (listLevel + 1)) {
                return at;
            }
        }
        return -1;
    }

    // oftrace_node_print_details(): a node no longer last in its list is indented one step, its subtree two
    static void nestLastNode(Xlate x, int at) {
        if (at < 0) {
            return;
        }
        String[] lines = x.trace.substring(at).split("\n", -1);
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < lines.length - 1; i++) {
            t.append(lines[i].isEmpty() ? "" : i == 0 ? "    " : "        ").append(lines[i]).append('\n');
        }
        x.trace.replace(at, x.trace.length(), t.toString());
    }
}
