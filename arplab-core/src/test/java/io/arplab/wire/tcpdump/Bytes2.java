package io.arplab.wire.tcpdump;

import java.util.Arrays;

/** A growable byte buffer for building test frames, with Internet checksums. */
final class Bytes2 {
    private byte[] b = new byte[128];
    private int n;

    int size() {
        return n;
    }

    Bytes2 u8(int v) {
        ensure(1);
        b[n++] = (byte) v;
        return this;
    }

    Bytes2 u16(int v) {
        return u8(v >> 8).u8(v);
    }

    Bytes2 u24(int v) {
        return u8(v >> 16).u8(v >> 8).u8(v);
    }

    Bytes2 u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    Bytes2 bytes(byte[] src) {
        return bytes(src, 0, src.length);
    }

    Bytes2 bytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, b, n, len);
        n += len;
        return this;
    }

    Bytes2 bytes(Bytes2 other) {
        return bytes(other.b, 0, other.n);
    }

    Bytes2 zeros(int len) {
        ensure(len);
        n += len;
        return this;
    }

    Bytes2 ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            u8(s.charAt(i));
        }
        return this;
    }

    void set8(int off, int v) {
        b[off] = (byte) v;
    }

    void set16(int off, int v) {
        b[off] = (byte) (v >> 8);
        b[off + 1] = (byte) v;
    }

    int get8(int off) {
        return b[off] & 0xff;
    }

    byte[] toArray() {
        return Arrays.copyOf(b, n);
    }

    private void ensure(int more) {
        if (n + more > b.length) {
            b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
        }
    }

    static int cksum(byte[] data, int off, int len, long initial) {
        long sum = initial;
        int i = off;
        for (; i + 1 < off + len; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < off + len) {
            sum += (data[i] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static long partial(byte[] data, int off, int len) {
        long sum = 0;
        int i = off;
        for (; i + 1 < off + len; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < off + len) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
    }
}
