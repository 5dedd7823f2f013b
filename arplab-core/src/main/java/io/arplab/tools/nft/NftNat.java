package io.arplab.tools.nft;

import io.arplab.stack.nft.DataType;
import io.arplab.stack.nft.Expr;
import io.arplab.stack.nft.Family;
import io.arplab.tools.nft.Tokens.Kind;
import io.arplab.tools.nft.Tokens.Token;
import java.util.function.Consumer;

/**
 * nftables 1.0.6's nat statements: parser_bison.y's nat_stmt (snat, dnat), masq_stmt and redir_stmt with their
 * nf_nat_flags, evaluated as src/evaluate.c's stmt_evaluate_nat() does, listed as src/statement.c's nat_stmt_print().
 */
final class NftNat {
    private NftNat() {}

    /**
     * The statement after its keyword {@code w}; {@code l4} is the transport the rule has settled (-1 none),
     * {@code refuse} takes an evaluation error (the rule goes on parsing).
     */
    static Expr parse(NftParser p, Tokens in, Token w, Family family, int l4, int inetL3, Token l3Written,
            Consumer<NftError> refuse) {
        String kind = w.text();
        boolean addrs = kind.equals("snat") || kind.equals("dnat");
        boolean ip = false;
        Token addr = null;
        Token port = null;
        boolean written6 = false;
        if (addrs && (in.peek().is("ip") || in.peek().is("ip6"))) { // nf_key_proto TO
            ip = in.peek().is("ip");
            written6 = in.take().is("ip6");
            if (!in.peek().is("to")) {
                throw p.unexpected(in.peek(), "expecting to");
            }
        }
        if (in.peek().is("to")) {
            in.take();
            Token t = in.peek();
            boolean colon = t.kind() == Kind.CHAR && t.text().equals(":")
                    || t.kind() == Kind.WORD && t.text().startsWith(":");
            if (colon && (ip || written6)) { // nat_stmt_args has no nf_key_proto TO COLON
                throw p.unexpected(new Token(Kind.CHAR, ":", t.start(), t.start() + 1), null);
            }
            if (colon) {
                port = colonPort(p, in);
            } else if (!addrs) {
                port = value(p, in); // redir_stmt_arg: TO stmt_expr, the port
            } else {
                addr = value(p, in);
                int at = addr.text().lastIndexOf(':');
                if (at > 0 && addr.text().indexOf('.') > 0) { // the scanner's address:port in one word
                    port = new Token(Kind.WORD, addr.text().substring(at + 1), addr.start() + at + 1, addr.end());
                    addr = new Token(Kind.WORD, addr.text().substring(0, at), addr.start(), addr.start() + at);
                } else if (in.peek().kind() == Kind.CHAR && in.peek().text().equals(":")) {
                    in.take();
                    port = value(p, in);
                }
            }
        } else if (addrs) {
            throw p.unexpected(in.peek(), null);
        }
        int flags = 0;
        while (in.peek().is("random") || in.peek().is("fully-random") || in.peek().is("persistent")) {
            Token f = in.take();
            flags |= f.is("random") ? 4 : f.is("persistent") ? 8 : 16;
            if (in.peek().kind() != Kind.COMMA) {
                break;
            }
            in.take();
        }
        // stmt_evaluate_nat(): nat_evaluate_family() first, then the address, then the port
        if (family != Family.IP && family != Family.INET) {
            refuse.accept(new NftError("NAT is only supported for IPv4/IPv6", w));
            return null;
        }
        long low = -1;
        long high = -1;
        if (addr != null) {
            boolean ip6 = false;
            if (family == Family.INET && !ip && !written6) { // nat_evaluate_family(): the rule's network header
                ip = inetL3 == 0x0800;
                ip6 = inetL3 == 0x86dd;
            } else if (written6) {
                ip6 = true;
            }
            if (family == Family.INET && (ip && inetL3 == 0x86dd || ip6 && inetL3 == 0x0800)) {
                // stmt_evaluate_l3proto()
                String[] names = inetL3 == 0x0800 ? new String[] {"ip", "ip6"} : new String[] {"ip6", "ip"};
                refuse.accept(new NftError("conflicting protocols specified: " + names[0] + " vs. " + names[1]
                        + ". You must specify ip or ip6 family in nat statement", w.start(), w.end(),
                        l3Written.start(), l3Written.end()));
                return null;
            }
            if (family == Family.INET && !ip) {
                refuse.accept(new NftError("ip or ip6 must be specified with address for inet tables.", w));
                return null;
            }
            long[] r = range(addr, DataType.IPV4_ADDR, refuse);
            if (r == null) {
                return null;
            }
            low = r[0];
            high = r[1];
        }
        int pLow = -1;
        int pHigh = -1;
        if (port != null) {
            if (l4 < 0) { // nat_evaluate_transport()
                refuse.accept(new NftError("transport protocol mapping is only valid after transport protocol match",
                        port.start(), port.end(), w.start(), w.end()));
                return null;
            }
            long[] r = range(port, DataType.INET_SERVICE, refuse);
            if (r == null) {
                return null;
            }
            pLow = (int) r[0];
            pHigh = (int) r[1];
        }
        return new Expr.Nat(kind, ip, low, high, pLow, pHigh, flags);
    }

