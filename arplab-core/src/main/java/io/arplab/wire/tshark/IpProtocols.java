package io.arplab.wire.tshark;

import java.util.Set;

/** The "ip.proto" dissector table as far as this package fills it (ip_try_dissect()). */
final class IpProtocols {
    /** Protocols Wireshark 4.0 has a dissector for that this package does not decode. */
    private static final Set<Integer> ELSEWHERE = Set.of(0, 2, 4, 6, 8, 9, 41, 43, 44, 46, 47, 50, 51, 59, 60,
            88, 89, 97, 103, 108, 112, 113, 115, 132, 135, 137, 139, 142);

    private IpProtocols() {}

    /** @return false when no dissector takes the protocol (the caller then says "Unknown (n)" or the like) */
    static boolean dissect(int proto, Tvb next, Packet p, boolean ipv6) {
        switch (proto) {
            case 1 -> IcmpDissector.dissect(next, p);
            case 17 -> UdpDissector.dissect(next, p);
            case 58 -> Icmpv6Dissector.dissect(next, p);
            default -> {
                if (ELSEWHERE.contains(proto)) {
                    throw new Unsupported("IP protocol " + proto);
                }
                return false;
            }
        }
        return true;
    }
}
