package io.arplab.tools.iproute;

import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import io.arplab.wire.libc.CStrtol;
import java.util.List;

/** A cursor over command words with iproute2's conventions: NEXT_ARG(), matches() abbreviations. */
public final class Args {
    private final List<String> words;
    private int i;

    public Args(List<String> words) {
        this.words = words;
    }

    public boolean more() {
        return i < words.size();
    }

    public String peek() {
        return words.get(i);
    }

    /** Takes the current word and moves on. */
    public String take() {
        return words.get(i++);
    }

    /** NEXT_ARG(): the word after the current keyword, or "Command line is not complete". */
    public String next() {
        i++;
        if (i >= words.size()) {
            throw incomplete();
        }
        return words.get(i);
    }

    /** The value word after a keyword just taken (NEXT_ARG() then the word), or "Command line is not complete". */
    public String value() {
        if (!more()) {
            throw incomplete();
        }
        return take();
    }

    /** Moves past the current word. */
    public void skip() {
        i++;
    }

    /** The words from the current one on, to be read again. */
    public Args copy() {
        Args c = new Args(words);
        c.i = i;
        return c;
    }

    public int remaining() {
        return words.size() - i;
    }

    public static CommandExit incomplete() {
        return new CommandExit(255, "Command line is not complete. Try option \"help\"");
    }

    /** include/uapi/linux/if.h: a device name's buffer, its NUL included. */
    public static final int IFNAMSIZ = 16;

    /** check_ifname() (get_ifname()): not empty, shorter than IFNAMSIZ, no '/' nor white space. */
    public static boolean validIfname(String w) {
        return !w.isEmpty() && w.length() < IFNAMSIZ
                && w.chars().noneMatch(c -> c == '/' || " \t\n\u000b\f\r".indexOf(c) >= 0);
    }

    /** iproute2's matches(): a non-empty {@code word} that is a prefix of {@code keyword}. */
    public static boolean matches(String word, String keyword) {
        return !word.isEmpty() && keyword.startsWith(word);
    }

    /**
     * ll_addr_a2n(): at most {@code len} bytes (the caller's buffer), each part up to the next ':' read by
     * sscanf("%x") (blanks, a sign, 0x, then hex digits up to any other character) and 0-255; with a '.', an IPv4
     * address of 4 bytes (get_addr_1()). A part that fails is named: "PART" is invalid lladdr.
     */
    public static byte[] lladdr(String text, int len) {
        if (text.indexOf('.') >= 0) {
            Ipv4Address v4 = parseInet(text); // get_addr_1(AF_INET)
            if (v4 == null) {
                throw new CommandExit(1, "\"" + text + "\" is invalid lladdr.");
            }
            int b = v4.bits();
            return new byte[] {(byte) (b >>> 24), (byte) (b >>> 16), (byte) (b >>> 8), (byte) b};
        }
        byte[] out = new byte[len];
        String arg = text;
        int i = 0;
        for (; i < len; i++) {
            int colon = arg.indexOf(':');
            String part = colon < 0 ? arg : arg.substring(0, colon);
            long v = scanHex(part);
            if (v < 0 || v > 255) {
                throw new CommandExit(1, "\"" + part + "\" is invalid lladdr.");
            }
            out[i] = (byte) v;
            if (colon < 0) {
                break;
            }
            arg = arg.substring(colon + 1);
        }
        return java.util.Arrays.copyOf(out, Math.min(i + 1, len));
    }

    // sscanf("%x"): the value, or -1 when no hex digit comes (a negative or huge value is also out of 0-255)
    private static long scanHex(String s) {
        int i = 0;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        if ((s.startsWith("0x", i) || s.startsWith("0X", i)) && i + 2 < s.length()
                && Character.digit(s.charAt(i + 2), 16) >= 0) {
            i += 2;
        }
        long v = 0;
        int digits = 0;
        for (; i < s.length() && Character.digit(s.charAt(i), 16) >= 0; i++, digits++) {
            v = Math.min(v * 16 + Character.digit(s.charAt(i), 16), 1L << 40);
        }
        return digits == 0 ? -1 : negative ? (v == 0 ? 0 : 256) : v;
    }



    /** An Ethernet address from {@link #lladdr} bytes (the first six; fewer is an error for the caller). */
    public static MacAddress mac(byte[] b) {
        long v = 0;
        for (int k = 0; k < 6; k++) {
            v = (v << 8) | (b[k] & 0xff);
        }
        return MacAddress.of(v);
    }

    /** utils.c family_name_verbose() of ip's -family (0 unspec, 4 inet, 6 inet6, 17 link). */
    private static String familyName(int family) {
        return switch (family) {
            case 4 -> "inet";
            case 6 -> "inet6";
            default -> "any valid";
        };
    }

