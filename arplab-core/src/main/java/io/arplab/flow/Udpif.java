package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * The upcall handler's and revalidators' side of the datapath (ofproto/ofproto-dpif-upcall.c, struct udpif): the
 * dynamic flow limit, the rounds that expire idle megaflows and push their stats through their ukeys' caches, the
 * timer they run on, and upcall/show's counts. The datapath's megaflows themselves are {@link Datapath}'s.
 */
public final class Udpif {
    private final Datapath dp;

    Udpif(Datapath dp) {
        this.dp = dp;
    }

    /** ofproto_max_idle and ofproto_max_revalidator (other_config:max-idle, max-revalidator), in ns. */
    long maxIdle = 10_000_000_000L, maxRevalidator = 500_000_000L;
    /** ofproto_flow_limit (other_config:flow-limit), and udpif's dynamic flow_limit starting below it. */
    private long flowLimitMax = 200_000;
    long flowLimit = Math.min(flowLimitMax, 10_000);

    /**
     * bridge_reconfigure()'s ofproto_set_flow_limit(), ofproto_set_max_idle() and ofproto_set_max_revalidator() (a
     * period under 100 ms is ignored), in ms.
     */
    public void revalidators(long flowLimit, long maxIdleMs, long maxRevalidatorMs) {
        flowLimitMax = flowLimit;
        maxIdle = maxIdleMs * 1_000_000L;
        if (maxRevalidatorMs >= 100) {
            maxRevalidator = maxRevalidatorMs * 1_000_000L;
        }
        dp.recirc.period(Math.min(maxIdle, maxRevalidator));
    }

    /**
     * enable_megaflows (upcall/disable-megaflows, upcall/enable-megaflows) and enable_ufid; udpif's avg_n_flows and
     * max_n_flows, taken as each round starts; its thread restarts (udpif_flush()), each giving the revalidator a new
     * thread id.
     */
    private boolean megaflows = true, ufid = true;
    private long avgFlows, maxFlows;
    private int restarts;

    public boolean megaflows() {
        return megaflows;
    }

    /** upcall_unixctl_disable_megaflows() and enable: the flag, then udpif_flush_all_datapaths(). */
    public void megaflows(boolean enabled) {
        megaflows = enabled;
        dp.purge();
        restarts++;
    }

    public void ufid(boolean enabled) {
        ufid = enabled;
    }

    public boolean ufid() {
        return ufid;
    }

    /** When the revalidators' last dump counted the flows for {@link #avgFlows} (their timer's phase). */
    private long countedAt;

    /**
     * The dumps of the revalidators' timer since the last one counted, each counting the flows there are (none came
     * or went since): udpif_revalidator() runs every MIN(max-idle, max-revalidator), idle or not.
     */
    void countIdleDumps(long now, boolean roundDue) {
        if (now - countedAt < period()) {
            return; // (most installs: no division)
        }
        long periods = (now - countedAt) / period();
        for (long i = roundDue ? 1 : 0; i < Math.min(64, periods); i++) { // the last one is the round, when due
            countDump();
        }
        countedAt += periods * period();
    }

    // udpif_revalidator()'s leader, before its dump: the datapath's flow count into max_n_flows and avg_n_flows
    private void countDump() {
        int dumped = dp.flows().size();
        maxFlows = Math.max(maxFlows, dumped);
        avgFlows = (avgFlows + dumped) / 2;
        // after it: a dump that took under a second (here no time at all: 1 ms) raises the limit by 1000 while the
        // flows it saw would fill it at that pace
        if (flowLimit < dumped * 1000L) {
            flowLimit += 1000;
        }
        flowLimit = Math.min(flowLimitMax, Math.max(flowLimit, 1000));
    }

    /** udpif's avg_n_flows, max_n_flows and flow_limit (upcall/show). */
    public record UpcallCounts(long avgFlows, long maxFlows, long flowLimit) {}

    /** The counts at {@code now}, the timer's dumps since the last round counted. */
    public UpcallCounts upcallCounts(long now) {
        countIdleDumps(now, false);
        return new UpcallCounts(avgFlows, maxFlows, flowLimit);
    }

    /** The ukeys: the datapath's flows' and the orphans' the revalidators still hold. */
    public int ukeys() {
        return dp.flows().size() + dp.orphans.size();
    }

    /**
     * The one revalidator's thread id (a machine of under 4 cores: n_revalidators = n_cores / 4 + 1): the id
     * ovs-vswitchd gave it on the machine OVS's reference recordings come from (8), two more after each restart.
     */
    public int revalidatorId() {
        return 8 + 2 * restarts;
    }

