package io.arplab.wire.tcpdump;

/**
 * print-ppp.c's control protocols: handle_ctrl_proto() (the code, id and length, with -v the encoded length and each
 * code's body: the options of LCP, IPCP, IPv6CP, CCP and BACP, the echo's magic number, the rejected protocol),
 * handle_mlppp(), handle_chap() and handle_pap(). A label a capture cut is not printed (ND_PRINT reads its
 * arguments first); ND_TCHECK's bail-outs print "[|proto]" with no space before it.
 */
final class PppCtrlPrinter {
    private static final String[] CPCODES = {"Vendor-Extension", "Conf-Request", "Conf-Ack", "Conf-Nack",
        "Conf-Reject", "Term-Request", "Term-Ack", "Code-Reject", "Prot-Reject", "Echo-Request", "Echo-Reply",
        "Disc-Req", "Ident", "Time-Rem", "Reset-Req", "Reset-Ack"};
    private static final String[] LCPOPTS = {"Vend-Ext", "MRU", "ACCM", "Auth-Prot", "Qual-Prot", "Magic-Num",
        "deprecated(6)", "PFC", "ACFC", "FCS-Alt", "SDP", "Num-Mode", "deprecated(12)", "Call-Back", "deprecated(14)",
        "deprecated(15)", "deprecated(16)", "MRRU", "12-Bit seq #", "End-Disc", "Proprietary", "DCE-Id", "MP+",
        "Link-Disc", "LCP-Auth-Opt", "COBS", "Prefix-elision", "Multilink-header-Form", "I18N",
        "SDL-over-SONET/SDH", "PPP-Muxing"};

    /** A bail-out of an option printer: "[|name]" was printed, the walk stops (the printer returned 0). */
    private static final int STOP = 0;

    private PppCtrlPrinter() {}

    private static String cpcode(int code) {
        return code < CPCODES.length ? CPCODES[code] : "Unknown Opcode";
    }

    private static String oui(int oui) {
        String n = Names.oui(oui);
        return n == null ? "Unknown" : n;
    }

