package io.arplab.wire.tcpdump;

/**
 * print-ospf.c: OSPFv2 (RFC 2328), IP protocol 89: the header, Hello, Database Description, LS-Request, LS-Update
 * (router, network, summary, external, NSSA and group LSAs) and LS-Ack, and the LLS block (RFC 4813). Opaque LSAs'
 * TLVs (TE, grace, router information) are printers this package does not carry.
 */
final class OspfPrinter {
    static final int IPPROTO_OSPF = 89;
    private static final int[] OPTION_BITS = {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80};
    private static final String[] OPTION_NAMES = {"MultiTopology", "External", "Multicast", "NSSA", "LLS",
        "Demand Circuit", "Opaque", "Up/Down"};
    private static final int[] RLA_BITS = {0x01, 0x02, 0x04, 0x08, 0x10, 0x80};
    private static final String[] RLA_NAMES = {"ABR", "ASBR", "Virtual", "Wildcard", "Nt", "Host"};
    private static final int[] DD_BITS = {0x04, 0x02, 0x01, 0x08};
    private static final String[] DD_NAMES = {"Init", "More", "Master", "OOBResync"};

    private OspfPrinter() {}

    private static String type(int t) {
        return switch (t) {
            case 1 -> "Hello";
            case 2 -> "Database Description";
            case 3 -> "LS-Request";
            case 4 -> "LS-Update";
            case 5 -> "LS-Ack";
            default -> null;
        };
    }

    private static String lsa(long t) {
        return switch ((int) Math.min(t, 99)) {
            case 1 -> "Router";
            case 2 -> "Network";
            case 3 -> "Summary";
            case 4 -> "ASBR Summary";
            case 5 -> "External";
            case 6 -> "Multicast Group";
            case 7 -> "NSSA";
            case 9 -> "Link Local Opaque";
            case 10 -> "Area Local Opaque";
            case 11 -> "Domain Wide Opaque";
            default -> "unknown";
        };
    }

    private static String opaque(int t) {
        return switch (t) {
            case 1 -> "Traffic Engineering";
            case 3 -> "Graceful restart";
            case 4 -> "Router Information";
            default -> "unknown";
        };
    }

    private static String topology(long t) {
        return t == 0 ? "default" : t == 1 ? "multicast" : t == 2 ? "management" : "Unknown";
    }

    private static void addr(Dissector nd, int off) {
        nd.check(off, 4);
        Names.ipaddr(nd.out, nd.p, off);
    }

    /** ND_PRINT("label%s", GET_IPADDR_STRING(p)): nothing printed when the address was not captured. */
    private static void addr(Dissector nd, String label, int off) {
        nd.check(off, 4);
        nd.out.append(label);
        Names.ipaddr(nd.out, nd.p, off);
    }

    /** ospf_print(). */
    static void ospfPrint(Dissector nd, int bp, int length) {
        nd.protocol = "ospf2";
        StringBuilder out = nd.out;
        if (nd.u16(bp + 14) == 2) {
            length -= 16;
            nd.snapend -= 16;
        }
        int t = nd.u8(bp + 1);
        String cp = type(t);
        out.append("OSPFv").append(nd.u8(bp)).append(", ").append(cp == null ? "unknown LS-type " + t : cp)
                .append(", length ").append(length & 0xffffffffL);
        if (cp == null || nd.vflag == 0) {
            return;
        }
        int ospfLen = nd.u16(bp + 2);
        if (length != ospfLen) {
            out.append(" [len ").append(ospfLen).append(']');
        }
        int dataend = Integer.compareUnsigned(length, ospfLen) > 0 ? bp + ospfLen : bp + length;
        addr(nd, "\n\tRouter-ID ", bp + 4);
        nd.check(bp + 8, 4);
        if (nd.u32(bp + 8) != 0) {
            addr(nd, ", Area ", bp + 8);
        } else {
            out.append(", Backbone Area");
        }
        nd.check(bp + 16, 8);
        int authtype = nd.u16(bp + 14);
        out.append(", Authentication Type: ")
                .append(authtype == 0 ? "none" : authtype == 1 ? "simple" : authtype == 2 ? "MD5" : "unknown")
                .append(" (").append(authtype).append(')');
        switch (authtype) {
            case 0 -> { }
            case 1 -> {
                out.append("\n\tSimple text password: ");
                nd.printjnp(bp + 16, 8);
            }
            case 2 -> {
                out.append("\n\tKey-ID: ").append(nd.u8(bp + 18)).append(", Auth-Length: ").append(nd.u8(bp + 19))
                        .append(", Crypto Sequence Number: 0x");
                Names.appendHex(out, nd.u32(bp + 20), 8);
            }
            default -> {
                return;
            }
        }
        int version = nd.u8(bp);
        if (version == 2) {
            decodeV2(nd, bp, dataend);
            if (Integer.compareUnsigned(length, ospfLen) > 0) {
                decodeLls(nd, bp, length);
            }
        } else {
            out.append(" ospf [version ").append(version).append(']');
        }
    }

