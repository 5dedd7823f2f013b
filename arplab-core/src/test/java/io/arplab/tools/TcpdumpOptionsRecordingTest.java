package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
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
 * tcpdump 4.99.3 capturing live with -s (truncated frames and their [|proto] marks, the snapshot length in the -w
 * file), -Q in|out and -A/-AA, replayed from refdata/local/tcpdump/options.out (its record.sh): a captures on eth0
 * while it pings b twice, then is interrupted.
 */
class TcpdumpOptionsRecordingTest {
    static final Path DIR = Path.of("src/test/resources/refdata/local/tcpdump");

    @Test
    void capturesAsTcpdumpDoesWithSnaplenDirectionAndAscii() throws IOException {
        String want = Files.readString(DIR.resolve("options.out"));
        Path work = Files.createTempDirectory("tcpdump-options");
        Lab lab = new Lab(5);
        lab.setWorkDir(work);
        Host a = lab.addHost("a");
        Host b = lab.addHost("b");
        lab.link(a, "eth0", MacAddress.parse("02:00:0a:09:00:01"), "10.9.0.1/24", b, "eth0",
                MacAddress.parse("02:00:0a:09:00:02"), "10.9.0.2/24");
        lab.runFor(2_000_000_000L);
        StringBuilder got = new StringBuilder();
        for (String line : want.split("\n")) {
            if (!line.startsWith("$ a: tcpdump ")) {
                continue;
            }
            List<String> words = CommandLineSplitter.split(line.substring("$ a: ".length()));
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int rc;
            if (words.contains("-r")) {
                rc = lab.exec("a", words, new PrintWriter(o), new PrintWriter(o)); // recorded with 2>&1
            } else {
                lab.exec("a", "ip neigh flush all");
                lab.exec("b", "ip neigh flush all");
                ToolContext ctx = lab.start("a", words, new PrintWriter(o), new PrintWriter(e));
                lab.runFor(1_000_000_000L);
                lab.exec("a", "ping -c2 -q 10.9.0.2");
                lab.runFor(1_000_000_000L);
                ctx.interrupt();
                lab.await(ctx);
                rc = ctx.exitCode();
            }
            got.append(line).append('\n').append(o);
            if (!e.toString().isEmpty()) {
                got.append("--- stderr\n").append(e);
            }
            got.append("[exit ").append(rc).append("]\n");
        }
        Files.writeString(Path.of("target/tcpdump-options.out"), got);
        assertThat(mask(got.toString())).isEqualTo(mask(want));
    }

    /**
     * Times, ICMP ids and, in -A dumps, the bytes of an echo (IP id and checksum, ping's id and timestamp) differ
     * from run to run; ARP frames are dumped whole. With -c, what the kernel had counted by the time tcpdump stopped
     * depends on how fast it ran ("received by filter").
     */
    private static String mask(String s) {
        List<String> out = new ArrayList<>();
        boolean echo = false;
        boolean counted = false;
        for (String line : s.split("\n", -1)) {
            counted = line.startsWith("$ ") ? line.contains(" -c ") : counted;
            boolean stamped = line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{6} .*");
            if (counted && line.matches("\\d+ packets? received by filter")) {
                line = "N packets received by filter";
            }
            if (stamped) {
                echo = line.contains("ICMP echo");
                out.add(line.replaceAll("^\\d\\d:\\d\\d:\\d\\d\\.\\d{6}", "T").replaceAll("id \\d+,", "id I,"));
            } else if (!echo || line.startsWith("$ ") || line.startsWith("--- ") || line.startsWith("[exit")) {
                echo = echo && !line.startsWith("$ ") && !line.startsWith("--- ");
                out.add(line);
            }
        }
        return String.join("\n", out);
    }
}
