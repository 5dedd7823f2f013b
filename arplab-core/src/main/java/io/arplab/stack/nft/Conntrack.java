package io.arplab.stack.nft;

import java.util.HashMap;
import java.util.Map;

/**
 * A namespace's IPv4 connection tracking as nft's ct expression sees it (net/netfilter/nf_conntrack_core.c
 * nf_conntrack_in() and resolve_normal_ct(), nf_conntrack_proto_icmp.c): running once some rule of an ip or inet
 * table uses ct (nf_ct_netns_get()), at prerouting and output before the filter chains. An entry is keyed by its
 * original and reply tuples (addresses, protocol, ports or the ICMP echo id and type); a packet of the original
 * direction is "new" until a reply was seen, then "established", a reply "established"; an ICMP error about a tracked
 * packet is "related"; an ICMP message that starts nothing (a reply without a request) is "invalid". Timeouts:
 * nf_conntrack_icmp_timeout and udp's 30 s, refreshed by every packet (tcp's 120 s, SYN_SENT's).
 */
final class Conntrack {
    /** The ct state bits (NF_CT_STATE_BIT(), NF_CT_STATE_INVALID_BIT, NF_CT_STATE_UNTRACKED_BIT). */
    static final long INVALID = 1;
    static final long ESTABLISHED = 2;
    static final long RELATED = 4;
    static final long NEW = 8;
    static final long UNTRACKED = 64;
    /** enum ip_conntrack_status: IPS_SEEN_REPLY, IPS_CONFIRMED. */
    static final long SEEN_REPLY = 2;
    static final long CONFIRMED = 8;

    /**
     * nf_conntrack_max: the entries a table holds (the kernel's default for a machine of 8 GB: nf_conntrack_htable_size
     * of one hash bucket per 16 kB of memory); a new connection past it finds no room and stays untracked, as
     * nf_conntrack_alloc()'s "table full" leaves it, once the expired entries are gone (gc_worker()).
     */
    static final int MAX = 65536;

    /** struct nf_conn, as much of it as nft reads, and its two tuples (the hash's keys). */
    static final class Entry {
        long status = CONFIRMED;
        long mark;
        /** nf_nat_initialized(): whether the destination and source manips were set up (a nat chain ran). */
        boolean natDst;
        boolean natSrc;
        /** The addresses the bindings map to (nf_nat_setup_info()), 0 for none. */
        int dnatTo;
        int snatTo;

        /** The original direction's addresses, before any binding. */
        int origSrc() {
            return orig.src();
        }

        int origDst() {
            return orig.dst();
        }
        long expires;
        private Tuple orig;
        private Tuple reply;
    }

    /** struct nf_conntrack_tuple: addresses, protocol, ports (ICMP: the echo id and the type). */
    private record Tuple(int src, int dst, int proto, int a, int b) {
        // the tuple of the IPv4 datagram at f[ip] (its header known to be there), or null when its transport header
        // is cut short (tcp_error(), udp_error(), icmp_error(): a short packet is invalid)
        static Tuple of(byte[] f, int ip) {
            int proto = f[ip + 9] & 0xff;
            int src = io.arplab.wire.Bytes.i32(f, ip + 12);
            int dst = io.arplab.wire.Bytes.i32(f, ip + 16);
            int l4 = ip + (f[ip] & 0x0f) * 4;
            if (proto == 1) {
                return f.length < l4 + 8 ? null
                        : new Tuple(src, dst, 1, io.arplab.wire.Bytes.u16(f, l4 + 4), f[l4] & 0xff);
            }
            if (proto == 6 || proto == 17) {
                return f.length < l4 + 4 ? null
                        : new Tuple(src, dst, proto, io.arplab.wire.Bytes.u16(f, l4), io.arplab.wire.Bytes.u16(f, l4 + 2));
            }
            return new Tuple(src, dst, proto, 0, 0);
        }
    }

    private record Found(Entry entry, boolean reply) {}

    private final Map<Tuple, Found> table = new HashMap<>();

    /** nf_conntrack_in(): the entry of {@code p} found or made, and its ct state. */
    void in(Packet p) {
        track(p, true);
    }

    /** The entry the skb carries at a later hook: looked up again, nothing made or changed. */
    void lookup(Packet p) {
        track(p, false);
    }

