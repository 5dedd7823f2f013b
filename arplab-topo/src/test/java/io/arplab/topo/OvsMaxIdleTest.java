package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Open_vSwitch row's other_config:max-idle (ofproto_set_max_idle(); not a number: the default 10000 ms): the
 * revalidators delete datapath flows idle for longer, checking every MIN(max-idle, max-revalidator) ms, against
 * OVS 3.1 with its clock moved by time/warp (refdata/ovs/maxidle, src/test/scripts/record-ovs-commands.sh maxidle).
 */
class OvsMaxIdleTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/maxidle");

    @Test
    void maxIdleIsOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("commands.in"), 0);
        assertThat(OvsGroupsTest.normal(got)).isEqualTo(OvsGroupsTest.normal(Files.readString(REF.resolve("commands.out"))));
    }
}
