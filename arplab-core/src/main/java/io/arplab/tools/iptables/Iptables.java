package io.arplab.tools.iptables;

import io.arplab.stack.Xtables;
import io.arplab.stack.Xtables.Chain;
import io.arplab.stack.Xtables.Rule;
import io.arplab.stack.Xtables.Spec;
import io.arplab.tools.InetAton;
import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import io.arplab.tools.iptables.IptExtensions.Ext;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.libc.NetDb;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code iptables} as Debian 12 ships it (iptables v1.8.9 (nf_tables), xtables.c do_commandx()) over the node's
 * filter table ({@code stack.Xtables}): append, insert, replace, delete (by rule or number), check, list ({@code -L}
 * with -n -v -x --line-numbers), list rules ({@code -S}), flush, zero, new, delete and rename chains, policies; the
 * matches of {@link IptExtensions}. iptables-nft's ways are kept: a built-in chain exists once written to, its policy
 * counts only once set, user chains list sorted by name. The nat table is a second {@code stack.Xtables} whose
 * built-in chains are nat chains at their hooks (SNAT, DNAT, MASQUERADE, REDIRECT: {@link IptNat}). The mangle, raw
 * and security tables list their empty built-in chains; rules in them are not modelled (a one-line error says so).
 */
public final class Iptables implements Tool {
    /** xtables_chain_protos[]: the names iptables gives protocols before /etc/protocols. */
    static final String[][] CHAIN_PROTOS = {{"tcp", "6"}, {"sctp", "132"}, {"udp", "17"}, {"udplite", "136"},
        {"icmp", "1"}, {"ipv6-icmp", "58"}, {"icmpv6", "58"}, {"esp", "50"}, {"ah", "51"}, {"mobility-header", "135"},
        {"ipv6-mh", "135"}, {"mh", "135"}, {"all", "0"}};

    /** nft_table_builtin_find(): the tables iptables knows and their built-in chains. */
    private static final java.util.Map<String, List<String>> TABLES = java.util.Map.of("filter", Xtables.BUILTIN,
            "nat", Xtables.NAT,
            "mangle", List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"),
            "raw", List.of("PREROUTING", "OUTPUT"), "security", List.of("INPUT", "FORWARD", "OUTPUT"));

    @Override
    public void start(ToolContext ctx, List<String> args) {
        StringBuilder out = new StringBuilder();
        int code;
        try {
            code = run(ctx, args, out);
        } catch (IptError e) {
            ctx.out().print(out);
            ctx.err().print(e.text);
            ctx.exit(e.status);
            return;
        }
        ctx.out().print(out);
        ctx.exit(code);
    }

    private int run(ToolContext ctx, List<String> args, StringBuilder out) {
        IptParse p = new IptParse(args);
        p.parse();
        if (p.version) {
            out.append("iptables v1.8.9 (nf_tables)\n");
            return 0;
        }
        if (!TABLES.containsKey(p.table)) {
            throw IptError.version("table '" + p.table + "' does not exist");
        }
        boolean rule = (p.command & (IptParse.APPEND | IptParse.DELETE | IptParse.CHECK | IptParse.INSERT
                | IptParse.REPLACE)) != 0;
        int[][] src = rule ? addresses(ctx, p.shost == null ? "0.0.0.0/0" : p.shost) : null;
        int[][] dst = rule ? addresses(ctx, p.dhost == null ? "0.0.0.0/0" : p.dhost) : null;
        if (rule && (src.length > 1 || dst.length > 1) && (p.invSrc || p.invDst)) {
            throw IptError.parameter("! not allowed with multiple source or destination IP addresses");
        }
        if (p.command == IptParse.REPLACE && (src.length != 1 || dst.length != 1)) {
            throw IptError.parameter("Replacement rule does not specify a unique address");
        }
        if (!p.table.equals("filter") && !p.table.equals("nat")) {
            return otherTable(p, out);
        }
        Xtables xt = p.table.equals("nat") ? ctx.stack().xtablesNat() : ctx.stack().xtables();
        IptablesList list = new IptablesList(xt, p.table, out, a -> ctx.resolver().reverse(Ipv4Address.of(a)));
        int code = switch (p.command) {
            case IptParse.APPEND, IptParse.INSERT, IptParse.DELETE, IptParse.CHECK, IptParse.REPLACE ->
                    rules(xt, p, src, dst, out);
            case IptParse.DELETE_NUM -> deleteNum(xt, p, out);
            case IptParse.FLUSH -> flush(xt, p, out);
            case IptParse.ZERO -> zero(xt, p.chain, p.verbose > 0, out);
            case IptParse.ZERO_NUM -> zeroNum(xt, p);
            case IptParse.NEW_CHAIN -> newChain(xt, p.chain);
            case IptParse.DELETE_CHAIN -> deleteChain(xt, p, out);
            case IptParse.RENAME_CHAIN -> rename(xt, p.chain, p.newname);
            case IptParse.SET_POLICY -> policy(xt, p.chain, p.policy);
            default -> {
                if ((p.command & IptParse.LIST) != 0) {
                    list.list(p.chain, p.rulenumGiven ? p.rulenum : 0, format(p));
                } else {
                    list.save(p.chain, p.rulenumGiven && (p.command & IptParse.ZERO_NUM) == 0 ? p.rulenum : 0,
                            p.verbose > 0);
                }
                if ((p.command & IptParse.ZERO) != 0) {
                    listedZero(xt, p.chain, p.verbose > 0, out);
                } else if ((p.command & IptParse.ZERO_NUM) != 0) {
                    zeroNum(xt, p);
                }
                yield 0;
            }
        };
        ctx.stack().xtablesChanged();
        return code;
    }

