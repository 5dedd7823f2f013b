package io.arplab.wire.tcpdump;

import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Payloads of the UDP services tcpdump decodes by port that a lab of hosts carries: BOOTP/DHCP, TFTP, NTP,
 * syslog and VXLAN (with an inner frame from the caller). Mostly well formed, sometimes bent: odd lengths,
 * unknown codes, missing terminators.
 */
final class UdpServicesGenerator {
    /** A datagram's ports and payload. */
    record Datagram(int sport, int dport, byte[] payload) {}

    private final SplittableRandom r;

    UdpServicesGenerator(SplittableRandom r) {
        this.r = r;
    }

    private boolean chance(int percent) {
        return r.nextInt(100) < percent;
    }

    private int pickOf(int... values) {
        return values[r.nextInt(values.length)];
    }

    private int ephemeral() {
        return 32768 + r.nextInt(28000);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    private String word() {
        String[] words = {"host11", "node-3", "pxelinux.0", "example.com", "lab.local", "eth0", "octet", "netascii",
                "blksize", "tsize", "arplab", "dhcp", "MSFT 5.0", "udhcp 1.36.1", "android-dhcp-13", "boot/vmlinuz"};
        return words[r.nextInt(words.length)];
    }

    private byte[] text(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (chance(90) ? 0x20 + r.nextInt(95) : r.nextInt(256));
        }
        return b;
    }

    Datagram next(Supplier<byte[]> innerFrame) {
        return switch (r.nextInt(8)) {
            case 0 -> bootp();
            case 1 -> tftp();
            case 2 -> ntp();
            case 3 -> syslog();
            case 4 -> rip();
            case 5 -> snmp();
            case 6 -> hsrp();
            default -> vxlan(innerFrame.get());
        };
    }

    // ---------------------------------------------------------------- BOOTP / DHCP

    private Datagram bootp() {
        Bytes2 b = new Bytes2();
        int op = chance(90) ? pickOf(1, 2) : pickOf(0, 3, 255);
        int htype = chance(85) ? 1 : pickOf(6, 0, 32);
        int hlen = chance(85) ? 6 : pickOf(0, 8, 16, 20);
        b.u8(op).u8(htype).u8(hlen).u8(chance(80) ? 0 : r.nextInt(5));
        b.u32(chance(10) ? 0 : r.nextLong() & 0xffffffffL);
        b.u16(chance(60) ? 0 : r.nextInt(70)).u16(chance(60) ? 0 : chance(80) ? 0x8000 : r.nextInt(65536));
        for (int i = 0; i < 4; i++) {
            b.u32(chance(55) ? 0 : pickOf(0xac1c0000 | r.nextInt(256), 0x0a000000 | r.nextInt(1 << 16)) & 0xffffffffL);
        }
        b.u16(0x0242).u32(0xac1c0000L | r.nextInt(256)).zeros(10);
        field(b, 64, chance(15) ? "tftp-server" : null);
        field(b, 128, chance(20) ? "pxelinux.0" : null);
        int vend = r.nextInt(100);
        if (vend < 80) {
            b.u32(0x63825363L);
            options(b);
        } else if (vend < 86) {
            b.u32(0x434d5500L).u32(r.nextInt(4));
            for (int i = 0; i < 8; i++) {
                b.u32(chance(40) ? 0 : 0xac1c0000L | r.nextInt(256));
            }
            b.zeros(24);
        } else if (vend < 93) {
            b.zeros(64);
        } else {
            b.bytes(randomBytes(4 + r.nextInt(60)));
        }
        int port = chance(50) ? 67 : 68;
        byte[] p = b.toArray();
        if (chance(8)) {
            p = java.util.Arrays.copyOf(p, r.nextInt(p.length));
        }
        return new Datagram(chance(85) ? port ^ 7 : ephemeral(), port, p); // 67 <-> 68
    }

    private void field(Bytes2 b, int size, String s) {
        int start = b.size();
        if (s != null) {
            b.ascii(s);
            if (chance(10)) {
                b.bytes(text(size - s.length())); // no NUL before the end of the field
            }
        }
        b.zeros(size - (b.size() - start));
    }

