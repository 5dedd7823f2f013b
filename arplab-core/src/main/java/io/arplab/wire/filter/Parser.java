package io.arplab.wire.filter;

import io.arplab.wire.filter.Node.Cmp;
import io.arplab.wire.filter.Node.Op;
import io.arplab.wire.filter.Token.Kind;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for pcap-filter(7) that generates the tests as it reduces, in source order, the way
 * libpcap's grammar.y drives gencode.c. That order matters: {@code vlan} moves the network-layer offsets of every
 * primitive parsed after it, and a bare address after {@code and}/{@code or} takes the qualifiers of what stands to its
 * left ({@code host 10.0.0.1 or 10.0.0.2}).
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
    private static final long ETHERMTU = 1500;
    private static final Set<String> PNAMES = Set.of("ether", "ip", "arp", "rarp", "sctp", "tcp", "udp", "icmp",
            "igmp", "igrp", "pim", "vrrp", "carp", "radio", "ip6", "icmp6", "ah", "esp", "atalk", "aarp", "decnet",
            "lat", "sca", "moprc", "mopdl", "iso", "esis", "isis", "l1", "l2", "iih", "lsp", "snp", "csnp", "psnp",
            "clnp", "stp", "ipx", "netbeui");
    private static final Set<String> AQUALS = Set.of("host", "net", "port", "portrange", "gateway");
    private static final Set<String> TRANSPORTS = Set.of("tcp", "udp", "icmp", "sctp", "igmp", "igrp", "pim", "vrrp",
            "carp");
    private static final Set<String> UNSUPPORTED = Set.of("radio", "esis", "isis", "l1", "l2", "iih", "lsp", "snp",
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
    /** Bytes that {@code vlan} primitives parsed so far add to the link-layer type and payload offsets. */
    private int shift;

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
                    return new R(a.equals("broadcast") ? broadcast(k, t) : multicast(k, t), QERR);
                }
            }
            next();
            return new R(protoAbbrev(k, t), QERR);
        }
        if (k.equals("src") || k.equals("dst") || AQUALS.contains(k) || k.equals("proto") || k.equals("protochain")) {
            return head("");
        }
        next();
        switch (k) {
            case "broadcast":
                return new R(broadcast("", t), QERR);
            case "multicast":
                return new R(multicast("", t), QERR);
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
                return new R(Node.and(Node.not(Cmp.abs(12 + shift, 2, Op.GT, ETHERMTU)),
                        Node.not(Cmp.abs(14 + shift, 2, Op.EQ, 0xffff))), QERR);
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
                return new R(ncode(null, t.number(), q, t), q);
            case ID:
                return new R(scode(t.text(), q, t), q);
            case HID:
                if (peek().isOp("/")) {
                    next();
                    Token n = expectKind(Kind.NUM);
                    return new R(mcode(t.text(), null, n.number(), q), q);
                }
                if (peek().isKeyword("mask")) {
                    next();
                    Token m = expectKind(Kind.HID);
                    return new R(mcode(t.text(), m.text(), 0, q), q);
                }
                return new R(ncode(t.text(), 0, q, t), q);
            case HID6:
                if (peek().isOp("/")) {
                    next();
                    Token n = expectKind(Kind.NUM);
                    return new R(mcode6(t.text(), n.number(), q, t), q);
                }
                return new R(mcode6(t.text(), 128, q, t), q);
            case EID:
                return new R(ecode(t.text(), q, t), q);
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
        int lt = 12 + shift;
        Node b = Node.or(Node.or(Cmp.abs(lt, 2, Op.EQ, 0x8100), Cmp.abs(lt, 2, Op.EQ, 0x88a8)),
                Cmp.abs(lt, 2, Op.EQ, 0x9100));
        if (vid >= 0) {
            b = Node.and(b, new Cmp(-1, lt + 2, 2, 0x0fff, Op.EQ, vid));
        }
        // gencode.c: everything parsed after 'vlan' looks 4 bytes further into the frame
        shift += 4;
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
        int nl = 14 + shift;
        String p = l.proto;
        if (p.equals("ether")) {
            return new Gen(new Arith.Load(index.value, 0, -1, size), index.checks);
        }
        if (Set.of("ip", "arp", "rarp", "ip6", "atalk", "aarp", "decnet", "lat", "sca", "moprc", "mopdl")
                .contains(p)) {
            return new Gen(new Arith.Load(index.value, nl, -1, size), Node.and(index.checks, protoAbbrev(p, l.at)));
        }
        if (TRANSPORTS.contains(p)) {
            Node checks = Node.and(linktype(0x0800),
                    Node.and(index.checks, Node.and(protoAbbrev(p, l.at), ipfrag())));
            return new Gen(new Arith.Load(index.value, nl, nl, size), checks);
        }
        if (p.equals("icmp6")) {
            Node checks = Node.and(index.checks, Node.and(linktype(0x86dd), Cmp.abs(nl + 6, 1, Op.EQ, 58)));
            return new Gen(new Arith.Load(index.value, nl + 40, -1, size), checks);
        }
        if (UNSUPPORTED.contains(p)) {
            throw unsupported(p + "[]");
        }
        throw new FilterSyntaxException("unsupported index operation");
    }

    // ---------------------------------------------------------------- gencode rules

    /** gen_linktype() for Ethernet (gen_ether_linktype): Ethernet II types, and LLC SAPs for values up to 1500. */
    private Node linktype(long p) {
        int lt = 12 + shift;
        int pl = 14 + shift;
        Node isLlc = Node.not(Cmp.abs(lt, 2, Op.GT, ETHERMTU));
        if (p == 0x06 || p == 0xfe || p == 0xf0) {
            // LLCSAP_IP, LLCSAP_ISONS, LLCSAP_NETBEUI: DSAP and SSAP both
            return Node.and(isLlc, Cmp.abs(pl, 2, Op.EQ, (p << 8) | p));
        }
        if (p == 0xe0) {
            // IPX: Ethernet II, SNAP, 802.2 with the IPX SAP, or Novell raw 802.3
            Node snap = Node.and(Cmp.abs(pl + 4, 4, Op.EQ, 0x8137), Cmp.abs(pl, 4, Op.EQ, 0xaaaa0300L));
            return Node.or(Cmp.abs(lt, 2, Op.EQ, 0x8137), Node.and(isLlc,
                    Node.or(snap, Node.or(Cmp.abs(pl, 1, Op.EQ, 0xe0), Cmp.abs(pl, 2, Op.EQ, 0xffff)))));
        }
        if (p == 0x809b) {
            // AppleTalk: Ethernet II or SNAP with Apple's OUI 08:00:07
            return Node.or(Cmp.abs(lt, 2, Op.EQ, 0x809b), Node.and(isLlc,
                    Node.and(Cmp.abs(pl + 4, 4, Op.EQ, 0x0007809bL), Cmp.abs(pl, 4, Op.EQ, 0xaaaa0308L))));
        }
        if (p == 0x80f3) {
            return Node.or(Cmp.abs(lt, 2, Op.EQ, 0x80f3), Node.and(isLlc,
                    Node.and(Cmp.abs(pl + 4, 4, Op.EQ, 0x80f3), Cmp.abs(pl, 4, Op.EQ, 0xaaaa0300L))));
        }
        if (p <= ETHERMTU) {
            return Node.and(isLlc, Cmp.abs(pl, 1, Op.EQ, p));
        }
        return Cmp.abs(lt, 2, Op.EQ, p);
    }

    /** gen_ipfrag(): not a fragment after the first (ip[6:2] & 0x1fff == 0). */
    private Node ipfrag() {
        return Node.not(new Cmp(-1, 14 + shift + 6, 2, 0xffff_ffffL, Op.SET, 0x1fff));
    }

    /** A protocol name standing alone (gen_proto_abbrev). */
    private Node protoAbbrev(String p, Token at) {
        return switch (p) {
            case "sctp" -> proto(132, "", at);
            case "tcp" -> proto(6, "", at);
            case "udp" -> proto(17, "", at);
            case "icmp" -> proto(1, "ip", at);
            case "igmp" -> proto(2, "ip", at);
            case "igrp" -> proto(9, "ip", at);
            case "pim" -> proto(103, "", at);
            case "vrrp", "carp" -> proto(112, "ip", at);
            case "ip" -> linktype(0x0800);
            case "arp" -> linktype(0x0806);
            case "rarp" -> linktype(0x8035);
            case "ip6" -> linktype(0x86dd);
            case "icmp6" -> proto(58, "ip6", at);
            case "ah" -> proto(51, "", at);
            case "esp" -> proto(50, "", at);
            case "atalk" -> linktype(0x809b);
            case "aarp" -> linktype(0x80f3);
            case "decnet" -> linktype(0x6003);
            case "lat" -> linktype(0x6004);
            case "sca" -> linktype(0x6007);
            case "moprc" -> linktype(0x6002);
            case "mopdl" -> linktype(0x6001);
            case "iso" -> linktype(0xfe);
            case "stp" -> linktype(0x42);
            case "ipx" -> linktype(0xe0);
            case "netbeui" -> linktype(0xf0);
            case "ether" -> throw new FilterSyntaxException("link layer applied in wrong context");
            default -> throw unsupported(p);
        };
    }

    /** gen_proto(): "proto N" under a protocol qualifier. */
    private Node proto(long v, String p, Token at) {
        int nl = 14 + shift;
        return switch (p) {
            case "" -> Node.or(proto(v, "ip", at), proto(v, "ip6", at));
            case "ether" -> linktype(v);
            case "ip" -> Node.and(linktype(0x0800), Cmp.abs(nl + 9, 1, Op.EQ, v));
            case "ip6" -> Node.and(linktype(0x86dd), Node.or(Cmp.abs(nl + 6, 1, Op.EQ, v),
                    // a fragment header before the final header
                    Node.and(Cmp.abs(nl + 6, 1, Op.EQ, 44), Cmp.abs(nl + 40, 1, Op.EQ, v))));
            case "arp", "rarp", "aarp", "stp", "ipx", "netbeui", "lat", "sca", "moprc", "mopdl" ->
                    throw new FilterSyntaxException(p + " does not encapsulate another protocol");
            case "atalk", "decnet" -> throw new FilterSyntaxException(p + " encapsulation is not specifiable");
            case "sctp", "tcp", "udp", "icmp", "igmp", "igrp", "pim", "vrrp", "carp", "icmp6", "ah", "esp" ->
                    throw new FilterSyntaxException("'" + p + " proto' is bogus");
            default -> throw unsupported(p + " proto");
        };
    }

    /** gen_ncode(): a number or dotted address under qualifiers. */
    private Node ncode(String s, long v, Qual q, Token at) {
        if (q.undefined()) {
            throw noQualifier(at);
        }
        int vlen = 32;
        if (s != null) {
            long[] a = Addresses.parseIpv4Prefix(s);
            if (a == null) {
                throw new FilterSyntaxException("invalid IPv4 address '" + s + "'");
            }
            v = a[0];
            vlen = (int) a[1];
        }
        switch (q.addr) {
            case "", "host", "net" -> {
                if (q.proto.equals("ether")) {
                    throw new FilterSyntaxException("illegal link layer address");
                }
                long mask = 0xffff_ffffL;
                if (s == null && q.addr.equals("net")) {
                    // a short net number: "net 10" is 10.0.0.0/8
                    while (v != 0 && (v & 0xff00_0000L) == 0) {
                        v = (v << 8) & 0xffff_ffffL;
                        mask = (mask << 8) & 0xffff_ffffL;
                    }
                } else {
                    v = (v << (32 - vlen)) & 0xffff_ffffL;
                    mask = (mask << (32 - vlen)) & 0xffff_ffffL;
                }
                return host(v, mask, q.proto, q.dir, q.addr);
            }
            case "port", "portrange" -> {
                int ipproto = portProto(q.proto, q.addr);
                if (v > 65535) {
                    throw new FilterSyntaxException("illegal port number " + v + " > 65535");
                }
                return ports(v, v, ipproto, q.dir, q.addr.equals("portrange"));
            }
            case "gateway" -> throw new FilterSyntaxException("'gateway' requires a name");
            case "proto" -> {
                return proto(v, q.proto, at);
            }
            default -> throw unsupported(q.addr);
        }
    }

    /** gen_scode(): a name under qualifiers. */
    private Node scode(String name, Qual q, Token at) {
        if (q.undefined()) {
            throw noQualifier(at);
        }
        switch (q.addr) {
            case "", "host" -> {
                if (q.proto.equals("ether")) {
                    throw new FilterSyntaxException("unknown ether host '" + name + "'");
                }
                // arplab resolves no host names: a filter must not depend on the machine's resolver
                throw new FilterSyntaxException("unknown host '" + name + "'");
            }
            case "net" -> throw new FilterSyntaxException("unknown network '" + name + "'");
            case "port" -> {
                int ipproto = portProto(q.proto, "port");
                int[] port = servicePort(name);
                if (port == null) {
                    throw new FilterSyntaxException("unknown port '" + name + "'");
                }
                return ports(port[0], port[0], checkPortProto(name, ipproto, port[1]), q.dir, false);
            }
            case "portrange" -> {
                int ipproto = portProto(q.proto, "portrange");
                long[] range = portRange(name);
                if (range == null) {
                    throw new FilterSyntaxException("unknown port in range '" + name + "'");
                }
                for (int i = 0; i < 2; i++) {
                    if (range[i] > 65535) {
                        throw new FilterSyntaxException("illegal port number " + range[i] + " > 65535");
                    }
                }
                return ports(range[0], range[1], checkPortProto(name, ipproto, (int) range[2]), q.dir, true);
            }
            case "proto" -> {
                Integer v;
                if (q.proto.equals("ether")) {
                    v = Names.ETHER_PROTOCOLS.get(name);
                    if (v == null) {
                        v = Names.LLC_SAPS.get(name);
                    }
                    if (v == null) {
                        throw new FilterSyntaxException("unknown ether proto '" + name + "'");
                    }
                } else {
                    v = Names.IP_PROTOCOLS.get(name);
                    if (v == null) {
                        throw new FilterSyntaxException("unknown ip proto '" + name + "'");
                    }
                }
                return proto(v, q.proto, at);
            }
            case "gateway" -> throw new FilterSyntaxException("'gateway' not supported in this configuration");
            default -> throw unsupported(q.addr);
        }
    }

    /** pcap_nametoport(): {port, ipproto} with ipproto 6 (tcp only), 17 (udp only) or -1 (both). */
    private static int[] servicePort(String name) {
        int[] e = Names.SERVICES.get(name);
        if (e == null) {
            return null;
        }
        if (e[0] >= 0) {
            return new int[] {e[0], e[1] == e[0] ? -1 : 6};
        }
        return new int[] {e[1], 17};
    }

    /** pcap_nametoportrange(): "N-M" or "name-name"; {low, high, ipproto}. */
    private static long[] portRange(String s) {
        int dash = s.indexOf('-');
        if (dash > 0 && s.substring(0, dash).chars().allMatch(Character::isDigit)
                && s.substring(dash + 1).chars().allMatch(Character::isDigit) && dash < s.length() - 1
                && s.length() < 20) {
            return new long[] {Long.parseLong(s.substring(0, dash)), Long.parseLong(s.substring(dash + 1)), -1};
        }
        if (dash <= 0) {
            return null;
        }
        int[] a = servicePort(s.substring(0, dash));
        int[] b = a == null ? null : servicePort(s.substring(dash + 1));
        if (b == null) {
            return null;
        }
        return new long[] {a[0], b[0], a[1] == b[1] ? a[1] : -1};
    }

    private static int portProto(String proto, String what) {
        return switch (proto) {
            case "" -> -1;
            case "tcp" -> 6;
            case "udp" -> 17;
            case "sctp" -> 132;
            default -> throw new FilterSyntaxException("illegal qualifier of '" + what + "'");
        };
    }

    private static int checkPortProto(String name, int asked, int real) {
        if (asked == -1 || real == -1) {
            return asked == -1 ? real : asked;
        }
        if (asked != real) {
            throw new FilterSyntaxException("port '" + name + "' is " + (real == 6 ? "tcp" : "udp"));
        }
        return real;
    }

    /** gen_port6() or'ed before gen_port(), as gen_ncode() and gen_scode() do; ranges likewise. */
    private Node ports(long lo, long hi, int ipproto, String dir, boolean range) {
        if (lo > hi) {
            long t = lo;
            lo = hi;
            hi = t;
        }
        int nl = 14 + shift;
        Node v6 = null;
        Node v4 = null;
        for (int p : ipproto == -1 ? new int[] {132, 6, 17} : new int[] {ipproto}) {
            Node op6 = Node.and(Cmp.abs(nl + 6, 1, Op.EQ, p), portDir(-1, nl + 40, lo, hi, dir, range));
            Node op4 = Node.and(Node.and(Cmp.abs(nl + 9, 1, Op.EQ, p), ipfrag()), portDir(nl, nl, lo, hi, dir, range));
            v6 = v6 == null ? op6 : Node.or(v6, op6);
            v4 = v4 == null ? op4 : Node.or(v4, op4);
        }
        return Node.or(Node.and(linktype(0x86dd), v6), Node.and(linktype(0x0800), v4));
    }

    private static Node portDir(int ipHeaderAt, long base, long lo, long hi, String dir, boolean range) {
        Node src = portAtom(ipHeaderAt, base, lo, hi, range);
        Node dst = portAtom(ipHeaderAt, base + 2, lo, hi, range);
        return switch (dir) {
            case "src" -> src;
            case "dst" -> dst;
            case "and" -> Node.and(src, dst);
            default -> Node.or(src, dst);
        };
    }

    private static Node portAtom(int ipHeaderAt, long off, long lo, long hi, boolean range) {
        if (!range) {
            return new Cmp(ipHeaderAt, off, 2, 0xffff_ffffL, Op.EQ, lo);
        }
        return Node.and(new Cmp(ipHeaderAt, off, 2, 0xffff_ffffL, Op.GE, lo),
                Node.not(new Cmp(ipHeaderAt, off, 2, 0xffff_ffffL, Op.GT, hi)));
    }

    /** gen_host(): IPv4 address and mask, for IP and ARP and RARP unless a protocol says which. */
    private Node host(long addr, long mask, String proto, String dir, String kind) {
        String type = kind.equals("net") ? "net" : "host";
        return switch (proto) {
            case "" -> Node.or(Node.or(host(addr, mask, "ip", dir, kind), host(addr, mask, "arp", dir, kind)),
                    host(addr, mask, "rarp", dir, kind));
            case "ip" -> hostop(addr, mask, dir, 0x0800, 12, 16);
            case "arp" -> hostop(addr, mask, dir, 0x0806, 14, 24);
            case "rarp" -> hostop(addr, mask, dir, 0x8035, 14, 24);
            case "ether" -> throw new FilterSyntaxException("link-layer modifier applied to " + type);
            case "ip6" -> throw new FilterSyntaxException("'ip6' modifier applied to ip host");
            default -> {
                if (UNSUPPORTED.contains(proto) || proto.equals("decnet") || proto.equals("atalk")) {
                    throw unsupported(proto + " " + type);
                }
                throw new FilterSyntaxException("'" + proto + "' modifier applied to " + type);
            }
        };
    }

    private Node hostop(long addr, long mask, String dir, int ethertype, int srcOff, int dstOff) {
        int nl = 14 + shift;
        Node src = Node.and(linktype(ethertype), Node.cmp(-1, nl + srcOff, 4, mask, Op.EQ, addr & mask));
        Node dst = Node.and(linktype(ethertype), Node.cmp(-1, nl + dstOff, 4, mask, Op.EQ, addr & mask));
        return dirCombine(src, dst, dir);
    }

    private Node dirCombine(Node src, Node dst, String dir) {
        return switch (dir) {
            case "src" -> src;
            case "dst" -> dst;
            case "and" -> Node.and(src, dst);
            default -> Node.or(src, dst);
        };
    }

    /** gen_mcode(): "N/len" and "N mask M" (networks only). */
    private Node mcode(String s1, String s2, long masklen, Qual q) {
        long[] a = Addresses.parseIpv4Prefix(s1);
        if (a == null) {
            throw new FilterSyntaxException("invalid IPv4 address '" + s1 + "'");
        }
        long n = (a[0] << (32 - a[1])) & 0xffff_ffffL;
        long m;
        if (s2 != null) {
            long[] b = Addresses.parseIpv4Prefix(s2);
            if (b == null) {
                throw new FilterSyntaxException("invalid IPv4 address '" + s2 + "'");
            }
            m = (b[0] << (32 - b[1])) & 0xffff_ffffL;
            if ((n & ~m) != 0) {
                throw new FilterSyntaxException("non-network bits set in \"" + s1 + " mask " + s2 + "\"");
            }
        } else {
            if (masklen > 32) {
                throw new FilterSyntaxException("mask length must be <= 32");
            }
            m = masklen == 0 ? 0 : (0xffff_ffffL << (32 - masklen)) & 0xffff_ffffL;
            if ((n & ~m) != 0) {
                throw new FilterSyntaxException("non-network bits set in \"" + s1 + "/" + masklen + "\"");
            }
        }
        if (!"net".equals(q.addr)) {
            throw new FilterSyntaxException("Mask syntax for networks only");
        }
        return host(n, m, q.proto, q.dir, "net");
    }

    /** gen_mcode6(): an IPv6 address, with a prefix length for networks. */
    private Node mcode6(String s, long masklen, Qual q, Token at) {
        if (q.undefined()) {
            throw noQualifier(at);
        }
        byte[] addr = Addresses.parseIpv6(s);
        if (masklen > 128) {
            throw new FilterSyntaxException("mask length must be <= 128");
        }
        byte[] mask = new byte[16];
        for (int i = 0; i < 16; i++) {
            int bits = (int) Math.max(0, Math.min(8, masklen - 8L * i));
            mask[i] = (byte) (bits == 0 ? 0 : 0xff << (8 - bits));
            if ((addr[i] & ~mask[i]) != 0) {
                throw new FilterSyntaxException("non-network bits set in \"" + s + "/" + masklen + "\"");
            }
        }
        switch (q.addr) {
            case "", "host" -> {
                if (masklen != 128) {
                    throw new FilterSyntaxException("Mask syntax for networks only");
                }
            }
            case "net" -> { }
            default -> throw new FilterSyntaxException("invalid qualifier against IPv6 address");
        }
        String type = q.addr.equals("net") ? "net" : "host";
        switch (q.proto) {
            case "", "ip6" -> { }
            case "ether" -> throw new FilterSyntaxException("link-layer modifier applied to ip6 " + type);
            default -> throw new FilterSyntaxException("'" + q.proto + "' modifier applied to ip6 " + type);
        }
        int nl = 14 + shift;
        Node src = Node.and(linktype(0x86dd), words(nl + 8, addr, mask));
        Node dst = Node.and(linktype(0x86dd), words(nl + 24, addr, mask));
        return dirCombine(src, dst, q.dir);
    }

    private static Node words(int off, byte[] addr, byte[] mask) {
        Node n = null;
        for (int w = 0; w < 4; w++) {
            long a = 0;
            long m = 0;
            for (int i = 0; i < 4; i++) {
                a = (a << 8) | (addr[4 * w + i] & 0xff);
                m = (m << 8) | (mask[4 * w + i] & 0xff);
            }
            n = Node.and(n, Node.cmp(-1, off + 4L * w, 4, m, Op.EQ, a & m));
        }
        return n;
    }

    /** gen_ecode(): an Ethernet address, only under 'ether'. */
    private Node ecode(String s, Qual q, Token at) {
        if (("".equals(q.addr) || "host".equals(q.addr)) && "ether".equals(q.proto)) {
            long mac = Addresses.parseMac(s);
            if (mac < 0) {
                throw new FilterSyntaxException("bogus ethernet address " + s);
            }
            return ehost(mac, q.dir);
        }
        throw new FilterSyntaxException("ethernet address used in non-ether expression");
    }

    private static Node ehost(long mac, String dir) {
        Node src = Node.and(Cmp.abs(8, 4, Op.EQ, mac & 0xffff_ffffL), Cmp.abs(6, 2, Op.EQ, mac >>> 32));
        Node dst = Node.and(Cmp.abs(2, 4, Op.EQ, mac & 0xffff_ffffL), Cmp.abs(0, 2, Op.EQ, mac >>> 32));
        return switch (dir) {
            case "src" -> src;
            case "dst" -> dst;
            case "and" -> Node.and(src, dst);
            default -> Node.or(src, dst);
        };
    }

    private Node broadcast(String proto, Token at) {
        int nl = 14 + shift;
        return switch (proto) {
            case "", "ether" -> ehost(0xffff_ffff_ffffL, "dst");
            // tcpdump -r compiles with netmask 0: only 0.0.0.0 and 255.255.255.255 count
            case "ip" -> Node.and(linktype(0x0800), Node.or(Cmp.abs(nl + 16, 4, Op.EQ, 0),
                    Cmp.abs(nl + 16, 4, Op.EQ, 0xffff_ffffL)));
            default -> throw new FilterSyntaxException("only link-layer/IP broadcast filters supported");
        };
    }

    private Node multicast(String proto, Token at) {
        int nl = 14 + shift;
        return switch (proto) {
            case "", "ether" -> Cmp.abs(0, 1, Op.SET, 1);
            case "ip" -> Node.and(linktype(0x0800), Cmp.abs(nl + 16, 1, Op.GE, 224));
            case "ip6" -> Node.and(linktype(0x86dd), Cmp.abs(nl + 24, 1, Op.EQ, 255));
            default -> throw new FilterSyntaxException("link-layer multicast filters supported only on "
                    + "ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel");
        };
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

    private static FilterSyntaxException noQualifier(Token t) {
        return new FilterSyntaxException("syntax error in filter expression: '" + t.text() + "' at column "
                + t.column() + " has no qualifier to inherit (write 'host " + t.text() + "', 'port " + t.text()
                + "' ...)");
    }

    private static FilterSyntaxException unsupported(String what) {
        return new FilterSyntaxException("filter primitive '" + what + "' is not supported by arplab");
    }
}