    /** upcall_unixctl_set_flow_limit(): udpif's flow_limit, which the next revalidation rounds move again. */
    public void setFlowLimit(long limit) {
        flowLimit = limit;
    }

    /**
     * revalidate(): a round of the revalidators, at most every ofproto_max_revalidator, deletes each megaflow unused
     * (its last packet, else its ukey's creation) for more than max-idle.
     */
    private void expireIdle(long now) {
        for (Megaflow m : new ArrayList<>(dp.flows())) {
            if ((m.used < 0 ? m.created : m.used) < now - maxIdle) {
                push(m, m.ukeyCache(), now); // push_dp_ops(): a deleted flow's last stats go through its ukey's cache
                dp.remove(m);
            }
        }
    }

    /**
     * udpif_revalidator()'s rounds as they come: one woken at once by a change of what translations depend on (the
     * backer's need_revalidate: udpif_revalidate()'s seq_change(reval_seq)), or by its timer (ofproto_max_revalidator
     * of OVS's clock, which time/warp moves). A hit's stats wait in its megaflow for the next round.
     */
    public void revalidate(long now) {
        round(now, false);
    }

    /** revalidator/wait: a round now, due or not (the reply waits for the next round's end). */
    public void revalidateNow(long now) {
        round(now, true);
    }

    /**
     * time/stop: OVS's clock stands still while its revalidators' timer keeps running in real time, which arplab
     * counts in command lines, as the recording scripts give them: a line takes about {@link #LINE} (their 200 ms of
     * sleep, and the command's own time). The real time so far, the last round's (woken, waited for or the timer's:
     * the timer comes a period after it), whether hits wait for a round to push their stats, and the oldest one's
     * time on OVS's clock.
     */
    private boolean clockStopped, pending;
    private long realTime, roundRealTime, pendingAt;
    static final long LINE = 210_000_000L;

    /** ovs-appctl time/stop. */
    public void stopClock() {
        clockStopped = true;
    }

    /** A command line reaches ovs-vswitchd: with the clock stopped, the timer's round first if one fell since. */
    public void commandLine(long now) {
        for (Ofproto br : dp.bridgeArray) {
            br.tables.expire(now, rulePeriod()); // the round a flow_mod of the last line woke: run()'s rule_expire()
        }
        if (!clockStopped) {
            return;
        }
        revalidate(now); // the round the last line's change woke at once, at that line's time
        realTime += LINE;
        long periods = (realTime - roundRealTime) / period();
        if (periods > 0) {
            long tick = roundRealTime + periods * period(); // the timer keeps its phase
            if (pending) {
                round(now, true);
            }
            roundRealTime = tick;
        }
    }

    /**
     * When the last round ran: udpif_revalidator() waits MIN(ofproto_max_idle, ofproto_max_revalidator) after it
     * (poll_timer_wait_until()), unless woken first.
     */
    private long lastRound;

    /**
     * The period of the rounds at which rules expire ({@link FlowTables#expire}): the timer's, or 0 while OVS's clock
     * is stopped (a round comes within real time, at the clock's standing time).
     */
    long rulePeriod() {
        return clockStopped ? 0 : period();
    }

    private long period() {
        return Math.min(maxIdle, maxRevalidator);
    }

    /** The revalidators' timer's first round after the oldest hit still waiting for its stats, if any. */
    public long nextRound() {
        if (!pending) {
            return Long.MAX_VALUE;
        }
        long t = lastRound + period();
        return t >= pendingAt ? t : t + (pendingAt - t + period() - 1) / period() * period();
    }

    private void round(long now, boolean forced) {
        boolean timer = now - lastRound >= period(), woken = stale();
        if (!forced && !timer && !woken) {
            return;
        }
        countIdleDumps(now, timer && !forced && !woken); // the timer's dumps before this round
        countDump();
        expireIdle(now);
        // a round's pushes may change what NORMAL learned (XC_NORMAL): the main loop's mac_learning_run() sets
        // need_revalidate again and wakes the next round, until nothing changes (bounded here)
        for (int round = 0; round < 4 && (round == 0 || stale()); round++) {
            // the ukeys that need it translated again, their stats pushed through the new cache; a round reads
            // reval_seq once (udpif_revalidator()), so what its own translations change (a neighbour miss's ARP
            // request learned by NORMAL: REV_MAC_LEARNING) is the next round's, which translates them all again
            List<Ofproto> due = new ArrayList<>();
            for (Ofproto br : dp.bridgeArray) {
                if (br.stale()) {
                    due.add(br);
                }
            }
            long epoch = dp.revalidationEpoch();
            due.forEach(Ofproto::revalidated);
            for (Ofproto br : due) {
                revalidateUkeys(br, now, epoch);
            }
            for (Megaflow m : new ArrayList<>(dp.flows())) {
                push(m, m.ukeyCache(), now);
            }
        }
        pushPatchHits();
        pending = false;
        roundRealTime = realTime;
        // the timer keeps its phase unless this round came before it
        lastRound = forced || woken ? now : now - (now - lastRound) % period();
        countedAt = lastRound;
    }

