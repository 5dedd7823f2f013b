package io.arplab.tools.nft;

import io.arplab.stack.nft.Chain;
import io.arplab.stack.nft.DataType;
import io.arplab.stack.nft.Expr;
import io.arplab.stack.nft.Family;
import io.arplab.stack.nft.Hook;
import io.arplab.stack.nft.NftSet;
import io.arplab.stack.nft.Nftables;
import io.arplab.stack.nft.Rule;
import io.arplab.stack.nft.Table;
import io.arplab.tools.nft.Tokens.Kind;
import io.arplab.tools.nft.Tokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * nft's commands and ruleset files (src/parser_bison.y for what arplab models), evaluated (src/evaluate.c) and
 * applied to a namespace's {@link Nftables}; {@code list} commands print through {@link NftPrinter}.
 */
final class NftParser {
    private final Nftables nft;
    private final Tokens in;
    private final NftStatements statements;
    private final NftPrinter.Listing listing;
    private final StringBuilder out;

    NftParser(Nftables nft, String input, NftPrinter.Listing listing, StringBuilder out) {
        this.nft = nft;
        this.in = new Tokens(input);
        this.statements = new NftStatements(this, in);
        this.listing = listing;
        this.out = out;
    }

    private static final String EXISTS = "Could not process rule: File exists";
    /** nft's parser_max_errors: it stops after ten errors. */
    private static final int MAX_ERRORS = 10;

    /**
     * Runs every command of the input, in order, on the ruleset (the caller aborts the transaction when it fails).
     * After an error the parser goes on at the next command, as bison's error recovery does, and returns the errors
     * nft prints: the syntax errors if there are any (nothing is evaluated then), else the evaluation errors (nothing
     * reaches the kernel), else what the kernel refused (nft_netlink(): the whole batch, every refusal reported).
     */
    List<NftError> run() {
        List<NftError> errors = new ArrayList<>();
        while (!in.atEnd() && errors.size() < MAX_ERRORS) {
            Token t = in.peek();
            if (t.kind() == Kind.NEWLINE || t.kind() == Kind.SEMICOLON) {
                in.take();
                continue;
            }
            int start = in.position();
            actionErrors.clear();
            try {
                command();
                endOfCommand();
                errors.addAll(actionErrors);
            } catch (NftError e) {
                errors.addAll(actionErrors);
                if (!actionErrors.contains(e)) {
                    errors.add(e);
                }
                in.recover(start);
            }
        }
        // nft_run_cmd_from_buffer(): the commands bison built are evaluated even after a syntax error, so both are
        // reported, the parser's first; only a batch with neither reaches the kernel
        List<NftError> early = new ArrayList<>(errors.stream().filter(e -> e.phase() == NftError.Phase.SYNTAX).toList());
        early.addAll(errors.stream().filter(e -> e.phase() == NftError.Phase.EVALUATION).toList());
        return early.isEmpty() ? errors : early;
    }

    /** The errors grammar actions raised in the command being parsed, which goes on parsing after them. */
    private final List<NftError> actionErrors = new ArrayList<>();

    private void endOfCommand() {
        Token t = in.peek();
        if (t.kind() == Kind.EOF || t.kind() == Kind.NEWLINE || t.kind() == Kind.SEMICOLON) {
            return;
        }
        throw unexpected(t, "expecting end of file or newline or semicolon");
    }

    private String describe(Token t) {
        return switch (t.kind()) {
            case EOF, NEWLINE -> "newline";
            case STRING -> "quoted string";
            case ASTERISK_STRING -> "string with a trailing asterisk";
            case LBRACE -> "'{'";
            case RBRACE -> "'}'";
            case SEMICOLON -> "semicolon";
            case COMMA -> "comma";
            case DOT -> "dot";
            case NEQ -> "!=";
            case EQ -> t.text().equals("==") ? "==" : "'='"; // %token EQ "==", and the char literal
            case AT -> "@";
            // parser_bison.y's names: char literals quoted, the named tokens by their strings
            case CHAR -> "~`?%'".contains(t.text()) ? "junk" : "[]()|$".contains(t.text()) ? "'" + t.text() + "'"
                    : t.text().equals(":") ? "colon" : t.text();
            case WORD -> t.text().matches("[0-9]+|0[xX][0-9a-fA-F]+") ? "number" // scanner.l: decstring, hexstring
                    : t.text().contains(":") && Values.mac(t.text()) < 0 ? "colon"
                    : isKeyword(t.text()) || Family.byName(t.text()) != null ? t.text() : "string";
        };
    }

    /** scanner.l's SCANSTATE_CMD_LIST: after "list" (and until the command ends) its own words are keywords too. */
    private boolean listScan;
    private static final List<String> LIST_KEYWORDS = List.of("tables", "chains", "sets");

    /** Whether {@code w} is a keyword where the scanner is: a token of its own, so no name. */
    boolean isKeyword(String w) {
        return KEYWORDS.contains(w) || listScan && LIST_KEYWORDS.contains(w);
    }

