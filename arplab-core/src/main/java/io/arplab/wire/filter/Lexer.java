package io.arplab.wire.filter;

import io.arplab.wire.filter.Token.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a pcap-filter(7) expression into tokens the way libpcap's flex scanner does: at each point the longest
 * lexeme wins, and among lexemes of one length a reserved word beats a number, which beats an address, which beats a
 * name. Reserved words are case-sensitive, as in libpcap.
 */
final class Lexer {
    private static final Map<String, String> KEYWORDS = new HashMap<>();
    private static final Map<String, Long> CONSTANTS = new HashMap<>();

    static {
        for (String k : ("dst src host net mask port portrange proto protochain gateway type subtype dir direction"
                + " addr1 addr2 addr3 addr4 address1 address2 address3 address4 ra ta"
                + " arp rarp ip ip6 sctp tcp udp icmp icmp6 igmp igrp pim vrrp carp radio ah esp"
                + " atalk aarp decnet lat sca moprc mopdl iso esis isis l1 l2 iih lsp snp csnp psnp clnp stp ipx netbeui"
                + " less greater byte broadcast multicast and or not len inbound outbound ifindex"
                + " vlan mpls pppoed pppoes geneve lane llc metac bcc oam oamf4 oamf4ec oamf4sc sc ilmisc vpi vci"
                + " connectmsg metaconnect on ifname rnr rulenum reason rset ruleset srnr subrulenum action"
                + " fisu lssu lsu sio opc dpc sls hfisu hlssu hlsu hsio hopc hdpc hsls").split(" ")) {
            KEYWORDS.put(k, k);
        }
        for (String k : new String[] {"link", "ether", "ppp", "slip", "fddi", "tr", "wlan"}) {
            KEYWORDS.put(k, "ether");
        }
        KEYWORDS.put("es-is", "esis");
        KEYWORDS.put("is-is", "isis");
        KEYWORDS.put("length", "len");
        KEYWORDS.put("direction", "dir");
        KEYWORDS.put("address1", "addr1");
        KEYWORDS.put("address2", "addr2");
        KEYWORDS.put("address3", "addr3");
        KEYWORDS.put("address4", "addr4");
        KEYWORDS.put("ifname", "on");
        KEYWORDS.put("rulenum", "rnr");
        KEYWORDS.put("ruleset", "rset");
        KEYWORDS.put("subrulenum", "srnr");
        String[][] constants = {
            {"icmptype", "0"}, {"icmpcode", "1"}, {"icmp-echoreply", "0"}, {"icmp-unreach", "3"},
            {"icmp-sourcequench", "4"}, {"icmp-redirect", "5"}, {"icmp-echo", "8"}, {"icmp-routeradvert", "9"},
            {"icmp-routersolicit", "10"}, {"icmp-timxceed", "11"}, {"icmp-paramprob", "12"}, {"icmp-tstamp", "13"},
            {"icmp-tstampreply", "14"}, {"icmp-ireq", "15"}, {"icmp-ireqreply", "16"}, {"icmp-maskreq", "17"},
            {"icmp-maskreply", "18"},
            {"icmp6type", "0"}, {"icmp6code", "1"}, {"icmp6-destinationunreach", "1"}, {"icmp6-packettoobig", "2"},
            {"icmp6-timeexceeded", "3"}, {"icmp6-parameterproblem", "4"}, {"icmp6-echo", "128"},
            {"icmp6-echoreply", "129"}, {"icmp6-multicastlistenerquery", "130"},
            {"icmp6-multicastlistenerreportv1", "131"}, {"icmp6-multicastlistenerdone", "132"},
            {"icmp6-routersolicit", "133"}, {"icmp6-routeradvert", "134"}, {"icmp6-neighborsolicit", "135"},
            {"icmp6-neighboradvert", "136"}, {"icmp6-redirect", "137"}, {"icmp6-routerrenum", "138"},
            {"icmp6-nodeinformationquery", "139"}, {"icmp6-nodeinformationresponse", "140"},
            {"icmp6-ineighbordiscoverysolicit", "141"}, {"icmp6-ineighbordiscoveryadvert", "142"},
            {"icmp6-multicastlistenerreportv2", "143"}, {"icmp6-homeagentdiscoveryrequest", "144"},
            {"icmp6-homeagentdiscoveryreply", "145"}, {"icmp6-mobileprefixsolicit", "146"},
            {"icmp6-mobileprefixadvert", "147"}, {"icmp6-certpathsolicit", "148"}, {"icmp6-certpathadvert", "149"},
            {"icmp6-multicastrouteradvert", "151"}, {"icmp6-multicastroutersolicit", "152"},
            {"icmp6-multicastrouterterm", "153"},
            {"tcpflags", "13"}, {"tcp-fin", "1"}, {"tcp-syn", "2"}, {"tcp-rst", "4"}, {"tcp-push", "8"},
            {"tcp-ack", "16"}, {"tcp-urg", "32"}, {"tcp-ece", "64"}, {"tcp-cwr", "128"},
        };
        for (String[] c : constants) {
            CONSTANTS.put(c[0], Long.parseLong(c[1]));
        }
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9](?:[-_.A-Za-z0-9]*[.A-Za-z0-9])?");
    private static final Pattern NUM = Pattern.compile("0[xX][0-9A-Fa-f]+|[0-9]+");
    private static final Pattern HID = Pattern.compile("[0-9]+(?:\\.[0-9]+){1,3}");
    private static final String B = "[0-9A-Fa-f][0-9A-Fa-f]?";
    private static final String B2 = "[0-9A-Fa-f]{2}";
    private static final Pattern MAC = Pattern.compile(String.join("|",
            B + "(?::" + B + "){5}", B + "(?:-" + B + "){5}", B + "(?:\\." + B + "){5}",
            B2 + B2 + "\\." + B2 + B2 + "\\." + B2 + B2, B2 + B2 + B2 + "\\." + B2 + B2 + B2,
            B2 + "{6}"));
    private static final Pattern V6CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private Lexer() {}

