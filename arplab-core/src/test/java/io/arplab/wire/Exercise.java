package io.arplab.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

/**
 * Walks a frame through every view the way a receiver would: check() first, then every accessor and the record
 * round trip wherever check() said yes. Used on the real corpus and on random and mutated bytes: nothing here
 * may throw except an assertion.
 */
final class Exercise {
    private Exercise() {}

    /** Where accessor results go, so the calls are made and kept. */
    static volatile long blackhole;

    /** What the walk reached, for the callers' statistics. */
    static final class Reached {
        int ethernet;
        int arp;
        int ipv4;
        int icmp;
        int udp;
    }

    static Reached frame(byte[] buf, int off, int len) {
        Reached r = new Reached();
        frame(buf, off, len, r);
        return r;
    }

    static void frame(byte[] buf, int off, int len, Reached r) {
        EthernetView e = new EthernetView(buf, off, len);
        if (e.check() != null) {
            return;
        }
        r.ethernet++;
        long sink = e.destinationBits() ^ e.sourceBits() ^ e.outerTypeField() ^ e.destination().bits()
                ^ e.source().bits();
        for (int i = 0; i < e.tagCount(); i++) {
            sink ^= e.tagTpid(i) ^ e.tagPcp(i) ^ e.tagVid(i) ^ (e.tagDei(i) ? 1 : 0);
        }
        sink ^= e.etherType().value() ^ (e.isLength() ? 1 : 0);
        assertThat(e.payloadOffset() + e.payloadLength()).isEqualTo(off + len);
        EthernetHeader h = EthernetHeader.parse(e);
        byte[] out = new byte[h.headerLength()];
        assertThat(h.emit(out, 0)).isEqualTo(e.headerLength());
        assertThat(out).isEqualTo(Arrays.copyOfRange(buf, off, off + e.headerLength()));

        int t = e.etherTypeValue();
        if (t == 0x0806 || t == 0x8035) {
            arp(buf, e.payloadOffset(), e.payloadLength(), r);
        } else if (t == 0x0800) {
            ipv4(buf, e.payloadOffset(), e.payloadLength(), r, 0);
            byte[] reply = new byte[len + 64];
            int n = IcmpFrames.writeEchoReply(buf, off, len, 0x0200_0000_0001L, 0x0a00_0001, 7, 64, reply, 0);
            if (n > 0) {
                Ipv4View ip = new Ipv4View(reply, 14, n - 14);
                assertThat(ip.check()).isNull();
                assertThat(ip.headerChecksumValid()).isTrue();
                IcmpView icmp = new IcmpView(reply, ip.payloadOffset(), ip.payloadLength());
                assertThat(icmp.check()).isNull();
                assertThat(icmp.type()).isEqualTo(IcmpType.ECHO_REPLY);
                assertThat(icmp.checksumValid()).isTrue();
            }
        }
        blackhole = sink;
    }

    static void arp(byte[] buf, int off, int len, Reached r) {
        ArpView a = new ArpView(buf, off, len);
        if (a.check() != null) {
            return;
        }
        r.arp++;
        int end = a.targetProtocolAddressOffset() + a.protocolLength();
        assertThat(end).isEqualTo(off + a.packetLength()).isLessThanOrEqualTo(off + len);
        assertThat(a.hardwareType() | a.protocolType() | a.operationCode() | a.operation().code()
                | a.senderHardwareAddressOffset() | a.senderProtocolAddressOffset() | a.targetHardwareAddressOffset())
                .isGreaterThanOrEqualTo(0);
        if (!a.isEthernetIpv4()) {
            return;
        }
        ArpPacket p = ArpPacket.parse(a);
        assertThat(p.senderHardwareAddress().bits()).isEqualTo(a.senderHardwareAddressBits());
        assertThat(p.targetProtocolAddress().bits()).isEqualTo(a.targetProtocolAddressBits());
        byte[] out = new byte[28];
        assertThat(p.emit(out, 0)).isEqualTo(28);
        assertThat(out).isEqualTo(Arrays.copyOfRange(buf, off, off + 28));
        if (p.isRequest() && off == 14 && Bytes.u16(buf, 12) == 0x0806) { // a RARP frame is not answered as ARP
            byte[] frame = new byte[42];
            int n = ArpFrames.writeReply(buf, 0, off + len, 0x0200_0000_0002L, frame, 0);
            if (new EthernetView(buf, 0, off + len).tagCount() == 0) {
                assertThat(n).isEqualTo(42);
                p.replyFrom(MacAddress.of(0x0200_0000_0002L)).emit(out, 0);
                assertThat(Arrays.copyOfRange(frame, 14, 42)).isEqualTo(out);
                assertThat(Bytes.u48(frame, 0)).isEqualTo(a.senderHardwareAddressBits());
            }
        }
    }

