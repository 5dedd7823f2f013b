package io.arplab.tools.iptables;

import io.arplab.tools.iptables.IptExtensions.Ext;
import io.arplab.tools.iptables.IptExtensions.Opt;
import io.arplab.wire.libc.NetDb;
import java.util.ArrayList;
import java.util.List;

/**
 * iptables 1.8.9's command line (xshared.c do_parse() over getopt_long() with IPT_OPTSTRING, opterr off): commands
 * and options in order, {@code !} before the option it inverts, extension options merged as their matches load (the
 * protocol's match on demand, command_default()), then the post-parse checks (ipv4_post_parse(),
 * generic_opt_check()).
 */
final class IptParse {
    // CMD_* (xshared.h), by bit; cmd2char()'s letters
    static final int INSERT = 1, DELETE = 2, DELETE_NUM = 4, REPLACE = 8, APPEND = 16, LIST = 32, FLUSH = 64,
            ZERO = 128, NEW_CHAIN = 256, DELETE_CHAIN = 512, SET_POLICY = 1024, RENAME_CHAIN = 2048,
            LIST_RULES = 4096, ZERO_NUM = 8192, CHECK = 16384;
    private static final char[] CMD_CHARS = {'I', 'D', 'D', 'R', 'A', 'L', 'F', 'Z', 'N', 'X', 'P', 'E', 'S', 'Z', 'C'};

    // OPT_* by bit, optflags[]'s letters
    static final int OPT_NUMERIC = 1, OPT_SOURCE = 2, OPT_DESTINATION = 4, OPT_PROTOCOL = 8, OPT_JUMP = 16,
            OPT_VERBOSE = 32, OPT_EXPANDED = 64, OPT_VIANAMEIN = 128, OPT_VIANAMEOUT = 256, OPT_LINENUMBERS = 512,
            OPT_COUNTERS = 1024, OPT_FRAGMENT = 2048;
    private static final char[] OPT_CHARS = {'n', 's', 'd', 'p', 'j', 'v', 'x', 'i', 'o', '0', 'c', 'f'};
    private static final int[] INVERTIBLE = {0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1};

    /** commands_v_options[][] (x: illegal, ' ': optional), columns -n -s -d -p -j -v -x -i -o --line -c -f. */
    private static final String[] LEGAL = {
        "x     x  x  ", "x     x  xx ", "xxxxx xxxxxx", "x     x  x  ", "x     x  x  ", " xxxx  xx xx",
        "xxxxx xxxxxx", "xxxxx xxxxxx", "xxxxx xxxxxx", "xxxxx xxxxxx", "xxxxx xxxx x", "xxxxx xxxxxx",
        "xxxxx xxxxxx", "xxxxx xxxxxx", "x     x  xx ",
    };

    /** The original_opts of xtables.c: long name, letter, has_arg (0 none, 1 required, 2 optional). */
    private static final Object[][] LONG_OPTS = {
        {"append", 'A', 1}, {"delete", 'D', 1}, {"check", 'C', 1}, {"insert", 'I', 1}, {"replace", 'R', 1},
        {"list", 'L', 2}, {"list-rules", 'S', 2}, {"flush", 'F', 2}, {"zero", 'Z', 2}, {"new-chain", 'N', 1},
        {"delete-chain", 'X', 2}, {"rename-chain", 'E', 1}, {"policy", 'P', 1}, {"source", 's', 1},
        {"destination", 'd', 1}, {"src", 's', 1}, {"dst", 'd', 1}, {"protocol", 'p', 1}, {"in-interface", 'i', 1},
        {"jump", 'j', 1}, {"table", 't', 1}, {"match", 'm', 1}, {"numeric", 'n', 0}, {"out-interface", 'o', 1},
        {"verbose", 'v', 0}, {"wait", 'w', 2}, {"wait-interval", 'W', 2}, {"exact", 'x', 0}, {"fragments", 'f', 0},
        {"version", 'V', 0}, {"help", 'h', 2}, {"line-numbers", '0', 0}, {"modprobe", 'M', 1},
        {"set-counters", 'c', 1}, {"goto", 'g', 1}, {"ipv4", '4', 0}, {"ipv6", '6', 0},
    };
    private static final String OPTSTRING = "A:C:D:E:F::I:L::M:N:P:VX::Z::c:d:i:j:o:p:s:t:R:S::W::46bfg:h::m:nvw::x";

