package io.arplab.flow;

import java.util.HashMap;
import java.util.Map;

/**
 * A bridge's OpenFlow port numbers (ofproto/ofproto.c): alloc_ofp_port() and dealloc_ofp_port() over
 * ofproto->ofport_usage, when each number was last in use.
 */
final class OfportUsage {
    /** alloc_ofp_port()'s state: the last number it handed out, and when each number was last in use. */
    private int allocPortNo;
    private final Map<Long, Long> usage = new HashMap<>();

    /**
     * OpenFlow port {@code request} (ofport_request) unless a port has it, else the number alloc_ofp_port() hands
     * out at {@code clock}: the next after the last one it gave, skipping numbers in use or freed less than an hour
     * ago (the least recently freed when all are); -1: no request. The number is then in use.
     */
    long alloc(long request, long clock, String bridge) {
        long ofport = request;
        if (ofport < 1 || ofport >= Ports.MAX || usage.getOrDefault(ofport, 0L) == Long.MAX_VALUE) {
            ofport = -1;
            long lru = Long.MAX_VALUE;
            int end = allocPortNo;
            while (ofport < 0) {
                if (++allocPortNo >= 32768) {
                    allocPortNo = 1;
                }
                long used = usage.getOrDefault((long) allocPortNo, 0L);
                if (used == 0 || used < clock - 3_600_000_000_000L) {
                    ofport = allocPortNo;
                } else if (used < lru) {
                    lru = used;
                }
                if (ofport < 0 && allocPortNo == end) {
                    ofport = lruPort(lru, bridge);
                }
            }
        }
        usage.put(ofport, Long.MAX_VALUE);
        return ofport;
    }

    private long lruPort(long lru, String bridge) {
        for (Map.Entry<Long, Long> e : usage.entrySet()) {
            if (e.getValue() == lru) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("no OpenFlow port free on " + bridge);
    }

    /** dealloc_ofp_port(): {@code ofport} freed at {@code now}. */
    void free(long ofport, long now) {
        usage.put(ofport, Math.max(now, 1));
    }

    /** A new ofproto's (ofproto_create()): alloc_ofp_port() starts over with no number freed. */
    void clear() {
        allocPortNo = 0;
        usage.clear();
    }
}
