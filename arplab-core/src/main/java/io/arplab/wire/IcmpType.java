package io.arplab.wire;

/** ICMP message types (RFC 792, RFC 950 address mask, RFC 1256 router discovery). Plain ints: no allocation. */
public final class IcmpType {
    private IcmpType() {}

    public static final int ECHO_REPLY = 0;
    public static final int DESTINATION_UNREACHABLE = 3;
    public static final int SOURCE_QUENCH = 4;
    public static final int REDIRECT = 5;
    public static final int ECHO_REQUEST = 8;
    public static final int ROUTER_ADVERTISEMENT = 9;
    public static final int ROUTER_SOLICITATION = 10;
    public static final int TIME_EXCEEDED = 11;
    public static final int PARAMETER_PROBLEM = 12;
    public static final int TIMESTAMP = 13;
    public static final int TIMESTAMP_REPLY = 14;
    public static final int INFORMATION_REQUEST = 15;
    public static final int INFORMATION_REPLY = 16;
    public static final int ADDRESS_MASK_REQUEST = 17;
    public static final int ADDRESS_MASK_REPLY = 18;

    /** Error messages quote the offending datagram (RFC 1122 §3.2.2): 3, 4, 5, 11, 12. */
    public static boolean isError(int type) {
        return type == DESTINATION_UNREACHABLE || type == SOURCE_QUENCH || type == REDIRECT || type == TIME_EXCEEDED
                || type == PARAMETER_PROBLEM;
    }

    /** Types whose bytes 4..7 hold an identifier and a sequence number (RFC 792 echo, timestamp, information). */
    public static boolean hasIdentifier(int type) {
        return type == ECHO_REPLY || type == ECHO_REQUEST || (type >= TIMESTAMP && type <= ADDRESS_MASK_REPLY);
    }
}
