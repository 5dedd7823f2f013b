package io.arplab.wire.tcpdump;

/** print-geneve.c: the Geneve header (RFC 8926 section 3.4), its options, then the inner frame. */
final class GenevePrinter {
    static final int GENEVE_PORT = 6081;
    private static final int ETHERTYPE_TEB = 0x6558;
    private static final String[] FLAG_NAMES = {"O", "C", "R1", "R2", "R3", "R4", "R5", "R6"};

    private GenevePrinter() {}

    /** geneve_print(). */
    static void genevePrint(Dissector nd, int bp, int len) {
        nd.protocol = "geneve";
        StringBuilder out = nd.out;
        out.append("Geneve");
        try {
            nd.tcheck(bp, 8);
            int verOpt = nd.u8(bp);
            int version = verOpt >> 6;
            if (version != 0) {
                out.append(" ERROR: unknown-version ").append(version);
                return;
            }
            int flags = nd.u8(bp + 1);
            int prot = nd.u16(bp + 2);
            int vni = nd.u24(bp + 4);
            int reserved = nd.u8(bp + 7);
            bp += 8;
            len -= 8;
            out.append(", Flags [").append(flags(flags)).append("], vni 0x").append(Integer.toHexString(vni));
            if (reserved != 0) {
                out.append(", rsvd 0x").append(Integer.toHexString(reserved));
            }
            if (nd.eflag) {
                String name = Names.ethertype(prot);
                out.append(", proto ").append(name == null ? "unknown" : name).append(" (0x");
                Names.appendHex(out, prot, 4);
                out.append(')');
            }
            int optsLen = (verOpt & 0x3f) * 4;
            if (len < optsLen) {
                out.append(" truncated-geneve - ").append(optsLen - len).append(" bytes missing");
                return;
            }
            nd.tcheck(bp, optsLen);
            if (optsLen > 0) {
                out.append(", options [");
                if (nd.vflag > 0) {
                    options(nd, bp, optsLen);
                } else {
                    out.append(optsLen).append(" bytes");
                }
                out.append(']');
            }
            bp += optsLen;
            len -= optsLen;
            out.append(nd.vflag < 1 ? ": " : "\n\t");
            if (!EtherPrinter.ethertypePrint(nd, prot, bp, len, nd.available(bp), -1, -1)) {
                if (prot == ETHERTYPE_TEB) {
                    EtherPrinter.etherPrint(nd, bp, len, nd.available(bp));
                } else {
                    out.append("geneve-proto-0x").append(Integer.toHexString(prot));
                }
            }
        } catch (TruncLabel t) {
            nd.trunc();
        }
    }

    // bittok2str_nosep(geneve_flag_values, "none", flags): O is the high bit, then C, then R1..R6
    private static String flags(int flags) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if ((flags & (0x80 >> i)) != 0) {
                s.append(FLAG_NAMES[i]);
            }
        }
        return s.length() == 0 ? "none" : s.toString();
    }

    /** geneve_opts_print(). */
    private static void options(Dissector nd, int bp, int len) {
        StringBuilder out = nd.out;
        String sep = "";
        while (len > 0) {
            out.append(sep);
            sep = ", ";
            int optClass = nd.u16(bp);
            int optType = nd.u8(bp + 2);
            int optLen = 4 + (nd.u8(bp + 3) & 0x1f) * 4;
            out.append("class ").append(optClass(optClass)).append(" (0x").append(Integer.toHexString(optClass))
                    .append(") type 0x").append(Integer.toHexString(optType))
                    .append((optType & 0x80) != 0 ? "(C)" : "").append(" len ").append(optLen);
            if (optLen > len) {
                out.append(" [bad length]");
                return;
            }
            if (nd.vflag > 1 && optLen > 4) {
                out.append(" data");
                for (int i = 4; i < optLen; i += 4) {
                    out.append(' ');
                    Names.appendHex(out, nd.u32(bp + i), 8);
                }
            }
            bp += optLen;
            len -= optLen;
        }
    }

    // format_opt_class()
    private static String optClass(int c) {
        return switch (c) {
            case 0x0100 -> "Linux";
            case 0x0101 -> "Open vSwitch";
            case 0x0102 -> "Open Virtual Networking (OVN)";
            case 0x0103 -> "In-band Network Telemetry (INT)";
            case 0x0104 -> "VMware";
            default -> c <= 0x00ff ? "Standard" : c >= 0xfff0 ? "Experimental" : "Unknown";
        };
    }
}
