package io.arplab.wire.tcpdump;

/**
 * print-lspping.c: MPLS LSP ping (RFC 8029) on UDP 3503. Without -v the message type, sequence and length; with it
 * the header (return code and subcode, handle, sequence, NTP time stamps) and the TLVs: the target FEC stack's
 * sub-TLVs, the downstream mapping's addresses, BFD discriminator, vendor, the rest in hex; "packet is too short"
 * for a TLV past the datagram, "TLV is too short" for one past its TLV.
 */
final class LspPingPrinter {
    static final int MPLS_LSP_PING_PORT = 3503;
    private static final int HDR = 32;
    private static final String[] RETURN_CODES = {"No return code or return code contained in the Error Code TLV",
        "Malformed echo request received", "One or more of the TLVs was not understood",
        "Replying router is an egress for the FEC at stack depth",
        "Replying router has no mapping for the FEC at stack depth", "Reserved", "Reserved", "Reserved",
        "Label switched at stack-depth", "Label switched but no MPLS forwarding at stack-depth",
        "Mapping for this FEC is not the given label at stack depth", "No label entry at stack-depth",
        "Protocol not associated with interface at FEC stack depth",
        "Premature termination of ping due to label stack shrinking to a single label"};
    private static final String[] SUBTLVS = {null, "LDP IPv4 prefix", "LDP IPv6 prefix", "RSVP IPv4 Session Query",
        "RSVP IPv6 Session Query", "Reserved", "VPN IPv4 prefix", "VPN IPv6 prefix", "L2 VPN endpoint",
        "FEC 128 pseudowire (old)", "FEC 128 pseudowire", null, "BGP labeled IPv4 prefix", "BGP labeled IPv6 prefix"};

    private LspPingPrinter() {}

    private static String msgType(int t, String unknown) {
        return t == 1 ? "MPLS Echo Request" : t == 2 ? "MPLS Echo Reply" : unknown;
    }

    private static String tlvName(int t) {
        return switch (t) {
            case 1 -> "Target FEC Stack";
            case 2 -> "Downstream Mapping";
            case 3 -> "Pad";
            case 9 -> "Error Code";
            case 5 -> "Vendor Enterprise Code";
            case 7 -> "Interface Label Stack";
            case 10 -> "Reply TOS Byte";
            case 15 -> "BFD Discriminator";
            case 0xfc00 -> "Vendor Private Code";
            default -> "Unknown";
        };
    }

    /** lspping_print(). */
    static void lspPingPrint(Dissector nd, int pptr, int len) {
        nd.protocol = "lspping";
        StringBuilder out = nd.out;
        if (len < HDR) {
            out.append("\n\t\t packet is too short");
            return;
        }
        nd.check(pptr, HDR);
        int version = nd.u16(pptr);
        if (version != 1) {
            out.append("LSP-PING version ").append(version).append(" packet not supported");
            return;
        }
        int type = nd.u8(pptr + 4);
        if (nd.vflag < 1) {
            out.append("LSP-PINGv").append(version).append(", ").append(msgType(type, "unknown (" + type + ")"))
                    .append(", seq ").append(nd.u32(pptr + 12)).append(", length: ").append(len);
            return;
        }
        int mode = nd.u8(pptr + 5);
        out.append("\n\tLSP-PINGv").append(version).append(", msg-type: ").append(msgType(type, "unknown"))
                .append(" (").append(type).append("), length: ").append(len).append("\n\t  reply-mode: ")
                .append(switch (mode) {
                    case 1 -> "Do not reply";
                    case 2 -> "Reply via an IPv4/IPv6 UDP packet";
                    case 3 -> "Reply via an IPv4/IPv6 UDP packet with Router Alert";
                    case 4 -> "Reply via application level control channel";
                    default -> "unknown";
                }).append(" (").append(mode).append(')');
        int code = nd.u8(pptr + 6);
        int subcode = nd.u8(pptr + 7);
        String codeName = code < RETURN_CODES.length ? RETURN_CODES[code] : "unknown";
        if (code == 3 || code == 4 || code == 8 || code == 10 || code == 11 || code == 12) {
            out.append("\n\t  Return Code: ").append(codeName).append(' ').append(subcode).append(" (").append(code)
                    .append(")\n\t  Return Subcode: (").append(subcode).append(')');
        } else {
            out.append("\n\t  Return Code: ").append(codeName).append(" (").append(code)
                    .append(")\n\t  Return Subcode: (").append(subcode).append(')');
        }
        out.append(String.format("\n\t  Sender Handle: 0x%08x, Sequence: ", nd.u32(pptr + 8)))
                .append(nd.u32(pptr + 12));
        out.append("\n\t  Sender Timestamp: ");
        NtpPrinter.ntpTime(nd, pptr + 16);
        out.append(' ');
        long intPart = nd.u32(pptr + 24);
        long fraction = nd.u32(pptr + 28);
        out.append("Receiver Timestamp: ");
        if (intPart != 0 || fraction != 0) {
            NtpPrinter.ntpTime(nd, pptr + 24);
        } else {
            out.append("no timestamp");
        }
        int tptr = pptr + HDR;
        long tlen = len - HDR;
        while (tlen != 0) {
            if (tlen < 4) {
                out.append("\n\t\t packet is too short");
                return;
            }
            int tlvType = nd.u16(tptr);
            int tlvLen = nd.u16(tptr + 2);
            out.append("\n\t  ").append(tlvName(tlvType)).append(" TLV (").append(tlvType).append("), length: ")
                    .append(tlvLen);
            if (tlvLen == 0) {
                tptr += 4;
                tlen -= 4;
                continue;
            }
            if (tlen < tlvLen + 4L) {
                out.append("\n\t\t packet is too short");
                return;
            }
            nd.check(tptr + 4, tlvLen);
            int r = tlv(nd, tlvType, tptr + 4, tlvLen);
            if (r < 0) {
                return; // "TLV is too short" after a sub-TLV's padding
            }
            if (nd.vflag > 1 || r == 1) {
                HexDump.unknownData(nd, tptr + 4, "\n\t    ", tlvLen);
            }
            if (tlvLen % 4 != 0) {
                tlvLen += 4 - tlvLen % 4;
                if (tlen < tlvLen + 4L) {
                    out.append("\n\t\t packet is too short");
                    return;
                }
            }
            tptr += tlvLen + 4;
            tlen -= tlvLen + 4;
        }
    }

