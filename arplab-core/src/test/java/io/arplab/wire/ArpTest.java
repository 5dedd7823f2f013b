package io.arplab.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArpTest {
    static final MacAddress NODE1 = MacAddress.parse("02:42:ac:1c:00:0b");
    static final MacAddress NODE3 = MacAddress.parse("02:42:ac:1c:00:0d");
    static final Ipv4Address IP1 = Ipv4Address.parse("172.28.0.11");
    static final Ipv4Address IP3 = Ipv4Address.parse("172.28.0.13");

    final List<byte[]> ping = Fixtures.linuxPingNode1();
    final byte[] request = ping.get(0);
    final byte[] reply = ping.get(1);

    static ArpView arp(byte[] frame) {
        EthernetView e = new EthernetView(frame);
        assertThat(e.check()).isNull();
        return new ArpView(frame, e.payloadOffset(), e.payloadLength());
    }

    @Test
    void kernelRequestFields() {
        ArpView v = arp(request);
        assertThat(v.check()).isNull();
        assertThat(v.isEthernetIpv4()).isTrue();
        assertThat(v.hardwareType()).isEqualTo(1);
        assertThat(v.protocolType()).isEqualTo(0x0800);
        assertThat(v.hardwareLength()).isEqualTo(6);
        assertThat(v.protocolLength()).isEqualTo(4);
        assertThat(v.operation()).isSameAs(ArpOp.REQUEST);
        assertThat(v.senderHardwareAddress()).isEqualTo(NODE1);
        assertThat(v.senderProtocolAddressBits()).isEqualTo(IP1.bits());
        assertThat(v.targetHardwareAddressBits()).isZero();
        assertThat(v.targetProtocolAddress()).isEqualTo(IP3);
        assertThat(v.packetLength()).isEqualTo(28);
        assertThat(ArpPacket.parse(v)).isEqualTo(ArpPacket.request(NODE1, IP1, IP3));
    }

    @Test
    void replyFromSwapsAndFillsExactlyLikeTheKernel() {
        ArpPacket req = ArpPacket.parse(arp(request));
        ArpPacket rep = req.replyFrom(NODE3);
        assertThat(rep).isEqualTo(ArpPacket.parse(arp(reply)));
        byte[] out = new byte[28];
        assertThat(rep.emit(out, 0)).isEqualTo(28);
        assertThat(out).isEqualTo(Arrays.copyOfRange(reply, 14, 42));
    }

    @Test
    void framesMatchKernelBytes() {
        byte[] out = new byte[42];
        assertThat(ArpFrames.writeRequest(out, 0, NODE1.bits(), IP1.bits(), MacAddress.BROADCAST.bits(), IP3.bits()))
                .isEqualTo(42);
        assertThat(out).isEqualTo(request);

        // node3 probes node1's cached MAC by unicast (frame 10 of the recording): tha stays zero.
        byte[] unicastProbe = ping.get(8);
        assertThat(ArpFrames.writeRequest(out, 0, NODE3.bits(), IP3.bits(), NODE1.bits(), IP1.bits())).isEqualTo(42);
        assertThat(out).isEqualTo(unicastProbe);

        Arrays.fill(out, (byte) 0x55);
        assertThat(ArpFrames.writeReply(request, 0, request.length, NODE3.bits(), out, 0)).isEqualTo(42);
        assertThat(out).isEqualTo(reply);
    }

    @Test
    void writeReplyInPlaceAndAtOffsets() {
        byte[] buf = new byte[100];
        System.arraycopy(request, 0, buf, 7, 42);
        assertThat(ArpFrames.writeReply(buf, 7, 42, NODE3.bits(), buf, 7)).isEqualTo(42);
        assertThat(Arrays.copyOfRange(buf, 7, 49)).isEqualTo(reply);
    }

    @Test
    void writeReplyAcceptsPaddedRequestsAndRejectsEverythingElse() {
        byte[] out = new byte[64];
        byte[] padded = Fixtures.pcapFrame("arp_request_padded");
        assertThat(padded).hasSize(60);
        assertThat(ArpFrames.writeReply(padded, 0, padded.length, NODE3.bits(), out, 0)).isEqualTo(42);
        assertThat(Arrays.copyOf(out, 42)).isEqualTo(reply);

        byte[] untouched = out.clone();
        assertThat(ArpFrames.writeReply(reply, 0, reply.length, NODE3.bits(), out, 0)).isEqualTo(-1);
        assertThat(ArpFrames.writeReply(request, 0, 41, NODE3.bits(), out, 0)).isEqualTo(-1);
        assertThat(ArpFrames.writeReply(request, 1, 42, NODE3.bits(), out, 0)).isEqualTo(-1);
        for (String bad : List.of("arp_vlan10", "arp_hlen8", "arp_hwtype_ieee802", "arp_ptype_ipv6",
                "rarp_request_8035", "arp_op3_reverse_request", "arp_truncated_20")) {
            byte[] f = Fixtures.pcapFrame(bad);
            assertThat(ArpFrames.writeReply(f, 0, f.length, NODE3.bits(), out, 0)).as(bad).isEqualTo(-1);
        }
        assertThat(out).isEqualTo(untouched);
    }

    @Test
    void rfc5227ProbeAndAnnouncementMatchTheCorpus() {
        byte[] out = new byte[42];
        MacAddress mac = MacAddress.parse("02:42:ac:1c:00:0e");
        Ipv4Address ip = Ipv4Address.parse("172.28.0.14");
        ArpFrames.writeProbe(out, 0, mac.bits(), ip.bits());
        assertThat(out).isEqualTo(Fixtures.pcapFrame("arp_probe_rfc5227"));
        ArpView probe = new ArpView(out, 14, 28);
        assertThat(ArpPacket.parse(probe)).isEqualTo(ArpPacket.probe(mac, ip));

        ArpFrames.writeAnnouncement(out, 0, mac.bits(), ip.bits());
        byte[] announcement = Fixtures.pcapFrame("arp_announcement_rfc5227");
        assertThat(out).isEqualTo(Arrays.copyOf(announcement, 42));
        assertThat(ArpPacket.parse(arp(announcement))).isEqualTo(ArpPacket.gratuitous(mac, ip));
    }

    @Test
    void gratuitousRequestAndReply() {
        MacAddress mac = MacAddress.parse("02:42:ac:1c:00:0c");
        Ipv4Address ip = Ipv4Address.parse("172.28.0.12");
        assertThat(ArpPacket.parse(arp(Fixtures.pcapFrame("arp_gratuitous_request_tha_zero"))))
                .isEqualTo(ArpPacket.gratuitous(mac, ip));
        ArpPacket rep = ArpPacket.parse(arp(Fixtures.pcapFrame("arp_gratuitous_reply")));
        assertThat(rep.isReply()).isTrue();
        assertThat(rep.senderProtocolAddress()).isEqualTo(rep.targetProtocolAddress()).isEqualTo(ip);
    }

    @Test
    void otherLayoutsFollowHlenAndPlen() {
        ArpView h8 = arp(Fixtures.pcapFrame("arp_hlen8"));
        assertThat(h8.check()).isNull();
        assertThat(h8.isEthernetIpv4()).isFalse();
        assertThat(h8.hardwareLength()).isEqualTo(8);
        assertThat(h8.packetLength()).isEqualTo(32);
        int base = h8.offset();
        assertThat(h8.senderProtocolAddressOffset() - base).isEqualTo(16);
        assertThat(h8.targetHardwareAddressOffset() - base).isEqualTo(20);
        assertThat(h8.targetProtocolAddressOffset() - base).isEqualTo(28);
        assertThat(Bytes.i32(h8.buffer(), h8.senderProtocolAddressOffset())).isEqualTo(IP1.bits());
        assertThat(Bytes.i32(h8.buffer(), h8.targetProtocolAddressOffset())).isEqualTo(IP3.bits());
        assertThatThrownBy(() -> ArpPacket.parse(h8)).hasMessageContaining("hln 8");

        ArpView v6 = arp(Fixtures.pcapFrame("arp_ptype_ipv6"));
        assertThat(v6.check()).isNull();
        assertThat(v6.protocolType()).isEqualTo(0x86dd);
        assertThat(v6.protocolLength()).isEqualTo(16);
        assertThat(v6.packetLength()).isEqualTo(52);
        assertThat(v6.targetProtocolAddressOffset() - v6.offset()).isEqualTo(8 + 6 + 16 + 6);

        assertThat(arp(Fixtures.pcapFrame("arp_hwtype_ieee802")).hardwareType()).isEqualTo(6);
    }

    @Test
    void opcodesSurvive() {
        assertThat(arp(Fixtures.pcapFrame("arp_op10_nak")).operation()).isSameAs(ArpOp.NAK);
        assertThat(arp(Fixtures.pcapFrame("arp_op9")).operation()).isSameAs(ArpOp.INARP_REPLY);
        assertThat(arp(Fixtures.pcapFrame("arp_op4_reverse_reply")).operation()).isSameAs(ArpOp.REVERSE_REPLY);
        byte[] f = Fixtures.pcapFrame("arp_op255_unknown");
        ArpPacket p = ArpPacket.parse(arp(f));
        assertThat(p.operation().code()).isEqualTo(255);
        byte[] out = new byte[28];
        p.emit(out, 0);
        assertThat(out).isEqualTo(Arrays.copyOfRange(f, 14, 42));
        EthernetView rarp = new EthernetView(Fixtures.pcapFrame("rarp_request_8035"));
        assertThat(rarp.check()).isNull();
        assertThat(rarp.etherType()).isSameAs(EtherType.RARP);
    }

    @Test
    void truncatedPacketsAreReported() {
        assertThat(arp(Fixtures.pcapFrame("arp_truncated_20")).check()).isEqualTo("truncated: 20 of 28 bytes");
        assertThat(new ArpView(request, 14, 7).check()).isEqualTo("truncated: 7 of 8 bytes");
        ArpView h8 = arp(Fixtures.pcapFrame("arp_hlen8"));
        assertThat(new ArpView(h8.buffer(), h8.offset(), 31).check()).isEqualTo("truncated: 31 of 32 bytes");
    }
}
