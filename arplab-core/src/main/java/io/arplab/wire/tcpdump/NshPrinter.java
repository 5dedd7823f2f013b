package io.arplab.wire.tcpdump;

/** print-nsh.c: the Network Service Header (RFC 8300) over ethertype 0x894f and VXLAN-GPE. */
final class NshPrinter {
    private static final int WORD = 4;

    private NshPrinter() {}

    /** nsh_print(). */
    static void nshPrint(Dissector nd, int bp, int len) {
        nd.protocol = "nsh";
        StringBuilder out = nd.out;
        if (len < 8) {
            out.append(" (packet length ").append(len).append(" < 8)");
            nd.invalid();
            return;
        }
        long base = nd.u32(bp);
        bp += 4;
        int ver = (int) (base >>> 30) & 3;
        int length = (int) (base >> 16) & 0x3f;
        int mdType = (int) (base >> 8) & 0xf;
        int nextProtocol = (int) base & 0xff;
        out.append("NSH, ");
        if (nd.vflag > 1) {
            out.append("ver ").append(ver).append(", ");
        }
        if (ver != 0) {
            return;
        }
        out.append("flags [").append(((base >> 28) & 2) != 0 ? "O" : "none").append("], ");
        if (nd.vflag > 2) {
            out.append("TTL ").append((base >> 22) & 0x3f).append(", ");
            out.append("length ").append(length).append(", ");
            out.append("md type ").append(switch (mdType) {
                case 0 -> "reserved";
                case 1 -> "1";
                case 2 -> "2";
                case 0xf -> "experimental";
                default -> "unknown (0x0" + Names.HEX[mdType] + ")";
            }).append(", ");
        }
        if (nd.vflag > 1) {
            out.append("next-protocol ").append(switch (nextProtocol) {
                case 1 -> "IPv4";
                case 2 -> "IPv6";
                case 3 -> "Ethernet";
                case 4 -> "NSH";
                case 5 -> "MPLS";
                case 0xfe -> "Experiment 1";
                case 0xff -> "Experiment 2";
                default -> "unknown (0x" + Names.HEX[nextProtocol >> 4] + Names.HEX[nextProtocol & 0xf] + ")";
            }).append(", ");
        }
        if (len < length * WORD) {
            out.append(" (too many headers for packet length ").append(len).append(')');
            nd.invalid();
            return;
        }
        int spi = nd.u24(bp);
        out.append("service-path-id 0x");
        Names.appendHex(out, spi, 6);
        out.append(", ");
        bp += 3;
        int si = nd.u8(bp);
        out.append("service-index 0x").append(Integer.toHexString(si));
        bp += 1;
        if (length < 2) {
            out.append(" (less than two headers)");
            nd.invalid();
            return;
        }
        boolean pastHeaders = false;
        if (nd.vflag > 2) {
            if (mdType == 1) {
                if (length != 6) {
                    out.append(" (invalid length for the MD type)");
                    nd.invalid();
                    return;
                }
                for (int n = 0; n < length - 2; n++) {
                    long context = nd.u32(bp);
                    out.append("\n        Context[").append(n < 10 ? "0" : "").append(n).append("]: 0x");
                    Names.appendHex(out, context, 8);
                    bp += WORD;
                }
                pastHeaders = true;
            } else if (mdType == 2) {
                int n = 0;
                while (n < length - 2) {
                    int tlvClass = nd.u16(bp);
                    int tlvType = nd.u8(bp + 2);
                    int tlvLen = nd.u8(bp + 3) & 0x7f;
                    bp += 4;
                    int padded = (tlvLen + 3) & ~3;
                    out.append("\n        TLV Class ").append(tlvClass).append(", Type ").append(tlvType)
                            .append(", Len ").append(tlvLen);
                    n += 1;
                    if (length - 2 < n + padded / WORD) {
                        out.append(" (length too big)");
                        nd.invalid();
                        return;
                    }
                    if (tlvLen != 0) {
                        out.append("\n            Value: ");
                        String sep = "0x";
                        for (int vn = 0; vn < tlvLen; vn++) {
                            int b = nd.u8(bp);
                            out.append(sep);
                            nd.hex2(b);
                            bp += 1;
                            sep = ":";
                        }
                        nd.check(bp, padded - tlvLen);
                        bp += padded - tlvLen;
                        n += padded / WORD;
                    }
                }
                pastHeaders = true;
            }
        }
        if (!pastHeaders) {
            nd.check(bp, (length - 2) * WORD);
            bp += (length - 2) * WORD;
        }
        out.append(nd.vflag > 0 ? "\n    " : ": ");
        int nextLen = len - length * WORD;
        switch (nextProtocol) {
            case 1 -> IpPrinter.ipPrint(nd, bp, nextLen);
            case 2 -> Ip6Printer.ip6Print(nd, bp, nextLen);
            case 3 -> EtherPrinter.etherPrint(nd, bp, nextLen, nd.available(bp));
            default -> out.append("ERROR: unknown-next-protocol");
        }
    }
}