    int command;
    String chain;
    int rulenum = 1;
    boolean rulenumGiven;
    String newname, policy;
    String table = "filter";
    int options;
    boolean invSrc, invDst, invProto, invIn, invOut, invFrag;
    String iniface, outiface, shost, dhost, protocol;
    int proto;
    boolean protoUsed, gotoSet, version;
    int verbose;
    final List<Ext> matches = new ArrayList<>();
    /** The matches and the target in the order they loaded. */
    private final List<Ext> loaded = new ArrayList<>();
    Ext target;
    String jumpto = "";
    /** What extensions printed to stderr before an error (notices). */
    final StringBuilder notices = new StringBuilder();

    private final List<String> argv;
    private int optind = 1;
    private int nextchar; // within a cluster of short options, 0 when none
    private String optarg;
    private boolean invert;

    IptParse(List<String> args) {
        argv = new ArrayList<>();
        argv.add("iptables");
        argv.addAll(args);
    }

    // a getopt_long() result: the letter, 1 for a non-option, '?' unknown, ':' missing argument, or an extension's
    private record Got(int c, Ext ext, Opt opt, String word) {}

    private Got getopt() {
        optarg = null;
        if (nextchar == 0) {
            if (optind >= argv.size()) {
                return null;
            }
            String a = argv.get(optind);
            if (a.equals("--")) {
                optind++;
                return optind < argv.size() ? nonOption() : null;
            }
            if (!a.startsWith("-") || a.length() == 1) {
                return nonOption();
            }
            if (a.startsWith("--")) {
                return longOption(a);
            }
            nextchar = 1;
        }
        String word = argv.get(optind);
        char c = word.charAt(nextchar++);
        int at = OPTSTRING.indexOf(c);
        boolean last = nextchar >= word.length();
        if (at < 0 || c == ':') {
            if (last) {
                optind++;
                nextchar = 0;
            }
            // do_parse() names argv[optind - 1]: before a cluster's last letter that is the word before it
            return new Got('?', null, null, argv.get(optind - 1));
        }
        boolean required = at + 1 < OPTSTRING.length() && OPTSTRING.charAt(at + 1) == ':';
        boolean optional = required && at + 2 < OPTSTRING.length() && OPTSTRING.charAt(at + 2) == ':';
        if (!required) {
            if (last) {
                optind++;
                nextchar = 0;
            }
            return new Got(c, null, null, word);
        }
        optind++;
        if (!last) {
            optarg = word.substring(nextchar);
        } else if (!optional) {
            if (optind >= argv.size()) {
                nextchar = 0;
                return new Got(':', null, null, word);
            }
            optarg = argv.get(optind++);
        }
        nextchar = 0;
        return new Got(c, null, null, word);
    }

    private Got nonOption() {
        optarg = argv.get(optind++);
        return new Got(1, null, null, optarg);
    }

    // --NAME[=VALUE]: an exact name, else a prefix of exactly one (ambiguous or unknown: '?')
    private Got longOption(String a) {
        optind++;
        int eq = a.indexOf('=');
        String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
        List<Object[]> found = new ArrayList<>();
        Object[] exact = null;
        for (Object[] o : allLongOptions()) {
            String n = (String) o[0];
            if (n.equals(name)) {
                exact = o;
                break;
            }
            if (n.startsWith(name)) {
                found.add(o);
            }
        }
        Object[] o = exact != null ? exact : found.size() == 1 ? found.get(0) : null;
        if (o == null && exact == null && !found.isEmpty() && found.stream().allMatch(x -> sameOption(x, found.get(0)))) {
            o = found.get(0);
        }
        if (o == null) {
            return new Got('?', null, null, a);
        }
        int hasArg = (int) o[2];
        if (eq >= 0) {
            if (hasArg == 0) {
                return new Got('?', null, null, a);
            }
            optarg = a.substring(eq + 1);
        } else if (hasArg == 1) {
            if (optind >= argv.size()) {
                return new Got(':', null, null, a);
            }
            optarg = argv.get(optind++);
        }
        return new Got(o[1] instanceof Character ch ? ch : 0, (Ext) o[3], (Opt) o[4], a);
    }

    // getopt_long() takes an abbreviation matching several entries of one option (the same flag and value)
    private static boolean sameOption(Object[] a, Object[] b) {
        return java.util.Objects.equals(a[1], b[1]) && a[3] == b[3] && a[4] == b[4];
    }

