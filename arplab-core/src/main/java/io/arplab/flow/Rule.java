package io.arplab.flow;

import java.util.List;

/** An installed flow (OVS's struct rule): what a table holds, with its counters and times (virtual ns). */
public final class Rule {
    // what a translation reads and counts first, so that they share the object's first cache line
    long packets, bytes, used;
    public final int table;
    public final int priority;
    /** As the switch decoded them from the flow_mod (see {@link ActionFormat#roundTrip}); set by {@link #actions(List)}. */
    List<Action> actions;
    /** Whether the actions make the rule a conjunctive flow (a soft match), known before they are read. */
    boolean soft;
    /** The next rule in its subtable's slot (struct cls_match's list: the same hash of its masked fields). */
    Rule clsNext;
    public final Match match;
    long cookie;
    int idleTimeout, hardTimeout, importance, flags;
    final long created;
    long modified;
    final long seq;

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

    void actions(List<Action> actions) {
        this.actions = actions;
        this.soft = Action.Conjunction.in(actions);
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

    /** rule_dpif_credit_stats(): a revalidator's push of a megaflow's packets, the last used at {@code lastUsed}. */
    void credit(long n, long nBytes, long lastUsed) {
        packets += n;
        bytes += nBytes;
        used = Math.max(used, lastUsed);
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
