package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * Freezing and recirculation in a translation (ofproto-dpif-xlate.c finish_freezing(), recirc_for_mpls(),
 * compose_recirculate_and_fork()): the recirculation ids it takes, the passes it defers until its own ends (each
 * translated as its own upcall, its outputs put at its recirc()), and the forks an executed ct() runs first.
 */
final class XlateFreeze {
    private XlateFreeze() {}

    // finish_freezing__() and xlate_controller_action(): recirc_alloc_id_ctx(), the reference kept in xout->recircs
    static int freeze(Xlate x, String state, long[] frozenFlow, int table, List<Action> actions) {
        if (x.learnOnly) {
            return 0; // a translation for its learn()s takes no id (the upcall's own takes them in OVS's order)
        }
        // frozen_state's stack: part of the state, carried to the thawed pass
        // and its mirrors, the thawed pass's ctx->mirrors
        byte[] stack = x.stack.bytes();
        String mirrored = x.mirrors == 0 ? state : state + "|mirrors=" + Integer.toHexString(x.mirrors);
        int id = x.br.datapath.recirc.alloc(x.br, stack.length == 0 ? mirrored : mirrored + "|stack="
                + java.util.HexFormat.of().formatHex(stack), frozenFlow, table, actions, stack, x.xportBr,
                x.xportPort, x.now);
        x.br.datapath.recirc.find(id, x.now).mirrors = x.mirrors;
        x.recircs.add(id);
        return id;
    }

    static void drain(Xlate x) {
        while (!x.onePass && !x.pending.isEmpty()) {
            Xlate.Frozen f = x.pending.remove(0);
            x.flow = f.flow();
            x.br = f.br();
            thawActionSet(x, f);
            x.learnedAhead = false; // each pass is an upcall of its own
            x.hitFlow = null;
            x.inPacketOut = false;
            x.learnedNow.clear();
            x.learnedOver.clear();
            // the next pass's xlate_actions(): a trace's starts from the frozen flow; an upcall's in_port is the
            // one xlate_lookup_ofproto() takes from the frozen state's xport
            RecircIds.Node n = x.br.datapath.recirc.find(f.id(), x.now);
            x.baseInPort = x.trace != null && !x.execute ? x.flow[Slot.IN_PORT.ordinal()]
                    : n != null && n.xportBr != null ? n.xportPort : x.keyInPort;
            if (x.trace != null && !x.execute) {
                // ofproto_trace_recirc_node(): a trace's next pass starts from the frozen flow itself, whose tunnel
                // (set before the recirculation) is then ctx->orig_tunnel_ipv6_dst as well
                x.packetTunnel(x.flow);
            }
            byte[] own = x.packet;
            if (x.trace == null || x.execute) {
                Packet.keyVlans(x.flow); // the datapath's key of the recirculated packet: the tags it has
                x.packet = Packet.keyAtVlanLimit(x.flow, x.packet, x.br.datapath.vlanLimit());
            }
            boolean cut = x.packet != own;
            if (x.trace != null) {
                x.trace.append("\n").append("=".repeat(79)).append("\n").append(String.format("recirc(0x%x) - %s",
                        f.id(), f.state())).append("\n").append("=".repeat(79)).append("\n\n");
            }
            int start = x.outputs.size(), siblings = x.pending.size();
            x.ownFrom = siblings;
            x.conflict = x.givenActions;
            x.section(f.id(), f.table(), f.actions());
            if (cut) {
                x.packet = own; // the next pass's frame is its own fork's, not the one this pass's key was cut from
            }
            Integer at = x.outputsAt == null ? null : x.outputsAt.remove(f);
            if (at != null && at < start) {
                placeOutputs(x, at, start, siblings);
            }
        }
    }

