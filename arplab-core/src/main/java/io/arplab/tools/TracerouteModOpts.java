package io.arplab.tools;

import io.arplab.wire.libc.CStrtol;
import java.util.List;

/**
 * traceroute 2.1.2's module options ({@code -O OPTS}): traceroute.c's set_mod_option() collects the comma-separated
 * words ("help" prints the module's options at once), and main() hands them, after its own checks, to
 * CLIF_parse(..., CLIF_KEYWORD) over the module's table: mod-tcp.c's tcp_options[] and mod-icmp.c's icmp_options[]
 * (the udp and default modules have none, so their words are ignored). Hand-written because its errors are CLIF's.
 */
final class TracerouteModOpts {
    // mod-tcp.c's flags word: the TCP flags in the low byte, then what the options asked for
    static final int FL_FLAGS = 0x0100;
    static final int FL_ECN = 0x0200;
    static final int FL_SACK = 0x0400;
    static final int FL_TSTAMP = 0x0800;
    static final int FL_WSCALE = 0x1000;
    /** tcp_flags[]: the names in the order names_by_flags() lists them. */
    static final String[] TCP_FLAG_NAMES = {"fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr"};

    int flags;
    boolean sysctl, info, dgram;
    /** mss=NUM: 0 when not given (the MTU's then) */
    long mss;

    /** set_mod_option()'s "help": the module's options (CLIF_print_options()), else that it has none; to stderr. */
    static String help(String module) {
        return switch (module) {
            case "tcp" -> Usage.of("traceroute-O-tcp");
            case "icmp" -> Usage.of("traceroute-O-icmp");
            default -> "No options for module `" + module + "'\n";
        };
    }

    /** CLIF_parse() of the collected words for {@code module}: the options, or a ToolError with CLIF's line. */
    static TracerouteModOpts parse(String module, List<String> words) {
        TracerouteModOpts o = new TracerouteModOpts();
        boolean tcp = module.equals("tcp");
        if (!tcp && !module.equals("icmp")) {
            return o; // ops->options is NULL: the words are not looked at
        }
        String oneOf = null; // icmp_options[]' raw | dgram group (CLIF_EXCL)
        for (int i = 0; i < words.size(); i++) {
            int argc = i + 1;
            String w = words.get(i);
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            String arg = eq < 0 ? null : w.substring(eq + 1);
            String name = tcp ? tcpKeyword(key) : key.equals("raw") || key.equals("dgram") ? key : null;
            boolean takesArg = "flags".equals(name) || "mss".equals(name);
            if (name == null || arg != null && !takesArg) {
                throw bad("`" + w + "' (argc " + argc + "): arguments are not allowed");
            }
            if (takesArg && arg == null) {
                throw bad("Keyword `" + name + "' (argc " + argc + ") requires an argument: `" + name + "=NUM'");
            }
            if (!tcp) {
                if (oneOf != null && !oneOf.equals(name)) {
                    throw bad("Keyword `" + name + "' (argc " + argc + "): Only one of:\n    raw | dgram\n"
                            + "may be specified.");
                }
                oneOf = name;
                o.dgram = name.equals("dgram");
                continue;
            }
            switch (name) {
                case "flags" -> { // set_tcp_flags(): strtoul(), any tail
                    Long v = strtoul(arg, false);
                    if (v == null) {
                        throw cannot(name, arg, argc);
                    }
                    o.flags = o.flags & ~0xff | (int) (v & 0xff) | FL_FLAGS;
                }
                case "mss" -> { // CLIF_set_uint()
                    Long v = strtoul(arg, true);
                    if (v == null) {
                        throw cannot(name, arg, argc);
                    }
                    o.mss = v & 0xffffffffL;
                }
                case "ecn" -> o.flags |= FL_ECN;
                case "sack" -> o.flags |= FL_SACK;
                case "timestamps" -> o.flags |= FL_TSTAMP;
                case "window_scaling" -> o.flags |= FL_WSCALE;
                case "sysctl" -> o.sysctl = true;
                case "info" -> o.info = true;
                case "reuse" -> { } // SO_REUSEADDR on the port-holding socket: nothing arplab's ports tell apart
                default -> o.flags |= 1 << List.of(TCP_FLAG_NAMES).indexOf(name); // set_tcp_flag()
            }
        }
        return o;
    }

    // tcp_options[]' keywords: flags, timestamps and window_scaling may be abbreviated (CLIF_ABBREV), from 2 letters
    private static String tcpKeyword(String key) {
        for (String k : List.of("syn", "ack", "fin", "rst", "psh", "urg", "ece", "cwr", "ecn", "sack", "sysctl",
                "reuse", "mss", "info", "flags", "timestamps", "window_scaling")) {
            boolean abbrev = k.equals("flags") || k.equals("timestamps") || k.equals("window_scaling");
            if (key.equals(k) || abbrev && key.length() >= 2 && k.startsWith(key)) {
                return k;
            }
        }
        return null;
    }

    /** names_by_flags(): the set flags' names, comma-separated (tcp_check_reply() under "info"). */
    static String names(int tcpFlags) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < TCP_FLAG_NAMES.length; i++) {
            if ((tcpFlags & 1 << i) != 0) {
                b.append(b.isEmpty() ? "" : ",").append(TCP_FLAG_NAMES[i]);
            }
        }
        return b.toString();
    }

    // strtoul(s, &q, 0): null when nothing was converted, or ({@code whole}) when a tail is left
    private static Long strtoul(String s, boolean whole) {
        CStrtol r = CStrtol.scan(s, 0);
        return !r.converted() || whole && r.end() < s.length() ? null : r.asUnsignedLong();
    }

    private static Getopt.ToolError bad(String line) {
        return new Getopt.ToolError(line, 2);
    }

    private static Getopt.ToolError cannot(String name, String arg, int argc) {
        return bad("Cannot handle `" + name + "' keyword with arg `" + arg + "' (argc " + argc + ")");
    }
}
