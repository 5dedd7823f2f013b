package io.arplab.wire.pcap;

import java.io.IOException;
import java.io.InputStream;

/** A capture file's byte stream: counts the offset, turns I/O faults into {@link PcapFormatException}. */
final class CaptureInput {
    private final String name;
    private final InputStream in;
    private long offset;

    CaptureInput(String name, InputStream in, long offset) {
        this.name = name;
        this.in = in;
        this.offset = offset;
    }

    String name() {
        return name;
    }

    long offset() {
        return offset;
    }

    /** Reads up to {@code len} bytes; fewer only at the end of the stream. */
    int read(byte[] b, int off, int len) {
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
            throw new PcapFormatException(name, "error reading dump file: " + e.getMessage());
        }
        offset += total;
        return total;
    }

    /** Skips exactly {@code len} bytes or returns how many could be skipped. */
    long skip(long len) {
        byte[] buf = new byte[(int) Math.min(len, 8192)];
        long done = 0;
        while (done < len) {
            int r = read(buf, 0, (int) Math.min(buf.length, len - done));
            if (r == 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new PcapFormatException(name, "error closing dump file: " + e.getMessage());
        }
    }
}
