package io.arplab.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One packet through a bridge's tables (ofproto/ofproto-dpif-xlate.c xlate_actions), with what ofproto/trace
 * prints (ofproto-dpif-trace.c), the datapath actions it commits, and the megaflow wildcards its lookups imply
 * ({@link Classifier}: staged lookup, prefix tries on nw_src/nw_dst, the ports trie).
 */
final class Xlate {
    private static final int MAX_DEPTH = 64;
    /** OFPP_UNSET: actset_output without an output in the action set. */
    static final long OFPP_UNSET = 0xfff7;

    /** The bridge translating (ctx->xbridge): a native tunnel's output goes on in the underlay bridge. */
    Ofproto br;
    /**
     * The bridge the packet came in on (xin->ofproto) and its OpenFlow input port: the datapath key's in_port, which a
     * recirculation keeps even when its frozen state is another bridge's (after a patch port).
     */
    final Ofproto ingress;
    long keyInPort;
    /** The pass's input port before a thaw restores the frozen one (ctx->base_flow's in_port). */
    long baseInPort;
    /** xin->xport_uuid: the pass's proximate input port unless a patch port with a peer, as its bridge and number. */
    Ofproto xportBr;
    long xportPort;
    long now;
    /** A packet's translation: counters, learning, conntrack and outputs happen (off in a native tunnel's underlay). */
    boolean execute;
    /** xin->allow_side_effects: a packet's translation, or a trace given a packet. */
    boolean sideEffects;
    /** Whether the section's megaflow goes into the datapath (not for a packet sent by OVS itself). */
    boolean install;
    /** is_last_action: nothing of the translation follows the action being translated. */
    boolean tail;
    boolean listContinues;
    /** Where the section's last clone(...) starts in its datapath actions, while nothing follows it; else -1. */
    int lastClone;
    /** The trace text of underlay bridges the current table's actions went through: [start, end) each; or null. */
    List<int[]> nestedBridges;

    /** During a native tunnel's underlay translation of a packet: the encapsulated frames leaving the underlay. */
    List<Ofproto.Output> underlay;

    /** A tnl_pop the datapath executes: the Geneve port's datapath number and the packet as it is popped. */
    record Pop(int port, byte[] frame) {}

    /** The section's tnl_pops on its packet (the datapath then recirculates the inner packet). */
    final List<Pop> pops = new ArrayList<>(0);
    final StringBuilder trace;
    /** The flow translated came with the bridge's TLV map (ofproto/trace's): xlate_actions() keeps its wildcards. */
    boolean traceTunTab;
    final List<Integer> ctNext;
    int ctNextUsed;
    byte[] packet;
    /**
     * The frame an upcall's first pass began with, whose key is that pass's initial flow; null in a thawed pass (its
     * frame and frozen flow may differ by the sets the pass before it committed) and once the frame is replaced.
     */
    private byte[] keyPacket;
    final List<Ofproto.Output> outputs = new ArrayList<>(2);
    /** A cut packet a native tunnel output sent back into the datapath (recirc(0)), and the bridge it enters. */
    record Recirculated(Ofproto underlay, Ofproto.Output output) {}

    /** The cut packets of this translation's native tunnel outputs. */
    final List<Recirculated> recirculated = new ArrayList<>(0);

    /** The frames a native tunnel output pushed and its underlay bridge sends (tnl_push, then the underlay's output). */
    record Pushed(Ofproto underlay, List<Ofproto.Output> outputs) {}

    /**
     * This translation's pushed frames, sent when its datapath actions execute, after the translation: what the
     * translation itself executed at once (a neighbour miss's ARP request, tnl_send_arp_request()'s
     * compose_table_xlate(), flushed by dpif_netdev_execute()) leaves the port first.
     */
    final List<Pushed> pushed = new ArrayList<>(0);

    /** The datapath executes the pushed frames (handle_upcalls(), a packet-out's dpif_execute()), in order. */
    void sendPushed() {
        for (int i = 0; i < pushed.size(); i++) {
            pushed.get(i).underlay().send(pushed.get(i).outputs());
        }
        pushed.clear();
    }

