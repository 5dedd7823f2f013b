package io.arplab.wire.tcpdump;

import io.arplab.wire.libc.CLib;

/**
 * print-olsr.c: the Optimized Link State Routing protocol (RFC 3626) on UDP 698, with olsr.org's link-quality and
 * name service messages. Without -v the packet header only; with it each message: hello links and neighbors, TC,
 * MID, HNA (smart gateways among them), name service entries, others in hex. As in the C, the neighbor counter that
 * should break lines every four addresses never moves, nor does the IPv6 HNA index.
 */
final class OlsrPrinter {
    static final int OLSR_PORT = 698;
    private static final int HELLO = 1;
    private static final int TC = 2;
    private static final int MID = 3;
    private static final int HNA = 4;
    private static final int NAMESERVICE = 130;
    private static final int HELLO_LQ = 201;
    private static final int TC_LQ = 202;
    private static final int MAX_SMARTGW_SPEED = 320000000;

    private OlsrPrinter() {}

    private static String msgName(int type) {
        return switch (type) {
            case HELLO -> "Hello";
            case TC -> "TC";
            case MID -> "MID";
            case HNA -> "HNA";
            case 128 -> "Powerinfo";
            case NAMESERVICE -> "Nameservice";
            case HELLO_LQ -> "Hello-LQ";
            case TC_LQ -> "TC-LQ";
            default -> "Unknown";
        };
    }

    /** ME_TO_DOUBLE(): a mantissa and exponent time in seconds. */
    private static double meToDouble(int me) {
        return 0.0625 * (1 + (double) (me >> 4) / 16) * (double) (1 << (me & 0x0f));
    }

    private static String addr(Dissector nd, int off, boolean ipv6) {
        nd.check(off, ipv6 ? 16 : 4);
        StringBuilder sb = new StringBuilder();
        if (ipv6) {
            Names.ip6addr(sb, nd.p, off);
        } else {
            Names.ipaddr(sb, nd.p, off);
        }
        return sb.toString();
    }

    /** olsr_print(). */
    static void olsrPrint(Dissector nd, int pptr, int length, boolean ipv6) {
        nd.protocol = "olsr";
        StringBuilder out = nd.out;
        out.append("OLSRv").append(ipv6 ? 6 : 4);
        if (length < 4) {
            throw Truncated.INSTANCE; // goto trunc
        }
        nd.check(pptr, 4);
        length = Math.min(length, nd.u16(pptr));
        out.append(String.format(", seq 0x%04x, length %d", nd.u16(pptr + 2), length));
        int tptr = pptr + 4;
        if (nd.vflag < 1) {
            return;
        }
        int hdr = ipv6 ? 24 : 12;
        int alen = ipv6 ? 16 : 4;
        while (tptr < pptr + length) {
            nd.check(tptr, hdr);
            int type = nd.u8(tptr);
            int msgLen = nd.u16(tptr + 2);
            boolean valid = msgLen >= hdr && msgLen <= length;
            if (type == 0 || msgLen == 0) {
                return; // the infinite loop check
            }
            String orig = addr(nd, tptr + 4, ipv6);
            int ttl = nd.u8(tptr + 4 + alen);
            int hop = nd.u8(tptr + 5 + alen);
            String vtime = CLib.fixed(meToDouble(nd.u8(tptr + 1)), 3);
            int seq = nd.u16(tptr + 6 + alen);
            out.append("\n\t").append(msgName(type)).append(String.format(" Message (0x%02x), originator ", type))
                    .append(orig).append(", ttl ").append(ttl).append(", hop ").append(hop).append("\n\t  vtime ")
                    .append(vtime).append(String.format("s, msg-seq 0x%04x, length %d", seq, msgLen))
                    .append(valid ? "" : " (invalid)");
            if (!valid) {
                return;
            }
            message(nd, type, tptr + hdr, msgLen - hdr, ipv6);
            tptr += msgLen;
        }
    }

