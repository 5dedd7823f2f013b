package io.arplab.flow;

import io.arplab.wire.Ipv6Address;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The userspace conntrack's ALGs (lib/conntrack.c): which packets are an ALG's control packets, the helper a new
 * connection keeps, and the expectations a control connection leaves: TFTP's for the server's answer from another
 * port, FTP's for the data connection a PORT, 227, EPRT or EPSV message announces. Not modelled: the rewriting of an
 * FTP message's address under NAT and the sequence skew it leaves (repl_ftp_v4_addr(), adj_seqnum()).
 */
final class ConntrackAlg {
    static final String FTP = "ftp", TFTP = "tftp";

    /**
     * get_alg_ctl_type(): FTP for TCP from or to port 21, TFTP for UDP to port 69; with a helper the datapath flow's
     * own destination port (its source port for FTP without one) is the control port. The datapath passes the ports
     * of the flow that made the datapath flow (aux->flow); arplab those of the packet itself, the same at the upcall.
     */
    static String ctlType(Conntrack.Key k, String helper) {
        long ftpSrc = 21, ftpDst = 21, tftpDst = 69;
        if (k.dport() != 0) {
            if (helper != null && helper.startsWith(FTP)) {
                ftpDst = k.dport();
            } else if (helper != null && helper.startsWith(TFTP)) {
                tftpDst = k.dport();
            }
        } else if (k.sport() != 0 && helper != null && helper.startsWith(FTP)) {
            ftpSrc = k.sport();
        }
        if (k.proto() == Match.PROTO_UDP && k.dport() == tftpDst) {
            return TFTP;
        }
        return k.proto() == Match.PROTO_TCP && (k.sport() == ftpSrc || k.dport() == ftpDst) ? FTP : null;
    }

    /** ct_verify_helper(): the helper a new connection keeps (conn->alg): any but an ALG's control packet's own. */
    static String verifiedHelper(String helper, String ctl) {
        return ctl == null || helper != null && helper.startsWith(ctl) ? helper : null;
    }

    /**
     * An expectation (struct alg_exp_node): the related connection's key with its source port wildcarded
     * (ALG_WC_SRC_PORT), its parent's original tuple, mark and label, and the address a NAT'ed related connection
     * replies to ({@code natReplyDst}: its reply's destination, else its source).
     */
    record Expectation(Conntrack.Key key, Conntrack.Key parent, long mark, U128 label, long replAddrHi,
            long replAddr, boolean natReplyDst) {}

    /** ct->alg_expectations, in the order they were made. */
    private final Map<Conntrack.Key, Expectation> expectations = new LinkedHashMap<>();

    /** handle_tftp_ctl() → expectation_create(): the server may answer the client's port from any port. */
    void tftpCtl(Conntrack.Conn parent, boolean reply) {
        create(parent.orig.sport(), parent, reply);
    }

    /** handle_ftp_ctl()'s verdict on a control packet: not one of interest, an expectation made, or invalid. */
    enum FtpCtl { OTHER, INTEREST, INVALID }

    static final int LARGEST_FTP_MSG_OF_INTEREST = 128;

