package io.arplab.wire.tcpdump;

/** print-pim.c's cisco_autorp_print(): Cisco's Auto-RP announcements and mappings on UDP port 496. */
final class AutoRpPrinter {
    static final int CISCO_AUTORP_PORT = 496;

    private AutoRpPrinter() {}

    /** cisco_autorp_print(). */
    static void autorpPrint(Dissector nd, int bp, int len) {
        nd.protocol = "cisco_autorp";
        StringBuilder out = nd.out;
        if (len < 8) {
            nd.trunc();
            return;
        }
        out.append(" auto-rp ");
        int type = nd.u8(bp);
        switch (type) {
            case 0x11 -> out.append("candidate-advert");
            case 0x12 -> out.append("mapping");
            default -> {
                out.append("type-0x");
                nd.hex2(type);
            }
        }
        int numrps = nd.u8(bp + 1);
        out.append(" Hold ");
        int hold = nd.u16(bp + 2);
        if (hold != 0) {
            DnsPrinter.relts(out, hold);
        } else {
            out.append("FOREVER");
        }
        bp += 8;
        len -= 8;
        while (numrps != 0) {
            if (len < 4) {
                nd.trunc();
                return;
            }
            nd.check(bp, 4);
            out.append(" RP ");
            Names.ipaddr(out, nd.p, bp);
            bp += 4;
            len -= 4;
            if (len < 1) {
                nd.trunc();
                return;
            }
            int v = nd.u8(bp);
            out.append(switch (v & 3) {
                case 0 -> " PIMv?";
                case 1 -> " PIMv1";
                case 2 -> " PIMv2";
                default -> " PIMv1+2";
            });
            if ((v & 0xfc) != 0) {
                out.append(" [rsvd=0x");
                nd.hex2(v & 0xfc);
                out.append(']');
            }
            bp += 1;
            len -= 1;
            if (len < 1) {
                nd.trunc();
                return;
            }
            int nentries = nd.u8(bp);
            bp += 1;
            len -= 1;
            char s = ' ';
            while (nentries != 0) {
                if (len < 6) {
                    nd.trunc();
                    return;
                }
                int flags = nd.u8(bp);
                nd.check(bp + 2, 4);
                int mask = nd.u8(bp + 1);
                out.append(s).append((flags & 1) != 0 ? "!" : "");
                Names.ipaddr(out, nd.p, bp + 2);
                out.append('/').append(mask);
                if ((flags & 2) != 0) {
                    out.append(" bidir");
                }
                if ((flags & 0xfc) != 0) {
                    out.append("[rsvd=0x");
                    nd.hex2(flags & 0xfc);
                    out.append(']');
                }
                s = ',';
                bp += 6;
                len -= 6;
                nentries--;
            }
            numrps--;
        }
    }
}