    private void options(Bytes2 b) {
        if (chance(70)) {
            b.u8(53).u8(chance(95) ? 1 : 2).u8(chance(90) ? 1 + r.nextInt(8) : pickOf(0, 9, 10, 13, 14, 200));
        }
        int count = r.nextInt(9);
        for (int i = 0; i < count; i++) {
            option(b);
        }
        if (chance(85)) {
            b.u8(255);
        }
        if (chance(50)) {
            b.zeros(r.nextInt(20));
        }
    }

    private void option(Bytes2 b) {
        int kind = r.nextInt(22);
        switch (kind) {
            case 0 -> b.u8(1).u8(4).u32(0xffffff00L);
            case 1 -> {
                int len = chance(90) ? 4 * (1 + r.nextInt(3)) : 5;
                b.u8(pickOf(3, 6, 42, 44, 54, 50, 28, 4)).u8(len).bytes(randomBytes(len));
            }
            case 2 -> {
                b.u8(55);
                int n = 1 + r.nextInt(14);
                b.u8(n);
                for (int i = 0; i < n; i++) {
                    b.u8(pickOf(1, 3, 6, 15, 26, 28, 42, 51, 54, 58, 59, 119, 121, 249, 252, 33, 44, 47, 200));
                }
            }
            case 3 -> {
                String s = word();
                b.u8(pickOf(12, 15, 60, 66, 67, 56, 40, 17)).u8(s.length()).ascii(s);
            }
            case 4 -> b.u8(pickOf(51, 58, 59, 24, 35, 38)).u8(4).u32(pickOf(86400, 43200, 75600, 3600, 0, -1));
            case 5 -> b.u8(2).u8(4).u32(pickOf(3600, -18000, 0));
            case 6 -> {
                if (chance(70)) {
                    b.u8(61).u8(7).u8(1).u16(0x0242).u32(0xac1c000bL);
                } else if (chance(50)) {
                    b.u8(61).u8(5).u8(0).ascii("node");
                } else {
                    int len = pickOf(0, 3);
                    b.u8(61).u8(len).bytes(randomBytes(len));
                }
            }
            case 7 -> b.u8(pickOf(57, 13, 22, 26, 93)).u8(2).u16(pickOf(1500, 576, 9000, 0));
            case 8 -> b.u8(pickOf(19, 20, 29, 30, 31, 34, 36, 39, 116)).u8(1).u8(pickOf(0, 1, 2));
            case 9 -> b.u8(pickOf(23, 37)).u8(1).u8(64);
            case 10 -> {
                // classless static routes, sometimes with a bad width or short remainder
                Bytes2 o = new Bytes2();
                int routes = 1 + r.nextInt(3);
                for (int i = 0; i < routes; i++) {
                    int width = chance(90) ? pickOf(0, 8, 16, 24, 32, 12, 25) : 33 + r.nextInt(10);
                    o.u8(width);
                    for (int k = 0; k < (Math.min(width, 32) + 7) / 8; k++) {
                        o.u8(r.nextInt(256));
                    }
                    o.u32(0xac1c0001L);
                }
                byte[] v = o.toArray();
                int len = chance(85) ? v.length : r.nextInt(v.length);
                b.u8(pickOf(121, 249)).u8(len).bytes(v, 0, len);
            }
            case 11 -> {
                // relay agent information
                Bytes2 o = new Bytes2();
                o.u8(1).u8(4).ascii("eth0");
                o.u8(pickOf(2, 6, 9)).u8(6).bytes(randomBytes(6));
                if (chance(20)) {
                    o.u8(2).u8(30).u8(1);
                }
                b.u8(82).u8(o.size()).bytes(o);
            }
            case 12 -> {
                // user class
                if (chance(70)) {
                    b.u8(77).u8(7).u8(6).ascii("iPXE\u0000A".substring(0, 6));
                } else {
                    int len = pickOf(1, 3);
                    b.u8(77).u8(len).u8(pickOf(0, 5));
                    if (len == 3) {
                        b.u8(0x41).u8(0x42);
                    }
                }
            }
            case 13 -> {
                // client FQDN
                int flags = pickOf(0, 1, 5, 0x11, 0x0e);
                String s = word();
                b.u8(81).u8(chance(90) ? 3 + s.length() : 2).u8(flags).u8(chance(70) ? 0 : 255).u8(0).ascii(s);
            }
            case 14 -> b.u8(pickOf(46, 52)).u8(chance(90) ? 1 : 0).u8(pickOf(1, 2, 3, 4, 8, 5));
            case 15 -> b.u8(0);
            case 16 -> {
                int tag = pickOf(150, 200, 224, 251, 43, 33, 21, 25, 27);
                int len = pickOf(1, 2, 3, 4, 6, 8, 9);
                b.u8(tag).u8(len).bytes(randomBytes(len));
            }
            case 17 -> {
                int len = pickOf(6, 3);
                b.u8(pickOf(1, 51)).u8(len).bytes(randomBytes(len));
            }
            case 18 -> b.u8(81).u8(1).u8(0);
            case 19 -> b.u8(pickOf(255, 0));
            case 20 -> b.u8(pickOf(12, 60)).u8(40).ascii("cut short"); // runs past the end of the packet
            default -> b.u8(53).u8(1).u8(pickOf(1, 3, 5));
        }
    }