    /** One TLV's value: 1 to hex-dump it after, 0 not, -1 to end the print. */
    private static int tlv(Dissector nd, int type, int tlvTptr, int tlvTlen) {
        StringBuilder out = nd.out;
        switch (type) {
            case 1 -> {
                while (tlvTlen != 0) {
                    if (tlvTlen < 4) {
                        out.append("\n\t      TLV is too short");
                        return 1;
                    }
                    int subType = nd.u16(tlvTptr);
                    int subLen = nd.u16(tlvTptr + 2);
                    int sub = tlvTptr + 4;
                    if (tlvTlen < subLen + 4) {
                        out.append("\n\t      TLV is too short");
                        return 1;
                    }
                    nd.check(sub, subLen);
                    out.append("\n\t    ").append(subType < SUBTLVS.length && SUBTLVS[subType] != null
                            ? SUBTLVS[subType] : "Unknown").append(" subTLV (").append(subType).append("), length: ")
                            .append(subLen);
                    boolean hexdump = subTlv(nd, subType, sub, subLen);
                    if (nd.vflag > 1 || hexdump) {
                        HexDump.unknownData(nd, sub, "\n\t      ", subLen);
                    }
                    if (subLen % 4 != 0) {
                        subLen += 4 - subLen % 4;
                        if (tlvTlen < subLen + 4) {
                            out.append("\n\t\t TLV is too short");
                            return -1;
                        }
                    }
                    tlvTptr += subLen;
                    tlvTlen -= subLen + 4;
                }
                return 0;
            }
            case 2 -> {
                return downstream(nd, tlvTptr, tlvTlen);
            }
            case 15, 5 -> {
                if (tlvTlen < 4) {
                    out.append("\n\t      TLV is too short");
                    return 1;
                }
                long v = nd.u32(tlvTptr);
                if (type == 15) {
                    out.append(String.format("\n\t    BFD Discriminator 0x%08x", v));
                } else {
                    out.append("\n\t    Vendor: ").append(RadiusPrinter.smi(v)).append(String.format(" (0x%04x)", v));
                }
                return 0;
            }
            default -> {
                if (nd.vflag <= 1) {
                    HexDump.unknownData(nd, tlvTptr, "\n\t    ", tlvTlen);
                }
                return 0;
            }
        }
    }

