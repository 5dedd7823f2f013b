package io.arplab.device;

import io.arplab.wire.MacAddress;

/** One forwarding database entry of a Linux bridge (struct net_bridge_fdb_entry). */
public final class FdbEntry {
    final long mac;
    final int vid;
    int port;
    long updated;
    long used;
    /** BR_FDB_LOCAL: an address of the bridge or of a port; frames to it go up to the host. */
    final boolean local;
    /** BR_FDB_STATIC: added by the user as static/permanent; never ages. */
    final boolean isStatic;
    /** Creation order, for dumps (newest first, as the kernel's fdb_list). */
    final long order;
    /** BR_FDB_DYNAMIC_LEARNED: counted in fdb_n_learned; on the bridge's ageing list, oldest update first. */
    boolean learned;
    /** On the bridge's ageing list (neither local nor static). */
    boolean ageing;
    FdbEntry ageingPrev;
    FdbEntry ageingNext;

    FdbEntry(long mac, int vid, int port, long now, boolean local, boolean isStatic, long order) {
        this.mac = mac;
        this.vid = vid;
        this.port = port;
        this.updated = now;
        this.used = now;
        this.local = local;
        this.isStatic = isStatic;
        this.order = order;
    }

    public MacAddress mac() {
        return MacAddress.of(mac);
    }

    public int vid() {
        return vid;
    }

    public int port() {
        return port;
    }

    public long updated() {
        return updated;
    }

    public long used() {
        return used;
    }

    public boolean isLocal() {
        return local;
    }

    public boolean isStatic() {
        return isStatic;
    }

    public boolean isPermanent() {
        return local || isStatic;
    }
}
