package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conntrack NAT: ct(commit,nat(dst=IP[:PORT])) for new connections and ct(nat) translating both directions after,
 * in flows (parse_NAT()'s refusals, format_NAT()'s text), traces (the simulated translation), dpctl/dump-conntrack
 * (the reply tuple from the translated address) and the megaflows of the recirculated passes, which match the
 * translated addresses, against OVS 3.1's recording (src/test/scripts/record-nat.sh).
 */
class OvsNatTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/nat");

    @Test
    void natIsOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("commands.in"), 200_000_000L);
        assertThat(OvsGroupsTest.normal(got))
                .isEqualTo(OvsGroupsTest.normal(Files.readString(REF.resolve("commands.out"))));
    }

    /**
     * NAT on IPv6: ranges bare or bracketed before a port (parsed, refused, printed under OpenFlow 1.0 and 1.5),
     * check_NAT()'s address family, the trace's simulated translation and UDP through SNAT and DNAT
     * (refdata/ovs/nat6, recorded by record-nat.sh).
     */
    @Test
    void ipv6NatIsOvsOwn(@TempDir Path tmp) throws IOException {
        Path ref = REF.resolveSibling("nat6");
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, ref.resolve("commands.in"), 200_000_000L);
        assertThat(OvsGroupsTest.normal(got))
                .isEqualTo(OvsGroupsTest.normal(Files.readString(ref.resolve("commands.out"))));
    }
}
