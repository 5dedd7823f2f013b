package io.arplab.tools.nft;

import io.arplab.stack.nft.DataType;
import java.util.List;
import java.util.Locale;

/** Parsing and printing of the data types' values as nft does (src/datatype.c, proto.c, meta.c symbol tables). */
final class Values {
    /** arpop_tbl */
    private static final List<String> ARP_OPS = List.of("", "request", "reply", "rrequest", "rreply", "", "", "",
            "inrequest", "inreply", "nak");
    private static final List<String> PKT_TYPES = List.of("host", "broadcast", "multicast", "other");
    /** icmp_type_tbl (src/proto.c) */
    private static final java.util.Map<String, Integer> ICMP_TYPES = java.util.Map.ofEntries(
            java.util.Map.entry("echo-reply", 0), java.util.Map.entry("destination-unreachable", 3),
            java.util.Map.entry("source-quench", 4), java.util.Map.entry("redirect", 5),
            java.util.Map.entry("echo-request", 8), java.util.Map.entry("router-advertisement", 9),
            java.util.Map.entry("router-solicitation", 10), java.util.Map.entry("time-exceeded", 11),
            java.util.Map.entry("parameter-problem", 12), java.util.Map.entry("timestamp-request", 13),
            java.util.Map.entry("timestamp-reply", 14), java.util.Map.entry("info-request", 15),
            java.util.Map.entry("info-reply", 16), java.util.Map.entry("address-mask-request", 17),
            java.util.Map.entry("address-mask-reply", 18));
    /** icmp_code_tbl (src/proto.c) */
    private static final java.util.Map<String, Integer> ICMP_CODES = java.util.Map.of("net-unreachable", 0,
            "host-unreachable", 1, "prot-unreachable", 2, "port-unreachable", 3, "frag-needed", 4, "net-prohibited", 9,
            "host-prohibited", 10, "admin-prohibited", 13);

    /** ct_state_tbl (src/ct.c): the state bits. */
    private static final java.util.Map<String, Integer> CT_STATES = java.util.Map.of("invalid", 1, "established", 2,
            "related", 4, "new", 8, "untracked", 64);
    private static final List<String> CT_STATE_ORDER = List.of("invalid", "established", "related", "new",
            "untracked");
    /** ct_status_tbl (src/ct.c) */
    private static final java.util.Map<String, Integer> CT_STATUSES = java.util.Map.of("expected", 1, "seen-reply", 2,
            "assured", 4, "confirmed", 8, "snat", 16, "dnat", 32, "dying", 512);
    private static final List<String> CT_STATUS_ORDER = List.of("expected", "seen-reply", "assured", "confirmed",
            "snat", "dnat", "dying");
    /** icmp6_type_tbl (src/proto.c) */
    private static final java.util.Map<String, Integer> ICMPV6_TYPES = java.util.Map.ofEntries(
            java.util.Map.entry("destination-unreachable", 1), java.util.Map.entry("packet-too-big", 2),
            java.util.Map.entry("time-exceeded", 3), java.util.Map.entry("parameter-problem", 4),
            java.util.Map.entry("echo-request", 128), java.util.Map.entry("echo-reply", 129),
            java.util.Map.entry("mld-listener-query", 130), java.util.Map.entry("mld-listener-report", 131),
            java.util.Map.entry("nd-router-solicit", 133), java.util.Map.entry("nd-router-advert", 134),
            java.util.Map.entry("nd-neighbor-solicit", 135), java.util.Map.entry("nd-neighbor-advert", 136),
            java.util.Map.entry("nd-redirect", 137), java.util.Map.entry("router-renumbering", 138),
            java.util.Map.entry("ind-neighbor-solicit", 141), java.util.Map.entry("ind-neighbor-advert", 142),
            java.util.Map.entry("mld2-listener-report", 143));
    /** icmpv6_code_tbl (src/proto.c) */
    private static final java.util.Map<String, Integer> ICMPV6_CODES = java.util.Map.of("no-route", 0,
            "admin-prohibited", 1, "addr-unreachable", 3, "port-unreachable", 4, "policy-fail", 5, "reject-route", 6);

    /** time_unit_parse() of limit's rates: seconds per unit, -1 for none. */
    static long timeUnit(String s) {
        return switch (s) {
            case "second" -> 1;
            case "minute" -> 60;
            case "hour" -> 3600;
            case "day" -> 86400;
            case "week" -> 604800;
            default -> -1;
        };
    }

