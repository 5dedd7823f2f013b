package io.arplab.wire.tcpdump;

/**
 * print-ipx.c: the IPX header ("src > dst: ", each net.node.socket) and ipx_decode()'s dispatch on the destination
 * socket (NCP, SAP, RIP, NetBIOS, diagnostics, NWLink datagrams; EIGRP, then other sockets by number).
 */
final class IpxPrinter {
    private static final int HEADER = 30;

    private IpxPrinter() {}

    /** ipx_print(): the addresses (source first, from the header's second half), then the payload by socket. */
    static void ipxPrint(Dissector nd, int p, int length) {
        nd.protocol = "ipx";
        StringBuilder out = nd.out;
        if (!nd.eflag) {
            out.append("IPX ");
        }
        String src = address(nd, p + 18) + "." + hex4(nd.u16(p + 28));
        out.append(src).append(" > ");
        String dst = address(nd, p + 6) + "." + hex4(nd.u16(p + 16));
        out.append(dst).append(": ");
        length = nd.u16(p + 2);
        if (length < HEADER) {
            out.append("[length ").append(length).append(" < ").append(HEADER).append(']');
            nd.invalid();
            return;
        }
        decode(nd, nd.u16(p + 16), p + HEADER, length - HEADER);
    }

    /** ipxaddr_string(): the network in 8 hex digits and the node as a MAC, never resolved. */
    private static String address(Dissector nd, int off) {
        StringBuilder sb = new StringBuilder(String.format("%08x.", nd.u32(off)));
        nd.check(off + 4, 6);
        Names.mac(sb, nd.p, off + 4);
        return sb.toString();
    }

    private static String hex4(int v) {
        return String.format("%04x", v);
    }

    /** ipx_decode(). */
    private static void decode(Dissector nd, int socket, int data, int length) {
        StringBuilder out = nd.out;
        switch (socket) {
            case 0x0451 -> out.append("ipx-ncp ").append(length);
            case 0x0452 -> sap(nd, data, length);
            case 0x0453 -> rip(nd, data, length);
            case 0x0455 -> out.append("ipx-netbios ").append(length);
            case 0x0456 -> out.append("ipx-diags ").append(length);
            case 0x0553 -> out.append("ipx-nwlink-dgm ").append(length);
            case 0x85be -> EigrpPrinter.eigrpPrint(nd, data, length);
            default -> out.append("ipx-#").append(Integer.toHexString(socket)).append(' ').append(length);
        }
    }

    /** ipx_sap_print(). */
    private static void sap(Dissector nd, int p, int length) {
        StringBuilder out = nd.out;
        int command = nd.u16(p);
        if (length < 2) {
            nd.invalid();
            return;
        }
        p += 2;
        length -= 2;
        switch (command) {
            case 1, 3 -> {
                out.append(command == 1 ? "ipx-sap-req" : "ipx-sap-nearest-req");
                String type = Names.ipxsap(nd.u16(p), nd.numeric);
                out.append(' ').append(type);
            }
            case 2, 4 -> {
                out.append(command == 2 ? "ipx-sap-resp" : "ipx-sap-nearest-resp");
                for (int i = 0; i < 8 && length != 0; i++) {
                    if (!nd.ttest(p, 2)) {
                        throw Truncated.INSTANCE;
                    }
                    if (length < 2) {
                        nd.invalid();
                        return;
                    }
                    out.append(' ').append(Names.ipxsap(nd.u16(p), nd.numeric)).append(" '");
                    p += 2;
                    length -= 2;
                    if (length < 48) {
                        out.append('\'');
                        nd.invalid();
                        return;
                    }
                    // nd_printjnp(): the name up to its NUL within 48 bytes, each byte read as it is printed
                    for (int j = 0; j < 48; j++) {
                        int c = nd.u8(p + j);
                        if (c == 0) {
                            break;
                        }
                        nd.printChar(c);
                    }
                    out.append('\'');
                    p += 48;
                    length -= 48;
                    if (!nd.ttest(p, 10)) {
                        throw Truncated.INSTANCE;
                    }
                    if (length < 10) {
                        nd.invalid();
                        return;
                    }
                    out.append(" addr ").append(address(nd, p));
                    p += 10;
                    length -= 10;
                    // the socket and the number of intermediate networks
                    if (!nd.ttest(p, 4)) {
                        throw Truncated.INSTANCE;
                    }
                    if (length < 4) {
                        nd.invalid();
                        return;
                    }
                    p += 4;
                    length -= 4;
                }
            }
            default -> out.append("ipx-sap-?").append(Integer.toHexString(command));
        }
    }

    /** ipx_rip_print(). */
    private static void rip(Dissector nd, int p, int length) {
        StringBuilder out = nd.out;
        int command = nd.u16(p);
        p += 2;
        length -= 2;
        switch (command) {
            case 1 -> {
                out.append("ipx-rip-req");
                if (length != 0) {
                    out.append(entry(nd, p));
                }
            }
            case 2 -> {
                out.append("ipx-rip-resp");
                for (int i = 0; i < 50 && length != 0; i++) {
                    out.append(entry(nd, p));
                    p += 8;
                    length -= 8;
                }
            }
            default -> out.append("ipx-rip-?").append(Integer.toHexString(command));
        }
    }

    private static String entry(Dissector nd, int p) {
        return String.format(" %08x/%d.%d", nd.u32(p), nd.u16(p + 4), nd.u16(p + 6));
    }
}
