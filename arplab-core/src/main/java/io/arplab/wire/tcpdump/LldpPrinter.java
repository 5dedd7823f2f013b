package io.arplab.wire.tcpdump;

/** print-lldp.c: IEEE 802.1AB LLDP (the basic TLVs; organization-specific TLVs are dumped). */
final class LldpPrinter {
    private LldpPrinter() {}

    // bittok2str() tables of the organization-specific TLVs
    private static final int[] PROTOCOL_VLAN_BITS = {2, 4};
    private static final int[] ONE_TWO = {1, 2};
    private static final String[] SUPPORTED_ENABLED = {"supported", "enabled"};
    private static final int[] MDI_BITS = {1, 2, 4, 8};
    private static final String[] MDI_NAMES = {"PSE", "supported", "enabled", "can be controlled"};
    private static final int[] PMD_BITS = {1 << 14, 1 << 13, 1 << 12, 1 << 11, 1 << 10, 1 << 9, 1 << 8, 1 << 7, 1 << 6,
        1 << 5, 1 << 4, 1 << 3, 1 << 2, 1 << 1, 1};
    private static final String[] PMD_NAMES = {"10BASE-T hdx", "10BASE-T fdx", "100BASE-T4", "100BASE-TX hdx",
        "100BASE-TX fdx", "100BASE-T2 hdx", "100BASE-T2 fdx", "Pause for fdx links", "Asym PAUSE for fdx",
        "Sym PAUSE for fdx", "Asym and Sym PAUSE for fdx", "1000BASE-{X LX SX CX} hdx", "1000BASE-{X LX SX CX} fdx",
        "1000BASE-T hdx", "1000BASE-T fdx"};

    private static String tlvName(int type) {
        return switch (type) {
            case 0 -> "End";
            case 1 -> "Chassis ID";
            case 2 -> "Port ID";
            case 3 -> "Time to Live";
            case 4 -> "Port Description";
            case 5 -> "System Name";
            case 6 -> "System Description";
            case 7 -> "System Capabilities";
            case 8 -> "Management Address";
            case 127 -> "Organization specific";
            default -> "Unknown";
        };
    }

    private static String chassisSubtype(int s) {
        return switch (s) {
            case 1 -> "Chassis component";
            case 2 -> "Interface alias";
            case 3 -> "Port component";
            case 4 -> "MAC address";
            case 5 -> "Network address";
            case 6 -> "Interface name";
            case 7 -> "Local";
            default -> "Unknown";
        };
    }

    private static String portSubtype(int s) {
        return switch (s) {
            case 1 -> "Interface alias";
            case 2 -> "Port component";
            case 3 -> "MAC address";
            case 4 -> "Network Address";
            case 5 -> "Interface Name";
            case 6 -> "Agent circuit ID";
            case 7 -> "Local";
            default -> "Unknown";
        };
    }

    /** af.c af_values: null when unknown (print-ldp.c's address lists use it too). */
    static String afName(int af) {
        return switch (af) {
            case 0 -> "Reserved";
            case 1 -> "IPv4";
            case 2 -> "IPv6";
            case 3 -> "NSAP";
            case 4 -> "HDLC";
            case 5 -> "BBN 1822";
            case 6 -> "802";
            case 7 -> "E.163";
            case 8 -> "E.164";
            case 9 -> "F.69";
            case 10 -> "X.121";
            case 11 -> "Novell IPX";
            case 12 -> "Appletalk";
            case 13 -> "Decnet IV";
            case 14 -> "Banyan Vines";
            case 15 -> "E.164 with NSAP subaddress";
            case 196 -> "Layer-2 VPN";
            case 25 -> "VPLS";
            default -> null;
        };
    }

    private static String af(int af) {
        String n = afName(af);
        return n == null ? "Unknown" : n;
    }

    private static final String[] CAPABILITIES = {"Other", "Repeater", "Bridge", "WLAN AP", "Router", "Telephone",
        "Docsis", "Station Only"};

    private static void capabilities(StringBuilder out, int cap) {
        String[] names = CAPABILITIES;
        int start = out.length();
        for (int i = 0; i < names.length; i++) {
            if ((cap & (1 << i)) != 0) {
                if (out.length() != start) {
                    out.append(", ");
                }
                out.append(names[i]);
            }
        }
        if (out.length() == start) {
            out.append("none");
        }
    }

