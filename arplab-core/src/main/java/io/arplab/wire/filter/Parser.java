package io.arplab.wire.filter;

import io.arplab.wire.filter.Node.Cmp;
import io.arplab.wire.filter.Node.Op;
import io.arplab.wire.filter.Token.Kind;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for pcap-filter(7) that generates the tests as it reduces, in source order, the way
 * libpcap's grammar.y drives gencode.c ({@link Gencode}). That order matters: {@code vlan} moves the network-layer
 * offsets of every primitive parsed after it, and a bare address after {@code and}/{@code or} takes the qualifiers of
 * what stands to its left ({@code host 10.0.0.1 or 10.0.0.2}).
 *
 * <p>{@code and} and {@code or} have equal precedence and associate to the left; {@code not} binds tighter.
 */
final class Parser {
    /** Qualifiers: proto ("" default, "ether", "ip" ...), dir ("", src, dst, or, and), addr ("", host, net, port ...). */
    record Qual(String proto, String dir, String addr) {
        boolean undefined() {
            return addr == null;
        }
    }

    /** A parsed piece and the qualifiers a following bare id inherits from it. */
    private record R(Node node, Qual q) {}

    /** Grammar mismatch during a speculative parse: undo and try the other reading. */
    private static final class Backtrack extends RuntimeException {
        final Token at;

