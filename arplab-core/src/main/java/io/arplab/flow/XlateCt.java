package io.arplab.flow;

/**
 * ct() in a translation (ofproto-dpif-xlate.c compose_conntrack_action()): the commit, zone, NAT and nested
 * actions as datapath actions, the recirculation it freezes, and what ofproto/trace prints of it; then what the
 * translation keeps of the packet's conntrack state besides its flow: the addresses and ports the datapath's ct()
 * NAT'ed, and the ct_orig 5-tuple a resubmit(ct) swaps in (tuple_swap()) with the megaflow's mask of it.
 */
final class XlateCt {
    private XlateCt() {}

    static void ct(Xlate x, Action.Ct c) {
        x.committer.commit();
        int zone = c.zoneSrc() != null ? (int) x.get(c.zoneSrc()) : c.zoneImm();
        // compose_conntrack_action(): the nested actions first (nat, then exec's; none: "drop"), with the ct_mark
        // and ct_label wildcards cleared, so that what they unwildcard is what ct() sets
        if (c.nat() == null && c.exec().isEmpty()) {
            x.line("drop");
        }
        int markSlot = Slot.CT_MARK.ordinal();
        long oldMarkMask = x.wc[markSlot];
        U128 oldLabelMask = Field.CT_LABEL.value(x.wc);
        x.wc[markSlot] = 0;
        Field.CT_LABEL.put(x.wc, U128.ZERO, Field.CT_LABEL.ones());
        boolean outerTail = x.tail;
        x.ctNat = null;
        if (c.nat() == null) {
            x.actionList(c.exec());
        } else { // the ct's own nat where parse_CT() put it among the nested actions
            x.actionList(c.exec().subList(0, c.natAt()));
            x.line(c.nat());
            x.ctNat = c.nat();
            x.actionList(c.exec().subList(c.natAt(), c.exec().size()));
        }
        x.tail = outerTail;
        String natText = x.ctNat; // put_ct_nat(): the last nat the nested actions went through
        x.ctNat = null;
        ConntrackNat nat = ConntrackNat.parse(natText);
        Conntrack.Set set = new Conntrack.Set(x.flow[markSlot] & x.wc[markSlot], x.wc[markSlot],
                Field.CT_LABEL.value(x.flow).and(Field.CT_LABEL.value(x.wc)), Field.CT_LABEL.value(x.wc),
                c.alg() == Action.CT_FTP ? "ftp" : c.alg() == Action.CT_TFTP ? "tftp" : null, c.commit() && c.force());
        x.wc[markSlot] = oldMarkMask;
        Field.CT_LABEL.put(x.wc, oldLabelMask, Field.CT_LABEL.ones());
        StringBuilder d = new StringBuilder("ct(");
        if (c.commit()) {
            d.append(c.force() ? "force_commit," : "commit,");
        }
        if (zone != 0) {
            d.append("zone=").append(zone).append(',');
        }
        if (set.markMask() != 0) { // format_odp_conntrack_action()
            d.append("mark=").append(MatchFormat.hex(set.mark())).append('/').append(MatchFormat.hex(set.markMask()))
                    .append(',');
        }
        if (!set.labelMask().isZero()) { // format_u128(), verbose
            d.append("label=").append(OdpFlowFormat.label(set.label(), set.labelMask())).append(',');
        }
        if (set.helper() != null) { // put_ct_helper()
            d.append("helper=").append(set.helper()).append(',');
        }
        if (natText != null) {
            d.append(natText).append(',');
        }
        if (d.charAt(d.length() - 1) == ',') {
            d.setLength(d.length() - 1);
        }
        // the parentheses only around attributes
        x.odpAdd(d.length() == 3 ? "ct" : d.append(')').toString());
        int ctAt = x.xc.ops.size();
        x.xc.ops.add(new XlateCache.Op(XlateCache.CT, 0, zone, null, c.commit(), set));
        if (nat != null) {
            x.xc.replayable = false; // the replay's ct() carries no nat(): NAT'ed megaflows are translated per packet
        }
        if (c.table() >= 0) {
            // compose_recirculate_and_fork(): the id is the frozen state's (table and metadata), whatever the ct()
            int id = XlateFreeze.freeze(x, c.table() + "|" + XlateFreeze.frozenMetadata(x), x.flow, c.table(), null);
            x.odpAdd(String.format("recirc(0x%x)", id));
            x.xc.ops.add(new XlateCache.Op(XlateCache.RECIRC, 0, id, null, false, null));
            long[] f = packetKey(x); // the packet's own addresses (an earlier ct()'s NAT)
            f[Slot.DP_HASH.ordinal()] = x.packetDpHash; // an earlier hash()'s, the packet's own
            String state;
            boolean held = false, batched = false;
            if (x.execute) {
                XlateFreeze.forksFirst(x);
                Conntrack.storeMd(x.packetCt, f); // the datapath's ct() sees the packet's metadata
                byte[] out = x.br.ct.execute(f, x.packet, zone, c.commit(), set, nat); // a related error NAT'ed inside
                Conntrack.loadMd(f, x.packetCt);
                held = out == null; // ipf keeps a fragment: nothing recirculates
                batched = sentOn(x, ctAt, held ? null : new Ipf.Sent(f, out));
                x.meterDropped |= held;
                x.packet = held ? x.packet : out;
                holdNat(x, f);
                state = "resume conntrack with ct_state=" + MatchFormat.flags(f[Slot.CT_STATE.ordinal()],
                        MatchFormat.CT_STATE_NAMES, '|');
            } else if (x.ctNextUsed < x.ctNext.size()) {
                f[Slot.CT_STATE.ordinal()] = x.ctNext.get(x.ctNextUsed++);
                state = "resume conntrack with ct_state=" + MatchFormat.flags(f[Slot.CT_STATE.ordinal()],
                        MatchFormat.CT_STATE_NAMES, '|');
            } else {
                f[Slot.CT_STATE.ordinal()] = Conntrack.NEW | Conntrack.TRK;
                state = "resume conntrack with default ct_state=trk|new (use --ct-next to customize)";
            }
            f[Slot.CT_ZONE.ordinal()] = zone;
            if (nat != null && !x.execute) {
                state += simulateNat(f, nat);
            }
            if (!held && !batched) {
                XlateFreeze.defer(x, new Xlate.Frozen(x.br, id, c.table(), f, state, null));
            }
            if (x.hop != null) {
                x.hop.conntrack(zone, c.commit(), f[Slot.CT_STATE.ordinal()]);
            }
            if (x.trace != null) {
                x.note("A clone of the packet is forked to recirculate. The forked pipeline will be resumed at table "
                        + c.table() + ".");
            }
        } else if (x.execute) {
            XlateFreeze.forksFirst(x);
            // the datapath's ct() translates the packet itself: what leaves after it carries the new addresses
            long[] f = packetKey(x);
            Conntrack.storeMd(x.packetCt, f);
            byte[] out = x.br.ct.execute(f, x.packet, zone, c.commit(), set, nat);
            Conntrack.loadMd(f, x.packetCt);
            sentOn(x, ctAt, null);
            x.meterDropped |= out == null; // ipf keeps a fragment: the datapath executes nothing after the ct()
            x.packet = out == null ? x.packet : out;
            holdNat(x, f);
        }
        x.note("Sets the packet to an untracked state, and clears all the conntrack fields.");
        Conntrack.clear(x.flow);
        x.base = Xlate.copy(x.flow, x.base == x.initial ? null : x.base);
    }

