package io.arplab.stack;

import it.unimi.dsi.fastutil.objects.ObjectLinkedOpenHashSet;
import java.util.Iterator;

/**
 * The kernel's arp_tbl (struct neigh_table): what is table-wide rather than per namespace. One kernel has one, so
 * the namespaces of a machine (a Docker host and its containers) share it: {@code entries}, the gc_list and
 * gc_entries that neigh_create's tracepoint prints, gc_thresh1/2/3 and forced garbage collection count and reach
 * every namespace's entries. Separate machines each have their own. Each namespace's {@link NeighbourTable} keeps its
 * entries and their timers.
 */
public final class ArpTbl {
    private static final long FORCED_GC_MIN_AGE = 5 * NeighParams.SECOND;

    private NeighbourTable.GcConfig gc;
    /**
     * tbl->parms: what net.ipv4.neigh.default.* shows in the initial namespace and every new device of the kernel
     * copies (neigh_parms_alloc), in any namespace. Replaced, never changed in place, so a device that has not yet
     * made its own copy keeps the values in force when it was created.
     */
    private NeighParams parms = Netns.LINUX_NEIGH;
    /** tbl->entries: every entry of every namespace, gc-exempt ones too. */
    private int entries;
    /** tbl->gc_list, oldest first; its size is tbl->gc_entries. Created with the first entry (idle hosts are many). */
    private ObjectLinkedOpenHashSet<NeighbourEntry> gcList;
    private long lastFlush;
    private long tableFulls;
    /**
     * After a forced GC that freed nothing: the earliest time one could free something, unless an entry turns
     * FAILED or NOARP first. Spares rescanning a full table for every packet of a flood (the kernel bounds that scan
     * by 1 ms of CPU instead).
     */
    private long noGcBefore;

    public ArpTbl(NeighbourTable.GcConfig gc, long now) {
        this.gc = gc;
        this.lastFlush = now;
    }

    public NeighbourTable.GcConfig gcConfig() {
        return gc;
    }

    public void setGcConfig(NeighbourTable.GcConfig gc) {
        this.gc = gc;
    }

    /** tbl->parms (treat as read-only: {@link #setParms} replaces it). */
    public NeighParams parms() {
        return parms;
    }

    void setParms(NeighParams parms) {
        this.parms = parms;
    }

    /** tbl->entries. */
    public int entries() {
        return entries;
    }

    /** tbl->gc_entries: the entries subject to garbage collection, in every namespace. */
    public int gcEntries() {
        return gcList == null ? 0 : gcList.size();
    }

    /** How often an allocation found the table full (the kernel's "neighbor table overflow!"). */
    public long tableFulls() {
        return tableFulls;
    }

    /** neigh_alloc(): false when the table is full even after a forced GC. */
    boolean admit(long now) {
        int count = gcEntries();
        if (count >= gc.thresh3() || count >= gc.thresh2() && now > lastFlush + FORCED_GC_MIN_AGE) {
            if (forcedGc(now) == 0 && count >= gc.thresh3()) {
                tableFulls++;
                return false;
            }
        }
        return true;
    }

    void linked(NeighbourEntry n, boolean onGcList) {
        entries++;
        if (onGcList) {
            gcList().add(n);
        }
    }

    void unlinked(NeighbourEntry n) {
        entries--;
        if (gcList != null) {
            gcList.remove(n);
        }
    }

    private ObjectLinkedOpenHashSet<NeighbourEntry> gcList() {
        if (gcList == null) {
            gcList = new ObjectLinkedOpenHashSet<>(4);
        }
        return gcList;
    }

    /** neigh_update_gc_list(): a permanent or externally learned entry is exempt. */
    void updateGcList(NeighbourEntry n) {
        if ((n.state & NudState.PERMANENT.bits) != 0 || n.isExternLearned()) {
            if (gcList != null) {
                gcList.remove(n);
            }
        } else if (!n.dev.loopback) {
            gcList().add(n);
        }
    }

    /** An entry turned FAILED or NOARP: a forced GC may free something again. */
    void gcPossible() {
        noGcBefore = 0;
    }

    /**
     * neigh_forced_gc(): from the oldest entry on, in whichever namespace, drops unreferenced entries that are FAILED,
     * NOARP or not updated for 5 s, until the table is back at gc_thresh2.
     */
    private int forcedGc(long now) {
        if (now < noGcBefore || gcList == null) {
            return 0;
        }
        int maxClean = gcList.size() - gc.thresh2();
        long tref = now - FORCED_GC_MIN_AGE;
        int shrunk = 0;
        long earliest = Long.MAX_VALUE;
        Iterator<NeighbourEntry> it = gcList.iterator();
        while (it.hasNext()) {
            NeighbourEntry n = it.next();
            if (n.armed()) {
                continue; // the timer holds a reference
            }
            earliest = Math.min(earliest, n.updated + FORCED_GC_MIN_AGE + 1);
            if (n.state == NudState.FAILED.bits || n.state == NudState.NOARP.bits || n.updated < tref || n.updated > now) {
                it.remove();
                entries--;
                n.table.unlink(now, n);
                shrunk++;
            }
            if (shrunk >= maxClean) {
                break;
            }
        }
        lastFlush = now;
        noGcBefore = shrunk == 0 ? earliest : 0;
        return shrunk;
    }
}
