package io.arplab.wire.filter;

/** One lexeme of a filter expression; {@code column} counts from 1. */
record Token(Kind kind, String text, long number, int column) {
    enum Kind {
        /** a number: decimal, 0x hex, 0 octal, or one of the named constants (tcp-syn, icmp-echo ...) */
        NUM,
        /** dotted IPv4 address of 1 to 4 parts ("10.1") */
        HID,
        /** IPv6 address */
        HID6,
        /** Ethernet address */
        EID,
        /** a name (host, port, protocol), or a backslash-escaped word */
        ID,
        /** a reserved word; {@code text} is the canonical word (e.g. "ether" for "link") */
        KEYWORD,
        /** punctuation: ( ) [ ] : + - * / % & | ^ << >> = == != < <= > >= and the logical ! && || */
        OP,
        END
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isKeyword(String t) {
        return is(Kind.KEYWORD, t);
    }

    boolean isOp(String t) {
        return is(Kind.OP, t);
    }

    String describe() {
        return kind == Kind.END ? "end of expression" : "'" + text + "'";
    }
}
