package io.arplab.flow;

import java.util.function.Consumer;

/**
 * The MPLS label stack of a flow (struct flow's mpls_lse[3]) as OVS 3.1 translates it: lib/flow.c
 * flow_count_mpls_labels(), flow_push_mpls(), flow_pop_mpls(), odp-util.c commit_mpls_action(), and
 * ofproto-dpif-xlate.c recirc_for_mpls().
 */
final class Mpls {
    private Mpls() {}

    static final long LABEL = 0xfffff000L, TC = 0xe00, BOS = 0x100, TTL = 0xff;
    private static final Slot[] LSE = Packet.MPLS_LSES;

    /** flow_count_mpls_labels(): the entries down to the first with BOS (each BOS bit read is unwildcarded). */
    static int count(long[] flow, long[] wc) {
        if (!Packet.isMpls(flow[Slot.DL_TYPE.ordinal()])) {
            return 0;
        }
        int cnt = 0;
        for (int i = 0; i < LSE.length; i++) {
            if (wc != null) {
                wc[LSE[i].ordinal()] |= BOS;
            }
            if ((flow[LSE[i].ordinal()] & BOS) != 0) {
                return i + 1;
            }
            if (flow[LSE[i].ordinal()] != 0) {
                cnt++;
            }
        }
        return cnt;
    }

    /** flow_count_common_mpls_labels(): how many entries the two stacks share from the bottom. */
    private static int common(long[] a, int an, long[] b, int bn) {
        int common = 0;
        for (int i = 0; i < Math.min(an, bn); i++) {
            if (a[LSE[an - 1 - i].ordinal()] != b[LSE[bn - 1 - i].ordinal()]) {
                break;
            }
            common++;
        }
        return common;
    }

    /**
     * flow_push_mpls(): on an MPLS flow a copy of the top entry without BOS (the stack matched whole); else a new
     * one (label 0, or 2 for IPv6; tc the DSCP's top bits and ttl the IP TTL, both matched, else 64) with the L3 and
     * L4 fields cleared when {@code clearL3}.
     */
    static void push(long[] flow, int n, int ethertype, long[] wc, boolean clearL3) {
        if (n > 0) {
            for (int i = 0; wc != null && i < n; i++) {
                wc[LSE[i].ordinal()] = Slot.MPLS_LSE.max;
            }
            for (int i = n; i >= 1; i--) {
                flow[LSE[i].ordinal()] = flow[LSE[i - 1].ordinal()];
            }
            flow[LSE[0].ordinal()] = flow[LSE[1].ordinal()] & ~BOS;
        } else {
            long type = flow[Slot.DL_TYPE.ordinal()];
            long label = type == Match.ETH_IPV6 ? 2 : 0, tc = 0, ttl = 64;
            if (Packet.isIpAny(type)) {
                tc = (flow[Slot.NW_TOS.ordinal()] & 0xfc) >> 2;
                if (wc != null) {
                    wc[Slot.NW_TOS.ordinal()] |= 0xfc;
                    wc[Slot.NW_TTL.ordinal()] = 0xff;
                }
                if (flow[Slot.NW_TTL.ordinal()] != 0) {
                    ttl = flow[Slot.NW_TTL.ordinal()];
                }
            }
            flow[LSE[0].ordinal()] = label << 12 | (tc & 7) << 9 | BOS | ttl;
            if (clearL3) { // from FLOW_SEGMENT_2_ENDS_AT (nw_src) on, and dp_hash
                for (int i = Slot.NW_SRC.ordinal(); i <= Slot.ND_RESERVED.ordinal(); i++) {
                    flow[i] = 0;
                }
                flow[Slot.DP_HASH.ordinal()] = 0;
            }
        }
        flow[Slot.DL_TYPE.ordinal()] = ethertype;
    }

