package io.arplab.tools;

import io.arplab.wire.libc.CStrtol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * arp-scan 1.10.0's --format template (format.c's format_parse()): literal strings and {@code ${field;width}}
 * fields, which display_packet() prints once per reply.
 */
final class ArpScanFormat {
    /** One format_element: a literal (field null) or a field with its printf width. */
    private record Element(String text, String field, int width) {}

    private final List<Element> elements;

    private ArpScanFormat(List<Element> elements) {
        this.elements = elements;
    }

    /**
     * format_parse(): a field starts at "${" and ends at the first '}'; a string runs up to the character before the
     * next '{' (while a '$' is left in the template), parsestring()'s escapes reading one character past its end.
     */
    static ArpScanFormat parse(String template) {
        char[] s = (template + '\0').toCharArray();
        List<Element> out = new ArrayList<>();
        int fmt = 0;
        while (s[fmt] != 0) {
            if (s[fmt] == '$' && s[fmt + 1] == '{') {
                int end = template.indexOf('}', fmt);
                if (end < 0) {
                    throw error("incorrect show format: missing closing brace");
                }
                out.add(field(template.substring(fmt + 2, end)));
                fmt = end + 1;
            } else {
                int end = fmt;
                do {
                    end++;
                    if (template.indexOf('$', end) < 0) {
                        end = template.length();
                    }
                } while (s[end] != 0 && s[end + 1] != '{');
                out.add(new Element(literal(s, fmt, end - 1), null, 0));
                fmt = end;
            }
        }
        if (out.isEmpty()) {
            throw error("output format may not be empty string");
        }
        return new ArpScanFormat(out);
    }

    // parsefield(): the name up to the first ';', the width after it strtol(..., 0) up to the closing '}'
    private static Element field(String body) {
        int semi = body.indexOf(';');
        if (semi < 0) {
            return new Element(null, body, 0);
        }
        String w = body.substring(semi + 1) + "}";
        CStrtol n = CStrtol.scan(w, 0);
        if (w.charAt(n.end()) != '}') {
            throw error("incorrect show format: invalid character '" + w.charAt(n.end()) + "' in field width");
        }
        long width = n.asLong();
        if (n.longRange() || width < Integer.MIN_VALUE || width > Integer.MAX_VALUE) {
            throw error("incorrect show format: field width is out of range");
        }
        return new Element(null, body.substring(0, semi), (int) width);
    }

    // parsestring(): \n \t \r, any other escaped character itself (the one after a final '\' may be past the end,
    // a NUL at the template's end, which ends the string)
    private static String literal(char[] s, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            char c = s[i];
            if (c == '\\') {
                c = switch (s[++i]) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> s[i];
                };
            }
            if (c == 0) {
                break;
            }
            b.append(c);
        }
        return b.toString();
    }

    private static Getopt.ToolError error(String message) {
        return new Getopt.ToolError("ERROR: " + message + "\n", 1);
    }

    /**
     * display_packet() under --format: each field with a value (names case-blind, fields_map's) printed "%*s", one
     * without a value warned about on stderr.
     */
    String render(Map<String, String> values, Consumer<String> warn) {
        StringBuilder line = new StringBuilder();
        for (Element e : elements) {
            if (e.field() == null) {
                line.append(e.text());
                continue;
            }
            String v = values.get(e.field().toLowerCase(Locale.ROOT));
            if (v == null) {
                warn.accept("WARNING: Field ${" + e.field() + "} unknown or not available");
            } else if (e.width() == 0) {
                line.append(v);
            } else {
                line.append(String.format(e.width() < 0 ? "%-" + -(long) e.width() + "s" : "%" + e.width() + "s", v));
            }
        }
        return line.toString();
    }
}
