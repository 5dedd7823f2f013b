package io.arplab.wire.tcpdump;

/** print-domain.c: DNS messages (UDP port 53 and mDNS). */
final class DnsPrinter {
    private static final int C_IN = 1;
    private static final int C_QU = 0x8000;
    private static final int C_CACHE_FLUSH = 0x8000;
    private static final int T_OPT = 41;

    private static final String[] NS_OPS = {"", " inv_q", " stat", " op3", " notify", " update", " op6", " op7",
        " op8", " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef"};
    private static final String[] NS_RESP = {"", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused",
        " YXDomain", " YXRRSet", " NXRRSet", " NotAuth", " NotZone", " Resp11", " Resp12", " Resp13", " Resp14",
        " NoChange", " BadVers", "Resp17", " Resp18", " Resp19", " Resp20", "Resp21", " Resp22", " BadCookie"};

    private DnsPrinter() {}

    /** ns_type2str as built into tcpdump 4.99.3; null when it prints "TypeN". */
    static String type(int t) {
        return switch (t) {
            case 1 -> "A";
            case 2 -> "NS";
            case 3 -> "MD";
            case 4 -> "MF";
            case 5 -> "CNAME";
            case 6 -> "SOA";
            case 7 -> "MB";
            case 8 -> "MG";
            case 9 -> "MR";
            case 10 -> "NULL";
            case 11 -> "WKS";
            case 12 -> "PTR";
            case 13 -> "HINFO";
            case 14 -> "MINFO";
            case 15 -> "MX";
            case 16 -> "TXT";
            case 17 -> "RP";
            case 18 -> "AFSDB";
            case 19 -> "X25";
            case 20 -> "ISDN";
            case 21 -> "RT";
            case 22 -> "NSAP";
            case 23 -> "NSAP_PTR";
            case 24 -> "SIG";
            case 25 -> "KEY";
            case 26 -> "PX";
            case 27 -> "GPOS";
            case 28 -> "AAAA";
            case 29 -> "LOC";
            case 30 -> "NXT";
            case 31 -> "EID";
            case 32 -> "NIMLOC";
            case 33 -> "SRV";
            case 34 -> "ATMA";
            case 35 -> "NAPTR";
            case 36 -> "KX";
            case 37 -> "CERT";
            case 38 -> "A6";
            case 39 -> "DNAME";
            case 40 -> "SINK";
            case 41 -> "OPT";
            case 42 -> "APL";
            case 43 -> "DS";
            case 44 -> "SSHFP";
            case 45 -> "IPSECKEY";
            case 46 -> "RRSIG";
            case 47 -> "NSEC";
            case 48 -> "DNSKEY";
            case 99 -> "SPF";
            case 100 -> "UINFO";
            case 101 -> "UID";
            case 102 -> "GID";
            case 103 -> "UNSPEC";
            case 104 -> "UNSPECA";
            case 249 -> "TKEY";
            case 250 -> "TSIG";
            case 251 -> "IXFR";
            case 252 -> "AXFR";
            case 253 -> "MAILB";
            case 254 -> "MAILA";
            case 255 -> "ANY";
            case 256 -> "URI";
            default -> null;
        };
    }

    private static void typeName(StringBuilder out, int t) {
        String s = type(t);
        if (s == null) {
            out.append("Type").append(t);
        } else {
            out.append(s);
        }
    }

    private static void className(StringBuilder out, int c) {
        switch (c) {
            case 1 -> out.append("IN");
            case 3 -> out.append("CHAOS");
            case 4 -> out.append("HS");
            case 255 -> out.append("ANY");
            default -> out.append("(Class ").append(c).append(')');
        }
    }

