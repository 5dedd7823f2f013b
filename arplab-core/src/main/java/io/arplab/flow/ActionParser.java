package io.arplab.flow;

import io.arplab.wire.libc.CLib;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Actions and instructions in ovs-ofctl syntax (lib/ofp-actions.c ofpacts_parse__ and the parse_* functions). */
public final class ActionParser {
    private ActionParser() {}

    // the OpenFlow 1.1+ instruction order (enum ovs_instruction_type)
    private static final String[] INSTRUCTIONS = {"meter", "apply_actions", "clear_actions", "write_actions",
        "write_metadata", "goto_table"};

    public static List<Action> parse(String s, Match match, PortMap names) {
        return parse(s, match, names, null, List.of());
    }

    /** ofpacts_parse_actions(): actions alone, of the instructions only apply_actions and meter (a packet-out's). */
    public static List<Action> parseActions(String s, PortMap names) {
        return parse(s, new Match(), names, ACTIONS_ONLY, List.of());
    }

    private static final String ACTIONS_ONLY = "actions";

    /**
     * {@code outer}: the action these are nested in ("ct", "write_actions"), or null; {@code prefix}: the actions of
     * the lists around them that come first (ofpacts_check() checks them on the same match).
     */
    private static List<Action> parse(String s, Match match, PortMap names, String outer, List<Action> prefix) {
        boolean inCt = "ct".equals(outer);
        List<Action> out = new ArrayList<>();
        List<Integer> insts = new ArrayList<>();
        boolean drop = false;
        int natAt = -1; // where the first nat outside ct() stands among the actions
        KeyValue kv = new KeyValue(s);
        while (kv.next()) {
            String key = kv.key, value = kv.value;
            String k = key.toLowerCase(Locale.ROOT);
            int inst = 1;
            switch (k) {
                case "output" -> out.add(output(value, names));
                case "controller" -> out.add(controller(value));
                case "enqueue" -> out.add(enqueue(value, names));
                case "set_queue" -> out.add(new Action.Queue(u32(value)));
                case "pop_queue" -> out.add(new Action.Queue(-1));
                case "set_tunnel", "set_tunnel64" -> out.add(new Action.SetTunnel(u64(value),
                        k.equals("set_tunnel64")));
                case "sample" -> out.add(sample(value, names));
                case "ct_clear" -> out.add(new Action.CtClear());
                case "exit" -> out.add(new Action.Exit());
                case "debug_recirc", "debug_slow" -> out.add(new Action.Debug(k.equals("debug_slow")));
                case "unroll_xlate" -> throw new FlowParseException("UNROLL is an internal action that shouldn't be used"
                        + " via OpenFlow"); // parse_UNROLL_XLATE()
                case "mod_vlan_vid", "mod_vlan_pcp" -> out.addAll(modVlan(k.equals("mod_vlan_vid"), value, match,
                        concat(prefix, out), true));
                // parse_SET_VLAN_VID(), parse_SET_VLAN_PCP(): the same without push_vlan_if_needed
                case "set_vlan_vid", "set_vlan_pcp" -> out.addAll(modVlan(k.equals("set_vlan_vid"), value, match,
                        concat(prefix, out), false));
                case "resubmit" -> out.add(resubmit(value, kv.keyDelim, names));
                case "goto_table" -> {
                    out.add(new Action.GotoTable(table(value, names, "unknown table \"" + value + "\"")));
                    inst = 5;
                }
                case "move" -> out.add(ActionParserFields.move(value));
                case "push", "pop" -> out.add(ActionParserFields.stack(k.equals("push"), value));
                case "load" -> out.add(ActionParserFields.load(value));
                case "set_field" -> out.add(ActionParserFields.setField(value, names));
                case "mod_dl_src" -> out.add(ActionParserFields.ethLegacy(Field.ETH_SRC, value));
                case "mod_dl_dst" -> out.add(ActionParserFields.ethLegacy(Field.ETH_DST, value));
                case "mod_nw_src" -> out.add(new Action.SetField(Field.IPV4_SRC, ActionParserFields.strToIp(value),
                        Field.IPV4_SRC.fullMask(), Action.Raw.LEGACY));
                case "mod_nw_dst" -> out.add(new Action.SetField(Field.IPV4_DST, ActionParserFields.strToIp(value),
                        Field.IPV4_DST.fullMask(), Action.Raw.LEGACY));
                case "mod_tp_src" -> out.add(new Action.SetField(udp(match) ? Field.UDP_SRC : sctp(match)
                        ? Field.SCTP_SRC : Field.TCP_SRC, FlowParser.u16(value, "source port"), 0xffff,
                        l4Raw(match, concat(prefix, out))));
                case "mod_tp_dst" -> out.add(new Action.SetField(udp(match) ? Field.UDP_DST : sctp(match)
                        ? Field.SCTP_DST : Field.TCP_DST, FlowParser.u16(value, "destination port"), 0xffff,
                        l4Raw(match, concat(prefix, out))));
                case "mod_nw_tos" -> {
                    int tos = u8(value, "TOS");
                    if ((tos & ~0xfc) != 0) {
                        throw new FlowParseException(value + ": not a valid TOS");
                    }
                    out.add(new Action.SetField(Field.IP_DSCP_SHIFTED, tos >> 2, 0x3f, Action.Raw.LEGACY));
                }
                case "mod_nw_ecn" -> {
                    int ecn = u8(value, "ECN");
                    if ((ecn & ~3) != 0) {
                        throw new FlowParseException(value + ": not a valid ECN");
                    }
                    out.add(new Action.SetField(Field.IP_ECN, ecn, 3, Action.Raw.LEGACY));
                }
                case "mod_nw_ttl", "set_nw_ttl" -> out.add(new Action.SetNwTtl(u8(value, "TTL")));
                case "dec_ttl" -> out.add(decTtl(value));
                case "check_pkt_larger" -> out.add(checkPktLarger(value));
                case "fin_timeout" -> out.add(finTimeout(value));
                case "multipath" -> out.add(Bundles.parseMultipath(value));
                case "bundle", "bundle_load" -> out.add(Bundles.parse(value, k.equals("bundle_load"), names));
                case "strip_vlan", "pop_vlan" -> out.add(new Action.PopVlan(k.equals("strip_vlan")));
                case "push_vlan" -> { // parse_PUSH_VLAN()
                    int type = FlowParser.u16(value, "ethertype");
                    if (type != 0x8100 && type != 0x88a8) {
                        throw new FlowParseException(value + ": not a valid VLAN ethertype");
                    }
                    out.add(new Action.PushVlan(type, false));
                }
                case "push_mpls", "pop_mpls" -> { // parse_PUSH_MPLS(), parse_POP_MPLS(): str_to_u16()
                    int type = FlowParser.u16(value, k);
                    out.add(k.equals("push_mpls") ? new Action.PushMpls(type) : new Action.PopMpls(type));
                }
                case "set_mpls_label", "set_mpls_tc", "set_mpls_ttl" -> out.add(ActionParserFields.setMpls(k, value));
                case "dec_mpls_ttl" -> out.add(new Action.DecMplsTtl());
                case "ct" -> out.add(ct(value, match, names));
                case "group" -> out.add(new Action.Group(u32(value)));
                case "learn" -> out.add(LearnParser.parse(value, names));
                case "meter" -> {
                    out.add(new Action.Meter(u32(value)));
                    inst = 0;
                }
                case "note" -> out.add(note(value));
                case "conjunction" -> out.add(conjunction(value));
                case "write_actions" -> {
                    out.add(new Action.WriteActions(parse(value, match, names, "write_actions",
                            concat(prefix, out))));
                    inst = 3;
                }
                case "clone" -> out.add(new Action.Clone(parse(value, match, names, "clone",
                        concat(prefix, out)))); // parse_CLONE()
                case "nat" -> { // parse_NAT()'s refusals; ofpacts_verify_nested() refuses it outside ct() after
                    String nat = ConntrackNat.parse(kv.keyDelim == '(' ? "nat(" + value + ")" : "nat").format();
                    if (inCt) {
                        out.add(new Action.Nat(nat)); // exec(nat(..)): one of ct()'s nested actions
                    } else {
                        natAt = natAt < 0 ? out.size() : natAt;
                    }
                }
                case "clear_actions" -> {
                    out.add(new Action.ClearActions());
                    inst = 2;
                }
                case "write_metadata" -> {
                    int slash = value.indexOf('/');
                    long v = u64(slash < 0 ? value : value.substring(0, slash));
                    long m = slash < 0 ? -1L : u64(value.substring(slash + 1));
                    out.add(new Action.WriteMetadata(v, m));
                    inst = 4;
                }
                case "drop" -> drop = true;
                case "apply_actions" -> throw new FlowParseException("apply_actions is the default instruction");
                default -> {
                    long port = Ports.parse(key, names);
                    if (port < 0 || port == Ports.NONE) {
                        throw new FlowParseException("unknown action " + key);
                    }
                    out.add(new Action.Output(port, port == Ports.CONTROLLER ? 0xffff : 0));
                }
            }
            while (insts.size() < out.size()) {
                insts.add(inst);
            }
        }
        if (drop && !out.isEmpty()) {
            throw new FlowParseException("\"drop\" must not be accompanied by any other action or instruction");
        }
        verify(out, insts, outer, natAt);
        return out;
    }

