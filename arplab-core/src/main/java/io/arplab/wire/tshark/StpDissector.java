package io.arplab.wire.tshark;

/** packet-stp.c's dissect_stp(): the BPDU summaries. */
final class StpDissector {
    private StpDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("STP");
        p.clearInfo();
        int protocol = tvb.u16(0);
        int version = tvb.u8(2);
        int type = tvb.u8(3);
        if (protocol != 0 || version != 0 || type != 0) {
            throw new Unsupported("STP version " + version + " type " + type);
        }
        int flags = tvb.u8(4);
        int rootId = tvb.u16(5);
        String rootMac = tvb.mac(7);
        long cost = tvb.u32(13);
        int port = tvb.u16(25);
        p.info("Conf. " + ((flags & 1) != 0 ? "TC + " : "") + "Root = " + (rootId & 0xf000) + "/" + (rootId & 0x0fff)
                + "/" + rootMac + "  Cost = " + cost + "  Port = 0x" + Names.hex4(port));
        // then the message age, max age, hello time and forward delay
        for (int off = 27; off <= 33; off += 2) {
            tvb.u16(off);
        }
    }
}
