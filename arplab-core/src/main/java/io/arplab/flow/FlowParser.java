package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/** Flows in ovs-ofctl syntax (lib/ofp-flow.c parse_ofp_str__), with OVS's rewrites and error texts. */
public final class FlowParser {
    private static final int F_OUT_PORT = 1, F_ACTIONS = 2, F_TIMEOUT = 4, F_PRIORITY = 8, F_FLAGS = 16,
            F_IMPORTANCE = 32;

    private FlowParser() {}

    public static FlowMod parse(String text, FlowMod.Command command, PortMap names) {
        List<String> warnings = new ArrayList<>();
        Ports.WARNINGS.set(warnings);
        try {
            FlowMod fm;
            try {
                fm = parse__(text, command, names);
            } catch (FlowParseException e) { // the port warnings were logged before the error
                if (warnings.isEmpty()) {
                    throw e;
                }
                warnings.addAll(e.log);
                throw new FlowParseException(e.getMessage(), warnings);
            } catch (ActionCheckException e) {
                if (warnings.isEmpty()) {
                    throw e;
                }
                for (String l : e.log) { // check_OUTPUT()'s line repeats the port warning parsing logged
                    if (!l.equals(warnings.get(warnings.size() - 1))) {
                        warnings.add(l);
                    }
                }
                throw new ActionCheckException(warnings, e.getMessage());
            }
            if (warnings.isEmpty()) {
                return fm;
            }
            warnings.addAll(fm.log());
            return new FlowMod(fm.command(), fm.table(), fm.priority(), fm.cookie(), fm.cookieMask(), fm.setCookie(),
                    fm.newCookie(),
                    fm.idleTimeout(), fm.hardTimeout(), fm.importance(), fm.flags(), fm.outPort(), fm.outGroup(),
                    fm.match(), fm.actions(), warnings, fm.usable(), fm.parsed());
        } finally {
            Ports.WARNINGS.remove();
        }
    }

    /**
     * A line of an add-flows file (parse_ofp_str__() with command -2): its first word, if a prefix of add, delete,
     * delete_strict, modify or modify_strict (in that order), is the command; otherwise the line is an add.
     */
    public static FlowMod parseFileLine(String text, PortMap names) {
        String s = text.stripLeading();
        int len = 0;
        while (len < s.length() && ", \t\r\n".indexOf(s.charAt(len)) < 0) {
            len++;
        }
        String word = s.substring(0, len);
        FlowMod.Command command = FlowMod.Command.ADD;
        String[] words = {"add", "delete", "delete_strict", "modify", "modify_strict"};
        FlowMod.Command[] commands = {FlowMod.Command.ADD, FlowMod.Command.DELETE, FlowMod.Command.DELETE_STRICT,
            FlowMod.Command.MODIFY, FlowMod.Command.MODIFY_STRICT};
        int hit = -1;
        for (int i = 0; i < words.length && hit < 0; i++) {
            if (strncmpEqual(word, words[i])) {
                hit = i;
            }
        }
        if (hit >= 0) {
            command = commands[hit];
            s = s.substring(len);
        }
        return parse(s, command, names);
    }

    // strncmp(word, w, strlen(word)) == 0: the word is a prefix of w (the empty word of every one)
    private static boolean strncmpEqual(String word, String w) {
        return w.startsWith(word);
    }

