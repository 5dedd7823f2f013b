package io.arplab.wire.tcpdump;

/** print-icmp.c: ICMP for IPv4, with the quoted datagram of error messages under -v. */
final class IcmpPrinter {
    private static final int ICMP_ECHOREPLY = 0;
    private static final int ICMP_UNREACH = 3;
    private static final int ICMP_SOURCEQUENCH = 4;
    private static final int ICMP_REDIRECT = 5;
    private static final int ICMP_ECHO = 8;
    private static final int ICMP_ROUTERADVERT = 9;
    private static final int ICMP_TIMXCEED = 11;
    private static final int ICMP_PARAMPROB = 12;
    private static final int ICMP_TSTAMP = 13;
    private static final int ICMP_TSTAMPREPLY = 14;
    private static final int ICMP_MASKREPLY = 18;
    /** ICMP_EXTD_MINLEN: 156 - sizeof(struct ip). */
    private static final int ICMP_EXTD_MINLEN = 136;
    /** sizeof(struct icmp_ext_t). */
    private static final int ICMP_EXT_T_SIZE = 141;

    private IcmpPrinter() {}

    /** icmp2str. */
    private static String typeName(int type) {
        return switch (type) {
            case 0 -> "echo reply";
            case 4 -> "source quench";
            case 8 -> "echo request";
            case 10 -> "router solicitation";
            case 13 -> "time stamp request";
            case 14 -> "time stamp reply";
            case 15 -> "information request";
            case 16 -> "information reply";
            case 17 -> "address mask request";
            default -> null;
        };
    }

    private static void dstOfQuoted(Dissector nd, StringBuilder buf, int dp) {
        nd.check(dp + 24, 4);
        Names.ipaddr(buf, nd.p, dp + 24);
    }

    /** icmp_print(). */
    static void icmpPrint(Dissector nd, int bp, int plen, int ip, boolean fragmented) {
        nd.protocol = "icmp";
        try {
            body(nd, bp, plen, fragmented);
        } catch (TruncLabel t) {
            nd.trunc();
        }
    }

    private static void body(Dissector nd, int bp, int plen, boolean fragmented) {
        StringBuilder out = nd.out;
        StringBuilder buf = nd.scratch;
        buf.setLength(0);
        int dp = bp;
        int type = nd.u8(dp);
        int code = nd.u8(dp + 1);
        switch (type) {
            case ICMP_ECHO, ICMP_ECHOREPLY -> {
                int id = nd.u16(dp + 4);
                int seq = nd.u16(dp + 6);
                buf.append("echo ").append(type == ICMP_ECHO ? "request" : "reply").append(", id ").append(id)
                        .append(", seq ").append(seq);
            }
            case ICMP_UNREACH -> unreach(nd, buf, dp, code);
            case ICMP_REDIRECT -> {
                nd.check(dp + 24, 4);
                nd.check(dp + 4, 4);
                switch (code) {
                    case 0 -> redirect(nd, buf, dp, "redirect ", " to net ");
                    case 1 -> redirect(nd, buf, dp, "redirect ", " to host ");
                    case 2 -> redirect(nd, buf, dp, "redirect-tos ", " to net ");
                    case 3 -> redirect(nd, buf, dp, "redirect-tos ", " to host ");
                    default -> {
                        buf.append("redirect-#").append(code).append(' ');
                        Names.ipaddr(buf, nd.p, dp + 24);
                        buf.append(" to ");
                        Names.ipaddr(buf, nd.p, dp + 4);
                    }
                }
            }
            case ICMP_ROUTERADVERT -> routerAdvert(nd, buf, dp);
            case ICMP_TIMXCEED -> {
                nd.tcheck(dp + 24, 4);
                switch (code) {
                    case 0 -> buf.append("time exceeded in-transit");
                    case 1 -> buf.append("ip reassembly time exceeded");
                    default -> buf.append("time exceeded-#").append(code);
                }
            }
            case ICMP_PARAMPROB -> {
                if (code != 0) {
                    buf.append("parameter problem - code ").append(code);
                } else {
                    int pptr = nd.u8(dp + 4);
                    buf.append("parameter problem - octet ").append(pptr);
                }
            }
            case ICMP_MASKREPLY -> {
                long mask = nd.u32(dp + 8);
                buf.append("address mask is 0x");
                Names.appendHex(buf, mask, 8);
            }
            case ICMP_TSTAMP -> {
                int id = nd.u16(dp + 4);
                int seq = nd.u16(dp + 6);
                buf.append("time stamp query id ").append(id).append(" seq ").append(seq);
            }
            case ICMP_TSTAMPREPLY -> {
                nd.tcheck(dp + 16, 4);
                buf.append("time stamp reply id ").append(nd.u16(dp + 4)).append(" seq ").append(nd.u16(dp + 6))
                        .append(": org ");
                tstamp(buf, nd.u32(dp + 8));
                buf.append(", recv ");
                tstamp(buf, nd.u32(dp + 12));
                buf.append(", xmit ");
                tstamp(buf, nd.u32(dp + 16));
            }
            default -> {
                String s = typeName(type);
                if (s == null) {
                    buf.append("type-#").append(type);
                } else {
                    buf.append(s);
                }
            }
        }
        out.append("ICMP ").append(buf).append(", length ").append(plen);
        if (nd.vflag > 0 && !fragmented) {
            if (nd.ttest(bp, plen)) {
                int sum = Checksum.cksum(nd.p, bp, plen);
                if (sum != 0) {
                    int icmpSum = nd.u16(dp + 2);
                    out.append(" (wrong icmp cksum ");
                    nd.hex(icmpSum);
                    out.append(" (->");
                    nd.hex(Checksum.shouldBe(icmpSum, sum));
                    out.append(")!)");
                }
            }
        }
        boolean errType = type == ICMP_UNREACH || type == ICMP_SOURCEQUENCH || type == ICMP_REDIRECT
                || type == ICMP_TIMXCEED || type == ICMP_PARAMPROB;
        if (nd.vflag >= 1 && errType) {
            int qip = bp + 8;
            out.append("\n\t");
            int saved = nd.snapend;
            nd.snapend = (int) Math.min((long) qip + nd.u16(qip + 2), saved);
            // the length is read again under the new snapshot end, as tcpdump does
            IpPrinter.ipPrint(nd, qip, nd.u16(qip + 2));
            nd.snapend = saved;
        }
        nd.protocol = "icmp";
        boolean multipartType = type == ICMP_UNREACH || type == ICMP_TIMXCEED || type == ICMP_PARAMPROB;
        if (nd.vflag >= 1 && plen > ICMP_EXTD_MINLEN && multipartType) {
            multipart(nd, dp, plen);
        }
    }

