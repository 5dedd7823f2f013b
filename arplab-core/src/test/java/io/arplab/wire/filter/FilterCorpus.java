package io.arplab.wire.filter;

import static io.arplab.testing.Frames.BCAST;
import static io.arplab.testing.Frames.arp;
import static io.arplab.testing.Frames.buf;
import static io.arplab.testing.Frames.bytes;
import static io.arplab.testing.Frames.eth;
import static io.arplab.testing.Frames.icmp;
import static io.arplab.testing.Frames.ipv4;
import static io.arplab.testing.Frames.ipv6;
import static io.arplab.testing.Frames.pad;
import static io.arplab.testing.Frames.tcp;
import static io.arplab.testing.Frames.udp;
import static io.arplab.testing.Frames.v6;

import io.arplab.wire.pcap.PcapRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A few hundred diverse Ethernet frames for differential filter tests: ARP and RARP, VLAN and QinQ tags, ICMP, UDP and
 * TCP on many ports, IPv4 options and fragments, IPv6 with and without a fragment header, LLDP, 802.3 LLC and SNAP,
 * broadcast and multicast destinations, padded and snaplen-truncated frames. Frame i is stamped at second
 * {@code BASE + i} so that tcpdump -tt output names it.
 */
final class FilterCorpus {
    static final long BASE = 1_700_000_000L;
    static final String A = "02:42:ac:1c:00:0b";
    static final String B = "02:42:ac:1c:00:0d";
    static final String C = "00:11:22:33:44:55";

    private final List<PcapRecord> records = new ArrayList<>();

    static List<PcapRecord> build() {
        FilterCorpus c = new FilterCorpus();
        c.fill();
        return c.records;
    }

    private void add(byte[] frame) {
        add(frame, frame.length);
    }

    private void add(byte[] frame, int caplen) {
        byte[] data = Arrays.copyOf(frame, caplen);
        records.add(new PcapRecord(BASE + records.size(), 0, frame.length, data));
    }