    /**
     * Before an executed ct(): the passes this one forked so far (compose_recirculate_and_fork(), a freeze in a
     * clone()) run first, each as its own upcall, as the datapath runs a recirc() at once (dp_netdev_recirculate()),
     * so their conntrack lookups and commits precede this ct()'s; the others still run once this pass is translated,
     * which OVS does before it executes anything (what it learned is in their tables). Their outputs go at their
     * recirc().
     */
    static void forksFirst(Xlate x) {
        if (!x.execute || x.onePass || x.trace != null || x.pending.size() <= x.ownFrom) {
            return;
        }
        learnAhead(x);
        List<Xlate.Frozen> mine = new ArrayList<>(x.pending.subList(x.ownFrom, x.pending.size()));
        x.pending.subList(x.ownFrom, x.pending.size()).clear();
        for (Xlate.Frozen f : mine) {
            // the recirculated packet's upcall: thawed in the frozen state's bridge, keyed on this pass's input port
            Xlate pass = new Xlate(x.ingress, x.now, f.flow(), x.forkPackets.remove(f), null, List.of(), true);
            pass.thawIn(f.br(), x.keyInPort);
            RecircIds.Node n = f.br().datapath.recirc.find(f.id(), x.now);
            pass.baseInPort = n != null && n.xportBr != null ? n.xportPort : x.keyInPort;
            System.arraycopy(x.packetTunnel, 0, pass.packetTunnel, 0, Xlate.TUNNEL.length);
            pass.install = x.install;
            thawActionSet(pass, f);
            Packet.keyVlans(pass.flow); // the datapath's key of the recirculated packet: the tags it has
            pass.packet = Packet.keyAtVlanLimit(pass.flow, pass.packet, f.br().datapath.vlanLimit());
            pass.resume(f.id(), f.table(), f.actions());
            if (pass.ctSent != null) { // what its ct()s' ipf sent on goes after the upcall as this pass's own
                x.ctSent = x.ctSent == null ? new ArrayList<>(pass.ctSent.size()) : x.ctSent;
                x.ctSent.addAll(pass.ctSent);
            }
            x.pushed.addAll(pass.pushed); // its native tunnels' frames go with the upcall's
            int at = x.outputsAt.remove(f);
            x.outputs.addAll(at, pass.outputs);
            x.outputsAt.replaceAll((p, q) -> q >= at ? q + pass.outputs.size() : q);
        }
    }

    // the action set as it was frozen (a fork's pass does not see what the forking pass wrote after it)
    private static void thawActionSet(Xlate pass, Xlate.Frozen f) {
        pass.actionSet.clear();
        pass.actionSet.addAll(f.actionSet());
        pass.actsetOutput = f.actsetOutput();
    }

    /**
     * OVS translates the whole upcall before the datapath executes any of it, and a learn() adds its flow at
     * translation (ofproto_flow_mod_learn()): before a forked pass runs ahead of this one's end, this pass is
     * translated once more from its start, without a packet, for its learn()s alone (those already applied are only
     * refreshed when this pass reaches them).
     */
    private static void learnAhead(Xlate x) {
        if (x.learnedAhead || x.hitFlow != null) {
            return; // a hit's learn()s wait for its push (XC_LEARN): none runs ahead
        }
        x.learnedAhead = true;
        long id = x.initial[Slot.RECIRC_ID.ordinal()];
        RecircIds.Node n = id == 0 ? null : x.br.datapath.recirc.find(id, x.now);
        Ofproto start = n != null ? n.br : x.ingress;
        Xlate dry = new Xlate(start, x.now, x.initial.clone(), null, null, List.of(), false);
        dry.thawIn(start, x.keyInPort);
        dry.onePass = true;
        dry.learnOnly = true;
        if (n != null) {
            dry.resume(n.id, n.table, n.actions);
        } else {
            dry.run();
        }
        x.learnedNow.addAll(dry.learnedNow); // this translation's own learns
        dry.learnedOver.forEach(x.learnedOver::putIfAbsent);
    }