    // the option table: the original options, then each loaded extension's, the latest first (xtables_options_xfrm()
    // puts a new extension's entries right after the original ones)
    private List<Object[]> allLongOptions() {
        List<Object[]> all = new ArrayList<>();
        for (Object[] o : LONG_OPTS) {
            all.add(new Object[] {o[0], o[1], o[2], null, null});
        }
        for (int k = loaded.size() - 1; k >= 0; k--) {
            Ext e = loaded.get(k);
            for (Opt opt : e.opts) {
                all.add(new Object[] {opt.name(), null, opt.arg() ? 1 : 0, e, opt});
            }
        }
        return all;
    }

    /** do_parse(): throws IptError on bad input. */
    void parse() {
        for (Got g; (g = getopt()) != null; ) {
            if (g.ext() != null) {
                extensionOption(g);
                invert = false;
                continue;
            }
            switch (g.c()) {
                case 'A' -> addCommand(APPEND, 0, optarg);
                case 'C' -> addCommand(CHECK, 0, optarg);
                case 'D' -> {
                    addCommand(DELETE, 0, optarg);
                    if (hasArg()) {
                        rulenum = ruleNumber(argv.get(optind++));
                        command = DELETE_NUM;
                    }
                }
                case 'R' -> {
                    addCommand(REPLACE, 0, optarg);
                    if (!hasArg()) {
                        throw IptError.parameter("-R requires a rule number");
                    }
                    rulenum = ruleNumber(argv.get(optind++));
                }
                case 'I' -> {
                    addCommand(INSERT, 0, optarg);
                    rulenum = hasArg() ? ruleNumber(argv.get(optind++)) : 1;
                }
                case 'L', 'S' -> {
                    addCommand(g.c() == 'L' ? LIST : LIST_RULES, ZERO | ZERO_NUM, null);
                    optionalChain();
                    if (hasArg()) {
                        rulenum = ruleNumber(argv.get(optind++));
                        rulenumGiven = true;
                    }
                }
                case 'F' -> {
                    addCommand(FLUSH, 0, null);
                    optionalChain();
                }
                case 'Z' -> {
                    addCommand(ZERO, LIST | LIST_RULES, null);
                    optionalChain();
                    if (hasArg()) {
                        rulenum = ruleNumber(argv.get(optind++));
                        rulenumGiven = true;
                        command = command & ~ZERO | ZERO_NUM;
                    }
                }
                case 'N' -> {
                    validChainName(optarg);
                    addCommand(NEW_CHAIN, 0, optarg);
                }
                case 'X' -> {
                    addCommand(DELETE_CHAIN, 0, null);
                    optionalChain();
                }
                case 'E' -> {
                    addCommand(RENAME_CHAIN, 0, optarg);
                    if (!hasArg()) {
                        throw IptError.parameter("-E requires old-chain-name and new-chain-name");
                    }
                    newname = argv.get(optind++);
                }
                case 'P' -> {
                    addCommand(SET_POLICY, 0, optarg);
                    if (!hasArg()) {
                        throw IptError.parameter("-P requires a chain and a policy");
                    }
                    policy = argv.get(optind++);
                }
                case 'h' -> throw IptError.other("help is not available in arplab (see iptables(8))");
                case 'p' -> {
                    setOption(OPT_PROTOCOL);
                    invProto = invert;
                    protocol = optarg.toLowerCase(java.util.Locale.ROOT);
                    proto = parseProtocol(protocol);
                    if (proto == 0 && invProto) {
                        throw IptError.parameter("rule would never match protocol");
                    }
                }
                case 's' -> {
                    setOption(OPT_SOURCE);
                    invSrc = invert;
                    shost = optarg;
                }
                case 'd' -> {
                    setOption(OPT_DESTINATION);
                    invDst = invert;
                    dhost = optarg;
                }
                case 'g' -> {
                    setOption(OPT_JUMP);
                    gotoSet = true;
                    jumpto = targetName(optarg);
                }
                case 'j' -> {
                    setOption(OPT_JUMP);
                    jumpto = targetName(optarg);
                    if (IptExtensions.TARGETS.contains(jumpto)) {
                        target = new Ext(jumpto);
                        loaded.add(target);
                    }
                }
                case 'i', 'o' -> {
                    if (optarg.isEmpty()) {
                        throw IptError.parameter("Empty interface is likely to be undesired");
                    }
                    setOption(g.c() == 'i' ? OPT_VIANAMEIN : OPT_VIANAMEOUT);
                    if (optarg.length() + 1 > 16) {
                        throw IptError.parameter("interface name `" + optarg
                                + "' must be shorter than IFNAMSIZ (15)");
                    }
                    if (g.c() == 'i') {
                        iniface = optarg;
                        invIn = invert;
                    } else {
                        outiface = optarg;
                        invOut = invert;
                    }
                }
                case 'f' -> {
                    setOption(OPT_FRAGMENT);
                    invFrag = invert;
                }
                case 'v' -> {
                    if (verbose == 0) {
                        setOption(OPT_VERBOSE);
                    }
                    verbose++;
                }
                case 'm' -> {
                    if (invert) {
                        throw IptError.parameter("unexpected ! flag before --match");
                    }
                    if (!IptExtensions.MATCHES.contains(optarg)) {
                        throw IptError.parameter("Couldn't load match `" + optarg + "':No such file or directory\n");
                    }
                    matches.add(new Ext(optarg));
                    loaded.add(matches.get(matches.size() - 1));
                }
                case 'n' -> setOption(OPT_NUMERIC);
                case 't' -> {
                    if (invert) {
                        throw IptError.parameter("unexpected ! flag before --table");
                    }
                    table = optarg;
                }
                case 'x' -> setOption(OPT_EXPANDED);
                case 'V' -> {
                    version = true;
                    return;
                }
                case 'w', 'W', 'M', '4' -> { } // the xtables lock's wait, modprobe, -4: nothing to do here
                case '0' -> setOption(OPT_LINENUMBERS);
                case 'c' -> throw IptError.parameter("-c is not modelled by arplab");
                case '6' -> throw IptError.tryHelp("");
                case 1 -> {
                    if (optarg.equals("!")) {
                        if (invert) {
                            throw IptError.parameter("multiple consecutive ! not allowed");
                        }
                        invert = true;
                        continue;
                    }
                    throw IptError.tryHelp("Bad argument `" + optarg + "'\n");
                }
                default -> {
                    if (loadProto()) { // command_default(): the protocol's match, then the same word again
                        optind--;
                        nextchar = 0;
                        continue;
                    }
                    if (g.c() == ':') {
                        throw IptError.parameter("option \"" + g.word() + "\" requires an argument");
                    }
                    throw IptError.parameter("unknown option \"" + g.word() + "\"");
                }
            }
            invert = false;
        }
        for (Ext m : matches) {
            IptExtensions.finalCheck(m);
        }

        if (command == 0) {
            throw IptError.parameter("no command specified");
        }
        if (invert) {
            throw IptError.parameter("nothing appropriate following !");
        }
        genericOptCheck();
        if (chain != null && chain.length() >= 29) {
            throw IptError.parameter("chain name `" + chain + "' too long (must be under 29 chars)");
        }
        if ((command & (APPEND | DELETE | DELETE_NUM | CHECK | INSERT | REPLACE)) != 0 && command != DELETE_NUM) {
            if ((chain.equals("PREROUTING") || chain.equals("INPUT")) && (options & OPT_VIANAMEOUT) != 0) {
                throw IptError.parameter("Can't use -o with " + chain + "\n");
            }
            if ((chain.equals("POSTROUTING") || chain.equals("OUTPUT")) && (options & OPT_VIANAMEIN) != 0) {
                throw IptError.parameter("Can't use -i with " + chain + "\n");
            }
        }
    }