    /** ospf_print_lshdr(): the LSA's length, or -1 when shorter than its header. */
    private static int lshdr(Dissector nd, int lsh) {
        StringBuilder out = nd.out;
        int lsLength = nd.u16(lsh + 18);
        if (lsLength < 20) {
            out.append("\n\t    Bogus length ").append(lsLength).append(" < header (20)");
            return -1;
        }
        long seq = nd.u32(lsh + 12);
        int age = nd.u16(lsh);
        addr(nd, "\n\t  Advertising Router ", lsh + 8);
        out.append(", seq 0x");
        Names.appendHex(out, seq, 8);
        out.append(", age ").append(age).append("s, length ").append(lsLength - 20);
        int lsType = nd.u8(lsh + 3);
        if (lsType >= 9 && lsType <= 11) {
            int ot = nd.u8(lsh + 4);
            nd.u24(lsh + 5);
            out.append("\n\t    ").append(lsa(lsType)).append(" LSA (").append(lsType).append("), Opaque-Type ")
                    .append(opaque(ot)).append(" LSA (").append(ot).append("), Opaque-ID ").append(nd.u24(lsh + 5));
        } else {
            nd.check(lsh + 4, 4);
            out.append("\n\t    ").append(lsa(lsType)).append(" LSA (").append(lsType).append("), LSA-ID: ");
            addr(nd, lsh + 4);
        }
        out.append("\n\t    Options: [").append(BfdPrinter.bittok2str(OPTION_BITS, OPTION_NAMES, nd.u8(lsh + 2)))
                .append(']');
        return lsLength;
    }

    /** ospf_print_tos_metrics(). */
    private static void tosMetrics(Dissector nd, int tos) {
        int toscount = nd.u8(tos + 1) + 1;
        int metricCount = 0;
        while (toscount != 0) {
            int tosType = nd.u8(tos);
            int shown = metricCount != 0 ? tosType : 0;
            nd.out.append("\n\t\ttopology ").append(topology(shown)).append(" (").append(shown).append("), metric ")
                    .append(nd.u16(tos + 2));
            metricCount++;
            tos += 4;
            toscount--;
        }
    }

