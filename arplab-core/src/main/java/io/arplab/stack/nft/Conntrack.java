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
 * nf_conntrack_icmp_timeout and udp's 30 s, refreshed by every packet (tcp's 120 s, SYN_SENT's). A new entry is
 * the first packet's alone until __nf_conntrack_confirm() enters it in the table as the packet leaves postrouting or
 * input ({@link #confirm}): another packet does not find it, and a first packet dropped on its way takes it along.
 */
final class Conntrack {
    /** The ct state bits (NF_CT_STATE_BIT(), NF_CT_STATE_INVALID_BIT, NF_CT_STATE_UNTRACKED_BIT). */
    static final long INVALID = 1;
    static final long ESTABLISHED = 2;
    static final long RELATED = 4;
    static final long NEW = 8;
    static final long UNTRACKED = 64;
    /** enum ip_conntrack_status: IPS_SEEN_REPLY, IPS_CONFIRMED, IPS_SRC_NAT, IPS_DST_NAT, IPS_*_NAT_DONE. */
    static final long SEEN_REPLY = 2;
    static final long CONFIRMED = 8;
    static final long SRC_NAT = 16;
    static final long DST_NAT = 32;
    static final long SRC_NAT_DONE = 128;
    static final long DST_NAT_DONE = 256;

    /**
     * nf_conntrack_max: the entries a table holds (the kernel's default for a machine of 8 GB: nf_conntrack_htable_size
     * of one hash bucket per 16 kB of memory); a new connection past it finds no room and stays untracked, as
     * nf_conntrack_alloc()'s "table full" leaves it, once the expired entries are gone (gc_worker()).
     */
    static final int MAX = 65536;

    /** struct nf_conn, as much of it as nft reads, and its two tuples (the hash's keys). */
    static final class Entry {
        long status;
        /** The frame of the first packet while the entry is unconfirmed (skb->_nfct of that skb only), else null. */
        private byte[] first;
        /** The frame that last carried the entry (skb->_nfct), which a looped-back skb keeps. */
        private byte[] seen;
        long mark;
        /** nf_nat_initialized(): whether the destination and source manips were set up (a nat chain ran). */
        boolean natDst;
        boolean natSrc;
        /** The addresses the bindings map to (nf_nat_setup_info()), 0 for none, and the ports, -1 for none. */
        int dnatTo;
        int snatTo;
        int dnatPort = -1;
        int snatPort = -1;

        /** The original direction's addresses, before any binding. */
        int origSrc() {
            return orig.src();
        }

        int origDst() {
            return orig.dst();
        }

        /** ct->tuplehash[dir].tuple: the original tuple, or the reply tuple as the bindings made it. */
        Tuple tuple(boolean replyDir) {
            return replyDir ? reply : orig;
        }

        /** The original direction's source and destination ports (TCP, UDP; the ICMP id and type otherwise). */
        int origSport() {
            return orig.a();
        }

        int origDport() {
            return orig.b();
        }
        long expires;
        private Tuple orig;
        private Tuple reply;
        /** The tuple between the manips when both are bound (see {@link Conntrack#middle}), else null. */
        private Tuple mid;
    }

    /** struct nf_conntrack_tuple: addresses, protocol, ports (ICMP: the echo id and the type). */
    record Tuple(int src, int dst, int proto, int a, int b) {
        // nf_ct_invert_tuple(): the other direction's tuple (icmp_invert_tuple()'s invmap for ICMP), null for none
        Tuple inverted() {
            if (proto != 1) {
                return proto == 6 || proto == 17 ? new Tuple(dst, src, proto, b, a) : new Tuple(dst, src, proto, 0, 0);
            }
            int answer = switch (b) {
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
            return answer < 0 ? null : new Tuple(dst, src, 1, a, answer);
        }

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
        boolean error = proto == 1 && isError(t.b());
        if (!in && !error || in && !error && carriedBack(t, f, p.now)) {
            carried(p, t);
            return;
        }
        Tuple orig = t;
        Tuple reply;
        long timeout = 30_000_000_000L;
        if (proto == 1) {
            int type = t.b();
            if (isError(type)) {
                related(p, f, ip + (f[ip] & 0x0f) * 4 + 8);
                return;
            }
            reply = t.inverted();
            if (reply == null) {
                return;
            }
            if (type == 0 || type == 14 || type == 16 || type == 18) {
                Found found = visible(live(orig, p.now), f, in);
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
        Found found = visible(live(orig, p.now), f, in);
        if (found == null) {
            if (!in) {
                return;
            }
            if (table.size() >= 2 * MAX && !collect(p.now)) {
                return; // no room: untracked
            }
            Entry e = new Entry();
            e.first = f;
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
        e.seen = f;
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
     * nf_nat_setup_info(): the manip is set up (IPS_SRC_NAT_DONE, IPS_DST_NAT_DONE), by a nat statement or, when no nat
     * chain bound the connection, as a null binding (nf_nat_alloc_null_binding()).
     */
    static void manipDone(Entry e, boolean source) {
        if (source) {
            e.natSrc = true;
            e.status |= SRC_NAT_DONE;
        } else {
            e.natDst = true;
            e.status |= DST_NAT_DONE;
        }
    }

    /**
     * nf_nat_setup_info(): a binding changes the reply tuple the entry is found by (nf_conntrack_alter_reply()): the
     * reply comes from the new destination to the new source.
     */
    void bind(Entry e, boolean source, int to, int port) {
        boolean ports = e.orig.proto() == 6 || e.orig.proto() == 17;
        if (source) {
            e.snatTo = to;
            e.snatPort = ports ? port : -1;
        } else {
            e.dnatTo = to;
            e.dnatPort = ports ? port : -1;
        }
        manipDone(e, source);
        table.remove(e.reply);
        int src = e.snatTo != 0 ? e.snatTo : e.orig.src();
        int dst = e.dnatTo != 0 ? e.dnatTo : e.orig.dst();
        int a = e.dnatPort >= 0 ? e.dnatPort : e.reply.a();
        int b = e.snatPort >= 0 ? e.snatPort : e.reply.b();
        Tuple was = e.reply;
        e.reply = new Tuple(dst, src, e.reply.proto(), a, b);
        table.put(e.reply, new Found(e, true));
        if (!e.reply.equals(was)) { // a binding that changes the tuple marks the manip done
            e.status |= source ? SRC_NAT : DST_NAT;
        }
        middle(e);
    }

    private static boolean isError(int icmpType) {
        return icmpType == 3 || icmpType == 4 || icmpType == 5 || icmpType == 11 || icmpType == 12;
    }

    /**
     * nf_conntrack_in() of an skb that already carries its entry (a datagram looped back through lo after a manip
     * rewrote it: loopback_xmit() keeps skb->_nfct): found by the rewritten tuple only for that very frame.
     */
    private boolean carriedBack(Tuple t, byte[] f, long now) {
        if (live(t, now) != null) {
            return false;
        }
        Tuple inverted = t.inverted();
        Found found = inverted == null ? null : live(inverted, now);
        return found != null && found.entry().seen == f;
    }

    /**
     * The entry skb->_nfct carries to a later hook, found by the packet's tuple: as it is, or, once a manip rewrote the
     * packet, as the other direction's tuple inverted (an original packet after its dnat or snat, a reply after the
     * manip undone).
     */
    private void carried(Packet p, Tuple t) {
        Found found = live(t, p.now);
        boolean reply;
        if (found != null) {
            reply = found.reply();
        } else {
            Tuple inverted = t.inverted();
            found = inverted == null ? null : live(inverted, p.now);
            if (found != null && (found.entry().dnatTo != 0 || found.entry().snatTo != 0)) {
                reply = !found.reply();
            } else if ((found = middle.get(t)) != null && live(found.entry().orig, p.now) != null) {
                reply = found.reply(); // between a connection's two manips
            } else {
                return;
            }
        }
        Entry e = found.entry();
        e.seen = p.frame;
        p.ct = e;
        p.ctReply = reply;
        p.ctState = reply || (e.status & SEEN_REPLY) != 0 ? ESTABLISHED : NEW;
    }

    /**
     * The tuples of a connection bound by both manips as its packets are between them (an original one after its dnat
     * and before its snat, a reply after its snat was undone and before its dnat is), which the kernel never looks up
     * (the skb carries _nfct from hook to hook) but arplab's forwarded copy of the frame must.
     */
    private final Map<Tuple, Found> middle = new HashMap<>();

    private void middle(Entry e) {
        if (e.mid != null) {
            middle.remove(e.mid);
            middle.remove(e.mid.inverted());
            e.mid = null;
        }
        if (e.dnatTo != 0 && e.snatTo != 0) {
            int proto = e.orig.proto();
            e.mid = new Tuple(e.orig.src(), e.reply.src(), proto, e.orig.a(), proto == 1 ? e.orig.b() : e.reply.a());
            middle.put(e.mid, new Found(e, false));
            Tuple inv = e.mid.inverted();
            if (inv != null) {
                middle.put(inv, new Found(e, true));
            }
        }
    }

    // the entry gone from the hash, under every tuple
    private void forget(Entry e) {
        table.remove(e.orig);
        table.remove(e.reply);
        if (e.mid != null) {
            middle.remove(e.mid);
            middle.remove(e.mid.inverted());
        }
    }

    /**
     * icmp_error_message(): an error quoting a packet of a tracked connection is related to it, found by the quoted
     * tuple inverted (the error travels against the quoted packet: IP_CT_RELATED_REPLY when that is the reply tuple).
     */
    private void related(Packet p, byte[] f, int inner) {
        Tuple t = f.length < inner + 20 ? null : Tuple.of(f, inner);
        Tuple inverted = t == null ? null : t.inverted();
        Found found = inverted == null ? null : live(inverted, p.now);
        boolean reply = found != null && found.reply();
        if (found == null && t != null) { // an error whose quoted header a manip already translated
            found = live(t, p.now);
            reply = found != null && !found.reply();
        }
        if (found != null) { // an unconfirmed entry too: icmp_send() attaches the quoted skb's (nf_ct_attach())
            p.ct = found.entry();
            p.ctState = RELATED;
            p.ctReply = reply;
        }
    }

    /**
     * __nf_conntrack_confirm(): the entry of {@code p}'s first packet enters the table (IPS_CONFIRMED), as
     * ipv4_confirm() does at NF_IP_PRI_CONNTRACK_CONFIRM, after every chain of postrouting and input.
     */
    void confirm(Packet p) {
        // a packet of the reply direction (an ICMP error nf_ct_attach() gave the entry as IP_CT_RELATED_REPLY)
        // confirms nothing: CTINFO2DIR(ctinfo) != IP_CT_DIR_ORIGINAL
        if (p.ct != null && p.ct.first != null && !p.ctReply) {
            p.ct.first = null;
            p.ct.status |= CONFIRMED;
        }
    }

    /*
     * An unconfirmed entry is in no hash: only its own packet finds it again (the skb carries it to the later hooks,
     * and nf_conntrack_in() runs again for the same skb at the same hook); any other packet finds nothing, and the
     * first packet's skb, freed by a drop, took it along (nf_conntrack_destroy() of an unconfirmed entry).
     */
    private Found visible(Found found, byte[] f, boolean in) {
        if (found == null || found.entry().first == null || !in || found.entry().first == f) {
            return found;
        }
        forget(found.entry());
        return null;
    }

    private Found live(Tuple t, long now) {
        Found found = table.get(t);
        if (found != null && found.entry().expires <= now) {
            forget(found.entry());
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
            middle.values().removeIf(x -> x.entry().expires <= now);
            nextScan = now + 1_000_000_000L;
        }
        return table.size() < 2 * MAX;
    }

    private long nextScan = Long.MIN_VALUE;
}
