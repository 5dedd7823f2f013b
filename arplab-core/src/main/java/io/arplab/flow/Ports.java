package io.arplab.flow;

import java.util.Locale;

/** OpenFlow reserved ports and how ovs-ofctl writes and reads ports (lib/ofp-port.c). */
public final class Ports {
    private Ports() {}

    public static final long MAX = 0xff00, UNSET = 0xfff7, IN_PORT = 0xfff8, TABLE = 0xfff9, NORMAL = 0xfffa,
            FLOOD = 0xfffb, ALL = 0xfffc, CONTROLLER = 0xfffd, LOCAL = 0xfffe, NONE = 0xffff;

    // OFPUTIL_NAMED_PORTS from OFPP_UNSET (the action set's output not set) on
    private static final String[] RESERVED = {"UNSET", "IN_PORT", "TABLE", "NORMAL", "FLOOD", "ALL", "CONTROLLER",
        "LOCAL", "ANY"};

    /** ofputil_format_port(): a reserved name, a quoted or bare name with --names, else the number. */
    public static String format(long port, PortMap names) {
        if (port >= UNSET && port <= NONE) {
            return RESERVED[(int) (port - UNSET)];
        }
        String name = names.name(port);
        return name != null ? putName(name) : Long.toString(port);
    }

    /**
     * ofputil_format_table(): the table's name from the table map, quoted (json_string_escape()) unless it is a letter
     * then letters and digits (namemap_put_name()), else its number.
     */
    public static String formatTable(int table, PortMap names) {
        String name = names.tableName(table);
        return name != null ? putName(name) : Integer.toString(table);
    }

    // namemap_put_name(): a port or table name as it is unless it needs quotes (name_needs_quotes(): it does not
    // start with an ASCII letter or holds anything but ASCII letters and digits), then json_string_escape()'d
    private static String putName(String name) {
        boolean plain = !name.isEmpty() && isAsciiLetter(name.charAt(0))
                && name.chars().allMatch(c -> isAsciiLetter(c) || c >= '0' && c <= '9');
        return plain ? name : io.arplab.wire.libc.JsonString.escape(name);
    }

    private static boolean isAsciiLetter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static long parseReserved(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        for (int i = 0; i < RESERVED.length; i++) {
            if (RESERVED[i].equals(u)) {
                return UNSET + i;
            }
        }
        return u.equals("NONE") ? NONE : -1;
    }

    /** The log lines ofputil_port_from_string() writes while FlowParser parses one flow (null otherwise). */
    static final ThreadLocal<java.util.List<String>> WARNINGS = new ThreadLocal<>();

    private static final long OFPP11_OFFSET = 0xffff0000L, OFPP11_MAX = 0xffffff00L;

    /** ofputil_port_to_ofp11(): an OpenFlow 1.0 port number as OpenFlow 1.1+ numbers it (reserved ports moved up). */
    public static long toOfp11(long port) {
        return port < MAX ? port : port + OFPP11_OFFSET;
    }

    /** ofputil_port_from_ofp11(): the OpenFlow 1.0 number, OFPP_NONE for one between the two ranges. */
    public static long fromOfp11(long port) {
        return port < MAX ? port : port >= OFPP11_MAX ? port - OFPP11_OFFSET : NONE;
    }

    /**
     * ofputil_port_from_string(): a number (an OpenFlow 1.1 one from 0xffffff00 on), a reserved name, or a port
     * name; -1 when none. Its warnings go to the lines a parse collects ({@link #WARNINGS}), if any.
     */
    public static long parse(String s, PortMap names) {
        if (s.startsWith("-")) {
            warn("ofp_port|WARN|Negative value " + s + " is not a valid port number.");
            return -1;
        }
        long v = strToUint(s);
        if (v >= 0) {
            if (v < MAX) {
                return v;
            } else if (v < IN_PORT) {
                warn("ofp_port|WARN|port " + v + " is a reserved OF1.0 port number that will be translated to "
                        + (v + OFPP11_OFFSET) + " when talking to an OF1.1 or later controller");
            } else if (v <= NONE) {
                String once = "ofp_port|WARN|referring to port " + format(v, PortMap.NONE) + " as " + v
                        + " is deprecated for compatibility with OpenFlow 1.1 and later";
                if (WARNINGS.get() != null // VLOG_WARN_ONCE(): the first such port
                        && WARNINGS.get().stream().noneMatch(l -> l.startsWith("ofp_port|WARN|referring to port "))) {
                    WARNINGS.get().add(once);
                }
            } else if (v < OFPP11_MAX) {
                warn("ofp_port|WARN|port " + v + " is outside the supported range 0 through ffff or 0xffffff00 through"
                        + " 0xffffffff");
                return -1;
            } else {
                v -= OFPP11_OFFSET;
            }
            return v;
        }
        long r = parseReserved(s);
        if (r >= 0 || !s.startsWith("\"")) {
            return r >= 0 ? r : names.number(s);
        }
        // a quoted name: json_string_unescape() of what lies between the quotes
        String name = s.length() > 1 && s.endsWith("\"") ? io.arplab.wire.libc.JsonString.unescape(
                s.substring(1, s.length() - 1)) : null;
        return name == null ? -1 : names.number(name);
    }

    /** The same, its warnings appended to {@code log} (str_to_port_no() in ovs-ofctl, which prints them). */
    public static long parse(String s, PortMap names, java.util.List<String> log) {
        return collecting(log, () -> parse(s, names));
    }

    /** Runs {@code parse} with the port warnings it meets appended to {@code log}. */
    public static <T> T collecting(java.util.List<String> log, java.util.function.Supplier<T> parse) {
        java.util.List<String> outer = WARNINGS.get();
        WARNINGS.set(log);
        try {
            return parse.get();
        } finally {
            WARNINGS.set(outer);
        }
    }

    static void warn(String line) {
        if (WARNINGS.get() != null) {
            WARNINGS.get().add(line);
        }
    }

    // str_to_uint(s, 10): strtoll()'s leading blanks and sign, then decimal digits to the end, 0 to UINT_MAX; else -1
    static long strToUint(String s) {
        int i = 0;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = i < s.length() && s.charAt(i) == '-';
        if (i < s.length() && (s.charAt(i) == '+' || negative)) {
            i++;
        }
        String digits = s.substring(i);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        java.math.BigInteger v = new java.math.BigInteger(digits);
        if (negative && v.signum() != 0 || v.bitLength() > 32) { // below zero, or beyond UINT_MAX (or LLONG_MAX)
            return -1;
        }
        return v.longValue();
    }
}
