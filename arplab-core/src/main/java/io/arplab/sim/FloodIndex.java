package io.arplab.sim;

import io.arplab.device.Host;
import io.arplab.stack.ArpWatch;
import io.arplab.stack.NetDevice;
import io.arplab.wire.Bytes;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.Arrays;

/**
 * A bridge's index of the host ports a broadcast ARP frame can act on, so a flood costs what it changes rather than
 * the size of the LAN. Per net/ipv4/arp.c arp_process(), a valid broadcast request or reply (sender not 0.0.0.0,
 * target outside 127/8) changes a host only when its namespace owns the target, holds a neighbour entry for the sender
 * on the receiving device, or the device is not {@link io.arplab.stack.HostStack#arpQuiet quiet} (arp_accept, proxy
 * ARP, a packet socket, the device down); a captured port is always delivered. Every other host would run the same
 * checks and leave everything as it was: its delivery is only counted.
 */
final class FloodIndex {
    /** (ip, port, owner) → (position in the ip's port list) << 32 | references (two addresses may be the same). */
    private final Long2LongOpenHashMap refs = new Long2LongOpenHashMap();
    /** ip → {size, port, port, ...}: the ports whose namespace holds a neighbour entry for ip on the port's device. */
    private final Int2ObjectOpenHashMap<int[]> holders = new Int2ObjectOpenHashMap<>();
    /** ip → {size, port, port, ...}: the ports whose namespace owns ip (inet_addr_type() == RTN_LOCAL). */
    private final Int2ObjectOpenHashMap<int[]> owners = new Int2ObjectOpenHashMap<>();
    private static final long OWNER = 1L << 31;
    /** The ports whose host is not quiet (or captured there): {size, port, ...}, with positions in {@link #alwaysAt}. */
    private int[] always = {0};
    private final Int2ObjectOpenHashMap<int[]> alwaysAt = new Int2ObjectOpenHashMap<>();
    /** The bridge's node: a watched port's host is its peer there. */
    private final NetworkNode bridge;
    /** Per watched port, its namespace's local addresses as registered (the stack replaces, never modifies, them). */
    private int[][] registered = new int[0][];
    private static final int[] NONE = new int[0];
    /** Watched ports whose configuration changed since the last flood, in the order they changed, and as bits. */
    private int[] dirty = new int[4];
    private int nDirty;
    private final java.util.BitSet isDirty = new java.util.BitSet();
    private int[] scratch = new int[16];

    FloodIndex(NetworkNode bridge) {
        this.bridge = bridge;
    }

    /** Whether {@code frame} is a broadcast ARP frame the index can route: arp_rcv()'s checks pass, sender not 0, target not 127/8. */
    static boolean indexable(byte[] frame) {
        if (frame.length < 42 || Bytes.u48(frame, 0) != 0xffff_ffff_ffffL || Bytes.u16(frame, 12) != 0x0806
                || (frame[18] & 0xff) != 6 || (frame[19] & 0xff) != 4 || Bytes.u16(frame, 16) != 0x0800) {
            return false;
        }
        int hrd = Bytes.u16(frame, 14);
        int op = Bytes.u16(frame, 20);
        int sip = Bytes.i32(frame, 28);
        int tip = Bytes.i32(frame, 38);
        return (hrd == 1 || hrd == 6) && (op == 1 || op == 2) && sip != 0 && (tip >>> 24) != 127;
    }

    /**
     * Starts watching the host device behind {@code port}. The device's watch is its host's node when it is the
     * host's port 0 (the node tells this index through its wire), a {@link Watch} naming the port otherwise.
     */
    void watch(int port, NetworkNode hostNode, int hostPort) {
        Host host = (Host) hostNode.device();
        NetDevice dev = host.port(hostPort);
        if (registered.length <= port) {
            registered = Arrays.copyOf(registered, Math.max(port + 1, registered.length + (registered.length >> 2)));
        }
        registered[port] = NONE;
        dev.watchArp(hostPort == 0 ? hostNode : new Watch(port));
        for (io.arplab.stack.NeighbourEntry n : host.stack().neighbourEntries()) {
            if (n.device() == dev) {
                add(holders, 0, n.address().bits(), port);
            }
        }
        markDirty(port);
    }

    /** The host behind {@code port} created ({@code linked}) or dropped a neighbour entry for {@code ip} there. */
    void neighbour(int port, int ip, boolean linked) {
        if (linked) {
            add(holders, 0, ip, port);
        } else {
            remove(holders, 0, ip, port);
        }
    }

    void markDirty(int port) {
        if (!isDirty.get(port)) {
            isDirty.set(port);
            if (nDirty == dirty.length) {
                dirty = Arrays.copyOf(dirty, nDirty * 2);
            }
            dirty[nDirty++] = port;
        }
    }

