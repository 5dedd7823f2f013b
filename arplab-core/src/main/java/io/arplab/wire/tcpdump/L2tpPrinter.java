package io.arplab.wire.tcpdump;

/** print-l2tp.c: L2TP (RFC 2661) on UDP port 1701: the header, a control message's AVPs, a data message's PPP. */
final class L2tpPrinter {
    static final int L2TP_PORT = 1701;

    private static final String[] MSGTYPES = {null, "SCCRQ", "SCCRP", "SCCCN", "StopCCN", null, "HELLO", "OCRQ",
        "OCRP", "OCCN", "ICRQ", "ICRP", "ICCN", null, "CDN", "WEN", "SLI"};
    private static final String[] AVPS = {"MSGTYPE", "RESULT_CODE", "PROTO_VER", "FRAMING_CAP", "BEARER_CAP",
        "TIE_BREAKER", "FIRM_VER", "HOST_NAME", "VENDOR_NAME", "ASSND_TUN_ID", "RECV_WIN_SIZE", "CHALLENGE",
        "Q931_CC", "CHALLENGE_RESP", "ASSND_SESS_ID", "CALL_SER_NUM", "MINIMUM_BPS", "MAXIMUM_BPS", "BEARER_TYPE",
        "FRAMING_TYPE", "PACKET_PROC_DELAY", "CALLED_NUMBER", "CALLING_NUMBER", "SUB_ADDRESS", "TX_CONN_SPEED",
        "PHY_CHANNEL_ID", "INI_RECV_LCP", "LAST_SENT_LCP", "LAST_RECV_LCP", "PROXY_AUTH_TYPE", "PROXY_AUTH_NAME",
        "PROXY_AUTH_CHAL", "PROXY_AUTH_ID", "PROXY_AUTH_RESP", "CALL_ERRORS", "ACCM", "RANDOM_VECTOR",
        "PRIVATE_GRP_ID", "RX_CONN_SPEED", "SEQ_REQUIRED"};
    private static final String[] AUTH_TYPES = {"Reserved", "Textual", "CHAP", "PAP", "No Auth", "MS-CHAPv1"};
    private static final String[] CC_DIRECTIONS = {"global error", "at peer", "at local"};
    private static final String TOO_SHORT = "AVP too short";

    private L2tpPrinter() {}

    /** l2tp_print(). */
    static void l2tpPrint(Dissector nd, int ptr, int length) {
        nd.protocol = "l2tp";
        StringBuilder out = nd.out;
        int word = nd.u16(ptr);
        if ((word & 0xf) == 2) {
            out.append(" l2tp:");
        } else if ((word & 0xf) == 1) {
            out.append(" l2f:");
            return;
        } else {
            out.append(" Unknown Version, neither L2F(1) nor L2TP(2)");
            return;
        }
        boolean flagT = (word & 0x8000) != 0;
        boolean flagL = (word & 0x4000) != 0;
        boolean flagS = (word & 0x0800) != 0;
        boolean flagO = (word & 0x0200) != 0;
        out.append('[').append(flagT ? "T" : "").append(flagL ? "L" : "").append(flagS ? "S" : "")
                .append(flagO ? "O" : "").append((word & 0x0100) != 0 ? "P" : "").append(']');
        ptr += 2;
        int cnt = 2;
        int l2tpLen = 0;
        if (flagL) {
            l2tpLen = nd.u16(ptr);
            ptr += 2;
            cnt += 2;
        }
        int tunnel = nd.u16(ptr);
        out.append('(').append(tunnel).append('/');
        int session = nd.u16(ptr + 2);
        out.append(session).append(')');
        ptr += 4;
        cnt += 4;
        if (flagS) {
            int ns = nd.u16(ptr);
            out.append("Ns=").append(ns).append(',');
            int nr = nd.u16(ptr + 2);
            out.append("Nr=").append(nr);
            ptr += 4;
            cnt += 4;
        }
        if (flagO) {
            int pad = nd.u16(ptr);
            if (!nd.ttest(ptr + 2, pad)) {
                nd.trunc();
                return;
            }
            ptr += 2 + pad;
            cnt += 2 + pad;
        }
        if (flagL) {
            if (length < l2tpLen) {
                out.append(" Length ").append(l2tpLen).append(" larger than packet");
                return;
            }
            length = l2tpLen;
        }
        if (length < cnt) {
            out.append(" Length ").append(length).append(" smaller than header length");
            return;
        }
        if (flagT) {
            if (!flagL) {
                out.append(" No length");
                return;
            }
            if (length - cnt == 0) {
                out.append(" ZLB");
            } else {
                while (length - cnt != 0) {
                    int avpLength = avpPrint(nd, ptr, length - cnt);
                    if (avpLength == 0) {
                        break;
                    }
                    cnt += avpLength;
                    ptr += avpLength;
                }
            }
        } else {
            out.append(" {");
            PppPrinter.pppPrint(nd, ptr, length - cnt);
            out.append('}');
        }
    }

