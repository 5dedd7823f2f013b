package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.observe.MemoryCapture;
import org.junit.jupiter.api.Test;

class SeedLabSmokeTest {
    @Test
    void pingNode3() {
        Lab lab = SeedLabs.build(1, null);
        MemoryCapture c1 = new MemoryCapture();
        lab.capture("node1", "eth0", c1);
        lab.runFor(1_000_000_000L);
        Lab.Result r = lab.exec("node1", "ping -c3 172.28.0.13");
        System.out.println(r.stdout() + r.stderr());
        lab.runFor(60_000_000_000L);
        for (var rec : c1.records()) {
            System.out.println(rec.seconds() + "." + rec.nanos() + " " + rec.data().length);
        }
        assertThat(r.exitCode()).isZero();
    }
}
