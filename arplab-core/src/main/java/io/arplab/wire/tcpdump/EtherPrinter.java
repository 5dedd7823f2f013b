package io.arplab.wire.tcpdump;

/** print-ether.c: the Ethernet header, VLAN tags, 802.3 length frames and the ethertype dispatch. */
final class EtherPrinter {
    static final int ETHER_HDRLEN = 14;
    static final int MAX_ETHERNET_LENGTH_VAL = 1500;
    static final int ETHERTYPE_IP = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int ETHERTYPE_REVARP = 0x8035;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ETHERTYPE_LLDP = 0x88cc;
    static final int ETHERTYPE_JUMBO = 0x8870;
    static final int ETHERTYPE_TRAIL = 0x1000;

    private EtherPrinter() {}

    /** ether_if_print(): returns the link-layer header length that -x / -X skip. */
    static int ifPrint(Dissector nd, int length, int caplen) {
        return etherPrint(nd, 0, length, caplen);
    }

    /** ether_print() / ether_common_print(). */
    static int etherPrint(Dissector nd, int p, int length, int caplen) {
        nd.protocol = "ether";
        StringBuilder out = nd.out;
        if (length < caplen) {
            out.append("[length ").append(length).append(" < caplen ").append(caplen).append(']');
            nd.invalid();
            return length;
        }
        if (caplen < ETHER_HDRLEN) {
            nd.trunc();
            return caplen;
        }
        int origLength = length;
        int dst = p;
        int src = p + 6;
        length -= 12;
        caplen -= 12;
        p += 12;
        int hdrlen = 12;
        if (nd.eflag) {
            addresses(nd, src, dst);
        }
        int lengthType = nd.u16(p);
        length -= 2;
        caplen -= 2;
        p += 2;
        hdrlen += 2;

        boolean printedLength = false;
        while (lengthType == 0x8100 || lengthType == 0x9100 || lengthType == 0x9200 || lengthType == 0x88a8) {
            if (caplen < 4) {
                nd.protocol = "vlan";
                nd.trunc();
                return hdrlen + caplen;
            }
            if (length < 4) {
                nd.protocol = "vlan";
                nd.trunc();
                return hdrlen + length;
            }
            if (nd.eflag) {
                int tag = nd.u16(p);
                typePrint(nd, lengthType);
                if (!printedLength) {
                    out.append(", length ").append(origLength).append(": ");
                    printedLength = true;
                } else {
                    out.append(", ");
                }
                tci(out, tag);
                out.append(", ");
            }
            lengthType = nd.u16(p + 2);
            p += 4;
            length -= 4;
            caplen -= 4;
            hdrlen += 4;
        }

        if (lengthType <= MAX_ETHERNET_LENGTH_VAL) {
            // a length field: the payload ends where it says, if that is shorter than the frame
            if (lengthType < length) {
                length = lengthType;
                if (caplen > length) {
                    caplen = length;
                }
            }
            nd.push(p, length);
            if (nd.eflag) {
                out.append("802.3");
                if (!printedLength) {
                    out.append(", length ").append(length).append(": ");
                }
            }
            int llcHdrlen = LlcPrinter.llcPrint(nd, p, length, caplen, src, dst);
            if (llcHdrlen < 0) {
                if (!nd.suppressDefaultPrint) {
                    HexDump.hexAndAscii(nd, "\n\t", p, caplen);
                }
                llcHdrlen = -llcHdrlen;
            }
            hdrlen += llcHdrlen;
            nd.pop();
        } else if (lengthType == ETHERTYPE_JUMBO) {
            int llcHdrlen = LlcPrinter.llcPrint(nd, p, length, caplen, src, dst);
            if (llcHdrlen < 0) {
                if (!nd.suppressDefaultPrint) {
                    HexDump.hexAndAscii(nd, "\n\t", p, caplen);
                }
                llcHdrlen = -llcHdrlen;
            }
            hdrlen += llcHdrlen;
        } else {
            if (nd.eflag) {
                typePrint(nd, lengthType);
                if (!printedLength) {
                    out.append(", length ").append(origLength).append(": ");
                } else {
                    out.append(", ");
                }
            }
            if (!ethertypePrint(nd, lengthType, p, length, caplen, src, dst)) {
                if (!nd.eflag) {
                    addresses(nd, src, dst);
                    typePrint(nd, lengthType);
                    out.append(", length ").append(origLength).append(": ");
                }
                if (!nd.suppressDefaultPrint) {
                    HexDump.hexAndAscii(nd, "\n\t", p, caplen);
                }
            }
        }
        return hdrlen;
    }

    /** ether_addresses_print(). */
    private static void addresses(Dissector nd, int src, int dst) {
        nd.check(src, 6);
        nd.check(dst, 6);
        Names.etheraddr(nd.out, nd.p, src, nd.numeric);
        nd.out.append(" > ");
        Names.etheraddr(nd.out, nd.p, dst, nd.numeric);
        nd.out.append(", ");
    }

    /** ether_type_print(): with -q only the name ("Unknown Ethertype (0x88b5)" when it has none). */
    static void typePrint(Dissector nd, int type) {
        StringBuilder out = nd.out;
        String name = Names.ethertype(type);
        if (nd.qflag) {
            if (name != null) {
                out.append(name);
            } else {
                out.append("Unknown Ethertype (0x");
                Names.appendHex(out, type, 4);
                out.append(')');
            }
            return;
        }
        out.append("ethertype ").append(name == null ? "Unknown" : name).append(" (0x");
        Names.appendHex(out, type, 4);
        out.append(')');
    }

    /** ieee8021q_tci_string(). */
    static void tci(StringBuilder out, int tci) {
        out.append("vlan ").append(tci & 0xfff).append(", p ").append(tci >> 13);
        if ((tci & 0x1000) != 0) {
            out.append(", DEI");
        }
    }

    /** ethertype_print(): false when tcpdump has no printer for the type (the caller dumps it). */
    static boolean ethertypePrint(Dissector nd, int type, int p, int length, int caplen, int src, int dst) {
        switch (type) {
            case ETHERTYPE_IP -> IpPrinter.ipPrint(nd, p, length);
            case ETHERTYPE_IPV6 -> Ip6Printer.ip6Print(nd, p, length);
            case ETHERTYPE_ARP, ETHERTYPE_REVARP -> ArpPrinter.arpPrint(nd, p, length, caplen);
            case ETHERTYPE_LLDP -> LldpPrinter.lldpPrint(nd, p, length);
            case 0x8847, 0x8848 -> MplsPrinter.mplsPrint(nd, p, length);
            case 0x8863, 0x8864, 0x3c12, 0x3c13 -> PppoePrinter.pppoePrint(nd, p, length);
            case 0x80f3 -> AtalkPrinter.aarpPrint(nd, p, length);
            case 0x894f -> NshPrinter.nshPrint(nd, p, length);
            case 0x88f7 -> PtpPrinter.ptpPrint(nd, p, length); // ethertype_print()'s ETHERTYPE_PTP
            case 0x8137 -> {
                nd.out.append("(NOV-ETHII) ");
                IpxPrinter.ipxPrint(nd, p, length);
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
