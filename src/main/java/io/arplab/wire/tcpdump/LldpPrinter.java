package io.arplab.wire.tcpdump;

/** print-lldp.c: IEEE 802.1AB LLDP (the basic TLVs; organization-specific TLVs are dumped). */
final class LldpPrinter {
    private LldpPrinter() {}

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

    /** af.c af_values. */
    private static String af(int af) {
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
            default -> "Unknown";
        };
    }

    private static void capabilities(StringBuilder out, int cap) {
        String[] names = {"Other", "Repeater", "Bridge", "WLAN AP", "Router", "Telephone", "Docsis", "Station Only"};
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
                        hexdump = true;
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
}
