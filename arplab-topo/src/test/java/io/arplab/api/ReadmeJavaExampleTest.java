package io.arplab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.arplab.testing.RealTools;
import io.arplab.testing.Sources;
import io.arplab.wire.pcap.CaptureReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Using arplab from Java": its first code block is {@link #example()} between the markers, word for
 * word, and its JUnit block is examples/junit's test between its markers; running the example writes a pcap the
 * real tcpdump reads.
 */
class ReadmeJavaExampleTest {
    private static final Path PCAPS = Path.of("target/pcaps");

    static void example() {
        // README begin
        try (Lab lab = Lab.builder().file(Path.of("examples/arp-lab/lab.yaml")).pcapDir(Path.of("target/pcaps")).build()) {
            Node node1 = lab.node("node1");
            PingResult ping = node1.ping("node3", 3);                  // in virtual time: two seconds pass
            System.out.println(ping.received() + " replies, rtts " + ping.rtts());
            lab.advance(Duration.ofSeconds(60));                        // nobody talks: the entry goes STALE
            System.out.println(node1.neigh("172.28.0.13").orElseThrow()); // as ip neigh show prints it
            System.out.print(lab.capture("node1", "eth0").filter("arp")); // as tcpdump -n -r ... arp prints it
        }                                                               // close(): target/pcaps/node1.pcap ...
        // README end
    }

    @Test
    void theReadmeShowsTheExampleAndTheJunitTestWordForWord() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int section = readme.indexOf("## Using arplab from Java");
        assertThat(section).isNotNegative();
        Matcher blocks = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(section));
        assertThat(blocks.find()).isTrue();
        assertThat(blocks.group(1)).isEqualTo(region(Sources.test("io/arplab/api/ReadmeJavaExampleTest.java"),
                "README"));
        assertThat(blocks.find()).isTrue();
        assertThat(blocks.group(1)).isEqualTo(region(Path.of(
                "examples/junit/src/test/java/com/example/arp/GatewaySpoofingTest.java"), "README-junit") + "    ...\n}\n");
    }

    /** The lines between "// NAME begin" and "// NAME end", their common indentation removed. */
    private static String region(Path file, String name) throws IOException {
        String text = Files.readString(file);
        int from = text.indexOf("// " + name + " begin\n");
        int to = text.indexOf("// " + name + " end\n");
        assertThat(from).as(file + " has its markers").isNotNegative();
        List<String> lines = text.substring(text.indexOf('\n', from) + 1, text.lastIndexOf('\n', to) + 1).lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min()
                .orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void theExampleWritesAPcapTcpdumpReads() throws IOException {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            example();
        } finally {
            System.setOut(out);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("3 replies, rtts [PT").contains("\n172.28.0.13 dev eth0 lladdr 02:42:ac:1c:00:0d STALE \n");
        Path pcap = PCAPS.resolve("node1.pcap");
        assertThat(CaptureReader.readAll(pcap)).hasSizeGreaterThan(8);
        assumeTrue(RealTools.has("tcpdump"), "tcpdump is not installed");
        RealTools.Result r = RealTools.run(List.of("tcpdump", "-n", "-r", pcap.toString(), "arp"));
        assertThat(r.exit()).isZero();
        assertThat(text).endsWith(r.out());
    }
}
