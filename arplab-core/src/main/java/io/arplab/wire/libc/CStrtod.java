package io.arplab.wire.libc;

import java.math.BigDecimal;

/**
 * One scan of libc's strtod() in the C locale (glibc's ____strtod_l_internal()): white space as isspace() has it, a
 * sign, then {@code inf}/{@code infinity} or {@code nan}/{@code nan(chars)} in any case, a hexadecimal number
 * ({@code 0x} digits, a point, a {@code p} exponent) or a decimal one (digits, a point, an {@code e} exponent), an
 * exponent counting only when digits follow it. The value is correctly rounded, as both glibc and Java round;
 * {@link #erange()} is whether strtod() sets ERANGE (a finite number too large, or one so small that it rounds to a
 * subnormal or zero). {@link #end()} is where *endptr points: 0 when nothing was converted.
 */
public record CStrtod(double value, int end, boolean erange) {
    /** strtod(s, &end)'s scan of {@code s} from its start. */
    public static CStrtod scan(String s) {
        int i = 0;
        while (i < s.length() && CStrtol.isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        double sign = negative ? -1 : 1;
        if (startsWithIgnoreCase(s, i, "inf")) {
            int end = startsWithIgnoreCase(s, i, "infinity") ? i + 8 : i + 3;
            return new CStrtod(sign * Double.POSITIVE_INFINITY, end, false);
        }
        if (startsWithIgnoreCase(s, i, "nan")) {
            int end = i + 3;
            if (end < s.length() && s.charAt(end) == '(') { // nan(n-char-sequence): letters, digits and _ to a ')'
                int k = end + 1;
                while (k < s.length() && (Character.isLetterOrDigit(s.charAt(k)) && s.charAt(k) < 128
                        || s.charAt(k) == '_')) {
                    k++;
                }
                if (k < s.length() && s.charAt(k) == ')') {
                    end = k + 1;
                }
            }
            return new CStrtod(Math.copySign(Double.NaN, sign), end, false);
        }
        boolean hex = i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < s.length() && (hexDigit(s.charAt(i + 2)) || s.charAt(i + 2) == '.' && i + 3 < s.length()
                && hexDigit(s.charAt(i + 3)));
        int start = hex ? i + 2 : i;
        int k = start;
        int digits = 0;
        while (k < s.length() && (hex ? hexDigit(s.charAt(k)) : decDigit(s.charAt(k)))) {
            k++;
            digits++;
        }
        int point = -1;
        if (k < s.length() && s.charAt(k) == '.') {
            point = k++;
            while (k < s.length() && (hex ? hexDigit(s.charAt(k)) : decDigit(s.charAt(k)))) {
                k++;
                digits++;
            }
        }
        if (digits == 0) {
            return new CStrtod(0.0, 0, false); // nothing converted: +0.0, the end at the start
        }
        int mantissaEnd = k;
        int expAt = -1;
        if (k < s.length() && (hex ? s.charAt(k) == 'p' || s.charAt(k) == 'P' : s.charAt(k) == 'e' || s.charAt(k) == 'E')) {
            int e = k + 1;
            if (e < s.length() && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                e++;
            }
            if (e < s.length() && decDigit(s.charAt(e))) {
                expAt = k;
                k = e;
                while (k < s.length() && decDigit(s.charAt(k))) {
                    k++;
                }
            }
        }
        // a point at either end gets its zero digit ("0.5", "5.0"), as Java's parsers want one there
        String m = s.substring(start, mantissaEnd);
        String mantissa = m.startsWith(".") ? "0" + m : m.endsWith(".") ? m + "0" : m;
        String exponent = expAt < 0 ? "0" : s.substring(expAt + 1, k);
        double v;
        boolean nonZero = mantissa.chars().anyMatch(c -> c != '0' && c != '.');
        if (hex) {
            // Java's hex literal needs its p exponent; an exponent beyond an int saturates
            v = Double.parseDouble("0x" + mantissa + "p" + clampExponent(exponent));
        } else {
            v = parseDecimal(new BigDecimal(mantissa), exponent);
        }
        // underflow: a tiny result (subnormal or zero) that is not the number itself; an exact subnormal is no error
        boolean erange = Double.isInfinite(v) || nonZero && Math.abs(v) < Double.MIN_NORMAL
                && (v == 0 || new BigDecimal(v).compareTo(exact(hex, mantissa, exponent)) != 0);
        return new CStrtod(sign * v, k, erange);
    }

    // the decimal's value scaled by 10^exponent and correctly rounded, without building a huge string
    private static double parseDecimal(BigDecimal d, String exponent) {
        long e = clampExponent(exponent);
        if (d.signum() == 0) {
            return 0.0;
        }
        // beyond these the double is infinity or zero whatever the digits (a mantissa's own digits shift it by
        // at most its length)
        long scale = e - d.scale() + d.precision();
        if (scale > 400) {
            return Double.POSITIVE_INFINITY;
        }
        if (scale < -400) {
            return 0.0;
        }
        return Double.parseDouble(d.unscaledValue() + "e" + (e - d.scale()));
    }

    // the number a tiny mantissa (its points with their digits) and exponent stand for, exactly
    private static BigDecimal exact(boolean hex, String m, String exponent) {
        long e = clampExponent(exponent);
        if (!hex) {
            return new BigDecimal(m).scaleByPowerOfTen((int) e);
        }
        int point = m.indexOf('.');
        String digits = point < 0 ? m : m.substring(0, point) + m.substring(point + 1);
        long shift = e - 4L * (point < 0 ? 0 : m.length() - point - 1);
        BigDecimal n = new BigDecimal(new java.math.BigInteger(digits, 16));
        return shift >= 0 ? n.multiply(new BigDecimal(java.math.BigInteger.TWO.pow((int) shift)))
                : n.divide(new BigDecimal(java.math.BigInteger.TWO.pow((int) -shift)));
    }

    private static long clampExponent(String exponent) {
        String t = exponent.startsWith("+") ? exponent.substring(1) : exponent;
        boolean negative = t.startsWith("-");
        String digits = (negative ? t.substring(1) : t).replaceFirst("^0+(?=.)", "");
        if (digits.length() > 9) {
            return negative ? -1_000_000_000L : 1_000_000_000L;
        }
        return Long.parseLong(digits) * (negative ? -1 : 1);
    }

    private static boolean startsWithIgnoreCase(String s, int i, String word) {
        return s.regionMatches(true, i, word, 0, word.length());
    }

    private static boolean decDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hexDigit(char c) {
        return decDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
