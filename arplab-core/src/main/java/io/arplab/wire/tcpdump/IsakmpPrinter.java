package io.arplab.wire.tcpdump;

import java.util.Arrays;

/**
 * print-isakmp.c: the ISAKMP/IKE header (RFC 2408, IKEv2 RFC 7296) on UDP ports 500, 7500 and 8500, and
 * isakmp_rfc3948_print() on 4500 (NAT-T keep-alives, non-ESP marker, ESP in UDP). With -v the payload walk
 * (ikev1_sub_print(), ikev2_sub_print()) hands each payload to its printer in {@link IsakmpPayloads}.
 */
final class IsakmpPrinter {
    static final int ISAKMP_PORT = 500;
    static final int ISAKMP_PORT_NATT = 4500;
    static final int ISAKMP_PORT_USER1 = 7500;
    static final int ISAKMP_PORT_USER2 = 8500;
    private static final int HDR_LEN = 28;
    private static final int MAXINITIATORS = 20;
    private static final String[] NPSTR = {"none", "sa", "p", "t", "ke", "id", "cert", "cr", "hash", "sig", "nonce",
        "n", "d", "vid", "pay14", "pay15", "pay16", "pay17", "pay18", "pay19", "pay20", "pay21", "pay22", "pay23",
        "pay24", "pay25", "pay26", "pay27", "pay28", "pay29", "pay30", "pay31", "pay32", "v2sa", "v2ke", "v2IDi",
        "v2IDr", "v2cert", "v2cr", "v2auth", "v2nonce", "v2n", "v2d", "v2vid", "v2TSi", "v2TSr", "v2e", "v2cp",
        "v2eap"};
    private static final String[] ETYPESTR = new String[38];

    static {
        String[] v1 = {"none", "base", "ident", "auth", "agg", "inf"};
        System.arraycopy(v1, 0, ETYPESTR, 0, v1.length);
        ETYPESTR[32] = "oakley-quick";
        ETYPESTR[33] = "oakley-newgroup";
        ETYPESTR[34] = "ikev2_init";
        ETYPESTR[35] = "ikev2_auth";
        ETYPESTR[36] = "child_sa";
        ETYPESTR[37] = "inf2";
    }

    /** cookiecache[]: an initiator's cookie and the addresses it was first seen between. */
    private final byte[][] initiator = new byte[MAXINITIATORS][8];
    private final int[] version = new int[MAXINITIATORS];
    private final byte[][] iaddr = new byte[MAXINITIATORS][16];
    private final byte[][] raddr = new byte[MAXINITIATORS][16];
    private int ninitiator;

    private IsakmpPrinter() {}

    private static String strOrId(String[] tab, int x) {
        return x < tab.length && tab[x] != null ? tab[x] : "#" + x;
    }

    /** isakmp_rfc3948_print(). */
    static void rfc3948Print(Dissector nd, int bp, int length, int ip) {
        nd.protocol = "isakmp_rfc3948";
        if (length == 1 && nd.u8(bp) == 0xff) {
            nd.out.append("isakmp-nat-keep-alive");
            return;
        }
        if (length < 4) {
            nd.trunc();
            return;
        }
        if (nd.u32(bp) == 0) {
            nd.out.append("NONESP-encap: ");
            isakmpPrint(nd, bp + 4, length - 4, ip);
            return;
        }
        nd.out.append("UDP-encap: ");
        EspPrinter.espPrint(nd, bp, length);
    }

    /** isakmp_print(). */
    static void isakmpPrint(Dissector nd, int bp, int length, int ip) {
        nd.protocol = "isakmp";
        if (nd.snapend < bp + HDR_LEN) {
            nd.trunc();
            return;
        }
        StringBuilder out = nd.out;
        out.append("isakmp");
        int vers = nd.u8(bp + 17);
        int major = vers >> 4;
        if (nd.vflag > 0) {
            out.append(' ').append(major).append('.').append(vers & 0x0f);
            out.append(" msgid ");
            hex(nd, bp + 20, 4);
        }
        if (nd.vflag > 1) {
            out.append(" cookie ");
            hex(nd, bp, 8);
            out.append("->");
            hex(nd, bp + 8, 8);
        }
        out.append(':');
        if (major == 1) {
            if (nd.isakmp == null) {
                nd.isakmp = new IsakmpPrinter();
            }
            nd.isakmp.ikev1(nd, bp, length, ip);
        } else if (major == 2) {
            ikev2(nd, bp, length);
        }
    }

    private static void hex(Dissector nd, int off, int len) {
        for (int i = 0; i < len; i++) {
            nd.hex2(nd.p[off + i] & 0xff);
        }
    }

    private int find(byte[] p, int off) {
        for (int i = 0; i < MAXINITIATORS; i++) {
            if (Arrays.equals(initiator[i], 0, 8, p, off, off + 8)) {
                return i;
            }
        }
        return -1;
    }

    /** cookie_record(). */
    private void record(Dissector nd, int ck, int ip) {
        int i = find(nd.p, ck);
        if (i >= 0) {
            ninitiator = (i + 1) % MAXINITIATORS;
            return;
        }
        int v = (nd.p[ip] & 0xf0) >> 4;
        int alen = v == 4 ? 4 : 16;
        int src = v == 4 ? ip + 12 : ip + 8;
        if (v != 4 && v != 6) {
            return;
        }
        version[ninitiator] = v;
        System.arraycopy(nd.p, src, iaddr[ninitiator], 0, alen);
        System.arraycopy(nd.p, src + alen, raddr[ninitiator], 0, alen);
        System.arraycopy(nd.p, ck, initiator[ninitiator], 0, 8);
        ninitiator = (ninitiator + 1) % MAXINITIATORS;
    }

