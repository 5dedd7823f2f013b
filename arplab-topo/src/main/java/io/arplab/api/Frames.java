package io.arplab.api;

import io.arplab.wire.ArpFrames;
import io.arplab.wire.EthernetFrames;
import io.arplab.wire.IcmpFrames;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.Ipv4Frames;
import io.arplab.wire.MacAddress;

/**
 * Untagged Ethernet frames to put on a lab's wire ({@link Node#inject}): ARP as RFC 826 lays it out, ICMP echo
 * requests as ping sends them, UDP datagrams. Each call returns a new array, written by the engine's own frame
 * writers ({@code io.arplab.wire}).
 * <pre>{@code
 * byte[] forged = Frames.gratuitousReply("02:42:ac:1c:00:0c", "172.28.0.1");   // "172.28.0.1 is-at" the attacker
 * attacker.inject("eth0", forged);
 * }</pre>
 */
public final class Frames {
    private static final long BROADCAST = MacAddress.BROADCAST.bits();
    /** ARP operation codes (RFC 826). */
    public static final int REQUEST = 1;
    /** ARP reply operation code (RFC 826). */
    public static final int REPLY = 2;

    private Frames() {}

    /** Any Ethernet/IPv4 ARP frame: Ethernet destination and source, then the five ARP fields. */
    public static byte[] arp(MacAddress ethDestination, MacAddress ethSource, int operation, MacAddress sha,
                             Ipv4Address spa, MacAddress tha, Ipv4Address tpa) {
        byte[] f = new byte[ArpFrames.FRAME_LENGTH];
        ArpFrames.write(f, 0, ethDestination.bits(), ethSource.bits(), operation, sha.bits(), spa.bits(), tha.bits(),
                tpa.bits());
        return f;
    }

    /** A broadcast "who-has {@code target} tell {@code senderIp}" as arp_solicit() sends it (ar$tha zero). */
    public static byte[] arpRequest(MacAddress senderMac, Ipv4Address senderIp, Ipv4Address target) {
        return arp(MacAddress.BROADCAST, senderMac, REQUEST, senderMac, senderIp, MacAddress.ZERO, target);
    }

    /** {@link #arpRequest(MacAddress, Ipv4Address, Ipv4Address)} with addresses as text. */
    public static byte[] arpRequest(String senderMac, String senderIp, String target) {
        return arpRequest(MacAddress.parse(senderMac), Ipv4Address.parse(senderIp), Ipv4Address.parse(target));
    }

    /**
     * A unicast reply "{@code senderIp} is-at {@code senderMac}" to {@code targetMac}/{@code targetIp}, as
     * arp_process() answers a request (RFC 826 "swap and fill").
     */
    public static byte[] arpReply(MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac,
                                  Ipv4Address targetIp) {
        return arp(targetMac, senderMac, REPLY, senderMac, senderIp, targetMac, targetIp);
    }

    /** {@link #arpReply(MacAddress, Ipv4Address, MacAddress, Ipv4Address)} with addresses as text. */
    public static byte[] arpReply(String senderMac, String senderIp, String targetMac, String targetIp) {
        return arpReply(MacAddress.parse(senderMac), Ipv4Address.parse(senderIp), MacAddress.parse(targetMac),
                Ipv4Address.parse(targetIp));
    }

    /**
     * A gratuitous request (RFC 5227 §2.3 announcement, {@code arping -U}): broadcast, spa = tpa = {@code ip},
     * ar$tha zero.
     */
    public static byte[] gratuitousArp(MacAddress mac, Ipv4Address ip) {
        byte[] f = new byte[ArpFrames.FRAME_LENGTH];
        ArpFrames.writeAnnouncement(f, 0, mac.bits(), ip.bits());
        return f;
    }

    /** {@link #gratuitousArp(MacAddress, Ipv4Address)} with addresses as text. */
    public static byte[] gratuitousArp(String mac, String ip) {
        return gratuitousArp(MacAddress.parse(mac), Ipv4Address.parse(ip));
    }

    /**
     * A gratuitous reply ({@code arping -A}): broadcast, spa = tpa = {@code ip} and ar$tha = ar$sha, which
     * arp_is_garp() requires of a reply.
     */
    public static byte[] gratuitousReply(MacAddress mac, Ipv4Address ip) {
        return arp(MacAddress.BROADCAST, mac, REPLY, mac, ip, mac, ip);
    }

    /** {@link #gratuitousReply(MacAddress, Ipv4Address)} with addresses as text. */
    public static byte[] gratuitousReply(String mac, String ip) {
        return gratuitousReply(MacAddress.parse(mac), Ipv4Address.parse(ip));
    }

    /**
     * An ICMP echo request as iputils ping sends it: TTL 64, DF set, IP id 0, 56 bytes of data (an 8-byte zero
     * time stamp, then ping's fill pattern: byte i holds i + 8).
     */
    public static byte[] icmpEcho(MacAddress source, MacAddress destination, Ipv4Address sourceIp,
                                  Ipv4Address destinationIp, int identifier, int sequence) {
        byte[] data = new byte[56];
        for (int i = 8; i < data.length; i++) {
            data[i] = (byte) (i + 8);
        }
        byte[] f = new byte[IcmpFrames.ECHO_HEADERS_LENGTH + data.length];
        IcmpFrames.writeEchoRequest(f, 0, source.bits(), destination.bits(), sourceIp.bits(), destinationIp.bits(),
                0, 64, true, identifier, sequence, data, 0, data.length);
        return f;
    }

    /**
     * A UDP datagram (RFC 768) with its checksum over the pseudo-header, in an IPv4 packet with TTL 64, DF set and
     * IP id 0.
     */
    public static byte[] udp(MacAddress source, MacAddress destination, Ipv4Address sourceIp,
                             Ipv4Address destinationIp, int sourcePort, int destinationPort, byte[] payload) {
        if (payload.length > 65_507) {
            throw new IllegalArgumentException("UDP payload of " + payload.length + " bytes: at most 65507 fit in IPv4");
        }
        int udpLength = 8 + payload.length;
        byte[] f = new byte[14 + 20 + udpLength];
        EthernetFrames.writeHeader(f, 0, destination.bits(), source.bits(), 0x0800);
        Ipv4Frames.writeHeader(f, 14, 0, 20 + udpLength, 0, true, 64, 17, sourceIp.bits(), destinationIp.bits());
        put16(f, 34, sourcePort);
        put16(f, 36, destinationPort);
        put16(f, 38, udpLength);
        System.arraycopy(payload, 0, f, 42, payload.length);
        long sum = InternetChecksum.pseudoHeader(sourceIp.bits(), destinationIp.bits(), 17, udpLength);
        int c = InternetChecksum.finish(InternetChecksum.add(sum, f, 34, udpLength));
        put16(f, 40, c == 0 ? 0xffff : c); // RFC 768: a computed zero is sent as all ones
        return f;
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
