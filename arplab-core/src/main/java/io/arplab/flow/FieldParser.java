package io.arplab.flow;

import io.arplab.wire.Geneve;
import io.arplab.wire.Ipv6Address;
import java.math.BigInteger;

/** How ovs-ofctl reads a field's value (lib/meta-flow.c mf_parse and its helpers), with OVS's error texts. */
public final class FieldParser {
    private FieldParser() {}

    /**
     * mf_parse(): {value, mask, value's bits 64..127, mask's bits 64..127} in the field's units (the last two are
     * zero but for 128-bit fields).
     */
    public static long[] parse(Field f, String s, PortMap names) {
        if (s.equals("*")) {
            return new long[4];
        }
        long[] r = switch (f.kind) {
            case DEC, HEX -> integer(f, s);
            case ETH -> ethernet(f, s);
            case IPV4 -> ipv4(f, s);
            case IPV6 -> ipv6(s);
            case PORT -> port(f, s, names);
            case CT_STATE -> flags(s, MatchFormat.CT_STATE_NAMES, "ct_state", 0xff);
            case TCP_FLAGS -> flags(s, MatchFormat.TCP_FLAG_NAMES, "TCP", 0xfff);
            case TUN_FLAGS -> flags(s, Tunnel.FLAG_NAMES, "tunnel", Geneve.TNL_OAM); // FLOW_TNL_PUB_F_MASK
            case FRAG -> frag(s);
        };
        // mf_is_mask_valid(): a field without masks takes all ones, or none (all zeros: not matched at all)
        boolean none = r[1] == 0 && (r.length < 4 || r[3] == 0);
        long bytes = f.nBytes >= 8 ? -1L : (1L << (8 * f.nBytes)) - 1;
        // an integer's mask is all ones over the field's bytes (is_all_ones()), mpls_bos's 1 bit not enough
        long ones = f.kind == Field.Kind.DEC || f.kind == Field.Kind.HEX ? bytes : f.fullMask() & bytes;
        if (!f.maskable && !none && (r[1] & (f.kind == Field.Kind.DEC || f.kind == Field.Kind.HEX ? bytes : f.fullMask())) != ones) {
            throw new FlowParseException(s + ": invalid mask for field " + f.name);
        }
        return r.length == 4 ? r : new long[] {r[0], r[1], 0, 0};
    }

    /** mf_parse() as a value and a mask of up to 128 bits. */
    public static U128[] parseWide(Field f, String s, PortMap names) {
        long[] r = parse(f, s, names);
        return new U128[] {new U128(r[2], r[0]), new U128(r[3], r[1])};
    }

    // mf_from_integer_string(): parse_int_string() of the value, then of the mask after '/'
    private static long[] integer(Field f, String s) {
        IntString v = intString(s, f.nBytes);
        if (v.err != 0 || v.tail < s.length() && s.charAt(v.tail) != '/') {
            throw intError(f, s, v.err, "value");
        }
        U128 mask = f.nBytes >= 16 ? U128.ones(128) : U128.ones(8 * f.nBytes);
        if (v.tail < s.length()) {
            String t = s.substring(v.tail + 1);
            IntString m = intString(t, f.nBytes);
            if (m.err != 0 || m.tail < t.length()) {
                throw intError(f, s, m.err, "mask");
            }
            mask = m.value;
        }
        return new long[] {v.value.lo(), mask.lo(), v.value.hi(), mask.hi()};
    }

    private static FlowParseException intError(Field f, String s, int err, String what) {
        return new FlowParseException(err == ERANGE ? s + ": " + what + " too large for " + f.nBytes + "-byte field "
                + f.name : s + ": bad syntax for " + f.name + " " + what);
    }

    static final int EINVAL = 22, ERANGE = 34;

    /** What parse_int_string() leaves: the value, where parsing stopped, and 0, EINVAL or ERANGE. */
    record IntString(U128 value, int tail, int err) {}

