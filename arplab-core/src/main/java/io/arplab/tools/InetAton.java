package io.arplab.tools;

import io.arplab.wire.Ipv4Address;
import io.arplab.wire.libc.CStrtol;

/**
 * glibc's inet_aton() as getaddrinfo() uses it for numeric hosts (nothing may follow): one to four parts, each
 * decimal, octal (leading 0) or hex (0x); the last part fills the remaining bytes ("10.1" is 10.0.0.1).
 */
public final class InetAton {
    private InetAton() {}

    /**
     * getaddrinfo() of an IPv4 host: a numeric one as inet_aton() reads it, else the address of the name (null when
     * the resolver knows none).
     */
    public static Ipv4Address resolve(String host, io.arplab.runtime.Resolver resolver) {
        Ipv4Address a = parse(host);
        return a != null ? a : byName(host, resolver);
    }

    /** A host inet_aton() refused is a name ("172.08.0.12" too, whose 08 is no octal number): only names resolve. */
    private static Ipv4Address byName(String host, io.arplab.runtime.Resolver resolver) {
        return Ipv4Address.tryParse(host) != null ? null : resolver.resolve(host);
    }

    /**
     * inet_aton() itself, as arping and net-tools call it before they look a name up: white space may end the address
     * and anything may follow it ("11 -U x" is 0.0.0.11); else the address of the name.
     */
    public static Ipv4Address atonThenName(String host, io.arplab.runtime.Resolver resolver) {
        Ipv4Address a = aton(host);
        return a != null ? a : byName(host, resolver);
    }

    /** inet_aton(): the address white space may end, anything after it ignored; null when there is none. */
    public static Ipv4Address aton(String s) {
        int end = 0;
        while (end < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        return parse(s.substring(0, end));
    }

    /**
     * The address, or null when {@code s} is not a numeric IPv4 address: inet_aton_end() parsing all of it, each part
     * strtoul(cp, &endp, 0) from a digit (at most 0xffffffff, a part before a dot at most 0xff), so that "0x" alone
     * or before a dot is no number (strtoul() leaves the end at its x).
     */
    public static Ipv4Address parse(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        long[] parts = new long[4];
        int n = 0;
        int i = 0;
        while (true) {
            if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
            CStrtol part = CStrtol.scan(s.substring(i), 0);
            long v = part.asUnsignedLong();
            if (v < 0 || v > 0xFFFF_FFFFL) {
                return null;
            }
            i += part.end();
            parts[n++] = v;
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) != '.' || n == 4 || v > 0xff) {
                return null;
            }
            i++;
        }
        long value;
        switch (n) {
            case 1 -> value = parts[0];
            case 2 -> {
                if (parts[0] > 0xff || parts[1] > 0xFF_FFFF) {
                    return null;
                }
                value = parts[0] << 24 | parts[1];
            }
            case 3 -> {
                if (parts[0] > 0xff || parts[1] > 0xff || parts[2] > 0xFFFF) {
                    return null;
                }
                value = parts[0] << 24 | parts[1] << 16 | parts[2];
            }
            default -> {
                for (int k = 0; k < 4; k++) {
                    if (parts[k] > 0xff) {
                        return null;
                    }
                }
                value = parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3];
            }
        }
        return Ipv4Address.of((int) value);
    }
}