    // ---------------------------------------------------------------- TFTP

    private Datagram tftp() {
        Bytes2 b = new Bytes2();
        int op = chance(90) ? 1 + r.nextInt(6) : pickOf(0, 7, 255, 1024);
        b.u16(op);
        switch (op) {
            case 1, 2 -> {
                b.ascii(word());
                if (chance(90)) {
                    b.u8(0).ascii(chance(70) ? "octet" : "netascii");
                    if (chance(90)) {
                        b.u8(0);
                    }
                    if (chance(40)) {
                        b.ascii("blksize").u8(0).ascii("1468").u8(0);
                    }
                    if (chance(20)) {
                        b.ascii("tsize").u8(0).ascii("0");
                        if (chance(70)) {
                            b.u8(0);
                        }
                    }
                }
            }
            case 6 -> b.ascii("blksize").u8(0).ascii("1468").u8(0);
            case 3 -> b.u16(1 + r.nextInt(3)).bytes(text(r.nextInt(40)));
            case 4 -> {
                if (chance(90)) {
                    b.u16(r.nextInt(65536));
                }
            }
            case 5 -> {
                b.u16(chance(85) ? r.nextInt(8) : pickOf(8, 42));
                if (chance(85)) {
                    b.ascii(chance(50) ? "File not found" : "Access violation");
                    if (chance(85)) {
                        b.u8(0);
                    }
                }
            }
            default -> b.bytes(randomBytes(r.nextInt(6)));
        }
        boolean request = op == 1 || op == 2;
        return new Datagram(ephemeral(), request || chance(50) ? 69 : ephemeral(), b.toArray());
    }

    // ---------------------------------------------------------------- NTP

    private long ntpSeconds() {
        return chance(15) ? 0 : pickOf(0xe9000000, 0xe8f00000, 0x83aa7e80, 0x10000000, 0xffffffff)
                + (long) r.nextInt(1 << 20) & 0xffffffffL;
    }

    private Datagram ntp() {
        Bytes2 b = new Bytes2();
        int leap = r.nextInt(4);
        int version = chance(80) ? pickOf(3, 4) : r.nextInt(8);
        int mode = chance(80) ? pickOf(3, 4) : r.nextInt(8);
        b.u8(leap << 6 | version << 3 | mode);
        if (mode == 6) {
            int count = chance(70) ? 0 : pickOf(4, 12, 200);
            b.u8(r.nextInt(256)).u16(r.nextInt(65536)).u16(chance(50) ? 0 : r.nextInt(65536))
                    .u16(r.nextInt(3)).u16(0).u16(count).bytes(text(Math.min(count, 12)));
        } else {
            int stratum = pickOf(0, 1, 2, 3, 15, 16, 62, 63, 200);
            b.u8(stratum).u8(pickOf(6, 10, 17, -6, 0, 40, -40)).u8(pickOf(-20, -23, -6, 0, 5));
            b.u32(r.nextInt(1 << 20)).u32(r.nextInt(1 << 18));
            if (stratum == 1) {
                b.ascii(pickOf(0, 1) == 0 ? "GPS\0" : "PPS\0");
            } else {
                b.u32(chance(50) ? 0xac1c0001L : r.nextLong() & 0xffffffffL);
            }
            long ref = ntpSeconds();
            long org = ntpSeconds();
            for (int i = 0; i < 4; i++) {
                long s = i == 0 ? ref : i == 1 ? org : chance(70) && org != 0 ? org + r.nextInt(3) - 1 : ntpSeconds();
                b.u32(s & 0xffffffffL).u32(chance(10) ? 0 : r.nextLong() & 0xffffffffL);
            }
            int extra = pickOf(0, 0, 0, 4, 20, 24, 8, -8, -40);
            if (extra > 0) {
                b.bytes(randomBytes(extra));
            }
            byte[] p = b.toArray();
            if (extra < 0) {
                p = java.util.Arrays.copyOf(p, p.length + extra);
            }
            return new Datagram(chance(50) ? 123 : ephemeral(), 123, p);
        }
        return new Datagram(ephemeral(), 123, b.toArray());
    }

