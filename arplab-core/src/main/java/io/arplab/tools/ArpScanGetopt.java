package io.arplab.tools;

import java.util.List;

/**
 * arp-scan 1.10.0's options as getopt_long_only() hands them to process_options(): "--name" and "-name" are long
 * options (unique abbreviations allowed), a word that is none but starts with a letter of short_options a cluster
 * of short ones ("-qx", "-r3"); each goes to the action at once, in the order given, and the other words are targets.
 */
final class ArpScanGetopt {
    private ArpScanGetopt() {}

    static final String TRY = "Usage: arp-scan [options] [hosts...]\n"
            + "Use \"arp-scan --help\" for detailed information on the available options.\n";

    /** What process_options() does with one option: its long name (or letter) and value; true when the tool ended. */
    interface Action {
        boolean apply(String name, String value);
    }

    /** Hands every option to {@code action} and the other words to {@code targets}; true when an option ended it. */
    static boolean parse(List<String> args, List<String> targets, Action action) {
        // getopt_long_only(): "--name" and "-name" are long options (abbreviations allowed); a word that is no long
        // option but starts with a letter of short_options is a cluster of short options ("-qx", "-r3")
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                targets.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                targets.add(a);
                continue;
            }
            boolean dashdash = a.startsWith("--");
            String prefix = dashdash ? "--" : "-";
            int eq = a.indexOf('=');
            String body = a.substring(prefix.length(), eq < 0 ? a.length() : eq);
            List<LongOpt> found = dashdash || a.length() > 2 || SHORTOPTS.indexOf(a.charAt(1)) < 0
                    ? longOptions(body) : List.of();
            if (found.size() > 1) {
                StringBuilder m = new StringBuilder("arp-scan: option '" + a + "' is ambiguous; possibilities:");
                found.forEach(o -> m.append(" '").append(prefix).append(o.name()).append('\''));
                throw new Getopt.ToolError(m + "\n" + TRY, 1);
            }
            // getopt_long_only(): a word whose first letter strchr() finds in short_options (':' too) is a cluster
            if (found.isEmpty() && (dashdash || SHORTOPTS.indexOf(a.charAt(1)) < 0)) {
                throw new Getopt.ToolError("arp-scan: unrecognized option '" + a + "'\n" + TRY, 1);
            }
            if (!found.isEmpty()) {
                LongOpt o = found.get(0);
                String value = eq < 0 ? null : a.substring(eq + 1);
                if (!o.takesValue() && value != null) {
                    throw new Getopt.ToolError("arp-scan: option '" + prefix + o.name()
                            + "' doesn't allow an argument\n" + TRY, 1);
                }
                if (o.takesValue() && value == null) {
                    if (i + 1 == args.size()) {
                        throw new Getopt.ToolError("arp-scan: option '" + prefix + o.name()
                                + "' requires an argument\n" + TRY, 1);
                    }
                    value = args.get(++i);
                }
                if (action.apply(o.letter() == 0 ? o.name() : shortName(o.letter()), value)) {
                    return true;
                }
                continue;
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                int at = c == ':' ? -1 : SHORTOPTS.indexOf(c);
                if (at < 0) {
                    throw new Getopt.ToolError("arp-scan: invalid option -- '" + c + "'\n" + TRY, 1);
                }
                if (at + 1 < SHORTOPTS.length() && SHORTOPTS.charAt(at + 1) == ':') {
                    String value = k + 1 < a.length() ? a.substring(k + 1) : i + 1 < args.size() ? args.get(++i) : null;
                    if (value == null) {
                        throw new Getopt.ToolError("arp-scan: option requires an argument -- '" + c + "'\n" + TRY, 1);
                    }
                    if (action.apply(shortName(c), value)) {
                        return true;
                    }
                    break;
                }
                if (action.apply(shortName(c), null)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** arp-scan.c's short_options (1.10.0). */
    private static final String SHORTOPTS = "f:hr:Y:E:t:i:b:vVn:I:qgRNB:O:s:o:H:p:T:P:a:A:y:u:w:S:F:m:lLQ:W:DxM:dk:";
    /** One of arp-scan.c's long_options: its name, has_arg (required or none) and val (0: no short letter). */
    private record LongOpt(String name, boolean takesValue, char letter) {}

    /** arp-scan.c's long_options (1.10.0), in their order. */
    private static final List<LongOpt> LONG = List.of(new LongOpt("file", true, 'f'),
            new LongOpt("help", false, 'h'), new LongOpt("retry", true, 'r'), new LongOpt("retry-send", true, 'Y'),
            new LongOpt("retry-send-interval", true, 'E'), new LongOpt("timeout", true, 't'),
            new LongOpt("interval", true, 'i'), new LongOpt("backoff", true, 'b'), new LongOpt("verbose", false, 'v'),
            new LongOpt("version", false, 'V'), new LongOpt("snap", true, 'n'), new LongOpt("interface", true, 'I'),
            new LongOpt("quiet", false, 'q'), new LongOpt("ignoredups", false, 'g'),
            new LongOpt("random", false, 'R'), new LongOpt("numeric", false, 'N'),
            new LongOpt("bandwidth", true, 'B'), new LongOpt("ouifile", true, 'O'), new LongOpt("macfile", true, 'm'),
            new LongOpt("arpspa", true, 's'), new LongOpt("arpop", true, 'o'), new LongOpt("arphrd", true, 'H'),
            new LongOpt("arppro", true, 'p'), new LongOpt("destaddr", true, 'T'), new LongOpt("arppln", true, 'P'),
            new LongOpt("arphln", true, 'a'), new LongOpt("padding", true, 'A'),
            new LongOpt("prototype", true, 'y'), new LongOpt("arpsha", true, 'u'), new LongOpt("arptha", true, 'w'),
            new LongOpt("srcaddr", true, 'S'), new LongOpt("localnet", false, 'l'), new LongOpt("llc", false, 'L'),
            new LongOpt("vlan", true, 'Q'), new LongOpt("pcapsavefile", true, 'W'),
            new LongOpt("writepkttofile", true, '\0'), new LongOpt("readpktfromfile", true, '\0'),
            new LongOpt("rtt", false, 'D'), new LongOpt("plain", false, 'x'), new LongOpt("randomseed", true, '\0'),
            new LongOpt("limit", true, 'M'), new LongOpt("resolve", false, 'd'), new LongOpt("format", true, 'F'));

    /**
     * glibc's process_long_option() under getopt_long_only(): the option named exactly, else every option the name
     * abbreviates (under long_only two are ambiguous whatever they take; the empty name of "-=x" abbreviates all).
     */
    private static List<LongOpt> longOptions(String name) {
        for (LongOpt o : LONG) {
            if (o.name().equals(name)) {
                return List.of(o);
            }
        }
        return LONG.stream().filter(o -> o.name().startsWith(name)).toList();
    }

    private static String shortName(char c) {
        return switch (c) {
            case 'I' -> "interface";
            case 'l' -> "localnet";
            case 'r' -> "retry";
            case 'i' -> "interval";
            case 't' -> "timeout";
            case 'b' -> "backoff";
            case 'B' -> "bandwidth";
            case 'q' -> "quiet";
            case 'x' -> "plain";
            case 'D' -> "rtt";
            case 'N' -> "numeric";
            case 'V' -> "version";
            case 'h' -> "help";
            default -> String.valueOf(c);
        };
    }
}
