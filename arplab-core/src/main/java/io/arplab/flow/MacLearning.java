package io.arplab.flow;

import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * OVS's MAC learning table for the NORMAL action (lib/mac-learning.c): per (VLAN, MAC), at most 8192 entries
 * (MAC_DEFAULT_MAX in OVS 3.1, as fdb/stats-show reports it), idle 300 s, on OVS's clock of whole seconds
 * (time_now()); kept in LRU order (least recently learned first), which is the order fdb/show prints. A full table
 * evicts fairly: the least recently learned entry of a port with the most entries (evict_mac_entry_fairly()).
 */
public final class MacLearning {
    public static final int DEFAULT_MAX = 8192;
    /** MAC_ENTRY_DEFAULT_IDLE_TIME, seconds. */
    public static final int DEFAULT_IDLE = 300;
    /** MAC_ENTRY_AGE_STATIC_ENTRY: a static entry's expiry, which never comes. */
    static final long STATIC = Integer.MAX_VALUE;
    private static final long SEC = 1_000_000_000L;

    /** A learned address; {@code expires} in OVS's seconds (time_now() + idle time). */
    public static final class Entry {
        public final long mac;
        public final int vlan;
        public long port;
        public long expires;
        /** grat_arp_lock: the second of OVS's clock until which a bond's gratuitous ARP does not move it. */
        long gratArpLock;

        public boolean isStatic() {
            return expires == STATIC;
        }

        Entry(long mac, int vlan) {
            this.mac = mac;
            this.vlan = vlan;
        }
    }

    private final LinkedHashMap<Long, Entry> lru = new LinkedHashMap<>();
    private final PortUsage usage = new PortUsage();
    private int max = DEFAULT_MAX;
    private int idle = DEFAULT_IDLE;
    private BitSet floodVlans;
    public long learned, expired, evicted, moved;
    /** static_entries: added by fdb/add, not decremented when a port's entries are flushed (as OVS 3.1). */
    public long staticEntries;
    /** The second of OVS's clock at which mac_learning_run() last ran (the main loop's ofproto run()). */
    private long ranAt = Long.MIN_VALUE;
    /** Bumped whenever a lookup may answer differently (mac_learning's need_revalidate). */
    long version;

    /** Who watches the entries change (the report's recorder), told after each change. */
    public interface Observer {
        /** {@code e} was learned, refreshed, moved or made static. */
        void learned(Entry e);

        /** {@code e} left the table (expired, evicted, flushed or deleted). */
        void forgot(Entry e);
    }

    private Observer observer;

    /** Tells {@code o} (or nobody, when null) of every change of the entries from now on. */
    public void observe(Observer o) {
        observer = o;
    }

    private static long key(long mac, int vlan) {
        return ((long) vlan << 48) | mac;
    }

    /** time_now(): OVS's monotonic clock in whole seconds. */
    private static long sec(long now) {
        return Math.floorDiv(now, SEC);
    }

    // is_learning_vlan()
    private boolean learningVlan(int vlan) {
        return floodVlans == null || !floodVlans.get(vlan);
    }

    /** mac_learning_may_learn(): not on a flood VLAN, not a multicast source. */
    public boolean mayLearn(long mac, int vlan) {
        return learningVlan(vlan) && !MacAddress.isMulticast(mac);
    }

    /** mac_learning_lookup(): none for a multicast destination or on a flood VLAN. */
    public Entry lookup(long mac, int vlan, long now) {
        if (MacAddress.isMulticast(mac) || !learningVlan(vlan)) {
            return null;
        }
        catchUp(now);
        return lru.get(key(mac, vlan));
    }

    /**
     * mac_learning_update(): learns {@code mac} on {@code port} and marks it most recently used, unless
     * is_mac_learning_update_needed() finds nothing to do (the entry is on that port and was learned within the
     * second, and this is no gratuitous ARP from a port other than a bond; or a gratuitous ARP from a bond
     * ({@code bond}) while the entry's lock holds). A gratuitous ARP from elsewhere locks the entry for
     * MAC_GRAT_ARP_LOCK_TIME, under which one from a bond refreshes it without moving it
     * (update_learning_table__()). Returns whether the port changed (a new entry or a move).
     */
    public boolean learn(long mac, int vlan, long port, long now, boolean gratArp, boolean bond) {
        if (!mayLearn(mac, vlan)) {
            return false;
        }
        catchUp(now);
        long k = key(mac, vlan);
        Entry e = lru.get(k);
        if (e != null && (e.isStatic() || age(e, now) <= 0 && !(gratArp && !bond)
                && (gratArp && gratArpLocked(e, now) || e.port == port))) {
            return false;
        }
        // mac_learning_insert__()
        if (e == null) {
            if (lru.size() >= max) {
                evictFairly();
            }
            e = new Entry(mac, vlan);
            e.port = -1;
            learned++;
        } else {
            lru.remove(k);
            usage.touch(e);
        }
        lru.put(k, e);
        e.expires = sec(now) + idle;
        if (gratArp && !bond) {
            e.gratArpLock = sec(now) + GRAT_ARP_LOCK_TIME;
        } else if (gratArp && gratArpLocked(e, now)) {
            return false;
        }
        boolean changed = e.port != port;
        if (changed) {
            if (e.port != -1) {
                moved++;
            }
            usage.setPort(e, port); // mac_entry_set_port()
            version++;
        }
        if (observer != null) {
            observer.learned(e);
        }
        return changed;
    }