    /** A target FEC stack sub-TLV; true when it is to be hex-dumped (a wrong length or an unknown type). */
    private static boolean subTlv(Dissector nd, int type, int p, int len) {
        StringBuilder out = nd.out;
        int want = switch (type) {
            case 1, 12 -> 5;
            case 2, 13 -> 17;
            case 3 -> 20;
            case 4 -> 56;
            case 6 -> 13;
            case 7 -> 25;
            case 8, 10 -> 14;
            case 9 -> 10;
            default -> -1;
        };
        if (want < 0) {
            return true;
        }
        if (len != want) {
            out.append("\n\t      invalid subTLV length, should be ").append(want);
            return true;
        }
        String line = switch (type) {
            case 1, 12 -> nd.addrString(p, 4) + "/" + nd.u8(p + 4);
            case 2, 13 -> nd.addrString(p, 16) + "/" + nd.u8(p + 16);
            case 3 -> "tunnel end-point " + nd.addrString(p, 4) + ", tunnel sender " + nd.addrString(p + 12, 4)
                    + String.format(", lsp-id 0x%04x\n\t      tunnel-id 0x%04x, extended tunnel-id ", nd.u16(p + 18),
                        nd.u16(p + 6)) + nd.addrString(p + 8, 4);
            case 4 -> "tunnel end-point " + nd.addrString(p, 16) + ", tunnel sender " + nd.addrString(p + 36, 16)
                    + String.format(", lsp-id 0x%04x\n\t      tunnel-id 0x%04x, extended tunnel-id ", nd.u16(p + 54),
                        nd.u16(p + 18)) + nd.addrString(p + 20, 16);
            case 6 -> "RD: " + rd(nd, p) + ", " + nd.addrString(p + 8, 4) + "/" + nd.u8(p + 12);
            case 7 -> "RD: " + rd(nd, p) + ", " + nd.addrString(p + 8, 16) + "/" + nd.u8(p + 24);
            case 8 -> "RD: " + rd(nd, p) + ", Sender VE ID: " + nd.u16(p + 8) + ", Receiver VE ID: " + nd.u16(p + 10)
                    + "\n\t      Encapsulation Type: " + LdpPrinter.pwTypeOr(nd.u16(p + 12), "unknown") + " ("
                    + nd.u16(p + 12) + ")";
            case 9 -> "Remote PE: " + nd.addrString(p, 4)
                    + String.format("\n\t      PW ID: 0x%08x, PW Type: ", nd.u32(p + 4))
                    + LdpPrinter.pwTypeOr(nd.u16(p + 8), "unknown") + " (" + nd.u16(p + 8) + ")";
            default -> "Sender PE: " + nd.addrString(p, 4) + ", Remote PE: " + nd.addrString(p + 4, 4)
                    + String.format("\n\t      PW ID: 0x%08x, PW Type: ", nd.u32(p + 8))
                    + LdpPrinter.pwTypeOr(nd.u16(p + 12), "unknown") + " (" + nd.u16(p + 12) + ")";
        };
        out.append("\n\t      ").append(line);
        return false;
    }

    /** print-bgp.c's bgp_vpn_rd_print() (AS numbers as_printf() prints plain). */
    private static String rd(Dissector nd, int p) {
        return switch (nd.u16(p)) {
            case 0 -> nd.u16(p + 2) + ":" + nd.u32(p + 4) + " (= " + nd.u8(p + 4) + "." + nd.u8(p + 5) + "."
                    + nd.u8(p + 6) + "." + nd.u8(p + 7) + ")";
            case 1 -> nd.u8(p + 2) + "." + nd.u8(p + 3) + "." + nd.u8(p + 4) + "." + nd.u8(p + 5) + ":" + nd.u16(p + 6);
            case 2 -> nd.u32(p + 2) + ":" + nd.u16(p + 6) + " (" + nd.u8(p + 2) + "." + nd.u8(p + 3) + "."
                    + nd.u8(p + 4)
                    + "." + nd.u8(p + 5) + ":" + nd.u16(p + 6) + ")";
            default -> "unknown RD format";
        };
    }

    /** The downstream mapping TLV: MTU, address type, the addresses; the rest dumped in hex. */
    private static int downstream(Dissector nd, int p, int tlen) {
        StringBuilder out = nd.out;
        if (tlen < 4) {
            out.append("\n\t      TLV is too short");
            return 1;
        }
        nd.check(p, 4);
        int type = nd.u8(p + 2);
        out.append("\n\t    MTU: ").append(nd.u16(p)).append(", Address-Type: ").append(switch (type) {
            case 1 -> "IPv4";
            case 2 -> "Unnumbered IPv4";
            case 3, 4 -> "IPv6";
            default -> "unknown";
        }).append(" (").append(type).append(')');
        int size = switch (type) {
            case 1 -> 12;
            case 2 -> 12;
            case 3 -> 36;
            case 4 -> 24;
            default -> 0;
        };
        if (size > 0) {
            if (tlen < size) {
                out.append("\n\t      TLV is too short");
                return 1;
            }
            nd.check(p, size);
            int alen = type <= 2 ? 4 : 16;
            String ip = nd.addrString(p + 4, alen);
            String ifc = type == 2 || type == 4 ? String.format("Index: 0x%08x", nd.u32(p + 4 + alen))
                    : "IP: " + nd.addrString(p + 4 + alen, alen);
            out.append("\n\t    Downstream IP: ").append(ip).append("\n\t    Downstream Interface ").append(ifc);
            p += size;
            tlen -= size;
        }
        if (tlen < 4) {
            out.append("\n\t      TLV is too short");
            return 1;
        }
        nd.check(p, 4);
        return 1; // the downstream labels are dumped in hex until the C prints them
    }
}
