package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conntrack's connection limit: dpctl/ct-set-maxconns, ct-get-maxconns, ct-get-nconns (their arguments, refusals
 * and exit statuses) and conn_not_found() committing nothing once n_conn reaches the limit, against OVS 3.1
 * (refdata/ovs/ctlimit, recorded by STATUS=1 src/test/scripts/record-ovs-commands.sh ctlimit).
 */
class OvsCtLimitTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/ctlimit");

    @Test
    void theConnectionLimitIsOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("commands.in"), 200_000_000L, true);
        assertThat(OvsGroupsTest.normal(got))
                .isEqualTo(OvsGroupsTest.normal(Files.readString(REF.resolve("commands.out"))));
    }
}
