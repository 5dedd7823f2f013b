package io.arplab.wire.tshark;

/** packet-icmpv6.c's dissect_icmpv6(): the type text, echo id/seq and neighbour discovery summaries. */
final class Icmpv6Dissector {
    private Icmpv6Dissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("ICMPv6");
        p.clearInfo();
        int type = tvb.u8(0);
        String name = Values.of("icmpv6.type", type);
        p.info(name == null ? "Unknown (" + type + ")" : name);
        tvb.u8(1);
        if (type < 5 || type == 138 || type == 139 || type == 140 || type == 160 || type == 161) {
            throw new Unsupported("ICMPv6 type " + type + " with codes");
        }
        tvb.u16(2);
        switch (type) {
            case 128, 129 -> throw new Unsupported("ICMPv6 echo");
            case 135 -> {
                p.append(" for " + tvb.ipv6(8));
                options(tvb, 24, p);
            }
            case 136 -> {
                long flags = tvb.u32(4);
                p.append(" " + tvb.ipv6(8));
                StringBuilder f = new StringBuilder();
                flag(f, flags, 0x80000000L, "rtr");
                flag(f, flags, 0x40000000L, "sol");
                flag(f, flags, 0x20000000L, "ovr");
                p.append(" (" + (f.length() > 0 ? f : "none") + ")");
                options(tvb, 24, p);
            }
            default -> throw new Unsupported("ICMPv6 type " + type);
        }
    }

    private static void flag(StringBuilder f, long flags, long bit, String name) {
        if ((flags & bit) != 0) {
            if (f.length() > 0) {
                f.append(", ");
            }
            f.append(name);
        }
    }

    /** dissect_icmpv6_nd_opt(): the link-layer address options add " from MAC" / " is at MAC". */
    private static void options(Tvb tvb, int off, Packet p) {
        while (tvb.reportedRemaining(off) > 0) {
            int type = tvb.u8(off);
            int len = tvb.u8(off + 1) * 8;
            if (len == 0) {
                throw new Unsupported("ICMPv6 option of length 0");
            }
            if ((type == 1 || type == 2) && len == 8) {
                p.append((type == 1 ? " from " : " is at ") + tvb.mac(off + 2));
            } else {
                throw new Unsupported("ICMPv6 option " + type);
            }
            off += len;
        }
    }
}
