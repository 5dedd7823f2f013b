package io.arplab.flow;

import java.util.List;

/**
 * A parsed flow_mod or flow query (OVS's struct ofputil_flow_mod): what {@code ovs-ofctl add-flow}, mod-flows,
 * del-flows and dump-flows send. {@code table} 255 means every table; {@code actions} is as ovs-ofctl parsed it.
 */
public record FlowMod(Command command, int table, int priority, long cookie, long cookieMask, boolean setCookie,
        int idleTimeout, int hardTimeout, int importance, int flags, long outPort, Match match, List<Action> actions,
        List<String> log) {

    public enum Command { ADD, MODIFY, MODIFY_STRICT, DELETE, DELETE_STRICT, QUERY }

    public static final int SEND_FLOW_REM = 1, CHECK_OVERLAP = 2, RESET_COUNTS = 4, NO_PKT_COUNTS = 8,
            NO_BYT_COUNTS = 16;
}
