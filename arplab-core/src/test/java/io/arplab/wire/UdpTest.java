package io.arplab.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UdpTest {
    record Parsed(Ipv4View ip, UdpView udp) {}

    static Parsed udp(byte[] frame) {
        Ipv4View ip = Ipv4Test.ip(frame);
        assertThat(ip.checkHeader()).isNull();
        assertThat(ip.protocol()).isEqualTo(IpProtocol.UDP);
        return new Parsed(ip, new UdpView(frame, ip.payloadOffset(), ip.availablePayloadLength()));
    }

    static void roundTrips(Parsed p) {
        UdpDatagram d = UdpDatagram.parse(p.udp());
        byte[] out = new byte[d.length()];
        assertThat(d.emit(out, 0, p.ip().sourceBits(), p.ip().destinationBits())).isEqualTo(d.length());
        int o = p.udp().offset();
        assertThat(out).isEqualTo(Arrays.copyOfRange(p.udp().buffer(), o, o + d.length()));
    }

    @Test
    void dnsQueryChecksumOverPseudoHeader() {
        Parsed p = udp(Fixtures.pcapFrame("udp_dns_query"));
        UdpView u = p.udp();
        assertThat(u.check()).isNull();
        assertThat(u.sourcePort()).isEqualTo(51515);
        assertThat(u.destinationPort()).isEqualTo(53);
        assertThat(u.udpLength()).isEqualTo(37);
        assertThat(u.length()).isEqualTo(37);
        assertThat(u.payloadLength()).isEqualTo(29);
        assertThat(u.checksum()).isNotZero();
        assertThat(u.checksumValid(p.ip().sourceBits(), p.ip().destinationBits())).isTrue();
        assertThat(u.checksumValid(p.ip().destinationBits(), p.ip().destinationBits())).isFalse();
        roundTrips(p);
    }

    @Test
    void everyCorpusDatagramWithAChecksumVerifies() {
        for (String n : new String[] {"udp_dns_response", "udp_high_port", "udp_empty_payload",
                "udp_traceroute_probe", "udp_dns_garbage", "ip_totlen_lt_frame"}) {
            Parsed p = udp(Fixtures.pcapFrame(n));
            assertThat(p.udp().check()).as(n).isNull();
            assertThat(p.udp().checksumValid(p.ip().source(), p.ip().destination())).as(n).isTrue();
            roundTrips(p);
        }
        assertThat(udp(Fixtures.pcapFrame("udp_empty_payload")).udp().payloadLength()).isZero();
    }

    @Test
    void zeroChecksumMeansNone() {
        Parsed p = udp(Fixtures.pcapFrame("udp_no_checksum"));
        assertThat(p.udp().checksum()).isZero();
        assertThat(p.udp().checksumValid(0, 0)).isTrue();
        UdpDatagram d = UdpDatagram.parse(p.udp());
        assertThat(d.checksummed()).isFalse();
        assertThat(new String(d.payload(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
        roundTrips(p);
    }

    @Test
    void computedZeroIsSentAsAllOnes() {
        // Find a payload whose checksum computes to 0, then check the record sends 0xffff and it verifies.
        int src = 0x0a000001;
        int dst = 0x0a000002;
        byte[] out = new byte[10];
        for (int w = 0; w <= 0xffff; w++) {
            UdpDatagram d = UdpDatagram.of(1, 2, new byte[] {(byte) (w >>> 8), (byte) w});
            d.emit(out, 0, src, dst);
            if (Bytes.u16(out, 6) == 0xffff) {
                UdpView v = new UdpView(out);
                assertThat(v.check()).isNull();
                assertThat(v.checksumValid(src, dst)).isTrue();
                assertThat(UdpDatagram.parse(v)).isEqualTo(d);
                return;
            }
        }
        throw new AssertionError("no payload gave a zero checksum");
    }

    @Test
    void lengthProblems() {
        Parsed longer = udp(Fixtures.pcapFrame("udp_bad_length_long"));
        assertThat(longer.udp().checkHeader()).isNull();
        assertThat(longer.udp().udpLength()).isEqualTo(100);
        assertThat(longer.udp().length()).isEqualTo(20);
        assertThat(longer.udp().check()).isEqualTo("truncated: 20 of 100 bytes");

        Parsed cut = udp(Fixtures.pcapFrame("udp_truncated_header"));
        assertThat(cut.udp().check()).isEqualTo("truncated: 4 of 8 bytes");

        byte[] b = new byte[8];
        Bytes.put16(b, 4, 7);
        assertThat(new UdpView(b).check()).isEqualTo("length 7 < 8");
    }
}
