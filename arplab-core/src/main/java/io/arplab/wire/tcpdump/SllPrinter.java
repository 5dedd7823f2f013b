package io.arplab.wire.tcpdump;

import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/** print-sll.c: Linux cooked captures, v1 (LINKTYPE_LINUX_SLL, 16-byte header) and v2 (LINUX_SLL2, 20 bytes). */
final class SllPrinter {
    static final int SLL_HDR_LEN = 16;
    static final int SLL2_HDR_LEN = 20;
    private static final int LINUX_SLL_P_802_3 = 0x0001;
    private static final int LINUX_SLL_P_802_2 = 0x0004;
    private static final int ETHERTYPE_8021Q = 0x8100;

    private SllPrinter() {}

    /** sll_pkttype_values. */
    static String packetType(int type) {
        return switch (type) {
            case 0 -> "In";
            case 1 -> "B";
            case 2 -> "M";
            case 3 -> "P";
            case 4 -> "Out";
            default -> "?";
        };
    }

    /** sll_if_print(): returns the link-layer header length that -x / -X skip. */
    static int sllIfPrint(Dissector nd, int length, int caplen) {
        nd.protocol = "sll";
        nd.check(0, SLL_HDR_LEN);
        if (nd.eflag) {
            header(nd, -1, nd.u16(0), nd.u16(4), 6, nd.u16(14), length);
        }
        return payload(nd, SLL_HDR_LEN, nd.u16(2), nd.u16(14), length - SLL_HDR_LEN, caplen - SLL_HDR_LEN,
                rest -> header(nd, -1, nd.u16(0), nd.u16(4), 6, nd.u16(14), rest + SLL_HDR_LEN));
    }

    /** sll2_if_print(): the interface's name (if_indextoname(), "?" when unknown) and direction come first. */
    static int sll2IfPrint(Dissector nd, int length, int caplen, IntFunction<String> interfaceNames) {
        nd.protocol = "sll2";
        nd.check(0, SLL2_HDR_LEN);
        long ifIndex = nd.u32(4);
        String name = ifIndex > Integer.MAX_VALUE || interfaceNames == null ? null : interfaceNames.apply((int) ifIndex);
        pad(nd.out, name == null ? "?" : name, 5);
        nd.out.append(' ');
        pad(nd.out, packetType(nd.u8(10)), 3);
        nd.out.append(' ');
        if (nd.eflag) {
            header(nd, ifIndex, nd.u8(10), nd.u8(11), 12, nd.u16(0), length);
        }
        return payload(nd, SLL2_HDR_LEN, nd.u16(8), nd.u16(0), length - SLL2_HDR_LEN, caplen - SLL2_HDR_LEN,
                rest -> header(nd, ifIndex, nd.u8(10), nd.u8(11), 12, nd.u16(0), rest + SLL2_HDR_LEN));
    }

    /** sll_print() (ifIndex < 0) / sll2_print(): the -e line, "Out 02:42:ac:1c:00:0b ethertype IPv4 (0x0800), length 98: ". */
    private static void header(Dissector nd, long ifIndex, int pktType, int halen, int addr, int etherType, int length) {
        StringBuilder out = nd.out;
        if (ifIndex < 0) {
            String dir = packetType(pktType);
            out.append(" ".repeat(Math.max(0, 3 - dir.length()))).append(dir).append(' ');
        } else {
            out.append("ifindex ").append(ifIndex).append(' ');
        }
        if (halen == 6) {
            nd.check(addr, 6);
            Names.etheraddr(out, nd.p, addr, nd.numeric);
            out.append(' ');
        }
        if (nd.qflag) {
            // -q: no protocol; ", length" follows the address and its space
        } else if (etherType <= EtherPrinter.MAX_ETHERNET_LENGTH_VAL) {
            switch (etherType) {
                case LINUX_SLL_P_802_3 -> out.append("802.3");
                case LINUX_SLL_P_802_2 -> out.append("802.2");
                default -> {
                    out.append("ethertype Unknown (0x");
                    Names.appendHex(out, etherType, 4);
                    out.append(')');
                }
            }
        } else {
            EtherPrinter.typePrint(nd, etherType);
        }
        out.append(", length ").append(length).append(": ");
    }

    /** The common part of sll_if_print() and sll2_if_print() after the cooked header. */
    private static int payload(Dissector nd, int hdrlen, int hatype, int etherType, int length, int caplen,
                               IntConsumer headerIfNotPrinted) {
        int p = hdrlen;
        if (hatype == 803) {
            // a radiotap header: not printed by arplab's tcpdump
            if (!nd.suppressDefaultPrint) {
                HexDump.hexAndAscii(nd, "\n\t", p, caplen);
            }
            return hdrlen;
        }
        while (true) {
            if (etherType <= EtherPrinter.MAX_ETHERNET_LENGTH_VAL) {
                int llc = etherType == LINUX_SLL_P_802_2 ? LlcPrinter.llcPrint(nd, p, length, caplen, -1, -1) : -1;
                if (llc < 0) {
                    if (!nd.suppressDefaultPrint) {
                        HexDump.hexAndAscii(nd, "\n\t", p, caplen);
                    }
                } else {
                    hdrlen += llc;
                }
                return hdrlen;
            }
            if (etherType == ETHERTYPE_8021Q) {
                if (caplen < 4) {
                    nd.protocol = "vlan";
                    nd.trunc();
                    return hdrlen + caplen;
                }
                if (nd.eflag) {
                    EtherPrinter.tci(nd.out, nd.u16(p));
                    nd.out.append(", ");
                }
                etherType = nd.u16(p + 2);
                if (etherType <= EtherPrinter.MAX_ETHERNET_LENGTH_VAL) {
                    etherType = LINUX_SLL_P_802_2;
                }
                if (!nd.qflag) {
                    String name = Names.ethertype(etherType);
                    nd.out.append("ethertype ").append(name == null ? "Unknown" : name).append(", ");
                }
                p += 4;
                length -= 4;
                caplen -= 4;
                hdrlen += 4;
                continue;
            }
            if (!EtherPrinter.ethertypePrint(nd, etherType, p, length, caplen, -1, -1)) {
                if (!nd.eflag) {
                    headerIfNotPrinted.accept(length);
                }
                if (!nd.suppressDefaultPrint) {
                    HexDump.hexAndAscii(nd, "\n\t", p, caplen);
                }
            }
            return hdrlen;
        }
    }

    private static void pad(StringBuilder out, String s, int width) {
        out.append(s);
        for (int i = s.length(); i < width; i++) {
            out.append(' ');
        }
    }
}
