package io.arplab.tools.ovs;

import io.arplab.tools.ToolContext;
import io.arplab.tools.ovs.Ovsdb.VsctlException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ovs-vsctl's command line (utilities/ovs-vsctl.c parse_options(), lib/db-ctl-base.c ctl_parse_commands()): the
 * global options, which set the run's output style, dry run and SSL settings, then the commands separated by
 * "--", each checked against its syntax (argument counts, the options it takes).
 */
final class VsctlCommandLine {
    /** A command's syntax (struct ctl_command_syntax): arguments and the options it takes. */
    record Syntax(String name, int min, int max, String options) {}

    static final List<Syntax> COMMANDS = List.of(
            new Syntax("init", 0, 0, ""), new Syntax("show", 0, 0, ""), new Syntax("emer-reset", 0, 0, ""),
            new Syntax("add-br", 1, 3, "--may-exist"), new Syntax("del-br", 1, 1, "--if-exists"),
            new Syntax("list-br", 0, 0, "--real,--fake"), new Syntax("br-exists", 1, 1, ""),
            new Syntax("br-to-vlan", 1, 1, ""), new Syntax("br-to-parent", 1, 1, ""),
            new Syntax("br-set-external-id", 2, 3, ""), new Syntax("br-get-external-id", 1, 2, ""),
            new Syntax("list-ports", 1, 1, ""), new Syntax("add-port", 2, Integer.MAX_VALUE, "--may-exist"),
            new Syntax("del-port", 1, 2, "--if-exists,--with-iface"), new Syntax("port-to-br", 1, 1, ""),
            new Syntax("add-bond", 4, Integer.MAX_VALUE, "--may-exist,--fake-iface"),
            new Syntax("add-bond-iface", 2, 2, "--may-exist"), new Syntax("del-bond-iface", 1, 2, "--if-exists"),
            new Syntax("list-ifaces", 1, 1, ""), new Syntax("iface-to-br", 1, 1, ""),
            new Syntax("get-controller", 1, 1, ""), new Syntax("del-controller", 1, 1, ""),
            new Syntax("set-controller", 1, Integer.MAX_VALUE, "--inactivity-probe="),
            new Syntax("get-fail-mode", 1, 1, ""), new Syntax("del-fail-mode", 1, 1, ""),
            new Syntax("set-fail-mode", 2, 2, ""), new Syntax("get-manager", 0, 0, ""),
            new Syntax("del-manager", 0, 0, ""), new Syntax("set-manager", 1, Integer.MAX_VALUE, "--inactivity-probe="),
            new Syntax("get-ssl", 0, 0, ""),
            new Syntax("del-ssl", 0, 0, ""), new Syntax("set-ssl", 3, 3, "--bootstrap"),
            new Syntax("comment", 0, Integer.MAX_VALUE, ""),
            new Syntax("get", 2, Integer.MAX_VALUE, "--if-exists,--id="),
            new Syntax("list", 1, Integer.MAX_VALUE, "--if-exists,--columns="),
            new Syntax("find", 1, Integer.MAX_VALUE, "--columns="),
            new Syntax("set", 3, Integer.MAX_VALUE, "--if-exists"),
            new Syntax("add", 4, Integer.MAX_VALUE, "--if-exists"),
            new Syntax("remove", 4, Integer.MAX_VALUE, "--if-exists"),
            new Syntax("clear", 3, Integer.MAX_VALUE, "--if-exists"),
            new Syntax("create", 2, Integer.MAX_VALUE, "--id="),
            new Syntax("destroy", 1, Integer.MAX_VALUE, "--if-exists,--all"),
            new Syntax("wait-until", 2, Integer.MAX_VALUE, ""),
            new Syntax("add-zone-tp", 3, Integer.MAX_VALUE, "--may-exist"), new Syntax("del-zone-tp", 2, 2, "--if-exists"),
            new Syntax("list-zone-tp", 1, 1, ""), new Syntax("list-dp-cap", 1, 1, ""));

    /** The commands of mode RO (struct ctl_command_syntax's mode): a run of them alone never writes. */
    private static final java.util.Set<String> READ_ONLY = java.util.Set.of("show", "list-br", "br-exists",
            "br-to-vlan", "br-to-parent", "br-get-external-id", "list-ports", "port-to-br", "list-ifaces",
            "iface-to-br", "get-controller", "get-fail-mode", "get-manager", "get-ssl", "comment", "get", "list",
            "find", "wait-until", "list-zone-tp", "list-dp-cap");

