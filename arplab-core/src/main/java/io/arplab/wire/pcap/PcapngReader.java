package io.arplab.wire.pcap;

import io.arplab.wire.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pcapng files (draft-ietf-opsawg-pcapng): sections in either byte order, Interface Description Blocks with
 * if_tsresol (a power of 10 or of 2) and if_tsoffset, Enhanced, Simple and obsolete Packet Blocks; other blocks are
 * skipped. Like libpcap's sf-pcapng.c, every interface must share the first one's link type and snapshot length, and
 * faults carry libpcap's words.
 */
public final class PcapngReader implements CaptureReader {
    static final int BT_SHB = 0x0A0D0D0A;
    static final int BT_IDB = 1;
    static final int BT_PB = 2;
    static final int BT_SPB = 3;
    static final int BT_EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int SHB_INSANE_MAX = 1024 * 1024;
    private static final int MAX_BLOCK = 16 * 1024 * 1024;

    private record Interface(long tsresol, boolean binary, long tsoffset) {}

    private final CaptureInput in;
    private final boolean swapped;
    private final int linkType;
    private final int snaplen;
    private final List<Interface> interfaces = new ArrayList<>();
    private final byte[] header = new byte[8];
    private long blockNumber;
    private long blockStart;
    private int blockType;
    private byte[] block;
    private int pos;
    private int end;

    private PcapngReader(CaptureInput in, boolean swapped, int shbLength) {
        this.in = in;
        this.swapped = swapped;
        this.blockStart = 0;
        this.blockNumber = 1;
        byte[] rest = new byte[shbLength - 12];
        int got = in.read(rest, 0, rest.length);
        if (got < rest.length) {
            throw fault("truncated pcapng dump file; tried to read " + rest.length + " bytes, only got " + got);
        }
        int major = u16(rest, 0);
        int minor = u16(rest, 2);
        if (!(major == 1 && (minor == 0 || minor == 2))) {
            throw fault("unsupported pcapng savefile version " + major + "." + minor);
        }
        // the first Interface Description Block fixes the link type and snapshot length of the whole file
        while (true) {
            if (!readBlock()) {
                throw fault("the capture file has no Interface Description Blocks");
            }
            if (blockType == BT_IDB) {
                need(8);
                linkType = u16(block, pos);
                snaplen = CaptureReader.adjustSnaplen(linkType, u32(block, pos + 4));
                pos += 8;
                addInterface();
                return;
            }
            if (blockType == BT_EPB || blockType == BT_SPB || blockType == BT_PB) {
                throw fault("the capture file has a packet block before any Interface Description Blocks");
            }
        }
    }

