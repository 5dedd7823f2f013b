package io.arplab.wire.tcpdump;

/** print-ip6opts.c: hop-by-hop and destination options headers. */
final class Ip6Options {
    private static final int IP6OPT_PAD1 = 0x00;
    private static final int IP6OPT_PADN = 0x01;
    private static final int IP6OPT_JUMBO = 0xc2;
    private static final int IP6OPT_ROUTER_ALERT = 0x05;
    private static final int IP6OPT_HOME_ADDRESS = 0xc9;
    private static final int IP6OPT_MINLEN = 2;
    private static final int IP6OPT_RTALERT_LEN = 4;
    private static final int IP6OPT_JUMBO_LEN = 6;
    private static final int IP6OPT_HOMEADDR_MINLEN = 18;

    private Ip6Options() {}

    /** ip6_sopt_print(): sub-options of the home address option; false when they run short. */
    private static boolean soptPrint(Dissector nd, int bp, int len) {
        StringBuilder out = nd.out;
        int optlen;
        for (int i = 0; i < len; i += optlen) {
            if (nd.u8(bp + i) == IP6OPT_PAD1) {
                optlen = 1;
            } else if (i + 1 < len) {
                optlen = nd.u8(bp + i + 1) + 2;
            } else {
                return false;
            }
            if (i + optlen > len) {
                return false;
            }
            int type = nd.u8(bp + i);
            switch (type) {
                case IP6OPT_PAD1 -> out.append(", pad1");
                case IP6OPT_PADN -> {
                    if (len - i < IP6OPT_MINLEN) {
                        out.append(", padn: trunc");
                        return false;
                    }
                    out.append(", padn");
                }
                default -> {
                    if (len - i < IP6OPT_MINLEN) {
                        out.append(", sopt_type ").append(type).append(": trunc)");
                        return false;
                    }
                    int l = nd.u8(bp + i + 1);
                    out.append(", sopt_type 0x");
                    nd.hex2(type);
                    out.append(": len=").append(l);
                }
            }
        }
        return true;
    }

