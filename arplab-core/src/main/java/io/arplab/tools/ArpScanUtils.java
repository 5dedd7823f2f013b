package io.arplab.tools;

import io.arplab.wire.libc.CStrtol;

/** arp-scan 1.10.0's utils.c: its number, interval, bandwidth, MAC address and hex readers, each refusing as it does. */
final class ArpScanUtils {
    private ArpScanUtils() {}

    /** Strtoul(nptr, base): strtoul() with nothing but white space after the digits. */
    static long strtoul(String s, int base) {
        return whole(s, CStrtol.scan(s, base)).asUnsignedLong();
    }

    /** Strtol(nptr, 0): strtol() in base 0 (0x hex, 0 octal) with nothing but white space after it, as an int. */
    static int strtol(String s) {
        return (int) whole(s, CStrtol.scan(s, 0)).asLong();
    }

    // Strtoul() and Strtol(): no digits converted, or anything but white space after them, is an error
    private static CStrtol whole(String s, CStrtol n) {
        if (!n.converted() || n.end() < s.length() && !Character.isWhitespace(s.charAt(n.end()))) {
            throw new Getopt.ToolError("ERROR: \"" + s + "\" is not a valid numeric value\n", 1);
        }
        return n;
    }

    /**
     * get_ether_addr(): sscanf()'s six %x separated by ':', else by '-', each kept as its low byte; the address, or
     * main()'s {@code error} naming the string when fewer than six were read.
     */
    static long etherAddr(String s, String error) {
        long mac = hexFields(s, ':');
        if (mac < 0) {
            mac = hexFields(s, '-');
        }
        if (mac < 0) {
            throw new Getopt.ToolError(error + s + "\n", 1);
        }
        return mac;
    }

    // sscanf("%x<sep>%x..."): each %x skips white space, takes a sign, a 0x prefix and at least one hex digit (an
    // unsigned that a '-' negates); the six low bytes, or -1 when fewer than six were converted
    private static long hexFields(String s, char sep) {
        int i = 0;
        long mac = 0;
        for (int n = 0; n < 6; n++) {
            if (n > 0) {
                if (i >= s.length() || s.charAt(i) != sep) {
                    return -1;
                }
                i++;
            }
            while (i < s.length() && CStrtol.isSpace(s.charAt(i))) {
                i++;
            }
            boolean negative = false;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                negative = s.charAt(i) == '-';
                i++;
            }
            if (i + 2 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x'
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                i += 2;
            }
            int from = i;
            long v = 0;
            while (i < s.length() && s.charAt(i) < 128 && Character.digit(s.charAt(i), 16) >= 0) {
                v = v * 16 + Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i == from) {
                return -1;
            }
            mac = mac << 8 | (negative ? -v : v) & 0xff;
        }
        return mac;
    }

    /** str_to_interval(): microseconds from milliseconds, or with a u (µs) or s suffix; an unsigned. */
    static long interval(String s) {
        return multiplied(s, "interval", c -> c == 'u' || c == 'U' ? 1 : c == 's' || c == 'S' ? 1_000_000 : -1, 1_000)
                & 0xffff_ffffL;
    }

    /** str_to_bandwidth(): bits per second, or with a K (1000) or M (1000000) suffix; an unsigned. */
    static long bandwidth(String s) {
        return multiplied(s, "bandwidth", c -> c == 'k' || c == 'K' ? 1_000 : c == 'm' || c == 'M' ? 1_000_000 : -1, 1)
                & 0xffff_ffffL;
    }

    // str_to_interval() and str_to_bandwidth(): the last character, unless a digit, is the unit (an unknown one
    // refused by name), and what comes before it a number
    private static long multiplied(String s, String what, java.util.function.IntToLongFunction unit, long plain) {
        char c = s.isEmpty() ? '0' : s.charAt(s.length() - 1);
        if (Character.isDigit(c)) {
            return strtoul(s, 10) * plain;
        }
        long m = unit.applyAsLong(c);
        if (m < 0) {
            throw new Getopt.ToolError("ERROR: Unknown " + what + " multiplier character: \"" + c + "\"\n", 1);
        }
        return strtoul(s.substring(0, s.length() - 1), 10) * m;
    }

    /**
     * hex2data() of an even number of characters (main() refuses an odd one): hstr_i() of each pair, which reads any
     * character as a digit ('0'-based, less 7 past '9', the low four bits kept).
     */
    static byte[] hexData(String s) {
        if (s.length() % 2 != 0) {
            throw new Getopt.ToolError("ERROR: Length of --padding argument must be even (multiple of 2).\n", 1);
        }
        byte[] data = new byte[s.length() / 2];
        for (int i = 0; i < data.length; i++) {
            int j = 0;
            for (int k = 0; k < 2; k++) {
                int d = (s.charAt(2 * i + k) - '0') & 0xffff_ffff;
                if (Integer.compareUnsigned(d, 9) > 0) {
                    d -= 7;
                }
                j = j << 4 | d & 0x0f;
            }
            data[i] = (byte) j;
        }
        return data;
    }
}
