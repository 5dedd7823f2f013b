package io.arplab.stack;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** A routing table (main, or HostStack.newTable's): longest prefix match, then lowest metric (fib_table_lookup). */
public final class RouteTable {
    private static final Route[] NONE = new Route[0];
    /** In dump order, exactly as long as the table (a host holds two or three routes, and idle hosts are many). */
    private Route[] routes = NONE;

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
        insert(r);
    }

    private void insert(Route r) {
        Route[] a = Arrays.copyOf(routes, routes.length + 1);
        a[routes.length] = r;
        Arrays.sort(a, DUMP_ORDER); // stable, as List.sort was
        routes = a;
    }

    /**
     * The kernel's own routes (fib_magic(): NLM_F_CREATE | NLM_F_APPEND): after those with the same prefix and
     * metric, which may go through other devices; only an identical route is refused (EEXIST).
     */
    public void append(Route r) {
        if (Arrays.asList(routes).contains(r)) {
            throw new IllegalArgumentException("route " + r.destinationText() + " already exists (RTNETLINK answers: File exists)");
        }
        insert(r);
    }

    public void removeIf(java.util.function.Predicate<Route> which) {
        int n = 0;
        Route[] kept = new Route[routes.length];
        for (Route x : routes) {
            if (!which.test(x)) {
                kept[n++] = x;
            }
        }
        if (n != routes.length) {
            routes = n == 0 ? NONE : Arrays.copyOf(kept, n);
        }
    }

    /** Removes the first route equal to {@code r}. */
    public boolean remove(Route r) {
        for (int i = 0; i < routes.length; i++) {
            if (routes[i].equals(r)) {
                Route[] a = new Route[routes.length - 1];
                System.arraycopy(routes, 0, a, 0, i);
                System.arraycopy(routes, i + 1, a, i, a.length - i);
                routes = a.length == 0 ? NONE : a;
                return true;
            }
        }
        return false;
    }

    /** Drops every route through a device (its addresses went away or it went down). */
    public void removeDevice(NetDevice dev) {
        removeIf(r -> r.device() == dev);
    }

    /** Routes in {@code ip route show} order: a snapshot, unmodifiable. */
    public List<Route> routes() {
        return List.of(routes);
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

    /**
     * The best route of link or host scope to {@code address}: fib_table_lookup() under flowi4_scope RT_SCOPE_LINK
     * (SO_DONTROUTE, MSG_DONTROUTE) skips the routes of a wider scope, such as those through a gateway; null when none.
     */
    public Route lookupOnLink(int address) {
        Route best = null;
        for (Route r : routes) {
            boolean scoped = "link".equals(r.scope()) || "host".equals(r.scope());
            if (scoped && r.matches(address) && (r.device() == null || r.device().isUp())
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
