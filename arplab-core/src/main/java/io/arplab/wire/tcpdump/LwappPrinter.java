package io.arplab.wire.tcpdump;

/** print-lwapp.c: LWAPP (RFC 5412) control messages on UDP port 12223 and data frames on 12222. */
final class LwappPrinter {
    static final int LWAPP_DATA_PORT = 12222;
    static final int LWAPP_CONTROL_PORT = 12223;
    private static final int TRANSPORT_HDR = 6;
    private static final int CONTROL_HDR = 8;
    private static final int[] BITS = {0x01, 0x02, 0x04};
    private static final String[] BIT_NAMES = {"Last Fragment Bit", "Fragment Bit", "Control Bit"};

    private LwappPrinter() {}

    /** lwapp_control_print(): to the control port the transport header follows the AP's 6-byte identity. */
    static void controlPrint(Dissector nd, int pptr, int len, boolean hasApIdent) {
        nd.protocol = "lwapp_control";
        StringBuilder out = nd.out;
        int tptr = pptr;
        if (hasApIdent) {
            nd.check(tptr, 6);
        }
        int th = hasApIdent ? pptr + 6 : pptr;
        nd.check(th, TRANSPORT_HDR);
        int version = nd.u8(th);
        if (!supported(nd, version)) {
            return;
        }
        if (nd.vflag < 1) {
            brief(nd, version, len);
            return;
        }
        int tlen = nd.u16(th + 2);
        out.append("LWAPPv").append(version >> 6).append(", ").append(frame(version)).append(" frame, Radio-id ")
                .append((version >> 3) & 7).append(", Flags [").append(BfdPrinter.bittok2str(BITS, BIT_NAMES,
                        version & 7)).append("], Frag-id ").append(nd.u8(th + 1)).append(", length ").append(tlen);
        if (hasApIdent) {
            out.append("\n\tAP identity: ");
            Names.etheraddr(out, nd.p, tptr, nd.numeric);
            tptr += TRANSPORT_HDR + 6;
        } else {
            tptr += TRANSPORT_HDR;
        }
        while (tlen != 0) {
            nd.check(tptr, CONTROL_HDR);
            if (tlen < CONTROL_HDR) {
                out.append("\n\t  Msg goes past end of PDU");
                return;
            }
            int msgTlen = nd.u16(tptr + 2);
            if (tlen < CONTROL_HDR + msgTlen) {
                out.append("\n\t  Msg goes past end of PDU");
                return;
            }
            int msgType = nd.u8(tptr);
            String line = "\n\t  Msg type: " + msgType(msgType) + " (" + msgType + "), Seqnum: " + nd.u8(tptr + 1)
                    + ", Msg len: " + msgTlen + ", Session: 0x";
            out.append(line);
            Names.appendHex(out, nd.u32(tptr + 4), 8);
            nd.check(tptr, msgTlen); // the message's length checked from its header, as tcpdump does
            tptr += CONTROL_HDR + msgTlen;
            tlen -= CONTROL_HDR + msgTlen;
        }
    }

    /** lwapp_data_print(): the transport header, with -v its fields and the 802.11 frame in hex. */
    static void dataPrint(Dissector nd, int pptr, int len) {
        nd.protocol = "lwapp_data";
        StringBuilder out = nd.out;
        nd.check(pptr, 6);
        nd.check(pptr, TRANSPORT_HDR);
        int version = nd.u8(pptr);
        if (!supported(nd, version)) {
            return;
        }
        if (nd.vflag < 1) {
            brief(nd, version, len);
            return;
        }
        int tlen = nd.u16(pptr + 2);
        String head = "LWAPPv" + (version >> 6) + ", " + frame(version) + " frame, Radio-id  " + ((version >> 3) & 7)
                + ", Flags [" + BfdPrinter.bittok2str(BITS, BIT_NAMES, version & 7) + "], ";
        if (tlen < TRANSPORT_HDR) {
            out.append(head).append("length ").append(tlen).append(" < transport header length");
            return;
        }
        out.append(head).append("Frag-id  ").append(nd.u8(pptr + 1)).append(", length ").append(tlen);
        HexDump.unknownData(nd, pptr + TRANSPORT_HDR, "\n\t", tlen - TRANSPORT_HDR);
    }

    private static boolean supported(Dissector nd, int version) {
        if (version >> 6 != 0) {
            nd.out.append("LWAPP version ").append(version >> 6).append(" packet not supported");
            return false;
        }
        return true;
    }

    private static void brief(Dissector nd, int version, int len) {
        nd.out.append("LWAPPv").append(version >> 6).append(", ").append(frame(version)).append(" frame, Flags [")
                .append(BfdPrinter.bittok2str(BITS, BIT_NAMES, version & 7)).append("], length ").append(len);
    }

    private static String frame(int version) {
        return (version & 0x04) != 0 ? "Control" : "Data";
    }

    private static String msgType(int t) {
        return switch (t) {
            case 1 -> "Discovery req";
            case 2 -> "Discovery resp";
            case 3 -> "Join req";
            case 4 -> "Join resp";
            case 5 -> "Join ack";
            case 6 -> "Join confirm";
            case 10 -> "Configure req";
            case 11 -> "Configure resp";
            case 12 -> "Update req";
            case 13 -> "Update resp";
            case 14 -> "WTP event req";
            case 15 -> "WTP event resp";
            case 16 -> "Change state event req";
            case 17 -> "Change state event resp";
            case 22 -> "Echo req";
            case 23 -> "Echo resp";
            case 24 -> "Image data req";
            case 25 -> "Image data resp";
            case 26 -> "Channel status req";
            case 27 -> "Channel status resp";
            case 30 -> "Key update req";
            case 31 -> "Key update resp";
            case 32 -> "Primary discovery req";
            case 33 -> "Primary discovery resp";
            case 34 -> "Data transfer req";
            case 35 -> "Data transfer resp";
            case 36 -> "Clear config ind";
            case 37 -> "Wlan config req";
            case 38 -> "Wlan config resp";
            case 39 -> "Mobile config req";
            case 40 -> "Mobile config resp";
            default -> "Unknown";
        };
    }
}
