package io.arplab.wire.tcpdump;

/**
 * print-isakmp.c's payload printers, the npfunc[] table both versions share (IKEv1's ikev1_sa_print() ...
 * ikev1_vid_print(), IKEv2's ikev2_sa_print() ... ikev2_eap_print()), printed with -v. Offsets stand for the C
 * pointers; -1 is NULL. {@code ep} is the snapshot end isakmp_print() saw.
 */
final class IsakmpPayloads {
    static final int NP_SA = 1;
    static final int NP_P = 2;
    static final int NP_T = 3;
    static final int NP_V2E = 46;

    private static final String[] PROTOIDSTR = {null, "isakmp", "ipsec-ah", "ipsec-esp", "ipcomp"};
    private static final String[] IKEV1_P_MAP = {null, "ike"};
    private static final String[] IKEV2_T_TYPE_MAP = {null, "encr", "prf", "integ", "dh", "esn"};
    private static final String[] AH_P_MAP = {null, "(reserved)", "md5", "sha", "1des", "sha2-256", "sha2-384",
        "sha2-512"};
    private static final String[] PRF_P_MAP = {null, "hmac-md5", "hmac-sha", "hmac-tiger", "aes128_xcbc"};
    private static final String[] INTEG_P_MAP = {null, "hmac-md5", "hmac-sha", "dec-mac", "kpdk-md5", "aes-xcbc"};
    private static final String[] ESN_P_MAP = {"no-esn", "esn"};
    private static final String[] DH_P_MAP = {null, "modp768", "modp1024", "EC2N 2^155", "EC2N 2^185", "modp1536",
        "iana-grp06", "iana-grp07", "iana-grp08", "iana-grp09", "iana-grp10", "iana-grp11", "iana-grp12",
        "iana-grp13", "modp2048", "modp3072", "modp4096", "modp6144", "modp8192"};
    private static final String[] ESP_P_MAP = {null, "1des-iv64", "1des", "3des", "rc5", "idea", "cast",
        "blowfish", "3idea", "1des-iv32", "rc4", "null", "aes"};
    private static final String[] IPCOMP_P_MAP = {null, "oui", "deflate", "lzs"};
    private static final String[] CERTSTR = {"none", "pkcs7", "pgp", "dns", "x509sign", "x509ke", "kerberos",
        "crl", "arl", "spki", "x509attr"};
    private static final String[] IPSECIDTYPESTR = {null, "IPv4", "FQDN", "user FQDN", "IPv4net", "IPv6",
        "IPv6net", "IPv4range", "IPv6range", "ASN1 DN", "ASN1 GN", "keyid"};
    private static final String[] NOTIFY_ERROR_STR = {null, "INVALID-PAYLOAD-TYPE", "DOI-NOT-SUPPORTED",
        "SITUATION-NOT-SUPPORTED", "INVALID-COOKIE", "INVALID-MAJOR-VERSION", "INVALID-MINOR-VERSION",
        "INVALID-EXCHANGE-TYPE", "INVALID-FLAGS", "INVALID-MESSAGE-ID", "INVALID-PROTOCOL-ID", "INVALID-SPI",
        "INVALID-TRANSFORM-ID", "ATTRIBUTES-NOT-SUPPORTED", "NO-PROPOSAL-CHOSEN", "BAD-PROPOSAL-SYNTAX",
        "PAYLOAD-MALFORMED", "INVALID-KEY-INFORMATION", "INVALID-ID-INFORMATION", "INVALID-CERT-ENCODING",
        "INVALID-CERTIFICATE", "CERT-TYPE-UNSUPPORTED", "INVALID-CERT-AUTHORITY", "INVALID-HASH-INFORMATION",
        "AUTHENTICATION-FAILED", "INVALID-SIGNATURE", "ADDRESS-NOTIFICATION", "NOTIFY-SA-LIFETIME",
        "CERTIFICATE-UNAVAILABLE", "UNSUPPORTED-EXCHANGE-TYPE", "UNEQUAL-PAYLOAD-LENGTHS"};
    private static final String[] IPSEC_NOTIFY_ERROR_STR = {"RESERVED"};
    private static final String[] NOTIFY_STATUS_STR = {"CONNECTED"};
    private static final String[] IPSEC_NOTIFY_STATUS_STR = {"RESPONDER-LIFETIME", "REPLAY-STATUS",
        "INITIAL-CONTACT"};
    private static final String[] V2_AUTH = {"invalid", "rsasig", "shared-secret", "dsssig"};

    /** struct attrmap: a type name, how many values it names, the names. */
    private record AttrMap(String type, int nvalue, String... value) {}

