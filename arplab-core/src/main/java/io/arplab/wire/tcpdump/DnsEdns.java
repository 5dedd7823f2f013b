package io.arplab.wire.tcpdump;

/** print-domain.c's EDNS options in an OPT record: edns_opt2str, eopt_print() and its client-subnet, DAU/DHU lists. */
final class DnsEdns {
    private DnsEdns() {}

    /** edns_opt2str. */
    private static String eoptName(int opt) {
        return switch (opt) {
            case 1 -> "LLQ";
            case 2 -> "UL";
            case 3 -> "NSID";
            case 5 -> "DAU";
            case 6 -> "DHU";
            case 7 -> "N3U";
            case 8 -> "ECS";
            case 9 -> "EXPIRE";
            case 10 -> "COOKIE";
            case 11 -> "KEEPALIVE";
            case 12 -> "PADDING";
            case 13 -> "CHAIN";
            case 14 -> "KEY-TAG";
            case 16 -> "CLIENT-TAG";
            case 17 -> "SERVER-TAG";
            default -> null;
        };
    }

    /** eopt_print(): one EDNS option. */
    static int eoptPrint(Dissector nd, int cp) {
        StringBuilder out = nd.out;
        if (!nd.ttest(cp, 2)) {
            return -1;
        }
        int opt = nd.u16(cp);
        cp += 2;
        String name = eoptName(opt);
        if (name == null) {
            out.append("Opt").append(opt);
        } else {
            out.append(name);
        }
        if (!nd.ttest(cp, 2)) {
            return -1;
        }
        int dataLen = nd.u16(cp);
        cp += 2;
        if (!nd.ttest(cp, dataLen)) {
            return -1;
        }
        if (dataLen > 0) {
            out.append(' ');
            switch (opt) {
                case 8 -> ecs(nd, cp, dataLen);
                case 10 -> {
                    if (dataLen < 8 || (dataLen > 8 && dataLen < 16) || dataLen > 40) {
                        nd.invalid();
                    } else {
                        for (int i = 0; i < dataLen; ++i) {
                            if (i == 8) {
                                out.append(' ');
                            }
                            nd.hex2(nd.u8(cp + i));
                        }
                    }
                }
                case 11 -> {
                    if (dataLen != 2) {
                        nd.invalid();
                    } else {
                        int v = nd.u16(cp);
                        out.append(v / 10).append('.').append(v % 10).append(" sec");
                    }
                }
                case 9 -> {
                    if (dataLen != 4) {
                        nd.invalid();
                    } else {
                        out.append(nd.u32(cp)).append(" sec");
                    }
                }
                case 12 -> out.append('(').append(dataLen).append(')');
                case 14 -> {
                    if (dataLen % 2 != 0) {
                        nd.invalid();
                    } else {
                        for (int i = 0; i < dataLen; i += 2) {
                            if (i > 0) {
                                out.append(' ');
                            }
                            out.append(nd.u16(cp + i));
                        }
                    }
                }
                case 5, 6, 7 -> {
                    for (int i = 0; i < dataLen; ++i) {
                        if (i > 0) {
                            out.append(' ');
                        }
                        int alg = nd.u8(cp + i);
                        String s = opt == 5 ? dauAlg(alg) : opt == 6 ? dhuAlg(alg) : (alg == 1 ? "SHA-1" : null);
                        if (s == null) {
                            out.append("Alg_").append(alg);
                        } else {
                            out.append(s);
                        }
                    }
                }
                case 13 -> DnsNames.fqdnPrint(nd, cp, cp + dataLen);
                default -> {
                    for (int i = 0; i < dataLen; ++i) {
                        nd.hex2(nd.u8(cp + i));
                    }
                }
            }
        }
        return cp + dataLen;
    }

    private static String dauAlg(int a) {
        return switch (a) {
            case 0 -> "DELETE";
            case 1 -> "RSAMD5";
            case 2 -> "DH";
            case 3 -> "DS";
            case 5 -> "RSASHA1";
            case 6 -> "DSA-NSEC3-SHA1";
            case 7 -> "RSASHA1-NSEC3-SHA1";
            case 8 -> "RSASHA256";
            case 10 -> "RSASHA512";
            case 12 -> "ECC-GOST";
            case 13 -> "ECDSAP256SHA256";
            case 14 -> "ECDSAP384SHA384";
            case 15 -> "ED25519";
            case 16 -> "ED448";
            case 252 -> "INDIRECT";
            case 253 -> "PRIVATEDNS";
            case 254 -> "PRIVATEOID";
            default -> null;
        };
    }

    private static String dhuAlg(int a) {
        return switch (a) {
            case 1 -> "SHA-1";
            case 2 -> "SHA-256";
            case 3 -> "GOST_R_34.11-94";
            case 4 -> "SHA-384";
            default -> null;
        };
    }

    /** print_eopt_ecs(): EDNS client subnet. */
    private static void ecs(Dissector nd, int cp, int dataLen) {
        if (dataLen < 4) {
            nd.invalid();
            return;
        }
        int family = nd.u16(cp);
        int srcLen = nd.u8(cp + 2);
        int scopeLen = nd.u8(cp + 3);
        cp += 4;
        int addrBits;
        if (family == 1) {
            addrBits = 32;
        } else if (family == 2) {
            addrBits = 128;
        } else {
            nd.invalid();
            return;
        }
        if (dataLen - 4 > addrBits / 8) {
            nd.invalid();
            return;
        }
        if (srcLen > addrBits || scopeLen > addrBits || ((srcLen + 7) / 8) != dataLen - 4) {
            nd.invalid();
            return;
        }
        byte[] padded = new byte[16];
        for (int i = 0; i < dataLen - 4; i++) {
            padded[i] = (byte) nd.u8(cp + i);
        }
        if (family == 1) {
            Names.ipaddr(nd.out, padded, 0);
        } else {
            Names.ip6addr(nd.out, padded, 0);
        }
        nd.out.append('/').append(srcLen).append('/').append(scopeLen);
    }
}
