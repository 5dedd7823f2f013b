package io.arplab.wire.tcpdump;

/** print-dhcp6.c: DHCPv6 (RFC 8415) messages and options on UDP ports 546/547. */
final class Dhcp6Printer {
    static final int DHCP6_SERV_PORT = 547;
    static final int DHCP6_CLI_PORT = 546;
    private static final String[] MESSAGES = {null, "solicit", "advertise", "request", "confirm", "renew", "rebind",
            "reply", "release", "decline", "reconfigure", "inf-req", "relay-fwd", "relay-reply", "leasequery",
            "leasequery-reply"};
    private static final String[] STATUS = {"Success", "UnspecFail", "NoAddrsAvail", "NoBinding", "NotOnLink",
            "UseMulticast", "NoPrefixAvail", "UnknownQueryType", "MalformedQuery", "NotConfigured", "NotAllowed"};
    private static final String[] OPTIONS = new String[113];

    static {
        Object[] t = {1, "client-ID", 2, "server-ID", 3, "IA_NA", 4, "IA_TA", 5, "IA_ADDR", 6, "option-request",
                7, "preference", 8, "elapsed-time", 9, "relay-message", 11, "authentication", 12, "server-unicast",
                13, "status-code", 14, "rapid-commit", 15, "user-class", 16, "vendor-class", 17, "vendor-specific-info",
                18, "interface-ID", 19, "reconfigure-message", 20, "reconfigure-accept", 21, "SIP-servers-domain",
                22, "SIP-servers-address", 23, "DNS-server", 24, "DNS-search-list", 25, "IA_PD", 26, "IA_PD-prefix",
                31, "SNTP-servers", 32, "lifetime", 27, "NIS-server", 28, "NIS+-server", 29, "NIS-domain-name",
                30, "NIS+-domain-name", 33, "BCMCS-domain-name", 34, "BCMCS-server", 36, "Geoconf-Civic",
                37, "Remote-ID", 38, "Subscriber-ID", 39, "Client-FQDN", 40, "PANA-agent", 41, "POSIX-timezone",
                42, "POSIX-tz-database", 43, "Echo-request-option", 44, "Lease-query", 45, "LQ-client-data",
                46, "Clt-time", 47, "LQ-relay-data", 48, "LQ-client-link", 56, "NTP-server", 64, "AFTR-Name",
                112, "MUD-URL"};
        for (int i = 0; i < t.length; i += 2) {
            OPTIONS[(Integer) t[i]] = (String) t[i + 1];
        }
    }

    private Dhcp6Printer() {}

    private static String option(int type) {
        return type < OPTIONS.length && OPTIONS[type] != null ? OPTIONS[type] : "opt_" + type;
    }

    /** dhcp6_print(). */
    static void dhcp6Print(Dissector nd, int cp, int length) {
        nd.protocol = "dhcp6";
        StringBuilder out = nd.out;
        out.append("dhcp6");
        int ep = (long) cp + length < nd.snapend ? cp + length : nd.snapend;
        try {
            nd.tcheck(cp, 4);
            int msgtype = nd.u8(cp);
            String name = msgtype < MESSAGES.length && MESSAGES[msgtype] != null ? MESSAGES[msgtype]
                    : "msgtype-" + msgtype;
            if (nd.vflag == 0) {
                out.append(' ').append(name);
                return;
            }
            out.append(' ').append(name).append(" (");
            if (msgtype != 12 && msgtype != 13) {
                out.append("xid=");
                nd.hex(nd.u32(cp) & 0x00ffffff);
                optionsPrint(nd, cp + 4, ep);
            } else {
                nd.check(cp + 2, 16);
                out.append("linkaddr=");
                Names.ip6addr(out, nd.p, cp + 2);
                nd.check(cp + 18, 16);
                out.append(" peeraddr=");
                Names.ip6addr(out, nd.p, cp + 18);
                optionsPrint(nd, cp + 34, ep);
            }
            out.append(')');
        } catch (TruncLabel t) {
            nd.trunc();
        }
    }

