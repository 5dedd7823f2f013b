package io.arplab.wire.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.testing.TcpdumpCorpus;
import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The held-out rounds (refdata/tcpdump/heldout and heldout14, gen-heldout13.py's and gen-heldout14.py's cases
 * printed by TShark 4.0.17 with record-heldout.sh 13 and 14): each case's tshark.out frame by frame;
 * frames the printer does not decode are left out. {@code -Dtshark.heldout.dump=F} appends each case's figures to F.
 */
class TsharkHeldoutTest {
    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        return TcpdumpCorpus.heldoutCaseDirs().stream()
                .map(d -> Arguments.of(Named.of(d.getFileName().toString(), d)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsWhatTsharkPrinted(Path dir) throws IOException {
        List<PcapRecord> records = PcapReader.readAll(dir.resolve(dir.getFileName() + ".pcap"));
        String expected = Files.readString(dir.resolve("tshark.out"), StandardCharsets.UTF_8);
        TsharkDifferentialTest.Comparison c = TsharkDifferentialTest.compare(records, expected, Set.of());
        String dump = System.getProperty("tshark.heldout.dump");
        if (dump != null) {
            // one line a case: its round and name, frames compared and matched, the undecoded ones by reason
            Files.writeString(Path.of(dump), dir.getParent().getFileName() + "/" + dir.getFileName() + " compared "
                    + c.compared() + " matched " + c.matched() + " undecoded " + c.undecoded() + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        assertThat(c.mismatches()).as("%d of %d compared frames printed differently from tshark; first:\n%s",
                c.mismatches().size(), c.compared(),
                String.join("\n", c.mismatches().subList(0, Math.min(8, c.mismatches().size())))).isEmpty();
    }
}