    /**
     * scanner.l's keywords of its initial state (its other states are inclusive, so these are keywords everywhere),
     * as nft 1.0.6 scans them: each word W here makes "nft add table W" fail with "unexpected W" on this machine.
     */
    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("table", "chain", "rule", "set", "element",
            "add", "delete", "insert", "list", "flush", "accept", "drop", "jump", "goto", "return", "counter", "arp",
            "ether", "ip", "meta", "iifname", "oifname", "hook", "type", "priority", "policy", "handle", "elements",
            "ruleset", "create", "fwd", "continue", "replace", "update", "get", "reset", "rename", "import", "export",
            "monitor", "position", "index", "comment", "constant", "interval", "dynamic", "auto-merge", "timeout",
            "gc-interval", "expires", "size", "flow", "offload", "meter", "log", "queue", "limit", "quota", "hour", "day",
            "reject", "snat", "dnat", "masquerade", "redirect", "random", "th", "typeof", "vlan", "ecn", "time", "icmp",
            "icmpv6", "igmp", "ah", "esp", "comp", "flags", "udp", "udplite", "tcp", "dccp", "sctp", "rt", "rt0", "rt2",
            "srh", "hbh", "frag", "dst", "mh", "mark", "iif", "iiftype", "oif", "oiftype", "skuid", "skgid", "nftrace",
            "rtclassid", "ibriport", "ibrname", "obriport", "obrname", "pkttype", "cpu", "iifgroup", "oifgroup",
            "cgroup", "ct", "numgen", "jhash", "symhash", "dup", "fib", "osf", "synproxy", "notrack", "all", "map",
            "device", "devices", "define", "undefine", "redefine", "include", "describe", "flowtable", "secmark",
            "socket", "tproxy", "ipsec", "exthdr", "missing");

    /**
     * scanner.l's SCANSTATE_IP and SCANSTATE_IP6 (pushed by "ip" and "ip6"): words that are keywords only there and
     * begin no field of theirs ("to" is there for nat statements' "snat ip to").
     */
    static final java.util.Set<String> IP_SCOPE_KEYWORDS = java.util.Set.of("to", "prefix", "addr");

    /** unexpected() of the word after "ip" or "ip6": a keyword of that scanner state is named as itself. */
    NftError unexpectedInIpScope(Token t) {
        if (t.kind() == Kind.WORD && IP_SCOPE_KEYWORDS.contains(t.text())) {
            return new NftError("syntax error, unexpected " + t.text(), t);
        }
        return unexpected(t, null);
    }

    NftError unexpected(Token t, String expecting) {
        if (t.kind() == Kind.EOF && in.endsInBlock()) {
            return NftError.endOfFile();
        }
        String msg = "syntax error, unexpected " + describe(t) + (expecting == null ? "" : ", " + expecting);
        int start = t.start();
        if (t.kind() == Kind.WORD && describe(t).equals("colon")) {
            // the scanner stops at the colon that ends what it can read as an address
            int first = t.text().indexOf(':');
            int second = t.text().indexOf(':', first + 1);
            start += second < 0 ? first : second;
            return new NftError(msg, start, start + 1);
        }
        if (t.kind() == Kind.EOF || t.kind() == Kind.AT) { // AT: the '@' alone (its name is a token of its own)
            return new NftError(msg, start, start + 1);
        }
        return new NftError(msg, t);
    }

    Token word(String expecting) {
        Token t = in.peek();
        if (t.kind() != Kind.WORD && t.kind() != Kind.STRING) {
            throw unexpected(t, expecting);
        }
        return in.take();
    }

    private int commandStart;

    private void command() {
        Token verb = in.take();
        commandStart = verb.start();
        listScan = verb.kind() == Kind.WORD && verb.text().equals("list");
        switch (keyword(verb)) {
            case "add", "create" -> add(verb.is("create"));
            case "insert" -> {
                expectWord("rule");
                rule(true);
            }
            case "list" -> list();
            case "flush" -> flush();
            case "delete" -> delete();
            case "table", "chain", "rule", "set", "element" -> { // base_cmd: add_cmd without "add"
                in.unread();
                add(false);
            }
            default -> {
                if (verb.kind() != Kind.WORD || describe(verb).equals("number")) {
                    throw unexpected(verb, null);
                }
                in.unread(); // parser_bison.y's base_cmd: add_cmd without "add", here a rule's table and chain
                rule(false);
            }
        }
    }

    /** A bare word's text, "" for any other token: scanner.l's keywords are words ("@list" or "\"list\"" is none). */
    static String keyword(Token t) {
        return t.kind() == Kind.WORD ? t.text() : "";
    }

    void expectWord(String w) {
        Token t = in.peek();
        if (!t.is(w)) {
            throw unexpected(t, "expecting " + w);
        }
        in.take();
    }

    // ------------------------------------------------------------------------------------------- objects

