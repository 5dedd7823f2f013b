package io.arplab.wire.libc;

/** JSON strings as OVS's lib/json.c writes and reads them. */
public final class JsonString {
    private JsonString() {}

    /** json_serialize_string(): quoted, with '"', '\\' and control characters escaped. */
    public static String escape(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\b' -> q.append("\\b");
                case '\f' -> q.append("\\f");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> q.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return q.append('"').toString();
    }

    /**
     * json_string_unescape(): the text between the quotes with its escapes undone; null where OVS fails (an unescaped
     * quote, a trailing backslash, a bad escape or \\u sequence).
     */
    public static String unescape(String in) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < in.length(); ) {
            char c = in.charAt(i++);
            if (c == '"') {
                return null;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i >= in.length()) {
                return null;
            }
            char e = in.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> { // json_lex_unicode(): four hex digits, a surrogate pair as two
                    int c0 = hex4(in, i);
                    if (c0 < 0) {
                        return null;
                    }
                    i += 4;
                    if (Character.isHighSurrogate((char) c0)) {
                        int c1 = i + 2 <= in.length() && in.startsWith("\\u", i) ? hex4(in, i + 2) : -1;
                        if (c1 < 0 || !Character.isLowSurrogate((char) c1)) {
                            return null;
                        }
                        i += 6;
                        out.append((char) c0).append((char) c1);
                    } else {
                        out.append((char) c0);
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return out.toString();
    }

    private static int hex4(String s, int at) {
        if (at + 4 > s.length()) {
            return -1;
        }
        int v = 0;
        for (int k = at; k < at + 4; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
