package io.arplab.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * arpwatch 2.1a15's station database (db.c): per IPv4 address the Ethernet addresses seen, newest first, each with
 * its last time, short host name and interface; ent_add() decides what a sighting means. The table is hashed on the
 * address's first two octets (ainfo_table[a & (HASHSIZE - 1)] of the address in network order on a little-endian
 * machine) with collisions chained in arrival order, which is the order ent_loop() dumps it in. At most
 * {@link #MAX_ADDRESSES} addresses are kept (arplab's bound; the real one grows without limit).
 */
final class ArpwatchDb {
    static final int MAX_ADDRESSES = 65_536;
    static final long NEWACTIVITY_DELTA = 6 * 30 * 24 * 60 * 60L, FLIPFLOP_DELTA = 24 * 60 * 60L;

    /** An einfo: an Ethernet address, its last time, short host name ("" for none) and interface. */
    static final class Einfo {
        final long e;
        long t;
        String h;
        final String i;

        Einfo(long e, long t, String h, String i) {
            this.e = e;
            this.t = t;
            this.h = h;
            this.i = i;
        }
    }

    /** What ent_add() tells its caller: a report (old address or null, previous time or -1) or a log line. */
    interface Events {
        void report(String title, int a, long e, Long e2, long t, Long t2);

        void log(String what, int a, long e, long e2);
    }

    private final TreeMap<Integer, Map<Integer, List<Einfo>>> buckets = new TreeMap<>();
    private int size;

    private static int bucket(int a) {
        return (a >>> 24 & 0xff) | (a >>> 8 & 0xff00); // the first octet low, the second above it
    }

    private List<Einfo> list(int a, boolean create) {
        Map<Integer, List<Einfo>> chain = buckets.get(bucket(a));
        List<Einfo> l = chain == null ? null : chain.get(a);
        if (l == null && create && size < MAX_ADDRESSES) {
            l = new ArrayList<>(2);
            buckets.computeIfAbsent(bucket(a), k -> new LinkedHashMap<>()).put(a, l);
            size++;
        }
        return l;
    }

    /** What ent_add() reports while the data file is read (initializing: no report, no log). */
    static final Events SILENT = new Events() {
        @Override
        public void report(String title, int a, long e, Long e2, long t, Long t2) {}

        @Override
        public void log(String what, int a, long e, long e2) {}
    };

    /** sorteinfo(): each address's list newest first (qsort() of cmpeinfo(); equal times keep no promised order). */
    void sort() {
        for (Map<Integer, List<Einfo>> chain : buckets.values()) {
            for (List<Einfo> l : chain.values()) {
                l.sort((x, y) -> Long.compare(y.t, x.t));
            }
        }
    }

    /** ent_add(): address {@code a} seen with Ethernet address {@code e} at {@code t}; {@code h} its short name. */
    void add(int a, long e, long t, String h, String i, Events ev) {
        if (a == 0) {
            return;
        }
        List<Einfo> l = list(a, true);
        if (l == null) {
            return; // the table is full
        }
        if (!l.isEmpty() && l.get(0).e == e) { // the usual case
            Einfo ep = l.get(0);
            if (t - ep.t > NEWACTIVITY_DELTA) {
                ev.report("new activity", a, e, null, t, ep.t);
            }
            ep.t = t;
            return;
        }
        if (l.isEmpty()) {
            l.add(new Einfo(e, t, h, i));
            ev.report("new station", a, e, null, t, null);
            return;
        }
        if (l.size() > 1 && l.get(1).e == e) { // a flip flop, suppressed within a day when DECnet is involved
            Einfo ep = l.get(1);
            Einfo head = l.get(0);
            if (t - head.t < FLIPFLOP_DELTA && (decnet(e) || decnet(head.e))) {
                ev.log("suppressed DECnet flip flop", a, e, head.e);
            } else {
                ev.report("flip flop", a, e, head.e, t, head.t);
            }
            l.set(1, head);
            l.set(0, ep);
            ep.t = t;
            return;
        }
        for (int k = 2; k < l.size(); k++) {
            if (l.get(k).e == e) { // an old entry comes to life
                Einfo ep = l.remove(k);
                ev.log("reused old ethernet address", a, e, l.get(0).e);
                l.add(0, ep);
                ep.t = t;
                return;
            }
        }
        Einfo head = l.get(0);
        ev.report("changed ethernet address", a, e, head.e, t, head.t);
        l.add(0, new Einfo(e, t, h, i));
    }

    // isdecnet(): a DECnet logical address, aa:00:04:00:xx:xx
    private static boolean decnet(long e) {
        return e >>> 16 == 0xaa00_0400L;
    }

    /** ent_loop(): every (address, einfo) in the table's order. */
    void forEach(java.util.function.BiConsumer<Integer, Einfo> fn) {
        for (Map<Integer, List<Einfo>> chain : buckets.values()) {
            for (Map.Entry<Integer, List<Einfo>> en : chain.entrySet()) {
                for (Einfo x : en.getValue()) {
                    fn.accept(en.getKey(), x);
                }
            }
        }
    }
}