    /** A recirculation frozen for later: the pass runs after this one, its outputs placed at its recirc(). */
    static void defer(Xlate x, Xlate.Frozen frozen) {
        // frozen_state's action_set (xlate_actions() restores it, with flow->actset_output, in the thawed pass)
        Xlate.Frozen f = x.actionSet.isEmpty() && x.actsetOutput == Xlate.OFPP_UNSET ? frozen // most write none
                : new Xlate.Frozen(frozen.br(), frozen.id(), frozen.table(), frozen.flow(), frozen.state(),
                        frozen.actions(), List.copyOf(x.actionSet), x.actsetOutput);
        x.pending.add(f);
        if (x.outputsAt == null) {
            x.outputsAt = new java.util.IdentityHashMap<>(4);
            x.forkPackets = new java.util.IdentityHashMap<>(4);
        }
        x.outputsAt.put(f, x.outputs.size());
        x.forkPackets.put(f, x.packet); // the packet as it recirculates, should forksFirst() run the pass
    }

    // the outputs of the pass just drained (from start on) moved to its recirc()'s place; the recirculations it froze
    // move with them, the ones after its place shift
    private static void placeOutputs(Xlate x, int at, int start, int siblings) {
        List<Ofproto.Output> mine = new ArrayList<>(x.outputs.subList(start, x.outputs.size()));
        x.outputs.subList(start, x.outputs.size()).clear();
        x.outputs.addAll(at, mine);
        for (int i = 0; i < x.pending.size(); i++) {
            Xlate.Frozen p = x.pending.get(i);
            Integer q = x.outputsAt.get(p);
            if (q != null) {
                x.outputsAt.put(p, i >= siblings ? at + (q - start) : q >= at ? q + mine.size() : q);
            }
        }
    }

    // finish_freezing(): the datapath hashes the packet and recirculates it to the frozen actions
    static void finishFreezing(Xlate x) {
        List<Action> frozen = x.freezing;
        x.freezing = null;
        if (x.freezeMpls) {
            x.freezeMpls = false;
            mplsRecirculation(x, frozen);
            return;
        }
        Group g = x.freezeHash;
        x.freezeHash = null;
        Action.Controller pause = x.pause;
        x.pause = null;
        if (pause != null) {
            // finish_freezing__() of a controller(pause): the frozen state (its userdata too) takes an id, then a
            // continuation to the controller, put_controller_user_action(), where the translation has side
            // effects or an xlate cache; a trace without them emits nothing
            x.committer.commit();
            byte[] u = pause.userdata();
            int id = freeze(x, "recirc|" + ActionFormat.format(frozen, OfVersion.OF15, PortMap.NONE) + "|"
                    + frozenMetadata(x) + (u == null || u.length == 0 ? "" : "|" + java.util.HexFormat.of().formatHex(u)),
                    x.flow, 0, frozen);
            if (x.sideEffects || x.onePass) {
                x.odpAdd("userspace(pid=0,controller(reason=" + pause.reason() + ",dont_send=0,continuation=1,recirc_id="
                        + id + ",rule_cookie=" + (x.rule == null || x.rule.cookie == 0 ? "0"
                        : "0x" + Long.toHexString(x.rule.cookie)) + ",controller_id=" + pause.id() + ",max_len="
                        + pause.maxLen() + "))");
                x.xc.replayable = false;
            }
            return;
        }
        if (g == null) { // ctx_trigger_freeze() (debug_recirc): the committed packet recirculates as it is
            x.committer.commit();
            int id = freeze(x, "recirc|" + ActionFormat.format(frozen, OfVersion.OF15, PortMap.NONE) + "|"
                    + frozenMetadata(x), x.flow, 0, frozen);
            x.odpAdd(String.format("recirc(0x%x)", id));
            if ((x.execute || x.hop != null) && x.packet != null) {
                defer(x, new Xlate.Frozen(x.br, id, 0, recircKey(x, XlateCt.packetKey(x)), "recirc", frozen));
            }
            return;
        }
        // an algorithm past rt_support.max_hash_alg falls back to OVS_HASH_ALG_L4, which every datapath has
        boolean l4 = g != null && (g.hashAlg() == Group.HASH_ALG_L4 || g.hashAlg() > x.br.datapath.support(Datapath.Support.MAX_HASH_ALG));
        long basis = g != null ? g.hashBasis() : 0;
        x.odpAdd((l4 ? "hash(l4(" : "hash(sym_l4(") + basis + "))"); // format_odp_action()'s OVS_ACTION_ATTR_HASH
        x.xc.replayable = false; // the replay has no hash(): dp_hash recirculations are translated per packet
        int id = freeze(x, "hash|" + ActionFormat.format(frozen, OfVersion.OF15, PortMap.NONE) + "|"
                + frozenMetadata(x), x.flow, 0, frozen);
        x.odpAdd(String.format("recirc(0x%x)", id));
        if ((x.execute || x.hop != null) && x.packet != null) {
            long[] f = recircKey(x, XlateCt.packetKey(x));
            // odp_execute_actions(): OVS_HASH_ALG_L4 rehashes the packet's RSS hash (dpif-netdev's
            // miniflow_hash_5tuple() of the packet as it came in) with hash_int(); OVS_HASH_ALG_SYM_L4 hashes
            // flow_extract() of the packet as the actions before it left it (finish_freezing()'s commit, a NAT)
            f[Slot.DP_HASH.ordinal()] = (l4 ? FlowHash.hashInt(NativeTunnel.hash5Tuple(Packet.extract(x.packet,
                    x.flow[Slot.IN_PORT.ordinal()])), (int) basis)
                    : FlowHash.hashSymL4(f, (int) basis, false)) & 0xffffffffL;
            x.packetDpHash = f[Slot.DP_HASH.ordinal()];
            defer(x, new Xlate.Frozen(x.br, id, 0, f, "dp_hash", frozen));
        }
    }

