package io.arplab.wire.tcpdump;

/** print-arp.c: ARP, RARP and ATM ARP. */
final class ArpPrinter {
    private static final int ARPHRD_FRELAY = 15;
    private static final int ARPHRD_ATM2225 = 19;
    private static final int ARPOP_REQUEST = 1;
    private static final int ARPOP_REPLY = 2;
    private static final int ARPOP_REVREQUEST = 3;
    private static final int ARPOP_REVREPLY = 4;
    private static final int ARPOP_INVREQUEST = 8;
    private static final int ARPOP_INVREPLY = 9;
    private static final int ARPOP_NAK = 10;

    private static final int LINKADDR_MAC48 = 0;
    private static final int LINKADDR_FRELAY = 1;
    private static final int LINKADDR_ATM = 2;
    /** addrtoname.h's LINKADDR_OTHER: bytes in hex, colon-separated. */
    static final int LINKADDR_OTHER = 3;

    private ArpPrinter() {}

    /** arphrd_values. */
    private static void hardware(StringBuilder out, int hrd) {
        String s = switch (hrd) {
            case 1 -> "Ethernet";
            case 6 -> "TokenRing";
            case 7 -> "ArcNet";
            case 15 -> "FrameRelay";
            case 23 -> "Strip";
            case 24 -> "IEEE 1394";
            case 19 -> "ATM";
            case 32 -> "InfiniBand";
            default -> null;
        };
        if (s == null) {
            out.append("Unknown Hardware (").append(hrd).append(')');
        } else {
            out.append(s);
        }
    }

    /** tok2str(ethertype_values, "Unknown Protocol (0x%04x)", pro). */
    private static void protocol(StringBuilder out, int pro) {
        String s = Names.ethertype(pro);
        if (s == null) {
            out.append("Unknown Protocol (0x");
            Names.appendHex(out, pro, 4);
            out.append(')');
        } else {
            out.append(s);
        }
    }

    /** arpop_values. */
    private static void operation(StringBuilder out, int op) {
        String s = switch (op) {
            case ARPOP_REQUEST -> "Request";
            case ARPOP_REPLY -> "Reply";
            case ARPOP_REVREQUEST -> "Reverse Request";
            case ARPOP_REVREPLY -> "Reverse Reply";
            case ARPOP_INVREQUEST -> "Inverse Request";
            case ARPOP_INVREPLY -> "Inverse Reply";
            case ARPOP_NAK -> "NACK Reply";
            default -> null;
        };
        if (s == null) {
            out.append("Unknown (").append(op).append(')');
        } else {
            out.append(s);
        }
    }

    private static boolean isIp(int pro) {
        return pro == EtherPrinter.ETHERTYPE_IP || pro == EtherPrinter.ETHERTYPE_TRAIL;
    }

    /** GET_LINKADDR_STRING(): linkaddr_string() of captured bytes. */
    static void linkaddr(Dissector nd, int off, int type, int len) {
        nd.check(off, len);
        StringBuilder out = nd.out;
        if (len == 0) {
            out.append("<empty>");
            return;
        }
        if (type == LINKADDR_MAC48 && len == 6) {
            Names.etheraddr(out, nd.p, off, nd.numeric);
            return;
        }
        if (type == LINKADDR_FRELAY) {
            q922(nd, off, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                out.append(':');
            }
            nd.hex2(nd.p[off + i] & 0xff);
        }
    }

