package io.arplab.wire.tshark;

/**
 * packet-ntp.c's dissect_ntp() (Wireshark 4.0): "version, mode" in Info, then the mode's dissector, of which only
 * the reads matter here: dissect_ntp_std()'s 48-byte header, dissect_ntp_ctrl()'s 12-byte one and
 * dissect_ntp_priv()'s Info. Private messages with items, control messages with an authenticator, and the data
 * of the ops dissect_ntp_ctrl() parses are not decoded.
 */
final class NtpDissector {
    private static final String[] MODES = {"reserved", "symmetric active", "symmetric passive", "client", "server",
        "broadcast", "control", "private"};
    private static final int MODE_CTRL = 6;
    private static final int MODE_PRIV = 7;
    /** What is left after the header up to this is a key id and a digest; more starts with extension fields. */
    private static final int MAX_MAC_LEN = 6 * 4;

    /** priv_rc_types, by request code; 4.0's table has no 40 (a later one calls it "UNASSIGNED"). */
    private static final String[] PRIV_RC = {"PEER_LIST", "PEER_LIST_SUM", "PEER_INFO", "PEER_STATS", "SYS_INFO",
        "SYS_STATS", "IO_STATS", "MEM_STATS", "LOOP_INFO", "TIMER_STATS", "CONFIG", "UNCONFIG", "SET_SYS_FLAG",
        "CLR_SYS_FLAG", "MONITOR", "NOMONITOR", "GET_RESTRICT", "RESADDFLAGS", "RESSUBFLAGS", "UNRESTRICT",
        "MON_GETLIST", "RESET_STATS", "RESET_PEER", "REREAD_KEYS", "DO_DIRTY_HACK", "DONT_DIRTY_HACK", "TRUSTKEY",
        "UNTRUSTKEY", "AUTHINFO", "TRAPS", "ADD_TRAP", "CLR_TRAP", "REQUEST_KEY", "CONTROL_KEY", "GET_CTLSTATS",
        "GET_LEAPINFO", "GET_CLOCKINFO", "SET_CLKFUDGE", "GET_KERNEL", "GET_CLKBUGINFO", null,
        "SET_PRECISION", "MON_GETLIST_1", "HOSTNAME_ASSOCID", "IF_STATS", "IF_RELOAD"};

    /** IMPL_XNTPD, REQ_MON_GETLIST_1 and its struct info_monitor_1's size. */
    private static final int IMPL_XNTPD = 3;
    private static final int MON_GETLIST_1 = 42;
    private static final int MON_GETLIST_1_SIZE = 72;

    private NtpDissector() {}

    /**
     * dissect_ntp_priv(): ", Request" or ", Response" and the request code's name in Info, then the header and,
     * for xntpd's monlist (MON_GETLIST_1), its whole 72-byte entries; other request codes' items and a request's
     * authenticator are not followed.
     */
    private static void priv(Tvb tvb, Packet p) {
        if (tvb.length < tvb.reported || tvb.reported < 8) {
            throw new Unsupported("NTP private message cut or shorter than its header");
        }
        int flags = tvb.u8(0);
        int authSeq = tvb.u8(1);
        int code = tvb.u8(3);
        p.append(", " + ((flags & 0x80) != 0 ? "Response" : "Request") + ", "
                + (code < PRIV_RC.length && PRIV_RC[code] != null ? PRIV_RC[code] : "Unknown"));
        int items = tvb.u16(4) & 0x0fff;
        int itemSize = tvb.u16(6) & 0x0fff;
        boolean monlist = tvb.u8(2) == IMPL_XNTPD && code == MON_GETLIST_1 && itemSize == MON_GETLIST_1_SIZE
                && 8L + (long) items * itemSize <= tvb.reported;
        if (items != 0 && !monlist) {
            // a monlist whose entries the datagram cuts is malformed (ntp_monlist's frames 7 and 8)
            throw new Unsupported("NTP private message items of request code " + code);
        }
        if ((flags & 0x80) == 0 && (authSeq & 0x80) != 0) {
            throw new Unsupported("NTP private request with an authenticator");
        }
    }

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("NTP");
        p.clearInfo();
        int flags = tvb.u8(0);
        int version = (flags >> 3) & 7;
        int mode = flags & 7;
        p.info((version >= 1 && version <= 4 ? "NTP Version " + version : "reserved") + ", " + MODES[mode]);
        if (mode == MODE_PRIV) {
            priv(tvb, p);
            return;
        }
        if (mode == MODE_CTRL) {
            // dissect_ntp_ctrl(): flags, op, sequence, status, association id, offset, count
            tvb.u8(1);
            tvb.u16(2);
            tvb.u16(4);
            tvb.u16(6);
            tvb.u16(8);
            int op = tvb.u16(0) & 0x1f;
            int count = tvb.u16(10);
            if (12 + count != tvb.reported) {
                throw new Unsupported("NTP control message with an authenticator or a count not its data's");
            }
            if (count > 0 && (op >= 1 && op <= 5 || op >= 7 && op <= 12)) {
                throw new Unsupported("NTP control message data of op " + op);
            }
            return;
        }
        // dissect_ntp_std(): stratum, poll, precision, root delay and dispersion, reference id, four time stamps
        tvb.u8(1);
        tvb.u8(2);
        tvb.u8(3);
        tvb.u32(4);
        tvb.u32(8);
        tvb.u32(12);
        for (int ts = 16; ts < 48; ts += 8) {
            tvb.check(ts, 8);
        }
        int rest = tvb.reportedRemaining(48);
        if (rest > MAX_MAC_LEN) {
            if (tvb.length < tvb.reported) {
                throw new Unsupported("NTP extension fields cut by the capture");
            }
            return;
        }
        // the authenticator: a key id's item, then the digest's
        if (rest >= 4) {
            tvb.check(48, 4);
        }
        if (rest > 4) {
            tvb.check(52, rest - 4);
        }
    }
}