    private static void message(Dissector nd, int type, int data, int tlen, boolean ipv6) {
        StringBuilder out = nd.out;
        switch (type) {
            case HELLO, HELLO_LQ -> {
                if (tlen < 4) {
                    throw Truncated.INSTANCE;
                }
                nd.check(data, 4);
                out.append("\n\t  hello-time ").append(CLib.fixed(meToDouble(nd.u8(data + 2)), 3))
                        .append("s, MPR willingness ").append(nd.u8(data + 3));
                data += 4;
                tlen -= 4;
                while (tlen >= 4) {
                    nd.check(data, 4);
                    int helloLen = nd.u16(data + 2);
                    int code = nd.u8(data);
                    int neighbor = code >> 2;
                    boolean valid = helloLen <= tlen && helloLen >= 4;
                    out.append("\n\t    link-type ").append(switch (code & 3) {
                        case 0 -> "Unspecified";
                        case 1 -> "Asymmetric";
                        case 2 -> "Symmetric";
                        default -> "Lost";
                    }).append(", neighbor-type ").append(neighbor == 0 ? "Not-Neighbor" : neighbor == 1 ? "Symmetric"
                            : neighbor == 2 ? "Symmetric-MPR" : "Unknown").append(", len ").append(helloLen)
                            .append(valid ? "" : " (invalid)");
                    if (!valid) {
                        break;
                    }
                    data += 4;
                    tlen -= 4;
                    helloLen -= 4;
                    nd.check(data, helloLen);
                    if (type == HELLO) {
                        neighbors(nd, data, helloLen);
                    } else {
                        lqNeighbors(nd, data, helloLen, ipv6);
                    }
                    data += helloLen;
                    tlen -= helloLen;
                }
            }
            case TC, TC_LQ -> {
                if (tlen < 4) {
                    throw Truncated.INSTANCE;
                }
                nd.check(data, 4);
                out.append(String.format("\n\t    advertised neighbor seq 0x%04x", nd.u16(data)));
                if (type == TC) {
                    neighbors(nd, data + 4, tlen - 4);
                } else {
                    lqNeighbors(nd, data + 4, tlen - 4, ipv6);
                }
            }
            case MID -> {
                int size = ipv6 ? 16 : 4;
                while (tlen >= size) {
                    nd.check(data, size);
                    out.append("\n\t  interface address ").append(addr(nd, data, ipv6));
                    data += size;
                    tlen -= size;
                }
            }
            case HNA -> hna(nd, data, tlen, ipv6);
            case NAMESERVICE -> nameservice(nd, data, tlen, ipv6);
            default -> HexDump.unknownData(nd, data, "\n\t    ", tlen);
        }
    }

    /** olsr_print_neighbor(): IPv4 addresses only, whatever the packet's family. */
    private static void neighbors(Dissector nd, int data, int len) {
        nd.out.append("\n\t      neighbor\n\t\t");
        while (len >= 4) {
            nd.out.append(addr(nd, data, false)).append(' ');
            data += 4;
            len -= 4;
        }
    }

    /** olsr_print_lq_neighbor4() and olsr_print_lq_neighbor6(). */
    private static void lqNeighbors(Dissector nd, int data, int len, boolean ipv6) {
        int size = ipv6 ? 20 : 8;
        int alen = ipv6 ? 16 : 4;
        while (len >= size) {
            nd.check(data, size);
            nd.out.append("\n\t      neighbor ").append(addr(nd, data, ipv6)).append(", link-quality ")
                    .append(CLib.fixed(nd.u8(data + alen) / 2.55, 2)).append("%, neighbor-link-quality ")
                    .append(CLib.fixed(nd.u8(data + alen + 1) / 2.55, 2)).append('%');
            data += size;
            len -= size;
        }
    }

