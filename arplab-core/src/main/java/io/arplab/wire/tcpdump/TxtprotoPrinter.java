package io.arplab.wire.tcpdump;

/** util-print.c's txtproto_print() and its users (print-sip.c, -http.c, -ftp.c, -smtp.c, -rtsp.c, -whois.c, -ssh.c). */
final class TxtprotoPrinter {
    static final int SIP_PORT = 5060;
    private static final int MAX_TOKEN = 128;
    private static final String[] SIP_CMDS = {"ACK", "BYE", "CANCEL", "DO", "INFO", "INVITE", "MESSAGE", "NOTIFY",
        "OPTIONS", "PRACK", "QAUTH", "REFER", "REGISTER", "SPRACK", "SUBSCRIBE", "UPDATE", "PUBLISH"};

    private static final String[] HTTP_CMDS = {"GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY",
        "BMOVE", "MKCOL", "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY",
        "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST", "SUBSCRIBE", "PROPPATCH",
        "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT",
        "VERSION-CONTROL", "BASELINE-CONTROL"};
    private static final String[] RTSP_CMDS = {"DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY",
        "RECORD", "REDIRECT", "SETUP", "SET_PARAMETER", "TEARDOWN"};

    private TxtprotoPrinter() {}

    /**
     * tcp_print()'s port dispatch for the text protocols: SMTP, WHOIS, SSH's version line, FTP, HTTP, RTSP and then
     * DNS over TCP (domain_print() with over_tcp), in its order. Telnet's IAC commands, BGP, PPTP, RESP, NetBIOS, SMB,
     * BEEP, OpenFlow, MSDP, RPKI-RTR, LDP and NFS, which come between them, are printers this package does not carry.
     */
    static void tcpPorts(Dissector nd, int bp, int length, int sport, int dport) {
        if (sport == 23 || dport == 23) {
            return;
        } else if (sport == 25 || dport == 25) {
            nd.out.append(": ");
            nd.protocol = "smtp";
            txtprotoPrint(nd, bp, length, null, false);
        } else if (sport == 43 || dport == 43) {
            nd.out.append(": ");
            nd.protocol = "whois";
            txtprotoPrint(nd, bp, length, null, false);
        } else if (sport == 179 || dport == 179 || sport == 1723 || dport == 1723 || sport == 6379 || dport == 6379) {
            return;
        } else if (sport == 22 || dport == 22) {
            nd.protocol = "ssh";
            sshVersion(nd, bp, length);
        } else if (sport == 139 || dport == 139 || sport == 445 || dport == 445 || sport == 10288 || dport == 10288
                || sport == 6633 || dport == 6633 || sport == 6653 || dport == 6653) {
            return;
        } else if (sport == 21 || dport == 21) {
            nd.out.append(": ");
            nd.protocol = "ftp";
            txtprotoPrint(nd, bp, length, null, false);
        } else if (sport == 80 || dport == 80 || sport == 8080 || dport == 8080) {
            nd.out.append(": ");
            nd.protocol = "http";
            txtprotoPrint(nd, bp, length, HTTP_CMDS, true);
        } else if (sport == 554 || dport == 554 || sport == 8554 || dport == 8554) {
            nd.out.append(": ");
            nd.protocol = "rtsp";
            txtprotoPrint(nd, bp, length, RTSP_CMDS, true);
        } else if (sport == 53 || dport == 53) {
            DnsPrinter.domainPrint(nd, bp, length, true, false);
        }
    }

    /** print-ssh.c's ssh_print_version(): "SSH-" and a printable line up to its CR-LF or LF. */
    private static void sshVersion(Dissector nd, int p, int len) {
        for (int i = 0; i < 4; i++) {
            if (nd.u8(p + i) != "SSH-".charAt(i)) {
                return;
            }
        }
        for (int idx = 4; idx < len; idx++) {
            int c = nd.u8(p + idx);
            if (c == '\n' || c == '\r' && idx + 1 < len && nd.u8(p + idx + 1) == '\n') {
                nd.out.append(": SSH: ");
                append(nd, p, idx);
                return;
            }
            if (c == '\r' || !printable(c)) {
                return;
            }
        }
    }

