package io.arplab.wire.tcpdump;

/** print-bootp.c: BOOTP/DHCP (RFC 951, RFC 2131) and its RFC 1048/2132 vendor options. */
final class BootpPrinter {
    static final int BOOTPS_PORT = 67;
    static final int BOOTPC_PORT = 68;
    private static final int OP = 0, HTYPE = 1, HLEN = 2, HOPS = 3, XID = 4, SECS = 8, FLAGS = 10, CIADDR = 12,
            YIADDR = 16, SIADDR = 20, GIADDR = 24, CHADDR = 28, SNAME = 44, FILE = 108, VEND = 236;
    private static final int TAG_PAD = 0, TAG_END = 255, TAG_DHCP_MESSAGE = 53, TAG_PARM_REQUEST = 55,
            TAG_NETBIOS_NODE = 46, TAG_OPT_OVERLOAD = 52, TAG_CLIENT_FQDN = 81, TAG_CLIENT_ID = 61,
            TAG_AGENT_CIRCUIT = 82, TAG_CLASSLESS_STATIC_RT = 121, TAG_CLASSLESS_STA_RT_MS = 249,
            TAG_USER_CLASS = 77;

    /** tag2str[]: the first character is the format (i, p, l, L, s, b, x, a, B, $). */
    private static final String[] TAGS = new String[256];
    private static final String[] DHCP_MESSAGES = {null, "Discover", "Offer", "Request", "Decline", "ACK", "NACK",
            "Release", "Inform", null, "LeaseQuery", "LeaseUnassigned", "LeaseUnknown", "LeaseActive"};

    static {
        Object[] t = {
            0, " PAD",
            1, "iSubnet-Mask",
            2, "LTime-Zone",
            3, "iDefault-Gateway",
            4, "iTime-Server",
            5, "iIEN-Name-Server",
            6, "iDomain-Name-Server",
            7, "iLOG",
            8, "iCS",
            9, "iLPR-Server",
            10, "iIM",
            11, "iRL",
            12, "aHostname",
            13, "sBS",
            255, " END",
            14, "aDP",
            15, "aDomain-Name",
            16, "iSS",
            17, "aRP",
            18, "aEP",
            19, "BIPF",
            20, "BSRT",
            21, "pPF",
            22, "sRSZ",
            23, "bTTL",
            24, "lMTU-Timeout",
            25, "sMTU-Table",
            26, "sMTU",
            27, "BLSN",
            28, "iBR",
            29, "BMD",
            30, "BMS",
            31, "BRouter-Discovery",
            32, "iRSA",
            33, "pStatic-Route",
            34, "BUT",
            35, "lAT",
            36, "BIE",
            37, "bTT",
            38, "lKI",
            39, "BKG",
            40, "aYD",
            41, "iYS",
            42, "iNTP",
            43, "bVendor-Option",
            44, "iNetbios-Name-Server",
            45, "iWDD",
            46, "$Netbios-Node",
            47, "aNetbios-Scope",
            48, "iXFS",
            49, "iXDM",
            64, "sN+D",
            65, "iN+S",
            68, "iMH",
            69, "iSMTP",
            70, "iPOP3",
            71, "iNNTP",
            72, "iWWW",
            73, "iFG",
            74, "iIRC",
            75, "iSTS",
            76, "iSTDA",
            50, "iRequested-IP",
            51, "lLease-Time",
            52, "$OO",
            66, "aTFTP",
            67, "aBF",
            53, " DHCP-Message",
            54, "iServer-ID",
            55, "bParameter-Request",
            56, "aMSG",
            57, "sMSZ",
            58, "lRN",
            59, "lRB",
            60, "aVendor-Class",
            61, "$Client-ID",
            98, "aUAP",
            116, "BNOAUTO",
            78, "bSLP-DA",
            79, "bSLP-SCOPE",
            117, "sNSSEARCH",
            77, "$User-Class",
            118, "iSUBNET",
            121, "$Classless-Static-Route",
            249, "$Classless-Static-Route-Microsoft",
            150, "iTFTP-Server-Address",
            80, "aSLP-NA",
            81, "$FQDN",
            82, "$Agent-Information",
            83, "bARMT",
            88, "aTZSTR",
            89, "bFQDNS",
            90, "bAUTH",
            91, "LLast-Transaction-Time",
            92, "iAssociated-IP",
            93, "sARCH",
            94, "bNDI",
            97, "bGUID",
            95, "aLDAP",
            100, "aPOSIX-TZ",
            101, "aTZ-Name",
            112, "iNI",
            113, "aNITAG",
            114, "aURL",
            161, "aMUD-URL"};
        for (int i = 0; i < t.length; i += 2) {
            TAGS[(Integer) t[i]] = (String) t[i + 1];
        }
    }

