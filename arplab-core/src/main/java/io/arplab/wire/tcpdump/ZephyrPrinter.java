package io.arplab.wire.tcpdump;

/**
 * print-zephyr.c: MIT's Zephyr notices on UDP 2103 and 2104, a run of NUL-terminated text fields; the class, instance
 * and opcode name the notice.
 */
final class ZephyrPrinter {
    static final int ZEPHYR_CLT_PORT = 2103;
    static final int ZEPHYR_SRV_PORT = 2104;
    private static final int Z_PACKET_SERVACK = 5;
    private static final String[] Z_TYPES = {"unsafe", "unacked", "acked", "hm-ack", "hm-ctl", "serv-ack",
        "serv-nak", "client-ack", "stat"};
    /** z_buf's size: str_to_lower() and z_triple() keep 255 characters. */
    private static final int Z_BUF = 256;

    /** parse_field()'s cursor: the next byte and the bytes left of the datagram. */
    private static final class Parse {
        int ptr;
        int len;
    }

    private ZephyrPrinter() {}

    /** parse_field(): the string up to the next NUL, or null when the datagram ends first. */
    private static String field(Dissector nd, Parse ps) {
        int s = ps.ptr;
        while (true) {
            if (ps.len == 0) {
                return null;
            }
            if (nd.u8(ps.ptr) == 0) {
                break;
            }
            ps.ptr++;
            ps.len--;
        }
        String out = new String(nd.p, s, ps.ptr - s, java.nio.charset.StandardCharsets.ISO_8859_1);
        ps.ptr++;
        ps.len--;
        return out;
    }