    /** handle_ctrl_proto(). */
    static void ctrlProto(Dissector nd, int proto, int pptr, int length) {
        StringBuilder out = nd.out;
        String t = PppPrinter.type(proto);
        String typestr = t != null ? t : String.format("unknown ctrl-proto (0x%04x)", proto);
        out.append(typestr).append(", ");
        if (length < 4 || !nd.ttest(pptr, 2)) {
            out.append("[|").append(typestr).append(']');
            return;
        }
        int code = nd.u8(pptr);
        int id = nd.u8(pptr + 1);
        out.append(cpcode(code)).append(" (0x");
        Names.appendHex(out, code, 2);
        out.append("), id ").append(id).append(", length ").append(length + 2);
        if (nd.vflag == 0) {
            return;
        }
        int len = nd.u16(pptr + 2);
        int tptr = pptr + 4;
        if (len < 4) {
            out.append("\n\tencoded length ").append(len).append(" (< 4))");
            return;
        }
        if (len > length) {
            out.append("\n\tencoded length ").append(len).append(" (> packet length ").append(length).append("))");
            return;
        }
        length = len;
        out.append("\n\tencoded length ").append(len).append(" (=Option(s) length ").append(len - 4).append(')');
        if (length == 4) {
            return;
        }
        if (nd.vflag > 1) {
            HexDump.unknownData(nd, pptr - 2, "\n\t", 6);
        }
        switch (code) {
            case 0 -> {
                if (length < 11) {
                    break;
                }
                long magic = nd.u32(tptr);
                out.append("\n\t  Magic-Num 0x");
                Names.appendHex(out, magic, 8);
                tptr += 4;
                int o = nd.u24(tptr);
                out.append(" Vendor: ").append(oui(o)).append(" (").append(o).append(')');
            }
            case 1, 2, 3, 4 -> {
                int tlen = len - 4;
                do {
                    int advance = switch (proto) {
                        case 0xc021 -> lcpOption(nd, tptr, len);
                        case 0x8021 -> ipcpOption(nd, tptr, len);
                        case 0x8057 -> ip6cpOption(nd, tptr, len);
                        case 0x80fd -> ccpOption(nd, tptr, len);
                        case 0xc02b -> bacpOption(nd, tptr, len);
                        default -> STOP;
                    };
                    if (advance == STOP) {
                        break;
                    }
                    if (tlen < advance) {
                        out.append(" [remaining options length ").append(tlen).append(" < ").append(advance)
                                .append(']');
                        nd.invalid();
                        break;
                    }
                    tlen -= advance;
                    tptr += advance;
                } while (tlen != 0);
            }
            case 5, 6, 7 -> {
                // the data and the rejected packet are not decoded
            }
            case 8 -> {
                if (length < 6) {
                    break;
                }
                int rejected = nd.u16(tptr);
                String rt = PppPrinter.type(rejected);
                out.append("\n\t  Rejected ").append(rt == null ? "unknown" : rt).append(" Protocol (0x");
                nd.hex4(rejected);
                out.append(')');
                if (len > 6) {
                    out.append("\n\t  Rejected Packet");
                    HexDump.unknownData(nd, tptr + 2, "\n\t    ", len - 2);
                }
            }
            case 9, 10, 11 -> {
                if (length < 8) {
                    break;
                }
                magic(nd, tptr);
                if (len > 8) {
                    out.append("\n\t  -----trailing data-----");
                    if (!nd.ttest(tptr + 4, len - 8)) {
                        out.append("[|").append(typestr).append(']');
                        return;
                    }
                    HexDump.unknownData(nd, tptr + 4, "\n\t  ", len - 8);
                }
            }
            case 12 -> {
                if (length < 8) {
                    break;
                }
                magic(nd, tptr);
                if (len > 8) {
                    out.append("\n\t  Message\n\t    ");
                    // nd_printn(): up to len - 4 characters or the snapshot's end
                    int n = len - 4;
                    int s = tptr + 4;
                    while (n > 0 && s < nd.snapend) {
                        n--;
                        nd.printChar(nd.u8(s++));
                    }
                    if (n != 0) {
                        out.append("[|").append(typestr).append(']');
                    }
                }
            }
            case 13 -> {
                if (length < 12) {
                    break;
                }
                magic(nd, tptr);
                long secs = nd.u32(tptr + 4);
                out.append(", Seconds-Remaining ").append(secs).append('s');
            }
            default -> {
                if (nd.vflag <= 1) {
                    HexDump.unknownData(nd, pptr - 2, "\n\t  ", length + 2);
                }
            }
        }
    }

    private static void magic(Dissector nd, int p) {
        long magic = nd.u32(p);
        nd.out.append("\n\t  Magic-Num 0x");
        Names.appendHex(nd.out, magic, 8);
    }

    /** The option's header: -1 when the printer returns 0 before printing it, else its length (0 when bogus). */
    private static int header(Dissector nd, int p, int length, String proto) {
        if (length < 2) {
            return -1;
        }
        if (!nd.ttest(p, 2)) {
            nd.out.append("[|").append(proto).append(']');
            return -1;
        }
        int len = nd.u8(p + 1);
        return length < len ? -1 : len;
    }

    /** " (length bogus, should be OP N)". */
    private static void bogus(Dissector nd, String op, int n) {
        nd.out.append(" (length bogus, should be ").append(op).append(' ').append(n).append(')');
    }

    /** The option printers' dump of the value under -vv. */
    private static int dumpVV(Dissector nd, int p, int len) {
        if (nd.vflag > 1) {
            HexDump.unknownData(nd, p + 2, "\n\t    ", len - 2);
        }
        return len;
    }

