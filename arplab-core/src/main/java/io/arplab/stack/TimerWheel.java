package io.arplab.stack;

import java.util.SplittableRandom;

/**
 * The kernel's clock as its timers see it: jiffies at HZ=250 and the timer wheel's rounding (kernel/time/timer.c).
 * A timer armed for {@code expires} jiffies goes into a bucket of the level its distance selects, and the bucket's
 * expiry is {@code expires} rounded up past the level's granularity (LVL_GRAN: 1, 8, 64, 512 ... jiffies), so a 1 s
 * timer fires up to 32 ms late and a 5 s one up to 256 ms late; it fires on the tick of that jiffy. Where jiffies
 * stand relative to the run's clock (the machine's uptime and the phase of its tick) is drawn once per kernel, so the
 * same seed gives the same rounding. Sans-I/O: it computes instants, the runtime fires at them.
 */
public final class TimerWheel {
    public static final int HZ = Jiffies.HZ;
    /** One jiffy in nanoseconds (TICK_NSEC). */
    public static final long TICK = 1_000_000_000L / HZ;
    private static final int LVL_CLK_SHIFT = 3;
    private static final int LVL_BITS = 6;
    private static final int LVL_SIZE = 1 << LVL_BITS;
    /** LVL_DEPTH: 9 levels when HZ > 100. */
    private static final int LVL_DEPTH = 9;
    private static final long WHEEL_TIMEOUT_CUTOFF = lvlStart(LVL_DEPTH);
    private static final long WHEEL_TIMEOUT_MAX = WHEEL_TIMEOUT_CUTOFF - lvlGran(LVL_DEPTH - 1);
    /**
     * Kernel callbacks run this long after their tick: expire_timers() runs a bucket newest first, so a task whose
     * timeout shares a bucket with the neighbour timer its own send armed (armed before it) is woken first and runs
     * on another CPU while the softirq goes on; its next system call reaches the stack after the tick's callbacks
     * (refdata/local/failed_resolution: ping's fourth probe finds the entry FAILED and restarts resolution).
     */
    public static final long SOFTIRQ_LAG = 1_000;
    /**
     * How long after its tick a task woken by a timer makes its first system call: after that tick's softirq has run
     * the kernel timers of the bucket and carried what they sent (a router's Host Unreachable) across the veths
     * (refdata/local/timeline/failed; a routed resolution's errors reach ping before its next probe leaves).
     */
    public static final long TASK_WAKE = 50_000;

    /** No wheel: timers fire at their nominal instant (unit tests of a state machine with a manual clock). */
    public static final TimerWheel NOMINAL = new TimerWheel(Jiffies.INITIAL, 0, false, false);

    /** The jiffies at time 0; for a {@link #perMachine} plan, the lab's seed its machines' clocks are drawn from. */
    private final long originJiffies;
    private final long phase;
    private final boolean rounding;
    private final boolean plan;

    private TimerWheel(long originJiffies, long phase, boolean rounding, boolean plan) {
        this.originJiffies = originJiffies;
        this.phase = phase;
        this.rounding = rounding;
        this.plan = plan;
    }

    /** A kernel whose jiffies read {@code originJiffies} at time 0, {@code phase} ns after that jiffy's tick. */
    public static TimerWheel of(long originJiffies, long phase) {
        if (phase < 0 || phase >= TICK) {
            throw new IllegalArgumentException("phase " + phase + " outside one jiffy");
        }
        return new TimerWheel(originJiffies, phase, true, false);
    }

