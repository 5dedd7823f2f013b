package io.arplab.flow;

/** What OVS's parsers take from the C library, with its edge cases (one place for every caller). */
final class CLib {
    private CLib() {}

    /**
     * glibc's atoi(), which learn_parse__() and parse_DEC_TTL() use for their numbers: (int) strtol(s, NULL, 10), so
     * blanks and a sign before the digits, LONG_MAX or LONG_MIN past a long's range, and the low 32 bits of that.
     */
    static int atoi(String s) {
        int i = 0;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = i < s.length() && s.charAt(i) == '-';
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == start) {
            return 0;
        }
        java.math.BigInteger v = new java.math.BigInteger(s.substring(start, i));
        v = negative ? v.negate() : v;
        long l = v.bitLength() < 64 ? v.longValue() : negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        return (int) l;
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