    /** print_lcp_config_options(). */
    private static int lcpOption(Dissector nd, int p, int length) {
        StringBuilder out = nd.out;
        int len = header(nd, p, length, "lcp");
        if (len < 0) {
            return STOP;
        }
        int opt = nd.u8(p);
        if (len < 2) {
            if (opt < LCPOPTS.length) {
                out.append("\n\t  ").append(LCPOPTS[opt]).append(" Option (0x");
                Names.appendHex(out, opt, 2);
                out.append("), length ").append(len).append(" (length bogus, should be >= 2)");
            } else {
                out.append("\n\tunknown LCP option 0x");
                Names.appendHex(out, opt, 2);
            }
            return STOP;
        }
        if (opt >= LCPOPTS.length) {
            out.append("\n\tunknown LCP option 0x");
            Names.appendHex(out, opt, 2);
            return len;
        }
        out.append("\n\t  ").append(LCPOPTS[opt]).append(" Option (0x");
        Names.appendHex(out, opt, 2);
        out.append("), length ").append(len);
        switch (opt) {
            case 0 -> {
                if (len < 6) {
                    bogus(nd, ">=", 6);
                    return len;
                }
                int o = nd.u24(p + 2);
                out.append(": Vendor: ").append(oui(o)).append(" (").append(o).append(')');
            }
            case 1, 17 -> {
                if (len != 4) {
                    bogus(nd, "=", 4);
                    return opt == 1 ? len : STOP;
                }
                int v = nd.u16(p + 2);
                out.append(": ").append(v);
            }
            case 2 -> {
                if (len != 6) {
                    bogus(nd, "=", 6);
                    return len;
                }
                long v = nd.u32(p + 2);
                out.append(": 0x");
                Names.appendHex(out, v, 8);
            }
            case 3 -> {
                if (len < 4) {
                    bogus(nd, ">=", 4);
                    return len;
                }
                int ap = nd.u16(p + 2);
                String n = PppPrinter.type(ap);
                out.append(": ").append(n == null ? "Unknown Auth Proto (0x04x)" : n);
                switch (ap) {
                    case 0xc223 -> {
                        int alg = nd.u8(p + 4);
                        out.append(", ").append(switch (alg) {
                            case 5 -> "MD5";
                            case 128 -> "MS-CHAPv1";
                            case 129 -> "MS-CHAPv2";
                            default -> "Unknown Auth Alg " + alg;
                        });
                    }
                    case 0xc023, 0xc227, 0xc027, 0xc123 -> {
                        // nothing more
                    }
                    default -> HexDump.unknownData(nd, p, "\n\t", len);
                }
            }
            case 4 -> {
                if (len < 4) {
                    bogus(nd, ">=", 4);
                    return STOP;
                }
                out.append(nd.u16(p + 2) == 0xc025 ? ": LQR" : ": unknown");
            }
            case 5 -> {
                if (len != 6) {
                    bogus(nd, "=", 6);
                    return STOP;
                }
                long v = nd.u32(p + 2);
                out.append(": 0x");
                Names.appendHex(out, v, 8);
            }
            case 7, 8 -> {
                // no value
            }
            case 23 -> {
                if (len != 4) {
                    bogus(nd, "=", 4);
                    return STOP;
                }
                int v = nd.u16(p + 2);
                out.append(": 0x");
                Names.appendHex(out, v, 4);
            }
            case 13 -> {
                if (len < 3) {
                    bogus(nd, ">=", 3);
                    return STOP;
                }
                out.append(": ");
                int op = nd.u8(p + 2);
                String n = switch (op) {
                    case 0 -> "UserAuth";
                    case 1 -> "DialString";
                    case 2 -> "LocalID";
                    case 3 -> "E.164";
                    case 4 -> "X.500";
                    case 6 -> "CBCP";
                    default -> "Unknown";
                };
                out.append(": Callback Operation ").append(n).append(" (").append(op).append(')');
            }
            case 19 -> {
                if (len < 3) {
                    bogus(nd, ">=", 3);
                    return STOP;
                }
                int cls = nd.u8(p + 2);
                switch (cls) {
                    case 0 -> out.append(": Null");
                    case 1 -> out.append(": Local");
                    case 2 -> {
                        if (len != 7) {
                            bogus(nd, "=", 7);
                            return STOP;
                        }
                        nd.check(p + 3, 4);
                        out.append(": IPv4 ");
                        Names.ipaddr(out, nd.p, p + 3);
                    }
                    case 3 -> {
                        if (len != 9) {
                            bogus(nd, "=", 9);
                            return STOP;
                        }
                        nd.check(p + 3, 6);
                        out.append(": MAC ");
                        Names.etheraddr(out, nd.p, p + 3, nd.numeric);
                    }
                    case 4 -> out.append(": Magic-Num-Block");
                    case 5 -> out.append(": PSNDN");
                    default -> out.append(": Unknown class ").append(cls);
                }
            }
            default -> {
                if (nd.vflag < 2) {
                    HexDump.unknownData(nd, p + 2, "\n\t    ", len - 2);
                }
            }
        }
        return dumpVV(nd, p, len);
    }

