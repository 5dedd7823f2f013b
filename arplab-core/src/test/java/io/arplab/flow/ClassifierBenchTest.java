package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's rounds on a small pipeline, on a clock that advances 1 ms per reading (nothing timed). */
class ClassifierBenchTest {
    @Test
    void everySlowPathRoundReinstallsItsMegaflowsAndTheCacheThenHitsThem() {
        long[] now = {0};
        // 3 tables of 9 exact nw_dst flows and a table-miss goto, 20 packets: several slow-path rounds, each after a
        // purge (udpif_flush()), must install the megaflows again (the bench throws on a lost upcall, the cached
        // round on a miss)
        ClassifierBench.Result r = ClassifierBench.run(3, 10, 20, 0.005, () -> now[0] += 1_000_000);
        assertThat(r.megaflows()).isEqualTo(9); // one per nw_dst: the only field the tables look at
        assertThat(r.masksPerPacket()).isEqualTo(1.0);
    }
}