    // an extension's own option: given to its parser (xtables_option_mpcall()), which checks inversion
    private void extensionOption(Got g) {
        Opt o = g.opt();
        if (invert && !o.invertible()) {
            throw IptError.parameter(g.ext().name + ": option \"--" + o.name() + "\" cannot be inverted.\n");
        }
        String next = optind < argv.size() ? argv.get(optind) : null;
        optind += IptExtensions.parse(g.ext(), o, optarg, next, invert, proto, invProto);
    }

    // load_proto(): the protocol's match, once, when it is an extension arplab has
    private boolean loadProto() {
        if (protocol == null || protoUsed) {
            return false;
        }
        String name = protoName();
        if (name == null || !List.of("tcp", "udp", "icmp").contains(name)) {
            return false;
        }
        protoUsed = true;
        matches.add(new Ext(name));
        loaded.add(matches.get(matches.size() - 1));
        return true;
    }

    // find_proto(): a number names its protocol (chain_protos first, then /etc/protocols unless -n)
    private String protoName() {
        long n = Iptables.strtoui(protocol, 0, 255);
        return n >= 0 ? Iptables.protoName((int) n, (options & OPT_NUMERIC) != 0) : protocol;
    }

    private void addCommand(int cmd, int others, String chainArg) {
        if (invert) {
            throw IptError.parameter("unexpected '!' flag");
        }
        if ((command & ~others) != 0) {
            throw IptError.parameter("Cannot use -" + cmdChar(cmd) + " with -" + cmdChar(command & ~others));
        }
        command |= cmd;
        if (chainArg != null) {
            chain = chainArg;
        }
    }

