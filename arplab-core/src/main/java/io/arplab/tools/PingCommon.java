package io.arplab.tools;

import io.arplab.wire.libc.CLib;
import io.arplab.runtime.Timer;
import io.arplab.stack.Errno;
import io.arplab.stack.HostStack;
import io.arplab.stack.PingSocket;
import io.arplab.stack.TimerWheel;
import io.arplab.wire.Ipv4Address;
import java.util.BitSet;
import java.util.List;

/**
 * iputils ping's ping_common.c (20221126): the state a run keeps (struct ping_rts), main_loop() and pinger()'s token
 * bucket, schedule_exit() and the alarms, gather_statistics() and its reply line, finish()'s statistics; the
 * protocol's own part (ping.c's ping4_send_probe(), its reply's options) is the subclass's, as ping_func_set is.
 */
abstract class PingCommon implements Tool {
    static final long MS = 1_000_000L;
    static final long NS = 1_000_000_000L;
    static final int MAX_DUP_CHK = 0x10000;
    /** MIN_INTERVAL_MS: the minimal inter-packet gap pinger and the receive timeout work with. */
    static final int MININTERVAL = 10;
    /** 1000 / sysconf(_SC_CLK_TCK): waits at or below this are spun instead of slept. */
    static final int TICK_MS = 10;

    // ---- options
    long npackets;
    int interval = 1000;
    boolean optInterval;
    int preload = 1;
    int deadline;
    long lingertime = 10_000;
    int datalen = 56;
    boolean adaptive;
    boolean audible;
    boolean flood;
    boolean numeric;
    boolean outstanding;
    boolean ptimeofday;
    boolean quiet;
    boolean verbose;
    byte[] pattern;
    int ident = -1;

    // ---- run time
    ToolContext ctx;
    HostStack stack;
    PingSocket socket;
    /** In main_loop()'s do-while under a negative -i: replies wait in the socket's queue ({@code held}). */
    boolean busy;
    final List<Runnable> held = new java.util.ArrayList<>();
    int heldBytes;
    /**
     * One pass of that do-while (pinger(), a sendmsg() and the reply's way into the queue) on the machine of the
     * recordings: 298987 passes in a 2 s deadline to 127.0.0.1.
     */
    static final long BUSY_PASS_NS = 2_000_000_000L / 298_987;
    String hostname;
    boolean multicast;
    boolean timing;
    byte[] fill;
    long ntransmitted;
    long nreceived;
    long nrepeats;
    long nerrors;
    int acked;
    int pipesize = -1;
    long tmin = Long.MAX_VALUE;
    long tmax;
    long tsum;
    long tsum2;
    long rtt;
    int rttAddend;
    /** pinger()'s oom_count: sends refused for buffer space in a row. */
    private long oomCount;
    final BitSet rcvd = new BitSet(); // rcvd_tbl's MAX_DUP_CHK bits, grown as sequences are used
    long startTime;
    long curTime;
    boolean curTimeSet;
    long tokens;
    boolean exiting;
    boolean done;
    long waittime;
    Timer wake;
    long wakeAt = Long.MIN_VALUE;
    /** The pending wake is a schedule_timeout() on the timer wheel (it shares its tick with kernel timers). */
    boolean wheelWake;
    Timer alarm;
    final java.util.ArrayList<byte[]> pendingSends = new java.util.ArrayList<>(1);

    /** setup(): the flood and interval checks, the data pattern, the deadline alarm. */
    void setup() {
        if (flood && !optInterval) {
            interval = 0;
        }
        if ((long) interval >= Integer.MAX_VALUE / preload) {
            ctx.err().println("ping: illegal preload and/or interval: " + interval);
            ctx.exit(2);
            done = true;
            return;
        }
        fill = new byte[Math.max(0, datalen)];
        for (int i = 0; i < fill.length; i++) {
            fill[i] = pattern != null ? (pattern.length == 0 ? 0 : pattern[i % pattern.length]) : (byte) i;
        }
        startTime = ctx.now();
        if (deadline > 0) {
            alarm = ctx.at(startTime + deadline * NS, this::sigalrm);
        }
    }

    // ------------------------------------------------------------------------------------------- main loop

