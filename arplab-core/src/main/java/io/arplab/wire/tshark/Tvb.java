package io.arplab.wire.tshark;

/**
 * A tvbuff (epan/tvbuff.c): a window on the frame's bytes with its captured length and its reported length.
 * A read past the captured bytes throws {@link Thrown#BOUNDS}, past the reported length
 * {@link Thrown#REPORTED_BOUNDS} (check_offset_length_no_exception()).
 */
final class Tvb {
    final byte[] data;
    final int start;
    /** Captured bytes available from {@link #start}. */
    int length;
    /** The bytes the packet says there are. */
    int reported;
    /** reported length of the parent when this subset claimed more (tvb_new_subset_length_caplen()). */
    int contained;

    Tvb(byte[] data, int start, int length, int reported) {
        this.data = data;
        this.start = start;
        this.length = Math.max(0, length);
        this.reported = Math.max(0, reported);
        this.contained = this.reported;
    }

    static Tvb frame(byte[] data, int originalLength) {
        return new Tvb(data, 0, data.length, originalLength);
    }

    /** Throws what reading {@code len} bytes at {@code off} would throw. */
    void check(int off, int len) {
        long end = (long) off + len;
        if (off < 0 || len < 0) {
            throw Thrown.REPORTED_BOUNDS.error();
        }
        if (end <= length) {
            return;
        }
        if (end <= contained) {
            throw Thrown.BOUNDS.error();
        }
        if (end <= reported) {
            throw Thrown.CONTAINED_BOUNDS.error();
        }
        throw Thrown.REPORTED_BOUNDS.error();
    }

    boolean bytesExist(int off, int len) {
        return off >= 0 && len >= 0 && (long) off + len <= length;
    }

    int u8(int off) {
        check(off, 1);
        return data[start + off] & 0xff;
    }

    int u16(int off) {
        check(off, 2);
        return ((data[start + off] & 0xff) << 8) | (data[start + off + 1] & 0xff);
    }

    int u16le(int off) {
        check(off, 2);
        return (data[start + off] & 0xff) | ((data[start + off + 1] & 0xff) << 8);
    }

    int u24(int off) {
        check(off, 3);
        return ((data[start + off] & 0xff) << 16) | ((data[start + off + 1] & 0xff) << 8)
                | (data[start + off + 2] & 0xff);
    }

    long u32(int off) {
        check(off, 4);
        return ((long) u16(off) << 16) | u16(off + 2);
    }

    /** Absolute index of {@code off} in {@link #data}, after checking {@code len} bytes are there. */
    int at(int off, int len) {
        check(off, len);
        return start + off;
    }

    String ipv4(int off) {
        return Names.ipv4(data, at(off, 4));
    }

    String ipv6(int off) {
        return Names.ipv6(data, at(off, 16));
    }

    String mac(int off) {
        return Names.mac(data, at(off, 6));
    }

    int capturedRemaining(int off) {
        return Math.max(0, length - off);
    }

    /**
     * tvb_strsize(): the bytes of the NUL-terminated string at {@code off}, its NUL included; no NUL in the captured
     * bytes throws (the capture's cut when it cut them, else a malformed packet).
     */
    int strsize(int off) {
        if (off > length) {
            check(off, 0);
        }
        for (int i = off; i < length; i++) {
            if (data[start + i] == 0) {
                return i - off + 1;
            }
        }
        throw (length < reported ? Thrown.BOUNDS : Thrown.REPORTED_BOUNDS).error();
    }

    /** tvb_reported_length_remaining(): -1 when {@code off} is past the captured bytes (compute_offset() fails). */
    int reportedLengthRemaining(int off) {
        return off > length ? -1 : reported - off;
    }

    int reportedRemaining(int off) {
        return Math.max(0, reported - off);
    }

    /** tvb_new_subset_remaining(). */
    Tvb subset(int off) {
        return subset(off, -1, -1);
    }

    /**
     * tvb_new_subset_length_caplen(): {@code rep} -1 means the rest; a reported length beyond this one's
     * keeps this one's as the contained length.
     */
    Tvb subset(int off, int cap, int rep) {
        if (off > length) {
            check(off, 0);
        }
        int avail = length - off;
        int r = rep < 0 ? reported - off : rep;
        int c = cap < 0 ? Math.min(avail, r) : Math.min(Math.min(cap, avail), r);
        Tvb t = new Tvb(data, start + off, c, r);
        t.contained = Math.min(r, contained - off);
        return t;
    }

    /** tvb_set_reported_length(). */
    void setReportedLength(int n) {
        if (n > reported) {
            throw Thrown.REPORTED_BOUNDS.error();
        }
        reported = n;
        if (n < length) {
            length = n;
        }
        contained = Math.min(contained, n);
    }
}
