package io.arplab.tools.nft;

import io.arplab.stack.nft.DataType;
import io.arplab.stack.nft.Expr;
import io.arplab.stack.nft.Family;
import io.arplab.stack.nft.Field;
import io.arplab.stack.nft.NftSet;
import io.arplab.stack.nft.Table;
import io.arplab.tools.nft.Tokens.Kind;
import io.arplab.tools.nft.Tokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule's statements (parser_bison.y's stmt_list: matches, verdicts, counters, anonymous sets), parsed from the
 * command's tokens and evaluated as src/evaluate.c's stmt_evaluate() and payload_dependency_kill() do; the command
 * around them ({@link NftParser}) owns the token stream and its errors.
 */
final class NftStatements {
    /** An anonymous set of a match ({@code { a, b }}), made once the rule is accepted: its key, elements, statement. */
    record PendingSet(DataType[] key, List<long[]> elements, Expr at, int start, int end) {}

    private final NftParser p;
    private final Tokens in;

    NftStatements(NftParser p, Tokens in) {
        this.p = p;
        this.in = in;
    }

    private static boolean endsRule(Token t, Kind closer) {
        return t.kind() == Kind.EOF || t.kind() == Kind.NEWLINE || t.kind() == Kind.SEMICOLON
                || closer == Kind.RBRACE && t.kind() == Kind.RBRACE;
    }

    /** A rule's statements up to the end of the line (or of the chain block). */
    List<Expr> parse(Table t, List<PendingSet> anonymous, Kind closer) {
        List<Expr> exprs = new ArrayList<>();
        Token terminal = null;
        evalError = null;
        kernelErrors.clear();
        lookups = 0;
        l4Context = -1;
        l4Listed = -1;
        l4Protos.clear();
        l3Context = 0;
        l4Written = null;
        l3Written = null;
        inetL3 = 0;
        inetL3Written = null;
        while (!endsRule(in.peek(), closer)) {
            Token first = in.peek();
            NftError before = evalError;
            Expr e = statement(t, exprs, anonymous, closer);
            if (terminal != null && before == null) {
                // rule_evaluate(): in order, each statement checked against the terminal one before its evaluation
                evalError = new NftError("Statement after terminal statement has no effect", first.start(),
                        in.previous().end(), terminal.start(), terminal.end());
            }
            if (e instanceof Expr.Verdict || e instanceof Expr.Reject) {
                terminal = first.start() == in.previous().start() ? first
                        : new Token(Kind.WORD, "", first.start(), in.previous().end());
            }
            exprs.add(e); // null for a statement evaluation refused (evalError)
        }
        if (evalError != null) { // the whole command parsed, the first statement nft cannot evaluate
            throw evalError;
        }
        NftReduce.reduce(exprs);
        NftReduce.eliminateDependencies(t.family, exprs);
        return exprs;
    }

    /** Where the statement being parsed starts. */
    private int fieldStart;

