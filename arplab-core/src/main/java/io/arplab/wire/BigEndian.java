package io.arplab.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The big-endian accessors of {@link Bytes} through byte-array view VarHandles, which the JIT turns into single
 * (byte-swapped) loads and stores with one bounds check: the hot paths of the views and frame writers use these.
 */
final class BigEndian {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private BigEndian() {}

    static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off) {
        return (short) SHORT.get(b, off) & 0xffff;
    }

    static int i32(byte[] b, int off) {
        return (int) INT.get(b, off);
    }

    static long u32(byte[] b, int off) {
        return i32(b, off) & 0xffff_ffffL;
    }

    static long u48(byte[] b, int off) {
        return ((long) u16(b, off) << 32) | u32(b, off + 2);
    }

    static long i64(byte[] b, int off) {
        return (long) LONG.get(b, off);
    }

    static void put8(byte[] b, int off, int v) {
        b[off] = (byte) v;
    }

    static void put16(byte[] b, int off, int v) {
        SHORT.set(b, off, (short) v);
    }

    static void put32(byte[] b, int off, int v) {
        INT.set(b, off, v);
    }

    static void put64(byte[] b, int off, long v) {
        LONG.set(b, off, v);
    }

    static void put48(byte[] b, int off, long v) {
        put16(b, off, (int) (v >>> 32));
        put32(b, off + 2, (int) v);
    }
}