    private BootpPrinter() {}

    /** bootp_print(). */
    static void bootpPrint(Dissector nd, int bp, int length) {
        nd.protocol = "bootp";
        StringBuilder out = nd.out;
        int op = nd.u8(bp + OP);
        out.append("BOOTP/DHCP, ");
        if (op == 1) {
            out.append("Request");
        } else if (op == 2) {
            out.append("Reply");
        } else {
            out.append("unknown (0x");
            nd.hex2(op);
            out.append(')');
        }
        int htype = nd.u8(bp + HTYPE);
        int hlen = nd.u8(bp + HLEN);
        if (htype == 1 && hlen == 6 && op == 1) {
            nd.check(bp + CHADDR, 6); // GET_ETHERADDR_STRING() before anything is printed
            out.append(" from ");
            etheraddr(nd, bp + CHADDR);
        }
        out.append(", length ").append(length);
        if (nd.vflag == 0) {
            return;
        }
        try {
            nd.tcheck(bp + SECS, 2);
            if (htype != 1) {
                out.append(", htype ").append(htype);
            }
            if (htype != 1 || hlen != 6) {
                out.append(", hlen ").append(hlen);
            }
            if (nd.u8(bp + HOPS) != 0) {
                out.append(", hops ").append(nd.u8(bp + HOPS));
            }
            if (nd.u32(bp + XID) != 0) {
                out.append(", xid 0x");
                nd.hex(nd.u32(bp + XID));
            }
            if (nd.u16(bp + SECS) != 0) {
                out.append(", secs ").append(nd.u16(bp + SECS));
            }
            int flags = nd.u16(bp + FLAGS);
            out.append(", Flags [").append((flags & 0x8000) != 0 ? "Broadcast" : "none").append(']');
            if (nd.vflag > 1) {
                out.append(" (0x");
                nd.hex4(flags);
                out.append(')');
            }
            address(nd, bp + CIADDR, "Client-IP");
            address(nd, bp + YIADDR, "Your-IP");
            address(nd, bp + SIADDR, "Server-IP");
            address(nd, bp + GIADDR, "Gateway-IP");
            if (htype == 1 && hlen == 6) {
                nd.check(bp + CHADDR, 6);
                out.append("\n\t  Client-Ethernet-Address ");
                etheraddr(nd, bp + CHADDR);
            }
            if (!zeroTerminated(nd, bp + SNAME, 64, "sname") || !zeroTerminated(nd, bp + FILE, 128, "file")) {
                return;
            }
            nd.tcheck(bp + VEND, 4);
            long magic = nd.u32(bp + VEND);
            if (magic == 0x63825363L) {
                rfc1048Print(nd, bp + VEND);
            } else if (magic == 0x434d5500L) { // VM_CMU, "CMU" and its NUL
                cmuPrint(nd, bp + VEND);
            } else if (magic != 0) {
                out.append("\n\t  Vendor-#0x");
                nd.hex(magic);
            }
        } catch (TruncLabel t) {
            nd.trunc();
        }
    }

    private static void etheraddr(Dissector nd, int off) {
        nd.check(off, 6);
        Names.etheraddr(nd.out, nd.p, off, nd.numeric);
    }

    private static void ipaddr(Dissector nd, int off) {
        nd.check(off, 4);
        Names.ipaddr(nd.out, nd.p, off);
    }

    private static void address(Dissector nd, int off, String label) {
        if (nd.u32(off) != 0) {
            nd.out.append("\n\t  ").append(label).append(' ');
            ipaddr(nd, off);
        }
    }

    /** The sname and file fields: printed when their first byte is set (nd_printztn()); false when cut. */
    private static boolean zeroTerminated(Dissector nd, int off, int size, String label) {
        if (nd.u8(off) == 0) {
            return true;
        }
        nd.out.append("\n\t  ").append(label).append(" \"");
        int n = size;
        int s = off;
        boolean ok;
        for (;;) {
            if (n == 0 || s >= nd.snapend) {
                ok = false;
                break;
            }
            int c = nd.u8(s++);
            n--;
            if (c == 0) {
                ok = true;
                break;
            }
            nd.printChar(c);
        }
        nd.out.append('"');
        if (!ok) {
            nd.trunc();
        }
        return ok;
    }