    private Expr statement(Table t, List<Expr> before, List<PendingSet> anonymous, Kind closer) {
        Token w = in.take();
        fieldStart = w.start();
        if (w.kind() == Kind.STRING) {
            symbolRelation(w);
            return null;
        }
        if (w.kind() != Kind.WORD) {
            // after a whole statement bison's default reductions end the rule: only the command's end may follow
            // (a comma after a value goes on with its list)
            Expr last = before.isEmpty() ? null : before.get(before.size() - 1);
            boolean ended = !before.isEmpty() && closer == Kind.EOF
                    && (w.kind() != Kind.COMMA || !(last == null || last instanceof Expr.Match));
            throw p.unexpected(w, ended ? "expecting end of file or newline or semicolon" : null);
        }
        switch (w.text()) {
            case "accept":
                return new Expr.Verdict(Expr.Verdict.Kind.ACCEPT, null);
            case "drop":
                return new Expr.Verdict(Expr.Verdict.Kind.DROP, null);
            case "return":
                return new Expr.Verdict(Expr.Verdict.Kind.RETURN, null);
            case "jump", "goto": {
                // chain_stmt_type's reduction is the state's default: a token other than a STRING (or '$') after
                // jump or goto is chain_stmt's missing '{'
                Token target = p.identifier("expecting '{'");
                try { // the kernel's, once the rule's handle is drawn (nft_verdict_init() looks the chain up)
                    io.arplab.stack.nft.Chain to = t.chains.get(target.text());
                    if (to == null) { // nft_cmd_enoent_rule() words it from the rule's own chain name
                        throw p.enoentRule(t.family, new Token(Kind.WORD, t.name, 0, 0), ruleChain, target);
                    }
                    if (to.isBase()) {
                        // nft_validate_register_store(): no jump to a base chain
                        kernelErrors.add(new NftError("Could not process rule: Operation not supported", target));
                    }
                } catch (NftError e) {
                    kernelErrors.add(e);
                }
                return new Expr.Verdict(w.is("jump") ? Expr.Verdict.Kind.JUMP : Expr.Verdict.Kind.GOTO, target.text());
            }
            case "ct":
                return ct(t, before, anonymous);
            case "limit":
                return limit(w);
            case "log":
                return log();
            case "reject":
                return reject(w, t.family);
            case "snat", "dnat", "masquerade", "redirect":
                return NftNat.parse(p, in, w, t.family, l4Context, inetL3, inetL3Written, this::refuse);
            case "counter": {
                Expr.Counter c = new Expr.Counter();
                if (in.peek().is("packets")) {
                    in.take();
                    c.packets = Values.number(p.word("expecting number").text(), Long.MAX_VALUE);
                    p.expectWord("bytes");
                    c.bytes = Values.number(p.word("expecting number").text(), Long.MAX_VALUE);
                }
                return c;
            }
            default:
                break;
        }
        if (!FIELDS.contains(w.text()) && !(p.isKeyword(w.text()) || w.is("set") || w.is("fwd"))) {
            symbolRelation(w);
            return null;
        }
        List<Field> fields = new ArrayList<>();
        fields.add(field(w, t.family));
        if (implicit != null) { // the dependency goes in as a statement of its own, before the field's
            before.add(implicit);
            implicit = null;
        }
        while (in.peek().kind() == Kind.DOT) {
            in.take();
            fields.add(field(in.take(), t.family));
        }
        Field[] fs = fields.toArray(new Field[0]);
        if (fs.length == 1 && fs[0] == Field.META_MARK && in.peek().is("set")) {
            in.take(); // meta_stmt: meta mark set VALUE
            Token v = in.peek();
            if (endsRule(v, Kind.EOF) || v.kind() != Kind.WORD && v.kind() != Kind.STRING) {
                throw p.unexpected(v, null);
            }
            if (v.is("ct") && in.peek(1).is("mark")) { // meta mark set ct mark
                in.take();
                in.take();
                ctKernelCheck(t.family, v.start(), in.previous().end());
                return new Expr.MarkSet(0, true);
            }
            in.take();
            try {
                return new Expr.MarkSet(Values.parse(DataType.MARK, v), false);
            } catch (NftError e) {
                return refuse(e);
            }
        }
        Token op = in.peek();
        if (op.kind() == Kind.CHAR && List.of("<", ">", "<=", ">=").contains(op.text())) {
            in.take(); // relational_op: a comparison (nft_cmp's LT, GT, LTE, GTE)
            Token v = in.peek();
            if (endsRule(v, Kind.EOF) || v.kind() != Kind.WORD && v.kind() != Kind.STRING) {
                throw p.unexpected(v, null);
            }
            in.take();
            if (fs.length > 1 || fs[0].type == DataType.IFNAME || fs[0].type == DataType.IPV6_ADDR) {
                throw new NftError("arplab models comparisons of numbers and IPv4 addresses", v);
            }
            try {
                long value = Values.parse(typeOf(fs[0]), v);
                return new Expr.Cmp(fs[0], op.text(), value);
            } catch (NftError e) {
                return refuse(e);
            }
        }
        boolean negated = false;
        if (in.peek().kind() == Kind.NEQ) {
            in.take();
            negated = true;
        } else if (in.peek().kind() == Kind.EQ) {
            in.take();
        }
        Token v = in.peek();
        if (v.kind() == Kind.AT) {
            in.take();
            NftSet s = t.sets.get(v.text());
            if (s == null && t.handle == 0 && ruleTable != null) {
                // expr_evaluate_symbol()'s table_not_found()
                throw new NftError("No such file or directory", ruleTable);
            }
            if (s == null) {
                throw new NftError("No such file or directory", v);
            }
            if (!sameKey(s.key, fs)) {
                throw new NftError("datatype mismatch, expected " + NftParser.describeKey(keyOf(fs)) + ", set has type "
                        + NftParser.describeKey(s.key), v);
            }
            return new Expr.Match(fs, negated, 0, 0, 0, null, s);
        }
        if (v.kind() == Kind.LBRACE && fs.length == 1 && singleton()) {
            // expr_evaluate_set(): an anonymous set written with one element is that element, no set made
            in.take();
            Expr e = value(fs, negated, in.peek());
            in.take();
            return e;
        }
        if (v.kind() == Kind.LBRACE) {
            List<long[]> elements = p.elements(keyOf(fs), true);
            if (fs.length == 1 && (fs[0] == Field.ETHER_TYPE || fs[0] == Field.META_PROTOCOL) && !negated
                    && !elements.isEmpty() && (fs[0] == Field.META_PROTOCOL
                    || elements.get(elements.size() - 1)[0] != 0x8100)) {
                // relational_expr_pctx_update() of a set: each element in turn, so the last one written
                l3Context = (int) elements.get(elements.size() - 1)[0];
                l3Written = new Token(Kind.WORD, "", fieldStart, in.previous().end());
            }
            for (long[] e : elements) { // relational_expr_pctx_update(): each value of the set in turn
                if (fs.length == 1 && !negated && e.length == 1) {
                    l4Update(fs[0], e[0], false);
                }
            }
            Expr.Match m = new Expr.Match(fs, negated, 0, 0, 0, null, null);
            anonymous.add(new PendingSet(keyOf(fs), elements, m, v.start(), in.previous().end()));
            return m;
        }
        return value(fs, negated, v);
    }

    private static final List<String> VERDICT_WORDS = List.of("accept", "drop", "jump", "goto", "return", "counter");

    /** "{ X }" or "{ X/N }": a set of one element as written. */
    private boolean singleton() {
        Kind k = in.peek(1).kind();
        if (k != Kind.WORD && k != Kind.STRING) {
            return false;
        }
        Token after = in.peek(2);
        return after.kind() == Kind.RBRACE || after.kind() == Kind.CHAR && after.text().equals("/")
                && in.peek(3).kind() == Kind.WORD && in.peek(4).kind() == Kind.RBRACE;
    }

