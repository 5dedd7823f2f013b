package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NORMAL's admissibility rules (ofproto-dpif-xlate.c is_admissible()) against OVS 3.1's recordings
 * (src/test/scripts/record-ovs-commands.sh normal): traces, learning and the datapath's flows on br0 with p1-p3.
 */
class OvsNormalTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/normal");

    @ParameterizedTest
    @ValueSource(strings = {"reserved"})
    void normalIsOvsOwn(String name, @TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve(name + ".in"), 200_000_000L);
        assertThat(OvsFramesTest.normal(got)).isEqualTo(OvsFramesTest.normal(Files.readString(REF.resolve(name
                + ".out"))));
    }
}
