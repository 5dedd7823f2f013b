package io.arplab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A grep pattern as GNU grep 3.8 reads it (glibc's regcomp() with RE_SYNTAX_GREP / RE_SYNTAX_EGREP and dfa.c's
 * checks), written as a java.util.regex pattern. Basic syntax by default: {@code + ? | ( ) { }} are literal and
 * {@code \+ \? \| \( \) \{ \}} the operators, {@code ^} an anchor only where a branch starts and {@code $} only where
 * one ends, a {@code *} with nothing before it literal; extended syntax ({@code -E}) the other way round, an operator
 * with nothing to repeat dropped (grep warns of it) and a {@code {} that starts no interval literal. Bracket
 * expressions with POSIX classes, equivalence classes and collating symbols of one character (the C locale's), GNU's
 * {@code \< \> \b \B \w \W \s \S \` \'} and back references. A pattern grep refuses gets grep's message.
 */
final class GrepRegex {
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    // glibc's regcomp() messages (__re_error_msgid) and dfa.c's
    private static final String BADPAT = "Invalid regular expression";
    private static final String EBRACK = "Unmatched [, [^, [:, [., or [=";
    private static final String ECTYPE = "Invalid character class name";
    private static final String ECOLLATE = "Invalid collation character";
    private static final String ERANGE = "Invalid range end";
    private static final String EPAREN = "Unmatched ( or \\(";
    private static final String ERPAREN = "Unmatched ) or \\)";
    private static final String EBRACE = "Unmatched \\{";
    private static final String BADBR = "Invalid content of \\{\\}";
    private static final String ESUBREG = "Invalid back reference";
    private static final String ESIZE = "Regular expression too big";
    private static final int RE_DUP_MAX = 0x7fff;

    private static final Map<String, String> CLASSES = Map.ofEntries(Map.entry("alpha", "\\p{Alpha}"),
            Map.entry("digit", "0-9"), Map.entry("alnum", "\\p{Alnum}"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("lower", "\\p{Lower}"), Map.entry("space", "\\s"), Map.entry("blank", " \\t"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("print", "\\p{Print}"), Map.entry("graph", "\\p{Graph}"),
            Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("xdigit", "\\p{XDigit}"));

    private final String s;
    private final boolean ere;
    private int i;
    private int opened;
    private int closed;

    private GrepRegex(String s, boolean ere) {
        this.s = s;
        this.ere = ere;
    }

    /** The pattern grep would match with, or {@link Refused} with grep's message. */
    static Pattern compile(String pattern, boolean extended, boolean fixed, boolean icase, boolean word) {
        String p = fixed ? Pattern.quote(pattern) : new GrepRegex(pattern, extended).translate();
        // -w: the match neither preceded nor followed by a word constituent (grep retries shorter and later matches,
        // which the lookarounds let the matcher do)
        String re = word ? "(?<![\\w])(?:" + p + ")(?![\\w])" : p;
        return Pattern.compile(re, Pattern.DOTALL | (icase ? Pattern.CASE_INSENSITIVE : 0));
    }

    private String translate() {
        String r = alternation(0);
        if (i < s.length()) { // only a BRE's \) at the top ends an alternation early
            throw new Refused(ERPAREN);
        }
        return r;
    }

    private String alternation(int depth) {
        List<String> branches = new ArrayList<>();
        branches.add(branch(depth));
        while (alt()) {
            i += ere ? 1 : 2;
            branches.add(branch(depth));
        }
        return String.join("|", branches);
    }

    private boolean alt() {
        return ere ? at('|') : at('\\') && peek(1) == '|';
    }

    private boolean closeGroup(int depth) {
        return ere ? depth > 0 && at(')') : at('\\') && peek(1) == ')';
    }

    private boolean at(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private int peek(int k) {
        return i + k < s.length() ? s.charAt(i + k) : -1;
    }

    /** One branch: its pieces, each an atom and the operators after it. */
    private String branch(int depth) {
        List<String> pieces = new ArrayList<>();
        List<Boolean> repeated = new ArrayList<>();
        int atoms = 0; // atoms so far (anchors are none: an operator after one has nothing to repeat)
        while (i < s.length() && !alt() && !closeGroup(depth)) {
            char c = s.charAt(i);
            String quantifier = quantifier(atoms == 0);
            if (quantifier != null) {
                if (!quantifier.isEmpty()) {
                    int last = pieces.size() - 1;
                    String atom = repeated.get(last) ? "(?:" + pieces.get(last) + ")" : pieces.get(last);
                    pieces.set(last, atom + quantifier);
                    repeated.set(last, true);
                }
                continue;
            }
            String atom;
            boolean anchor = false;
            if (c == '^' && (ere || atoms == 0 && pieces.isEmpty())) {
                atom = "^";
                anchor = true;
                i++;
            } else if (c == '$' && (ere || endsBranch(i + 1, depth))) {
                atom = "$";
                anchor = true;
                i++;
            } else if (c == '.') {
                atom = ".";
                i++;
            } else if (c == '[') {
                i++;
                atom = bracket();
            } else if (ere && c == '(' || !ere && c == '\\' && peek(1) == '(') {
                i += ere ? 1 : 2;
                opened++;
                String inner = alternation(depth + 1);
                if (!closeGroup(depth + 1)) {
                    throw new Refused(EPAREN);
                }
                i += ere ? 1 : 2;
                closed++;
                atom = "(" + inner + ")";
            } else if (c == '\\') {
                atom = escape();
            } else {
                atom = literal(s.codePointAt(i));
                i += Character.charCount(s.codePointAt(i));
            }
            pieces.add(atom);
            repeated.add(false);
            if (!anchor) {
                atoms++;
            }
        }
        return String.join("", pieces);
    }

    // BRE: $ is an anchor at the end of the pattern, of a group or of a branch
    private boolean endsBranch(int j, int depth) {
        return j == s.length() || s.charAt(j) == '\\' && j + 1 < s.length()
                && (s.charAt(j + 1) == '|' || s.charAt(j + 1) == ')' && depth > 0);
    }

    /**
     * The operator at i, consumed: a Java quantifier, "" for one that repeats nothing (dropped), or null when none
     * is there (a literal, such as a BRE's leading {@code *} or an ERE's {@code {} that starts no interval).
     */
    private String quantifier(boolean nothingBefore) {
        char c = s.charAt(i);
        String q = null;
        int len = 1;
        if (c == '*') {
            q = "*";
        } else if (ere && (c == '+' || c == '?')) {
            q = String.valueOf(c);
        } else if (!ere && c == '\\' && (peek(1) == '+' || peek(1) == '?')) {
            q = String.valueOf((char) peek(1));
            len = 2;
        } else if (ere && c == '{' || !ere && c == '\\' && peek(1) == '{') {
            if (nothingBefore && !ere) {
                return null; // a BRE's \{ with nothing before it stands for itself
            }
            int start = i;
            i += ere ? 1 : 2;
            String interval = interval();
            if (interval == null) { // an ERE's { that starts no interval is literal
                i = start;
                return null;
            }
            return nothingBefore ? "" : interval;
        }
        if (q == null) {
            return null;
        }
        if (nothingBefore && !ere) {
            return null; // a BRE's leading * (or \+, \?) stands for itself
        }
        i += len;
        return nothingBefore ? "" : q;
    }

    // {m}, {m,}, {,n}, {m,n}: glibc's parse_dup_op()
    private String interval() {
        int at = i;
        long min = number();
        long max = min;
        boolean comma = at(',');
        if (comma) {
            i++;
            max = number();
        }
        boolean closes = ere ? at('}') : at('\\') && peek(1) == '}';
        if (!closes) {
            if (ere) {
                return null;
            }
            // BRE: past the numbers, the pattern's end leaves the brace open; anything else is bad content
            throw new Refused(i >= s.length() || at('\\') && peek(1) == -1 ? EBRACE : BADBR);
        }
        if (min < 0 && !comma || i == at) {
            if (ere) {
                return null;
            }
            throw new Refused(BADBR);
        }
        i += ere ? 1 : 2;
        long lo = Math.max(min, 0);
        if (max >= 0 && lo > max) {
            throw new Refused(BADBR);
        }
        if (lo > RE_DUP_MAX || max > RE_DUP_MAX) {
            throw new Refused(ESIZE);
        }
        return "{" + lo + "," + (max < 0 ? "" : Long.toString(max)) + "}";
    }

    private long number() {
        long n = -1;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
            n = Math.min((n < 0 ? 0 : n) * 10 + (s.charAt(i) - '0'), RE_DUP_MAX + 1L);
            i++;
        }
        return n;
    }

    private String escape() {
        if (i + 1 >= s.length()) {
            throw new Refused("Trailing backslash");
        }
        int cp = s.codePointAt(i + 1);
        char c = s.charAt(i + 1);
        i += 1 + Character.charCount(cp);
        switch (c) {
            case '<':
                return "\\b(?=\\w)";
            case '>':
                return "\\b(?<=\\w)";
            case 'b', 'B', 'w', 'W', 's', 'S':
                return "\\" + c;
            case '`':
                return "\\A";
            case '\'':
                return "\\z";
            default:
                break;
        }
        if (c >= '1' && c <= '9') {
            if (c - '0' > closed) {
                throw new Refused(ESUBREG);
            }
            return "(?:\\" + c + ")";
        }
        return literal(cp); // any other escaped character stands for itself
    }

    /** A bracket expression after its '[': glibc's parse_bracket_exp() and dfa.c's "[:space:]" check. */
    private String bracket() {
        int from = i;
        if (i >= s.length()) {
            throw new Refused(BADPAT);
        }
        boolean negate = at('^');
        if (negate) {
            i++;
            if (i >= s.length()) {
                throw new Refused(BADPAT);
            }
        }
        StringBuilder b = new StringBuilder(negate ? "[^" : "[");
        boolean first = true;
        while (true) {
            if (i >= s.length()) {
                throw new Refused(EBRACK);
            }
            if (at(']') && !first) {
                i++;
                break;
            }
            first = false;
            String cls = classAt();
            if (cls != null) {
                if (at('-') && peek(1) != ']' && peek(1) != -1) {
                    throw new Refused(ERANGE);
                }
                b.append(cls);
                continue;
            }
            int lo = element();
            if (at('-') && peek(1) != ']' && peek(1) != -1) {
                i++;
                if (classAt() != null) {
                    throw new Refused(ERANGE);
                }
                int hi = element();
                if (hi < lo) {
                    throw new Refused(ERANGE);
                }
                b.append(literal(lo)).append('-').append(literal(hi));
            } else {
                b.append(literal(lo));
            }
        }
        String content = s.substring(from + (negate ? 1 : 0), i - 1);
        if (content.length() >= 2 && content.startsWith(":") && content.endsWith(":")) {
            throw new Refused("character class syntax is [[:space:]], not [:space:]");
        }
        return b.append(']').toString();
    }

    // [:name:] at i (consumed), as Java class items, or null
    private String classAt() {
        if (!(at('[') && peek(1) == ':')) {
            return null;
        }
        int end = s.indexOf(":]", i + 2);
        if (end < 0) {
            throw new Refused(EBRACK);
        }
        String name = s.substring(i + 2, end);
        String items = CLASSES.get(name);
        if (items == null) {
            throw new Refused(ECTYPE);
        }
        i = end + 2;
        return items;
    }

    // one character of a bracket expression: itself, or [.c.] / [=c=] of one character (the C locale's)
    private int element() {
        if (at('[') && (peek(1) == '.' || peek(1) == '=')) {
            char kind = (char) peek(1);
            int end = s.indexOf(new String(new char[] {kind, ']'}), i + 2);
            if (end < 0) {
                throw new Refused(EBRACK);
            }
            String sym = s.substring(i + 2, end);
            if (sym.codePointCount(0, sym.length()) != 1) {
                throw new Refused(ECOLLATE);
            }
            i = end + 2;
            return sym.codePointAt(0);
        }
        int cp = s.codePointAt(i);
        i += Character.charCount(cp);
        return cp;
    }

    // a character as itself: ASCII letters and digits bare, anything else by its code point (inside a class too)
    private static String literal(int cp) {
        return cp < 128 && Character.isLetterOrDigit(cp) ? String.valueOf((char) cp) : "\\x{" + Integer.toHexString(cp) + "}";
    }
}
