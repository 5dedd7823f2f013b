package io.arplab.tools.iproute;

import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import java.util.List;

/**
 * iproute2 6.1's {@code ip}: global options, then an object (address, link, route, neigh, ntable, monitor) with
 * its own command, abbreviations matched in iproute2's order ("ip n", "ip r", "ip a s", "ip l").
 */
public final class Ip implements Tool {
    /** The global options (ip.c main()). */
    public static final class Options {
        public int stats;
        public int details;
        public boolean brief;
        /** 0: any, 4: -4, 6: -6, 17: -0 (link). */
        public int family;
        public boolean timestamp;
        public boolean tshort;
        public boolean oneline;
        /** -j, and -p to indent it. */
        public boolean json;
        public boolean pretty;
        /** -c: colour on (check_enable_color(): never with -j). */
        public boolean color;

        /** check_enable_color(): -c colours the text output, never JSON. */
        boolean colored() {
            return color && !json;
        }

        /** color_fprintf(): {@code text} in {@code attr} when colour is on. */
        String paint(String attr, String text) {
            return Color.paint(colored(), attr, text);
        }

        /** new_json_obj(): the writer a listing fills with -j, else null (text). */
        Json newJson() {
            return json ? new Json(pretty) : null;
        }
    }

    private static final String[] OBJECTS = {"address", "addrlabel", "maddress", "route", "rule", "neighbor",
        "neighbour", "ntable", "ntbl", "link", "l2tp", "fou", "ila", "macsec", "tunnel", "tunl", "tuntap", "tap",
        "token", "tcpmetrics", "tcp_metrics", "monitor", "xfrm", "mroute", "mrule", "netns", "netconf", "vrf", "sr",
        "nexthop", "mptcp", "ioam", "help", "stats"};

    @Override
    public void start(ToolContext ctx, List<String> args) {
        StringBuilder out = new StringBuilder();
        int code;
        try {
            code = run(ctx, args, out);
        } catch (CommandExit e) {
            ctx.out().print(out);
            ctx.err().println(e.getMessage());
            ctx.exit(e.code());
            return;
        }
        ctx.out().print(out);
        if (code >= 0) {
            ctx.exit(code);
        }
    }

    /**
     * ip.c batch(): each line of the file ("-": standard input) a command with the global options, "Command failed
     * FILE:N" after one that fails, the rest skipped unless -force. A node has no files of its own to read.
     */
    private int batch(ToolContext ctx, String name, List<String> options, boolean force, StringBuilder out) {
        if (!name.equals("-")) {
            throw new CommandExit(1, "Cannot open file \"" + name + "\" for reading: No such file or directory");
        }
        String input = ctx.stdin() == null ? "" : new String(ctx.stdin(), java.nio.charset.StandardCharsets.UTF_8);
        int status = 0;
        int lineNo = 0;
        for (String line : input.split("\n", -1)) {
            lineNo++;
            List<String> words = io.arplab.tools.CommandLineSplitter.split(line.replaceAll("#.*", ""));
            if (words.isEmpty()) {
                continue;
            }
            List<String> cmd = new java.util.ArrayList<>(options);
            cmd.addAll(words);
            int rc;
            try {
                rc = run(ctx, cmd, out);
            } catch (CommandExit e) {
                ctx.err().println(e.getMessage());
                rc = e.code();
            }
            if (rc != 0) {
                ctx.err().println("Command failed " + name + ":" + lineNo);
                status = 1;
                if (!force) {
                    break;
                }
            }
        }
        return status;
    }

