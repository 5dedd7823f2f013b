package io.arplab.wire.tshark;

/**
 * epan/strutil.c's format_text() of Wireshark 4.0: printable ASCII as it is, other ASCII as C's escape or three octal
 * digits, UTF-8 decoded by hand (an overlong form is taken as its value) with a bad sequence as U+FFFD, and a
 * character g_unichar_isprint() refuses as {@code \\uXXXX}.
 */
final class FormatText {
    private FormatText() {}

    static String of(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i++] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else if (c < 0x80) {
                sb.append('\\');
                switch (c) {
                    case 0x07 -> sb.append('a');
                    case 0x08 -> sb.append('b');
                    case 0x0c -> sb.append('f');
                    case 0x0a -> sb.append('n');
                    case 0x0d -> sb.append('r');
                    case 0x09 -> sb.append('t');
                    case 0x0b -> sb.append('v');
                    default -> sb.append((char) ('0' + ((c >> 6) & 3))).append((char) ('0' + ((c >> 3) & 7)))
                            .append((char) ('0' + (c & 7)));
                }
            } else {
                int more;
                int uc;
                if ((c & 0xe0) == 0xc0) {
                    more = 1;
                    uc = c & 0x1f;
                } else if ((c & 0xf0) == 0xe0) {
                    more = 2;
                    uc = c & 0x0f;
                } else if ((c & 0xf8) == 0xf0) {
                    more = 3;
                    uc = c & 0x07;
                } else {
                    // a continuation byte, or a lead byte UTF-8 no longer has
                    sb.append('\uFFFD');
                    continue;
                }
                while (more > 0 && i < end && (b[i] & 0xc0) == 0x80) {
                    uc = (uc << 6) | (b[i++] & 0x3f);
                    more--;
                }
                if (more > 0 || uc > 0x10ffff || (uc >= 0xd800 && uc <= 0xdfff)) {
                    // cut short or not a character (g_unichar_validate())
                    sb.append('\uFFFD');
                } else if (printable(uc)) {
                    sb.appendCodePoint(uc);
                } else {
                    sb.append(uc > 0xffff ? String.format("\\U%08X", uc) : String.format("\\u%04X", uc));
                }
            }
        }
        return sb.toString();
    }

    /** g_unichar_isprint(): anything but a control, format, unassigned or surrogate code point. */
    private static boolean printable(int uc) {
        return switch (Character.getType(uc)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE -> false;
            default -> true;
        };
    }
}