    private static final AttrMap NONE = new AttrMap(null, 0);
    private static final AttrMap GROUP_DESC = new AttrMap("group desc", 18, DH_P_MAP);
    private static final AttrMap[] IPSEC_T_MAP = {NONE, new AttrMap("lifetype", 3, null, "sec", "kb"),
        new AttrMap("life", 0), GROUP_DESC, new AttrMap("enc mode", 3, null, "tunnel", "transport"),
        new AttrMap("auth", 5, null, "hmac-md5", "hmac-sha1", "1des-mac", "keyed"), new AttrMap("keylen", 0),
        new AttrMap("rounds", 0), new AttrMap("dictsize", 0), new AttrMap("privalg", 0)};
    private static final AttrMap[] ENCR_T_MAP = {NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE,
        NONE, NONE, NONE, new AttrMap("keylen", 14)};
    private static final AttrMap[] OAKLEY_T_MAP = {NONE,
        new AttrMap("enc", 8, null, "1des", "idea", "blowfish", "rc5", "3des", "cast", "aes"),
        new AttrMap("hash", 7, null, "md5", "sha1", "tiger", "sha2-256", "sha2-384", "sha2-512"),
        new AttrMap("auth", 6, null, "preshared", "dss", "rsa sig", "rsa enc", "rsa enc revised"),
        GROUP_DESC, new AttrMap("group type", 4, null, "MODP", "ECP", "EC2N"), new AttrMap("group prime", 0),
        new AttrMap("group gen1", 0), new AttrMap("group gen2", 0), new AttrMap("group curve A", 0),
        new AttrMap("group curve B", 0), new AttrMap("lifetype", 3, null, "sec", "kb"),
        new AttrMap("lifeduration", 0), new AttrMap("prf", 0), new AttrMap("keylen", 0), new AttrMap("field", 0),
        new AttrMap("order", 0)};

    private IsakmpPayloads() {}

    static String strOrId(String[] tab, long x) {
        return x >= 0 && x < tab.length && tab[(int) x] != null ? tab[(int) x] : "#" + x;
    }

    /** NPFUNC(np) != NULL. */
    static boolean hasPrinter(int np) {
        return np >= 1 && np <= 13 || np >= 33 && np <= 48 && np != NP_V2E;
    }

    /** (*npfunc[np])(). */
    static int print(Dissector nd, int np, int ext, int itemLen, int ep, int phase, long doi, int proto,
            int depth) {
        return switch (np) {
            case 1 -> v1Sa(nd, ext, ep, phase, proto, depth);
            case 2 -> v1P(nd, ext, ep, phase, doi, depth);
            case 3 -> v1T(nd, ext, itemLen, ep, proto);
            case 4 -> v1Ke(nd, ext, itemLen);
            case 5 -> v1Id(nd, ext, itemLen);
            case 6, 7 -> v1Cert(nd, np, ext, itemLen);
            case 8, 9, 13 -> v1Data(nd, np, ext, itemLen);
            case 10 -> v1Nonce(nd, ext, itemLen, ep);
            case 11 -> v1N(nd, ext, itemLen, ep);
            case 12 -> v1D(nd, ext);
            case 33 -> v2Sa(nd, np, ext, ep, depth);
            case 34 -> v2Ke(nd, np, ext, itemLen);
            case 35, 36 -> v2Id(nd, np, ext, itemLen);
            case 39 -> v2Auth(nd, np, ext, itemLen, ep);
            case 40 -> v2Nonce(nd, np, ext, itemLen, ep);
            case 41 -> v2N(nd, ext, itemLen, ep);
            case 43 -> v2Vid(nd, np, ext, itemLen);
            default -> v2Gen(nd, np, ext, itemLen);
        };
    }

    private static int trunc(Dissector nd, int np) {
        nd.out.append(" [|").append(IsakmpPrinter.npstr(np)).append(']');
        return -1;
    }