    /** lldp_network_addr_print(): false when too short. */
    private static boolean networkAddr(Dissector nd, int tptr, int len) {
        StringBuilder out = nd.out;
        if (len < 1) {
            return false;
        }
        len--;
        int af = nd.u8(tptr);
        int need = switch (af) {
            case 1 -> 4;
            case 2 -> 16;
            case 6 -> 6;
            default -> -1;
        };
        if (need > 0 && len < need) {
            return false;
        }
        out.append("AFI ").append(af(af)).append(" (").append(af).append(')');
        if (need < 0) {
            out.append(", no AF printer !");
            return true;
        }
        out.append(": ");
        switch (af) {
            case 1 -> Names.ipaddr(out, nd.p, tptr + 1);
            case 2 -> Names.ip6addr(out, nd.p, tptr + 1);
            default -> Names.etheraddr(out, nd.p, tptr + 1, nd.numeric);
        }
        return true;
    }

    /** lldp_mgmt_addr_tlv_print(). */
    private static boolean mgmtAddr(Dissector nd, int tptr, int tlen) {
        StringBuilder out = nd.out;
        if (tlen < 1) {
            return false;
        }
        int addrLen = nd.u8(tptr);
        tptr++;
        tlen--;
        if (tlen < addrLen) {
            return false;
        }
        int mark = out.length();
        out.append("\n\t  Management Address length ").append(addrLen).append(", ");
        if (!networkAddr(nd, tptr, addrLen)) {
            out.setLength(mark);
            return false;
        }
        tptr += addrLen;
        tlen -= addrLen;
        if (tlen < 5) {
            return false;
        }
        int subtype = nd.u8(tptr);
        String s = switch (subtype) {
            case 1 -> "Unknown";
            case 2 -> "Interface Index";
            case 3 -> "System Port Number";
            default -> "Unknown";
        };
        out.append("\n\t  ").append(s).append(" Interface Numbering (").append(subtype).append("): ")
                .append(nd.u32(tptr + 1));
        tptr += 5;
        tlen -= 5;
        if (tlen != 0) {
            int oidLen = nd.u8(tptr);
            if (tlen < 1 + oidLen) {
                return false;
            }
            if (oidLen != 0) {
                out.append("\n\t  OID length ").append(oidLen);
                nd.printzp(tptr + 1, oidLen);
            }
        }
        return true;
    }

