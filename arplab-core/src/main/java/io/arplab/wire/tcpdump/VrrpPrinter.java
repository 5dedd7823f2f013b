package io.arplab.wire.tcpdump;

/** print-vrrp.c: VRRP v2 (RFC 3768) and v3 (RFC 5798) advertisements, IP protocol 112. */
final class VrrpPrinter {
    static final int IPPROTO_VRRP = 112;

    private VrrpPrinter() {}

    /** vrrp_print(). */
    static void vrrpPrint(Dissector nd, int bp, int len, int iph, int ttl, int ver) {
        nd.protocol = "vrrp";
        StringBuilder out = nd.out;
        out.append("VRRP");
        int version = (nd.u8(bp) & 0xf0) >> 4;
        int type = nd.u8(bp) & 0x0f;
        out.append('v').append(version).append(", ");
        if (type == 1) {
            out.append("Advertisement");
        } else {
            out.append("unknown type (").append(type).append(')');
        }
        if (ttl != 255) {
            out.append(", (ttl ").append(ttl).append(')');
        }
        if (version < 2 || version > 3 || type != 1) {
            return;
        }
        int vrid = nd.u8(bp + 1);
        int prio = nd.u8(bp + 2);
        out.append(", vrid ").append(vrid).append(", prio ").append(prio);
        int authType = 0;
        if (version == 2) {
            authType = nd.u8(bp + 4);
            out.append(", authtype ").append(switch (authType) {
                case 0 -> "none";
                case 1 -> "simple";
                case 2 -> "ah";
                default -> "#" + authType;
            });
            int intvl = nd.u8(bp + 5);
            out.append(", intvl ").append(intvl).append("s, length ").append(len);
        } else {
            int intvl = (nd.u8(bp + 4) & 0x0f) << 8 | nd.u8(bp + 5);
            out.append(", intvl ").append(intvl).append("cs, length ").append(len);
        }
        if (nd.vflag == 0) {
            return;
        }
        int naddrs = nd.u8(bp + 3);
        if (nd.ttest(bp, len)) {
            boolean bad = version == 2 ? Checksum.cksum(nd.p, bp, len) != 0
                    : (ver == 4 ? IpPrinter.nextproto4Cksum(nd, iph, bp, len, len, IPPROTO_VRRP)
                            : Ip6Printer.nextproto6Cksum(nd, iph, bp, len, len, IPPROTO_VRRP)) != 0;
            if (bad) {
                int sum = nd.u16(bp + 6);
                out.append(", (bad vrrp cksum ");
                nd.hex(sum);
                out.append(')');
            }
        }
        out.append(", addrs");
        if (naddrs > 1) {
            out.append('(').append(naddrs).append(')');
        }
        out.append(':');
        char c = ' ';
        bp += 8;
        for (int i = 0; i < naddrs; i++) {
            if (ver == 4) {
                nd.check(bp, 4);
                out.append(c);
                Names.ipaddr(out, nd.p, bp);
                bp += 4;
            } else {
                nd.check(bp, 16);
                out.append(c);
                Names.ip6addr(out, nd.p, bp);
                bp += 16;
            }
            c = ',';
        }
        if (version == 2 && authType == 1) {
            out.append(" auth \"");
            nd.printjnp(bp, 8);
            out.append('"');
        }
    }
}
