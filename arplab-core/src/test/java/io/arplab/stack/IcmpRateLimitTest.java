package io.arplab.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The netns's ICMP bucket as icmp_global_allow() and icmp_global_consume() keep it since 6.11 (mean consumption). */
class IcmpRateLimitTest {
    private static final int HOST_UNREACH = 1;

    private static int burst(IcmpRateLimit limit, long now, int errors, boolean global, boolean perPeer) {
        int sent = 0;
        for (int i = 0; i < errors; i++) {
            sent += limit.allow(now, 0x0a00000c, 3, HOST_UNREACH, global, perPeer) ? 1 : 0;
        }
        return sent;
    }

    @Test
    void aFirstBurstGetsOneBucketAndALaterOneARefillWhenItRunsOut() {
        IcmpRateLimit limit = new IcmpRateLimit();
        long now = Jiffies.INITIAL + 10_000;
        // the errors of 80 queued packets of ours at once: the first refill happens in the burst's own jiffy
        assertThat(burst(limit, now, 80, true, false)).isEqualTo(50);
        now += Jiffies.HZ;
        assertThat(burst(limit, now, 10, true, false)).isEqualTo(10);
        // 40 credits left from a refill a second old: an empty bucket is refilled again within the burst
        now += Jiffies.HZ;
        assertThat(burst(limit, now, 200, true, false)).isEqualTo(90);
    }

    @Test
    void aPacketThatCameInOnLoSkipsEveryBucket() {
        IcmpRateLimit limit = new IcmpRateLimit();
        assertThat(burst(limit, Jiffies.INITIAL, 500, false, false)).isEqualTo(500);
    }

    @Test
    void thePeerBucketDeniesWithoutConsumingTheNetnsOne() {
        IcmpRateLimit limit = new IcmpRateLimit();
        long now = Jiffies.INITIAL + 10_000;
        // inet_peer_xrlim_allow(): a burst of 6 to one peer; the 74 denied leave the netns's credits
        assertThat(burst(limit, now, 80, true, true)).isEqualTo(6);
        assertThat(burst(limit, now, 80, true, false)).isEqualTo(44);
    }
}
