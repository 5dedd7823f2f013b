package io.arplab.wire.libc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** What OVS's parsers and the tools take from the C library, with its edge cases (one place for every caller). */
public final class CLib {
    private CLib() {}

    /**
     * glibc's atoi(), which learn_parse__() and parse_DEC_TTL() use for their numbers: (int) strtol(s, NULL, 10), so
     * blanks and a sign before the digits, LONG_MAX or LONG_MIN past a long's range, and the low 32 bits of that.
     */
    public static int atoi(String s) {
        return (int) CStrtol.scan(s, 10).asLong();
    }

    /** glibc's atoll() (timeval_warp_cb()'s): strtoll(s, NULL, 10), LONG_MAX or LONG_MIN past a long's range. */
    public static long atoll(String s) {
        return CStrtol.scan(s, 10).asLong();
    }

    /**
     * strtoul(s, NULL, 0) (parse_ofp_packet_out_str__()'s packet_type): ULONG_MAX past 64 bits, a minus sign negating
     * the value modulo 2^64.
     */
    public static long strtoul(String s) {
        return CStrtol.scan(s, 0).asUnsignedLong();
    }

    /**
     * lib/util.c's str_to_int(s, base): strtoll() of the whole string (something converted, nothing after it, no
     * ERANGE) within an int; else null.
     */
    public static Integer strToInt(String s, int base) {
        CStrtol n = CStrtol.scan(s, base);
        if (!n.converted() || n.end() != s.length() || n.longRange()) {
            return null;
        }
        long v = n.asLong();
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) v;
    }

    /** inet_pton(AF_INET, s): the address, or -1 when glibc refuses it ({@link #inetPton4(String, int)}). */
    public static long inetPton4(String s) {
        return inetPton4(s, 0);
    }

    /**
     * glibc's inet_pton4() of s[from..]: four decimal octets to 255, none with a leading zero, nothing else; the
     * address, or -1 when it fails.
     */
    public static long inetPton4(String s, int from) {
        int octets = 0, cur = 0;
        boolean sawDigit = false;
        long a = 0;
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') {
                int v = cur * 10 + (ch - '0');
                if (sawDigit && cur == 0 || v > 255) {
                    return -1;
                }
                cur = v;
                if (!sawDigit) {
                    if (++octets > 4) {
                        return -1;
                    }
                    sawDigit = true;
                }
            } else if (ch == '.' && sawDigit) {
                if (octets == 4) {
                    return -1;
                }
                a = a << 8 | cur;
                cur = 0;
                sawDigit = false;
            } else {
                return -1;
            }
        }
        return octets < 4 ? -1 : a << 8 | cur;
    }

    /**
     * printf("%.*f", digits, v) as glibc prints a finite double: its exact binary value rounded to nearest, a tie (a
     * value such as 1.25, which binary holds exactly) to the even digit; Java's Formatter rounds the shortest decimal
     * that reads back as the double half up (1.25 to 1.3, 2.675, a little under it in binary, to 2.68).
     */
    public static String fixed(double v, int digits) {
        String s = new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        return v < 0 || (v == 0 && 1 / v < 0) ? (s.startsWith("-") ? s : "-" + s) : s;
    }

    /**
     * printf("%g", v) as glibc prints it: 6 significant digits (the exact value rounded, halves to even), trailing zeros
     * dropped, the exponent form below 1e-4 or from 1e6 on.
     */
    public static String g(double v) {
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= 6) {
            BigDecimal mantissa = d.movePointLeft(exp).stripTrailingZeros();
            String m = mantissa.scale() <= 0 ? mantissa.toBigInteger().toString() : mantissa.toPlainString();
            return m + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        d = d.stripTrailingZeros();
        return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
    }
}