    /**
     * lib/util.c parse_int_string() into a field of {@code nBytes}: after "0x" hex digits of any length (blanks
     * between them skipped, none at all is 0), else strtoull(s, 0), whose 64 bits wrap a minus sign.
     */
    static IntString intString(String s, int nBytes) {
        if (s.startsWith("0x") || s.startsWith("0X")) {
            int i = 2, len = 0;
            BigInteger v = BigInteger.ZERO;
            for (;; i++) {
                while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                int d = i < s.length() ? Character.digit(s.charAt(i), 16) : -1;
                if (d < 0) {
                    break;
                }
                if (d != 0 || len > 0) {
                    if ((len + 2) / 2 > nBytes) {
                        return new IntString(U128.ZERO, i, ERANGE);
                    }
                    v = v.shiftLeft(4).or(BigInteger.valueOf(d));
                    len++;
                }
            }
            return new IntString(U128.of(v), i, 0);
        }
        int i = 0;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean minus = i < s.length() && s.charAt(i) == '-';
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int radix = 10;
        if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
            if (i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            }
        } else if (s.startsWith("0", i)) {
            radix = 8;
        }
        int start = i;
        while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0) {
            i++;
        }
        if (i == start) {
            return new IntString(U128.ZERO, 0, EINVAL);
        }
        BigInteger v = new BigInteger(s.substring(start, i), radix);
        if (v.bitLength() > 64) {
            return new IntString(U128.ZERO, i, ERANGE);
        }
        long n = minus ? -v.longValue() : v.longValue();
        if (nBytes < 8 && n >>> (8 * nBytes) != 0) {
            return new IntString(U128.ZERO, i, ERANGE);
        }
        return new IntString(U128.of(n), i, 0);
    }

    /** strtoull(s, &tail, 0) of a whole string, as an unsigned number; NumberFormatException if not one. */
    public static BigInteger parseUnsigned(String t) {
        if (t.startsWith("-") || t.startsWith("+")) { // strtoull() takes a sign and negates in 64 bits
            BigInteger v = parseUnsigned(t.substring(1));
            return t.startsWith("+") || v.signum() == 0 || v.bitLength() > 64 ? v
                    : BigInteger.ONE.shiftLeft(64).subtract(v);
        }
        if (t.startsWith("0x") || t.startsWith("0X")) {
            if (t.length() == 2) {
                throw new NumberFormatException(t);
            }
            return new BigInteger(t.substring(2), 16);
        } else if (t.length() > 1 && t.startsWith("0")) {
            return new BigInteger(t.substring(1), 8);
        }
        if (t.isEmpty() || !Character.isDigit(t.charAt(0))) {
            throw new NumberFormatException(t);
        }
        return new BigInteger(t);
    }

    private static long[] ethernet(Field f, String s) {
        int slash = s.indexOf('/');
        Long v = mac(slash < 0 ? s : s.substring(0, slash));
        if (v == null) {
            throw new FlowParseException(s + ": invalid Ethernet address");
        }
        if (slash < 0) {
            return new long[] {v, 0xffff_ffff_ffffL};
        }
        Long m = mac(s.substring(slash + 1));
        if (m == null) {
            throw new FlowParseException(s + ": invalid Ethernet address");
        }
        return new long[] {v, m};
    }

    /**
     * eth_addr_from_string(): six octets separated by ':', each scanned as ovs_scan()'s "%hhx" does (strtoull() in
     * base 16: blanks, a sign and "0x" allowed, any number of digits, the low 8 bits kept).
     */
    public static Long mac(String s) {
        java.util.regex.Matcher m = MAC.matcher(s);
        return m.matches() ? macOf(m) : null;
    }

    /**
     * str_to_mac() (lib/ofp-parse.c, mod_dl_src and mod_dl_dst): the same six octets at the start, what follows them
     * not looked at (ovs_scan() without "%n"); "invalid mac address S" otherwise.
     */
    public static long strToMac(String s) {
        java.util.regex.Matcher m = MAC.matcher(s);
        if (!m.lookingAt()) {
            throw new FlowParseException("invalid mac address " + s);
        }
        return macOf(m);
    }

    private static long macOf(java.util.regex.Matcher m) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            java.math.BigInteger b = new java.math.BigInteger(m.group(3 * i + 3), 16);
            long octet = (m.group(3 * i + 1).equals("-") ? b.negate() : b).longValue() & 0xff;
            v = (v << 8) | octet;
        }
        return v;
    }

    private static final String HHX = "[ \\t\\n\\f\\r\\x0b]*([+-]?)(0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]+)";
    private static final java.util.regex.Pattern MAC =
            java.util.regex.Pattern.compile(HHX + (":" + HHX).repeat(5));

    /**
     * ip_parse_masked(): IP_SCAN_FMT ("%hhu.%hhu.%hhu.%hhu", each octet as ovs_scan()'s scan_int() reads it: blanks,
     * a sign, any number of digits, the low 8 bits kept), then "/" and a mask in the same form or a prefix length
     * ("%d"), and nothing after.
     */
    static long[] ipv4(Field f, String s) {
        int[] n = {0};
        long ip = scanIp(s, n);
        if (ip < 0) {
            throw new FlowParseException(s + ": invalid IP address");
        }
        long mask = 0xffffffffL;
        if (n[0] < s.length() && s.charAt(n[0]) == '/') {
            int[] m = {n[0] + 1};
            long dotted = scanIp(s, m);
            if (dotted >= 0) {
                mask = dotted;
                n[0] = m[0];
            } else {
                m[0] = n[0] + 1;
                long prefix = scanInt(s, m, 10);
                if (prefix != Long.MIN_VALUE) {
                    int bits = (int) prefix; // stored into an int
                    if (bits < 0 || bits > 32) {
                        throw new FlowParseException(s + ": IPv4 network prefix bits not between 0 and 32, inclusive");
                    }
                    mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
                    n[0] = m[0];
                }
            }
        }
        if (n[0] != s.length()) {
            throw new FlowParseException(s + ": invalid IP address");
        }
        return new long[] {ip, mask};
    }

    // IP_SCAN_FMT from s[at[0]]: the address, at[0] moved past it; -1 if it does not scan
    static long scanIp(String s, int[] at) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                if (at[0] >= s.length() || s.charAt(at[0]) != '.') {
                    return -1;
                }
                at[0]++;
            }
            long octet = scanInt(s, at, 10);
            if (octet == Long.MIN_VALUE) {
                return -1;
            }
            v = v << 8 | octet & 0xff;
        }
        return v;
    }

    /**
     * lib/util.c scan_int() after ovs_scan()'s skip_spaces(): a sign, "0x" in base 16 or 0 (base 0: else octal after a
     * leading 0, else decimal), then digits of the base (as many as there are; the value wraps in 64 bits, negated for
     * "-"); Long.MIN_VALUE if there are none.
     */
    static long scanInt(String s, int[] at, int base) {
        int p = at[0];
        while (p < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(p)) >= 0) {
            p++;
        }
        boolean negative = p < s.length() && s.charAt(p) == '-';
        if (p < s.length() && (negative || s.charAt(p) == '+')) {
            p++;
        }
        if ((base == 0 || base == 16) && (s.startsWith("0x", p) || s.startsWith("0X", p))) {
            base = 16;
            p += 2;
        } else if (base == 0) {
            base = p < s.length() && s.charAt(p) == '0' ? 8 : 10;
        }
        long v = 0;
        int digits = 0;
        for (; p < s.length() && Character.digit(s.charAt(p), base) >= 0 && s.charAt(p) < 128; p++, digits++) {
            v = v * base + Character.digit(s.charAt(p), base);
        }
        if (digits == 0) {
            return Long.MIN_VALUE;
        }
        at[0] = p;
        return negative ? -v : v;
    }

    /**
     * lib/packets.c ipv6_parse_masked(): an address (scanned as "%46[0-9a-fA-F:.]"), then "/N" or "/MASK"; {value low,
     * mask low, value high, mask high}.
     */
    static long[] ipv6(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int end = scanIpv6(s, i);
        Ipv6Address ip = end > i ? Ipv6Address.parse(s.substring(i, end)) : null;
        if (ip == null) {
            throw new FlowParseException(s + ": invalid IPv6 address");
        }
        Ipv6Address mask = new Ipv6Address(-1L, -1L);
        int n = end;
        if (n < s.length() && s.charAt(n) == '/') {
            java.util.regex.Matcher d = SCAN_INT.matcher(s).region(n + 1, s.length());
            int mEnd = scanIpv6(s, n + 1);
            if (d.lookingAt()) { // "/%d"
                long prefix;
                try {
                    prefix = Long.parseLong(d.group().strip());
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > 128) {
                    throw new FlowParseException(s + ": IPv6 network prefix bits not between 0 and 128, inclusive");
                }
                mask = prefix == 0 ? Ipv6Address.ANY : new Ipv6Address(prefix >= 64 ? -1L : -1L << (64 - prefix),
                        prefix <= 64 ? 0 : -1L << (128 - prefix));
                n = d.end();
            } else if (mEnd > n + 1) {
                mask = Ipv6Address.parse(s.substring(n + 1, mEnd));
                if (mask == null) {
                    throw new FlowParseException(s + ": Invalid IPv6 mask");
                }
                n = mEnd;
            }
        }
        if (n != s.length()) {
            throw new FlowParseException(s + ": invalid IPv6 address");
        }
        return new long[] {ip.lo(), mask.lo(), ip.hi(), mask.hi()};
    }

    private static final java.util.regex.Pattern SCAN_INT = java.util.regex.Pattern.compile("\\s*[-+]?\\d+");

    // where IPV6_SCAN_FMT's "%46[0123456789abcdefABCDEF:.]" stops, from i
    static int scanIpv6(String s, int i) {
        int e = i;
        while (e < s.length() && e - i < 46 && "0123456789abcdefABCDEF:.".indexOf(s.charAt(e)) >= 0) {
            e++;
        }
        return e;
    }

    private static long[] port(Field f, String s, PortMap names) {
        long p = Ports.parse(s, names);
        if (p < 0 && f.oxmPort()) { // mf_from_ofp_port_string32(): MFS_OFP_PORT_OXM's fields
            throw new FlowParseException(s + ": port value out of range for " + f.name);
        }
        if (p < 0) { // ofputil_port_from_string()'s warning logged
            throw new FlowParseException(s + ": invalid or unknown port for " + f.name);
        }
        return new long[] {p, 0xffff};
    }

    private static long[] frag(String s) {
        return switch (s) {
            case "no" -> new long[] {0, 3};
            case "yes" -> new long[] {1, 1};
            case "first" -> new long[] {1, 3};
            case "later" -> new long[] {3, 3};
            case "not_later" -> new long[] {0, 2};
            default -> throw new FlowParseException(s + ": unknown fragment type (valid types are \"no\", \"yes\", "
                    + "\"first\", \"later\", \"not_later\"");
        };
    }

    /**
     * lib/flow.c parse_flags(): "V/M" in numbers, "+name-name" (masked), or "name|name|N" (exact); {@code what}
     * names the flags in errors ("ct_state", "TCP", "tunnel"), {@code allowed} the bits a flow may match.
     */
    private static long[] flags(String s, String[] names, String what, long allowed) {
        java.util.regex.Matcher num = java.util.regex.Pattern.compile("(0[xX][0-9a-fA-F]+|[0-9]+)/(0[xX][0-9a-fA-F]+"
                + "|[0-9]+)").matcher(s);
        if (num.lookingAt()) {
            long v = Long.decode(num.group(1)), m = Long.decode(num.group(2));
            if ((v & ~allowed) != 0 || (m & ~allowed) != 0) {
                throw new FlowParseException(s + ": unknown " + what + " flag(s)");
            }
            return new long[] {v, m};
        }
        if (s.startsWith("+") || s.startsWith("-")) {
            long v = 0, m = 0;
            int i = 0;
            while (i < s.length()) {
                char sign = s.charAt(i);
                if (sign != '+' && sign != '-') {
                    throw new FlowParseException(s.substring(i) + ": " + what
                            + " must be preceded by '+' (for SET) or '-' (NOT SET)");
                }
                i++;
                int bit = flagAt(s, i, names, "+-");
                if (bit >= 0 && (m & (1L << bit)) != 0) {
                    throw new FlowParseException(s.substring(i) + ": Each " + what + " flag can be specified only once");
                }
                if (bit < 0 || (allowed & (1L << bit)) == 0) {
                    throw new FlowParseException(s.substring(i) + ": unknown " + what + " flag(s)");
                }
                m |= 1L << bit;
                v |= sign == '+' ? 1L << bit : 0;
                i += names[bit].length();
            }
            return new long[] {v, m};
        }
        long v = 0;
        int i = 0;
        while (i < s.length()) {
            java.util.regex.Matcher n = java.util.regex.Pattern.compile("0[xX][0-9a-fA-F]+|[0-9]+").matcher(s);
            if (n.find(i) && n.start() == i) {
                long x = Long.decode(n.group());
                if ((x & ~allowed) != 0) {
                    throw new FlowParseException(s + ": unknown " + what + " flag(s)");
                }
                v |= x;
                i = n.end() + (n.end() < s.length() && s.charAt(n.end()) == '|' ? 1 : 0);
                continue;
            }
            int bit = flagAt(s, i, names, "|");
            if (bit < 0 || (allowed & (1L << bit)) == 0) {
                throw new FlowParseException(s + ": unknown " + what + " flag(s)");
            }
            v |= 1L << bit;
            i += names[bit].length();
            i += i < s.length() && s.charAt(i) == '|' ? 1 : 0;
        }
        return new long[] {v, -1L};
    }

    // the lowest bit whose name starts at s[i] and ends the string or before one of the delimiters, or -1
    private static int flagAt(String s, int i, String[] names, String delimiters) {
        for (int b = 0; b < names.length; b++) {
            int end = i + names[b].length();
            if (s.startsWith(names[b], i) && (end == s.length() || delimiters.indexOf(s.charAt(end)) >= 0)) {
                return b;
            }
        }
        return -1;
    }
}