    long[] flow;
    long[] initial;
    private long[] initialWords;
    /**
     * The packet's conntrack metadata as the datapath actions so far leave it (its key's, then each ct()'s, cleared by
     * ct_clear), which the translation's flow does not follow: a ct() or a patch port (clear_conntrack()) clears
     * the flow's alone. A ct() starts from it.
     */
    final long[] packetCt = new long[Conntrack.MD.length]; // Conntrack.loadMd()'s order
    /**
     * The datapath packet's dp_hash as the actions so far left it: odp_execute_actions()'s hash() sets the packet's
     * own md->dp_hash, which a later recirculation of the same packet (a ct() after the select group's recirc())
     * carries in its key.
     */
    long packetDpHash;
    /** The pass's md.ct_orig_tuple as the datapath key has it (write_ct_md() of the previous ct()), or null. */
    private Conntrack.Key ctTuple;
    /**
     * The flow's ct_nw_proto, ct_nw_src, ct_nw_dst, ct_tp_src and ct_tp_dst as the pass's key has them (miniflow_extract()
     * of md.ct_orig_tuple), or null; valid while the flow is tracked (flow_clear_conntrack() zeroes them with its
     * ct_state). A revalidation takes its ukey's.
     */
    Conntrack.Key ctOrig;
    /** ctx->wc's masks of those fields, in {@link #CT_ORIG} order: the megaflow's ct_tuple4 or ct_tuple6 mask. */
    final long[] ctOrigMask = new long[CT_ORIG.length];
    /** The packet fields tuple_swap_flow() exchanges with the ct_orig ones (IPv4). */
    static final Slot[] CT_ORIG = {Slot.NW_PROTO, Slot.NW_SRC, Slot.NW_DST, Slot.TP_SRC, Slot.TP_DST, null, null};
    /** An IPv6 connection's: the addresses' low halves, then their high ones (ct_ipv6_src, ct_ipv6_dst). */
    static final Slot[] CT_ORIG6 = {Slot.NW_PROTO, Slot.IPV6_SRC_LO, Slot.IPV6_DST_LO, Slot.TP_SRC, Slot.TP_DST,
        Slot.IPV6_SRC_HI, Slot.IPV6_DST_HI};
    /** The flow's own slots of those fields (ct_nw_proto, ct_nw_src, ct_nw_dst, ct_tp_src, ct_tp_dst), same order. */
    static final Slot[] CT_SLOTS = {Slot.CT_NW_PROTO, Slot.CT_NW_SRC, Slot.CT_NW_DST, Slot.CT_TP_SRC, Slot.CT_TP_DST,
        null, null};
    /** An IPv6 connection's (ct_ipv6_src and ct_ipv6_dst's low halves, then their high ones). */
    static final Slot[] CT_SLOTS6 = {Slot.CT_NW_PROTO, Slot.CT_IPV6_SRC_LO, Slot.CT_IPV6_DST_LO, Slot.CT_TP_SRC,
        Slot.CT_TP_DST, Slot.CT_IPV6_SRC_HI, Slot.CT_IPV6_DST_HI};
    /** A resubmit(ct)'s lookup runs on the swapped flow; table() swaps back before the rule's actions. */
    boolean ctOrigSwapped;
    /** The input port a resubmit(port,..)'s lookup replaced, put back after it; or -1. */
    long lookupInPort;
    /** ctx->table_id: the table whose rule's actions are being translated (a resubmit's table 255). */
    int tableId;
    long[] base;
    long[] wc;
    /** The rule whose actions are being translated (ctx->rule; its cookie is ctx->rule_cookie). */
    Rule rule;
    /**
     * do_xlate_actions()' group_bucket_action: the list being translated is a group bucket's own (xlate_group_bucket()),
     * not a table's, a clone's or the action set's that it leads to; {@link #bucketList}: the next list is.
     */
    boolean groupBucketAction, bucketList;
    /** ctx->pause: the controller(pause) action whose freeze is pending, or null. */
    Action.Controller pause;
    /** ctx->in_action_set: xlate_action_set() is translating the action set. */
    boolean inActionSet;
    /** xin->in_packet_out: packet_xlate() of a packet-out, for its whole translation (not a later recirculation). */
    boolean inPacketOut;
    /** exit ran: the translation stops, nested resubmits included (ctx->exit). */
    boolean exited;
    final StringBuilder odp = new StringBuilder();
    final OdpCommit committer = new OdpCommit(this);
    boolean slow;
    boolean tunnelNoteDone;
    /** The set(tunnel(...)) last committed for the packet (commit_odp_tunnel_action() compares with it). */
    String committedTunnel;
    /**
     * The tunnel key the datapath has for the packet (tun_id, tun_src, tun_dst, tun_flags): the one it arrived
     * with or the last set(tunnel) executed. A recirculation restores the flow's tunnel metadata from the frozen
     * state, but the datapath key (and ctx->orig_tunnel_ipv6_dst) keep the packet's.
     */
    final long[] packetTunnel;
    static final Slot[] TUNNEL = {Slot.TUN_ID, Slot.TUN_SRC, Slot.TUN_DST, Slot.TUN_FLAGS, Slot.TUN_TOS,
        Slot.TUN_TTL, Slot.TUN_METADATA_PRESENT, Slot.TUN_METADATA0, Slot.TUN_METADATA1, Slot.TUN_METADATA2,
        Slot.TUN_METADATA3, Slot.TUN_METADATA4, Slot.TUN_METADATA5, Slot.TUN_METADATA6, Slot.TUN_METADATA7,
        Slot.TUN_IPV6_SRC_HI, Slot.TUN_IPV6_SRC_LO, Slot.TUN_IPV6_DST_HI, Slot.TUN_IPV6_DST_LO};
    /** flow_tnl_dst_is_set() of the datapath's key for the packet (its IPv4 or its IPv6 destination). */
    boolean packetTunnelDstSet() {
        return packetTunnel[2] != 0 || packetTunnel[TUNNEL.length - 2] != 0 || packetTunnel[TUNNEL.length - 1] != 0;
    }

    int depth;
    /**
     * ctx->depth and ctx->resubmits: the resubmits (and group buckets) on the stack that go to a table at or before
     * their own (xlate_recursively()'s deepens), and every rule a resubmit or goto_table reached.
     */
    int recursion, resubmits;
    final List<Frozen> pending = new ArrayList<>();
    /**
     * Where each pending recirculation's outputs go in {@link #outputs}: at its recirc(), which the datapath executes
     * at once (dp_netdev_recirculate() runs the pass before the actions after it).
     */
    java.util.Map<Frozen, Integer> outputsAt; // made by the first defer(): most translations freeze nothing
    java.util.Map<Frozen, byte[]> forkPackets;
    /** Where the pending recirculations this pass froze start in {@link #pending} (the ones before: its siblings'). */
    int ownFrom;
    /** The section's cache (rules, learning, compiled actions), handed to the megaflow it installs. */
    XlateCache xc;
    /** Revalidation: one section, whose result stays in {@link #xc}, {@link #lastMask} and {@link #lastActions}. */
    boolean onePass;
    /** A translation whose only side effect is its learn()s' flows ({@link #learnAhead()}), and whether it ran. */
    boolean learnOnly, learnedAhead;
    /**
     * The flows this translation's learn()s added: ofproto_flow_mod_learn() puts them in the next tables version,
     * while the translation's lookups keep its own (xin->tables_version).
     */
    final List<Rule> learnedNow = new ArrayList<>(0);
    /** The groups and buckets this pass went through with a packet, credited at its end (XC_GROUP's pairs). */
    final List<Object> groupCredits = new ArrayList<>(0);
    /**
     * The actions the flows this translation's learn()s modified had: OFPFC_MODIFY_STRICT's replace_rule_start()
     * makes a new rule of the next version, so the translation's lookups keep the old one, its actions (its stats
     * are forwarded to the new rule, rule_dpif_credit_stats()).
     */
    final java.util.Map<Rule, List<Action>> learnedOver = new java.util.HashMap<>(0);
    /** The recirculation node a thawed translation resumes (xin->frozen_state), or null. */
    RecircIds.Node thawed;
    long[] lastMask;
    /** {@link #lastMask}'s first TCI is handle_packet_upcall()'s, the translation's wildcards had none of it. */
    boolean lastTciWidened;

