package io.arplab.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcmpTest {
    static final MacAddress NODE1 = MacAddress.parse("02:42:ac:1c:00:0b");
    static final MacAddress NODE3 = MacAddress.parse("02:42:ac:1c:00:0d");
    static final Ipv4Address IP1 = Ipv4Address.parse("172.28.0.11");
    static final Ipv4Address IP3 = Ipv4Address.parse("172.28.0.13");

    static IcmpView icmp(byte[] frame) {
        Ipv4View ip = Ipv4Test.ip(frame);
        assertThat(ip.check()).isNull();
        assertThat(ip.protocol()).isEqualTo(IpProtocol.ICMP);
        return new IcmpView(frame, ip.payloadOffset(), ip.payloadLength());
    }

    /** Parse then emit gives the same bytes. */
    static IcmpMessage roundTrips(IcmpView v) {
        IcmpMessage m = IcmpMessage.parse(v);
        byte[] out = new byte[v.length()];
        assertThat(m.emit(out, 0)).isEqualTo(v.length());
        assertThat(out).isEqualTo(Arrays.copyOfRange(v.buffer(), v.offset(), v.offset() + v.length()));
        return m;
    }

    @Test
    void kernelEchoRequestAndReply() {
        List<byte[]> ping = Fixtures.linuxPingNode1();
        IcmpView req = icmp(ping.get(2));
        assertThat(req.check()).isNull();
        assertThat(req.type()).isEqualTo(IcmpType.ECHO_REQUEST);
        assertThat(req.code()).isZero();
        assertThat(req.checksum()).isEqualTo(0xd1ec);
        assertThat(req.checksumValid()).isTrue();
        assertThat(req.identifier()).isEqualTo(10070);
        assertThat(req.sequenceNumber()).isEqualTo(1);
        assertThat(req.dataLength()).isEqualTo(56);
        assertThat(req.isError()).isFalse();
        IcmpMessage m = roundTrips(req);
        assertThat(m).isInstanceOf(IcmpMessage.Echo.class);
        IcmpMessage.Echo echo = (IcmpMessage.Echo) m;
        assertThat(echo.reply()).isFalse();
        assertThat(echo.data()).hasSize(56);
        IcmpMessage rep = roundTrips(icmp(ping.get(3)));
        assertThat(rep).isEqualTo(echo.toReply());
    }

    @Test
    void echoReplyFrameIsByteForByteWhatLinuxSent() {
        List<byte[]> ping = Fixtures.linuxPingNode1();
        for (int i = 2; i < 8; i += 2) {
            byte[] request = ping.get(i);
            byte[] expected = ping.get(i + 1);
            int id = Bytes.u16(expected, 18); // the kernel's fresh IP id, which the caller supplies
            byte[] out = new byte[128];
            int n = IcmpFrames.writeEchoReply(request, 0, request.length, NODE3.bits(), IP3.bits(), id, 64, out, 0);
            assertThat(n).isEqualTo(98);
            assertThat(Arrays.copyOf(out, n)).isEqualTo(expected);
        }
    }

    @Test
    void echoRequestFrameIsByteForByteWhatPingSent() {
        byte[] expected = Fixtures.linuxPingNode1().get(2);
        byte[] data = Arrays.copyOfRange(expected, 42, 98);
        byte[] out = new byte[98];
        int n = IcmpFrames.writeEchoRequest(out, 0, NODE1.bits(), NODE3.bits(), IP1.bits(), IP3.bits(), 0x1d10, 64,
                true, 10070, 1, data, 0, data.length);
        assertThat(n).isEqualTo(98);
        assertThat(out).isEqualTo(expected);
    }

    @Test
    void echoReplyInPlaceDropsOptionsAndPadding() {
        byte[] rr = Fixtures.pcapFrame("ip_options_rr");
        byte[] buf = rr.clone();
        int n = IcmpFrames.writeEchoReply(buf, 0, buf.length, NODE3.bits(), IP3.bits(), 7, 64, buf, 0);
        assertThat(n).isEqualTo(14 + 20 + 64);
        Ipv4View ip = new Ipv4View(buf, 14, n - 14);
        assertThat(ip.check()).isNull();
        assertThat(ip.headerChecksumValid()).isTrue();
        assertThat(ip.ihl()).isEqualTo(5);
        assertThat(ip.dontFragment()).isFalse();
        assertThat(ip.destination()).isEqualTo(IP1);
        IcmpView r = new IcmpView(buf, ip.payloadOffset(), ip.payloadLength());
        assertThat(r.type()).isEqualTo(IcmpType.ECHO_REPLY);
        assertThat(r.checksumValid()).isTrue();
        assertThat(Arrays.copyOfRange(buf, 42, n)).isEqualTo(Arrays.copyOfRange(rr, 14 + 60 + 8, 14 + 124));

        byte[] padded = Fixtures.pcapFrame("icmp_echo_padded_min");
        byte[] out = new byte[100];
        assertThat(IcmpFrames.writeEchoReply(padded, 0, padded.length, NODE3.bits(), IP3.bits(), 1, 64, out, 0))
                .isEqualTo(42);
    }

    @Test
    void echoReplyOfAnAllZeroMessageSendsMinusZero() {
        // Reply type 0, code 0, id 0, seq 0, no data sums to zero: the full sum gives 0xffff, RFC 1624's
        // incremental update would give 0x0000; the helper must match the full sum.
        byte[] req = new byte[42];
        int n = IcmpFrames.writeEchoRequest(req, 0, NODE1.bits(), NODE3.bits(), IP1.bits(), IP3.bits(), 1, 64, true, 0, 0,
                new byte[0], 0, 0);
        assertThat(Bytes.u16(req, 36)).isEqualTo(0xf7ff);
        byte[] out = new byte[42];
        assertThat(IcmpFrames.writeEchoReply(req, 0, n, NODE3.bits(), IP3.bits(), 2, 64, out, 0)).isEqualTo(42);
        assertThat(Bytes.u16(out, 36)).isEqualTo(0xffff);
        assertThat(new IcmpView(out, 34, 8).checksumValid()).isTrue();
    }

    @Test
    void echoReplyRefusesWhatLinuxWouldNotAnswer() {
        byte[] out = new byte[200];
        byte[] reply = Fixtures.linuxPingNode1().get(3);
        assertThat(IcmpFrames.writeEchoReply(reply, 0, reply.length, 1, 1, 1, 64, out, 0)).isEqualTo(-1);
        for (String bad : List.of("icmp_bad_checksum", "ip_bad_checksum", "ip_fragments_icmp", "icmp_truncated_frame",
                "ip_totlen_gt_frame", "ip_ihl_lt20", "ip_version6_in_0800", "icmp_echo_vlan10", "icmp_truncated_short",
                "arp_request", "udp_dns_query")) {
            byte[] f = Fixtures.pcapFrame(bad);
            assertThat(IcmpFrames.writeEchoReply(f, 0, f.length, 1, 1, 1, 64, out, 0)).as(bad).isEqualTo(-1);
        }
        assertThat(out).containsOnly(0);
    }

    @Test
    void badChecksum() {
        IcmpView v = icmp(Fixtures.pcapFrame("icmp_bad_checksum"));
        assertThat(v.check()).isNull();
        assertThat(v.checksum()).isEqualTo(0xbeef);
        assertThat(v.checksumValid()).isFalse();
    }

    @Test
    void fragmentationNeededCarriesTheNextHopMtu() {
        IcmpView v = icmp(Fixtures.pcapFrame("icmp_unreach_frag_needed"));
        assertThat(v.check()).isNull();
        assertThat(v.checksumValid()).isTrue();
        assertThat(v.type()).isEqualTo(IcmpType.DESTINATION_UNREACHABLE);
        assertThat(v.code()).isEqualTo(IcmpCode.Unreachable.FRAGMENTATION_NEEDED);
        assertThat(v.nextHopMtu()).isEqualTo(1400);
        assertThat(v.isError()).isTrue();
        Ipv4View quoted = new Ipv4View(v.buffer(), v.dataOffset(), v.dataLength());
        assertThat(quoted.checkHeader()).isNull();
        assertThat(quoted.totalLength()).isEqualTo(1500);
        assertThat(quoted.dontFragment()).isTrue();
        assertThat(roundTrips(v)).isEqualTo(IcmpMessage.DestinationUnreachable.fragmentationNeeded(1400,
                Arrays.copyOfRange(v.buffer(), v.dataOffset(), v.dataOffset() + 28)));
    }

    @Test
    void unreachableCodes() {
        assertThat(roundTrips(icmp(Fixtures.pcapFrame("icmp_unreach_net"))))
                .isInstanceOfSatisfying(IcmpMessage.DestinationUnreachable.class, u -> assertThat(u.code()).isZero());
        assertThat(roundTrips(icmp(Fixtures.pcapFrame("icmp_unreach_host"))).code()).isEqualTo(1);
        assertThat(roundTrips(icmp(Fixtures.pcapFrame("icmp_unreach_port"))).code()).isEqualTo(3);
        assertThat(roundTrips(icmp(Fixtures.pcapFrame("icmp_unreach_admin_echo"))).code())
                .isEqualTo(IcmpCode.Unreachable.COMMUNICATION_ADMIN_PROHIBITED);
    }

    @Test
    void redirectGateway() {
        IcmpView v = icmp(Fixtures.pcapFrame("icmp_redirect_host"));
        assertThat(v.check()).isNull();
        assertThat(v.code()).isEqualTo(IcmpCode.Redirect.HOST);
        assertThat(v.gateway()).isEqualTo(Ipv4Address.parse("172.28.0.254"));
        assertThat(roundTrips(v)).isInstanceOfSatisfying(IcmpMessage.Redirect.class,
                r -> assertThat(r.gateway()).isEqualTo(Ipv4Address.parse("172.28.0.254")));
    }

    @Test
    void timeExceededQuotesTheProbe() {
        IcmpView v = icmp(Fixtures.pcapFrame("icmp_time_exceeded_ttl"));
        assertThat(v.checksumValid()).isTrue();
        IcmpMessage m = roundTrips(v);
        assertThat(m).isInstanceOf(IcmpMessage.TimeExceeded.class);
        Ipv4View quoted = new Ipv4View(v.buffer(), v.dataOffset(), v.dataLength());
        assertThat(quoted.check()).isNull();
        assertThat(quoted.ttl()).isEqualTo(1);
        UdpView probe = new UdpView(v.buffer(), quoted.payloadOffset(), quoted.payloadLength());
        assertThat(probe.check()).isNull();
        assertThat(probe.destinationPort()).isEqualTo(33434);
    }

    @Test
    void timestamps() {
        IcmpView v = icmp(Fixtures.pcapFrame("icmp_timestamp_reply"));
        assertThat(v.check()).isNull();
        assertThat(v.identifier()).isEqualTo(4660);
        assertThat(v.originateTimestamp()).isEqualTo(36_000_000L);
        assertThat(v.receiveTimestamp()).isEqualTo(36_000_005L);
        assertThat(v.transmitTimestamp()).isEqualTo(36_000_006L);
        assertThat(roundTrips(v)).isEqualTo(new IcmpMessage.Timestamp(true, 4660, 1, 36_000_000L, 36_000_005L,
                36_000_006L));
        IcmpView q = icmp(Fixtures.pcapFrame("icmp_timestamp_request"));
        assertThat(roundTrips(q)).isInstanceOfSatisfying(IcmpMessage.Timestamp.class,
                t -> assertThat(t.reply()).isFalse());
        assertThat(new IcmpView(q.buffer(), q.offset(), 19).check()).isEqualTo("truncated: 19 of 20 bytes");
    }

    @Test
    void unknownTypeIsKeptAsOther() {
        IcmpView v = icmp(Fixtures.pcapFrame("icmp_unknown_type"));
        assertThat(v.type()).isEqualTo(99);
        assertThat(roundTrips(v)).isInstanceOfSatisfying(IcmpMessage.Other.class,
                o -> assertThat(o.type()).isEqualTo(99));
    }

    @Test
    void nonCanonicalKnownTypesFallBackToOther() {
        byte[] b = new byte[12];
        new IcmpMessage.Other(IcmpType.ECHO_REQUEST, 3, 0x00010002, new byte[4]).emit(b, 0);
        assertThat(IcmpMessage.parse(new IcmpView(b))).isInstanceOf(IcmpMessage.Other.class);
        new IcmpMessage.Other(IcmpType.TIME_EXCEEDED, 0, 1, new byte[4]).emit(b, 0);
        assertThat(IcmpMessage.parse(new IcmpView(b))).isInstanceOf(IcmpMessage.Other.class);
        new IcmpMessage.Other(IcmpType.DESTINATION_UNREACHABLE, 3, 1400, new byte[4]).emit(b, 0);
        assertThat(IcmpMessage.parse(new IcmpView(b))).isInstanceOf(IcmpMessage.Other.class);
        new IcmpMessage.Other(IcmpType.PARAMETER_PROBLEM, 0, 0x14000000, new byte[4]).emit(b, 0);
        assertThat(IcmpMessage.parse(new IcmpView(b))).isEqualTo(new IcmpMessage.ParameterProblem(0, 20, new byte[4]));
    }

    @Test
    void truncatedHeader() {
        IcmpView v = icmp(Fixtures.pcapFrame("icmp_truncated_short"));
        assertThat(v.check()).isEqualTo("truncated: 4 of 8 bytes");
    }

    @Test
    void linuxQuoteStopsAt548BytesAndAtTheTotalLength() {
        byte[] big = new byte[1500];
        Ipv4Header.of(IP1, IP3, IpProtocol.UDP, 1480, 64, 1, true).emit(big, 0);
        assertThat(IcmpMessage.quote(new Ipv4View(big))).hasSize(548);
        Ipv4View padded = Ipv4Test.ip(Fixtures.pcapFrame("ip_totlen_lt_frame"));
        assertThat(IcmpMessage.quote(padded)).hasSize(33);
    }
}
