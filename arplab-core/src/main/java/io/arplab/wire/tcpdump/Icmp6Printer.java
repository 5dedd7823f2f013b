package io.arplab.wire.tcpdump;

/** print-icmp6.c: ICMPv6 errors, echo, MLD and neighbour discovery with its options. */
final class Icmp6Printer {
    private static final int ND_ROUTER_SOLICIT = 133;
    private static final int ND_ROUTER_ADVERT = 134;
    private static final int ND_NEIGHBOR_SOLICIT = 135;
    private static final int ND_NEIGHBOR_ADVERT = 136;
    private static final int ND_REDIRECT = 137;
    private static final int ICMP6_HADISCOV_REPLY = 145;
    private static final int ICMP6_MOBILEPREFIX_ADVERT = 147;

    private Icmp6Printer() {}

    /** icmp6_type_values. */
    private static String typeName(int type) {
        return switch (type) {
            case 1 -> "destination unreachable";
            case 2 -> "packet too big";
            case 3 -> "time exceeded in-transit";
            case 4 -> "parameter problem";
            case 128 -> "echo request";
            case 129 -> "echo reply";
            case 130 -> "multicast listener query";
            case 131 -> "multicast listener report";
            case 132 -> "multicast listener done";
            case 133 -> "router solicitation";
            case 134 -> "router advertisement";
            case 135 -> "neighbor solicitation";
            case 136 -> "neighbor advertisement";
            case 137 -> "redirect";
            case 138 -> "router renumbering";
            case 141 -> "inverse neighbor solicitation";
            case 142 -> "inverse neighbor advertisement";
            case 143 -> "multicast listener report v2";
            case 144 -> "ha discovery request";
            case 145 -> "ha discovery reply";
            case 146 -> "mobile router solicitation";
            case 147 -> "mobile router advertisement";
            case 139 -> "who-are-you request";
            case 140 -> "who-are-you reply";
            case 201 -> "mtrace message";
            case 200 -> "mtrace response";
            case 155 -> "RPL";
            default -> null;
        };
    }

    private static void ip6(Dissector nd, int off) {
        nd.check(off, 16);
        Names.ip6addr(nd.out, nd.p, off);
    }

    /** icmp6_print(). */
    static void icmp6Print(Dissector nd, int bp, int length, int ip, boolean fragmented) {
        nd.protocol = "icmp6";
        try {
            body(nd, bp, length, ip, fragmented);
        } catch (TruncLabel t) {
            nd.trunc();
        }
    }

