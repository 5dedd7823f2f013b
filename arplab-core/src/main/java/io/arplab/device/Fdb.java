package io.arplab.device;

import io.arplab.wire.MacAddress;
import java.util.List;

/** A learning switch's forwarding database (net/bridge/br_fdb.c), as {@code bridge fdb} and rtnetlink see it. */
public interface Fdb {
    /** Receives the RTM_NEWNEIGH / RTM_DELNEIGH (AF_BRIDGE) notifications of fdb changes (fdb_notify). */
    interface Listener {
        void fdbEvent(long now, FdbEntry e, boolean deleted);
    }

    /** Entries in the kernel's dump order: newest first. */
    List<FdbEntry> entries();

    FdbEntry lookup(MacAddress mac, int vid);

    /** bridge fdb add|replace MAC dev PORT master [static|permanent] (fdb_add_entry). */
    default FdbEntry addUser(MacAddress mac, int port, long now, boolean local) {
        return addUser(mac, port, now, local, true);
    }

    /**
     * bridge fdb add|replace MAC dev PORT master [static|permanent|dynamic] (fdb_add_entry): NUD_PERMANENT makes a
     * local entry, NUD_NOARP a static one; a dynamic one (NUD_REACHABLE alone) ages as a learned entry does.
     */
    FdbEntry addUser(MacAddress mac, int port, long now, boolean local, boolean isStatic);

    /** trace_br_fdb_add(): an add or replace reaching the bridge (its netlink and ndm flags), before any check. */
    default void traceAdd(long now, String dev, MacAddress mac, int vid, int nlhFlags, int ndmFlags) {
    }

    /** bridge fdb del: removes an entry, notifying at {@code now} (Long.MIN_VALUE: silently). */
    boolean delete(MacAddress mac, int vid, long now);

    /** bridge fdb flush: drops learned entries, notifying each deletion at {@code now}. */
    void flushLearned(long now);

    long ageingTime();

    /** fdb_n_learned: the entries the bridge learned itself. */
    default int learnedCount() {
        return 0;
    }

    /** fdb_max_learned (0: no limit). */
    default int maxLearned() {
        return 0;
    }

    /** IFLA_BR_FDB_MAX_LEARNED */
    default void setMaxLearned(int max) {
        throw new UnsupportedOperationException();
    }

    void setAgeingTime(long nanos);

    /** IFLA_BR_MCAST_SNOOPING: a Linux bridge snoops (and joins the all-snoopers groups) unless told not to. */
    default boolean mcastSnooping() {
        return true;
    }

    /** ip link set BRIDGE type bridge mcast_snooping 0|1 (br_multicast_toggle()). */
    default void setMcastSnooping(boolean on) {
        throw new UnsupportedOperationException();
    }

    /** ip link set BRIDGE type bridge ageing_time: the new time, applied at {@code now}. */
    default void setAgeingTime(long nanos, long now) {
        setAgeingTime(nanos);
    }

    void addListener(Listener l);

    void removeListener(Listener l);
}