    /** get_addr() under ip's -family: -0 (AF_PACKET) takes no address at all. */
    public static Ipv4Address addr(String text, int family) {
        if (family == 17) {
            throw new CommandExit(1, "Error: \"" + text + "\" may be inet address, but it is not allowed in this context.");
        }
        Ipv4Address a = family == 6 ? null : parseInet(text);
        if (a == null) {
            throw new CommandExit(1, "Error: " + familyName(family) + " address is expected rather than \"" + text
                    + "\".");
        }
        return a;
    }

    /** get_prefix() under ip's -family, as {@link #addr(String, int)}. */
    public static Prefix prefix(String text, int family) {
        if (family == 17) {
            throw new CommandExit(1, "Error: \"" + text + "\" may be inet prefix, but it is not allowed in this context.");
        }
        Prefix p = family != 6 || text.equals("default") || text.equals("all") || text.equals("any")
                ? parsePrefix(text) : null;
        if (p == null) {
            throw new CommandExit(1, "Error: " + familyName(family) + " prefix is expected rather than \"" + text
                    + "\".");
        }
        return p;
    }

    /** get_addr() for IPv4: a dotted quad, or the iproute2 error (exit 1). */
    public static Ipv4Address addr(String text, boolean inet) {
        return addr(text, inet ? 4 : 0);
    }

    /**
     * get_addr_ipv4(): one to four numbers (strtoul base 0: decimal, 0x hex, 0 octal) separated by dots, missing
     * octets zero ("10.1" is 10.1.0.0); null when malformed.
     */
    public static Ipv4Address parseInet(String text) {
        if (text.isEmpty()) {
            return null;
        }
        String[] p = text.split("\\.", -1);
        if (p.length > 4) {
            return null;
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            long o = 0;
            if (k < p.length) {
                o = strtoul(p[k]);
                if (o < 0 || o > 255) {
                    return null;
                }
            }
            v = (v << 8) | (int) o;
        }
        return Ipv4Address.of(v);
    }

    /**
     * utils.c get_integer(): strtol(arg, &ptr, base 0) that must take the whole non-empty argument and fit an int;
     * null when it does not.
     */
    public static Integer integer(String text) {
        CStrtol n = CStrtol.scan(text, 0);
        if (text.isEmpty() || !n.converted() || n.end() != text.length()) {
            return null;
        }
        long v = n.asLong();
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) v;
    }

    /** strtoul(s, &end, 0) that must take the whole part (white space and a sign first); -1 when it does not. */
    private static long strtoul(String s) {
        CStrtol n = CStrtol.scan(s, 0);
        if (!n.converted() || n.end() != s.length()) {
            return -1;
        }
        long v = n.asUnsignedLong();
        return v < 0 ? -1 : v; // a negated value wraps around unsigned long: only -0 stays a small number
    }

    /** An IPv4 prefix ("10.0.0.0/8", "10.1.2.3", "default"/"all"/"any" = 0/0); null when malformed. */
    public record Prefix(Ipv4Address address, int length, boolean lengthGiven) {
        public boolean contains(Ipv4Address a) {
            return length == 0 || ((a.bits() ^ address.bits()) & Ipv4Address.netmask(length)) == 0;
        }
    }

    public static Prefix parsePrefix(String text) {
        if (text.equals("default") || text.equals("all") || text.equals("any")) {
            return new Prefix(Ipv4Address.ANY, 0, true);
        }
        int slash = text.indexOf('/');
        Ipv4Address a = parseInet(slash < 0 ? text : text.substring(0, slash));
        if (a == null) {
            return null;
        }
        if (slash < 0) {
            return new Prefix(a, 32, false);
        }
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 2 || !len.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int l = Integer.parseInt(len);
        if (l > 32) {
            return null;
        }
        return new Prefix(a, l, true);
    }

    /** get_prefix(): the prefix, or the iproute2 error (exit 1). */
    public static Prefix prefix(String text, boolean inet) {
        return prefix(text, inet ? 4 : 0);
    }

    /** get_unsigned(): decimal, 0x hex or 0 octal; -1 when malformed. */
    public static long unsigned(String text) {
        try {
            long v;
            if (text.startsWith("0x") || text.startsWith("0X")) {
                v = Long.parseLong(text.substring(2), 16);
            } else if (text.length() > 1 && text.startsWith("0")) {
                v = Long.parseLong(text.substring(1), 8);
            } else {
                v = Long.parseLong(text);
            }
            return v < 0 || v > 0xffff_ffffL ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