    /** sip_print(): the response code is the second token. */
    static void sipPrint(Dissector nd, int bp, int len) {
        nd.protocol = "sip";
        txtprotoPrint(nd, bp, len, SIP_CMDS, true);
    }

    private static boolean printable(int c) {
        return c >= 0x20 && c < 0x7f;
    }

    /** fetch_token(): the index after the token and the blanks after it, 0 when there is none; token in tok. */
    private static int fetchToken(Dissector nd, int p, int idx, int len, StringBuilder tok) {
        tok.setLength(0);
        for (; idx < len; idx++) {
            if (!nd.ttest(p + idx, 1)) {
                return 0;
            }
            int c = nd.u8(p + idx);
            if (c >= 0x80) {
                return 0;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                break;
            }
            if (!printable(c) || tok.length() + 2 > MAX_TOKEN + 1) {
                return 0;
            }
            tok.append((char) c);
        }
        if (tok.length() == 0) {
            return 0;
        }
        for (; idx < len; idx++) {
            if (!nd.ttest(p + idx, 1)) {
                break;
            }
            int c = nd.u8(p + idx);
            if (c == '\r' || c == '\n' || !printable(c) || c != ' ' && c != '\t') {
                break;
            }
        }
        return idx;
    }

    /** print_txt_line(): the index after the line's end, 0 on binary data or no line end. */
    private static int printTxtLine(Dissector nd, String prefix, int p, int idx, int len) {
        int start = idx;
        int lineLen;
        int next;
        scan:
        {
            while (idx < len) {
                int c = nd.u8(p + idx);
                if (c == '\n') {
                    lineLen = idx - start;
                    next = idx + 1;
                    break scan;
                } else if (c == '\r') {
                    if (idx + 1 >= len) {
                        return 0;
                    }
                    if (nd.u8(p + idx + 1) == '\n') {
                        lineLen = idx - start;
                        next = idx + 2;
                        break scan;
                    }
                    return 0;
                } else if (!printable(c) && c != '\t') {
                    return 0;
                }
                idx++;
            }
            nd.out.append(prefix);
            append(nd, p + start, idx - start);
            nd.trunc();
            return 0;
        }
        nd.out.append(prefix);
        append(nd, p + start, lineLen);
        return next;
    }

    private static void append(Dissector nd, int off, int n) {
        for (int i = 0; i < n; i++) {
            nd.out.append((char) (nd.p[off + i] & 0xff));
        }
    }

    /** txtproto_print(). */
    static void txtprotoPrint(Dissector nd, int p, int len, String[] cmds, boolean respCodeSecondToken) {
        boolean printThis = false;
        StringBuilder tok = new StringBuilder();
        if (cmds != null) {
            int idx = fetchToken(nd, p, 0, len, tok);
            if (idx != 0) {
                for (String cmd : cmds) {
                    if (cmd.equalsIgnoreCase(tok.toString())) {
                        printThis = true;
                        break;
                    }
                }
                if (respCodeSecondToken) {
                    idx = fetchToken(nd, p, idx, len, tok);
                }
                if (idx != 0 && tok.length() == 3 && Character.isDigit(tok.charAt(0))
                        && Character.isDigit(tok.charAt(1)) && Character.isDigit(tok.charAt(2))) {
                    printThis = true;
                }
            }
        } else {
            printThis = true;
        }
        nd.out.append(nd.protocol.toUpperCase(java.util.Locale.ROOT));
        if (!printThis) {
            return;
        }
        if (nd.vflag > 0) {
            nd.out.append(", length: ").append(len);
            int eol;
            for (int idx = 0; idx < len && (eol = printTxtLine(nd, "\n\t", p, idx, len)) != 0; idx = eol) {
                // every line
            }
        } else {
            printTxtLine(nd, ": ", p, 0, len);
        }
    }
}
