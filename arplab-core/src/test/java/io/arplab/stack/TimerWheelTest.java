package io.arplab.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** kernel/time/timer.c's rounding: calc_wheel_index() and the tick the bucket runs on. */
class TimerWheelTest {
    private static final long MS = 1_000_000L;

    @Test
    void levelZeroTimersRunOneJiffyPastTheirExpiry() {
        assertThat(TimerWheel.bucketExpiry(1000 + 10, 1001)).isEqualTo(1011);
        assertThat(TimerWheel.bucketExpiry(1000 + 62, 1000)).isEqualTo(1063);
    }

    @Test
    void levelOneRoundsUpPastEightJiffies() {
        // schedule_timeout(250) (a 1 s SO_RCVTIMEO) lands on level 1: the next multiple of 8 after the expiry
        assertThat(TimerWheel.bucketExpiry(8000 + 250, 8001)).isEqualTo(8256);
        assertThat(TimerWheel.bucketExpiry(8007 + 250, 8008)).isEqualTo(8264);
        assertThat(TimerWheel.bucketExpiry(8000 + 64, 8000)).isEqualTo(8072);
    }

    @Test
    void levelTwoRoundsUpPastSixtyFourJiffies() {
        // delay_first_probe_time 5 s = 1250 jiffies: up to 256 ms late
        assertThat(TimerWheel.bucketExpiry(64_000 + 1250, 64_001)).isEqualTo(65_280);
        assertThat(TimerWheel.bucketExpiry(64_000 + 1280, 64_030)).isEqualTo(65_344);
    }

    @Test
    void anExpiredTimerRunsOnTheNextTick() {
        assertThat(TimerWheel.bucketExpiry(990, 1001)).isEqualTo(1001);
    }

    @Test
    void aTimerNeverFiresEarlyAndAtMostOneGranuleLate() {
        TimerWheel w = TimerWheel.of(Jiffies.INITIAL + 12_345, 1_234_567);
        for (long now = 0; now < 100 * MS; now += 777_777) {
            for (long d : new long[] {4 * MS, 100 * MS, 1000 * MS, 5000 * MS, 30_000 * MS}) {
                long fire = w.expiry(now, now + d);
                long gran = d < 63 * TimerWheel.TICK ? 1 : d < 504 * TimerWheel.TICK ? 8 : d < 4032 * TimerWheel.TICK ? 64 : 512;
                assertThat(fire).isGreaterThanOrEqualTo(now + d);
                assertThat(fire - now - d).isLessThanOrEqualTo((gran + 1) * TimerWheel.TICK + TimerWheel.SOFTIRQ_LAG);
                assertThat(fire - TimerWheel.SOFTIRQ_LAG).isEqualTo(w.tickTime(w.jiffies(fire)));
            }
        }
    }

    @Test
    void aOneSecondReceiveTimeoutLastsOneSecondToOnePointZeroThreeTwo() {
        TimerWheel w = TimerWheel.forSeed(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long now = 0; now < 2000 * MS; now += 97_001) {
            long d = w.scheduleTimeout(now, 250) - now;
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isBetween(1000 * MS, 1005 * MS);
        assertThat(max).isBetween(1028 * MS, 1033 * MS);
    }

    @Test
    void theOriginComesFromTheSeedAlone() {
        assertThat(TimerWheel.forSeed(7).jiffies(0)).isEqualTo(TimerWheel.forSeed(7).jiffies(0));
        assertThat(TimerWheel.forSeed(7).tickTime(TimerWheel.forSeed(7).jiffies(0)))
                .isEqualTo(TimerWheel.forSeed(7).tickTime(TimerWheel.forSeed(7).jiffies(0)));
        assertThat(TimerWheel.NOMINAL.expiry(5, 5 + 1000 * MS)).isEqualTo(5 + 1000 * MS);
    }
}