    /** flow_pop_mpls(): the top entry removed (those below it matched whole); false if there is none to pop. */
    static boolean pop(long[] flow, int n, int ethertype, long[] wc) {
        if (n == 0) {
            return false;
        } else if (n == LSE.length) {
            if (wc != null) {
                wc[LSE[n - 1].ordinal()] |= BOS;
            }
            if ((flow[LSE[n - 1].ordinal()] & BOS) == 0) {
                return false;
            }
        }
        for (int i = 1; wc != null && i < n; i++) {
            wc[LSE[i].ordinal()] = Slot.MPLS_LSE.max;
        }
        for (int i = 1; i < n; i++) {
            flow[LSE[i - 1].ordinal()] = flow[LSE[i].ordinal()];
        }
        flow[LSE[n - 1].ordinal()] = 0;
        flow[Slot.DL_TYPE.ordinal()] = ethertype;
        return true;
    }

    /** format_mpls_lse(). */
    static String format(long lse) {
        return "label=" + (lse >>> 12) + ",tc=" + ((lse >> 9) & 7) + ",ttl=" + (lse & TTL) + ",bos=" + ((lse >> 8) & 1);
    }

    /** The datapath key's mpls(...) of {@code n} entries: format_mpls(), with masks unless all are exact. */
    static String key(long[] v, long[] k, int n) {
        boolean exact = true;
        for (int i = 0; i < n; i++) {
            exact &= k[LSE[i].ordinal()] == Slot.MPLS_LSE.max;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            long lse = v[LSE[i].ordinal()], m = k[LSE[i].ordinal()];
            s.append(i == 0 ? "" : ",").append(exact ? format(lse) : "label=" + (lse >>> 12) + "/0x"
                    + Long.toHexString(m >>> 12) + ",tc=" + ((lse >> 9) & 7) + "/" + ((m >> 9) & 7) + ",ttl="
                    + (lse & TTL) + "/0x" + Long.toHexString(m & TTL) + ",bos=" + ((lse >> 8) & 1) + "/"
                    + ((m >> 8) & 1));
        }
        return s.toString();
    }

    /**
     * commit_mpls_action(): the base's entries the flow does not share popped (the last one set instead when the
     * flow has one more to give), then the flow's missing ones pushed; each action applied to {@code base}, the pushes
     * and pops to the packet, which is returned.
     */
    static byte[] commit(long[] flow, long[] base, Consumer<String> odp, byte[] packet) {
        int baseN = count(base, null), flowN = count(flow, null);
        int common = common(flow, flowN, base, baseN);
        int type = (int) flow[Slot.DL_TYPE.ordinal()];
        while (baseN > common) {
            if (baseN - 1 == common && flowN > common) {
                long lse = flow[LSE[flowN - baseN].ordinal()];
                odp.accept("set(mpls(" + format(lse) + "))");
                base[LSE[0].ordinal()] = lse;
                common++;
            } else {
                int popType = !Packet.isMpls(type) && baseN > 1 ? Match.ETH_MPLS : type;
                odp.accept("pop_mpls(eth_type=0x" + Integer.toHexString(popType) + ")");
                packet = packet == null ? null : Packet.popMpls(packet, popType);
                pop(base, baseN, type, null);
                baseN--;
            }
        }
        while (baseN < flowN) {
            long lse = flow[LSE[flowN - baseN - 1].ordinal()];
            odp.accept("push_mpls(" + format(lse) + ",eth_type=0x" + Integer.toHexString(type) + ")");
            packet = packet == null ? null : Packet.pushMpls(packet, type, lse);
            push(base, baseN, type, null, false);
            base[LSE[0].ordinal()] = lse;
            baseN++;
        }
        return packet; // a set(mpls(...)) reaches the frame with the flow's other fields (Packet.rewrite())
    }

    /**
     * recirc_for_mpls(): after a pop to a non-MPLS Ethertype, whether {@code a} needs the packet parsed again
     * (a recirculation): outputs, groups, and sets of fields below L3 do not.
     */
    static boolean needsRecirc(Action a) {
        if (a instanceof Action.Output || a instanceof Action.OutputReg || a instanceof Action.Enqueue
                || a instanceof Action.Group || a instanceof Action.SetTunnel
                || a instanceof Action.PushVlan p && p.implicit()) {
            return false;
        }
        if (a instanceof Action.SetField f) { // mf_is_l3_or_higher()
            return f.field().slot.ordinal() >= Slot.NW_SRC.ordinal() && f.field().slot != Slot.ACTSET_OUTPUT;
        }
        return true;
    }
}
