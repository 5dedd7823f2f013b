package io.arplab.wire.tshark;

/** The options of packet-ip.c that change a column: a source route's final destination. */
final class IpOptions {
    private static final int IPOPT_EOOL = 0;
    private static final int IPOPT_NOP = 1;
    private static final int IPOPT_LSRR = 0x83;
    private static final int IPOPT_SSRR = 0x89;

    private IpOptions() {}

    /** The bytes each option's dissector reads of itself (type and length included). */
    private static int fieldsLength(int type) {
        return switch (type) {
            case 0x07, IPOPT_LSRR, IPOPT_SSRR -> 3; // RR, LSRR, SSRR: the pointer
            case 0x94 -> 4; // router alert's value
            case 0x52 -> 12; // traceroute
            default -> 2;
        };
    }

    /**
     * dissect_ipopts(): each option whole within the header goes to its dissector in a tvbuff of its own
     * length, which throws (a malformed packet) when the option is shorter than the fields it has.
     */
    static void dissect(Tvb tvb, int hlen) {
        // the options' item covers the whole header
        tvb.check(0, hlen);
        int off = 20;
        while (off < hlen) {
            int type = tvb.u8(off);
            if (type == IPOPT_EOOL) {
                break;
            }
            if (type == IPOPT_NOP) {
                off++;
                continue;
            }
            if (off + 1 >= hlen) {
                break;
            }
            int len = tvb.u8(off + 1);
            if (len < 2) {
                throw new Unsupported("IP option of length " + len);
            }
            if (off + len > hlen) {
                break;
            }
            if (type == 0x44 && (len < 4 || (tvb.u8(off + 3) & 0xf) != 0) || type == 0x19 && len != 8
                    || type == 0x82 || type == 0x86 || type == 0x88) {
                throw new Unsupported("IP option 0x" + Integer.toHexString(type) + " of length " + len);
            }
            if (len < fieldsLength(type)) {
                throw Thrown.REPORTED_BOUNDS.error();
            }
            off += len;
        }
    }

    /**
     * get_dst_offset(): with a loose or strict source route the Destination is the route's last address; the
     * offset of the address to show (16, the header's, without one).
     */
    static int finalDestination(Tvb tvb, int hlen) {
        int off = 20;
        while (off < hlen) {
            int type = tvb.u8(off);
            if (type == IPOPT_EOOL) {
                break;
            }
            if (type == IPOPT_NOP) {
                off++;
                continue;
            }
            if (off + 1 >= hlen) {
                break;
            }
            int len = tvb.u8(off + 1);
            if (len < 2 || off + len > hlen) {
                break;
            }
            if (type == IPOPT_LSRR || type == IPOPT_SSRR) {
                int ptr = tvb.u8(off + 2);
                // a pointer before the first address, inside one or past the route: the header's destination
                return ptr < 4 || (ptr & 3) != 0 || ptr > len ? 16 : off + len - 4;
            }
            off += len;
        }
        return 16;
    }
}
