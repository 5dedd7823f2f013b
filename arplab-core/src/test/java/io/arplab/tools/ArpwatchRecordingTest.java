package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * arpwatch -r on gen-arpwatch.py's captures against what the real arpwatch 2.1a15 printed and left in its data file
 * (refdata/local/arpwatch, record-arpwatch.sh): each run's stdout, stderr, exit status and arp.dat.
 */
class ArpwatchRecordingTest {
    static final Path DIR = Path.of("src/test/resources/refdata/local/arpwatch");

    static Stream<String> recordings() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".out")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("recordings")
    void printsAndKeepsWhatTheRealOneDid(String file) throws IOException {
        String recorded = Files.readString(DIR.resolve(file));
        StringBuilder got = new StringBuilder();
        for (String block : recorded.split("(?=\\$ arpwatch )")) {
            String title = block.substring(2, block.indexOf('\n'));
            List<String> words = new ArrayList<>(List.of(title.split(" ")));
            // "-r CASE.pcap -f arp.dat": the capture from the folder, the data file (CASE.dat or empty) in a temp dir
            String pcap = words.get(words.indexOf("-r") + 1);
            String name = pcap.substring(0, pcap.length() - ".pcap".length());
            Path tmp = Files.createTempDirectory("arpwatch");
            Path dat = tmp.resolve("arp.dat");
            Path seed = DIR.resolve(name + ".dat");
            Files.writeString(dat, Files.exists(seed) ? Files.readString(seed) : "");
            words.set(words.indexOf("-r") + 1, DIR.resolve(pcap).toAbsolutePath().toString());
            words.set(words.indexOf("-f") + 1, dat.toString());
            Lab lab = new Lab(7);
            lab.addHost("vm"); // the recording machine's name, in each mail's From line
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int rc = lab.exec("vm", words, new PrintWriter(o), new PrintWriter(e));
            got.append("$ ").append(title).append('\n').append(o);
            if (!e.toString().isEmpty()) {
                got.append("--- stderr\n").append(e);
            }
            got.append("[exit ").append(rc).append("]\n--- arp.dat\n").append(Files.readString(dat));
        }
        assertThat(got.toString()).isEqualTo(recorded);
    }
}
