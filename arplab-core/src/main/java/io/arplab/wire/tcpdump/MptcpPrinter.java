package io.arplab.wire.tcpdump;

/** print-mptcp.c: the Multipath TCP option (RFC 6824/8684), TCP option 30. */
final class MptcpPrinter {
    private static final int TH_SYN = 0x02;
    private static final int TH_ACK = 0x10;
    private static final String[] NAMES = {"capable", "join", "dss", "add-addr", "rem-addr", "prio", "fail",
        "fast-close", "unknown"};

    private MptcpPrinter() {}

    private static String u64hex(Dissector nd, int off) {
        return Long.toHexString(nd.u32(off) << 32 | nd.u32(off + 4));
    }

    private static String u64(Dissector nd, int off) {
        return Long.toUnsignedString(nd.u32(off) << 32 | nd.u32(off + 4));
    }

    /** mptcp_print(): false where it returns 0 (the caller prints "[bad opt]"). */
    static boolean mptcpPrint(Dissector nd, int cp, int len, int flags) {
        nd.protocol = "mptcp";
        if (len < 3) {
            return false;
        }
        int subtype = Math.min((nd.u8(cp + 2) >> 4) & 0xf, 8);
        nd.out.append(' ').append(len).append(' ').append(NAMES[subtype]);
        return switch (subtype) {
            case 0 -> capable(nd, cp, len, flags);
            case 1 -> join(nd, cp, len, flags);
            case 2 -> dss(nd, cp, len, flags);
            case 3 -> addAddr(nd, cp, len);
            case 4 -> removeAddr(nd, cp, len);
            case 5 -> prio(nd, cp, len);
            case 6, 7 -> {
                if (len != 12) {
                    yield false;
                }
                String v = subtype == 6 ? u64(nd, cp + 4) : u64hex(nd, cp + 4);
                nd.out.append(subtype == 6 ? " seq " : " key 0x").append(v);
                yield true;
            }
            default -> true;
        };
    }

    /** mp_capable_print(). */
    private static boolean capable(Dissector nd, int opt, int len, int flags) {
        if (!((len == 12 || len == 4) && (flags & TH_SYN) != 0)
                && !((len == 20 || len == 22) && (flags & (TH_SYN | TH_ACK)) == TH_ACK)) {
            return false;
        }
        int version = nd.u8(opt + 2) & 0xf;
        if (version > 1) {
            nd.out.append(" Unknown Version (").append(version).append(')');
            return true;
        }
        nd.out.append(" v").append(version);
        if ((nd.u8(opt + 3) & 0x80) != 0) {
            nd.out.append(" csum");
        }
        if (len == 12 || len >= 20) {
            String sender = u64hex(nd, opt + 4);
            nd.out.append(" {0x").append(sender);
            if (len >= 20) {
                String receiver = u64hex(nd, opt + 12);
                nd.out.append(",0x").append(receiver);
            }
            nd.out.append('}');
        }
        return true;
    }

    /** mp_join_print(). */
    private static boolean join(Dissector nd, int opt, int len, int flags) {
        if (!(len == 12 && (flags & TH_SYN) != 0) && !(len == 16 && (flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK))
                && !(len == 24 && (flags & TH_ACK) != 0)) {
            return false;
        }
        StringBuilder out = nd.out;
        if (len != 24) {
            if ((nd.u8(opt + 2) & 1) != 0) {
                out.append(" backup");
            }
            out.append(" id ").append(nd.u8(opt + 3));
        }
        switch (len) {
            case 12 -> {
                long token = nd.u32(opt + 4);
                long nonce = nd.u32(opt + 8);
                out.append(" token 0x").append(Long.toHexString(token)).append(" nonce 0x")
                        .append(Long.toHexString(nonce));
            }
            case 16 -> {
                String mac = u64hex(nd, opt + 4);
                long nonce = nd.u32(opt + 12);
                out.append(" hmac 0x").append(mac).append(" nonce 0x").append(Long.toHexString(nonce));
            }
            default -> {
                // the 20-byte MAC is printed straight from the packet, without a bounds check
                out.append(" hmac 0x");
                for (int i = 0; i < 20; i++) {
                    nd.hex2(nd.p[opt + 4 + i] & 0xff);
                }
            }
        }
        return true;
    }

