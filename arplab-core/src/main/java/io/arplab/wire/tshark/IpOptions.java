package io.arplab.wire.tshark;

/** The options of packet-ip.c that change a column: a source route's final destination. */
final class IpOptions {
    private static final int IPOPT_EOOL = 0;
    private static final int IPOPT_NOP = 1;
    private static final int IPOPT_LSRR = 0x83;
    private static final int IPOPT_SSRR = 0x89;

    private IpOptions() {}

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
            if ((type == IPOPT_LSRR || type == IPOPT_SSRR) && len >= 7) {
                return off + len - 4;
            }
            off += len;
        }
        return 16;
    }
}
