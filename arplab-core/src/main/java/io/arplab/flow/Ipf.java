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
 * which keys no fragment (invalid). Not modelled: a list completing (the reassembled datagram through conntrack, the
 * fragments sent on with its state) and a list expiring (its fragments sent on invalid, or purged).
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
    private final Map<ListKey, FragList> lists = new LinkedHashMap<>();

    /** struct ipf_list_key (IPv6: no protocol). */
    private record ListKey(boolean v6, long srcHi, long src, long dstHi, long dst, long ipId, int proto, int zone,
            long recircId) {}

    /** struct ipf_list: the byte ranges held and enum ipf_list_state. */
    private static final class FragList {
        final ListKey key;
        final List<int[]> frags = new ArrayList<>();
        String state = "unused";

        FragList(ListKey key) {
            this.key = key;
        }
    }

    /** What ipf_preprocess_conntrack() did with a packet. */
    enum Verdict { PASS, INVALID, HELD }

    /**
     * ipf_extract_frags_from_batch() for one packet: PASS when it is no fragment ipf takes (conntrack then keys it, or
     * refuses a fragment), INVALID when ipf marked it so, HELD when a list keeps it (the packet goes no further).
     */
    Verdict preprocess(long[] flow, byte[] f, int zone) {
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
        return handle(flow, zone, v6, range, firstLast, ipId, proto);
    }

    // ipf_handle_frag(), ipf_process_frag(): the list of the fragment's datagram takes it unless it overlaps
    private Verdict handle(long[] flow, int zone, boolean v6, int[] range, boolean[] firstLast, long ipId, int proto) {
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
            l = new FragList(key);
            lists.put(key, l);
        } else if (l.state.equals("complete") || l.frags.size() >= max) {
            return Verdict.PASS;
        }
        for (int[] r : l.frags) { // ipf_is_frag_duped()
            if (range[0] >= r[0] && range[0] <= r[1] || range[1] >= r[0] && range[1] <= r[1]) {
                counters[af][OVERLAP]++;
                return Verdict.INVALID;
            }
        }
        l.frags.add(range);
        nfrag++;
        counters[af][ACCEPTED]++;
        // ipf_list_state_transition()
        boolean first = l.state.equals("first frag") || l.state.equals("first/last frag") || firstLast[0];
        boolean last = l.state.equals("last frag") || l.state.equals("first/last frag") || firstLast[1];
        l.state = first && last ? "first/last frag" : first ? "first frag" : last ? "last frag" : "other frag";
        if (first && last) {
            l.frags.sort((a, b) -> Integer.compare(a[0], b[0]));
            boolean complete = true; // ipf_list_complete()
            for (int i = 1; i < l.frags.size(); i++) {
                complete &= l.frags.get(i - 1)[1] + 1 == l.frags.get(i)[0];
            }
            if (complete) {
                l.state = "complete"; // the reassembly is not modelled: the fragments stay held
            }
        }
        return Verdict.HELD;
    }

    // the IP header's offset (after one VLAN tag), or -1
    private static int l3(byte[] f) {
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