    /** l2tp_avp_print(): the AVP's length, 0 when it was cut (after printing the trunc mark). */
    private static int avpPrint(Dissector nd, int dat, int length) {
        StringBuilder out = nd.out;
        out.append(' ');
        int len = nd.u16(dat) & 0x3ff;
        if (len < 6 || len > length || !nd.ttest(dat, len)) {
            nd.trunc();
            return 0;
        }
        int flags = nd.u16(dat);
        if ((flags & 0x8000) != 0) {
            out.append('*');
        }
        boolean hidden = (flags & 0x4000) != 0;
        if (hidden) {
            out.append('?');
        }
        dat += 2;
        int vendor = nd.u16(dat);
        if (vendor != 0) {
            out.append("VENDOR");
            nd.hex4(vendor);
            int attr = nd.u16(dat + 2);
            out.append(":ATTR");
            nd.hex4(attr);
            out.append('(');
            octets(nd, dat + 4, len - 6);
            out.append(')');
            return len;
        }
        dat += 2;
        int type = nd.u16(dat);
        dat += 2;
        String name = type < AVPS.length ? AVPS[type] : type == 46 ? "PPP_DISCON_CC" : null;
        out.append(name != null ? name : "AVP-#" + type).append('(');
        if (hidden) {
            out.append("???");
        } else {
            value(nd, type, dat, len - 6);
        }
        out.append(')');
        return len;
    }

