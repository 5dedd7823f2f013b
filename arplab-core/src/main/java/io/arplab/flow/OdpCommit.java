package io.arplab.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * lib/odp-util.c commit_odp_actions(): the datapath actions (set(), push/pop_vlan, MPLS) that bring the packet from
 * the translation's base flow to its flow, with the wildcards the masked sets imply.
 */
final class OdpCommit {
    private final Xlate x;

    OdpCommit(Xlate x) {
        this.x = x;
    }

    // commit_odp_actions(): the set() actions that bring the packet from base to flow
    void commit() {
        long[] flow = x.flow, wc = x.wc;
        if (Arrays.equals(flow, x.base)) {
            return;
        }
        // commit_set_nw_action(): no L3 or L4 set() for a packet without an L3 protocol (nothing for the replay either)
        boolean l3 = flow[Slot.NW_PROTO.ordinal()] != 0;
        for (Slot s : COMMITTED) {
            if (flow[s.ordinal()] != x.base[s.ordinal()] && (l3 || s == Slot.DL_SRC || s == Slot.DL_DST)) {
                XlateCt.releaseNat(x, s);
                x.xc.ops.add(new XlateCache.Op(XlateCache.SET, s.ordinal(), flow[s.ordinal()], written(s), null, false,
                        null));
            }
        }
        // commit_set_ether_action(): a masked set of the addresses that changed, each under the wildcards' mask
        // (commit_masked_set_action() clears the bits outside it)
        List<String> eth = new ArrayList<>();
        if (flow[Slot.DL_SRC.ordinal()] != x.base[Slot.DL_SRC.ordinal()]) {
            eth.add("src=" + MatchFormat.mac(flow[Slot.DL_SRC.ordinal()] & setMaskBits(Slot.DL_SRC))
                    + setMask(Slot.DL_SRC, MatchFormat::mac));
        }
        if (flow[Slot.DL_DST.ordinal()] != x.base[Slot.DL_DST.ordinal()]) {
            eth.add("dst=" + MatchFormat.mac(flow[Slot.DL_DST.ordinal()] & setMaskBits(Slot.DL_DST))
                    + setMask(Slot.DL_DST, MatchFormat::mac));
        }
        if (!eth.isEmpty() && !masked()) { // commit(): without masked sets, the whole header, matched whole
            eth = List.of("src=" + MatchFormat.mac(flow[Slot.DL_SRC.ordinal()]),
                    "dst=" + MatchFormat.mac(flow[Slot.DL_DST.ordinal()]));
            exact(Slot.DL_SRC, Slot.DL_DST);
        }
        if (!eth.isEmpty()) {
            x.odpAdd("set(eth(" + String.join(",", eth) + "))");
        }
        if (x.base == x.initial) {
            x.base = x.initial.clone();
        }
        // commit_odp_actions(): an MPLS packet made non-MPLS before the L3/L4 sets, else its labels after them
        boolean mplsDone = Packet.isMpls(x.base[Slot.DL_TYPE.ordinal()]) && !Packet.isMpls(flow[Slot.DL_TYPE.ordinal()]);
        if (mplsDone) {
            commitMpls();
        }
        int type = (int) flow[Slot.DL_TYPE.ordinal()];
        if (flow[Slot.NW_PROTO.ordinal()] == 0 && type != Match.ETH_IP) {
            type = 0; // commit_set_nw_action(): no ARP header to rewrite without an op (IPv4: below)
        }
        if (type == Match.ETH_ARP) { // commit_set_nw_action(): ARP's, not RARP's
            // commit_set_arp_action(): a masked set of the fields that changed (keycmp_mask() zeroes the others'
            // masks), a plain set of all five when every one changed under an exact mask
            Slot[] arp = {Slot.NW_SRC, Slot.NW_DST, Slot.NW_PROTO, Slot.ARP_SHA, Slot.ARP_THA};
            String[] names = {"sip=", "tip=", "op=", "sha=", "tha="};
            long[] mask = new long[arp.length];
            boolean changed = false, exact = true;
            for (int i = 0; i < arp.length; i++) {
                Slot s = arp[i];
                long full = s == Slot.NW_PROTO ? 0xff : s.max;
                if (flow[s.ordinal()] != x.base[s.ordinal()]) {
                    changed = true;
                    mask[i] = wc[s.ordinal()] == 0 ? full : wc[s.ordinal()] & full;
                }
                exact &= mask[i] == full;
            }
            if (changed) {
                List<String> set = new ArrayList<>();
                for (int i = 0; i < arp.length; i++) {
                    if (exact || mask[i] != 0) {
                        long full = arp[i] == Slot.NW_PROTO ? 0xff : arp[i].max;
                        long m = exact ? full : mask[i], v = flow[arp[i].ordinal()] & m;
                        String f = arp[i] == Slot.NW_PROTO ? Long.toString(v) : i < 2 ? MatchFormat.ip(v)
                                : MatchFormat.mac(v);
                        String fm = m == full ? "" : "/" + (arp[i] == Slot.NW_PROTO ? Long.toString(m)
                                : i < 2 ? MatchFormat.ip(m) : MatchFormat.mac(m));
                        set.add(names[i] + f + fm);
                    }
                }
                x.odpAdd("set(arp(" + String.join(",", set) + "))");
                x.slow = true; // the datapath cannot rewrite ARP: the userspace slow path does it
            }
        } else if (type == Match.ETH_IPV6) {
            List<String> ip = new ArrayList<>(); // commit_set_ipv6_action(): as IPv4's below
            for (Field a : new Field[] {Field.IPV6_SRC, Field.IPV6_DST}) {
                U128 value = a.value(flow), mask = a.value(wc);
                if (!value.equals(a.value(x.base))) {
                    mask = mask.isZero() ? a.ones() : mask;
                    value = value.and(mask); // format_odp_key_attr(): a masked set prints the value under its mask
                    ip.add((a == Field.IPV6_SRC ? "src=" : "dst=") + new io.arplab.wire.Ipv6Address(value.hi(),
                            value.lo()) + (mask.equals(a.ones()) ? "" : "/" + new io.arplab.wire.Ipv6Address(
                            mask.hi(), mask.lo())));
                }
            }
            if (flow[Slot.IPV6_LABEL.ordinal()] != x.base[Slot.IPV6_LABEL.ordinal()]) {
                ip.add("label=" + MatchFormat.hex(flow[Slot.IPV6_LABEL.ordinal()]));
            }
            if (flow[Slot.NW_TOS.ordinal()] != x.base[Slot.NW_TOS.ordinal()]) {
                ip.add("tclass=" + MatchFormat.hex(flow[Slot.NW_TOS.ordinal()] & setMaskBits(Slot.NW_TOS))
                        + setMask(Slot.NW_TOS, MatchFormat::hex));
            }
            if (flow[Slot.NW_TTL.ordinal()] != x.base[Slot.NW_TTL.ordinal()]) {
                ip.add("hlimit=" + flow[Slot.NW_TTL.ordinal()]);
            }
            if (!ip.isEmpty() && flow[Slot.NW_PROTO.ordinal()] != 0 && !masked()) {
                ip = List.of("src=" + ipv6(flow, Slot.IPV6_SRC_HI), "dst=" + ipv6(flow, Slot.IPV6_DST_HI),
                        "label=" + MatchFormat.hex(flow[Slot.IPV6_LABEL.ordinal()]),
                        "proto=" + flow[Slot.NW_PROTO.ordinal()], "tclass=" + MatchFormat.hex(flow[Slot.NW_TOS.ordinal()]),
                        "hlimit=" + flow[Slot.NW_TTL.ordinal()], "frag=" + frag(flow));
                exact(Slot.IPV6_SRC_HI, Slot.IPV6_SRC_LO, Slot.IPV6_DST_HI, Slot.IPV6_DST_LO, Slot.IPV6_LABEL,
                        Slot.NW_PROTO, Slot.NW_TOS, Slot.NW_TTL, Slot.NW_FRAG);
                wc[Slot.IPV6_LABEL.ordinal()] = 0xfffff;
            }
            if (!ip.isEmpty() && flow[Slot.NW_PROTO.ordinal()] != 0) {
                x.odpAdd("set(ipv6(" + String.join(",", ip) + "))");
            }
            if (flow[Slot.NW_PROTO.ordinal()] == Match.PROTO_ICMPV6) {
                commitNdExt();
                commitNd();
            }
            commitPorts((int) flow[Slot.NW_PROTO.ordinal()], Match.PROTO_ICMPV6);
        } else if (type == Match.ETH_IP) {
            // commit_set_nw_action() and commit_set_port_action() only when the flow has an L3 protocol; a masked set
            // of the fields that changed, each with the wildcards' mask when partial (commit())
            List<String> ip = new ArrayList<>();
            if (flow[Slot.NW_SRC.ordinal()] != x.base[Slot.NW_SRC.ordinal()]) {
                ip.add("src=" + MatchFormat.ip(flow[Slot.NW_SRC.ordinal()] & setMaskBits(Slot.NW_SRC))
                        + setMask(Slot.NW_SRC, MatchFormat::ip));
            }
            if (flow[Slot.NW_DST.ordinal()] != x.base[Slot.NW_DST.ordinal()]) {
                ip.add("dst=" + MatchFormat.ip(flow[Slot.NW_DST.ordinal()] & setMaskBits(Slot.NW_DST))
                        + setMask(Slot.NW_DST, MatchFormat::ip));
            }
            long tos = flow[Slot.NW_TOS.ordinal()];
            if (tos != x.base[Slot.NW_TOS.ordinal()]) {
                long m = setMaskBits(Slot.NW_TOS);
                if (x.packetTunnelDstSet() && ((tos ^ x.base[Slot.NW_TOS.ordinal()]) & 3) == 0) {
                    m &= ~3L; // commit_set_ipv4_action(): with a tunnel set, the ECN bits the tunnel gave stay
                }
                ip.add("tos=" + MatchFormat.hex(tos & m) + (m == Slot.NW_TOS.max ? "" : "/" + MatchFormat.hex(m)));
            }
            if (flow[Slot.NW_TTL.ordinal()] != x.base[Slot.NW_TTL.ordinal()]) {
                ip.add("ttl=" + flow[Slot.NW_TTL.ordinal()]);
            }
            if (!ip.isEmpty() && flow[Slot.NW_PROTO.ordinal()] != 0 && !masked()) {
                ip = List.of("src=" + MatchFormat.ip(flow[Slot.NW_SRC.ordinal()]),
                        "dst=" + MatchFormat.ip(flow[Slot.NW_DST.ordinal()]), "proto=" + flow[Slot.NW_PROTO.ordinal()],
                        "tos=" + MatchFormat.hex(flow[Slot.NW_TOS.ordinal()]), "ttl=" + flow[Slot.NW_TTL.ordinal()],
                        "frag=" + frag(flow));
                exact(Slot.NW_SRC, Slot.NW_DST, Slot.NW_PROTO, Slot.NW_TOS, Slot.NW_TTL, Slot.NW_FRAG);
            }
            if (!ip.isEmpty() && flow[Slot.NW_PROTO.ordinal()] != 0) {
                // commit_set_ipv4_action() of a masked set: the protocol is not written, nor matched for it
                x.odpAdd("set(ipv4(" + String.join(",", ip) + "))");
            }
            commitPorts((int) flow[Slot.NW_PROTO.ordinal()], Match.PROTO_ICMP);
        }
        if (!mplsDone) {
            commitMpls();
        }
        commitVlan();
        long priority = flow[Slot.SKB_PRIORITY.ordinal()];
        if (priority != x.base[Slot.SKB_PRIORITY.ordinal()]) { // commit_set_priority_action(): exactly masked, a set
            x.odpAdd("set(skb_priority(" + MatchFormat.hex(priority) + "))");
        }
        long mark = flow[Slot.PKT_MARK.ordinal()];
        if (mark != x.base[Slot.PKT_MARK.ordinal()]) { // commit_set_pkt_mark_action(): masked unless wholly written
            long m = wc[Slot.PKT_MARK.ordinal()] & 0xffffffffL;
            x.odpAdd("set(skb_mark(" + MatchFormat.hex(mark & m) + (m == 0xffffffffL ? "" : "/" + MatchFormat.hex(m))
                    + "))");
        }
        if (flow[Slot.NW_PROTO.ordinal()] != 0) {
            x.base = Xlate.copy(flow, x.base);
        } else {
            // the L3 and L4 commits pass over a flow without an L3 protocol (as an MPLS push leaves it), and
            // commit_mpls_action() pushes without clearing the base's: its L3/L4 fields stay, so a flow restored
            // after a group bucket or a patch port needs no set of them
            int from = Slot.NW_SRC.ordinal(), end = Slot.ND_RESERVED.ordinal() + 1;
            System.arraycopy(flow, 0, x.base, 0, from);
            System.arraycopy(flow, end, x.base, end, flow.length - end);
        }
    }

