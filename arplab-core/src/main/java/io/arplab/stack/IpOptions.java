package io.arplab.stack;

import io.arplab.wire.Bytes;
import io.arplab.wire.EthernetView;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.Ipv4View;
import java.util.function.IntSupplier;

/**
 * net/ipv4/ip_options.c: struct ip_options and what the kernel does with it. Record route (IPOPT_RR) is modelled:
 * the sender's slot at ip_options_build(), each receiver's at ip_options_compile() (fib_compute_spec_dst()), each
 * router's at ip_forward_options(), the answer's room at ip_options_echo(). So is the timestamp option (IPOPT_TS: only
 * times, times with addresses, or times for prespecified addresses), stamped by the sender at ip_options_build() and
 * by every receiver, router or not, at ip_options_compile() (inet_current_timestamp(): ms since midnight UTC), its
 * overflow counted once full. Source route options are checked for their length and carried, not acted on.
 */
final class IpOptions {
    static final int IPOPT_END = 0;
    static final int IPOPT_NOOP = 1;
    static final int IPOPT_RR = 7;
    static final int IPOPT_TIMESTAMP = 68;
    static final int IPOPT_TS_TSONLY = 0;
    static final int IPOPT_TS_TSANDADDR = 1;
    static final int IPOPT_TS_PRESPEC = 3;
    /** The copied bit of an option type (IPOPT_COPIED()): the option goes into every fragment. */
    private static final int IPOPT_COPY = 0x80;
    private static final int IPOPT_MINOFF = 4;
    private static final int MAX_IPOPTLEN = 40;
    private static final int IPH = Ipv4View.MIN_HEADER_LENGTH;

    /** The option bytes (__data), padded to a multiple of 4; for a received datagram, a copy of its header's. */
    final byte[] data;
    /** Offsets from the start of the IPv4 header, as the kernel keeps them (0: absent). */
    int rr;
    boolean rrNeedaddr;
    int ts;
    boolean tsNeedaddr;
    boolean tsNeedtime;
    boolean isChanged;
    /** Where a malformed option was found, from the start of the IPv4 header (the Parameter Problem pointer); -1. */
    int ppPtr = -1;

    private IpOptions(byte[] data) {
        this.data = data;
    }

    int optlen() {
        return data.length;
    }

    /**
     * ip_options_get(): the bytes given to setsockopt(IP_OPTIONS), padded with IPOPT_END to a multiple of four and
     * compiled without a packet (a record route's first slot is left for ip_options_build()). Null: EINVAL.
     */
    static IpOptions get(byte[] raw, Netns ns) {
        if (raw.length > MAX_IPOPTLEN) {
            return null;
        }
        byte[] d = new byte[(raw.length + 3) & ~3];
        System.arraycopy(raw, 0, d, 0, raw.length);
        IpOptions opt = new IpOptions(d);
        opt.compileAt(d, 0, null, ns, 0);
        return opt.ppPtr >= 0 ? null : opt;
    }

    /**
     * __ip_options_compile() of a received datagram (IPv4 header at {@code iph} of {@code frame}, options in place):
     * a record route with room gets {@code specDst} (fib_compute_spec_dst()) in its next slot, a timestamp option
     * {@code ns}'s time of {@code now} (and {@code specDst}). Check {@link #ppPtr}.
     */
    static IpOptions compile(byte[] frame, int iph, IntSupplier specDst, Netns ns, long now) {
        int hl = (Bytes.u8(frame, iph) & 0x0f) * 4;
        IpOptions opt = new IpOptions(new byte[hl - IPH]);
        opt.compileAt(frame, iph + IPH, specDst, ns, now);
        System.arraycopy(frame, iph + IPH, opt.data, 0, opt.data.length);
        return opt;
    }

    /**
     * The control block of a datagram whose options were compiled on the way in (a reassembled datagram's, from its
     * first fragment): found again without writing (a record route's slot was taken when its pointer moved).
     */
    static IpOptions compiled(byte[] frame, int iph) {
        int hl = (Bytes.u8(frame, iph) & 0x0f) * 4;
        byte[] copy = new byte[hl - IPH];
        System.arraycopy(frame, iph + IPH, copy, 0, copy.length);
        IpOptions opt = new IpOptions(copy);
        opt.compileAt(copy.clone(), 0, null, null, 0);
        if (opt.rr != 0) {
            int s = opt.rr - IPH;
            int ptr = Bytes.u8(copy, s + 2);
            opt.rrNeedaddr = ptr > IPOPT_MINOFF && ptr - 4 <= Bytes.u8(copy, s + 1);
        }
        if (opt.ts != 0) {
            int s = opt.ts - IPH;
            int ptr = Bytes.u8(copy, s + 2);
            int flag = Bytes.u8(copy, s + 3) & 0xf;
            opt.tsNeedtime = ptr > IPOPT_MINOFF + 1 && ptr - 4 <= Bytes.u8(copy, s + 1);
            opt.tsNeedaddr = opt.tsNeedtime && flag == IPOPT_TS_TSANDADDR;
        }
        opt.ppPtr = -1;
        return opt;
    }