    /** rfc1048_print(): the options after the magic cookie. */
    private static void rfc1048Print(Dissector nd, int bp) {
        StringBuilder out = nd.out;
        out.append("\n\t  Vendor-rfc1048 Extensions");
        out.append("\n\t    Magic Cookie 0x");
        Names.appendHex(out, nd.u32(bp), 8);
        bp += 4;
        while (nd.ttest(bp, 1)) {
            int tag = nd.u8(bp++);
            if (tag == TAG_PAD && nd.vflag < 3) {
                continue;
            }
            if (tag == TAG_END && nd.vflag < 3) {
                return;
            }
            String name = TAGS[tag] == null ? "?Unknown" : TAGS[tag];
            char c = name.charAt(0);
            int len;
            if (tag == TAG_PAD || tag == TAG_END) {
                len = 0;
            } else {
                len = nd.u8(bp++);
            }
            out.append("\n\t    ").append(name, 1, name.length()).append(" (").append(tag).append("), length ")
                    .append(len).append(len > 0 ? ": " : "");
            if (tag == TAG_PAD && nd.vflag > 2) {
                int ntag = 1;
                while (nd.ttest(bp, 1) && nd.u8(bp) == TAG_PAD) {
                    bp++;
                    ntag++;
                }
                if (ntag > 1) {
                    out.append(", occurs ").append(ntag);
                }
            }
            nd.tcheck(bp, len);
            if (tag == TAG_DHCP_MESSAGE && len == 1) {
                int type = nd.u8(bp++);
                String m = type < DHCP_MESSAGES.length ? DHCP_MESSAGES[type] : null;
                if (m == null) {
                    out.append("Unknown (").append(type).append(')');
                } else {
                    out.append(m);
                }
                continue;
            }
            if (tag == TAG_PARM_REQUEST) {
                for (int idx = 0; len > 0; idx++) {
                    int inner = nd.u8(bp++);
                    len--;
                    String n = TAGS[inner] == null ? "?Unknown" : TAGS[inner];
                    out.append(idx % 4 == 0 ? "\n\t      " : ", ");
                    out.append(n, 1, n.length()).append(" (").append(inner).append(')');
                }
                continue;
            }
            if (c == '?') {
                c = (len & 1) != 0 ? 'b' : (len & 2) != 0 ? 's' : 'l';
            }
            boolean first = true;
            switch (c) {
                case 'a' -> {
                    out.append('"');
                    if (nd.printn(bp, len)) {
                        out.append('"');
                        throw TruncLabel.INSTANCE;
                    }
                    out.append('"');
                    bp += len;
                    len = 0;
                }
                case 'i', 'l', 'L' -> {
                    while (len >= 4) {
                        if (!first) {
                            out.append(',');
                        }
                        if (c == 'i') {
                            ipaddr(nd, bp);
                        } else if (c == 'L') {
                            out.append((int) nd.u32(bp));
                        } else {
                            out.append(nd.u32(bp));
                        }
                        bp += 4;
                        len -= 4;
                        first = false;
                    }
                }
                case 'p' -> {
                    while (len >= 8) {
                        if (!first) {
                            out.append(',');
                        }
                        nd.check(bp, 4);
                        out.append('(');
                        ipaddr(nd, bp);
                        nd.check(bp + 4, 4);
                        out.append(':');
                        ipaddr(nd, bp + 4);
                        out.append(')');
                        bp += 8;
                        len -= 8;
                        first = false;
                    }
                }
                case 's' -> {
                    while (len >= 2) {
                        if (!first) {
                            out.append(',');
                        }
                        out.append(nd.u16(bp));
                        bp += 2;
                        len -= 2;
                        first = false;
                    }
                }
                case 'B' -> {
                    while (len > 0) {
                        if (!first) {
                            out.append(',');
                        }
                        int v = nd.u8(bp);
                        if (v == 0) {
                            out.append('N');
                        } else if (v == 1) {
                            out.append('Y');
                        } else {
                            out.append(v).append('?');
                        }
                        bp++;
                        len--;
                        first = false;
                    }
                }
                case '$' -> {
                    int[] state = {bp, len};
                    special(nd, tag, state);
                    bp = state[0];
                    len = state[1];
                }
                default -> { // 'b', 'x' and the rest: bytes
                    while (len > 0) {
                        if (!first) {
                            out.append(c == 'x' ? ':' : '.');
                        }
                        int v = nd.u8(bp);
                        if (c == 'x') {
                            nd.hex2(v);
                        } else {
                            out.append(v);
                        }
                        bp++;
                        len--;
                        first = false;
                    }
                }
            }
            if (len != 0) {
                out.append("\n\t  trailing data length ").append(len);
                bp += len;
            }
        }
    }

