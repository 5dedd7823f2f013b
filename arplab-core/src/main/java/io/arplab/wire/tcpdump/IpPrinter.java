package io.arplab.wire.tcpdump;

/** print-ip.c and print-ip-demux.c: IPv4 headers, options and the protocol dispatch. */
final class IpPrinter {
    static final int IPPROTO_ICMP = 1;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_DCCP = 33;
    static final int IPPROTO_ICMPV6 = 58;
    static final int IPPROTO_SCTP = 132;
    private static final int IP_MF = 0x2000;
    private static final int IP_DF = 0x4000;
    private static final int IP_RES = 0x8000;
    private static final int IP_OFFMASK = 0x1fff;

    private IpPrinter() {}

    /** ip_print(). */
    static void ipPrint(Dissector nd, int bp, int length) {
        nd.protocol = "ip";
        StringBuilder out = nd.out;
        int vhl = nd.u8(bp);
        int version = vhl >> 4;
        if (version != 4) {
            if (version == 6) {
                out.append("IP6, wrong link-layer encapsulation");
            } else {
                out.append("IP").append(version);
            }
            nd.invalid();
            return;
        }
        if (!nd.eflag) {
            out.append("IP ");
        }
        if (!nd.ttest(bp, 20)) {
            // ND_TCHECK_SIZE() to ip_print()'s own trunc label
            nd.trunc();
            return;
        }
        if (length < 20) {
            out.append("truncated-ip ").append(length);
            return;
        }
        int hlen = (vhl & 0x0f) * 4;
        if (hlen < 20) {
            out.append("bad-hlen ").append(hlen);
            return;
        }
        int len = nd.u16(bp + 2);
        if (length < len) {
            out.append("truncated-ip - ").append(len - length).append(" bytes missing! ");
        }
        if (len < hlen) {
            out.append("bad-len ").append(len);
            return;
        }
        nd.push(bp, len);
        len -= hlen;
        int off = nd.u16(bp + 6);
        int proto = nd.u8(bp + 9);
        if (nd.vflag > 0) {
            int tos = nd.u8(bp + 1);
            out.append("(tos 0x");
            nd.hex(tos);
            switch (tos & 3) {
                case 1 -> out.append(",ECT(1)");
                case 2 -> out.append(",ECT(0)");
                case 3 -> out.append(",CE");
                default -> { }
            }
            int ttl = nd.u8(bp + 8);
            if (ttl >= 1) {
                out.append(", ttl ").append(ttl);
            }
            out.append(", id ").append(nd.u16(bp + 4)).append(", offset ").append((off & IP_OFFMASK) * 8)
                    .append(", flags [");
            fragFlags(out, off);
            out.append("], proto ").append(Names.ipproto(proto)).append(" (").append(proto).append(')');
            out.append(", length ").append(nd.u16(bp + 2));
            boolean truncated = false;
            if (hlen > 20) {
                out.append(", options (");
                if (!optPrint(nd, bp + 20, hlen - 20)) {
                    out.append(" [truncated-option]");
                    truncated = true;
                }
                out.append(')');
            }
            if (nd.ttest(bp, hlen)) {
                int sum = Checksum.cksum(nd.p, bp, hlen);
                if (sum != 0) {
                    int ipSum = nd.u16(bp + 10);
                    out.append(", bad cksum ");
                    nd.hex(ipSum);
                    out.append(" (->");
                    nd.hex(Checksum.shouldBe(ipSum, sum));
                    out.append(")!");
                }
            }
            out.append(")\n    ");
            if (truncated) {
                addresses(nd, bp);
                out.append(": ");
                nd.trunc();
                nd.pop();
                return;
            }
        }
        if ((off & IP_OFFMASK) == 0) {
            if (proto != IPPROTO_TCP && proto != IPPROTO_UDP && proto != IPPROTO_SCTP && proto != IPPROTO_DCCP) {
                addresses(nd, bp);
                out.append(": ");
            }
            if (!nd.ttest(bp, hlen)) {
                out.append(" [remaining caplen(").append(nd.available(bp)).append(") < header length(")
                        .append(hlen).append(")]");
                throw Truncated.INSTANCE;
            }
            demuxPrint(nd, bp + hlen, len, 4, (off & IP_MF) != 0, nd.u8(bp + 8), proto, bp);
        } else {
            addresses(nd, bp);
            out.append(':');
            String name = nd.numeric ? null : Names.netdbProtocol(proto);
            if (name != null) {
                out.append(' ').append(name);
            } else {
                out.append(" ip-proto-").append(proto);
            }
        }
        nd.pop();
    }

    static void addresses(Dissector nd, int bp) {
        nd.check(bp + 12, 8);
        Names.ipaddr(nd.out, nd.p, bp + 12);
        nd.out.append(" > ");
        Names.ipaddr(nd.out, nd.p, bp + 16);
    }