    /** ns_qprint(): one question. */
    private static int qprint(Dissector nd, int cp, int bp, boolean mdns) {
        StringBuilder out = nd.out;
        int np = cp;
        cp = DnsNames.nskip(nd, cp);
        if (cp == -1 || !nd.ttest(cp, 4)) {
            return -1;
        }
        int i = nd.u16(cp);
        cp += 2;
        out.append(' ');
        typeName(out, i);
        i = nd.u16(cp);
        cp += 2;
        int cls = mdns ? (i & ~C_QU) : i;
        if (cls != C_IN) {
            out.append(' ');
            className(out, cls);
        }
        if (mdns) {
            out.append((i & C_QU) != 0 ? " (QU)" : " (QM)");
        }
        out.append("? ");
        cp = DnsNames.fqdnPrint(nd, np, bp);
        return cp == -1 ? -1 : cp + 4;
    }

    /** ns_rprint(): one resource record. */
    private static int rprint(Dissector nd, int cp, int bp, boolean mdns) {
        StringBuilder out = nd.out;
        if (nd.vflag > 0) {
            out.append(' ');
            cp = DnsNames.fqdnPrint(nd, cp, bp);
            if (cp == -1) {
                return -1;
            }
        } else {
            cp = DnsNames.nskip(nd, cp);
        }
        if (cp == -1 || !nd.ttest(cp, 10)) {
            return nd.snapend;
        }
        int typ = nd.u16(cp);
        cp += 2;
        int i = nd.u16(cp);
        cp += 2;
        int cls = mdns ? (i & ~C_CACHE_FLUSH) : i;
        if (cls != C_IN && typ != T_OPT) {
            out.append(' ');
            className(out, cls);
        }
        if (mdns && (i & C_CACHE_FLUSH) != 0) {
            out.append(" (Cache flush)");
        }
        int optFlags = 0;
        if (typ == T_OPT) {
            cp += 2;
            optFlags = nd.u16(cp);
            cp += 2;
        } else if (nd.vflag > 2) {
            out.append(" [");
            relts(out, nd.u32(cp));
            out.append(']');
            cp += 4;
        } else {
            cp += 4;
        }
        int len = nd.u16(cp);
        cp += 2;
        int rp = cp + len;
        out.append(' ');
        typeName(out, typ);
        if (rp > nd.snapend) {
            return -1;
        }
        switch (typ) {
            case 1 -> {
                if (!nd.ttest(cp, 4)) {
                    return -1;
                }
                out.append(' ');
                Names.ipaddr(out, nd.p, cp);
            }
            case 2, 5, 12, 39 -> {
                out.append(' ');
                if (DnsNames.fqdnPrint(nd, cp, bp) == -1) {
                    return -1;
                }
            }
            case 6 -> {
                if (nd.vflag == 0) {
                    break;
                }
                out.append(' ');
                cp = DnsNames.fqdnPrint(nd, cp, bp);
                if (cp == -1) {
                    return -1;
                }
                out.append(' ');
                cp = DnsNames.fqdnPrint(nd, cp, bp);
                if (cp == -1) {
                    return -1;
                }
                if (!nd.ttest(cp, 20)) {
                    return -1;
                }
                for (int k = 0; k < 5; k++) {
                    out.append(' ').append(nd.u32(cp));
                    cp += 4;
                }
            }
            case 15 -> {
                out.append(' ');
                if (!nd.ttest(cp, 2)) {
                    return -1;
                }
                if (DnsNames.fqdnPrint(nd, cp + 2, bp) == -1) {
                    return -1;
                }
                out.append(' ').append(nd.u16(cp));
            }
            case 16 -> {
                while (cp < rp) {
                    out.append(" \"");
                    cp = DnsNames.cprint(nd, cp);
                    if (cp == -1) {
                        return -1;
                    }
                    out.append('"');
                }
            }
            case 33 -> {
                out.append(' ');
                if (!nd.ttest(cp, 6)) {
                    return -1;
                }
                if (DnsNames.fqdnPrint(nd, cp + 6, bp) == -1) {
                    return -1;
                }
                out.append(':').append(nd.u16(cp + 4)).append(' ').append(nd.u16(cp)).append(' ')
                        .append(nd.u16(cp + 2));
            }
            case 28 -> {
                if (!nd.ttest(cp, 16)) {
                    return -1;
                }
                out.append(' ');
                Names.ip6addr(out, nd.p, cp);
            }
            case 38 -> {
                if (!nd.ttest(cp, 1)) {
                    return -1;
                }
                int pbit = nd.u8(cp);
                int pbyte = (pbit & ~7) / 8;
                if (pbit > 128) {
                    out.append(' ').append(pbit).append("(bad plen)");
                    break;
                } else if (pbit < 128) {
                    byte[] a = new byte[16];
                    nd.check(cp + 1, 16 - pbyte);
                    System.arraycopy(nd.p, cp + 1, a, pbyte, 16 - pbyte);
                    out.append(' ').append(pbit).append(' ');
                    Names.ip6addr(out, a, 0);
                }
                if (pbit > 0) {
                    out.append(' ');
                    if (DnsNames.fqdnPrint(nd, cp + 1 + 16 - pbyte, bp) == -1) {
                        return -1;
                    }
                }
            }
            case 256 -> {
                if (!nd.ttest(cp, len)) {
                    return -1;
                }
                out.append(' ').append(nd.u16(cp)).append(' ').append(nd.u16(cp + 2)).append(' ');
                if (nd.printn(cp + 4, (len - 4) & 0xffffffffL)) {
                    return -1;
                }
            }
            case T_OPT -> {
                out.append(" UDPsize=").append(cls);
                if ((optFlags & 0x8000) != 0) {
                    out.append(" DO");
                }
                if (cp < rp) {
                    out.append(" [");
                    while (cp < rp) {
                        cp = DnsEdns.eoptPrint(nd, cp);
                        if (cp == -1) {
                            return -1;
                        }
                        if (cp < rp) {
                            out.append(',');
                        }
                    }
                    out.append(']');
                }
            }
            case 250 -> {
                if (cp + len > nd.snapend) {
                    return -1;
                }
                if (nd.vflag == 0) {
                    break;
                }
                out.append(' ');
                cp = DnsNames.fqdnPrint(nd, cp, bp);
                if (cp == -1) {
                    return -1;
                }
                cp += 6;
                if (!nd.ttest(cp, 2)) {
                    return -1;
                }
                out.append(" fudge=").append(nd.u16(cp));
                cp += 2;
                if (!nd.ttest(cp, 2)) {
                    return -1;
                }
                out.append(" maclen=").append(nd.u16(cp));
                cp += 2 + nd.u16(cp);
                if (!nd.ttest(cp, 2)) {
                    return -1;
                }
                out.append(" origid=").append(nd.u16(cp));
                cp += 2;
                if (!nd.ttest(cp, 2)) {
                    return -1;
                }
                out.append(" error=").append(nd.u16(cp));
                cp += 2;
                if (!nd.ttest(cp, 2)) {
                    return -1;
                }
                out.append(" otherlen=").append(nd.u16(cp));
            }
            default -> { }
        }
        return rp;
    }