    /** lldp_print(). */
    static void lldpPrint(Dissector nd, int pptr, int len) {
        nd.protocol = "lldp";
        StringBuilder out = nd.out;
        int tptr = pptr;
        int tlen = len;
        out.append("LLDP, length ").append(len);
        while (tlen >= 2) {
            if (!nd.ttest(tptr, 2)) {
                nd.trunc();
                return;
            }
            int tlv = nd.u16(tptr);
            int tlvType = (tlv & 0xfe00) >> 9;
            int tlvLen = tlv & 0x01ff;
            boolean hexdump = false;
            tlen -= 2;
            tptr += 2;
            if (nd.vflag > 0) {
                out.append("\n\t").append(tlvName(tlvType)).append(" TLV (").append(tlvType).append("), length ")
                        .append(tlvLen);
            }
            if (tlvType == 0 || tlvLen == 0) {
                break;
            }
            if (!nd.ttest(tptr, tlvLen) || tlen < tlvLen) {
                nd.trunc();
                return;
            }
            switch (tlvType) {
                case 1, 2 -> {
                    if (nd.vflag > 0) {
                        if (tlvLen < 2) {
                            nd.trunc();
                            return;
                        }
                        int subtype = nd.u8(tptr);
                        boolean chassis = tlvType == 1;
                        out.append("\n\t  Subtype ").append(chassis ? chassisSubtype(subtype) : portSubtype(subtype))
                                .append(" (").append(subtype).append("): ");
                        int mac = chassis ? 4 : 3;
                        int net = chassis ? 5 : 4;
                        if (subtype == mac) {
                            if (tlvLen < 7) {
                                nd.trunc();
                                return;
                            }
                            Names.etheraddr(out, nd.p, tptr + 1, nd.numeric);
                        } else if (subtype == net) {
                            if (!networkAddr(nd, tptr + 1, tlvLen - 1)) {
                                nd.trunc();
                                return;
                            }
                        } else if (subtype >= 1 && subtype <= 7) {
                            nd.printzp(tptr + 1, tlvLen - 1);
                        } else {
                            hexdump = true;
                        }
                    }
                }
                case 3 -> {
                    if (nd.vflag > 0) {
                        if (tlvLen < 2) {
                            nd.trunc();
                            return;
                        }
                        out.append(": TTL ").append(nd.u16(tptr)).append('s');
                    }
                }
                case 4 -> {
                    if (nd.vflag > 0) {
                        out.append(": ");
                        nd.printzp(tptr, tlvLen);
                    }
                }
                case 5 -> {
                    out.append(": ");
                    nd.printzp(tptr, tlvLen);
                }
                case 6 -> {
                    if (nd.vflag > 0) {
                        out.append("\n\t  ");
                        nd.printzp(tptr, tlvLen);
                    }
                }
                case 7 -> {
                    if (nd.vflag > 0) {
                        if (tlvLen < 4) {
                            nd.trunc();
                            return;
                        }
                        int cap = nd.u16(tptr);
                        int ena = nd.u16(tptr + 2);
                        out.append("\n\t  System  Capabilities [");
                        capabilities(out, cap);
                        out.append("] (0x");
                        Names.appendHex(out, cap, 4);
                        out.append(")\n\t  Enabled Capabilities [");
                        capabilities(out, ena);
                        out.append("] (0x");
                        Names.appendHex(out, ena, 4);
                        out.append(')');
                    }
                }
                case 8 -> {
                    if (nd.vflag > 0) {
                        if (!mgmtAddr(nd, tptr, tlvLen)) {
                            nd.trunc();
                            return;
                        }
                    }
                }
                case 127 -> {
                    if (nd.vflag > 0) {
                        if (tlvLen < 3) {
                            nd.trunc();
                            return;
                        }
                        int oui = nd.u24(tptr);
                        String name = Names.oui(oui);
                        out.append(": OUI ").append(name == null ? "Unknown" : name).append(" (0x");
                        Names.appendHex(out, oui, 6);
                        out.append(')');
                        hexdump = switch (oui) {
                            case 0x0080c2 -> private8021(nd, tptr, tlvLen);
                            case 0x00120f -> private8023(nd, tptr, tlvLen);
                            case 0x00005e -> privateIana(nd, tptr, tlvLen);
                            case 0x0012bb -> LldpTiaPrinter.print(nd, tptr, tlvLen);
                            default -> true;
                        };
                    }
                }
                default -> hexdump = true;
            }
            if (nd.vflag > 1 || (nd.vflag > 0 && hexdump)) {
                HexDump.unknownData(nd, tptr, "\n\t  ", tlvLen);
            }
            tlen -= tlvLen;
            tptr += tlvLen;
        }
    }

    private static void bits(StringBuilder out, int v, int[] bits, String[] names, String none) {
        int start = out.length();
        for (int i = 0; i < bits.length; i++) {
            if ((v & bits[i]) == bits[i]) {
                if (out.length() != start) {
                    out.append(", ");
                }
                out.append(names[i]);
            }
        }
        if (out.length() == start) {
            out.append(none);
        }
    }

    /** %-Nd */
    private static void left(StringBuilder out, int v, int width) {
        int start = out.length();
        out.append(v);
        for (int i = out.length() - start; i < width; i++) {
            out.append(' ');
        }
    }

    private static void table(Dissector nd, String title, String header, String valueLabel, int[] values) {
        StringBuilder out = nd.out;
        out.append("\n\t    ").append(title);
        out.append("\n\t     ").append(header);
        out.append("\n\t     ").append(valueLabel);
        for (int i = 0; i < values.length; i++) {
            left(out, values[i], 3);
            if (i < values.length - 1) {
                out.append(' ');
            }
        }
    }

    private static void bitRow(StringBuilder out, int tval) {
        out.append("\n\t     Priority : 0  1  2  3  4  5  6  7");
        out.append("\n\t     Value    : ");
        for (int i = 0; i < 8; i++) {
            left(out, (tval >> i) & 1, 2);
            out.append(' ');
        }
    }