    private static FlowMod parse__(String text, FlowMod.Command command, PortMap names) {
        int fields = switch (command) {
            case QUERY, DELETE -> F_OUT_PORT;
            case DELETE_STRICT -> F_OUT_PORT | F_PRIORITY;
            case ADD -> F_ACTIONS | F_TIMEOUT | F_PRIORITY | F_FLAGS | F_IMPORTANCE;
            case MODIFY, MODIFY_STRICT -> F_ACTIONS | F_TIMEOUT | F_PRIORITY | F_FLAGS;
        };
        String string = text;
        String actStr = null;
        if ((fields & F_ACTIONS) != 0) {
            // ofp_extract_actions(): everything after the first "action...=" is actions
            int a = string.indexOf("action");
            int eq = a < 0 ? -1 : string.indexOf('=', a + 1);
            if (eq < 0) {
                throw new FlowParseException("must specify an action");
            }
            actStr = string.substring(eq + 1);
            string = string.substring(0, a);
        }
        Match match = new Match();
        int table = 255, priority = MatchFormat.DEFAULT_PRIORITY, idle = 0, hard = 0, importance = 0, flags = 0;
        long cookie = 0, cookieMask = 0, newCookie = 0, outPort = Ports.NONE, outGroup = Group.ANY;
        boolean setCookie = false;
        int usable = FlowMod.P_ANY;
        KeyValue kv = new KeyValue(string);
        while (kv.next()) {
            String name = kv.key, value = kv.value;
            int[] proto = protocol(name);
            Field mf;
            if (proto != null) {
                match.ethernetType = true;
                match.set(Field.ETH_TYPE, proto[0], 0xffff);
                if (proto[1] != 0) {
                    match.set(Field.IP_PROTO, proto[1], 0xff);
                }
            } else if (name.equals("eth")) {
                match.ethernetType = true; // packet_type=(0,0): the default
                match.putSlot(Slot.PACKET_TYPE, 0, 0);
            } else if (name.equals("packet_type")) { // MFF_PACKET_TYPE: match_set_packet_type()
                long pt = packetType(value.isEmpty() ? "0/0" : value);
                match.ethernetType = pt == 0;
                match.putSlot(Slot.PACKET_TYPE, pt, pt == 0 ? 0 : Slot.PACKET_TYPE.max);
                usable &= FlowMod.P_NXM | FlowMod.P_OXM;
            } else if ((fields & F_FLAGS) != 0 && name.equals("send_flow_rem")) {
                flags |= FlowMod.SEND_FLOW_REM;
            } else if ((fields & F_FLAGS) != 0 && name.equals("check_overlap")) {
                flags |= FlowMod.CHECK_OVERLAP;
            } else if ((fields & F_FLAGS) != 0 && name.equals("reset_counts")) {
                flags |= FlowMod.RESET_COUNTS;
                usable &= FlowMod.P_OXM; // OFPUTIL_P_OF12_UP
            } else if ((fields & F_FLAGS) != 0 && name.equals("no_packet_counts")) {
                flags |= FlowMod.NO_PKT_COUNTS;
                usable &= FlowMod.P_OF13_UP;
            } else if ((fields & F_FLAGS) != 0 && name.equals("no_byte_counts")) {
                flags |= FlowMod.NO_BYT_COUNTS;
                usable &= FlowMod.P_OF13_UP;
            } else if (name.equals("no_readonly_table") || name.equals("allow_hidden_fields")) {
                // ignored, as OVS does
            } else if ((mf = Field.byName(name)) != null) {
                if (mf.tunMetadata() >= 0 && (match.mask(Slot.TUN_METADATA_PRESENT) >>> mf.tunMetadata() & 1) != 0) {
                    // metadata_loc_from_match(): ovs-ofctl's own allocation of the option, once per field
                    throw new FlowParseException("field " + name + " set multiple times");
                }
                long[] vm = FieldParser.parse(mf, value.isEmpty() ? "0/0" : value, names);
                match.ethernetType |= mf.hasPrereqs();
                if (mf.slots() > 1) {
                    match.set(mf, new U128(vm[2], vm[0]), new U128(vm[3], vm[1]));
                } else {
                    match.set(mf, vm[0], vm[1]);
                }
                if ((vm[1] & mf.fullMask()) == 0 && (mf.slots() == 1 || vm[3] == 0)) {
                    // mf_set(): an all-zero mask wildcards the field (mf_set_wild()), usable by every protocol
                } else if (mf == Field.VLAN_TCI && vm[1] != 0xffff // mf_set(): a masked vlan_tci or vlan_vid
                        || mf == Field.VLAN_VID && value.indexOf('/') >= 0) { // (OpenFlow 1.0, 1.1 exact) NXM and
                    usable &= FlowMod.P_NXM | FlowMod.P_OXM; // OXM's alone, whatever a later field sets
                } else {
                    usable &= usable(mf, (vm[1] & mf.fullMask()) == mf.fullMask() || mf.slots() > 1);
                    if (OF10_MASKS.contains(mf) || mf.slots() == 1 && !OWN_RULE_SLOTS.contains(mf.slot)) {
                        // mf_set()'s usable protocols for this mask, whatever comes later (metadata=1/1,metadata=0/0)
                        Match one = new Match();
                        one.set(mf, vm[0], vm[1]);
                        usable &= usable(one);
                    }
                }
            } else if (name.indexOf('[') >= 0) { // mf_set_subfield(): the subfield's bits exact, the others kept
                Subfield sf = Subfield.parse(name);
                match.ethernetType |= sf.field().hasPrereqs();
                U128 v = FieldParser.parseWide(sf.field(), value, names)[0];
                U128 m = sf.bits();
                U128 cur = match.value(sf.field()), curMask = match.mask(sf.field());
                match.set(sf.field(), cur.and(m.not()).or(v.shl(sf.ofs()).and(m)), curMask.or(m));
            } else {
                if (value.isEmpty()) {
                    throw new FlowParseException("field " + name + " missing value");
                }
                switch (name) {
                    case "table" -> table = ActionParser.table(value, names, "unknown table \"" + value + "\"");
                    case "priority" -> {
                        if ((fields & F_PRIORITY) == 0) {
                            throw new FlowParseException("unknown keyword " + name);
                        }
                        priority = u16(value, name);
                    }
                    case "idle_timeout", "hard_timeout" -> {
                        if ((fields & F_TIMEOUT) == 0) {
                            throw new FlowParseException("unknown keyword " + name);
                        }
                        if (name.equals("idle_timeout")) {
                            idle = u16(value, name);
                        } else {
                            hard = u16(value, name);
                        }
                    }
                    case "importance" -> {
                        if ((fields & F_IMPORTANCE) == 0) {
                            throw new FlowParseException("unknown keyword " + name);
                        }
                        importance = u16(value, name);
                    }
                    case "out_port" -> {
                        if ((fields & F_OUT_PORT) == 0) {
                            throw new FlowParseException("unknown keyword " + name);
                        }
                        outPort = Ports.parse(value, names);
                        if (outPort < 0) {
                            throw new FlowParseException(value + " is not a valid OpenFlow port");
                        }
                    }
                    case "out_group" -> {
                        if ((fields & F_OUT_PORT) == 0) {
                            throw new FlowParseException("unknown keyword " + name);
                        }
                        usable &= FlowMod.P_OF11 | FlowMod.P_OXM; // OFPUTIL_P_OF11_UP
                        outGroup = Group.idFromString(value);
                        if (outGroup < 0) {
                            throw new FlowParseException(value + " is not a valid OpenFlow group",
                                    List.of(Group.badIdLog(value)));
                        }
                    }
                    case "cookie" -> {
                        int slash = value.indexOf('/');
                        if (slash >= 0) {
                            if (command == FlowMod.Command.ADD) {
                                throw new FlowParseException("flow additions cannot use a cookie mask");
                            }
                            cookie = be64(value.substring(0, slash));
                            cookieMask = be64(value.substring(slash + 1));
                            if (cookieMask != 0) { // matching a cookie takes NXM or OpenFlow 1.1+
                                usable &= FlowMod.P_NXM | FlowMod.P_OF11 | FlowMod.P_OXM;
                            }
                        } else {
                            if (command != FlowMod.Command.ADD && command != FlowMod.Command.MODIFY
                                    && command != FlowMod.Command.MODIFY_STRICT) {
                                throw new FlowParseException("cannot set cookie (to match on a cookie, specify a"
                                        + " mask, e.g. cookie=" + value + "/-1)");
                            }
                            newCookie = be64(value); // fm->new_cookie, apart from a cookie=V/M match
                            setCookie = true;
                        }
                    }
                    case "duration", "n_packets", "n_bytes", "idle_age", "hard_age" -> {
                        // ignored, so that dump-flows output can be fed back
                    }
                    default -> throw new FlowParseException("unknown keyword " + name);
                }
            }
        }
        long pt = match.value(Slot.PACKET_TYPE) & match.mask(Slot.PACKET_TYPE);
        if (pt >>> 16 == 1 && match.mask(Slot.DL_TYPE) != 0) {
            // parse_ofp_str__(): an L3 packet type's Ethernet type copied into dl_type's value, its mask as it was
            match.putSlot(Slot.DL_TYPE, pt & 0xffff, match.mask(Slot.DL_TYPE));
        }
        boolean noProtocol = false; // a field no protocol can carry: refused once the actions parsed and checked
        for (Field f : Field.NO_PROTOCOL) {
            noProtocol |= match.mask(f.slot) != 0 && command != FlowMod.Command.QUERY;
        }
        if (noProtocol && actStr == null) {
            throw new ActionCheckException((String) null, "OFPBAC_MATCH_INCONSISTENT");
        }
        usable &= usable(match);
        if (match.dlType() == Match.ETH_IPV6 && (match.mask(Slot.NW_PROTO) | match.mask(Slot.NW_TOS)
                | match.mask(Slot.TP_SRC) | match.mask(Slot.TP_DST)) != 0) {
            usable &= FlowMod.P_NXM | FlowMod.P_OXM; // parse_ofp_str__(): L3 and L4 within IPv6 are NXM and OXM's
        }
        List<Action> actions = List.of();
        if (actStr != null) {
            actions = ActionParser.parse(actStr, match, names);
            ActionCheck.check(actions, match, table);
            usable &= ActionCheck.usable(actions, match);
            if (usable == 0 || noProtocol) { // parse_ofp_str__(): no protocol carries this match with these actions
                throw new ActionCheckException((String) null, "OFPBAC_MATCH_INCONSISTENT");
            }
        }
        List<String> log = new ArrayList<>();
        Match parsed = match.copy();
        String[] change = carried(match);
        // parse_ofp_flow_mod_str() normalizes a copy and logs the change; parse_ofp_flow_stats_request_str() does
        // not, but its request carries no more than nx_put_raw() places either
        if (change != null && command != FlowMod.Command.QUERY) {
            log.add("ofp_match|INFO|normalization changed ofp_match, details:");
            log.add("ofp_match|INFO| pre: " + change[0]);
            log.add("ofp_match|INFO|post: " + change[1]);
        }
        return new FlowMod(command, table, priority, cookie, cookieMask, setCookie, newCookie, idle, hard, importance,
                flags, outPort, outGroup, match, actions, log, usable, parsed);
    }

