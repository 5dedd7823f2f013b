package io.arplab.tools.nft;

import io.arplab.stack.nft.DataType;
import io.arplab.tools.nft.Tokens.Kind;
import io.arplab.tools.nft.Tokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * A set's elements: parsed (parser_bison.y's set_list_member_expr), evaluated once their braces have parsed
 * (nftables 1.0.6 src/evaluate.c expr_evaluate_set(), with expr_evaluate_prefix() and expr_evaluate_range() for an
 * anonymous set's intervals), and an interval listed as src/segtree.c's interval_map_decompose() gives it back.
 * An interval is {low, high}; the set's merging is stack/nft/NftSet.automerge() (src/intervals.c
 * setelem_automerge()).
 */
final class NftElements {
    private NftElements() {}

    /**
     * set_list_member_expr's elements; in an anonymous set ({@code intervals}) one key's element may be a prefix
     * ({@code a/N}) or a range ({@code a-b}), returned as {low, high} (expr_evaluate_prefix() masks the address).
     */
    static List<long[]> parse(NftParser p, Tokens in, DataType[] key, boolean intervals) {
        Token open = in.peek();
        if (open.kind() != Kind.LBRACE) {
            throw p.unexpected(open, "expecting '{'");
        }
        in.take();
        List<List<Token>> written = new ArrayList<>();
        boolean mapped = false;
        while (true) {
            p.skipNewlines();
            Token first = in.peek();
            if (first.kind() == Kind.RBRACE) {
                in.take();
                break;
            }
            List<Token> parts = new ArrayList<>();
            parts.add(p.word("expecting string"));
            while (in.peek().kind() == Kind.DOT) {
                in.take();
                parts.add(p.word("expecting string"));
            }
            if (intervals && parts.size() == 1 && in.peek().kind() == Kind.CHAR && in.peek().text().equals("/")) {
                in.take(); // prefix_rhs_expr: SLASH NUM
                Token len = in.peek();
                if (len.kind() != Kind.WORD || !Character.isDigit(len.text().charAt(0))) {
                    throw p.unexpected(len, null);
                }
                parts.add(in.take());
                parts.add(null); // a prefix: address, length
            }
            written.add(parts);
            p.skipNewlines();
            Token sep = in.peek();
            if (sep.kind() == Kind.CHAR && sep.text().equals(":")) { // set_list_member_expr: a map's key COLON value
                in.take();
                p.word("expecting string");
                mapped = true;
                sep = in.peek();
            }
            if (sep.kind() == Kind.COMMA) {
                in.take();
            } else if (sep.kind() != Kind.RBRACE) {
                throw p.unexpected(sep, "expecting comma or '}'");
            }
        }
        if (mapped) { // expr_evaluate_mapping(): set_error() at the set's location, which the kernel's cache gave
            throw NftError.netlink("set is not a map");
        }
        // the values are evaluated once the braces have parsed (a later syntax error is reported instead)
        return evaluate(key, written, intervals);
    }

    /**
     * The values of the elements written (each its words: one per key component, or an address, its prefix length
     * and null); with {@code intervals} one key's prefix or range is {low, high}.
     */
    private static List<long[]> evaluate(DataType[] key, List<List<Token>> written, boolean intervals) {
        List<long[]> all = new ArrayList<>();
        for (List<Token> parts : written) {
            if (intervals && key.length == 1 && (parts.size() == 3 || range(parts.get(0)) != null)) {
                all.add(interval(key[0], parts));
                continue;
            }
            long[] e = new long[key.length];
            for (int i = 0; i < Math.min(parts.size(), key.length); i++) {
                e[i] = Values.parse(key[i], parts.get(i));
            }
            if (parts.size() != key.length) {
                throw new NftError("invalid data type, expected " + NftParser.describeKey(key), parts.get(0).start(),
                        parts.get(parts.size() - 1).end());
            }
            all.add(e);
        }
        return all;
    }

    /** A set element written {@code a-b} (one word, as the scanner reads numbers and addresses), split; else null. */
    private static Token[] range(Token v) {
        String text = v.text();
        int dash = text.indexOf('-', 1);
        String num = "0[xX][0-9a-fA-F]+|[0-9]+|[0-9]{1,3}(\\.[0-9]{1,3}){3}";
        if (v.kind() != Kind.WORD || dash < 0 || !text.substring(0, dash).matches(num)
                || !text.substring(dash + 1).matches(num)) {
            return null;
        }
        return new Token[] {new Token(Kind.WORD, text.substring(0, dash), v.start(), v.start() + dash),
            new Token(Kind.WORD, text.substring(dash + 1), v.start() + dash + 1, v.end())};
    }

    /** An interval element: expr_evaluate_prefix() (the address masked) or expr_evaluate_range(). */
    private static long[] interval(DataType type, List<Token> parts) {
        Token v = parts.get(0);
        long width = type.size * 8L;
        long all = width == 64 ? -1L : (1L << width) - 1;
        if (parts.size() == 3) {
            Token len = parts.get(1);
            long bits = Values.number(len.text(), Long.MAX_VALUE);
            if (type != DataType.IPV4_ADDR || bits < 0 || bits > width) {
                throw new NftError("Prefix length " + (bits >= 0 ? bits : len.text()) + " is invalid for type of "
                        + width + " bits width", v.start(), len.end());
            }
            long host = bits == 0 ? all : all >>> bits;
            long low = Values.parse(type, v) & ~host & all;
            return new long[] {low, low | host};
        }
        Token[] r = range(v);
        long a = Values.parse(type, r[0]);
        long b = Values.parse(type, r[1]);
        if (Long.compareUnsigned(a, b) >= 0) {
            throw new NftError("Range has zero or negative size", v);
        }
        return new long[] {a, b};
    }

    /**
     * interval_map_decompose() and range_expr_print(): an interval of one value is that value, one a prefix spans
     * (an address type) is {@code low/len}, any other {@code low-high}.
     */
    static String format(DataType type, long[] r, int numeric) {
        if (r[0] == r[1]) {
            return Values.format(type, r[0], numeric);
        }
        int len = prefixLength(type, r);
        if (len >= 0) {
            return Values.format(type, r[0], numeric) + "/" + len;
        }
        int all = Math.max(numeric, 2); // range_expr_print(): NFT_CTX_OUTPUT_NUMERIC_ALL
        return Values.format(type, r[0], all) + "-" + Values.format(type, r[1], all);
    }

    /** range_mask's prefix test: the length of the prefix {low, high} is, or -1 (addresses only). */
    static int prefixLength(DataType type, long[] r) {
        if (type != DataType.IPV4_ADDR) {
            return -1;
        }
        long host = r[0] ^ r[1];
        if ((host & (host + 1)) != 0 || (r[0] & host) != 0) {
            return -1;
        }
        return 32 - Long.bitCount(host);
    }
}
