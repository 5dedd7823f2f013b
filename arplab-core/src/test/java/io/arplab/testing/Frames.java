package io.arplab.testing;

import java.io.ByteArrayOutputStream;

/** Builds raw frames for tests, byte by byte (independent of the wire views under test elsewhere). */
public final class Frames {
    private Frames() {}

    public static final String BCAST = "ff:ff:ff:ff:ff:ff";

    /** A growable byte buffer with big-endian writers. */
    public static final class Buf {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        public Buf u8(int v) {
            b.write(v);
            return this;
        }

        public Buf u16(int v) {
            return u8(v >>> 8).u8(v);
        }

        public Buf u32(long v) {
            return u16((int) (v >>> 16)).u16((int) v);
        }

        public Buf bytes(byte[] x) {
            b.writeBytes(x);
            return this;
        }

        public Buf mac(String m) {
            for (String p : m.split(":")) {
                u8(Integer.parseInt(p, 16));
            }
            return this;
        }

        public Buf ip(String a) {
            for (String p : a.split("\\.")) {
                u8(Integer.parseInt(p));
            }
            return this;
        }

        public Buf zeros(int n) {
            for (int i = 0; i < n; i++) {
                u8(0);
            }
            return this;
        }

        public byte[] done() {
            return b.toByteArray();
        }
    }

    public static Buf buf() {
        return new Buf();
    }

    /** Ethernet II frame; {@code tags} are (tpid, tci) pairs pushed outermost first. */
    public static byte[] eth(String dst, String src, int type, byte[] payload, int... tags) {
        Buf f = buf().mac(dst).mac(src);
        for (int i = 0; i < tags.length; i += 2) {
            f.u16(tags[i]).u16(tags[i + 1]);
        }
        return f.u16(type).bytes(payload).done();
    }

    /** Pads a frame to the 60-byte Ethernet minimum, as a NIC does. */
    public static byte[] pad(byte[] frame) {
        if (frame.length >= 60) {
            return frame;
        }
        byte[] out = new byte[60];
        System.arraycopy(frame, 0, out, 0, frame.length);
        return out;
    }

    public static byte[] arp(int op, String sha, String spa, String tha, String tpa) {
        return buf().u16(1).u16(0x0800).u8(6).u8(4).u16(op).mac(sha).ip(spa).mac(tha).ip(tpa).done();
    }

    /** IPv4 header (with {@code optionWords} 32-bit words of NOP options) followed by the payload. */
    public static byte[] ipv4(String src, String dst, int proto, byte[] payload, int flagsFrag, int optionWords) {
        int ihl = 5 + optionWords;
        Buf h = buf().u8(0x40 | ihl).u8(0).u16(ihl * 4 + payload.length).u16(0x1234).u16(flagsFrag).u8(64).u8(proto)
                .u16(0).ip(src).ip(dst);
        for (int i = 0; i < optionWords * 4; i++) {
            h.u8(1);
        }
        byte[] hdr = h.done();
        int sum = 0;
        for (int i = 0; i < hdr.length; i += 2) {
            sum += ((hdr[i] & 0xff) << 8) | (hdr[i + 1] & 0xff);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        sum = ~sum & 0xffff;
        hdr[10] = (byte) (sum >>> 8);
        hdr[11] = (byte) sum;
        return buf().bytes(hdr).bytes(payload).done();
    }

    public static byte[] ipv4(String src, String dst, int proto, byte[] payload) {
        return ipv4(src, dst, proto, payload, 0x4000, 0);
    }

    public static byte[] udp(int sport, int dport, byte[] data) {
        return buf().u16(sport).u16(dport).u16(8 + data.length).u16(0).bytes(data).done();
    }

    public static byte[] tcp(int sport, int dport, int flags) {
        return buf().u16(sport).u16(dport).u32(1000).u32(0).u8(0x50).u8(flags).u16(65535).u16(0).u16(0).done();
    }

    public static byte[] icmp(int type, int code, int rest, byte[] data) {
        return buf().u8(type).u8(code).u16(0).u32(rest).bytes(data).done();
    }

    /** IPv6 header; addresses as 16-byte arrays. */
    public static byte[] ipv6(byte[] src, byte[] dst, int next, byte[] payload) {
        return buf().u32(0x6000_0000L).u16(payload.length).u8(next).u8(64).bytes(src).bytes(dst).bytes(payload).done();
    }

    public static byte[] v6(String hex32) {
        byte[] a = new byte[16];
        for (int i = 0; i < 16; i++) {
            a[i] = (byte) Integer.parseInt(hex32.substring(2 * i, 2 * i + 2), 16);
        }
        return a;
    }

    public static byte[] bytes(int n, int fill) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }
}