    /** __ip_options_compile() over {@code buf} from {@code start}; {@code specDst} null when there is no packet. */
    private void compileAt(byte[] buf, int start, IntSupplier specDst, Netns ns, long now) {
        int p = start;
        for (int l = data.length; l > 0; ) {
            int type = Bytes.u8(buf, p);
            if (type == IPOPT_END) {
                for (p++, l--; l > 0; p++, l--) {
                    if (buf[p] != IPOPT_END) {
                        buf[p] = IPOPT_END;
                        isChanged = true;
                    }
                }
                return;
            }
            if (type == IPOPT_NOOP) {
                l--;
                p++;
                continue;
            }
            int at = p - start + IPH; // from the start of the IPv4 header
            if (l < 2) {
                ppPtr = at;
                return;
            }
            int optlen = Bytes.u8(buf, p + 1);
            if (optlen < 2 || optlen > l) {
                ppPtr = at;
                return;
            }
            if (type == IPOPT_RR) {
                if (rr != 0) {
                    ppPtr = at;
                    return;
                }
                if (optlen < 3) {
                    ppPtr = at + 1;
                    return;
                }
                int ptr = Bytes.u8(buf, p + 2);
                if (ptr < IPOPT_MINOFF) {
                    ppPtr = at + 2;
                    return;
                }
                if (ptr <= optlen) {
                    if (ptr + 3 > optlen) {
                        ppPtr = at + 2;
                        return;
                    }
                    if (specDst != null) {
                        Bytes.put32(buf, p + ptr - 1, specDst.getAsInt());
                        isChanged = true;
                    }
                    Bytes.put8(buf, p + 2, ptr + 4);
                    rrNeedaddr = true;
                }
                rr = at;
            } else if (type == IPOPT_TIMESTAMP) {
                if (!timestamp(buf, p, at, optlen, specDst, ns, now)) {
                    return;
                }
            }
            l -= optlen;
            p += optlen;
        }
    }

    /** __ip_options_compile()'s IPOPT_TIMESTAMP case at {@code buf[p]}; false when malformed ({@link #ppPtr} set). */
    private boolean timestamp(byte[] buf, int p, int at, int optlen, IntSupplier specDst, Netns ns, long now) {
        if (ts != 0) {
            ppPtr = at;
            return false;
        }
        if (optlen < 4) {
            ppPtr = at + 1;
            return false;
        }
        int ptr = Bytes.u8(buf, p + 2);
        if (ptr < 5) {
            ppPtr = at + 2;
            return false;
        }
        int flags = Bytes.u8(buf, p + 3);
        if (ptr <= optlen) {
            int timeptr = -1;
            if (ptr + 3 > optlen) {
                ppPtr = at + 2;
                return false;
            }
            switch (flags & 0xf) {
                case IPOPT_TS_TSONLY -> {
                    if (specDst != null) {
                        timeptr = p + ptr - 1;
                    }
                    tsNeedtime = true;
                    Bytes.put8(buf, p + 2, ptr + 4);
                }
                case IPOPT_TS_TSANDADDR -> {
                    if (ptr + 7 > optlen) {
                        ppPtr = at + 2;
                        return false;
                    }
                    if (specDst != null) {
                        Bytes.put32(buf, p + ptr - 1, specDst.getAsInt());
                        timeptr = p + ptr + 3;
                    }
                    tsNeedaddr = true;
                    tsNeedtime = true;
                    Bytes.put8(buf, p + 2, ptr + 8);
                }
                case IPOPT_TS_PRESPEC -> {
                    if (ptr + 7 > optlen) {
                        ppPtr = at + 2;
                        return false;
                    }
                    if (ns == null || !ns.isUnicastAddress(Bytes.i32(buf, p + ptr - 1))) {
                        if (specDst != null) {
                            timeptr = p + ptr + 3;
                        }
                        tsNeedtime = true;
                        Bytes.put8(buf, p + 2, ptr + 8);
                    }
                }
                default -> {
                    if (specDst == null) { // a user's unknown flag: CAP_NET_RAW, which ping has dropped
                        ppPtr = at + 3;
                        return false;
                    }
                }
            }
            if (timeptr >= 0) {
                Bytes.put32(buf, timeptr, ns.inetCurrentTimestamp(now));
                isChanged = true;
            }
        } else if ((flags & 0xf) != IPOPT_TS_PRESPEC) {
            int overflow = flags >>> 4;
            if (overflow == 15) {
                ppPtr = at + 3;
                return false;
            }
            if (specDst != null) {
                Bytes.put8(buf, p + 3, (flags & 0xf) | (overflow + 1) << 4);
                isChanged = true;
            }
        }
        ts = at;
        return true;
    }

