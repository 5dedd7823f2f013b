package io.arplab.lab;

import io.arplab.device.Host;
import it.unimi.dsi.fastutil.HashCommon;

/**
 * The host holding each MAC address the lab gave a port, for clash errors: an open-addressing table whose 48-bit
 * keys are split into an int and a short. A 10^5-host lab's table is then three arrays of at most 1 MiB, where a
 * map over long keys holds a 2 MiB array, which the heap places alone in a region twice its size.
 */
final class MacOwners {
    private int[] low = new int[16];
    private short[] high = new short[16];
    private Host[] owners = new Host[16];
    private int size;

    /** The host holding {@code mac}, or null. */
    Host get(long mac) {
        int mask = owners.length - 1;
        for (int i = slot(mac, mask); owners[i] != null; i = (i + 1) & mask) {
            if (low[i] == (int) mac && high[i] == (short) (mac >>> 32)) {
                return owners[i];
            }
        }
        return null;
    }

    boolean contains(long mac) {
        return get(mac) != null;
    }

    /** Records that {@code owner} holds {@code mac} (replacing an earlier holder). */
    void put(long mac, Host owner) {
        int mask = owners.length - 1;
        int i = slot(mac, mask);
        for (; owners[i] != null; i = (i + 1) & mask) {
            if (low[i] == (int) mac && high[i] == (short) (mac >>> 32)) {
                owners[i] = owner;
                return;
            }
        }
        low[i] = (int) mac;
        high[i] = (short) (mac >>> 32);
        owners[i] = owner;
        if (++size > owners.length / 4 * 3) {
            grow();
        }
    }

    private void grow() {
        int[] l = low;
        short[] h = high;
        Host[] o = owners;
        low = new int[o.length * 2];
        high = new short[o.length * 2];
        owners = new Host[o.length * 2];
        int mask = owners.length - 1;
        for (int j = 0; j < o.length; j++) {
            if (o[j] != null) {
                long mac = (l[j] & 0xffff_ffffL) | (h[j] & 0xffffL) << 32;
                int i = slot(mac, mask);
                while (owners[i] != null) {
                    i = (i + 1) & mask;
                }
                low[i] = l[j];
                high[i] = h[j];
                owners[i] = o[j];
            }
        }
    }

    private static int slot(long mac, int mask) {
        return (int) HashCommon.mix(mac) & mask;
    }
}