    /** ":PORT" (COLON stmt_expr), the scanner's colon a token of its own or the start of a word. */
    private static Token colonPort(NftParser p, Tokens in) {
        Token t = in.peek();
        if (t.kind() == Kind.WORD && t.text().length() > 1) {
            in.take();
            return new Token(Kind.WORD, t.text().substring(1), t.start() + 1, t.end());
        }
        in.take();
        return value(p, in);
    }

    private static Token value(NftParser p, Tokens in) {
        Token v = in.peek();
        if (v.kind() != Kind.WORD && v.kind() != Kind.STRING) {
            throw p.unexpected(v, null);
        }
        return in.take();
    }

    /** A value or a range a-b of {@code type} (expr_evaluate_range()'s order check), null when refused. */
    private static long[] range(Token v, DataType type, Consumer<NftError> refuse) {
        String text = v.text();
        int dash = text.indexOf('-', 1);
        try {
            if (dash > 0 && Character.isDigit(text.charAt(dash + 1 < text.length() ? dash + 1 : 0))) {
                Token a = new Token(Kind.WORD, text.substring(0, dash), v.start(), v.start() + dash);
                Token b = new Token(Kind.WORD, text.substring(dash + 1), v.start() + dash + 1, v.end());
                long lo = Values.parse(type, a);
                long hi = Values.parse(type, b);
                if (Long.compareUnsigned(lo, hi) >= 0) {
                    refuse.accept(new NftError("Range has zero or negative size", v));
                    return null;
                }
                return new long[] {lo, hi};
            }
            long x = Values.parse(type, v);
            return new long[] {x, x};
        } catch (NftError e) {
            refuse.accept(e);
            return null;
        }
    }

    /** nat_stmt_print(): kind, "ip" where an inet rule named it, "to", the address and :port, the flags. */
    static String format(Expr.Nat n) {
        StringBuilder sb = new StringBuilder(n.kind());
        if (n.addrLow() != -1 || n.portLow() != -1) {
            sb.append(n.ip() ? " ip" : "").append(" to");
        }
        if (n.addrLow() != -1) {
            // netlink_parse_nat()'s range: a prefix where it spans one (range_expr_value_low/high, prefix)
            sb.append(' ').append(NftElements.format(DataType.IPV4_ADDR, new long[] {n.addrLow(), n.addrHigh()}, 0));
        }
        if (n.portLow() != -1) {
            sb.append(n.addrLow() == -1 ? " :" : ":").append(n.portLow());
            if (n.portHigh() != n.portLow()) {
                sb.append('-').append(n.portHigh());
            }
        }
        String delim = " ";
        for (int[] f : new int[][] {{4, 0}, {16, 1}, {8, 2}}) {
            if ((n.flags() & f[0]) != 0) {
                sb.append(delim).append(new String[] {"random", "fully-random", "persistent"}[f[1]]);
                delim = ",";
            }
        }
        return sb.toString();
    }
}
