package io.arplab.tools.iptables;

import io.arplab.stack.Xtables;
import io.arplab.stack.Xtables.Comment;
import io.arplab.stack.Xtables.Ctstate;
import io.arplab.stack.Xtables.Icmp;
import io.arplab.stack.Xtables.Log;
import io.arplab.stack.Xtables.Multiport;
import io.arplab.stack.Xtables.Ports;
import io.arplab.stack.Xtables.Reject;
import io.arplab.wire.libc.NetDb;
import java.util.ArrayList;
import java.util.List;

/**
 * The iptables extensions arplab has (libxt_tcp.c, libxt_udp.c, libipt_icmp.c with libxt_icmp.h, libxt_multiport.c,
 * libxt_conntrack.c's conntrack and state, libxt_comment.c, libipt_REJECT.c, libxt_LOG.c of iptables 1.8.9): each
 * one's options, its parse into the stack's match or target, its {@code print} (iptables -L) and {@code save}
 * (iptables -S).
 */
final class IptExtensions {
    private IptExtensions() {}

    /** A long option of an extension (struct option / xt_option_entry): its name and whether it takes an argument. */
    record Opt(String name, boolean arg, boolean invertible) {}

    /** The loadable matches by name (xtables_find_match()), the state match an alias of conntrack's revisions. */
    static final List<String> MATCHES = List.of("tcp", "udp", "icmp", "multiport", "conntrack", "state", "comment",
            "mark", "addrtype", "limit");

    /** The loadable targets (xtables_find_target()): the standard ones and the extensions. */
    static final List<String> TARGETS = List.of("ACCEPT", "DROP", "RETURN", "QUEUE", "REJECT", "LOG", "SNAT", "DNAT",
            "MASQUERADE", "REDIRECT", "MARK");

    static List<Opt> options(String ext) {
        return switch (ext) {
            case "tcp" -> List.of(new Opt("source-port", true, true), new Opt("sport", true, true),
                    new Opt("destination-port", true, true), new Opt("dport", true, true), new Opt("syn", false, true),
                    new Opt("tcp-flags", true, true), new Opt("tcp-option", true, true));
            case "udp" -> List.of(new Opt("source-port", true, true), new Opt("sport", true, true),
                    new Opt("destination-port", true, true), new Opt("dport", true, true));
            case "icmp" -> List.of(new Opt("icmp-type", true, true));
            case "multiport" -> List.of(new Opt("source-ports", true, true), new Opt("sports", true, true),
                    new Opt("destination-ports", true, true), new Opt("dports", true, true),
                    new Opt("ports", true, true));
            case "conntrack" -> List.of(new Opt("ctstate", true, true));
            case "state" -> List.of(new Opt("state", true, true));
            case "comment" -> List.of(new Opt("comment", true, false));
            case "REJECT" -> List.of(new Opt("reject-with", true, false));
            case "LOG" -> List.of(new Opt("log-level", true, false), new Opt("log-prefix", true, false),
                    new Opt("log-tcp-sequence", false, false), new Opt("log-tcp-options", false, false),
                    new Opt("log-ip-options", false, false), new Opt("log-uid", false, false),
                    new Opt("log-macdecode", false, false));
            case "SNAT", "DNAT", "MASQUERADE", "REDIRECT" -> IptNat.options(ext);
            case "mark", "MARK" -> IptMark.options(ext);
            case "addrtype" -> IptAddrtype.options();
            case "limit" -> IptLimit.options();
            default -> List.of();
        };
    }

    /** An extension as a rule's command line builds it: its options seen so far, then its match or target. */
    static final class Ext {
        final String name;
        final List<Opt> opts;
        int seen; // the options given, by index in opts (xflags)
        // tcp/udp
        int[] sports = {0, 0xFFFF}, dports = {0, 0xFFFF};
        boolean notSport, notDport, notFlags;
        int flagMask, flagCmp;
        // icmp
        int icmpType = 0xFF, codeMin = 0, codeMax = 0xFF;
        boolean icmpInvert;
        // multiport
        int mpFlags = -1;
        int[] mpRanges;
        boolean mpInvert;
        // conntrack / state
        int states;
        boolean stateInvert;
        String comment;
        // targets
        Reject with = Reject.ICMP_PORT_UNREACHABLE;
        int logLevel = 4, logFlags;
        String logPrefix = "";
        // nat targets (struct nf_nat_range2)
        int natFlags, natMinIp, natMaxIp, natMinPort, natMaxPort, natBase;
        // mark, MARK
        int mark, markMask = -1;
        boolean markInvert;
        // addrtype
        int srcTypes, dstTypes, addrFlags;
        // limit (struct xt_rateinfo: avg, burst)
        long limitAvg, limitBurst;