    /** After the 4-byte block type 0x0A0D0D0A: null when this is not pcapng after all (libpcap then says "unknown file format"). */
    static PcapngReader tryOpen(CaptureInput in) {
        byte[] b = new byte[8];
        if (in.read(b, 0, 8) < 8) {
            return null;
        }
        int bom = Bytes.i32le(b, 4);
        boolean swapped;
        if (bom == BYTE_ORDER_MAGIC) {
            swapped = false;
        } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
            swapped = true;
        } else {
            return null;
        }
        long total = (swapped ? Bytes.i32(b, 0) : Bytes.i32le(b, 0)) & 0xffff_ffffL;
        if (total < 28 || total > SHB_INSANE_MAX) {
            throw new PcapFormatException(in.name(), "Section Header Block in pcapng dump file has invalid length 28 < _"
                    + total + "_ < " + SHB_INSANE_MAX + " (BT_SHB_INSANE_MAX)");
        }
        return new PcapngReader(in, swapped, (int) total);
    }

    @Override
    public PcapRecord next() {
        while (true) {
            if (!readBlock()) {
                return null;
            }
            long interfaceId;
            long caplen;
            long len;
            long ts;
            switch (blockType) {
                case BT_EPB -> {
                    need(20);
                    interfaceId = u32(block, pos);
                    ts = (u32(block, pos + 4) << 32) | u32(block, pos + 8);
                    caplen = u32(block, pos + 12);
                    len = u32(block, pos + 16);
                    pos += 20;
                }
                case BT_SPB -> {
                    need(4);
                    interfaceId = 0;
                    len = u32(block, pos);
                    caplen = Math.min(len, snaplen);
                    ts = 0;
                    pos += 4;
                }
                case BT_PB -> {
                    need(20);
                    interfaceId = u16(block, pos);
                    ts = (u32(block, pos + 4) << 32) | u32(block, pos + 8);
                    caplen = u32(block, pos + 12);
                    len = u32(block, pos + 16);
                    pos += 20;
                }
                case BT_IDB -> {
                    need(8);
                    int type = u16(block, pos);
                    long snap = u32(block, pos + 4);
                    if (type != linkType) {
                        throw fault("an interface has a type " + type + " different from the type of the first interface");
                    }
                    if (CaptureReader.adjustSnaplen(type, snap) != snaplen) {
                        throw fault("an interface has a snapshot length " + snap
                                + " different from the snapshot length of the first interface");
                    }
                    pos += 8;
                    addInterface();
                    continue;
                }
                case BT_SHB -> {
                    need(16);
                    int bom = i32(block, pos);
                    if (bom == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                        throw fault("the file has sections with different byte orders");
                    }
                    if (bom != BYTE_ORDER_MAGIC) {
                        throw fault("the file has a section with a bad byte order magic field");
                    }
                    int major = u16(block, pos + 4);
                    if (major != 1) {
                        throw fault("unknown pcapng savefile major version number " + major);
                    }
                    interfaces.clear();
                    continue;
                }
                default -> {
                    continue;
                }
            }
            if (interfaceId >= interfaces.size()) {
                throw fault("a packet arrived on interface " + interfaceId
                        + ", but there's no Interface Description Block for that interface");
            }
            if (caplen > snaplen) {
                throw fault("invalid packet capture length " + caplen + ", bigger than snaplen of " + snaplen);
            }
            need(caplen);
            byte[] data = new byte[(int) caplen];
            System.arraycopy(block, pos, data, 0, data.length);
            Interface itf = interfaces.get((int) interfaceId);
            long[] secNanos = toSecondsAndNanos(ts, itf);
            return new PcapRecord(secNanos[0], (int) secNanos[1],
                    (int) Math.max(Math.min(len, Integer.MAX_VALUE), caplen), data);
        }
    }

    /** A time stamp in the interface's units to seconds since the epoch and nanoseconds. */
    private static long[] toSecondsAndNanos(long ts, Interface itf) {
        long sec = Long.divideUnsigned(ts, itf.tsresol) + itf.tsoffset;
        long frac = Long.remainderUnsigned(ts, itf.tsresol);
        long nanos;
        if (!itf.binary && itf.tsresol <= 1_000_000_000L) {
            nanos = frac * (1_000_000_000L / itf.tsresol);
        } else if (!itf.binary) {
            nanos = Long.divideUnsigned(frac, Long.divideUnsigned(itf.tsresol, 1_000_000_000L));
        } else {
            nanos = BigInteger.valueOf(frac).multiply(BigInteger.valueOf(1_000_000_000L))
                    .divide(new BigInteger(Long.toUnsignedString(itf.tsresol))).longValue();
        }
        return new long[] {sec, nanos};
    }

    /** Reads the next block into {@code block}; false at the clean end of the file. */
    private boolean readBlock() {
        blockStart = in.offset();
        int n = in.read(header, 0, 8);
        if (n == 0) {
            return false;
        }
        blockNumber++;
        if (n < 8) {
            throw fault("truncated pcapng dump file; tried to read 8 bytes, only got " + n);
        }
        blockType = i32(header, 0);
        long total = u32(header, 4);
        if (total < 12) {
            throw fault("block in pcapng dump file has a length of " + total + " < 12");
        }
        if (total % 4 != 0) {
            throw fault("block in pcapng dump file has a length of " + total + " that is not a multiple of 4");
        }
        if (total > MAX_BLOCK) {
            throw fault("pcapng block size " + total + " > maximum " + MAX_BLOCK);
        }
        int rest = (int) total - 8;
        if (block == null || block.length < rest) {
            block = new byte[Math.max(rest, 2048)];
        }
        int got = in.read(block, 0, rest);
        if (got < rest) {
            throw fault("truncated pcapng dump file; tried to read " + rest + " bytes, only got " + got);
        }
        long trailer = u32(block, rest - 4);
        if (trailer != total) {
            // libpcap 1.10's words (later versions add the two numbers)
            throw fault("block total length in header and trailer don't match (" + total + " and " + trailer + ")");
        }
        pos = 0;
        end = rest - 4;
        return true;
    }

    private void need(long bytes) {
        if (end - pos < bytes) {
            throw fault("block of type " + Integer.toUnsignedString(blockType) + " in pcapng dump file is too short");
        }
    }

    /** Reads the IDB options that matter (if_tsresol, if_tsoffset) and adds the interface. */
    private void addInterface() {
        long tsresol = 1_000_000L;
        boolean binary = false;
        long tsoffset = 0;
        boolean sawResol = false;
        boolean sawOffset = false;
        while (pos < end) {
            need(4);
            int code = u16(block, pos);
            int length = u16(block, pos + 2);
            pos += 4;
            int padded = (length + 3) & ~3;
            need(padded);
            int value = pos;
            pos += padded;
            switch (code) {
                case 0 -> {
                    if (length != 0) {
                        throw fault("Interface Description Block has opt_endofopt option with length " + length + " != 0");
                    }
                    pos = end;
                }
                case 9 -> {
                    if (length != 1) {
                        throw fault("Interface Description Block has if_tsresol option with length " + length + " != 1");
                    }
                    if (sawResol) {
                        throw fault("Interface Description Block has more than one if_tsresol option");
                    }
                    sawResol = true;
                    int r = block[value] & 0xff;
                    if ((r & 0x80) != 0) {
                        int shift = r & 0x7f;
                        if (shift > 63) {
                            throw fault("Interface Description Block if_tsresol option resolution 2^-" + shift
                                    + " is too high");
                        }
                        binary = true;
                        tsresol = 1L << shift;
                    } else {
                        if (r > 19) {
                            throw fault("Interface Description Block if_tsresol option resolution 10^-" + r
                                    + " is too high");
                        }
                        binary = false;
                        tsresol = 1;
                        for (int i = 0; i < r; i++) {
                            tsresol *= 10; // 10^19 wraps as an unsigned 64-bit value, as in libpcap
                        }
                    }
                }
                case 14 -> {
                    if (length != 8) {
                        throw fault("Interface Description Block has if_tsoffset option with length " + length + " != 8");
                    }
                    if (sawOffset) {
                        throw fault("Interface Description Block has more than one if_tsoffset option");
                    }
                    sawOffset = true;
                    tsoffset = swapped ? Long.reverseBytes(le64(block, value)) : le64(block, value);
                }
                default -> { }
            }
        }
        if (tsresol == 0) {
            tsresol = 1; // 10^0: whole seconds
        }
        interfaces.add(new Interface(tsresol, binary, tsoffset));
    }

    private static long le64(byte[] b, int off) {
        return (Bytes.i32le(b, off) & 0xffff_ffffL) | ((long) Bytes.i32le(b, off + 4) << 32);
    }

    private PcapFormatException fault(String what) {
        return new PcapFormatException(in.name(), what, "block " + blockNumber + " at offset " + blockStart, false);
    }

    private int u16(byte[] b, int off) {
        return swapped ? Bytes.u16(b, off) : Bytes.u16le(b, off);
    }

    private int i32(byte[] b, int off) {
        return swapped ? Bytes.i32(b, off) : Bytes.i32le(b, off);
    }

    private long u32(byte[] b, int off) {
        return i32(b, off) & 0xffff_ffffL;
    }

    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public int snaplen() {
        return snaplen;
    }

    @Override
    public String name() {
        return in.name();
    }

    @Override
    public String format() {
        return "pcapng";
    }

    /** Whether the sections are in the other byte order than little-endian. */
    public boolean swapped() {
        return swapped;
    }

    @Override
    public void close() {
        in.close();
    }
}
