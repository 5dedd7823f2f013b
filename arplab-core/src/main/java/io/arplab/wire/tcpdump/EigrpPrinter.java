package io.arplab.wire.tcpdump;

/**
 * print-eigrp.c: EIGRP (IP protocol 88, IPX socket 0x85be). Without -v the opcode and length; with -v the header
 * and each TLV: general parameters, software version, IP and AppleTalk routes, AppleTalk cable setup, the others
 * dumped.
 */
final class EigrpPrinter {
    static final int IPPROTO_EIGRP = 88;
    private static final int HDRLEN = 20;

    private EigrpPrinter() {}

    /** eigrp_opcode_values, null when not listed. */
    private static String opcode(int op) {
        return switch (op) {
            case 1 -> "Update";
            case 3 -> "Query";
            case 4 -> "Reply";
            case 5 -> "Hello";
            case 6 -> "IPX SAP";
            case 7 -> "Probe";
            default -> null;
        };
    }

    private static String tlvName(int type) {
        return switch (type) {
            case 0x0001 -> "General Parameters";
            case 0x0002 -> "Authentication";
            case 0x0003 -> "Sequence";
            case 0x0004 -> "Software Version";
            case 0x0005 -> "Next Multicast Sequence";
            case 0x0102 -> "IP Internal routes";
            case 0x0103 -> "IP External routes";
            case 0x0202 -> "AppleTalk Internal routes";
            case 0x0203 -> "AppleTalk External routes";
            case 0x0204 -> "AppleTalk Cable setup";
            case 0x0302 -> "IPX Internal routes";
            case 0x0303 -> "IPX External routes";
            default -> "Unknown";
        };
    }

    private static String protoId(int id) {
        return switch (id) {
            case 0x01 -> "IGRP";
            case 0x02 -> "EIGRP";
            case 0x03 -> "Static";
            case 0x04 -> "RIP";
            case 0x05 -> "Hello";
            case 0x06 -> "OSPF";
            case 0x07 -> "IS-IS";
            case 0x08 -> "EGP";
            case 0x09 -> "BGP";
            case 0x0a -> "IDRP";
            case 0x0b -> "Connected";
            default -> "unknown";
        };
    }

    /** eigrp_print(). */
    static void eigrpPrint(Dissector nd, int pptr, int len) {
        nd.protocol = "eigrp";
        StringBuilder out = nd.out;
        if (!nd.ttest(pptr, HDRLEN)) {
            nd.trunc();
            return;
        }
        int version = nd.u8(pptr);
        if (version != 2) {
            out.append("EIGRP version ").append(version).append(" packet not supported");
            return;
        }
        int op = nd.u8(pptr + 1);
        String name = opcode(op);
        if (nd.vflag < 1) {
            out.append("EIGRP ").append(name != null ? name : "unknown (" + op + ")").append(", length: ").append(len);
            return;
        }
        if (len < HDRLEN) {
            out.append("EIGRP ").append(name != null ? name : "unknown (" + op + ")").append(", length: ").append(len)
                    .append(" (too short, < ").append(HDRLEN).append(')');
            return;
        }
        int tlen = len - HDRLEN;
        long flags = nd.u32(pptr + 4);
        out.append("\n\tEIGRP v").append(version).append(", opcode: ")
                .append(name != null ? name : "unknown, type: " + op)
                .append(" (").append(op).append("), chksum: 0x");
        Names.appendHex(out, nd.u16(pptr + 2), 4);
        out.append(", Flags: [");
        String[] names = {"Init", "Conditionally Received", "Restart", "End-of-Table"};
        boolean any = false;
        for (int i = 0; i < 4; i++) {
            if ((flags & (1L << i)) != 0) {
                out.append(any ? ", " : "").append(names[i]);
                any = true;
            }
        }
        out.append(any ? "" : "none").append("]\n\tseq: 0x");
        Names.appendHex(out, nd.u32(pptr + 8), 8);
        out.append(", ack: 0x");
        Names.appendHex(out, nd.u32(pptr + 12), 8);
        out.append(", VRID: ").append(nd.u16(pptr + 16)).append(", AS: ").append(nd.u16(pptr + 18))
                .append(", length: ").append(tlen);
        int tptr = pptr + HDRLEN;
        while (tlen > 0) {
            if (!nd.ttest(tptr, 4)) {
                nd.trunc();
                return;
            }
            int tlvLen = nd.u16(tptr + 2);
            int type = nd.u16(tptr);
            if (tlvLen < 4 || tlvLen > tlen) {
                HexDump.unknownData(nd, tptr + 4, "\n\t    ", tlen);
                return;
            }
            out.append("\n\t  ").append(tlvName(type)).append(" TLV (0x");
            Names.appendHex(out, type, 4);
            out.append("), length: ").append(tlvLen);
            int t = tptr + 4;
            int tl = tlvLen - 4;
            if (!nd.ttest(tptr, tlvLen)) {
                nd.trunc();
                return;
            }
            switch (type) {
                case 0x0001 -> {
                    if (tooShort(nd, tl, 8)) {
                        break;
                    }
                    out.append("\n\t    holdtime: ").append(nd.u16(t + 6)).append("s, k1 ").append(nd.u8(t))
                            .append(", k2 ").append(nd.u8(t + 1)).append(", k3 ").append(nd.u8(t + 2)).append(", k4 ")
                            .append(nd.u8(t + 3)).append(", k5 ").append(nd.u8(t + 4));
                }
                case 0x0004 -> {
                    if (tooShort(nd, tl, 4)) {
                        break;
                    }
                    out.append("\n\t    IOS version: ").append(nd.u8(t)).append('.').append(nd.u8(t + 1))
                            .append(", EIGRP version ").append(nd.u8(t + 2)).append('.').append(nd.u8(t + 3));
                }
                case 0x0102 -> {
                    if (!tooShort(nd, tl, 22)) {
                        ipRoute(nd, t, t + 20, 0, t + 4);
                    }
                }
                case 0x0103 -> {
                    if (!tooShort(nd, tl, 42)) {
                        ipRoute(nd, t, t + 40, t + 4, t + 24);
                    }
                }
                case 0x0204 -> {
                    if (tooShort(nd, tl, 8)) {
                        break;
                    }
                    out.append("\n\t    Cable-range: ").append(nd.u16(t)).append('-').append(nd.u16(t + 2))
                            .append(", Router-ID ").append(nd.u32(t + 4));
                }
                case 0x0202 -> {
                    if (!tooShort(nd, tl, 24)) {
                        atRoute(nd, t, t + 20, 0, t + 4);
                    }
                }
                case 0x0203 -> {
                    if (!tooShort(nd, tl, 40)) {
                        atRoute(nd, t, t + 36, t + 4, t + 20);
                    }
                }
                default -> {
                    if (nd.vflag <= 1) {
                        HexDump.unknownData(nd, t, "\n\t    ", tl);
                    }
                }
            }
            if (nd.vflag > 1) {
                HexDump.unknownData(nd, tptr + 4, "\n\t    ", tlvLen - 4);
            }
            tptr += tlvLen;
            tlen -= tlvLen;
        }
    }

