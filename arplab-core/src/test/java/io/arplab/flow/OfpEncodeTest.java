package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The flow_mod wire encoding and its hex dumps against OVS 3.1's own (refdata/ovs/flowmod-errors/ct-exec.out,
 * src/test/scripts/record-ovs-commands.sh flowmod-errors): each refused ct(exec(...)) without commit, its actions
 * hex-dumped in the log and the whole flow_mod after "***decode error***".
 */
class OfpEncodeTest {
    static final Path OUT = Path.of("src/test/resources/refdata/ovs/flowmod-errors/ct-exec.out");
    static final Pattern ADD = Pattern.compile("ovs-ofctl -O (OpenFlow1\\d) add-flow br0 '(.*)'");

    @Test
    void refusedFlowModsAreHexDumpedAsOvsDoes() throws IOException {
        int checked = 0;
        for (String b : Files.readString(OUT).split("(?m)^### ")) {
            int nl = b.indexOf('\n');
            Matcher m = nl < 0 ? null : ADD.matcher(b.substring(0, nl));
            if (m == null || !m.matches() || !b.contains("decode error")) {
                continue;
            }
            OfVersion v = OfVersion.byName(m.group(1));
            FlowMod fm = FlowParser.parse(m.group(2), FlowMod.Command.ADD, PortMap.NONE);
            String error = new Ofproto("br0", 1, 1).flowMod(fm, v, 0);
            List<String> got = new ArrayList<>();
            for (String l : FlowStatsFormat.flowModErrorLog(fm, v, error)) {
                got.add(String.format("TIME|%05d|%s", got.size() + 1, l));
            }
            got.addAll(FlowStatsFormat.flowModError(fm, v, error, FlowStatsFormat.flowModXid(v, false, false, 0)));
            String want = b.substring(nl + 1).replaceAll("(?m)^\\d{4}-\\d\\d-\\d\\dT[0-9:]{8}Z\\|", "TIME|");
            assertThat(String.join("\n", got).replaceAll("(?m)^TIME\\|\\d+\\|", "TIME|") + "\n")
                    .isEqualTo(want.replaceAll("(?m)^TIME\\|\\d+\\|", "TIME|"));
            checked++;
        }
        assertThat(checked).isEqualTo(3);
    }

    @Test
    void hexDumpLaysOutSixteenBytesALine() {
        byte[] b = new byte[24];
        b[0] = 'A';
        assertThat(OfpEncode.hexDump(b, true)).isEqualTo(
                "00000000  41 00 00 00 00 00 00 00-00 00 00 00 00 00 00 00 |A...............|\n"
                + "00000010  00 00 00 00 00 00 00 00-                        |........        |\n");
    }
}