    private static void body(Dissector nd, int bp, int length, int ip, boolean fragmented) {
        StringBuilder out = nd.out;
        int dp = bp;
        int oip = dp + 8;
        if (length == 0) {
            out.append("ICMP6, length 0");
            nd.invalid();
            return;
        }
        if (nd.vflag > 0 && !fragmented) {
            if (nd.ttest(bp, length)) {
                int sum6 = nd.u16(dp + 2);
                int sum = Ip6Printer.nextproto6Cksum(nd, ip, dp, length, length, IpPrinter.IPPROTO_ICMPV6);
                if (sum != 0) {
                    out.append("[bad icmp6 cksum 0x");
                    Names.appendHex(out, sum6, 4);
                    out.append(" -> 0x");
                    Names.appendHex(out, Checksum.shouldBe(sum6, sum), 4);
                    out.append("!] ");
                } else {
                    out.append("[icmp6 sum ok] ");
                }
            }
        }
        int type = nd.u8(dp);
        String name = typeName(type);
        out.append("ICMP6, ");
        if (name == null) {
            out.append("unknown icmp6 type (").append(type).append(')');
        } else {
            out.append(name);
        }
        if (nd.vflag > 0 && (type == ND_ROUTER_SOLICIT || type == ND_ROUTER_ADVERT || type == ND_NEIGHBOR_ADVERT
                || type == ND_NEIGHBOR_SOLICIT || type == ND_REDIRECT || type == ICMP6_HADISCOV_REPLY
                || type == ICMP6_MOBILEPREFIX_ADVERT)) {
            out.append(", length ").append(length);
        }
        int code = nd.u8(dp + 1);
        switch (type) {
            case 1 -> {
                out.append(", ");
                switch (code) {
                    case 0 -> out.append("unreachable route");
                    case 1 -> out.append(" unreachable prohibited");
                    case 2 -> out.append("beyond scope");
                    case 3 -> out.append("unreachable address");
                    case 4 -> out.append("unreachable port");
                    default -> out.append("unknown unreach code (").append(code).append(')');
                }
                switch (code) {
                    case 0, 1, 3 -> {
                        nd.check(oip + 24, 16);
                        out.append(' ');
                        ip6(nd, oip + 24);
                    }
                    case 2 -> {
                        nd.check(oip + 24, 16);
                        nd.check(oip + 8, 16);
                        out.append(' ');
                        ip6(nd, oip + 24);
                        out.append(", source address ");
                        ip6(nd, oip + 8);
                    }
                    case 4 -> {
                        int ouh = upperLayer(nd, oip);
                        if (ouh < 0) {
                            throw TruncLabel.INSTANCE;
                        }
                        int dport = nd.u16(ouh + 2);
                        nd.check(oip + 24, 16);
                        switch (nd.upperProto) {
                            case IpPrinter.IPPROTO_TCP -> {
                                out.append(", ");
                                ip6(nd, oip + 24);
                                out.append(" tcp port ");
                                Names.tcpPort(out, dport, nd.numeric);
                            }
                            case IpPrinter.IPPROTO_UDP -> {
                                out.append(", ");
                                ip6(nd, oip + 24);
                                out.append(" udp port ");
                                Names.udpPort(out, dport, nd.numeric);
                            }
                            default -> {
                                out.append(", ");
                                ip6(nd, oip + 24);
                                out.append(" protocol ").append(nd.upperProto).append(" port ").append(dport)
                                        .append(" unreachable");
                            }
                        }
                    }
                    default -> {
                        if (nd.vflag <= 1) {
                            HexDump.unknownData(nd, bp, "\n\t", length);
                            return;
                        }
                    }
                }
            }
            case 2 -> {
                long mtu = nd.u32(dp + 4);
                out.append(", mtu ").append(mtu);
            }
            case 3 -> {
                switch (code) {
                    case 0 -> {
                        nd.check(oip + 24, 16);
                        out.append(" for ");
                        ip6(nd, oip + 24);
                    }
                    case 1 -> out.append(" (reassembly)");
                    default -> out.append(", unknown code (").append(code).append(')');
                }
            }
            case 4 -> {
                nd.tcheck(oip + 24, 16);
                long pptr = nd.u32(dp + 4);
                switch (code) {
                    case 0 -> out.append(", erroneous - octet ").append(pptr);
                    case 1 -> out.append(", next header - octet ").append(pptr);
                    case 2 -> out.append(", option - octet ").append(pptr);
                    case 3 -> out.append(", incomplete header chain - octet ").append(pptr);
                    default -> out.append(", code-#").append(code);
                }
            }
            case 128, 129 -> {
                int id = nd.u16(dp + 4);
                int seq = nd.u16(dp + 6);
                out.append(", id ").append(id).append(", seq ").append(seq);
            }
            case 130 -> {
                if (length == 24) {
                    mld6Print(nd, dp);
                } else if (length >= 28) {
                    out.append(" v2");
                    mldv2Query(nd, dp, length);
                } else {
                    out.append(" unknown-version (len ").append(length).append(") ");
                }
            }
            case 131, 132 -> mld6Print(nd, dp);
            case ND_ROUTER_SOLICIT -> {
                if (nd.vflag > 0) {
                    optPrint(nd, dp + 8, length - 8);
                }
            }
            case ND_ROUTER_ADVERT -> {
                if (nd.vflag > 0) {
                    nd.check(dp + 4, 12);
                    int flags = nd.u8(dp + 5);
                    out.append("\n\thop limit ").append(nd.u8(dp + 4)).append(", Flags [");
                    int start = out.length();
                    raFlag(out, flags, 0x80, "managed", start);
                    raFlag(out, flags, 0x40, "other stateful", start);
                    raFlag(out, flags, 0x20, "home agent", start);
                    raFlag(out, flags, 0x02, "ipv6 only", start);
                    if (out.length() == start) {
                        out.append("none");
                    }
                    out.append("], pref ").append(rtpref(flags)).append(", router lifetime ")
                            .append(nd.u16(dp + 6)).append("s, reachable time ").append(nd.u32(dp + 8))
                            .append("ms, retrans timer ").append(nd.u32(dp + 12)).append("ms");
                    optPrint(nd, dp + 16, length - 16);
                }
            }
            case ND_NEIGHBOR_SOLICIT -> {
                nd.check(dp + 8, 16);
                out.append(", who has ");
                ip6(nd, dp + 8);
                if (nd.vflag > 0) {
                    optPrint(nd, dp + 24, length - 24);
                }
            }
            case ND_NEIGHBOR_ADVERT -> {
                nd.check(dp + 8, 16);
                out.append(", tgt is ");
                ip6(nd, dp + 8);
                if (nd.vflag > 0) {
                    long flags = nd.u32(dp + 4);
                    out.append(", Flags [");
                    int start = out.length();
                    raFlag(out, flags, 0x80000000L, "router", start);
                    raFlag(out, flags, 0x40000000L, "solicited", start);
                    raFlag(out, flags, 0x20000000L, "override", start);
                    if (out.length() == start) {
                        out.append("none");
                    }
                    out.append(']');
                    optPrint(nd, dp + 24, length - 24);
                }
            }
            case ND_REDIRECT -> {
                nd.check(dp + 24, 16);
                out.append(", ");
                ip6(nd, dp + 24);
                nd.check(dp + 8, 16);
                out.append(" to ");
                ip6(nd, dp + 8);
                if (nd.vflag > 0) {
                    optPrint(nd, dp + 40, length - 40);
                }
            }
            case 139, 140 -> nodeinfo(nd, dp, length);
            case 141, 142 -> { }
            case 143 -> mldv2Report(nd, dp, length);
            case 146, 144 -> {
                int id = nd.u16(dp + 4);
                out.append(", id 0x");
                Names.appendHex(out, id, 4);
            }
            case ICMP6_HADISCOV_REPLY -> {
                if (nd.vflag > 0) {
                    int id = nd.u16(dp + 4);
                    out.append(", id 0x");
                    Names.appendHex(out, id, 4);
                    int cp = dp + length;
                    int p = dp + 8;
                    while (p < cp) {
                        nd.check(p, 16);
                        out.append(", ");
                        ip6(nd, p);
                        p += 16;
                    }
                }
            }
            case ICMP6_MOBILEPREFIX_ADVERT -> {
                if (nd.vflag > 0) {
                    int id = nd.u16(dp + 4);
                    out.append(", id 0x");
                    Names.appendHex(out, id, 4);
                    int flags = nd.u16(dp + 6);
                    if ((flags & 0xc000) != 0) {
                        out.append(' ');
                    }
                    if ((flags & 0x8000) != 0) {
                        out.append('M');
                    }
                    if ((flags & 0x4000) != 0) {
                        out.append('O');
                    }
                    optPrint(nd, dp + 8, length - 8);
                }
            }
            default -> {
                out.append(", length ").append(length);
                if (nd.vflag <= 1) {
                    HexDump.unknownData(nd, bp, "\n\t", length);
                }
                return;
            }
        }
        if (nd.vflag == 0) {
            out.append(", length ").append(length);
        }
    }