    /** bittok2str(ip_frag_values, "none", off & (IP_RES|IP_DF|IP_MF)): "+", "DF", "rsvd". */
    private static void fragFlags(StringBuilder out, int off) {
        int start = out.length();
        if ((off & IP_MF) != 0) {
            out.append('+');
        }
        if ((off & IP_DF) != 0) {
            if (out.length() != start) {
                out.append(", ");
            }
            out.append("DF");
        }
        if ((off & IP_RES) != 0) {
            if (out.length() != start) {
                out.append(", ");
            }
            out.append("rsvd");
        }
        if (out.length() == start) {
            out.append("none");
        }
    }

    /** ip_optprint(): false when an option runs past the captured bytes. */
    private static boolean optPrint(Dissector nd, int cp, int length) {
        StringBuilder out = nd.out;
        String sep = "";
        int optionLen;
        for (; length > 0; cp += optionLen, length -= optionLen) {
            out.append(sep);
            sep = ",";
            int code = nd.u8(cp);
            switch (code) {
                case 0 -> out.append("EOL");
                case 1 -> out.append("NOP");
                case 68 -> out.append("timestamp");
                case 130 -> out.append("security");
                case 7 -> out.append("RR");
                case 137 -> out.append("SSRR");
                case 131 -> out.append("LSRR");
                case 148 -> out.append("RA");
                case 82 -> out.append("traceroute");
                default -> out.append("unknown ").append(code);
            }
            if (code == 1 || code == 0) {
                optionLen = 1;
            } else {
                optionLen = nd.u8(cp + 1);
                if (optionLen < 2) {
                    out.append(" [bad length ").append(optionLen).append(']');
                    return true;
                }
            }
            if (optionLen > length) {
                out.append(" [bad length ").append(optionLen).append(']');
                return true;
            }
            if (!nd.ttest(cp, optionLen)) {
                return false;
            }
            switch (code) {
                case 0 -> {
                    return true;
                }
                case 68 -> {
                    if (!printTs(nd, cp, optionLen)) {
                        return false;
                    }
                }
                case 7, 137, 131 -> {
                    if (!printRoute(nd, cp, optionLen)) {
                        return false;
                    }
                }
                case 148 -> {
                    if (optionLen < 4) {
                        out.append(" [bad length ").append(optionLen).append(']');
                        break;
                    }
                    if (!nd.ttest(cp + 3, 1)) {
                        return false;
                    }
                    int v = nd.u16(cp + 2);
                    if (v != 0) {
                        out.append(" value ").append(v);
                    }
                }
                default -> { }
            }
        }
        return true;
    }

    /** ip_printroute(): RR, LSRR and SSRR. */
    private static boolean printRoute(Dissector nd, int cp, int length) {
        StringBuilder out = nd.out;
        if (length < 3) {
            out.append(" [bad length ").append(length).append(']');
            return true;
        }
        if (((length + 1) & 3) != 0) {
            out.append(" [bad length ").append(length).append(']');
        }
        long ptr = (nd.u8(cp + 2) - 1) & 0xffffffffL;
        if (ptr < 3 || ((ptr + 1) & 3) != 0 || ptr > length + 1) {
            out.append(" [bad ptr ").append(nd.u8(cp + 2)).append(']');
        }
        for (int len = 3; len < length; len += 4) {
            if (!nd.ttest(cp + len, 4)) {
                return false;
            }
            out.append(' ');
            Names.ipaddr(out, nd.p, cp + len);
            if (ptr > len) {
                out.append(',');
            }
        }
        return true;
    }

    /** ip_printts(): the timestamp option. */
    private static boolean printTs(Dissector nd, int cp, int length) {
        StringBuilder out = nd.out;
        if (length < 4) {
            out.append("[bad length ").append(length).append(']');
            return true;
        }
        out.append(" TS{");
        int flags = nd.u8(cp + 3);
        int hoplen = (flags & 0xf) != 0 ? 8 : 4;
        if (((length - 4) & (hoplen - 1)) != 0) {
            out.append("[bad length ").append(length).append(']');
        }
        long ptr = (nd.u8(cp + 2) - 1) & 0xffffffffL;
        int len = 0;
        if (ptr < 4 || ((ptr - 4) & (hoplen - 1)) != 0 || ptr > length + 1) {
            out.append("[bad ptr ").append(nd.u8(cp + 2)).append(']');
        }
        boolean done = false;
        switch (flags & 0xf) {
            case 0 -> out.append("TSONLY");
            case 1 -> out.append("TS+ADDR");
            case 3 -> out.append("PRESPEC");
            default -> {
                out.append("[bad ts type ").append(flags & 0xf).append(']');
                done = true;
            }
        }
        if (!done) {
            String type = " ";
            for (len = 4; len < length; len += hoplen) {
                if (ptr == len) {
                    type = " ^ ";
                }
                if (!nd.ttest(cp + len, hoplen)) {
                    return false;
                }
                out.append(type).append(nd.u32(cp + len + hoplen - 4)).append('@');
                if (hoplen == 8) {
                    Names.ipaddr(out, nd.p, cp + len);
                }
                type = " ";
            }
        }
        out.append(ptr == len ? " ^ " : "");
        if ((flags >> 4) != 0) {
            out.append(" [").append(flags >> 4).append(" hops not recorded]} ");
        } else {
            out.append('}');
        }
        return true;
    }

