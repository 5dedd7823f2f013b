package io.arplab.wire.tcpdump;

/** print-llc.c: IEEE 802.2 LLC and SNAP headers. */
final class LlcPrinter {
    private static final int LLC_U_FMT = 3;
    private static final int LLC_S_FMT = 1;
    private static final int LLC_GSAP = 1;
    private static final int LLC_IG = 1;
    private static final int LLC_U_POLL = 0x10;
    private static final int LLC_IS_POLL = 0x0100;
    private static final int LLC_UI = 0x03;
    private static final int LLC_XID = 0xaf;
    private static final int LLC_XID_FI = 0x81;
    private static final int LLCSAP_GLOBAL = 0xff;
    private static final int LLCSAP_IP = 0x06;
    private static final int LLCSAP_IPX = 0xe0;
    private static final int LLCSAP_ISONS = 0xfe;
    private static final int LLCSAP_8021D = 0x42;
    private static final int LLCSAP_SNAP = 0xaa;

    private LlcPrinter() {}

    /** llc_values; null when unknown. */
    static String sap(int sap) {
        return switch (sap) {
            case 0x00 -> "Null";
            case 0xff -> "Global";
            case 0x02 -> "802.1B I";
            case 0x03 -> "802.1B G";
            case 0x06 -> "IP";
            case 0x04 -> "SNA";
            case 0x0e -> "ProWay NM";
            case 0x42 -> "STP";
            case 0x4e -> "RS511";
            case 0x7e -> "ISO8208";
            case 0x8e -> "ProWay";
            case 0xaa -> "SNAP";
            case 0xe0 -> "IPX";
            case 0xf0 -> "NetBeui";
            case 0xfe -> "OSI";
            default -> null;
        };
    }

    /** llc_cmd_values, keyed by LLC_U_CMD(control). */
    private static String command(int cmd) {
        return switch (cmd) {
            case 0x03 -> "ui";
            case 0xe3 -> "test";
            case 0xaf -> "xid";
            case 0x63 -> "ua";
            case 0x43 -> "disc";
            case 0x0f -> "dm";
            case 0x6f -> "sabme";
            case 0x87 -> "frmr";
            default -> null;
        };
    }

    /** llc_flag_values. */
    private static String flag(int v) {
        return switch (v) {
            case 0 -> "Command";
            case LLC_GSAP -> "Response";
            case LLC_U_POLL, LLC_IS_POLL -> "Poll";
            case LLC_GSAP | LLC_U_POLL, LLC_GSAP | LLC_IS_POLL -> "Final";
            default -> "?";
        };
    }