    private void track(Packet p, boolean in) {
        byte[] f = p.frame;
        int ip = p.network;
        p.ct = null;
        p.ctReply = false;
        p.ctState = INVALID;
        if (p.protocol != 0x0800 || f.length < ip + 20) {
            return;
        }
        Tuple t = Tuple.of(f, ip);
        if (t == null) {
            return;
        }
        int proto = t.proto();
        Tuple orig = t;
        Tuple reply;
        long timeout = 30_000_000_000L;
        if (proto == 1) {
            int type = t.b();
            if (type == 3 || type == 4 || type == 5 || type == 11 || type == 12) {
                related(p, f, ip + (f[ip] & 0x0f) * 4 + 8);
                return;
            }
            int answer = switch (type) { // icmp_invert_tuple()'s invmap: a request and its reply
                case 8 -> 0;
                case 13 -> 14;
                case 15 -> 16;
                case 17 -> 18;
                case 0 -> 8;
                case 14 -> 13;
                case 16 -> 15;
                case 18 -> 17;
                default -> -1;
            };
            if (answer < 0) {
                return;
            }
            reply = new Tuple(t.dst(), t.src(), 1, t.a(), answer);
            if (type == 0 || type == 14 || type == 16 || type == 18) {
                Found found = live(orig, p.now);
                if (found == null || !found.reply()) {
                    return; // icmp_new(): only a request starts a connection
                }
            }
        } else if (proto == 6 || proto == 17) {
            reply = new Tuple(t.dst(), t.src(), proto, t.b(), t.a());
            timeout = proto == 6 ? 120_000_000_000L : timeout;
        } else {
            reply = new Tuple(t.dst(), t.src(), proto, 0, 0);
            timeout = 600_000_000_000L; // nf_conntrack_generic_timeout
        }
        Found found = live(orig, p.now);
        if (found == null) {
            if (!in) {
                return;
            }
            if (table.size() >= 2 * MAX && !collect(p.now)) {
                return; // no room: untracked
            }
            Entry e = new Entry();
            e.orig = orig;
            e.reply = reply;
            table.put(orig, new Found(e, false));
            table.put(reply, new Found(e, true));
            found = new Found(e, false);
        }
        Entry e = found.entry();
        if (in) {
            e.expires = p.now + timeout;
        }
        p.ct = e;
        if (found.reply()) {
            if (in) {
                e.status |= SEEN_REPLY;
            }
            p.ctState = ESTABLISHED; // IP_CT_ESTABLISHED_REPLY
            p.ctReply = true;
        } else {
            p.ctState = (e.status & SEEN_REPLY) != 0 ? ESTABLISHED : NEW;
        }
    }

    /**
     * nf_nat_setup_info(): a binding changes the reply tuple the entry is found by (nf_conntrack_alter_reply()): the
     * reply comes from the new destination to the new source.
     */
    void bind(Entry e, boolean source, int to) {
        if (source) {
            e.snatTo = to;
        } else {
            e.dnatTo = to;
        }
        table.remove(e.reply);
        int src = e.snatTo != 0 ? e.snatTo : e.orig.src();
        int dst = e.dnatTo != 0 ? e.dnatTo : e.orig.dst();
        e.reply = new Tuple(dst, src, e.reply.proto(), e.reply.a(), e.reply.b());
        table.put(e.reply, new Found(e, true));
    }

    /** icmp_error_message(): an error quoting a packet of a tracked connection is related to it. */
    private void related(Packet p, byte[] f, int inner) {
        Tuple t = f.length < inner + 20 ? null : Tuple.of(f, inner);
        Found found = t == null ? null : live(t, p.now);
        if (found != null) {
            p.ct = found.entry();
            p.ctState = RELATED;
        }
    }

    private Found live(Tuple t, long now) {
        Found found = table.get(t);
        if (found != null && found.entry().expires <= now) {
            table.remove(found.entry().orig);
            table.remove(found.entry().reply);
            return null;
        }
        return found;
    }

    /** The connections tracked (each under its two tuples). */
    int size() {
        return table.size() / 2;
    }

    // gc_worker(): the expired entries removed, a scan at most every GC_SCAN_INTERVAL_MIN (1 s) while the table is
    // full; whether room is left
    private boolean collect(long now) {
        if (now >= nextScan) {
            table.values().removeIf(x -> x.entry().expires <= now);
            nextScan = now + 1_000_000_000L;
        }
        return table.size() < 2 * MAX;
    }

    private long nextScan = Long.MIN_VALUE;
}