    /**
     * ip_options_echo(): the options an answer to this datagram carries: its record route and timestamp with the next
     * slot taken (a prespecified one only when the address there is ours), padded with IPOPT_END. Null: -EINVAL (no
     * answer is sent).
     */
    IpOptions echo(Netns ns) {
        if (data.length == 0 || rr == 0 && ts == 0) {
            return new IpOptions(new byte[0]);
        }
        int rrlen = rr == 0 ? 0 : Bytes.u8(data, rr - IPH + 1);
        int tslen = ts == 0 ? 0 : Bytes.u8(data, ts - IPH + 1);
        byte[] d = new byte[(rrlen + tslen + 3) & ~3];
        IpOptions dopt = new IpOptions(d);
        if (rr != 0) {
            int s = rr - IPH;
            int soffset = Bytes.u8(data, s + 2);
            System.arraycopy(data, s, d, 0, rrlen);
            dopt.rr = IPH;
            if (rrNeedaddr && soffset <= rrlen) {
                if (soffset + 3 > rrlen) {
                    return null;
                }
                Bytes.put8(d, 2, soffset + 4);
                dopt.rrNeedaddr = true;
            }
        }
        if (ts != 0) {
            int s = ts - IPH;
            int soffset = Bytes.u8(data, s + 2);
            System.arraycopy(data, s, d, rrlen, tslen);
            dopt.ts = IPH + rrlen;
            if (soffset <= tslen) {
                if (tsNeedaddr) {
                    if (soffset + 3 > tslen) {
                        return null;
                    }
                    dopt.tsNeedaddr = true;
                    soffset += 4;
                }
                if (tsNeedtime) {
                    if (soffset + 3 > tslen) {
                        return null;
                    }
                    if ((d[rrlen + 3] & 0xf) != IPOPT_TS_PRESPEC) {
                        dopt.tsNeedtime = true;
                        soffset += 4;
                    } else if (soffset + 7 <= tslen && !ns.isUnicastAddress(Bytes.i32(d, rrlen + soffset - 1))) {
                        dopt.tsNeedtime = true;
                        soffset += 8;
                    }
                }
                Bytes.put8(d, rrlen + 2, soffset);
            }
        }
        return dopt;
    }

    /**
     * ip_options_build() on a datagram built with a bare 20-byte header at {@code frame[14]}: a copy with the options
     * after that header (IHL and total length grown, checksum recomputed) and {@code source} (ip_rt_get_source() of
     * an output route: the datagram's source) in the record route's slot, and in the timestamp's {@code midtime}
     * (inet_current_timestamp()) and {@code source} as it asks.
     */
    byte[] build(byte[] frame, int source, int midtime) {
        int eth = EthernetView.HEADER_LENGTH;
        if (data.length == 0) {
            return frame;
        }
        byte[] f = new byte[frame.length + data.length];
        System.arraycopy(frame, 0, f, 0, eth + IPH);
        System.arraycopy(data, 0, f, eth + IPH, data.length);
        System.arraycopy(frame, eth + IPH, f, eth + IPH + data.length, frame.length - eth - IPH);
        Bytes.put8(f, eth, 0x40 | (IPH + data.length) / 4);
        Bytes.put16(f, eth + 2, Bytes.u16(frame, eth + 2) + data.length);
        if (rrNeedaddr) {
            Bytes.put32(f, eth + rr + Bytes.u8(f, eth + rr + 2) - 5, source);
        }
        if (ts != 0) {
            int ptr = Bytes.u8(f, eth + ts + 2);
            if (tsNeedaddr) {
                Bytes.put32(f, eth + ts + ptr - 9, source);
            }
            if (tsNeedtime) {
                Bytes.put32(f, eth + ts + ptr - 5, midtime);
            }
        }
        sendCheck(f, eth);
        return f;
    }

    /**
     * ip_forward_options(): a router writes {@code source} (ip_rt_get_source() of the forwarding route) in the slot
     * ip_options_compile() took, then the header checksum.
     */
    void forward(byte[] frame, int iph, int source) {
        if (rrNeedaddr) {
            Bytes.put32(frame, iph + rr + Bytes.u8(frame, iph + rr + 2) - 5, source);
            isChanged = true;
        }
        if (isChanged) {
            isChanged = false;
            sendCheck(frame, iph);
        }
    }

    /**
     * ip_options_fragment(): the header of every fragment after the first: options without the copied bit become
     * IPOPT_NOOP.
     */
    static void fragment(byte[] frame, int iph) {
        int p = iph + IPH;
        int l = (Bytes.u8(frame, iph) & 0x0f) * 4 - IPH;
        while (l > 0) {
            int type = Bytes.u8(frame, p);
            if (type == IPOPT_END) {
                return;
            }
            if (type == IPOPT_NOOP) {
                l--;
                p++;
                continue;
            }
            int optlen = Bytes.u8(frame, p + 1);
            if (optlen < 2 || optlen > l) {
                return;
            }
            if ((type & IPOPT_COPY) == 0) {
                java.util.Arrays.fill(frame, p, p + optlen, (byte) IPOPT_NOOP);
            }
            l -= optlen;
            p += optlen;
        }
    }

    /** ip_send_check(). */
    private static void sendCheck(byte[] frame, int iph) {
        int hl = (Bytes.u8(frame, iph) & 0x0f) * 4;
        Bytes.put16(frame, iph + 10, 0);
        Bytes.put16(frame, iph + 10, InternetChecksum.compute(frame, iph, hl));
    }
}
