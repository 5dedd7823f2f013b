package io.arplab.tools.iptables;

import io.arplab.stack.Xtables.RateLimit;
import io.arplab.tools.iptables.IptExtensions.Ext;
import io.arplab.tools.iptables.IptExtensions.Opt;
import java.util.List;

/**
 * libxt_limit.c of iptables 1.8.9 (--limit's parse_rate(), --limit-burst as XTTYPE_UINT32 0-10000, print_rate(),
 * limit_print(), limit_save()) and how iptables-nft stores it: nft.c's add_nft_limit() makes it nft's own limit
 * expression (a rate per unit of the coarsest unit print_rate() would name), nft-shared.c's nft_parse_limit() reads it
 * back (avg = XT_LIMIT_SCALE * unit / rate), and nft_limit_init() gives a burst of 0 the default 5.
 */
final class IptLimit {
    private IptLimit() {}

    private static final long SCALE = 10000; // XT_LIMIT_SCALE
    /** rates[]: day, hour, min, sec, each XT_LIMIT_SCALE times its seconds. */
    private static final long[] MULT = {SCALE * 24 * 60 * 60, SCALE * 60 * 60, SCALE * 60, SCALE};
    private static final String[] NAMES = {"day", "hour", "min", "sec"};

    static List<Opt> options() {
        return List.of(new Opt("limit", true, false), new Opt("limit-burst", true, false));
    }

    /** limit_init() then limit_parse(): the defaults 3/hour and 5. */
    static void parse(Ext e, Opt o, String arg) {
        if (e.seen == 0 && e.limitAvg == 0) {
            e.limitAvg = rate("3/hour");
            e.limitBurst = 5;
        }
        int bit = o.name().equals("limit") ? 1 : 2;
        if ((e.seen & bit) != 0) {
            throw IptError.parameter("limit: option \"--" + o.name() + "\" can only be used once.\n");
        }
        e.seen |= bit;
        if (bit == 1) {
            long avg = rate(arg);
            if (avg < 0) {
                throw IptError.parameter("bad rate \"" + arg + "\"'");
            }
            e.limitAvg = avg;
        } else {
            long b = Iptables.strtoui(arg, 0, 10000);
            if (b < 0) {
                throw IptError.parameter("limit: bad value for option \"--limit-burst\", or out of range (0-10000).\n");
            }
            e.limitBurst = b;
        }
    }

    /**
     * parse_rate(): atoi() of the number, "/second", "/minute", "/hour" or "/day" abbreviated to any prefix (seconds
     * by default), as XT_LIMIT_SCALE * mult / r in 32 bits; -1 for a bad rate, "Rate too fast" when that is 0.
     */
    private static long rate(String rate) {
        int slash = rate.indexOf('/');
        long mult = 1;
        if (slash >= 0) {
            String unit = rate.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
            if (unit.isEmpty()) {
                return -1;
            }
            if ("second".startsWith(unit)) {
                mult = 1;
            } else if ("minute".startsWith(unit)) {
                mult = 60;
            } else if ("hour".startsWith(unit)) {
                mult = 60 * 60;
            } else if ("day".startsWith(unit)) {
                mult = 24 * 60 * 60;
            } else {
                return -1;
            }
        }
        long r = atoi(rate) & 0xFFFF_FFFFL;
        if (r == 0) {
            return -1;
        }
        long val = (SCALE * mult & 0xFFFF_FFFFL) / r;
        if (val == 0) {
            throw IptError.parameter("Rate too fast \"" + rate + "\"");
        }
        return val;
    }

    // atoi(): leading blanks, a sign, digits (as the int strtol() gives, cut to 32 bits)
    private static int atoi(String s) {
        io.arplab.wire.libc.CStrtol n = io.arplab.wire.libc.CStrtol.scan(s, 10);
        return n.end() == 0 ? 0 : (int) n.asLong();
    }

    /** add_nft_limit() and nft_parse_limit(): what the kernel's limit expression holds, and the match read back. */
    static RateLimit match(Ext e) {
        long avg = e.seen == 0 ? rate("3/hour") : e.limitAvg;
        long burst = e.seen == 0 ? 5 : e.limitBurst;
        int i = 1;
        for (; i < MULT.length; i++) {
            if (avg > MULT[i] || MULT[i] / avg < MULT[i] % avg) {
                break;
            }
        }
        long rate = MULT[i - 1] / avg;
        long unit = MULT[i - 1] / SCALE;
        return new RateLimit(rate, unit, burst == 0 ? 5 : burst);
    }

    /** limit_print(): " limit: avg RATE burst N" (iptables -L), or limit_save()'s options (iptables -S). */
    static void print(StringBuilder out, RateLimit l, boolean save) {
        long avg = SCALE * l.unit() / l.rate();
        out.append(save ? " --limit" : " limit: avg");
        int i = 1;
        for (; i < MULT.length; i++) { // print_rate()
            if (avg > MULT[i] || MULT[i] / avg < MULT[i] % avg) {
                break;
            }
        }
        out.append(' ').append(MULT[i - 1] / avg).append('/').append(NAMES[i - 1]);
        if (!save) {
            out.append(" burst ").append(l.burst());
        } else if (l.burst() != 5) {
            out.append(" --limit-burst ").append(l.burst());
        }
    }
}
