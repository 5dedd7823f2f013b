package io.arplab.wire.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TCP as TShark 4.0.17 prints it (refdata/local/tshark/tcp, made by its make-tcp.py and record.sh): conversations
 * over IPv4 and IPv6 with the events its sequence analysis flags, and arplab's own TCP captures of the cluster
 * example. Every frame the printer decodes must be TShark's line; needs no tshark.
 */
class TsharkTcpTest {
    static final Path DIR = Path.of("src/test/resources/refdata/local/tshark/tcp");

    @ParameterizedTest
    @ValueSource(strings = {"random-1", "random-5", "random-19", "random-31", "random-36", "cluster-frontend",
            "cluster-worker1", "cluster-backend2"})
    void printsWhatTsharkPrinted(String name) throws IOException {
        List<PcapRecord> records = PcapReader.readAll(DIR.resolve(name + ".pcap"));
        String expected = Files.readString(DIR.resolve(name + ".tshark"), StandardCharsets.UTF_8);
        TsharkDifferentialTest.Comparison c = TsharkDifferentialTest.compare(records, expected, Set.of());
        assertThat(c.compared()).as("frames compared").isGreaterThan(records.size() * 3 / 4);
        assertThat(c.mismatches()).as("%d of %d compared frames printed differently from tshark; first:\n%s",
                c.mismatches().size(), c.compared(),
                String.join("\n", c.mismatches().subList(0, Math.min(8, c.mismatches().size())))).isEmpty();
    }

    /** The recordings hold every flag tcp_print_sequence_number_analysis() prints, and AccECN's ACE counter. */
    @Test
    void theRecordingsExerciseEveryAnalysisFlag() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tshark")).sorted().toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertThat(all.toString()).contains("[TCP Retransmission] ", "[TCP Fast Retransmission] ",
                "[TCP Spurious Retransmission] ", "[TCP Out-Of-Order] ", "[TCP Previous segment not captured] ",
                "[TCP ACKed unseen segment] ", "[TCP Window Update] ", "[TCP Window Full] ", "[TCP Keep-Alive] ",
                "[TCP Keep-Alive ACK] ", "[TCP Dup ACK ", "[TCP ZeroWindow] ", "[TCP ZeroWindowProbe] ",
                "[TCP ZeroWindowProbeAck] ", "[TCP Port numbers reused] ", ", ACE=", " SLE=", " WS=", " TSval=");
    }
}
