package io.arplab.stack;

/**
 * What a packet of a given frame length costs against unres_qlen_bytes: the kernel's skb->truesize, i.e. the head
 * allocation rounded up to its cache (__alloc_skb() → kmalloc_reserve()) plus the sk_buff itself
 * (SKB_TRUESIZE on x86_64: sizeof(struct sk_buff) 232 aligned to 256, skb_shared_info 320).
 */
public final class SkbTruesize {
    private SkbTruesize() {}

    /** SKB_TRUESIZE(ETH_FRAME_LEN): the unit of the unres_qlen sysctl (1514 + 256 + 320). */
    public static final int ETH_FRAME = 1514 + 256 + 320;

    private static final int SK_BUFF = 256;
    private static final int SHARED_INFO = 320;
    private static final int LL_RESERVE = 16;

    /**
     * SKB_SMALL_HEAD_CACHE_SIZE: SKB_HEAD_ALIGN(MAX_TCP_HEADER), 256 + 320 on the recording machine's kernel (measured:
     * ping's 98-byte requests cost 832 bytes of its send buffer each: refdata/local/tools/host-rules-19.out).
     */
    private static final int SMALL_HEAD = 576;

    public static int of(int frameLength) {
        int head = align64(frameLength + LL_RESERVE) + SHARED_INFO;
        // kmalloc_reserve(): a small head comes from skb_small_head_cache, the rest from the kmalloc slabs
        return (head <= SMALL_HEAD ? SMALL_HEAD : slab(head)) + SK_BUFF;
    }

    private static int align64(int n) {
        return (n + 63) & ~63;
    }

    /** kmalloc_size_roundup() above the small heads: the power-of-two kmalloc caches, page-sized beyond 8 KiB. */
    private static int slab(int n) {
        if (n > 8192) {
            return align64(n);
        }
        return Integer.highestOneBit(n - 1) << 1;
    }
}