        Ext(String name) {
            this.name = name;
            this.opts = options(name);
        }
    }

    /**
     * An extension's option {@code o} with {@code arg} ({@code next}: the word after it, for --tcp-flags' second),
     * {@code proto}: the rule's protocol ({@code invProto}: inverted); returns how many extra words it took.
     */
    static int parse(Ext e, Opt o, String arg, String next, boolean invert, int proto, boolean invProto) {
        int index = e.opts.indexOf(o);
        switch (e.name) {
            case "tcp", "udp" -> {
                String n = o.name();
                if (n.equals("source-port") || n.equals("sport")) {
                    once(e, 1, e.name.equals("udp") ? "udp: option \"--" + n + "\" can only be used once.\n"
                            : "Only one `--source-port' allowed");
                    e.sports = e.name.equals("udp") ? portRange(arg, n) : ports(arg, e.name);
                    e.notSport = invert;
                } else if (n.equals("destination-port") || n.equals("dport")) {
                    once(e, 2, e.name.equals("udp") ? "udp: option \"--" + n + "\" can only be used once.\n"
                            : "Only one `--destination-port' allowed");
                    e.dports = e.name.equals("udp") ? portRange(arg, n) : ports(arg, e.name);
                    e.notDport = invert;
                } else if (n.equals("syn")) {
                    once(e, 4, "Only one of `--syn' or `--tcp-flags'  allowed");
                    e.flagMask = 0x17;
                    e.flagCmp = 0x02;
                    e.notFlags = invert;
                } else if (n.equals("tcp-flags")) {
                    once(e, 4, "Only one of `--syn' or `--tcp-flags'  allowed");
                    if (next == null || next.startsWith("-") || next.startsWith("!")) {
                        throw IptError.parameter("--tcp-flags requires two args.");
                    }
                    e.flagMask = tcpFlags(arg);
                    e.flagCmp = tcpFlags(next);
                    e.notFlags = invert;
                    return 1;
                } else {
                    throw IptError.other("tcp: --tcp-option is not modelled by arplab");
                }
            }
            case "icmp" -> {
                once(e, 1 << index, "icmp: option \"--icmp-type\" can only be used once.\n");
                icmpType(e, arg);
                e.icmpInvert = invert;
            }
            case "multiport" -> {
                if (e.mpFlags >= 0) {
                    throw IptError.parameter("multiport: option \"--" + o.name() + "\" can only be used once.\n");
                }
                String p = multiportProto(proto, invProto);
                e.mpFlags = o.name().startsWith("s") ? Multiport.SOURCE
                        : o.name().startsWith("d") ? Multiport.DESTINATION : Multiport.EITHER;
                e.mpRanges = multiports(arg, p);
                e.mpInvert = invert;
            }
            case "conntrack", "state" -> {
                once(e, 1, e.name + ": option \"--" + o.name() + "\" can only be used once.\n");
                e.states = states(arg, e.name.equals("state"));
                e.stateInvert = invert;
            }
            case "comment" -> {
                once(e, 1, "comment: option \"--comment\" can only be used once.\n");
                if (arg.length() > 255) {
                    throw IptError.parameter("comment: option \"--comment\" must be no longer than 255 chars.\n");
                }
                e.comment = arg;
            }
            case "REJECT" -> {
                once(e, 1, "REJECT: option \"--reject-with\" can only be used once.\n");
                e.with = rejectWith(arg);
            }
            case "LOG" -> {
                once(e, 1 << index, "LOG: option \"--" + o.name() + "\" can only be used once.\n");
                switch (o.name()) {
                    case "log-level" -> e.logLevel = logLevel(arg);
                    case "log-prefix" -> {
                        if (arg.isEmpty()) {
                            throw IptError.parameter("LOG: option \"--log-prefix\" requires an argument.\n"); // .min = 1
                        }
                        if (arg.length() > 29) {
                            throw IptError.parameter(
                                    "LOG: option \"--log-prefix\" must be no longer than 29 chars.\n");
                        }
                        if (arg.indexOf('\n') >= 0) {
                            throw IptError.parameter("Newlines not allowed in --log-prefix");
                        }
                        e.logPrefix = arg;
                    }
                    default -> e.logFlags |= 1 << List.of("log-tcp-sequence", "log-tcp-options", "log-ip-options",
                            "log-uid", "", "log-macdecode").indexOf(o.name());
                }
            }
            case "SNAT", "DNAT", "MASQUERADE", "REDIRECT" -> IptNat.parse(e, o, arg, proto);
            case "mark", "MARK" -> IptMark.parse(e, o, arg, invert);
            case "addrtype" -> IptAddrtype.parse(e, o, arg, invert);
            case "limit" -> IptLimit.parse(e, o, arg);
            default -> throw new IllegalStateException(e.name);
        }
        return 0;
    }