    /** ctl_might_write_to_db(): a command of mode RW among them. */
    static boolean mightWrite(List<Command> commands) {
        return commands.stream().anyMatch(c -> !READ_ONLY.contains(c.syntax().name()));
    }

    /** The global options that take no part in what arplab's database does (ovs-vsctl.c parse_options()). */
    static final List<String> QUIET = List.of("--no-wait", "--no-syslog", "--retry", "--no-headings",
            "--leader-only", "--no-leader-only", "--shuffle-remotes", "--no-shuffle-remotes", "--pretty");

    record Command(Syntax syntax, Map<String, String> options, List<String> args) {
        String arg(int i) {
            return args.get(i);
        }

        boolean has(String option) {
            return options.containsKey(option);
        }
    }

    static final List<String> SSL_OPTIONS = List.of("--private-key", "--certificate", "--ca-cert",
            "--ssl-protocols", "--ssl-ciphers", "--bootstrap-ca-cert", "--peer-ca-cert");

    boolean dryRun, oneline;
    /** The table style of this run's output (--format, --data, --no-headings, --max-column-width). */
    final VsctlTable style = new VsctlTable();
    final StreamSsl ssl = new StreamSsl();
    int logSeq = 1;
    /** The console's vlog pattern (-vPATTERN:console:...). */
    String pattern = io.arplab.runtime.VlogLevels.CONSOLE_PATTERN;
    /** The --db remote, or null for the default. */
    String db;
    boolean retry;
    /** --timeout's seconds, 0 without. */
    int timeout;

    /** A vlog line of ovs-vsctl's console ("module|LEVEL|text") in its pattern, taking the next sequence number. */
    String log(ToolContext ctx, String moduleLevelText) {
        String[] w = moduleLevelText.split("\\|", 3);
        return Vlog.format(pattern, OvsTools.stamp(ctx), "ovs-vsctl", logSeq++, w[0], w[1], w[2]);
    }
    private final ToolContext ctx;

    VsctlCommandLine(ToolContext ctx) {
        this.ctx = ctx;
    }