    /** mp_dss_print(). */
    private static boolean dss(Dissector nd, int opt, int len, int flags) {
        StringBuilder out = nd.out;
        if (len < 4 || (flags & TH_SYN) != 0) {
            return false;
        }
        int f = nd.u8(opt + 3);
        if ((f & 0x10) != 0) {
            out.append(" fin");
        }
        opt += 4;
        len -= 4;
        if ((f & 0x01) != 0) {
            out.append(" ack ");
            int n = (f & 0x02) != 0 ? 8 : 4;
            if (len < n) {
                return false;
            }
            out.append(n == 8 ? u64(nd, opt) : Long.toString(nd.u32(opt)));
            opt += n;
            len -= n;
        }
        if ((f & 0x04) != 0) {
            out.append(" seq ");
            int n = (f & 0x08) != 0 ? 8 : 4;
            if (len < n) {
                return false;
            }
            out.append(n == 8 ? u64(nd, opt) : Long.toString(nd.u32(opt)));
            opt += n;
            len -= n;
            if (len < 4) {
                return false;
            }
            long subseq = nd.u32(opt);
            out.append(" subseq ").append(subseq);
            opt += 4;
            len -= 4;
            if (len < 2) {
                return false;
            }
            int l = nd.u16(opt);
            out.append(" len ").append(l);
            opt += 2;
            len -= 2;
            if (len >= 2) {
                int csum = nd.u16(opt);
                out.append(" csum 0x").append(Integer.toHexString(csum));
                len -= 2;
            }
        }
        return len == 0;
    }

    /** add_addr_print(). */
    private static boolean addAddr(Dissector nd, int opt, int len) {
        if (len != 8 && len != 10 && len != 16 && len != 18 && len != 20 && len != 22 && len != 28 && len != 30) {
            return false;
        }
        StringBuilder out = nd.out;
        int sub = nd.u8(opt + 2) & 0xf;
        out.append(' ').append(switch (sub) {
            case 6 -> "v0-ip6";
            case 4 -> "v0-ip4";
            case 1 -> "v1-echo";
            case 0 -> "v1";
            default -> "[bad version/echo]";
        });
        out.append(" id ").append(nd.u8(opt + 3));
        int a = opt + 4;
        if (len <= 18) {
            nd.check(a, 4);
            out.append(' ');
            Names.ipaddr(out, nd.p, a);
            if (len == 10 || len == 18) {
                out.append(':').append(nd.u16(a + 4));
            }
            if (len == 16) {
                String mac = u64hex(nd, a + 4);
                out.append(" hmac 0x").append(mac);
            }
            if (len == 18) {
                String mac = u64hex(nd, a + 6);
                out.append(" hmac 0x").append(mac);
            }
        } else {
            nd.check(a, 16);
            out.append(' ');
            Names.ip6addr(out, nd.p, a);
            if (len == 22 || len == 30) {
                out.append(':').append(nd.u16(a + 16));
            }
            if (len == 28) {
                String mac = u64hex(nd, a + 16);
                out.append(" hmac 0x").append(mac);
            }
            if (len == 30) {
                String mac = u64hex(nd, a + 18);
                out.append(" hmac 0x").append(mac);
            }
        }
        return true;
    }

    /** remove_addr_print(). */
    private static boolean removeAddr(Dissector nd, int opt, int len) {
        if (len < 4) {
            return false;
        }
        nd.out.append(" id");
        for (int i = 0; i < len - 3; i++) {
            int id = nd.u8(opt + 3 + i);
            nd.out.append(' ').append(id);
        }
        return true;
    }

    /** mp_prio_print(). */
    private static boolean prio(Dissector nd, int opt, int len) {
        if (len != 3 && len != 4) {
            return false;
        }
        nd.out.append((nd.u8(opt + 2) & 1) != 0 ? " backup" : " non-backup");
        if (len == 4) {
            nd.out.append(" id ").append(nd.u8(opt + 3));
        }
        return true;
    }
}