    /** ip_demux_print(). */
    static void demuxPrint(Dissector nd, int bp, int length, int ver, boolean fragmented, int ttlHl, int nh,
                           int iph) {
        StringBuilder out = nd.out;
        while (nh == AhPrinter.IPPROTO_AH) {
            // the AH header names the next one: "goto again"
            if (!nd.ttest(bp, 1)) {
                nd.protocol = "ah";
                nd.trunc();
                return;
            }
            nh = nd.u8(bp);
            int advance = AhPrinter.ahPrint(nd, bp);
            if (advance <= 0) {
                return;
            }
            bp += advance;
            length -= advance;
        }
        switch (nh) {
            case EspPrinter.IPPROTO_ESP -> EspPrinter.espPrint(nd, bp, length);
            case IPPROTO_SCTP -> SctpPrinter.sctpPrint(nd, bp, iph, length);
            case IgrpPrinter.IPPROTO_PIGP -> IgrpPrinter.igrpPrint(nd, bp, length);
            case EgpPrinter.IPPROTO_EGP -> EgpPrinter.egpPrint(nd, bp, length);
            case EigrpPrinter.IPPROTO_EIGRP -> EigrpPrinter.eigrpPrint(nd, bp, length);
            case OspfPrinter.IPPROTO_OSPF -> {
                if (ver == 6) {
                    Ospf6Printer.ospf6Print(nd, bp, length);
                } else {
                    OspfPrinter.ospfPrint(nd, bp, length);
                }
            }
            case GrePrinter.IPPROTO_GRE -> GrePrinter.grePrint(nd, bp, length);
            case PimPrinter.IPPROTO_PIM -> PimPrinter.pimPrint(nd, bp, length, iph);
            case IPPROTO_TCP -> TcpPrinter.tcpPrint(nd, bp, length, iph, fragmented);
            case IPPROTO_UDP -> UdpPrinter.udpPrint(nd, bp, length, iph, fragmented);
            case IPPROTO_ICMP -> {
                if (ver == 4) {
                    IcmpPrinter.icmpPrint(nd, bp, length, iph, fragmented);
                } else {
                    out.append("[").append(Names.ipproto(nh)).append(" requires IPv4]");
                    nd.invalid();
                }
            }
            case IPPROTO_ICMPV6 -> {
                if (ver == 6) {
                    Icmp6Printer.icmp6Print(nd, bp, length, iph, fragmented);
                } else {
                    out.append("[").append(Names.ipproto(nh)).append(" requires IPv6]");
                    nd.invalid();
                }
            }
            case IgmpPrinter.IPPROTO_IGMP -> {
                if (ver == 4) {
                    IgmpPrinter.igmpPrint(nd, bp, length);
                } else {
                    out.append("[").append(Names.ipproto(nh)).append(" requires IPv4]");
                    nd.invalid();
                }
            }
            case VrrpPrinter.IPPROTO_VRRP -> VrrpPrinter.vrrpPrint(nd, bp, length, iph, ttlHl, ver);
            case 4 -> ipPrint(nd, bp, length);
            case 41 -> Ip6Printer.ip6Print(nd, bp, length);
            case 59 -> out.append("no next header");
            case 77 -> out.append(" nd ").append(length);
            default -> {
                String name = nd.numeric ? null : Names.netdbProtocol(nh);
                if (name != null) {
                    out.append(' ').append(name);
                } else {
                    out.append(" ip-proto-").append(nh);
                }
                out.append(' ').append(length);
            }
        }
    }

    /** nextproto4_cksum(): the checksum over the IPv4 pseudo-header and {@code len} bytes at {@code data}. */
    static int nextproto4Cksum(Dissector nd, int ip, int data, int len, int covlen, int proto) {
        long sum = 0;
        byte[] p = nd.p;
        sum = Checksum.sum(p, ip + 12, 4, sum);
        int hl = (p[ip] & 0x0f) * 4;
        int dst = hl == 20 ? ip + 16 : findDst(nd, ip);
        sum = Checksum.sum(p, dst, 4, sum);
        sum += proto;
        sum += len & 0xffff;
        sum = Checksum.sum(p, data, covlen, sum);
        return Checksum.finish(sum);
    }

    /** ip_finddst(): the final destination of a source route, else the header's. */
    private static int findDst(Dissector nd, int ip) {
        int length = (nd.p[ip] & 0x0f) * 4;
        if (length < 20) {
            return ip + 16;
        }
        length -= 20;
        int cp = ip + 20;
        int len;
        for (; length != 0; cp += len, length -= len) {
            if (!nd.ttest(cp, 1)) {
                return ip + 16;
            }
            int tt = nd.u8(cp);
            if (tt == 0) {
                break;
            } else if (tt == 1) {
                len = 1;
            } else {
                if (!nd.ttest(cp + 1, 1)) {
                    return ip + 16;
                }
                len = nd.u8(cp + 1);
                if (len < 2) {
                    break;
                }
            }
            if (length < len || !nd.ttest(cp, len)) {
                return ip + 16;
            }
            if ((tt == 137 || tt == 131) && len >= 7) {
                return cp + len - 4;
            }
        }
        return ip + 16;
    }
}