    /** Runs the command; returns the exit status, or -1 when the command keeps running (ip monitor). */
    private int run(ToolContext ctx, List<String> args, StringBuilder out) {
        Options o = new Options();
        String batch = null;
        boolean force = false;
        List<String> options = new java.util.ArrayList<>(); // the global options, for each command of a batch
        int i = 0;
        while (i < args.size()) {
            int from = i;
            String opt = args.get(i);
            if (opt.equals("--")) {
                i++;
                break;
            }
            if (!opt.startsWith("-")) {
                break;
            }
            if (opt.startsWith("--")) {
                opt = opt.substring(1);
            }
            // ip.c main(): the options in its order, so that an abbreviation is the first that matches ("-h" is
            // -human, "-b" -batch, "-n" -netns, "-a" -all)
            if (Args.matches(opt, "-loops")) {
                if (++i >= args.size()) {
                    throw usage();
                }
            } else if (Args.matches(opt, "-family")) {
                if (++i >= args.size() || args.get(i).equals("help")) {
                    throw usage();
                }
                String f = args.get(i);
                o.family = switch (f) {
                    case "inet" -> 4;
                    case "inet6" -> 6;
                    case "link" -> 17;
                    default -> throw CommandExit.invarg("invalid protocol family", f);
                };
            } else if (opt.equals("-4")) {
                o.family = 4;
            } else if (opt.equals("-6")) {
                o.family = 6;
            } else if (opt.equals("-0")) {
                o.family = 17;
            } else if (Args.matches(opt, "-human") || Args.matches(opt, "-human-readable")
                    || Args.matches(opt, "-iec")) {
                // counters only: no effect on what this emulation prints
            } else if (Args.matches(opt, "-stats") || Args.matches(opt, "-statistics")) {
                o.stats++;
            } else if (Args.matches(opt, "-details")) {
                o.details++;
            } else if (Args.matches(opt, "-resolve")) {
                // no resolver answers reverse lookups in a lab
            } else if (Args.matches(opt, "-oneline")) {
                o.oneline = true;
            } else if (Args.matches(opt, "-timestamp")) {
                o.timestamp = true;
            } else if (Args.matches(opt, "-tshort")) {
                o.timestamp = true;
                o.tshort = true;
            } else if (Args.matches(opt, "-Version")) {
                out.append("ip utility, iproute2-6.1.0, libbpf 1.1.2\n");
                return 0;
            } else if (Args.matches(opt, "-force")) {
                force = true; // batch mode only: go on after a failed command
            } else if (Args.matches(opt, "-batch")) {
                if (++i >= args.size()) {
                    throw usage();
                }
                batch = args.get(i); // main(): read once every option is parsed
                i++;
                continue;
            } else if (Args.matches(opt, "-brief")) {
                o.brief = true;
            } else if (Args.matches(opt, "-json")) {
                o.json = true;
            } else if (Args.matches(opt, "-pretty")) {
                o.pretty = true;
            } else if (Args.matches(opt, "-rcvbuf")) {
                if (++i >= args.size()) {
                    throw usage();
                }
                if (Args.unsigned(args.get(i)) < 0) {
                    throw new CommandExit(255, "Invalid rcvbuf size '" + args.get(i) + "'");
                }
            } else if (matchesColor(opt)) {
                o.color = Color.enables(opt);
            } else if (Args.matches(opt, "-help")) {
                throw usage();
            } else if (Args.matches(opt, "-netns")) {
                if (++i >= args.size()) {
                    throw Args.incomplete();
                }
                // netns_switch(): a node, like a container, has no /run/netns of its own
                throw new CommandExit(255, "Cannot open network namespace \"" + args.get(i)
                        + "\": No such file or directory");
            } else if (Args.matches(opt, "-Numeric") || Args.matches(opt, "-all") || opt.equals("-echo")) {
                // -all: ip -all netns exec only
            } else {
                throw new CommandExit(255, "Option \"" + opt + "\" is unknown, try \"ip -help\".");
            }
            options.addAll(args.subList(from, i + 1));
            i++;
        }
        if (batch != null) {
            return batch(ctx, batch, options, force, out);
        }
        if (i >= args.size()) {
            throw usage();
        }
        String object = args.get(i);
        List<String> rest = args.subList(i + 1, args.size());
        String cmd = null;
        for (String c : OBJECTS) {
            if (Args.matches(object, c)) {
                cmd = c;
                break;
            }
        }
        if (cmd == null) {
            throw new CommandExit(1, "Object \"" + object + "\" is unknown, try \"ip help\".");
        }
        HostView view = new HostView(ctx);
        return switch (cmd) {
            case "address" -> new IpLink(ctx, view, o, out, false).run(new Args(rest));
            case "link" -> new IpLink(ctx, view, o, out, true).run(new Args(rest));
            case "route" -> new IpRoute(ctx, view, o, out).run(new Args(rest));
            case "neighbor", "neighbour" -> new IpNeigh(ctx, view, o, out).run(new Args(rest));
            case "ntable", "ntbl" -> new IpNtable(ctx, view, o, out).run(new Args(rest));
            case "maddress" -> new IpMaddr(ctx, view, o, out).run(new Args(rest));
            case "monitor" -> new IpMonitor(ctx, view, o).run(new Args(rest));
            case "help" -> throw usage();
            // iprule.c: a namespace's default rules (fib_default_rules_init(), IPv6 without "default"); arplab adds
            // none, so their listing, whole or by table, is all it has
            case "rule" -> {
                boolean listing = !rest.isEmpty()
                        && List.of("list", "lst", "show").stream().anyMatch(x -> Args.matches(rest.get(0), x));
                List<String> r = listing ? rest.subList(1, rest.size()) : rest;
                String table = null;
                if (r.size() == 2 && r.get(0).equals("table")) {
                    table = r.get(1);
                } else if (!r.isEmpty()) {
                    throw new CommandExit(1, "ip: object \"rule\" is not supported by this emulation");
                }
                Json j = o.newJson();
                long[][] rules = {{0, 255}, {32766, 254}, {32767, 253}}; // priority, table
                for (long[] rule : rules) {
                    String name = IpRoute.rtTableName(rule[1]);
                    if (o.family == 6 && rule[1] == 253
                            || table != null && !table.equals(name) && !table.equals(Long.toString(rule[1]))) {
                        continue;
                    }
                    if (j != null) {
                        j.startObject().field("priority", rule[0]).field("src", "all").field("table", name).endObject();
                    } else {
                        out.append(rule[0]).append(":\tfrom all lookup ").append(name).append('\n');
                    }
                }
                if (j != null) {
                    out.append(j.finish());
                }
                yield 0;
            }
            // iptunnel.c do_iptunnel(): a namespace has no tunnels of its own (no ip_gre/ipip/sit fallback devices)
            case "tunnel", "tunl" -> {
                String sub = rest.isEmpty() ? "show" : rest.get(0);
                if (Args.matches(sub, "help")) {
                    throw tunnelUsage();
                }
                if (!List.of("show", "lst", "list").stream().anyMatch(x -> Args.matches(sub, x))) {
                    if (List.of("add", "change", "delete", "prl", "6rd").stream().anyMatch(x -> Args.matches(sub, x))) {
                        throw new CommandExit(1, "ip: object \"tunnel\" is not supported by this emulation");
                    }
                    // do_iptunnel(): under -6 do_ip6tunnel() refuses it, in words of its own
                    throw new CommandExit(255, o.family == 6
                            ? "Command \"" + sub + "\" is unknown, try \"ip -f inet6 tunnel help\"."
                            : "Command \"" + sub + "\" is unknown, try \"ip tunnel help\"");
                }
                if (tunnelShow(ctx, new Args(rest.isEmpty() ? rest : rest.subList(1, rest.size()))) != 0) {
                    yield 1; // do_cmd(): !!ret
                }
                if (o.json) {
                    out.append(o.newJson().finish());
                }
                yield 0;
            }
            // ipfou.c do_ipfou()
            case "fou" -> throw genlFamilyMissing(rest, "Usage: ip fou add port PORT { ipproto PROTO  | gue }\n"
                    + "\t\t   [ local IFADDR ] [ peer IFADDR ]\n"
                    + "\t\t   [ peer_port PORT ] [ dev IFNAME ]\n"
                    + "       ip fou del port PORT [ local IFADDR ]\n"
                    + "\t\t   [ peer IFADDR ] [ peer_port PORT ]\n"
                    + "\t\t   [ dev IFNAME ]\n"
                    + "       ip fou show\n\n"
                    + "Where: PROTO { ipproto-name | 1..255 }\n"
                    + "       PORT { 1..65535 }\n"
                    + "       IFADDR { addr }");
            // ipl2tp.c do_ipl2tp()
            case "l2tp" -> throw genlFamilyMissing(rest, "Usage: ip l2tp add tunnel\n"
                    + "          remote ADDR local ADDR\n"
                    + "          tunnel_id ID peer_tunnel_id ID\n"
                    + "          [ encap { ip | udp } ]\n"
                    + "          [ udp_sport PORT ] [ udp_dport PORT ]\n"
                    + "          [ udp_csum { on | off } ]\n"
                    + "          [ udp6_csum_tx { on | off } ]\n"
                    + "          [ udp6_csum_rx { on | off } ]\n"
                    + "Usage: ip l2tp add session [ name NAME ]\n"
                    + "          tunnel_id ID\n"
                    + "          session_id ID peer_session_id ID\n"
                    + "          [ cookie HEXSTR ] [ peer_cookie HEXSTR ]\n"
                    + "          [ seq { none | send | recv | both } ]\n"
                    + "          [ l2spec_type L2SPEC ]\n"
                    + "       ip l2tp del tunnel tunnel_id ID\n"
                    + "       ip l2tp del session tunnel_id ID session_id ID\n"
                    + "       ip l2tp show tunnel [ tunnel_id ID ]\n"
                    + "       ip l2tp show session [ tunnel_id ID ] [ session_id ID ]\n\n"
                    + "Where: NAME   := STRING\n"
                    + "       ADDR   := { IP_ADDRESS | any }\n"
                    + "       PORT   := { 0..65535 }\n"
                    + "       ID     := { 1..4294967295 }\n"
                    + "       HEXSTR := { 8 or 16 hex digits (4 / 8 bytes) }\n"
                    + "       L2SPEC := { none | default }");
            // ipmacsec.c do_ipmacsec()
            case "macsec" -> throw genlFamilyMissing(rest,
                    "Usage: ip macsec add DEV tx sa { 0..3 } [ OPTS ] key ID KEY\n"
                    + "       ip macsec set DEV tx sa { 0..3 } [ OPTS ]\n"
                    + "       ip macsec del DEV tx sa { 0..3 }\n"
                    + "       ip macsec add DEV rx SCI [ on | off ]\n"
                    + "       ip macsec set DEV rx SCI [ on | off ]\n"
                    + "       ip macsec del DEV rx SCI\n"
                    + "       ip macsec add DEV rx SCI sa { 0..3 } [ OPTS ] key ID KEY\n"
                    + "       ip macsec set DEV rx SCI sa { 0..3 } [ OPTS ]\n"
                    + "       ip macsec del DEV rx SCI sa { 0..3 }\n"
                    + "       ip macsec show\n"
                    + "       ip macsec show DEV\n"
                    + "       ip macsec offload DEV [ off | phy | mac ]\n"
                    + "where  OPTS := [ pn <u32> | xpn <u64> ] [ salt SALT ] [ ssci <u32> ] [ on | off ]\n"
                    + "       ID   := 128-bit hex string\n"
                    + "       KEY  := 128-bit or 256-bit hex string\n"
                    + "       SCI  := { sci <u64> | port { 1..2^16-1 } address <lladdr> }\n"
                    + "       SALT := 96-bit hex string");
            // ipnexthop.c: a namespace starts without nexthop objects, so a listing prints none
            case "nexthop" -> {
                if (!rest.isEmpty() && !List.of("show", "list", "lst").stream().anyMatch(x -> Args.matches(rest.get(0), x))) {
                    throw new CommandExit(1, "ip: object \"nexthop\" is not supported by this emulation");
                }
                if (o.json) {
                    out.append(o.newJson().finish());
                }
                yield 0;
            }
            // xfrm.c do_xfrm(): its usage for anything but an object arplab does not emulate (no IPsec)
            case "xfrm" -> throw rest.isEmpty() || !List.of("state", "policy", "monitor").stream()
                    .anyMatch(x -> Args.matches(rest.get(0), x))
                    ? new CommandExit(255, "Usage: ip xfrm XFRM-OBJECT { COMMAND | help }\n"
                            + "where  XFRM-OBJECT := state | policy | monitor")
                    : new CommandExit(1, "ip: object \"xfrm\" is not supported by this emulation");
            case "sr" -> seg6(rest, o, out);
            // ipila.c do_ipila()
            case "ila" -> throw genlFamilyMissing(rest,
                    "Usage: ip ila add loc_match LOCATOR_MATCH loc LOCATOR [ dev DEV ] OPTIONS\n"
                    + "       ip ila del loc_match LOCATOR_MATCH [ loc LOCATOR ] [ dev DEV ]\n"
                    + "       ip ila list\n"
                    + "OPTIONS := [ csum-mode { adj-transport | neutral-map |\n"
                    + "                         neutral-map-auto | no-action } ]\n"
                    + "           [ ident-type { luid | use-format } ]");
            default -> throw new CommandExit(1, "ip: object \"" + cmd + "\" is not supported by this emulation");
        };
    }

