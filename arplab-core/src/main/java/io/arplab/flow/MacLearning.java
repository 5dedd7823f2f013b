package io.arplab.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OVS's MAC learning table for the NORMAL action (lib/mac-learning.c): per (VLAN, MAC), at most 8192 entries
 * (MAC_DEFAULT_MAX in OVS 3.1, as fdb/stats-show reports it),
 * idle 300 s, kept in LRU order (least recently learned first), which is the order fdb/show prints.
 */
public final class MacLearning {
    public static final int DEFAULT_MAX = 8192;
    public static final long DEFAULT_IDLE = 300_000_000_000L;

    /** A learned address; {@code expires} in virtual ns. */
    public static final class Entry {
        public final long mac;
        public final int vlan;
        public long port;
        public long expires;

        Entry(long mac, int vlan) {
            this.mac = mac;
            this.vlan = vlan;
        }
    }

    private final LinkedHashMap<Long, Entry> lru = new LinkedHashMap<>();
    private int max = DEFAULT_MAX;
    private long idle = DEFAULT_IDLE;
    public long learned, expired, evicted, moved;
    /** Bumped whenever a lookup may answer differently (mac_learning's need_revalidate). */
    long version;

    private static long key(long mac, int vlan) {
        return ((long) vlan << 48) | mac;
    }

    public Entry lookup(long mac, int vlan, long now) {
        Entry e = lru.get(key(mac, vlan));
        return e == null || e.expires <= now ? null : e;
    }

    /**
     * mac_learning_update(): learns {@code mac} on {@code port} and marks it most recently used, unless
     * is_mac_learning_update_needed() finds nothing to do (the entry is on that port, was learned within the second
     * and this is no gratuitous ARP). Returns whether the table changed (a new entry or a move).
     */
    public boolean learn(long mac, int vlan, long port, long now, boolean gratArp) {
        long k = key(mac, vlan);
        Entry known = lru.get(k);
        if (known != null && known.expires > now && known.port == port && !gratArp && age(known, now) <= 0) {
            return false;
        }
        Entry e = lru.remove(k);
        long before = version;
        if (e == null || e.expires <= now) {
            if (e == null && lru.size() >= max) {
                lru.remove(lru.keySet().iterator().next());
                evicted++;
            }
            e = new Entry(mac, vlan);
            e.port = port;
            learned++;
            version++;
        } else if (e.port != port) {
            e.port = port;
            moved++;
            version++;
        }
        e.expires = now + idle;
        lru.put(k, e);
        return version != before;
    }

    /** Removes expired entries. */
    public void expire(long now) {
        lru.values().removeIf(e -> {
            boolean gone = e.expires <= now;
            if (gone) {
                expired++;
                version++;
            }
            return gone;
        });
    }

    public void flush() {
        lru.clear();
        version++;
    }

    /** mac_learning_flush() of one port's entries: the port was deleted (bundle_destroy()). */
    public void flush(long port) {
        lru.values().removeIf(e -> e.port == port);
    }

    public List<Entry> entries(long now) {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<Long, Entry> e : lru.entrySet()) {
            if (e.getValue().expires > now) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** Seconds since the entry was last learned (mac_entry_age). */
    public long age(Entry e, long now) {
        return (idle - (e.expires - now)) / 1_000_000_000L;
    }

    /** Whether an entry has expired by {@code now} (the least recently learned expires first). */
    boolean expiring(long now) {
        return !lru.isEmpty() && lru.values().iterator().next().expires <= now;
    }

    public long nextExpiry() {
        long t = Long.MAX_VALUE;
        for (Entry e : lru.values()) {
            t = Math.min(t, e.expires);
        }
        return t;
    }

    public int max() {
        return max;
    }

    public long idle() {
        return idle;
    }
}