    private void fill() {
        String[] hosts = {"172.28.0.11", "172.28.0.13", "10.0.0.1", "10.1.2.3", "192.168.1.7", "172.18.0.2"};
        String[] macs = {A, B, C, "02:00:00:00:00:01"};
        // ARP requests and replies, padded or not, untagged and tagged
        for (int i = 0; i < hosts.length; i++) {
            String s = hosts[i];
            String t = hosts[(i + 1) % hosts.length];
            String m = macs[i % macs.length];
            add(eth(BCAST, m, 0x0806, arp(1, m, s, "00:00:00:00:00:00", t)));
            add(pad(eth(m, B, 0x0806, arp(2, B, t, m, s))));
            add(pad(eth(BCAST, m, 0x0806, arp(1, m, s, "00:00:00:00:00:00", t), 0x8100, 10 + i)));
            add(eth(BCAST, m, 0x0806, arp(1, m, s, "00:00:00:00:00:00", t), 0x88a8, 100, 0x8100, 20 + i));
        }
        // gratuitous ARP, RARP, ARP with odd hardware type, truncated ARP
        add(pad(eth(BCAST, A, 0x0806, arp(1, A, "172.28.0.11", "00:00:00:00:00:00", "172.28.0.11"))));
        add(pad(eth(BCAST, C, 0x8035, arp(3, C, "0.0.0.0", C, "0.0.0.0"))));
        add(pad(eth(B, A, 0x8035, arp(4, A, "10.0.0.1", C, "10.1.2.3"))));
        byte[] odd = arp(1, A, "172.28.0.11", "00:00:00:00:00:00", "172.28.0.13");
        odd[1] = 6;
        add(pad(eth(BCAST, A, 0x0806, odd)));
        byte[] arpFull = eth(BCAST, A, 0x0806, arp(1, A, "172.28.0.11", "00:00:00:00:00:00", "10.1.2.3"));
        add(arpFull, 30);
        add(arpFull, 40);
        // ICMP echo, replies and errors between various hosts
        for (int i = 0; i < hosts.length; i++) {
            String s = hosts[i];
            String d = hosts[(i + 2) % hosts.length];
            add(eth(B, A, 0x0800, ipv4(s, d, 1, icmp(8, 0, 0x1234_0001 + i, bytes(56, i)))));
            add(eth(A, B, 0x0800, ipv4(d, s, 1, icmp(0, 0, 0x1234_0001 + i, bytes(56, i)))));
            add(eth(A, B, 0x0800, ipv4(d, s, 1, icmp(3, i % 4, 0, ipv4(s, d, 17, udp(40000 + i, 33434 + i, bytes(4, 0)))))));
            add(eth(A, B, 0x0800, ipv4(d, s, 1, icmp(8, 0, 7, bytes(8, 0)), 0x4000, 0), 0x8100, 10 + i));
        }
        add(eth(A, B, 0x0800, ipv4("10.0.0.254", "10.0.0.1", 1, icmp(11, 0, 0, bytes(28, 1)))));
        add(eth(A, B, 0x0800, ipv4("10.0.0.254", "10.0.0.1", 1, icmp(5, 1, 0x0a000001, bytes(28, 1)))));
        // UDP on many ports, both directions, plus broadcast/multicast destinations
        int[] ports = {53, 67, 68, 123, 161, 514, 520, 1900, 5353, 33434, 8080, 80, 443, 0, 65535, 1024, 1023, 22, 69};
        for (int i = 0; i < ports.length; i++) {
            String s = hosts[i % hosts.length];
            String d = hosts[(i + 3) % hosts.length];
            add(eth(B, A, 0x0800, ipv4(s, d, 17, udp(30000 + i, ports[i], bytes(12, i)))));
            add(eth(A, B, 0x0800, ipv4(d, s, 17, udp(ports[i], 30000 + i, bytes(20, i)))));
        }
        add(eth(BCAST, A, 0x0800, ipv4("0.0.0.0", "255.255.255.255", 17, udp(68, 67, bytes(240, 0)))));
        add(eth(BCAST, B, 0x0800, ipv4("10.0.0.1", "10.0.0.255", 17, udp(137, 137, bytes(50, 0)))));
        add(eth("01:00:5e:00:00:fb", A, 0x0800, ipv4("172.28.0.11", "224.0.0.251", 17, udp(5353, 5353, bytes(30, 0)))));
        add(eth("01:00:5e:7f:ff:fa", B, 0x0800, ipv4("192.168.1.7", "239.255.255.250", 17, udp(50000, 1900, bytes(30, 0)))));
        add(eth(A, B, 0x0800, ipv4("172.28.0.13", "0.0.0.0", 17, udp(9, 9, bytes(4, 0)))));
        add(eth("01:00:5e:00:00:01", B, 0x0800, ipv4("10.0.0.254", "224.0.0.1", 2, bytes(8, 0x11))));
        add(eth(A, B, 0x0800, ipv4("10.0.0.9", "240.0.0.1", 17, udp(1, 2, bytes(4, 0)))));
        // TCP with flags
        int[][] tcps = {{40000, 80, 0x02}, {80, 40000, 0x12}, {40000, 80, 0x10}, {40001, 443, 0x18}, {22, 50000, 0x11},
                        {50000, 22, 0x04}, {1234, 53, 0x02}, {53, 1234, 0x12}, {6000, 6001, 0xc2}, {8080, 8081, 0x01}};
        for (int i = 0; i < tcps.length; i++) {
            String s = hosts[i % hosts.length];
            String d = hosts[(i + 1) % hosts.length];
            add(eth(B, A, 0x0800, ipv4(s, d, 6, tcp(tcps[i][0], tcps[i][1], tcps[i][2]))));
        }
        add(eth(B, A, 0x0800, ipv4("10.1.2.3", "10.0.0.1", 6, tcp(40000, 80, 2)), 0x8100, 5));
        add(eth(B, A, 0x0800, ipv4("10.1.2.3", "10.0.0.1", 17, udp(40000, 53, bytes(10, 0))), 0x8100, 5));
        add(eth(B, A, 0x0800, ipv4("10.1.2.3", "10.0.0.1", 17, udp(40000, 53, bytes(10, 0))), 0x88a8, 7, 0x8100, 5));
        add(eth(B, A, 0x0800, ipv4("10.1.2.3", "10.0.0.1", 17, udp(40000, 53, bytes(10, 0))), 0x9100, 4095));
        add(eth(B, A, 0x86dd, ipv6(v6("20010db8000000000000000000000001"), v6("20010db8000000000000000000000002"), 17,
                udp(40000, 53, bytes(10, 0))), 0x8100, 6));
        // IPv4 with options, fragments, other protocols
        add(eth(B, A, 0x0800, ipv4("10.0.0.1", "10.1.2.3", 17, udp(2000, 53, bytes(8, 0)), 0x4000, 1)));
        add(eth(B, A, 0x0800, ipv4("10.0.0.1", "10.1.2.3", 6, tcp(2000, 80, 2), 0, 3)));
        add(eth(B, A, 0x0800, ipv4("10.0.0.1", "10.1.2.3", 17, udp(3000, 53, bytes(100, 0)), 0x2000, 0)));
        add(eth(B, A, 0x0800, ipv4("10.0.0.1", "10.1.2.3", 17, buf().u16(3000).u16(53).bytes(bytes(60, 0)).done(), 0x000e, 0)));
        add(eth(B, A, 0x0800, ipv4("10.0.0.1", "10.1.2.3", 1, buf().u8(8).u8(0).bytes(bytes(30, 0)).done(), 0x0010, 0)));
        add(eth(B, A, 0x0800, ipv4("10.0.0.1", "10.1.2.3", 6, buf().u16(80).u16(80).bytes(bytes(30, 0)).done(), 0x2010, 0)));
        int[] protos = {132, 47, 50, 51, 103, 112, 9, 89, 41, 4};
        for (int i = 0; i < protos.length; i++) {
            add(eth(B, A, 0x0800, ipv4("192.168.1.7", "10.0.0.1", protos[i], udp(53, 53, bytes(16, 0)))));
        }
        // IPv6: ND, echo, UDP/TCP, fragment header, extension header, multicast
        byte[] ll1 = v6("fe800000000000000042acfffe1c000b");
        byte[] ll2 = v6("fe800000000000000042acfffe1c000d");
        byte[] g1 = v6("20010db8000000000000000000000001");
        byte[] g2 = v6("20010db8000000000000000000000002");
        byte[] g3 = v6("20010db9000000000000000000000003");
        byte[] mc = v6("ff0200000000000000000001ff1c000d");
        byte[] all = v6("ff020000000000000000000000000001");
        add(eth("33:33:ff:1c:00:0d", A, 0x86dd, ipv6(ll1, mc, 58, icmp(135, 0, 0, bytes(20, 0)))));
        add(eth(A, B, 0x86dd, ipv6(ll2, ll1, 58, icmp(136, 0, 0x6000_0000, bytes(20, 0)))));
        add(eth("33:33:00:00:00:01", B, 0x86dd, ipv6(ll2, all, 58, icmp(134, 0, 0, bytes(16, 0)))));
        add(eth(B, A, 0x86dd, ipv6(g1, g2, 58, icmp(128, 0, 0x0001_0001, bytes(56, 0)))));
        add(eth(A, B, 0x86dd, ipv6(g2, g1, 58, icmp(129, 0, 0x0001_0001, bytes(56, 0)))));
        add(eth(B, A, 0x86dd, ipv6(g1, g3, 17, udp(5000, 53, bytes(20, 0)))));
        add(eth(A, B, 0x86dd, ipv6(g3, g1, 17, udp(53, 5000, bytes(40, 0)))));
        add(eth(B, A, 0x86dd, ipv6(g1, g2, 6, tcp(40000, 443, 2))));
        add(eth(B, A, 0x86dd, ipv6(g1, g2, 132, udp(7, 80, bytes(8, 0)))));
        add(eth(B, A, 0x86dd, ipv6(g1, g2, 44, buf().u8(17).u8(0).u16(1).u32(99).bytes(udp(6000, 53, bytes(8, 0))).done())));
        add(eth(B, A, 0x86dd, ipv6(g1, g2, 44, buf().u8(58).u8(0).u16(0).u32(98).bytes(icmp(128, 0, 1, bytes(8, 0))).done())));
        add(eth(B, A, 0x86dd, ipv6(g1, g2, 0, buf().u8(17).u8(0).bytes(bytes(6, 1)).bytes(udp(7000, 123, bytes(8, 0))).done())));
        add(eth("33:33:00:00:00:fb", A, 0x86dd, ipv6(ll1, v6("ff0200000000000000000000000000fb"), 17, udp(5353, 5353, bytes(20, 0)))));
        add(eth(B, A, 0x86dd, ipv6(v6("00000000000000000000000000000001"), v6("00000000000000000000000000000001"), 59, new byte[0])));
        // LLDP, 802.3 LLC (STP), SNAP, IPX raw, NetBEUI, LLC with IP SAP, and other Ethernet types
        add(pad(eth("01:80:c2:00:00:0e", A, 0x88cc, buf().u16(0x0207).u8(4).mac(A).u16(0x0403).u8(5).u16(0x6574).u16(0).done())));
        byte[] bpdu = buf().u8(0x42).u8(0x42).u8(3).u16(0).u8(0).u8(0).u8(0).bytes(bytes(31, 0)).done();
        add(pad(buf().mac("01:80:c2:00:00:00").mac(C).u16(bpdu.length).bytes(bpdu).done()));
        byte[] snap = buf().u8(0xaa).u8(0xaa).u8(3).u8(0).u8(0).u8(0).u16(0x0800).bytes(ipv4("10.0.0.1", "10.0.0.2", 1, icmp(8, 0, 0, bytes(8, 0)))).done();
        add(buf().mac(B).mac(A).u16(snap.length).bytes(snap).done());
        byte[] atalk = buf().u8(0xaa).u8(0xaa).u8(3).u8(8).u8(0).u8(7).u16(0x809b).bytes(bytes(20, 0)).done();
        add(pad(buf().mac("09:00:07:ff:ff:ff").mac(C).u16(atalk.length).bytes(atalk).done()));
        byte[] ipxSnap = buf().u8(0xaa).u8(0xaa).u8(3).u8(0).u8(0).u8(0).u16(0x8137).bytes(bytes(30, 0)).done();
        add(pad(buf().mac(BCAST).mac(C).u16(ipxSnap.length).bytes(ipxSnap).done()));
        add(pad(buf().mac(BCAST).mac(C).u16(30).u16(0xffff).bytes(bytes(28, 0)).done()));
        add(pad(buf().mac(BCAST).mac(C).u16(30).u8(0xe0).u8(0xe0).u8(3).bytes(bytes(27, 0)).done()));
        add(pad(buf().mac("03:00:00:00:00:01").mac(C).u16(20).u8(0xf0).u8(0xf0).u8(3).bytes(bytes(17, 0)).done()));
        add(pad(buf().mac(B).mac(C).u16(20).u8(0x06).u8(0x06).u8(3).bytes(bytes(17, 0)).done()));
        add(pad(buf().mac(B).mac(C).u16(20).u8(0xfe).u8(0xfe).u8(3).bytes(bytes(17, 0)).done()));
        add(pad(eth(B, A, 0x8137, bytes(30, 0xff))));
        add(pad(eth(B, A, 0x809b, bytes(30, 0))));
        add(pad(eth(B, A, 0x6003, bytes(30, 0))));
        add(pad(eth(B, A, 0x8847, buf().u32(0x0001_41ff).bytes(ipv4("10.0.0.1", "10.0.0.2", 1, icmp(8, 0, 0, bytes(8, 0)))).done())));
        add(pad(eth(B, A, 0x8864, bytes(20, 0))));
        add(pad(eth(B, A, 0x0800, bytes(10, 0x45))));
        add(pad(eth(B, A, 0x05dc, bytes(10, 0x42))));
        add(pad(eth(B, A, 0x05dd, bytes(10, 0x42))));
        add(pad(eth(BCAST, BCAST, 0x9000, bytes(10, 0))));
        add(pad(eth("01:00:0c:cc:cc:cc", A, 0x2000, bytes(10, 0))));
        // frames cut by the snapshot length or simply short
        byte[] udpFull = eth(B, A, 0x0800, ipv4("10.0.0.1", "10.1.2.3", 17, udp(1111, 53, bytes(100, 0))));
        add(udpFull, 34);
        add(udpFull, 36);
        add(udpFull, 38);
        add(udpFull, 20);
        add(udpFull, 13);
        add(udpFull, 5);
        add(udpFull, 0);
        byte[] v6Full = eth(B, A, 0x86dd, ipv6(g1, g2, 17, udp(5000, 53, bytes(20, 0))));
        add(v6Full, 40);
        add(v6Full, 56);
        add(v6Full, 60);
        byte[] tagged = eth(BCAST, A, 0x0806, arp(1, A, "10.1.2.3", "00:00:00:00:00:00", "10.0.0.1"), 0x8100, 10);
        add(tagged, 16);
        add(tagged, 20);
        // a run of plain ICMP echoes with sizes around the less/greater thresholds
        for (int n : new int[] {0, 1, 18, 19, 20, 26, 1400, 1472}) {
            add(eth(B, A, 0x0800, ipv4("172.28.0.11", "172.28.0.13", 1, icmp(8, 0, 5, bytes(n, 0x5a)))));
        }
        // random-ish filler of ordinary traffic so that the corpus has a few hundred frames
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        while (records.size() < 320) {
            String s = hosts[rnd.nextInt(hosts.length)];
            String d = hosts[rnd.nextInt(hosts.length)];
            int kind = rnd.nextInt(5);
            int vlan = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(20) : -1;
            byte[] l3;
            int type = 0x0800;
            switch (kind) {
                case 0 -> {
                    l3 = arp(1 + rnd.nextInt(2), A, s, "00:00:00:00:00:00", d);
                    type = 0x0806;
                }
                case 1 -> l3 = ipv4(s, d, 1, icmp(rnd.nextBoolean() ? 8 : 0, 0, rnd.nextInt(), bytes(rnd.nextInt(64), 1)));
                case 2 -> l3 = ipv4(s, d, 17, udp(rnd.nextInt(65536), ports[rnd.nextInt(ports.length)], bytes(rnd.nextInt(40), 2)));
                case 3 -> l3 = ipv4(s, d, 6, tcp(ports[rnd.nextInt(ports.length)], rnd.nextInt(65536), rnd.nextInt(256)));
                default -> {
                    l3 = ipv6(rnd.nextBoolean() ? g1 : ll1, rnd.nextBoolean() ? g2 : mc, 17, udp(rnd.nextInt(65536), 53, bytes(8, 3)));
                    type = 0x86dd;
                }
            }
            String dst = rnd.nextInt(6) == 0 ? BCAST : rnd.nextBoolean() ? A : B;
            byte[] f = vlan < 0 ? eth(dst, rnd.nextBoolean() ? C : B, type, l3) : eth(dst, C, type, l3, 0x8100, vlan);
            add(pad(f));
        }
    }
}