    private static void hna(Dissector nd, int data, int tlen, boolean ipv6) {
        StringBuilder out = nd.out;
        int size = ipv6 ? 32 : 8;
        out.append("\n\t  Advertised networks (total ").append(tlen / size).append(')');
        int col = 0;
        while (tlen >= size) {
            nd.check(data, size);
            if (ipv6) {
                out.append("\n\t    #0: ").append(addr(nd, data, true)).append('/')
                        .append(mask62plen(nd, data + 16));
            } else if (nd.u32(data) == 0 && nd.u8(data + 4) == 0 && nd.u8(data + 5) != 0) {
                int flags = nd.u8(data + 5);
                boolean speed = (flags & 1) != 0;
                out.append(col == 0 ? "\n\t    " : ", ").append("Smart-Gateway:").append(speed ? " LINKSPEED" : "")
                        .append((flags & 2) != 0 ? " IPV4" : "").append((flags & 4) != 0 ? " IPV4-NAT" : "")
                        .append((flags & 8) != 0 ? " IPV6" : "").append((flags & 16) != 0 ? " IPv6-PREFIX" : "")
                        .append(' ').append(speed ? gwSpeed(nd.u8(data + 6)) : 0).append('/')
                        .append(speed ? gwSpeed(nd.u8(data + 7)) : 0);
            } else {
                out.append(col == 0 ? "\n\t    " : ", ").append(addr(nd, data, false)).append('/')
                        .append(Integer.toUnsignedString(RipPrinter.mask2plen(nd.u32(data + 4))));
            }
            data += size;
            tlen -= size;
            col = (col + 1) % 4;
        }
    }

    /** deserialize_gw_speed(). */
    private static long gwSpeed(int value) {
        if (value == 0) {
            return 0;
        }
        if (value == 0xff) {
            return MAX_SMARTGW_SPEED;
        }
        long speed = (value >> 3) + 1;
        for (int exp = value & 7; exp != 0; exp--) {
            speed = (speed * 10) & 0xffffffffL;
        }
        return speed;
    }

    /**
     * util-print.c's mask62plen(): the bits of each byte that is a leading-ones mask, up to the first byte that is
     * not 0xff; a byte that is no such mask adds nothing and later bytes are not looked at.
     */
    private static int mask62plen(Dissector nd, int off) {
        int plen = 0;
        for (int i = 0; i < 16; i++) {
            int b = nd.p[off + i] & 0xff;
            for (int bits = 0; bits <= 8; bits++) {
                if (b == ((0xff00 >> bits) & 0xff)) {
                    plen += bits;
                    break;
                }
            }
            if (b != 0xff) {
                break;
            }
        }
        return plen;
    }

    private static void nameservice(Dissector nd, int data, int tlen, boolean ipv6) {
        StringBuilder out = nd.out;
        if (tlen < 4) {
            throw Truncated.INSTANCE;
        }
        int entries = nd.u16(data + 2);
        int size = ipv6 ? 16 : 4;
        boolean valid = entries > 0 && (long) entries * (4 + size) <= tlen;
        out.append("\n\t  Version ").append(nd.u16(data)).append(", Entries ").append(entries)
                .append(valid ? "" : " (invalid)");
        if (!valid) {
            return;
        }
        data += 4;
        tlen -= 4;
        for (int i = 0; i < entries; i++) {
            if (tlen < 4) {
                break;
            }
            int type = nd.u16(data);
            int len = nd.u16(data + 2);
            data += 4;
            tlen -= 4;
            boolean lenValid = len > 0 && size + len <= tlen;
            out.append("\n\t    #").append(i).append(": type ").append(type == 0 ? "000000"
                    : String.format("0x%04x", type)).append(", length ").append(len)
                    .append(lenValid ? "" : " (invalid)");
            if (!lenValid) {
                break;
            }
            int pad = len % 4 != 0 ? 4 - len % 4 : 0;
            if (tlen < size + len + pad) {
                throw Truncated.INSTANCE;
            }
            nd.check(data, size + len + pad);
            out.append(", address ").append(addr(nd, data, ipv6)).append(", name \"");
            nd.printn(data + size, len);
            out.append('"');
            data += size + len + pad;
            tlen -= size + len + pad;
        }
    }
}
