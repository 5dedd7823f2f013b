package io.arplab.stack;

import java.util.SplittableRandom;

/**
 * Per-device neighbour parameters ({@code /proc/sys/net/ipv4/neigh/<dev>/*}, the kernel's struct neigh_parms),
 * in nanoseconds and counts, with the current randomised reachable_time.
 */
public final class NeighParams {
    public static final long MS = 1_000_000L;
    public static final long SECOND = 1_000_000_000L;

    public long baseReachableTime = 30 * SECOND;
    public long retransTime = SECOND;
    public long delayProbeTime = 5 * SECOND;
    public long gcStaleTime = 60 * SECOND;
    public long locktime = SECOND;
    public int mcastProbes = 3;
    public int ucastProbes = 3;
    public int appProbes = 0;
    public int mcastReprobes = 0;
    public int queueLenBytes = 212_992;
    public int proxyQlen = 64;
    public long proxyDelay = 800 * MS;
    public long anycastDelay = SECOND;
    public long intervalProbeTime = 5 * SECOND;

    /** The reachable time in force, drawn from [base/2, 3*base/2) (neigh_rand_reach_time). */
    public long reachableTime;

    public static NeighParams linuxDefaults() {
        return new NeighParams();
    }

    public NeighParams copy() {
        NeighParams p = new NeighParams();
        p.baseReachableTime = baseReachableTime;
        p.retransTime = retransTime;
        p.delayProbeTime = delayProbeTime;
        p.gcStaleTime = gcStaleTime;
        p.locktime = locktime;
        p.mcastProbes = mcastProbes;
        p.ucastProbes = ucastProbes;
        p.appProbes = appProbes;
        p.mcastReprobes = mcastReprobes;
        p.queueLenBytes = queueLenBytes;
        p.proxyQlen = proxyQlen;
        p.proxyDelay = proxyDelay;
        p.anycastDelay = anycastDelay;
        p.intervalProbeTime = intervalProbeTime;
        p.reachableTime = reachableTime;
        return p;
    }

    /**
     * neigh_rand_reach_time(): uniform in [base/2, 3*base/2), drawn in milliseconds (the kernel draws jiffies; a
     * millisecond grain keeps {@code ip ntable}'s "reachable" figure exact).
     */
    public void randomiseReachableTime(SplittableRandom random) {
        long baseMs = baseReachableTime / MS;
        reachableTime = baseMs == 0 ? 0 : (random.nextLong(baseMs) + (baseMs >> 1)) * MS;
    }

    /** unres_qlen as the kernel derives it from unres_qlen_bytes: bytes / SKB_TRUESIZE(ETH_FRAME_LEN). */
    public int unresQlen() {
        return queueLenBytes / SkbTruesize.ETH_FRAME;
    }

    /** Sets a sysctl by its /proc name (base_reachable_time_ms, retrans_time_ms, delay_first_probe_time ...). */
    public void set(String name, long value) {
        switch (name) {
            case "base_reachable_time_ms" -> baseReachableTime = value * MS;
            case "base_reachable_time" -> baseReachableTime = value * SECOND;
            case "retrans_time_ms" -> retransTime = value * MS;
            case "retrans_time" -> retransTime = value * 10 * MS; // USER_HZ
            case "delay_first_probe_time" -> delayProbeTime = value * SECOND;
            case "gc_stale_time" -> gcStaleTime = value * SECOND;
            case "locktime" -> locktime = value * 10 * MS; // USER_HZ
            case "mcast_solicit" -> mcastProbes = (int) value;
            case "ucast_solicit" -> ucastProbes = (int) value;
            case "app_solicit" -> appProbes = (int) value;
            case "mcast_resolicit" -> mcastReprobes = (int) value;
            case "unres_qlen_bytes" -> queueLenBytes = (int) value;
            case "unres_qlen" -> queueLenBytes = (int) value * SkbTruesize.ETH_FRAME;
            case "proxy_qlen" -> proxyQlen = (int) value;
            case "proxy_delay" -> proxyDelay = value * 10 * MS;
            case "anycast_delay" -> anycastDelay = value * 10 * MS;
            case "interval_probe_time_ms" -> intervalProbeTime = value * MS;
            default -> throw new IllegalArgumentException("unknown neighbour sysctl '" + name + "'");
        }
        if (value < 0) {
            throw new IllegalArgumentException("neighbour sysctl '" + name + "' must not be negative: " + value);
        }
    }
}