    /** A match's right-hand side that is one value (an address with a prefix, a name, a number). */
    private Expr value(Field[] fs, boolean negated, Token v) {
        if (v.kind() == Kind.ASTERISK_STRING && fs.length == 1 && fs[0].type == DataType.IFNAME) {
            in.take(); // ifname_type: "eth*" matches the names that start with "eth"
            return new Expr.Match(fs, negated, 0, 0, 0, v.text(), null);
        }
        if (endsRule(v, Kind.EOF) || v.kind() != Kind.WORD && v.kind() != Kind.STRING
                || v.kind() == Kind.WORD && (VERDICT_WORDS.contains(v.text())
                        || p.isKeyword(NftParser.keyword(v)) && !RHS_KEYWORDS.contains(v.text()))) {
            throw p.unexpected(v, null); // a statement's keyword is no primary_rhs_expr
        }
        in.take();
        if (fs.length == 1 && fs[0].type == DataType.IPV6_ADDR) {
            return ipv6(fs[0], negated, v);
        }
        Expr range = range(fs, negated, v);
        if (range != null || evalError != null && rangeRefused) {
            rangeRefused = false;
            return range;
        }
        if (in.peek().kind() == Kind.CHAR && in.peek().text().equals("/")) { // prefix_rhs_expr: an address SLASH NUM
            in.take();
            Token len = in.peek();
            if (len.kind() != Kind.WORD || !Character.isDigit(len.text().charAt(0))) {
                throw p.unexpected(len, null);
            }
            in.take();
            v = new Token(v.kind(), v.text() + "/" + len.text(), v.start(), len.end());
        }
        if (fs.length > 1) {
            throw new NftError("arplab models concatenations matched against sets", v);
        }
        Field f = fs[0];
        if (f.type == DataType.IFNAME) {
            return new Expr.Match(fs, negated, 0, 0, 0, v.text(), null);
        }
        Token after = in.peek();
        if (v.kind() == Kind.WORD && v.text().contains(":") && Values.mac(v.text()) < 0
                && after.kind() == Kind.CHAR && after.text().equals(":")) {
            // the scanner's {classid} ended the value at a colon (Tokens): the statement is whole, the COLON not
            throw p.unexpected(after, "expecting end of file or newline or semicolon");
        }
        String text = v.text();
        int prefix = -1;
        if (f.type == DataType.IPV4_ADDR && text.contains("/")) {
            String len = text.substring(text.indexOf('/') + 1);
            text = text.substring(0, text.indexOf('/'));
            long bits = Values.number(len, Long.MAX_VALUE);
            if (bits < 0 || bits > 32) { // expr_evaluate_prefix()
                return refuse(new NftError("Prefix length " + (bits >= 0 ? bits : len)
                        + " is invalid for type of 32 bits width", v));
            }
            prefix = bits == 32 ? -1 : (int) bits; // a whole-width prefix is the address: a cmp without bitwise
        }
        long value;
        try { // expr_evaluate_symbol(): after the whole command is parsed
            value = Values.parse(typeOf(f), new Token(v.kind(), text, v.start(), v.start() + text.length()));
        } catch (NftError e) {
            return refuse(e);
        }
        long all = f.type.size == 8 ? -1L : (1L << (8 * f.type.size)) - 1;
        long mask = prefix < 0 ? all : prefix == 0 ? 0 : (all << (32 - prefix)) & all;
        if ((f == Field.ETHER_TYPE || f == Field.META_PROTOCOL) && !negated && (f == Field.META_PROTOCOL
                || value != 0x8100)) {
            // relational_expr_pctx_update(): the link layer's next protocol, the latest; ether type's vlan is a
            // stacked link header (payload_expr_pctx_update()), meta protocol's the network one
            l3Context = (int) value;
            l3Written = new Token(Kind.WORD, "", fieldStart, v.end());
        }
        if (!negated) {
            l4Update(f, value, true);
        }
        return new Expr.Match(fs, negated, value & mask, mask, prefix < 0 ? -1 : prefix, null, null);
    }

    /** The words that begin the fields a statement matches (see field()). */
    private static final List<String> FIELDS = List.of("arp", "ether", "ip", "iifname", "oifname", "meta", "icmp",
            "tcp", "udp", "th", "ip6", "icmpv6", "mark");

    /** meta_templates[]'s keys in table order, as the meta STRING error lists them (src/meta.c). */
    private static final String META_KEYS = "length, protocol, priority, mark, iif, oif, iifname, oifname, iiftype, "
            + "oiftype, skuid, skgid, nftrace, rtclassid, secmark, nfproto, l4proto, ibrname, obrname, pkttype, cpu, "
            + "iifgroup, oifgroup, cgroup, random, ipsec, iifkind, oifkind, ibrpvid, ibrvproto, time, day, hour, sdif, "
            + "sdifname";

    /** The chain the rule goes to (the command's), which the kernel's ENOENT wording looks up. */
    String ruleChain = "";
    /** Where the rule names its table (a missing table's error is located there). */
    Token ruleTable;

    /** Refusals the kernel gives for the rule's expressions (nf_tables_newrule()), in order, with their places. */
    final List<NftError> kernelErrors = new ArrayList<>();

    /** The transport protocol match written in the rule ("udp dport"), for reject's "~~~" mark; null if none. */
    private Token l4Written;

    private boolean rangeRefused;

    /** The match that settled the bridge family's network protocol (ether type X), for reject's "~~~" mark. */
    private Token l3Written;

