package io.arplab.wire.tcpdump;

/** print-mobility.c: the IPv6 mobility header (RFC 6275), its message types and, with -v, its options. */
final class MobilityPrinter {
    private static final String[] NAMES = {"BRR", "HoTI", "CoTI", "HoT", "CoT", "BU", "BA", "BE"};
    /** ip6m_hdrlen[]: each type's smallest header. */
    private static final int[] HDRLEN = {8, 16, 16, 24, 24, 12, 12, 24};

    private MobilityPrinter() {}

    /** mobility_print(): the header's length, or -1 when the capture or the header's length cut it. */
    static int mobilityPrint(Dissector nd, int bp) {
        nd.protocol = "mobility";
        StringBuilder out = nd.out;
        if (!nd.ttest(bp + 1, 1)) {
            nd.trunc();
            return -1;
        }
        int mhlen = (nd.u8(bp + 1) + 1) << 3;
        int type = nd.u8(bp + 2);
        if (type < NAMES.length && mhlen < HDRLEN[type]) {
            out.append("(header length ").append(mhlen).append(" is too small for type ").append(type).append(')');
            nd.trunc();
            return -1;
        }
        out.append("mobility: ").append(type < NAMES.length ? NAMES[type] : "type-#" + type);
        int hlen;
        switch (type) {
            case 0 -> hlen = 8;
            case 1, 2 -> {
                hlen = 8;
                if (nd.vflag > 0) {
                    cookie(nd, bp + hlen, (type == 1 ? " Home" : " Care-of") + " Init Cookie=");
                }
                hlen += 8;
            }
            case 3, 4 -> {
                int nonce = nd.u16(bp + 6);
                out.append(" nonce id=0x").append(Integer.toHexString(nonce));
                hlen = 8;
                if (nd.vflag > 0) {
                    cookie(nd, bp + hlen, (type == 3 ? " Home" : " Care-of") + " Init Cookie=");
                }
                hlen += 8;
                if (nd.vflag > 0) {
                    cookie(nd, bp + hlen, (type == 3 ? " Home" : " Care-of") + " Keygen Token=");
                }
                hlen += 8;
            }
            case 5 -> {
                int seq = nd.u16(bp + 6);
                out.append(" seq#=").append(seq);
                hlen = 8;
                if (!nd.ttest(bp + hlen, 2)) {
                    nd.trunc();
                    return -1;
                }
                int bits = (nd.u8(bp + hlen) & 0xf0) >> 4;
                if (bits != 0) {
                    out.append(' ');
                    String names = "AHLK";
                    for (int i = 0; i < 4; i++) {
                        if ((bits & (8 >> i)) != 0) {
                            out.append(names.charAt(i));
                        }
                    }
                }
                hlen += 2;
                int lifetime = nd.u16(bp + hlen) << 2;
                out.append(" lifetime=").append(lifetime);
                hlen += 2;
            }
            case 6 -> {
                int status = nd.u8(bp + 6);
                out.append(" status=").append(status);
                if ((nd.u8(bp + 7) & 0x80) != 0) {
                    out.append(" K");
                }
                hlen = 8;
                int seq = nd.u16(bp + hlen);
                out.append(" seq#=").append(seq);
                hlen += 2;
                int lifetime = nd.u16(bp + hlen) << 2;
                out.append(" lifetime=").append(lifetime);
                hlen += 2;
            }
            case 7 -> {
                int status = nd.u8(bp + 6);
                out.append(" status=").append(status);
                hlen = 8;
                nd.tcheck(bp + hlen, 16);
                out.append(" homeaddr ");
                Names.ip6addr(out, nd.p, bp + hlen);
                hlen += 16;
            }
            default -> {
                out.append(" len=").append(nd.u8(bp + 1));
                return mhlen;
            }
        }
        if (nd.vflag > 0 && !options(nd, bp + hlen, mhlen - hlen)) {
            nd.trunc();
            return -1;
        }
        return mhlen;
    }

    private static void cookie(Dissector nd, int p, String label) {
        long a = nd.u32(p);
        long b = nd.u32(p + 4);
        nd.out.append(label);
        Names.appendHex(nd.out, a, 8);
        nd.out.append(':');
        Names.appendHex(nd.out, b, 8);
    }

    /** mobility_opt_print(): false when an option runs past the header or the capture. */
    private static boolean options(Dissector nd, int bp, int len) {
        StringBuilder out = nd.out;
        int optlen;
        for (int i = 0; i < len; i += optlen) {
            int t = nd.u8(bp + i);
            if (t == 0) {
                optlen = 1;
            } else if (i + 1 < len) {
                optlen = nd.u8(bp + i + 1) + 2;
            } else {
                return false;
            }
            if (i + optlen > len || !nd.ttest(bp + i + optlen, 1)) {
                return false;
            }
            switch (t) {
                case 0 -> out.append("(pad1)");
                case 1 -> {
                    if (len - i < 2) {
                        out.append("(padn: trunc)");
                        return false;
                    }
                    out.append("(padn)");
                }
                case 2 -> {
                    if (len - i < 4) {
                        out.append("(refresh: trunc)");
                        return false;
                    }
                    int r = nd.u16(bp + i + 2) << 2;
                    out.append("(refresh: ").append(r).append(')');
                }
                case 3 -> {
                    if (len - i < 18) {
                        out.append("(altcoa: trunc)");
                        return false;
                    }
                    nd.tcheck(bp + i + 2, 16);
                    out.append("(alt-CoA: ");
                    Names.ip6addr(out, nd.p, bp + i + 2);
                    out.append(')');
                }
                case 4 -> {
                    if (len - i < 6) {
                        out.append("(ni: trunc)");
                        return false;
                    }
                    int ho = nd.u16(bp + i + 2);
                    int co = nd.u16(bp + i + 4);
                    out.append("(ni: ho=0x");
                    Names.appendHex(out, ho, 4);
                    out.append(" co=0x");
                    Names.appendHex(out, co, 4);
                    out.append(')');
                }
                case 5 -> {
                    if (len - i < 12) {
                        out.append("(auth: trunc)");
                        return false;
                    }
                    out.append("(auth)");
                }
                default -> {
                    if (len - i < 2) {
                        out.append("(sopt_type ").append(t).append(": trunc)");
                        return false;
                    }
                    int l = nd.u8(bp + i + 1);
                    out.append("(type-0x");
                    Names.appendHex(out, t, 2);
                    out.append(": len=").append(l).append(')');
                }
            }
        }
        return true;
    }
}