    // ofpacts_verify(), once every action is parsed: a conjunctive flow has conjunctions and notes alone;
    // ofpacts_verify_nested()'s CT fields only inside ct() and only they there, nothing nested in write_actions that
    // it cannot hold, then the instruction order
    private static void verify(List<Action> actions, List<Integer> insts, String outer, int natAt) {
        boolean inCt = "ct".equals(outer);
        int inst = 0;
        for (int i = 0; i <= actions.size(); i++) {
            if (i == natAt) { // ofpacts_verify_nested() at the nat, before its instruction's checks
                throw new FlowParseException("Cannot have NAT action outside of \"ct\" action");
            }
            if (i == actions.size()) {
                break;
            }
            Action a = actions.get(i);
            if (a instanceof Action.Conjunction) {
                for (int j = 0; j < actions.size() || j == natAt; j++) {
                    Action b = j == natAt ? null : actions.get(j);
                    // a mod_vlan_* is one ofpact whose push arplab keeps apart: named by its set
                    if (!(b instanceof Action.Conjunction) && !(b instanceof Action.Note)
                            && !(b instanceof Action.PushVlan p && p.implicit())) {
                        throw new FlowParseException("\"conjunction\" actions may be used along with \"note\" but"
                                + " not any other kind of action (such as the \"" + (b == null ? "nat" : name(b))
                                + "\" action used here)");
                    }
                }
                return;
            }
            Field dst = a instanceof Action.SetField f ? f.field() : a instanceof Action.Move m ? m.dst().field() : null;
            boolean ctField = dst == Field.CT_MARK || dst == Field.CT_LABEL;
            if (ctField && !inCt) {
                throw new FlowParseException("cannot set CT fields outside of ct action");
            } else if (inCt && dst == null && !(a instanceof Action.Nat)) {
                throw new FlowParseException("ct action doesn't support nested action " + name(a));
            } else if (inCt && !ctField && dst != null) {
                throw new FlowParseException("ct action doesn't support nested modification of " + dst.name);
            }
            if (actions.get(i) instanceof Action.Meter && ("write_actions".equals(outer) || "clone".equals(outer))) {
                throw new FlowParseException(outer + " action doesn't support nested action meter"); // unsupported_nesting()
            }
            int next = insts.get(i);
            String order = i > 0 ? orderError(inst, next) : null;
            if (order != null) {
                throw new FlowParseException(order);
            }
            // only apply_actions and meter nest, or make a packet-out's actions
            if (("write_actions".equals(outer) || "clone".equals(outer) || ACTIONS_ONLY.equals(outer)) && next > 1) {
                throw new FlowParseException(INSTRUCTIONS[next] + " instruction not allowed here");
            }
            inst = next;
        }
    }