    private void commitMpls() {
        long[] flow = x.flow;
        x.packet = Mpls.commit(flow, x.base, s -> {
            x.odpAdd(s);
            x.xc.replayable = false; // the replay has no MPLS actions: only a translation relabels
        }, x.packet);
    }

    // commit_set_nd_extensions_action(): set(nd_ext(...)) of the reserved word and the option type (a masked set
    // unless both are wholly written; format_be32_masked() prints the first as exact), on the slow path
    private void commitNdExt() {
        long[] flow = x.flow, wc = x.wc;
        long res = flow[Slot.ND_RESERVED.ordinal()], opt = flow[Slot.TCP_FLAGS.ordinal()] & 0xff;
        if (res == x.base[Slot.ND_RESERVED.ordinal()] && opt == (x.base[Slot.TCP_FLAGS.ordinal()] & 0xff)) {
            return;
        }
        long resMask = wc[Slot.ND_RESERVED.ordinal()], optMask = wc[Slot.TCP_FLAGS.ordinal()] & 0xff;
        boolean full = resMask == Slot.ND_RESERVED.max && optMask == 0xff;
        StringBuilder s = new StringBuilder("set(nd_ext(nd_reserved=0x").append(Long.toHexString(full ? res
                : res & resMask));
        if (full || optMask != 0) {
            s.append(",nd_options_type=").append(full ? opt : opt & optMask)
                    .append(full || optMask == 0xff ? "" : "/0x" + Long.toHexString(optMask));
        }
        x.odpAdd(s.append("))").toString());
        x.slow = true;
    }

