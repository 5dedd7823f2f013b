package io.arplab.flow;

import java.util.Arrays;

/**
 * One dpcls subtable (lib/dpif-netdev-private-dpcls.h, struct dpcls_subtable): the megaflows of one mask, found by
 * the key's words under the mask, as dpcls_lookup() compares a packet's miniflow with a rule's masked one. Open
 * addressing with linear probing on their hash: a slot's record holds the masked words flat ({@code width} longs),
 * so a lookup compares one record and reads no megaflow; megaflows with the same masked words share a slot, the
 * newest first ({@link Megaflow#next}). The capacity stays when the subtable is cleared.
 */
final class DpclsSubtable extends MaskedFields {
    private final int width;
    private Megaflow[] entries = new Megaflow[16];
    private long[] records;
    private int size;
    /** Whether a megaflow of this mask is a simple match when its recirc_id is 0 ({@link Datapath#simpleMask}). */
    final boolean simpleMask;

    /**
     * The masked words of the last key a lookup missed, and their hash: the upcall's megaflow for that key has them
     * (its install hashes nothing again).
     */
    private final long[] missWords;
    private long missHash;
    private boolean missed;

    DpclsSubtable(long[] mask) {
        super(mask);
        simpleMask = Datapath.simpleMask(mask);
        width = fields.length;
        records = new long[entries.length * width];
        missWords = new long[width];
    }

    /** The newest megaflow whose masked words equal {@code key}'s, or null. */
    Megaflow lookup(long[] key) {
        Megaflow[] e = entries;
        int m = e.length - 1;
        long h = hash(key);
        for (int i = home(h, m); e[i] != null; i = (i + 1) & m) {
            if (matches(i, key)) {
                return e[i];
            }
        }
        for (int j = 0; j < width; j++) {
            missWords[j] = key[fields[j]] & fieldMasks[j];
        }
        missHash = h;
        missed = true;
        return null;
    }

    // hash() of v, or the last miss's when v has its masked words
    private long hashOf(long[] v) {
        if (missed) {
            int[] f = fields;
            long[] m = fieldMasks, w = missWords;
            int j = 0;
            while (j < f.length && (v[f[j]] & m[j]) == w[j]) {
                j++;
            }
            if (j == f.length) {
                return missHash;
            }
        }
        return hash(v);
    }

    /** Inserts {@code n}, whose key is {@code value} (whole). */
    void insert(Megaflow n, long[] value) {
        int i = slot(value);
        if (entries[i] == null) {
            record(i, value);
            entries[i] = n;
            if (++size * 2 > entries.length) {
                grow();
            }
        } else {
            n.next = entries[i];
            entries[i] = n;
        }
    }

    void remove(Megaflow n) {
        int i = slot(n.value());
        Megaflow head = entries[i];
        if (head == n) {
            if (n.next == null) {
                deleteSlot(i);
            } else {
                entries[i] = n.next;
            }
        } else {
            while (head.next != n) {
                head = head.next;
            }
            head.next = n.next;
        }
        n.next = null;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        Arrays.fill(entries, null);
        size = 0;
    }

    private static int home(long h, int m) {
        return (int) (h ^ h >>> 32) & m;
    }

    // the slot of v's masked words: where they are, or the empty slot where they would go
    private int slot(long[] v) {
        int m = entries.length - 1;
        int i = home(hashOf(v), m);
        while (entries[i] != null && !matches(i, v)) {
            i = (i + 1) & m;
        }
        return i;
    }

    private boolean matches(int i, long[] key) {
        int[] f = fields;
        long[] m = fieldMasks;
        long[] r = records;
        for (int j = 0, o = i * width; j < f.length; j++, o++) {
            if ((key[f[j]] & m[j]) != r[o]) {
                return false;
            }
        }
        return true;
    }

    private void record(int i, long[] v) {
        for (int j = 0, o = i * width; j < fields.length; j++, o++) {
            records[o] = v[fields[j]] & fieldMasks[j];
        }
    }

    // the hash of record i: hash() of any key with its masked words
    private long recordHash(long[] r, int i) {
        return recordHash(r, i * width, width);
    }

    private void grow() {
        Megaflow[] old = entries;
        long[] oldRecords = records;
        entries = new Megaflow[old.length * 2];
        records = new long[entries.length * width];
        int m = entries.length - 1;
        for (int j = 0; j < old.length; j++) {
            if (old[j] != null) {
                int i = home(recordHash(oldRecords, j), m);
                while (entries[i] != null) {
                    i = (i + 1) & m;
                }
                entries[i] = old[j];
                System.arraycopy(oldRecords, j * width, records, i * width, width);
            }
        }
    }

    // empties slot i and moves later slots of its probe run back into the gap (linear probing's deletion)
    private void deleteSlot(int i) {
        int m = entries.length - 1;
        entries[i] = null;
        size--;
        for (int j = (i + 1) & m; entries[j] != null; j = (j + 1) & m) {
            int home = home(recordHash(records, j), m);
            if (j > i ? home <= i || home > j : home <= i && home > j) {
                entries[i] = entries[j];
                System.arraycopy(records, j * width, records, i * width, width);
                entries[j] = null;
                i = j;
            }
        }
    }
}