    private static void ip6(Dissector nd, int off) {
        nd.check(off, 16);
        Names.ip6addr(nd.out, nd.p, off);
    }

    /** dhcp6opt_print(): the options in [cp, ep); a cut option prints tcpdump's mark and ends the list. */
    private static void optionsPrint(Dissector nd, int cp, int ep) {
        StringBuilder out = nd.out;
        while (cp < ep) {
            if (ep < cp + 4) {
                nd.trunc();
                return;
            }
            if (!nd.ttest(cp, 4)) {
                nd.trunc();
                return;
            }
            int optlen = nd.u16(cp + 2);
            if (ep < cp + 4 + optlen) {
                nd.trunc();
                return;
            }
            int opttype = nd.u16(cp);
            out.append(" (").append(option(opttype));
            if (!nd.ttest(cp + 4, optlen)) {
                nd.trunc();
                return;
            }
            int tp = cp + 4;
            int end = cp + 4 + optlen;
            switch (opttype) {
                case 1, 2 -> {
                    if (optlen < 2) {
                        out.append(" ?)");
                        break;
                    }
                    int duid = nd.u16(tp);
                    if (duid == 1 && optlen >= 8) {
                        int hw = nd.u16(tp + 2);
                        long time = nd.u32(tp + 4);
                        out.append(" hwaddr/time type ").append(hw).append(" time ").append(time).append(' ');
                        hexBytes(nd, tp + 8, optlen - 8);
                        out.append(')');
                    } else if (duid == 2 && optlen >= 10) {
                        out.append(" vid ");
                        hexBytes(nd, tp + 2, 8);
                        out.append(')');
                    } else if (duid == 3 && optlen >= 4) {
                        int hw = nd.u16(tp + 2);
                        out.append(" hwaddr type ").append(hw).append(' ');
                        hexBytes(nd, tp + 4, optlen - 4);
                        out.append(')');
                    } else if (duid >= 1 && duid <= 3) {
                        out.append(" ?)");
                    } else {
                        out.append(" type ").append(duid).append(')');
                    }
                }
                case 5 -> {
                    if (optlen < 24) {
                        out.append(" ?)");
                        break;
                    }
                    out.append(' ');
                    ip6(nd, tp);
                    long pl = nd.u32(tp + 16);
                    long vl = nd.u32(tp + 20);
                    out.append(" pltime:").append(pl).append(" vltime:").append(vl);
                    if (optlen > 24) {
                        optionsPrint(nd, tp + 24, end);
                    }
                    out.append(')');
                }
                case 6, 43 -> {
                    if (optlen % 2 != 0) {
                        out.append(" ?)");
                        break;
                    }
                    for (int i = 0; i < optlen; i += 2) {
                        int o = nd.u16(tp + i);
                        out.append(' ').append(option(o));
                    }
                    out.append(')');
                }
                case 7 -> {
                    if (optlen != 1) {
                        out.append(" ?)");
                        break;
                    }
                    out.append(' ').append(nd.u8(tp)).append(')');
                }
                case 8 -> {
                    if (optlen != 2) {
                        out.append(" ?)");
                        break;
                    }
                    out.append(' ').append(nd.u16(tp)).append(')');
                }
                case 9 -> {
                    out.append(" (");
                    int saved = nd.snapend;
                    nd.snapend = Math.min(end, nd.snapend);
                    try {
                        dhcp6Print(nd, tp, optlen);
                    } finally {
                        nd.snapend = saved;
                    }
                    nd.protocol = "dhcp6";
                    out.append(')');
                }
                case 11 -> auth(nd, tp, optlen);
                case 14, 20 -> out.append(')');
                case 18, 38 -> {
                    out.append(' ');
                    hexBytes(nd, tp, Math.min(optlen, 10));
                    out.append("...)");
                }
                case 19 -> {
                    if (optlen != 1) {
                        out.append(" ?)");
                        break;
                    }
                    int type = nd.u8(tp);
                    if (type == 5) {
                        out.append(" for renew)");
                    } else if (type == 11) {
                        out.append(" for inf-req)");
                    } else {
                        out.append(" for ???(");
                        nd.hex2(type);
                        out.append("))");
                    }
                }
                case 22, 23, 31, 27, 28, 34, 40, 48 -> {
                    if (optlen % 16 != 0) {
                        out.append(" ?)");
                        break;
                    }
                    for (int i = 0; i < optlen; i += 16) {
                        nd.check(tp + i, 16);
                        out.append(' ');
                        ip6(nd, tp + i);
                    }
                    out.append(')');
                }
                case 21, 24 -> {
                    while (tp < end) {
                        out.append(' ');
                        if ((tp = DnsNames.fqdnPrint(nd, tp, end)) == -1) {
                            nd.trunc();
                            return;
                        }
                    }
                    out.append(')');
                }
                case 13 -> {
                    if (optlen < 2) {
                        out.append(" ?)");
                        break;
                    }
                    int code = nd.u16(tp);
                    out.append(' ').append(code > 255 ? "INVALID code" : code < STATUS.length ? STATUS[code]
                            : "code" + code).append(')');
                }
                case 3, 25 -> {
                    if (optlen < 12) {
                        out.append(" ?)");
                        break;
                    }
                    long iaid = nd.u32(tp);
                    long t1 = nd.u32(tp + 4);
                    long t2 = nd.u32(tp + 8);
                    out.append(" IAID:").append(iaid).append(" T1:").append(t1).append(" T2:").append(t2);
                    if (optlen > 12) {
                        optionsPrint(nd, tp + 12, end);
                    }
                    out.append(')');
                }
                case 4 -> {
                    if (optlen < 4) {
                        out.append(" ?)");
                        break;
                    }
                    long iaid = nd.u32(tp);
                    out.append(" IAID:").append(iaid);
                    if (optlen > 4) {
                        optionsPrint(nd, tp + 4, end);
                    }
                    out.append(')');
                }
                case 26 -> {
                    if (optlen < 25) {
                        out.append(" ?)");
                        break;
                    }
                    nd.check(tp + 9, 16);
                    int plen = nd.u8(tp + 8);
                    out.append(' ');
                    ip6(nd, tp + 9);
                    out.append('/').append(plen);
                    long pl = nd.u32(tp);
                    long vl = nd.u32(tp + 4);
                    out.append(" pltime:").append(pl).append(" vltime:").append(vl);
                    if (optlen > 25) {
                        optionsPrint(nd, tp + 25, end);
                    }
                    out.append(')');
                }
                case 32, 46 -> {
                    if (optlen != 4) {
                        out.append(" ?)");
                        break;
                    }
                    out.append(' ').append(nd.u32(tp)).append(')');
                }
                case 37 -> {
                    if (optlen < 4) {
                        out.append(" ?)");
                        break;
                    }
                    out.append(' ').append(nd.u32(tp)).append(' ');
                    hexBytes(nd, tp + 4, Math.min(optlen, 14) - 4);
                    out.append("...)");
                }
                case 44 -> {
                    if (optlen < 17) {
                        out.append(" ?)");
                        break;
                    }
                    int type = nd.u8(tp);
                    out.append(type == 1 ? " by-address" : type == 2 ? " by-clientID" : " type_" + type);
                    out.append(' ');
                    ip6(nd, tp + 1);
                    if (optlen > 17) {
                        optionsPrint(nd, tp + 17, end);
                    }
                    out.append(')');
                }
                case 45 -> {
                    if (optlen > 0) {
                        optionsPrint(nd, tp, end);
                    }
                    out.append(')');
                }
                case 47 -> {
                    if (optlen < 16) {
                        out.append(" ?)");
                        break;
                    }
                    out.append(' ');
                    ip6(nd, tp);
                    out.append(' ');
                    hexBytes(nd, tp + 16, Math.min(optlen, 26) - 16);
                    out.append("...)");
                }
                case 56 -> {
                    if (optlen < 4) {
                        out.append(" ?)");
                        break;
                    }
                    while (tp < end - 4) {
                        int code = nd.u16(tp);
                        int len = nd.u16(tp + 2);
                        tp += 4;
                        if (tp + len > end) {
                            nd.trunc();
                            return;
                        }
                        out.append(" subopt:").append(code);
                        if (code == 1 || code == 2) {
                            if (len != 16) {
                                out.append(" ?");
                            } else {
                                out.append(' ');
                                ip6(nd, tp);
                            }
                        } else if (code == 3) {
                            out.append(' ');
                            if (DnsNames.fqdnPrint(nd, tp, tp + len) == -1) {
                                nd.trunc();
                                return;
                            }
                        } else {
                            out.append(" ?");
                        }
                        tp += len;
                    }
                    out.append(')');
                }
                case 64 -> {
                    if (optlen < 3) {
                        out.append(" ?)");
                        break;
                    }
                    int remain = optlen;
                    out.append(' ');
                    while (remain != 0 && nd.u8(tp) != 0) {
                        int label = nd.u8(tp);
                        tp++;
                        if (label < remain - 1) {
                            nd.printjnp(tp, label);
                            tp += label;
                            remain -= label + 1;
                            if (nd.u8(tp) != 0) {
                                out.append('.');
                            }
                        } else {
                            out.append(" ?");
                            break;
                        }
                    }
                    out.append(')');
                }
                case 41, 42, 112 -> {
                    if (optlen < 5) {
                        out.append(" ?)");
                        break;
                    }
                    out.append(' ');
                    nd.printjnp(tp, optlen);
                    out.append(')');
                }
                default -> out.append(')');
            }
            cp += 4 + optlen;
        }
    }

