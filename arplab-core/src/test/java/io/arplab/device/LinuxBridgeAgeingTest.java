package io.arplab.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.MacAddress;
import org.junit.jupiter.api.Test;

/** br_fdb_cleanup() over the ageing list, fdb_max_learned, and br_flood()'s port order. */
class LinuxBridgeAgeingTest {
    private static final long S = 1_000_000_000L;
    private final ThreePortBridge fixture = new ThreePortBridge();
    private final LinuxBridge br = fixture.br;
    private final java.util.List<Integer> sent = fixture.sent;
    private final Device.Output out = fixture.out;

    private void from(long now, int port, long src) {
        byte[] f = new byte[60];
        for (int b = 0; b < 6; b++) {
            f[b] = (byte) 0xff;
            f[6 + b] = (byte) (src >>> (40 - 8 * b));
        }
        br.receive(now, port, f, out);
    }

    @Test
    void learnedEntriesAgeInOrderOfTheirLastUpdate() {
        from(0, 1, 0x0200_0000_0001L);
        from(10 * S, 2, 0x0200_0000_0002L);
        from(20 * S, 1, 0x0200_0000_0001L); // refreshed: now the newest
        assertThat(br.nextDeadline()).isEqualTo(310 * S);
        br.advance(310 * S, out);
        assertThat(br.lookup(MacAddress.of(0x0200_0000_0002L), 0)).isNull();
        assertThat(br.lookup(MacAddress.of(0x0200_0000_0001L), 0)).isNotNull();
        assertThat(br.nextDeadline()).isEqualTo(320 * S);
        br.advance(320 * S, out);
        assertThat(br.learnedCount()).isZero();
        assertThat(br.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theGcWorkDropsWhatExpiredNewestFirstAndRunsAtLeast10msApart() {
        from(0, 1, 0x0200_0000_0001L);
        from(4_000_000L, 2, 0x0200_0000_0002L);
        // both expire within 10 ms of each other: the run at the first expiry finds one, the next comes 10 ms later
        assertThat(br.nextDeadline()).isEqualTo(300 * S);
        br.advance(300 * S, out);
        assertThat(br.lookup(MacAddress.of(0x0200_0000_0001L), 0)).isNull();
        assertThat(br.nextDeadline()).isEqualTo(300 * S + 10_000_000L);
    }

    @Test
    void fdbMaxLearnedStopsLearningButNotForwarding() {
        br.setMaxLearned(2);
        from(0, 1, 0x0200_0000_0001L);
        from(0, 1, 0x0200_0000_0002L);
        sent.clear();
        from(0, 2, 0x0200_0000_0003L);
        assertThat(br.learnedCount()).isEqualTo(2);
        assertThat(br.lookup(MacAddress.of(0x0200_0000_0003L), 0)).isNull();
        assertThat(sent).containsExactly(3, 1, 0); // flooded all the same, newest port first
        br.delete(MacAddress.of(0x0200_0000_0001L), 0);
        from(S, 2, 0x0200_0000_0003L);
        assertThat(br.learnedCount()).isEqualTo(2);
    }

    @Test
    void ageingTheirFloodCostsWhatExpires() {
        for (int i = 0; i < 160_000; i++) {
            from(i * 1_000L, 1 + i % 3, 0x0200_0000_0000L | i);
        }
        long runs = 0;
        for (long d = br.nextDeadline(); d != Long.MAX_VALUE; d = br.nextDeadline()) {
            br.advance(d, out);
            runs++;
        }
        assertThat(br.learnedCount()).isZero();
        // learned over 0.16 s, they expire in br_fdb_cleanup() runs at least 10 ms apart: 17 runs, each popping
        // what expired from the ageing list
        assertThat(runs).isEqualTo(17);
    }
}