    // ofpacts_verify(): an instruction after one of a later type, or a second one of the same type (only
    // apply_actions may repeat), is out of order (OFPBAC_UNSUPPORTED_ORDER); null if in order
    private static String orderError(int inst, int next) {
        if (inst == 1 ? next >= inst : next > inst) {
            return null;
        }
        return next == inst ? "duplicate " + INSTRUCTIONS[inst] + " instruction not allowed, for OpenFlow 1.1+"
                + " compatibility" : "invalid instruction ordering: " + INSTRUCTIONS[next] + " must appear before "
                + INSTRUCTIONS[inst] + ", for OpenFlow 1.1+ compatibility";
    }

    /**
     * ofpacts_verify()'s instruction order over actions as decoded from the wire: OpenFlow 1.0 carries write_metadata
     * as an action among the others and goto_table as a resubmit, which may then follow it. Null, or the warning.
     */
    static String orderError(List<Action> wire) {
        int inst = 0;
        for (int i = 0; i < wire.size(); i++) {
            Action a = wire.get(i);
            if (a instanceof Action.Conjunction) {
                return null;
            }
            // ovs_instruction_type_from_ofpact_type()
            int next = a instanceof Action.Meter ? 0 : a instanceof Action.ClearActions ? 2
                    : a instanceof Action.WriteActions ? 3 : a instanceof Action.WriteMetadata ? 4
                    : a instanceof Action.GotoTable ? 5 : 1;
            String order = i > 0 ? orderError(inst, next) : null;
            if (order != null) {
                return order;
            }
            inst = next;
        }
        return null;
    }

