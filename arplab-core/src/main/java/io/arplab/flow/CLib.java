package io.arplab.flow;

import java.math.BigInteger;

/** What OVS's parsers take from the C library, with its edge cases (one place for every caller). */
final class CLib {
    private CLib() {}

    /**
     * glibc's atoi(), which learn_parse__() and parse_DEC_TTL() use for their numbers: (int) strtol(s, NULL, 10), so
     * blanks and a sign before the digits, LONG_MAX or LONG_MIN past a long's range, and the low 32 bits of that.
     */
    static int atoi(String s) {
        BigInteger v = strto(s, 10);
        return (int) (v.bitLength() < 64 ? v.longValue() : v.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
    }

    /**
     * strtoul(s, NULL, 0) (parse_ofp_packet_out_str__()'s packet_type): ULONG_MAX past 64 bits, a minus sign negating
     * the value modulo 2^64.
     */
    static long strtoul(String s) {
        BigInteger v = strto(s, 0);
        return v.abs().bitLength() > 64 ? -1L : v.longValue();
    }

    /**
     * str_to_int(s, 0): strtol() of the whole string (at least one digit, nothing after), within an int; else null.
     */
    static Integer strToInt(String s) {
        int[] end = new int[1];
        BigInteger v = strto(s, 0, end);
        boolean digits = end[0] > 0 && Character.digit(s.charAt(end[0] - 1), 16) >= 0;
        return digits && end[0] == s.length() && v.bitLength() < 32 ? v.intValue() : null;
    }

    private static BigInteger strto(String s, int base) {
        return strto(s, base, new int[1]);
    }

    // strtol()'s scan: blanks (isspace()), a sign, in base 0 a 0x prefix before a hex digit (hexadecimal) or a leading
    // 0 (octal), then the base's digits as far as they go; 0 without any; end[0]: where the scan stopped
    private static BigInteger strto(String s, int base, int[] end) {
        int i = 0;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = i < s.length() && s.charAt(i) == '-';
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int b = base;
        if (b == 0 && i + 2 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && Character.digit(s.charAt(i + 2), 16) >= 0) {
            b = 16;
            i += 2;
        } else if (b == 0) {
            b = i < s.length() && s.charAt(i) == '0' ? 8 : 10;
        }
        int start = i;
        while (i < s.length() && s.charAt(i) < 128 && Character.digit(s.charAt(i), b) >= 0) {
            i++;
        }
        BigInteger v = i == start ? BigInteger.ZERO : new BigInteger(s.substring(start, i), b);
        end[0] = i;
        return negative ? v.negate() : v;
    }

    /** inet_pton(AF_INET): four decimal octets to 255, none with a leading zero, nothing else; -1 when it fails. */
    static long inetPton4(String s) {
        String[] o = s.split("\\.", -1);
        long ip = o.length == 4 ? 0 : -1;
        for (int i = 0; i < o.length && ip >= 0; i++) {
            boolean ok = o[i].matches("0|[1-9][0-9]{0,2}") && Integer.parseInt(o[i]) <= 255;
            ip = ok ? ip << 8 | Integer.parseInt(o[i]) : -1;
        }
        return ip;
    }
}
