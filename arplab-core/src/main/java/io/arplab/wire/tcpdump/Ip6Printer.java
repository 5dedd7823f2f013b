package io.arplab.wire.tcpdump;

/** print-ip6.c: IPv6 headers (extension headers other than the basic ones are not decoded). */
final class Ip6Printer {
    private Ip6Printer() {}

    /** ip6_print(). */
    static void ip6Print(Dissector nd, int bp, int length) {
        nd.protocol = "ip6";
        StringBuilder out = nd.out;
        if (!nd.ttest(bp, 40)) {
            nd.trunc();
            return;
        }
        if (length < 40) {
            out.append("truncated-ip6 ").append(length);
            return;
        }
        if (!nd.eflag) {
            out.append("IP6 ");
        }
        int version = nd.u8(bp) >> 4;
        if (version != 6) {
            out.append("version error: ").append(version).append(" != 6");
            return;
        }
        long payloadLen = nd.u16(bp + 4);
        int len;
        if (payloadLen != 0) {
            len = (int) payloadLen + 40;
            if (length < len) {
                out.append("truncated-ip6 - ").append(len - length).append(" bytes missing!");
            }
        } else {
            len = length + 40;
        }
        int nh = nd.u8(bp + 6);
        if (nd.vflag > 0) {
            long flow = nd.u32(bp);
            out.append('(');
            if ((flow & 0x0ff00000L) != 0) {
                out.append("class 0x");
                Names.appendHex(out, (flow & 0x0ff00000L) >> 20, 2);
                out.append(", ");
            }
            if ((flow & 0x000fffffL) != 0) {
                out.append("flowlabel 0x");
                Names.appendHex(out, flow & 0x000fffffL, 5);
                out.append(", ");
            }
            out.append("hlim ").append(nd.u8(bp + 7)).append(", next-header ").append(Names.ipproto(nh))
                    .append(" (").append(nh).append(") payload length: ").append(payloadLen).append(") ");
        }
        nd.push(bp, len);
        try {
            extensionsAndPayload(nd, bp, len, length, payloadLen, nh);
        } catch (TruncLabel t) {
            nd.trunc();
        }
        nd.pop();
    }

    /** The loop over extension headers in ip6_print(), ending in ip_demux_print(). */
    private static void extensionsAndPayload(Dissector nd, int bp, int len, int length, long payloadLen, int nh) {
        StringBuilder out = nd.out;
        int cp = bp;
        int advance = 40;
        int totalAdvance = 0;
        boolean foundExtension = false;
        boolean foundJumbo = false;
        boolean foundHbh = false;
        boolean fragmented = false;
        int ph = 255;
        long[] jumbo = {payloadLen, 0};
        while (cp < nd.snapend && advance > 0) {
            if (len < advance) {
                throw TruncLabel.INSTANCE;
            }
            cp += advance;
            len -= advance;
            totalAdvance += advance;
            if (cp == bp + 40 && nh != IpPrinter.IPPROTO_TCP && nh != IpPrinter.IPPROTO_UDP
                    && nh != IpPrinter.IPPROTO_DCCP && nh != IpPrinter.IPPROTO_SCTP) {
                addresses(nd, bp);
                out.append(": ");
            }
            switch (nh) {
                case 0 -> {
                    if (foundHbh) {
                        out.append("[The Hop-by-Hop Options header was already found]");
                        nd.invalid();
                        return;
                    }
                    if (ph != 255) {
                        out.append("[The Hop-by-Hop Options header don't follow the IPv6 header]");
                        nd.invalid();
                        return;
                    }
                    advance = Ip6Options.hbhopt(nd, cp, jumbo);
                    if (jumbo[0] == 0 && jumbo[1] == 0) {
                        out.append("[No valid Jumbo Payload Hop-by-Hop option found]");
                        nd.invalid();
                        return;
                    }
                    if (advance < 0) {
                        return;
                    }
                    foundJumbo = jumbo[1] != 0;
                    payloadLen = jumbo[0];
                    foundExtension = true;
                    foundHbh = true;
                    nh = nd.u8(cp);
                }
                case 43 -> {
                    nd.tcheck(cp, 1);
                    advance = Rt6Printer.rt6Print(nd, cp);
                    if (advance < 0) {
                        return;
                    }
                    foundExtension = true;
                    nh = nd.u8(cp);
                }
                case 62, 135 -> {
                    // a mobility header ends the walk: what follows it is not printed
                    MobilityPrinter.mobilityPrint(nd, cp);
                    return;
                }
                case 60 -> {
                    advance = Ip6Options.dstopt(nd, cp);
                    if (advance < 0) {
                        return;
                    }
                    foundExtension = true;
                    nh = nd.u8(cp);
                }
                case 44 -> {
                    advance = frag6Print(nd, cp, bp);
                    if (advance < 0 || nd.snapend <= cp + advance) {
                        return;
                    }
                    foundExtension = true;
                    nh = nd.u8(cp);
                    fragmented = true;
                }
                default -> {
                    if (foundJumbo) {
                        // a jumbo length is 32 bits; lengths beyond 2^31 are clamped (they only matter when printed)
                        long jlen = (payloadLen + 40) & 0xffffffffL;
                        if (jlen < totalAdvance) {
                            throw TruncLabel.INSTANCE;
                        }
                        if (length < jlen) {
                            out.append("truncated-ip6 - ").append((jlen - length) & 0xffffffffL).append(" bytes missing!");
                        }
                        nd.snapend = (int) Math.min((long) bp + jlen, nd.caplen);
                        len = (int) Math.min(jlen - totalAdvance, Integer.MAX_VALUE);
                    } else if (payloadLen == 0) {
                        if (foundExtension) {
                            throw TruncLabel.INSTANCE;
                        }
                        len = 40;
                        nd.snapend = Math.min(nd.snapend, bp + len);
                        len -= totalAdvance;
                    }
                    IpPrinter.demuxPrint(nd, cp, len, 6, fragmented, nd.u8(bp + 7), nh, bp);
                    return;
                }
            }
            ph = nh;
            nd.protocol = "ip6";
        }
    }

