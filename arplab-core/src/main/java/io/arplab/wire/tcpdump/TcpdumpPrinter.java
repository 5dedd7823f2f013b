package io.arplab.wire.tcpdump;

import io.arplab.wire.pcap.LinkType;
import io.arplab.wire.pcap.PcapRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Prints frames (Ethernet, NULL, RAW, Linux cooked v1/v2) exactly as tcpdump 4.99.3 does: pretty_print_packet() with ts_print(), the link
 * printer and the -x/-X dumps. The protocol printers of this package each follow the tcpdump function they
 * name, including where a truncated frame stops. One printer per capture file and thread: -ttt, -ttttt and
 * TCP's relative sequence numbers remember earlier frames.
 */
public final class TcpdumpPrinter {
    /** getservbyport(port, "tcp") from Debian netbase 6.4 (what nc -v prints in brackets), or null. */
    public static String tcpService(int port) {
        StringBuilder b = new StringBuilder();
        Names.tcpPort(b, port & 0xffff, false);
        String s = b.toString();
        return s.equals(Integer.toString(port & 0xffff)) ? null : s;
    }

    /** getservbyport(port, "udp") from Debian netbase 6.4, or null. */
    public static String udpService(int port) {
        StringBuilder b = new StringBuilder();
        Names.udpPort(b, port & 0xffff, false);
        String s = b.toString();
        return s.equals(Integer.toString(port & 0xffff)) ? null : s;
    }

    /** MAXIMUM_SNAPLEN in netdissect.h. */
    private static final int MAXIMUM_SNAPLEN = 262144;

    private final TcpdumpOptions options;
    private final Dissector nd;
    private final ZoneRules zoneRules;
    private final boolean utc;

    // ts_print()'s static tv_ref for -ttt / -ttttt
    private long refSec;
    private int refUsec;

    // last time-of-day prefix, reused while frames stay within one second
    private long cachedSec = Long.MIN_VALUE;
    private boolean cachedDate;
    private final char[] cachedText = new char[19];
    private int cachedLength;

    public TcpdumpPrinter(TcpdumpOptions options) {
        this.options = options;
        this.nd = new Dissector(options);
        ZoneId zone = options.zone() == null ? ZoneId.systemDefault() : options.zone();
        this.zoneRules = zone.getRules();
        this.utc = zoneRules.isFixedOffset() && zoneRules.getOffset(Instant.EPOCH).equals(ZoneOffset.UTC);
    }

    /** Appends what tcpdump prints for one frame: one or more lines, each ending in '\n'. */
    public void print(PcapRecord record, StringBuilder out) {
        byte[] data = record.data();
        int caplen = data.length;
        int len = record.originalLength();
        // pretty_print_packet(): sanity checks on the record header
        if (caplen == 0 || len == 0 || len < caplen || caplen > MAXIMUM_SNAPLEN || len > MAXIMUM_SNAPLEN) {
            invalidHeader(out, caplen, len);
            return;
        }
        timestamp(out, record.seconds(), record.nanos() / 1000);
        nd.reset(data, out);
        int hdrlen;
        try {
            hdrlen = switch (options.linkType()) {
                case LinkType.NULL -> NullPrinter.nullIfPrint(nd, len, caplen);
                case 12, LinkType.RAW, LinkType.IPV4, LinkType.IPV6 -> NullPrinter.rawIfPrint(nd, len);
                case LinkType.LINUX_SLL -> SllPrinter.sllIfPrint(nd, len, caplen);
                case LinkType.LINUX_SLL2 -> SllPrinter.sll2IfPrint(nd, len, caplen, options.interfaceNames());
                case LinkType.ETHERNET -> EtherPrinter.ifPrint(nd, len, caplen);
                default -> unsupported(caplen);
            };
        } catch (Truncated | TruncLabel t) {
            nd.trunc();
            hdrlen = 0;
        }
        nd.reset(data, out);
        try {
            switch (options.hexDump()) {
                case 4 -> HexDump.hexAndAscii(nd, "\n\t", 0, caplen);
                case 3 -> {
                    if (caplen > hdrlen) {
                        HexDump.hexAndAscii(nd, "\n\t", hdrlen, caplen - hdrlen);
                    }
                }
                case 6 -> HexDump.ascii(nd, 0, caplen);
                case 5 -> {
                    if (caplen > hdrlen) {
                        HexDump.ascii(nd, hdrlen, caplen - hdrlen);
                    }
                }
                case 2 -> HexDump.hex(nd, "\n\t", 0, caplen);
                case 1 -> {
                    if (caplen > hdrlen) {
                        HexDump.hex(nd, "\n\t", hdrlen, caplen - hdrlen);
                    }
                }
                default -> { }
            }
        } catch (Truncated t) {
            // cannot happen: the dump covers captured bytes only
        }
        out.append('\n');
    }