    private static char cmdChar(int cmd) {
        int i = 0;
        for (; cmd > 1; cmd >>= 1) {
            i++;
        }
        return CMD_CHARS[i];
    }

    private void optionalChain() {
        if (optarg != null) {
            chain = optarg;
        } else if (hasArg()) {
            chain = argv.get(optind++);
        }
    }

    // xs_has_arg(): a next word that is no option and no "!"
    private boolean hasArg() {
        return optind < argv.size() && !argv.get(optind).startsWith("-") && !argv.get(optind).startsWith("!");
    }

    private static int ruleNumber(String s) {
        long n = Iptables.strtoui(s, 1, Integer.MAX_VALUE);
        if (n < 0) {
            throw IptError.parameter("Invalid rule number `" + s + "'");
        }
        return (int) n;
    }

    private void setOption(int option) {
        if ((options & option) != 0) {
            throw IptError.parameter("multiple -" + optChar(option) + " flags not allowed");
        }
        options |= option;
        if (invert && INVERTIBLE[Integer.numberOfTrailingZeros(option)] == 0) {
            throw IptError.parameter("cannot have ! before -" + optChar(option));
        }
    }

    private static char optChar(int option) {
        return OPT_CHARS[Integer.numberOfTrailingZeros(option)];
    }

    // generic_opt_check(): an option is legal when some command given allows it
    private void genericOptCheck() {
        for (int i = 0; i < OPT_CHARS.length; i++) {
            int legal = 0;
            for (int j = 0; j < LEGAL.length; j++) {
                if ((command & 1 << j) == 0 || (options & 1 << i) == 0) {
                    continue;
                }
                if (LEGAL[j].charAt(i) != 'x') {
                    legal = 1;
                } else if (legal == 0) {
                    legal = -1;
                }
            }
            if (legal == -1) {
                throw IptError.parameter("Illegal option `-" + OPT_CHARS[i] + "' with this command");
            }
        }
    }

    // assert_valid_chain_name()
    private static void validChainName(String name) {
        if (name.length() >= 29) {
            throw IptError.parameter("chain name `" + name + "' too long (must be under 29 chars)");
        }
        if (name.startsWith("-") || name.startsWith("!")) {
            throw IptError.parameter("chain name not allowed to start with `" + name.charAt(0) + "'");
        }
        if (IptExtensions.TARGETS.contains(name)) {
            throw IptError.parameter("chain name may not clash with target name");
        }
        if (name.chars().anyMatch(Character::isWhitespace)) {
            throw IptError.parameter("Invalid chain name `" + name + "'");
        }
    }

    // xt_parse_target()
    private static String targetName(String name) {
        if (name.isEmpty()) {
            throw IptError.parameter("Invalid target name (too short)");
        }
        if (name.length() >= 29) {
            throw IptError.parameter("Invalid target name `" + name + "' (28 chars max)");
        }
        if (name.chars().anyMatch(Character::isWhitespace)) {
            throw IptError.parameter("Invalid target name `" + name + "'");
        }
        return name;
    }

    // xtables_parse_protocol(): a number 0..255, a name of chain_protos or /etc/protocols
    private static int parseProtocol(String s) {
        long n = Iptables.strtoui(s, 0, 255);
        if (n >= 0) {
            return (int) n;
        }
        if (s.equals("all")) {
            return 0;
        }
        int p = NetDb.protocolNumber(s);
        if (p < 0) {
            for (String[] cp : Iptables.CHAIN_PROTOS) {
                if (cp[0].equals(s)) {
                    return Integer.parseInt(cp[1]);
                }
            }
            throw IptError.parameter("unknown protocol \"" + s + "\" specified");
        }
        return p;
    }
}