    // the fragments ipf added to the batch go through the datapath actions after this ct() once the upcall's own
    // have run (dp_netdev_execute_actions() of the batch); a packet to recirculate ({@code recirculated}, or null)
    // goes with them, first, its pass no longer drained in this translation: whether it went
    private static boolean sentOn(Xlate x, int ctAt, Ipf.Sent recirculated) {
        java.util.List<Ipf.Sent> sent = x.br.ct.takeSent();
        if (sent.isEmpty()) {
            return false;
        }
        if (recirculated != null) {
            java.util.List<Ipf.Sent> batch = new java.util.ArrayList<>(sent.size() + 1);
            batch.add(recirculated);
            batch.addAll(sent);
            sent = batch;
        }
        if (x.ctSent == null) {
            x.ctSent = new java.util.ArrayList<>(1);
        }
        x.ctSent.add(new Xlate.CtSent(x.xc, ctAt + 1, sent));
        return recirculated != null;
    }

    /**
     * ofproto-dpif-trace.c oftrace_node_print_details() of a recirculation after ct(nat): without a connection
     * tracker the trace assumes the first address and port of the range.
     */
    private static String simulateNat(long[] f, ConntrackNat nat) {
        boolean range = nat.range();
        StringBuilder s = new StringBuilder("\nReplacing src/dst IP/ports to simulate NAT:\n Initial flow: ");
        s.append(range ? ipFlow(f, nat.v6()) : "");
        if (range && (nat.src() || nat.dst())) {
            Field addr = nat.v6() ? (nat.src() ? Field.IPV6_SRC : Field.IPV6_DST) : nat.src() ? Field.IPV4_SRC
                    : Field.IPV4_DST;
            addr.put(f, nat.v6() ? nat.ip6Min() : new U128(0, nat.ipMin()), addr.ones());
            if (nat.portMin() != 0) {
                f[(nat.src() ? Slot.TP_SRC : Slot.TP_DST).ordinal()] = nat.portMin();
            }
        }
        return s.append("\n Modified flow: ").append(range ? ipFlow(f, nat.v6()) : "").toString();
    }