    /**
     * llc_print(): returns the LLC (+SNAP) header length when the payload was printed, its negative when
     * the caller should dump the payload.
     */
    static int llcPrint(Dissector nd, int p, int length, int caplen, int src, int dst) {
        nd.protocol = "llc";
        StringBuilder out = nd.out;
        if (caplen < 3) {
            nd.trunc();
            HexDump.hexAndAscii(nd, "\n\t", p, caplen);
            return caplen;
        }
        if (length < 3) {
            nd.trunc();
            HexDump.hexAndAscii(nd, "\n\t", p, caplen);
            return length;
        }
        int dsapField = nd.u8(p);
        int ssapField = nd.u8(p + 1);
        int control = nd.u8(p + 2);
        boolean isU;
        int hdrlen;
        if ((control & LLC_U_FMT) == LLC_U_FMT) {
            isU = true;
            hdrlen = 3;
        } else {
            if (caplen < 4) {
                nd.trunc();
                HexDump.hexAndAscii(nd, "\n\t", p, caplen);
                return caplen;
            }
            if (length < 4) {
                nd.trunc();
                HexDump.hexAndAscii(nd, "\n\t", p, caplen);
                return length;
            }
            control = nd.u16le(p + 2);
            isU = false;
            hdrlen = 4;
        }
        if (ssapField == LLCSAP_GLOBAL && dsapField == LLCSAP_GLOBAL) {
            // Novell "raw" 802.3 IPX: no LLC header, an IPX one
            if (nd.eflag) {
                out.append("IPX 802.3: ");
            }
            IpxPrinter.ipxPrint(nd, p, length);
            return 0;
        }
        int dsap = dsapField & ~LLC_IG;
        int ssap = ssapField & ~LLC_GSAP;
        if (nd.eflag) {
            String d = sap(dsap);
            String s = sap(ssap);
            out.append("LLC, dsap ").append(d == null ? "Unknown" : d).append(" (0x");
            nd.hex2(dsap);
            out.append(") ").append((dsapField & LLC_IG) != 0 ? "Group" : "Individual");
            out.append(", ssap ").append(s == null ? "Unknown" : s).append(" (0x");
            nd.hex2(ssap);
            out.append(") ").append((ssapField & LLC_GSAP) != 0 ? "Response" : "Command");
            if (isU) {
                out.append(", ctrl 0x");
                nd.hex2(control);
                out.append(": ");
            } else {
                out.append(", ctrl 0x");
                nd.hex4(control);
                out.append(": ");
            }
        }
        p += hdrlen;
        length -= hdrlen;
        caplen -= hdrlen;

        if (ssap == LLCSAP_SNAP && dsap == LLCSAP_SNAP && control == LLC_UI) {
            if (!snapPrint(nd, p, length, caplen, src, dst, 2)) {
                return -(hdrlen + 5);
            }
            return hdrlen + 5;
        }
        if (ssap == LLCSAP_8021D && dsap == LLCSAP_8021D && control == LLC_UI) {
            StpPrinter.stpPrint(nd, p, length);
            return hdrlen;
        }
        if (ssap == LLCSAP_IP && dsap == LLCSAP_IP && control == LLC_UI) {
            IpPrinter.ipPrint(nd, p, length);
            return hdrlen;
        }
        if (ssap == LLCSAP_IPX && dsap == LLCSAP_IPX && control == LLC_UI) {
            // Ethernet_802.2 IPX
            if (nd.eflag) {
                out.append("IPX 802.2: ");
            }
            IpxPrinter.ipxPrint(nd, p, length);
            return hdrlen;
        }
        if (ssap == LLCSAP_ISONS && dsap == LLCSAP_ISONS && control == LLC_UI && isoclnsPrint(nd, p, length)) {
            return hdrlen;
        }
        if (!nd.eflag) {
            if (ssap == dsap) {
                if (src < 0 || dst < 0) {
                    sapOrUnknown(out, dsap, "Unknown DSAP 0x");
                    out.append(' ');
                } else {
                    Names.etheraddr(out, nd.p, src, nd.numeric);
                    out.append(" > ");
                    Names.etheraddr(out, nd.p, dst, nd.numeric);
                    out.append(' ');
                    sapOrUnknown(out, dsap, "Unknown DSAP 0x");
                    out.append(' ');
                }
            } else {
                if (src < 0 || dst < 0) {
                    sapOrUnknown(out, ssap, "Unknown SSAP 0x");
                    out.append(" > ");
                    sapOrUnknown(out, dsap, "Unknown DSAP 0x");
                    out.append(' ');
                } else {
                    Names.etheraddr(out, nd.p, src, nd.numeric);
                    out.append(' ');
                    sapOrUnknown(out, ssap, "Unknown SSAP 0x");
                    out.append(" > ");
                    Names.etheraddr(out, nd.p, dst, nd.numeric);
                    out.append(' ');
                    sapOrUnknown(out, dsap, "Unknown DSAP 0x");
                    out.append(' ');
                }
            }
        }
        if (isU) {
            String cmd = command(control & 0xef);
            out.append("Unnumbered, ");
            if (cmd == null) {
                nd.hex2(control & 0xef);
            } else {
                out.append(cmd);
            }
            out.append(", Flags [").append(flag((ssapField & LLC_GSAP) | (control & LLC_U_POLL)))
                    .append("], length ").append(length + hdrlen);
            if ((control & ~LLC_U_POLL) == LLC_XID) {
                if (length == 0) {
                    return hdrlen;
                }
                if (caplen < 1) {
                    nd.trunc();
                    return hdrlen;
                }
                if (nd.u8(p) == LLC_XID_FI) {
                    if (caplen < 3 || length < 3) {
                        nd.trunc();
                        if (caplen > 0) {
                            HexDump.hexAndAscii(nd, "\n\t", p, caplen);
                        }
                    } else {
                        out.append(": ");
                        nd.hex2(nd.u8(p + 1));
                        out.append(' ');
                        nd.hex2(nd.u8(p + 2));
                    }
                    return hdrlen;
                }
            }
        } else {
            if ((control & LLC_S_FMT) == LLC_S_FMT) {
                String sup = switch ((control >> 2) & 3) {
                    case 0 -> "Receiver Ready";
                    case 1 -> "Receiver not Ready";
                    case 2 -> "Reject";
                    default -> "?";
                };
                out.append("Supervisory, ").append(sup).append(", rcv seq ").append((control >> 9) & 0x7f)
                        .append(", Flags [").append(flag((ssapField & LLC_GSAP) | (control & LLC_IS_POLL)))
                        .append("], length ").append(length + hdrlen);
                return hdrlen;
            }
            out.append("Information, send seq ").append((control >> 1) & 0x7f).append(", rcv seq ")
                    .append((control >> 9) & 0x7f).append(", Flags [")
                    .append(flag((ssapField & LLC_GSAP) | (control & LLC_IS_POLL)))
                    .append("], length ").append(length + hdrlen);
        }
        return -hdrlen;
    }