    /** print-fr.c q922_string(): "DLCI n", "<Invalid DLCI>" or "<Truncated>" (parse_q922_header()). */
    private static void q922(Dissector nd, int p, int length) {
        StringBuilder out = nd.out;
        int ret;
        int dlci = 0;
        parse:
        {
            if (!nd.ttest(p, 1) || length < 1) {
                ret = -1;
                break parse;
            }
            int b0 = nd.u8(p);
            if ((b0 & 1) != 0) {
                ret = 0;
                break parse;
            }
            if (!nd.ttest(p + 1, 1) || length < 2) {
                ret = -1;
                break parse;
            }
            int b1 = nd.u8(p + 1);
            dlci = ((b0 & 0xfc) << 2) | ((b1 & 0xf0) >> 4);
            if ((b1 & 1) != 0) {
                ret = 1;
                break parse;
            }
            p += 2;
            length -= 2;
            if (!nd.ttest(p, 1) || length < 1) {
                ret = -1;
                break parse;
            }
            int b = nd.u8(p);
            if ((b & 1) == 0) {
                dlci = (dlci << 7) | (b >> 1);
                p++;
                length--;
            }
            if (!nd.ttest(p, 1) || length < 1) {
                ret = -1;
                break parse;
            }
            b = nd.u8(p);
            if ((b & 1) == 0) {
                ret = 0;
                break parse;
            }
            dlci = (dlci << 6) | (b >> 2);
            ret = 1;
        }
        switch (ret) {
            case 1 -> out.append("DLCI ").append(dlci & 0xffffffffL);
            case 0 -> out.append("<Invalid DLCI>");
            default -> out.append("<Truncated>");
        }
    }

    private static void ipaddr(Dissector nd, int off) {
        nd.check(off, 4);
        Names.ipaddr(nd.out, nd.p, off);
    }

    /** arp_print(). */
    static void arpPrint(Dissector nd, int bp, int length, int caplen) {
        nd.protocol = "arp";
        StringBuilder out = nd.out;
        nd.check(bp, 8);
        int hrd = nd.u16(bp);
        int pro = nd.u16(bp + 2);
        int op = nd.u16(bp + 6);
        int linkaddr;
        switch (hrd) {
            case ARPHRD_ATM2225 -> {
                atmarpPrint(nd, bp, length, caplen);
                return;
            }
            case ARPHRD_FRELAY -> linkaddr = LINKADDR_FRELAY;
            default -> linkaddr = LINKADDR_MAC48;
        }
        int hln = nd.u8(bp + 4);
        int pln = nd.u8(bp + 5);
        int sha = bp + 8;
        int spa = sha + hln;
        int tha = spa + pln;
        int tpa = tha + hln;
        nd.check(tpa, pln);

        if (!nd.eflag) {
            out.append("ARP, ");
        }
        if (!isIp(pro) || pln != 4 || hln == 0 || nd.vflag > 0) {
            hardware(out, hrd);
            out.append(" (len ").append(hln).append("), ");
            protocol(out, pro);
            out.append(" (len ").append(pln).append(')');
            if (nd.vflag == 0) {
                out.append(", length ").append(length);
                return;
            }
        }
        if (nd.vflag > 0) {
            out.append(", ");
        }
        operation(out, op);
        out.append(' ');
        switch (op) {
            case ARPOP_REQUEST -> {
                out.append("who-has ");
                paddr(nd, pro, pln, tpa);
                boolean nonzero = false;
                for (int i = 0; i < hln; i++) {
                    if (nd.u8(tha + i) != 0) {
                        nonzero = true;
                        break;
                    }
                }
                if (nonzero) {
                    out.append(" (");
                    linkaddr(nd, tha, linkaddr, hln);
                    out.append(')');
                }
                out.append(" tell ");
                paddr(nd, pro, pln, spa);
            }
            case ARPOP_REPLY -> {
                paddr(nd, pro, pln, spa);
                out.append(" is-at ");
                linkaddr(nd, sha, linkaddr, hln);
            }
            case ARPOP_REVREQUEST, ARPOP_INVREQUEST -> {
                out.append("who-is ");
                linkaddr(nd, tha, linkaddr, hln);
                out.append(" tell ");
                linkaddr(nd, sha, linkaddr, hln);
            }
            case ARPOP_REVREPLY -> {
                linkaddr(nd, tha, linkaddr, hln);
                out.append(" at ");
                paddr(nd, pro, pln, tpa);
            }
            case ARPOP_INVREPLY -> {
                linkaddr(nd, sha, linkaddr, hln);
                out.append(" at ");
                paddr(nd, pro, pln, spa);
            }
            default -> {
                HexDump.hexAndAscii(nd, "\n\t", bp, caplen);
                return;
            }
        }
        out.append(", length ").append(length);
    }