    /** One turn of main_loop(): exit checks, pinger until it asks to wait, then sleep until a packet or time. */
    void loop(long now) {
        boolean fromWheel = wheelWake && wakeAt == now;
        wake = null;
        wakeAt = Long.MIN_VALUE;
        wheelWake = false;
        if (done) {
            return;
        }
        if (exitDue()) {
            finish();
            return;
        }
        long next;
        do {
            next = pinger(now);
            next = scheduleExit(now, next);
            if (next <= 0 && interval < 0) {
                // a negative -i: pinger() never asks to wait, so the do-while sends until SIGALRM; each pass takes
                // the CPU a while and nothing is read meanwhile (the replies wait in the receive queue)
                busy = true;
                flushSends(now);
                wakeAt(now + BUSY_PASS_NS);
                return;
            }
        } while (next <= 0);
        if (busy) { // the do-while ended (the count is sent): recvmsg() reads what the queue kept
            boolean any = !held.isEmpty();
            drainHeld();
            if (any) {
                wakeAt(now); // then main_loop()'s exit checks
            }
        }
        if (adaptive || next < schint(interval)) {
            // recvmsg() cannot wait that precisely: poll(); very short waits are spun (or MININTERVAL when
            // something is in flight)
            long waitMs = next <= TICK_MS && inFlight() > 0 ? MININTERVAL : next;
            wakeAt(now + waitMs * MS);
        } else {
            // a blocking recvmsg() under SO_RCVTIMEO: sock_set_timeout() makes it jiffies, and the wait is a
            // schedule_timeout() on the timer wheel (a 1 s interval lasts 1.000 to 1.032 s)
            long t = stack.timerWheel().scheduleTimeout(now, TimerWheel.toJiffies(schint(interval) * MS));
            wakeAt(t);
            wheelWake = wakeAt == t;
        }
        if (fromWheel && !pendingSends.isEmpty()) {
            // expire_timers() runs a bucket newest first: ping's timeout wakes it on another CPU, but its sendmsg()
            // reaches the neighbour only after the same tick's neighbour timers have run (the recordings: ping's
            // fourth probe finds the entry FAILED and restarts resolution at once; the errors of the first three are
            // read after it left, "pipe 4")
            ctx.at(now + TimerWheel.TASK_WAKE, t -> {
                restamp(t);
                flushSends(t);
            });
        } else {
            flushSends(now);
        }
    }

    /** ping4_send_probe() reads the clock right before its sendmsg(): the probes waiting to leave carry {@code now}. */
    void restamp(long now) {
        if (!timing) {
            return;
        }
        long us = wallMicros(now);
        for (byte[] p : pendingSends) {
            if (p.length >= 2 + 16) {
                putLe64(p, 2, us / 1_000_000);
                putLe64(p, 10, us % 1_000_000);
            }
        }
    }

    void wakeAt(long t) {
        if (done) {
            return;
        }
        if (wake != null) {
            if (wakeAt <= t) {
                return;
            }
            ctx.cancel(wake);
        }
        wakeAt = t;
        wheelWake = false;
        wake = ctx.at(t, this::loop);
    }

    static long schint(long a) {
        return a <= MININTERVAL ? MININTERVAL : a;
    }