    /**
     * The translation's wildcards as revalidate_ukey__() compares them (ctx.wc): {@link #lastMask} without the VID and
     * CFI that handle_packet_upcall() adds to the datapath's match alone, after upcall_cb() made the ukey.
     */
    long[] ukeyWc() {
        if (!lastTciWidened) {
            return lastMask;
        }
        long[] m = lastMask.clone();
        m[Slot.VLAN_TCI.ordinal()] = 0;
        return m;
    }

    /**
     * A failed translation's wildcards hold bits that xlate_wc_finish() (which xlate_actions()' "goto exit" skips)
     * would have cleared: revalidate_ukey__()'s flow_wildcards_has_extra() then finds them beyond the datapath's mask.
     */
    boolean unfinishedWc;
    String lastActions;
    /** A revalidation's: its recirculation ids stay in {@link #recircs} for the ukey it may modify. */
    boolean keepRecircs;
    /** xout->avoid_caching: the revalidated megaflow goes (a learn with a limit whose flow is not in its table). */
    boolean avoidCaching;
    /** The datapath's lookup of the upcall's key missed: the first section's pass need not repeat it. */
    boolean keyMissed;
    /**
     * The datapath's lookup hit a megaflow translated per packet (not replayable): what only an upcall's translation
     * does, with no xlate cache entry to redo it on a hit (terminate_native_tunnel()'s tnl_neigh_set()), is not done.
     */
    boolean hit;
    /** The megaflow this pass hit, translated per packet (its learn()s wait for its push, XC_LEARN), or null. */
    Megaflow hitFlow;
    /**
     * The tunnel headers the native tunnel outputs so far pushed: a megaflow's hits are counted by xlate_push_stats()
     * over one stats struct, which each XC_TUNNEL_HEADER grows for the entries after it (an upcall's are not).
     */
    int pushedHeaders;
    /** Traceflow's observer of what a trace decides, or null. */
    TraceflowHop hop;

    /** ctx->stack: push and pop's, frozen with a recirculation. */
    final XlateStack stack = new XlateStack();

    /** A recirculation: the flow after ct(), resumed at {@code table}, or after hash(), resumed with {@code actions}. */
    record Frozen(Ofproto br, int id, int table, long[] flow, String state, List<Action> actions,
            List<Action> actionSet, long actsetOutput) {
        Frozen(Ofproto br, int id, int table, long[] flow, String state, List<Action> actions) {
            this(br, id, table, flow, state, actions, List.of(), OFPP_UNSET);
        }
    }

    /** ctx->ct_nat_action: the nat() a ct()'s nested actions went through last, or null. */
    String ctNat;
    /** While a translation freezes (ctx->freezing): the actions that will run after the recirculation. */
    List<Action> freezing;
    /** The freeze is recirc_for_mpls()'s: the packet is parsed again, not hashed. */
    boolean freezeMpls;
    /** The dp_hash group whose hash the freeze has the datapath compute (ctx->dp_hash_alg, dp_hash_basis). */
    Group freezeHash;
    /** ctx->error as xlate_strerror() words it (the translation stops, its actions dropped), or null. */
    String error;
    /** ctx->was_mpls: a pop_mpls to a non-MPLS Ethertype left a flow without the packet's L3 fields. */
    boolean wasMpls;
    /**
     * The fragments an executed ct()'s ipf added to the batch (ipf_send_completed_frags(), ipf_send_expired_frags()):
     * after the upcall's own execution they go through the datapath actions after that ct(), or null (most).
     */
    List<CtSent> ctSent;

    /** Fragments ipf sent on, to go through {@code xc}'s actions from the {@code from}-th. */
    record CtSent(XlateCache xc, int from, List<Ipf.Sent> sent) {}

    /** A meter's band dropped the packet, or conntrack's ipf held it: the datapath executes nothing after it. */
    boolean meterDropped;
    /** The trace's nesting (oftrace_node_print_details()): a group's bucket indents its actions by two levels. */
    int level;
    /** Where table lines sit: at the actions' level above a nested resubmit, whose own actions go two deeper. */
    int tableLevel;
    /** The OpenFlow 1.1+ action set (ctx->action_set): what write_actions added, run when the pipeline ends. */
    final List<Action> actionSet = new ArrayList<>(0);
    /** flow->actset_output: the action set's output port, OFPP_UNSET without one (or with a group). */
    long actsetOutput;
    boolean actionSetHasGroup;
    /** Where the trace of a table the first table's last action led to starts, printed as its last node; or -1. */
    int lastTopTable;
    /** ofproto/trace --names (xin->names): ports by name in the trace's flows, matches, actions, datapath actions. */
    boolean names;
    /** The recirculation ids this section's translation referenced (xout->recircs). */
    final List<Integer> recircs = new ArrayList<>(0);
    /** The flow's recirc_id has no node, or has one but actions were given: xlate_actions() reports it, drops. */
    boolean noContext, conflict;

    Xlate(Ofproto br, long now, long[] flow, byte[] packet, StringBuilder trace, List<Integer> ctNext,
            boolean execute) {
        this.ingress = br;
        this.trace = trace;
        this.ctNext = ctNext;
        this.packetTunnel = new long[TUNNEL.length];
        init(now, flow, packet, execute);
    }

