package io.arplab.tools;

import io.arplab.stack.HostStack;
import io.arplab.stack.NamespaceSysctls;
import io.arplab.stack.SysctlRegistry;
import io.arplab.stack.SysctlRegistry.Outcome;
import io.arplab.stack.SysctlRegistry.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * procps-ng {@code sysctl} (4.0.2) over the namespace's net.ipv4 keys, read and written through the stack's
 * {@link SysctlRegistry} ("key = value"; the kernel's refusals as procps reports them).
 * net.ipv4.neigh.default.gc_* exist only in the kernel's initial namespace (a shared-kernel lab's host), as on Linux.
 */
public final class Sysctl implements Tool {
    private static final String PROC = "/proc/sys/";

    private HostStack stack;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private boolean quiet;
    private boolean namesOnly;
    private boolean valuesOnly;
    private boolean ignore;
    private boolean binary;
    /** -r: only keys whose dotted name matches (pattern_match(): regexec(), REG_EXTENDED | REG_NOSUB). */
    private java.util.regex.Pattern pattern;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.stack = ctx.stack();
        int code = run(args);
        ctx.out().print(out);
        ctx.err().print(err);
        ctx.exit(code & 0xff); // main()'s int, returned: -1 is 255
    }

    /** sysctl.c's longopts, as their short letters (--pattern takes its argument like -r). */
    private static final Map<String, String> LONG = Map.of("--all", "-a", "--binary", "-b", "--ignore", "-e",
            "--names", "-N", "--values", "-n", "--pattern", "-r", "--quiet", "-q", "--write", "-w", "--help", "-h",
            "--version", "-V");

    /** sysctl.c's longopts in their order, those without a short letter too. */
    private static final List<String> LONGOPTS = List.of("all", "deprecated", "dry-run", "binary", "ignore", "names",
            "values", "load", "quiet", "write", "system", "pattern", "help", "version");

    /** getopt_long()'s abbreviation: the one long option the word starts, "" for none, null for several. */
    private static String abbreviated(String name) {
        List<String> hits = LONGOPTS.stream().filter(l -> ("--" + l).startsWith(name)).toList();
        return hits.isEmpty() ? "" : hits.size() == 1 ? "--" + hits.get(0) : null;
    }

    /** sysctl.c's short options. */
    private static final String OPTSTRING = "bneNwfp::qoxaAXr:Vdh";
    /** Its letters that take no argument: a cluster of them may end in -r, whose argument is the next word. */
    private static final String NO_ARGUMENT = OPTSTRING.replaceAll("[a-zA-Z]:+", "");

    private int run(List<String> args) {
        if (args.isEmpty()) {
            err.append(Usage.of("sysctl")); // main(): "if (argc < 2) Usage(stderr)"
            return 1;
        }
        List<String> words = new ArrayList<>();
        for (String w : args) {
            int eq = w.indexOf('=');
            String name = w.startsWith("--") && eq > 0 ? w.substring(0, eq) : w;
            if (!w.startsWith("--") || w.equals("--")
                    || !words.isEmpty() && words.get(words.size() - 1).matches("-[" + NO_ARGUMENT + "]*r")) {
                words.add(w); // an operand, or -r's argument, not an option
                continue;
            }
            String full = LONGOPTS.contains(name.substring(2)) ? name : abbreviated(name);
            if (full != null && LONG.containsKey(full)) {
                words.add(LONG.get(full));
                if (eq > 0) {
                    words.add(w.substring(eq + 1));
                }
            } else {
                // getopt_long() goes in order: an earlier bad short option is the one it reports
                for (Getopt.Opt o : Getopt.parse("sysctl", OPTSTRING, words).options()) {
                    if (o.failed()) {
                        err.append(o.error()).append('\n');
                        out.append(Usage.of("sysctl"));
                        return 0;
                    }
                }
                if (full == null) { // ambiguous: glibc's complaint, then the default case as below
                    err.append("sysctl: option '").append(w).append("' is ambiguous; possibilities:");
                    LONGOPTS.stream().filter(l -> ("--" + l).startsWith(name))
                            .forEach(h -> err.append(" '--").append(h).append('\''));
                    err.append('\n');
                    out.append(Usage.of("sysctl"));
                    return 0;
                }
                // getopt_long()'s complaint, then the default case: Usage(stdout), which exits with success
                err.append("sysctl: unrecognized option '").append(w).append("'\n");
                out.append(Usage.of("sysctl"));
                return 0;
            }
        }
        boolean write = false;
        boolean all = false;
        List<String> preload = null;
        Getopt g = Getopt.parse("sysctl", OPTSTRING, words);
        for (Getopt.Opt o : g.options()) {
            if (o.failed()) {
                err.append(o.error()).append('\n');
                out.append(Usage.of("sysctl"));
                return 0;
            }
            switch (o.letter()) {
                case 'b' -> {
                    binary = true;
                    valuesOnly = true;
                }
                case 'n' -> valuesOnly = true;
                case 'e' -> ignore = true;
                case 'N' -> namesOnly = true;
                case 'w' -> write = true;
                case 'q' -> quiet = true;
                case 'o', 'x' -> { } // BSD compatibility: ignored
                case 'a', 'A', 'X' -> all = true;
                case 'r' -> pattern = java.util.regex.Pattern.compile(o.argument());
                case 'V' -> {
                    out.append("sysctl from procps-ng 4.0.2\n");
                    return 0;
                }
                case 'd', 'h' -> {
                    out.append(Usage.of("sysctl")); // procps' Usage(stdout): the help, and success
                    return 0;
                }
                case 'p', 'f' -> {
                    preload = preload == null ? new ArrayList<>() : preload;
                    if (o.argument() != null) {
                        preload.add(o.argument());
                    }
                }
                default -> throw new IllegalStateException("optstring letter without a case: " + o.letter());
            }
        }
        List<String> keys = g.operands();
        if (preload != null) {
            preload.addAll(keys);
            return preload(preload);
        }
        if (all) {
            for (Map.Entry<String, String> e : table().entrySet()) {
                if (deprecated(e.getKey())) {
                    continue;
                }
                print(e.getKey().replace('/', '.'), e.getValue());
            }
            return 0;
        }
        if (keys.isEmpty()) {
            err.append("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
            return 1;
        }
        if (namesOnly && quiet) {
            err.append("sysctl: options -N and -q cannot coexist\nTry `sysctl --help' for more information.\n");
            return 1;
        }
        // main(): a write's failure is or-ed into the status, a read's added to it (two unknown keys: 2; one unknown
        // key and the root: 1 - 1 = 0)
        int rc = 0;
        for (String k : keys) {
            if (k.contains("=") || write) {
                rc |= writeArgument(k);
            } else {
                rc += read(k);
            }
        }
        return rc;
    }

    /**
     * parse_setting_line("command line", 0, ARG) then WriteSetting(): a line shorter than two characters once
     * left-stripped, a comment ('#', ';') or one -r's pattern does not match is NULL, a failure without a word; a
     * "-KEY" without '=' is a glob exclusion, written with no value; any other line without '=' is invalid syntax.
     */
    private int writeArgument(String arg) {
        String line = arg.stripLeading();
        if (line.length() < 2 || line.charAt(0) == '#' || line.charAt(0) == ';'
                || pattern != null && !pattern.matcher(line).find()) {
            return 1;
        }
        if (line.indexOf('=') >= 0) {
            return write(arg);
        }
        if (line.charAt(0) != '-') {
            err.append("sysctl: command line(0): invalid syntax, continuing...\n");
            return 1;
        }
        return write(line.substring(1).strip() + "=");
    }

    /**
     * -p/-f: every operand is a file to load (Preload()); none given is /etc/sysctl.conf, which Debian ships with
     * comments only. A node has no other file to read.
     */
    private int preload(List<String> files) {
        int rc = 0;
        for (String f : files.isEmpty() ? List.of("/etc/sysctl.conf") : files) {
            if (!f.equals("/etc/sysctl.conf")) {
                err.append("sysctl: cannot open \"").append(f).append("\": No such file or directory\n");
                rc = 1;
            }
        }
        return rc;
    }

    private void print(String name, String value) {
        if (pattern != null && !pattern.matcher(name).find()) {
            return;
        }
        if (namesOnly) {
            out.append(name).append('\n');
        } else if (binary) {
            out.append(value);
        } else if (namesOnly) {
            out.append(name).append('\n');
        } else if (valuesOnly) {
            out.append(value).append('\n');
        } else {
            out.append(name).append(" = ").append(value).append('\n');
        }
    }

    /** Every key of the namespace, by /proc path below /proc/sys, sorted as a directory walk shows them. */
    private Map<String, String> table() {
        return NamespaceSysctls.dump(stack);
    }

    /** procps leaves the deprecated neigh keys out of listings (sysctl.c, DEPRECATED[]); naming them still works. */
    private static boolean deprecated(String path) {
        return path.endsWith("/base_reachable_time") || path.endsWith("/retrans_time");
    }

    private Target target(String key) {
        return SysctlRegistry.resolve(key, d -> stack.device(d) != null && stack.device(d).hasInetDevice());
    }

    /** The /proc/sys path of a key given with dots or slashes (procps turns '.' into '/'). */
    /**
     * slashdot(): from the first separator on, each '.' and '/' swapped, unless that first one is {@code to} already
     * (then nothing changes); a separator followed by another is warned of once, with what follows it.
     */
    private String slashdot(String key, char from, char to) {
        int first = 0;
        while (first < key.length() && key.charAt(first) != '.' && key.charAt(first) != '/') {
            first++;
        }
        if (first == key.length() || key.charAt(first) == to) {
            return key;
        }
        StringBuilder b = new StringBuilder(key);
        boolean warned = false;
        for (int i = first; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '.' && c != '/') {
                continue;
            }
            if (!warned && i + 1 < key.length() && (key.charAt(i + 1) == '.' || key.charAt(i + 1) == '/')) {
                err.append("sysctl: separators should not be repeated: ").append(key, i, key.length()).append('\n');
                warned = true;
            }
            b.setCharAt(i, c == from ? to : from);
        }
        return b.toString();
    }

    private boolean exists(String path) {
        if (table().containsKey(path)) {
            return true;
        }
        String dir = path + "/";
        return table().keySet().stream().anyMatch(k -> k.startsWith(dir)) || isDirectory(path);
    }

    private static boolean isDirectory(String path) {
        return path.equals("net") || path.equals("net/bridge") || path.equals("net/ipv4") || path.equals("net/ipv4/neigh")
                || path.equals("net/ipv4/conf");
    }

    /**
     * ReadSetting(): the file's path and the name shown, each through slashdot() (procps 4.0.2 turns the name from
     * '/' to '.' twice, so a name given with slashes warns of a repeated separator twice); the path resolves as the
     * kernel's lookup does (repeated '/' as one), a directory is listed by DisplayAll() with '/' appended, so a key
     * ending in a separator names every file below it with that separator doubled.
     */
    private int read(String key) {
        String path = slashdot(key, '.', '/');
        String name = slashdot(key, '/', '.');
        slashdot(key, '/', '.');
        if (!path.isEmpty() && path.chars().allMatch(c -> c == '/')) {
            // ReadSetting(): is_proc_path(), whose realpath() is /proc/sys itself, outside "/proc/sys/"
            err.append("sysctl: Path is not under ").append(PROC).append(": ").append(PROC).append(path).append('\n');
            return -1;
        }
        Map<String, String> t = table();
        String resolved = path.replaceAll("/+", "/");
        String file = resolved.endsWith("/") ? resolved.substring(0, resolved.length() - 1) : resolved;
        if (t.containsKey(file)) {
            if (!file.equals(resolved)) { // stat() of a file with a '/' after it
                return ignore ? 0 : cannotStat(path, "Not a directory");
            }
            print(name, t.get(file));
            return 0;
        }
        String dir = file + "/";
        List<String> below = t.keySet().stream().filter(k -> k.startsWith(dir) && !deprecated(k)).toList();
        if (below.isEmpty()) {
            // stat(): a file where the path wants a directory is ENOTDIR, a missing component ENOENT
            boolean fileOnPath = false;
            for (int i = file.indexOf('/'); i > 0 && !fileOnPath; i = file.indexOf('/', i + 1)) {
                fileOnPath = t.containsKey(file.substring(0, i));
            }
            return ignore ? 0 : cannotStat(path, fileOnPath ? "Not a directory" : "No such file or directory");
        }
        int rc = 0;
        for (String k : below) { // DisplayAll(): "%s%s" of the directory with '/' appended and each entry
            rc |= read(path + "/" + k.substring(dir.length()));
        }
        return rc;
    }

    private int cannotStat(String path, String why) {
        err.append("sysctl: cannot stat ").append(PROC).append(path).append(": ").append(why).append('\n');
        return 1;
    }

    private int write(String assignment) {
        int eq = assignment.indexOf('=');
        String key = assignment.substring(0, eq).trim();
        String value = assignment.substring(eq + 1).trim();
        String path = slashdot(key, '.', '/'); // setting_new()
        String name = key.replace('/', '.');
        if (key.isEmpty()) {
            err.append("sysctl: malformed setting \"").append(assignment).append("\"\n");
            return 1;
        }
        Target t = target(key);
        Outcome o = t == null ? Outcome.ENOENT : NamespaceSysctls.write(stack, t, value);
        switch (o) {
            case OK -> {
                if (quiet) {
                    return 0;
                }
                // WriteSetting(): the name is printed only without -n and -N (-N prints the value, not the name)
                if (pattern == null || pattern.matcher(name).find()) {
                    out.append(valuesOnly || namesOnly ? "" : name + " = ").append(value).append(binary ? "" : "\n");
                }
                return 0;
            }
            case ENOENT -> {
                if (ignore) {
                    return 0;
                }
                err.append("sysctl: cannot stat ").append(PROC).append(path).append(": ").append(o.text).append('\n');
                return 1;
            }
            default -> {
                err.append("sysctl: setting key \"").append(name).append("\": ").append(o.text).append('\n');
                return o == Outcome.READ_ONLY ? 0 : 1;
            }
        }
    }
}
