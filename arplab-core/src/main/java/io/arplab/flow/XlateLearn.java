package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * The actions that change the bridge's own flows as a packet passes: learn (xlate_learn_action(), learn_execute()'s
 * flow_mod) and fin_timeout (xlate_fin_timeout()).
 */
final class XlateLearn {
    private XlateLearn() {}

    // xlate_learn_action(): learn_mask() unwildcards the sources; a packet's translation runs learn_execute()'s
    // flow_mod (MODIFY_STRICT: added, or its actions replaced and its timeouts restarted)
    static void learn(Xlate x, Action.Learn l) {
        x.creditRules();
        for (Action.LearnSpec sp : l.specs()) {
            if (sp.src() != null && sp.src().field().nBits <= 64) {
                x.unwildcard(sp.src().field(), sp.src().mask());
            } else if (sp.src() != null) { // learn_mask(): all of a wide source's bits
                sp.src().field().put(x.wc, sp.src().bits(), sp.src().bits());
            }
        }
        x.xc.replayable = false; // the flow_mod is the translation's: learning megaflows are translated per packet
        if (!x.execute && !x.onePass && !x.sideEffects) { // a trace without a packet: no side effects, no cache
            x.problem("suppressing side effects, so learn action ignored");
            return;
        }
        Match m = new Match();
        List<Action> acts = new ArrayList<>();
        if (l.finIdleTimeout() != 0 || l.finHardTimeout() != 0) { // learn_execute(): the learned flow's fin_timeout
            acts.add(new Action.FinTimeout(l.finIdleTimeout(), l.finHardTimeout()));
        }
        for (Action.LearnSpec sp : l.specs()) {
            U128 v = sp.src() == null ? sp.imm() : sp.src().field().nBits <= 64 ? U128.of(x.get(sp.src()))
                    : sp.src().get(x.flow);
            Subfield d = sp.dst();
            if (sp.kind() == Action.LearnSpec.MATCH) {
                m.set(d.field(), m.value(d.field()).or(v.shl(d.ofs())), m.mask(d.field()).or(d.bits()));
                m.ethernetType |= d.field().hasPrereqs(); // learn_execute(): match_add_ethernet_prereq()
            } else if (sp.kind() == Action.LearnSpec.LOAD) {
                acts.add(new Action.SetField(d.field(), v.shl(d.ofs()), d.bits(), Action.Raw.REG_LOAD));
            } else {
                acts.add(new Action.Output(v.lo(), 0));
            }
        }
        FlowMod fm = new FlowMod(FlowMod.Command.MODIFY_STRICT, l.table(), l.priority(), l.cookie(), 0, true,
                l.idleTimeout(), l.hardTimeout(), 0, (l.flags() & 1) != 0 ? FlowMod.SEND_FLOW_REM : 0, Ports.NONE, m,
                acts, List.of(), FlowMod.P_ANY);
        if (x.trace != null) { // xlate_learn_action(): the flow_mod as learn_execute() made it
            StringBuilder d = new StringBuilder("table=").append(l.table()).append(' ')
                    .append(MatchFormat.format(m, MatchFormat.DEFAULT_PRIORITY, PortMap.NONE));
            d.setLength(d.toString().stripTrailing().length());
            d.append(" priority=").append(l.priority());
            if (l.cookie() != 0) {
                d.append(" cookie=0x").append(Long.toHexString(l.cookie()));
            }
            if (l.idleTimeout() != 0) {
                d.append(" idle=").append(l.idleTimeout());
            }
            if (l.hardTimeout() != 0) {
                d.append(" hard=").append(l.hardTimeout());
            }
            if ((l.flags() & 1) != 0) {
                d.append(" send_flow_rem");
            }
            x.note(d.append(" actions=").append(ActionFormat.format(acts, OfVersion.OF15, PortMap.NONE)).toString());
        }
        boolean belowLimit = true; // a revalidation learns nothing and takes the flow as learned
        boolean apply = x.execute || x.learnOnly || x.sideEffects; // allow_side_effects: ofproto_flow_mod_learn()
        List<Action> roundTrip = ActionFormat.roundTrip(acts, OfVersion.OF10);
        List<Rule> same = l.limit() > 0 || apply ? x.br.tables.collect(fm, true) : List.of();
        boolean learned = !same.isEmpty() && identical(same.get(0), fm, roundTrip);
        x.avoidCaching |= !x.execute && l.limit() > 0 && !learned;
        if (apply && l.limit() > 0 && !learned) { // a flow not learned yet is added only below the limit
            belowLimit = belowLimit(x.br, fm, l.limit());
        }
        if (apply && x.hitFlow != null) {
            // a hit: the datapath executes its actions; the ukey's xcache runs the flow_mod when a revalidator
            // round pushes the hit's stats (xlate_push_stats_entry()'s XC_LEARN)
            if (x.hitFlow.learns.isEmpty()) {
                x.hitFlow.learns = new ArrayList<>(1);
            }
            x.hitFlow.learns.add(new Pending(fm, roundTrip, l.limit()));
        } else if (apply && belowLimit && learned) {
            same.get(0).modified = x.now; // ofproto_flow_mod_learn_refresh(): the same flow kept, not replaced
        } else if (apply && belowLimit) {
            if (!same.isEmpty()) {
                x.learnedOver.putIfAbsent(same.get(0), same.get(0).actions); // before the modify replaces them
            }
            x.br.tables.apply(fm, OfVersion.OF10, x.now);
            if (same.isEmpty()) {
                x.learnedNow.addAll(x.br.tables.collect(fm, true));
            }
        }
        if ((l.flags() & 4) != 0) { // NX_LEARN_F_WRITE_RESULT: whether the flow was learned
            x.set(l.resultDst(), belowLimit ? 1 : 0);
            x.unwildcard(l.resultDst().field(), l.resultDst().mask());
            x.note(l.resultDst() + " is now " + x.subValue(l.resultDst()));
        }
        if (x.trace != null && !belowLimit) {
            x.note("Limit exceeded, learn failed");
        }
    }

