package io.arplab.flow;

import io.arplab.wire.libc.CLib;
import java.util.List;

/**
 * The field-writing actions in ovs-ofctl syntax (lib/ofp-actions.c parse_reg_move(), parse_reg_load(),
 * parse_set_field(), parse_stack_action(), the set_mpls_* and legacy set_* ones) and the checks they share:
 * mf_check_dst()'s writable fields, mf_is_value_valid(), a NXM/OXM experimenter field's name.
 */
final class ActionParserFields {
    private ActionParserFields() {}

    /**
     * The check of learn_parse_spec(), learn_parse_load_immediate(), bundle_parse__() and multipath_parse__() that
     * their NXM-encoded destination has a 32-bit header (mf_nxm_header()): {@code s} is what the error names first.
     */
    static void experimenterOxm(String s, Subfield dst, String name) {
        if (dst.field().experimenterOxm()) {
            throw new FlowParseException(s + ": experimenter OXM field '" + name + "' not supported");
        }
    }

    // nxm_parse_stack_action(): mf_parse_subfield__() (the name up to '[' or '-', then its brackets), nothing after
    static Action stack(boolean push, String value) {
        int end = 0;
        while (end < value.length() && value.charAt(end) != '[' && value.charAt(end) != '-') {
            end++;
        }
        if (end < value.length() && value.charAt(end) == '[' && value.indexOf(']', end) >= 0) {
            end = value.indexOf(']', end) + 1;
        }
        Subfield sf = Subfield.parse(value.substring(0, end));
        if (end < value.length()) {
            throw new FlowParseException(value.substring(end) + ": trailing garbage following push or pop");
        }
        return new Action.Stack(push, sf);
    }

    // nxm_parse_reg_move()
    static Action move(String value) {
        int arrow = value.indexOf("->");
        if (arrow < 0) {
            throw new FlowParseException(value + ": missing `->' following source");
        }
        Subfield src;
        try {
            src = Subfield.parse(value.substring(0, arrow));
        } catch (FlowParseException e) { // mf_parse_subfield__() words errors with all the text left to parse
            throw new FlowParseException(value + e.getMessage().substring(arrow));
        }
        Subfield dst = Subfield.parse(value.substring(arrow + 2));
        int srcBits = Subfield.parsedBits(value.substring(0, arrow), src);
        int dstBits = Subfield.parsedBits(value.substring(arrow + 2), dst);
        if (srcBits != dstBits) {
            throw new FlowParseException(value + ": source field is " + srcBits
                    + " bits wide but destination is " + dstBits + " bits wide");
        }
        return new Action.Move(src, dst);
    }

    // set_field_split_str(): VALUE->KEY split at the first arrow, which must have a field name after it
    static int splitArrow(String value) {
        int arrow = value.indexOf("->");
        if (arrow < 0) {
            throw new FlowParseException(value + ": missing `->'");
        }
        if (arrow + 2 == value.length()) {
            throw new FlowParseException(value + ": missing field name following `->'");
        }
        return arrow;
    }

    // parse_reg_load(): parse_int_string() into the field's bytes, which must fit the subfield's bits
    static Action load(String value) {
        int arrow = splitArrow(value);
        Subfield dst = Subfield.parse(value.substring(arrow + 2));
        FieldParser.IntString n = FieldParser.intString(value.substring(0, arrow), dst.field().nBytes);
        if (n.err() != 0) {
            throw new FlowParseException(value + ": cannot parse integer value");
        }
        if (n.value().bitLength() > dst.nBits()) { // the value as mf_format() prints it
            throw new FlowParseException(value + ": value " + MatchFormat.formatValue(dst.field(), n.value(),
                    dst.field().ones(), PortMap.NONE) + " does not fit into " + dst.nBits() + " bits");
        }
        return new Action.SetField(dst.field(), n.value().shl(dst.ofs()), dst.bits(), Action.Raw.REG_LOAD);
    }

    /** mf_check_dst(): what a load may write (in_port, unlike the other read-only fields, can be). */
    static boolean writable(Field f) {
        return !(f == Field.ETH_TYPE || f == Field.IP_PROTO || f == Field.RECIRC_ID || f == Field.CONJ_ID
                || f == Field.CT_STATE || f == Field.CT_ZONE || f == Field.DL_VLAN
                || f == Field.DL_VLAN_PCP || f == Field.IP_FRAG || f == Field.MPLS_BOS || f.prereq == Field.Prereq.CT);
    }

