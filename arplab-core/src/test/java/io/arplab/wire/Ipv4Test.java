package io.arplab.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Ipv4Test {
    static Ipv4View ip(byte[] frame) {
        EthernetView e = new EthernetView(frame);
        assertThat(e.check()).isNull();
        assertThat(e.etherType()).isEqualTo(EtherType.IPV4);
        return new Ipv4View(frame, e.payloadOffset(), e.payloadLength());
    }

    @Test
    void kernelEchoRequestHeader() {
        byte[] f = Fixtures.linuxPingNode1().get(2);
        Ipv4View v = ip(f);
        assertThat(v.check()).isNull();
        assertThat(v.version()).isEqualTo(4);
        assertThat(v.ihl()).isEqualTo(5);
        assertThat(v.tos()).isZero();
        assertThat(v.totalLength()).isEqualTo(84);
        assertThat(v.identification()).isEqualTo(0x1d10);
        assertThat(v.dontFragment()).isTrue();
        assertThat(v.moreFragments()).isFalse();
        assertThat(v.isFragment()).isFalse();
        assertThat(v.ttl()).isEqualTo(64);
        assertThat(v.protocol()).isSameAs(IpProtocol.ICMP);
        assertThat(v.headerChecksum()).isEqualTo(0xc548);
        assertThat(v.headerChecksumValid()).isTrue();
        assertThat(v.source()).isEqualTo(Ipv4Address.parse("172.28.0.11"));
        assertThat(v.destinationBits()).isEqualTo(Ipv4Address.parse("172.28.0.13").bits());
        assertThat(v.optionsLength()).isZero();
        assertThat(v.payloadOffset()).isEqualTo(34);
        assertThat(v.payloadLength()).isEqualTo(64);

        Ipv4Header h = Ipv4Header.parse(v);
        assertThat(h).isEqualTo(Ipv4Header.of(v.source(), v.destination(), IpProtocol.ICMP, 64, 64, 0x1d10, true)
                .withHeaderChecksum(0xc548));
        byte[] out = new byte[20];
        assertThat(h.withComputedChecksum().emit(out, 0)).isEqualTo(20);
        assertThat(out).isEqualTo(Arrays.copyOfRange(f, 14, 34));
    }

    @Test
    void badChecksumIsSeenAndKeptByTheRecord() {
        byte[] f = Fixtures.pcapFrame("ip_bad_checksum");
        Ipv4View v = ip(f);
        assertThat(v.check()).isNull();
        assertThat(v.headerChecksum()).isEqualTo(0x1234);
        assertThat(v.headerChecksumValid()).isFalse();
        byte[] out = new byte[20];
        Ipv4Header.parse(v).emit(out, 0);
        assertThat(out).isEqualTo(Arrays.copyOfRange(f, 14, 34));
        Ipv4Header.parse(v).withComputedChecksum().emit(out, 0);
        assertThat(Bytes.u16(out, 10)).isEqualTo(0x8617);
    }

    @Test
    void fragments() {
        var frames = Fixtures.pcap("ip_fragments_icmp");
        Ipv4View first = ip(frames.get(0));
        assertThat(first.check()).isNull();
        assertThat(first.moreFragments()).isTrue();
        assertThat(first.fragmentOffset()).isZero();
        assertThat(first.isFragment()).isTrue();
        Ipv4View second = ip(frames.get(1));
        assertThat(second.fragmentOffset()).isEqualTo(6);
        assertThat(second.moreFragments()).isTrue();
        Ipv4View last = ip(frames.get(2));
        assertThat(last.fragmentOffset()).isEqualTo(12);
        assertThat(last.moreFragments()).isFalse();
        assertThat(last.isFragment()).isTrue();
        assertThat(last.totalLength()).isEqualTo(44);
        for (byte[] f : frames) {
            Ipv4View v = ip(f);
            byte[] out = new byte[20];
            Ipv4Header.parse(v).emit(out, 0);
            assertThat(out).isEqualTo(Arrays.copyOfRange(f, 14, 34));
        }
    }

    @Test
    void recordRouteOptionRoundTrips() {
        byte[] f = Fixtures.pcapFrame("ip_options_rr");
        Ipv4View v = ip(f);
        assertThat(v.check()).isNull();
        assertThat(v.ihl()).isEqualTo(15);
        assertThat(v.optionsLength()).isEqualTo(40);
        assertThat(f[v.optionsOffset()]).isEqualTo((byte) 7); // RR, RFC 791 §3.1 "Record Route"
        assertThat(v.payloadOffset()).isEqualTo(14 + 60);
        assertThat(v.payloadLength()).isEqualTo(64);
        assertThat(v.headerChecksumValid()).isTrue();
        Ipv4Header h = Ipv4Header.parse(v);
        assertThat(h.options()).hasSize(40);
        byte[] out = new byte[60];
        assertThat(h.withComputedChecksum().emit(out, 0)).isEqualTo(60);
        assertThat(out).isEqualTo(Arrays.copyOfRange(f, 14, 74));
    }

    @Test
    void malformedHeadersAreReported() {
        assertThat(ip(Fixtures.pcapFrame("ip_ihl_lt20")).check()).isEqualTo("header length 16 < 20 (IHL 4)");
        assertThat(ip(Fixtures.pcapFrame("ip_version6_in_0800")).check()).isEqualTo("version 6, not 4");

        Ipv4View longer = ip(Fixtures.pcapFrame("ip_totlen_gt_frame"));
        assertThat(longer.checkHeader()).isNull();
        assertThat(longer.check()).isEqualTo("truncated: 84 of 200 bytes");
        assertThat(longer.availablePayloadLength()).isEqualTo(64);

        Ipv4View cut = ip(Fixtures.pcapFrame("icmp_truncated_frame"));
        assertThat(cut.checkHeader()).isNull();
        assertThat(cut.check()).isEqualTo("truncated: 28 of 84 bytes");
        assertThat(new Ipv4View(cut.buffer(), cut.offset(), 19).check()).isEqualTo("truncated: 19 of 20 bytes");

        byte[] hdr = Arrays.copyOfRange(Fixtures.linuxPingNode1().get(2), 14, 34);
        Bytes.put16(hdr, 2, 19);
        assertThat(new Ipv4View(hdr).check()).isEqualTo("total length 19 < header length 20");
    }

    @Test
    void paddingAfterTheDatagramIsNotPayload() {
        Ipv4View v = ip(Fixtures.pcapFrame("ip_totlen_lt_frame"));
        assertThat(v.check()).isNull();
        assertThat(v.totalLength()).isEqualTo(33);
        assertThat(v.length()).isGreaterThan(33);
        assertThat(v.payloadLength()).isEqualTo(13);
        assertThat(v.availablePayloadLength()).isEqualTo(13);
    }

    @Test
    void unknownProtocolSurvives() {
        Ipv4View v = ip(Fixtures.pcapFrame("ip_unknown_proto"));
        assertThat(v.check()).isNull();
        assertThat(v.protocolNumber()).isEqualTo(253);
        assertThat(Ipv4Header.parse(v).protocol().number()).isEqualTo(253);
    }

    @Test
    void decrementTtlPatchesTheChecksumLikeARouter() {
        byte[] f = Fixtures.linuxPingNode1().get(2).clone();
        Ipv4View v = ip(f);
        assertThat(v.decrementTtl()).isEqualTo(63);
        assertThat(v.ttl()).isEqualTo(63);
        assertThat(v.headerChecksumValid()).isTrue();
        // RFC 1624 §3 example direction: TTL down by one raises the checksum by 0x0100.
        assertThat(v.headerChecksum()).isEqualTo(0xc648);
        byte[] h = Arrays.copyOfRange(f, 14, 34);
        Bytes.put16(h, 10, 0);
        assertThat(InternetChecksum.compute(h, 0, 20)).isEqualTo(0xc648);
    }

    @Test
    void tosFields() {
        Ipv4Header h = new Ipv4Header(46, 2, 20, 1, false, false, false, 0, 1, IpProtocol.UDP,
                Ipv4Header.COMPUTE_CHECKSUM, Ipv4Address.of(1), Ipv4Address.of(2), null);
        byte[] out = new byte[20];
        h.emit(out, 0);
        Ipv4View v = new Ipv4View(out);
        assertThat(v.check()).isNull();
        assertThat(v.tos()).isEqualTo(0xba);
        assertThat(v.dscp()).isEqualTo(46);
        assertThat(v.ecn()).isEqualTo(2);
        assertThat(v.headerChecksumValid()).isTrue();
    }
}
