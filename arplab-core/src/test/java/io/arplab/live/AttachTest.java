package io.arplab.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.lab.Lab;
import io.arplab.lab.LiveLab;
import io.arplab.wire.MacAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A lab bridge with a port to the outside ({@code --attach BRIDGE=WIRE}): here the outside is a live host over an
 * in-memory wire, so it runs anywhere; {@code KernelLiveTest} does the same with the kernel behind a TAP device.
 */
class AttachTest {
    @Test
    void anOutsideHostPingsAnEmulatedNodeBehindTheBridgeAndTheNodeAnswersInRealTime() throws Exception {
        FramePipe[] wire = FramePipe.pair();
        try (Lab lab = new Lab(7)) {
            LinuxBridge br = lab.addBridge("br0", MacAddress.parse("02:42:00:00:00:01"), null, null);
            Host n1 = lab.addHost("node1");
            lab.attach(n1, "eth0", MacAddress.parse("02:42:0a:07:00:0b"), "10.7.0.11/24", br, "veth1",
                    MacAddress.parse("ee:ee:ee:00:00:0b"));
            lab.attach("br0", wire[0]);
            assertThat(lab.realtime()).isTrue();
            try (LiveLab outside = new LiveLab("outside", wire[1], MacAddress.parse("02:00:00:00:00:99"), "10.7.0.99/24",
                    null, 3, Path.of("."))) {
                outside.start();
                // the lab runs in its own thread, following the wall clock, while the outside host pings
                Thread labThread = new Thread(() -> lab.runFor(3_000_000_000L));
                labThread.start();
                Lab.Result r = outside.exec("ping -c3 -i 0.2 10.7.0.11");
                labThread.join();
                assertThat(r.stdout()).contains("3 packets transmitted, 3 received, 0% packet loss");
                assertThat(r.stdout()).contains("64 bytes from 10.7.0.11: icmp_seq=1 ttl=64");
            }
            // the bridge learned the outside host's MAC on the attached port
            assertThat(br.lookup(MacAddress.parse("02:00:00:00:00:99"), 0).port()).isEqualTo(2);
            assertThat(lab.exec("node1", "ip neigh").stdout()).contains("10.7.0.99 dev eth0 lladdr 02:00:00:00:00:99");
        }
    }
}