    /** cookie_sidecheck(). */
    private boolean side(Dissector nd, int i, int ip, boolean isInitiator) {
        int v = (nd.p[ip] & 0xf0) >> 4;
        if (v != 4 && v != 6 || version[i] != v) {
            return false;
        }
        int alen = v == 4 ? 4 : 16;
        int src = v == 4 ? ip + 12 : ip + 8;
        byte[] a = isInitiator ? iaddr[i] : raddr[i];
        return Arrays.equals(nd.p, src, src + alen, a, 0, alen);
    }

    /** ikev1_print(). */
    private void ikev1(Dissector nd, int base, int length, int ip) {
        StringBuilder out = nd.out;
        int phase = nd.u32(base + 20) == 0 ? 1 : 2;
        out.append(phase == 1 ? " phase 1" : " phase 2/others");
        int i = find(nd.p, base);
        if (i < 0) {
            boolean zero = true;
            for (int k = 0; k < 8; k++) {
                zero &= nd.u8(base + 8 + k) == 0;
            }
            if (zero) {
                out.append(" I");
                record(nd, base, ip);
            } else {
                out.append(" ?");
            }
        } else if (side(nd, i, ip, true)) {
            out.append(" I");
        } else if (side(nd, i, ip, false)) {
            out.append(" R");
        } else {
            out.append(" ?");
        }
        out.append(' ').append(strOrId(ETYPESTR, nd.u8(base + 18)));
        int flags = nd.u8(base + 19);
        if (flags != 0) {
            out.append('[').append((flags & 1) != 0 ? "E" : "").append((flags & 2) != 0 ? "C" : "").append(']');
        }
        payloads(nd, base, length, flags, false);
    }

    /** ikev2_print(). */
    private static void ikev2(Dissector nd, int base, int length) {
        StringBuilder out = nd.out;
        out.append(nd.u32(base + 20) == 0 ? " parent_sa" : " child_sa ");
        out.append(' ').append(strOrId(ETYPESTR, nd.u8(base + 18)));
        int flags = nd.u8(base + 19);
        if (flags != 0) {
            out.append('[').append((flags & 0x08) != 0 ? "I" : "").append((flags & 0x10) != 0 ? "V" : "")
                    .append((flags & 0x20) != 0 ? "R" : "").append(']');
        }
        payloads(nd, base, length, flags, true);
    }

    static String npstr(int np) {
        return strOrId(NPSTR, np);
    }

    /** The newline and four spaces a level that open each payload. */
    static void indent(Dissector nd, int depth) {
        nd.out.append('\n');
        for (int i = 0; i < depth; i++) {
            nd.out.append("    ");
        }
    }

    /** The -v part of ikev1_print() and ikev2_print(): the payload walk, then the length check. */
    private static void payloads(Dissector nd, int base, int length, int flags, boolean v2) {
        if (nd.vflag == 0) {
            return;
        }
        StringBuilder out = nd.out;
        out.append(':');
        int np = nd.u8(base + 16);
        int phase = nd.u32(base + 20) == 0 ? 1 : 2;
        if ((flags & 1) != 0) {
            out.append(" [encrypted ").append(npstr(np)).append(']');
        } else if (nd.snapend < base + HDR_LEN) {
            out.append(" [|").append(npstr(np)).append(']');
        } else if (v2) {
            subV2(nd, np, base + HDR_LEN, nd.snapend, phase, 0);
        } else {
            subV1(nd, np, base + HDR_LEN, nd.snapend, phase, 0, 0, 0);
        }
        long len = nd.u32(base + 24);
        if (len != (length & 0xffffffffL)) {
            out.append(" (len mismatch: isakmp ").append(len).append("/ip ").append(length & 0xffffffffL)
                    .append(')');
        }
    }

    /** ikev1_sub_print() with ike_sub0_print(). */
    static int subV1(Dissector nd, int np, int ext, int ep, int phase, long doi, int proto, int depth) {
        return sub(nd, np, ext, ep, phase, doi, proto, depth, false);
    }

    /** ikev2_sub_print() with ikev2_sub0_print(). */
    private static int subV2(Dissector nd, int np, int ext, int ep, int phase, int depth) {
        return sub(nd, np, ext, ep, phase, 0, 0, depth, true);
    }

    private static int sub(Dissector nd, int np, int ext, int ep, int phase, long doi, int proto, int depth,
            boolean v2) {
        int cp = ext;
        while (np != 0) {
            if (!nd.ttest(ext, 4) || !nd.ttest(ext, nd.u16(ext + 2))) {
                nd.out.append(" [|").append(npstr(np)).append(']');
                return -1;
            }
            depth++;
            indent(nd, depth);
            nd.out.append('(');
            cp = sub0(nd, np, ext, ep, phase, doi, proto, depth, v2);
            nd.out.append(')');
            depth--;
            if (cp < 0) {
                return -1;
            }
            np = nd.u8(ext);
            ext = cp;
        }
        return cp;
    }

    /** ike_sub0_print() / ikev2_sub0_print(): a payload shorter than 5 bytes ends the walk. */
    private static int sub0(Dissector nd, int np, int ext, int ep, int phase, long doi, int proto, int depth,
            boolean v2) {
        if (!nd.ttest(ext, 4)) {
            nd.trunc();
            return -1;
        }
        int itemLen = nd.u16(ext + 2);
        if (itemLen <= 4) {
            return -1;
        }
        if (v2 && np == IsakmpPayloads.NP_V2E) {
            return IsakmpPayloads.v2E(nd, np, ext, itemLen);
        }
        if (IsakmpPayloads.hasPrinter(np)) {
            return IsakmpPayloads.print(nd, np, ext, itemLen, ep, phase, doi, proto, depth);
        }
        nd.out.append(npstr(np));
        return ext + itemLen;
    }
}
