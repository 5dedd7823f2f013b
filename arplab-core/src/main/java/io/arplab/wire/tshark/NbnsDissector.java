package io.arplab.wire.tshark;

/**
 * packet-nbns.c (Wireshark 4.0): dissect_nbns() (UDP 137: the opcode's name, " response", the error code's text,
 * the questions of a request and the answers of a response as " TYPE name" / " NB address") and dissect_nbdgm()
 * (UDP 138: the message type's name; the payload goes to the "netbios" heuristics, SMB's among them, which are not
 * modelled). Only well-formed messages taken whole by the capture are followed.
 */
final class NbnsDissector {
    private static final int T_NB = 32;
    private static final int T_NBSTAT = 33;
    private static final int OPCODE_WACK = 7;
    /** opcode_vals. */
    private static final java.util.Map<Integer, String> OPCODES = java.util.Map.of(0, "Name query", 5, "Registration",
        6, "Release", 7, "Wait for acknowledgment", 8, "Refresh", 9, "Refresh (alternate opcode)",
        15, "Multi-homed registration");
    /** rcode_vals. */
    private static final String[] RCODES = {"No error", "Request was invalidly formatted", "Server failure",
        "Requested name does not exist", "Request is not implemented", "Request was refused",
        "Name is owned by another node", "Name is in conflict"};
    /** nbds_msgtype_vals, from 0x10. */
    private static final String[] DGM_TYPES = {"Direct_unique datagram", "Direct_group datagram",
        "Broadcast datagram", "Datagram error", "Datagram query request", "Datagram positive query response",
        "Datagram negative query response"};

    private NbnsDissector() {}

    /** dissect_nbns(). */
    static void nbns(Tvb tvb, Packet p) {
        if (tvb.length < tvb.reported || tvb.reported < 12) {
            throw new Unsupported("NBNS message cut by the capture or shorter than its header");
        }
        p.protocol("NBNS");
        p.clearInfo();
        int flags = tvb.u16(2);
        int opcode = flags >> 11 & 0xf;
        boolean response = (flags & 0x8000) != 0;
        String op = OPCODES.get(opcode);
        p.info((op != null ? op : "Unknown operation (" + opcode + ")") + (response ? " response" : ""));
        if (response && (flags & 0xf) != 0) {
            int rcode = flags & 0xf;
            p.append(", " + (rcode < RCODES.length ? RCODES[rcode] : "Unknown error"));
        }
        int quest = tvb.u16(4);
        int ans = tvb.u16(6);
        int auth = tvb.u16(8);
        int add = tvb.u16(10);
        int off = 12;
        for (int i = 0; i < quest; i++) {
            off = query(tvb, off, response ? null : p);
        }
        for (int i = 0; i < ans; i++) {
            off = answer(tvb, off, response ? p : null, opcode);
        }
        // authority and additional records add nothing to Info
        for (int i = 0; i < auth + add; i++) {
            off = answer(tvb, off, null, opcode);
        }
    }

    /** dissect_nbns_query(): the name, type and class; a request's Info gets " TYPE name". */
    private static int query(Tvb tvb, int off, Packet info) {
        NbName name = name(tvb, off, info != null);
        int type = need(tvb, off + name.length, 4).u16(off + name.length);
        if (info != null) {
            info.append(" " + typeName(type) + " " + name.text);
        }
        return off + name.length + 4;
    }

    /**
     * dissect_nbns_answer(): name, type, class, TTL, data length and the data; a response's Info gets " NB" and the
     * first address of its data (not for WACK), " NBSTAT" for a node status. Other types are not followed.
     */
    private static int answer(Tvb tvb, int off, Packet info, int opcode) {
        NbName name = name(tvb, off, false);
        int o = off + name.length;
        need(tvb, o, 10);
        int type = tvb.u16(o);
        int len = tvb.u16(o + 8);
        o += 10;
        need(tvb, o, len);
        if (type == T_NB && opcode == OPCODE_WACK && len == 2) {
            // a WACK's data is the request's flags; Info gets nothing
            return o + len;
        } else if (type == T_NB) {
            if (len < 6 || len % 6 != 0) {
                throw new Unsupported("NBNS NB record of " + len + " bytes");
            }
            if (info != null && opcode != OPCODE_WACK) {
                info.append(" NB " + tvb.ipv4(o + 2));
            }
        } else if (type == T_NBSTAT) {
            int names = len >= 1 ? tvb.u8(o) : -1;
            if (len != 1 + 18 * names + 46) {
                throw new Unsupported("NBNS NBSTAT record of " + len + " bytes");
            }
            if (info != null) {
                info.append(" NBSTAT");
            }
        } else {
            throw new Unsupported("NBNS record of type " + type);
        }
        return o + len;
    }

