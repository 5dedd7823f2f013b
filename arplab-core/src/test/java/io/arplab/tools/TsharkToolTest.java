package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import io.arplab.lab.Lab;
import io.arplab.wire.MacAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * tshark's command line against TShark 4.0.17 (refdata/local/tshark/cli, recorded by its record.sh): stdout,
 * stderr and exit status of each case, with the same input files made the same way.
 */
class TsharkToolTest {
    static final Path DIR = Path.of("src/test/resources/refdata/local/tshark/cli");

    @TempDir
    static Path work;

    @BeforeAll
    static void inputs() throws IOException {
        byte[] ping = Files.readAllBytes(DIR.resolve("ping.pcap"));
        Files.write(work.resolve("ping.pcap"), ping);
        Files.writeString(work.resolve("bad.pcap"), "garbage\n");
        Files.write(work.resolve("cut.pcap"), Arrays.copyOf(ping, 300));
        Files.write(work.resolve("empty.pcap"), new byte[0]);
        Files.createDirectories(work.resolve("dir"));
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("cases.txt"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String name = line.substring(0, line.indexOf('|'));
            String args = line.substring(line.indexOf('|') + 1);
            out.add(Arguments.of(Named.of(name + ": tshark " + args, name), List.of(args.split(" +"))));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsAndExitsAsTsharkDoes(String name, List<String> args) throws IOException {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = TsharkTool.run(args, work, new PrintWriter(o), new PrintWriter(e));
        assertThat(o.toString()).as("stdout").isEqualTo(read(name + ".out"));
        assertThat(e.toString()).as("stderr").isEqualTo(read(name + ".err"));
        assertThat(rc).as("exit status").isEqualTo(Integer.parseInt(read(name + ".rc").trim()));
    }

    @Test
    void capturesLiveOnANodeUntilCount() {
        Lab lab = SysctlRecordingTest.lab();
        lab.attach(lab.addHost("n2"), "eth0", MacAddress.parse("00:00:0c:12:34:56"), "172.28.0.12/16",
                lab.bridge("br0"), "veth1", MacAddress.parse("ee:ee:ee:1c:00:0c"));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        ToolContext ctx = lab.start("n2", List.of("tshark", "-i", "eth0", "-c", "4"), new PrintWriter(o),
                new PrintWriter(e));
        assertThat(lab.exec("n1", "ping -c 2 172.28.0.12").exitCode()).isZero();
        lab.runFor(1_000_000_000L);
        assertThat(ctx.exitCode()).isZero();
        assertThat(o.toString().lines().map(l -> l.replaceFirst("^( +[0-9]+) +[0-9.]+ ", "$1 ")).toList()).containsExactly(
                "    1 02:42:ac:1c:00:0b \u2192 Broadcast    ARP 42 Who has 172.28.0.12? Tell 172.28.0.11",
                "    2 Cisco_12:34:56 \u2192 02:42:ac:1c:00:0b ARP 42 172.28.0.12 is at 00:00:0c:12:34:56",
                "    3  172.28.0.11 \u2192 172.28.0.12  ICMP 98 Echo (ping) request  id=0x" + id(o) + ", seq=1/256, ttl=64",
                "    4  172.28.0.12 \u2192 172.28.0.11  ICMP 98 Echo (ping) reply    id=0x" + id(o)
                        + ", seq=1/256, ttl=64 (request in 3)");
        assertThat(o.toString().lines().findFirst().orElseThrow()).startsWith("    1 0.000000000 ");
        List<String> err = e.toString().lines().toList();
        assertThat(err.get(0)).isEqualTo(TsharkTool.ROOT);
        assertThat(err.get(1)).isEqualTo("Capturing on 'eth0'");
        assertThat(err.get(2)).matches(" \\*\\* \\(tshark:[0-9]+\\) [0-9:.]{15} \\[Main MESSAGE\\] -- Capture started\\.");
        assertThat(err.subList(4, err.size())).containsExactly("tshark: ", "4 packets captured");
    }

    @Test
    void aMissingInterfaceIsNamed() {
        Lab.Result r = SysctlRecordingTest.lab().exec("n1", "tshark -i eth9");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo(TsharkTool.ROOT + "\nCapturing on 'eth9'\ntshark: There is no device named "
                + "\"eth9\".\n(No such device exists)\n\ntshark: \n0 packets captured\n");
    }

    private static String id(StringWriter o) {
        String s = o.toString();
        int at = s.indexOf("id=0x");
        return s.substring(at + 5, at + 9);
    }

    private static String read(String file) throws IOException {
        return Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
    }
}