    /**
     * The objects of a generic netlink family (fou, l2tp, macsec, ila): their usage without a command or for help,
     * else genl_init_handle() fails before the command is read, as no module provides the family.
     */
    private static CommandExit genlFamilyMissing(List<String> rest, String usage) {
        return rest.isEmpty() || Args.matches(rest.get(0), "help") ? new CommandExit(255, usage)
                : new CommandExit(1, "RTNETLINK answers: No such file or directory\nError talking to the kernel");
    }

    /**
     * iptunnel.c do_show(): parse_args() (keywords by strcmp(), any other word the tunnel's name, get_ifname()'s),
     * the medium device looked up; a mode or a name naming a kind asks that kind's fallback device (tnl_get_ioctl(),
     * which fails: there is none), else the listing of no tunnel. Non-zero for a failure already printed.
     */
    private static int tunnelShow(ToolContext ctx, Args a) {
        String name = null;
        String medium = null;
        boolean kind = false;
        String base = null;
        while (a.more()) {
            String w = a.peek();
            switch (w) {
                case "mode" -> {
                    String m = a.next();
                    base = switch (m) {
                        case "ipip", "ip/ip" -> "tunl0";
                        case "gre", "gre/ip" -> "gre0";
                        case "sit", "ipv6/ip", "isatap" -> "sit0";
                        case "vti" -> "ip_vti0";
                        default -> {
                            if (List.of("ipv6/ipv6", "ip6ip6", "ipip6", "ip/ipv6", "ip6gre", "gre/ipv6", "any/ipv6",
                                    "any", "vti6").contains(m)) {
                                throw new CommandExit(1, "ip: IPv6 tunnels are not supported by this emulation");
                            }
                            throw new CommandExit(255, "Unknown tunnel mode \"" + m + "\"");
                        }
                    };
                    kind = true;
                }
                case "key", "ikey", "okey" -> {
                    String k = a.next(); // tnl_parse_key()
                    if (k.contains(".")) {
                        tunnelAddr(k);
                    } else if (Args.unsigned(k) < 0) {
                        throw new CommandExit(255, "invalid value for \"" + w + "\": \"" + k
                                + "\"; it should be an unsigned integer");
                    }
                }
                case "seq", "iseq", "oseq", "csum", "icsum", "ocsum", "nopmtudisc", "pmtudisc" -> { }
                case "remote", "local" -> tunnelAddr(a.next());
                case "dev" -> medium = a.next();
                case "ttl", "hoplimit", "hlim" -> {
                    String v = a.next();
                    long t = Args.unsigned(v);
                    if (!v.equals("inherit") && (t < 0 || t > 255)) {
                        throw CommandExit.invarg("invalid TTL\n", v);
                    }
                }
                default -> {
                    if (w.equals("tos") || w.equals("tclass") || Args.matches(w, "dsfield")) {
                        String v = a.next();
                        int slash = v.indexOf('/');
                        String ds = slash >= 0 ? v.substring(slash + 1) : v.equals("inherit") ? null : v;
                        if (ds != null && IpRoute.dsfield(ds) < 0) {
                            throw CommandExit.invarg("bad TOS value", v);
                        }
                        break;
                    }
                    if (w.equals("name")) {
                        w = a.next();
                    } else if (Args.matches(w, "help")) {
                        throw tunnelUsage();
                    }
                    if (name != null) {
                        throw CommandExit.duparg2("name", w);
                    }
                    if (!Args.validIfname(w)) {
                        throw CommandExit.invarg("\"name\" not a valid ifname", w);
                    }
                    name = w;
                }
            }
            a.skip();
        }
        if (!kind && name != null) { // the kind a name starts with
            base = name.startsWith("gre") ? "gre0" : name.startsWith("ipip") ? "tunl0"
                    : name.startsWith("sit") || name.startsWith("isatap") ? "sit0"
                    : name.startsWith("vti") ? "ip_vti0" : null;
        }
        if (medium != null && ctx.stack().device(medium) == null) {
            ctx.err().println("Cannot find device \"" + medium + "\""); // nodev()
            return -1;
        }
        if (base != null) {
            ctx.err().println("get tunnel \"" + (name != null ? name : base) + "\" failed: No such device");
            return -1;
        }
        return 0;
    }

