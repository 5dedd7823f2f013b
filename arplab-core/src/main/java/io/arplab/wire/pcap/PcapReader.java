package io.arplab.wire.pcap;

import io.arplab.wire.Bytes;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads classic libpcap files: magic a1b2c3d4 (microseconds), a1b23c4d (nanoseconds) and a1b2cd34 (Alexey Kuznetsov's
 * patched format with 24-byte record headers), in either byte order, versions 2.0 to 2.4. Follows libpcap's
 * sf-pcap.c rules: caplen and len are swapped in files older than 2.3 (and in 2.3 files where caplen > len), a record
 * longer than the snapshot length (but within the link type's maximum) is cut to it, a longer one is an error.
 */
public final class PcapReader implements CaptureReader {
    static final int MAGIC_USEC = 0xa1b2c3d4;
    static final int MAGIC_NSEC = 0xa1b23c4d;
    static final int MAGIC_KUZNETSOV = 0xa1b2cd34;

    private final CaptureInput in;
    private final boolean swapped;
    private final boolean nanosecond;
    private final int recordHeaderSize;
    private final int snaplen;
    private final int linkType;
    private final int versionMajor;
    private final int versionMinor;
    private final byte[] rh = new byte[24];
    private long recordNumber;

    /** Reads the file header from {@code in}; {@code name} is used in messages. */
    public PcapReader(String name, InputStream in) {
        this(open(name, in));
    }

    private PcapReader(PcapReader other) {
        this.in = other.in;
        this.swapped = other.swapped;
        this.nanosecond = other.nanosecond;
        this.recordHeaderSize = other.recordHeaderSize;
        this.snaplen = other.snaplen;
        this.linkType = other.linkType;
        this.versionMajor = other.versionMajor;
        this.versionMinor = other.versionMinor;
    }

    private static PcapReader open(String name, InputStream in) {
        CaptureReader r = CaptureReader.open(name, in);
        if (r instanceof PcapReader p) {
            return p;
        }
        r.close();
        throw new PcapFormatException(name, "not a classic pcap file (it is " + r.format() + ")");
    }

    static boolean isMagic(int m) {
        return m == MAGIC_USEC || m == MAGIC_NSEC || m == MAGIC_KUZNETSOV;
    }

    /** Continues after the 4 magic bytes. */
    PcapReader(CaptureInput in, byte[] magicBytes) {
        this.in = in;
        int le = Bytes.i32le(magicBytes, 0);
        this.swapped = !isMagic(le);
        int magic = swapped ? Integer.reverseBytes(le) : le;
        this.nanosecond = magic == MAGIC_NSEC;
        byte[] h = new byte[20];
        int n = in.read(h, 0, 20);
        if (n < 20) {
            // libpcap counts the bytes read after the magic but names the whole header's size
            throw new PcapFormatException(in.name(),
                    "truncated dump file; tried to read 24 file header bytes, only got " + n);
        }
        versionMajor = u16(h, 0);
        versionMinor = u16(h, 2);
        if (versionMajor < 2) {
            throw new PcapFormatException(in.name(), "archaic pcap savefile format");
        }
        if (!(versionMajor == 2 && versionMinor <= 4 || versionMajor == 543 && versionMinor == 0)) {
            throw new PcapFormatException(in.name(),
                    "unsupported pcap savefile version " + versionMajor + "." + versionMinor);
        }
        long rawSnaplen = i32(h, 12) & 0xffff_ffffL;
        linkType = i32(h, 16) & 0x03ff_ffff; // LT_LINKTYPE(): the upper bits are FCS information
        int snap = CaptureReader.adjustSnaplen(linkType, rawSnaplen);
        if (magic == MAGIC_KUZNETSOV) {
            recordHeaderSize = 24;
            if (linkType == LinkType.ETHERNET) {
                // sf-pcap.c: such captures may be cooked, with a 14-byte fake Ethernet header added
                snap = snap <= Integer.MAX_VALUE - 14 ? snap + 14 : Integer.MAX_VALUE;
            }
        } else {
            recordHeaderSize = 16;
        }
        snaplen = snap;
    }

    /** Opens a classic pcap file (a pcapng file is refused: use {@link CaptureReader#open(Path)} for both). */
    public static PcapReader open(Path file) {
        CaptureReader r = CaptureReader.open(file);
        if (r instanceof PcapReader p) {
            return p;
        }
        r.close();
        throw new PcapFormatException(file.toString(), "not a classic pcap file (it is " + r.format() + ")");
    }

    /** All records of a capture file (classic or pcapng). */
    public static List<PcapRecord> readAll(Path file) {
        return CaptureReader.readAll(file);
    }

    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public int snaplen() {
        return snaplen;
    }

    public boolean nanosecond() {
        return nanosecond;
    }

    public boolean swapped() {
        return swapped;
    }

    public String version() {
        return versionMajor + "." + versionMinor;
    }

    @Override
    public String name() {
        return in.name();
    }

    @Override
    public String format() {
        return "pcap";
    }

    @Override
    public PcapRecord next() {
        long at = in.offset();
        int n = in.read(rh, 0, recordHeaderSize);
        if (n == 0) {
            return null;
        }
        recordNumber++;
        if (n < recordHeaderSize) {
            throw fault("truncated dump file; tried to read " + recordHeaderSize + " header bytes, only got " + n, at);
        }
        long sec = i32(rh, 0) & 0xffff_ffffL;
        long frac = i32(rh, 4) & 0xffff_ffffL;
        long caplen = i32(rh, 8) & 0xffff_ffffL;
        long len = i32(rh, 12) & 0xffff_ffffL;
        boolean lengthsSwapped = versionMajor == 543 || versionMajor == 2 && versionMinor < 3
                || versionMajor == 2 && versionMinor == 3 && caplen > len;
        if (lengthsSwapped) {
            long t = caplen;
            caplen = len;
            len = t;
        }
        int max = CaptureReader.maxSnaplen(linkType);
        if (caplen > max) {
            throw fault(caplen > snaplen
                    ? "invalid packet capture length " + caplen + ", bigger than snaplen of " + snaplen
                    : "invalid packet capture length " + caplen + ", bigger than maximum of " + max, at);
        }
        byte[] data;
        if (caplen > snaplen) {
            // sf-pcap.c: keep the first snaplen bytes, discard the rest
            data = new byte[snaplen];
            int got = in.read(data, 0, snaplen);
            long skipped = got < snaplen ? 0 : in.skip(caplen - snaplen);
            if (got < snaplen || skipped < caplen - snaplen) {
                throw fault("truncated dump file; tried to read " + caplen + " captured bytes, only got "
                        + (got + skipped), at);
            }
        } else {
            data = new byte[(int) caplen];
            int got = in.read(data, 0, data.length);
            if (got < caplen) {
                throw fault("truncated dump file; tried to read " + caplen + " captured bytes, only got " + got, at);
            }
        }
        long nanos = nanosecond ? frac : frac * 1000;
        sec += nanos / 1_000_000_000L;
        nanos %= 1_000_000_000L;
        return new PcapRecord(sec, (int) nanos, (int) Math.max(Math.min(len, Integer.MAX_VALUE), data.length), data);
    }

    private PcapFormatException fault(String what, long at) {
        return new PcapFormatException(in.name(), what, "packet " + recordNumber + " at offset " + at, false);
    }

    private int u16(byte[] b, int off) {
        return swapped ? Bytes.u16(b, off) : Bytes.u16le(b, off);
    }

    private int i32(byte[] b, int off) {
        return swapped ? Bytes.i32(b, off) : Bytes.i32le(b, off);
    }

    @Override
    public void close() {
        in.close();
    }
}
