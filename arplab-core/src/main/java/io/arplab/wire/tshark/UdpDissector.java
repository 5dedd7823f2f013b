package io.arplab.wire.tshark;

import java.util.Set;

/** packet-udp.c's dissect() and decode_udp_ports(): "sport → dport", the length checks, the port table. */
final class UdpDissector {
    /** Ports of dissectors Wireshark 4.0 has that this package does not decode (the generators' services). */
    private static final Set<Integer> ELSEWHERE = Set.of(67, 68, 69, 123, 137, 138, 161, 162, 514, 520, 546, 547,
            1985, 4789, 6081, 5353, 5355, 1812, 1813, 500, 4500, 3784, 1900, 5060, 2152, 8472, 3544, 443, 1194);

    private UdpDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("UDP");
        p.clearInfo();
        int sport = tvb.u16(0);
        int dport = tvb.u16(2);
        p.info(sport + " \u2192 " + dport);
        int ulen = tvb.u16(4);
        int reported = tvb.reported;
        if (ulen == 0) {
            ulen = reported;
        } else if (ulen < 8) {
            p.append(" [BAD UDP LENGTH " + ulen + " < 8]");
            return;
        }
        if (ulen > reported && !p.fragmented && !p.inErrorPkt) {
            p.append(" [BAD UDP LENGTH " + ulen + " > IP PAYLOAD LENGTH]");
        }
        p.append(" Len=" + (ulen - 8));
        tvb.u16(6);
        int len = Math.min(tvb.capturedRemaining(8), ulen - 8);
        int rep = Math.min(tvb.reportedRemaining(8), ulen - 8);
        Tvb next = tvb.subset(8, len, rep);
        int low = Math.min(sport, dport);
        int high = Math.max(sport, dport);
        if (port(low, next, p) || port(high, next, p)) {
            return;
        }
    }

    private static boolean port(int port, Tvb next, Packet p) {
        if (port == 0) {
            return false;
        }
        if (port == 53) {
            DnsDissector.dissect(next, p);
            return true;
        }
        if (ELSEWHERE.contains(port)) {
            throw new Unsupported("UDP port " + port);
        }
        return false;
    }
}
