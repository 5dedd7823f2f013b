package io.arplab.wire.tcpdump;

/** print-vqp.c: Cisco's VLAN Query Protocol on UDP port 1589. */
final class VqpPrinter {
    static final int VQP_PORT = 1589;

    private VqpPrinter() {}

    /** vqp_print(). */
    static void vqpPrint(Dissector nd, int pptr, int len) {
        nd.protocol = "vqp";
        StringBuilder out = nd.out;
        nd.check(pptr, 8);
        if (len < 8) {
            nd.invalid();
            return;
        }
        int version = nd.u8(pptr);
        if (version != 1) {
            out.append("VQP version ").append(version).append(" packet not supported");
            return;
        }
        int msgType = nd.u8(pptr + 1);
        int error = nd.u8(pptr + 2);
        if (nd.vflag < 1) {
            out.append("VQPv").append(version).append(' ').append(msgType(msgType)).append(" Message, error-code ")
                    .append(errorCode(error)).append(" (").append(error).append("), length ").append(len);
            return;
        }
        int nitems = nd.u8(pptr + 3);
        out.append("\n\tVQPv").append(version).append(", ").append(msgType(msgType)).append(" Message, error-code ")
                .append(errorCode(error)).append(" (").append(error).append("), seq 0x");
        Names.appendHex(out, nd.u32(pptr + 4), 8);
        out.append(", items ").append(nitems).append(", length ").append(len);
        int tptr = pptr + 8;
        int tlen = len - 8;
        while (nitems != 0 && tlen != 0) {
            nd.check(tptr, 6);
            if (tlen < 6) {
                nd.invalid();
                return;
            }
            long type = nd.u32(tptr);
            int objLen = nd.u16(tptr + 4);
            tptr += 6;
            tlen -= 6;
            out.append("\n\t  ").append(objectName(type)).append(" Object (0x");
            Names.appendHex(out, type, 8);
            out.append("), length ").append(objLen).append(", value: ");
            if (type == 0 || objLen == 0) {
                return;
            }
            nd.check(tptr, objLen);
            if (objLen > tlen) {
                nd.invalid();
                return;
            }
            if (type == 0x0c01) {
                if (objLen != 4) {
                    nd.invalid();
                    return;
                }
                Names.ipaddr(out, nd.p, tptr);
                out.append(" (0x");
                Names.appendHex(out, nd.u32(tptr), 8);
                out.append(')');
            } else if (type >= 0x0c02 && type <= 0x0c05) {
                nd.printjnp(tptr, objLen);
            } else if (type == 0x0c08 || type == 0x0c06) {
                if (objLen != 6) {
                    nd.invalid();
                    return;
                }
                Names.etheraddr(out, nd.p, tptr, nd.numeric);
            } else if (nd.vflag <= 1) {
                HexDump.unknownData(nd, tptr, "\n\t    ", objLen);
            }
            tptr += objLen;
            tlen -= objLen;
            nitems--;
        }
    }

    private static String msgType(int t) {
        return switch (t) {
            case 1 -> "Request, Join Port";
            case 2 -> "Response, VLAN";
            case 3 -> "Request, Reconfirm";
            case 4 -> "Response, Reconfirm";
            default -> "unknown (" + t + ")";
        };
    }

    private static String errorCode(int e) {
        return switch (e) {
            case 0 -> "No error";
            case 3 -> "Access denied";
            case 4 -> "Shutdown port";
            case 5 -> "Wrong VTP domain";
            default -> "unknown";
        };
    }

    private static String objectName(long type) {
        return switch ((int) type) {
            case 0x0c01 -> "Client IP Address";
            case 0x0c02 -> "Port Name";
            case 0x0c03 -> "VLAN Name";
            case 0x0c04 -> "VTP Domain";
            case 0x0c05 -> "Ethernet Packet";
            case 0x0c06 -> "MAC Null";
            case 0x0c08 -> "MAC Address";
            default -> "Unknown";
        };
    }
}
