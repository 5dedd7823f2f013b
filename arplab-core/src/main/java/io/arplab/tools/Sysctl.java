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

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.stack = ctx.stack();
        int code = run(args);
        ctx.out().print(out);
        ctx.err().print(err);
        ctx.exit(code);
    }

    private int run(List<String> args) {
        boolean write = false;
        boolean all = false;
        List<String> keys = new ArrayList<>();
        for (String w : args) {
            if (w.startsWith("-") && w.length() > 1 && !w.startsWith("--")) {
                for (char c : w.substring(1).toCharArray()) {
                    switch (c) {
                        case 'w' -> write = true;
                        case 'q' -> quiet = true;
                        case 'n' -> valuesOnly = true;
                        case 'N' -> namesOnly = true;
                        case 'e' -> ignore = true;
                        case 'a', 'A', 'X' -> all = true;
                        case 'b' -> valuesOnly = true;
                        case 'V' -> {
                            out.append("sysctl from procps-ng 4.0.2\n");
                            return 0;
                        }
                        case 'h' -> {
                            out.append(Usage.of("sysctl")); // procps' Usage(stdout): the help, and success
                            return 0;
                        }
                        default -> {
                            err.append("sysctl: invalid option -- '").append(c).append("'\n");
                            err.append("Try 'sysctl --help' for more information.\n");
                            return 1;
                        }
                    }
                }
            } else if (w.equals("--help")) {
                out.append(Usage.of("sysctl"));
                return 0;
            } else if (w.equals("--all")) {
                all = true;
            } else if (w.equals("--write")) {
                write = true;
            } else if (w.equals("--quiet")) {
                quiet = true;
            } else if (w.equals("--values")) {
                valuesOnly = true;
            } else if (w.equals("--names")) {
                namesOnly = true;
            } else {
                keys.add(w);
            }
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
        int rc = 0;
        for (String k : keys) {
            if (k.contains("=")) {
                rc |= write(k);
            } else if (write) {
                err.append("sysctl: \"").append(k).append("\" must be of the form name=value\n");
                rc |= 1;
            } else {
                rc |= read(k);
            }
        }
        return rc;
    }

    private void print(String name, String value) {
        if (namesOnly) {
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
        return SysctlRegistry.resolve(key, d -> stack.device(d) != null);
    }

    /** The /proc/sys path of a key given with dots or slashes (procps turns '.' into '/'). */
    private static String path(String key) {
        return key.replace('.', '/');
    }

    private boolean exists(String path) {
        if (table().containsKey(path)) {
            return true;
        }
        String dir = path + "/";
        return table().keySet().stream().anyMatch(k -> k.startsWith(dir)) || isDirectory(path);
    }

    private static boolean isDirectory(String path) {
        return path.equals("net") || path.equals("net/ipv4") || path.equals("net/ipv4/neigh")
                || path.equals("net/ipv4/conf");
    }

    private int read(String key) {
        String path = path(key);
        String name = key.replace('/', '.');
        Map<String, String> t = table();
        if (t.containsKey(path)) {
            print(name, t.get(path));
            return 0;
        }
        String dir = path + "/";
        boolean any = false;
        for (Map.Entry<String, String> e : t.entrySet()) {
            if (e.getKey().startsWith(dir) && !deprecated(e.getKey())) {
                print(e.getKey().replace('/', '.'), e.getValue());
                any = true;
            }
        }
        if (any) {
            return 0;
        }
        if (!ignore) {
            err.append("sysctl: cannot stat ").append(PROC).append(path).append(": No such file or directory\n");
            return 1;
        }
        return 0;
    }

    private int write(String assignment) {
        int eq = assignment.indexOf('=');
        String key = assignment.substring(0, eq).trim();
        String value = assignment.substring(eq + 1).trim();
        String path = path(key);
        String name = key.replace('/', '.');
        if (key.isEmpty()) {
            err.append("sysctl: malformed setting \"").append(assignment).append("\"\n");
            return 1;
        }
        Target t = target(key);
        Outcome o = t == null ? Outcome.ENOENT : NamespaceSysctls.write(stack, t, value);
        switch (o) {
            case OK -> {
                if (!quiet) {
                    print(name, value);
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
