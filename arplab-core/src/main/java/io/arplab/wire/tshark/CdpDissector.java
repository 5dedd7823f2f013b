package io.arplab.wire.tshark;

/**
 * packet-cdp.c's dissect_cdp() (SNAP, Cisco OUI, PID 0x2000) as TShark runs it without a tree (probe family cdp):
 * the checksum is computed over the whole message (a capture that cut it shows the cut, Info left empty); then the
 * TLVs while the message lasts: a length under 4 ends the walk; the device ID and port ID add `Device ID: %s  ` and
 * `Port ID: %s  ` (tvb_format_stringzpad()); the reads outside the tree's code are the addresses' (both address
 * TLVs, dissect_address_tlv()), the capabilities', the IP prefixes' and the spare pair PoE's (probed: the power
 * request's and availability's values are not read, a length under 8 reads nothing); any other TLV is passed over
 * by its length, and what follows the walk is data.
 */
final class CdpDissector {
    private CdpDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("CDP");
        p.clearInfo();
        tvb.check(0, 1); // version
        tvb.u8(1); // TTL
        tvb.check(0, tvb.reported); // the checksum's data (tvb_memcpy() or the checksum vector)
        tvb.u16(2);
        int off = 4;
        while (tvb.reportedLengthRemaining(off) != 0) {
            int type = tvb.u16(off);
            int length = tvb.u16(off + 2);
            if (length < 4) {
                off += 4;
                break;
            }
            switch (type) {
                case 0x0001 -> {
                    p.append("Device ID: " + stringzpad(tvb, off + 4, length - 4) + "  ");
                    off += length;
                }
                case 0x0003 -> {
                    int real = length;
                    if (tvb.reportedLengthRemaining(off) >= length + 3 && tvb.u8(off + length) != 0) {
                        real = length + 3; // the length is taken as not counting the header, less one
                    }
                    p.append("Port ID: " + stringzpad(tvb, off + 4, length - 4) + "  ");
                    off += real;
                }
                case 0x0002, 0x0016 -> {
                    // the TLV's length is a guint16: under 8 it wraps, and the addresses' subtree is too long
                    off += 4;
                    length -= 4;
                    long count = tvb.u32(off);
                    off += 4;
                    length = (length - 4) & 0xffff;
                    while (count != 0) {
                        int used = address(tvb, off, length);
                        if (used < 0) {
                            break;
                        }
                        off += used;
                        length = (length - used) & 0xffff;
                        count--;
                    }
                    off += length;
                }
                case 0x0004 -> {
                    if (length - 4 >= 4) {
                        tvb.check(off + 4, 4); // dissect_capabilities()
                    }
                    off += length;
                }
                case 0x0007 -> {
                    if (length == 8) {
                        off += 8; // the ODR default gateway, read only with a tree
                    } else {
                        off += 4;
                        // a guint16 too: data that is not a multiple of 5 wraps and reads on
                        for (int left = length - 4; left > 0; left = (left - 5) & 0xffff, off += 5) {
                            tvb.u32(off);
                            tvb.u8(off + 4);
                        }
                    }
                }
                case 0x001f -> {
                    if (length - 4 != 0) {
                        tvb.check(off + 4, 1); // dissect_spare_poe_tlv()
                    }
                    off += length;
                }
                default -> off += length;
            }
        }
        tvb.subset(off); // the rest as data
    }

    /** dissect_address_tlv(): the bytes one address takes, -1 when the TLV ends inside it. */
    private static int address(Tvb tvb, int off, int length) {
        if (length < 1) {
            return -1;
        }
        tvb.check(off, length); // the address's subtree ("Truncated address") of the TLV's remaining length
        int protoType = tvb.u8(off);
        off++;
        length--;
        if (length < 1) {
            return -1;
        }
        int protoLength = tvb.u8(off);
        off++;
        length--;
        if (length < protoLength) {
            if (length != 0) {
                tvb.check(off, length);
            }
            return -1;
        }
        int nlpid = -1;
        if (protoType == 1 && protoLength == 1) {
            nlpid = tvb.u8(off);
        } else {
            tvb.check(off, protoLength);
        }
        off += protoLength;
        length -= protoLength;
        if (length < 2) {
            return -1;
        }
        int addrLength = tvb.u16(off);
        off += 2;
        length -= 2;
        if (length < addrLength) {
            if (length != 0) {
                tvb.check(off, length);
            }
            return -1;
        }
        tvb.check(off, nlpid == 0xcc && addrLength == 4 ? 4 : addrLength);
        return 2 + protoLength + 2 + addrLength;
    }

    /** tvb_format_stringzpad(): the bytes up to the first NUL, through format_text(). */
    private static String stringzpad(Tvb tvb, int off, int size) {
        int at = tvb.at(off, size);
        int n = 0;
        while (n < size && tvb.data[at + n] != 0) {
            n++;
        }
        return FormatText.of(tvb.data, at, n);
    }
}