    static void ipv4(byte[] buf, int off, int len, Reached r, int depth) {
        Ipv4View v = new Ipv4View(buf, off, len);
        if (v.checkHeader() != null) {
            return;
        }
        r.ipv4++;
        long sink = v.version() + v.ihl() + v.tos() + v.dscp() + v.ecn() + v.totalLength() + v.identification()
                + v.flags() + v.fragmentOffset() + v.ttl() + v.protocolNumber() + v.headerChecksum()
                + v.sourceBits() + v.destinationBits() + v.optionsOffset() + v.optionsLength()
                + v.payloadOffset() + v.payloadLength() + v.availablePayloadLength()
                + (v.headerChecksumValid() ? 1 : 0) + (v.isFragment() ? 1 : 0) + (v.reservedFlag() ? 1 : 0)
                + (v.dontFragment() ? 1 : 0) + (v.moreFragments() ? 1 : 0) + v.protocol().number();
        assertThat(v.availablePayloadLength()).isBetween(0, v.payloadLength());
        blackhole = sink;
        Ipv4Header h = Ipv4Header.parse(v);
        byte[] out = new byte[h.headerLength()];
        assertThat(h.emit(out, 0)).isEqualTo(v.headerLength());
        assertThat(out).isEqualTo(Arrays.copyOfRange(buf, off, off + v.headerLength()));
        h.withComputedChecksum().emit(out, 0);
        assertThat(new Ipv4View(out, 0, out.length).headerChecksumValid()).isTrue();

        if (v.check() != null || v.isFragment()) {
            return;
        }
        if (v.protocolNumber() == 1) {
            icmp(buf, v.payloadOffset(), v.payloadLength(), r, depth);
        } else if (v.protocolNumber() == 17) {
            udp(buf, v.payloadOffset(), v.payloadLength(), v.sourceBits(), v.destinationBits(), r);
        }
    }

    static void icmp(byte[] buf, int off, int len, Reached r, int depth) {
        IcmpView v = new IcmpView(buf, off, len);
        if (v.check() != null) {
            return;
        }
        r.icmp++;
        long sink = v.type() + v.code() + v.checksum() + v.restOfHeader() + v.identifier() + v.sequenceNumber()
                + v.nextHopMtu() + v.gatewayBits() + v.gateway().bits() + v.pointer() + v.dataOffset()
                + v.dataLength() + (v.isError() ? 1 : 0) + (v.checksumValid() ? 1 : 0);
        if (v.type() == IcmpType.TIMESTAMP || v.type() == IcmpType.TIMESTAMP_REPLY) {
            sink += v.originateTimestamp() + v.receiveTimestamp() + v.transmitTimestamp();
        }
        blackhole = sink;
        IcmpMessage m = IcmpMessage.parse(v);
        assertThat(m.type()).isEqualTo(v.type());
        assertThat(m.code()).isEqualTo(v.code());
        assertThat(m.length()).isEqualTo(len);
        byte[] out = new byte[len];
        assertThat(m.emit(out, 0)).isEqualTo(len);
        assertThat(InternetChecksum.verify(out, 0, len)).isTrue();
        byte[] in = Arrays.copyOfRange(buf, off, off + len);
        if (v.checksumValid()) {
            // +0/-0 is the one ambiguity of one's complement: a sender's 0xffff where we compute 0.
            if (!(Bytes.u16(in, 2) == 0xffff && Bytes.u16(out, 2) == 0)) {
                assertThat(out).isEqualTo(in);
            }
        }
        out[2] = in[2];
        out[3] = in[3];
        assertThat(out).isEqualTo(in);
        if (v.isError() && depth < 2) {
            ipv4(buf, v.dataOffset(), v.dataLength(), r, depth + 1);
        }
    }

    static void udp(byte[] buf, int off, int len, int src, int dst, Reached r) {
        UdpView v = new UdpView(buf, off, len);
        if (v.checkHeader() != null) {
            return;
        }
        long sink = v.sourcePort() + v.destinationPort() + v.udpLength() + v.length() + v.checksum();
        if (v.check() != null) {
            return;
        }
        r.udp++;
        sink += v.payloadOffset() + v.payloadLength() + (v.checksumValid(src, dst) ? 1 : 0);
        blackhole = sink;
        UdpDatagram d = UdpDatagram.parse(v);
        byte[] out = new byte[d.length()];
        assertThat(d.emit(out, 0, src, dst)).isEqualTo(v.udpLength());
        byte[] in = Arrays.copyOfRange(buf, off, off + v.udpLength());
        if (v.checksumValid(src, dst)) {
            assertThat(out).isEqualTo(in);
        }
        assertThat(new UdpView(out).checksumValid(src, dst)).isTrue();
        out[6] = in[6];
        out[7] = in[7];
        assertThat(out).isEqualTo(in);
    }
}