    /** print.c: a link type without a printer is dumped whole after "UNSUPPORTED". */
    private int unsupported(int caplen) {
        nd.out.append("UNSUPPORTED");
        if (!nd.suppressDefaultPrint) {
            HexDump.hexAndAscii(nd, "\n\t", 0, caplen);
        }
        return caplen;
    }

    public TcpdumpOptions options() {
        return options;
    }

    private static void invalidHeader(StringBuilder out, int caplen, int len) {
        boolean invalid = false;
        if (caplen == 0) {
            invalid = true;
            out.append("[Invalid header: caplen==0");
        }
        if (len == 0) {
            out.append(invalid ? "," : "[Invalid header:");
            invalid = true;
            out.append(" len==0");
        } else if (len < caplen) {
            out.append(invalid ? "," : "[Invalid header:");
            invalid = true;
            out.append(" len(").append(len).append(") < caplen(").append(caplen).append(')');
        }
        if (caplen > MAXIMUM_SNAPLEN) {
            out.append(invalid ? "," : "[Invalid header:");
            invalid = true;
            out.append(" caplen(").append(caplen).append(") > ").append(MAXIMUM_SNAPLEN);
        }
        if (len > MAXIMUM_SNAPLEN) {
            out.append(invalid ? "," : "[Invalid header:");
            out.append(" len(").append(len).append(") > ").append(MAXIMUM_SNAPLEN);
        }
        out.append("]\n");
    }

    /** util-print.c ts_print(). */
    private void timestamp(StringBuilder out, long sec, int usec) {
        switch (options.timestamps()) {
            case TIME_OF_DAY -> {
                dateTime(out, sec, usec, false, true);
                out.append(' ');
            }
            case NONE -> { }
            case EPOCH -> {
                if ((sec & 0x80000000L) != 0 || sec < 0) {
                    out.append("[Error converting time]");
                } else {
                    out.append(sec);
                    fraction(out, usec);
                }
                out.append(' ');
            }
            case DATE_TIME -> {
                dateTime(out, sec, usec, true, true);
                out.append(' ');
            }
            case DELTA_PREVIOUS, DELTA_FIRST -> {
                if (refSec == 0 && refUsec == 0) {
                    refSec = sec;
                    refUsec = usec;
                }
                boolean negative = sec < refSec || (sec == refSec && usec < refUsec);
                long ds;
                int du;
                if (negative) {
                    ds = refSec - sec;
                    du = refUsec - usec;
                } else {
                    ds = sec - refSec;
                    du = usec - refUsec;
                }
                if (du < 0) {
                    ds--;
                    du += 1_000_000;
                }
                out.append(negative ? '-' : ' ');
                dateTime(out, ds, du, false, false);
                out.append(' ');
                if (options.timestamps() == TcpdumpOptions.TimestampStyle.DELTA_PREVIOUS) {
                    refSec = sec;
                    refUsec = usec;
                }
            }
        }
    }

    private static void fraction(StringBuilder out, int usec) {
        out.append('.');
        Names.appendDec(out, usec, 6);
    }

    /** ts_date_hmsfrac_print(): [YYYY-MM-DD ]HH:MM:SS.ffffff in the local zone, or UTC for deltas. */
    private void dateTime(StringBuilder out, long sec, int usec, boolean withDate, boolean local) {
        if ((sec & 0x80000000L) != 0 || sec < 0) {
            out.append("[Error converting time]");
            return;
        }
        if (local && sec == cachedSec && withDate == cachedDate) {
            out.append(cachedText, 0, cachedLength);
            fraction(out, usec);
            return;
        }
        long t = sec;
        if (local && !utc) {
            t += zoneRules.getOffset(Instant.ofEpochSecond(sec)).getTotalSeconds();
        }
        long days = Math.floorDiv(t, 86400);
        int secOfDay = Math.floorMod(t, 86400);
        int start = out.length();
        if (withDate) {
            // civil-from-days (proleptic Gregorian)
            long z = days + 719468;
            long era = Math.floorDiv(z, 146097);
            long doe = z - era * 146097;
            long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
            long y = yoe + era * 400;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            long d = doy - (153 * mp + 2) / 5 + 1;
            long m = mp < 10 ? mp + 3 : mp - 9;
            if (m <= 2) {
                y++;
            }
            Names.appendDec(out, y, 4);
            out.append('-');
            Names.appendDec(out, m, 2);
            out.append('-');
            Names.appendDec(out, d, 2);
            out.append(' ');
        }
        Names.appendDec(out, secOfDay / 3600, 2);
        out.append(':');
        Names.appendDec(out, (secOfDay / 60) % 60, 2);
        out.append(':');
        Names.appendDec(out, secOfDay % 60, 2);
        if (local) {
            cachedSec = sec;
            cachedDate = withDate;
            cachedLength = out.length() - start;
            out.getChars(start, out.length(), cachedText, 0);
        }
        fraction(out, usec);
    }
}
