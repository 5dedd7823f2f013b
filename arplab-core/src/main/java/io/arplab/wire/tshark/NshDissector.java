package io.arplab.wire.tshark;

/**
 * packet-nsh.c's dissect_nsh() (RFC 8300), ethertype 0x894f and VXLAN-GPE's and its own next protocol 4: Protocol
 * "NSH", Info "Network Service Header"; the base and service path headers, the context headers, then the next
 * protocol at the header's length, which MD type 1 takes as 24 bytes, MD type 2 as at least 8 and others as at
 * least 4, whatever the length field says.
 */
final class NshDissector {
    private static final int MD_TYPE_1 = 1;
    private static final int MD_TYPE_2 = 2;

    private NshDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("NSH");
        p.clearInfo();
        p.info("Network Service Header");
        tvb.check(0, 2); // the protocol item
        int len = (tvb.u16(0) & 0x3f) * 4;
        int md = tvb.u8(2);
        int next = tvb.u8(3);
        tvb.u24(4);
        tvb.u8(7);
        if (md == MD_TYPE_1) {
            len = 24; // "Length MUST be of value 0x6 for MD Type equal to 0x1"
            for (int off = 8; off < 24; off += 4) {
                tvb.check(off, 4); // dissect_nsh_md_type_1()'s four context headers
            }
        } else if (md == MD_TYPE_2) {
            len = Math.max(len, 8);
            if (len > 8) {
                mdType2(tvb, 8, len);
            }
        } else {
            len = Math.max(len, 4);
        }
        if (tvb.capturedRemaining(len) > 0) {
            nextProtocol(next, tvb.subset(len), p);
        }
    }

    /** dissect_nsh_md_type_2(): class, type, length (7 bits), the metadata, padded to 4 bytes. */
    private static void mdType2(Tvb tvb, int off, int end) {
        while (off < end) {
            tvb.u16(off);
            tvb.u8(off + 2);
            int n = tvb.u8(off + 3) & 0x7f;
            if (n > 0) {
                tvb.check(off + 4, n);
            }
            off += 4 + n + (n % 4 != 0 ? 4 - n % 4 : 0);
        }
    }

    /**
     * The "nsh.next_proto" and "vxlan.next_proto" tables (the same entries): IPv4 the "ip" handle, IPv6 the "ipv6"
     * handle, Ethernet the "eth" handle (an FCS maybe), NSH, MPLS; other values go to the data dissector.
     */
    static void nextProtocol(int next, Tvb payload, Packet p) {
        switch (next) {
            case 1 -> IpDissector.dissectIpAnyVersion(payload, p);
            case 2 -> Ipv6Dissector.dissectHandle(payload, p);
            case 3 -> EthDissector.dissect(payload, p, EthDissector.FCS_MAYBE);
            case 4 -> dissect(payload, p);
            case 5 -> MplsDissector.dissect(payload, p);
            default -> {
                if (Values.dissector("nsh.next_proto", next) != null) {
                    throw new Unsupported("nsh.next_proto " + next);
                }
            }
        }
    }
}