    private static void hexBytes(Dissector nd, int off, int n) {
        for (int i = 0; i < n; i++) {
            nd.hex2(nd.u8(off + i));
        }
    }

    /** The authentication option (RFC 8415 section 21.11). */
    private static void auth(Dissector nd, int tp, int optlen) {
        StringBuilder out = nd.out;
        if (optlen < 11) {
            out.append(" ?)");
            return;
        }
        int proto = nd.u8(tp);
        out.append(proto == 2 ? " proto: delayed" : proto == 3 ? " proto: reconfigure" : " proto: " + proto);
        tp++;
        int alg = nd.u8(tp);
        out.append(alg == 1 ? ", alg: HMAC-MD5" : ", alg: " + alg);
        tp++;
        int rdm = nd.u8(tp);
        out.append(rdm == 0 ? ", RDM: mono" : ", RDM: " + rdm);
        tp++;
        out.append(", RD:");
        for (int i = 0; i < 4; i++, tp += 2) {
            int v = nd.u16(tp);
            out.append(' ');
            nd.hex4(v);
        }
        int infolen = optlen - 11;
        if (proto == 2) {
            if (infolen != 0) {
                if (infolen < 20) {
                    out.append(" ??");
                } else {
                    int realm = infolen - 20;
                    if (realm > 0) {
                        out.append(", realm: ");
                    }
                    for (int i = 0; i < realm; i++, tp++) {
                        nd.hex2(nd.u8(tp));
                    }
                    long key = nd.u32(tp);
                    out.append(", key ID: ");
                    Names.appendHex(out, key, 8);
                    tp += 4;
                    out.append(", HMAC-MD5:");
                    for (int i = 0; i < 4; i++, tp += 4) {
                        long v = nd.u32(tp);
                        out.append(' ');
                        Names.appendHex(out, v, 8);
                    }
                }
            }
        } else if (proto == 3) {
            if (infolen != 17) {
                out.append(" ??");
            } else {
                int type = nd.u8(tp);
                out.append(type == 1 ? " reconfig-key" : type == 2 ? " type: HMAC-MD5" : " type: ??");
                tp++;
                out.append(" value:");
                for (int i = 0; i < 4; i++, tp += 4) {
                    long v = nd.u32(tp);
                    out.append(' ');
                    Names.appendHex(out, v, 8);
                }
            }
        } else {
            out.append(" ??");
        }
        out.append(')');
    }
}
