package io.arplab.wire.tcpdump;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** print-ntp.c and ntp.c: NTP (RFC 5905) time and control messages. */
final class NtpPrinter {
    static final int NTP_PORT = 123;
    private static final int TIMEMSG_MINLEN = 48;
    private static final int CTRLMSG_MINLEN = 12;
    private static final long JAN_1970 = 2208988800L;
    private static final double FMAXINT = 4294967296.0;
    private static final String[] MODES = {"unspecified", "symmetric active", "symmetric passive", "Client", "Server",
            "Broadcast", "Control Message", "Reserved"};
    private static final String[] LEAP = {"", "+1s", "-1s", "clock unsynchronized"};

    private NtpPrinter() {}

    /** ntp_print(). */
    static void ntpPrint(Dissector nd, int bp, int length) {
        nd.protocol = "ntp";
        StringBuilder out = nd.out;
        int status = nd.u8(bp);
        out.append("NTPv").append((status & 0x38) >> 3);
        int mode = status & 0x07;
        out.append(", ").append(MODES[mode]).append(", length ").append(length);
        if (nd.vflag == 0) {
            return;
        }
        out.append('\n');
        int leap = status & 0xc0;
        out.append("\tLeap indicator: ").append(LEAP[leap >> 6]).append(" (").append(leap).append(')');
        try {
            if (mode <= 5) {
                timePrint(nd, bp, length);
            } else if (mode == 6) {
                controlPrint(nd, bp, length);
            }
        } catch (TruncLabel t) {
            nd.trunc();
        }
    }

    /** ntp_time_print(). */
    private static void timePrint(Dissector nd, int bp, int length) {
        StringBuilder out = nd.out;
        if (length < TIMEMSG_MINLEN) {
            nd.invalid();
            nd.tcheck(bp, length);
            return;
        }
        int stratum = nd.u8(bp + 1);
        out.append(", Stratum ").append(stratum).append(" (").append(stratum == 0 ? "unspecified"
                : stratum == 1 ? "primary reference" : stratum <= 15 ? "secondary reference" : "reserved").append(')');
        int poll = (byte) nd.u8(bp + 2);
        out.append(", poll ").append(poll);
        if (poll > -32 && poll < 32) {
            if (poll >= 0) {
                out.append(" (").append(1L << poll).append("s)");
            } else {
                out.append(" (1/").append(1L << -poll).append("s)");
            }
        }
        int precision = (byte) nd.u8(bp + 3); // each GET_ before its ND_PRINT prints anything
        out.append(", precision ").append(precision);
        nd.tcheck(bp + 4, 4);
        out.append("\n\tRoot Delay: ");
        sfix(nd, bp + 4);
        nd.tcheck(bp + 8, 4);
        out.append(", Root dispersion: ");
        sfix(nd, bp + 8);
        nd.tcheck(bp + 12, 4);
        out.append(", Reference-ID: ");
        switch (stratum) {
            case 0 -> out.append("(unspec)");
            case 1 -> {
                if (nd.printn(bp + 12, 4)) {
                    throw TruncLabel.INSTANCE;
                }
            }
            case 62, 63 -> {
                Names.ipaddr(out, nd.p, bp + 12);
                out.append(stratum == 62 ? " INFO_QUERY" : " INFO_REPLY");
                return;
            }
            default -> {
                out.append("0x");
                Names.appendHex(out, nd.u32(bp + 12), 8);
            }
        }
        String[] labels = {"\n\t  Reference Timestamp:  ", "\n\t  Originator Timestamp: ",
                "\n\t  Receive Timestamp:    ", "\n\t  Transmit Timestamp:   "};
        for (int i = 0; i < 4; i++) {
            nd.tcheck(bp + 16 + 8 * i, 8);
            out.append(labels[i]);
            ntpTime(nd, bp + 16 + 8 * i);
        }
        out.append("\n\t    Originator - Receive Timestamp:  ");
        ntpDelta(nd, bp + 24, bp + 32);
        out.append("\n\t    Originator - Transmit Timestamp: ");
        ntpDelta(nd, bp + 24, bp + 40);
        if (length == TIMEMSG_MINLEN + 4) {
            long keyId = nd.u32(bp + 48);
            out.append("\n\tKey id: ").append(keyId);
        } else if (length == TIMEMSG_MINLEN + 4 + 16 || length == TIMEMSG_MINLEN + 4 + 20) {
            int words = (length - TIMEMSG_MINLEN - 4) / 4;
            long keyId = nd.u32(bp + 48);
            out.append("\n\tKey id: ").append(keyId);
            nd.tcheck(bp + 52, words * 4);
            out.append("\n\tAuthentication: ");
            for (int i = 0; i < words; i++) {
                Names.appendHex(out, nd.u32(bp + 52 + 4 * i), 8);
            }
        } else if (length > TIMEMSG_MINLEN) {
            out.append("\n\t(").append(length - TIMEMSG_MINLEN).append(" more bytes after the header)");
        }
    }