    private static void raFlag(StringBuilder out, long v, long bit, String name, int start) {
        if ((v & bit) == bit) {
            if (out.length() != start) {
                out.append(", ");
            }
            out.append(name);
        }
    }

    /** get_rtpref(). */
    private static String rtpref(int v) {
        return switch ((v & 0x18) >> 3) {
            case 0 -> "medium";
            case 1 -> "high";
            case 2 -> "rsv";
            default -> "low";
        };
    }

    /** get_lifetime(). */
    private static void lifetime(StringBuilder out, long v) {
        if (v == 0xffffffffL) {
            out.append("infinity");
        } else {
            out.append(v).append('s');
        }
    }

    /** get_upperlayer(): the TCP/UDP header quoted in an error, -1 when not found. */
    private static int upperLayer(Dissector nd, int bp) {
        if (!nd.ttest(bp + 6, 1)) {
            return -1;
        }
        int nh = nd.u8(bp + 6);
        int hlen = 40;
        int ep = nd.snapend;
        while (bp < ep) {
            bp += hlen;
            switch (nh) {
                case IpPrinter.IPPROTO_UDP, IpPrinter.IPPROTO_TCP -> {
                    if (nd.ttest(bp + 2, 2)) {
                        nd.upperProto = nh;
                        return bp;
                    }
                    return -1;
                }
                case 0, 60, 43 -> {
                    if (!nd.ttest(bp + 1, 1)) {
                        return -1;
                    }
                    nh = nd.u8(bp);
                    hlen = (nd.u8(bp + 1) + 1) << 3;
                }
                case 44 -> {
                    if (!nd.ttest(bp + 2, 2)) {
                        return -1;
                    }
                    if ((nd.u16(bp + 2) & 0xfff8) != 0) {
                        return -1;
                    }
                    nh = nd.u8(bp);
                    hlen = 8;
                }
                case 51 -> {
                    if (!nd.ttest(bp + 1, 1)) {
                        return -1;
                    }
                    nh = nd.u8(bp);
                    hlen = (nd.u8(bp + 1) + 2) << 2;
                }
                default -> {
                    nd.upperProto = nh;
                    return -1;
                }
            }
        }
        return -1;
    }

