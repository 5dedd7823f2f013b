package io.arplab.wire.tcpdump;

/** print-gre.c: GRE version 0 (RFC 2784/2890) and version 1 (PPTP's enhanced GRE, RFC 2637), IP protocol 47. */
final class GrePrinter {
    static final int IPPROTO_GRE = 47;
    private static final int GRE_CP = 0x8000;
    private static final int GRE_RP = 0x4000;
    private static final int GRE_KP = 0x2000;
    private static final int GRE_SP = 0x1000;
    private static final int GRE_SSP = 0x0800;
    private static final int GRE_AP = 0x0080;

    private GrePrinter() {}

    /** gre_print(). */
    static void grePrint(Dissector nd, int bp, int length) {
        nd.protocol = "gre";
        try {
            nd.tcheck(bp, 2);
            if (length < 2) {
                throw TruncLabel.INSTANCE;
            }
            int vers = nd.u16(bp) & 0x0007;
            nd.out.append("GREv").append(vers);
            switch (vers) {
                case 0 -> print0(nd, bp, length);
                case 1 -> print1(nd, bp, length);
                default -> nd.out.append(" ERROR: unknown-version");
            }
        } catch (TruncLabel t) {
            nd.trunc();
        }
    }

    /** bittok2str(gre_flag_values, "none", flags). */
    private static void flags(StringBuilder out, int flags) {
        out.append(", Flags [");
        int[] bits = {GRE_CP, GRE_RP, GRE_KP, GRE_SP, GRE_SSP, GRE_AP};
        String[] names = {"checksum present", "routing present", "key present", "sequence# present",
            "source routing present", "ack present"};
        String sep = "";
        for (int i = 0; i < bits.length; i++) {
            if ((flags & bits[i]) != 0) {
                out.append(sep).append(names[i]);
                sep = ", ";
            }
        }
        out.append(sep.isEmpty() ? "none" : "").append(']');
    }

    /** One ND_TCHECK_n then "if (len < n) goto trunc". */
    private static void need(Dissector nd, int bp, int len, int n) {
        nd.tcheck(bp, n);
        if (len < n) {
            throw TruncLabel.INSTANCE;
        }
    }

    private static void protoE(Dissector nd, int prot) {
        if (nd.eflag) {
            String name = Names.ethertype(prot);
            nd.out.append(", proto ").append(name == null ? "unknown" : name).append(" (0x");
            nd.hex4(prot);
            nd.out.append(')');
        }
    }

    /** gre_print_0(). */
    private static void print0(Dissector nd, int bp, int length) {
        StringBuilder out = nd.out;
        int len = length;
        int flags = nd.u16(bp);
        if (nd.vflag > 0) {
            flags(out, flags);
        }
        len -= 2;
        bp += 2;
        need(nd, bp, len, 2);
        int prot = nd.u16(bp);
        len -= 2;
        bp += 2;
        if ((flags & (GRE_CP | GRE_RP)) != 0) {
            need(nd, bp, len, 2);
            if (nd.vflag > 0) {
                out.append(", sum 0x");
                Names.appendHex(out, nd.u16(bp));
            }
            bp += 2;
            len -= 2;
            need(nd, bp, len, 2);
            out.append(", off 0x");
            Names.appendHex(out, nd.u16(bp));
            bp += 2;
            len -= 2;
        }
        if ((flags & GRE_KP) != 0) {
            need(nd, bp, len, 4);
            out.append(", key=0x");
            Names.appendHex(out, nd.u32(bp));
            bp += 4;
            len -= 4;
        }
        if ((flags & GRE_SP) != 0) {
            need(nd, bp, len, 4);
            out.append(", seq " + nd.u32(bp));
            bp += 4;
            len -= 4;
        }
        if ((flags & GRE_RP) != 0) {
            for (;;) {
                need(nd, bp, len, 4);
                int af = nd.u16(bp);
                int sreoff = nd.u8(bp + 2);
                int srelen = nd.u8(bp + 3);
                bp += 4;
                len -= 4;
                if (af == 0 && srelen == 0) {
                    break;
                }
                if (!srePrint(nd, af, sreoff, srelen, bp, len) || len < srelen) {
                    throw TruncLabel.INSTANCE;
                }
                bp += srelen;
                len -= srelen;
            }
        }
        protoE(nd, prot);
        out.append(", length ").append(length);
        out.append(nd.vflag < 1 ? ": " : "\n\t");
        switch (prot) {
            case EtherPrinter.ETHERTYPE_IP -> IpPrinter.ipPrint(nd, bp, len);
            case EtherPrinter.ETHERTYPE_IPV6 -> Ip6Printer.ip6Print(nd, bp, len);
            case 0x8137 -> IpxPrinter.ipxPrint(nd, bp, len);
            case 0x00fe -> LlcPrinter.isoclnsPrint(nd, bp, len);
            case 0x8847 -> MplsPrinter.mplsPrint(nd, bp, len);
            case 0x6558 -> EtherPrinter.etherPrint(nd, bp, len, nd.available(bp));
            default -> {
                // AppleTalk (0x809b) has a printer this package does not carry
                out.append("gre-proto-0x");
                Names.appendHex(out, prot);
            }
        }
    }