    private static void once(Ext e, int bit, String message) {
        if ((e.seen & bit) != 0) {
            throw IptError.parameter(message);
        }
        e.seen |= bit;
    }

    /** The final check of a loaded match (x6_fcheck, xtables_options_fcheck()'s mandatory options). */
    static void finalCheck(Ext e) {
        switch (e.name) {
            case "icmp" -> {
                if (e.seen == 0) {
                    throw IptError.parameter("icmp: option \"--icmp-type\" must be specified\n");
                }
            }
            case "conntrack" -> {
                if (e.seen == 0) {
                    throw IptError.parameter("conntrack: At least one option is required");
                }
            }
            case "state" -> {
                if (e.seen == 0) {
                    throw IptError.parameter("state: option \"--state\" must be specified\n");
                }
            }
            case "comment" -> {
                if (e.seen == 0) {
                    throw IptError.parameter("comment: option \"--comment\" must be specified\n");
                }
            }
            case "multiport" -> {
                if (e.mpFlags < 0) {
                    throw IptError.parameter("multiport expects an option");
                }
            }
            case "SNAT", "DNAT", "MASQUERADE", "REDIRECT" -> IptNat.finalCheck(e);
            case "mark", "MARK" -> IptMark.finalCheck(e);
            case "addrtype" -> IptAddrtype.finalCheck(e);
            default -> { }
        }
    }

    /** The stack's match of a loaded match extension. */
    static Xtables.Match match(Ext e) {
        return switch (e.name) {
            case "tcp", "udp" -> {
                int[] s = e.sports.clone(), d = e.dports.clone();
                boolean notS = e.notSport && !complement(s), notD = e.notDport && !complement(d);
                yield new Ports(e.name.equals("tcp") ? 6 : 17, s[0], s[1], notS, d[0], d[1], notD, e.flagMask,
                        e.flagCmp, e.notFlags);
            }
            case "icmp" -> new Icmp(e.icmpType, e.codeMin, e.codeMax, e.icmpInvert);
            case "multiport" -> new Multiport(e.mpFlags, e.mpRanges, e.mpInvert);
            case "conntrack", "state" -> new Ctstate(e.states, e.stateInvert, e.name.equals("state"));
            case "comment" -> new Comment(e.comment);
            case "mark" -> IptMark.match(e);
            case "addrtype" -> IptAddrtype.match(e);
            case "limit" -> IptLimit.match(e);
            default -> throw new IllegalStateException(e.name);
        };
    }

    // expr_gen_range_cmp16() and port_match_single_to_range(): an inverted range from 0 is stored as "greater than
    // its end" and read back as the range above it, not inverted
    private static boolean complement(int[] r) {
        if (r[0] == 0 && r[1] != 0 && r[1] < 0xFFFF) {
            r[0] = r[1] + 1;
            r[1] = 0xFFFF;
            return true;
        }
        return false;
    }

    /**
     * The kernel's check of a match xt keeps as such (xt_check_match(): an extension bound to a protocol needs that
     * protocol, not inverted; multiport_mt_check()): false when the rule would be refused with EINVAL.
     */
    static boolean kernelAccepts(Ext e, int proto, boolean invProto) {
        return switch (e.name) {
            case "icmp" -> proto == 1 && !invProto;
            case "tcp", "udp" -> !allZero(e) || proto == (e.name.equals("tcp") ? 6 : 17) && !invProto;
            default -> true;
        };
    }

    /** tcp_all_zero() / udp_all_zero(): a tcp or udp match without ports, flags or inversions (kept as xt's). */
    static boolean allZero(Ext e) {
        return e.sports[0] == 0 && e.sports[1] == 0xFFFF && e.dports[0] == 0 && e.dports[1] == 0xFFFF
                && e.flagMask == 0 && e.flagCmp == 0 && !e.notSport && !e.notDport && !e.notFlags;
    }

