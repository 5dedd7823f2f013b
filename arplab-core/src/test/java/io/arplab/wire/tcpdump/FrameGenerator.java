package io.arplab.wire.tcpdump;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of diverse, valid-ish Ethernet frames of the kinds the printer decodes: ARP/RARP with
 * odd fields, IPv4 with options, fragments and bad lengths, ICMP of every type with quoted datagrams, UDP
 * (high ports, traceroute ports, DNS, the services of {@link UdpServicesGenerator}), TCP, IPv6 with ICMPv6 and neighbour discovery, LLC/STP, LLDP and
 * unknown ethertypes, sometimes VLAN-tagged, padded or cut short.
 */
final class FrameGenerator {
    record Frame(byte[] data, int originalLength) {}

    private final SplittableRandom r;
    /** TCP conversations reused so relative sequence numbers come into play. */
    private final List<long[]> tcpConversations = new ArrayList<>();

    private final UdpServicesGenerator services;
    /** udp4() makes only service datagrams (the outer datagram of nextService()). */
    private boolean servicesOnly;

    FrameGenerator(long seed) {
        this.r = new SplittableRandom(seed);
        this.services = new UdpServicesGenerator(r);
    }

    List<Frame> generate(int count) {
        List<Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(next());
        }
        return frames;
    }

    Frame next() {
        int pick = r.nextInt(100);
        byte[] frame;
        if (pick < 18) {
            frame = arpFrame();
        } else if (pick < 36) {
            frame = ethernet(0x0800, ipv4(1, icmp()));
        } else if (pick < 48) {
            frame = ethernet(0x0800, ipv4(17, null));
        } else if (pick < 52) {
            frame = ethernet(0x0800, ipv4Misc());
        } else if (pick < 56) {
            frame = ethernet(0x0800, chance(50) ? igmpDatagram() : vrrpDatagram());
        } else if (pick < 63) {
            frame = ethernet(0x0800, ipv4(6, null));
        } else if (pick < 76) {
            frame = ethernet(0x86dd, ipv6());
        } else if (pick < 84) {
            frame = llcFrame();
        } else if (pick < 89) {
            frame = ethernet(0x88cc, lldp());
        } else if (pick < 94) {
            frame = unknownEthertype();
        } else {
            frame = oddFrame();
        }
        return cut(frame);
    }

    /** A frame carrying one of {@link UdpServicesGenerator}'s datagrams (over IPv4, DHCPv6 over IPv6). */
    Frame nextService() {
        servicesOnly = true;
        try {
            return cut(chance(12) ? ethernet(0x86dd, ipv6()) : ethernet(0x0800, ipv4(17, null)));
        } finally {
            servicesOnly = false;
        }
    }

    // ---------------------------------------------------------------- helpers

    private boolean chance(int percent) {
        return r.nextInt(100) < percent;
    }

    private int pickOf(int... values) {
        return values[r.nextInt(values.length)];
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    private byte[] textBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (chance(85) ? 0x20 + r.nextInt(95) : r.nextInt(256));
        }
        return b;
    }

    /** Truncation: a capture shorter than the frame, or a frame that simply ends early. */
    private Frame cut(byte[] frame) {
        int roll = r.nextInt(100);
        if (roll < 6 && frame.length > 0) {
            int caplen = r.nextInt(frame.length);
            if (caplen == 0 && !chance(10)) {
                caplen = 1 + r.nextInt(frame.length);
            }
            return new Frame(java.util.Arrays.copyOf(frame, Math.min(caplen, frame.length)), frame.length);
        }
        if (roll < 10 && frame.length > 14) {
            int len = 14 + r.nextInt(frame.length - 14);
            return new Frame(java.util.Arrays.copyOf(frame, len), len);
        }
        return new Frame(frame, frame.length);
    }

    private void mac(Bytes2 b) {
        switch (r.nextInt(10)) {
            case 0 -> b.u24(0xffffff).u24(0xffffff);
            case 1 -> b.u24(pickOf(0x00000c, 0x0080c2, 0x000000, 0x001018, 0x00e004, 0xd0f0db, 0x080009, 0x002320,
                    0x00005e, 0x0012bb, 0x5c16c7, 0x748771, 0x00049f)).u24(r.nextInt(1 << 24));
            case 2 -> b.u24(pickOf(0x01005e, 0x333300, 0x0180c2, 0x3333ff)).u24(r.nextInt(1 << 24));
            case 3 -> b.u24(r.nextInt(1 << 24)).u24(r.nextInt(1 << 24));
            case 4 -> b.zeros(6);
            default -> b.u24(0x0242ac).u24(0x1c0000 | r.nextInt(20));
        }
    }

    private byte[] macBytes() {
        Bytes2 b = new Bytes2();
        mac(b);
        return b.toArray();
    }

    private int ipv4Addr() {
        return switch (r.nextInt(10)) {
            case 0 -> 0x0a000000 | r.nextInt(1 << 24);
            case 1 -> pickOf(0xffffffff, 0, 0xe0000001, 0xe00000fb, 0x08080808, 0xc0000201);
            case 2 -> {
                int a = r.nextInt();
                yield (a >>> 24) == 127 ? a ^ 0x40000000 : a;
            }
            case 3 -> 0xc0a80000 | r.nextInt(1 << 16);
            default -> 0xac1c0000 | pickOf(1, 11, 12, 13, 14, 254, r.nextInt(256));
        };
    }

    private void ipv6Addr(Bytes2 b) {
        switch (r.nextInt(10)) {
            case 0 -> b.u32(0xff020000L).zeros(8).u32(1);
            case 1 -> b.u32(0xff020000L).zeros(4).u32(1).u32(0xff000000L | r.nextInt(1 << 24));
            case 2 -> b.u32(0x20010db8L).u32(r.nextInt(3)).u32(0).u32(r.nextInt(3) == 0 ? 0 : r.nextInt());
            case 3 -> b.zeros(16);
            case 4 -> b.zeros(10).u16(0xffff).u32(ipv4Addr() & 0xffffffffL);
            case 5 -> b.zeros(12).u32(ipv4Addr() & 0xffffffffL);
            case 6 -> {
                for (int i = 0; i < 8; i++) {
                    b.u16(chance(40) ? 0 : r.nextInt(65536));
                }
            }
            default -> b.u32(0xfe800000L).u32(0).u32(0x0042acffL).u32(0xfe1c0000L | r.nextInt(1 << 16));
        }
    }

    private byte[] ethernet(int type, byte[] payload) {
        Bytes2 b = new Bytes2();
        mac(b);
        mac(b);
        int tags = chance(12) ? 1 + (chance(25) ? 1 : 0) : 0;
        for (int i = 0; i < tags; i++) {
            b.u16(i == 0 && tags == 2 ? pickOf(0x88a8, 0x9100, 0x8100) : pickOf(0x8100, 0x8100, 0x88a8, 0x9200));
            b.u16(chance(70) ? r.nextInt(4096) : r.nextInt(65536));
        }
        b.u16(type);
        b.bytes(payload);
        pad(b);
        return b.toArray();
    }

    private void pad(Bytes2 b) {
        if (b.size() < 60 && chance(60)) {
            if (chance(80)) {
                b.zeros(60 - b.size());
            } else {
                b.bytes(randomBytes(60 - b.size()));
            }
        } else if (chance(5)) {
            b.bytes(randomBytes(1 + r.nextInt(12)));
        }
    }

    // ---------------------------------------------------------------- ARP

    private byte[] arpFrame() {
        int hrd = chance(75) ? 1 : pickOf(6, 7, 15, 19, 23, 24, 32, 0, r.nextInt(65536));
        int pro = chance(80) ? 0x0800 : pickOf(0x86dd, 0x1000, 0x0806, 0x1234, r.nextInt(65536));
        int hln = chance(85) ? 6 : pickOf(0, 1, 2, 4, 8, 16, r.nextInt(20));
        int pln = chance(85) ? 4 : pickOf(0, 2, 6, 16, r.nextInt(20));
        int op = chance(70) ? pickOf(1, 2) : chance(70) ? pickOf(3, 4, 8, 9, 10, 0) : r.nextInt(65536);
        Bytes2 b = new Bytes2();
        if (hrd == 19) {
            // ATM ARP: type/length octets for the addresses
            int shtl = r.nextInt(3) == 0 ? 0 : (r.nextInt(2) << 6) | r.nextInt(21);
            int sstl = r.nextInt(3) == 0 ? 0 : r.nextInt(21);
            int spln = chance(80) ? 4 : r.nextInt(17);
            int thtl = r.nextInt(3) == 0 ? 0 : r.nextInt(21);
            int tstl = r.nextInt(3) == 0 ? 0 : r.nextInt(21);
            int tpln = chance(80) ? 4 : r.nextInt(17);
            b.u16(hrd).u16(pro).u8(shtl).u8(sstl).u16(op).u8(spln).u8(thtl).u8(tstl).u8(tpln);
            b.bytes(randomBytes((shtl & 0x3f) + (sstl & 0x3f))).bytes(addr(spln));
            b.bytes(randomBytes((thtl & 0x3f) + (tstl & 0x3f))).bytes(addr(tpln));
        } else {
            b.u16(hrd).u16(pro).u8(hln).u8(pln).u16(op);
            b.bytes(hwAddr(hln)).bytes(addr(pln));
            b.bytes(chance(50) ? new byte[hln] : hwAddr(hln)).bytes(addr(pln));
        }
        return ethernet(chance(85) ? 0x0806 : 0x8035, b.toArray());
    }

    private byte[] hwAddr(int len) {
        if (len == 6) {
            return macBytes();
        }
        if (len == 2 && chance(50)) {
            // a Q.922 (frame relay) address
            return new byte[] {(byte) (r.nextInt(64) << 2), (byte) ((r.nextInt(16) << 4) | r.nextInt(2))};
        }
        return randomBytes(len);
    }

    private byte[] addr(int len) {
        if (len == 4) {
            Bytes2 b = new Bytes2();
            b.u32(ipv4Addr() & 0xffffffffL);
            return b.toArray();
        }
        return randomBytes(len);
    }

    // ---------------------------------------------------------------- IPv4

    private static final int[] SAFE_UNKNOWN_PROTOS = {253, 254, 255, 0, 3, 5, 7, 10, 16, 18, 36, 60, 43, 44, 84, 99,
        115, 137, 138, 200, 250};

    private byte[] ipv4(int proto, byte[] payload) {
        if (payload == null) {
            payload = switch (proto) {
                case 17 -> udp4();
                case 6 -> tcpSegment();
                default -> randomBytes(r.nextInt(40));
            };
        }
        int optLen = chance(12) ? ipOptions().length : 0;
        byte[] opts = optLen > 0 ? ipOptionsCache : new byte[0];
        int src = ipv4Addr();
        int dst = ipv4Addr();
        return ipv4Header(proto, payload, opts, src, dst, chance(90), chance(92));
    }

    /** IGMP as Linux sends it (TTL 1, router alert) or bent: queries v1-v3, reports v1-v3, leaves, mtrace. */
    private byte[] igmpDatagram() {
        Bytes2 b = new Bytes2();
        int group = 0xe0000000 | pickOf(0xfb, 0x16, 0x01, 0x02, 0x0100fa, r.nextInt(1 << 24));
        int type = chance(90) ? pickOf(0x11, 0x11, 0x12, 0x16, 0x16, 0x17, 0x22, 0x22, 0x1e, 0x1f)
                : pickOf(0x10, 0x21, 0x30, 0x40 + r.nextInt(192)); // not DVMRP (0x13) nor PIMv1 (0x14): not printed here
        switch (type) {
            case 0x11 -> {
                int kind = r.nextInt(3);
                b.u8(0x11).u8(kind == 0 ? 0 : pickOf(100, 10, 100, 200, 130)).u16(0x7f7f)
                        .u32(chance(50) ? 0 : group & 0xffffffffL);
                if (kind == 2) {
                    int nsrcs = pickOf(0, 0, 1, 2, 5);
                    b.u8(pickOf(2, 0x0a)).u8(pickOf(125, 10)).u16(chance(90) ? nsrcs : nsrcs + 3);
                    for (int i = 0; i < nsrcs; i++) {
                        b.u32(0xac1c0000L | r.nextInt(256));
                    }
                }
            }
            case 0x22 -> {
                int ngroups = pickOf(1, 1, 2, 3, 0);
                b.u8(0x22).u8(0).u16(0x7f7f).u16(0).u16(chance(90) ? ngroups : ngroups + 2);
                for (int g = 0; g < ngroups; g++) {
                    int nsrcs = pickOf(0, 0, 1, 3);
                    b.u8(chance(90) ? 1 + r.nextInt(6) : pickOf(0, 7, 99)).u8(0)
                            .u16(chance(95) ? nsrcs : nsrcs + 4).u32((group + g) & 0xffffffffL);
                    for (int i = 0; i < nsrcs; i++) {
                        b.u32(0xac1c0000L | r.nextInt(256));
                    }
                }
            }
            case 0x1e, 0x1f -> {
                b.u8(type).u8(r.nextInt(256)).u16(0x7f7f).u32(group & 0xffffffffL);
                b.u32(0xac1c000bL).u32(0x0a010203L).u32(chance(50) ? 0xe0000002L : 0xac1c000dL)
                        .u8(r.nextInt(256)).u24(r.nextInt(1 << 24));
            }
            default -> b.u8(type).u8(type == 0x11 ? 100 : 0).u16(0x7f7f).u32(group & 0xffffffffL);
        }
        if (chance(10)) {
            b.bytes(randomBytes(pickOf(1, 2, 4, 8)));
        }
        byte[] igmp = b.toArray();
        if (chance(5)) {
            igmp = java.util.Arrays.copyOf(igmp, r.nextInt(igmp.length));
        }
        if (igmp.length >= 4 && igmp[2] == 0x7f && igmp[3] == 0x7f) {
            igmp[2] = 0;
            igmp[3] = 0;
            int sum = chance(92) ? Bytes2.cksum(igmp, 0, igmp.length, 0) : r.nextInt(65536);
            igmp[2] = (byte) (sum >> 8);
            igmp[3] = (byte) sum;
        }
        byte[] opts = chance(75) ? new byte[] {(byte) 148, 4, 0, 0} : new byte[0];
        return ipv4Header(2, igmp, opts, chance(80) ? 0xac1c0000 | r.nextInt(20) : 0, chance(70) ? group
                : pickOf(0xe0000001, 0xe0000016), chance(95), chance(95));
    }

    /** A VRRP v2/v3 advertisement body (v3 sums over the pseudo-header of src/dst when given). */
    private byte[] vrrp(int version, int naddrs, boolean v6) {
        Bytes2 b = new Bytes2();
        int type = chance(92) ? 1 : pickOf(0, 2, 15);
        b.u8(version << 4 | type).u8(1 + r.nextInt(255)).u8(pickOf(100, 255, 50, 0)).u8(naddrs);
        int auth = chance(80) ? 0 : pickOf(1, 2, 7);
        if (version == 3) {
            b.u16(pickOf(100, 200, 0x0fff, 0xf064)).u16(0x7f7f);
        } else {
            b.u8(auth).u8(pickOf(1, 3, 0)).u16(0x7f7f);
        }
        for (int i = 0; i < naddrs; i++) {
            if (v6) {
                b.u32(0xfe800000L).u32(0).u32(0x0042acffL).u32(0xfe1c0000L | r.nextInt(1 << 16));
            } else {
                b.u32(0xac1c0000L | 100 + r.nextInt(20));
            }
        }
        if (version == 2) {
            b.ascii(auth == 1 ? (chance(50) ? "secret\0\0" : "password") : "\0\0\0\0\0\0\0\0");
        }
        return b.toArray();
    }

    /** VRRP as keepalived sends it (to 224.0.0.18, TTL 255), sometimes bent. */
    private byte[] vrrpDatagram() {
        int version = chance(85) ? pickOf(2, 3) : pickOf(1, 4);
        int naddrs = chance(90) ? pickOf(1, 1, 2, 0) : 9;
        byte[] body = vrrp(version, naddrs, false);
        int src = 0xac1c0000 | r.nextInt(20);
        int dst = chance(90) ? 0xe0000012 : ipv4Addr();
        body[6] = 0;
        body[7] = 0;
        int sum = version == 3 ? Bytes2.cksum(body, 0, body.length, pseudo4(src, dst, 112, body.length))
                : Bytes2.cksum(body, 0, body.length, 0);
        if (chance(8)) {
            sum = r.nextInt(65536);
        }
        body[6] = (byte) (sum >> 8);
        body[7] = (byte) sum;
        if (chance(5)) {
            body = java.util.Arrays.copyOf(body, r.nextInt(body.length));
        }
        Bytes2 h = new Bytes2().bytes(ipv4Header(112, body, new byte[0], src, dst, chance(95), chance(95)));
        byte[] ip = h.toArray();
        if (chance(80)) {
            ip[8] = (byte) 255; // TTL, then the header checksum again
            ip[10] = 0;
            ip[11] = 0;
            int hs = Bytes2.cksum(ip, 0, 20, 0);
            ip[10] = (byte) (hs >> 8);
            ip[11] = (byte) hs;
        }
        return ip;
    }

    private byte[] ipOptionsCache;

    /** IP options: record route, source routes, timestamps, router alert, NOP/EOL, odd ones. */
    private byte[] ipOptions() {
        Bytes2 b = new Bytes2();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n && b.size() < 36; i++) {
            switch (r.nextInt(9)) {
                case 0 -> b.u8(1);
                case 1 -> b.u8(0);
                case 2, 3 -> {
                    int slots = 1 + r.nextInt(8);
                    int len = chance(85) ? 3 + 4 * slots : 3 + r.nextInt(4 * slots);
                    b.u8(pickOf(7, 131, 137)).u8(len).u8(chance(80) ? 4 + 4 * r.nextInt(slots + 1) : r.nextInt(40));
                    for (int k = 3; k < len; k++) {
                        b.u8(chance(50) ? 0 : r.nextInt(256));
                    }
                }
                case 4 -> {
                    int flag = pickOf(0, 1, 3, 2, r.nextInt(16)) | (chance(20) ? r.nextInt(16) << 4 : 0);
                    int hop = (flag & 0xf) == 0 ? 4 : 8;
                    int entries = 1 + r.nextInt(3);
                    int len = chance(85) ? 4 + hop * entries : 4 + r.nextInt(hop * entries);
                    b.u8(68).u8(len).u8(chance(80) ? 5 + hop * r.nextInt(entries + 1) : r.nextInt(40)).u8(flag);
                    b.bytes(randomBytes(len - 4));
                }
                case 5 -> b.u8(148).u8(chance(85) ? 4 : r.nextInt(4)).u16(chance(50) ? 0 : r.nextInt(65536));
                case 6 -> b.u8(130).u8(11).bytes(randomBytes(9));
                case 7 -> {
                    int len = r.nextInt(6);
                    b.u8(pickOf(82, 25, 30, 145, 200)).u8(len).bytes(randomBytes(Math.max(0, len - 2)));
                }
                default -> b.u8(1).u8(1);
            }
        }
        while ((b.size() & 3) != 0 || b.size() == 0) {
            b.u8(chance(50) ? 1 : 0);
        }
        if (b.size() > 40) {
            ipOptionsCache = java.util.Arrays.copyOf(b.toArray(), 40);
        } else {
            ipOptionsCache = b.toArray();
        }
        return ipOptionsCache;
    }

    private byte[] ipv4Header(int proto, byte[] payload, byte[] opts, int src, int dst, boolean goodSum,
                              boolean goodLen) {
        Bytes2 b = new Bytes2();
        int ihl = 5 + opts.length / 4;
        int total = 4 * ihl + payload.length;
        if (!goodLen) {
            total = chance(50) ? total + 1 + r.nextInt(200) : Math.max(0, total - 1 - r.nextInt(Math.max(1, total)));
        }
        int tos = chance(70) ? 0 : r.nextInt(256);
        int flags = chance(60) ? 0x4000 : chance(80) ? 0 : r.nextInt(65536);
        b.u8(0x40 | ihl).u8(tos).u16(total).u16(r.nextInt(65536)).u16(flags).u8(chance(80) ? 64 : r.nextInt(256));
        b.u8(proto).u16(0).u32(src & 0xffffffffL).u32(dst & 0xffffffffL).bytes(opts);
        byte[] h = b.toArray();
        int sum = Bytes2.cksum(h, 0, h.length, 0);
        if (!goodSum) {
            sum = r.nextInt(65536);
        }
        b.set16(10, sum);
        // fix up transport checksums over the pseudo-header
        byte[] pl = payload.clone();
        if (proto == 17 && pl.length >= 8 && (pl[6] == 0x7f && pl[7] == 0x7f)) {
            pl[6] = 0;
            pl[7] = 0;
            long ph = pseudo4(src, dst, 17, pl.length);
            int s = Bytes2.cksum(pl, 0, pl.length, ph);
            if (chance(10)) {
                s = r.nextInt(65536);
            }
            pl[6] = (byte) (s >> 8);
            pl[7] = (byte) s;
        } else if (proto == 6 && pl.length >= 20 && pl[16] == 0x7f && pl[17] == 0x7f) {
            pl[16] = 0;
            pl[17] = 0;
            long ph = pseudo4(src, dst, 6, pl.length);
            int s = Bytes2.cksum(pl, 0, pl.length, ph);
            if (chance(10)) {
                s = r.nextInt(65536);
            }
            pl[16] = (byte) (s >> 8);
            pl[17] = (byte) s;
        }
        b.bytes(pl);
        return b.toArray();
    }

    private static long pseudo4(int src, int dst, int proto, int len) {
        return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + proto + len;
    }

    /** Odd IPv4: fragments, bad header lengths, other versions, unknown protocols, IP in IP. */
    private byte[] ipv4Misc() {
        switch (r.nextInt(8)) {
            case 0 -> {
                // a non-first fragment
                Bytes2 b = new Bytes2();
                byte[] pl = randomBytes(8 + r.nextInt(40));
                int proto = pickOf(1, 17, 6, 253, r.nextInt(256));
                b.u8(0x45).u8(0).u16(20 + pl.length).u16(r.nextInt(65536)).u16((chance(50) ? 0x2000 : 0)
                        | (1 + r.nextInt(0x1fff))).u8(64).u8(proto).u16(0)
                        .u32(ipv4Addr() & 0xffffffffL).u32(ipv4Addr() & 0xffffffffL).bytes(pl);
                byte[] h = b.toArray();
                b.set16(10, Bytes2.cksum(h, 0, 20, 0));
                return b.toArray();
            }
            case 1 -> {
                // first fragment (MF) of a bigger datagram
                byte[] icmp = icmp();
                return ipv4Header(1, icmp, new byte[0], ipv4Addr(), ipv4Addr(), true, true);
            }
            case 2 -> {
                // bad IHL / version
                byte[] h = ipv4Header(1, icmp(), new byte[0], ipv4Addr(), ipv4Addr(), true, true);
                h[0] = (byte) (chance(50) ? (0x40 | r.nextInt(5)) : (r.nextInt(16) << 4 | 5));
                return h;
            }
            case 3 -> {
                int proto = SAFE_UNKNOWN_PROTOS[r.nextInt(SAFE_UNKNOWN_PROTOS.length)];
                return ipv4Header(proto, randomBytes(r.nextInt(30)), new byte[0], ipv4Addr(), ipv4Addr(), true,
                        chance(90));
            }
            case 4 -> {
                // IP in IP
                byte[] inner = ipv4Header(1, icmp(), new byte[0], ipv4Addr(), ipv4Addr(), true, true);
                return ipv4Header(4, inner, new byte[0], ipv4Addr(), ipv4Addr(), true, true);
            }
            case 5 -> {
                // total length smaller than the header
                byte[] h = ipv4Header(17, udp4(), new byte[0], ipv4Addr(), ipv4Addr(), true, true);
                h[2] = 0;
                h[3] = (byte) r.nextInt(20);
                return h;
            }
            default -> {
                byte[] opts = ipOptions();
                int proto = pickOf(1, 17, 253);
                byte[] payload = proto == 1 ? icmp() : proto == 17 ? udp4() : randomBytes(r.nextInt(20));
                return ipv4Header(proto, payload, opts, ipv4Addr(), ipv4Addr(), chance(85), chance(90));
            }
        }
    }

    // ---------------------------------------------------------------- ICMP

    private byte[] icmp() {
        int type;
        int roll = r.nextInt(100);
        if (roll < 25) {
            type = pickOf(8, 0);
        } else if (roll < 55) {
            type = pickOf(3, 3, 3, 11, 5, 12, 4);
        } else if (roll < 90) {
            type = pickOf(13, 14, 15, 16, 17, 18, 9, 10, 1, 2, 6, 7, 19, 20, 30, 37, 40, 99);
        } else {
            type = r.nextInt(256);
        }
        int code = switch (type) {
            case 3 -> chance(85) ? r.nextInt(16) : r.nextInt(256);
            case 5 -> chance(85) ? r.nextInt(4) : r.nextInt(256);
            case 11 -> chance(85) ? r.nextInt(2) : r.nextInt(256);
            case 12 -> chance(60) ? 0 : r.nextInt(4);
            default -> chance(90) ? 0 : r.nextInt(256);
        };
        Bytes2 b = new Bytes2();
        b.u8(type).u8(code).u16(0);
        switch (type) {
            case 0, 8 -> {
                b.u16(r.nextInt(65536)).u16(r.nextInt(65536));
                b.bytes(chance(50) ? textBytes(r.nextInt(64)) : randomBytes(r.nextInt(64)));
            }
            case 3, 4, 5, 11, 12 -> {
                if (type == 5) {
                    b.u32(ipv4Addr() & 0xffffffffL);
                } else if (type == 3 && code == 4) {
                    b.u16(0).u16(chance(80) ? pickOf(1400, 1500, 576, 1280) : 0);
                } else if (type == 12) {
                    b.u8(r.nextInt(60)).u8(chance(80) ? 0 : r.nextInt(40)).u16(0);
                } else {
                    b.u8(0).u8(chance(85) ? 0 : r.nextInt(40)).u16(0);
                }
                if (chance(92)) {
                    byte[] q = quotedDatagram();
                    b.bytes(q);
                    if (chance(15)) {
                        multipartExtension(b, q.length);
                    }
                } else {
                    b.bytes(randomBytes(r.nextInt(30)));
                }
            }
            case 9 -> {
                int num = r.nextInt(4);
                int size = chance(85) ? 2 : r.nextInt(4);
                b.u8(num).u8(size).u16(pickOf(30, 1800, 7200, 65535, r.nextInt(65536)));
                for (int i = 0; i < num; i++) {
                    b.u32(ipv4Addr() & 0xffffffffL).u32(r.nextLong() & 0xffffffffL);
                }
                if (chance(20) && num > 0) {
                    b.zeros(0);
                }
            }
            case 13, 14 -> {
                b.u16(r.nextInt(65536)).u16(r.nextInt(65536));
                for (int i = 0; i < 3; i++) {
                    b.u32(chance(70) ? r.nextInt(86_400_000) : r.nextLong() & 0xffffffffL);
                }
            }
            case 17, 18 -> b.u16(r.nextInt(65536)).u16(r.nextInt(65536)).u32(pickOf(0xffffff00, 0xffff0000,
                    r.nextInt()) & 0xffffffffL);
            default -> b.bytes(randomBytes(4 + r.nextInt(24)));
        }
        byte[] m = b.toArray();
        int sum = chance(90) ? Bytes2.cksum(m, 0, m.length, 0) : r.nextInt(65536);
        m[2] = (byte) (sum >> 8);
        m[3] = (byte) sum;
        return m;
    }

    /** The IP header and data quoted by an ICMP error: full, header + 8 bytes, or short. */
    private byte[] quotedDatagram() {
        int proto = pickOf(17, 17, 6, 1, 253);
        byte[] inner = switch (proto) {
            case 17 -> udp4Quoted();
            case 6 -> tcpSegment();
            case 1 -> icmpEchoOnly();
            default -> randomBytes(8 + r.nextInt(20));
        };
        byte[] opts = chance(8) ? ipOptions() : new byte[0];
        byte[] ip = ipv4Header(proto, inner, opts, ipv4Addr(), ipv4Addr(), chance(90), chance(90));
        int hl = 20 + opts.length;
        return switch (r.nextInt(4)) {
            case 0 -> java.util.Arrays.copyOf(ip, Math.min(ip.length, hl + 8));
            case 1 -> java.util.Arrays.copyOf(ip, Math.min(ip.length, 4 + r.nextInt(hl + 8)));
            default -> ip;
        };
    }

    private byte[] icmpEchoOnly() {
        Bytes2 b = new Bytes2();
        b.u8(8).u8(0).u16(r.nextInt(65536)).u16(r.nextInt(65536)).u16(r.nextInt(65536)).bytes(randomBytes(r.nextInt(32)));
        return b.toArray();
    }

    /** RFC 4884: the original datagram padded to 128 bytes and an extension structure. */
    private void multipartExtension(Bytes2 b, int quotedLen) {
        int have = quotedLen;
        if (have < 128) {
            b.zeros(128 - have);
        }
        Bytes2 ext = new Bytes2();
        ext.u8(chance(90) ? 0x20 : r.nextInt(256)).u8(0).u16(0);
        int objects = 1 + r.nextInt(2);
        for (int i = 0; i < objects; i++) {
            int cls = pickOf(1, 1, 2, 3, 0);
            int ctype = pickOf(1, 1, 2);
            int len = chance(85) ? 8 : pickOf(4, 12, 2);
            ext.u16(len).u8(cls).u8(ctype).bytes(randomBytes(Math.max(0, len - 4)));
        }
        byte[] e = ext.toArray();
        int s = Bytes2.cksum(e, 0, e.length, 0);
        if (chance(85)) {
            e[2] = (byte) (s >> 8);
            e[3] = (byte) s;
        }
        b.bytes(e);
    }

    // ---------------------------------------------------------------- UDP and DNS

    private int udpPort() {
        return switch (r.nextInt(6)) {
            case 0 -> 33434 + r.nextInt(100);
            default -> {
                int p = 40000 + r.nextInt(25536);
                yield p == 49152 ? 49153 : p;
            }
        };
    }

    /** A UDP datagram; the checksum marker 0x7f7f is replaced by the real sum in ipv4Header(). */
    private byte[] udp4() {
        int sport;
        int dport;
        byte[] payload;
        int roll = servicesOnly ? 45 + r.nextInt(25) : r.nextInt(100);
        servicesOnly = false;
        if (roll < 40) {
            boolean query = chance(50);
            sport = query ? udpPort() : 53;
            dport = query ? 53 : udpPort();
            if (chance(10)) {
                sport = dport = 53;
            }
            payload = dns(query);
        } else if (roll < 45) {
            sport = 5353;
            dport = 5353;
            payload = dns(chance(50));
        } else if (roll < 70) {
            UdpServicesGenerator.Datagram d = services.next(() -> chance(50) ? arpFrame()
                    : ethernet(0x0800, chance(60) ? ipv4(1, icmp()) : ipv4(17, null)));
            boolean reply = chance(30);
            sport = reply ? d.dport() : d.sport();
            dport = reply ? d.sport() : d.dport();
            payload = d.payload();
        } else {
            sport = udpPort();
            dport = udpPort();
            payload = chance(50) ? textBytes(r.nextInt(48)) : randomBytes(r.nextInt(48));
        }
        return udp(sport, dport, payload);
    }

    private byte[] udp4Quoted() {
        return udp(udpPort(), chance(70) ? 33434 + r.nextInt(100) : chance(50) ? 53 : udpPort(),
                randomBytes(r.nextInt(40)));
    }

    private byte[] udp(int sport, int dport, byte[] payload) {
        Bytes2 b = new Bytes2();
        int len = 8 + payload.length;
        if (chance(8)) {
            len = chance(50) ? len + 1 + r.nextInt(100) : r.nextInt(len);
        }
        int sum = chance(15) ? 0 : 0x7f7f;
        b.u16(sport).u16(dport).u16(len).u16(sum).bytes(payload);
        byte[] d = b.toArray();
        if (chance(3)) {
            return java.util.Arrays.copyOf(d, r.nextInt(8));
        }
        return d;
    }

    private String label() {
        String[] words = {"example", "com", "org", "net", "www", "mail", "ns1", "arpa", "in-addr", "local", "host11",
            "a", "test", "_sip", "_udp", "xn--bcher-kva", "very-long-label-for-tests"};
        if (chance(8)) {
            StringBuilder s = new StringBuilder();
            int n = 1 + r.nextInt(10);
            for (int i = 0; i < n; i++) {
                s.append((char) (chance(80) ? 0x21 + r.nextInt(94) : r.nextInt(256)));
            }
            return s.toString();
        }
        return words[r.nextInt(words.length)];
    }

    /** A domain name; may end with a compression pointer to an earlier offset. */
    private void name(Bytes2 b, List<Integer> nameOffsets) {
        if (!nameOffsets.isEmpty() && chance(40)) {
            int target = nameOffsets.get(r.nextInt(nameOffsets.size()));
            if (chance(10)) {
                target = r.nextInt(0x3fff);
            }
            b.u16(0xc000 | target);
            return;
        }
        nameOffsets.add(b.size());
        int labels = chance(10) ? 0 : 1 + r.nextInt(4);
        for (int i = 0; i < labels; i++) {
            String l = label();
            b.u8(l.length()).ascii(l);
            if (i > 0 && !nameOffsets.isEmpty() && chance(15)) {
                b.u16(0xc000 | nameOffsets.get(r.nextInt(nameOffsets.size())));
                return;
            }
        }
        if (chance(3)) {
            b.u8(pickOf(0x41, 0x80, 0x42));
        }
        b.u8(0);
    }

    private static final int[] RR_TYPES = {1, 1, 28, 5, 12, 2, 15, 16, 6, 33, 41, 38, 39, 99, 13, 255, 250, 256, 46,
        65, 1234};

    private byte[] dns(boolean query) {
        Bytes2 b = new Bytes2();
        List<Integer> offsets = new ArrayList<>();
        int flags;
        if (query) {
            flags = chance(80) ? 0x0100 : r.nextInt(65536) & 0x7fff;
        } else {
            flags = chance(70) ? 0x8180 | (chance(20) ? r.nextInt(6) : 0) : (r.nextInt(65536) | 0x8000);
        }
        int qd = chance(90) ? 1 : r.nextInt(3);
        int an = query ? (chance(90) ? 0 : r.nextInt(2)) : r.nextInt(4);
        int ns = chance(80) ? 0 : r.nextInt(2);
        int ar = chance(70) ? 0 : r.nextInt(3);
        b.u16(r.nextInt(65536)).u16(flags);
        int countsAt = b.size();
        b.u16(qd).u16(an).u16(ns).u16(ar);
        for (int i = 0; i < qd; i++) {
            name(b, offsets);
            b.u16(RR_TYPES[r.nextInt(RR_TYPES.length)]).u16(chance(90) ? 1 : pickOf(3, 4, 255, 0x8001, 7));
        }
        int records = an + ns + ar;
        for (int i = 0; i < records; i++) {
            rr(b, offsets);
        }
        if (chance(10)) {
            // counts that lie
            b.set16(countsAt + 2 * r.nextInt(4), r.nextInt(5));
        }
        byte[] d = b.toArray();
        if (chance(8)) {
            d = java.util.Arrays.copyOf(d, r.nextInt(d.length + 1));
        }
        if (chance(3)) {
            d = randomBytes(r.nextInt(40));
        }
        return d;
    }

    private void rr(Bytes2 b, List<Integer> offsets) {
        int type = RR_TYPES[r.nextInt(RR_TYPES.length)];
        if (type == 41) {
            b.u8(0).u16(41).u16(pickOf(512, 1232, 4096)).u8(chance(80) ? 0 : r.nextInt(256)).u8(0)
                    .u16(chance(50) ? 0x8000 : 0);
            Bytes2 opts = new Bytes2();
            int n = r.nextInt(3);
            for (int i = 0; i < n; i++) {
                int code = pickOf(3, 8, 10, 11, 9, 12, 14, 5, 6, 7, 15, 65001);
                byte[] data = switch (code) {
                    case 8 -> {
                        Bytes2 e = new Bytes2();
                        int fam = pickOf(1, 2, 3);
                        int src = r.nextInt(fam == 1 ? 33 : 129);
                        e.u16(fam).u8(src).u8(chance(80) ? 0 : r.nextInt(40)).bytes(randomBytes((src + 7) / 8));
                        yield e.toArray();
                    }
                    case 10 -> randomBytes(pickOf(8, 16, 24, 5));
                    case 11 -> randomBytes(pickOf(2, 0, 3));
                    case 9 -> randomBytes(pickOf(4, 0, 2));
                    default -> randomBytes(r.nextInt(8));
                };
                opts.u16(code).u16(data.length).bytes(data);
            }
            byte[] o = opts.toArray();
            b.u16(o.length).bytes(o);
            return;
        }
        name(b, offsets);
        b.u16(type).u16(chance(90) ? 1 : pickOf(3, 4, 0x8001)).u32(r.nextLong() & 0xffffffffL);
        Bytes2 rd = new Bytes2();
        int rdStart = b.size() + 2;
        switch (type) {
            case 1 -> rd.u32(ipv4Addr() & 0xffffffffL);
            case 28 -> ipv6Addr(rd);
            case 5, 12, 2, 39 -> rdataName(b, rd, offsets, rdStart, 0);
            case 15 -> {
                rd.u16(r.nextInt(100));
                rdataName(b, rd, offsets, rdStart, 2);
            }
            case 33 -> {
                rd.u16(r.nextInt(10)).u16(r.nextInt(10)).u16(5060);
                rdataName(b, rd, offsets, rdStart, 6);
            }
            case 16 -> {
                int n = 1 + r.nextInt(2);
                for (int i = 0; i < n; i++) {
                    byte[] t = textBytes(r.nextInt(20));
                    rd.u8(t.length).bytes(t);
                }
            }
            case 6 -> {
                rdataName(b, rd, offsets, rdStart, 0);
                rdataName(b, rd, offsets, rdStart, rd.size());
                for (int i = 0; i < 5; i++) {
                    rd.u32(r.nextLong() & 0xffffffffL);
                }
            }
            case 38 -> {
                int pbit = pickOf(0, 64, 128, 200, r.nextInt(129));
                rd.u8(pbit);
                if (pbit <= 128) {
                    rd.bytes(randomBytes(16 - (pbit & ~7) / 8));
                    if (pbit > 0) {
                        rdataName(b, rd, offsets, rdStart, rd.size());
                    }
                }
            }
            case 256 -> rd.u16(r.nextInt(10)).u16(r.nextInt(10)).bytes(textBytes(r.nextInt(20)));
            default -> rd.bytes(randomBytes(r.nextInt(20)));
        }
        byte[] d = rd.toArray();
        int len = d.length;
        if (chance(5)) {
            len = r.nextInt(len + 5);
        }
        b.u16(len).bytes(d);
    }

    /** A name inside RDATA (offsets are relative to the DNS message). */
    private void rdataName(Bytes2 msg, Bytes2 rd, List<Integer> offsets, int rdStart, int at) {
        if (!offsets.isEmpty() && chance(50)) {
            rd.u16(0xc000 | offsets.get(r.nextInt(offsets.size())));
            return;
        }
        offsets.add(rdStart + rd.size());
        int labels = 1 + r.nextInt(3);
        for (int i = 0; i < labels; i++) {
            String l = label();
            rd.u8(l.length()).ascii(l);
        }
        rd.u8(0);
    }

    // ---------------------------------------------------------------- TCP

    private byte[] tcpSegment() {
        long[] conv;
        if (!tcpConversations.isEmpty() && chance(50)) {
            conv = tcpConversations.get(r.nextInt(tcpConversations.size()));
        } else {
            conv = new long[] {udpPort(), udpPort(), r.nextLong() & 0xffffffffL, r.nextLong() & 0xffffffffL};
            if (tcpConversations.size() < 8) {
                tcpConversations.add(conv);
            }
        }
        boolean reverse = chance(50);
        int sport = (int) (reverse ? conv[1] : conv[0]);
        int dport = (int) (reverse ? conv[0] : conv[1]);
        long seq = (reverse ? conv[3] : conv[2]) + (chance(30) ? 0 : r.nextInt(5000));
        long ack = (reverse ? conv[2] : conv[3]) + (chance(30) ? 1 : r.nextInt(5000));
        int flags = switch (r.nextInt(10)) {
            case 0 -> 0x02;
            case 1 -> 0x12;
            case 2, 3 -> 0x10;
            case 4, 5 -> 0x18;
            case 6 -> 0x11;
            case 7 -> 0x14;
            case 8 -> 0x04;
            default -> r.nextInt(256);
        };
        Bytes2 opts = new Bytes2();
        if (chance(50)) {
            int n = 1 + r.nextInt(5);
            for (int i = 0; i < n; i++) {
                switch (r.nextInt(11)) {
                    case 0 -> opts.u8(2).u8(4).u16(1460);
                    case 1 -> opts.u8(1);
                    case 2 -> opts.u8(3).u8(3).u8(r.nextInt(15));
                    case 3 -> opts.u8(4).u8(2);
                    case 4 -> opts.u8(8).u8(10).u32(r.nextLong() & 0xffffffffL).u32(r.nextLong() & 0xffffffffL);
                    case 5 -> {
                        int blocks = 1 + r.nextInt(3);
                        opts.u8(5).u8(2 + 8 * blocks);
                        for (int k = 0; k < 2 * blocks; k++) {
                            opts.u32(ack + r.nextInt(10000));
                        }
                    }
                    case 6 -> opts.u8(0);
                    case 7 -> opts.u8(pickOf(6, 7, 11, 12, 13)).u8(6).u32(r.nextLong() & 0xffffffffL);
                    case 8 -> {
                        int len = r.nextInt(6);
                        opts.u8(pickOf(9, 10, 15, 16, 66, 253)).u8(len).bytes(randomBytes(Math.max(0, len - 2)));
                    }
                    case 9 -> {
                        switch (r.nextInt(5)) {
                            case 0 -> opts.u8(19).u8(18).bytes(randomBytes(16));
                            case 1 -> {
                                int l = pickOf(0, 4, 8, 16, 3, 18);
                                opts.u8(34).u8(2 + l).bytes(randomBytes(l));
                            }
                            case 2 -> {
                                int l = pickOf(0, 4, 8, 3);
                                opts.u8(254).u8(4 + l).u16(chance(80) ? 0xf989 : r.nextInt(65536)).bytes(randomBytes(l));
                            }
                            case 3 -> {
                                int l = pickOf(0, 1, 2, 6, 10);
                                opts.u8(29).u8(2 + l).bytes(randomBytes(l));
                            }
                            default -> opts.u8(254).u8(2);
                        }
                    }
                    default -> opts.u8(28).u8(4).u16(r.nextInt(65536));
                }
            }
            while ((opts.size() & 3) != 0) {
                opts.u8(chance(50) ? 1 : 0);
            }
        }
        byte[] o = opts.size() > 40 ? java.util.Arrays.copyOf(opts.toArray(), 40) : opts.toArray();
        int off = (20 + o.length) / 4;
        if (chance(4)) {
            off = r.nextInt(16);
        }
        Bytes2 b = new Bytes2();
        b.u16(sport).u16(dport).u32(seq & 0xffffffffL).u32(ack & 0xffffffffL).u8(off << 4).u8(flags)
                .u16(r.nextInt(65536)).u16(0x7f7f).u16(chance(80) ? 0 : r.nextInt(65536)).bytes(o);
        if (chance(40)) {
            b.bytes(chance(50) ? textBytes(r.nextInt(60)) : randomBytes(r.nextInt(60)));
        }
        return b.toArray();
    }

    // ---------------------------------------------------------------- IPv6

    private boolean plen0;

    private static final int[] SAFE_UNKNOWN_NH6 = {253, 254, 255, 3, 5, 7, 10, 16, 18, 36, 84, 99, 115, 137, 200};

    private byte[] ipv6() {
        int nh;
        byte[] payload;
        Bytes2 src = new Bytes2();
        ipv6Addr(src);
        Bytes2 dst = new Bytes2();
        ipv6Addr(dst);
        boolean dhcp6 = servicesOnly;
        servicesOnly = false;
        int roll = dhcp6 ? 70 : r.nextInt(100);
        if (roll < 70) {
            nh = 58;
            payload = null;
        } else if (roll < 85) {
            nh = 17;
            if (dhcp6 || chance(30)) {
                UdpServicesGenerator.Datagram d = services.dhcp6();
                payload = udp(d.sport(), d.dport(), d.payload());
            } else {
                payload = udp(pickOf(53, udpPort(), udpPort(), 5353), udpPort(), chance(50) ? dns(true)
                        : randomBytes(20));
            }
        } else if (roll < 92) {
            nh = 6;
            payload = tcpSegment();
        } else if (roll < 94) {
            nh = 59;
            payload = randomBytes(r.nextInt(8));
        } else if (roll < 96) {
            nh = 112;
            payload = vrrp(chance(85) ? 3 : 2, pickOf(1, 2, 0), true);
        } else {
            nh = SAFE_UNKNOWN_NH6[r.nextInt(SAFE_UNKNOWN_NH6.length)];
            payload = randomBytes(r.nextInt(20));
        }
        byte[] s = src.toArray();
        byte[] d = dst.toArray();
        if (nh == 58) {
            payload = icmp6();
        }
        payload = payload.clone();
        // transport checksums over the IPv6 pseudo-header
        int sumAt = nh == 58 ? 2 : nh == 17 ? 6 : nh == 6 ? 16 : nh == 112 ? 6 : -1;
        if (sumAt >= 0 && payload.length >= sumAt + 2) {
            payload[sumAt] = 0;
            payload[sumAt + 1] = 0;
            long ph = Bytes2.partial(s, 0, 16) + Bytes2.partial(d, 0, 16) + payload.length + nh;
            int sum = Bytes2.cksum(payload, 0, payload.length, ph);
            if (chance(8)) {
                sum = r.nextInt(65536);
            }
            payload[sumAt] = (byte) (sum >> 8);
            payload[sumAt + 1] = (byte) sum;
        }
        if (chance(15)) {
            // extension headers in front: hop-by-hop (router alert for MLD), destination options, fragment
            Bytes2 ext = new Bytes2();
            int first = -1;
            int prevNextAt = -1;
            int count = 1 + r.nextInt(2);
            for (int i = 0; i < count; i++) {
                int kind = i == 0 ? pickOf(0, 0, 60, 44) : pickOf(60, 44, 0);
                if (first < 0) {
                    first = kind;
                } else {
                    ext.set8(prevNextAt, kind);
                }
                prevNextAt = ext.size();
                if (kind == 44) {
                    int off = chance(70) ? 0 : r.nextInt(8192);
                    ext.u8(nh).u8(0).u16((off << 3) | (chance(50) ? 1 : 0)).u32(r.nextLong() & 0xffffffffL);
                } else {
                    Bytes2 opts = new Bytes2();
                    int n = 1 + r.nextInt(3);
                    for (int k = 0; k < n; k++) {
                        switch (r.nextInt(7)) {
                            case 0 -> opts.u8(0);
                            case 1 -> {
                                int l = r.nextInt(4);
                                opts.u8(1).u8(l).zeros(l);
                            }
                            case 2, 3 -> opts.u8(5).u8(chance(90) ? 2 : 3).u16(pickOf(0, 1, 2, r.nextInt(65536)));
                            case 4 -> opts.u8(0xc2).u8(chance(90) ? 4 : 2).u32(pickOf(70000, 100, r.nextInt() & 0x7fffffff));
                            case 5 -> {
                                opts.u8(0xc9).u8(16);
                                ipv6Addr(opts);
                            }
                            default -> {
                                int l = r.nextInt(4);
                                opts.u8(pickOf(0x3e, 0x63, 0x8b, 0x1e)).u8(l).bytes(randomBytes(l));
                            }
                        }
                    }
                    int total = 2 + opts.size();
                    int units = (total + 7) / 8;
                    Bytes2 h = new Bytes2();
                    h.u8(nh).u8(units - 1).bytes(opts);
                    while (h.size() < units * 8) {
                        h.u8(0);
                    }
                    ext.bytes(h);
                }
            }
            Bytes2 joined = new Bytes2().bytes(ext).bytes(payload);
            payload = joined.toArray();
            nh = first;
            if (chance(10)) {
                plen0 = true;
            }
        }
        Bytes2 b = new Bytes2();
        int flow = chance(70) ? 0x60000000 : 0x60000000 | r.nextInt(1 << 28);
        if (chance(3)) {
            flow = r.nextInt();
        }
        int plen = plen0 ? 0 : payload.length;
        plen0 = false;
        if (chance(6)) {
            plen = chance(50) ? plen + 1 + r.nextInt(40) : r.nextInt(Math.max(1, plen));
        }
        b.u32(flow & 0xffffffffL).u16(plen).u8(nh).u8(pickOf(255, 64, 1, r.nextInt(256))).bytes(s).bytes(d)
                .bytes(payload);
        return b.toArray();
    }

    private byte[] icmp6() {
        int type;
        int roll = r.nextInt(100);
        if (roll < 50) {
            type = pickOf(133, 134, 135, 135, 136, 136, 137);
        } else if (roll < 70) {
            type = pickOf(128, 129);
        } else if (roll < 85) {
            type = pickOf(1, 2, 3, 4);
        } else if (roll < 95) {
            type = pickOf(130, 131, 132, 143, 141, 142, 144, 145, 146, 147);
        } else {
            type = pickOf(0, 5, 100, 127, 150, 200, 201, 255);
        }
        int code = chance(85) ? (type == 1 ? r.nextInt(7) : type == 3 || type == 4 ? r.nextInt(5) : 0) : r.nextInt(256);
        Bytes2 b = new Bytes2();
        b.u8(type).u8(code).u16(0);
        switch (type) {
            case 1, 3, 4 -> {
                b.u32(type == 4 ? r.nextInt(60) : 0);
                b.bytes(quoted6());
            }
            case 2 -> {
                b.u32(pickOf(1280, 1500, r.nextInt()) & 0xffffffffL);
                b.bytes(quoted6());
            }
            case 128, 129 -> b.u16(r.nextInt(65536)).u16(r.nextInt(65536)).bytes(randomBytes(r.nextInt(56)));
            case 130, 131, 132 -> {
                b.u16(r.nextInt(65536)).u16(0);
                ipv6Addr(b);
                if (type == 130 && chance(50)) {
                    int nsrc = r.nextInt(3);
                    b.u8(r.nextInt(256)).u8(r.nextInt(256)).u16(chance(80) ? nsrc : nsrc + 2);
                    for (int i = 0; i < nsrc; i++) {
                        ipv6Addr(b);
                    }
                }
            }
            case 143 -> {
                int groups = r.nextInt(3);
                b.u16(0).u16(chance(85) ? groups : groups + 1);
                for (int g = 0; g < groups; g++) {
                    int nsrc = r.nextInt(3);
                    b.u8(pickOf(1, 2, 3, 4, 5, 6, 9)).u8(0).u16(nsrc);
                    ipv6Addr(b);
                    for (int i = 0; i < nsrc; i++) {
                        ipv6Addr(b);
                    }
                }
            }
            case 133 -> {
                b.u32(0);
                ndOptions(b);
            }
            case 134 -> {
                b.u8(r.nextInt(256)).u8(r.nextInt(256)).u16(r.nextInt(65536)).u32(r.nextInt(100000))
                        .u32(r.nextInt(10000));
                ndOptions(b);
            }
            case 135, 136 -> {
                b.u32(type == 136 ? (r.nextInt(8) << 29) | (chance(10) ? r.nextInt(1 << 29) : 0) : 0);
                ipv6Addr(b);
                ndOptions(b);
            }
            case 137 -> {
                b.u32(0);
                ipv6Addr(b);
                ipv6Addr(b);
                ndOptions(b);
            }
            case 144, 146 -> b.u16(r.nextInt(65536)).u16(0);
            case 145 -> {
                b.u16(r.nextInt(65536)).u16(0);
                for (int i = r.nextInt(3); i > 0; i--) {
                    ipv6Addr(b);
                }
            }
            case 147 -> {
                b.u16(r.nextInt(65536)).u16(r.nextInt(65536));
                ndOptions(b);
            }
            default -> b.bytes(randomBytes(r.nextInt(24)));
        }
        return b.toArray();
    }

    private byte[] quoted6() {
        Bytes2 b = new Bytes2();
        int nh = pickOf(17, 6, 58, 253);
        byte[] inner = nh == 17 ? udp(udpPort(), chance(50) ? 53 : udpPort(), randomBytes(8))
                : nh == 6 ? tcpSegment() : randomBytes(8 + r.nextInt(8));
        b.u32(0x60000000L).u16(inner.length).u8(nh).u8(64);
        ipv6Addr(b);
        ipv6Addr(b);
        b.bytes(inner);
        byte[] q = b.toArray();
        if (chance(20)) {
            q = java.util.Arrays.copyOf(q, r.nextInt(q.length));
        }
        return q;
    }

    private void ndOptions(Bytes2 b) {
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(12)) {
                case 0, 1, 2 -> {
                    b.u8(pickOf(1, 2)).u8(chance(90) ? 1 : 2);
                    mac(b);
                    if (b.get8(b.size() - 7) == 2 && false) {
                        b.zeros(0);
                    }
                    int len = b.get8(b.size() - 7);
                    if (len == 2) {
                        b.zeros(8);
                    }
                }
                case 3 -> {
                    int len = chance(90) ? 4 : 3;
                    b.u8(3).u8(len).u8(pickOf(64, 48, 128, r.nextInt(256))).u8(r.nextInt(256))
                            .u32(pickOf(0xffffffff, 2592000, 604800, r.nextInt()) & 0xffffffffL)
                            .u32(pickOf(0xffffffff, 604800, r.nextInt()) & 0xffffffffL).u32(0);
                    ipv6Addr(b);
                    if (len == 3) {
                        b.zeros(0);
                    }
                }
                case 4 -> b.u8(5).u8(chance(90) ? 1 : 2).u16(0).u32(pickOf(1500, 1280, 9000))
                        .zeros(b.get8(b.size() - 5) == 2 ? 8 : 0);
                case 5 -> {
                    int addrs = 1 + r.nextInt(2);
                    b.u8(25).u8(1 + 2 * addrs).u16(0).u32(r.nextInt(100000));
                    for (int k = 0; k < addrs; k++) {
                        ipv6Addr(b);
                    }
                }
                case 6 -> {
                    Bytes2 names = new Bytes2();
                    for (int k = 1 + r.nextInt(2); k > 0; k--) {
                        for (int l = 1 + r.nextInt(2); l > 0; l--) {
                            String s = label();
                            names.u8(s.length()).ascii(s);
                        }
                        names.u8(0);
                    }
                    while ((names.size() + 8) % 8 != 0) {
                        names.u8(0);
                    }
                    b.u8(31).u8((8 + names.size()) / 8).u16(0).u32(r.nextInt(100000)).bytes(names);
                }
                case 7 -> b.u8(7).u8(1).u16(0).u32(r.nextInt(100000));
                case 8 -> b.u8(8).u8(1).u16(0).u16(r.nextInt(65536)).u16(r.nextInt(65536));
                case 9 -> {
                    int len = 1 + r.nextInt(3);
                    b.u8(24).u8(len).u8(r.nextInt(129)).u8(r.nextInt(256)).u32(r.nextInt()).bytes(randomBytes(8 * (len - 1)));
                }
                case 10 -> {
                    int len = 1 + r.nextInt(3);
                    b.u8(pickOf(4, 6, 9, 14, 20, 38, 253)).u8(len).bytes(randomBytes(8 * len - 2));
                }
                default -> {
                    if (chance(50)) {
                        b.u8(1).u8(0).bytes(randomBytes(6));
                    } else {
                        b.u8(1).u8(3).bytes(randomBytes(6));
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- LLC, STP, LLDP

    private byte[] llcFrame() {
        Bytes2 llc = new Bytes2();
        int roll = r.nextInt(100);
        if (roll < 45) {
            llc.u8(0x42).u8(0x42).u8(0x03).bytes(bpdu());
        } else if (roll < 60) {
            int oui = pickOf(0x000000, 0x000000, 0x0000f8, 0x0080c2, 0x00000c, 0x123456);
            int pid = switch (oui) {
                case 0x000000, 0x0000f8 -> pickOf(0x0800, 0x0806, 0x86dd, 0x88b5, 0x1234);
                case 0x0080c2 -> pickOf(0x0007, 0x0001, 0x000e, 0x000f);
                case 0x00000c -> pickOf(0x010b, 0x010c);
                default -> r.nextInt(65536);
            };
            llc.u8(0xaa).u8(0xaa).u8(0x03).u24(oui).u16(pid);
            llc.bytes(switch (pid) {
                case 0x0800 -> ipv4(1, icmp());
                case 0x0806 -> java.util.Arrays.copyOfRange(arpFrame(), 14, 42);
                case 0x86dd -> ipv6();
                case 0x0007, 0x0001 -> {
                    Bytes2 e = new Bytes2().u16(0);
                    e.bytes(ethernet(0x0800, ipv4(17, null)));
                    yield e.toArray();
                }
                case 0x000e, 0x010b, 0x010c -> bpdu();
                default -> randomBytes(r.nextInt(30));
            });
        } else if (roll < 65) {
            llc.u8(0x06).u8(0x06).u8(0x03).bytes(ipv4(1, icmp()));
        } else {
            int[] saps = {0x00, 0x02, 0x04, 0x0e, 0x4e, 0x7e, 0x80, 0x8e, 0x10, 0x42, 0xaa, 0xbc, 0x12, 0xfc, 0x06};
            int dsap = saps[r.nextInt(saps.length)] | (chance(20) ? 1 : 0);
            int ssap = (chance(60) ? dsap & 0xfe : saps[r.nextInt(saps.length)]) | (chance(30) ? 1 : 0);
            llc.u8(dsap).u8(ssap);
            switch (r.nextInt(4)) {
                case 0 -> llc.u8(pickOf(0x03, 0x13, 0xe3, 0xaf, 0xbf, 0x63, 0x43, 0x0f, 0x6f, 0x87, 0x33));
                case 1 -> {
                    llc.u8(0xaf);
                    if (chance(70)) {
                        llc.u8(0x81).u8(r.nextInt(256)).u8(r.nextInt(256));
                    }
                }
                case 2 -> llc.u8(r.nextInt(256) & 0xfe).u8(r.nextInt(256));
                default -> llc.u8((r.nextInt(64) << 2) | 1).u8(r.nextInt(256));
            }
            if (dsap == 0x42 && ssap == 0x42 || dsap == 0x06 && ssap == 0x06) {
                llc.set8(2, 0x13);
            }
            llc.bytes(textBytes(r.nextInt(30)));
        }
        byte[] l = llc.toArray();
        Bytes2 b = new Bytes2();
        mac(b);
        mac(b);
        int len = l.length;
        if (chance(10)) {
            len = chance(50) ? Math.min(1500, len + 1 + r.nextInt(50)) : r.nextInt(len + 1);
        }
        if (chance(8)) {
            b.u16(0x8100).u16(r.nextInt(4096));
        }
        b.u16(len).bytes(l);
        pad(b);
        return b.toArray();
    }

    private void bridgeId(Bytes2 b) {
        b.u16(pickOf(0x8000, 0x1000, 0x8001, r.nextInt(65536)));
        mac(b);
    }

    private byte[] bpdu() {
        Bytes2 b = new Bytes2();
        int version = chance(85) ? pickOf(0, 0, 2, 3, 4) : r.nextInt(256);
        int type = chance(85) ? (version == 0 ? pickOf(0x00, 0x00, 0x80) : pickOf(0x02, 0x02, 0x00, 0x80)) : r.nextInt(256);
        b.u16(chance(95) ? 0 : r.nextInt(65536)).u8(version).u8(type);
        if (type == 0x80 && chance(70)) {
            return b.toArray();
        }
        b.u8(r.nextInt(256));
        bridgeId(b);
        b.u32(r.nextInt(200000));
        bridgeId(b);
        b.u16(0x8000 | r.nextInt(512));
        for (int i = 0; i < 4; i++) {
            b.u16(chance(70) ? pickOf(0, 20 * 256, 2 * 256, 15 * 256) : r.nextInt(65536));
        }
        if (version >= 2) {
            b.u8(0);
        }
        if (version >= 3 && type == 0x02) {
            int mstis = r.nextInt(3);
            int v3len = 64 + 16 * mstis;
            b.u16(chance(90) ? v3len : r.nextInt(200));
            b.u8(0).bytes(padName(textBytes(r.nextInt(33)), 32)).u16(r.nextInt(65536)).bytes(randomBytes(16));
            b.u32(r.nextInt(100000));
            bridgeId(b);
            b.u8(20);
            for (int m = 0; m < mstis; m++) {
                b.u8(r.nextInt(256)).u16(r.nextInt(65536));
                mac(b);
                b.u32(r.nextInt(100000)).u8(r.nextInt(256)).u8(r.nextInt(256)).u8(r.nextInt(256));
            }
            if (version == 4) {
                b.u16(chance(90) ? 85 : r.nextInt(100)).u8(0).bytes(padName(textBytes(r.nextInt(33)), 32))
                        .u16(r.nextInt(65536)).bytes(randomBytes(16)).bytes(randomBytes(34));
            }
        }
        byte[] out = b.toArray();
        if (chance(10)) {
            out = java.util.Arrays.copyOf(out, r.nextInt(out.length + 1));
        }
        return out;
    }

    private static byte[] padName(byte[] name, int len) {
        return java.util.Arrays.copyOf(name, len);
    }

    private byte[] lldp() {
        Bytes2 b = new Bytes2();
        int n = 1 + r.nextInt(7);
        for (int i = 0; i < n; i++) {
            int type = chance(85) ? pickOf(1, 2, 3, 4, 5, 6, 7, 8, 127) : pickOf(9, 20, 126, 0);
            Bytes2 v = new Bytes2();
            switch (type) {
                case 1, 2 -> {
                    int sub = chance(90) ? 1 + r.nextInt(7) : pickOf(0, 8, 200);
                    v.u8(sub);
                    boolean macSub = type == 1 ? sub == 4 : sub == 3;
                    boolean netSub = type == 1 ? sub == 5 : sub == 4;
                    if (macSub) {
                        mac(v);
                    } else if (netSub) {
                        networkAddr(v);
                    } else {
                        v.bytes(textBytes(1 + r.nextInt(12)));
                    }
                }
                case 3 -> v.u16(pickOf(120, 0, 65535, r.nextInt(65536)));
                case 4, 5, 6 -> v.bytes(textBytes(1 + r.nextInt(20)));
                case 7 -> v.u16(r.nextInt(256)).u16(r.nextInt(256));
                case 8 -> {
                    Bytes2 a = new Bytes2();
                    networkAddr(a);
                    v.u8(a.size()).bytes(a).u8(pickOf(1, 2, 3, 7)).u32(r.nextInt(100));
                    int oid = r.nextInt(6);
                    v.u8(oid).bytes(textBytes(oid));
                }
                case 127 -> {
                    int oui = pickOf(0x123456, 0x00000c, 0x009069, 0x002320, 0x000000, 0x0080c2, 0x0080c2, 0x00120f,
                            0x00120f, 0x00005e);
                    v.u24(oui);
                    switch (oui) {
                        case 0x0080c2 -> {
                            int sub = pickOf(1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 5, 99);
                            v.u8(sub);
                            switch (sub) {
                                case 1 -> v.u16(r.nextInt(4096));
                                case 2 -> v.u8(pickOf(0, 2, 4, 6)).u16(r.nextInt(4096));
                                case 3 -> {
                                    byte[] name = textBytes(r.nextInt(12));
                                    v.u16(r.nextInt(4096)).u8(chance(90) ? name.length : name.length + 3).bytes(name);
                                }
                                case 4 -> {
                                    byte[] id = randomBytes(r.nextInt(6));
                                    v.u8(id.length).bytes(id);
                                }
                                case 9, 10 -> v.bytes(randomBytes(chance(90) ? 21 : 10));
                                case 12 -> v.u8(r.nextInt(256)).bytes(randomBytes(3 * r.nextInt(3) + (chance(90) ? 0 : 1)));
                                case 13 -> v.bytes(randomBytes(5));
                                case 14 -> v.bytes(randomBytes(4 + 3 * r.nextInt(3)));
                                default -> v.bytes(randomBytes(2 + r.nextInt(4)));
                            }
                        }
                        case 0x00120f -> {
                            int sub = pickOf(1, 2, 3, 4, 7);
                            v.u8(sub);
                            switch (sub) {
                                case 1 -> v.u8(r.nextInt(4)).u16(pickOf(0x6c01, 0x0036, 0x8000, r.nextInt(65536)))
                                        .u16(pickOf(16, 30, 0, 5, 40, 41, 200));
                                case 2 -> v.u8(r.nextInt(16)).u8(r.nextInt(4)).u8(r.nextInt(7));
                                case 3 -> v.u8(r.nextInt(4)).u32(r.nextInt(1000));
                                case 4 -> v.u16(pickOf(1500, 1514, 9000, 1522));
                                default -> v.bytes(randomBytes(3));
                            }
                            if (chance(10)) {
                                v.bytes(randomBytes(2));
                            }
                        }
                        case 0x00005e -> v.u8(pickOf(1, 2)).bytes(textBytes(r.nextInt(20)));
                        default -> v.u8(r.nextInt(10)).bytes(randomBytes(r.nextInt(10)));
                    }
                }
                default -> v.bytes(randomBytes(r.nextInt(10)));
            }
            int len = v.size();
            if (chance(5)) {
                len = r.nextInt(len + 3);
            }
            b.u16((type << 9) | (len & 0x1ff)).bytes(v);
        }
        if (chance(80)) {
            b.u16(0);
        }
        return b.toArray();
    }

    private void networkAddr(Bytes2 v) {
        int af = pickOf(1, 1, 2, 6, 3, 99);
        v.u8(af);
        switch (af) {
            case 1 -> v.u32(ipv4Addr() & 0xffffffffL);
            case 2 -> ipv6Addr(v);
            case 6 -> mac(v);
            default -> v.bytes(randomBytes(r.nextInt(6)));
        }
    }

    // ---------------------------------------------------------------- others

    private static final int[] UNDECODED_TYPES = {0x88b5, 0x88b6, 0x0600, 0x1000, 0x6001, 0x6002, 0x6004, 0x6007,
        0x6558, 0x8038, 0x803c, 0x803e, 0x805b, 0x805c, 0x893a, 0x9999, 0x4321, 0x0601, 0xfffe, 0x88b7, 0x22f0};

    private byte[] unknownEthertype() {
        int type = UNDECODED_TYPES[r.nextInt(UNDECODED_TYPES.length)];
        return ethernet(type, chance(50) ? textBytes(r.nextInt(70)) : randomBytes(r.nextInt(70)));
    }

    /** Short and odd frames: runts, bare headers, VLAN-only, 802.3 without LLC. */
    private byte[] oddFrame() {
        Bytes2 b = new Bytes2();
        switch (r.nextInt(5)) {
            case 0 -> b.bytes(randomBytes(1 + r.nextInt(14)));
            case 1 -> {
                mac(b);
                mac(b);
                b.u16(pickOf(0x0800, 0x0806, 0x86dd, 0x8100, 0x88cc, 0x8035));
                b.bytes(randomBytes(r.nextInt(6)));
            }
            case 2 -> {
                mac(b);
                mac(b);
                b.u16(0x8100).bytes(randomBytes(r.nextInt(4)));
            }
            case 3 -> {
                mac(b);
                mac(b);
                b.u16(r.nextInt(1501)).bytes(randomBytes(r.nextInt(4)));
            }
            default -> {
                mac(b);
                mac(b);
                byte[] ip = randomBytes(r.nextInt(25));
                if (ip.length > 0) {
                    ip[0] = 0x45;
                }
                if (ip.length > 9) {
                    ip[9] = (byte) pickOf(1, 6, 17, 253);
                }
                b.u16(0x0800).bytes(ip);
            }
        }
        return b.toArray();
    }
}
