package io.arplab.stack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** The main routing table: longest prefix match, then lowest metric (fib_table_lookup). */
public final class RouteTable {
    private final List<Route> routes = new ArrayList<>(2);

    private static final Comparator<Route> DUMP_ORDER = Comparator
            .comparingLong((Route r) -> r.destination().bits() & 0xffff_ffffL)
            .thenComparingInt((Route r) -> -r.prefixLength()) // a trie leaf lists longer prefixes first
            .thenComparingInt(Route::metric);

    /** Adds a route; a route with the same destination, prefix and metric already present is an error (EEXIST). */
    public void add(Route r) {
        for (Route x : routes) {
            if (x.prefixLength() == r.prefixLength() && x.destination().equals(r.destination())
                    && x.metric() == r.metric()) {
                throw new IllegalArgumentException("route " + r.destinationText() + " already exists (RTNETLINK answers: File exists)");
            }
        }
        routes.add(r);
        routes.sort(DUMP_ORDER);
    }

    /**
     * The kernel's own routes (fib_magic(): NLM_F_CREATE | NLM_F_APPEND): after those with the same prefix and
     * metric, which may go through other devices; only an identical route is refused (EEXIST).
     */
    public void append(Route r) {
        if (routes.contains(r)) {
            throw new IllegalArgumentException("route " + r.destinationText() + " already exists (RTNETLINK answers: File exists)");
        }
        routes.add(r);
        routes.sort(DUMP_ORDER);
    }

    public void removeIf(java.util.function.Predicate<Route> which) {
        routes.removeIf(which);
    }

    public boolean remove(Route r) {
        return routes.remove(r);
    }

    /** Drops every route through a device (its addresses went away or it went down). */
    public void removeDevice(NetDevice dev) {
        routes.removeIf(r -> r.device() == dev);
    }

    /** Routes in {@code ip route show} order. */
    public List<Route> routes() {
        return Collections.unmodifiableList(routes);
    }

    /** The best route to {@code address}, or null (ENETUNREACH). */
    public Route lookup(int address) {
        Route best = null;
        for (Route r : routes) {
            if (r.matches(address) && (r.device() == null || r.device().isUp())
                    && (best == null || r.prefixLength() > best.prefixLength()
                        || r.prefixLength() == best.prefixLength() && r.metric() < best.metric())) {
                best = r;
            }
        }
        return best;
    }

    /** The best route to {@code address} through {@code dev} only (SO_BINDTODEVICE / ping -I). */
    public Route lookup(int address, NetDevice dev) {
        Route best = null;
        for (Route r : routes) {
            if (r.device() == dev && r.matches(address)
                    && (best == null || r.prefixLength() > best.prefixLength()
                        || r.prefixLength() == best.prefixLength() && r.metric() < best.metric())) {
                best = r;
            }
        }
        return best;
    }
}