    /** ospf_print_lsa(): the offset after the LSA. */
    private static int lsaPrint(Dissector nd, int lsap) {
        StringBuilder out = nd.out;
        int lsLength = lshdr(nd, lsap);
        if (lsLength < 0) {
            throw Truncated.INSTANCE;
        }
        int lsEnd = lsap + lsLength;
        lsLength -= 20;
        int body = lsap + 20;
        switch (nd.u8(lsap + 3)) {
            case 1 -> {
                out.append("\n\t    Router LSA Options: [")
                        .append(BfdPrinter.bittok2str(RLA_BITS, RLA_NAMES, nd.u8(body))).append(']');
                int count = nd.u16(body + 2);
                nd.check(body + 4, 12);
                int rlp = body + 4;
                for (int i = count; i != 0; i--) {
                    nd.check(rlp, 12);
                    int linkType = nd.u8(rlp + 8);
                    String what = switch (linkType) {
                        case 4 -> "\n\t      Virtual Link: Neighbor Router-ID: ";
                        case 1 -> "\n\t      Neighbor Router-ID: ";
                        case 2 -> "\n\t      Neighbor Network-ID: ";
                        case 3 -> "\n\t      Stub Network: ";
                        default -> null;
                    };
                    if (what == null) {
                        out.append("\n\t      Unknown Router Link Type (").append(linkType).append(')');
                        return lsEnd;
                    }
                    out.append(what);
                    addr(nd, rlp);
                    out.append(linkType == 3 ? ", Mask: " : ", Interface Address: ");
                    addr(nd, rlp + 4);
                    tosMetrics(nd, rlp + 8);
                    rlp += 12 + nd.u8(rlp + 9) * 4;
                }
            }
            case 2 -> {
                addr(nd, "\n\t    Mask ", body);
                out.append("\n\t    Connected Routers:");
                for (int ap = body + 4; ap < lsEnd; ap += 4) {
                    addr(nd, "\n\t      ", ap);
                }
            }
            case 3, 4 -> {
                if (nd.u8(lsap + 3) == 3) {
                    nd.check(body, 4);
                    addr(nd, "\n\t    Mask ", body);
                }
                nd.check(body + 4, 4);
                for (int lp = body + 4; lp < lsEnd; lp += 4) {
                    long ul = nd.u32(lp);
                    long topo = (ul & 0x7f000000L) >> 24;
                    out.append("\n\t\ttopology ").append(topology(topo)).append(" (").append(topo).append(") metric ")
                            .append(ul & 0x00ffffffL);
                }
            }
            case 5, 7 -> {
                nd.check(body, 4);
                addr(nd, "\n\t    Mask ", body);
                nd.check(body + 4, 4);
                for (int almp = body + 4; almp < lsEnd; almp += 12) {
                    long ul = nd.u32(almp);
                    long topo = (ul & 0x7f000000L) >> 24;
                    out.append("\n\t\ttopology ").append(topology(topo)).append(" (").append(topo).append("), type ")
                            .append((ul & 0x80000000L) != 0 ? 2 : 1).append(", metric");
                    if ((ul & 0x00ffffffL) == 0xffffff) {
                        out.append(" infinite");
                    } else {
                        out.append(' ').append(ul & 0x00ffffffL);
                    }
                    nd.check(almp + 4, 4);
                    if (nd.u32(almp + 4) != 0) {
                        addr(nd, ", forward ", almp + 4);
                    }
                    nd.check(almp + 8, 4);
                    if (nd.u32(almp + 8) != 0) {
                        addr(nd, ", tag ", almp + 8);
                    }
                }
            }
            case 6 -> {
                for (int mcp = body; mcp < lsEnd; mcp += 8) {
                    long vtype = nd.u32(mcp);
                    if (vtype == 1) {
                        addr(nd, "\n\t    Router Router-ID ", mcp + 4);
                    } else if (vtype == 2) {
                        addr(nd, "\n\t    Network Designated Router ", mcp + 4);
                    } else {
                        out.append("\n\t    unknown VertexType (").append(vtype).append(')');
                    }
                }
            }
            case 9, 10, 11 -> {
                // the opaque TLVs: ospf_te_lsa_print(), ospf_grace_lsa_print() and the RI TLVs are not carried
                int ot = nd.u8(lsap + 4);
                if (ot != 1 && ot != 3 && ot != 4 && nd.vflag <= 1
                        && !unknownData(nd, body, "\n\t    ", lsLength)) {
                    return lsEnd;
                }
            }
            default -> { }
        }
        if (nd.vflag > 1 && !unknownData(nd, body, "\n\t    ", lsLength)) {
            return lsEnd;
        }
        return lsEnd;
    }

    private static boolean unknownData(Dissector nd, int off, String ident, int len) {
        boolean ok = nd.ttest(off, 0);
        HexDump.unknownData(nd, off, ident, len);
        return ok;
    }

