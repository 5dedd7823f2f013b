package io.arplab.lab;

/** Virtual durations as people type them: {@code 15}, {@code 1.5}, {@code 500ms}, {@code 2s}, {@code 1m}, {@code 2h}. */
public final class Duration {
    private Duration() {}

    /** Nanoseconds; a bare number means seconds. */
    public static long parse(String text) {
        String t = text.trim();
        double unit = 1e9;
        String num = t;
        if (t.endsWith("ms")) {
            unit = 1e6;
            num = t.substring(0, t.length() - 2);
        } else if (t.endsWith("us")) {
            unit = 1e3;
            num = t.substring(0, t.length() - 2);
        } else if (t.endsWith("ns")) {
            unit = 1;
            num = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            num = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60e9;
            num = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unit = 3600e9;
            num = t.substring(0, t.length() - 1);
        }
        double v;
        try {
            v = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v >= 0) || v * unit > 1e18 || num.isEmpty() || !num.matches("[0-9.]+")) {
            throw new IllegalArgumentException("invalid duration '" + text + "': expected e.g. 15, 1.5, 500ms, 2s, 1m");
        }
        return Math.round(v * unit);
    }

    /** Seconds with millisecond precision: {@code 12.345}. */
    public static String seconds(long nanos) {
        return String.format("%d.%03d", nanos / 1_000_000_000L, (nanos % 1_000_000_000L) / 1_000_000L);
    }
}
