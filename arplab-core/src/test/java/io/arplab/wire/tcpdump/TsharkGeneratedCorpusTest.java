package io.arplab.wire.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tshark generated corpus (refdata/local/tshark/generated): {@link TsharkGeneratedCorpus}'s frames as
 * TShark 4.0.17 printed them (recorded by its record.sh). Needs no tshark. Frames the printer does not decode
 * ({@link io.arplab.wire.tshark.TsharkPrinter#lastUndecoded()}) are counted by reason and left out.
 */
class TsharkGeneratedCorpusTest {
    static final Path DIR = Path.of("src/test/resources/refdata/local/tshark/generated");

    @Test
    void theCaptureIsWhatTheGeneratorMakes() {
        List<PcapRecord> recorded = PcapReader.readAll(DIR.resolve("generated.pcap"));
        List<PcapRecord> generated = TsharkGeneratedCorpus.records();
        assertThat(recorded).hasSameSizeAs(generated);
        for (int i = 0; i < recorded.size(); i++) {
            assertThat(recorded.get(i).data()).as("frame %d", i + 1).isEqualTo(generated.get(i).data());
        }
    }

    @Test
    void printsWhatTsharkPrinted() throws IOException {
        List<PcapRecord> records = PcapReader.readAll(DIR.resolve("generated.pcap"));
        String expected = Files.readString(DIR.resolve("tshark.out"), StandardCharsets.UTF_8);
        TsharkDifferentialTest.Comparison c = TsharkDifferentialTest.compare(records, expected,
                TsharkDifferentialTest.excluded(TsharkGeneratedCorpus.SEED));
        assertThat(c.compared()).as("frames compared").isGreaterThan(records.size() / 2);
        assertThat(c.mismatches()).as("%d of %d compared frames printed differently from tshark; first:\n%s",
                c.mismatches().size(), c.compared(),
                String.join("\n", c.mismatches().subList(0, Math.min(8, c.mismatches().size())))).isEmpty();
    }
}
