package io.arplab.device;

import io.arplab.wire.MacAddress;

/**
 * One forwarding database entry of a Linux bridge (struct net_bridge_fdb_entry). A local entry (every port's own
 * address, one a host on a big LAN) never changes, so it keeps no used time nor ageing links: those are
 * {@link Updatable}'s, the entries br_fdb_update() and forwarding refresh.
 */
public sealed class FdbEntry permits FdbEntry.Updatable {
    final long mac;
    final int vid;
    int port;
    long updated;
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

    private FdbEntry(long mac, int vid, int port, long now, boolean local, boolean isStatic, long order) {
        this.mac = mac;
        this.vid = vid;
        this.port = port;
        this.updated = now;
        this.local = local;
        this.isStatic = isStatic;
        this.order = order;
    }

    /** A new entry: a local one as it will stay, any other {@link Updatable}. */
    static FdbEntry of(long mac, int vid, int port, long now, boolean local, boolean isStatic, long order) {
        return local ? new FdbEntry(mac, vid, port, now, true, isStatic, order)
                : new Updatable(mac, vid, port, now, isStatic, order);
    }

    /** An entry that is not BR_FDB_LOCAL: learning moves and refreshes it, forwarding to it sets its used time. */
    static final class Updatable extends FdbEntry {
        long used;
        Updatable ageingPrev;
        Updatable ageingNext;

        private Updatable(long mac, int vid, int port, long now, boolean isStatic, long order) {
            super(mac, vid, port, now, false, isStatic, order);
            this.used = now;
        }

        @Override
        public long used() {
            return used;
        }
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
        return updated; // a local entry: never used since it was made
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
