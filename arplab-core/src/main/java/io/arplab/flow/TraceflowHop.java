package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * What one bridge decides about a traced packet, as Antrea's traceflow observes it (pkg/agent/controller/traceflow):
 * the tables it passed with the rule and its actions, the conntrack lookups, the datapath actions of each pass, and
 * the frames that leave (to a tunnel port: with their tunnel key in front). Filled by {@link Ofproto#traceflow}.
 */
public final class TraceflowHop {
    /** A table the packet went through: the rule it hit (null: no match, dropped) and its actions. */
    public record Table(int table, String match, int priority, String actions) {}

    /** A ct() on the way: its zone, whether it committed, the state the packet came back with. */
    public record Ct(int zone, boolean commit, String state) {}

    public final List<Table> tables = new ArrayList<>();
    public final List<Ct> conntrack = new ArrayList<>();
    public final List<String> datapathActions = new ArrayList<>();
    public final List<Ofproto.Output> outputs = new ArrayList<>();

    void table(int t, Rule r, String actions) {
        tables.add(r == null ? new Table(t, null, -1, actions)
                : new Table(t, MatchFormat.format(r.match, MatchFormat.DEFAULT_PRIORITY, PortMap.NONE), r.priority,
                        actions));
    }

    void conntrack(int zone, boolean commit, long state) {
        conntrack.add(new Ct(zone, commit, MatchFormat.flags(state, MatchFormat.CT_STATE_NAMES, '|')));
    }

    void datapathActions(String actions) {
        datapathActions.add(actions);
    }
}
