package io.arplab.wire.tshark;

import java.util.Arrays;

/** packet-ipv6.c's dissect_ipv6() and ipv6_dissect_next() with the option headers (dissect_opts()). */
final class Ipv6Dissector {
    private static final int HDR = 40;
    /**
     * Option types whose dissectors check what they hold (tunnel limit, CALIPSO, SMF, PDM, IOAM, Quick-Start, MPL,
     * ILNP nonce, line ID, jumbo payload, home address, IP_DFF, the experimental ones): not decoded here. Pad1,
     * PadN, router alert, RPL and unassigned types are passed over by their length.
     */
    private static final java.util.Set<Integer> CHECKED_OPTIONS = java.util.Set.of(0x04, 0x07, 0x08, 0x0f, 0x11,
            0x12, 0x26, 0x31, 0x6d, 0x8a, 0x8b, 0x8c, 0xc2, 0xc9, 0xee, 0x1e, 0x3e, 0x5e, 0x7e, 0x9e, 0xbe, 0xde, 0xfe);

    private Ipv6Dissector() {}

    /** @return false when the version is not 6 (the caller then treats the type as undissected) */
    static boolean dissect(Tvb tvb, Packet p) {
        p.protocol("IPv6");
        p.clearInfo();
        int version = tvb.u8(0) >> 4;
        if (version != 6) {
            return false;
        }
        if (tvb.bytesExist(8, 16)) {
            p.addresses(Names.ipv6(tvb.data, tvb.start + 8), p.dst);
        }
        if (tvb.bytesExist(24, 16)) {
            p.addresses(p.src, Names.ipv6(tvb.data, tvb.start + 24));
        }
        if (tvb.reported < HDR) {
            p.info("Invalid IPv6 header (" + tvb.reported + " bytes, need exactly " + HDR + ")");
            throw Thrown.REPORTED_BOUNDS.error();
        }
        int plen = tvb.u16(4);
        int nxt = tvb.u8(6);
        int hlim = tvb.u8(7);
        byte[] src = Arrays.copyOfRange(tvb.data, tvb.at(8, 16), tvb.start + 24);
        p.addresses(Names.ipv6(src, 0), p.dst);
        byte[] dst = Arrays.copyOfRange(tvb.data, tvb.at(24, 16), tvb.start + 40);
        p.netSrc = src;
        p.netDst = dst;
        p.addresses(Names.ipv6(src, 0), Names.ipv6(dst, 0));
        p.ipTtl = hlim;
        if (plen == 0 && nxt == 0) {
            throw new Unsupported("IPv6 jumbogram");
        }
        if (plen + HDR < tvb.reported) {
            tvb.setReportedLength(plen + HDR);
        }
        p.ip6Plen = plen;
        next(nxt, tvb.subset(HDR), p);
        return true;
    }

    /**
     * dissect_ipv6() reached through a table's "ipv6" handle (GRE, VXLAN-GPE, NSH, MPLS): another version is "Bogus
     * IPv6 version".
     */
    static void dissectHandle(Tvb tvb, Packet p) {
        if (!dissect(tvb, p)) {
            p.info("Bogus IPv6 version (" + (tvb.u8(0) >> 4) + ", must be 6)");
        }
    }

    /** ipv6_dissect_next(): an option header, or the "ip.proto" table, or "Unknown (n)". */
    static void next(int nxt, Tvb tvb, Packet p) {
        switch (nxt) {
            case 0 -> options(tvb, p, "IPv6 hop-by-hop options");
            case 60 -> options(tvb, p, "IPv6 destination options");
            case 44 -> fragment(tvb, p);
            case 43 -> routing(tvb, p);
            case 59 -> p.info("IPv6 no next header");
            default -> {
                if (!IpProtocols.dissect(nxt, tvb, p)) {
                    p.info("Unknown IP Protocol: " + Values.ipProto(nxt) + " (" + nxt + ")");
                }
            }
        }
    }

    /**
     * dissect_opts(): Info names the header, then its options from the third byte to the header's end, then the
     * next header after its (len + 1) * 8 bytes. An option is an item of its whole length, checked against the rest
     * of the packet (not the header's end); its dissector then reads what it reads whatever the length says (the
     * router alert's 2 bytes, RPL's 4) and the next option starts after the larger of the two. Every option's
     * length byte is read before Pad1 is told apart, so a Pad1 that ends the packet is malformed.
     */
    private static void options(Tvb tvb, Packet p, String name) {
        p.appendSep(" , ", name);
        int nxt = tvb.u8(0);
        int len = (tvb.u8(1) + 1) << 3;
        p.ip6Plen -= len;
        for (int off = 2; off < len; ) {
            int type = tvb.u8(off);
            int optlen = tvb.u8(off + 1); // read before Pad1 is told apart: a Pad1 reads the byte after it
            if (type == 0) {
                off++;
                continue;
            }
            if (CHECKED_OPTIONS.contains(type)) {
                throw new Unsupported("IPv6 option 0x" + Integer.toHexString(type));
            }
            tvb.check(off, 2 + optlen);
            int read = switch (type) {
                case 0x05 -> 2; // dissect_opt_rtalert()
                case 0x63 -> 4; // dissect_opt_rpl(): flags, instance, sender rank
                default -> optlen;
            };
            tvb.check(off + 2, read);
            off += 2 + Math.max(optlen, read);
        }
        next(nxt, tvb.subset(len, -1, -1), p);
    }

