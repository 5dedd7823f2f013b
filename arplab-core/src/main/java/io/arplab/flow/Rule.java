package io.arplab.flow;

import java.util.List;

/** An installed flow (OVS's struct rule): what a table holds, with its counters and times (virtual ns). */
public final class Rule {
    public final int table;
    public final int priority;
    public final Match match;
    long cookie;
    int idleTimeout, hardTimeout, importance, flags;
    /** As the switch decoded them from the flow_mod (see {@link ActionFormat#roundTrip}). */
    List<Action> actions;
    final long created;
    long modified, used;
    long packets, bytes;
    final long seq;
    // its place in its subtable (struct cls_match): the hash and first values of its masked fields, the next rule
    // with the same hash
    long clsHash, k0, k1, k2;
    long[] kMore;
    Rule clsNext;

    Rule(int table, int priority, Match match, long seq, long now) {
        this.table = table;
        this.priority = priority;
        this.match = match;
        this.seq = seq;
        this.created = now;
        this.modified = now;
        this.used = now;
    }

    public long cookie() {
        return cookie;
    }

    public List<Action> actions() {
        return actions;
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    public int idleTimeout() {
        return idleTimeout;
    }

    public int hardTimeout() {
        return hardTimeout;
    }

    /** A packet of {@code len} bytes went through this rule at {@code now}. */
    public void hit(long now, int len) {
        packets++;
        bytes += len;
        used = now;
    }

    /** When the rule expires by its timeouts, or Long.MAX_VALUE. */
    public long expiry() {
        long t = Long.MAX_VALUE;
        if (idleTimeout > 0) {
            t = Math.min(t, used + idleTimeout * 1_000_000_000L);
        }
        if (hardTimeout > 0) {
            t = Math.min(t, modified + hardTimeout * 1_000_000_000L);
        }
        return t;
    }
}