    /** frag6_print(): returns the header length, or -1 for a later fragment (not decoded). */
    private static int frag6Print(Dissector nd, int bp, int ip6) {
        nd.protocol = "frag6";
        StringBuilder out = nd.out;
        long ident = nd.vflag > 0 ? nd.u32(bp + 4) : 0;
        int off = nd.u16(bp + 2) & 0xfff8;
        // the remaining length is computed as a size_t: a negative value wraps around
        long remaining = 40L + nd.u16(ip6 + 4) - (bp - ip6) - 8;
        out.append("frag (");
        if (nd.vflag > 0) {
            out.append("0x");
            Names.appendHex(out, ident, 8);
            out.append(':');
        }
        out.append(off).append('|').append(Long.toUnsignedString(remaining)).append(')');
        if (off != 0) {
            return -1;
        }
        out.append(' ');
        return 8;
    }

    static void addresses(Dissector nd, int bp) {
        nd.check(bp + 8, 32);
        Names.ip6addr(nd.out, nd.p, bp + 8);
        nd.out.append(" > ");
        Names.ip6addr(nd.out, nd.p, bp + 24);
    }

    /**
     * ip6_finddst(): the final destination, the last address of a type 0 or 2 routing header or a segment routing
     * header's first segment, found through hop-by-hop, destination, mobility and fragment headers; the first routing
     * header ends the walk, as do AH, ESP and any other protocol.
     */
    private static int finddst(Dissector nd, int ip6) {
        int dst = ip6 + 24;
        int cp = ip6;
        int advance = 40;
        int nh = nd.u8(ip6 + 6);
        while (cp < nd.snapend) {
            cp += advance;
            switch (nh) {
                case 0, 60, 62, 135 -> {
                    advance = (nd.u8(cp + 1) + 1) << 3;
                    nh = nd.u8(cp);
                }
                case 44 -> {
                    advance = 8;
                    nh = nd.u8(cp);
                }
                case 43 -> {
                    if (!nd.ttest(cp, 4)) {
                        return dst;
                    }
                    int len = nd.u8(cp + 1);
                    int type = nd.u8(cp + 2);
                    if (type == 0 || type == 2) {
                        if (len % 2 == 1) {
                            return dst;
                        }
                        int a = cp + 8;
                        for (int i = 0; i < len >> 1; i++, a += 16) {
                            if (!nd.ttest(a, 16)) {
                                return dst;
                            }
                            dst = a;
                        }
                    } else if (type == 4) {
                        if (len % 2 == 1 || !nd.ttest(cp + 8, 16)) {
                            return dst;
                        }
                        dst = cp + 8;
                    }
                    return dst;
                }
                default -> {
                    return dst;
                }
            }
        }
        return dst;
    }

    /** nextproto6_cksum(): the checksum over the IPv6 pseudo-header and {@code covlen} bytes. */
    static int nextproto6Cksum(Dissector nd, int ip6, int data, int len, int covlen, int proto) {
        byte[] p = nd.p;
        long sum = 0;
        int nh = nd.u8(ip6 + 6);
        boolean scan = nh == 0 || nh == 60 || nh == 62 || nh == 135 || nh == 44 || nh == 43;
        sum = Checksum.sum(p, ip6 + 8, 16, sum);
        sum = Checksum.sum(p, scan ? finddst(nd, ip6) : ip6 + 24, 16, sum);
        sum += (len >>> 16) & 0xffff;
        sum += len & 0xffff;
        sum += proto;
        sum = Checksum.sum(p, data, covlen, sum);
        return Checksum.finish(sum);
    }
}
