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
        if (!p.ctReply) {
            if (dstManip && e.dnatTo != 0) {
                rewrite(p, false, e.dnatTo);
            } else if (!dstManip && e.snatTo != 0) {
                rewrite(p, true, e.snatTo);
            }
        } else if (dstManip && e.snatTo != 0) {
            rewrite(p, false, e.origSrc()); // the reply to a source binding goes back to the original source
        } else if (!dstManip && e.dnatTo != 0) {
            rewrite(p, true, e.origDst()); // the reply of a destination binding comes from the original one
        }
    }

    /** nf_nat_ipv4_manip_pkt(): the source or destination address set, the checksums updated. */
    static void rewrite(Packet p, boolean source, int to) {
        byte[] f = p.frame;
        int ip = p.network;
        int at = ip + (source ? 12 : 16);
        int old = Bytes.i32(f, at);
        if (old == to) {
            return;
        }
        Bytes.put32(f, at, to);
        Bytes.put16(f, ip + 10, 0);
        Bytes.put16(f, ip + 10, InternetChecksum.compute(f, ip, (f[ip] & 0x0f) * 4));
        int proto = f[ip + 9] & 0xff;
        int l4 = ip + (f[ip] & 0x0f) * 4;
        int sumAt = proto == 6 ? l4 + 16 : proto == 17 ? l4 + 6 : -1;
        if (sumAt < 0 || f.length < sumAt + 2 || (Bytes.u16(f, ip + 6) & 0x1fff) != 0
                || proto == 17 && Bytes.u16(f, sumAt) == 0) {
            return; // l4proto_manip_pkt(): no transport checksum to mend (ICMP's covers no address)
        }
        int sum = Bytes.u16(f, sumAt);
        sum = InternetChecksum.update(sum, old >>> 16, to >>> 16);
        sum = InternetChecksum.update(sum, old & 0xffff, to & 0xffff);
        Bytes.put16(f, sumAt, sum);
    }
}
