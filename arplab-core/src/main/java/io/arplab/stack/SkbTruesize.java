package io.arplab.stack;

/**
 * What a packet of a given frame length costs against unres_qlen_bytes: the kernel's skb->truesize, i.e. the head
 * allocation rounded up to its kmalloc slab (__alloc_skb + kmalloc_size_roundup) plus the sk_buff itself
 * (SKB_TRUESIZE on x86_64: sizeof(struct sk_buff) 232 aligned to 256, skb_shared_info 320).
 */
public final class SkbTruesize {
    private SkbTruesize() {}

    /** SKB_TRUESIZE(ETH_FRAME_LEN): the unit of the unres_qlen sysctl (1514 + 256 + 320). */
    public static final int ETH_FRAME = 1514 + 256 + 320;

    private static final int SK_BUFF = 256;
    private static final int SHARED_INFO = 320;
    private static final int LL_RESERVE = 16;

    public static int of(int frameLength) {
        int head = align64(frameLength + LL_RESERVE) + SHARED_INFO;
        return slab(head) + SK_BUFF;
    }

    private static int align64(int n) {
        return (n + 63) & ~63;
    }

    private static int slab(int n) {
        if (n <= 64) {
            return 64;
        }
        if (n <= 96) {
            return 96;
        }
        if (n <= 128) {
            return 128;
        }
        if (n <= 192) {
            return 192;
        }
        if (n > 8192) {
            return align64(n);
        }
        return Integer.highestOneBit(n - 1) << 1;
    }
}
