package io.arplab.flow;

/** An installed megaflow (struct dp_netdev_flow with its udpif_key): the key and mask of a section's initial flow. */
public final class Megaflow {
    static final int[] NO_RECIRCS = {};
    private static final long[] ZERO_KEY = new long[Slot.ALL.length];

    final Ofproto br;
    /**
     * The key's words from its first nonzero one on ({@link #keyFrom}): the slots before the datapath's fields
     * (the conntrack tuple, the tunnel, the registers) are zero in most keys, so a megaflow keeps about half of
     * a flow's words, as a dpif-netdev megaflow keeps its key as a miniflow of the words it has.
     */
    private final long[] keyWords;
    private final int keyFrom;
    final long[] mask;
    public String actions;
    public long packets, bytes, used = -1, tcpFlags;
    /** Its packets and bytes the revalidators pushed through its ukey's cache so far (ukey->stats). */
    long pushedPackets, pushedBytes;
    /** When its ukey was made (ukey->created): its idle time counts from there until a packet uses it. */
    long created;
    /** The translation's cache (its ukey's): what a hit repeats, the actions it replays. */
    XlateCache xc;
    /**
     * Its ukey's cache where that is not {@link #xc} (null: it is): a revalidation whose modify put found no
     * datapath flow of the ukey's key left this flow's actions alone and gave its ukey the new translation's.
     */
    XlateCache ukeyXc;
    Megaflow next;
    /** The key's ct_tuple4 as the upcall's metadata had it (write_ct_md()), or null. */
    final Conntrack.Key ctTuple;
    /** Its mask of ct_tuple4 (what a resubmit(ct)'s lookup read, tuple_swap()), or null: none matched. */
    Conntrack.Key ctMask;
    /**
     * Its ukey's mask leaves the first tag's TCI out: ukey_create_from_upcall() exported the translation's wildcards,
     * which had none of it, and handle_packet_upcall() matched the VID and CFI in the datapath's flow alone.
     */
    boolean ukeyTciWild;
    /** dp_netdev_flow_is_simple_match() of its key and mask (they do not change). */
    final boolean simple;
    /** The recirculation ids its ukey references (key_recirc_id and the actions' recircs). */
    int[] recircs = NO_RECIRCS;
    /** The {@link #revalidationEpoch()} its ukey was last translated in. */
    long epoch;
    /** Its ukey has an xcache: a revalidation translated it (an upcall's ukey has none). */
    boolean xcachePopulated;
    /** The learn() flow_mods of its hits since the last push, in order (XC_LEARN: run when a round pushes). */
    java.util.List<XlateLearn.Pending> learns = java.util.List.of();
    /** The packets and bytes of its hits translated per packet whose groups wait for the push (XC_GROUP). */
    long groupPackets, groupBytes;

    Megaflow(Ofproto br, long[] value, DpclsSubtable t, String actions, XlateCache xc, Conntrack.Key ctTuple) {
        this.br = br;
        int from = java.util.Arrays.mismatch(value, ZERO_KEY); // the first nonzero word (-1: none)
        keyFrom = from < 0 ? value.length : from;
        keyWords = java.util.Arrays.copyOfRange(value, keyFrom, value.length);
        this.mask = t.mask;
        this.actions = actions;
        this.xc = xc;
        this.ctTuple = ctTuple;
        this.simple = value[Slot.RECIRC_ID.ordinal()] == 0 && t.simpleMask;
    }

    /** Its key, whole (a new array). */
    long[] value() {
        long[] v = new long[keyFrom + keyWords.length];
        System.arraycopy(keyWords, 0, v, keyFrom, keyWords.length);
        return v;
    }

    /** Slot {@code i} of its key. */
    long key(int i) {
        return i < keyFrom ? 0 : keyWords[i - keyFrom];
    }

    /** Whether {@code flow} is its key, slot for slot. */
    boolean keyIs(long[] flow) {
        return java.util.Arrays.mismatch(flow, ZERO_KEY) == (keyFrom == flow.length ? -1 : keyFrom)
                && java.util.Arrays.equals(flow, keyFrom, flow.length, keyWords, 0, keyWords.length);
    }

    /** The words its key takes (for the benchmark's bytes per megaflow). */
    int keyWords() {
        return keyWords.length;
    }

    /** The cache its stats are pushed through (revalidate_ukey()'s xlate_push_stats() of ukey->xcache). */
    XlateCache ukeyCache() {
        return ukeyXc != null ? ukeyXc : xc;
    }

    /** Whether a hit is executed from the datapath actions alone (not a slow-path flow). */
    boolean replayable() {
        return xc.replayable;
    }
}
