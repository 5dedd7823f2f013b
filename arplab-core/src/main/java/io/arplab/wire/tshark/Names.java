package io.arplab.wire.tshark;

import io.arplab.wire.Ipv6Address;

/** Address and number texts as epan's address_to_str() and the printf formats of the dissectors give them. */
final class Names {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Names() {}

    static void hex2(StringBuilder sb, int b) {
        sb.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }

    /** ether_to_str(): six lower-case bytes joined by ':'. */
    static String mac(long addr) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            hex2(sb, (int) (addr >>> (8 * (5 - i))) & 0xff);
        }
        return sb.toString();
    }

    static String mac(byte[] b, int off) {
        long a = 0;
        for (int i = 0; i < 6; i++) {
            a = (a << 8) | (b[off + i] & 0xff);
        }
        return mac(a);
    }

    static String ipv4(byte[] b, int off) {
        return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
    }

    /** ip6_to_str(): glibc's inet_ntop(). */
    static String ipv6(byte[] b, int off) {
        return Ipv6Address.read(b, off).toString();
    }

    /** bytes_to_str(): lower-case hex without separators, cut to 36 bytes and an ellipsis (MAX_BYTE_STR_LEN). */
    static String bytes(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(2 * len);
        int n = Math.min(len, 36);
        for (int i = 0; i < n; i++) {
            hex2(sb, b[off + i] & 0xff);
        }
        if (len > n) {
            sb.append('\u2026');
        }
        return sb.toString();
    }

    /** printf's {@code %-Ns}. */
    static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    static String hex4(int v) {
        StringBuilder sb = new StringBuilder(4);
        hex2(sb, (v >> 8) & 0xff);
        hex2(sb, v & 0xff);
        return sb.toString();
    }
}