    /**
     * The match as the switch gets it: ovs-ofctl sends it as parsed, and nx_put_raw() carries of it all that
     * normalization keeps (ofputil_normalize_match()) plus an IPv4 flow's IPv6 label (nxm_put_ip()), left for the
     * switch to refuse (FlowModDecode.matchError()); a field left out still brings its packet_type=(0,0) along
     * (match_add_ethernet_prereq()). Normalizes {@code match} in place; returns the change as normalization logs it
     * (pre, post), or null.
     */
    static String[] carried(Match match) {
        long label = match.value(Slot.IPV6_LABEL), labelMask = match.mask(Slot.IPV6_LABEL);
        Match before = match.copy();
        String[] change = match.normalize();
        if (match.isIp()) {
            match.putSlot(Slot.IPV6_LABEL, label, labelMask);
        }
        // nx_put_raw() puts the Ethernet addresses whatever the packet type (the switch refuses them after another)
        for (Slot s : new Slot[] {Slot.DL_SRC, Slot.DL_DST}) {
            match.putSlot(s, before.value(s), before.mask(s));
        }
        // normalization keeps ND's fields for a solicitation or advertisement of any code; nx_put_raw() puts them
        // only under is_nd(), which wants code 0 too
        if (match.dlType() == Match.ETH_IPV6 && match.mask(Slot.NW_PROTO) == 0xff
                && match.value(Slot.NW_PROTO) == Match.PROTO_ICMPV6 && match.value(Slot.TP_DST) != 0) {
            for (Slot s : new Slot[] {Slot.ND_TARGET_HI, Slot.ND_TARGET_LO, Slot.ND_RESERVED, Slot.TCP_FLAGS,
                Slot.ARP_SHA, Slot.ARP_THA}) {
                match.putSlot(s, 0, 0);
            }
        }
        if (match.value(Slot.CT_NW_PROTO) == 0) { // nx_put_raw(): the tuple's protocol and ports only with a protocol
            for (Slot s : new Slot[] {Slot.CT_NW_PROTO, Slot.CT_TP_SRC, Slot.CT_TP_DST}) {
                match.putSlot(s, 0, 0);
            }
        }
        return change;
    }

