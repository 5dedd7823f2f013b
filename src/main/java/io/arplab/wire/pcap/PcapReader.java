package io.arplab.wire.pcap;

import io.arplab.wire.Bytes;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads classic libpcap files: magic a1b2c3d4 (microseconds) and a1b23c4d (nanoseconds), in either byte order.
 * Faults are reported as {@link PcapFormatException} with a one-line message naming the source.
 */
public final class PcapReader implements Closeable {
    private final String name;
    private final InputStream in;
    private final boolean swapped;
    private final boolean nanosecond;
    private final int snaplen;
    private final int linkType;
    private final int versionMajor;
    private final int versionMinor;
    private final byte[] rh = new byte[16];
    private int recordNumber;

    public PcapReader(String name, InputStream in) {
        this.name = name;
        this.in = in;
        byte[] h = new byte[24];
        int n = readFully(h, 0, 24);
        if (n < 4) {
            throw new PcapFormatException(name + ": file too short to be a capture (" + n + " bytes)");
        }
        int magicLe = Bytes.i32le(h, 0);
        switch (magicLe) {
            case 0xa1b2c3d4 -> { swapped = false; nanosecond = false; }
            case 0xa1b23c4d -> { swapped = false; nanosecond = true; }
            case 0xd4c3b2a1 -> { swapped = true; nanosecond = false; }
            case 0x4d3cb2a1 -> { swapped = true; nanosecond = true; }
            default -> throw new PcapFormatException(name + ": unknown file format (magic 0x"
                    + String.format("%08x", Bytes.i32(h, 0)) + " is not a pcap magic number)");
        }
        if (n < 24) {
            throw new PcapFormatException(name + ": truncated dump file; tried to read 24 file header bytes, only got " + n);
        }
        versionMajor = u16(h, 4);
        versionMinor = u16(h, 6);
        if (versionMajor != 2) {
            throw new PcapFormatException(name + ": unsupported pcap version " + versionMajor + "." + versionMinor);
        }
        snaplen = i32(h, 16);
        linkType = i32(h, 20) & 0x03ff_ffff;
    }

    public static PcapReader open(Path file) {
        try {
            return new PcapReader(file.toString(), new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        } catch (NoSuchFileException e) {
            throw new PcapFormatException(file + ": No such file or directory");
        } catch (IOException e) {
            throw new PcapFormatException(file + ": " + e.getMessage());
        }
    }

    /** All records of a file. */
    public static List<PcapRecord> readAll(Path file) {
        try (PcapReader r = open(file)) {
            List<PcapRecord> out = new ArrayList<>();
            for (PcapRecord rec; (rec = r.next()) != null; ) {
                out.add(rec);
            }
            return out;
        }
    }

    public int linkType() {
        return linkType;
    }

    public int snaplen() {
        return snaplen;
    }

    public boolean nanosecond() {
        return nanosecond;
    }

    public String name() {
        return name;
    }

    /** The next record, or null at the end of the file. */
    public PcapRecord next() {
        int n = readFully(rh, 0, 16);
        if (n == 0) {
            return null;
        }
        recordNumber++;
        if (n < 16) {
            throw new PcapFormatException(name + ": truncated dump file; tried to read 16 header bytes, only got " + n);
        }
        long sec = i32(rh, 0) & 0xffff_ffffL;
        long frac = i32(rh, 4) & 0xffff_ffffL;
        int caplen = i32(rh, 8);
        int len = i32(rh, 12);
        int max = Math.max(snaplen, 262144);
        if (caplen < 0 || caplen > max) {
            throw new PcapFormatException(name + ": invalid packet capture length " + Integer.toUnsignedString(caplen)
                    + ", bigger than maximum of " + max + " (record " + recordNumber + ")");
        }
        byte[] data = new byte[caplen];
        int got = readFully(data, 0, caplen);
        if (got < caplen) {
            throw new PcapFormatException(name + ": truncated dump file; tried to read " + caplen
                    + " captured bytes, only got " + got + " (record " + recordNumber + ")");
        }
        long nanos = nanosecond ? frac : frac * 1000;
        sec += nanos / 1_000_000_000L;
        nanos %= 1_000_000_000L;
        return new PcapRecord(sec, (int) nanos, Math.max(len, caplen), data);
    }

    private int u16(byte[] b, int off) {
        return swapped ? Bytes.u16(b, off) : Bytes.u16le(b, off);
    }

    private int i32(byte[] b, int off) {
        return swapped ? Bytes.i32(b, off) : Bytes.i32le(b, off);
    }

    private int readFully(byte[] b, int off, int len) {
        int total = 0;
        try {
            while (total < len) {
                int r = in.read(b, off + total, len - total);
                if (r < 0) {
                    break;
                }
                total += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
        return total;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
