package io.arplab.wire.tcpdump;

/**
 * print-babel.c: the Babel routing protocol (RFC 8966, version 2) on UDP 6696 and 6697. The TLVs of the body and of
 * the trailer, one word each without -v, a line each with it (addresses and prefixes as network_prefix() rebuilds
 * them, the sub-TLVs after hellos, IHUs and updates); a TLV past the body or the datagram is " (invalid)", one past
 * the capture " [|babel]".
 */
final class BabelPrinter {
    static final int BABEL_PORT = 6696;
    static final int BABEL_PORT_OLD = 6697;
    private static final int TRUNC = -1;
    private static final int INVALID = -2;
    private static final byte[] V4PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0};
    private static final String[] TERSE = {" pad1", " padN", " ack-req", " ack", " hello", " ihu", " router-id", " nh",
        " update", " route-request", " seqno-request", " tspc", " hmac", " ss-update", " ss-request", " ss-mh-request",
        " mac", " pc", " challenge_request", " challenge_reply"};

    private BabelPrinter() {}

    static boolean isPort(int sport, int dport) {
        return sport == BABEL_PORT || dport == BABEL_PORT || sport == BABEL_PORT_OLD || dport == BABEL_PORT_OLD;
    }

    /** babel_print() and babel_print_v2(). */
    static void babelPrint(Dissector nd, int cp, int length) {
        nd.protocol = "babel";
        StringBuilder out = nd.out;
        out.append("babel");
        nd.check(cp, 4);
        if (nd.u8(cp) != 42) {
            out.append(" invalid header");
            return;
        }
        int version = nd.u8(cp + 1);
        out.append(' ').append(version);
        if (version != 2) {
            out.append(" unknown version");
            return;
        }
        if (length < 4) {
            nd.invalid();
            return;
        }
        int bodylen = nd.u16(cp + 2);
        out.append(" (").append(bodylen).append(')');
        length -= 4;
        cp += 4;
        if (length < bodylen) {
            nd.invalid();
            return;
        }
        int ret = tlvs(nd, cp, bodylen, length);
        if (ret == TRUNC) {
            nd.trunc();
            return;
        }
        if (ret == INVALID) {
            nd.invalid();
            return;
        }
        length -= bodylen;
        cp += bodylen;
        if (length != 0) {
            out.append(nd.vflag > 0 ? "\n\t----" : " |");
            ret = tlvs(nd, cp, length, length);
            if (ret == TRUNC) {
                nd.trunc();
            } else if (ret == INVALID) {
                nd.invalid();
            }
        }
    }

    /** babel_print_v2_tlvs(): 0, or TRUNC, or INVALID. */
    private static int tlvs(Dissector nd, int cp, int tlvsLength, int remaining) {
        StringBuilder out = nd.out;
        byte[] v4 = V4PREFIX.clone();
        byte[] v6 = new byte[16];
        boolean v = nd.vflag > 0;
        int i = 0;
        while (i < tlvsLength) {
            int m = cp + i;
            if (i + 1 > tlvsLength || i + 1 > remaining) {
                return INVALID; // ICHECK()
            }
            int type = nd.u8(m);
            if (type == 0) {
                out.append(v ? "\n\tPad 1" : " pad1");
                i += 1;
                continue;
            }
            if (i + 2 > tlvsLength || i + 2 > remaining) {
                return INVALID;
            }
            if (!nd.ttest(m, 2)) {
                return TRUNC;
            }
            int len = nd.u8(m + 1);
            if (i + 2 + len > tlvsLength || i + 2 + len > remaining) {
                return INVALID;
            }
            if (!nd.ttest(m, 2 + len)) {
                return TRUNC;
            }
            if (!v) {
                out.append(type < TERSE.length ? TERSE[type] : " unknown");
                if (type == 8) {
                    if (len < 10) {
                        return INVALID;
                    }
                    int flags = nd.u8(m + 3);
                    out.append((flags & 0x80) != 0 ? "/prefix" : "").append((flags & 0x40) != 0 ? "/id" : "")
                            .append((flags & 0x3f) != 0 ? "/unknown" : "");
                }
            } else if (verbose(nd, type, m, len, v4, v6) == INVALID) {
                return INVALID;
            }
            i += len + 2;
        }
        return 0;
    }

    /** One TLV's line with -v; INVALID for its goto invalid. */
    private static int verbose(Dissector nd, int type, int m, int len, byte[] v4, byte[] v6) {
        StringBuilder out = nd.out;
        byte[] prefix = new byte[16];
        switch (type) {
            case 1 -> out.append("\n\tPad ").append(len + 2);
            case 2 -> {
                out.append("\n\tAcknowledgment Request ");
                if (len < 6) {
                    return INVALID;
                }
                int nonce = nd.u16(m + 4);
                int interval = nd.u16(m + 6);
                out.append(String.format("%04x ", nonce)).append(interval(interval));
            }
            case 3 -> {
                out.append("\n\tAcknowledgment ");
                if (len < 2) {
                    return INVALID;
                }
                out.append(String.format("%04x", nd.u16(m + 2)));
            }
            case 4 -> {
                out.append("\n\tHello ");
                if (len < 6) {
                    return INVALID;
                }
                boolean unicast = (nd.u16(m + 2) & 0x8000) != 0;
                int seqno = nd.u16(m + 4);
                int interval = nd.u16(m + 6);
                if (unicast) {
                    out.append("(Unicast) ");
                }
                out.append("seqno ").append(seqno).append(' ');
                out.append(interval != 0 ? "interval " + interval(interval) : "unscheduled");
                if (len > 6) {
                    subtlvs(nd, m + 8, m + 2 + len, type);
                }
            }
            case 5 -> {
                out.append("\n\tIHU ");
                if (len < 6) {
                    return INVALID;
                }
                int rxcost = nd.u16(m + 4);
                int interval = nd.u16(m + 6);
                int ae = nd.u8(m + 2);
                int rc = networkPrefix(nd, ae, -1, 0, m + 8, null, len - 6, prefix);
                if (rc < 0) {
                    nd.trunc();
                    return 0;
                }
                out.append(ae == 0 ? "any" : address(prefix)).append(" rxcost ").append(rxcost).append(" interval ")
                        .append(interval(interval));
                if (rc < len - 6) {
                    subtlvs(nd, m + 8 + rc, m + 2 + len, type);
                }
            }
            case 6 -> {
                out.append("\n\tRouter Id");
                if (len < 10) {
                    return INVALID;
                }
                out.append(' ').append(id(nd, m + 4));
            }
            case 7 -> {
                out.append("\n\tNext Hop");
                if (len < 2) {
                    return INVALID;
                }
                int ae = nd.u8(m + 2);
                if (networkPrefix(nd, ae, -1, 0, m + 4, null, len - 2, prefix) < 0) {
                    return INVALID;
                }
                out.append(' ').append(ae == 0 ? "invalid AE 0" : address(prefix));
            }
            case 8 -> {
                out.append("\n\tUpdate");
                if (len < 10) {
                    return INVALID;
                }
                int ae = nd.u8(m + 2);
                int plen = (nd.u8(m + 4) + (ae == 1 ? 96 : 0)) & 0xff;
                int rc = networkPrefix(nd, ae, nd.u8(m + 4), nd.u8(m + 5), m + 12, ae == 1 ? v4 : v6, len - 10,
                        prefix);
                if (rc < 0) {
                    return INVALID;
                }
                int interval = nd.u16(m + 6);
                int seqno = nd.u16(m + 8);
                int metric = nd.u16(m + 10);
                int flags = nd.u8(m + 3);
                out.append((flags & 0x80) != 0 ? "/prefix" : "").append((flags & 0x40) != 0 ? "/id" : "")
                        .append((flags & 0x3f) != 0 ? "/unknown" : "").append(' ')
                        .append(ae == 0 ? "any" : prefix(prefix, plen)).append(" metric ").append(metric)
                        .append(" seqno ").append(seqno).append(" interval ").append(intervalUpdate(interval));
                if ((flags & 0x80) != 0) {
                    System.arraycopy(prefix, 0, ae == 1 ? v4 : v6, 0, 16);
                }
                if (rc < len - 10) {
                    subtlvs(nd, m + 12 + rc, m + 2 + len, type);
                }
            }
            case 9 -> {
                out.append("\n\tRoute Request ");
                if (len < 2) {
                    return INVALID;
                }
                int ae = nd.u8(m + 2);
                int plen = (nd.u8(m + 3) + (ae == 1 ? 96 : 0)) & 0xff;
                if (networkPrefix(nd, ae, nd.u8(m + 3), 0, m + 4, null, len - 2, prefix) < 0) {
                    return INVALID;
                }
                out.append("for ").append(ae == 0 ? "any" : prefix(prefix, plen));
            }
            case 10 -> {
                out.append("\n\tSeqno Request ");
                if (len < 14) {
                    return INVALID;
                }
                int ae = nd.u8(m + 2);
                int seqno = nd.u16(m + 4);
                if (networkPrefix(nd, ae, nd.u8(m + 3), 0, m + 16, null, len - 14, prefix) < 0) {
                    return INVALID;
                }
                int plen = (nd.u8(m + 3) + (ae == 1 ? 96 : 0)) & 0xff;
                int hops = nd.u8(m + 6);
                String p = ae == 0 ? "invalid AE 0" : prefix(prefix, plen);
                String id = id(nd, m + 8);
                out.append('(').append(hops).append(" hops) for ").append(p).append(" seqno ").append(seqno)
                        .append(" id ").append(id);
            }
            case 11 -> {
                out.append("\n\tTS/PC ");
                if (len < 6) {
                    return INVALID;
                }
                long ts = nd.u32(m + 4);
                out.append("timestamp ").append(ts).append(" packetcounter ").append(nd.u16(m + 2));
            }
            case 12 -> {
                out.append("\n\tHMAC ");
                if (len < 18) {
                    return INVALID;
                }
                out.append("key-id ").append(nd.u16(m + 2)).append(" digest-").append(len - 2).append(' ');
                for (int j = 0; j < len - 2; j++) {
                    out.append(String.format("%02X", nd.u8(m + j + 4)));
                }
            }
            case 13 -> {
                return ssUpdate(nd, m, len, v4, v6);
            }
            case 14 -> {
                return ssRequest(nd, m, len);
            }
            case 15 -> {
                return ssMhRequest(nd, m, len);
            }
            case 16 -> out.append("\n\tMAC len ").append(len);
            case 17 -> {
                out.append("\n\tPC");
                if (len < 4) {
                    return INVALID;
                }
                out.append(" value ").append(nd.u32(m + 2)).append(" index len ").append(len - 4);
            }
            case 18, 19 -> {
                out.append(type == 18 ? "\n\tChallenge Request" : "\n\tChallenge Reply");
                if (len > 192) {
                    return INVALID;
                }
                out.append(" len ").append(len);
            }
            default -> out.append("\n\tUnknown message type ").append(type);
        }
        return 0;
    }

    /** MESSAGE_UPDATE_SRC_SPECIFIC. */
    private static int ssUpdate(Dissector nd, int m, int len, byte[] v4, byte[] v6) {
        StringBuilder out = nd.out;
        out.append("\n\tSS-Update");
        if (len < 10) {
            return INVALID;
        }
        int ae = nd.u8(m + 2);
        int srcPlen = nd.u8(m + 3);
        int plen = nd.u8(m + 4);
        int omitted = nd.u8(m + 5);
        int interval = nd.u16(m + 6);
        int seqno = nd.u16(m + 8);
        int metric = nd.u16(m + 10);
        byte[] prefix = new byte[16];
        byte[] src = new byte[16];
        int parsed = 10;
        int rc = networkPrefix(nd, ae, plen, omitted, m + 2 + parsed, ae == 1 ? v4 : v6, len - parsed, prefix);
        if (rc < 0) {
            return INVALID;
        }
        if (ae == 1) {
            plen = (plen + 96) & 0xff;
        }
        parsed += rc;
        rc = networkPrefix(nd, ae, srcPlen, 0, m + 2 + parsed, null, len - parsed, src);
        if (rc < 0) {
            return INVALID;
        }
        if (ae == 1) {
            srcPlen = (srcPlen + 96) & 0xff;
        }
        parsed += rc;
        out.append(' ').append(prefix(prefix, plen)).append(" from");
        out.append(' ').append(prefix(src, srcPlen)).append(" metric ").append(metric).append(" seqno ").append(seqno)
                .append(" interval ").append(intervalUpdate(interval));
        if (parsed < len) {
            subtlvs(nd, m + 2 + parsed, m + 2 + len, 13);
        }
        return 0;
    }

    /** MESSAGE_REQUEST_SRC_SPECIFIC. */
    private static int ssRequest(Dissector nd, int m, int len) {
        StringBuilder out = nd.out;
        out.append("\n\tSS-Request ");
        if (len < 3) {
            return INVALID;
        }
        int ae = nd.u8(m + 2);
        int plen = nd.u8(m + 3);
        int srcPlen = nd.u8(m + 4);
        byte[] prefix = new byte[16];
        byte[] src = new byte[16];
        int parsed = 3;
        int rc = networkPrefix(nd, ae, plen, 0, m + 2 + parsed, null, len - parsed, prefix);
        if (rc < 0) {
            return INVALID;
        }
        if (ae == 1) {
            plen = (plen + 96) & 0xff;
        }
        parsed += rc;
        rc = networkPrefix(nd, ae, srcPlen, 0, m + 2 + parsed, null, len - parsed, src);
        if (rc < 0) {
            return INVALID;
        }
        if (ae == 1) {
            srcPlen = (srcPlen + 96) & 0xff;
        }
        if (ae == 0) {
            out.append("for any");
        } else {
            out.append("for (").append(prefix(prefix, plen)).append(", ");
            out.append(prefix(src, srcPlen)).append(')');
        }
        return 0;
    }

    /** MESSAGE_MH_REQUEST_SRC_SPECIFIC. */
    private static int ssMhRequest(Dissector nd, int m, int len) {
        StringBuilder out = nd.out;
        out.append("\n\tSS-MH-Request ");
        if (len < 14) {
            return INVALID;
        }
        int ae = nd.u8(m + 2);
        int plen = nd.u8(m + 3);
        int seqno = nd.u16(m + 4);
        int hopc = nd.u8(m + 6);
        int srcPlen = nd.u8(m + 7);
        byte[] prefix = new byte[16];
        byte[] src = new byte[16];
        int parsed = 14;
        int rc = networkPrefix(nd, ae, plen, 0, m + 2 + parsed, null, len - parsed, prefix);
        if (rc < 0) {
            return INVALID;
        }
        if (ae == 1) {
            plen = (plen + 96) & 0xff;
        }
        parsed += rc;
        rc = networkPrefix(nd, ae, srcPlen, 0, m + 2 + parsed, null, len - parsed, src);
        if (rc < 0) {
            return INVALID;
        }
        if (ae == 1) {
            srcPlen = (srcPlen + 96) & 0xff;
        }
        out.append('(').append(hopc).append(" hops) for (").append(prefix(prefix, plen)).append(", ");
        String id = id(nd, m + 8);
        out.append(prefix(src, srcPlen)).append(") seqno ").append(seqno).append(" id ").append(id);
        return 0;
    }

    /**
     * network_prefix(): the 16 bytes of a prefix (IPv4 ones behind ::ffff:0:0/96) from the bytes that follow, the
     * omitted ones taken from the last prefix {@code dp}; the bytes consumed, or -1 for an encoding error. The
     * packet's bytes are copied as they are (the C's memcpy()), past the capture as zeros.
     */
    private static int networkPrefix(Dissector nd, int ae, int plen, int omitted, int p, byte[] dp, int len,
                                     byte[] out) {
        int pb = plen >= 0 ? (plen + 7) / 8 : ae == 1 ? 4 : 16;
        if (pb > 16) {
            return -1;
        }
        byte[] prefix = new byte[16];
        int consumed = 0;
        switch (ae) {
            case 0 -> { }
            case 1 -> {
                if (omitted > 4 || pb > 4 || (pb > omitted && len < pb - omitted)) {
                    return -1;
                }
                System.arraycopy(V4PREFIX, 0, prefix, 0, 12);
                if (omitted != 0) {
                    if (dp == null) {
                        return -1;
                    }
                    System.arraycopy(dp, 0, prefix, 0, 12 + omitted);
                }
                if (pb > omitted) {
                    copy(nd, p, prefix, 12 + omitted, pb - omitted);
                    consumed = pb - omitted;
                }
            }
            case 2 -> {
                if (omitted > 16 || (pb > omitted && len < pb - omitted)) {
                    return -1;
                }
                if (omitted != 0) {
                    if (dp == null) {
                        return -1;
                    }
                    System.arraycopy(dp, 0, prefix, 0, omitted);
                }
                if (pb > omitted) {
                    copy(nd, p, prefix, omitted, pb - omitted);
                    consumed = pb - omitted;
                }
            }
            case 3 -> {
                if (pb > 8 && len < pb - 8) {
                    return -1;
                }
                prefix[0] = (byte) 0xfe;
                prefix[1] = (byte) 0x80;
                if (pb > 8) {
                    copy(nd, p, prefix, 8, pb - 8);
                    consumed = pb - 8;
                }
            }
            default -> {
                return -1;
            }
        }
        System.arraycopy(prefix, 0, out, 0, 16);
        return consumed;
    }

    private static void copy(Dissector nd, int from, byte[] to, int at, int n) {
        for (int k = 0; k < n; k++) {
            to[at + k] = from + k < nd.p.length ? nd.p[from + k] : 0;
        }
    }

    private static boolean isV4(byte[] prefix) {
        for (int k = 0; k < 12; k++) {
            if (prefix[k] != V4PREFIX[k]) {
                return false;
            }
        }
        return true;
    }

    /** format_prefix(). */
    private static String prefix(byte[] prefix, int plen) {
        StringBuilder sb = new StringBuilder();
        if (plen >= 96 && isV4(prefix)) {
            Names.ipaddr(sb, prefix, 12);
            sb.append('/').append(plen - 96);
        } else {
            Names.ip6addr(sb, prefix, 0);
            sb.append('/').append(plen);
        }
        return sb.toString();
    }

    /** format_address(). */
    private static String address(byte[] prefix) {
        StringBuilder sb = new StringBuilder();
        if (isV4(prefix)) {
            Names.ipaddr(sb, prefix, 12);
        } else {
            Names.ip6addr(sb, prefix, 0);
        }
        return sb.toString();
    }

    /** format_id(): eight bytes, each read as GET_U_1(). */
    private static String id(Dissector nd, int off) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            sb.append(k == 0 ? "" : ":").append(String.format("%02x", nd.u8(off + k)));
        }
        return sb.toString();
    }

    /** format_interval(): centiseconds. */
    private static String interval(int i) {
        return i == 0 ? "0.0s (bogus)" : String.format("%d.%02ds", i / 100, i % 100);
    }

    /** format_interval_update(). */
    private static String intervalUpdate(int i) {
        return i == 0xffff ? "infinity" : interval(i);
    }

    /** subtlvs_print(): the sub-TLVs between {@code cp} and {@code ep}; a bad one ends them with " (invalid)". */
    private static void subtlvs(Dissector nd, int cp, int ep, int tlvType) {
        StringBuilder out = nd.out;
        while (cp < ep) {
            int subtype = nd.u8(cp);
            cp++;
            if (subtype == 0) {
                out.append(" sub-pad1");
                continue;
            }
            if ((subtype & 0x80) != 0) {
                out.append(" (M)");
            }
            if (cp == ep) {
                nd.invalid();
                return;
            }
            int sublen = nd.u8(cp);
            cp++;
            if (cp + sublen > ep) {
                nd.invalid();
                return;
            }
            switch (subtype) {
                case 1 -> {
                    out.append(" sub-padn");
                    cp += sublen;
                }
                case 2 -> {
                    out.append(" sub-diversity");
                    if (sublen == 0) {
                        out.append(" empty");
                        break;
                    }
                    String sep = " ";
                    while (sublen != 0) {
                        int c = nd.u8(cp);
                        out.append(sep).append(c == 0 ? "reserved" : c == 255 ? "all" : Integer.toString(c));
                        cp++;
                        sep = "-";
                        sublen--;
                    }
                    if (tlvType != 8 && tlvType != 13) {
                        out.append(" (bogus)");
                    }
                }
                case 3 -> {
                    out.append(" sub-timestamp");
                    if (tlvType == 4) {
                        if (sublen < 4) {
                            nd.invalid();
                            return;
                        }
                        out.append(' ').append(timestamp(nd.u32(cp)));
                    } else if (tlvType == 5) {
                        if (sublen < 8) {
                            nd.invalid();
                            return;
                        }
                        out.append(' ').append(timestamp(nd.u32(cp)));
                        out.append('|').append(timestamp(nd.u32(cp + 4)));
                    } else {
                        out.append(" (bogus)");
                    }
                    cp += sublen;
                }
                default -> {
                    out.append(String.format(" sub-unknown-0x%02x", subtype));
                    cp += sublen;
                }
            }
        }
    }

    /** format_timestamp(): microseconds. */
    private static String timestamp(long t) {
        return String.format("%d.%06ds", t / 1000000, t % 1000000);
    }
}