    /**
     * mf_from_packet_type_string(): "(NS,TYPE)", each parse_int_string() into 2 bytes; the error names what is left
     * where it stopped. Anything after the ')' (a mask) is ignored. Returns (NS << 16) | TYPE.
     */
    static long packetType(String s) {
        String rest = s, err;
        if (!s.startsWith("(")) {
            err = "missing '('";
        } else {
            rest = s.substring(1);
            FieldParser.IntString ns = FieldParser.intString(rest, 2);
            if (ns.err() != 0) {
                err = "ns";
            } else if (ns.tail() >= rest.length() || rest.charAt(ns.tail()) != ',') {
                err = "missing ','";
            } else {
                rest = rest.substring(ns.tail() + 1);
                FieldParser.IntString type = FieldParser.intString(rest, 2);
                if (type.err() != 0) {
                    err = "ns_type";
                } else if (type.tail() >= rest.length() || rest.charAt(type.tail()) != ')') {
                    err = "missing ')'";
                } else {
                    return ns.value().lo() << 16 | type.value().lo();
                }
            }
        }
        throw new FlowParseException(rest + ": bad syntax for packet type " + err);
    }

    /**
     * The protocols whose match can carry {@code m} (each field's usable_protocols in meta-flow.xml, as mf_set()
     * returns them): OpenFlow 1.0's ofp10_match has exact L2-L4 fields, CIDR addresses and the VLAN as dl_vlan and
     * dl_vlan_pcp; OpenFlow 1.1 adds metadata and masked Ethernet and IPv4 addresses; NXM and OXM carry the rest.
     */
    static int usable(Match m) {
        for (Field f : Field.NO_PROTOCOL) {
            if (m.mask(f.slot) != 0) {
                return 0; // OFPUTIL_P_NONE
            }
        }
        boolean of10 = true, of11 = true;
        for (Slot s : Slot.ALL) {
            long mask = m.mask(s);
            if (mask == 0) {
                continue;
            }
            switch (s) {
                case IN_PORT, DL_TYPE, NW_PROTO -> { }
                case DL_SRC, DL_DST -> of10 &= mask == s.max;
                case NW_SRC, NW_DST -> of10 &= Long.bitCount(mask) == 32 - Long.numberOfTrailingZeros(mask | 1L << 32);
                case TP_SRC, TP_DST -> { // each protocol's own: exact ports only
                    of10 &= mask == s.max;
                    of11 &= mask == s.max;
                }
                case NW_TOS -> of10 &= mask == 0xfc; // nw_ecn: OpenFlow 1.1's exact match, not 1.0's
                case METADATA, MPLS_LSE -> of10 = false; // ofp11_match's metadata, mpls_label and mpls_tc
                case VLAN_TCI -> { // dl_vlan and dl_vlan_pcp, or "no VLAN" (CFI clear: ofp10's OFP10_VLAN_NONE)
                    long tci = m.value(s), vid = mask & Match.VLAN_VID, pcp = mask & Match.VLAN_PCP;
                    boolean ok = (mask & Match.VLAN_CFI) != 0 && ((tci & Match.VLAN_CFI) == 0
                            || (vid == 0 || vid == Match.VLAN_VID) && (pcp == 0 || pcp == Match.VLAN_PCP)
                            && (vid | pcp) != 0);
                    of10 &= ok;
                    of11 &= ok;
                }
                default -> of10 = of11 = false; // registers, tunnel, conntrack, pkt_mark, ARP hardware addresses ...
            }
        }
        return FlowMod.P_NXM | FlowMod.P_OXM | (of10 ? FlowMod.P_OF10 : 0) | (of11 ? FlowMod.P_OF11 : 0);
    }

