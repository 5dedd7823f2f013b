package io.arplab.wire.tshark;

/**
 * packet-vrrp.c's dissect_vrrp() (IP protocol 112): `Announcement (vN)` whatever the type, then the header's fields
 * one by one; versions 1 and 2 read the authentication type and advertisement interval, version 3 its 12-bit
 * interval, other versions neither; the checksum, the virtual addresses (16 bytes each over IPv6), never the
 * authentication data (probe family vrrp; heldout's ip_proto_names, version 0).
 */
final class VrrpDissector {
    private VrrpDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("VRRP");
        p.clearInfo();
        int version = tvb.u8(0) >> 4;
        p.info("Announcement (v" + version + ")");
        tvb.check(1, 1); // virtual router ID
        tvb.u8(2); // priority
        int count = tvb.u8(3);
        switch (version) {
            case 1, 2 -> {
                tvb.u8(4); // authentication type
                tvb.check(5, 1); // advertisement interval
            }
            case 3 -> {
                tvb.check(4, 1);
                tvb.check(4, 2); // reserved and maximum advertisement interval
            }
            default -> { } // an expert item only
        }
        tvb.u16(6); // checksum
        int size = p.netSrc != null && p.netSrc.length == 16 ? 16 : 4;
        for (int i = 0; i < count; i++) {
            tvb.check(8 + size * i, size);
        }
    }
}
