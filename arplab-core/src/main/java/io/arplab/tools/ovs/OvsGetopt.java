package io.arplab.tools.ovs;

import java.util.ArrayList;
import java.util.List;

/**
 * The OVS tools' options as glibc's getopt_long() parses them against a tool's long_options table, the short
 * options made from it by ovs_cmdl_long_options_to_short_options() (lib/command-line.c): long options abbreviated
 * to any unambiguous prefix, "--name=ARG" or "--name ARG", an optional argument only after '=' (or glued to a short
 * letter), operands permuted behind the options unless the table is parsed in order ('+', as ovs-appctl does),
 * "--" ending the options. The first fault ends the parse with glibc's message (the caller exits with status 1).
 */
final class OvsGetopt {
    static final int NO = 0, REQUIRED = 1, OPTIONAL = 2;

    /** A long_options entry: its name, whether it takes an argument, the short letter it also has (or 0). */
    record LongOpt(String name, int hasArg, char letter) {}

    /** One option met: its long name (or the letter's), its argument; or a fault with glibc's message. */
    record Opt(String name, String arg, String error) {}

    final List<Opt> options = new ArrayList<>();
    final List<String> operands = new ArrayList<>();

    static LongOpt opt(String name, int hasArg, char letter) {
        return new LongOpt(name, hasArg, letter);
    }

    /** DAEMON_LONG_OPTIONS (lib/daemon.h). */
    static final List<LongOpt> DAEMON = List.of(opt("detach", NO, '\0'), opt("no-self-confinement", NO, '\0'),
            opt("no-chdir", NO, '\0'), opt("pidfile", OPTIONAL, '\0'), opt("overwrite-pidfile", NO, '\0'),
            opt("monitor", NO, '\0'), opt("user", REQUIRED, '\0'));
    /** OFP_VERSION_LONG_OPTIONS (lib/ofp-version-opt.h). */
    static final List<LongOpt> OFP_VERSION = List.of(opt("version", NO, 'V'), opt("protocols", REQUIRED, 'O'));
    /** VLOG_LONG_OPTIONS (include/openvswitch/vlog.h). */
    static final List<LongOpt> VLOG = List.of(opt("verbose", OPTIONAL, 'v'), opt("log-file", OPTIONAL, '\0'),
            opt("syslog-method", REQUIRED, '\0'), opt("syslog-target", REQUIRED, '\0'));
    /** STREAM_SSL_LONG_OPTIONS (lib/stream-ssl.h). */
    static final List<LongOpt> STREAM_SSL = List.of(opt("private-key", REQUIRED, 'p'),
            opt("certificate", REQUIRED, 'c'), opt("ca-cert", REQUIRED, 'C'), opt("ssl-protocols", REQUIRED, '\0'),
            opt("ssl-ciphers", REQUIRED, '\0'));

    // getopt_long(): every option in argv order (operands set aside unless inOrder), up to the first fault
    static OvsGetopt parse(String program, List<LongOpt> table, boolean inOrder, List<String> args) {
        OvsGetopt g = new OvsGetopt();
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i++);
            if (a.equals("--")) {
                g.operands.addAll(args.subList(i, args.size()));
                return g;
            }
            if (a.length() < 2 || a.charAt(0) != '-') {
                if (inOrder) {
                    g.operands.addAll(args.subList(i - 1, args.size()));
                    return g;
                }
                g.operands.add(a);
                continue;
            }
            if (a.startsWith("--")) {
                String body = a.substring(2);
                int eq = body.indexOf('=');
                String name = eq < 0 ? body : body.substring(0, eq);
                LongOpt found = null;
                List<LongOpt> prefixed = new ArrayList<>();
                for (LongOpt o : table) {
                    if (o.name().equals(name)) {
                        found = o;
                        break;
                    }
                    if (o.name().startsWith(name)) {
                        prefixed.add(o);
                    }
                }
                if (found == null && prefixed.size() > 1) {
                    StringBuilder m = new StringBuilder(program + ": option '" + a + "' is ambiguous; possibilities:");
                    prefixed.forEach(o -> m.append(" '--").append(o.name()).append('\''));
                    g.options.add(new Opt(null, null, m.toString()));
                    return g;
                }
                if (found == null && prefixed.size() == 1) {
                    found = prefixed.get(0);
                }
                if (found == null) {
                    g.options.add(new Opt(null, null, program + ": unrecognized option '" + a + "'"));
                    return g;
                }
                String arg = eq < 0 ? null : body.substring(eq + 1);
                if (found.hasArg() == NO && arg != null) {
                    g.options.add(new Opt(null, null, program + ": option '--" + found.name()
                            + "' doesn't allow an argument"));
                    return g;
                }
                if (found.hasArg() == REQUIRED && arg == null) {
                    if (i >= args.size()) {
                        g.options.add(new Opt(null, null, program + ": option '--" + found.name()
                                + "' requires an argument"));
                        return g;
                    }
                    arg = args.get(i++);
                }
                g.options.add(new Opt(found.name(), arg, null));
                continue;
            }
            for (int j = 1; j < a.length(); j++) {
                char c = a.charAt(j);
                LongOpt found = null;
                for (LongOpt o : table) {
                    if (o.letter() == c && c != '\0') {
                        found = o;
                        break;
                    }
                }
                if (found == null) {
                    g.options.add(new Opt(null, null, program + ": invalid option -- '" + c + "'"));
                    return g;
                }
                if (found.hasArg() == NO) {
                    g.options.add(new Opt(found.name(), null, null));
                    continue;
                }
                String arg = j + 1 < a.length() ? a.substring(j + 1) : null;
                if (arg == null && found.hasArg() == REQUIRED) {
                    if (i >= args.size()) {
                        g.options.add(new Opt(null, null, program + ": option requires an argument -- '" + c + "'"));
                        return g;
                    }
                    arg = args.get(i++);
                }
                g.options.add(new Opt(found.name(), arg, null));
                break;
            }
        }
        return g;
    }

    /** str_to_uint(s, 10, &n) and a nonzero value, as the tools check -t/--timeout. */
    static boolean positiveUint(String s) {
        if (s == null || !s.matches("[ \\t]*\\+?[0-9]+")) {
            return false;
        }
        try {
            long v = Long.parseLong(s.trim().replace("+", ""));
            return v > 0 && v <= Integer.MAX_VALUE;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * ovs_cmdl_print_options(), what -o/--option prints (then the tool exits 0): each long option with "=ARG" or
     * "=[ARG]", and its short letter after it ("-t ARG", "-m " with a space when it takes none).
     */
    static String printOptions(List<LongOpt> table) {
        StringBuilder s = new StringBuilder();
        for (LongOpt o : table) {
            String arg = o.hasArg() == REQUIRED ? "ARG" : "[ARG]";
            s.append("--").append(o.name()).append(o.hasArg() != NO ? "=" + arg : "").append('\n');
            if (o.letter() != '\0') {
                s.append('-').append(o.letter()).append(' ').append(o.hasArg() != NO ? arg : "").append('\n');
            }
        }
        return s.toString();
    }

    @SafeVarargs
    static List<LongOpt> table(List<LongOpt>... parts) {
        List<LongOpt> t = new ArrayList<>();
        for (List<LongOpt> p : parts) {
            t.addAll(p);
        }
        return t;
    }
}
