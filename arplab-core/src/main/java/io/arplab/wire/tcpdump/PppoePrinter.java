package io.arplab.wire.tcpdump;

/** print-pppoe.c: PPPoE discovery (its tags) and session (PPP inside) packets, ethertypes 0x8863 and 0x8864. */
final class PppoePrinter {
    private static final int HDRLEN = 6;
    private static final int MAXTAGPRINT = 80;

    private PppoePrinter() {}

    private static String code(int code) {
        return switch (code) {
            case 0x09 -> "PADI";
            case 0x07 -> "PADO";
            case 0x19 -> "PADR";
            case 0x65 -> "PADS";
            case 0xa7 -> "PADT";
            case 0x00 -> "";
            default -> "PAD-" + Integer.toHexString(code);
        };
    }

    private static String tag(int type) {
        return switch (type) {
            case 0x0000 -> "EOL";
            case 0x0101 -> "Service-Name";
            case 0x0102 -> "AC-Name";
            case 0x0103 -> "Host-Uniq";
            case 0x0104 -> "AC-Cookie";
            case 0x0105 -> "Vendor-Specific";
            case 0x0110 -> "Relay-Session-ID";
            case 0x0120 -> "PPP-Max-Payload";
            case 0x0201 -> "Service-Name-Error";
            case 0x0202 -> "AC-System-Error";
            case 0x0203 -> "Generic-Error";
            default -> "TAG-0x" + Integer.toHexString(type);
        };
    }

    /** pppoe_print(). */
    static void pppoePrint(Dissector nd, int bp, int length) {
        nd.protocol = "pppoe";
        StringBuilder out = nd.out;
        if (length < HDRLEN) {
            out.append(" (length ").append(length).append(" < ").append(HDRLEN).append(')');
            nd.invalid();
            return;
        }
        length -= HDRLEN;
        if (!nd.ttest(bp, HDRLEN)) {
            throw Truncated.INSTANCE;
        }
        int ver = nd.u8(bp) >> 4;
        int type = nd.u8(bp) & 0x0f;
        int code = nd.u8(bp + 1);
        int session = nd.u16(bp + 2);
        int plen = nd.u16(bp + 4);
        int payload = bp + HDRLEN;
        if (ver != 1) {
            out.append(" [ver ").append(ver).append(']');
        }
        if (type != 1) {
            out.append(" [type ").append(type).append(']');
        }
        out.append("PPPoE ").append(code(code));
        if (code == 0x09 && plen > 1484 - HDRLEN) {
            out.append(" [len ").append(plen).append("!]");
        }
        if (plen > length) {
            out.append(" [len ").append(plen).append(" > ").append(length).append("!]");
            plen = length;
        }
        if (session != 0) {
            out.append(" [ses 0x").append(Integer.toHexString(session)).append(']');
        }
        if (code == 0) {
            out.append(' ');
            PppPrinter.pppPrint(nd, payload, plen);
            return;
        }
        // PPP session packets have no tags; a discovery packet's run until EOL or its length
        int tagType = 0xffff;
        int p = payload;
        while (tagType != 0 && p < payload + plen) {
            tagType = nd.u16(p);
            int tagLen = nd.u16(p + 2);
            p += 4;
            if (tagLen != 0) {
                if (!nd.ttest(p, tagLen)) {
                    throw Truncated.INSTANCE;
                }
                int ascii = 0;
                int garbage = 0;
                StringBuilder str = new StringBuilder();
                for (int v = p; v < p + tagLen && str.length() < MAXTAGPRINT - 1; v++) {
                    int c = nd.u8(v);
                    if (c >= 0x20 && c < 0x7f) {
                        str.append((char) c);
                        ascii++;
                    } else {
                        str.append('.');
                        garbage++;
                    }
                }
                if (ascii > garbage) {
                    out.append(" [").append(tag(tagType)).append(" \"").append(str).append("\"]");
                } else {
                    out.append(" [").append(tag(tagType)).append(" 0x");
                    for (int v = p; v < p + tagLen; v++) {
                        out.append(String.format("%02X", nd.u8(v)));
                    }
                    out.append(']');
                }
            } else {
                out.append(" [").append(tag(tagType)).append(']');
            }
            p += tagLen;
        }
    }
}
