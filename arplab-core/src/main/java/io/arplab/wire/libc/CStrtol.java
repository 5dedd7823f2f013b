package io.arplab.wire.libc;

import java.math.BigInteger;

/**
 * One scan of libc's strtol() and strtoul() (glibc's ____strtol_l_internal()): white space as isspace() has it, a
 * sign, in base 16 or 0 a {@code 0x}/{@code 0X} prefix, in base 0 a leading {@code 0} for octal, then the base's
 * ASCII digits as far as they go. The magnitude is kept exact; {@link #asLong()} and {@link #asUnsignedLong()} give
 * what each function returns, saturated on ERANGE. {@link #end()} is where *endptr points: the start of the string
 * when nothing was converted, or the {@code x} of a {@code 0x} no hex digit follows (which converts the 0).
 */
public record CStrtol(BigInteger magnitude, boolean negative, int end) {
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger LONG_MIN_MAGNITUDE = LONG_MAX.add(BigInteger.ONE);
    private static final BigInteger ULONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** isspace() in the C locale. */
    public static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** strtol(s, &end, base) and strtoul()'s scan of {@code s} from its start. */
    public static CStrtol scan(String s, int base) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int b = base;
        int prefix = -1; // where a 0x prefix's x is
        if (i < s.length() && s.charAt(i) == '0') {
            if ((b == 0 || b == 16) && i + 1 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
                prefix = i + 1;
                i += 2;
                b = 16;
            } else if (b == 0) {
                b = 8;
            }
        } else if (b == 0) {
            b = 10;
        }
        int first = i;
        BigInteger v = BigInteger.ZERO;
        BigInteger radix = BigInteger.valueOf(b);
        while (i < s.length() && s.charAt(i) < 128 && Character.digit(s.charAt(i), b) >= 0) {
            v = v.multiply(radix).add(BigInteger.valueOf(Character.digit(s.charAt(i), b)));
            i++;
        }
        if (i == first) { // no digits: 0, the end at the prefix's x or back at the start
            return new CStrtol(BigInteger.ZERO, false, prefix >= 0 ? prefix : 0);
        }
        return new CStrtol(v, negative, i);
    }

    /**
     * OpenBSD's strtonum() (libbsd's, as netcat-openbsd links it): strtoll() in base 10 over the whole string; null
     * when the value is in [min, max], else its errstr: "invalid", "too small" or "too large".
     */
    public static String strtonumError(String s, long min, long max) {
        CStrtol r = scan(s, 10);
        if (!r.converted() || r.end() != s.length()) {
            return "invalid";
        }
        long v = r.asLong();
        if (r.longRange() && r.negative() || v < min) {
            return "too small";
        }
        if (r.longRange() || v > max) {
            return "too large";
        }
        return null;
    }

    /** Whether anything was converted (the end moved past the start). */
    public boolean converted() {
        return end > 0;
    }

    /** Whether strtol() sets ERANGE: the value is outside a long's range. */
    public boolean longRange() {
        return magnitude.compareTo(negative ? LONG_MIN_MAGNITUDE : LONG_MAX) > 0;
    }

    /** strtol()'s result: the value, or LONG_MAX or LONG_MIN past the range. */
    public long asLong() {
        if (longRange()) {
            return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return negative ? magnitude.negate().longValue() : magnitude.longValue();
    }

    /** strtoul()'s result as a long's bits: the magnitude negated modulo 2^64 for a minus sign, ULONG_MAX past it. */
    public long asUnsignedLong() {
        if (magnitude.compareTo(ULONG_MAX) > 0) {
            return -1L;
        }
        return negative ? magnitude.negate().longValue() : magnitude.longValue();
    }
}
