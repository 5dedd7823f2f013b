package io.arplab.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lib/ipf.c, the userspace conntrack's IP fragment handling (on for IPv4 and IPv6 from ipf_init()): a fragment
 * meeting ct() is checked (ipf_is_valid_v4_frag(), ipf_is_valid_v6_frag(): a fragment other than the last below the
 * minimum size is invalid and counted "too small") and held in the list of its datagram (ipf_handle_frag(): source,
 * destination, IP id, protocol, zone, recirculation id), unless it overlaps one held (invalid, "overlapped"), its
 * family's handling is off or the fragments held reach the maximum; a fragment not held goes through conntrack,
 * which keys no fragment (invalid). A list made whole is reassembled (ipf_reassemble_v4_frags(), _v6_frags()) for
 * conntrack to track in the fragment's place, then its fragments are sent on with the datagram's state
 * ({@link Conntrack}); a list older than 15 s is sent on invalid with the next batch meeting ct(), or purged after 25 s
 * ({@link #postprocess}, and the clean thread's {@link #clean}).
 */
public final class Ipf {
    /** enum ipf_counter_type. */
    static final int ACCEPTED = 0, COMPL_SENT = 1, EXPD_SENT = 2, TOO_SMALL = 3, OVERLAP = 4, PURGED = 5;
    /** IPF_V4_FRAG_SIZE_LBOUND, IPF_V6_FRAG_SIZE_LBOUND, IPF_NFRAG_UBOUND. */
    public static final long V4_LBOUND = 400, V6_LBOUND = 400, NFRAG_UBOUND = 5000;
    private static final int IPV4_PACKET_MAX_SIZE = 65535, IPV4_PACKET_MAX_HDR_SIZE = 60;

    public final boolean[] enabled = {true, true};
    /** min_v4_frag_size, min_v6_frag_size (IPF_V4_FRAG_SIZE_MIN_DEF, IPF_V6_FRAG_SIZE_MIN_DEF). */
    public final long[] minFragSize = {1200, 1280};
    /** nfrag_max (IPF_MAX_FRAGS_DEFAULT). */
    public long nfragMax = 1000;
    /** nfrag: the fragments held. */
    public int nfrag;
    /** n4frag_cnt, n6frag_cnt. */
    public final long[][] counters = new long[2][6];
    /** frag_lists, in the order they were made: frag_exp_list's (ipf_expiry_list_add()). */
    private final Map<ListKey, FragList> lists = new LinkedHashMap<>();

    /** struct ipf_list_key (IPv6: no protocol). */
    private record ListKey(boolean v6, long srcHi, long src, long dstHi, long dst, long ipId, int proto, int zone,
            long recircId) {}

    /**
     * struct ipf_frag: the data bytes it holds, its key (the packet's metadata as it met ct()), the md.ct_orig_tuple
     * its buffer held then (null: none) and frame.
     */
    record Frag(int start, int end, long[] key, Conntrack.Key mdTuple, byte[] frame) {}

    /** A packet ipf adds to the batch: a fragment sent on, its key and frame as they leave ipf. */
    public record Sent(long[] key, byte[] frame) {}

    /** struct ipf_list: the fragments held, enum ipf_list_state and the expiration (ipf_expiry_list_add()). */
    static final class FragList {
        final ListKey key;
        final List<Frag> frags = new ArrayList<>();
        String state = "unused";
        final long expiration;
        /** last_sent_idx + 1: the fragments sent on so far. */
        int sent;
        /** A list made whole: its fragments as ipf_post_execute_reass_pkts() left them, to be sent. */
        List<Sent> ready;

        FragList(ListKey key, long expiration) {
            this.key = key;
            this.expiration = expiration;
        }

        boolean v6() {
            return key.v6();
        }
    }

    /** IPF_FRAG_LIST_TIMEOUT, IPF_FRAG_LIST_PURGE_TIME_ADJ (ns). */
    private static final long LIST_TIMEOUT = 15_000_000_000L, PURGE_TIME_ADJ = 10_000_000_000L;

    /** What ipf_preprocess_conntrack() did with a packet. */
    enum Verdict { PASS, INVALID, HELD }

    /** The list the last fragment held made whole (ipf's reassembled_pkt_list), until conntrack takes it. */
    FragList completed;

    /**
     * ipf_extract_frags_from_batch() for one packet: PASS when it is no fragment ipf takes (conntrack then keys it, or
     * refuses a fragment), INVALID when ipf marked it so, HELD when a list keeps it (the packet goes no further).
     */
    Verdict preprocess(long[] flow, byte[] f, int zone, Conntrack.Key mdTuple, long now) {
        boolean v6 = flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IPV6;
        int l3 = f == null ? -1 : l3(f);
        if (l3 < 0 || (flow[Slot.NW_FRAG.ordinal()] & 1) == 0 || !enabled[0] && !enabled[1]) {
            return Verdict.PASS;
        }
        int[] range = new int[2];
        boolean[] firstLast = new boolean[2];
        long ipId;
        int proto;
        if (!v6) { // ipf_is_valid_v4_frag(), ipf_v4_key_extract()
            int hdr = (f[l3] & 0xf) * 4, tot = Packet.u16(f, l3 + 2), off = Packet.u16(f, l3 + 6);
            if (tot < 20 || tot > f.length - l3 || hdr < 20 || tot < hdr || Packet.checksum(f, l3, hdr, 0) != 0) {
                return Verdict.INVALID;
            }
            firstLast[0] = (off & 0x1fff) == 0 && (off & 0x2000) != 0;
            firstLast[1] = (off & 0x1fff) != 0 && (off & 0x2000) == 0;
            if (!firstLast[1] && tot < minFragSize[0]) {
                counters[0][TOO_SMALL]++;
                return Verdict.INVALID;
            }
            range[0] = (off & 0x1fff) * 8;
            range[1] = range[0] + tot - hdr - 1;
            ipId = Packet.u16(f, l3 + 4);
            proto = f[l3 + 9] & 0xff;
        } else { // ipf_is_valid_v6_frag(), ipf_v6_key_extract()
            int frag = fragmentHeader(f, l3);
            int size = 40 + Packet.u16(f, l3 + 4);
            if (frag < 0 || size > f.length - l3) {
                return Verdict.PASS;
            }
            int offlg = Packet.u16(f, frag + 2);
            if ((offlg & 0xfff9) == 0) {
                return Verdict.PASS; // ipf_is_v6_frag(): an atomic fragment
            }
            firstLast[0] = (offlg & 0xfff8) == 0 && (offlg & 1) != 0;
            firstLast[1] = (offlg & 0xfff8) != 0 && (offlg & 1) == 0;
            if (!firstLast[1] && size < minFragSize[1]) {
                counters[1][TOO_SMALL]++;
                return Verdict.INVALID;
            }
            range[0] = (offlg & 0xfff8) + 8;
            range[1] = range[0] + (l3 + size - (frag + 8)) - 1;
            ipId = Packet.u32(f, frag + 4);
            proto = 0;
        }
        return handle(flow, f, zone, mdTuple, v6, range, firstLast, ipId, proto, now);
    }

    // ipf_handle_frag(), ipf_process_frag(): the list of the fragment's datagram takes it unless it overlaps
    private Verdict handle(long[] flow, byte[] f, int zone, Conntrack.Key mdTuple, boolean v6, int[] range,
            boolean[] firstLast, long ipId, int proto, long now) {
        int af = v6 ? 1 : 0;
        if (!enabled[af] || nfrag >= nfragMax) {
            return Verdict.PASS;
        }
        ListKey key = v6 ? new ListKey(true, flow[Slot.IPV6_SRC_HI.ordinal()], flow[Slot.IPV6_SRC_LO.ordinal()],
                flow[Slot.IPV6_DST_HI.ordinal()], flow[Slot.IPV6_DST_LO.ordinal()], ipId, proto, zone,
                flow[Slot.RECIRC_ID.ordinal()])
                : new ListKey(false, 0, flow[Slot.NW_SRC.ordinal()], 0, flow[Slot.NW_DST.ordinal()], ipId, proto, zone,
                        flow[Slot.RECIRC_ID.ordinal()]);
        FragList l = lists.get(key);
        int max = v6 ? 65535 : (int) ((IPV4_PACKET_MAX_SIZE - IPV4_PACKET_MAX_HDR_SIZE + minFragSize[0]
                - IPV4_PACKET_MAX_HDR_SIZE - 1) / (minFragSize[0] - IPV4_PACKET_MAX_HDR_SIZE));
        if (l == null) {
            l = new FragList(key, now + LIST_TIMEOUT);
            lists.put(key, l);
        } else if (l.state.equals("complete") || l.frags.size() >= max) {
            return Verdict.PASS;
        }
        for (Frag r : l.frags) { // ipf_is_frag_duped()
            if (range[0] >= r.start() && range[0] <= r.end() || range[1] >= r.start() && range[1] <= r.end()) {
                counters[af][OVERLAP]++;
                return Verdict.INVALID;
            }
        }
        l.frags.add(new Frag(range[0], range[1], flow.clone(), mdTuple, f));
        nfrag++;
        counters[af][ACCEPTED]++;
        // ipf_list_state_transition()
        boolean first = l.state.equals("first frag") || l.state.equals("first/last frag") || firstLast[0];
        boolean last = l.state.equals("last frag") || l.state.equals("first/last frag") || firstLast[1];
        l.state = first && last ? "first/last frag" : first ? "first frag" : last ? "last frag" : "other frag";
        if (first && last) {
            l.frags.sort((a, b) -> Integer.compare(a.start(), b.start())); // ipf_sort()
            boolean complete = true; // ipf_list_complete()
            for (int i = 1; i < l.frags.size(); i++) {
                complete &= l.frags.get(i - 1).end() + 1 == l.frags.get(i).start();
            }
            if (complete && reassembledSize(l) <= (v6 ? 65535 : IPV4_PACKET_MAX_SIZE)) {
                l.state = "complete";
                completed = l;
            } else if (complete) {
                l.state = "reassemble fail"; // "Unsupported big reassembled packet"
            }
        }
        return Verdict.HELD;
    }

    // ipf_reassemble_v4_frags(): ip_tot_len of the first one and the rest's data; _v6_frags(): the payload length
    // without the fragment header
    private static int reassembledSize(FragList l) {
        Frag f0 = l.frags.get(0);
        int rest = l.frags.get(l.frags.size() - 1).end() - l.frags.get(1).start() + 1;
        int l3 = l3(f0.frame());
        return (l.v6() ? Packet.u16(f0.frame(), l3 + 4) - 8 : Packet.u16(f0.frame(), l3 + 2)) + rest;
    }

    /**
     * ipf_reassemble_v4_frags(), ipf_reassemble_v6_frags(): the datagram of a complete list as conntrack sees it, the
     * first fragment's frame with the others' data after it (IPv4: the total length and MF cleared, the checksum
     * updated; IPv6: the fragment header left out, which conntrack skips the same way).
     */
    static byte[] reassemble(FragList l) {
        Frag f0 = l.frags.get(0);
        byte[] f = f0.frame();
        int l3 = l3(f), l4 = l4(f, l.v6());
        int tail = l.v6() ? l3 + 40 + Packet.u16(f, l3 + 4) : l3 + Packet.u16(f, l3 + 2);
        int hdr = l.v6() ? l3 + 40 : l4; // what comes before the data (IPv6: without the fragment header)
        int size = hdr + (tail - l4);
        for (int i = 1; i < l.frags.size(); i++) {
            size += l.frags.get(i).end() - l.frags.get(i).start() + 1;
        }
        byte[] r = new byte[size];
        System.arraycopy(f, 0, r, 0, hdr);
        System.arraycopy(f, l4, r, hdr, tail - l4);
        int at = hdr + tail - l4;
        for (int i = 1; i < l.frags.size(); i++) {
            Frag g = l.frags.get(i);
            int n = g.end() - g.start() + 1;
            System.arraycopy(g.frame(), l4(g.frame(), l.v6()), r, at, n);
            at += n;
        }
        if (l.v6()) {
            r[l3 + 6] = f[l4 - 8]; // ip6_nxt: the fragment header's next header
            Packet.setWord(r, l3 + 4, size - l3 - 40, -1, -1, false);
        } else {
            Packet.setWord(r, l3 + 6, Packet.u16(r, l3 + 6) & ~0x2000, l3 + 10, -1, false);
            Packet.setWord(r, l3 + 2, size - l3, l3 + 10, -1, false);
        }
        return r;
    }

    /**
     * ipf_post_execute_reass_pkts(): each fragment of the list, in offset order, with the datagram's conntrack
     * metadata, its addresses (IPv4: the checksum updated) and, over the first one's, its L4 header as conntrack left
     * it ({@code tracked}: the datagram's frame, NAT'ed); the list joins frag_complete_list, to be sent.
     */
    void postExecute(FragList l, long[] flow, byte[] tracked) {
        Frag f0 = l.frags.get(0);
        int l4 = l4(f0.frame(), l.v6()), l3 = l3(tracked);
        int hdr = l.v6() ? l3 + 40 : l3 + (tracked[l3] & 0xf) * 4;
        l.ready = new ArrayList<>(l.frags.size());
        for (Frag g : l.frags) {
            byte[] f = g.frame().clone();
            int gl3 = l3(f);
            if (g == f0) {
                System.arraycopy(tracked, hdr, f, l4, Math.min(f.length, gl3 + (l.v6() ? 40 + Packet.u16(f, gl3 + 4)
                        : Packet.u16(f, gl3 + 2))) - l4);
            }
            int addrs = l.v6() ? 8 : 12, len = l.v6() ? 32 : 8;
            for (int i = 0; i < len; i += 2) { // recalc_csum32() of ip_src and ip_dst
                Packet.setWord(f, gl3 + addrs + i, Packet.u16(tracked, l3 + addrs + i), l.v6() ? -1 : gl3 + 10, -1,
                        false);
            }
            long[] k = g.key().clone();
            for (Slot s : Conntrack.MD) {
                k[s.ordinal()] = flow[s.ordinal()];
            }
            for (Slot s : l.v6() ? V6_ADDRS : V4_ADDRS) {
                k[s.ordinal()] = flow[s.ordinal()];
            }
            if (g == f0) {
                k[Slot.TP_SRC.ordinal()] = flow[Slot.TP_SRC.ordinal()];
                k[Slot.TP_DST.ordinal()] = flow[Slot.TP_DST.ordinal()];
            }
            l.ready.add(new Sent(k, f));
        }
        completeList.add(l);
    }

    private static final Slot[] V4_ADDRS = {Slot.NW_SRC, Slot.NW_DST};
    private static final Slot[] V6_ADDRS = {Slot.IPV6_SRC_HI, Slot.IPV6_SRC_LO, Slot.IPV6_DST_HI, Slot.IPV6_DST_LO};
    /** frag_complete_list: the lists made whole whose fragments are not all sent yet. */
    private final List<FragList> completeList = new ArrayList<>(1);
    /** NETDEV_MAX_BURST: the packets a batch holds. */
    private static final int BATCH = 32;

    /**
     * ipf_postprocess_conntrack() after the batch went through conntrack ({@code inBatch} packets of its own, then
     * {@code out}): ipf_send_completed_frags() adds the fragments of the lists made whole, in the order they were,
     * while the batch has room (the rest wait for the next batch); ipf_send_expired_frags() the oldest list past its
     * expiration (one a batch), its fragments invalid. Both count what they send as the batch's family ({@code v6})
     * has it.
     */
    void postprocess(long now, boolean v6, List<Sent> out, int inBatch) {
        while (!completeList.isEmpty() && sendFrags(completeList.get(0), now, v6, out, inBatch, COMPL_SENT)) {
            lists.remove(completeList.remove(0).key);
        }
        for (FragList l : lists.values()) {
            if (l.state.equals("complete")) {
                continue;
            }
            if (now > l.expiration && sendFrags(l, now, v6, out, inBatch, EXPD_SENT)) {
                lists.remove(l.key);
            }
            return;
        }
    }

    // ipf_send_frags_in_list(): a list 10 s past its expiration is purged (ipf_purge_list_check()); else its
    // fragments not sent yet join the batch while it has room; true when none is left
    private boolean sendFrags(FragList l, long now, boolean v6, List<Sent> out, int inBatch, int counter) {
        if (purge(l, now)) {
            return true;
        }
        for (; l.sent < l.frags.size(); l.sent++) {
            if (inBatch + out.size() >= BATCH) {
                return false;
            }
            Sent p = l.ready != null ? l.ready.get(l.sent) : expired(l.frags.get(l.sent));
            out.add(p);
            nfrag--;
            counters[v6 ? 1 : 0][counter]++;
        }
        return true;
    }

    // an expired fragment: CS_INVALID, not tracked, the rest of its md (the original tuple too) as its buffer held it
    private static Sent expired(Frag g) {
        long[] k = g.key().clone();
        k[Slot.CT_STATE.ordinal()] = Conntrack.INV;
        XlateCt.storeOrig(k, g.mdTuple());
        return new Sent(k, g.frame());
    }

    // ipf_purge_list_check(): the fragments not sent of a list 10 s past its expiration deleted, counted "purged"
    private boolean purge(FragList l, long now) {
        if (now < l.expiration + PURGE_TIME_ADJ) {
            return false;
        }
        int left = l.frags.size() - l.sent;
        nfrag -= left;
        counters[l.v6() ? 1 : 0][PURGED] += left;
        l.sent = l.frags.size();
        return true;
    }

    /**
     * ipf_clean_thread_main(), woken when OVS's clock is warped (timewarp_run()'s seq) or every 60 s: every list 10 s
     * past its expiration purged, made whole or not.
     */
    public void clean(long now) {
        for (var it = lists.values().iterator(); it.hasNext();) {
            FragList l = it.next();
            if (purge(l, now)) {
                it.remove();
                completeList.remove(l);
            }
        }
    }

    // the L4 header's offset (after the IPv4 header, or the IPv6 fragment header)
    private static int l4(byte[] f, boolean v6) {
        int l3 = l3(f);
        return v6 ? fragmentHeader(f, l3) + 8 : l3 + (f[l3] & 0xf) * 4;
    }

    // the IP header's offset (after one VLAN tag), or -1
    static int l3(byte[] f) {
        if (f.length < 14) {
            return -1;
        }
        int l3 = (f[12] & 0xff) == 0x81 && f[13] == 0 ? 18 : 14;
        return f.length >= l3 + 20 ? l3 : -1;
    }

    // parse_ipv6_ext_hdrs(): the fragment header's offset, or -1
    private static int fragmentHeader(byte[] f, int l3) {
        int proto = f[l3 + 6] & 0xff, p = l3 + 40;
        while (p + 8 <= f.length) {
            if (proto == Ipv6Packet.FRAGMENT) {
                return p;
            }
            if (proto != Ipv6Packet.HOPOPTS && proto != Ipv6Packet.ROUTING && proto != Ipv6Packet.DSTOPTS
                    && proto != Ipv6Packet.AH) {
                return -1;
            }
            int next = f[p] & 0xff;
            p += proto == Ipv6Packet.AH ? ((f[p + 1] & 0xff) + 2) * 4 : ((f[p + 1] & 0xff) + 1) * 8;
            proto = next;
        }
        return -1;
    }

    /** dpctl/ipf-get-status: dpctl_ct_ipf_get_status()'s lines, with {@code verbose} the lists (dpctl_dump_ipf()). */
    public List<String> status(boolean verbose) {
        List<String> out = new ArrayList<>();
        String p = "        ";
        out.add(p + "Fragmentation Module Status");
        out.add(p + "---------------------------");
        out.add(p + "v4 enabled: " + (enabled[0] ? 1 : 0));
        out.add(p + "v6 enabled: " + (enabled[1] ? 1 : 0));
        out.add(p + "max num frags (v4/v6): " + nfragMax);
        out.add(p + "num frag: " + nfrag);
        String[] names = {"accepted", "completed", "expired", "too small", "overlapped", "purged"};
        for (int af = 0; af < 2; af++) {
            String v = af == 0 ? "v4" : "v6";
            out.add(p + "min " + v + " frag size: " + minFragSize[af]);
            for (int i = 0; i < names.length; i++) {
                out.add(p + v + " frags " + names[i] + ": " + counters[af][i]);
            }
        }
        if (verbose) {
            out.add("");
            out.add(p + "Fragment Lists:");
            out.add("");
            for (FragList l : lists.values()) { // ipf_dump_create()
                ListKey k = l.key;
                String addrs = k.v6() ? "src=" + MatchFormat.ipv6Masked(new U128(k.srcHi(), k.src()),
                        new U128(-1L, -1L)) + ",dst=" + MatchFormat.ipv6Masked(new U128(k.dstHi(), k.dst()),
                        new U128(-1L, -1L)) : "src=" + MatchFormat.ip(k.src()) + ",dst=" + MatchFormat.ip(k.dst());
                out.add("(" + addrs + ",recirc_id=" + k.recircId() + ",ip_id=" + k.ipId() + ",dl_type=0x"
                        + (k.v6() ? "86dd" : "800") + ",zone=" + k.zone() + ",nw_proto=" + k.proto()
                        + ",num_fragments=" + l.frags.size() + ",state=" + l.state + ")");
            }
        }
        return out;
    }
}