    private record Named(Family family, Token table) {}

    /** [family] table: the family defaults to ip. */
    private Named tableSpec() {
        return tableSpec("expecting string");
    }

    /**
     * [family] table, {@code expecting} what bison lists when the name is missing: "expecting handle or string" where
     * a handle may stand for it (parser_bison.y's tableid_spec, chainid_spec, setid_spec: `delete table handle N`).
     */
    private Named tableSpec(String expecting) {
        Token t = word(expecting);
        Family f = Family.byName(t.text());
        if (f != null && t.kind() == Kind.WORD) {
            return new Named(f, identifier(expecting));
        }
        in.unread();
        return new Named(Family.IP, identifier(expecting));
    }

    /** parser_bison.y's identifier: a STRING token; a keyword is a token of its own, so no name. */
    private Token identifier() {
        return identifier("expecting string");
    }

    Token identifier(String expecting) {
        Token t = word(expecting);
        // a word the scanner starts with COLON (':' not starting an "::" address) is no STRING either
        boolean colon = t.text().startsWith(":") && !t.text().startsWith("::") && describe(t).equals("colon");
        if (t.kind() == Kind.WORD && (isKeyword(t.text()) || Family.byName(t.text()) != null
                || describe(t).equals("number") || colon)) {
            throw unexpected(t, expecting);
        }
        return t;
    }

    private Table existingTable(Named n, boolean kernel) {
        Table t = nft.table(n.family(), n.table().text());
        if (t == null) {
            throw new NftError(kernel ? "Could not process rule: No such file or directory" : "No such file or directory",
                    n.table());
        }
        return t;
    }

