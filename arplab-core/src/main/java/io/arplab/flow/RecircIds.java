package io.arplab.flow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ofproto/ofproto-dpif-rid.c: the recirculation ids of one ovs-vswitchd (its datapath here), each naming a frozen
 * state (the bridge, the table or actions a recirculated pass resumes at, the frozen flow's metadata). An id is
 * referenced by the translation that froze it (xout->recircs) and by the megaflows (ukeys) that recirculate to it or
 * match it; a frozen state equal to a referenced one's gets its id again (recirc_alloc_id_ctx()), else the next id.
 * Released (recirc_id_node_unref()), an id leaves the metadata map but stays findable until recirc_run() has run
 * twice more: the revalidator leader runs it at the start of each round, acting when over 250 ms have passed since
 * it last did. arplab's rounds fall on the multiples of the revalidator's period since the datapath's start (OVS's
 * depend on when its threads wake), so an id released at T is found until the second such round after T.
 */
final class RecircIds {
    /** recirc_id_node: the frozen state, its references, and when recirc_run() frees it once released. */
    static final class Node {
        final int id;
        /** The bridge the state was frozen in: a thaw translates there (xlate_lookup_ofproto()). */
        final Ofproto br;
        final String state;
        final long[] flow;
        final int table;
        final List<Action> actions;
        /** The translation's push/pop stack when it froze (frozen_state's stack). */
        final byte[] stack;
        /**
         * xport_uuid: the freezing translation's proximate input port that is not a patch port (xin->xport_uuid),
         * its bridge and OpenFlow number, where xlate_lookup_ofproto() takes a datapath flow; null: none.
         */
        final Ofproto xportBr;
        final long xportPort;
        int refcount = 1;
        long freed;
        /** frozen_state's mirrors: those the freezing translation had output to. */
        int mirrors;

        Node(int id, Ofproto br, String state, long[] flow, int table, List<Action> actions, byte[] stack,
                Ofproto xportBr, long xportPort) {
            this.id = id;
            this.stack = stack;
            this.br = br;
            this.state = state;
            this.flow = flow;
            this.table = table;
            this.actions = actions;
            this.xportBr = xportBr;
            this.xportPort = xportPort;
        }

        /**
         * frozen_metadata_to_flow(): a recirculated pass's flow is the frozen metadata (tunnel, metadata, registers,
         * in_port) with the packet's fields and conntrack state (its original tuple too) from {@code key}.
         */
        long[] thaw(long[] key) {
            long[] f = flow.clone();
            for (int i = Slot.RECIRC_ID.ordinal(); i < f.length; i++) {
                if (i != Slot.IN_PORT.ordinal()) {
                    f[i] = key[i];
                }
            }
            for (int i = Slot.CT_NW_PROTO.ordinal(); i <= Slot.CT_TP_DST.ordinal(); i++) { // one run of slots
                f[i] = key[i];
            }
            return f;
        }
    }

    /** RECIRC_POOL_STATIC_IDS: the ids a wrapped counter skips. */
    private static final int STATIC_IDS = 1024;
    /** recirc_run()'s "at most 4 times / sec". */
    private static final long RUN_GAP = 250_000_000L;

    private final Map<Integer, Node> idMap = new HashMap<>();
    /** metadata_map: the referenced nodes by frozen state. */
    private final Map<String, Node> metadataMap = new HashMap<>();
    private int nextId = 1;
    /** The revalidator's period (min of max-idle and max-revalidator), in ns. */
    private long period = 500_000_000L;
    /** The latest time the datapath was told of. */
    private long now;

    void period(long ns) {
        period = Math.max(ns, 1_000_000L); // udpif_revalidator()'s 5 ms pause aside, time_msec()'s resolution
    }

    /** recirc_alloc_id_ctx(): a reference on the referenced node of an equal frozen state, else a new id. */
    int alloc(Ofproto br, String state, long[] flow, int table, List<Action> actions, byte[] stack, Ofproto xportBr,
            long xportPort, long now) {
        clock(now);
        // frozen_state_equal(): ofproto_uuid first, xport_uuid last
        String key = br.name + "|" + state + "|" + (xportBr == null ? "" : xportBr.name + ":" + xportPort);
        Node n = metadataMap.get(key);
        if (n != null) {
            n.refcount++;
            return n.id;
        }
        do { // recirc_alloc_id__(): the next id not in use, past the static pool once wrapped
            if (nextId == 0) {
                nextId = STATIC_IDS + 1;
            }
            n = new Node(nextId++, br, key, flow.clone(), table, actions == null ? null : List.copyOf(actions),
                    stack, xportBr, xportPort);
        } while (find(n.id, now) != null);
        idMap.put(n.id, n);
        metadataMap.put(key, n);
        return n.id;
    }

    /** recirc_alloc_id(): a new id of the bridge's internal table for a bond, never shared. */
    int allocBond(Ofproto br, long now) {
        clock(now);
        Node n;
        do { // recirc_alloc_id__()
            if (nextId == 0) {
                nextId = STATIC_IDS + 1;
            }
            n = new Node(nextId++, br, br.name + "|bond|" + nextId, new long[0], 254, null, null, null, 0);
        } while (find(n.id, now) != null);
        idMap.put(n.id, n);
        metadataMap.put(n.state, n);
        return n.id;
    }

    /** recirc_id_node_find(): the node of {@code id}, referenced or released but not yet freed by recirc_run(). */
    Node find(long id, long now) {
        clock(now);
        Node n = idMap.get((int) id);
        if (n != null && n.refcount == 0 && this.now >= n.freed) {
            idMap.remove(n.id);
            return null;
        }
        return n;
    }

    /** recirc_id_node_find_and_ref(): a new reference, unless the node is gone or released (refcount zero). */
    boolean ref(long id, long now) {
        Node n = find(id, now);
        if (n == null || n.refcount == 0) {
            return false;
        }
        n.refcount++;
        return true;
    }

    /**
     * recirc_id_node_unref(): the last reference gone, the node leaves the metadata map, then the expiring list;
     * recirc_run()'s next round moves it to the expired list, the one after frees it.
     */
    void unref(long id) {
        Node n = idMap.get((int) id);
        if (n != null && n.refcount > 0 && --n.refcount == 0) {
            metadataMap.remove(n.state);
            long step = period * (RUN_GAP / period + 1); // the rounds that run it: over 250 ms apart
            n.freed = (Math.floorDiv(now, step) + 2) * step;
        }
    }

    void unref(int[] ids) {
        for (int id : ids) {
            unref(id);
        }
    }

    private void clock(long t) {
        now = Math.max(now, t);
    }
}