    // ------------------------------------------------------------------------------------------ parsing

    // parse_tcp_ports(): PORT or [MIN]:[MAX]
    private static int[] ports(String s, String proto) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            int p = port(s, proto);
            return new int[] {p, p};
        }
        String lo = s.substring(0, colon);
        String hi = s.substring(colon + 1);
        int[] r = {lo.isEmpty() ? 0 : port(lo, proto), hi.isEmpty() ? 0xFFFF : port(hi, proto)};
        if (r[0] > r[1]) {
            throw IptError.parameter("invalid portrange (min > max)");
        }
        return r;
    }

    // xtopt_parse_mport() (XTTYPE_PORTRC, udp's): up to two ':'-separated ports, each resolved by getaddrinfo() for any
    // protocol (a number as strtol() reads it, cut to 16 bits); an empty one keeps its default
    private static int[] portRange(String s, String option) {
        int[] r = {0, 0xFFFF};
        String[] parts = s.split(":", -1);
        int n = 0;
        for (String part : parts) {
            if (n == 2) {
                throw IptError.parameter("udp: Too many components for option \"--" + option + "\" (max: 2)\n");
            }
            if (!part.isEmpty()) {
                int v;
                if (part.chars().allMatch(Character::isDigit)) {
                    v = (int) (Long.parseLong(part.length() > 18 ? part.substring(part.length() - 18) : part) & 0xFFFF);
                } else {
                    v = NetDb.servicePort(part);
                    if (v < 0) {
                        throw IptError.parameter("Port \"" + part + "\" does not resolve to anything.\n");
                    }
                }
                r[n] = v;
            }
            n++;
        }
        if (n == 1) {
            r[1] = r[0];
        }
        return r;
    }

    // xtables_parse_port(): a number or a service of the protocol
    static int port(String s, String proto) {
        long n = Iptables.strtoui(s, 0, 0xFFFF);
        if (n >= 0) {
            return (int) n;
        }
        int p = NetDb.servicePort(s, proto);
        if (p < 0) {
            throw IptError.parameter("invalid port/service `" + s + "' specified");
        }
        return p;
    }

    private static final String[] TCP_FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ALL", "NONE"};
    private static final int[] TCP_FLAG_BITS = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x3F, 0};

    // parse_tcp_flag(): names separated by commas, any case
    private static int tcpFlags(String s) {
        int ret = 0;
        for (String f : s.split(",")) {
            if (f.isEmpty()) {
                continue; // strtok() skips empty tokens
            }
            int i = 0;
            while (i < TCP_FLAG_NAMES.length && !TCP_FLAG_NAMES[i].equalsIgnoreCase(f)) {
                i++;
            }
            if (i == TCP_FLAG_NAMES.length) {
                throw IptError.parameter("Unknown TCP flag `" + f + "'");
            }
            ret |= TCP_FLAG_BITS[i];
        }
        return ret;
    }

    /** libxt_icmp.h's icmp_codes: name, type, code_min, code_max. */
    private static final Object[][] ICMP_CODES = {
        {"any", 0xFF, 0, 0xFF}, {"echo-reply", 0, 0, 0xFF}, {"pong", 0, 0, 0xFF},
        {"destination-unreachable", 3, 0, 0xFF}, {"network-unreachable", 3, 0, 0}, {"host-unreachable", 3, 1, 1},
        {"protocol-unreachable", 3, 2, 2}, {"port-unreachable", 3, 3, 3}, {"fragmentation-needed", 3, 4, 4},
        {"source-route-failed", 3, 5, 5}, {"network-unknown", 3, 6, 6}, {"host-unknown", 3, 7, 7},
        {"network-prohibited", 3, 9, 9}, {"host-prohibited", 3, 10, 10}, {"TOS-network-unreachable", 3, 11, 11},
        {"TOS-host-unreachable", 3, 12, 12}, {"communication-prohibited", 3, 13, 13},
        {"host-precedence-violation", 3, 14, 14}, {"precedence-cutoff", 3, 15, 15}, {"source-quench", 4, 0, 0xFF},
        {"redirect", 5, 0, 0xFF}, {"network-redirect", 5, 0, 0}, {"host-redirect", 5, 1, 1},
        {"TOS-network-redirect", 5, 2, 2}, {"TOS-host-redirect", 5, 3, 3}, {"echo-request", 8, 0, 0xFF},
        {"ping", 8, 0, 0xFF}, {"router-advertisement", 9, 0, 0xFF}, {"router-solicitation", 10, 0, 0xFF},
        {"time-exceeded", 11, 0, 0xFF}, {"ttl-exceeded", 11, 0, 0xFF}, {"ttl-zero-during-transit", 11, 0, 0},
        {"ttl-zero-during-reassembly", 11, 1, 1}, {"parameter-problem", 12, 0, 0xFF}, {"ip-header-bad", 12, 0, 0},
        {"required-option-missing", 12, 1, 1}, {"timestamp-request", 13, 0, 0xFF}, {"timestamp-reply", 14, 0, 0xFF},
        {"address-mask-request", 17, 0, 0xFF}, {"address-mask-reply", 18, 0, 0xFF},
    };

    // __parse_icmp(): a name (any unambiguous prefix, any case), or TYPE[/CODE] (each N or N:M; a type range refused)
    private static void icmpType(Ext e, String s) {
        int match = -1;
        for (int i = 0; i < ICMP_CODES.length; i++) {
            String name = (String) ICMP_CODES[i][0];
            if (!name.regionMatches(true, 0, s, 0, s.length()) || s.length() > name.length()) {
                continue;
            }
            if (match >= 0) {
                throw IptError.parameter("Ambiguous ICMP type `" + s + "': `" + ICMP_CODES[match][0] + "' or `"
                        + name + "'?");
            }
            match = i;
        }
        if (match >= 0) {
            e.icmpType = (int) ICMP_CODES[match][1];
            e.codeMin = (int) ICMP_CODES[match][2];
            e.codeMax = (int) ICMP_CODES[match][3];
            return;
        }
        int[] type = new int[2];
        int at = range(s, 0, type);
        if (at < 0) {
            throw IptError.parameter("Unknown ICMP type `" + s + "'");
        }
        int[] code = {0, 255};
        if (at < s.length()) {
            if (s.charAt(at) != '/') {
                throw IptError.parameter("unknown character " + s.charAt(at));
            }
            at = range(s, at + 1, code);
            if (at < 0) {
                throw IptError.parameter("Unknown ICMP code `" + s + "'");
            }
            if (at < s.length()) {
                throw IptError.parameter("unknown character " + s.charAt(at));
            }
        }
        if (type[0] != type[1]) {
            throw IptError.parameter("ICMP type range not supported");
        }
        e.icmpType = type[0];
        e.codeMin = code[0];
        e.codeMax = code[1];
    }

    // parse_range(): N or N:M, each 0..255 (strtoul base 0); the index after it, or -1
    private static int range(String s, int from, int[] res) {
        int end = Iptables.strtouiEnd(s, from, 0, 255, res, 0);
        if (end < 0) {
            return -1;
        }
        res[1] = res[0];
        if (end < s.length() && s.charAt(end) == ':') {
            end = Iptables.strtouiEnd(s, end + 1, 0, 255, res, 1);
        }
        return end;
    }

    // check_proto(): multiport needs one of the port protocols
    private static String multiportProto(int proto, boolean invProto) {
        if (invProto) {
            throw IptError.parameter("multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP");
        }
        return switch (proto) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 136 -> "udplite";
            case 132 -> "sctp";
            case 33 -> "dccp";
            case 0 -> throw IptError.parameter(
                    "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
            default -> throw IptError.parameter("multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP");
        };
    }

    // parse_multi_ports_v1(): up to 15 ports, a range taking two
    private static int[] multiports(String s, String proto) {
        List<Integer> r = new ArrayList<>();
        String[] parts = s.split(",", -1);
        int slots = 0;
        for (int i = 0; i < parts.length; i++) {
            if (slots >= 15) {
                throw IptError.parameter("too many ports specified");
            }
            String cp = parts[i];
            int colon = cp.indexOf(':');
            if (colon >= 0) {
                if (slots == 14) {
                    throw IptError.parameter("too many ports specified");
                }
                int lo = port(cp.substring(0, colon), proto);
                int hi = port(cp.substring(colon + 1), proto);
                if (lo >= hi) {
                    throw IptError.parameter("invalid portrange specified");
                }
                r.add(lo);
                r.add(hi);
                slots += 2;
            } else {
                int p = port(cp, proto);
                r.add(p);
                r.add(p);
                slots++;
            }
        }
        return r.stream().mapToInt(Integer::intValue).toArray();
    }

    private static final String[] STATE_NAMES = {"INVALID", "NEW", "ESTABLISHED", "RELATED", "UNTRACKED"};
    private static final int[] STATE_BITS = {Ctstate.INVALID, Ctstate.NEW, Ctstate.ESTABLISHED, Ctstate.RELATED,
        Ctstate.UNTRACKED};

    // conntrack_ps_states() / state_parse_states(): comma-separated names, each compared over its own length
    private static int states(String arg, boolean state) {
        String kind = state ? "state" : "ctstate";
        int mask = 0;
        String rest = arg;
        for (int comma; (comma = rest.indexOf(',')) >= 0; rest = rest.substring(comma + 1)) {
            int bit = comma == 0 ? 0 : state(rest.substring(0, comma));
            if (bit == 0) {
                throw IptError.parameter("Bad " + kind + " \"" + rest + "\"");
            }
            mask |= bit;
        }
        if (rest.isEmpty() && state) {
            throw IptError.parameter("\"--state\" requires a list of states with no spaces, e.g. ESTABLISHED,RELATED");
        }
        int bit = rest.isEmpty() ? 0 : state(rest);
        if (bit == 0) {
            throw IptError.parameter("Bad " + kind + " \"" + rest + "\"");
        }
        return mask | bit;
    }

    private static int state(String word) {
        for (int i = 0; i < STATE_NAMES.length; i++) {
            if (STATE_NAMES[i].regionMatches(true, 0, word, 0, word.length()) && word.length() <= STATE_NAMES[i].length()) {
                return STATE_BITS[i];
            }
        }
        return 0;
    }

    /** reject_table (libipt_REJECT.c): name and alias of each reply, by enum ipt_reject_with. */
    private static final String[][] REJECT_NAMES = {
        {"icmp-net-unreachable", "net-unreach"}, {"icmp-host-unreachable", "host-unreach"},
        {"icmp-proto-unreachable", "proto-unreach"}, {"icmp-port-unreachable", "port-unreach"}, null,
        {"icmp-net-prohibited", "net-prohib"}, {"icmp-host-prohibited", "host-prohib"}, {"tcp-reset", "tcp-rst"},
        {"icmp-admin-prohibited", "admin-prohib"},
    };

    // REJECT_parse(): the first name or alias the word is a prefix of (any case)
    private static Reject rejectWith(String s) {
        for (int i = 0; i < REJECT_NAMES.length; i++) {
            String[] n = REJECT_NAMES[i];
            if (n != null && (prefix(n[0], s) || prefix(n[1], s))) {
                return Reject.values()[i];
            }
        }
        if (prefix("echo-reply", s) || prefix("echoreply", s)) {
            throw IptError.parameter("unknown reject type \"" + s + "\"", "--reject-with echo-reply no longer supported\n");
        }
        throw IptError.parameter("unknown reject type \"" + s + "\"");
    }

    private static boolean prefix(String name, String s) {
        return s.length() <= name.length() && name.regionMatches(true, 0, s, 0, s.length());
    }

    // xtopt_parse_sysloglevel(): 0..7 or a syslog name
    private static int logLevel(String s) {
        long n = Iptables.strtoui(s, 0, 7);
        if (n >= 0) {
            return (int) n;
        }
        int i = List.of("alert", "crit", "debug", "emerg", "error", "info", "notice", "panic", "warning").indexOf(s);
        if (i < 0) {
            throw IptError.parameter("log level \"" + s + "\" unknown\n");
        }
        return new int[] {1, 2, 7, 0, 3, 6, 5, 0, 4}[i];
    }

    // ------------------------------------------------------------------------------------------ printing

    /** A match's print() (iptables -L): each starts with a space. */
    static void print(StringBuilder out, Xtables.Match m, int proto, boolean numeric) {
        if (m instanceof Ports t) {
            String pname = t.proto() == 6 ? "tcp" : "udp";
            out.append(' ').append(pname);
            printPorts(out, "spt", t.sportMin(), t.sportMax(), t.notSport(), numeric, pname);
            printPorts(out, "dpt", t.dportMin(), t.dportMax(), t.notDport(), numeric, pname);
            if (t.proto() == 6 && (t.flagMask() != 0 || t.notFlags())) {
                out.append(" flags:").append(t.notFlags() ? "!" : "");
                if (numeric) {
                    out.append(String.format("0x%02X/0x%02X", t.flagMask(), t.flagCmp()));
                } else {
                    out.append(tcpf(t.flagMask())).append('/').append(tcpf(t.flagCmp()));
                }
            }
        } else if (m instanceof Icmp i) {
            out.append(" icmp");
            if (!numeric) {
                for (Object[] c : ICMP_CODES) {
                    if ((int) c[1] == i.type() && (int) c[2] == i.codeMin() && (int) c[3] == i.codeMax()) {
                        out.append(' ').append(i.invert() ? "!" : "").append(c[0]);
                        return;
                    }
                }
            }
            if (i.invert()) {
                out.append(" !");
            }
            out.append("type ").append(i.type()); // print_icmptype(): no space after "icmp"
            if (i.codeMin() == i.codeMax()) {
                out.append(" code ").append(i.codeMin());
            } else if (i.codeMin() != 0 || i.codeMax() != 0xFF) {
                out.append(" codes ").append(i.codeMin()).append('-').append(i.codeMax());
            }
        } else if (m instanceof Multiport mp) {
            out.append(" multiport ").append(new String[] {"sports ", "dports ", "ports "}[mp.flags()]);
            if (mp.invert()) {
                out.append(" !");
            }
            multiportList(out, mp, numeric ? null : Iptables.protoName(proto, false));
        } else if (m instanceof Ctstate c) {
            out.append(c.invert() ? " !" : "").append(c.alias() ? " state" : " ctstate"); // conntrack_dump()
            states(out, c.mask(), " ");
        } else if (m instanceof Comment c) {
            out.append(" /* ").append(c.text()).append(" */");
        } else if (m instanceof Xtables.MarkMatch k) {
            IptMark.print(out, k, false);
        } else if (m instanceof Xtables.Addrtype a) {
            IptAddrtype.print(out, a, false);
        } else if (m instanceof Xtables.RateLimit l) {
            IptLimit.print(out, l, false);
        }
    }

    /** A match's "-m NAME" and save() (iptables -S). */
    static void save(StringBuilder out, Xtables.Match m, int proto) {
        if (m instanceof Ports t) {
            out.append(" -m ").append(t.proto() == 6 ? "tcp" : "udp");
            savePorts(out, "sport", t.sportMin(), t.sportMax(), t.notSport());
            savePorts(out, "dport", t.dportMin(), t.dportMax(), t.notDport());
            if (t.proto() == 6 && (t.flagMask() != 0 || t.notFlags())) {
                out.append(t.notFlags() ? " !" : "").append(" --tcp-flags ").append(tcpf(t.flagMask())).append(' ')
                        .append(tcpf(t.flagCmp()));
            }
        } else if (m instanceof Icmp i) {
            out.append(" -m icmp").append(i.invert() ? " !" : "");
            if (i.type() == 0xFF) {
                out.append(" --icmp-type any");
            } else {
                out.append(" --icmp-type ").append(i.type());
                if (i.codeMin() != 0 || i.codeMax() != 0xFF) {
                    out.append('/').append(i.codeMin());
                }
            }
        } else if (m instanceof Multiport mp) {
            out.append(" -m multiport").append(mp.invert() ? " !" : "")
                    .append(new String[] {" --sports ", " --dports ", " --ports "}[mp.flags()]);
            multiportList(out, mp, null);
        } else if (m instanceof Ctstate c) {
            out.append(c.alias() ? " -m state" : " -m conntrack").append(c.invert() ? " !" : "")
                    .append(c.alias() ? " --state" : " --ctstate");
            states(out, c.mask(), " ");
        } else if (m instanceof Comment c) {
            out.append(" -m comment --comment");
            saveString(out, c.text());
        } else if (m instanceof Xtables.MarkMatch k) {
            out.append(" -m mark");
            IptMark.print(out, k, true);
        } else if (m instanceof Xtables.Addrtype a) {
            out.append(" -m addrtype");
            IptAddrtype.print(out, a, true);
        } else if (m instanceof Xtables.RateLimit l) {
            out.append(" -m limit");
            IptLimit.print(out, l, true);
        }
    }

    /** A target's print() (iptables -L). */
    static void print(StringBuilder out, Xtables.Target t, boolean numeric) {
        if (t instanceof Xtables.Nat n) {
            IptNat.print(out, n, false);
        } else if (t instanceof Xtables.Mark m) {
            IptMark.print(out, m);
        } else if (t instanceof Reject r) {
            out.append(" reject-with ").append(REJECT_NAMES[r.ordinal()][0]);
        } else if (t instanceof Log l) {
            out.append(" LOG");
            if (numeric) {
                out.append(" flags ").append(l.flags()).append(" level ").append(l.level());
            } else {
                out.append(" level ").append(new String[] {"emerg", "alert", "crit", "err", "warn", "notice", "info",
                    "debug"}[l.level()]);
                String[] flags = {" tcp-sequence", " tcp-options", " ip-options", " uid", "", " macdecode"};
                for (int i = 0; i < flags.length; i++) {
                    if ((l.flags() & 1 << i) != 0) {
                        out.append(flags[i]);
                    }
                }
            }
            if (!l.prefix().isEmpty()) {
                out.append(" prefix \"").append(l.prefix()).append('"');
            }
        }
    }

    /** A target's save() after its "-j NAME" (iptables -S). */
    static void save(StringBuilder out, Xtables.Target t) {
        if (t instanceof Xtables.Nat n) {
            IptNat.print(out, n, true);
        } else if (t instanceof Xtables.Mark m) {
            IptMark.save(out, m);
        } else if (t instanceof Reject r) {
            out.append(" --reject-with ").append(REJECT_NAMES[r.ordinal()][0]);
        } else if (t instanceof Log l) {
            if (!l.prefix().isEmpty()) {
                out.append(" --log-prefix");
                saveString(out, l.prefix());
            }
            if (l.level() != 4) {
                out.append(" --log-level ").append(l.level());
            }
            String[] flags = {" --log-tcp-sequence", " --log-tcp-options", " --log-ip-options", " --log-uid", "",
                " --log-macdecode"};
            for (int i = 0; i < flags.length; i++) {
                if ((l.flags() & 1 << i) != 0) {
                    out.append(flags[i]);
                }
            }
        }
    }

    private static void printPorts(StringBuilder out, String name, int min, int max, boolean invert, boolean numeric,
                                   String proto) {
        if (min != 0 || max != 0xFFFF || invert) {
            String inv = invert ? "!" : "";
            out.append(' ').append(name);
            if (min == max) {
                out.append(':').append(inv).append(service(min, numeric ? null : proto));
            } else {
                out.append("s:").append(inv).append(service(min, numeric ? null : proto)).append(':')
                        .append(service(max, numeric ? null : proto));
            }
        }
    }

    private static void savePorts(StringBuilder out, String opt, int min, int max, boolean invert) {
        if (min != 0 || max != 0xFFFF) {
            out.append(invert ? " !" : "").append(" --").append(opt).append(' ').append(min);
            if (min != max) {
                out.append(':').append(max);
            }
        }
    }

    // getservbyport() of the protocol, or the number
    private static String service(int port, String proto) {
        String s = proto == null ? null : NetDb.serviceName(port, proto);
        return s != null ? s : Integer.toString(port);
    }

    private static void multiportList(StringBuilder out, Multiport mp, String proto) {
        int[] r = mp.ranges();
        for (int i = 0; i < r.length; i += 2) {
            out.append(i > 0 ? "," : "").append(service(r[i], proto));
            if (r[i] != r[i + 1]) {
                out.append(':').append(service(r[i + 1], proto));
            }
        }
    }

    // print_tcpf(): the flags' names, NONE for none
    private static String tcpf(int flags) {
        StringBuilder s = new StringBuilder();
        while (flags != 0) {
            int i = 0;
            while ((flags & TCP_FLAG_BITS[i]) == 0) {
                i++;
            }
            s.append(s.length() > 0 ? "," : "").append(TCP_FLAG_NAMES[i]);
            flags &= ~TCP_FLAG_BITS[i];
        }
        return s.length() == 0 ? "NONE" : s.toString();
    }

    // print_state(): INVALID, NEW, RELATED, ESTABLISHED, UNTRACKED, after the first separator
    private static void states(StringBuilder out, int mask, String first) {
        String sep = first;
        int[] order = {Ctstate.INVALID, Ctstate.NEW, Ctstate.RELATED, Ctstate.ESTABLISHED, Ctstate.UNTRACKED};
        String[] names = {"INVALID", "NEW", "RELATED", "ESTABLISHED", "UNTRACKED"};
        for (int i = 0; i < order.length; i++) {
            if ((mask & order[i]) != 0) {
                out.append(sep).append(names[i]);
                sep = ",";
            }
        }
    }

    // xtables_save_string(): bare when only [_-0-9a-zA-Z], else in double quotes with " \ ' escaped
    static void saveString(StringBuilder out, String v) {
        if (!v.isEmpty() && v.chars().allMatch(c -> c == '_' || c == '-' || c >= '0' && c <= '9'
                || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
            out.append(' ').append(v);
            return;
        }
        out.append(" \"");
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\' || c == '\'') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