    private static int[] nibbles(Dissector nd, int p) {
        int[] v = new int[8];
        for (int i = 0; i < 4; i++) {
            int b = nd.u8(p + i);
            v[2 * i] = b >> 4;
            v[2 * i + 1] = b & 0x0f;
        }
        return v;
    }

    private static int[] octets(Dissector nd, int p) {
        int[] v = new int[8];
        for (int i = 0; i < 8; i++) {
            v[i] = nd.u8(p + i);
        }
        return v;
    }

    private static void etsTables(Dissector nd, int tptr) {
        table(nd, "Priority Assignment Table", "Priority : 0   1   2   3   4   5   6   7", "Value    : ",
                nibbles(nd, tptr + 5));
        table(nd, "TC Bandwidth Table", "TC%   : 0   1   2   3   4   5   6   7", "Value : ", octets(nd, tptr + 9));
        table(nd, "TSA Assignment Table", "Traffic Class: 0   1   2   3   4   5   6   7", "Value        : ",
                octets(nd, tptr + 17));
    }

    /** lldp_private_8021_print(): IEEE 802.1 organizationally specific TLVs. */
    private static boolean private8021(Dissector nd, int tptr, int tlvLen) {
        StringBuilder out = nd.out;
        if (tlvLen < 4) {
            return false;
        }
        int subtype = nd.u8(tptr + 3);
        String name = switch (subtype) {
            case 1 -> "Port VLAN Id";
            case 2 -> "Port and Protocol VLAN ID";
            case 3 -> "VLAN name";
            case 4 -> "Protocol Identity";
            case 8 -> "Congestion Notification";
            case 9 -> "ETS Configuration";
            case 10 -> "ETS Recommendation";
            case 11 -> "Priority Flow Control Configuration";
            case 12 -> "Application Priority";
            case 13 -> "EVB";
            case 14 -> "CDCP";
            default -> "unknown";
        };
        out.append("\n\t  ").append(name).append(" Subtype (").append(subtype).append(')');
        switch (subtype) {
            case 1 -> {
                if (tlvLen < 6) {
                    return false;
                }
                out.append("\n\t    port vlan id (PVID): ").append(nd.u16(tptr + 4));
            }
            case 2 -> {
                if (tlvLen < 7) {
                    return false;
                }
                int flags = nd.u8(tptr + 4);
                out.append("\n\t    port and protocol vlan id (PPVID): ").append(nd.u16(tptr + 5)).append(", flags [");
                bits(out, flags, PROTOCOL_VLAN_BITS, SUPPORTED_ENABLED, "none");
                out.append("] (0x");
                nd.hex2(flags);
                out.append(')');
            }
            case 3 -> {
                if (tlvLen < 6) {
                    return false;
                }
                out.append("\n\t    vlan id (VID): ").append(nd.u16(tptr + 4));
                if (tlvLen < 7) {
                    return false;
                }
                int sublen = nd.u8(tptr + 6);
                if (tlvLen < 7 + sublen) {
                    return false;
                }
                out.append("\n\t    vlan name: ");
                nd.printzp(tptr + 7, sublen);
            }
            case 4 -> {
                if (tlvLen < 5) {
                    return false;
                }
                int sublen = nd.u8(tptr + 4);
                if (tlvLen < 5 + sublen) {
                    return false;
                }
                out.append("\n\t    protocol identity: ");
                nd.printzp(tptr + 5, sublen);
            }
            case 8 -> {
                if (tlvLen < 6) {
                    return false;
                }
                out.append("\n\t    Pre-Priority CNPV Indicator");
                bitRow(out, nd.u8(tptr + 4));
                out.append("\n\t    Pre-Priority Ready Indicator");
                bitRow(out, nd.u8(tptr + 5));
            }
            case 9 -> {
                if (tlvLen < 25) {
                    return false;
                }
                int tval = nd.u8(tptr + 4);
                out.append("\n\t    Willing:").append(tval >> 7).append(", CBS:").append((tval >> 6) & 0x02)
                        .append(", RES:").append((tval >> 3) & 0x07).append(", Max TCs:").append(tval & 0x07);
                etsTables(nd, tptr);
            }
            case 10 -> {
                if (tlvLen < 25) {
                    return false;
                }
                out.append("\n\t    RES: ").append(nd.u8(tptr + 4));
                etsTables(nd, tptr);
            }
            case 11 -> {
                if (tlvLen < 6) {
                    return false;
                }
                int tval = nd.u8(tptr + 4);
                out.append("\n\t    Willing: ").append(tval >> 7).append(", MBC: ").append((tval >> 6) & 1)
                        .append(", RES: ").append((tval >> 4) & 3).append(", PFC cap:").append(tval & 0x0f)
                        .append(' ');
                out.append("\n\t    PFC Enable");
                bitRow(out, nd.u8(tptr + 5));
            }
            case 12 -> {
                if (tlvLen < 5) {
                    return false;
                }
                out.append("\n\t    RES: ").append(nd.u8(tptr + 4));
                if (tlvLen <= 5) {
                    return false;
                }
                int sublen = tlvLen - 5;
                if (sublen % 3 != 0) {
                    return false;
                }
                out.append("\n\t    Application Priority Table");
                for (int i = 0; i < sublen; i += 3) {
                    int tval = nd.u8(tptr + i + 5);
                    out.append("\n\t      Priority: ").append(tval >> 5).append(", RES: ").append((tval >> 3) & 3)
                            .append(", Sel: ").append(tval & 7).append(", Protocol ID: ")
                            .append(nd.u16(tptr + i + 6));
                }
            }
            case 13 -> {
                if (tlvLen < 9) {
                    return false;
                }
                out.append("\n\t    EVB Bridge Status");
                int tval = nd.u8(tptr + 4);
                out.append("\n\t      RES: ").append(tval >> 3).append(", BGID: ").append((tval >> 2) & 1)
                        .append(", RRCAP: ").append((tval >> 1) & 1).append(", RRCTR: ").append(tval & 1);
                out.append("\n\t    EVB Station Status");
                tval = nd.u8(tptr + 5);
                out.append("\n\t      RES: ").append(tval >> 4).append(", SGID: ").append((tval >> 3) & 1)
                        .append(", RRREQ: ").append((tval >> 2) & 1).append(",RRSTAT: ").append(tval & 3);
                tval = nd.u8(tptr + 6);
                out.append("\n\t    R: ").append(tval >> 5).append(", RTE: ").append(tval & 0x1f).append(", ");
                tval = nd.u8(tptr + 7);
                String mode = switch (tval >> 6) {
                    case 0 -> "Not Supported";
                    case 1 -> "EVB Bridge";
                    case 2 -> "EVB Station";
                    default -> "Reserved for future Standardization";
                };
                out.append("EVB Mode: ").append(mode).append(" [").append(tval >> 6).append(']');
                out.append("\n\t    ROL: ").append((tval >> 5) & 1).append(", RWD: ").append(tval & 0x1f).append(", ");
                tval = nd.u8(tptr + 8);
                out.append("RES: ").append(tval >> 6).append(", ROL: ").append((tval >> 5) & 1).append(", RKA: ")
                        .append(tval & 0x1f);
            }
            case 14 -> {
                if (tlvLen < 8) {
                    return false;
                }
                int tval = nd.u8(tptr + 4);
                out.append("\n\t    Role: ").append(tval >> 7).append(", RES: ").append((tval >> 4) & 7)
                        .append(", Scomp: ").append((tval >> 3) & 1).append(' ');
                out.append("ChnCap: ").append(nd.u16(tptr + 6) & 0x0fff);
                int sublen = tlvLen - 8;
                if (sublen % 3 != 0) {
                    return false;
                }
                for (int i = 0; i < sublen; i += 3) {
                    int v = nd.u24(tptr + i + 8);
                    out.append("\n\t    SCID: ").append(v >> 12).append(", SVID: ").append(v & 0xfff);
                }
            }
            default -> {
                return true;
            }
        }
        return false;
    }

