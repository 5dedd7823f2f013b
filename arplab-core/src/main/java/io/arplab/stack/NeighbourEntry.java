package io.arplab.stack;

import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayDeque;

/** One neighbour (ARP cache) entry: the kernel's struct neighbour for AF_INET. Times are virtual nanoseconds. */
public final class NeighbourEntry extends TimerHeap.Timer {
    final NetDevice dev;
    final int ip;
    final NeighParams parms;
    /** The namespace's table holding the entry (arp_tbl's forced GC reaches every namespace's). */
    NeighbourTable table;
    long lladdr;
    int state;
    long confirmed;
    long updated;
    long used;
    int probes;
    /** When its timer was armed, in the namespace's count of wheel timers (NeighbourTable.Ops.timerArmed()). */
    long armed;
    boolean dead;
    /** The cached hardware header (neigh->hh.hh_len != 0): neigh_resolve_output() filled it on a first send. */
    boolean hh;
    /** NTF_ROUTER, NTF_EXT_LEARNED (ip neigh ... router extern_learn). */
    int flags;
    /** NDA_PROTOCOL: who installed it (ip neigh ... protocol P), 0 when unset; neigh_add() never clears it. */
    int protocol;
    ArrayDeque<Queued> arpQueue;
    int arpQueueBytes;

    /**
     * A packet waiting on the resolution (neigh->arp_queue), the table route it took (its dst) or null, and the socket
     * whose send buffer it is charged to until it leaves or is freed (skb->sk with sock_wfree()), or null.
     */
    record Queued(byte[] frame, Route via, Object owner, NetDevice iif) {}

    NeighbourEntry(NetDevice dev, int ip, long now) {
        this.dev = dev;
        this.ip = ip;
        this.parms = dev.arpParms();
        this.updated = now;
        this.used = now;
        // ___neigh_create(): a new entry counts as confirmed 2 * base_reachable_time ago
        this.confirmed = now - 2 * parms.baseReachableTime;
    }

    public NetDevice device() {
        return dev;
    }

    public Ipv4Address address() {
        return Ipv4Address.of(ip);
    }

    public int addressBits() {
        return ip;
    }

    public NudState state() {
        return NudState.of(state);
    }

    public int stateBits() {
        return state;
    }

    /** The cached link-layer address (meaningful when the state is valid or was). */
    public MacAddress lladdr() {
        return MacAddress.of(lladdr);
    }

    public long lladdrBits() {
        return lladdr;
    }

    public boolean hasLladdr() {
        return (state & NudState.VALID) != 0;
    }

    public long confirmed() {
        return confirmed;
    }

    public long updated() {
        return updated;
    }

    public long used() {
        return used;
    }

    public int probes() {
        return probes;
    }

    public boolean isRouter() {
        return (flags & NeighbourTable.NTF_ROUTER) != 0;
    }

    public boolean isExternLearned() {
        return (flags & NeighbourTable.NTF_EXT_LEARNED) != 0;
    }

    public int protocol() {
        return protocol;
    }

    /** References beyond the table's own, as {@code ip -s neigh} shows "ref N": here, the pending timer. */
    public int refs() {
        return armed() ? 1 : 0;
    }

    public int queuedPackets() {
        return arpQueue == null ? 0 : arpQueue.size();
    }

    public int queuedBytes() {
        return arpQueueBytes;
    }

    @Override
    public String toString() {
        return address() + " dev " + dev.name + " " + state().label;
    }
}