    /** iptunnel.c usage(): exit(-1). */
    private static CommandExit tunnelUsage() {
        return new CommandExit(255, "Usage: ip tunnel { add | change | del | show | prl | 6rd } [ NAME ]\n"
                + "        [ mode { gre | ipip | isatap | sit | vti } ]\n"
                + "        [ remote ADDR ] [ local ADDR ]\n"
                + "        [ [i|o]seq ] [ [i|o]key KEY ] [ [i|o]csum ]\n"
                + "        [ prl-default ADDR ] [ prl-nodefault ADDR ] [ prl-delete ADDR ]\n"
                + "        [ 6rd-prefix ADDR ] [ 6rd-relay_prefix ADDR ] [ 6rd-reset ]\n"
                + "        [ ttl TTL ] [ tos TOS ] [ [no]pmtudisc ] [ dev PHYS_DEV ]\n"
                + "\n"
                + "Where: NAME := STRING\n"
                + "       ADDR := { IP_ADDRESS | any }\n"
                + "       TOS  := { STRING | 00..ff | inherit | inherit/STRING | inherit/00..ff }\n"
                + "       TTL  := { 1..255 | inherit }\n"
                + "       KEY  := { DOTTED_QUAD | NUMBER }");
    }

    /** get_addr32(): an IPv4 address, else its error (exit 1). */
    private static void tunnelAddr(String w) {
        if (Args.parsePrefix(w) == null || w.contains("/")) { // "default", "all" and "any" too
            throw new CommandExit(1, "Error: an IP address is expected rather than \"" + w + "\"");
        }
    }