    // ---------------------------------------------------------------- RIP

    private Datagram rip() {
        Bytes2 b = new Bytes2();
        int version = chance(90) ? pickOf(1, 2, 2) : pickOf(0, 3);
        int cmd = chance(85) ? pickOf(1, 2, 2) : pickOf(3, 4, 5, 6, 9);
        b.u8(cmd).u8(version).u16(0);
        if (version == 2 && chance(25)) {
            int auth = pickOf(2, 3, 1, 7);
            b.u16(0xffff).u16(auth);
            if (auth == 2) {
                b.ascii("secret").zeros(10);
            } else {
                b.u16(pickOf(44, 64)).u8(1).u8(16).u32(r.nextInt(1000)).u32(0).u32(chance(80) ? 0 : 5);
            }
        }
        int routes = cmd == 1 && chance(50) ? 1 : r.nextInt(5);
        for (int i = 0; i < routes; i++) {
            int family = chance(85) ? 2 : pickOf(0, 10, 24);
            if (version == 1) {
                b.u16(family).u16(chance(90) ? 0 : 1).u32(0x0a000000L | r.nextInt(1 << 16) << 8)
                        .u32(chance(90) ? 0 : 1).u32(0).u32(pickOf(1, 2, 16));
            } else {
                b.u16(family).u16(chance(80) ? 0 : r.nextInt(65536)).u32(0x0a000000L | r.nextInt(1 << 16) << 8)
                        .u32(pickOf(0xffffff00, 0xffff0000, 0xffffffff, 0, 0xff00ff00) & 0xffffffffL)
                        .u32(chance(60) ? 0 : 0xac1c0001L).u32(pickOf(1, 2, 16));
            }
        }
        if (chance(10)) {
            b.bytes(randomBytes(pickOf(3, 8, 12)));
        }
        return new Datagram(520, 520, b.toArray());
    }

    // ---------------------------------------------------------------- SNMP (BER)

    private static byte[] tlv(int tag, byte[]... parts) {
        Bytes2 content = new Bytes2();
        for (byte[] part : parts) {
            content.bytes(part);
        }
        Bytes2 b = new Bytes2().u8(tag);
        int n = content.size();
        if (n < 128) {
            b.u8(n);
        } else if (n < 256) {
            b.u8(0x81).u8(n);
        } else {
            b.u8(0x82).u16(n);
        }
        return b.bytes(content).toArray();
    }

    private static byte[] integer(long v) {
        Bytes2 b = new Bytes2();
        int n = 1;
        while (n < 8 && (v >= 0 ? v >= 1L << (8 * n - 1) : v < -(1L << (8 * n - 1)))) {
            n++;
        }
        for (int i = n - 1; i >= 0; i--) {
            b.u8((int) (v >> (8 * i)));
        }
        return tlv(2, b.toArray());
    }

    private static byte[] unsigned(int tag, long v) {
        Bytes2 b = new Bytes2();
        int n = 1;
        while (n < 9 && Long.compareUnsigned(v, n == 8 ? -1L : (1L << (8 * n)) - 1) > 0) {
            n++;
        }
        for (int i = n - 1; i >= 0; i--) {
            b.u8((int) (i >= 8 ? 0 : v >>> (8 * i)));
        }
        return tlv(tag, b.toArray());
    }

    private static byte[] oid(long... arcs) {
        Bytes2 b = new Bytes2();
        b.u8((int) (arcs[0] * 40 + arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long a = arcs[i];
            int groups = 1;
            while (groups < 5 && a >= 1L << (7 * groups)) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                b.u8((int) ((a >>> (7 * g)) & 0x7f) | (g > 0 ? 0x80 : 0));
            }
        }
        return tlv(6, b.toArray());
    }