    // oftrace_print_ip_flow()
    private static String ipFlow(long[] f, boolean v6) {
        if (v6) {
            return "ipv6_src=[" + MatchFormat.ipv6Masked(Field.IPV6_SRC.value(f), Field.IPV6_SRC.ones()) + "],tp_src="
                    + f[Slot.TP_SRC.ordinal()] + ",ipv6_dst=[" + MatchFormat.ipv6Masked(Field.IPV6_DST.value(f),
                    Field.IPV6_DST.ones()) + "],tp_dst=" + f[Slot.TP_DST.ordinal()];
        }
        return "nw_src=" + MatchFormat.ip(f[Slot.NW_SRC.ordinal()]) + ",tp_src=" + f[Slot.TP_SRC.ordinal()]
                + ",nw_dst=" + MatchFormat.ip(f[Slot.NW_DST.ordinal()]) + ",tp_dst=" + f[Slot.TP_DST.ordinal()];
    }

    /** The slots of the addresses and ports a datapath ct() NAT'ed on the packet, no set() having written them since. */
    static final Slot[] NAT_SLOTS = {Slot.NW_SRC, Slot.NW_DST, Slot.TP_SRC, Slot.TP_DST, Slot.IPV6_SRC_HI,
        Slot.IPV6_SRC_LO, Slot.IPV6_DST_HI, Slot.IPV6_DST_LO};

    // compose_conntrack_action(): the datapath's ct() NATs the packet, not the translation's flow (nor its base):
    // what leaves after it carries the new addresses until a set() writes them
    static void holdNat(Xlate x, long[] translated) {
        for (int i = 0; i < NAT_SLOTS.length; i++) {
            int s = NAT_SLOTS[i].ordinal();
            if (translated[s] != x.flow[s]) {
                x.natHeld = x.natHeld == null ? new long[NAT_SLOTS.length] : x.natHeld;
                x.natHeld[i] = translated[s];
                x.natMask |= 1 << i;
            } else {
                x.natMask &= ~(1 << i);
            }
        }
    }

    /** A copy of the flow with the packet's own values where a ct() NAT'ed them (what the datapath's ct() sees). */
    static long[] packetKey(Xlate x) {
        long[] f = packetFlow(x);
        return f == x.flow ? x.flow.clone() : f;
    }

    /** commit()'s set() of {@code s}: the packet has the flow's value from then on. */
    static void releaseNat(Xlate x, Slot s) {
        for (int i = 0; x.natMask != 0 && i < NAT_SLOTS.length; i++) {
            if (NAT_SLOTS[i] == s) {
                x.natMask &= ~(1 << i);
            }
        }
    }

