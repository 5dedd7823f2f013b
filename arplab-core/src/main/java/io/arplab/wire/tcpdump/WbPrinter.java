package io.arplab.wire.tcpdump;

/**
 * print-wb.c: LBL's whiteboard (wb) on UDP destination port 4567: the packet header, then announcements, repair
 * requests and replies, drawing operations and page vector requests and replies; with -v the drawing ops' types.
 */
final class WbPrinter {
    static final int WB_PORT = 4567;
    private static final int PKT_HDR = 12;
    private static final int PKT_ID = 28;
    private static final int ID_OFF = 8;
    private static final int PKT_RREQ = 20;
    private static final int PKT_RREP = 20;
    private static final int PKT_DOP = 16;
    private static final int PKT_PREQ = 16;
    private static final int PKT_PREP = 4;
    private static final int PGSTATE = 16;
    private static final int DOPHDR = 8;
    private static final int DT_SKIP = 14;
    private static final int DT_HOLE = 15;
    private static final String[] DOP_STR = {null, null, "RECT", "LINE", "ML", "DEL", "XFORM", "ELL", "CHAR", "STR",
        "NOP", "PSCODE", "PSCOMP", "REF", "SKIP", "HOLE"};

    private WbPrinter() {}

    /** wb_print(). */
    static void wbPrint(Dissector nd, int hdr, int len) {
        nd.protocol = "wb";
        if (len < PKT_HDR) {
            nd.invalid();
            return;
        }
        nd.check(hdr, PKT_HDR);
        len -= PKT_HDR;
        if (nd.u8(hdr + 11) != 0) {
            nd.out.append('*');
        }
        int type = nd.u8(hdr + 10);
        int p = hdr + PKT_HDR;
        boolean ok = switch (type) {
            case 4 -> {
                nd.out.append(" wb-kill");
                yield true;
            }
            case 1 -> id(nd, p, len);
            case 2 -> rreq(nd, p, len);
            case 3 -> rrep(nd, p, len);
            case 0 -> drawop(nd, p, len);
            case 5 -> preq(nd, p, len);
            case 7 -> prep(nd, p, len);
            default -> {
                nd.out.append(" wb-").append(type).append('!');
                yield false;
            }
        };
        if (!ok) {
            nd.invalid();
        }
    }

    /** GET_IPADDR_STRING(). */
    private static String ip(Dissector nd, int off) {
        return nd.addrString(off, 4);
    }

    /** wb_id(): each ND_PRINT()'s arguments are read before it prints. */
    private static boolean id(Dissector nd, int id, int len) {
        nd.out.append(" wb-id:");
        if (len < PKT_ID) {
            return false;
        }
        len -= PKT_ID;
        long slot = nd.u32(id + 12);
        String sid = ip(nd, id + 16);
        long uid = nd.u32(id + 20);
        long mslot = nd.u32(id);
        String msid = ip(nd, id + 4);
        long muid = nd.u32(id + 8);
        nd.out.append(' ').append(slot).append('/').append(sid).append(':').append(uid).append(" (max ")
                .append(mslot).append('/').append(msid).append(':').append(muid).append(") ");
        nd.check(id, PKT_ID);
        int nid = nd.u16(id + 24);
        if ((long) len < (long) ID_OFF * nid) {
            return false;
        }
        len -= ID_OFF * nid;
        int io = id + PKT_ID;
        char c = '<';
        for (int i = 0; i < nid; i++, io += ID_OFF) {
            String a = ip(nd, io);
            long off = nd.u32(io + 4);
            nd.out.append(c).append(a).append(':').append(off);
            c = ',';
        }
        nd.out.append("> \"");
        nd.printjnp(io, len);
        nd.out.append('"');
        return true;
    }

    /** wb_rreq(). */
    private static boolean rreq(Dissector nd, int r, int len) {
        nd.out.append(" wb-rreq:");
        if (len < PKT_RREQ) {
            return false;
        }
        String id = ip(nd, r);
        String sid = ip(nd, r + 4);
        long uid = nd.u32(r + 8);
        long sseq = nd.u32(r + 12);
        long eseq = nd.u32(r + 16);
        nd.out.append(" please repair ").append(id).append(' ').append(sid).append(':').append(uid).append('<')
                .append(sseq).append(':').append(eseq).append('>');
        return true;
    }