    /** gre_print_1(). */
    private static void print1(Dissector nd, int bp, int length) {
        StringBuilder out = nd.out;
        int len = length;
        int flags = nd.u16(bp);
        len -= 2;
        bp += 2;
        if (nd.vflag > 0) {
            flags(out, flags);
        }
        need(nd, bp, len, 2);
        int prot = nd.u16(bp);
        len -= 2;
        bp += 2;
        if ((flags & GRE_KP) != 0) {
            need(nd, bp, len, 4);
            out.append(", call ").append(nd.u32(bp) & 0xffff);
            len -= 4;
            bp += 4;
        }
        if ((flags & GRE_SP) != 0) {
            need(nd, bp, len, 4);
            out.append(", seq " + nd.u32(bp));
            bp += 4;
            len -= 4;
        }
        if ((flags & GRE_AP) != 0) {
            need(nd, bp, len, 4);
            out.append(", ack " + nd.u32(bp));
            bp += 4;
            len -= 4;
        }
        if ((flags & GRE_SP) == 0) {
            out.append(", no-payload");
        }
        protoE(nd, prot);
        out.append(", length ").append(length);
        if ((flags & GRE_SP) == 0) {
            return;
        }
        out.append(nd.vflag < 1 ? ": " : "\n\t");
        if (prot == 0x880b) {
            PppPrinter.pppPrint(nd, bp, len);
        } else {
            out.append("gre-proto-0x");
            Names.appendHex(out, prot);
        }
    }

    /** gre_sre_print(), gre_sre_ip_print(), gre_sre_asn_print(). */
    private static boolean srePrint(Dissector nd, int af, int sreoff, int srelen, int bp, int len) {
        StringBuilder out = nd.out;
        boolean ip = af == 0x0800;
        if (!ip && af != 0xfffe) {
            out.append(", (rtaf=0x");
            Names.appendHex(out, af);
            out.append(')');
            return true;
        }
        out.append(ip ? ", (rtaf=ip" : ", (rtaf=asn");
        int unit = ip ? 4 : 2;
        boolean ret = true;
        if ((sreoff & (unit - 1)) != 0) {
            out.append(", badoffset=").append(sreoff);
        } else if ((srelen & (unit - 1)) != 0) {
            out.append(", badlength=").append(srelen);
        } else if (sreoff >= srelen) {
            out.append(", badoff/len=").append(sreoff).append('/').append(srelen);
        } else {
            int up = bp;
            while (srelen != 0) {
                if (!nd.ttest(bp, unit)) {
                    // ND_TCHECK in a function whose trunc: label returns 0
                    ret = false;
                    break;
                }
                if (len < unit) {
                    ret = false;
                    break;
                }
                out.append(' ').append(bp - up == sreoff ? "*" : "");
                if (ip) {
                    Names.ipaddr(out, nd.p, bp);
                } else {
                    Names.appendHex(out, nd.u16(bp));
                }
                bp += unit;
                len -= unit;
                srelen -= unit;
            }
        }
        out.append(')');
        return ret;
    }
}