    /** icmp6_opt_print(): the neighbour discovery options; a broken option truncates the message. */
    private static void optPrint(Dissector nd, int bp, int resid) {
        StringBuilder out = nd.out;
        int cp = bp;
        int ep = nd.snapend;
        while (cp < ep) {
            nd.tcheck(cp + 1, 1);
            if (resid <= 0) {
                return;
            }
            int optType = nd.u8(cp);
            int optLen = nd.u8(cp + 1);
            if (optLen == 0) {
                throw TruncLabel.INSTANCE;
            }
            if (cp + (optLen << 3) > ep) {
                throw TruncLabel.INSTANCE;
            }
            String name = switch (optType) {
                case 1 -> "source link-address";
                case 2 -> "destination link-address";
                case 3 -> "prefix info";
                case 4 -> "redirected header";
                case 5 -> "mtu";
                case 25 -> "rdnss";
                case 31 -> "dnssl";
                case 7 -> "advertisement interval";
                case 8 -> "homeagent information";
                case 24 -> "route info";
                default -> "unknown";
            };
            out.append("\n\t  ").append(name).append(" option (").append(optType).append("), length ")
                    .append(optLen << 3).append(" (").append(optLen).append("): ");
            switch (optType) {
                case 1, 2 -> {
                    int l = (optLen << 3) - 2;
                    for (int i = 0; i < l; i++) {
                        if (i > 0) {
                            out.append(':');
                        }
                        nd.hex2(nd.u8(cp + 2 + i));
                    }
                }
                case 3 -> {
                    nd.check(cp + 16, 16);
                    nd.check(cp + 2, 6);
                    Names.ip6addr(out, nd.p, cp + 16);
                    out.append('/').append(nd.u8(cp + 2));
                    if (optLen != 4) {
                        out.append("badlen");
                    }
                    out.append(", Flags [");
                    int flags = nd.u8(cp + 3);
                    int start = out.length();
                    raFlag(out, flags, 0x80, "onlink", start);
                    raFlag(out, flags, 0x40, "auto", start);
                    raFlag(out, flags, 0x20, "router", start);
                    if (out.length() == start) {
                        out.append("none");
                    }
                    out.append("], valid time ");
                    lifetime(out, nd.u32(cp + 4));
                    long pref = nd.u32(cp + 8);
                    out.append(", pref. time ");
                    lifetime(out, pref);
                }
                case 4 -> HexDump.unknownData(nd, bp, "\n\t    ", optLen << 3);
                case 5 -> {
                    long mtu = nd.u32(cp + 4);
                    out.append(' ').append(mtu);
                    if (optLen != 1) {
                        out.append("bad option length");
                    }
                }
                case 25 -> {
                    int l = (optLen - 1) / 2;
                    long lifetime = nd.u32(cp + 4);
                    out.append(" lifetime ").append(lifetime).append("s,");
                    for (int i = 0; i < l; i++) {
                        nd.check(cp + 8 + 16 * i, 16);
                        out.append(" addr: ");
                        ip6(nd, cp + 8 + 16 * i);
                    }
                }
                case 31 -> {
                    long lifetime = nd.u32(cp + 4);
                    out.append(" lifetime ").append(lifetime).append("s, domain(s):");
                    int domp = cp + 8;
                    while (domp < cp + (optLen << 3) && nd.u8(domp) != 0) {
                        out.append(' ');
                        domp = DnsNames.fqdnPrint(nd, domp, bp);
                        if (domp == -1) {
                            throw TruncLabel.INSTANCE;
                        }
                    }
                }
                case 7 -> {
                    long interval = nd.u32(cp + 4);
                    out.append(' ').append(interval).append("ms");
                }
                case 8 -> {
                    int preference = nd.u16(cp + 4);
                    int hal = nd.u16(cp + 6);
                    out.append(" preference ").append(preference).append(", lifetime ").append(hal);
                }
                case 24 -> {
                    nd.tcheck(cp + 4, 4);
                    byte[] in6 = new byte[16];
                    switch (optLen) {
                        case 1 -> { }
                        case 2 -> {
                            nd.check(cp + 8, 8);
                            System.arraycopy(nd.p, cp + 8, in6, 0, 8);
                        }
                        case 3 -> {
                            nd.check(cp + 8, 16);
                            System.arraycopy(nd.p, cp + 8, in6, 0, 16);
                        }
                        default -> throw TruncLabel.INSTANCE;
                    }
                    int plen = nd.u8(cp + 2);
                    out.append(' ');
                    Names.ip6addr(out, in6, 0);
                    out.append('/').append(plen);
                    int rflags = nd.u8(cp + 3);
                    out.append(", pref=").append(rtpref(rflags));
                    long rlife = nd.u32(cp + 4);
                    out.append(", lifetime=");
                    lifetime(out, rlife);
                }
                default -> {
                    if (nd.vflag <= 1) {
                        HexDump.unknownData(nd, cp + 2, "\n\t  ", (optLen << 3) - 2);
                        return;
                    }
                }
            }
            if (nd.vflag > 1) {
                HexDump.unknownData(nd, cp + 2, "\n\t    ", (optLen << 3) - 2);
            }
            cp += optLen << 3;
            resid -= optLen << 3;
        }
    }

