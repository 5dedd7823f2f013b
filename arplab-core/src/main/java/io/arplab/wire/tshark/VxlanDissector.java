package io.arplab.wire.tshark;

/**
 * packet-vxlan.c's dissect_vxlan_common(): VXLAN (UDP 4789) and VXLAN-GPE (UDP 4790). Protocol "VxLAN", Info cleared;
 * the 8-byte header read field by field, then VXLAN's Ethernet frame or VXLAN-GPE's next protocol.
 */
final class VxlanDissector {
    private VxlanDissector() {}

    /** dissect_vxlan(): flags, group policy ID, VNI, reserved, then eth_withoutfcs. */
    static void vxlan(Tvb tvb, Packet p) {
        p.protocol("VxLAN");
        p.clearInfo();
        tvb.u16(0);
        tvb.u16(2);
        tvb.u24(4);
        tvb.u8(7);
        EthDissector.dissect(tvb.subset(8), p, EthDissector.FCS_NONE); // eth_withoutfcs
    }

    /**
     * dissect_vxlan_gpe(): flags (its bitmask read whatever the bits), reserved, the next protocol, VNI, reserved;
     * the "vxlan.next_proto" table's dissector, else the data dissector (Info stays empty).
     */
    static void gpe(Tvb tvb, Packet p) {
        p.protocol("VxLAN");
        p.clearInfo();
        tvb.u8(0);
        tvb.u16(1);
        int next = tvb.u8(3);
        tvb.u24(4);
        tvb.u8(7);
        NshDissector.nextProtocol(next, tvb.subset(8), p);
    }
}
