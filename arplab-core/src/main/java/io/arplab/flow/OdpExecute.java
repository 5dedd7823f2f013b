package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * lib/odp-execute.c odp_execute_actions() for a bridge's megaflow hits: the megaflow's compiled datapath actions
 * (its {@link XlateCache}'s) on the packet and its key, outputs rewriting the frame, ct() through conntrack (and what
 * ipf sends on with it), recirc() running its pass at once (dp_netdev_recirculate()), a clone() on a copy.
 */
final class OdpExecute {
    private final Ofproto br;

    OdpExecute(Ofproto br) {
        this.br = br;
    }

    // odp_execute_actions(): the megaflow's compiled actions on the packet and its key; a recirc() runs the pass it
    // starts at once (dp_netdev_recirculate()), before the actions after it
    void execute(long now, XlateCache xc, long[] key, byte[] packet, List<Ofproto.Output> outputs, int tags) {
        execute(now, xc, 0, key, packet, outputs, tags);
    }

    /** The packet's key and tags outside a datapath clone(), which it gets back when the clone ends. */
    private record Outside(long[] key, List<XlateCache.Op> retag) {}

    // the actions from the from-th on
    private void execute(long now, XlateCache xc, int from, long[] key, byte[] packet, List<Ofproto.Output> outputs,
            int tags) {
        long[] k = key;
        boolean copied = false;
        List<XlateCache.Op> retag = null; // the push_vlan and pop_vlan actions so far, on the packet's own tags
        java.util.ArrayDeque<Outside> clones = null; // odp_execute_clone(): the key and tags each open clone() copied
        int cutlen = 0; // dp_packet_set_cutlen() of the last trunc(), until an output applies it
        for (int i = from; i < xc.ops.size(); i++) {
            XlateCache.Op op = xc.ops.get(i);
            switch (op.kind()) {
                case XlateCache.CLONE -> {
                    clones = clones == null ? new java.util.ArrayDeque<>(2) : clones;
                    clones.push(new Outside(k.clone(), retag == null ? null : new ArrayList<>(retag)));
                }
                case XlateCache.CLONE_END -> {
                    if (clones == null || clones.isEmpty()) {
                        continue; // fragments sent on from within the clone (sentOn()): its start is not theirs
                    }
                    Outside outer = clones.pop();
                    k = outer.key();
                    copied = true;
                    retag = outer.retag();
                }
                case XlateCache.TRUNC -> {
                    int length = packet.length; // the frame as the pushes and pops so far left it
                    for (XlateCache.Op r : retag == null ? List.<XlateCache.Op>of() : retag) {
                        length += r.kind() == XlateCache.PUSH_VLAN ? 4 : -4;
                    }
                    cutlen = Xlate.cut(length, (int) op.value());
                }
                case XlateCache.POP_VLAN, XlateCache.PUSH_VLAN -> {
                    if (retag == null) {
                        retag = new ArrayList<>(2);
                    }
                    retag.add(op);
                }
                case XlateCache.SET -> {
                    if (!copied) {
                        k = k.clone();
                        copied = true;
                    }
                    k[op.slot()] = k[op.slot()] & ~op.mask() | op.value() & op.mask(); // a masked set keeps the rest
                }
                case XlateCache.OUTPUT -> {
                    // the frame has its own tags, the pass's key the ones the passes before pushed or popped:
                    // rewrite() makes the one the other's before this pass's own pushes and pops
                    int own = Packet.tags(packet, br.datapath.vlanLimit());
                    byte[] f = retag == null ? Packet.rewrite(packet, k, own)
                            : Packet.retag(Packet.rewrite(packet, Packet.withVlans(k, key), own), retag);
                    if (cutlen > 0 && cutlen < f.length && op.tunnel() == null) { // dp_packet_batch_apply_cutlen()
                        f = java.util.Arrays.copyOf(f, f.length - cutlen);
                    }
                    cutlen = 0;
                    outputs.add(new Ofproto.Output(op.value(), op.tunnel() == null ? f : op.tunnel().prefix(f)));
                }
                case XlateCache.CT -> {
                    long[] c = k.clone();
                    byte[] out = br.ct.execute(c, packet, (int) op.value(), op.commit(), op.set(), null);
                    List<Ipf.Sent> sent = br.ct.takeSent();
                    if (out != null && sent.isEmpty()) {
                        k = c;
                        copied = true;
                        continue;
                    }
                    if (out != null) { // the packet, then what ipf added to the batch, through the actions after
                        List<Ipf.Sent> batch = new ArrayList<>(sent.size() + 1);
                        batch.add(new Ipf.Sent(c, packet));
                        batch.addAll(sent);
                        sent = batch;
                    }
                    sentOn(now, xc, i + 1, sent, outputs);
                    return; // ipf kept the fragment: the batch goes on with what ipf sent, if anything
                }
                default -> {
                    // the recirculated key has the tags the pushes and pops so far left on the packet
                    long[] r = retag == null ? k.clone() : Packet.retagKey(Packet.withVlans(k, key), retag);
                    byte[] p = Packet.keyAtVlanLimit(r, packet, br.datapath.vlanLimit());
                    r[Slot.RECIRC_ID.ordinal()] = op.value();
                    if (br.datapath.popDepth >= 6) { // dp_execute_cb(): past MAX_RECIRC_DEPTH the packet is dropped
                        return;
                    }
                    br.datapath.popDepth++;
                    try {
                        br.pass(now, r, p, outputs, p == packet ? tags : Packet.vlanCount(r));
                    } finally {
                        br.datapath.popDepth--;
                    }
                    // the packet goes on untracked (ct_clear after the fork, as the translation did)
                    k = k.clone();
                    Conntrack.clear(k);
                }
            }
        }
    }

