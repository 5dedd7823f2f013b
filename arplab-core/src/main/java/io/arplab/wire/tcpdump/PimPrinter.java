package io.arplab.wire.tcpdump;

/** print-pim.c: PIM version 2 (RFC 7761, 5015, 3973), IP protocol 103; PIMv1 comes inside IGMP. */
final class PimPrinter {
    static final int IPPROTO_PIM = 103;
    private static final int UNICAST = 0;
    private static final int GROUP = 1;
    private static final int SOURCE = 2;
    private static final String[] TYPES = {"Hello", "Register", "Register Stop", "Join / Prune", "Bootstrap",
        "Assert", "Graft", "Graft Acknowledgement", "Candidate RP Advertisement", "Prune Refresh", "DF Election",
        "ECMP Redirect"};

    private PimPrinter() {}

    /** A pimv2_addr_print() that failed: "goto trunc". */
    private static final class Fail extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Fail INSTANCE = new Fail();

        private Fail() {
            super("pim", null, false, false);
        }
    }

    /** pim_print(). */
    static void pimPrint(Dissector nd, int bp, int len, int ip) {
        nd.protocol = "pim";
        StringBuilder out = nd.out;
        int typever = nd.u8(bp);
        int ver = typever >> 4;
        int type = typever & 0x0f;
        String name = type < TYPES.length ? TYPES[type] : "Unknown Type";
        if (ver != 2) {
            out.append("PIMv").append(ver).append(", length ").append(len);
            return;
        }
        if (nd.vflag == 0) {
            out.append("PIMv2, ").append(name).append(", length ").append(len);
            return;
        }
        out.append("PIMv2, length ").append(len).append("\n\t").append(name);
        try {
            v2(nd, bp, len, ip);
        } catch (Fail | TruncLabel f) {
            nd.trunc();
        }
    }

    /** pimv2_addr_print(): the bytes it took; throws {@link Fail} where it returns -1. */
    private static int addr(Dissector nd, int bp, long len, int at, int addrLen) {
        int hdrlen;
        boolean v4;
        if (addrLen == 0) {
            if (len < 2) {
                throw Fail.INSTANCE;
            }
            int af = nd.u8(bp);
            if (af != 1 && af != 2) {
                throw Fail.INSTANCE;
            }
            v4 = af == 1;
            addrLen = v4 ? 4 : 16;
            if (nd.u8(bp + 1) != 0) {
                throw Fail.INSTANCE;
            }
            hdrlen = 2;
        } else {
            if (addrLen != 4 && addrLen != 16) {
                throw Fail.INSTANCE;
            }
            v4 = addrLen == 4;
            hdrlen = 0;
        }
        bp += hdrlen;
        len -= hdrlen;
        StringBuilder out = nd.out;
        if (at == UNICAST) {
            if (len < addrLen || !nd.ttest(bp, addrLen)) {
                throw Fail.INSTANCE;
            }
            if (v4) {
                Names.ipaddr(out, nd.p, bp);
            } else {
                Names.ip6addr(out, nd.p, bp);
            }
            return hdrlen + addrLen;
        }
        if (len < addrLen + 2 || !nd.ttest(bp, addrLen + 2)) {
            throw Fail.INSTANCE;
        }
        if (v4) {
            Names.ipaddr(out, nd.p, bp + 2);
        } else {
            Names.ip6addr(out, nd.p, bp + 2);
        }
        int mask = nd.u8(bp + 1);
        if (mask != (v4 ? 32 : 128)) {
            out.append('/').append(mask);
        }
        int flags = nd.u8(bp);
        if (flags != 0) {
            if (at == GROUP) {
                out.append("(0x");
                nd.hex2(flags);
                out.append(')');
            } else {
                out.append('(').append((flags & 4) != 0 ? "S" : "").append((flags & 2) != 0 ? "W" : "")
                        .append((flags & 1) != 0 ? "R" : "");
                if ((flags & 0xf8) != 0) {
                    out.append("+0x");
                    nd.hex2(flags & 0xf8);
                }
                out.append(')');
            }
        }
        return hdrlen + 2 + addrLen;
    }

    /** pimv2_check_checksum(): 1 correct, 0 incorrect, -1 unverified. */
    private static int checksum(Dissector nd, int bp, int ip, int len) {
        if (!nd.ttest(bp, len)) {
            return -1;
        }
        int v = (nd.p[ip] & 0xf0) >> 4;
        if (v == 4) {
            return Checksum.cksum(nd.p, bp, len) == 0 ? 1 : 0;
        } else if (v == 6) {
            return Ip6Printer.nextproto6Cksum(nd, ip, bp, len, len, IPPROTO_PIM) == 0 ? 1 : 0;
        }
        return -1;
    }

    private static void need(long len, int n) {
        if (len < n) {
            throw Fail.INSTANCE;
        }
    }

    /** pimv2_print(). */
    private static void v2(Dissector nd, int bp, int length, int ip) {
        nd.protocol = "pimv2";
        StringBuilder out = nd.out;
        long len = length & 0xffffffffL;
        int pim = bp;
        if (len < 2) {
            out.append("[length ").append(len).append(" < 2]");
            nd.invalid();
            return;
        }
        int typever = nd.u8(pim);
        int addrLen = nd.u8(pim + 1) & 0x0f;
        if (addrLen != 0) {
            out.append(", RFC2117-encoding");
        }
        if (len < 4) {
            out.append("[length ").append(len).append(" < 4]");
            nd.invalid();
            return;
        }
        int cksum = nd.u16(pim + 2);
        out.append(", cksum 0x");
        nd.hex4(cksum);
        out.append(' ');
        int type = typever & 0x0f;
        if (cksum == 0) {
            out.append("(unverified)");
        } else {
            int status;
            if (type == 1) {
                status = checksum(nd, bp, ip, 8);
                if (status == 0) {
                    status = checksum(nd, bp, ip, length);
                }
            } else {
                status = checksum(nd, bp, ip, length);
            }
            out.append(status == 1 ? "(correct)" : status == 0 ? "(incorrect)" : "(unverified)");
        }
        bp += 4;
        len -= 4;
        int advance;
        switch (type) {
            case 0 -> {
                while (len > 0) {
                    need(len, 4);
                    int otype = nd.u16(bp);
                    int olen = nd.u16(bp + 2);
                    out.append("\n\t  ").append(helloOption(otype)).append(" Option (").append(otype)
                            .append("), length ").append(olen).append(", Value: ");
                    bp += 4;
                    len -= 4;
                    need(len, olen);
                    nd.tcheck(bp, olen);
                    switch (otype) {
                        case 1 -> {
                            if (olen != 2) {
                                badLength(nd, olen, 2);
                                return;
                            }
                            DnsPrinter.relts(out, nd.u16(bp));
                        }
                        case 2 -> {
                            if (olen != 4) {
                                badLength(nd, olen, 4);
                                return;
                            }
                            int lanDelay = nd.u16(bp);
                            int override = nd.u16(bp + 2);
                            out.append("\n\t    T-bit=").append((lanDelay & 0x8000) != 0 ? 1 : 0).append(", LAN delay ")
                                    .append(lanDelay & 0x7fff).append("ms, Override interval ").append(override)
                                    .append("ms");
                        }
                        case 18, 19 -> {
                            if (olen == 0) {
                                out.append("Bi-Directional Capability (Old)");
                            } else if (olen == 4) {
                                out.append(nd.u32(bp));
                            } else {
                                badLength(nd, olen, 4);
                                return;
                            }
                        }
                        case 20 -> {
                            if (olen != 4) {
                                badLength(nd, olen, 4);
                                return;
                            }
                            out.append("0x");
                            Names.appendHex(out, nd.u32(bp), 8);
                        }
                        case 21 -> {
                            if (olen != 4) {
                                badLength(nd, olen, 4);
                                return;
                            }
                            out.append('v').append(nd.u8(bp));
                            if (nd.u8(bp + 1) != 0) {
                                out.append(", interval ");
                                DnsPrinter.relts(out, nd.u8(bp + 1));
                            }
                            if (nd.u16(bp + 2) != 0) {
                                out.append(" ?0x");
                                nd.hex4(nd.u16(bp + 2));
                                out.append('?');
                            }
                        }
                        case 22 -> { }
                        case 24, 65001 -> {
                            if (nd.vflag > 1) {
                                int ptr = bp;
                                long plen = len;
                                while (ptr < bp + olen) {
                                    out.append("\n\t    ");
                                    advance = addr(nd, ptr, plen, UNICAST, addrLen);
                                    ptr += advance;
                                    plen -= advance;
                                }
                            }
                        }
                        default -> {
                            if (nd.vflag <= 1) {
                                HexDump.unknownData(nd, bp, "\n\t    ", olen);
                            }
                        }
                    }
                    if (nd.vflag > 1) {
                        HexDump.unknownData(nd, bp, "\n\t    ", olen);
                    }
                    bp += olen;
                    len -= olen;
                }
            }
            case 1 -> {
                need(len, 4);
                nd.tcheck(bp, 4);
                long flags = nd.u32(bp);
                out.append(", Flags [ ").append(flags == 0x80000000L ? "Border" : flags == 0x40000000L ? "Null"
                        : "none").append(" ]\n\t");
                bp += 4;
                len -= 4;
                need(len, 1);
                int v = nd.u8(bp) >> 4;
                switch (v) {
                    case 0 -> {
                        out.append("IP-Null-header ");
                        nd.check(bp + 12, 4);
                        Names.ipaddr(out, nd.p, bp + 12);
                        out.append(" > ");
                        nd.check(bp + 16, 4);
                        Names.ipaddr(out, nd.p, bp + 16);
                    }
                    case 4 -> IpPrinter.ipPrint(nd, bp, (int) len);
                    case 6 -> Ip6Printer.ip6Print(nd, bp, (int) len);
                    default -> out.append("IP ver ").append(v);
                }
            }
            case 2 -> {
                out.append(" group=");
                advance = addr(nd, bp, len, GROUP, addrLen);
                bp += advance;
                len -= advance;
                out.append(" source=");
                addr(nd, bp, len, UNICAST, addrLen);
            }
            case 3, 6, 7 -> {
                if (type != 7) {
                    out.append(", upstream-neighbor: ");
                    advance = addr(nd, bp, len, UNICAST, addrLen);
                    bp += advance;
                    len -= advance;
                }
                need(len, 4);
                nd.tcheck(bp, 4);
                int ngroup = nd.u8(bp + 1);
                int holdtime = nd.u16(bp + 2);
                out.append("\n\t  ").append(ngroup).append(" group(s)");
                if (type != 7) {
                    out.append(", holdtime: ");
                    if (holdtime == 0xffff) {
                        out.append("infinite");
                    } else {
                        DnsPrinter.relts(out, holdtime);
                    }
                }
                bp += 4;
                len -= 4;
                for (int i = 0; i < ngroup; i++) {
                    out.append("\n\t    group #").append(i + 1).append(": ");
                    advance = addr(nd, bp, len, GROUP, addrLen);
                    bp += advance;
                    len -= advance;
                    need(len, 4);
                    nd.tcheck(bp, 4);
                    int njoin = nd.u16(bp);
                    int nprune = nd.u16(bp + 2);
                    out.append(", joined sources: ").append(njoin).append(", pruned sources: ").append(nprune);
                    bp += 4;
                    len -= 4;
                    for (int j = 0; j < njoin; j++) {
                        out.append("\n\t      joined source #").append(j + 1).append(": ");
                        advance = addr(nd, bp, len, SOURCE, addrLen);
                        bp += advance;
                        len -= advance;
                    }
                    for (int j = 0; j < nprune; j++) {
                        out.append("\n\t      pruned source #").append(j + 1).append(": ");
                        advance = addr(nd, bp, len, SOURCE, addrLen);
                        bp += advance;
                        len -= advance;
                    }
                }
            }
            case 4 -> {
                need(len, 2);
                int tag = nd.u16(bp);
                out.append(" tag=");
                Names.appendHex(out, tag);
                bp += 2;
                len -= 2;
                need(len, 1);
                out.append(" hashmlen=" + nd.u8(bp));
                need(len, 2);
                nd.tcheck(bp + 2, 1);
                out.append(" BSRprio=" + nd.u8(bp + 1));
                bp += 2;
                len -= 2;
                out.append(" BSR=");
                advance = addr(nd, bp, len, UNICAST, addrLen);
                bp += advance;
                len -= advance;
                for (int i = 0; len > 0; i++) {
                    out.append(" (group").append(i).append(": ");
                    advance = addr(nd, bp, len, GROUP, addrLen);
                    bp += advance;
                    len -= advance;
                    need(len, 1);
                    out.append(" RPcnt=" + nd.u8(bp));
                    need(len, 2);
                    int frpcnt = nd.u8(bp + 1);
                    out.append(" FRPcnt=").append(frpcnt);
                    need(len, 4);
                    bp += 4;
                    len -= 4;
                    for (int j = 0; j < frpcnt && len > 0; j++) {
                        out.append(" RP").append(j).append('=');
                        advance = addr(nd, bp, len, UNICAST, addrLen);
                        bp += advance;
                        len -= advance;
                        need(len, 2);
                        out.append(",holdtime=");
                        DnsPrinter.relts(out, nd.u16(bp));
                        need(len, 3);
                        out.append(",prio=" + nd.u8(bp + 2));
                        need(len, 4);
                        bp += 4;
                        len -= 4;
                    }
                    out.append(')');
                }
            }
            case 5 -> {
                out.append(" group=");
                advance = addr(nd, bp, len, GROUP, addrLen);
                bp += advance;
                len -= advance;
                out.append(" src=");
                advance = addr(nd, bp, len, UNICAST, addrLen);
                bp += advance;
                len -= advance;
                need(len, 8);
                nd.tcheck(bp, 8);
                if ((nd.u8(bp) & 0x80) != 0) {
                    out.append(" RPT");
                }
                out.append(" pref=").append(nd.u32(bp) & 0x7fffffffL);
                out.append(" metric=" + nd.u32(bp + 4));
            }
            case 8 -> {
                need(len, 1);
                int pfxcnt = nd.u8(bp);
                out.append(" prefix-cnt=").append(pfxcnt);
                need(len, 2);
                out.append(" prio=" + nd.u8(bp + 1));
                need(len, 4);
                out.append(" holdtime=");
                DnsPrinter.relts(out, nd.u16(bp + 2));
                bp += 4;
                len -= 4;
                out.append(" RP=");
                advance = addr(nd, bp, len, UNICAST, addrLen);
                bp += advance;
                len -= advance;
                for (int i = 0; i < pfxcnt && len > 0; i++) {
                    out.append(" Group").append(i).append('=');
                    advance = addr(nd, bp, len, GROUP, addrLen);
                    bp += advance;
                    len -= advance;
                }
            }
            case 9 -> {
                out.append(" src=");
                advance = addr(nd, bp, len, UNICAST, addrLen);
                bp += advance;
                len -= advance;
                out.append(" grp=");
                advance = addr(nd, bp, len, GROUP, addrLen);
                bp += advance;
                len -= advance;
                out.append(" forwarder=");
                advance = addr(nd, bp, len, UNICAST, addrLen);
                bp += advance;
                len -= advance;
                need(len, 2);
                out.append(" TUNR ");
                DnsPrinter.relts(out, nd.u16(bp));
            }
            case 10 -> {
                int subtype = nd.u8(pim + 1) >> 4;
                out.append("\n\t  ").append(switch (subtype) {
                    case 1 -> "Offer";
                    case 2 -> "Winner";
                    case 3 -> "Backoff";
                    case 4 -> "Pass";
                    default -> "Unknown";
                }).append(',');
                out.append(" rpa=");
                advance = addr(nd, bp, len, UNICAST, addrLen);
                bp += advance;
                len -= advance;
                out.append(" sender pref=" + nd.u32(bp));
                out.append(" sender metric=" + nd.u32(bp + 4));
                bp += 8;
                len -= 8;
                if (subtype == 3 || subtype == 4) {
                    String what = subtype == 3 ? "offer" : "new winner";
                    out.append("\n\t  ").append(what).append(" addr=");
                    advance = addr(nd, bp, len, UNICAST, addrLen);
                    bp += advance;
                    len -= advance;
                    long pref = nd.u32(bp);
                    out.append(' ').append(what).append(" pref=").append(pref);
                    long metric = nd.u32(bp + 4);
                    out.append(' ').append(what).append(" metric=").append(metric);
                    bp += 8;
                    if (subtype == 3) {
                        out.append(" interval " + nd.u16(bp)).append("ms");
                    }
                }
            }
            default -> out.append(" [type ").append(type).append(']');
        }
    }

    private static void badLength(Dissector nd, int olen, int want) {
        nd.out.append("[option length ").append(olen).append(" != ").append(want).append(']');
        nd.invalid();
    }

    private static String helloOption(int t) {
        return switch (t) {
            case 1 -> "Hold Time";
            case 2 -> "LAN Prune Delay";
            case 18 -> "DR Priority (Old)";
            case 19 -> "DR Priority";
            case 20 -> "Generation ID";
            case 21 -> "State Refresh Capability";
            case 22 -> "Bi-Directional Capability";
            case 24 -> "Address List";
            case 65001 -> "Address List (Old)";
            default -> "Unknown";
        };
    }
}
