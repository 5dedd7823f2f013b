package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tunnel fields in flows as OVS 3.1 takes them (differential/tunnel.out, src/test/scripts/record-flows.sh tunnel):
 * tun_flags knows only oam in OpenFlow, tun_tos and tun_ttl no protocol can carry, and none of them can be set.
 */
class TunnelFieldsDifferentialTest {
    static final Path OUT = Path.of("src/test/resources/refdata/ovs/differential/tunnel.out");

    @Test
    void tunnelFieldsAreParsedAndPrintedAsOvsDoes() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String b : Files.readString(OUT).split("(?m)^### ")) {
            if (b.isEmpty()) {
                continue;
            }
            String head = b.substring(0, b.indexOf('\n'));
            FlowsDifferentialTest.Case c = new FlowsDifferentialTest.Case(head.substring(0, head.indexOf(' ')),
                    head.substring(head.indexOf(' ') + 1), b.substring(head.length() + 1));
            String got = FlowsDifferentialTest.run(c);
            if (!got.equals(c.expected())) {
                failures.add("### " + head + "\n--- expected\n" + c.expected() + "--- got\n" + got);
            }
        }
        assertThat(failures).isEmpty();
    }
}