    /**
     * The fragments ipf added to a batch after a ct() (ipf_send_completed_frags(), ipf_send_expired_frags()) through
     * the datapath actions after it (the {@code from}-th on of {@code xc}), one after the other in the batch's order.
     */
    void sentOn(long now, XlateCache xc, int from, List<Ipf.Sent> sent, List<Ofproto.Output> outputs) {
        boolean recirc = from < xc.ops.size() && xc.ops.get(from).kind() == XlateCache.RECIRC;
        if (!recirc || sent.size() == 1) {
            for (Ipf.Sent p : sent) {
                execute(now, xc, from, p.key(), p.frame(), outputs, Packet.vlanCount(p.key()));
            }
            return;
        }
        // ct(...),recirc(N): the batch recirculates as one (dp_netdev_recirculate()), then each packet goes on
        // untracked
        List<Ipf.Sent> batch = new ArrayList<>(sent.size());
        for (Ipf.Sent p : sent) {
            long[] r = p.key().clone();
            r[Slot.RECIRC_ID.ordinal()] = xc.ops.get(from).value();
            batch.add(new Ipf.Sent(r, Packet.keyAtVlanLimit(r, p.frame(), br.datapath.vlanLimit())));
        }
        recirculate(now, batch, outputs);
        for (Ipf.Sent p : sent) {
            long[] k = p.key().clone();
            Conntrack.clear(k);
            execute(now, xc, from + 1, k, p.frame(), outputs, Packet.vlanCount(k));
        }
    }

    /**
     * dp_netdev_input__() of a recirculated batch: the packets whose key no megaflow has are upcalls, executed at
     * once in the batch's order (fast_path_processing(): unless an earlier upcall of the batch installed their
     * megaflow); then the others, by megaflow in the order their first packet came (packet_batch_per_flow_execute()).
     */
    private void recirculate(long now, List<Ipf.Sent> batch, List<Ofproto.Output> outputs) {
        Megaflow[] hit = new Megaflow[batch.size()];
        for (int i = 0; i < hit.length; i++) {
            hit[i] = br.datapath.lookup(br, batch.get(i).key());
        }
        for (int i = 0; i < hit.length; i++) {
            if (hit[i] == null && (hit[i] = br.datapath.lookup(br, batch.get(i).key())) == null) {
                br.pass(now, batch.get(i).key(), batch.get(i).frame(), outputs, Packet.vlanCount(batch.get(i).key()));
            }
        }
        boolean[] done = new boolean[hit.length];
        for (int i = 0; i < hit.length; i++) {
            for (int j = i; hit[i] != null && j < hit.length; j++) {
                if (!done[j] && hit[j] == hit[i]) {
                    done[j] = true;
                    br.pass(now, batch.get(j).key(), batch.get(j).frame(), outputs,
                            Packet.vlanCount(batch.get(j).key()));
                }
            }
        }
    }
}
