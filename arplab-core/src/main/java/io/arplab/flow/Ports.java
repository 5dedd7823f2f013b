package io.arplab.flow;

import java.util.Locale;

/** OpenFlow reserved ports and how ovs-ofctl writes and reads ports (lib/ofp-port.c). */
public final class Ports {
    private Ports() {}

    public static final long MAX = 0xff00, IN_PORT = 0xfff8, TABLE = 0xfff9, NORMAL = 0xfffa, FLOOD = 0xfffb,
            ALL = 0xfffc, CONTROLLER = 0xfffd, LOCAL = 0xfffe, NONE = 0xffff;

    private static final String[] RESERVED = {"IN_PORT", "TABLE", "NORMAL", "FLOOD", "ALL", "CONTROLLER", "LOCAL",
        "ANY"};

    /** ofputil_format_port(): a reserved name, a quoted or bare name with --names, else the number. */
    public static String format(long port, PortMap names) {
        if (port >= IN_PORT && port <= NONE) {
            return RESERVED[(int) (port - IN_PORT)];
        }
        String name = names.name(port);
        if (name != null) {
            return needsQuotes(name) ? "\"" + name + "\"" : name;
        }
        return Long.toString(port);
    }

    // lib/ofp-port.c ofputil_port_to_string(): a name is quoted unless it is all letters, digits and '_'
    // and does not look like a number or a reserved port.
    private static boolean needsQuotes(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return true;
            }
        }
        return Character.isDigit(name.charAt(0)) || parseReserved(name) >= 0;
    }

    private static long parseReserved(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        for (int i = 0; i < RESERVED.length; i++) {
            if (RESERVED[i].equals(u)) {
                return IN_PORT + i;
            }
        }
        return u.equals("NONE") ? NONE : -1;
    }

    /** The log lines ofputil_port_from_string() writes while FlowParser parses one flow (null otherwise). */
    static final ThreadLocal<java.util.List<String>> WARNINGS = new ThreadLocal<>();

    /** ofputil_port_from_string(): a number, a reserved name, or a port name; -1 when none. */
    public static long parse(String s, PortMap names) {
        if (s.length() > 1 && s.startsWith("\"") && s.endsWith("\"")) {
            return names.number(s.substring(1, s.length() - 1));
        }
        if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
            try {
                long v = Long.parseLong(s); // str_to_uint(s, 10)
                String once = "ofp_port|WARN|referring to port " + format(v, PortMap.NONE) + " as " + v
                        + " is deprecated for compatibility with OpenFlow 1.1 and later";
                if (v >= IN_PORT && v <= NONE && WARNINGS.get() != null // VLOG_WARN_ONCE(): the first such port
                        && WARNINGS.get().stream().noneMatch(l -> l.startsWith("ofp_port|WARN|referring to port "))) {
                    WARNINGS.get().add(once);
                }
                return v <= 0xffff ? v : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        long r = parseReserved(s);
        return r >= 0 ? r : names.number(s);
    }
}
