package io.arplab.tools;

import io.arplab.wire.libc.CStrtod;
import io.arplab.wire.libc.CStrtol;

/** traceroute 2.1's libsupp/clif.c number readers, which its options' values go through. */
final class TracerouteClif {
    private TracerouteClif() {}

    /** clif.c set_uint(): (unsigned int) strtoul(s, &q, 0) that must consume the whole argument. */
    static Long clifUint(String s) {
        CStrtol n = CStrtol.scan(s, 0);
        return n.converted() && n.end() == s.length() ? n.asUnsignedLong() & 0xFFFF_FFFFL : null;
    }

    /** clif.c set_double(): strtod() that must consume the whole argument. */
    static Double clifDouble(String s) {
        CStrtod n = CStrtod.scan(s);
        return n.end() > 0 && n.end() == s.length() ? n.value() : null;
    }

    /** (unsigned int) strtoul(s, &q, 0) whose only check is that something was read. */
    static Long cStrtoul(String s) {
        CStrtol n = CStrtol.scan(s, 0);
        return n.converted() ? n.asUnsignedLong() & 0xFFFF_FFFFL : null;
    }

    /** CLIF_arg_int() → set_int(): strtol(arg, &q, 0), refused unless it read the whole word (q == arg or *q). */
    static Long cStrtol(String s) {
        CStrtol n = CStrtol.scan(s, 0);
        return n.converted() && n.end() == s.length() ? n.asLong() : null;
    }
}