    /**
     * handle_ftp_ctl() of a control packet of connection {@code ec} (its frame {@code frame}, in the reply direction
     * or not) that the connection's helper watches: detect_ftp_ctl_type(), then process_ftp_ctl_v4() or
     * process_ftp_ctl_v6(), which make the data connection's expectation; INVALID (the packet then +inv) for a
     * message they cannot read or whose address is neither end's.
     */
    FtpCtl ftpCtl(Conntrack.Conn ec, byte[] frame, boolean replyDir) {
        ConntrackTcp.Segment seg = ConntrackTcp.Segment.of(frame);
        if (seg == null) {
            return FtpCtl.OTHER;
        }
        // get_ftp_ctl_msg(): ovs_strlcpy() of at most 127 bytes of the payload, up to a NUL
        int from = seg.tcp().payloadOffset(), n = Math.max(0, Math.min(seg.payload(), LARGEST_FTP_MSG_OF_INTEREST) - 1);
        StringBuilder b = new StringBuilder(n);
        for (int i = from; i < from + n && frame[i] != 0; i++) {
            b.append((char) (frame[i] & 0xff));
        }
        String msg = b.toString();
        boolean v6 = ec.orig.v6();
        long port;
        if (v6) { // detect_ftp_ctl_type(), process_ftp_ctl_v6()
            boolean eprt = msg.regionMatches(true, 0, "EPRT", 0, 4);
            if (!eprt && !msg.toUpperCase(java.util.Locale.ROOT).contains("EXTENDED PASSIVE")) {
                return FtpCtl.OTHER;
            }
            int k;
            Ipv6Address addr = null;
            if (eprt) {
                k = skipNonDigits(msg, 4);
                if (charAt(msg, k) != '2' || isDigit(charAt(msg, k + 1))) {
                    return FtpCtl.INVALID;
                }
                int start = k + 2, end = start;
                while (Character.digit(charAt(msg, end), 16) >= 0 || charAt(msg, end) == ':' || charAt(msg, end) == '.') {
                    end++;
                }
                addr = start <= msg.length() ? Ipv6Address.parse(msg.substring(start, Math.min(end, msg.length())))
                        : null;
                if (addr == null) {
                    return FtpCtl.INVALID;
                }
                k = end + 1;
            } else {
                int paren = msg.indexOf('(');
                k = skipNonDigits(msg, paren < 0 ? msg.length() : paren);
                if (!isDigit(charAt(msg, k))) {
                    return FtpCtl.INVALID;
                }
            }
            port = number(msg, k, 5);
            if (port < 0 || port > 65535) {
                return FtpCtl.INVALID;
            }
            if (eprt) { // CT_FTP_MODE_ACTIVE: the address must be either end's
                Conntrack.Key rep = ec.reply, key = ec.orig;
                boolean theirs = addr.hi() == rep.dstHi() && addr.lo() == rep.dst()
                        || addr.hi() == key.srcHi() && addr.lo() == key.src();
                if (!theirs) {
                    return FtpCtl.INVALID;
                }
            }
        } else { // detect_ftp_ctl_type(), process_ftp_ctl_v4()
            boolean active = msg.regionMatches(true, 0, "PORT", 0, 4);
            if (!active && !msg.regionMatches(true, 0, "227", 0, 3)) {
                return FtpCtl.OTHER;
            }
            int sp = msg.indexOf(' ', active ? 4 : 3);
            if (sp < 0) {
                return FtpCtl.INVALID;
            }
            int start = skipNonDigits(msg, sp), k = start, commas = 0;
            if (start >= msg.length()) {
                return FtpCtl.INVALID;
            }
            while (commas < 4 && k < msg.length()) {
                commas += msg.charAt(k++) == ',' ? 1 : 0;
            }
            if (commas != 4) {
                return FtpCtl.INVALID;
            }
            long ip = io.arplab.wire.libc.CLib.inetPton4(msg.substring(start, k - 1).replace(',', '.'));
            long hi = ip < 0 ? -1 : number(msg, k, 3);
            if (hi < 0 || hi > 255) {
                return FtpCtl.INVALID;
            }
            k = digitsEnd(msg, k, 3) + 1; // the character terminate_number_str() overwrote
            long lo = number(msg, k, Integer.MAX_VALUE);
            if (lo < 0 || lo > 255) {
                return FtpCtl.INVALID;
            }
            port = hi << 8 | lo;
            // CT_FTP_MODE_ACTIVE: the client's address or its reply's destination; passive: the server's
            long rep = active ? ec.reply.dst() : ec.orig.dst(), conn = active ? ec.orig.src() : ec.reply.src();
            if (ip != conn && ip != rep) {
                return FtpCtl.INVALID;
            }
        }
        create(port, ec, replyDir);
        return FtpCtl.INTEREST;
    }

    private static char charAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // skip_non_digits()
    private static int skipNonDigits(String s, int i) {
        while (i < s.length() && !isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    // terminate_number_str(): the end of up to maxDigits + 1 digits
    private static int digitsEnd(String s, int i, int maxDigits) {
        int n = 0;
        while (isDigit(charAt(s, i)) && n <= maxDigits) {
            i++;
            n++;
        }
        return i;
    }

    // terminate_number_str() then str_to_int(): the digits from i as a number, -1 for none or past an int
    private static long number(String s, int i, int maxDigits) {
        int end = digitsEnd(s, i, maxDigits);
        if (end == i) {
            return -1;
        }
        try {
            return Integer.parseInt(s.substring(i, end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // expectation_create() without src_ip_wc and skip_nat (TFTP's and FTP's): a packet in the original direction expects one
    // from its destination to its source (the reply tuple's), a reply one the other way (the original tuple's)
    private void create(long dstPort, Conntrack.Conn parent, boolean reply) {
        Conntrack.Key from = reply ? parent.orig : parent.reply;
        boolean natReplyDst;
        Conntrack.Key repl;
        if (reply) {
            natReplyDst = !parent.natted() || parent.natSrc;
            repl = natReplyDst ? parent.reply.reverse() : parent.reply; // rev_key.dst, or rev_key.src for DNAT
        } else {
            natReplyDst = parent.natted() && !parent.natSrc;
            repl = natReplyDst ? parent.orig.reverse() : parent.orig; // key.dst for DNAT, else key.src
        }
        Conntrack.Key key = new Conntrack.Key(parent.orig.zone(), parent.orig.proto(), from.src(), from.dst(), 0,
                dstPort, 0, from.srcHi(), from.dstHi(), from.v6());
        expectations.putIfAbsent(key, new Expectation(key, parent.orig, parent.mark, parent.label, repl.srcHi(),
                repl.src(), natReplyDst));
    }

    /** expectation_lookup(): the expectation a new connection's key meets, its source port wildcarded, or null. */
    Expectation lookup(Conntrack.Key k) {
        return k.icmp() ? null : expectations.get(k.withPorts(0, k.dport()));
    }

    /** expectation_clean(): a parent's expectations go with it (conn_clean__() of a connection with a helper). */
    void clean(Conntrack.Key parent) {
        expectations.values().removeIf(e -> e.parent().equals(parent));
    }
}
