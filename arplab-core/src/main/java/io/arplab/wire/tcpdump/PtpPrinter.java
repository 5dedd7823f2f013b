package io.arplab.wire.tcpdump;

/**
 * print-ptp.c: IEEE 1588 PTP on UDP 319 and 320. Version 1 is "(not implemented)"; version 2's common header, then
 * each message type's body. As in the C, the body printers take the pointer by value: the management message's
 * fields after its port identity all read the same first byte.
 */
final class PtpPrinter {
    static final int PTP_EVENT_PORT = 319;
    static final int PTP_GENERAL_PORT = 320;
    private static final int PTP_HDR_LEN = 0x22;
    private static final String[] MSG_TYPE = {"sync msg", "delay req msg", "peer delay req msg",
        "peer delay resp msg", null, null, null, null, "follow up msg", "delay resp msg", "pdelay resp fup msg",
        "announce msg", "signalling msg", "management msg"};
    private static final String[] CONTROL = {"Sync", "Delay_Req", "Follow_Up", "Delay_Resp", "Management", "Other"};
    private static final int[] FLAG_BITS = {0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x100, 0x200, 0x400, 0x1000, 0x2000,
        0x4000, 0x18c0};
    private static final String[] FLAG_NAMES = {"l1 61", "l1 59", "utc reasonable", "timescale", "time tracable",
        "frequency tracable", "alternate master", "two step", "unicast", "profile specific 1", "profile specific 2",
        "security mask", "unknown"};
    private static final String P_PORIGIN_TS = "preciseOriginTimeStamp";
    private static final String P_ORIGIN_TS = "originTimeStamp";
    private static final String P_RECV_TS = "receiveTimeStamp";

    private PtpPrinter() {}

    static boolean isPort(int sport, int dport) {
        return sport == PTP_EVENT_PORT || dport == PTP_EVENT_PORT || sport == PTP_GENERAL_PORT
                || dport == PTP_GENERAL_PORT;
    }

    /** ptp_print(). */
    static void ptpPrint(Dissector nd, int bp, int length) {
        nd.protocol = "ptp";
        if (length < PTP_HDR_LEN) {
            // ND_LCHECK_U()
            nd.out.append(" [length ").append(length).append(" < ").append(PTP_HDR_LEN).append(']');
            nd.invalid();
            return;
        }
        int vers = nd.u16(bp) & 0xff;
        nd.out.append("PTPv").append(vers);
        if (vers == 1) {
            nd.out.append(" (not implemented)");
        } else if (vers == 2) {
            print2(nd, bp);
        }
    }

    private static long u48(Dissector nd, int off) {
        nd.check(off, 6);
        return (long) nd.u16(off) << 32 | nd.u32(off + 2);
    }

    private static long u64(Dissector nd, int off) {
        nd.check(off, 8);
        return nd.u32(off) << 32 | nd.u32(off + 4);
    }

