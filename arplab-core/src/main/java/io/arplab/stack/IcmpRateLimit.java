package io.arplab.stack;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

/**
 * ICMP error rate limiting as net/ipv4/icmp.c does it: a per-destination token bucket (inet_peer_xrlim_allow, one
 * message per icmp_ratelimit with a burst of 6) for the types in icmp_ratemask, after the netns's bucket
 * (icmp_global_allow: icmp_msgs_per_sec with icmp_msgs_burst).
 */
final class IcmpRateLimit {
    private static final int BURST_FACTOR = 6;
    /** inet_getpeer(): a new peer's rate_last lies 60 s (in jiffies) in the past. */
    private static final long PEER_FRESH_TOKENS = 60L * Jiffies.HZ;
    private static final int MAX_PEERS = 4096;

    long ratelimit = NeighParams.SECOND;
    int ratemask = 6168;
    int msgsPerSec = 1000;
    int msgsBurst = 50;

    private final Int2ObjectOpenHashMap<long[]> peers = new Int2ObjectOpenHashMap<>();
    /** The netns's icmp_global_credit and icmp_global_stamp: zero at its creation, a refill long due. */
    private long globalCredit;
    private long globalStamp = Long.MIN_VALUE / 4;

    /**
     * Whether an error of {@code type}/{@code code} to {@code dst} may go out when jiffies read {@code now}
     * (__icmp_send() as of 6.11): the netns bucket is asked first if {@code global} (the packet was not on lo), then
     * {@code dst}'s bucket if {@code perPeer} (the error is not routed back through lo), and a sent error consumes
     * from the netns bucket (icmpv4_xrlim_allow()). Without the netns bucket no bucket applies.
     */
    boolean allow(long now, int dst, int type, int code, boolean global, boolean perPeer) {
        if (type > 18 || (ratemask & (1 << type)) == 0) {
            return true;
        }
        if (type == 3 && code == 4) {
            return true; // fragmentation needed: never limited
        }
        if (!global) {
            return true;
        }
        if (!globalAllow(now)) {
            return false;
        }
        if (perPeer) {
            long[] peer = peer(now, dst);
            // inet_peer_xrlim_allow(): tokens are jiffies, icmp_ratelimit too
            long timeout = TimerWheel.toJiffies(ratelimit);
            long token = peer[TOKENS] + (now - peer[RATE_LAST]);
            if (token > BURST_FACTOR * timeout) {
                token = BURST_FACTOR * timeout;
            }
            boolean ok = false;
            if (token >= timeout) {
                token -= timeout;
                ok = true;
            }
            peer[TOKENS] = token;
            peer[RATE_LAST] = now;
            if (!ok) {
                return false;
            }
        }
        globalCredit -= 1; // icmp_global_consume(): a random 0 to 2 credits; their mean is taken
        return true;
    }

    /** The inet_peer of {@code addr}: rate_tokens, rate_last, n_redirects (one for ICMP errors and redirects). */
    private static final int TOKENS = 0;
    private static final int RATE_LAST = 1;
    private static final int N_REDIRECTS = 2;

    /** inet_getpeer(): a new peer has no tokens and its rate_last 60 s in the past, so its first bucket is full. */
    private long[] peer(long now, int addr) {
        long[] peer = peers.get(addr);
        if (peer == null) {
            if (peers.size() >= MAX_PEERS) {
                peers.clear(); // inet_peer's pool is bounded too; forgetting old peers only grants fresh bursts
            }
            peer = new long[] {0, now - PEER_FRESH_TOKENS, 0};
            peers.put(addr, peer);
        }
        return peer;
    }

    // ip_error(): ip_rt_error_cost (HZ) and ip_rt_error_burst (5 * HZ)
    private static final long ERROR_COST = Jiffies.HZ;
    private static final long ERROR_BURST = 5L * Jiffies.HZ;

    /**
     * ip_error(): whether a packet from {@code src} that has no route may be answered when jiffies read {@code now},
     * from a bucket on the same inet_peer as the ICMP errors' (which icmp_send() then consults too).
     */
    boolean routeErrorAllowed(long now, int src) {
        long[] p = peer(now, src);
        p[TOKENS] = Math.min(p[TOKENS] + (now - p[RATE_LAST]), ERROR_BURST);
        p[RATE_LAST] = now;
        if (p[TOKENS] < ERROR_COST) {
            return false;
        }
        p[TOKENS] -= ERROR_COST;
        return true;
    }

    // ip_rt_send_redirect(): ip_rt_redirect_number, ip_rt_redirect_load (HZ/50), ip_rt_redirect_silence
    private static final int REDIRECT_NUMBER = 9;
    private static final long REDIRECT_LOAD = Jiffies.HZ / 50;
    private static final long REDIRECT_SILENCE = REDIRECT_LOAD << (REDIRECT_NUMBER + 1);
    /**
     * Whether a redirect may go to {@code src} when jiffies read {@code now}: the first at once, then with
     * exponential backoff, at most 9. It works on the same inet_peer as the ICMP errors' bucket: a silence resets
     * its rate_tokens, and each redirect sent moves its rate_last.
     */
    boolean redirectAllowed(long now, int src) {
        long[] p = peer(now, src);
        if (now > p[RATE_LAST] + REDIRECT_SILENCE) {
            p[TOKENS] = 0; // no redirected packets for a while: start again
            p[N_REDIRECTS] = 0;
        }
        if (p[N_REDIRECTS] >= REDIRECT_NUMBER) {
            p[RATE_LAST] = now; // too many ignored: stay silent
            return false;
        }
        if (p[N_REDIRECTS] == 0 || now > p[RATE_LAST] + (REDIRECT_LOAD << p[N_REDIRECTS])) {
            p[RATE_LAST] = now;
            p[N_REDIRECTS]++;
            return true;
        }
        return false;
    }

    /**
     * icmp_global_allow() (per netns since 6.12): any credit left allows; an empty bucket is refilled, up to
     * icmp_msgs_burst, only once HZ/50 have passed since its last refill, so a burst in one jiffy gets one bucket.
     */
    private boolean globalAllow(long now) {
        if (globalCredit > 0) {
            return true;
        }
        long delta = Math.min(now - globalStamp, Jiffies.HZ);
        if (delta < Jiffies.HZ / 50) {
            return false;
        }
        long incr = (long) msgsPerSec * delta / Jiffies.HZ;
        if (incr == 0) {
            return false;
        }
        globalStamp = now;
        globalCredit = Math.min(globalCredit + incr, msgsBurst);
        return true;
    }
}