    private static void sapOrUnknown(StringBuilder out, int sap, String unknown) {
        String s = sap(sap);
        if (s == null) {
            out.append(unknown).append(Names.HEX[sap >> 4]).append(Names.HEX[sap & 0xf]);
        } else {
            out.append(s);
        }
    }

    /** snap_print(): true when the payload was printed. */
    static boolean snapPrint(Dissector nd, int p, int length, int caplen, int src, int dst, int bridgePad) {
        nd.protocol = "snap";
        StringBuilder out = nd.out;
        if (!nd.ttest(p, 5) || caplen < 5 || length < 5) {
            nd.trunc();
            return true;
        }
        int orgcode = nd.u24(p);
        int et = nd.u16(p + 3);
        if (nd.eflag) {
            String oui = Names.oui(orgcode);
            out.append("oui ").append(oui == null ? "Unknown" : oui).append(" (0x");
            Names.appendHex(out, orgcode, 6);
            out.append("), ").append(orgcode == 0 ? "ethertype" : "pid").append(' ');
            String pid = pidName(orgcode, et);
            out.append(pid == null ? "Unknown" : pid).append(" (0x");
            Names.appendHex(out, et, 4);
            out.append("), length ").append(length - 5).append(": ");
        }
        p += 5;
        length -= 5;
        caplen -= 5;
        switch (orgcode) {
            case 0x000000, 0x0000f8 -> {
                if (EtherPrinter.ethertypePrint(nd, et, p, length, caplen, src, dst)) {
                    return true;
                }
            }
            case 0x00000c -> {
                if (et == 0x2000) {
                    CdpPrinter.cdpPrint(nd, p, length);
                    return true;
                }
                if (et == 0x010b || et == 0x010c) {
                    StpPrinter.stpPrint(nd, p, length);
                    return true;
                }
            }
            case 0x0080c2 -> {
                if (et == 0x0001 || et == 0x0007) {
                    if (!nd.ttest(p, bridgePad)) {
                        nd.trunc();
                        return true;
                    }
                    caplen -= bridgePad;
                    length -= bridgePad;
                    p += bridgePad;
                    EtherPrinter.etherPrint(nd, p, length, caplen);
                    return true;
                }
                if (et == 0x000e) {
                    StpPrinter.stpPrint(nd, p, length);
                    return true;
                }
            }
            default -> { }
        }
        if (!nd.eflag) {
            if (src >= 0 && dst >= 0) {
                Names.etheraddr(out, nd.p, src, nd.numeric);
                out.append(" > ");
                Names.etheraddr(out, nd.p, dst, nd.numeric);
                out.append(' ');
            }
            if (orgcode == 0) {
                String name = Names.ethertype(et);
                out.append("SNAP, ethertype ").append(name == null ? "Unknown" : name).append(" (0x");
                Names.appendHex(out, et, 4);
            } else {
                String oui = Names.oui(orgcode);
                out.append("SNAP, oui ").append(oui == null ? "Unknown" : oui).append(" (0x");
                Names.appendHex(out, orgcode, 6);
                String pid = pidName(orgcode, et);
                out.append("), pid ").append(pid == null ? "Unknown" : pid).append(" (0x");
                Names.appendHex(out, et, 4);
            }
            out.append("), length ").append(length).append(": ");
        }
        return false;
    }

