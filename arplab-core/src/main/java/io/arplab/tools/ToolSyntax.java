package io.arplab.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tool accepts on its command line, for the shell's Tab completion and {@code help TOOL}: its options (from
 * the same getopt strings the tools parse with), its subcommand words (iproute2's objects and commands, OVS's
 * commands) and what its operands are (a host, an interface, a file ...).
 *
 * @param help    the arguments that make the tool print its usage ({@code -h}, {@code --help}, {@code help})
 * @param options the options, spelled as typed ({@code -c}, {@code --interface=})
 * @param argKind what the option with that spelling takes, for options that take something completable
 * @param words   the subcommand tree: a word to the words that may follow it ({@code ""} is the root)
 * @param operand what a plain operand is once the words are exhausted
 */
public record ToolSyntax(String help, List<String> options, Map<String, Kind> argKind, Map<String, List<String>> words,
                         Kind operand) {

    /** What a position on the command line holds. */
    public enum Kind {
        /** Nothing to complete. */
        NONE,
        /** A node name or address (ping's destination). */
        HOST,
        /** One of the node's interfaces. */
        INTERFACE,
        /** A file path. */
        FILE,
        /** A sysctl key. */
        SYSCTL,
        /** An OVS bridge. */
        BRIDGE,
        /** A tool name (timeout's command). */
        TOOL
    }

    /** What the shell knows at the moment of completing, for operands. */
    public record Env(List<String> hosts, List<String> addresses, List<String> interfaces, List<String> sysctls,
                      List<String> bridges, List<String> tools) {}

    /** Candidates for the word being typed: words, and whether file names fit too. */
    public record Candidates(List<String> words, boolean files) {}

    private static final ToolSyntax NONE = new ToolSyntax(null, List.of(), Map.of(), Map.of(), Kind.NONE);

    /** The syntax of a known tool, or one that offers nothing. */
    public static ToolSyntax of(String tool) {
        return SYNTAX.getOrDefault(tool, NONE);
    }

    /**
     * The candidates for {@code partial}, the word being typed after {@code before} (the tool's arguments so far).
     * Options when the word starts with '-'; an option's argument after an option that takes one; else the next
     * subcommand words (matched as iproute2 matches abbreviations: a typed word is a prefix of the full one), else
     * the operand.
     */
    public Candidates complete(List<String> before, String partial, Env env) {
        if (!before.isEmpty()) {
            Kind k = argKind.get(before.get(before.size() - 1));
            if (k != null) {
                return of(k, env);
            }
        }
        if (partial.startsWith("-")) {
            return new Candidates(options, false);
        }
        if (!words.isEmpty()) {
            String at = "";
            boolean argument = false;
            for (String w : before) {
                if (argument || w.startsWith("-")) {
                    argument = false;
                    continue;
                }
                argument = argKind.containsKey(w); // "dev eth0": the next word is the keyword's argument
                String next = expand(at, w);
                if (next != null) {
                    at = next;
                }
            }
            List<String> next = words.get(at);
            if (next != null && !next.isEmpty()) {
                return new Candidates(next, false);
            }
        }
        return of(operand, env);
    }

    /** The subtree under {@code at} that {@code typed} abbreviates (iproute2 matches prefixes in order), or null. */
    private String expand(String at, String typed) {
        List<String> next = words.get(at);
        if (next == null) {
            return null;
        }
        String key = at.isEmpty() ? "" : at + " ";
        for (String w : next) {
            if (w.startsWith(typed) && words.containsKey(key + w)) {
                return key + w;
            }
        }
        return null;
    }

    private static Candidates of(Kind k, Env env) {
        return switch (k) {
            case NONE -> new Candidates(List.of(), false);
            case HOST -> {
                List<String> c = new ArrayList<>(env.hosts());
                c.addAll(env.addresses());
                yield new Candidates(c, false);
            }
            case INTERFACE -> new Candidates(env.interfaces(), false);
            case FILE -> new Candidates(List.of(), true);
            case SYSCTL -> new Candidates(env.sysctls(), false);
            case BRIDGE -> new Candidates(env.bridges(), false);
            case TOOL -> new Candidates(env.tools(), false);
        };
    }

    /** Options from a getopt(3) string: {@code -c}, ... ({@code ?} and {@code :} are not options). */
    static List<String> getopt(String optstring) {
        List<String> o = new ArrayList<>();
        for (char c : optstring.toCharArray()) {
            if (c != ':' && c != '?') {
                o.add("-" + c);
            }
        }
        return o;
    }

    private static final Map<String, ToolSyntax> SYNTAX = new LinkedHashMap<>();

    private static void put(String tool, String help, List<String> options, Map<String, Kind> args, Kind operand) {
        SYNTAX.put(tool, new ToolSyntax(help, options, args, Map.of(), operand));
    }

    private static List<String> plus(List<String> a, String... more) {
        List<String> l = new ArrayList<>(a);
        l.addAll(List.of(more));
        return l;
    }

    static {
        put("ping", "-h", getopt(Ping.OPTSTRING), Map.of("-I", Kind.INTERFACE), Kind.HOST);
        put("arping", "-h", getopt(Arping.OPTSTRING), Map.of("-I", Kind.INTERFACE), Kind.HOST);
        put("tracepath", "-h", getopt(Tracepath.OPTSTRING), Map.of(), Kind.HOST);
        put("traceroute", "--help", List.of("-4", "-6", "-d", "-F", "-I", "-T", "-n", "-r", "-e", "-A", "-U", "-D",
                "-V", "-f", "-g", "-i", "-m", "-N", "-p", "-t", "-l", "-w", "-q", "-s", "-z", "--help", "--icmp",
                "--udp", "--interface=", "--max-hops=", "--queries=", "--wait=", "--sendwait=", "--first=", "--port="),
                Map.of("-i", Kind.INTERFACE, "-s", Kind.HOST), Kind.HOST);
        put("arpspoof", "-h", getopt(Arpspoof.OPTSTRING), Map.of("-i", Kind.INTERFACE, "-t", Kind.HOST), Kind.HOST);
        put("macof", "-h", getopt(Macof.OPTSTRING), Map.of("-i", Kind.INTERFACE), Kind.NONE);
        put("arpwatch", "-h", getopt(Arpwatch.OPTSTRING), Map.of("-i", Kind.INTERFACE, "-f", Kind.FILE,
                "-r", Kind.FILE), Kind.NONE);
        put("nc", "-h", getopt(Nc.OPTSTRING), Map.of("-s", Kind.HOST), Kind.HOST);
        put("inject", "-h", getopt(Inject.OPTSTRING), Map.of("-i", Kind.INTERFACE), Kind.NONE);
        put("arp-scan", "--help", List.of("-I", "-l", "-r", "-i", "-t", "-b", "-B", "-q", "-x", "-N", "-V", "-h",
                "--interface=", "--localnet", "--retry=", "--interval=", "--timeout=", "--backoff=", "--bandwidth=",
                "--quiet", "--plain", "--numeric", "--version", "--help"), Map.of("-I", Kind.INTERFACE), Kind.HOST);
        put("arp", "-h", List.of("-a", "-d", "-s", "-e", "-n", "-D", "-N", "-v", "-i", "-H", "-t", "-f", "-V", "-h",
                "--all", "--delete", "--set", "--numeric", "--device", "--verbose", "--help"),
                Map.of("-i", Kind.INTERFACE, "-f", Kind.FILE), Kind.HOST);
        put("sysctl", "--help", List.of("-a", "-A", "-X", "-b", "-e", "-n", "-N", "-q", "-w", "-h", "-V", "--all",
                "--binary", "--ignore", "--names", "--values", "--quiet", "--write", "--help", "--version"),
                Map.of(), Kind.SYSCTL);
        put("timeout", "--help", List.of("-k", "-s", "-v", "--foreground", "--kill-after=", "--preserve-status",
                "--signal=", "--verbose", "--help", "--version"), Map.of(), Kind.TOOL);
        put("tcpdump", "-h", plus(getopt(TcpdumpTool.SHORTOPTS), "--help", "--version"),
                Map.of("-i", Kind.INTERFACE, "-r", Kind.FILE, "-w", Kind.FILE), Kind.NONE);
        put("tshark", "-h", plus(getopt(TsharkTool.OPTSTRING), "--help", "--interface"),
                Map.of("-i", Kind.INTERFACE, "-r", Kind.FILE, "--interface", Kind.INTERFACE),
                Kind.NONE);

        Map<String, List<String>> nft = new LinkedHashMap<>();
        nft.put("", List.of("add", "create", "insert", "delete", "list", "flush"));
        for (String c : nft.get("")) {
            nft.put(c, List.of("table", "chain", "rule", "set", "element", "ruleset"));
        }
        SYNTAX.put("nft", new ToolSyntax("--help", List.of("-a", "-c", "-f", "-h", "-v", "--handle", "--check",
                "--file", "--help", "--version"), Map.of("-f", Kind.FILE), nft, Kind.NONE));

        // iproute2: ip OBJECT COMMAND [keywords]; only the objects arplab models are offered
        Map<String, List<String>> ip = new LinkedHashMap<>();
        ip.put("", List.of("address", "link", "neighbour", "route", "ntable", "monitor", "help"));
        List<String> addrKeys = List.of("dev", "label", "broadcast", "scope", "up", "to");
        ip.put("address", List.of("show", "add", "del", "flush", "help"));
        for (String c : List.of("show", "add", "del", "flush")) {
            ip.put("address " + c, addrKeys);
        }
        ip.put("link", List.of("show", "set", "add", "delete", "help"));
        for (String c : List.of("show", "set", "add", "delete")) {
            ip.put("link " + c, List.of("dev", "up", "down", "type", "master", "nomaster", "address", "mtu", "name"));
        }
        ip.put("neighbour", List.of("show", "add", "del", "change", "replace", "flush", "get", "help"));
        for (String c : List.of("show", "add", "del", "change", "replace", "flush", "get")) {
            ip.put("neighbour " + c, List.of("dev", "lladdr", "nud", "proxy", "to", "nomaster", "router", "extern_learn"));
        }
        ip.put("route", List.of("show", "add", "del", "change", "replace", "get", "flush", "help"));
        for (String c : List.of("show", "add", "del", "change", "replace", "get", "flush")) {
            ip.put("route " + c, List.of("via", "dev", "src", "metric", "table", "scope", "proto", "onlink", "default"));
        }
        ip.put("ntable", List.of("show", "change", "help"));
        ip.put("ntable show", List.of("dev", "name"));
        ip.put("ntable change", List.of("dev", "name", "thresh1", "thresh2", "thresh3", "base_reachable", "retrans",
                "gc_stale", "delay_probe", "queue", "app_probes", "ucast_probes", "mcast_probes", "locktime"));
        ip.put("monitor", List.of("all", "link", "address", "route", "neigh"));
        Map<String, Kind> ipArgs = new LinkedHashMap<>();
        ipArgs.put("dev", Kind.INTERFACE);
        ipArgs.put("via", Kind.HOST);
        ipArgs.put("to", Kind.HOST);
        SYNTAX.put("ip", new ToolSyntax("help", List.of("-s", "-d", "-br", "-c", "-4", "-6", "-0", "-o", "-j", "-p",
                "-t", "-ts", "-n", "-N", "-family", "-stats", "-details", "-brief", "-oneline", "-json", "-Version",
                "-help"), ipArgs, ip, Kind.HOST));

        Map<String, List<String>> br = new LinkedHashMap<>();
        br.put("", List.of("link", "fdb", "vlan", "monitor", "help"));
        br.put("link", List.of("show", "set", "help"));
        br.put("link show", List.of("dev"));
        br.put("link set", List.of("dev", "learning", "flood", "locked", "neigh_suppress", "isolated", "state",
                "hairpin", "guard", "cost", "priority"));
        br.put("fdb", List.of("show", "add", "del", "replace", "append", "flush", "help"));
        for (String c : List.of("show", "add", "del", "replace", "append", "flush")) {
            br.put("fdb " + c, List.of("dev", "br", "master", "self", "static", "dynamic", "permanent", "vlan", "dst"));
        }
        br.put("vlan", List.of("show", "add", "del", "help"));
        br.put("monitor", List.of("all", "link", "fdb", "mdb", "vlan"));
        SYNTAX.put("bridge", new ToolSyntax("help", List.of("-s", "-d", "-j", "-p", "-c", "-n", "-o", "-statistics",
                "-details", "-json", "-pretty", "-oneline", "-compressvlans", "-Version", "-help"),
                Map.of("dev", Kind.INTERFACE, "br", Kind.INTERFACE), br, Kind.NONE));

        // OVS: a command, then the bridge; the command lists are the ones the tools implement
        Map<String, List<String>> ofctl = new LinkedHashMap<>();
        ofctl.put("", List.of("show", "dump-flows", "dump-aggregate", "dump-ports", "add-flow", "add-flows",
                "mod-flows", "del-flows", "add-group", "add-groups", "mod-group", "del-groups", "dump-groups",
                "dump-group-stats"));
        ofctl.get("").forEach(c -> ofctl.put(c, List.of()));
        SYNTAX.put("ovs-ofctl", new ToolSyntax("--help", List.of("-O", "--protocols=", "--no-stats", "--names",
                "--no-names", "--rsort", "--sort", "--help"), Map.of(), ofctl, Kind.BRIDGE));
        Map<String, List<String>> appctl = new LinkedHashMap<>();
        appctl.put("", List.of("ofproto/trace", "fdb/show", "fdb/stats-show", "fdb/flush", "fdb/stats-clear", "fdb/add",
                "fdb/del", "dpctl/show", "dpif/show",
                "dpctl/dump-flows", "dpif/dump-flows", "dpctl/dump-conntrack", "dpctl/flush-conntrack",
                "dpctl/del-flows",
                "netdev-dummy/receive", "revalidator/wait", "dpif/set-dp-features", "list-commands"));
        appctl.get("").forEach(c -> appctl.put(c, List.of()));
        SYNTAX.put("ovs-appctl", new ToolSyntax("--help", List.of("-t", "--target=", "--timeout=", "--help"),
                Map.of(), appctl, Kind.BRIDGE));
        Map<String, List<String>> vsctl = new LinkedHashMap<>();
        vsctl.put("", List.of("show", "add-br", "del-br", "list-br", "br-exists", "list-ports", "add-port",
                "del-port", "port-to-br", "list-ifaces", "iface-to-br", "get-fail-mode", "set-fail-mode",
                "del-fail-mode", "br-set-external-id", "br-get-external-id", "get", "set", "clear", "list", "find"));
        vsctl.get("").forEach(c -> vsctl.put(c, List.of()));
        Map<String, List<String>> dpctl = new LinkedHashMap<>();
        dpctl.put("", List.of("show", "dump-flows", "del-flows", "dump-conntrack"));
        dpctl.get("").forEach(c -> dpctl.put(c, List.of()));
        SYNTAX.put("ovs-dpctl", new ToolSyntax(null, List.of(), Map.of(), dpctl, Kind.NONE));
        SYNTAX.put("ovs-vsctl", new ToolSyntax("--help", List.of("--help", "--timeout=", "--may-exist", "--if-exists",
                "--bare", "--columns="), Map.of(), vsctl, Kind.BRIDGE));
    }
}