    /** pinger(): sends when the token bucket allows; returns the ms to wait before the next try. */
    long pinger(long now) {
        if (exiting || npackets > 0 && ntransmitted >= npackets && deadline == 0) {
            return 1000;
        }
        if (!curTimeSet) {
            curTime = now;
            curTimeSet = true;
            tokens = (long) interval * (preload - 1);
        } else {
            long ntokens = elapsedMs(curTime, now);
            if (interval == 0 && ntokens < MININTERVAL && inFlight() >= preload) {
                // unlimited flood without replies is held to 100 packets/s
                return MININTERVAL - ntokens;
            }
            ntokens += tokens;
            long cap = (long) interval * preload;
            if (cap < ntokens) {
                ntokens = cap;
            }
            if (ntokens < interval) {
                return interval - ntokens;
            }
            curTime = now;
            tokens = ntokens - interval;
        }
        if (outstanding && ntransmitted > 0 && !rcvd.get((int) (ntransmitted & 0xFFFF))) {
            StringBuilder sb = new StringBuilder();
            stamp(sb, now);
            ctx.out().println(sb.append("no answer yet for icmp_seq=").append(ntransmitted % MAX_DUP_CHK));
        }
        int rc = sendProbe(now);
        if (rc == 0) {
            oomCount = 0;
            advanceNtransmitted();
            if (!quiet && flood) {
                ctx.out().print('.');
            }
            return interval - tokens;
        }
        if (rc == Errno.ENOBUFS.negative()) {
            // no buffer space: the packet is not sent, and retried after half the interval (at most 500 ms) while
            // the retries stay under the linger time; then a hard local error, reported
            tokens = 0;
            rttAddend += (int) (rtt < 8 * 50000 ? rtt / 8 : 50000);
            if (adaptive) {
                updateInterval();
            }
            long nores = Math.min(schint(interval / 2), 500);
            oomCount++;
            if (oomCount * nores < lingertime) {
                return nores;
            }
            if (!quiet) {
                if (flood) {
                    ctx.out().print('E');
                } else {
                    ctx.err().println("ping: sendmsg: " + Errno.ENOBUFS.text);
                }
            }
        }
        // a hard local error: the packet counts as sent
        advanceNtransmitted();
        tokens = 0;
        return schint(interval);
    }

    /** ms between two instants as pinger computes them from gettimeofday() (seconds and microseconds apart). */
    long elapsedMs(long from, long to) {
        long a = wallMicros(from);
        long b = wallMicros(to);
        return (b / 1_000_000 - a / 1_000_000) * 1000 + (b % 1_000_000 - a % 1_000_000) / 1000;
    }

    long wallMicros(long now) {
        return Math.floorDiv(ctx.epochNanos() + now, 1000L);
    }

    /** schedule_exit(): once everything is sent, an alarm after the linger time (or twice the worst rtt). */
    long scheduleExit(long now, long next) {
        if (!(npackets > 0 && ntransmitted >= npackets && deadline == 0)) {
            return next;
        }
        if (waittime != 0) {
            return next;
        }
        if (nreceived > 0) {
            waittime = 2 * tmax;
            if (waittime < 1000L * interval) {
                waittime = 1000L * interval;
            }
        } else {
            waittime = lingertime * 1000;
        }
        if (next < 0 || next < waittime / 1000) {
            next = waittime / 1000;
        }
        if (alarm != null) {
            ctx.cancel(alarm);
            alarm = null;
        }
        if (waittime > 0) {
            alarm = ctx.at(now + waittime * 1000, this::sigalrm);
        }
        return next;
    }

    void drainHeld() {
        busy = false;
        List<Runnable> queued = List.copyOf(held);
        held.clear();
        heldBytes = 0;
        queued.forEach(Runnable::run);
    }

    void sigalrm(long now) {
        alarm = null;
        if (busy) { // the do-while ends: main_loop()'s recvmsg() reads what the queue kept before it sees exiting
            drainHeld();
        }
        exiting = true;
        wakeAt(now);
    }

    /** main_loop()'s exit checks, at the top of each turn. */
    boolean exitDue() {
        return exiting || npackets > 0 && nreceived + nerrors >= npackets || deadline > 0 && nerrors > 0;
    }

    /**
     * main_loop(): a packet that leaves nothing in flight breaks the recvmsg() loop, and when the exit checks then
     * hold, ping ends without another recvmsg(): what its socket still holds, or gets, is never read.
     */
    boolean readsNoMore() {
        return inFlight() == 0 && exitDue();
    }

    int inFlight() {
        int diff = ((int) ntransmitted - acked) & 0xFFFF;
        return diff <= 0x7FFF ? diff : (int) (ntransmitted - nreceived - nerrors);
    }

    void acknowledge(int seq) {
        int diff = ((int) ntransmitted - seq) & 0xFFFF;
        if (diff <= 0x7FFF) {
            if (diff + 1 > pipesize) {
                pipesize = diff + 1;
            }
            if ((short) (seq - acked) > 0 || (((int) ntransmitted - acked) & 0xFFFF) > 0x7FFF) {
                acked = seq & 0xFFFF;
            }
        }
    }

