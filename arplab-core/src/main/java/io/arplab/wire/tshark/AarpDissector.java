package io.arplab.wire.tshark;

/**
 * packet-aarp.c's dissect_aarp() (ethertype 0x80f3, and over SNAP): the addresses are read before the Info is set
 * (a frame too short for them shows only the exception); "Who has T?  Tell S", "S is at SHA", "Is there a T", each
 * opcode also in the byte order Linux once wrote it; an AppleTalk address as "net.node", an Ethernet or Token Ring
 * one of 6 bytes as a MAC (never resolved), any other as hex bytes, an empty one as "Unknown".
 */
final class AarpDissector {
    private static final int HDR = 8;

    private AarpDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("AARP");
        p.clearInfo();
        int hrd = tvb.u16(0);
        int pro = tvb.u16(2);
        int hln = tvb.u8(4);
        int pln = tvb.u8(5);
        int op = tvb.u16(6);
        int spa = HDR + hln;
        int tha = spa + pln;
        int tpa = tha + hln;
        // what 4.0.17 reads before the Info, found by probing it (1536 frames, every opcode, hardware and protocol
        // type, cut by an 802.3 length and by the capture around each address): an AppleTalk address's bytes 1-3
        // one by one, the sender's and then the target's, then the target's hardware address; any other protocol
        // address whole, in the packet's order
        boolean atalk = pro == 0x809b && pln == 4;
        if (!(hln == 6 && (pln == 4 || pln == 6)) && !tvb.bytesExist(0, tpa + pln)) {
            // the probes had 6-byte hardware addresses: the reads of other shapes, cut, are not known
            throw new Unsupported("AARP of address lengths " + hln + "/" + pln + " cut");
        }
        String sha = hw(tvb, HDR, hln, hrd);
        String spaStr = proto(tvb, spa, pln, pro);
        if (!atalk) {
            hw(tvb, tha, hln, hrd);
        }
        String tpaStr = proto(tvb, tpa, pln, pro);
        if (atalk) {
            hw(tvb, tha, hln, hrd);
        }
        p.info(switch (op) {
            case 0x0001, 0x0100 -> "Who has " + tpaStr + "?  Tell " + spaStr;
            case 0x0002, 0x0200 -> spaStr + " is at " + sha;
            case 0x0003, 0x0300 -> "Is there a " + tpaStr;
            default -> String.format("Unknown AARP opcode 0x%04x", op);
        });
    }

    /** tvb_aarphrdaddr_to_str(). */
    private static String hw(Tvb tvb, int off, int len, int hrd) {
        if ((hrd == 1 || hrd == 2) && len == 6) {
            return tvb.mac(off);
        }
        return bytes(tvb, off, len);
    }

    /** tvb_aarpproaddr_to_str(): atalkid_to_str()'s "%d.%d" of bytes 1-2 and 3 (byte 0 is never read). */
    private static String proto(Tvb tvb, int off, int len, int pro) {
        if (pro == 0x809b && len == 4) {
            int hi = tvb.u8(off + 1);
            int lo = tvb.u8(off + 2);
            return (hi << 8 | lo) + "." + tvb.u8(off + 3);
        }
        return bytes(tvb, off, len);
    }

    /** tvb_bytes_to_str(): "Unknown" for no bytes. */
    private static String bytes(Tvb tvb, int off, int len) {
        int at = tvb.at(off, len);
        return len == 0 ? "Unknown" : Names.bytes(tvb.data, at, len);
    }
}
