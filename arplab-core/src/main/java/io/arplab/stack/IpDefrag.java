package io.arplab.stack;

import io.arplab.wire.Bytes;
import io.arplab.wire.InternetChecksum;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * IPv4 reassembly (net/ipv4/ip_fragment.c): fragments are queued per (source, destination, id, protocol) until the
 * whole datagram is there; a queue not completed within ipfrag_time (30 s) is dropped, with an ICMP "fragment
 * reassembly time exceeded" if its first fragment arrived. Overlapping fragments discard the queue (RFC 5722 style,
 * as Linux does since 4.19); memory stays below ipfrag_high_thresh.
 */
final class IpDefrag {
    static final long IPFRAG_TIME = 30 * NeighParams.SECOND;
    static final int HIGH_THRESH = 4 * 1024 * 1024;
    private static final int ETH = 14;

    private static final class Queue {
        final long expires;
        final List<byte[]> fragments = new ArrayList<>(4);
        int totalLength = -1; // payload length, known once the last fragment arrived
        int bytes;
        byte[] first;

        Queue(long expires) {
            this.expires = expires;
        }
    }

    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private int memory;

    long nextDeadline() {
        long d = Long.MAX_VALUE;
        for (Queue q : queues.values()) {
            d = Math.min(d, q.expires);
        }
        return d;
    }

    boolean isEmpty() {
        return queues.isEmpty();
    }

    /** Drops queues expired by {@code now}; hands each one's first fragment (if it came) to {@code timedOut}. */
    void expire(long now, Consumer<byte[]> timedOut) {
        for (Iterator<Queue> it = queues.values().iterator(); it.hasNext(); ) {
            Queue q = it.next();
            if (q.expires <= now) {
                it.remove();
                memory -= q.bytes;
                if (q.first != null) {
                    timedOut.accept(q.first);
                }
            }
        }
    }

    /**
     * Adds one fragment (a frame with its IPv4 header at 14, the datagram complete as its total length says).
     * Returns the reassembled frame (Ethernet room + one datagram) when this fragment completes it, else null.
     */
    byte[] add(long now, byte[] frame) {
        int hl = (Bytes.u8(frame, ETH) & 0x0f) * 4;
        int tot = Bytes.u16(frame, ETH + 2);
        int fragWord = Bytes.u16(frame, ETH + 6);
        int offset = (fragWord & 0x1fff) * 8;
        boolean more = (fragWord & 0x2000) != 0;
        int len = tot - hl;
        if (len <= 0 || more && (len & 7) != 0 || offset + len > 65535 - hl) {
            return null; // ip_frag_queue(): a bogus fragment is dropped
        }
        String key = Bytes.hex(frame, ETH + 12, 8) + Bytes.hex(frame, ETH + 4, 2) + Bytes.u8(frame, ETH + 9);
        Queue q = queues.get(key);
        if (q == null) {
            if (memory + tot > HIGH_THRESH) {
                return null;
            }
            q = new Queue(now + IPFRAG_TIME);
            queues.put(key, q);
        }
        if (!more) {
            if (q.totalLength >= 0 && q.totalLength != offset + len) {
                drop(key, q);
                return null;
            }
            q.totalLength = offset + len;
        }
        for (byte[] f : q.fragments) {
            int fo = (Bytes.u16(f, ETH + 6) & 0x1fff) * 8;
            int fl = Bytes.u16(f, ETH + 2) - (Bytes.u8(f, ETH) & 0x0f) * 4;
            if (offset < fo + fl && fo < offset + len) {
                if (fo == offset && fl == len) {
                    return null; // an exact duplicate is ignored
                }
                drop(key, q);
                return null;
            }
        }
        byte[] copy = java.util.Arrays.copyOf(frame, ETH + tot);
        q.fragments.add(copy);
        q.bytes += tot;
        memory += tot;
        if (offset == 0) {
            q.first = copy;
        }
        if (q.totalLength < 0 || q.first == null) {
            return null;
        }
        int covered = 0;
        for (byte[] f : q.fragments) {
            covered += Bytes.u16(f, ETH + 2) - (Bytes.u8(f, ETH) & 0x0f) * 4;
        }
        if (covered != q.totalLength) {
            return null;
        }
        queues.remove(key);
        memory -= q.bytes;
        int fhl = (Bytes.u8(q.first, ETH) & 0x0f) * 4;
        byte[] whole = new byte[ETH + fhl + q.totalLength];
        System.arraycopy(q.first, 0, whole, 0, ETH + fhl);
        for (byte[] f : q.fragments) {
            int fo = (Bytes.u16(f, ETH + 6) & 0x1fff) * 8;
            int fh = (Bytes.u8(f, ETH) & 0x0f) * 4;
            int fl = Bytes.u16(f, ETH + 2) - fh;
            System.arraycopy(f, ETH + fh, whole, ETH + fhl + fo, fl);
        }
        Bytes.put16(whole, ETH + 2, fhl + q.totalLength);
        Bytes.put16(whole, ETH + 6, Bytes.u16(whole, ETH + 6) & 0x4000); // keep DF, clear MF and offset
        Bytes.put16(whole, ETH + 10, 0);
        Bytes.put16(whole, ETH + 10, InternetChecksum.compute(whole, ETH, fhl));
        return whole;
    }

    private void drop(String key, Queue q) {
        queues.remove(key);
        memory -= q.bytes;
    }

    /**
     * ip_fragment(): splits a frame (IPv4 at 14) into fragments fitting {@code mtu}. Every fragment has the whole
     * header; after the first, options without the copied bit are IPOPT_NOOP (ip_options_fragment()). Each fragment
     * has room for Ethernet.
     */
    static List<byte[]> fragment(byte[] frame, int mtu) {
        int hl = (Bytes.u8(frame, ETH) & 0x0f) * 4;
        int tot = Bytes.u16(frame, ETH + 2);
        int payload = tot - hl;
        int baseOffset = (Bytes.u16(frame, ETH + 6) & 0x1fff) * 8;
        boolean baseMore = (Bytes.u16(frame, ETH + 6) & 0x2000) != 0;
        List<byte[]> out = new ArrayList<>();
        byte[] header = java.util.Arrays.copyOfRange(frame, ETH, ETH + hl);
        int done = 0;
        while (done < payload) {
            int room = (mtu - hl) & ~7;
            int len = Math.min(room, payload - done);
            boolean last = done + len >= payload;
            byte[] f = new byte[ETH + hl + len];
            System.arraycopy(header, 0, f, ETH, hl);
            if (done == 0 && hl > 20) {
                IpOptions.fragment(header, 0);
            }
            Bytes.put8(f, ETH, 0x40 | (hl / 4));
            System.arraycopy(frame, ETH + hl + done, f, ETH + hl, len);
            Bytes.put16(f, ETH + 2, hl + len);
            int word = ((baseOffset + done) / 8) | (last && !baseMore ? 0 : 0x2000);
            Bytes.put16(f, ETH + 6, word);
            Bytes.put16(f, ETH + 10, 0);
            Bytes.put16(f, ETH + 10, InternetChecksum.compute(f, ETH, hl));
            out.add(f);
            done += len;
        }
        return out;
    }
}