        Backtrack(Token at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    static final Qual QERR = new Qual(null, null, null);
    static final long ETHERMTU = 1500;
    private static final Set<String> PNAMES = Set.of("ether", "ip", "arp", "rarp", "sctp", "tcp", "udp", "icmp",
            "igmp", "igrp", "pim", "vrrp", "carp", "radio", "ip6", "icmp6", "ah", "esp", "atalk", "aarp", "decnet",
            "lat", "sca", "moprc", "mopdl", "iso", "esis", "isis", "l1", "l2", "iih", "lsp", "snp", "csnp", "psnp",
            "clnp", "stp", "ipx", "netbeui");
    private static final Set<String> AQUALS = Set.of("host", "net", "port", "portrange", "gateway");
    private static final Set<String> TRANSPORTS = Set.of("tcp", "udp", "icmp", "sctp", "igmp", "igrp", "pim", "vrrp",
            "carp");
    static final Set<String> UNSUPPORTED = Set.of("radio", "esis", "isis", "l1", "l2", "iih", "lsp", "snp",
            "csnp", "psnp", "clnp", "protochain", "type", "subtype", "dir", "addr1", "addr2", "addr3", "addr4", "ra",
            "ta", "byte", "mpls", "pppoed", "pppoes", "geneve", "lane", "metac", "bcc", "oam", "oamf4", "oamf4ec",
            "oamf4sc", "sc", "ilmisc", "vpi", "vci", "connectmsg", "metaconnect", "on", "rnr", "reason", "rset",
            "srnr", "action", "fisu", "lssu", "lsu", "sio", "opc", "dpc", "sls", "hfisu", "hlssu", "hlsu", "hsio",
            "hopc", "hdpc", "hsls", "ifindex");

    /** Nesting beyond this is refused rather than risking the thread's stack (yacc has a stack limit too). */
    static final int MAX_NESTING = 100;
    /** Operators in one arithmetic expression, for the same reason. */
    static final int MAX_ARITH_OPERATORS = 300;

    private final List<Token> tokens;
    private int pos;
    private int depth;
    private int arithOperators;
    private final Gencode gen = new Gencode();

    private Parser(String expression) {
        this.tokens = Lexer.tokenize(expression);
    }

    /** The compiled expression, or null when it is empty (every frame passes). */
    static Node parse(String expression) {
        Parser p = new Parser(expression);
        if (p.peek().kind() == Kind.END) {
            return null;
        }
        R r;
        try {
            r = p.expr(QERR);
        } catch (Backtrack b) {
            throw unexpected(b.at);
        }
        if (p.peek().kind() != Kind.END) {
            throw unexpected(p.peek());
        }
        return r.node;
    }

    // ---------------------------------------------------------------- grammar

    private R expr(Qual left) {
        R r = term(left);
        while (isAnd(peek()) || isOr(peek())) {
            boolean and = isAnd(next());
            R rhs = startsId() ? id(r.q) : term(r.q);
            r = new R(and ? Node.and(r.node, rhs.node) : Node.or(r.node, rhs.node), rhs.q);
        }
        return r;
    }

    /** After and/or: does a bare id (address, name, number) follow, perhaps behind '(' and 'not'? */
    private boolean startsId() {
        int j = pos;
        while (tokens.get(j).isOp("(") || isNot(tokens.get(j))) {
            j++;
        }
        Token t = tokens.get(j);
        return switch (t.kind()) {
            case ID, HID, HID6, EID -> true;
            case NUM -> !isArithOrRelop(tokens.get(j + 1));
            default -> false;
        };
    }

    private R term(Qual left) {
        enter();
        try {
            if (isNot(peek())) {
                next();
                R r = term(left);
                return new R(Node.not(r.node), r.q);
            }
            return rterm(left);
        } finally {
            depth--;
        }
    }

    private void enter() {
        if (++depth > MAX_NESTING) {
            throw new FilterSyntaxException("syntax error in filter expression: nested more than " + MAX_NESTING
                    + " deep at column " + peek().column());
        }
    }

    private R rterm(Qual left) {
        Token t = peek();
        if (t.isOp("(")) {
            int save = pos;
            try {
                return new R(relation(), QERR);
            } catch (Backtrack b) {
                pos = save;
            }
            next();
            R r = expr(left);
            expect(")");
            return new R(r.node, left);
        }
        if (t.kind() == Kind.NUM || t.isOp("-") || t.isKeyword("len")) {
            return new R(relation(), QERR);
        }
        if (t.kind() != Kind.KEYWORD) {
            throw unexpected(t);
        }
        String k = t.text();
        if (PNAMES.contains(k)) {
            Token after = peekAt(1);
            if (after.isOp("[")) {
                return new R(relation(), QERR);
            }
            if (after.kind() == Kind.KEYWORD) {
                String a = after.text();
                if (a.equals("src") || a.equals("dst") || AQUALS.contains(a) || a.equals("proto")
                        || a.equals("protochain")) {
                    next();
                    return head(k);
                }
                if (a.equals("broadcast") || a.equals("multicast")) {
                    next();
                    next();
                    return new R(a.equals("broadcast") ? gen.broadcast(k, t) : gen.multicast(k, t), QERR);
                }
            }
            next();
            return new R(gen.protoAbbrev(k, t), QERR);
        }
        if (k.equals("src") || k.equals("dst") || AQUALS.contains(k) || k.equals("proto") || k.equals("protochain")) {
            return head("");
        }
        next();
        switch (k) {
            case "broadcast":
                return new R(gen.broadcast("", t), QERR);
            case "multicast":
                return new R(gen.multicast("", t), QERR);
            case "less":
            case "greater": {
                long n = pnum();
                Node len = new Node.Rel(new Arith.Len(), k.equals("less") ? Op.GT : Op.GE, new Arith.Const(n));
                return new R(k.equals("less") ? Node.not(len) : len, QERR);
            }
            case "vlan":
                return new R(vlan(), QERR);
            case "llc":
                if (peek().kind() == Kind.ID) {
                    throw unsupported("llc " + peek().text());
                }
                return new R(Node.and(Node.not(Cmp.abs(12 + gen.shift, 2, Op.GT, ETHERMTU)),
                        Node.not(Cmp.abs(14 + gen.shift, 2, Op.EQ, 0xffff))), QERR);
            case "inbound":
            case "outbound":
                throw new FilterSyntaxException("inbound/outbound not supported on Ethernet when reading savefiles");
            default:
                if (UNSUPPORTED.contains(k)) {
                    throw unsupported(k);
                }
                throw unexpected(t);
        }
    }

    /** {@code pqual dqual aqual id}, {@code pqual PROTO id} and their shorter forms; the pname is already read. */
    private R head(String proto) {
        String dir = "";
        String addr = "";
        Token t = peek();
        if (t.isKeyword("src") || t.isKeyword("dst")) {
            next();
            dir = t.text();
            Token conj = peek();
            String other = dir.equals("src") ? "dst" : "src";
            if ((isAnd(conj) || isOr(conj)) && peekAt(1).isKeyword(other)) {
                next();
                next();
                dir = isAnd(conj) ? "and" : "or";
            }
            if (peek().kind() == Kind.KEYWORD && AQUALS.contains(peek().text())) {
                addr = next().text();
            }
        } else if (t.kind() == Kind.KEYWORD && (AQUALS.contains(t.text()) || t.text().equals("proto"))) {
            addr = next().text();
        } else if (t.isKeyword("protochain")) {
            throw unsupported("protochain");
        } else {
            throw unexpected(t);
        }
        Qual q = new Qual(proto, dir, addr);
        return id(q);
    }

    private R id(Qual q) {
        enter();
        try {
            return idInner(q);
        } finally {
            depth--;
        }
    }

    private R idInner(Qual q) {
        Token t = peek();
        if (t.isOp("(")) {
            next();
            R r = id(q);
            while (isAnd(peek()) || isOr(peek())) {
                boolean and = isAnd(next());
                R rhs = id(q);
                r = new R(and ? Node.and(r.node, rhs.node) : Node.or(r.node, rhs.node), q);
            }
            expect(")");
            return new R(r.node, q);
        }
        if (isNot(t)) {
            next();
            R r = id(q);
            return new R(Node.not(r.node), r.q);
        }
        next();
        switch (t.kind()) {
            case NUM:
                return new R(gen.ncode(null, t.number(), q, t), q);
            case ID:
                return new R(gen.scode(t.text(), q, t), q);
            case HID:
                if (peek().isOp("/")) {
                    next();
                    Token n = expectKind(Kind.NUM);
                    return new R(gen.mcode(t.text(), null, n.number(), q), q);
                }
                if (peek().isKeyword("mask")) {
                    next();
                    Token m = expectKind(Kind.HID);
                    return new R(gen.mcode(t.text(), m.text(), 0, q), q);
                }
                return new R(gen.ncode(t.text(), 0, q, t), q);
            case HID6:
                if (peek().isOp("/")) {
                    next();
                    Token n = expectKind(Kind.NUM);
                    return new R(gen.mcode6(t.text(), n.number(), q, t), q);
                }
                return new R(gen.mcode6(t.text(), 128, q, t), q);
            case EID:
                return new R(gen.ecode(t.text(), q, t), q);
            default:
                throw unexpected(t);
        }
    }

    /** {@code pnum: NUM | '(' pnum ')'} */
    private long pnum() {
        if (peek().isOp("(")) {
            next();
            long v = pnum();
            expect(")");
            return v;
        }
        return expectKind(Kind.NUM).number();
    }

    private Node vlan() {
        Token t = peek();
        long vid = -1;
        if (t.kind() == Kind.NUM || t.isOp("(") && peekAt(1).kind() == Kind.NUM) {
            vid = pnum();
            if (vid > 4095) {
                throw new FilterSyntaxException("VLAN tag " + vid + " greater than maximum 4095");
            }
        }
        int lt = 12 + gen.shift;
        Node b = Node.or(Node.or(Cmp.abs(lt, 2, Op.EQ, 0x8100), Cmp.abs(lt, 2, Op.EQ, 0x88a8)),
                Cmp.abs(lt, 2, Op.EQ, 0x9100));
        if (vid >= 0) {
            b = Node.and(b, new Cmp(-1, lt + 2, 2, 0x0fff, Op.EQ, vid));
        }
        // gencode.c: everything parsed after 'vlan' looks 4 bytes further into the frame
        gen.shift += 4;
        return b;
    }

    // ---------------------------------------------------------------- relations (arith relop arith)

    private sealed interface A permits Num, LenA, LoadA, BinA, NegA {}

    private record Num(long v) implements A {}

    private record LenA() implements A {}

    private record LoadA(String proto, A index, long size, Token at) implements A {}

    private record BinA(String op, A a, A b) implements A {}

    private record NegA(A a) implements A {}

    private record Gen(Arith value, Node checks) {}

    private Node relation() {
        A a = arith(0);
        Token r = peek();
        Op op;
        boolean negate = false;
        switch (r.kind() == Kind.OP ? r.text() : "") {
            case ">" -> op = Op.GT;
            case ">=" -> op = Op.GE;
            case "=", "==" -> op = Op.EQ;
            case "<" -> { op = Op.GE; negate = true; }
            case "<=" -> { op = Op.GT; negate = true; }
            case "!=" -> { op = Op.EQ; negate = true; }
            default -> throw new Backtrack(r);
        }
        next();
        A b = arith(0);
        Gen ga = gen(a);
        Gen gb = gen(b);
        Node rel = new Node.Rel(ga.value, op, gb.value);
        if (negate) {
            rel = Node.not(rel);
        }
        return Node.and(Node.and(ga.checks, gb.checks), rel);
    }

    private static int precedence(Token t) {
        if (t.kind() != Kind.OP) {
            return -1;
        }
        return switch (t.text()) {
            case "|" -> 1;
            case "&" -> 2;
            case "<<", ">>" -> 3;
            case "+", "-" -> 4;
            case "*", "/", "%" -> 5;
            default -> -1;
        };
    }

    private static boolean isArithOrRelop(Token t) {
        return precedence(t) > 0 || t.kind() == Kind.OP && Set.of("^", ">", ">=", "=", "==", "<", "<=", "!=")
                .contains(t.text());
    }

    private A arith(int minPrec) {
        A lhs = operand();
        while (true) {
            int p = precedence(peek());
            if (p < 0 || p < minPrec) {
                return lhs;
            }
            Token opToken = next();
            String op = opToken.text();
            if (++arithOperators > MAX_ARITH_OPERATORS) {
                throw new FilterSyntaxException("syntax error in filter expression: more than " + MAX_ARITH_OPERATORS
                        + " arithmetic operators at column " + opToken.column());
            }
            A rhs = arith(p + 1);
            lhs = new BinA(op, lhs, rhs);
        }
    }

    /**
     * One operand. '^' has no precedence in grammar.y, so yacc shifts it everywhere: it takes the operand just read on
     * its left and the whole arithmetic expression that follows on its right.
     */
    private A operand() {
        enter();
        try {
            return operandInner();
        } finally {
            depth--;
        }
    }

    private A operandInner() {
        Token t = next();
        A x;
        if (t.isOp("-")) {
            x = new NegA(operand());
            return x;
        } else if (t.isOp("(")) {
            x = arith(0);
            if (!peek().isOp(")")) {
                throw new Backtrack(peek());
            }
            next();
        } else if (t.kind() == Kind.NUM) {
            x = new Num(t.number());
        } else if (t.isKeyword("len")) {
            x = new LenA();
        } else if (t.kind() == Kind.KEYWORD && PNAMES.contains(t.text()) && peek().isOp("[")) {
            next();
            A index = arith(0);
            long size = 1;
            if (peek().isOp(":")) {
                next();
                Token n = peek();
                if (n.kind() != Kind.NUM) {
                    throw new Backtrack(n);
                }
                next();
                size = n.number();
            }
            if (!peek().isOp("]")) {
                throw new Backtrack(peek());
            }
            next();
            x = new LoadA(t.text(), index, size, t);
        } else {
            throw new Backtrack(t);
        }
        if (peek().isOp("^")) {
            next();
            x = new BinA("^", x, arith(0));
        }
        return x;
    }

    private Gen gen(A a) {
        if (a instanceof Num n) {
            return new Gen(new Arith.Const(n.v), null);
        }
        if (a instanceof LenA) {
            return new Gen(new Arith.Len(), null);
        }
        if (a instanceof NegA n) {
            Gen g = gen(n.a);
            return new Gen(new Arith.Neg(g.value), g.checks);
        }
        if (a instanceof BinA b) {
            if (b.b instanceof Num n) {
                if (b.op.equals("/") && n.v == 0) {
                    throw new FilterSyntaxException("division by zero");
                }
                if (b.op.equals("%") && n.v == 0) {
                    throw new FilterSyntaxException("modulus by zero");
                }
                if ((b.op.equals("<<") || b.op.equals(">>")) && n.v > 31) {
                    throw new FilterSyntaxException("shift by more than 31 bits");
                }
            }
            Gen x = gen(b.a);
            Gen y = gen(b.b);
            // gencode.c's gen_arth() keeps only the left operand's protocol checks
            return new Gen(new Arith.Bin(b.op, x.value, y.value), x.checks);
        }
        LoadA l = (LoadA) a;
        Gen index = gen(l.index);
        if (l.size != 1 && l.size != 2 && l.size != 4) {
            throw new FilterSyntaxException("data size must be 1, 2, or 4");
        }
        int size = (int) l.size;
        int nl = 14 + gen.shift;
        String p = l.proto;
        if (p.equals("ether")) {
            return new Gen(new Arith.Load(index.value, 0, -1, size), index.checks);
        }
        if (Set.of("ip", "arp", "rarp", "ip6", "atalk", "aarp", "decnet", "lat", "sca", "moprc", "mopdl")
                .contains(p)) {
            return new Gen(new Arith.Load(index.value, nl, -1, size), Node.and(index.checks, gen.protoAbbrev(p, l.at)));
        }
        if (TRANSPORTS.contains(p)) {
            Node checks = Node.and(gen.linktype(0x0800),
                    Node.and(index.checks, Node.and(gen.protoAbbrev(p, l.at), gen.ipfrag())));
            return new Gen(new Arith.Load(index.value, nl, nl, size), checks);
        }
        if (p.equals("icmp6")) {
            Node checks = Node.and(index.checks, Node.and(gen.linktype(0x86dd), Cmp.abs(nl + 6, 1, Op.EQ, 58)));
            return new Gen(new Arith.Load(index.value, nl + 40, -1, size), checks);
        }
        if (UNSUPPORTED.contains(p)) {
            throw unsupported(p + "[]");
        }
        throw new FilterSyntaxException("unsupported index operation");
    }

    // ---------------------------------------------------------------- tokens

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.END) {
            pos++;
        }
        return t;
    }

