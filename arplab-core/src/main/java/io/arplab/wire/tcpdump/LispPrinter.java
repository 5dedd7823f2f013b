package io.arplab.wire.tcpdump;

/**
 * print-lisp.c: LISP control messages (RFC 6833) on UDP 4342. Every type's name; map registers and notifies go on
 * with their records, EIDs and locators (IPv4 and IPv6 only, an LCAF EID ends the print), with -v the flags,
 * authentication data, TTLs, actions and priorities, then the xTR and site IDs or the rest in hex.
 */
final class LispPrinter {
    static final int LISP_CONTROL_PORT = 4342;
    private static final int MAP_REGISTER = 3;
    private static final int MAP_NOTIFY = 4;
    private static final int HDR_LEN = 16;
    private static final int EID_LEN = 12;
    private static final int LOC_LEN = 8;

    private LispPrinter() {}

    private static String typeName(int type) {
        return switch (type) {
            case 0 -> "LISP-Reserved";
            case 1 -> "LISP-Map-Request";
            case 2 -> "LISP-Map-Reply";
            case MAP_REGISTER -> "LISP-Map-Register";
            case MAP_NOTIFY -> "LISP-Map-Notify";
            case 8 -> "LISP-Encapsulated-Contol-Message";
            default -> "unknown-type-" + type;
        };
    }

    /** lisp_print(). */
    static void lispPrint(Dissector nd, int bp, int length) {
        nd.protocol = "lisp";
        StringBuilder out = nd.out;
        nd.check(bp, HDR_LEN);
        int flags = nd.u8(bp);
        int type = flags >> 4;
        out.append(typeName(type)).append(',');
        if (nd.vflag > 0) {
            long word = nd.u32(bp);
            if (type == MAP_REGISTER) {
                out.append(" flags [").append(BfdPrinter.bittok2str(new int[] {0x08000000, 0x04000000, 0x02000000,
                    0x01000000, 0x00000100}, new String[] {"P-Proxy-Map-Reply", "S-LISP-SEC-Capable",
                    "I-xTR-ID-Present", "R-Build-For-RTR", "M-Want-Map-Notify"}, (int) word)).append("],");
            } else if (type == MAP_NOTIFY) {
                out.append(" flags [").append(BfdPrinter.bittok2str(new int[] {0x08000000, 0x04000000},
                    new String[] {"I-xTR-ID-Present", "R-Build-For-RTR"}, (int) word)).append("],");
            }
        }
        if (type != MAP_REGISTER && type != MAP_NOTIFY) {
            return;
        }
        boolean xtr = (flags & (type == MAP_REGISTER ? 0x02 : 0x08)) != 0;
        int authLen = nd.u16(bp + 14);
        int off = HDR_LEN;
        int records = nd.u8(bp + 3);
        if (nd.vflag > 0) {
            int keyId = nd.u16(bp + 12);
            out.append("\n    ").append(records).append(" record(s), ");
            out.append("Authentication ").append(keyId == 0 ? "None" : keyId == 1 ? "SHA1" : keyId == 2 ? "SHA256"
                    : "unknown-type").append(',');
            HexDump.hex(nd, "\n    Authentication-Data: ", bp + off, authLen);
        } else {
            out.append(' ').append(records).append(" record(s),");
        }
        off = (off + authLen) & 0xffff; // a uint16_t
        if (records == 0) {
            nd.invalid();
            return;
        }
        while (length > off && records != 0) {
            records--;
            nd.check(bp + off, EID_LEN);
            out.append('\n');
            int eid = bp + off;
            off += EID_LEN;
            int mask = nd.u8(eid + 5);
            int afi = nd.u16(eid + 10);
            int locs = nd.u8(eid + 4);
            if (nd.vflag > 0) {
                out.append("      Record TTL ").append(nd.u32(eid)).append(',');
                int act = nd.u8(eid + 6);
                out.append(((act >> 4) & 1) != 0 ? " Authoritative," : " Non-Authoritative,");
                out.append(' ').append(switch (act >> 5) {
                    case 0 -> "No-Action";
                    case 1 -> "Natively-Forward";
                    case 2 -> "Send-Map-Request";
                    case 3 -> "Drop";
                    default -> "unknown";
                }).append(',');
                out.append(" Map Version: ").append(nd.u16(eid + 8) & 0x0fff).append(',');
            }
            if (afi != 1 && afi != 2) {
                return; // no LCAF
            }
            int alen = afi == 1 ? 4 : 16;
            String eidAddr = nd.addrString(bp + off, alen); // read before the line prints
            out.append(" EID ").append(eidAddr).append('/').append(mask).append(',');
            off += alen;
            out.append(' ').append(locs).append(" locator(s)");
            while (locs != 0) {
                locs--;
                nd.check(bp + off, LOC_LEN);
                int loc = bp + off;
                off += LOC_LEN;
                int locAfi = nd.u16(loc + 6);
                if (nd.vflag > 0) {
                    out.append("\n       ");
                }
                if (locAfi == 1 || locAfi == 2) {
                    int la = locAfi == 1 ? 4 : 16;
                    nd.check(bp + off, la);
                    out.append(" LOC ").append(nd.addrString(loc + LOC_LEN, la));
                    off += la;
                }
                if (nd.vflag > 0) {
                    out.append("\n          Priority/Weight ").append(nd.u8(loc)).append('/').append(nd.u8(loc + 1))
                            .append(", Multicast Priority/Weight ").append(nd.u8(loc + 2)).append('/')
                            .append(nd.u8(loc + 3)).append(',');
                    out.append(" flags [").append(BfdPrinter.bittok2str(new int[] {4, 2, 1},
                        new String[] {"Local-Locator", "RLoc-Probed", "Reachable"}, nd.u16(loc + 4))).append("],");
                }
            }
        }
        if (xtr) {
            if (!nd.ttest(bp + off, 24)) {
                nd.invalid();
                return;
            }
            HexDump.hex(nd, "\n    xTR-ID: ", bp + off, 16);
            long hi = nd.u32(bp + off + 16);
            long lo = nd.u32(bp + off + 20);
            out.append("\n    SITE-ID: ").append(Long.toUnsignedString(hi << 32 | lo));
        } else if (bp + off < nd.snapend) {
            HexDump.hex(nd, "\n    Data: ", bp + off, nd.available(bp + off));
        }
    }
}