    private byte[] randomOid() {
        return switch (r.nextInt(9)) {
            case 0 -> oid(1, 3, 6, 1, 2, 1, 1, 1, 0);
            case 1 -> oid(1, 3, 6, 1, 2, 1, 1, 3, 0);
            case 2 -> oid(1, 3, 6, 1, 2, 1, 2, 2, 1, 10, 1 + r.nextInt(4));
            case 3 -> oid(1, 3, 6, 1, 2, 1, 4, 22, 1, 2, 2, 172, 28, 0, 11);
            case 4 -> oid(1, 3, 6, 1, 4, 1, 8072, 3, 2, 10);
            case 5 -> oid(1, 3, 6, 1, 6, 3, 1, 1, 5, 1 + r.nextInt(5));
            case 6 -> oid(1, 3, 6, 1, 3, 99, 1);
            case 7 -> oid(pickOf(0, 2), pickOf(0, 5, 39), 200, 70000, 3);
            default -> oid(1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 6, 2);
        };
    }

    private byte[] value() {
        return switch (r.nextInt(13)) {
            case 0 -> integer(pickOf(0, 1, -1, 300, -70000, Integer.MAX_VALUE, Integer.MIN_VALUE));
            case 1 -> tlv(4, "Linux host11 6.1.0 x86_64".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            case 2 -> tlv(4, randomBytes(r.nextInt(8)));
            case 3 -> tlvOf(5);
            case 4 -> randomOid();
            case 5 -> tlvOf(0x40, 172, 28, 0, 1);
            case 6 -> unsigned(0x41, r.nextLong() & 0xffffffffL);
            case 7 -> unsigned(0x42, r.nextInt(1000));
            case 8 -> unsigned(0x43, r.nextLong() & 0xffffffffL);
            case 9 -> unsigned(0x46, r.nextLong());
            case 10 -> tlvOf(pickOf(0x80, 0x81, 0x82));
            case 11 -> tlv(pickOf(0x44, 0x45, 0x01, 0x03, 0x30, 0x31, 0xc0, 0x83, 0x40), randomBytes(pickOf(0, 2, 4)));
            default -> tlvOf(0x40, 10, 1);
        };
    }

    private static byte[] tlvOf(int tag, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return tlv(tag, b);
    }

    private byte[] varbinds(boolean get) {
        Bytes2 list = new Bytes2();
        int n = pickOf(0, 1, 1, 2, 3);
        for (int i = 0; i < n; i++) {
            list.bytes(tlv(0x30, randomOid(), get && chance(90) ? tlvOf(5) : value()));
        }
        if (chance(5)) {
            list.bytes(integer(7));
        }
        return tlv(0x30, list.toArray());
    }

    private byte[] pdu(int version) {
        int type = version == 0 ? pickOf(0, 1, 2, 3, 4, 4, 5) : pickOf(0, 1, 2, 3, 5, 6, 7, 8, 4);
        boolean get = type == 0 || type == 1 || type == 5;
        if (type == 4) {
            return tlv(0xa4, chance(80) ? oid(1, 3, 6, 1, 4, 1, 8072, 4) : randomOid(), tlvOf(0x40, 172, 28, 0, 11),
                    integer(pickOf(0, 2, 3, 6, 9)), integer(pickOf(0, 0, 17)), unsigned(0x43, r.nextInt(1 << 20)),
                    varbinds(false));
        }
        int status = chance(70) ? 0 : pickOf(2, 5, 18, 25);
        int index = chance(70) ? 0 : pickOf(1, 2);
        return tlv(0xa0 | type, integer(r.nextInt(1 << 30)), integer(status), integer(index), varbinds(get));
    }

    private Datagram snmp() {
        byte[] msg;
        int version = chance(90) ? pickOf(0, 1, 1, 3) : pickOf(2, 7);
        if (version == 3) {
            byte[] usm = tlv(0x30, tlvOf(4, 0x80, 0, 0x1f, 0x88, 4), integer(r.nextInt(10)), integer(r.nextInt(1 << 20)),
                    tlv(4, "admin".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                    tlv(4, randomBytes(chance(50) ? 0 : 12)), tlvOf(4));
            int flags = chance(85) ? pickOf(0, 1, 3, 4, 5, 7) : pickOf(2, 8);
            msg = tlv(0x30, integer(3), tlv(0x30, integer(r.nextInt(1 << 20)), integer(65507), tlvOf(4, flags),
                    integer(chance(90) ? 3 : 2)), tlv(4, usm),
                    tlv(0x30, tlvOf(4, 0x80, 0, 0x1f, 0x88, 4), tlv(4, chance(50) ? new byte[0]
                            : "ctx".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), pdu(3)));
        } else {
            byte[] community = chance(70) ? "public".getBytes(java.nio.charset.StandardCharsets.US_ASCII)
                    : chance(70) ? "private".getBytes(java.nio.charset.StandardCharsets.US_ASCII) : randomBytes(4);
            msg = tlv(0x30, integer(version), tlv(4, community), pdu(version));
        }
        int bend = r.nextInt(100);
        if (bend < 5) {
            msg = java.util.Arrays.copyOf(msg, r.nextInt(msg.length));
        } else if (bend < 10) {
            msg = msg.clone();
            msg[r.nextInt(msg.length)] = (byte) r.nextInt(256);
        } else if (bend < 13) {
            msg = new Bytes2().bytes(msg).bytes(randomBytes(3)).toArray();
        }
        boolean trap = chance(15);
        return new Datagram(ephemeral(), trap ? 162 : 161, msg);
    }

    // ---------------------------------------------------------------- DHCPv6

    private byte[] opt6(int type, byte[] data) {
        return new Bytes2().u16(type).u16(data.length).bytes(data).toArray();
    }

    private byte[] ip6Addr() {
        return new Bytes2().u32(chance(50) ? 0x20010db8L : 0xfe800000L).u32(0).u32(0x0042acffL)
                .u32(0xfe1c0000L | r.nextInt(1 << 16)).toArray();
    }

    private byte[] dhcp6Option(int depth) {
        return switch (r.nextInt(18)) {
            case 0 -> opt6(pickOf(1, 2), new Bytes2().u16(1).u16(1).u32(r.nextLong() & 0xffffffffL).u16(0x0242)
                    .u32(0xac1c000bL).toArray());
            case 1 -> opt6(pickOf(1, 2), new Bytes2().u16(3).u16(1).u16(0x0242).u32(0xac1c000bL).toArray());
            case 2 -> opt6(pickOf(1, 2), new Bytes2().u16(pickOf(2, 4, 1)).bytes(randomBytes(pickOf(2, 10, 16))).toArray());
            case 3 -> {
                Bytes2 b = new Bytes2().u32(r.nextInt(100)).u32(3600).u32(5400);
                if (depth < 2 && chance(70)) {
                    b.bytes(opt6(5, new Bytes2().bytes(ip6Addr()).u32(7200).u32(7500).toArray()));
                }
                yield opt6(pickOf(3, 25, 4), b.toArray());
            }
            case 4 -> opt6(6, new Bytes2().u16(23).u16(24).u16(pickOf(31, 82, 39)).toArray());
            case 5 -> opt6(8, new Bytes2().u16(r.nextInt(3000)).toArray());
            case 6 -> opt6(7, new byte[] {(byte) r.nextInt(256)});
            case 7 -> opt6(pickOf(23, 22, 31), new Bytes2().bytes(ip6Addr()).bytes(chance(30) ? ip6Addr() : new byte[0])
                    .toArray());
            case 8 -> opt6(24, new Bytes2().u8(3).ascii("lab").u8(5).ascii("local").u8(0).toArray());
            case 9 -> opt6(13, new Bytes2().u16(pickOf(0, 2, 6, 11, 300)).ascii("ok").toArray());
            case 10 -> opt6(pickOf(14, 20), new byte[0]);
            case 11 -> opt6(26, new Bytes2().u32(3600).u32(7200).u8(56).bytes(ip6Addr()).toArray());
            case 12 -> opt6(11, new Bytes2().u8(pickOf(2, 3, 0)).u8(1).u8(0).u32(0).u32(r.nextInt(100))
                    .bytes(randomBytes(pickOf(0, 17, 24, 3))).toArray());
            case 13 -> opt6(pickOf(18, 37, 38, 47), randomBytes(pickOf(2, 8, 20, 30)));
            case 14 -> opt6(pickOf(19, 32, 46, 41, 112), randomBytes(pickOf(1, 4, 6)));
            case 15 -> opt6(64, new Bytes2().u8(4).ascii("aftr").u8(3).ascii("lab").u8(0).toArray());
            case 16 -> opt6(pickOf(16, 39, 99, 250), randomBytes(r.nextInt(6)));
            default -> depth < 1 && chance(50) ? opt6(9, dhcp6Message(12 + r.nextInt(2), depth + 1))
                    : opt6(pickOf(5, 7, 8, 6), randomBytes(pickOf(0, 1, 3)));
        };
    }

    private byte[] dhcp6Message(int type, int depth) {
        Bytes2 b = new Bytes2();
        if (type == 12 || type == 13) {
            b.u8(type).u8(r.nextInt(3)).bytes(ip6Addr()).bytes(ip6Addr());
        } else {
            b.u8(type).u24(r.nextInt(1 << 24));
        }
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            b.bytes(dhcp6Option(depth));
        }
        if (chance(5)) {
            b.u16(3).u16(40).u32(1);
        }
        return b.toArray();
    }

    /** A DHCPv6 message, client to server or back. */
    Datagram dhcp6() {
        int type = chance(90) ? 1 + r.nextInt(13) : pickOf(0, 14, 15, 20);
        byte[] p = dhcp6Message(type, 0);
        if (chance(6)) {
            p = java.util.Arrays.copyOf(p, r.nextInt(p.length));
        }
        boolean toServer = type == 1 || type == 3 || type == 5 || type == 6 || type == 8 || type == 11 || chance(20);
        return toServer ? new Datagram(546, 547, p) : new Datagram(547, 546, p);
    }

    // ---------------------------------------------------------------- HSRP

    private Datagram hsrp() {
        Bytes2 b = new Bytes2();
        b.u8(chance(90) ? 0 : pickOf(1, 2)).u8(chance(90) ? r.nextInt(3) : pickOf(3, 9))
                .u8(pickOf(0, 1, 2, 4, 8, 16, 16, 3)).u8(pickOf(3, 1, 255)).u8(pickOf(10, 3, 0, 200))
                .u8(pickOf(100, 110, 255)).u8(r.nextInt(3)).u8(chance(90) ? 0 : 7);
        b.ascii(chance(70) ? "cisco\0\0\0" : "12345678").u32(0xac1c00feL);
        byte[] p = b.toArray();
        if (chance(8)) {
            p = java.util.Arrays.copyOf(p, r.nextInt(p.length));
        }
        return new Datagram(1985, 1985, p);
    }

    // ---------------------------------------------------------------- syslog

    private Datagram syslog() {
        Bytes2 b = new Bytes2();
        int roll = r.nextInt(10);
        if (roll < 7) {
            b.ascii("<" + pickOf(0, 13, 14, 30, 34, 86, 134, 191, 999, 1023, 7) + ">");
        } else if (roll < 8) {
            b.ascii("<1234>");
        } else if (roll < 9) {
            b.ascii("<>");
        } else {
            b.ascii("no priority");
        }
        b.ascii(chance(50) ? "Nov 14 22:13:20 host11 dhclient[42]: bound to 172.28.0.11" : "kernel: arp: hello");
        if (chance(20)) {
            b.bytes(text(r.nextInt(10)));
        }
        return new Datagram(ephemeral(), 514, b.toArray());
    }

    // ---------------------------------------------------------------- VXLAN

    private Datagram vxlan(byte[] inner) {
        Bytes2 b = new Bytes2();
        b.u8(chance(85) ? 0x08 : pickOf(0x00, 0x0c, 0x88)).u24(0).u24(chance(70) ? pickOf(100, 5001, 1) : r.nextInt(1 << 24))
                .u8(0);
        if (chance(90)) {
            b.bytes(inner);
        } else {
            b.bytes(inner, 0, Math.min(inner.length, r.nextInt(20)));
        }
        byte[] p = b.toArray();
        if (chance(5)) {
            p = java.util.Arrays.copyOf(p, r.nextInt(8));
        }
        return new Datagram(ephemeral(), 4789, p);
    }
}