    private static void redirect(Dissector nd, StringBuilder buf, int dp, String head, String to) {
        buf.append(head);
        Names.ipaddr(buf, nd.p, dp + 24);
        buf.append(to);
        Names.ipaddr(buf, nd.p, dp + 4);
    }

    private static void unreach(Dissector nd, StringBuilder out, int dp, int code) {
        switch (code) {
            case 0 -> {
                out.append("net ");
                dstOfQuoted(nd, out, dp);
                out.append(" unreachable");
            }
            case 1 -> {
                out.append("host ");
                dstOfQuoted(nd, out, dp);
                out.append(" unreachable");
            }
            case 2 -> {
                nd.check(dp + 24, 4);
                int proto = nd.u8(dp + 17);
                Names.ipaddr(out, nd.p, dp + 24);
                out.append(" protocol ").append(proto).append(" unreachable");
            }
            case 3 -> {
                nd.tcheck(dp + 17, 1);
                int oip = dp + 8;
                int hlen = (nd.u8(oip) & 0x0f) * 4;
                int dport = nd.u16(oip + hlen + 2);
                int proto = nd.u8(oip + 9);
                nd.check(oip + 16, 4);
                Names.ipaddr(out, nd.p, oip + 16);
                switch (proto) {
                    case IpPrinter.IPPROTO_TCP -> {
                        out.append(" tcp port ");
                        Names.tcpPort(out, dport, nd.numeric);
                        out.append(" unreachable");
                    }
                    case IpPrinter.IPPROTO_UDP -> {
                        out.append(" udp port ");
                        Names.udpPort(out, dport, nd.numeric);
                        out.append(" unreachable");
                    }
                    default -> out.append(" protocol ").append(proto).append(" port ").append(dport)
                            .append(" unreachable");
                }
            }
            case 4 -> {
                int mtu = nd.u16(dp + 6);
                dstOfQuoted(nd, out, dp);
                if (mtu != 0) {
                    out.append(" unreachable - need to frag (mtu ").append(mtu).append(')');
                } else {
                    out.append(" unreachable - need to frag");
                }
            }
            case 5 -> {
                dstOfQuoted(nd, out, dp);
                out.append(" unreachable - source route failed");
            }
            case 6 -> {
                out.append("net ");
                dstOfQuoted(nd, out, dp);
                out.append(" unreachable - unknown");
            }
            case 7 -> {
                out.append("host ");
                dstOfQuoted(nd, out, dp);
                out.append(" unreachable - unknown");
            }
            case 8 -> {
                dstOfQuoted(nd, out, dp);
                out.append(" unreachable - source host isolated");
            }
            case 9 -> {
                out.append("net ");
                dstOfQuoted(nd, out, dp);
                out.append(" unreachable - admin prohibited");
            }
            case 10 -> {
                out.append("host ");
                dstOfQuoted(nd, out, dp);
                out.append(" unreachable - admin prohibited");
            }
            case 11 -> {
                out.append("net ");
                dstOfQuoted(nd, out, dp);
                out.append(" unreachable - tos prohibited");
            }
            case 12 -> {
                out.append("host ");
                dstOfQuoted(nd, out, dp);
                out.append(" unreachable - tos prohibited");
            }
            case 13 -> {
                out.append("host ");
                dstOfQuoted(nd, out, dp);
                out.append(" unreachable - admin prohibited filter");
            }
            case 14 -> {
                out.append("host ");
                dstOfQuoted(nd, out, dp);
                out.append(" unreachable - host precedence violation");
            }
            case 15 -> {
                out.append("host ");
                dstOfQuoted(nd, out, dp);
                out.append(" unreachable - precedence cutoff");
            }
            default -> {
                dstOfQuoted(nd, out, dp);
                out.append(" unreachable - #").append(code);
            }
        }
    }