    /** tpaddr_print_ip() / spaddr_print_ip(). */
    private static void paddr(Dissector nd, int pro, int pln, int off) {
        if (!isIp(pro)) {
            nd.out.append("<wrong proto type>");
        } else if (pln != 4) {
            nd.out.append("<wrong len>");
        } else {
            ipaddr(nd, off);
        }
    }

    /** atmarp_print(): RFC 2225 ATM ARP. */
    private static void atmarpPrint(Dissector nd, int bp, int length, int caplen) {
        StringBuilder out = nd.out;
        nd.check(bp, 12);
        int hrd = nd.u16(bp);
        int pro = nd.u16(bp + 2);
        int op = nd.u16(bp + 6);
        int shln = nd.u8(bp + 4) & 0x3f;
        int ssln = nd.u8(bp + 5) & 0x3f;
        int spln = nd.u8(bp + 8);
        int thln = nd.u8(bp + 9) & 0x3f;
        int tsln = nd.u8(bp + 10) & 0x3f;
        int tpln = nd.u8(bp + 11);
        int sha = bp + 12;
        int ssa = sha + shln;
        int spa = ssa + ssln;
        int tha = spa + spln;
        int tsa = tha + thln;
        int tpa = tsa + tsln;
        nd.check(tpa, tpln);
        if (!nd.eflag) {
            out.append("ARP, ");
        }
        if (!isIp(pro) || spln != 4 || tpln != 4 || nd.vflag > 0) {
            hardware(out, hrd);
            out.append(", ");
            protocol(out, pro);
            out.append(" (len ").append(spln).append('/').append(tpln).append(')');
            if (nd.vflag == 0) {
                out.append(", length ").append(length);
                return;
            }
        }
        if (nd.vflag > 0) {
            out.append(", ");
        }
        operation(out, op);
        out.append(' ');
        switch (op) {
            case ARPOP_REQUEST -> {
                out.append("who-has ");
                atmPaddr(nd, pro, tpln, tpa, "<wrong tplen>");
                if (thln != 0) {
                    out.append(" (");
                    atmAddr(nd, tha, thln, tsa, tsln);
                    out.append(')');
                }
                out.append(" tell ");
                atmPaddr(nd, pro, spln, spa, "<wrong splen>");
            }
            case ARPOP_REPLY -> {
                atmPaddr(nd, pro, spln, spa, "<wrong splen>");
                out.append(" is-at ");
                atmAddr(nd, sha, shln, ssa, ssln);
            }
            case ARPOP_INVREQUEST -> {
                out.append("who-is ");
                atmAddr(nd, tha, thln, tsa, tsln);
                out.append(" tell ");
                atmAddr(nd, sha, shln, ssa, ssln);
            }
            case ARPOP_INVREPLY -> {
                atmAddr(nd, sha, shln, ssa, ssln);
                out.append("at ");
                atmPaddr(nd, pro, spln, spa, "<wrong splen>");
            }
            case ARPOP_NAK -> {
                out.append("for ");
                atmPaddr(nd, pro, spln, spa, "<wrong splen>");
            }
            default -> {
                HexDump.hexAndAscii(nd, "\n\t", bp, caplen);
                return;
            }
        }
        out.append(", length ").append(length);
    }

    private static void atmPaddr(Dissector nd, int pro, int plen, int off, String wrongLen) {
        if (!isIp(pro)) {
            nd.out.append("<wrong proto type>");
        } else if (plen != 4) {
            nd.out.append(wrongLen);
        } else {
            ipaddr(nd, off);
        }
    }

    /** atmarp_addr_print(). */
    private static void atmAddr(Dissector nd, int ha, int haLen, int srca, int srcaLen) {
        if (haLen == 0) {
            nd.out.append("<No address>");
            return;
        }
        linkaddr(nd, ha, LINKADDR_ATM, haLen);
        if (srcaLen != 0) {
            nd.out.append(',');
            linkaddr(nd, srca, LINKADDR_ATM, srcaLen);
        }
    }
}