    // after a pop to a non-MPLS Ethertype the flow has no L3 fields (cleared by the push, or never parsed): the
    // datapath sends the packet's own; the addresses a ct() NAT'ed are the packet's
    static long[] packetFlow(Xlate x) {
        long[] f = x.flow;
        if (x.natMask != 0) {
            f = x.flow.clone();
            for (int i = 0; i < NAT_SLOTS.length; i++) {
                if ((x.natMask & 1 << i) != 0) {
                    f[NAT_SLOTS[i].ordinal()] = x.natHeld[i];
                }
            }
        }
        // commit_set_nw_action() writes no L3 nor L4 header of a flow without nw_proto: the packet keeps its own
        if (!x.wasMpls && x.flow[Slot.NW_PROTO.ordinal()] != 0 || x.packet == null) {
            return f;
        }
        f = f.clone();
        long[] p = Packet.extract(x.packet, 0);
        int from = Slot.NW_SRC.ordinal();
        System.arraycopy(p, from, f, from, Slot.ND_RESERVED.ordinal() - from + 1);
        return f;
    }

    // tuple_swap(): the packet's 5-tuple exchanged with the ct_orig one, in the flow and in the wildcards
    // (tuple_swap_flow(): IPv4's addresses, or IPv6's)
    static void tupleSwap(Xlate x) {
        boolean v6 = x.ctOrig.v6();
        Slot[] packet = v6 ? Xlate.CT_ORIG6 : Xlate.CT_ORIG, orig = v6 ? Xlate.CT_SLOTS6 : Xlate.CT_SLOTS;
        for (int i = 0; i < packet.length && packet[i] != null; i++) { // tuple_swap(): the flow and its wildcards
            int p = packet[i].ordinal(), o = orig[i].ordinal();
            long v = x.flow[p], m = x.wc[p];
            x.flow[p] = x.flow[o];
            x.wc[p] = x.wc[o];
            x.flow[o] = v;
            x.wc[o] = m;
        }
        x.ctOrigSwapped = !x.ctOrigSwapped;
    }

    /**
     * miniflow_extract() of md.ct_orig_tuple: the pass's ct_nw_proto .. ct_tp_dst (zero without a tuple) into the flow
     * and the key, so that lookups and actions read them as OVS's struct flow has them.
     */
    static void putOrig(Xlate x) {
        Conntrack.Key k = x.ctOrig;
        if (k == null && !x.execute) {
            return; // a trace's flow keeps the tuple it was given (ofproto/trace's flow, its frozen copy on a thaw)
        }
        int protoSlot = Slot.CT_NW_PROTO.ordinal();
        if (k == null || k.proto() == 0) { // miniflow_extract(): no tuple fields without a protocol
            if (x.flow[protoSlot] != 0 || x.initial[protoSlot] != 0) {
                clearOrig(x.flow);
                clearOrig(x.initial);
            }
            return;
        }
        clearOrig(x.flow);
        int[] orig = k.v6() ? ORIG6 : ORIG4;
        long[] f = x.flow;
        f[orig[0]] = k.proto();
        f[orig[1]] = k.src();
        f[orig[2]] = k.dst();
        f[orig[3]] = k.sport();
        f[orig[4]] = k.dport();
        if (k.v6()) {
            f[orig[5]] = k.srcHi();
            f[orig[6]] = k.dstHi();
        }
        if (x.initial != f) {
            System.arraycopy(f, ORIG_FIRST, x.initial, ORIG_FIRST, ORIG_LAST - ORIG_FIRST + 1);
        }
    }

