package io.arplab.wire.tcpdump;

/** print-someip.c: the SOME/IP header (AUTOSAR) on UDP port 30490. */
final class SomeipPrinter {
    static final int SOMEIP_PORT = 30490;

    private SomeipPrinter() {}

    /** someip_print(). */
    static void someipPrint(Dissector nd, int bp, int len) {
        nd.protocol = "someip";
        StringBuilder out = nd.out;
        out.append("SOMEIP");
        if (len < 16) {
            nd.invalid();
            return;
        }
        long messageId = nd.u32(bp);
        out.append(", service ").append(messageId >>> 16).append(", ")
                .append((messageId & 0x8000) != 0 ? "event" : "method").append(' ').append(messageId & 0x7fff);
        // each ND_PRINT's value is read (and may end the packet) before its label prints
        long messageLen = nd.u32(bp + 4);
        out.append(", len ").append(messageLen);
        long requestId = nd.u32(bp + 8);
        out.append(", client ").append(requestId >>> 16).append(", session ").append(requestId & 0xffff);
        int pver = nd.u8(bp + 12);
        out.append(", pver ").append(pver);
        int iver = nd.u8(bp + 13);
        out.append(", iver ").append(iver);
        int messageType = nd.u8(bp + 14);
        out.append(", msgtype ").append(messageType(messageType));
        int returnCode = nd.u8(bp + 15);
        out.append(", retcode ").append(returnCode < RETURN_CODES.length ? RETURN_CODES[returnCode] : "Unknown")
                .append('\n');
    }

    private static final String[] RETURN_CODES = {"E_OK", "E_NOT_OK", "E_UNKNOWN_SERVICE", "E_UNKNOWN_METHOD",
        "E_NOT_READY", "E_NOT_REACHABLE", "E_TIMEOUT", "E_WRONG_PROTOCOL_VERSION", "E_WRONG_INTERFACE_VERSION",
        "E_MALFORMED_MESSAGE", "E_WRONG_MESSAGE_TYPE", "E_E2E_REPEATED", "E_E2E_WRONG_SEQUENCE", "E_E2E",
        "E_E2E_NOT_AVAILABLE", "E_E2E_NO_NEW_DATA"};

    private static String messageType(int t) {
        return switch (t) {
            case 0x00 -> "REQUEST";
            case 0x01 -> "REQUEST_NO_RETURN";
            case 0x02 -> "NOTIFICATION";
            case 0x80 -> "RESPONSE";
            case 0x81 -> "ERROR";
            case 0x20 -> "TP_REQUEST";
            case 0x21 -> "TP_REQUEST_NO_RETURN";
            case 0x22 -> "TP_NOTIFICATION";
            case 0xa0 -> "TP_RESPONSE";
            case 0xa1 -> "TP_ERROR";
            default -> "Unknown";
        };
    }
}