    // commit_set_nd_action(): a masked set(nd(...)) of the fields whose wildcards are not all clear, on the slow path
    private void commitNd() {
        long[] flow = x.flow, wc = x.wc;
        boolean changed = !Field.ND_TARGET.value(flow).equals(Field.ND_TARGET.value(x.base));
        for (Slot s : new Slot[] {Slot.ARP_SHA, Slot.ARP_THA}) {
            changed |= flow[s.ordinal()] != x.base[s.ordinal()];
        }
        if (!changed) {
            return;
        }
        List<String> nd = new ArrayList<>();
        U128 tm = Field.ND_TARGET.value(wc), target = Field.ND_TARGET.value(flow).and(tm);
        if (!tm.isZero()) {
            nd.add("target=" + new io.arplab.wire.Ipv6Address(target.hi(), target.lo()) + (tm.equals(
                    Field.ND_TARGET.ones()) ? "" : "/" + new io.arplab.wire.Ipv6Address(tm.hi(), tm.lo())));
        }
        for (Slot s : new Slot[] {Slot.ARP_SHA, Slot.ARP_THA}) {
            long m = wc[s.ordinal()];
            if (m != 0) {
                nd.add((s == Slot.ARP_SHA ? "sll=" : "tll=") + MatchFormat.mac(flow[s.ordinal()] & m)
                        + (m == s.max ? "" : "/" + MatchFormat.mac(m)));
            }
        }
        x.odpAdd("set(nd(" + String.join(",", nd) + "))");
        x.slow = true;
    }