    /** A hit's learn() flow_mod waiting for its megaflow's push: the flow_mod, its actions as OVS keeps them, limit. */
    record Pending(FlowMod fm, List<Action> actions, long limit) {}

    /**
     * xlate_push_stats_entry()'s XC_LEARN of megaflow {@code m}'s hits since the last push: ofproto_flow_mod_learn()
     * refreshes a flow still learned alike, else adds (or modifies) it when below the learn's limit.
     */
    static void push(Megaflow m, long now) {
        List<Pending> pending = m.learns;
        m.learns = List.of();
        for (Pending p : pending) {
            List<Rule> same = m.br.tables.collect(p.fm(), true);
            if (!same.isEmpty() && identical(same.get(0), p.fm(), p.actions())) {
                same.get(0).modified = now;
            } else if (p.limit() == 0 || belowLimit(m.br, p.fm(), p.limit())) {
                m.br.tables.apply(p.fm(), OfVersion.OF10, now);
            }
        }
    }

    // ofproto_flow_mod_learn(): how many flows of the learn's table and cookie there are, against its limit
    private static boolean belowLimit(Ofproto br, FlowMod fm, long limit) {
        return br.tables.collect(new FlowMod(FlowMod.Command.QUERY, fm.table(), 0, fm.newCookie(), -1L, false, 0, 0,
                0, 0, Ports.NONE, new Match(), List.of(), List.of(), FlowMod.P_ANY), false).size() < limit;
    }

    // ofproto_flow_mod_init_for_learn(): the existing rule is the learned one only if its timeouts (a fin_timeout may
    // have lowered them), importance, flags, cookie and actions are the flow_mod's; else the modify replaces it
    private static boolean identical(Rule r, FlowMod fm, List<Action> acts) {
        return r.idleTimeout == fm.idleTimeout() && r.hardTimeout == fm.hardTimeout()
                && r.importance == fm.importance() && r.flags == fm.flags() && r.cookie == fm.newCookie()
                && r.actions.equals(acts);
    }

    // xlate_fin_timeout(): with side effects, a packet with FIN or RST lowers its rule's timeouts (reduce_timeout());
    // the megaflow matches only the protocol, so it is translated per packet (OVS's xlate cache entry does the same)
    static void finTimeout(Xlate x, Action.FinTimeout t) {
        x.wc[Slot.NW_PROTO.ordinal()] = 0xff;
        x.xc.replayable = false;
        if (x.rule == null || !x.sideEffects || (x.flow[Slot.TCP_FLAGS.ordinal()] & 0x5) == 0) {
            return;
        }
        x.rule.idleTimeout = reduce(t.idleTimeout(), x.rule.idleTimeout);
        x.rule.hardTimeout = reduce(t.hardTimeout(), x.rule.hardTimeout);
    }

    private static int reduce(int max, int timeout) {
        return max != 0 && (timeout == 0 || timeout > max) ? max : timeout;
    }
}
