package io.arplab.flow;

import java.util.List;

/**
 * A parsed flow_mod or flow query (OVS's struct ofputil_flow_mod): what {@code ovs-ofctl add-flow}, mod-flows,
 * del-flows and dump-flows send. {@code table} 255 means every table; {@code actions} is as ovs-ofctl parsed it.
 * {@code match} is normalized (ofputil_normalize_match()), {@code parsed} as written, which OpenFlow 1.0's
 * ofp10_match carries whole (ofputil_match_to_ofp10_match() puts nw_src and the rest whatever the dl_type).
 */
public record FlowMod(Command command, int table, int priority, long cookie, long cookieMask, boolean setCookie,
        int idleTimeout, int hardTimeout, int importance, int flags, long outPort, long outGroup, Match match,
        List<Action> actions, List<String> log, int usable, Match parsed) {

    /** A flow_mod whose match was written normalized. */
    public FlowMod(Command command, int table, int priority, long cookie, long cookieMask, boolean setCookie,
            int idleTimeout, int hardTimeout, int importance, int flags, long outPort, long outGroup, Match match,
            List<Action> actions, List<String> log, int usable) {
        this(command, table, priority, cookie, cookieMask, setCookie, idleTimeout, hardTimeout, importance, flags,
                outPort, outGroup, match, actions, log, usable, match);
    }

    /** A flow_mod without out_group (OFPG_ANY). */
    public FlowMod(Command command, int table, int priority, long cookie, long cookieMask, boolean setCookie,
            int idleTimeout, int hardTimeout, int importance, int flags, long outPort, Match match,
            List<Action> actions, List<String> log, int usable) {
        this(command, table, priority, cookie, cookieMask, setCookie, idleTimeout, hardTimeout, importance, flags,
                outPort, Group.ANY, match, actions, log, usable);
    }

    public enum Command { ADD, MODIFY, MODIFY_STRICT, DELETE, DELETE_STRICT, QUERY }

    /**
     * Protocols a flow_mod can be sent with (enum ofputil_protocol, coarsely): OpenFlow 1.0, NXM, 1.1, OXM of 1.2,
     * OXM of 1.3 and later.
     */
    public static final int P_OF10 = 1, P_NXM = 2, P_OF11 = 4, P_OXM12 = 8, P_OXM13 = 16, P_OXM = 24, P_ANY = 31;

    /** This flow_mod sent along others that allow only {@code usable}: one protocol carries them all. */
    public FlowMod withUsable(int usable) {
        return new FlowMod(command, table, priority, cookie, cookieMask, setCookie, idleTimeout, hardTimeout,
                importance, flags, outPort, outGroup, match, actions, log, usable, parsed);
    }

    /** The error ovs-ofctl gives when this flow cannot be sent with {@code v}, or null. */
    public String usableError(OfVersion v) {
        return usableError(usable, table != 255, v);
    }

    /**
     * The same for flow_mods sent together (an add-flows file): {@code usable} is what each allows, intersected, and
     * {@code tableId} whether one names a table (OFPUTIL_P_TID narrows OpenFlow 1.0 to its "+table_id" variants).
     */
    public static String usableError(int usable, boolean tableId, OfVersion v) {
        return usableError(usable, tableId, v, P_ANY);
    }

    /** The same with ovs-ofctl's -F: the flow formats it allows ({@code formats}, P_ANY without it). */
    public static String usableError(int usable, boolean tableId, OfVersion v, int formats) {
        int allowed = (!v.atLeast(OfVersion.OF11) ? P_OF10 | P_NXM : v == OfVersion.OF11 ? P_OF11
                : v == OfVersion.OF12 ? P_OXM12 : P_OXM13) & formats;
        if ((usable & allowed) != 0) {
            return null;
        }
        String tid = tableId ? "+table_id" : "";
        return "none of the usable flow formats (" + names(usable, tid) + ") is among the allowed flow formats ("
                + ((allowed & P_OXM) != 0 ? "OXM-" + v.protocolName : names(allowed, "")) + ")";
    }

    private static String names(int p, String tid) {
        StringBuilder s = new StringBuilder();
        if ((p & P_OF10) != 0) {
            s.append(",OpenFlow10").append(tid);
        }
        if ((p & P_NXM) != 0) {
            s.append(",NXM").append(tid);
        }
        if ((p & P_OXM) == P_OXM) {
            s.append(",OXM");
        } else if ((p & P_OXM13) != 0) {
            s.append(",OXM-OpenFlow13,OXM-OpenFlow14,OXM-OpenFlow15");
        } else if ((p & P_OXM12) != 0) {
            s.append(",OXM-OpenFlow12");
        }
        if ((p & P_OF11) != 0) {
            s.append(",OpenFlow11");
        }
        return s.length() == 0 ? "none" : s.substring(1); // ofputil_protocols_to_string()
    }

    public static final int SEND_FLOW_REM = 1, CHECK_OVERLAP = 2, RESET_COUNTS = 4, NO_PKT_COUNTS = 8,
            NO_BYT_COUNTS = 16;
}