    List<Command> parse(List<String> args) {
        Map<String, String> local = new LinkedHashMap<>();
        int i = 0;
        // getopt_long(): a lone "-" is no option (the command's own options take it)
        for (; i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("--") && !args.get(i).equals("-");
                i++) {
            String a = args.get(i);
            // getopt_long(): a short option is its letter ("-t5" is -t with 5), a long one ends at "="
            boolean isShort = !a.startsWith("--");
            int eq = isShort ? -1 : a.indexOf('=');
            String key = isShort ? a.substring(0, 2) : eq < 0 ? a : a.substring(0, eq);
            String given = isShort ? a.length() > 2 ? a.substring(2) : null : eq >= 0 ? a.substring(eq + 1) : null;
            if (key.startsWith("--")) {
                key = longOption(a, key);
                if (eq >= 0 && takesNoArgument(key)) { // getopt_long(), the local options' has_arg included
                    throw new VsctlException("option '" + key + "' doesn't allow an argument");
                }
            }
            boolean required = isShort ? "tfdpcC".indexOf(a.charAt(1)) >= 0 // the short ones of GLOBAL_OPTIONS
                    : GLOBAL_OPTIONS.contains(Map.entry(key.substring(2), 1));
            if (required && given == null) { // getopt_long(): a required argument is the next word
                if (i + 1 >= args.size()) {
                    throw new VsctlException(isShort ? "option requires an argument -- '" + a.charAt(1) + "'"
                            : "option '" + key + "' requires an argument");
                }
                given = args.get(++i);
            }
            if (key.equals("--timeout") || key.equals("-t")) {
                // parse_options(): a positive number of seconds
                if (!OvsGetopt.positiveUint(given)) {
                    throw new VsctlException("value " + given + " on -t or --timeout is invalid");
                }
                timeout = Integer.parseInt(given);
            }
            if (key.equals("--db")) {
                db = given;
            }
            if (key.equals("--retry")) {
                retry = true;
            }
            if (key.equals("--format") || key.equals("-f")) { // TABLE_OPTION_HANDLERS: table_parse_format()
                if (!List.of("table", "list", "html", "csv", "json").contains(given)) {
                    throw new VsctlException("unknown output format \"" + given + "\"");
                }
                style.format = given;
                continue;
            }
            if (key.equals("--data") || key.equals("-d")) { // table_parse_cell_format()
                if (!List.of("string", "bare", "json").contains(given)) {
                    throw new VsctlException("unknown data format \"" + given + "\"");
                }
                style.cellFormat = given;
                continue;
            }
            if (key.equals("--help") || key.equals("-h")) { // usage() exits 0, as parse_options() reaches it
                ctx.out().print(io.arplab.tools.Usage.of("ovs-vsctl"));
                return null;
            }
            if (key.equals("--version") || key.equals("-V")) { // ovs_print_version(0, 0) and the schema's version
                ctx.out().print(OvsTools.version("ovs-vsctl") + "DB Schema 8.3.1\n");
                return null;
            }
            if (key.equals("-v") || key.equals("--verbose")) {
                String bad = Vlog.verbosityError("ovs-vsctl", given);
                if (bad != null) { // vlog_set_verbosity(): a bad word is fatal
                    throw new VsctlException(bad.substring("ovs-vsctl: ".length()));
                }
                String console = given == null ? null : Vlog.consolePattern(given);
                pattern = console != null ? console : pattern;
            }
            if (key.equals("--bare")) { // the list format, bare cells, no headings
                style.format = "list";
                style.cellFormat = "bare";
                style.headings = false;
            } else if (key.equals("--no-headings")) {
                style.headings = false;
            } else if (key.equals("--max-column-width")) {
                style.maxColumnWidth = OvsGetopt.positiveUint(given) ? Integer.parseInt(given) : 0; // atoi()
            } else if (key.equals("--dry-run")) {
                dryRun = true;
            } else if (QUIET.contains(key) || key.equals("--db") || key.equals("--timeout") || key.equals("-t")
                    || key.equals("-v") || key.equals("--verbose") || key.equals("--max-column-width")) {
                continue;
            } else if (key.equals("--oneline")) {
                oneline = true;
            } else if (SSL_OPTIONS.contains(key) || isShort && "pcC".indexOf(a.charAt(1)) >= 0) {
                // STREAM_SSL_OPTION_HANDLERS, --bootstrap-ca-cert and --peer-ca-cert: each file read at once
                String name = isShort ? SSL_OPTIONS.get("pcC".indexOf(a.charAt(1))).substring(2) : key.substring(2);
                for (String l : ssl.option(name, given)) {
                    ctx.err().println(log(ctx, l));
                }
            } else if (localOption(key)) {
                // parse_options() looks a repeat up without the "--" it stores: before the first command, a local
                // option may come twice, the last one kept
                String v = eq < 0 ? null : a.substring(eq + 1);
                if (v == null && localOption(key + "=")) { // getopt_long(): a required argument is the next word
                    if (i + 1 >= args.size()) {
                        throw new VsctlException("option '" + key + "' requires an argument");
                    }
                    v = args.get(++i);
                }
                local.put(key, v);
            } else {
                throw new VsctlException(a.startsWith("--") ? "unrecognized option '" + a + "'"
                        : "invalid option -- '" + a.charAt(1) + "'");
            }
        }
        List<Command> commands = new ArrayList<>();
        int start = i < args.size() && args.get(i).equals("--") ? i + 1 : i;
        for (int j = start; j <= args.size(); j++) {
            if (j == args.size() || args.get(j).equals("--")) {
                if (j > start || commands.isEmpty() && j == args.size()) {
                    commands.add(command(args.subList(start, j), local));
                    local = new LinkedHashMap<>();
                }
                start = j + 1;
            }
        }
        return commands;
    }

    /**
     * parse_options()' global long options, in their table's order, each with its argument (0 none, 1 required,
     * 2 optional).
     */
    private static final List<Map.Entry<String, Integer>> GLOBAL_OPTIONS = List.of(
            Map.entry("db", 1), Map.entry("no-syslog", 0), Map.entry("no-wait", 0), Map.entry("dry-run", 0),
            Map.entry("oneline", 0), Map.entry("timeout", 1), Map.entry("retry", 0), Map.entry("help", 0),
            Map.entry("commands", 0), Map.entry("options", 0), Map.entry("leader-only", 0),
            Map.entry("no-leader-only", 0), Map.entry("shuffle-remotes", 0), Map.entry("no-shuffle-remotes", 0),
            Map.entry("version", 0), Map.entry("verbose", 2), Map.entry("log-file", 2), Map.entry("syslog-method", 1),
            Map.entry("syslog-target", 1), Map.entry("format", 1), Map.entry("data", 1), Map.entry("no-headings", 0),
            Map.entry("pretty", 0), Map.entry("bare", 0), Map.entry("max-column-width", 1), Map.entry("private-key", 1),
            Map.entry("certificate", 1), Map.entry("ca-cert", 1), Map.entry("ssl-protocols", 1),
            Map.entry("ssl-ciphers", 1), Map.entry("bootstrap-ca-cert", 1), Map.entry("peer-ca-cert", 1));

