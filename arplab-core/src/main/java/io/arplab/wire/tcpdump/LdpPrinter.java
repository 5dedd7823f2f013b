package io.arplab.wire.tcpdump;

/**
 * print-ldp.c: the Label Distribution Protocol (RFC 5036) on UDP 646. Each PDU's header; with -v its messages and
 * their TLVs (hello parameters, transport addresses, address lists, session parameters, FECs with prefixes and
 * Martini VCs, labels, status, fault tolerance, MTU), the messages and TLVs without a printer in hex, with -vv each
 * message in hex besides.
 */
final class LdpPrinter {
    static final int LDP_PORT = 646;
    private static final int COMMON_HEADER = 10;
    private static final int MSG_HEADER = 8;

    private LdpPrinter() {}

    private static String msgName(int type) {
        return switch (type) {
            case 0x0001 -> "Notification";
            case 0x0100 -> "Hello";
            case 0x0200 -> "Initialization";
            case 0x0201 -> "Keepalive";
            case 0x0300 -> "Address";
            case 0x0301 -> "Address Withdraw";
            case 0x0400 -> "Label Mapping";
            case 0x0401 -> "Label Request";
            case 0x0402 -> "Label Withdraw";
            case 0x0403 -> "Label Release";
            case 0x0404 -> "Label Abort Request";
            default -> "Unknown";
        };
    }

    private static String tlvName(int type) {
        return switch (type) {
            case 0x0100 -> "FEC";
            case 0x0101 -> "Address List";
            case 0x0103 -> "Hop Count";
            case 0x0104 -> "Path Vector";
            case 0x0200 -> "Generic Label";
            case 0x0201 -> "ATM Label";
            case 0x0202 -> "Frame-Relay Label";
            case 0x0300 -> "Status";
            case 0x0301 -> "Extended Status";
            case 0x0302 -> "Returned PDU";
            case 0x0303 -> "Returned Message";
            case 0x0400 -> "Common Hello Parameters";
            case 0x0401 -> "IPv4 Transport Address";
            case 0x0402 -> "Configuration Sequence Number";
            case 0x0403 -> "IPv6 Transport Address";
            case 0x0500 -> "Common Session Parameters";
            case 0x0501 -> "ATM Session Parameters";
            case 0x0502 -> "Frame-Relay Session Parameters";
            case 0x0503 -> "Fault-Tolerant Session Parameters";
            case 0x0600 -> "Label Request Message ID";
            case 0x0601 -> "MTU";
            default -> "Unknown";
        };
    }

    /** l2vpn.c mpls_pw_types_values, {@code unknown} for another value (print-lspping.c's sub-TLVs use it too). */
    static String pwTypeOr(int t, String unknown) {
        return t < 26 || t == 0x40 ? pwType(t) : unknown;
    }

    /** l2vpn.c mpls_pw_types_values. */
    private static String pwType(int t) {
        String[] names = {"Reserved", "Frame Relay DLCI (Martini Mode)", "ATM AAL5 SDU VCC transport",
            "ATM transparent cell transport", "Ethernet VLAN", "Ethernet", "Cisco-HDLC", "PPP",
            "SONET/SDH Circuit Emulation Service over MPLS", "ATM n-to-one VCC cell transport",
            "ATM n-to-one VPC cell transport", "IP Layer2 Transport", "ATM one-to-one VCC Cell Mode",
            "ATM one-to-one VPC Cell Mode", "ATM AAL5 PDU VCC transport", "Frame-Relay Port mode",
            "SONET/SDH Circuit Emulation over Packet", "Structure-agnostic E1 over Packet",
            "Structure-agnostic T1 (DS1) over Packet", "Structure-agnostic E3 over Packet",
            "Structure-agnostic T3 (DS3) over Packet", "CESoPSN basic mode", "TDMoIP basic mode",
            "CESoPSN TDM with CAS", "TDMoIP TDM with CAS", "Frame Relay DLCI"};
        return t < names.length ? names[t] : t == 0x40 ? "IP-interworking" : "Unknown";
    }

