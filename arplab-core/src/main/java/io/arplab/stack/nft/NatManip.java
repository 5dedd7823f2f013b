package io.arplab.stack.nft;

import io.arplab.wire.Bytes;
import io.arplab.wire.InternetChecksum;

/**
 * net/netfilter/nf_nat_core.c and nf_nat_proto.c for IPv4 addresses: nf_nat_packet() rewrites a packet of a bound
 * connection at the hooks of each manip (the destination at prerouting and output, NF_IP_PRI_NAT_DST; the source at
 * postrouting and input, NF_IP_PRI_NAT_SRC), the original direction to the binding and the reply direction back
 * (nf_nat_ipv4_manip_pkt(): the address, the IP header's checksum, and TCP's or UDP's over the pseudo header).
 */
final class NatManip {
    private NatManip() {}

    /** NF_IP_PRI_NAT_DST and NF_IP_PRI_NAT_SRC: where a hook's manip happens among its chains. */
    static int priority(Hook hook) {
        return hook == Hook.PREROUTING || hook == Hook.OUTPUT ? -100 : 100;
    }

    /** nf_nat_packet(): the manip of {@code hook} on {@code p}, if its connection has a binding for it. */
    static void apply(Packet p, Hook hook) {
        Conntrack.Entry e = p.ct;
        if (e == null || p.protocol != 0x0800) {
            return;
        }
        boolean dstManip = hook == Hook.PREROUTING || hook == Hook.OUTPUT;
        if (p.ctState == Conntrack.RELATED) {
            icmpReplyTranslation(p, e, dstManip);
        } else if (!p.ctReply) {
            if (dstManip && e.dnatTo != 0) {
                rewrite(p, false, e.dnatTo, e.dnatPort);
            } else if (!dstManip && e.snatTo != 0) {
                rewrite(p, true, e.snatTo, e.snatPort);
            }
        } else if (dstManip && e.snatTo != 0) {
            // the reply to a source binding goes back to the original source
            rewrite(p, false, e.origSrc(), e.snatPort < 0 ? -1 : e.origSport());
        } else if (!dstManip && e.dnatTo != 0) {
            // the reply of a destination binding comes from the original one
            rewrite(p, true, e.origDst(), e.dnatPort < 0 ? -1 : e.origDport());
        }
    }

    /**
     * nf_nat_icmp_reply_translation(): an ICMP error related to a connection with a binding of this hook's manip (the
     * other one's in the reply direction) has its quoted header made to look as the packet it quotes was sent (the
     * opposite manip, to the other direction's tuple: an error made here may not pass the other hook), its checksum
     * computed again, and its outer header made the reply to that packet (this hook's manip to the inverted tuple).
     */
    private static void icmpReplyTranslation(Packet p, Conntrack.Entry e, boolean dstManip) {
        byte[] f = p.frame;
        int ip = p.network;
        int l4 = ip + (f[ip] & 0x0f) * 4;
        int inner = l4 + 8;
        boolean srcBit = !dstManip != p.ctReply; // IPS_SRC_NAT, or IPS_DST_NAT; swapped in the reply direction
        if (!(srcBit ? e.snatTo != 0 : e.dnatTo != 0) || f.length < inner + 20) {
            return;
        }
        Conntrack.Tuple t = e.tuple(!p.ctReply);
        boolean ports = t.proto() == 6 || t.proto() == 17;
        if (dstManip) {
            rewrite(f, inner, true, t.src(), ports ? t.a() : -1);
        } else {
            rewrite(f, inner, false, t.dst(), ports ? t.b() : -1);
        }
        int end = Math.min(f.length, ip + Bytes.u16(f, ip + 2));
        Bytes.put16(f, l4 + 2, 0);
        Bytes.put16(f, l4 + 2, InternetChecksum.compute(f, l4, end - l4));
        if (dstManip) {
            rewrite(f, ip, false, t.src(), -1);
        } else {
            rewrite(f, ip, true, t.dst(), -1);
        }
    }

    /**
     * nf_nat_ipv4_manip_pkt(): the source or destination address set, and with {@code port} (not -1) TCP's or UDP's
     * port (tcp_manip_pkt(), udp_manip_pkt()); the checksums updated.
     */
    static void rewrite(Packet p, boolean source, int to, int port) {
        rewrite(p.frame, p.network, source, to, port);
    }

    private static void rewrite(byte[] f, int ip, boolean source, int to, int port) {
        int at = ip + (source ? 12 : 16);
        int old = Bytes.i32(f, at);
        if (old == to && port < 0) {
            return;
        }
        Bytes.put32(f, at, to);
        Bytes.put16(f, ip + 10, 0);
        Bytes.put16(f, ip + 10, InternetChecksum.compute(f, ip, (f[ip] & 0x0f) * 4));
        int proto = f[ip + 9] & 0xff;
        int l4 = ip + (f[ip] & 0x0f) * 4;
        int sumAt = proto == 6 ? l4 + 16 : proto == 17 ? l4 + 6 : -1;
        if (sumAt < 0 || f.length < sumAt + 2 || (Bytes.u16(f, ip + 6) & 0x1fff) != 0) {
            return; // l4proto_manip_pkt(): no transport header to mend (ICMP's checksum covers no address)
        }
        int portAt = l4 + (source ? 0 : 2);
        int oldPort = Bytes.u16(f, portAt);
        if (port >= 0) {
            Bytes.put16(f, portAt, port);
        }
        if (proto == 17 && Bytes.u16(f, sumAt) == 0) {
            return; // udp_manip_pkt(): no checksum to mend
        }
        int sum = Bytes.u16(f, sumAt);
        sum = InternetChecksum.update(sum, old >>> 16, to >>> 16);
        sum = InternetChecksum.update(sum, old & 0xffff, to & 0xffff);
        if (port >= 0) {
            sum = InternetChecksum.update(sum, oldPort, port);
        }
        Bytes.put16(f, sumAt, sum);
    }
}
