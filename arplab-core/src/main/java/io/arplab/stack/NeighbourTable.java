package io.arplab.stack;

import io.arplab.wire.Ipv4Address;
import it.unimi.dsi.fastutil.longs.Long2ObjectLinkedOpenHashMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A host's IPv4 neighbour table with the kernel's state machine (net/core/neighbour.c): creation, resolution with
 * queued packets, NUD timers, updates from ARP, garbage collection. Sans-I/O: every entry point takes {@code now};
 * what must go on the wire is handed to {@link Ops}, the ARP layer's callbacks (the kernel's neigh->ops).
 */
public final class NeighbourTable {
    // NEIGH_UPDATE_F_* (include/net/neighbour.h)
    public static final int F_OVERRIDE = 0x01;
    public static final int F_WEAK_OVERRIDE = 0x02;
    public static final int F_OVERRIDE_ISROUTER = 0x04;
    public static final int F_USE = 0x08;
    public static final int F_EXT_LEARNED = 0x20;
    public static final int F_ISROUTER = 0x4000_0000;
    public static final int F_ADMIN = 0x8000_0000;
    /** NTF_ROUTER */
    public static final int NTF_ROUTER = 0x80;
    /** NTF_EXT_LEARNED: set and cleared by administrative updates only; such an entry is never garbage collected. */
    public static final int NTF_EXT_LEARNED = 0x10;
    /** "no link-layer address supplied" for {@link #update}. */
    public static final long NO_LLADDR = -1L;

    /** rtnetlink message types for {@link Ops#notify}. */
    public static final int RTM_NEWNEIGH = 28;
    public static final int RTM_DELNEIGH = 29;
    /** neigh_app_ns()'s request to a user-space resolver ({@code ip monitor}'s "miss"). */
    public static final int RTM_GETNEIGH = 30;

    /** What the table asks of the protocol (arp_solicit, arp_error_report, neigh->output, netlink notify). */
    public interface Ops {
        /** Sends a resolution request for {@code n}; {@code queued} is the newest queued packet or null (arp_solicit). */
        void solicit(long now, NeighbourEntry n, byte[] queued, HostStack.Outbox out);

        /** Reports a packet that could not be delivered because resolution failed (arp_error_report). */
        void errorReport(long now, NeighbourEntry n, byte[] frame, Route via, NetDevice iif, HostStack.Outbox out);

        /** Puts the link-layer header from {@code n} on an IPv4 frame and transmits it. */
        void transmit(long now, NeighbourEntry n, byte[] frame, HostStack.Outbox out);

        /** An RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH notification, as {@code ip monitor neigh} would see. */
        default void notify(long now, NeighbourEntry n, int type) {}

        /** Counts a wheel timer armed in the namespace: its place in a bucket (expire_timers() runs newest first). */
        default long timerArmed() {
            return 0;
        }
    }

    /** Table-wide garbage collection thresholds (gc_thresh1/2/3, gc_interval). */
    public record GcConfig(int thresh1, int thresh2, int thresh3, long interval) {
        private static final GcConfig LINUX = new GcConfig(128, 512, 1024, 30 * NeighParams.SECOND);

        public static GcConfig linuxDefaults() {
            return LINUX;
        }
    }

    private static final long RANDOMISE_INTERVAL = 300 * NeighParams.SECOND;
    /** neigh_periodic_work()'s period: base_reachable_time / 2 of the defaults, at least HZ/100. */
    static final long PERIODIC_INTERVAL =
            Math.max(NeighParams.SECOND / 100, NeighParams.linuxDefaults().baseReachableTime / 2);
    /** HZ/100: the shortest timer the kernel arms for NUD timers. */
    private static final long MIN_TIMER = 10 * NeighParams.MS;