    /**
     * xlate_in_init() and the context's defaults: every field but the bridge, the trace and its --ct-next states, so
     * that a bridge's upcalls reuse one context (as a handler thread keeps its stubs) with nothing of the last one left.
     */
    void init(long now, long[] flow, byte[] packet, boolean execute) {
        stack.clear();
        this.br = ingress;
        this.xinBr = ingress;
        this.keyInPort = flow[Slot.IN_PORT.ordinal()];
        this.baseInPort = keyInPort;
        this.xportBr = null;
        this.xportPort = 0;
        this.now = now;
        this.flow = execute ? flow : flow.clone(); // an upcall's key is the translation's own
        this.packet = packet;
        this.execute = execute;
        this.sideEffects = execute || packet != null;
        for (int i = 0; i < TUNNEL.length; i++) {
            packetTunnel[i] = flow[TUNNEL[i].ordinal()];
        }
        install = true;
        tail = listContinues = false;
        lastClone = -1;
        nestedBridges = null;
        underlay = null;
        pops.clear();
        outputs.clear();
        recirculated.clear();
        pushed.clear();
        cutlen = 0;
        truncating = false;
        initial = base = wc = lastMask = natHeld = null;
        Arrays.fill(packetCt, 0);
        ctTuple = ctOrig = null;
        Arrays.fill(ctOrigMask, 0);
        ctOrigSwapped = false;
        lookupInPort = -1;
        tableId = depth = recursion = resubmits = ownFrom = level = tableLevel = ctNextUsed = 0;
        creditFrom = passLength = natMask = pushedHeaders = 0;
        rule = null;
        thawCookie = -1L;
        exited = slow = unfinishedWc = tunnelNoteDone = onePass = learnOnly = learnedAhead = avoidCaching = keyMissed = hit = false;
        hitFlow = null;
        pause = null;
        firstLookup = false;
        keepRecircs = false;
        freezeHash = null;
        prefound = null;
        prefoundIn = null;
        odp.setLength(0);
        committedTunnel = lastActions = ctNat = error = null;
        pending.clear();
        outputsAt = null;
        forkPackets = null;
        xc = null;
        ctSent = null;
        thawed = null;
        hop = null;
        freezing = null;
        freezeMpls = wasMpls = meterDropped = actionSetHasGroup = names = noContext = conflict = patchLookup = false;
        givenActions = false;
        actionSet.clear();
        actsetOutput = OFPP_UNSET;
        lastTopTable = -1;
        recircs.clear();
        learnedNow.clear();
        groupCredits.clear();
        learnedOver.clear();
    }

    /** xin->ofproto: the bridge the translation (or the thawed pass) began in, whose hidden rules the trace names. */
    Ofproto xinBr;

    /** The datapath's tunnel key when it differs from the flow's tunnel metadata (a thawed recirculation). */
    void packetTunnel(long[] key) {
        for (int i = 0; i < TUNNEL.length; i++) {
            packetTunnel[i] = key[TUNNEL[i].ordinal()];
        }
    }

    /**
     * xlate_actions()' thaw: a recirculated pass translates in its frozen state's bridge {@code frozenBr}, its
     * megaflow keyed on the ingress bridge's {@code inPort}.
     */
    void thawIn(Ofproto frozenBr, long inPort) {
        br = frozenBr;
        xinBr = frozenBr; // xlate_lookup_ofproto_(): the frozen state's in_port's bridge
        keyInPort = inPort;
        baseInPort = inPort;
    }

    void run() {
        section(0, 0, null);
        XlateFreeze.drain(this);
    }

    /**
     * ofproto/trace-packet-out: {@code actions} run on the flow instead of table 0's lookup (xlate_actions() given
     * xin->ofpacts).
     */
    void runActions(List<Action> actions) {
        section(0, 0, actions);
        givenActions = trace != null && !execute; // ofproto_trace() gives each recirculation's pass them again
        XlateFreeze.drain(this);
    }

    /** ofproto/trace-packet-out's passes after the first: xin->ofpacts with a frozen state (conflict). */
    boolean givenActions;

    /** Resumes a recirculation the datapath asked about (its flow thawed from the frozen state). */
    void resume(int recircId, int table, List<Action> frozenActions) {
        section(recircId, table, frozenActions);
        XlateFreeze.drain(this);
    }

    /** xlate_actions() with a recirc_id whose node recirc_id_node_find() did not find: a drop. */
    void runWithoutContext() {
        noContext = true;
        section((int) flow[Slot.RECIRC_ID.ordinal()], 0, null);
    }

    /** xlate_actions() given actions (trace-packet-out) and a recirc_id whose node it found: a drop. */
    void runConflict() {
        conflict = true;
        section((int) flow[Slot.RECIRC_ID.ordinal()], 0, null);
    }

    /** ofproto_trace() of a thawed flow: the translation holds no reference past the trace. */
    void releaseRecircs() {
        for (int id : recircs) {
            br.datapath.recirc.unref(id);
        }
        recircs.clear();
    }

