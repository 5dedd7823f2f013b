package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.lab.Lab;
import io.arplab.wire.MacAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the tools print when getaddrinfo() fails with EAI_AGAIN (the name server cannot be reached), against
 * refdata/local/resolver/eai-again.out (its record.sh): every tool takes the text from the one resolver rule,
 * {@link io.arplab.runtime.Resolver#lookupErrorFor(String)}.
 */
class ResolverErrorsRecordingTest {
    static final Path DIR = Path.of("src/test/resources/refdata/local/resolver");

    @Test
    void everyToolReportsTheResolversOwnFailure() throws IOException {
        Lab lab = new Lab(1);
        Host host = lab.addHost("host");
        LinuxBridge br = lab.addBridge("br0", MacAddress.parse("02:42:0a:00:00:01"), host, "10.0.0.1/24");
        Host n1 = lab.addHost("n1");
        lab.attach(n1, "eth0", MacAddress.parse("02:42:0a:00:00:02"), "10.0.0.2/24", br, "veth-n1",
                MacAddress.parse("ee:42:0a:00:00:02"));
        lab.resolver().lookupError("Temporary failure in name resolution");
        StringBuilder replay = new StringBuilder();
        List<String> commands = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("commands.txt"))) {
            if (!line.isBlank()) {
                commands.add(line);
            }
        }
        for (String command : commands) {
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int rc = lab.exec("n1", CommandLineSplitter.split(command), new PrintWriter(o), new PrintWriter(e));
            replay.append("$ ").append(command).append('\n').append(o).append("--- stderr\n").append(e)
                    .append("[exit ").append(rc).append("]\n");
        }
        assertThat(replay.toString()).isEqualTo(Files.readString(DIR.resolve("eai-again.out")));
    }
}