    /**
     * miniflow_extract() of an md.ct_orig_tuple {@code t} (null: none) into a key's ct_nw_* and ct_tp_* slots: only a
     * tuple of the packet's family (ct_orig_tuple_ipv6) with a protocol.
     */
    static void storeOrig(long[] key, Conntrack.Key t) {
        clearOrig(key);
        boolean v6 = key[Slot.DL_TYPE.ordinal()] == Match.ETH_IPV6;
        if (t == null || t.proto() == 0 || t.v6() != v6) {
            return;
        }
        int[] orig = v6 ? ORIG6 : ORIG4;
        long[] v = {t.proto(), t.src(), t.dst(), t.sport(), t.dport(), t.srcHi(), t.dstHi()};
        for (int i = 0; i < orig.length; i++) {
            if (orig[i] >= 0) {
                key[orig[i]] = v[i];
            }
        }
    }

    /** The tuple a key's ct_nw_* and ct_tp_* slots hold ({@link #storeOrig}'s), null without a protocol. */
    static Conntrack.Key origOf(long[] key) {
        boolean v6 = key[Slot.DL_TYPE.ordinal()] == Match.ETH_IPV6;
        int[] o = v6 ? ORIG6 : ORIG4;
        if (key[o[0]] == 0) {
            return null;
        }
        return new Conntrack.Key((int) key[Slot.CT_ZONE.ordinal()], (int) key[o[0]], key[o[1]], key[o[2]], key[o[3]],
                key[o[4]], 0, v6 ? key[o[5]] : 0, v6 ? key[o[6]] : 0, v6);
    }

    /** flow_clear_conntrack()'s original tuple: every ct_nw_* and ct_tp_* slot zero. */
    static void clearOrig(long[] flow) {
        for (int i = ORIG_FIRST; i <= ORIG_LAST; i++) { // Slot keeps them one run
            flow[i] = 0;
        }
    }

    /** The wildcards' bits of the original tuple into {@code ctOrigMask} (the megaflow's ct_tuple mask), cleared. */
    /** The slots of ct_tuple4's or ct_tuple6's fields, in {@code ctOrigMask}'s order (-1: none). */
    static int[] origSlots(boolean v6) {
        return v6 ? ORIG6 : ORIG4;
    }

    static void takeOrigMask(Xlate x) {
        int[] orig = x.ctOrig != null && x.ctOrig.v6() ? ORIG6 : ORIG4;
        long[] wc = x.wc;
        for (int i = 0; i < orig.length; i++) {
            x.ctOrigMask[i] = orig[i] < 0 ? 0 : wc[orig[i]];
        }
        clearOrig(wc);
    }

    private static final int ORIG_FIRST = Slot.CT_NW_PROTO.ordinal(), ORIG_LAST = Slot.CT_TP_DST.ordinal();

    private static int[] ordinals(Slot... slots) {
        return java.util.Arrays.stream(slots).mapToInt(s -> s == null ? -1 : s.ordinal()).toArray();
    }

    /** Xlate.CT_SLOTS and CT_SLOTS6 as slot numbers (-1: none). */
    private static final int[] ORIG4 = ordinals(Xlate.CT_SLOTS), ORIG6 = ordinals(Xlate.CT_SLOTS6);

    /** flow_wildcards_has_extra() on the ct_tuple4 fields: the translation read bits {@code ukey} (a mask) wildcards. */
    static boolean ctOrigExtra(Xlate x, Conntrack.Key ukey) {
        long[] u = ukey == null ? new long[Xlate.CT_ORIG.length] : new long[] {ukey.proto(), ukey.src(), ukey.dst(),
            ukey.sport(), ukey.dport(), ukey.srcHi(), ukey.dstHi()};
        for (int i = 0; i < u.length; i++) {
            if ((x.ctOrigMask[i] & ~u[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The megaflow's ct_tuple4/6 mask as a key of masks (proto, addresses, ports), or null when all zero. */
    static Conntrack.Key ctOrigMask(Xlate x) {
        long any = 0;
        for (long m : x.ctOrigMask) {
            any |= m;
        }
        return any == 0 ? null : new Conntrack.Key(0, (int) x.ctOrigMask[0], x.ctOrigMask[1], x.ctOrigMask[2],
                x.ctOrigMask[3], x.ctOrigMask[4], 0, x.ctOrigMask[5], x.ctOrigMask[6], x.ctOrig != null && x.ctOrig.v6());
    }
}