    void section(int recircId, int table, List<Action> frozenActions) {
        flow[Slot.RECIRC_ID.ordinal()] = recircId;
        stack.clear(); // xlate_actions(): a thawed pass's stack is its frozen state's
        RecircIds.Node frozenAt = recircId == 0 ? null : br.datapath.recirc.find(recircId, now);
        if (frozenAt != null) {
            stack.set(frozenAt.stack);
        }
        mirrors = frozenAt == null ? 0 : frozenAt.mirrors; // xlate_actions(): a thawed pass's are its frozen state's
        mirrorSnaplen = 0;
        cutlen = 0;
        // the pass's packet as it arrived (MPLS actions resize it), with the tags the passes before pushed or popped
        // (the frame keeps its own, the key has the datapath's)
        natMask = 0; // a recirculated pass's flow is the NAT'ed packet's
        int tagBytes = packet == null ? 0 : 4 * (Packet.vlanCount(flow) - Packet.tags(packet, br.datapath.vlanLimit()));
        int length = packet == null ? 0 : packet.length + tagBytes;
        passLength = length;
        // the pass's key: the context's own array, pass after pass (a megaflow keeps its own words of it)
        initial = initialWords = copy(flow, initialWords);
        keyPacket = execute && recircId == 0 ? packet : null;
        Conntrack.loadMd(flow, packetCt); // the same words, not read back from the copy just written
        packetDpHash = flow[Slot.DP_HASH.ordinal()];
        // the key's ct_tuple4: the packet's metadata as this pass starts, before its own ct() rewrites it
        ctTuple = execute && install ? OdpFlowFormat.ctTuple(br, flow) : null;
        if (execute) {
            ctOrig = install ? ctTuple : OdpFlowFormat.ctTuple(br, flow);
        }
        java.util.Arrays.fill(ctOrigMask, 0);
        XlateCt.putOrig(this);
        for (int i = 0; i < TUNNEL.length; i++) {
            initial[TUNNEL[i].ordinal()] = packetTunnel[i];
        }
        base = initial; // equal to the flow in every field commit() compares; copied before commit() writes it
        Ofproto sectionBr = br;
        wc = sectionBr.borrowWildcards(); // the megaflow's mask is copied from it when new
        // xlate_actions(): get_ofp_port() of the base flow's in_port in the (thawed) bridge, unless a patch peer
        Ofproto.Port in = br.port(baseInPort);
        boolean xport = in != null && !(in.isPatch() && br.datapath.peer(in) != null);
        xportBr = xport ? br : null;
        xportPort = xport ? in.ofport : 0;
        xc = new XlateCache(sectionBr.xcTables);
        creditFrom = 0;
        odp.setLength(0);
        lastClone = -1;
        slow = false;
        tunnelNoteDone = false;
        tail = true;
        Tunnel.wildcards(initial, wc);
        if (br.datapath.supports(Datapath.Support.RECIRC)) { // xlate_wc_init(): recirc_id exact when the datapath recirculates
            wc[Slot.RECIRC_ID.ordinal()] = Slot.RECIRC_ID.max;
        }
        wc[Slot.IN_PORT.ordinal()] = Slot.IN_PORT.max;
        wc[Slot.DL_TYPE.ordinal()] = Slot.DL_TYPE.max;
        if (flow[Slot.PACKET_TYPE.ordinal()] != 0) {
            wc[Slot.PACKET_TYPE.ordinal()] = Slot.PACKET_TYPE.max; // xlate_actions(): WC_MASK_FIELD(wc, packet_type)
        }
        long pt = flow[Slot.PACKET_TYPE.ordinal()];
        long dlType = pt >>> 16 == 1 ? pt & 0xffff : flow[Slot.DL_TYPE.ordinal()]; // get_dl_type(): an L3 packet's
        if (Packet.isIpAny(dlType)) { // is_ip_any()
            wc[Slot.NW_FRAG.ordinal()] = 3;
        }
        // xlate_actions(): tunnel metadata in udpif format is normalized before translation
        boolean udpif = (flow[Slot.TUN_FLAGS.ordinal()] & Tunnel.UDPIF) != 0;
        boolean badMetadata = udpif && !TunMetadata.fromUdpif(sectionBr.tlv, flow);
        if (trace != null) {
            XlateTrace.flow(this, recircId, table, frozenActions);
            if (thawed != null && recircId == thawed.id) {
                flow = thawed.thaw(flow); // xlate_actions(): ofproto_trace__() showed and keeps the flow as given
                thawed = null;
            }
        }
        lastTopTable = -1;
        wasMpls = false;
        error = null;
        if (noContext) {
            error(String.format("Recirculation context not found for ID %x", recircId));
            error = "No recirculation context"; // XLATE_NO_RECIRCULATION_CONTEXT
        } else if (conflict) {
            error("Recirculation conflict (actions)!");
            error = "Recirculation conflict"; // XLATE_RECIRCULATION_CONFLICT
        } else if (badMetadata) {
            error("Invalid Geneve tunnel metadata");
            error = "Invalid tunnel metadata"; // XLATE_INVALID_TUNNEL_METADATA
        } else if (frozenActions != null && !frozenActions.isEmpty()) { // else the frozen table's lookup
            boolean mirrorOut = XlateMirror.isOutput(this, in);
            boolean run = !mirrorOut && Tunnel.processEcn(flow);
            XlateMirror.firstLookup(this, mirrorOut, !run);
            if (run) {
                actions(frozenActions, false);
            }
        } else {
            firstLookup = true;
            receiveRefused = in != null && !mayReceive(in);
            table(table);
        }
        if (recircId == 0 && !badMetadata && in != null && in.isTunnel() && !noContext && !conflict) {
            // xlate_actions(): tunnel stats for packets not thawed (netdev_vport_inc_rx(), XC_NETDEV)
            xc.tunnelRx = in.ofport;
            if (execute && packet != null) {
                sectionBr.tunnelRx(in.ofport, length);
            }
        }
        if (error != null) { // xlate_actions(): "goto exit", a drop flow, and the packet dropped with it
            freezing = null;
            odp.setLength(0);
            slow = false;
            outputs.clear();
            pops.clear();
        }
        if (freezing == null && error == null) {
            XlateClone.actionSet(this);
        }
        if (freezing != null) {
            XlateFreeze.finishFreezing(this);
        }
        creditRules();
        if (!badMetadata && Tunnel.dstIsSet(initial)
                && (initial[Slot.TUN_FLAGS.ordinal()] & Tunnel.UDPIF) != 0) {
            TunMetadata.udpifMask(sectionBr.tlv, initial, wc); // xlate_actions(): the masks in udpif format
        } else if (!traceTunTab && Tunnel.dstIsSet(initial) && initial[Slot.TUN_METADATA_PRESENT.ordinal()] == 0) {
            // an upcall without options has no metadata table: its wildcards go (without a tunnel the megaflow's
            // mask has none of the tunnel key anyway); a trace's flow has the bridge's (parse_flow_and_packet()),
            // so its wildcards stay, an option looked for and absent as tun_metadataN=NP
            for (int i = Slot.TUN_METADATA_PRESENT.ordinal(); i <= Slot.TUN_METADATA7.ordinal(); i++) {
                wc[i] = 0; // no options came with the packet (or the translation failed on them): no wildcards
            }
        }
        sectionBr.xcTables = Math.max(4, xc.tables());
        if (lastClone >= 0) {
            // xlate_optimize_odp_actions(): a trailing clone() is replaced by the actions it holds
            odp.setLength(odp.length() - 1);
            odp.delete(lastClone, lastClone + "clone(".length());
            lastClone = -1;
        }
        if (hop != null) {
            hop.datapathActions(odp.isEmpty() ? "drop" : odp.toString());
        }
        if (br != ingress || initial[Slot.IN_PORT.ordinal()] != keyInPort) {
            xc.replayable = false; // outputs of another bridge's ports: translated per packet
            xc.patched = true;
        }
        if (execute || onePass) {
            lastActions = slow ? "userspace(pid=0,slow_path(action))" : odp.isEmpty() ? "drop" : br.actionsText(odp);
            lastMask = XlateWc.megaflowMask(this, true);
            if (execute && !br.datapath.udpif.megaflows()) {
                XlateWc.forPacket(this, lastMask); // upcall_cb() with megaflows disabled: an exact match
            }
            lastTciWidened = false;
            long type = initial[Slot.DL_TYPE.ordinal()];
            if (initial[Slot.VLAN_TPID.ordinal()] == 0 && lastMask[Slot.DL_TYPE.ordinal()] != 0 && type != 0x8100
                    && type != 0x88a8) {
                // odp_flow_key_to_mask(): a key without a VLAN matches only untagged packets (a tag cut short, its
                // TPID the Ethernet type, is a VLAN attribute of TCI 0: handle_packet_upcall()'s rule below)
                lastMask[Slot.VLAN_TCI.ordinal()] = 0xffff;
                lastMask[Slot.VLAN_TPID.ordinal()] = 0xffff;
            } else if (lastMask[Slot.VLAN_TCI.ordinal()] == 0) {
                // handle_packet_upcall(): a key cannot wildcard a tag's presence, so its VID and CFI are matched
                lastMask[Slot.VLAN_TCI.ordinal()] = Match.VLAN_VID | Match.VLAN_CFI;
                lastTciWidened = true;
            }
            xc.replayable &= !slow;
            xc.dropCounter = slow || !odp.isEmpty() || !br.datapath.supportsExplicitDrop() ? -1
                    : Datapath.DROP_COUNTERS.indexOf(dropCounter(error));
        }
        Megaflow passHit = null; // the megaflow the datapath's lookup at the pass's end hit, if it did
        if (execute && install) {
            // dpif-netdev executes an upcall's actions before it installs the megaflow
            for (Pop p : pops) {
                br.datapath.tnlPop(now, p.port(), p.frame());
            }
            pops.clear();
            // a thawed recirculation's initial flow is not the key the datapath looked up, nor (after a patch port)
            // its in_port; the ukey takes the translation's references and one on its key's recirculation id
            // (upcall->have_recirc_ref), without which it is not installed
            long[] key = initial;
            if (xc.patched) {
                key = initial.clone();
                key[Slot.IN_PORT.ordinal()] = keyInPort;
            }
            boolean keyRef = recircId != 0 && br.datapath.recirc.ref(recircId, now);
            br.datapath.lastHit = null;
            Megaflow m = recircId != 0 && !keyRef ? null
                    : br.datapath.pass(ingress, key, lastMask, lastActions, length, now, xc,
                            keyMissed && recircId == 0, ctTuple);
            if (m != null) {
                m.ctMask = XlateCt.ctOrigMask(this);
                m.ukeyTciWild = lastTciWidened;
            }
            if (keyRef) {
                recircs.add(recircId);
            }
            if (m != null && !recircs.isEmpty()) { // most megaflows recirculate nowhere
                m.recircs = recircs.stream().mapToInt(Integer::intValue).toArray();
                recircs.clear();
            }
            passHit = br.datapath.lastHit;
        }
        XlateGroup.passEnd(this, passHit);
        if (!(trace != null && !execute) && !keepRecircs) {
            releaseRecircs(); // xlate_out_uninit(); a trace releases its ids once its recirculations are traced
        }
        keyMissed = false;
        if (trace != null) {
            XlateTrace.result(this);
        }
        sectionBr.returnWildcards(wc); // lastMask stays readable until the bridge's next translation
    }

