package io.arplab.tools.nft;

import java.util.ArrayList;
import java.util.List;

/** nft's scanner (src/scanner.l), for the words arplab parses: where each token starts and ends in the input. */
final class Tokens {
    enum Kind { WORD, STRING, ASTERISK_STRING, LBRACE, RBRACE, SEMICOLON, NEWLINE, COMMA, DOT, NEQ, EQ, AT, CHAR, EOF }

    record Token(Kind kind, String text, int start, int end) {
        boolean is(String word) {
            return kind == Kind.WORD && text.equals(word);
        }
    }

    private final List<Token> list = new ArrayList<>();
    private int next;

    Tokens(String input) {
        int i = 0;
        int n = input.length();
        while (i < n) {
            char c = input.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '#') {
                while (i < n && input.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\\' && i + 1 < n && input.charAt(i + 1) == '\n') {
                i += 2;
            } else if (c == '\n') {
                list.add(new Token(Kind.NEWLINE, "\n", i, i + 1));
                i++;
            } else if (c == '{' || c == '}' || c == ';' || c == ',') {
                Kind k = c == '{' ? Kind.LBRACE : c == '}' ? Kind.RBRACE : c == ';' ? Kind.SEMICOLON : Kind.COMMA;
                list.add(new Token(k, String.valueOf(c), i, i + 1));
                i++;
            } else if ("[]()~`?%'*".indexOf(c) >= 0) { // scanner.l: a token of its own (~`?%' JUNK, * ASTERISK)
                list.add(new Token(Kind.CHAR, String.valueOf(c), i, i + 1));
                i++;
            } else if ("<>".indexOf(c) >= 0 && i + 1 < n && (input.charAt(i + 1) == '=' || input.charAt(i + 1) == c)) {
                list.add(new Token(Kind.CHAR, input.substring(i, i + 2), i, i + 2)); // "<=" ">=" "<<" ">>"
                i += 2;
            } else if ("^&|$+<>-/".indexOf(c) >= 0 || c == '!' && (i + 1 == n || input.charAt(i + 1) != '=')) {
                // scanner.l: CARET, AMPERSAND, '|', '$', PLUS, LT, GT, DASH and SLASH (a {string} starts with neither
                // '-' nor '/'), NOT
                list.add(new Token(Kind.CHAR, String.valueOf(c), i, i + 1));
                i++;
            } else if (c == '!' && i + 1 < n && input.charAt(i + 1) == '=') {
                list.add(new Token(Kind.NEQ, "!=", i, i + 2));
                i += 2;
            } else if (c == '=' && i + 1 < n && input.charAt(i + 1) == '=') {
                list.add(new Token(Kind.EQ, "==", i, i + 2));
                i += 2;
            } else if (c == '=') {
                list.add(new Token(Kind.EQ, "=", i, i + 1));
                i++;
            } else if (c == '"') {
                int j = input.indexOf('"', i + 1);
                j = j < 0 ? n : j + 1;
                list.add(new Token(Kind.STRING, input.substring(i + 1, Math.max(i + 1, j - 1)), i, j));
                i = j;
            } else if (c == '.' && (i + 1 >= n || Character.isWhitespace(input.charAt(i + 1)))) {
                list.add(new Token(Kind.DOT, ".", i, i + 1));
                i++;
            } else if (c == '@') {
                int j = wordEnd(input, i + 1);
                list.add(new Token(Kind.AT, input.substring(i + 1, j), i, j));
                i = j;
            } else {
                int j = wordEnd(input, i);
                if (j == i) {
                    j = i + 1;
                }
                String w = input.substring(i, j);
                int star = w.indexOf('*');
                if (star > 0 && w.substring(0, star).matches("[A-Za-z_.][A-Za-z0-9/\\-_.]*")) {
                    // scanner.l's {asteriskstring}, {string}\*: the longest match ends at the asterisk ("ru*e" is
                    // ASTERISK_STRING "ru*" then "e")
                    list.add(new Token(Kind.ASTERISK_STRING, w.substring(0, star + 1), i, i + star + 1));
                    i += star + 1;
                    continue;
                }
                java.util.regex.Matcher ip4 = IP4.matcher(w);
                java.util.regex.Matcher num = NUMBER.matcher(w);
                int end = ip4.lookingAt() && ip4.end() < w.length()
                        && "/*0123456789".indexOf(w.charAt(ip4.end())) >= 0 ? ip4.end()
                        : num.lookingAt() && num.end() < w.length() && w.charAt(num.end()) == '/' ? num.end() : -1;
                if (end > 0) {
                    // flex's longest match: {ip4addr} takes at most three digits a part ("1.2.3.4567" is 1.2.3.456
                    // then 7), and a '/' after it or after a number is SLASH, a '*' ASTERISK, tokens of their own
                    int a = i + end;
                    list.add(new Token(Kind.WORD, input.substring(i, a), i, a));
                    if (input.charAt(a) == '/') {
                        list.add(new Token(Kind.CHAR, "/", a, a + 1));
                        a++;
                    }
                    i = a;
                    continue;
                }
                int number = numberPrefix(w);
                if (number > 0) {
                    // scanner.l: a {decstring} or {hexstring} then a {string}: a word cannot start with a digit
                    list.add(new Token(Kind.WORD, input.substring(i, i + number), i, i + number));
                    i += number;
                    continue;
                }
                int colon = input.substring(i, j).indexOf(':');
                if (colon > 0 && stringBeforeColon(input.substring(i, i + colon))) {
                    // scanner.l: {string} ends at the colon (COLON, a token of its own) unless an address goes on
                    list.add(new Token(Kind.WORD, input.substring(i, i + colon), i, i + colon));
                    list.add(new Token(Kind.CHAR, ":", i + colon, i + colon + 1));
                    i += colon + 1;
                    continue;
                }
                int classid = classid(input, i, j);
                if (classid > 0) {
                    // scanner.l's {classid}/[ \t\n:\-},] outruns every {addrstring} here ("02:42:ac:1c:00" is
                    // "02:42", COLON, "ac:1c", COLON, "00")
                    list.add(new Token(Kind.WORD, input.substring(i, i + classid), i, i + classid));
                    list.add(new Token(Kind.CHAR, ":", i + classid, i + classid + 1));
                    i += classid + 1;
                    continue;
                }
                list.add(new Token(Kind.WORD, input.substring(i, j), i, j));
                i = j;
            }
        }
        list.add(new Token(Kind.EOF, "", n, n));
    }

