package io.arplab.wire.tcpdump;

/** print-null.c (LINKTYPE_NULL, BSD loopback) and print-raw.c (LINKTYPE_RAW, IPV4, IPV6: no link header). */
final class NullPrinter {
    private static final int NULL_HDRLEN = 4;

    private NullPrinter() {}

    /** null_if_print(): a 4-byte address family in the writer's byte order. */
    static int nullIfPrint(Dissector nd, int length, int caplen) {
        nd.protocol = "null";
        nd.check(0, NULL_HDRLEN);
        long family = ((nd.p[3] & 0xffL) << 24) | ((nd.p[2] & 0xff) << 16) | ((nd.p[1] & 0xff) << 8) | (nd.p[0] & 0xff);
        if ((family & 0xffff0000L) != 0) {
            family = Long.reverseBytes(family) >>> 32;
        }
        if (nd.eflag) {
            header(nd, family, length);
        }
        int p = NULL_HDRLEN;
        switch ((int) family) {
            case 2 -> IpPrinter.ipPrint(nd, p, length - NULL_HDRLEN);
            case 24, 28, 30 -> Ip6Printer.ip6Print(nd, p, length - NULL_HDRLEN);
            default -> {
                if (!nd.eflag) {
                    header(nd, family, length);
                }
                if (!nd.suppressDefaultPrint) {
                    HexDump.hexAndAscii(nd, "\n\t", p, caplen - NULL_HDRLEN);
                }
            }
        }
        return NULL_HDRLEN;
    }

    /** af.c bsd_af_values: null when unknown. */
    static String bsdAf(long family) {
        return family < 0 || family > 30 ? null : switch ((int) family) {
            case 2 -> "IPv4";
            case 6 -> "NS";
            case 7 -> "ISO";
            case 16 -> "Appletalk";
            case 23 -> "IPX";
            case 24, 28, 30 -> "IPv6";
            default -> null;
        };
    }

    /** null_hdr_print() with bsd_af_values. */
    private static void header(Dissector nd, long family, int length) {
        String name = bsdAf(family);
        if (name == null) {
            name = "Unknown";
        }
        if (!nd.qflag) {
            nd.out.append("AF ").append(name).append(" (").append(family).append(')');
        } else if (name.equals("Unknown")) {
            nd.out.append("Unknown AF ").append(family);
        } else {
            nd.out.append(name);
        }
        nd.out.append(", length ").append(length).append(": ");
    }

    /** raw_if_print() → ipN_print(). */
    static int rawIfPrint(Dissector nd, int length) {
        nd.protocol = "raw";
        if (nd.eflag) {
            nd.out.append("ip: ");
        }
        nd.protocol = "ipn";
        if (length < 1) {
            nd.out.append("truncated-ip ").append(length);
            return 0;
        }
        int v = nd.u8(0) & 0xf0;
        switch (v) {
            case 0x40 -> IpPrinter.ipPrint(nd, 0, length);
            case 0x60 -> Ip6Printer.ip6Print(nd, 0, length);
            default -> nd.out.append("unknown ip ").append(v >> 4);
        }
        return 0;
    }
}
