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
        int payloadLen = nd.u16(bp + 4);
        int len;
        if (payloadLen != 0) {
            len = payloadLen + 40;
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
        int cp = bp + 40;
        len -= 40;
        if (nh != IpPrinter.IPPROTO_TCP && nh != IpPrinter.IPPROTO_UDP && nh != IpPrinter.IPPROTO_DCCP
                && nh != IpPrinter.IPPROTO_SCTP) {
            addresses(nd, bp);
            out.append(": ");
        }
        if (payloadLen == 0) {
            // no jumbo payload option is decoded: an empty payload
            len = 40;
            nd.snapend = Math.min(nd.snapend, bp + len);
            len -= 40;
        }
        IpPrinter.demuxPrint(nd, cp, len, 6, false, nd.u8(bp + 7), nh, bp);
        nd.pop();
    }

    static void addresses(Dissector nd, int bp) {
        nd.check(bp + 8, 32);
        Names.ip6addr(nd.out, nd.p, bp + 8);
        nd.out.append(" > ");
        Names.ip6addr(nd.out, nd.p, bp + 24);
    }

    /** nextproto6_cksum(): the checksum over the IPv6 pseudo-header and {@code covlen} bytes. */
    static int nextproto6Cksum(Dissector nd, int ip6, int data, int len, int covlen, int proto) {
        byte[] p = nd.p;
        long sum = 0;
        sum = Checksum.sum(p, ip6 + 8, 32, sum);
        sum += (len >>> 16) & 0xffff;
        sum += len & 0xffff;
        sum += proto;
        sum = Checksum.sum(p, data, covlen, sum);
        return Checksum.finish(sum);
    }
}
