package io.arplab.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.lab.LiveLab;
import io.arplab.observe.MemoryCapture;
import io.arplab.wire.MacAddress;
import io.arplab.wire.pcap.PcapRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live runtime on the wall clock, two live hosts joined by an in-memory wire (no kernel, no root). */
class LiveRuntimeTest {
    @Test
    void twoLiveHostsResolveAndPingOnTheWallClock() {
        FramePipe[] wire = FramePipe.pair();
        try (LiveLab a = new LiveLab("a", wire[0], MacAddress.parse("02:00:00:00:00:0a"), "10.9.0.1/24", null, 1, Path.of("."));
             LiveLab b = new LiveLab("b", wire[1], MacAddress.parse("02:00:00:00:00:0b"), "10.9.0.2/24", null, 2, Path.of("."))) {
            MemoryCapture cap = new MemoryCapture();
            a.runtime().capture(cap);
            a.start();
            b.start();
            long t0 = System.nanoTime();
            Lab.Result r = a.exec("ping -c2 -i 0.2 10.9.0.2");
            long took = System.nanoTime() - t0;
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout()).contains("2 packets transmitted, 2 received, 0% packet loss");
            // ping waits its interval on the wall clock
            assertThat(took).isGreaterThanOrEqualTo(200_000_000L);
            List<PcapRecord> frames = cap.records();
            assertThat(frames).hasSizeGreaterThanOrEqualTo(6); // who-has, is-at, 2 x (request, reply)
            assertThat(frames.get(0).data()[12]).isEqualTo((byte) 0x08);
            assertThat(frames.get(0).data()[13]).isEqualTo((byte) 0x06);
            String neigh = a.exec("ip neigh").stdout();
            assertThat(neigh).startsWith("10.9.0.2 dev eth0 lladdr 02:00:00:00:00:0b REACHABLE");
        }
    }

    @Test
    void interruptEndsAToolWithoutCountAsSigintWould() {
        FramePipe[] wire = FramePipe.pair();
        try (LiveLab a = new LiveLab("a", wire[0], MacAddress.parse("02:00:00:00:00:0a"), "10.9.0.1/24", null, 1, Path.of("."))) {
            a.start();
            java.io.StringWriter out = new java.io.StringWriter();
            var ctx = a.start(List.of("ping", "-i", "0.2", "10.9.0.7"), new java.io.PrintWriter(out), new java.io.PrintWriter(out));
            a.await(ctx, 700_000_000L);
            assertThat(ctx.exitCode()).isEqualTo(1);
            assertThat(out.toString()).contains("--- 10.9.0.7 ping statistics ---").contains("100% packet loss");
        }
    }
}
