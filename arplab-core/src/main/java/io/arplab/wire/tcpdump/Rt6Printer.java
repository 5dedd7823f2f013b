package io.arplab.wire.tcpdump;

/** print-rt6.c: the IPv6 routing header, types 0 and 2 (addresses) and 4 (segment routing). */
final class Rt6Printer {
    private Rt6Printer() {}

    /** rt6_print(): the header's length, or -1 when invalid. */
    static int rt6Print(Dissector nd, int bp) {
        nd.protocol = "rt6";
        StringBuilder out = nd.out;
        out.append("RT6");
        int len = nd.u8(bp + 1);
        out.append(" (len=").append(len);
        int type = nd.u8(bp + 2);
        out.append(", type=").append(type);
        if (type == 0) {
            out.append(" [Deprecated]");
        }
        int segleft = nd.u8(bp + 3);
        out.append(", segleft=").append(segleft);
        int p;
        switch (type) {
            case 0, 2 -> {
                long rsv = nd.u32(bp + 4);
                if (rsv != 0 || nd.vflag > 0) {
                    out.append(", rsv=0x");
                    Names.appendHex(out, rsv);
                }
                p = bp + 8;
            }
            case 4 -> {
                int last = nd.u8(bp + 4);
                out.append(", last-entry=").append(last);
                int flags = nd.u8(bp + 5);
                if (flags != 0 || nd.vflag > 0) {
                    out.append(", flags=0x");
                    Names.appendHex(out, flags);
                }
                int tag = nd.u16(bp + 6);
                out.append(", tag=");
                Names.appendHex(out, tag);
                p = bp + 8;
            }
            default -> {
                out.append(" (unknown type)");
                nd.invalid();
                return -1;
            }
        }
        if (len % 2 == 1) {
            out.append(" (invalid length ").append(len).append(')');
            nd.invalid();
            return -1;
        }
        len >>= 1;
        for (int i = 0; i < len; i++) {
            nd.check(p, 16);
            out.append(", [").append(i).append(']');
            Names.ip6addr(out, nd.p, p);
            p += 16;
        }
        out.append(") ");
        return (nd.u8(bp + 1) + 1) << 3;
    }
}