    private void expect(String op) {
        Token t = peek();
        if (!t.isOp(op)) {
            throw unexpected(t);
        }
        next();
    }

    private Token expectKind(Kind k) {
        Token t = peek();
        if (t.kind() != k) {
            throw unexpected(t);
        }
        return next();
    }

    private static boolean isAnd(Token t) {
        return t.isKeyword("and") || t.isOp("&&");
    }

    private static boolean isOr(Token t) {
        return t.isKeyword("or") || t.isOp("||");
    }

    private static boolean isNot(Token t) {
        return t.isKeyword("not") || t.isOp("!");
    }

    private static FilterSyntaxException unexpected(Token t) {
        if (t.kind() == Kind.END) {
            return new FilterSyntaxException("syntax error in filter expression: unexpected end of expression", true);
        }
        return new FilterSyntaxException("syntax error in filter expression: unexpected '" + t.text() + "' at column "
                + t.column(), true);
    }

    static FilterSyntaxException noQualifier(Token t) {
        return new FilterSyntaxException("syntax error in filter expression: '" + t.text() + "' at column "
                + t.column() + " has no qualifier to inherit (write 'host " + t.text() + "', 'port " + t.text()
                + "' ...)");
    }

    static FilterSyntaxException unsupported(String what) {
        return new FilterSyntaxException("filter primitive '" + what + "' is not supported by arplab");
    }
}
