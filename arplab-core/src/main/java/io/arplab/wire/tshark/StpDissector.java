package io.arplab.wire.tshark;

/** packet-stp.c's dissect_stp(): the BPDU summaries. */
final class StpDissector {
    private static final int BPDU_TYPE_CONF = 0x00;
    private static final int BPDU_TYPE_RST = 0x02;
    private static final int BPDU_TYPE_TOPOLOGY_CHANGE = 0x80;

    private StpDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("STP");
        p.clearInfo();
        int protocol = tvb.u16(0);
        int version = tvb.u8(2);
        int type = tvb.u8(3);
        if (protocol != 0) {
            throw new Unsupported("STP protocol " + protocol);
        }
        switch (type) {
            case BPDU_TYPE_TOPOLOGY_CHANGE -> p.info("Topology Change Notification");
            case BPDU_TYPE_CONF, BPDU_TYPE_RST -> {
                if (version >= 3 && type == BPDU_TYPE_RST) {
                    throw new Unsupported("MSTP BPDU");
                }
                int flags = tvb.u8(4);
                int rootId = tvb.u16(5);
                String rootMac = tvb.mac(7);
                int cost = (int) tvb.u32(13); // dissect_stp() formats the guint32 root path cost with %d
                int port = tvb.u16(25);
                p.info((type == BPDU_TYPE_CONF ? "Conf. " : "RST. ") + ((flags & 1) != 0 ? "TC + " : "") + "Root = "
                        + (rootId & 0xf000) + "/" + (rootId & 0x0fff) + "/" + rootMac + "  Cost = " + cost
                        + "  Port = 0x" + Names.hex4(port));
                // then the message age, max age, hello time and forward delay, and a rapid BPDU's version 1 length
                for (int off = 27; off <= 33; off += 2) {
                    tvb.u16(off);
                }
                if (type == BPDU_TYPE_RST) {
                    tvb.u8(35);
                }
            }
            default -> p.info("Unknown BPDU type (" + type + ")");
        }
        // the BPDU item covers the rest of the payload, which the capture may have cut
        tvb.check(0, tvb.reported);
    }
}