    /** ospf_decode_v2(). */
    private static void decodeV2(Dissector nd, int op, int dataend) {
        StringBuilder out = nd.out;
        switch (nd.u8(op + 1)) {
            case 1 -> {
                String options = BfdPrinter.bittok2str(OPTION_BITS, OPTION_NAMES, nd.u8(op + 30));
                out.append("\n\tOptions [").append(options).append(']');
                int helloint = nd.u16(op + 28);
                long deadint = nd.u32(op + 32);
                nd.check(op + 24, 4);
                int priority = nd.u8(op + 31);
                out.append("\n\t  Hello Timer ").append(helloint).append("s, Dead Timer ").append(deadint)
                        .append("s, Mask ");
                addr(nd, op + 24);
                out.append(", Priority ").append(priority);
                nd.check(op + 36, 4);
                if (nd.u32(op + 36) != 0) {
                    addr(nd, "\n\t  Designated Router ", op + 36);
                }
                nd.check(op + 40, 4);
                if (nd.u32(op + 40) != 0) {
                    addr(nd, ", Backup Designated Router ", op + 40);
                }
                int ap = op + 44;
                if (ap < dataend) {
                    out.append("\n\t  Neighbor List:");
                }
                for (; ap < dataend; ap += 4) {
                    addr(nd, "\n\t    ", ap);
                }
            }
            case 2 -> {
                String options = BfdPrinter.bittok2str(OPTION_BITS, OPTION_NAMES, nd.u8(op + 26));
                out.append("\n\tOptions [").append(options).append(']');
                String ddFlags = BfdPrinter.bittok2str(DD_BITS, DD_NAMES, nd.u8(op + 27));
                out.append(", DD Flags [").append(ddFlags).append(']');
                int mtu = nd.u16(op + 24);
                if (mtu != 0) {
                    out.append(", MTU: ").append(mtu);
                }
                out.append(", Sequence: 0x");
                Names.appendHex(out, nd.u32(op + 28), 8);
                for (int lsh = op + 32; lsh < dataend && lshdr(nd, lsh) != -1; lsh += 20) {
                    // every LSA header
                }
            }
            case 3 -> {
                for (int lsr = op + 24; lsr < dataend; lsr += 12) {
                    nd.check(lsr, 12);
                    long lsType = nd.u32(lsr);
                    addr(nd, "\n\t  Advertising Router: ", lsr + 8);
                    out.append(", ").append(lsa(lsType)).append(" LSA (").append(lsType).append(')');
                    if (lsType >= 9 && lsType <= 11) {
                        int ot = nd.u8(lsr + 4);
                        out.append(", Opaque-Type: ").append(opaque(ot)).append(" LSA (").append(ot)
                                .append("), Opaque-ID: ").append(nd.u24(lsr + 5));
                    } else {
                        addr(nd, ", LSA-ID: ", lsr + 4);
                    }
                }
            }
            case 4 -> {
                long max = nd.u32(op + 24);
                out.append(", ").append(max).append(" LSA").append(max == 1 ? "" : "s");
                int lsap = op + 28;
                for (long count = 1; count <= max; count++) {
                    out.append("\n\t  LSA #").append(count);
                    lsap = lsaPrint(nd, lsap);
                }
            }
            case 5 -> {
                for (int lsh = op + 24; lshdr(nd, lsh) != -1; lsh += 20) {
                    // until a read runs off the packet
                }
            }
            default -> { }
        }
    }

    /** ospf_decode_lls(). */
    private static void decodeLls(Dissector nd, int op, int length) {
        StringBuilder out = nd.out;
        int type = nd.u8(op + 1);
        if (type == 1) {
            if ((nd.u8(op + 30) & 0x10) == 0) {
                return;
            }
        } else if (type == 2) {
            if ((nd.u8(op + 26) & 0x10) == 0) {
                return;
            }
        } else {
            return;
        }
        int length2 = nd.u16(op + 2);
        int dptr = op + length2;
        int dataend = op + length;
        if (nd.u16(op + 14) == 2) {
            dptr += nd.u8(op + 19);
            length2 += nd.u8(op + 19);
        }
        if (Integer.compareUnsigned(length2, length) >= 0) {
            out.append("\n\t[LLS truncated]");
            return;
        }
        out.append("\n\t  LLS: checksum: 0x");
        nd.hex4(nd.u16(dptr));
        dptr += 2;
        out.append(", length: ").append(nd.u16(dptr));
        dptr += 2;
        while (dptr < dataend) {
            int llsType = nd.u16(dptr);
            out.append("\n\t    ").append(llsType == 1 ? "Extended Options" : llsType == 2 ? "MD5 Authentication"
                    : "Unknown TLV").append(" (").append(llsType).append(')');
            dptr += 2;
            int llsLen = nd.u16(dptr);
            out.append(", length: ").append(llsLen);
            dptr += 2;
            if (llsType == 1) {
                if (llsLen != 4) {
                    out.append(" [should be 4]");
                    llsLen = 4;
                }
                long flags = nd.u32(dptr);
                out.append("\n\t      Options: 0x");
                Names.appendHex(out, flags, 8);
                StringBuilder names = new StringBuilder();
                if ((flags & 0x1) != 0) {
                    names.append("LSDB resync");
                }
                if ((flags & 0x2) != 0) {
                    names.append(names.length() == 0 ? "" : ", ").append("Restart");
                }
                out.append(" [").append(names.length() == 0 ? "?" : names).append(']');
            } else if (llsType == 2) {
                if (llsLen != 20) {
                    out.append(" [should be 20]");
                    llsLen = 20;
                }
                out.append("\n\t      Sequence number: 0x");
                Names.appendHex(out, nd.u32(dptr), 8);
            }
            dptr += llsLen;
        }
    }
}
