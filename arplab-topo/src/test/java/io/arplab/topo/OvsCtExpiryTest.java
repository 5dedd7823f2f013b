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
 * Conntrack's timeouts (conntrack-tp.c's default policy: UDP and ICMP 60 s one way, 30 s once a reply is seen), each
 * valid packet setting its connection's expiration, expired connections swept, and dpctl/dump-conntrack -m's id and
 * status, against OVS 3.1 with its clock moved by time/warp (refdata/ovs/ctexpiry; cttcpexpiry for TCP's, written by
 * src/test/scripts/gen-ct-tcp-expiry.py; each recorded by record-ovs-commands.sh TOPIC).
 */
class OvsCtExpiryTest {
    @ParameterizedTest
    @ValueSource(strings = {"ctexpiry", "cttcpexpiry"})
    void connectionsExpireAsOvsOwn(String topic, @TempDir Path tmp) throws IOException {
        Path ref = Path.of("src/test/resources/refdata/ovs", topic);
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, ref.resolve("commands.in"), 0);
        assertThat(OvsGroupsTest.normal(got)).isEqualTo(OvsGroupsTest.normal(Files.readString(ref.resolve("commands.out"))));
    }
}