    /**
     * range_rhs_expr: VALUE DASH VALUE, which the scanner splits where a number or an address ends ("1-1024",
     * "172.28.0.10-172.28.0.12"; "ssh-http" is one string); null when {@code v} is no range.
     */
    private Expr range(Field[] fs, boolean negated, Token v) {
        Token low;
        Token high;
        String text = v.text();
        int dash = text.indexOf('-', 1);
        if (v.kind() == Kind.WORD && dash > 0 && isNumberOrAddress(text.substring(0, dash))
                && isNumberOrAddress(text.substring(dash + 1))) {
            low = new Token(Kind.WORD, text.substring(0, dash), v.start(), v.start() + dash);
            high = new Token(Kind.WORD, text.substring(dash + 1), v.start() + dash + 1, v.end());
        } else if (in.peek().kind() == Kind.CHAR && in.peek().text().equals("-")
                && (in.peek(1).kind() == Kind.WORD || in.peek(1).kind() == Kind.STRING)) {
            in.take();
            low = v;
            high = in.take();
        } else {
            return null;
        }
        Field f = fs[0];
        if (fs.length > 1 || f.type == DataType.IFNAME) {
            throw new NftError("arplab models ranges of numbers and IPv4 addresses", v);
        }
        try {
            long a = Values.parse(typeOf(f), low);
            long b = Values.parse(typeOf(f), high);
            if (Long.compareUnsigned(a, b) >= 0) { // expr_evaluate_range(): low must be below high
                rangeRefused = true;
                return refuse(new NftError("Range has zero or negative size", low.start(), high.end()));
            }
            return new Expr.Range(f, negated, a, b);
        } catch (NftError e) {
            rangeRefused = true;
            return refuse(e);
        }
    }