    void advanceNtransmitted() {
        ntransmitted++;
        if ((((int) ntransmitted - acked) & 0xFFFF) > 0x7FFF) {
            acked = (int) ((ntransmitted + 1) & 0xFFFF);
        }
    }

    /** gather_statistics(): counts, rtt from the time stamp the reply carries back, the reply line. */
    void gatherStatistics(long now, int seq, int cc, int hops, byte[] frame, int off, int len, Ipv4Address from,
                                  boolean wrongSource) {
        nreceived++;
        acknowledge(seq);
        long triptime = 0;
        if (timing && cc >= 8 + 16) {
            long sentSec = getLe64(frame, off);
            long sentUsec = getLe64(frame, off + 8);
            long us = wallMicros(now);
            triptime = (us / 1_000_000 - sentSec) * 1_000_000 + (us % 1_000_000 - sentUsec);
            if (triptime < 0) {
                ctx.err().println("ping: Warning: time of day goes back (" + triptime + "us), taking countermeasures");
                triptime = 0;
            }
            tsum += triptime;
            tsum2 += triptime * triptime;
            if (triptime < tmin) {
                tmin = triptime;
            }
            if (triptime > tmax) {
                tmax = triptime;
            }
            if (rtt == 0) {
                rtt = triptime * 8;
            } else {
                rtt += triptime - rtt / 8;
            }
            if (adaptive) {
                updateInterval();
            }
        }
        boolean dup;
        if (rcvd.get(seq)) {
            nrepeats++;
            nreceived--;
            dup = true;
        } else {
            rcvd.set(seq);
            dup = false;
        }
        if (quiet) {
            return;
        }
        if (flood) {
            ctx.out().print("\b \b");
            return;
        }
        StringBuilder sb = new StringBuilder();
        stamp(sb, now);
        sb.append(cc).append(" bytes from ").append(prAddr(from)).append(": icmp_seq=").append(seq);
        if (verbose) {
            sb.append(" ident=").append(ident);
        }
        if (hops >= 0) {
            sb.append(" ttl=").append(hops);
        }
        if (cc < datalen + 8L) {
            ctx.out().println(sb.append(" (truncated)"));
            return;
        }
        if (timing) {
            sb.append(" time=").append(formatRtt(triptime)).append(" ms");
        }
        if (dup && (!multicast || verbose)) {
            sb.append(" (DUP!)");
        }
        if (wrongSource) {
            sb.append(" (DIFFERENT ADDRESS!)");
        }
        // the data after the time stamp must be what we sent
        for (int i = 16; i < datalen && i < len; i++) {
            if (frame[off + i] != fill[i]) {
                sb.append("\nwrong data byte #").append(i).append(" should be 0x")
                        .append(Integer.toHexString(fill[i] & 0xff)).append(" but was 0x")
                        .append(Integer.toHexString(frame[off + i] & 0xff));
                for (int j = 16; j < datalen && j < len; j++) {
                    if (j % 32 == 16) {
                        sb.append("\n#").append(j).append('\t');
                    }
                    sb.append(Integer.toHexString(frame[off + j] & 0xff)).append(' ');
                }
                break;
            }
        }
        if (audible) {
            sb.append('\u0007');
        }
        // ping4_parse_reply(): the options of the reply's header, then the line's end
        prOptions(sb, frame);
        ctx.out().println(sb);
    }

    /** update_interval() of adaptive mode. */
    void updateInterval() {
        long est = rtt != 0 ? rtt / 8 : interval * 1000L;
        interval = (int) ((est + rttAddend + 500) / 1000);
    }

    /** The time= figure: three decimals under 1 ms, then two, one and none, rounded as iputils rounds. */
    static String formatRtt(long triptime) {
        if (triptime >= 100000 - 50) {
            return Long.toString((triptime + 500) / 1000);
        }
        if (triptime >= 10000 - 5) {
            return (triptime + 50) / 1000 + "." + ((triptime + 50) % 1000) / 100;
        }
        if (triptime >= 1000) {
            return (triptime + 5) / 1000 + "." + String.format("%02d", ((triptime + 5) % 1000) / 10);
        }
        return triptime / 1000 + "." + String.format("%03d", triptime % 1000);
    }