    // finish_freezing() for recirc_for_mpls(): the committed packet recirculates, parsed again into the flow the
    // frozen actions resume with (was_mpls is not frozen)
    private static void mplsRecirculation(Xlate x, List<Action> frozen) {
        x.committer.commit();
        int id = freeze(x, "mpls|" + ActionFormat.format(frozen, OfVersion.OF15, PortMap.NONE) + "|"
                + frozenMetadata(x), x.flow, 0, frozen);
        x.odpAdd(String.format("recirc(0x%x)", id));
        x.xc.replayable = false;
        if ((x.execute || x.hop != null) && x.packet != null) {
            x.packet = x.rewritten();
            long[] f = x.flow.clone(), p = Packet.extract(x.packet, x.flow[Slot.IN_PORT.ordinal()]);
            int from = Slot.DL_DST.ordinal();
            System.arraycopy(p, from, f, from, Slot.ND_RESERVED.ordinal() - from + 1);
            defer(x, new Xlate.Frozen(x.br, id, 0, recircKey(x, f), "mpls", frozen));
        }
    }

    /**
     * The recirculated packet's key is the datapath's (dp_netdev_recirculate() extracts the packet again): {@code f},
     * the packet's headers as the actions left it (a ct()'s NAT too), with the conntrack metadata the datapath's
     * ct() set, which the translation's flow has cleared (compose_conntrack_action()'s flow_clear_conntrack()).
     */
    private static long[] recircKey(Xlate x, long[] f) {
        Conntrack.storeMd(x.packetCt, f);
        f[Slot.DP_HASH.ordinal()] = x.packetDpHash;
        return f;
    }

    // what a recirculation freezes besides the packet (struct frozen_state): the metadata the pipeline carries
    static String frozenMetadata(Xlate x) {
        StringBuilder s = new StringBuilder().append(x.flow[Slot.IN_PORT.ordinal()]).append(',')
                .append(x.flow[Slot.METADATA.ordinal()]);
        for (Slot t : Xlate.TUNNEL) {
            s.append(',').append(x.flow[t.ordinal()]);
        }
        for (int i = 0; i < 16; i++) {
            s.append(',').append(x.flow[Slot.reg(i).ordinal()]);
        }
        return s.toString();
    }
}