    /** The entries by (ifindex, address), in creation order; created with the first entry (idle hosts are many). */
    private Long2ObjectLinkedOpenHashMap<NeighbourEntry> entries;
    /** The kernel's table: counts, gc_list and thresholds, shared with the other namespaces of one kernel. */
    private ArpTbl tbl;
    /** The entries' timers; created with the first one armed (idle hosts are many). */
    private TimerHeap<NeighbourEntry> timers;
    private static final NeighParams[] NO_PARMS = new NeighParams[0];
    private NeighParams[] parmsList = NO_PARMS;
    private final SeededRandom random;
    private final Ops ops;
    private Tracer tracer = Tracer.OFF;
    private TimerWheel wheel = TimerWheel.NOMINAL;
    private long lastRand;
    private long nextPeriodic;
    /** Membership filter over the entries' keys: a clear bit means "no such entry" without touching the map. */
    private long filter;
    /** Entries unlinked since the filter was last recomputed: their bits may still be set (harmless, a superset). */
    private int unlinkedSinceFilter;
    /** min(next timer, next periodic run), kept current so the per-frame deadline question reads one field. */
    private long deadline;

    /** A table on a kernel of its own. */
    public NeighbourTable(GcConfig gc, Ops ops, SeededRandom random, long now) {
        this(new ArpTbl(gc, now), ops, random, now);
    }

    /** A namespace's table on the kernel whose arp_tbl is {@code tbl}. */
    public NeighbourTable(ArpTbl tbl, Ops ops, SeededRandom random, long now) {
        this(tbl, ops, random, now, now + PERIODIC_INTERVAL);
    }

    /**
     * A table made after its namespace ({@code born}), whose periodic work has run on nothing meanwhile and next runs
     * at {@code nextPeriodic}: the last of those runs that re-drew (none had parameters to re-draw) is the one the
     * table's own runs would have recorded, one run in every RANDOMISE_INTERVAL / PERIODIC_INTERVAL + 1.
     */
    NeighbourTable(ArpTbl tbl, Ops ops, SeededRandom random, long born, long nextPeriodic) {
        this.tbl = tbl;
        this.ops = ops;
        this.random = random;
        long every = RANDOMISE_INTERVAL / PERIODIC_INTERVAL + 1;
        long runs = (nextPeriodic - born) / PERIODIC_INTERVAL - 1;
        this.lastRand = born + runs / every * every * PERIODIC_INTERVAL;
        this.nextPeriodic = nextPeriodic;
        this.deadline = nextPeriodic;
    }