    /** The switch of l2tp_avp_print() over the IETF attribute types. */
    private static void value(Dissector nd, int type, int dat, int n) {
        StringBuilder out = nd.out;
        switch (type) {
            case 0 -> {
                if (n < 2) {
                    out.append(TOO_SHORT);
                    return;
                }
                int t = nd.u16(dat);
                out.append(t < MSGTYPES.length && MSGTYPES[t] != null ? MSGTYPES[t] : "MSGTYPE-#" + t);
            }
            case 1 -> resultCode(nd, dat, n);
            case 2 -> {
                if (n < 2) {
                    out.append(TOO_SHORT);
                    return;
                }
                out.append(nd.u16(dat) >> 8).append('.').append(nd.u16(dat) & 0xff);
            }
            case 3, 19 -> bits(nd, dat, n, "S");
            case 4, 18 -> bits(nd, dat, n, "D");
            case 5 -> {
                if (n < 8) {
                    out.append(TOO_SHORT);
                    return;
                }
                octets(nd, dat, 8);
            }
            case 6, 9, 10, 14 -> {
                if (n < 2) {
                    out.append(TOO_SHORT);
                    return;
                }
                out.append(nd.u16(dat));
            }
            case 7, 8, 22, 21, 23, 30, 37 -> string(nd, dat, n);
            case 11, 26, 27, 28, 31, 33, 36 -> octets(nd, dat, n);
            case 12 -> {
                if (n < 3) {
                    out.append(TOO_SHORT);
                    return;
                }
                out.append(nd.u16(dat));
                int cause = nd.u8(dat + 2);
                out.append(", ");
                nd.hex2(cause);
                if (n - 3 != 0) {
                    out.append(' ');
                    string(nd, dat + 3, n - 3);
                }
            }
            case 13 -> {
                if (n < 16) {
                    out.append(TOO_SHORT);
                    return;
                }
                octets(nd, dat, 16);
            }
            case 15, 16, 17, 24, 25, 38 -> {
                if (n < 4) {
                    out.append(TOO_SHORT);
                    return;
                }
                out.append(nd.u32(dat));
            }
            case 20 -> out.append("obsolete");
            case 29 -> {
                if (n < 2) {
                    out.append(TOO_SHORT);
                    return;
                }
                int t = nd.u16(dat);
                out.append(t < AUTH_TYPES.length ? AUTH_TYPES[t] : "AuthType-#" + t);
            }
            case 32 -> {
                if (n < 2) {
                    out.append(TOO_SHORT);
                    return;
                }
                out.append(nd.u16(dat) & 0xff);
            }
            case 34 -> counters(nd, dat, n,
                    new String[] {"CRCErr=", "FrameErr=", "HardOver=", "BufOver=", "Timeout=", "AlignErr="}, false);
            case 35 -> counters(nd, dat, n, new String[] {"send=", "recv="}, true);
            case 46 -> {
                if (n < 5) {
                    out.append(TOO_SHORT);
                    return;
                }
                nd.hex4(nd.u16(dat));
                out.append(", ");
                nd.hex4(nd.u16(dat + 2));
                out.append(' ');
                int d = nd.u8(dat + 4);
                out.append(d < CC_DIRECTIONS.length ? CC_DIRECTIONS[d] : "Direction-#" + d);
                if (n - 5 != 0) {
                    out.append(' ');
                    string(nd, dat + 5, n - 5);
                }
            }
            default -> { }
        }
    }

    /** l2tp_result_code_print(). */
    private static void resultCode(Dissector nd, int dat, int n) {
        StringBuilder out = nd.out;
        if (n < 2) {
            out.append(TOO_SHORT);
            return;
        }
        out.append(nd.u16(dat));
        if (n == 2) {
            return;
        }
        if (n < 4) {
            out.append(' ').append(TOO_SHORT);
            return;
        }
        int error = nd.u16(dat + 2);
        out.append('/').append(error);
        if (n == 4) {
            return;
        }
        out.append(' ');
        string(nd, dat + 4, n - 4);
    }

    /** l2tp_framing_cap_print() and its kin: "A" for bit 1, then the other letter for bit 0. */
    private static void bits(Dissector nd, int dat, int n, String bit0) {
        if (n < 4) {
            nd.out.append(TOO_SHORT);
            return;
        }
        long v = nd.u32(dat);
        if ((v & 2) != 0) {
            nd.out.append('A');
        }
        if ((v & 1) != 0) {
            nd.out.append(bit0);
        }
    }

    /** l2tp_call_errors_print() and l2tp_accm_print(): a reserved 16-bit word, then 32-bit counters. */
    private static void counters(Dissector nd, int dat, int n, String[] labels, boolean hex) {
        StringBuilder out = nd.out;
        if (n < 2) {
            out.append(TOO_SHORT);
            return;
        }
        dat += 2;
        n -= 2;
        for (String label : labels) {
            if (n < 4) {
                out.append(TOO_SHORT);
                return;
            }
            long v = nd.u32(dat);
            dat += 4;
            n -= 4;
            out.append(label);
            if (hex) {
                Names.appendHex(out, v, 8);
            } else {
                out.append(v);
            }
            out.append(' ');
        }
    }

    /** print_string(). */
    private static void string(Dissector nd, int dat, int n) {
        for (int i = 0; i < n; i++) {
            nd.printChar(nd.u8(dat + i));
        }
    }

    /** print_octets(). */
    private static void octets(Dissector nd, int dat, int n) {
        for (int i = 0; i < n; i++) {
            nd.hex2(nd.u8(dat + i));
        }
    }
}
