package io.arplab.wire.tcpdump;

/** print-ripng.c: RIPng (RFC 2080) on UDP port 521. */
final class RipngPrinter {
    static final int RIPNG_PORT = 521;
    private static final int NI_LEN = 20;

    private RipngPrinter() {}

    /** rip6_entry_print(). */
    private static void entry(Dissector nd, int ni, boolean printMetric) {
        StringBuilder out = nd.out;
        nd.check(ni, 16);
        int plen = nd.u8(ni + 18);
        Names.ip6addr(out, nd.p, ni);
        out.append('/').append(plen);
        int tag = nd.u16(ni + 16);
        if (tag != 0) {
            out.append(" [").append(tag).append(']');
        }
        int metric = nd.u8(ni + 19);
        if (metric != 0 && printMetric) {
            out.append(" (").append(metric).append(')');
        }
    }

    /** ripng_print(). */
    static void ripngPrint(Dissector nd, int dat, int length) {
        nd.protocol = "ripng";
        StringBuilder out = nd.out;
        int vers = nd.u8(dat + 1);
        if (vers != 1) {
            out.append(" [vers ").append(vers).append(']');
            nd.invalid();
            return;
        }
        int cmd = nd.u8(dat);
        if (cmd != 1 && cmd != 2) {
            out.append(" ripng-").append(cmd).append(" ?? ").append(length);
            nd.invalid();
            return;
        }
        if (length < 4) {
            nd.invalid();
            return;
        }
        int left = length - 4;
        int j = left / NI_LEN;
        if (cmd == 1 && j == 1 && nd.u8(dat + 4 + 19) == 16 && allZero(nd, dat + 4)) {
            out.append(" ripng-req dump");
            return;
        }
        out.append(cmd == 1 ? " ripng-req " : " ripng-resp ").append(j);
        if (j * NI_LEN != left) {
            out.append('[').append(length).append(']');
        }
        out.append(':');
        for (int ni = dat + 4; left >= NI_LEN; left -= NI_LEN, ni += NI_LEN) {
            out.append(nd.vflag > 1 ? "\n\t" : " ");
            entry(nd, ni, cmd == 2);
        }
        if (left != 0) {
            nd.invalid();
        }
    }

    private static boolean allZero(Dissector nd, int off) {
        for (int i = 0; i < 16; i++) {
            if (nd.p[off + i] != 0) {
                return false;
            }
        }
        return true;
    }
}