    /** print_ipcp_config_options(). */
    private static int ipcpOption(Dissector nd, int p, int length) {
        StringBuilder out = nd.out;
        int len = header(nd, p, length, "ipcp");
        if (len < 0) {
            return STOP;
        }
        int opt = nd.u8(p);
        String name = switch (opt) {
            case 1 -> "IP-Addrs";
            case 2 -> "IP-Comp";
            case 3 -> "IP-Addr";
            case 4 -> "Home-Addr";
            case 129 -> "Pri-DNS";
            case 130 -> "Pri-NBNS";
            case 131 -> "Sec-DNS";
            case 132 -> "Sec-NBNS";
            default -> "unknown";
        };
        out.append("\n\t  ").append(name).append(" Option (0x");
        Names.appendHex(out, opt, 2);
        out.append("), length ").append(len);
        if (len < 2) {
            out.append(" (length bogus, should be >= 2)");
            return STOP;
        }
        switch (opt) {
            case 1 -> {
                if (len != 10) {
                    bogus(nd, "=", 10);
                    return len;
                }
                nd.check(p + 2, 8);
                out.append(": src ");
                Names.ipaddr(out, nd.p, p + 2);
                out.append(", dst ");
                Names.ipaddr(out, nd.p, p + 6);
            }
            case 2 -> {
                if (len < 4) {
                    bogus(nd, ">=", 4);
                    return STOP;
                }
                int comp = nd.u16(p + 2);
                out.append(": ").append(comp == 0x002d ? "VJ-Comp" : comp == 0x61 ? "IP Header Compression"
                        : "Unknown").append(" (0x");
                Names.appendHex(out, comp, 2);
                out.append("):");
                if (comp == 0x61) {
                    if (len < 14) {
                        bogus(nd, ">=", 14);
                        return STOP;
                    }
                    if (!nd.ttest(p + 2, 14)) {
                        out.append("[|ipcp]");
                        return STOP;
                    }
                    out.append("\n\t    TCP Space ").append(nd.u16(p + 4)).append(", non-TCP Space ")
                            .append(nd.u16(p + 6)).append(", maxPeriod ").append(nd.u16(p + 8)).append(", maxTime ")
                            .append(nd.u16(p + 10)).append(", maxHdr ").append(nd.u16(p + 12));
                    if (len > 14) {
                        int total = len - 14;
                        int s = p + 14;
                        out.append("\n\t      Suboptions, length ").append(total);
                        while (total >= 2) {
                            if (!nd.ttest(s, 2)) {
                                out.append("[|ipcp]");
                                return STOP;
                            }
                            int sub = nd.u8(s);
                            int slen = nd.u8(s + 1);
                            if (sub == 0 || slen == 0) {
                                break;
                            }
                            out.append("\n\t\t").append(sub == 1 ? "RTP-Compression" : sub == 2
                                    ? "Enhanced RTP-Compression" : "Unknown").append(" Suboption #").append(sub)
                                    .append(", length ").append(slen);
                            if (total < slen) {
                                out.append(" [remaining suboptions length ").append(total).append(" < ").append(slen)
                                        .append(']');
                                nd.invalid();
                                break;
                            }
                            total -= slen;
                            s += slen;
                        }
                    }
                }
            }
            case 3, 4, 129, 130, 131, 132 -> {
                if (len != 6) {
                    bogus(nd, "=", 6);
                    return STOP;
                }
                nd.check(p + 2, 4);
                out.append(": ");
                Names.ipaddr(out, nd.p, p + 2);
            }
            default -> {
                if (nd.vflag < 2) {
                    HexDump.unknownData(nd, p + 2, "\n\t    ", len - 2);
                }
            }
        }
        return dumpVV(nd, p, len);
    }

