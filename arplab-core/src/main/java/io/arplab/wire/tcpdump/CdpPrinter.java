package io.arplab.wire.tcpdump;

import java.util.Locale;

/**
 * print-cdp.c: Cisco Discovery Protocol over SNAP (OUI 0x00000c, PID 0x2000). Without -v only the Device-ID and a
 * hex dump of each TLV whose printer did not run; with -v each TLV by its cdptlvs[] entry.
 */
final class CdpPrinter {
    private static final int T_DEV_ID = 0x01;
    private static final int[] CAP_BITS = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40};
    private static final String[] CAP_NAMES = {"Router", "Transparent Bridge", "Source Route Bridge", "L2 Switch",
        "L3 capable", "IGMP snooping", "L1 capable"};

    /** struct cdp_tlvinfo: name, printer (0 none), min_len, max_len. */
    private record Tlv(String name, int printer, int minLen, int maxLen) {}

    private static final int STRING = 1;
    private static final int ADDR = 2;
    private static final int CAPABILITY = 3;
    private static final int VERSION = 4;
    private static final int PREFIXES = 5;
    private static final int UINT16 = 6;
    private static final int DUPLEX = 7;
    private static final int ATA186 = 8;
    private static final int POWER = 9;
    private static final int MTU = 10;
    private static final int UINT8X = 11;
    private static final int PHYS_LOC = 12;

    private static final Tlv[] TLVS = {null, new Tlv("Device-ID", STRING, -1, -1), new Tlv("Address", ADDR, -1, -1),
        new Tlv("Port-ID", STRING, -1, -1), new Tlv("Capability", CAPABILITY, 4, 4),
        new Tlv("Version String", VERSION, -1, -1), new Tlv("Platform", STRING, -1, -1),
        new Tlv("Prefixes", PREFIXES, -1, -1), new Tlv("Protocol-Hello option", 0, -1, -1),
        new Tlv("VTP Management Domain", STRING, -1, -1), new Tlv("Native VLAN ID", UINT16, 2, 2),
        new Tlv("Duplex", DUPLEX, 1, 1), null, null, new Tlv("ATA-186 VoIP VLAN assignment", ATA186, 3, 3),
        new Tlv("ATA-186 VoIP VLAN request", ATA186, 2, 3), new Tlv("power consumption", POWER, 1, 3),
        new Tlv("MTU", MTU, 4, 4), new Tlv("AVVID trust bitmap", UINT8X, 1, 1),
        new Tlv("AVVID untrusted ports CoS", UINT8X, 1, 1), new Tlv("System Name", STRING, -1, -1),
        new Tlv("System Object ID (not decoded)", 0, -1, -1), new Tlv("Management Addresses", ADDR, 4, -1),
        new Tlv("Physical Location", PHYS_LOC, 1, -1)};

    private static final Tlv UNNAMED = new Tlv(null, 0, 0, 0);

    private CdpPrinter() {}

    /** cdp_print(). */
    static void cdpPrint(Dissector nd, int tptr, int length) {
        nd.protocol = "cdp";
        StringBuilder out = nd.out;
        int origLength = length;
        if (length < 4) {
            out.append(" (packet length ").append(length).append(" < 4)");
            invalid(nd, tptr, length);
            return;
        }
        int version = nd.u8(tptr);
        int ttl = nd.u8(tptr + 1);
        out.append("CDPv").append(version).append(", ttl: ").append(ttl).append('s');
        int checksum = nd.u16(tptr + 2);
        if (nd.vflag > 0) {
            out.append(", checksum: 0x");
            nd.hex4(checksum);
            out.append(" (unverified), length ").append(origLength);
        }
        tptr += 4;
        length -= 4;
        while (length != 0) {
            if (length < 4) {
                out.append(" (remaining packet length ").append(length).append(" < 4)");
                invalid(nd, tptr, length);
                return;
            }
            int type = nd.u16(tptr);
            int len = nd.u16(tptr + 2);
            // cdptlvs[]'s entries up to T_MAX all exist: those not named are zeroed (no name, no printer)
            Tlv info = type < TLVS.length ? (TLVS[type] != null ? TLVS[type] : UNNAMED) : null;
            String name = info != null && info.name != null ? info.name : "unknown field type";
            if (len < 4) {
                if (nd.vflag > 0) {
                    out.append("\n\t").append(name).append(" (0x");
                    Names.appendHex(out, type, 2);
                    out.append("), TLV length: ").append(len).append(" byte").append(len == 1 ? "" : "s")
                            .append(" (too short)");
                } else {
                    out.append(", ").append(name).append(" TLV length ").append(len).append(" too short");
                }
                invalid(nd, tptr, length);
                return;
            }
            if (len > length) {
                out.append(" (TLV length ").append(len).append(" > ").append(length).append(')');
                invalid(nd, tptr, length);
                return;
            }
            tptr += 4;
            length -= 4;
            len -= 4;
            if (nd.vflag == 0 && type == T_DEV_ID) {
                out.append(", Device-ID ");
            } else if (nd.vflag > 0) {
                out.append("\n\t").append(name).append(" (0x");
                Names.appendHex(out, type, 2);
                out.append("), value length: ").append(len).append(" byte").append(len == 1 ? "" : "s")
                        .append(": ");
            }
            boolean covered = false;
            if (info != null) {
                if (info.minLen > 0 && len < info.minLen || info.maxLen > 0 && len > info.maxLen) {
                    out.append(" (malformed TLV)");
                } else if (nd.vflag > 0 || type == T_DEV_ID) {
                    if (info.printer != 0) {
                        value(nd, info.printer, tptr, len);
                    } else {
                        nd.check(tptr, len);
                    }
                    covered = true;
                }
            }
            if (!covered) {
                nd.check(tptr, len);
                HexDump.unknownData(nd, tptr, "\n\t  ", len);
            }
            tptr += len;
            length -= len;
        }
        if (nd.vflag < 1) {
            out.append(", length ").append(origLength);
        }
    }

    /** The invalid: label: nd_print_invalid(), then ND_TCHECK_LEN of what is left (a longjmp when cut). */
    private static void invalid(Dissector nd, int p, int l) {
        nd.invalid();
        nd.check(p, l);
    }

    private static void value(Dissector nd, int printer, int cp, int len) {
        StringBuilder out = nd.out;
        switch (printer) {
            case STRING -> {
                out.append('\'');
                printn(nd, cp, len);
                out.append('\'');
            }
            case ADDR -> addr(nd, cp, len);
            case CAPABILITY -> {
                long val = nd.u32(cp);
                out.append("(0x");
                Names.appendHex(out, val, 8);
                out.append("): ").append(BfdPrinter.bittok2str(CAP_BITS, CAP_NAMES, (int) val));
            }
            case VERSION -> {
                out.append("\n\t  ");
                for (int i = 0; i < len; i++) {
                    int c = nd.u8(cp + i);
                    if (c == '\n') {
                        out.append("\n\t  ");
                    } else {
                        nd.printChar(c);
                    }
                }
            }
            case PREFIXES -> prefixes(nd, cp, len);
            case UINT16 -> out.append(nd.u16(cp));
            case DUPLEX -> out.append(nd.u8(cp) != 0 ? "full" : "half");
            case ATA186 -> {
                if (len == 2) {
                    int v = nd.u16(cp);
                    out.append("unknown 0x");
                    nd.hex4(v);
                } else {
                    int app = nd.u8(cp);
                    int vlan = nd.u16(cp + 1);
                    out.append("app ").append(app).append(", vlan ").append(vlan);
                }
            }
            case POWER -> {
                int val = switch (len) {
                    case 1 -> nd.u8(cp);
                    case 2 -> nd.u16(cp);
                    case 3 -> nd.u24(cp);
                    default -> 0;
                };
                out.append(String.format(Locale.ROOT, "%1.2fW", val / 1000.0));
            }
            case MTU -> out.append(nd.u32(cp)).append(" bytes");
            case UINT8X -> {
                int v = nd.u8(cp);
                out.append("0x");
                nd.hex2(v);
            }
            case PHYS_LOC -> {
                int v = nd.u8(cp);
                out.append("0x");
                nd.hex2(v);
                if (len > 1) {
                    out.append('/');
                    printn(nd, cp + 1, len - 1);
                }
            }
            default -> throw new IllegalStateException("CDP printer " + printer);
        }
    }

    /** nd_printn() with no end pointer: each character a GET_U_1(), so a cut longjmps. */
    private static void printn(Dissector nd, int off, int n) {
        for (int i = 0; i < n; i++) {
            nd.printChar(nd.u8(off + i));
        }
    }

    private static final byte[] PROT_IPV6 = {(byte) 0xaa, (byte) 0xaa, 0x03, 0x00, 0x00, 0x00, (byte) 0x86,
        (byte) 0xdd};

    /** cdp_print_addr(): IPv4 by NLPID, IPv6 by an LLC/SNAP header, anything else as bytes. */
    private static void addr(Dissector nd, int p, int l) {
        StringBuilder out = nd.out;
        if (l < 4) {
            out.append(" (not enough space for num)");
            nd.check(p, l);
            return;
        }
        long num = nd.u32(p);
        p += 4;
        l -= 4;
        while (num != 0) {
            if (l < 2) {
                out.append(" (not enough space for PT+PL)");
                nd.check(p, l);
                return;
            }
            int pt = nd.u8(p);
            int pl = nd.u8(p + 1);
            p += 2;
            l -= 2;
            if (l < pl + 2) {
                out.append(" (not enough space for P+AL)");
                nd.check(p, l);
                return;
            }
            int al = nd.u16(p + pl);
            if (pt == 1 && pl == 1 && nd.u8(p) == 0xcc && al == 4
                    || pt == 2 && pl == 8 && nd.ttest(p, 8)
                    && java.util.Arrays.equals(nd.p, p, p + 8, PROT_IPV6, 0, 8) && al == 16) {
                p += pl + 2;
                l -= pl + 2;
                if (l < al) {
                    out.append(" (not enough space for A)");
                    nd.check(p, l);
                    return;
                }
                nd.check(p, al);
                out.append(al == 4 ? "IPv4 (" : "IPv6 (").append(num).append(") ");
                if (al == 4) {
                    Names.ipaddr(out, nd.p, p);
                } else {
                    Names.ip6addr(out, nd.p, p);
                }
                p += al;
                l -= al;
            } else {
                out.append("pt=0x");
                nd.hex2(pt);
                out.append(", pl=").append(pl).append(", pb=");
                while (pl != 0) {
                    int b = nd.u8(p);
                    out.append(' ');
                    nd.hex2(b);
                    p++;
                    l--;
                    pl--;
                }
                out.append(", al=").append(al).append(", a=");
                p += 2;
                l -= 2;
                if (l < al) {
                    out.append(" (not enough space for A)");
                    nd.check(p, l);
                    return;
                }
                while (al != 0) {
                    int b = nd.u8(p);
                    out.append(' ');
                    nd.hex2(b);
                    p++;
                    l--;
                    al--;
                }
            }
            num--;
            if (num != 0) {
                out.append(' ');
            }
        }
        if (l != 0) {
            out.append(" (").append(l).append(" bytes of stray data)");
        }
    }

    /** cdp_print_prefixes(). */
    private static void prefixes(Dissector nd, int p, int l) {
        if (l % 5 != 0) {
            nd.out.append(" [length ").append(l).append(" is not a multiple of 5]");
            nd.check(p, l);
            return;
        }
        nd.out.append(" IPv4 Prefixes (").append(l / 5).append("):");
        for (; l > 0; l -= 5, p += 5) {
            nd.check(p, 5); // the ND_PRINT's five GET_U_1()s are read before it prints
            nd.out.append(' ').append(nd.u8(p)).append('.').append(nd.u8(p + 1)).append('.').append(nd.u8(p + 2))
                    .append('.').append(nd.u8(p + 3)).append('/').append(nd.u8(p + 4));
        }
    }
}
