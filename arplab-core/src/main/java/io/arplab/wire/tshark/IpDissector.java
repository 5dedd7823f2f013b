package io.arplab.wire.tshark;

import java.util.Arrays;

/** packet-ip.c: dissect_ip() and dissect_ip_v4(), with reassembly of fragments (epan/reassemble.c). */
final class IpDissector {
    private static final int IPH_MIN_LEN = 20;
    private static final int IP_MF = 0x2000;
    private static final int IP_OFFSET = 0x1fff;

    private IpDissector() {}

    /**
     * dissect_ip(), the "ip" handle of the "gre.proto" and "ip.proto" tables: by the version nibble to IPv4 or
     * IPv6, else "Bogus IP version" under protocol IP.
     */
    static void dissectIpAnyVersion(Tvb tvb, Packet p) {
        int version = tvb.u8(0) >> 4;
        if (version == 4) {
            dissectIp(tvb, p);
        } else if (version == 6) {
            Ipv6Dissector.dissect(tvb, p);
        } else {
            p.protocol("IP");
            p.clearInfo();
            p.info("Bogus IP version (" + version + ")");
        }
    }

    /** dissect_ip_v4(), which the IP ethertype reaches: a version 6 header goes to IPv6. */
    static void dissectIp(Tvb tvb, Packet p) {
        p.protocol("IPv4");
        p.clearInfo();
        int b0 = tvb.u8(0);
        int version = b0 >> 4;
        if (version == 6 && Ipv6Dissector.dissect(tvb, p)) {
            return;
        }
        if (version != 4) {
            p.info("Bogus IPv4 version (" + version + ", must be 4)");
            return;
        }
        int hlen = (b0 & 0xf) * 4;
        if (hlen < IPH_MIN_LEN) {
            p.info("Bogus IP header length (" + hlen + ", must be at least " + IPH_MIN_LEN + ")");
            return;
        }
        tvb.u8(1); // the DSCP and ECN, read before the total length
        int len = tvb.u16(2);
        if (len == 0) {
            // ip_tso_supported: a zero total length is taken as the rest of the frame
            len = tvb.reported;
        } else if (len < hlen) {
            p.info("Bogus IP length (" + len + ", less than header length " + hlen + ")");
            return;
        }
        if (len < tvb.reported) {
            tvb.setReportedLength(len);
        }
        int id = tvb.u16(4);
        int off = tvb.u16(6);
        int ttl = tvb.u8(8);
        int proto = tvb.u8(9);
        tvb.u16(10); // the header checksum, read before the addresses
        byte[] src = Arrays.copyOfRange(tvb.data, tvb.at(12, 4), tvb.start + 16);
        p.addresses(Names.ipv4(src, 0), p.dst);
        int route = IpOptions.finalDestination(tvb, hlen);
        byte[] dst = Arrays.copyOfRange(tvb.data, tvb.at(route, 4), tvb.start + route + 4);
        p.netSrc = src;
        p.netDst = dst;
        p.addresses(Names.ipv4(src, 0), Names.ipv4(dst, 0));
        try {
            IpOptions.dissect(tvb, hlen);
        } catch (Unsupported e) {
            // the line is not TShark's, but the layers above still see the datagram (their state goes on)
            p.undecoded = e.getMessage();
        }
        p.ipTtl = ttl;
        Tvb next;
        boolean savedFragmented = p.fragmented;
        if ((off & (IP_MF | IP_OFFSET)) != 0 && len > hlen && tvb.bytesExist(hlen, len - hlen) && !p.inErrorPkt) {
            next = reassemble(tvb, p, hlen, len - hlen, off, key(src, dst, proto, id, p.vlanId));
        } else if ((off & IP_OFFSET) != 0) {
            next = null;
        } else {
            next = tvb.subset(hlen);
            p.fragmented = (off & IP_MF) != 0;
        }
        if (next == null) {
            p.info("Fragmented IP protocol (proto=" + Values.ipProto(proto) + " " + proto + ", off="
                    + (off & IP_OFFSET) * 8 + ", ID=" + Names.hex4(id) + ")");
            p.fragmented = savedFragmented;
            return;
        }
        if (next.reported == 0) {
            // nothing after the header: no payload dissector is called
            p.fragmented = savedFragmented;
            return;
        }
        if (!IpProtocols.dissect(proto, next, p)) {
            p.info(Values.ipProto(proto) + " (" + proto + ")");
        }
        p.fragmented = savedFragmented;
    }

    private static String key(byte[] src, byte[] dst, int proto, int id, int vlan) {
        long s = ((src[0] & 0xffL) << 24) | ((src[1] & 0xff) << 16) | ((src[2] & 0xff) << 8) | (src[3] & 0xff);
        long d = ((dst[0] & 0xffL) << 24) | ((dst[1] & 0xff) << 16) | ((dst[2] & 0xff) << 8) | (dst[3] & 0xff);
        long ident = (proto ^ id ^ s ^ d ^ vlan) & 0xffffffffL;
        return Names.ipv4(src, 0) + ">" + Names.ipv4(dst, 0) + "#" + ident;
    }

    /**
     * fragment_add_check() and process_reassembled_data(): the fragment joins its datagram; the frame that
     * completes it gets the reassembled payload, every other one nothing.
     */
    private static Tvb reassemble(Tvb tvb, Packet p, int hlen, int dataLen, int off, String key) {
        Capture.Reassembly r = p.capture.ipFragments.computeIfAbsent(key, k -> new Capture.Reassembly());
        byte[] whole = r.add((off & IP_OFFSET) * 8, (off & IP_MF) == 0, tvb.data, tvb.start + hlen, dataLen);
        if (whole == null) {
            return null;
        }
        p.capture.ipFragments.remove(key);
        if (r.pieces.size() == 1) {
            return tvb.subset(hlen);
        }
        return new Tvb(whole, 0, whole.length, whole.length);
    }
}
