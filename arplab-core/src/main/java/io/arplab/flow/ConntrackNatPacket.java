package io.arplab.flow;

import io.arplab.flow.Conntrack.Key;

/**
 * The NAT of a packet related to a NAT'ed connection (lib/conntrack.c nat_packet() with nat_inner_packet()): an ICMP
 * or ICMPv6 error's outer address, and the packet it quotes translated back.
 */
final class ConntrackNatPacket {
    private ConntrackNatPacket() {}

    /**
     * nat_packet() of a related ICMP error: the outer address as nat_packet_ipv4() sets it (the source for SNAT, the
     * destination for DNAT, the reply reversing them: {@code src}), from {@code key}, the connection's key seen the
     * other way (conn->key for a reply, conn->rev_key otherwise); then nat_inner_packet(): the embedded packet's
     * ports (pat_packet()) and other address translated back, its IP checksum and a UDP checksum updated (a TCP header
     * cut to 8 bytes has none to update), the ICMP checksum computed again. The frame is copied.
     */
    static byte[] natRelated(long[] flow, byte[] packet, Key key, boolean src) {
        if (key.v6()) {
            return natRelated6(flow, packet, key, src);
        }
        if (src) {
            flow[Slot.NW_SRC.ordinal()] = key.dst();
        } else {
            flow[Slot.NW_DST.ordinal()] = key.src();
        }
        byte[] f = packet.clone();
        int l3 = 14 + ((f[12] & 0xff) == 0x81 && f[13] == 0 ? 4 : 0);
        int l4 = l3 + (f[l3] & 0xf) * 4;
        int tail = Math.min(f.length, l3 + Packet.u16(f, l3 + 2)); // the Ethernet padding left out
        int in = l4 + 8;
        int inL4 = in + (f[in] & 0xf) * 4;
        int proto = f[in + 9] & 0xff;
        Key rev = key.reverse();
        int l4Size = tail - inL4;
        int ck = proto == Match.PROTO_TCP && l4Size >= 20 ? inL4 + 16
                : proto == Match.PROTO_UDP && l4Size >= 8 && Packet.u16(f, inL4 + 6) != 0 ? inL4 + 6 : -1;
        boolean udp = proto == Match.PROTO_UDP;
        if (proto == Match.PROTO_TCP || udp) { // pat_packet(): both ports from the reversed key
            Packet.setWord(f, inL4, (int) rev.dport(), -1, ck, udp);
            Packet.setWord(f, inL4 + 2, (int) rev.sport(), -1, ck, udp);
        }
        // nat_packet_ipv4() with the outer action reversed: an SNAT'ed error's embedded source, a DNAT'ed's destination
        int at = src ? in + 16 : in + 12;
        long addr = src ? rev.src() : rev.dst();
        Packet.setWord(f, at, (int) (addr >>> 16), in + 10, ck, udp);
        Packet.setWord(f, at + 2, (int) addr & 0xffff, in + 10, ck, udp);
        f[l4 + 2] = 0;
        f[l4 + 3] = 0;
        int sum = Packet.checksum(f, l4, tail - l4, 0);
        f[l4 + 2] = (byte) (sum >> 8);
        f[l4 + 3] = (byte) sum;
        return f;
    }

    /**
     * nat_packet() of a related ICMPv6 error: the outer address as nat_packet_ipv6() sets it (in the flow: the
     * output rewrites the frame and updates the checksum), then nat_inner_packet(): the embedded packet's ports
     * (pat_packet(): a UDP checksum updated, a TCP header cut short has none in the quote) and other address
     * (packet_set_ipv6_addr(): an embedded UDP or ICMPv6 checksum updated), the ICMPv6 checksum computed again
     * over the outer addresses. (The outer packet_update_csum128() reads the ICMPv6 message as the connection's
     * protocol: for TCP it rewrites bytes of the embedded source address that the inner translation then replaces.)
     */
    private static byte[] natRelated6(long[] flow, byte[] packet, Key key, boolean src) {
        Slot hi = src ? Slot.IPV6_SRC_HI : Slot.IPV6_DST_HI, lo = src ? Slot.IPV6_SRC_LO : Slot.IPV6_DST_LO;
        flow[hi.ordinal()] = src ? key.dstHi() : key.srcHi();
        flow[lo.ordinal()] = src ? key.dst() : key.src();
        byte[] f = packet.clone();
        int l3 = 14 + ((f[12] & 0xff) == 0x81 && f[13] == 0 ? 4 : 0);
        int l4 = l3 + 40;
        int tail = Math.min(f.length, l4 + Packet.u16(f, l3 + 4));
        int in = l4 + 8, inL4 = in + 40;
        int proto = f[in + 6] & 0xff, l4Size = tail - inL4;
        boolean udp = proto == Match.PROTO_UDP;
        int ck = udp && l4Size >= 8 && Packet.u16(f, inL4 + 6) != 0 ? inL4 + 6
                : proto == Match.PROTO_ICMPV6 && l4Size >= 4 ? inL4 + 2
                : proto == Match.PROTO_TCP && l4Size >= 20 ? inL4 + 16 : -1;
        Key rev = key.reverse();
        if (proto == Match.PROTO_TCP || udp) { // pat_packet()
            Packet.setWord(f, inL4, (int) rev.dport(), -1, proto == Match.PROTO_TCP ? -1 : ck, udp);
            Packet.setWord(f, inL4 + 2, (int) rev.sport(), -1, proto == Match.PROTO_TCP ? -1 : ck, udp);
        }
        // nat_packet_ipv6() with the outer action reversed: an SNAT'ed error's embedded destination, a DNAT'ed's source
        int at = src ? in + 24 : in + 8;
        long aHi = src ? rev.srcHi() : rev.dstHi(), aLo = src ? rev.src() : rev.dst();
        for (int w = 0; w < 8; w++) {
            long a = w < 4 ? aHi : aLo;
            Packet.setWord(f, at + 2 * w, (int) (a >>> (48 - 16 * (w & 3))), -1, ck, udp);
        }
        f[l4 + 2] = 0; // packet_csum_upperlayer6()
        f[l4 + 3] = 0;
        long pseudo = tail - l4 + Match.PROTO_ICMPV6;
        for (int i = 0; i < 32; i += 2) {
            pseudo += Packet.u16(f, l3 + 8 + i);
        }
        int sum = Packet.checksum(f, l4, tail - l4, pseudo);
        f[l4 + 2] = (byte) (sum >> 8);
        f[l4 + 3] = (byte) sum;
        return f;
    }
}
