package io.arplab.stack;

/** Virtual time as the kernel's jiffies counter at HZ=250 (the reference machine), for tracepoint fields. */
public final class Jiffies {
    private Jiffies() {}

    public static final int HZ = 250;
    /** INITIAL_JIFFIES on 64-bit: (unsigned long)(unsigned int)(-300 * HZ). */
    public static final long INITIAL = 0x1_0000_0000L - 300L * HZ;

    public static long of(long nanos) {
        return INITIAL + Math.floorDiv(nanos, 1_000_000_000L / HZ);
    }
}