    public void setTracer(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The kernel clock the entries' timers are armed on (default: nominal instants, no wheel). */
    public void setTimerWheel(TimerWheel wheel) {
        this.wheel = wheel;
    }

    /** The kernel's table this namespace's entries count in. */
    public ArpTbl tbl() {
        return tbl;
    }

    /** Moves an empty table onto another kernel's arp_tbl (a namespace of that machine). */
    public void setTbl(ArpTbl tbl) {
        if (size() != 0) {
            throw new IllegalStateException("the neighbour table already has entries");
        }
        this.tbl = tbl;
    }

    public GcConfig gcConfig() {
        return tbl.gcConfig();
    }

    public void setGcConfig(GcConfig gc) {
        tbl.setGcConfig(gc);
    }

    /** Registers a device's parameters and draws its reachable_time (neigh_parms_alloc). */
    public void addParms(NeighParams p) {
        p.randomiseReachableTime(random);
        registerParms(p);
    }

    /** Registers parameters whose reachable_time is already drawn, for the 300 s re-draw. */
    void registerParms(NeighParams p) {
        parmsList = java.util.Arrays.copyOf(parmsList, parmsList.length + 1);
        parmsList[parmsList.length - 1] = p;
    }

    private static long key(NetDevice dev, int ip) {
        return ((long) dev.ifindex << 32) | (ip & 0xffff_ffffL);
    }

    public int size() {
        return entries == null ? 0 : entries.size();
    }

    /** What socket {@code owner}'s packets waiting on resolution hold of its send buffer (their skb->truesize). */
    int queuedTruesize(Object owner) {
        int bytes = 0;
        for (NeighbourEntry n : entries()) {
            if (n.arpQueue != null) {
                for (NeighbourEntry.Queued q : n.arpQueue) {
                    if (q.owner() == owner) {
                        bytes += SkbTruesize.of(q.frame().length);
                    }
                }
            }
        }
        return bytes;
    }

    /** Entries in creation order (the order {@code ip neigh} lists them here). */
    public Collection<NeighbourEntry> entries() {
        return entries == null ? List.of() : Collections.unmodifiableCollection(entries.values());
    }

    /** How often an allocation found the table full (the kernel's "neighbor table overflow!"). */
    public long tableFulls() {
        return tbl.tableFulls();
    }

    public NeighbourEntry lookup(NetDevice dev, int ip) {
        long k = key(dev, ip);
        // most frames name a sender this host knows nothing about: answer that from one field of this object
        if ((filter & filterBit(k)) == 0) {
            return null;
        }
        return entries.get(k);
    }

    /** One bit of the 64-bit membership filter for a key (a one-hash Bloom filter). */
    private static long filterBit(long key) {
        return 1L << (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> 58);
    }

    private void rebuildFilter() {
        unlinkedSinceFilter = 0;
        long f = 0;
        if (entries != null) {
            for (long k : entries.keySet()) {
                f |= filterBit(k);
            }
        }
        filter = f;
    }

    /** __neigh_lookup(..., creat=1): the entry, created in NUD_NONE if missing; null when the table is full. */
    public NeighbourEntry lookupOrCreate(long now, NetDevice dev, int ip) {
        NeighbourEntry n = lookup(dev, ip);
        return n != null ? n : create(now, dev, ip, false);
    }

    /**
     * ___neigh_create(): allocation honours gc_thresh2/3 with a forced GC (neigh_alloc). arp_constructor() keys an
     * entry on a loopback device as 0.0.0.0, NOARP with the device's address, and ___neigh_create() then hands back
     * the entry it finds under that key: lo holds one neighbour, whatever address it was asked for.
     */
    NeighbourEntry create(long now, NetDevice dev, int ip, boolean exemptFromGc) {
        if (entries == null) {
            entries = new Long2ObjectLinkedOpenHashMap<>(4);
        }
        if (dev.loopback && ip != 0) {
            NeighbourEntry any = lookup(dev, 0);
            if (any != null) {
                return any;
            }
            NeighbourEntry n = create(now, dev, 0, exemptFromGc);
            if (n != null && n.state == NudState.NONE.bits) {
                n.state = NudState.NOARP.bits;
                n.lladdr = dev.macBits();
            }
            return n;
        }
        // __neigh_create(): entries on a loopback device are exempt from GC
        boolean exempt = exemptFromGc || dev.loopback;
        if (!exempt && !tbl.admit(now)) {
            return null;
        }
        NeighbourEntry n = new NeighbourEntry(dev, ip, now);
        if (constructedNoarp(dev, ip)) {
            // arp_constructor(): a multicast group NOARP with its mapped address, then on an IFF_NOARP device
            // NOARP with the device's address
            n.state = NudState.NOARP.bits;
            n.lladdr = Netns.isMulticast(ip) ? multicastMac(ip) : dev.macBits();
        }
        n.table = this;
        entries.put(key(dev, ip), n);
        filter |= filterBit(key(dev, ip));
        tbl.linked(n, !exempt);
        if (dev.arpWatch != null) {
            dev.arpWatch.neighbour(ip, true);
        }
        if (tracer.enabled()) {
            // trace_neigh_create() prints tbl->gc_entries: every namespace's entries subject to GC
            tracer.emit(now, new TraceEvent.NeighCreate(dev.name, tbl.gcEntries(), ip, exempt));
        }
        return n;
    }

    /** arp_constructor(): whether a new entry is NOARP, holding an address, before any update (not lo's: create()). */
    public static boolean constructedNoarp(NetDevice dev, int ip) {
        return Netns.isMulticast(ip) || dev.noarp() || dev.loopback;
    }

    /** ip_eth_mc_map(): 01:00:5e plus the group's low 23 bits. */
    static long multicastMac(int group) {
        return 0x0100_5e00_0000L | (group & 0x007f_ffffL);
    }

    /**
     * arp_constructor(): a destination that needs no resolution (the broadcast address, a multicast group, anything
     * on a loopback device) gets a NOARP entry holding the address it maps to, and a packet leaves through it: the
     * first goes through neigh_resolve_output() (arp_hh_ops), which marks the entry used and caches its header, the
     * next through neigh_hh_output(), which does not. An entry made by hand (ip neigh add X dev lo) is thus used at
     * the first packet that goes out of lo after it.
     */
    public NeighbourEntry noarp(long now, NetDevice dev, int ip, long lladdr) {
        NeighbourEntry n = lookupOrCreate(now, dev, ip);
        if (n != null && n.state == NudState.NONE.bits) {
            n.state = NudState.NOARP.bits;
            n.lladdr = lladdr;
        }
        if (n != null && !n.hh) {
            n.used = now;
            n.hh = true;
        }
        return n;
    }

    /** Takes an entry out of this namespace's table (arp_tbl's accounting is the caller's). */
    void unlink(long now, NeighbourEntry n) {
        entries.remove(key(n.dev, n.ip));
        // recomputed once as many entries went as remain: a mass flush stays O(n), as neigh_flush_dev()'s one walk
        if (++unlinkedSinceFilter >= entries.size()) {
            rebuildFilter();
        }
        if (n.dev.arpWatch != null) {
            n.dev.arpWatch.neighbour(n.ip, false);
        }
        n.dead = true;
        disarm(n);
        purgeQueue(n);
        trace(now, TraceEvent.NeighPoint.CLEANUP_AND_RELEASE, n, 0);
        ops.notify(now, n, RTM_DELNEIGH);
    }

    /** neigh_event_ns(): a packet from {@code ip} carried {@code lladdr}; learn it as STALE with override. */
    public NeighbourEntry eventNs(long now, NetDevice dev, int ip, long lladdr, HostStack.Outbox out) {
        NeighbourEntry n = lookupOrCreate(now, dev, ip);
        if (n != null) {
            update(now, n, lladdr, NudState.STALE.bits, F_OVERRIDE, out);
        }
        return n;
    }

    /** __neigh_update(): the one place entries change address or state on the kernel's terms. Returns 0 or -errno. */
    public int update(long now, NeighbourEntry n, long lladdr, int newState, int flags, HostStack.Outbox out) {
        if (tracer.enabled()) {
            tracer.emit(now, new TraceEvent.NeighUpdate(TraceEvent.Neigh.of(n, 1, wheel), lladdr == NO_LLADDR ? 0 : lladdr,
                    newState, flags));
        }
        int err = doUpdate(now, n, lladdr, newState, flags, out);
        trace(now, TraceEvent.NeighPoint.UPDATE_DONE, n, err, 1);
        return err;
    }

    private int doUpdate(long now, NeighbourEntry n, long lladdr, int newState, int flags, HostStack.Outbox out) {
        int old = n.state;
        if (n.dead) {
            return -22;
        }
        if ((flags & F_ADMIN) == 0 && (old & (NudState.NOARP.bits | NudState.PERMANENT.bits)) != 0) {
            return -1; // EPERM
        }
        // neigh_update_flags(): an administrative update sets or clears NTF_EXT_LEARNED, which alone notifies
        int ext = (flags & F_EXT_LEARNED) != 0 ? NTF_EXT_LEARNED : 0;
        if ((flags & F_ADMIN) != 0 && (n.flags & NTF_EXT_LEARNED) != ext) {
            n.flags ^= NTF_EXT_LEARNED;
            tbl.updateGcList(n);
            int err = applyState(now, n, lladdr, newState, flags, true, out);
            if (err != 0) {
                ops.notify(now, n, RTM_NEWNEIGH); // __neigh_update()'s "out:" notifies whatever failed after
            }
            return err;
        }
        return applyState(now, n, lladdr, newState, flags, false, out);
    }

    /** __neigh_update() past its flags: {@code notify} when they already changed (returns 0 having notified). */
    private int applyState(long now, NeighbourEntry n, long lladdr, int newState, int flags, boolean notify,
                           HostStack.Outbox out) {
        int old = n.state;
        if ((flags & F_USE) != 0) {
            n.state = old & ~NudState.PERMANENT.bits;
            if (notify) {
                ops.notify(now, n, RTM_NEWNEIGH);
            }
            return 0;
        }
        if ((newState & NudState.VALID) == 0) {
            disarm(n);
            n.state = newState;
            tbl.gcPossible();
            notify |= (old & NudState.VALID) != 0;
            if ((old & (NudState.INCOMPLETE.bits | NudState.PROBE.bits)) != 0 && newState == NudState.FAILED.bits) {
                invalidate(now, n, out);
                notify = true;
            }
            if (notify) {
                ops.notify(now, n, RTM_NEWNEIGH);
            }
            return 0;
        }
        boolean changeAddr;
        if (lladdr != NO_LLADDR) {
            changeAddr = !((old & NudState.VALID) != 0 && lladdr == n.lladdr);
        } else {
            if ((old & NudState.VALID) == 0) {
                return -22; // EINVAL: no link-layer address given (the caller notifies a changed flag)
            }
            changeAddr = false;
            lladdr = n.lladdr;
        }
        // the confirmed stamp moves for any received confirmation, even one that changes nothing else
        if ((newState & NudState.CONNECTED) != 0) {
            n.confirmed = now;
        }
        if ((old & NudState.VALID) != 0) {
            if (changeAddr && (flags & F_OVERRIDE) == 0) {
                if ((flags & F_WEAK_OVERRIDE) != 0 && (old & NudState.CONNECTED) != 0) {
                    changeAddr = false;
                    lladdr = n.lladdr;
                    newState = NudState.STALE.bits;
                } else {
                    if (notify) {
                        ops.notify(now, n, RTM_NEWNEIGH);
                    }
                    return 0;
                }
            } else if (!changeAddr && newState == NudState.STALE.bits && (flags & F_ADMIN) == 0) {
                newState = old; // same address: a STALE hint does not downgrade the entry
            }
        }
        if ((flags & F_OVERRIDE_ISROUTER) != 0) {
            int router = (flags & F_ISROUTER) != 0 ? NTF_ROUTER : 0;
            if ((n.flags & NTF_ROUTER) != router) {
                n.flags = (n.flags & ~NTF_ROUTER) | router;
                notify = true;
            }
        }
        if (newState != old || changeAddr) {
            n.updated = now;
        }
        if (newState != old) {
            if (newState == NudState.NOARP.bits) {
                tbl.gcPossible();
            }
            disarm(n);
            if ((newState & NudState.PROBE.bits) != 0) {
                n.probes = 0;
            }
            n.state = newState;
            if ((newState & NudState.IN_TIMER) != 0) {
                addTimer(now, n, now + ((newState & NudState.REACHABLE.bits) != 0 ? n.parms.reachableTime : 0));
            }
            notify = true;
        }
        if (changeAddr) {
            n.lladdr = lladdr;
            if ((newState & NudState.CONNECTED) == 0) {
                n.confirmed = now - 2 * n.parms.baseReachableTime;
            }
            notify = true;
        }
        if (((newState ^ old) & NudState.PERMANENT.bits) != 0) {
            tbl.updateGcList(n);
        }
        if (newState != old && (old & NudState.VALID) == 0) {
            // neigh_update_process_arp_queue(): the queued packets leave now
            ArrayDeque<NeighbourEntry.Queued> q = n.arpQueue;
            while (q != null && (n.state & NudState.VALID) != 0 && !q.isEmpty()) {
                NeighbourEntry.Queued p = q.pollFirst();
                n.arpQueueBytes -= SkbTruesize.of(p.frame().length);
                output(now, n, p.frame(), p.via(), out);
            }
            purgeQueue(n);
        }
        // __neigh_update() notifies last: a STALE entry the queue's first packet moved to DELAY shows DELAY
        if (notify) {
            ops.notify(now, n, RTM_NEWNEIGH);
        }
        return 0;
    }

    /** neigh_add_timer(): arming also clamps used up to confirmed. */
    private void addTimer(long now, NeighbourEntry n, long when) {
        if (n.used < n.confirmed) {
            n.used = n.confirmed;
        }
        arm(now, n, when);
    }

    /** mod_timer(&n->timer, when): the timer fires when the wheel runs its bucket. */
    private void arm(long now, NeighbourEntry n, long when) {
        if (timers == null) {
            timers = new TimerHeap<>();
        }
        timers.arm(n, wheel.expiry(now, when));
        n.armed = ops.timerArmed();
        deadline = Math.min(timers.nextDeadline(), nextPeriodic);
    }

    /**
     * The latest arming among the timers that fire at {@code at} (Long.MAX_VALUE when one fires earlier, -1 when
     * none fires by then): a timer armed after it in the same bucket runs before them.
     */
    public long newestTimerAt(long at) {
        return timers == null ? -1 : timers.newestAt(at, e -> e.armed);
    }

    private void disarm(NeighbourEntry n) {
        if (timers != null && timers.cancel(n)) {
            deadline = Math.min(timers.nextDeadline(), nextPeriodic);
        }
    }

    /**
     * neigh_output(): connected entries with a cached header send at once without touching "used"; the others go
     * through neigh_resolve_output() (arp_hh_ops' output and connected_output alike), which records the use, may
     * queue the packet while resolving, and caches the header when it sends (neigh_hh_init()).
     */
    public void output(long now, NeighbourEntry n, byte[] frame, HostStack.Outbox out) {
        output(now, n, frame, null, out);
    }

    /** {@link #output} of a packet routed by the table route {@code via} (null: none), which it keeps if queued. */
    public void output(long now, NeighbourEntry n, byte[] frame, Route via, HostStack.Outbox out) {
        output(now, n, frame, via, null, null, out);
    }

    /**
     * {@link #output} of a packet charged to socket {@code owner}'s send buffer (null: none) while it waits, or
     * forwarded from {@code iif} (null: ours).
     */
    void output(long now, NeighbourEntry n, byte[] frame, Route via, Object owner, NetDevice iif,
                HostStack.Outbox out) {
        if ((n.state & NudState.CONNECTED) != 0 && n.hh) {
            ops.transmit(now, n, frame, out);
        } else if (eventSend(now, n, frame, via, owner, iif, out) == 0) {
            n.hh = true;
            ops.transmit(now, n, frame, out);
        }
    }

    /**
     * neigh_event_send(): notes the use, starts resolution (INCOMPLETE, immediate probe) or STALE→DELAY, and queues
     * the packet while INCOMPLETE (oldest dropped beyond unres_qlen_bytes). Returns 0 when the caller may send now.
     */
    public int eventSend(long now, NeighbourEntry n, byte[] frame, HostStack.Outbox out) {
        return eventSend(now, n, frame, null, null, null, out);
    }

    private int eventSend(long now, NeighbourEntry n, byte[] frame, Route via, Object owner, NetDevice iif,
                          HostStack.Outbox out) {
        n.used = now;
        int state = n.state;
        if ((state & (NudState.CONNECTED | NudState.DELAY.bits | NudState.PROBE.bits)) != 0) {
            return 0;
        }
        if (n.dead) {
            if ((state & NudState.STALE.bits) != 0) {
                trace(now, TraceEvent.NeighPoint.EVENT_SEND_DONE, n, 0);
                return 0;
            }
            return 1;
        }
        int rc = 0;
        boolean immediateProbe = false;
        if ((state & (NudState.STALE.bits | NudState.INCOMPLETE.bits)) == 0) {
            if (n.parms.mcastProbes + n.parms.appProbes != 0) {
                n.probes = n.parms.ucastProbes;
                disarm(n);
                n.state = NudState.INCOMPLETE.bits;
                n.updated = now;
                immediateProbe = true;
                addTimer(now, n, now + Math.max(n.parms.retransTime, MIN_TIMER));
            } else {
                n.state = NudState.FAILED.bits;
                n.updated = now;
                tbl.gcPossible();
                return 1;
            }
        } else if ((state & NudState.STALE.bits) != 0) {
            disarm(n);
            n.state = NudState.DELAY.bits;
            n.updated = now;
            addTimer(now, n, now + n.parms.delayProbeTime);
        }
        if (n.state == NudState.INCOMPLETE.bits) {
            if (frame != null) {
                int truesize = SkbTruesize.of(frame.length);
                if (n.arpQueue == null) {
                    n.arpQueue = new ArrayDeque<>(2);
                }
                while (n.arpQueueBytes + truesize > n.parms.queueLenBytes && !n.arpQueue.isEmpty()) {
                    byte[] dropped = n.arpQueue.pollFirst().frame();
                    n.arpQueueBytes -= SkbTruesize.of(dropped.length);
                }
                n.arpQueue.addLast(new NeighbourEntry.Queued(frame, via, owner, iif));
                n.arpQueueBytes += truesize;
            }
            rc = 1;
        }
        if (immediateProbe) {
            probe(now, n, out);
        }
        if (tracer.enabled()) {
            // __neigh_event_send(): trace_neigh_event_send_done after local_bh_enable()
            int err = rc;
            tracer.emitAfterSoftirq(now, () -> new TraceEvent.NeighDone(TraceEvent.NeighPoint.EVENT_SEND_DONE,
                    TraceEvent.Neigh.of(n, 0, wheel), err));
        }
        return rc;
    }

    /** neigh_probe(): solicit with the newest queued packet, count the probe. */
    private void probe(long now, NeighbourEntry n, HostStack.Outbox out) {
        NeighbourEntry.Queued last = n.arpQueue == null ? null : n.arpQueue.peekLast();
        byte[] newest = last == null ? null : last.frame();
        ops.solicit(now, n, newest, out);
        n.probes++;
    }

    private int maxProbes(NeighbourEntry n) {
        NeighParams p = n.parms;
        return p.ucastProbes + p.appProbes + ((n.state & NudState.PROBE.bits) != 0 ? p.mcastReprobes : p.mcastProbes);
    }

    /** neigh_invalidate(): every queued packet is reported undeliverable, then the queue is emptied. */
    private void invalidate(long now, NeighbourEntry n, HostStack.Outbox out) {
        n.updated = now;
        ArrayDeque<NeighbourEntry.Queued> q = n.arpQueue;
        while (q != null && n.state == NudState.FAILED.bits && !q.isEmpty()) {
            NeighbourEntry.Queued p = q.pollFirst();
            n.arpQueueBytes -= SkbTruesize.of(p.frame().length);
            ops.errorReport(now, n, p.frame(), p.via(), p.iif(), out);
        }
        purgeQueue(n);
    }

    private static void purgeQueue(NeighbourEntry n) {
        n.arpQueue = null;
        n.arpQueueBytes = 0;
    }

    /** The earliest moment {@link #advance} has work. */
    public long nextDeadline() {
        return deadline;
    }

    private long timerDeadline() {
        return timers == null ? Long.MAX_VALUE : timers.nextDeadline();
    }

    /** Runs every timer due by {@code now}, in deadline order, and the periodic work. */
    public void advance(long now, HostStack.Outbox out) {
        for (;;) {
            long t = Math.min(timerDeadline(), nextPeriodic);
            if (t > now) {
                return;
            }
            if (nextPeriodic <= timerDeadline()) {
                periodicWork(nextPeriodic);
            } else {
                NeighbourEntry n = timers.pollDue(now);
                deadline = Math.min(timers.nextDeadline(), nextPeriodic);
                timerHandler(n.deadline, n, out);
            }
        }
    }

    /** neigh_timer_handler(). */
    private void timerHandler(long now, NeighbourEntry n, HostStack.Outbox out) {
        int state = n.state;
        long next = now + NeighParams.SECOND;
        boolean notify = false;
        if ((state & NudState.IN_TIMER) == 0) {
            return;
        }
        NeighParams p = n.parms;
        if ((state & NudState.REACHABLE.bits) != 0) {
            // time_before_eq() in the kernel, but a wheel timer never fires on its exact jiffy: at the nominal
            // deadline the interval has passed
            if (now < n.confirmed + p.reachableTime) {
                next = n.confirmed + p.reachableTime;
            } else if (now < n.used + p.delayProbeTime) {
                n.state = NudState.DELAY.bits;
                n.updated = now;
                next = now + p.delayProbeTime;
            } else {
                n.state = NudState.STALE.bits;
                n.updated = now;
                notify = true;
            }
        } else if ((state & NudState.DELAY.bits) != 0) {
            if (now < n.confirmed + p.delayProbeTime) {
                n.state = NudState.REACHABLE.bits;
                n.updated = now;
                notify = true;
                next = n.confirmed + p.reachableTime;
            } else {
                n.state = NudState.PROBE.bits;
                n.updated = now;
                n.probes = 0;
                notify = true;
                next = now + Math.max(p.retransTime, MIN_TIMER);
            }
        } else {
            next = now + Math.max(p.retransTime, MIN_TIMER);
        }
        boolean skipProbe = false;
        if ((n.state & (NudState.INCOMPLETE.bits | NudState.PROBE.bits)) != 0 && n.probes >= maxProbes(n)) {
            n.state = NudState.FAILED.bits;
            tbl.gcPossible();
            notify = true;
            skipProbe = true;
            invalidate(now, n, out);
        }
        if (notify) {
            ops.notify(now, n, RTM_NEWNEIGH);
        }
        if (!skipProbe) {
            if ((n.state & NudState.IN_TIMER) != 0) {
                arm(now, n, Math.max(next, now + MIN_TIMER));
            }
            if ((n.state & (NudState.INCOMPLETE.bits | NudState.PROBE.bits)) != 0) {
                probe(now, n, out);
            }
        }
        trace(now, TraceEvent.NeighPoint.TIMER_HANDLER, n, 0, 1);
    }

    /**
     * neigh_periodic_work(): re-draws every device's reachable_time each 300 s and, once the table holds gc_thresh1
     * entries, drops unreferenced FAILED entries and those unused for gc_stale_time.
     */
    private void periodicWork(long now) {
        nextPeriodic = now + PERIODIC_INTERVAL;
        deadline = Math.min(timerDeadline(), nextPeriodic);
        if (now > lastRand + RANDOMISE_INTERVAL) {
            lastRand = now;
            for (NeighParams p : parmsList) {
                p.randomiseReachableTime(random);
            }
        }
        if (tbl.entries() < tbl.gcConfig().thresh1() || entries == null) {
            return; // other namespaces' entries may count, but this one has none
        }
        List<NeighbourEntry> doomed = null;
        for (NeighbourEntry n : entries.values()) {
            if ((n.state & (NudState.PERMANENT.bits | NudState.IN_TIMER)) != 0 || n.isExternLearned()) {
                continue;
            }
            if (n.used < n.confirmed && n.confirmed <= now) {
                n.used = n.confirmed;
            }
            if (n.state == NudState.FAILED.bits || !(now >= n.used && now < n.used + n.parms.gcStaleTime)) {
                if (doomed == null) {
                    doomed = new ArrayList<>();
                }
                doomed.add(n);
            }
        }
        if (doomed != null) {
            for (NeighbourEntry n : doomed) {
                tbl.unlinked(n);
                unlink(now, n);
            }
        }
    }

    /** Removes one entry (ip neigh del); queued packets are dropped. */
    public void delete(long now, NeighbourEntry n, HostStack.Outbox out) {
        // neigh_delete() → neigh_update(NUD_FAILED, ADMIN) then removal
        update(now, n, NO_LLADDR, NudState.FAILED.bits, F_OVERRIDE | F_ADMIN, out);
        tbl.unlinked(n);
        unlink(now, n);
    }

    /**
     * arp_invalidate(dev, ip, force) of SIOCDARP: an entry in a state beyond NOARP goes FAILED first (ADMIN), and
     * every entry is removed (neigh_remove_one()). Returns 0, or -ENXIO for one that was NONE or NOARP.
     */
    public int arpInvalidate(long now, NeighbourEntry n, HostStack.Outbox out) {
        int err = Errno.ENXIO.negative();
        if ((n.state & ~NudState.NOARP.bits) != 0) {
            update(now, n, NO_LLADDR, NudState.FAILED.bits, F_OVERRIDE | F_ADMIN, out);
            err = 0;
        }
        tbl.unlinked(n);
        unlink(now, n);
        return err;
    }

    /** neigh_flush_dev(): drops every entry of a device (address change, link down, ip neigh flush dev). */
    public void flushDevice(long now, NetDevice dev, boolean skipPermanent) {
        List<NeighbourEntry> doomed = new ArrayList<>();
        for (NeighbourEntry n : entries()) {
            if (n.dev == dev && !(skipPermanent && (n.state & NudState.PERMANENT.bits) != 0)) {
                doomed.add(n);
            }
        }
        for (NeighbourEntry n : doomed) {
            tbl.unlinked(n);
            unlink(now, n);
        }
    }

    private void trace(long now, TraceEvent.NeighPoint point, NeighbourEntry n, int err) {
        trace(now, point, n, err, 0);
    }

    /** {@code callerRefs}: references the kernel's caller holds at that point (neigh_update, the timer handler). */
    private void trace(long now, TraceEvent.NeighPoint point, NeighbourEntry n, int err, int callerRefs) {
        if (tracer.enabled()) {
            tracer.emit(now, new TraceEvent.NeighDone(point, TraceEvent.Neigh.of(n, callerRefs, wheel), err));
        }
    }
}