    /**
     * The ports {@code frame} (indexable) can act on, and {@code unwatched}: {count, port, ...} in ascending order
     * without duplicates (the array is reused by the next call).
     */
    int[] candidates(byte[] frame, int[] unwatched) {
        settle();
        int sip = Bytes.i32(frame, 28);
        int tip = Bytes.i32(frame, 38);
        int[] s = holders.get(sip);
        int[] t = owners.get(tip);
        int n = always[0] + unwatched.length + (s == null ? 0 : s[0]) + (t == null ? 0 : t[0]);
        if (scratch.length < n + 1) {
            scratch = new int[Math.max(n + 1, scratch.length * 2)];
        }
        int k = 1;
        k = append(always, 1, always[0], k);
        System.arraycopy(unwatched, 0, scratch, k, unwatched.length);
        k += unwatched.length;
        if (s != null) {
            k = append(s, 1, s[0], k);
        }
        if (t != null) {
            k = append(t, 1, t[0], k);
        }
        Arrays.sort(scratch, 1, k);
        int m = 1;
        for (int i = 1; i < k; i++) {
            if (m == 1 || scratch[m - 1] != scratch[i]) {
                scratch[m++] = scratch[i];
            }
        }
        scratch[0] = m - 1;
        return scratch;
    }

    private int append(int[] src, int from, int count, int k) {
        System.arraycopy(src, from, scratch, k, count);
        return k + count;
    }

    private void settle() {
        for (int i = 0; i < nDirty; i++) {
            refresh(dirty[i]);
        }
        nDirty = 0;
    }

    /** Re-reads whether the host behind {@code port} is quiet, and its local addresses. */
    private void refresh(int port) {
        isDirty.clear(port);
        NetworkNode hostNode = bridge.peer(port);
        int hostPort = bridge.peerPort(port);
        Host host = (Host) hostNode.device();
        setAlways(port, !host.stack().arpQuiet(host.port(hostPort)) || hostNode.captureOf(hostPort) != null);
        int[] now = host.stack().localAddresses();
        int[] addresses = registered[port];
        if (now != addresses) {
            // a target in 127/8 is never looked up (indexable()): lo's address costs no entry a host
            for (int a : addresses) {
                if ((a >>> 24) != 127) {
                    remove(owners, OWNER, a, port);
                }
            }
            for (int a : now) {
                if ((a >>> 24) != 127) {
                    add(owners, OWNER, a, port);
                }
            }
            registered[port] = now;
        }
    }

    private void add(Int2ObjectOpenHashMap<int[]> byIp, long tag, int ip, int port) {
        long key = (long) ip << 32 | tag | port;
        long v = refs.get(key);
        if (v != 0) {
            refs.put(key, v + 1);
            return;
        }
        int[] list = byIp.get(ip);
        if (list == null) {
            list = new int[2];
        } else if (list[0] + 1 == list.length) {
            list = Arrays.copyOf(list, list.length + Math.max(1, list.length >> 1));
        }
        int pos = ++list[0];
        list[pos] = port;
        byIp.put(ip, list);
        refs.put(key, (long) pos << 32 | 1);
    }

    private void remove(Int2ObjectOpenHashMap<int[]> byIp, long tag, int ip, int port) {
        long key = (long) ip << 32 | tag | port;
        long v = refs.get(key);
        if (v == 0) {
            return;
        }
        if ((v & 0xffff_ffffL) > 1) {
            refs.put(key, v - 1);
            return;
        }
        refs.remove(key);
        int[] list = byIp.get(ip);
        int pos = (int) (v >>> 32);
        int last = list[list[0]];
        list[pos] = last;
        list[0]--;
        if (last != port) {
            long lk = (long) ip << 32 | tag | last;
            refs.put(lk, (long) pos << 32 | (refs.get(lk) & 0xffff_ffffL));
        }
        if (list[0] == 0) {
            byIp.remove(ip);
        }
    }

    private void setAlways(int port, boolean on) {
        int[] at = alwaysAt.get(port);
        if (on == (at != null)) {
            return;
        }
        if (on) {
            if (always[0] + 1 == always.length) {
                always = Arrays.copyOf(always, always.length * 2);
            }
            always[++always[0]] = port;
            alwaysAt.put(port, new int[] {always[0]});
        } else {
            int pos = at[0];
            int last = always[always[0]--];
            always[pos] = last;
            alwaysAt.remove(port);
            if (last != port) {
                alwaysAt.get(last)[0] = pos;
            }
        }
    }

    /** The watch of a host device other than its host's port 0: the bridge port it hangs off. */
    final class Watch implements ArpWatch {
        private final int port;

        private Watch(int port) {
            this.port = port;
        }

        @Override
        public void neighbour(int ip, boolean linked) {
            FloodIndex.this.neighbour(port, ip, linked);
        }

        @Override
        public void configChanged() {
            markDirty(port);
        }
    }
}
