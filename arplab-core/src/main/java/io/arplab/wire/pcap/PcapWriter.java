package io.arplab.wire.pcap;

import io.arplab.wire.Bytes;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic libpcap files (version 2.4, little-endian as on x86): magic a1b2c3d4 with microsecond
 * time stamps (what tcpdump -w writes) or a1b23c4d with nanoseconds.
 */
public final class PcapWriter implements Closeable {
    public static final int DEFAULT_SNAPLEN = 262144;

    private final OutputStream out;
    private final boolean nanosecond;
    private final int snaplen;
    private final byte[] recordHeader = new byte[16];
    private boolean cut = true;

    public PcapWriter(OutputStream out, int linkType, int snaplen, boolean nanosecond) {
        this.out = out;
        this.nanosecond = nanosecond;
        this.snaplen = snaplen;
        byte[] h = new byte[24];
        Bytes.put32le(h, 0, nanosecond ? 0xa1b23c4d : 0xa1b2c3d4);
        Bytes.put16le(h, 4, 2);
        Bytes.put16le(h, 6, 4);
        Bytes.put32le(h, 16, snaplen);
        Bytes.put32le(h, 20, linkType);
        write(h, 0, h.length);
    }

    /** An Ethernet capture with microsecond time stamps and tcpdump's default snaplen. */
    public static PcapWriter ethernet(OutputStream out) {
        return new PcapWriter(out, LinkType.ETHERNET, DEFAULT_SNAPLEN, false);
    }

    public static PcapWriter create(Path file) {
        try {
            return ethernet(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A pcap as Open vSwitch's ovs_pcap_open() writes it (netdev-dummy's rxq_pcap/tx_pcap): Ethernet, microseconds,
     * snaplen 1518 in the header yet every frame written whole.
     */
    public static PcapWriter ovs(Path file) {
        try {
            PcapWriter w = new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                    LinkType.ETHERNET, 1518, false);
            w.cut = false;
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Appends a frame seen at {@code epochNanos}; bytes beyond the snaplen are cut. */
    public void write(long epochNanos, byte[] frame, int off, int len) {
        long sec = Math.floorDiv(epochNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        int caplen = cut ? Math.min(len, snaplen) : len;
        Bytes.put32le(recordHeader, 0, (int) sec);
        Bytes.put32le(recordHeader, 4, nanosecond ? nanos : nanos / 1000);
        Bytes.put32le(recordHeader, 8, caplen);
        Bytes.put32le(recordHeader, 12, len);
        write(recordHeader, 0, 16);
        write(frame, off, caplen);
    }

    public void write(PcapRecord r) {
        long sec = r.seconds();
        Bytes.put32le(recordHeader, 0, (int) sec);
        Bytes.put32le(recordHeader, 4, nanosecond ? r.nanos() : r.nanos() / 1000);
        Bytes.put32le(recordHeader, 8, r.capturedLength());
        Bytes.put32le(recordHeader, 12, r.originalLength());
        write(recordHeader, 0, 16);
        write(r.data(), 0, r.capturedLength());
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
