package io.arplab.flow;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing of the OpenFlow flow parser: any text is a flow (added to a table and printed in every
 * protocol) or an error OVS would give (FlowParseException, ActionCheckException); nothing else may escape.
 */
class FlowParserFuzzTest {
    @FuzzTest
    void parsesOrRefuses(byte[] bytes) {
        String line = new String(bytes, StandardCharsets.UTF_8);
        for (FlowMod.Command command : new FlowMod.Command[] {FlowMod.Command.ADD, FlowMod.Command.QUERY}) {
            FlowTables t = new FlowTables();
            try {
                FlowMod fm = FlowParser.parse(line, command, PortMap.NONE);
                if (command != FlowMod.Command.ADD) {
                    continue;
                }
                for (OfVersion v : List.of(OfVersion.OF10, OfVersion.OF13, OfVersion.OF15)) {
                    if (fm.usableError(v) == null) {
                        t.apply(fm, v, 0);
                        break;
                    }
                }
            } catch (FlowParseException | ActionCheckException e) {
                continue;
            }
            for (OfVersion d : List.of(OfVersion.OF10, OfVersion.OF13, OfVersion.OF15)) {
                for (Rule r : t.all()) {
                    FlowStatsFormat.format(r, d, false, PortMap.NONE, 0);
                }
            }
        }
    }
}