    /** data_unit_parse(): bytes per unit, -1 for none. */
    static long byteUnit(String s) {
        return switch (s) {
            case "bytes" -> 1;
            case "kbytes" -> 1024;
            case "mbytes" -> 1024 * 1024;
            default -> -1;
        };
    }

    /** get_rate(): the largest unit that divides the rate ("1 mbytes", "1000 bytes"). */
    static String rate(long bytes) {
        String[] units = {"bytes", "kbytes", "mbytes"};
        int i = 0;
        while (i < 2 && bytes >= 1024 && bytes % 1024 == 0) {
            bytes /= 1024;
            i++;
        }
        return bytes + " " + units[i];
    }

    static String timeUnitName(long seconds) {
        return seconds == 1 ? "second" : seconds == 60 ? "minute" : seconds == 3600 ? "hour" : seconds == 86400
                ? "day" : "week";
    }

    /** An IPv6 address as inet_ntop() writes it (RFC 5952: the longest run of zero groups as ::), or null. */
    static String ipv6(String s) {
        if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        byte[] b;
        try {
            b = java.net.InetAddress.getByName(s).getAddress();
        } catch (java.net.UnknownHostException e) {
            return null;
        }
        if (b.length != 16) {
            return null;
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int best = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == best) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(g[i])).append(i < 7 ? ":" : "");
        }
        return sb.toString();
    }

    /** A bitmask type's value: its names joined by commas (lowest bit first), or the number. */
    private static String flags(List<String> order, java.util.Map<String, Integer> table, long v) {
        StringBuilder sb = new StringBuilder();
        long rest = v;
        for (String n : order) {
            int bit = table.get(n);
            if ((v & bit) != 0) {
                sb.append(sb.length() == 0 ? "" : ",").append(n);
                rest &= ~bit;
            }
        }
        if (rest != 0 || sb.length() == 0) {
            sb.append(sb.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "0x%x", rest));
        }
        return sb.toString();
    }

    private Values() {}

    /** The value of {@code text} as {@code type}, or an error naming it at {@code t}. */
    static long parse(DataType type, Tokens.Token t) {
        String s = t.text();
        switch (type) {
            case IPV4_ADDR: { // ipaddr_type_parse(): getaddrinfo(), numeric forms as inet_aton() reads them ("1")
                io.arplab.wire.Ipv4Address a = io.arplab.tools.InetAton.parse(s);
                long v = a == null ? -1 : a.bits() & 0xffffffffL;
                if (v < 0) {
                    throw NftError.unresolved(s, t);
                }
                return v;
            }
            case ETHER_ADDR: {
                long v = mac(s);
                if (v < 0) {
                    throw new NftError("Could not parse Ethernet address", t);
                }
                return v;
            }
            case ARP_OP: {
                int i = ARP_OPS.indexOf(s);
                if (i > 0) {
                    return i;
                }
                long v = number(s, 0xffff);
                if (v < 0) {
                    throw new NftError("Could not parse ARP operation", t);
                }
                return v;
            }
            case ETHER_TYPE: {
                long v = switch (s) {
                    case "ip" -> 0x0800;
                    case "arp" -> 0x0806;
                    case "ip6" -> 0x86dd;
                    case "vlan", "8021q" -> 0x8100;
                    case "8021ad" -> 0x88a8;
                    default -> number(s, 0xffff);
                };
                if (v < 0) {
                    throw new NftError("Could not parse Ethernet protocol", t);
                }
                return v;
            }
            case PKT_TYPE: {
                int i = s.equals("unicast") ? 0 : PKT_TYPES.indexOf(s);
                long v = i >= 0 ? i : number(s, 0xff);
                if (v < 0) {
                    throw new NftError("Could not parse packet type", t);
                }
                return v;
            }
            case INET_PROTO: { // inet_protocol_type_parse(): a number, else getprotobyname()
                if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
                    long v = number(s, Long.MAX_VALUE);
                    if (v >= 0 && v <= 255) {
                        return v;
                    }
                    throw new NftError(v < 0 ? "Could not resolve protocol name" : "Protocol out of range", t);
                }
                int n = io.arplab.wire.libc.NetDb.protocolNumber(s);
                if (n < 0) {
                    throw new NftError("Could not resolve protocol name", t);
                }
                return n;
            }
            case INET_SERVICE: { // inet_service_type_parse(): a number, else getaddrinfo()'s service
                if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
                    long v = number(s, Long.MAX_VALUE);
                    if (v >= 0 && v <= 0xffff) {
                        return v;
                    }
                    if (v > 0xffff) {
                        throw new NftError("Service out of range", t);
                    }
                }
                int port = io.arplab.wire.libc.NetDb.servicePort(s);
                if (port < 0) {
                    throw new NftError("Could not resolve service: Servname not supported for ai_socktype", t);
                }
                return port;
            }
            case ICMP_TYPE:
                return symbolic(ICMP_TYPES, type, t, "Could not parse ICMP type");
            case ICMP_CODE:
                return symbolic(ICMP_CODES, type, t, "Could not parse icmp code");
            case MARK:
                return integer(type, t, "Could not parse packet mark");
            case CT_STATE:
                return symbolic(CT_STATES, type, t, "Could not parse conntrack state");
            case CT_STATUS:
                return symbolic(CT_STATUSES, type, t, "Could not parse conntrack status");
            case ICMPV6_TYPE:
                return symbolic(ICMPV6_TYPES, type, t, "Could not parse ICMPv6 type");
            case ICMPV6_CODE:
                return symbolic(ICMPV6_CODES, type, t, "Could not parse icmpv6 code");
            case INTEGER8:
            case INTEGER16:
            case INTEGER32:
            case XINTEGER8:
                return integer(type, t, "Could not parse integer");
            default:
                throw new NftError("Could not parse " + type.description, t);
        }
    }

    /** symbolic_constant_parse(): a name of the table, else the base type's integer. */
    private static long symbolic(java.util.Map<String, Integer> table, DataType type, Tokens.Token t, String error) {
        Integer v = table.get(t.text());
        return v != null ? v : integer(type, t, error);
    }

    /** integer_type_parse() and expr_evaluate_value()'s range check: "Value N exceeds valid range 0-MAX". */
    private static long integer(DataType type, Tokens.Token t, String error) {
        long v = number(t.text(), Long.MAX_VALUE);
        if (v < 0) {
            throw new NftError(error, t);
        }
        long max = (1L << (8 * type.size)) - 1;
        if (v > max) {
            throw new NftError("Value " + v + " exceeds valid range 0-" + max, t);
        }
        return v;
    }

    private static String name(java.util.Map<String, Integer> table, long v) {
        for (var e : table.entrySet()) {
            if (e.getValue() == v) {
                return e.getKey();
            }
        }
        return Long.toString(v);
    }

    /**
     * A value as the listing prints it: {@code numeric} 1 (-p, NFT_CTX_OUTPUT_NUMERIC_PROTO) gives protocols as numbers,
     * 2 (-n, NUMERIC_ALL) every symbolic constant too (an EtherType in hex).
     */
    static String format(DataType type, long v, int numeric) {
        if (numeric >= 1 && type == DataType.INET_PROTO
                || numeric >= 2 && (type == DataType.ARP_OP || type == DataType.PKT_TYPE || type == DataType.ICMP_TYPE
                || type == DataType.ICMP_CODE)) {
            return Long.toString(v);
        }
        if (numeric >= 2 && (type == DataType.CT_STATE || type == DataType.CT_STATUS)) {
            return String.format(Locale.ROOT, "0x%x", v);
        }
        if (numeric >= 2 && (type == DataType.ICMPV6_TYPE || type == DataType.ICMPV6_CODE)) {
            return Long.toString(v);
        }
        if (numeric >= 2 && type == DataType.ETHER_TYPE) {
            return String.format(Locale.ROOT, "0x%04x", v);
        }
        return format(type, v);
    }

    static String format(DataType type, long v) {
        switch (type) {
            case IPV4_ADDR:
                return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
            case ETHER_ADDR: {
                StringBuilder sb = new StringBuilder();
                for (int i = 5; i >= 0; i--) {
                    sb.append(String.format("%02x", (v >>> (8 * i)) & 0xff)).append(i > 0 ? ":" : "");
                }
                return sb.toString();
            }
            case ARP_OP:
                return v < ARP_OPS.size() && !ARP_OPS.get((int) v).isEmpty() ? ARP_OPS.get((int) v) : Long.toString(v);
            case ETHER_TYPE:
                return switch ((int) v) {
                    case 0x0800 -> "ip";
                    case 0x0806 -> "arp";
                    case 0x86dd -> "ip6";
                    case 0x8100 -> "8021q"; // ethertype_tbl's name (vlan is the parser's alias)
                    case 0x88a8 -> "8021ad";
                    default -> String.format(Locale.ROOT, "0x%04x", v);
                };
            case PKT_TYPE:
                return v < PKT_TYPES.size() ? PKT_TYPES.get((int) v) : Long.toString(v);
            case NFPROTO: // nfproto_tbl
                return v == 2 ? "ipv4" : v == 10 ? "ipv6" : Long.toString(v);
            case INET_PROTO: {
                String n = io.arplab.wire.libc.NetDb.protocolName((int) v);
                return n != null ? n : Long.toString(v);
            }
            case ICMP_TYPE:
                return name(ICMP_TYPES, v);
            case ICMP_CODE:
                return name(ICMP_CODES, v);
            case MARK:
                return String.format(Locale.ROOT, "0x%08x", v);
            case XINTEGER8: // xinteger_type's basefmt "0x%Zx"
                return "0x" + Long.toHexString(v);
            case CT_STATE:
                return flags(CT_STATE_ORDER, CT_STATES, v);
            case CT_STATUS:
                return flags(CT_STATUS_ORDER, CT_STATUSES, v);
            case ICMPV6_TYPE:
                return name(ICMPV6_TYPES, v);
            case ICMPV6_CODE:
                return name(ICMPV6_CODES, v);
            default:
                return Long.toString(v);
        }
    }

    /** Dotted quad, or -1. */
    static long ipv4(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            return -1;
        }
        long v = 0;
        for (String x : p) {
            if (x.isEmpty() || x.length() > 3 || !x.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int o = Integer.parseInt(x);
            if (o > 255) {
                return -1;
            }
            v = (v << 8) | o;
        }
        return v;
    }

    /** Six hex octets separated by colons, or -1. */
    static long mac(String s) {
        String[] p = s.split(":", -1);
        if (p.length != 6) {
            return -1;
        }
        long v = 0;
        for (String x : p) {
            if (x.isEmpty() || x.length() > 2 || !x.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return -1;
            }
            v = (v << 8) | Integer.parseInt(x, 16);
        }
        return v;
    }

    static long number(String s, long max) {
        try {
            long v = s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            return v < 0 || v > max ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * src/misspell.c string_distance(), as nftables 1.0.6 computes it (its matrix rows are len_b wide and it compares
     * a[i] with b[j] from 1, so the numbers are its own), and string_misspell_update()'s threshold.
     */
    static int distance(String a, String b) {
        int la = a.length();
        int lb = b.length();
        int[] d = new int[(la + 1) * (lb + 1)];
        for (int i = 0; i <= la; i++) {
            d[i * lb] = i;
        }
        for (int j = 0; j <= lb; j++) {
            d[j] = j;
        }
        for (int i = 1; i <= la; i++) {
            for (int j = 1; j <= lb; j++) {
                int sub = at(a, i) == at(b, j) ? 0 : 1;
                int cost = Math.min(Math.min(d[(i - 1) * lb + j] + 1, d[i * lb + j - 1] + 1), d[(i - 1) * lb + j - 1] + sub);
                d[i * lb + j] = cost;
                if (i > 1 && j > 1 && at(a, i) == at(b, j - 1) && at(a, i - 1) == at(b, j)) {
                    d[i * lb + j] = Math.min(d[i * lb + j], d[(i - 2) * lb + j - 2] + sub);
                }
            }
        }
        return d[la * lb + lb];
    }

    private static char at(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    /** string_misspell_update(): whether {@code b} is close enough to {@code a} to suggest it. */
    static int misspelt(String a, String b) {
        int max = Math.max(a.length(), b.length());
        int min = Math.min(a.length(), b.length());
        if (max <= 1) {
            return -1;
        }
        int threshold = max - min <= 1 ? Math.max((max + 2) / 3, 1) : (max + 4) / 3;
        int dist = distance(a, b);
        return dist > threshold ? -1 : dist;
    }
}