    /** The router advertisement body (RFC 1256). */
    private static void routerAdvert(Dissector nd, StringBuilder out, int dp) {
        out.append("router advertisement");
        nd.tcheck(dp + 4, 4);
        out.append(" lifetime ");
        int lifetime = nd.u16(dp + 6);
        if (lifetime < 60) {
            out.append(lifetime);
        } else if (lifetime < 3600) {
            out.append(lifetime / 60).append(':');
            Names.appendDec(out, lifetime % 60, 2);
        } else {
            out.append(lifetime / 3600).append(':');
            Names.appendDec(out, (lifetime % 3600) / 60, 2);
            out.append(':');
            Names.appendDec(out, lifetime % 60, 2);
        }
        int num = nd.u8(dp + 4);
        out.append(' ').append(num).append(':');
        int size = nd.u8(dp + 5);
        if (size != 2) {
            out.append(" [size ").append(size).append(']');
            return;
        }
        int idp = dp + 8;
        while (num > 0) {
            nd.tcheck(idp, 8);
            out.append(" {");
            Names.ipaddr(out, nd.p, idp);
            out.append(' ').append(nd.u32(idp + 4)).append('}');
            idp += 8;
            num--;
        }
    }

    /** icmp_tstamp_print(): milliseconds since midnight UTC as hh:mm:ss.mmm (hours not wrapped). */
    private static void tstamp(StringBuilder out, long tstamp) {
        long msec = tstamp % 1000;
        long sec = tstamp / 1000;
        long min = sec / 60;
        sec -= min * 60;
        long hrs = min / 60;
        min -= hrs * 60;
        Names.appendDec(out, hrs, 2);
        out.append(':');
        Names.appendDec(out, min, 2);
        out.append(':');
        Names.appendDec(out, sec, 2);
        out.append('.');
        Names.appendDec(out, msec, 3);
    }

    /** RFC 4884 multi-part extensions after the 128-byte original datagram. */
    private static void multipart(Dissector nd, int dp, int plen) {
        StringBuilder out = nd.out;
        nd.tcheck(dp, ICMP_EXT_T_SIZE);
        int ext = dp + 8 + 128;
        if (nd.u8(dp + 5) == 0 && nd.ttest(ext, plen - ICMP_EXTD_MINLEN)) {
            if (Checksum.cksum(nd.p, ext, plen - ICMP_EXTD_MINLEN) != 0) {
                return;
            }
        }
        int version = (nd.p[ext] & 0xf0) >> 4;
        out.append("\n\tICMP Multi-Part extension v").append(version);
        if (version != 2) {
            out.append(" packet not supported");
            return;
        }
        int hlen = plen - ICMP_EXTD_MINLEN;
        if (nd.ttest(ext, hlen)) {
            out.append(", checksum 0x");
            Names.appendHex(out, nd.u16(ext + 2), 4);
            out.append(" (").append(Checksum.cksum(nd.p, ext, hlen) != 0 ? "in" : "").append("correct), length ")
                    .append(hlen);
        }
        hlen -= 4;
        int obj = ext + 4;
        while (hlen > 4) {
            nd.tcheck(obj, 4);
            int objTlen = nd.u16(obj);
            int classNum = nd.u8(obj + 2);
            int ctype = nd.u8(obj + 3);
            obj += 4;
            String name = switch (classNum) {
                case 1 -> "MPLS Stack Entry";
                case 2 -> "Interface Identification";
                default -> "unknown";
            };
            out.append("\n\t  ").append(name).append(" Object (").append(classNum).append("), Class-Type: ")
                    .append(ctype).append(", length ").append(objTlen);
            hlen -= 4;
            if (classNum == 0 || objTlen < 4) {
                return;
            }
            objTlen -= 4;
            if (classNum == 1 && ctype == 1) {
                long raw = nd.u32(obj);
                out.append("\n\t    label ").append((raw >> 12) & 0xfffff).append(", tc ").append((raw >> 9) & 7);
                if (((raw >> 8) & 1) != 0) {
                    out.append(", [S]");
                }
                out.append(", ttl ").append(raw & 0xff);
            } else {
                HexDump.unknownData(nd, obj, "\n\t    ", objTlen);
            }
            if (hlen < objTlen) {
                break;
            }
            hlen -= objTlen;
            obj += objTlen;
        }
    }
}
