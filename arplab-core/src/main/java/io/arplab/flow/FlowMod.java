package io.arplab.flow;

import java.util.List;

/**
 * A parsed flow_mod or flow query (OVS's struct ofputil_flow_mod): what {@code ovs-ofctl add-flow}, mod-flows,
 * del-flows and dump-flows send. {@code table} 255 means every table; {@code actions} is as ovs-ofctl parsed it.
 * {@code match} is normalized (ofputil_normalize_match()), {@code parsed} as written, which OpenFlow 1.0's
 * ofp10_match carries whole (ofputil_match_to_ofp10_match() puts nw_src and the rest whatever the dl_type).
 * {@code cookie}/{@code cookieMask} match the rules' cookies; {@code newCookie}, when {@code setCookie}, is the cookie
 * the flow_mod gives (fm->cookie, fm->cookie_mask and fm->new_cookie: "cookie=1/-1,cookie=4" matches 1, sets 4).
 */
public record FlowMod(Command command, int table, int priority, long cookie, long cookieMask, boolean setCookie,
        long newCookie, int idleTimeout, int hardTimeout, int importance, int flags, long outPort, long outGroup,
        Match match, List<Action> actions, List<String> log, int usable, Match parsed) {

    /** A flow_mod whose match was written normalized; with {@code setCookie} and no mask, {@code cookie} is set. */
    public FlowMod(Command command, int table, int priority, long cookie, long cookieMask, boolean setCookie,
            int idleTimeout, int hardTimeout, int importance, int flags, long outPort, long outGroup, Match match,
            List<Action> actions, List<String> log, int usable) {
        this(command, table, priority, setCookie && cookieMask == 0 ? 0 : cookie, cookieMask, setCookie,
                setCookie ? cookie : 0, idleTimeout, hardTimeout, importance, flags, outPort, outGroup, match, actions,
                log, usable, match);
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
     * 1.3, 1.4 and 1.5; OFPUTIL_P_OF13_UP and OFPUTIL_P_ANY_OXM.
     */
    public static final int P_OF10 = 1, P_NXM = 2, P_OF11 = 4, P_OXM12 = 8, P_OXM13 = 16, P_OXM14 = 32,
            P_OXM15 = 64, P_OF13_UP = 112, P_OXM = 120, P_ANY = 127;

    /**
     * In a set of allowed formats (-F's), which of OpenFlow 1.0's and NXM's table_id variants it names: enum
     * ofputil_protocol's bits 0-3 (OpenFlow10-table_id, OpenFlow10+table_id, NXM-table_id, NXM+table_id) shifted
     * by 8. Formats without them allow every variant of P_OF10 and P_NXM.
     */
    public static final int F_VARIANTS = 0xf00;

    /** ofputil_protocols_from_string()'s enum ofputil_protocol bits {@code p} as allowed formats. */
    public static int formats(int p) {
        return ((p & 0x3) != 0 ? P_OF10 : 0) | ((p & 0xc) != 0 ? P_NXM : 0) | ((p & 0x10) != 0 ? P_OF11 : 0)
                | ((p & 0x20) != 0 ? P_OXM12 : 0) | ((p & 0x40) != 0 ? P_OXM13 : 0) | ((p & 0x80) != 0 ? P_OXM14 : 0)
                | ((p & 0x100) != 0 ? P_OXM15 : 0) | (p & 0xf) << 8;
    }

    // allowed formats as enum ofputil_protocol's bits: P_OF10's and P_NXM's variants those F_VARIANTS names
    private static int allowedBits(int formats) {
        int b = bits(formats, "");
        return (formats & F_VARIANTS) == 0 ? b : b & ~0xf | formats >> 8 & 0xf & b;
    }

    /** ofputil_protocols_to_string() of allowed formats (-F's, with their table_id variants). */
    public static String formatsString(int formats) {
        return bitNames(allowedBits(formats));
    }

    /**
     * set_protocol_for_flow_dump()'s choice in OpenFlow 1.0: NXM (NXM-table_id, tried before OpenFlow10-table_id)
     * where the formats allow it; the "+table_id" variants carry no dump.
     */
    public static boolean dumpsAsNxm(int formats) {
        return (allowedBits(formats) & 0x4) != 0;
    }

    /** ofputil_protocols_from_ofp_version(): the protocols of version {@code v}. */
    public static int protocols(OfVersion v) {
        return switch (v) {
            case OF10 -> P_OF10 | P_NXM;
            case OF11 -> P_OF11;
            case OF12 -> P_OXM12;
            case OF13 -> P_OXM13;
            case OF14 -> P_OXM14;
            case OF15 -> P_OXM15;
        };
    }

    /** This flow_mod sent along others that allow only {@code usable}: one protocol carries them all. */
    public FlowMod withUsable(int usable) {
        return new FlowMod(command, table, priority, cookie, cookieMask, setCookie, newCookie, idleTimeout,
                hardTimeout, importance, flags, outPort, outGroup, match, actions, log, usable, parsed);
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
        return usableError(usable, tableId, v, P_ANY, false);
    }

    /**
     * The same with ovs-ofctl's allowed protocols (-F's flow formats narrowed to -O's versions, {@code formats}):
     * flows some allowed protocol carries, but none of the negotiated version's, are the switch's refusal
     * (open_vconn_for_flow_mod(): try_set_protocol() cannot leave the version).
     */
    public static String usableError(int usable, boolean tableId, OfVersion v, int formats) {
        return usableError(usable, tableId, v, formats, true);
    }

    private static String usableError(int usable, boolean tableId, OfVersion v, int formats, boolean allowedKnown) {
        int allowed = (protocols(v) | F_VARIANTS) & formats;
        String tid = tableId ? "+table_id" : "";
        if ((bits(usable, tid) & allowedBits(allowed)) != 0) {
            return null;
        }
        if (allowedKnown && (bits(usable, tid) & allowedBits(formats)) != 0) {
            return "switch does not support any of the usable flow formats (" + names(usable, tid) + ")";
        }
        return "none of the usable flow formats (" + names(usable, tid) + ") is among the allowed flow formats ("
                + ((allowed & P_OXM) != 0 ? "OXM-" + v.protocolName : formatsString(allowed)) + ")";
    }

    /** open_vconn_for_flow_mod()'s check before it connects: the usable protocols against allowed_protocols. */
    public static String usableAmongAllowed(int usable, boolean tableId, int allowed) {
        String tid = tableId ? "+table_id" : "";
        if ((bits(usable, tid) & allowedBits(allowed)) != 0) {
            return null;
        }
        return "none of the usable flow formats (" + names(usable, tid) + ") is among the allowed flow formats ("
                + formatsString(allowed) + ")";
    }

    /** ofputil_protocols_to_string() of protocol bits {@code p} (OpenFlow 1.0's with and without table_id). */
    public static String protocolsString(int p) {
        return names(p, "");
    }

    /** The same with {@code tid}: OpenFlow 1.0's protocols only in their "+table_id" variants. */
    public static String protocolsString(int p, boolean tid) {
        return names(p, tid ? "+table_id" : "");
    }

    // enum ofputil_protocol's bits, OpenFlow 1.0's with and without table_id, in their order
    private static final String[] PROTOCOL_BITS = {"OpenFlow10-table_id", "OpenFlow10+table_id", "NXM-table_id",
        "NXM+table_id", "OpenFlow11", "OXM-OpenFlow12", "OXM-OpenFlow13", "OXM-OpenFlow14", "OXM-OpenFlow15"};
    // proto_abbrevs[]: "any", then OFPUTIL_P_OF10_STD_ANY, OFPUTIL_P_OF10_NXM_ANY and OFPUTIL_P_ANY_OXM
    private static final int[] ABBREV_BITS = {0x1ff, 0x3, 0xc, 0x1e0};
    private static final String[] ABBREVS = {"any", "OpenFlow10", "NXM", "OXM"};

    /**
     * ofputil_protocols_to_string(): each name in turn the first abbreviation all of whose bits are left, else the
     * lowest bit left's own name. {@code tid} "+table_id" drops OpenFlow 1.0's variants without a table_id.
     */
    private static String names(int p, String tid) {
        return bitNames(bits(p, tid));
    }

    /**
     * ofctl_parse_flows__()'s chosen protocol: the lowest enum ofputil_protocol bit of {@code usable} (OpenFlow 1.0's
     * "+table_id" variants only with {@code tid}) that {@code allowed} has, as its bit index (0-3: OpenFlow 1.0's
     * standard and NXM formats without and with table_id, 4: OpenFlow 1.1, 5-8: OXM 1.2 to 1.5), or -1.
     */
    public static int chosenProtocol(int usable, boolean tid, int allowed) {
        int both = bits(usable, tid ? "+table_id" : "") & allowedBits(allowed);
        return both == 0 ? -1 : Integer.numberOfTrailingZeros(both);
    }

    /** ofputil_protocol_to_string() of enum ofputil_protocol bit {@code bit}. */
    public static String protocolName(int bit) {
        return PROTOCOL_BITS[bit];
    }

    // protocol bits p as enum ofputil_protocol's (OpenFlow 1.0's four variants, then one bit per version)
    private static int bits(int p, String tid) {
        return ((p & P_OF10) != 0 ? (tid.isEmpty() ? 0x3 : 0x2) : 0) | ((p & P_NXM) != 0 ? (tid.isEmpty() ? 0xc : 0x8)
                : 0) | ((p & P_OF11) != 0 ? 0x10 : 0) | ((p & P_OXM12) != 0 ? 0x20 : 0) | ((p & P_OXM13) != 0 ? 0x40 : 0)
                | ((p & P_OXM14) != 0 ? 0x80 : 0) | ((p & P_OXM15) != 0 ? 0x100 : 0);
    }

    // ofputil_protocols_from_ofp_version() as enum ofputil_protocol's bits (OpenFlow 1.0's four variants)
    private static int versionBits(OfVersion v) {
        return bits(protocols(v), "");
    }

    /**
     * set_protocol_for_flow_dump(): null when a dump protocol of the session's version {@code v} carries flows usable
     * as {@code usable} (OpenFlow 1.0 dumps as NXM or its standard format, neither with table_id), else the error:
     * the switch's, or that -O and -F ({@code versions}, {@code formats}) allow none of them.
     */
    public static String dumpUsableError(int usable, boolean tableId, OfVersion v,
            java.util.Collection<OfVersion> versions, int formats) {
        int u = bits(usable, tableId ? "+table_id" : "");
        int allowed = 0;
        for (OfVersion a : versions) {
            allowed |= versionBits(a);
        }
        allowed &= allowedBits(formats);
        int dump = v.atLeast(OfVersion.OF11) ? versionBits(v) : 0x5;
        if ((u & allowed & dump) != 0) {
            return null;
        }
        return (u & allowed) != 0 ? "switch does not support any of the usable flow formats (" + bitNames(u) + ")"
                : "none of the usable flow formats (" + bitNames(u) + ") is among the allowed flow formats ("
                        + bitNames(allowed) + ")";
    }

    private static String bitNames(int bits) {
        if (bits == 0) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        while (bits != 0) {
            s.append(s.length() == 0 ? "" : ",");
            String name = null;
            for (int a = 0; a < ABBREVS.length && name == null; a++) {
                if ((bits & ABBREV_BITS[a]) == ABBREV_BITS[a]) {
                    name = ABBREVS[a];
                    bits &= ~ABBREV_BITS[a];
                }
            }
            if (name == null) {
                int bit = Integer.numberOfTrailingZeros(bits);
                name = PROTOCOL_BITS[bit];
                bits &= ~(1 << bit);
            }
            s.append(name);
        }
        return s.toString();
    }

    public static final int SEND_FLOW_REM = 1, CHECK_OVERLAP = 2, RESET_COUNTS = 4, NO_PKT_COUNTS = 8,
            NO_BYT_COUNTS = 16;
}
