package io.arplab.topo;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ovs-ofctl's commands beyond adding, changing, deleting and dumping flows, against OVS 3.1 (refdata/ovs/ofctl-cmds,
 * recorded by STATUS=1 src/test/scripts/record-ovs-commands.sh ofctl-cmds, its flow files beside the commands).
 */
class OvsOfctlCommandsTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/ofctl-cmds");

    @Test
    void moreOfctlCommandsAreOvsOwn(@TempDir Path tmp) throws IOException {
        OvsXlateActionsTest.replayWithStatus(tmp, REF.resolve("commands.in"));
    }

    /**
     * The cookie a flow_mod matches (cookie=V/M) apart from the one it sets (cookie=V, fm->new_cookie), per protocol:
     * NXM and OpenFlow 1.0 set it, OpenFlow 1.2+ never changes one (refdata/ovs/ofctl-cmds/cookies.in).
     */
    @Test
    void cookiesMatchedAndSetAreOvsOwn(@TempDir Path tmp) throws IOException {
        OvsXlateActionsTest.replayWithStatus(tmp, REF.resolve("cookies.in"));
    }

    /**
     * Antrea's own flows as its unit tests expect them (refdata/ovs/antrea-flows, src/test/scripts/gen-antrea-flows.py):
     * each added alone (refused for an unknown group or meter, a goto_table backwards, ...), then every table dumped
     * in OpenFlow 1.5, 1.3 and 1.0 and with --names.
     */
    @Test
    void antreaFlowsAreOvsOwn(@TempDir Path tmp) throws IOException {
        OvsXlateActionsTest.replayWithStatus(tmp, REF.resolveSibling("antrea-flows").resolve("commands.in"));
    }
}