    /**
     * getopt_long() over the global options and then every command's local options (ctl_add_cmd_options()): an exact
     * name, else the one option the name begins, or several that getopt takes for one (local options of the same
     * argument kind); several others are ambiguous. Returns "--" and the full name, or the key as given if none.
     */
    private static String longOption(String arg, String key) {
        String name = key.substring(2);
        List<String> names = new ArrayList<>();
        List<Integer> kinds = new ArrayList<>(); // the argument kind, and whether local (+3)
        for (Map.Entry<String, Integer> o : GLOBAL_OPTIONS) {
            names.add(o.getKey());
            kinds.add(o.getValue());
        }
        for (Syntax s : COMMANDS) {
            for (String o : s.options.split(",")) {
                if (!o.isEmpty()) {
                    String n = o.substring(2).replaceAll("[=?]$", "");
                    if (!names.contains(n)) {
                        names.add(n);
                        kinds.add(3 + (o.endsWith("=") ? 1 : o.endsWith("?") ? 2 : 0));
                    }
                }
            }
        }
        if (names.contains(name)) {
            return key;
        }
        List<Integer> found = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            if (names.get(j).startsWith(name)) {
                found.add(j);
            }
        }
        if (found.isEmpty()) {
            return key;
        }
        int first = found.get(0);
        // globals each have their own option value, so two of them never count as one
        boolean one = found.stream().allMatch(j -> kinds.get(j).equals(kinds.get(first)) && (kinds.get(j) >= 3
                || j == first));
        if (!one) {
            StringBuilder m = new StringBuilder("option '" + arg + "' is ambiguous; possibilities:");
            found.forEach(j -> m.append(" '--").append(names.get(j)).append('\''));
            throw new VsctlException(m.toString());
        }
        return "--" + names.get(first);
    }

    /** Whether the global or local long option {@code key} ("--name") is no_argument in getopt_long()'s table. */
    private static boolean takesNoArgument(String key) {
        for (Map.Entry<String, Integer> o : GLOBAL_OPTIONS) {
            if (key.equals("--" + o.getKey())) {
                return o.getValue() == 0;
            }
        }
        return COMMANDS.stream().anyMatch(s -> List.of(s.options.split(",")).contains(key));
    }

    /** Whether a command has the local option {@code key} ("--columns"; "--columns=" only if it takes a value). */
    private static boolean localOption(String key) {
        for (Syntax s : COMMANDS) {
            for (String o : s.options.split(",")) {
                if (!o.isEmpty() && (o.equals(key) || o.replace("=", "").equals(key))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Command command(List<String> words, Map<String, String> options) {
        int i = 0;
        for (; i < words.size() && words.get(i).startsWith("-"); i++) {
            String w = words.get(i);
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            if (options.containsKey(key)) {
                throw new VsctlException("'" + w + "' option specified multiple times");
            }
            options.put(key, eq < 0 ? null : w.substring(eq + 1));
        }
        if (i == words.size()) {
            throw new VsctlException("missing command name (use --help for help)");
        }
        String name = words.get(i);
        Syntax s = COMMANDS.stream().filter(x -> x.name.equals(name)).findFirst().orElseThrow(
                () -> new VsctlException("unknown command '" + name + "'; use --help for help"));
        for (Map.Entry<String, String> o : options.entrySet()) {
            int at = s.options.indexOf(o.getKey());
            char end = at < 0 ? 0 : at + o.getKey().length() < s.options.length()
                    ? s.options.charAt(at + o.getKey().length()) : ' ';
            if ("=,? ".indexOf(end) < 0 || end == 0) {
                throw new VsctlException("'" + name + "' command has no '" + o.getKey() + "' option");
            }
            if ((end == '=') != (o.getValue() != null)) {
                throw new VsctlException(end == '=' ? "missing argument to '" + o.getKey() + "' option on '" + name
                        + "' command" : "'" + o.getKey() + "' option on '" + name + "' does not accept an argument");
            }
        }
        List<String> args = words.subList(i + 1, words.size());
        if (args.size() < s.min) {
            throw new VsctlException("'" + name + "' command requires at least " + s.min + " arguments");
        }
        if (args.size() > s.max) {
            boolean option = args.stream().anyMatch(a -> a.startsWith("-"));
            throw new VsctlException("'" + name + "' command takes at most " + s.max + " arguments" + (option
                    ? " (note that options must precede command names and follow a \"--\" argument)" : ""));
        }
        return new Command(s, options, new ArrayList<>(args));
    }
}
