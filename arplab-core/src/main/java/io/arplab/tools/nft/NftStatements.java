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
    record PendingSet(DataType[] key, List<long[]> elements, int index) {}

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
        while (!endsRule(in.peek(), closer)) {
            Token first = in.peek();
            NftError before = evalError;
            Expr e = statement(t, exprs, anonymous, closer);
            if (terminal != null && before == null) {
                // rule_evaluate(): in order, each statement checked against the terminal one before its evaluation
                evalError = new NftError("Statement after terminal statement has no effect", first.start(),
                        in.previous().end(), terminal.start(), terminal.end());
            }
            if (e instanceof Expr.Verdict) {
                terminal = first.start() == in.previous().start() ? first
                        : new Token(Kind.WORD, "", first.start(), in.previous().end());
            }
            exprs.add(e);
        }
        if (evalError != null) { // the whole command parsed, the first statement nft cannot evaluate
            throw evalError;
        }
        eliminateDependencies(t.family, exprs);
        return exprs;
    }

    /** payload_dependency_kill(): an "ether type X" a later match of protocol X implies is not kept. */
    private static void eliminateDependencies(Family family, List<Expr> exprs) {
        if (family != Family.BRIDGE && family != Family.INET) {
            return;
        }
        for (int i = 0; i < exprs.size(); i++) {
            if (exprs.get(i) instanceof Expr.Match m && m.fields().length == 1 && m.fields()[0] == Field.ETHER_TYPE
                    && !m.negated() && m.set() == null) {
                for (int j = i + 1; j < exprs.size(); j++) {
                    if (exprs.get(j) instanceof Expr.Match later && later.fields()[0].dependency == m.value()) {
                        exprs.remove(i--);
                        break;
                    }
                }
            }
        }
    }

    private Expr statement(Table t, List<Expr> before, List<PendingSet> anonymous, Kind closer) {
        Token w = in.take();
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
                Token target = p.word("expecting string");
                if (p.existingChain(t, target).isBase()) {
                    throw new NftError("Could not process rule: Operation not supported", target); // nft_validate_register_store(): no jump to a base chain
                }
                return new Expr.Verdict(w.is("jump") ? Expr.Verdict.Kind.JUMP : Expr.Verdict.Kind.GOTO, target.text());
            }
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
        while (in.peek().kind() == Kind.DOT) {
            in.take();
            fields.add(field(in.take(), t.family));
        }
        Field[] fs = fields.toArray(new Field[0]);
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
            if (s == null) {
                throw new NftError("No such file or directory", v);
            }
            if (!sameKey(s.key, fs)) {
                throw new NftError("datatype mismatch, expected " + NftParser.describeKey(keyOf(fs)) + ", set has type "
                        + NftParser.describeKey(s.key), v);
            }
            return new Expr.Match(fs, negated, 0, 0, 0, null, s);
        }
        if (v.kind() == Kind.LBRACE) {
            List<long[]> elements = p.elements(keyOf(fs));
            anonymous.add(new PendingSet(keyOf(fs), elements, before.size()));
            return new Expr.Match(fs, negated, 0, 0, 0, null, null);
        }
        if (endsRule(v, Kind.EOF) || v.kind() != Kind.WORD && v.kind() != Kind.STRING) {
            throw p.unexpected(v, null);
        }
        in.take();
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
        if (v.kind() == Kind.WORD && v.text().contains(":") && Values.mac(v.text()) < 0) {
            throw p.unexpected(v, "expecting end of file or newline or semicolon");
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
            prefix = (int) bits;
        }
        long value;
        try { // expr_evaluate_symbol(): after the whole command is parsed
            value = Values.parse(f.type, new Token(v.kind(), text, v.start(), v.start() + text.length()));
        } catch (NftError e) {
            return refuse(e);
        }
        long all = f.type.size == 8 ? -1L : (1L << (8 * f.type.size)) - 1;
        long mask = prefix < 0 ? all : prefix == 0 ? 0 : (all << (32 - prefix)) & all;
        return new Expr.Match(fs, negated, value & mask, mask, prefix < 0 ? -1 : prefix, null, null);
    }

    /** The words that begin the fields a statement matches (see field()). */
    private static final List<String> FIELDS = List.of("arp", "ether", "ip", "iifname", "oifname", "meta");

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

    /** A primary right-hand side: a word or string, a keyword only among keyword_expr's (ether, ip, arp). */
    private void rhsWord() {
        Token v = in.peek();
        if (v.kind() != Kind.WORD && v.kind() != Kind.STRING
                || p.isKeyword(NftParser.keyword(v)) && !v.is("ether") && !v.is("ip") && !v.is("arp")) {
            throw p.unexpected(v, null);
        }
        in.take();
    }

    private static boolean sameKey(DataType[] key, Field[] fs) {
        if (key.length != fs.length) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (key[i] != fs[i].type) {
                return false;
            }
        }
        return true;
    }

    private static DataType[] keyOf(Field[] fs) {
        DataType[] k = new DataType[fs.length];
        for (int i = 0; i < fs.length; i++) {
            k[i] = fs[i].type;
        }
        return k;
    }

    /** A payload or meta expression starting at {@code w}. */
    private Field field(Token w, Family family) {
        Field f;
        switch (NftParser.keyword(w)) {
            case "arp" -> {
                Token what = in.take();
                if (what.is("operation")) {
                    f = Field.ARP_OPERATION;
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
                if (f == null) {
                    throw p.unexpected(what, null);
                }
            }
            case "ip" -> {
                Token what = in.take();
                f = what.is("saddr") ? Field.IP_SADDR : what.is("daddr") ? Field.IP_DADDR : null;
                if (f == null) {
                    throw p.unexpected(what, null);
                }
            }
            case "iifname" -> f = Field.IIFNAME;
            case "oifname" -> f = Field.OIFNAME;
            case "meta" -> {
                Token what = in.take();
                f = switch (NftParser.keyword(what)) {
                    case "iifname" -> Field.IIFNAME;
                    case "oifname" -> Field.OIFNAME;
                    case "protocol" -> Field.META_PROTOCOL;
                    case "pkttype" -> Field.META_PKTTYPE;
                    default -> throw p.unexpected(what, null);
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
            throw new NftError("conflicting protocols specified: " + own + " vs. " + proto, w.start(), in.previous().end());
        }
        return f;
    }
}
