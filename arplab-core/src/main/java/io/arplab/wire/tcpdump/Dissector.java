package io.arplab.wire.tcpdump;

/**
 * The state one frame is printed with: tcpdump's netdissect_options. Reads are bounds-checked against the
 * current snapshot end, like the GET_ macros; a read past it throws {@link Truncated}. Printers narrow the
 * snapshot end to a header's own length with {@link #push} / {@link #pop} (nd_push_snaplen()).
 */
final class Dissector {
    final boolean numeric;
    final boolean eflag;
    final int vflag;
    /** -q (ndo_qflag). */
    final boolean qflag;
    /** -x / -X given: the raw dump comes at the end, so printers do not dump unknown payloads themselves. */
    final boolean suppressDefaultPrint;

    byte[] p;
    int snapend;
    int caplen;
    /** Name printed in {@code [|name]} when a read runs off the captured bytes (ndo_protocol). */
    String protocol;
    StringBuilder out;
    /** A printer's local buffer (icmp_print()'s buf), copied out before any nested printer runs. */
    final StringBuilder scratch = new StringBuilder(256);

    /** Per-capture TCP conversation state (relative sequence numbers). */
    TcpPrinter tcp;

    /** print-isakmp.c's cookie cache of IKEv1 initiators, kept for the whole capture. */
    IsakmpPrinter isakmp;

    /** get_upperlayer()'s protocol out-parameter. */
    int upperProto;

    private int[] saved = new int[16];
    private int depth;

    Dissector(TcpdumpOptions options) {
        this.numeric = options.numeric();
        this.eflag = options.linkHeader();
        this.vflag = options.verbosity();
        this.qflag = options.quick();
        // -x, -X and -q (not -A) suppress the default dump of unknown payloads
        this.suppressDefaultPrint = options.hexDump() > 0 && options.hexDump() < 5 || options.quick();
    }

    void reset(byte[] data, StringBuilder out) {
        this.p = data;
        this.caplen = data.length;
        this.snapend = data.length;
        this.out = out;
        this.protocol = "";
        this.depth = 0;
    }

    int u8(int off) {
        if (off < 0 || off >= snapend) {
            throw Truncated.INSTANCE;
        }
        return p[off] & 0xff;
    }

    int u16(int off) {
        if (off < 0 || off > snapend - 2) {
            throw Truncated.INSTANCE;
        }
        return ((p[off] & 0xff) << 8) | (p[off + 1] & 0xff);
    }

    int u16le(int off) {
        if (off < 0 || off > snapend - 2) {
            throw Truncated.INSTANCE;
        }
        return (p[off] & 0xff) | ((p[off + 1] & 0xff) << 8);
    }

    int u24(int off) {
        if (off < 0 || off > snapend - 3) {
            throw Truncated.INSTANCE;
        }
        return ((p[off] & 0xff) << 16) | ((p[off + 1] & 0xff) << 8) | (p[off + 2] & 0xff);
    }

    long u32(int off) {
        if (off < 0 || off > snapend - 4) {
            throw Truncated.INSTANCE;
        }
        return (((p[off] & 0xffL) << 24) | ((p[off + 1] & 0xff) << 16) | ((p[off + 2] & 0xff) << 8)
                | (p[off + 3] & 0xff));
    }

    /** ND_TTEST_LEN: are {@code len} bytes at {@code off} captured? */
    boolean ttest(int off, int len) {
        return len >= 0 && off >= 0 && off <= snapend && len <= snapend - off;
    }

    /** ND_BYTES_AVAILABLE_AFTER. */
    int available(int off) {
        return off >= 0 && off < snapend ? snapend - off : 0;
    }

    /** GET_IPADDR_STRING()/GET_IP6ADDR_STRING(): the 4- or 16-byte address at {@code off}, checked first. */
    String addrString(int off, int alen) {
        check(off, alen);
        StringBuilder sb = new StringBuilder();
        if (alen == 4) {
            Names.ipaddr(sb, p, off);
        } else {
            Names.ip6addr(sb, p, off);
        }
        return sb.toString();
    }

    /** Throws unless {@code len} bytes at {@code off} are captured (ND_TCHECK_LEN with longjmp). */
    void check(int off, int len) {
        if (!ttest(off, len)) {
            throw Truncated.INSTANCE;
        }
    }

    /** ND_TCHECK_LEN in a printer with a {@code trunc:} label: throws {@link TruncLabel} for that printer. */
    void tcheck(int off, int len) {
        if (!ttest(off, len)) {
            throw TruncLabel.INSTANCE;
        }
    }

    /** nd_push_snaplen(): the snapshot end may only move closer. */
    void push(int off, int len) {
        if (depth == saved.length) {
            saved = java.util.Arrays.copyOf(saved, depth * 2);
        }
        saved[depth++] = snapend;
        long remaining = (long) snapend - off;
        if (len <= remaining || remaining < 0) {
            snapend = (int) Math.min((long) off + len, caplen);
        }
    }

    /** nd_pop_packet_info(). */
    void pop() {
        if (depth > 0) {
            snapend = saved[--depth];
        }
    }

    /** nd_print_trunc(). */
    void trunc() {
        out.append(" [|").append(protocol).append(']');
    }

    /** nd_print_invalid(). */
    void invalid() {
        out.append(" (invalid)");
    }

    /** fn_print_char(): non-ASCII as M-x, controls as ^X. */
    void printChar(int c) {
        if (c >= 0x80) {
            c &= 0x7f;
            out.append("M-");
        }
        if (c < 0x20 || c == 0x7f) {
            c ^= 0x40;
            out.append('^');
        }
        out.append((char) c);
    }

    /** nd_printn(): up to n characters, stopping at the snapshot end; true when cut short. */
    boolean printn(int off, long n) {
        while (n > 0 && off < snapend) {
            n--;
            printChar(u8(off++));
        }
        return n != 0;
    }

    /** nd_printjnp(): up to n characters or a NUL; a read past the snapshot end truncates the frame. */
    void printjnp(int off, int n) {
        while (n != 0) {
            int c = u8(off);
            if (c == 0) {
                break;
            }
            printChar(c);
            n--;
            off++;
        }
    }

    /** nd_printzp() without an end pointer: up to n characters or a NUL; reads are bounds-checked. */
    void printzp(int off, int n) {
        while (n > 0) {
            n--;
            int c = u8(off++);
            if (c == 0) {
                break;
            }
            printChar(c);
        }
    }

    void hex2(int v) {
        out.append(Names.HEX[(v >> 4) & 0xf]).append(Names.HEX[v & 0xf]);
    }

    void hex4(int v) {
        hex2(v >> 8);
        hex2(v);
    }

    /** %x */
    void hex(long v) {
        Names.appendHex(out, v);
    }
}