    /**
     * A table named by a command on the table itself (list, flush, delete table), whose cache holds every family's
     * tables: a missing one suggests the closest (table_not_found(): table_lookup_fuzzy()). So do add chain and add set
     * (chain_evaluate(), set_evaluate(): their cache holds every table); a list of a chain or set fetches its own
     * table only (the cache filter), so it has nothing to suggest.
     */
    private Table existingTableHinted(Named n, boolean kernel) {
        Table t = nft.table(n.family(), n.table().text());
        if (t != null) {
            return t;
        }
        Table best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Table other : nft.tables()) {
            int d = Values.misspelt(other.name, n.table().text());
            if (d >= 0 && d < bestDistance) {
                bestDistance = d;
                best = other;
            }
        }
        if (best == null) {
            return existingTable(n, kernel);
        }
        NftError e = new NftError("No such file or directory; did you mean table \u2018" + best.name
                + "\u2019 in family " + best.family.nftName + "?", n.table());
        throw kernel ? e.fromKernel() : e;
    }

    /**
     * chain_lookup_fuzzy() as 1.0.6 has it: over every table's chains, the closest name string_misspell_update()
     * accepts (no early return for the very name: a one-letter name is never a candidate, a longer one is at
     * distance 0); null when none is close.
     */
    private Chain chainLookupFuzzy(String name) {
        Chain best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Table other : nft.tables()) {
            for (Chain candidate : other.chains.values()) {
                int d = Values.misspelt(candidate.name, name);
                if (d >= 0 && d < bestDistance) {
                    bestDistance = d;
                    best = candidate;
                }
            }
        }
        return best;
    }

    /**
     * nft_cmd_enoent_rule(): the kernel's ENOENT for a rule command at {@code at}, worded from the fuzzy lookup of the
     * rule's own chain name {@code chain}: a missing table's closest (table_fuzzy_check(), at the table's name), a
     * chain of another name, else the plain refusal.
     */
    NftError enoentRule(Family family, Token table, String chain, Token at) {
        Chain c = chainLookupFuzzy(chain);
        if (c == null) {
            return new NftError("Could not process rule: No such file or directory", at);
        }
        if (nft.table(family, table.text()) == null) {
            return new NftError("No such file or directory; did you mean table \u2018" + c.table.name
                    + "\u2019 in family " + c.table.family.nftName + "?", table).fromKernel();
        }
        if (c.name.equals(chain)) {
            return new NftError("Could not process rule: No such file or directory", at);
        }
        return new NftError("No such file or directory; did you mean chain \u2018" + c.name + "\u2019 in table "
                + c.table.family.nftName + " \u2018" + c.table.name + "\u2019?", at).fromKernel();
    }

    Chain existingChain(Table t, Token name) {
        Chain c = t.chains.get(name.text());
        if (c == null) {
            throw enoentRule(t.family, new Token(Kind.WORD, t.name, 0, 0), name.text(), name);
        }
        return c;
    }

    /** add, or create: which the kernel refuses for an object that exists (NLM_F_EXCL: EEXIST at its name). */
    private void add(boolean create) {
        Token what = in.take();
        switch (keyword(what)) {
            case "table" -> {
                Named n = tableSpec();
                if (in.peek().kind() == Kind.LBRACE) {
                    tableBody(n);
                } else {
                    endOfCommand();
                    if (create && nft.table(n.family(), n.table().text()) != null) {
                        throw new NftError(EXISTS, n.table());
                    }
                    nft.addTable(n.family(), n.table().text());
                }
            }
            case "chain" -> {
                Named n = tableSpec();
                Token name = identifier();
                ChainSpec spec = in.peek().kind() == Kind.LBRACE ? chainSpec(true) : new ChainSpec(null, null, null, false);
                endOfCommand(); // the whole command parsed before its evaluation
                Table t = existingTableHinted(n, false); // chain_evaluate(): table_not_found() over the table cache
                if (create && t.chains.containsKey(name.text())) {
                    throw new NftError(EXISTS, name);
                }
                addChain(t, name, spec, in.previous());
            }
            case "rule" -> {
                if (create) {
                    throw unexpected(what, null); // create_cmd has no CREATE RULE
                }
                rule(false);
            }
            case "set" -> {
                Named n = tableSpec();
                Token name = identifier();
                DataType[] key = setSpec();
                endOfCommand();
                Table t = existingTableHinted(n, false); // set_evaluate(): table_not_found() over the table cache
                if (create && t.sets.containsKey(name.text())) {
                    throw new NftError(EXISTS, name);
                }
                if (!t.sets.containsKey(name.text())) {
                    t.sets.put(name.text(), new NftSet(name.text(), t.nextHandle(), key, false));
                }
            }
            case "element" -> {
                Named n = tableSpec();
                Token name = identifier();
                Table t = existingTable(n, false);
                NftSet s = t.sets.get(name.text());
                if (s == null) {
                    throw new NftError("No such file or directory", name);
                }
                List<long[]> elements = elements(s.key);
                elements.forEach(s::add);
            }
            default -> {
                if (create || what.kind() != Kind.WORD || describe(what).equals("number")) {
                    // add_cmd's rule_position: the state after ADD reduces an empty family_spec by default, so bison
                    // reports in table_spec's, where only identifier's STRING goes on; create_cmd has no rule form,
                    // so any word but its objects' keywords is the error ("create able": unexpected string)
                    throw unexpected(what, create ? null : "expecting string");
                }
                in.unread(); // add_cmd: a rule_position and rule without "rule"
                rule(false);
            }
        }
    }

    private record ChainSpec(Token type, Token hook, Prio prio, boolean policyDrop) {}

    /** A chain's priority as written: a number, or a standard name and an offset; "priority ..." spans start-end. */
    private record Prio(String name, int value, int start, int end) {}

    private static final List<String> HOOK_NAMES = List.of("prerouting", "input", "forward", "output", "postrouting",
            "ingress", "egress");

    /** { type filter hook H priority P; [policy accept|drop;] } */
    private ChainSpec chainSpec(boolean braces) {
        if (braces) {
            in.take();
        }
        Token type = null;
        Token hook = null;
        Prio priority = null;
        boolean drop = false;
        while (true) {
            Token t = in.peek();
            if (t.kind() == Kind.NEWLINE || t.kind() == Kind.SEMICOLON) {
                in.take();
            } else if (t.kind() == Kind.RBRACE || t.kind() == Kind.EOF) {
                if (braces) {
                    if (t.kind() == Kind.EOF) {
                        throw unexpected(t, "expecting '}'");
                    }
                    in.take();
                }
                break;
            } else if (t.is("type")) {
                in.take();
                type = word("expecting string");
                expectWord("hook");
                Token h = word("expecting string");
                Token p = in.peek();
                expectWord("priority");
                Prio prio = priority(p, in.take());
                if (!List.of("filter", "nat", "route").contains(type.text())) { // chain_type_name_lookup()'s YYERROR
                    actionErrors.add(new NftError("unknown chain type", type).fromParser());
                    type = null;
                } else if (!HOOK_NAMES.contains(h.text())) { // hook_spec: chain_hookname_lookup()'s YYERROR, recovered
                    actionErrors.add(new NftError("unknown chain hook", h).fromParser());
                    type = null; // the chain stays a regular one (no CHAIN_F_BASECHAIN)
                } else {
                    hook = h;
                    priority = prio;
                }
            } else if (t.is("policy")) {
                in.take();
                Token p = in.take();
                if (!p.is("accept") && !p.is("drop")) {
                    NftError e = unexpected(p, "expecting accept or drop or '$'");
                    // chain_block's common_block "error stmt_separator": bison drops the tokens up to the next
                    // separator and the block, and its command, go on
                    actionErrors.add(e.fromParser());
                    while (in.peek().kind() != Kind.SEMICOLON && in.peek().kind() != Kind.NEWLINE
                            && in.peek().kind() != Kind.EOF) {
                        in.take();
                    }
                    continue;
                }
                drop = p.is("drop");
            } else if (!braces) {
                break;
            } else {
                throw unexpected(t, null);
            }
        }
        return new ChainSpec(type, hook, priority, drop);
    }

    private Prio priority(Token keyword, Token t) {
        if (t.kind() == Kind.CHAR && t.text().equals("-") && in.peek().kind() == Kind.WORD) {
            Token n = in.take(); // scanner.l: DASH then NUM (prio_spec's "- NUM")
            t = new Token(Kind.WORD, "-" + n.text(), t.start(), n.end());
        }
        String s = t.text();
        if (s.matches("-?[0-9]{1,10}") && Math.abs(Long.parseLong(s)) <= Integer.MAX_VALUE) {
            return new Prio(null, Integer.parseInt(s), keyword.start(), t.end());
        }
        if (!NftPrinter.isStandardPriority(s)) {
            throw new NftError("'" + s + "' is invalid priority.", t);
        }
        int off = 0;
        Token last = t;
        Token sign = in.peek();
        if (sign.kind() == Kind.CHAR && (sign.text().equals("+") || sign.text().equals("-"))
                && in.peek(1).kind() == Kind.WORD) { // PLUS and DASH are tokens of their own
            in.take();
            Token n = in.take();
            long v = Values.number(n.text(), Integer.MAX_VALUE);
            if (v < 0) {
                throw new NftError("'" + n.text() + "' is invalid priority.", n);
            }
            off = sign.text().equals("+") ? (int) v : (int) -v;
            last = n;
        }
        return new Prio(s, off, keyword.start(), last.end());
    }

    private Chain addChain(Table t, Token name, ChainSpec spec, Token last) {
        Chain c = t.chains.get(name.text());
        if (c != null) {
            return c;
        }
        Hook hook = null;
        int prio = 0;
        if (spec.hook() != null) {
            // chain_evaluate(): str2hooknum() knows the family's hook names (arp's forward too, which the kernel
            // refuses below), then evaluate_priority() a standard name as std_prio_lookup() finds it for the hook
            String h = spec.hook().text();
            boolean known = t.family == Family.ARP ? List.of("input", "forward", "output").contains(h)
                    : HOOK_NAMES.contains(h) && (t.family == Family.INET || !h.endsWith("gress"));
            if (!known) {
                throw new NftError("unknown chain hook", spec.hook());
            }
            hook = Hook.byName(h);
            Prio p = spec.prio();
            prio = p.value();
            if (p.name() != null && hook != null) {
                Integer std = NftPrinter.standardPriority(t.family, hook, p.name());
                if (std == null) {
                    throw new NftError("invalid priority expression value in this context.", p.start(), p.end());
                }
                prio += std;
            }
        }
        String type = spec.type() == null ? null : spec.type().text();
        if (hook != null && !type.equals("filter") && t.family != Family.IP && t.family != Family.INET) {
            // nft_chain_parse_hook(): __nft_chain_type_get() knows nat and route for ip and inet only: ENOENT at the
            // type, which nft_cmd_enoent_chain() words with the chain itself (chain_evaluate() cached it) as the
            // closest chain, a one-letter name never one (string_misspell_update())
            throw name.text().length() < 2 ? new NftError("Could not process rule: No such file or directory",
                    spec.type()) : new NftError("No such file or directory; did you mean chain \u2018" + name.text()
                    + "\u2019 in table " + t.family.nftName + " \u2018" + t.name + "\u2019?", spec.type()).fromKernel();
        }
        // the type's hook_mask (nat: prerouting, input, output, postrouting; route: output), nat's priority above
        // NF_IP_PRI_CONNTRACK, and the family's hooks: EOPNOTSUPP, located over the whole command (and the newline
        // nft appends to it)
        boolean fits = hook == null || type.equals("filter") || (type.equals("route") ? hook == Hook.OUTPUT
                : hook != Hook.FORWARD && prio > -200);
        if (hook == null && spec.type() != null || hook != null && !t.family.hooks.contains(hook) || !fits) {
            throw new NftError("Could not process rule: Operation not supported", commandStart, last.end() + 1);
        }
        return nft.addChain(t, name.text(), type, hook, prio, spec.policyDrop());
    }

    /** { type T [. T]; } as a set's key. */
    private DataType[] setSpec() {
        Token open = in.peek();
        if (open.kind() != Kind.LBRACE) {
            throw unexpected(open, "expecting '{'");
        }
        in.take();
        DataType[] key = null;
        while (in.peek().kind() != Kind.RBRACE) {
            Token t = in.peek();
            if (t.kind() == Kind.EOF) {
                throw unexpected(t, "expecting '}'");
            }
            if (t.kind() == Kind.NEWLINE || t.kind() == Kind.SEMICOLON) {
                in.take();
            } else if (t.is("type")) {
                in.take();
                key = typeList();
            } else {
                throw unexpected(t, null);
            }
        }
        Token last = in.previous();
        in.take();
        if (key == null) {
            // set_evaluate(): the location runs from the brace to the block's last token
            throw new NftError(NO_KEY, open.start(), last.end());
        }
        return key;
    }

    private static final String NO_KEY = "set definition does not specify key";

    private void openBrace() {
        Token t = in.peek();
        if (t.kind() != Kind.LBRACE) {
            throw unexpected(t, "expecting '{'");
        }
        in.take();
    }

    private DataType[] typeList() {
        List<DataType> types = new ArrayList<>();
        while (true) {
            Token t = word("expecting string");
            DataType d = DataType.byName(t.text());
            if (d == null || d == DataType.IFNAME) {
                throw new NftError("unknown datatype " + t.text(), t);
            }
            types.add(d);
            if (in.peek().kind() != Kind.DOT) {
                break;
            }
            in.take();
        }
        if (types.size() > 2) {
            throw new NftError("arplab models sets keyed by one or two concatenated types", in.previous());
        }
        return types.toArray(new DataType[0]);
    }

    /** { E, E ... }: elements of a set with key {@code key}. */
    List<long[]> elements(DataType[] key) {
        return elements(key, false);
    }

    /** set_list_member_expr's elements (NftElements.parse()); {@code intervals} in an anonymous set. */
    List<long[]> elements(DataType[] key, boolean intervals) {
        return NftElements.parse(this, in, key, intervals);
    }

    void skipNewlines() {
        while (in.peek().kind() == Kind.NEWLINE) {
            in.take();
        }
    }

    static String describeKey(DataType[] key) {
        if (key.length == 1) {
            return key[0].description;
        }
        StringBuilder sb = new StringBuilder("concatenation of (");
        for (int i = 0; i < key.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(key[i].description);
        }
        return sb.append(')').toString();
    }

    // ------------------------------------------------------------------------------------------- rules

    private void rule(boolean insert) {
        Named n = tableSpec();
        Token chainName = identifier();
        Token first = in.peek();
        if (first.kind() == Kind.EOF || first.kind() == Kind.NEWLINE || first.kind() == Kind.SEMICOLON) {
            throw unexpected(first, null); // parser_bison.y's rule: stmt_list, at least one statement
        }
        Table t = nft.table(n.family(), n.table().text());
        Chain c = null;
        NftError missing = null; // the kernel's, after the statements' parsing and evaluation
        if (t == null) {
            t = nft.detached(n.family(), n.table().text());
        } else {
            try {
                c = existingChain(t, chainName);
            } catch (NftError e) {
                missing = e;
            }
        }
        List<NftStatements.PendingSet> anonymous = new ArrayList<>();
        statements.ruleChain = chainName.text();
        statements.ruleTable = n.table();
        List<Expr> exprs = statements.parse(t, anonymous, Kind.EOF);
        if (t.handle == 0) {
            // the batch: each anonymous set's NEWSET refused at the table, its NEWSETELEM at the set (no set name
            // anything resembles), then the NEWRULE, which nft_cmd_enoent_rule() words
            for (NftStatements.PendingSet a : anonymous) {
                actionErrors.add(new NftError("Could not process rule: No such file or directory", n.table()));
                actionErrors.add(new NftError("Could not process rule: No such file or directory", a.start(),
                        a.end()));
            }
            throw enoentRule(n.family(), n.table(), chainName.text(), n.table());
        }
        boolean drawn = false;
        if (missing == null && !statements.kernelErrors.isEmpty()) {
            // nf_tables_newrule(): the rule's handle is allocated before its expressions are initialised; the first
            // one the kernel cannot init refuses it
            missing = statements.kernelErrors.get(0);
            drawn = true;
        }
        if (missing != null) {
            // the batch's NEWSET of each anonymous set precedes the NEWRULE the kernel refuses: their handles are drawn
            for (int k = 0; k < anonymous.size() + (drawn ? 1 : 0); k++) {
                t.nextHandle();
            }
            throw missing;
        }
        appendRule(t, c, exprs, anonymous, insert);
    }

    /** Where the statement a pending anonymous set belongs to is (by identity: the rule's list was reordered). */
    private static int indexOf(List<Expr> exprs, Expr m) {
        for (int i = 0; i < exprs.size(); i++) {
            if (exprs.get(i) == m) {
                return i;
            }
        }
        throw new IllegalStateException("an anonymous set's statement is not in its rule");
    }

    private void appendRule(Table t, Chain c, List<Expr> exprs, List<NftStatements.PendingSet> anonymous, boolean insert) {
        List<Expr> done = new ArrayList<>(exprs);
        for (NftStatements.PendingSet p : anonymous) {
            NftSet s = new NftSet(t.nextAnonymousSetName(), t.nextHandle(), p.key(), true);
            p.elements().forEach(s::add);
            s.automerge(); // an anonymous interval set is merged (set->automerge)
            if (p.at() instanceof Expr.Match m) {
                done.set(indexOf(done, m), new Expr.Match(m.fields(), m.negated(), 0, 0, 0, null, s));
            }
        }
        Rule r = new Rule(t.nextHandle(), done);
        if (insert) {
            c.rules.add(0, r);
        } else {
            c.rules.add(r);
        }
        for (Chain base : t.chains.values()) {
            if (base.isBase() && !base.validates()) {
                c.rules.remove(r);
                // nft_chain_validate(): more than NFT_JUMP_STACK_SIZE jumps deep from a base chain (a loop)
                throw new NftError("Could not process rule: Too many links", commandStart, in.previous().end() + 1);
            }
            if (base.isBase() && (!base.rejectFits(base.hook) || !base.natFits())) {
                c.rules.remove(r);
                // nft_reject_validate(): reject only at prerouting, input, forward and output; nft_nat_validate():
                // nat only in a nat chain at a hook the statement serves. The commit's
                // nf_tables_validate() fails with EAGAIN and nfnetlink replays the batch, whose NEWRULE (and NEWSETs)
                // draw their handles again before the rule's own validation refuses it
                for (int k = 0; k <= anonymous.size(); k++) {
                    t.nextHandle();
                }
                throw new NftError("Could not process rule: Operation not supported", commandStart,
                        in.previous().end() + 1);
            }
        }
        nft.changed();
    }

    // ------------------------------------------------------------------------------------------- others

    private void list() {
        Token what = in.take();
        switch (keyword(what)) {
            case "ruleset" -> out.append(listing.json() ? NftJson.list(nft.tables(), null, null, false)
                    : NftPrinter.ruleset(nft, listing));
            case "tables" -> {
                if (listing.json()) {
                    out.append(NftJson.list(nft.tables(), null, null, true));
                    return;
                }
                for (Table t : nft.tables()) {
                    out.append("table ").append(t.family.nftName).append(' ').append(t.name).append('\n');
                }
            }
            case "table" -> {
                Named n = tableSpec();
                endOfCommand(); // nft parses the whole input before it evaluates anything
                Table t = existingTable(n, false);
                out.append(listing.json() ? NftJson.list(List.of(t), null, null, false)
                        : NftPrinter.table(t, listing, null, null));
            }
            case "sets", "chains" -> {
                // do_list_sets() / do_list_chains(): every table (of the family given), with its sets or chains
                Token f = in.peek();
                Family family = f.kind() == Kind.WORD ? Family.byName(f.text()) : null;
                if (family != null) {
                    in.take();
                }
                for (Table t : nft.tables()) {
                    if (family == null || t.family == family) {
                        out.append(NftPrinter.declarations(t, listing, what.text().equals("sets")));
                    }
                }
            }
            case "chain" -> {
                Named n = tableSpec();
                Token name = identifier();
                endOfCommand();
                Table t = existingTable(n, false);
                Chain c = t.chains.get(name.text());
                if (c == null) {
                    throw new NftError("No such file or directory", name);
                }
                out.append(listing.json() ? NftJson.list(List.of(t), c, null, false)
                        : NftPrinter.table(t, listing, c, null));
            }
            case "set" -> {
                Named n = tableSpec();
                Token name = identifier();
                endOfCommand();
                Table t = existingTable(n, false);
                NftSet s = t.sets.get(name.text());
                if (s == null) {
                    throw new NftError("No such file or directory", name);
                }
                out.append(listing.json() ? NftJson.list(List.of(t), null, s, false)
                        : NftPrinter.table(t, listing, null, s));
            }
            default -> throw unexpected(what, null);
        }
    }

    private void flush() {
        Token what = in.take();
        switch (keyword(what)) {
            case "ruleset" -> {
                nft.flush();
            }
            case "table" -> {
                Named n = tableSpec();
                endOfCommand(); // the whole input is parsed before the kernel sees any of it
                Table t = existingTableHinted(n, true);
                t.chains.values().forEach(c -> c.rules.clear());
                nft.changed();
            }
            case "chain" -> {
                Named n = tableSpec();
                Token name = identifier();
                endOfCommand();
                Chain c = existingTable(n, true).chains.get(name.text());
                if (c == null) { // the flush's cache holds no chains: nothing to suggest
                    throw new NftError("Could not process rule: No such file or directory", name);
                }
                c.rules.clear();
                nft.changed();
            }
            default -> throw unexpected(what, null);
        }
    }

    /** A deleted object's name may be a handle instead (tableid_spec, chainid_spec, setid_spec). */
    private static final String OR_HANDLE = "expecting handle or string";

    private void delete() {
        Token what = in.take();
        switch (keyword(what)) {
            case "table" -> {
                Named n = tableSpec(OR_HANDLE);
                endOfCommand(); // the whole input is parsed before the kernel sees any of it
                nft.deleteTable(existingTableHinted(n, true));
            }
            case "chain" -> {
                Named n = tableSpec();
                Token name = identifier(OR_HANDLE);
                endOfCommand();
                Table t = existingTable(n, true);
                Chain c = t.chains.get(name.text());
                if (c == null) {
                    throw new NftError("Could not process rule: No such file or directory", name);
                }
                t.chains.remove(name.text());
                nft.changed();
            }
            case "set" -> {
                Named n = tableSpec();
                Token name = identifier(OR_HANDLE);
                endOfCommand();
                Table t = existingTable(n, true);
                if (t.sets.get(name.text()) == null) {
                    throw new NftError("Could not process rule: No such file or directory", name);
                }
                t.sets.remove(name.text());
            }
            case "rule" -> {
                Named n = tableSpec();
                Token chainName = identifier();
                Token h = in.peek();
                if (!h.is("handle")) {
                    throw unexpected(h, "expecting handle");
                }
                in.take();
                Token number = word("expecting number");
                Table t = existingTable(n, true);
                Chain c = existingChain(t, chainName);
                long handle = Values.number(number.text(), Long.MAX_VALUE);
                Rule found = null;
                for (Rule r : c.rules) {
                    if (r.handle == handle) {
                        found = r;
                    }
                }
                if (found == null) { // nft_cmd_enoent_rule() words it, from the rule's chain name
                    throw enoentRule(t.family, n.table(), chainName.text(), number);
                }
                c.rules.remove(found);
                nft.changed();
            }
            default -> throw unexpected(what, null);
        }
    }

    // ------------------------------------------------------------------------------------------- files

    /** table FAMILY NAME { set ... chain ... } as `nft list ruleset` writes it and `nft -f` reads it. */
    private void tableBody(Named n) {
        openBrace();
        Table t = nft.addTable(n.family(), n.table().text());
        List<NftSet> newSets = new ArrayList<>();
        List<Chain> ruleChains = new ArrayList<>();
        List<List<Expr>> rules = new ArrayList<>();
        List<List<NftStatements.PendingSet>> anon = new ArrayList<>();
        while (true) {
            Token tk = in.take();
            if (tk.kind() == Kind.NEWLINE || tk.kind() == Kind.SEMICOLON) {
                continue;
            }
            if (tk.kind() == Kind.RBRACE) {
                break;
            }
            if (tk.is("set")) {
                Token name = identifier();
                openBrace();
                DataType[] key = null;
                List<long[]> elements = new ArrayList<>();
                while (true) {
                    Token s = in.take();
                    if (s.kind() == Kind.NEWLINE || s.kind() == Kind.SEMICOLON) {
                        continue;
                    }
                    if (s.kind() == Kind.RBRACE) {
                        break;
                    }
                    if (s.is("type")) {
                        key = typeList();
                    } else if (s.is("elements")) {
                        Token eq = in.take();
                        if (eq.kind() != Kind.EQ) {
                            throw unexpected(eq, "expecting '='");
                        }
                        if (key == null) {
                            throw new NftError(NO_KEY, s);
                        }
                        elements.addAll(elements(key));
                    } else {
                        throw unexpected(s, null);
                    }
                }
                if (key == null) {
                    throw new NftError(NO_KEY, name);
                }
                NftSet set = t.sets.get(name.text());
                if (set == null) {
                    set = new NftSet(name.text(), 0, key, false);
                    t.sets.put(name.text(), set);
                    newSets.add(set);
                }
                elements.forEach(set::add);
            } else if (tk.is("chain")) {
                Token name = identifier();
                openBrace();
                ChainSpec spec = new ChainSpec(null, null, null, false);
                Chain chain = null;
                while (true) {
                    Token s = in.peek();
                    if (s.kind() == Kind.NEWLINE || s.kind() == Kind.SEMICOLON) {
                        in.take();
                    } else if (s.kind() == Kind.EOF) {
                        throw unexpected(s, "expecting '}'");
                    } else if (chain == null && (s.is("type") || s.is("policy"))) {
                        ChainSpec more = chainSpec(false);
                        spec = more.type() != null ? more
                                : new ChainSpec(spec.type(), spec.hook(), spec.prio(), more.policyDrop());
                    } else {
                        if (chain == null) {
                            chain = addChain(t, name, spec, in.previous());
                        }
                        if (s.kind() == Kind.RBRACE) {
                            in.take();
                            break;
                        }
                        List<NftStatements.PendingSet> a = new ArrayList<>();
                        statements.ruleChain = name.text();
                        statements.ruleTable = null;
                        rules.add(statements.parse(t, a, Kind.RBRACE));
                        if (!statements.kernelErrors.isEmpty()) {
                            throw statements.kernelErrors.get(0);
                        }
                        anon.add(a);
                        ruleChains.add(chain);
                    }
                }
            } else {
                throw unexpected(tk, null);
            }
        }
        // nft_cmd_expand(): the table's chains first, then its sets, then the rules of each chain
        for (NftSet s : newSets) {
            s.handle = t.nextHandle();
        }
        for (int i = 0; i < rules.size(); i++) {
            appendRule(t, ruleChains.get(i), rules.get(i), anon.get(i), false);
        }
        nft.changed();
    }
}
