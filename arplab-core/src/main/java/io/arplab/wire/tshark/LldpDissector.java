package io.arplab.wire.tshark;

/**
 * packet-lldp.c's dissect_lldp(): the chassis ID, port ID and TTL TLVs first (each adding its short form to Info),
 * then the optional ones while captured bytes remain, of which the system name and description add "SysN=" /
 * "SysD="; nothing after End.
 */
final class LldpDissector {
    private static final int END = 0;
    private static final int CHASSIS_ID = 1;
    private static final int PORT_ID = 2;
    private static final int TTL = 3;
    private static final int SYSTEM_NAME = 5;
    private static final int SYSTEM_DESCRIPTION = 6;

    private LldpDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("LLDP");
        p.clearInfo();
        int off = 0;
        int index = 0;
        // the three mandatory TLVs are read whether or not there are bytes for them; the optional ones while bytes
        // were captured, so a capture cut at a TLV's end shows no cut (probed: every cut of a five-TLV LLDPDU)
        while (index < 3 || tvb.capturedRemaining(off) > 0) {
            int head = tvb.u16(off);
            int type = head >> 9;
            int len = head & 0x1ff;
            if (index == 0 && type != CHASSIS_ID) {
                if (!tvb.bytesExist(off, len + 2)) {
                    throw new Unsupported("LLDP first TLV neither a chassis ID nor whole");
                }
                p.info("Invalid Chassis ID TLV");
                return;
            }
            if (index == 1) {
                // the port ID TLV's tvbuff, of the TLV's length, has its first "length" bytes checked before the
                // type is looked at (seeds 33009, 33010: a TLV two bytes short is an invalid port ID, three short
                // is malformed)
                Tvb tlv = tvb.subset(off, -1, len + 2);
                tlv.check(0, len);
                if (type != PORT_ID) {
                    p.info("Invalid Port ID TLV");
                    return;
                }
                tlv.u8(2); // the subtype, read before the length is looked at (a length of 0 is malformed)
            }
            if (index == 2) {
                // dissect_lldp_time_to_live(): the type in the header first (seed 34005), then the seconds read in a
                // tvbuff of the TLV's length and shown, then the TLV's item (probe family lldp-ttl)
                if (type != TTL) {
                    p.info("Invalid Time-to-Live TLV");
                    return;
                }
                Tvb tlv = tvb.subset(off, -1, len + 2);
                p.append(tlv.u16(2) + " ");
                tlv.check(0, len + 2);
                index++;
                off += 2 + len;
                continue;
            }
            // the TLV is taken whole before its type is looked at (the chassis ID's type is looked at first)
            tvb.subset(off, -1, len + 2).check(0, len + 2);
            if (index == 1 && len < 2) {
                p.info("Invalid Port ID TLV");
                return;
            }
            if (index >= 3 && (type == CHASSIS_ID || type == PORT_ID || type == TTL)) {
                duplicate(tvb, off, type, len, p);
                return;
            }
            switch (type) {
                case END -> {
                    return;
                }
                case CHASSIS_ID -> {
                    if (len < 2) {
                        throw new Unsupported("LLDP chassis ID of length " + len);
                    }
                    p.append(id(tvb, off + 2, len, true) + " ");
                }
                case PORT_ID -> p.append(id(tvb, off + 2, len, false) + " ");
                case SYSTEM_NAME -> p.append("SysN=" + text(tvb, off + 2, len) + " ");
                case SYSTEM_DESCRIPTION -> p.append("SysD=" + text(tvb, off + 2, len) + " ");
                default -> { } // port description, capabilities, management address, reserved and organisational TLVs
            }
            index++;
            off += 2 + len;
        }
    }

    /**
     * A chassis ID, port ID or TTL TLV after the first three: dissected as the first was (its subtype or seconds read
     * in the TLV's tvbuff), then Info is "Duplicate ... TLV" and the walk ends; the LLDPDU's bytes after it are read
     * all the same, so a capture cut there shows (probed: family lldp-dup).
     */
    private static void duplicate(Tvb tvb, int off, int type, int len, Packet p) {
        Tvb tlv = tvb.subset(off, -1, len + 2);
        if (type == TTL) {
            tlv.u16(2);
        } else {
            tlv.u8(2);
            if (len >= 2) {
                id(tvb, off + 2, len, type == CHASSIS_ID);
            }
        }
        p.info(type == CHASSIS_ID ? "Duplicate Chassis ID TLV" : type == PORT_ID ? "Duplicate Port ID TLV"
                : "Duplicate Time-To-Live TLV");
        tvb.check(0, tvb.reported);
    }

    /**
     * The chassis or port ID's subtype abbreviation and value: names as text, MACs and addresses as such, a port
     * component in hex (dissect_lldp_chassis_id() / dissect_lldp_port_id()).
     */
    private static String id(Tvb tvb, int off, int len, boolean chassis) {
        int subtype = tvb.u8(off);
        int v = off + 1;
        int n = len - 1;
        String kind = chassis ? switch (subtype) {
            case 1 -> "CC";
            case 2 -> "IA";
            case 3 -> "PC";
            case 4 -> "MA";
            case 5 -> "NA";
            case 6 -> "IN";
            case 7 -> "LA";
            default -> null;
        } : switch (subtype) {
            case 1 -> "IA";
            case 2 -> "PC";
            case 3 -> "MA";
            case 4 -> "NA";
            case 5 -> "IN";
            case 6 -> "AC";
            case 7 -> "LA";
            default -> null;
        };
        if (kind == null) {
            throw new Unsupported("LLDP ID subtype " + subtype);
        }
        String value = switch (kind) {
            case "MA" -> {
                if (n != 6) {
                    throw new Unsupported("LLDP MAC ID of " + n + " bytes");
                }
                yield tvb.mac(v);
            }
            case "NA" -> {
                int family = tvb.u8(v);
                if (family != 1 || n != 5) {
                    throw new Unsupported("LLDP network address of family " + family);
                }
                yield tvb.ipv4(v + 1);
            }
            case "PC" -> Names.bytes(tvb.data, tvb.at(v, n), n);
            default -> text(tvb, v, n);
        };
        return kind + "/" + value;
    }

    /** format_text(): printable ASCII as it is, C's escapes for \t \n \r and the like. */
    private static String text(Tvb tvb, int off, int len) {
        int at = tvb.at(off, len);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int c = tvb.data[at + i] & 0xff;
            switch (c) {
                case 0x07 -> sb.append("\\a");
                case 0x08 -> sb.append("\\b");
                case 0x09 -> sb.append("\\t");
                case 0x0a -> sb.append("\\n");
                case 0x0b -> sb.append("\\v");
                case 0x0c -> sb.append("\\f");
                case 0x0d -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        throw new Unsupported("LLDP text with non-printable bytes");
                    }
                    sb.append((char) c);
                }
            }
        }
        return sb.toString();
    }
}
