package io.arplab.wire.tcpdump;

/**
 * print-ospf6.c's ospf6_print(): the OSPFv3 header (RFC 5340) over IPv6. The messages' bodies (ospf6_decode_v3()
 * and its trailer) are printers this package does not carry.
 */
final class Ospf6Printer {
    private Ospf6Printer() {}

    /** ospf6_print(). */
    static void ospf6Print(Dissector nd, int bp, int length) {
        nd.protocol = "ospf3";
        StringBuilder out = nd.out;
        int t = nd.u8(bp + 1);
        String cp = switch (t) {
            case 1 -> "Hello";
            case 2 -> "Database Description";
            case 3 -> "LS-Request";
            case 4 -> "LS-Update";
            case 5 -> "LS-Ack";
            default -> null;
        };
        out.append("OSPFv").append(nd.u8(bp)).append(", ").append(cp == null ? "unknown packet type (" + t + ")" : cp)
                .append(", length ").append(length);
        if (cp == null || nd.vflag == 0) {
            return;
        }
        int datalen = nd.u16(bp + 2);
        if (datalen > length) {
            out.append(" [len ").append(datalen).append(']');
            return;
        }
        nd.check(bp + 4, 4);
        out.append("\n\tRouter-ID ");
        Names.ipaddr(out, nd.p, bp + 4);
        if (nd.u32(bp + 8) != 0) {
            out.append(", Area ");
            Names.ipaddr(out, nd.p, bp + 8);
        } else {
            out.append(", Backbone Area");
        }
        int instance = nd.u8(bp + 14);
        if (instance != 0) {
            out.append(", Instance ").append(instance);
        }
    }
}