    /** strtol(s, 0, 16) stored into an int. */
    static int strtol16(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) {
            i++;
        }
        boolean neg = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        if (i + 2 < n && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x'
                && Character.digit(s.charAt(i + 2), 16) >= 0) {
            i += 2;
        }
        long v = 0;
        boolean overflow = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            int d = c < 0x80 ? Character.digit(c, 16) : -1;
            if (d < 0) {
                break;
            }
            if (v > (Long.MAX_VALUE - d) / 16) {
                overflow = true;
            } else {
                v = v * 16 + d;
            }
        }
        if (overflow) {
            v = neg ? Long.MIN_VALUE : Long.MAX_VALUE;
        } else if (neg) {
            v = -v;
        }
        return (int) v;
    }

    /** ZEPHYR_PRINT(): a literal, then fn_print_str() of the string. */
    private static void zprint(Dissector nd, String lit, String s) {
        nd.out.append(lit);
        for (int i = 0; i < s.length(); i++) {
            nd.printChar(s.charAt(i));
        }
    }

    /** str_to_lower(): ND_ASCII_TOLOWER() of up to 255 characters. */
    private static String lower(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), Z_BUF - 1));
        for (int i = 0; i < s.length() && i < Z_BUF - 1; i++) {
            char c = s.charAt(i);
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    /** z_triple(): "<class,inst,recipient>" (an empty recipient as *), snprintf()'d into 256 bytes. */
    private static String triple(String c, String i, String r) {
        String t = "<" + c + "," + i + "," + (r.isEmpty() ? "*" : r) + ">";
        return t.length() > Z_BUF - 1 ? t.substring(0, Z_BUF - 1) : t;
    }

    /** zephyr_print(). */
    static void zephyrPrint(Dissector nd, int cp, int length) {
        nd.protocol = "zephyr";
        Parse ps = new Parse();
        ps.ptr = cp;
        ps.len = length;
        String version = field(nd, ps);
        if (version == null) {
            nd.invalid();
            return;
        }
        if (!version.startsWith("ZEPH")) {
            return;
        }
        // PARSE_FIELD_INT/STR: once a field is missing the rest are not parsed (each parse_field() returns NULL)
        String[] f = new String[16];
        boolean lose = false;
        for (int k = 0; k < f.length; k++) {
            f[k] = field(nd, ps);
            if (f[k] == null) {
                lose = true;
            }
        }
        if (lose) {
            nd.invalid();
            return;
        }
        int kind = strtol16(f[1]);
        // numfields, kind, uid, port, auth, authlen, authdata, class, inst, opcode, sender, recipient, format,
        // cksum, multi, multi_uid
        String cls = f[7];
        String inst = f[8];
        String opcode = f[9];
        String sender = f[10];
        String recipient = f[11];
        nd.out.append(" zephyr");
        if (!version.startsWith("0.2", 4)) {
            zprint(nd, " v", version.substring(4));
            return;
        }
        nd.out.append(' ').append(kind >= 0 && kind < Z_TYPES.length ? Z_TYPES[kind] : "type " + kind);
        if (kind == Z_PACKET_SERVACK) {
            String ackdata = field(nd, ps);
            if (ackdata != null && !ackdata.equals("SENT")) {
                zprint(nd, "/", lower(ackdata));
            }
        }
        if (!sender.isEmpty()) {
            zprint(nd, " ", sender);
        }
        switch (cls) {
            case "USER_LOCATE" -> {
                switch (opcode) {
                    case "USER_HIDE" -> nd.out.append(" hide");
                    case "USER_UNHIDE" -> nd.out.append(" unhide");
                    default -> zprint(nd, " locate ", inst);
                }
                return;
            }
            case "ZEPHYR_ADMIN" -> {
                zprint(nd, " zephyr-admin ", lower(opcode));
                return;
            }
            case "ZEPHYR_CTL" -> {
                if (ctl(nd, ps, kind, inst, opcode)) {
                    return;
                }
            }
            case "HM_CTL", "WG_CTL" -> {
                zprint(nd, cls.equals("HM_CTL") ? " hm_ctl " : " wg_ctl ", lower(inst));
                zprint(nd, " ", lower(opcode));
                return;
            }
            case "HM_STAT" -> {
                if (inst.equals("HMST_CLIENT") && opcode.equals("GIMMESTATS")) {
                    nd.out.append(" get-client-stats");
                    return;
                }
            }
            case "LOGIN" -> {
                switch (opcode) {
                    case "USER_FLUSH" -> {
                        nd.out.append(" flush_locs");
                        return;
                    }
                    case "NONE", "OPSTAFF", "REALM-VISIBLE", "REALM-ANNOUNCED", "NET-VISIBLE", "NET-ANNOUNCED" -> {
                        zprint(nd, " set-exposure ", lower(opcode));
                        return;
                    }
                    default -> { }
                }
            }
            default -> { }
        }
        zprint(nd, " to ", triple(cls, inst, recipient));
        if (!opcode.isEmpty()) {
            zprint(nd, " op ", opcode);
        }
    }

    /** The ZEPHYR_CTL class: true when the notice is printed (instances CLIENT, HM and REALM). */
    private static boolean ctl(Dissector nd, Parse ps, int kind, String inst, String opcode) {
        switch (inst) {
            case "CLIENT" -> {
                switch (opcode) {
                    case "SUBSCRIBE", "SUBSCRIBE_NODEFS", "UNSUBSCRIBE" -> {
                        nd.out.append(' ').append(opcode.equals("SUBSCRIBE") ? "" : "un").append("sub")
                                .append(opcode.equals("SUBSCRIBE_NODEFS") ? "-nodefs" : "");
                        if (kind != Z_PACKET_SERVACK) {
                            String c = field(nd, ps);
                            String i = c == null ? null : field(nd, ps);
                            String r = i == null ? null : field(nd, ps);
                            if (r != null) {
                                zprint(nd, " ", triple(c, i, r));
                            }
                        }
                    }
                    case "GIMME" -> nd.out.append(" ret");
                    case "GIMMEDEFS" -> nd.out.append(" gimme-defs");
                    case "CLEARSUB" -> nd.out.append(" clear-subs");
                    default -> zprint(nd, " ", lower(opcode));
                }
                return true;
            }
            case "HM" -> {
                zprint(nd, " ", lower(opcode));
                return true;
            }
            case "REALM" -> {
                switch (opcode) {
                    case "ADD_SUBSCRIBE" -> nd.out.append(" realm add-subs");
                    case "REQ_SUBSCRIBE" -> nd.out.append(" realm req-subs");
                    case "RLM_SUBSCRIBE" -> nd.out.append(" realm rlm-sub");
                    case "RLM_UNSUBSCRIBE" -> nd.out.append(" realm rlm-unsub");
                    default -> { }
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }
}
