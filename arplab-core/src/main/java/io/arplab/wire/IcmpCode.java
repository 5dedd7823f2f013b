package io.arplab.wire;

/** ICMP codes per type (RFC 792; destination unreachable 6..15 from RFC 1122 §3.2.2.1 and RFC 1812 §5.2.7.1). */
public final class IcmpCode {
    private IcmpCode() {}

    /** Type 3. */
    public static final class Unreachable {
        private Unreachable() {}

        public static final int NET = 0;
        public static final int HOST = 1;
        public static final int PROTOCOL = 2;
        public static final int PORT = 3;
        /** Fragmentation needed and DF set; bytes 6..7 carry the next-hop MTU (RFC 1191 §4). */
        public static final int FRAGMENTATION_NEEDED = 4;
        public static final int SOURCE_ROUTE_FAILED = 5;
        public static final int NET_UNKNOWN = 6;
        public static final int HOST_UNKNOWN = 7;
        public static final int SOURCE_HOST_ISOLATED = 8;
        public static final int NET_ADMIN_PROHIBITED = 9;
        public static final int HOST_ADMIN_PROHIBITED = 10;
        public static final int NET_UNREACHABLE_FOR_TOS = 11;
        public static final int HOST_UNREACHABLE_FOR_TOS = 12;
        public static final int COMMUNICATION_ADMIN_PROHIBITED = 13;
        public static final int HOST_PRECEDENCE_VIOLATION = 14;
        public static final int PRECEDENCE_CUTOFF = 15;
    }

    /** Type 11. */
    public static final class TimeExceeded {
        private TimeExceeded() {}

        public static final int TTL_EXCEEDED_IN_TRANSIT = 0;
        public static final int FRAGMENT_REASSEMBLY_TIME_EXCEEDED = 1;
    }

    /** Type 5. */
    public static final class Redirect {
        private Redirect() {}

        public static final int NET = 0;
        public static final int HOST = 1;
        public static final int TOS_AND_NET = 2;
        public static final int TOS_AND_HOST = 3;
    }

    /** Type 12 (code 1 and 2 from RFC 1108 / RFC 1812 §5.2.7.3). */
    public static final class ParameterProblem {
        private ParameterProblem() {}

        public static final int POINTER_INDICATES_ERROR = 0;
        public static final int MISSING_REQUIRED_OPTION = 1;
        public static final int BAD_LENGTH = 2;
    }
}