    /** wb_preq(). */
    private static boolean preq(Dissector nd, int r, int len) {
        nd.out.append(" wb-preq:");
        if (len < PKT_PREQ) {
            return false;
        }
        long low = nd.u32(r + 8);
        String sid = ip(nd, r);
        long uid = nd.u32(r + 4);
        nd.out.append(" need ").append(low).append('/').append(sid).append(':').append(uid);
        nd.check(r, PKT_PREQ);
        return true;
    }

    /** wb_prep(): the page states' id/offset count is the first byte of the 16-bit nid, as GET_U_1() reads it. */
    private static boolean prep(Dissector nd, int r, int len) {
        nd.out.append(" wb-prep:");
        if (len < PKT_PREP) {
            return false;
        }
        long n = nd.u32(r);
        int ps = r + PKT_PREP;
        while (n != 0) {
            char c = '<';
            long slot = nd.u32(ps);
            String sid = ip(nd, ps + 4);
            long uid = nd.u32(ps + 8);
            nd.out.append(' ').append(slot).append('/').append(sid).append(':').append(uid);
            nd.check(ps, PGSTATE);
            int io = ps + PGSTATE;
            int ie = io + ID_OFF * nd.u8(ps + 12);
            for (; io < ie; io += ID_OFF) {
                String a = ip(nd, io);
                long off = nd.u32(io + 4);
                nd.out.append(c).append(a).append(':').append(off);
                c = ',';
            }
            nd.out.append('>');
            ps = io;
            n--;
        }
        return true;
    }

    /** wb_dops(): the drawing ops' types from sequence ss to es, SKIP and HOLE with their span. */
    private static void dops(Dissector nd, int dop, long ss, long es) {
        int dh = dop + PKT_DOP;
        nd.out.append(" <");
        for (; ss <= es; ss = (ss + 1) & 0xffffffffL) { // uint32_t: ++ss wraps
            int t = nd.u8(dh + 7);
            nd.out.append(' ').append(t < DOP_STR.length && DOP_STR[t] != null ? DOP_STR[t] : "dop-" + t + "!");
            if (t == DT_SKIP || t == DT_HOLE) {
                long ts = nd.u32(dh);
                nd.out.append((ts - ss + 1) & 0xffffffffL);
                if (ss > ts || ts > es) {
                    nd.out.append("[|]");
                    if (ts < ss) {
                        return;
                    }
                }
                ss = ts;
            }
            dh += (nd.u16(dh + 4) + DOPHDR + 3) & ~3; // DOP_NEXT()
        }
        nd.out.append(" >");
    }

    /** wb_rrep(). */
    private static boolean rrep(Dissector nd, int r, int len) {
        nd.out.append(" wb-rrep:");
        if (len < PKT_RREP) {
            return false;
        }
        int dop = r + 4;
        String id = ip(nd, r);
        String sid = ip(nd, dop);
        long uid = nd.u32(dop + 4);
        long sseq = nd.u32(dop + 8);
        long eseq = nd.u32(dop + 12);
        nd.out.append(" for ").append(id).append(' ').append(sid).append(':').append(uid).append('<').append(sseq)
                .append(':').append(eseq).append('>');
        if (nd.vflag > 0) {
            dops(nd, dop, sseq, eseq);
        }
        return true;
    }

    /** wb_drawop(). */
    private static boolean drawop(Dissector nd, int dop, int len) {
        nd.out.append(" wb-dop:");
        if (len < PKT_DOP) {
            return false;
        }
        String sid = ip(nd, dop);
        long uid = nd.u32(dop + 4);
        long sseq = nd.u32(dop + 8);
        long eseq = nd.u32(dop + 12);
        nd.out.append(' ').append(sid).append(':').append(uid).append('<').append(sseq).append(':').append(eseq)
                .append('>');
        if (nd.vflag > 0) {
            dops(nd, dop, sseq, eseq);
        }
        return true;
    }
}
