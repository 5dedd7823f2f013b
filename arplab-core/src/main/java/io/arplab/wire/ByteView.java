package io.arplab.wire;

/**
 * Bytes {@code [off, off+len)} of {@code buf} that a header view reads and writes in place, as smoltcp's
 * {@code Packet<T: AsRef<[u8]>>} wraps a buffer: one view object rewrapped per frame, no copy, no per-field objects.
 */
public abstract class ByteView {
    protected byte[] buf;
    protected int off;
    protected int len;

    protected final void set(byte[] buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    /** Null when the view lies within its buffer, else why not (Checks.bounds()). */
    protected final String bounds() {
        return Checks.bounds(buf, off, len);
    }

    public final byte[] buffer() {
        return buf;
    }

    public final int offset() {
        return off;
    }

    /** Bytes in the view (its header's own length fields may say otherwise). */
    public final int length() {
        return len;
    }
}
