package io.arplab.wire.tshark;

/** packet-syslog.c's dissect_syslog() (Wireshark 4.0): "FACILITY.LEVEL: message" from an RFC 3164 priority. */
final class SyslogDissector {
    private static final String[] LEVELS = {"EMERG", "ALERT", "CRIT", "ERR", "WARNING", "NOTICE", "INFO", "DEBUG"};
    private static final String[] FACILITIES = {"KERN", "USER", "MAIL", "DAEMON", "AUTH", "SYSLOG", "LPR", "NEWS",
        "UUCP", "CRON", "AUTHPRIV", "FTP", "NTP", "LOGAUDIT", "LOGALERT", "CRON", "LOCAL0", "LOCAL1", "LOCAL2",
        "LOCAL3", "LOCAL4", "LOCAL5", "LOCAL6", "LOCAL7"};
    private static final int MAX_DIGITS = 3;
    private static final int FAC_LOCAL0 = 16;

    private SyslogDissector() {}

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("Syslog");
        p.clearInfo();
        int pri = -1;
        int off = 0;
        if (tvb.u8(off) == '<') {
            off++;
            pri = 0;
            // at most three digits: the loop stops once msg_off passes MAX_DIGITS
            while (tvb.bytesExist(off, 1) && isDigit(tvb.u8(off)) && off <= MAX_DIGITS) {
                pri = pri * 10 + (tvb.u8(off) - '0');
                off++;
            }
            if (tvb.u8(off) == '>') {
                off++;
            }
        }
        // tvb_ensure_captured_length_remaining(): at least one byte of message
        tvb.check(off, 1);
        int len = tvb.capturedRemaining(off);
        String msg = FormatText.of(tvb.data, tvb.at(off, len), len);
        if (pri >= 0) {
            int fac = (pri & 0x03f8) >> 3;
            int lev = pri & 0x07;
            if (fac == FAC_LOCAL0 && lev == 7 && msg.contains("msu=")) {
                throw new Unsupported("syslog LOCAL0.DEBUG with an SS7 MSU");
            }
            p.info((fac < FACILITIES.length ? FACILITIES[fac] : "UNKNOWN") + "." + LEVELS[lev] + ": " + msg);
        } else {
            p.info(msg);
        }
    }
}
