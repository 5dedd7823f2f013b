package io.arplab.wire.tshark;

/** The "ip.proto" dissector table as far as this package fills it (ip_try_dissect()). */
final class IpProtocols {
    private IpProtocols() {}

    /** @return false when no dissector takes the protocol (the caller then says "Unknown (n)" or the like) */
    static boolean dissect(int proto, Tvb next, Packet p) {
        switch (proto) {
            case 1 -> IcmpDissector.dissect(next, p);
            case 2 -> IgmpDissector.dissect(next, p);
            case 4 -> IpDissector.dissectIpAnyVersion(next, p);
            case 6 -> TcpDissector.dissect(next, p);
            case 17 -> UdpDissector.dissect(next, p);
            case 41 -> {
                return Ipv6Dissector.dissect(next, p);
            }
            case 47 -> GreDissector.dissect(next, p);
            case 58 -> Icmpv6Dissector.dissect(next, p);
            case 112 -> VrrpDissector.dissect(next, p);
            case 137 -> MplsDissector.dissect(next, p); // MPLS in IP
            default -> {
                Values.unsupported("ip.proto", proto);
                return false;
            }
        }
        return true;
    }
}