    // parse_SET_FIELD(): VALUE[/MASK]->FIELD
    static Action setField(String value, PortMap names) {
        int arrow = splitArrow(value);
        String key = value.substring(arrow + 2);
        Field f = Field.byName(key);
        if (f == null) {
            throw new FlowParseException(key + " is not a valid OXM field name");
        }
        if (Field.READ_ONLY.contains(f)) { // parse_SET_FIELD(): !mf->writable
            throw new FlowParseException(key + " is read-only");
        }
        U128[] vm = FieldParser.parseWide(f, value.substring(0, arrow), names);
        if (!valueValid(f, vm[0].lo())) {
            throw new FlowParseException(value.substring(0, arrow) + " is not a valid value for field " + key);
        }
        // value and mask as written, all their bytes (ofpact_put_set_field()): 1-bits outside the mask or the field's
        // bits too, which encode_SET_FIELD() puts on the wire and the translation leaves alone
        return new Action.SetField(f, vm[0], vm[1], Action.Raw.SET_FIELD);
    }

    // parse_SET_MPLS_LABEL(), parse_SET_MPLS_TC(), parse_SET_MPLS_TTL(): str_to_u32() or str_to_u8(), then the range
    static Action setMpls(String k, String value) {
        if (value.isEmpty()) {
            throw new FlowParseException(k + ": expected " + k.substring(9) + ".");
        }
        if (k.equals("set_mpls_label")) {
            long label = ActionParser.u32(value);
            if ((label & ~0xfffffL) != 0) {
                throw new FlowParseException(value + ": not a valid MPLS label");
            }
            return new Action.SetField(Field.MPLS_LABEL, label, 0xfffff, Action.Raw.LEGACY);
        }
        int v = ActionParser.u8(value, k.equals("set_mpls_tc") ? "MPLS TC" : "MPLS TTL");
        if (k.equals("set_mpls_ttl")) {
            return new Action.SetMplsTtl(v);
        }
        if ((v & ~7) != 0) {
            throw new FlowParseException(value + ": not a valid MPLS TC");
        }
        return new Action.SetField(Field.MPLS_TC, v, 7, Action.Raw.LEGACY);
    }

    // mf_is_value_valid(): the fields whose bytes hold more bits than the field has
    static boolean valueValid(Field f, long v) {
        return switch (f) {
            case IP_DSCP -> (v & ~0xfc) == 0;
            case IP_DSCP_SHIFTED -> (v & ~0x3f) == 0;
            case IP_ECN -> (v & ~3) == 0;
            case IP_FRAG -> (v & ~3) == 0;
            case TCP_FLAGS -> (v & ~0xfff) == 0;
            case ARP_OP -> (v & 0xff00) == 0;
            case DL_VLAN -> (v & 0xf000) == 0;
            case VLAN_VID -> (v & 0xe000) == 0; // the PCP bits (the CFI bit is the present bit)
            case TUN_FLAGS -> (v & ~1) == 0; // FLOW_TNL_PUB_F_MASK
            case VLAN_PCP, DL_VLAN_PCP, MPLS_TC -> (v & ~7) == 0;
            case IPV6_LABEL, MPLS_LABEL -> (v & ~0xfffff) == 0;
            case MPLS_BOS -> (v & ~1) == 0;
            default -> true;
        };
    }

    /**
     * str_to_ip() (parse_SET_IPV4_SRC(), parse_SET_IPV4_DST()): lookup_ip()'s ip_parse(), inet_pton() of a dotted
     * quad (four decimal octets to 255, none with a leading zero), its failure logged by socket_util.
     */
    static long strToIp(String s) {
        long ip = CLib.inetPton4(s);
        if (ip < 0) {
            throw new FlowParseException(s + ": could not convert to IP address",
                    List.of("socket_util|ERR|\"" + s + "\" is not a valid IP address"));
        }
        return ip;
    }

    // parse_SET_ETH_SRC(), parse_SET_ETH_DST(): str_to_mac()
    static Action ethLegacy(Field f, String value) {
        return new Action.SetField(f, FieldParser.strToMac(value), f.fullMask(), Action.Raw.LEGACY);
    }

    // str_to_u8(): strtol() with base 0
}
