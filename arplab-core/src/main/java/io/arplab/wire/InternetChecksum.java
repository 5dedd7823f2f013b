package io.arplab.wire;

/**
 * The Internet checksum: the 16-bit one's complement of the one's complement sum (RFC 1071), with the
 * incremental update of RFC 1624 for routers that rewrite a field (TTL) without summing the header again.
 * Sums are kept unfolded in a long; fold once at the end.
 */
public final class InternetChecksum {
    private InternetChecksum() {}

    /**
     * Adds the big-endian 16-bit words of {@code b[off, off+len)} to {@code sum}; an odd last byte is padded with
     * zero (RFC 1071 §4.1). Reads 64 bits at a time and adds them as two 32-bit words: the sum is the same modulo
     * 0xffff (RFC 1071 §2 (B) and (C), deferred carries), which is all {@link #fold} keeps.
     */
    public static long add(long sum, byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        for (; i <= end - 8; i += 8) {
            long x = BigEndian.i64(b, i);
            sum += (x >>> 32) + (x & 0xffff_ffffL);
        }
        if (end - i >= 4) {
            sum += BigEndian.u32(b, i);
            i += 4;
        }
        if (end - i >= 2) {
            sum += BigEndian.u16(b, i);
            i += 2;
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Adds one 16-bit word. */
    public static long addWord(long sum, int word) {
        return sum + (word & 0xffff);
    }

    /** Folds the carries back in (end-around carry) to a 16-bit one's complement sum. */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The checksum to put in the field: ~fold(sum). */
    public static int finish(long sum) {
        return ~fold(sum) & 0xffff;
    }

    /** Checksum of {@code b[off, off+len)} with the checksum field itself counted as it is (zero it first). */
    public static int compute(byte[] b, int off, int len) {
        return finish(add(0, b, off, len));
    }

    /** True when the bytes, their checksum field included, sum to 0xffff (RFC 1071 §1 "verify"). */
    public static boolean verify(byte[] b, int off, int len) {
        return fold(add(0, b, off, len)) == 0xffff;
    }

    /** Sum of the UDP/TCP pseudo-header (RFC 768): source, destination, zero + protocol, length. */
    public static long pseudoHeader(int source, int destination, int protocol, int length) {
        return (long) (source >>> 16) + (source & 0xffff) + (destination >>> 16) + (destination & 0xffff) + protocol + length;
    }

    /**
     * The new checksum after one 16-bit word of the covered data changed from {@code oldWord} to {@code newWord}:
     * HC' = ~(~HC + ~m + m') (RFC 1624 §3, eqn. 3), which never yields the -0 that eqn. 2 can.
     */
    public static int update(int checksum, int oldWord, int newWord) {
        long sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return finish(sum);
    }
}