    void line(String s) {
        if (trace != null) {
            trace.append("    ".repeat(level + 1)).append(s).append('\n');
        }
    }

    void note(String s) {
        if (trace != null) {
            trace.append("    ".repeat(level + 1)).append(" -> ").append(s).append('\n');
        }
    }

    /** dp_update_drop_action_counter()'s coverage counter for the translation's error (xlate_strerror()'s name). */
    private static String dropCounter(String error) {
        return "drop_action_" + (error == null ? "of_pipeline" : switch (error) {
            case "Too many resubmits" -> "too_many_resubmit";
            case "Too many MPLS labels" -> "too_many_mpls_labels";
            default -> error.toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
        });
    }

    /**
     * xlate_resubmit_resource_check(): a resubmit past MAX_DEPTH nested ones (or MAX_RESUBMITS in all) fails the
     * translation; no action runs after it.
     */
    boolean resourcesExhausted() {
        if (recursion < MAX_DEPTH && resubmits <= MAX_DEPTH * MAX_DEPTH && stack.size() < 65536) {
            return false;
        }
        if (recursion >= MAX_DEPTH) {
            error("over max translation depth " + MAX_DEPTH);
            error = "Recursion too deep"; // XLATE_RECURSION_TOO_DEEP
        } else if (resubmits > MAX_DEPTH * MAX_DEPTH) {
            error("over " + MAX_DEPTH * MAX_DEPTH + " resubmit actions");
            error = "Too many resubmits"; // XLATE_TOO_MANY_RESUBMITS
        } else { // (the 64 kB of datapath actions before it is not modelled)
            error("resubmits yielded over 64 kB of stack");
            error = "Stack too deep"; // XLATE_STACK_TOO_DEEP
        }
        exited = true;
        return true;
    }

    // the trace from a nested table node on, as if it were its list's last node: the node 4 columns left, the
    // lines under it 8
    void unnest(int from) {
        String[] lines = trace.substring(from).split("\n", -1);
        trace.setLength(from);
        for (int i = 0; i < lines.length; i++) {
            int cut = Math.min(i == 0 ? 4 : 8, lines[i].length() - lines[i].stripLeading().length());
            trace.append(lines[i], cut, lines[i].length()).append(i < lines.length - 1 ? "\n" : "");
        }
    }

    void problem(String s) {
        if (trace != null) {
            trace.append("    ".repeat(level + 1)).append(" >> ").append(s).append('\n');
        }
    }

    void table(int t) {
        XlateTable.table(this, t, true);
    }