    // commit_set_port_action() (no L4 without an L3 protocol), commit_set_icmp_action(): a whole set(icmp(...)) or
    // set(icmpv6(...)), which the datapath leaves to the slow path
    private void commitPorts(int proto, int icmp) {
        long[] flow = x.flow, wc = x.wc;
        List<String> tp = new ArrayList<>();
        // a masked set of the ports that changed, each with the wildcards' mask when partial (format_be16())
        if (flow[Slot.TP_SRC.ordinal()] != x.base[Slot.TP_SRC.ordinal()]) {
            tp.add("src=" + (flow[Slot.TP_SRC.ordinal()] & setMaskBits(Slot.TP_SRC))
                    + setMask(Slot.TP_SRC, MatchFormat::hex));
        }
        if (flow[Slot.TP_DST.ordinal()] != x.base[Slot.TP_DST.ordinal()]) {
            tp.add("dst=" + (flow[Slot.TP_DST.ordinal()] & setMaskBits(Slot.TP_DST))
                    + setMask(Slot.TP_DST, MatchFormat::hex));
        }
        if (proto == 0 || tp.isEmpty()) {
            return;
        }
        if (proto == Match.PROTO_TCP || proto == Match.PROTO_UDP || proto == Match.PROTO_SCTP) {
            if (!masked()) {
                tp = List.of("src=" + flow[Slot.TP_SRC.ordinal()], "dst=" + flow[Slot.TP_DST.ordinal()]);
                exact(Slot.TP_SRC, Slot.TP_DST);
            }
            x.odpAdd("set(" + (proto == Match.PROTO_TCP ? "tcp" : proto == Match.PROTO_UDP ? "udp" : "sctp") + "("
                    + String.join(",", tp) + "))");
        } else if (proto == icmp) { // not a masked set: the whole type and code are matched
            long type = flow[Slot.TP_SRC.ordinal()] & 0xff, code = flow[Slot.TP_DST.ordinal()] & 0xff;
            if (type == (x.base[Slot.TP_SRC.ordinal()] & 0xff) && code == (x.base[Slot.TP_DST.ordinal()] & 0xff)) {
                return; // get_icmp_key(): 8 bits each, so a port set to the same low byte changes nothing
            }
            wc[Slot.TP_SRC.ordinal()] |= 0xff;
            wc[Slot.TP_DST.ordinal()] |= 0xff;
            x.odpAdd("set(" + (icmp == Match.PROTO_ICMP ? "icmp" : "icmpv6") + "(type=" + type + ",code=" + code
                    + "))");
            x.slow = true;
        }
    }

