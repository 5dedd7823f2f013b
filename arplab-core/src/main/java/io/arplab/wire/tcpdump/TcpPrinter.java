package io.arplab.wire.tcpdump;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * print-tcp.c: the TCP header line (flags, relative sequence numbers per conversation, window, options,
 * length). Application payloads are not decoded.
 */
final class TcpPrinter {
    private static final int TH_FIN = 0x01;
    private static final int TH_SYN = 0x02;
    private static final int TH_RST = 0x04;
    private static final int TH_ACK = 0x10;
    private static final int TH_URG = 0x20;
    private static final int MAX_RST_DATA_LEN = 30;

    /** tcp_seq_hash: the first sequence numbers seen per conversation, for -S-less relative numbering. */
    private final Map<Conversation, long[]> conversations = new HashMap<>();

    private record Conversation(byte[] addrs, int port) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Conversation c && c.port == port && Arrays.equals(c.addrs, addrs);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(addrs) * 31 + port;
        }
    }

    /** tcp_print(). */
    static void tcpPrint(Dissector nd, int bp, int length, int ip, boolean fragmented) {
        nd.protocol = "tcp";
        if (nd.tcp == null) {
            nd.tcp = new TcpPrinter();
        }
        nd.tcp.print(nd, bp, length, ip, fragmented);
    }

    private void print(Dissector nd, int bp, int length, int ip, boolean fragmented) {
        StringBuilder out = nd.out;
        boolean v6 = ((nd.p[ip] & 0xff) >> 4) == 6;
        if (!nd.ttest(bp + 2, 2)) {
            if (v6) {
                Ip6Printer.addresses(nd, ip);
            } else {
                IpPrinter.addresses(nd, ip);
            }
            out.append(':');
            nd.trunc();
            return;
        }
        int sport = nd.u16(bp);
        int dport = nd.u16(bp + 2);
        int nxt = v6 ? nd.u8(ip + 6) : nd.u8(ip + 9);
        if (nxt == IpPrinter.IPPROTO_TCP) {
            if (v6) {
                nd.check(ip + 8, 32);
                Names.ip6addr(out, nd.p, ip + 8);
                out.append('.');
                Names.tcpPort(out, sport, nd.numeric);
                out.append(" > ");
                Names.ip6addr(out, nd.p, ip + 24);
            } else {
                nd.check(ip + 12, 8);
                Names.ipaddr(out, nd.p, ip + 12);
                out.append('.');
                Names.tcpPort(out, sport, nd.numeric);
                out.append(" > ");
                Names.ipaddr(out, nd.p, ip + 16);
            }
            out.append('.');
            Names.tcpPort(out, dport, nd.numeric);
            out.append(": ");
        } else {
            Names.tcpPort(out, sport, nd.numeric);
            out.append(" > ");
            Names.tcpPort(out, dport, nd.numeric);
            out.append(": ");
        }
        if (!nd.ttest(bp, 20)) {
            nd.trunc();
            return;
        }
        int hlen = ((nd.u8(bp + 12) & 0xf0) >> 4) * 4;
        if (hlen < 20) {
            out.append(" tcp ").append((length - hlen) & 0xffffffffL).append(" [bad hdr length ").append(hlen)
                    .append(" - too short, < 20]");
            return;
        }
        long seq = nd.u32(bp + 4);
        long ack = nd.u32(bp + 8);
        int win = nd.u16(bp + 14);
        int urp = nd.u16(bp + 18);
        if (nd.qflag) {
            out.append("tcp ").append((length - hlen) & 0xffffffffL);
            if (hlen > length) {
                out.append(" [bad hdr length ").append(hlen).append(" - too long, > ").append(length).append(']');
            }
            return;
        }
        int flags = nd.u8(bp + 13);
        out.append("Flags [");
        flags(out, flags);
        out.append(']');

        boolean rev = false;
        long thseq = 0;
        long thack = 0;
        if ((flags & TH_ACK) != 0) {
            int alen = v6 ? 16 : 4;
            int src = v6 ? ip + 8 : ip + 12;
            int dst = src + alen;
            if (sport > dport) {
                rev = true;
            } else if (sport == dport) {
                rev = Arrays.compareUnsigned(nd.p, src, src + alen, nd.p, dst, dst + alen) > 0;
            }
            byte[] addrs = new byte[2 * alen];
            int port;
            if (rev) {
                System.arraycopy(nd.p, dst, addrs, 0, alen);
                System.arraycopy(nd.p, src, addrs, alen, alen);
                port = (dport << 16) | sport;
            } else {
                System.arraycopy(nd.p, src, addrs, 0, alen);
                System.arraycopy(nd.p, dst, addrs, alen, alen);
                port = (sport << 16) | dport;
            }
            Conversation key = new Conversation(addrs, port);
            long[] th = conversations.get(key);
            if (th == null || (flags & TH_SYN) != 0) {
                if (th == null) {
                    th = new long[2];
                    conversations.put(key, th);
                }
                if (rev) {
                    th[1] = seq;
                    th[0] = (ack - 1) & 0xffffffffL;
                } else {
                    th[0] = seq;
                    th[1] = (ack - 1) & 0xffffffffL;
                }
            } else {
                if (rev) {
                    seq = (seq - th[1]) & 0xffffffffL;
                    ack = (ack - th[0]) & 0xffffffffL;
                } else {
                    seq = (seq - th[0]) & 0xffffffffL;
                    ack = (ack - th[1]) & 0xffffffffL;
                }
            }
            thseq = th[0];
            thack = th[1];
        }
        if (hlen > length) {
            out.append(" [bad hdr length ").append(hlen).append(" - too long, > ").append(length).append(']');
            return;
        }
        if (nd.vflag > 0 && !fragmented) {
            if (nd.ttest(bp, length)) {
                int sum = v6 ? Ip6Printer.nextproto6Cksum(nd, ip, bp, length, length, IpPrinter.IPPROTO_TCP)
                        : IpPrinter.nextproto4Cksum(nd, ip, bp, length, length, IpPrinter.IPPROTO_TCP);
                int tcpSum = nd.u16(bp + 16);
                out.append(", cksum 0x");
                Names.appendHex(out, tcpSum, 4);
                if (sum != 0) {
                    out.append(" (incorrect -> 0x");
                    Names.appendHex(out, Checksum.shouldBe(tcpSum, sum), 4);
                    out.append(')');
                } else {
                    out.append(" (correct)");
                }
            }
        }
        length -= hlen;
        if (nd.vflag > 1 || length > 0 || (flags & (TH_SYN | TH_FIN | TH_RST)) != 0) {
            out.append(", seq ").append(seq);
            if (length > 0) {
                out.append(':').append((seq + length) & 0xffffffffL);
            }
        }
        if ((flags & TH_ACK) != 0) {
            out.append(", ack ").append(ack);
        }
        out.append(", win ").append(win);
        if ((flags & TH_URG) != 0) {
            out.append(", urg ").append(urp);
        }
        if (hlen > 20) {
            if (!options(nd, bp + 20, hlen - 20, rev, thseq, thack, bp + hlen, length, flags)) {
                return;
            }
        }
        out.append(", length ").append(length);
        if (length <= 0) {
            return;
        }
        // a bounds check before the payload: at least the header must have been captured
        if (!nd.ttest(bp, hlen)) {
            out.append(" [remaining caplen(").append(nd.available(bp)).append(") < header length(").append(hlen)
                    .append(")]");
            throw Truncated.INSTANCE;
        }
        int data = bp + hlen;
        if ((flags & TH_RST) != 0 && nd.vflag > 0) {
            out.append(nd.ttest(data, length) ? " [RST" : " [!RST");
            if (length > MAX_RST_DATA_LEN) {
                length = MAX_RST_DATA_LEN;
                out.append('+');
            }
            out.append(' ');
            while (length > 0 && data < nd.snapend) {
                nd.printChar(nd.u8(data++));
                length--;
            }
            out.append(']');
            return;
        }
        TxtprotoPrinter.tcpPorts(nd, data, length, sport, dport);
    }

    /** bittok2str_nosep(tcp_flag_values, "none", flags). */
    private static void flags(StringBuilder out, int flags) {
        if ((flags & 0xff) == 0) {
            out.append("none");
            return;
        }
        char[] names = {'F', 'S', 'R', 'P', '.', 'U', 'E', 'W'};
        for (int i = 0; i < 8; i++) {
            if ((flags & (1 << i)) != 0) {
                out.append(names[i]);
            }
        }
    }

    private static String optionName(int opt) {
        return switch (opt) {
            case 0 -> "eol";
            case 1 -> "nop";
            case 2 -> "mss";
            case 3 -> "wscale";
            case 4 -> "sackOK";
            case 5 -> "sack";
            case 6 -> "echo";
            case 7 -> "echoreply";
            case 8 -> "TS";
            case 11 -> "cc";
            case 12 -> "ccnew";
            case 13 -> "";
            case 19 -> "md5";
            case 20 -> "scps";
            case 28 -> "uto";
            case 29 -> "tcp-ao";
            case 30 -> "mptcp";
            case 34 -> "tfo";
            case 254 -> "exp";
            default -> null;
        };
    }

    /** The options list; false when the line ended early ([bad opt] or truncation). */
    private static boolean options(Dissector nd, int cp, int hlen, boolean rev, long thseq, long thack, int data,
                                   int length, int flags) {
        StringBuilder out = nd.out;
        char ch = 0;
        out.append(", options [");
        try {
            while (hlen > 0) {
                if (ch != 0) {
                    out.append(ch);
                }
                int opt = nd.u8(cp);
                cp++;
                int len;
                boolean zerolen = opt == 0 || opt == 1;
                if (zerolen) {
                    len = 1;
                } else {
                    len = nd.u8(cp);
                    cp++;
                    if (len < 2 || len > hlen) {
                        return bad(out, ch);
                    }
                    --hlen;
                }
                --hlen;
                int datalen = 0;
                String name = optionName(opt);
                if (name == null) {
                    out.append("unknown-").append(opt);
                } else {
                    out.append(name);
                }
                switch (opt) {
                    case 2 -> {
                        datalen = 2;
                        if (!lencheck(nd, cp, datalen, hlen)) {
                            return bad(out, ch);
                        }
                        out.append(' ').append(nd.u16(cp));
                    }
                    case 3 -> {
                        datalen = 1;
                        if (!lencheck(nd, cp, datalen, hlen)) {
                            return bad(out, ch);
                        }
                        out.append(' ').append(nd.u8(cp));
                    }
                    case 5 -> {
                        datalen = len - 2;
                        if (datalen % 8 != 0) {
                            out.append(" invalid sack");
                        } else {
                            out.append(' ').append(datalen / 8).append(' ');
                            for (int i = 0; i < datalen; i += 8) {
                                if (!lencheck(nd, cp, i + 4, hlen)) {
                                    return bad(out, ch);
                                }
                                long s = nd.u32(cp + i);
                                if (!lencheck(nd, cp, i + 8, hlen)) {
                                    return bad(out, ch);
                                }
                                long e = nd.u32(cp + i + 4);
                                if (rev) {
                                    s = (s - thseq) & 0xffffffffL;
                                    e = (e - thseq) & 0xffffffffL;
                                } else {
                                    s = (s - thack) & 0xffffffffL;
                                    e = (e - thack) & 0xffffffffL;
                                }
                                out.append('{').append(s).append(':').append(e).append('}');
                            }
                        }
                    }
                    case 11, 12, 13, 6, 7 -> {
                        datalen = 4;
                        if (!lencheck(nd, cp, datalen, hlen)) {
                            return bad(out, ch);
                        }
                        out.append(' ').append(nd.u32(cp));
                    }
                    case 8 -> {
                        datalen = 8;
                        if (!lencheck(nd, cp, datalen, hlen)) {
                            return bad(out, ch);
                        }
                        out.append(" val ").append(nd.u32(cp)).append(" ecr ").append(nd.u32(cp + 4));
                    }
                    case 20 -> {
                        datalen = 2;
                        if (!lencheck(nd, cp, datalen, hlen)) {
                            return bad(out, ch);
                        }
                        out.append(" cap ");
                        nd.hex2(nd.u8(cp));
                        out.append(" id ").append(nd.u8(cp + 1));
                    }
                    case 28 -> {
                        datalen = 2;
                        if (!lencheck(nd, cp, datalen, hlen)) {
                            return bad(out, ch);
                        }
                        int uto = nd.u16(cp);
                        out.append(" 0x");
                        Names.appendHex(out, uto);
                        uto = (uto & 1) != 0 ? (uto >> 1) * 60 : uto >> 1;
                        out.append(' ').append(uto);
                    }
                    case 19 -> {
                        datalen = 16;
                        if (!lencheck(nd, cp, datalen, hlen)) {
                            return bad(out, ch);
                        }
                        // tcp_verify_signature() without a -M secret
                        out.append(' ');
                        out.append(nd.ttest(data, length) ? "shared secret not supplied with -M, " : "snaplen too short, ");
                        out.append("can't check - ");
                        for (int i = 0; i < 16; ++i) {
                            nd.hex2(nd.u8(cp + i));
                        }
                    }
                    case 29 -> {
                        datalen = len - 2;
                        if (datalen < 2) {
                            nd.invalid();
                        } else {
                            if (!lencheck(nd, cp, 1, hlen)) {
                                return bad(out, ch);
                            }
                            out.append(" keyid ").append(nd.u8(cp));
                            if (!lencheck(nd, cp, 2, hlen)) {
                                return bad(out, ch);
                            }
                            out.append(" rnextkeyid ").append(nd.u8(cp + 1));
                            if (datalen > 2) {
                                out.append(" mac 0x");
                                for (int i = 2; i < datalen; i++) {
                                    if (!lencheck(nd, cp, i + 1, hlen)) {
                                        return bad(out, ch);
                                    }
                                    nd.hex2(nd.u8(cp + i));
                                }
                            }
                        }
                    }
                    case 30 -> {
                        datalen = len - 2;
                        if (!lencheck(nd, cp, datalen, hlen)) {
                            return bad(out, ch);
                        }
                        // the snapshot end moves to the option's end while mptcp_print() runs
                        int saved = nd.snapend;
                        nd.snapend = Math.min(cp - 2 + len, nd.snapend);
                        boolean ok;
                        try {
                            ok = MptcpPrinter.mptcpPrint(nd, cp - 2, len, flags);
                        } finally {
                            nd.snapend = saved;
                        }
                        if (!ok) {
                            return bad(out, ch);
                        }
                    }
                    case 34 -> {
                        datalen = len - 2;
                        if (!lencheck(nd, cp, datalen, hlen)) {
                            return bad(out, ch);
                        }
                        out.append(' ');
                        fastopen(nd, cp, datalen, false);
                    }
                    case 254 -> {
                        datalen = len - 2;
                        if (!lencheck(nd, cp, datalen, hlen)) {
                            return bad(out, ch);
                        }
                        if (datalen < 2) {
                            return bad(out, ch);
                        }
                        int magic = nd.u16(cp);
                        out.append('-');
                        if (magic == 0xf989) {
                            fastopen(nd, cp + 2, datalen - 2, true);
                        } else {
                            nd.hex4(magic);
                        }
                    }
                    case 0, 1, 4 -> { }
                    default -> {
                        datalen = len - 2;
                        if (datalen != 0) {
                            out.append(" 0x");
                        }
                        for (int i = 0; i < datalen; ++i) {
                            if (!lencheck(nd, cp, i + 1, hlen)) {
                                return bad(out, ch);
                            }
                            nd.hex2(nd.u8(cp + i));
                        }
                    }
                }
                cp += datalen;
                hlen -= datalen;
                ++datalen;
                if (!zerolen) {
                    ++datalen;
                }
                if (datalen != len) {
                    out.append("[len ").append(len).append(']');
                }
                ch = ',';
                if (opt == 0) {
                    break;
                }
            }
        } catch (TruncLabel t) {
            nd.trunc();
            if (ch != 0) {
                out.append('>');
            }
            return false;
        }
        out.append(']');
        return true;
    }

    /** print_tcp_fastopen_option(): RFC 7413 cookies (also under the experimental option). */
    private static void fastopen(Dissector nd, int cp, int datalen, boolean exp) {
        StringBuilder out = nd.out;
        if (exp) {
            out.append("tfo");
        }
        if (datalen == 0) {
            out.append(" cookiereq");
        } else if (datalen % 2 != 0 || datalen < 4 || datalen > 16) {
            nd.invalid();
        } else {
            out.append(" cookie ");
            for (int i = 0; i < datalen; ++i) {
                nd.hex2(nd.u8(cp + i));
            }
        }
    }

    /** LENCHECK(): false when the option claims more than the header holds; truncation throws. */
    private static boolean lencheck(Dissector nd, int cp, int l, int hlen) {
        if (l > hlen) {
            return false;
        }
        nd.tcheck(cp, l);
        return true;
    }

    private static boolean bad(StringBuilder out, char ch) {
        out.append("[bad opt]");
        if (ch != 0) {
            out.append(']');
        }
        return false;
    }
}