    /**
     * revalidate_ukey(): after a change of the tables or of what NORMAL learned (udpif_revalidate() bumps the one
     * reval_seq), each of bridge {@code br}'s megaflows is translated again from its key; one that now needs bits its
     * mask wildcards is deleted, one whose actions changed gets the new ones, and each keeps the new translation's
     * cache. Then revalidator_sweep__()'s orphaned ukeys of the bridge.
     */
    void revalidateUkeys(Ofproto br, long now) {
        if (!br.stale()) {
            return;
        }
        long epoch = dp.revalidationEpoch();
        br.revalidated();
        revalidateUkeys(br, now, epoch);
    }

    /** revalidateUkeys() of bridge {@code br}, marked revalidated, against the round's reval_seq {@code epoch}. */
    private void revalidateUkeys(Ofproto br, long now, long epoch) {
        for (Megaflow m : new ArrayList<>(dp.flows())) {
            // the backer's need_revalidate: a megaflow that crossed a patch port is any of its bridges'; a change of
            // what NORMAL learned (REV_MAC_LEARNING) revalidates every megaflow too
            // the backer's need_revalidate translates every ukey again, once a round: one whose translation sends an
            // ARP request (a neighbour miss: compose_table_xlate() has side effects of its own) sends it once more
            if (m.ukeyCache().neighbourMiss ? m.epoch == epoch : m.br != br && !m.ukeyCache().patched) {
                continue;
            }
            m.epoch = epoch;
            m.xcachePopulated = true;
            long[] value = m.value();
            long[] key = dp.ukeyFlow(value); // xlate_key() of the ukey's key, its mask as that key has it
            Xlate x = m.br.xlate(now, key, null, false);
            if (x == null) { // xlate_key() fails: the ukey goes, its cache cleared (its stats pushed through nothing)
                dp.remove(m);
                continue;
            }
            x.onePass = true;
            x.keepRecircs = true;
            x.ctOrig = m.ctTuple; // the ukey's key carries the flow's ct_nw_* (odp_flow_key_to_flow())
            Ofproto.translate(x);
            // the ukey's odp mask has no tuple when its key has none (odp_flow_key_from_mask())
            boolean extra = XlateCt.ctOrigExtra(x, m.ctTuple == null ? null : m.ctMask);
            // the ukey's mask as odp_flow_key_to_mask() gives it back (revalidate_ukey__()), each tag's TPID exact
            long[] ukeyMask = OdpFlowFormat.ukeyMask(value, m);
            long[] wc = x.ukeyWc();
            for (int i = 0; i < m.mask.length; i++) {
                // odp_flow_key_to_mask() of a truncated tag's key: its flow has no tag, so the mask none either
                boolean cut = i == Slot.VLAN_TCI1.ordinal() || i == Slot.VLAN_TPID1.ordinal()
                        || Datapath.truncatedTag(value) && (i == Slot.VLAN_TCI.ordinal() || i == Slot.VLAN_TPID.ordinal());
                long dpMask = key != value && cut ? 0 : ukeyMask[i];
                extra |= (wc[i] & ~dpMask) != 0; // flow_wildcards_has_extra()
            }
            // a DPIF_FP_MODIFY put of the ukey's key: flow_put_on_pmd() changes the megaflow its lookup finds, if any
            Megaflow target = key == value ? m : dp.lookup(m.br, key);
            // the stats since the last push go through the new translation's cache, the ukey deleted or not
            // (revalidate_ukey()'s xlate_push_stats(), push_dp_ops() for a deleted one)
            push(m, x.xc, now);
            if (extra || x.unfinishedWc || x.avoidCaching) {
                dp.remove(m);
            } else {
                if (target != null) {
                    if (target != m && target.ukeyXc == null) {
                        target.ukeyXc = target.xc; // another ukey's flow: its actions change, not its ukey's cache
                    }
                    target.actions = x.lastActions;
                    target.xc = x.xc;
                    target.recircs = dp.swapRecircs(target, x.recircs);
                    x.recircs.clear();
                }
                // revalidate_ukey(): the ukey's cache is the new translation's (xlate_cache_clear() then
                // revalidate_ukey__()), even when the put finds no datapath flow of its key to modify (a key cut
                // to max_vlan_headers): later hits of its old flow push through it
                m.ukeyXc = target == m ? null : x.xc;
            }
            x.releaseRecircs();
        }
        // revalidator_sweep__(): an orphaned ukey (its flow missing from the dump) is revalidated on any change of
        // reval_seq, MAC learning's too (revalidate_ukey()): deleted when it needs more bits, and its translation's
        // neighbour miss sends its ARP or ND request once more
        dp.orphans.removeIf(m -> {
            if (m.br != br) {
                return false;
            }
            long[] value = m.value();
            Xlate x = br.xlate(now, value, null, false);
            boolean delete = x == null;
            if (x != null) {
                x.onePass = true;
                Ofproto.translate(x);
                long[] ukeyMask = OdpFlowFormat.ukeyMask(value, m);
                long[] wc = x.ukeyWc();
                for (int i = 0; i < m.mask.length; i++) {
                    delete |= (wc[i] & ~ukeyMask[i]) != 0;
                }
                delete |= x.avoidCaching || x.unfinishedWc;
            }
            if (delete) {
                dp.recirc.unref(m.recircs);
            }
            return delete;
        });
    }