    private static final long[] RELTS_SECONDS = {31536000, 604800, 86400, 3600, 60, 1};
    private static final String[] RELTS_UNITS = {"y", "w", "d", "h", "m", "s"};

    /** unsigned_relts_print(): 1y1w1d1h1m1s. */
    static void relts(StringBuilder out, long secs) {
        if (secs == 0) {
            out.append("0s");
            return;
        }
        for (int k = 0; secs != 0; k++) {
            if (secs >= RELTS_SECONDS[k]) {
                out.append(secs / RELTS_SECONDS[k]).append(RELTS_UNITS[k]);
                secs -= (secs / RELTS_SECONDS[k]) * RELTS_SECONDS[k];
            }
        }
    }

    /** domain_print() over UDP. */
    static void domainPrint(Dissector nd, int bp, int length, boolean mdns) {
        domainPrint(nd, bp, length, false, mdns);
    }

    /** domain_print(): over TCP the message follows a two-byte length that must be the rest of the segment. */
    static void domainPrint(Dissector nd, int bp, int length, boolean overTcp, boolean mdns) {
        nd.protocol = "domain";
        StringBuilder out = nd.out;
        if (overTcp) {
            if (length < 2) {
                out.append(" [DNS over TCP: length ").append(length).append(" < 2]");
                nd.invalid();
                return;
            }
            length -= 2;
            int prefix = nd.u16(bp);
            if (prefix != length) {
                out.append(" [prefix length(").append(prefix).append(") != length(").append(length).append(")]");
                nd.invalid();
                return;
            }
            bp += 2;
            out.append(' ');
        }
        if (length < 12) {
            out.append(nd.protocol).append(" [length ").append(length).append(" < 12]");
            nd.invalid();
            return;
        }
        try {
            body(nd, bp, length, mdns);
        } catch (TruncLabel t) {
            nd.trunc();
        }
    }