    /** ipseg6.c do_seg6(): a namespace's tunnel source is ::, its HMAC dump fails (ENOTSUPP, 524). */
    private static int seg6(List<String> rest, Options o, StringBuilder out) {
        Args a = new Args(rest);
        if (!a.more() || Args.matches(a.peek(), "help")) {
            throw new CommandExit(255, "Usage: ip sr { COMMAND | help }\n"
                    + "          ip sr hmac show\n"
                    + "          ip sr hmac set KEYID ALGO\n"
                    + "          ip sr tunsrc show\n"
                    + "          ip sr tunsrc set ADDRESS\n"
                    + "where  ALGO := { sha1 | sha256 }");
        }
        boolean hmac = Args.matches(a.peek(), "hmac");
        if (!hmac && !Args.matches(a.peek(), "tunsrc")) {
            throw CommandExit.invarg("unknown", a.peek());
        }
        String verb = a.next();
        if (Args.matches(verb, "set")) {
            throw new CommandExit(1, "ip: sr " + (hmac ? "hmac" : "tunsrc") + " set is not supported by this emulation");
        }
        if (!Args.matches(verb, "show")) {
            throw CommandExit.invarg("unknown", verb);
        }
        if (hmac) {
            throw new CommandExit(1, "RTNETLINK answers: Unknown error 524\nDump terminated");
        }
        if (o.json) {
            Json j = o.newJson();
            j.startObject().field("tunsrc", "::").endObject();
            out.append(j.finish());
        } else {
            out.append("tunsrc addr ::\n");
        }
        return 0;
    }

    /** color.c matches_color(): -c[olor][=always|auto|never]. */
    static boolean matchesColor(String opt) {
        int eq = opt.indexOf('=');
        String name = eq < 0 ? opt : opt.substring(0, eq);
        String value = eq < 0 ? "" : opt.substring(eq + 1);
        return Args.matches(name, "-color")
                && (value.isEmpty() || value.equals("always") || value.equals("auto") || value.equals("never"));
    }

    static CommandExit usage() {
        return new CommandExit(255, """
                Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
                       ip [ -force ] -batch filename
                where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                                   ntbl | route | rule | sr | tap | tcpmetrics |
                                   token | tunnel | tuntap | vrf | xfrm }
                       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                                    -4 | -6 | -M | -B | -0 |
                                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                                    -c[olor]}""");
    }
}
