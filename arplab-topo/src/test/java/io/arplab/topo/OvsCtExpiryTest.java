package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conntrack's timeouts (conntrack-tp.c's default policy: UDP and ICMP 60 s one way, 30 s once a reply is seen), each
 * valid packet setting its connection's expiration, expired connections swept, and dpctl/dump-conntrack -m's id and
 * status, against OVS 3.1 with its clock moved by time/warp (refdata/ovs/ctexpiry, record-ovs-commands.sh ctexpiry).
 */
class OvsCtExpiryTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/ctexpiry");

    @Test
    void connectionsExpireAsOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("commands.in"), 0);
        assertThat(OvsGroupsTest.normal(got)).isEqualTo(OvsGroupsTest.normal(Files.readString(REF.resolve("commands.out"))));
    }
}
