package io.arplab.wire.tcpdump;

/**
 * print-aodv.c: Ad hoc On-Demand Distance Vector routing (RFC 3561) on UDP 654, with the IPv6 forms over IPv6 and
 * draft-perkins-manet-aodv6-01's types 16 to 19. As in the C, the J/R/G/D/U and R/A flags are tested on the type
 * byte, not the flags byte; each line's values are all read before it prints.
 */
final class AodvPrinter {
    static final int AODV_PORT = 654;
    private static final int RREQ_JOIN = 0x80;
    private static final int RREQ_REPAIR = 0x40;
    private static final int RREQ_GRAT = 0x20;
    private static final int RREQ_DEST = 0x10;
    private static final int RREQ_UNKNOWN = 0x08;
    private static final int RREP_REPAIR = 0x80;
    private static final int RREP_ACK = 0x40;
    private static final int RREP_PREFIX_MASK = 0x1f;
    private static final int RERR_NODELETE = 0x80;
    private static final int AODV_EXT_HELLO = 1;

    /** The three layouts of a message: RFC 3561's over IPv4 and over IPv6, and draft 01's. */
    private enum Form { V4, V6, DRAFT }

    private AodvPrinter() {}

    /** aodv_print(). */
    static void aodvPrint(Dissector nd, int dat, int length, boolean ip6) {
        nd.protocol = "aodv";
        int type = nd.u8(dat);
        nd.out.append(" aodv");
        Form v = ip6 ? Form.V6 : Form.V4;
        switch (type) {
            case 1 -> rreq(nd, dat, length, v);
            case 2 -> rrep(nd, dat, length, v);
            case 3 -> rerr(nd, dat, length, v);
            case 4, 19 -> nd.out.append(" rrep-ack ").append(length);
            case 16 -> rreq(nd, dat, length, Form.DRAFT);
            case 17 -> rrep(nd, dat, length, Form.DRAFT);
            case 18 -> rerr(nd, dat, length, Form.DRAFT);
            default -> nd.out.append(" type ").append(type).append(' ').append(length);
        }
    }

    /** aodv_rreq(), aodv_v6_rreq(), aodv_v6_draft_01_rreq(). */
    private static void rreq(Dissector nd, int dat, int length, Form v) {
        int alen = v == Form.V4 ? 4 : 16;
        int size = 16 + 2 * alen;
        nd.check(dat, size); // ND_TCHECK_SIZE(), then length < sizeof: goto trunc
        if (length < size) {
            throw Truncated.INSTANCE;
        }
        int type = nd.u8(dat);
        int hops = nd.u8(dat + 3);
        long id = nd.u32(dat + 4);
        String da;
        long ds;
        String oa;
        long os;
        if (v == Form.DRAFT) {
            ds = nd.u32(dat + 8);
            os = nd.u32(dat + 12);
            da = nd.addrString(dat + 16, alen);
            oa = nd.addrString(dat + 16 + alen, alen);
        } else {
            da = nd.addrString(dat + 8, alen);
            ds = nd.u32(dat + 8 + alen);
            oa = nd.addrString(dat + 12 + alen, alen);
            os = nd.u32(dat + 12 + 2 * alen);
        }
        nd.out.append(v == Form.V6 ? " v6 rreq " : " rreq ").append(length).append(' ')
                .append((type & RREQ_JOIN) != 0 ? "[J]" : "").append((type & RREQ_REPAIR) != 0 ? "[R]" : "")
                .append((type & RREQ_GRAT) != 0 ? "[G]" : "").append((type & RREQ_DEST) != 0 ? "[D]" : "")
                .append((type & RREQ_UNKNOWN) != 0 ? "[U] " : " ").append("hops ").append(hops)
                .append(String.format(" id 0x%08x", id)).append("\n\tdst ").append(da).append(" seq ").append(ds)
                .append(" src ").append(oa).append(" seq ").append(os);
        extensions(nd, dat + size, length - size);
    }

    /** aodv_rrep(), aodv_v6_rrep(), aodv_v6_draft_01_rrep(). */
    private static void rrep(Dissector nd, int dat, int length, Form v) {
        int alen = v == Form.V4 ? 4 : 16;
        int size = 12 + 2 * alen;
        nd.check(dat, size);
        if (length < size) {
            throw Truncated.INSTANCE;
        }
        int type = nd.u8(dat);
        int ps = nd.u8(dat + 2) & RREP_PREFIX_MASK;
        int hops = nd.u8(dat + 3);
        String da;
        long ds;
        if (v == Form.DRAFT) {
            ds = nd.u32(dat + 4);
            da = nd.addrString(dat + 8, alen);
        } else {
            da = nd.addrString(dat + 4, alen);
            ds = nd.u32(dat + 4 + alen);
        }
        String oa = nd.addrString(dat + 8 + alen, alen);
        long life = nd.u32(dat + 8 + 2 * alen);
        nd.out.append(" rrep ").append(length).append(' ').append((type & RREP_REPAIR) != 0 ? "[R]" : "")
                .append((type & RREP_ACK) != 0 ? "[A] " : " ").append("prefix ").append(ps).append(" hops ")
                .append(hops).append("\n\tdst ").append(da).append(" dseq ").append(ds).append(" src ").append(oa)
                .append(' ').append(life).append(" ms");
        extensions(nd, dat + size, length - size);
    }

    /** aodv_rerr(), aodv_v6_rerr(), aodv_v6_draft_01_rerr(): each unreachable destination and its sequence. */
    private static void rerr(Dissector nd, int dat, int length, Form v) {
        int alen = v == Form.V4 ? 4 : 16;
        nd.check(dat, 4);
        if (length < 4) {
            throw Truncated.INSTANCE;
        }
        int flags = nd.u8(dat + 1);
        int dc = nd.u8(dat + 3);
        nd.out.append(" rerr ").append((flags & RERR_NODELETE) != 0 ? "[D]" : "").append(" [items ").append(dc)
                .append("] [").append(length).append("]:");
        int dp = dat + 4;
        int i = length - 4;
        for (; dc != 0; dc--) {
            nd.check(dp, alen + 4);
            if (i < alen + 4) {
                throw Truncated.INSTANCE;
            }
            String da = nd.addrString(dp, alen);
            long ds = nd.u32(dp + alen);
            nd.out.append(" {").append(da).append("}(").append(ds).append(')');
            dp += alen + 4;
            i -= alen + 4;
        }
    }

    /** The extension after a request or reply, when two bytes are left (aodv_extension()). */
    private static void extensions(Dissector nd, int ep, int i) {
        if (i < 2) {
            return;
        }
        nd.check(ep, 2);
        int type = nd.u8(ep);
        if (type == AODV_EXT_HELLO) {
            nd.check(ep, 6);
            if (i < 6) {
                throw Truncated.INSTANCE;
            }
            int len = nd.u8(ep + 1);
            if (len < 4) {
                nd.out.append("\n\text HELLO - bad length ").append(len);
            } else {
                nd.out.append("\n\text HELLO ").append(nd.u32(ep + 2)).append(" ms");
            }
        } else {
            nd.out.append("\n\text ").append(type).append(' ').append(nd.u8(ep + 1));
        }
    }
}
