package io.arplab.wire.tcpdump;

/** print-syslog.c: BSD syslog (RFC 3164) on UDP port 514. */
final class SyslogPrinter {
    static final int SYSLOG_PORT = 514;
    private static final int MAX_DIGITS = 3;
    private static final String[] SEVERITIES = {"emergency", "alert", "critical", "error", "warning", "notice",
            "info", "debug"};
    private static final String[] FACILITIES = {"kernel", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
            "uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "cron", "local0", "local1", "local2",
            "local3", "local4", "local5", "local6", "local7"};

    private SyslogPrinter() {}

    /** syslog_print(). */
    static void syslogPrint(Dissector nd, int bp, int len) {
        nd.protocol = "syslog";
        StringBuilder out = nd.out;
        int off = 0;
        int pri = 0;
        if (nd.u8(bp) != '<') {
            nd.invalid();
            return;
        }
        off++;
        while (off <= MAX_DIGITS && nd.u8(bp + off) >= '0' && nd.u8(bp + off) <= '9') {
            pri = pri * 10 + (nd.u8(bp + off) - '0');
            off++;
        }
        if (nd.u8(bp + off) != '>') {
            nd.invalid();
            return;
        }
        off++;
        int facility = (pri & 0x03f8) >> 3;
        int severity = pri & 0x0007;
        if (nd.vflag < 1) {
            out.append("SYSLOG ").append(facility(facility)).append('.').append(SEVERITIES[severity])
                    .append(", length: ").append(len);
            return;
        }
        out.append("SYSLOG, length: ").append(len).append("\n\tFacility ").append(facility(facility)).append(" (")
                .append(facility).append("), Severity ").append(SEVERITIES[severity]).append(" (").append(severity)
                .append(")\n\tMsg: ");
        for (int i = off; i < len; i++) { // nd_printn() without an end: a read past the capture truncates
            nd.printChar(nd.u8(bp + i));
        }
        if (nd.vflag > 1) {
            HexDump.unknownData(nd, bp, "\n\t", len);
        }
    }

    private static String facility(int f) {
        return f < FACILITIES.length ? FACILITIES[f] : "unknown (" + f + ")";
    }
}
