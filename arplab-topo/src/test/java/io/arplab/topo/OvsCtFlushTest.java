package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dpctl/flush-conntrack with a zone and tuples (ofp_ct_tuple_parse()'s refusals, a whole original 5-tuple looked up,
 * a NAT'ed connection's reply tuple refused, partial tuples compared with every connection as ct_dpif_entry_cmp()
 * does), dpctl/ct-stats-show (by protocol, TCP by state with -m or verbose, zone=N) and the TCP sequence checking
 * switch, ovs-ofctl ct-flush-zone and ct-flush (parsed before connecting, the switch's flush), their arguments and
 * exit statuses, against OVS 3.1 (refdata/ovs/ctflush, recorded by STATUS=1
 * src/test/scripts/record-ovs-commands.sh ctflush).
 */
class OvsCtFlushTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/ctflush");

    @Test
    void conntrackFlushesStatisticsAndSequenceCheckingAreOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        // OVS's clock is stopped (time/stop) for the whole recording: no lab time between the lines
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("commands.in"), 0, true);
        // the replay in full, for reading: target/ctflush.out at the module's root
        Files.writeString(Path.of("target/ctflush.out"), got);
        assertThat(OvsGroupsTest.normal(got))
                .isEqualTo(OvsGroupsTest.normal(Files.readString(REF.resolve("commands.out"))));
    }
}
