package io.arplab.wire.tcpdump;

/** print-igmp.c: IGMP v1/v2/v3 queries, reports and leaves (RFC 1112, 2236, 3376) and mtrace. */
final class IgmpPrinter {
    static final int IPPROTO_IGMP = 2;
    private static final String[] V3_REPORT_TYPES = {null, "is_in", "is_ex", "to_in", "to_ex", "allow", "block"};

    private IgmpPrinter() {}

    /** igmp_print(). */
    static void igmpPrint(Dissector nd, int bp, int len) {
        nd.protocol = "igmp";
        StringBuilder out = nd.out;
        if (nd.qflag) {
            out.append("igmp");
            return;
        }
        int type = nd.u8(bp);
        switch (type) {
            case 0x11 -> {
                out.append("igmp query");
                if (len >= 12) {
                    v3Query(nd, bp, len);
                } else {
                    int mrt = nd.u8(bp + 1);
                    if (mrt != 0) {
                        out.append(" v2");
                        if (mrt != 100) {
                            out.append(" [max resp time ").append(mrt).append(']');
                        }
                    } else {
                        out.append(" v1");
                    }
                    if (nd.u32(bp + 4) != 0) {
                        out.append(" [gaddr ");
                        Names.ipaddr(out, nd.p, bp + 4);
                        out.append(']');
                    }
                    if (len != 8) {
                        out.append(" [len ").append(len).append(']');
                    }
                }
            }
            case 0x12, 0x16, 0x17 -> {
                nd.check(bp + 4, 4);
                out.append(type == 0x12 ? "igmp v1 report " : type == 0x16 ? "igmp v2 report " : "igmp leave ");
                Names.ipaddr(out, nd.p, bp + 4);
                if (type == 0x12 && len != 8) {
                    out.append(" [len ").append(len).append(']');
                }
            }
            case 0x22 -> {
                out.append("igmp v3 report");
                v3Report(nd, bp, len);
            }
            case 0x1e -> mtrace(nd, "mresp", bp, len);
            case 0x1f -> mtrace(nd, "mtrace", bp, len);
            default -> out.append("igmp-").append(type);
        }
        if (nd.vflag > 0 && len >= 4 && nd.ttest(bp, len) && Checksum.cksum(nd.p, bp, len) != 0) {
            out.append(" bad igmp cksum ");
            nd.hex(nd.u16(bp + 2));
            out.append('!');
        }
    }

    /** print_mtrace(). */
    private static void mtrace(Dissector nd, String typename, int bp, int len) {
        StringBuilder out = nd.out;
        int tr = bp + 8;
        if (len < 8 + 16) {
            out.append(" [invalid len ").append(len).append(']');
            return;
        }
        nd.check(tr, 16);
        out.append(typename).append(' ').append(nd.u24(tr + 13)).append(": ");
        Names.ipaddr(out, nd.p, tr);
        out.append(" to ");
        Names.ipaddr(out, nd.p, tr + 4);
        out.append(" reply-to ");
        Names.ipaddr(out, nd.p, tr + 8);
        if ((nd.u32(tr + 8) & 0xf0000000L) == 0xe0000000L) {
            out.append(" with-ttl ").append(nd.u8(tr + 12));
        }
    }

    /** print_igmpv3_report(). */
    private static void v3Report(Dissector nd, int bp, int len) {
        StringBuilder out = nd.out;
        if (len < 16 || (len & 3) != 0) {
            out.append(" [invalid len ").append(len).append(']');
            return;
        }
        int ngroups = nd.u16(bp + 6);
        out.append(", ").append(ngroups).append(" group record(s)");
        if (nd.vflag == 0) {
            return;
        }
        long group = 8;
        for (int i = 0; i < ngroups; i++) {
            if (len < group + 8) {
                out.append(" [invalid number of groups]");
                return;
            }
            int g = (int) (bp + group);
            nd.check(g + 4, 4);
            out.append(" [gaddr ");
            Names.ipaddr(out, nd.p, g + 4);
            int rtype = nd.u8(g);
            out.append(' ');
            if (rtype >= 1 && rtype <= 6) {
                out.append(V3_REPORT_TYPES[rtype]);
            } else {
                out.append(" [v3-report-#").append(rtype).append(']');
            }
            int nsrcs = nd.u16(g + 2);
            if (len < group + 8 + ((long) nsrcs << 2)) {
                out.append(" [invalid number of sources ").append(nsrcs).append(']');
                return;
            }
            if (nd.vflag == 1) {
                out.append(", ").append(nsrcs).append(" source(s)");
            } else {
                out.append(" {");
                for (int j = 0; j < nsrcs; j++) {
                    nd.check(g + 8 + (j << 2), 4);
                    out.append(' ');
                    Names.ipaddr(out, nd.p, g + 8 + (j << 2));
                }
                out.append(" }");
            }
            group += 8 + ((long) nsrcs << 2);
            out.append(']');
        }
    }

    /** print_igmpv3_query(). */
    private static void v3Query(Dissector nd, int bp, int len) {
        StringBuilder out = nd.out;
        out.append(" v3");
        if (len < 12 || (len & 3) != 0) {
            out.append(" [invalid len ").append(len).append(']');
            return;
        }
        int mrc = nd.u8(bp + 1);
        int mrt = mrc < 128 ? mrc : ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3);
        if (mrc != 100) {
            out.append(" [max resp time ");
            if (mrt < 600) {
                out.append(mrt / 10).append('.').append(mrt % 10).append('s');
            } else {
                DnsPrinter.relts(out, mrt / 10);
            }
            out.append(']');
        }
        if (nd.u32(bp + 4) == 0) {
            return;
        }
        out.append(" [gaddr ");
        Names.ipaddr(out, nd.p, bp + 4);
        int nsrcs = nd.u16(bp + 10);
        if (nsrcs > 0) {
            if (len < 12 + (nsrcs << 2)) {
                out.append(" [invalid number of sources]");
            } else if (nd.vflag > 1) {
                out.append(" {");
                for (int i = 0; i < nsrcs; i++) {
                    nd.check(bp + 12 + (i << 2), 4);
                    out.append(' ');
                    Names.ipaddr(out, nd.p, bp + 12 + (i << 2));
                }
                out.append(" }");
            } else {
                out.append(", ").append(nsrcs).append(" source(s)");
            }
        }
        out.append(']');
    }
}