    /** MAC_GRAT_ARP_LOCK_TIME: seconds. */
    static final int GRAT_ARP_LOCK_TIME = 5;

    /** mac_entry_is_grat_arp_locked(). */
    public boolean gratArpLocked(Entry e, long now) {
        return sec(now) < e.gratArpLock;
    }

    /** mac_learning_add_static_entry(): fdb/add, a new entry or a learned one made static, last in LRU order. */
    public void addStatic(long mac, int vlan, long port) {
        long k = key(mac, vlan);
        Entry e = lru.get(k);
        if (e == null) {
            if (lru.size() >= max) {
                evictFairly();
            }
            e = new Entry(mac, vlan);
            e.port = -1;
        } else {
            lru.remove(k);
            usage.touch(e);
        }
        lru.put(k, e);
        if (!e.isStatic()) {
            staticEntries++;
        }
        e.expires = STATIC;
        if (e.port != port) {
            usage.setPort(e, port);
            version++;
        }
        if (observer != null) {
            observer.learned(e);
        }
    }

    /** mac_learning_del_static_entry(): fdb/del of a static entry; false when there is none. */
    public boolean delStatic(long mac, int vlan) {
        Entry e = MacAddress.isMulticast(mac) || !learningVlan(vlan) ? null : lru.get(key(mac, vlan));
        if (e == null || !e.isStatic()) {
            return false;
        }
        remove(e);
        staticEntries--;
        return true;
    }

    /** mac_learning_clear_statistics(): fdb/stats-clear. */
    public void clearStatistics() {
        learned = 0;
        expired = 0;
        evicted = 0;
        moved = 0;
    }

    // get_lru(): the least recently learned entry that is not static
    private Entry lru() {
        for (Entry e : lru.values()) {
            if (!e.isStatic()) {
                return e;
            }
        }
        return null;
    }

    // evict_mac_entry_fairly()
    private void evictFairly() {
        Entry e = usage.evictee();
        evicted++;
        remove(e);
    }

    // mac_learning_expire()
    private void remove(Entry e) {
        usage.setPort(e, -1);
        lru.remove(key(e.mac, e.vlan));
        version++;
        if (observer != null) {
            observer.forgot(e);
        }
    }

    /** mac_learning_run(): expires the least recently learned entries past their time, or over the table's size. */
    public void expire(long now) {
        ranAt = sec(now);
        for (Entry e = lru(); e != null; e = lru()) {
            if (lru.size() <= max && sec(now) < e.expires) {
                break;
            }
            expired++;
            remove(e);
        }
    }

    /**
     * mac_learning_flush(): every entry but the static ones, not counted as expired; each one's expiry (and only that)
     * asks for revalidation (mac_learning_expire()'s need_revalidate), so flushing an empty table revalidates nothing.
     */
    public void flush() {
        for (Entry e : new ArrayList<>(lru.values())) {
            if (!e.isStatic()) {
                remove(e);
            }
        }
    }

    /** bundle_flush_macs(): one port's entries (the port was deleted or its VLANs changed). */
    public void flush(long port) {
        flush(port, List.of());
    }

    /**
     * bundle_flush_macs(bundle, true), as bundle_destroy() calls it: each of the port's entries, and the entry of the
     * same MAC and VLAN in each of {@code others} (the other bridges' tables), expired.
     */
    public void flush(long port, Iterable<MacLearning> others) {
        for (Entry e : new ArrayList<>(lru.values())) {
            if (e.port == port) {
                for (MacLearning o : others) {
                    Entry same = o.lru.get(key(e.mac, e.vlan));
                    if (same != null) {
                        o.remove(same);
                    }
                }
                remove(e);
            }
        }
    }

    /**
     * mac_learning_set_idle_time(): 15..3600 s; every entry's expiry time moves by the difference, a static one's too,
     * which makes it a dynamic entry that expires in some 68 years (and, first in LRU order, holds the others back).
     */
    public void setIdleTime(int seconds) {
        int t = seconds < 15 ? 15 : Math.min(seconds, 3600);
        for (Entry e : lru.values()) {
            e.expires += t - idle;
        }
        idle = t;
    }

    /** mac_learning_set_max_entries(): 10..1000000 entries; the excess goes at the next mac_learning_run(). */
    public void setMaxEntries(int n) {
        max = n < 10 ? 10 : Math.min(n, 1000 * 1000);
    }

    /** set_flood_vlans(): a changed set of VLANs that flood flushes the table. */
    public void setFloodVlans(BitSet vlans) {
        BitSet v = vlans == null || vlans.isEmpty() ? null : vlans;
        if (!java.util.Objects.equals(v, floodVlans)) {
            floodVlans = v;
            flush();
        }
    }