    /**
     * xlate_table_action() of table {@code t} ({@link XlateTable#table}); {@code honorMiss}: its may_packet_in and
     * honor_table_miss, false for a resubmit (xlate_ofpact_resubmit()), true for the first lookup, goto_table, an
     * output to TABLE and a patch port.
     */
    void table(int t, boolean honorMiss) {
        XlateTable.table(this, t, honorMiss);
    }

    /**
     * The rule {@link XlateTable#chainGotos} found in table {@code prefoundAt} ({@code prefoundIn}, which the loop of
     * {@link XlateTable#table} takes instead of looking it up again), or null for a miss there.
     */
    Rule prefound;
    Classifier prefoundIn;
    int prefoundAt;

    /** ctx->mirrors: the mirrors this translation output to (and their duplicates), which it outputs to no more. */
    int mirrors;
    /** ctx->mirror_snaplen: while outputting to a mirror, its snaplen (0: the whole packet). */
    int mirrorSnaplen;

    /** The section's first lookup is still to come: tnl_process_ecn() and may_receive() follow it. */
    boolean firstLookup;

    /** The next table lookup is patch_port_output()'s: its rule's actions go through clone_xlate_actions(). */
    boolean patchLookup;

    /** The next table lookup's rule is found and counted but its actions do not run: may_receive() said no. */
    boolean receiveRefused;

    // may_receive(): the input port's OFPPC_NO_RECV, or OFPPC_NO_RECV_STP for an STP frame (is_stp(): no Ethertype,
    // FLOW_DL_TYPE_NONE, to 01:80:c2:00:00:00)
    private boolean mayReceive(Ofproto.Port in) {
        boolean stp = flow[Slot.DL_TYPE.ordinal()] == FlowCompose.DL_TYPE_NONE
                && flow[Slot.DL_DST.ordinal()] == 0x0180_c200_0000L;
        return (in.config & (stp ? Ofproto.Port.NO_RECV_STP : Ofproto.Port.NO_RECV)) == 0;
    }

    // the rules a packet's translation passed (its cache's), credited in one pass after it (or before a learn's
    // flow_mod, which may carry a rule's counters over), so that no table waits for the last one's rule to be written
    int creditFrom;

    /**
     * The pass's packet length as it arrived, with the tags its key has and its frame not: the upcall's stats
     * (dpif_flow_stats_extract() before the actions run, xin->resubmit_stats), which push_mpls or pop_mpls do not
     * change; its rules and its groups' buckets (xlate_group_stats()) are credited that.
     */
    int passLength;

    /** The bytes a trunc() cuts off the next output (dp_packet's cutlen), 0 for none. */
    int cutlen;
    /** compose_output_action__()'s truncate: the output is output(port=,max_len=)'s. */
    boolean truncating;

    /**
     * trunc(max_len) (odp_execute_actions()' OVS_ACTION_ATTR_TRUNC, dp_packet_set_cutlen()): the packet's length as the
     * datapath has it here minus max_len (at least ETH_HEADER_LEN), applied by the next output whatever the actions
     * between do to the length.
     */
    void trunc(int maxLen) {
        odpAdd("trunc(" + maxLen + ")");
        xc.ops.add(new XlateCache.Op(XlateCache.TRUNC, 0, maxLen, null, false, null));
        cutlen = packet == null ? 0 : cut(datapathLength(), maxLen);
    }

    static int cut(int length, int maxLen) {
        return Math.max(0, length - Math.max(maxLen, 14));
    }

    /** dp_packet_batch_apply_cutlen() at an output: the frame cut, and the packet's cutlen reset for what follows. */
    byte[] applyCutlen(byte[] frame) {
        int c = cutlen;
        cutlen = 0;
        return c == 0 || c >= frame.length ? frame : Arrays.copyOf(frame, frame.length - c);
    }

    /**
     * The packet's length as the datapath has it where the actions so far put it (dp_netdev_run_meter()'s
     * dp_packet_size()): the frame, with the tags the committed flow has and the frame not (pushed by this pass or one
     * before it), or without those it popped.
     */
    int datapathLength() {
        return packet.length + 4 * (Packet.vlanCount(base) - Packet.tags(packet, br.datapath.vlanLimit()));
    }

    void creditRules() {
        if (execute) {
            xc.creditRules(creditFrom, now, passLength);
        }
        creditFrom = xc.tables();
    }

    void actions(List<Action> actions, boolean top) {
        if (actions.isEmpty() && top) {
            line("drop");
        }
        boolean outerTail = tail;
        try {
            actionList(actions);
        } finally {
            tail = outerTail;
        }
    }

    // OFPACT_GOTO_TABLE, always the last action: its table sits with the actions
    void gotoTable(int t) {
        int savedTableLevel = tableLevel, savedTable = tableId;
        tableLevel = level;
        table(t);
        tableLevel = savedTableLevel;
        tableId = savedTable;
    }

    // do_xlate_actions(): an action is the last one when its list's enclosing action was
    void actionList(List<Action> actions) {
        boolean outerBucket = groupBucketAction;
        groupBucketAction = bucketList;
        bucketList = false;
        try {
            XlateActions.doXlateActions(this, actions);
        } finally {
            groupBucketAction = outerBucket;
        }
    }

    /**
     * ctx->rule_cookie when no rule is at hand: OVS_BE64_MAX as xlate_actions() starts it (a packet-out's actions, a
     * thaw), then what a thaw's unroll_xlate restores.
     */
    long thawCookie;