    /** mld6_print(). */
    private static void mld6Print(Dissector nd, int bp) {
        if (bp + 24 > nd.snapend) {
            return;
        }
        int delay = nd.u16(bp + 4);
        nd.out.append("max resp delay: ").append(delay).append(' ');
        nd.check(bp + 8, 16);
        nd.out.append("addr: ");
        ip6(nd, bp + 8);
    }

    private static String mldv2ReportType(int t) {
        return switch (t) {
            case 1 -> "is_in";
            case 2 -> "is_ex";
            case 3 -> "to_in";
            case 4 -> "to_ex";
            case 5 -> "allow";
            case 6 -> "block";
            default -> null;
        };
    }

    /** mldv2_report_print(). */
    private static void mldv2Report(Dissector nd, int bp, int len) {
        StringBuilder out = nd.out;
        if (len < 8) {
            out.append(" [invalid len ").append(len).append(']');
            return;
        }
        int ngroups = nd.u16(bp + 6);
        out.append(", ").append(ngroups).append(" group record(s)");
        if (nd.vflag > 0) {
            int group = 8;
            for (int i = 0; i < ngroups; i++) {
                if (len < group + 20) {
                    out.append(" [invalid number of groups]");
                    return;
                }
                nd.check(bp + group + 4, 16);
                out.append(" [gaddr ");
                ip6(nd, bp + group + 4);
                int rtype = nd.u8(bp + group);
                String s = mldv2ReportType(rtype);
                out.append(' ');
                if (s == null) {
                    out.append(" [v2-report-#").append(rtype).append(']');
                } else {
                    out.append(s);
                }
                int nsrcs = nd.u16(bp + group + 2);
                if (len < group + 20 + nsrcs * 16) {
                    out.append(" [invalid number of sources ").append(nsrcs).append(']');
                    return;
                }
                if (nd.vflag == 1) {
                    out.append(", ").append(nsrcs).append(" source(s)");
                } else {
                    out.append(" {");
                    for (int j = 0; j < nsrcs; j++) {
                        nd.check(bp + group + 20 + j * 16, 16);
                        out.append(' ');
                        ip6(nd, bp + group + 20 + j * 16);
                    }
                    out.append(" }");
                }
                group += 20 + nsrcs * 16;
                out.append(']');
            }
        }
    }