    // commit_vlan_action(): the base's tags that differ from the bottom up popped (and matched whole), the flow's pushed
    private void commitVlan() {
        long[] flow = x.flow, wc = x.wc;
        int[] from = Packet.vlans(x.base), to = Packet.vlans(flow);
        int b = from.length - 1, f = to.length - 1;
        for (; b >= 0 && f >= 0 && from[b] == to[f]; b--, f--) {
            // flow_skip_common_vlan_headers()
        }
        if (b < 0 && f < 0) {
            return;
        }
        for (; b >= 0; b--) {
            x.odpAdd("pop_vlan");
            x.xc.ops.add(new XlateCache.Op(XlateCache.POP_VLAN, 0, 0, null, false, null));
            wc[(b == 0 ? Slot.VLAN_TCI : Slot.VLAN_TCI1).ordinal()] = 0xffff;
            wc[(b == 0 ? Slot.VLAN_TPID : Slot.VLAN_TPID1).ordinal()] = 0xffff;
        }
        for (; f >= 0; f--) {
            int tpid = to[f] >>> 16, tci = to[f] & 0xffff;
            StringBuilder v = new StringBuilder("push_vlan(");
            if (tpid != 0x8100) {
                v.append(String.format("tpid=0x%04x,", tpid));
            }
            // format_vlan_tci(): vid and pcp when not zero (the mask is exact), cfi=0 when clear
            v.append("vid=").append(tci & Match.VLAN_VID).append(",pcp=").append(tci >>> 13);
            if ((tci & Match.VLAN_CFI) == 0) {
                v.append(",cfi=0");
            }
            x.odpAdd(v.append(')').toString());
            x.xc.ops.add(new XlateCache.Op(XlateCache.PUSH_VLAN, 0, to[f], null, false, null));
        }
    }