    /** ofpact_name(): the name of the OVS action {@code a} was parsed into. */
    static String name(Action a) {
        if (a instanceof Action.SetField f) {
            return !f.legacy() ? "set_field" : f.field() == Field.VLAN_VID ? "set_vlan_vid"
                    : f.field() == Field.VLAN_PCP ? "set_vlan_pcp" : f.field().legacyName();
        } else if (a instanceof Action.Queue q) {
            return q.queue() < 0 ? "pop_queue" : "set_queue";
        } else if (a instanceof Action.Debug d) {
            return d.slow() ? "debug_slow" : "debug_recirc";
        } else if (a instanceof Action.Stack st) {
            return st.push() ? "push" : "pop";
        }
        String n = ACTION_NAMES.get(a.getClass());
        return n != null ? n : a.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static final java.util.Map<Class<?>, String> ACTION_NAMES = java.util.Map.ofEntries(
        java.util.Map.entry(Action.OutputReg.class, "output_reg"), java.util.Map.entry(Action.GotoTable.class,
            "goto_table"), java.util.Map.entry(Action.DecTtl.class, "dec_ttl"),
        java.util.Map.entry(Action.SetNwTtl.class, "mod_nw_ttl"), java.util.Map.entry(Action.PopVlan.class,
            "strip_vlan"), java.util.Map.entry(Action.PushVlan.class, "push_vlan"),
        java.util.Map.entry(Action.SetTunnel.class, "set_tunnel"), java.util.Map.entry(Action.CtClear.class,
            "ct_clear"), java.util.Map.entry(Action.ClearActions.class, "clear_actions"),
        java.util.Map.entry(Action.WriteActions.class, "write_actions"),
        java.util.Map.entry(Action.WriteMetadata.class, "write_metadata"),
        java.util.Map.entry(Action.PushMpls.class, "push_mpls"), java.util.Map.entry(Action.PopMpls.class, "pop_mpls"),
        java.util.Map.entry(Action.SetMplsTtl.class, "set_mpls_ttl"),
        java.util.Map.entry(Action.DecMplsTtl.class, "dec_mpls_ttl"),
        java.util.Map.entry(Action.CheckPktLarger.class, "check_pkt_larger"),
        java.util.Map.entry(Action.FinTimeout.class, "fin_timeout"),
        java.util.Map.entry(Action.OutputTrunc.class, "output_trunc"));

    // parse_CONJUNCTION(): ovs_scan(arg, "%"SCNi32" , %"SCNu8" / %"SCNu8" %n") over the whole argument
    private static Action conjunction(String arg) {
        int[] pos = {0};
        Long id = scanInt(arg, pos, 0, 0xffffffffL);
        Long clause = id == null || !scanChar(arg, pos, ',') ? null : scanInt(arg, pos, 10, 0xff);
        Long n = clause == null || !scanChar(arg, pos, '/') ? null : scanInt(arg, pos, 10, 0xff);
        while (n != null && pos[0] < arg.length() && Character.isWhitespace(arg.charAt(pos[0]))) {
            pos[0]++;
        }
        if (n == null || pos[0] != arg.length()) {
            throw new FlowParseException("\"conjunction\" syntax is \"conjunction(id,i/n)\"");
        }
        if (n < 2) {
            throw new FlowParseException("conjunction must have at least 2 clauses");
        } else if (n > 64) {
            throw new FlowParseException("conjunction must have at most 64 clauses");
        } else if (clause < 1) {
            throw new FlowParseException("clause index must be positive");
        } else if (clause > n) {
            throw new FlowParseException("clause index must be less than or equal to number of clauses");
        }
        return new Action.Conjunction(id, (int) (clause - 1), (int) (long) n);
    }

    // ovs_scan()'s literal: spaces before it are skipped ("%i , %u": the format's space matches any run)
    private static boolean scanChar(String s, int[] pos, char c) {
        while (pos[0] < s.length() && Character.isWhitespace(s.charAt(pos[0]))) {
            pos[0]++;
        }
        if (pos[0] < s.length() && s.charAt(pos[0]) == c) {
            pos[0]++;
            return true;
        }
        return false;
    }

    // lib/util.c scan_int(): leading spaces, a sign, 0x (base 0 or 16), digits; the value kept to the type's width
    private static Long scanInt(String s, int[] pos, int base, long width) {
        int i = pos[0];
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = i < s.length() && s.charAt(i) == '-';
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        if ((base == 0 || base == 16) && (s.startsWith("0x", i) || s.startsWith("0X", i))) {
            base = 16;
            i += 2;
        } else if (base == 0) {
            base = i < s.length() && s.charAt(i) == '0' ? 8 : 10;
        }
        long value = 0;
        int digits = 0;
        for (; i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && Character.digit(s.charAt(i), 16) < base;
                i++, digits++) {
            value = value * base + Character.digit(s.charAt(i), 16);
        }
        if (digits == 0) {
            return null;
        }
        pos[0] = i;
        return (negative ? -value : value) & width;
    }

    private static boolean udp(Match m) {
        return m.mask(Slot.NW_PROTO) != 0 && m.value(Slot.NW_PROTO) == Match.PROTO_UDP;
    }

    // check_set_l4_port(): flow_ip_proto, the nw_proto of the flow as the actions before left it (a push_mpls
    // clears it), decides whether a Set-Field can carry it later
    private static Action.Raw l4Raw(Match match, List<Action> before) {
        Match m = match;
        for (Action a : before) {
            if (a instanceof Action.PushMpls || a instanceof Action.PopMpls) {
                m = ActionCheck.mplsMoved(m, a);
            }
        }
        long proto = m.value(Slot.NW_PROTO) & m.mask(Slot.NW_PROTO);
        return proto == Match.PROTO_TCP || proto == Match.PROTO_UDP || proto == Match.PROTO_SCTP
                ? Action.Raw.LEGACY : Action.Raw.LEGACY_L4;
    }

    // ofpact_put_set_field() of a legacy set_tp_src/dst: the match's L4 protocol picks the field (UDP, SCTP, else TCP)
    private static boolean sctp(Match m) {
        return m.mask(Slot.NW_PROTO) != 0 && m.value(Slot.NW_PROTO) == Match.PROTO_SCTP;
    }

    private static Action output(String value, PortMap names) {
        if (value.contains("port") && value.contains("max_len")) {
            return outputTrunc(value, names);
        }
        long port = Ports.parse(value, names); // parse_OUTPUT(): a port, else a subfield, else an unknown port
        if (port >= 0) {
            return new Action.Output(port, port == Ports.CONTROLLER ? 0xffff : 0);
        }
        try {
            return new Action.OutputReg(Subfield.parse(value));
        } catch (FlowParseException e) {
            throw new FlowParseException(value + ": output to unknown port");
        }
    }

    // parse_truncate_subfield(): port= a real port, LOCAL or IN_PORT; max_len= at least an Ethernet header
    private static Action outputTrunc(String value, PortMap names) {
        long port = 0, maxLen = 0;
        KeyValue kv = new KeyValue(value);
        while (kv.next()) {
            switch (kv.key) {
                case "port" -> {
                    port = Ports.parse(kv.value, names);
                    if (port < 0) {
                        throw new FlowParseException("output to unknown truncate port: " + kv.value);
                    }
                    if (port > Ports.MAX && port != Ports.LOCAL && port != Ports.IN_PORT) {
                        throw new FlowParseException("output to unsupported truncate port: " + kv.value);
                    }
                }
                case "max_len" -> {
                    maxLen = u32(kv.value);
                    if (maxLen < 14) {
                        throw new FlowParseException("max_len " + maxLen + " is less than the minimum value 14");
                    }
                }
                default -> throw new FlowParseException("invalid key '" + kv.key + "' in output_trunc argument");
            }
        }
        return new Action.OutputTrunc(port, maxLen);
    }

    // ofputil_packet_in_reason_to_string(): OFPR_EXPLICIT_MISS and OFPR_IMPLICIT_MISS (6, 7) print empty
    static final List<String> PACKET_IN_REASONS = List.of("no_match", "action", "invalid_ttl", "action_set",
        "group", "packet_out", "", "");

    // parse_CONTROLLER(): the plain form is an output to CONTROLLER, which is also how OVS encodes it
    private static Action controller(String value) {
        int maxLen = 0xffff, reason = 1, id = 0;
        long meter = -1;
        byte[] userdata = null;
        boolean pause = false;
        if (value.chars().allMatch(Character::isDigit)) {
            maxLen = value.isEmpty() ? 0xffff : FlowParser.u16(value, "max_len");
        } else {
            KeyValue kv = new KeyValue(value);
            while (kv.next()) {
                switch (kv.key) {
                    case "reason" -> {
                        reason = -1; // ofputil_packet_in_reason_from_string(): strcasecmp(), the first that matches
                        for (int i = PACKET_IN_REASONS.size() - 1; i >= 0; i--) {
                            reason = PACKET_IN_REASONS.get(i).equalsIgnoreCase(kv.value) ? i : reason;
                        }
                        if (reason < 0) {
                            throw new FlowParseException("unknown reason \"" + kv.value + "\"");
                        }
                    }
                    case "max_len" -> maxLen = FlowParser.u16(kv.value, "max_len");
                    case "id" -> id = FlowParser.u16(kv.value, "id");
                    case "userdata" -> userdata = hex(kv.value, "bad hex digit in `controller' action `userdata'");
                    case "pause" -> pause = true;
                    case "meter_id" -> meter = u32(kv.value);
                    default -> throw new FlowParseException("unknown key \"" + kv.key
                            + "\" parsing controller action");
                }
            }
        }
        if (reason == 1 && id == 0 && userdata == null && !pause && meter == -1) {
            return new Action.Output(Ports.CONTROLLER, maxLen);
        }
        return new Action.Controller(maxLen, reason, id, userdata, pause, meter);
    }

    // parse_ENQUEUE(): PORT:QUEUE or (PORT,QUEUE)
    private static Action enqueue(String value, PortMap names) {
        String[] parts = value.split("[:q,]", 2);
        if (parts.length < 2 || parts[0].isEmpty()) {
            throw new FlowParseException("\"enqueue\" syntax is \"enqueue:PORT:QUEUE\" or \"enqueue(PORT,QUEUE)\"");
        }
        long port = Ports.parse(parts[0], names);
        if (port < 0) {
            throw new FlowParseException(parts[0] + ": enqueue to unknown port");
        }
        return new Action.Enqueue(port, u32(parts[1]));
    }

    // parse_SAMPLE()
    private static Action sample(String value, PortMap names) {
        int probability = 0, direction = 0;
        long set = 0, domain = 0, point = 0, samplingPort = Ports.NONE;
        KeyValue kv = new KeyValue(value);
        while (kv.next()) {
            switch (kv.key) {
                case "probability" -> {
                    probability = FlowParser.u16(kv.value, "probability");
                    if (probability == 0) {
                        throw new FlowParseException("invalid probability value \"" + kv.value + "\"");
                    }
                }
                case "collector_set_id" -> set = u32(kv.value);
                case "obs_domain_id" -> domain = u32(kv.value);
                case "obs_point_id" -> point = u32(kv.value);
                case "sampling_port" -> {
                    samplingPort = Ports.parse(kv.value, names);
                    if (samplingPort < 0) {
                        throw new FlowParseException(kv.value + ": unknown port");
                    }
                }
                case "ingress" -> direction = 1;
                case "egress" -> direction = 2;
                default -> throw new FlowParseException("invalid key \"" + kv.key + "\" in \"sample\" argument");
            }
        }
        if (probability == 0) {
            throw new FlowParseException("non-zero \"probability\" must be specified on sample");
        }
        return new Action.Sample(probability, set, domain, point, samplingPort, direction);
    }

    // parse_DEC_TTL(): the counter ids, atoi() each, separated by commas or spaces
    private static Action decTtl(String value) {
        if (value.isEmpty()) {
            return new Action.DecTtl(null);
        }
        List<Integer> ids = new ArrayList<>();
        for (String id : value.split("[, ]+")) {
            if (!id.isEmpty()) {
                ids.add(CLib.atoi(id) & 0xffff);
            }
        }
        if (ids.isEmpty()) {
            throw new FlowParseException("dec_ttl_cnt_ids: expected at least one controller id.");
        }
        return new Action.DecTtl(List.copyOf(ids));
    }

    // parse_set_vlan_vid()/parse_set_vlan_pcp() with push_vlan_if_needed: a tag is pushed first (in OpenFlow
    // 1.1+, encode_SET_VLAN_VID()) when neither the match nor an earlier action has one
    private static List<Action> modVlan(boolean vid, String value, Match match, List<Action> before, boolean push) {
        int v = vid ? FlowParser.u16(value, "VLAN VID") : u8(value, "VLAN PCP");
        if (vid ? (v & ~0xfff) != 0 : (v & ~7) != 0) {
            throw new FlowParseException(value + ": not a valid VLAN " + (vid ? "VID" : "PCP"));
        }
        boolean tagged = flowHasVlan(match, before);
        Action.Raw raw = push ? Action.Raw.LEGACY : Action.Raw.LEGACY_NO_PUSH;
        Action set = vid ? new Action.SetField(Field.VLAN_VID, v | Match.VLAN_CFI, 0x1fff, raw)
                : new Action.SetField(Field.VLAN_PCP, v, 7, raw);
        return tagged || !push ? List.of(set) : List.of(new Action.PushVlan(0x8100, true), set);
    }

    // flow_has_vlan as check_SET_VLAN_VID()/check_SET_VLAN_PCP() find it: the match's tags, then what the actions
    // before do to them (check_PUSH_VLAN() pushes, check_STRIP_VLAN() pops, a set of the VLAN marks one); a nested
    // list's own are undone after it (ofpacts_check() restores the flow's vlans)
    private static boolean flowHasVlan(Match match, List<Action> before) {
        boolean[] cfi = {(match.value(Slot.VLAN_TCI) & match.mask(Slot.VLAN_TCI) & Match.VLAN_CFI) != 0,
            (match.value(Slot.VLAN_TCI1) & match.mask(Slot.VLAN_TCI1) & Match.VLAN_CFI) != 0};
        for (Action a : before) {
            if (a instanceof Action.PushVlan p && !p.implicit()) {
                cfi[1] = cfi[0];
                cfi[0] = true;
            } else if (a instanceof Action.PopVlan) {
                cfi[0] = cfi[1];
                cfi[1] = false;
            } else if (a instanceof Action.SetField f && (f.field() == Field.VLAN_VID || f.field() == Field.VLAN_PCP)) {
                cfi[0] = true;
            }
        }
        return cfi[0];
    }

    /**
     * The switch's own check_set_l4_port() of the OFPAT_SET_TP_SRC/DST it decoded: their field and flow_ip_proto come
     * from the match the switch got (normalized: `nw_proto=132` without an IP dl_type is gone), not ovs-ofctl's.
     */
    static List<Action> l4PortsOnMatch(List<Action> actions, Match match) {
        List<Action> out = null;
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i) instanceof Action.SetField f && f.legacy()
                    && (f.field().slot == Slot.TP_SRC || f.field().slot == Slot.TP_DST)) {
                boolean src = f.field().slot == Slot.TP_SRC;
                Field field = udp(match) ? (src ? Field.UDP_SRC : Field.UDP_DST)
                        : sctp(match) ? (src ? Field.SCTP_SRC : Field.SCTP_DST) : src ? Field.TCP_SRC : Field.TCP_DST;
                Action.Raw raw = l4Raw(match, actions.subList(0, i));
                if (field != f.field() || raw != f.raw()) {
                    out = out == null ? new ArrayList<>(actions) : out;
                    out.set(i, new Action.SetField(field, f.value(), f.mask(), raw));
                }
            }
        }
        return out == null ? actions : out;
    }

    /**
     * The switch's own check of an OpenFlow 1.0 list it decoded (OFPAT10_SET_VLAN_VID/PCP push a tag if needed): each
     * mod_vlan_* pushes one where the flow has none there, whatever ovs-ofctl saw before the push_vlan that OpenFlow
     * 1.0 cannot carry was left out. A null match: a group bucket's actions, which parse_bucket_str() never runs
     * through ofpacts_check(), so flow_has_vlan stays false and encode_SET_VLAN_VID() pushes a tag before each one.
     */
    static List<Action> vlanPushes(List<Action> actions, Match match, List<Action> prefix) {
        List<Action> out = new ArrayList<>();
        for (Action a : actions) {
            if (a instanceof Action.PushVlan p && p.implicit()) {
                continue;
            } else if (a instanceof Action.SetField f && f.legacy() && (f.field() == Field.VLAN_VID
                    || f.field() == Field.VLAN_PCP) && (match == null || !flowHasVlan(match, concat(prefix, out)))) {
                out.add(new Action.PushVlan(0x8100, true));
            }
            if (a instanceof Action.Clone c) {
                out.add(new Action.Clone(vlanPushes(c.actions(), match, concat(prefix, out))));
            } else if (a instanceof Action.WriteActions w) {
                out.add(new Action.WriteActions(vlanPushes(w.actions(), match, concat(prefix, out))));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static List<Action> concat(List<Action> a, List<Action> b) {
        List<Action> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** str_to_u64(). */
    static long u64(String value) {
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

    private static Action resubmit(String value, char delim, PortMap names) {
        if (delim != '(') {
            long port = Ports.parse(value, names);
            if (port < 0) {
                throw new FlowParseException(value + ": resubmit to unknown port");
            }
            if (port == Ports.IN_PORT) {
                throw new FlowParseException("at least one \"in_port\" or \"table\" must be specified on resubmit");
            }
            return new Action.Resubmit(port, 255);
        }
        String[] parts = value.split(",", -1);
        long port = Ports.IN_PORT;
        if (!parts[0].isEmpty()) {
            port = Ports.parse(parts[0], names);
            if (port < 0) {
                throw new FlowParseException(parts[0] + ": resubmit to unknown port");
            }
        }
        int table = 255;
        if (parts.length > 1 && !parts[1].isEmpty()) {
            table = table(parts[1], names, parts[1] + ": resubmit to unknown table");
        }
        boolean ct = parts.length > 2 && !parts[2].isEmpty(); // parse_RESUBMIT(): a third word, "ct" alone
        if (ct && !parts[2].equals("ct")) {
            throw new FlowParseException(parts[2] + ": unknown parameter");
        }
        if (port == Ports.IN_PORT && table == 255) {
            throw new FlowParseException("at least one \"in_port\" or \"table\" must be specified on resubmit");
        }
        return new Action.Resubmit(port, table, ct);
    }

    // ofputil_table_from_string(): a decimal table number up to 255, its warnings logged, else a name of the table
    // map (quoted or not); else the caller's error
    static int table(String value, PortMap names, String error) {
        if (value.startsWith("-")) {
            Ports.warn("ofp_table|WARN|Negative value " + value + " is not a valid table number.");
            throw new FlowParseException(error);
        }
        long t = Ports.strToUint(value);
        if (t > 255) {
            Ports.warn("ofp_table|WARN|table " + t + " is outside the supported range 0 through 255");
        }
        if (t < 0) {
            boolean quoted = value.length() > 1 && value.startsWith("\"") && value.endsWith("\"");
            t = names.tableNumber(quoted ? value.substring(1, value.length() - 1) : value);
        }
        if (t < 0 || t > 255) {
            throw new FlowParseException(error);
        }
        return (int) t;
    }

    static int u8(String value, String what) {
        int v = -1;
        try {
            v = FlowParser.u16(value, what);
        } catch (FlowParseException e) {
            // below
        }
        if (v >= 0 && v <= 255) {
            return v;
        }
        throw new FlowParseException("invalid " + what + " \"" + value + "\"");
    }

    // parse_FIN_TIMEOUT(): idle_timeout and hard_timeout, each by str_to_u16()
    private static Action finTimeout(String value) {
        int idle = 0, hard = 0;
        KeyValue kv = new KeyValue(value);
        while (kv.next()) {
            switch (kv.key) {
                case "idle_timeout" -> idle = FlowParser.u16(kv.value, kv.key);
                case "hard_timeout" -> hard = FlowParser.u16(kv.value, kv.key);
                default -> throw new FlowParseException("invalid key '" + kv.key + "' in 'fin_timeout' argument");
            }
        }
        return new Action.FinTimeout(idle, hard);
    }

    // parse_CHECK_PKT_LARGER(): "N)->DST" split at the arrow, the destination one bit, N by str_to_u16() unnamed
    private static Action checkPktLarger(String value) {
        int arrow = ActionParserFields.splitArrow(value);
        String len = value.substring(0, arrow);
        len = len.endsWith(")") ? len.substring(0, len.length() - 1) : len;
        Subfield dst = Subfield.parse(value.substring(arrow + 2));
        if (dst.nBits() != 1) {
            throw new FlowParseException("Only 1-bit destination field is allowed");
        }
        return new Action.CheckPktLarger(FlowParser.u16(len, "(null)"), dst);
    }

    /** str_to_u32(): strtoul() with base 0 on a 64-bit long, kept to 32 bits; OVS's error text otherwise. */
    static long u32(String value) {
        if (value.isEmpty()) {
            throw new FlowParseException("missing required numeric argument");
        }
        String t = value.strip();
        boolean minus = t.startsWith("-");
        if (minus || t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.length() > 1 && (t.startsWith("0x") || t.startsWith("0X"))) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        BigInteger v;
        try {
            v = new BigInteger(t, radix);
        } catch (NumberFormatException e) {
            v = null;
        }
        if (v == null || v.signum() < 0 || v.bitLength() > 64) {
            throw new FlowParseException("invalid numeric format " + value);
        }
        return (minus ? v.negate() : v).longValue() & 0xffffffffL;
    }

    private static long number(String value, String what) {
        try {
            return FieldParser.parseUnsigned(value).longValue();
        } catch (NumberFormatException e) {
            throw new FlowParseException(value + ": invalid " + what);
        }
    }

    // parse_CT()
    private static Action ct(String value, Match match, PortMap names) {
        boolean commit = false, force = false;
        int table = -1, zone = 0, alg = 0;
        Subfield zoneSrc = null;
        String nat = null;
        int natAt = 0;
        List<Action> exec = new ArrayList<>();
        KeyValue kv = new KeyValue(value);
        while (kv.next()) {
            switch (kv.key) {
                case "commit" -> commit = true;
                case "force" -> force = true;
                case "table" -> {
                    table = table(kv.value, names, "unknown table " + kv.value);
                    if (table == 255) { // NX_CT_RECIRC_NONE
                        throw new FlowParseException("invalid table 0xff");
                    }
                }
                case "zone" -> { // parse_CT(): str_to_u16(), else mf_parse_subfield(), whose error is the one told
                    try {
                        zone = FlowParser.u16(kv.value, "zone");
                    } catch (FlowParseException e) {
                        zoneSrc = Subfield.parse(kv.value);
                    }
                }
                case "nat" -> { // parse_NAT()'s refusals, then format_NAT()'s text; each nat appends to the list
                    exec.add(new Action.Nat(ConntrackNat.parse(kv.keyDelim == '(' ? "nat(" + kv.value + ")"
                            : "nat").format()));
                }
                case "exec" -> exec.addAll(parse(kv.value, match, names, "ct", List.of())); // each exec() appends
                case "alg" -> alg = switch (kv.value) { // str_to_connhelper()
                    case "ftp" -> Action.CT_FTP;
                    case "tftp" -> Action.CT_TFTP;
                    default -> throw new FlowParseException("invalid conntrack helper \"" + kv.value + "\"");
                };
                default -> throw new FlowParseException("invalid argument to \"ct\" action: `" + kv.key + "'");
            }
        }
        if (force && !commit) {
            throw new FlowParseException("\"force\" flag requires \"commit\" flag.");
        }
        for (int i = 0; i < exec.size(); i++) { // the list's first nat is the ct's own, the rest stay nested
            if (exec.get(i) instanceof Action.Nat n) {
                nat = n.text();
                natAt = i;
                exec.remove(i);
                break;
            }
        }
        return new Action.Ct(commit, force, table, zone, zoneSrc, nat, List.copyOf(exec), alg, natAt);
    }

    // parse_NOTE(): hex bytes, padded as the NXAST_NOTE action is on the wire
    private static Action note(String value) {
        byte[] bytes = hex(value, "bad hex digit in `note' argument");
        int padded = (10 + bytes.length + 7) / 8 * 8 - 10;
        return new Action.Note(java.util.Arrays.copyOf(bytes, padded), bytes.length);
    }

    /**
     * The actions as ovs-ofctl's parser leaves them, before any encoding (its ofpacts, which diff-flows formats): a
     * note without the wire's padding, a mod_vlan_vid or mod_vlan_pcp without the tag arplab keeps apart (one
     * ofpact, push_vlan_if_needed).
     */
    static List<Action> asParsed(List<Action> actions) {
        List<Action> out = new ArrayList<>();
        for (Action a : actions) {
            if (a instanceof Action.PushVlan p && p.implicit()) {
                continue;
            } else if (a instanceof Action.Note n) {
                out.add(new Action.Note(java.util.Arrays.copyOf(n.data(), n.given())));
            } else if (a instanceof Action.Clone c) {
                out.add(new Action.Clone(asParsed(c.actions())));
            } else if (a instanceof Action.WriteActions w) {
                out.add(new Action.WriteActions(asParsed(w.actions())));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /** ofpbuf_put_hex(): pairs of hex digits, optionally separated by '.'; {@code error} when one is not. */
    private static byte[] hex(String s, String error) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '.') {
                i++;
                continue;
            }
            if (i + 2 > s.length()) {
                throw new FlowParseException(error);
            }
            try {
                out.write(Integer.parseInt(s.substring(i, i + 2), 16));
            } catch (NumberFormatException e) {
                throw new FlowParseException(error);
            }
            i += 2;
        }
        return out.toByteArray();
    }
}