    /** mldv2_query_print(). */
    private static void mldv2Query(Dissector nd, int bp, int len) {
        StringBuilder out = nd.out;
        if (len < 28) {
            out.append(" [invalid len ").append(len).append(']');
            return;
        }
        int mrc = nd.u16(bp + 4);
        long mrt;
        if (mrc < 32768) {
            mrt = mrc;
        } else {
            mrt = ((long) ((mrc & 0x0fff) | 0x1000)) << (((mrc & 0x7000) >> 12) + 3);
        }
        if (nd.vflag > 0) {
            out.append(" [max resp delay=").append(mrt & 0xffffffffL).append(']');
        }
        nd.check(bp + 8, 16);
        out.append(" [gaddr ");
        ip6(nd, bp + 8);
        if (nd.vflag > 0) {
            int b24 = nd.u8(bp + 24);
            if ((b24 & 0x08) != 0) {
                out.append(" sflag");
            }
            if ((b24 & 0x07) != 0) {
                out.append(" robustness=").append(b24 & 0x07);
            }
            int b25 = nd.u8(bp + 25);
            int qqi = b25 < 128 ? b25 : ((b25 & 0x0f) | 0x10) << (((b25 & 0x70) >> 4) + 3);
            out.append(" qqi=").append(qqi);
        }
        int nsrcs = nd.u16(bp + 26);
        if (nsrcs > 0) {
            if (len < 28 + nsrcs * 16) {
                out.append(" [invalid number of sources]");
            } else if (nd.vflag > 1) {
                out.append(" {");
                for (int i = 0; i < nsrcs; i++) {
                    nd.check(bp + 28 + i * 16, 16);
                    out.append(' ');
                    ip6(nd, bp + 28 + i * 16);
                }
                out.append(" }");
            } else {
                out.append(", ").append(nsrcs).append(" source(s)");
            }
        }
        out.append(']');
    }

    /** dnsname_print(): a DNS name without compression, up to {@code ep}. */
    private static void dnsname(Dissector nd, int cp, int ep) {
        StringBuilder out = nd.out;
        out.append(", \"");
        while (cp < ep) {
            int i = nd.u8(cp++);
            if (i != 0) {
                if (i > ep - cp) {
                    out.append("???");
                    break;
                }
                while (i-- > 0 && cp < ep) {
                    nd.printChar(nd.u8(cp++));
                }
                if (cp + 1 < ep && nd.u8(cp) != 0) {
                    out.append('.');
                }
            } else {
                if (cp == ep) {
                    out.append('.');
                } else if (!(cp + 1 == ep && nd.u8(cp) == 0)) {
                    out.append("???");
                }
                break;
            }
        }
        out.append('"');
    }

    /** A name in a node information message: icmp-name-lookup-03's Pascal string, else dnsname_print(). */
    private static void niName(Dissector nd, int cp, int ep) {
        if (nd.u8(cp) == ep - cp - 1) {
            if (nd.vflag > 0) {
                nd.out.append(", 03 draft");
            }
            cp++;
            nd.out.append(", \"");
            while (cp < ep) {
                nd.printChar(nd.u8(cp++));
            }
            nd.out.append('"');
        } else {
            dnsname(nd, cp, ep);
        }
    }

    /** The node-address flags [aGSLCA] (and T in a reply). */
    private static void niFlags(StringBuilder out, int i, boolean reply) {
        out.append(" [").append((i & 0x40) != 0 ? "a" : "").append((i & 0x20) != 0 ? "G" : "")
                .append((i & 0x10) != 0 ? "S" : "").append((i & 0x08) != 0 ? "L" : "")
                .append((i & 0x04) != 0 ? "C" : "")
                .append((i & 0x02) != 0 ? "A" : "").append(reply && (i & 0x01) != 0 ? "T" : "").append(']');
    }

    /**
     * icmp6_nodeinfo_print(): what was captured ({@code siz}) decides, not the ICMPv6 length; its own "trunc"
     * label prints " [|icmp6]" and returns to icmp6_print(), which goes on.
     */
    private static void nodeinfo(Dissector nd, int bp, int icmp6len) {
        try {
            nodeinfoBody(nd, bp, icmp6len);
        } catch (TruncLabel t) {
            nd.trunc();
        }
    }