    /** ptp_print_2(): each field read before its text prints (a cut leaves the text out). */
    private static void print2(Dissector nd, int bp) {
        StringBuilder out = nd.out;
        int foct = nd.u8(bp);
        out.append(", v1 compat : ").append((foct & 0x10) != 0 ? "yes" : "no");
        int msgType = foct & 0x0f;
        String name = msgType < MSG_TYPE.length ? MSG_TYPE[msgType] : null;
        out.append(", msg type : ").append(name != null ? name : "Reserved");
        bp += 2;
        int msgLen = nd.u16(bp);
        out.append(", length : ").append(msgLen);
        bp += 2;
        int domain = (nd.u16(bp) & 0xff00) >> 8;
        out.append(", domain : ").append(domain);
        int rsvd1 = nd.u16(bp) & 0xff;
        out.append(", reserved1 : ").append(rsvd1);
        bp += 2;
        int flags = nd.u16(bp);
        out.append(", Flags [").append(bittok2str(flags)).append(']');
        bp += 2;
        long nsCorr = u48(nd, bp);
        out.append(", NS correction : ").append(nsCorr);
        bp += 6;
        int snsCorr = nd.u16(bp);
        out.append(", sub NS correction : ").append(snsCorr);
        bp += 2;
        long rsvd2 = nd.u32(bp);
        out.append(", reserved2 : ").append(rsvd2);
        bp += 4;
        long clkId = u64(nd, bp);
        out.append(", clock identity : 0x").append(Long.toHexString(clkId));
        bp += 8;
        int portId = nd.u16(bp);
        out.append(", port id : ").append(portId);
        bp += 2;
        int seqId = nd.u16(bp);
        out.append(", seq id : ").append(seqId);
        bp += 2;
        int control = nd.u8(bp);
        out.append(", control : ").append(control).append(" (")
                .append(control < CONTROL.length ? CONTROL[control] : "Reserved").append(')');
        int lmInt = nd.u16(bp) & 0xff;
        out.append(", log message interval : ").append(lmInt);
        bp += 2;
        switch (msgType) {
            case 0x0, 0x1 -> timestamp(nd, bp, P_ORIGIN_TS, ",");
            case 0x2, 0xa -> timestampIdentity(nd, bp, P_PORIGIN_TS);
            case 0x3, 0x9 -> timestampIdentity(nd, bp, P_RECV_TS);
            case 0x8 -> timestamp(nd, bp, P_PORIGIN_TS, ",");
            case 0xb -> announce(nd, bp);
            case 0xc -> portId(nd, bp);
            case 0xd -> {
                portId(nd, bp);
                // print_field()'s st begins ", " itself; bp was passed by value, so each reads the same byte
                String[] names = {", start boundary hops ", ", boundary hops ", ", flags ", ", reserved "};
                for (int k = 0; k < names.length; k++) {
                    int v = nd.u8(bp);
                    out.append(", ").append(names[k]);
                    out.append(k >= 2 ? " 0x" + Integer.toHexString(v) : " " + v);
                }
            }
            default -> { }
        }
    }

    /** bittok2str_internal(): a token prints when all its bits are set (the "unknown" mask is five bits). */
    private static String bittok2str(int v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < FLAG_BITS.length; i++) {
            int t = FLAG_BITS[i];
            if ((v & t) == t) {
                sb.append(sb.length() == 0 ? "" : ", ").append(FLAG_NAMES[i]);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** ptp_print_timestamp(): seconds (6 bytes) and nanoseconds; the announce message prints no comma between. */
    private static void timestamp(Dissector nd, int bp, String stype, String comma) {
        nd.out.append(", ").append(stype).append(" :");
        long secs = u48(nd, bp);
        nd.out.append(' ').append(secs).append(" seconds").append(comma);
        long nsecs = nd.u32(bp + 6);
        nd.out.append(' ').append(nsecs).append(" nanoseconds");
    }

    /** ptp_print_timestamp_identity(). */
    private static void timestampIdentity(Dissector nd, int bp, String ttype) {
        timestamp(nd, bp, ttype, ",");
        portId(nd, bp + 10);
    }

    /** ptp_print_port_id(). */
    private static void portId(Dissector nd, int bp) {
        long identity = u64(nd, bp);
        nd.out.append(", port identity : 0x").append(Long.toHexString(identity));
        int id = nd.u16(bp + 8);
        nd.out.append(", port id : ").append(id);
    }

    /** ptp_print_announce_msg(). */
    private static void announce(Dissector nd, int bp) {
        timestamp(nd, bp, P_ORIGIN_TS, "");
        StringBuilder out = nd.out;
        String[] labels = {", origin cur utc :", ", rsvd : ", ", gm priority_1 : ", ", gm clock class : ",
            ", gm clock accuracy : ", ", gm clock variance : ", ", gm priority_2 : "};
        int[] sizes = {2, 1, 1, 1, 1, 2, 1};
        int off = bp + 10;
        for (int k = 0; k < labels.length; k++) {
            int v = sizes[k] == 2 ? nd.u16(off) : nd.u8(off);
            out.append(labels[k]).append(v);
            off += sizes[k];
        }
        long gm = u64(nd, off);
        out.append(", gm clock id : 0x").append(Long.toHexString(gm));
        int steps = nd.u16(off + 8);
        out.append(", steps removed : ").append(steps);
        int src = nd.u8(off + 10);
        out.append(", time source : 0x").append(Integer.toHexString(src));
    }
}
