package io.arplab.tools;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** printf conversions the emulated tools need that Java's Formatter renders differently. */
public final class CFormat {
    private CFormat() {}

    /** C's {@code %g}: 6 significant digits, trailing zeros dropped, exponent form below 1e-4 or from 1e6 on. */
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