    /** ldp_print(). */
    static void ldpPrint(Dissector nd, int pptr, int len) {
        nd.protocol = "ldp";
        while (len > COMMON_HEADER + MSG_HEADER) {
            int processed = pdu(nd, pptr);
            if (processed == 0) {
                return;
            }
            if (len < processed) {
                nd.out.append(" [remaining length ").append(len).append(" < ").append(processed).append(']');
                nd.invalid();
                break;
            }
            len -= processed;
            pptr += processed;
        }
    }

    /** ldp_pdu_print(): the bytes the PDU took, 0 to stop. */
    private static int pdu(Dissector nd, int pptr) {
        StringBuilder out = nd.out;
        String sep = nd.vflag < 1 ? "" : "\n\t";
        nd.check(pptr, COMMON_HEADER);
        int version = nd.u16(pptr);
        if (version != 1) {
            out.append(sep).append("LDP version ").append(version).append(" packet not supported");
            return 0;
        }
        int pduLen = nd.u16(pptr + 2);
        if (pduLen < COMMON_HEADER - 4) {
            out.append(sep).append("LDP, pdu-length: ").append(pduLen).append(" (too short, < 6)");
            return 0;
        }
        out.append(sep).append("LDP, Label-Space-ID: ").append(nd.addrString(pptr + 4, 4)).append(':')
                .append(nd.u16(pptr + 8)).append(", pdu-length: ").append(pduLen);
        if (nd.vflag < 1) {
            return 0;
        }
        int tptr = pptr + COMMON_HEADER;
        int tlen = pduLen - (COMMON_HEADER - 4); // a u_short
        while (tlen > 0) {
            nd.check(tptr, MSG_HEADER);
            int msgLen = nd.u16(tptr + 2);
            int rawType = nd.u16(tptr);
            int type = rawType & 0x7fff;
            if (msgLen < MSG_HEADER - 4) {
                out.append("\n\t  ").append(msgName(type)).append(String.format(" Message (0x%04x), length: ", type))
                        .append(msgLen).append(" (too short, < 4)");
                return 0;
            }
            out.append("\n\t  ").append(msgName(type)).append(String.format(" Message (0x%04x), length: ", type))
                    .append(msgLen).append(String.format(", Message ID: 0x%08x, Flags: [", nd.u32(tptr + 4)))
                    .append((rawType & 0x8000) != 0 ? "continue processing" : "ignore").append(" if unknown]");
            int msgTptr = tptr + MSG_HEADER;
            int msgTlen = msgLen - (MSG_HEADER - 4);
            nd.check(tptr, msgLen);
            switch (type) {
                case 0x0001, 0x0100, 0x0200, 0x0201, 0x0300, 0x0400, 0x0301, 0x0402 -> {
                    while (msgTlen >= 4) {
                        int processed = tlv(nd, msgTptr, msgTlen);
                        if (processed == 0) {
                            break;
                        }
                        msgTlen -= processed;
                        msgTptr += processed;
                    }
                }
                default -> {
                    if (nd.vflag <= 1) {
                        HexDump.unknownData(nd, msgTptr, "\n\t  ", msgTlen);
                    }
                }
            }
            if (nd.vflag > 1) {
                HexDump.unknownData(nd, tptr + MSG_HEADER, "\n\t  ", msgLen);
            }
            tptr += msgLen + 4;
            tlen = (tlen - (msgLen + 4)) & 0xffff;
        }
        return pduLen + 4;
    }

    /** TLV_TCHECK(): false (the TLV ends) after " [tlv length N < M] (invalid)". */
    private static boolean tlvCheck(Dissector nd, int tlvTlen, int min) {
        if (tlvTlen < min) {
            nd.out.append(" [tlv length ").append(tlvTlen).append(" < ").append(min).append(']');
            nd.invalid();
            return false;
        }
        return true;
    }