    private static void nodeinfoBody(Dissector nd, int bp, int icmp6len) {
        StringBuilder out = nd.out;
        int ep = nd.snapend;
        if (ep < bp) {
            return;
        }
        int siz = ep - bp;
        final int ni = 16;
        switch (nd.u8(bp)) {
            case 139 -> {
                if (siz == 8 + 4) {
                    out.append(" who-are-you request");
                    break;
                }
                out.append(" node information query");
                nd.tcheck(bp, ni);
                out.append(" (");
                int qtype = nd.u16(bp + 4);
                switch (qtype) {
                    case 0 -> out.append("noop");
                    case 1 -> {
                        out.append("supported qtypes");
                        int i = nd.u16(bp + 6);
                        if (i != 0) {
                            out.append(" [").append((i & 0x01) != 0 ? "C" : "").append(']');
                        }
                    }
                    case 2 -> out.append("DNS name");
                    case 3 -> {
                        out.append("node addresses");
                        int i = nd.u16(bp + 6);
                        if (i != 0) {
                            niFlags(out, i, false);
                        }
                    }
                    default -> out.append("unknown");
                }
                if (qtype == 0 || qtype == 1) {
                    if (siz != ni && nd.vflag > 0) {
                        out.append(", invalid len");
                    }
                    out.append(')');
                    break;
                }
                if (siz == ni) {
                    out.append(", 03 draft)");
                    break;
                }
                int cp = bp + ni;
                switch (nd.u8(bp + 1)) {
                    case 0 -> {
                        if (!nd.ttest(bp, ni + 16)) {
                            break;
                        }
                        if (siz != ni + 16) {
                            if (nd.vflag > 0) {
                                out.append(", invalid subject len");
                            }
                            break;
                        }
                        out.append(", subject=");
                        ip6(nd, cp);
                    }
                    case 1 -> {
                        out.append(", subject=DNS name");
                        niName(nd, cp, ep);
                    }
                    case 2 -> {
                        if (!nd.ttest(bp, ni + 4)) {
                            break;
                        }
                        if (siz != ni + 4) {
                            if (nd.vflag > 0) {
                                out.append(", invalid subject len");
                            }
                            break;
                        }
                        out.append(", subject=");
                        Names.ipaddr(out, nd.p, cp);
                    }
                    default -> out.append(", unknown subject");
                }
                out.append(')');
            }
            case 140 -> {
                if (icmp6len > siz) {
                    throw TruncLabel.INSTANCE;
                }
                boolean comma = false;
                nd.tcheck(bp, ni);
                out.append(" node information reply (");
                int code = nd.u8(bp + 1);
                switch (code) {
                    case 0 -> {
                        if (nd.vflag > 0) {
                            out.append("success");
                            comma = true;
                        }
                    }
                    case 1, 2 -> {
                        out.append(code == 1 ? "refused" : "unknown");
                        comma = true;
                        if (siz != ni && nd.vflag > 0) {
                            out.append(", invalid length");
                        }
                    }
                    default -> { }
                }
                if (code != 0) {
                    out.append(')');
                    break;
                }
                String sep = comma ? ", " : "";
                switch (nd.u16(bp + 4)) {
                    case 0 -> {
                        out.append(sep).append("noop");
                        if (siz != ni && nd.vflag > 0) {
                            out.append(", invalid length");
                        }
                    }
                    case 1 -> {
                        out.append(sep).append("supported qtypes");
                        int i = nd.u16(bp + 6);
                        if (i != 0) {
                            out.append(" [").append((i & 0x01) != 0 ? "C" : "").append(']');
                        }
                    }
                    case 2 -> {
                        out.append(sep).append("DNS name");
                        niName(nd, bp + ni + 4, ep);
                        if ((nd.u16(bp + 6) & 0x01) != 0) {
                            long ttl = nd.u32(bp + ni);
                            out.append(" [TTL=").append(ttl).append(']');
                        }
                    }
                    case 3 -> {
                        out.append(sep).append("node addresses");
                        for (int i = ni; i < siz && i + 4 + 16 <= siz; i += 20) {
                            nd.check(bp + i + 4, 16);
                            long ttl = nd.u32(bp + i);
                            out.append(' ');
                            ip6(nd, bp + i + 4);
                            out.append('(').append(ttl).append(')');
                        }
                        int i = nd.u16(bp + 6);
                        if (i != 0) {
                            niFlags(out, i, true);
                        }
                    }
                    default -> out.append(sep).append("unknown");
                }
                out.append(')');
            }
            default -> { }
        }
    }
}