    /** The fields whose mask alone decides OpenFlow 1.0 and 1.1 (their whole slot: see usable(Match)). */
    private static final java.util.Set<Field> OF10_MASKS = java.util.EnumSet.of(Field.ETH_SRC, Field.ETH_DST,
            Field.IPV4_SRC, Field.IPV4_DST, Field.TCP_SRC, Field.TCP_DST, Field.UDP_SRC, Field.UDP_DST);

    /**
     * The slots usable(Match) decides from the match as a whole (OpenFlow 1.0's own fields, the VLAN); the others'
     * fields rule out OpenFlow 1.0 (and 1.1 but metadata's and MPLS') by any mask, as each mf_set() returns.
     */
    private static final java.util.Set<Slot> OWN_RULE_SLOTS = java.util.EnumSet.of(Slot.IN_PORT, Slot.DL_TYPE,
            Slot.NW_PROTO, Slot.DL_SRC, Slot.DL_DST, Slot.NW_SRC, Slot.NW_DST, Slot.TP_SRC, Slot.TP_DST, Slot.NW_TOS,
            Slot.VLAN_TCI);

    /**
     * A field's usable_protocols (meta-flow.h's "OF1.0:" and "OF1.1:" lines) for those no other rule covers: SCTP
     * ports and the MPLS label and TC are OpenFlow 1.1's when exact, the IPv6, ICMPv6, ND and other MPLS fields
     * NXM's and OXM's alone.
     */
    private static int usable(Field f, boolean exact) {
        int nxm = FlowMod.P_NXM | FlowMod.P_OXM;
        return switch (f) {
            case SCTP_SRC, SCTP_DST, MPLS_LABEL, MPLS_TC -> exact ? nxm | FlowMod.P_OF11 : nxm;
            case IPV6_SRC, IPV6_DST, IPV6_LABEL, ICMPV6_TYPE, ICMPV6_CODE, ND_TARGET, ND_SLL, ND_TLL, ND_RESERVED,
                    ND_OPTIONS_TYPE, MPLS_BOS,
                    MPLS_TTL -> nxm;
            default -> FlowMod.P_ANY;
        };
    }

