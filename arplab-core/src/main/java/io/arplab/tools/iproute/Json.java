package io.arplab.tools.iproute;

/**
 * iproute2's json_writer (lib/json_writer.c): what {@code -j} prints, and with {@code -p} the same indented by four
 * spaces per level ("[ {", "} ]", "[ ]" for an empty array, values of an array glued by ","). A listing is one
 * array of objects (new_json_obj() ... delete_json_obj(), which ends the output with a newline).
 */
final class Json {
    private final StringBuilder out = new StringBuilder();
    private final boolean pretty;
    private int depth;
    private char sep;

    /** new_json_obj(): the listing's array. */
    Json(boolean pretty) {
        this.pretty = pretty;
        startArray();
    }

    private void indent() {
        out.append("    ".repeat(depth));
    }

    private void eol() {
        if (pretty) {
            out.append('\n');
            indent();
        }
    }

    private void eor() {
        if (sep != '\0') {
            out.append(sep);
        }
        sep = ',';
    }

    private void begin(char c) {
        eor();
        out.append(c);
        depth++;
        sep = '\0';
    }

    private void end(char c) {
        depth--;
        if (sep != '\0') {
            eol();
        }
        out.append(c);
        sep = ',';
    }

    /** jsonw_name(): the key of the next value. */
    Json name(String name) {
        eor();
        eol();
        sep = '\0';
        quote(name);
        out.append(':');
        if (pretty) {
            out.append(' ');
        }
        return this;
    }

    Json startObject() {
        begin('{');
        return this;
    }

    Json endObject() {
        end('}');
        return this;
    }

    Json startArray() {
        begin('[');
        if (pretty) {
            out.append(' ');
        }
        return this;
    }

    Json endArray() {
        if (pretty && sep != '\0') {
            out.append(' ');
        }
        sep = '\0';
        end(']');
        return this;
    }

    Json string(String v) {
        eor();
        quote(v);
        return this;
    }

    Json number(long v) {
        eor();
        out.append(v);
        return this;
    }

    Json bool(boolean v) {
        eor();
        out.append(v);
        return this;
    }

    /** print_null(): a key whose presence is the information ("router": null). */
    Json nul() {
        eor();
        out.append("null");
        return this;
    }

    Json field(String key, String v) {
        return name(key).string(v);
    }

    Json field(String key, long v) {
        return name(key).number(v);
    }

    /** An array of strings under {@code key} (open_json_array() ... close_json_array()). */
    Json strings(String key, Iterable<String> values) {
        name(key).startArray();
        for (String v : values) {
            string(v);
        }
        return endArray();
    }

    /** jsonw_puts(): C escapes only, no Unicode escapes (control characters other than these pass as they are). */
    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case '\b' -> out.append("\\b");
                default -> out.append(c);
            }
        }
        out.append('"');
    }

    /** delete_json_obj(): closes the listing's array and ends the line. */
    String finish() {
        endArray();
        return out.append('\n').toString();
    }
}
