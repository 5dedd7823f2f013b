package io.arplab.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Valid random frames built through the records, from a seed (cheap enough for tens of thousands of tries). */
final class RandomFrames {
    private RandomFrames() {}

    static byte[] frame(SplittableRandom r) {
        int kind = r.nextInt(12);
        if (kind < 3) {
            return arp(r);
        } else if (kind < 7) {
            return icmp(r);
        } else if (kind < 10) {
            return udp(r);
        } else if (kind < 11) {
            return ipOther(r);
        }
        EthernetHeader e = ethernet(r, r.nextInt(0x10000));
        byte[] f = new byte[e.headerLength() + r.nextInt(60)];
        int p = e.emit(f, 0);
        fill(r, f, p, f.length - p);
        return f;
    }

    static byte[] arp(SplittableRandom r) {
        EthernetHeader e = ethernet(r, 0x0806);
        ArpPacket a = new ArpPacket(ArpOp.of(r.nextInt(12)), mac(r), ip(r), mac(r), ip(r));
        byte[] f = new byte[e.headerLength() + 28 + (r.nextBoolean() ? 0 : 18)];
        a.emit(f, e.emit(f, 0));
        return f;
    }

    static byte[] icmp(SplittableRandom r) {
        EthernetHeader e = ethernet(r, 0x0800);
        IcmpMessage m = icmpMessage(r);
        Ipv4Header ip = ipv4(r, IpProtocol.ICMP, m.length());
        byte[] f = new byte[e.headerLength() + ip.totalLength() + (r.nextInt(4) == 0 ? r.nextInt(20) : 0)];
        int p = e.emit(f, 0);
        m.emit(f, p + ip.emit(f, p));
        return f;
    }

    static byte[] udp(SplittableRandom r) {
        EthernetHeader e = ethernet(r, 0x0800);
        UdpDatagram u = new UdpDatagram(r.nextInt(0x10000), r.nextInt(0x10000), bytes(r, r.nextInt(100)), r.nextInt(4) != 0);
        Ipv4Header ip = ipv4(r, IpProtocol.UDP, u.length());
        byte[] f = new byte[e.headerLength() + ip.totalLength()];
        int p = e.emit(f, 0);
        u.emit(f, p + ip.emit(f, p), ip.source(), ip.destination());
        return f;
    }

    static byte[] ipOther(SplittableRandom r) {
        EthernetHeader e = ethernet(r, 0x0800);
        int n = r.nextInt(60);
        Ipv4Header base = ipv4(r, IpProtocol.of(r.nextInt(256)), n);
        // Any header, fragmented or not, checksum right or wrong.
        Ipv4Header ip = new Ipv4Header(base.dscp(), base.ecn(), base.totalLength(), base.identification(),
                r.nextInt(8) == 0, r.nextBoolean(), r.nextBoolean(), r.nextInt(4) == 0 ? r.nextInt(0x2000) : 0,
                base.ttl(), base.protocol(), r.nextBoolean() ? Ipv4Header.COMPUTE_CHECKSUM : r.nextInt(0x10000),
                base.source(), base.destination(), base.options());
        byte[] f = new byte[e.headerLength() + ip.totalLength()];
        int p = e.emit(f, 0);
        int h = ip.emit(f, p);
        fill(r, f, p + h, n);
        return f;
    }

    static IcmpMessage icmpMessage(SplittableRandom r) {
        int code = r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(16);
        byte[] data = bytes(r, r.nextInt(80));
        return switch (r.nextInt(9)) {
            case 0 -> new IcmpMessage.Echo(r.nextBoolean(), r.nextInt(0x10000), r.nextInt(0x10000), data);
            case 1 -> IcmpMessage.DestinationUnreachable.of(code, data);
            case 2 -> IcmpMessage.DestinationUnreachable.fragmentationNeeded(r.nextInt(0x10000), data);
            case 3 -> new IcmpMessage.Redirect(code & 3, ip(r), data);
            case 4 -> new IcmpMessage.TimeExceeded(code & 1, data);
            case 5 -> new IcmpMessage.ParameterProblem(code, r.nextInt(256), data);
            case 6 -> new IcmpMessage.Timestamp(r.nextBoolean(), r.nextInt(0x10000), r.nextInt(0x10000),
                    r.nextLong(0x1_0000_0000L), r.nextLong(0x1_0000_0000L), r.nextLong(0x1_0000_0000L));
            case 7 -> new IcmpMessage.SourceQuench(data);
            default -> {
                int type = r.nextInt(256);
                if (type == IcmpType.TIMESTAMP || type == IcmpType.TIMESTAMP_REPLY) {
                    type = 99;
                }
                yield new IcmpMessage.Other(type, code, r.nextInt(), data);
            }
        };
    }

    /** An unfragmented header with a computed checksum, carrying {@code payload} bytes. */
    static Ipv4Header ipv4(SplittableRandom r, IpProtocol protocol, int payload) {
        byte[] options = r.nextInt(4) == 0 ? bytes(r, 4 * (1 + r.nextInt(10))) : new byte[0];
        return new Ipv4Header(r.nextInt(64), r.nextInt(4), 20 + options.length + payload, r.nextInt(0x10000), false,
                r.nextBoolean(), false, 0, r.nextInt(256), protocol, Ipv4Header.COMPUTE_CHECKSUM, ip(r), ip(r), options);
    }

    static EthernetHeader ethernet(SplittableRandom r, int etherType) {
        int n = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 0;
        List<VlanTag> tags = new ArrayList<>(n);
        int[] tpids = {0x8100, 0x88a8, 0x9100};
        for (int i = 0; i < n; i++) {
            tags.add(new VlanTag(tpids[r.nextInt(3)], r.nextInt(8), r.nextBoolean(), r.nextInt(4096)));
        }
        if (EtherType.isVlanTpid(etherType)) {
            etherType = 0x88b5;
        }
        return new EthernetHeader(mac(r), mac(r), tags, EtherType.of(etherType));
    }

    static MacAddress mac(SplittableRandom r) {
        return MacAddress.of(r.nextLong(0x1_0000_0000_0000L));
    }

    static Ipv4Address ip(SplittableRandom r) {
        return Ipv4Address.of(r.nextInt());
    }

    static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        fill(r, b, 0, n);
        return b;
    }

    static void fill(SplittableRandom r, byte[] b, int off, int n) {
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) r.nextInt(256);
        }
    }
}