    /** ldp_tlv_print(): the bytes the TLV took, 0 when it goes past the message. */
    private static int tlv(Dissector nd, int tptr, int msgTlen) {
        StringBuilder out = nd.out;
        nd.check(tptr, 4);
        int tlvLen = nd.u16(tptr + 2);
        if (tlvLen + 4 > msgTlen) {
            out.append("\n\t\t TLV contents go past end of message");
            return 0;
        }
        int tlvTlen = tlvLen;
        int raw = nd.u16(tptr);
        int type = raw & 0x3fff;
        out.append("\n\t    ").append(tlvName(type)).append(String.format(" TLV (0x%04x), length: ", type))
                .append(tlvLen).append(", Flags: [").append((raw & 0x8000) != 0 ? "continue processing" : "ignore")
                .append(" and ").append((raw & 0x4000) != 0 ? "do" : "don't").append(" forward if unknown]");
        tptr += 4;
        switch (type) {
            case 0x0400 -> {
                if (tlvCheck(nd, tlvTlen, 4)) {
                    int hold = nd.u16(tptr);
                    int flags = nd.u16(tptr + 2);
                    out.append("\n\t      Hold Time: ").append(hold).append("s, Flags: [")
                            .append((flags & 0x8000) != 0 ? "Targeted" : "Link").append(" Hello")
                            .append((flags & 0x4000) != 0 ? ", Request for targeted Hellos" : "").append(']');
                }
            }
            case 0x0401 -> {
                if (tlvCheck(nd, tlvTlen, 4)) {
                    String a = nd.addrString(tptr, 4);
                    out.append("\n\t      IPv4 Transport Address: ").append(a);
                }
            }
            case 0x0403 -> {
                if (tlvCheck(nd, tlvTlen, 16)) {
                    String a = nd.addrString(tptr, 16);
                    out.append("\n\t      IPv6 Transport Address: ").append(a);
                }
            }
            case 0x0402 -> {
                if (tlvCheck(nd, tlvTlen, 4)) {
                    long seq = nd.u32(tptr);
                    out.append("\n\t      Sequence Number: ").append(seq);
                }
            }
            case 0x0101 -> {
                if (tlvCheck(nd, tlvTlen, 2)) {
                    int af = nd.u16(tptr);
                    tptr += 2;
                    tlvTlen -= 2;
                    String name = LldpPrinter.afName(af);
                    out.append("\n\t      Address Family: ").append(name != null ? name : "Unknown (" + af + ")")
                            .append(", addresses");
                    int alen = af == 1 ? 4 : af == 2 ? 16 : 0;
                    while (alen > 0 && tlvTlen >= alen) {
                        String a = nd.addrString(tptr, alen);
                        out.append(' ').append(a);
                        tlvTlen -= alen;
                        tptr += alen;
                    }
                }
            }
            case 0x0500 -> {
                if (tlvCheck(nd, tlvTlen, 8)) {
                    int version = nd.u16(tptr);
                    int keepalive = nd.u16(tptr + 2);
                    int flags = nd.u16(tptr + 6);
                    out.append("\n\t      Version: ").append(version).append(", Keepalive: ").append(keepalive)
                            .append("s, Flags: [Downstream ")
                            .append((flags & 0x8000) != 0 ? "On Demand" : "Unsolicited")
                            .append(", Loop Detection ").append((flags & 0x4000) != 0 ? "Enabled" : "Disabled")
                            .append(']');
                }
            }
            case 0x0100 -> fec(nd, tptr, tlvTlen, tlvLen);
            case 0x0200 -> {
                if (tlvCheck(nd, tlvTlen, 4)) {
                    long label = nd.u32(tptr) & 0xfffff;
                    out.append("\n\t      Label: ").append(label);
                }
            }
            case 0x0300 -> {
                if (tlvCheck(nd, tlvTlen, 8)) {
                    long ui = nd.u32(tptr);
                    out.append(String.format("\n\t      Status: 0x%02x, Flags: [", ui & 0x3fffffffL))
                            .append((ui & 0x80000000L) != 0 ? "Fatal error" : "Advisory Notification").append(" and ")
                            .append((ui & 0x40000000L) != 0 ? "do" : "don't").append(" forward]");
                    ui = nd.u32(tptr + 4);
                    if (ui != 0) {
                        out.append(String.format(", causing Message ID: 0x%08x", ui));
                    }
                }
            }
            case 0x0503 -> {
                if (tlvCheck(nd, tlvTlen, 12)) {
                    int ft = nd.u16(tptr);
                    out.append("\n\t      Flags: [").append((ft & 0x8000) != 0 ? "" : "No ").append("Reconnect, ")
                            .append((ft & 0x8) != 0 ? "" : "Don't ").append("Save State, ")
                            .append((ft & 0x4) != 0 ? "" : "No ").append("All-Label Protection, ")
                            .append((ft & 0x2) != 0 ? "Sequence Numbered Label" : "All Labels").append(" Checkpoint, ")
                            .append((ft & 0x1) != 0 ? "" : "Don't ").append("Re-Learn State]");
                    long ui = nd.u32(tptr + 4);
                    if (ui != 0) {
                        out.append(", Reconnect Timeout: ").append(ui).append("ms");
                    }
                    ui = nd.u32(tptr + 8);
                    if (ui != 0) {
                        out.append(", Recovery Time: ").append(ui).append("ms");
                    }
                }
            }
            case 0x0601 -> {
                if (tlvCheck(nd, tlvTlen, 2)) {
                    int mtu = nd.u16(tptr);
                    out.append("\n\t      MTU: ").append(mtu);
                }
            }
            default -> {
                if (nd.vflag <= 1) {
                    HexDump.unknownData(nd, tptr, "\n\t      ", tlvTlen);
                }
            }
        }
        return tlvLen + 4;
    }