    /**
     * A kernel booted at a random point (jiffies start at INITIAL_JIFFIES; the run starts one minute to a day later,
     * at a random phase of the tick), drawn from {@code seed} alone.
     */
    public static TimerWheel forSeed(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x6a09e667f3bcc909L);
        long uptime = 60L * HZ + r.nextLong(86_400L * HZ);
        return of(Jiffies.INITIAL + uptime, r.nextLong(TICK));
    }

    /**
     * Not a clock but the plan of a lab whose machines each booted on their own: machine NAME's clock is
     * {@code forSeed(seed ^ 0x9e3779b97f4a7c15 * (NAME.hashCode() | 1))} (so a machine keeps its clock when others are
     * added), made by {@link #forMachine} when the machine first needs it (an idle one never does).
     */
    public static TimerWheel perMachine(long seed) {
        return new TimerWheel(seed, 0, false, true);
    }

    /** Whether this is a {@link #perMachine} plan rather than a clock. */
    public boolean isPlan() {
        return plan;
    }

    /** The clock of machine {@code name} under this {@link #perMachine} plan. */
    public TimerWheel forMachine(String name) {
        if (!plan) {
            throw new IllegalStateException("not a per-machine plan");
        }
        return forSeed(originJiffies ^ 0x9e3779b97f4a7c15L * (name.hashCode() | 1L));
    }

    /** Whether timers are rounded as the wheel rounds them (false for {@link #NOMINAL}). */
    public boolean rounding() {
        return rounding;
    }

    /** The value of jiffies at {@code now}. */
    public long jiffies(long now) {
        return originJiffies + Math.floorDiv(now + phase, TICK);
    }

    /** CLOCK_MONOTONIC at {@code now}: the time since boot, where jiffies read INITIAL_JIFFIES. */
    public long monotonic(long now) {
        return (originJiffies - Jiffies.INITIAL) * TICK + phase + now;
    }

    /** The instant of the tick that makes jiffies read {@code j}. */
    public long tickTime(long j) {
        return (j - originJiffies) * TICK - phase;
    }

    /** Nanoseconds to jiffies, rounded up (msecs_to_jiffies(), the sysctl handlers). */
    public static long toJiffies(long nanos) {
        return nanos <= 0 ? 0 : (nanos + TICK - 1) / TICK;
    }

    /**
     * When a timer armed at {@code now} with mod_timer(timer, jiffies + delay) fires, {@code delay} being
     * {@code when - now} in jiffies (rounded up): the tick of its bucket's expiry.
     */
    public long expiry(long now, long when) {
        if (!rounding) {
            return Math.max(when, now);
        }
        long j = jiffies(now);
        return tickTime(bucketExpiry(j + toJiffies(when - now), j + 1)) + SOFTIRQ_LAG;
    }

    /** When schedule_timeout({@code timeout} jiffies) called at {@code now} wakes its task: the bucket's tick. */
    public long scheduleTimeout(long now, long timeout) {
        if (!rounding) {
            return now + timeout * TICK;
        }
        long j = jiffies(now);
        return tickTime(bucketExpiry(j + timeout, j + 1));
    }

    /**
     * calc_wheel_index(): the jiffy at which the bucket a timer due at {@code expires} lands in is run, the wheel's
     * clock being at {@code clk} (the next jiffy to process).
     */
    public static long bucketExpiry(long expires, long clk) {
        long delta = expires - clk;
        if (delta < 0) {
            return clk;
        }
        int lvl = 0;
        while (lvl < LVL_DEPTH - 1 && delta >= lvlStart(lvl + 1)) {
            lvl++;
        }
        if (lvl == LVL_DEPTH - 1 && delta >= WHEEL_TIMEOUT_CUTOFF) {
            expires = clk + WHEEL_TIMEOUT_MAX;
        }
        // calc_index(): round up past the level's granularity so that the timer never fires early
        int shift = lvl * LVL_CLK_SHIFT;
        return ((expires >> shift) + 1) << shift;
    }

    /** LVL_START(n): the smallest distance that goes to level n. */
    private static long lvlStart(int n) {
        return (long) (LVL_SIZE - 1) << ((n - 1) * LVL_CLK_SHIFT);
    }

    private static long lvlGran(int n) {
        return 1L << (n * LVL_CLK_SHIFT);
    }
}
