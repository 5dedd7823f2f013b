package io.arplab.wire.tcpdump;

/** in_cksum.c: the Internet checksum, as a value in network byte order. */
final class Checksum {
    private Checksum() {}

    /** One's-complement sum of big-endian 16-bit words; an odd last byte is the high half of a word. */
    static long sum(byte[] b, int off, int len, long sum) {
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (b[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Folds a sum and complements it: 0 when the data (checksum field included) is intact. */
    static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    static int cksum(byte[] b, int off, int len) {
        return finish(sum(b, off, len, 0));
    }

    /** in_cksum_shouldbe(): the checksum field value that would have made the sum come out right. */
    static int shouldBe(int sum, int computed) {
        int shouldbe = sum + computed;
        shouldbe = (shouldbe & 0xffff) + (shouldbe >>> 16);
        shouldbe = (shouldbe & 0xffff) + (shouldbe >>> 16);
        return shouldbe & 0xffff;
    }
}
