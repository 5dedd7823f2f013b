package io.arplab.flow;

import io.arplab.wire.libc.CLib;
import java.util.ArrayList;
import java.util.List;

/** The learn action in ovs-ofctl syntax (lib/learn.c learn_parse() and learn_parse_spec()). */
final class LearnParser {
    private LearnParser() {}

    // learn_parse__(): the learned flow's parameters, then its specs (learn_parse_spec())
    static Action parse(String orig, PortMap names) {
        int table = 1, idle = 0, hard = 0, finIdle = 0, finHard = 0, priority = 0x8000, flags = 0;
        long cookie = 0, limit = 0;
        Subfield resultDst = null;
        List<Action.LearnSpec> specs = new ArrayList<>();
        KeyValue kv = new KeyValue(orig);
        while (kv.next()) {
            String name = kv.key, value = kv.value;
            switch (name) {
                case "table" -> {
                    table = ActionParser.table(value, names, "unknown table \"" + value + "\"");
                    if (table == 255) {
                        throw new FlowParseException(orig + ": table id 255 not valid for `learn' action");
                    }
                }
                case "priority" -> priority = CLib.atoi(value) & 0xffff; // uint16_t members
                case "idle_timeout" -> idle = CLib.atoi(value) & 0xffff;
                case "hard_timeout" -> hard = CLib.atoi(value) & 0xffff;
                case "fin_idle_timeout" -> finIdle = CLib.atoi(value) & 0xffff;
                case "fin_hard_timeout" -> finHard = CLib.atoi(value) & 0xffff;
                case "cookie" -> cookie = FieldParser.parseUnsigned(value).longValue();
                case "limit" -> limit = CLib.atoi(value) & 0xffffffffL;
                case "send_flow_rem" -> flags |= 1;
                case "delete_learned" -> flags |= 2;
                case "result_dst" -> { // learn_parse__(): a writable single bit
                    flags |= 4;
                    resultDst = Subfield.parse(value);
                    if (Field.READ_ONLY.contains(resultDst.field())) {
                        throw new FlowParseException(value + " is read-only");
                    }
                    if (resultDst.nBits() != 1) {
                        throw new FlowParseException("result_dst in 'learn' action must be a single bit");
                    }
                }
                case "load" -> specs.add(learnLoad(name, value));
                case "output" -> {
                    if (value.indexOf('[') < 0 && Field.bySubfieldName(value) == null) {
                        throw new FlowParseException(value + ": unknown field `" + value + "'");
                    }
                    specs.add(new Action.LearnSpec(Action.LearnSpec.OUTPUT, Subfield.parse(value), U128.ZERO, null));
                }
                default -> specs.add(learnMatch(orig, name, value, names));
            }
        }
        return new Action.Learn(table, idle, hard, finIdle, finHard, priority, cookie, flags, limit, resultDst,
                List.copyOf(specs));
    }

    // learn_parse_spec(): FIELD=VALUE, FIELD=FIELD, SUBFIELD[=SUBFIELD or =VALUE]
    // learn_parse_spec()'s load: an immediate value (parse_int_string(), learn_parse_load_immediate()) or a
    // subfield (nxm_parse_reg_move()) into a subfield
    private static Action.LearnSpec learnLoad(String name, String value) {
        int arrow = value.indexOf("->");
        if (arrow == 0) {
            throw new FlowParseException(name + ": missing source before `->' in `" + value + "'");
        } else if (arrow < 0) {
            throw new FlowParseException(name + ": missing `->' in `" + value + "'");
        }
        // parse_int_string() into an mf_subvalue, 128 bytes: a value wider than any field is still a value
        FieldParser.IntString n = FieldParser.intString(value, 128);
        if (n.err() != 0 || n.tail() == 0) {
            Action.Move m = (Action.Move) ActionParserFields.move(value);
            return new Action.LearnSpec(Action.LearnSpec.LOAD, m.src(), U128.ZERO, m.dst());
        } else if (n.tail() != arrow) {
            throw new FlowParseException(name + ": garbage before `->' in `" + value + "'");
        }
        Subfield dst = Subfield.parse(value.substring(arrow + 2));
        ActionParserFields.experimenterOxm(value, dst, value.substring(arrow + 2)); // learn_parse_load_immediate()
        if (FieldParser.intString(value, 16).err() != 0 || n.value().bitLength() > dst.nBits()) {
            throw new FlowParseException(value + ": value does not fit into " + dst.nBits() + " bits");
        }
        return new Action.LearnSpec(Action.LearnSpec.LOAD, null, n.value(), dst);
    }

    // learn_parse_spec(): a match on a destination subfield, from a source subfield or else an immediate value (the
    // field's own syntax for a whole field, parse_int_string() for part of one)
    private static Action.LearnSpec learnMatch(String orig, String name, String value, PortMap names) {
        Subfield dst;
        try {
            dst = Subfield.parse(name);
        } catch (FlowParseException e) {
            throw new FlowParseException(orig + ": unknown keyword " + name);
        }
        ActionParserFields.experimenterOxm(orig, dst, name);
        if (value.isEmpty()) {
            return new Action.LearnSpec(Action.LearnSpec.MATCH, dst, U128.ZERO, dst);
        }
        Subfield src;
        try {
            src = Subfield.parse(value);
        } catch (FlowParseException notField) {
            String immError = null;
            U128 imm = U128.ZERO;
            Field f = dst.field();
            if (dst.ofs() == 0 && dst.nBits() == f.subfieldBits()) {
                try { // mf_parse_value(): the value whole, its mask all ones over the field's bytes
                    U128[] vm = FieldParser.parseWide(f, value, names);
                    imm = vm[0];
                    if (!vm[1].equals(U128.ones(Math.min(128, 8 * f.nBytes)))) {
                        immError = value + ": wildcards not allowed here";
                    }
                } catch (FlowParseException e) {
                    immError = e.getMessage();
                }
            } else {
                FieldParser.IntString n = FieldParser.intString(value, f.nBytes);
                if (n.err() != 0 || n.tail() != value.length()) {
                    immError = orig + ": cannot parse integer value";
                } else if (n.value().bitLength() > dst.nBits()) {
                    immError = orig + ": value " + MatchFormat.formatValue(f, n.value(), f.ones(), PortMap.NONE)
                            + " does not fit into " + dst.nBits() + " bits";
                } else {
                    imm = n.value();
                }
            }
            if (immError != null) {
                throw new FlowParseException(orig + ": " + name + " value " + value + " cannot be parsed as a subfield ("
                        + notField.getMessage() + ") or an immediate value (" + immError + ")");
            }
            return new Action.LearnSpec(Action.LearnSpec.MATCH, null, imm, dst);
        }
        if (src.nBits() != dst.nBits()) {
            throw new FlowParseException(orig + ": bit widths of " + name + " (" + src.nBits() + ") and " + value
                    + " (" + dst.nBits() + ") differ");
        }
        return new Action.LearnSpec(Action.LearnSpec.MATCH, src, U128.ZERO, dst);
    }
}