    static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                out.add(new Token(Kind.END, "", 0, n + 1));
                return out;
            }
            int col = i + 1;
            char c = s.charAt(i);
            if (c == '\\') {
                int j = i + 1;
                while (j < n && " !()\n\t".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                if (j == i + 1) {
                    throw new FilterSyntaxException("syntax error in filter expression: illegal character '\\' at column " + col);
                }
                out.add(new Token(Kind.ID, s.substring(i + 1, j), 0, col));
                i = j;
                continue;
            }
            int idLen = match(ID, s, i);
            int numLen = match(NUM, s, i);
            int hidLen = match(HID, s, i);
            int macLen = match(MAC, s, i);
            int v6Len = ipv6Length(s, i);
            int best = Math.max(Math.max(idLen, numLen), Math.max(Math.max(hidLen, macLen), v6Len));
            if (best > 0) {
                String text = s.substring(i, i + best);
                Token t;
                if (idLen == best && KEYWORDS.containsKey(text)) {
                    t = new Token(Kind.KEYWORD, KEYWORDS.get(text), 0, col);
                } else if (idLen == best && CONSTANTS.containsKey(text)) {
                    t = new Token(Kind.NUM, text, CONSTANTS.get(text), col);
                } else if (numLen == best) {
                    t = new Token(Kind.NUM, text, number(text, col), col);
                } else if (hidLen == best) {
                    t = new Token(Kind.HID, text, 0, col);
                } else if (v6Len == best) {
                    t = new Token(Kind.HID6, text, 0, col);
                } else if (macLen == best) {
                    t = new Token(Kind.EID, text, 0, col);
                } else {
                    t = new Token(Kind.ID, text, 0, col);
                }
                out.add(t);
                i += best;
                continue;
            }
            String two = i + 1 < n ? s.substring(i, i + 2) : "";
            switch (two) {
                case ">=", "<=", "!=", "==", "<<", ">>", "&&", "||" -> {
                    out.add(new Token(Kind.OP, two, 0, col));
                    i += 2;
                    continue;
                }
                default -> { }
            }
            if ("()[]:!*/+-%&|^<>=".indexOf(c) >= 0) {
                out.add(new Token(Kind.OP, String.valueOf(c), 0, col));
                i++;
                continue;
            }
            throw new FilterSyntaxException("syntax error in filter expression: illegal character '" + c
                    + "' at column " + col);
        }
    }

    private static int match(Pattern p, String s, int at) {
        Matcher m = p.matcher(s).region(at, s.length());
        if (!m.lookingAt()) {
            return 0;
        }
        // java alternation is ordered, flex takes the longest: try each alternative's longer matches too
        int best = m.end() - at;
        if (p != MAC) {
            return best;
        }
        for (int end = Math.min(s.length(), at + 17); end > at + best; end--) {
            if (p.matcher(s.substring(at, end)).matches()) {
                return end - at;
            }
        }
        return best;
    }

    private static int ipv6Length(String s, int at) {
        Matcher m = V6CHARS.matcher(s).region(at, s.length());
        if (!m.lookingAt()) {
            return 0;
        }
        for (int end = Math.min(m.end(), at + 45); end > at; end--) {
            String cand = s.substring(at, end);
            if (cand.indexOf(':') >= 0 && Addresses.parseIpv6(cand) != null) {
                return end - at;
            }
        }
        return 0;
    }

    /** libpcap's stou(): 0x hex, leading-0 octal, else decimal; at most 32 bits. */
    private static long number(String text, int col) {
        long v;
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                v = text.length() > 10 ? -1 : Long.parseLong(text.substring(2), 16);
            } else if (text.length() > 1 && text.charAt(0) == '0') {
                if (!text.chars().allMatch(ch -> ch >= '0' && ch <= '7')) {
                    throw new FilterSyntaxException("number " + text + " contains non-octal digit");
                }
                v = text.length() > 12 ? -1 : Long.parseLong(text, 8);
            } else {
                v = text.length() > 10 ? -1 : Long.parseLong(text);
            }
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 0 || v > 0xffff_ffffL) {
            throw new FilterSyntaxException("number " + text + " overflows 32 bits");
        }
        return v;
    }
}