    /** ofp_parse_protocol(): {dl_type, nw_proto}, or null. */
    static int[] protocol(String name) {
        return switch (name) {
            case "ip", "ipv4", "ip4" -> new int[] {Match.ETH_IP, 0};
            case "arp" -> new int[] {Match.ETH_ARP, 0};
            case "rarp" -> new int[] {Match.ETH_RARP, 0};
            case "icmp" -> new int[] {Match.ETH_IP, Match.PROTO_ICMP};
            case "tcp" -> new int[] {Match.ETH_IP, Match.PROTO_TCP};
            case "udp" -> new int[] {Match.ETH_IP, Match.PROTO_UDP};
            case "sctp" -> new int[] {Match.ETH_IP, Match.PROTO_SCTP};
            case "ipv6", "ip6" -> new int[] {Match.ETH_IPV6, 0};
            case "icmp6" -> new int[] {Match.ETH_IPV6, 58};
            case "tcp6" -> new int[] {Match.ETH_IPV6, Match.PROTO_TCP};
            case "udp6" -> new int[] {Match.ETH_IPV6, Match.PROTO_UDP};
            case "sctp6" -> new int[] {Match.ETH_IPV6, Match.PROTO_SCTP};
            case "mpls" -> new int[] {0x8847, 0};
            case "mplsm" -> new int[] {0x8848, 0};
            default -> null;
        };
    }

    // str_to_u16(): str_to_int() with base 0, so 0x.. is hexadecimal and 0.. octal
    static int u16(String value, String name) {
        try {
            boolean hex = value.length() > 2 && (value.startsWith("0x") || value.startsWith("0X"));
            boolean oct = !hex && value.length() > 1 && value.startsWith("0");
            long v = Long.parseLong(hex ? value.substring(2) : oct ? value.substring(1) : value, hex ? 16 : oct ? 8 : 10);
            if (v >= 0 && v <= 0xffff) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new FlowParseException("invalid " + name + " \"" + value + "\"");
    }

    // str_to_be64() and str_to_u64(): strtoull(s, 0), refusing an empty string and what strtoull() leaves or overflows
    static long be64(String value) {
        if (value.isEmpty()) {
            throw new FlowParseException("missing required numeric argument");
        }
        try {
            var v = FieldParser.parseUnsigned(value);
            if (v.bitLength() <= 64) {
                return v.longValue();
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new FlowParseException("invalid numeric format " + value);
    }
}