    /** oui_to_struct_tok(): the name of a SNAP protocol id under its OUI. */
    private static String pidName(int orgcode, int et) {
        switch (orgcode) {
            case 0x000000, 0x0000f8, 0x080007:
                return Names.ethertype(et);
            case 0x00000c:
                return switch (et) {
                    case 0x2000 -> "CDP";
                    case 0x2003 -> "VTP";
                    case 0x2004 -> "DTP";
                    case 0x0111 -> "UDLD";
                    case 0x010b -> "PVST";
                    case 0x010c -> "VLAN Bridge";
                    default -> null;
                };
            case 0x0080c2:
                return switch (et) {
                    case 0x0001 -> "Ethernet + FCS";
                    case 0x0007 -> "Ethernet w/o FCS";
                    case 0x0002 -> "802.4 + FCS";
                    case 0x0008 -> "802.4 w/o FCS";
                    case 0x0003 -> "Token Ring + FCS";
                    case 0x0009 -> "Token Ring w/o FCS";
                    case 0x0004 -> "FDDI + FCS";
                    case 0x000a -> "FDDI w/o FCS";
                    case 0x0005 -> "802.6 + FCS";
                    case 0x000b -> "802.6 w/o FCS";
                    case 0x000e -> "BPDU";
                    default -> null;
                };
            default:
                return null;
        }
    }

    /** nlpid_values. */
    private static String nlpid(int v) {
        return switch (v) {
            case 0x00 -> "NULL";
            case 0x08 -> "Q.933";
            case 0x09 -> "LMI";
            case 0x80 -> "SNAP";
            case 0x81 -> "CLNP";
            case 0x82 -> "ES-IS";
            case 0x83 -> "IS-IS";
            case 0x84 -> "CONS";
            case 0x85 -> "IDRP";
            case 0xc1 -> "ISIS_SPB";
            case 0xb1 -> "FRF.15";
            case 0xcc -> "IPv4";
            case 0xcf -> "PPP";
            case 0x8a -> "X25 ES-IS";
            case 0x8e -> "IPv6";
            default -> null;
        };
    }

    /**
     * print-isoclns.c's isoclns_print() for the NLPIDs this package prints (NULL, IPv4, IPv6 and unknown ones);
     * false, printing nothing, for CLNP, ES-IS, IS-IS, Q.933 and PPP, whose printers it does not have.
     */
    static boolean isoclnsPrint(Dissector nd, int p, int length) {
        if (!nd.ttest(p, 1)) {
            nd.protocol = "isoclns";
            nd.u8(p); // the NLPID's read truncates
        }
        int id = nd.u8(p);
        switch (id) {
            case 0x81, 0x82, 0x83, 0x08, 0xcf -> {
                return false;
            }
            default -> { }
        }
        nd.protocol = "isoclns";
        StringBuilder out = nd.out;
        if (nd.eflag) {
            String name = nlpid(id);
            out.append("OSI NLPID ").append(name == null ? "Unknown" : name).append(" (0x");
            nd.hex2(id);
            out.append("): ");
        }
        switch (id) {
            case 0x00 -> out.append(nd.eflag ? "" : ", ").append("length: ").append(length);
            case 0xcc -> IpPrinter.ipPrint(nd, p + 1, length - 1);
            case 0x8e -> Ip6Printer.ip6Print(nd, p + 1, length - 1);
            default -> {
                if (!nd.eflag) {
                    out.append("OSI NLPID 0x");
                    nd.hex2(id);
                    out.append(" unknown");
                }
                out.append(nd.eflag ? "" : ", ").append("length: ").append(length);
                if (length > 1) {
                    HexDump.unknownData(nd, p, "\n\t", length);
                }
            }
        }
        return true;
    }
}