    /** The entries in LRU order, once mac_learning_run() has run. */
    public List<Entry> entries(long now) {
        if (expiring(now)) {
            expire(now);
        }
        return new ArrayList<>(lru.values());
    }

    /** Seconds since the entry was last learned (mac_entry_age()); a static entry's is MAC_ENTRY_AGE_STATIC_ENTRY. */
    public long age(Entry e, long now) {
        return e.isStatic() ? STATIC : (int) (idle - (e.expires - sec(now)));
    }

    /**
     * The main loop's mac_learning_run() before a translation, if OVS's clock moved since it last ran: none within one
     * second's translations, so an entry an eviction unblocks (get_lru()'s first) still answers until the next run.
     */
    private void catchUp(long now) {
        if (sec(now) != ranAt) {
            run(now);
        }
    }

    /** mac_learning_run() as the main loop calls it: at once when nothing is due. */
    public void run(long now) {
        if (!lru.isEmpty() && expiring(now)) { // a pipeline without NORMAL learns nothing: no walk of the LRU list
            expire(now);
        }
        ranAt = sec(now);
    }

    /** Whether mac_learning_run() has work: an entry expired by {@code now} or more entries than the maximum. */
    boolean expiring(long now) {
        Entry e = lru();
        return e != null && (lru.size() > max || e.expires <= sec(now));
    }

    /** When the least recently learned entry expires, in lab ns. */
    public long nextExpiry() {
        Entry e = lru();
        return e == null ? Long.MAX_VALUE : e.expires * SEC;
    }

    public int max() {
        return max;
    }

    public int idle() {
        return idle;
    }

    /**
     * The ports' shares of the table (mac_learning's ports_by_ptr and its ports_by_usage max-heap, lib/heap.c): each
     * port's entries in LRU order, the port with the most entries on top, ties as the heap's sifts leave them.
     */
    private static final class PortUsage {
        private final Map<Long, Share> byPort = new HashMap<>();
        private final List<Share> heap = new ArrayList<>(List.of(new Share(-1))); // 1-based, as lib/heap.c

        private static final class Share {
            final long port;
            final LinkedHashSet<Entry> lrus = new LinkedHashSet<>();
            long priority;
            int idx;

            Share(long port) {
                this.port = port;
            }
        }

        /** mac_learning_insert__(): a known entry learned again goes last in its port's list. */
        void touch(Entry e) {
            Share s = byPort.get(e.port);
            if (s != null) {
                s.lrus.remove(e);
                s.lrus.add(e);
            }
        }

        Entry evictee() {
            return heap.get(1).lrus.iterator().next();
        }

        // mac_entry_set_port()
        void setPort(Entry e, long port) {
            if (e.port == port) {
                return;
            }
            Share old = byPort.get(e.port);
            if (old != null) {
                old.lrus.remove(e);
                if (old.lrus.isEmpty()) {
                    byPort.remove(old.port);
                    remove(old);
                } else {
                    change(old, old.priority - 1);
                }
            }
            e.port = port;
            if (port != -1) {
                Share s = byPort.get(port);
                if (s == null) {
                    s = new Share(port);
                    byPort.put(port, s);
                    s.priority = 1;
                    heap.add(s);
                    s.idx = heap.size() - 1;
                    floatUp(s.idx);
                } else {
                    change(s, s.priority + 1);
                }
                s.lrus.add(e);
            }
        }

        // heap_remove(): the last node takes the removed one's place, then floats up or down
        private void remove(Share s) {
            int i = s.idx, n = heap.size() - 1;
            Share last = heap.remove(n);
            if (i < n) {
                put(last, i);
                upOrDown(i);
            }
        }

        private void change(Share s, long priority) {
            s.priority = priority;
            upOrDown(s.idx);
        }

        private void upOrDown(int i) {
            if (!floatUp(i)) {
                floatDown(i);
            }
        }

        private void put(Share s, int i) {
            heap.set(i, s);
            s.idx = i;
        }

        private void swap(int i, int j) {
            Share a = heap.get(i), b = heap.get(j);
            put(b, i);
            put(a, j);
        }

        private boolean floatUp(int i) {
            boolean moved = false;
            for (int parent; i > 1; i = parent) {
                parent = i / 2;
                if (heap.get(parent).priority >= heap.get(i).priority) {
                    break;
                }
                swap(parent, i);
                moved = true;
            }
            return moved;
        }

        private void floatDown(int i) {
            int n = heap.size() - 1;
            while (2 * i <= n) {
                int left = 2 * i, right = left + 1, max = i;
                if (heap.get(left).priority > heap.get(max).priority) {
                    max = left;
                }
                if (right <= n && heap.get(right).priority > heap.get(max).priority) {
                    max = right;
                }
                if (max == i) {
                    break;
                }
                swap(max, i);
                i = max;
            }
        }
    }
}
