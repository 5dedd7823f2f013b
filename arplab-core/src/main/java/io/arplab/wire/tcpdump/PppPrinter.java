package io.arplab.wire.tcpdump;

/**
 * print-ppp.c's ppp_print() and handle_ppp(): the network protocols (IP, IPv6, IPX, OSI, MPLS), the control
 * protocols (handle_ctrl_proto(): LCP, IPCP, IPv6CP, CCP, BACP with their options, OSICP and MPLSCP), CHAP, PAP
 * and multilink; HDLC escapes are a printer this package does not carry.
 */
final class PppPrinter {
    private PppPrinter() {}

    /** ppptype2str. */
    static String type(int proto) {
        return switch (proto) {
            case 0x0021 -> "IP";
            case 0x0023 -> "OSI";
            case 0x0025 -> "NS";
            case 0x0027 -> "DECNET";
            case 0x0029 -> "APPLE";
            case 0x002b -> "IPX";
            case 0x002d -> "VJC IP";
            case 0x002f -> "VJNC IP";
            case 0x0031 -> "BRPDU";
            case 0x0033 -> "STII";
            case 0x0035 -> "VINES";
            case 0x0281, 0x0283 -> "MPLS";
            case 0x00fd -> "Compressed";
            case 0x003d -> "MLPPP";
            case 0x0057 -> "IP6";
            case 0x0201 -> "HELLO";
            case 0x0231 -> "LUXCOM";
            case 0x0233 -> "SNS";
            case 0x8021 -> "IPCP";
            case 0x8023 -> "OSICP";
            case 0x8025 -> "NSCP";
            case 0x8027 -> "DECNETCP";
            case 0x8029 -> "APPLECP";
            case 0x802b -> "IPXCP";
            case 0x8033 -> "STIICP";
            case 0x8035 -> "VINESCP";
            case 0x8057 -> "IP6CP";
            case 0x8281 -> "MPLSCP";
            case 0xc021 -> "LCP";
            case 0xc023 -> "PAP";
            case 0xc025 -> "LQM";
            case 0xc223 -> "CHAP";
            case 0xc227 -> "EAP";
            case 0xc027 -> "SPAP";
            case 0xc123 -> "Old-SPAP";
            case 0xc02b -> "BACP";
            case 0xc02d -> "BAP";
            case 0xc03d -> "MLPPP-CP";
            case 0x80fd -> "CCP";
            default -> null;
        };
    }

    /** ppp_print(): the address/control bytes, the (possibly compressed) protocol, then handle_ppp(). */
    static void pppPrint(Dissector nd, int p, int length) {
        nd.protocol = "ppp";
        StringBuilder out = nd.out;
        int olen = length;
        if (length < 2) {
            nd.trunc();
            return;
        }
        int header = nd.u16(p);
        if (header == 0x0003 || header == 0x0103 || header == 0xff03) {
            if (nd.eflag && header != 0xff03) {
                out.append(header == 0x0003 ? "In  " : "Out ");
            }
            p += 2;
            length -= 2;
        }
        if (length < 2) {
            nd.trunc();
            return;
        }
        int proto;
        if (nd.u8(p) % 2 != 0) {
            proto = nd.u8(p);
            p++;
            length--;
        } else {
            proto = nd.u16(p);
            p += 2;
            length -= 2;
        }
        if (nd.eflag) {
            String t = type(proto);
            out.append(t == null ? "unknown" : t).append(" (0x");
            nd.hex4(proto);
            out.append("), length ").append(olen);
            if (t == null) {
                return;
            }
            out.append(": ");
        }
        switch (proto) {
            case 0x0800, 0x002f, 0x0021 -> IpPrinter.ipPrint(nd, p, length);
            case 0x86dd, 0x0057 -> Ip6Printer.ip6Print(nd, p, length);
            case 0x8137, 0x002b -> IpxPrinter.ipxPrint(nd, p, length);
            case 0x0023 -> LlcPrinter.isoclnsPrint(nd, p, length);
            case 0x0281, 0x0283 -> MplsPrinter.mplsPrint(nd, p, length);
            case 0x00fd -> out.append("compressed PPP data");
            case 0xc021, 0x8021, 0x8023, 0x8281, 0x8057, 0x80fd, 0xc02b -> PppCtrlPrinter.ctrlProto(nd, proto, p, length);
            case 0x003d -> PppCtrlPrinter.mlppp(nd, p, length);
            case 0xc223 -> PppCtrlPrinter.chap(nd, p, length);
            case 0xc023 -> PppCtrlPrinter.pap(nd, p, length);
            case 0xc02d -> {
                // handle_bap(): to be supported in tcpdump too
            }
            default -> {
                String t = type(proto);
                if ((proto & 0xff00) == 0x7e00) {
                    return; // ppp_hdlc(): not carried
                }
                out.append(t == null ? "unknown PPP protocol (0x" + String.format("%04x", proto) + ")" : t)
                        .append(' ');
                HexDump.unknownData(nd, p, "\n\t", length);
            }
        }
    }
}
