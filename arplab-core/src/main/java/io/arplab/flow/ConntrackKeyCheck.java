package io.arplab.flow;

/**
 * lib/conntrack.c conn_key_extract()'s checks of a packet's headers (no hardware offload: every checksum verified):
 * extract_l3_ipv4() (the header's length and checksum), then extract_l4()'s check_l4_tcp() (the header's length,
 * the checksum), check_l4_udp() (the length field within the packet; the checksum, unless 0 in IPv4),
 * check_l4_icmp() and check_l4_icmp6() (the checksum), and extract_l4_tcp()'s and extract_l4_udp()'s ports (neither
 * may be 0). A packet that fails is invalid, tracked in no connection.
 */
final class ConntrackKeyCheck {
    private ConntrackKeyCheck() {}

    /** Whether conntrack can key {@code f} (an Ethernet frame, after its VLAN tags); true when it is no IP packet. */
    static boolean valid(byte[] f) {
        int l3 = typeOffset(f);
        if (l3 + 2 > f.length) {
            return true;
        }
        int type = Packet.u16(f, l3);
        l3 += 2;
        if (type == Match.ETH_IP) {
            // miniflow_extract() reaches no L4 of a header failing ipv4_sanity_check(): no conn_key_extract()
            if (!Packet.ipv4Sane(f, l3)) {
                return false;
            }
            int ihl = (f[l3] & 0xf) * 4, end = l3 + Packet.u16(f, l3 + 2);
            if (Packet.checksum(f, l3, ihl, 0) != 0) {
                return false;
            }
            int proto = f[l3 + 9] & 0xff;
            long pseudo = proto + (end - l3 - ihl);
            for (int i = 12; i < 20; i += 2) {
                pseudo += Packet.u16(f, l3 + i);
            }
            return l4Valid(f, l3 + ihl, end, proto, pseudo, false);
        }
        if (type == Match.ETH_IPV6) {
            // ipv6_sanity_check(), then parse_ipv6_ext_hdrs__(): each extension header whole within the payload
            if (f.length - l3 < 40 || Packet.u16(f, l3 + 4) + 40 > f.length - l3) {
                return false;
            }
            int end = l3 + 40 + Packet.u16(f, l3 + 4);
            int proto = f[l3 + 6] & 0xff, l4 = l3 + 40;
            while (proto == Ipv6Packet.HOPOPTS || proto == Ipv6Packet.ROUTING || proto == Ipv6Packet.DSTOPTS
                    || proto == Ipv6Packet.AH || proto == Ipv6Packet.FRAGMENT) {
                if (end - l4 < 8) {
                    return false;
                }
                int next = f[l4] & 0xff;
                l4 += proto == Ipv6Packet.FRAGMENT ? 8 : proto == Ipv6Packet.AH ? ((f[l4 + 1] & 0xff) + 2) * 4
                        : ((f[l4 + 1] & 0xff) + 1) * 8;
                proto = next;
            }
            if (l4 > end) {
                return false;
            }
            long pseudo = proto + (end - l4); // packet_csum_upperlayer6()
            for (int i = 8; i < 40; i += 2) {
                pseudo += Packet.u16(f, l3 + i);
            }
            return l4Valid(f, l4, end, proto, pseudo, true);
        }
        return true;
    }

    /** Where the Ethertype after a frame's VLAN tags sits (parse_vlan()). */
    static int typeOffset(byte[] f) {
        int l3 = 12;
        while (l3 + 4 <= f.length && (Packet.u16(f, l3) == 0x8100 || Packet.u16(f, l3) == 0x88a8)) {
            l3 += 4;
        }
        return l3;
    }

    // extract_l4(): the checks of a protocol conntrack keys; the others have no L4 key
    private static boolean l4Valid(byte[] f, int l4, int end, int proto, long pseudo, boolean v6) {
        int size = end - l4;
        switch (proto) {
            case Match.PROTO_TCP -> {
                int hdr = size < 20 ? 0 : ((f[l4 + 12] & 0xff) >> 4) * 4;
                return size >= 20 && hdr >= 20 && hdr <= size && Packet.checksum(f, l4, size, pseudo) == 0
                        && ports(f, l4);
            }
            case Match.PROTO_UDP -> {
                int len = size < 8 ? 0 : Packet.u16(f, l4 + 4);
                return size >= 8 && len >= 8 && len <= size
                        && (!v6 && Packet.u16(f, l4 + 6) == 0 || Packet.checksum(f, l4, size, pseudo) == 0)
                        && ports(f, l4);
            }
            case Match.PROTO_ICMP -> {
                return v6 || Packet.checksum(f, l4, size, 0) == 0;
            }
            case Match.PROTO_ICMPV6 -> {
                return !v6 || Packet.checksum(f, l4, size, pseudo) == 0;
            }
            default -> {
                return true;
            }
        }
    }

    // extract_l4_tcp(), extract_l4_udp(): "Port 0 is invalid"
    private static boolean ports(byte[] f, int l4) {
        return Packet.u16(f, l4) != 0 && Packet.u16(f, l4 + 2) != 0;
    }
}