    /**
     * The length of the number a word of digits and letters starts with ("65535c", "0x256list"), where the scanner
     * ends it; 0 when the word is a number, an address or range (with '.', ':', '/' or '-'), or a {timestring}.
     */
    private static int numberPrefix(String w) {
        java.util.regex.Matcher ip4 = IP4_THEN_STRING.matcher(w);
        if (ip4.lookingAt()) {
            return ip4.end(1); // {ip4addr}, then a {string} ('.' or a letter starts one)
        }
        if (!w.isEmpty() && Character.isDigit(w.charAt(0)) && w.indexOf('.') > 0 && w.indexOf(':') < 0
                && !IP4.matcher(w).lookingAt()) {
            // no {ip4addr} starts it ("27.0.0.table", "1.5"): flex's longest match is the {decstring} or {hexstring}
            java.util.regex.Matcher m = NUMBER.matcher(w);
            return m.lookingAt() && m.end() < w.length() ? m.end() : 0;
        }
        if (w.isEmpty() || !Character.isDigit(w.charAt(0)) || w.indexOf('.') >= 0 || w.indexOf(':') >= 0) {
            return 0;
        }
        // flex's longest match: a {timestring} ("4h", a STRING) may outrun the {decstring} or {hexstring}
        java.util.regex.Matcher m = NUMBER.matcher(w);
        int e = m.lookingAt() ? m.end() : 0;
        java.util.regex.Matcher t = TIMESTRING.matcher(w);
        int te = t.lookingAt() ? t.end() : 0;
        if (te > e) {
            return te < w.length() ? te : 0;
        }
        // a number then a {string} ("4294967296ip/", "65535c") or a DASH not starting a range's second number
        // ("0xffff-v")
        boolean string = e < w.length() && String.valueOf(w.charAt(e)).matches("[A-Za-z_]");
        boolean dash = e < w.length() && w.charAt(e) == '-' && !w.matches("[0-9A-Za-z_]+")
                && (e + 1 == w.length() || !Character.isDigit(w.charAt(e + 1)));
        // or an asterisk, ASTERISK, a token of its own ("1*" is 1 then "*")
        boolean star = e > 0 && e < w.length() && w.charAt(e) == '*';
        return string || dash || star ? e : 0;
    }