    private static Tvb need(Tvb tvb, int off, int len) {
        if (!tvb.bytesExist(off, len)) {
            throw new Unsupported("NBNS record past the message");
        }
        return tvb;
    }

    private static String typeName(int type) {
        if (type == T_NB) {
            return "NB";
        }
        return type == T_NBSTAT ? "NBSTAT" : "Unknown";
    }

    /** A NetBIOS name: the bytes it takes and get_nbns_name()'s text. */
    private record NbName(int length, String text) {}

    /**
     * get_nbns_name(): get_dns_name(), then the first-level decoding (two letters A-P a byte, 16 bytes),
     * process_netbios_name()'s printable text, "<%02x>" of the type byte, a compression pointer followed back. A
     * name that is not legal, or one with a scope when Info shows it, is not followed.
     */
    private static NbName name(Tvb tvb, int off, boolean shown) {
        int first = need(tvb, off, 1).u8(off);
        if ((first & 0xc0) == 0xc0) {
            need(tvb, off, 2);
            if (!shown) {
                return new NbName(2, null);
            }
            // get_dns_name() follows the pointer; one back to an earlier name is read as that name
            int ptr = (first & 0x3f) << 8 | tvb.u8(off + 1);
            if (ptr >= off) {
                throw new Unsupported("NBNS name shown in Info behind a pointer forward");
            }
            return new NbName(2, name(tvb, ptr, true).text);
        }
        if (first != 32) {
            throw new Unsupported("NBNS name whose first label is not 32 bytes");
        }
        int o = off;
        while (true) {
            int c = need(tvb, o, 1).u8(o);
            if (c == 0) {
                o++;
                break;
            }
            if ((c & 0xc0) != 0) {
                throw new Unsupported("NBNS name with a pointer or an extended label");
            }
            need(tvb, o + 1, c);
            for (int i = 1; i <= c; i++) {
                int ch = tvb.u8(o + i);
                if (ch <= 0x20 || ch >= 0x7f || ch == '.' || ch == '\\') {
                    throw new Unsupported("NBNS name label byte get_dns_name() escapes");
                }
            }
            o += 1 + c;
        }
        byte[] nb = new byte[16];
        for (int i = 0; i < 16; i++) {
            int hi = tvb.u8(off + 1 + 2 * i) - 'A';
            int lo = tvb.u8(off + 2 + 2 * i) - 'A';
            if (hi < 0 || hi > 25 || lo < 0 || lo > 25) {
                throw new Unsupported("NBNS name not in first-level encoding");
            }
            nb[i] = (byte) (hi << 4 | lo);
        }
        if (shown && tvb.u8(off + 33) != 0) {
            // "SCOPED<20>.example.com" is shown whole, a name with the three-label scope lab.arplab.net as illegal
            throw new Unsupported("NBNS name with a scope shown in Info");
        }
        return new NbName(o - off, process(nb) + String.format("<%02x>", nb[15] & 0xff));
    }

    /** packet-netbios.c's process_netbios_name(): 15 bytes, the unprintable as <xx>, trailing spaces cut. */
    private static String process(byte[] nb) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            int c = nb[i] & 0xff;
            if (c >= ' ' && c <= '~') {
                sb.append((char) c);
            } else {
                sb.append(String.format("<%02x>", c));
            }
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        return sb.substring(0, end);
    }

    /**
     * dissect_nbdgm(): the message type's name, the header (type, flags, id, source address and port), then per
     * type the length, offset and two names, an error code, or a destination name; the datagram's payload is
     * offered to the "netbios" heuristics (SMB's), which are not modelled when it starts like SMB.
     */
    static void nbdgm(Tvb tvb, Packet p) {
        if (tvb.length < tvb.reported || tvb.reported < 10) {
            throw new Unsupported("NBDS datagram cut by the capture or shorter than its header");
        }
        int type = tvb.u8(0);
        p.protocol("NBDS");
        boolean known = type >= 0x10 && type <= 0x16;
        p.info(known ? DGM_TYPES[type - 0x10] : String.format("Unknown message type (0x%02X)", type));
        int off = 10;
        if (!known) {
            return;
        }
        if (type <= 0x12) {
            need(tvb, off, 4);
            off += 4;
            off += name(tvb, off, false).length;
            off += name(tvb, off, false).length;
            if (tvb.bytesExist(off + 1, 3) && tvb.u8(off + 1) == 'S' && tvb.u8(off + 2) == 'M'
                    && tvb.u8(off + 3) == 'B') {
                throw new Unsupported("NBDS payload for SMB's \"netbios\" heuristic");
            }
        } else if (type == 0x13) {
            need(tvb, off, 1);
            off++;
        } else {
            off += name(tvb, off, false).length;
        }
    }
}
