package io.arplab.wire.pcap;

import java.io.ByteArrayOutputStream;

/** Byte-exact capture files built in test code: classic pcap and pcapng, in either byte order. */
final class CaptureFixtures {
    private CaptureFixtures() {}

    /** Writes 16/32/64-bit fields in a chosen byte order. */
    static final class Out {
        final boolean bigEndian;
        final ByteArrayOutputStream b = new ByteArrayOutputStream();

        Out(boolean bigEndian) {
            this.bigEndian = bigEndian;
        }

        Out u8(int v) {
            b.write(v);
            return this;
        }

        Out u16(int v) {
            return bigEndian ? u8(v >>> 8).u8(v) : u8(v).u8(v >>> 8);
        }

        Out u32(long v) {
            return bigEndian ? u16((int) (v >>> 16)).u16((int) v) : u16((int) v).u16((int) (v >>> 16));
        }

        Out u64(long v) {
            return bigEndian ? u32(v >>> 32).u32(v) : u32(v).u32(v >>> 32);
        }

        Out bytes(byte[] x) {
            b.writeBytes(x);
            return this;
        }

        int size() {
            return b.size();
        }

        byte[] done() {
            return b.toByteArray();
        }
    }

    /** A classic pcap file. */
    static final class Classic {
        final Out out;
        final int headerSize;

        Classic(boolean bigEndian, int magic, int major, int minor, long snaplen, int linkType) {
            out = new Out(bigEndian).u32(magic & 0xffff_ffffL).u16(major).u16(minor).u32(0).u32(0).u32(snaplen)
                    .u32(linkType);
            headerSize = magic == PcapReader.MAGIC_KUZNETSOV ? 24 : 16;
        }

        static Classic ethernet(boolean bigEndian, boolean nanos) {
            return new Classic(bigEndian, nanos ? PcapReader.MAGIC_NSEC : PcapReader.MAGIC_USEC, 2, 4, 262144, 1);
        }

        Classic record(long sec, long frac, long caplen, long len, byte[] data) {
            out.u32(sec).u32(frac).u32(caplen).u32(len);
            if (headerSize == 24) {
                out.u32(2).u16(0x0800).u8(0).u8(0);
            }
            out.bytes(data);
            return this;
        }

        Classic record(long sec, long frac, byte[] data) {
            return record(sec, frac, data.length, data.length, data);
        }

        byte[] done() {
            return out.done();
        }
    }

    /** A pcapng file, block by block. */
    static final class Ng {
        final boolean bigEndian;
        final ByteArrayOutputStream file = new ByteArrayOutputStream();

        Ng(boolean bigEndian) {
            this.bigEndian = bigEndian;
        }

        Out body() {
            return new Out(bigEndian);
        }

        /** A block with a correct length in header and trailer. */
        Ng block(int type, byte[] body) {
            int padded = (body.length + 3) & ~3;
            Out o = new Out(bigEndian).u32(type).u32(12 + padded).bytes(body);
            for (int i = body.length; i < padded; i++) {
                o.u8(0);
            }
            o.u32(12 + padded);
            file.writeBytes(o.done());
            return this;
        }

        Ng raw(byte[] bytes) {
            file.writeBytes(bytes);
            return this;
        }

        Ng shb(int major, int minor) {
            return block(0x0A0D0D0A, body().u32(0x1A2B3C4D).u16(major).u16(minor).u64(-1).done());
        }

        Ng shb() {
            return shb(1, 0);
        }

        /** An IDB; {@code options} are already encoded (see {@link #tsresol} / {@link #tsoffset}). */
        Ng idb(int linkType, long snaplen, byte[]... options) {
            Out o = body().u16(linkType).u16(0).u32(snaplen);
            for (byte[] opt : options) {
                o.bytes(opt);
            }
            if (options.length > 0) {
                o.u16(0).u16(0);
            }
            return block(1, o.done());
        }

        byte[] tsresol(int value) {
            return body().u16(9).u16(1).u8(value).u8(0).u8(0).u8(0).done();
        }

        byte[] tsoffset(long seconds) {
            return body().u16(14).u16(8).u64(seconds).done();
        }

        byte[] comment(String text) {
            byte[] t = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Out o = body().u16(1).u16(t.length).bytes(t);
            for (int i = t.length; i % 4 != 0; i++) {
                o.u8(0);
            }
            return o.done();
        }

        Ng epb(int iface, long ts, long caplen, long len, byte[] data) {
            Out o = body().u32(iface).u32(ts >>> 32).u32(ts & 0xffff_ffffL).u32(caplen).u32(len).bytes(data);
            for (int i = data.length; i % 4 != 0; i++) {
                o.u8(0);
            }
            o.bytes(comment("hello"));
            o.u16(0).u16(0);
            return block(6, o.done());
        }

        Ng epb(int iface, long ts, byte[] data) {
            return epb(iface, ts, data.length, data.length, data);
        }

        Ng spb(long len, byte[] data) {
            return block(3, body().u32(len).bytes(data).done());
        }

        Ng pb(int iface, long ts, byte[] data) {
            return block(2, body().u16(iface).u16(0).u32(ts >>> 32).u32(ts & 0xffff_ffffL).u32(data.length)
                    .u32(data.length).bytes(data).done());
        }

        byte[] done() {
            return file.toByteArray();
        }
    }

    static byte[] frame(int n, int seed) {
        byte[] f = new byte[n];
        for (int i = 0; i < n; i++) {
            f[i] = (byte) (seed * 31 + i);
        }
        return f;
    }
}