    /** scanner.l's {timestring}: ([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?, "ms" preferred over "m". */
    private static final java.util.regex.Pattern TIMESTRING =
            java.util.regex.Pattern.compile("([0-9]+d)?([0-9]+h)?([0-9]+m(?!s))?([0-9]+s)?([0-9]+ms)?");

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("0[xX][0-9a-fA-F]+|[0-9]+");
    private static final java.util.regex.Pattern IP4 =
            java.util.regex.Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
    private static final java.util.regex.Pattern IP4_THEN_STRING =
            java.util.regex.Pattern.compile("([0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3})[A-Za-z_.]");

    /** Whether {@code w} is a {string} (scanner.l) that no address pattern (hex digits and colons) can take. */
    private static boolean stringBeforeColon(String w) {
        return w.matches("[A-Za-z_.][A-Za-z0-9/\\-_.]*") && !w.matches("[0-9A-Fa-f]+");
    }

    /**
     * The length of a {classid} (hex:hex) at {@code i} that flex's longest match takes from the word {@code i..j}
     * when a colon follows it and no {macaddr} or {ip6addr} (eight groups, or one "::") takes more; 0 otherwise.
     */
    private static int classid(String input, int i, int j) {
        String w = input.substring(i, j);
        java.util.regex.Matcher c = CLASSID.matcher(w);
        if (!c.lookingAt() || c.end() >= w.length() || w.charAt(c.end()) != ':') {
            return 0;
        }
        java.util.regex.Matcher run = HEX_COLONS.matcher(w);
        run.lookingAt();
        String hex = run.group();
        boolean mac = MAC.matcher(w).lookingAt();
        boolean ip6 = hex.contains("::") || hex.split(":", -1).length >= 8;
        return mac || ip6 ? 0 : c.end();
    }

    private static final java.util.regex.Pattern CLASSID =
            java.util.regex.Pattern.compile("[0-9a-fA-F]{1,4}:[0-9a-fA-F]{1,4}");
    private static final java.util.regex.Pattern HEX_COLONS = java.util.regex.Pattern.compile("[0-9a-fA-F:]*");
    private static final java.util.regex.Pattern MAC =
            java.util.regex.Pattern.compile("([0-9a-fA-F]{1,2}:){5}[0-9a-fA-F]{1,2}");

    private static int wordEnd(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || "{};,\"@#=![]()~`?%'^&|$+<>".indexOf(c) >= 0) {
                break;
            }
            i++;
        }
        return i;
    }

    Token peek() {
        return list.get(next);
    }

    Token peek(int ahead) {
        return list.get(Math.min(next + ahead, list.size() - 1));
    }

    Token take() {
        Token t = list.get(next);
        if (t.kind() != Kind.EOF) {
            next++;
        }
        return t;
    }

    /** Gives back the word just taken. */
    void unread() {
        next--;
    }

    /** The token before the current one. */
    Token previous() {
        return list.get(Math.max(0, next - 1));
    }

    int position() {
        return next;
    }

    /**
     * Error recovery (parser_bison.y's error rules): on to the end of the command that started at token {@code from},
     * the first newline or semicolon outside its braces at or after the token in error.
     */
    void recover(int from) {
        int depth = 0;
        int i = from;
        for (; list.get(i).kind() != Kind.EOF; i++) {
            Kind k = list.get(i).kind();
            if (k == Kind.LBRACE) {
                depth++;
            } else if (k == Kind.RBRACE) {
                depth = Math.max(0, depth - 1);
            } else if ((k == Kind.NEWLINE || k == Kind.SEMICOLON) && depth == 0 && i >= next - 1) {
                break;
            }
        }
        next = i;
    }

    /** Whether the input ends inside braces (more opened than closed). */
    boolean endsInBlock() {
        int depth = 0;
        for (Token t : list) {
            depth += t.kind() == Kind.LBRACE ? 1 : t.kind() == Kind.RBRACE ? -1 : 0;
        }
        return depth > 0;
    }

    boolean atEnd() {
        return peek().kind() == Kind.EOF;
    }
}
