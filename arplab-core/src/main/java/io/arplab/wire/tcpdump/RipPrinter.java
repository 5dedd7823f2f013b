package io.arplab.wire.tcpdump;

/** print-rip.c: RIP v1 (RFC 1058) and v2 (RFC 2453) with its authentication entries. */
final class RipPrinter {
    static final int RIP_PORT = 520;
    private static final int ROUTELEN = 20;
    private static final int AUTHLEN = 16;
    private static final String[] COMMANDS = {null, "Request", "Response", "Trace on", "Trace off", "Poll",
            "Poll Entry"};

    private RipPrinter() {}

    /** rip_print(). */
    static void ripPrint(Dissector nd, int dat, int length) {
        nd.protocol = "rip";
        StringBuilder out = nd.out;
        if (nd.snapend < dat) {
            nd.trunc();
            return;
        }
        int len = Math.min(nd.available(dat), length);
        if (len < 4) {
            nd.trunc();
            return;
        }
        len -= 4;
        int vers = nd.u8(dat + 1);
        out.append(nd.vflag >= 1 ? "\n\t" : "").append("RIPv").append(vers);
        if (vers == 0) {
            HexDump.unknownData(nd, dat, "\n\t", length);
            return;
        }
        int cmd = nd.u8(dat);
        out.append(", ");
        if (cmd >= 1 && cmd <= 6) {
            out.append(COMMANDS[cmd]);
        } else {
            out.append("unknown command (").append(cmd).append(')');
        }
        out.append(", length: ").append(length);
        if (nd.vflag < 1) {
            return;
        }
        switch (cmd) {
            case 1, 2 -> {
                if (vers == 1 || vers == 2) {
                    out.append(", routes: ").append(length / ROUTELEN).append(vers == 2 ? " or less" : "");
                    int p = dat + 4;
                    while (len != 0) {
                        int size = vers == 1 ? entryV1(nd, p, len) : entryV2(nd, p, len);
                        if (size == 0) {
                            nd.trunc();
                            break;
                        }
                        if (len < size) {
                            out.append(" [remaining entries length ").append(len).append(" < ").append(size)
                                    .append(']');
                            nd.invalid();
                            break;
                        }
                        p += size;
                        len -= size;
                    }
                } else {
                    out.append(", unknown version");
                }
            }
            case 4, 5, 6 -> { }
            default -> {
                if (nd.vflag <= 1) {
                    HexDump.unknownData(nd, dat, "\n\t", length);
                }
            }
        }
        if (nd.vflag > 1) {
            HexDump.unknownData(nd, dat, "\n\t", length);
        }
    }

    private static String af(int family) {
        String name = NullPrinter.bsdAf(family);
        return name != null ? name : "Unknown (" + family + ")";
    }

    /** rip_entry_print_v1(): the entry's size, 0 when cut short. */
    private static int entryV1(Dissector nd, int p, int remaining) {
        StringBuilder out = nd.out;
        if (remaining < ROUTELEN || !nd.ttest(p, ROUTELEN)) {
            return 0;
        }
        int family = nd.u16(p);
        if (family != 2 && family != 0) {
            out.append("\n\t AFI ").append(af(family)).append(", ");
            HexDump.unknownData(nd, p + 4, "\n\t  ", ROUTELEN - 4);
            return ROUTELEN;
        }
        if (nd.u16(p + 2) != 0 || nd.u32(p + 8) != 0 || nd.u32(p + 12) != 0) {
            HexDump.unknownData(nd, p, "\n\t  ", ROUTELEN);
            return ROUTELEN;
        }
        out.append(family == 0 ? "\n\t  AFI 0, " : "\n\t  ");
        Names.ipaddr(out, nd.p, p + 4);
        out.append(", metric: ").append(nd.u32(p + 16));
        return ROUTELEN;
    }

    /** rip_entry_print_v2(): the entry's size, 0 when cut short. */
    private static int entryV2(Dissector nd, int p, int remaining) {
        StringBuilder out = nd.out;
        if (remaining < 4 || !nd.ttest(p, 4)) {
            return 0;
        }
        int family = nd.u16(p);
        if (family == 0xffff) {
            int authType = nd.u16(p + 2);
            p += 4;
            remaining -= 4;
            if (authType == 2) {
                out.append("\n\t  Simple Text Authentication data: ");
                nd.printjnp(p, AUTHLEN);
            } else if (authType == 3) {
                if (!nd.ttest(p, 16) || remaining < 16) {
                    return 0;
                }
                out.append("\n\t  Auth header:");
                out.append(" Packet Len ").append(nd.u16(p)).append(',');
                out.append(" Key-ID ").append(nd.u8(p + 2)).append(',');
                out.append(" Auth Data Len ").append(nd.u8(p + 3)).append(',');
                out.append(" SeqNo ").append(nd.u32(p + 4)).append(',');
                out.append(" MBZ ").append(nd.u32(p + 8)).append(',');
                out.append(" MBZ ").append(nd.u32(p + 12));
            } else if (authType == 1) {
                out.append("\n\t  Auth trailer:");
                HexDump.unknownData(nd, p, "\n\t  ", remaining);
                return 4 + remaining;
            } else {
                out.append("\n\t  Unknown (").append(authType).append(") Authentication data:");
                HexDump.unknownData(nd, p, "\n\t  ", remaining);
                return 4 + remaining;
            }
        } else if (family != 2 && family != 0) {
            out.append("\n\t  AFI ").append(af(family));
            HexDump.unknownData(nd, p + 4, "\n\t  ", ROUTELEN - 4);
        } else {
            if (!nd.ttest(p, ROUTELEN) || remaining < ROUTELEN) {
                return 0;
            }
            String name = NullPrinter.bsdAf(family);
            out.append("\n\t  AFI ").append(name != null ? name : Integer.toString(family)).append(", ");
            StringBuilder dest = new StringBuilder(15);
            Names.ipaddr(dest, nd.p, p + 4);
            out.append(" ".repeat(Math.max(0, 15 - dest.length()))).append(dest).append('/');
            String plen = Integer.toString(mask2plen(nd.u32(p + 8)));
            out.append(plen).append(" ".repeat(Math.max(0, 2 - plen.length())));
            out.append(", tag 0x");
            nd.hex4(nd.u16(p + 2));
            out.append(", metric: ").append(nd.u32(p + 16)).append(", next-hop: ");
            if (nd.u32(p + 12) != 0) {
                Names.ipaddr(out, nd.p, p + 12);
            } else {
                out.append("self");
            }
        }
        return ROUTELEN;
    }

    /** mask2plen(): the prefix length of a contiguous mask, else -1. */
    static int mask2plen(long mask) {
        for (int plen = 32; plen >= 0; plen--) {
            if ((plen == 0 ? 0 : (0xffffffffL << (32 - plen)) & 0xffffffffL) == mask) {
                return plen;
            }
        }
        return -1;
    }
}