    /** The FEC TLV's element: wildcard, prefix (print-bgp.c's decode_prefix4()/6()), host address, Martini VC. */
    private static void fec(Dissector nd, int tptr, int tlvTlen, int tlvLen) {
        StringBuilder out = nd.out;
        if (!tlvCheck(nd, tlvTlen, 1)) {
            return;
        }
        int fecType = nd.u8(tptr);
        out.append("\n\t      ").append(switch (fecType) {
            case 1 -> "Wildcard";
            case 2 -> "Prefix";
            case 3 -> "Host address";
            case 0x80 -> "Martini VC";
            default -> "Unknown";
        }).append(String.format(" FEC (0x%02x)", fecType));
        tptr += 1;
        tlvTlen -= 1;
        if (fecType == 2) {
            if (!tlvCheck(nd, tlvTlen, 2)) {
                return;
            }
            int af = nd.u16(tptr);
            tptr += 2;
            tlvTlen -= 2;
            if (af == 1 || af == 2) {
                String p = decodePrefix(nd, tptr, tlvTlen, af == 1 ? 4 : 16);
                String fam = af == 1 ? "IPv4" : "IPv6";
                out.append(": ").append(fam).append(" prefix").append(p == null ? " (invalid length)" : " " + p);
            } else {
                out.append(": Address family ").append(af).append(" prefix");
            }
        } else if (fecType == 0x80) {
            martini(nd, tptr, tlvTlen);
        }
    }

