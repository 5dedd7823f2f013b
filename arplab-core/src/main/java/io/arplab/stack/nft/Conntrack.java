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

    /** struct nf_conn, as much of it as nft reads. */
    static final class Entry {
        long status = CONFIRMED;
        long mark;
        long expires;
    }

    private record Tuple(int src, int dst, int proto, int a, int b) {}

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
        p.ctState = INVALID;
        if (p.protocol != 0x0800 || f.length < ip + 20) {
            return;
        }
        int ihl = (f[ip] & 0x0f) * 4;
        int proto = f[ip + 9] & 0xff;
        int src = io.arplab.wire.Bytes.u16(f, ip + 12) << 16 | io.arplab.wire.Bytes.u16(f, ip + 14);
        int dst = io.arplab.wire.Bytes.u16(f, ip + 16) << 16 | io.arplab.wire.Bytes.u16(f, ip + 18);
        int l4 = ip + ihl;
        Tuple orig;
        Tuple reply;
        long timeout = 30_000_000_000L;
        if (proto == 1) {
            if (f.length < l4 + 8) {
                return;
            }
            int type = f[l4] & 0xff;
            if (type == 3 || type == 4 || type == 5 || type == 11 || type == 12) {
                related(p, f, l4 + 8);
                return;
            }
            int id = io.arplab.wire.Bytes.u16(f, l4 + 4);
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
            orig = new Tuple(src, dst, 1, id, type);
            reply = new Tuple(dst, src, 1, id, answer);
            if (type == 0 || type == 14 || type == 16 || type == 18) {
                Found found = live(orig, p.now);
                if (found == null || !found.reply()) {
                    return; // icmp_new(): only a request starts a connection
                }
            }
        } else if ((proto == 6 || proto == 17) && f.length >= l4 + 4) {
            int sport = io.arplab.wire.Bytes.u16(f, l4);
            int dport = io.arplab.wire.Bytes.u16(f, l4 + 2);
            orig = new Tuple(src, dst, proto, sport, dport);
            reply = new Tuple(dst, src, proto, dport, sport);
            timeout = proto == 6 ? 120_000_000_000L : timeout;
        } else {
            orig = new Tuple(src, dst, proto, 0, 0);
            reply = new Tuple(dst, src, proto, 0, 0);
            timeout = 600_000_000_000L; // nf_conntrack_generic_timeout
        }
        Found found = live(orig, p.now);
        if (found == null) {
            if (!in) {
                return;
            }
            Entry e = new Entry();
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
        } else {
            p.ctState = (e.status & SEEN_REPLY) != 0 ? ESTABLISHED : NEW;
        }
    }

    /** icmp_error_message(): an error quoting a packet of a tracked connection is related to it. */
    private void related(Packet p, byte[] f, int inner) {
        if (f.length < inner + 20) {
            return;
        }
        int ihl = (f[inner] & 0x0f) * 4;
        int proto = f[inner + 9] & 0xff;
        int src = io.arplab.wire.Bytes.u16(f, inner + 12) << 16 | io.arplab.wire.Bytes.u16(f, inner + 14);
        int dst = io.arplab.wire.Bytes.u16(f, inner + 16) << 16 | io.arplab.wire.Bytes.u16(f, inner + 18);
        int l4 = inner + ihl;
        Tuple t;
        if (proto == 1 && f.length >= l4 + 8) {
            t = new Tuple(src, dst, 1, io.arplab.wire.Bytes.u16(f, l4 + 4), f[l4] & 0xff);
        } else if ((proto == 6 || proto == 17) && f.length >= l4 + 4) {
            t = new Tuple(src, dst, proto, io.arplab.wire.Bytes.u16(f, l4), io.arplab.wire.Bytes.u16(f, l4 + 2));
        } else {
            t = new Tuple(src, dst, proto, 0, 0);
        }
        Found found = live(t, p.now);
        if (found != null) {
            p.ct = found.entry();
            p.ctState = RELATED;
        }
    }

    private Found live(Tuple t, long now) {
        Found found = table.get(t);
        if (found != null && found.entry().expires <= now) {
            table.values().removeIf(x -> x.entry() == found.entry());
            return null;
        }
        return found;
    }
}