    /**
     * freeze_unroll_actions(): {@code rest} appended to the frozen actions, an unroll_xlate with this level's table
     * and rule cookie (unless the last one has them) before each action that may report them (outputs, group,
     * controller, dec_ttl, dec_mpls_ttl, a resubmit to the current table); goto_table becomes resubmit(,N),
     * write_metadata a set_field.
     */
    void freezeUnroll(List<Action> rest) {
        long cookie = rule != null ? rule.cookie : thawCookie;
        for (Action a : rest) {
            if (a instanceof Action.GotoTable g) {
                freezing.add(new Action.Resubmit(Ports.IN_PORT, g.table()));
                continue;
            } else if (a instanceof Action.WriteMetadata w) {
                freezing.add(new Action.SetField(Field.METADATA, w.value(), w.mask(), Action.Raw.SET_FIELD));
                continue;
            }
            if (a instanceof Action.Output || a instanceof Action.OutputReg || a instanceof Action.OutputTrunc
                    || a instanceof Action.Group || a instanceof Action.Controller || a instanceof Action.DecTtl
                    || a instanceof Action.DecMplsTtl || a instanceof Action.Resubmit r && r.table() == 255) {
                Action.UnrollXlate last = null;
                for (int j = freezing.size() - 1; j >= 0 && last == null; j--) {
                    last = freezing.get(j) instanceof Action.UnrollXlate u ? u : null;
                }
                if (last == null || last.table() != tableId || last.cookie() != cookie) {
                    freezing.add(new Action.UnrollXlate(tableId, cookie));
                }
            }
            freezing.add(a);
        }
    }

    // the packet with the flow's fields written into the VLAN headers its key parsed
    byte[] rewritten() {
        // odp_execute_actions() changes a packet only through the actions the commits emitted: a frame whose key's
        // packet fields the flow still has leaves as it came (no set() rewrote it)
        if (packet == keyPacket && natMask == 0 && !wasMpls
                && Arrays.equals(flow, PACKET_FIELDS, PACKET_FIELDS_END, initial, PACKET_FIELDS, PACKET_FIELDS_END)) {
            return packet.clone();
        }
        return Packet.rewrite(packet, XlateCt.packetFlow(this), Packet.tags(packet, br.datapath.vlanLimit()));
    }

    // the slots of a packet's headers (Packet.rewrite() writes no other)
    private static final int PACKET_FIELDS = Slot.DL_DST.ordinal(), PACKET_FIELDS_END = Slot.ND_RESERVED.ordinal() + 1;

    /** The packet's values of {@link XlateCt#NAT_SLOTS} after a ct()'s NAT, where {@link #natMask}'s bit is set. */
    long[] natHeld;
    int natMask;

    // xlate_report_error() in a trace: OFT_ERROR's ">>>> ... <<<<"
    void error(String s) {
        if (trace != null) {
            trace.append("    ".repeat(level + 1)).append(" >>>> ").append(s).append(" <<<<\n");
        }
    }

    void odpAdd(String action) {
        if (!odp.isEmpty() && odp.charAt(odp.length() - 1) != '(') {
            odp.append(',');
        }
        odp.append(action);
        lastClone = -1;
    }

    // an output action: the datapath port's number
    void odpAdd(int dpPort) {
        if (!odp.isEmpty() && odp.charAt(odp.length() - 1) != '(') {
            odp.append(',');
        }
        odp.append(dpPort);
        lastClone = -1;
    }

    long get(Subfield sf) {
        if (sf.field() == Field.ACTSET_OUTPUT) { // flow->actset_output: the action set's output as written so far
            int a = Slot.ACTSET_OUTPUT.ordinal();
            long saved = flow[a];
            flow[a] = actsetOutput;
            long v = sf.get(flow).lo();
            flow[a] = saved;
            return v;
        }
        return sf.field().nBits <= 64 && !sf.field().oxmPort() ? (sf.field().word(flow, 0) & sf.mask()) >>> sf.ofs()
                : sf.get(flow).lo();
    }

    void set(Subfield sf, long v) {
        if (sf.field().oxmPort()) {
            sf.put(flow, new U128(0, v)); // the 32-bit port written back as OpenFlow 1.0 numbers it
        } else {
            setField(sf.field(), v << sf.ofs(), sf.mask());
        }
    }

    // mf_subfield_copy(): only when the packet has both fields, the destination's prerequisites checked first
    // mf_are_prereqs_ok(mf, flow, wc) of the packet: FlowPrereqs
    boolean prereqsOk(Field f) {
        return FlowPrereqs.ok(f, flow, wc);
    }

    void setField(Field f, long v, long mask) {
        int md = f.tunMetadata();
        if (md >= 0 && br.tlv.entry(md) == null) {
            return; // tun_metadata_write(): nothing for an option the map does not have
        }
        f.putWord(flow, 0, v, mask);
        if (md >= 0) {
            flow[Slot.TUN_METADATA_PRESENT.ordinal()] |= 1L << md; // memcpy_to_metadata(): the option is present
        }
    }

    // nxm_execute_stack_push(): the source's bits unwildcarded, its value pushed; xlate_ofpact_stack_pop(): the
    // destination's bits unwildcarded and written, "stack underflow" reported when the stack is empty
    void stackAction(Action.Stack st) {
        Subfield sf = st.subfield();
        if (st.push()) {
            sf.field().put(wc, sf.bits(), sf.bits());
            stack.push(sf.get(flow), (sf.nBits() + 7) / 8);
            return;
        }
        U128 v = stack.pop();
        if (v == null) {
            error("stack underflow");
            return;
        }
        sf.field().put(wc, sf.bits(), sf.bits());
        sf.put(flow, v);
        if (trace != null) {
            note(sf + " is now " + subValue(sf));
        }
    }

    // xlate_report_subfield(): a whole field as mf_format() prints it (without port names), else the bits in hex
    String subValue(Subfield sf) {
        if (sf.ofs() == 0 && sf.nBits() >= sf.field().subfieldBits()) {
            return MatchFormat.formatValue(sf.field(), sf.field().value(flow), sf.field().ones(), PortMap.NONE);
        }
        return sf.get(flow).hex();
    }

    void unwildcard(Field f, long mask) {
        f.putWord(wc, 0, mask, mask);
        if (f.tunMetadata() >= 0) {
            wc[Slot.TUN_METADATA_PRESENT.ordinal()] |= 1L << f.tunMetadata(); // tun_metadata_set_match()
        }
    }

    static long[] copy(long[] from, long[] to) {
        if (to == null) {
            return from.clone();
        }
        System.arraycopy(from, 0, to, 0, from.length);
        return to;
    }

    // xlate_report_actions()' port map: the translating bridge's ports with --names, else none
    PortMap portNames() {
        return names ? br.portMap() : PortMap.NONE;
    }
}

