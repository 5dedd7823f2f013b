package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * arplab's iptables against Debian 12's (iptables v1.8.9 (nf_tables)): each case of refdata/local/iptables/cases,
 * recorded by record.sh in namespaces laid out as lab.yaml, replayed on that lab section by section (the commands'
 * stdout, stderr and exit status; pings' and traceroutes' through the rules).
 */
class IptablesRecordingTest {
    static Stream<String> cases() throws Exception {
        try (Stream<Path> s = Files.list(dir().resolve("cases"))) {
            String only = System.getProperty("iptables.cases", ".*"); // -Diptables.cases=REGEX: the cases named so
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".out"))
                    .filter(n -> n.substring(0, n.length() - 4).matches(only)).sorted().toList().stream();
        }
    }

    private static Path dir() throws Exception {
        return Path.of(IptablesRecordingTest.class.getResource("/refdata/local/iptables/lab.yaml").toURI()).getParent();
    }

    /** Cases whose recording shows what arplab does not model yet (README, "Netfilter, sixth round"). */
    private static final java.util.Map<String, String> NOT_YET = java.util.Map.of(
            "tables.out", "the mangle, raw and security tables (their built-in chains at NF_IP_PRI_RAW and"
                    + " NF_IP_PRI_MANGLE, listings and iptables-save) are not modelled: arplab has filter and nat");

    @ParameterizedTest
    @MethodSource("cases")
    void replaysAsRecorded(String name) throws Exception {
        // -Diptables.all replays the skipped cases too
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("iptables.all") != null
                || !NOT_YET.containsKey(name), () -> NOT_YET.get(name));
        Path dir = dir();
        TopologyLoader.Loaded l = TopologyLoader.parse("lab.yaml", Files.readString(dir.resolve("lab.yaml")), "iptables");
        Lab lab = TopologyBuilder.build(l.topology(), 1);
        List<String> rec = Files.readAllLines(dir.resolve("cases").resolve(name));
        int end = NodeTranscript.replay(lab, rec, line -> false, true);
        assertThat(end).isEqualTo(rec.size());
    }
}
