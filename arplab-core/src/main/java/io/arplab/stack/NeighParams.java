package io.arplab.stack;


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
    /**
     * p->data_state: a bit per field written through this parms' own sysctl (neigh_proc_update), which a later
     * neigh.default write then leaves alone (neigh_copy_dflt_parms).
     */
    int dataState;

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
        // neigh_parms_alloc(): a copy of tbl->parms with neigh_parms_data_state_cleanall()
        return p;
    }

    /**
     * neigh_rand_reach_time(): uniform in [base/2, 3*base/2), drawn in milliseconds (the kernel draws jiffies; a
     * millisecond grain keeps {@code ip ntable}'s "reachable" figure exact).
     */
    public void randomiseReachableTime(SeededRandom random) {
        long baseMs = baseReachableTime / MS;
        if (baseMs < 0) {
            // the kernel's base is an unsigned long: a negative one is practically forever
            reachableTime = Long.MAX_VALUE / 4;
            return;
        }
        reachableTime = baseMs == 0 ? 0 : (random.nextLong(baseMs) + (baseMs >> 1)) * MS;
    }

    /** unres_qlen as the kernel derives it from unres_qlen_bytes: bytes / SKB_TRUESIZE(ETH_FRAME_LEN). */
    public int unresQlen() {
        return queueLenBytes / SkbTruesize.ETH_FRAME;
    }
}
