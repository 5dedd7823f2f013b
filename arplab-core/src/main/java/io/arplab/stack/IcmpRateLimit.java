package io.arplab.stack;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

/**
 * ICMP error rate limiting as net/ipv4/icmp.c does it: a per-destination token bucket (inet_peer_xrlim_allow, one
 * message per icmp_ratelimit with a burst of 6) for the types in icmp_ratemask, after a host-wide bucket
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
    private long globalCredit = -1;
    private long globalStamp;

    /** Whether an error of {@code type}/{@code code} to {@code dst} may go out when jiffies read {@code now}. */
    boolean allow(long now, int dst, int type, int code) {
        if (type > 18 || (ratemask & (1 << type)) == 0) {
            return true;
        }
        if (type == 3 && code == 4) {
            return true; // fragmentation needed: never limited
        }
        if (!globalAllow(now)) {
            return false;
        }
        long[] peer = peers.get(dst);
        if (peer == null) {
            if (peers.size() >= MAX_PEERS) {
                peers.clear(); // inet_peer's pool is bounded too; forgetting old peers only grants fresh bursts
            }
            peer = new long[] {0, now - PEER_FRESH_TOKENS};
            peers.put(dst, peer);
        }
        // inet_peer_xrlim_allow(): tokens are jiffies, icmp_ratelimit too
        long timeout = TimerWheel.toJiffies(ratelimit);
        long token = peer[0] + (now - peer[1]);
        if (token > BURST_FACTOR * timeout) {
            token = BURST_FACTOR * timeout;
        }
        boolean ok = false;
        if (token >= timeout) {
            token -= timeout;
            ok = true;
        }
        peer[0] = token;
        peer[1] = now;
        return ok;
    }

    // ip_rt_send_redirect(): ip_rt_redirect_number, ip_rt_redirect_load (HZ/50), ip_rt_redirect_silence
    private static final int REDIRECT_NUMBER = 9;
    private static final long REDIRECT_LOAD = Jiffies.HZ / 50;
    private static final long REDIRECT_SILENCE = REDIRECT_LOAD << (REDIRECT_NUMBER + 1);
    /** Per source: {rate_last, n_redirects}, as the kernel keeps them in its inet_peer. */
    private Int2ObjectOpenHashMap<long[]> redirectPeers;

    /** Whether a redirect may go to {@code src} when jiffies read {@code now}: the first at once, then with exponential backoff, at most 9. */
    boolean redirectAllowed(long now, int src) {
        if (redirectPeers == null) {
            redirectPeers = new Int2ObjectOpenHashMap<>();
        }
        long[] p = redirectPeers.get(src);
        if (p == null) {
            if (redirectPeers.size() >= MAX_PEERS) {
                redirectPeers.clear();
            }
            p = new long[] {now - PEER_FRESH_TOKENS, 0};
            redirectPeers.put(src, p);
        }
        if (now > p[0] + REDIRECT_SILENCE) {
            p[1] = 0; // no redirected packets for a while: start again
        }
        if (p[1] >= REDIRECT_NUMBER) {
            p[0] = now; // too many ignored: stay silent
            return false;
        }
        if (p[1] == 0 || now > p[0] + (REDIRECT_LOAD << p[1])) {
            p[0] = now;
            p[1]++;
            return true;
        }
        return false;
    }

    private boolean globalAllow(long now) {
        if (globalCredit < 0) {
            globalCredit = msgsBurst;
            globalStamp = now;
        }
        // icmp_global_allow(): jiffies since the last refill, at most HZ, counted from HZ/50 on
        long delta = Math.min(now - globalStamp, Jiffies.HZ);
        if (delta >= Jiffies.HZ / 50) {
            long incr = (long) msgsPerSec * delta / Jiffies.HZ;
            if (incr > 0) {
                globalCredit = Math.min(globalCredit + incr, msgsBurst);
                globalStamp = now;
            }
        }
        if (globalCredit > 0) {
            globalCredit--;
            return true;
        }
        return false;
    }
}
