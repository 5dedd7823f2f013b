package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meters: add-meter/mod-meter/del-meters and their errors, dump-meters, meter-stats, meter-features, meter:N in
 * flows, traces and datapath flows, and the userspace datapath's token buckets (pktps and kbps, bursts, refills in
 * milliseconds) deciding which packets a band drops, against OVS 3.1's recording (src/test/scripts/record-meters.sh),
 * whose clock stands still but for time/warp as the lab's virtual clock does.
 */
class OvsMetersTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/meters");

    @Test
    void metersAreOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("commands.in"), 0);
        assertThat(OvsGroupsTest.normal(got))
                .isEqualTo(OvsGroupsTest.normal(Files.readString(REF.resolve("commands.out"))));
    }
}