    /**
     * print-bgp.c's decode_prefix4() and decode_prefix6(): null for a prefix length past the family's; an item
     * too short ends the print (badtlv, then LDP's goto trunc).
     */
    private static String decodePrefix(Dissector nd, int pptr, int itemlen, int alen) {
        if (itemlen < 1) {
            throw Truncated.INSTANCE; // badtlv, then goto trunc: nd_trunc_longjmp()
        }
        int plen = nd.u8(pptr);
        if (plen > alen * 8) {
            return null;
        }
        itemlen -= 1;
        int plenbytes = (plen + 7) / 8;
        if (itemlen < plenbytes) {
            throw Truncated.INSTANCE;
        }
        nd.check(pptr + 1, plenbytes);
        byte[] a = new byte[alen];
        System.arraycopy(nd.p, pptr + 1, a, 0, plenbytes);
        if (plen % 8 != 0) {
            a[plenbytes - 1] &= (byte) ((0xff00 >> (plen % 8)) & 0xff);
        }
        StringBuilder sb = new StringBuilder();
        if (alen == 4) {
            Names.ipaddr(sb, a, 0);
        } else {
            Names.ip6addr(sb, a, 0);
        }
        return sb.append('/').append(plen).toString();
    }

    /** The Martini VC FEC element: type, control word, group and VC IDs, the interface parameters. */
    private static void martini(Dissector nd, int tptr, int tlvTlen) {
        StringBuilder out = nd.out;
        if (!tlvCheck(nd, tlvTlen, 7)) {
            return;
        }
        int vcInfoLen = nd.u8(tptr + 2);
        int pw = nd.u16(tptr);
        if (vcInfoLen == 0) {
            long group = nd.u32(tptr + 3);
            out.append(": ").append(pwType(pw & 0x7fff)).append(", ").append((pw & 0x8000) != 0 ? "" : "no ")
                    .append("control word, group-ID ").append(group).append(", VC-info-length: ").append(vcInfoLen);
            return;
        }
        if (!tlvCheck(nd, tlvTlen, 11)) {
            return;
        }
        long group = nd.u32(tptr + 3);
        long vcId = nd.u32(tptr + 7);
        out.append(": ").append(pwType(pw & 0x7fff)).append(", ").append((pw & 0x8000) != 0 ? "" : "no ")
                .append("control word, group-ID ").append(group).append(", VC-ID ").append(vcId)
                .append(", VC-info-length: ").append(vcInfoLen);
        if (vcInfoLen < 4) {
            out.append(" (invalid, < 4");
            return;
        }
        vcInfoLen -= 4;
        tptr += 11;
        tlvTlen -= 11;
        if (!tlvCheck(nd, tlvTlen, vcInfoLen)) {
            return;
        }
        while (vcInfoLen > 2) {
            int t = nd.u8(tptr);
            int l = nd.u8(tptr + 1);
            if (l < 2 || vcInfoLen < l) {
                break;
            }
            out.append("\n\t\tInterface Parameter: ").append(t == 1 ? "MTU" : t == 3 ? "Description" : t == 0x0c
                    ? "VCCV" : "Unknown").append(String.format(" (0x%02x), len ", t)).append(l);
            switch (t) {
                case 1 -> {
                    int mtu = nd.u16(tptr + 2);
                    out.append(": ").append(mtu);
                }
                case 3 -> {
                    out.append(": ");
                    for (int idx = 2; idx < l; idx++) {
                        nd.printChar(nd.u8(tptr + idx));
                    }
                }
                case 0x0c -> {
                    int cc = nd.u8(tptr + 2);
                    out.append(String.format("\n\t\t  Control Channels (0x%02x) = [", cc)).append(BfdPrinter.bittok2str(
                        new int[] {1, 2, 4}, new String[] {"PWE3 control word", "MPLS Router Alert Label",
                            "MPLS inner label TTL = 1"}, cc)).append(']');
                    int cv = nd.u8(tptr + 3);
                    out.append(String.format("\n\t\t  CV Types (0x%02x) = [", cv)).append(BfdPrinter.bittok2str(
                        new int[] {1, 2, 4}, new String[] {"ICMP Ping", "LSP Ping", "BFD"}, cv)).append(']');
                }
                default -> HexDump.unknownData(nd, tptr + 2, "\n\t\t  ", l - 2);
            }
            vcInfoLen -= l;
            tptr += l;
        }
    }
}