    private static void body(Dissector nd, int bp, int length, boolean mdns) {
        StringBuilder out = nd.out;
        int np = bp;
        nd.tcheck(np, 12);
        int flags = nd.u16(np + 2);
        int qdcount = nd.u16(np + 4);
        int ancount = nd.u16(np + 6);
        int nscount = nd.u16(np + 8);
        int arcount = nd.u16(np + 10);

        // find the OPT record to extend the rcode
        int cp = np + 12;
        int rcode = flags & 0x000f;
        find:
        {
            for (int i = 0; i < qdcount; i++) {
                if ((cp = DnsNames.nskip(nd, cp)) == -1) {
                    break find;
                }
                cp += 4;
                if (cp >= nd.snapend) {
                    break find;
                }
            }
            for (int i = 0; i < ancount + nscount; i++) {
                if ((cp = DnsNames.nskip(nd, cp)) == -1) {
                    break find;
                }
                cp += 8;
                if (cp + 2 > nd.snapend) {
                    break find;
                }
                int rdlen = nd.u16(cp);
                cp += 2 + rdlen;
                if (cp >= nd.snapend) {
                    break find;
                }
            }
            for (int i = 0; i < arcount; i++) {
                if ((cp = DnsNames.nskip(nd, cp)) == -1) {
                    break find;
                }
                if (cp + 2 > nd.snapend) {
                    break find;
                }
                int type = nd.u16(cp);
                cp += 4;
                if (cp + 1 > nd.snapend) {
                    break find;
                }
                if (type == T_OPT) {
                    rcode |= nd.u8(cp) << 4;
                    break find;
                }
                cp += 4;
                if (cp + 2 > nd.snapend) {
                    break find;
                }
                int rdlen = nd.u16(cp);
                cp += 2 + rdlen;
                if (cp >= nd.snapend) {
                    break find;
                }
            }
        }

        if ((flags & 0x8000) != 0) {
            // a response
            out.append(nd.u16(np)).append(NS_OPS[(flags >> 11) & 0xf]);
            if (rcode < NS_RESP.length) {
                out.append(NS_RESP[rcode]);
            } else {
                out.append(" Resp").append(rcode & 0xfff);
            }
            if ((flags & 0x0400) != 0) {
                out.append('*');
            }
            if ((flags & 0x0080) == 0) {
                out.append('-');
            }
            if ((flags & 0x0200) != 0) {
                out.append('|');
            }
            if ((flags & 0x0020) != 0) {
                out.append('$');
            }
            if (qdcount != 1) {
                out.append(" [").append(qdcount).append("q]");
            }
            cp = np + 12;
            for (int i = 0; i < qdcount; i++) {
                if (i != 0) {
                    out.append(',');
                }
                if (nd.vflag > 1) {
                    out.append(" q:");
                    if ((cp = qprint(nd, cp, bp, mdns)) == -1) {
                        throw TruncLabel.INSTANCE;
                    }
                } else {
                    if ((cp = DnsNames.nskip(nd, cp)) == -1) {
                        throw TruncLabel.INSTANCE;
                    }
                    cp += 4;
                }
            }
            out.append(' ').append(ancount).append('/').append(nscount).append('/').append(arcount);
            if (ancount != 0) {
                if ((cp = rprint(nd, cp, bp, mdns)) == -1) {
                    throw TruncLabel.INSTANCE;
                }
                ancount--;
                while (cp < nd.snapend && ancount != 0) {
                    out.append(',');
                    if ((cp = rprint(nd, cp, bp, mdns)) == -1) {
                        throw TruncLabel.INSTANCE;
                    }
                    ancount--;
                }
            }
            if (ancount != 0) {
                throw TruncLabel.INSTANCE;
            }
            if (nd.vflag > 1) {
                cp = section(nd, cp, bp, mdns, nscount, " ns:");
                cp = section(nd, cp, bp, mdns, arcount, " ar:");
            }
        } else {
            // a request
            out.append(nd.u16(np)).append(NS_OPS[(flags >> 11) & 0xf]);
            if ((flags & 0x0100) != 0) {
                out.append('+');
            }
            if ((flags & 0x0010) != 0) {
                out.append('%');
            }
            int b2 = nd.u16(np + 2);
            if ((b2 & 0x6cf) != 0) {
                out.append(" [b2&3=0x");
                Names.appendHex(out, b2);
                out.append(']');
            }
            if (((flags >> 11) & 0xf) == 1) {
                if (qdcount != 0) {
                    out.append(" [").append(qdcount).append("q]");
                }
                if (ancount != 1) {
                    out.append(" [").append(ancount).append("a]");
                }
            } else {
                if (ancount != 0) {
                    out.append(" [").append(ancount).append("a]");
                }
                if (qdcount != 1) {
                    out.append(" [").append(qdcount).append("q]");
                }
            }
            if (nscount != 0) {
                out.append(" [").append(nscount).append("n]");
            }
            if (arcount != 0) {
                out.append(" [").append(arcount).append("au]");
            }
            cp = np + 12;
            if (qdcount != 0) {
                cp = qprint(nd, cp, np, mdns);
                if (cp == -1) {
                    throw TruncLabel.INSTANCE;
                }
                qdcount--;
                while (cp < nd.snapend && qdcount != 0) {
                    cp = qprint(nd, cp, np, mdns);
                    if (cp == -1) {
                        throw TruncLabel.INSTANCE;
                    }
                    qdcount--;
                }
            }
            if (qdcount != 0) {
                throw TruncLabel.INSTANCE;
            }
            if (nd.vflag > 1) {
                if (ancount != 0) {
                    if ((cp = rprint(nd, cp, bp, mdns)) == -1) {
                        throw TruncLabel.INSTANCE;
                    }
                    ancount--;
                    while (cp < nd.snapend && ancount != 0) {
                        out.append(',');
                        if ((cp = rprint(nd, cp, bp, mdns)) == -1) {
                            throw TruncLabel.INSTANCE;
                        }
                        ancount--;
                    }
                }
                if (ancount != 0) {
                    throw TruncLabel.INSTANCE;
                }
                cp = section(nd, cp, bp, mdns, nscount, " ns:");
                cp = section(nd, cp, bp, mdns, arcount, " ar:");
            }
        }
        out.append(" (").append(length).append(')');
    }

    /** The -vv authority and additional sections. */
    private static int section(Dissector nd, int cp, int bp, boolean mdns, int count, String label) {
        if (cp < nd.snapend && count != 0) {
            nd.out.append(label);
            if ((cp = rprint(nd, cp, bp, mdns)) == -1) {
                throw TruncLabel.INSTANCE;
            }
            count--;
            while (cp < nd.snapend && count != 0) {
                nd.out.append(',');
                if ((cp = rprint(nd, cp, bp, mdns)) == -1) {
                    throw TruncLabel.INSTANCE;
                }
                count--;
            }
        }
        if (count != 0) {
            throw TruncLabel.INSTANCE;
        }
        return cp;
    }
}
