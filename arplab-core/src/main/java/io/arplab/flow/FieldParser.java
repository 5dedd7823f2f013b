package io.arplab.flow;

import io.arplab.wire.Geneve;
import java.math.BigInteger;

/** How ovs-ofctl reads a field's value (lib/meta-flow.c mf_parse and its helpers), with OVS's error texts. */
public final class FieldParser {
    private FieldParser() {}

    /** mf_parse(): {value, mask} in the field's units. */
    public static long[] parse(Field f, String s, PortMap names) {
        if (s.equals("*")) {
            return new long[] {0, 0};
        }
        long[] r = switch (f.kind) {
            case DEC, HEX -> integer(f, s);
            case ETH -> ethernet(f, s);
            case IPV4 -> ipv4(f, s);
            case PORT -> port(f, s, names);
            case CT_STATE -> flags(s, MatchFormat.CT_STATE_NAMES, "ct_state", 0xff);
            case TCP_FLAGS -> flags(s, MatchFormat.TCP_FLAG_NAMES, "TCP", 0xfff);
            case TUN_FLAGS -> flags(s, Tunnel.FLAG_NAMES, "tunnel", Geneve.TNL_OAM); // FLOW_TNL_PUB_F_MASK
            case FRAG -> frag(s);
        };
        if (!f.maskable && (r[1] & f.fullMask()) != (f.fullMask() & (f.nBytes >= 8 ? -1L : (1L << (8 * f.nBytes)) - 1))) {
            throw new FlowParseException(s + ": invalid mask for field " + f.name);
        }
        return r;
    }

    private static long[] integer(Field f, String s) {
        int slash = s.indexOf('/');
        String v = slash < 0 ? s : s.substring(0, slash);
        long value = parseInt(f, s, v, "value");
        long mask = slash < 0 ? bytesMask(f) : parseInt(f, s, s.substring(slash + 1), "mask");
        return new long[] {value, mask};
    }

    private static long bytesMask(Field f) {
        return f.nBytes >= 8 ? -1L : (1L << (8 * f.nBytes)) - 1;
    }

    // parse_int_string(): hex of any length after 0x, else strtoull(s, 0) (a leading 0 is octal)
    private static long parseInt(Field f, String whole, String t, String what) {
        return parseInt(f.name, f.nBytes, whole, t, what).longValue();
    }

    private static BigInteger parseInt(String name, int nBytes, String whole, String t, String what) {
        BigInteger v;
        try {
            v = parseUnsigned(t);
        } catch (NumberFormatException e) {
            throw new FlowParseException(whole + ": bad syntax for " + name + " " + what);
        }
        if (v.bitLength() > 8 * nBytes) {
            throw new FlowParseException(whole + ": " + what + " too large for " + nBytes + "-byte field " + name);
        }
        return v;
    }

    /**
     * mf_parse() of ct_label (MFF_CT_LABEL, 16 bytes, hex, maskable): {value hi, value lo, mask hi, mask lo}; the
     * one field wider than a {@link Slot}, it fills CT_LABEL_HI and CT_LABEL_LO.
     */
    public static long[] ctLabel(String s) {
        if (s.equals("*")) {
            return new long[4];
        }
        int slash = s.indexOf('/');
        BigInteger v = parseInt("ct_label", 16, s, slash < 0 ? s : s.substring(0, slash), "value");
        BigInteger m = slash < 0 ? BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)
                : parseInt("ct_label", 16, s, s.substring(slash + 1), "mask");
        return new long[] {v.shiftRight(64).longValue(), v.longValue(), m.shiftRight(64).longValue(), m.longValue()};
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

    /** eth_addr_from_string(): six hex octets separated by ':'. */
    public static Long mac(String s) {
        String[] p = s.split(":", -1);
        if (p.length != 6) {
            return null;
        }
        long v = 0;
        for (String o : p) {
            if (o.isEmpty() || o.length() > 2) {
                return null;
            }
            try {
                v = (v << 8) | Integer.parseInt(o, 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return v;
    }

    /** ip_parse_masked(): A.B.C.D, A.B.C.D/N, A.B.C.D/M.M.M.M. */
    static long[] ipv4(Field f, String s) {
        int slash = s.indexOf('/');
        Long v = ip(slash < 0 ? s : s.substring(0, slash));
        if (v == null) {
            throw new FlowParseException(s + ": invalid IP address");
        }
        if (slash < 0) {
            return new long[] {v, 0xffffffffL};
        }
        String m = s.substring(slash + 1);
        Long mask = ip(m);
        if (mask == null) {
            int prefix;
            try {
                prefix = Integer.parseInt(m);
            } catch (NumberFormatException e) {
                throw new FlowParseException(s + ": invalid IP address");
            }
            if (prefix < 0 || prefix > 32) {
                throw new FlowParseException(s + ": IPv4 network prefix bits not between 0 and 32, inclusive");
            }
            mask = prefix == 0 ? 0L : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        }
        return new long[] {v, mask};
    }

    /** inet_pton() for IPv4 dotted quads. */
    public static Long ip(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            return null;
        }
        long v = 0;
        for (String o : p) {
            if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit)) {
                return null;
            }
            v = (v << 8) | (Integer.parseInt(o) & 0xff); // scanned with %hhu, as ip_parse() does
        }
        return v;
    }

    private static long[] port(Field f, String s, PortMap names) {
        long p = Ports.parse(s, names);
        if (p < 0 && !s.isEmpty() && s.chars().allMatch(Character::isDigit)) { // str_to_uint(s, 10) took it
            throw new FlowParseException(s + ": invalid or unknown port for " + f.name, java.util.List.of(
                    "ofp_port|WARN|port " + s + " is outside the supported range 0 through ffff or 0xffffff00 through "
                    + "0xffffffff"));
        }
        if (p < 0) {
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