    private static boolean isNumberOrAddress(String s) {
        return s.matches("0[xX][0-9a-fA-F]+|[0-9]+|[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    /** An IPv6 address (with a prefix): parsed and listed, never matched (arplab's hosts carry no IPv6). */
    private Expr ipv6(Field f, boolean negated, Token v) {
        String text = v.text();
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        String canonical = Values.ipv6(addr);
        if (canonical == null) {
            return refuse(NftError.unresolved(addr, v));
        }
        int prefix = -1;
        if (slash >= 0) {
            long bits = Values.number(text.substring(slash + 1), 128);
            if (bits < 0) {
                return refuse(new NftError("Prefix length " + text.substring(slash + 1)
                        + " is invalid for type of 128 bits width", v));
            }
            prefix = bits == 128 ? -1 : (int) bits;
        }
        return new Expr.Match(new Field[] {f}, negated, 0, 0, prefix, canonical, null);
    }

    /** nft_ct_get_init()/nft_ct_set_init(): nf_ct_netns_get() has no conntrack for arp or bridge: EPROTO. */
    private void ctKernelCheck(Family family, int start, int end) {
        if (family == Family.ARP || family == Family.BRIDGE) {
            kernelErrors.add(new NftError("Could not process rule: Protocol error", start, end));
        }
    }

    /** ct_expr: ct state|status|mark, matched against names (a comma list of flags), a number or a set. */
    private Expr ct(Table t, List<Expr> before, List<PendingSet> anonymous) {
        Token start = in.previous();
        Token key = in.take();
        DataType type = switch (NftParser.keyword(key)) {
            case "state" -> DataType.CT_STATE;
            case "status" -> DataType.CT_STATUS;
            case "mark" -> DataType.MARK;
            default -> null;
        };
        if (type == null) {
            throw p.unexpected(key, null);
        }
        if (in.peek().is("set")) { // ct_stmt: CT ct_key SET stmt_expr (nft_ct_set_eval())
            in.take();
            Token v = in.peek();
            if (!key.is("mark") || endsRule(v, Kind.EOF) || v.kind() != Kind.WORD && v.kind() != Kind.STRING) {
                throw p.unexpected(key.is("mark") ? v : key, null);
            }
            in.take();
            boolean meta = v.is("mark") || v.is("meta") && in.peek().is("mark");
            if (v.is("meta") && meta) {
                in.take();
            }
            ctKernelCheck(t.family, start.start(), in.previous().end()); // nft_ct_set_init(): the statement
            if (meta) {
                return new Expr.CtMarkSet(0, true);
            }
            try {
                return new Expr.CtMarkSet(Values.parse(DataType.MARK, v), false);
            } catch (NftError e) {
                return refuse(e);
            }
        }
        ctKernelCheck(t.family, start.start(), key.end());
        String op = "";
        if (in.peek().kind() == Kind.NEQ || in.peek().kind() == Kind.EQ) {
            op = in.take().kind() == Kind.NEQ ? "!=" : "==";
        }
        Token v = in.peek();
        if (v.kind() == Kind.LBRACE) {
            List<long[]> elements = p.elements(new DataType[] {type});
            int end = in.previous().end();
            long[] set = new long[elements.size()];
            for (int i = 0; i < set.length; i++) {
                set[i] = elements.get(i)[0];
            }
            if (set.length == 1) { // expr_evaluate_set(): one element is that element
                return new Expr.Ct(key.text(), op.isEmpty() ? "==" : op, set[0], null);
            }
            Expr.Ct ct = new Expr.Ct(key.text(), op.isEmpty() ? "==" : op, 0, set);
            anonymous.add(new PendingSet(new DataType[] {type}, elements, ct, v.start(), end));
            return ct;
        }
        if (endsRule(v, Kind.EOF) || v.kind() != Kind.WORD && v.kind() != Kind.STRING
                || VERDICT_WORDS.contains(v.text())) {
            throw p.unexpected(v, null);
        }
        long value = 0;
        NftError bad = null;
        while (true) {
            Token w = in.take();
            try {
                value |= Values.parse(type, w);
            } catch (NftError e) {
                bad = bad == null ? e : bad;
            }
            if (in.peek().kind() != Kind.COMMA || type == DataType.MARK) {
                break;
            }
            in.take();
        }
        if (bad != null) {
            return refuse(bad);
        }
        return new Expr.Ct(key.text(), op, value, null);
    }

    /** limit_stmt: limit rate [over] N/UNIT [burst N packets] | limit rate [over] N BYTES/UNIT [burst N BYTES]. */
    private Expr limit(Token w) {
        p.expectWord("rate");
        boolean over = false;
        if (in.peek().is("over") || in.peek().is("until")) {
            over = in.take().is("over");
        }
        Token n = p.word("expecting number");
        long rate = Values.number(n.text(), Long.MAX_VALUE);
        if (rate < 0) {
            throw p.unexpected(n, null);
        }
        boolean bytes = false;
        long unit;
        Token last;
        if (in.peek().kind() == Kind.CHAR && in.peek().text().equals("/")) {
            in.take();
            last = in.take();
            unit = Values.timeUnit(last.text());
            if (unit < 0) {
                throw p.unexpected(last, null);
            }
        } else {
            last = p.word("expecting string"); // "mbytes/second": rate_parse() of one string
            String[] parts = last.text().split("/", 2);
            long mult = Values.byteUnit(parts[0]);
            unit = parts.length == 2 ? Values.timeUnit(parts[1]) : -1;
            if (mult < 0 || unit < 0) {
                throw new NftError("wrong rate format", last);
            }
            rate *= mult;
            bytes = true;
        }
        long burst = 0;
        if (in.peek().is("burst")) {
            in.take();
            Token b = p.word("expecting number");
            burst = Values.number(b.text(), 0xffffffffL);
            Token what = p.word("expecting packets or bytes");
            if (!bytes && what.is("packets")) {
                last = what;
            } else if (bytes) {
                long mult = Values.byteUnit(what.text());
                if (mult < 0) {
                    throw p.unexpected(what, null);
                }
                burst *= mult;
                last = what;
            } else {
                throw p.unexpected(what, null);
            }
        }
        if (rate == 0) { // nft_limit_init(): a rate of 0 is EINVAL, at the statement
            kernelErrors.add(new NftError("Could not process rule: Invalid argument", w.start(), last.end()));
        }
        return new Expr.Limit(rate, unit, burst, bytes, over);
    }

    private static final List<String> LOG_LEVELS = List.of("emerg", "alert", "crit", "err", "warn", "notice", "info",
            "debug", "audit");

    /** log_stmt: log [prefix STRING] [level LEVEL]. */
    private Expr log() {
        String prefix = null;
        String level = null;
        while (true) {
            if (in.peek().is("prefix")) {
                in.take();
                Token s = in.take();
                if (s.kind() != Kind.STRING && s.kind() != Kind.WORD) {
                    throw p.unexpected(s, null);
                }
                prefix = s.text();
            } else if (in.peek().is("level")) {
                in.take();
                Token l = p.word("expecting string");
                if (!LOG_LEVELS.contains(l.text())) { // log_level_parse() in the grammar's action: YYERROR
                    throw new NftError("invalid log level", l).fromParser();
                }
                level = l.text();
            } else {
                break;
            }
        }
        return new Expr.Log(prefix, level);
    }

    private static final java.util.Map<String, Integer> ICMPX = java.util.Map.of("port-unreachable", 1,
            "admin-prohibited", 3, "host-unreachable", 2, "no-route", 0);

    /**
     * reject_stmt: reject [with icmp [type] CODE | with icmpx [type] CODE | with tcp reset], evaluated as
     * stmt_evaluate_reject() does for the family (icmpx only in inet, tcp reset only for tcp).
     */
    private Expr reject(Token w, Family family) {
        if (family == Family.ARP || family == Family.BRIDGE && l3Context != 0 && l3Context != 0x0800
                && l3Context != 0x86dd) {
            // stmt_evaluate_reject_bridge_family(): only an IPv4 or IPv6 context (the ether type's ~~~)
            while (!endsRule(in.peek(), Kind.EOF)) {
                in.take();
            }
            return refuse(l3Written == null ? new NftError("cannot reject this network family", w)
                    : new NftError("cannot reject this network family", w.start(), w.end(), l3Written.start(),
                            l3Written.end()));
        }
        if (family == Family.BRIDGE) {
            // no reject expression for NFPROTO_BRIDGE on the recorded kernel: nf_tables_expr_parse()'s lookup, which
            // precedes every expression's init, is ENOENT at the statement
            kernelErrors.add(lookups++, new NftError("Could not process rule: No such file or directory", w));
        }
        if (!in.peek().is("with")) {
            if (family == Family.INET && inetL3 == 0x0800) { // stmt_evaluate_reject_default(): an IPv4 context
                return new Expr.Reject("icmp", 3, true);
            }
            return new Expr.Reject(family == Family.INET ? "icmpx" : "icmp", family == Family.INET ? 1 : 3, false);
        }
        in.take();
        Token kind = in.take();
        if (kind.is("tcp")) {
            p.expectWord("reset");
            if (l4Context >= 0 && l4Context != 6) {
                return refuse(l4Written == null ? new NftError("you cannot use tcp reset with this protocol", w)
                        : new NftError("you cannot use tcp reset with this protocol", w.start(), w.end(),
                                l4Written.start(), l4Written.end()));
            }
            return new Expr.Reject("tcp reset", 0, true);
        }
        if (!kind.is("icmp") && !kind.is("icmpx")) {
            throw p.unexpected(kind, null);
        }
        if (in.peek().is("type")) {
            in.take();
        }
        Token code = p.word("expecting string");
        if (kind.is("icmpx")) {
            Integer c = ICMPX.get(code.text());
            if (c == null) {
                return refuse(new NftError("Could not parse reject icmpx code", code));
            }
            if (family != Family.INET && family != Family.BRIDGE) {
                return refuse(new NftError("abstracted ICMP unreachable not supported", code.start(), code.end(),
                        w.start(), w.end()));
            }
            return new Expr.Reject("icmpx", c, true);
        }
        long c;
        try {
            c = Values.parse(DataType.ICMP_CODE, code);
        } catch (NftError e) {
            return refuse(e);
        }
        return new Expr.Reject("icmp", (int) c, true);
    }

    /** The kernel errors of expression type lookups, ahead of the init errors in kernelErrors. */
    private int lookups;

    /** The inet family's network protocol the rule has settled (0x0800, 0x86dd, 0: none) and where. */
    private int inetL3;
    private Token inetL3Written;

    /** The bridge family's network protocol the rule has settled so far (an EtherType), or 0. */
    private int l3Context;

    /** The transports nft has a header description for (proto_ip's and proto_inet_service's upper layers). */
    private static final java.util.Set<Integer> TRANSPORTS = java.util.Set.of(1, 2, 6, 17, 33, 50, 51, 58, 108, 132,
            136);

    /** The transport protocol the rule has settled so far, -1 for none, -2 for one nft does not know. */
    private int l4Context;
    /** proto_ctx's protos[] of the transport base: each protocol the rule has named, in order, once. */
    private final List<Integer> l4Protos = new ArrayList<>();

    /**
     * proto_ctx_update() at the transport base, from ip protocol or ip6 nexthdr (payload_expr_pctx_update(): a
     * protocol nft has no header for settles nothing) or meta l4proto (meta_expr_pctx_update(): proto_unknown): the
     * latest is the context, and each distinct one is kept (up to PROTO_CTX_NUM_PROTOS, 16).
     */
    private void l4Update(Field f, long value, boolean singleton) {
        if (f != Field.IP_PROTOCOL && f != Field.IP6_NEXTHDR && f != Field.META_L4PROTO) {
            return;
        }
        int desc = TRANSPORTS.contains((int) value) ? (int) value : f == Field.META_L4PROTO ? -2 : -1;
        if (desc == -1) {
            return;
        }
        if (l4Protos.size() < 16 && !l4Protos.contains(desc)) {
            l4Protos.add(desc);
        }
        l4Context = desc;
        if (singleton) {
            l4Listed = desc;
        }
    }

    /**
     * The transport protocol the listing finds before the field being parsed: netlink_delinearize's context is made
     * by a match of one value (relational_expr_pctx_update() of a cmp), never by a set lookup; -1 for none.
     */
    private int l4Listed;
    /** The dependency payload_gen_dependency() puts before the field just parsed, or null. */
    private Expr.Match implicit;

    /** What evaluation refuses first in the rule being parsed: nft parses a command whole before it evaluates it. */
    private NftError evalError;

    private Expr refuse(NftError e) {
        if (evalError == null) {
            evalError = e;
        }
        return null;
    }

    /**
     * parser_bison.y's relational_expr with a symbol_expr on the left (a word or number that names no field): [==|!=]
     * then a right-hand side (a word, a string, one of keyword_expr's protocol words, @set, { ... }, a concatenation or
     * a list); it parses, and expr_evaluate_symbol() then finds no datatype: "No symbol type information" under it.
     */
    private void symbolRelation(Token w) {
        Token v = in.peek();
        if (v.kind() == Kind.EQ || v.kind() == Kind.NEQ) {
            in.take();
            v = in.peek();
        }
        if (v.kind() == Kind.AT) {
            in.take();
        } else if (v.kind() == Kind.LBRACE) {
            int depth = 0;
            do {
                Token b = in.take();
                if (b.kind() == Kind.EOF) {
                    throw p.unexpected(b, null);
                }
                depth += b.kind() == Kind.LBRACE ? 1 : b.kind() == Kind.RBRACE ? -1 : 0;
            } while (depth > 0);
        } else {
            rhsWord();
            while (in.peek().kind() == Kind.DOT || in.peek().kind() == Kind.COMMA) { // a concatenation, a list
                in.take();
                rhsWord();
            }
        }
        refuse(new NftError("No symbol type information", w));
    }

    /**
     * A primary right-hand side: a word or string, a keyword only among primary_rhs_expr's (keyword_expr's and the
     * transport protocols, `redirect` the ICMP type). Each closes the scanner scope its keyword opened, so after
     * `dnat` or `redirect` a `to` is a string again (a relation of its own).
     */
    private void rhsWord() {
        Token v = in.peek();
        if (v.kind() != Kind.WORD && v.kind() != Kind.STRING
                || p.isKeyword(NftParser.keyword(v)) && !RHS_KEYWORDS.contains(v.text())
                || v.kind() == Kind.WORD && v.text().startsWith(":") && !v.text().startsWith("::")) { // COLON
            throw p.unexpected(v, null);
        }
        int colon = v.kind() == Kind.WORD ? v.text().indexOf(':') : -1;
        if (colon > 0 && Values.ipv4(v.text().substring(0, colon)) >= 0) {
            // scanner.l's ip4addr ends at the colon: the relation is whole, and no statement begins with a COLON
            throw p.unexpected(v, "expecting end of file or newline or semicolon");
        }
        in.take();
    }

    private static final java.util.Set<String> RHS_KEYWORDS = java.util.Set.of("ether", "ip", "ip6", "vlan", "arp",
            "dnat", "snat", "ecn", "reset", "original", "reply", "label", "tcp", "udp", "udplite", "esp", "ah", "icmp",
            "igmp", "icmpv6", "comp", "dccp", "sctp", "redirect");

    private boolean sameKey(DataType[] key, Field[] fs) {
        if (key.length != fs.length) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (key[i] != typeOf(fs[i])) {
                return false;
            }
        }
        return true;
    }

    private DataType[] keyOf(Field[] fs) {
        DataType[] k = new DataType[fs.length];
        for (int i = 0; i < fs.length; i++) {
            k[i] = typeOf(fs[i]);
        }
        return k;
    }

    /** The field just parsed as the listing will name it, when that is not as written (see typeOf()). */
    private Field listedAs;
    /** The type of the field as written, which its value is evaluated with. */
    private DataType writtenType;

    /**
     * The type a field's value is evaluated with: the field's as written (th's inet_service, icmp type's), where the
     * listing names the field otherwise (netlink_delinearize's payload_expr_complete(): by the rule's transport, or
     * raw when it knows no protocol).
     */
    private DataType typeOf(Field f) {
        return f == listedAs ? writtenType : f.type;
    }

    /** A payload or meta expression starting at {@code w}. */
    private Field field(Token w, Family family) {
        Field f;
        listedAs = null;
        switch (NftParser.keyword(w)) {
            case "arp" -> {
                Token what = in.take();
                if (what.is("operation")) {
                    f = Field.ARP_OPERATION;
                } else if (what.is("htype") || what.is("ptype") || what.is("hlen") || what.is("plen")) {
                    f = what.is("htype") ? Field.ARP_HTYPE : what.is("ptype") ? Field.ARP_PTYPE
                            : what.is("hlen") ? Field.ARP_HLEN : Field.ARP_PLEN;
                } else if (what.is("saddr") || what.is("daddr")) {
                    Token kind = in.take();
                    boolean s = what.is("saddr");
                    if (kind.is("ip")) {
                        f = s ? Field.ARP_SADDR_IP : Field.ARP_DADDR_IP;
                    } else if (kind.is("ether")) {
                        f = s ? Field.ARP_SADDR_ETHER : Field.ARP_DADDR_ETHER;
                    } else {
                        throw p.unexpected(kind, null);
                    }
                } else {
                    throw p.unexpected(what, null);
                }
            }
            case "ether" -> {
                Token what = in.take();
                f = what.is("saddr") ? Field.ETHER_SADDR : what.is("daddr") ? Field.ETHER_DADDR
                        : what.is("type") ? Field.ETHER_TYPE : null;
                if (f == null) { // eth_hdr_field has three tokens: bison names them (up to four)
                    throw p.unexpected(what, "expecting saddr or daddr or type");
                }
            }
            case "ip" -> {
                Token what = in.take();
                f = switch (NftParser.keyword(what)) {
                    case "saddr" -> Field.IP_SADDR;
                    case "daddr" -> Field.IP_DADDR;
                    case "protocol" -> Field.IP_PROTOCOL;
                    case "ttl" -> Field.IP_TTL;
                    case "length" -> Field.IP_LENGTH;
                    case "id" -> Field.IP_ID;
                    default -> throw p.unexpectedInIpScope(what);
                };
            }
            case "icmp" -> {
                Token what = in.take();
                f = what.is("type") ? Field.ICMP_TYPE : what.is("code") ? Field.ICMP_CODE : null;
                if (f == null) {
                    throw p.unexpected(what, null);
                }
            }
            case "tcp", "udp" -> {
                Token what = in.take();
                boolean tcp = w.is("tcp");
                f = what.is("sport") ? (tcp ? Field.TCP_SPORT : Field.UDP_SPORT)
                        : what.is("dport") ? (tcp ? Field.TCP_DPORT : Field.UDP_DPORT) : null;
                if (f == null) {
                    throw p.unexpected(what, null);
                }
            }
            case "th" -> {
                Token what = in.take();
                f = what.is("sport") ? Field.TH_SPORT : what.is("dport") ? Field.TH_DPORT : null;
                if (f == null) {
                    throw p.unexpected(what, null);
                }
                Field th = f;
                f = f.completed(l4Listed); // the listing names it by its transport (payload_expr_complete())
                if (f.type != th.type) {
                    listedAs = f;
                    writtenType = th.type;
                }
                return f; // proto_th's payload is raw: no dependency, no protocol context checked
            }
            case "ip6" -> {
                Token what = in.take();
                f = switch (NftParser.keyword(what)) {
                    case "saddr" -> Field.IP6_SADDR;
                    case "daddr" -> Field.IP6_DADDR;
                    case "nexthdr" -> Field.IP6_NEXTHDR;
                    case "hoplimit" -> Field.IP6_HOPLIMIT;
                    default -> throw p.unexpectedInIpScope(what);
                };
            }
            case "icmpv6" -> {
                Token what = in.take();
                f = what.is("type") ? Field.ICMPV6_TYPE : what.is("code") ? Field.ICMPV6_CODE : null;
                if (f == null) {
                    throw p.unexpected(what, null);
                }
            }
            case "mark" -> f = Field.META_MARK;
            case "iifname" -> f = Field.IIFNAME;
            case "oifname" -> f = Field.OIFNAME;
            case "meta" -> {
                Token what = in.take();
                f = switch (NftParser.keyword(what)) {
                    case "iifname" -> Field.IIFNAME;
                    case "oifname" -> Field.OIFNAME;
                    case "protocol" -> Field.META_PROTOCOL;
                    case "pkttype" -> Field.META_PKTTYPE;
                    case "l4proto" -> Field.META_L4PROTO;
                    case "length" -> Field.META_LENGTH;
                    case "mark" -> Field.META_MARK;
                    default -> {
                        if (what.kind() == Kind.WORD && !p.isKeyword(what.text())
                                && !p.unexpected(what, null).getMessage().endsWith("number")) {
                            // meta_expr's META STRING: the parser's own error over "meta WORD", naming meta's keys
                            throw new NftError("syntax error, unexpected " + what.text() + ", known keys are "
                                    + META_KEYS, w.start(), what.end()).fromParser();
                        }
                        throw p.unexpected(what, null);
                    }
                };
            }
            default -> {
                if (p.isKeyword(w.text()) && !w.text().equals("set") && !w.text().equals("fwd")) {
                    throw p.unexpected(w, null); // a keyword (table, chain, ...) begins no statement
                }
                // a symbol nft cannot place: it waits for the rest of a relational expression
                Token next = in.peek();
                throw p.unexpected(next, null);
            }
        }
        String proto = f.protocol();
        String own = family == Family.ARP ? "arp" : family == Family.IP ? "ip" : null;
        if (own != null && (proto.equals("arp") || proto.equals("ip")) && !proto.equals(own)) {
            refuse(conflict(own, proto, w)); // an evaluation error: a syntax error later in the rule comes first
        }
        if (family == Family.BRIDGE && f.base == Field.Base.NETWORK && f.dependency != 0) {
            // payload_gen_dependency(): the network header the rule has settled must be the field's own
            String before = l3Name(l3Context);
            if (before != null && l3Context != f.dependency) {
                // an evaluation error: the rule's earlier statements are evaluated (and refused) first
                refuse(conflict(before, proto, w));
            }
            l3Context = f.dependency;
        }
        if (family == Family.BRIDGE && f.l4 > 0 && l4Context == -1) {
            // payload_gen_dependency() of a transport field: the network header settled must carry its protocol
            // (payload_add_dependency()); with none, payload_gen_special_dependency() settles icmp's ip and icmpv6's
            // ip6 (an ether type), tcp's and udp's nothing (proto_inet_service)
            int l3 = f.l4 == 1 ? 0x0800 : f.l4 == 58 ? 0x86dd : 0;
            if (l3Context == 0) {
                l3Context = l3;
            } else if (l3Context == 0x0806 || l3 != 0 && l3Context != l3 && (l3Context == 0x0800
                    || l3Context == 0x86dd)) {
                refuse(conflict(l3Name(l3Context), proto, w));
            }
        }
        if (family == Family.INET && f.dependency != 0 && (f.base == Field.Base.NETWORK || f.l4 == 1 || f.l4 == 58)) {
            if (inetL3 != 0 && inetL3 != f.dependency) { // payload_gen_dependency(): the network header is settled
                refuse(conflict(inetL3 == 0x0800 ? "ip" : "ip6", proto, w));
            }
            if (inetL3 == 0) { // the meta nfproto dependency settles it where the first field is written
                inetL3 = f.dependency;
                if (f.base == Field.Base.NETWORK) { // payload_gen_dependency(): "meta nfproto ipv4" first
                    implicit = new Expr.Match(new Field[] {Field.META_NFPROTO}, false, f.dependency == 0x0800 ? 2 : 10,
                            0xff, -1, null, null);
                }
                inetL3Written = new Token(Kind.WORD, "", w.start(), in.previous().end());
            }
        }
        if (f.l4 > 0 && l4Written == null) {
            l4Written = new Token(Kind.WORD, "", w.start(), in.previous().end());
        }
        if (f.l4 > 0 && l4Context >= 0 && l4Protos.size() > 1) {
            // __expr_evaluate_payload(): an ambiguous transport context (proto_ctx_is_ambiguous()) conflicts with
            // any protocol's field, named by the first other protocol of the context (proto_ctx_find_conflict())
            int mine = f.l4;
            int other = l4Protos.stream().filter(x -> x != mine).findFirst().orElseThrow();
            refuse(conflict(other == -2 ? "unknown" : Values.format(DataType.INET_PROTO, other), f.protocol(), w));
        }
        if (f.l4 > 0) { // the transport the rule already names (or the arp family's network protocol) must agree
            String before = l4Context == -2 ? "unknown" : l4Context >= 0 && l4Context != f.l4
                    ? Values.format(DataType.INET_PROTO, l4Context) : family == Family.ARP ? "arp" : null;
            if (before != null) {
                refuse(conflict(before, proto, w));
            }
            if (l4Context == -1) { // payload_gen_dependency(): "meta l4proto X" first
                implicit = new Expr.Match(new Field[] {Field.META_L4PROTO}, false, f.l4, 0xff, -1, null, null);
                l4Listed = f.l4;
            }
            if (!l4Protos.contains(f.l4)) { // the dependency's own proto_ctx_update()
                l4Protos.add(f.l4);
            }
            l4Context = f.l4;
            if (l4Listed != f.l4) { // a context only a set gave: the listing knows no protocol, th's template names
                Field raw = switch (f) { // the field, else it is raw
                    case TCP_SPORT, UDP_SPORT -> Field.TH_SPORT;
                    case TCP_DPORT, UDP_DPORT, ICMP_CHECKSUM -> Field.TH_DPORT;
                    case ICMP_TYPE -> Field.TH_RAW_0_8;
                    case ICMP_CODE -> Field.TH_RAW_8_8;
                    default -> f;
                };
                if (raw.type != f.type) {
                    listedAs = raw;
                    writtenType = f.type;
                }
                f = raw;
            }
        }
        return f;
    }

    /** The proto_desc name of the link layer's upper protocol {@code l3} (an EtherType), null for none. */
    private static String l3Name(int l3) {
        return switch (l3) {
            case 0 -> null;
            case 0x0806 -> "arp";
            case 0x0800 -> "ip";
            case 0x86dd -> "ip6";
            case 0x8100 -> "vlan";
            default -> "unknown";
        };
    }

    /** The field just read (from {@code w}) names another protocol than the rule's own at its layer. */
    private NftError conflict(String before, String proto, Token w) {
        return new NftError("conflicting protocols specified: " + before + " vs. " + proto, w.start(),
                in.previous().end());
    }
}
