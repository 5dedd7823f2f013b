package io.arplab.wire.tcpdump;

/**
 * print-atalk.c's aarp_print(): AppleTalk ARP (ethertype 0x80f3, and over SNAP with OUI 0). Addresses are
 * ataddr_string()'s "net.node" ("net" for node 255); no /etc/atalk.names is read. DDP (atalk_print()) is not carried.
 */
final class AtalkPrinter {
    private static final int AARP_LEN = 28;

    private AtalkPrinter() {}

    /** aarp_print(). */
    static void aarpPrint(Dissector nd, int bp, int length) {
        nd.protocol = "aarp";
        StringBuilder out = nd.out;
        out.append("aarp ");
        if (!nd.ttest(bp, AARP_LEN)) {
            nd.trunc();
            return;
        }
        if (length < AARP_LEN) {
            out.append(" [|aarp ").append(length).append(']');
            return;
        }
        int op = nd.u16(bp + 6);
        if (nd.u16(bp) == 1 && nd.u16(bp + 2) == 0x809b && nd.u8(bp + 4) == 6 && nd.u8(bp + 5) == 4) {
            int psaddr = bp + 14;
            int pdaddr = bp + 24;
            switch (op) {
                case 1, 3 -> {
                    out.append(op == 1 ? "who-has " : "probe ");
                    ataddr(nd, pdaddr);
                    out.append(" tell ");
                    ataddr(nd, psaddr);
                    return;
                }
                case 2 -> {
                    out.append("reply ");
                    ataddr(nd, psaddr);
                    out.append(" is-at ");
                    Names.etheraddr(out, nd.p, bp + 8, nd.numeric);
                    return;
                }
                default -> { }
            }
        }
        out.append("len ").append(length).append(" op ").append(op).append(" htype ").append(nd.u16(bp))
                .append(" ptype ");
        int ptype = nd.u16(bp + 2);
        if (ptype == 0) {
            out.append('0');
        } else {
            out.append("0x");
            Names.appendHex(out, ptype);
        }
        out.append(" halen ").append(nd.u8(bp + 4)).append(" palen ").append(nd.u8(bp + 5));
    }

    /** ataddr_string() of the AT() macro: the net from a member's bytes 1-2, the node from byte 3. */
    private static void ataddr(Dissector nd, int member) {
        int net = (nd.p[member + 1] & 0xff) << 8 | nd.p[member + 2] & 0xff;
        int node = nd.p[member + 3] & 0xff;
        nd.out.append(net);
        if (node != 255) {
            nd.out.append('.').append(node);
        }
    }
}
