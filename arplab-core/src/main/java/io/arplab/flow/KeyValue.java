package io.arplab.flow;

/** ovs-ofctl's tokenizer for flows and actions (lib/ofp-parse.c ofputil_parse_key_value). */
final class KeyValue {
    private final String s;
    private int pos;
    String key;
    String value;
    /** The character that ended the key: ':', '=', '(' or 0 (none, or a delimiter). */
    char keyDelim;

    KeyValue(String s) {
        this.s = s;
    }

    boolean next() {
        while (pos < s.length() && ", \t\r\n".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        if (pos >= s.length()) {
            return false;
        }
        int start = pos;
        while (pos < s.length() && ":=(, \t\r\n".indexOf(s.charAt(pos)) < 0) {
            pos++;
        }
        key = s.substring(start, pos);
        char delim = pos < s.length() ? s.charAt(pos) : 0;
        keyDelim = delim == ':' || delim == '=' || delim == '(' ? delim : 0;
        if (pos < s.length()) {
            pos++;
        }
        String delims;
        if (delim == ':' || delim == '=') {
            delims = ", \t\r\n";
        } else if (delim == '(') {
            delims = ")";
        } else {
            value = "";
            return true;
        }
        int vstart = pos;
        int len = valueLength(vstart, delims);
        int end = vstart + len;
        // "(x)->y": the value extends past the parenthesis
        if (delim == '(' && end < s.length() && s.charAt(end) == ')' && s.startsWith("->", end + 1)) {
            end += valueLength(end, ", \t\r\n");
        }
        value = s.substring(vstart, end);
        pos = end < s.length() ? end + 1 : end;
        return true;
    }

    /** What is left of the string after the last pair (ofputil_parse_key_value()'s *stringp). */
    String rest() {
        return s.substring(pos);
    }

    private int valueLength(int from, String delims) {
        int n = from;
        while (n < s.length() && delims.indexOf(s.charAt(n)) < 0) {
            if (s.charAt(n) == '(') {
                int level = 0;
                do {
                    if (n >= s.length()) {
                        return n - from;
                    }
                    char c = s.charAt(n);
                    if (c == '(') {
                        level++;
                    } else if (c == ')') {
                        level--;
                    }
                    n++;
                } while (level > 0);
            } else {
                n++;
            }
        }
        return n - from;
    }
}