    /** ntp_control_print(). */
    private static void controlPrint(Dissector nd, int bp, int length) {
        StringBuilder out = nd.out;
        if (length < CTRLMSG_MINLEN) {
            nd.invalid();
            nd.tcheck(bp, length);
            return;
        }
        int control = nd.u8(bp + 1);
        out.append(", ").append((control & 0x80) != 0 ? "Response" : "Request").append(", ")
                .append((control & 0x40) != 0 ? "Error" : "OK").append(", ")
                .append((control & 0x20) != 0 ? "More" : "Last").append(", OpCode=").append(control & 0x1f)
                .append('\n');
        int sequence = nd.u16(bp + 2);
        out.append("\tSequence=").append(sequence);
        int status = nd.u16(bp + 4);
        out.append(", Status=");
        if (status == 0) {
            out.append('0');
        } else {
            out.append("0x");
            nd.hex(status);
        }
        int assoc = nd.u16(bp + 6);
        out.append(", Assoc.=").append(assoc);
        int offset = nd.u16(bp + 8);
        out.append(", Offset=").append(offset);
        int count = nd.u16(bp + 10);
        out.append(", Count=").append(count);
        if (CTRLMSG_MINLEN + count > length) {
            nd.invalid();
            nd.tcheck(bp, length);
            return;
        }
        if (count != 0) {
            nd.tcheck(bp + 12, count);
            out.append("\n\tTO-BE-DONE: data not interpreted");
        }
    }

    /** p_sfix(): a 16.16 fixed-point value in millionths. */
    private static void sfix(Dissector nd, int off) {
        int i = nd.u16(off);
        int f = nd.u16(off + 2);
        double ff = f / 65536.0;
        nd.out.append(i).append('.');
        Names.appendDec(nd.out, (int) (ff * 1000000.0), 6);
    }

    /** p_ntp_time(): seconds.nanoseconds since 1900, and the UTC date (RFC 3339) unless zero. */
    static void ntpTime(Dissector nd, int off) {
        long i = nd.u32(off);
        long uf = nd.u32(off + 4);
        long f = (long) (uf / FMAXINT * 1000000000.0);
        nd.out.append(i).append('.');
        Names.appendDec(nd.out, f, 9);
        if (i != 0) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(i - JAN_1970, 0, ZoneOffset.UTC);
            nd.out.append(" (").append(t.getYear()).append('-');
            Names.appendDec(nd.out, t.getMonthValue(), 2);
            nd.out.append('-');
            Names.appendDec(nd.out, t.getDayOfMonth(), 2);
            nd.out.append('T');
            Names.appendDec(nd.out, t.getHour(), 2);
            nd.out.append(':');
            Names.appendDec(nd.out, t.getMinute(), 2);
            nd.out.append(':');
            Names.appendDec(nd.out, t.getSecond(), 2);
            nd.out.append("Z)");
        }
    }

    /** p_ntp_delta(): the signed difference of two timestamps. */
    private static void ntpDelta(Dissector nd, int olfp, int lfp) {
        long u = nd.u32(lfp);
        long ou = nd.u32(olfp);
        long uf = nd.u32(lfp + 4);
        long ouf = nd.u32(olfp + 4);
        if (ou == 0 && ouf == 0) {
            ntpTime(nd, lfp);
            return;
        }
        boolean negative;
        long i;
        long f;
        if (u > ou) {
            negative = false;
            i = u - ou;
            f = (uf - ouf) & 0xffffffffL;
            if (ouf > uf) {
                i -= 1;
            }
        } else if (u < ou) {
            negative = true;
            i = ou - u;
            f = (ouf - uf) & 0xffffffffL;
            if (uf > ouf) {
                i -= 1;
            }
        } else {
            i = 0;
            if (uf > ouf) {
                negative = false;
                f = uf - ouf;
            } else {
                negative = true;
                f = ouf - uf;
            }
        }
        long billionths = (long) (f / FMAXINT * 1000000000.0);
        nd.out.append(negative ? '-' : '+').append(i & 0xffffffffL).append('.');
        Names.appendDec(nd.out, billionths, 9);
    }
}