    boolean stale() {
        for (Ofproto br : dp.bridgeArray) {
            if (br.stale()) {
                return true;
            }
        }
        return false;
    }

    /**
     * revalidate_ukey()'s push: the packets and bytes megaflow {@code m} served since the last push, through cache
     * {@code xc} (xlate_push_stats()). A ukey made by an upcall has no xcache: the first push translates it again
     * (populate_xcache()), where a neighbour miss sends its ARP request once more (only those are kept track of:
     * the others' translation has no side effect), and from its key: where that key reads back as another flow (a
     * cut tag), the stats go through that flow's cache.
     */
    void push(Megaflow m, XlateCache xc, long now) {
        if (m.groupPackets != 0) { // the hits translated per packet credited their rules already
            xc.pushGroups(m.groupPackets, m.groupBytes);
            m.groupPackets = m.groupBytes = 0;
        }
        if (!m.learns.isEmpty()) {
            XlateLearn.push(m, now);
        }
        long packets = m.packets - m.pushedPackets;
        if (packets == 0) {
            return;
        }
        long bytes = m.bytes - m.pushedBytes;
        m.pushedPackets = m.packets;
        m.pushedBytes = m.bytes;
        if (!m.xcachePopulated) {
            m.xcachePopulated = true;
            long[] value = m.value(), key = dp.ukeyFlow(value);
            if (unpopulated.remove(m) | key != value) {
                XlateCache c = m.br.populateXcache(now, key);
                if (key != value && c != null && m.ukeyXc == null) { // the key's translation, not the upcall's
                    m.ukeyXc = c;
                    xc = c;
                }
            }
        }
        xc.push(m.br, now, packets, bytes, m.used);
    }

    /** The installed megaflows whose translation missed a neighbour and whose ukey has no xcache yet, oldest first. */
    final List<Megaflow> unpopulated = new ArrayList<>();

    /**
     * The patch ports (tx, rx pairs) and lengths of the packets of megaflow hits that crossed one: patch_port_output()
     * counts on the patch netdevs only with resubmit_stats (an upcall's translation); a hit's come through its ukey's
     * XC_NETDEV entry when the next round pushes its stats.
     */
    private final java.util.Map<PatchPair, long[]> patchHits = new java.util.LinkedHashMap<>();

    /** A patch port left by and its peer entered: the packets and bytes of the hits waiting on them. */
    private record PatchPair(Ofproto.Port tx, Ofproto.Port rx) {}

    /**
     * xlate_push_stats_entry()'s XC_NETDEV of the waiting hits' ukeys: a round's pushes, or revalidator_purge()'s
     * push_dp_ops() of every deleted flow's last stats.
     */
    void pushPatchHits() {
        for (var e : patchHits.entrySet()) {
            countPatch(e.getKey().tx(), e.getKey().rx(), e.getValue()[0], e.getValue()[1]);
        }
        patchHits.clear();
    }

    void patchHit(Ofproto.Port tx, Ofproto.Port rx, int len) {
        long[] n = patchHits.computeIfAbsent(new PatchPair(tx, rx), k -> new long[2]);
        n[0]++;
        n[1] += len;
    }

    /** netdev_vport_inc_tx() on the patch port left by and netdev_vport_inc_rx() on its peer. */
    static void countPatch(Ofproto.Port tx, Ofproto.Port rx, long packets, long bytes) {
        tx.txPackets += packets;
        tx.txBytes += bytes;
        rx.rxPackets += packets;
        rx.rxBytes += bytes;
    }

    /** A hit's stats wait in its megaflow for the next round (its time the oldest such since the last one). */
    void hitPending(long now) {
        if (!pending) {
            pending = true;
            pendingAt = now;
        }
    }
}
