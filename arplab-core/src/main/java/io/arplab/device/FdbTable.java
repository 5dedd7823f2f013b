package io.arplab.device;

import it.unimi.dsi.fastutil.HashCommon;
import java.util.ArrayList;
import java.util.List;

/**
 * A bridge's FDB entries by (MAC, VLAN), hashed as fdb_rht hashes the entries themselves: an open-addressing table
 * of the entries (linear probing, deletion by backward shift), so an entry costs one reference slot rather than a
 * key and a value (a bridge of 10^5 ports holds 10^5 local entries).
 */
final class FdbTable {
    private FdbEntry[] slots = new FdbEntry[16];
    private int size;

    private static int hash(long mac, int vid) {
        return (int) HashCommon.mix(((long) vid << 48) | mac);
    }

    FdbEntry get(long mac, int vid) {
        FdbEntry[] s = slots;
        int m = s.length - 1;
        for (int i = hash(mac, vid) & m; ; i = (i + 1) & m) {
            FdbEntry e = s[i];
            if (e == null || e.mac == mac && e.vid == vid) {
                return e;
            }
        }
    }

    /** Adds {@code e}; returns the entry with its MAC and VLAN it replaces, or null. */
    FdbEntry put(FdbEntry e) {
        int m = slots.length - 1;
        int i = hash(e.mac, e.vid) & m;
        for (; slots[i] != null; i = (i + 1) & m) {
            FdbEntry old = slots[i];
            if (old.mac == e.mac && old.vid == e.vid) {
                slots[i] = e;
                return old;
            }
        }
        slots[i] = e;
        if (++size > slots.length / 4 * 3) {
            FdbEntry[] old = slots;
            slots = new FdbEntry[old.length * 2];
            size = 0;
            for (FdbEntry o : old) {
                if (o != null) {
                    put(o);
                }
            }
        }
        return null;
    }

    /** Removes and returns the entry for {@code mac} and {@code vid}, or null. */
    FdbEntry remove(long mac, int vid) {
        int m = slots.length - 1;
        for (int i = hash(mac, vid) & m; slots[i] != null; i = (i + 1) & m) {
            FdbEntry e = slots[i];
            if (e.mac == mac && e.vid == vid) {
                shiftBack(i);
                size--;
                return e;
            }
        }
        return null;
    }

    /** Closes the gap at {@code pos}: moves back each following entry whose probe sequence crosses it. */
    private void shiftBack(int pos) {
        int m = slots.length - 1;
        while (true) {
            int last = pos;
            pos = (pos + 1) & m;
            FdbEntry e;
            while (true) {
                e = slots[pos];
                if (e == null) {
                    slots[last] = null;
                    return;
                }
                int home = hash(e.mac, e.vid) & m;
                if (last <= pos ? last >= home || home > pos : last >= home && home > pos) {
                    break;
                }
                pos = (pos + 1) & m;
            }
            slots[last] = e;
        }
    }

    /** Every entry, in no particular order. */
    List<FdbEntry> values() {
        List<FdbEntry> all = new ArrayList<>(size);
        for (FdbEntry e : slots) {
            if (e != null) {
                all.add(e);
            }
        }
        return all;
    }
}
