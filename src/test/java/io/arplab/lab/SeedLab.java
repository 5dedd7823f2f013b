package io.arplab.lab;

import io.arplab.sim.TraceLog;

/** The reference recordings' topology ({@link ReferenceLab}), optionally traced. */
final class SeedLab {
    private SeedLab() {}

    static Lab build(long seed, TraceLog trace) {
        Lab lab = ReferenceLab.build(seed);
        lab.setTraceLog(trace);
        return lab;
    }
}