    /** rfc1048_print()'s '$' formats: options that need their own code. state is {bp, len}, updated. */
    private static void special(Dissector nd, int tag, int[] state) {
        StringBuilder out = nd.out;
        int bp = state[0];
        int len = state[1];
        boolean first = true;
        switch (tag) {
            case TAG_NETBIOS_NODE, TAG_OPT_OVERLOAD -> {
                if (len < 1) {
                    out.append("[ERROR: length < 1 bytes]");
                    break;
                }
                int v = nd.u8(bp++);
                len--;
                String s = tag == TAG_NETBIOS_NODE
                        ? switch (v) { case 1 -> "b-node"; case 2 -> "p-node"; case 4 -> "m-node"; case 8 -> "h-node";
                            default -> "#" + v; }
                        : switch (v) { case 1 -> "file"; case 2 -> "sname"; case 3 -> "file+sname"; default -> "#" + v; };
                out.append(s);
            }
            case TAG_CLIENT_FQDN -> {
                if (len < 3) {
                    out.append("[ERROR: length < 3 bytes]");
                    bp += len;
                    len = 0;
                    break;
                }
                int f = nd.u8(bp);
                if ((f & 0xf0) != 0) {
                    out.append("[ERROR: MBZ nibble 0x");
                    nd.hex((f & 0xf0) >> 4);
                    out.append(" != 0] ");
                }
                if ((f & 0x0f) != 0) {
                    out.append('[');
                    if ((f & 1) != 0) {
                        out.append('S');
                    }
                    if ((f & 2) != 0) {
                        out.append('O');
                    }
                    if ((f & 4) != 0) {
                        out.append('E');
                    }
                    if ((f & 8) != 0) {
                        out.append('N');
                    }
                    out.append("] ");
                }
                bp++;
                if (nd.u8(bp) != 0 || nd.u8(bp + 1) != 0) {
                    out.append(nd.u8(bp)).append('/').append(nd.u8(bp + 1)).append(' ');
                }
                bp += 2;
                out.append('"');
                if (nd.printn(bp, len - 3)) {
                    out.append('"');
                    throw TruncLabel.INSTANCE;
                }
                out.append('"');
                bp += len - 3;
                len = 0;
            }
            case TAG_CLIENT_ID -> {
                if (len < 1) {
                    out.append("[ERROR: length < 1 bytes]");
                    break;
                }
                int type = nd.u8(bp++);
                len--;
                if (type == 0) {
                    out.append('"');
                    if (nd.printn(bp, len)) {
                        out.append('"');
                        throw TruncLabel.INSTANCE;
                    }
                    out.append('"');
                    bp += len;
                    len = 0;
                } else {
                    String hw = switch (type) {
                        case 0x1 -> "ether";
                        case 0x6 -> "ieee802";
                        case 0x7 -> "arcnet";
                        case 0xf -> "frelay";
                        case 0x17 -> "strip";
                        case 0x18 -> "ieee1394";
                        default -> "hardware-type " + type + ",";
                    };
                    out.append(hw).append(' ');
                    while (len > 0) {
                        if (!first) {
                            out.append(':');
                        }
                        nd.hex2(nd.u8(bp));
                        bp++;
                        len--;
                        first = false;
                    }
                }
            }
            case TAG_AGENT_CIRCUIT -> {
                while (len >= 2) {
                    int subopt = nd.u8(bp);
                    int suboptlen = nd.u8(bp + 1);
                    bp += 2;
                    len -= 2;
                    String name = switch (subopt) {
                        case 1 -> "Circuit-ID";
                        case 2 -> "Remote-ID";
                        case 6 -> "Subscriber-ID";
                        default -> "Unknown";
                    };
                    out.append("\n\t      ").append(name).append(" SubOption ").append(subopt).append(", length ")
                            .append(suboptlen).append(": ");
                    if (suboptlen > len) {
                        out.setLength(out.length() - 2);
                        out.append(": length goes past end of option");
                        bp += len;
                        len = 0;
                        break;
                    }
                    if (subopt == 1 || subopt == 2 || subopt == 6) {
                        if (nd.printn(bp, suboptlen)) {
                            throw TruncLabel.INSTANCE;
                        }
                    } else {
                        HexDump.unknownData(nd, bp, "\n\t\t", suboptlen);
                    }
                    len -= suboptlen;
                    bp += suboptlen;
                }
            }
            case TAG_CLASSLESS_STATIC_RT, TAG_CLASSLESS_STA_RT_MS -> {
                if (len < 5) {
                    out.append("[ERROR: length < 5 bytes]");
                    bp += len;
                    len = 0;
                    break;
                }
                while (len > 0) {
                    if (!first) {
                        out.append(',');
                    }
                    int width = nd.u8(bp++);
                    len--;
                    if (width > 32) {
                        out.append("[ERROR: Mask width (").append(width).append(") > 32]");
                        bp += len;
                        len = 0;
                        break;
                    }
                    int significant = (width + 7) / 8;
                    if (len < significant + 4) {
                        out.append("[ERROR: Remaining length (").append(len).append(") < ").append(significant + 4)
                                .append(" bytes]");
                        bp += len;
                        len = 0;
                        break;
                    }
                    out.append('(');
                    if (width == 0) {
                        out.append("default");
                    } else {
                        for (int i = 0; i < significant; i++) {
                            if (i > 0) {
                                out.append('.');
                            }
                            out.append(nd.u8(bp++));
                        }
                        for (int i = significant; i < 4; i++) {
                            out.append(".0");
                        }
                        out.append('/').append(width);
                    }
                    nd.check(bp, 4);
                    out.append(':');
                    ipaddr(nd, bp);
                    out.append(')');
                    bp += 4;
                    len -= significant + 4;
                    first = false;
                }
            }
            case TAG_USER_CLASS -> {
                if (len < 2) {
                    out.append("[ERROR: length < 2 bytes]");
                    bp += len;
                    len = 0;
                    break;
                }
                for (int n = 1; len > 0; n++) {
                    int sublen = nd.u8(bp++);
                    len--;
                    out.append("\n\t      instance#").append(n).append(": ");
                    if (sublen == 0) {
                        out.append("[ERROR: suboption length must be non-zero]");
                        bp += len;
                        len = 0;
                        break;
                    }
                    if (len < sublen) {
                        out.append("[ERROR: invalid option]");
                        bp += len;
                        len = 0;
                        break;
                    }
                    out.append('"');
                    if (nd.printn(bp, sublen)) {
                        out.append('"');
                        throw TruncLabel.INSTANCE;
                    }
                    out.append("\", length ").append(sublen);
                    len -= sublen;
                    bp += sublen;
                }
            }
            default -> {
                out.append("[unknown special tag ").append(tag).append(", size ").append(len).append(']');
                bp += len;
                len = 0;
            }
        }
        state[0] = bp;
        state[1] = len;
    }

    /** cmu_print(): the CMU vendor area. */
    private static void cmuPrint(Dissector nd, int bp) {
        StringBuilder out = nd.out;
        out.append(" vend-cmu");
        nd.tcheck(bp + 4, 4);
        int flags = nd.u8(bp + 4);
        if ((flags & ~1) != 0) {
            out.append(" F:0x");
            nd.hex(flags);
        }
        cmuAddress(nd, bp + 12, "DG");
        cmuAddress(nd, bp + 8, (flags & 1) != 0 ? "SM" : "SM*");
        cmuAddress(nd, bp + 16, "NS1");
        cmuAddress(nd, bp + 20, "NS2");
        cmuAddress(nd, bp + 24, "IEN1");
        cmuAddress(nd, bp + 28, "IEN2");
        cmuAddress(nd, bp + 32, "TS1");
        cmuAddress(nd, bp + 36, "TS2");
    }

    private static void cmuAddress(Dissector nd, int off, String label) {
        nd.tcheck(off, 4);
        if (nd.u32(off) != 0) {
            nd.out.append(' ').append(label).append(':');
            ipaddr(nd, off);
        }
    }
}
