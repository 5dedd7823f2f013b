package io.arplab.wire.tshark;

/** packet-lldp.c's dissect_lldp(): each mandatory TLV and the system name add their short form to Info. */
final class LldpDissector {
    private LldpDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("LLDP");
        p.clearInfo();
        int off = 0;
        int index = 0;
        while (true) {
            int head = tvb.u16(off);
            int type = head >> 9;
            int len = head & 0x1ff;
            if (index == 0 && type != 1) {
                if (!tvb.bytesExist(off, len + 2)) {
                    throw new Unsupported("LLDP first TLV neither a chassis ID nor whole");
                }
                p.info("Invalid Chassis ID TLV");
                return;
            }
            tvb.subset(off, -1, len + 2).check(0, len + 2);
            if (index == 1 && type != 2) {
                p.info("Invalid Port ID TLV");
                return;
            }
            if (index == 2 && type != 3) {
                throw new Unsupported("LLDP without its TTL TLV third");
            }
            switch (type) {
                case 0 -> {
                    return;
                }
                case 1 -> {
                    int sub = tvb.u8(off + 2);
                    if (sub != 4 || len != 7) {
                        throw new Unsupported("LLDP chassis subtype " + sub);
                    }
                    p.append("MA/" + tvb.mac(off + 3) + " ");
                }
                case 2 -> {
                    int sub = tvb.u8(off + 2);
                    if (sub != 5 && sub != 7 || len < 2) {
                        throw new Unsupported("LLDP port subtype " + sub);
                    }
                    p.append((sub == 5 ? "IN/" : "LA/") + text(tvb, off + 3, len - 1) + " ");
                }
                case 3 -> p.append(tvb.u16(off + 2) + " ");
                case 5 -> p.append("SysN=" + text(tvb, off + 2, len) + " ");
                default -> throw new Unsupported("LLDP TLV " + type);
            }
            if (index < 3 && type != index + 1) {
                throw new Unsupported("LLDP TLVs out of order");
            }
            index++;
            off += 2 + len;
        }
    }

    private static String text(Tvb tvb, int off, int len) {
        int at = tvb.at(off, len);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int c = tvb.data[at + i] & 0xff;
            if (c < 0x20 || c >= 0x7f) {
                throw new Unsupported("LLDP text with non-printable bytes");
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