    /** rawprint(): false when the bytes are not all captured. */
    static boolean rawprint(Dissector nd, int off, long len) {
        if (len > Integer.MAX_VALUE || !nd.ttest(off, (int) len)) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            nd.hex2(nd.p[off + i] & 0xff);
        }
        return true;
    }

    /** ike_show_somedata(): the first ten and the last twenty bytes before ep. */
    private static boolean showSomedata(Dissector nd, int cp, int ep) {
        int end = ep - 20;
        int elen = 20;
        int len = Math.min(ep - cp, 10);
        if (end < cp + len) {
            end = cp + len;
            elen = ep - end;
        }
        nd.out.append(" data=(");
        if (!rawprint(nd, cp, len)) {
            return false;
        }
        nd.out.append("...");
        if (elen != 0 && !rawprint(nd, end, elen)) {
            return false;
        }
        nd.out.append(')');
        return true;
    }

    /** ikev1_attrmap_print() (map non-null) and ikev1_attr_print(). */
    private static int attr(Dissector nd, int p, int ep2, AttrMap[] map) {
        int totlen = (nd.u8(p) & 0x80) != 0 ? 4 : 4 + nd.u16(p + 2);
        if (ep2 < p + totlen) {
            nd.out.append("[|attr]");
            return ep2 + 1;
        }
        StringBuilder out = nd.out;
        out.append('(');
        int t = nd.u16(p) & 0x7fff;
        AttrMap m = map != null && t < map.length ? map[t] : null;
        out.append("type=").append(m != null && m.type != null ? m.type : "#" + t).append(' ');
        if ((nd.u8(p) & 0x80) != 0) {
            out.append("value=");
            int v = nd.u16(p + 2);
            if (m != null && v < m.nvalue && v < m.value.length && m.value[v] != null) {
                out.append(m.value[v]);
            } else if (!rawprint(nd, p + 2, 2)) {
                out.append(')');
                return -1;
            }
        } else {
            out.append("len=").append(totlen - 4).append(" value=");
            if (!rawprint(nd, p + 4, totlen - 4)) {
                out.append(')');
                return -1;
            }
        }
        out.append(')');
        return p + totlen;
    }

    /** The attribute loop of ikev1_t_print() and ikev2_t_print(). */
    private static int attrs(Dissector nd, int cp, int ep, int ep2, AttrMap[] map) {
        while (cp < ep && cp < ep2) {
            cp = attr(nd, cp, ep2, map);
            if (cp < 0) {
                return -1;
            }
        }
        if (ep < ep2) {
            nd.out.append("...");
        }
        return cp;
    }

    /** ikev1_sa_print(). */
    private static int v1Sa(Dissector nd, int ext, int ep, int phase, int proto0, int depth) {
        StringBuilder out = nd.out;
        out.append("sa:");
        if (!nd.ttest(ext, 12)) {
            return trunc(nd, NP_SA);
        }
        long doi = nd.u32(ext + 4);
        long sit = nd.u32(ext + 8);
        if (doi != 1) {
            out.append(" doi=").append(doi).append(" situation=").append(sit);
            return ext + 12;
        }
        out.append(" doi=ipsec situation=");
        boolean t = false;
        if ((sit & 1) != 0) {
            out.append("identity");
            t = true;
        }
        if ((sit & 2) != 0) {
            out.append(t ? "+" : "").append("secrecy");
            t = true;
        }
        if ((sit & 4) != 0) {
            out.append(t ? "+" : "").append("integrity");
        }
        int np = ext + 12;
        if (sit != 1) {
            // GET_BE_U_4(ext + 1): one isakmp_gen past ext, the DOI again
            out.append(" ident=").append(nd.u32(ext + 4));
            np += 4;
        }
        if (!nd.ttest(np, 4)) {
            return trunc(nd, NP_SA);
        }
        return IsakmpPrinter.subV1(nd, NP_P, np, ep, phase, doi, proto0, depth);
    }

    /** ikev1_p_print(). */
    private static int v1P(Dissector nd, int ext, int ep, int phase, long doi0, int depth) {
        nd.out.append("p:");
        if (!nd.ttest(ext, 8)) {
            return trunc(nd, NP_P);
        }
        int protId = nd.u8(ext + 5);
        nd.out.append(" #").append(nd.u8(ext + 4)).append(" protoid=").append(strOrId(PROTOIDSTR, protId))
                .append(" transform=").append(nd.u8(ext + 7));
        int spiSize = nd.u8(ext + 6);
        if (spiSize != 0) {
            nd.out.append(" spi=");
            if (!rawprint(nd, ext + 8, spiSize)) {
                return trunc(nd, NP_P);
            }
        }
        int t = ext + 8 + spiSize;
        if (!nd.ttest(t, 4)) {
            return trunc(nd, NP_P);
        }
        return IsakmpPrinter.subV1(nd, NP_T, t, ep, phase, doi0, protId, depth);
    }

    /** ikev1_t_print(). */
    private static int v1T(Dissector nd, int ext, int itemLen, int ep, int proto) {
        nd.out.append("t:");
        if (!nd.ttest(ext, 8)) {
            return trunc(nd, NP_T);
        }
        int tid = nd.u8(ext + 5);
        String[] ids;
        AttrMap[] map;
        switch (proto) {
            case 1 -> { ids = IKEV1_P_MAP; map = OAKLEY_T_MAP; }
            case 2 -> { ids = AH_P_MAP; map = IPSEC_T_MAP; }
            case 3 -> { ids = ESP_P_MAP; map = IPSEC_T_MAP; }
            case 4 -> { ids = IPCOMP_P_MAP; map = IPSEC_T_MAP; }
            default -> { ids = null; map = null; }
        }
        nd.out.append(" #").append(nd.u8(ext + 4)).append(" id=")
                .append(ids != null ? strOrId(ids, tid) : Integer.toString(tid)).append(' ');
        int cp = attrs(nd, ext + 8, ep, ext + itemLen, map);
        return cp < 0 ? trunc(nd, NP_T) : cp;
    }

    /** ikev1_ke_print(). */
    private static int v1Ke(Dissector nd, int ext, int itemLen) {
        nd.out.append("ke:");
        if (!nd.ttest(ext, 4)) {
            return trunc(nd, 4);
        }
        nd.out.append(" key len=").append(itemLen - 4);
        if (nd.vflag > 2 && itemLen > 4) {
            nd.out.append(' ');
            if (!rawprint(nd, ext + 4, itemLen - 4)) {
                return trunc(nd, 4);
            }
        }
        return ext + itemLen;
    }

    /** ikev1_id_print(): USE_IPSECDOI_IN_PHASE1, so both phases print the IPsec DOI's identification. */
    private static int v1Id(Dissector nd, int ext, int itemLen) {
        StringBuilder out = nd.out;
        out.append("id:");
        if (!nd.ttest(ext, 8)) {
            return trunc(nd, 5);
        }
        int data = itemLen > 8 ? ext + 8 : -1;
        int len = itemLen > 8 ? itemLen - 8 : 0;
        int type = nd.u8(ext + 4);
        out.append(" idtype=").append(strOrId(IPSECIDTYPESTR, type));
        int protoId = nd.u8(ext + 5);
        String pName = !nd.numeric && protoId != 0 ? Names.netdbProtocol(protoId) : null;
        out.append(" protoid=").append(pName != null ? pName : Integer.toString(protoId));
        out.append(" port=").append(nd.u16(ext + 6));
        if (len != 0) {
            if (!nd.ttest(data, len)) {
                return trunc(nd, 5);
            }
            switch (type) {
                case 1 -> {
                    out.append(" len=").append(len);
                    if (len < 4) {
                        out.append(" [bad: < 4]");
                    } else {
                        out.append(' ');
                        Names.ipaddr(out, nd.p, data);
                    }
                    len = 0;
                }
                case 2, 3 -> {
                    out.append(" len=").append(len).append(' ');
                    for (int i = 0; i < len; i++) {
                        nd.printChar(nd.u8(data + i));
                    }
                    len = 0;
                }
                case 4 -> {
                    out.append(" len=").append(len);
                    if (len < 8) {
                        out.append(" [bad: < 8]");
                    } else {
                        out.append(' ');
                        Names.ipaddr(out, nd.p, data);
                        out.append('/').append(nd.u8(data + 4)).append('.').append(nd.u8(data + 5)).append('.')
                                .append(nd.u8(data + 6)).append('.').append(nd.u8(data + 7));
                    }
                    len = 0;
                }
                case 5 -> {
                    out.append(" len=").append(len);
                    if (len < 16) {
                        out.append(" [bad: < 16]");
                    } else {
                        out.append(' ');
                        Names.ip6addr(out, nd.p, data);
                    }
                    len = 0;
                }
                case 6 -> {
                    out.append(" len=").append(len);
                    if (len < 32) {
                        out.append(" [bad: < 32]");
                    } else {
                        out.append(' ');
                        Names.ip6addr(out, nd.p, data);
                        out.append("/0x");
                        for (int i = 0; i < 16; i++) {
                            nd.hex2(nd.u8(data + 16 + i));
                        }
                    }
                    len = 0;
                }
                case 7, 8 -> {
                    int alen = type == 7 ? 4 : 16;
                    out.append(" len=").append(len);
                    if (len < 2 * alen) {
                        out.append(" [bad: < ").append(2 * alen).append(']');
                    } else {
                        out.append(' ');
                        addr(out, nd, data, alen);
                        out.append('-');
                        addr(out, nd, data + alen, alen);
                    }
                    len = 0;
                }
                default -> { }
            }
        }
        if (data >= 0 && len != 0) {
            out.append(" len=").append(len);
            if (nd.vflag > 2) {
                out.append(' ');
                if (!rawprint(nd, data, len)) {
                    return trunc(nd, 5);
                }
            }
        }
        return ext + itemLen;
    }

    private static void addr(StringBuilder out, Dissector nd, int off, int alen) {
        if (alen == 4) {
            Names.ipaddr(out, nd.p, off);
        } else {
            Names.ip6addr(out, nd.p, off);
        }
    }

    /** ikev1_cert_print() and ikev1_cr_print(). */
    private static int v1Cert(Dissector nd, int np, int ext, int itemLen) {
        nd.out.append(IsakmpPrinter.npstr(np)).append(':');
        if (!nd.ttest(ext, 6)) {
            return trunc(nd, np);
        }
        nd.out.append(" len=").append(itemLen - 4).append(" type=").append(strOrId(CERTSTR, nd.u8(ext + 4)));
        return v1Hex(nd, np, ext, itemLen);
    }

    /** The -vvv hex of the whole payload the cert, hash, signature and vendor ID printers end with. */
    private static int v1Hex(Dissector nd, int np, int ext, int itemLen) {
        if (nd.vflag > 2 && itemLen > 4) {
            nd.out.append(' ');
            if (!rawprint(nd, ext + 4, itemLen - 4)) {
                return trunc(nd, np);
            }
        }
        return ext + itemLen;
    }

    /** ikev1_hash_print(), ikev1_sig_print(), ikev1_vid_print(). */
    private static int v1Data(Dissector nd, int np, int ext, int itemLen) {
        nd.out.append(IsakmpPrinter.npstr(np)).append(':');
        if (!nd.ttest(ext, 4)) {
            return trunc(nd, np);
        }
        nd.out.append(" len=").append(itemLen - 4);
        return v1Hex(nd, np, ext, itemLen);
    }

    /** ikev1_nonce_print(). */
    private static int v1Nonce(Dissector nd, int ext, int itemLen, int ep) {
        nd.out.append("nonce:");
        if (!nd.ttest(ext, 4)) {
            return trunc(nd, 10);
        }
        nd.out.append(" n len=").append(itemLen - 4);
        if (itemLen > 4) {
            if (nd.vflag > 2) {
                nd.out.append(' ');
                if (!rawprint(nd, ext + 4, itemLen - 4)) {
                    return trunc(nd, 10);
                }
            } else if (nd.vflag > 1) {
                nd.out.append(' ');
                if (!showSomedata(nd, ext + 4, ep)) {
                    return trunc(nd, 10);
                }
            }
        }
        return ext + itemLen;
    }

    /** ikev1_n_print(). */
    private static int v1N(Dissector nd, int ext, int itemLen, int ep) {
        StringBuilder out = nd.out;
        out.append("n:");
        if (!nd.ttest(ext, 12)) {
            return trunc(nd, 11);
        }
        long doi = nd.u32(ext + 4);
        int proto = nd.u8(ext + 8);
        int type = nd.u16(ext + 10);
        boolean ipsec = doi == 1;
        if (ipsec) {
            out.append(" doi=ipsec proto=").append(strOrId(PROTOIDSTR, proto));
        } else {
            out.append(" doi=").append(doi).append(" proto=").append(proto);
        }
        out.append(" type=");
        if (type < 8192) {
            out.append(strOrId(NOTIFY_ERROR_STR, type));
        } else if (type < 16384) {
            out.append(ipsec ? strOrId(IPSEC_NOTIFY_ERROR_STR, type - 8192) : "#" + type);
        } else if (type < 24576) {
            out.append(strOrId(NOTIFY_STATUS_STR, type - 16384));
        } else if (type < 32768 && ipsec) {
            out.append(strOrId(IPSEC_NOTIFY_STATUS_STR, type - 24576));
        } else {
            out.append('#').append(type);
        }
        int spiSize = nd.u8(ext + 9);
        if (spiSize != 0) {
            out.append(" spi=");
            if (!rawprint(nd, ext + 12, spiSize)) {
                return trunc(nd, 11);
            }
        }
        int cp = ext + 12 + spiSize;
        if (!ipsec) {
            return cp;
        }
        int ep2 = ext + itemLen;
        if (cp < ep) {
            switch (type) {
                case 24576 -> {
                    out.append(" attrs=(");
                    while (cp < ep && cp < ep2) {
                        cp = attr(nd, cp, ep2, OAKLEY_T_MAP);
                        if (cp < 0) {
                            out.append(')');
                            return trunc(nd, 11);
                        }
                    }
                    out.append(')');
                }
                case 24577 -> {
                    out.append(" status=(");
                    // the ND_PRINT's argument is read before any of its text prints
                    String state = nd.u32(cp) != 0 ? "en" : "dis";
                    out.append("replay detection ").append(state).append("abled)");
                }
                default -> {
                    if (nd.vflag > 3) {
                        out.append(" data=(");
                        if (!rawprint(nd, cp, ep - cp)) {
                            return trunc(nd, 11);
                        }
                        out.append(')');
                    } else if (!showSomedata(nd, cp, ep)) {
                        return trunc(nd, 11);
                    }
                }
            }
        }
        return ext + itemLen;
    }

    /** ikev1_d_print(). */
    private static int v1D(Dissector nd, int ext) {
        StringBuilder out = nd.out;
        out.append("d:");
        if (!nd.ttest(ext, 12)) {
            return trunc(nd, 12);
        }
        long doi = nd.u32(ext + 4);
        int proto = nd.u8(ext + 8);
        if (doi != 1) {
            out.append(" doi=").append(doi).append(" proto=").append(proto);
        } else {
            out.append(" doi=ipsec proto=").append(strOrId(PROTOIDSTR, proto));
        }
        int spiSize = nd.u8(ext + 9);
        out.append(" spilen=").append(spiSize);
        int numSpi = nd.u16(ext + 10);
        out.append(" nspi=").append(numSpi).append(" spi=");
        int q = ext + 12;
        for (int i = 0; i < numSpi; i++) {
            if (i != 0) {
                out.append(',');
            }
            if (!rawprint(nd, q, spiSize)) {
                return trunc(nd, 12);
            }
            q += spiSize;
        }
        return q;
    }

    /** ikev2_pay_print(). */
    private static void payPrint(Dissector nd, String name, int critical) {
        nd.out.append(name).append((critical & 0x80) != 0 ? "[C]" : "").append(':');
    }

    /** ikev2_gen_print(): cert, cr, d, TSi, TSr, cp, eap. */
    private static int v2Gen(Dissector nd, int tpay, int ext, int itemLen) {
        if (!nd.ttest(ext, 4)) {
            return trunc(nd, tpay);
        }
        payPrint(nd, IsakmpPrinter.npstr(tpay), nd.u8(ext + 1));
        nd.out.append(" len=").append(itemLen - 4);
        return v1Hex(nd, tpay, ext, itemLen);
    }

    /** ikev2_t_print(). */
    private static int v2T(Dissector nd, int tcount, int ext, int itemLen, int ep) {
        if (!nd.ttest(ext, 8)) {
            return trunc(nd, NP_T);
        }
        payPrint(nd, "t", nd.u8(ext + 1));
        int tid = nd.u16(ext + 6);
        int ttype = nd.u8(ext + 4);
        AttrMap[] map = null;
        String idstr = switch (ttype) {
            case 1 -> {
                map = ENCR_T_MAP;
                yield strOrId(ESP_P_MAP, tid);
            }
            case 2 -> strOrId(PRF_P_MAP, tid);
            case 3 -> strOrId(INTEG_P_MAP, tid);
            case 4 -> strOrId(DH_P_MAP, tid);
            case 5 -> strOrId(ESN_P_MAP, tid);
            default -> Integer.toString(tid);
        };
        nd.out.append(" #").append(tcount).append(" type=").append(strOrId(IKEV2_T_TYPE_MAP, ttype))
                .append(" id=").append(idstr).append(' ');
        int cp = attrs(nd, ext + 8, ep, ext + itemLen, map);
        return cp < 0 ? trunc(nd, NP_T) : cp;
    }

    /**
     * The substructure loop of ikev2_sa_print() (proposals) and ikev2_p_print() (transforms): {@code length}
     * bytes left, each item checked against it ("toolong" skips the rest) and against the capture.
     */
    private static int v2Items(Dissector nd, int first, int cp, long length, int ep, int depth, int tpay) {
        int ext = cp;
        int count = 0;
        for (int np = first; np != 0; np = nd.u8(ext)) {
            count++;
            ext = cp;
            if (length < 4) {
                return toolong(nd, cp, length, tpay);
            }
            if (!nd.ttest(ext, 4)) {
                return trunc(nd, tpay);
            }
            int itemLen = nd.u16(ext + 2);
            if (itemLen <= 4) {
                return trunc(nd, tpay);
            }
            if (length < itemLen) {
                return toolong(nd, cp, length, tpay);
            }
            if (!nd.ttest(cp, itemLen)) {
                return trunc(nd, tpay);
            }
            depth++;
            IsakmpPrinter.indent(nd, depth);
            nd.out.append('(');
            if (np == first) {
                cp = first == NP_P ? v2P(nd, ext, itemLen, ep, depth) : v2T(nd, count, ext, itemLen, ep);
                if (cp < 0) {
                    return -1;
                }
            } else {
                nd.out.append(IsakmpPrinter.npstr(np));
                cp += itemLen;
            }
            nd.out.append(')');
            depth--;
            length -= itemLen;
        }
        return cp;
    }

    private static int toolong(Dissector nd, int cp, long length, int tpay) {
        nd.out.append(" [|").append(IsakmpPrinter.npstr(tpay)).append(']');
        return (int) (cp + length);
    }

    /** ikev2_sa_print(). */
    private static int v2Sa(Dissector nd, int tpay, int ext1, int ep, int depth) {
        if (!nd.ttest(ext1, 4)) {
            return trunc(nd, tpay);
        }
        payPrint(nd, "sa", nd.u8(ext1 + 1));
        long saLength = nd.u16(ext1 + 2) - 4;
        nd.out.append(" len=").append(saLength);
        return v2Items(nd, NP_P, ext1 + 4, saLength, ep, depth, tpay);
    }

    /** ikev2_p_print(). */
    private static int v2P(Dissector nd, int ext, int opropLength, int ep, int depth) {
        if (!nd.ttest(ext, 8)) {
            return trunc(nd, NP_P);
        }
        payPrint(nd, "p", nd.u8(ext + 1));
        long propLength = opropLength - 4;
        nd.out.append(" #").append(nd.u8(ext + 4)).append(" protoid=").append(strOrId(PROTOIDSTR, nd.u8(ext + 5)))
                .append(" transform=").append(nd.u8(ext + 7)).append(" len=").append(opropLength);
        int cp = ext + 8;
        int spiSize = nd.u8(ext + 6);
        if (spiSize != 0) {
            if (propLength < spiSize) {
                return toolong(nd, cp, propLength, NP_P);
            }
            nd.out.append(" spi=");
            if (!rawprint(nd, cp, spiSize)) {
                return trunc(nd, NP_P);
            }
            cp += spiSize;
            propLength -= spiSize;
        }
        return v2Items(nd, NP_T, cp, propLength, ep, depth, NP_P);
    }

    /** ikev2_ke_print(). */
    private static int v2Ke(Dissector nd, int tpay, int ext, int itemLen) {
        if (!nd.ttest(ext, 8)) {
            return trunc(nd, tpay);
        }
        payPrint(nd, IsakmpPrinter.npstr(tpay), nd.u8(ext + 1));
        if (itemLen < 8) {
            nd.out.append(" len=").append(itemLen).append(" < 8");
            return ext + itemLen;
        }
        nd.out.append(" len=").append(itemLen - 8).append(" group=").append(strOrId(DH_P_MAP, nd.u16(ext + 4)));
        if (nd.vflag > 2 && itemLen > 8) {
            nd.out.append(' ');
            if (!rawprint(nd, ext + 8, itemLen - 8)) {
                return trunc(nd, tpay);
            }
        }
        return ext + itemLen;
    }

    /** ikev2_ID_print(). */
    private static int v2Id(Dissector nd, int tpay, int ext, int itemLen) {
        if (!nd.ttest(ext, 8)) {
            return trunc(nd, tpay);
        }
        payPrint(nd, IsakmpPrinter.npstr(tpay), nd.u8(ext + 1));
        nd.out.append(" len=").append(itemLen - 4);
        if (nd.vflag > 2 && itemLen > 4) {
            nd.out.append(' ');
            if (!rawprint(nd, ext + 4, itemLen - 4)) {
                return trunc(nd, tpay);
            }
        }
        long idtypeLen = (itemLen - 8) & 0xffffffffL;
        int typedata = ext + 8;
        String label;
        boolean ascii = false;
        switch (nd.u8(ext + 4)) {
            case 1 -> label = " ipv4:";
            case 2 -> {
                label = " fqdn:";
                ascii = true;
            }
            case 3 -> {
                label = " rfc822:";
                ascii = true;
            }
            case 5 -> label = " ipv6:";
            case 9 -> label = " dn:";
            case 10 -> label = " gn:";
            case 11 -> label = " keyid:";
            default -> label = null;
        }
        if (label == null) {
            return ext + itemLen;
        }
        nd.out.append(label);
        if (ascii) {
            if (idtypeLen > Integer.MAX_VALUE || !nd.ttest(typedata, (int) idtypeLen)) {
                return trunc(nd, tpay);
            }
            for (int i = 0; i < idtypeLen; i++) {
                int c = nd.u8(typedata + i);
                nd.out.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
        } else if (!rawprint(nd, typedata, idtypeLen)) {
            return trunc(nd, tpay);
        }
        return ext + itemLen;
    }

    /** ikev2_auth_print(). */
    private static int v2Auth(Dissector nd, int tpay, int ext, int itemLen, int ep) {
        if (!nd.ttest(ext, 8)) {
            return trunc(nd, tpay);
        }
        payPrint(nd, IsakmpPrinter.npstr(tpay), nd.u8(ext + 1));
        nd.out.append(" len=").append(itemLen - 4).append(" method=").append(strOrId(V2_AUTH, nd.u8(ext + 4)));
        if (itemLen > 4) {
            if (nd.vflag > 1) {
                nd.out.append(" authdata=(");
                if (!rawprint(nd, ext + 8, (itemLen - 8) & 0xffffffffL)) {
                    return trunc(nd, tpay);
                }
                nd.out.append(") ");
            } else if (nd.vflag > 0 && !showSomedata(nd, ext + 8, ep)) {
                return trunc(nd, tpay);
            }
        }
        return ext + itemLen;
    }

    /** ikev2_nonce_print(). */
    private static int v2Nonce(Dissector nd, int tpay, int ext, int itemLen, int ep) {
        if (!nd.ttest(ext, 4)) {
            return trunc(nd, tpay);
        }
        payPrint(nd, "nonce", nd.u8(ext + 1));
        nd.out.append(" len=").append(itemLen - 4);
        if (nd.vflag > 1 && itemLen > 4) {
            nd.out.append(" nonce=(");
            if (!rawprint(nd, ext + 4, itemLen - 4)) {
                return trunc(nd, tpay);
            }
            nd.out.append(") ");
        } else if (nd.vflag > 0 && itemLen > 4 && !showSomedata(nd, ext + 4, ep)) {
            return trunc(nd, tpay);
        }
        return ext + itemLen;
    }

    /** ikev2_n_print(): the notify names, whether the SPI shows, and the cookie's data. */
    private static int v2N(Dissector nd, int ext, int itemLen, int ep) {
        if (!nd.ttest(ext, 8)) {
            return trunc(nd, 11);
        }
        payPrint(nd, "n", nd.u8(ext + 1));
        StringBuilder out = nd.out;
        out.append(" prot_id=").append(strOrId(PROTOIDSTR, nd.u8(ext + 4)));
        int type = nd.u16(ext + 6);
        boolean showspi = true;
        boolean showsomedata = false;
        String name;
        switch (type) {
            case 1 -> { name = "unsupported_critical_payload"; showspi = false; }
            case 4 -> name = "invalid_ike_spi";
            case 5 -> { name = "invalid_major_version"; showspi = false; }
            case 7 -> name = "invalid_syntax";
            case 9 -> name = "invalid_message_id";
            case 11 -> name = "invalid_spi";
            case 14 -> name = "no_protocol_chosen";
            case 17 -> name = "invalid_ke_payload";
            case 24 -> name = "authentication_failed";
            case 34 -> name = "single_pair_required";
            case 35 -> { name = "no_additional_sas"; showspi = false; }
            case 36 -> { name = "internal_address_failure"; showspi = false; }
            case 37 -> { name = "failed:cp_required"; showspi = false; }
            case 39 -> { name = "invalid_selectors"; showspi = false; }
            case 16384 -> { name = "initial_contact"; showspi = false; }
            case 16385 -> { name = "set_window_size"; showspi = false; }
            case 16386 -> { name = "additional_ts_possible"; showspi = false; }
            case 16387 -> { name = "ipcomp_supported"; showspi = false; }
            case 16388 -> name = "nat_detection_source_ip";
            case 16389 -> name = "nat_detection_destination_ip";
            case 16390 -> { name = "cookie"; showsomedata = true; }
            case 16391 -> { name = "use_transport_mode"; showspi = false; }
            case 16392 -> { name = "http_cert_lookup_supported"; showspi = false; }
            case 16393 -> name = "rekey_sa";
            case 16394 -> { name = "tfc_padding_not_supported"; showspi = false; }
            case 16395 -> { name = "non_first_fragment_also"; showspi = false; }
            default -> name = type < 8192 ? "error" : type < 16384 ? "private-error"
                    : type < 40960 ? "status" : "private-status";
        }
        out.append(" type=").append(type).append('(').append(name).append(')');
        int spiSize = nd.u8(ext + 5);
        if (showspi && spiSize != 0) {
            out.append(" spi=");
            if (!rawprint(nd, ext + 8, spiSize)) {
                return trunc(nd, 11);
            }
        }
        int cp = ext + 8 + spiSize;
        if (cp < ep) {
            if (nd.vflag > 3 || showsomedata && ep - cp < 30) {
                out.append(" data=(");
                if (!rawprint(nd, cp, ep - cp)) {
                    return trunc(nd, 11);
                }
                out.append(')');
            } else if (showsomedata && !showSomedata(nd, cp, ep)) {
                return trunc(nd, 11);
            }
        }
        return ext + itemLen;
    }

    /** ikev2_vid_print(). */
    private static int v2Vid(Dissector nd, int tpay, int ext, int itemLen) {
        if (!nd.ttest(ext, 4)) {
            return trunc(nd, tpay);
        }
        payPrint(nd, IsakmpPrinter.npstr(tpay), nd.u8(ext + 1));
        int len = itemLen - 4;
        nd.out.append(" len=").append(len).append(" vid=");
        if (!nd.ttest(ext + 4, len)) {
            return trunc(nd, tpay);
        }
        for (int i = 0; i < len; i++) {
            int c = nd.u8(ext + 4 + i);
            nd.out.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        if (nd.vflag > 2 && len > 4) {
            nd.out.append(' ');
            if (!rawprint(nd, ext + 4, len)) {
                return trunc(nd, tpay);
            }
        }
        return ext + itemLen;
    }

    /** ikev2_e_print(): no secrets, so nothing is decrypted; always NULL, E being last. */
    static int v2E(Dissector nd, int tpay, int ext, int itemLen) {
        if (!nd.ttest(ext, 4)) {
            return trunc(nd, tpay);
        }
        payPrint(nd, IsakmpPrinter.npstr(tpay), nd.u8(ext + 1));
        int dlen = itemLen - 4;
        nd.out.append(" len=").append(dlen);
        if (nd.vflag > 2 && dlen > 4) {
            nd.out.append(' ');
            if (!rawprint(nd, ext + 4, dlen)) {
                return trunc(nd, tpay);
            }
        }
        if (!nd.ttest(ext + 4, dlen)) {
            return trunc(nd, tpay);
        }
        return -1;
    }
}