    // rt_support.masked_set_action: commit() without it sets a header whole unless every field changed under an
    // exact mask (the same set), and the wildcards take the whole header (dpif/set-dp-features)
    private boolean masked() {
        return x.br.datapath.supports(Datapath.Support.MASKED_SET_ACTION);
    }

    private void exact(Slot... slots) {
        for (Slot s : slots) {
            x.wc[s.ordinal()] = s.max;
        }
    }

    // format_odp_key_attr()'s frag= of a whole IP key (ovs_frag_type_to_string())
    private static String frag(long[] flow) {
        long f = flow[Slot.NW_FRAG.ordinal()];
        return (f & 1) == 0 ? "no" : (f & 2) == 0 ? "first" : "later";
    }

    private static String ipv6(long[] flow, Slot hi) {
        return new io.arplab.wire.Ipv6Address(flow[hi.ordinal()], flow[hi.ordinal() + 1]).toString();
    }

    // the bits of a committed field its set() writes: the masked set's mask as printed below (an IPv6 address's
    // halves under the address's mask, the label and TTL whole)
    private long written(Slot s) {
        long[] wc = x.wc;
        return switch (s) {
            case IPV6_SRC_HI, IPV6_SRC_LO -> wc[Slot.IPV6_SRC_HI.ordinal()] == 0 && wc[Slot.IPV6_SRC_LO.ordinal()] == 0
                    ? -1L : wc[s.ordinal()];
            case IPV6_DST_HI, IPV6_DST_LO -> wc[Slot.IPV6_DST_HI.ordinal()] == 0 && wc[Slot.IPV6_DST_LO.ordinal()] == 0
                    ? -1L : wc[s.ordinal()];
            case IPV6_LABEL, NW_TTL -> -1L;
            default -> setMaskBits(s);
        };
    }

    private long setMaskBits(Slot s) {
        long[] wc = x.wc;
        return wc[s.ordinal()] == 0 ? s.max : wc[s.ordinal()] & s.max;
    }

    // a masked set's field: "/MASK" when the wildcards cover only part of it
    private String setMask(Slot s, java.util.function.LongFunction<String> format) {
        long m = setMaskBits(s);
        return m == s.max ? "" : "/" + format.apply(m);
    }

    /** The packet fields commit() brings to the datapath with set() actions (ARP's make the flow slow). */
    private static final Slot[] COMMITTED = {Slot.DL_SRC, Slot.DL_DST, Slot.NW_SRC, Slot.NW_DST, Slot.IPV6_SRC_HI,
        Slot.IPV6_SRC_LO, Slot.IPV6_DST_HI, Slot.IPV6_DST_LO, Slot.IPV6_LABEL, Slot.NW_TOS, Slot.NW_TTL, Slot.TP_SRC,
        Slot.TP_DST};
}