    /** print_ip6cp_config_options(). */
    private static int ip6cpOption(Dissector nd, int p, int length) {
        StringBuilder out = nd.out;
        int len = header(nd, p, length, "ip6cp");
        if (len < 0) {
            return STOP;
        }
        int opt = nd.u8(p);
        out.append("\n\t  ").append(opt == 1 ? "Interface-ID" : "unknown").append(" Option (0x");
        Names.appendHex(out, opt, 2);
        out.append("), length ").append(len);
        if (len < 2) {
            out.append(" (length bogus, should be >= 2)");
            return STOP;
        }
        if (opt == 1) {
            if (len != 10) {
                bogus(nd, "=", 10);
                return len;
            }
            if (!nd.ttest(p + 2, 8)) {
                out.append("[|ip6cp]");
                return STOP;
            }
            out.append(": ");
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    out.append(':');
                }
                Names.appendHex(out, nd.u16(p + 2 + 2 * i), 4);
            }
        } else if (nd.vflag < 2) {
            HexDump.unknownData(nd, p + 2, "\n\t    ", len - 2);
        }
        return dumpVV(nd, p, len);
    }

    /** print_ccp_config_options(). */
    private static int ccpOption(Dissector nd, int p, int length) {
        StringBuilder out = nd.out;
        int len = header(nd, p, length, "ccp");
        if (len < 0) {
            return STOP;
        }
        int opt = nd.u8(p);
        String name = switch (opt) {
            case 0 -> "OUI";
            case 1 -> "Pred-1";
            case 2 -> "Pred-2";
            case 3 -> "Puddle";
            case 16 -> "HP-PPC";
            case 17 -> "Stac-LZS";
            case 18 -> "MPPC";
            case 19 -> "Gand-FZA";
            case 20 -> "V.42bis";
            case 21 -> "BSD-Comp";
            case 23 -> "LZS-DCP";
            case 24 -> "MVRCA";
            case 25 -> "DEC";
            case 26 -> "Deflate";
            case 255 -> "Reserved";
            default -> "Unknown";
        };
        out.append("\n\t  ").append(name).append(" Option (0x");
        Names.appendHex(out, opt, 2);
        out.append("), length ").append(len);
        if (len < 2) {
            out.append(" (length bogus, should be >= 2)");
            return STOP;
        }
        switch (opt) {
            case 21 -> {
                if (len < 3) {
                    bogus(nd, ">=", 3);
                    return len;
                }
                int b = nd.u8(p + 2);
                out.append(": Version: ").append(b >> 5).append(", Dictionary Bits: ").append(b & 0x1f);
            }
            case 24 -> {
                if (len < 4) {
                    bogus(nd, ">=", 4);
                    return len;
                }
                int b = nd.u8(p + 2);
                int ctx = nd.u8(p + 3);
                out.append(": Features: ").append((b & 0xc0) >> 6).append(", PxP: ")
                        .append((b & 0x20) != 0 ? "Enabled" : "Disabled").append(", History: ").append(b & 0x1f)
                        .append(", #CTX-ID: ").append(ctx);
            }
            case 26 -> {
                if (len < 4) {
                    bogus(nd, ">=", 4);
                    return len;
                }
                int b = nd.u8(p + 2);
                int c = nd.u8(p + 3);
                out.append(": Window: ").append((b & 0xf0) >> 4).append("K, Method: ")
                        .append((b & 0x0f) == 8 ? "zlib" : "unknown").append(" (0x")
                        .append(Integer.toHexString(b & 0x0f))
                        .append("), MBZ: ").append((c & 0xfc) >> 2).append(", CHK: ").append(c & 0x03);
            }
            default -> {
                if (nd.vflag < 2) {
                    HexDump.unknownData(nd, p + 2, "\n\t    ", len - 2);
                }
            }
        }
        return dumpVV(nd, p, len);
    }

    /** print_bacp_config_options(). */
    private static int bacpOption(Dissector nd, int p, int length) {
        StringBuilder out = nd.out;
        int len = header(nd, p, length, "bacp");
        if (len < 0) {
            return STOP;
        }
        int opt = nd.u8(p);
        out.append("\n\t  ").append(opt == 1 ? "Favored-Peer" : "Unknown").append(" Option (0x");
        Names.appendHex(out, opt, 2);
        out.append("), length ").append(len);
        if (len < 2) {
            out.append(" (length bogus, should be >= 2)");
            return STOP;
        }
        if (opt == 1) {
            if (len != 6) {
                bogus(nd, "=", 6);
                return len;
            }
            long v = nd.u32(p + 2);
            out.append(": Magic-Num 0x");
            Names.appendHex(out, v, 8);
        } else if (nd.vflag < 2) {
            HexDump.unknownData(nd, p + 2, "\n\t    ", len - 2);
        }
        return dumpVV(nd, p, len);
    }

    /** handle_mlppp(). */
    static void mlppp(Dissector nd, int p, int length) {
        StringBuilder out = nd.out;
        if (!nd.eflag) {
            out.append("MLPPP, ");
        }
        if (length < 2 || !nd.ttest(p, 2)) {
            out.append("[|mlppp]");
            return;
        }
        int v = nd.u16(p);
        int f = nd.u8(p) & 0xc0;
        out.append("seq 0x");
        Names.appendHex(out, v & 0x0fff, 3);
        out.append(", Flags [").append(f == 0 ? "none" : (f & 0x80) != 0 && (f & 0x40) != 0 ? "begin, end"
                : (f & 0x80) != 0 ? "begin" : "end").append("], length ").append(length);
    }

    /** Prints {@code n} characters (u_int: a negative count runs to the snapshot's end, which throws). */
    private static int chars(Dissector nd, int p, long n) {
        for (long i = 0; i < (n & 0xffffffffL); i++) {
            nd.printChar(nd.u8(p++));
        }
        return p;
    }

    /** handle_chap(). */
    static void chap(Dissector nd, int p, int length) {
        StringBuilder out = nd.out;
        int p0 = p;
        if (length < 1) {
            out.append("[|chap]");
            return;
        } else if (length < 4) {
            int c = nd.u8(p);
            out.append("[|chap 0x");
            Names.appendHex(out, c, 2);
            out.append(']');
            return;
        }
        int code = nd.u8(p);
        out.append("CHAP, ").append(switch (code) {
            case 1 -> "Challenge";
            case 2 -> "Response";
            case 3 -> "Success";
            case 4 -> "Fail";
            default -> "unknown";
        }).append(" (0x");
        Names.appendHex(out, code, 2);
        out.append(')');
        int id = nd.u8(p + 1);
        out.append(", id ").append(id);
        int len = nd.u16(p + 2);
        p += 4;
        switch (code) {
            case 1, 2 -> {
                if (length - (p - p0) < 1) {
                    return;
                }
                int valSize = nd.u8(p++);
                if (length - (p - p0) < valSize) {
                    return;
                }
                out.append(", Value ");
                for (int i = 0; i < valSize; i++) {
                    Names.appendHex(out, nd.u8(p++), 2);
                }
                out.append(", Name ");
                chars(nd, p, len - (p - p0));
            }
            case 3, 4 -> {
                out.append(", Msg ");
                chars(nd, p, len - (p - p0));
            }
            default -> {
                // nothing more
            }
        }
    }

    /** handle_pap(). */
    static void pap(Dissector nd, int p, int length) {
        StringBuilder out = nd.out;
        int p0 = p;
        if (length < 1) {
            out.append("[|pap]");
            return;
        } else if (length < 4) {
            int c = nd.u8(p);
            out.append("[|pap 0x");
            Names.appendHex(out, c, 2);
            out.append(']');
            return;
        }
        int code = nd.u8(p);
        out.append("PAP, ").append(switch (code) {
            case 1 -> "Auth-Req";
            case 2 -> "Auth-ACK";
            case 3 -> "Auth-NACK";
            default -> "unknown";
        }).append(" (0x");
        Names.appendHex(out, code, 2);
        out.append(')');
        int id = nd.u8(p + 1);
        out.append(", id ").append(id);
        int len = nd.u16(p + 2);
        p += 4;
        if (len > length) {
            out.append(", length ").append(len).append(" > packet size");
            return;
        }
        length = len;
        if (length < p - p0) {
            out.append(", length ").append(length).append(" < PAP header length");
            return;
        }
        switch (code) {
            case 1 -> {
                if (len < 6) {
                    out.append("[|pap]");
                    return;
                }
                int peer = nd.u8(p++);
                if (length - (p - p0) < peer) {
                    return;
                }
                out.append(", Peer ");
                p = chars(nd, p, peer);
                if (length - (p - p0) < 1) {
                    return;
                }
                int pw = nd.u8(p++);
                if (length - (p - p0) < pw) {
                    return;
                }
                out.append(", Name ");
                chars(nd, p, pw);
            }
            case 2, 3 -> {
                if (len < 5) {
                    out.append("[|pap]");
                    return;
                }
                int msg = nd.u8(p++);
                if (length - (p - p0) < msg) {
                    return;
                }
                out.append(", Msg ");
                chars(nd, p, msg);
            }
            default -> {
                // nothing more
            }
        }
    }
}
