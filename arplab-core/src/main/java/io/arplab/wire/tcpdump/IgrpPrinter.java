package io.arplab.wire.tcpdump;

/** print-igrp.c: Cisco IGRP, IP protocol 9. */
final class IgrpPrinter {
    static final int IPPROTO_PIGP = 9;
    private static final int HDR_LEN = 12;
    private static final int RTE_SIZE = 14;

    private IgrpPrinter() {}

    /** igrp_entry_print(). */
    private static void entry(Dissector nd, int igr) {
        long delay = nd.u24(igr + 3);
        long bandwidth = nd.u24(igr + 6);
        long metric = Math.min(bandwidth + delay, 0xffffff);
        int mtu = nd.u16(igr + 9);
        int rel = nd.u8(igr + 11);
        int ld = nd.u8(igr + 12);
        int hct = nd.u8(igr + 13);
        nd.out.append(" d=").append((10 * delay) & 0xffffffffL).append(" b=")
                .append(bandwidth == 0 ? 0 : 10000000 / bandwidth).append(" r=").append(rel)
                .append(" l=").append(ld).append(" M=").append(metric).append(" mtu=").append(mtu)
                .append(" in ").append(hct).append(" hops");
    }

    /** igrp_print(). */
    static void igrpPrint(Dissector nd, int bp, int len) {
        nd.protocol = "igrp";
        StringBuilder out = nd.out;
        out.append("igrp:");
        int nint = nd.u16(bp + 4);
        int nsys = nd.u16(bp + 6);
        int next = nd.u16(bp + 8);
        int vop = nd.u8(bp);
        int op = vop & 0x0f;
        out.append(' ').append(op == 1 ? "update" : op == 2 ? "request" : "op-#" + op).append(" V")
                .append(vop >> 4).append(" edit=").append(nd.u8(bp + 1)).append(" AS=").append(nd.u16(bp + 2))
                .append(" (").append(nint).append('/').append(nsys).append('/').append(next).append(')');
        int cksum = nd.u16(bp + 10);
        if (nd.vflag > 0) {
            out.append(" checksum=0x");
            nd.hex4(cksum);
        }
        long length = (len - HDR_LEN) & 0xffffffffL;
        int cp = bp + HDR_LEN;
        while (length >= RTE_SIZE) {
            int n0 = nd.u8(cp);
            int n1 = nd.u8(cp + 1);
            int n2 = nd.u8(cp + 2);
            if (nint > 0) {
                out.append(" *.").append(n0).append('.').append(n1).append('.').append(n2);
                entry(nd, cp);
                --nint;
            } else if (nsys > 0) {
                out.append(' ').append(n0).append('.').append(n1).append('.').append(n2).append(".0");
                entry(nd, cp);
                --nsys;
            } else if (next > 0) {
                out.append(" X").append(n0).append('.').append(n1).append('.').append(n2).append(".0");
                entry(nd, cp);
                --next;
            } else {
                out.append(" [extra bytes ").append(length).append(']');
                break;
            }
            cp += RTE_SIZE;
            length -= RTE_SIZE;
        }
        if (nint != 0 || nsys != 0 || next != 0 || length != 0) {
            nd.invalid();
        }
    }
}
