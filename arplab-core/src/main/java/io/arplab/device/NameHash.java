package io.arplab.device;

import java.util.function.IntFunction;

/**
 * Elements numbered 0.. found by their names (as dev_name_hash finds a device): an open-addressing table of the
 * numbers alone, the names read back from where the elements keep them, so an element costs one int slot. Names
 * are only added, never removed; the first element with a name keeps it.
 */
public final class NameHash {
    private final IntFunction<String> nameOf;
    /** Element number + 1, 0 for an empty slot. */
    private int[] slots = new int[16];
    private int size;

    /** @param nameOf the name of element {@code i} */
    public NameHash(IntFunction<String> nameOf) {
        this.nameOf = nameOf;
    }

    /** The number of the element named {@code name}, or -1. */
    public int get(String name) {
        int[] s = slots;
        int m = s.length - 1;
        for (int i = it.unimi.dsi.fastutil.HashCommon.mix(name.hashCode()) & m; s[i] != 0; i = (i + 1) & m) {
            if (nameOf.apply(s[i] - 1).equals(name)) {
                return s[i] - 1;
            }
        }
        return -1;
    }

    /** Indexes element {@code number} under its name unless an element of that name is indexed already. */
    public void add(int number) {
        String name = nameOf.apply(number);
        if (get(name) >= 0) {
            return;
        }
        insert(number, name);
        if (++size > slots.length / 4 * 3) {
            int[] old = slots;
            slots = new int[old.length * 2];
            for (int n : old) {
                if (n != 0) {
                    insert(n - 1, nameOf.apply(n - 1));
                }
            }
        }
    }

    private void insert(int number, String name) {
        int m = slots.length - 1;
        int i = it.unimi.dsi.fastutil.HashCommon.mix(name.hashCode()) & m;
        while (slots[i] != 0) {
            i = (i + 1) & m;
        }
        slots[i] = number + 1;
    }
}
