package io.arplab.flow;

import java.util.Arrays;

/**
 * A translation's stack for push and pop (ctx->stack): each push appends its subfield's value in network order,
 * DIV_ROUND_UP(n_bits, 8) bytes, then that count in one byte, as nx_stack_push() does; a pop takes the last entry
 * (nx_stack_pop()). Its bytes are part of a frozen state, so a recirculation carries the stack.
 */
final class XlateStack {
    private byte[] data = new byte[64];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** How many bytes it holds (ctx->stack.size). */
    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** nx_stack_push(): the low {@code bytes} bytes of {@code v}, then their count. */
    void push(U128 v, int bytes) {
        if (size + bytes + 1 > data.length) {
            data = Arrays.copyOf(data, Math.max(2 * data.length, size + bytes + 1));
        }
        for (int i = bytes - 1; i >= 0; i--) {
            data[size++] = (byte) (i >= 8 ? v.hi() >>> 8 * (i - 8) : v.lo() >>> 8 * i);
        }
        data[size++] = (byte) bytes;
    }

    /** nx_stack_pop(): the last entry's value, or null when the stack is empty. */
    U128 pop() {
        if (size == 0) {
            return null;
        }
        int bytes = data[--size] & 0xff;
        long hi = 0, lo = 0;
        for (int i = size - bytes; i < size; i++) {
            hi = hi << 8 | lo >>> 56;
            lo = lo << 8 | data[i] & 0xff;
        }
        size -= bytes;
        return new U128(hi, lo);
    }

    private static final byte[] EMPTY = {};

    /** The stack's bytes (a frozen or saved state's copy; most stacks are empty, and share one array). */
    byte[] bytes() {
        return size == 0 ? EMPTY : Arrays.copyOf(data, size);
    }

    /** The stack becomes {@code bytes} (a thawed or restored state). */
    void set(byte[] bytes) {
        if (bytes.length > data.length) {
            data = new byte[bytes.length];
        }
        System.arraycopy(bytes, 0, data, 0, bytes.length);
        size = bytes.length;
    }
}
