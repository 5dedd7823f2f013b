package io.arplab.wire.tcpdump;

/**
 * print-ospf6.c: the OSPFv3 header (RFC 5340) over IPv6, with -v ospf6_decode_v3() (Hello's and Database
 * Description's fields; with -vv the neighbors, LSA headers, requests and each LSA of an update) and the trailer
 * (LLS, authentication). The Grace and Intra-Area-TE LSAs' TLVs (print-ospf.c's ospf_grace_lsa_print() and
 * ospf_te_lsa_print()) are printers this package does not carry.
 */
final class Ospf6Printer {
    private static final int HDRLEN = 16;
    private static final int LSA_HDRLEN = 20;
    private static final int OPTION_L = 0x0200;
    private static final int[] OPTION_BITS = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x0100, 0x0200, 0x0400};
    private static final String[] OPTION_NAMES = {"V6", "External", "Deprecated", "NSSA", "Router", "Demand Circuit",
        "AFs Support", "LLS", "Authentication Trailer"};
    private static final int[] DD_BITS = {0x04, 0x02, 0x01, 0x10};
    private static final String[] DD_NAMES = {"Init", "More", "Master", "IPv6 MTU"};
    private static final int[] RLA_BITS = {0x01, 0x02, 0x04, 0x08, 0x10};
    private static final String[] RLA_NAMES = {"ABR", "External", "Virtual-Link Endpoint", "Deprecated",
        "NSSA Translator"};
    private static final int[] ASLA_BITS = {0x80000000, 0x02000000, 0x01000000}; // ospf.h's ASLA_FLAG_EXTERNAL
    private static final String[] ASLA_NAMES = {"External Type 2", "Forwarding", "Tag"};
    private static final int[] PREFIX_BITS = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20};
    private static final String[] PREFIX_NAMES = {"No Unicast", "Local address", "Deprecated", "Propagate", "Down",
        "N-bit"};
    private static final String[] LSA_NAMES = {null, "Router", "Network", "Inter-Area Prefix", "Inter-Area Router",
        "External", "Deprecated", "NSSA", "Link", "Intra-Area Prefix", "Intra-Area TE", "Grace", "Router Information",
        "Inter-AS-TE", "Layer 1 VPN"};

    /** A walk the capture or a length cut: nd_print_trunc(). */
    private static final class Trunc extends RuntimeException {
        private static final Trunc INSTANCE = new Trunc();

        private Trunc() {
            super(null, null, false, false);
        }
    }

    private Ospf6Printer() {}

    private static String options(long v) {
        return BfdPrinter.bittok2str(OPTION_BITS, OPTION_NAMES, (int) v);
    }

    private static void addr(Dissector nd, int off) {
        nd.check(off, 4);
        Names.ipaddr(nd.out, nd.p, off);
    }

    /** ospf6_print(). */
    static void ospf6Print(Dissector nd, int bp, int length) {
        nd.protocol = "ospf3";
        StringBuilder out = nd.out;
        int t = nd.u8(bp + 1);
        String cp = switch (t) {
            case 1 -> "Hello";
            case 2 -> "Database Description";
            case 3 -> "LS-Request";
            case 4 -> "LS-Update";
            case 5 -> "LS-Ack";
            default -> null;
        };
        out.append("OSPFv").append(nd.u8(bp)).append(", ").append(cp == null ? "unknown packet type (" + t + ")" : cp)
                .append(", length ").append(length);
        if (cp == null || nd.vflag == 0) {
            return;
        }
        int datalen = nd.u16(bp + 2);
        if (datalen > length) {
            out.append(" [len ").append(datalen).append(']');
            return;
        }
        int dataend = bp + datalen;
        nd.check(bp + 4, 4);
        out.append("\n\tRouter-ID ");
        Names.ipaddr(out, nd.p, bp + 4);
        if (nd.u32(bp + 8) != 0) {
            out.append(", Area ");
            Names.ipaddr(out, nd.p, bp + 8);
        } else {
            out.append(", Backbone Area");
        }
        int instance = nd.u8(bp + 14);
        if (instance != 0) {
            out.append(", Instance ").append(instance);
        }
        if (nd.u8(bp) == 3) {
            try {
                decodeV3(nd, bp, dataend);
                trailer(nd, bp, dataend, length - datalen);
            } catch (Trunc e) {
                nd.trunc();
            }
        }
    }

    /** ospf6_decode_v3(). */
    private static void decodeV3(Dissector nd, int op, int dataend) {
        StringBuilder out = nd.out;
        int body = op + HDRLEN;
        switch (nd.u8(op + 1)) {
            case 1 -> {
                String opts = options(nd.u32(body + 4));
                out.append("\n\tOptions [").append(opts).append(']');
                int hello = nd.u16(body + 8);
                int dead = nd.u16(body + 10);
                nd.check(body, 4);
                int pri = nd.u8(body + 4);
                out.append("\n\t  Hello Timer ").append(hello).append("s, Dead Timer ").append(dead)
                        .append("s, Interface-ID ");
                Names.ipaddr(out, nd.p, body);
                out.append(", Priority ").append(pri);
                if (nd.u32(body + 12) != 0) {
                    out.append("\n\t  Designated Router ");
                    addr(nd, body + 12);
                }
                if (nd.u32(body + 16) != 0) {
                    nd.check(body + 16, 4);
                    out.append(", Backup Designated Router ");
                    Names.ipaddr(out, nd.p, body + 16);
                }
                if (nd.vflag > 1) {
                    out.append("\n\t  Neighbor List:");
                    for (int ap = body + 20; ap < dataend; ap += 4) {
                        nd.check(ap, 4);
                        out.append("\n\t    ");
                        Names.ipaddr(out, nd.p, ap);
                    }
                }
            }
            case 2 -> {
                String opts = options(nd.u32(body));
                out.append("\n\tOptions [").append(opts).append(']');
                String dd = BfdPrinter.bittok2str(DD_BITS, DD_NAMES, nd.u8(body + 7));
                out.append(", DD Flags [").append(dd).append(']');
                int mtu = nd.u16(body + 4);
                long seq = nd.u32(body + 8);
                out.append(", MTU ").append(mtu).append(", DD-Sequence 0x");
                Names.appendHex(out, seq, 8);
                if (nd.vflag > 1) {
                    for (int lsh = body + 12; lsh < dataend; lsh += LSA_HDRLEN) {
                        lshdr(nd, lsh, dataend);
                    }
                }
            }
            case 3 -> {
                if (nd.vflag > 1) {
                    for (int lsr = body; lsr < dataend; lsr += 12) {
                        if (!nd.ttest(lsr, 12)) {
                            throw Trunc.INSTANCE;
                        }
                        out.append("\n\t  Advertising Router ");
                        addr(nd, lsr + 8);
                        lsType(nd, nd.u16(lsr + 2), lsr + 4);
                    }
                }
            }
            case 4 -> {
                if (nd.vflag > 1) {
                    long i = nd.u32(body);
                    int lsap = body + 4;
                    while (lsap < dataend && i-- != 0) {
                        lsa(nd, lsap, dataend);
                        lsap += nd.u16(lsap + 18);
                    }
                }
            }
            case 5 -> {
                if (nd.vflag > 1) {
                    for (int lsh = body; lsh < dataend; lsh += LSA_HDRLEN) {
                        lshdr(nd, lsh, dataend);
                    }
                }
            }
            default -> { }
        }
    }

    /** ospf6_print_ls_type(). */
    private static void lsType(Dissector nd, int type, int stateid) {
        int t = type & 0x1fff;
        int scope = type & 0x6000;
        nd.check(stateid, 4);
        nd.out.append("\n\t    ").append(t < LSA_NAMES.length && LSA_NAMES[t] != null ? LSA_NAMES[t] : "Unknown")
                .append(" LSA (").append(t).append("), ").append(switch (scope) {
                    case 0x0000 -> "Link Local";
                    case 0x2000 -> "Area Local";
                    case 0x4000 -> "Domain Wide";
                    default -> "Unknown";
                }).append(" Scope").append((type & 0x8000) != 0 ? ", transitive" : "").append(", LSA-ID ");
        Names.ipaddr(nd.out, nd.p, stateid);
    }

    /** ospf6_print_lshdr(). */
    private static void lshdr(Dissector nd, int lsh, int dataend) {
        if (lsh + LSA_HDRLEN > dataend) {
            throw Trunc.INSTANCE;
        }
        nd.check(lsh + 8, 4);
        long seq = nd.u32(lsh + 12);
        int age = nd.u16(lsh);
        int len = nd.u16(lsh + 18);
        nd.out.append("\n\t  Advertising Router ");
        Names.ipaddr(nd.out, nd.p, lsh + 8);
        nd.out.append(", seq 0x");
        Names.appendHex(nd.out, seq, 8);
        nd.out.append(", age ").append(age).append("s, length ").append(Long.toUnsignedString(len - LSA_HDRLEN)); // %zu
        lsType(nd, nd.u16(lsh + 2), lsh + 4);
    }

    /** ospf6_print_lsaprefix(): the bytes taken, or a Trunc. */
    private static int prefix(Dissector nd, int p, int lsaLength) {
        if (lsaLength < 4) {
            throw Trunc.INSTANCE;
        }
        lsaLength -= 4;
        if (!nd.ttest(p, 4)) {
            throw Trunc.INSTANCE;
        }
        int plen = nd.u8(p);
        int wordlen = (plen + 31) / 32;
        if (wordlen * 4 > 16) {
            nd.out.append(" bogus prefixlen /").append(plen);
            throw Trunc.INSTANCE;
        }
        if (lsaLength < wordlen * 4) {
            throw Trunc.INSTANCE;
        }
        nd.check(p + 4, wordlen * 4);
        byte[] prefix = new byte[16];
        System.arraycopy(nd.p, p + 4, prefix, 0, wordlen * 4);
        nd.out.append("\n\t\t");
        Names.ip6addr(nd.out, prefix, 0);
        nd.out.append('/').append(plen);
        int opt = nd.u8(p + 1);
        if (opt != 0) {
            nd.out.append(", Options [").append(BfdPrinter.bittok2str(PREFIX_BITS, PREFIX_NAMES, opt)).append(']');
        }
        nd.out.append(", metric ").append(nd.u16(p + 2));
        return 4 + wordlen * 4;
    }

    /** ospf6_print_lsa(). */
    private static void lsa(Dissector nd, int lsap, int dataend) {
        StringBuilder out = nd.out;
        lshdr(nd, lsap, dataend);
        int length = nd.u16(lsap + 18);
        if (length < LSA_HDRLEN || lsap + length > dataend) {
            throw Trunc.INSTANCE;
        }
        int lsaLength = length - LSA_HDRLEN;
        int t = lsap + LSA_HDRLEN;
        switch (nd.u16(lsap + 2)) {
            case 0x2001 -> {
                if (lsaLength < 4) {
                    throw Trunc.INSTANCE;
                }
                lsaLength -= 4;
                String opts = options(nd.u32(t));
                out.append("\n\t      Options [").append(opts).append(']');
                out.append(", RLA-Flags [").append(BfdPrinter.bittok2str(RLA_BITS, RLA_NAMES, nd.u8(t))).append(']');
                for (int rlp = t + 4; lsaLength != 0; rlp += 16) {
                    if (lsaLength < 16) {
                        throw Trunc.INSTANCE;
                    }
                    lsaLength -= 16;
                    if (!nd.ttest(rlp, 16)) {
                        throw Trunc.INSTANCE;
                    }
                    int type = nd.u8(rlp);
                    String head = switch (type) {
                        case 4 -> "\n\t      Virtual Link: Neighbor Router-ID ";
                        case 1 -> "\n\t      Neighbor Router-ID ";
                        case 2 -> "\n\t      Neighbor Network-ID ";
                        default -> null;
                    };
                    if (head == null) {
                        out.append("\n\t      Unknown Router Links Type 0x");
                        Names.appendHex(out, type, 2);
                        return;
                    }
                    out.append(head);
                    Names.ipaddr(out, nd.p, rlp + 12);
                    out.append("\n\t      Neighbor Interface-ID ");
                    Names.ipaddr(out, nd.p, rlp + 8);
                    out.append(", Interface ");
                    Names.ipaddr(out, nd.p, rlp + 4);
                    out.append(", metric ").append(nd.u16(rlp + 2));
                }
            }
            case 0x2002 -> {
                if (lsaLength < 4) {
                    throw Trunc.INSTANCE;
                }
                lsaLength -= 4;
                String opts = options(nd.u32(t));
                out.append("\n\t      Options [").append(opts).append(']');
                out.append("\n\t      Connected Routers:");
                for (int ap = t + 4; lsaLength != 0; ap += 4) {
                    if (lsaLength < 4) {
                        throw Trunc.INSTANCE;
                    }
                    lsaLength -= 4;
                    nd.check(ap, 4);
                    out.append("\n\t\t");
                    Names.ipaddr(out, nd.p, ap);
                }
            }
            case 0x2003 -> {
                if (lsaLength < 4) {
                    throw Trunc.INSTANCE;
                }
                lsaLength -= 4;
                long metric = nd.u32(t) & 0x00ffffff;
                out.append(", metric ").append(metric);
                for (int p = t + 4; lsaLength != 0; ) {
                    int n = prefix(nd, p, lsaLength);
                    lsaLength -= n;
                    p += n;
                }
            }
            case 0x4005 -> {
                if (lsaLength < 4) {
                    throw Trunc.INSTANCE;
                }
                lsaLength -= 4;
                long flags = nd.u32(t);
                out.append("\n\t     Flags [").append(BfdPrinter.bittok2str(ASLA_BITS, ASLA_NAMES, (int) flags))
                        .append(']');
                out.append(" metric ").append(flags & 0x00ffffff);
                int p = t + 4;
                int lsapp = p;
                int n = prefix(nd, p, lsaLength);
                lsaLength -= n;
                p += n;
                if ((flags & 0x02000000) != 0) {
                    if (lsaLength < 16) {
                        throw Trunc.INSTANCE;
                    }
                    lsaLength -= 16;
                    nd.check(p, 16);
                    out.append(" forward ");
                    Names.ip6addr(out, nd.p, p);
                    p += 16;
                }
                if ((flags & 0x01000000) != 0) {
                    if (lsaLength < 4) {
                        throw Trunc.INSTANCE;
                    }
                    lsaLength -= 4;
                    nd.check(p, 4);
                    out.append(" tag ");
                    addr(nd, p);
                    p += 4;
                }
                if (nd.u8(lsapp + 2) != 0) {
                    // GET_U_1(lsa_p_metric): the first byte of the prefix's 16-bit "referenced LS type"
                    if (lsaLength < 4) {
                        throw Trunc.INSTANCE;
                    }
                    nd.check(p, 4);
                    out.append(" RefLSID: ");
                    addr(nd, p);
                }
            }
            case 0x0008 -> {
                if (lsaLength < 4) {
                    throw Trunc.INSTANCE;
                }
                lsaLength -= 4;
                if (!nd.ttest(t, 4)) {
                    throw Trunc.INSTANCE;
                }
                String opts = options(nd.u32(t));
                out.append("\n\t      Options [").append(opts).append(']');
                if (lsaLength < 20) {
                    throw Trunc.INSTANCE;
                }
                lsaLength -= 20;
                long prefixes = nd.u32(t + 20);
                int pri = nd.u8(t);
                nd.check(t + 4, 16);
                out.append("\n\t      Priority ").append(pri).append(", Link-local address ");
                Names.ip6addr(out, nd.p, t + 4);
                out.append(", Prefixes ").append(prefixes).append(':');
                for (int p = t + 24; prefixes > 0; prefixes--) {
                    int n = prefix(nd, p, lsaLength);
                    lsaLength -= n;
                    p += n;
                }
            }
            case 0x2009 -> {
                if (lsaLength < 4) {
                    throw Trunc.INSTANCE;
                }
                lsaLength -= 4;
                if (!nd.ttest(t + 8, 4)) {
                    throw Trunc.INSTANCE;
                }
                lsType(nd, nd.u16(t + 2), t + 4);
                if (lsaLength < 2) {
                    throw Trunc.INSTANCE;
                }
                lsaLength -= 2;
                int prefixes = nd.u16(t);
                out.append("\n\t      Prefixes ").append(prefixes).append(':');
                for (int p = t + 12; prefixes > 0; prefixes--) {
                    int n = prefix(nd, p, lsaLength);
                    lsaLength -= n;
                    p += n;
                }
            }
            case 0x000b, 0x000a -> {
                // ospf_grace_lsa_print(), ospf_te_lsa_print(): not carried
            }
            default -> {
                if (!nd.ttest(t, 0)) {
                    HexDump.unknownData(nd, t, "\n\t      ", lsaLength);
                    throw Trunc.INSTANCE;
                }
                HexDump.unknownData(nd, t, "\n\t      ", lsaLength);
            }
        }
    }

    /** ospf6_decode_v3_trailer(): LLS after a Hello or DD with the L bit, then the authentication trailer. */
    private static void trailer(Dissector nd, int op, int cp, int len) {
        StringBuilder out = nd.out;
        int type = nd.u8(op + 1);
        boolean lls = (type == 1 && (nd.u32(op + HDRLEN + 4) & OPTION_L) != 0)
                || (type == 2 && (nd.u32(op + HDRLEN) & OPTION_L) != 0);
        int llslen = 0;
        if (lls && len != 0) {
            if (len < 4) {
                throw Trunc.INSTANCE;
            }
            int ck = nd.u16(cp);
            out.append("\n\tLLS Checksum 0x");
            Names.appendHex(out, ck, 4);
            llslen = nd.u16(cp + 2);
            out.append(", Data Length ").append(llslen);
            if (llslen < 4 || llslen > len) {
                throw Trunc.INSTANCE;
            }
            if (!nd.ttest(cp + 4, llslen - 4)) {
                throw Trunc.INSTANCE;
            }
        }
        cp += llslen;
        len -= llslen;
        if (len == 0) {
            return;
        }
        if (len < 16) {
            throw Trunc.INSTANCE;
        }
        int at = nd.u16(cp);
        out.append("\n\tAuthentication Type ").append(at == 1 ? "HMAC" : String.format("unknown (0x%04x)", at));
        int authlen = nd.u16(cp + 2);
        out.append(", Length ").append(authlen);
        if (authlen < 16 || authlen > len) {
            throw Trunc.INSTANCE;
        }
        int said = nd.u16(cp + 6);
        out.append(", SAID ").append(said);
        long hi = nd.u32(cp + 8);
        out.append(", CSN 0x");
        Names.appendHex(out, hi, 8);
        long lo = nd.u32(cp + 12);
        out.append(':');
        Names.appendHex(out, lo, 8);
        if (!nd.ttest(cp + 16, authlen - 16)) {
            throw Trunc.INSTANCE;
        }
        if (nd.vflag > 1) {
            HexDump.unknownData(nd, cp + 16, "\n\tAuthentication Data ", authlen - 16);
        }
    }
}