    /** ip6_opt_process(); jumbo = {payload length in/out, found jumbo flag out} or null for DSTOPT. */
    private static boolean optProcess(Dissector nd, int bp, int len, long[] jumbo) {
        StringBuilder out = nd.out;
        if (len == 0) {
            return true;
        }
        boolean foundJumbo = false;
        int optlen;
        for (int i = 0; i < len; i += optlen) {
            if (nd.u8(bp + i) == IP6OPT_PAD1) {
                optlen = 1;
            } else if (i + 1 < len) {
                optlen = nd.u8(bp + i + 1) + 2;
            } else {
                return false;
            }
            if (i + optlen > len) {
                return false;
            }
            int type = nd.u8(bp + i);
            switch (type) {
                case IP6OPT_PAD1 -> {
                    if (nd.vflag > 0) {
                        out.append("(pad1)");
                    }
                }
                case IP6OPT_PADN -> {
                    if (len - i < IP6OPT_MINLEN) {
                        out.append("(padn: trunc)");
                        return false;
                    }
                    if (nd.vflag > 0) {
                        out.append("(padn)");
                    }
                }
                case IP6OPT_ROUTER_ALERT -> {
                    if (len - i < IP6OPT_RTALERT_LEN) {
                        out.append("(rtalert: trunc)");
                        return false;
                    }
                    int l = nd.u8(bp + i + 1);
                    if (l != IP6OPT_RTALERT_LEN - 2) {
                        out.append("(rtalert: invalid len ").append(l).append(')');
                        return false;
                    }
                    if (nd.vflag > 0) {
                        int v = nd.u16(bp + i + 2);
                        out.append("(rtalert: 0x");
                        nd.hex4(v);
                        out.append(") ");
                    }
                }
                case IP6OPT_JUMBO -> {
                    if (len - i < IP6OPT_JUMBO_LEN) {
                        out.append("(jumbo: trunc)");
                        return false;
                    }
                    int l = nd.u8(bp + i + 1);
                    if (l != IP6OPT_JUMBO_LEN - 2) {
                        out.append("(jumbo: invalid len ").append(l).append(')');
                        return false;
                    }
                    long jumbolen = nd.u32(bp + i + 2);
                    if (foundJumbo) {
                        if (nd.vflag > 0) {
                            out.append("(jumbo: ").append(jumbolen).append(" - already seen) ");
                        }
                    } else {
                        foundJumbo = true;
                        if (jumbo == null) {
                            if (nd.vflag > 0) {
                                out.append("(jumbo: ").append(jumbolen).append(" - not a hop-by-hop option) ");
                            }
                        } else if (jumbo[0] != 0) {
                            if (nd.vflag > 0) {
                                out.append("(jumbo: ").append(jumbolen).append(" - payload len != 0) ");
                            }
                        } else if (jumbolen < 65536) {
                            if (nd.vflag > 0) {
                                out.append("(jumbo: ").append(jumbolen).append(" - < 65536) ");
                            }
                        } else {
                            jumbo[1] = 1;
                            jumbo[0] = jumbolen;
                            if (nd.vflag > 0) {
                                out.append("(jumbo: ").append(jumbolen).append(") ");
                            }
                        }
                    }
                }
                case IP6OPT_HOME_ADDRESS -> {
                    if (len - i < IP6OPT_HOMEADDR_MINLEN) {
                        out.append("(homeaddr: trunc)");
                        return false;
                    }
                    int l = nd.u8(bp + i + 1);
                    if (l < IP6OPT_HOMEADDR_MINLEN - 2) {
                        out.append("(homeaddr: invalid len ").append(l).append(')');
                        return false;
                    }
                    if (nd.vflag > 0) {
                        nd.check(bp + i + 2, 16);
                        out.append("(homeaddr: ");
                        Names.ip6addr(out, nd.p, bp + i + 2);
                        if (l > IP6OPT_HOMEADDR_MINLEN - 2) {
                            if (!soptPrint(nd, bp + i + IP6OPT_HOMEADDR_MINLEN, optlen - IP6OPT_HOMEADDR_MINLEN)) {
                                return false;
                            }
                        }
                        out.append(')');
                    }
                }
                default -> {
                    if (len - i < IP6OPT_MINLEN) {
                        out.append("(type ").append(type).append(": trunc)");
                        return false;
                    }
                    if (nd.vflag > 0) {
                        int l = nd.u8(bp + i + 1);
                        out.append("(opt_type 0x");
                        nd.hex2(type);
                        out.append(": len=").append(l).append(')');
                    }
                }
            }
        }
        if (nd.vflag > 0) {
            out.append(' ');
        }
        return true;
    }

    /** hbhopt_process(): the header length, or -1 after printing a truncation. */
    static int hbhopt(Dissector nd, int bp, long[] jumbo) {
        nd.protocol = "hbhopt";
        int hbhlen = (nd.u8(bp + 1) + 1) << 3;
        if (!nd.ttest(bp, hbhlen)) {
            nd.trunc();
            return -1;
        }
        nd.out.append("HBH ");
        if (!optProcess(nd, bp + 2, hbhlen - 2, jumbo)) {
            nd.trunc();
            return -1;
        }
        return hbhlen;
    }

    /** dstopt_process(). */
    static int dstopt(Dissector nd, int bp) {
        nd.protocol = "dstopt";
        int len = (nd.u8(bp + 1) + 1) << 3;
        if (!nd.ttest(bp, len)) {
            nd.trunc();
            return -1;
        }
        nd.out.append("DSTOPT ");
        if (nd.vflag > 0) {
            if (!optProcess(nd, bp + 2, len - 2, null)) {
                nd.trunc();
                return -1;
            }
        }
        return len;
    }
}