    /**
     * dissect_routing6(): Info names the header; the type's dissector gets the header's (len + 1) * 8 - 4 bytes
     * after the fixed four (tvb_new_subset_length(): past the packet a contained item's error), an unknown type's
     * data is one item of that length; then the next header after the whole header. Type 0 (dissect_routing6_rt0())
     * reads len / 2 addresses, type 2 (dissect_routing6_mipv6()) the home address, type 4
     * (dissect_routing6_srh()) last entry + 1 segments; with segments left, the destination becomes type 0's last
     * address, type 2's home address, type 4's first segment (probe family ipv6-routing).
     */
    private static void routing(Tvb tvb, Packet p) {
        p.appendSep(" , ", "IPv6 routing");
        int nxt = tvb.u8(0);
        int len = (tvb.u8(1) + 1) * 8;
        p.ip6Plen -= len;
        int type = tvb.u8(2);
        int segleft = tvb.u8(3);
        Tvb data = null;
        if (type == 0 || type == 2 || type == 4) {
            data = tvb.subset(4, len - 4, len - 4);
        } else if (type == 3 || type == 5 || type == 6) {
            throw new Unsupported("IPv6 routing header type " + type); // RPL's compressed addresses, CRH's SIDs
        } else {
            tvb.check(4, len - 4);
        }
        int addr = -1;
        if (type == 0) {
            data.check(0, 4);
            for (int i = 0; i < tvb.u8(1) / 2; i++) {
                addr = data.at(4 + 16 * i, 16);
            }
        } else if (type == 2) {
            data.check(0, 4);
            addr = data.at(4, 16);
        } else if (type == 4) {
            int count = data.u8(0) + 1;
            data.check(1, 3); // flags, tag
            if (segleft > 0) {
                destination(p, tvb.data, data.at(4, 16)); // before the segments are read
            }
            for (int i = 0; i < count; i++) {
                data.check(4 + 16 * i, 16);
            }
        }
        if (addr >= 0 && segleft > 0) {
            destination(p, tvb.data, addr);
        }
        next(nxt, tvb.subset(len), p);
    }

    /** alloc_address_wmem_ipv6(&pinfo->dst): the Destination column and the address later dissectors see. */
    private static void destination(Packet p, byte[] data, int at) {
        if (p.netDst != null && p.netDst.length == 16) {
            p.netDst = Arrays.copyOfRange(data, at, at + 16);
            p.addresses(p.src, Names.ipv6(p.netDst, 0));
        }
    }

    /**
     * dissect_fraghdr() and ipv6_reassemble_do(): Info names the fragment; a fragment with data (not an atomic
     * one) joins its datagram (source, destination, identification) when its data was captured whole and it is no
     * ICMP error's quote, and the frame that completes the datagram dissects it; any other such fragment ends there.
     * An atomic fragment's payload, or a fragment's empty one, goes to the next header's dissector (probed:
     * fragments cut, out of order, duplicated, overlapping, empty, in errors). The data's length is the header's
     * payload length less the headers before it, not what the frame holds (seed 35056).
     */
    private static void fragment(Tvb tvb, Packet p) {
        int nxt = tvb.u8(0);
        tvb.u8(1);
        int offlg = tvb.u16(2);
        long ident = tvb.u32(4);
        int off = offlg & 0xfff8;
        boolean more = (offlg & 1) != 0;
        p.info("IPv6 fragment (off=" + off + " more=" + (more ? 'y' : 'n') + " ident=0x"
                + String.format("%08x", ident) + " nxt=" + nxt + ")");
        Tvb data = tvb.subset(8);
        p.ip6Plen -= 8;
        int len = p.ip6Plen;
        if ((off != 0 || more) && len > 0) {
            if (p.inErrorPkt || !data.bytesExist(0, len)) {
                return;
            }
            String key = Names.ipv6(p.netSrc, 0) + ">" + Names.ipv6(p.netDst, 0) + "#" + ident;
            Capture.Reassembly r = p.capture.ipv6Fragments.computeIfAbsent(key, k -> new Capture.Reassembly());
            byte[] whole = r.add(off, !more, data.data, data.start, len);
            if (whole == null) {
                return;
            }
            p.capture.ipv6Fragments.remove(key);
            data = new Tvb(whole, 0, whole.length, whole.length);
        }
        next(nxt, data, p);
    }
}
