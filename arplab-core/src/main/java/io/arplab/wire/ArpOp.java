package io.arplab.wire;

/**
 * ARP operation code: RFC 826 (1, 2), RFC 903 RARP (3, 4), RFC 2390 InARP (8, 9), RFC 1577 ATMARP NAK (10).
 * Unknown codes are kept as numbers.
 */
public record ArpOp(int code) {
    public static final ArpOp REQUEST = new ArpOp(1);
    public static final ArpOp REPLY = new ArpOp(2);
    public static final ArpOp REVERSE_REQUEST = new ArpOp(3);
    public static final ArpOp REVERSE_REPLY = new ArpOp(4);
    public static final ArpOp INARP_REQUEST = new ArpOp(8);
    public static final ArpOp INARP_REPLY = new ArpOp(9);
    public static final ArpOp NAK = new ArpOp(10);

    public ArpOp {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("ARP operation outside 0..0xffff: " + code);
        }
    }

    /** The shared constant for known codes (no allocation), a new instance for others. */
    public static ArpOp of(int code) {
        return switch (code) {
            case 1 -> REQUEST;
            case 2 -> REPLY;
            case 3 -> REVERSE_REQUEST;
            case 4 -> REVERSE_REPLY;
            case 8 -> INARP_REQUEST;
            case 9 -> INARP_REPLY;
            case 10 -> NAK;
            default -> new ArpOp(code);
        };
    }

    public boolean isKnown() {
        return name() != null;
    }

    /** tcpdump's word for the operation ("Request", "Reverse Reply", "NACK Reply"...), null when unknown. */
    public String name() {
        return switch (code) {
            case 1 -> "Request";
            case 2 -> "Reply";
            case 3 -> "Reverse Request";
            case 4 -> "Reverse Reply";
            case 8 -> "Inverse Request";
            case 9 -> "Inverse Reply";
            case 10 -> "NACK Reply";
            default -> null;
        };
    }

    @Override
    public String toString() {
        String n = name();
        return n != null ? n : "Unknown (" + code + ")";
    }
}
