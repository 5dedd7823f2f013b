package io.arplab.wire;

/**
 * An Ethernet/IPv4 ARP packet (RFC 826): what an ARP message means. Other hardware or protocol types stay
 * {@link ArpView}s. Field names follow RFC 826 (ar$sha, ar$spa, ar$tha, ar$tpa).
 */
public record ArpPacket(ArpOp operation, MacAddress senderHardwareAddress, Ipv4Address senderProtocolAddress,
                        MacAddress targetHardwareAddress, Ipv4Address targetProtocolAddress) {
    public static final int LENGTH = ArpView.ETHERNET_IPV4_LENGTH;
    /** Ethernet header + ARP, as Linux sends it (no padding to 60: the NIC or veth adds none). */
    public static final int ETHERNET_FRAME_LENGTH = EthernetView.HEADER_LENGTH + LENGTH;

    public ArpPacket {
        if (operation == null || senderHardwareAddress == null || senderProtocolAddress == null
                || targetHardwareAddress == null || targetProtocolAddress == null) {
            throw new IllegalArgumentException("null field");
        }
    }

    /** Reads a checked view; throws IllegalArgumentException unless {@link ArpView#isEthernetIpv4()}. */
    public static ArpPacket parse(ArpView v) {
        if (!v.isEthernetIpv4()) {
            throw new IllegalArgumentException(String.format("not Ethernet/IPv4 ARP: hrd %d, pro 0x%04x, hln %d, pln %d",
                    v.hardwareType(), v.protocolType(), v.hardwareLength(), v.protocolLength()));
        }
        return new ArpPacket(v.operation(), v.senderHardwareAddress(), v.senderProtocolAddress(),
                v.targetHardwareAddress(), v.targetProtocolAddress());
    }

    /** A request "who has tpa, tell spa" with ar$tha zero, as Linux's arp_solicit() sends it. */
    public static ArpPacket request(MacAddress sha, Ipv4Address spa, Ipv4Address tpa) {
        return new ArpPacket(ArpOp.REQUEST, sha, spa, MacAddress.ZERO, tpa);
    }

    /**
     * A gratuitous ARP request / RFC 5227 §2.3 announcement: sender and target protocol address both {@code ip},
     * ar$tha zero (what Linux sends on link up with arp_notify, and arping -U).
     */
    public static ArpPacket gratuitous(MacAddress sha, Ipv4Address ip) {
        return new ArpPacket(ArpOp.REQUEST, sha, ip, MacAddress.ZERO, ip);
    }

    /** A gratuitous reply (arping -A): spa = tpa = ip, tha = sha. */
    public static ArpPacket gratuitousReply(MacAddress sha, Ipv4Address ip) {
        return new ArpPacket(ArpOp.REPLY, sha, ip, sha, ip);
    }

    /** An RFC 5227 §2.1.1 probe: sender protocol address 0.0.0.0, ar$tha zero, target the address to claim. */
    public static ArpPacket probe(MacAddress sha, Ipv4Address tpa) {
        return new ArpPacket(ArpOp.REQUEST, sha, Ipv4Address.ANY, MacAddress.ZERO, tpa);
    }

    /**
     * The reply to this request, per RFC 826 "Packet Reception": swap hardware and protocol fields, putting the
     * local hardware address in the sender fields, and set ar$op to reply.
     */
    public ArpPacket replyFrom(MacAddress myMac) {
        return new ArpPacket(ArpOp.REPLY, myMac, targetProtocolAddress, senderHardwareAddress, senderProtocolAddress);
    }

    public boolean isRequest() {
        return operation.code() == 1;
    }

    public boolean isReply() {
        return operation.code() == 2;
    }

    /** Writes the 28-byte packet at {@code out[off]}; returns 28. */
    public int emit(byte[] out, int off) {
        ArpFrames.writeArp(out, off, operation.code(), senderHardwareAddress.bits(), senderProtocolAddress.bits(),
                targetHardwareAddress.bits(), targetProtocolAddress.bits());
        return LENGTH;
    }

    @Override
    public String toString() {
        return operation + " sha " + senderHardwareAddress + " spa " + senderProtocolAddress + " tha "
                + targetHardwareAddress + " tpa " + targetProtocolAddress;
    }
}