    /** The built-in chains of the table iptables knows as {@code table}, or null. */
    static List<String> builtinChains(String table) {
        return TABLES.get(table);
    }

    // the listing's format flags (list_entries())
    private static int format(IptParse p) {
        int f = IptablesList.FMT_OPTIONS;
        f |= (p.options & IptParse.OPT_VERBOSE) == 0 ? IptablesList.FMT_NOCOUNTS : IptablesList.FMT_VIA;
        if ((p.options & IptParse.OPT_NUMERIC) != 0) {
            f |= IptablesList.FMT_NUMERIC;
        }
        if ((p.options & IptParse.OPT_EXPANDED) == 0) {
            f |= IptablesList.FMT_KILOMEGAGIGA;
        }
        if ((p.options & IptParse.OPT_LINENUMBERS) != 0) {
            f |= IptablesList.FMT_LINENUMBERS;
        }
        return f;
    }

    // the other tables: their built-in chains listed empty (iptables-nft fakes them); rules not modelled
    private static int otherTable(IptParse p, StringBuilder out) {
        List<String> chains = TABLES.get(p.table);
        if ((p.command & (IptParse.LIST | IptParse.LIST_RULES)) == 0) {
            throw IptError.other("the " + p.table + " table is not modelled by arplab (only filter)");
        }
        if (p.chain != null && !chains.contains(p.chain)) {
            throw IptError.other("chain `" + p.chain + "' in table `" + p.table + "' is incompatible, use 'nft' tool.");
        }
        boolean first = true;
        for (String c : chains) {
            if (p.chain != null && !p.chain.equals(c)) {
                continue;
            }
            if ((p.command & IptParse.LIST) != 0) {
                if (!first) {
                    out.append('\n');
                }
                IptablesList.header(out, format(p), c, "ACCEPT", 0, 0, 0);
            } else {
                out.append("-P ").append(c).append(" ACCEPT").append(p.verbose > 0 ? " -c 0 0" : "").append('\n');
            }
            first = false;
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------ rule commands

    private int rules(Xtables xt, IptParse p, int[][] src, int[][] dst, StringBuilder out) {
        Xtables.Target target = target(xt, p);
        List<Xtables.Match> matches = new ArrayList<>();
        for (Ext m : p.matches) {
            boolean tcp = m.name.equals("tcp");
            if ((tcp || m.name.equals("udp")) && !IptExtensions.allZero(m) && p.proto != (tcp ? 6 : 17)) {
                // add_nft_tcp() / add_nft_udp(): a match with ports or flags needs its protocol
                throw IptError.parameter((tcp ? "TCP" : "UDP") + " match requires '-p " + m.name + "'");
            }
            matches.add(IptExtensions.match(m));
        }
        List<Spec> specs = new ArrayList<>();
        for (int[] s : src) {
            for (int[] d : dst) {
                specs.add(new Spec(anyIface(p.iniface, p.invIn), p.invIn, anyIface(p.outiface, p.invOut), p.invOut,
                        s[0], s[1], p.invSrc, d[0], d[1],
                        p.invDst, p.proto, p.invProto, (p.options & IptParse.OPT_FRAGMENT) != 0, p.invFrag,
                        List.copyOf(matches), target));
            }
        }
        Chain c = xt.find(p.chain);
        boolean builtin = xt.builtin(p.chain);
        String verb = switch (p.command) {
            case IptParse.APPEND -> "RULE_APPEND";
            case IptParse.INSERT -> "RULE_INSERT";
            default -> "RULE_REPLACE";
        };
        // the kernel's checks of the batch (reject_tg_check(), xt_check_match()), after the tool's own
        boolean invalid = target instanceof Xtables.Reject r && r == Xtables.Reject.TCP_RESET
                && (p.proto != 6 || p.invProto);
        for (Ext m : p.matches) {
            invalid |= !IptExtensions.kernelAccepts(m, p.proto, p.invProto);
        }
        invalid |= !fits(xt, p.table, hookMask(xt, p.chain, 0), target, matches, 0);
        // add_addr(): a negated /0 prefix compares zero bytes of the address, which the kernel refuses
        for (Spec s : specs) {
            invalid |= s.notSrc() && s.srcMask() == 0 || s.notDst() && s.dstMask() == 0;
        }
        if (!invalid || (p.command & (IptParse.APPEND | IptParse.INSERT | IptParse.REPLACE)) == 0) {
            verb = null;
        }
        switch (p.command) {
            case IptParse.APPEND, IptParse.INSERT -> {
                if (c == null) {
                    throw IptError.kernel("No chain/target/match by that name");
                }
                int at = p.command == IptParse.APPEND ? -1 : p.rulenum - 1;
                if (at > (c.present() ? c.rules().size() : 0)) {
                    throw IptError.kernel("Index of insertion too big");
                }
                for (Spec s : specs) {
                    verbose(p, s, out);
                }
                // nft_rule_insert(): a position just past the last rule appends
                refuse(verb != null && at > 0 && at == c.rules().size() ? "RULE_APPEND" : verb, p.chain);
                c = xt.chain(p.chain);
                for (Spec s : specs) {
                    c.rules().add(at < 0 ? c.rules().size() : at, new Rule(s));
                }
            }
            case IptParse.REPLACE -> {
                if (c == null || builtin && !c.present()) {
                    throw IptError.kernel("No chain/target/match by that name");
                }
                if (p.rulenum > c.rules().size()) {
                    throw IptError.kernel("Index of replacement too big");
                }
                verbose(p, specs.get(0), out);
                refuse(verb, p.chain);
                c.rules().set(p.rulenum - 1, new Rule(specs.get(0)));
            }
            default -> { // DELETE, CHECK: the first rule of the same spec
                for (Spec s : specs) {
                    int i = c == null ? -1 : indexOf(c, s);
                    if (i < 0) {
                        throw IptError.kernel("Bad rule (does a matching rule exist in that chain?)");
                    }
                    verbose(p, s, out);
                    if (p.command == IptParse.DELETE) {
                        c.rules().remove(i);
                    }
                }
            }
        }
        return 0;
    }

    // add_iface(): a lone "+" compares nothing (the rule keeps no interface) unless negated
    private static String anyIface(String iface, boolean inverted) {
        return "+".equals(iface) && !inverted ? null : iface;
    }

    // a batch the kernel refuses ({@code verb} null: none)
    private static void refuse(String verb, String chain) {
        if (verb != null) {
            throw IptError.batch(verb + " failed (Invalid argument): rule in chain " + chain);
        }
    }

    // -v: each rule as print_firewall_line() shows it (FMT_PRINT_RULE, no table)
    private static void verbose(IptParse p, Spec s, StringBuilder out) {
        if (p.verbose > 0) {
            IptablesList.rule(out, s, 0, 0, 0, IptablesList.FMT_PRINT_RULE, p.jumpto, a -> null);
        }
    }

    private static int indexOf(Chain c, Spec s) {
        for (int i = 0; i < c.rules().size(); i++) {
            if (c.rules().get(i).spec().equals(s)) {
                return i;
            }
        }
        return -1;
    }

    /** The hook numbers of the built-in chains (NF_INET_PRE_ROUTING ... NF_INET_POST_ROUTING). */
    private static final List<String> HOOKS = List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");

    // the hooks (1 << hook) whose built-in chains reach {@code chain} through jumps and gotos
    private static int hookMask(Xtables xt, String chain, int depth) {
        if (xt.builtin(chain)) {
            return 1 << HOOKS.indexOf(chain);
        }
        int mask = 0;
        for (String from : present(xt)) {
            for (Rule r : xt.find(from).rules()) {
                if (depth < 64 && r.spec().target() instanceof Xtables.Jump j && j.chain().equals(chain)) {
                    mask |= hookMask(xt, from, depth + 1);
                }
            }
        }
        return mask;
    }

    /**
     * xt_check_target() and xt_check_match() as nft_compat runs them for the table and, through nft_chain_validate()
     * of the table after the change, for every hook that reaches the rule: a target of another table (the nat
     * targets' "nat", REJECT's "filter") or of other hooks, an addrtype device limit of the wrong side, refused with
     * EINVAL; a jump carries the hooks into its chain.
     */
    private static boolean fits(Xtables xt, String table, int hooks, Xtables.Target target,
                                List<Xtables.Match> matches, int depth) {
        for (Xtables.Match m : matches) {
            if (m instanceof Xtables.Addrtype a && !IptAddrtype.kernelAccepts(a, hooks)) {
                return false;
            }
        }
        if (target instanceof Xtables.Nat n) {
            return table.equals("nat") && (hooks & ~n.hooks()) == 0;
        }
        if (target instanceof Xtables.Reject) { // reject_tg_reg: table "filter"; NF_INET_LOCAL_IN, FORWARD, LOCAL_OUT
            return table.equals("filter") && (hooks & ~(1 << 1 | 1 << 2 | 1 << 3)) == 0;
        }
        if (target instanceof Xtables.Jump j && hooks != 0 && depth < 64 && xt.find(j.chain()) != null) {
            for (Rule r : xt.find(j.chain()).rules()) {
                if (!fits(xt, table, hooks, r.spec().target(), r.spec().matches(), depth + 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    // the rule's target: a standard verdict, an extension, or a chain (which must exist: nft_prepare())
    private static Xtables.Target target(Xtables xt, IptParse p) {
        if (p.target != null) {
            Ext t = p.target;
            return switch (t.name) {
                case "ACCEPT" -> Xtables.Verdict.ACCEPT;
                case "DROP" -> Xtables.Verdict.DROP;
                case "RETURN" -> Xtables.Verdict.RETURN;
                case "REJECT" -> t.with;
                case "LOG" -> new Xtables.Log(t.logLevel, t.logPrefix, t.logFlags);
                case "SNAT", "DNAT", "MASQUERADE", "REDIRECT" -> IptNat.target(t);
                case "MARK" -> IptMark.target(t);
                default -> throw IptError.other("the " + t.name + " target is not modelled by arplab");
            };
        }
        if (p.jumpto.isEmpty()) {
            return null;
        }
        if (xt.find(p.jumpto) == null || xt.builtin(p.jumpto)) {
            throw IptError.parameter("Chain '" + p.jumpto + "' does not exist");
        }
        return new Xtables.Jump(p.jumpto, p.gotoSet);
    }

    private static int deleteNum(Xtables xt, IptParse p, StringBuilder out) {
        Chain c = xt.find(p.chain);
        if (c == null || !c.present()) {
            throw IptError.kernel("No chain/target/match by that name");
        }
        if (p.rulenum > c.rules().size()) {
            throw IptError.kernel("Index of deletion too big");
        }
        c.rules().remove(p.rulenum - 1);
        return 0;
    }

    // ------------------------------------------------------------------------------------ chain commands

    private static int flush(Xtables xt, IptParse p, StringBuilder out) {
        if (p.chain != null) {
            Chain c = xt.find(p.chain);
            if (c == null) {
                throw IptError.kernel("No chain/target/match by that name");
            }
            if (xt.builtin(p.chain)) {
                c = xt.chain(p.chain); // nft_rule_flush(): nft_xt_builtin_init() makes the named built-in chain
            }
            if (p.verbose > 0) {
                out.append("Flushing chain `").append(p.chain).append("'\n");
            }
            c.rules().clear();
            return 0;
        }
        for (String name : present(xt)) {
            if (p.verbose > 0) {
                out.append("Flushing chain `").append(name).append("'\n");
            }
            xt.find(name).rules().clear();
        }
        return 0;
    }

    private static int zero(Xtables xt, String chain, boolean verbose, StringBuilder out) {
        if (chain != null) {
            Chain c = xt.find(chain);
            if (c == null || xt.builtin(chain) && !c.present()) { // nft_chain_find(): ENOENT
                throw IptError.kernel("No chain/target/match by that name");
            }
            if (verbose) {
                out.append("Zeroing chain `").append(chain).append("'\n");
            }
            c.zero();
            return 0;
        }
        for (String name : present(xt)) {
            if (verbose) {
                out.append("Zeroing chain `").append(name).append("'\n");
            }
            xt.find(name).zero();
        }
        return 0;
    }

    /**
     * -Z with -L or -S: the listing put the built-in chains not made in the cache as fakes
     * (nft_xt_fake_builtin_chains()), so each is zeroed (__nft_chain_zero_counters(): a NEWCHAIN, which makes it);
     * with no table the batch fails on the first of them.
     */
    private static void listedZero(Xtables xt, String chain, boolean verbose, StringBuilder out) {
        List<String> names = new ArrayList<>();
        if (chain != null) {
            names.add(chain);
        } else {
            names.addAll(xt.builtins());
            names.addAll(xt.userChains().keySet());
        }
        for (String name : names) {
            if (verbose) {
                out.append("Zeroing chain `").append(name).append("'\n");
            }
        }
        if (!xt.tableMade()) {
            throw IptError.batch("CHAIN_ZERO failed (No such file or directory): chain " + names.get(0));
        }
        for (String name : names) {
            (xt.builtin(name) ? xt.chain(name) : xt.find(name)).zero();
        }
    }

    /**
     * nft_rule_zero_counters(): a rule number past the end zeroes nothing; a missing chain fails with the errno the
     * process left (nft_strerror() under nft_rule_delete). The cache asked for the table's built-in chains and this
     * one, a GETCHAIN each in strcmp() order (cache_chain_list_insert()), and libmnl's mnl_cb_error() sets errno from
     * each answer, an ACK's 0 too: ENOENT ("Bad rule") when the last of them is missing, else 0 ("Incompatible with
     * this kernel").
     */
    private static int zeroNum(Xtables xt, IptParse p) {
        Chain c = xt.find(p.chain);
        if (c == null || xt.builtin(p.chain) && !c.present()) {
            java.util.TreeSet<String> asked = new java.util.TreeSet<>(xt.builtins());
            asked.add(p.chain);
            Chain last = xt.find(asked.last());
            boolean found = xt.tableMade() && last != null && (!xt.builtin(asked.last()) || last.present());
            throw IptError.kernel(found ? "Incompatible with this kernel"
                    : "Bad rule (does a matching rule exist in that chain?)");
        }
        if (p.rulenum <= c.rules().size()) {
            c.rules().get(p.rulenum - 1).zero();
        }
        return 0;
    }

    // the chains in the kernel, built-in ones first, then user chains by name
    private static List<String> present(Xtables xt) {
        List<String> names = new ArrayList<>();
        for (String b : xt.builtins()) {
            if (xt.find(b).present()) {
                names.add(b);
            }
        }
        names.addAll(xt.userChains().keySet());
        return names;
    }

    private static int newChain(Xtables xt, String name) {
        if (xt.find(name) != null && (!xt.builtin(name) || xt.find(name).present())) {
            throw IptError.kernel("Chain already exists");
        }
        if (xt.builtin(name)) {
            throw IptError.kernel("Chain already exists");
        }
        xt.chain(name);
        return 0;
    }

    // nft_chain_user_del(): a chain in use is busy; a built-in one goes when empty with policy ACCEPT
    private static int deleteChain(Xtables xt, IptParse p, StringBuilder out) {
        if (p.chain != null) {
            Chain c = xt.find(p.chain);
            if (c == null) {
                throw IptError.kernel("No chain/target/match by that name");
            }
            if (xt.builtin(p.chain)) {
                if (!c.present()) { // nft_chain_user_del(): nft_chain_find() found none
                    throw IptError.kernel("No chain/target/match by that name");
                }
                if (c.policy() != Xtables.Verdict.ACCEPT) {
                    throw IptError.kernel("Directory not empty");
                }
            }
            if (!c.rules().isEmpty() || xt.references(p.chain) > 0) {
                throw IptError.batch("CHAIN_DEL failed (Device or resource busy): chain " + p.chain);
            }
            if (p.verbose > 0) {
                out.append("Deleting chain `").append(p.chain).append("'\n");
            }
            xt.remove(p.chain);
            return 0;
        }
        List<String> doomed = new ArrayList<>();
        for (String name : present(xt)) {
            Chain c = xt.find(name);
            if (xt.builtin(name)) {
                if (c.rules().isEmpty() && c.policy() == Xtables.Verdict.ACCEPT) {
                    doomed.add(name);
                }
                continue;
            }
            if (!c.rules().isEmpty() || xt.references(name) > 0) {
                throw IptError.batch("CHAIN_DEL failed (Device or resource busy): chain " + name);
            }
            doomed.add(name);
        }
        for (String name : doomed) {
            if (p.verbose > 0 && !xt.builtin(name)) {
                out.append("Deleting chain `").append(name).append("'\n");
            }
            xt.remove(name);
        }
        return 0;
    }

    private static int rename(Xtables xt, String from, String to) {
        if (xt.find(to) != null && (!xt.builtin(to) || xt.find(to).present())) {
            throw IptError.kernel("File exists");
        }
        Chain c = xt.find(from);
        if (c == null || xt.builtin(from)) { // nft_chain_user_rename(): nft_chain_find()
            throw IptError.kernel(c == null || !c.present() ? "No chain/target/match by that name"
                    : "Renaming a built-in chain is not modelled by arplab");
        }
        xt.rename(from, to);
        return 0;
    }

    private static int policy(Xtables xt, String chain, String policy) {
        if (!xt.builtin(chain)) {
            throw IptError.kernel("Bad built-in chain name");
        }
        if (!policy.equals("ACCEPT") && !policy.equals("DROP")) {
            throw IptError.kernel("Bad policy name. Run `dmesg' for more information");
        }
        xt.policy(chain, Xtables.Verdict.valueOf(policy));
        return 0;
    }

    // ------------------------------------------------------------------------------------ helpers

    /**
     * xtables_ipparse_multiple(): comma-separated hosts, each ADDRESS[/MASK] (a prefix length or a dotted mask), the
     * address masked; each an {address, mask} pair.
     */
    private static int[][] addresses(ToolContext ctx, String spec) {
        List<int[]> r = new ArrayList<>();
        for (String one : spec.split(",", -1)) {
            int slash = one.indexOf('/');
            String host = slash < 0 ? one : one.substring(0, slash);
            int mask = -1;
            if (slash >= 0) {
                String m = one.substring(slash + 1);
                Ipv4Address dotted = m.indexOf('.') >= 0 ? numeric(m) : null;
                if (dotted != null) {
                    mask = dotted.bits();
                } else {
                    long len = strtoui(m, 0, 32);
                    if (len < 0) {
                        throw IptError.parameter("invalid mask `" + m + "' specified");
                    }
                    mask = len == 0 ? 0 : -1 << (32 - len);
                }
            }
            Ipv4Address a = numeric(host);
            if (a == null) {
                a = host.isEmpty() ? null : InetAton.resolve(host, ctx.resolver());
            }
            if (a == null) {
                throw IptError.parameter("host/network `" + host + "' not found");
            }
            r.add(new int[] {a.bits() & mask, mask});
        }
        return r.toArray(new int[0][]);
    }

    // xtables_numeric_to_ipaddr(): four parts, each strtoui() base 0 up to 255
    private static Ipv4Address numeric(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int v = 0;
        for (String part : parts) {
            long b = strtoui(part, 0, 255);
            if (b < 0) {
                return null;
            }
            v = v << 8 | (int) b;
        }
        return Ipv4Address.of(v);
    }

    /** xtables_strtoui(): the whole of {@code s} a number (strtoul() base 0) in [min, max], else -1. */
    static long strtoui(String s, long min, long max) {
        int[] res = new int[1];
        int end = strtouiEnd(s, 0, min, max, res, 0);
        return end == s.length() && end > 0 ? res[0] & 0xFFFF_FFFFL : -1;
    }

    /** xtables_strtoui() with an end pointer: the index after the number (in [min, max], into res[at]), or -1. */
    static int strtouiEnd(String s, int from, long min, long max, int[] res, int at) {
        io.arplab.wire.libc.CStrtol n = io.arplab.wire.libc.CStrtol.scan(s.substring(from), 0);
        if (n.end() == 0 || s.substring(from).trim().startsWith("-")) {
            return -1;
        }
        long v = n.asUnsignedLong();
        if (v < min || v > max) {
            return -1;
        }
        res[at] = (int) v;
        return from + n.end();
    }

    /** proto_to_name(): chain_protos' name, else /etc/protocols' unless {@code nolookup}; null for none. */
    static String protoName(int proto, boolean nolookup) {
        for (String[] cp : CHAIN_PROTOS) {
            if (Integer.parseInt(cp[1]) == proto) {
                return cp[0];
            }
        }
        return proto != 0 && !nolookup ? NetDb.protocolName(proto) : null;
    }
}