    void stamp(StringBuilder sb, long now) {
        if (ptimeofday) {
            long us = wallMicros(now);
            sb.append('[').append(us / 1_000_000).append('.').append(String.format("%06d", us % 1_000_000)).append("] ");
        }
    }

    /**
     * pr_addr(): "name (address)" when reverse resolution is on and getnameinfo() gives a name (the number itself
     * when no name is known), else the address. (Its cache of the last address never hits: it is cleared first.)
     */
    String prAddr(Ipv4Address a) {
        String name = numeric || exiting ? null : ctx.resolver().nameInfo(a);
        return name != null ? name + " (" + a + ")" : a.toString();
    }

    // ----------------------------------------------------------------------------------------------- finish

    /** finish(): the statistics block and the exit status. */
    void finish() {
        if (done) {
            return;
        }
        done = true;
        if (wake != null) {
            ctx.cancel(wake);
            wake = null;
        }
        if (alarm != null) {
            ctx.cancel(alarm);
            alarm = null;
        }
        if (socket != null) {
            stack.close(socket);
        }
        // time: from start to the last probe pinger let out (cur_time), rounded to ms
        long elapsedUs = curTimeSet ? wallMicros(curTime) - wallMicros(startTime) : 0;
        StringBuilder s = new StringBuilder();
        s.append('\n');
        s.append("--- ").append(hostname).append(" ping statistics ---\n");
        s.append(ntransmitted).append(" packets transmitted, ").append(nreceived).append(" received");
        if (nrepeats > 0) {
            s.append(", +").append(nrepeats).append(" duplicates");
        }
        if (nerrors > 0) {
            s.append(", +").append(nerrors).append(" errors");
        }
        if (ntransmitted > 0) {
            float loss = (float) (((ntransmitted - nreceived) * 100.0) / ntransmitted);
            s.append(", ").append(CLib.g(loss)).append("% packet loss");
            s.append(", time ").append(1000 * (elapsedUs / 1_000_000) + (elapsedUs % 1_000_000 + 500) / 1000)
                    .append("ms");
        }
        s.append('\n');
        String comma = "";
        if (nreceived > 0 && timing) {
            long total = nreceived + nrepeats;
            long tmavg = tsum / total;
            long tmvar;
            if (tsum < Integer.MAX_VALUE) {
                // the order of operations avoids rounding errors for small times
                tmvar = (tsum2 - (tsum * tsum) / total) / total;
            } else {
                tmvar = tsum2 / total - tmavg * tmavg;
            }
            long tmdev = llsqrt(tmvar);
            s.append(String.format("rtt min/avg/max/mdev = %d.%03d/%d.%03d/%d.%03d/%d.%03d ms", tmin / 1000,
                    tmin % 1000, tmavg / 1000, tmavg % 1000, tmax / 1000, tmax % 1000, tmdev / 1000, tmdev % 1000));
            comma = ", ";
        }
        if (pipesize > 1) {
            s.append(comma).append("pipe ").append(pipesize);
            comma = ", ";
        }
        if (nreceived > 0 && (interval == 0 || flood || adaptive) && ntransmitted > 1) {
            long ipg = elapsedUs / (ntransmitted - 1);
            s.append(comma).append(String.format("ipg/ewma %d.%03d/%d.%03d ms", ipg / 1000, ipg % 1000, rtt / 8000,
                    (rtt / 8) % 1000));
        }
        s.append('\n');
        ctx.out().print(s);
        boolean fail = nreceived == 0 || deadline > 0 && nreceived < npackets;
        ctx.exit(fail ? 1 : 0);
    }

    /** Newton's integer square root, as llsqrt() in ping_common.c. */
    static long llsqrt(long a) {
        long prev = Long.MAX_VALUE;
        long x = a;
        if (x > 0) {
            while (x < prev) {
                prev = x;
                x = (x + a / x) / 2;
            }
        }
        return x;
    }

    static void putLe64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static long getLe64(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    /** ping4_send_probe(): 0, or a negative errno for a hard local error (counted as sent). */
    abstract int sendProbe(long now);

    /** The probes sendProbe() left waiting, each sent by one sendmsg(). */
    abstract void flushSends(long now);

    /** pr_options(): the options of the reply's IP header, appended to its line. */
    abstract void prOptions(StringBuilder sb, byte[] frame);
}
