package io.arplab.wire.tshark;

/** packet-eth.c's dissect_802_3() and packet-llc.c's dissect_llc() for the SAPs this package decodes. */
final class LlcDissector {
    private LlcDissector() {}

    /** An Ethernet frame whose type field is a length. */
    static void dissect8023(Tvb tvb, Packet p, int length) {
        throwIfUnsupported(tvb, 14);
        llc(payload(tvb, 14, length), p);
    }

    static void dissectVlan8023(Tvb tvb, Packet p, int length) {
        throwIfUnsupported(tvb, 4);
        llc(payload(tvb, 4, length), p);
    }

    private static void throwIfUnsupported(Tvb tvb, int off) {
        if (tvb.bytesExist(off, 2) && tvb.u16(off) == 0xffff) {
            throw new Unsupported("Novell raw 802.3");
        }
    }

    /** The 802.3 payload cut to the length field when it is shorter than what follows. */
    private static Tvb payload(Tvb tvb, int off, int length) {
        int rest = tvb.reportedRemaining(off);
        if (length > rest) {
            throw new Unsupported("802.3 length beyond the frame");
        }
        return tvb.subset(off, -1, length);
    }

    private static void llc(Tvb tvb, Packet p) {
        p.protocol("LLC");
        p.clearInfo();
        int dsap = tvb.u8(0);
        int ssap = tvb.u8(1);
        int control = tvb.u8(2);
        if (dsap == 0x42 && ssap == 0x42 && control == 0x03) {
            StpDissector.dissect(tvb.subset(3), p);
            return;
        }
        if (dsap == 0x80 && ssap == 0x80 && control == 0x03) {
            p.protocol("3Com XNS");
            p.clearInfo();
            int type = tvb.u16(3);
            if (type != 0x0600 && type != 0x0800 && type != 0x0806 && type != 0x86dd) {
                return;
            }
        }
        throw new Unsupported("LLC SAP 0x" + Integer.toHexString(dsap));
    }
}