    /** " (too short, < N)" with the TLV header counted, when the value is shorter than its structure. */
    private static boolean tooShort(Dissector nd, int tl, int size) {
        if (tl < size) {
            nd.out.append(" (too short, < ").append(4 + size).append(')');
            return true;
        }
        return false;
    }

    /** The prefix (its length and 1 to 4 bytes), the next hop, an external route's origin, then the metric. */
    private static void ipRoute(Dissector nd, int t, int plenAt, int ext, int metric) {
        StringBuilder out = nd.out;
        int bits = nd.u8(plenAt);
        if (bits > 32) {
            out.append("\n\t    illegal prefix length ").append(bits);
            return;
        }
        int bytes = (bits + 7) / 8;
        nd.check(plenAt + 1, bytes);
        byte[] prefix = new byte[4];
        System.arraycopy(nd.p, plenAt + 1, prefix, 0, bytes);
        StringBuilder addr = new StringBuilder();
        Names.ipaddr(addr, prefix, 0);
        out.append("\n\t    IPv4 prefix: ").append(" ".repeat(Math.max(0, 15 - addr.length()))).append(addr)
                .append('/').append(bits).append(", nexthop: ");
        if (nd.u32(t) == 0) {
            out.append("self");
        } else {
            Names.ipaddr(out, nd.p, t);
        }
        if (ext != 0) {
            nd.check(ext, 4);
            long as = nd.u32(ext + 4);
            int proto = nd.u8(ext + 18);
            int flags = nd.u8(ext + 19);
            long tag = nd.u32(ext + 8);
            long m = nd.u32(ext + 12); // origin router, AS, tag, metric, 2 reserved bytes, protocol, flags
            out.append("\n\t      origin-router ");
            Names.ipaddr(out, nd.p, ext);
            out.append(", origin-as ").append(as).append(", origin-proto ").append(protoId(proto))
                    .append(", flags [0x");
            Names.appendHex(out, flags, 2);
            out.append("], tag 0x");
            Names.appendHex(out, tag, 8);
            out.append(", metric ").append(m);
        }
        metric(nd, metric);
    }

    /** An AppleTalk route: the cable range, the next hop as net.node, an external route's origin, the metric. */
    private static void atRoute(Dissector nd, int t, int cable, int ext, int metric) {
        StringBuilder out = nd.out;
        int start = nd.u16(cable);
        int end = nd.u16(cable + 2);
        out.append("\n\t     Cable-Range: ").append(start).append('-').append(end).append(", nexthop: ");
        if (nd.u32(t) == 0) {
            out.append("self");
        } else {
            out.append(nd.u16(t)).append('.').append(nd.u16(t + 2));
        }
        if (ext != 0) {
            long router = nd.u32(ext);
            long as = nd.u32(ext + 4);
            long tag = nd.u32(ext + 8);
            int proto = nd.u8(ext + 12);
            int flags = nd.u8(ext + 13);
            int m = nd.u16(ext + 14);
            out.append("\n\t      origin-router ").append(router).append(", origin-as ").append(as)
                    .append(", origin-proto ").append(protoId(proto)).append(", flags [0x");
            Names.appendHex(out, flags, 2);
            out.append("], tag 0x");
            Names.appendHex(out, tag, 8);
            out.append(", metric ").append(m);
        }
        metric(nd, metric);
    }

    private static void metric(Dissector nd, int m) {
        long delay = nd.u32(m) / 100;
        long bw = nd.u32(m + 4);
        int mtu = nd.u24(m + 8);
        nd.out.append("\n\t      delay ").append(delay).append(" ms, bandwidth ").append(bw).append(" Kbps, mtu ")
                .append(mtu).append(", hop ").append(nd.u8(m + 11)).append(", reliability ").append(nd.u8(m + 12))
                .append(", load ").append(nd.u8(m + 13));
    }
}
