package io.arplab.flow;

/**
 * nat(src|dst=IP[-IP][:PORT[-PORT]]) as ofpact_nat holds it (lib/ofp-actions.c parse_NAT); {@code src} and
 * {@code dst} both false for a bare "nat" (translate as the connection was). An IPv6 range (range_af AF_INET6)
 * has its addresses in {@code ip6Min} and {@code ip6Max} (null for IPv4), the IPv4 fields 0.
 */
public record ConntrackNat(boolean src, boolean dst, boolean range, long ipMin, long ipMax, int portMin, int portMax,
        boolean persistent, boolean hash, boolean random, U128 ip6Min, U128 ip6Max) {
    static final ConntrackNat REVERSE = new ConntrackNat(false, false, false, 0, 0, 0, 0, false, false, false, null, null);

    /** An IPv6 range (range_af AF_INET6). */
    boolean v6() {
        return ip6Min != null;
    }

    /** format_NAT(): flags only with a range; an IPv6 address in brackets when a port follows. */
    String format() {
        if (!src && !dst) {
            return "nat";
        }
        StringBuilder s = new StringBuilder("nat(").append(src ? "src" : "dst");
        if (range) {
            s.append('=');
            if (v6()) { // ipv6_format_addr_bracket()
                s.append(ip6(ip6Min));
                if (!ip6Max.isZero() && !ip6Max.equals(ip6Min)) {
                    s.append('-').append(ip6(ip6Max));
                }
            } else {
                s.append(MatchFormat.ip(ipMin));
                if (ipMax != 0 && ipMax != ipMin) {
                    s.append('-').append(MatchFormat.ip(ipMax));
                }
            }
            if (portMin != 0) {
                s.append(':').append(portMin);
                if (portMax != 0 && portMax != portMin) {
                    s.append('-').append(portMax);
                }
            }
            s.append(persistent ? ",persistent" : "").append(hash ? ",hash" : "").append(random ? ",random" : "");
        }
        return s.append(')').toString();
    }

    private String ip6(U128 a) {
        String t = MatchFormat.ipv6Masked(a, new U128(-1L, -1L));
        return portMin != 0 ? "[" + t + "]" : t;
    }

    /** The text inside ct(...): "nat" or "nat(dst=10.0.0.2:80)"; null when there is none. */
    static ConntrackNat parse(String text) {
        if (text == null) {
            return null;
        }
        return text.startsWith("nat(") ? parseArgs(text.substring(4, text.length() - 1)) : REVERSE;
    }

    /** parse_NAT(): OVS's error text in the exception. */
    static ConntrackNat parseArgs(String arg) {
        boolean src = false, dst = false, persistent = false, hash = false, random = false;
        ConntrackNat range = null;
        KeyValue kv = new KeyValue(arg);
        while (kv.next()) {
            switch (kv.key) {
                case "src", "dst" -> {
                    src |= kv.key.equals("src");
                    dst |= kv.key.equals("dst");
                    range = range(kv.value);
                }
                case "persistent" -> persistent = true;
                case "hash" -> hash = true;
                case "random" -> random = true;
                default -> throw new FlowParseException("invalid key \"" + kv.key + "\" in \"nat\" argument");
            }
        }
        if (src && dst) {
            throw new FlowParseException("May only specify one of \"src\" or \"dst\".");
        }
        if (!src && !dst && (persistent || hash || random)) {
            throw new FlowParseException("Flags allowed only with \"src\" or \"dst\".");
        }
        if (hash && random) {
            throw new FlowParseException("Both \"hash\" and \"random\" are not allowed.");
        }
        if (range == null) {
            return new ConntrackNat(src, dst, false, 0, 0, 0, 0, persistent, hash, random, null, null);
        }
        return new ConntrackNat(src, dst, true, range.ipMin, range.ipMax, range.portMin, range.portMax, persistent, hash,
                random, range.ip6Min, range.ip6Max);
    }

    // str_to_nat_range(): IP[-IP][:PORT[-PORT]], the IPv6 addresses bare or in brackets; null when no address
    // family came of it (an IPv6 scan inet_pton() refused, consuming the whole string, is no error)
    private static ConntrackNat range(String s) {
        int[] n = {0};
        long min = ip(s, n), max = 0;
        U128 min6 = null, max6 = null;
        boolean af = min >= 0; // range_af AF_INET or AF_INET6
        if (min >= 0) {
            if (n[0] < s.length() && s.charAt(n[0]) == '-') {
                n[0]++;
                max = ip(s, n);
                if (max < min) {
                    throw new FlowParseException("invalid nat range \"" + s + "\"");
                }
            }
        } else {
            min = 0;
            min6 = ip6(s, n);
            if (min6 != null && n[0] < s.length() && s.charAt(n[0]) == '-') {
                n[0]++;
                max6 = ip6(s, n);
                if (max6 == null || Long.compareUnsigned(max6.hi(), min6.hi()) < 0
                        || max6.hi() == min6.hi() && Long.compareUnsigned(max6.lo(), min6.lo()) < 0) {
                    throw new FlowParseException("invalid nat range \"" + s + "\"");
                }
            }
            if (min6 != null && max6 == null) {
                max6 = U128.ZERO;
            }
            af = min6 != null;
        }
        int pmin = 0, pmax = 0;
        if (af && n[0] < s.length() && s.charAt(n[0]) == ':') {
            n[0]++;
            pmin = (int) u16(s, n);
            if (pmin < 0) {
                throw new FlowParseException("invalid nat range \"" + s + "\"");
            }
            if (n[0] < s.length() && s.charAt(n[0]) == '-') {
                n[0]++;
                pmax = (int) u16(s, n);
                if (pmax < pmin) {
                    throw new FlowParseException("invalid nat range \"" + s + "\"");
                }
            }
        }
        if (n[0] != s.length()) {
            throw new FlowParseException("garbage (" + s.substring(n[0]) + ") after nat range \"" + s
                    + "\" (pos: " + n[0] + ")");
        }
        return af ? new ConntrackNat(false, false, true, min, max, pmin, pmax, false, false, false, min6, max6) : null;
    }

    // ovs_scan_len(IPV6_SCAN_FMT) or ("[" IPV6_SCAN_FMT "]"), then inet_pton(): the address, null when
    // inet_pton() refuses it (n advanced past what a scan consumed)
    private static U128 ip6(String s, int[] n) {
        int at = n[0], end = at;
        while (end < s.length() && end - at < 46 && "0123456789abcdefABCDEF:.".indexOf(s.charAt(end)) >= 0) {
            end++;
        }
        String text;
        if (end > at) {
            text = s.substring(at, end);
            n[0] = end;
        } else if (at < s.length() && s.charAt(at) == '[') {
            int e = at + 1;
            while (e < s.length() && e - at - 1 < 46 && "0123456789abcdefABCDEF:.".indexOf(s.charAt(e)) >= 0) {
                e++;
            }
            if (e == at + 1 || e >= s.length() || s.charAt(e) != ']') {
                return null;
            }
            text = s.substring(at + 1, e);
            n[0] = e + 1;
        } else {
            return null;
        }
        io.arplab.wire.Ipv6Address a = io.arplab.wire.Ipv6Address.parse(text);
        return a == null ? null : new U128(a.hi(), a.lo());
    }

    private static long ip(String s, int[] n) {
        long v = 0;
        int at = n[0];
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                if (at >= s.length() || s.charAt(at) != '.') {
                    return -1;
                }
                at++;
            }
            int start = at;
            long octet = 0;
            while (at < s.length() && Character.isDigit(s.charAt(at)) && at - start < 3) {
                octet = octet * 10 + (s.charAt(at++) - '0');
            }
            if (at == start || octet > 255) {
                return -1;
            }
            v = v << 8 | octet;
        }
        n[0] = at;
        return v;
    }

    // scanf("%hu"): digits, kept to 16 bits as glibc does
    private static long u16(String s, int[] n) {
        int at = n[0];
        long v = 0;
        while (at < s.length() && Character.isDigit(s.charAt(at))) {
            v = (v * 10 + (s.charAt(at++) - '0')) & 0xffffffffL;
        }
        if (at == n[0]) {
            return -1;
        }
        n[0] = at;
        return v & 0xffff;
    }
}
