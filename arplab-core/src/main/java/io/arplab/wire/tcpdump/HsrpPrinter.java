package io.arplab.wire.tcpdump;

/** print-hsrp.c: Cisco's Hot Standby Router Protocol (RFC 2281) version 0, to UDP port 1985. */
final class HsrpPrinter {
    static final int HSRP_PORT = 1985;
    private static final String[] OP_CODES = {"hello", "coup", "resign"};

    private HsrpPrinter() {}

    /** hsrp_print(). */
    static void hsrpPrint(Dissector nd, int bp, int len) {
        nd.protocol = "hsrp";
        StringBuilder out = nd.out;
        int version = nd.u8(bp);
        out.append("HSRPv").append(version);
        if (version != 0) {
            return;
        }
        out.append('-');
        int op = nd.u8(bp + 1);
        out.append(op < OP_CODES.length ? OP_CODES[op] : "unknown (" + op + ")").append(' ');
        out.append(len).append(": ");
        int state = nd.u8(bp + 2);
        out.append("state=").append(switch (state) {
            case 0 -> "initial";
            case 1 -> "learn";
            case 2 -> "listen";
            case 4 -> "speak";
            case 8 -> "standby";
            case 16 -> "active";
            default -> "Unknown (" + state + ")";
        }).append(' ');
        int group = nd.u8(bp + 6);
        out.append("group=").append(group).append(' ');
        int reserved = nd.u8(bp + 7);
        if (reserved != 0) {
            out.append("[reserved=").append(reserved).append("!] ");
        }
        nd.check(bp + 16, 4);
        out.append("addr=");
        Names.ipaddr(out, nd.p, bp + 16);
        if (nd.vflag > 0) {
            out.append(" hellotime=");
            DnsPrinter.relts(out, nd.u8(bp + 3));
            out.append(" holdtime=");
            DnsPrinter.relts(out, nd.u8(bp + 4));
            int priority = nd.u8(bp + 5);
            out.append(" priority=").append(priority);
            out.append(" auth=\"");
            nd.printjnp(bp + 8, 8);
            out.append('"');
        }
    }
}