    private static final String[] MAU_TYPES = {"Unknown", "AUI", "10BASE_5", "FOIRL", "10BASE2", "10BASET duplex mode unknown", "10BASEFP",
            "10BASEFB", "10BASEFL duplex mode unknown", "10BROAD36", "10BASET hdx", "10BASET fdx", "10BASEFL hdx",
            "10BASEFL fdx", "100BASET4", "100BASETX hdx", "100BASETX fdx", "100BASEFX hdx", "100BASEFX fdx",
            "100BASET2 hdx", "100BASET2 fdx", "1000BASEX hdx", "1000BASEX fdx", "1000BASELX hdx", "1000BASELX fdx",
            "1000BASESX hdx", "1000BASESX fdx", "1000BASECX hdx", "1000BASECX fdx", "1000BASET hdx", "1000BASET fdx",
            "10GBASEX", "10GBASELX4", "10GBASER", "10GBASEER", "10GBASELR", "10GBASESR", "10GBASEW", "10GBASEEW",
            "10GBASELW", "10GBASESW"};

    private static String mauType(int t) {
        return t < MAU_TYPES.length ? MAU_TYPES[t] : "unknown";
    }

    /** lldp_private_8023_print(): IEEE 802.3 organizationally specific TLVs. */
    private static boolean private8023(Dissector nd, int tptr, int tlvLen) {
        StringBuilder out = nd.out;
        if (tlvLen < 4) {
            return false;
        }
        int subtype = nd.u8(tptr + 3);
        String name = switch (subtype) {
            case 1 -> "MAC/PHY configuration/status";
            case 2 -> "Power via MDI";
            case 3 -> "Link aggregation";
            case 4 -> "Max frame size";
            default -> "unknown";
        };
        out.append("\n\t  ").append(name).append(" Subtype (").append(subtype).append(')');
        switch (subtype) {
            case 1 -> {
                if (tlvLen < 9) {
                    return false;
                }
                int an = nd.u8(tptr + 4);
                out.append("\n\t    autonegotiation [");
                bits(out, an, ONE_TWO, SUPPORTED_ENABLED, "none");
                out.append("] (0x");
                nd.hex2(an);
                out.append(')');
                int pmd = nd.u16(tptr + 5);
                out.append("\n\t    PMD autoneg capability [");
                bits(out, pmd, PMD_BITS, PMD_NAMES, "unknown");
                out.append("] (0x");
                nd.hex4(pmd);
                out.append(')');
                int mau = nd.u16(tptr + 7);
                out.append("\n\t    MAU type ").append(mauType(mau)).append(" (0x");
                nd.hex4(mau);
                out.append(')');
            }
            case 2 -> {
                if (tlvLen < 7) {
                    return false;
                }
                int support = nd.u8(tptr + 4);
                int pairs = nd.u8(tptr + 5);
                int cls = nd.u8(tptr + 6);
                out.append("\n\t    MDI power support [");
                bits(out, support, MDI_BITS, MDI_NAMES, "none");
                out.append("], power pair ").append(pairs == 1 ? "signal" : pairs == 2 ? "spare" : "unknown")
                        .append(", power class ").append(cls >= 1 && cls <= 5 ? "class" + (cls - 1) : "unknown");
            }
            case 3 -> {
                if (tlvLen < 9) {
                    return false;
                }
                int st = nd.u8(tptr + 4);
                out.append("\n\t    aggregation status [");
                bits(out, st, ONE_TWO, SUPPORTED_ENABLED, "none");
                out.append("], aggregation port ID ").append(nd.u32(tptr + 5));
            }
            case 4 -> {
                if (tlvLen < 6) {
                    return false;
                }
                out.append("\n\t    MTU size ").append(nd.u16(tptr + 4));
            }
            default -> {
                return true;
            }
        }
        return false;
    }

    /** lldp_private_iana_print(). */
    private static boolean privateIana(Dissector nd, int tptr, int tlvLen) {
        if (tlvLen < 8) {
            return false;
        }
        int subtype = nd.u8(tptr + 3);
        nd.out.append("\n\t  ").append(subtype == 1 ? "MUD-URL" : "unknown").append(" Subtype (").append(subtype)
                .append(')');
        if (subtype == 1) {
            nd.out.append("\n\t  MUD-URL=");
            nd.printn(tptr + 4, tlvLen - 4);
            return false;
        }
        return true;
    }
}
